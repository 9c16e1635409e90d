"""Docusaurus's code fence options: ```` ```yaml title="values.yaml" {2,4-6} showLineNumbers hideClipboard ````,
and its highlight comments (``# highlight-next-line``, ``// highlight-start`` ... ``// highlight-end``).

The fence keeps only its language in ``info``; the lines to highlight and the numbering go to
the attributes MyST's renderer reads (``emphasize-lines``, ``lineno-start``), ``hideClipboard``
to the class ``mdx-no-copy``, the title to ``meta["title"]``. Highlight comments are taken out of
the code, as Docusaurus does.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

NO_COPY_CLASS = "mdx-no-copy"
_OPTION = re.compile(r"""title=(?:"([^"]*)"|'([^']*)'|(\S+))|\{([\d,\s-]+)\}|(\S+)""")
_MAGIC = re.compile(r"\s*(?://|#|<!--|/\*|--|;)\s*highlight-(next-line|start|end)\s*(?:-->|\*/)?\s*")
_RANGE = re.compile(r"(\d+)(?:-(\d+))?")


def fence_meta_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("block", "fence_meta", _fence_meta)


def _fence_meta(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "fence" and not token.info.lstrip().startswith("{"):
            _read_options(token)
            _take_highlight_comments(token)


def _read_options(token: Token) -> None:
    language, _, rest = token.info.strip().partition(" ")
    lines: list[int] = []
    for option in _OPTION.finditer(rest):
        title = next((group for group in option.groups()[:3] if group is not None), None)
        if title is not None:
            token.meta["title"] = title
        elif option.group(4) is not None:
            lines += _line_numbers(option.group(4))
        elif option.group(5) == "showLineNumbers":
            token.attrSet("lineno-start", 1)
        elif option.group(5) == "hideClipboard":
            token.attrJoin("class", NO_COPY_CLASS)
    token.info = language
    if lines:
        token.meta["emphasized"] = lines


def _line_numbers(ranges: str) -> list[int]:
    numbers: list[int] = []
    for written in _RANGE.finditer(ranges):
        first, last = int(written.group(1)), int(written.group(2) or written.group(1))
        numbers += range(first, min(last, first + 10_000) + 1)  # a range is bounded by the code anyway
    return numbers


def _take_highlight_comments(token: Token) -> None:
    kept: list[str] = []
    lines = set(token.meta.pop("emphasized", []))
    next_line = in_range = False
    for line in token.content.splitlines(keepends=True):
        magic = _MAGIC.fullmatch(line.rstrip("\n"))
        if magic is not None:
            kind = magic.group(1)
            next_line = kind == "next-line"
            in_range = kind == "start" or (in_range and kind != "end")
            continue
        kept.append(line)
        if next_line or in_range:
            lines.add(len(kept))
        next_line = False
    token.content = "".join(kept)
    if lines:
        token.attrSet("emphasize-lines", ",".join(str(number) for number in sorted(lines) if number <= len(kept)))
