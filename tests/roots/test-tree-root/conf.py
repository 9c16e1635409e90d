extensions = ["sphinx_mdx"]
project = "Rooted"
html_theme = "furo"
