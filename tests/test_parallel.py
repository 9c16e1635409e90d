"""The extension says it is parallel safe: ``-j 2`` must write the same files as ``-j 1``."""

from __future__ import annotations

import pytest

from conftest import sphinx_build


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
