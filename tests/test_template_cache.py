"""Jinja's compiled templates: the installed theme's are kept in the virtual environment, so a build from
scratch, in a new output folder, compiles none of them again and writes the same bytes; the project's
own templates are compiled by each new build, as before."""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import pytest
from jinja2 import FileSystemBytecodeCache
from jinja2.sandbox import SandboxedEnvironment
from sphinx.testing.util import SphinxTestApp

from conftest import write_project
from sphinx_mdx import template_cache
from sphinx_mdx.template_cache import environment_fingerprint

#: A project template, using a filter its conf.py registers on constants (Jinja computes it when compiling).
SHOUTING_PROJECT = {
    "index.md": "# Home\n\nText.\n",
    "_templates/page.html": '{% extends "!page.html" %}{% block body %}<p id="shout">{{ "Hello"|shout }}</p>'
                            "{{ super() }}{% endblock %}",
}
SHOUTING_CONF = """
html_theme = "furo"
templates_path = ["_templates"]
def setup(app):
    app.connect("builder-inited", lambda app: app.builder.templates.environment.filters.update(shout={shout}))
"""


@pytest.fixture
def venv_cache(tmp_path, monkeypatch) -> Path:
    """The virtual environment's cache of compiled templates, in a folder of this test's."""
    folder = tmp_path / "venv-cache"
    monkeypatch.setattr(template_cache, "venv_template_caches", lambda: folder)
    return folder


def build(srcdir: Path, outdir: Path, monkeypatch) -> tuple[SphinxTestApp, list[str]]:
    """A build of ``srcdir`` into ``outdir``, and the files of the templates it compiled from source
    (not the strings Sphinx renders as templates, which have no file to keep their code for)."""
    compiled = []
    compile_ = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        if filename is not None:
            compiled.append(filename)
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


def installed(filename: str) -> bool:
    return Path(filename).is_relative_to(sys.prefix)


@pytest.mark.skipif(sys.prefix == sys.base_prefix, reason="the themes are installed outside a virtual environment")
def test_a_build_from_scratch_reuses_the_installed_templates_an_earlier_build_compiled(tmp_path, monkeypatch,
                                                                                      venv_cache):
    srcdir = write_project(tmp_path / "src", SHOUTING_PROJECT, SHOUTING_CONF.format(shout="str.upper"))
    first, compiled_first = build(srcdir, tmp_path / "first", monkeypatch)
    second, compiled_second = build(srcdir, tmp_path / "second", monkeypatch)
    assert any(filename.endswith("furo/page.html") for filename in compiled_first)
    assert any(filename.endswith("_templates/page.html") for filename in compiled_second)
    assert [filename for filename in compiled_second if installed(filename)] == []
    assert output_files(first) == output_files(second)
    [folder] = venv_cache.iterdir()
    assert folder.name.startswith("jinja-") and len(list(folder.iterdir())) > 10


def test_a_changed_project_filter_is_seen_by_a_build_from_scratch(tmp_path, monkeypatch, venv_cache):
    """The project's own templates are compiled again in a new output folder, and a filter it changed
    renames the environment's folder: no compiled constant of the old filter is served."""
    shouts = {}
    for shout in ("str.upper", "str.lower"):  # one project, its conf.py edited
        srcdir = write_project(tmp_path / "src", SHOUTING_PROJECT, SHOUTING_CONF.format(shout=shout))
        app, _ = build(srcdir, tmp_path / f"out-{shout}", monkeypatch)
        shouts[shout] = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert '<p id="shout">HELLO</p>' in shouts["str.upper"]
    assert '<p id="shout">hello</p>' in shouts["str.lower"]
    assert len(list(venv_cache.iterdir())) == 2


@pytest.mark.parametrize("why", ["no virtual environment", "no folder can be made", "the folder cannot be written"])
def test_otherwise_the_templates_are_kept_in_the_build(tmp_path, monkeypatch, why):
    if why == "no virtual environment":
        monkeypatch.setattr(template_cache, "venv_template_caches", lambda: None)
    elif why == "no folder can be made":
        (tmp_path / "a-file").write_text("", encoding="utf-8")
        monkeypatch.setattr(template_cache, "venv_template_caches", lambda: tmp_path / "a-file")
    else:
        monkeypatch.setattr(template_cache, "venv_template_caches", lambda: tmp_path / "venv-cache")

        def refused(self, bucket):
            raise OSError("read-only file system")

        monkeypatch.setattr(FileSystemBytecodeCache, "dump_bytecode", refused)
    srcdir = write_project(tmp_path / "src", {"index.md": "# Home\n"}, 'html_theme = "furo"\n')
    first, _ = build(srcdir, tmp_path / "first", monkeypatch)
    monkeypatch.undo()
    kept = list((tmp_path / "first" / "doctrees" / "mdx-jinja").iterdir())
    assert kept if why != "the folder cannot be written" else kept == []
    if why == "the folder cannot be written":
        assert (first.outdir / "index.html").is_file()  # the build went on


def test_the_folder_changes_with_what_compiled_code_depends_on():
    """Jinja checks the template's source and Python's version; the folder's name covers the rest."""
    base = environment_fingerprint(SandboxedEnvironment())
    assert environment_fingerprint(SandboxedEnvironment()) == base
    changed = [jinja2.Environment(), SandboxedEnvironment(trim_blocks=True), SandboxedEnvironment(autoescape=True),
               SandboxedEnvironment(extensions=["jinja2.ext.i18n"]), SandboxedEnvironment(finalize=str)]
    with_filter, with_policy = SandboxedEnvironment(), SandboxedEnvironment()
    with_filter.filters["upper"] = str.lower
    with_policy.policies["urlize.rel"] = "nofollow"
    assert len({base, *(environment_fingerprint(environment) for environment in changed),
                environment_fingerprint(with_filter), environment_fingerprint(with_policy)}) == len(changed) + 3
