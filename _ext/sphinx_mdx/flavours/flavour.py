"""What sets one flavour of MDX pages apart from another."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from ..components.shared import Component


@dataclass(frozen=True)
class Flavour:
    name: str
    #: The Markdown rules of the flavour's parser, on top of the MDX rules all flavours share.
    dialect: Callable[[MarkdownIt], None]
    #: The components its pages use, by name.
    components: Mapping[str, Component]
    #: Whether components work without an ``import`` line (Docusaurus makes them global).
    global_components: bool
    #: Whether a page named as its folder is the folder's page (``clusters/clusters.md`` at ``/clusters/``).
    folder_index_pages: bool
    #: Where a page goes among its siblings in the navigation: a sort key from the content folder
    #: and the page's path below its parent's folder (``("04-clusters", "01-aws.md")``).
    navigation_order: Callable[[Path, Path, tuple[str, ...]], tuple]
    #: Whether a folder above the page (below the content folder) keeps it out of the navigation.
    hidden_folder: Callable[[Path, Path], bool]

    @property
    def inline_components(self) -> frozenset[str]:
        """The components that live inside a paragraph."""
        return frozenset(name for name, component in self.components.items() if component.inline)
