"""Problems the MDX rules meet while parsing, carried as hidden tokens.

markdown-it rules have no logger and no document; the renderer turns each
``mdx_problem`` token into a typed warning at the right line.
"""

from __future__ import annotations

from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

from .tags import TagScanner

PROBLEM = "mdx_problem"

#: Deeper than this (markdown-it's nesting level), elements are flattened: their tags are
#: dropped and their content kept, so no parser, renderer or writer recurses without bound.
FLATTEN_LEVEL = 48
#: Markup in an attribute value (``trigger={<u>x</u>}``) is parsed on its own, where the levels
#: above it are not counted: in a value, elements are flattened deeper than this, and values
#: inside values deeper than MARKUP_DEPTH are shown as plain words (``MdxRenderer.render_markup``),
#: so a page nests at most 2 * FLATTEN_LEVEL + MARKUP_DEPTH * (VALUE_FLATTEN_LEVEL + 1) elements deep.
VALUE_FLATTEN_LEVEL = 8
MARKUP_DEPTH = 4
#: The ``env`` key under which the renderer counts the values being rendered inside one another.
MARKUP_DEPTH_KEY = "mdx_markup_depth"
#: A page reports this many problems, then one saying that the rest are not reported: a hostile
#: page of 300,000 unclosed tags would otherwise cost as many tokens and warnings.
MAX_PROBLEMS = 1000


def line_text(state: StateBlock, line: int) -> str:
    """A block line's text, without its indentation (the rules that read whole lines share it)."""
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def line_offset(state: StateInline, position: int) -> int:
    """Newlines before ``position`` in the inline source, counted on from the last call (linear)."""
    last_position, count = getattr(state, "_mdx_lines", (0, 0))
    if position < last_position:
        last_position, count = 0, 0
    count += state.src.count("\n", last_position, position)
    state._mdx_lines = (position, count)
    return count


def tag_scanner(state: StateBlock | StateInline) -> TagScanner:
    """The scanner of this state's source, kept on the state so that all rules share what it read."""
    if not hasattr(state, "_mdx_scanner"):
        state._mdx_scanner = TagScanner(state.src)
    return state._mdx_scanner


def flatten_level(state: StateBlock | StateInline) -> int:
    """The nesting level from which this state's elements are flattened."""
    return VALUE_FLATTEN_LEVEL if state.env.get(MARKUP_DEPTH_KEY) else FLATTEN_LEVEL


def flatten(state: StateBlock | StateInline, name: str, **where) -> None:
    """Note, once per page, that elements nested too deep lose their tags (never their text)."""
    if not state.env.get("mdx_flattened"):
        state.env["mdx_flattened"] = True
        where_nested = " in an attribute value" if state.env.get(MARKUP_DEPTH_KEY) else ""
        push_problem(state, "jsx", f"elements nested deeper than {flatten_level(state)} levels{where_nested} "
                     f"(first: <{name}>) are flattened: their tags are dropped, their text kept", **where)


def push_problem(
    state: StateBlock | StateInline,
    subtype: str,
    message: str,
    *,
    line: int | None = None,
    position: int | None = None,
) -> None:
    """Record a problem at block ``line``, or at inline ``position`` in the source; past MAX_PROBLEMS
    on a page, one saying so, then none."""
    reported = state.env.get("mdx_problems", 0)
    state.env["mdx_problems"] = reported + 1
    if reported > MAX_PROBLEMS:
        return
    if reported == MAX_PROBLEMS:
        subtype = "jsx"
        message = f"more than {MAX_PROBLEMS:,} problems in this page's MDX; the rest are not reported"
    token = state.push(PROBLEM, "", 0)
    token.hidden = True
    token.meta = {"subtype": subtype, "message": message}
    if line is not None:
        token.map = [line, line + 1]
    if position is not None:
        token.meta["line_offset"] = line_offset(state, position)
