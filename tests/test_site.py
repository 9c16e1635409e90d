"""The project's own site, built as `make html`, `make dirhtml` and `make latexpdf` do."""

from __future__ import annotations

import re
import subprocess

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT, require_commands, sphinx_build

#: What MDX markup looks like when it leaks into the text a reader sees.
LEAKS = re.compile(r"^\s*(import|export)\s|<[A-Za-z/]|\w=\{|\{<|/>", re.MULTILINE)


def faq(site_html) -> BeautifulSoup:
    return BeautifulSoup((site_html / "faq.html").read_text(encoding="utf-8"), "html.parser")


def test_faq_html_title_and_meta(site_html):
    page = faq(site_html)
    assert page.title.get_text() == "Frequently Asked Questions about Spectro Cloud"
    assert page.select_one('meta[property="og:title"]')["content"] == "Frequently Asked Questions about Spectro Cloud"
    assert page.select_one('meta[name="description"]')["content"] == "Frequently Asked Questions about Spectro Cloud"
    assert page.find("h1").get_text(strip=True).startswith("Frequently Asked Questions")
    assert "FAQ" in [a.get_text() for a in page.select(".sidebar-tree a")]


def test_faq_html_shows_no_markup_and_keeps_its_words(site_html):
    text = faq(site_html).find("article").get_text()
    assert not LEAKS.search(text), LEAKS.search(text)
    assert "@librarium" not in text
    assert "What OS’s are supported" in text and "â€" not in text
    source = (PROJECT / "source" / "faq.md").read_text(encoding="utf-8")
    prose = source.split("# Frequently Asked Questions", 1)[1]
    words = set(re.findall(r"[A-Za-z][A-Za-z-]{3,}", re.sub(r"<[^>]*>|\{[^}]*\}|\([^)]*\)", " ", prose)))
    normalized = " ".join(text.split())
    missing = sorted(word for word in words if word not in normalized)
    assert missing == []


def test_faq_html_links_to_no_copy_of_its_source(site_html):
    """The raw MDX (import lines, JSX) is never one click away, and no copy of it is published."""
    assert faq(site_html).select(".view-this-page") == []
    assert [path for path in site_html.glob("_sources/**/*") if path.is_file()] == []


def test_faq_html_tooltips(site_html):
    tooltips = faq(site_html).select("article .mdx-tooltip")
    assert [tooltip.select_one(".mdx-tooltip-trigger").get_text() for tooltip in tooltips] == [
        "Supervisor",
        "Upgrades",
    ]
    supervisor, upgrades = (tooltip.select_one(".mdx-tooltip-body") for tooltip in tooltips)
    assert supervisor.get_text().startswith("The platform installer contains a web application called the")
    assert supervisor.a["href"] == (
        "https://docs.spectrocloud.com/enterprise-version/deploying-the-platform-installer/#monitorinstallation"
    )
    assert upgrades.a.get_text() == "updated"
    assert upgrades.a["href"] == "https://docs.spectrocloud.com/cluster-profiles/task-update-profile"


def test_faq_links_to_pages_we_lack_go_to_the_live_site(site_html):
    hrefs = [a["href"] for a in faq(site_html).select("article p > a")]
    assert "https://docs.spectrocloud.com/clusters?clusterType=vmware_cluster#ipaddressmanagement" in hrefs
    assert "https://docs.spectrocloud.com/clusters/#customization" in hrefs


def test_faq_headings_carry_librarium_ids(site_html):
    page = faq(site_html)
    assert page.find(id="howdoesspectrocloudhandleipmanagement?") is not None
    assert page.find(id="whatos’saresupportedwithspectrocloud?") is not None


def test_authoring_guide_links_resolve_internally(site_html):
    page = BeautifulSoup((site_html / "authoring.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["href"] for a in page.select("article a")}
    assert "faq.html#howdoesspectrocloudhandleipmanagement?" in hrefs
    assert "?cloud=vmware#vmwaresetup" in hrefs


def test_dirhtml_builds_with_librarium_style_paths(tmp_path):
    result = sphinx_build(PROJECT / "source", tmp_path, "dirhtml", conf=PROJECT)
    assert result.returncode == 0 and not result.stderr, result.stderr
    page = BeautifulSoup((tmp_path / "authoring" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "../faq/#howdoesspectrocloudhandleipmanagement?" in {a["href"] for a in page.select("article a")}


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory) -> str:
    require_commands("latexmk", "pdflatex", "pdftotext")
    outdir = tmp_path_factory.mktemp("pdf")
    result = sphinx_build(PROJECT / "source", outdir, "latexpdf", conf=PROJECT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    pdf = outdir / "latex" / "spectro-cloud-docs.pdf"
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _faq_chapter(pdf_text: str) -> str:
    body = pdf_text.split("Brief answers to the most commonly asked questions", 1)[1]
    return re.split("authoring guide", body, maxsplit=1, flags=re.IGNORECASE)[0]


def test_faq_pdf_keeps_tooltip_bodies_as_footnotes(pdf_text):
    chapter = " ".join(_faq_chapter(pdf_text).split())
    assert "the Supervisor1 app" in chapter
    assert "1 The platform installer contains a web application called the Supervisor, to provide detailed" in chapter
    assert "Upgrades2 are rolling" in chapter
    assert "2 Typically, cluster profiles are updated to change the configuration" in chapter


def test_faq_pdf_shows_no_markup(pdf_text):
    chapter = _faq_chapter(pdf_text)
    assert not LEAKS.search(chapter), LEAKS.search(chapter)
    assert "OS’s" in chapter and "â€" not in chapter
