"""Furo's navigation, rendered once per build instead of once per page.

Furo renders the site's whole toctree for every page and parses it again with
BeautifulSoup to add its checkboxes (``furo._compute_navigation_tree``), so each
page costs as much as the site is big. Yet the tree is the same on every page
but for which entries are ``current`` and what the links are relative to. So it
is rendered once, by Sphinx and Furo themselves, for a page that is in no
toctree, with a marker wherever a page differs: the ``current`` class of each
``<ul>``, ``<li>`` and ``<a>``, Furo's ``current-page`` class and ``checked``
box, and each link's ``href``. Each page then fills in its own values: the same
bytes Furo would have written.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from docutils import nodes
from furo.navigation import get_navigation_tree
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.util import url_re
from sphinx.util.osutil import relative_uri

#: The arguments Furo renders its navigation with.
FURO_NAVIGATION = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}
#: The builders whose pages link to each other the way ``StandaloneHTMLBuilder`` does.
BUILDERS = ("html", "dirhtml")


@dataclass
class SiteNavigation:
    """The navigation's HTML in pieces, with each slot a page fills in left empty.

    It is kept in the environment, so a rebuild that changes no title reuses it.
    """

    #: The builder's name and a digest of what the navigation shows.
    key: str
    #: The HTML as on a page in no toctree, but with the ``href`` slots empty.
    pieces: list[str]
    #: For each node (by number), the positions of its slots and what they hold when it is current.
    slots: dict[int, list[tuple[int, str]]]
    #: The ``<li>`` nodes in document order, each with the position of its ``current-page`` slot.
    items: list[tuple[int, int]]
    #: For each page, the nodes that are ``current`` on it.
    current: dict[str, frozenset[int]]
    #: Each ``href`` slot's position, page and anchor.
    links: list[tuple[int, str, str]]
    _targets: dict[str, list[str]] = field(default_factory=dict)

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_targets": {}}  # each link's target URI, per builder: rebuilt cheaply

    def html(self, builder: Builder, pagename: str) -> str:
        """The navigation as Furo renders it on ``pagename``."""
        pieces = self.pieces.copy()
        uris = relative_uris(builder.get_target_uri(pagename), self._target_uris(builder))
        for (position, docname, anchor), uri in zip(self.links, uris, strict=True):
            # Sphinx's empty relative URI to the page itself, as the HTML writer shows it
            pieces[position] = (anchor or "#") if docname == pagename else uri + anchor
        current = self.current.get(pagename, frozenset())
        for number in current:
            for position, value in self.slots.get(number, ()):
                pieces[position] = value
        page_slot = next((position for number, position in reversed(self.items) if number in current), None)
        if page_slot is not None:
            pieces[page_slot] = " current-page"  # Furo marks the last current <li>
        return "".join(pieces)

    def _target_uris(self, builder: Builder) -> list[str]:
        if builder.name not in self._targets:
            self._targets[builder.name] = [builder.get_target_uri(docname) for _, docname, _ in self.links]
        return self._targets[builder.name]


def relative_uris(base: str, targets: list[str]) -> list[str]:
    """``sphinx.util.osutil.relative_uri(base, target)`` for each target, the work on ``base`` done once.

    Every page links to every page of the navigation: Sphinx's function, called once per link,
    took a fifth of the time a page took to write on a site of 1,005 pages. A relative URI climbs
    from ``base``'s folder to the deepest folder it shares with the target, then goes down to it.
    """
    if "#" in base:
        return [relative_uri(base, target) for target in targets]
    *folders, name = base.split("/")
    shared = [("/".join(folders[:depth]) + "/", "../" * (len(folders) - depth)) for depth in range(len(folders), 0, -1)]
    to_root = "../" * len(folders)
    uris = []
    for target in targets:
        if target.startswith("/") or "#" in target:
            uris.append(relative_uri(base, target))
            continue
        for prefix, up in shared:
            if target.startswith(prefix):
                rest = target[len(prefix):]
                break
        else:
            up, rest = to_root, target
        if not up and rest == name:
            uris.append("")  # Sphinx's special cases: the page itself, and its folder from a page in it
        elif not up and not rest:
            uris.append("./")
        else:
            uris.append(up + rest)
    return uris


#: What each slot holds where its node is current; elsewhere it is empty.
_CURRENT = {"class-attribute": ' class="current"', "first-class": "current ", "later-class": " current",
            "checked": ' checked=""'}


def build_navigation(builder: Builder, key: str) -> SiteNavigation | None:
    """Render the navigation with markers, and cut it into pieces; None if that cannot be exact."""
    env = builder.env
    mark = f"mdxnav{hashlib.sha256(key.encode()).hexdigest()[:16]}"  # in no title, so only where we put it
    outside = f"{mark}-no-page"  # a page in no toctree: nothing on it is current
    toctree = global_toctree_for_doc(env, outside, builder, tags=builder.tags, **FURO_NAVIGATION)
    if toctree is None:
        return None
    to_docname = {builder.get_relative_uri(outside, docname): docname for docname in env.all_docs}
    if len(to_docname) != len(env.all_docs):
        return None  # two pages at one URL (dirhtml's "a" and "a/index"): links would be ambiguous
    current: dict[str, set[int]] = defaultdict(set)
    links: list[tuple[str, str]] = []
    numbers: dict[int, int] = {}
    for reference in toctree.findall(nodes.reference):
        if url_re.match(reference["refuri"]):
            continue
        anchor = reference.get("anchorname", "")
        docname = to_docname.get(reference["refuri"].removesuffix(anchor) if anchor else reference["refuri"])
        if docname is None:
            return None
        reference["refuri"] = f"{mark}-href-{len(links)}"
        links.append((docname, anchor))
        if anchor:
            continue  # Sphinx marks a branch current only for the page itself
        branch = reference
        while branch is not None:  # Sphinx gives the whole branch the class "current"
            if id(branch) not in numbers:
                numbers[id(branch)] = len(numbers)
                branch["classes"].append(f"{mark}-{numbers[id(branch)]}")
            current[docname].add(numbers[id(branch)])
            branch = branch.parent
    furo_html = get_navigation_tree(builder.render_partial(toctree)["fragment"])
    soup = BeautifulSoup(furo_html, "html.parser")
    if str(soup) != furo_html or any(mark in text for text in soup.find_all(string=True)):
        return None  # our second pass would not keep Furo's bytes, or a title holds our marker
    _mark_furo_slots(soup, mark)
    navigation = SiteNavigation(key, [], defaultdict(list), [], {}, [])
    for piece in _pieces(str(soup), mark):
        position = len(navigation.pieces)
        if isinstance(piece, str):
            navigation.pieces.append(piece)
            continue
        kind, number = piece
        navigation.pieces.append("")
        if kind == "href":
            navigation.links.append((position, *links[number]))
        elif kind == "page":
            navigation.items.append((number, position))
        else:
            navigation.slots[number].append((position, _CURRENT[kind]))
    navigation.current = {docname: frozenset(found) for docname, found in current.items()}
    navigation.slots = dict(navigation.slots)
    return navigation


def _mark_furo_slots(soup: BeautifulSoup, mark: str) -> None:
    """Add markers where Furo puts ``current-page`` and ``checked``."""
    for item in soup.find_all("li"):
        number = _number(item.get("class", []), mark)
        if number is None:
            continue
        item["class"].append(f"{mark}-page-{number}")
        checkbox = item.find("input", class_="toctree-checkbox", recursive=False)
        if checkbox is not None:
            checkbox["checked"] = f"{mark}-checked-{number}"  # where BeautifulSoup writes Furo's


def _number(classes: list[str], mark: str) -> int | None:
    for name in classes:
        if name.startswith(f"{mark}-") and name[len(mark) + 1 :].isdigit():
            return int(name[len(mark) + 1 :])
    return None


def _pieces(html: str, mark: str) -> Iterator[str | tuple[str, int]]:
    """The marked HTML as literal text and slots, alternating."""
    slot = re.compile(
        rf' class="{mark}-(?P<class>\d+)"|(?P<first>{mark}-(?P<first_n>\d+) )|(?P<later> {mark}-(?P<later_n>\d+))'
        rf'| {mark}-page-(?P<page>\d+)|{mark}-href-(?P<href>\d+)| checked="{mark}-checked-(?P<checked>\d+)"')
    start = 0
    for match in slot.finditer(html):
        yield html[start : match.start()]
        start = match.end()
        if match["class"] is not None:
            yield ("class-attribute", int(match["class"]))
        elif match["first"] is not None:
            yield ("first-class", int(match["first_n"]))
        elif match["later"] is not None:
            yield ("later-class", int(match["later_n"]))
        elif match["page"] is not None:
            yield ("page", int(match["page"]))
        elif match["href"] is not None:
            yield ("href", int(match["href"]))
        else:
            yield ("checked", int(match["checked"]))
    yield html[start:]


def _applies(app: Sphinx) -> bool:
    return app.config.mdx_navigation_once and app.builder.name in BUILDERS and app.config.html_theme == "furo"


def update_navigation(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading, before the environment is saved: the navigation, and which pages to write again.

    The navigation is rendered again only when what it shows changed, and then
    every page is written again, since each shows it (Sphinx would write only
    the pages read and their toctrees' pages, the others keeping the old one).
    """
    shown = _navigation_shown(env)
    before, env.mdx_navigation_shown = getattr(env, "mdx_navigation_shown", None), shown
    if _applies(app):
        key = f"{app.builder.name}:{shown}"
        cached = getattr(env, "mdx_navigation", None)
        env.mdx_navigation = cached if cached is not None and cached.key == key else build_navigation(app.builder, key)
    return sorted(env.found_docs) if before is not None and before != shown else []


def navigation_for(app: Sphinx) -> SiteNavigation | None:
    """This build's navigation; None where Furo's own rendering must run."""
    return getattr(app.env, "mdx_navigation", None) if _applies(app) else None


def _navigation_shown(env: BuildEnvironment) -> str:
    """A digest of what the navigation shows: the toctrees, their pages' titles, section numbers."""
    toctrees = [(docname, sorted(toctree.attributes.items()))
                for docname, toc in sorted(env.tocs.items()) for toctree in toc.findall(addnodes.toctree)]
    listed = sorted({child for children in env.toctree_includes.values() for child in children})
    titles = [(docname, env.titles[docname].pformat()) for docname in listed if docname in env.titles]
    shown = (toctrees, sorted(env.toctree_includes.items()), titles, sorted(env.toc_secnumbers.items()))
    return hashlib.sha256(repr(shown).encode()).hexdigest()


def _hide_toctree_from_furo(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Before Furo: without a ``toctree`` function Furo renders no navigation (its own fallback)."""
    if "toctree" in context and navigation_for(app) is not None:
        context["mdx_toctree"] = context.pop("toctree")


def _give_furo_navigation(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """After Furo: give the toctree function back, and the page its navigation."""
    if "mdx_toctree" not in context:
        return
    context["toctree"] = context.pop("mdx_toctree")
    if "furo_navigation_tree" in context:
        context["furo_navigation_tree"] = navigation_for(app).html(app.builder, pagename)


def setup_navigation(app: Sphinx) -> None:
    app.add_config_value("mdx_navigation_once", True, "", types=[bool])
    app.connect("env-updated", update_navigation)
    app.connect("html-page-context", _hide_toctree_from_furo, priority=499)
    app.connect("html-page-context", _give_furo_navigation, priority=501)
