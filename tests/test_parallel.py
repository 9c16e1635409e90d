"""How a build uses the machine: ``-j 2`` must write the same files as ``-j 1`` (the extension says
it is parallel safe), workers collect only what they make, the collector runs less often while the
build runs, and the process that built exits without collecting its heap."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

import pytest

from conftest import PROJECT, copy_root, sphinx_build


@pytest.mark.parametrize("root", ["test-components", "test-tree"])
def test_parallel_build_writes_identical_files(rootdir, tmp_path, root):
    outputs = {}
    for jobs in ("1", "2"):
        outdir = tmp_path / f"j{jobs}"
        result = sphinx_build(rootdir / root, outdir, "html", "-j", jobs)
        assert result.returncode == 0 and not result.stderr, result.stderr
        outputs[jobs] = {path.relative_to(outdir): path.read_bytes() for path in outdir.rglob("*")
                         if path.is_file() and ".doctrees" not in path.parts}
    assert len([path for path in outputs["1"] if path.suffix == ".html"]) > 5
    assert outputs["1"].keys() == outputs["2"].keys()
    different = [str(path) for path in outputs["1"] if outputs["1"][path] != outputs["2"][path]]
    assert different == []


#: Prints whether the heap is frozen in each worker Sphinx forks (as soon as it starts), once the build
#: has returned, and again at the very end of the process. The handlers are registered before Sphinx
#: starts, so the exit handler runs after the extension's.
FREEZE_PROBE = """
import atexit, gc, os, sys
from sphinx.cmd.build import main
os.register_at_fork(after_in_child=lambda: os.write(1, b"worker frozen: %r\\n" % (gc.get_freeze_count() > 0)))
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count() > 0))
status = main(sys.argv[1:])
print("frozen after the build:", gc.get_freeze_count() > 0)
sys.exit(status)
"""


def test_heap_is_frozen_in_workers_and_at_exit(rootdir, tmp_path):
    """A worker's collector walks only what the worker makes, and the process that built does not walk
    its heap again and again at exit; the heap of the process that made the application, which may
    live on (tests, a server), is left as it was."""
    command = [sys.executable, "-c", FREEZE_PROBE, "-q", "-j", "2", "-b", "html", str(rootdir / "test-components"),
               str(tmp_path / "html")]
    result = subprocess.run(command, capture_output=True, text=True, check=False,
                            env={**os.environ, "PYTHONPATH": str(PROJECT / "_ext")})
    assert result.returncode == 0, result.stderr
    *workers, after_build, at_exit = result.stdout.splitlines()
    assert len(workers) >= 2 and set(workers) == {"worker frozen: True"}  # readers and writers
    assert [after_build, at_exit] == ["frozen after the build: False", "frozen at exit: True"]


def test_collector_runs_less_often_while_pages_are_read_and_written(rootdir, tmp_path):
    """While pages are read and written the youngest generation is collected every 10,000 allocations,
    not 700; the build gives back the thresholds it found, to a process that may live on."""
    from sphinx.testing.util import SphinxTestApp

    from sphinx_mdx.collector import BUILD_THRESHOLDS

    before = gc.get_threshold()
    assert before != BUILD_THRESHOLDS
    app = SphinxTestApp("html", srcdir=copy_root(rootdir, "components", tmp_path))
    configured, read, written = gc.get_threshold(), [], []
    app.connect("doctree-read", lambda app, doctree: read.append(gc.get_threshold()))
    app.connect("html-page-context", lambda app, *args: written.append(gc.get_threshold()))
    try:
        app.build()
    finally:
        app.cleanup()
    assert configured == before  # making an application that never builds changes nothing
    assert read and set(read) == {BUILD_THRESHOLDS}
    assert written and set(written) == {BUILD_THRESHOLDS}
    assert gc.get_threshold() == before


def test_parallel_writing_forks_as_many_writers_as_jobs(rootdir, tmp_path):
    """With ``-j 2``, two writers (Sphinx forks ``N - 1``: the main process only resolves pages
    here, quickly); ``-j`` is given back as it was once the build is done, and ``-j 1`` writes in
    the one process, as before."""
    from sphinx.testing.util import SphinxTestApp

    writers = {}
    for jobs in (1, 2):
        app = SphinxTestApp("html", srcdir=copy_root(rootdir, "components", tmp_path / f"j{jobs}"), parallel=jobs)
        sphinx_write_parallel = app.builder._write_parallel

        def write_parallel(docnames, nproc, jobs=jobs, sphinx_write_parallel=sphinx_write_parallel):
            writers[jobs] = nproc
            sphinx_write_parallel(docnames, nproc)

        app.builder._write_parallel = write_parallel
        try:
            app.build()
        finally:
            app.cleanup()
        assert app.parallel == jobs
    assert writers == {2: 2}
