"""Heading ids written by the author, ``## Install {#install}``, as Docusaurus reads them: the id
is the heading's anchor and the braces are not shown."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

_ID = re.compile(r"[ \t]*\{#([A-Za-z0-9_-]+)\}[ \t]*$")


def heading_ids_plugin(md: MarkdownIt) -> None:
    md.core.ruler.before("inline", "heading_ids", _heading_ids)


def _heading_ids(state: StateCore) -> None:
    tokens = state.tokens
    for index, token in enumerate(tokens[:-1]):
        if token.type != "heading_open" or tokens[index + 1].type != "inline":
            continue
        inline = tokens[index + 1]
        written = _ID.search(inline.content)
        if written is not None:
            inline.content = inline.content[: written.start()]
            token.attrSet("id", written.group(1))
