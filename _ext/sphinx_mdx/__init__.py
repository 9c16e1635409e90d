"""sphinx_mdx: MDX v1 pages (librarium's) built by Sphinx through MyST."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx_design.extension import STATIC_DIR as SPHINX_DESIGN_STATIC

from .admonitions import setup_admonitions
from .book import setup_book
from .collector import setup_collector
from .components import setup_components
from .flavours import setup_flavours
from .front_matter import setup_front_matter
from .headings import setup_headings
from .html import setup_html
from .latex import setup_latex
from .latex_lines import setup_latex_lines
from .latex_math import setup_latex_math
from .latex_layout import setup_latex_layout
from .links import setup_links
from .media import setup_media
from .mojibake import setup_mojibake
from .navigation import setup_navigation
from .parser import ConfinedRSTParser, MdxParser, parse_before_forking
from .site_tree import setup_site_tree
from .template_cache import setup_template_cache
from .trust import setup_trust
from .warnings_ import setup_warnings
from .writers import setup_writers

__version__ = "0.1.0"

STATIC = Path(__file__).parent / "static"
#: The priority Sphinx's HTML builder gives a CSS or JS file of conf.py.
DEFAULT_ASSET_PRIORITY = 800


def _add_static_and_templates(app: Sphinx, config) -> None:
    """New lists, not appends: a default list is shared by every Sphinx app in one process.

    sphinx-design's folder is listed now although it adds it itself when the builder starts:
    Sphinx compares this configuration with the one it pickled last time, after that addition.
    """
    config.html_static_path = [*config.html_static_path, str(STATIC), str(SPHINX_DESIGN_STATIC)]
    config.templates_path = [*config.templates_path, str(Path(__file__).parent / "templates")]
    for attributes in (attrs for _, attrs in [*config.html_css_files, *config.html_js_files]):
        attributes.setdefault("priority", DEFAULT_ASSET_PRIORITY)  # as the HTML builder will, in place


def _drop_repeated_static_paths(app: Sphinx) -> None:
    """Extensions add their static folders when the builder starts; those already listed (see
    _add_static_and_templates) are dropped again, so the configuration Sphinx pickles is the one
    it reads next time, and an unchanged rebuild does not report a changed configuration."""
    app.config.html_static_path = list(dict.fromkeys(app.config.html_static_path))


def setup(app: Sphinx) -> dict:
    app.setup_extension("myst_parser")
    app.add_source_suffix(".mdx", "markdown", override=True)
    app.add_source_parser(MdxParser, override=True)
    app.add_source_parser(ConfinedRSTParser, override=True)
    app.connect("env-before-read-docs", parse_before_forking)
    setup_flavours(app)
    setup_admonitions(app)
    setup_trust(app)
    setup_warnings(app)
    setup_mojibake(app)
    setup_links(app)
    setup_site_tree(app)
    setup_navigation(app)
    setup_front_matter(app)
    setup_headings(app)
    setup_components(app)
    setup_media(app)
    setup_html(app)  # the pages' accessibility, and its static files mdx-site.css/js
    app.connect("config-inited", _add_static_and_templates, priority=900)
    app.connect("builder-inited", _drop_repeated_static_paths, priority=900)
    setup_template_cache(app)  # compiled templates kept with the environment
    app.add_css_file("mdx.css")
    app.add_js_file("mdx.js", loading_method="defer")
    setup_latex(app)
    setup_latex_lines(app)
    setup_latex_math(app)
    setup_latex_layout(app)
    setup_book(app)
    setup_collector(app)
    setup_writers(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
