"""Python's cycle collector kept off work that frees nothing: while a build runs, in forked workers, and at exit.

The build. A build keeps most of what it makes until it ends: the environment of every page read,
which the main process merges from each reader, and while writing, every page it unpickles and
resolves, which lives until a writer has it. Collected every 700 allocations (Python's default), the
youngest generation held almost nothing to free, and the full passes it led to walked the whole
environment each time: on 1,005 pages, 4 to 5 s of the 10 to 11 s that resolving took, in the one
process every writer waits for. From the start of reading to the build's end the youngest generation
is collected every 10,000 allocations, and a full collection is considered every 300,000 (after three
passes of the middle generation, not ten: ten kept 160 MB more garbage at the peak of those pages).
The build's end gives back the thresholds it found, to a process that may live on (not after an interrupt
with Ctrl-C, which ends the build without its ``build-finished``).

Workers. With ``-j``, Sphinx forks a process for each batch of pages it reads or writes. A worker
inherits its parent's heap: the environment of every page merged so far, and while writing, every
page waiting for a writer. Each full collection in the worker walked all of it, and by touching it
copied its memory pages: on a site of 1,005 pages, 13 s of the readers' time and 1 to 2 s for each
writer. The parent freezes its heap just before it forks and thaws it just after, as Python's ``gc``
documentation advises: a worker collects only what it makes; the parent is left as it was.

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
from sphinx.environment import BuildEnvironment

#: The collector's thresholds while a build runs (Python's default: 700, 10, 10): allocations between two
#: passes of the youngest generation, its passes between two of the middle one, and those between two
#: full collections considered.
BUILD_THRESHOLDS = (10_000, 10, 3)

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


def _collect_less_while_building(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if not hasattr(app, "mdx_gc_thresholds"):  # kept once, so that the build gives back what it found
        app.mdx_gc_thresholds = gc.get_threshold()
        gc.set_threshold(*BUILD_THRESHOLDS)


def _restore_thresholds(app: Sphinx, exception: BaseException | None) -> None:
    if hasattr(app, "mdx_gc_thresholds"):
        gc.set_threshold(*app.mdx_gc_thresholds)
        del app.mdx_gc_thresholds


def setup_collector(app: Sphinx) -> None:
    global _process_handlers_registered
    app.connect("env-before-read-docs", _collect_less_while_building)
    app.connect("build-finished", _restore_thresholds)
    if not _process_handlers_registered:
        os.register_at_fork(before=_freeze_before_fork, after_in_parent=_thaw_after_fork)
        atexit.register(gc.freeze)
        _process_handlers_registered = True
