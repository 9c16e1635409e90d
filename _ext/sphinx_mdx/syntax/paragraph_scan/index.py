"""One scan of a paragraph's lines where markdown-it makes two.

markdown-it's ``lheading`` rule looks below a paragraph's first line for a setext underline
(``===`` or ``---``), checking each line on its way against every rule that may end a
paragraph. When it finds none, ``paragraph`` checks the same lines against the same rules
again. On a page of long paragraphs that second scan is a sixth of the parse (a paragraph of
150,000 lines of ``<a x={``: 1 s of 6). These two rules stand in for markdown-it's and share
the scan: a paragraph starts from where the heading's scan stopped, when that scan was of the
same lines under the same conditions. The tokens are markdown-it's, to the last attribute.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.rules_block import StateBlock


def paragraph_scan_plugin(md: MarkdownIt) -> None:
    """Replace ``lheading`` and ``paragraph`` by rules that scan a paragraph's lines once."""
    for name, rule in (("lheading", _setext_heading), ("paragraph", _paragraph)):
        alt = next(found.alt for found in md.block.ruler.__rules__ if found.name == name)
        md.block.ruler.at(name, rule, {"alt": list(alt)})


def _scan(state: StateBlock, start: int, end: int, underline: bool) -> tuple[int, str | None]:
    """The line after a paragraph starting at ``start``, and the marker of its setext underline
    if ``underline`` is asked for and one ends it first; leaves ``parentType`` at ``"paragraph"``,
    as markdown-it's rules leave it when no heading is found."""
    terminators = state.md.block.ruler.getRules("paragraph")
    state.parentType = "paragraph"
    src, indent = state.src, state.blkIndent
    line = start + 1
    while line < end and not state.isEmpty(line):
        shift = state.sCount[line]
        if shift - indent > 3:
            line += 1  # an indented line goes on a paragraph, whatever it holds
            continue
        if underline and shift >= indent:
            pos, maximum = state.bMarks[line] + state.tShift[line], state.eMarks[line]
            if pos < maximum and src[pos] in "-=":
                if state.skipSpaces(state.skipCharsStr(pos, src[pos])) >= maximum:
                    return line, src[pos]
        if shift < 0:
            line += 1  # a blockquote's lazy line: its rule has looked at it already
            continue
        for terminates in terminators:
            if terminates(state, line, end, True):
                return line, None
        line += 1
    return line, None


def _setext_heading(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    state._mdx_paragraph_end = None
    if state.is_code_block(start):
        return False
    parent = state.parentType
    line, marker = _scan(state, start, end, underline=True)
    if marker is None:
        state._mdx_paragraph_end = (start, end, state.blkIndent, line)
        return False
    state.line = line + 1
    tag = "h1" if marker == "=" else "h2"
    token = state.push("heading_open", tag, 1)
    token.markup = marker
    token.map = [start, state.line]
    token = state.push("inline", "", 0)
    token.content = mdTrim(state.getLines(start, line, state.blkIndent, False))
    token.map = [start, state.line - 1]
    token.children = []
    state.push("heading_close", tag, -1).markup = marker
    state.parentType = parent
    return True


def _paragraph(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    parent = state.parentType
    scanned = getattr(state, "_mdx_paragraph_end", None)
    state._mdx_paragraph_end = None
    if scanned is not None and scanned[:3] == (start, state.lineMax, state.blkIndent):
        line = scanned[3]
    else:
        line, _ = _scan(state, start, state.lineMax, underline=False)
    state.line = line
    state.push("paragraph_open", "p", 1).map = [start, line]
    token = state.push("inline", "", 0)
    token.content = mdTrim(state.getLines(start, line, state.blkIndent, False))
    token.map = [start, line]
    token.children = []
    state.push("paragraph_close", "p", -1)
    state.parentType = parent
    return True
