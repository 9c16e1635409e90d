"""markdown-it rules for MDX v1, one plugin per folder, and the tag tokenizer they share."""

from __future__ import annotations

from collections.abc import Container

from markdown_it import MarkdownIt

from .esm import esm_plugin
from .flat_containers import flat_containers_plugin
from .inline_lines import inline_lines_plugin
from .jsx_flow import jsx_flow_plugin
from .jsx_inline import jsx_inline_plugin
from .myst_role import myst_role_plugin
from .remark_emphasis import remark_emphasis_plugin
from .remark_lists import remark_lists_plugin
from .remark_tables import remark_tables_plugin

#: markdown-it drops all content nested deeper than its maxNesting (20 in the CommonMark
#: preset); MDX elements nest too, so allow more (they are flattened before this depth).
MAX_NESTING = 100


def mdx_plugin(md: MarkdownIt, inline_names: Container[str], components: Container[str] = ()) -> None:
    """Teach ``md`` MDX v1: ESM blocks and JSX/HTML elements replace raw HTML.

    ``inline_names`` are the elements that live inside a paragraph; ``components`` the known
    component names (a malformed tag of one is reported rather than shown silently).
    """
    md.options["maxNesting"] = max(md.options["maxNesting"], MAX_NESTING)
    md.disable(["html_block", "html_inline"], ignoreInvalid=True)
    md.use(flat_containers_plugin)
    md.use(myst_role_plugin)
    md.use(esm_plugin)
    md.use(jsx_flow_plugin, inline_names)
    md.use(jsx_inline_plugin, components)
    md.use(remark_emphasis_plugin)
    md.use(remark_lists_plugin)
    md.use(remark_tables_plugin)
    md.use(inline_lines_plugin)
