"""axe-core finds nothing on any page, in Furo's light and dark themes, tooltips and points opened.

Always: the components test root and this project's own site. With ../shared/corpus beside the
clone (as in CI): librarium's faq and dev folders, built as dirhtml with this project's conf.py.
``tools/axe_check.py`` does the checking (and runs alone on any build folder); axe-core is
installed from ``tools/axe/``'s lock file into ``~/.cache/sphinx-mdx/axe`` (``$MDX_AXE_DIR``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT, require_commands, require_module, sphinx_build, write_project

sys.path.insert(0, str(PROJECT / "tools"))

import axe_check  # noqa: E402

CORPUS = PROJECT.parent / "shared" / "corpus" / "librarium"
FOLDERS = ("faq", "dev")


@pytest.fixture(scope="session")
def corpus_builds(tmp_path_factory) -> dict:
    """The corpus folders that are there, building side by side in the background while the small
    sites are checked: ``{folder: (process, out, log)}``. Without -W: the corpus lacks its images
    (``mdx.image`` warnings)."""
    builds = {}
    env = {**os.environ, "PYTHONPATH": str(PROJECT / "_ext")}
    for folder in FOLDERS:
        if (CORPUS / folder).is_dir():
            scratch = tmp_path_factory.mktemp(f"axe-{folder}")
            out, log = scratch / "dirhtml", scratch / "build.log"
            with log.open("w") as stream:
                process = subprocess.Popen(axe_check.build_command(CORPUS / folder, out), stdout=stream,
                                           stderr=subprocess.STDOUT, env=env)
            builds[folder] = process, out, log
    yield builds
    for process, _, _ in builds.values():
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def axe(chromium_path, request):
    """One browser for the whole file, axe installed, and the corpus builds started."""
    require_commands("node", "npm")
    require_module("playwright.async_api")
    request.getfixturevalue("corpus_builds")
    axe_check.install_axe()
    session = axe_check.Session(chromium_path)
    yield session
    session.close()


def assert_no_violations(axe, build, name: str) -> None:
    started = time.monotonic()
    violations = axe.check_site(build)
    print(f"axe: {name}: {len(axe_check.site_pages(build))} pages in {time.monotonic() - started:.1f} s")
    assert not violations, f"axe on {name}:\n{axe_check.report(violations)}"


@pytest.mark.parametrize("site", ["components_html", "site_html"])
def test_small_sites_have_no_axe_violations(site, axe, request):
    assert_no_violations(axe, request.getfixturevalue(site), site)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")
@pytest.mark.parametrize("folder", FOLDERS)
def test_corpus_has_no_axe_violations(folder, axe, corpus_builds):
    if folder not in corpus_builds:
        pytest.skip(f"no {folder} folder in {CORPUS}")
    process, out, log = corpus_builds[folder]
    process.wait(timeout=600)
    assert process.returncode == 0 and (out / "index.html").exists(), log.read_text()[-3000:]
    assert_no_violations(axe, out, f"corpus {folder}")


CONTROL = """<!DOCTYPE html><html lang="en"><head><title>Control</title><style>
body[data-theme="dark"] .dark-only-problem { color: #333; background: #131416; }
.mdx-tooltip-body { display: none; }
.mdx-tooltip:focus-within .mdx-tooltip-body { display: inline; color: #ddd; background: #fff; }
</style></head><body><main><h1>Control</h1>
<p class="dark-only-problem">Readable in the light theme only.</p>
<img src="missing.png">
<span class="mdx-tooltip"><button class="mdx-tooltip-trigger" type="button">term</button><span
 class="mdx-tooltip-body">A faint body, seen only when open.</span></span>
<span class="mdx-tooltip"><button class="mdx-tooltip-trigger" type="button">stuck</button><span
 class="mdx-tooltip-body" style="display: none !important">Never shown.</span></span>
</main></body></html>"""


def test_the_check_sees_what_it_claims_to(axe, tmp_path):
    """A page made to fail: axe runs its default rules, the dark theme is applied, a tooltip is
    opened before axe looks at it, and one that cannot be opened is reported."""
    (tmp_path / "index.html").write_text(CONTROL, encoding="utf-8")
    found = {(violation.rule, violation.state) for violation in axe.check_site(tmp_path)}
    assert ("image-alt", "light") in found and ("image-alt", "dark") in found
    assert ("color-contrast", "dark") in found and ("color-contrast", "light") not in found
    assert {("color-contrast", f"{theme}, .mdx-tooltip 1 opened") for theme in axe_check.THEMES} <= found
    assert [state for rule, state in found if rule == "popover-did-not-open"] == [
        "light, focused, then Enter pressed"]  # the second tooltip, in the theme its turn starts in


def _spoken_levels(tmp_path, page: str) -> list[tuple[str, str, str | None]]:
    """Build ``page`` alone; its headings in the HTML: (tag, text, aria-level)."""
    source = write_project(tmp_path / "source", {"index.md": page}, 'html_theme = "basic"\n')
    result = sphinx_build(source, tmp_path / "html", "html")
    assert result.returncode == 0, result.stderr
    body = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    return [(h.name, h.get_text(" ", strip=True).rstrip("#¶ "), h.get("aria-level"))
            for h in body.select("div.body h1, div.body h2, div.body h3, div.body h4, div.body h5, div.body h6")]


def test_skipped_levels_are_exposed_one_below_their_parent(tmp_path):
    """Each heading keeps the tag its author wrote; one that skips a level is exposed one below the
    heading it belongs to; headings that skip none get no ``aria-level``."""
    page = "# a\n\n#### b\n\n##### c\n\n## d\n\n#### e\n\n### f\n\n##### g\n\n## h\n\n### i\n"
    assert _spoken_levels(tmp_path, page) == [
        ("h1", "a", None), ("h4", "b", "2"), ("h5", "c", "3"), ("h2", "d", None), ("h4", "e", "3"),
        ("h3", "f", None), ("h5", "g", "4"), ("h2", "h", None), ("h3", "i", None)]


def test_a_tab_pane_is_read_after_the_headings_before_its_tab_set(tmp_path):
    """Only one pane shows at a time: the second pane's headings follow the first's in the HTML,
    but a reader meets them after the heading before the tab set; after the set, the headings go
    on from those before it."""
    page = ("import Tabs from 'x';\n\n# a\n\n<Tabs>\n<Tabs.TabPane tab=\"One\" key=\"1\">\n\n## b\n\n"
            "</Tabs.TabPane>\n<Tabs.TabPane tab=\"Two\" key=\"2\">\n\n### c\n\n#### d\n\n"
            "</Tabs.TabPane>\n</Tabs>\n\n### e\n")
    assert _spoken_levels(tmp_path, page) == [
        ("h1", "a", None), ("h2", "b", None), ("h3", "c", "2"), ("h4", "d", "3"), ("h3", "e", "2")]


def test_pages_keep_their_written_headings(components_html):
    """A heading written a level too deep keeps its tag and is exposed one below its parent; the
    search page has its level-one heading."""
    html = (components_html / "html.html").read_text(encoding="utf-8")
    assert '<h3 aria-level="2" class="rubric" id="anhtmlheading">' in html
    assert "<h1>Search</h1>" in (components_html / "search.html").read_text(encoding="utf-8")


def test_a_page_without_level_one_and_empty_header_cells(tmp_path):
    """A page whose first heading is ``##`` gets its title as a level-one heading for screen readers
    alone; an empty cell of a header row is a data cell, the others stay header cells."""
    source = write_project(tmp_path / "source", {"index.md": "## Only a second level\n\n|   |   |\n|---|---|\n"
                                                             "| a | b |\n\n|  | Read |\n|---|---|\n| Admin | yes |\n"},
                           'html_theme = "basic"\n')
    result = sphinx_build(source, tmp_path / "html", "html")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert '<h1 class="mdx-visually-hidden mdx-page-title rubric">Only a second level</h1>' in html
    assert html.count('<td class="head">') == 3 and html.count('<th class="head">') == 1
    assert '<th class="head"><p>Read</p></th>' in html
