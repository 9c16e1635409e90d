"""ESM: ``import`` and ``export`` blocks, which MDX v1 runs and never shows.

A block starts with ``import`` or ``export`` at the start of a line, outside
any container, and runs to the next blank line. It becomes one hidden
``esm`` token whose ``meta["imports"]`` lists each :class:`Import`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

_START = re.compile(r"(?:import|export)\b")
#: The tokens of an ESM block: words, strings and single marks (white space has no group).
_TOKEN = re.compile(r"""(?P<word>[A-Za-z_$][\w$]*)|(?P<string>'[^'"]*'|"[^'"]*")|\s+|(?P<mark>.)""", re.DOTALL)
_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")


@dataclass(frozen=True)
class Import:
    """A local name an ESM block binds, its module, and its line in the block."""

    name: str
    module: str
    line_offset: int


def esm_plugin(md: MarkdownIt) -> None:
    """Consume ESM blocks, recording what they import."""
    md.block.ruler.before("table", "esm", _esm_rule)


def _esm_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.level or state.blkIndent or state.sCount[start_line] != 0:
        return False
    start = state.bMarks[start_line] + state.tShift[start_line]
    if not _START.match(state.src, start):
        return False
    if silent:
        return True
    line = start_line + 1
    while line < end_line and not state.isEmpty(line):
        line += 1
    source = state.src[start : state.eMarks[line - 1]]
    token = state.push("esm", "", 0)
    token.hidden = True
    token.content = source
    token.map = [start_line, line]
    token.meta = {"imports": imported_names(source)}
    state.line = line
    return True


def imported_names(source: str) -> list[Import]:
    """Every local name an ESM block imports: ``import <clause> from "<module>"``, in one pass over its
    tokens (a statement ends at its module or at a ``;``), so that no text is read twice."""
    imports: list[Import] = []
    line, counted_to = 0, 0
    statement = from_word = None  # the current statement's "import", and a "from" that may end it
    for token in _TOKEN.finditer(source):
        kind = token.lastgroup
        if kind is None:
            continue
        if statement is None:
            if token.group() == "import" and kind == "word":
                statement = token
        elif from_word is not None and kind == "string":
            line += source.count("\n", counted_to, statement.start())
            counted_to = statement.start()
            module = token.group()[1:-1]
            clause = source[statement.end() : from_word.start()]
            imports.extend(Import(name, module, line) for name in _clause_names(clause))
            statement = from_word = None
        elif token.group() == ";":
            statement = from_word = None
        else:
            from_word = token if token.group() == "from" and kind == "word" else None
    return imports


def _clause_names(clause: str) -> list[str]:
    """``Default, {A, B as C}`` or ``* as NS``: the local names bound."""
    names: list[str] = []
    named_start = clause.find("{")
    head = clause if named_start == -1 else clause[:named_start]
    for part in head.split(","):
        words = part.split()
        if words:
            names.append(words[-1])  # "Default" or "* as NS"
    if named_start != -1:
        inner = clause[named_start + 1 : clause.find("}", named_start)]
        for specifier in inner.split(","):
            words = specifier.split()
            if words:
                names.append(words[-1])  # "A" or "B as C"
    return [name for name in names if _IDENTIFIER.fullmatch(name)]
