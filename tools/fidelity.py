"""Does a content folder come out whole? Build it to HTML and PDF and compare with its sources.

    python tools/fidelity.py path/to/content [--out DIR] [--no-pdf]

Prints, per page and in total: the build's warnings by type; markup that
leaked into the text a reader sees (import lines, ``<Capitalised`` tags,
``attr={``, closing tags, and Docusaurus's ``:::``, ``{/*``, ``{#id}``,
``{props.``, ``{frontMatter.``); and words of the page's prose (its tab labels
and the partials it includes too) that its HTML page,
and the PDF, do not contain; then the PDF's report as a book (``tools/pdf_report.py``:
pages, blank pages, bookmarks, Overfull boxes with their source lines).
Exits 1 on any leak or lost word, or a PDF that falls short of a book.
"""

from __future__ import annotations

import argparse
import pickle
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "_ext"))

from sphinx_mdx.attributes import Markup, NotALiteral, evaluate  # noqa: E402
from sphinx_mdx.components.partials import split_front_matter  # noqa: E402
from sphinx_mdx.flavours import Flavour, flavour_of  # noqa: E402
from sphinx_mdx.html import INLINE_NAMES  # noqa: E402
from sphinx_mdx.mojibake import repair_lines  # noqa: E402
from sphinx_mdx.syntax import mdx_plugin  # noqa: E402

from pdf_report import print_report, report_for  # noqa: E402

SUFFIXES = (".md", ".mdx")
#: What leaked markup looks like in the text a reader sees.
LEAK = re.compile(r"^\s*(?:import|export)\s+[\w{*]|<[A-Z][\w.]*[\s>/]|\b[A-Za-z]+=\{|</[A-Za-z][\w.]*>"
                  r"|^\s*:::|\s:::[ \t]*$|\{/\*|\{#[\w-]+\}|\{(?:props|frontMatter)\.", re.MULTILINE)
WORD = re.compile(r"[^\W\d_]{3,}")
DIRECTIVE = re.compile(r"\{([\w-]+)\}")
WARNING = re.compile(r"^(?P<path>.+?):(?:\d+:)? WARNING: .*?(?:\[(?P<type>[\w.-]+)\])?$")
#: Attributes whose value a reader sees: tab labels, tooltip triggers, point descriptions.
SHOWN_ATTRIBUTES = ("tab", "label", "trigger", "title", "description", "text")
#: Video players, whose title is the frame's name for screen readers, not text on the page.
PLAYERS = ("YouTube", "iframe")


@dataclass
class Page:
    source: Path
    docname: str
    warnings: Counter = field(default_factory=Counter)
    html_leaks: list[str] = field(default_factory=list)
    pdf_leaks: list[str] = field(default_factory=list)
    lost_html: list[str] = field(default_factory=list)
    lost_pdf: list[str] = field(default_factory=list)
    #: False for a file that is no page (a partial) but that warnings name: its warnings count too.
    is_page: bool = True


def _parser(flavour: Flavour) -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(
        mdx_plugin, flavour.inline_components | INLINE_NAMES, flavour.components, flavour.dialect)


def prose_and_code(text: str, md: MarkdownIt, partials: dict | None = None) -> tuple[list[str], list[str]]:
    """The words a reader should find, and the code (where markup may rightly appear); ``partials``
    (the build's index, ``(category, name)`` -> file) adds the text of the partials a page includes."""
    prose: list[str] = []
    code: list[str] = []

    def attribute_text(tag) -> None:
        for attribute in tag.attributes:
            if attribute.name not in SHOWN_ATTRIBUTES or tag.name in PLAYERS:
                continue
            try:
                value = evaluate(attribute)
            except NotALiteral:
                continue
            if isinstance(value, Markup):
                walk(md.parseInline(value.source, {}))
            elif isinstance(value, str):
                prose.append(value)

    def walk(tokens) -> None:
        for token in tokens:
            directive = DIRECTIVE.match(token.info) if token.type == "fence" else None
            if directive and directive.group(1) != "raw":
                body = "\n".join(line for line in token.content.splitlines() if not line.startswith(":"))
                walk(md.parse(body))  # a MyST directive's content is prose
            elif directive:
                pass  # raw output is markup, neither prose nor code
            elif token.type in ("fence", "code_block", "code_inline"):
                code.append(token.content)
            elif token.type == "text":
                prose.append(token.content)
            elif token.type == "admonition_open":
                prose.append(token.meta["title"])  # a Docusaurus admonition's title
            elif token.type in ("jsx_flow_open", "jsx_inline_open"):
                attribute_text(token.meta["tag"])
                included = _partial(token.meta["tag"], partials or {})
                if included is not None:
                    walk(md.parse(split_front_matter(included.read_text(encoding="utf-8-sig"))[1]))
                points = next((a for a in token.meta["tag"].attributes if a.name == "points"), None)
                if points is not None:
                    try:
                        prose.extend(str(p.get("description", "")) for p in evaluate(points) if isinstance(p, dict))
                    except (NotALiteral, TypeError):
                        pass
            if token.children and token.type != "image":  # alt text shows only when the image does not
                walk(token.children)

    walk(md.parse(text))
    return prose, code


def _partial(tag, partials: dict) -> Path | None:
    """The file a ``<PartialsComponent category name>`` includes, if any."""
    if tag.name != "PartialsComponent":
        return None
    naming = {attribute.name: attribute.value for attribute in tag.attributes if attribute.name in ("category", "name")}
    found = partials.get((naming.get("category", ""), naming.get("name", "")))
    return Path(found) if found else None


def words(texts: list[str]) -> set[str]:
    return {word.lower() for text in texts for word in WORD.findall(_plain(text))}


def _plain(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def leaks(text: str, meant_as_text: str) -> list[str]:
    """Markup in ``text`` that the page did not mean as text (prose such as "<AWS key>", or code);
    compared with white space collapsed, as highlighted code comes out of HTML with more of it."""
    meant = _collapsed(meant_as_text)
    return [match.group().strip() for match in LEAK.finditer(text) if _collapsed(match.group()) not in meant]


def _collapsed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def article_text(html_file: Path) -> str:
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article") or soup.body or soup
    return article.get_text(" ")


def build(content: Path, out: Path, builder: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "sphinx", "-M", builder, str(content), str(out), "-c", str(PROJECT),
               "--keep-going", "-q", "-w", str(out / f"{builder}-warnings.txt"), "-D", "mdx_latex_source_lines=1"]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def check(content: Path, out: Path, with_pdf: bool) -> list[Page]:
    md = _parser(flavour_of(SimpleNamespace(mdx_flavour="auto"), content))
    pages: list[Page] = []
    html = build(content, out, "html")
    if html.returncode != 0:
        raise SystemExit(f"the HTML build failed:\n{html.stderr[-3000:]}")
    pdf_text = ""
    if with_pdf:
        latex = build(content, out, "latexpdf")
        pdfs = sorted((out / "latex").glob("*.pdf"))
        if latex.returncode != 0 or not pdfs:
            raise SystemExit(f"the PDF build failed:\n{latex.stdout[-3000:]}{latex.stderr[-3000:]}")
        pdf_text = subprocess.run(["pdftotext", str(pdfs[0]), "-"], capture_output=True, text=True,
                                  check=True).stdout
    # a hyphen at a line end may split a word or be a real one: accept both readings;
    # and PDF text glues a word to a link before it ("[Tetrogon](...)is"): accept substrings
    pdf_words = words([re.sub(r"-\n(?=[a-z])", "", pdf_text), pdf_text])
    pdf_flat = re.sub(r"\s+", "", _plain(pdf_text)).lower()
    pdf_markup = leaks(pdf_text, "")  # scanned once; each page claims the matches its source holds
    with (out / "doctrees" / "environment.pickle").open("rb") as saved:
        env = pickle.load(saved)  # the build's own mapping of files to pages
    by_source: dict[Path, Page] = {}
    for source in sorted(path for path in content.rglob("*") if path.suffix in SUFFIXES):
        docname = env.path2doc(str(source))
        if docname not in env.found_docs:
            continue  # no page: a Docusaurus partial, or excluded (path2doc names any file with a page's suffix)
        page = Page(source, docname)
        by_source[source.resolve()] = page
        pages.append(page)
        text, _ = repair_lines(source.read_text(encoding="utf-8-sig"))
        prose, code = prose_and_code(text, md, getattr(env, "mdx_partials", {}))
        meant_as_text = "\n".join(prose + code)
        expected = words(prose)
        html_file = out / "html" / f"{page.docname}.html"
        shown = article_text(html_file) if html_file.exists() else ""
        page.html_leaks = leaks(shown, meant_as_text)
        page.lost_html = sorted(expected - words([shown]))
        if with_pdf:
            page.pdf_leaks = [leak for leak in pdf_markup if leak in text and leak not in meant_as_text]
            page.lost_pdf = sorted(word for word in expected - pdf_words if word not in pdf_flat)
    # every warning of the HTML build, and those the PDF's build gives besides (its own: mdx.latex...)
    html_warnings = _warning_lines(out / "html-warnings.txt")
    pdf_only = _warning_lines(out / "latexpdf-warnings.txt") - html_warnings if with_pdf else Counter()
    for line in (html_warnings + pdf_only).elements():
        match = WARNING.match(line)
        if match:
            path = Path(match.group("path")).resolve()
            if path not in by_source and path.suffix in SUFFIXES:  # a partial, in the content folder or beside it
                name = path.relative_to(content.parent) if path.is_relative_to(content.parent) else path
                by_source[path] = Page(path, str(name), is_page=False)
                pages.append(by_source[path])
            if path in by_source:
                by_source[path].warnings[match.group("type") or "other"] += 1
    return pages


def _warning_lines(warnings_file: Path) -> Counter:
    return Counter(warnings_file.read_text(encoding="utf-8").splitlines() if warnings_file.exists() else [])


def report(pages: list[Page], with_pdf: bool) -> int:
    totals: Counter = Counter()
    problems = 0
    for page in pages:
        totals.update(page.warnings)
        counts = [len(page.html_leaks), len(page.pdf_leaks), len(page.lost_html), len(page.lost_pdf)]
        problems += sum(counts)
        if not (page.warnings or any(counts)):
            continue
        warnings = ", ".join(f"{kind} {count}" for kind, count in sorted(page.warnings.items())) or "-"
        print(f"{page.docname}: warnings: {warnings}; leaks html {counts[0]}, pdf {counts[1]}; "
              f"lost words html {counts[2]}, pdf {counts[3]}")
        for label, items in (("leaked into HTML", page.html_leaks), ("leaked into PDF", page.pdf_leaks),
                             ("lost in HTML", page.lost_html), ("lost in PDF", page.lost_pdf)):
            if items:
                print(f"    {label}: {', '.join(items[:12])}{' ...' if len(items) > 12 else ''}")
    leaks_total = sum(len(p.html_leaks) + len(p.pdf_leaks) for p in pages)
    lost_html = sum(len(p.lost_html) for p in pages)
    lost_pdf = sum(len(p.lost_pdf) for p in pages)
    print()
    print(f"pages: {sum(page.is_page for page in pages)}")
    print(f"warnings: {sum(totals.values())}" + "".join(f"\n    {kind}: {n}" for kind, n in sorted(totals.items())))
    print(f"leaks: {leaks_total}")
    print(f"lost words: html {lost_html}" + (f", pdf {lost_pdf}" if with_pdf else " (PDF not checked)"))
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path, help="the content folder (librarium pages)")
    parser.add_argument("--out", type=Path, help="where to build (default: a temporary folder)")
    parser.add_argument("--no-pdf", action="store_true", help="check the HTML only")
    args = parser.parse_args(argv)
    if not args.content.is_dir():
        parser.error(f"no such folder: {args.content}")
    with tempfile.TemporaryDirectory() as temporary:
        out = args.out or Path(temporary)
        status = report(check(args.content.resolve(), out, not args.no_pdf), not args.no_pdf)
        if not args.no_pdf:
            print()
            status |= print_report(report_for(out))
        return status


if __name__ == "__main__":
    sys.exit(main())
