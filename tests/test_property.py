"""Property tests: MDX-like text made of tags, braces, quotes, Markdown and words.

Whatever the mix, building never raises, every word of the input outside markup
is in the output, and every warning names a line inside the file.
"""

from __future__ import annotations

import re

import pytest
from docutils import nodes
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from conftest import write_project

#: Words of prose; none occurs inside the markup fragments below.
WORDS = ("maple", "cobalt", "quartz", "ember", "fjord", "lantern", "meadow", "pebble", "saffron", "tundra",
         "velvet", "willow", "zephyr", "harbor", "glacier", "orchid")
MARKUP = (
    "<InfoBox>", "</InfoBox>", "<WarningBox>", "</WarningBox>", "<Tooltip trigger={<u>x</u>}>", "<Tooltip>",
    "</Tooltip>", "<Tabs>", "</Tabs>", '<Tabs.TabPane tab="t" key="k">', "</Tabs.TabPane>",
    "<PointsOfInterest points={[{x: 1, y: 2}]}>", "</PointsOfInterest>", "<Mystery>", "</Mystery>",
    "<b>", "</b>", "<i>", "</i>", "<p>", "</p>", "<li>", "<ul>", "</ul>", "<br />", "<br>", "<hr>",
    '<a href="/x">', '<a href="javascript:x()">', "</a>", "<script>", "</script>", "<span onclick={f}>",
    "</span>", "{", "}", "{{", "}}", '"', "'", "`", "<", ">", "/>", "=", "={", "#", "##", "-", "*", "1.",
    ">", "|", "\\", "&amp;", "&lt;", "\t",
    # directives and roles, which the allowlist must refuse or allow whatever surrounds them
    "```{raw} html", "```{eval-rst}", "```{include} ../x.md", "```{infobox}", "```", ":::{raw} html", ":::",
    ".. raw:: html", "{raw}`<b>x</b>`", "{download}`../x.txt`", "{{ x }}", "![i](../x.png)", "[l](javascript:x)",
)
SEPARATORS = (" ", " ", " ", "\n", "\n\n", "\n    ", "\n\t")

fragment = st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKUP))
document = st.lists(st.tuples(fragment, st.sampled_from(SEPARATORS)), min_size=1, max_size=40).map(
    lambda parts: "".join(text + separator for text, separator in parts))


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    srcdir = write_project(tmp_path_factory.mktemp("property"), {"index.md": "# Start\n"})
    app = SphinxTestApp("dummy", srcdir=srcdir)
    yield app
    app.cleanup()


#: The info string of a plain code fence.
_FENCE_INFO = re.compile(r"^([ \t]*(?:`{3,}|~{3,}))[ \t]*[^{\s`][^\n]*$", re.MULTILINE)


def build(app: SphinxTestApp, source: str) -> tuple[str, list[int]]:
    (app.srcdir / "index.md").write_text(source, encoding="utf-8")
    app.warning.seek(0)
    app.warning.truncate()
    app.build(force_all=True)
    doctree = app.env.get_doctree("index")
    # no parser path lets a page write raw output; MyST's own hard break is the only raw node
    assert {raw.astext() for raw in doctree.findall(nodes.raw)} <= {"<br />\n", "\\\\\n"}, source
    text = doctree.astext()
    lines = [int(n) for n in re.findall(r"index\.md:(\d+):", strip_colors(app.warning.getvalue()))]
    return text, lines


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=document)
@example(source="\\\nmaple ")  # a hard break: MyST writes it as a raw node of its own
def test_parsing_never_raises_and_never_loses_a_word(app, source):
    text, warning_lines = build(app, source)
    prose = _FENCE_INFO.sub(r"\1", source)  # "``` maple" names the code's language, shown by neither MDX v1 nor us
    missing = [word for word in WORDS if word in prose and word not in text]
    assert missing == [], source
    line_count = source.count("\n") + 1
    assert all(1 <= line <= line_count for line in warning_lines), (warning_lines, line_count, source)
