"""Docusaurus pages (librarium since 2023, MDX 3): the flavour is found from the folder, and its
syntax and components read as Docusaurus showed them. Builds ``roots/test-docusaurus``."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.errors import ConfigError

from conftest import warnings_of, write_images, write_project
from sphinx_mdx.flavours import DOCUSAURUS, FLAVOURS, flavour_of
from sphinx_mdx.flavours.mdx1 import MDX1


@pytest.fixture(scope="module")
def built(rootdir, tmp_path_factory):
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp("html", srcdir=rootdir / "test-docusaurus", builddir=tmp_path_factory.mktemp("docusaurus"))
    app.build()
    yield app
    app.cleanup()


def _page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def test_the_folder_is_found_to_be_docusaurus(built):
    assert flavour_of(built.config, built.srcdir) is DOCUSAURUS  # it holds a _category_.json


@pytest.mark.parametrize(("files", "expected"), [
    ([], MDX1),
    (["_category_.json"], DOCUSAURUS),
    (["../docusaurus.config.js"], DOCUSAURUS),
])
def test_the_flavour_follows_docusaurus_files(tmp_path, files, expected):
    content = tmp_path / "site" / "content"
    content.mkdir(parents=True)
    (content / "page.md").write_text("# Page\n", encoding="utf-8")
    for name in files:
        (content / name).write_text("{}", encoding="utf-8")
    config = type("Config", (), {"mdx_flavour": "auto"})()
    assert flavour_of(config, content) is expected
    config.mdx_flavour = "mdx1"
    assert flavour_of(config, content) is FLAVOURS["mdx1"]


def test_an_unknown_flavour_is_a_configuration_error(rootdir, tmp_path):
    from sphinx.testing.util import SphinxTestApp

    with pytest.raises(ConfigError, match="mdx_flavour"):
        SphinxTestApp("dummy", srcdir=rootdir / "test-docusaurus", builddir=tmp_path,
                      confoverrides={"mdx_flavour": "gatsby"})


def test_admonitions_are_admonitions_with_their_titles(built):
    page = _page(built, "guides/admonitions")
    boxes = {box.find(class_="admonition-title").get_text(): box["class"] for box in page.select("div.admonition")}
    assert {"admonition", "important"} <= set(boxes["Info"])
    assert "warning" in boxes["Mind the gap"]
    assert "tip" in boxes["Bracketed title"]
    assert "danger" in boxes["Danger"]
    assert "important" in boxes["Preview"]  # librarium's own type, from mdx_admonitions
    assert "note" in boxes["Mystery"]
    inner = page.find(class_="admonition-title", string="Note").parent
    assert inner.parent.find(class_="admonition-title").get_text() == "Caution"  # nested, with more colons
    danger = page.find(class_="admonition-title", string="Danger").parent
    assert danger.find_parent("li") is not None  # inside its list item
    assert ":::" not in page.find("article").get_text().replace(page.find("pre").get_text(), "")
    assert ":::info" in page.find("pre").get_text()  # in code, it stays code


def test_an_undeclared_admonition_type_is_named_with_its_line(built):
    assert [w for w in warnings_of(built, "[mdx.admonition]") if "admonitions.md:56:" in w and "':::mystery'" in w]


def test_comments_are_never_shown(built):
    text = _page(built, "guides/admonitions").find("article").get_text()
    assert "NEEDS REVIEW" not in text and "a comment in text" not in text
    assert "Next step" in text and "goes on." in text


def test_a_written_heading_id_is_the_anchor(built):
    page = _page(built, "guides/admonitions")
    heading = page.find(lambda tag: tag.name == "h2" and "Before you start" in tag.get_text())
    assert "{#" not in heading.get_text()
    assert heading.find_parent("section")["id"] == "prerequisites"
    assert page.find("a", string="the prerequisites")["href"] == "#prerequisites"


def test_the_front_matter_title_is_the_heading_of_a_page_without_one(built):
    page = _page(built, "guides/admonitions")
    assert page.find("h1").get_text().strip("¶ ") == "Admonitions"
    assert not warnings_of(built, "[myst.header]")


def test_tabs_keep_labels_groups_queries_and_defaults(built):
    page = _page(built, "guides/tabs")
    sets = page.select("div.sd-tab-set")
    labels = [[label.get_text().strip() for label in tab_set.select("label")] for tab_set in sets]
    assert labels == [["Amazon Web Services", "Azure"], ["mac", "linux"]]
    checked = [[radio.has_attr("checked") for radio in tab_set.select("input")] for tab_set in sets]
    assert checked == [[False, True], [False, True]]
    groups = [[label["data-sync-group"] for label in tab_set.select("label")] for tab_set in sets]
    assert groups == [["cloud", "cloud"], ["os", "os"]]


def test_components_need_no_import(built):
    assert not warnings_of(built, "[mdx.missing_import]")
    assert not warnings_of(built, "[mdx.unknown_component]")


def test_a_partial_is_included_with_its_props(built):
    text = _page(built, "guides/partials").find("article").get_text(" ", strip=True)
    assert "Install Guides with the installer ." in text
    assert "This page is Partials;" in text and "{props" not in text and "{frontMatter" not in text
    assert not (Path(built.outdir) / "_partials").exists()  # partials are no pages


def test_link_components_follow_the_site_scheme(built):
    page = _page(built, "guides/partials")
    assert page.find("a", string="installer")["href"] == "tabs.html"
    assert page.find("a", string="Edition guide")["href"] == "admonitions.html"  # under mdx_edition_paths


def test_a_missing_partial_and_a_missing_prop_are_named_with_their_lines(built):
    assert [w for w in warnings_of(built, "[mdx.partial]") if "partials.md:8:" in w and "missing-steps" in w]
    assert [w for w in warnings_of(built, "[mdx.expression]") if "partials.md:10:" in w and "{props.nothing}" in w]


def test_an_edit_to_a_partial_rebuilds_the_pages_that_use_it(built):
    partial = str(Path(built.srcdir, "_partials", "setup", "_install-steps.mdx").resolve())
    assert any(str(path) == partial for path in built.env.dependencies["guides/partials"])


def test_partials_are_read_only_inside_their_folder(tmp_path):
    from sphinx.testing.util import SphinxTestApp

    site = write_project(tmp_path / "site", {
        "_category_.json": "{}", "index.md": '# Home\n\n<PartialsComponent category="x" name="secret" />\n'})
    secret = tmp_path / "_secret.mdx"
    secret.write_text("---\npartial_category: x\npartial_name: secret\n---\n\nSECRET WORDS\n", encoding="utf-8")
    (site / "_partials").mkdir()
    (site / "_partials" / "_secret.mdx").symlink_to(secret)
    app = SphinxTestApp("html", srcdir=site, builddir=tmp_path / "out")
    app.build()
    assert "SECRET WORDS" not in (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert [w for w in warnings_of(app, "[mdx.partial]") if "index.md:3:" in w]


PARTIAL_DIRECTIVE_PAGES = {
    "myst.md": "# MyST\n\nBefore.\n\n```{partial}\n:category: setup\n:name: steps\n\nedition: Guides\n"
               "not a prop\n```\n\nAfter.\n\n```{partial}\n:category: setup\n:name: missing\n```\n",
    "rest.rst": "reST\n====\n\nBefore.\n\n.. partial::\n   :category: setup\n   :name: steps\n\n"
                "   edition: Guides\n   not a prop\n\nAfter.\n",
}


@pytest.fixture(scope="module")
def partial_directive_site(tmp_path_factory):
    """A Docusaurus site whose MyST and reST pages use the ``partial`` directive."""
    from sphinx.testing.util import SphinxTestApp

    site = write_project(tmp_path_factory.mktemp("partial-directive") / "site", {
        "_category_.json": "{}", "index.md": "# Home\n", "target.md": "# Target\n", **PARTIAL_DIRECTIVE_PAGES,
        "_partials/_steps.mdx": "---\npartial_category: setup\npartial_name: steps\n---\n\n"
                                'Install {props.edition} with the <VersionedLink text="installer" url="/target" />.\n',
    }, 'html_theme = "furo"\n')
    app = SphinxTestApp("html", srcdir=site, builddir=site.parent / "out")
    app.build()
    yield app
    app.cleanup()


def test_the_partial_directive_includes_a_partial_where_it_stands(partial_directive_site):
    article = _page(partial_directive_site, "myst").find("article")
    paragraphs = [paragraph.get_text(" ", strip=True) for paragraph in article.find_all("p")]
    assert paragraphs == ["Before.", "Install Guides with the installer .", "After."]
    assert article.find("a", string="installer")["href"] == "target.html"
    partial = str(Path(partial_directive_site.srcdir, "_partials", "_steps.mdx").resolve())
    assert any(str(path) == partial for path in partial_directive_site.env.dependencies["myst"])


def test_the_partial_directive_names_a_missing_partial_and_a_bad_prop_with_their_lines(partial_directive_site):
    assert [w for w in warnings_of(partial_directive_site, "[mdx.partial]") if "myst.md:15:" in w and "'missing'" in w]
    assert [w for w in warnings_of(partial_directive_site, "[mdx.attribute]")
            if "myst.md:10:" in w and "'not a prop'" in w]


def test_a_rest_page_includes_no_partial_and_says_so(partial_directive_site):
    """A partial is MDX: a reST page keeps its own words, and is told at the directive's line."""
    article = _page(partial_directive_site, "rest").find("article")
    assert [paragraph.get_text(strip=True) for paragraph in article.find_all("p")] == ["Before.", "After."]
    assert [w for w in warnings_of(partial_directive_site, "[mdx.partial]") if "rest.rst:6:" in w]


def test_partials_that_include_themselves_or_each_other_stop(tmp_path):
    """A partial including itself twice would be rendered 2**24 times before the nesting limit; a chain
    of partials each including the next twice, 2**12 times."""
    from sphinx.testing.util import SphinxTestApp

    site = write_project(tmp_path / "site", {"_category_.json": "{}"})
    (site / "_partials").mkdir()

    def partial(name: str, body: str) -> None:
        (site / "_partials" / f"_{name}.mdx").write_text(
            f"---\npartial_category: c\npartial_name: {name}\n---\n\n{body}\n", encoding="utf-8")

    partial("loop", "Loop words.\n\n<PartialsComponent category=\"c\" name=\"loop\" />\n\n"
                    "```{partial}\n:category: c\n:name: loop\n```")
    for level in range(12):
        partial(f"level{level}", f"Level {level}.\n\n" + f'<PartialsComponent category="c" name="level{level + 1}" />\n\n' * 2)
    partial("level12", "Bottom.")
    (site / "index.md").write_text('# Home\n\n<PartialsComponent category="c" name="loop" />\n\n'
                                   '<PartialsComponent category="c" name="level0" />\n', encoding="utf-8")
    app = SphinxTestApp("html", srcdir=site, builddir=tmp_path / "out")
    app.build()
    text = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert text.count("Loop words.") == 1 and "Level 11." in text
    # each where the partial includes itself: in the partial, at its own lines (the tag, the directive)
    assert sorted(w.split(" WARNING")[0].rsplit("/", 1)[-1] for w in warnings_of(app, "[mdx.partial]")
                  if "includes itself" in w) == ["_loop.mdx:10:", "_loop.mdx:8:"]
    assert [w for w in warnings_of(app, "[mdx.partial]") if "more than 500" in w]


def test_an_image_beside_a_partial_is_the_partials(tmp_path):
    """As Docusaurus's bundler reads it: relative to the partial, here in a partials folder above the
    content folder, as librarium's is. A missing one is named as written, at the partial's line; one
    that leaves the allowed folders is refused; an image a page writes stays the page's."""
    from sphinx.testing.util import SphinxTestApp

    site = write_project(tmp_path / "docs", {
        "_category_.json": "{}", "index.md": "# Home\n",
        "guides/page.md": '# Guide\n\n<PartialsComponent category="c" name="pictures" />\n\n![own](img/own.png)\n',
    }, 'html_theme = "furo"\n')
    write_images(tmp_path / "_partials" / "img" / "pic.png", site / "guides" / "img" / "own.png",
                 tmp_path / "secret.png")
    (tmp_path / "_partials" / "_pictures.mdx").write_text(
        "---\npartial_category: c\npartial_name: pictures\n---\n\n![beside](./img/pic.png)\n\n"
        '<img src="img/pic.png" alt="tag" />\n\n![gone](img/gone.png)\n\n![far](../secret.png)\n',
        encoding="utf-8")
    app = SphinxTestApp("html", srcdir=site, builddir=tmp_path / "out")
    app.build()
    images = {img["alt"]: img["src"] for img in _page(app, "guides/page").find("article").find_all("img")}
    assert images == {"beside": "../_images/pic.png", "tag": "../_images/pic.png", "own": "../_images/own.png"}
    assert (Path(app.outdir) / "_images" / "pic.png").is_file()
    assert [w for w in warnings_of(app, "[mdx.image]") if "_pictures.mdx:10:" in w and "img/gone.png;" in w]
    assert [w for w in warnings_of(app, "[mdx.file]") if "_pictures.mdx:12:" in w and "'../secret.png'" in w]
    assert not (Path(app.outdir) / "_images" / "secret.png").exists()


def test_a_file_beside_a_partial_is_the_partials(tmp_path, monkeypatch):
    """A link, a download and a video a partial names by a relative path are the files beside it, as
    Docusaurus's bundler reads them; a missing one is named at the partial's line, and a path that
    leaves the folders a page may read is neither looked for nor copied."""
    from sphinx.testing.util import SphinxTestApp

    site = write_project(tmp_path / "docs", {
        "_category_.json": "{}", "index.md": "# Home\n",
        "guides/page.md": '# Guide\n\n<PartialsComponent category="c" name="files" />\n\n[own](files/own.sh)\n',
        "guides/files/own.sh": "echo own\n", "guides/other.md": "# Other guide\n",
    }, 'html_theme = "furo"\n')
    (tmp_path / "_partials" / "files").mkdir(parents=True)
    (tmp_path / "_partials" / "files" / "setup.sh").write_text("echo setup\n", encoding="utf-8")
    (tmp_path / "_partials" / "files" / "demo.mp4").write_bytes(b"\0\0\0\x18ftypmp42")
    (tmp_path / "secret.txt").write_text("SECRET\n", encoding="utf-8")
    (tmp_path / "_partials" / "_files.mdx").write_text(
        "---\npartial_category: c\npartial_name: files\n---\n\n[setup script](./files/setup.sh)\n\n"
        "{download}`the script <files/setup.sh>`\n\n`video: title: \"Demo\": ./files/demo.mp4`\n\n"
        "[gone](files/gone.sh)\n\n[far](../secret.txt)\n\n"
        '<Video src="./files/demo.mp4" title="Component" />\n\n```{video} ./files/demo.mp4\n:title: Directive\n```\n\n'
        "[the other guide](../docs/guides/other.md)\n\n[only the page's](files/own.sh)\n\n"
        "[another partial](./_other.mdx)\n", encoding="utf-8")
    (tmp_path / "_partials" / "_other.mdx").write_text("Not a page.\n", encoding="utf-8")
    looked_for = []
    isfile = os.path.isfile
    monkeypatch.setattr(os.path, "isfile", lambda path: looked_for.append(str(path)) or isfile(path))
    app = SphinxTestApp("html", srcdir=site, builddir=tmp_path / "out")
    app.build()
    assert str(tmp_path / "secret.txt") not in {os.path.normpath(path) for path in looked_for}
    article = _page(app, "guides/page").find("article")
    downloads = {a.get_text(" ", strip=True): a["href"].rsplit("/", 1)[-1] for a in article.select("a.download")}
    assert downloads == {"setup script": "setup.sh", "the script": "setup.sh", "Video: Demo": "demo.mp4",
                         "Video: Component": "demo.mp4", "Video: Directive": "demo.mp4", "own": "own.sh",
                         "only the page's": "own.sh"}  # none beside the partial: MyST's reading, the page's
    assert [video["src"].rsplit("/", 1)[-1] for video in article.find_all("video")] == ["demo.mp4"] * 3
    assert article.find("a", string="the other guide")["href"] == "other.html"
    copied = {path.name: path.read_text(encoding="utf-8", errors="replace")
              for path in (Path(app.outdir) / "_downloads").rglob("*") if path.is_file()}
    assert copied["setup.sh"] == "echo setup\n" and copied["own.sh"] == "echo own\n" and "demo.mp4" in copied
    assert [w for w in warnings_of(app, "[myst.xref_missing]") if "_files.mdx:12:" in w and "files/gone.sh" in w]
    assert not warnings_of(app, "[download.not_readable]")
    assert [w for w in warnings_of(app, "[mdx.link]") if "_files.mdx:26:" in w and "'./_other.mdx' names no page" in w]
    assert not [path for path in Path(app.outdir).rglob("*") if path.is_file() and b"SECRET" in path.read_bytes()]


def test_a_partials_folder_that_is_a_link_opens_nothing(tmp_path):
    """Pages may read files beside partials: a ``_partials`` that links to another folder (``..``, ``/``)
    would let any page copy any file into the site. It is no partials folder, and says so."""
    from sphinx.testing.util import SphinxTestApp

    (tmp_path / ".env").write_text("TOPSECRET=1\n", encoding="utf-8")
    site = write_project(tmp_path / "docs", {
        "_category_.json": "{}",
        "index.md": "# Home\n\n![env](_partials/.env)\n\n{download}`env <_partials/.env>`\n\n"
                    "[env](_partials/.env)\n\nLast words.\n",
    })
    (site / "_partials").symlink_to("..")
    app = SphinxTestApp("html", srcdir=site, builddir=tmp_path / "out")
    app.build()
    assert not [path for path in Path(app.outdir).rglob("*") if path.is_file() and b"TOPSECRET" in path.read_bytes()]
    assert "Last words." in (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert [w for w in warnings_of(app, "[mdx.partial]") if "_partials:1:" in w and "symbolic link" in w]
    assert len([w for w in warnings_of(app, "[mdx.file]") if "'_partials/.env' is outside" in w]) == 3


def test_image_names_with_accents_are_found_as_written(tmp_path):
    """markdown-it percent-encodes an image's path (``%C3%BCbersicht.png``), which names no file; remark
    kept it as written. A name written with ``%20`` that is the file's name stays as it is, and a
    decoded path is looked for only where a page may read."""
    from sphinx.testing.util import SphinxTestApp

    site = write_project(tmp_path / "docs", {
        "_category_.json": "{}",
        "index.md": "# Home\n\n![page](übersicht.png)\n\n![static](/größe.png)\n\n![literal](pct%20x.png)\n\n"
                    "![outside](%2E%2E/geheim.png)\n\nLast words.\n",
    }, 'mdx_static_dirs = ["../static"]\n')
    write_images(site / "übersicht.png", tmp_path / "static" / "größe.png", site / "pct%20x.png",
                 tmp_path / "geheim.png")
    app = SphinxTestApp("html", srcdir=site, builddir=tmp_path / "out")
    app.build()
    images = {img["alt"]: img["src"] for img in _page(app, "index").find_all("img")}
    assert images == {"page": "_images/%C3%BCbersicht.png", "static": "_images/gr%C3%B6%C3%9Fe.png",
                      "literal": "_images/pct%2520x.png"}
    assert sorted(path.name for path in (Path(app.outdir) / "_images").iterdir()) == [
        "größe.png", "pct%20x.png", "übersicht.png"]
    assert [w for w in warnings_of(app, "[mdx.image]") if "index.md:9:" in w and "%2E%2E/geheim.png" in w]


def test_a_page_named_as_its_folder_is_the_folders_page(built):
    assert (Path(built.outdir) / "guides.html").is_file()  # guides/guides.md
    assert (Path(built.outdir) / "guides" / "cloud.html").is_file()  # guides/cloud/cloud.md
    page = _page(built, "guides/cloud")
    assert page.find("a", string="the tabs")["href"] == "tabs.html"  # relative to the file's folder
    assert page.find("a", string="admonitions")["href"] == "admonitions.html#prerequisites"


def test_the_navigation_follows_positions_labels_and_hidden_pages(built):
    nav = _page(built, "guides").select_one(".sidebar-tree")
    top = [link.get_text() for link in nav.select("li.toctree-l1 > a")]
    assert top == ["Guides"]  # sidebar_label; the hidden category and page are left out
    below = [link.get_text() for link in nav.select("li.toctree-l2 > a")]
    # Cloud's _category_.json has position 0, then sidebar_position 1, 2, 3
    assert below == ["Cloud", "Admonitions", "Tabs", "Partials"]
    assert not warnings_of(built, "toctree")  # hidden pages are orphans on purpose


def test_description_is_the_meta_description(built):
    assert _page(built, "guides").find("meta", attrs={"name": "description"})["content"] == "How to do things."


def test_code_fence_options(built):
    page = _page(built, "guides/tabs")
    block = page.find(class_="literal-block-wrapper")
    assert block.find(class_="caption-text").get_text() == "values.yaml"
    code = block.find("pre")
    assert "highlight-next-line" not in code.get_text()  # the comment is taken out
    assert [line.get_text().strip() for line in code.select(".hll")] == ["1first: 1", "2second: 2"]
    assert block.select_one(".mdx-no-copy") is not None  # hideClipboard: no copy button (conf.py selector)
    assert code.select(".linenos")  # showLineNumbers
    # What the lexer cannot read is shown as written, with no warning, as Prism showed it.
    assert "apikey: ************************" in page.find_all("pre")[-1].get_text()
    assert not warnings_of(built, "highlighting_failure")


def test_cards_and_live_data_components(built):
    page = _page(built, "guides/cloud/cards")
    card = page.select_one(".mdx-cards .mdx-card")
    assert card.find("a")["href"] == "../tabs.html" and "Learn the tabs." in card.get_text()
    live = page.select_one(".mdx-live-data")
    assert live.find("a")["href"] == "https://docs.spectrocloud.com/guides/cloud/cards"
    assert [w for w in warnings_of(built, "[mdx.live_data]") if "cards.md:12:" in w and "<Packs>" in w]
    trap = page.select(".mdx-cards .mdx-card")[1]
    assert trap.find("a") is None and trap.select_one(".mdx-card-title").get_text() == "Trap"
    assert [w for w in warnings_of(built, "[mdx.link]")
            if "cards.md:6: WARNING: unsafe link target 'javascript:alert(1)' dropped; its text is kept" in w]


def test_the_eager_load_hint_is_no_part_of_the_alt_text(built):
    missing = _page(built, "guides/cloud/cards").select_one(".mdx-missing-image")
    assert missing.get_text() == "A diagram of the cloud"


def test_a_relative_link_to_a_folder_is_its_page(built):
    page = _page(built, "guides/cloud")
    assert page.find("a", string="folder's page")["href"] == "../guides.html"
    assert page.find("a", string="a missing folder")["href"] == "https://docs.spectrocloud.com/guides/cloud/nothing"


def test_site_absolute_images_come_from_the_static_folders(built):
    page = _page(built, "guides/cloud/cards")
    logo = page.find("img", alt="A logo")
    assert (Path(built.outdir) / "guides" / "cloud" / logo["src"]).resolve().is_file()
    assert page.find("img", alt="Escape") is None  # out of both folders: nothing read or copied
    assert [w for w in warnings_of(built, "[mdx.file]") if "conftest.py" in w]
    assert not (Path(built.outdir) / "_images" / "conftest.py").exists()


def test_toc_inline_and_video(built):
    page = _page(built, "guides/cloud/contents")
    contents = page.select_one("nav.mdx-toc-inline")
    assert [link["href"] for link in contents.find_all("a")] == ["#first-part", "#detail", "#second-part"]
    heading = contents.find_next("h2")
    assert heading.get_text().startswith("First part")
    assert heading.find("a", class_="toc-backref") is None  # a heading, not a link back to the list
    assert page.find("a", string="Video: An introduction")["href"] == "https://videos.example.com/intro.mp4"


THEME_DIRECTIVE_PAGES = {
    "myst.md": "# MyST\n\n```{toc-inline}\n:max-heading-level: 2\n```\n\n## First part\n\n### Detail\n\n"
               "## Second part\n\n```{video} demo.mp4\n:title: A demo\n```\n\n```{video} ../secret.mp4\n```\n\n"
               "```{video} spaced name.mp4\n```\n\n```{video} folder\n```\n",
    "rest.rst": "reST\n====\n\n.. toc-inline::\n\nFirst part\n----------\n\nDetail\n~~~~~~\n\n"
                "Second part\n-----------\n\n.. video:: https://videos.example.com/intro.mp4\n   :title: Remote\n",
}


@pytest.fixture(scope="module")
def theme_directive_site(tmp_path_factory):
    """MyST and reST pages with the ``toc-inline`` and ``video`` directives; one video lies outside."""
    from sphinx.testing.util import SphinxTestApp

    root = tmp_path_factory.mktemp("theme-directives")
    (root / "secret.mp4").write_bytes(b"SECRET")
    video = b"\x00\x00\x00\x18ftypmp42"
    site = write_project(root / "site", {"demo.mp4": video, "spaced name.mp4": video, "_category_.json": "{}",
                                         "index.md": "# Home\n", **THEME_DIRECTIVE_PAGES}, 'html_theme = "furo"\n')
    (site / "folder").mkdir()
    app = SphinxTestApp("html", srcdir=site, builddir=root / "out")
    app.build()
    yield app
    app.cleanup()


@pytest.mark.parametrize(("page", "headings"), [
    ("myst", ["#first-part", "#second-part"]),  # :max-heading-level: 2
    ("rest", ["#first-part", "#detail", "#second-part"]),
])
def test_the_toc_inline_directive_lists_the_headings_below_it(theme_directive_site, page, headings):
    contents = _page(theme_directive_site, page).select_one("nav.mdx-toc-inline")
    assert [link["href"] for link in contents.find_all("a")] == headings
    assert contents.find_next("h2").find("a", class_="toc-backref") is None


def test_the_video_directive_plays_a_file_of_the_site_and_links_a_remote_one(theme_directive_site):
    video, spaced = _page(theme_directive_site, "myst").find_all("video")
    assert video["title"] == "A demo" and video["src"].endswith("/demo.mp4")
    assert spaced["src"].endswith("/spaced%20name.mp4") or spaced["src"].endswith("/spaced name.mp4")
    assert (Path(theme_directive_site.outdir) / "myst.html").parent.joinpath(video["src"]).is_file()
    remote = _page(theme_directive_site, "rest").find("a", string="Video: Remote")
    assert remote["href"] == "https://videos.example.com/intro.mp4"


def test_the_video_directive_reads_no_file_outside_the_site(theme_directive_site):
    out = Path(theme_directive_site.outdir)
    assert not [path for path in out.rglob("*") if path.is_file() and path.read_bytes() == b"SECRET"]
    assert [w for w in warnings_of(theme_directive_site, "[mdx.file]") if "myst.md:" in w and "secret.mp4" in w]
    assert [w for w in warnings_of(theme_directive_site, "[mdx.file]") if "myst.md:" in w and "is a folder" in w]
    assert "Video: folder" in _page(theme_directive_site, "myst").find("article").get_text()


def test_hostile_link_components_and_heading_ids_are_refused(tmp_path):
    """A stranger's page: a javascript: URL in a link component, markup where a heading id goes,
    a partial name that climbs out of the partials folder."""
    from sphinx.testing.util import SphinxTestApp

    site = write_project(tmp_path / "site", {"_category_.json": "{}", "index.md": (
        '# Home\n\nGo <VersionedLink text="there" url="javascript:alert(1)" /> now.\n\n'
        '## Title {#"><svg/onload=alert(1)>}\n\n'
        '<PartialsComponent category="../../etc" name="passwd" />\n')})
    app = SphinxTestApp("html", srcdir=site, builddir=tmp_path / "out")
    app.build()
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    assert "javascript:" not in html and "<svg/onload" not in html  # the heading's text is escaped
    assert not page.find_all(lambda tag: any(name.startswith("on") for name in tag.attrs))
    assert "there" in html  # the link's text is kept
    assert [w for w in warnings_of(app, "[mdx.link]") if "index.md:3:" in w]
    assert [w for w in warnings_of(app, "[mdx.partial]") if "index.md:7:" in w]


def test_the_tech_preview_badge_is_words(built):
    """librarium's <TpBadge /> was an image of "Tech Preview"; here the words, drawn as a badge."""
    item = _page(built, "guides/cloud/contents").select_one("li:has(.mdx-badge)")
    assert item.select_one(".mdx-badge-preview").get_text() == "Tech Preview"
    assert item.get_text(" ", strip=True) == "Tech Preview A feature in technical preview."
    assert not warnings_of(built, "TpBadge")


@pytest.fixture(scope="module")
def latex(rootdir, tmp_path_factory):
    """The root as LaTeX, with a WebP file that is not one. ``(tex, outdir, warnings)``."""
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path_factory.mktemp("latex") / "test-docusaurus"
    shutil.copytree(rootdir / "test-docusaurus", srcdir)
    shutil.copytree(rootdir / "static", srcdir.parent / "static")
    (srcdir / "guides" / "broken.webp").write_bytes(b"RIFF\x00\x00\x00\x00WEBPnot an image")
    (srcdir / "guides" / "images.md").write_text(
        "---\ntitle: Images\n---\n\n![A broken picture](broken.webp)\n",
        encoding="utf-8")
    app = SphinxTestApp("latex", srcdir=srcdir)
    try:
        app.build()
        yield next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8"), Path(app.outdir), warnings_of(app)
    finally:
        app.cleanup()


def test_the_tech_preview_badge_in_latex(latex):
    tex, _, _ = latex
    assert r"\DUrole{mdx-badge}{\DUrole{mdx-badge-preview}{Tech Preview}} A feature in technical preview." in tex


def test_webp_images_are_converted_for_the_pdf(latex):
    """pdflatex stops at a WebP image and writes no PDF: it gets a PNG made by Pillow; what still
    cannot be shown (a file that is no image) is its alt text, with a warning at its line."""
    tex, outdir, warnings = latex
    assert r"\sphinxincludegraphics{{cloud}.png}" in tex and (outdir / "cloud.png").read_bytes()[:4] == b"\x89PNG"
    assert ".webp}" not in tex
    assert r"\DUrole{mdx-missing-image}{A broken picture}" in tex
    assert [w for w in warnings if "images.md:5:" in w and "broken.webp cannot be shown in the PDF" in w
            and "[mdx.image]" in w]


def test_admonitions_in_the_pdf_are_boxes_of_their_type(latex):
    """Sphinx would draw every titled admonition as a note: a warning must look like one."""
    tex, _, _ = latex
    for style, title in [("important", "Info"), ("warning", "Mind the gap"), ("tip", "Bracketed title"),
                         ("danger", "Danger"), ("caution", "Caution"), ("important", "Preview"), ("note", "Mystery")]:
        assert rf"\begin{{sphinxadmonition}}{{{style}}}{{{title}}}" in tex, (style, title)


def test_an_imported_markdown_file_is_its_content(tmp_path):
    """``import Steps from './_steps.mdx'`` then ``<Steps who="you" />``: the file's text, its props
    read, its own imports read from its folder; a path out of the folder or to no file is refused."""
    from conftest import PROJECT, sphinx_build

    docs = tmp_path / "docs"
    (docs / "guide" / "_shared").mkdir(parents=True)
    (docs / "guide" / "_category_.json").write_text('{"position": 1}', encoding="utf-8")
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "guide" / "_shared" / "_steps.mdx").write_text(
        'Steps for {props.who}.\n\nimport Deeper from "./_deeper.mdx";\n\n<Deeper />\n', encoding="utf-8")
    (docs / "guide" / "_shared" / "_deeper.mdx").write_text("Deeper words.\n", encoding="utf-8")
    (docs / "guide" / "page.md").write_text(
        '---\ntitle: Page\n---\n\nimport Steps from "./_shared/_steps.mdx";\nimport Escape from "../../outside.md";\n'
        'import Missing from "./_missing.mdx";\n\nBefore.\n\n<Steps who="you" />\n\nAfter.\n', encoding="utf-8")
    (tmp_path / "outside.md").write_text("Secret words.\n", encoding="utf-8")
    result = sphinx_build(docs, tmp_path / "html", "html", "--keep-going", conf=PROJECT)
    page = BeautifulSoup((tmp_path / "html" / "guide" / "page.html").read_text(encoding="utf-8"), "html.parser")
    text = page.find("article").get_text(" ", strip=True)
    assert "Before. Steps for you. Deeper words. After." in text and "Secret" not in text
    assert "page.md:6: WARNING: import of '../../outside.md' is outside the content folder" in result.stderr
    assert "page.md:7: WARNING: imported file './_missing.mdx' is not there" in result.stderr
    assert "unknown_import" not in result.stderr


def test_warnings_about_a_partial_name_the_partial_and_its_line(tmp_path):
    """Where its author finds them: not the page that includes it, at a line past the page's end."""
    from sphinx.testing.util import SphinxTestApp

    site = write_project(tmp_path / "site", {
        "_category_.json": "{}", "index.md": '# Home\n\n<PartialsComponent category="c" name="p" />\n',
        "_partials/_p.mdx": "---\npartial_category: c\npartial_name: p\n---\n\nPartial words.\n\n"
                            "<b>never closed\n\n```{points-of-interest}\n:points: [1]\n\npoi words\n```\n"})
    app = SphinxTestApp("html", srcdir=site, builddir=tmp_path / "out")
    app.build()
    located = [warning.split(" WARNING")[0].split("site/")[-1] for warning in warnings_of(app, "[mdx.jsx]")]
    assert located == ["_partials/_p.mdx:8:"]
    directive = [warning.split(" WARNING")[0].split("site/")[-1] for warning in warnings_of(app, "[mdx.attribute]")]
    assert directive == ["_partials/_p.mdx:11:"]  # a directive's warning too, at its option's line
    assert "Partial words." in (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
