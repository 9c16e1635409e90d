"""``{props.edition}`` and ``{frontMatter.title}``: the only expressions Docusaurus pages use in
text. They name data (a partial's props, the page's front matter); the renderer puts in the
value, never evaluating anything.

Token: ``mdx_data_reference``, with ``meta["object"]`` (``props`` or ``frontMatter``) and
``meta["key"]``.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

#: A reference, braces excluded: the object and the key.
REFERENCE = re.compile(r"(props|frontMatter)\.([A-Za-z_$][\w$]*)")
_WRITTEN = re.compile(r"\{\s*(props|frontMatter)\.([A-Za-z_$][\w$]*)\s*\}")


def data_references_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.after("backticks", "mdx_data_reference", _data_reference)


def _data_reference(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "{":
        return False
    written = _WRITTEN.match(state.src, state.pos, state.posMax)
    if written is None:
        return False
    if not silent:
        token = state.push("mdx_data_reference", "", 0)
        token.meta = {"object": written.group(1), "key": written.group(2)}
        token.content = written.group()
    state.pos = written.end()
    return True
