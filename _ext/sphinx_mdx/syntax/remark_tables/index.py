"""Tables whose rows are indented, as remark-parse 8 (MDX v1) read them.

Once a table has begun, remark read every following line holding a pipe as a
row, however indented; CommonMark makes a delimiter row indented four spaces a
paragraph, and such rows after a table a code block. This wraps markdown-it's
own table rule, showing it those rows at the table's indentation.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from ..problems import line_text

BlockRule = Callable[[StateBlock, int, int, bool], bool]


def remark_tables_plugin(md: MarkdownIt) -> None:
    rule = next(rule for rule in md.block.ruler.__rules__ if rule.name == "table")
    md.block.ruler.at("table", _with_indented_rows(rule.fn), {"alt": list(rule.alt)})


def _with_indented_rows(table_rule: BlockRule) -> BlockRule:
    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if start + 1 >= end or not _is_table_head(state, start):
            return table_rule(state, start, end, silent)  # no table starts here: nothing to widen
        rows = start + 1
        while rows < end and not state.isEmpty(rows) and "|" in line_text(state, rows):
            rows += 1
        saved = state.sCount[start + 1 : rows]
        for line in range(start + 1, rows):
            state.sCount[line] = min(state.sCount[line], state.blkIndent + 3)
        try:
            return table_rule(state, start, end, silent)
        finally:
            state.sCount[start + 1 : rows] = saved

    return rule


_DELIMITER_CELL = re.compile(r"\s*:?-+:?\s*")


def _is_table_head(state: StateBlock, start: int) -> bool:
    """A header and a delimiter row with as many cells: the only place a table can start, so
    the rows are looked at once per table, not at every line of a paragraph."""
    first = state.bMarks[start + 1] + state.tShift[start + 1]
    if first >= state.eMarks[start + 1] or state.src[first] not in "|-:":
        return False  # most lines: no delimiter row can start so, and neither line is copied out
    cells = line_text(state, start + 1).strip().strip("|").split("|")
    if not all(_DELIMITER_CELL.fullmatch(cell) for cell in cells):
        return False
    return len(line_text(state, start).strip().strip("|").split("|")) == len(cells)
