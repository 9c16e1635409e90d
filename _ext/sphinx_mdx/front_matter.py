"""librarium's front matter keys, given their meaning in the built site.

``metaTitle`` is the HTML ``<title>`` and ``og:title``; ``metaDescription`` the
description metadata; ``title`` the page's label in the navigation (the ``#``
heading stays the page's heading); ``hideToC`` hides Furo's contents sidebar;
``fullWidth`` widens the content; ``hiddenFromNav`` keeps a page out of the
navigation. Docusaurus's keys mean the same: ``sidebar_label`` (before ``title``),
``description``, ``hide_table_of_contents``, ``sidebar_class_name: hide-from-sidebar``.
Other keys stay page metadata.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .syntax.tags import strip_markup
from .warnings_ import MdxWarnings, warn

FULL_WIDTH_CSS = "mdx-full-width.css"


def flag(metadata: dict[str, Any], key: str) -> bool:
    """A yes/no key; only a scalar can say yes (a YAML alias bomb is never expanded)."""
    value = metadata.get(key)
    if not isinstance(value, str | bool | int):
        return False
    return str(value).strip().lower() in ("true", "1", "yes")


#: Front matter values shown as text (in <title>, <meta>, the navigation); markup in them is
#: shown escaped, as librarium did, and reported.
TEXT_KEYS = ("title", "metaTitle", "metaDescription", "sidebar_label", "description")
#: Docusaurus's class that keeps a page out of the sidebar.
HIDE_FROM_SIDEBAR = "hide-from-sidebar"


def hidden_from_sidebar(metadata: dict[str, Any]) -> bool:
    """Docusaurus's ``sidebar_class_name: hide-from-sidebar`` (among other classes, maybe)."""
    classes = metadata.get("sidebar_class_name")
    return isinstance(classes, str) and HIDE_FROM_SIDEBAR in classes.split()


def first_text(metadata: dict[str, Any], *keys: str) -> str:
    """The first of ``keys`` with a value: librarium's MDX v1 key, then Docusaurus's."""
    return next((text for key in keys if (text := str(metadata.get(key, "")).strip())), "")


def key_line(source: str, key: str) -> int:
    """The line of ``key:`` in the front matter of the page ``source``."""
    for number, line in enumerate(source.splitlines(), start=1):
        if line.lstrip().startswith(f"{key}:"):
            return number
        if number > 1 and line.startswith("---"):
            break
    return 1


def _source(app: Sphinx) -> str:
    with open(app.env.doc2path(app.env.docname), encoding="utf-8-sig") as source:
        return source.read()


def apply_front_matter(app: Sphinx, doctree: nodes.document) -> None:
    """After the title collector: markup reported, the navigation label, the hidden contents."""
    env = app.env
    metadata = env.metadata[env.docname]
    for key in TEXT_KEYS:
        value = str(metadata.get(key, ""))
        if strip_markup(value) != value:
            warn(MdxWarnings.HTML, f"front matter {key} holds markup; it is shown as text, escaped",
                 (env.docname, key_line(_source(app), key)))
    title = first_text(metadata, "sidebar_label", "title")
    if title:
        env.titles[env.docname] = nodes.title(title, title)
        toc = env.tocs.get(env.docname)
        entry = next(toc.findall(nodes.reference), None) if toc is not None else None
        if entry is not None:
            entry[:] = [nodes.Text(title)]
    if flag(metadata, "hideToC") or flag(metadata, "hide_table_of_contents"):
        metadata["hide-toc"] = True
    hidden_from_nav = getattr(env.project, "hidden_from_nav", None)
    if hidden_from_nav is not None and hidden_from_nav(Path(env.doc2path(env.docname))):
        metadata["orphan"] = True  # in no navigation, on purpose: no "not in any toctree" warning


def add_page_metadata(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    metadata = app.env.metadata.get(pagename, {})
    meta_title = str(metadata.get("metaTitle", "")).strip()
    description = first_text(metadata, "metaDescription", "description")
    tags = []
    if meta_title:
        context["mdx_meta_title"] = meta_title
        tags += [("property", "og:title", meta_title), ("name", "twitter:title", meta_title)]
    if description:
        tags += [
            ("name", "description", description),
            ("property", "og:description", description),
            ("name", "twitter:description", description),
        ]
    if tags:
        context["metatags"] = context.get("metatags", "") + "".join(
            f'\n<meta {attribute}="{name}" content="{escape(value)}" />' for attribute, name, value in tags
        )
    if flag(metadata, "fullWidth"):
        app.add_css_file(FULL_WIDTH_CSS)


def setup_front_matter(app: Sphinx) -> None:
    app.connect("doctree-read", apply_front_matter, priority=600)
    app.connect("html-page-context", add_page_metadata)
