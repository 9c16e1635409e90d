"""librarium's image hint ``![A diagram eager-load](/x.webp)``: the word asks its Docusaurus
site to load the image at once and is no part of the description, so it is taken out of the
alt text (which readers see when the image is missing, and screen readers read)."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

HINT = "eager-load"
_HINT = re.compile(rf"\s*\b{HINT}\b")


def eager_load_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("inline", "eager_load", _drop_hint)


def _drop_hint(state: StateCore) -> None:
    for token in state.tokens:
        for image in (child for child in token.children or () if child.type == "image"):
            for text in image.children or ():
                if text.type == "text" and HINT in text.content:
                    text.content = _HINT.sub("", text.content)
            image.content = _HINT.sub("", image.content)
