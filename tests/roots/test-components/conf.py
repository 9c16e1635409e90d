extensions = ["sphinx_mdx"]
html_theme = "furo"
root_doc = "index"
mdx_site_url = "https://docs.example.com"
latex_documents = [("index", "components.tex", "Components", "Tests", "manual")]
