"""As many writer processes as ``-j`` asks for, where Sphinx forks one fewer.

Sphinx writes in parallel by keeping its main process for what must happen in one place (each
page is unpickled and resolved there, its images and search words collected) and forking
``N - 1`` writers, on the view that the main process is as busy as a writer. Here it is not: the
main process resolves a page in about 5 ms, and a writer takes about 15 ms to render it into Furo's
page. With ``-j 2`` on two cores, one writer wrote every page while the main process, done
resolving, waited for it: 0.9 s of the 1.6 s that writing 66 pages took. ``N`` writers keep ``N``
cores busy (the main process shares them while it resolves). Reading is left as Sphinx does it:
``N`` readers, and the main process waits.

The build's end gives back the number it found, for a process that builds again (tests, servers).
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.builders import Builder


def _one_writer_per_process(app: Sphinx, builder: Builder) -> None:
    """Sphinx forks ``app.parallel - 1`` writers; counted one higher, that is the ``N`` asked for."""
    if app.parallel > 1 and not hasattr(app, "mdx_parallel_asked"):  # -j 1 writes in this process
        app.mdx_parallel_asked = app.parallel
        app.parallel += 1


def _restore_parallel(app: Sphinx, exception: BaseException | None) -> None:
    if hasattr(app, "mdx_parallel_asked"):
        app.parallel = app.mdx_parallel_asked
        del app.mdx_parallel_asked


def setup_writers(app: Sphinx) -> None:
    app.connect("write-started", _one_writer_per_process)
    app.connect("build-finished", _restore_parallel)
