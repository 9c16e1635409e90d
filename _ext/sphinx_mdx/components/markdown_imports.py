"""Markdown files imported as components: ``import Steps from './_steps.mdx'``, then ``<Steps />``.

Docusaurus (and MDX v1 under Gatsby) let a page import another Markdown file and place it as
a component; its attributes are the ``{props.x}`` the file reads. Here the file's body is
rendered where the element stands, as a partial is (:func:`.partials.include_file`). A path
is read from the importing file's folder; the trust boundary (:func:`..trust.include_refused`)
keeps it inside the content folder or the partials folder; a capitalised name imported from a ``.md`` or
``.mdx`` module is the file (a lowercase one, such as ``toc``, is one of its exports).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..trust import include_refused
from ..warnings_ import MdxWarnings, warn
from .partials import CURRENT_FILE_KEY, include_file

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

    from ..renderer import JsxElement, MdxRenderer

#: The ``md_env`` key of the names bound to Markdown files: ``{name: path}``.
IMPORTS_KEY = "mdx_markdown_imports"
SUFFIXES = (".md", ".mdx")


def note_imports(renderer: MdxRenderer, token: SyntaxTreeNode, line: int) -> set[str]:
    """The names this ESM block binds to Markdown files; those that may be read are remembered."""
    env = renderer.sphinx_env
    importing = renderer.md_env.get(CURRENT_FILE_KEY) or Path(env.doc2path(env.docname))
    names = set()
    for imported in token.meta["imports"]:
        module = imported.module
        if not (imported.name[:1].isupper() and module.startswith(("./", "../")) and module.endswith(SUFFIXES)):
            continue
        names.add(imported.name)
        location = renderer.location(line + imported.line_offset)
        path = (Path(importing).parent / module).resolve()
        if reason := include_refused(env, path):
            warn(MdxWarnings.FILE, f"import of {module!r} {reason}; it is not read", location)
        elif not os.path.isfile(path):  # False, not an error, for a name too long for the file system
            warn(MdxWarnings.PARTIAL, f"imported file {module!r} is not there; <{imported.name}> shows nothing",
                 location)
        else:
            renderer.md_env.setdefault(IMPORTS_KEY, {})[imported.name] = path
    return names


def imported_file(renderer: MdxRenderer, name: str) -> Path | None:
    return renderer.md_env.get(IMPORTS_KEY, {}).get(name)


def render_imported(element: JsxElement, path: Path) -> None:
    include_file(element.renderer, path, {key: element.value(key) for key in element.attribute_names}, element.line)
