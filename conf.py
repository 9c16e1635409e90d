"""Sphinx configuration: MDX pages from librarium, built with MyST and Furo."""

import sys
from pathlib import Path

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

# Pages link to librarium URLs; those the project lacks go to the live site.
mdx_site_url = "https://docs.spectrocloud.com"

html_theme = "furo"
html_title = "Spectro Cloud docs"
html_static_path = ["_static"]
html_css_files = ["site.css"]

latex_engine = "pdflatex"
latex_documents = [(root_doc, "spectro-cloud-docs.tex", project, author, "manual")]
latex_elements = {
    # Times and Helvetica (TeX Gyre); for code txtt, Sphinx's default: heavier than Courier, never hyphenated
    "fontpkg": r"\usepackage{tgtermes}\usepackage{tgheros}\renewcommand{\ttdefault}{txtt}",
    # A manual read on screen or printed on one side: chapters open on the next page, never after a blank one
    "extraclassoptions": "openany,oneside",
}
