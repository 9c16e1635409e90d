"""tools/fidelity.py: finds leaked markup and lost words, and says so in its exit status."""

from __future__ import annotations

import sys

from conftest import PROJECT, require_commands

sys.path.insert(0, str(PROJECT / "tools"))

import fidelity  # noqa: E402
from sphinx_mdx.flavours import DOCUSAURUS  # noqa: E402
from sphinx_mdx.flavours.mdx1 import MDX1  # noqa: E402


def test_prose_and_code_come_from_the_mdx_parser():
    prose, code = fidelity.prose_and_code(
        'import Tabs from "x";\n\n'
        "Some <b>bold</b> text with `code <Tag>` and <Tooltip trigger={<u>Hover</u>}>a body</Tooltip>.\n\n"
        '<Tabs><Tabs.TabPane tab="Label" key="k">\n\nPane words.\n\n</Tabs.TabPane></Tabs>\n',
        fidelity._parser(MDX1),
    )
    assert fidelity.words(prose) == {"some", "bold", "text", "with", "and", "hover", "body", "label", "pane",
                                     "words"}
    assert code == ["code <Tag>"]


def test_docusaurus_prose_comes_from_its_flavour():
    prose, _ = fidelity.prose_and_code(
        ":::info[Admonition title]\n\nBoxed words.\n\n:::\n\n{/* never shown */}\n\n"
        '<Tabs><TabItem label="Label" value="v">\n\nPane words.\n\n</TabItem></Tabs>\n',
        fidelity._parser(DOCUSAURUS),
    )
    assert fidelity.words(prose) == {"admonition", "title", "boxed", "words", "label", "pane"}


def test_leaks_ignore_what_the_page_meant_as_text():
    shown = "Use <Tooltip trigger={x}> here.\nimport Tabs from 'x'\nA <Location of the gateway> field."
    assert fidelity.leaks(shown, "A <Location of the gateway> field.") == ["<Tooltip", "trigger={", "import T"]


def test_a_docusaurus_marker_leaks_at_either_end_of_a_line():
    """A closing ``:::`` joined to the line before it shows at the line's end; in a sentence it is text."""
    assert fidelity.leaks(":::info\nSave the key. :::\nType ::: to close.", "") == [":::", ":::"]


def test_clean_folder_passes_in_html_and_pdf(rootdir, tmp_path, capsys):
    require_commands("latexmk", "pdflatex", "pdftotext")
    assert fidelity.main([str(rootdir / "test-tree"), "--out", str(tmp_path)]) == 0
    report = capsys.readouterr().out
    assert "pages: 9" in report and "leaks: 0" in report and "lost words: html 0, pdf 0" in report


def test_leaks_and_lost_words_fail(rootdir, tmp_path, capsys):
    assert fidelity.main([str(rootdir / "test-fidelity-broken"), "--out", str(tmp_path), "--no-pdf"]) == 1
    report = capsys.readouterr().out
    assert "page: warnings: mdx.directive 1; leaks html 2, pdf 0; lost words html 5, pdf 0" in report
    assert "lost in HTML: lettuce, never, online, only, printed" in report
    assert "leaks: 2" in report


def test_partials_are_no_pages_of_their_own(rootdir, tmp_path, capsys):
    """A partial's words count where a page includes it, not as a page that lost them all."""
    fidelity.main([str(rootdir / "test-docusaurus"), "--out", str(tmp_path), "--no-pdf"])
    report = capsys.readouterr().out
    assert "pages: 10" in report
    # a partial is listed only for the warnings about its content, which name it
    partials = [line for line in report.splitlines() if "_partials" in line]
    assert partials == ["test-docusaurus/_partials/setup/_install-steps.mdx: warnings: mdx.attribute 1; "
                        "leaks html 0, pdf 0; lost words html 0, pdf 0"]
