"""Components of Docusaurus's theme that librarium's pages use: ``<TOCInline>`` (the page's
contents, in the text) and ``<Video src title>`` (a video file, played in HTML, a link elsewhere).

MyST and reST pages have them as the directives ``toc-inline`` (``:min-heading-level:``,
``:max-heading-level:``) and ``video`` (the file or URL as argument, ``:title:``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.transforms import parts
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .. import media
from ..warnings_ import MdxWarnings
from .shared import Component

if TYPE_CHECKING:
    from ..renderer import JsxElement

#: Docusaurus's defaults: headings ``##`` and ``###``.
MIN_LEVEL, MAX_LEVEL = 2, 3


def render_toc_inline(element: JsxElement) -> None:
    """The headings below the one the component stands under, from ``minHeadingLevel`` to
    ``maxHeadingLevel``."""
    def level(name: str, default: int) -> int:
        value = element.value(name)
        return value if isinstance(value, int) and not isinstance(value, bool) else default

    topic = make_toc_inline(element.renderer.document, level("minHeadingLevel", MIN_LEVEL),
                            level("maxHeadingLevel", MAX_LEVEL))
    element.set_source(topic)
    element.renderer.current_node.append(topic)


def make_toc_inline(document: nodes.document, low: int, high: int) -> nodes.topic:
    """docutils' local contents, as deep as the levels asked for (Docusaurus lists ``##`` to ``###``)."""
    topic = nodes.topic(classes=["contents", "local", "mdx-toc-inline"])
    document.set_id(topic)
    # No backlinks: the headings stay plain headings, as on the site, not links back to the list.
    pending = nodes.pending(parts.Contents, {"local": True, "depth": max(high - low + 1, 1), "backlinks": None})
    topic += pending
    document.note_pending(pending)
    return topic


def render_video(element: JsxElement) -> None:
    src = element.text("src") or element.text("url")
    if not src:
        element.warn(MdxWarnings.ATTRIBUTE, "<Video> has no src; nothing is shown")
        return
    video = _block(media.make_video(element.text("title", ""), src))
    element.set_source(video)
    element.renderer.current_node.append(video)


def _block(video: nodes.Element) -> nodes.Element:
    """A remote video is a link, which stands in a paragraph of its own."""
    return nodes.paragraph("", "", video) if isinstance(video, nodes.reference) else video


class TocInlineDirective(SphinxDirective):
    """``toc-inline``: the headings below the one it stands under, ``##`` to ``###`` unless told."""

    option_spec = {"min-heading-level": directives.positive_int, "max-heading-level": directives.positive_int}

    def run(self) -> list[nodes.Node]:
        topic = make_toc_inline(self.state.document, self.options.get("min-heading-level", MIN_LEVEL),
                                self.options.get("max-heading-level", MAX_LEVEL))
        self.set_source_info(topic)
        return [topic]


class VideoDirective(SphinxDirective):
    """``video``: the file (or URL) of the argument, played in HTML, a link elsewhere."""

    required_arguments = 1
    final_argument_whitespace = True  # a file name may hold spaces
    option_spec = {"title": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        video = _block(media.make_video(self.options.get("title", ""), self.arguments[0]))
        self.set_source_info(video)
        return [video]


COMPONENTS = [
    Component("TOCInline", render_toc_inline, frozenset({"toc", "minHeadingLevel", "maxHeadingLevel"})),
    Component("Video", render_video, frozenset({"src", "url", "title"})),
]


def setup_docusaurus_theme(app: Sphinx) -> None:
    app.add_directive("toc-inline", TocInlineDirective)
    app.add_directive("video", VideoDirective)
