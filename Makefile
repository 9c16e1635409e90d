# Build the docs and run the tests; on a fresh machine this sets everything up.
#   make html       build HTML into _build/html (creates .venv first)
#   make test       install what the tests need, then run them
# Point at another content folder with SOURCEDIR=path/to/content.

PYTHON     ?= python3
VENV       ?= .venv
# -j auto: pages are read on every core (the same output, byte for byte).
SPHINXOPTS ?= -W --keep-going -n -j auto
SOURCEDIR  ?= source
# Each content folder builds into its own folder, so one site's pages never linger in another's.
BUILDDIR   ?= $(if $(filter source,$(SOURCEDIR)),_build,_build/$(notdir $(abspath $(SOURCEDIR))))
PORT       ?= 8000
# Tests run on every core; a module's tests stay on one worker, so its built site is built once.
PYTESTOPTS ?= -n auto --dist loadscope
BIN        := $(VENV)/bin
SPHINXBUILD = $(BIN)/sphinx-build -c . $(SPHINXOPTS)
# The Python the project needs, and the one .venv was made with (empty if none).
PYTHON_NEEDED := 3.11
VENV_PYTHON   := $(shell sed -n 's/^version[_info]* *= *\([0-9]*\.[0-9]*\).*/\1/p' $(VENV)/pyvenv.cfg 2>/dev/null | head -1)

CORPUS     ?= ../shared/corpus/librarium/dev
BENCHOPTS  ?=

.PHONY: help html dirhtml latex latexpdf linkcheck serve test fidelity mdx-diff bench clean system-deps python-check

help:
	@echo "make html | dirhtml | latexpdf | linkcheck | serve | test | fidelity | mdx-diff | bench | clean"

# Python 3.11 or newer, checked before anything is installed; a .venv made by another Python
# (an older clone, another machine) is made afresh.
$(BIN)/activate: python-check
	@if [ -n "$(VENV_PYTHON)" ] && [ "$(VENV_PYTHON)" != "$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')" ]; then \
	  echo "$(VENV) was made with Python $(VENV_PYTHON); making it again with $(PYTHON)"; rm -rf $(VENV); fi
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)

python-check:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "This project needs Python $(PYTHON_NEEDED) or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)." >&2; \
	  echo "Install python$(PYTHON_NEEDED) (python$(PYTHON_NEEDED)-venv on Debian and Ubuntu), then: make PYTHON=python$(PYTHON_NEEDED) ..." >&2; \
	  exit 1; }

$(VENV)/.docs-installed: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.tests-installed: tests/requirements.txt $(VENV)/.docs-installed
	$(BIN)/pip install --quiet -r tests/requirements.txt
	touch $@

# The extension's bytecode, compiled once after each edit, as pip compiles an installed package's:
# where Python may not write it (PYTHONDONTWRITEBYTECODE, as many CI and container images set), every
# build compiled the extension's modules again, 0.06 s of each build's start-up. The stamp lives with
# the bytecode (removing it compiles again) and follows the folders too (a file moved in, renamed or
# removed). A file that does not compile is reported, and the build reports it if it imports it.
EXT_COMPILED := _ext/sphinx_mdx/__pycache__/.make-compiled
$(EXT_COMPILED): $(shell find _ext -name '*.py' -o -type d -not -name __pycache__) | $(VENV)/.docs-installed
	-$(BIN)/python -m compileall -q _ext
	touch $@

html dirhtml latex linkcheck: $(VENV)/.docs-installed $(EXT_COMPILED)
	$(SPHINXBUILD) -b $@ "$(SOURCEDIR)" "$(BUILDDIR)/$@"

latexpdf: $(VENV)/.docs-installed $(EXT_COMPILED)
	$(BIN)/sphinx-build -M latexpdf "$(SOURCEDIR)" "$(BUILDDIR)" -c . $(SPHINXOPTS)

# Live preview with librarium's URLs (dirhtml), on PORT; warnings are shown, never stop the preview.
serve: $(VENV)/.serve-installed $(EXT_COMPILED)
	@$(BIN)/python -c 'import socket, sys; s = socket.socket(); s.bind(("127.0.0.1", $(PORT)))' 2>/dev/null || { \
	  echo "Port $(PORT) is in use; try: make serve PORT=$$(( $(PORT) + 1 ))" >&2; exit 1; }
	$(BIN)/sphinx-autobuild -c . -b dirhtml --keep-going -n --port $(PORT) --watch _ext --watch _static \
	  "$(SOURCEDIR)" "$(BUILDDIR)/serve"

# Only what the preview needs beyond the docs: sphinx-autobuild, at the version the tests pin.
$(VENV)/.serve-installed: tests/requirements.txt $(VENV)/.docs-installed
	$(BIN)/pip install --quiet "$$(grep -i '^sphinx-autobuild==' tests/requirements.txt)"
	touch $@

system-deps:
	@bash tools/system-deps.sh

test: $(VENV)/.tests-installed system-deps
	$(BIN)/python -m pytest $(PYTESTOPTS) tests

# Build a content folder to HTML and PDF; report warnings, leaked markup and lost words.
fidelity: $(VENV)/.tests-installed system-deps
	$(BIN)/python tools/fidelity.py "$(CORPUS)"

# Compare each page of CORPUS with its MDX's own rendering (MDX v1 or MDX 3, by the folder's flavour;
# npm installs them outside the repository).
mdx-diff: $(VENV)/.docs-installed system-deps
	$(BIN)/python tools/mdx_diff.py "$(CORPUS)"

# Time a site of about 1,000 pages made from CORPUS: plain MyST against this project (tools/bench.py).
bench: $(VENV)/.docs-installed $(EXT_COMPILED)
	$(BIN)/python tools/bench.py --corpus "$(CORPUS)" $(BENCHOPTS)

clean:
	rm -rf "$(BUILDDIR)"
