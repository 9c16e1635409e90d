"""axe-core on every page of a built site, as a reader's browser shows it.

    python tools/axe_check.py BUILD_DIR...              # HTML or dirhtml build folders
    python tools/axe_check.py --content FOLDER          # build FOLDER (dirhtml, this project's conf.py) first

Serves the folder on localhost and opens each page in Chromium (Playwright), then runs ``axe.run()``
with axe's default rules (WCAG 2 A and AA, and best practices, as axe ships them; none disabled):
on the page in Furo's light theme and in its dark theme; then, one at a time and in both themes
again, on each tooltip and point of interest opened as a keyboard user opens it, and on each tab
pane that is not open when the page loads, opened by its label (with its own tooltips and points).
The search page is checked twice, empty and with a query's results; the longest page once more,
scrolled down and a little back up, when Furo shows its "Back to top" button. Prints each violation
as ``page: rule (impact): selector [state]``, then a tally per theme and rule (nodes and pages);
exits 1 on any violation.

One browser; the pages of all the sites are shared among a few tabs, one per core
(``$MDX_AXE_WORKERS``), each keeping its page object from one page to the next.

axe-core (pinned in ``tools/axe/``) is installed with ``npm ci`` into ``$MDX_AXE_DIR`` (default
``~/.cache/sphinx-mdx/axe``) on first use, never inside the repository.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Awaitable, Callable

import snowballstemmer

sys.path.insert(0, str(Path(__file__).resolve().parent))

from npm_cache import CACHE, install_locked  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
AXE_PACKAGE = PROJECT / "tools" / "axe"
AXE_INSTALL = Path(os.environ.get("MDX_AXE_DIR") or CACHE / "axe")
#: Tabs checking pages side by side: axe keeps one core busy per tab.
WORKERS = int(os.environ.get("MDX_AXE_WORKERS") or min(os.cpu_count() or 1, 4))
THEMES = ("light", "dark")
#: Folders of a build that hold no pages.
NOT_PAGES = ("_static", "_sources", "_images", "_downloads", ".doctrees")
#: How many pages the search page's query finds at most: enough to list results, few enough that the
#: search, which fetches every page it finds for its summary, ends in time.
SEARCH_HITS = 5
#: A viewport wide enough for Furo to show both sidebars (it hides the contents below 82em).
VIEWPORT = {"width": 1400, "height": 900}
#: The arguments the tests give Chromium (tests/conftest.py): no network beyond localhost.
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: Where the server hands out axe, beside the site's files: the browser caches it, and its compiled
#: code, from one page to the next.
AXE_URL = "/__axe__/axe.min.js"

#: Components whose popovers a reader opens: (what is checked, what opens it). Each is opened as a
#: keyboard user would: Tab to the trigger (focus may open it), then Enter if focus did not (a button
#: opens on click). Keys, not the mouse: a marker may lie under other content (a missing image's alt
#: text in the corpus), where a pointer cannot reach it.
POPOVERS = ((".mdx-tooltip", ".mdx-tooltip-trigger"), (".mdx-poi-point", ".mdx-poi-marker"))

# In the page: wait until no CSS transition or animation runs (a popover fading in), so that axe
# reads the colours a reader sees once the page is still; ``frames``: first let that many frames pass
# (what a key press or focus starts, a script may start on the next frame).
_SETTLED = """async (frames) => {
  for (let frame = 0; frame < frames; frame++) await new Promise(requestAnimationFrame);
  const running = () => document.getAnimations().filter(a => a.playState === "running"
      && a.effect && a.effect.getComputedTiming().endTime !== Infinity);
  for (let wait = 0; running().length && wait < 40; wait++) await new Promise(r => setTimeout(r, 25));
}"""

# In the page: Furo's theme set as its toggle sets it, the colour transitions that starts (sphinx-
# design's tab labels fade theirs over 250 ms) taken to their end at once, the page left to settle;
# then axe on ``selector``'s ``index``-th element, or on each element of a list of indices (the whole
# document when selector is null), with its default rules. Returns the violations, each node as its
# CSS selector.
_RUN_AXE = """async ([theme, selector, index]) => {
  if (document.body.dataset.theme !== theme) {
    document.body.dataset.theme = theme;
    for (const change of document.getAnimations()) if (change instanceof CSSTransition) change.finish();
  }
  await (""" + _SETTLED + """)(0);
  const all = selector === null ? [] : document.querySelectorAll(selector);
  const context = selector === null ? document
      : Array.isArray(index) ? {include: index.map(i => all[i])} : all[index];
  const results = await axe.run(context, {resultTypes: ["violations"]});
  return results.violations.map(v => ({id: v.id, impact: v.impact,
      targets: v.nodes.map(n => n.target.map(t => Array.isArray(t) ? t.join(" >>> ") : t).join(" | "))}));
}"""

_SEARCH_DONE = """() => typeof Search !== "undefined" && Search._pulse_status === -1
    && document.querySelector(".search-summary")"""


@dataclass(frozen=True)
class Violation:
    page: str
    rule: str
    impact: str
    target: str
    state: str  # the theme, and the popover opened if any

    def __str__(self) -> str:
        return f"{self.page}: {self.rule} ({self.impact}): {self.target} [{self.state}]"

    @property
    def theme(self) -> str:
        return self.state.split(",")[0]


def install_axe() -> Path:
    """``axe.min.js``, installed from ``tools/axe``'s lock file when missing or out of date."""
    return install_locked(AXE_PACKAGE, AXE_INSTALL) / "axe-core" / "axe.min.js"


def site_pages(build: Path) -> list[str]:
    """Every page of an HTML or dirhtml build, as the path a browser asks for; the search page
    twice, the second time with a query."""
    pages = []
    for html in sorted(build.rglob("*.html")):
        relative = html.relative_to(build)
        if relative.parts[0] in NOT_PAGES:
            continue
        path = relative.as_posix()
        pages.append(path[: -len("index.html")] if html.name == "index.html" else path)
    query = search_query(build)
    pages += [f"{page}?q={query}" for page in pages if page in ("search.html", "search/") and query]
    return pages


def search_query(build: Path) -> str | None:
    """A word of a heading of the site that the most pages have, up to SEARCH_HITS of them, so that
    the search page is checked with a list of results; None for a build without a search index."""
    index = build / "searchindex.js"
    if not index.is_file():
        return None
    text = index.read_text(encoding="utf-8")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    stem = snowballstemmer.stemmer("english").stemWord

    def pages(word: str) -> int:
        found = set()
        for terms in (data["terms"], data["titleterms"]):
            docs = terms.get(stem(word), [])
            found.update(docs if isinstance(docs, list) else [docs])
        return len(found)

    words = {word.lower() for title in data["alltitles"] for word in title.split() if word.isalpha() and len(word) >= 5}
    hits = {word: count for word in words if 0 < (count := pages(word)) <= SEARCH_HITS}
    return min(hits, key=lambda word: (-hits[word], word), default=None)


class _Handler(SimpleHTTPRequestHandler):
    axe_js: Path

    def translate_path(self, path: str) -> str:
        if path.split("?")[0] == AXE_URL:
            return str(self.axe_js)
        return super().translate_path(path)

    def end_headers(self) -> None:
        if self.path.split("?")[0] == AXE_URL:
            self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:
        pass


class SiteServer:
    """A build folder served on localhost, in a thread, until ``close()``; axe at ``AXE_URL``."""

    def __init__(self, build: Path, axe_js: Path) -> None:
        handler = type("Handler", (_Handler,), {"axe_js": axe_js})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(build)))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


async def _in_themes(page, where: str, themes, opened: str = "", selector: str | None = None,
                     index: int = 0) -> list[Violation]:
    """axe in each theme, every rule each time, in the order given; the page is left in the last."""
    found = []
    for theme in themes:
        state = f"{theme}, {opened}" if opened else theme
        found += [Violation(where, result["id"], result["impact"] or "", target, state)
                  for result in await page.evaluate(_RUN_AXE, [theme, selector, index])
                  for target in result["targets"]]
    return found


async def _visible_text(element) -> int:
    return await element.evaluate("element => element.innerText.length")


async def _check_popovers(page, where: str, themes, done: set) -> list[Violation]:
    """Each tooltip and point of interest a reader can reach, not in ``done``, opened in turn; axe
    on that component, in each theme (taken in turns from the one the page is in, so that the
    theme changes once per popover).

    A popover that shows no more text once opened is reported (``popover-did-not-open``): the
    check would otherwise pass without having seen it."""
    found, order = [], [await page.evaluate("() => document.body.dataset.theme")]
    order += [theme for theme in themes if theme not in order]
    await page.mouse.move(0, 0)  # no pointer resting on a trigger
    for component, opener in POPOVERS:
        for index in range(await page.locator(component).count()):
            holder = page.locator(component).nth(index)
            trigger = holder.locator(opener).first
            if (component, index) in done or not await trigger.is_visible():
                continue  # checked already, or in a closed tab pane or <details>, where no reader reaches it
            done.add((component, index))
            closed = await _visible_text(holder)
            await trigger.focus()
            await page.evaluate(_SETTLED, 2)
            opened = await _visible_text(holder) > closed
            if not opened:
                await trigger.press("Enter")
                await page.evaluate(_SETTLED, 2)
                opened = await _visible_text(holder) > closed
            if not opened:
                found.append(Violation(where, "popover-did-not-open", "test", f"{component}:nth({index})",
                                       f"{order[0]}, focused, then Enter pressed"))
            found += await _in_themes(page, where, order, f"{component} {index + 1} opened", component, index)
            order.reverse()
            await page.keyboard.press("Escape")
            await page.evaluate("() => document.activeElement && document.activeElement.blur()")
    return found


# In the page: the labels to click next, one per tab set at most, for panes not checked yet: the
# innermost tab sets first, and no set that holds a pane chosen already (clicking its label would
# hide that pane). Returns the labels' indices among all tab labels.
_NEXT_TABS = """checked => {
  const panes = [...document.querySelectorAll(".sd-tab-content")];
  const labels = [...document.querySelectorAll("label.sd-tab-label")];
  const chosen = [], clicks = [];
  for (const set of [...document.querySelectorAll(".sd-tab-set")].reverse()) {
    if (chosen.some(pane => set.contains(pane))) continue;
    for (const label of set.querySelectorAll(":scope > label.sd-tab-label")) {
      const pane = label.nextElementSibling, index = panes.indexOf(pane);
      if (index < 0 || checked.includes(index) || !label.checkVisibility()) continue;
      chosen.push(pane);
      clicks.push(labels.indexOf(label));
      break;
    }
  }
  return clicks;
}"""

_SHOWN_PANES = """() => [...document.querySelectorAll(".sd-tab-content")]
    .map((pane, index) => pane.checkVisibility() ? index : -1).filter(index => index >= 0)"""


async def _check_tab_panes(page, where: str, themes, done: set) -> list[Violation]:
    """Each tab pane that is not open when the page loads, opened by a click on its label (a nested
    tab set's panes once the pane holding them is open); axe on the panes, in each theme, then on
    their popovers. One pane of each tab set at a time: the panes of different sets are opened
    together and checked in one run."""
    found, labels = [], page.locator("label.sd-tab-label")
    checked = set(await page.evaluate(_SHOWN_PANES))  # seen with the page
    while clicks := await page.evaluate(_NEXT_TABS, sorted(checked)):
        names = []
        for number in clicks:
            await labels.nth(number).click()
            names.append(" ".join((await labels.nth(number).inner_text()).split()))
        await page.mouse.move(0, 0)
        opened = [pane for pane in await page.evaluate(_SHOWN_PANES) if pane not in checked]
        if not opened:
            break  # a click that opens nothing new (synchronised tab sets, say): no pane is left to reach
        checked.update(opened)
        found += await _in_themes(page, where, themes, "tabs " + ", ".join(f'"{name}"' for name in names)
                                  + " opened", ".sd-tab-content", opened)
        found += await _check_popovers(page, where, themes, done)
    return found


async def _check_scrolled(page, where: str, themes) -> list[Violation]:
    """The page scrolled down, then a little up: Furo shows its "Back to top" button."""
    await page.mouse.move(VIEWPORT["width"] // 2, VIEWPORT["height"] // 2)
    await page.mouse.wheel(0, 3 * VIEWPORT["height"])
    await page.wait_for_timeout(200)
    await page.mouse.wheel(0, -VIEWPORT["height"] // 4)
    try:
        await page.wait_for_function("() => document.documentElement.classList.contains('show-back-to-top')",
                                     timeout=2_000)
    except Exception:  # Playwright's TimeoutError: a page too short to scroll shows no button
        return []
    return await _in_themes(page, where, themes, "scrolled back up")


async def check_page(page, url: str, where: str, themes=THEMES, scrolled: bool = False) -> list[Violation]:
    """axe on one page in each theme; then on each of its popovers opened in turn, and each tab pane
    not open at first, opened, with its popovers; with ``scrolled``, on the page scrolled down and
    a little back up too."""
    await page.goto(url)
    if "?q=" in where:
        await page.wait_for_function(_SEARCH_DONE, timeout=20_000)
        if not await page.locator("#search-results li").count():
            return [Violation(where, "search-results", "serious", "#search-results", "the query found no page")]
    await page.add_script_tag(url=AXE_URL)
    done: set = set()
    found = await _in_themes(page, where, themes) + await _check_popovers(page, where, themes, done)
    found += await _check_tab_panes(page, where, themes, done)
    return found + (await _check_scrolled(page, where, themes) if scrolled else [])


def _cost(build: Path, where: str) -> int:
    """How long a page's check takes, roughly: its size, and a page's worth per popover and tab pane."""
    path = build / where.split("?")[0]
    html = path / "index.html" if path.is_dir() else path
    text = html.read_text(encoding="utf-8", errors="replace") if html.is_file() else ""
    parts = [f'class="{component[1:]}"' for component, _ in POPOVERS] + ['class="sd-tab-label']
    return len(text) + 200_000 * sum(text.count(part) for part in parts)


class AxeChecker:
    """One browser; ``workers`` tabs, each reused from page to page and site to site."""

    def __init__(self, browser, workers: int = WORKERS) -> None:
        self.browser = browser
        self.workers = max(1, workers)
        self.pages: list = []

    async def _tabs(self) -> list:
        while len(self.pages) < self.workers:
            context = await self.browser.new_context(viewport=VIEWPORT)
            self.pages.append(await context.new_page())
        return self.pages

    async def check_sites(self, sites: dict[str, tuple[Path, Callable[[], Awaitable[None]] | None]],
                          themes=THEMES) -> dict[str, list[Violation] | BaseException]:
        """axe on every page of each site, ``{name: (build folder, None or what to await before it is
        built)}``: each site's violations in the order of its pages, or what kept it from being built.

        The pages of all sites are shared among the tabs, the longest first, as each site is built:
        no tab waits for another to finish a site."""
        axe_js = install_axe()
        queue: asyncio.PriorityQueue = asyncio.PriorityQueue()
        results: dict[str, dict[str, list[Violation]]] = {name: {} for name in sites}
        failed: dict[str, BaseException] = {}
        servers: dict[str, SiteServer] = {}
        scrolled: set[tuple[str, str]] = set()

        async def add(name: str, build: Path, built: Callable[[], Awaitable[None]] | None) -> None:
            try:
                if built is not None:
                    await built()
            except Exception as error:  # noqa: BLE001 - reported as that site's result
                failed[name] = error
                return
            servers[name] = SiteServer(build, axe_js)
            pages = sorted(site_pages(build), key=lambda where: _cost(build, where), reverse=True)
            scrolled.add((name, pages[0]))  # Furo's chrome is the same on every page: scrolled, on the longest
            for where in pages:
                queue.put_nowait((-_cost(build, where), name, where))

        adding = [asyncio.create_task(add(name, build, built)) for name, (build, built) in sites.items()]

        async def work(page) -> None:
            while not (queue.empty() and all(task.done() for task in adding)):
                if queue.empty():
                    await asyncio.sleep(0.05)
                    continue
                _, name, where = queue.get_nowait()
                results[name][where] = await check_page(page, servers[name].url + where, where, themes,
                                                         (name, where) in scrolled)

        try:
            await asyncio.gather(*(work(page) for page in await self._tabs()), *adding)
        finally:
            for server in servers.values():
                server.close()
        return {name: failed[name] if name in failed else [
            violation for where in site_pages(build) for violation in results[name][where]]
            for name, (build, _) in sites.items()}

    async def check_site(self, build: Path, themes=THEMES) -> list[Violation]:
        """axe on every page of ``build``; the violations in the order of the pages."""
        return (await self.check_sites({str(build): (build, None)}, themes))[str(build)]

    async def close(self) -> None:
        for page in self.pages:
            await page.context.close()


class Session:
    """A browser and its checker on an event loop of their own, for synchronous callers."""

    def __init__(self, chromium: str, workers: int = WORKERS) -> None:
        from playwright.async_api import async_playwright

        self.loop = asyncio.new_event_loop()
        self.playwright = self.loop.run_until_complete(async_playwright().start())
        self.browser = self.loop.run_until_complete(
            self.playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS))
        self.checker = AxeChecker(self.browser, workers)

    def check_sites(self, sites: dict[str, tuple[Path, Callable[[], Awaitable[None]] | None]],
                    themes=THEMES) -> dict[str, list[Violation] | BaseException]:
        return self.loop.run_until_complete(self.checker.check_sites(sites, themes))

    def check_site(self, build: Path, themes=THEMES) -> list[Violation]:
        return self.loop.run_until_complete(self.checker.check_site(build, themes))

    def close(self) -> None:
        self.loop.run_until_complete(self.checker.close())
        self.loop.run_until_complete(self.browser.close())
        self.loop.run_until_complete(self.playwright.stop())
        self.loop.close()


async def process_done(process: subprocess.Popen, out: Path) -> None:
    """Wait for a build started with ``subprocess.Popen``; raise unless it wrote its pages."""
    await asyncio.get_running_loop().run_in_executor(None, process.wait)
    if process.returncode != 0 or not (out / "index.html").exists():
        raise RuntimeError(f"the build of {out} ended with {process.returncode}")


def report(violations: list[Violation]) -> str:
    """Each violation, then per theme and rule its impact, nodes and pages."""
    lines = [str(violation) for violation in violations]
    nodes, pages, impacts = Counter(), defaultdict(set), {}
    for violation in violations:
        key = violation.theme, violation.rule
        nodes[key] += 1
        pages[key].add(violation.page)
        impacts[violation.rule] = violation.impact
    lines.append(f"{len(violations)} violations on {len({v.page for v in violations})} pages")
    lines += [f"  {theme}: {rule} ({impacts[rule]}): {count} nodes, {len(pages[theme, rule])} pages"
              for (theme, rule), count in sorted(nodes.items())]
    return "\n".join(lines)


def build_command(content: Path, out: Path) -> list[str]:
    """``content`` built as ``dirhtml`` with this project's conf.py; warnings do not stop it."""
    return [sys.executable, "-m", "sphinx", "-b", "dirhtml", str(content), str(out), "-c", str(PROJECT),
            "-q", "--keep-going"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("builds", nargs="*", type=Path, help="built HTML or dirhtml folders")
    parser.add_argument("--content", type=Path, action="append", default=[],
                        help="a content folder to build first (dirhtml; repeatable)")
    parser.add_argument("--workers", type=int, default=WORKERS, help=f"tabs side by side (default {WORKERS})")
    args = parser.parse_args(argv)
    if not args.builds and not args.content:
        parser.error("give build folders or --content")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("Chromium is missing (make system-deps installs it)")
    with tempfile.TemporaryDirectory() as scratch:
        sites: dict[str, tuple[Path, Callable[[], Awaitable[None]] | None]] = {
            str(build): (build, None) for build in args.builds}
        for number, content in enumerate(args.content):
            out = Path(scratch) / str(number)
            process = subprocess.Popen(build_command(content, out), stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            sites[str(content)] = out, partial(process_done, process, out)
        started = time.monotonic()
        session = Session(chromium, args.workers)
        try:
            results = session.check_sites(sites)
        finally:
            session.close()
        violations = []
        for name, result in results.items():
            if isinstance(result, BaseException):
                print(f"{name}: {result}")
                violations.append(result)
                continue
            print(f"== {name}: {len(site_pages(sites[name][0]))} pages\n{report(result)}")
            violations += result
        print(f"checked in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 1 if violations else 0


if __name__ == "__main__":
    raise SystemExit(main())
