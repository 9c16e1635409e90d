"""librarium since 2023: Docusaurus 3 and MDX 3, whose Markdown is CommonMark (micromark's) with
Docusaurus's admonitions, MDX comments and heading ids, and whose components are global."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from ..components import DOCUSAURUS_COMPONENTS
from ..front_matter import front_matter_keys
from ..links import url_segment
from ..syntax import docusaurus_dialect
from .flavour import Flavour

#: Where a folder's label, position and visibility are kept.
CATEGORY_FILE = "_category_.json"
#: librarium's class for a category kept out of the sidebar.
HIDDEN_CATEGORY = "hidden-category"


def sidebar_order(srcdir: Path, folder: Path, parts: tuple[str, ...]) -> tuple:
    """Docusaurus's order: by ``sidebar_position`` (a page) or the ``position`` of the folder's
    ``_category_.json``, those without one after, then by name (its number prefix dropped)."""
    key = []
    for depth, part in enumerate(parts):
        path = folder.joinpath(*parts[: depth + 1])
        if depth < len(parts) - 1:
            position = category(srcdir / path).get("position")
        else:
            position = page_front_matter(srcdir / path).get("sidebar_position")
        number = position if isinstance(position, int | float) and not isinstance(position, bool) else math.inf
        key.append((number, url_segment(Path(part).stem).lower()))
    return tuple(key)


def category(folder: Path) -> dict:
    """The folder's ``_category_.json``: its keys, or none when it is missing or not an object."""
    return _read_once(folder / CATEGORY_FILE, _category_keys)


def _category_keys(text: str) -> dict:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def in_hidden_category(srcdir: Path, page: Path) -> bool:
    """Whether a folder between the content folder and the page is a hidden category
    (``"className": "hidden-category"`` in its ``_category_.json``, as librarium hides one)."""
    folder = page.parent
    while folder != srcdir and folder.is_relative_to(srcdir):
        class_name = category(folder).get("className")
        if isinstance(class_name, str) and HIDDEN_CATEGORY in class_name.split():
            return True
        folder = folder.parent
    return False


def page_front_matter(path: Path) -> dict:
    return _read_once(path, front_matter_keys)


def _read_once(path: Path, parse: Callable[[str], dict]) -> dict:
    """``parse`` of the file's text, read again only when the file changed: the navigation asks
    for every folder's category and every page's position at each build, and each folder's
    category once per page below it."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return {}
    return _parsed(path, stamp, parse)


@lru_cache(maxsize=4096)
def _parsed(path: Path, stamp: int, parse: Callable[[str], dict]) -> dict:
    try:
        return parse(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return {}


DOCUSAURUS = Flavour("docusaurus", dialect=docusaurus_dialect, components=DOCUSAURUS_COMPONENTS,
                     global_components=True,
                     folder_index_pages=True, navigation_order=sidebar_order,
                     hidden_folder=in_hidden_category)
