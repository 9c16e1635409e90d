"""librarium until 2023: Gatsby and MDX v1, whose Markdown is remark-parse 8's and whose pages
import each component they use."""

from __future__ import annotations

from pathlib import Path

from ..components import COMPONENTS
from ..links import segment_order
from ..syntax import remark_dialect
from .flavour import Flavour

def file_order(srcdir: Path, folder: Path, parts: tuple[str, ...]) -> tuple:
    """librarium's order: by the numeric prefixes of the folders and the file (``02.5-x``)."""
    return tuple(segment_order(part) for part in (*parts[:-1], Path(parts[-1]).stem))


def no_hidden_folders(srcdir: Path, page: Path) -> bool:
    """librarium hid pages one by one (``hiddenFromNav``), never a folder."""
    return False


MDX1 = Flavour("mdx1", dialect=remark_dialect, components=COMPONENTS, global_components=False,
            folder_index_pages=False, navigation_order=file_order,
            hidden_folder=no_hidden_folders)
