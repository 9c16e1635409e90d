"""librarium components that fetch their content from an API when the page is read (the packs
list, the CVE table, breaking changes, a pack's redirect): a build never fetches, so the page says
where the live content is, and the build warns. In MyST and reST the ``live-data`` directive
writes that note where an author chooses to, without a warning."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .. import links
from ..warnings_ import MdxWarnings
from .shared import Component

if TYPE_CHECKING:
    from ..renderer import JsxElement

NAMES = ("Packs", "OsCveTable", "ReleaseNotesBreakingChanges", "RedirectPackPage")


def live_data_note(env: BuildEnvironment) -> nodes.note:
    """A note that this part of the page is fetched live, linking to the page on the live site."""
    url = links.live_url(env.config, links.page_url(env.docname))
    reference = nodes.reference(url, url, refuri=url)
    text = nodes.paragraph("", "This part of the page is fetched live; see it on ", reference, nodes.Text("."))
    return nodes.note("", text, classes=["mdx-live-data"])


def render_live_data(element: JsxElement) -> None:
    note = live_data_note(element.renderer.sphinx_env)
    element.warn(MdxWarnings.LIVE_DATA, f"<{element.name}> shows data the live site fetches when the page is "
                 f"read; the page links to {note.next_node(nodes.reference)['refuri']} instead")
    element.set_source(note)
    element.renderer.current_node.append(note)


class LiveDataDirective(SphinxDirective):
    """``live-data``: the note the components that fetch their content show."""

    def run(self) -> list[nodes.Node]:
        note = live_data_note(self.env)
        self.set_source_info(note)
        return [note]


COMPONENTS = [Component(name, render_live_data, attributes=None) for name in NAMES]


def setup_live_data(app: Sphinx) -> None:
    app.add_directive("live-data", LiveDataDirective)
