extensions = ["sphinx_mdx"]
html_theme = "furo"
