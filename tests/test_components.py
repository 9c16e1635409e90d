"""Each component as a reader gets it: the HTML DOM, and the LaTeX source."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_colors

from conftest import build_app, copy_root, warnings_of


@pytest.fixture(scope="module")
def html(rootdir, tmp_path_factory):
    app = build_app(rootdir, "components", "html", tmp_path_factory)
    yield app
    app.cleanup()


@pytest.fixture(scope="module")
def latex(rootdir, tmp_path_factory):
    app = build_app(rootdir, "components", "latex", tmp_path_factory)
    yield (app.outdir / "components.tex").read_text(encoding="utf-8")
    app.cleanup()


def page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def article(app, name: str):
    return page(app, name).find("article")


def test_good_input_builds_without_warnings(html):
    assert strip_colors(html.warning.getvalue()) == ""


def test_no_raw_markup_reaches_html(html):
    for name in ("boxes", "tooltips", "points", "tabs", "html", "links", "clusters", "directives"):
        text = article(html, name).get_text()
        for leak in ("import ", "<", "/>", "={", "</"):
            assert leak not in text, (name, leak)


def test_boxes_html(html):
    content = article(html, "boxes")
    info, warning, one_line = content.select(".mdx-box")
    assert "mdx-infobox" in info["class"] and "mdx-warningbox" in warning["class"]
    assert info.select_one(".mdx-box-icon") is not None
    assert info.select_one("strong").get_text() == "bold"
    assert [li.get_text(strip=True) for li in info.select("li")] == ["first item", "second item"]
    assert warning.select_one("pre") is None, "indented content must not become a code block"
    assert warning.select_one("p").get_text(strip=True) == "Indented inline content, not a code block."
    assert one_line.get_text(strip=True) == "One line of info."


def test_boxes_latex(latex):
    assert r"\begin{sphinxadmonition}{note}{Note:}" in latex  # labelled on paper: no empty title bar
    assert r"\begin{sphinxadmonition}{warning}{Warning:}" in latex
    assert "Indented inline content, not a code block." in latex


def test_tooltip_html_is_accessible(html):
    content = article(html, "tooltips")
    tooltips = content.select(".mdx-tooltip")
    assert len(tooltips) == 10
    for tooltip in tooltips:
        trigger = tooltip.select_one(".mdx-tooltip-trigger")
        body = tooltip.select_one(".mdx-tooltip-body")
        if body.select("a"):  # a disclosure: role="tooltip" may hold no link
            assert trigger.name == "button" and trigger["type"] == "button"
            assert trigger["aria-expanded"] == "false" and trigger["aria-controls"] == body["id"]
            assert not body.has_attr("role") and not trigger.has_attr("aria-describedby")
        else:
            assert body["role"] == "tooltip" and trigger["aria-describedby"] == body["id"]
            assert trigger.name == "button" if "mdx-tooltip-icon" in trigger["class"] else trigger["tabindex"] == "0"
    first, icon, string = tooltips[:3]
    assert first.select_one(".mdx-tooltip-trigger .mdx-u").get_text() == "Supervisor"
    link = first.select_one(".mdx-tooltip-body a")
    assert link.get_text() == "a link" and link["href"] == "links.html#target-heading"
    assert first.select_one(".mdx-tooltip-body strong").get_text() == "bold"
    assert "mdx-tooltip-icon" in icon.select_one(".mdx-tooltip-trigger")["class"]
    assert icon.select_one(".mdx-tooltip-trigger")["aria-label"]
    assert string.select_one(".mdx-tooltip-trigger").get_text() == "world"
    assert content.get_text(" ", strip=True).startswith("Tooltips")
    assert "after." in content.get_text()


def test_tooltip_assets_are_local(html):
    scripts = [script.get("src", "") for script in page(html, "tooltips").find_all("script")]
    assert any(src.startswith("_static/mdx.js") for src in scripts)
    assert all("://" not in src for src in scripts)
    assert (html.outdir / "_static" / "mdx.css").exists()


def test_tooltip_latex_is_a_footnote(latex):
    opening = r"\DUrole{mdx-u}{Supervisor}%" + "\n" + r"\begin{footnote}["
    assert opening in latex
    footnote = latex.split(opening, 1)[1].split(r"\end{footnote}", 1)[0]
    assert "The body has" in footnote and "a link" in footnote and r"\sphinxstylestrong{bold}" in footnote
    assert "world%\n" + r"\begin{footnote}[" in latex


def test_points_of_interest_html(html):
    content = article(html, "points")
    root = content.select_one(".mdx-pointsofinterest")
    assert root.select_one("pre") is not None
    markers = root.select(".mdx-poi-marker")
    assert [marker.get_text() for marker in markers] == ["1", "B", "3", "4"]
    points = root.select(".mdx-poi-point")
    assert points[0]["style"] == "left:20px;top:30px"
    for marker in markers:
        assert marker.name == "button" and marker["aria-expanded"] == "false"
        description = content.find(id=marker["aria-controls"])
        assert marker["aria-describedby"] == description["id"]
        assert "mdx-poi-description" in description["class"] and not description.has_attr("role")
    descriptions = [d.get_text() for d in root.select(".mdx-poi-description")]
    assert descriptions[:2] == ["First point", "Second point"]
    assert root.select_one(".mdx-poi-description a")["href"] == "clusters.html"
    assert root.select_one(".mdx-poi-legend") is None


def test_points_of_interest_latex_legend(latex):
    assert r"\sphinxstylestrong{1:} First point" in latex
    assert r"\sphinxstylestrong{B:} Second point" in latex


def test_a_missing_image_is_reported_at_its_line(rootdir, make_app, tmp_path):
    """Sphinx sets every image's line to 0 for its translations; the warning still names it."""
    srcdir = copy_root(rootdir, "components", tmp_path)
    (srcdir / "images.md").write_text("# Images\n\nA paragraph\nwith <img src=\"gone.png\" alt=\"gone\"> inline.\n\n"
                                      "![A figure](./lost.png)\n", encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert [line.split("images.md:")[1].split(" WARNING")[0] for line in warnings_of(app, "[mdx.image]")] == [
        "4:", "6:"]


def test_points_without_their_image_are_a_legend(rootdir, make_app, tmp_path):
    srcdir = copy_root(rootdir, "components", tmp_path)
    (srcdir / "lost.md").write_text(
        "import PointsOfInterest from 'shared/components/common/PointOfInterest';\n\n"
        "# Lost\n\n<PointsOfInterest points={[{x: 20, y: 30, label: 1, description: \"First point\"},"
        " {x: 90, y: 40, label: \"B\", description: \"Second point\"}]}>\n\n"
        "![A diagram](./nowhere.png)\n\n</PointsOfInterest>\n\nThe text that follows.\n",
        encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert [line.split("lost.md:")[1] for line in warnings_of(app, "[mdx.")] == [
        "7: WARNING: image file not found: ./nowhere.png; its alt text is shown instead [mdx.image]"]
    root = article(app, "lost").select_one(".mdx-pointsofinterest")
    assert root.select_one(".mdx-missing-image").get_text() == "A diagram"
    assert root.select_one(".mdx-poi-marker, .mdx-poi-point, .mdx-poi-description") is None
    legend = root.select_one("ul.mdx-poi-legend")
    assert [item.get_text(strip=True) for item in legend.select("li")] == ["1:First point", "B:Second point"]


def test_tabs_html_sync_with_identifier(html):
    content = article(html, "tabs")
    tab_set = content.select_one(".mdx-tabs")
    labels = tab_set.select("label.sd-tab-label")
    assert [label.get_text(strip=True) for label in labels] == ["AWS", "VMware"]
    assert [label["data-sync-group"] for label in labels] == ["cloud", "cloud"]
    assert [label["data-sync-id"] for label in labels] == ["aws", "vmware"]
    panes = tab_set.select(".sd-tab-content")
    assert "For VMware." in panes[1].get_text()
    assert panes[1].find(id="vmwaredetails") is not None


def test_tabs_latex_each_pane_under_its_label(latex):
    aws = latex.index("For AWS.")
    vmware_label = latex.index("VMware", aws)
    assert aws < vmware_label < latex.index("For VMware.")


def test_html_elements(html):
    content = article(html, "html")
    first = content.select("p")[0]
    assert first.select_one("strong").get_text() == "bold"
    assert first.select_one("em").get_text() == "italic"
    assert first.select_one("code").get_text() == "code"
    assert first.select_one(".mdx-u").get_text() == "under"
    assert first.select_one("sup").get_text() == "2" and first.select_one("sub").get_text() == "2"
    assert first.select_one("br") is not None
    assert "a comment" not in content.get_text()
    table = content.select_one("table")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == ["Key", "Value"]
    assert [[td.get_text(strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")] == [
        ["a", "1"],
        ["b", ""],
    ]
    assert [li.get_text(strip=True) for li in content.select("ul li")] == ["one", "two"]
    assert [li.get_text(strip=True) for li in content.select("ol li")] == ["first", "second"]
    assert content.select_one("ol li strong").get_text() == "second"
    assert content.select_one("h3.rubric").get_text(strip=True) == "An HTML heading"
    assert content.select_one("details summary").get_text(strip=True) == "More"
    image = content.select_one("img")
    assert image["src"] == "_images/logo.png" and image["alt"] == "Logo"


def test_html_elements_latex(latex):
    assert r"\sphinxstylestrong{bold}" in latex
    assert r"\sphinxincludegraphics[width=120\sphinxpxdimen]{{logo}.png}" in latex
    assert r"\begin{itemize}" in latex and "An HTML heading" in latex and "Hidden text." in latex


def test_librarium_links_resolve(html):
    links = {a.get_text(): a["href"] for a in article(html, "links").select("p a")}
    assert links == {
        "site page": "clusters.html",
        "with anchor": "clusters.html#ipaddressmanagement",
        "with query": "clusters.html?clusterType=vmware_cluster#ipaddressmanagement",
        "missing page": "https://docs.example.com/nowhere/page#x",
        "same page": "#targetheading",
        "an HTML link": "clusters.html",
        "a relative one": "clusters.html",
        "the boxes": "boxes.html",  # the roles of <VersionedLink> and <PaletteVertexUrlMapper>, from MyST
        "the VerteX guide": "https://docs.example.com/self-hosted-setup/vertex/install",
    }


def test_librarium_heading_ids_first_duplicate_wins(html):
    content = article(html, "clusters")
    assert len(content.select("#overview")) == 1
    assert "On AWS." in content.select_one("#overview").find_parent(class_="sd-tab-content").get_text()
    assert content.select_one("#ipaddressmanagement") is not None


def test_front_matter(html):
    front = page(html, "front")
    assert front.title.get_text() == "Meta Title & more"
    assert front.select_one('meta[property="og:title"]')["content"] == "Meta Title & more"
    assert front.select_one('meta[name="description"]')["content"] == 'A "quoted" description'
    assert front.select_one('meta[property="og:description"]')["content"] == 'A "quoted" description'
    assert front.find("h1").get_text(strip=True).startswith("The front page heading")
    navigation = [a.get_text() for a in front.select(".sidebar-tree a")]
    assert "Front" in navigation and "Clusters" in navigation
    assert front.select_one(".toc-tree") is None, "hideToC: true hides the contents"
    assert page(html, "links").select_one(".toc-tree") is not None
    stylesheets = lambda soup: [link["href"] for link in soup.select("link[rel=stylesheet]")]  # noqa: E731
    assert any("mdx-full-width.css" in href for href in stylesheets(front))
    assert not any("mdx-full-width.css" in href for href in stylesheets(page(html, "links")))


def test_directives_from_rest(html):
    content = article(html, "directives")
    assert content.select_one(".mdx-infobox").get_text(strip=True) == "An info box from reST."
    assert content.select_one(".mdx-warningbox").get_text(strip=True) == "A warning box from reST."
    tooltip = content.select_one(".mdx-tooltip")
    assert tooltip.select_one(".mdx-tooltip-trigger em").get_text() == "rest trigger"
    assert tooltip.select_one(".mdx-tooltip-body").get_text() == "A body from reST."
    assert content.select_one(".mdx-pointsofinterest .mdx-poi-marker").get_text() == "A"
    labels = content.select(".mdx-tabs label")
    assert [label["data-sync-id"] for label in labels] == ["bash", "zsh"]
    live = content.select_one(".mdx-live-data")  # what <Packs /> and the other live-data components show
    assert live.find("a")["href"] == "https://docs.example.com/directives"


def test_components_in_text_are_roles_in_rest(html):
    """<TpBadge />, <VersionedLink> and <PaletteVertexUrlMapper> live in text: in reST they are roles."""
    paragraph = article(html, "directives").select_one("p:has(.mdx-badge)")
    assert paragraph.select_one(".mdx-badge.mdx-badge-preview").get_text() == "Tech Preview"
    assert {a.get_text(): a["href"] for a in paragraph.select("a")} == {
        "links page": "links.html",
        "edition guide": "https://docs.example.com/self-hosted-setup/palette/install",  # librarium's editions
        "/clusters": "clusters.html",
    }
    assert paragraph.get_text(" ", strip=True) == ("A Tech Preview feature: see the links page , the edition "
                                                   "guide and /clusters .")


def test_components_in_text_are_roles_in_latex(latex):
    assert r"A \DUrole{mdx-badge}{\DUrole{mdx-badge-preview}{Tech Preview}} feature" in latex


def test_anchor_warnings_name_file_and_line(rootdir, make_app, tmp_path):
    app = make_app("html", srcdir=copy_root(rootdir, "anchor", tmp_path))
    app.build()
    warnings = warnings_of(app, "[mdx.")
    assert len(warnings) == 2, warnings
    assert warnings[0].endswith("index.md:5: WARNING: link '/#nosuchheading': page 'index' has no anchor "
                                "#nosuchheading [mdx.anchor]")
    assert "index.md:6: WARNING: link '/other#missing'" in warnings[1]


def test_youtube_and_allowed_iframes(html):
    frames = article(html, "embeds").select(".mdx-youtube iframe")
    assert [frame["src"] for frame in frames] == [
        "https://www.youtube.com/embed/abc123",
        "https://www.youtube.com/embed/xyz789",
        "https://www.youtube.com/embed/def456",
    ]
    assert frames[0]["title"] == "Getting started" and frames[0].has_attr("allowfullscreen")
    # A frame needs a name for screen readers, whichever way it was written.
    assert [frame["title"] for frame in frames[1:]] == ["Embedded video", "Embedded video"]


def test_youtube_latex_is_a_link(latex):
    assert r"\sphinxhref{https://www.youtube.com/watch?v=abc123}{Video: Getting started}" in latex


def test_layout_components_show_their_props(html):
    content = article(html, "embeds")
    intro = content.select_one(".mdx-intro")
    assert intro.select_one(".rubric").get_text() == "Welcome"
    assert intro.select_one("strong").get_text() == "one"
    assert "Children of the intro." in intro.get_text()
    cards = content.select(".mdx-quicksetup .mdx-card")
    assert [card.select_one("a")["href"] for card in cards] == ["clusters.html", "https://example.com/x"]
    assert [card.select_one("strong").get_text() for card in cards] == ["Clusters", "Outside"]
    grid = content.select_one(".mdx-simplecardgrid")  # the directive, from MyST
    assert grid.select_one(".rubric").get_text() == "Cards from MyST"
    card = grid.select_one(".mdx-card")
    assert card.select_one("a")["href"] == "tabs.html"
    assert card.select("p")[-1].select_one("strong").get_text() == "tabs"


def test_layout_props_of_any_kind_keep_their_words(html):
    """Markup, numbers and cards that are not objects are shown, as JavaScript would write them."""
    intro = article(html, "embeds").select(".mdx-intro")[-1]
    assert intro.select_one(".rubric .mdx-u").get_text() == "marked words"
    assert intro.select_one("p:not(.rubric)").get_text() == "42"
    assert [card.get_text(strip=True) for card in intro.select(".mdx-card")] == ["Obj", "plain card", "7", "true"]
    solo = article(html, "embeds").select(".mdx-simplecardgrid")[-1]
    assert [card.get_text(strip=True) for card in solo.select(".mdx-card")] == ["42"]  # one card, not a list


def test_layout_components_are_directives_in_rest(html):
    content = article(html, "directives")
    intro = content.select_one(".mdx-intro")
    assert intro.select_one(".rubric").get_text() == "Welcome from reST"
    assert intro.select_one("em").get_text() == "one" and "Children of the reST intro." in intro.get_text()
    card = content.select_one(".mdx-simplecardgrid .mdx-card")
    assert card.select_one("a")["href"] == "clusters.html" and "Create one." in card.get_text()
