"""Lists as remark-parse 8 (MDX v1) read them, which is not how CommonMark does.

remark-parse 8 (``commonmark: false``) gave each line of a list to an item by its
indentation alone, looking at the lines in turn:

- a line indented at least to the item's text continues the item;
- otherwise a line starting with the list's marker starts the next item, however
  little it is indented, and a line with another marker (``*`` under ``1.``)
  ends the list;
- otherwise a line starting with a space continues the item, however little it
  is indented;
- an empty line is kept for what follows, but a second one ends the list, so the
  next list starts at the number its author wrote;
- an unindented line ends the list after an empty line; without one it carries
  on the item's paragraph unless it opens a heading, a fence, a thematic break
  or a definition.

An item's lines are then shifted left by the least indentation among them, at
most the width of its marker (``1.`` counts four), and parsed as blocks; an
unindented line among them shifts none. Only ``.`` closes an ordered marker,
and an ordered list interrupts a paragraph only when it starts at 1.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.list import markTightParagraphs

#: remark's tab stops, for a tab after a marker.
TAB_SIZE = 4
#: Rules that end a list at an unindented line with no empty line before it.
_INTERRUPTERS = ("heading", "fence", "hr", "reference")
_ORDERED = re.compile(r"\d+\.")

BlockRule = Callable[[StateBlock, int, int, bool], bool]


@dataclass(frozen=True)
class _Marker:
    """A list marker at the start of a line, measured as remark measured it."""

    char: str  # "*", "+", "-", or "." for an ordered item
    number: int | None
    text_column: int  # where the item's text starts, from the list's left edge
    text_start: int  # the offset in the source after the marker and its spaces
    shift_limit: int  # how far the item's other lines may be shifted left


def remark_lists_plugin(md: MarkdownIt) -> None:
    rules = {rule.name: rule for rule in md.block.ruler.__rules__}
    thematic_break = rules["hr"].fn
    interrupters = [rules[name].fn for name in _INTERRUPTERS]

    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        return _list(state, start, end, silent, thematic_break, interrupters)

    md.block.ruler.at("list", rule, {"alt": list(rules["list"].alt)})


def _list(
    state: StateBlock, start: int, end: int, silent: bool, thematic_break: BlockRule, interrupters: Sequence[BlockRule]
) -> bool:
    if state.is_code_block(start):
        return False
    first = _marker(state, start)
    if first is None:
        return False
    if silent:
        return first.number in (None, 1)
    items, stop, spread = _items(state, start, end, first, thematic_break, interrupters)

    open_index = len(state.tokens)
    ordered = first.number is not None
    token = state.push("ordered_list_open" if ordered else "bullet_list_open", "ol" if ordered else "ul", 1)
    if ordered and first.number != 1:
        token.attrs = {"start": first.number}
    token.map = [start, stop]
    token.markup = first.char
    parent_type, state.parentType = state.parentType, "list"
    for item_start, item_stop, marker in items:
        spread = _item(state, item_start, item_stop, marker) or spread
    state.push("ordered_list_close" if ordered else "bullet_list_close", "ol" if ordered else "ul", -1).markup = first.char
    state.parentType = parent_type
    state.line = stop
    if not spread:
        markTightParagraphs(state, open_index)
    return True


def _items(
    state: StateBlock, start: int, end: int, first: _Marker, thematic_break: BlockRule, interrupters: Sequence[BlockRule]
) -> tuple[list[tuple[int, int, _Marker]], int, bool]:
    """The items' line ranges, where the list stops, and whether empty lines part its items."""
    items = []
    item_start, marker = start, first
    last = start  # the last line given to the current item
    after_empty = spread = False
    for line in range(start + 1, end):
        empty = state.isEmpty(line)
        indent = _indent(state, line)
        if indent < marker.text_column and not empty:
            next_marker = _marker(state, line)
            if next_marker is not None:
                if next_marker.char != first.char or thematic_break(state, line, end, True):
                    break
                items.append((item_start, last + 1, marker))
                spread = spread or last + 1 < line
                item_start, marker, last, after_empty = line, next_marker, line, False
                continue
            if indent == 0 and (after_empty or any(rule(state, line, end, True) for rule in interrupters)):
                break
        elif empty and indent == 0:
            if after_empty:
                break
            after_empty = True
            continue
        last, after_empty = line, empty
    items.append((item_start, last + 1, marker))
    return items, last + 1, spread


def _item(state: StateBlock, start: int, stop: int, marker: _Marker) -> bool:
    """Parse one item's lines as blocks; whether an empty line parts its content."""
    token = state.push("list_item_open", "li", 1)
    token.markup = marker.char
    token.map = [start, stop]
    if marker.number is not None:
        token.info = str(marker.number)

    saved = state.blkIndent, state.lineMax, state.bMarks[start], state.tShift[start], state.sCount[start]
    state.blkIndent += _shift(state, start, stop, marker)
    state.lineMax = stop  # blocks such as paragraphs read up to lineMax, not to the end given
    # the first line is the text after the marker, however far the other lines are shifted
    spaces = state.skipSpaces(marker.text_start) - marker.text_start
    state.bMarks[start], state.tShift[start] = marker.text_start, spaces
    state.sCount[start] = state.blkIndent + spaces
    state.md.block.tokenize(state, start, stop)
    state.blkIndent, state.lineMax, state.bMarks[start], state.tShift[start], state.sCount[start] = saved

    state.push("list_item_close", "li", -1).markup = marker.char
    return any(state.isEmpty(line) and not state.isEmpty(line + 1) for line in range(start, stop - 1))


def _shift(state: StateBlock, start: int, stop: int, marker: _Marker) -> int:
    """How far remark shifted the item's lines left: the least indentation of its text lines,
    at most the marker's width, and none at all if one of them is unindented."""
    shift = marker.shift_limit
    for line in range(start + 1, stop):
        if not state.isEmpty(line):
            indent = _indent(state, line)
            if indent == 0:
                return 0
            shift = min(shift, indent)
    return shift


def _marker(state: StateBlock, line: int) -> _Marker | None:
    """The list marker starting ``line``, if any: ``*``, ``+``, ``-`` or digits and ``.``,
    followed by a space, a tab or the line's end."""
    position, line_end = state.bMarks[line] + state.tShift[line], state.eMarks[line]
    src = state.src
    if position < line_end and src[position] in "*+-":
        char, number, after = src[position], None, position + 1
    else:
        ordered = _ORDERED.match(src, position, line_end)
        if ordered is None:
            return None
        char, number, after = ".", int(ordered.group()[:-1]), ordered.end()
    column = _indent(state, line) + after - position
    if after == line_end:
        text_start = after
    elif src[after] == "\t":
        column += TAB_SIZE - column % TAB_SIZE
        text_start = after + 1
    elif src[after] == " ":
        spaces = len(src[after : after + TAB_SIZE + 1]) - len(src[after : after + TAB_SIZE + 1].lstrip(" "))
        taken = 1 if spaces > TAB_SIZE else spaces  # five spaces or more: the text is indented code
        column += taken
        text_start = after + taken
    else:
        return None
    # remark widened a one-digit ordered marker of odd width by a space before shifting lines
    shift_limit = column + 1 if number is not None and number < 10 and column % 2 else column
    return _Marker(char, number, column, text_start, shift_limit)


def _indent(state: StateBlock, line: int) -> int:
    """The line's indentation from the left edge of the block being parsed."""
    return max(state.sCount[line] - state.blkIndent, 0)
