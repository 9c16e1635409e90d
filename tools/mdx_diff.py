"""Does a content folder read as librarium showed it? Compare each page with its MDX's own rendering.

    python tools/mdx_diff.py path/to/content [--out DIR]

The reference is the folder's flavour's (``sphinx_mdx.flavours``): MDX v1 pages are rendered with
``@mdx-js/mdx`` 1.6.22 and React 16 (``tools/mdx_v1/render.js``), Docusaurus pages with
``@mdx-js/mdx`` 3.1.1, Docusaurus's preprocessing and remark plugins, and React 18
(``tools/mdx3/render.js``); librarium's components are stubbed as classed elements. The tool
builds the folder with this project and compares the two pages element by element, in
document order: headings, lists, tables, code blocks, links, images, components and paragraph
text, character for character. Prints each difference with its source line and category
(structural or typographic), then one summary line. Differences the flavour's ``Reference``
documents (where we are better on purpose, or show what its stubs cannot) are counted apart.
Exits 1 on any other difference.

The renderers are installed with ``npm ci`` into ``$MDX_V1_DIR`` and ``$MDX3_DIR`` (default
``~/.cache/sphinx-mdx/mdx_v1`` and ``mdx3``) on first use, never inside the repository.
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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from pathlib import Path
from types import SimpleNamespace

from bs4 import BeautifulSoup, NavigableString, Tag

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "_ext"))

from npm_cache import CACHE, install_locked  # noqa: E402
from sphinx_mdx.components.badges import TECH_PREVIEW  # noqa: E402
from sphinx_mdx.components.live_data import NAMES as LIVE_DATA_COMPONENTS  # noqa: E402
from sphinx_mdx.components.partials import FOLDER_NAME as PARTIALS_FOLDER  # noqa: E402
from sphinx_mdx.components.partials import SEARCH_DEPTH as PARTIALS_SEARCH_DEPTH  # noqa: E402
from sphinx_mdx.flavours import flavour_of  # noqa: E402
from sphinx_mdx.mojibake import repair_lines  # noqa: E402

SUFFIXES = (".md", ".mdx")
VIDEO_FILE = re.compile(r"(?i)\.(mp4|webm|ogv|mov)(\?.*)?$")
VIDEO_SPAN = re.compile(r'video:\s*title:\s*"(?P<title>[^"]*)"\s*:\s*\S+')
#: Our video whose file the corpus lacks: its link text alone, in a code span.
MISSING_VIDEO = re.compile(r"^Video: (?P<label>.*)$")
#: The mark of a list joined from lists split by two blank lines (see ``_join_split_lists``).
SPLIT_LIST = "split list"
#: Ours only: page chrome, icons, copy buttons, the tab radio inputs and point markers or their
#: legend when the image is missing (MDX v1's stubs draw no points), and the labels compared as the TabPane's label; the title
#: that a page without a ``#`` heading has for screen readers alone (sphinx_mdx/html.py).
OUR_CHROME = "a.headerlink, .mdx-box-icon, button.copybtn, input, .mdx-poi-point, .mdx-poi-legend, .mdx-page-title"
#: An admonition's class, ours and the MDX 3 stub's: ``mdx-admonition-<type>``, compared as ``:::<type>``.
ADMONITION_CLASS = "mdx-admonition-"
BLOCKS = frozenset("address article aside blockquote dd details div dl dt figcaption figure h1 h2 h3 h4 h5 h6 "
                   "header hr iframe label li nav ol p pre section summary table tbody td tfoot th thead tr ul "
                   "video".split())
SKIPPED_FOR_PROSE = ("pre", "table", "h1", "h2", "h3", "h4", "h5", "h6", "label")
PLAIN_LANGUAGES = frozenset({"", "text", "default", "none", "plain", "plaintext"})
#: The typography MDX did not do; folded back to compare a page's structure apart from it.
TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "--", "—": "---",
                            "…": "...", "\u00a0": " "})
#: librarium's loading hint in an image's alt text.
EAGER_LOAD = re.compile(r"(?<!\S)eager-load(?!\S)")
#: A relative link to a Markdown file, as written.
MARKDOWN_FILE = re.compile(r"^(?![a-z][\w+.-]*:)[^#?]+\.mdx?(?:[#?].*)?$", re.IGNORECASE)
#: Inside one of the reference's component stubs (MDX v1 read Markdown there its own way).
IN_A_COMPONENT = "in a component"


@dataclass(frozen=True)
class Element:
    kind: str  # heading, paragraph, list, table, code, link, image, component
    shape: str  # what the structure says: level, list type and length, language, link kind, image file
    text: str  # what a reader sees
    detail: str = field(default="", compare=False)  # a link's href; "page title" on our first heading
    #: IN_A_COMPONENT, or what the element is part of that one side cannot show (``Reference.unshown``)
    context: str = field(default="", compare=False)
    #: The partial it comes from, where the reference says so (``data-source``).
    origin: str = field(default="", compare=False)

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
    theirs: str
    documented: str = ""  # the documented difference that covers it
    reference: str = "MDX v1"  # whose rendering ``theirs`` is
    page: Path | None = None  # the page that shows it, when ``source`` is a partial it includes

    def __str__(self) -> str:
        mark = f" (documented: {self.documented})" if self.documented else ""
        mark += f" (on {self.page})" if self.page and self.page != self.source else ""
        start = max(0, len(os.path.commonprefix([self.ours, self.theirs])) - 60)  # where they part
        ours, theirs = (("…" if start else "") + text[start:start + 240] for text in (self.ours, self.theirs))
        return (f"{self.source}:{self.line}: {self.category}: {self.kind}{mark}\n"
                f"    {'ours:':{len(self.reference) + 1}} {ours!r}\n    {self.reference}: {theirs!r}")


#: A documented difference: its name, why we differ, and whether it covers a pair of elements of one
#: kind (ours, the reference's).
Documented = tuple[str, str, Callable[[Element, Element], bool]]


@dataclass(frozen=True)
class Unshown:
    """A part of a page that only one side can show."""
    name: str
    reason: str
    #: The components that make it, where its elements are reported.
    components: tuple[str, ...]


@dataclass(frozen=True)
class Reference:
    """The renderer one flavour's pages are compared with, and what pairing our pages with it takes."""
    name: str
    #: The folder of its ``package.json``, ``package-lock.json`` and ``render.js``.
    package: Path
    #: Where npm installs its packages (outside the repository).
    install: Path
    #: Our component markup, by class, and the component name its stubs are compared as.
    component_classes: Mapping[str, str]
    #: The component name each of its stubs (``mdx-stub mdx-<Name>``) is compared as.
    stubs: Mapping[str, str]
    #: Where we differ on purpose, between elements both pages have.
    documented: list[Documented]
    #: Parts of a page that only one side can show, by class (either page's): the elements inside
    #: count as documented where the other page lacks them.
    unshown: Mapping[str, Unshown] = field(default_factory=dict)


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(TYPOGRAPHY)).strip()


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- the reference's rendering -------------------------------------------------------------

def render_with(reference: Reference, sources: list[Path], content: Path) -> dict[Path, dict]:
    """Each page's ``{"html": ...}`` or ``{"error": ..., "line": ...}`` from the reference, whose
    packages are installed from its lock file when missing or out of date."""
    node_modules = install_locked(reference.package, reference.install)
    pages = "".join(json.dumps({"path": str(source), "source": source.read_text(encoding="utf-8-sig")}) + "\n"
                    for source in sources)
    partials = partials_folder(content)
    environment = {**os.environ, "NODE_PATH": str(node_modules), "MDX_CONTENT_ROOT": str(content),
                   "MDX_PARTIALS": str(partials or "")}
    result = subprocess.run(["node", str(reference.package / "render.js")], input=pages, capture_output=True,
                            text=True, env=environment, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{reference.name}'s renderer failed:\n{result.stderr[-3000:]}")
    answers = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return {Path(answer.pop("path")): answer for answer in answers}


def partials_folder(content: Path) -> Path | None:
    """librarium's partials, where our build finds them (``sphinx_mdx.components.partials``)."""
    folders = (content, *content.parents[:PARTIALS_SEARCH_DEPTH])
    return next((folder / PARTIALS_FOLDER for folder in folders if (folder / PARTIALS_FOLDER).is_dir()), None)


# --- our build --------------------------------------------------------------------------

def build_ours(content: Path, out: Path, sources: list[Path]) -> dict[Path, Path]:
    """The HTML page of each source that our build makes a page of (Docusaurus makes none of a
    partial's ``_name.mdx``)."""
    html = out / "html"
    command = [sys.executable, "-m", "sphinx", "-b", "html", str(content), str(html),
               "-c", str(PROJECT), "-q", "--keep-going"]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, check=False)
    pickled = html / ".doctrees" / "environment.pickle"
    if not pickled.exists():
        raise SystemExit(f"the HTML build failed:\n{result.stderr[-3000:]}")
    with pickled.open("rb") as saved:
        env = pickle.load(saved)  # the build's own mapping of files to pages
    docnames = {source: env.path2doc(str(source)) for source in sources}
    return {source: html / f"{docname}.html" for source, docname in docnames.items() if docname in env.found_docs}


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
    for title in article.select(f"[class*={ADMONITION_CLASS}] > p.admonition-title"):
        title.parent["data-tab"] = squeeze(title.get_text())  # compared as the admonition's label, as the stub has it
        title.decompose()
    return article


def reference_page(html: str) -> Tag:
    """The reference's page; librarium's two ways to show a video in MDX v1 (an image of a video
    file, a code span) become videos. A partial's elements stand in the page, as in ours, each
    marked with the partial's file."""
    soup = BeautifulSoup(html, "html.parser")
    for partial in soup.select("div.mdx-partial"):
        for child in partial.find_all(True, recursive=False):
            child["data-source"] = child.get("data-source") or partial["data-source"]
        partial.unwrap()
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


def component_name(tag: Tag, ours: bool, reference: Reference) -> str | None:
    classes = tag.get("class") or []
    if tag.name == "video":
        return "Video"
    admonition = next((c[len(ADMONITION_CLASS):] for c in classes if c.startswith(ADMONITION_CLASS)), None)
    if admonition:
        return f":::{admonition}"
    if ours:
        return next((reference.component_classes[c] for c in classes if c in reference.component_classes), None)
    if "mdx-stub" not in classes:
        return None
    name = next(c[4:] for c in classes if c.startswith("mdx-") and c != "mdx-stub")
    return reference.stubs.get(name)


def component_label(tag: Tag, ours: bool) -> str:
    """A tab's label, an admonition's title (``data-tab`` on the stubs), a video's title."""
    if tag.name == "video":
        return tag.get("title", "")
    if ours and "sd-tab-label" in (tag.get("class") or []):
        return squeeze(tag.get_text())
    return squeeze(tag.get("data-tab") or "")


def elements(root: Tag, ours: bool, reference: Reference) -> dict[str, list[Element]]:
    """The page's elements by kind, each kind in document order."""
    found: dict[str, list[Element]] = {kind: [] for kind in
                                       ("heading", "list", "table", "code", "link", "image", "component")}
    list_of: dict[int, int] = {}  # a list tag's element in found["list"]
    for tag in root.find_all(True):
        name = tag.name
        marks = _marks(tag, reference)
        if re.fullmatch(r"h[1-6]", name):
            detail = "page title" if ours and not found["heading"] else ""
            found["heading"].append(Element("heading", f"h{name[1]}", squeeze(tag.get_text()), detail, **marks))
        elif name in ("ul", "ol"):
            if _join_split_lists(tag, found["list"], list_of):
                continue
            list_of[id(tag)] = len(found["list"])
            items = tag.find_all("li", recursive=False)
            first = next((text for text, _, _ in _prose(items[0], "", "", reference)), "") if items else ""
            shape = _list_shape(name, int(tag.get("start", 1)), len(items))
            found["list"].append(Element("list", shape, first, **marks))
        elif name == "table":
            rows = [[squeeze(cell.get_text()) for cell in row.find_all(("td", "th"))] for row in tag.find_all("tr")]
            shape = f"{len(rows)} rows x {max((len(row) for row in rows), default=0)} columns"
            found["table"].append(Element("table", shape, " | ".join(" ; ".join(row) for row in rows), **marks))
        elif name == "pre":
            found["code"].append(Element("code", _language(tag, ours), tag.get_text().strip("\n"), **marks))
        elif name == "a" and tag.get("href") is not None:
            found["link"].append(Element("link", _href_kind(tag["href"]), squeeze(tag.get_text()), tag["href"],
                                         **marks))
        elif name == "img":
            found["image"].append(Element("image", Path(tag.get("src", "")).name, tag.get("alt", ""), **marks))
        component = component_name(tag, ours, reference)
        if component:
            found["component"].append(Element("component", component, component_label(tag, ours), **marks))
    found["paragraph"] = [Element("paragraph", "", text, context=context, origin=origin)
                          for text, context, origin in _prose(root, "", "", reference)]
    return found


def _marks(tag: Tag, reference: Reference) -> dict[str, str]:
    """The part only one side can show that the tag is, or is in (``context``); the partial it
    comes from (``origin``)."""
    context = origin = ""
    for tag_or_parent in (tag, *tag.parents):
        context = context or _unshown_name(tag_or_parent, reference)
        origin = origin or tag_or_parent.get("data-source", "")
    return {"context": context, "origin": origin}


def _unshown_name(tag: Tag, reference: Reference) -> str:
    return next((reference.unshown[c].name for c in tag.get("class") or [] if c in reference.unshown), "")


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
    lists[index] = replace(lists[index], shape=_list_shape(tag.name, start, count + added), detail=SPLIT_LIST)
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


def _prose(block: Tag, context: str, origin: str, reference: Reference) -> list[tuple[str, str, str]]:
    """The text of each run of inline content (a paragraph, a tight list item's text), in order,
    with its context (inside a part one side cannot show, or inside one of the reference's stubs)
    and the partial it comes from."""
    texts: list[tuple[str, str, str]] = []
    context = (_unshown_name(block, reference) or context
               or (IN_A_COMPONENT if "mdx-stub" in (block.get("class") or []) else ""))
    origin = block.get("data-source") or origin
    run: list[str] = []

    def flush() -> None:
        text = squeeze("".join(run))
        if text:
            texts.append((text, context, origin))
        run.clear()

    for child in block.children:
        if isinstance(child, NavigableString):
            run.append(str(child) if type(child) is NavigableString else "")  # not comments
        elif child.name in BLOCKS:
            flush()
            if child.name not in SKIPPED_FOR_PROSE:
                texts += _prose(child, context, origin, reference)
        else:
            run.append(child.get_text())
    flush()
    return texts


# --- comparing --------------------------------------------------------------------------

Found = tuple[str, str, Element | None, Element | None]


def compare(ours: dict[str, list[Element]], theirs: dict[str, list[Element]], reference: str) -> list[Found]:
    """(category, what, our element, the reference's element) for each difference, kind by kind."""
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
                        found.append(("structural", f"list split by {reference}", mine, its))
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
DOCUMENTED_MDX_V1: list[Documented] = [
    ("table line without pipes", "a table row broken onto a line without pipes stays in the table for us; "
     "MDX v1 ended the table there and showed the rows after it as a paragraph",
     lambda ours, its: ours.kind == "table" and _rows(ours) > _rows(its) > 1
     and ours.text.startswith(its.text.rsplit(" | ", 1)[0])),
    ("mojibake", "we repair UTF-8 read as Windows-1252 (â€™ -> ’); MDX v1 showed it as is",
     lambda ours, its: ours.shape == its.shape and _repaired(its.text) != its.text
     and fold(_repaired(its.text)) == fold(ours.text)),
    ("markdown in a component", "Markdown inside a component without blank lines is Markdown to us; "
     "MDX v1 showed the raw ** and ` marks",
     lambda ours, its: its.context == IN_A_COMPONENT and ours.shape == its.shape
     and _strip_markdown(its.text) != its.text and fold(_strip_markdown(its.text)) == fold(ours.text)),
    ("line break beside a tag", "inside a component without blank lines a line break is a space for us, as "
     "in Markdown; JSX dropped one beside a tag (`command:` and `<code>` ran together)",
     lambda ours, its: its.context == IN_A_COMPONENT and ours.shape == its.shape and len(ours.text) > len(its.text)
     and re.sub(r"\s", "", fold(ours.text)) == re.sub(r"\s", "", fold(its.text))),
    ("page outside the folder", "a link to a page this folder lacks goes to mdx_site_url (the published "
     "site); MDX v1 linked the site-relative path",
     lambda ours, its: _to_published_site(ours, its)),
    ("page title", "Sphinx makes a page's first heading its title, an h1; MDX v1 kept the source's level "
     "(librarium showed the front matter title above it)",
     lambda ours, its: ours.detail == "page title" and ours.text == its.text),
    ("tabs in code", "we keep the tab characters of a code block (shown 4 columns wide, as MDX v1 showed "
     "them: copied, a Makefile still works); MDX v1 turned them into spaces",
     lambda ours, its: ours.shape == its.shape and ours.text != its.text
     and ours.text.expandtabs(4) == its.text.expandtabs(4)),
]

#: Where we differ from MDX 3 as Docusaurus compiles librarium's pages, on purpose or because its
#: stubs cannot show what librarium's React components draw. Pages MDX 3 could not compile count here too.
DOCUMENTED_MDX3: list[Documented] = [
    ("page outside the folder", "a link to a page this folder lacks goes to mdx_site_url (the published "
     "site); Docusaurus linked the site-relative path",
     lambda ours, its: _to_published_site(ours, its)),
    ("admonition title", "an admonition without a title is headed by its type: Docusaurus writes the "
     "word in lower case and its CSS shows it in capitals (NOTE); we write it capitalised (Note), as Sphinx's "
     "admonitions are headed",
     lambda ours, its: ours.kind == "component" and ours.shape.startswith(":::") and ours.text != its.text
     and ours.text == its.text.capitalize()),
    ("image hint", "librarium writes `eager-load` in an image's alt text to have its image component load it "
     "at once; we take the hint out of the alt text, MDX 3 keeps it",
     lambda ours, its: ours.kind == "image" and EAGER_LOAD.search(its.text) is not None
     and squeeze(EAGER_LOAD.sub(" ", its.text)) == ours.text),
    ("md file in a tag", "an HTML <a href> to a .md file goes to that page, as a Markdown link does; "
     "Docusaurus resolves .md files in Markdown links only and left this href as written (a broken link)",
     lambda ours, its: ours.kind == "link" and ours.text == its.text and ours.detail != its.detail
     and MARKDOWN_FILE.match(its.detail) is not None and _site_path(its.detail).rsplit("/", 1)[-1] in ours.detail),
    ("tech preview words", "librarium's TpBadge is an image; we write the words Tech Preview, found by "
     "search and screen readers",
     lambda ours, its: ours.kind == "paragraph" and TECH_PREVIEW in ours.text
     and squeeze(ours.text.replace(TECH_PREVIEW, " ")) == squeeze(its.text)),
]


#: An <iframe> from a host not in mdx_video_hosts: MDX embedded it, we link to it (pages are untrusted).
FRAME_AS_LINK = "frame from a host we do not embed"


def _to_published_site(ours: Element, its: Element) -> bool:
    """Our link to a page the folder lacks, on mdx_site_url, where the reference links the site's path."""
    return ((ours.shape, its.shape) == ("external", "internal") and ours.text == its.text
            and _site_path(its.detail) in ours.detail)


def _site_path(href: str) -> str:
    """A link's path as the site names pages: no query or anchor, no ``./``, no ``.md``."""
    path = re.split(r"[#?]", href)[0].strip("/")
    return re.sub(r"\.mdx?$", "", path.removeprefix("./"))


def _rows(table: Element) -> int:
    return int(table.shape.split()[0])


def documented_reason(reference: Reference, ours: Element | None, its: Element | None) -> str:
    """The documented difference that covers a pair of elements, or an element one side alone has
    inside a part that only that side can show."""
    if ours is not None and its is not None:
        return next((name for name, _, applies in reference.documented
                     if ours.kind == its.kind and applies(ours, its)), "")
    alone = ours or its
    return alone.context if alone.context in {part.name for part in reference.unshown.values()} else ""


class SourceLines:
    """Finds an element's line in its source by its text (approximate), in document order per kind;
    in the front matter only a heading (the page title comes from there)."""

    def __init__(self, source: Path):
        self.source = source
        text = source.read_text(encoding="utf-8-sig").splitlines()
        self.lines = [self._plain(line) for line in text]
        closing = next((number for number in range(1, len(text)) if text[0].strip() == text[number].strip() == "---"),
                       None)
        self.body = closing + 1 if closing is not None else 0
        self.cursor: Counter = Counter()

    @staticmethod
    def _plain(text: str) -> str:
        return re.sub(r"[\s*_`#>|\[\]\\]+", " ", fold(repair_lines(text)[0])).strip().lower()

    def find(self, kind: str, text: str) -> int | None:
        needle = self._plain(text)
        words = needle.split()
        first = 0 if kind == "heading" else self.body
        for candidate in (needle[:60], " ".join(words[:4]), " ".join(words[:2])):
            if not candidate:
                continue
            for start in (max(self.cursor[kind], first), first):
                for number in range(start, len(self.lines)):
                    if candidate in self.lines[number]:
                        self.cursor[kind] = number
                        return number + 1
        return None


class Locator:
    """Where a difference comes from: an element of a part only one side shows, at the component
    that makes it; else its line in the partial it comes from or the page, found by the reference's
    text (the closer to the source) or ours; else in any partial; else at the line of the page's
    last element of its kind."""

    def __init__(self, page: Path, reference: Reference, partials: Path | None):
        self.page = SourceLines(page)
        self.components_of_part = {part.name: part.components for part in reference.unshown.values()}
        self.partials = partials
        self.sources: dict[Path, SourceLines] = {}

    def __call__(self, ours: Element | None, theirs: Element | None) -> tuple[Path, int]:
        elements = [element for element in (theirs, ours) if element is not None]
        for element in elements:
            for component in self.components_of_part.get(element.context, ()):
                line = self.page.find(element.kind, f"<{component}")
                if line:
                    return self.page.source, line
        origins = [self._lines(Path(element.origin)) for element in elements if element.origin]
        for lines in (*origins, self.page, *self._partials()):
            for element in elements:
                line = lines.find(element.kind, self._probe(element))
                if line:
                    return lines.source, line
        return self.page.source, self.page.cursor[elements[0].kind] + 1

    @staticmethod
    def _probe(element: Element) -> str:
        """The text to look for: a component's label or name, a table's header, a code block's first line."""
        if element.kind == "component":
            return element.shape if element.shape.startswith(":::") else element.text or f"<{element.shape}"
        if element.kind == "table":
            return element.text.split(" | ")[0].replace(" ; ", " ")
        if element.kind == "code":
            return next((line for line in element.text.splitlines() if line.strip()), "")
        return element.text

    def _lines(self, source: Path) -> SourceLines:
        if source not in self.sources:
            self.sources[source] = SourceLines(source)
        return self.sources[source]

    def _partials(self) -> list[SourceLines]:
        if self.partials is None:
            return []
        return [self._lines(path) for path in sorted(self.partials.rglob("_*.md*"))
                if path.suffix in SUFFIXES and path.is_file()]


def differences_of(source: Path, our_html: Path, rendered: dict, content: Path,
                   reference: Reference) -> list[Difference]:
    def shown(path: Path) -> Path:
        return path.relative_to(content.parent) if path.is_relative_to(content.parent) else path

    if "error" in rendered:
        position = re.search(r"\((\d+):\d+\)", rendered["error"])  # the renderers keep the source's lines
        line = rendered.get("line") or (int(position.group(1)) if position else 1)
        failed = f"{reference.name} failed"
        return [Difference(shown(source), line, "structural", "page not comparable", "",
                           f"{failed}: {rendered['error']}", documented=failed, reference=reference.name)]
    if not our_html.exists():
        return [Difference(shown(source), 1, "structural", "page missing in ours", "", "", reference=reference.name)]
    ours = elements(our_article(our_html), True, reference)
    their_page = reference_page(rendered["html"])
    theirs = elements(their_page, False, reference)
    locate = Locator(source, reference, partials_folder(content))
    found = []
    for category, what, mine, its in compare(ours, theirs, reference.name):
        path, line = locate(mine, its)
        found.append(Difference(shown(path), line, category, what, mine.text if mine else "", its.text if its else "",
                                documented_reason(reference, mine, its), reference.name, shown(source)))
    frames = {frame.get("src", "") for frame in their_page.find_all("iframe")}
    _document_consequences(found, frames)
    return sorted(found, key=lambda difference: (difference.source != difference.page, str(difference.source),
                                                 difference.line))


def _document_consequences(found: list[Difference], frames: set[str]) -> None:
    """What follows from a documented difference on the page is documented too: the rows MDX v1
    showed as a paragraph after a cut table; our links whose Markdown MDX v1 showed raw. And a
    frame MDX embedded from a host we do not frame is, for us, a link to it (its text)."""
    cut_table = any(difference.documented == "table line without pipes" for difference in found)
    raw_markdown = " ".join(d.theirs for d in found if d.documented == "markdown in a component")
    for difference in found:
        if cut_table and difference.kind == "paragraph missing in ours" and difference.theirs.count(" | ") >= 2:
            difference.documented = "table line without pipes"
        elif difference.kind == "link only in ours" and f"[{difference.ours}](" in raw_markdown:
            difference.documented = "markdown in a component"
        elif difference.kind in ("link only in ours", "paragraph only in ours") and difference.ours in frames:
            difference.documented = FRAME_AS_LINK


#: Our markup of the components both flavours' pages use, by class, and the component's name.
SHARED_COMPONENTS = {"mdx-infobox": "InfoBox", "mdx-warningbox": "WarningBox", "mdx-tabs": "Tabs",
                     "mdx-tooltip": "Tooltip", "mdx-pointsofinterest": "PointsOfInterest", "mdx-youtube": "YouTube"}

MDX_V1 = Reference(
    "MDX v1", PROJECT / "tools" / "mdx_v1", Path(os.environ.get("MDX_V1_DIR") or CACHE / "mdx_v1"),
    component_classes={**SHARED_COMPONENTS, "sd-tab-label": "TabPane"},
    stubs={name: name for name in (*SHARED_COMPONENTS.values(), "TabPane", "Video")},
    documented=DOCUMENTED_MDX_V1)

#: Docusaurus's and librarium's components of the Docusaurus era, ours by class.
DOCUSAURUS_COMPONENTS = {"sd-tab-label": "TabItem", "mdx-simplecardgrid": "SimpleCardGrid",
                         "mdx-toc-inline": "TOCInline", "mdx-badge-preview": "TpBadge"}

MDX3 = Reference(
    "MDX 3", PROJECT / "tools" / "mdx3", Path(os.environ.get("MDX3_DIR") or CACHE / "mdx3"),
    component_classes={**SHARED_COMPONENTS, **DOCUSAURUS_COMPONENTS, "mdx-live-data": "live data"},
    stubs={**{name: name for name in (*SHARED_COMPONENTS.values(), *DOCUSAURUS_COMPONENTS.values())},
           **{name: "live data" for name in LIVE_DATA_COMPONENTS}},
    documented=DOCUMENTED_MDX3,
    unshown={
        "mdx-live-data": Unshown("live data", "a component that fetches its content when the page is read shows "
                                 "a note linking to the page on mdx_site_url (a build never fetches); the stub "
                                 "shows nothing", LIVE_DATA_COMPONENTS),
        "mdx-simplecardgrid": Unshown("cards", "SimpleCardGrid draws its `cards` attribute with React; the stub "
                                      "shows nothing, we show each card's linked title and description",
                                      ("SimpleCardGrid",)),
        "mdx-toc-inline": Unshown("headings listed", "TOCInline lists the page's headings from Docusaurus's table "
                                  "of contents; the stub shows nothing, we list them", ("TOCInline",)),
        "mdx-TpBadge": Unshown("tech preview words", "the badge's image (its alt text) is ours in words",
                               ("TpBadge",)),
    })

#: The reference of each flavour (``sphinx_mdx.flavours``).
REFERENCES = {"mdx1": MDX_V1, "docusaurus": MDX3}


def reference_of(content: Path) -> Reference:
    """The folder's flavour's reference; this project's conf.py leaves the flavour to the folder."""
    return REFERENCES[flavour_of(SimpleNamespace(mdx_flavour="auto"), content).name]


def check(content: Path, out: Path) -> list[tuple[Path, list[Difference]]]:
    reference = reference_of(content)
    sources = sorted(path for path in content.rglob("*") if path.suffix in SUFFIXES and path.is_file())
    pages = build_ours(content, out, sources)
    rendered = render_with(reference, list(pages), content)
    return [(source, differences_of(source, page, rendered[source], content, reference))
            for source, page in pages.items()]


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
