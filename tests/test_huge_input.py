"""Huge pages: a 5 MB page, JSX nested 1,000 deep, 10,000 tooltips. No RecursionError, no lost
word. (How the time grows is measured by tools/bench_parse.py, not by a test.)"""

from __future__ import annotations

import re
import sys

from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from sphinx.util.console import strip_colors

from conftest import PROJECT, sphinx_build, write_project

sys.path.insert(0, str(PROJECT / "tools"))

import bench_parse  # noqa: E402
from sphinx_mdx.components import COMPONENTS, INLINE_COMPONENTS  # noqa: E402
from sphinx_mdx.html import INLINE_NAMES  # noqa: E402
from sphinx_mdx.syntax import mdx_plugin  # noqa: E402


def test_five_megabyte_page_parses_whole():
    source = bench_parse.page(8)
    assert len(source) > 5_000_000
    md = MarkdownIt("commonmark").enable("table").use(mdx_plugin, INLINE_COMPONENTS | INLINE_NAMES, COMPONENTS)
    tokens = md.parse(source)
    sections = source.count("\n## Section ")
    tooltips = [child for token in tokens for child in token.children or ()
                if child.type == "jsx_inline_open" and child.meta["tag"].name == "Tooltip"]
    boxes = [token for token in tokens if token.type == "jsx_flow_open" and token.meta["tag"].name == "InfoBox"]
    assert len(tooltips) == len(boxes) == sections
    assert not [token for token in tokens if token.type == "mdx_problem"]


def _build(tmp_path, source: str):
    srcdir = write_project(tmp_path / "src", {"index.md": source})
    result = sphinx_build(srcdir, tmp_path / "out", "html", "--keep-going")
    assert "RecursionError" not in result.stderr and "Traceback" not in result.stderr, result.stderr[-2000:]
    page = BeautifulSoup((tmp_path / "out" / "index.html").read_text(encoding="utf-8"), "html.parser")
    return page.find(role="main") or page.body, strip_colors(result.stderr).splitlines()


def test_jsx_nested_a_thousand_deep(tmp_path):
    source = bench_parse.nesting(8)
    content, warnings = _build(tmp_path, source)
    assert "deep words" in content.get_text()
    assert len(content.select(".mdx-infobox")) >= 40
    flattened = [w for w in warnings if "are flattened" in w]
    assert len(flattened) == 1
    line = int(re.search(r"index\.md:(\d+):", flattened[0]).group(1))
    assert source.splitlines()[line - 1] == "<InfoBox>"


def test_inline_elements_nested_a_thousand_deep(tmp_path):
    content, warnings = _build(tmp_path, "# Inline\n\nbefore " + "<b>" * 1000 + "deep" + "</b>" * 1000 + " after\n")
    assert "before deep after" in " ".join(content.get_text().split())
    assert [w for w in warnings if "are flattened" in w]


def test_ten_thousand_tooltips(tmp_path):
    content, warnings = _build(tmp_path, bench_parse.tooltips(8))
    bodies = content.select(".mdx-tooltip-body")
    assert len(bodies) == 10_000
    assert bodies[-1].get_text() == "body 9999" and "word9999" in content.get_text()
    assert warnings == []
