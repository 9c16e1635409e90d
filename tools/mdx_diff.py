"""Does a content folder read as MDX v1 showed it? Compare each page with MDX v1's own rendering.

    python tools/mdx_diff.py path/to/content [--out DIR]

Renders every page with ``@mdx-js/mdx`` 1.6.22 and React's server rendering
(``tools/mdx_v1/render.js``; librarium's components stubbed as classed elements),
builds the folder with this project, and compares the two pages element by element,
in document order: headings, lists, tables, code blocks, links, images, components
and paragraph text, character for character. Prints each difference with its
source line and category (structural or typographic), then one summary line.
Differences listed in ``DOCUMENTED`` (where we are better on purpose) are counted
apart. Exits 1 on any other difference.

MDX v1 is installed with ``npm ci`` into ``$MDX_V1_DIR`` (default
``~/.cache/sphinx-mdx/mdx_v1``) on first use, never inside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Callable

from bs4 import BeautifulSoup, NavigableString, Tag

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "_ext"))

from npm_cache import CACHE, install_locked  # noqa: E402
from sphinx_mdx.mojibake import repair_lines  # noqa: E402

MDX_V1 = PROJECT / "tools" / "mdx_v1"
INSTALL = Path(os.environ.get("MDX_V1_DIR") or CACHE / "mdx_v1")
SUFFIXES = (".md", ".mdx")
#: Our component markup, by class, and the component MDX v1's stub names.
COMPONENT_CLASSES = {"mdx-infobox": "InfoBox", "mdx-warningbox": "WarningBox", "mdx-tabs": "Tabs",
                     "sd-tab-label": "TabPane", "mdx-tooltip": "Tooltip",
                     "mdx-pointsofinterest": "PointsOfInterest", "mdx-youtube": "YouTube"}
COMPONENTS = frozenset(COMPONENT_CLASSES.values()) | {"Video"}
VIDEO_FILE = re.compile(r"(?i)\.(mp4|webm|ogv|mov)(\?.*)?$")
VIDEO_SPAN = re.compile(r'video:\s*title:\s*"(?P<title>[^"]*)"\s*:\s*\S+')
#: Our video whose file the corpus lacks: its link text alone, in a code span.
MISSING_VIDEO = re.compile(r"^Video: (?P<label>.*)$")
#: The mark of a list joined from lists split by two blank lines (see ``_join_split_lists``).
SPLIT_LIST = "split by MDX v1"
#: Ours only: page chrome, icons, copy buttons, the tab radio inputs and point markers or their
#: legend when the image is missing (MDX v1's stubs draw no points), and the labels compared as the TabPane's label; the title
#: that a page without a ``#`` heading has for screen readers alone (sphinx_mdx/html.py).
OUR_CHROME = "a.headerlink, .mdx-box-icon, button.copybtn, input, .mdx-poi-point, .mdx-poi-legend, .mdx-page-title"
BLOCKS = frozenset("address article aside blockquote dd details div dl dt figcaption figure h1 h2 h3 h4 h5 h6 "
                   "hr iframe label li ol p pre section summary table tbody td tfoot th thead tr ul video".split())
SKIPPED_FOR_PROSE = ("pre", "table", "h1", "h2", "h3", "h4", "h5", "h6", "label")
PLAIN_LANGUAGES = frozenset({"", "text", "default", "none", "plain", "plaintext"})
#: The typography MDX v1 did not do; folded back to compare a page's structure apart from it.
TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "--", "—": "---",
                            "…": "...", "\u00a0": " "})


@dataclass(frozen=True)
class Element:
    kind: str  # heading, paragraph, list, table, code, link, image, component
    shape: str  # what the structure says: level, list type and length, language, link kind, image file
    text: str  # what a reader sees
    detail: str = field(default="", compare=False)  # a link's href; "page title" on our first heading

    @property
    def key(self) -> tuple[str, str, str]:
        """What pairs two elements up; a component is its name, the rest their text."""
        return self.kind, self.shape if self.kind == "component" else "", fold(self.text)


@dataclass
class Difference:
    source: Path
    line: int
    category: str  # structural or typographic
    kind: str
    ours: str
    mdx_v1: str
    documented: str = ""  # the DOCUMENTED reason that covers it

    def __str__(self) -> str:
        mark = f" (documented: {self.documented})" if self.documented else ""
        start = max(0, len(os.path.commonprefix([self.ours, self.mdx_v1])) - 60)  # where they part
        ours, mdx_v1 = (("…" if start else "") + text[start:start + 240] for text in (self.ours, self.mdx_v1))
        return (f"{self.source}:{self.line}: {self.category}: {self.kind}{mark}\n"
                f"    ours:   {ours!r}\n    MDX v1: {mdx_v1!r}")


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(TYPOGRAPHY)).strip()


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- MDX v1 -----------------------------------------------------------------------------

def install_mdx_v1() -> Path:
    """MDX v1's node_modules, installed from the lock file when missing or out of date."""
    return install_locked(MDX_V1, INSTALL)


def render_with_mdx_v1(sources: list[Path]) -> dict[Path, dict]:
    """Each page's ``{"html": ...}`` or ``{"error": ...}`` from MDX v1."""
    node_modules = install_mdx_v1()
    pages = "".join(json.dumps({"path": str(source), "source": source.read_text(encoding="utf-8-sig")}) + "\n"
                    for source in sources)
    result = subprocess.run(["node", str(MDX_V1 / "render.js")], input=pages, capture_output=True, text=True,
                            env={**os.environ, "NODE_PATH": str(node_modules)}, check=False)
    if result.returncode != 0:
        raise SystemExit(f"MDX v1's renderer failed:\n{result.stderr[-3000:]}")
    answers = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return {Path(answer.pop("path")): answer for answer in answers}


# --- our build --------------------------------------------------------------------------

def build_ours(content: Path, out: Path, sources: list[Path]) -> dict[Path, Path]:
    """Each source's HTML page, as this project builds the folder."""
    html = out / "html"
    command = [sys.executable, "-m", "sphinx", "-b", "html", str(content), str(html),
               "-c", str(PROJECT), "-q", "--keep-going"]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, check=False)
    pickled = html / ".doctrees" / "environment.pickle"
    if not pickled.exists():
        raise SystemExit(f"the HTML build failed:\n{result.stderr[-3000:]}")
    with pickled.open("rb") as saved:
        env = pickle.load(saved)  # the build's own mapping of files to pages
    return {source: html / f"{env.path2doc(str(source))}.html" for source in sources}


# --- elements ---------------------------------------------------------------------------

def our_article(html_file: Path) -> Tag:
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article") or soup.body or soup
    for chrome in article.select(OUR_CHROME):
        chrome.decompose()
    _breaks_as_spaces(article)
    for missing in article.select(".mdx-missing-image"):  # the image file is not in the corpus
        missing.replace_with(soup.new_tag("img", alt=missing.get_text(), src=""))
    for video in article.select("video.mdx-video"):
        video.replace_with(_video(soup, video.get("title") or MISSING_VIDEO.sub(r"\g<label>", video.get_text())))
    for code in article.find_all("code"):
        missing = MISSING_VIDEO.match(code.get_text())
        if missing:
            (code.find_parent("a") or code).replace_with(_video(soup, missing.group("label")))
    return article


def mdx_v1_page(html: str) -> Tag:
    """MDX v1's page; librarium's two ways to show a video (an image of a video file, a code span)
    become videos."""
    soup = BeautifulSoup(html, "html.parser")
    for image in soup.find_all("img", src=VIDEO_FILE):
        image.replace_with(_video(soup, image.get("alt", "")))
    _breaks_as_spaces(soup)
    for code in soup.find_all("code"):  # librarium's video span, which a gatsby plugin of its made a video
        video = VIDEO_SPAN.match(code.get_text())
        if video:
            code.replace_with(_video(soup, video.group("title")))
    return soup


def _breaks_as_spaces(root: Tag) -> None:
    """A line break separates words, whichever whitespace surrounds it on either side."""
    for line_break in root.find_all("br"):
        line_break.replace_with(" ")


def _video(soup: BeautifulSoup, label: str) -> Tag:
    return soup.new_tag("video", attrs={"class": "mdx-video", "title": label})


def component_name(tag: Tag, ours: bool) -> str | None:
    classes = tag.get("class") or []
    if tag.name == "video":
        return "Video"
    if ours:
        return next((COMPONENT_CLASSES[c] for c in classes if c in COMPONENT_CLASSES), None)
    if "mdx-stub" not in classes:
        return None
    name = next(c[4:] for c in classes if c.startswith("mdx-") and c != "mdx-stub")
    return name if name in COMPONENTS else None


def component_label(tag: Tag, ours: bool) -> str:
    if tag.name == "video":
        return tag.get("title", "")
    if ours:
        return squeeze(tag.get_text()) if "sd-tab-label" in (tag.get("class") or []) else ""
    return squeeze(tag.get("data-tab") or "")


def elements(root: Tag, ours: bool) -> dict[str, list[Element]]:
    """The page's elements by kind, each kind in document order."""
    found: dict[str, list[Element]] = {kind: [] for kind in
                                       ("heading", "list", "table", "code", "link", "image", "component")}
    list_of: dict[int, int] = {}  # a list tag's element in found["list"]
    for tag in root.find_all(True):
        name = tag.name
        if re.fullmatch(r"h[1-6]", name):
            detail = "page title" if ours and not found["heading"] else ""
            found["heading"].append(Element("heading", f"h{name[1]}", squeeze(tag.get_text()), detail))
        elif name in ("ul", "ol"):
            if _join_split_lists(tag, found["list"], list_of):
                continue
            list_of[id(tag)] = len(found["list"])
            items = tag.find_all("li", recursive=False)
            first = next((text for text, _ in _prose(items[0], in_component=False)), "") if items else ""
            found["list"].append(Element("list", _list_shape(name, int(tag.get("start", 1)), len(items)), first))
        elif name == "table":
            rows = [[squeeze(cell.get_text()) for cell in row.find_all(("td", "th"))] for row in tag.find_all("tr")]
            shape = f"{len(rows)} rows x {max((len(row) for row in rows), default=0)} columns"
            found["table"].append(Element("table", shape, " | ".join(" ; ".join(row) for row in rows)))
        elif name == "pre":
            found["code"].append(Element("code", _language(tag, ours), tag.get_text().strip("\n")))
        elif name == "a" and tag.get("href") is not None:
            found["link"].append(Element("link", _href_kind(tag["href"]), squeeze(tag.get_text()), tag["href"]))
        elif name == "img":
            found["image"].append(Element("image", Path(tag.get("src", "")).name, tag.get("alt", "")))
        component = component_name(tag, ours)
        if component:
            found["component"].append(Element("component", component, component_label(tag, ours)))
    found["paragraph"] = [Element("paragraph", "", text, "in a component" if boxed else "")
                          for text, boxed in _prose(root, in_component=False)]
    return found


def _list_shape(name: str, start: int, items: int) -> str:
    return f"{f'ordered from {start}' if name == 'ol' else 'unordered'}, {items} items"


def _join_split_lists(tag: Tag, lists: list[Element], list_of: dict[int, int]) -> bool:
    """Count a list as part of the list just before it, when it only continues that one.

    remark-parse 8 ends a list at two blank lines, and the next item starts a list of its own
    (numbered on); CommonMark keeps one list. Either side may split: joined, the lists compare
    item by item, and ``compare`` reports the split where only one side made it.
    """
    before = tag.find_previous_sibling(True)
    if before is None or before.name != tag.name or id(before) not in list_of:
        return False
    index = list_of[id(before)]
    earlier = re.fullmatch(r"(?:ordered from (\d+)|unordered), (\d+) items", lists[index].shape)
    start, count = int(earlier.group(1) or 1), int(earlier.group(2))
    if tag.name == "ol" and int(tag.get("start", 1)) != start + count:
        return False
    added = len(tag.find_all("li", recursive=False))
    lists[index] = Element("list", _list_shape(tag.name, start, count + added), lists[index].text, SPLIT_LIST)
    list_of[id(tag)] = index
    return True


def _language(pre: Tag, ours: bool) -> str:
    if ours:
        holder = pre.find_parent(class_=re.compile(r"^highlight-"))
        classes = holder.get("class") if holder else []
        language = next((c[len("highlight-"):] for c in classes if c.startswith("highlight-")), "")
    else:
        code = pre.find("code")
        classes = (code.get("class") or []) if code else []
        language = next((c[len("language-"):] for c in classes if c.startswith("language-")), "")
    return "" if language in PLAIN_LANGUAGES else language


def _href_kind(href: str) -> str:
    """external, or internal: a place in this site (we write ``#anchor`` where MDX v1 wrote ``/page#anchor``)."""
    return "external" if re.match(r"(?i)(https?|ftp|mailto):", href) else "internal"


def _prose(block: Tag, in_component: bool) -> list[tuple[str, bool]]:
    """The text of each run of inline content (a paragraph, a tight list item's text), in order,
    and whether it is inside one of MDX v1's component stubs."""
    texts: list[tuple[str, bool]] = []
    in_component = in_component or "mdx-stub" in (block.get("class") or [])
    run: list[str] = []

    def flush() -> None:
        text = squeeze("".join(run))
        if text:
            texts.append((text, in_component))
        run.clear()

    for child in block.children:
        if isinstance(child, NavigableString):
            run.append(str(child) if type(child) is NavigableString else "")  # not comments
        elif child.name in BLOCKS:
            flush()
            if child.name not in SKIPPED_FOR_PROSE:
                texts += _prose(child, in_component)
        else:
            run.append(child.get_text())
    flush()
    return texts


# --- comparing --------------------------------------------------------------------------

Found = tuple[str, str, Element | None, Element | None]


def compare(ours: dict[str, list[Element]], theirs: dict[str, list[Element]]) -> list[Found]:
    """(category, what, our element, MDX v1's element) for each difference, kind by kind."""
    found = []
    for kind, our_elements in ours.items():
        their_elements = theirs[kind]
        matcher = SequenceMatcher(None, [e.key for e in our_elements], [e.key for e in their_elements],
                                  autojunk=False)
        for operation, i1, i2, j1, j2 in matcher.get_opcodes():
            if operation == "equal":
                for mine, its in zip(our_elements[i1:i2], their_elements[j1:j2]):
                    if not _same_shape(mine, its):
                        found.append(("structural", f"{kind} {its.shape} -> {mine.shape}", mine, its))
                    elif its.detail == SPLIT_LIST and mine.detail != SPLIT_LIST:
                        found.append(("structural", "list split by MDX v1", mine, its))
                    elif mine.detail == SPLIT_LIST and its.detail != SPLIT_LIST:
                        found.append(("structural", "list split by us", mine, its))
                    elif mine.text != its.text:
                        found.append(("typographic", f"{kind} text", mine, its))
                continue
            for mine, its in _pairs(our_elements[i1:i2], their_elements[j1:j2]):
                if mine is None:
                    found.append(("structural", f"{kind} missing in ours", None, its))
                elif its is None:
                    found.append(("structural", f"{kind} only in ours", mine, None))
                elif not _same_shape(mine, its):
                    found.append(("structural", f"{kind} {its.shape} -> {mine.shape}", mine, its))
                else:
                    found.append(("structural", f"{kind} text", mine, its))
    return found


def _same_shape(mine: Element, its: Element) -> bool:
    """Our stand-in for an image file the corpus lacks has no src: its alt text alone compares."""
    return mine.shape == its.shape or (mine.kind == "image" and not mine.shape)


def _pairs(ours: list[Element], theirs: list[Element]) -> list[tuple[Element | None, Element | None]]:
    """Pair up the elements of two differing runs where they are alike, in order; the rest alone."""
    pairs: list[tuple[Element | None, Element | None]] = []
    next_theirs = 0
    for mine in ours:
        match = next((k for k in range(next_theirs, len(theirs)) if _alike(mine, theirs[k])), None)
        if match is None:
            pairs.append((mine, None))
            continue
        pairs += [(None, its) for its in theirs[next_theirs:match]] + [(mine, theirs[match])]
        next_theirs = match + 1
    return pairs + [(None, its) for its in theirs[next_theirs:]]


def _alike(mine: Element, its: Element) -> bool:
    if mine.kind == "table":  # the same header row
        return mine.text.split(" | ")[0] == its.text.split(" | ")[0]
    plain = [fold(_strip_markdown(element.text)) for element in (mine, its)]
    return mine.key[:2] == its.key[:2] and SequenceMatcher(None, *plain).ratio() >= 0.6


def _strip_markdown(text: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"(\*\*|__|`|^\s*[-*] )", "", text)


def _repaired(text: str) -> str:
    return repair_lines(text)[0]


#: Differences where we are better than MDX v1 on purpose, or must differ: (name, reason, test on
#: our element and MDX v1's, both of the same kind). Pages MDX v1 could not compile count here too.
DOCUMENTED: list[tuple[str, str, Callable[[Element, Element], bool]]] = [
    ("table line without pipes", "a table row broken onto a line without pipes stays in the table for us; "
     "MDX v1 ended the table there and showed the rows after it as a paragraph",
     lambda ours, its: ours.kind == "table" and _rows(ours) > _rows(its) > 1
     and ours.text.startswith(its.text.rsplit(" | ", 1)[0])),
    ("mojibake", "we repair UTF-8 read as Windows-1252 (â€™ -> ’); MDX v1 showed it as is",
     lambda ours, its: ours.shape == its.shape and _repaired(its.text) != its.text
     and fold(_repaired(its.text)) == fold(ours.text)),
    ("markdown in a component", "Markdown inside a component without blank lines is Markdown to us; "
     "MDX v1 showed the raw ** and ` marks",
     lambda ours, its: its.detail == "in a component" and ours.shape == its.shape
     and _strip_markdown(its.text) != its.text and fold(_strip_markdown(its.text)) == fold(ours.text)),
    ("line break beside a tag", "inside a component without blank lines a line break is a space for us, as "
     "in Markdown; JSX dropped one beside a tag (`command:` and `<code>` ran together)",
     lambda ours, its: its.detail == "in a component" and ours.shape == its.shape and len(ours.text) > len(its.text)
     and re.sub(r"\s", "", fold(ours.text)) == re.sub(r"\s", "", fold(its.text))),
    ("page outside the folder", "a link to a page this folder lacks goes to mdx_site_url (the published "
     "site); MDX v1 linked the site-relative path",
     lambda ours, its: (ours.shape, its.shape) == ("external", "internal") and ours.text == its.text
     and _site_path(its.detail) in ours.detail),
    ("page title", "Sphinx makes a page's first heading its title, an h1; MDX v1 kept the source's level "
     "(librarium showed the front matter title above it)",
     lambda ours, its: ours.detail == "page title" and ours.text == its.text),
    ("tabs in code", "we keep the tab characters of a code block (shown 4 columns wide, as MDX v1 showed "
     "them: copied, a Makefile still works); MDX v1 turned them into spaces",
     lambda ours, its: ours.shape == its.shape and ours.text != its.text
     and ours.text.expandtabs(4) == its.text.expandtabs(4)),
]


#: An <iframe> from a host not in mdx_video_hosts: MDX v1 embedded it, we link to it (pages are untrusted).
FRAME_AS_LINK = "frame from a host we do not embed"


def _site_path(href: str) -> str:
    """A link's path as the site names pages: no query or anchor, no ``./``, no ``.md``."""
    path = re.split(r"[#?]", href)[0].strip("/")
    return re.sub(r"\.mdx?$", "", path.removeprefix("./"))


def _rows(table: Element) -> int:
    return int(table.shape.split()[0])


def documented_reason(ours: Element | None, its: Element | None) -> str:
    if ours is None or its is None or ours.kind != its.kind:
        return ""
    return next((name for name, _, applies in DOCUMENTED if applies(ours, its)), "")


class SourceLines:
    """Finds an element's line in its source by its text (approximate), in document order per kind."""

    def __init__(self, source: Path):
        self.lines = [self._plain(line) for line in source.read_text(encoding="utf-8-sig").splitlines()]
        self.cursor: Counter = Counter()

    @staticmethod
    def _plain(text: str) -> str:
        return re.sub(r"[\s*_`#>|\[\]\\]+", " ", fold(repair_lines(text)[0])).strip().lower()

    def find(self, kind: str, text: str) -> int:
        needle = self._plain(text)
        words = needle.split()
        for candidate in (needle[:60], " ".join(words[:4]), " ".join(words[:2])):
            if not candidate:
                continue
            for start in (self.cursor[kind], 0):
                for number in range(start, len(self.lines)):
                    if candidate in self.lines[number]:
                        self.cursor[kind] = number
                        return number + 1
        return self.cursor[kind] + 1


def differences_of(source: Path, our_html: Path, mdx_v1: dict, content: Path) -> list[Difference]:
    shown = source.relative_to(content.parent) if source.is_relative_to(content.parent) else source
    if "error" in mdx_v1:
        position = re.search(r"\((\d+):\d+\)", mdx_v1["error"])  # render.js keeps the source's lines
        return [Difference(shown, int(position.group(1)) if position else 1, "structural", "page", "",
                           f"MDX v1 failed: {mdx_v1['error']}", documented="MDX v1 failed")]
    if not our_html.exists():
        return [Difference(shown, 1, "structural", "page missing in ours", "", "")]
    ours = elements(our_article(our_html), ours=True)
    theirs = elements(mdx_v1_page(mdx_v1["html"]), ours=False)
    lines = SourceLines(source)
    found = []
    for category, what, mine, its in compare(ours, theirs):
        anchor = mine or its
        probe = {"component": anchor.text or f"<{anchor.shape}",
                 "table": anchor.text.split(" | ")[0].replace(" ; ", " "),
                 "code": next((line for line in anchor.text.splitlines() if line.strip()), "")}.get(
            anchor.kind, anchor.text)
        found.append(Difference(shown, lines.find(anchor.kind, probe), category, what,
                                mine.text if mine else "", its.text if its else "",
                                documented_reason(mine, its)))
    frames = {frame.get("src", "") for frame in mdx_v1_page(mdx_v1["html"]).find_all("iframe")}
    _document_consequences(found, frames)
    return sorted(found, key=lambda difference: difference.line)


def _document_consequences(found: list[Difference], frames: set[str]) -> None:
    """What follows from a documented difference on the page is documented too: the rows MDX v1
    showed as a paragraph after a cut table; our links whose Markdown MDX v1 showed raw. And a
    frame MDX v1 embedded from a host we do not frame is, for us, a link to it (its text)."""
    cut_table = any(difference.documented == "table line without pipes" for difference in found)
    raw_markdown = " ".join(d.mdx_v1 for d in found if d.documented == "markdown in a component")
    for difference in found:
        if cut_table and difference.kind == "paragraph missing in ours" and difference.mdx_v1.count(" | ") >= 2:
            difference.documented = "table line without pipes"
        elif difference.kind == "link only in ours" and f"[{difference.ours}](" in raw_markdown:
            difference.documented = "markdown in a component"
        elif difference.kind in ("link only in ours", "paragraph only in ours") and difference.ours in frames:
            difference.documented = FRAME_AS_LINK


def check(content: Path, out: Path) -> list[tuple[Path, list[Difference]]]:
    sources = sorted(path for path in content.rglob("*") if path.suffix in SUFFIXES and path.is_file())
    rendered = render_with_mdx_v1(sources)
    pages = build_ours(content, out, sources)
    return [(source, differences_of(source, pages[source], rendered[source], content)) for source in sources]


def report(content: Path, pages: list[tuple[Path, list[Difference]]]) -> int:
    everything = [difference for _, differences in pages for difference in differences]
    for difference in everything:
        print(difference)
    open_ = [d for d in everything if not d.documented]
    categories = Counter(d.category for d in open_)
    print(f"mdx_diff: {len(pages)} pages, {len(open_)} differences "
          f"(structural {categories['structural']}, typographic {categories['typographic']}), "
          f"{len(everything) - len(open_)} documented")
    return 1 if open_ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path, help="the content folder (librarium pages)")
    parser.add_argument("--out", type=Path, help="where to build (default: a temporary folder)")
    args = parser.parse_args(argv)
    if not args.content.is_dir():
        parser.error(f"no such folder: {args.content}")
    content = args.content.resolve()
    with tempfile.TemporaryDirectory() as temporary:
        return report(content, check(content, (args.out or Path(temporary)).resolve()))


if __name__ == "__main__":
    sys.exit(main())
