"""The HTML sanitizer is a last line of defence: it removes only what no legitimate path writes.

Every page body of the test roots, the project's site and (when it is beside the clone) the
librarium corpus is the same document before and after :func:`sphinx_mdx.trust.sanitize`.
"""

from __future__ import annotations

import io
import re

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from conftest import PROJECT
from sphinx_mdx.trust import sanitize

CORPUS = PROJECT.parent / "shared" / "corpus" / "librarium"

FOLDERS = {
    "site": (PROJECT / "source", PROJECT),
    **{name: (PROJECT / "tests" / "roots" / f"test-{name}", None) for name in ("components", "tree", "anchor")},
    **{f"corpus-{name}": (CORPUS / name, PROJECT) for name in ("faq", "dev")},
}


def _bodies(source, confdir, outdir) -> dict[str, str]:
    """Each page's body as the writer made it, before the sanitizer (which runs last)."""
    bodies: dict[str, str] = {}
    with docutils_namespace():  # what the build registers with docutils is undone after it, as SphinxTestApp does
        app = Sphinx(str(source), str(confdir or source), str(outdir), str(outdir / ".doctrees"), "html",
                     status=None, warning=io.StringIO(), freshenv=True)
        app.connect("html-page-context", lambda app, name, template, context, doctree:
                    bodies.__setitem__(name, context.get("body", "")), priority=100)
        app.build()
    return {name: body for name, body in bodies.items() if body}


def _parse(fragment: str) -> Tag:
    """``fragment`` parsed as a browser parses it (html5lib follows the WHATWG standard, as
    the sanitizer does): a ``<div>`` inside a ``<p>`` closes the paragraph in both."""
    return BeautifulSoup(fragment, "html5lib").body


def _style(value: str) -> str:
    return ";".join(part.replace(" ", "") for part in value.split(";") if part.strip())


def _shape(node) -> list:
    """The document a browser would build: elements, attributes and text, in order."""
    shape = []
    for child in node.children:
        if isinstance(child, Tag):
            attributes = {name: (_style(value) if name == "style" else value) for name, value in child.attrs.items()}
            shape.append((child.name, sorted((k, str(v)) for k, v in attributes.items()), _shape(child)))
        elif isinstance(child, NavigableString) and type(child) is NavigableString:
            shape.append(re.sub(r"\s+", " ", str(child)))
    return shape


@pytest.mark.parametrize("folder", list(FOLDERS))
def test_sanitizer_changes_no_legitimate_page(folder, tmp_path):
    source, confdir = FOLDERS[folder]
    if not source.is_dir():
        pytest.skip(f"no corpus at {source}")
    bodies = _bodies(source, confdir, tmp_path)
    assert bodies
    for name, body in bodies.items():
        before = _shape(_parse(body))
        after = _shape(_parse(sanitize(body)))
        assert before == after, name


def test_sanitizer_removes_what_no_legitimate_path_writes():
    hostile = ('<p onclick="x()">a<script>alert(1)</script><a href="javascript:x">b</a>'
               '<img src="data:image/png;base64,AA" alt="c"><span style="position:fixed;left:0">d</span>'
               '<iframe src="https://evil.example/"></iframe><meta http-equiv="refresh" content="0"></p>')
    clean = BeautifulSoup(sanitize(hostile), "html.parser")
    assert clean.find(["script", "meta"]) is None
    assert all(not name.startswith("on") for element in clean.find_all(True) for name in element.attrs)
    assert clean.find("a").get("href") is None and clean.find("img").get("src") is None
    assert clean.find("span")["style"] == "left:0" and clean.find("img")["alt"] == "c"
    assert clean.get_text() == "abd"
