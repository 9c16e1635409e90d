"""librarium's layout components: Intro, IntroButtons, MainHeader, QuickSetup,
CloudsSection, Integrations, Content, and SimpleCardGrid of the Docusaurus era.

They took their content as props: a title or description as strings, and
lists of cards (objects with a title, a description and a link). Each becomes
a section of the page: its strings as text, its cards as a grid of links,
then any children.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from .. import links
from ..warnings_ import MdxWarnings
from .shared import Component

if TYPE_CHECKING:
    from ..renderer import JsxElement

NAMES = ("Intro", "IntroButtons", "MainHeader", "QuickSetup", "CloudsSection", "Integrations", "Content")
_HEADINGS = ("title", "heading", "header")
_TEXTS = ("subtitle", "description", "text", "content")
_CARD_TITLES = ("title", "name", "label", "text")
_CARD_LINKS = ("url", "href", "link", "to", "path")


def _first(values: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    return next((str(values[key]) for key in keys if isinstance(values.get(key), str | int | float)), None)


def _card(card: dict[str, Any], element: JsxElement) -> nodes.Element:
    title = _first(card, _CARD_TITLES) or ""
    body = nodes.container(classes=["mdx-card"])
    heading = nodes.paragraph(classes=["mdx-card-title"])
    target = _first(card, _CARD_LINKS)
    if target and links.is_unsafe(target):
        element.warn(MdxWarnings.LINK, links.unsafe_link_message(target))
        target = None
    if target:
        link, content = links.link_to(target, element.renderer.sphinx_env.docname)
        content += nodes.strong("", title)
        heading += link
    else:
        heading += nodes.strong("", title)
    body += heading
    description = _first(card, _TEXTS)
    if description:
        body += nodes.paragraph("", "", *element.renderer.render_markup(description, element.line))
    return body


def render_layout(element: JsxElement) -> None:
    section = nodes.container(classes=[f"mdx-{element.name.lower()}"])
    element.set_source(section)
    element.renderer.current_node.append(section)
    for name in element.attribute_names:
        value = element.value(name)
        if name in _HEADINGS and isinstance(value, str):
            section += nodes.rubric("", "", *element.renderer.render_markup(value, element.line))
        elif name in _TEXTS and isinstance(value, str):
            section += nodes.paragraph("", "", *element.renderer.render_markup(value, element.line))
        elif isinstance(value, list) and value and all(isinstance(card, dict) for card in value):
            grid = nodes.container(classes=["mdx-cards"])
            grid.extend(_card(card, element) for card in value)
            section += grid
    element.render_children(section)


COMPONENTS = [Component(name, render_layout, attributes=None) for name in NAMES]
#: Docusaurus-era librarium's card grid (``cards={[{title, description, url}, ...]}``), drawn alike.
DOCUSAURUS_COMPONENTS = [Component("SimpleCardGrid", render_layout, attributes=None)]
