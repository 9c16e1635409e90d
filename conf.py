"""Sphinx configuration: MDX pages from librarium, built with MyST and Furo."""

import os
import sys
from pathlib import Path

import sphinx_copybutton

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Spectro Cloud docs"
author = "Spectro Cloud"
copyright = "Spectro Cloud"

extensions = ["sphinx_mdx", "sphinx_copybutton"]

root_doc = "index"
source_suffix = {".md": "markdown", ".mdx": "markdown"}
exclude_patterns = ["_build", ".venv", "Thumbs.db", ".DS_Store"]

myst_heading_anchors = 3

# A fence without a language is plain text (librarium defaulted to JSON).
highlight_language = "text"
# Copy the command, not the prompt.
copybutton_exclude = ".linenos, .gp, .go"
# No copy button on a block whose author said hideClipboard (Docusaurus pages).
copybutton_selector = "div:not(.mdx-no-copy) > div.highlight pre"

# Pages link to librarium URLs; those the project lacks go to the live site.
mdx_site_url = "https://docs.spectrocloud.com"

html_theme = "furo"
html_title = "Spectro Cloud docs"
# sphinx-copybutton adds its folder when the builder starts, after Sphinx has compared this
# configuration with the last build's; listed here too, every rebuild would otherwise say
# "The configuration has changed" (sphinx_mdx drops the second entry).
html_static_path = ["_static", str(Path(sphinx_copybutton.__file__).parent / "_static")]
html_css_files = ["site.css"]
# No "View this page" link to a copy of the page's source: an MDX page's source is its import lines and
# JSX, which a reader never sees (librarium linked to no source). It also spares copying every page.
html_copy_source = False
# On Read the Docs: canonical links to the published pages.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")

latex_engine = "pdflatex"
PDF_NAME = "spectro-cloud-docs.pdf"
latex_documents = [(root_doc, PDF_NAME.replace(".pdf", ".tex"), project, author, "manual")]
latex_elements = {
    # Times and Helvetica (TeX Gyre); for code txtt, Sphinx's default: heavier than Courier, never hyphenated
    "fontpkg": r"\usepackage{tgtermes}\usepackage{tgheros}\renewcommand{\ttdefault}{txtt}",
    # A manual read on screen or printed on one side: chapters open on the next page, never after a blank one
    "extraclassoptions": "openany,oneside",
}

if __name__ == "__main__" and sys.argv[1:] == ["--pdf-name"]:
    print(PDF_NAME)  # for .readthedocs.yaml, which copies the book and nothing else
