"""What keeps text inside the PDF's page: break points in long tokens, table columns sized by their content.

LaTeX breaks lines at spaces and hyphenates words; an identifier such as
``calico.encapsulationType`` or a URL has neither, so it runs past the margin
or, in a table, under the next cell. :class:`BreakPoints` lets such a token
wrap after ``.``, ``/``, ``_``, ``-`` (and a few URL characters) or before a
camelCase hump, with no hyphen added. :class:`TableColumns` gives each
table's columns widths from their content, so that a column's longest
unbreakable piece fits, and lets long tables continue across pages with
their header. Table cells are ragged-right and never hyphenated
(``sphinxmdx.sty``). The HTML is not touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .components.boxes import mdx_box
from .components.shared import (LINE_CHARACTERS, add_node, ancestors, depart_passthrough, line_break, lines_of,
                                replace_with, rule)
from .latex_lines import text_only
from .warnings_ import MdxWarnings, warn

#: A token at least this long may wrap inside (shorter ones fit any column we make).
LONG_TOKEN = 12
_TOKEN = re.compile(rf"\S{{{LONG_TOKEN},}}")
#: The longest piece of a token that stays whole; a longer one may wrap every that many characters.
LONGEST_PIECE = 20
#: The classes of inline nodes LaTeX sets in a box (``sphinxmdx.sty``): an underlined word, a badge.
BOXED_CLASSES = frozenset({"mdx-u", "mdx-badge"})
#: A text's first and last word (what runs on into the next node, or from the last).
_LEADING_WORD, _TRAILING_WORD = re.compile(r"\S*"), re.compile(r"\S*$")
#: Where a long token may wrap: after a separator, or before a camelCase hump.
_BREAK = re.compile(r"(?<=[./_\-:=&?,;])(?=[^\s./_\-:=&?,;])|(?<=[a-z])(?=[A-Z])")

#: Nodes whose text is not flowed: code, math, raw output. Headings wrap (their bookmarks drop the
#: break points, as hyperref reads them).
_FIXED = (nodes.FixedTextElement, nodes.math, nodes.raw, nodes.subtitle, nodes.option_string, addnodes.desc_signature)

#: How much of the line is kept for running text before identifiers are kept whole.
SPARE_SHARE = 0.3
#: The most of the line one column's unbreakable piece may claim; a longer piece is cut to fit.
WIDEST_SHARE = 0.4
#: A cell's padding (the column separation), in characters.
CELL_PADDING = 3
#: How much wider a character is in code (Sphinx's monospace font), in bold, and in a header cell
#: (Sphinx sets those in the sans-serif font) than in body text.
CODE_WIDTH, BOLD_WIDTH, HEAD_WIDTH = 1.2, 1.1, 1.2

#: What starts each cell (``sphinxmdx.sty``): ragged-right, never hyphenated.
CELL_SETUP = r"\mdxtablecell"

#: Where a long table cannot go: LaTeX's longtable does not break inside these boxes or in a footnote.
_NO_LONGTABLE = (nodes.Admonition, mdx_box, nodes.footnote, nodes.table, nodes.sidebar, nodes.topic)


class mdx_break_point(nodes.Inline, nodes.Element):  # noqa: N801
    """A place a long token may wrap, with no hyphen (LaTeX only: added by a LaTeX post-transform)."""


def _visit_break_latex(self, node: mdx_break_point) -> None:
    self.body.append(r"\allowbreak{}")


def _visit_break_html(self, node: mdx_break_point) -> None:
    self.body.append("<wbr>")


def _piece_spans(text: str):
    """Where each piece of ``text`` starts and ends: words, and inside long tokens the parts
    between :data:`_BREAK` points."""
    for word in re.finditer(r"\S+", text):
        start = word.start()
        for piece in _BREAK.split(word.group()) if len(word.group()) >= LONG_TOKEN else [word.group()]:
            yield start, start + len(piece)
            start += len(piece)


def pieces(text: str) -> list[str]:
    """``text`` cut where it may wrap: at spaces, and inside long tokens at :data:`_BREAK`."""
    return [text[start:end] for start, end in _piece_spans(text)]


def _fixed(node: nodes.Node) -> bool:
    return any(isinstance(parent, _FIXED) and not _parsed_literal(parent) for parent in ancestors(node))


def _parsed_literal(node: nodes.Element) -> bool:
    """A literal block with markup: Sphinx sets it as text that wraps at spaces and punctuation
    (``sphinxalltt``), not as code, so a long word in it needs break points as in a paragraph."""
    return isinstance(node, nodes.literal_block) and not text_only(node)


def _add_break_points(text: nodes.Text, longest: int | None = None) -> None:
    """Split ``text`` where its long tokens may wrap; with ``longest``, also every ``longest``
    characters of a piece longer than that (a column that cannot hold it)."""
    value = str(text)
    cuts: set[int] = set()
    for start, end in _piece_spans(value):
        if start and not value[start - 1].isspace():
            cuts.add(start)  # a break point inside a token
        if longest:
            cuts.update(range(start + longest, end, longest))
    if not cuts:
        return
    parts: list[nodes.Node] = []
    previous = 0
    for cut in sorted(cuts):
        parts += [nodes.Text(value[previous:cut]), mdx_break_point()]
        previous = cut
    parts.append(nodes.Text(value[previous:]))
    replace_with(text, parts)


class BreakPoints(SphinxPostTransform):
    """LaTeX: long tokens in flowing text may wrap at their break points, and a piece longer than
    :data:`LONGEST_PIECE` (a hash, a run of one character) every that many characters."""

    default_priority = 810  # after TableColumns, which cuts table cells to their columns
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if text.parent is not None and _TOKEN.search(text) and not _fixed(text):
                _add_break_points(text, LONGEST_PIECE)
        _break_runs_across_markup(self.document)


def _break_runs_across_markup(document: nodes.document) -> None:
    """A break point where a run of text with no space, spread over many inline nodes
    (``**a**b**c**`` and so on), grows longer than :data:`LONGEST_PIECE` at a node's start.
    A box (:func:`_is_box`) counts as its text, and the break point goes before it, not in it."""
    places: list[tuple[nodes.Element, int]] = []

    def walk(element: nodes.Element, run: int) -> int:
        for index, child in enumerate(element.children):
            if isinstance(child, nodes.Text) or _is_box(child):
                value = child.astext()
                head = len(_LEADING_WORD.match(value).group())
                if run and head and run + head > LONGEST_PIECE:
                    places.append((element, index))
                    run = 0
                tail = len(_TRAILING_WORD.search(value).group())
                run = tail if tail < len(value) else run + len(value)
            elif isinstance(child, mdx_break_point | line_break) or (
                    isinstance(child, _FIXED) and not _parsed_literal(child)):
                run = 0
            elif isinstance(child, nodes.Inline):
                run = walk(child, run)
            else:  # a block starts and ends runs of its own
                walk(child, 0)
                run = 0
        return run

    walk(document, 0)
    for element, index in reversed(places):  # later places first: the earlier indices stay right
        element.insert(index, mdx_break_point())


def _is_box(node: nodes.Node) -> bool:
    """Whether LaTeX sets ``node`` in a box, where no line breaks: a superscript, a subscript, an
    underlined word, a badge."""
    return isinstance(node, nodes.superscript | nodes.subscript) or (
        isinstance(node, nodes.inline) and not BOXED_CLASSES.isdisjoint(node["classes"]))


class BreakableBoxes(SphinxPostTransform):
    """LaTeX: ``\\underline``, ``\\textsuperscript`` and ``\\textsubscript`` set their text in one box,
    which never wraps, so a long ``<u>``, ``<sup>`` or ``<sub>`` ran off the page. The box goes down
    to the text: each word (in a link or bold, too) is boxed alone, a long word in pieces of
    :data:`LONGEST_PIECE` that may wrap; a formula or a box inside is boxed whole. A superscript with
    an id or class is left whole."""

    default_priority = 805  # before BreakPoints
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for box in list(self.document.findall(lambda node: isinstance(node, nodes.Inline) and _is_box(node))):
            if box.parent is None or any(_is_box(ancestor) for ancestor in ancestors(box)):
                continue  # boxed already, by the box it is in
            if isinstance(box, nodes.inline) and "mdx-u" in box["classes"]:
                box["classes"].remove("mdx-u")
                _box_words(box, lambda *children: nodes.inline("", "", *children, classes=["mdx-u"]))
            elif (isinstance(box, nodes.superscript | nodes.subscript) and not box["ids"] and not box["classes"]
                  and _inline_length(box) > LONGEST_PIECE):
                _box_words(box, lambda *children, kind=type(box): kind("", "", *children))


def _box_words(box: nodes.Element, boxed: Callable[..., nodes.Element]) -> None:
    """``box``'s words each in a box of their own (``boxed``), a formula or box inside it whole,
    and ``box`` itself gone if it has no id or class left."""

    def walk(element: nodes.Element) -> None:
        for index in reversed(range(len(element.children))):  # from the end: the indices stay right
            child = element[index]
            if isinstance(child, nodes.Text):
                element[index:index + 1] = _boxed_words(str(child), boxed)
            elif isinstance(child, _FIXED) or _is_box(child):
                element[index] = holder = boxed()
                holder += child
            elif isinstance(child, nodes.Inline):
                walk(child)
            # a block inside (a footnote or tooltip body moved there) is no text of the box: left as it is

    walk(box)
    if not box["ids"] and not box["classes"]:
        replace_with(box, box.children[:])


def _inline_length(element: nodes.Element) -> int:
    """How many characters ``element`` sets in its box: its text, not that of a block inside it."""
    return sum(len(child) if isinstance(child, nodes.Text) else _inline_length(child)
               for child in element.children if isinstance(child, nodes.Text | nodes.Inline))


def _boxed_words(text: str, boxed: Callable[..., nodes.Element]) -> list[nodes.Node]:
    """``text``'s words boxed, the spaces between them not; a long word in pieces of :data:`LONGEST_PIECE`
    with a break point between them."""
    pieces: list[nodes.Node] = []
    for part in filter(None, re.split(r"(\s+)", text)):
        if part.isspace():
            pieces.append(nodes.Text(part))
            continue
        for start in range(0, len(part), LONGEST_PIECE):
            if start:
                pieces.append(mdx_break_point())
            pieces.append(boxed(nodes.Text(part[start:start + LONGEST_PIECE])))
    return pieces


#: The most rows a display of math has before its rows may go on over the next page.
TALL_MATH_ROWS = 40


class TallMath(SphinxPostTransform):
    """LaTeX: Sphinx sets a display of math in one ``split`` or ``aligned`` box, which never
    breaks across pages, so the rows of a display taller than a page were cut off. One of more
    than :data:`TALL_MATH_ROWS` rows is set as ``align``, its rows aligned as before, and the
    page may break between them; numbered, it still has one number, on its last row."""

    default_priority = 995  # after trust.CheckedUrls (990) checked the page's commands: these are ours
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for block in list(self.document.findall(nodes.math_block)):
            if written_whole(block):
                continue  # written as its author set it
            rows = [row for part in block.astext().split("\n\n") for row in _rows_of_part(part)]
            if len(rows) <= TALL_MATH_ROWS:
                continue
            label = equation_label(block)
            numbered = label is not None or self.config.math_number_all
            if numbered:  # one number, on the last row, as the display had
                rows = [_UNNUMBERED.sub("", row) for row in rows]
                last = rows[-1] + (rf"\label{{{label}}}" if label else "")
                rows = [row if _TAGGED.search(row) else row + r"\notag" for row in rows[:-1]] + [last]
            environment = "align" if numbered else "align*"
            # rows joined as written: "\\[2pt]" keeps its spacing, which a line end after "\\" would lose
            block[:] = [nodes.Text(rf"{{\allowdisplaybreaks\begin{{{environment}}}" + "\\\\".join(rows)
                                   + rf"\end{{{environment}}}}}")]
            block["no-wrap"], block["label"] = True, None


def equation_label(block: nodes.math_block) -> str | None:
    """The LaTeX label Sphinx's writer gives a labelled display, which its references name."""
    return f"equation:{block['docname']}:{block['label']}" if block.get("label") else None


def written_whole(block: nodes.math_block) -> bool:
    """Whether Sphinx writes the display as it is (``:nowrap:``), not in an equation of its own."""
    return bool(block.get("no-wrap", block.get("nowrap", False)))


#: Row marks an author may write: without a number, or with one of their own.
_UNNUMBERED = re.compile(r"\\(?:nonumber|notag)(?![A-Za-z])")
_TAGGED = re.compile(r"\\tag\b")


def _rows_of_part(part: str) -> list[str]:
    """The rows of one part of a display (parts are split by blank lines), without the empty rows
    a closing ``\\\\`` leaves after the last; none for an empty part."""
    rows = math_rows(part)
    while rows and not rows[-1].strip():
        rows.pop()
    return rows


def math_rows(math: str) -> list[str]:
    """``math``'s rows: its text between the ``\\\\`` that are not inside braces or an environment."""
    rows, depth, start, at = [], 0, 0, 0
    while at < len(math):
        char = math[at]
        if char == "\\":
            if math.startswith("\\\\", at) and depth == 0:
                rows.append(math[start:at])
                start = at + 2
            elif math.startswith(("\\begin", "\\end"), at):
                depth += 1 if math.startswith("\\begin", at) else -1
            at += 2
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        at += 1
    return [*rows, math[start:]]


@dataclass
class _Column:
    longest: float = 1.0  # the widest piece that cannot wrap
    word: float = 1.0  # the widest word, whole
    natural: float = 1.0  # the widest cell, on one line


def _weighted(text: nodes.Text) -> float:
    """How wide a character of ``text`` is, against body text."""
    for parent in ancestors(text):
        if isinstance(parent, nodes.entry):
            break
        if isinstance(parent, nodes.literal):
            return CODE_WIDTH
        if isinstance(parent, nodes.strong):
            return BOLD_WIDTH
    return 1.0


def _measure(entry: nodes.entry) -> _Column:
    """A cell's widest unbreakable piece, widest word, and width on one line, in body-text characters."""
    cell = _Column(0.0, 0.0, 0.0)
    head = HEAD_WIDTH if isinstance(entry.parent.parent, nodes.thead) else 1.0
    for text in entry.findall(nodes.Text):
        weight = _weighted(text) * head
        cell.natural += len(text) * weight
        cell.word = max([cell.word, *(len(word) * weight for word in text.split())])
        cell.longest = max([cell.longest, *(len(piece) * weight for piece in pieces(str(text)))])
    return cell


def column_widths(columns: list[_Column], line: float = LINE_CHARACTERS) -> list[float]:
    """Widths, in characters. Every column gets its widest word whole when that leaves a good share
    of the line (:data:`SPARE_SHARE`) to the columns of running text, else its widest unbreakable
    piece (at most :data:`WIDEST_SHARE` of the line); the rest of the line goes to the columns
    that would like more, by how much more. When even the pieces do not fit, the pieces' widths."""
    wanted = [max(column.natural, column.word, column.longest) + CELL_PADDING for column in columns]
    if sum(wanted) <= line:
        return wanted
    words = [column.word + CELL_PADDING for column in columns]
    pieces_ = [min(column.longest, line * WIDEST_SHARE) + CELL_PADDING for column in columns]
    floor = words if sum(words) <= line * (1 - SPARE_SHARE) else pieces_
    if sum(floor) >= line:
        return floor
    spare = line - sum(floor)
    more = [want - need for want, need in zip(wanted, floor, strict=True)]
    return [need + spare * extra / sum(more) for need, extra in zip(floor, more, strict=True)]


#: The most lines a table cell takes in the PDF: a row cannot break across pages, so what a taller
#: cell holds past the page's end is lost (and past TeX's largest dimension, the PDF fails).
TALLEST_CELL_LINES = 40


class TallCells(SphinxPostTransform):
    """LaTeX: a table with a cell taller than a page (:data:`TALLEST_CELL_LINES`) is set as its rows
    one after another, each cell's content after its column's heading, with a warning."""

    default_priority = 790  # before TableColumns sizes the columns of the tables that stay
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for table in list(self.document.findall(nodes.table)):
            tgroup = next(iter(table.findall(nodes.tgroup)), None)
            if tgroup is None or table.parent is None:
                continue
            count = tgroup["cols"]
            cells = list(_cells(tgroup, count))
            width = max(LINE_CHARACTERS // count, 10)
            if any(lines_of(entry, width * span) > TALLEST_CELL_LINES for entry, _, span in cells):
                warn(MdxWarnings.LATEX, "a table with a cell taller than a page is set in the PDF as its rows one "
                     "after another (a table row cannot break across pages)", table)
                table.replace_self(_rows_in_turn(table, cells))


def _rows_in_turn(table: nodes.table, cells: list) -> nodes.container:
    """The table's rows one after another, a rule between them, each cell after its column's heading."""
    heads: dict[int, str] = {}
    content: list[nodes.Node] = [nodes.paragraph("", "", nodes.strong("", "", *title.children))
                                 for title in table.children if isinstance(title, nodes.title)]
    row = None
    for entry, column, _ in cells:
        if isinstance(entry.parent.parent, nodes.thead):
            heads.setdefault(column, entry.astext())
            continue
        if entry.parent is not row:
            row = entry.parent
            content.append(rule())
        if heads.get(column):
            content.append(nodes.paragraph("", "", nodes.strong("", heads[column] + ":")))
        content.extend(entry.children)
    return nodes.container("", *content)


class TableColumns(SphinxPostTransform):
    """LaTeX: each table's columns sized by their content; long tables break across pages."""

    default_priority = 800
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for table in list(self.document.findall(nodes.table)):
            tgroup = next(iter(table.findall(nodes.tgroup)), None)
            if tgroup is None or "colwidths-given" in table["classes"] or _has_column_spec(table):
                continue  # the author sized it (``:widths:``, ``tabularcolumns``)
            self._size(table, tgroup)

    def _size(self, table: nodes.table, tgroup: nodes.tgroup) -> None:
        count = tgroup["cols"]
        columns = [_Column() for _ in range(count)]
        cells = list(_cells(tgroup, count))
        for entry, column, span in cells:
            cell = _measure(entry)
            for tier in ("longest", "word", "natural"):
                setattr(columns[column], tier, max(getattr(columns[column], tier), getattr(cell, tier) / span))
        widths = column_widths(columns)
        scale = LINE_CHARACTERS / max(sum(widths), LINE_CHARACTERS)
        for entry, column, span in cells:
            room = int(sum(widths[column : column + span]) * scale) - CELL_PADDING
            head = HEAD_WIDTH if isinstance(entry.parent.parent, nodes.thead) else 1.0
            for text in list(entry.findall(nodes.Text)):
                if not _fixed(text):  # room is in body-text characters; code's are wider
                    _add_break_points(text, max(int(room / (_weighted(text) * head)), 4))
            entry.insert(0, nodes.raw("", CELL_SETUP + "\n", format="latex"))
        colspecs = [child for child in tgroup.children if isinstance(child, nodes.colspec)]
        for colspec, width in zip(colspecs, widths, strict=False):
            colspec["colwidth"] = max(1, round(100 * width / sum(widths)))
        table["classes"].append("colwidths-given")
        if not any(isinstance(ancestor, _NO_LONGTABLE) for ancestor in ancestors(table)):
            table["classes"].append("longtable")


def _has_column_spec(table: nodes.table) -> bool:
    index = table.parent.index(table)
    return index > 0 and isinstance(table.parent[index - 1], addnodes.tabular_col_spec)


def _cells(tgroup: nodes.tgroup, count: int):
    """Each cell with the column it starts in and how many it spans, rows spanned down included."""
    taken: dict[tuple[int, int], bool] = {}
    rows = [row for part in tgroup.children if isinstance(part, nodes.thead | nodes.tbody) for row in part.children]
    for row_index, row in enumerate(rows):
        column = 0
        for entry in row.children:
            while taken.get((row_index, column)):
                column += 1
            if column >= count:
                break
            span = min(entry.get("morecols", 0) + 1, count - column)
            for down in range(entry.get("morerows", 0) + 1):
                for across in range(span):
                    taken[row_index + down, column + across] = True
            yield entry, column, span
            column += span


def setup_latex_layout(app: Sphinx) -> None:
    add_node(app, mdx_break_point, html=(_visit_break_html, depart_passthrough),
             latex=(_visit_break_latex, depart_passthrough))
    app.add_post_transform(TallCells)
    app.add_post_transform(TableColumns)
    app.add_post_transform(BreakPoints)
    app.add_post_transform(BreakableBoxes)
    app.add_post_transform(TallMath)
