"""Repair of mojibake (UTF-8 read as cp1252, "OSâ€™s") when a page is read; and of the UTF-16
surrogates escapes can write.

ftfy does the repair; only its encoding fix is used, so quotes, ligatures and
widths the author chose stay as they are. Each repair is logged at the line
it was made, as information, not as a warning.
"""

from __future__ import annotations

import re

import ftfy
from sphinx.application import Sphinx
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)

_ENCODING_ONLY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def repair_lines(text: str) -> tuple[str, list[tuple[int, str, str]]]:
    """Return the repaired text and (line number, before, after) for each changed line."""
    repairs = []
    lines = text.splitlines(keepends=True)
    for number, line in enumerate(lines, start=1):
        if line.isascii():
            continue  # mojibake is made of non-ASCII characters; most lines have none
        fixed = ftfy.fix_text(line, _ENCODING_ONLY)
        if fixed != line:
            repairs.append((number, line.strip(), fixed.strip()))
            lines[number - 1] = fixed
    return "".join(lines), repairs


def repair_source(app: Sphinx, docname: str, source: list[str]) -> None:
    source[0], repairs = repair_lines(source[0])
    for line, before, after in repairs:
        LOGGER.info("repaired mojibake: %r -> %r", before[:60], after[:60], location=(docname, line))


_SURROGATE = re.compile("[\ud800-\udfff]")


def joined_surrogates(text: str) -> str:
    """``text`` with the UTF-16 surrogates an escape wrote (JavaScript's and YAML's ``\\uD83D\\uDE80``)
    joined into the character they name, a lone one U+FFFD: Python keeps them apart, and no output
    file can hold them (the build stopped at writing the page)."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def setup_mojibake(app: Sphinx) -> None:
    app.connect("source-read", repair_source)
