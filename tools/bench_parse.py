"""How parse time grows with input: 1x, 2x, 4x and 8x of three huge shapes.

    python tools/bench_parse.py [--no-sphinx] [--runs N]

Shapes at 8x: a 5 MB page of librarium-like MDX, JSX nested 1,000 deep, and 10,000
tooltips in one paragraph. For each it times the MDX parse (markdown-it with our
rules) and, unless --no-sphinx, Sphinx reading the page (parse, render to a
doctree, transforms) with the dummy builder; median of 3 runs (--runs). Linear growth
doubles the time with each doubling of the input.
"""

from __future__ import annotations

import argparse
import os
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

from sphinx_mdx.components import COMPONENTS, INLINE_COMPONENTS  # noqa: E402
from sphinx_mdx.html import INLINE_NAMES  # noqa: E402
from sphinx_mdx.syntax import mdx_plugin  # noqa: E402

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


def page(scale: int) -> str:
    """librarium-like MDX, 640 kB per unit of scale (5 MB at 8x)."""
    body, n = [IMPORTS, "\n# A huge page\n"], 0
    size = 0
    while size < 640_000 * scale:
        section = SECTION.format(n=n)
        body.append(section)
        size += len(section)
        n += 1
    return "".join(body)


def nesting(scale: int) -> str:
    depth = 125 * scale
    return IMPORTS + "\n# Deep\n\n" + "<InfoBox>\n\n" * depth + "deep words\n\n" + "</InfoBox>\n\n" * depth


def tooltips(scale: int) -> str:
    count = 1250 * scale
    return IMPORTS + "\n# Tooltips\n\n" + " ".join(
        f'word{i} <Tooltip trigger="t{i}">body {i}</Tooltip>' for i in range(count)) + "\n"


SHAPES = {"5 MB page": page, "nesting 1,000 deep": nesting, "10,000 tooltips": tooltips}


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
    """markdown-it with our MDX rules, as the Sphinx parser sets it up."""
    return MarkdownIt("commonmark").enable("table").use(mdx_plugin, INLINE_COMPONENTS | INLINE_NAMES, COMPONENTS)


def parse_seconds(source: str, runs: int) -> float:
    md = mdx_markdown_it()
    return median_seconds(lambda: md.parse(source), runs)


def read_seconds(source: str, runs: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "conf.py").write_text('extensions = ["sphinx_mdx"]\nsuppress_warnings = ["mdx"]\n', encoding="utf-8")
        (root / "index.md").write_text(source, encoding="utf-8")
        command = [sys.executable, "-m", "sphinx", "-b", "dummy", "-E", "-q", str(root), str(root / "out")]
        env = {**os.environ, "PYTHONPATH": str(PROJECT / "_ext")}
        return median_seconds(lambda: subprocess.run(command, env=env, check=True, capture_output=True), runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-sphinx", action="store_true", help="time the MDX parse only")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (the median is shown)")
    args = parser.parse_args(argv)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; medians of {args.runs} runs")
    print(f"{'shape':<20} {'scale':>5} {'size':>10} {'parse s':>9} {'x 1x':>6}" +
          ("" if args.no_sphinx else f" {'read s':>8} {'x 1x':>6}"))
    for name, make in SHAPES.items():
        first_parse = first_read = None
        for scale in (1, 2, 4, 8):
            source = make(scale)
            parse = parse_seconds(source, args.runs)
            first_parse = first_parse or parse
            row = f"{name:<20} {scale:>4}x {len(source):>10,} {parse:>9.3f} {parse / first_parse:>6.1f}"
            if not args.no_sphinx:
                read = read_seconds(source, args.runs)
                first_read = first_read or read
                row += f" {read:>8.2f} {read / first_read:>6.1f}"
            print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
