"""Problems the MDX rules meet while parsing, carried as hidden tokens.

markdown-it rules have no logger and no document; the renderer turns each
``mdx_problem`` token into a typed warning at the right line.
"""

from __future__ import annotations

from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

PROBLEM = "mdx_problem"


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
        token.meta["line_offset"] = state.src.count("\n", 0, position)
