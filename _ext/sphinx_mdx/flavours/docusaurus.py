"""librarium since 2023: Docusaurus 3 and MDX 3, whose Markdown is CommonMark (micromark's) with
Docusaurus's admonitions, MDX comments and heading ids, and whose components are global."""

from __future__ import annotations

from ..components import DOCUSAURUS_COMPONENTS
from ..syntax import docusaurus_dialect
from .flavour import Flavour

DOCUSAURUS = Flavour("docusaurus", dialect=docusaurus_dialect, components=DOCUSAURUS_COMPONENTS,
                     global_components=True)
