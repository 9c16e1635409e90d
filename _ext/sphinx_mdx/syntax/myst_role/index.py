"""MyST's ``{name}`content``` role syntax, read in place.

MyST's own rule copies the rest of the paragraph wherever it is tried, which a long
paragraph with many braces makes quadratic; this one gives the same tokens.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

#: A MyST role's name, ``{name}``.
_ROLE_NAME = re.compile(r"\{([a-zA-Z0-9\_\-\+\:]+)\}")


def myst_role_plugin(md: MarkdownIt) -> None:
    """Replace MyST's role rule, where MyST has put one."""
    if "myst_role" in md.inline.ruler.get_all_rules():
        md.inline.ruler.at("myst_role", _myst_role)


def _myst_role(state: StateInline, silent: bool) -> bool:
    """MyST's ``{name}`content``` rule, reading the source where it stands: MyST's own copies the rest
    of the paragraph wherever it is tried, which a long paragraph makes quadratic."""
    src = state.src
    name = _ROLE_NAME.match(src, state.pos)
    if name is None:
        return False
    start = pos = name.end()
    while pos < len(src) and src[pos] == "`":
        pos += 1
    if pos == start or pos == len(src):
        return False
    close = src.find(src[start:pos], pos + 1)
    if close == -1:
        return False
    if not silent:
        token = state.push("myst_role", "", 0)
        token.meta = {"name": name.group(1)}
        token.content = src[pos:close].replace("\n", " ")
    state.pos = close + pos - start
    return True
