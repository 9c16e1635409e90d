"""Hostile shapes: no crash, every word kept, the expected warning at its line. How their time
grows is measured by tools/bench_parse.py at up to 1 MB, never by a timed test.

The tag scanner remembers what its scans read; it must answer exactly as a scan from scratch
would, which a reference (the scan it replaces) checks on random MDX-like text.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_block import lheading, paragraph
from mdit_py_plugins.myst_role import myst_role_plugin
from myst_parser.config.main import MdParserConfig
from sphinx.util.console import strip_colors

from conftest import sphinx_build, write_project

from sphinx_mdx.attributes import MAX_LITERAL_DEPTH, MAX_LITERAL_LENGTH
from sphinx_mdx.components import COMPONENTS, INLINE_COMPONENTS
from sphinx_mdx.flavours import DOCUSAURUS, MDX1
from sphinx_mdx.html import INLINE_NAMES
from sphinx_mdx.parser import _mdx_markdown_it
from sphinx_mdx.syntax import mdx_plugin
from sphinx_mdx.syntax.esm import imported_names
from sphinx_mdx.syntax.problems import FLATTEN_LEVEL, MARKUP_DEPTH
from sphinx_mdx.syntax.tags import IMPLIED_END, Comment, Tag, TagKind, TagScanner, scan_tag

IMPORTS = "import Tooltip from 'x';\nimport PointsOfInterest from 'y';\n\n"


def reference_closing(src: str, pos: int, end: int, name: str) -> Tag | None:
    """``find_closing`` as it was: one scan from ``pos`` for every element."""
    opened_by, closed_by = IMPLIED_END.get(name.lower(), (frozenset(), frozenset()))
    depth, i = 1, pos
    while True:
        lt, tick = src.find("<", i, end), src.find("`", i, end)
        if lt == -1 and tick == -1:
            return Tag(name, TagKind.CLOSE, end, end) if opened_by and depth == 1 else None
        if tick != -1 and (lt == -1 or tick < lt):
            run_end = tick
            while run_end < end and src[run_end] == "`":
                run_end += 1
            close = src.find(src[tick:run_end], run_end, end)
            i = run_end if close == -1 else close + run_end - tick
            continue
        if src.startswith("<!--", lt) and (close := src.find("-->", lt + 4, end)) != -1:
            i = close + 3
            continue
        tag = scan_tag(src, lt, end)
        if tag is None:
            i = lt + 1
            continue
        lowered = tag.name.lower()
        if depth == 1 and ((tag.kind is TagKind.OPEN and lowered in opened_by)
                           or (tag.kind is TagKind.CLOSE and lowered in closed_by)):
            return Tag(name, TagKind.CLOSE, tag.start, tag.start)
        if tag.name == name and tag.kind is not TagKind.SELF_CLOSING:
            depth += 1 if tag.kind is TagKind.OPEN else -1
            if depth == 0:
                return tag
        i = tag.end


def reference_expression(src: str, pos: int, end: int) -> int | None:
    """``scan_expression`` as it was: one scan from ``pos``, character by character."""
    depth, i = 0, pos
    while i < end:
        char = src[i]
        if char in "\"'`":
            i += 1
            while i < end and src[i] != char:
                if src[i] == "\n" and char != "`":
                    return None
                i += 2 if src[i] == "\\" else 1
            if i >= end:
                return None
        elif char in "{}":
            depth += 1 if char == "{" else -1
            if depth == 0:
                return i + 1
        i += 1
    return None


def reference_comment(src: str, pos: int, end: int) -> Comment | None:
    """``scan_comment`` as it was: one search for ``-->`` per comment."""
    close = src.find("-->", pos + 4, end) if src.startswith("<!--", pos) else -1
    return None if close == -1 else Comment(pos, close + 3)


FRAGMENTS = ("<b>", "</b>", "<B>", "<li>", "</li>", "<LI>", "<ul>", "</ul>", "<p>", "</p>", "<div>", "</div>",
             "<td>", "<tr>", "</tr>", "<table>", "<i>", "</i>", "<br>", "<b/>", "`", "``", "```", "<!--", "-->",
             "{", "}", "<a x={", "<a x={1}>", "</a>", "'", '"', "\n", " ", "word", "<", ">", "<b x='</b>'>",
             "<X a={<b>}>", "</X>", "<X>", "<Tabs.TabPane>", "</Tabs.TabPane>", '<a y="{">', "\\")
NAMES = ("b", "B", "li", "LI", "p", "td", "tr", "i", "a", "X", "Tabs.TabPane", "ul", "div")


@settings(max_examples=300, deadline=None)
@given(fragments=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=60), data=st.data())
def test_the_scanner_answers_as_a_scan_from_scratch(fragments, data):
    src = "".join(fragments)
    scanner = TagScanner(src)
    tags = [tag for lt in range(len(src)) if (tag := scan_tag(src, lt, len(src))) is not None]
    for _ in range(40):
        pos = data.draw(st.sampled_from([0, *(tag.end for tag in tags)]))
        end = data.draw(st.integers(pos, len(src)))  # callers end at line ends and tags; any end must do
        name = data.draw(st.sampled_from(NAMES))
        assert scanner.find_closing(pos, end, name) == reference_closing(src, pos, end, name), (pos, end, name)
        at = data.draw(st.sampled_from([i for i, char in enumerate(src) if char in "<{"] or [0]))
        end = data.draw(st.integers(at, len(src)))
        assert scanner.scan_tag(at, end) == TagScanner(src).scan_tag(at, end)
        assert scanner.scan_comment(at, end) == reference_comment(src, at, end)
        if src[at] == "{":
            assert scanner.scan_expression(at, end) == reference_expression(src, at, end)


def test_imports_read_by_tokens():
    source = ("import InfoBox from '@librarium/shared/src/components/InfoBox';\n"
              'import Default, {\n  Tabs,\n  Tooltip as Tip,\n} from "shared"\n'
              "import * as All from 'all'; import 'side-effect';\n"
              "export const meta = {a: 1};\nimport B, * as NS from 'b';")
    assert [(i.name, i.module, i.line_offset) for i in imported_names(source)] == [
        ("InfoBox", "@librarium/shared/src/components/InfoBox", 0), ("Default", "shared", 1),
        ("Tabs", "shared", 1), ("Tip", "shared", 1), ("All", "all", 5), ("B", "b", 7), ("NS", "b", 7)]
    assert imported_names("import " * 1000) == []


def myst_markdown_it(with_mdx: bool = True) -> MarkdownIt:
    """markdown-it with MyST's roles (which MyST's parser has), and our rules as the Sphinx parser adds them."""
    md = MarkdownIt("commonmark").enable("table").use(myst_role_plugin)
    return md.use(mdx_plugin, INLINE_COMPONENTS | INLINE_NAMES, COMPONENTS) if with_mdx else md


def test_myst_roles_read_as_myst_reads_them():
    def roles(md: MarkdownIt, source: str) -> list:
        return [(token.type, token.content, token.meta.get("name")) for block in md.parse(source)
                for token in block.children or () if token.type in ("myst_role", "text")]

    for source in ("{ref}`target`", "a {abbr}``x `y` z`` b", "{r}`unclosed", "{a}", "{x}```", "\\{r}`x`",
                   "{a:b}`c\nd` e", "{bad name}`x`", "{r}`a` and {s}`b`", "{r}``", "`{r}`x``"):
        assert roles(myst_markdown_it(), source) == roles(myst_markdown_it(with_mdx=False), source), source


#: Lines that start, end, underline or continue a paragraph, in either flavour.
LINES = ("text", "more *text*", "===", "---", "- - -", "  ===", "    ---", "- item", "  - nested", "1. one",
         "> quoted", "> > deeper", "    indented", "\tтаб", "```", "~~~ js", "# heading", "| a | b |", "|---|---|",
         "<InfoBox>", "</InfoBox>", "<a x={", "<br />", "<!-- c -->", "{/* c */}", ":::note", ":::", "[r]: /x",
         "[^1]: note", "(target)=", "+++", "% comment", "import X from 'x';", "")


def markdown_its(flavour) -> tuple[MarkdownIt, MarkdownIt]:
    """The Sphinx parser's markdown-it for ``flavour``, and the same with markdown-it's own
    ``lheading`` and ``paragraph`` rules, which scan a paragraph's lines twice."""
    config = MdParserConfig(enable_extensions={"linkify"})
    twice = _mdx_markdown_it(config, flavour)
    twice.block.ruler.at("lheading", lheading)
    twice.block.ruler.at("paragraph", paragraph)
    return _mdx_markdown_it(config, flavour), twice


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(st.sampled_from(LINES), min_size=1, max_size=30), flavour=st.sampled_from([MDX1, DOCUSAURUS]))
def test_paragraphs_scanned_once_give_markdown_its_tokens(lines, flavour):
    once, twice = markdown_its(flavour)
    source = "\n".join(lines)
    assert [token.as_dict() for token in once.parse(source)] == [token.as_dict() for token in twice.parse(source)]


def test_a_paragraphs_lines_are_checked_once_for_its_end():
    """Each line after a paragraph's first meets every rule that may end it once, not once for a
    setext underline and once for the paragraph's end."""
    checked: list[int] = []

    def counted(state, line, end, silent):
        if silent:  # called so, it is asked whether the line ends a paragraph
            checked.append(line)
        return False

    for md, times in zip(markdown_its(MDX1), (1, 2)):
        md.block.ruler.before("paragraph", "counted", counted, {"alt": ["paragraph"]})
        checked.clear()
        md.parse("one\ntwo\nthree\n\n> four\n> five\n")
        assert sorted(checked) == sorted([1, 2, 5] * times)


def chain(depth: int) -> str:
    """Tooltips ``depth`` deep, each in the trigger of the one around it."""
    value = "<u>deep</u>"
    for level in range(depth):
        value = f"<Tooltip trigger={{{value}}}>body{level}</Tooltip>"
    return value


def deep_list(depth: int) -> str:
    return "".join(f"{'  ' * level}- item{level}\n" for level in range(depth))


PAGES = {
    "unclosed": "# Unclosed\n\n" + " ".join(f"<b>word{i}" for i in range(200)) + "\n",
    "one_closing": "# One closing\n\n" + " ".join(f"<b>word{i}" for i in range(200)) + "</b>\n",
    "distinct": "# Distinct\n\n" + " ".join(f"<x{i}>word{i}" for i in range(200)) + "\n",
    "braces": IMPORTS + "# Braces\n\ntext " + "<Tooltip x={ word " * 100 + "\n",
    "brace_lines": "# Brace lines\n\n" + "<a x={ word\n" * 100 + "\nafter words\n",
    "imports": "import " * 2000 + "\n\n# Imports\n\nafter words\n",
    "attributes": IMPORTS + "# Attributes\n\n" + chain(100) + "\n",
    "flattened": IMPORTS + "# Flattened\n\n" + "<b>" * 60
                 + "<Tooltip trigger={<u>trigger words</u>}>tip body</Tooltip>" + "</b>" * 60 + "\n",
    "literal": IMPORTS + "# Literal\n\n<PointsOfInterest points={" + "[" * 100 + "]" * 100
               + "}>\n\ncontent words\n\n</PointsOfInterest>\n",
    "huge_literal": IMPORTS + "# Huge literal\n\n<PointsOfInterest points={["
                    + ", ".join(f"{{x: {i}, y: {i}, label: {i}}}" for i in range(600))
                    + "]}>\n\ncontent words\n\n</PointsOfInterest>\n",
    "directive_literal": "# Directive literal\n\n```{points-of-interest}\n:points: " + "[" * 1000 + "]" * 1000
                         + "\n\ncontent words\n```\n",
    "directive_huge_literal": "# Directive huge literal\n\n```{points-of-interest}\n:points: ["
                              + ", ".join(f"{{x: {i}, y: {i}, label: {i}}}" for i in range(600))
                              + "]\n\ncontent words\n```\n",
    "blockquotes": "# Blockquotes\n\n" + ">" * 200 + " deep quoted words\n",
    "big_numbers": IMPORTS + "# Big numbers\n\n```{simple-card-grid}\n:cards: [{title: 0x" + "f" * 3_700
                   + "}]\n```\n\n```{points-of-interest}\n:points: [{x: 0x" + "f" * 300 + ", y: 1, label: 0x"
                   + "f" * 3_700 + "}]\n\npoint words\n```\n\nA <Tooltip trigger={0x" + "f" * 3_700
                   + "}>tip words</Tooltip> here.\n",
    "rest_nesting": "reST nesting\n============\n\n" + "".join(f"{'   ' * i}.. note::\n\n" for i in range(120))
                    + "   " * 120 + "deep rest words\n",
    "lists": "# Lists\n\n" + deep_list(120) + "\nafter words\n",
}
#: Pages written in reStructuredText; the others are Markdown.
SUFFIXES = {"rest_nesting": ".rst"}
WORDS = {
    "unclosed": [f"word{i}" for i in range(200)], "one_closing": [f"word{i}" for i in range(200)],
    "distinct": [f"word{i}" for i in range(200)], "braces": ["text", "word"],
    "brace_lines": ["word", "after words"],
    "imports": ["after words"], "attributes": ["deep", *(f"body{i}" for i in range(100))],
    "flattened": ["trigger words", "tip body"],
    "literal": ["content words"], "huge_literal": ["content words"], "blockquotes": ["deep quoted words"],
    "directive_literal": ["content words"], "directive_huge_literal": ["content words"],
    "rest_nesting": ["deep rest words"],
    "big_numbers": ["Infinity", "point words", "tip words"],
    "lists": [*(f"item{i}" for i in range(120)), "after words"],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every page built to HTML in one project: ``{page: (text, warnings as (line, message))}``."""
    srcdir = write_project(tmp_path_factory.mktemp("hostile-shapes"),
                           {"index.md": "# Shapes\n", **{f"{name}{SUFFIXES.get(name, '.md')}": source
                                                         for name, source in PAGES.items()}},
                           'suppress_warnings = ["toc.not_included"]\n')
    outdir = srcdir / "_build"
    result = sphinx_build(srcdir, outdir, "html", "--keep-going")
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr, result.stderr[-3000:]
    pages = {}
    for name in PAGES:
        html = BeautifulSoup((outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
        text = " ".join((html.find(role="main") or html.body).get_text().split())
        warnings = [(int(match.group(1)), match.group(2)) for line in strip_colors(result.stderr).splitlines()
                    if (match := re.search(rf"/{name}\.(?:md|rst):(\d+): WARNING: (.*)", line))]
        pages[name] = text, warnings
    return pages


@pytest.mark.parametrize("page", PAGES)
def test_every_word_stays(built, page):
    text, _ = built[page]
    assert [word for word in WORDS[page] if word not in text] == []


def warned(built, page: str, containing: str) -> list[int]:
    return [line for line, message in built[page][1] if containing in message]


def test_each_unclosed_tag_is_reported_at_its_line(built):
    assert warned(built, "unclosed", "<b> is never closed") == [3] * 200
    assert warned(built, "one_closing", "<b> is never closed") == [3] * 199
    assert len(warned(built, "distinct", "is never closed")) == 200
    assert warned(built, "braces", "malformed tag <Tooltip") == [6] * 100
    assert built["brace_lines"][1] == [] and built["imports"][1] == []


def test_markup_nested_through_attribute_values_is_cut_once(built):
    assert warned(built, "attributes", f"nested deeper than {MARKUP_DEPTH} attribute values") == [6]
    assert len(built["attributes"][1]) == 1


def test_literals_too_deep_or_too_long_are_refused(built):
    assert warned(built, "literal", f"nested deeper than {MAX_LITERAL_DEPTH} levels") == [6]
    assert warned(built, "huge_literal", f"longer than {MAX_LITERAL_LENGTH:,}") == [6]
    assert warned(built, "directive_literal", f"nested deeper than {MAX_LITERAL_DEPTH} levels") == [4]  # :points:
    assert warned(built, "directive_huge_literal", f"longer than {MAX_LITERAL_LENGTH:,}") == [4]


def test_rest_directives_nested_past_the_limit_are_text(built):
    """docutils' reST parser recursed until Python's stack ran out at about 100 levels."""
    assert warned(built, "rest_nesting", "directives nested more than 24 levels deep") == [4 + 2 * 24]


def test_elements_and_containers_past_the_flattening_level_are_flattened_once(built):
    assert warned(built, "flattened", f"nested deeper than {FLATTEN_LEVEL} levels (first: <b>)") == [6]
    assert warned(built, "blockquotes", f"nested deeper than {FLATTEN_LEVEL} levels (first: <blockquote>)") == [3]
    lines = warned(built, "lists", "(first: <li>)")
    assert len(lines) == 1 and re.fullmatch(r" *- item\d+", PAGES["lists"].splitlines()[lines[0] - 1])
