"""npm packages the tools need, installed from a lock file into a cache folder, never into the repository.

    from npm_cache import install_locked
    node_modules = install_locked(PROJECT / "tools" / "axe", Path.home() / ".cache" / "sphinx-mdx" / "axe")

The folder of ``package.json`` and ``package-lock.json`` in the repository says what to install;
``npm ci`` installs exactly that into the cache folder when it has no ``node_modules`` yet or
its copy of the lock file differs from the repository's. Processes that ask at once (the tests'
workers) take turns, so one installs and the others find it installed.
"""

from __future__ import annotations

import fcntl
import shutil
import subprocess
from pathlib import Path

CACHE = Path.home() / ".cache" / "sphinx-mdx"


def install_locked(package: Path, install: Path) -> Path:
    """``install``'s ``node_modules``, installed from ``package``'s lock file when missing or out of date."""
    install.mkdir(parents=True, exist_ok=True)
    with open(install / ".install-lock", "w") as turn:
        fcntl.flock(turn, fcntl.LOCK_EX)
        return _install(package, install)


def _install(package: Path, install: Path) -> Path:
    lock = (package / "package-lock.json").read_text(encoding="utf-8")
    installed = install / "package-lock.json"
    if (install / "node_modules").is_dir() and installed.exists() and installed.read_text(encoding="utf-8") == lock:
        return install / "node_modules"
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(package / name, install / name)
    try:
        subprocess.run(["npm", "ci", "--prefix", str(install), "--ignore-scripts", "--no-audit", "--no-fund",
                        "--loglevel=error"], check=True, cwd=install)
    except BaseException:
        installed.unlink(missing_ok=True)  # a failed install is tried again next time
        raise
    return install / "node_modules"
