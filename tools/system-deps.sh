#!/usr/bin/env bash
# Install the system packages the tests need (LaTeX for the PDF, Chromium for the
# browser tests, poppler's pdftotext, Node and npm for tools/mdx_diff.py), when they
# are missing and we may: as root, or with password-less sudo. Otherwise print the
# exact command to run.
set -euo pipefail

# Only what is missing is installed: a machine whose Node comes from elsewhere (NodeSource's
# nodejs bundles npm and conflicts with Debian's npm) must not be asked to take Debian's.
missing=()
command -v latexmk >/dev/null || missing+=(latexmk)
command -v pdflatex >/dev/null || missing+=(texlive-latex-recommended texlive-fonts-recommended)
kpsewhich tgtermes.sty >/dev/null 2>&1 || missing+=(tex-gyre)
kpsewhich capt-of.sty pmboxdraw.sty >/dev/null 2>&1 || missing+=(texlive-latex-extra)
command -v chromium >/dev/null || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
install="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo="sudo"
else
  echo "Missing system packages (${missing[*]}). Install them with:" >&2
  echo "  sudo sh -c '$install'" >&2
  exit 0
fi
echo "Installing system packages for the tests: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
