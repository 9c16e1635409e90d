"""Blockquotes and lists nested past the flattening level, kept as text.

markdown-it stops tokenizing at ``maxNesting`` and drops the rest of the page, with no
word of warning; past :data:`~..problems.FLATTEN_LEVEL` this rule takes the lines of such a
container as one paragraph without their markers, and reports it once per page.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from ..problems import FLATTEN_LEVEL, flatten

#: The markers that open blockquotes and list items, at the start of a line.
_CONTAINER_MARKERS = re.compile(r"(?:>[ \t]?|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))+")


def flat_containers_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before("blockquote", "flat_containers", _flat_containers)


def _flat_containers(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Blockquotes and lists nested FLATTEN_LEVEL deep open no more levels: their lines, up to a
    blank or less indented one, become one paragraph without their markers, so that no word is
    lost where markdown-it would stop at maxNesting and drop the rest."""
    if silent or state.level < FLATTEN_LEVEL:
        return False
    first = state.bMarks[start_line] + state.tShift[start_line]
    if not _CONTAINER_MARKERS.match(state.src, first, state.eMarks[start_line]):
        return False
    lines = []
    line = start_line
    while line < end_line and not state.isEmpty(line) and (
        line == start_line or state.sCount[line] >= state.blkIndent
    ):
        start = state.bMarks[line] + state.tShift[line]
        markers = _CONTAINER_MARKERS.match(state.src, start, state.eMarks[line])
        lines.append(state.src[start if markers is None else markers.end() : state.eMarks[line]])
        line += 1
    flatten(state, "blockquote" if state.src[first] == ">" else "li", line=start_line)
    text = "\n".join(lines).strip()
    if text:
        state.push("paragraph_open", "p", 1).map = [start_line, line]
        inline = state.push("inline", "", 0)
        inline.content, inline.map, inline.children = text, [start_line, line], []
        state.push("paragraph_close", "p", -1)
    state.line = line
    return True
