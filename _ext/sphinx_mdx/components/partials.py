"""Docusaurus's ``<PartialsComponent category="..." name="..." edition="..." />``: librarium's
shared fragments, included where the component stands.

A partial is a file ``_name.mdx`` anywhere under the partials folder, found by the
``partial_category`` and ``partial_name`` of its front matter; its other attributes are the
``{props.x}`` it reads. The folder is ``mdx_partials_dir`` in conf.py, or else the nearest
``_partials`` in the content folder or in a folder above it (librarium keeps it at the top of
its repository). Pages name a partial, never a path: only files inside that folder are read,
symbolic links included. An edit to a partial rebuilds the pages that use it.

In MyST pages the ``partial`` directive includes one: ``:category:`` and ``:name:`` name it,
and each line ``key: value`` of its content is a prop. A partial is MDX: in a reStructuredText
page the directive includes nothing and says so.

A partial being included is not included again inside itself, and a page includes at most
MAX_INCLUDES files, so that partials including each other cannot make a build run for ever.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from ..front_matter import front_matter_keys
from ..page_data import PROPS_KEY
from ..links import is_relative_path
from ..trust import WRITTEN_URI
from ..warnings_ import MdxWarnings, directive_location, warn
from .shared import Component

if TYPE_CHECKING:
    from ..renderer import JsxElement, MdxRenderer

FOLDER_NAME = "_partials"
#: The ``md_env`` key of the file being rendered when it is not the page (an included file).
CURRENT_FILE_KEY = "mdx_current_file"
#: The ``md_env`` keys of the files being included, innermost last, and of how many a page included.
INCLUDING_KEY, INCLUDED_COUNT_KEY = "mdx_including", "mdx_included_count"
#: How many partials and imported files one page may include, counting each inclusion.
MAX_INCLUDES = 500
#: How many folders above the content folder are searched for FOLDER_NAME.
SEARCH_DEPTH = 3
_NAMING = ("category", "name")


def partials_folder(app: Sphinx) -> Path | None:
    """conf.py's ``mdx_partials_dir``, else the nearest ``_partials`` folder; not one that is a symbolic
    link: pages may read the files in it (images beside partials), and a link could open any folder."""
    if app.config.mdx_partials_dir:
        return Path(app.confdir, app.config.mdx_partials_dir).resolve()
    srcdir = Path(app.srcdir).resolve()
    for folder in (srcdir, *srcdir.parents[:SEARCH_DEPTH]):
        candidate = folder / FOLDER_NAME
        if candidate.is_symlink():
            warn(MdxWarnings.PARTIAL, f"folder {FOLDER_NAME!r} is a symbolic link; no partial is read from it",
                 f"{candidate}:1")
            return None
        if candidate.is_dir():
            return candidate
    return None


def index_partials(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Each partial by ``(partial_category, partial_name)``, read once per build, before the pages."""
    folder = partials_folder(app)
    index: dict[tuple[str, str], str] = {}
    if folder is not None:
        for path in sorted(folder.rglob("_*.md*")):
            resolved = path.resolve()
            if path.suffix in (".md", ".mdx") and resolved.is_relative_to(folder) and resolved.is_file():
                try:
                    text = resolved.read_text(encoding="utf-8-sig")
                except UnicodeDecodeError:
                    warn(MdxWarnings.PARTIAL, "partial is not UTF-8 text; it is left out", str(path))
                    continue
                front_matter, _ = split_front_matter(text)
                key = (str(front_matter.get("partial_category", "")), str(front_matter.get("partial_name", "")))
                index.setdefault(key, str(resolved))
    env.mdx_partials = index
    env.mdx_partials_folder = folder


def split_front_matter(source: str) -> tuple[dict, str]:
    """The front matter's keys (read as MyST reads a page's), and the body with the front matter's
    lines left blank (so that lines keep their numbers)."""
    lines = source.split("\n")
    if lines and lines[0].strip() == "---":
        end = next((number for number in range(1, len(lines)) if lines[number].strip() == "---"), None)
        if end is not None:
            return front_matter_keys(source), "\n" * (end + 1) + "\n".join(lines[end + 1 :])
    return {}, source


def find_partial(env: BuildEnvironment, category: str, name: str) -> Path | None:
    found = getattr(env, "mdx_partials", {}).get((category, name))
    return None if found is None else Path(found)


def _not_found(category: str, name: str) -> str:
    return (f"no partial with partial_category {category!r} and partial_name {name!r} in the partials folder; "
            "nothing is included")


def render_partial(element: JsxElement) -> None:
    category, name = element.text("category", ""), element.text("name", "")
    path = find_partial(element.renderer.sphinx_env, category, name)
    if path is None:
        element.warn(MdxWarnings.PARTIAL, _not_found(category, name))
        return
    include_file(element.renderer, path, {key: element.value(key) for key in element.attribute_names
                                          if key not in _NAMING}, element.line)


def include_file(renderer: MdxRenderer, path: Path, props: dict, line: int) -> None:
    """``path``'s body rendered where ``renderer`` stands (included at the page's ``line``), reading ``props`` as
    its ``{props.x}``; the page is read again when the file changes. Imports in the file are read from
    the file's folder. A file already being included, or one past the page's MAX_INCLUDES, is not."""
    md_env, location = renderer.md_env, renderer.location(line)
    including = md_env.get(INCLUDING_KEY, ())
    if path in including:
        warn(MdxWarnings.PARTIAL, f"{path.name} includes itself; it is not included again", location)
        return
    count = md_env[INCLUDED_COUNT_KEY] = md_env.get(INCLUDED_COUNT_KEY, 0) + 1
    if count > MAX_INCLUDES:
        if count == MAX_INCLUDES + 1:
            warn(MdxWarnings.PARTIAL, f"the page includes more than {MAX_INCLUDES} partials and files; "
                 "the rest are left out", location)
        return
    renderer.sphinx_env.note_dependency(str(path))
    _, body = split_front_matter(path.read_text(encoding="utf-8-sig", errors="replace"))
    saved = md_env.get(PROPS_KEY), md_env.get(CURRENT_FILE_KEY)
    md_env[PROPS_KEY], md_env[CURRENT_FILE_KEY], md_env[INCLUDING_KEY] = props, path, (*including, path)
    # the file's nodes and warnings name the file and its own lines, where its author finds them
    document, reporter = renderer.document, renderer.document.reporter
    page_source = document["source"], reporter.source
    document["source"] = reporter.source = str(path)
    document.__dict__.setdefault(INCLUDED_FILES, set()).add(str(path))
    try:
        renderer.nested_render_text(body, 0)
    finally:
        md_env[PROPS_KEY], md_env[CURRENT_FILE_KEY] = saved
        md_env[INCLUDING_KEY] = including
        document["source"], reporter.source = page_source


#: The document attribute naming the files its page included (partials, imported files), for IncludedFiles.
INCLUDED_FILES = "mdx_included_files"


def written_beside(included: str, path: str) -> str:
    """Where ``path``, written in the included file ``included`` relative to that file, points."""
    return os.path.normpath(os.path.join(os.path.dirname(included), path))


def from_the_page(env: BuildEnvironment, path: str) -> str:
    """The absolute ``path`` relative to the page being read: what Sphinx and MyST resolve a path against."""
    return os.path.relpath(path, os.path.dirname(env.doc2path(env.docname))).replace(os.sep, "/")


class IncludedFiles(SphinxTransform):
    """An image or a file (a video's, a ``{download}``'s) that a partial or an imported file names by a
    relative path is the one beside that file, as Docusaurus's bundler reads a Markdown image or link
    (an ``<img>`` tag's path too, where its author put the file; Docusaurus leaves it to the browser):
    its path is made relative to the page, which Sphinx resolves it from; the path as written is kept
    for warnings. Only files the page included as MDX; reST's and MyST's include keep Sphinx's reading
    (the page's). A Markdown link is made so where it is rendered (``MdxRenderer.render_link``), since
    MyST decides there whether it names a file; one naming no file beside the included file is left as
    MyST read it, from the page."""

    default_priority = 670  # before StaticImages (680), ConfinedFiles (690) and MissingImages (700)

    def apply(self, **kwargs: Any) -> None:
        included = self.document.__dict__.pop(INCLUDED_FILES, set())
        if not included:
            return
        for node in self.document.findall(_file_reference):
            key = "uri" if isinstance(node, nodes.image) else "reftarget"
            target, source = node.get(key, ""), _written_in(node)
            if source in included and is_relative_path(target):
                node[WRITTEN_URI], node[key] = target, from_the_page(self.env, written_beside(source, target))


def _file_reference(node: nodes.Node) -> bool:
    """An image, or a download that no Markdown link made (``MdxRenderer.render_link`` reads those)."""
    return isinstance(node, nodes.image) or (isinstance(node, addnodes.download_reference)
                                             and node.get("reftype") != "myst")


def _written_in(node: nodes.Element) -> str | None:
    """The file ``node`` was written in: its own source, or its nearest ancestor's (a video's link has none)."""
    while node is not None and node.source is None:
        node = node.parent
    return None if node is None else node.source


class PartialDirective(SphinxDirective):
    """``partial``: the partial named by ``:category:`` and ``:name:``, rendered where the directive
    stands, as the JSX component is; each content line ``key: value`` is a prop."""

    has_content = True
    option_spec = {"category": directives.unchanged_required, "name": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        renderer = getattr(self.state, "_renderer", None)  # MyST's: the page is Markdown
        if renderer is None:
            warn(MdxWarnings.PARTIAL, "a partial is MDX and is included in Markdown pages only; "
                 "nothing is included in this reStructuredText page", directive_location(self))
            return []
        category, name = self.options.get("category", ""), self.options.get("name", "")
        path = find_partial(self.env, category, name)
        if path is None:
            warn(MdxWarnings.PARTIAL, _not_found(category, name), directive_location(self))
            return []
        include_file(renderer, path, self._props(), self.lineno)
        return []

    def _props(self) -> dict[str, str]:
        props = {}
        first_line = self.lineno + 1 + self.content_offset  # MyST counts the offset from the directive
        for offset, line in enumerate(self.content):
            key, colon, value = line.partition(":")
            if colon and key.strip():
                props[key.strip()] = value.strip()
            elif line.strip():
                warn(MdxWarnings.ATTRIBUTE, f"partial prop {line.strip()!r} is not 'key: value'; it is ignored",
                     directive_location(self, first_line + offset))
        return props


COMPONENTS = [Component("PartialsComponent", render_partial, attributes=None)]


def setup_partials(app: Sphinx) -> None:
    app.add_config_value("mdx_partials_dir", "", "env", types=[str])
    app.connect("env-before-read-docs", index_partials)
    app.add_directive("partial", PartialDirective)
    app.add_transform(IncludedFiles)
