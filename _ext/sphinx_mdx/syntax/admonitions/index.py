"""Docusaurus admonitions: ``:::type``, an optional title, Markdown, and ``:::``.

The title follows the type in brackets (``:::tip[Before you start]``) or after a space
(``:::warning Title``, Docusaurus's older form). An admonition holds blocks, lists and other
admonitions; an outer one may use more colons (``::::info`` ... ``::::``), and a closing line
needs at least as many colons as its opening. One that is never closed runs to the end of what
holds it (a list item, the page), as in MDX 3. Code fences inside are skipped, so ``:::`` in
code closes nothing. Which types exist is the renderer's business; any word is read here.

A closing ``:::`` at the end of a line of text (``... again. :::``, where a formatter joined the
closing line to the paragraph) closes the admonition after that text, with a warning: MDX 3
would read the marker as text and run the admonition on past what holds it.

Tokens: ``admonition_open`` (``meta["kind"]``, ``meta["title"]``) and ``admonition_close``.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from ..problems import FLATTEN_LEVEL, line_text, push_problem

_OPENING = re.compile(r"(:{3,})[ \t]*([A-Za-z][\w-]*)(?:\[([^\]\n]*)\])?(?:[ \t]+([^\n]*?))?[ \t]*")
_CLOSING = re.compile(r"(:{3,})[ \t]*")
_TRAILING_CLOSING = re.compile(r"\S[ \t]+(:{3,})[ \t]*$")
_FENCE = re.compile(r"(`{3,}|~{3,})")


def admonitions_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before("fence", "admonition", _admonition,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})


def _admonition(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.is_code_block(start):
        return False
    opening = _OPENING.fullmatch(line_text(state, start))
    if opening is None or state.level >= FLATTEN_LEVEL:
        return False  # that deep, the marker line stays text: no word is lost, and no scan repeats
    if silent:
        return True
    close, trailing = _closing_line(state, start, end, len(opening.group(1)))

    token = state.push("admonition_open", "div", 1)
    token.markup = opening.group(1)
    token.map = [start, close]
    token.meta = {"kind": opening.group(2), "title": (opening.group(3) or opening.group(4) or "").strip()}
    saved, content_end, line_end = (state.lineMax, state.parentType), close, 0
    if trailing is not None:  # the closing line's text is the admonition's last line, without the marker
        push_problem(state, "admonition", f"the closing '{trailing.group(1)}' ends a line of text; it is read "
                     "as the end of the admonition, but MDX 3 needs it on a line of its own", line=close)
        line_end = state.eMarks[close]
        state.eMarks[close] = state.bMarks[close] + state.tShift[close] + trailing.start(1)
        content_end = close + 1
    state.lineMax, state.parentType = content_end, "admonition"
    state.md.block.tokenize(state, start + 1, content_end)
    if trailing is not None:
        state.eMarks[close] = line_end
    state.lineMax, state.parentType = saved
    state.push("admonition_close", "div", -1).markup = opening.group(1)
    state.line = close + 1 if close < end else close
    return True


def _closing_line(state: StateBlock, start: int, end: int, colons: int) -> tuple[int, re.Match | None]:
    """The line that closes the admonition opened at ``start``, or where what holds it ends; and
    the closing marker's match when it ends a line of text."""
    depth, fence = 0, ""
    for line in range(start + 1, end):
        if not state.isEmpty(line) and state.sCount[line] < state.blkIndent:
            return line, None  # the list item or quote holding the admonition ends here
        if state.is_code_block(line):
            continue
        text = line_text(state, line)
        marker = _FENCE.match(text)
        if fence:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence) \
                    and not text[marker.end():].strip():
                fence = ""
            continue
        if marker:
            fence = marker.group(1)
        elif _OPENING.fullmatch(text):
            depth += 1
        elif (closing := _CLOSING.fullmatch(text)) is not None:
            if depth:
                depth -= 1
            elif len(closing.group(1)) >= colons:
                return line, None
        elif not depth and (trailing := _TRAILING_CLOSING.search(text)) and len(trailing.group(1)) >= colons:
            return line, trailing
    return end, None
