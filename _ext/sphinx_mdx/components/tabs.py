"""Tabs and Tabs.TabPane, on sphinx-design's tab-set and tab-item.

``identifier`` is the sync group and ``key`` the sync id, so sphinx-design's
script opens the pane named in ``?identifier=key`` and the pane holding a
``#anchor``. Other builders show each pane in turn under its label; in the
PDF each pane opens with a rule and its label, set apart from headings
(:class:`TabPanesOnPaper`, ``sphinxmdx.sty``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx_design.shared import create_component, is_component

from ..warnings_ import MdxWarnings, directive_location, warn
from .shared import Component

if TYPE_CHECKING:
    from ..renderer import JsxElement


def make_tab_set() -> nodes.container:
    return create_component("tab-set", classes=["sd-tab-set", "mdx-tabs"])


def make_tab_pane(
    label: list[nodes.Node], key: str | None, selected: bool = False
) -> tuple[nodes.container, nodes.container]:
    """A tab-item with its label; returns it and the container for its content."""
    item = create_component("tab-item", classes=["sd-tab-item", "mdx-tabs-tabpane"])
    if selected:
        item["selected"] = True  # sphinx-design opens it first
    rubric = nodes.rubric("", "", *label, classes=["sd-tab-label"])
    if key:
        rubric["sync_id"] = key
    content = create_component("tab-content", classes=["sd-tab-content"])
    item += [rubric, content]
    return item, content


def finish_tab_set(tab_set: nodes.container, group: str | None, location) -> list[nodes.Node]:
    """Join the panes to the sync group; move anything that is not a pane out, before the set."""
    outside: list[nodes.Node] = []
    panes: list[nodes.Node] = []
    for child in tab_set.children:
        if is_component(child, "tab-item"):
            if group and "sync_id" in child[0]:
                child[0]["sync_group"] = group
            panes.append(child)
        elif not isinstance(child, nodes.comment | nodes.system_message):
            warn(MdxWarnings.JSX, "content directly inside Tabs, outside any TabPane, is shown before the tabs",
                 child if child.line else location)
            outside.append(child)
    tab_set.children = []
    tab_set.extend(panes)
    return [*outside, tab_set] if panes else outside


def render_tabs(element: JsxElement) -> None:
    tab_set = make_tab_set()
    element.set_source(tab_set)
    element.render_children(tab_set)
    location = element.renderer.location(element.line)
    element.renderer.current_node.extend(finish_tab_set(tab_set, element.text("identifier"), location))


def render_docusaurus_tabs(element: JsxElement) -> None:
    """Docusaurus's ``<Tabs groupId queryString defaultValue>``: the panes sync by ``groupId`` and
    open from ``?<queryString>=<value>`` (a bare ``queryString`` names the group); one sync group
    serves both, the query's name when it has one."""
    tab_set = make_tab_set()
    element.set_source(tab_set)
    element.render_children(tab_set)
    query = None if element.flag("queryString") else element.text("queryString")
    default = element.text("defaultValue")
    if default is not None:
        for item in tab_set.findall(lambda node: is_component(node, "tab-item")):
            if item.parent is tab_set:
                item["selected"] = item[0].get("sync_id") == default
    location = element.renderer.location(element.line)
    element.renderer.current_node.extend(finish_tab_set(tab_set, query or element.text("groupId"), location))


def render_tab_item(element: JsxElement) -> None:
    """Docusaurus's ``<TabItem label value default>``: the label, or the value when it has none."""
    _add_pane(element, "TabItem", element.markup("label") or [nodes.Text(element.text("value", ""))],
              element.text("value"), element.flag("default"))


def render_tab_pane(element: JsxElement) -> None:
    _add_pane(element, "Tabs.TabPane", element.markup("tab") or [nodes.Text(element.text("key", ""))],
              element.text("key"))


def _add_pane(element: JsxElement, name: str, label: list[nodes.Node], key: str | None, selected: bool = False) -> None:
    parent = element.renderer.current_node
    if not is_component(parent, "tab-set"):
        element.warn(MdxWarnings.JSX, f"<{name}> outside <Tabs>; its content is shown under its label")
    item, content = make_tab_pane(label, key, selected)
    element.set_source(item)
    parent.append(item)
    element.render_children(content)


class TabsDirective(SphinxDirective):
    """``tabs``: holds ``tab-pane`` directives; ``:identifier:`` syncs them with the URL."""

    has_content = True
    option_spec = {"identifier": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        self.assert_has_content()
        tab_set = make_tab_set()
        self.set_source_info(tab_set)
        self.state.nested_parse(self.content, self.content_offset, tab_set)
        return finish_tab_set(tab_set, self.options.get("identifier"), directive_location(self))


class TabPaneDirective(SphinxDirective):
    """``tab-pane``: the argument is the label; ``:key:`` the pane's id in the URL."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {"key": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        label, _ = self.parse_inline(self.arguments[0], lineno=self.lineno)
        item, content = make_tab_pane(label, self.options.get("key"))
        self.set_source_info(item)
        self.state.nested_parse(self.content, self.content_offset, content)
        return [item]


class TabPanesOnPaper(SphinxPostTransform):
    """LaTeX: a pane's label is its own kind of block, not a heading (the writer makes a rubric one)."""

    default_priority = 200
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for rubric in list(self.document.findall(nodes.rubric)):
            if "sd-tab-label" in rubric["classes"]:
                label = nodes.paragraph("", "", *rubric.children)
                rubric.replace_self(nodes.container("", label, classes=["mdx-tab-label"]))


COMPONENTS = [
    Component("Tabs", render_tabs, frozenset({"identifier", "defaultActiveKey", "className"})),
    Component("Tabs.TabPane", render_tab_pane, frozenset({"tab", "key"})),
]

#: Docusaurus's tabs (its @theme/Tabs and @theme/TabItem).
DOCUSAURUS_COMPONENTS = [
    Component("Tabs", render_docusaurus_tabs,
              frozenset({"groupId", "queryString", "defaultValue", "className", "lazy", "values"})),
    Component("TabItem", render_tab_item, frozenset({"label", "value", "default", "className", "attributes"})),
]


def setup_tabs(app: Sphinx) -> None:
    app.setup_extension("sphinx_design")
    app.add_directive("tabs", TabsDirective)
    app.add_directive("tab-pane", TabPaneDirective)
    app.add_post_transform(TabPanesOnPaper)
