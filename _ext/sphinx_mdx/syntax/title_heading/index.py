"""The front matter's ``title`` as the page's heading, as Docusaurus shows it unless the body
opens with a ``#`` heading of its own (most librarium pages since 2023 start at ``##``).

The title is text, never Markdown: Docusaurus prints it as written.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ...page_data import FRONT_MATTER_KEY


def title_heading_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("inline", "title_heading", _title_heading)


def _title_heading(state: StateCore) -> None:
    tokens = state.tokens
    if not tokens or tokens[0].type != "front_matter":
        return
    first = next((token for token in tokens[1:] if token.type != "esm"), None)
    if first is not None and first.type == "heading_open" and first.tag == "h1":
        return  # the page opens with its own title, which Docusaurus shows instead
    title = state.env.get(FRONT_MATTER_KEY, {}).get("title")  # read by the parser, with the page
    if not isinstance(title, str) or not title.strip():
        return  # no title, or not a plain string (an alias included)
    title = title.strip()
    line = tokens[0].map[1] if tokens[0].map else 0
    opening = Token("heading_open", "h1", 1, markup="#", map=[line, line + 1], block=True)
    inline = Token("inline", "", 0, content=title, map=[line, line + 1], block=True,
                   children=[Token("text", "", 0, content=title)])
    closing = Token("heading_close", "h1", -1, markup="#", block=True)
    tokens[1:1] = [opening, inline, closing]

