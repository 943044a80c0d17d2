"""Reports read on a Dask cluster (``gipparse.dask``): a LocalCluster of two worker
processes reads the same table as ``gipparse.read_reports`` and ``gipparse.load``."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import gipparse

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def distributed() -> Any:
    """dask.distributed, imported when a test of this module first runs, not when tests
    are collected: importing dask installs importlib_metadata's distribution finder in
    place of the standard library's, after which gipparse reads entry points through
    importlib.metadata (rightly), which changes what the tests of other modules see."""
    why = 'needs dask: pip install "gipparse[dask]"'
    return pytest.importorskip("dask.distributed", reason=why)


@pytest.fixture(scope="module")
def client(distributed: Any) -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for i in range(3):
        for seed in gipparse.sample_paths():
            shutil.copy(seed, folder / f"{i}_{seed.name}")
    (folder / "sub").mkdir()
    (folder / "sub" / "broken.txt").write_bytes(b"\x00\x01binary")
    (folder / "sub" / "empty.txt").write_bytes(b"")
    return folder


def test_the_cluster_reads_the_statistics_load_reads(client: Any, corpus: Path) -> None:
    frame = gipparse.dask.read_reports(corpus, files_per_partition=4)
    assert frame.npartitions == 5  # 17 files
    table = frame.compute()
    # Two worker processes did the reading, not this one.
    assert len(client.scheduler_info()["workers"]) == 2
    paths = sorted(str(p) for p in corpus.rglob("*.txt"))
    assert sorted(table["path"]) == paths
    keys = gipparse.schema_keys()
    checked = 0
    for path, record in table.set_index("path").to_dict("index").items():
        if "sub" in Path(path).parts:
            assert not record["valid"]
            assert record["first_error"] == "source.unreadable"
            continue
        report = gipparse.load(path)
        assert report.statistics is not None
        flat = report.statistics.to_flat()
        assert record["valid"] == report.valid
        assert record["agency"] == report.metadata.agency
        assert record["year"] == report.metadata.year
        for key in keys:
            value = flat.get(key)
            if value is None:
                assert pd.isna(record[key]), (path, key)
            elif isinstance(value, Decimal):
                assert record[key] == pytest.approx(float(value)), (path, key)
            else:
                assert record[key] == value, (path, key)
            checked += value is not None
    assert checked > 1000


def test_the_cluster_table_is_the_in_process_table(client: Any, corpus: Path) -> None:
    pattern = str(corpus / "**" / "*.txt")
    on_cluster = gipparse.dask.read_reports(pattern, files_per_partition=3).compute()
    here = gipparse.read_reports(gipparse.dask.report_paths(pattern))
    pd.testing.assert_frame_equal(
        on_cluster.reset_index(drop=True), here.reset_index(drop=True), check_exact=True
    )


def test_parquet_written_by_the_cluster_reads_back_the_same(
    client: Any, corpus: Path, tmp_path: Path
) -> None:
    frame = gipparse.dask.read_reports(corpus, files_per_partition=6)
    frame.to_parquet(tmp_path / "stats.parquet", write_index=False)
    back = pd.read_parquet(tmp_path / "stats.parquet", dtype_backend="numpy_nullable")
    expected = frame.compute().reset_index(drop=True)
    assert list(back.columns) == list(expected.columns)
    assert back["path"].tolist() == expected["path"].tolist()
    key = "active.rules.made"
    assert back[key].tolist() == expected[key].tolist()
    stated = [gipparse.load(p).statistics for p in gipparse.sample_paths()]
    assert back[key].notna().sum() == 3 * sum(
        s is not None and s.get(key) is not None for s in stated
    )
    assert back[key].notna().sum() > 0


def test_no_files_is_an_empty_table_with_the_columns(distributed: Any, tmp_path: Path) -> None:
    frame = gipparse.dask.read_reports(tmp_path)
    table = frame.compute()
    assert len(table) == 0
    assert list(table.columns) == list(gipparse.to_dataframe([]).columns)
