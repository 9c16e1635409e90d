"""Pages from strangers, built with the project's conf.py (``mdx_trusted_pages`` off): one page
per attack, each asserted on the output tree, the warnings, the LaTeX source and the PDF.

Files outside the source folder hold a canary; a local HTTP server counts requests; a Jinja
expression would create a file. None of them may show up.
"""

from __future__ import annotations

import re
import shutil
import struct
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_colors

from conftest import PROJECT, require_commands, sphinx_build, write_project

CANARY = "CANARY-7f3a9c-OUTSIDE-THE-SITE"


def _png() -> bytes:
    """A 1x1 PNG with the canary after its end (image readers stop at IEND; copies keep it)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0\0\0")) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body + CANARY.encode()


PAGES = {
    "index.md": '---\nmetaTitle: "\\\\input{SECRET_PATH}"\ndate: "\\\\write18{id}"\n---\n\n'
                "# Untrusted pages\n\nEach page tries one attack.\n",
    "config.md": """---
myst:
  enable_extensions: [substitution, colon_fence]
  substitutions:
    key: value
  html_meta:
    http-equiv=refresh: "0; url=https://evil.example/"
  url_schemes:
    evil: "javascript:alert({{path}})"
---

# Configuration

Jinja says {{ cycler.__init__.__globals__.os.system('touch PWNED_FILE') }} here.

Scheme [link](evil:1) here.

:::{raw} html
<script>alert("colon")</script>
:::
""",
    "raw.md": """# Raw output

```{raw} html
<script>alert("raw")</script>
```

```{eval-rst}
.. raw:: html

   <script>alert("rst")</script>

Go to `here <javascript:alert(9)>`_ now.
```

```{role} raw-html(raw)
:format: html
```

Role {raw-html}`<b onclick="alert(1)">role words</b>` end.
""",
    "raw-next.md": """# The next page

Still {raw-html}`<script>alert("next")</script>` here.
""",
    "heading.md": """# Setup"><svg/onload=alert(1)>

Heading words.

<h3 id='a"><img src=x onerror=alert(2)>'>HTML heading</h3>
""",
    "links.md": """import YouTube from 'x';

# Links

<YouTube url="javascript:alert(1)" title="js video" />

```{youtube} javascript:alert(2)
:title: directive video
```

Markdown [js markdown](javascript:alert(3)) link.

```{image} inside.png
:target: javascript:alert(4)
:alt: target image
```

Math {math}`\\href{javascript:alert(5)}{math link}` here.

Span `video: title: "span video": javascript:alert(6)` here.

Role {versioned-link}`js role <javascript:alert(7)>` and {edition-link}`edition role <javascript:alert(8)>`.

Bracket hosts <a href="//a&sol;[b">bracket anchor</a> and, a line below,
{versioned-link}`bracket role <//a&sol;[b>`.

An {versioned-link}`empty role <>`.

```{simple-card-grid}
:cards: [{title: "card trap", url: "javascript:alert(9)"}]
```

```{quick-setup}
:cards: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
```
""",
    "frames.md": """import YouTube from 'x';

# Frames

<YouTube url="https://evil.example\\@www.youtube.com/embed/x" title="slash video" />

<iframe src="https://evil.example\\@www.youtube.com/embed/y" title="slash frame"></iframe>
""",
    "redirect.md": """# Redirect

```{meta}
:http-equiv=refresh: 0; url=https://evil.example/
```

Redirect words.
""",
    "files.md": """# Files

```{literalinclude} ../secret.txt
```

```{include} ../secret.txt
```

```{csv-table}
:file: ../secret.txt
```

```{raw} html
:file: ../secret.txt
```

Download {download}`../secret.txt` here.

Path [path link](path:../secret.txt) here.

Plain [plain link](../secret.txt) here.

Page [outside page](../outside/notes.md) here.

Image ![image words](../secret.png) here.

Linked ![linked words](linked.png) here.

HTML <img src="../secret.png" alt="html image" /> here.

Video `video: title: "secret video": ../secret.mp4` here.

```{raw} latex
\\input{../secret.txt}
```

Math {math}`\\input{SECRET_PATH}` here.
""",
    "network.md": """# Network

```{csv-table}
:url: SERVER/table.csv
```

```{raw} html
:url: SERVER/page.html
```

Remote ![remote image](SERVER/image.png) here.
""",
    "data.md": "# Data\n\nData ![data image](data:image/png;base64,iVBORw0KGgo=) here.\n",
    "active.md": "# Active files\n\nGet {download}`the guide <evil.html>` and see ![svg words](pic.svg) here.\n",
    "glob.md": "# Globs\n\nGlob ![glob words](img/a.*) here.\n",
    "tex.md": """# TeX

Env {math}`\\makeatletter\\@@input|"kpsewhich -var-value=HOME" \\makeatother` here.

Dump {math}`x\\) \\VerbatimInput{spectro-cloud-docs.tex} \\(y` here.

End {math}`x\\) \\end{document} \\(y` here.

Formula {math}`\\frac{a}{b} + \\sqrt{x^2} \\leq \\alpha` stays math.

Deep {math}`""" + "{" * 60 + "x" + "}" * 60 + """` and slow {math}`\\phantom{\\phantom{\\phantom{\\phantom{x}}}}` here.

After the math words.
""",
    "classes.md": """# Classes

````{container} overlay sd-w-100 sd-h-100
```{button-link} https://evil.example/
:click-parent:
:class: overlay
Click
```
````

Class words.
""",
    "sizes.md": "# Sizes\n\nAuto <img src=\"inside.png\" width=\"auto\" alt=\"auto image\" /> here.\n\n"
                "Remote ![remote video](https://videos.example/v.mp4) here.\n",
}


BAD_NAMES = ('a"><img src=x onerror=alert(2)>.md', "javascript:alert(1).md")


class _Counter(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        _Counter.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"a,b\n")

    def log_message(self, format: str, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("untrusted")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{server.server_address[1]}"
    (root / "secret.txt").write_text(f"{CANARY}\n", encoding="utf-8")
    (root / "secret.png").write_bytes(_png())
    (root / "secret.mp4").write_bytes(CANARY.encode())
    source = root / "src"
    source.mkdir()
    (source / "inside.png").write_bytes(_png().replace(CANARY.encode(), b""))
    (source / "linked.png").symlink_to(root / "secret.png")
    (source / "img").mkdir()
    (source / "img" / "a.png").symlink_to(root / "secret.png")
    (source / "evil.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (source / "pic.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', encoding="utf-8")
    # pages from elsewhere, and file names that would end an attribute or make a javascript: link
    (root / "outside").mkdir()
    (root / "outside" / "notes.md").write_text(f"# Notes\n\n{CANARY}\n", encoding="utf-8")
    (source / "folder-link").symlink_to(root / "outside")
    (source / "sub").mkdir()
    (source / "sub" / "loop").symlink_to(source)
    (source / "page-link.md").symlink_to(root / "secret.txt")
    for name in BAD_NAMES:
        (source / name).write_text("# Bad name\n\nBad name words.\n", encoding="utf-8")
    for name, text in PAGES.items():
        text = text.replace("PWNED_FILE", str(root / "pwned")).replace("SECRET_PATH", str(root / "secret.txt"))
        (source / name).write_text(text.replace("SERVER", address), encoding="utf-8")
    yield root, source
    server.shutdown()


def _build(site, builder: str):
    root, source = site
    outdir = root / builder
    result = sphinx_build(source, outdir, builder, "--keep-going", conf=PROJECT)
    warnings = strip_colors(result.stderr)
    assert "Traceback" not in warnings and "Exception occurred" not in warnings, warnings
    return outdir, warnings


@pytest.fixture(scope="module")
def html(site):
    return _build(site, "html")


def page(html, name: str) -> BeautifulSoup:
    return BeautifulSoup((html[0] / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def article_text(html, name: str) -> str:
    return " ".join(page(html, name).find("article").get_text(" ").split())


def assert_warned(html, name: str, marker: str, message: str, subtype: str) -> None:
    """A warning ``[mdx.<subtype>]`` naming ``name.md`` and the line that holds ``marker``."""
    source = PAGES[name + ".md"].splitlines()
    line = next(number for number, text in enumerate(source, start=1) if marker in text)
    pattern = re.compile(rf"{re.escape(name)}\.md:{line}: WARNING: .*{re.escape(message)}.*\[mdx\.{subtype}\]")
    assert pattern.search(html[1]), (name, line, message, html[1])


def test_front_matter_cannot_change_the_configuration(html, site):
    assert not (site[0] / "pwned").exists()
    text = article_text(html, "config")
    assert "Jinja says {{ cycler." in text and "os.system(" in text  # substitution stayed off
    assert '{raw} html alert("colon")' in text  # colon_fence stayed off: the fence is text
    assert page(html, "config").find("meta", attrs={"http-equiv": True}) is None
    assert "javascript" not in str(page(html, "config").find("article"))
    assert_warned(html, "config", "myst:", "front matter 'myst' may not change the configuration", "front_matter")


def test_substitutions_are_never_rendered(tmp_path):
    """Even when conf.py turns MyST's substitutions on, a page's Jinja expression never runs."""
    expression = f"cycler.__init__.__globals__.os.system('touch {tmp_path / 'pwned'}')"
    write_project(tmp_path, {"index.md": f"# Jinja\n\nSays {{{{ {expression} }}}} and {{{{ key }}}}.\n"},
                  'myst_enable_extensions = ["substitution"]\nmyst_substitutions = {"key": "value"}\n')
    result = sphinx_build(tmp_path, tmp_path / "out", "html", "--keep-going")
    assert not (tmp_path / "pwned").exists()
    body = BeautifulSoup((tmp_path / "out" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert f"{{{{{expression}}}}}" in body.get_text() and "{{key}}" in body.get_text()
    assert "index.md:3: WARNING: substitution is not allowed" in strip_colors(result.stderr)


def test_cross_reference_roles_are_allowed(tmp_path):
    """Domain roles reach the parser wrapped by Sphinx; ``ref`` and ``doc`` are still cross-references."""
    write_project(tmp_path, {"index.md": "# Home\n\n(part)=\n## Part\n\nSee {ref}`part`, {std:ref}`part` and "
                                         "{doc}`index`.\n"})
    result = sphinx_build(tmp_path, tmp_path / "out", "html", "--keep-going")
    body = BeautifulSoup((tmp_path / "out" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [link["href"] for link in body.select("a.reference.internal") if link.get_text() == "Part"] == ["#part"] * 2
    assert body.find("a", href="#", string="Home") is not None
    assert "not allowed" not in strip_colors(result.stderr)


def test_raw_output_is_shown_as_text(html):
    text = article_text(html, "raw")
    assert '<script>alert("raw")</script>' in text and '<script>alert("rst")</script>' in text
    assert "role words" in text
    assert page(html, "raw").find("article").find("script") is None
    assert_warned(html, "raw", "{raw} html", "directive 'raw' is not allowed", "directive")
    assert_warned(html, "raw", "{eval-rst}", "directive 'eval-rst' is not allowed", "directive")
    assert_warned(html, "raw", "{role}", "directive 'role' is not allowed", "directive")
    assert_warned(html, "raw", "Role {raw-html}", "role 'raw-html' is not allowed", "directive")


def test_a_role_defined_on_one_page_does_not_reach_the_next(html):
    assert ':raw-html:`<script>alert("next")</script>`' in article_text(html, "raw-next")
    assert_warned(html, "raw-next", "Still", "role 'raw-html' is not allowed", "directive")


def test_heading_ids_cannot_inject_markup(html):
    body = page(html, "heading").find("article")
    assert body.find("svg") is None and body.find("img") is None
    assert "><svg/onload=alert(1)>" in body.find("h1").get_text()
    ids = [element["id"] for element in body.find_all(id=True)]
    assert "setupsvg/onload=alert(1)" in ids and "aimgsrc=xonerror=alert(2)" in ids
    assert all(not set(anchor) & set('"<>& ') for anchor in ids)


def test_javascript_urls_are_refused(html):
    body = page(html, "links").find("article")
    for words in ("js video", "directive video", "js markdown", "math link", "span video", "js role",
                  "edition role", "bracket anchor", "bracket role", "empty role"):
        assert words in body.get_text(), words
    image = body.find("img", alt="target image")
    assert image is not None and image.find_parent("a") is None
    assert "javascript" not in "".join(str(element.attrs) for element in body.find_all(True))
    assert_warned(html, "links", "<YouTube", "unsafe video address 'javascript:alert(1)'", "link")
    assert_warned(html, "links", "{youtube}", "unsafe video address 'javascript:alert(2)'", "link")
    assert_warned(html, "links", "{image}", "URL 'javascript:alert(4)' is not allowed", "link")
    assert_warned(html, "links", "Math {math}", "math using \\href is shown as text", "math")
    assert_warned(html, "links", "Span `video", "URL 'javascript:alert(6)' is not allowed", "link")
    assert_warned(html, "links", "Role {versioned-link}", "{versioned-link} has no safe url", "link")
    assert_warned(html, "links", "Role {versioned-link}", "{edition-link} has no safe url", "link")
    assert_warned(html, "links", "Role {versioned-link}", "names no edition of mdx_edition_paths", "attribute")
    # a host Python cannot split (a bracket after an entity) is refused, not a crash at resolving
    assert_warned(html, "links", "Bracket hosts", "unsafe link target '//a&sol;[b' dropped", "link")
    assert_warned(html, "links", "{versioned-link}`bracket", "{versioned-link} has no safe url", "link")  # its line
    assert_warned(html, "links", "{versioned-link}`empty", "{versioned-link} has no safe url", "link")
    assert not body.find("a", string=re.compile("bracket|empty"))
    assert_warned(html, "links", 'card trap", url', "unsafe link target 'javascript:alert(9)' dropped", "link")
    assert_warned(html, "links", ":cards: [[[", "quick-setup :cards: a literal nested deeper", "attribute")
    assert "card trap" in article_text(html, "links")


def test_frames_from_other_hosts_behind_a_backslash(html):
    body = page(html, "frames").find("article")
    assert body.find("iframe") is None
    assert "slash video" in body.get_text() and "slash frame" in body.get_text()
    assert_warned(html, "frames", "<YouTube", "video frame from 'evil.example' is not allowed", "html")
    assert_warned(html, "frames", "<iframe", "video frame from 'evil.example' is not allowed", "html")


def test_no_redirect(html):
    assert page(html, "redirect").find("meta", attrs={"http-equiv": True}) is None
    assert ":http-equiv=refresh: 0; url=https://evil.example/" in article_text(html, "redirect")
    assert_warned(html, "redirect", "{meta}", "directive 'meta' is not allowed", "directive")


def test_no_file_outside_the_source_folder_is_read(html):
    text = article_text(html, "files")
    for words in ("image words", "linked words", "html image", "secret video", "path link", "plain link",
                  "Download"):
        assert words in text, words
    for marker, directive in (("{literalinclude}", "literalinclude"), ("{include}", "include"),
                              ("{raw} latex", "raw")):
        assert_warned(html, "files", marker, f"directive {directive!r} is not allowed", "directive")
    assert_warned(html, "files", "{csv-table}", "directive 'csv-table' may not use :file:", "directive")
    for marker in ("Image !", "Linked !", "HTML <img", "Download {", "Path [", "Plain [", "Video `"):
        assert_warned(html, "files", marker, "is outside the source folder; it is not read or copied", "file")
    assert_warned(html, "files", "Math {math}", "math using \\input is shown as text", "math")


def test_a_page_file_outside_the_folder_is_a_link_to_the_site(html):
    """A relative ``.md`` link resolves among this folder's pages, never by reading a file."""
    link = page(html, "files").find("a", string="outside page")
    assert link["href"] == "https://docs.spectrocloud.com/outside/notes"
    assert_warned(html, "files", "Page [", "names no page of this folder; it goes to", "link")


def test_the_title_page_shows_front_matter_as_text(latex):
    """The root page's front matter reaches the PDF's title page escaped: no TeX command runs."""
    tex = (latex[0] / "spectro-cloud-docs.tex").read_text(encoding="utf-8")
    assert r"\setreleaseinfo{\par \textbackslash{}input\{" in tex
    assert r"\date{\textbackslash{}write18\{id\}}" in tex


def test_no_request_during_the_build(html, latex):
    assert _Counter.requests == []
    assert page(html, "network").find("img", alt="remote image") is not None
    assert_warned(html, "network", "{csv-table}", "directive 'csv-table' may not use :url:", "directive")
    assert_warned(html, "network", "{raw} html", "directive 'raw' is not allowed", "directive")
    tex = (latex[0] / "spectro-cloud-docs.tex").read_text(encoding="utf-8")
    assert r"\sphinxhref{http://127.0.0.1" in tex and "remote image" in tex


def test_pages_from_elsewhere_or_with_hostile_names_are_not_built(html):
    outdir, warnings = html
    built = {path.relative_to(outdir).as_posix() for path in outdir.rglob("*.html")}
    assert not [name for name in built if "onerror" in name or name.startswith(("javascript", "folder-link",
                                                                                "page-link", "sub/"))]
    assert "Ignored unreadable" not in warnings
    assert "folder 'folder-link' is a symbolic link; its pages are not built [mdx.file]" in warnings
    assert "folder 'sub/loop' is a symbolic link; its pages are not built [mdx.file]" in warnings
    assert "page 'page-link.md' is not built: it is a link to a file outside the source folder" in warnings
    for name in BAD_NAMES:
        assert f"page {name!r} is not built: its name holds characters" in warnings


def test_active_files_are_not_copied(html):
    copied = [*html[0].glob("_images/*"), *html[0].glob("_downloads/*/*")]
    assert not [path for path in copied if path.suffix in (".svg", ".html")], copied
    text = article_text(html, "active")
    assert "the guide" in text and "svg words" in text
    assert_warned(html, "active", "Get {download}", "file 'evil.html' could run script", "file")
    assert_warned(html, "active", "Get {download}", "file 'pic.svg' could run script", "file")


def test_image_patterns_are_checked_file_by_file(html):
    assert "glob words" in article_text(html, "glob")
    assert_warned(html, "glob", "Glob !", "file 'img/a.*' is outside the source folder", "file")


def test_math_is_an_allowlist(html):
    body = page(html, "tex").find("article")
    assert r"\(\frac{a}{b} + \sqrt{x^2} \leq \alpha\)" in str(body)
    for marker, refused in (("Env {math}", r"\makeatletter"), ("Dump {math}", r"\)"), ("End {math}", r"\)")):
        assert_warned(html, "tex", marker, f"math using {refused} is shown as text", "math")
    # TeX's 255 groups (fewer in a heading), and \phantom's fourfold work at each level
    assert_warned(html, "tex", "Deep {math}", "math using groups nested more than 50 deep", "math")
    assert_warned(html, "tex", "Deep {math}", "math using \\phantom, \\text and the like nested more than 3", "math")


def test_page_chosen_classes_are_dropped(html):
    body = page(html, "classes").find("article")
    assert body.select(".overlay") == [] and "Click" in body.get_text() and "Class words." in body.get_text()
    assert_warned(html, "classes", "{container}", "directive 'container': class names are ignored", "directive")
    assert_warned(html, "classes", "{button-link}", "directive 'button-link': class names are ignored", "directive")


def test_data_images_are_refused(html):
    body = page(html, "data").find("article")
    assert body.find("img") is None and "data image" in body.get_text()
    assert_warned(html, "data", "Data !", "URL 'data:image/png;base64,iVBORw0KGgo=' is not allowed", "link")


def test_bad_sizes_and_remote_videos_build(html):
    body = page(html, "sizes").find("article")
    image = body.find("img", alt="auto image")
    assert image is not None and "width" not in str(image.get("style", ""))
    link = body.find("a", href="https://videos.example/v.mp4")
    assert link is not None and link.get_text() == "Video: remote video"
    assert_warned(html, "sizes", "Auto <img", "<img width='auto'> is not a length; it is ignored", "attribute")


@pytest.fixture(scope="module")
def dirhtml(site):
    return _build(site, "dirhtml")


@pytest.fixture(scope="module")
def latex(site):
    return _build(site, "latex")


HTML_OUTPUTS = ("html", "dirhtml")


def _mathjax(script) -> bool:
    """Sphinx's MathJax loader and the configuration this extension gives it, on pages with math."""
    return script.get("src", "").startswith("https://cdn.jsdelivr.net/npm/mathjax@") or (
        script.get_text().startswith("window.MathJax = ") and '"ui/safe"' in script.get_text())


@pytest.mark.parametrize("builder", HTML_OUTPUTS)
def test_no_page_carries_script_handlers_or_redirects(site, builder, request):
    outdir, _ = request.getfixturevalue(builder)
    theme_scripts = None
    for path in outdir.rglob("*.html"):
        if path.stem in ("search", "genindex") or path.parent.name in ("search", "genindex"):
            continue  # Sphinx's own pages, with the search scripts
        document = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        scripts = sorted(str(script.get("src", "")).rsplit("_static/", 1)[-1] + script.get_text()
                         for script in document.find_all("script") if not _mathjax(script))
        theme_scripts = theme_scripts or scripts
        assert scripts == theme_scripts, path  # the theme's own, the same on every page
        assert document.find("meta", attrs={"http-equiv": True}) is None, path
        for element in document.find_all(True):
            for attribute, value in element.attrs.items():
                assert not attribute.lower().startswith("on"), (path, element.name, attribute)
                if attribute in ("href", "src"):
                    assert not re.match(r"\s*(javascript|vbscript|data):", str(value), re.I), (path, value)
        assert document.find("article").find(["script", "style", "svg", "object", "embed"]) is None, path


def test_the_latex_source_makes_no_link_and_reads_no_file(latex):
    tex = (latex[0] / "spectro-cloud-docs.tex").read_text(encoding="utf-8")
    assert "secret video" in tex and "span video" in tex and "math link" in tex
    assert not re.search(r"\\(sphinx)?href\{\s*(javascript|data):", tex)
    assert not re.search(r"\\input\{", tex)


def test_rst_pages_are_confined_too(tmp_path):
    """A project that also builds .rst pages: the same allowlist, files and URL checks."""
    (tmp_path / "secret.txt").write_text(CANARY, encoding="utf-8")
    source = write_project(tmp_path / "src", {"index.rst": (
        "Confined\n========\n\n.. raw:: html\n\n   <script>alert(1)</script>\n\n"
        ".. include:: ../secret.txt\n\nA `js link <javascript:alert(2)>`_ here.\n\n"
        ".. role:: raw-html(raw)\n   :format: html\n\nRole :raw-html:`<b>x</b>` here.\n")},
        'source_suffix = {".rst": "restructuredtext"}\n')
    result = sphinx_build(source, tmp_path / "out", "html", "--keep-going")
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    warnings = strip_colors(result.stderr)
    assert CANARY not in html and "<script>alert" not in html and "javascript:" not in html
    assert "js link" in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for line, name in ((4, "directive 'raw'"), (8, "directive 'include'"), (12, "directive 'role'"),
                       (15, "role 'raw-html'")):
        assert f"index.rst:{line}: WARNING: {name} is not allowed" in warnings, (name, warnings)
    assert "index.rst:10: WARNING: URL 'javascript:alert(2)' is not allowed" in warnings


@pytest.mark.parametrize("builder", [*HTML_OUTPUTS, "latex"])
def test_no_output_holds_a_file_from_outside(site, builder, request):
    outdir, _ = request.getfixturevalue(builder)
    for path in outdir.rglob("*"):
        if path.is_file():
            assert CANARY.encode() not in path.read_bytes(), path
    assert not (site[0] / "pwned").exists()


def test_the_pdf_holds_no_file_from_outside(site):
    require_commands("latexmk", "pdftotext")
    import subprocess

    root, source = site
    subset = root / "pdf-src"  # the pages that reach LaTeX with a file or a link
    shutil.copytree(source, subset, symlinks=True)
    for name in PAGES:
        if name not in ("index.md", "files.md", "links.md", "tex.md"):
            (subset / name).unlink()
    result = sphinx_build(subset, root / "pdf", "latexpdf", "-D", "suppress_warnings=mdx", conf=PROJECT)
    pdf = root / "pdf" / "latex" / "spectro-cloud-docs.pdf"
    assert pdf.is_file(), result.stdout[-3000:]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert CANARY not in text and "image words" in text and "math link" in text
    assert "After the math words." in text and str(Path.home()) not in text and "documentclass" not in text
    latexmkrc = (root / "pdf" / "latex" / "latexmkrc").read_text(encoding="utf-8")
    assert "$ENV{'openin_any'} = 'p';" in latexmkrc and "$ENV{'shell_escape'} = 'f';" in latexmkrc


def test_trusted_pages_get_myst_back(tmp_path):
    write_project(tmp_path, {"index.md": "# Trusted\n\n```{raw} html\n<b class=\"trusted\">bold</b>\n```\n"},
                  "mdx_trusted_pages = True\n")
    result = sphinx_build(tmp_path, tmp_path / "out", "html")
    assert result.returncode == 0, result.stderr
    assert '<b class="trusted">bold</b>' in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def _bounded_build(tmp_path, page: str, memory_bytes: int = 2 << 30):
    """Build ``page`` alone in a process that may not use more than ``memory_bytes``."""
    import os
    import resource
    import subprocess
    import sys

    (tmp_path / "index.md").write_text(page, encoding="utf-8")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))

    command = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(PROJECT), "-q", str(tmp_path),
               str(tmp_path / "out")]
    result = subprocess.run(command, capture_output=True, text=True, preexec_fn=limit, timeout=300,
                            env={**os.environ, "PYTHONPATH": str(PROJECT / "_ext")}, check=False)
    assert result.returncode == 0 and "Error" not in result.stderr, result.stderr[-3000:]
    return BeautifulSoup((tmp_path / "out" / "index.html").read_text(encoding="utf-8"), "html.parser"), \
        strip_colors(result.stderr)


def test_yaml_aliases_are_never_expanded(tmp_path):
    """514 bytes of aliases stand for nine to the ninth strings: read as a flag, never turned into text."""
    levels = "abcdefghi"
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{name}: &{name} [{','.join(['*' + previous] * 9)}]" for previous, name in zip(levels, levels[1:])]
    page = "---\n" + "\n".join(lines) + "\nhiddenFromNav: *i\ntitle: *i\n---\n\n# Aliases\n\nAlias words.\n"
    document, _ = _bounded_build(tmp_path, page)
    assert "Alias words." in document.find("article").get_text()


def test_front_matter_nested_too_deep_to_walk(tmp_path):
    """libyaml reads 1,000 levels, more than MyST's fields can recurse through: past 100 a warning."""
    page = "---\ntitle: Deep\nx: " + "[" * 900 + "]" * 900 + "\n---\n\n# Deep\n\nDeep words.\n"
    document, warnings = _bounded_build(tmp_path, page)
    assert "Deep words." in document.find("article").get_text()
    assert "index.md:1: WARNING: Malformed YAML: nested more than 100 levels deep [myst.topmatter]" in warnings


def test_a_table_too_uneven_to_pad(tmp_path):
    """2,000 cells in one row, then 2,000 rows of one cell: no 4-million-cell grid."""
    row = "<tr>" + "".join(f"<td>wide{n}</td>" for n in range(2000)) + "</tr>\n"
    rows = "".join(f"<tr><td>tall{n}</td></tr>\n" for n in range(2000))
    document, warnings = _bounded_build(tmp_path, f"# Table\n\n<table>\n{row}{rows}</table>\n", 1 << 30)
    text = document.find("article").get_text(" ")
    assert "wide1999" in text and "tall1999" in text
    assert "index.md:3: WARNING: <table> rows too uneven to lay out (2,001 rows, up to 2,000 cells)" in warnings


def test_directives_nested_deeper_than_python_can_recurse(tmp_path):
    """130 notes one in another: past 24 levels the content is shown as text, with one warning."""
    depth = 130
    opening = ["`" * (depth + 3 - level) + "{note}" for level in range(depth)]
    page = "\n".join(["# Nest", "", *opening, "deepest words", *reversed([f[:-6] for f in opening]), "",
                      "After words."]) + "\n"
    document, warnings = _bounded_build(tmp_path, page)
    text = document.find("article").get_text(" ")
    assert "deepest words" in text and "After words." in text
    assert warnings.count("WARNING") == 1
    assert ("index.md:27: WARNING: directives nested more than 24 levels deep are shown as text [mdx.nesting]"
            in warnings)


def test_every_directive_and_role_of_ours_is_on_the_allowlist(tmp_path):
    """A component's directive or role left off the allowlist would be refused on every page."""
    from docutils.parsers.rst import directives, roles
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    from sphinx_mdx import trust

    write_project(tmp_path, {})
    with docutils_namespace():
        Sphinx(tmp_path, tmp_path, tmp_path / "out", tmp_path / "doctrees", "html", status=None, warning=None)
        ours = {name for name, directive in directives._directives.items()
                if getattr(directive, "__module__", "").startswith("sphinx_mdx")}
        our_roles = {name for name, role in roles._roles.items()
                     if getattr(role, "__module__", type(role).__module__).startswith("sphinx_mdx")
                     or type(role).__module__.startswith("sphinx_mdx")}
    assert {"infobox", "simple-card-grid", "parsed-literal"} <= ours and ours <= trust.DIRECTIVES
    assert {"tp-badge", "versioned-link"} <= our_roles and our_roles <= trust.ROLES


def test_a_bad_option_drops_the_option_not_the_directive(tmp_path):
    """docutils replaces a directive whose option it cannot read by an error the page never shows,
    and its words went with it; in MyST and reST alike the option is now reported and ignored."""
    source = write_project(tmp_path / "src", {
        "index.rst": "Options\n=======\n\n.. toctree::\n\n   myst\n\n.. note::\n   :bogus: x\n\n   rest note words\n\n"
                     ".. code-block:: python\n   :lineno-start: many\n\n   rest_code_words = 1\n",
        "myst.md": "# MyST\n\n```{note}\n:bogus: x\n\nmyst note words\n```\n\n"
                   "```{code-block} python\n:linenos: true\n\nmyst_code = 1\n```\n\n"
                   "```{list-table}\n:widths: wide\n\n* - myst cell words\n```\n\n"
                   "```{points-of-interest}\n---\nbogus: x\npoints: '[1, 2]'\n---\n\nmyst poi words\n```\n\n"
                   "```{code-block} python\n:emphasize-lines: zz\nalpha_words = 1\n```\n\n"
                   "```{list-table}\n:widths: 1 2 3\n* - bravo words\n```\n\n"
                   "```{csv-table}\n:header-rows: 9\n\nfoxtrot words, golf\n```\n\n"
                   "```{code-block} text\n---\ncaption: \"cap \\uD83D\\uDE80 words\"\n---\ncode\n```\n"})
    result = sphinx_build(source, tmp_path / "out", "html")
    warnings = strip_colors(result.stderr)
    for page, words in (("index", ["rest note words", "rest_code_words"]), ("myst", ["myst note words",
                                                                                     "myst cell words"])):
        text = (tmp_path / "out" / f"{page}.html").read_text(encoding="utf-8")
        assert all(word in text for word in words), (page, words)
    # each warning names the option's line, in reST, in MyST and in MyST's ``---`` block of options
    assert "index.rst:9: WARNING: directive 'note': option :bogus: is not an option of this directive" in warnings
    assert "index.rst:14: WARNING: directive 'code-block': option :lineno-start: has a value it cannot take" in warnings
    assert "linenos" not in warnings  # a flag takes any value, as MyST has it
    assert "myst.md:4: WARNING: directive 'note': option :bogus:" in warnings
    assert "myst.md:16: WARNING: directive 'list-table': option :widths: has a value it cannot take" in warnings
    assert "myst.md:23: WARNING: directive 'points-of-interest': option :bogus: is not an option" in warnings
    assert "myst.md:24: WARNING: points-of-interest :points: must be a list of objects" in warnings
    myst = (tmp_path / "out" / "myst.html").read_text(encoding="utf-8")
    assert "myst poi words" in myst
    # values Sphinx finds bad only when it runs the directive: the message, and the directive's text
    assert all(words in myst for words in ("alpha_words", "bravo words", "foxtrot words")), myst
    assert "myst.md:30: WARNING: invalid line number spec: 'zz'" in warnings
    assert "cap \U0001f680 words" in myst  # an escaped surrogate pair in MyST's YAML is one character


def test_math_that_would_take_tex_too_long_is_refused():
    """Commands that set their argument once per math style cost four times more at each level."""
    from sphinx_mdx.trust import MAX_REPEATED_DEPTH, refused_tex

    for command in ("phantom", "text", "boldsymbol", "overrightarrow", "sqrt"):
        nested = f"\\{command}{{" * (MAX_REPEATED_DEPTH + 1) + "x" + "}" * (MAX_REPEATED_DEPTH + 1)
        assert "nested more than" in refused_tex(nested), command
        assert refused_tex(f"\\{command}{{x}} " * 10) is None, command  # side by side: no deeper
