"""Jinja's compiled templates: the installed theme's kept in the virtual environment, as its bytecode is.

Sphinx compiles every template it renders (Furo's page and its partials, the search and index pages)
at each build, in the main process, while the other cores wait: 0.1 s of a build of 66 pages from
scratch. Jinja can keep what it compiled (a bytecode cache, checked against each template's source
and Python's version, so an edited template is compiled again).

Templates installed in the virtual environment the build runs in (Sphinx's, the theme's) are kept
there (``<venv>/var/cache/sphinx-mdx/``), so a build from scratch, with a new output folder, finds what
an earlier build compiled. Their folder is named after what else compiled code depends on, read when
the first template is loaded, once every extension has set the environment up: Jinja's and Sphinx's
versions, the environment's syntax, extensions and policies, and each filter and test it has (Jinja
computes a filter of constants once, when it compiles). The project's own templates, and every
template outside a virtual environment or where it may not be written, are kept in the build's
doctree folder, for its rebuilds only, as before.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import Any

import jinja2
import sphinx
from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket
from sphinx.application import Sphinx


def _identity(value: Any) -> str:
    """``value`` as a digest may hold it: a function by its name, anything else by its repr."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    return repr(value)


def environment_fingerprint(environment: Environment) -> str:
    """A digest of what Jinja's compiled code depends on beyond the template's source and Python's version."""
    functions = [(kind, name, _identity(function), getattr(function, "jinja_pass_arg", None))
                 for kind, table in (("filter", environment.filters), ("test", environment.tests))
                 for name, function in sorted(table.items())]
    settings = (
        jinja2.__version__, sphinx.__version__, type(environment).__qualname__, sorted(environment.extensions),
        environment.block_start_string, environment.block_end_string, environment.variable_start_string,
        environment.variable_end_string, environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix, environment.trim_blocks,
        environment.lstrip_blocks, environment.newline_sequence, environment.keep_trailing_newline,
        environment.optimized, environment.is_async, _identity(environment.autoescape),
        _identity(environment.finalize), sorted((key, _identity(value)) for key, value in environment.policies.items()),
        getattr(environment, "newstyle_gettext", None), functions,
    )
    return hashlib.sha256(repr(settings).encode()).hexdigest()[:16]


def venv_template_caches() -> Path | None:
    """The folder holding the compiled templates of the virtual environment this process runs in, if any."""
    return Path(sys.prefix) / "var" / "cache" / "sphinx-mdx" if sys.prefix != sys.base_prefix else None


def _installed(filename: str | None) -> bool:
    """Whether a template's file is installed in the virtual environment this process runs in."""
    return filename is not None and venv_template_caches() is not None and Path(filename).is_relative_to(sys.prefix)


class CompiledTemplates(BytecodeCache):
    """Jinja's bytecode cache in two places: the virtual environment's for installed templates, the
    build's for the others and whenever the environment's cannot be made or written."""

    def __init__(self, environment: Environment, doctreedir: str | os.PathLike[str]) -> None:
        self.environment = environment
        self.build = FileSystemBytecodeCache(str(_made(Path(doctreedir) / "mdx-jinja")))
        self._venv: FileSystemBytecodeCache | None = None
        self._venv_tried = False
        self._loading_installed = False

    def venv(self) -> FileSystemBytecodeCache | None:
        """The virtual environment's cache, named when first asked for (every extension has set the
        environment up by then); None where there is none or it cannot be made."""
        if not self._venv_tried:
            self._venv_tried = True
            if (root := venv_template_caches()) is not None:
                try:
                    folder = _made(root / f"jinja-{environment_fingerprint(self.environment)}")
                except OSError:
                    return None
                self._venv = FileSystemBytecodeCache(str(folder))
        return self._venv

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        """Jinja's bucket for the template, loaded from where a template of its place is kept."""
        self._loading_installed = _installed(filename)
        bucket = super().get_bucket(environment, name, filename, source)
        bucket.mdx_installed = self._loading_installed
        return bucket

    def _caches(self, installed: bool) -> list[FileSystemBytecodeCache]:
        venv = self.venv() if installed else None
        return [venv, self.build] if venv is not None else [self.build]

    def load_bytecode(self, bucket: Bucket) -> None:
        for cache in self._caches(self._loading_installed):
            cache.load_bytecode(bucket)
            if bucket.code is not None:
                return

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keeps the compiled template where it belongs, else in the build; a cache that cannot be
        written (a full disk, a read-only mount) never stops the build."""
        for cache in self._caches(bucket.mdx_installed):
            try:
                cache.dump_bytecode(bucket)
                return
            except OSError:
                continue


def _made(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _cache_compiled_templates(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is not None and environment.bytecode_cache is None:
        environment.bytecode_cache = CompiledTemplates(environment, app.doctreedir)


def setup_template_cache(app: Sphinx) -> None:
    app.connect("builder-inited", _cache_compiled_templates)
