"""Python's cycle collector kept off work that frees nothing: in forked workers, while writing, and at exit.

Workers. With ``-j``, Sphinx forks a process for each batch of pages it reads or writes. A worker
inherits its parent's heap: the environment of every page merged so far, and while writing, every
page waiting for a writer. Each full collection in the worker walked all of it, and by touching it
copied its memory pages: on a site of 1,005 pages, 13 s of the readers' time and 1 to 2 s for each
writer. The parent freezes its heap just before it forks and thaws it just after, as Python's ``gc``
documentation advises: a worker collects only what it makes; the parent is left as it was.

Writing. The process that runs the build unpickles and resolves every page, and each page lives
until a writer has it: the collector's passes, every 700 allocations, found almost nothing to
free, and the full passes they led to walked the whole environment each time. On 1,005 pages
that was 4 to 5 s of the 10 to 11 s that resolving took, in the one process every writer waits
for. While writing, the collector runs every 10,000 allocations instead (peak memory 252 MB to
327 MB on those pages); the build's end gives back the thresholds it found.

Exit. At interpreter exit, Python clears every module and runs its cycle collector several times
over all that is left: Sphinx, docutils, the environment of every page. On a site of 1,000 pages
that took about a second after the build had finished, a third of a one-page rebuild. Freezing the
heap at exit moves it out of the collector's reach; the objects are still freed by reference
counting, and the operating system takes back the rest. Files Sphinx writes are closed by then,
and logging flushes its handlers in its own exit handler, which runs after this one.
"""

from __future__ import annotations

import atexit
import gc
import os

from sphinx.application import Sphinx
from sphinx.builders import Builder

#: Allocations between two passes of the youngest generation while pages are written (Python's default: 700).
WRITING_THRESHOLD = 10_000

#: Whether the heap was frozen for the fork under way (not if someone else had frozen it first).
_frozen_for_fork = False
#: Whether this process has the fork and exit handlers: once, however many applications it makes.
_process_handlers_registered = False


def _freeze_before_fork() -> None:
    global _frozen_for_fork
    _frozen_for_fork = gc.get_freeze_count() == 0
    if _frozen_for_fork:
        gc.freeze()


def _thaw_after_fork() -> None:
    if _frozen_for_fork:
        gc.unfreeze()


def _collect_less_while_writing(app: Sphinx, builder: Builder) -> None:
    if not hasattr(app, "mdx_gc_thresholds"):  # once per build, as writers.py raises -j
        app.mdx_gc_thresholds = gc.get_threshold()
        gc.set_threshold(WRITING_THRESHOLD, *app.mdx_gc_thresholds[1:])


def _restore_thresholds(app: Sphinx, exception: BaseException | None) -> None:
    if hasattr(app, "mdx_gc_thresholds"):
        gc.set_threshold(*app.mdx_gc_thresholds)
        del app.mdx_gc_thresholds


def setup_collector(app: Sphinx) -> None:
    global _process_handlers_registered
    app.connect("write-started", _collect_less_while_writing)
    app.connect("build-finished", _restore_thresholds)
    if not _process_handlers_registered:
        os.register_at_fork(before=_freeze_before_fork, after_in_parent=_thaw_after_fork)
        atexit.register(gc.freeze)
        _process_handlers_registered = True
