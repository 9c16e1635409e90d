"""The extension says it is parallel safe: ``-j 2`` must write the same pages as ``-j 1``."""

from __future__ import annotations

from conftest import sphinx_build


def test_parallel_build_writes_identical_pages(rootdir, tmp_path):
    outputs = {}
    for jobs in ("1", "2"):
        outdir = tmp_path / f"j{jobs}"
        result = sphinx_build(rootdir / "test-components", outdir, "html", "-j", jobs)
        assert result.returncode == 0 and not result.stderr, result.stderr
        outputs[jobs] = {path.relative_to(outdir): path.read_bytes() for path in outdir.rglob("*.html")}
    assert len(outputs["1"]) > 5
    assert outputs["1"].keys() == outputs["2"].keys()
    different = [str(path) for path in outputs["1"] if outputs["1"][path] != outputs["2"][path]]
    assert different == []
