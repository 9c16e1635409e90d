"""MDX input against the doctree it reads to, and the warnings it gives.

Cases live in ``fixtures/*.md``, in markdown-it's fixture format: a title, a
line ``.``, the MDX input, ``.``, the expected doctree (then any warnings, as
``WARNING <line>: <message> [mdx.<subtype>]``), ``.``. All cases of a file are built as pages of
one Sphinx project, so the whole file costs one build. ``docusaurus.md`` is read in the
Docusaurus flavour, the others in MDX v1's.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from conftest import write_project

FIXTURES = Path(__file__).parent / "fixtures"
CASES = [
    pytest.param(path.name, line, title, source, expected, id=f"{path.stem}:{line}-{title}")
    for path in sorted(FIXTURES.glob("*.md"))
    for line, title, source, expected in read_fixture_file(path)
]


def _docname(line: int) -> str:
    return f"case{line}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, SphinxTestApp]:
    """One read-only Sphinx build per fixture file: ``{file name: app}``."""
    apps = {}
    for path in sorted(FIXTURES.glob("*.md")):
        flavour = 'mdx_flavour = "docusaurus"\n' if path.stem == "docusaurus" else ""
        pages = {f"{_docname(line)}.md": source for line, _title, source, _expected in read_fixture_file(path)}
        srcdir = write_project(tmp_path_factory.mktemp(path.stem), {"index.md": "# Cases\n", **pages},
                               'root_doc = "index"\n' + flavour)
        app = SphinxTestApp("dummy", srcdir=srcdir, confoverrides={"suppress_warnings": ["toc.not_included"]})
        app.build()
        apps[path.name] = app
    yield apps
    for app in apps.values():
        app.cleanup()


def _rendered(app: SphinxTestApp, line: int) -> str:
    docname = _docname(line)
    doctree = app.env.get_doctree(docname).pformat()
    doctree = doctree.replace(str(app.srcdir / f"{docname}.md"), "<source>").replace(f'"{docname}"', '"<docname>"')
    warnings = [
        re.sub(r"^.*?/" + docname + r"\.md:(\d+): WARNING: ", r"WARNING \1: ", warning)
        for warning in strip_colors(app.warning.getvalue()).splitlines()
        if f"/{docname}.md:" in warning
    ]
    return "\n".join([doctree.rstrip(), *warnings]).rstrip() + "\n"


@pytest.mark.parametrize(("file", "line", "title", "source", "expected"), CASES)
def test_doctree(built, file, line, title, source, expected):
    assert _rendered(built[file], line) == expected
