"""markdown-it rules for MDX v1, one plugin per folder, and the tag tokenizer they share; here, two
rules that keep hostile pages whole and linear: deep containers flattened, MyST's roles read in place."""

from __future__ import annotations

import re
from collections.abc import Container

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

from .esm import esm_plugin
from .inline_lines import inline_lines_plugin
from .jsx_flow import jsx_flow_plugin
from .jsx_inline import jsx_inline_plugin
from .problems import FLATTEN_LEVEL, flatten

#: markdown-it drops all content nested deeper than its maxNesting (20 in the CommonMark
#: preset); MDX elements nest too, so allow more (they are flattened before this depth).
MAX_NESTING = 100

#: The markers that open blockquotes and list items, at the start of a line.
_CONTAINER_MARKERS = re.compile(r"(?:>[ \t]?|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))+")
#: A MyST role's name, ``{name}``.
_ROLE_NAME = re.compile(r"\{([a-zA-Z0-9\_\-\+\:]+)\}")


def mdx_plugin(md: MarkdownIt, inline_names: Container[str], components: Container[str] = ()) -> None:
    """Teach ``md`` MDX v1: ESM blocks and JSX/HTML elements replace raw HTML.

    ``inline_names`` are the elements that live inside a paragraph; ``components`` the known
    component names (a malformed tag of one is reported rather than shown silently).
    """
    md.options["maxNesting"] = max(md.options["maxNesting"], MAX_NESTING)
    md.disable(["html_block", "html_inline"], ignoreInvalid=True)
    md.block.ruler.before("blockquote", "flat_containers", _flat_containers)
    if "myst_role" in md.inline.ruler.get_all_rules():
        md.inline.ruler.at("myst_role", _myst_role)
    md.use(esm_plugin)
    md.use(jsx_flow_plugin, inline_names)
    md.use(jsx_inline_plugin, components)
    md.use(inline_lines_plugin)


def _flat_containers(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Blockquotes and lists nested FLATTEN_LEVEL deep open no more levels: their lines, up to a
    blank or less indented one, become one paragraph without their markers, so that no word is
    lost where markdown-it would stop at maxNesting and drop the rest."""
    if silent or state.level < FLATTEN_LEVEL:
        return False
    first = state.bMarks[start_line] + state.tShift[start_line]
    if not _CONTAINER_MARKERS.match(state.src, first, state.eMarks[start_line]):
        return False
    lines = []
    line = start_line
    while line < end_line and not state.isEmpty(line) and (
        line == start_line or state.sCount[line] >= state.blkIndent
    ):
        start = state.bMarks[line] + state.tShift[line]
        markers = _CONTAINER_MARKERS.match(state.src, start, state.eMarks[line])
        lines.append(state.src[start if markers is None else markers.end() : state.eMarks[line]])
        line += 1
    flatten(state, "blockquote" if state.src[first] == ">" else "li", line=start_line)
    text = "\n".join(lines).strip()
    if text:
        state.push("paragraph_open", "p", 1).map = [start_line, line]
        inline = state.push("inline", "", 0)
        inline.content, inline.map, inline.children = text, [start_line, line], []
        state.push("paragraph_close", "p", -1)
    state.line = line
    return True


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
