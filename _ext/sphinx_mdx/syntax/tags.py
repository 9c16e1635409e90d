"""A tokenizer for JSX and HTML tags, as MDX v1 pages write them.

It reads one tag at a given offset of the source and reports where it ends, so
the markdown-it rules that call it keep exact positions (and so line numbers).
Attribute values are kept as source text; :mod:`sphinx_mdx.attributes` gives
them meaning.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

_NAME = re.compile(r"[A-Za-z][\w-]*(?:[ \t]*\.[ \t]*[A-Za-z][\w-]*)*")
_ATTR_NAME = re.compile(r"[A-Za-z_:][\w:.-]*")
_UNQUOTED_VALUE = re.compile(r"[^\s\"'=<>`{}]+")
_SPACE = re.compile(r"\s*")

#: HTML elements that never have a closing tag.
VOID_ELEMENTS = frozenset({"br", "hr", "img", "input", "wbr", "col", "source", "meta", "link"})

#: HTML elements whose closing tag may be left out: the tags that end them implicitly
#: (an opening tag of the first set, or the closing tag of the parent, the second).
IMPLIED_END: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "li": (frozenset({"li"}), frozenset({"ul", "ol"})),
    "td": (frozenset({"td", "th", "tr"}), frozenset({"tr", "tbody", "thead", "table"})),
    "th": (frozenset({"td", "th", "tr"}), frozenset({"tr", "tbody", "thead", "table"})),
    "tr": (frozenset({"tr"}), frozenset({"tbody", "thead", "table"})),
    "p": (frozenset({"p", "ul", "ol", "table", "div", "h1", "h2", "h3", "h4", "h5", "h6"}), frozenset({"div"})),
}


class TagKind(enum.Enum):
    OPEN = "open"
    CLOSE = "close"
    SELF_CLOSING = "self-closing"


class ValueKind(enum.Enum):
    STRING = "string"
    EXPRESSION = "expression"
    BARE = "bare"


@dataclass(frozen=True)
class Attribute:
    """One attribute as written: ``name="s"``, ``name={expr}`` or ``name``."""

    name: str
    kind: ValueKind
    #: The string's content, or the expression's source without its braces.
    value: str
    #: Newlines between the start of the tag and this attribute.
    line_offset: int = 0


@dataclass(frozen=True)
class Tag:
    """One tag: its normalised name, kind, attributes and source span."""

    name: str
    kind: TagKind
    start: int
    end: int
    attributes: tuple[Attribute, ...] = field(default=())

    @property
    def is_component(self) -> bool:
        """JSX components start with a capital letter; HTML elements do not."""
        return self.name[0].isupper()


@dataclass(frozen=True)
class Comment:
    """An HTML comment ``<!-- ... -->``, which MDX v1 drops."""

    start: int
    end: int


def scan_comment(src: str, pos: int, end: int) -> Comment | None:
    """Read an HTML comment starting at ``pos``, or return None."""
    if not src.startswith("<!--", pos):
        return None
    close = src.find("-->", pos + 4, end)
    if close == -1:
        return None
    return Comment(pos, close + 3)


def scan_tag(src: str, pos: int, end: int) -> Tag | None:
    """Read the tag starting at ``src[pos] == "<"``; None if it is not one.

    Text such as ``a < b`` or ``<Location of the gateway from step #2>`` is
    not a tag, so MDX v1 showed it as text and so do we.
    """
    if pos >= end or src[pos] != "<":
        return None
    i = pos + 1
    closing = i < end and src[i] == "/"
    if closing:
        i += 1
    match = _NAME.match(src, i, end)
    if match is None:
        return None
    name = match.group()
    if " " in name or "\t" in name:
        name = re.sub(r"\s+", "", name)
    i = match.end()
    if closing:
        i = _SPACE.match(src, i, end).end()
        if i < end and src[i] == ">":
            return Tag(name, TagKind.CLOSE, pos, i + 1)
        return None
    attributes: list[Attribute] = []
    while True:
        after_space = _SPACE.match(src, i, end).end()
        if after_space >= end:
            return None
        char = src[after_space]
        if char == ">":
            kind = TagKind.SELF_CLOSING if name.lower() in VOID_ELEMENTS else TagKind.OPEN
            return Tag(name, kind, pos, after_space + 1, tuple(attributes))
        if src.startswith("/>", after_space) or src.startswith("/ >", after_space):
            close = src.index(">", after_space)
            return Tag(name, TagKind.SELF_CLOSING, pos, close + 1, tuple(attributes))
        if after_space == i:
            return None  # attributes must be separated by white space
        attribute, i = _scan_attribute(src, after_space, end, pos)
        if attribute is None:
            return None
        attributes.append(attribute)


def _scan_attribute(src: str, pos: int, end: int, tag_start: int) -> tuple[Attribute | None, int]:
    line_offset = src.count("\n", tag_start, pos)
    if src[pos] == "{":  # a spread such as {...props}
        close = scan_expression(src, pos, end)
        if close is None:
            return None, pos
        return Attribute("{...}", ValueKind.EXPRESSION, src[pos + 1 : close - 1], line_offset), close
    match = _ATTR_NAME.match(src, pos, end)
    if match is None:
        return None, pos
    name = match.group()
    i = _SPACE.match(src, match.end(), end).end()
    if i >= end or src[i] != "=":
        return Attribute(name, ValueKind.BARE, "", line_offset), match.end()
    i = _SPACE.match(src, i + 1, end).end()
    if i >= end:
        return None, pos
    quote = src[i]
    if quote in "\"'":
        close = src.find(quote, i + 1, end)
        if close == -1:
            return None, pos
        return Attribute(name, ValueKind.STRING, src[i + 1 : close], line_offset), close + 1
    if quote == "{":
        close = scan_expression(src, i, end)
        if close is None:
            return None, pos
        return Attribute(name, ValueKind.EXPRESSION, src[i + 1 : close - 1], line_offset), close
    value = _UNQUOTED_VALUE.match(src, i, end)
    if value is None:
        return None, pos
    return Attribute(name, ValueKind.STRING, value.group(), line_offset), value.end()


def scan_expression(src: str, pos: int, end: int) -> int | None:
    """Return the offset just after the ``}`` matching ``src[pos] == "{"``.

    Braces inside JavaScript strings and template literals do not count.
    """
    depth = 0
    i = pos
    while i < end:
        char = src[i]
        if char in "\"'`":
            i = _skip_string(src, i, end)
            if i is None:
                return None
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def _skip_string(src: str, pos: int, end: int) -> int | None:
    quote = src[pos]
    i = pos + 1
    while i < end:
        char = src[i]
        if char == "\\":
            i += 2
            continue
        if char == quote:
            return i + 1
        if char == "\n" and quote != "`":
            return None
        i += 1
    return None


def find_closing(
    src: str, pos: int, end: int, name: str, seen: dict[int, tuple[int, Tag | None]] | None = None
) -> Tag | None:
    """Find the closing tag of the element ``name`` whose content starts at ``pos``.

    Nested elements of the same name are counted; code spans are skipped, so
    a tag written inside backticks is not mistaken for markup. For elements
    whose end tag HTML lets authors leave out (``<li>a<li>b</ul>``), the tag
    that ends them implicitly gives an empty closing tag at its position.
    ``seen`` keeps the tags already read from ``src`` (offset: limit, tag), so
    that the elements of a deeply nested page do not each read the rest again.
    """
    seen = {} if seen is None else seen
    opened_by, closed_by = IMPLIED_END.get(name.lower(), (frozenset(), frozenset()))
    depth = 1
    i = pos
    tick = src.find("`", pos, end)  # found once and moved on, so the scan stays linear
    while True:
        lt = src.find("<", i, end)
        if 0 <= tick < i:
            tick = src.find("`", i, end)
        if lt == -1 and tick == -1:
            # the end of the parent's content ends an element whose end tag may be left out
            return Tag(name, TagKind.CLOSE, end, end) if opened_by and depth == 1 else None
        if tick != -1 and (lt == -1 or tick < lt):
            i = _skip_code_span(src, tick, end)
            continue
        i = lt
        comment = scan_comment(src, i, end)
        if comment is not None:
            i = comment.end
            continue
        tag = _read_tag(src, i, end, seen)
        if tag is None:
            i += 1
            continue
        lowered = tag.name.lower()
        if depth == 1 and ((tag.kind is TagKind.OPEN and lowered in opened_by)
                           or (tag.kind is TagKind.CLOSE and lowered in closed_by)):
            return Tag(name, TagKind.CLOSE, tag.start, tag.start)
        if tag.name == name:
            if tag.kind is TagKind.OPEN:
                depth += 1
            elif tag.kind is TagKind.CLOSE:
                depth -= 1
                if depth == 0:
                    return tag
        i = tag.end


def _read_tag(src: str, pos: int, end: int, seen: dict[int, tuple[int, Tag | None]]) -> Tag | None:
    """``scan_tag``, remembered: a tag read up to a farther limit holds if it ends before ``end``;
    text that was no tag up to a farther limit is none up to a nearer one."""
    if pos in seen:
        limit, tag = seen[pos]
        if (tag is not None and tag.end <= end) or (tag is None and limit >= end):
            return tag
    tag = scan_tag(src, pos, end)
    seen[pos] = (end, tag)
    return tag


def _skip_code_span(src: str, pos: int, end: int) -> int:
    run_end = pos
    while run_end < end and src[run_end] == "`":
        run_end += 1
    fence = src[pos:run_end]
    close = src.find(fence, run_end, end)
    return run_end if close == -1 else close + len(fence)


def strip_markup(text: str) -> str:
    """``text`` without its tags and comments: what a reader should see of it."""
    plain = []
    i = 0
    while (lt := text.find("<", i)) != -1:
        plain.append(text[i:lt])
        markup = scan_comment(text, lt, len(text)) or scan_tag(text, lt, len(text))
        if markup is None:
            plain.append("<")
            i = lt + 1
        else:
            i = markup.end
    plain.append(text[i:])
    return "".join(plain)
