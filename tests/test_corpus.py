"""The real librarium pages of ../shared/corpus, when they are beside this clone (as in CI).

Without the corpus these tests are skipped: the project's own tests never need it.
"""

from __future__ import annotations

import json
import sys

import pytest

from conftest import PROJECT, require_commands, require_module, sphinx_build

sys.path.insert(0, str(PROJECT / "tools"))

import corpus_digests  # noqa: E402
import fidelity  # noqa: E402

CORPUS = PROJECT.parent / "shared" / "corpus" / "librarium"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")


@pytest.mark.parametrize("folder", ["faq", "dev"])
def test_corpus_loses_nothing(folder, tmp_path, capsys):
    require_commands("latexmk", "pdflatex", "pdftotext")
    assert fidelity.main([str(CORPUS / folder), "--out", str(tmp_path)]) == 0
    report = capsys.readouterr().out
    assert "leaks: 0" in report and "lost words: html 0, pdf 0" in report


@pytest.mark.parametrize("folder", ["faq", "dev"])
def test_mdx_v1_pages_build_as_stored(folder, tmp_path):
    """MDX v1 pages build as they did: each page's article is the one stored (tools/corpus_digests.py
    --write stores a change meant to show). Guards MDX v1 while the Docusaurus flavour grows."""
    stored = json.loads((corpus_digests.STORE / f"{folder}.json").read_text(encoding="utf-8"))
    assert corpus_digests.changed(stored, corpus_digests.digests(CORPUS / folder, tmp_path)) == []


def test_docusaurus_pages_lose_nothing(tmp_path, capsys):
    """Today's librarium (Docusaurus, MDX 3): no leaked syntax, no lost word (tab labels and partials
    included), a PDF without blank pages or text past the margins whose bookmarks follow the navigation."""
    require_commands("latexmk", "pdflatex", "pdftotext")
    fidelity.main([str(CORPUS / "docusaurus" / "docs-content"), "--out", str(tmp_path)])
    report = capsys.readouterr().out
    assert "pages: 25" in report and "leaks: 0" in report and "lost words: html 0, pdf 0" in report, report
    assert ", blank: 0" in report and "missing from the bookmarks: 0, out of order: 0" in report, report
    assert "Overfull boxes over 5 pt: 0" in report, report


def test_faq_clusters_link_opens_the_vmware_pane(tmp_path, open_page):
    result = sphinx_build(CORPUS / "faq", tmp_path, "dirhtml", "--keep-going", conf=PROJECT)
    assert result.returncode == 1 and "[mdx.image]" in result.stderr  # the corpus lacks its images
    expect = require_module("playwright.sync_api").expect
    page = open_page(tmp_path, "faq/")
    page.get_by_role("link", name="dedicated to an").click()
    page.wait_for_url("**/clusters/?clusterType=vmware_cluster#ipaddressmanagement")
    heading = page.locator("#ipaddressmanagement")
    expect(heading).to_have_count(1)
    vmware = page.locator("label.sd-tab-label", has_text="VMware")
    expect(page.locator(f"#{vmware.get_attribute('for')}")).to_be_checked()
    title = page.get_by_role("heading", name="IP Address Management")
    expect(title).to_be_visible()
    expect(title).to_be_in_viewport()
