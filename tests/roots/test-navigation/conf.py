extensions = ["sphinx_mdx"]
project = "Navigation docs"
html_theme = "furo"
