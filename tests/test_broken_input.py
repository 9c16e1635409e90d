"""Broken files as hand editing leaves them: line endings, byte order marks. (The broken
constructs themselves are cases of fixtures/broken.md and fixtures/warnings.md.)"""

from __future__ import annotations

from sphinx.util.console import strip_colors

from conftest import write_project


def _build(make_app, tmp_path, page: bytes):
    write_project(tmp_path, {"index.md": page}, 'html_theme = "furo"\n')
    app = make_app("html", srcdir=tmp_path)
    app.build()
    return app, strip_colors(app.warning.getvalue()), (app.outdir / "index.html").read_text(encoding="utf-8")


def test_crlf_line_endings(make_app, tmp_path):
    page = "import InfoBox from 'x';\n\n# Title\n\n<InfoBox>\n\nBoxed words.\n\n</InfoBox>\n\nA <b>never closed.\n"
    app, warnings, html = _build(make_app, tmp_path, page.replace("\n", "\r\n").encode())
    assert "Boxed words." in html and "mdx-infobox" in html and "never closed." in html
    assert warnings.strip().endswith("index.md:11: WARNING: <b> is never closed; only its tag is dropped [mdx.jsx]")
    assert warnings.count("WARNING") == 1


def test_byte_order_mark_and_front_matter(make_app, tmp_path):
    page = '---\ntitle: "Labelled"\nmetaTitle: "Meta title"\n---\n\n# Heading\n\nWords.\n'
    app, warnings, html = _build(make_app, tmp_path, b"\xef\xbb\xbf" + page.encode())
    assert warnings == ""
    assert "<title>Meta title</title>" in html and "Words." in html


def test_component_in_a_list_item_with_content_left_of_the_item(make_app, tmp_path):
    """Found by the property test: the lines after ``- <InfoBox>`` were dropped."""
    page = "import InfoBox from 'x';\n\n- <InfoBox>\nmaple words\n\n- <InfoBox>\ncobalt words\n</InfoBox>\n"
    app, warnings, html = _build(make_app, tmp_path, page.encode())
    assert "maple words" in html and "cobalt words" in html
    assert warnings.count("WARNING") == 1 and "index.md:3: WARNING: <InfoBox> is never closed" in warnings


def test_escaped_surrogate_pairs_are_the_characters_they_name(make_app, tmp_path):
    """JavaScript and YAML write a character beyond U+FFFF as two escapes (``\\uD83D\\uDE80``); Python
    read them as two halves no file can hold, and the build stopped at writing the page."""
    page = ('---\nmetaTitle: "Meta \\uD83D\\uDE80 title \\uD800 lone"\n---\n'
            "import PointsOfInterest from 'x';\n\n# Heading\n\n"
            '<PointsOfInterest points={[{x: 1, y: 1, label: 1, description: "rocket \\uD83D\\uDE80 pairword"}]}>\n\n'
            "Content words.\n\n</PointsOfInterest>\n")
    app, warnings, html = _build(make_app, tmp_path, page.encode())
    assert "<title>Meta \U0001f680 title \ufffd lone</title>" in html
    assert "rocket \U0001f680 pairword" in html and "Content words." in html


def test_image_names_no_file_can_have_are_missing_images(make_app, tmp_path):
    """A name longer than the file system allows stopped the build (Path.is_file raised); a ``*``
    pattern that matches no file reached LaTeX as a file name and stopped pdflatex."""
    page = f"# Heading\n\n![long]({'a' * 300}.png)\n\n![starred](p*.png)\n\nLast words.\n"
    app, warnings, html = _build(make_app, tmp_path, page.encode())
    assert "Last words." in html and "<img" not in html
    assert "index.md:3: WARNING: image file not found: aaaa" in warnings
    assert "index.md:5: WARNING: image file not found: p*.png; its alt text is shown instead" in warnings


def test_links_and_images_naming_no_possible_file_keep_their_text(make_app, tmp_path):
    """A NUL byte (``%00``) or a name longer than a file system allows, in a link or an image, stopped the
    build (MyST and Sphinx looked for the file, and Python raised)."""
    page = (f"# Heading\n\n[nul](files/a%00.sh)\n\n[long](files/{'a' * 300}.sh)\n\n"
            f"[deep]({'abcdefghij/' * 420}x.sh)\n\n![nul image](files/b%00.png)\n\nLast words.\n")
    app, warnings, html = _build(make_app, tmp_path, page.encode())
    assert "Last words." in html and ">nul<" in html and ">long<" in html and ">deep<" in html
    assert "index.md:3: WARNING: link 'files/a%00.sh' names no file" in warnings
    assert "index.md:5: WARNING: link 'files/aaaa" in warnings
    assert "index.md:7: WARNING: link 'abcdefghij/abcdefghij/" in warnings
    assert "index.md:9: WARNING: image file not found: files/b%00.png" in warnings


def test_a_trusted_page_image_with_a_nul_byte_is_a_missing_image(make_app, tmp_path):
    """On trusted pages no confinement runs first: an attribute's escape (``"b\\u0000.png"``) reached
    Sphinx's file tests with a NUL byte, and Python raised."""
    write_project(tmp_path, {"index.md": '# Heading\n\n<img src={"b\\u0000.png"} alt="nul" />\n\nLast words.\n'},
                  'html_theme = "furo"\nmdx_trusted_pages = True\n')
    app = make_app("html", srcdir=tmp_path)
    app.build()
    assert "Last words." in (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "index.md:3: WARNING: image file not found" in strip_colors(app.warning.getvalue())


def test_an_image_pattern_leaving_the_folders_is_never_expanded(make_app, tmp_path, monkeypatch):
    """An image's ``*`` pattern is expanded only inside the folders a page may read: one that climbs out
    (``../../*/*/*``, or site-absolute ``/../../*`` with static folders) made the build walk the disk,
    seconds per image."""
    import glob
    from types import SimpleNamespace

    from sphinx_mdx import trust

    expanded = []
    monkeypatch.setattr(trust, "glob", SimpleNamespace(
        escape=glob.escape, glob=lambda pattern: expanded.append(pattern) or []))
    (tmp_path / "static").mkdir()
    write_project(tmp_path, {"index.md": "# Heading\n\n![far](../../../../*/*/*/x.png)\n\n"
                                         "![far static](/../../../../*/*/*/y.png)\n\n![near](img/*.png)\n\n"
                                         "Last words.\n"},
                  'html_theme = "furo"\nmdx_static_dirs = ["static"]\n')
    app = make_app("html", srcdir=tmp_path)
    app.build()
    warnings = strip_colors(app.warning.getvalue())
    assert "Last words." in (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "index.md:3: WARNING: file '../../../../*/*/*/x.png' is outside the source folder" in warnings
    assert expanded and all(pattern.startswith(str(tmp_path)) for pattern in expanded)
