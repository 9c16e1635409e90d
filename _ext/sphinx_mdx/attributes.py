"""The meaning of JSX attribute values, without evaluating any JavaScript.

``"s"`` and ``'s'`` are strings, a bare attribute is ``True``, ``{<u>x</u>}``
is inline MDX, and any other ``{...}`` must be a JavaScript literal, which
json5 reads as data. Anything else (a variable, a call, a function) is
refused with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import json5

from .syntax.tags import Attribute, ValueKind


@dataclass(frozen=True)
class Markup:
    """An attribute whose value is MDX to render inline, e.g. ``{<u>word</u>}``."""

    source: str


class NotALiteral(ValueError):
    """The expression is not a JavaScript literal."""


def evaluate(attribute: Attribute) -> Any:
    """Return the value of ``attribute``; raise :class:`NotALiteral` if it has none."""
    if attribute.kind is ValueKind.BARE:
        return True
    if attribute.kind is ValueKind.STRING:
        return attribute.value
    source = attribute.value.strip()
    if source.startswith("<"):
        return Markup(source)
    try:
        return json5.loads(source)
    except ValueError as error:
        raise NotALiteral(f"{{{source}}} is not a JavaScript literal") from error
