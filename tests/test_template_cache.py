"""Jinja's compiled templates are kept in the virtual environment: a build from scratch, in a new
output folder, compiles none of the templates an earlier build compiled, and writes the same bytes."""

from __future__ import annotations

import sys

import jinja2
import pytest
from jinja2.sandbox import SandboxedEnvironment
from sphinx.testing.util import SphinxTestApp

from conftest import copy_root
from sphinx_mdx import template_cache
from sphinx_mdx.template_cache import environment_fingerprint


def build_counting_compiles(srcdir, outdir, monkeypatch) -> tuple[SphinxTestApp, list[str]]:
    """A build of ``srcdir`` into ``outdir``, and the names of the template files it compiled from source
    (not the strings Sphinx renders as templates, which have no file to keep their code for)."""
    compiled = []
    compile_ = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        if name is not None:
            compiled.append(name)
        return compile_(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    app = SphinxTestApp("dirhtml", srcdir=srcdir, builddir=outdir)
    try:
        app.build()
    finally:
        app.cleanup()
    monkeypatch.setattr(jinja2.Environment, "compile", compile_)
    return app, compiled


def output_files(app: SphinxTestApp) -> dict:
    return {path.relative_to(app.outdir): path.read_bytes() for path in app.outdir.rglob("*") if path.is_file()}


def test_a_build_from_scratch_reuses_the_templates_an_earlier_build_compiled(rootdir, tmp_path, monkeypatch):
    venv = tmp_path / "venv"
    monkeypatch.setattr(sys, "prefix", str(venv))
    srcdir = copy_root(rootdir, "components", tmp_path / "src")
    first, compiled_first = build_counting_compiles(srcdir, tmp_path / "first", monkeypatch)
    second, compiled_second = build_counting_compiles(srcdir, tmp_path / "second", monkeypatch)
    assert {"page.html", "base.html", "search.html", "genindex.html"} <= set(compiled_first)
    assert compiled_second == []
    [folder] = (venv / "var" / "cache" / "sphinx-mdx").iterdir()
    assert folder.name.startswith("jinja-") and len(list(folder.iterdir())) >= len(set(compiled_first))
    assert not (tmp_path / "second" / "doctrees" / "mdx-jinja").exists()
    assert output_files(first).keys() == output_files(second).keys()
    assert output_files(first) == output_files(second)


@pytest.mark.parametrize("why", ["no virtual environment", "not writable"])
def test_without_a_writable_virtual_environment_the_cache_is_the_builds(rootdir, tmp_path, monkeypatch, why):
    venv = tmp_path / "venv"
    monkeypatch.setattr(sys, "prefix", str(venv))
    if why == "no virtual environment":
        monkeypatch.setattr(sys, "base_prefix", str(venv))
    else:
        monkeypatch.setattr(template_cache.os, "access", lambda path, mode: False)
    srcdir = copy_root(rootdir, "components", tmp_path / "src")
    build_counting_compiles(srcdir, tmp_path / "first", monkeypatch)
    _, compiled_again = build_counting_compiles(srcdir, tmp_path / "second", monkeypatch)
    assert "page.html" in compiled_again  # from scratch: nothing kept
    assert list((tmp_path / "second" / "doctrees" / "mdx-jinja").iterdir())
    assert not any(path.is_file() for path in venv.rglob("*"))


def test_the_cache_folder_changes_with_what_compiled_code_depends_on():
    """Jinja checks the template's source and Python's version; the folder's name covers the rest."""
    base = environment_fingerprint(SandboxedEnvironment())
    assert environment_fingerprint(SandboxedEnvironment()) == base
    assert environment_fingerprint(jinja2.Environment()) != base
    assert environment_fingerprint(SandboxedEnvironment(trim_blocks=True)) != base
    assert environment_fingerprint(SandboxedEnvironment(autoescape=True)) != base
    assert environment_fingerprint(SandboxedEnvironment(extensions=["jinja2.ext.i18n"])) != base
    assert environment_fingerprint(SandboxedEnvironment(finalize=str)) != base
