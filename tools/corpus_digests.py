"""A fingerprint of how a content folder builds: the SHA-256 of each page's ``<article>`` HTML.

    python tools/corpus_digests.py path/to/content            # compare with the stored digests
    python tools/corpus_digests.py path/to/content --write    # store them (after a change meant to show)

The digests live in ``tests/fixtures/digests/<folder>.json``; ``tests/test_corpus.py`` compares,
so a change that alters how MDX v1 pages build shows up, page by page, until it is stored on purpose.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

PROJECT = Path(__file__).resolve().parent.parent
STORE = PROJECT / "tests" / "fixtures" / "digests"


def digests(content: Path, out: Path) -> dict[str, str]:
    """Build ``content`` as dirhtml with the project's conf.py; each page's article, hashed."""
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "dirhtml", "-c", str(PROJECT), "--keep-going",
                    str(content), str(out)], capture_output=True, check=False)
    found = {}
    for page in sorted(out.rglob("index.html")):
        name = page.parent.relative_to(out).as_posix()
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article")
        if article is not None and not name.startswith(("_", "genindex", "search")):
            found[name] = hashlib.sha256(str(article).encode()).hexdigest()
    return found


def changed(stored: dict[str, str], built: dict[str, str]) -> list[str]:
    return sorted(name for name in stored.keys() | built.keys() if stored.get(name) != built.get(name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--write", action="store_true", help="store the digests instead of comparing")
    args = parser.parse_args(argv)
    store = STORE / f"{args.content.resolve().name}.json"
    with tempfile.TemporaryDirectory() as out:
        built = digests(args.content.resolve(), Path(out))
    if args.write:
        store.parent.mkdir(parents=True, exist_ok=True)
        store.write_text(json.dumps(built, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{len(built)} pages stored in {store.relative_to(PROJECT)}")
        return 0
    differing = changed(json.loads(store.read_text(encoding="utf-8")), built)
    for name in differing:
        print(f"changed: {name}")
    print(f"{len(built)} pages, {len(differing)} changed")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
