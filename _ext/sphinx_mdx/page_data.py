"""The data Docusaurus pages name in text and attribute values: ``props`` (what a page passes to
a partial, see :mod:`.components.partials`) and ``frontMatter`` (the page's own). Only scalar
values are shown; a reference is looked up, never evaluated."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Keys of the markdown-it environment: a partial's props, the page's front matter.
PROPS_KEY = "mdx_props"
FRONT_MATTER_KEY = "mdx_front_matter"
_OBJECTS = {"props": PROPS_KEY, "frontMatter": FRONT_MATTER_KEY}


def lookup(md_env: Mapping[str, Any], name: str, key: str) -> str | None:
    """The value of ``name.key`` (``props.edition``) as text, or None when there is none."""
    value = (md_env.get(_OBJECTS[name]) or {}).get(key)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, str | int | float) else None

