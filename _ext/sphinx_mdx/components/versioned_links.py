"""librarium's link components of the Docusaurus era, as links of the site's URL scheme.

``<VersionedLink text="..." url="/x" />`` links to the page at ``/x`` (on the versioned site,
the same page of the version being read). ``<PaletteVertexUrlMapper edition="VerteX" text="..."
url="/x" />`` links to the page of that edition's installation guide: ``url`` under the edition's
folder, from ``mdx_edition_paths`` (librarium's: ``/self-hosted-setup/palette`` and
``/self-hosted-setup/vertex``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx

from .. import links
from ..warnings_ import MdxWarnings
from .shared import Component

if TYPE_CHECKING:
    from ..renderer import JsxElement

EDITION_PATHS = {"palette": "/self-hosted-setup/palette", "vertex": "/self-hosted-setup/vertex"}


def render_versioned_link(element: JsxElement) -> None:
    _link(element, element.text("url"))


def render_edition_link(element: JsxElement) -> None:
    url, edition = element.text("url"), element.text("edition", "")
    prefix = element.renderer.sphinx_env.config.mdx_edition_paths.get(edition.lower())
    if prefix is None and url is not None:
        element.warn(MdxWarnings.ATTRIBUTE, f"<{element.name} edition={edition!r}> names no edition of "
                     "mdx_edition_paths; the link goes to url as written")
    _link(element, url if prefix is None or url is None else prefix.rstrip("/") + "/" + url.lstrip("/"))


def _link(element: JsxElement, href: str | None) -> None:
    """The link, with the text of ``text`` (its URL when it has none); a paragraph of its own in flow."""
    text = element.text("text") or href or ""
    if href is None or links.is_unsafe(href):
        element.warn(MdxWarnings.LINK, f"<{element.name}> has no safe url; its text is kept")
        node: nodes.Element = nodes.inline(text, text)
    else:
        node, content = links.link_to(href, element.renderer.sphinx_env.docname)
        content += nodes.Text(text)
    element.set_source(node)
    element.renderer.current_node.append(node if element.inline else nodes.paragraph("", "", node))


COMPONENTS = [
    Component("VersionedLink", render_versioned_link, frozenset({"text", "url"}), inline=True),
    Component("PaletteVertexUrlMapper", render_edition_link, frozenset({"edition", "text", "url"}), inline=True),
]


def setup_versioned_links(app: Sphinx) -> None:
    app.add_config_value("mdx_edition_paths", EDITION_PATHS, "env", types=[dict])
