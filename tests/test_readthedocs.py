"""The Read the Docs build, run as Read the Docs runs it: a fresh virtual environment with the
requirements of ``.readthedocs.yaml``, then each command of its build jobs in its own shell, from
the checkout, with ``READTHEDOCS_OUTPUT`` and ``READTHEDOCS_CANONICAL_URL`` set."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import PROJECT, require_commands

CANONICAL = "https://docs.example.org/en/latest/"
#: What a checkout from git holds: not the local virtual environment, builds or caches.
NOT_IN_A_CHECKOUT = shutil.ignore_patterns(".git", ".venv", "_build", "__pycache__", ".pytest_cache")


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """What Read the Docs would publish: the contents of ``$READTHEDOCS_OUTPUT``."""
    require_commands("latexmk", "pdflatex")
    root = tmp_path_factory.mktemp("readthedocs")
    checkout = root / "checkout"
    shutil.copytree(PROJECT, checkout, ignore=NOT_IN_A_CHECKOUT)
    config = yaml.safe_load((checkout / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["build"]["tools"]["python"] == f"{sys.version_info.major}.{sys.version_info.minor}"

    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}", "READTHEDOCS": "True",
           "READTHEDOCS_OUTPUT": str(checkout / "_readthedocs"), "READTHEDOCS_CANONICAL_URL": CANONICAL}
    env.pop("PYTHONPATH", None)
    for install in config["python"]["install"]:
        _run(f"python -m pip install --quiet -r {install['requirements']}", checkout, env)
    for job in ["html", *config["formats"]]:  # Read the Docs builds HTML, then each format asked for
        for command in config["build"]["jobs"]["build"][job]:
            _run(command, checkout, env)
    return checkout / "_readthedocs"


def _run(command: str, cwd: Path, env: dict) -> None:
    result = subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


def test_pages_have_librarium_urls(published):
    html = published / "html"
    assert (html / "index.html").is_file()
    assert (html / "faq" / "index.html").is_file()
    assert not (html / "faq.html").exists()


def test_pages_link_their_canonical_url(published):
    page = BeautifulSoup((published / "html" / "faq" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("link", rel="canonical")["href"] == CANONICAL + "faq/"


def test_the_environment_is_not_published(published):
    leaked = [path for path in published.rglob("*") if path.name == ".doctrees" or path.suffix == ".pickle"]
    assert leaked == []


def test_the_pdf_folder_holds_the_book_alone(published):
    files = list((published / "pdf").iterdir())
    assert [path.name for path in files] == ["spectro-cloud-docs.pdf"]
    assert files[0].read_bytes().startswith(b"%PDF")
