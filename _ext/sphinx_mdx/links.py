"""librarium's URL and heading-anchor scheme, and the links that use it.

A librarium URL is a page's path without its extension, each segment losing
its numeric ``NN-`` prefix (``15-faq.md`` is ``/faq``); a heading's id is its
text without white space, lowercased. Links written that way are resolved
after all pages are read: to a page of the project (its anchor checked), or,
for a page the project does not have, to ``mdx_site_url`` plus the path.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import SplitResult, urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.errors import NoUri
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from .trust import WRITTEN_URI, has_scheme, safe_id, url_allowed
from .warnings_ import MdxWarnings, quoted, warn

_NUMERIC_PREFIX = re.compile(r"^\d+(?:\.\d+)?-")
#: The ``reftype`` of the pending references this module resolves.
LINK_TYPE = "mdx-link"


def url_segment(segment: str) -> str:
    """A file or folder name as librarium put it in URLs: ``04-clusters`` -> ``clusters``."""
    return _NUMERIC_PREFIX.sub("", segment, count=1)


def page_url(docname: str, folder_index: bool = False) -> str:
    """The librarium URL path of a page: ``12-enterprise/01-install`` -> ``/enterprise/install``.

    With ``folder_index`` (Docusaurus), a page named as its folder is the folder's page:
    ``clusters/clusters`` -> ``/clusters``.
    """
    segments = [url_segment(segment) for segment in docname.split("/")]
    if segments[-1] == "index" or (folder_index and len(segments) > 1 and segments[-1] == segments[-2]):
        segments.pop()
    return "/" + "/".join(segments)


def url_docname(docname: str, root_doc: str = "index", folder_index: bool = False) -> str:
    """The document name a page gets: its librarium URL without slashes (``/`` is ``root_doc``)."""
    return page_url(docname, folder_index).strip("/") or root_doc


def folder_url(env: BuildEnvironment, docname: str) -> str:
    """The URL of the folder holding the page's file, which relative links start from."""
    folder = PurePosixPath(env.doc2path(docname, False)).parent.as_posix()
    return "/" if folder == "." else page_url(folder + "/index")


def _folder_index(env: BuildEnvironment) -> bool:
    """Whether the project names ``x/x.md`` as folder ``x``'s page (see ``site_tree.LibrariumProject``)."""
    return getattr(env.project, "folder_index", False)


def segment_order(segment: str) -> tuple[int, float, str]:
    """Where librarium put a file among its siblings: by numeric prefix ("02.5" between 2 and 3)."""
    prefix = _NUMERIC_PREFIX.match(segment)
    if prefix is None:
        return (1, 0.0, segment)
    return (0, float(prefix.group()[:-1]), segment[prefix.end() :])


def heading_id(title: str) -> str:
    """librarium's id of a heading: "IP Address Management" -> ``ipaddressmanagement``
    (without the few characters no id may hold, see :func:`~.trust.safe_id`)."""
    return safe_id("".join(title.split()).lower())


#: MyST's own link schemes: references into the project, never URLs in the output.
MYST_SCHEMES = ("path:", "project:", "inv:")


def is_myst_reference(href: str) -> bool:
    return href.lower().startswith(MYST_SCHEMES)


def is_unsafe(href: str) -> bool:
    """A URL with a scheme other than http, https and mailto, however it is encoded."""
    return not url_allowed(href)


def unsafe_link_message(href: str) -> str:
    """The warning for a link whose target :func:`is_unsafe`: the link goes, its text stays."""
    return f"unsafe link target {quoted(href)} dropped; its text is kept"


def is_relative_path(target: str) -> bool:
    """Whether ``target`` is a path relative to the file that writes it (not ``/x``, ``#x`` or a URL)."""
    return bool(target) and not target.startswith(("/", "#")) and not has_scheme(target)  # data: too


def is_site_link(href: str) -> bool:
    """A site-absolute path (``/clusters#x``), an anchor on the same page (``#x``), a page's
    file named relative to this one (``ingress-examples.md``), or a folder's page named so
    (``./cluster-management/``)."""
    if href.startswith("#") or (href.startswith("/") and not href.startswith("//")):
        return True
    parts = _split(href)
    if parts is None or has_scheme(href) or href.startswith("//"):
        return False
    return parts.path.endswith((".md", ".mdx")) or (parts.path.startswith(("./", "../")) and
                                                   parts.path.endswith("/"))


def is_gfm_autolink(text: str, href: str) -> bool:
    """Whether remark-parse 8 (GFM) linked this bare text: an e-mail address, or ``http://``,
    ``https://`` or ``www.`` and a domain with a dot (``http://PROXYIP:PORT`` stayed text)."""
    if href.startswith("mailto:"):
        return "@" in text
    if not text.lower().startswith(("http://", "https://", "www.")):
        return False
    parts = _split(href)
    return parts is not None and "." in (parts.hostname or "")


def _split(href: str) -> SplitResult | None:
    """``href`` split, or None when Python cannot split it (brackets in its host): no URL, then,
    and :func:`is_unsafe` refuses it."""
    try:
        return urlsplit(href)
    except ValueError:
        return None


def live_url(config, path: str) -> str:
    """The URL of ``path`` (``/clusters#x``) on the published site, ``mdx_site_url``."""
    return config.mdx_site_url.rstrip("/") + path


def link_to(href: str, docname: str) -> tuple[nodes.Element, nodes.Element]:
    """The node of a link to ``href`` from ``docname``, and the node its text goes in:
    external with a scheme, otherwise librarium's way, resolved once all pages are read."""
    if has_scheme(href):
        reference = nodes.reference(refuri=href)
        return reference, reference
    return pending_link(href, docname)


def pending_link(href: str, docname: str) -> tuple[addnodes.pending_xref, nodes.inline]:
    """A link librarium's way, resolved by :func:`resolve_site_link` once all pages are read.

    Returns the pending reference and the node its content goes in.
    """
    content = nodes.inline()
    node = addnodes.pending_xref("", content, refdomain="", reftype=LINK_TYPE, reftarget=href,
                                 refdoc=docname, refexplicit=True)
    return node, content


class LibrariumHeadingIds(SphinxTransform):
    """Give every heading librarium's id too, so old links keep working.

    When several headings share one (several "Overview"), the first keeps it,
    as the browser would have scrolled to the first.
    """

    default_priority = 300

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(_is_heading):
            title = node[0] if isinstance(node, nodes.section) and node.children else node
            anchor = heading_id(title.astext())
            if anchor and anchor not in self.document.ids:
                node["ids"].append(anchor)
                self.document.ids[anchor] = node


def _is_heading(node: nodes.Node) -> bool:
    """Sections and rubrics (headings inside components), but not tab labels."""
    if isinstance(node, nodes.rubric):
        return "sd-tab-label" not in node["classes"]
    return isinstance(node, nodes.section)


class AnchorCollector(EnvironmentCollector):
    """Record the ids of each page, so links to ``page#id`` can be checked."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        _anchors(env).pop(docname, None)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
    ) -> None:
        for docname in docnames:
            _anchors(env)[docname] = _anchors(other)[docname]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        _anchors(app.env)[app.env.docname] = {
            anchor for node in doctree.findall(nodes.Element) for anchor in node.get("ids", ())
        }


def _anchors(env: BuildEnvironment) -> dict[str, set[str]]:
    if not hasattr(env, "mdx_anchors"):
        env.mdx_anchors = {}
    return env.mdx_anchors


def index_page_urls(app: Sphinx, env: BuildEnvironment) -> None:
    """After each read phase (before the environment is saved): map each librarium URL to its page."""
    owners_last = sorted(env.found_docs, key=lambda docname: url_docname(docname, env.config.root_doc) == docname)
    env.mdx_page_urls = {page_url(docname): docname for docname in owners_last}  # a URL's owner wins a clash


def resolve_site_link(
    app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, content: nodes.Element
) -> nodes.reference | None:
    """Resolve a :func:`pending_link` to a page of the project, or to ``mdx_site_url``."""
    if node["reftype"] != LINK_TYPE:
        return None
    href, here = node["reftarget"], node["refdoc"]
    parts = urlsplit(href)
    docname = _find_page(env, parts.path, here)
    html_output = app.builder.format == "html"
    site_path = href if href.startswith(("/", "#")) else _site_path(env, parts, here)
    external = nodes.reference("", "", *content.children, refuri=live_url(app.config, site_path))
    written = node.get(WRITTEN_URI, href)  # in a partial, the path as written there
    if docname is None:
        if site_path != href:  # a file this folder does not have: say where the link goes now
            warn(MdxWarnings.LINK, f"link {quoted(written)} names no page of this folder; it goes to "
                 f"{external['refuri'][:120]}",
                 node)
        return external
    anchor = safe_id(parts.fragment)
    if anchor and anchor not in _anchors(env).get(docname, ()):
        warn(MdxWarnings.ANCHOR, f"link {quoted(written)}: page {docname!r} has no anchor #{anchor[:80]}", node)
    if docname == here and html_output:
        uri = ""
    else:
        try:
            uri = app.builder.get_relative_uri(here, docname)
        except NoUri:
            return external
    if parts.query and html_output:
        uri += "?" + parts.query
    if anchor:
        uri += "#" + anchor
    return nodes.reference("", "", *content.children, refuri=uri or "#", internal=True)


def _site_path(env: BuildEnvironment, parts, here: str) -> str:
    """A relative link's librarium URL, from the page ``here``: ``../x/02-y.md#z`` -> ``/x/y#z``."""
    path = posixpath.normpath(posixpath.join(folder_url(env, here), posixpath.splitext(parts.path)[0]))
    return page_url(path.strip("/") or "index", _folder_index(env)) + (f"?{parts.query}" if parts.query else "") + (
        f"#{parts.fragment}" if parts.fragment else "")


def _find_page(env: BuildEnvironment, path: str, here: str) -> str | None:
    """The page a link's path names: a librarium URL, or a path relative to the page's folder."""
    if not path:
        return here
    if not path.startswith("/"):
        path = posixpath.normpath(posixpath.join(folder_url(env, here), path))
    if path.endswith((".md", ".mdx", ".html")):
        path = posixpath.splitext(path)[0]
    candidate = path.strip("/") or env.config.root_doc
    if candidate in env.found_docs:
        return candidate
    return env.mdx_page_urls.get(page_url(candidate, _folder_index(env)))


class RubricTargetsForLatex(SphinxPostTransform):
    """LaTeX writes no label for a rubric (a heading inside a component): give it a target."""

    default_priority = 4
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for rubric in list(self.document.findall(nodes.rubric)):
            if rubric["ids"] and _is_heading(rubric):
                target = nodes.target("", "", ids=rubric["ids"])
                rubric["ids"] = []
                rubric.parent.insert(rubric.parent.index(rubric), target)


def setup_links(app: Sphinx) -> None:
    app.add_config_value("mdx_site_url", "https://docs.spectrocloud.com", "env", types=[str])
    app.add_transform(LibrariumHeadingIds)
    app.add_env_collector(AnchorCollector)
    app.connect("env-updated", index_page_urls)
    app.connect("missing-reference", resolve_site_link)
    app.add_post_transform(RubricTargetsForLatex)
