"""Batches that one file cannot sink: names that are not UTF-8, hostile names and text in
the outputs, the output file itself, stalled and crashing workers, a full disk."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import random
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from tests.shapes import SHAPES

import gipparse

SEEDS = gipparse.sample_paths()
GBK_NAME = "报告".encode("gbk") + b".txt"  # b'\xb1\xa8\xb8\xe6.txt': not UTF-8


def run(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "gipparse", *map(str, args)],
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


def no_traceback(result: subprocess.CompletedProcess[bytes]) -> None:
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


@pytest.fixture
def gbk_folder(tmp_path: Path) -> Path:
    """A folder holding a report under a GBK name, as unzip leaves a Chinese archive."""
    folder = tmp_path / "unzipped"
    folder.mkdir()
    try:
        target = os.path.join(os.fsencode(folder), GBK_NAME)
        shutil.copyfile(SEEDS[0], target)
    except (OSError, UnicodeError):
        pytest.skip("this file system does not take names that are not UTF-8")
    return folder


# -- 1. names that are not UTF-8 ----------------------------------------------------------


def test_export_writes_a_gbk_name_losslessly_as_json(gbk_folder: Path) -> None:
    result = run("export", gbk_folder, "--format", "jsonl")
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.decode("utf-8").splitlines()
    assert "\\udcb1\\udca8\\udcb8\\udce6.txt" in line  # the bytes, as surrogate escapes
    record = json.loads(line)
    assert os.fsencode(record["path"]) == os.path.join(os.fsencode(gbk_folder), GBK_NAME)
    assert record["valid"] is True
    assert record["stats"]["active.licensing.decisions"] is not None


def test_export_writes_a_gbk_name_readably_as_csv(gbk_folder: Path) -> None:
    result = run("export", gbk_folder)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    header, row = read_csv(result.stdout)
    assert row[0].endswith("\\xb1\\xa8\\xb8\\xe6.txt")
    assert row[header.index("valid")] == "true"


def test_validate_and_parse_take_a_gbk_name(gbk_folder: Path) -> None:
    path = os.path.join(os.fsencode(gbk_folder), GBK_NAME)
    text = run("validate", gbk_folder)
    no_traceback(text)
    assert text.returncode == 0
    assert text.stdout.decode("utf-8").startswith("1 file: 1 valid")
    as_json = run("validate", gbk_folder, "--format", "json")
    no_traceback(as_json)
    assert json.loads(as_json.stdout)["summary"]["valid"] == 1
    parsed = subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"gipparse", b"parse", path],
        capture_output=True,
        timeout=120,
        check=False,
    )
    no_traceback(parsed)
    assert parsed.returncode == 0
    assert os.fsencode(json.loads(parsed.stdout)["path"]) == path


def test_validate_corpus_and_html_take_a_gbk_name(gbk_folder: Path, tmp_path: Path) -> None:
    """The corpus findings and the HTML page name the file as the CSV does; both died with
    a UnicodeEncodeError traceback. (The same report twice: a corpus.duplicate finding.)"""
    shutil.copyfile(SEEDS[0], gbk_folder / "copy.txt")
    text = run("validate", "--corpus", "--html", tmp_path / "page.html", gbk_folder)
    no_traceback(text)
    assert text.returncode == 0
    (finding,) = [x for x in text.stdout.decode("utf-8").splitlines() if "corpus.dup" in x]
    assert "\\xb1\\xa8\\xb8\\xe6.txt" in finding
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert "\\xb1\\xa8\\xb8\\xe6.txt" in page
    as_json = run("validate", "--corpus", "--format", "json", gbk_folder)
    no_traceback(as_json)
    (finding,) = json.loads(as_json.stdout)["corpus"]
    assert "\udcb1\udca8\udcb8\udce6.txt" in finding["message"]  # lossless, as the records


# -- 5. output safety ---------------------------------------------------------------------


def _report_named(folder: Path, name: str, agency: str | None = None) -> Path:
    text = SEEDS[0].read_text(encoding="utf-8")
    if agency is not None:
        found = gipparse.load(SEEDS[0]).metadata.agency
        assert found is not None
        text = text.replace(found, agency)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_cells_of_untrusted_text_cannot_start_a_formula(tmp_path: Path) -> None:
    _report_named(tmp_path, "=HYPERLINK(1).txt")
    _report_named(tmp_path, "a.txt", agency="-某某局")
    _report_named(tmp_path, "b.txt", agency="+1某某局")
    result = run("export", ".", cwd=tmp_path)
    no_traceback(result)
    header, *rows = read_csv(result.stdout)
    agency = header.index("agency")
    agencies = {row[agency] for row in rows}
    assert {"'+1某某局", "'-某某局"} <= agencies, agencies
    # Numbers are never touched: every statistic cell is empty or a plain number.
    for row in rows:
        assert all(cell == "" or cell.lstrip("-").replace(".", "").isdigit() for cell in row[7:])
    relative = read_csv(run("export", "=HYPERLINK(1).txt", cwd=tmp_path).stdout)
    assert relative[1][0] == "'=HYPERLINK(1).txt"


def test_formulas_are_neutralised_in_sheets_and_kept_in_data(tmp_path: Path) -> None:
    _report_named(tmp_path, "a.txt", agency="-某某局")
    for name in ("out.sqlite", "out.xlsx", "out.parquet"):
        no_traceback(run("export", "a.txt", "-o", name, cwd=tmp_path))
    # A spreadsheet may run a cell as a formula: xlsx is neutralised like the CSV.
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("agency") + 1).value == "'-某某局"
    # SQLite and Parquet are data: the text is kept as the report wrote it.
    con = sqlite3.connect(tmp_path / "out.sqlite")
    assert con.execute("SELECT agency FROM reports").fetchall() == [("-某某局",)]
    con.close()
    pq = pytest.importorskip("pyarrow.parquet")
    assert pq.read_table(tmp_path / "out.parquet").column("agency").to_pylist() == ["-某某局"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised_in_text_cells_only(start: str) -> None:
    from gipparse.export.records import csv_columns, csv_line, error_record

    record = error_record(f"{start}1+2.txt", gipparse.SourceError("x"))
    record["meta"]["agency"] = f"{start}cmd|' /C calc'!A0"
    record["meta"]["period"] = "2020-01-01/2020-12-31"
    record["stats"] = {"applications.new.total": -3}
    columns = csv_columns()
    (row,) = csv.reader(io.StringIO(csv_line(record), newline=""))
    assert row[0] == f"'{start}1+2.txt"
    assert row[columns.index("agency")] == f"'{start}cmd|' /C calc'!A0"
    assert row[columns.index("applications.new.total")] == "-3"


def test_terminal_escapes_in_a_name_are_not_echoed(tmp_path: Path) -> None:
    (tmp_path / "\x1b]0;owned\x07\x1b[2J.txt").write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    result = run("export", tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert b"\x1b" not in result.stderr
    assert b"\x07" not in result.stderr
    assert b"\\x1b]0;owned\\x07\\x1b[2J.txt" in result.stderr
    listed = run("validate", tmp_path)
    assert b"\x1b" not in listed.stdout
    assert b"\\x1b[2J" in listed.stdout


def test_the_checks_before_the_escaping_patterns_pass_no_character_they_escape() -> None:
    """Text is escaped by a pattern only after a cheap check (``str.isprintable``, a UTF-8
    encoding) finds something to escape: every character the patterns escape fails it."""
    from gipparse.export import safety

    escaped = [chr(c) for c in range(0x110000) if safety._unprintable_re().match(chr(c))]
    assert len(escaped) == 9 + 22 + 33 + 5 + 4 + 2048
    assert not any(c.isprintable() for c in escaped)
    surrogates = [chr(c) for c in range(0x110000) if safety._surrogate_re().match(chr(c))]
    assert len(surrogates) == 2048
    assert not any(safety._is_utf8(f"名{c}.txt") for c in surrogates)
    assert safety.readable_name("报告\udcb1.txt") == "报告\\xb1.txt"
    assert safety.readable_name("报告.txt") == "报告.txt"
    assert safety.printable("a\u202eb\tc") == "a\\u202eb\tc"
    assert safety.printable("报告 2020.txt") == "报告 2020.txt"


#: Each file a run writes: the command, and the options naming it (-o with a format, as
#: a report's name says none).
_OUTPUTS = [
    ("export", ("-f", "csv", "-o")),
    ("export", ("--diagnostics",)),
    ("validate", ("--html",)),
]


@pytest.mark.parametrize(("command", "option"), _OUTPUTS)
def test_an_output_naming_an_input_is_refused(
    tmp_path: Path, command: str, option: tuple[str, ...]
) -> None:
    report = tmp_path / "report.txt"
    shutil.copy(SEEDS[0], report)
    before = report.read_bytes()
    for output in (report, tmp_path / "." / "report.txt"):
        result = run(command, tmp_path, *option, output)
        no_traceback(result)
        assert result.returncode == 1
        assert b"is one of the inputs" in result.stderr
        assert report.read_bytes() == before


@pytest.mark.parametrize(("command", "option"), _OUTPUTS)
def test_an_existing_symlink_at_the_output_is_not_written_through(
    tmp_path: Path, command: str, option: tuple[str, ...]
) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me\n", encoding="utf-8")
    link = tmp_path / "out.csv"
    link.symlink_to(precious)
    result = run(command, SEEDS[0], *option, link)
    no_traceback(result)
    assert result.returncode == 1
    assert b"symbolic link" in result.stderr
    assert precious.read_text(encoding="utf-8") == "keep me\n"
    assert link.is_symlink()
    # A link to a device or a pipe (/dev/stdout is one) is still written to, in place.
    devnull = tmp_path / "null.csv"
    devnull.symlink_to(os.devnull)
    assert run(command, SEEDS[0], *option, devnull).returncode == 0
    assert devnull.is_symlink()
    assert not os.path.isfile(os.devnull)


def _records(*args: Any, **kwargs: Any) -> list[dict[str, Any]]:
    return list(gipparse.export(*args, **kwargs))


# -- 4. a full disk --------------------------------------------------------------------------


def _full_disk(monkeypatch: pytest.MonkeyPatch, after: int) -> None:
    """Make the output file fail with ENOSPC after *after* writes, as a full disk does."""
    import errno

    from gipparse.export import safety as _safety

    real = _safety.private_file

    def private_file(folder: str) -> tuple[int, str]:
        fd, path = real(folder)
        raw = os.fdopen(fd, "wb", buffering=0)
        written = 0

        class Full(io.RawIOBase):
            def writable(self) -> bool:
                return True

            def write(self, data: Any) -> int:
                nonlocal written
                written += 1
                if written > after:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                return raw.write(data)

            def close(self) -> None:
                raw.close()
                super().close()

        monkeypatch.setattr(os, "fdopen", lambda *a, **k: io.BufferedWriter(Full(), 16))
        return os.dup(raw.fileno()), path

    monkeypatch.setattr(_safety, "private_file", private_file)


@pytest.mark.parametrize("which", ["output", "diagnostics"])
@pytest.mark.parametrize("after", [0, 3])
def test_a_full_disk_is_a_clear_error_and_leaves_no_part_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    after: int,
    which: str,
) -> None:
    from gipparse.cli import main

    _full_disk(monkeypatch, after)
    if which == "output":
        found = tmp_path / "out.csv"
        outputs = ["-o", str(found)]
    else:
        found = tmp_path / "diagnostics.csv"
        outputs = ["-o", os.devnull, "--diagnostics", str(found)]
    status = main(["export", *map(str, SEEDS), *outputs])
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith(f"gipparse: error: cannot write {found}: No space left on device")
    assert "Traceback" not in err
    assert sorted(os.listdir(tmp_path)) == []


@pytest.mark.parametrize("fmt", ["sqlite", "parquet", "xlsx"])
def test_a_file_format_is_not_moved_onto_a_named_pipe(tmp_path: Path, fmt: str) -> None:
    # Moving the finished file onto the name would replace the pipe (and, run as root,
    # /dev/null itself): a database, a Parquet file or a workbook needs a regular file.
    pipe = tmp_path / f"out.{fmt}"
    os.mkfifo(pipe)
    result = run("export", SEEDS[0], "-f", fmt, "-o", pipe)
    no_traceback(result)
    assert result.returncode == 1
    assert b"it is a FIFO (named pipe)" in result.stderr
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert sorted(os.listdir(tmp_path)) == [pipe.name]


def test_the_diagnostics_are_written_into_a_named_pipe_in_place(tmp_path: Path) -> None:
    pipe = tmp_path / "diagnostics.fifo"
    os.mkfifo(pipe)
    received: list[bytes] = []
    # The reader opens first (without waiting for a writer), then reads until the end.
    fd = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    argv = ["export", str(SEEDS[1]), "-o", os.devnull, "--diagnostics", str(pipe)]
    process = subprocess.Popen([sys.executable, "-m", "gipparse", *argv], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            if process.poll() is not None:
                break
            time.sleep(0.01)
            continue
        if not chunk and process.poll() is not None:
            break
        received.append(chunk)
    os.close(fd)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    data = b"".join(received)
    assert data.startswith(b"\xef\xbb\xbfpath,code,severity,line,column,message\r\n")
    assert b"value.unit-converted" in data
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert sorted(os.listdir(tmp_path)) == [pipe.name]


@pytest.mark.parametrize("spelling", ["{}", "./{}", "sub/../{}"])
def test_the_output_and_the_diagnostics_cannot_be_one_file(tmp_path: Path, spelling: str) -> None:
    (tmp_path / "sub").mkdir()
    result = run(
        "export",
        SEEDS[0],
        "-o",
        "out.csv",
        "--diagnostics",
        spelling.format("out.csv"),
        cwd=tmp_path,
    )
    no_traceback(result)
    assert result.returncode == 1
    assert b"another output of this run; name two files" in result.stderr
    assert sorted(os.listdir(tmp_path)) == ["sub"]


def test_the_diagnostics_write_a_gbk_name_readably_and_losslessly(gbk_folder: Path) -> None:
    # Seed 001, which has diagnostics to write, under the GBK name.
    shutil.copyfile(SEEDS[1], os.path.join(os.fsencode(gbk_folder), GBK_NAME))
    as_csv, as_jsonl = gbk_folder.parent / "d.csv", gbk_folder.parent / "d.jsonl"
    for found in (as_csv, as_jsonl):
        result = run("export", gbk_folder, "-o", os.devnull, "--diagnostics", found)
        no_traceback(result)
        assert result.returncode == 0, result.stderr
    rows = read_csv(as_csv.read_bytes())
    assert rows[0] == ["path", "code", "severity", "line", "column", "message"]
    assert len(rows) > 1
    assert all(row[0].endswith("\\xb1\\xa8\\xb8\\xe6.txt") for row in rows[1:])
    lines = [json.loads(line) for line in as_jsonl.read_text("utf-8").splitlines()]
    assert len(lines) == len(rows) - 1
    assert {os.fsencode(line["path"]) for line in lines} == {
        os.path.join(os.fsencode(gbk_folder), GBK_NAME)
    }


def test_a_full_disk_on_dev_full_is_a_clear_error() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "gipparse", "export", "--samples"],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    no_traceback(result)  # type: ignore[arg-type]
    assert result.returncode == 1
    assert b"gipparse: error: cannot write stdout: No space left on device" in result.stderr


# -- 2 and 4. files that stall, workers that die, SIGTERM ------------------------------------

_MISBEHAVING = """
import hashlib
import os
import signal
import time

from gipparse import hookimpl


@hookimpl(tryfirst=True)
def gipparse_read_source(path, data):
    if os.environ.get("GIPPARSE_TEST_PIDS"):  # where the processes that read are listed
        with open(os.environ["GIPPARSE_TEST_PIDS"], "a") as f:
            print(os.getpid(), file=f)
    if data.startswith(b"KILL"):
        os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer does
    if data.startswith(b"EXIT"):
        os._exit(139)  # as a crash in a native library does
    if data.startswith(b"SLEEP"):
        time.sleep(float(data.split()[1]))
    if data.startswith(b"SPIN"):
        # Native code that runs for hours and never returns to Python: the budget's
        # alarm cannot interrupt it.
        hashlib.pbkdf2_hmac("sha256", b"x", b"y", 2**31 - 1)
    return None
"""


@pytest.fixture
def misbehaving(tmp_path: Path) -> dict[str, str]:
    """The environment of a gipparse with a plugin installed (by an entry point) that
    kills its process, sleeps or runs native code that does not return, on files that
    start with KILL, EXIT, SLEEP or SPIN."""
    site = tmp_path / "site"
    info = site / "gipparse_misbehaving-1.0.dist-info"
    info.mkdir(parents=True)
    (site / "gipparse_misbehaving.py").write_text(_MISBEHAVING, encoding="utf-8")
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: gipparse-misbehaving\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[gipparse]\nmisbehaving = gipparse_misbehaving\n", encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if k != "GIPPARSE_DISABLE_PLUGIN_AUTOLOAD"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), env.get("PYTHONPATH")]))
    return env


def _corpus(folder: Path, bad: dict[int, bytes], total: int = 12) -> list[str]:
    """*total* reports in *folder* named 00.txt, 01.txt..., those at the indices of *bad*
    replaced by its contents; their names, in order."""
    folder.mkdir()
    names = []
    for i in range(total):
        name = f"{i:02d}.txt"
        if i in bad:
            (folder / name).write_bytes(bad[i])
        else:
            shutil.copy(SEEDS[i % len(SEEDS)], folder / name)
        names.append(name)
    return names


def _jsonl(out: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.decode("utf-8").splitlines()]


@pytest.mark.parametrize("how", [b"KILL", b"EXIT"])
def test_a_worker_that_dies_costs_only_its_file(
    tmp_path: Path, misbehaving: dict[str, str], how: bytes
) -> None:
    folder = tmp_path / "corpus"
    names = _corpus(folder, {3: how, 9: how})
    result = run("export", folder, "--jobs", "2", "--format", "jsonl", env=misbehaving)
    no_traceback(result)
    assert result.returncode == 1
    records = _jsonl(result.stdout)
    assert [os.path.basename(r["path"]) for r in records] == names  # all, in order
    codes = [[d["code"] for d in r["diagnostics"] if d["severity"] == "error"] for r in records]
    for i, found in enumerate(codes):
        if i in (3, 9):
            assert found == ["report.worker-died"]
        else:
            assert records[i]["valid"] is True, (i, found)


def test_the_first_file_killing_its_process_costs_only_itself(
    tmp_path: Path, misbehaving: dict[str, str]
) -> None:
    # Each worker warms up on a sample of its own before its first chunk: the batch's
    # first file is read in a worker like any other.
    folder = tmp_path / "corpus"
    names = _corpus(folder, {0: b"KILL"}, total=6)
    result = run("export", folder, "--jobs", "2", "--format", "jsonl", env=misbehaving)
    no_traceback(result)
    assert result.returncode == 1
    records = _jsonl(result.stdout)
    assert [os.path.basename(r["path"]) for r in records] == names
    assert [d["code"] for d in records[0]["diagnostics"]] == ["report.worker-died"]
    assert all(r["valid"] for r in records[1:])


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_that_overruns_the_time_budget_gets_a_record(
    tmp_path: Path, misbehaving: dict[str, str], jobs: str
) -> None:
    folder = tmp_path / "corpus"
    names = _corpus(folder, {2: b"SLEEP 60"}, total=5)
    result = run(
        "export", folder, "--jobs", jobs, "--timeout", "1", "--format", "jsonl", env=misbehaving
    )
    no_traceback(result)
    records = _jsonl(result.stdout)
    assert [os.path.basename(r["path"]) for r in records] == names
    assert [d["code"] for d in records[2]["diagnostics"]] == ["report.timeout"]
    assert "time budget of 1 s" in records[2]["diagnostics"][0]["message"]
    assert [r["valid"] for i, r in enumerate(records) if i != 2] == [True] * 4


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers forked on Linux")
@pytest.mark.parametrize("command", ["export", "validate"])
def test_a_worker_stuck_in_native_code_is_stopped_and_its_file_gets_a_timeout(
    tmp_path: Path, misbehaving: dict[str, str], command: str
) -> None:
    folder = tmp_path / "corpus"
    names = _corpus(folder, {1: b"SPIN", 4: b"KILL"}, total=7)
    start = time.monotonic()
    if command == "export":
        argv = ["export", folder, "--format", "jsonl"]
    else:
        argv = ["validate", folder, "--corpus", "-f", "json"]
    result = run(*argv, "--jobs", "2", "--timeout", "0.5", env=misbehaving)
    elapsed = time.monotonic() - start
    no_traceback(result)
    assert result.returncode == 1
    out = result.stdout
    reports = _jsonl(out) if command == "export" else json.loads(out)["reports"]
    assert [os.path.basename(r["path"]) for r in reports] == names
    errors = [[d for d in r["diagnostics"] if d["severity"] == "error"] for r in reports]
    assert [d["code"] for d in errors[1]] == ["report.timeout"], errors[1]
    message = errors[1][0]["message"]
    assert "time budget of 0.5 s, in a call into native code" in message
    assert "stopped after 1 s of CPU time" in message
    # A death is still a death, not a timeout.
    assert [d["code"] for d in errors[4]] == ["report.worker-died"]
    assert [i for i, found in enumerate(errors) if found] == [1, 4]
    # Stopped twice (in its chunk, then read alone) at 1 s of CPU time each, not hours.
    assert elapsed < 30


def test_the_hard_limit_names_the_budget_and_a_death_stays_a_death() -> None:
    import signal

    from gipparse.export.batch import TimeBudgetError, WorkerDiedError, worker_lost

    stopped = worker_lost("a.pdf", signal.SIGPROF, 2)
    assert isinstance(stopped, TimeBudgetError)
    assert "time budget of 2 s" in str(stopped)
    assert "after 4 s of CPU time" in str(stopped)
    for signum in (signal.SIGKILL, signal.SIGSEGV, None):
        assert isinstance(worker_lost("a.pdf", signum, 2), WorkerDiedError)
    # Without a budget there is no hard limit: SIGPROF came from elsewhere.
    assert isinstance(worker_lost("a.pdf", signal.SIGPROF, None), WorkerDiedError)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_budget_longer_than_a_timer_can_hold_is_no_limit(tmp_path: Path, jobs: str) -> None:
    # setitimer refuses what time_t cannot hold: such a budget (and twice it, the hard
    # limit of a worker) is kept as the longest timer instead of failing every file.
    folder = tmp_path / "corpus"
    names = _corpus(folder, {}, total=4)
    result = run("export", folder, "--jobs", jobs, "--timeout", "1e12", "--format", "jsonl")
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    records = _jsonl(result.stdout)
    assert [os.path.basename(r["path"]) for r in records] == names
    assert all(r["valid"] for r in records)


@pytest.mark.parametrize("command", ["export", "validate"])
@pytest.mark.parametrize(
    ("variable", "value"), [("GIPPARSE_MAX_INPUT_SIZE", "abc"), ("GIPPARSE_MAX_MEMORY", "-3")]
)
def test_a_limit_that_is_no_number_is_one_error_not_a_record_per_file(
    tmp_path: Path, command: str, variable: str, value: str
) -> None:
    folder = tmp_path / "corpus"
    _corpus(folder, {}, total=3)
    env = {**os.environ, variable: value}
    result = run(command, folder, env=env)
    no_traceback(result)
    assert result.returncode == 1
    assert result.stdout == b""  # nothing written: no header, no record
    (line,) = result.stderr.decode("utf-8").splitlines()
    assert line.startswith(f"gipparse: error: {variable}={value!r}")


@pytest.mark.parametrize("max_size", [-5, "5"])
def test_a_size_limit_that_is_no_number_of_bytes_is_refused_at_the_call(max_size: Any) -> None:
    with pytest.raises((gipparse.GipparseError, TypeError), match="max_size"):
        gipparse.export(SEEDS[0], max_size=max_size)


@pytest.mark.parametrize("timeout", [-1, float("nan"), "5", True])
def test_a_timeout_that_is_no_number_of_seconds_is_refused_at_once(timeout: Any) -> None:
    with pytest.raises(gipparse.GipparseError, match="timeout must be"):
        gipparse.export(SEEDS[0], timeout=timeout)  # not iterated: refused at the call


def test_no_timeout_and_a_budget_too_long_for_a_timer_read_the_file() -> None:
    for timeout in (None, 0, 1e300, float("inf")):
        (record,) = gipparse.export(SEEDS[0], timeout=timeout)
        assert record["valid"] is True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers forked on Linux")
def test_more_jobs_than_files_forks_a_worker_a_file_at_most(
    tmp_path: Path, misbehaving: dict[str, str]
) -> None:
    folder = tmp_path / "corpus"
    names = _corpus(folder, {}, total=3)
    pids = tmp_path / "pids"
    env = {**misbehaving, "GIPPARSE_TEST_PIDS": str(pids)}
    result = run("export", folder, "--jobs", "100000", "--format", "jsonl", env=env)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert [os.path.basename(r["path"]) for r in _jsonl(result.stdout)] == names
    # Three workers (one a file), each warming up on a sample; the main process reads no
    # file.
    assert len(set(pids.read_text().split())) <= 3


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers forked on Linux")
def test_workers_that_cannot_be_started_are_a_clear_error(tmp_path: Path) -> None:
    import resource

    folder = tmp_path / "corpus"
    _corpus(folder, {}, total=40)

    def few_descriptors() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (48, 48))

    result = subprocess.run(
        [sys.executable, "-m", "gipparse", "export", str(folder), "--jobs", "30"],
        capture_output=True,
        preexec_fn=few_descriptors,  # (no thread runs in this process to be copied)
        timeout=120,
        check=False,
    )
    no_traceback(result)
    assert result.returncode == 1
    assert b"cannot start worker process" in result.stderr
    assert b"Too many open files (ask for fewer with --jobs)" in result.stderr


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("what", ["--corpus", "--html"])
def test_validate_with_jobs_survives_a_killed_worker_and_an_overrun(
    tmp_path: Path, misbehaving: dict[str, str], what: str
) -> None:
    folder = tmp_path / "corpus"
    names = _corpus(folder, {2: b"KILL", 6: b"SLEEP 60"}, total=9)
    pids = tmp_path / "pids"
    env = {**misbehaving, "GIPPARSE_TEST_PIDS": str(pids)}

    def validate(jobs: str) -> tuple[list[dict[str, Any]], str]:
        page = tmp_path / f"page{jobs}.html"
        extra = ["--html", str(page)] if what == "--html" else ["--corpus"]
        result = run(
            "validate", folder, *extra, "--jobs", jobs, "--timeout", "1", "-f", "json", env=env
        )
        no_traceback(result)
        assert result.returncode == 1
        reports = json.loads(result.stdout)["reports"]
        assert [os.path.basename(r["path"]) for r in reports] == names
        return reports, page.read_text("utf-8") if what == "--html" else ""

    reports, page = validate("2")
    for i, report in enumerate(reports):
        codes = [d["code"] for d in report["diagnostics"] if d["severity"] == "error"]
        assert codes == {2: ["report.worker-died"], 6: ["report.timeout"]}.get(i, []), i
    readers = {int(pid) for pid in pids.read_text().split()}
    # Two workers and one in place of the killed (each warms up on a sample; the main
    # process reads no file).
    assert len(readers) >= 3
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in readers):  # no worker left behind
        assert time.monotonic() < deadline, [pid for pid in readers if _alive(pid)]
        time.sleep(0.05)
    if what == "--html":
        for i, message in ((2, "worker process reading this file died"), (6, "time budget")):
            section = page.split(f'<section id="r{i + 1}"')[1].split("</section>")[0]
            assert section.startswith(' class="unreadable"'), section[:80]
            assert message in section
    # The others are what one process gives (the killing file would kill it: it is
    # replaced by one that cannot be read).
    (folder / names[2]).write_bytes(b"\x00\x01 not a report")
    alone, alone_page = validate("1")
    assert alone[6] == reports[6]
    assert [r for i, r in enumerate(alone) if i != 2] == [
        r for i, r in enumerate(reports) if i != 2
    ]
    if what == "--html":
        sections = page.split("<section ")
        alone_sections = alone_page.split("<section ")
        assert len(sections) == len(alone_sections) == 10
        assert [s for i, s in enumerate(sections) if i != 3] == [
            s for i, s in enumerate(alone_sections) if i != 3
        ]


def test_a_fifo_in_the_tree_is_skipped_with_a_record(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    folder = tmp_path / "corpus"
    _corpus(folder, {}, total=2)
    os.mkfifo(folder / "01a.txt")
    result = run("export", folder, "--format", "jsonl")  # the timeout is the hang detector
    no_traceback(result)
    records = _jsonl(result.stdout)
    assert len(records) == 3
    assert records[2]["path"].endswith("01a.txt")
    (diagnostic,) = records[2]["diagnostics"]
    assert diagnostic["code"] == "source.unreadable"
    assert "FIFO" in diagnostic["message"]


def test_sigterm_ends_the_workers_and_removes_the_partial_output(
    tmp_path: Path, misbehaving: dict[str, str]
) -> None:
    import signal
    import time

    folder = tmp_path / "corpus"
    _corpus(folder, {1: b"SLEEP 300", 2: b"SLEEP 300"}, total=4)
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "gipparse", "export", str(folder), "-j", "2", "-o", "o.csv"],
        cwd=out,
        env=misbehaving,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not os.listdir(out) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # the workers are asleep in the plugin by now
    assert os.listdir(out), "the run never started writing"
    process.send_signal(signal.SIGTERM)
    # communicate() returns once every holder of the pipes has closed them: workers too.
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 143, stderr
    assert b"Traceback" not in stderr
    assert b"terminated" in stderr
    assert os.listdir(out) == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_a_process_forked_under_the_sigterm_handler_just_ends_on_sigterm() -> None:
    # A worker forked while the command's handler is active (its pool's initializer not
    # yet run, or running) ends as SIGTERM's default would: no clean-up of the command,
    # no exception in the initializer for concurrent.futures to print.
    import signal
    import time

    from gipparse.cli import _terminated_as_exception

    read, write = os.pipe()
    with _terminated_as_exception():
        pid = os.fork()
        if pid == 0:  # the child: it must never leave this block
            try:
                os.close(read)
                os.write(write, b"ready")
                time.sleep(30)
                os._exit(0)
            except BaseException:
                os._exit(99)
        os.close(write)
        assert os.read(read, 5) == b"ready"
        os.close(read)
        os.kill(pid, signal.SIGTERM)
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 128 + signal.SIGTERM


# -- 6. plugins ------------------------------------------------------------------------------


def _plant_plugin(folder: Path, marker: Path) -> None:
    """A distribution's metadata and module in *folder*, whose import writes *marker*."""
    info = folder / "planted-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: planted\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[gipparse]\nplanted = planted_plugin\n")
    (folder / "planted_plugin.py").write_text(
        f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8"
    )


@pytest.mark.parametrize(
    "how",
    [
        ["-m", "gipparse", "plugins"],
        ["-c", "import gipparse; gipparse.load(gipparse.sample_paths()[0])"],
    ],
)
def test_a_dist_info_folder_in_the_current_directory_loads_nothing(
    tmp_path: Path, how: list[str]
) -> None:
    marker = tmp_path / "imported"
    _plant_plugin(tmp_path, marker)
    env = {k: v for k, v in os.environ.items() if k != "GIPPARSE_DISABLE_PLUGIN_AUTOLOAD"}
    result = subprocess.run(
        [sys.executable, *how], cwd=tmp_path, env=env, capture_output=True, timeout=120, check=False
    )
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert b"planted" not in result.stdout
    assert not marker.exists()
    # The same folder on PYTHONPATH is part of the environment: its plugin is loaded.
    env["PYTHONPATH"] = str(tmp_path)
    listed = subprocess.run(
        [sys.executable, "-m", "gipparse", "plugins"],
        cwd=tmp_path.parent,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert marker.exists(), listed.stderr


def test_the_slow_path_of_entry_points_reads_the_installed_environment_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gipparse import manager as _manager

    marker = tmp_path / "imported"
    _plant_plugin(tmp_path, marker)
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend("")
    monkeypatch.setattr(_manager, "_declared_entry_points", lambda: None)
    declared = _manager._declared_plugins()
    names = [name for pairs in declared.values() for name, _ in pairs]
    assert "planted" not in names
    for pairs in declared.values():
        _manager._load_entry_points(pairs)
    assert not marker.exists()


@pytest.mark.parametrize(("value", "off"), [("1", True), ("0", True), ("", False), (None, False)])
def test_autoload_is_off_when_the_variable_is_set_and_not_empty(
    monkeypatch: pytest.MonkeyPatch, value: str | None, off: bool
) -> None:
    from gipparse.manager import autoload_disabled

    if value is None:
        monkeypatch.delenv("GIPPARSE_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    else:
        monkeypatch.setenv("GIPPARSE_DISABLE_PLUGIN_AUTOLOAD", value)
    assert autoload_disabled() is off


def test_a_walk_with_autoload_off_says_what_it_skipped_and_why(tmp_path: Path) -> None:
    shutil.copy(SEEDS[0], tmp_path / "a.txt")
    for name in ("b.html", "c.htm", "d.docx", "e.pdf", "f.html", "g.ofd", "h.xls"):
        (tmp_path / name).write_bytes(b"x")
    env = dict(os.environ, GIPPARSE_DISABLE_PLUGIN_AUTOLOAD="1")
    result = run("export", tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.decode("utf-8").splitlines()
    assert lines[0] == (
        "gipparse: 2 .html skipped: installed plugins are not loaded "
        "(GIPPARSE_DISABLE_PLUGIN_AUTOLOAD is set), so gipparse-html is not used even if "
        "installed; unset it, or pass the plugin with plugins=[...]"
    )
    assert [line.split(":")[1].strip() for line in lines] == [
        "2 .html skipped",
        "1 .docx skipped",
        "1 .htm skipped",
        "1 .ofd skipped",
        "1 .pdf skipped",
        "1 .xls skipped",
    ]
    assert lines[-1] == "gipparse: 1 .xls skipped: not a format gipparse reads"
    assert len(read_csv(result.stdout)) == 2
    # With autoloading on, the installed reader plugins take their files (and fail on
    # these, which hold "x"); the walk says to install each reader that is missing, and
    # still skips the format no reader reads.
    from importlib.metadata import PackageNotFoundError, distribution

    def installed(name: str) -> bool:
        try:
            distribution(name)
        except PackageNotFoundError:
            return False
        return True

    env.pop("GIPPARSE_DISABLE_PLUGIN_AUTOLOAD")
    result = run("export", tmp_path, env=env)
    skipped = [line for line in result.stderr.decode("utf-8").splitlines() if " skipped: " in line]
    wanted = {
        ".html": ("gipparse-html", 2),
        ".docx": ("gipparse-docx", 1),
        ".htm": ("gipparse-html", 1),
        ".ofd": ("gipparse-ofd", 1),
        ".pdf": ("gipparse-pdf", 1),
    }
    assert sorted(skipped) == sorted(
        [
            f"gipparse: {count} {suffix} skipped: install {plugin}"
            for suffix, (plugin, count) in wanted.items()
            if not installed(plugin)
        ]
        + ["gipparse: 1 .xls skipped: not a format gipparse reads"]
    )


# -- 3. memory --------------------------------------------------------------------------------


def _peak(run: Any) -> int:
    import tracemalloc

    from gipparse import caches

    caches.clear()
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_the_memory_bound_of_the_text_reader_holds(shape: str) -> None:
    """The bound the text reader checks against the budget is an upper bound of what
    reading takes, on every hostile shape of the linearity tests (Python objects, as
    tracemalloc counts them; fuzz/memory.py measures the resident memory)."""
    from gipparse.source.budget import text_memory

    data = SHAPES[shape](400).encode("utf-8")
    gipparse.loads(b"warm up\n")

    def read() -> None:
        with contextlib.suppress(gipparse.GipparseError):
            gipparse.loads(data, path="x.txt")

    assert _peak(read) <= text_memory(data)


def test_a_source_over_the_memory_budget_is_refused_before_it_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GIPPARSE_MAX_MEMORY", str(64 * 1024 * 1024))
    data = b"|" * 200_000  # read, it would take about 70 MB
    refused: list[BaseException] = []

    def read() -> None:
        with pytest.raises(gipparse.InputTooLargeError, match="GIPPARSE_MAX_MEMORY") as info:
            gipparse.loads(data, path="pipes.txt")
        refused.append(info.value)

    assert _peak(read) < 2 * 1024 * 1024
    with pytest.raises(gipparse.InputTooLargeError):
        gipparse.loads(data.decode())
    monkeypatch.setenv("GIPPARSE_MAX_MEMORY", "0")  # no budget
    assert gipparse.loads(b"|" * 2000, path="pipes.txt").statistics is None


def test_over_budget_is_a_record_and_the_batch_goes_on(tmp_path: Path) -> None:
    shutil.copy(SEEDS[0], tmp_path / "a.txt")
    (tmp_path / "b.txt").write_bytes(b"|" * 300_000)
    shutil.copy(SEEDS[1], tmp_path / "c.txt")
    env = dict(os.environ, GIPPARSE_MAX_MEMORY=str(64 * 1024 * 1024))
    result = run("export", tmp_path, "-f", "jsonl", env=env)
    no_traceback(result)
    records = _jsonl(result.stdout)
    assert [r["valid"] for r in records] == [True, False, True]
    assert [d["code"] for d in records[1]["diagnostics"]] == ["source.too-large"]


# -- 8. what valid can and cannot say -----------------------------------------------------------


def test_labels_numbered_out_of_order_get_a_warning() -> None:
    text = SEEDS[0].read_text(encoding="utf-8")
    assert gipparse.loads(text).valid
    moved = text.replace("\t1.属于国家秘密", "\t3.属于国家秘密").replace("\t3.危及", "\t1.危及")
    report = gipparse.loads(moved)
    found = [d for d in report.diagnostics if d.code == "table.numbering-order"]
    assert [(d.severity, d.line) for d in found] == [
        (gipparse.Severity.WARNING, 158),
        (gipparse.Severity.WARNING, 169),
    ]
    assert (
        "'2.其他法律行政法规禁止公开' is numbered lower than '3.属于国家秘密'" in found[0].message
    )
    assert report.valid  # the values are where their labels say: no relation fails


def test_a_table_read_by_position_says_valid_is_not_verified() -> None:
    report = gipparse.load(SEEDS[3])  # seed 003 lost the labels of ten rows
    assert report.valid
    (found,) = [d for d in report.diagnostics if d.code == "table.read-by-position"]
    assert found.severity is gipparse.Severity.WARNING
    assert found.message.startswith("10 row(s) had lost their labels")
    assert "not verified" in found.message


def test_the_samples_carry_no_trust_warning_they_do_not_deserve() -> None:
    codes = {"table.numbering-order", "table.read-by-position", "table.read-by-arithmetic"}
    for path in SEEDS:
        found = [d.code for d in gipparse.load(path).diagnostics if d.code in codes]
        assert found == (["table.read-by-position"] if path.name.startswith("003") else [])


def test_the_time_budget_leaves_a_callers_timer_running() -> None:
    import signal
    import time

    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        records = list(gipparse.export(SEEDS[:2], timeout=30))
        assert [r["valid"] for r in records] == [True, True]
        assert 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= 0.5
        time.sleep(0.7)
        assert fired == [signal.SIGALRM]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _out_of_order_cell_by_cell(table: gipparse.Table) -> list[tuple[str, str, object]]:
    """``out_of_order`` as it read a table before its verdict was kept per sequence of
    labels: every cell in turn."""
    from gipparse.checks.trust import _END, _label

    found = []
    nesting: list[str] = []
    last: dict[str, tuple[int, str]] = {}
    for row in table.rows:
        for cell in row.cells:
            raw = cell.raw
            if not raw:
                continue
            if raw.isdigit():
                break
            label = _label(raw)
            if not isinstance(label, tuple):
                if label == _END:
                    break
                continue
            text, style, number = label
            if style in nesting:
                at = nesting.index(style) + 1
                for inner in nesting[at:]:
                    last.pop(inner, None)
                del nesting[at:]
                before = last.get(style)
                if before is not None and number < before[0] and cell.span is not None:
                    found.append((text, before[1], cell.span))
            else:
                nesting.append(style)
            last[style] = (number, text)
    return found


def test_labels_out_of_order_are_found_as_cell_by_cell() -> None:
    from gipparse.checks.trust import _applications_table, out_of_order

    text = SEEDS[0].read_text(encoding="utf-8")
    labels = re.findall(r"(?m)^\t(\d\.)(?=\S)", text)
    assert len(labels) > 10
    parts = re.split(r"(?m)^\t\d\.(?=\S)", text)
    rng = random.Random(7)
    warned = 0
    for round_ in range(31):
        # Renumber the numbered labels of 三 at random, some of them twice over (round
        # 0 keeps them as printed: in order).
        numbers = labels if round_ == 0 else [rng.choice(labels) for _ in labels]
        moved = parts[0] + "".join(
            f"\t{n}{part}" for n, part in zip(numbers, parts[1:], strict=True)
        )
        table = _applications_table(gipparse.loads(moved))
        assert table is not None
        found = out_of_order(table)
        assert found == _out_of_order_cell_by_cell(table)
        assert round_ > 0 or not found
        warned += bool(found)
    assert warned > 20


def test_tables_of_one_layout_are_found_as_cell_by_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    """A table laid out as one seen before (the same rows, the same labels) takes what was
    found in it while the cells that ended its rows' labels end them again: values of
    other digits, with NBSP, with a unit. A dash or an empty cell there does not end
    the labels, and the table is read cell by cell again."""
    from gipparse import caches
    from gipparse.checks import trust
    from gipparse.tree.nodes import built_rows

    text = SEEDS[0].read_text(encoding="utf-8")
    cells = re.compile(r"(?m)^\t(?:0|0\xa0|\xa00)$")
    assert len(cells.findall(text)) > 100
    labels = re.findall(r"(?m)^\t(\d\.)(?=\S)", text)
    parts = re.split(r"(?m)^\t\d\.(?=\S)", text)
    digits = ["0", "7", "12"]
    plain = [*digits, "0\xa0", "\xa03", " 5", "3元", "１２"]
    kinds = set()
    odd = ["—", "", "-", "无"]
    numbered = trust._numbered
    read: list[int] = []

    def counted(lengths: list[int], raws: list[str]) -> Any:
        read.append(1)
        return numbered(lengths, raws)

    monkeypatch.setattr(trust, "_numbered", counted)
    caches.clear()
    rng = random.Random(11)
    rounds = 60
    for round_ in range(rounds):
        moved = text
        if round_ % 3 == 2:  # renumbered labels: another layout
            numbers = [rng.choice(labels) for _ in labels]
            moved = parts[0] + "".join(
                f"\t{n}{part}" for n, part in zip(numbers, parts[1:], strict=True)
            )
        dashes = round_ % 5 == 4
        forms = plain + odd if dashes else digits if round_ % 4 == 1 else plain
        moved = cells.sub(lambda _, forms=forms: "\t" + rng.choice(forms), moved)
        before = len(read)
        table = trust._applications_table(gipparse.loads(moved))  # checked there first
        assert table is not None
        # (The cells are built when a value was not plain digits: both ways are read.)
        kinds.add(built_rows(table) is None)
        assert trust.out_of_order(table) == _out_of_order_cell_by_cell(table)
        if not dashes and round_ % 3 != 2:
            # The labels as printed, each row's ended by a value: read cell by cell the
            # first time only.
            assert len(read) == before + (round_ == 0)
    assert len(read) > 20  # the renumbered tables, and some with a dash or an empty cell
    assert kinds == {True, False}
