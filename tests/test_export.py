"""The Python side of the dataset: ``gipparse.export``, records, folders, worker processes,
``to_dataframe``."""

from __future__ import annotations

import errno
import os
import shutil
import sys
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import gipparse
from gipparse import pipeline as _pipeline
from gipparse.export.batch import _chunks, _widen_pipe
from gipparse.export.forked import RESULT_PIPE_SIZE
from gipparse.export.records import META_KEYS, expand_paths

SEEDS = gipparse.sample_paths()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of reports and of files that are not reports, nested, in no sorted order."""
    root = tmp_path / "corpus"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    shutil.copy(SEEDS[0], root / "b_000.txt")
    shutil.copy(SEEDS[4], root / "sub" / "deeper" / "004.TXT")
    shutil.copy(SEEDS[1], root / "sub" / "001.txt")
    (root / "a_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (root / "c_empty.txt").write_bytes(b"")
    (root / "d_prose.txt").write_text("这不是一份年度报告。\n只是两行文字。\n", encoding="utf-8")
    (root / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (root / ".hidden.txt").write_text("hidden\n", encoding="utf-8")
    (root / ".git" / "x.txt").write_text("inside .git\n", encoding="utf-8")
    return root


#: The reports and non-reports at the top of the corpus fixture, in walking order.
TOP_FILES = ["a_binary.txt", "b_000.txt", "c_empty.txt", "d_prose.txt"]


def _names(paths: list[str], root: Path) -> list[str]:
    return [Path(p).relative_to(root).as_posix() for p in paths]


def test_folders_are_walked_recursively_in_a_stable_order(corpus: Path) -> None:
    found = expand_paths([corpus], [".txt"])
    assert _names(found, corpus) == [*TOP_FILES, "sub/001.txt", "sub/deeper/004.TXT"]


def test_a_walk_orders_files_by_their_path_components(tmp_path: Path) -> None:
    """A folder's files come in the place of its name, among the files beside it: the
    order of a sort of every path by its components (not by the whole path as text,
    where ``a b/`` and ``a.b/`` would come before ``a/``)."""
    names = [
        "a/2.txt",
        "a/b/1.TXT",
        "a/b.txt",
        "a b/x.txt",
        "a.b/x.txt",
        "a.txt",
        "B/x.txt",
        "é/x.txt",
        "z/y/x/w.txt",
        "0.txt",
    ]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    found = _names(expand_paths([tmp_path], [".txt"]), tmp_path)
    assert found == sorted(names, key=lambda n: n.split("/"))
    assert found[:4] == ["0.txt", "B/x.txt", "a/2.txt", "a/b/1.TXT"]


def test_files_are_kept_as_given_whatever_their_suffix(corpus: Path) -> None:
    missing = str(corpus / "missing.txt")
    found = expand_paths([corpus / "notes.csv", missing, corpus / "sub"], [".txt"])
    assert found[:2] == [str(corpus / "notes.csv"), missing]
    assert _names(found[2:], corpus) == ["sub/001.txt", "sub/deeper/004.TXT"]


def _unlistable(monkeypatch: pytest.MonkeyPatch, *folders: Path) -> None:
    """Make *folders* fail to list, as a folder without read permission does (file
    permissions alone cannot show it to a test run as root)."""
    real = os.scandir
    refused = {str(f) for f in folders}

    def scandir(path: Any = ".") -> Any:
        if os.fspath(path) in refused:
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_folder_that_cannot_be_listed_gets_a_record_in_its_turn(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    _unlistable(monkeypatch, corpus / "sub")
    found = expand_paths([corpus], [".txt"])
    assert _names(found, corpus) == [*TOP_FILES, "sub"]
    records = list(gipparse.export(corpus, jobs=jobs))
    assert [r["path"] for r in records] == found
    assert records[1]["valid"] is True
    last = records[-1]
    assert last["stats"] == {}
    assert last["diagnostics"] == [
        {
            "code": "source.unreadable",
            "severity": "error",
            "message": "cannot read the folder: Permission denied",
            "line": None,
        }
    ]


def test_a_top_folder_that_cannot_be_listed_gets_a_record(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _unlistable(monkeypatch, corpus)
    assert expand_paths([corpus, SEEDS[0]], [".txt"]) == [str(corpus), str(SEEDS[0])]
    first, second = gipparse.export([corpus, SEEDS[0]])
    assert first["diagnostics"][0]["message"] == "cannot read the folder: Permission denied"
    assert second["valid"] is True


def test_export_yields_a_record_per_file_in_input_order(corpus: Path) -> None:
    records = list(gipparse.export([corpus, SEEDS[2]]))
    assert [r["path"] for r in records] == [*expand_paths([corpus], [".txt"]), str(SEEDS[2])]
    for record in records:
        assert list(record) == ["path", "meta", "stats", "valid", "diagnostics"]
        assert list(record["meta"]) == list(META_KEYS)
        for d in record["diagnostics"]:
            assert list(d) == ["code", "severity", "message", "line"]


def test_a_single_path_is_accepted(tmp_path: Path) -> None:
    [record] = gipparse.export(SEEDS[0])
    assert record == gipparse.to_record(gipparse.load(SEEDS[0]))
    [again] = gipparse.export(str(SEEDS[0]))
    assert again == record


def test_records_of_files_that_cannot_be_read(corpus: Path) -> None:
    records = {Path(r["path"]).name: r for r in gipparse.export(corpus)}
    for name, words in [
        ("a_binary.txt", "PNG image"),
        ("c_empty.txt", "empty"),
    ]:
        record = records[name]
        assert record["meta"] == dict.fromkeys(META_KEYS)
        assert record["stats"] == {}
        assert record["valid"] is False
        [d] = record["diagnostics"]
        assert d["code"] == "source.unreadable"
        assert d["severity"] == "error"
        assert d["line"] is None
        assert words in d["message"]
        assert not d["message"].startswith(str(corpus))  # the path is in the record already


def test_a_readable_file_that_is_not_a_report_says_so(corpus: Path) -> None:
    [record] = gipparse.export(corpus / "d_prose.txt")
    assert record["stats"] == {}
    assert record["valid"] is False
    assert record["meta"]["script"] == "hans"
    errors = [d for d in record["diagnostics"] if d["severity"] == "error"]
    assert errors, record["diagnostics"]


def test_missing_and_oversized_files(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    [record] = gipparse.export(missing)
    assert record["diagnostics"][0]["code"] == "source.unreadable"
    assert "cannot read" in record["diagnostics"][0]["message"]
    [record] = gipparse.export(SEEDS[0], max_size=100)
    assert record["diagnostics"][0]["code"] == "source.too-large"


def test_a_failure_inside_gipparse_is_recorded_and_the_batch_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = _pipeline.load

    def flaky(path: Any, **kwargs: Any) -> Any:
        if str(path) == str(SEEDS[1]):
            raise KeyError("boom")
        return real(path, **kwargs)

    monkeypatch.setattr(_pipeline, "load", flaky)
    records = list(gipparse.export(SEEDS[:3]))
    assert len(records) == 3
    [d] = records[1]["diagnostics"]
    assert d["code"] == "report.internal-error"
    assert "KeyError" in d["message"]
    assert records[2]["diagnostics"] == gipparse.to_record(real(SEEDS[2]))["diagnostics"]


def test_export_is_lazy(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded: list[str] = []
    real = _pipeline.load

    def counting(path: Any, **kwargs: Any) -> Any:
        loaded.append(str(path))
        return real(path, **kwargs)

    monkeypatch.setattr(_pipeline, "load", counting)
    records = gipparse.export(SEEDS)
    assert loaded == []
    next(records)
    assert loaded == [str(SEEDS[0])]


@pytest.mark.parametrize("jobs", [2, 0])
def test_worker_processes_give_the_same_records_in_the_same_order(corpus: Path, jobs: int) -> None:
    paths = [corpus, *SEEDS, *SEEDS]
    assert list(gipparse.export(paths, jobs=jobs)) == list(gipparse.export(paths, jobs=1))


def test_negative_jobs_are_refused() -> None:
    with pytest.raises(gipparse.GipparseError, match="jobs"):
        list(gipparse.export(SEEDS, jobs=-1))


@pytest.mark.parametrize(("total", "jobs"), [(2000, 2), (2000, 4), (37, 2), (3, 2), (1, 2)])
def test_chunks_cover_the_paths_in_order_and_end_one_report_at_a_time(
    total: int, jobs: int
) -> None:
    paths = [f"{i:05d}.txt" for i in range(total)]
    chunks = [list(c) for c in _chunks(paths, jobs)]
    assert [p for c in chunks for p in c] == paths
    sizes = [len(c) for c in chunks]
    assert max(sizes) <= 64
    assert sizes == sorted(sizes, reverse=True)  # never larger after a smaller one
    # The last chunks hold one report each, one for every process at least, so that the
    # processes end together.
    assert sizes[-min(jobs, total) :] == [1] * min(jobs, total)


def test_chunks_of_a_large_corpus_are_few() -> None:
    # Each chunk is a round trip through the main process: 2,000 reports for two
    # processes are 28 chunks of 64 and 19 ever smaller ones (66 when a chunk was a
    # quarter of what was left for each process rather than a half).
    sizes = [len(c) for c in _chunks([str(i) for i in range(2000)], 2)]
    assert sizes.count(64) == 28
    assert len(sizes) == 47


def test_the_result_pipe_holds_a_chunk_of_records() -> None:
    fcntl = pytest.importorskip("fcntl")
    if not hasattr(fcntl, "F_GETPIPE_SZ"):
        pytest.skip("pipe sizes are set on Linux only")
    import multiprocessing

    reader, writer = multiprocessing.Pipe(duplex=False)
    try:
        _widen_pipe(reader)  # from 64 KiB, the default with pages of 4 KiB
        with open("/proc/sys/fs/pipe-max-size", encoding="ascii") as f:
            allowed = int(f.read())
        size = fcntl.fcntl(reader.fileno(), fcntl.F_GETPIPE_SZ)
        assert size >= min(RESULT_PIPE_SIZE, allowed)
    finally:
        reader.close()
        writer.close()


def test_the_workers_of_a_batch_get_wide_result_pipes(monkeypatch: pytest.MonkeyPatch) -> None:
    fcntl = pytest.importorskip("fcntl")
    if not hasattr(fcntl, "F_GETPIPE_SZ"):
        pytest.skip("pipe sizes are set on Linux only")
    from gipparse.export import forked

    sizes: list[int] = []
    real = forked.widen_pipe

    def widen(fd: int) -> None:
        real(fd)
        sizes.append(fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ))

    monkeypatch.setattr(forked, "widen_pipe", widen)
    monkeypatch.setattr(forked, "usable", lambda: True)  # whatever threads other tests left
    assert len(list(gipparse.export(SEEDS, jobs=2))) == len(SEEDS)
    assert len(sizes) == 2  # one for each worker
    assert min(sizes) > 64 * 1024


def test_the_executor_of_a_batch_gets_the_wide_result_pipe(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fcntl = pytest.importorskip("fcntl")
    if not hasattr(fcntl, "F_GETPIPE_SZ"):
        pytest.skip("pipe sizes are set on Linux only")
    from gipparse.export import batch, forked

    sizes: list[int] = []

    def widen(end: Any) -> None:
        _widen_pipe(end)
        sizes.append(fcntl.fcntl(end.fileno(), fcntl.F_GETPIPE_SZ))

    monkeypatch.setattr(batch, "_widen_pipe", widen)
    monkeypatch.setattr(forked, "usable", lambda: False)  # as where fork is not safe
    assert len(list(gipparse.export(SEEDS, jobs=2))) == len(SEEDS)
    assert len(sizes) == 1
    assert sizes[0] > 64 * 1024


PLUGIN = """
from gipparse import Diagnostic, Severity, hookimpl

@hookimpl
def gipparse_source_suffixes():
    return [".rpt"]

@hookimpl
def gipparse_validate(report):
    return [Diagnostic(Severity.INFO, "demo.seen", "seen by the demo plugin")]
"""


def test_plugin_modules_reach_the_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "demo_export_plugin.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import demo_export_plugin  # type: ignore[import-not-found]

    folder = tmp_path / "in"
    folder.mkdir()
    for i, seed in enumerate(SEEDS):
        shutil.copy(seed, folder / f"{i}.rpt")
    shutil.copy(SEEDS[0], folder / "9.txt")
    for jobs in (1, 2):
        records = list(gipparse.export(folder, jobs=jobs, plugins=[demo_export_plugin]))
        assert [Path(r["path"]).name for r in records] == [
            "0.rpt",
            "1.rpt",
            "2.rpt",
            "3.rpt",
            "4.rpt",
            "9.txt",
        ]
        for record in records:
            assert "demo.seen" in [d["code"] for d in record["diagnostics"]]
    sys.modules.pop("demo_export_plugin", None)


# -- statistics in records ------------------------------------------------------------------


def test_record_stats_are_the_flat_statistics() -> None:
    for seed in SEEDS:
        report = gipparse.load(seed)
        record = gipparse.to_record(report)
        assert report.statistics is not None, seed.name
        flat = report.statistics.to_flat()
        assert record["stats"] == flat
        assert list(record["stats"]) == list(gipparse.schema_keys(report.statistics.template))
        assert record["valid"] is report.valid
        assert record["meta"]["template"] == report.statistics.template
        for key, value in record["stats"].items():
            assert value is None or type(value) is (Decimal if key.endswith(".amount") else int)


# -- pandas -----------------------------------------------------------------------------


def test_to_dataframe_without_pandas_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(gipparse.GipparseError, match="pip install pandas"):
        gipparse.to_dataframe([])


def test_to_dataframe_has_the_csv_columns_and_typed_values(corpus: Path) -> None:
    pd = pytest.importorskip("pandas")
    records = list(gipparse.export([*SEEDS, corpus / "c_empty.txt"]))
    frame = gipparse.to_dataframe(records)
    keys = gipparse.schema_keys(None)
    reason_columns = ["errors", "warnings", "first_error"]
    assert list(frame.columns) == ["path", *META_KEYS, "valid", *reason_columns, *keys]
    assert len(frame) == len(records)
    assert str(frame["valid"].dtype) == "boolean"
    assert str(frame["year"].dtype) == "Int64"
    for key in keys:
        assert str(frame[key].dtype) == ("Float64" if key.endswith(".amount") else "Int64")
    for i, record in enumerate(records):
        row = frame.iloc[i]
        assert row["path"] == record["path"]
        assert bool(row["valid"]) is record["valid"]
        errors = [d["code"] for d in record["diagnostics"] if d["severity"] == "error"]
        assert row["errors"] == len(errors)
        assert (row["first_error"] if errors else None) == (errors[0] if errors else None)
        for key in keys:
            value = record["stats"].get(key)
            if value is None:
                assert row[key] is pd.NA, key
            elif isinstance(value, Decimal):
                assert row[key] == float(value), key
            else:
                assert row[key] == value, key
    # Reports are accepted as well as records.
    again = gipparse.to_dataframe(gipparse.load(p) for p in SEEDS)
    assert again.equals(frame.iloc[: len(SEEDS)])


class _Count(int):
    """An int subclass, as a plugin's template might give."""


def test_the_fast_record_writer_writes_what_to_json_writes(corpus: Path) -> None:
    from gipparse.export.records import record_json

    records = list(gipparse.export([corpus, *SEEDS]))
    records.append(
        {
            "path": 'a"\\\n中',
            "meta": dict.fromkeys(META_KEYS),
            "stats": {"active.fees.amount": Decimal("1E+3"), "x\u2028": None, "y": -3},
            "valid": True,
            "diagnostics": [{"code": "c", "severity": "info", "message": "\x00", "line": 1}],
        }
    )
    # Amounts no float prints with the same digits take the slow path, and still agree.
    for text in [
        "0",
        "-0",
        "0.10",
        "1E+3",
        "120.0",
        "389.2431",
        "24252.311082",
        "1.0000000000000001",
    ]:
        record = dict(records[0], stats={"active.procurement.amount": Decimal(text)})
        records.append(record)
    # Stats values of every scalar type, keys that need escaping, and a value that is not
    # a scalar (written by the general path).
    odd_stats: list[dict[str, object]] = [
        {"a%s": 1, 'b"\\': None, "c": True, "d": False, "e": 1.5, "f": "中\n", "g": -0},
        {"a": gipparse.Severity.ERROR.value, "b": _Count(3), "c": Decimal("-0.50"), "d": 2**70},
        {"a": 1, "b": [1, 2]},
        {"a": 1, "b": {"c": Decimal("0.1")}},
        {},
    ]
    for stats in odd_stats:
        records.append(dict(records[0], stats=stats))
        records.append(dict(records[0], stats=stats, valid=False))
    for record in records:
        assert record_json(record) == gipparse.to_json(record)


def test_every_code_a_record_adds_is_declared(corpus: Path, tmp_path: Path) -> None:
    from gipparse.checks.catalogue import RECORD_CODES

    parsed = {
        d.code for p in [*SEEDS, corpus / "d_prose.txt"] for d in gipparse.load(p).diagnostics
    }
    records = [
        *gipparse.export([corpus, tmp_path / "missing.txt"]),
        *gipparse.export(SEEDS[0], max_size=10),
    ]
    added = {d["code"] for r in records for d in r["diagnostics"]} - parsed
    assert added == {"source.unreadable", "source.too-large", "report.no-statistics"}
    assert added <= set(RECORD_CODES)


def test_the_codes_of_an_unreadable_file_are_the_catalogue_s() -> None:
    from gipparse.checks.catalogue import RECORD_CODES
    from gipparse.export.records import NO_STATISTICS, UNREADABLE_CODES

    assert set(RECORD_CODES) - {NO_STATISTICS} == UNREADABLE_CODES


def test_a_plain_csv_line_is_what_csv_writes() -> None:
    import csv
    import io
    import random

    from gipparse.export.records import plain_csv_line

    rng = random.Random(7)
    pieces = ["a", "申请", "0", "", " ", ",", '"', "\r", "\n", "'", "\t", "\\", "=1", "x y"]
    rows = [[], [""], ["", ""], ["a"], [","], ["a", "", "b"]]
    rows += [
        ["".join(rng.choices(pieces, k=rng.randrange(0, 4))) for _ in range(rng.randrange(1, 6))]
        for _ in range(3000)
    ]
    plain = 0
    for fields in rows:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow(fields)
        line = plain_csv_line(fields)
        if line is not None:
            plain += 1
            assert line == buffer.getvalue(), fields
    assert plain > 500
