"""The PDF as a book that follows the navigation (:class:`BookStructure`).

Sphinx prints each page where its parent's toctree sits, and every ``#``
heading of a page as a chapter. librarium pages often have several ``#``
headings and their navigation label in front matter, and a section page's
toctree is generated before its first sub-heading. In the PDF, each page
becomes one section titled by its navigation label: its own content first
(text before its first heading included), its headings below it, then its
child pages in navigation order. Top-level pages are chapters, and pages kept
out of the navigation follow as lettered appendices after a divider. The
HTML is not touched: this runs on the LaTeX builder's assembled document only.

The title page (:func:`title_page`) names the site under the project's name:
``mdx_pdf_subtitle``, else the root page's ``metaTitle`` or title when it is
not the project's name, else the content folder's name; the date is the root
page's front matter ``date``, else Sphinx's ``today``.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import inline_all_toctrees
from sphinx.util.texescape import escape

from .components.shared import ancestors
from .front_matter import label_line
from .latex import without_control_characters
from .latex_lines import fit_lines
from .links import url_segment

#: LaTeX command that opens the appendices (``sphinxmdx.sty``).
APPENDICES_COMMAND = r"\mdxappendices"

#: The deepest heading level LaTeX has under a chapter (subparagraph).
DEEPEST_LEVEL = 6


class BookStructure(SphinxPostTransform):
    """LaTeX: one section per page, titled by its navigation label, children after its content."""

    default_priority = 1  # first: Sphinx's own LaTeX transforms (DocumentTargetTransform...) see the book
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        document = self.document
        root = document["docname"]
        appendices = [child for child in document.children if isinstance(child, nodes.document)]
        content = [child for child in document.children if child not in appendices]
        # the book's title section: LaTeX takes its title for the document's and prints its content
        book = nodes.section("", self._label(root))
        book.extend(self._chapters(root, content))
        document.children = []
        document.append(book)
        in_book = [root, *(page["docname"] for page in book.findall(addnodes.start_of_file))]
        for appendix in appendices:
            document.append(self._appendix(appendix, in_book))
            in_book += [page["docname"] for page in appendix.findall(addnodes.start_of_file)]
        if appendices:
            appendices[0].insert(0, nodes.raw("", APPENDICES_COMMAND + "\n", format="latex"))
        _lower_rubrics(document)

    def _chapters(self, root: str, content: list[nodes.Node]) -> list[nodes.Node]:
        """The root's child pages as chapters; before them its own content, as a chapter if it has text."""
        holder = nodes.Element("", *content)
        children = _take_child_pages(holder)
        content = list(holder.children)
        holder.children = []
        chapters = [self._page(child) for child in children]
        if not _has_text(content):
            return [*(node for node in content if not isinstance(node, nodes.section)), *chapters]
        return [_page_section(self._label(root), content), *chapters]

    def _page(self, start: addnodes.start_of_file) -> addnodes.start_of_file:
        """``start`` holding one section: the page's content, then its child pages."""
        children = _take_child_pages(start)
        section = _page_section(self._label(start["docname"]), list(start.children))
        section.extend(self._page(child) for child in children)
        start.children = []
        start.append(section)
        return start

    def _appendix(self, appendix: nodes.document, in_book: list[str]) -> nodes.document:
        """A page out of the navigation: Sphinx appends it as it is; it gets its child pages too,
        counted among the builder's pages so that links to them stay in the PDF."""
        docname = appendix["docname"]
        builder = self.env._app.builder  # as Sphinx's own post-transforms reach it
        tree = inline_all_toctrees(builder, builder.docnames, docname, appendix, str, [*in_book, docname])
        page = addnodes.start_of_file(docname=docname)
        page.extend(tree.children)
        self._page(page)
        appendix.children = []
        appendix.extend(page.children)
        return appendix

    def _label(self, docname: str) -> nodes.title:
        """The page's navigation label as a title, which names the page (and its line) in warnings."""
        label = self.env.titles[docname].deepcopy()
        label.source, label.line = self.env.doc2path(docname), label_line(self.env, docname)
        return label


def _take_child_pages(container: nodes.Element) -> list[addnodes.start_of_file]:
    """Remove the child pages Sphinx inlined where the toctrees were, in order, and the emptied wrappers."""
    found: list[addnodes.start_of_file] = []

    def walk(node: nodes.Element) -> None:
        for child in list(node.children):
            if isinstance(child, addnodes.start_of_file):
                found.append(child)
                node.remove(child)
            elif isinstance(child, nodes.Element):
                walk(child)
                if "toctree-wrapper" in child.get("classes", ()) and not child.children:
                    node.remove(child)

    walk(container)
    return found


def _has_text(content: list[nodes.Node]) -> bool:
    """Whether ``content`` holds words beyond its headings (a generated root page holds none)."""
    return any(text.strip() and not isinstance(text.parent, nodes.title)
               for node in content for text in node.findall(nodes.Text))


def _same_title(heading: nodes.title, label: nodes.title) -> bool:
    return " ".join(heading.astext().split()).casefold() == " ".join(label.astext().split()).casefold()


def _page_section(label: nodes.title, content: list[nodes.Node]) -> nodes.section:
    """One section for a page: its first heading when that is the label (any text before it
    going first under it), else a new section with the label as its title, the content below."""
    first = next((index for index, node in enumerate(content) if isinstance(node, nodes.section)), None)
    if first is not None and _same_title(content[first][0], label):
        heading = content[first]
        heading[0][:] = label.children  # the label's spelling, as the navigation shows it
        heading[1:1] = content[:first]
        heading.extend(content[first + 1 :])
        return heading
    section = nodes.section("", label)
    section.extend(content)
    return section


def _lower_rubrics(document: nodes.document) -> None:
    """A heading inside a component (a rubric) prints below the section it is in, never as a
    chapter; inside a tab pane, below the pane's label too. The headings of one component move
    down together, so ``##`` stays above ``###``."""
    groups: dict[int, list[nodes.rubric]] = {}
    for rubric in document.findall(nodes.rubric):
        if "heading-level" in rubric:
            holder = next(ancestor for ancestor in ancestors(rubric)
                          if isinstance(ancestor, nodes.section | nodes.document)
                          or "sd-tab-item" in ancestor.get("classes", ()))
            groups.setdefault(id(holder), []).append(rubric)
    for rubrics in groups.values():
        first = rubrics[0]
        sections = [ancestor for ancestor in ancestors(first) if isinstance(ancestor, nodes.section)]
        # the book's title section holds the book, not a heading: chapters are one level below it
        depth = len(sections) - (bool(sections) and sections[-1].parent is document)
        in_pane = any("sd-tab-item" in ancestor.get("classes", ()) for ancestor in ancestors(first))
        shift = max(0, depth + 1 + in_pane - min(rubric["heading-level"] for rubric in rubrics))
        for rubric in rubrics:
            rubric["heading-level"] = min(rubric["heading-level"] + shift, DEEPEST_LEVEL)


def title_page(app: Sphinx, builder) -> None:
    """The subtitle and date of the PDF's title page, once the pages are read."""
    if builder.format != "latex":
        return
    root = app.config.root_doc
    metadata = app.env.metadata.get(root, {})
    title = app.env.titles.get(root)
    named = [app.config.mdx_pdf_subtitle, str(metadata.get("metaTitle", "")), title.astext() if title else "",
             " ".join(url_segment(Path(app.srcdir).name).replace("_", "-").split("-")).title()]
    subtitle = next((name.strip() for name in named if name.strip() not in ("", app.config.project)), "")
    if subtitle:
        subtitle = fit_lines(escape(without_control_characters(subtitle)))
        builder.context["preamble"] += "\n\\setreleaseinfo{\\par " + subtitle + "}\n"
    date = metadata.get("date")
    if isinstance(date, str | datetime.date):
        builder.context["date"] = fit_lines(escape(without_control_characters(str(date))))


def setup_book(app: Sphinx) -> None:
    app.add_config_value("mdx_pdf_subtitle", "", "env", types=[str])
    app.add_post_transform(BookStructure)
    app.connect("write-started", title_page)
