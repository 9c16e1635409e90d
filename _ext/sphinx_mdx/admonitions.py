"""Docusaurus admonitions (``:::info``), as real admonitions: Furo's coloured boxes in HTML,
Sphinx's boxes in the PDF, each type in its own style in both (a warning is not drawn as a note).

Each type is drawn as one of Furo's admonition styles. Docusaurus's own types are fixed;
``mdx_admonitions`` in conf.py adds a site's own (librarium's ``preview`` and ``further``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from sphinx.application import Sphinx

from .warnings_ import MdxWarnings, warn

if TYPE_CHECKING:
    from .renderer import MdxRenderer

#: Docusaurus's types, and the Furo style that draws each.
DOCUSAURUS_TYPES = {"note": "note", "tip": "tip", "info": "important", "warning": "warning",
                    "danger": "danger", "caution": "caution"}
#: librarium's own types, the default of ``mdx_admonitions``.
SITE_TYPES = {"preview": "important", "further": "seealso"}
#: The style of a type nobody declared.
FALLBACK_STYLE = "note"
#: The styles Sphinx's LaTeX has a box for (``sphinxadmonition``); any other is drawn as a note.
LATEX_STYLES = frozenset({"note", "hint", "important", "tip", "warning", "caution", "attention", "danger", "error"})
CLASS_PREFIX = "mdx-admonition-"


def render_admonition(renderer: MdxRenderer, token: SyntaxTreeNode) -> None:
    kind, line = token.meta["kind"], renderer.jsx_line(token)
    styles = {**DOCUSAURUS_TYPES, **renderer.sphinx_env.config.mdx_admonitions}
    style = styles.get(kind.lower())
    if style is None:
        warn(MdxWarnings.ADMONITION, f"':::{kind}' is no admonition type of Docusaurus or mdx_admonitions; "
             "it is shown as a note", renderer.location(line))
        style = FALLBACK_STYLE
    admonition = nodes.admonition(classes=[style, f"{CLASS_PREFIX}{kind.lower()}"])
    renderer.add_line_and_source_path(admonition, token)
    title = nodes.title()
    title.extend(renderer.render_markup(token.meta["title"], line) if token.meta["title"] else
                 [nodes.Text(kind.capitalize())])
    admonition += title
    renderer.current_node.append(admonition)
    with renderer.current_node_context(admonition):
        renderer.render_children(token)


def visit_admonition_latex(self, node: nodes.admonition) -> None:
    """Sphinx draws every titled admonition as a note; ours in the box of their style."""
    if not any(name.startswith(CLASS_PREFIX) for name in node["classes"]):
        type(self).visit_admonition(self, node)
        return
    style = next((name for name in node["classes"] if name in LATEX_STYLES), FALLBACK_STYLE)
    self.body.append("\n" + rf"\begin{{sphinxadmonition}}{{{style}}}")
    self.no_latex_floats += 1


def depart_admonition_latex(self, node: nodes.admonition) -> None:
    type(self).depart_admonition(self, node)


def setup_admonitions(app: Sphinx) -> None:
    app.add_config_value("mdx_admonitions", SITE_TYPES, "env", types=[dict])
    app.add_node(nodes.admonition, override=True, latex=(visit_admonition_latex, depart_admonition_latex))
