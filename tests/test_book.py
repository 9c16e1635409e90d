"""A whole site's PDF reads like a manual: ``roots/test-book`` built by ``tools/fidelity.py``.

The root has two top-level pages, one with child pages three levels deep and
several ``#`` headings, a page with a front matter title, two hidden pages,
a table of identifiers, tab panes, boxes, a missing image and a local video.
One build (HTML and PDF, with the project's conf.py) serves every test.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import PROJECT, copy_root, require_commands, require_module

sys.path.insert(0, str(PROJECT / "tools"))

import fidelity  # noqa: E402
import pdf_report  # noqa: E402

from sphinx_mdx.latex_layout import _Column, column_widths, pieces  # noqa: E402

#: The navigation, depth first, then the appendices: every title is a bookmark, in this order.
NAVIGATION = ["Alpha Guide", "First Steps", "Second Page", "Deep Page", "Beta"]
APPENDICES = ["Hidden One", "Hidden Two"]
#: Identifiers of the table: whole in the PDF's text once line ends are joined, never hyphenated.
IDENTIFIERS = ["calico.encapsulationType", "global.image.imagePullPolicy", "tridentSkipK8sVersionCheck",
               "CALICO_IPV4POOL_IPIP", "CALICO_IPV4POOL_VXLAN", "IfNotPresent"]


@pytest.fixture(scope="module")
def book(rootdir, tmp_path_factory):
    """The fidelity command's run on the root: its exit status and report, and the build folder."""
    require_commands("latexmk", "pdflatex", "pdftotext")
    require_module("pypdf")
    build = tmp_path_factory.mktemp("book")
    source = copy_root(rootdir, "book", build)
    status = fidelity.main([str(source), "--out", str(build / "out")])
    return status, build / "out"


@pytest.fixture(scope="module")
def pdf(book):
    _, out = book
    return next((out / "latex").glob("*.pdf"))


@pytest.fixture(scope="module")
def tex(pdf):
    return pdf.with_suffix(".tex").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def text(pdf):
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_fidelity_passes_and_keeps_every_word(book):
    status, out = book
    assert status == 0
    warnings = (out / "html-warnings.txt").read_text(encoding="utf-8").splitlines()
    assert [line.rsplit("[", 1)[-1] for line in warnings] == ["mdx.image]"]  # the missing image, on purpose


def test_bookmarks_follow_the_navigation_with_headings_beneath(pdf):
    outline = pdf_report.outline(pdf)
    titles = [title for _, title in outline]
    assert [title for title in titles if title in NAVIGATION + APPENDICES] == NAVIGATION + APPENDICES
    levels = dict((title, level) for level, title in reversed(outline))
    assert levels["Alpha Guide"] == levels["Beta"] == 0  # chapters: the top-level entries
    assert levels["First Steps"] == levels["Second Page"] == levels["Overview"] == 1
    assert levels["Deep Page"] == levels["Settings"] == 2
    assert [title for level, title in outline if level == 0] == ["Alpha Guide", "Beta", "Appendices"]


def test_no_blank_pages_no_overfull_boxes_nothing_printed_over(book):
    _, out = book
    report = pdf_report.report_for(out)
    assert report.pages <= 10
    assert report.blank_pages == []
    assert report.missing_bookmarks == report.out_of_order == []
    assert report.overfull == []  # 02-beta.md: checksums in code, cut at their own (wider) width
    assert report.overprinted == []


def test_each_page_is_one_section_its_children_after_its_content(text):
    flat = " ".join(text.split()).lower()  # chapter titles print in capitals
    order = ["Alpha Guide", "Alphaintro", "Overview", "Alphaoverview", "Prerequisites", "Alphaprereq",
             "Centredtext", "First Steps", "Firststeps", "Firstlater", "Second Page", "Secondbody",
             "Panelabel One", "Paneone", "Panetwo", "Deep Page", "Deepbody", "BETA", "Kubernetes 1.7+",
             "Appendices", "Hidden One", "Hiddenone", "Hidden Two", "Hiddentwo"]
    start = flat.find("chapter one")  # after the contents
    positions = [flat.find(words.lower(), start) for words in order]
    assert -1 not in positions, [words for words, at in zip(order, positions, strict=True) if at < 0]
    assert positions == sorted(positions)


def test_contents_list_chapters_and_pages_appendices_lettered(pdf):
    toc = pdf.with_suffix(".toc").read_text(encoding="utf-8")
    assert re.search(r"\\contentsline \{section\}\{\\numberline \{1\.3\}First Steps\}", toc)
    assert re.search(r"\\contentsline \{part\}\{Appendices\}", toc)
    assert re.search(r"\\contentsline \{chapter\}\{\\numberline \{A\}Hidden One\}", toc)
    assert re.search(r"\\contentsline \{chapter\}\{\\numberline \{B\}Hidden Two\}", toc)


def test_title_page_names_the_site(text):
    title_page = text.split("\f")[0]
    assert "Spectro Cloud docs" in title_page and "Book" in title_page


def test_table_identifiers_wrap_only_at_their_break_points(tex, text):
    joined = re.sub(r"\s+", "", text)
    for identifier in IDENTIFIERS:
        assert identifier in joined, identifier
        assert not re.search(r"\w-\n", text[text.find("Name"):text.find("Firstlater")]), "a hyphenated cell"
    assert re.search(r"\\begin\{longtable\}\{(\\X\{\d+\}\{100\}){4}\}", tex)  # widths from the content
    # each cell ragged-right, never hyphenated: 4 rows of 4, and the header again for the pages after;
    # then the checksums table of 02-beta.md: 3 rows of 4, and its header again
    assert tex.count(r"\mdxtablecell") == 20 + 16


def test_components_read_as_themselves(tex, text):
    assert r"\begin{sphinxadmonition}{note}{Note:}" in tex
    assert r"\begin{sphinxadmonition}{warning}{Warning:}" in tex
    assert r"\begin{sphinxuseclass}{mdx-tab-label}" in tex
    assert r"\chapter*{Paneheading" not in tex and r"\subsubsection*{Paneheading" in tex
    assert "image not available: Missingalt picture" in " ".join(text.split())
    assert r"\sphinxhref{https://docs.spectrocloud.com/alpha/second}{Video: Secondvideo}" in tex
    assert r"\begin{sphinxuseclass}{mdx-center}" in tex
    assert r"wrap/\allowbreak{}somewhere" in tex  # a long URL in text may wrap


def test_the_html_keeps_its_own_shape(book):
    _, out = book
    html = (out / "html" / "alpha.html").read_text(encoding="utf-8")
    assert html.count("<h1>") == 2  # both `#` headings of the page, as the page wrote them
    assert "<wbr>" not in html and "Note:" not in html


@pytest.mark.parametrize(("text", "expected"), [
    ("calico.encapsulationType", ["calico.", "encapsulation", "Type"]),
    ("CALICO_IPV4POOL_IPIP", ["CALICO_", "IPV4POOL_", "IPIP"]),
    ("https://example.com/a-b", ["https://", "example.", "com/", "a-", "b"]),
    ("short.words", ["short.words"]),
    ("plain long text", ["plain", "long", "text"]),
])
def test_pieces_cut_long_tokens_at_break_points(text, expected):
    assert pieces(text) == expected


def test_column_widths_keep_identifiers_and_share_the_rest():
    fits = column_widths([_Column(5, 5, 10), _Column(5, 5, 20)], line=100)
    assert fits == [13, 23]
    words_kept = column_widths([_Column(10, 24, 24), _Column(13, 13, 300)], line=100)
    assert words_kept[0] == 27 and sum(words_kept) == pytest.approx(100)
    pieces_only = column_widths([_Column(13, 24, 24)] * 4, line=100)
    assert pieces_only == [pytest.approx(25)] * 4
