"""librarium's link components of the Docusaurus era, as links of the site's URL scheme.

``<VersionedLink text="..." url="/x" />`` links to the page at ``/x`` (on the versioned site,
the same page of the version being read). ``<PaletteVertexUrlMapper edition="VerteX" text="..."
url="/x" />`` links to the page of that edition's installation guide: ``url`` under the edition's
folder, from ``mdx_edition_paths`` (librarium's: ``/self-hosted-setup/palette`` and
``/self-hosted-setup/vertex``).

Both live in text, so in MyST and reST they are roles, written as Sphinx's own link roles are:
``{versioned-link}`overlay network </clusters/vxlan>``` and, the edition before the URL,
``{edition-link}`the login banner <vertex:/system-management/login-banner>```.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from .. import links
from ..warnings_ import MdxWarnings, quoted, warn
from .shared import Component

if TYPE_CHECKING:
    from ..renderer import JsxElement

EDITION_PATHS = {"palette": "/self-hosted-setup/palette", "vertex": "/self-hosted-setup/vertex"}


def render_versioned_link(element: JsxElement) -> None:
    _render(element, element.text("url"))


def render_edition_link(element: JsxElement) -> None:
    url, edition = element.text("url"), element.text("edition", "")
    href = None if url is None else edition_url(element.renderer.sphinx_env.config, edition, url)
    if url is not None and href is None:
        element.warn(MdxWarnings.ATTRIBUTE, _unknown_edition(f"<{element.name} edition={edition!r}>"))
    _render(element, href or url)


def edition_url(config: Config, edition: str, url: str) -> str | None:
    """``url`` under the folder of ``edition`` (``mdx_edition_paths``); None for an edition it lacks."""
    prefix = config.mdx_edition_paths.get(edition.lower())
    return None if prefix is None else prefix.rstrip("/") + "/" + url.lstrip("/")


def _unknown_edition(what: str) -> str:
    return f"{what} names no edition of mdx_edition_paths; the link goes to url as written"


def link_node(href: str | None, text: str, docname: str) -> nodes.Element | None:
    """A link to ``href`` in the site's URL scheme, showing ``text`` (``href`` when empty);
    None when ``href`` is missing, empty or unsafe."""
    if not href or links.is_unsafe(href):
        return None
    node, content = links.link_to(href, docname)
    content += nodes.Text(text or href)
    return node


def _render(element: JsxElement, href: str | None) -> None:
    """The link, a paragraph of its own in flow; its text alone, with a warning, without a safe url."""
    text = element.text("text") or href or ""
    node = link_node(href, text, element.renderer.sphinx_env.docname)
    if node is None:
        element.warn(MdxWarnings.LINK, f"<{element.name}> has no safe url; its text is kept")
        node = nodes.inline(text, text)
    element.set_source(node)
    element.renderer.current_node.append(node if element.inline else nodes.paragraph("", "", node))


class SiteLinkRole(SphinxRole):
    """``versioned-link``: ``text <url>``, or a bare ``url``, linked as ``<VersionedLink>`` links."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        _, text, url = split_explicit_title(self.text)
        return [self.link(text, self.target(url))], []

    def target(self, url: str) -> str:
        return url

    def link(self, text: str, href: str) -> nodes.Element:
        node = link_node(href, text, self.env.docname)
        if node is None:
            warn(MdxWarnings.LINK, f"{{{self.name}}} has no safe url; its text is kept", self.get_location())
            node = nodes.inline(text, text)
        self.set_source_info(node)
        return node


class EditionLinkRole(SiteLinkRole):
    """``edition-link``: ``text <edition:url>``, linked as ``<PaletteVertexUrlMapper>`` links."""

    def target(self, url: str) -> str:
        edition, colon, path = url.partition(":")
        found = edition_url(self.config, edition, path) if colon else None
        if found is None:
            warn(MdxWarnings.ATTRIBUTE, _unknown_edition(f"{{{self.name}}} {quoted(url)}"), self.get_location())
        return found or url


COMPONENTS = [
    Component("VersionedLink", render_versioned_link, frozenset({"text", "url"}), inline=True),
    Component("PaletteVertexUrlMapper", render_edition_link, frozenset({"edition", "text", "url"}), inline=True),
]


def setup_versioned_links(app: Sphinx) -> None:
    app.add_config_value("mdx_edition_paths", EDITION_PATHS, "env", types=[dict])
    app.add_role("versioned-link", SiteLinkRole())
    app.add_role("edition-link", EditionLinkRole())
