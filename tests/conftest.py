"""Shared fixtures: Sphinx's testing fixtures, test roots, and tools that must exist under CI."""

from __future__ import annotations

import importlib
import os
import shutil
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "_ext"))

pytest_plugins = ["sphinx.testing.fixtures"]

collect_ignore = ["roots"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


def _missing(what: str) -> None:
    """Skip when something the test needs is absent; under CI=true, fail instead."""
    message = f"{what} is missing; `make test` installs it (see tools/system-deps.sh)"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (CI=true: a missing tool fails the test)")
    pytest.skip(message)


def require_commands(*commands: str) -> None:
    for command in commands:
        if shutil.which(command) is None:
            _missing(f"the command {command!r}")


def require_module(name: str):
    try:
        return importlib.import_module(name)
    except ImportError:
        _missing(f"the Python package {name!r}")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        _missing("Chromium")
    return path


def warnings_of(app, containing: str = "WARNING") -> list[str]:
    """The app's warning lines that contain ``containing``, colours stripped."""
    from sphinx.util.console import strip_colors

    return [line for line in strip_colors(app.warning.getvalue()).splitlines() if containing in line]


def copy_root(rootdir: Path, name: str, destination: Path) -> Path:
    """A copy of the test root ``test-<name>`` to build in ``destination``."""
    srcdir = destination / name
    shutil.copytree(rootdir / f"test-{name}", srcdir)
    return srcdir


def write_project(folder: Path, pages: dict[str, str | bytes], conf: str = "") -> Path:
    """``folder`` (made if need be) as a project of this extension: ``conf.py`` loads it, then ``conf``'s
    lines; ``pages`` maps each file's path in the folder to its text (or bytes, for broken encodings)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conf.py").write_text('extensions = ["sphinx_mdx"]\n' + conf, encoding="utf-8")
    for name, text in pages.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return folder


def write_images(*paths: Path) -> None:
    """A small red PNG at each of ``paths`` (folders made if need be)."""
    from PIL import Image

    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (40, 40), (200, 0, 0)).save(path, "PNG")


def build_app(rootdir: Path, name: str, builder: str, tmp_path_factory):
    """Build the test root ``test-<name>`` with ``builder`` for a module-scoped fixture.

    The caller calls ``app.cleanup()`` when done; tests use ``make_app``, which does it.
    """
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(builder, srcdir=copy_root(rootdir, name, tmp_path_factory.mktemp(builder)))
    app.build()
    return app


def sphinx_build(source: Path, outdir: Path, builder: str, *options: str, conf: Path | None = None):
    """Run sphinx-build as a user would (``-W --keep-going -n``); returns the finished process.

    ``builder`` ``latexpdf`` runs the make mode (``-M``) that ``make latexpdf`` runs.
    """
    import subprocess

    head = ["-M", builder, str(source), str(outdir)] if builder == "latexpdf" else [
        "-b", builder, str(source), str(outdir)]
    command = [sys.executable, "-m", "sphinx", *head, "-c", str(conf or source)]
    command += ["-W", "--keep-going", "-n", "-q", *options]
    env = {**os.environ, "PYTHONPATH": str(PROJECT / "_ext")}
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


@pytest.fixture(scope="session")
def site_html(tmp_path_factory) -> Path:
    """The project's own pages, built to HTML with its conf.py."""
    outdir = tmp_path_factory.mktemp("site") / "html"
    result = sphinx_build(PROJECT / "source", outdir, "html", conf=PROJECT)
    assert result.returncode == 0 and not result.stderr, result.stderr
    return outdir


@pytest.fixture(scope="session")
def components_html(rootdir, tmp_path_factory) -> Path:
    """The components test root, built to HTML with the Furo theme."""
    outdir = tmp_path_factory.mktemp("components") / "html"
    result = sphinx_build(rootdir / "test-components", outdir, "html")
    assert result.returncode == 0 and not result.stderr, result.stderr
    return outdir


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


def _serve(directory: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def browser(chromium_path):
    sync_api = require_module("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """``open_page(directory, path)``: a new tab on ``path`` served from ``directory``."""
    servers, contexts = [], []

    def open_(directory: Path, path: str):
        server = _serve(directory)
        servers.append(server)
        context = browser.new_context()
        contexts.append(context)
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/{path}")
        return page

    yield open_
    for context in contexts:
        context.close()
    for server in servers:
        server.shutdown()
