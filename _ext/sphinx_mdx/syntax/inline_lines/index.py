"""Line numbers for inline tokens.

markdown-it gives a line only to block tokens, so a warning about a link on
the third line of a paragraph would name the paragraph's first line. This
core rule stores each inline token's line within its paragraph in
``meta["line_offset"]``, counting line breaks as they come.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

_BREAKS = ("softbreak", "hardbreak")


def inline_lines_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("inline", "inline_lines", _inline_lines)


def _inline_lines(state: StateCore) -> None:
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        offset = 0
        for child in token.children:
            if "line_offset" in child.meta:
                offset = child.meta["line_offset"]
            else:
                child.meta["line_offset"] = offset
            if child.type in _BREAKS:
                offset += 1
