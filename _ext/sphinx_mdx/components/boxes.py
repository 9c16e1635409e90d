"""InfoBox and WarningBox: a box with an icon, no title (librarium's look).

HTML: ``<div class="mdx-infobox ...">`` drawn with Furo's admonition colours and
icons; LaTeX: a ``sphinxadmonition`` of type note or warning, with its label.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import admonitionlabels
from sphinx.util.docutils import SphinxDirective

from .shared import Component, add_node

if TYPE_CHECKING:
    from ..renderer import JsxElement

#: Box kind -> (JSX name, Sphinx admonition type whose look it borrows).
KINDS = {"info": ("InfoBox", "note"), "warning": ("WarningBox", "warning")}


class mdx_box(nodes.General, nodes.Element):  # noqa: N801
    """A box; ``kind`` is a key of :data:`KINDS`."""


def make_box(kind: str) -> mdx_box:
    return mdx_box(kind=kind)


def visit_box_html(self, node: mdx_box) -> None:
    name, admonition = KINDS[node["kind"]]
    self.body.append(
        self.starttag(node, "div", CLASS=f"mdx-box mdx-{name.lower()} admonition {admonition}", role="note")
    )
    self.body.append('<span class="mdx-box-icon" aria-hidden="true"></span><div class="mdx-box-content">\n')


def depart_box_html(self, node: mdx_box) -> None:
    self.body.append("</div></div>\n")


def visit_box_latex(self, node: mdx_box) -> None:
    """On paper a box says what it is: the label of the admonition it borrows ("Note:", "Warning:")."""
    admonition = KINDS[node["kind"]][1]
    label = self.escape(admonitionlabels[admonition])
    self.body.append(f"\n\\mdxboxneedspace\\begin{{sphinxadmonition}}{{{admonition}}}{{{label}:}}\n")


def depart_box_latex(self, node: mdx_box) -> None:
    self.body.append("\\end{sphinxadmonition}\n")


class BoxDirective(SphinxDirective):
    """``infobox`` / ``warningbox``: the content, parsed, in a box."""

    has_content = True
    kind = "info"

    def run(self) -> list[nodes.Node]:
        self.assert_has_content()
        box = make_box(self.kind)
        self.set_source_info(box)
        self.state.nested_parse(self.content, self.content_offset, box)
        return [box]


class WarningBoxDirective(BoxDirective):
    kind = "warning"


def _jsx_renderer(kind: str):
    def render(element: JsxElement) -> None:
        box = make_box(kind)
        element.set_source(box)
        element.renderer.current_node.append(box)
        element.render_children(box)

    return render


COMPONENTS = [Component(name, _jsx_renderer(kind)) for kind, (name, _) in KINDS.items()]


def setup_boxes(app: Sphinx) -> None:
    add_node(app, mdx_box, html=(visit_box_html, depart_box_html), latex=(visit_box_latex, depart_box_latex))
    app.add_directive("infobox", BoxDirective)
    app.add_directive("warningbox", WarningBoxDirective)
