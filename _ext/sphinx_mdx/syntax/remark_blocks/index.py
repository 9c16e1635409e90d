"""Lists and tables where remark-parse 8 (MDX v1) ended or continued them differently.

- **Two blank lines end a list** (remark's non-CommonMark mode), so the list
  after them starts afresh at the number its author wrote (``6.`` shows 6).
- **A table's rows may be indented**: once a table has begun, remark read
  every following line holding a pipe as a row, however indented; CommonMark
  makes a delimiter row indented four spaces a paragraph, and such rows after a
  table a code block.

Both wrap markdown-it's own rules, narrowing what they are shown of the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

BlockRule = Callable[[StateBlock, int, int, bool], bool]


def remark_blocks_plugin(md: MarkdownIt) -> None:
    _wrap(md, "list", _ending_at_two_blank_lines)
    _wrap(md, "table", _with_indented_rows)


def _wrap(md: MarkdownIt, name: str, wrapper: Callable[[BlockRule], BlockRule]) -> None:
    rule = next(rule for rule in md.block.ruler.__rules__ if rule.name == name)
    md.block.ruler.at(name, wrapper(rule.fn), {"alt": list(rule.alt)})


def _ending_at_two_blank_lines(list_rule: BlockRule) -> BlockRule:
    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if silent or not _MARKER.match(_text(state, start)):  # no list item starts here
            return list_rule(state, start, end, silent)
        return list_rule(state, start, _list_end(state, start, end), silent)

    return rule


_MARKER = re.compile(r"([*+-]|\d{1,9}[.)])(\s|$)")


def _list_end(state: StateBlock, start: int, end: int) -> int:
    """Where a list starting at ``start`` must end: after the first of two blank lines. The scan
    stops where the list ends anyway (a line indented less, or after a blank line one that is
    neither indented nor an item), so each line is looked at by one list, and parsing stays linear."""
    indent = state.sCount[start]
    after_blank = False
    for line in range(start + 1, end):
        if state.isEmpty(line):
            if after_blank:
                return line  # ends after the first blank line of the two
            after_blank = True
            continue
        if state.sCount[line] < indent or (
                after_blank and state.sCount[line] <= indent and not _MARKER.match(_text(state, line))):
            return end
        after_blank = False
    return end


def _with_indented_rows(table_rule: BlockRule) -> BlockRule:
    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if start + 1 >= end or not _is_table_head(_text(state, start), _text(state, start + 1)):
            return table_rule(state, start, end, silent)  # no table starts here: nothing to widen
        rows = start + 1
        while rows < end and not state.isEmpty(rows) and "|" in _text(state, rows):
            rows += 1
        saved = state.sCount[start + 1 : rows]
        for line in range(start + 1, rows):
            state.sCount[line] = min(state.sCount[line], state.blkIndent + 3)
        try:
            return table_rule(state, start, end, silent)
        finally:
            state.sCount[start + 1 : rows] = saved

    return rule


def _text(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


_DELIMITER_CELL = re.compile(r"\s*:?-+:?\s*")


def _is_table_head(header: str, delimiter: str) -> bool:
    """A header and a delimiter row with as many cells: the only place a table can start, so
    the rows are looked at once per table, not at every line of a paragraph."""
    cells = delimiter.strip().strip("|").split("|")
    if not all(_DELIMITER_CELL.fullmatch(cell) for cell in cells):
        return False
    return len(header.strip().strip("|").split("|")) == len(cells)
