"""Markdown as MDX v1 showed it, seen in the built site: heading levels, typography, links, images.

The parser-level rules (remark-parse 8's emphasis, lists and tables) are cases of
``fixtures/remark.md``; this builds ``roots/test-markdown`` to HTML and LaTeX.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import warnings_of


@pytest.fixture(scope="module")
def built(rootdir, tmp_path_factory):
    from conftest import build_app

    html = build_app(rootdir, "markdown", "html", tmp_path_factory)
    latex = build_app(rootdir, "markdown", "latex", tmp_path_factory)
    yield html, latex
    html.cleanup()
    latex.cleanup()


def _article(app):
    return BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser").find("article")


def test_a_skipped_heading_level_is_written_as_the_author_wrote_it(built):
    html, _ = built
    headings = [(tag.name, tag.get_text(strip=True).rstrip("¶")) for tag in _article(html).find_all(["h1", "h2", "h4"])]
    assert headings == [("h1", "Overview"), ("h4", "Edge Installer ISO")]


def test_typography_as_written_in_html_and_latex(built):
    html, latex = built
    text = _article(html).get_text()
    assert 'Use --audit-log-batch-max-wait and "Configure"... then' in text
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"Use \sphinxhyphen{}\sphinxhyphen{}" in tex and '"Configure"... then' in tex  # never an en dash
    assert "“" not in tex and "…" not in tex


def test_bare_urls_are_links(built):
    html, _ = built
    assert _article(html).find("a", href="https://example.com/docs").get_text() == "https://example.com/docs"


def test_a_sized_image_is_not_a_link(built):
    html, _ = built
    image = _article(html).find("img", alt="A sized picture")
    assert image["style"] == "width:120px"
    assert image.find_parent("a") is None


def test_relative_page_links_resolve_or_go_to_the_site_with_a_warning(built):
    html, _ = built
    article = _article(html)
    assert article.find("a", string="the other page")["href"] == "other.html#part"
    assert article.find("a", string="Ingress Examples")["href"] == "https://docs.spectrocloud.com/ingress-examples"
    assert any("link 'ingress-examples.md' names no page of this folder" in line and "[mdx.link]" in line
               and "index.md:9" in line for line in warnings_of(html))
