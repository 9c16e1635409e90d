"""The meaning of JSX attribute values, without evaluating any JavaScript.

``"s"`` and ``'s'`` are strings, a bare attribute is ``True``, ``{<u>x</u>}``
is inline MDX, and any other ``{...}`` must be a JavaScript literal, which
json5 reads as data. Anything else (a variable, a call, a function) is
refused with the reason.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import json5

from .mojibake import joined_surrogates
from .syntax.data_references import REFERENCE
from .syntax.tags import Attribute, ValueKind

#: json5 recurses once per level of nesting: deeper literals are refused before it reads them.
MAX_LITERAL_DEPTH = 20
#: json5 reads about 60 kB a second: longer literals (real ones are under 1 kB) are refused.
MAX_LITERAL_LENGTH = 10_000
#: What a depth count reads: strings and comments (their brackets do not count), opening and closing brackets.
_LITERAL_TOKEN = re.compile(
    r"""\"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|//[^\n]*|/\*.*?(?:\*/|\Z)|([\[{])|([\]}])""", re.DOTALL
)


@dataclass(frozen=True)
class Markup:
    """An attribute whose value is MDX to render inline, e.g. ``{<u>word</u>}``."""

    source: str


class NotALiteral(ValueError):
    """The expression is not a JavaScript literal."""


def evaluate(attribute: Attribute, lookup: Callable[[str, str], Any] | None = None) -> Any:
    """Return the value of ``attribute``; raise :class:`NotALiteral` if it has none.

    ``lookup(name, key)`` gives the value of a data reference such as ``{props.edition}``
    (Docusaurus's partials pass their props on so), or None.
    """
    if attribute.kind is ValueKind.BARE:
        return True
    if attribute.kind is ValueKind.STRING:
        return attribute.value
    source = attribute.value.strip()
    if source.startswith("<"):
        return Markup(source)
    reference = REFERENCE.fullmatch(source)
    if reference is not None and lookup is not None:
        value = lookup(reference.group(1), reference.group(2))
        if value is None:
            raise NotALiteral(f"{{{source}}} has no value here")
        return value
    return read_literal(source)


def read_literal(source: str) -> Any:
    """The JavaScript literal ``source`` (JSON5: objects, lists, strings, numbers), read within
    :data:`MAX_LITERAL_LENGTH` and :data:`MAX_LITERAL_DEPTH`; raise :class:`NotALiteral` if it is
    none, or too long or deep to read."""
    if len(source) > MAX_LITERAL_LENGTH:
        raise NotALiteral(f"a literal of {len(source):,} characters is longer than {MAX_LITERAL_LENGTH:,}")
    if _depth(source) > MAX_LITERAL_DEPTH:
        raise NotALiteral(f"a literal nested deeper than {MAX_LITERAL_DEPTH} levels")
    if not source.strip():
        raise NotALiteral("an empty value is not a JavaScript literal")
    try:
        return _as_javascript_values(json5.loads(source))
    except (ValueError, RecursionError) as error:
        raise NotALiteral(f"{{{source[:80]}}} is not a JavaScript literal") from error


def _as_javascript_values(value: Any) -> Any:
    """``value`` as JavaScript holds it: integers in a double, one past 2**53 a float (infinite past
    1.8e308; Python would keep every digit of ``0xfff...``, and refuse to write one of more than 4,300
    digits as text); strings of UTF-16, so an escaped surrogate pair is one character."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        try:
            return float(value)
        except OverflowError:
            return math.inf if value > 0 else -math.inf
    if isinstance(value, str):
        return joined_surrogates(value)
    if isinstance(value, list):
        return [_as_javascript_values(item) for item in value]
    if isinstance(value, dict):
        return {joined_surrogates(key): _as_javascript_values(item) for key, item in value.items()}
    return value


def _depth(source: str) -> int:
    """How deep the brackets of ``source`` nest, those in strings and comments not counted."""
    depth = deepest = 0
    for token in _LITERAL_TOKEN.finditer(source):
        if token.group(1):
            depth += 1
            deepest = max(deepest, depth)
        elif token.group(2):
            depth -= 1
    return deepest
