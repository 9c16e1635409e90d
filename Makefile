# Build the docs and run the tests; on a fresh machine this sets everything up.
#   make html       build HTML into _build/html (creates .venv first)
#   make test       install what the tests need, then run them
# Point at another content folder with SOURCEDIR=path/to/content.

PYTHON     ?= python3
VENV       ?= .venv
SPHINXOPTS ?= -W --keep-going -n
SOURCEDIR  ?= source
BUILDDIR   ?= _build
BIN        := $(VENV)/bin
SPHINXBUILD = $(BIN)/sphinx-build -c . $(SPHINXOPTS)

CORPUS     ?= ../shared/corpus/librarium/dev
BENCHOPTS  ?=

.PHONY: help html dirhtml latex latexpdf linkcheck serve test fidelity mdx-diff bench clean system-deps

help:
	@echo "make html | dirhtml | latexpdf | linkcheck | serve | test | fidelity | mdx-diff | bench | clean"

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.docs-installed: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.tests-installed: tests/requirements.txt $(VENV)/.docs-installed
	$(BIN)/pip install --quiet -r tests/requirements.txt
	touch $@

html dirhtml latex linkcheck: $(VENV)/.docs-installed
	$(SPHINXBUILD) -b $@ "$(SOURCEDIR)" "$(BUILDDIR)/$@"

latexpdf: $(VENV)/.docs-installed
	$(BIN)/sphinx-build -M latexpdf "$(SOURCEDIR)" "$(BUILDDIR)" -c . $(SPHINXOPTS)

serve: $(VENV)/.tests-installed
	$(BIN)/sphinx-autobuild -c . $(SPHINXOPTS) --watch _ext --watch _static "$(SOURCEDIR)" "$(BUILDDIR)/serve"

system-deps:
	@bash tools/system-deps.sh

test: $(VENV)/.tests-installed system-deps
	$(BIN)/python -m pytest tests

# Build a content folder to HTML and PDF; report warnings, leaked markup and lost words.
fidelity: $(VENV)/.tests-installed system-deps
	$(BIN)/python tools/fidelity.py "$(CORPUS)"

# Compare each page of CORPUS with MDX v1's own rendering (npm installs MDX v1 outside the repository).
mdx-diff: $(VENV)/.docs-installed system-deps
	$(BIN)/python tools/mdx_diff.py "$(CORPUS)"

# Time a site of about 1,000 pages made from CORPUS: plain MyST against this project (tools/bench.py).
bench: $(VENV)/.docs-installed
	$(BIN)/python tools/bench.py --corpus "$(CORPUS)" $(BENCHOPTS)

clean:
	rm -rf "$(BUILDDIR)"
