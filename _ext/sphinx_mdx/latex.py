"""The LaTeX package of the extension, ``sphinxmdx.sty``, written with the LaTeX sources.

pdflatex stops at a character it has no glyph for, and librarium pages use
some (√ 169 times in the corpus, ✅, ❌, ⚠, Greek letters). The package gives
each of :data:`CHARACTERS` a rendering, and turns any other unknown
character into a visible marker with a LaTeX warning instead of an error.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

PACKAGE = "sphinxmdx"

_GREEK = "αβγδεζηθικλμνξοπρςστυφχψω"
_GREEK_NAMES = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi o pi rho "
                "varsigma sigma tau upsilon phi chi psi omega").split()

#: Characters pdflatex cannot typeset from UTF-8 on its own, and what stands in for them.
CHARACTERS: dict[str, str] = {
    "√": r"\ensuremath{\surd}",
    "✅": r"\ensuremath{\checkmark}",
    "☑": r"\ensuremath{\checkmark}",
    "❌": r"\ensuremath{\times}",
    "✗": r"\ensuremath{\times}",
    "✘": r"\ensuremath{\times}",
    "★": r"\ensuremath{\star}",
    "⚠": r"\textbf{(!)}",
    "\ufe0f": "",  # emoji presentation selector: nothing to show
    **{letter: (r"\textit{o}" if name == "o" else rf"\ensuremath{{\{name}}}") for letter, name in zip(_GREEK, _GREEK_NAMES, strict=True)},
}


def package_text() -> str:
    declarations = "\n".join(
        rf"\DeclareUnicodeCharacter{{{ord(char):04X}}}{{{latex}}}" for char, latex in CHARACTERS.items()
    )
    return rf"""% Written by the sphinx_mdx extension; see sphinx_mdx/latex.py.
\NeedsTeXFormat{{LaTeX2e}}
\ProvidesPackage{{{PACKAGE}}}[2026/11/25 MDX components for Sphinx]
% <u> in MDX pages
\expandafter\providecommand\csname DUrolemdx-u\endcsname[1]{{\underline{{#1}}}}
% Characters pdflatex has no glyph for
{declarations}
% Pages kept out of the navigation are appendices, often more than 26: number them
\makeatletter
\g@addto@macro\appendix{{\renewcommand{{\thechapter}}{{\arabic{{chapter}}}}}}
% Any other: a visible marker and a warning, never a failed PDF
\def\UTFviii@undefined@err#1{{\PackageWarning{{{PACKAGE}}}{{no glyph for a character; shown as [?]}}[?]}}
\makeatother
"""


def write_package(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "latex":
        (Path(app.builder.outdir) / f"{PACKAGE}.sty").write_text(package_text(), encoding="utf-8")


def setup_latex(app: Sphinx) -> None:
    app.add_latex_package(PACKAGE)
    app.connect("build-finished", write_package)
