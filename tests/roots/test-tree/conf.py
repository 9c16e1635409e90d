extensions = ["sphinx_mdx"]
project = "Tree docs"
html_theme = "furo"
