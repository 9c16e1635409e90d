"""Problems the MDX rules meet while parsing, carried as hidden tokens.

markdown-it rules have no logger and no document; the renderer turns each
``mdx_problem`` token into a typed warning at the right line.
"""

from __future__ import annotations

from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

PROBLEM = "mdx_problem"

#: Deeper than this (markdown-it's nesting level), elements are flattened: their tags are
#: dropped and their content kept, so no parser, renderer or writer recurses without bound.
FLATTEN_LEVEL = 48


def line_offset(state: StateInline, position: int) -> int:
    """Newlines before ``position`` in the inline source, counted on from the last call (linear)."""
    last_position, count = getattr(state, "_mdx_lines", (0, 0))
    if position < last_position:
        last_position, count = 0, 0
    count += state.src.count("\n", last_position, position)
    state._mdx_lines = (position, count)
    return count


def tags_seen(state: StateBlock | StateInline) -> dict:
    """The tags read so far from this state's source, by offset (see ``find_closing``)."""
    if not hasattr(state, "_mdx_tags"):
        state._mdx_tags = {}
    return state._mdx_tags


def flatten(state: StateBlock | StateInline, name: str, **where) -> None:
    """Note, once per page, that elements nested too deep lose their tags (never their text)."""
    if not state.env.get("mdx_flattened"):
        state.env["mdx_flattened"] = True
        push_problem(state, "jsx", f"elements nested deeper than {FLATTEN_LEVEL} levels (first: <{name}>) "
                     "are flattened: their tags are dropped, their text kept", **where)


def push_problem(
    state: StateBlock | StateInline,
    subtype: str,
    message: str,
    *,
    line: int | None = None,
    position: int | None = None,
) -> None:
    """Record a problem at block ``line``, or at inline ``position`` in the source."""
    token = state.push(PROBLEM, "", 0)
    token.hidden = True
    token.meta = {"subtype": subtype, "message": message}
    if line is not None:
        token.map = [line, line + 1]
    if position is not None:
        token.meta["line_offset"] = line_offset(state, position)
