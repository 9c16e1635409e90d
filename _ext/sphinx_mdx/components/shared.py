"""What every component shares: its registry entry, small nodes, visitors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxTranslator

if TYPE_CHECKING:
    from ..renderer import JsxElement

Visitor = tuple[Callable, Callable | None]


@dataclass(frozen=True)
class Component:
    """A JSX component: its name in pages, the attributes it takes, how it renders."""

    name: str
    render: Callable[[JsxElement], None]
    attributes: frozenset[str] = frozenset()
    #: Whether it lives inside a paragraph, like ``<Tooltip>``.
    inline: bool = False

    @property
    def css_class(self) -> str:
        return "mdx-" + self.name.lower().replace(".", "-")


def visit_passthrough(self: SphinxTranslator, node: nodes.Element) -> None:
    """Show the node's children and nothing of its own."""


def depart_passthrough(self: SphinxTranslator, node: nodes.Element) -> None:
    pass


def add_node(app: Sphinx, node: type[nodes.Element], html: Visitor, latex: Visitor) -> None:
    """Register ``node`` with visitors for HTML and LaTeX; other builders show its content."""
    plain = (visit_passthrough, depart_passthrough)
    app.add_node(node, html=html, latex=latex, text=plain, man=plain, texinfo=plain)


class line_break(nodes.Inline, nodes.Element):  # noqa: N801
    """``<br>``: a line break inside a paragraph."""


class details(nodes.General, nodes.Element):  # noqa: N801
    """``<details>``: content a reader can fold away."""


class summary(nodes.Inline, nodes.TextElement):  # noqa: N801
    """``<summary>``: the always visible line of a ``<details>``."""


def _visit_line_break_text(self, node: line_break) -> None:
    self.add_text("\n")


def setup_shared(app: Sphinx) -> None:
    app.add_node(
        line_break,
        html=(lambda self, node: self.body.append("<br />"), None),
        latex=(lambda self, node: self.body.append(r"\newline{}" if not self.in_title else " "), None),
        text=(_visit_line_break_text, None),
        man=(lambda self, node: self.body.append("\n.br\n"), None),
        texinfo=(lambda self, node: self.body.append("@*\n"), None),
    )
    add_node(
        app,
        details,
        html=(
            lambda self, node: self.body.append(self.starttag(node, "details", CLASS="mdx-details")),
            lambda self, node: self.body.append("</details>\n"),
        ),
        latex=(visit_passthrough, depart_passthrough),
    )
    add_node(
        app,
        summary,
        html=(
            lambda self, node: self.body.append(self.starttag(node, "summary", "")),
            lambda self, node: self.body.append("</summary>\n"),
        ),
        latex=(
            lambda self, node: self.body.append("\n\n\\sphinxAtStartPar\n\\textbf{"),
            lambda self, node: self.body.append("}\n\n"),
        ),
    )
