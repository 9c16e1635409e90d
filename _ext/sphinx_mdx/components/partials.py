"""Docusaurus's ``<PartialsComponent category="..." name="..." edition="..." />``: librarium's
shared fragments, included where the component stands.

A partial is a file ``_name.mdx`` anywhere under the partials folder, found by the
``partial_category`` and ``partial_name`` of its front matter; its other attributes are the
``{props.x}`` it reads. The folder is ``mdx_partials_dir`` in conf.py, or else the nearest
``_partials`` in the content folder or in a folder above it (librarium keeps it at the top of
its repository). Pages name a partial, never a path: only files inside that folder are read,
symbolic links included. An edit to a partial rebuilds the pages that use it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from myst_parser.config.main import TopmatterReadError, read_topmatter
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..page_data import PROPS_KEY
from ..warnings_ import MdxWarnings
from .shared import Component

if TYPE_CHECKING:
    from ..renderer import JsxElement

FOLDER_NAME = "_partials"
#: The ``md_env`` key of the file being rendered when it is not the page (an included file).
CURRENT_FILE_KEY = "mdx_current_file"
#: How many folders above the content folder are searched for FOLDER_NAME.
SEARCH_DEPTH = 3
_NAMING = ("category", "name")


def partials_folder(app: Sphinx) -> Path | None:
    if app.config.mdx_partials_dir:
        return Path(app.confdir, app.config.mdx_partials_dir).resolve()
    srcdir = Path(app.srcdir).resolve()
    for folder in (srcdir, *srcdir.parents[:SEARCH_DEPTH]):
        if (folder / FOLDER_NAME).is_dir():
            return folder / FOLDER_NAME
    return None


def index_partials(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Each partial by ``(partial_category, partial_name)``, read once per build, before the pages."""
    folder = partials_folder(app)
    index: dict[tuple[str, str], str] = {}
    if folder is not None:
        for path in sorted(folder.rglob("_*.md*")):
            resolved = path.resolve()
            if path.suffix in (".md", ".mdx") and resolved.is_relative_to(folder) and resolved.is_file():
                front_matter, _ = split_front_matter(resolved.read_text(encoding="utf-8-sig"))
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
            try:
                data = read_topmatter(source)
            except TopmatterReadError:
                data = None
            return data if isinstance(data, dict) else {}, "\n" * end + "\n".join(lines[end + 1 :])
    return {}, source


def render_partial(element: JsxElement) -> None:
    renderer = element.renderer
    category, name = element.text("category", ""), element.text("name", "")
    found = getattr(renderer.sphinx_env, "mdx_partials", {}).get((category, name))
    if found is None:
        element.warn(MdxWarnings.PARTIAL, f"no partial with partial_category {category!r} and partial_name "
                     f"{name!r} in the partials folder; nothing is included")
        return
    include_file(element, Path(found), {key: element.value(key) for key in element.attribute_names
                                        if key not in _NAMING})


def include_file(element: JsxElement, path: Path, props: dict) -> None:
    """``path``'s body rendered where ``element`` stands, reading ``props`` as its ``{props.x}``; the
    page is read again when the file changes. Imports in the file are read from the file's folder."""
    renderer = element.renderer
    renderer.sphinx_env.note_dependency(str(path))
    _, body = split_front_matter(path.read_text(encoding="utf-8-sig"))
    saved = renderer.md_env.get(PROPS_KEY), renderer.md_env.get(CURRENT_FILE_KEY)
    renderer.md_env[PROPS_KEY], renderer.md_env[CURRENT_FILE_KEY] = props, path
    try:
        renderer.nested_render_text(body, element.line)
    finally:
        renderer.md_env[PROPS_KEY], renderer.md_env[CURRENT_FILE_KEY] = saved


COMPONENTS = [Component("PartialsComponent", render_partial, attributes=None)]


def setup_partials(app: Sphinx) -> None:
    app.add_config_value("mdx_partials_dir", "", "env", types=[str])
    app.connect("env-before-read-docs", index_partials)
