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

import re
from html import escape
from itertools import takewhile
from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from myst_parser.config.main import TopmatterReadError
from myst_parser.parsers.directives import YAML_LOAD_ERRORS
from sphinx.application import Sphinx

from .mojibake import joined_surrogates
from .syntax.tags import strip_markup
from .warnings_ import MdxWarnings, warn

FULL_WIDTH_CSS = "mdx-full-width.css"
#: YAML nested deeper is refused. MyST (its front matter fields) and this extension walk values
#: recursively; PyYAML's own parser gave up at about 450 levels, libyaml takes 1,000.
MAX_YAML_DEPTH = 100


def _joining_surrogates(loader_class: type) -> type:
    """``loader_class`` with a string's escaped surrogate pair (``"\\uD83D\\uDE80"``) one character."""
    loader = type(f"Joining{loader_class.__name__}", (loader_class,), {})
    loader.add_constructor("tag:yaml.org,2002:str", lambda self, node: joined_surrogates(self.construct_scalar(node)))
    return loader


#: An escape of half a character (``\\uD83D``), which libyaml refuses and PyYAML's own parser reads.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
#: The safe loaders, first libyaml's where PyYAML was built with it (its wheels are): several times
#: faster (front matter was a tenth of the time a page took to read), but it refuses an escaped
#: surrogate that PyYAML's own parser, which MyST uses, reads: that one reads such YAML then.
_LOADERS = tuple(_joining_surrogates(loader) for loader in dict.fromkeys(
    (getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader)))


class YamlTooDeep(yaml.YAMLError):
    """YAML nested more than ``MAX_YAML_DEPTH`` levels deep."""


def load_yaml(text: str) -> Any:
    """``text`` read as ``yaml.safe_load`` reads it, nested at most ``MAX_YAML_DEPTH`` deep."""
    *faster, last = _LOADERS
    for loader in faster:
        try:
            return _load_bounded(text, loader)
        except YamlTooDeep:
            raise
        except yaml.YAMLError:
            if not _SURROGATE_ESCAPE.search(text):
                raise
    return _load_bounded(text, last)


def _load_bounded(text: str, loader: type) -> Any:
    """The depth is counted on the parser's events, where an alias is one event, never expanded."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise YamlTooDeep(f"nested more than {MAX_YAML_DEPTH} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return yaml.load(text, Loader=loader)  # noqa: S506 (a safe loader)


def read_front_matter(text: str) -> dict[str, Any] | None:
    """The front matter of the page ``text``, as MyST's ``read_topmatter`` reads it: the lines
    after a first line ``---``, up to one that starts with ``---`` or ``...``, without their trailing
    spaces. None without front matter; ``TopmatterReadError`` when it is no YAML mapping."""
    if not text.startswith("---"):
        return None
    body = takewhile(lambda line: not line.startswith(("---", "...")), text.splitlines()[1:])
    block = "".join(f"{line.rstrip()}\n" for line in body)
    try:
        data = load_yaml(block)
    except YAML_LOAD_ERRORS as error:
        raise TopmatterReadError("Malformed YAML") from error
    if not isinstance(data, dict):
        raise TopmatterReadError(f"YAML is not a dict: {type(data)}")
    return data


def front_matter_keys(text: str) -> dict[str, Any]:
    """The front matter of the page ``text``; empty when it has none, or none that reads (the page's
    own build reports that, so readers of other pages' keys stay quiet)."""
    try:
        return read_front_matter(text) or {}
    except TopmatterReadError:
        return {}


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


#: The front matter keys that give a page's navigation label, the first that has a value.
LABEL_KEYS = ("sidebar_label", "title")


def label_line(env, docname: str) -> int:
    """The front matter line of the page's navigation label, for warnings about it (1 without one)."""
    metadata = env.metadata.get(docname, {})
    key = next((key for key in LABEL_KEYS if first_text(metadata, key)), None)
    return key_line(_page_text(env, docname), key) if key else 1


def key_line(source: str, key: str) -> int:
    """The line of ``key:`` in the front matter of the page ``source``."""
    for number, line in enumerate(source.splitlines(), start=1):
        if line.lstrip().startswith(f"{key}:"):
            return number
        if number > 1 and line.startswith("---"):
            break
    return 1


def _page_text(env, docname: str) -> str:
    with open(env.doc2path(docname), encoding="utf-8-sig") as source:
        return source.read()


def apply_front_matter(app: Sphinx, doctree: nodes.document) -> None:
    """After the title collector: markup reported, the navigation label, the hidden contents."""
    env = app.env
    metadata = env.metadata[env.docname]
    for key in TEXT_KEYS:
        value = str(metadata.get(key, ""))
        if strip_markup(value) != value:
            warn(MdxWarnings.HTML, f"front matter {key} holds markup; it is shown as text, escaped",
                 (env.docname, key_line(_page_text(env, env.docname), key)))
    title = first_text(metadata, *LABEL_KEYS)
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
