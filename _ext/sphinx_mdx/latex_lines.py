"""Lines TeX can read: no line of the .tex longer than TeX's input buffer.

TeX reads its input a line at a time into a buffer of 200,000 characters (TeX Live's
``buf_size``), and a longer line stops the PDF build. Sphinx writes a paragraph as one line
when its source was one line: a generated page, a table written on one line, a page made to
break the build. So the body the LaTeX translator wrote is cut into lines of at most
:data:`LINE_LIMIT` characters, at places where TeX reads the line break as what stood there:
a space (a line break is one), or, with no space at hand, a ``%`` (a comment to the line's
end: nothing) after a closing brace, before a control sequence, or between two characters of
text. Comments stay comments. Verbatim environments keep their lines, which are the text's:
a code line too long is cut before it is highlighted (:class:`LongCode`), with a
warning, and no URL is that long (:data:`.trust.MAX_URL_LENGTH`).
"""

from __future__ import annotations

import hashlib
import re
import string

from docutils import nodes
from docutils.parsers.rst.directives.body import ParsedLiteral
from docutils.utils import get_source_line
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .components.shared import replace_with
from .warnings_ import MdxWarnings, warn

#: The longest line the .tex gets where it can be cut: a twelfth of TeX's buffer.
LINE_LIMIT = 16_384
#: The longest code line the PDF gets: Sphinx wraps a long line in TeX's memory, a box per piece.
CODE_LINE_LIMIT = 1_000
#: The most lines, and characters, one code block of the PDF holds (long lines wrap into many).
CODE_BLOCK_LINES = 500
CODE_BLOCK_CHARACTERS = 20_000
#: The longest inline code span the PDF reads at once.
INLINE_CODE_LIMIT = 1_000
#: The longest id the PDF gets: LaTeX writes each to the .aux file on one line, with its heading.
ID_LIMIT = 1_000
#: The longest heading the PDF gets: TeX copies a heading into the running head, the contents
#: and the bookmarks, and runs out of memory on one of 200,000 characters.
TITLE_LIMIT = 1_000

#: Environments whose line breaks and spaces are the text's (code blocks, parsed literals).
_VERBATIM = re.compile(r"\\begin\{((?:sphinx)?(?:Verbatim\w*|alltt)|verbatim)\}")
#: A space to cut at: not a control space (``\\ ``), not one of several (spacing stays as it was).
_SPACE_CUT = re.compile(r"(?<=[^\\ ]) (?=[^ ])")
#: The letters of control words' names.
_LETTERS = frozenset(string.ascii_letters)


def fit_lines(tex: str, limit: int = LINE_LIMIT) -> str:
    """``tex`` with every line outside verbatim environments cut to ``limit`` characters or fewer,
    so that TeX reads the same tokens."""
    lines: list[str] = []
    verbatim_end = None
    for line in tex.split("\n"):
        if verbatim_end is not None:
            if verbatim_end in line:
                verbatim_end = None
            lines.append(line)
            continue
        begin = _VERBATIM.search(line)
        if begin is not None:
            end = rf"\end{{{begin.group(1)}}}"
            verbatim_end = None if end in line[begin.end():] else end
            lines.append(line)
            continue
        while len(line) > limit:
            cut = _cut(line, limit)
            if cut is None:
                break  # nowhere safe to cut: left whole, which no output of ours makes
            piece, line = cut
            lines.append(piece)
        lines.append(line)
    return "\n".join(lines)


def _cut(line: str, limit: int) -> tuple[str, str] | None:
    """The line's first piece of at most ``limit`` characters, and the rest to read after it."""
    comment = _comment_start(line, limit)
    if comment is not None:  # cut inside the comment: the rest is made a comment of its own
        return line[:limit], "%" + line[limit:]
    space = None
    for space in _SPACE_CUT.finditer(line, 1, limit):
        pass
    if space is not None:
        return line[:space.start()], line[space.end():]
    between_commands = (at for at in range(limit - 1, 0, -1) if line[at - 1] == "}" or line[at] == "\\")
    anywhere = range(limit - 1, 0, -1)
    for candidates in (between_commands, anywhere):
        at = next((at for at in candidates if _is_token_boundary(line, at)), None)
        if at is not None:
            return line[:at] + "%", line[at:]
    return None


def _backslashes_before(line: str, at: int) -> int:
    count = 0
    while count < at and line[at - count - 1] == "\\":
        count += 1
    return count


def _comment_start(line: str, limit: int) -> int | None:
    """Where a comment starts before ``limit``: a ``%`` after an even number of backslashes."""
    at = line.find("%", 0, limit)
    while at != -1 and _backslashes_before(line, at) % 2:
        at = line.find("%", at + 1, limit)
    return None if at == -1 else at


def _is_token_boundary(line: str, at: int) -> bool:
    """Whether TeX's tokens split between ``line[at - 1]`` and ``line[at]``, where a ``%`` and a
    line break add nothing: not next to a space, not after an escaping backslash, not inside the
    name of a control word (ASCII letters after a backslash)."""
    if line[at - 1] == " " or line[at] == " " or _backslashes_before(line, at) % 2:
        return False
    if line[at - 1] not in _LETTERS or line[at] not in _LETTERS:
        return True
    start = at - 1
    while start > 0 and line[start - 1] in _LETTERS:
        start -= 1
    return start == 0 or line[start - 1] != "\\" or _backslashes_before(line, start - 1) % 2 == 1


def depart_document_latex(self, node: nodes.document) -> None:
    """The translator's own ``depart_document``; then, for the outermost document, the body's
    lines fitted to TeX's buffer."""
    type(self).depart_document(self, node)
    if node.parent is None:
        self.body[:] = [fit_lines("".join(self.body))]


class LongCode(SphinxPostTransform):
    """Code TeX could not read or hold: a line longer than :data:`CODE_LINE_LIMIT` is cut into
    lines of that length, with a warning (a verbatim line cannot be broken where TeX reads it);
    a block of more than :data:`CODE_BLOCK_LINES` lines is set as consecutive blocks of that many,
    since Sphinx's ``sphinxVerbatim`` exhausts TeX's memory at about 1,500 lines (Sphinx issue
    3099, fixed alike in Sphinx 9.1, which needs Python 3.12)."""

    default_priority = 999  # after trust.CheckedUrls (990) and latex_math (997), which set math as code
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for block in list(self.document.findall(nodes.literal_block)):
            if not text_only(block):
                _break_marked_up_lines(block)
                continue
            text = block.astext()
            lines = text.split("\n")
            longest = max(len(line) for line in lines)
            if longest > CODE_LINE_LIMIT:
                warn(MdxWarnings.LATEX, f"a code line of {longest:,} characters is cut into lines of "
                     f"{CODE_LINE_LIMIT:,} in the PDF, which cannot read it whole", block)
                lines = [line[i:i + CODE_LINE_LIMIT] for line in lines
                         for i in range(0, max(len(line), 1), CODE_LINE_LIMIT)]
            if longest > CODE_LINE_LIMIT or len(lines) > CODE_BLOCK_LINES or len(text) > CODE_BLOCK_CHARACTERS:
                self._set_in_blocks(block, text, lines)

    @staticmethod
    def _set_in_blocks(block: nodes.literal_block, text: str, lines: list[str]) -> None:
        """``block`` showing the first run of ``lines`` that fits :data:`CODE_BLOCK_LINES` and
        :data:`CODE_BLOCK_CHARACTERS`, and after it a copy for each next run, numbered and
        highlighted on from where the last stopped."""
        highlight = block.get("highlight_args", {})
        start, marked = highlight.get("linenostart", 1), highlight.get("hl_lines", [])
        parent, at = block.parent, block.parent.index(block)
        highlighted = block.rawsource == text  # what Sphinx highlights; else it sets the text as it is
        for number, (offset, run) in enumerate(_runs(lines)):
            part = "\n".join(run)
            piece = block if number == 0 else block.deepcopy()
            shown = [n - offset for n in marked if offset < n <= offset + len(run)]
            if number:
                piece["ids"] = []
                piece["highlight_args"] = {**highlight, "linenostart": start + offset, "hl_lines": shown}
                parent.insert(at + number, piece)
            elif marked:
                highlight["hl_lines"] = shown
            if highlighted:
                piece.rawsource = part
            piece[:] = [nodes.Text(part)]


def _break_marked_up_lines(block: nodes.literal_block) -> None:
    """A parsed literal's lines longer than :data:`CODE_LINE_LIMIT` broken, with a warning, at the
    last space that fits (or at the limit) inside its text: its markup stays whole, and so does
    every word, which the PDF wraps anyway."""
    column, written, longest = 0, 0, 0  # the line's length as it is set, and as it was written
    for text in list(block.findall(nodes.Text)):
        if isinstance(text.parent, nodes.math):  # math cannot take a line end: it runs on whole
            column, written = column + len(text), written + len(text)
            continue
        pieces: list[str] = []
        for number, segment in enumerate(str(text).split("\n")):
            if number:
                pieces.append("\n")
                column = written = 0
            written += len(segment)
            longest = max(longest, written)
            while column + len(segment) > CODE_LINE_LIMIT:
                room = max(CODE_LINE_LIMIT - column, 1)
                space = segment.rfind(" ", 0, room)
                cut = space + 1 if space > 0 else room
                pieces += [segment[:cut], "\n"]
                segment, column = segment[cut:], 0
            pieces.append(segment)
            column += len(segment)
        if (broken := "".join(pieces)) != text:
            replace_with(text, [nodes.Text(broken)])
    if longest > CODE_LINE_LIMIT:
        warn(MdxWarnings.LATEX, f"a line of {longest:,} characters in a parsed literal is broken into lines of "
             f"at most {CODE_LINE_LIMIT:,} in the PDF, which cannot read it whole", block)


def text_only(node: nodes.Element) -> bool:
    """Whether ``node`` holds only text, which can be cut anywhere; markup inside would be cut too."""
    return all(isinstance(child, nodes.Text) for child in node.children)


def _runs(lines: list[str]) -> list[tuple[int, list[str]]]:
    """``lines`` in consecutive runs within the code block limits, each with its first line's offset."""
    runs: list[tuple[int, list[str]]] = []
    size = 0
    for index, line in enumerate(lines):
        if not runs or len(runs[-1][1]) == CODE_BLOCK_LINES or size + len(line) > CODE_BLOCK_CHARACTERS:
            runs.append((index, []))
            size = 0
        runs[-1][1].append(line)
        size += len(line) + 1
    return runs


class LongTitles(SphinxPostTransform):
    """Headings longer than :data:`TITLE_LIMIT` (a section's, a box's, a component's) are shortened
    in the PDF, with a warning; their whole text follows them as a paragraph, so no word is lost."""

    default_priority = 850
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for title in list(self.document.findall(lambda node: isinstance(node, nodes.title | nodes.rubric))):
            text = title.astext()
            if len(text) <= TITLE_LIMIT or not isinstance(title.parent, nodes.section | nodes.Body):
                continue  # a table's or a figure's title is left, having no room for a paragraph
            located = get_source_line(title)[0] is not None  # the book's title is the root page's
            warn(MdxWarnings.LATEX, f"a heading of {len(text):,} characters is shortened to {TITLE_LIMIT:,} in the "
                 "PDF, which cannot set it whole; its whole text follows it",
                 title if located else (self.config.root_doc, None))
            whole = nodes.paragraph("", "", *title.children)
            title[:] = [nodes.Text(text[:TITLE_LIMIT].rstrip() + "…")]
            title.parent.insert(title.parent.index(title) + 1, whole)


class LongInlineCode(SphinxPostTransform):
    """Inline code longer than :data:`INLINE_CODE_LIMIT` is set as several spans: Sphinx's LaTeX
    reads each span again as one line, its characters escaped (``\\`` alone takes sixteen)."""

    default_priority = 805  # before latex_layout's BreakPoints (810) puts break points into the spans
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for literal in list(self.document.findall(nodes.literal)):
            text = literal.astext()
            if len(text) <= INLINE_CODE_LIMIT or not text_only(literal):
                continue
            pieces = []
            for start in range(0, len(text), INLINE_CODE_LIMIT):
                piece = literal.copy()
                if start:
                    piece["ids"] = []
                piece += nodes.Text(text[start:start + INLINE_CODE_LIMIT])
                pieces.append(piece)
            literal.replace_self(pieces)


class LongIds(SphinxPostTransform):
    """Ids longer than :data:`ID_LIMIT` (a long heading's) become short ones in the PDF, the same
    in every node that names them, so links to them still lead there."""

    default_priority = 850
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for node in self.document.findall(nodes.Element):
            if any(len(identifier) > ID_LIMIT for identifier in node.get("ids", ())):
                node["ids"] = [_short_id(identifier) for identifier in node["ids"]]
            if len(node.get("refid", "")) > ID_LIMIT:
                node["refid"] = _short_id(node["refid"])
            base, hash_mark, fragment = node.get("refuri", "").partition("#")
            if len(fragment) > ID_LIMIT:
                node["refuri"] = base + hash_mark + _short_id(fragment)


def _short_id(identifier: str) -> str:
    if len(identifier) <= ID_LIMIT:
        return identifier
    return "mdx-long-" + hashlib.sha256(identifier.encode()).hexdigest()[:32]


class LocatedParsedLiteral(ParsedLiteral):
    """docutils' ``parsed-literal``, whose block also knows its line, for the warnings about it."""

    def run(self) -> list[nodes.Node]:
        result = super().run()
        for node in result:
            node.source, node.line = self.state_machine.get_source_and_line(self.lineno)
        return result


def setup_latex_lines(app: Sphinx) -> None:
    app.add_directive("parsed-literal", LocatedParsedLiteral, override=True)
    app.add_node(nodes.document, override=True, latex=(lambda self, node: type(self).visit_document(self, node),
                                                       depart_document_latex))
    app.add_post_transform(LongCode)
    app.add_post_transform(LongTitles)
    app.add_post_transform(LongIds)
    app.add_post_transform(LongInlineCode)
