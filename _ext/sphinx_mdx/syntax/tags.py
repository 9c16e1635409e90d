"""A tokenizer for JSX and HTML tags, as MDX v1 pages write them.

It reads one tag at a given offset of the source and reports where it ends, so
the markdown-it rules that call it keep exact positions (and so line numbers).
Attribute values are kept as source text; :mod:`sphinx_mdx.attributes` gives
them meaning.

Pages may be written to be slow: thousands of tags never closed, braces never
closed. A :class:`TagScanner` reads one source and remembers what each scan
learnt about the positions it passed, so that no position is read more than a
bounded number of times and parsing stays linear in the page's size.
"""

from __future__ import annotations

import enum
import re
from bisect import bisect_left
from dataclasses import dataclass, field

_NAME = re.compile(r"[A-Za-z][\w-]*(?:[ \t]*\.[ \t]*[A-Za-z][\w-]*)*")
_ATTR_NAME = re.compile(r"[A-Za-z_:][\w:.-]*")
_UNQUOTED_VALUE = re.compile(r"[^\s\"'=<>`{}]+")
_SPACE = re.compile(r"\s*")
#: Tags without attributes (``<b>``, ``</b>``, ``<br />``): most tags, read in one match.
_PLAIN_OPEN = re.compile(r"<([A-Za-z][\w-]*)\s*(/ ?)?>")
_PLAIN_CLOSE = re.compile(r"</([A-Za-z][\w-]*)\s*>")
#: What an expression scan stops at: braces and the quotes that start strings.
_EXPRESSION_STOP = re.compile(r"[{}\"'`]")
#: What a string scan stops at, by quote: its end, an escape, a line break (which ends no template).
_STRING_STOP = {'"': re.compile(r'["\\\n]'), "'": re.compile(r"['\\\n]"), "`": re.compile(r"[`\\]")}
#: The syntax of tags, comments and attributes, for :func:`markup_words`.
_MARKUP_SYNTAX = re.compile(r"<!--|-->|</?[A-Za-z][\w.-]*|/?>|[A-Za-z_:][\w:.-]*=(?=[\"'{])|[{}\"'`]")

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


def _ends_implied(side: int) -> dict[str, list[str]]:
    """For the lowercased name of an opening (``side`` 0) or closing tag (1): the IMPLIED_END elements it ends."""
    ends: dict[str, list[str]] = {}
    for implied, ended_by in IMPLIED_END.items():
        for name in ended_by[side]:
            ends.setdefault(name, []).append(implied)
    return ends


_ENDS_IMPLIED_OPENING, _ENDS_IMPLIED_CLOSING = _ends_implied(0), _ends_implied(1)


class ValueKind(enum.Enum):
    STRING = "string"
    EXPRESSION = "expression"
    BARE = "bare"


@dataclass(frozen=True, slots=True)
class Attribute:
    """One attribute as written: ``name="s"``, ``name={expr}`` or ``name``."""

    name: str
    kind: ValueKind
    #: The string's content, or the expression's source without its braces.
    value: str
    #: Newlines between the start of the tag and this attribute.
    line_offset: int = 0


@dataclass(frozen=True, slots=True)
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


#: What ``TagScanner._after`` gives for an offset no run started from or passed.
_UNREAD = object()


class _Item:
    """A tag, code span or comment (``tag`` None) that a search for closing tags steps over."""

    __slots__ = ("start", "end", "tag", "run", "index")

    def __init__(self, start: int, end: int, tag: Tag | None, run: _Run, index: int) -> None:
        self.start, self.end, self.tag, self.run, self.index = start, end, tag, run, index


class _Run:
    """Items read one after another from one position, up to the end of an item that an earlier
    run read (``then`` is the item after it; None at the scanner's limit), with the open and
    close tags indexed by name."""

    __slots__ = ("items", "starts", "by_name", "by_implied", "then")

    def __init__(self) -> None:
        self.items: list[_Item] = []
        self.starts: list[int] = []
        #: Indexes of the open and close tags, by exact name.
        self.by_name: dict[str, list[int]] = {}
        #: Indexes of the tags that end an element of IMPLIED_END, by that element.
        self.by_implied: dict[str, list[int]] = {}
        self.then: _Item | None = None

    def add(self, start: int, end: int, tag: Tag | None) -> _Item:
        index = len(self.items)
        item = _Item(start, end, tag, self, index)
        self.items.append(item)
        self.starts.append(start)
        if tag is not None and tag.kind is not TagKind.SELF_CLOSING:
            if tag.name in self.by_name:
                self.by_name[tag.name].append(index)
            else:
                self.by_name[tag.name] = [index]
            ends_implied = _ENDS_IMPLIED_OPENING if tag.kind is TagKind.OPEN else _ENDS_IMPLIED_CLOSING
            for implied in ends_implied.get(tag.name.lower(), ()):
                self.by_implied.setdefault(implied, []).append(index)
        return item


class TagScanner:
    """Tags, comments, expressions and closing tags of one source, read up to ``limit``.

    Every answer is the one a fresh scan would give; what a scan learns on its way is kept:
    a tag read at an offset, the ``}`` of every ``{`` an expression scan walks over, and
    the tags, code spans and comments a search for a closing tag steps over. Those items
    form runs that later searches join instead of reading the source again, and each
    closing tag is found from the runs' indexes by name, for all elements at once.
    """

    def __init__(self, src: str, limit: int | None = None) -> None:
        self.src = src
        self.limit = len(src) if limit is None else limit
        #: offset of "<": (limit of the scan, the tag or None), valid for every limit (see scan_tag).
        self._tags: dict[int, tuple[int, Tag | None]] = {}
        #: offset of "{": (limit of the scan, offset after its "}" or None).
        self._expressions: dict[int, tuple[int, int | None]] = {}
        #: The last search for "-->": (searched from, up to, where found or -1).
        self._comment_search = (0, -1, -1)
        #: For an offset where reading starts afresh (a run's start, an item's end): the next item.
        self._after: dict[int, _Item | None] = {}
        #: For an open tag: the first close of its name from there on that closes no element
        #: opened after it, the end of the level it is on.
        self._level_ends: dict[_Item, _Item | None] = {}
        self._within: dict[int, TagScanner] = {}

    def scan_comment(self, pos: int, end: int) -> Comment | None:
        """Read an HTML comment starting at ``pos``, or return None."""
        if not self.src.startswith("<!--", pos, end):
            return None
        start = pos + 4
        searched_from, searched_to, found = self._comment_search
        if not (searched_from <= start and (start <= found or (found == -1 and end <= searched_to))):
            found = self.src.find("-->", start, end)
            self._comment_search = (start, end, found)  # a run of "<!--" without "-->" is searched once
        if found == -1 or found + 3 > end:
            return None
        return Comment(pos, found + 3)

    def scan_tag(self, pos: int, end: int) -> Tag | None:
        """Read the tag starting at ``src[pos] == "<"``; None if it is not one.

        Text such as ``a < b`` or ``<Location of the gateway from step #2>`` is
        not a tag, so MDX v1 showed it as text and so do we. A tag read up to one
        limit is the tag up to any limit it ends before; text that was no tag up to
        a limit is none up to a nearer one.
        """
        known = self._tags.get(pos)
        if known is not None:
            limit, tag = known
            if tag is not None:
                return tag if tag.end <= end else None
            if end <= limit:
                return None
        tag = self._read_tag(pos, end)
        self._tags[pos] = (end, tag)
        return tag

    def scan_spaced_tag(self, pos: int, line_end: int) -> Tag | None:
        """Read a tag with white space after its ``<`` (``< br />``), up to the line's end only.

        JSX allows the space, and MDX v1 read such a tag when it stood alone on its line.
        """
        return self._read_tag(pos, line_end, spaced=True)

    def _read_tag(self, pos: int, end: int, spaced: bool = False) -> Tag | None:
        src = self.src
        if pos >= end or src[pos] != "<":
            return None
        if not spaced:
            plain = _PLAIN_OPEN.match(src, pos, end)
            if plain is not None:
                name = plain.group(1)
                self_closing = plain.group(2) is not None or name.lower() in VOID_ELEMENTS
                return Tag(name, TagKind.SELF_CLOSING if self_closing else TagKind.OPEN, pos, plain.end())
            plain = _PLAIN_CLOSE.match(src, pos, end)
            if plain is not None:
                return Tag(plain.group(1), TagKind.CLOSE, pos, plain.end())
        i = _SPACE.match(src, pos + 1, end).end() if spaced else pos + 1
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
        line_offset, counted_to = 0, pos
        while True:
            after_space = _SPACE.match(src, i, end).end()
            if after_space >= end:
                return None
            char = src[after_space]
            if char == ">":
                kind = TagKind.SELF_CLOSING if name.lower() in VOID_ELEMENTS else TagKind.OPEN
                return Tag(name, kind, pos, after_space + 1, tuple(attributes))
            if src.startswith("/>", after_space, end) or src.startswith("/ >", after_space, end):
                close = src.index(">", after_space)
                return Tag(name, TagKind.SELF_CLOSING, pos, close + 1, tuple(attributes))
            if after_space == i:
                return None  # attributes must be separated by white space
            line_offset += src.count("\n", counted_to, after_space)  # counted on, so a long tag stays linear
            counted_to = after_space
            attribute, i = self._scan_attribute(after_space, end, line_offset)
            if attribute is None:
                return None
            attributes.append(attribute)

    def _scan_attribute(self, pos: int, end: int, line_offset: int) -> tuple[Attribute | None, int]:
        src = self.src
        if src[pos] == "{":  # a spread such as {...props}
            close = self.scan_expression(pos, end)
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
            close = self.scan_expression(i, end)
            if close is None:
                return None, pos
            return Attribute(name, ValueKind.EXPRESSION, src[i + 1 : close - 1], line_offset), close
        value = _UNQUOTED_VALUE.match(src, i, end)
        if value is None:
            return None, pos
        return Attribute(name, ValueKind.STRING, value.group(), line_offset), value.end()

    def scan_expression(self, pos: int, end: int) -> int | None:
        """Return the offset just after the ``}`` matching ``src[pos] == "{"``.

        Braces inside JavaScript strings and template literals do not count. The
        scan notes the ``}`` (or its absence up to ``end``) of every ``{`` it walks
        over, so ``<a x={ <a x={ ...`` is read once, not once per brace.
        """
        known = self._expressions.get(pos)
        if known is not None:
            limit, close = known
            if close is not None:
                return close if close <= end else None
            if end <= limit:
                return None
        src = self.src
        opened: list[int] = []
        i = pos
        while (stop := _EXPRESSION_STOP.search(src, i, end)) is not None:
            i = stop.start()
            char = src[i]
            if char == "{":
                opened.append(i)
            elif char == "}":
                self._expressions[opened.pop()] = (end, i + 1)
                if not opened:
                    return i + 1
            else:
                i = _skip_string(src, i, end)
                if i is None:
                    break
                continue
            i += 1
        for brace in opened:
            self._expressions[brace] = (end, None)
        return None

    def find_closing(self, pos: int, end: int, name: str) -> Tag | None:
        """Find the closing tag of the element ``name`` whose content starts at ``pos``.

        Nested elements of the same name are counted; code spans are skipped, so
        a tag written inside backticks is not mistaken for markup. For elements
        whose end tag HTML lets authors leave out (``<li>a<li>b</ul>``), the tag
        that ends them implicitly gives an empty closing tag at its position,
        and the end of the parent's content (``end``) ends them too.
        """
        first = self._after.get(pos, _UNREAD)
        if first is _UNREAD:
            first = self._read_run(pos)
        implied = name.lower() in IMPLIED_END
        if implied:
            found = self._implied_end(first, name)
        else:
            named = self._next_named(first, name, inclusive=True)
            found = self._level_ends[named] if named in self._level_ends else self._level_end(named, name)
        if found is not None and found.end <= end:
            if implied and not (found.tag.kind is TagKind.CLOSE and found.tag.name == name):
                return Tag(name, TagKind.CLOSE, found.start, found.start)
            return found.tag
        if end < self.limit and _cut_by(first, end):
            # ``end`` falls inside an item, which a scan up to ``end`` does not read as one
            return self._up_to(end).find_closing(pos, end, name)
        return Tag(name, TagKind.CLOSE, end, end) if implied else None

    def _up_to(self, limit: int) -> TagScanner:
        """The scanner of the same source up to ``limit``; tags and expressions read are shared."""
        scanner = self._within.get(limit)
        if scanner is None:
            scanner = self._within[limit] = TagScanner(self.src, limit)
            scanner._tags, scanner._expressions = self._tags, self._expressions
        return scanner

    def _read_run(self, pos: int) -> _Item | None:
        """Read items from ``pos`` to the end of one an earlier run read, or to the limit; return the first."""
        src, limit = self.src, self.limit
        run = _Run()
        waiting = pos  # the offset whose next item is the next one read
        i = pos
        tick = src.find("`", i, limit)  # found once and moved on, so a run stays linear
        while True:
            lt = src.find("<", i, limit)
            if 0 <= tick < i:
                tick = src.find("`", i, limit)
            if lt == -1 and tick == -1:
                break
            if tick != -1 and (lt == -1 or tick < lt):
                start, tag = tick, None
                backticks_end, item_end = _code_span(src, tick, limit)
                if item_end is None:
                    i = backticks_end  # backticks that no equal run closes are text
                    continue
            else:
                start, tag = lt, None
                comment = self.scan_comment(lt, limit)
                if comment is not None:
                    item_end = comment.end
                else:
                    tag = self.scan_tag(lt, limit)
                    if tag is None:
                        i = lt + 1
                        continue
                    item_end = tag.end
            item = run.add(start, item_end, tag)
            self._after[waiting] = item
            if item_end in self._after:  # an earlier run read on from there
                run.then = self._after[item_end]
                return self._after[pos]
            waiting = i = item_end
        self._after[waiting] = run.then
        return self._after[pos]

    def _next_named(self, item: _Item | None, name: str, inclusive: bool) -> _Item | None:
        """The first open or close tag named ``name`` from ``item`` on (or after it)."""
        index = 0 if item is None else item.index + (0 if inclusive else 1)
        while item is not None:
            run = item.run
            positions = run.by_name.get(name)
            if positions:
                k = bisect_left(positions, index)
                if k < len(positions):
                    return run.items[positions[k]]
            item = run.then
            index = 0 if item is None else item.index
        return None

    def _level_end(self, first: _Item | None, name: str) -> _Item | None:
        """The first close named ``name`` from ``first`` on that closes no element opened on the way.

        An open tag on the way starts a level inside: that level's end is its partner, and
        the walk goes on after it. Every level end found is kept, so each tag is walked over
        once, for all the searches that pass it.
        """
        level_ends = self._level_ends
        levels: list[list[_Item]] = [[]]  # per level being walked, its open tags
        item = first
        while True:
            if item is None:
                level_end = None
            elif item in level_ends:
                level_end = level_ends[item]
            elif item.tag.kind is TagKind.CLOSE:
                level_end = item
            else:
                levels[-1].append(item)
                levels.append([])
                item = self._next_named(item, name, inclusive=False)
                continue
            for opened in levels.pop():
                level_ends[opened] = level_end
            if not levels:
                return level_end
            # ``level_end`` closes the element whose content that level was; its level goes on after it
            item = None if level_end is None else self._next_named(level_end, name, inclusive=False)

    def _implied_end(self, item: _Item | None, name: str) -> _Item | None:
        """The first tag from ``item`` on that ends ``name``, an element of IMPLIED_END:
        one of the tags that end it implicitly, or its own closing tag."""
        implied, index = name.lower(), 0 if item is None else item.index
        while item is not None:
            run = item.run
            found = [
                positions[k]
                for positions in (run.by_implied.get(implied), run.by_name.get(name))
                if positions and (k := bisect_left(positions, index)) < len(positions)
            ]
            if found:
                return run.items[min(found)]
            item = run.then
            index = 0 if item is None else item.index
        return None


def _cut_by(item: _Item | None, offset: int) -> bool:
    """Whether an item from ``item`` on starts before ``offset`` and ends after it."""
    while item is not None:
        run = item.run
        k = bisect_left(run.starts, offset, item.index) - 1
        if k < item.index:
            return False
        if run.items[k].end > offset:
            return True
        if k + 1 < len(run.items):
            return False
        item = run.then
    return False


def _skip_string(src: str, pos: int, end: int) -> int | None:
    stop = _STRING_STOP[src[pos]]
    i = pos + 1
    while (found := stop.search(src, i, end)) is not None:
        char = found.group()
        if char == "\\":
            i = found.end() + 1
        elif char == "\n":
            return None
        else:
            return found.end()
    return None


def _code_span(src: str, pos: int, end: int) -> tuple[int, int | None]:
    """Where the run of backticks at ``pos`` ends, and the code span it opens (None: no equal run closes it)."""
    run_end = pos
    while run_end < end and src[run_end] == "`":
        run_end += 1
    close = src.find(src[pos:run_end], run_end, end)
    return run_end, None if close == -1 else close + run_end - pos


def scan_tag(src: str, pos: int, end: int) -> Tag | None:
    """:meth:`TagScanner.scan_tag`, for one tag."""
    return TagScanner(src).scan_tag(pos, end)


def find_closing(src: str, pos: int, end: int, name: str) -> Tag | None:
    """:meth:`TagScanner.find_closing`, for one element."""
    return TagScanner(src).find_closing(pos, end, name)


def strip_markup(text: str) -> str:
    """``text`` without its tags and comments: what a reader should see of it."""
    scanner = TagScanner(text)
    plain = []
    i = 0
    while (lt := text.find("<", i)) != -1:
        plain.append(text[i:lt])
        markup = scanner.scan_comment(lt, len(text)) or scanner.scan_tag(lt, len(text))
        if markup is None:
            plain.append("<")
            i = lt + 1
        else:
            i = markup.end
    plain.append(text[i:])
    return "".join(plain)


def value_words(tag: Tag) -> str:
    """The words of ``tag``'s attribute values that hold markup (``trigger={<u>x</u>}``), spaced:
    what a reader would lose with the tag where it is dropped."""
    words = " ".join(markup_words(attribute.value) for attribute in tag.attributes
                     if attribute.kind is ValueKind.EXPRESSION and attribute.value.lstrip().startswith("<"))
    return f" {words} " if words else ""


def markup_words(text: str) -> str:
    """``text`` as plain words: the syntax of tags, comments and attributes dropped, every word
    kept, those of attribute values too (for markup too deeply nested to render)."""
    return " ".join(_MARKUP_SYNTAX.sub(" ", text).split())
