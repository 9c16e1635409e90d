"""markdown-it rules for MDX v1, one plugin per folder, and the tag tokenizer they share."""

from __future__ import annotations

from collections.abc import Container

from markdown_it import MarkdownIt

from .esm import esm_plugin
from .inline_lines import inline_lines_plugin
from .jsx_flow import jsx_flow_plugin
from .jsx_inline import jsx_inline_plugin


def mdx_plugin(md: MarkdownIt, inline_names: Container[str]) -> None:
    """Teach ``md`` MDX v1: ESM blocks and JSX/HTML elements replace raw HTML."""
    md.disable(["html_block", "html_inline"], ignoreInvalid=True)
    md.use(esm_plugin)
    md.use(jsx_flow_plugin, inline_names)
    md.use(jsx_inline_plugin)
    md.use(inline_lines_plugin)
