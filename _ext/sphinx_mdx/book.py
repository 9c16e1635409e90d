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
        title_section = next((child for child in document.children if isinstance(child, nodes.section)), None)
        if title_section is None:
            return
        appendices = [child for child in document.children if isinstance(child, nodes.document)]
        after_title = document.children[document.index(title_section) + 1 :]
        root_content = [*title_section.children[1:], *(node for node in after_title if node not in appendices)]
        for node in after_title:
            document.remove(node)
        title_section.children = title_section.children[:1]
        title_section.extend(self._chapters(document["docname"], root_content))
        in_book = [document["docname"], *(page["docname"] for page in document.findall(addnodes.start_of_file))]
        for appendix in appendices:
            document.append(self._appendix(appendix, in_book))
            in_book += [page["docname"] for page in appendix.findall(addnodes.start_of_file)]
        if appendices:
            appendices[0].insert(0, nodes.raw("", APPENDICES_COMMAND + "\n", format="latex"))
        _lower_rubrics(document)

    def _chapters(self, root: str, content: list[nodes.Node]) -> list[nodes.Node]:
        """The root's child pages as chapters; before them its own content, as a chapter if it has any."""
        holder = nodes.Element("", *content)
        children = _take_child_pages(holder)
        content = list(holder.children)
        holder.children = []
        chapters = [self._page(child) for child in children]
        if not any(_substantive(node) for node in content):
            return [*content, *chapters]
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
        """A page out of the navigation: Sphinx appends it as it is; it gets its child pages too."""
        docname = appendix["docname"]
        builder = self.env._app.builder  # as Sphinx's own post-transforms reach it
        tree = inline_all_toctrees(builder, set(), docname, appendix, str, [*in_book, docname])
        page = addnodes.start_of_file(docname=docname)
        page.extend(tree.children)
        self._page(page)
        appendix.children = []
        appendix.extend(page.children)
        return appendix

    def _label(self, docname: str) -> list[nodes.Node]:
        title = self.env.titles.get(docname)
        return [child.deepcopy() for child in title.children] if title is not None else [nodes.Text(docname)]


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


def _substantive(node: nodes.Node) -> bool:
    return not isinstance(node, nodes.Invisible | nodes.system_message)


def _page_section(label: list[nodes.Node], content: list[nodes.Node]) -> nodes.section:
    """One section for a page: its first heading if that is the label and nothing comes before it,
    else a new section with the label as its title, the content below it."""
    first = next((index for index, node in enumerate(content) if _substantive(node)), None)
    if first is not None and isinstance(content[first], nodes.section):
        heading = content[first]
        if heading[0].astext().strip() == "".join(node.astext() for node in label).strip():
            heading.children[1:1] = content[:first]
            heading.extend(content[first + 1 :])
            return heading
    section = nodes.section("", nodes.title("", "", *label))
    section.extend(content)
    return section


def _lower_rubrics(document: nodes.document) -> None:
    """A heading inside a component (a rubric) prints below the section it is in, never as a chapter;
    inside a tab pane, below the pane's label too."""
    for rubric in document.findall(nodes.rubric):
        if "heading-level" not in rubric:
            continue
        sections = [ancestor for ancestor in ancestors(rubric) if isinstance(ancestor, nodes.section)]
        # the root page's section holds the book's title, not a heading: chapters are one level below it
        depth = len(sections) - (bool(sections) and sections[-1].parent is document)
        in_pane = any("sd-tab-item" in ancestor.get("classes", ()) for ancestor in ancestors(rubric))
        rubric["heading-level"] = min(max(rubric["heading-level"], depth + 1 + in_pane), DEEPEST_LEVEL)


def title_page(app: Sphinx, builder) -> None:
    """The subtitle and date of the PDF's title page, once the pages are read."""
    if builder.format != "latex":
        return
    root = app.config.root_doc
    metadata = app.env.metadata.get(root, {})
    title = app.env.titles.get(root)
    named = [app.config.mdx_pdf_subtitle, str(metadata.get("metaTitle", "")), title.astext() if title else "",
             " ".join(url_segment(Path(app.srcdir).name).replace("_", "-").split("-")).title()]
    subtitle = next(name.strip() for name in named if name.strip() not in ("", app.config.project))
    builder.context["preamble"] += "\n\\setreleaseinfo{\\par " + escape(subtitle) + "}\n"
    date = metadata.get("date")
    if isinstance(date, str | datetime.date):
        builder.context["date"] = escape(str(date))


def setup_book(app: Sphinx) -> None:
    app.add_config_value("mdx_pdf_subtitle", "", "env", types=[str])
    app.add_post_transform(BookStructure)
    app.connect("write-started", title_page)
