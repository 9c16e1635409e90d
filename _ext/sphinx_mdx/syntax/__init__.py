"""markdown-it rules for MDX, one plugin per folder, and the tag tokenizer they share."""

from __future__ import annotations

from collections.abc import Callable, Container

from markdown_it import MarkdownIt

from .admonitions import admonitions_plugin
from .data_references import data_references_plugin
from .eager_load import eager_load_plugin
from .esm import esm_plugin
from .fence_meta import fence_meta_plugin
from .flat_containers import flat_containers_plugin
from .inline_lines import inline_lines_plugin
from .jsx_flow import jsx_flow_plugin
from .heading_ids import heading_ids_plugin
from .jsx_inline import jsx_inline_plugin
from .mdx_comments import mdx_comments_plugin
from .myst_role import myst_role_plugin
from .paragraph_scan import paragraph_scan_plugin
from .remark_emphasis import remark_emphasis_plugin
from .remark_lists import remark_lists_plugin
from .remark_tables import remark_tables_plugin
from .title_heading import title_heading_plugin

#: markdown-it drops all content nested deeper than its maxNesting (20 in the CommonMark
#: preset); MDX elements nest too, so allow more (they are flattened before this depth).
MAX_NESTING = 100


def remark_dialect(md: MarkdownIt) -> None:
    """MDX v1's Markdown: remark-parse 8's, where it is not CommonMark's."""
    md.use(remark_emphasis_plugin)
    md.use(remark_lists_plugin)
    md.use(remark_tables_plugin)


def docusaurus_dialect(md: MarkdownIt) -> None:
    """Docusaurus's Markdown (MDX 3): CommonMark, with admonitions, MDX comments, ``{props.x}``,
    code fence options, image hints, heading ids, and the front matter's title as the heading of a page
    without one. MDX 3 has no indented code: an indented line is text, an indented fence a fence
    (markdown-it's rules then take any indentation, as micromark does without indented code)."""
    md.disable("code")
    md.use(admonitions_plugin)
    md.use(mdx_comments_plugin)
    md.use(data_references_plugin)
    md.use(fence_meta_plugin)
    md.use(eager_load_plugin)
    md.use(heading_ids_plugin)
    md.use(title_heading_plugin)


def mdx_plugin(
    md: MarkdownIt,
    inline_names: Container[str],
    components: Container[str] = (),
    dialect: Callable[[MarkdownIt], None] = remark_dialect,
) -> None:
    """Teach ``md`` MDX: ESM blocks and JSX/HTML elements replace raw HTML.

    ``inline_names`` are the elements that live inside a paragraph; ``components`` the known
    component names (a malformed tag of one is reported rather than shown silently);
    ``dialect`` the Markdown rules of the pages' flavour (MDX v1's by default).
    """
    md.options["maxNesting"] = max(md.options["maxNesting"], MAX_NESTING)
    md.disable(["html_block", "html_inline"], ignoreInvalid=True)
    md.use(flat_containers_plugin)
    md.use(myst_role_plugin)
    md.use(esm_plugin)
    md.use(jsx_flow_plugin, inline_names)
    md.use(jsx_inline_plugin, components)
    dialect(md)
    md.use(inline_lines_plugin)
    md.use(paragraph_scan_plugin)
