"""librarium's release-note badges: ``<TpBadge />`` marks a feature in technical preview.

On the site it is an image of the words "Tech Preview" (``TechnicalPreviewReleaseNote``,
alt text "Technical preview feature badge"). Here it is those words, so that search, screen
readers and the PDF have them: a pill in HTML (``mdx.css``), a framed label in the PDF
(``latex.py``), plain words elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .shared import Component

if TYPE_CHECKING:
    from ..renderer import JsxElement

#: The badge's words and the classes that draw it.
TECH_PREVIEW = "Tech Preview"
BADGE_CLASSES = ["mdx-badge", "mdx-badge-preview"]


def render_tech_preview(element: JsxElement) -> None:
    badge = nodes.inline(TECH_PREVIEW, TECH_PREVIEW, classes=list(BADGE_CLASSES))
    element.set_source(badge)
    element.renderer.current_node.append(badge if element.inline else nodes.paragraph("", "", badge))


COMPONENTS = [Component("TpBadge", render_tech_preview, frozenset(), inline=True)]
