"""PointsOfInterest: numbered markers over an image or a code block.

HTML: the content with a marker at each point's x/y (CSS pixels from the top
left); a marker is a button that shows its label, is described by its
description and opens it (a disclosure: click, Enter, Space; one at a time;
Escape closes it). Content whose image is missing, and other builders: the
content, then a legend "label: description".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

import json5

from ..attributes import NotALiteral, read_literal
from ..warnings_ import MdxWarnings, directive_location, option_lines, warn
from .shared import Component, add_node, depart_passthrough, visit_passthrough

if TYPE_CHECKING:
    from ..renderer import JsxElement


class mdx_points_of_interest(nodes.General, nodes.Element):  # noqa: N801
    """The content (first children), then one :class:`mdx_point` per marker."""


class mdx_point(nodes.General, nodes.TextElement):  # noqa: N801
    """A marker: ``x``, ``y``, ``label``; its children are the description."""


def make_point(point: dict[str, Any], description: list[nodes.Node], document: nodes.document) -> mdx_point:
    node = mdx_point("", "", *description, x=_pixels(point.get("x")), y=_pixels(point.get("y")),
                     label=str(point.get("label", "+")))
    document.set_id(node, suggested_prefix="mdx-poi")
    return node


def _pixels(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _css_number(value: float) -> str:
    return f"{value:g}px"


def visit_poi_html(self, node: mdx_points_of_interest) -> None:
    self.body.append(self.starttag(node, "div", CLASS="mdx-pointsofinterest"))


def depart_poi_html(self, node: mdx_points_of_interest) -> None:
    self.body.append("</div>\n")


def visit_point_html(self, node: mdx_point) -> None:
    description_id = node["ids"][0] + "-description"
    self.body.append(
        f'<span class="mdx-poi-point" style="left:{_css_number(node["x"])};top:{_css_number(node["y"])}">'
        f'<button type="button" class="mdx-poi-marker" aria-expanded="false" aria-controls="{description_id}" '
        f'aria-describedby="{description_id}" id="{node["ids"][0]}">{self.encode(node["label"])}</button>'
        f'<span class="mdx-poi-description" id="{description_id}">'
    )


def depart_point_html(self, node: mdx_point) -> None:
    self.body.append("</span></span>\n")


def points_to_legend(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Outside HTML, markers become a legend after the content; in HTML too when the image they
    stand on is missing, since they would stand over the text that follows."""
    for node in list(doctree.findall(mdx_points_of_interest)):
        if app.builder.format == "html" and not _image_missing(node):
            continue
        legend = nodes.bullet_list(classes=["mdx-poi-legend"])
        for point in [child for child in node.children if isinstance(child, mdx_point)]:
            paragraph = nodes.paragraph("", "", nodes.strong("", point["label"] + ":"), nodes.Text(" "))
            paragraph.extend(point.children)
            legend += nodes.list_item("", paragraph)
            node.remove(point)
        if legend.children:
            node.append(legend)


def _image_missing(node: mdx_points_of_interest) -> bool:
    """Whether the content shows an image's alt text in its place (``media.MissingImages``)."""
    return any("mdx-missing-image" in inline["classes"]
               for child in node.children if not isinstance(child, mdx_point)
               for inline in child.findall(nodes.inline))


def _description_nodes(description: Any, render_markup) -> list[nodes.Node]:
    if description is None:
        return []
    return render_markup(description if isinstance(description, str) else json5.dumps(description))


def _valid_points(points: Any) -> list[dict[str, Any]] | None:
    if isinstance(points, list) and all(isinstance(point, dict) for point in points):
        return points
    return None


def render_jsx(element: JsxElement) -> None:
    container = mdx_points_of_interest()
    element.set_source(container)
    element.renderer.current_node.append(container)
    element.render_children(container)
    points = element.value("points")
    if points is None:
        return
    valid = _valid_points(points)
    if valid is None:
        element.warn(MdxWarnings.ATTRIBUTE, "<PointsOfInterest points=...> must be a list of objects")
        return
    for point in valid:
        description = _description_nodes(
            point.get("description"), lambda text: element.renderer.render_markup(text, element.line)
        )
        container += make_point(point, description, element.renderer.document)


class PointsOfInterestDirective(SphinxDirective):
    """``points-of-interest``: ``:points:`` is a JavaScript/JSON list of points."""

    has_content = True
    option_spec = {"points": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        container = mdx_points_of_interest()
        self.set_source_info(container)
        self.state.nested_parse(self.content, self.content_offset, container)
        line = option_lines(self.block_text, self.lineno).get("points", self.lineno)
        try:
            points = _valid_points(read_literal(self.options.get("points", "[]")))
        except NotALiteral as error:
            warn(MdxWarnings.ATTRIBUTE, f"points-of-interest :points: {error}", directive_location(self, line))
            return [container]
        if points is None:
            warn(MdxWarnings.ATTRIBUTE, "points-of-interest :points: must be a list of objects",
                 directive_location(self, line))
            return [container]
        for point in points:
            description = _description_nodes(point.get("description"),
                                             lambda text: self.parse_inline(text, lineno=line)[0])
            container += make_point(point, description, self.state.document)
        return [container]


COMPONENTS = [Component("PointsOfInterest", render_jsx, frozenset({"points"}))]


def setup_points_of_interest(app: Sphinx) -> None:
    add_node(app, mdx_points_of_interest, html=(visit_poi_html, depart_poi_html),
             latex=(visit_passthrough, depart_passthrough))
    add_node(app, mdx_point, html=(visit_point_html, depart_point_html),
             latex=(visit_passthrough, depart_passthrough))
    app.add_directive("points-of-interest", PointsOfInterestDirective)
    app.connect("doctree-resolved", points_to_legend)
