"""librarium's layout components: Intro, IntroButtons, MainHeader, QuickSetup,
CloudsSection, Integrations, Content, and SimpleCardGrid of the Docusaurus era.

They took their content as props: a title or description as strings, and
lists of cards (objects with a title, a description and a link). Each becomes
a section of the page: its strings as text, its cards as a grid of links,
then any children. In MyST and reST each is a directive named in kebab case
(``intro``, ``simple-card-grid``), its props as options, ``:cards:`` a
JavaScript/JSON list.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .. import links
from ..attributes import NotALiteral, read_literal
from ..warnings_ import MdxWarnings, warn
from .shared import Component

if TYPE_CHECKING:
    from ..renderer import JsxElement

NAMES = ("Intro", "IntroButtons", "MainHeader", "QuickSetup", "CloudsSection", "Integrations", "Content")
_HEADINGS = ("title", "heading", "header")
_TEXTS = ("subtitle", "description", "text", "content")
_CARD_TITLES = ("title", "name", "label", "text")
_CARD_LINKS = ("url", "href", "link", "to", "path")
#: Renders a prop's text as inline markup.
Render = Callable[[str], list[nodes.Node]]


def _first(values: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    return next((str(values[key]) for key in keys if isinstance(values.get(key), str | int | float)), None)


def _card(card: dict[str, Any], render: Render, warn_here: Callable[[str], None], docname: str) -> nodes.Element:
    title = _first(card, _CARD_TITLES) or ""
    body = nodes.container(classes=["mdx-card"])
    heading = nodes.paragraph(classes=["mdx-card-title"])
    target = _first(card, _CARD_LINKS)
    if target and links.is_unsafe(target):
        warn_here(links.unsafe_link_message(target))
        target = None
    if target:
        link, content = links.link_to(target, docname)
        content += nodes.strong("", title)
        heading += link
    else:
        heading += nodes.strong("", title)
    body += heading
    description = _first(card, _TEXTS)
    if description:
        body += nodes.paragraph("", "", *render(description))
    return body


def layout_section(name: str, values: dict[str, Any], render: Render, warn_here: Callable[[str], None],
                   docname: str) -> nodes.container:
    """The section a layout component draws: its headings and texts, then each list of cards as a
    grid of links, in the order its props were written."""
    section = nodes.container(classes=[f"mdx-{name.lower()}"])
    for key, value in values.items():
        if key in _HEADINGS and isinstance(value, str):
            section += nodes.rubric("", "", *render(value))
        elif key in _TEXTS and isinstance(value, str):
            section += nodes.paragraph("", "", *render(value))
        elif isinstance(value, list) and value and all(isinstance(card, dict) for card in value):
            grid = nodes.container(classes=["mdx-cards"])
            grid.extend(_card(card, render, warn_here, docname) for card in value)
            section += grid
    return section


def render_layout(element: JsxElement) -> None:
    section = layout_section(element.name, {name: element.value(name) for name in element.attribute_names},
                             lambda text: element.renderer.render_markup(text, element.line),
                             lambda message: element.warn(MdxWarnings.LINK, message),
                             element.renderer.sphinx_env.docname)
    element.set_source(section)
    element.renderer.current_node.append(section)
    element.render_children(section)


class LayoutDirective(SphinxDirective):
    """A layout component as a directive (``intro``, ``simple-card-grid``...): its headings and
    texts as options, ``:cards:`` a JavaScript/JSON list of cards, then its content."""

    has_content = True
    option_spec = {**dict.fromkeys((*_HEADINGS, *_TEXTS), directives.unchanged), "cards": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        values: dict[str, Any] = {key: value for key, value in self.options.items() if key != "cards"}
        if "cards" in self.options:
            try:
                values["cards"] = read_literal(self.options["cards"])
            except NotALiteral as error:
                self._warn(MdxWarnings.ATTRIBUTE, f"{self.name} :cards: {error}")
        section = layout_section(DIRECTIVES.get(self.name.lower(), self.name), values,
                                 lambda text: self.parse_inline(text, lineno=self.lineno)[0],
                                 lambda message: self._warn(MdxWarnings.LINK, message), self.env.docname)
        self.set_source_info(section)
        self.state.nested_parse(self.content, self.content_offset, section)
        return [section]

    def _warn(self, subtype: MdxWarnings, message: str) -> None:
        warn(subtype, message, (self.env.docname, self.lineno))


COMPONENTS = [Component(name, render_layout, attributes=None) for name in NAMES]
#: Docusaurus-era librarium's card grid (``cards={[{title, description, url}, ...]}``), drawn alike.
DOCUSAURUS_COMPONENTS = [Component("SimpleCardGrid", render_layout, attributes=None)]
#: Each layout component's directive, by its name in kebab case: ``intro-buttons`` for IntroButtons.
DIRECTIVES = {re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower(): name for name in (*NAMES, "SimpleCardGrid")}


def setup_layout(app: Sphinx) -> None:
    for name in DIRECTIVES:
        app.add_directive(name, LayoutDirective)
