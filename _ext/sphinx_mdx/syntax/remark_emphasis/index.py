"""Emphasis and strong emphasis as remark-parse 8 (MDX v1) read them.

CommonMark decides by "flanking" rules that remark-parse 8 did not have, so
``Select **Amazon (AWS)**for``, ``** 3.24.0**`` and ``the ** write ** action``
were bold for librarium's readers and are literal asterisks in CommonMark.
remark's rule is simpler: from ``**`` (or ``__``) to the next pair of the same
marker that is not part of a run of three, if there is text between; from
``*`` (or ``_``) to the next single marker not preceded by one, where a
closing ``_`` may not be followed by a letter or digit. A backslash escapes
the next character. These rules replace markdown-it's ``emphasis`` rule.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

_MARKERS = "*_"
#: What remark counts as a word character after a closing ``_`` (JavaScript's ``\w``).
_WORD = re.compile(r"[A-Za-z0-9_]")


def remark_emphasis_plugin(md: MarkdownIt) -> None:
    md.disable("emphasis")
    md.inline.ruler.before("emphasis", "remark_strong", _strong)
    md.inline.ruler.before("emphasis", "remark_emphasis", _emphasis)


def _strong(state: StateInline, silent: bool) -> bool:
    src, start = state.src, state.pos
    marker = src[start]
    if marker not in _MARKERS or src[start + 1 : start + 2] != marker:
        return False
    index = start + 2
    while index < state.posMax:
        character = src[index]
        if character == "\\":
            index += 2
            continue
        if character == marker and src[index + 1 : index + 2] == marker and index + 1 < state.posMax:
            if src[index + 2 : index + 3] != marker or index + 2 >= state.posMax:
                return _wrap(state, silent, "strong", marker * 2, start + 2, index)
        index += 1  # in a run of three, the first marker is text
    return False


def _emphasis(state: StateInline, silent: bool) -> bool:
    src, start = state.src, state.pos
    marker = src[start]
    if marker not in _MARKERS:
        return False
    index = start + 1
    previous = ""
    while index < state.posMax:
        character = src[index]
        if character == "\\":
            previous = src[index + 1 : index + 2]
            index += 2
            continue
        if character == marker:
            after = src[index + 1 : index + 2] if index + 1 < state.posMax else ""
            if after != marker:
                if previous == marker or not src[start + 1 : index].strip():
                    return False
                if marker == "_" and _WORD.match(after):
                    previous = character
                    index += 1
                    continue
                return _wrap(state, silent, "em", marker, start + 1, index)
            previous = marker
            index += 2  # a pair inside is text
            continue
        previous = character
        index += 1
    return False


def _wrap(state: StateInline, silent: bool, kind: str, markup: str, start: int, end: int) -> bool:
    """Emphasis over ``src[start:end]``, if it holds more than white space; its content parsed inline."""
    if not state.src[start:end].strip():
        return False
    if not silent:
        state.push(f"{kind}_open", kind, 1).markup = markup
        limit = state.posMax
        state.pos, state.posMax = start, end
        state.md.inline.tokenize(state)
        state.posMax = limit
        state.push(f"{kind}_close", kind, -1).markup = markup
    state.pos = end + len(markup)
    return True
