"""No page can fail the PDF: lists and quotes nested past LaTeX's limits, tooltips holding code.

One latexpdf build of ``roots/test-pdf-robust`` (every case on one page, and a reST page).
"""

from __future__ import annotations

import os
import re
import string
import subprocess
import sys

import pytest
from docutils import nodes
from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx.util.console import strip_colors

from conftest import PROJECT, copy_root, require_commands, sphinx_build, write_images, write_project
from sphinx_mdx.latex import TALLEST_BOX_LINES, characters_with_glyphs, font_encodings
from sphinx_mdx.components.shared import line_break
from sphinx_mdx.components.shared import lines_of
from sphinx_mdx.latex_layout import math_rows
from sphinx_mdx.latex_math import as_latex, errors_in_log, rejected_formulas
from sphinx_mdx.latex_lines import CODE_BLOCK_CHARACTERS, LINE_LIMIT, _runs, fit_lines

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


def tex_tokens(tex: str) -> list[str]:
    """The tokens TeX reads from ``tex``: control sequences, characters, one space for a run of
    blanks or a line end in text, ``\\par`` for an empty line; comments and the blanks TeX skips
    (after a control word, at a line's start and end) dropped."""
    tokens: list[str] = []
    for written in tex.split("\n"):
        line, state, i = written.rstrip(" ") + "\r", "N", 0  # TeX drops a line's trailing blanks
        while i < len(line) and line[i] != "%":
            char = line[i]
            if char == "\r":
                tokens.extend({"N": ["\\par"], "M": [" "], "S": []}[state])
                break
            if char == "\\":
                end = i + 2
                if line[i + 1] in string.ascii_letters:
                    while line[end] in string.ascii_letters:
                        end += 1
                tokens.append(line[i:end])
                state = "S" if line[i + 1] in string.ascii_letters + " " else "M"
                i = end
                continue
            if char == " ":
                if state == "M":
                    tokens.append(" ")
                    state = "S"
            else:
                tokens.append(char)
                state = "M"
            i += 1
    return tokens


TEX_FRAGMENTS = ("word", "é", "x", " ", "  ", "\\textbf", "{", "}", "\\%", "%", "\\\\", "\\ ", "\n", "ab1",
                 "\\\\x", "\\begin{sphinxVerbatim}\n", "\\end{sphinxVerbatim}\n", "~")


@settings(max_examples=500, deadline=None)
@given(fragments=st.lists(st.sampled_from(TEX_FRAGMENTS), max_size=80), limit=st.integers(4, 40))
def test_cut_lines_read_as_the_same_tokens(fragments, limit):
    """Cutting the .tex into short lines changes nothing TeX reads (checked against a reader of
    TeX's own rules), and cuts every line it can."""
    tex = "".join(fragments)
    fitted = fit_lines(tex, limit)
    assert tex_tokens(fitted) == tex_tokens(tex)


def test_a_long_line_of_text_or_commands_is_cut_within_the_limit():
    words = " ".join(f"word{i}" for i in range(10_000))
    bold = r"\sphinxstylestrong{x}" * 5_000 + "plain" * 2_000
    for line in (words, bold, "a" * 100_000, words + "% a comment " + words):
        fitted = fit_lines(line)
        assert max(len(piece) for piece in fitted.split("\n")) <= LINE_LIMIT + 1  # and its "%"
        assert tex_tokens(fitted) == tex_tokens(line)
    code = "\\begin{sphinxVerbatim}\n" + "y" * 50_000 + "\n\\end{sphinxVerbatim}\n"
    assert fit_lines(code) == code  # a verbatim line is the text's: it is cut before highlighting


def test_pages_longer_than_texs_lines_build_their_pdf(tmp_path):
    """TeX reads a line of at most 200,000 characters: a paragraph written on one line, a run of
    markup, a code line, a heading (copied into the .aux, .toc and bookmarks) and a URL longer
    than that build, every word kept, the shortened ones warned; so do inline code that Sphinx
    reads again as one line (escaped, or with break points), a long heading in a box, and a box
    taller than its frame can be (it loses the frame), and a table cell taller than a page."""
    require_commands("latexmk", "pdftotext")
    source = tmp_path / "src"
    source.mkdir()
    heading = " ".join(f"title{i}" for i in range(25_000))
    words = " ".join(f"uword{i}" for i in range(30))
    (source / "index.md").write_text(
        "# Long lines\n\n" + " ".join(f"word{i}" for i in range(25_000)) + " lastword\n\n"
        + "<b>x</b>" * 30_000 + " lastbold\n\n```python\n" + "y=" + "1+" * 110_000 + "2\n```\n\n"
        + f"[long link](https://example.com/{'a' * 210_000}) linktext\n\n## {heading}\n\nlastpara\n\n"
        + "Code before `" + "a." * 15_000 + "` and `" + "\\" * 12_500 + "`.\n\n"
        + "import InfoBox from 'x';\n\n<InfoBox>\n\n### " + " ".join(f"boxtitle{i}" for i in range(1_500))
        + "\n\nboxbody\n\n</InfoBox>\n\n<InfoBox>\n\n```\n" + "\n".join(f"tall {i}" for i in range(1_450))
        + "\n```\n\ntallboxend\n\n</InfoBox>\n\n<table><tr><th>Name</th><th>Value</th></tr><tr><td>tallcell</td><td>"
        + "<br/>".join(f"cellline{i}" for i in range(150)) + "</td></tr></table>\n\n"
        + "```{parsed-literal}\n**wordy** " + "é" * 300 + " plongend\n```\n\n"
        + "```{parsed-literal}\nparsedstart " + " ".join(f"**b{i}** t{i}" for i in range(25_000))
        + " parsedend\n```\n\n"
        + "```{math}\n" + "\\\\\n".join(f"x_{{{i}}} &= {i + 5_000}" for i in range(120)) + "\n```\n\nmathend\n\n"
        + "```{math}\n:label: tall\n" + "\\\\\n".join(f"y_{{{i}}} &= {{{i}}}" for i in range(50)) + "\n```\n\n"
        + "See {eq}`tall` numberend.\n\n"
        + f"A <u>{words}</u> underend, a token {'A' * 300} tokenend, `{'~' * 300}` tildeend, "
        + f"{{tp-badge}}`{words}` badgeend.\n\n"
        + "````{tooltip} tall trigger\ntipstart\n\n```\n" + "\n".join(f"tipline {i}" for i in range(120))
        + "\n```\n\ntipend\n````\n\nafterpara\n\n"
        + "A <u> leadspace words</u>, <u><b>" + " ".join(f"bw{i}" for i in range(40)) + "</b></u> boldend, <u>"
        + "U" * 300 + "</u> uend and " + "ab`c`" * 150 + " runend.\n\n"
        + "```{parsed-literal}\n" + "a " * 480 + "{math}`" + " + ".join(["xy"] * 40) + "` pmathend\n```\n\n"
        + "```{math}\n" + "\\\\[2pt]\n".join(f"z_{{{i}}} &= {i + 7_000}" for i in range(45)) + "\n```\n\n"
        + "```{math}\n:label: nonumber\n" + "\\\\\n".join(f"w_{{{i}}} &= {i}" for i in range(45))
        + " \\nonumber\\\\\n```\n\nSee {eq}`nonumber` nonumberend.\n\n"
        + "## Heading " + "H" * 150 + " headend\n\n"
        + "Inline {math}`a & b` badamp and {math}`a^b^c` badpower.\n\n```{math}\nx = \\text{a \\\\ b}\n```\n\n"
        + "Noted[^tall] here.\n\n[^tall]: Footnote text.\n\n    ````{tooltip} fntrigger\n    fnstart\n\n    ```\n"
        + "".join(f"    fnline {i}\n" for i in range(80)) + "    ```\n    ````\n\n"
        + "```text\nboxstart\n\u250c\u2500\u2500\u252c\u2500\u2500\u2510\n\u2502 ab \u2502 cd \u2502\n"
        + "\u2514\u2500\u2500\u2534\u2500\u2500\u2518\n\u256d\u254c\u256e\n\u23fa boxend\n```\n\n"
        + "Emoji " + "\U0001f680" * 60 + " emojiend and {math}`a \u2550 b` boxmathend.\n\n"
        + "Del\x7fword ctlend, `co\x7fde` and {math}`a\x7fb`.\n\n## Feed\x0c head\n\nfeedend.\n\n"
        + "Sup <sup>" + " ".join(f"sw{i}" for i in range(60)) + "</sup> supend, sub <sub>" + "S" * 150
        + "</sub> subend.\n", encoding="utf-8")
    command = [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(source), str(tmp_path / "out"),
               "-c", str(PROJECT), "-q"]
    result = subprocess.run(command, capture_output=True, text=True, check=False,
                            env={**os.environ, "PYTHONPATH": str(PROJECT / "_ext")})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    warnings = strip_colors(result.stderr)
    assert "index.md:7: WARNING: a code line of 220,003 characters is cut" in warnings
    assert "index.md:13: WARNING: a heading of 263,889 characters is shortened" in warnings
    assert "index.md:11: WARNING: unsafe link target 'https://example.com/aaaa" in warnings
    assert max(len(line) for line in warnings.splitlines()) < 1_000  # a target is quoted cut short
    latex = tmp_path / "out" / "latex"
    text = " ".join(subprocess.run(["pdftotext", str(next(latex.glob("*.pdf"))), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    assert "a table with a cell taller than a page is set in the PDF as its rows" in warnings
    assert "index.md:23: WARNING: a heading of 18,389 characters is shortened" in warnings  # in a box
    for words in ("word24999 lastword", "lastbold", "long link linktext", "title24999 lastpara", "Code before",
                  "boxtitle1499 boxbody", "tall 1449 tallboxend", "Name: tallcell Value: cellline0",
                  "cellline149", "b24999 t24999 parsedend", "mathend", "uword29 underend", "tildeend",
                  "uword29 badgeend", "tipline 119 tipend afterpara"):
        assert words in text, words
    page = (source / "index.md").read_text(encoding="utf-8")
    bad = next(number for number, written in enumerate(page.splitlines(), start=1) if "badamp" in written)
    for message in ("Misplaced alignment tab character &.", "Double superscript."):
        assert f"index.md:{bad}: WARNING: math LaTeX cannot set ({message}) is shown as text" in warnings
    assert f"index.md:{bad + 2}: WARNING: math LaTeX cannot set (" in warnings  # the display: \\ in \text
    assert "a & b badamp" in text and "a^b^c badpower" in text and r"\text{a \\ b}" in text
    assert re.search(r"tall trigger(\d) \1 tipstart", text)  # the mark in place, and opening the note
    parsed, tall_tip = (page[:page.index(start)].count("\n") + 1
                        for start in ("```{parsed-literal}\nparsedstart", "````{tooltip}"))
    assert f"index.md:{parsed}: WARNING: a line of 327,801 characters in a parsed literal is broken" in warnings
    assert f"index.md:{tall_tip}: WARNING: a tooltip body taller than a footnote can be is set after" in warnings
    assert all(row in text for row in ("= 5000", "= 5060", "= 5119")), "a row of tall math is cut off"
    tex = next(latex.glob("*.tex")).read_text(encoding="utf-8")
    numbered = tex[tex.index(r"\begin{align}"):tex.index(r"\end{align}")]
    assert numbered.count(r"\notag") == 49 and numbered.endswith(r"\label{equation:index:tall}")
    assert "See (1.1) numberend" in text  # one number, on the last row, and the reference to it
    assert "See (1.2) nonumberend" in text  # the number goes on the last row, \\nonumber or not
    assert r"&= 7000\\[2pt]" in tex  # a row's spacing kept: "[2pt]" right after "\\"
    for words in ("leadspace words", "bw39 boldend", "U" * 20 + " uend", "abcabc", "c runend",
                  "fnline 79", "H" * 20 + " headend", "é" * 10 + " plongend"):
        assert words in text, words
    assert text.count("ab") >= 150 and re.search(r"\+ \S+ pmathend", text)  # the math whole, in one piece
    # box drawing is drawn (no text to extract), an emoji is a "[?]" with a warning; a run of them wraps
    box = text[(start := text.index("boxstart")):text.index(" boxend", start) + 7]
    assert "boxstart ab" in box and "\u2022 boxend" in box and "[?]" not in box and "boxmathend" in text
    emoji = page.count("\n", 0, page.index("Emoji ")) + 1
    assert f"index.md:{emoji}: WARNING: the PDF has no glyph for '\U0001f680' (U+1F680): shown as [?]" in warnings
    assert text.count("[?]") == 60 and warnings.count("no glyph") == 1
    # control characters (TeX stops at U+007F; a form feed ends a heading's argument) are spaces
    control = page.count("\n", 0, page.index("Del\x7f")) + 1
    assert f"index.md:{control}: WARNING: control characters (U+007F) are shown as spaces" in warnings
    assert f"index.md:{control + 2}: WARNING: control characters (U+000C) are shown as spaces" in warnings
    assert "Del word ctlend, co de and" in text and "Feed head feedend" in text
    assert "sw59 supend" in text and "S" * 20 + " subend" in text  # a long <sup> and <sub> wrap
    boxes = subprocess.run(["pdftotext", "-bbox", str(next(latex.glob("*.pdf"))), "-"], capture_output=True,
                           text=True, check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', boxes).group(1))
    placed = re.finditer(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>', boxes)
    past_edge = [match.group(2) for match in placed if float(match.group(1)) > width - 36]
    assert past_edge == [], past_edge[:5]  # underlines, badges, tokens and running feet wrap or are cut short


def test_image_file_names_tex_reads_as_markup_build_their_pdf(tmp_path):
    """Sphinx writes an image's file name into the .tex as it is: ``%`` began a comment and pdflatex
    stopped. Such a file is copied under a name TeX reads as a name."""
    require_commands("latexmk", "pdftotext")
    source = write_project(tmp_path / "src", {
        "index.md": '# Pictures\n\n![percent](pct%20x.png)\n\n<img src="a&b{c}.png" alt="braces" />\n\n'
                    "![plain](plain.png)\n\nLast words.\n"})
    write_images(*(source / name for name in ("pct%20x.png", "a&b{c}.png", "plain.png")))
    result = sphinx_build(source, tmp_path / "out", "latexpdf")
    assert result.returncode == 0, result.stderr[-2000:]
    latex = tmp_path / "out" / "latex"
    tex = next(latex.glob("*.tex")).read_text(encoding="utf-8")
    assert re.findall(r"\\sphinxincludegraphics\{\{([^}]*)\}", tex) == ["pct-20x", "a-b-c-", "plain"]
    assert {path.name for path in latex.glob("*.png")} == {"pct-20x.png", "a-b-c-.png", "plain.png"}
    text = subprocess.run(["pdftotext", str(next(latex.glob("*.pdf"))), "-"], capture_output=True, text=True).stdout
    assert "Last words." in text


def test_the_characters_the_book_has_glyphs_for_are_read_from_latex():
    """LaTeX's own tables, Sphinx's escapes (text only: math is not escaped), pmboxdraw's and ours."""
    require_commands("kpsewhich")
    in_text, in_math = characters_with_glyphs(("t1",))
    for char in "aé€→\u2500\u2502\u250c\u2550\u2588\u256d\u2504\u2573√\u23fa\u200dα≤":
        assert char in in_text and char in in_math, char
    assert "\u2713" in in_text and "\u2713" not in in_math  # Sphinx writes ✓ as \checkmark in text only
    assert not {"\U0001f680", "\u4e2d", "\u0416"} & in_text  # an emoji, Chinese, Cyrillic (not in T1)
    # the book's encodings are those its preamble loads: a Russian book's T2A has Cyrillic's glyphs
    assert font_encodings(r"\usepackage[LGR,X2,T1]{fontenc}") == ("lgr", "t1", "x2")
    assert "\u0416" in characters_with_glyphs(font_encodings(r"\usepackage[T2A]{fontenc}"))[0]


@pytest.mark.parametrize("kpsewhich", [None, "/bin/false"])
def test_without_latexs_tables_no_character_is_suspected(monkeypatch, kpsewhich):
    """No TeX, or a kpsewhich that finds nothing: nothing to compare with, so no warning at all
    (rather than one for every accented letter)."""
    monkeypatch.setattr("shutil.which", lambda name: kpsewhich)
    characters_with_glyphs.cache_clear()
    try:
        assert characters_with_glyphs(("t1",)) is None
    finally:
        characters_with_glyphs.cache_clear()


def test_a_character_with_no_glyph_is_warned_once_where_it_is_written(tmp_path):
    """Once for each line that has one: in a label the navigation shows (its front matter line), a
    footnote (its own line), a code block and its caption, a table row; the book's own title, which
    the PDF does not print, and accented letters never."""
    require_commands("kpsewhich")
    source = write_project(tmp_path / "src", {
        "index.md": "---\ntitle: Hôme \U0001f680 book\n---\n\n# Home\n\nSee[^n] here.\n\n```{toctree}\nguide\n```\n\n"
                    "[^n]: A note \U0001f9ed.\n",
        "guide.md": "---\nsidebar_label: Guide \u2713\U0001f680\n---\n\n# Guide\n\n```{code-block} text\n"
                    ":caption: Run \U0001f3c3\n\nstep \U0001f3c3\n```\n\n| a | b |\n|---|---|\n"
                    "| \U0001f34e | \U0001f34f |\n\nCafé, naïve.\n"})
    result = sphinx_build(source, tmp_path / "out", "latex", "--keep-going")
    warned = re.findall(r"/(\w+\.md:\d+): WARNING: the PDF has no glyph for (.*?): shown as \[\?\] \[mdx\.latex\]",
                        strip_colors(result.stderr))
    assert sorted(warned) == [
        ("guide.md:13", "'🍎' (U+1F34E), '🍏' (U+1F34F)"),  # one table row
        ("guide.md:2", "'🚀' (U+1F680)"),  # the label; ✓ has a glyph
        ("guide.md:7", "'🏃' (U+1F3C3)"),  # the code block and its caption: one warning
        ("index.md:13", "'🧭' (U+1F9ED)"),  # the footnote, where it is written
        ("index.md:2", "'🚀' (U+1F680)"),  # the root page's chapter (the book's title is not printed)
    ], strip_colors(result.stderr)


def test_rejected_math_is_found_by_its_marker_in_the_log():
    log = "\n".join(["(./check.tex", "M1 0", "M1 1", "! Double superscript.", "l.5 ...", "! Another error.",
                     "M1 2", "! Misplaced alignment tab character &.", "M1 end"])
    assert errors_in_log(log, "M1", 3) == ({1: "Double superscript.", 2: "Misplaced alignment tab character &."},
                                           True, None)
    assert errors_in_log("M1 0\n! Runaway argument?\n", "M1", 1) == ({0: "Runaway argument?"}, False, 0)
    # a page's text in the log (an overfull line) cannot pass for a marker, nor name a formula not there
    assert errors_in_log("M1 0\nxx M1 end\nM1 7\n! Error.\nM1 x\n", "M1", 1) == ({}, False, None)


def test_every_formula_is_checked_as_the_book_sets_it():
    require_commands("pdflatex")
    formulas = [as_latex(nodes.math("", "x^2")), as_latex(nodes.math("", "a^b^c")), as_latex(nodes.math_block(
        "", "a &= b \\\\ c &= d")), as_latex(nodes.math("", "\\alpha √ y"))]
    assert r"\begin{equation*}" in formulas[2] and r"\begin{split}" in formulas[2]
    assert rejected_formulas(formulas) == {1: "Double superscript."}



def test_formulas_are_checked_where_the_book_has_them():
    """A heading (a moving argument, a bookmark), a table cell (where \\\\ ends the row) and a
    labelled display (Sphinx adds its \\label) each reject what a paragraph takes."""
    require_commands("pdflatex")
    labelled = nodes.math_block("", r"a = b \label{mine}", label="e1", docname="index")

    def inline(text: str, holder: type[nodes.Element] | None = None) -> nodes.math:
        math = nodes.math("", text)
        if holder is not None:
            holder().append(math)
        return math

    formulas = [as_latex(node) for node in (
        labelled, nodes.math_block("", "a = b", label="e2", docname="index"),
        inline(r"a \\ b"), inline(r"a \\ b", nodes.table),
        inline(r"\boxed{z}"), inline(r"\boxed{z}", nodes.title), inline(r"\binom{n}{k}", nodes.title))]
    assert sorted(rejected_formulas(formulas)) == [0, 3, 5]


def test_an_underline_goes_down_to_each_word_and_formula():
    from sphinx_mdx.latex_layout import _box_words

    paragraph = nodes.paragraph("", "", nodes.inline("", "", nodes.Text("two words "), nodes.math("", "x^2"),
                                                     nodes.strong("", "bold"), nodes.superscript("", "up")))
    _box_words(paragraph[0], lambda *children: nodes.inline("", "", *children, classes=["mdx-u"]))
    underlined = [node.astext() for node in paragraph.findall(nodes.inline) if "mdx-u" in node["classes"]]
    assert underlined == ["two", "words", "x^2", "bold", "up"]  # a formula and a box inside: whole
    assert paragraph.astext() == "two words x^2boldup" and paragraph.next_node(nodes.superscript).astext() == "up"


def test_math_rows_are_split_outside_braces_and_environments():
    assert math_rows(r"a \\ b") == ["a ", " b"]
    assert math_rows(r"\text{x \\ y} \\ \begin{cases}p \\ q\end{cases} \{ \\ z") == [
        r"\text{x \\ y} ", r" \begin{cases}p \\ q\end{cases} \{ ", " z"]


def test_code_is_set_in_blocks_within_the_limits():
    """Runs of at most CODE_BLOCK_LINES lines and CODE_BLOCK_CHARACTERS characters, in order,
    each with its first line's offset, so that numbering and highlights carry on."""
    short = [f"line {i}" for i in range(1, 1_201)]
    assert [(offset, len(run)) for offset, run in _runs(short)] == [(0, 500), (500, 500), (1_000, 200)]
    wide = ["x" * 999] * 45
    runs = _runs(wide)
    assert all(sum(len(line) + 1 for line in run) <= CODE_BLOCK_CHARACTERS + 1 for _, run in runs)
    assert [line for _, run in runs for line in run] == wide and [offset for offset, _ in runs][:2] == [0, 20]


def test_a_box_counts_the_lines_of_its_code_text_and_headings():
    """What makes a box too tall for its frame: code lines (long ones wrap), text and headings."""
    def box(*content):
        return nodes.note("", *content)
    assert lines_of(box(nodes.literal_block("", "\n".join(["x"] * 900)))) == 900
    assert lines_of(box(nodes.literal_block("", "x" * 8_000))) == 81
    assert lines_of(box(nodes.paragraph("", "x" * 80_000))) == 801
    assert lines_of(box(nodes.rubric("", "x" * 100_000), nodes.paragraph("", "body"))) > TALLEST_BOX_LINES
    assert lines_of(box(nodes.paragraph("", "short"), nodes.title("", "title"))) == 2
    assert lines_of(box(nodes.math_block("", "\n".join(["x"] * 45)))) == 45
    assert lines_of(box(nodes.paragraph("", "a", *[line_break() for _ in range(60)])), width=40) == 61
