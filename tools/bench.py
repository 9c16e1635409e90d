"""How fast a librarium site of about 1,000 pages builds: plain MyST against this project.

    python tools/bench.py [--corpus DIR] [--pages 1000] [--runs 3] [--only NAME ...]    # or: make bench

The corpus folder (by default ../shared/corpus/librarium/dev) is copied as many times
as it takes to reach --pages, each copy under a renamed top folder (``01-part-1/``,
``02-part-2/``...), with a section page per copy: a site of several levels, built as
librarium builds it (pages named by URL, navigation from the tree). Then it times,
as the median of --runs runs, each in a fresh output folder:

  read      the read phase (``-b dummy``) for (a) plain MyST on the same pages with
            their MDX markup stripped (toctrees give the same navigation) and
            (b) this project; and (b)'s whole HTML build
  furo      the whole HTML build with Furo rendering the navigation for every
            page: (a), and (b) with ``mdx_navigation_once = False``; only when
            asked for (``--only furo --runs 1``): the cost per page grows with
            the site, and one run of both takes half an hour
  parallel  this project's whole build with -j 1 and -j 2, and whether both wrote
            the same bytes
  rebuild   an incremental build after one page's body is edited, and how many
            pages it wrote again
  parse     one real page (the corpus's largest) at 1x, 2x, 4x and 8x its size:
            the MDX parse alone, and Sphinx reading it
  mkdocs    side by side, taking turns: this project (``-E -b dirhtml -j auto``) and MkDocs
            (``mkdocs build``, its default theme; pinned in ``tools/mkdocs/``, installed into
            ``~/.cache/sphinx-mdx/mkdocs``) on the same pages, the corpus alone and the whole
            site, with the ratio; and "first": ours with the compiled templates the environment
            keeps removed before each build, as a first build in a new environment runs
  pdf       the whole site's PDF (``-M latexpdf``): seconds, and the peak memory of the
            biggest process; only when asked for (``--only pdf --runs 1``)

Every figure is in seconds, wall clock, on this machine; its core count is printed first.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import pickle
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from itertools import groupby
from pathlib import Path

from markdown_it import MarkdownIt

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "_ext"))
sys.path.insert(0, str(PROJECT / "tools"))

from bench_parse import interleaved_medians, mdx_markdown_it, median_seconds, parse_seconds, read_seconds  # noqa: E402
from sphinx_mdx.syntax.tags import scan_tag  # noqa: E402
from sphinx_mdx.template_cache import venv_template_caches  # noqa: E402

DEFAULT_CORPUS = PROJECT.parent / "shared" / "corpus" / "librarium" / "dev"
SECTIONS = ("read", "furo", "parallel", "rebuild", "parse", "mkdocs", "pdf")
#: Sections that take long, measured only when asked for.
ON_REQUEST = ("furo", "pdf")
MKDOCS = Path(os.environ.get("MDX_MKDOCS_DIR") or Path.home() / ".cache" / "sphinx-mdx" / "mkdocs")
PLAIN_MYST_CONF = """\
project = "Spectro Cloud docs"
extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
myst_heading_anchors = 3
html_theme = "furo"
"""
#: This project's build from scratch, as the MkDocs rows time it: librarium's URLs, on every core.
OURS_FROM_SCRATCH = ("dirhtml", "-E", "-j", "auto", "--keep-going")
EDIT = "\n\nA sentence added by the benchmark, to rebuild this page.\n"


def pages_in(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.suffix in (".md", ".mdx"))


def add_missing_files(site: Path, work: Path) -> list[Path]:
    """Empty stand-ins for the images and videos the corpus lacks, as an author's site has them.

    Sphinx reads a page again on every build while a file it uses is missing,
    which would hide what a rebuild costs. The files are found by a first read.
    """
    probe = work / "probe"
    sphinx(site, probe, "dummy")
    with (probe / ".doctrees" / "environment.pickle").open("rb") as pickled:
        env = pickle.load(pickled)
    missing = sorted({site / dependency for dependencies in env.dependencies.values() for dependency in dependencies
                      if not (site / dependency).exists()})
    for path in missing:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    shutil.rmtree(probe)
    return missing


def make_site(corpus: Path, site: Path, pages: int) -> int:
    """Copy ``corpus`` under renamed top folders until the site has about ``pages`` pages."""
    per_copy = len(pages_in(corpus)) + 1  # and the copy's section page
    copies = max(1, round(pages / per_copy))
    site.mkdir(parents=True)
    for number in range(1, copies + 1):
        name = f"{number:02d}-part-{number}"
        shutil.copytree(corpus, site / name, ignore=shutil.ignore_patterns("*.tsv"))
        (site / f"{name}.md").write_text(f'---\ntitle: "Part {number}"\n---\n\n# Part {number}\n\n'
                                         f"Copy {number} of the corpus.\n", encoding="utf-8")
    return len(pages_in(site))


def strip_mdx(text: str, md: MarkdownIt) -> str:
    """The page as plain MyST: no ESM lines and no JSX component tags; HTML, code and the rest kept.

    Our MDX parser says which lines are ESM and which are code.
    """
    lines = text.splitlines(keepends=True)
    kind = ["prose"] * len(lines)
    for token in md.parse(text):
        if token.map and token.type in ("esm", "fence", "code_block"):
            for line in range(*token.map):
                kind[line] = "esm" if token.type == "esm" else "code"
    kept = []
    for line_kind, group in groupby(zip(kind, lines, strict=True), key=lambda pair: pair[0]):
        chunk = "".join(line for _, line in group)
        if line_kind == "prose":
            kept.append(strip_components(chunk))
        elif line_kind == "code":
            kept.append(chunk)
    return "".join(kept)


def strip_components(text: str) -> str:
    """``text`` without its JSX component tags (``<InfoBox>``, ``<Tooltip trigger={...}>``), read by our tokenizer."""
    plain, start, position = [], 0, text.find("<")
    while position != -1:
        tag = scan_tag(text, position, len(text))
        if tag is not None and tag.is_component:
            plain.append(text[start:position])
            start = tag.end
        position = text.find("<", max(start, position + 1))
    plain.append(text[start:])
    return "".join(plain)


def make_plain_site(site: Path, plain: Path) -> None:
    """The site's pages stripped of MDX, for plain MyST, with toctrees giving the same navigation.

    Each section page lists its folder's pages, and those of subfolders that have no section page.
    """
    md = mdx_markdown_it()
    for page in pages_in(site):
        target = plain / page.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(strip_mdx(page.read_text(encoding="utf-8"), md), encoding="utf-8")
    (plain / "index.md").write_text("# Spectro Cloud docs\n", encoding="utf-8")
    for section in [plain / "index.md", *(page for page in pages_in(plain) if page.with_suffix("").is_dir())]:
        folder = plain if section.name == "index.md" and section.parent == plain else section.with_suffix("")
        patterns = [f"{path.relative_to(section.parent)}/*".removeprefix("./") for path in _listed_folders(folder)]
        with section.open("a", encoding="utf-8") as text:
            text.write("\n\n```{toctree}\n:glob:\n:hidden:\n\n" + "\n".join(patterns) + "\n```\n")
    (plain / "conf.py").write_text(PLAIN_MYST_CONF, encoding="utf-8")


def _listed_folders(folder: Path) -> list[Path]:
    """``folder``, and its subfolders without a section page of their own, at any depth."""
    listed = [folder]
    for child in sorted(path for path in folder.iterdir() if path.is_dir()):
        if not child.with_suffix(".md").exists():
            listed += _listed_folders(child)
    return listed


def sphinx(source: Path, out: Path, builder: str, *options: str, project_conf: bool = True) -> None:
    conf = ["-c", str(PROJECT)] if project_conf else []
    command = [sys.executable, "-m", "sphinx", "-b", builder, "-q", *conf, *options, str(source), str(out)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"sphinx-build failed ({' '.join(command)}):\n{result.stderr[-3000:]}")


def row(*cells: object) -> None:
    print(f"{cells[0]:<52}" + "".join(f" {cell:>11}" for cell in cells[1:]), flush=True)


def timed_builds(rows: dict[str, tuple[Path, tuple[str, ...], bool, tuple[str | None, ...]]],
                 work: Path, runs: int) -> None:
    """Each row: a source, options, whether with our conf, and a builder per cell (None: a blank cell).

    Every build starts from scratch, and all of them take turns, run after run.
    """
    out = work / "out"
    fresh = partial(shutil.rmtree, out, ignore_errors=True)
    actions = {(label, builder): (partial(sphinx, source, out, builder, *options, project_conf=conf), fresh)
               for label, (source, options, conf, builders) in rows.items() for builder in builders if builder}
    medians = interleaved_medians(runs, actions)
    for label, (*_, builders) in rows.items():
        row(label, *("-" if builder is None else f"{medians[label, builder]:.2f}" for builder in builders))


def bench_read(site: Path, plain: Path, work: Path, runs: int) -> None:
    row("(a) plain MyST / (b) this project", "read s", "build s")
    timed_builds({"(a) plain MyST, MDX stripped": (plain, (), False, ("dummy", None)),
                  "(b) this project": (site, (), True, ("dummy", "html"))}, work, runs)


def bench_furo(site: Path, plain: Path, work: Path, runs: int) -> None:
    row("Furo's navigation rendered for every page", "", "build s")
    timed_builds({
        "(a) plain MyST, MDX stripped": (plain, (), False, (None, "html")),
        "(b) this project, mdx_navigation_once = False": (site, ("-D", "mdx_navigation_once=0"), True, (None, "html")),
    }, work, runs)


def bench_parallel(site: Path, work: Path, runs: int) -> None:
    row("(b) whole HTML build", "-j 1 s", "-j 2 s", "same bytes")
    outs = {jobs: work / f"out-j{jobs}" for jobs in (1, 2)}
    times = interleaved_medians(runs, {jobs: (partial(sphinx, site, out, "html", "-j", str(jobs)),
                                              partial(shutil.rmtree, out, ignore_errors=True))
                                       for jobs, out in outs.items()})
    row("(b) this project", f"{times[1]:.2f}", f"{times[2]:.2f}", "yes" if same_tree(*outs.values()) else "NO")


def same_tree(left: Path, right: Path) -> bool:
    """The HTML pages and assets are equal byte for byte (the pickled environment may differ)."""
    files = sorted(path.relative_to(left) for path in left.rglob("*")
                   if path.is_file() and ".doctrees" not in path.parts and path.name != ".buildinfo")
    theirs = sorted(path.relative_to(right) for path in right.rglob("*")
                    if path.is_file() and ".doctrees" not in path.parts and path.name != ".buildinfo")
    return files == theirs and all(filecmp.cmp(left / name, right / name, shallow=False) for name in files)


def bench_rebuild(site: Path, work: Path, runs: int) -> None:
    row("(b) rebuild after one page's body is edited", "rebuild s", "pages", "written")
    page = max(pages_in(site / "01-part-1"), key=lambda path: len(path.relative_to(site).parts))
    original = page.read_text(encoding="utf-8")
    out = work / "out-rebuild"
    sphinx(site, out, "html")
    always = written_by(out, lambda: sphinx(site, out, "html"))  # with no edit at all
    before: dict[Path, int] = {}

    def edit() -> None:
        """Untimed: the edit, and the output's modification times, to tell what the build wrote."""
        page.write_text(page.read_text(encoding="utf-8") + EDIT, encoding="utf-8")
        before.clear()
        before.update(modification_times(out))

    try:
        seconds = median_seconds(lambda: sphinx(site, out, "html"), runs, edit)
    finally:
        page.write_text(original, encoding="utf-8")
    written = changed_since(out, before)
    row(f"  {page.relative_to(site)}", f"{seconds:.2f}", len(list(out.rglob('*.html'))), len(written))
    print(f"  written: {', '.join(written)}")
    print(f"  written by a build with no edit: {', '.join(always) or 'none'}")


def modification_times(out: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in out.rglob("*.html")}


def changed_since(out: Path, before: dict[Path, int]) -> list[str]:
    """The HTML files written since ``before`` was taken."""
    return sorted(str(path.relative_to(out)) for path, stamp in modification_times(out).items()
                  if stamp != before.get(path))


def written_by(out: Path, build: Callable[[], None]) -> list[str]:
    """The HTML files ``build`` wrote."""
    before = modification_times(out)
    build()
    return changed_since(out, before)


def bench_parse(corpus: Path, runs: int) -> None:
    page = max(pages_in(corpus), key=lambda path: path.stat().st_size)
    text = page.read_text(encoding="utf-8")
    head, _, body = text.partition("\n# ")
    row(f"parse of {page.name} at 1x to 8x", "bytes", "parse s", "x 1x", "read s", "x 1x")
    first_parse = first_read = None
    for scale in (1, 2, 4, 8):
        source = head + "".join(f"\n# Copy {n} {body}" for n in range(scale))
        parse = parse_seconds(source, runs)
        read = read_seconds(source, runs)
        first_parse, first_read = first_parse or parse, first_read or read
        row(f"  {scale}x", f"{len(source):,}", f"{parse:.3f}", f"{parse / first_parse:.1f}",
            f"{read:.2f}", f"{read / first_read:.1f}")


def install_mkdocs() -> Path:
    """MkDocs at the pinned version, in its own environment outside the repository; its command."""
    requirements = PROJECT / "tools" / "mkdocs" / "requirements.txt"
    stamp = MKDOCS / "installed.txt"
    if not stamp.exists() or stamp.read_text(encoding="utf-8") != requirements.read_text(encoding="utf-8"):
        subprocess.run([sys.executable, "-m", "venv", str(MKDOCS)], check=True)
        subprocess.run([str(MKDOCS / "bin" / "pip"), "install", "--quiet", "-r", str(requirements)], check=True)
        stamp.write_text(requirements.read_text(encoding="utf-8"), encoding="utf-8")
    return MKDOCS / "bin" / "mkdocs"


def mkdocs_build(mkdocs: Path, source: Path, out: Path) -> None:
    config = out.parent / f"{out.name}-mkdocs.yml"
    # MkDocs reads a relative docs_dir from the configuration file's folder, not the current one
    config.write_text(f"site_name: bench\ndocs_dir: {source.resolve()}\nsite_dir: {out}\n", encoding="utf-8")
    result = subprocess.run([str(mkdocs), "build", "-q", "-f", str(config)], capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{result.stderr[-3000:]}")


def bench_mkdocs(corpus: Path, site: Path, count: int, work: Path, runs: int) -> None:
    """Ours as builds run once the environment is set up (the compiled templates an earlier build kept);
    "first" is ours with the environment's compiled templates removed before each build (n/a outside a
    virtual environment, where none are kept)."""
    mkdocs = install_mkdocs()
    templates = venv_template_caches()
    row("from scratch, taking turns", "ours s", "MkDocs s", "ratio", "first s")
    for label, source in ((f"{len(pages_in(corpus))} pages ({corpus.name})", corpus), (f"{count} pages (site)", site)):
        outs = {name: work / f"out-{name}" for name in ("ours", "mkdocs", "first")}
        builds = {
            "ours": (partial(sphinx, source, outs["ours"], *OURS_FROM_SCRATCH), partial(_without, outs["ours"])),
            "mkdocs": (partial(mkdocs_build, mkdocs, source, outs["mkdocs"]), partial(_without, outs["mkdocs"])),
        }
        if templates is not None:
            builds["first"] = (partial(sphinx, source, outs["first"], *OURS_FROM_SCRATCH),
                               partial(_without, outs["first"], templates))
        times = interleaved_medians(runs, builds)
        row(label, f"{times['ours']:.2f}", f"{times['mkdocs']:.2f}", f"{times['ours'] / times['mkdocs']:.1f}x",
            f"{times['first']:.2f}" if "first" in times else "n/a")


def _without(*folders: Path) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def bench_pdf(site: Path, count: int, work: Path) -> None:
    """One build of the whole site's PDF: wall clock, and the peak resident memory of the largest
    process it ran (sphinx-build or pdflatex), from the operating system's accounting."""
    row("whole site's PDF (-M latexpdf -j auto)", "seconds", "peak MB")
    out = work / "out-pdf"
    command = [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(site), str(out), "-c", str(PROJECT), "-q",
               "-j", "auto", "--keep-going"]
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    pdfs = list((out / "latex").glob("*.pdf"))
    row(f"{count} pages" + ("" if pdfs else " (no PDF written)"), f"{seconds:.1f}", f"{peak:.0f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="a librarium content folder")
    parser.add_argument("--pages", type=int, default=1000, help="about how many pages the site has")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median is shown")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=[name for name in SECTIONS if name not in ON_REQUEST],
                        help="which measurements (default: all but furo, which takes half an hour a run, and pdf)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"No corpus at {args.corpus}. The benchmark needs a folder of librarium pages: put the "
              "shared corpus beside this project (../shared/corpus/librarium/dev) or pass --corpus DIR.",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="mdx-bench-") as folder:
        work = Path(folder)
        site, plain = work / "site", work / "plain"
        count = make_site(args.corpus, site, args.pages)
        stand_ins = add_missing_files(site, work)
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
              f"site: {count} pages from {args.corpus} ({len(stand_ins)} missing images and videos "
              f"given empty stand-ins); medians of {args.runs} runs")
        if "read" in args.only or "furo" in args.only:
            make_plain_site(site, plain)
        if "read" in args.only:
            bench_read(site, plain, work, args.runs)
        if "furo" in args.only:
            bench_furo(site, plain, work, args.runs)
        if "parallel" in args.only:
            bench_parallel(site, work, args.runs)
        if "rebuild" in args.only:
            bench_rebuild(site, work, args.runs)
        if "parse" in args.only:
            bench_parse(args.corpus, args.runs)
        if "mkdocs" in args.only:
            bench_mkdocs(args.corpus, site, count, work, args.runs)
        if "pdf" in args.only:
            bench_pdf(site, count, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
