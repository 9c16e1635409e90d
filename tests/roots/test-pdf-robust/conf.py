# The project's LaTeX settings (../../../conf.py), with reST pages too.
extensions = ["sphinx_mdx"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
latex_engine = "pdflatex"
latex_documents = [("index", "robust.tex", "Robust", "Tests", "manual")]
latex_elements = {"fontpkg": r"\usepackage{tgtermes}\usepackage{tgheros}\renewcommand{\ttdefault}{txtt}",
                  "extraclassoptions": "openany,oneside"}
