"""What keeps a page from failing the PDF: the package ``sphinxmdx.sty`` and :class:`BoundListNesting`.

pdflatex stops at a character it has no glyph for, and librarium pages use
some (√ 169 times in the corpus, ✅, ❌, ⚠, Greek letters, box drawing). The
package gives each of :data:`CHARACTERS` a rendering, has pmboxdraw draw box
drawing, and turns any other unknown character into a visible marker instead
of an error; :class:`MissingGlyphs` warns at its line.

LaTeX also stops at lists or quotes nested deeper than it allows; those are
written flat (see :class:`BoundListNesting`).
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

from docutils import nodes
from roman_numerals import RomanNumeral
from sphinx import addnodes
from sphinx.builders.latex.nodes import footnotetext
from sphinx.application import Sphinx
from sphinx.locale import admonitionlabels
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape

from .components.boxes import KINDS, mdx_box
from .components.tooltip import TOOLTIP_NOTE_CLASS
from .components.shared import ancestors, line_break, lines_of, replace_with
from .warnings_ import MdxWarnings, source_and_line, warn

PACKAGE = "sphinxmdx"
#: Draws the box-drawing characters (U+2500-U+259F: tables and trees in command output) in TeX Live.
BOX_DRAWING_PACKAGE = "pmboxdraw"

#: The class of the container that holds a flattened list; the package indents it.
FLAT_CLASS = "mdx-flat"

_GREEK = "αβγδεζηθικλμνξοπρςστυφχψω"
_GREEK_NAMES = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi o pi rho "
                "varsigma sigma tau upsilon phi chi psi omega").split()

#: The box-drawing characters pmboxdraw has no drawing for (TeX Live 2022's lacks 27), drawn as the
#: nearest it has, so that a table or tree keeps its shape: dashed lines solid, rounded corners square,
#: junctions of mixed weights light.
_BOX_DRAWING_STAND_INS = {"┄┈╌": "─", "┅┉╍": "━", "┆┊╎": "│", "┇┋╏": "┃", "┥┦┧┨┩┪┫": "┤",
                          "╭": "┌", "╮": "┐", "╯": "┘", "╰": "└"}

#: Characters pdflatex cannot typeset from UTF-8 on its own, and what stands in for them.
CHARACTERS: dict[str, str] = {
    "√": r"\ensuremath{\surd}",
    "✅": r"\ensuremath{\checkmark}",
    "☑": r"\ensuremath{\checkmark}",
    "❌": r"\ensuremath{\times}",
    "✗": r"\ensuremath{\times}",
    "✘": r"\ensuremath{\times}",
    "★": r"\ensuremath{\star}",
    "∗": r"\textasteriskcentered{}",  # also the third bullet of a flattened list
    "⚠": r"\textbf{(!)}",
    **{char: rf"\pmboxdrawuni{{{ord(drawn):04X}}}"
       for chars, drawn in _BOX_DRAWING_STAND_INS.items() for char in chars},
    "╱": "/",
    "╲": r"\ensuremath{\backslash}",
    "╳": "X",
    "⏺": r"\textbullet{}",  # the bullet of Claude Code's answers, quoted in command output
    "\u200d": "",  # zero-width joiner (of emoji sequences): nothing to show
    "\u200b": r"\hspace{0pt}",  # zero-width space: a place to break a line
    "\u2002": r"\enspace{}",
    "\u2003": r"\quad{}",
    "\u2009": r"\,",  # thin space
    "\u202f": r"\nobreak\,",  # narrow no-break space
    "\u2212": r"\ensuremath{-}",  # minus sign
    "≤": r"\ensuremath{\leq}",
    "≥": r"\ensuremath{\geq}",
    "≠": r"\ensuremath{\neq}",
    "⇒": r"\ensuremath{\Rightarrow}",
    "↔": r"\ensuremath{\leftrightarrow}",
    "\ufe0f": "",  # emoji presentation selector: nothing to show
    **{letter: (r"\textit{o}" if name == "o" else rf"\ensuremath{{\{name}}}") for letter, name in zip(_GREEK, _GREEK_NAMES, strict=True)},
}


def character_declarations() -> str:
    """What pdflatex shows for characters it has no glyph for, in the book and in the math check
    (``latex_math.py``) alike: box drawing (the tables and trees of command output) drawn by the
    pmboxdraw package, :data:`CHARACTERS` as declared, any other a marker "[?]" after which a line
    may break (a run of them would otherwise be one long word), with a LaTeX warning, never an error:
    one group, so that a superscript (``x^``) takes it whole."""
    declarations = "\n".join(
        rf"\DeclareUnicodeCharacter{{{ord(char):04X}}}{{{latex}}}" for char, latex in CHARACTERS.items()
    )
    return rf"""\RequirePackage{{{BOX_DRAWING_PACKAGE}}}
{declarations}
\expandafter\def\csname UTFviii@undefined@err\endcsname#1{{%
  {{\PackageWarning{{{PACKAGE}}}{{no glyph for a character; shown as [?]}}[?]}}\allowbreak}}"""


def package_text() -> str:
    return rf"""% Written by the sphinx_mdx extension; see sphinx_mdx/latex.py.
\NeedsTeXFormat{{LaTeX2e}}
\ProvidesPackage{{{PACKAGE}}}[2026/11/25 MDX components for Sphinx]
% <u> in MDX pages
\expandafter\providecommand\csname DUrolemdx-u\endcsname[1]{{\underline{{#1}}}}
% Characters pdflatex has no glyph for
{character_declarations()}
% A list or quote nested deeper than LaTeX allows, written flat (latex.py): indented, up to a point
\newenvironment{{sphinxclass{FLAT_CLASS}}}{{\par\ifdim\leftskip<6em\advance\leftskip 1.5em\fi}}{{\par}}
% The PDF as a book (book.py): the contents list three levels at least; every heading is a bookmark
\PassOptionsToPackage{{bookmarksdepth=5}}{{hyperref}}
\AtBeginDocument{{\ifnum\value{{tocdepth}}<2 \setcounter{{tocdepth}}{{2}}\fi}}
\RequirePackage{{needspace}}
\makeatletter
% Pages kept out of the navigation: appendices A, B, ... Z, AA, AB ..., after a divider page
\newcommand\mdx@Alph[1]{{\ifnum#1>26 \@Alph{{\numexpr(#1-14)/26\relax}}\@Alph{{\numexpr#1-26*((#1-14)/26)\relax}}\else\@Alph{{#1}}\fi}}
\newcommand\mdxappendicesname{{Appendices}}
\newcommand\mdxappendices{{%
  \renewcommand\thechapter{{\mdx@Alph{{\value{{chapter}}}}}}\renewcommand\theHchapter{{appendix.\arabic{{chapter}}}}%
  \clearpage\thispagestyle{{empty}}\phantomsection\addcontentsline{{toc}}{{part}}{{\mdxappendicesname}}%
  \vspace*{{0.3\textheight}}{{\centering\py@HeaderFamily\Huge\mdxappendicesname\par}}\clearpage}}
% Code lines with no place to wrap (a hash, a long expression) wrap anywhere rather than run off the page
\sphinxsetup{{verbatimforcewraps=true}}
% Table cells (latex_layout.py): ragged-right and never hyphenated
\newcommand\mdxtablecell{{\raggedright\hyphenpenalty\@M}}
% Tab panes (tabs.py): each opens with a rule and its label, kept with the pane's first lines
\newenvironment{{sphinxclassmdx-tab-label}}%
  {{\par\medskip\needspace{{5\baselineskip}}\noindent\rule{{\linewidth}}{{0.4pt}}\par\nobreak\noindent\py@HeaderFamily\large}}%
  {{\par\nobreak\@afterheading}}
% InfoBox and WarningBox (boxes.py): the label never ends a page alone
\newcommand\mdxboxneedspace{{\needspace{{5\baselineskip}}}}
% <TpBadge /> (components/badges.py): its words in a small frame; words too many for a frame,
% which never wraps, go without it
\newcommand\mdx@badge[1]{{\footnotesize\sffamily #1}}
\expandafter\def\csname DUrolemdx-badge\endcsname#1{{\sbox\@tempboxa{{\mdx@badge{{#1}}}}%
  \ifdim\wd\@tempboxa>.5\linewidth{{\mdx@badge{{#1}}}}\else\fbox{{\usebox\@tempboxa}}\fi}}
% A tooltip body too tall for a footnote (tooltip.py): a note after its paragraph, set small
\newenvironment{{sphinxclass{TOOLTIP_NOTE_CLASS}}}{{\par\small}}{{\par}}
% Running feet (Sphinx's page style): a heading too long for one line is cut short there, with an ellipsis
\RequirePackage{{truncate}}
\AtBeginDocument{{\let\mdx@leftmark\leftmark\let\mdx@rightmark\rightmark
  \renewcommand\leftmark{{\truncate{{.8\headwidth}}{{\mdx@leftmark}}}}%
  \renewcommand\rightmark{{\truncate{{.8\headwidth}}{{\mdx@rightmark}}}}}}
% <center>
\newenvironment{{sphinxclassmdx-center}}{{\center}}{{\endcenter}}
% An image whose file is missing (media.py): its alt text in a frame, wrapped when it is long
\newcommand\mdx@missingimage[1]{{\sffamily\small image not available: #1}}
\expandafter\def\csname DUrolemdx-missing-image\endcsname#1{{\sbox\@tempboxa{{\mdx@missingimage{{#1}}}}%
  \ifdim\wd\@tempboxa>.9\linewidth\fbox{{\parbox{{.9\linewidth}}{{\mdx@missingimage{{#1}}}}}}\else\fbox{{\usebox\@tempboxa}}\fi}}
\makeatother
"""


#: LaTeX's limits: list environments (itemize, enumerate, description, quote...) inside one another,
#: itemize or enumerate inside themselves, and framed boxes (admonitions, InfoBox) inside boxes.
NESTING_LIMITS = {"list": 6, "itemize": 4, "enumerate": 4, "box": 1}

#: The LaTeX environments Sphinx's writer opens for each list-like node.
_ENVIRONMENTS: dict[type[nodes.Element], Counter[str]] = {
    nodes.bullet_list: Counter(list=1, itemize=1),
    nodes.enumerated_list: Counter(list=1, enumerate=1),
    nodes.definition_list: Counter(list=1),
    nodes.field_list: Counter(list=2),  # quote, then description
    nodes.option_list: Counter(list=1),
    nodes.block_quote: Counter(list=1),
    nodes.line_block: Counter(list=1),
    addnodes.hlist: Counter(list=1, itemize=1),
    # framed boxes: one in another cannot break across pages, and a code block that must break there
    # exhausts TeX's input stack (Sphinx's issue #6804 fixed it for code blocks in one box only)
    nodes.Admonition: Counter(box=1),
    mdx_box: Counter(box=1),
    nodes.topic: Counter(box=1),
    nodes.sidebar: Counter(box=1),
}

#: The most lines a framed box holds: a frame is drawn around its content in one piece before it is
#: split across pages, and a piece taller than TeX's largest dimension (16,383 pt, some 1,300 lines)
#: stops the PDF. A taller box loses its frame, as a box in a box does.
TALLEST_BOX_LINES = 800
#: LaTeX's bullets, level by level; a flattened list goes on with them.
BULLETS = ("•", "–", "∗", "·")
_BULLETED = (nodes.bullet_list, addnodes.hlist)  # an hlist is a bullet list in columns

#: The parts that name a definition, field or option list item, and those that hold its content.
_ITEM_HEADS = (nodes.term, nodes.classifier, nodes.field_name, nodes.option_group)
_ITEM_BODIES = (nodes.definition, nodes.field_body, nodes.description)


class BoundListNesting(SphinxPostTransform):
    """LaTeX: a list, quote or box deeper than LaTeX allows, or a box taller than its frame can
    be (:data:`TALLEST_BOX_LINES`), is written flat, so no page fails the PDF.

    A flat list's items follow one another as paragraphs, each starting with the bullet or
    number the list would have shown, in a group the package indents a little (up to a point)
    so the reader still sees the structure; a flat quote is its content, indented the same.
    Nothing is lost, and the HTML keeps the nesting, so there is no warning. Depth counts
    every enclosing list environment, also across boxes, tables and footnotes where LaTeX
    starts counting again: safe, and those are rare this deep.
    """

    default_priority = 700  # after Sphinx's LaTeXFootnoteTransform (600) has put footnotes in place
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        _bound(self.document, Counter())


def _bound(node: nodes.Element, around: Counter[str]) -> None:
    """Flatten the lists under ``node`` that would go past :data:`NESTING_LIMITS`;
    ``around`` counts the environments open at ``node``, and its bullet lists, even flat ones."""
    for child in list(node.children):
        if not isinstance(child, nodes.Element):
            continue
        opens = next((count for kind, count in _ENVIRONMENTS.items() if isinstance(child, kind)), None)
        if opens is None:
            _bound(child, around)
            continue
        bullets = Counter(bullet=int(isinstance(child, _BULLETED)))
        fits = all(around[key] + opens[key] <= limit for key, limit in NESTING_LIMITS.items())
        if fits and not (opens["box"] and lines_of(child) > TALLEST_BOX_LINES):
            _bound(child, around + opens + bullets)
            continue
        # a box's content goes in its place (its frame is the structure, and a group per level would
        # nest as deep again); a list's in an indented group
        flat = nodes.container("", *_flattened(child, around["bullet"]),
                               classes=[] if opens["box"] else [FLAT_CLASS])
        node.replace(child, flat)
        _bound(flat, around + bullets)  # a list in the flat content may need flattening too


def _flattened(node: nodes.Element, bullets_around: int) -> list[nodes.Node]:
    """``node``'s content without an environment of its own."""
    if isinstance(node, _BULLETED):
        items = node.children if isinstance(node, nodes.bullet_list) else [
            item for column in node.children for bullet_list in column.children for item in bullet_list.children]
        return _marked_items(items, [BULLETS[bullets_around % len(BULLETS)]] * len(items))
    if isinstance(node, nodes.enumerated_list):
        start, enumtype = node.get("start", 1), node.get("enumtype", "arabic")
        prefix, suffix = node.get("prefix", ""), node.get("suffix", ".")
        return _marked_items(node.children, [f"{prefix}{_enumerator(enumtype, start + index)}{suffix}"
                                             for index in range(len(node))])
    if isinstance(node, nodes.line_block):
        lines: list[nodes.Node] = []
        for line in node.findall(nodes.line):
            lines += [*line.children, line_break()]
        return [nodes.paragraph("", "", *lines[:-1])]
    if isinstance(node, nodes.block_quote):
        return list(node.children)
    if isinstance(node, nodes.Admonition | mdx_box | nodes.topic | nodes.sidebar):
        content = [nodes.paragraph("", "", nodes.strong("", "", *child.children)) if isinstance(child, nodes.title)
                   else child for child in node.children]
        kind = KINDS[node["kind"]][1] if isinstance(node, mdx_box) else node.tagname
        if kind in admonitionlabels and not node.next_node(nodes.title):
            content.insert(0, nodes.paragraph("", "", nodes.strong("", f"{admonitionlabels[kind]}:")))
        return content
    return _named_items(node)


def _marked_items(items: list[nodes.Node], markers: list[str]) -> list[nodes.Node]:
    """List items one after another, each starting with its marker."""
    content: list[nodes.Node] = []
    for item, marker in zip(items, markers, strict=True):
        first = item.children[0] if item.children else None
        if isinstance(first, nodes.paragraph):
            first.insert(0, nodes.Text(marker + "\u00a0"))
            content += item.children
        else:
            content += [nodes.paragraph("", marker), *item.children]
    return content


def _named_items(node: nodes.Element) -> list[nodes.Node]:
    """A definition, field or option list's items: the name in bold, then the content."""
    content: list[nodes.Node] = []
    for item in node.children:
        name = nodes.strong()
        for head in (part for part in item.children if isinstance(part, _ITEM_HEADS)):
            if name.children:
                name += nodes.Text(" : ")
            name += head.children if isinstance(head, nodes.TextElement) else nodes.Text(head.astext())
        content.append(nodes.paragraph("", "", name))
        for part in item.children:
            if isinstance(part, _ITEM_BODIES):
                content += part.children
            elif not isinstance(part, _ITEM_HEADS):
                content.append(part)
    return content


def _enumerator(enumtype: str, number: int) -> str:
    """``number`` as Sphinx's enumerate shows it; arabic where letters or numerals run out."""
    if enumtype.endswith("alpha") and 1 <= number <= 26:
        letter = chr(ord("a") + number - 1)
        return letter.upper() if enumtype == "upperalpha" else letter
    if enumtype.endswith("roman") and 1 <= number < 4000:
        numeral = RomanNumeral(number)
        return numeral.to_uppercase() if enumtype == "upperroman" else numeral.to_lowercase()
    return str(number)


#: Where a mark would change the output: the writer sets a paragraph by its place among its siblings there.
_UNMARKED = (nodes.TextElement, nodes.footnote, nodes.citation, nodes.compound, footnotetext)

#: How :class:`SourceLines` marks a line of the .tex with the page line it comes from.
SOURCE_MARK = "%% mdx source: "


class SourceLines(SphinxPostTransform):
    """With ``mdx_latex_source_lines``: a comment names the source line of each paragraph and table,
    so that an Overfull box the LaTeX log reports at a .tex line can be traced to its page."""

    default_priority = 900  # last: nothing moves the marks after this
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        if not self.config.mdx_latex_source_lines:
            return
        srcdir = Path(self.env.srcdir)
        for node in list(self.document.findall(lambda each: isinstance(each, nodes.paragraph | nodes.table))):
            located = next((each for each in (node, *ancestors(node)) if each.source and each.line), None)
            if located is None or node.parent is None or isinstance(node.parent, _UNMARKED):
                continue
            source = Path(located.source.rpartition(":docstring of ")[0] or located.source)
            name = source.relative_to(srcdir) if source.is_relative_to(srcdir) else source
            mark = nodes.raw("", f"{SOURCE_MARK}{name}:{located.line}\n", format="latex")  # eats its own line end
            node.parent.insert(node.parent.index(node), mark)


#: The tables in which LaTeX declares the characters pdflatex can set from UTF-8, besides those of the
#: book's font encodings (``fontenc``) and of the box-drawing package: utf8's own, those of the kernel's
#: encodings. Without them (a TeX installation kpsewhich cannot read) nothing is checked.
_KERNEL_TABLES = ("utf8.def", "ot1enc.dfu", "omsenc.dfu", "ts1enc.dfu")
_DECLARED = re.compile(r"\\DeclareUnicodeCharacter\{([0-9A-Fa-f]{4,6})\}")
_FONT_ENCODINGS = re.compile(r"\\usepackage\[([\w,\s]+)\]\{fontenc\}")
#: The most characters one warning names.
_NAMED_CHARACTERS = 5
#: Where the LaTeX writer prints no text of the page: docinfo, header and footer are dropped.
_UNPRINTED = (nodes.raw, nodes.comment, nodes.docinfo, nodes.header, nodes.footer)


def font_encodings(preamble: str) -> tuple[str, ...]:
    """The font encodings the book's preamble (any of its LaTeX elements) loads with ``fontenc``."""
    return tuple(sorted({encoding.strip().lower() for found in _FONT_ENCODINGS.findall(preamble)
                         for encoding in found.split(",") if encoding.strip()}))


@functools.cache
def characters_with_glyphs(encodings: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]] | None:
    """The characters a book with these font encodings shows as themselves, in text and in math:
    printable ASCII, LaTeX's declarations and ours, and in text those Sphinx writes as commands (math
    is not escaped). None when LaTeX's own tables cannot be read (no TeX on the machine)."""
    kpsewhich = shutil.which("kpsewhich")
    if kpsewhich is None:
        return None
    tables = [*_KERNEL_TABLES, f"{BOX_DRAWING_PACKAGE}enc.dfu", *(f"{encoding}enc.dfu" for encoding in encodings)]
    found = [Path(path) for path in subprocess.run([kpsewhich, *tables], capture_output=True, text=True,
                                                   check=False).stdout.splitlines() if path]
    if not set(_KERNEL_TABLES) <= {path.name for path in found}:
        return None
    declared = {chr(int(code, 16)) for path in found for code in _DECLARED.findall(path.read_text(encoding="latin-1"))}
    in_math = frozenset({*map(chr, range(0x20, 0x7F)), "\n", "\t", *declared, *CHARACTERS})
    escaped = {char for char, _ in (*texescape.tex_replacements, *texescape.unicode_tex_replacements)}
    return in_math | escaped, in_math


#: Control characters TeX stops at ("invalid character"), or reads as a paragraph's end (a form feed, in a
#: heading too): invisible in the page, they are spaces in the PDF. Tab, line feed and return are TeX's own.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def without_control_characters(text: str) -> str:
    return _CONTROL_CHARACTERS.sub(" ", text)


class ControlCharacters(SphinxPostTransform):
    """LaTeX: control characters (U+007F written in a page, a YAML or JavaScript escape) are spaces,
    with a warning at their line, in text, index entries and the attributes the writer prints (an
    abbreviation's explanation; in a link's URL, percent-encoded): one would stop the whole book."""

    default_priority = 5  # before any transform reads the text (the math check sets it as written)
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        warned: set[tuple[str | None, int | None]] = set()
        for text in list(self.document.findall(nodes.Text)):
            if _CONTROL_CHARACTERS.search(text):
                if (where := source_and_line(text.parent)) not in warned:
                    warned.add(where)
                    found = ", ".join(sorted({f"U+{ord(char):04X}" for char in _CONTROL_CHARACTERS.findall(text)}))
                    warn(MdxWarnings.LATEX, f"control characters ({found}) are shown as spaces", text.parent)
                replace_with(text, [nodes.Text(without_control_characters(text))])
        for index in self.document.findall(addnodes.index):
            index["entries"] = [tuple(without_control_characters(part) if isinstance(part, str) else part
                                      for part in entry) for entry in index["entries"]]
        for element in self.document.findall(nodes.Element):  # what the writer prints from attributes
            for name, value in element.attributes.items():
                if isinstance(value, str) and _CONTROL_CHARACTERS.search(value):
                    element[name] = _CONTROL_CHARACTERS.sub(
                        lambda found: f"%{ord(found.group()):02X}", value) if name == "refuri" else (
                        without_control_characters(value))


class MissingGlyphs(SphinxPostTransform):
    """pdflatex: text with a character the book has no glyph for (an emoji, a script the fonts lack) is
    shown with a "[?]" in its place; a warning names the characters, once for each line that has them."""

    default_priority = 998  # after RejectedMath (997) made refused math text
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        if self.config.latex_engine != "pdflatex":
            return
        builder = self.env._app.builder  # as Sphinx's own post-transforms reach it
        known = characters_with_glyphs(font_encodings(" ".join(
            value for value in builder.context.values() if isinstance(value, str))))
        if known is None:
            return
        in_text, in_math = known
        # the first section's title is the LaTeX document's, which the writer leaves to latex_documents
        document_title = next((title for title in self.document.findall(nodes.title)
                               if isinstance(title.parent, nodes.section)), None)
        missing_at: dict[tuple[str | None, int | None], tuple[nodes.Element, set[str]]] = {}
        for text in self.document.findall(nodes.Text):
            if text.isascii():
                continue
            holders = [text.parent, *ancestors(text.parent)]
            if any(isinstance(each, _UNPRINTED) or each is document_title for each in holders):
                continue
            math = isinstance(text.parent, nodes.math | nodes.math_block)
            if missing := set(text) - (in_math if math else in_text):
                block = next((each for each in holders
                              if isinstance(each, nodes.TextElement) and not isinstance(each, nodes.Inline)),
                             text.parent)
                missing_at.setdefault(source_and_line(block), (block, set()))[1].update(missing)
        for block, missing in missing_at.values():
            named = ", ".join(f"{char!r} (U+{ord(char):04X})" for char in sorted(missing)[:_NAMED_CHARACTERS])
            more = f" and {len(missing) - _NAMED_CHARACTERS} more" if len(missing) > _NAMED_CHARACTERS else ""
            warn(MdxWarnings.LATEX, f"the PDF has no glyph for {named}{more}: shown as [?]", block)


def write_package(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "latex":
        (Path(app.builder.outdir) / f"{PACKAGE}.sty").write_text(package_text(), encoding="utf-8")


def setup_latex(app: Sphinx) -> None:
    app.add_latex_package(PACKAGE)
    app.connect("build-finished", write_package)
    app.add_post_transform(BoundListNesting)
    app.add_config_value("mdx_latex_source_lines", False, "", types=[bool])
    app.add_post_transform(SourceLines)
    app.add_post_transform(ControlCharacters)
    app.add_post_transform(MissingGlyphs)
