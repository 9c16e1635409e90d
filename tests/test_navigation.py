"""Furo's navigation rendered once per build: on every page, the bytes Furo itself writes."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from conftest import require_module, sphinx_build

HAND_WRITTEN = {
    "conf.py": 'extensions = ["sphinx_mdx"]\nhtml_theme = "furo"\n',
    "index.md": "# Home\n\n```{toctree}\n:caption: Start & go\n\nintro\nguide\n```\n\n"
                "```{toctree}\n:caption: Elsewhere\n:hidden:\n\nreference\nLive site <https://docs.spectrocloud.com>\n```\n",
    "intro.md": "# Intro\n\nWords.\n",
    "guide.md": "# Guide\n\n```{toctree}\nguide/one\nguide/two\n```\n",
    "guide/one.md": "# One\n\nWords.\n",
    "guide/two.md": "# Two\n\n## A section\n\nWords.\n",
    "reference.md": "# Reference\n\nWords.\n",
}


@pytest.fixture(scope="module")
def navigation_site(rootdir, tmp_path_factory):
    outdir = tmp_path_factory.mktemp("navigation") / "html"
    html_pages(rootdir / "test-navigation", outdir, "html")
    return outdir


def html_pages(source, outdir, builder, *options) -> dict:
    result = sphinx_build(source, outdir, builder, *options)
    assert result.returncode == 0 and not result.stderr, result.stderr
    return {path.relative_to(outdir): path.read_bytes() for path in outdir.rglob("*.html")}


def assert_same_as_furo(source, tmp_path, builder) -> dict:
    ours = html_pages(source, tmp_path / "once", builder)
    furos = html_pages(source, tmp_path / "furo", builder, "-D", "mdx_navigation_once=0")
    assert ours.keys() == furos.keys()
    assert [str(path) for path in ours if ours[path] != furos[path]] == []
    return ours


def sidebar(page: bytes) -> BeautifulSoup:
    return BeautifulSoup(page, "html.parser").select_one(".sidebar-tree")


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_site_of_four_levels(rootdir, tmp_path, builder):
    pages = assert_same_as_furo(rootdir / "test-navigation", tmp_path, builder)
    deepest = "guides/deep/deeper/deepest" + (".html" if builder == "html" else "/index.html")
    tree = sidebar(pages[next(path for path in pages if str(path) == deepest)])
    assert [item.a.get_text() for item in tree.select("li.current")] == ["Guides", "Deep", "Deeper", "Deepest"]
    assert tree.select_one("li.current-page > a")["href"] == "#"
    assert len(tree.select("input.toctree-checkbox[checked]")) == 3
    assert tree.select_one("li.toctree-l1 > a").get_text() == "Introduction & a < b"
    assert "Hidden guide" not in tree.get_text()
    reference = tree.find("a", string="Reference").parent  # page 09-reference.md, folder 9-reference/
    assert [a.get_text() for a in reference.select(":scope ul a")] == ["API"]


def test_hand_written_toctrees_with_captions_and_a_url(tmp_path):
    source = tmp_path / "source"
    for name, text in HAND_WRITTEN.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text, encoding="utf-8")
    pages = assert_same_as_furo(source, tmp_path, "html")
    tree = sidebar(pages[next(path for path in pages if path.name == "two.html")])
    assert [caption.get_text() for caption in tree.select(".caption")] == ["Start & go", "Elsewhere"]
    assert tree.select_one('a[href="https://docs.spectrocloud.com"]').get_text() == "Live site"
    assert tree.select_one("li.current-page > a").get_text() == "Two"


def test_sections_open_on_the_current_branch_and_toggle_on_click(open_page, navigation_site):
    page = open_page(navigation_site, "guides/deep/sibling.html")
    expect = require_module("playwright.sync_api").expect
    tree = page.locator(".sidebar-tree")
    expect(tree.get_by_role("link", name="Sibling", exact=True)).to_be_visible()
    deepest = tree.get_by_role("link", name="Deepest", exact=True)
    expect(deepest).to_be_hidden()
    tree.locator('a:text-is("Deeper") ~ label').click()
    expect(deepest).to_be_visible()
    deepest.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/guides/deep/deeper/deepest.html")
    expect(page.locator(".sidebar-tree li.current-page > a")).to_have_text("Deepest")
    page.locator('.sidebar-tree a:text-is("Guides") ~ label').click()
    expect(page.locator(".sidebar-tree").get_by_role("link", name="First “guide”")).to_be_hidden()


def test_rendered_once_and_reused_until_a_title_changes(rootdir, make_app, tmp_path, monkeypatch):
    from sphinx_mdx import navigation

    renders = []
    furo_render = navigation.get_navigation_tree
    monkeypatch.setattr(navigation, "get_navigation_tree", lambda html: renders.append(1) or furo_render(html))
    srcdir = tmp_path / "site"
    shutil.copytree(rootdir / "test-navigation", srcdir)
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert len(renders) == 1 and isinstance(app.env.mdx_navigation, navigation.SiteNavigation)
    deeper = srcdir / "02-guides" / "03-deep" / "01-deeper.md"
    deeper.write_text(deeper.read_text(encoding="utf-8") + "\nMore words.\n", encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert len(renders) == 1 and isinstance(app.env.mdx_navigation, navigation.SiteNavigation)
    deeper.write_text(deeper.read_text(encoding="utf-8").replace("Deeper", "Renamed"), encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert len(renders) == 2
    assert "Renamed" in sidebar((app.outdir / "reference.html").read_bytes()).get_text()
