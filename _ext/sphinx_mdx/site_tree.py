"""A librarium content folder as a Sphinx project, with no toctree written by hand.

librarium derived everything from the file tree: each page is named by its
librarium URL (``04-clusters.md`` is ``clusters``, so html writes
``clusters.html`` and dirhtml ``clusters/``); the page whose URL is ``/``
is the root, or a landing page is generated when there is none; and a page
``04-clusters.md`` beside a folder ``04-clusters/`` lists that folder's pages
in the navigation, ordered by their numeric prefixes, ``hiddenFromNav``
pages left out (the PDF has them as appendices).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.project import EXCLUDE_PATHS, Project
from sphinx.transforms import SphinxTransform
from sphinx.util.matching import get_matching_files

from .flavours import Flavour, flavour_of
from .front_matter import HIDE_FROM_SIDEBAR, flag, front_matter_keys, hidden_from_sidebar
from .links import url_docname
from .trust import page_refused, untrusted
from .warnings_ import MdxWarnings, warn


class LibrariumProject(Project):
    """Names each document by its librarium URL, and supplies a landing page if the root is missing."""

    def __init__(self, srcdir, source_suffix: Iterable[str], root_doc: str, landing: Path, title: str,
                 hidden: dict[Path, tuple[int, bool]], confined: bool, flavour: Flavour) -> None:
        super().__init__(srcdir, source_suffix)
        #: Whether ``x/x.md`` is the page of folder ``x`` (Docusaurus).
        self.folder_index = flavour.folder_index_pages
        self.navigation_order = flavour.navigation_order
        self.hidden_folder = flavour.hidden_folder
        #: Whether pages are untrusted: no page that links out, or with a name that could end an attribute
        #: (linked folders are excluded at config-inited, see ``trust.exclude_linked_folders``).
        self.confined = confined
        self.root_doc = root_doc
        self.landing = landing
        self.title = title
        #: hiddenFromNav of each file, with the file's modification time (kept in the environment).
        self._hidden = hidden

    def hidden_from_nav(self, path: Path) -> bool:
        """Whether the page at ``path`` is kept out of the navigation: its front matter says so (read
        again only when the file changed), or its folder does (Docusaurus's hidden categories)."""
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            return False
        known = self._hidden.get(path)
        if known is None or known[0] != stamp:
            known = self._hidden[path] = (stamp, _read_hidden_from_nav(path))
        return known[1] or self.hidden_folder(Path(self.srcdir), path)

    def discover(self, exclude_paths: Iterable[str] = (), include_paths: Iterable[str] = ("**",)) -> set[str]:
        """Find the pages, named by URL; two pages with one URL: the second keeps its file name."""
        self._path_to_docname = {}  # so Project.path2doc gives file names, not last build's URLs
        by_name: dict[str, Path] = {}
        for filename in get_matching_files(self.srcdir, include_paths, [*exclude_paths, *EXCLUDE_PATHS]):
            raw = Project.path2doc(self, filename)  # the file's own name, before any renaming
            path = Path(filename)
            if raw is None or (Path(self.srcdir) / path).is_relative_to(self.landing.parent):
                continue  # not a page, or our landing page in an output folder inside the content
            if self.confined and (reason := page_refused(self.srcdir, filename)):
                warn(MdxWarnings.FILE, f"page {filename!r} is not built: {reason}", f"{Path(self.srcdir) / path}:1")
                continue
            name = url_docname(raw, self.root_doc, self.folder_index)
            if name in by_name:
                warn(MdxWarnings.URL, f"{by_name[name]} and {path} have the same librarium URL; "
                     f"the second keeps its file name {raw!r}", f"{Path(self.srcdir) / path}:1")
                name = raw
            by_name[name] = path
        #: The pages each page lists in the navigation, by page name.
        self.navigation = navigation_tree(self.root_doc, by_name, Path(self.srcdir), self.hidden_from_nav,
                                          self.navigation_order)
        if self.root_doc not in by_name:
            by_name[self.root_doc] = self._write_landing(self.navigation.get(self.root_doc, []))
        self._docname_to_path = by_name
        self._path_to_docname = {path: docname for docname, path in by_name.items()}
        self.docnames = set(by_name)
        return self.docnames

    def path2doc(self, filename: str | os.PathLike[str]) -> str | None:
        """The page's name: as discovered, or the URL of a file named in a link."""
        path = Path(filename)
        if path.is_absolute() and path.is_relative_to(self.srcdir):
            path = path.relative_to(self.srcdir)
        if path in self._path_to_docname:
            return self._path_to_docname[path]
        docname = super().path2doc(filename)
        return None if docname is None else url_docname(docname, self.root_doc, self.folder_index)

    def doc2path(self, docname: str, absolute: bool):
        """The generated landing page is named, relative to the content, as the root page would be.

        Its file lives in the output folder, whose name should not reach the pages (the search index).
        """
        path = super().doc2path(docname, absolute)
        if not absolute and Path(path) == self.landing:
            return type(path)(docname + self.landing.suffix)
        return path

    def _write_landing(self, listed: list[str]) -> Path:
        """The root page librarium's home would have been: a title and the top-level pages."""
        text = "\n".join([f"# {self.title}", "", "```{toctree}", ":maxdepth: 1", "", *listed, "```", ""])
        self.landing.parent.mkdir(parents=True, exist_ok=True)
        if not self.landing.exists() or self.landing.read_text(encoding="utf-8") != text:
            self.landing.write_text(text, encoding="utf-8")
        return self.landing


def navigation_tree(root_doc: str, pages: dict[str, Path], srcdir: Path, hidden: Callable[[Path], bool],
                    order: Callable[[Path, Path, tuple[str, ...]], tuple]) -> dict[str, list[str]]:
    """The pages each page lists, in the flavour's ``order``; one pass over the site.

    A page is listed by the nearest page above it by URL (its folder's section
    page, or that of a folder further up when its own folder has none), or by
    the root. Hidden pages (``hiddenFromNav``, ``hide-from-sidebar``) are listed nowhere.
    """
    listed: dict[str, list] = defaultdict(list)
    for docname, path in pages.items():
        if docname == root_doc or hidden(srcdir / path):
            continue
        parts = docname.split("/")
        above = ("/".join(parts[:depth]) for depth in range(len(parts) - 1, 0, -1))
        parent = next((name for name in above if name in pages), root_doc)
        depth = 0 if parent == root_doc else len(parent.split("/"))  # the folders of the parent's URL
        parts = PurePosixPath(path).parts
        listed[parent].append((order(srcdir, Path(*parts[:depth]), parts[depth:]), docname))
    return {parent: [docname for _, docname in sorted(children)] for parent, children in listed.items()}


def _read_hidden_from_nav(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    if "hiddenFromNav" not in text and HIDE_FROM_SIDEBAR not in text:
        return False  # spares nearly every page a second YAML parse
    front_matter = front_matter_keys(text)
    return flag(front_matter, "hiddenFromNav") or hidden_from_sidebar(front_matter)


class TreeNavigation(SphinxTransform):
    """Give a section page with no toctree of its own a hidden one listing its folder's pages."""

    default_priority = 700  # before Sphinx's DoctreeReadEvent (880), where toctrees are collected

    def apply(self, **kwargs) -> None:
        project = self.env.project
        if not isinstance(project, LibrariumProject):
            return
        docname = self.env.docname
        children = project.navigation.get(docname)
        if not children or any(self.document.findall(addnodes.toctree)):
            return
        toctree = addnodes.toctree(
            parent=docname, entries=[(None, child) for child in children], includefiles=children,
            maxdepth=-1, caption=None, glob=False, hidden=True, includehidden=False, numbered=0,
            titlesonly=False,
        )
        _tree_parents(self.env).add(docname)
        wrapper = nodes.compound("", toctree, classes=["toctree-wrapper"])
        page = next((child for child in self.document.children if isinstance(child, nodes.section)), None)
        if page is None:
            self.document.append(wrapper)
            return
        first_section = next((i for i, child in enumerate(page.children) if isinstance(child, nodes.section)), None)
        page.insert(len(page.children) if first_section is None else first_section, wrapper)


def one_entry_per_page(app: Sphinx, doctree: nodes.document) -> None:
    """librarium pages often have several ``#`` headings; the navigation shows the page once."""
    toc = app.env.tocs.get(app.env.docname)
    items = [] if toc is None else [child for child in toc.children if isinstance(child, nodes.list_item)]
    if len(items) < 2:
        return
    first = items[0]
    sections = next((child for child in first.children if isinstance(child, nodes.bullet_list)), None)
    if sections is None:
        sections = nodes.bullet_list()
        first.append(sections)
    for item in items[1:]:
        toc.remove(item)
        sections.append(item)


class GeneratedToctrees(EnvironmentCollector):
    """Which pages got a toctree from :class:`TreeNavigation`, which records them; merged after a parallel read."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        _tree_parents(env).discard(docname)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
        _tree_parents(env).update(_tree_parents(other) & docnames)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        """TreeNavigation has recorded the page already."""


def _tree_parents(env: BuildEnvironment) -> set[str]:
    if not hasattr(env, "mdx_tree_parents"):
        env.mdx_tree_parents = set()
    return env.mdx_tree_parents


def edits_below_leave_the_section_page(app: Sphinx, builder) -> None:
    """A section page's generated toctree is hidden: editing a page it lists does not change it.

    Sphinx writes a toctree's page again whenever a page it lists is read again,
    here every section up the tree. The environment is saved by now, so only
    this write skips them. Titles and the tree show in every page's navigation,
    which :mod:`sphinx_mdx.navigation` writes again when they change.
    """
    env = app.env
    for parent in _tree_parents(env):
        for child in env.toctree_includes.get(parent, ()):
            env.files_to_rebuild.get(child, set()).discard(parent)


def hidden_pages_in_pdf(app: Sphinx, builder) -> None:
    """The PDF says everything: pages kept out of the navigation follow as appendices."""
    if builder.format != "latex":
        return
    env = app.env
    included = {child for children in env.toctree_includes.values() for child in children}
    hidden = sorted(
        docname for docname in env.found_docs
        if docname not in included and docname != app.config.root_doc and "orphan" in env.metadata[docname]
    )
    app.config.latex_appendices = [*app.config.latex_appendices,
                                   *(docname for docname in hidden if docname not in app.config.latex_appendices)]


def install_project(app: Sphinx) -> None:
    """Before the pages are found: name them by librarium URL."""
    env = app.env
    project = LibrariumProject(
        app.srcdir, app.config.source_suffix, app.config.root_doc,
        Path(app.doctreedir) / "mdx-generated" / f"{app.config.root_doc}.md", app.config.project,
        env.__dict__.setdefault("mdx_hidden_from_nav", {}), untrusted(app.config), flavour_of(app.config, app.srcdir),
    )
    project.restore(env.project)
    app.project = env.project = project


def reread_parents(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                   removed: set[str]) -> list[str]:
    """A page added, removed, or moved in or out of the navigation changes its parent's toctree."""
    moved = {
        docname for docname in changed
        if env.project.hidden_from_nav(Path(env.doc2path(docname))) != ("orphan" in env.metadata.get(docname, {}))
    }
    parents = set()
    for docname in added | removed | moved:
        parent = docname.rpartition("/")[0]
        while parent and parent not in env.found_docs:
            parent = parent.rpartition("/")[0]
        parents.add(parent or app.config.root_doc)
    return sorted(parents & env.found_docs)


def source_name(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Name the copied source after the page, not after a file whose name starts with the page's.

    Sphinx takes the suffix as what follows the page name in the file name
    (``02.5-architecture.md`` gave ``architecturecture.md``), which only holds
    when pages are named by their files.
    """
    if not context.get("sourcename") or not isinstance(app.env.project, LibrariumProject):
        return
    suffix = app.env.doc2path(pagename, False).suffix
    context["page_source_suffix"] = suffix
    sourcename = pagename + suffix
    if suffix != app.config.html_sourcelink_suffix:
        sourcename += app.config.html_sourcelink_suffix
    context["sourcename"] = quote(sourcename)  # the theme writes it into an attribute unescaped


def setup_site_tree(app: Sphinx) -> None:
    app.connect("builder-inited", install_project)
    app.connect("env-get-outdated", reread_parents)
    app.add_transform(TreeNavigation)
    app.connect("doctree-read", one_entry_per_page, priority=550)
    app.connect("write-started", hidden_pages_in_pdf)
    app.connect("write-started", edits_below_leave_the_section_page)
    app.add_env_collector(GeneratedToctrees)
    app.connect("html-page-context", source_name)
