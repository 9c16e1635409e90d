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

import json5
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .. import links
from ..attributes import Markup, NotALiteral, read_literal
from ..warnings_ import MdxWarnings, directive_location, option_lines, warn
from .shared import Component

if TYPE_CHECKING:
    from ..renderer import JsxElement

NAMES = ("Intro", "IntroButtons", "MainHeader", "QuickSetup", "CloudsSection", "Integrations", "Content")
_HEADINGS = ("title", "heading", "header")
_TEXTS = ("subtitle", "description", "text", "content")
_CARD_TITLES = ("title", "name", "label", "text")
_CARD_LINKS = ("url", "href", "link", "to", "path")
#: Renders a prop's text (the second argument names the prop) as inline markup.
Render = Callable[[str, str], list[nodes.Node]]
#: Warns about a prop (the second argument names it), at its line.
Warn = Callable[[str, str], None]


def shown(value: Any) -> str | None:
    """A prop's value as the page shows it: a string as written, markup as its source, any other
    literal as JSON5 writes it (``true``, ``12``, ``[1, 2]``); None for no value."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, Markup):
        return value.source
    return json5.dumps(value)


def _first(values: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    return next((shown(values[key]) for key in keys if values.get(key) is not None), None)


def _card(card: Any, render: Render, warn_here: Warn, docname: str, prop: str) -> nodes.Element:
    """One card: an object's title (a link to its URL) and description; anything else, its text."""
    card = card if isinstance(card, dict) else {"title": card}
    title = _first(card, _CARD_TITLES) or ""
    body = nodes.container(classes=["mdx-card"])
    heading = nodes.paragraph(classes=["mdx-card-title"])
    target = next((card[key] for key in _CARD_LINKS if isinstance(card.get(key), str)), None)
    if target and links.is_unsafe(target):
        warn_here(links.unsafe_link_message(target), prop)
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
        body += nodes.paragraph("", "", *render(description, prop))
    return body


def layout_section(name: str, props: dict[str, Any], render: Render, warn_here: Warn, docname: str) -> nodes.container:
    """The section a layout component draws, its props in the order written: headings and texts,
    and each list of cards (``cards`` may also be one card) as a grid of links."""
    section = nodes.container(classes=[f"mdx-{name.lower()}"])
    for prop, value in props.items():
        if prop == "cards" and value is not None and not isinstance(value, list):
            value = [value]  # one card
        if isinstance(value, list) and value:
            grid = nodes.container(classes=["mdx-cards"])
            grid.extend(_card(card, render, warn_here, docname, prop) for card in value)
            section += grid
        elif prop in _HEADINGS + _TEXTS and not isinstance(value, bool) and (text := shown(value)):
            node = nodes.rubric() if prop in _HEADINGS else nodes.paragraph()
            node += render(text, prop)
            section += node
    return section


def render_layout(element: JsxElement) -> None:
    section = layout_section(element.name, {name: element.value(name) for name in element.attribute_names},
                             lambda text, prop: element.renderer.render_markup(text, element.line_of(prop)),
                             lambda message, prop: element.warn(MdxWarnings.LINK, message,
                                                                element.line_of(prop) - element.line),
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
        self._option_lines = option_lines(self.block_text, self.lineno)
        props: dict[str, Any] = dict(self.options)
        if "cards" in props:
            try:
                props["cards"] = read_literal(props["cards"])
            except NotALiteral as error:
                warn(MdxWarnings.ATTRIBUTE, f"{self.name} :cards: {error}",
                     directive_location(self, self._line_of("cards")))
                props["cards"] = None
        messages: list[nodes.system_message] = []

        def render(text: str, prop: str) -> list[nodes.Node]:
            inline, problems = self.parse_inline(text, lineno=self._line_of(prop))
            messages.extend(problems)
            return inline

        section = layout_section(DIRECTIVES.get(self.name.lower(), self.name), props, render,
                                 lambda message, prop: warn(MdxWarnings.LINK, message,
                                                            directive_location(self, self._line_of(prop))),
                                 self.env.docname)
        self.set_source_info(section)
        self.state.nested_parse(self.content, self.content_offset, section)
        return [section, *messages]

    def _line_of(self, option: str) -> int:
        """The line that gives ``option`` (``:cards: ...``), or the directive's."""
        return self._option_lines.get(option, self.lineno)


COMPONENTS = [Component(name, render_layout, attributes=None) for name in NAMES]
#: Docusaurus-era librarium's card grid (``cards={[{title, description, url}, ...]}``), drawn alike.
DOCUSAURUS_COMPONENTS = [Component("SimpleCardGrid", render_layout, attributes=None)]
#: Each layout component's directive, by its name in kebab case: ``intro-buttons`` for IntroButtons.
DIRECTIVES = {re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower(): name for name in (*NAMES, "SimpleCardGrid")}


def setup_layout(app: Sphinx) -> None:
    for name in DIRECTIVES:
        app.add_directive(name, LayoutDirective)
