extensions = ["sphinx_mdx"]
root_doc = "index"
html_theme = "furo"
# Edition "Guides" is this test's: its pages live under /guides.
mdx_edition_paths = {"guides": "/guides"}
mdx_static_dirs = ["../static"]
