"""No page can fail the PDF: lists and quotes nested past LaTeX's limits, tooltips holding code.

One latexpdf build of ``roots/test-pdf-robust`` (every case on one page, and a reST page).
"""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import copy_root, require_commands, sphinx_build

#: Words of the test root that the PDF must show: deep lists and quotes, and tooltip bodies
#: (code, lists, paragraphs) in a heading, a table, a footnote, a tab pane and reST.
WORDS = """
levelone levelfour levelfive levelsix levelseven levelfiveagain numfour numfive numfivebis numsix
quoteeight mixone mixfour mixfive mixsix mixseven boxfour boxfive
yamlkey yamlvalue tiplistone tiplisttwo Second deepfour deeptipone deeptiptwo deepcode
headingbody theadbody cellbody tablecode notebody outerbody innerbody panebody restcode
Outerbox Innerbox boxcode0 boxcode149
""".split()

#: The environments whose nesting LaTeX limits: six of them in all, four of itemize or of enumerate.
LIST_ENVIRONMENTS = ("itemize", "enumerate", "description", "quote")


@pytest.fixture(scope="module")
def robust_pdf(rootdir, tmp_path_factory) -> tuple[str, str]:
    """The test root built as ``make latexpdf`` does: its LaTeX source and the PDF's text."""
    require_commands("latexmk", "pdftotext")
    build = tmp_path_factory.mktemp("pdf-robust")
    result = sphinx_build(copy_root(rootdir, "pdf-robust", build), build / "out", "latexpdf")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    latex = build / "out" / "latex"
    text = subprocess.run(["pdftotext", str(latex / "robust.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    return (latex / "robust.tex").read_text(encoding="utf-8"), " ".join(text.split())


def test_pdf_keeps_every_word(robust_pdf):
    _, text = robust_pdf
    assert [word for word in WORDS if word not in text] == []


def test_lists_past_latex_limits_are_flat_with_their_markers(robust_pdf):
    tex, text = robust_pdf
    for marked in ("• levelfive", "– levelsix", "∗ levelseven", "• levelfiveagain", "2. numfivebis",
                   "1. numsix", "– mixsix", "• boxfive"):
        assert marked in text, marked
    depth = dict.fromkeys(LIST_ENVIRONMENTS, 0)
    deepest = dict.fromkeys(LIST_ENVIRONMENTS, 0)
    for begin, name in re.findall(r"\\(begin|end)\{(" + "|".join(LIST_ENVIRONMENTS) + r")\}", tex):
        depth[name] += 1 if begin == "begin" else -1
        deepest[name] = max(deepest[name], depth[name])
        assert sum(depth.values()) <= 6, "more than six list environments inside one another"
    assert deepest["itemize"] == deepest["enumerate"] == 4


def test_a_box_in_a_box_loses_its_frame_not_its_words(robust_pdf):
    """Framed boxes one in another cannot break across pages: a long code block there exhausted
    TeX's input stack. The inner box's label and content follow in the outer box."""
    tex, text = robust_pdf
    inner = tex.index("Innerbox words")
    assert tex.rfind(r"\begin{sphinxadmonition}{warning}", 0, inner) > tex.rfind(r"\end{sphinxadmonition}", 0, inner)
    assert r"\sphinxstylestrong{Note:}" in tex[tex.rfind(r"\begin{sphinxadmonition}{warning}", 0, inner):inner]
    assert "Note:" in text


def test_tooltip_bodies_are_sphinx_footnotes(robust_pdf):
    tex, _ = robust_pdf
    assert r"\footnote{" not in tex
    assert tex.count(r"\sphinxSetupCodeBlockInFootnote") == 3  # directive, deep list and reST bodies
    # Where a footnote cannot stand, a mark, and the text after the heading or table.
    for trigger in ("headingtrigger", "headtrigger", "celltrigger", "tabletrigger", "panetrigger"):
        assert re.search(trigger + r"\\sphinxfootnotemark\[\d+\]", tex), trigger
    table_end = re.compile(r"\\end\{(longtable|tabular)\}").search(tex, tex.index("tabletrigger")).start()
    assert tex.index(r"\begin{footnotetext}", table_end) < tex.index("tablecode")
