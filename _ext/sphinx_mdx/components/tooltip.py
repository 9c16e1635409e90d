"""Tooltip: an inline trigger whose popup holds rich content with links.

HTML: an accessible popover (static ``mdx.js``/``mdx.css``): the trigger is
focusable and tied to the ``role="tooltip"`` body by ``aria-describedby``; it
opens on hover and focus, stays open while the pointer is on it, and Escape
closes it. LaTeX: the trigger, then a footnote holding the body. Other
builders: the body in parentheses after the trigger.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .shared import Component, add_node, depart_passthrough, line_break, visit_passthrough

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


def visit_trigger_html(self, node: mdx_tooltip_trigger) -> None:
    body_id = node.parent[1]["ids"][0]
    classes = "mdx-tooltip-trigger" + ("" if node.children else " mdx-tooltip-icon")
    attributes = {"tabindex": "0", "aria-describedby": body_id}
    if not node.children:
        attributes["aria-label"] = "More information"
    self.body.append(self.starttag(node, "span", "", CLASS=classes, **attributes))


def depart_trigger_html(self, node: mdx_tooltip_trigger) -> None:
    self.body.append("</span>")


def visit_body_html(self, node: mdx_tooltip_body) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="mdx-tooltip-body", role="tooltip"))


def depart_body_html(self, node: mdx_tooltip_body) -> None:
    self.body.append("</span>")


def visit_body_latex(self, node: mdx_tooltip_body) -> None:
    self.body.append(r"\footnote{\sphinxAtStartFootnote" + "\n")


def depart_body_latex(self, node: mdx_tooltip_body) -> None:
    self.body.append("}")


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
             latex=(visit_body_latex, depart_body_latex), text=(visit_body_text, depart_body_text),
             man=(visit_body_markup, depart_body_markup), texinfo=(visit_body_markup, depart_body_markup))
    app.add_directive("tooltip", TooltipDirective)
