"""HTML inside MDX pages, as real docutils nodes; and the HTML pages' accessibility.

Only the elements in :data:`ELEMENTS` are kept, so links are checked and the
PDF keeps everything. Any other element, event handler, ``style`` or unsafe
URL gives an ``mdx.html`` warning and never reaches the output; the text
inside is still shown.

:func:`setup_html` makes the written pages pass axe (``tests/test_axe.py``) without
changing what a reader sees: a header cell with nothing in it is a data cell; a heading
is exposed to assistive technology one level below the heading it follows, whatever
level its author wrote (which stays its tag, its look and its anchor); a page without
a ``#`` heading has its title as a level-one heading for screen readers only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx

from . import links
from .components.shared import details, line_break, summary
from .components.youtube import video_frame
from .media import css_length
from .warnings_ import MdxWarnings, quoted

if TYPE_CHECKING:
    from .renderer import JsxElement


@dataclass(frozen=True)
class HtmlElement:
    render: Callable[[JsxElement], None]
    #: Whether the element lives inside a paragraph (``<a>``, ``<b>``).
    inline: bool
    attributes: frozenset[str] = frozenset()


#: Attributes that are harmless on any element and simply not carried over.
_IGNORED_ATTRIBUTES = frozenset({"class", "classname", "id", "title", "lang", "dir", "align", "target", "rel"})


def render_html_element(element: JsxElement) -> None:
    spec = ELEMENTS.get(element.name.lower())
    for name in element.attribute_names:
        lowered = name.lower()
        if lowered.startswith("on") or lowered in ("style", "dangerouslysetinnerhtml"):
            element.warn(MdxWarnings.HTML, f"<{element.name} {name}=...> is not allowed; the attribute is dropped")
        elif spec is not None and lowered not in spec.attributes and lowered not in _IGNORED_ATTRIBUTES:
            element.warn(MdxWarnings.HTML, f"<{element.name}> attribute {name!r} is not supported; it is dropped")
    if spec is None:
        element.warn(
            MdxWarnings.HTML, f"HTML element <{element.name}> is not allowed; its text content is kept as text"
        )
        _wrap(element, nodes.inline() if element.inline else nodes.container())
        return
    spec.render(element)


def _keep_anchor(element: JsxElement, node: nodes.Element) -> None:
    """An element's ``id`` stays an anchor that links can target."""
    anchor = element.text("id")
    if anchor:
        node["ids"].append(anchor)


def _wrap(element: JsxElement, node: nodes.Element) -> nodes.Element:
    """Append ``node`` with the element's content inside it."""
    _keep_anchor(element, node)
    element.set_source(node)
    element.renderer.current_node.append(node)
    element.render_children(node)
    return node


def _wrap_text(element: JsxElement, node: nodes.Element) -> nodes.Element:
    """Like :func:`_wrap`, for elements that are themselves a paragraph of text."""
    _wrap(element, node)
    if len(node.children) == 1 and isinstance(node[0], nodes.paragraph):
        node[:] = node[0].children
    return node


def _inline(factory: Callable[[], nodes.Element]) -> Callable[[JsxElement], None]:
    """An element of running text (the flow rule never makes these blocks)."""

    def render(element: JsxElement) -> None:
        _wrap(element, factory())

    return render


def _block(factory: Callable[[], nodes.Element]) -> Callable[[JsxElement], None]:
    """A block element; inside a paragraph its content is kept inline."""

    def render(element: JsxElement) -> None:
        _wrap(element, nodes.inline() if element.inline else factory())

    return render


def _paragraph(element: JsxElement) -> None:
    """``<p>``. Written inside a paragraph (``text:<p></p><br />more``), it ends that paragraph,
    as a browser did with MDX v1's HTML: its content is a paragraph, and the text after it
    another. Deeper inside running text (in ``<b>``), its content is kept, then a line break."""
    if not element.inline:
        _wrap_text(element, nodes.paragraph())
        return
    renderer = element.renderer
    paragraph = renderer.current_node
    if not isinstance(paragraph, nodes.paragraph) or paragraph.parent is None:
        node = _wrap(element, nodes.inline())
        node.append(line_break())
        return
    holder = paragraph.parent
    own = nodes.paragraph()
    _keep_anchor(element, own)
    element.set_source(own)
    element.render_children(own)
    rest = nodes.paragraph()
    rest.source, rest.line = own.source, own.line
    index = holder.index(paragraph) + 1
    holder[index:index] = [own, rest] if own.children or own["ids"] else [rest]
    if not paragraph.children:
        holder.remove(paragraph)  # the <p> opened the paragraph: nothing came before it
    renderer.current_node = rest  # the paragraph's remaining text goes here


def _line_break(element: JsxElement) -> None:
    node = line_break()
    element.set_source(node)
    element.renderer.current_node.append(node)


def _anchor(element: JsxElement) -> None:
    href = element.text("href")
    if href is None:
        _wrap(element, nodes.inline())
        return
    if links.is_unsafe(href):
        element.warn(MdxWarnings.LINK, links.unsafe_link_message(href))
        _wrap(element, nodes.inline())
        return
    node, content = links.link_to(href, element.renderer.sphinx_env.docname)
    _keep_anchor(element, node)
    element.set_source(node)
    element.renderer.current_node.append(node)
    element.render_children(content)


def _image(element: JsxElement) -> None:
    src = element.text("src")
    alt = element.text("alt", "")
    if src is None or links.is_unsafe(src):
        element.warn(MdxWarnings.HTML, f"<img> with a missing or unsafe src {quoted(src or '')}; its alt text is kept")
        element.renderer.current_node.append(nodes.Text(alt))
        return
    image = nodes.image(uri=src, alt=alt)
    for dimension in ("width", "height"):
        value = element.text(dimension)
        if value and css_length(value) is None:
            element.warn(MdxWarnings.ATTRIBUTE, f"<img {dimension}={value!r}> is not a length; it is ignored")
        elif value:
            image[dimension] = css_length(value)
    element.set_source(image)
    element.renderer.current_node.append(image)


def _heading(element: JsxElement) -> None:
    if element.inline:
        _wrap(element, nodes.strong())
        return
    _wrap_text(element, nodes.rubric(**{"heading-level": int(element.name[1])}))


def _list(factory: Callable[[], nodes.Element]) -> Callable[[JsxElement], None]:
    """``<ul>``/``<ol>``: one list item per ``<li>``, however the HTML was laid out."""

    def render(element: JsxElement) -> None:
        if element.inline:
            _wrap(element, nodes.inline())
            return
        items = list(_descendants(element.token, {"li"}))
        if not items or _words_outside(element.token, {"li"}):
            _wrap(element, nodes.container())  # no <li>, or text between them: keep all the text
            return
        node = factory()
        element.set_source(node)
        for item in items:
            _render_part(element, item, _append(node, nodes.list_item()))
        element.renderer.current_node.append(node)

    return render


def _append(parent: nodes.Element, child: nodes.Element) -> nodes.Element:
    parent.append(child)
    return child


def _render_part(element: JsxElement, part, into: nodes.Element) -> None:
    """Render a list item's or a cell's content; inline content gets a paragraph."""
    target = into if part.type == "jsx_flow" else _append(into, nodes.paragraph())
    with element.renderer.current_node_context(target):
        element.renderer.render_children(part)


#: At most this many empty cells are added to even out a table's rows (as markdown-it caps
#: its own): 2,000 cells in one row then 2,000 rows of one cell would otherwise be 4 million.
MAX_PADDING_CELLS = 65_536


def _table(element: JsxElement) -> None:
    """Rebuild an HTML table as a docutils table, header rows first."""
    if element.inline:
        _wrap(element, nodes.inline())
        return
    rows = [list(_descendants(row, {"td", "th"})) for row in _descendants(element.token, {"tr"})]
    width = max(map(len, rows), default=0)
    if sum(width - len(cells) for cells in rows) > MAX_PADDING_CELLS:
        element.warn(MdxWarnings.HTML, f"<table> rows too uneven to lay out ({len(rows):,} rows, up to "
                     f"{width:,} cells); its cells are shown one after another")
        _table_cells_in_order(element, rows)
        return
    table = nodes.table(classes=["mdx-table"])
    element.set_source(table)
    group = _append(table, nodes.tgroup(cols=max(width, 1)))
    for _ in range(max(width, 1)):
        group.append(nodes.colspec(colwidth=1))
    head, body = nodes.thead(), nodes.tbody()
    for cells in rows:
        is_header = all(cell.meta["tag"].name.lower() == "th" for cell in cells) and not body.children
        row_node = _append(head if is_header else body, nodes.row())
        for cell in cells:
            _render_part(element, cell, _append(row_node, nodes.entry()))
        for _ in range(width - len(cells)):
            row_node.append(nodes.entry())
    if head.children:
        group.append(head)
    group.append(body)
    element.renderer.current_node.append(table)


def _table_cells_in_order(element: JsxElement, rows: list[list]) -> None:
    """A table that cannot be laid out: each row a block of its cells, every word kept."""
    holder = _append(element.renderer.current_node, nodes.container(classes=["mdx-table"]))
    element.set_source(holder)
    for cells in rows:
        row_node = _append(holder, nodes.container())
        for cell in cells:
            _render_part(element, cell, _append(row_node, nodes.container()))


def _named(token, names: set[str]) -> bool:
    """Whether ``token`` is an element named in ``names``."""
    tag = token.meta.get("tag") if token.type.startswith("jsx_") else None
    return tag is not None and tag.name.lower() in names


def _words_outside(token, names: set[str]) -> bool:
    """Whether ``token`` holds text outside its descendant elements named in ``names``."""
    return any(not _named(child, names) and ((child.content.strip() and not child.children)
                                            or _words_outside(child, names)) for child in token.children)


def _descendants(token, names: set[str]) -> Iterator:
    """The nearest descendant elements of ``token`` named in ``names``."""
    for child in token.children:
        if _named(child, names):
            yield child
        else:
            yield from _descendants(child, names)


def _iframe(element: JsxElement) -> None:
    """A video player from an allowed host; any other frame becomes a link to its address."""
    src = element.text("src")
    if not src or links.is_unsafe(src):
        element.warn(MdxWarnings.HTML, f"<iframe> with a missing or unsafe src {quoted(src or '')} is dropped")
        return
    node = video_frame(src, element.text("title", ""), element.renderer.sphinx_env.config.mdx_video_hosts,
                       element.renderer.location(element.line))
    element.set_source(node)
    element.renderer.current_node.append(node)


def _rule(element: JsxElement) -> None:
    """``<hr>``: a transition; inside a paragraph, a line break."""
    node = line_break() if element.inline else nodes.transition()
    element.set_source(node)
    element.renderer.current_node.append(node)


def _summary(element: JsxElement) -> None:
    if element.inline:
        _wrap(element, nodes.strong())
    else:
        _wrap_text(element, summary())


ELEMENTS: dict[str, HtmlElement] = {
    "a": HtmlElement(_anchor, inline=True, attributes=frozenset({"href"})),
    "u": HtmlElement(_inline(lambda: nodes.inline(classes=["mdx-u"])), inline=True),
    "b": HtmlElement(_inline(nodes.strong), inline=True),
    "strong": HtmlElement(_inline(nodes.strong), inline=True),
    "i": HtmlElement(_inline(nodes.emphasis), inline=True),
    "em": HtmlElement(_inline(nodes.emphasis), inline=True),
    "code": HtmlElement(_inline(nodes.literal), inline=True),
    "span": HtmlElement(_inline(nodes.inline), inline=True),
    "sup": HtmlElement(_inline(nodes.superscript), inline=True),
    "sub": HtmlElement(_inline(nodes.subscript), inline=True),
    "br": HtmlElement(_line_break, inline=True),
    "img": HtmlElement(_image, inline=True, attributes=frozenset({"src", "alt", "width", "height"})),
    "p": HtmlElement(_paragraph, inline=False),
    "div": HtmlElement(_block(nodes.container), inline=False),
    "table": HtmlElement(_table, inline=False),
    "thead": HtmlElement(_block(nodes.container), inline=False),
    "tbody": HtmlElement(_block(nodes.container), inline=False),
    "tr": HtmlElement(_block(nodes.container), inline=False),
    "th": HtmlElement(_block(nodes.container), inline=False, attributes=frozenset({"colspan", "rowspan"})),
    "td": HtmlElement(_block(nodes.container), inline=False, attributes=frozenset({"colspan", "rowspan"})),
    "ul": HtmlElement(_list(nodes.bullet_list), inline=False),
    "ol": HtmlElement(_list(nodes.enumerated_list), inline=False),
    "li": HtmlElement(_block(nodes.container), inline=False),
    **{f"h{level}": HtmlElement(_heading, inline=False) for level in range(1, 7)},
    "details": HtmlElement(_block(details), inline=False, attributes=frozenset({"open"})),
    "summary": HtmlElement(_summary, inline=False),
    "hr": HtmlElement(_rule, inline=False),
    "center": HtmlElement(_block(lambda: nodes.container(classes=["mdx-center"])), inline=False),
    "iframe": HtmlElement(_iframe, inline=False, attributes=frozenset(
        {"src", "title", "width", "height", "frameborder", "allow", "allowfullscreen", "loading"})),
}

INLINE_NAMES = frozenset(name for name, spec in ELEMENTS.items() if spec.inline)


# --- accessibility of the HTML pages (headings: headings.py) ---------------------------------


def _is_empty(entry: nodes.entry) -> bool:
    return not entry.astext().strip() and next(entry.findall(nodes.image), None) is None


def visit_entry_html(self, node: nodes.entry) -> None:
    """The translator's own ``visit_entry``; an empty cell of a header row is written ``<td>``.

    A Markdown table needs a header row: authors who wanted none left it empty, and a
    matrix leaves its corner empty. A header cell names its column (axe: empty-table-header);
    an empty one names nothing. The cell keeps its place, so the table looks as it did.
    """
    type(self).visit_entry(self, node)
    if isinstance(node.parent.parent, nodes.thead) and self.body[-1].startswith("<th") and _is_empty(node):
        self.body[-1] = "<td" + self.body[-1][len("<th"):]
        self.context[-1] = "</td>\n"


def depart_entry_html(self, node: nodes.entry) -> None:
    type(self).depart_entry(self, node)


def setup_html(app: Sphinx) -> None:
    app.add_node(nodes.entry, override=True, html=(visit_entry_html, depart_entry_html))
    app.add_css_file("mdx-site.css")
    app.add_js_file("mdx-site.js", loading_method="defer")
