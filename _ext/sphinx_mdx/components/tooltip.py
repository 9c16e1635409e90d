"""Tooltip: an inline trigger whose popup holds rich content with links.

HTML (static ``mdx.js``/``mdx.css``): a body of text only is a tooltip: the
focusable trigger is tied to the ``role="tooltip"`` body by
``aria-describedby``, hover and focus open it, Escape closes it. A body a
reader can act in (links) is a disclosure, since a tooltip may hold nothing
interactive: the trigger is a button (``aria-expanded``, ``aria-controls``)
that click, Enter and Space open, and the body's links come next in the tab
order. An icon trigger is a button named "More information". LaTeX: the
trigger, then a footnote holding the body (see :class:`TooltipFootnotes`).
Other builders: the body in parentheses after the trigger.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.latex.nodes import footnotemark, footnotetext
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..warnings_ import MdxWarnings, warn
from .shared import (Component, add_node, depart_passthrough, details, line_break, lines_of, replace_with,
                     visit_passthrough)

if TYPE_CHECKING:
    from ..renderer import JsxElement


class mdx_tooltip(nodes.Inline, nodes.Element):  # noqa: N801
    """The whole tooltip: a trigger, then a body."""


class mdx_tooltip_trigger(nodes.Inline, nodes.TextElement):  # noqa: N801
    """What the reader points at; empty means the default info icon."""


class mdx_tooltip_body(nodes.Inline, nodes.TextElement):  # noqa: N801
    """The popup's content."""


def make_tooltip(document: nodes.document) -> tuple[mdx_tooltip, mdx_tooltip_trigger, mdx_tooltip_body]:
    tooltip = mdx_tooltip()
    trigger, body = mdx_tooltip_trigger(), mdx_tooltip_body()
    tooltip += [trigger, body]
    document.set_id(body, suggested_prefix="mdx-tooltip")
    return tooltip, trigger, body


def visit_tooltip_html(self, node: mdx_tooltip) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="mdx-tooltip"))


def depart_tooltip_html(self, node: mdx_tooltip) -> None:
    self.body.append("</span>")


#: What a reader can act on in a body: links, nested tooltips, folds, code blocks (their copy button).
INTERACTIVE = (nodes.reference, nodes.literal_block, mdx_tooltip, details)


def is_disclosure(body: mdx_tooltip_body) -> bool:
    """Whether the body holds something interactive, which ``role="tooltip"`` may not."""
    return any(isinstance(node, INTERACTIVE) for node in body.findall(include_self=False))


def visit_trigger_html(self, node: mdx_tooltip_trigger) -> None:
    body_id = node.parent[1]["ids"][0]
    classes = "mdx-tooltip-trigger" + ("" if node.children else " mdx-tooltip-icon")
    if is_disclosure(node.parent[1]):
        tag, attributes = "button", {"type": "button", "aria-expanded": "false", "aria-controls": body_id}
    elif node.children:
        tag, attributes = "span", {"tabindex": "0", "aria-describedby": body_id}
    else:
        tag, attributes = "button", {"type": "button", "aria-describedby": body_id}
    if not node.children:
        attributes["aria-label"] = "More information"
    self.body.append(self.starttag(node, tag, "", CLASS=classes, **attributes))
    self.context.append(f"</{tag}>")


def depart_trigger_html(self, node: mdx_tooltip_trigger) -> None:
    self.body.append(self.context.pop())


def visit_body_html(self, node: mdx_tooltip_body) -> None:
    role = {} if is_disclosure(node) else {"role": "tooltip"}
    self.body.append(self.starttag(node, "span", "", CLASS="mdx-tooltip-body", **role))


def depart_body_html(self, node: mdx_tooltip_body) -> None:
    self.body.append("</span>")


def visit_body_text(self, node: mdx_tooltip_body) -> None:
    self.add_text(" (")


def depart_body_text(self, node: mdx_tooltip_body) -> None:
    self.add_text(")")


def visit_body_markup(self, node: mdx_tooltip_body) -> None:
    self.body.append(" (")


def depart_body_markup(self, node: mdx_tooltip_body) -> None:
    self.body.append(")")


class TooltipDirective(SphinxDirective):
    """``tooltip``: the argument is the trigger (inline markup), the content the body.

    It makes a paragraph of its own; inside running text use the JSX form.
    """

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        self.assert_has_content()
        tooltip, trigger, body = make_tooltip(self.state.document)
        if self.arguments:
            trigger += self.parse_inline(self.arguments[0], lineno=self.lineno)[0]
        parsed = self.parse_content_to_nodes()
        for index, block in enumerate(parsed):
            if index:
                body += line_break()
            body += block.children if isinstance(block, nodes.paragraph) else [block]
        paragraph = nodes.paragraph("", "", tooltip)
        self.set_source_info(paragraph)
        return [paragraph]


#: The most lines a tooltip body has as a footnote: a footnote's code cannot break across pages,
#: so what a taller one holds past the page's end is lost; it is set as a note after its paragraph.
TALLEST_FOOTNOTE_LINES = 30
#: The class of that note; the LaTeX package sets it small.
TOOLTIP_NOTE_CLASS = "mdx-tooltip-note"

#: Where LaTeX takes no footnote with code in it (a title or caption is a macro's argument;
#: ``tabulary`` reads a table cell as one; a figure floats): the mark goes there, the text after.
NO_FOOTNOTE_HERE = (nodes.table, nodes.figure, nodes.title, nodes.subtitle, nodes.rubric, nodes.caption,
                    nodes.term, nodes.field_name)


class TooltipFootnotes(SphinxPostTransform):
    """LaTeX: each tooltip body becomes a real footnote, so Sphinx's footnote handling places it.

    That handling lets a footnote hold code blocks, lists and paragraphs, and puts one that is
    inside another footnote after it (a mark in place, the text after). Inside one of
    :data:`NO_FOOTNOTE_HERE`, or in such a text, the mark stays and the text follows the
    outermost of them, as Sphinx does for a table's head (it prints a table's footnotes after
    the table anyway). Bodies are numbered like the page's own footnotes, after them.
    """

    default_priority = 590  # before Sphinx's LaTeXFootnoteTransform (600)
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        used: defaultdict[str, set[str]] = defaultdict(set)
        for footnote in self.document.findall(nodes.footnote):
            used[footnote["docname"]].add(footnote[0].astext())
        numbers: defaultdict[str, int] = defaultdict(int)
        last_text_after: dict[nodes.Element, nodes.Element] = {}
        for body in list(self.document.findall(mdx_tooltip_body)):  # outer tooltips first
            docname = self._docname_of(body)
            numbers[docname] += 1
            while str(numbers[docname]) in used[docname]:
                numbers[docname] += 1
            label = str(numbers[docname])
            zone = _outermost(body, (*NO_FOOTNOTE_HERE, nodes.footnote, footnotetext))
            if lines_of(body) > TALLEST_FOOTNOTE_LINES:
                anchor = _block_of(body) if zone is None else zone  # a footnote's: after the footnote
                _insert_after(anchor, _note_after(body, label), last_text_after)
            elif zone is None or isinstance(zone, nodes.footnote):
                footnote = nodes.footnote("", nodes.label("", label), *_blocks(body), ids=body["ids"],
                                          docname=docname)
                reference = nodes.footnote_reference("", label, refid=body["ids"][0], docname=docname)
                body.replace_self([reference, footnote])  # Sphinx's transform puts the footnote in place
            else:
                text = footnotetext("", nodes.label("", label), *_blocks(body), ids=body["ids"])
                body.replace_self(footnotemark("", label))
                _insert_after(zone, text, last_text_after)

    def _docname_of(self, node: nodes.Element) -> str:
        """The page a node of the book's doctree comes from: each page's nodes still have
        their page's document as their top parent."""
        while not isinstance(node, nodes.document):
            node = node.parent
        return self.env.path2doc(node["source"]) or ""


def _note_after(body: mdx_tooltip_body, label: str) -> nodes.container:
    """A tooltip body too tall for a footnote as a note to follow its paragraph: the mark stays in
    place, and the note opens with it."""
    warn(MdxWarnings.LATEX, "a tooltip body taller than a footnote can be is set after its paragraph in the PDF "
         "(a footnote cannot break inside its code)", body)
    blocks = _blocks(body)
    if not blocks or not isinstance(blocks[0], nodes.paragraph):
        blocks.insert(0, nodes.paragraph())
    blocks[0].insert(0, [nodes.superscript("", label), nodes.Text(" ")])
    replace_with(body, [nodes.superscript("", label)])  # its ids go to the note
    return nodes.container("", *blocks, ids=body["ids"], classes=[TOOLTIP_NOTE_CLASS])


def _block_of(node: nodes.Node) -> nodes.Element:
    """The paragraph (or other block, or section) that holds ``node``."""
    while not isinstance(node, nodes.Body | nodes.Structural) and node.parent is not None:
        node = node.parent
    return node


def _insert_after(anchor: nodes.Element, text: nodes.Element, last_after: dict[nodes.Element, nodes.Element]) -> None:
    """``text`` after ``anchor``, and after the texts already put there, in order."""
    previous = last_after.get(anchor, anchor)
    previous.parent.insert(previous.parent.index(previous) + 1, text)
    last_after[anchor] = text


def _outermost(node: nodes.Element, kinds: tuple[type[nodes.Element], ...]) -> nodes.Element | None:
    found = None
    while node.parent is not None:
        node = node.parent
        if isinstance(node, kinds):
            found = node
    return found


def _blocks(body: mdx_tooltip_body) -> list[nodes.Element]:
    """The body as a footnote's blocks: its inline runs become paragraphs, and the line
    breaks that only stood between blocks (the directive's) go."""
    blocks: list[nodes.Element] = []
    run: list[nodes.Node] = []

    def end_run() -> None:
        while run and isinstance(run[-1], line_break):
            run.pop()
        while run and isinstance(run[0], line_break):
            run.pop(0)
        if run and any(not isinstance(node, nodes.Text) or node.strip() for node in run):
            blocks.append(nodes.paragraph("", "", *run))
        run.clear()

    for child in body.children:
        if isinstance(child, nodes.Text | nodes.Inline):
            run.append(child)
        else:
            end_run()
            blocks.append(child)
    end_run()
    return blocks


def render_jsx(element: JsxElement) -> None:
    tooltip, trigger, body = make_tooltip(element.renderer.document)
    element.set_source(tooltip)
    trigger += element.markup("trigger") or []
    element.renderer.current_node.append(tooltip)
    element.render_children(body)


COMPONENTS = [
    Component("Tooltip", render_jsx, frozenset({"trigger", "icon", "placement", "color"}), inline=True),
]


def setup_tooltip(app: Sphinx) -> None:
    add_node(app, mdx_tooltip, html=(visit_tooltip_html, depart_tooltip_html),
             latex=(visit_passthrough, depart_passthrough))
    add_node(app, mdx_tooltip_trigger, html=(visit_trigger_html, depart_trigger_html),
             latex=(visit_passthrough, depart_passthrough))
    add_node(app, mdx_tooltip_body, html=(visit_body_html, depart_body_html),
             latex=(visit_passthrough, depart_passthrough),  # a footnote by then: TooltipFootnotes
             text=(visit_body_text, depart_body_text),
             man=(visit_body_markup, depart_body_markup), texinfo=(visit_body_markup, depart_body_markup))
    app.add_directive("tooltip", TooltipDirective)
    app.add_post_transform(TooltipFootnotes)
