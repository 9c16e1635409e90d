"""Builders without dedicated visitors (text, man, texinfo) give plain output, never a crash."""

from __future__ import annotations

import pytest
from sphinx.util.console import strip_colors

from conftest import copy_root, write_project


@pytest.mark.parametrize("builder", ["text", "man", "texinfo"])
def test_plain_builders_keep_every_component(rootdir, make_app, tmp_path, builder):
    app = make_app(builder, srcdir=copy_root(rootdir, "components", tmp_path))
    app.build()
    assert "[mdx." not in strip_colors(app.warning.getvalue())
    output = "".join(path.read_text(encoding="utf-8") for path in app.outdir.rglob("*.*") if path.suffix in
                     (".txt", ".1", ".texi"))
    for words in ("Block content with", "Supervisor", "The body has", "First point", "For VMware",
                  "An info box from reST"):
        assert words in output, (builder, words)


def test_text_tooltip_reads_as_a_parenthesis(rootdir, make_app, tmp_path):
    app = make_app("text", srcdir=copy_root(rootdir, "components", tmp_path))
    app.build()
    text = " ".join((app.outdir / "tooltips.txt").read_text(encoding="utf-8").split())
    assert "Before Supervisor (The body has a link and **bold**.) after." in text


def test_mojibake_repair_is_logged_at_its_line(make_app, tmp_path):
    write_project(tmp_path, {"index.md": "# Title\n\nThe OSâ€™s list.\n"})
    app = make_app("html", srcdir=tmp_path)
    app.build()
    status = strip_colors(app.status.getvalue())
    assert "index.md:3: repaired mojibake: 'The OSâ€™s list.' -> 'The OS’s list.'" in status
    assert strip_colors(app.warning.getvalue()) == ""
    assert "The OS’s list." in (app.outdir / "index.html").read_text(encoding="utf-8")
