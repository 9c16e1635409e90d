"""JSX and HTML elements in flow position: tags on lines of their own.

``<InfoBox>``, blank line, Markdown, blank line, ``</InfoBox>``: the content is
parsed as blocks, indented or not. An element whose content shares a line
with its tags (``<InfoBox>text</InfoBox>``) holds one paragraph of inline
content. Tags that MDX v1 only allows inside a paragraph (the names in
``inline_names``) are left to :mod:`..jsx_inline`, and so is any tag with
text after it on its line. Comments on lines of their own are dropped.

Tokens: ``jsx_flow_open`` / ``jsx_flow_close`` around the content, the
:class:`~..tags.Tag` in ``meta["tag"]``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Container

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from ..problems import FLATTEN_LEVEL, flatten, push_problem, tag_scanner
from ..tags import Tag, TagKind, value_words

TERMINATES = ["paragraph", "reference", "blockquote", "list"]


def jsx_flow_plugin(md: MarkdownIt, inline_names: Container[str]) -> None:
    """Parse flow JSX; ``inline_names`` are elements that only live inside text."""

    def rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        return _jsx_flow(state, start_line, end_line, silent, inline_names)

    md.block.ruler.before("html_block", "jsx_flow", rule, {"alt": TERMINATES})


def _jsx_flow(
    state: StateBlock, start_line: int, end_line: int, silent: bool, inline_names: Container[str]
) -> bool:
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    pos = state.bMarks[start_line] + state.tShift[start_line]
    if pos >= state.eMarks[start_line] or state.src[pos] != "<":
        return False
    limit = state.eMarks[end_line - 1]

    scanner = tag_scanner(state)
    comment = scanner.scan_comment(pos, limit)
    if comment is not None:
        last_line = _line_at(state, comment.end - 1)
        if silent or _rest_of_line(state, comment.end, last_line).strip():
            return False
        state.line = last_line + 1
        return True

    tag = scanner.scan_tag(pos, limit)
    if tag is None or tag.name in inline_names:
        return False
    tag_line = _line_at(state, tag.end - 1)
    if _rest_of_line(state, tag.end, tag_line).strip():
        return tag.kind is TagKind.OPEN and _element_on_its_lines(
            state, tag, start_line, tag_line, limit, silent
        )
    if silent:
        return True
    if state.level >= FLATTEN_LEVEL:
        flatten(state, tag.name, line=start_line)
        _push_paragraph(state, value_words(tag), start_line, tag_line + 1)
    elif tag.kind is TagKind.CLOSE:
        push_problem(
            state, "jsx", f"closing tag </{tag.name}> has no opening tag; it is ignored", line=start_line
        )
    elif tag.kind is TagKind.SELF_CLOSING:
        _push_open(state, tag, start_line, tag_line + 1)
        _push_close(state, tag)
    else:
        _block_element(state, tag, start_line, tag_line, end_line, limit)
        return True
    state.line = tag_line + 1
    return True


def _element_on_its_lines(
    state: StateBlock, tag: Tag, start_line: int, tag_line: int, limit: int, silent: bool
) -> bool:
    """``<X>text ...</X>`` filling its lines: the element holds inline content."""
    close = tag_scanner(state).find_closing(tag.end, limit, tag.name)
    if close is None:
        return False
    close_line = _line_at(state, close.end - 1)
    if _rest_of_line(state, close.end, close_line).strip():
        return False
    if silent:
        return True
    _push_open(state, tag, start_line, close_line + 1)
    _push_paragraph(state, state.src[tag.end : close.start], tag_line, close_line + 1)
    _push_close(state, close)
    state.line = close_line + 1
    return True


def _block_element(
    state: StateBlock, tag: Tag, start_line: int, tag_line: int, end_line: int, limit: int
) -> None:
    """``<X>`` alone on its line: block content up to the matching ``</X>``."""
    close = tag_scanner(state).find_closing(tag.end, limit, tag.name)
    if close is None:
        push_problem(
            state, "jsx", f"<{tag.name}> is never closed; it runs to the end of its block", line=start_line
        )
        _push_open(state, tag, start_line, end_line)
        _tokenize_content(state, tag_line + 1, end_line)
        _push_close(state, tag)
        state.line = end_line
        return
    close_line = _line_at(state, close.start)
    close_line_start = state.bMarks[close_line] + state.tShift[close_line]
    after_close = _rest_of_line(state, close.end, close_line)
    _push_open(state, tag, start_line, close_line + 1)
    if state.src[close_line_start : close.start].strip():
        # text and the closing tag share a line: the content is inline text
        _push_paragraph(state, state.src[tag.end : close.start], tag_line + 1, close_line + 1)
    else:
        _tokenize_content(state, tag_line + 1, close_line)
    _push_close(state, close)
    if after_close.strip():
        _push_paragraph(state, after_close, close_line, close_line + 1)
    state.line = close_line + 1


def _tokenize_content(state: StateBlock, first_line: int, end_line: int) -> None:
    """Parse lines as blocks, indented content counting as unindented."""
    indents = [state.sCount[line] for line in range(first_line, end_line) if not state.isEmpty(line)]
    saved = state.lineMax, state.blkIndent, state.parentType
    state.lineMax = end_line
    state.blkIndent = min(indents, default=state.blkIndent)  # JSX content may sit left of a list item
    state.parentType = "jsx"
    state.md.block.tokenize(state, first_line, end_line)
    state.lineMax, state.blkIndent, state.parentType = saved


def _push_open(state: StateBlock, tag: Tag, start_line: int, end_line: int) -> None:
    token = state.push("jsx_flow_open", "", 1)
    token.meta = {"tag": tag}
    token.map = [start_line, end_line]
    token.block = True


def _push_close(state: StateBlock, tag: Tag) -> None:
    token = state.push("jsx_flow_close", "", -1)
    token.meta = {"tag": tag}
    token.block = True


def _push_paragraph(state: StateBlock, text: str, first_line: int, end_line: int) -> None:
    if not text.strip():
        return
    state.push("paragraph_open", "p", 1).map = [first_line, end_line]
    inline = state.push("inline", "", 0)
    inline.content = text.strip()
    inline.map = [first_line, end_line]
    inline.children = []
    state.push("paragraph_close", "p", -1)


def _line_at(state: StateBlock, offset: int) -> int:
    """The index of the line holding source ``offset``."""
    return max(bisect_right(state.bMarks, offset, 0, state.lineMax) - 1, 0)


def _rest_of_line(state: StateBlock, offset: int, line: int) -> str:
    return state.src[offset : state.eMarks[line]]
