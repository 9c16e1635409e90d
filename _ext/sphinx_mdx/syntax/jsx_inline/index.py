"""JSX and HTML elements inside a paragraph.

``text <Tooltip trigger={<u>x</u>}>body with <a href="/y">a link</a></Tooltip> text``:
the content between the tags is parsed as inline MDX, so it nests. A tag
with no partner is dropped with a problem token, its text kept; comments are
dropped.

Tokens: ``jsx_inline_open`` / ``jsx_inline_close``, the tag in
``meta["tag"]`` and its line within the paragraph in ``meta["line_offset"]``.
"""

from __future__ import annotations

import re
from collections.abc import Container

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from ..problems import flatten, flatten_level, line_offset, push_problem, tag_scanner
from ..tags import Tag, TagKind, value_words


_TAG_START = re.compile(r"</?([A-Z][\w.]*)")


def jsx_inline_plugin(md: MarkdownIt, components: Container[str]) -> None:
    """Parse inline JSX and HTML elements, ahead of autolinks; ``components`` are the known names."""

    def rule(state: StateInline, silent: bool) -> bool:
        return _jsx_inline(state, silent, components)

    md.inline.ruler.before("autolink", "jsx_inline", rule)


def _malformed(state: StateInline, pos: int, components: Container[str]) -> bool:
    """A known component's tag that does not parse (``{`` without ``}``): shown as text, with a warning."""
    start = _TAG_START.match(state.src, pos, state.posMax)
    if start is None or start.group(1) not in components:
        return False  # prose in angle brackets, such as <Location of the installer>
    push_problem(state, "jsx", f"malformed tag <{start.group(1)} ...> (an unclosed quote or brace?); "
                 "it is shown as text", position=pos)
    state.pending += state.src[pos]
    state.pos = pos + 1
    return True


def _spaced_tag_alone(state: StateInline, pos: int, end: int) -> Tag | None:
    """``< br />`` alone on its line: a tag to MDX v1 (JSX allows space after ``<``); elsewhere text."""
    src = state.src
    if pos > 0 and src[pos - 1] != "\n" or pos + 1 >= end or src[pos + 1] not in " \t":
        return None  # checked before the line's end is searched for, which would cost the rest of the line
    line_end = src.find("\n", pos, end)
    line_end = end if line_end == -1 else line_end
    tag = tag_scanner(state).scan_spaced_tag(pos, line_end)
    return tag if tag is not None and not src[tag.end:line_end].strip() else None


def _jsx_inline(state: StateInline, silent: bool, components: Container[str]) -> bool:
    pos, end = state.pos, state.posMax
    if state.src[pos] != "<":
        return False
    scanner = tag_scanner(state)
    comment = scanner.scan_comment(pos, end)
    if comment is not None:
        state.pos = comment.end
        return True
    tag = scanner.scan_tag(pos, end) or _spaced_tag_alone(state, pos, end)
    if tag is None:
        return not silent and _malformed(state, pos, components)
    if silent:
        state.pos = tag.end
        return True
    if state.level >= flatten_level(state):
        flatten(state, tag.name, position=pos)
        state.pending += value_words(tag)
        state.pos = tag.end
        return True
    if tag.kind is TagKind.CLOSE:
        push_problem(
            state, "jsx", f"closing tag </{tag.name}> has no opening tag; it is ignored", position=pos
        )
        state.pos = tag.end
        return True
    close = scanner.find_closing(tag.end, end, tag.name) if tag.kind is TagKind.OPEN else tag
    if close is None:
        push_problem(state, "jsx", f"<{tag.name}> is never closed; only its tag is dropped", position=pos)
        state.pos = tag.end
        return True
    opening = state.push("jsx_inline_open", "", 1)
    opening.meta = {"tag": tag, "line_offset": line_offset(state, pos)}
    if close is not tag:
        state.pos, state.posMax = tag.end, close.start
        state.md.inline.tokenize(state)
        state.posMax = end
    state.push("jsx_inline_close", "", -1).meta = {"tag": close}
    state.pos = close.end
    return True
