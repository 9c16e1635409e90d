"""Does a content folder's PDF read like a book? Measure a built PDF against its navigation.

    python tools/pdf_report.py path/to/build      (a folder holding latex/ and doctrees/)

Prints the number of pages and blank pages, the chapters against the
top-level navigation entries, the navigation titles missing from the PDF's
bookmarks or out of their order, the Overfull boxes wider than 5 pt with the
source file:line that caused each (the build must set
``mdx_latex_source_lines``, as ``tools/fidelity.py`` does), and words printed
over other words (text run under the next table cell). ``tools/fidelity.py``
prints this report after its own.
"""

from __future__ import annotations

import argparse
import pickle
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup
from pypdf import PdfReader

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "_ext"))

from sphinx_mdx.latex import SOURCE_MARK  # noqa: E402

#: An Overfull box at least this wide is reported.
OVERFULL_LIMIT = 5.0
_PAGE_NUMBER = re.compile(r"^([ivxlc]+|\d+)(\s|$)|(^|\s)([ivxlc]+|\d+)$")
_OVERFULL = re.compile(r"^Overfull \\hbox \((?P<points>[\d.]+)pt too wide\) .*?(?:lines? (?P<line>\d+))", re.MULTILINE)


@dataclass
class Report:
    pages: int = 0
    blank_pages: list[int] = field(default_factory=list)
    chapters: list[str] = field(default_factory=list)
    top_level: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    navigation: list[str] = field(default_factory=list)
    missing_bookmarks: list[str] = field(default_factory=list)
    out_of_order: list[str] = field(default_factory=list)
    overfull: list[tuple[float, str]] = field(default_factory=list)
    overprinted: list[str] = field(default_factory=list)


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def blank_pages(texts: list[str]) -> list[int]:
    """Pages with nothing but the running header (the first line most pages share) and the footer
    (a last line that starts or ends with the page number)."""
    lines = [[line.strip() for line in text.splitlines() if line.strip()] for text in texts]
    firsts = Counter(page[0] for page in lines if page)
    header = firsts.most_common(1)[0][0] if firsts else None
    blank = []
    for number, page in enumerate(lines, start=1):
        body = page[1:] if page and page[0] == header else page
        body = body[:-1] if body and _PAGE_NUMBER.search(body[-1]) else body
        if not body:
            blank.append(number)
    return blank


def outline(pdf: Path) -> list[tuple[int, str]]:
    """The bookmarks, depth first: (level, title)."""
    found: list[tuple[int, str]] = []

    def walk(items, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, " ".join(str(item.title).split())))

    walk(PdfReader(str(pdf)).outline, 0)
    return found


def navigation(build: Path) -> tuple[list[str], list[str], list[str], str]:
    """From the build's environment: the navigation's titles depth first (the toctrees, generated or
    written), the top-level ones, the titles of the pages in no toctree, and the root page's title."""
    with (build / "doctrees" / "environment.pickle").open("rb") as saved:
        env = pickle.load(saved)
    tree = env.toctree_includes
    root = env.config.root_doc

    def title(docname: str) -> str:
        return " ".join(env.titles[docname].astext().split()) if docname in env.titles else docname

    ordered: list[str] = []
    seen = {root}

    def walk(docname: str) -> None:
        for child in tree.get(docname, []):
            if child not in seen:
                seen.add(child)
                ordered.append(title(child))
                walk(child)

    walk(root)
    hidden = [title(docname) for docname in sorted(env.found_docs - seen)]
    return ordered, [title(child) for child in tree.get(root, [])], hidden, title(root)


def overfull_boxes(log: Path, tex: Path) -> list[tuple[float, str]]:
    """Overfull boxes over the limit, each with the source line marked nearest above it in the .tex."""
    lines = tex.read_text(encoding="utf-8").splitlines()
    marks: list[str] = []
    last = "?"
    for line in lines:
        if line.startswith(SOURCE_MARK):
            last = line[len(SOURCE_MARK) :].strip()
        marks.append(last)
    found = {}  # LaTeX may report one box twice (in a paragraph, then where it was detected)
    for match in _OVERFULL.finditer(log.read_text(encoding="latin-1")):
        points = float(match.group("points"))
        if points > OVERFULL_LIMIT:
            line = int(match.group("line"))
            source = marks[min(line, len(marks)) - 1] if marks else "?"
            found[points, source] = (points, source)
    return list(found.values())


def overprinted_words(pdf: Path) -> list[str]:
    """Words whose box runs into the next word's on the same line: text under the next cell."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = []
    for number, page in enumerate(BeautifulSoup(html, "html.parser").find_all("page"), start=1):
        words = sorted(
            ((round(float(word["ymax"])), float(word["xmin"]), float(word["xmax"]), word.get_text())
             for word in page.find_all("word")),
        )
        for (line, _, right, text), (next_line, left, _, _) in zip(words, words[1:], strict=False):
            if line == next_line and left < right - 1 and any(char.isalnum() for char in text):
                found.append(f"page {number}: {text}")
    return found


def report_for(build: Path) -> Report:
    pdf = next((build / "latex").glob("*.pdf"))
    report = Report()
    texts = page_texts(pdf)
    report.pages = len(texts)
    report.blank_pages = blank_pages(texts)
    bookmarks = outline(pdf)
    report.navigation, report.top_level, report.hidden, root_title = navigation(build)
    # the root page's own content, when it has any, is a chapter before the others
    report.chapters = [title for level, title in bookmarks if level == 0 and title != root_title]
    titles = [title for _, title in bookmarks]
    position = 0
    for title in [*report.navigation, *report.hidden]:  # the appendices follow the navigation
        if title not in titles:
            report.missing_bookmarks.append(title)
        elif title not in titles[position:]:
            report.out_of_order.append(title)
        else:
            position = titles.index(title, position) + 1
    tex = pdf.with_suffix(".tex")
    report.overfull = overfull_boxes(pdf.with_suffix(".log"), tex)
    report.overprinted = overprinted_words(pdf)
    return report


def print_report(report: Report) -> int:
    """Print ``report``; 1 when the PDF falls short of a book."""
    chapters = [title for title in report.chapters if title in report.top_level]
    print(f"PDF pages: {report.pages}, blank: {len(report.blank_pages)}"
          + (f" ({', '.join(map(str, report.blank_pages[:20]))})" if report.blank_pages else ""))
    print(f"chapters: {len(report.chapters)} bookmarks at the top level, for {len(report.top_level)} top-level "
          f"navigation entries ({len(chapters)} of them chapters) and {len(report.hidden)} appendices")
    print(f"navigation and appendix titles: {len(report.navigation) + len(report.hidden)}, missing from the bookmarks: "
          f"{len(report.missing_bookmarks)}, out of order: {len(report.out_of_order)}")
    for label, titles in (("    missing", report.missing_bookmarks), ("    out of order", report.out_of_order)):
        if titles:
            print(f"{label}: {'; '.join(titles[:10])}{' ...' if len(titles) > 10 else ''}")
    print(f"Overfull boxes over {OVERFULL_LIMIT:g} pt: {len(report.overfull)}")
    for points, source in sorted(report.overfull, reverse=True)[:20]:
        print(f"    {points:.1f} pt  {source}")
    print(f"words printed over other words: {len(report.overprinted)}")
    for word in report.overprinted[:10]:
        print(f"    {word}")
    short = (report.blank_pages or report.missing_bookmarks or report.out_of_order or report.overfull
             or report.overprinted or len(chapters) != len(report.top_level))
    return 1 if short else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", type=Path, help="the build folder (holds latex/ and doctrees/)")
    args = parser.parse_args(argv)
    return print_report(report_for(args.build))


if __name__ == "__main__":
    sys.exit(main())
