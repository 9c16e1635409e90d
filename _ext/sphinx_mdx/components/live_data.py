"""librarium components that fetch their content from an API when the page is read (the packs
list, the CVE table, breaking changes, a pack's redirect): a build never fetches, so the page says
where the live content is, and the build warns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .. import links
from ..warnings_ import MdxWarnings
from .shared import Component

if TYPE_CHECKING:
    from ..renderer import JsxElement

NAMES = ("Packs", "OsCveTable", "ReleaseNotesBreakingChanges", "RedirectPackPage")


def render_live_data(element: JsxElement) -> None:
    env = element.renderer.sphinx_env
    url = links.live_url(env.config, links.page_url(env.docname))
    element.warn(MdxWarnings.LIVE_DATA, f"<{element.name}> shows data the live site fetches when the page is "
                 f"read; the page links to {url} instead")
    reference = nodes.reference(url, url, refuri=url)
    text = nodes.paragraph("", "This part of the page is fetched live; see it on ", reference, nodes.Text("."))
    note = nodes.note("", text, classes=["mdx-live-data"])
    element.set_source(note)
    element.renderer.current_node.append(note)


COMPONENTS = [Component(name, render_live_data, attributes=None) for name in NAMES]
