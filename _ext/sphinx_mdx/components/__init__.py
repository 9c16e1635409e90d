"""The component registry: every JSX component the project renders, by name."""

from __future__ import annotations

from sphinx.application import Sphinx

from . import (badges, boxes, docusaurus_theme, layout, live_data, partials, points_of_interest, tabs, tooltip,
               versioned_links, youtube)
from .shared import Component, setup_shared

COMPONENTS: dict[str, Component] = {
    component.name: component
    for module in (boxes, tooltip, points_of_interest, tabs, youtube, layout)
    for component in module.COMPONENTS
}

#: Components that live inside a paragraph.
INLINE_COMPONENTS = frozenset(name for name, component in COMPONENTS.items() if component.inline)

#: Docusaurus's pages: its own Tabs and TabItem instead of librarium's Tabs and Tabs.TabPane, partials,
#: the link components, the card grid, the components that fetch live data, TOCInline and Video,
#: and the release notes' badge.
DOCUSAURUS_COMPONENTS: dict[str, Component] = {
    **{name: component for name, component in COMPONENTS.items() if not name.startswith("Tabs")},
    **{component.name: component
       for component in [*tabs.DOCUSAURUS_COMPONENTS, *partials.COMPONENTS, *versioned_links.COMPONENTS,
                         *layout.DOCUSAURUS_COMPONENTS, *live_data.COMPONENTS, *docusaurus_theme.COMPONENTS,
                         *badges.COMPONENTS]},
}


def setup_components(app: Sphinx) -> None:
    setup_shared(app)
    boxes.setup_boxes(app)
    tooltip.setup_tooltip(app)
    points_of_interest.setup_points_of_interest(app)
    tabs.setup_tabs(app)
    youtube.setup_youtube(app)
    partials.setup_partials(app)
    versioned_links.setup_versioned_links(app)
    badges.setup_badges(app)
    live_data.setup_live_data(app)
    layout.setup_layout(app)
    docusaurus_theme.setup_docusaurus_theme(app)
