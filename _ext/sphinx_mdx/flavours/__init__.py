"""The two kinds of librarium content folder, and which one a build reads.

librarium was a Gatsby site rendering MDX v1 until 2023 and is a Docusaurus site (MDX 3) since.
A folder is Docusaurus's when a ``docusaurus.config.js`` (``.ts``, ``.mjs``) sits in it or in a
folder above it, or when it holds a ``_category_.json`` (or ``.yml``) anywhere: files of
Docusaurus's own that a Gatsby site never had. Otherwise it is MDX v1's. ``mdx_flavour`` in
conf.py (``"mdx1"`` or ``"docusaurus"``; default ``"auto"``) overrides the guess.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from .docusaurus import DOCUSAURUS
from .flavour import Flavour
from .mdx1 import MDX1

__all__ = ["FLAVOURS", "Flavour", "flavour_of", "setup_flavours"]

FLAVOURS = {flavour.name: flavour for flavour in (MDX1, DOCUSAURUS)}
AUTO = "auto"
_SITE_CONFIGS = ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs")
_CATEGORY_FILES = ("_category_.json", "_category_.yml", "_category_.yaml")


def flavour_of(config: Config, srcdir: str | Path) -> Flavour:
    """The flavour of the pages in ``srcdir``, as conf.py sets it or as the folder shows it."""
    setting = config.mdx_flavour
    return FLAVOURS[setting] if setting != AUTO else _detected(str(srcdir))


@lru_cache(maxsize=8)
def _detected(folder: str) -> Flavour:
    """Looked for once per folder and process: the walk reads the whole tree of a folder of MDX v1
    (and the renderer asks for every component, so even resolving the path is done once)."""
    srcdir = Path(folder).resolve()
    if any((above / name).is_file() for above in (srcdir, *srcdir.parents) for name in _SITE_CONFIGS):
        return DOCUSAURUS
    if any(name in _CATEGORY_FILES for _, _, files in os.walk(srcdir) for name in files):
        return DOCUSAURUS
    return MDX1


def _check_setting(app: Sphinx, config: Config) -> None:
    if config.mdx_flavour != AUTO and config.mdx_flavour not in FLAVOURS:
        raise ConfigError(f"mdx_flavour is {config.mdx_flavour!r}; it may be "
                          + ", ".join(repr(name) for name in (AUTO, *FLAVOURS)))


def _exclude_partials(app: Sphinx, config: Config) -> None:
    """Docusaurus makes no page of a file or folder whose name starts with ``_`` (partials)."""
    if flavour_of(config, app.srcdir) is DOCUSAURUS:
        config.exclude_patterns = [*config.exclude_patterns, "_*", "**/_*"]


def setup_flavours(app: Sphinx) -> None:
    app.add_config_value("mdx_flavour", AUTO, "env", types=[str])
    app.connect("config-inited", _check_setting)
    app.connect("config-inited", _exclude_partials)
