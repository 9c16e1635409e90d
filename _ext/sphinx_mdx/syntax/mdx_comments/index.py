"""MDX comments, ``{/* ... */}``: never shown, in MDX 3 as here.

On lines of their own they are dropped as blocks; inside a paragraph, as inline text (code spans
are read first, so a comment written in backticks stays code).
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

OPEN, CLOSE = "{/*", "*/}"


def mdx_comments_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before("paragraph", "mdx_comment", _block_comment,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.inline.ruler.after("backticks", "mdx_comment", _inline_comment)


def _block_comment(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.is_code_block(start):
        return False
    begin = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith(OPEN, begin):
        return False
    stop = _next_close(state, begin + len(OPEN))
    if stop == -1 or stop + len(CLOSE) > state.eMarks[end - 1]:
        return False
    last = start
    while state.eMarks[last] < stop + len(CLOSE):
        last += 1
    if state.src[stop + len(CLOSE) : state.eMarks[last]].strip():
        return False  # text after the comment: a paragraph, whose inline rule drops the comment
    if not silent:
        state.line = last + 1
    return True


def _inline_comment(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith(OPEN, state.pos):
        return False
    stop = _next_close(state, state.pos + len(OPEN))
    if stop == -1 or stop + len(CLOSE) > state.posMax:
        return False
    state.pos = stop + len(CLOSE)
    return True


def _next_close(state: StateBlock | StateInline, position: int) -> int:
    """The first ``*/}`` at or after ``position`` (-1: none). One search answers every later
    position up to what it found, so a page of ``{/*`` never closed is read once, not once each."""
    searched_from, found = getattr(state, "_mdx_comment_close", (len(state.src) + 1, -1))
    if not (searched_from <= position and (found == -1 or position <= found)):
        found = state.src.find(CLOSE, position)
        state._mdx_comment_close = (position, found)
    return found
