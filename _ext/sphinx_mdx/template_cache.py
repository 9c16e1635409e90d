"""Jinja's compiled templates kept with the Python environment the theme is installed in.

Sphinx compiles every template it renders (Furo's page and its partials, the search and index pages)
at each build, in the main process, while the other cores wait: 0.1 s of a build of 66 pages from
scratch. Jinja can keep what it compiled (a bytecode cache, checked against each template's source,
so an edited template is compiled again). The cache is kept as Python keeps the theme's own
bytecode: in the virtual environment (``<venv>/var/cache/sphinx-mdx/``), so a build from scratch,
with a new output folder, finds what an earlier build in the same environment compiled. Its folder
is named after everything else the compiled code depends on (Jinja's and Sphinx's versions and the
environment's syntax and extensions). Outside a virtual environment, or where the environment may
not be written, the cache is in the build's doctree folder, for rebuilds only.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import jinja2
import sphinx
from jinja2 import Environment, FileSystemBytecodeCache
from sphinx.application import Sphinx


def environment_fingerprint(environment: Environment) -> str:
    """A digest of what Jinja's compiled code depends on beyond the template's source, which Jinja
    checks itself, and Python's version, which its cache's header holds."""
    autoescape, finalize = environment.autoescape, environment.finalize
    settings = (
        jinja2.__version__, sphinx.__version__, type(environment).__qualname__, sorted(environment.extensions),
        environment.block_start_string, environment.block_end_string, environment.variable_start_string,
        environment.variable_end_string, environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix, environment.trim_blocks,
        environment.lstrip_blocks, environment.newline_sequence, environment.keep_trailing_newline,
        environment.optimized, environment.is_async,
        autoescape if isinstance(autoescape, bool) else getattr(autoescape, "__qualname__", repr(type(autoescape))),
        finalize if finalize is None else getattr(finalize, "__qualname__", repr(type(finalize))),
    )
    return hashlib.sha256(repr(settings).encode()).hexdigest()[:16]


def environment_cache() -> Path | None:
    """The folder of compiled templates in the virtual environment this process runs in, if any."""
    return Path(sys.prefix) / "var" / "cache" / "sphinx-mdx" if sys.prefix != sys.base_prefix else None


def cache_folder(environment: Environment, doctreedir: str | os.PathLike[str]) -> Path:
    """Where ``environment`` keeps its compiled templates: the virtual environment's cache if this
    process runs in one and may write it, else the build's doctree folder."""
    if (root := environment_cache()) is not None:
        folder = root / f"jinja-{environment_fingerprint(environment)}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        else:
            if os.access(folder, os.W_OK | os.X_OK):
                return folder
    folder = Path(doctreedir) / "mdx-jinja"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _cache_compiled_templates(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is not None and environment.bytecode_cache is None:
        environment.bytecode_cache = FileSystemBytecodeCache(str(cache_folder(environment, app.doctreedir)))


def setup_template_cache(app: Sphinx) -> None:
    app.connect("builder-inited", _cache_compiled_templates)
