"""tools/mdx_diff.py: our pages against their MDX's own rendering of the same sources (MDX v1's for
MDX v1 folders, MDX 3's as Docusaurus compiles them for Docusaurus folders)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, require_commands

sys.path.insert(0, str(PROJECT / "tools"))

import mdx_diff  # noqa: E402

SUMMARY = re.compile(r"^mdx_diff: \d+ pages, (\d+) differences \(structural (\d+), typographic (\d+)\), "
                     r"(\d+) documented$", re.MULTILINE)
CORPUS = PROJECT.parent / "shared" / "corpus" / "librarium"

AGREEING_PAGE = """\
---
title: Agreeing
---

import InfoBox from "@librarium/shared/src/components/InfoBox";

# A page both agree on

Plain text with a [link](https://example.org/guide) and `inline code`.

1. first
2. second

<InfoBox>

A note in a box.

</InfoBox>

| Name | Value |
|------|-------|
| size | 3     |

```yaml
key: value
```
"""

DOCUSAURUS_PAGE = """\
---
title: Tiny Docusaurus page
---

Some prose first. <TpBadge />

:::tip

A tip without a title.

:::

:::note[Before you start]

A note with its title in brackets.

:::

## Install {#install}

<Tabs groupId="os">
<TabItem label="Linux" value="linux">

Run the installer on Linux.

</TabItem>
<TabItem label="macOS" value="mac">

Run the installer on macOS.

</TabItem>
</Tabs>

<Packs />
"""

DIFFERING_PAGE = """\
# A page that differs

Some prose first.

He said "quotes" -- and dashes...

See https://example.com for more.
"""


@pytest.fixture(autouse=True)
def node_and_npm() -> None:
    require_commands("node", "npm")


def run(content: Path, tmp_path: Path, capsys) -> tuple[int, str]:
    status = mdx_diff.main([str(content), "--out", str(tmp_path / "out")])
    return status, capsys.readouterr().out


def test_a_page_we_render_as_mdx_v1_did_has_no_difference(tmp_path, capsys):
    content = tmp_path / "content"
    content.mkdir()
    (content / "agreeing.md").write_text(AGREEING_PAGE, encoding="utf-8")
    status, out = run(content, tmp_path, capsys)
    assert SUMMARY.search(out).groups() == ("0", "0", "0", "0"), out
    assert status == 0


def test_differences_come_with_their_line_and_category(tmp_path, capsys):
    """Our page, built, then given smart quotes and an unlinked URL, so that it surely differs."""
    content = tmp_path / "content"
    content.mkdir()
    source = content / "differing.md"
    source.write_text(DIFFERING_PAGE, encoding="utf-8")
    mdx_v1 = mdx_diff.render_with(mdx_diff.MDX_V1, [source], content)[source]
    our_html = mdx_diff.build_ours(content, tmp_path / "out", [source])[source]
    page = our_html.read_text(encoding="utf-8").replace('"quotes"', "“quotes”")
    our_html.write_text(re.sub(r'<a [^>]*href="https://example.com"[^>]*>([^<]*)</a>', r"\1", page), encoding="utf-8")

    differences = mdx_diff.differences_of(source, our_html, mdx_v1, content, mdx_diff.MDX_V1)
    found = {(d.line, d.category, d.kind, d.documented) for d in differences}
    assert found == {(5, "typographic", "paragraph text", ""), (7, "structural", "link missing in ours", "")}
    status = mdx_diff.report(content, [(source, differences)])
    out = capsys.readouterr().out
    assert "content/differing.md:5: typographic: paragraph text" in out, out
    assert SUMMARY.search(out).groups() == ("2", "1", "1", "0"), out
    assert status == 1


def test_a_page_mdx_v1_could_not_compile_counts_as_documented(tmp_path, capsys):
    content = tmp_path / "content"
    content.mkdir()
    (content / "unclosed.md").write_text("# Unclosed\n\nLine one<br>line two.\n", encoding="utf-8")
    status, out = run(content, tmp_path, capsys)
    assert "MDX v1 failed" in out, out
    assert SUMMARY.search(out).groups() == ("0", "0", "0", "1"), out
    assert status == 0


@pytest.mark.parametrize(("page", "reason"), [
    # MDX v1 showed its ** and [](...) raw; we render them: better on purpose, so not a difference
    ("# Boxed\n\n<InfoBox>\nUse **bold** and a [link](https://example.org).\n</InfoBox>\n",
     "markdown in a component"),
    # MDX v1 embedded any <iframe>; an untrusted page may frame only mdx_video_hosts, others are links
    ('# Framed\n\n<iframe src="https://guide.example.com/embed/x" width="640"></iframe>\n',
     "frame from a host we do not embed"),
    # JSX dropped the line break beside <code> ("with:ssh"); Markdown makes it a space
    ("# Boxed\n\n<InfoBox>\n    Log in with: \n        <code>ssh host</code>\n</InfoBox>\n",
     "line break beside a tag"),
], ids=["markdown in a component", "frame", "line break"])
def test_deliberate_differences_are_documented(page, reason, tmp_path, capsys):
    content = tmp_path / "content"
    content.mkdir()
    (content / "page.md").write_text(page, encoding="utf-8")
    status, out = run(content, tmp_path, capsys)
    assert f"(documented: {reason})" in out, out
    assert SUMMARY.search(out).groups()[0] == "0", out
    assert status == 0


def test_a_docusaurus_folder_is_compared_with_mdx3_and_differences_have_their_line(tmp_path, capsys):
    """A folder with a _category_.json is Docusaurus's: its page (admonitions, tabs, a {#id} heading)
    reads as MDX 3 showed it but for documented differences; a change to our page is found at its line."""
    content = tmp_path / "content"
    (content / "guide").mkdir(parents=True)
    (content / "guide" / "_category_.json").write_text('{"position": 1}', encoding="utf-8")
    source = content / "guide" / "install.md"
    source.write_text(DOCUSAURUS_PAGE, encoding="utf-8")
    assert mdx_diff.reference_of(content) is mdx_diff.MDX3
    mdx3 = mdx_diff.render_with(mdx_diff.MDX3, [source], content)[source]
    our_html = mdx_diff.build_ours(content, tmp_path / "out", [source])[source]

    differences = mdx_diff.differences_of(source, our_html, mdx3, content, mdx_diff.MDX3)
    assert [str(d) for d in differences if not d.documented] == []
    assert {d.documented for d in differences} == {"admonition title", "tech preview words", "live data"}

    page = our_html.read_text(encoding="utf-8")
    our_html.write_text(page.replace("Run the installer on macOS.", "Run the installer on a Mac."), encoding="utf-8")
    differences = mdx_diff.differences_of(source, our_html, mdx3, content, mdx_diff.MDX3)
    assert [(d.line, d.kind) for d in differences if not d.documented] == [(29, "paragraph text")]
    mdx_diff.report(content, [(source, differences)])
    out = capsys.readouterr().out
    assert "content/guide/install.md:29: structural: paragraph text" in out, out
    assert "MDX 3: 'Run the installer on macOS.'" in out, out


@pytest.mark.parametrize("folder", ["faq", "dev", "docusaurus/docs-content"], ids=["faq", "dev", "docusaurus"])
def test_the_librarium_corpus(folder, tmp_path, capsys):
    """The real pages read as their MDX showed them: no difference but the documented ones."""
    content = CORPUS / folder
    if not content.is_dir():
        pytest.skip(f"{content} is not here")
    _, out = run(content, tmp_path, capsys)
    summary = SUMMARY.search(out)
    assert summary, out[-3000:]
    with capsys.disabled():
        print(f"\n{folder}: {summary.group()}")
    assert summary.group(1) == "0", out[-3000:]
