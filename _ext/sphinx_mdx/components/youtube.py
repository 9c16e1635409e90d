"""YouTube: a responsive 16:9 video frame, for allowed hosts only; a link in the PDF.

The same node serves ``<iframe src>`` in pages when its host is allowed
(``mdx_video_hosts``); any other frame is refused and shown as a link.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import parse_qs

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..trust import frame_allowed, parse_url, url_allowed, url_host
from ..warnings_ import MdxWarnings, directive_location, quoted, warn
from .shared import Component, add_node, depart_passthrough, visit_passthrough

if TYPE_CHECKING:
    from ..renderer import JsxElement

DEFAULT_HOSTS = ("www.youtube.com", "youtube.com", "www.youtube-nocookie.com", "youtube-nocookie.com",
                 "player.vimeo.com")
#: The name of a frame written without a title: screen readers need one (axe: frame-title).
UNTITLED_FRAME = "Embedded video"


class mdx_video_frame(nodes.General, nodes.Element):  # noqa: N801
    """An embedded video player; its child is the link other builders show."""


def embed_url(url: str) -> str:
    """A watch or short link as the player's embed address."""
    parts = parse_url(url)
    if parts.hostname == "youtu.be":
        return f"https://www.youtube.com/embed/{parts.path.strip('/')}"
    video = parse_qs(parts.query).get("v") if parts.path == "/watch" else None
    return f"https://{parts.hostname}/embed/{video[0]}" if video else url


def video_frame(url: str, title: str, allowed_hosts: list[str], location) -> nodes.Element:
    """A player for ``url`` if its host is allowed, else (with a warning) a link to it.

    The host is read as a browser reads it (:func:`~..trust.parse_url`), backslashes included.
    """
    label = f"Video: {title}" if title else url
    if not url_allowed(url):
        warn(MdxWarnings.LINK, f"unsafe video address {quoted(url)} dropped; its title is kept", location)
        return nodes.paragraph("", label)
    link = nodes.reference("", label, refuri=url)
    source = embed_url(url)
    host = url_host(source)
    if not frame_allowed(source, allowed_hosts):
        warn(MdxWarnings.HTML, f"video frame from {host or url!r} is not allowed "
             "(mdx_video_hosts); a link is shown instead", location)
        return nodes.paragraph("", "", link)
    return mdx_video_frame("", link, src=source, title=title or UNTITLED_FRAME)


def visit_frame_html(self, node: mdx_video_frame) -> None:
    self.body.append(self.starttag(node, "div", CLASS="mdx-youtube"))
    self.body.append(
        f'<iframe src="{self.attval(node["src"])}" title="{self.attval(node["title"])}" loading="lazy" '
        'allow="accelerometer; encrypted-media; gyroscope; picture-in-picture; fullscreen" '
        'referrerpolicy="strict-origin-when-cross-origin" allowfullscreen="allowfullscreen"></iframe></div>\n'
    )
    raise nodes.SkipNode


def render_jsx(element: JsxElement) -> None:
    url = element.text("url") or element.text("src")
    if not url:
        element.warn(MdxWarnings.ATTRIBUTE, "<YouTube> needs a url")
        return
    config = element.renderer.sphinx_env.config
    node = video_frame(url, element.text("title", ""), config.mdx_video_hosts,
                       element.renderer.location(element.line))
    element.set_source(node)
    element.renderer.current_node.append(node)


class YouTubeDirective(SphinxDirective):
    """``youtube``: the argument is the video's URL; ``:title:`` names it."""

    required_arguments = 1
    option_spec = {"title": str}

    def run(self) -> list[nodes.Node]:
        node = video_frame(self.arguments[0], self.options.get("title", ""), self.config.mdx_video_hosts,
                           directive_location(self))
        self.set_source_info(node)
        return [node]


COMPONENTS = [Component("YouTube", render_jsx, frozenset({"url", "src", "title"}))]


def setup_youtube(app: Sphinx) -> None:
    app.add_config_value("mdx_video_hosts", list(DEFAULT_HOSTS), "env", types=[list])
    add_node(app, mdx_video_frame, html=(visit_frame_html, depart_passthrough),
             latex=(visit_passthrough, depart_passthrough))
    app.add_directive("youtube", YouTubeDirective)
