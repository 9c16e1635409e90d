"""Hostile pages: nothing executable reaches the HTML, every word around it stays,
and each construct gives a typed warning at its own line."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_colors

from conftest import sphinx_build

EXECUTABLE_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)


@pytest.fixture(scope="module")
def built(rootdir, tmp_path_factory):
    outdir = tmp_path_factory.mktemp("hostile")
    result = sphinx_build(rootdir / "test-hostile", outdir, "html", "--keep-going")
    page = BeautifulSoup((outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    source = (rootdir / "test-hostile" / "index.md").read_text(encoding="utf-8").splitlines()
    warnings = [re.sub(r"^.*index\.md:", "", line) for line in strip_colors(result.stderr).splitlines()]
    return page, source, warnings


def line_of(source: list[str], marker: str) -> int:
    """The line that is ``marker``, else the first that holds it."""
    exact = [number for number, line in enumerate(source, start=1) if line == marker]
    return exact[0] if exact else next(number for number, line in enumerate(source, start=1) if marker in line)


def assert_warned(built, marker: str, message: str, subtype: str = "html") -> None:
    _, source, warnings = built
    expected = f"{line_of(source, marker)}: WARNING: "
    assert any(w.startswith(expected) and message in w and w.endswith(f"[mdx.{subtype}]") for w in warnings), (
        expected, message, warnings)


def article(built):
    return built[0].find("article")


def text(built) -> str:
    return " ".join(article(built).get_text(" ").split())


def test_nothing_executable_anywhere_in_the_article(built):
    content = article(built)
    assert content.find_all(["script", "style", "svg", "iframe", "object", "embed"]) == []
    for element in content.find_all(True):
        for attribute, value in element.attrs.items():
            assert not attribute.lower().startswith("on"), (element.name, attribute)
            if attribute in ("href", "src"):
                assert not EXECUTABLE_URL.match(value), (element.name, value)


def test_script_inline_and_block(built):
    assert 'Before script alert("inline") after script.' in text(built)  # straight quotes, as written
    assert 'steal("block")' in text(built)
    assert_warned(built, 'Before script <script>', "<script> is not allowed")
    assert_warned(built, "<script>", "<script> is not allowed")


def test_script_inside_svg(built):
    assert 'Before svg alert("svg") after svg.' in text(built)
    assert_warned(built, "Before svg", "<svg> is not allowed")
    assert_warned(built, "Before svg", "<script> is not allowed")


def test_style(built):
    assert "body { display: none }" in text(built)
    assert_warned(built, "<style>", "<style> is not allowed")


def test_iframe_to_a_host_not_allowed(built):
    link = article(built).find("a", href="https://evil.example.com/frame")
    assert link is not None
    assert_warned(built, "<iframe", "video frame from 'evil.example.com' is not allowed")


def test_event_handler_on_html(built):
    link = article(built).find("a", string="handler link")
    assert link["href"] == "https://example.com/ok"
    assert "Click handler link now." in text(built)
    assert_warned(built, 'onclick="steal()"', "<a onclick=...> is not allowed")


def test_event_handler_on_jsx(built):
    assert article(built).select_one(".mdx-infobox").get_text(strip=True) == "Box words."
    assert_warned(built, "<InfoBox onClick", "<InfoBox onClick=...> is not allowed")


@pytest.mark.parametrize(
    ("label", "target"),
    [("js link", "javascript:alert(1)"), ("vb link", "vbscript:msgbox(1)"), ("data link", "data:text/html,<b>x</b>"),
     ("encoded link", "jav&#x61;script:alert(1)")],
)
def test_unsafe_link_urls(built, label, target):
    assert label in text(built)
    assert article(built).find("a", string=label) is None
    assert_warned(built, "Links: <a", f"unsafe link target {target!r} dropped", "link")


def test_unsafe_image_url(built):
    assert "data image" in text(built)
    assert_warned(built, "Links: <a", "<img> with a missing or unsafe src 'data:image/svg+xml")


def test_dangerously_set_inner_html(built):
    assert "Inner words." in text(built)
    assert article(built).find("img", attrs={"onerror": True}) is None
    assert_warned(built, "dangerouslySetInnerHTML", "<div dangerouslySetInnerHTML=...> is not allowed")


def test_markup_in_front_matter(built):
    page = built[0]
    head = str(page.head)
    assert page.title.get_text() == "<script>alert('t')</script>Safe title"
    assert "<title>&lt;script&gt;alert('t')&lt;/script&gt;Safe title</title>" in head
    description = page.select_one('meta[name="description"]')
    assert description["content"] == "\"><script>alert('d')</script>Safe description"
    assert '"&gt;&lt;script&gt;' in str(description) or "&quot;&gt;&lt;script&gt;" in str(description)
    assert_warned(built, "metaTitle:", "front matter metaTitle holds markup; it is shown as text, escaped")
    assert_warned(built, "metaDescription:", "front matter metaDescription holds markup")
    assert_warned(built, 'title: "Hostile', "front matter title holds markup")


def test_markup_in_a_tab_label(built):
    assert article(built).select_one("label.sd-tab-label").get_text(strip=True) == "alert('tab')Tab label"
    assert_warned(built, "Tabs.TabPane tab=", "<script> is not allowed")


def test_markup_in_a_point_description(built):
    assert "Point words" in article(built).select_one(".mdx-poi-description").get_text()
    assert_warned(built, "PointsOfInterest points", "<img onerror=...> is not allowed")


def test_markup_in_a_tooltip_trigger(built):
    trigger = article(built).select_one(".mdx-tooltip-trigger")
    assert trigger.get_text() == "trigger words" and trigger.find(attrs={"onmouseover": True}) is None
    assert "Hover trigger words" in text(built) and "Body words." in text(built)
    assert_warned(built, "<Tooltip trigger={<b onMouseOver", "<b onMouseOver=...> is not allowed")
