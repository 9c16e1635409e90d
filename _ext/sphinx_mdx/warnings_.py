"""Every warning the MDX layer gives, one enum member per kind.

Each is logged as ``mdx.<subtype>`` with the page and line, so a project can
silence exactly one kind with ``suppress_warnings = ["mdx.<subtype>"]``.
"""

from __future__ import annotations

import enum
import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

WARNING_TYPE = "mdx"

LOGGER = logging.getLogger(__name__)


class MdxWarnings(enum.Enum):
    UNKNOWN_COMPONENT = "unknown_component"
    """A JSX element names no component the project knows."""
    MISSING_IMPORT = "missing_import"
    """A component is used without an ``import`` (MDX itself would fail)."""
    UNKNOWN_IMPORT = "unknown_import"
    """An ``import`` brings in a name that is no known component."""
    JSX = "jsx"
    """Malformed JSX: an unclosed or stray tag, a misplaced component."""
    ATTRIBUTE = "attribute"
    """An attribute a component does not take, or a value of the wrong kind."""
    EXPRESSION = "expression"
    """A JavaScript expression that is not a literal; never evaluated."""
    HTML = "html"
    """HTML that is not allowed (a tag, ``on*``, ``style``, an unsafe URL)."""
    LINK = "link"
    """A link that cannot be made (an unsafe or malformed URL)."""
    ANCHOR = "anchor"
    """A link to a page of the project names an anchor the page lacks."""
    IMAGE = "image"
    """An image whose file is not there (its alt text is shown instead)."""
    URL = "url"
    """Two pages with the same librarium URL."""
    DIRECTIVE = "directive"
    """A directive or role an untrusted page may not use (its text is shown instead)."""
    FRONT_MATTER = "front_matter"
    """Front matter that would change the configuration of an untrusted page."""
    FILE = "file"
    """A file outside the source folder (never read or copied)."""
    MATH = "math"
    """Math that would read files, define macros or make links (shown as text)."""
    NESTING = "nesting"
    """Directives nested too deep to render as structure (their text is shown)."""
    PARTIAL = "partial"
    """A ``<PartialsComponent>`` naming no partial of the partials folder (nothing is included)."""
    LIVE_DATA = "live_data"
    """A component whose content the live site fetches when the page is read (a link is shown)."""
    ADMONITION = "admonition"
    """A Docusaurus admonition of a type nobody declared (shown as a note)."""
    LATEX = "latex"
    """Content the PDF shows otherwise than written (a code line too long for TeX, cut)."""


def warn(subtype: MdxWarnings, message: str, location) -> None:
    """Log ``message`` as ``mdx.<subtype>`` at ``location`` (a node or ``(docname, line)``)."""
    LOGGER.warning(
        message,
        type=WARNING_TYPE,
        subtype=subtype.value,
        location=_located(location) if isinstance(location, nodes.Node) else location,
    )


def source_and_line(node: nodes.Node) -> tuple[str | None, int | None]:
    """Where ``node`` stands: a node made with no line (a tooltip's body, say) is where its nearest
    ancestor with a line is; (None, None) if none has one."""
    if node.line:
        return node.source, node.line
    source, holder = node.source, node.parent
    while holder is not None and not holder.line:
        source, holder = source or holder.source, holder.parent
    if holder is None or not (source or holder.source):
        return None, None
    return source or holder.source, holder.line


def directive_location(directive, line: int | None = None) -> str:
    """Where a directive, or ``line`` of it, is written: its source as the parser reads it (a partial's
    while the partial is included), not the page's name."""
    source, line = directive.state_machine.get_source_and_line(line or directive.lineno)
    return f"{source}:{line}"


def _located(node: nodes.Node) -> nodes.Node | str:
    source, line = source_and_line(node)
    return node if node.line or line is None else f"{source}:{line}"


def quoted(value: str) -> str:
    """``value`` as a warning quotes it: its repr, cut at 80 characters (a page may write a 200 kB URL)."""
    return repr(value[:80])


#: An option line of a directive, ``:name: value`` (reST, MyST); and a key of MyST's ``---`` block.
_OPTION_LINE = re.compile(r"\s*:([\w-]+):(?:\s|$)")
_YAML_KEY = re.compile(r"([\"']?)([\w-]+)\1:(?:\s|$)")


def option_lines(block_text: str, lineno: int) -> dict[str, int]:
    """Each option's line in a directive's text (``block_text``, whose first line is ``lineno``), by
    the option's name as docutils reads it (lower case), so that a warning about an option names the
    line that gives it (the last, if given twice: MyST keeps the last value): ``:name:`` lines follow
    the first line up to the first blank one; in MyST's ``---`` block, keys at its own indentation up
    to its closing ``---``."""
    lines: dict[str, int] = {}
    written = block_text.splitlines()[1:]
    if written and written[0].strip() == "---":
        block = written[1:next((index for index, text in enumerate(written[1:], start=1) if text.strip() == "---"),
                               len(written))]
        indent = min((len(text) - len(text.lstrip()) for text in block if text.strip()), default=0)
        for offset, text in enumerate(block, start=2):
            if len(text) - len(text.lstrip()) == indent and (found := _YAML_KEY.match(text.lstrip())):
                lines[found.group(2).lower()] = lineno + offset
        return lines
    for offset, text in enumerate(written, start=1):
        if not text.strip():
            break
        if found := _OPTION_LINE.match(text):
            lines[found.group(1).lower()] = lineno + offset
    return lines


#: The nodes whose line Sphinx sets to 0 (``ApplySourceWorkaround``, for its translations), so that
#: a warning about an image would name no line.
_ZEROED_LINES = (nodes.image, nodes.rubric, nodes.line, nodes.field_name)


class NoteLines(SphinxTransform):
    """The lines of the nodes Sphinx is about to set to 0 (its transform runs at 10)."""

    default_priority = 9

    def apply(self, **kwargs) -> None:
        self.document.mdx_lines = [(node, node.line) for node in self.document.findall(
            lambda node: isinstance(node, _ZEROED_LINES) and bool(node.line))]


class RestoreLines(SphinxTransform):
    """Those lines given back, so that warnings about these nodes name their line."""

    default_priority = 11

    def apply(self, **kwargs) -> None:
        for node, line in self.document.__dict__.pop("mdx_lines", ()):
            node.line = node.line or line


def setup_warnings(app: Sphinx) -> None:
    app.add_transform(NoteLines)
    app.add_transform(RestoreLines)
