"""Headings at the level their author wrote, whatever docutils does with the section tree.

docutils nests a section one level below its parent, so ``#`` then ``####``
gives an ``<h2>``; MDX v1 wrote ``<h4>``, and a page's CSS, anchors and
outline tools expect it. The renderer records the written level where it
differs (:func:`keep_level`); the HTML translators write it.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from .components.shared import ancestors

#: The section attribute that holds the written level, where docutils' nesting differs.
LEVEL = "mdx_heading_level"


def keep_level(section: nodes.section, level: int) -> None:
    depth = 1 + sum(1 for parent in ancestors(section) if isinstance(parent, nodes.section))
    if depth != level:
        section[LEVEL] = level


def visit_title_html(self, node: nodes.title) -> None:
    """The translator's own ``visit_title``, told the section's written level."""
    level = node.parent.get(LEVEL) if isinstance(node.parent, nodes.section) else None
    nesting = self.section_level
    if level is not None:
        self.section_level = level - self.initial_header_level + 1
    try:
        type(self).visit_title(self, node)
    finally:
        self.section_level = nesting


def depart_title_html(self, node: nodes.title) -> None:
    type(self).depart_title(self, node)


def setup_headings(app: Sphinx) -> None:
    app.add_node(nodes.title, override=True, html=(visit_title_html, depart_title_html))
