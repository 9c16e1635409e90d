"""librarium until 2023: Gatsby and MDX v1, whose Markdown is remark-parse 8's and whose pages
import each component they use."""

from __future__ import annotations

from ..components import COMPONENTS
from ..syntax import remark_dialect
from .flavour import Flavour

MDX1 = Flavour("mdx1", dialect=remark_dialect, components=COMPONENTS, global_components=False)
