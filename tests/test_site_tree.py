"""A librarium content folder with no toctree: names, URLs and navigation from the file tree."""

from __future__ import annotations

import pytest
from sphinx.util.console import strip_colors
from bs4 import BeautifulSoup

from conftest import PROJECT, copy_root, require_module, sphinx_build, warnings_of, write_project


@pytest.fixture(scope="module")
def dirhtml(rootdir, tmp_path_factory):
    outdir = tmp_path_factory.mktemp("tree") / "dirhtml"
    result = sphinx_build(rootdir / "test-tree", outdir, "dirhtml")
    assert result.returncode == 0 and not result.stderr, result.stderr
    return outdir


def soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def navigation(page: BeautifulSoup) -> list[tuple[int, str]]:
    """(depth, label) of each entry of Furo's navigation."""
    return [
        (int(a.find_parent("li")["class"][0].removeprefix("toctree-l")), a.get_text())
        for a in page.select(".sidebar-tree a")
    ]


def test_dirhtml_paths_are_librarium_urls(dirhtml):
    pages = sorted(
        str(path.parent.relative_to(dirhtml)) for path in dirhtml.rglob("index.html")
        if not path.parts[-2].startswith(("_", "genindex", "search"))
    )
    assert pages == [
        ".", "clusters", "faq", "getting-started", "getting-started/first", "getting-started/middle",
        "getting-started/tenth", "getting-started/third", "hidden", "workspace/adding-a-new-workspace",
    ]


def test_view_source_link_is_named_after_the_page(dirhtml):
    for page, source in (("getting-started/middle", "02.5-middle.md"), ("", None)):
        link = soup(dirhtml / page / "index.html").select_one(".view-this-page a")["href"]
        copied = (dirhtml / page / link).resolve()
        assert copied == (dirhtml / "_sources" / f"{page or 'index'}.md.txt").resolve()
        if source is not None:
            assert copied.read_bytes() == (PROJECT / "tests/roots/test-tree/02-getting-started" / source).read_bytes()


def test_navigation_follows_the_tree(dirhtml):
    assert navigation(soup(dirhtml / "faq" / "index.html")) == [
        (1, "Getting Started"),
        (2, "First"),
        (2, "Middle"),
        (2, "Third"),
        (2, "Tenth"),
        (1, "Clusters"),
        (1, "Adding a workspace"),
        (1, "FAQ"),
    ]


def test_hidden_page_is_built_but_not_listed(dirhtml):
    hidden = soup(dirhtml / "hidden" / "index.html")
    assert "Reachable, not listed." in hidden.find("article").get_text()
    assert "Hidden" not in [label for _, label in navigation(hidden)]


def test_generated_landing_page_lists_the_top_level(dirhtml):
    landing = soup(dirhtml / "index.html")
    assert landing.find("h1").get_text(strip=True).startswith("Tree docs")
    listed = [a.get_text() for a in landing.select("article .toctree-wrapper > ul > li > a")]
    assert listed == ["Getting Started", "Clusters", "Adding a workspace", "FAQ"]


def test_faq_links_land_on_librarium_urls(dirhtml):
    links = {a.get_text(): a["href"] for a in soup(dirhtml / "faq" / "index.html").select("article p a")}
    assert links == {
        "dedicated to an": "../clusters/?clusterType=vmware_cluster#ipaddressmanagement",
        "the first page": "../getting-started/first/",
        "the overview": "../clusters/#overview",
    }


def test_shared_librarium_ids_go_to_the_first_heading(dirhtml):
    clusters = soup(dirhtml / "clusters" / "index.html")
    overview = clusters.select("#overview")
    assert len(overview) == 1
    assert "On AWS." in overview[0].find_parent(class_="sd-tab-content").get_text()


def test_html_builder_uses_the_same_paths(rootdir, tmp_path):
    result = sphinx_build(rootdir / "test-tree", tmp_path, "html")
    assert result.returncode == 0 and not result.stderr, result.stderr
    assert (tmp_path / "getting-started" / "middle.html").exists()
    faq = soup(tmp_path / "faq.html")
    assert faq.select_one("article p a")["href"] == "clusters.html?clusterType=vmware_cluster#ipaddressmanagement"


def test_root_page_is_the_page_at_slash(rootdir, tmp_path):
    result = sphinx_build(rootdir / "test-tree-root", tmp_path, "html")
    assert result.returncode == 0 and not result.stderr, result.stderr
    index = soup(tmp_path / "index.html")
    assert index.find("h1").get_text(strip=True).startswith("Welcome home")
    assert [label for _, label in navigation(index)] == ["Page A", "Page B"]


def test_navigation_follows_an_edit(rootdir, make_app, tmp_path):
    srcdir = copy_root(rootdir, "tree", tmp_path)
    app = make_app("html", srcdir=srcdir)
    app.build()
    third = srcdir / "02-getting-started" / "03-third.md"
    third.write_text(third.read_text(encoding="utf-8").replace('title: "Third"', 'title: "Third"\nhiddenFromNav: true'),
                     encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "[mdx." not in strip_colors(app.warning.getvalue())
    labels = [label for _, label in navigation(soup(app.outdir / "faq.html"))]
    assert "Third" not in labels and "Tenth" in labels


def test_faq_clusters_link_opens_the_vmware_pane(rootdir, dirhtml, open_page):
    expect = require_module("playwright.sync_api").expect
    page = open_page(dirhtml, "faq/")
    page.get_by_role("link", name="dedicated to an").click()
    page.wait_for_url("**/clusters/?clusterType=vmware_cluster#ipaddressmanagement")
    heading = page.locator(".rubric:has(#ipaddressmanagement)")
    expect(heading).to_be_visible()
    expect(heading).to_be_in_viewport()
    expect(page.get_by_text("On VMware.")).to_be_visible()
    expect(page.get_by_text("On AWS.")).to_be_hidden()


def test_builds_with_the_projects_conf(rootdir, tmp_path):
    """Any content folder builds with this project's conf.py (``sphinx-build -c . ...``)."""
    result = sphinx_build(rootdir / "test-tree", tmp_path, "dirhtml", conf=PROJECT)
    assert result.returncode == 0 and not result.stderr, result.stderr
    first = soup(tmp_path / "getting-started" / "first" / "index.html")
    blocks = first.select("article div[class^=highlight-]")
    assert [block["class"][0] for block in blocks] == ["highlight-text", "highlight-json"]
    assert any("copybutton" in script.get("src", "") for script in first.find_all("script"))


def test_images_and_videos(rootdir, tmp_path):
    result = sphinx_build(rootdir / "test-tree", tmp_path, "html", conf=PROJECT)
    assert result.returncode == 0 and not result.stderr, result.stderr
    article = soup(tmp_path / "getting-started" / "third.html").find("article")
    image = article.select_one("img")
    assert image["alt"] == "A diagram" and image["style"].replace(" ", "") == "width:120px"
    assert (tmp_path / "getting-started" / image["src"]).is_file()
    videos = article.select("video.mdx-video")
    assert [video["title"] for video in videos] == ["demo-video", "Demo as an image link"]
    assert all((tmp_path / "getting-started" / video["src"]).is_file() for video in videos)
    assert videos[0]["controls"] == "controls" and "Video: demo-video" in videos[0].get_text()


def test_missing_files_warn_once_and_keep_their_text(make_app, tmp_path):
    write_project(tmp_path, {"index.md": "# Media\n\n![The missing diagram](/nowhere/missing.png \"#width=50px\")\n\n"
                                         '`video: title: "lost-video": ./lost.mp4`\n'})
    app = make_app("latex", srcdir=tmp_path)
    app.build()
    warnings = warnings_of(app)
    assert len(warnings) == 2, warnings
    assert warnings[0].endswith("index.md:3: WARNING: image file not found: /nowhere/missing.png; its alt text "
                                "is shown instead [mdx.image]")
    assert "index.md:5: WARNING: download file not readable" in warnings[1]
    latex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "The missing diagram" in latex and "includegraphics" not in latex
    assert "Video: lost\\sphinxhyphen{}video" in latex


def test_hidden_pages_are_appendices_of_the_pdf(rootdir, make_app, tmp_path):
    app = make_app("latex", srcdir=copy_root(rootdir, "tree", tmp_path))
    app.build()
    latex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    body, appendix = latex.split(r"\appendix", 1)
    assert "Reachable, not listed." not in body and "Reachable, not listed." in appendix
    assert "Text of Middle." in body


def test_an_edit_rereads_only_that_page(rootdir, make_app, tmp_path):
    srcdir = copy_root(rootdir, "tree", tmp_path)
    make_app("html", srcdir=srcdir).build()
    middle = srcdir / "02-getting-started" / "02.5-middle.md"
    middle.write_text(middle.read_text(encoding="utf-8").replace("Text of Middle.", "Edited text."), encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    status = strip_colors(app.status.getvalue())
    assert "1 changed" in status and "reading sources... [100%] getting-started/middle" in status
    assert "getting-started\n" not in status.split("reading sources", 1)[1].split("looking for", 1)[0]


def _written(outdir, build) -> set[str]:
    """The HTML pages ``build`` wrote again."""
    before = {path: path.stat().st_mtime_ns for path in outdir.rglob("*.html")}
    build()
    return {str(path.relative_to(outdir)) for path in outdir.rglob("*.html")
            if path.stat().st_mtime_ns != before.get(path)}


def test_an_edit_writes_only_that_page_unless_the_navigation_changes(rootdir, make_app, tmp_path):
    srcdir = copy_root(rootdir, "tree", tmp_path)
    make_app("html", srcdir=srcdir).build()
    middle = srcdir / "02-getting-started" / "02.5-middle.md"
    outdir = make_app("html", srcdir=srcdir).outdir
    middle.write_text(middle.read_text(encoding="utf-8").replace("Text of Middle.", "Edited text."), encoding="utf-8")
    written = _written(outdir, make_app("html", srcdir=srcdir).build)
    assert written == {"getting-started/middle.html", "genindex.html", "search.html"}

    renamed = middle.read_text(encoding="utf-8").replace('title: "Middle"', 'title: "Renamed"')
    middle.write_text(renamed, encoding="utf-8")
    written = _written(outdir, make_app("html", srcdir=srcdir).build)
    assert {"faq.html", "clusters.html", "index.html", "getting-started/middle.html"} <= written
    assert "Renamed" in [label for _, label in navigation(soup(outdir / "faq.html"))]
