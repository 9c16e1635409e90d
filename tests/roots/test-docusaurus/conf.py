extensions = ["sphinx_mdx"]
root_doc = "index"
html_theme = "furo"
