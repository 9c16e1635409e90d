"""librarium's release-note badges: ``<TpBadge />`` marks a feature in technical preview.

On the site it is an image of the words "Tech Preview" (``TechnicalPreviewReleaseNote``,
alt text "Technical preview feature badge"). Here it is those words, so that search, screen
readers and the PDF have them: a pill in HTML (``mdx.css``), a framed label in the PDF
(``latex.py``), plain words elsewhere. In MyST and reST the badge lives in text, as the
component does, so it is a role whose text is the badge's words: ``{tp-badge}`Tech Preview```.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole

from .shared import Component

if TYPE_CHECKING:
    from ..renderer import JsxElement

#: The badge's words and the classes that draw it.
TECH_PREVIEW = "Tech Preview"
BADGE_CLASSES = ["mdx-badge", "mdx-badge-preview"]


def badge(words: str) -> nodes.inline:
    return nodes.inline(words, words, classes=list(BADGE_CLASSES))


def render_tech_preview(element: JsxElement) -> None:
    node = badge(TECH_PREVIEW)
    element.set_source(node)
    element.renderer.current_node.append(node if element.inline else nodes.paragraph("", "", node))


class TechPreviewRole(SphinxRole):
    """``tp-badge``: its text, drawn as ``<TpBadge />`` draws "Tech Preview"."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        node = badge(self.text)
        self.set_source_info(node)
        return [node], []


COMPONENTS = [Component("TpBadge", render_tech_preview, frozenset(), inline=True)]


def setup_badges(app: Sphinx) -> None:
    app.add_role("tp-badge", TechPreviewRole())
