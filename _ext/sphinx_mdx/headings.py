"""Headings at the level their author wrote, whatever docutils does with the section tree.

docutils nests a section one level below its parent, so ``#`` then ``####``
gives an ``<h2>``; MDX v1 wrote ``<h4>``, and a page's CSS, anchors and
outline tools expect it. The renderer records the written level where it
differs (:func:`keep_level`); the HTML translators write it.

Screen readers follow the levels, so a skipped level is a gap in the page's outline
(axe: heading-order): such a heading keeps its tag and is exposed one level below the
heading it belongs to (``aria-level``, :func:`expose_levels`). A page with no
level-one heading gets its title as one, for screen readers alone.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from .components.shared import ancestors

#: The section attribute that holds the written level, where docutils' nesting differs.
LEVEL = "mdx_heading_level"
#: The heading attribute that holds the level screen readers are told, where it differs.
ARIA_LEVEL = "mdx_aria_level"
#: Classes of the level-one heading that a page without one gets for screen readers.
PAGE_TITLE_CLASSES = ["mdx-visually-hidden", "mdx-page-title"]


def keep_level(section: nodes.section, level: int) -> None:
    depth = 1 + sum(1 for parent in ancestors(section) if isinstance(parent, nodes.section))
    if depth != level:
        section[LEVEL] = level


def written_level(node: nodes.Node) -> int | None:
    """The level of the ``<hN>`` a section title or a heading inside a component is written as."""
    if isinstance(node, nodes.title) and isinstance(node.parent, nodes.section):
        section = node.parent
        return section.get(LEVEL) or 1 + sum(1 for parent in ancestors(section) if isinstance(parent, nodes.section))
    if isinstance(node, nodes.rubric) and node.get("heading-level") in range(1, 7):
        return node["heading-level"]
    return None


def expose_levels(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Before an HTML page is written: its title as a hidden level one where it has none, and
    each heading exposed at most one level below the heading it belongs to."""
    if app.builder.format != "html" or app.builder.name.startswith("epub"):
        return
    title = app.env.titles.get(docname)
    if title is not None and title.astext() and not any(written_level(node) == 1 for node in doctree.findall()):
        text = title.astext()
        doctree.insert(0, nodes.rubric(text, text, classes=list(PAGE_TITLE_CLASSES), **{"heading-level": 1}))
    _expose(doctree, [])


def _expose(node: nodes.Element, open_headings: list[tuple[int, int]]) -> None:
    """Walk ``node`` in reading order; ``open_headings`` holds (written, exposed) of the headings a
    new one may be under. Only one tab pane shows at a time: each is read after the headings
    before its tab set, and after the tab set the headings go on from those."""
    for child in node.children:
        if not isinstance(child, nodes.Element):
            continue
        written = written_level(child)
        if written is not None:
            while open_headings and open_headings[-1][0] >= written:
                open_headings.pop()
            exposed = min(written, open_headings[-1][1] + 1) if open_headings else written
            open_headings.append((written, exposed))
            if exposed != written:
                child[ARIA_LEVEL] = exposed
        elif "sd-tab-set" in child["classes"]:
            for pane in child.children:
                if isinstance(pane, nodes.Element):
                    _expose(pane, list(open_headings))
        else:
            _expose(child, open_headings)


def _tell_level(self, node: nodes.Element) -> None:
    """Add ``aria-level`` to the ``<hN`` start tag the translator has just written."""
    level = node.get(ARIA_LEVEL)
    if level and self.body and self.body[-1].startswith("<h"):
        tag = self.body[-1]
        if (start := tag.find(' aria-level="')) != -1:  # docutils' own, on a section nested past six
            tag = tag[:start] + tag[tag.index('"', start + len(' aria-level="')) + 1:]
        self.body[-1] = f'{tag[:3]} aria-level="{level}"{tag[3:]}'


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
    _tell_level(self, node)


def depart_title_html(self, node: nodes.title) -> None:
    type(self).depart_title(self, node)


def visit_rubric_html(self, node: nodes.rubric) -> None:
    type(self).visit_rubric(self, node)
    _tell_level(self, node)


def depart_rubric_html(self, node: nodes.rubric) -> None:
    type(self).depart_rubric(self, node)


def setup_headings(app: Sphinx) -> None:
    app.add_node(nodes.title, override=True, html=(visit_title_html, depart_title_html))
    app.add_node(nodes.rubric, override=True, html=(visit_rubric_html, depart_rubric_html))
    app.connect("doctree-resolved", expose_levels)
