"""How parse time and memory grow with input: huge and hostile shapes at 1x, 2x, 4x and 8x.

    python tools/bench_parse.py [--only parse|mdit|read] [--runs N] [--timeout S] [--shape NAME ...]
                                [--scales 1,2,4,8] [--project DIR]

Shapes at 8x: a 5 MB page of librarium-like MDX, JSX nested 1,000 deep and 10,000
tooltips in one paragraph; and, each about 1 MB, the shapes a hostile page can take:
unclosed tags (also with one closing tag at the end, and each of another name),
comments never closed, ``<a x={`` never closed (in a paragraph, and one per line),
``import import ...``, JSX nested through attribute values, a literal nested deep,
blockquotes 200 deep, and one huge literal; and, as a plain Markdown reference, short
paragraphs with no MDX in them. For each it measures the MDX parse (markdown-it with our
rules), the same parse by markdown-it alone ("mdit": CommonMark and tables, the floor that
our rules add to) and Sphinx reading the page (parse, render to a doctree, transforms) with
the dummy builder, or only one of them: seconds (median of --runs runs) and peak memory in
MB. Each measurement runs in a process of its own, so its memory is
its own, and is stopped after --timeout seconds. Linear growth doubles the time with
each doubling of the input. --project measures another copy of this project (its
``_ext``), such as the last commit unpacked with ``git archive HEAD | tar -x -C DIR``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Hashable
from pathlib import Path

from markdown_it import MarkdownIt

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "_ext"))

IMPORTS = "".join(f"import {name} from 'shared/components/{name}';\n" for name in
                  ("InfoBox", "WarningBox", "Tooltip", "Tabs", "PointsOfInterest"))
SECTION = """
## Section {n}

Some prose about clusters, with a <Tooltip trigger={{<u>term {n}</u>}}>body with <a href="/clusters">a link</a></Tooltip>
and **emphasis**, a [link](/clusters#ipaddressmanagement) and `code`.<br />

<InfoBox>

An info box with *Markdown* inside, number {n}.

</InfoBox>

<Tabs identifier="cloud">
<Tabs.TabPane tab="AWS" key="aws">

- one item
- two items

</Tabs.TabPane>
<Tabs.TabPane tab="VMware" key="vmware">

```yaml
kind: Cluster
```

</Tabs.TabPane>
</Tabs>
"""
#: The size of a hostile shape at 1x: 8x is about 1 MB.
HOSTILE_SIZE = 128_000


def page(scale: float) -> str:
    """librarium-like MDX, 640 kB per unit of scale (5 MB at 8x)."""
    body, n = [IMPORTS, "\n# A huge page\n"], 0
    size = 0
    while size < 640_000 * scale:
        section = SECTION.format(n=n)
        body.append(section)
        size += len(section)
        n += 1
    return "".join(body)


def nesting(scale: float) -> str:
    depth = int(125 * scale)
    return IMPORTS + "\n# Deep\n\n" + "<InfoBox>\n\n" * depth + "deep words\n\n" + "</InfoBox>\n\n" * depth


def tooltips(scale: float) -> str:
    count = int(1250 * scale)
    return IMPORTS + "\n# Tooltips\n\n" + " ".join(
        f'word{i} <Tooltip trigger="t{i}">body {i}</Tooltip>' for i in range(count)) + "\n"


def repeated(unit: str, scale: float, head: str = "", tail: str = "") -> str:
    """``unit`` repeated between ``head`` and ``tail`` to HOSTILE_SIZE bytes per unit of scale."""
    return IMPORTS + "\n# Hostile\n\n" + head + unit * int(HOSTILE_SIZE * scale / len(unit)) + tail + "\n"


def unclosed_tags(scale: float) -> str:
    return repeated("<b>", scale, head="text ")


def one_closing_tag(scale: float) -> str:
    return repeated("<b>", scale, head="text ", tail="</b>")


def unclosed_distinct_tags(scale: float) -> str:
    count = int(HOSTILE_SIZE * scale / 8)
    return IMPORTS + "\n# Hostile\n\ntext " + "".join(f"<x{i}>" for i in range(count)) + "\n"


def unclosed_comments(scale: float) -> str:
    return repeated("<!-- ", scale, head="text ")


def unclosed_braces(scale: float) -> str:
    return repeated("<a x={ ", scale, head="text ")


def unclosed_brace_lines(scale: float) -> str:
    return repeated("<a x={\n", scale)


def short_paragraphs(scale: float) -> str:
    """Plain Markdown with a node for every few bytes: what Sphinx's read costs with no MDX in it."""
    return repeated("word x\n\n", scale)


def imports_without_from(scale: float) -> str:
    return "import " * int(HOSTILE_SIZE * scale / 7) + "\n\n# Hostile\n"


def jsx_in_attributes(scale: float) -> str:
    depth = int(HOSTILE_SIZE * scale / 34)
    return IMPORTS + "\n# Hostile\n\n" + "<Tooltip trigger={" * depth + "deep" + "}>body</Tooltip>" * depth + "\n"


def deep_literal(scale: float) -> str:
    depth = int(HOSTILE_SIZE * scale / 2)
    literal = "[" * depth + "]" * depth
    return IMPORTS + f"\n# Hostile\n\n<PointsOfInterest points={{{literal}}}>\n\ncontent\n\n</PointsOfInterest>\n"


def deep_blockquotes(scale: float) -> str:
    return repeated(">" * 200 + " quoted words\n\n", scale)


def huge_literal(scale: float) -> str:
    count = int(HOSTILE_SIZE * scale / 60)
    points = ", ".join(f'{{x: {i % 100}, y: {i % 97}, label: {i}, description: "point {i}"}}' for i in range(count))
    return IMPORTS + f"\n# Hostile\n\n<PointsOfInterest points={{[{points}]}}>\n\ncontent\n\n</PointsOfInterest>\n"


SHAPES: dict[str, Callable[[float], str]] = {
    "5 MB page": page, "nesting 1,000 deep": nesting, "10,000 tooltips": tooltips,
    "unclosed <b>": unclosed_tags, "<b>s, one </b>": one_closing_tag, "unclosed <x1><x2>": unclosed_distinct_tags,
    "unclosed <!--": unclosed_comments, "text <a x={": unclosed_braces, "lines <a x={": unclosed_brace_lines,
    "import import": imports_without_from, "JSX in attributes": jsx_in_attributes, "literal [[[ deep": deep_literal,
    "blockquotes 200 deep": deep_blockquotes, "huge literal": huge_literal, "short paragraphs": short_paragraphs,
}


def interleaved_medians(runs: int, actions: dict[Hashable, tuple[Callable[[], object], Callable[[], object]]]) -> dict:
    """Each action's median time (its preparation untimed); the actions take turns, so drift falls on all."""
    times: dict[Hashable, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, (action, prepare) in actions.items():
            prepare()
            start = time.perf_counter()
            action()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(found) for name, found in times.items()}


def median_seconds(action: Callable[[], object], runs: int, prepare: Callable[[], object] = lambda: None) -> float:
    return interleaved_medians(runs, {None: (action, prepare)})[None]


def mdx_markdown_it() -> MarkdownIt:
    """markdown-it with our MDX rules, as the Sphinx parser sets it up (the first ``_ext`` on sys.path's)."""
    from sphinx_mdx.components import COMPONENTS, INLINE_COMPONENTS
    from sphinx_mdx.html import INLINE_NAMES
    from sphinx_mdx.syntax import mdx_plugin

    return MarkdownIt("commonmark").enable("table").use(mdx_plugin, INLINE_COMPONENTS | INLINE_NAMES, COMPONENTS)


def parse_seconds(source: str, runs: int, md: MarkdownIt | None = None) -> float:
    md = md or mdx_markdown_it()
    return median_seconds(lambda: md.parse(source), runs)


def read_seconds(source: str, runs: int, project: Path = PROJECT) -> float:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "conf.py").write_text('extensions = ["sphinx_mdx"]\nsuppress_warnings = ["mdx"]\n', encoding="utf-8")
        (root / "index.md").write_text(source, encoding="utf-8")
        command = [sys.executable, "-m", "sphinx", "-b", "dummy", "-E", "-q", str(root), str(root / "out")]
        env = {**os.environ, "PYTHONPATH": str(project / "_ext")}
        return median_seconds(lambda: subprocess.run(command, env=env, check=True, capture_output=True), runs)


def measure(kind: str, shape: str, scale: float, runs: int, project: Path) -> dict:
    """One measurement, in this process: seconds and the peak memory of the process that did the work."""
    sys.path.insert(0, str(project / "_ext"))
    source = SHAPES[shape](scale)
    if kind in ("parse", "mdit"):
        seconds = parse_seconds(source, runs, MarkdownIt("commonmark").enable("table") if kind == "mdit" else None)
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    else:
        seconds = read_seconds(source, runs, project)
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"size": len(source), "seconds": seconds, "mb": peak_kb / 1024}


def measured(kind: str, shape: str, scale: float, args: argparse.Namespace) -> dict | str:
    """:func:`measure` in a process (and group, so a timeout stops Sphinx too) of its own; or why it has
    no result: stopped after --timeout seconds, or crashed (a RecursionError, say)."""
    command = [sys.executable, __file__, "--measure", kind, shape, str(scale), "--runs", str(args.runs),
               "--project", str(args.project)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                               text=True)
    try:
        output, _ = process.communicate(timeout=args.timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return f"> {args.timeout:g}"
    return json.loads(output) if process.returncode == 0 else "crashed"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("parse", "mdit", "read"),
                        help="measure the MDX parse, markdown-it's alone, or Sphinx's read, only")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (the median is shown)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a measurement is stopped")
    parser.add_argument("--shape", action="append", choices=list(SHAPES), help="a shape to measure, "
                        "as many times as wanted (default: all)")
    parser.add_argument("--scales", default="1,2,4,8", help="comma-separated scales (default: 1,2,4,8)")
    parser.add_argument("--project", type=Path, default=PROJECT, help="the project whose _ext is measured")
    parser.add_argument("--measure", nargs=3, metavar=("KIND", "SHAPE", "SCALE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        kind, shape, scale = args.measure
        print(json.dumps(measure(kind, shape, float(scale), args.runs, args.project.resolve())))
        return 0
    shapes = args.shape or list(SHAPES)
    kinds = [args.only] if args.only else ["parse", "mdit", "read"]
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; medians of {args.runs} runs; "
          f"project: {args.project}; stopped after {args.timeout:g} s")
    print(f"{'shape':<22} {'scale':>5} {'size':>10}" + "".join(
        f" {kind + ' s':>9} {'x 1x':>6} {kind + ' MB':>8}" for kind in kinds))
    for shape in shapes:
        first: dict[str, float] = {}
        stopped: dict[str, str] = {}
        for scale in (float(scale) for scale in args.scales.split(",")):
            row = f"{shape:<22} {scale:>4g}x {len(SHAPES[shape](scale)):>10,}"
            for kind in kinds:
                result = stopped.get(kind) or measured(kind, shape, scale, args)
                if isinstance(result, str):
                    if result.startswith(">"):
                        stopped[kind] = result  # a larger input would take longer still
                    row += f" {result:>9} {'':>6} {'':>8}"
                    continue
                first.setdefault(kind, result["seconds"])
                row += f" {result['seconds']:>9.3f} {result['seconds'] / first[kind]:>6.1f} {result['mb']:>8.0f}"
            print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
