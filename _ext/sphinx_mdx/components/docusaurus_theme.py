"""Components of Docusaurus's theme that librarium's pages use: ``<TOCInline>`` (the page's
contents, in the text) and ``<Video src title>`` (a video file, played in HTML, a link elsewhere)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.transforms import parts

from .. import media
from ..warnings_ import MdxWarnings
from .shared import Component

if TYPE_CHECKING:
    from ..renderer import JsxElement

#: Docusaurus's defaults: headings ``##`` and ``###``.
MIN_LEVEL, MAX_LEVEL = 2, 3


def render_toc_inline(element: JsxElement) -> None:
    """The headings below the one the component stands under, to ``maxHeadingLevel``, as
    docutils' local contents (Docusaurus lists the page's ``##`` to ``###`` by default)."""
    low = element.value("minHeadingLevel")
    high = element.value("maxHeadingLevel")
    low = low if isinstance(low, int) and not isinstance(low, bool) else MIN_LEVEL
    high = high if isinstance(high, int) and not isinstance(high, bool) else MAX_LEVEL
    document = element.renderer.document
    topic = nodes.topic(classes=["contents", "local", "mdx-toc-inline"])
    element.set_source(topic)
    document.set_id(topic)
    # No backlinks: the headings stay plain headings, as on the site, not links back to the list.
    pending = nodes.pending(parts.Contents, {"local": True, "depth": max(high - low + 1, 1), "backlinks": None})
    topic += pending
    document.note_pending(pending)
    element.renderer.current_node.append(topic)


def render_video(element: JsxElement) -> None:
    src = element.text("src") or element.text("url")
    if not src:
        element.warn(MdxWarnings.ATTRIBUTE, "<Video> has no src; nothing is shown")
        return
    video = media.make_video(element.text("title", ""), src)
    element.set_source(video)
    element.renderer.current_node.append(video if not isinstance(video, nodes.reference) else
                                         nodes.paragraph("", "", video))


COMPONENTS = [
    Component("TOCInline", render_toc_inline, frozenset({"toc", "minHeadingLevel", "maxHeadingLevel"})),
    Component("Video", render_video, frozenset({"src", "url", "title"})),
]
