extensions = ["sphinx_mdx"]
