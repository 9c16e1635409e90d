"""What every component shares: its registry entry, small nodes, visitors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxTranslator

if TYPE_CHECKING:
    from ..renderer import JsxElement

Visitor = tuple[Callable, Callable | None]


@dataclass(frozen=True)
class Component:
    """A JSX component: its name in pages, the attributes it takes, how it renders."""

    name: str
    render: Callable[[JsxElement], None]
    #: The attributes it takes; None for any (layout components take many props).
    attributes: frozenset[str] | None = frozenset()
    #: Whether it lives inside a paragraph, like ``<Tooltip>``.
    inline: bool = False


def visit_passthrough(self: SphinxTranslator, node: nodes.Element) -> None:
    """Show the node's children and nothing of its own."""


def depart_passthrough(self: SphinxTranslator, node: nodes.Element) -> None:
    pass


def add_node(
    app: Sphinx, node: type[nodes.Element], html: Visitor, latex: Visitor, **others: Visitor
) -> None:
    """Register ``node`` with visitors for HTML and LaTeX; other builders show its content
    unless ``others`` (``text=``, ``man=``, ``texinfo=``) say otherwise."""
    plain = (visit_passthrough, depart_passthrough)
    app.add_node(node, html=html, latex=latex, **{"text": plain, "man": plain, "texinfo": plain, **others})


def ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    """``node``'s parent, its parent, and so on up to the document."""
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def replace_with(node: nodes.Node, replacements: list[nodes.Node]) -> None:
    """``node`` replaced by ``replacements`` in its parent. ``Element.replace`` finds the node by
    value, and a docutils Text is a str, equal to any other Text of the same words."""
    parent = node.parent
    index = next(index for index, child in enumerate(parent.children) if child is node)
    parent[index:index + 1] = replacements


class line_break(nodes.Inline, nodes.Element):  # noqa: N801
    """``<br>``: a line break inside a paragraph."""


class rule(nodes.General, nodes.Element):  # noqa: N801
    """A horizontal rule inside a component, where docutils allows no transition."""


class details(nodes.General, nodes.Element):  # noqa: N801
    """``<details>``: content a reader can fold away."""


class summary(nodes.Inline, nodes.TextElement):  # noqa: N801
    """``<summary>``: the always visible line of a ``<details>``."""


def _visit_line_break_html(self, node: line_break) -> None:
    self.body.append("<br />")


def _visit_line_break_latex(self, node: line_break) -> None:
    self.body.append(" " if self.in_title else r"\newline{}")


def _visit_line_break_text(self, node: line_break) -> None:
    self.add_text("\n")


def _visit_line_break_man(self, node: line_break) -> None:
    self.body.append("\n.br\n")


def _visit_line_break_texinfo(self, node: line_break) -> None:
    self.body.append("@*\n")


def _visit_rule_html(self, node: rule) -> None:
    self.body.append(self.emptytag(node, "hr", CLASS="mdx-rule"))


def _visit_rule_latex(self, node: rule) -> None:
    self.body.append("\n\\par\\noindent\\rule{\\linewidth}{0.4pt}\\par\n")


def _visit_rule_text(self, node: rule) -> None:
    self.new_state(0)
    self.add_text("-" * 20)
    self.end_state()


def _visit_details_html(self, node: details) -> None:
    self.body.append(self.starttag(node, "details", CLASS="mdx-details"))


def _depart_details_html(self, node: details) -> None:
    self.body.append("</details>\n")


def _visit_summary_html(self, node: summary) -> None:
    self.body.append(self.starttag(node, "summary", ""))


def _depart_summary_html(self, node: summary) -> None:
    self.body.append("</summary>\n")


def _visit_summary_latex(self, node: summary) -> None:
    self.body.append("\n\n\\sphinxAtStartPar\n\\textbf{")


def _depart_summary_latex(self, node: summary) -> None:
    self.body.append("}\n\n")


#: About how many characters of body text fit across the text block (Times at 10 pt, Sphinx's margins).
LINE_CHARACTERS = 100


def lines_of(node: nodes.Element, width: int = LINE_CHARACTERS) -> int:
    """About how many lines ``node``'s content takes in a column ``width`` characters wide: its
    code and math lines (long ones wrapping), its paragraphs' and headings' text, and its line breaks."""
    lines = 0
    for block in node.findall(lambda each: isinstance(each, nodes.literal_block | nodes.math_block | nodes.paragraph
                                                      | nodes.rubric | nodes.title)):
        if isinstance(block, nodes.literal_block | nodes.math_block):
            lines += sum(len(line) // width + 1 for line in block.astext().split("\n"))
        elif block.next_node(nodes.literal_block) is None:
            lines += len(block.astext()) // width + 1 + sum(1 for _ in block.findall(line_break))
    return lines


class NestedRules(SphinxTransform):
    """A rule (Markdown ``---``, ``<hr>``) inside a component: a :class:`rule`, not a transition."""

    default_priority = 820  # before docutils checks where transitions stand (830)

    def apply(self, **kwargs) -> None:
        for transition in list(self.document.findall(nodes.transition)):
            if not isinstance(transition.parent, nodes.document | nodes.section):
                transition.replace_self(rule())


def setup_shared(app: Sphinx) -> None:
    app.add_node(
        line_break,
        html=(_visit_line_break_html, depart_passthrough),
        latex=(_visit_line_break_latex, depart_passthrough),
        text=(_visit_line_break_text, depart_passthrough),
        man=(_visit_line_break_man, depart_passthrough),
        texinfo=(_visit_line_break_texinfo, depart_passthrough),
    )
    add_node(app, rule, html=(_visit_rule_html, depart_passthrough),
             latex=(_visit_rule_latex, depart_passthrough), text=(_visit_rule_text, depart_passthrough))
    app.add_transform(NestedRules)
    add_node(app, details, html=(_visit_details_html, _depart_details_html),
             latex=(visit_passthrough, depart_passthrough))
    add_node(app, summary, html=(_visit_summary_html, _depart_summary_html),
             latex=(_visit_summary_latex, _depart_summary_latex))
