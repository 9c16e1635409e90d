"""Math that pdflatex would stop at, found before the book is written.

``trust.refused_tex`` keeps a page's math to the commands of formulas, but TeX's grammar is TeX's own:
``a^b^c``, an ``&`` in running text, ``\\\\`` inside ``\\text``... each is an error, and one error in
one page stops the whole book. So the LaTeX builder sets every formula of the book once, in a small
pdflatex run of its own (each formula in a box, after a marker in the log), before it writes the book:
a formula pdflatex complains about is shown as code instead, with an ``mdx.math`` warning at its line.
Only pages from untrusted authors are checked: trusted ones may use macros of the project's own
preamble, which the check does not have. Without pdflatex on the machine nothing is checked.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.math import wrap_displaymath

from .components.shared import ancestors
from .latex import character_declarations
from .latex_layout import equation_label, written_whole
from .trust import show_math_as_text, untrusted

#: The document each formula is set in: the packages of Sphinx's book that math meets (its font
#: encoding, colours, tables, links), and the book's handling of characters pdflatex has no glyph for.
_PREAMBLE = "\n".join([
    r"\documentclass{report}",
    r"\usepackage[T1]{fontenc}",
    r"\usepackage{amsmath,amssymb,amstext,xcolor,colortbl}",
    r"\usepackage[unicode]{hyperref}",
    r"\pagestyle{headings}",
    character_declarations(),
    r"\begin{document}",
])
_ERROR = re.compile(r"^! (.*)")
#: The most runs of pdflatex: an error that stops pdflatex ("TeX capacity exceeded") leaves the formulas
#: after it to the next run; those still unset after the last are rejected, unchecked.
MAX_RUNS = 10
#: Seconds all runs may take (a thousand formulas take about one): the formula pdflatex is setting when
#: they are up is rejected, and those after it are left unchecked.
TIMEOUT = 120


def as_latex(node: nodes.math | nodes.math_block, number_all: bool = False) -> str:
    """The formula as Sphinx's LaTeX writer writes it, where the book has it: in a heading (as part of
    the running head and the bookmarks too), in a table cell, or in a paragraph."""
    if isinstance(node, nodes.math):
        if any(isinstance(parent, nodes.title) for parent in ancestors(node)):
            return rf"\section{{\protect\({node.astext()}\protect\)}}\clearpage"
        formula = rf"\({node.astext()}\)"
    else:
        label = equation_label(node)
        if written_whole(node):
            formula = (rf"\label{{{label}}}" if label else "") + node.astext()
        else:
            formula = wrap_displaymath(node.astext(), label, number_all)
    if any(isinstance(parent, nodes.table) for parent in ancestors(node)):
        formula = rf"\begin{{tabular}}{{p{{4in}}}}{formula}\end{{tabular}}"
    return rf"\setbox0\vbox{{\hsize=6in\noindent {formula}\par}}"


def check_document(formulas: list[str], marker: str) -> str:
    lines = [_PREAMBLE]
    lines += [rf"\immediate\write-1{{{marker} {number}}}{formula}" for number, formula in enumerate(formulas)]
    lines.append(rf"\immediate\write-1{{{marker} end}}\end{{document}}")
    return "\n".join(lines) + "\n"


def errors_in_log(log: str, marker: str, count: int) -> tuple[dict[int, str], bool, int | None]:
    """Each of ``count`` formulas' first error, by its number; whether pdflatex got to the end; and
    the last formula it began. ``marker`` is new for each run, so no page can write one into the log."""
    line_of_marker = re.compile(rf"{re.escape(marker)} (\d+|end)")
    errors: dict[int, str] = {}
    current, finished = None, False
    for line in log.splitlines():
        if found := line_of_marker.fullmatch(line):
            finished = found.group(1) == "end"
            current = None if finished or int(found.group(1)) >= count else int(found.group(1))
        elif (error := _ERROR.match(line)) and current is not None:
            errors.setdefault(current, error.group(1).strip())
    return errors, finished, current


def rejected_formulas(formulas: list[str]) -> dict[int, str]:
    """The formulas pdflatex rejects, by their index, each with its first error."""
    pdflatex = shutil.which("pdflatex")
    rejected: dict[int, str] = {}
    if pdflatex is None or not formulas:
        return rejected
    remaining = list(range(len(formulas)))
    deadline = time.monotonic() + TIMEOUT
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(MAX_RUNS):
            marker = f"MDXMATH{secrets.token_hex(8)}"
            (Path(folder) / "check.tex").write_text(
                check_document([formulas[index] for index in remaining], marker), encoding="utf-8")
            try:
                subprocess.run([pdflatex, "-interaction=nonstopmode", "-draftmode", "-no-shell-escape", "check.tex"],
                               cwd=folder, capture_output=True, check=False,
                               timeout=max(deadline - time.monotonic(), 1),
                               env={**os.environ, "openin_any": "p", "shell_escape": "f"})
                timed_out = False
            except subprocess.TimeoutExpired:
                timed_out = True
            log_file = Path(folder) / "check.log"
            log = log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else ""
            errors, finished, last_begun = errors_in_log(log, marker, len(remaining))
            if timed_out and last_begun is not None:
                errors.setdefault(last_begun, f"TeX did not finish it in {TIMEOUT} s")
            rejected.update((remaining[number], error) for number, error in errors.items())
            if finished or timed_out or not errors:
                return rejected  # all set; out of time; or stopped before any formula: the book's run will say
            remaining = remaining[max(errors) + 1:]  # stopped early: set the formulas after the last error again
            if not remaining:
                return rejected
    rejected.update((index, f"pdflatex stopped {MAX_RUNS} times before it") for index in remaining)
    return rejected


class RejectedMath(SphinxPostTransform):
    """LaTeX, untrusted pages: a formula pdflatex rejects is shown as code, with a warning."""

    default_priority = 997  # after TallMath (995) wrote tall ones as the book has them; before LongCode (999)
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        if not untrusted(self.config):
            return
        math = list(self.document.findall(lambda node: isinstance(node, nodes.math | nodes.math_block)))
        formulas = [as_latex(node, self.config.math_number_all) for node in math]
        for index, error in sorted(rejected_formulas(formulas).items()):
            show_math_as_text(math[index], f"math LaTeX cannot set ({error}) is shown as text")


def setup_latex_math(app: Sphinx) -> None:
    app.add_post_transform(RejectedMath)
