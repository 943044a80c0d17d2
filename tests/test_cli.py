"""The ``gipparse`` command, run for real in a subprocess as a user would run it."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import gipparse
from gipparse.export.serialize import parse_json

SEEDS = gipparse.sample_paths()
META_COLUMNS = ["path", "agency", "year", "template", "script", "period", "valid"]
REASON_COLUMNS = ["errors", "warnings", "first_error"]
DIAGNOSTIC_LINE = re.compile(
    r"^(?P<path>.+?)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<severity>error|warning|info)"
    r"\[(?P<code>[a-z0-9]+(?:[.-][a-z0-9]+)*)\]: (?P<message>.+)$"
)


def run(
    *args: str | Path,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "gipparse", *map(str, args)],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def jsonl(out: bytes) -> list[dict[str, Any]]:
    return [parse_json(line) for line in out.decode("utf-8").splitlines()]


def read_csv(out: bytes) -> list[list[str]]:
    assert out.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM"
    return list(csv.reader(io.StringIO(out[3:].decode("utf-8"), newline="")))


def no_traceback(result: subprocess.CompletedProcess[bytes]) -> None:
    assert b"Traceback" not in result.stderr, result.stderr.decode()


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding two reports and three files that are not: binary, empty, prose."""
    root = tmp_path_factory.mktemp("broken")
    shutil.copy(SEEDS[0], root / "1_report.txt")
    (root / "2_binary.txt").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    (root / "3_empty.txt").write_bytes(b"")
    (root / "4_prose.txt").write_text("会议纪要\n今天开会。\n", encoding="utf-8")
    (root / "sub").mkdir()
    shutil.copy(SEEDS[4], root / "sub" / "5_report.txt")
    return root


BROKEN_NAMES = ["1_report.txt", "2_binary.txt", "3_empty.txt", "4_prose.txt", "sub/5_report.txt"]


# -- the values, read from the raw seeds by hand ----------------------------------------


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def tab_row(path: Path, label: str, n: int) -> list[str]:
    """The *n* values after the TAB-indented *label* line (one value per line)."""
    lines = _lines(path)
    i = lines.index("\t" + label)
    return [lines[i + 1 + k].strip() for k in range(n)]


def pipe_row(path: Path, label: str) -> list[str]:
    for line in _lines(path):
        cells = [c.strip() for c in line.split("|")]
        if cells[0] == label:
            return [c for c in cells[1:] if c]
    raise AssertionError(f"{label} not in {path}")


def count(text: str) -> int:
    return int(text)


def amount(text: str) -> Decimal:
    """万元; a value written in 元 is converted."""
    if text.endswith("元"):
        return Decimal(text[:-1]) / 10000
    return Decimal(text)


FIELDS_2020 = {
    "rules": ("规章", ("made", "published", "total")),
    "normative_docs": ("规范性文件", ("made", "published", "total")),
    "licensing": ("行政许可", ("prev_items", "change", "decisions")),
    "other_services": ("其他对外管理服务事项", ("prev_items", "change", "decisions")),
    "penalty": ("行政处罚", ("prev_items", "change", "decisions")),
    "coercion": ("行政强制", ("prev_items", "change", "decisions")),
    "fees": ("行政事业性收费", ("prev_items", "change")),
    "procurement": ("政府集中采购", ("projects", "amount")),
}
TRADITIONAL_LABELS = {
    "规章": "規(guī)章",
    "规范性文件": "規(guī)范性文件",
    "行政许可": "行政許可",
    "其他对外管理服务事项": "其他對外管理服務事項",
    "行政处罚": "行政處罰",
    "行政强制": "行政強制",
    "行政事业性收费": "行政事業(yè)性收費",
    "政府集中采购": "政府集中采購",
}


def expected_active_2020(seed: Path) -> dict[str, int | Decimal]:
    expected: dict[str, int | Decimal] = {}
    for row, (label, fields) in FIELDS_2020.items():
        if "|" in seed.read_text(encoding="utf-8"):
            raw = pipe_row(seed, TRADITIONAL_LABELS[label])
        else:
            raw = tab_row(seed, label, len(fields))
        for field, text in zip(fields, raw, strict=True):
            key = f"active.{row}.{field}"
            expected[key] = amount(text) if field == "amount" else count(text)
    return expected


@pytest.fixture(scope="module")
def sample_records() -> list[dict[str, Any]]:
    result = run("export", "--samples", "--format", "jsonl")
    no_traceback(result)
    assert result.returncode == 0, result.stderr.decode()
    return jsonl(result.stdout)


def test_export_samples_gives_the_values_written_in_the_reports(
    sample_records: list[dict[str, Any]],
) -> None:
    assert [r["path"] for r in sample_records] == [str(p) for p in SEEDS]
    for seed, record in zip(SEEDS[:4], sample_records[:4], strict=True):
        assert record["meta"]["template"] == "2020", seed.name
        assert record["meta"]["year"] == 2020
        assert len(record["stats"]) == len(gipparse.schema_keys("2020")) == 198
        expected = expected_active_2020(seed)
        assert {k: record["stats"][k] for k in expected} == expected, seed.name
    # Seed 001 writes its procurement amount in 元 and a signed change.
    s001 = sample_records[1]["stats"]
    assert s001["active.procurement.amount"] == Decimal("389.2431")
    assert s001["active.penalty.change"] == 11
    assert sample_records[1]["meta"]["script"] == "hant"
    # Seed 004 is a 2021 report.
    record = sample_records[4]
    assert record["meta"]["template"] == "2021"
    assert record["meta"]["year"] == 2021
    assert len(record["stats"]) == len(gipparse.schema_keys("2021")) == 207
    [penalty] = tab_row(SEEDS[4], "行政处罚", 1)
    assert record["stats"]["active.penalty.decisions"] == count(penalty) == 139


def test_export_samples_metadata_as_the_reports_state_it(
    sample_records: list[dict[str, Any]],
) -> None:
    agencies = [r["meta"]["agency"] for r in sample_records]
    # Read from the reports: 000 and 001 name the agency in their first line, the others
    # in their title lines (001 in Traditional: 阜陽市應急管理局).
    assert "由开封市鼓楼区应急管理局编制" in _lines(SEEDS[0])[0]
    assert "由阜陽市應急管理局編辦" in _lines(SEEDS[1])[0]
    assert _lines(SEEDS[2])[0].startswith("广州市越秀区应急管理局2020年")
    assert _lines(SEEDS[3])[0] == "管城回族区人民防空办公室"
    assert _lines(SEEDS[4])[0].startswith("枣庄市台儿庄区应急管理局2021年")
    assert agencies == [
        "开封市鼓楼区应急管理局",
        "阜阳市应急管理局",
        "广州市越秀区应急管理局",
        "管城回族区人民防空办公室",
        "枣庄市台儿庄区应急管理局",
    ]
    # 000 and 001 state their statistics period: 2020年1月1日至2020年12月31日.
    assert sample_records[0]["meta"]["period"] == "2020-01-01/2020-12-31"
    assert sample_records[1]["meta"]["period"] == "2020-01-01/2020-12-31"
    assert [r["meta"]["script"] for r in sample_records] == ["hans", "hant", "hans", "hans", "hans"]


def test_jsonl_records_are_what_the_python_api_yields(sample_records: list[dict[str, Any]]) -> None:
    assert sample_records == list(gipparse.export(SEEDS))


def test_export_csv_header_is_the_schema_and_rows_match_the_records(
    sample_records: list[dict[str, Any]],
) -> None:
    result = run("export", "--samples")  # CSV by default
    assert result.returncode == 0, result.stderr.decode()
    rows = read_csv(result.stdout)
    keys_2020 = gipparse.schema_keys("2020")
    keys_2021 = gipparse.schema_keys("2021")
    union = [*keys_2020, *(k for k in keys_2021 if k not in set(keys_2020))]
    assert list(gipparse.schema_keys(None)) == union
    assert rows[0] == [*META_COLUMNS, *REASON_COLUMNS, *union]
    assert result.stdout.count(b"\r\n") == len(rows) == 1 + len(SEEDS)
    for row, record in zip(rows[1:], sample_records, strict=True):
        cells = dict(zip(rows[0], row, strict=True))
        assert cells["path"] == record["path"]
        assert cells["valid"] == ("true" if record["valid"] else "false")
        severities = [d["severity"] for d in record["diagnostics"]]
        assert cells["errors"] == str(severities.count("error"))
        assert cells["warnings"] == str(severities.count("warning"))
        for key in META_COLUMNS[1:-1]:
            value = record["meta"][key]
            assert cells[key] == ("" if value is None else str(value))
        for key in union:
            value = record["stats"].get(key)
            if key not in record["stats"]:
                assert cells[key] == "", key  # not a key of this report's template
            elif value is None:
                assert cells[key] == ""
            else:
                assert Decimal(cells[key]) == value, key


def test_export_json_is_an_array_of_the_records(sample_records: list[dict[str, Any]]) -> None:
    result = run("export", "--samples", "-f", "json")
    assert result.returncode == 0
    assert parse_json(result.stdout) == sample_records


# -- batches with bad files -----------------------------------------------------------


def test_bad_files_are_reported_with_their_path_and_the_run_goes_on(broken: Path) -> None:
    result = run("export", broken, "-f", "jsonl")
    no_traceback(result)
    assert result.returncode == 1
    records = jsonl(result.stdout)
    assert [Path(r["path"]).relative_to(broken).as_posix() for r in records] == BROKEN_NAMES
    good = [records[0], records[4]]
    assert [r["meta"]["template"] for r in good] == ["2020", "2021"]
    assert all(r["stats"] for r in good)
    stderr = result.stderr.decode()
    for record in records[1:4]:
        assert record["valid"] is False
        assert record["stats"] == {}
        assert f"{record['path']}: error[" in stderr
    assert "binary" in records[1]["diagnostics"][0]["message"] or "PDF" in stderr
    assert "3 of 5 files could not be read as reports" in stderr
    assert str(broken / "1_report.txt") + ":" not in stderr


#: Runs the command with one folder that cannot be listed (argv[1]), as a folder without
#: read permission behaves; file permissions alone cannot show it to a test run as root.
UNLISTABLE = """
import errno, os, runpy, sys
refused, real = sys.argv.pop(1), os.scandir
def scandir(path="."):
    if os.fspath(path) == refused:
        raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
    return real(path)
os.scandir = scandir
sys.argv[0] = "gipparse"
runpy.run_module("gipparse", run_name="__main__")
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_folder_that_cannot_be_listed_is_reported_and_the_run_goes_on(
    tmp_path: Path, jobs: str
) -> None:
    (tmp_path / "sub").mkdir()
    shutil.copy(SEEDS[0], tmp_path / "a.txt")
    shutil.copy(SEEDS[4], tmp_path / "sub" / "b.txt")
    shutil.copy(SEEDS[2], tmp_path / "z.txt")
    argv = [sys.executable, "-c", UNLISTABLE, str(tmp_path / "sub"), "export", str(tmp_path)]
    result = subprocess.run(
        [*argv, "-f", "jsonl", "--jobs", jobs], capture_output=True, timeout=120, check=False
    )
    no_traceback(result)
    assert result.returncode == 1
    records = jsonl(result.stdout)
    assert [Path(r["path"]).name for r in records] == ["a.txt", "sub", "z.txt"]
    assert records[1]["diagnostics"][0]["code"] == "source.unreadable"
    stderr = result.stderr.decode()
    assert f"{tmp_path / 'sub'}: error[source.unreadable]: cannot read the folder" in stderr
    assert "1 of 3 files could not be read as reports" in stderr


def test_an_empty_input_list_is_a_usage_error() -> None:
    result = run("export")
    no_traceback(result)
    assert result.returncode == 2
    assert b"no input" in result.stderr
    assert result.stdout == b""


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json"])
def test_output_is_byte_identical_whatever_the_number_of_jobs(
    broken: Path, tmp_path: Path, fmt: str
) -> None:
    # Enough files for chunks of several reports and more chunks than are kept in flight.
    many = tmp_path / "many"
    many.mkdir()
    for i in range(12):
        for seed in SEEDS:
            shutil.copy(seed, many / f"{i:02d}_{seed.name}")
    outputs = {}
    for jobs in ("1", "2", "0"):
        result = run("export", broken, many, "--samples", "-f", fmt, "--jobs", jobs)
        no_traceback(result)
        assert result.returncode == 1  # the broken files
        outputs[jobs] = result.stdout
    assert outputs["2"] == outputs["1"]
    assert outputs["0"] == outputs["1"]
    assert outputs["1"].count(b"\n") >= 12 * len(SEEDS)


@pytest.mark.parametrize("n", [1, 3, 7])
def test_shards_split_the_files_and_together_give_the_whole_output(tmp_path: Path, n: int) -> None:
    for i in range(3):
        for seed in SEEDS:
            shutil.copy(seed, tmp_path / f"{i}_{seed.name}")
    whole = run("export", tmp_path, "-f", "jsonl")
    assert whole.returncode == 0
    parts = []
    for i in range(1, n + 1):
        result = run("export", tmp_path, "-f", "jsonl", "--shard", f"{i}/{n}", "--jobs", "2")
        no_traceback(result)
        assert result.returncode == 0
        parts.append(result.stdout)
    assert b"".join(parts) == whole.stdout
    counts = [len(jsonl(part)) for part in parts]
    assert sum(counts) == 3 * len(SEEDS)
    assert max(counts) - min(counts) <= 1


@pytest.mark.parametrize("shard", ["0/3", "4/3", "1/0", "1", "a/b", "-1/2"])
def test_a_shard_outside_its_count_is_a_usage_error(shard: str) -> None:
    result = run("export", "--samples", "--shard", shard)
    no_traceback(result)
    assert result.returncode == 2
    assert b"--shard" in result.stderr


def test_output_file_gets_the_format_of_its_suffix(tmp_path: Path) -> None:
    result = run("export", "--samples", "-o", tmp_path / "out.jsonl")
    assert result.returncode == 0
    assert result.stdout == b""
    assert len(jsonl((tmp_path / "out.jsonl").read_bytes())) == len(SEEDS)
    result = run("export", "--samples", "-o", tmp_path / "out.csv")
    assert read_csv((tmp_path / "out.csv").read_bytes())[0][:7] == META_COLUMNS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "out.jsonl"]


def test_output_to_a_device_writes_through_it_and_a_link_to_a_file_is_refused(
    tmp_path: Path,
) -> None:
    # A device is written in place, never replaced by a file of ours.
    result = run("export", "--samples", "-o", os.devnull)
    assert result.returncode == 0, result.stderr.decode()
    assert Path(os.devnull).is_char_device()
    # A symbolic link to a file is not written through: whoever planted it at the output
    # name does not choose which file gets overwritten.
    target = tmp_path / "target.jsonl"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    result = run("export", "--samples", "-o", link)
    assert result.returncode == 1
    assert b"symbolic link" in result.stderr
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "old\n"
    # A regular file is replaced whole, and keeps its permissions.
    target.chmod(0o640)
    result = run("export", SEEDS[0], "-o", target)
    assert len(jsonl(target.read_bytes())) == 1
    assert target.stat().st_mode & 0o777 == 0o640
    # A new file gets the permissions the umask gives (not those of a private temp file).
    umask = os.umask(0)
    os.umask(umask)
    run("export", SEEDS[0], "-o", tmp_path / "new.jsonl")
    assert (tmp_path / "new.jsonl").stat().st_mode & 0o777 == 0o666 & ~umask
    (tmp_path / "new.jsonl").unlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.jsonl", "target.jsonl"]


def test_an_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    for target in (tmp_path / "no" / "such" / "dir" / "out.csv", tmp_path):
        result = run("export", "--samples", "-o", target)
        no_traceback(result)
        assert result.returncode == 1
        assert b"cannot write" in result.stderr
    assert list(tmp_path.iterdir()) == []  # no partial file left behind


def test_progress_goes_to_stderr_only_when_asked_or_on_a_terminal(tmp_path: Path) -> None:
    quiet = run("export", "--samples", "-f", "jsonl")
    assert quiet.stderr == b""
    shown = run("export", "--samples", "-f", "jsonl", "--progress")
    assert shown.stdout == quiet.stdout
    assert f"[{len(SEEDS)}/{len(SEEDS)}]".encode() in shown.stderr
    hidden = run("validate", "--samples", "--no-progress")
    assert b"[" not in hidden.stderr


def test_progress_is_on_by_default_when_stderr_is_a_terminal() -> None:
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "gipparse", "export", "--samples", "-f", "jsonl"],
            stdout=subprocess.PIPE,
            stderr=follower,
            timeout=120,
            check=False,
        )
        os.close(follower)
        follower = -1
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if follower != -1:
            os.close(follower)
        os.close(leader)
    assert result.returncode == 0
    assert f"[{len(SEEDS)}/{len(SEEDS)}]".encode() in seen
    assert len(jsonl(result.stdout)) == len(SEEDS)


def test_a_closed_pipe_stops_the_run_quietly() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "gipparse", "export", "--samples", "-f", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read()
    proc.stderr.close()
    proc.wait(timeout=120)
    assert b"Traceback" not in stderr


# -- validate -----------------------------------------------------------------------------


def test_validate_lists_diagnostics_and_a_summary(sample_records: list[dict[str, Any]]) -> None:
    result = run("validate", "--samples")
    no_traceback(result)
    lines = result.stdout.decode("utf-8").splitlines()
    expected = [d for r in sample_records for d in r["diagnostics"]]
    assert len(lines) == len(expected) + 1
    for line, d in zip(lines, expected, strict=False):
        m = DIAGNOSTIC_LINE.match(line)
        assert m is not None, line
        assert (m["code"], m["severity"], m["message"]) == (d["code"], d["severity"], d["message"])
        assert (int(m["line"]) if m["line"] else None) == d["line"]
    valid = sum(r["valid"] for r in sample_records)
    assert lines[-1].startswith(f"{len(SEEDS)} files: {valid} valid, ")
    assert result.returncode == (0 if valid == len(SEEDS) else 1)


def test_validate_reports_a_relation_that_fails(tmp_path: Path) -> None:
    # Seed 000 with one value of its applications table changed: 一、本年新收 for
    # natural persons becomes 5, so the balance and the row total no longer hold.
    lines = _lines(SEEDS[0])
    i = lines.index("\t一、本年新收政府信息公开申请数量")
    assert lines[i + 1].strip() == "0"
    lines[i + 1] = "\t5"
    broken = tmp_path / "unbalanced.txt"
    broken.write_text("\n".join(lines), encoding="utf-8")
    result = run("validate", broken, SEEDS[0])
    no_traceback(result)
    assert result.returncode == 1
    out = result.stdout.decode("utf-8")
    relation_lines = [
        m
        for line in out.splitlines()
        if (m := DIAGNOSTIC_LINE.match(line)) and m["code"].startswith("relation.")
    ]
    assert relation_lines
    assert all(m["path"] == str(broken) for m in relation_lines)
    assert any(m["severity"] == "error" for m in relation_lines)
    assert out.splitlines()[-1].startswith("2 files: 1 valid, 1 failing relations")


def test_validate_exits_1_on_unreadable_files(broken: Path) -> None:
    result = run("validate", broken, "--min-severity", "error")
    no_traceback(result)
    assert result.returncode == 1
    lines = result.stdout.decode("utf-8").splitlines()
    for name in ("2_binary.txt", "3_empty.txt"):
        assert any(
            line.startswith(f"{broken / name}: error[source.unreadable]: ") for line in lines
        ), name
    assert re.search(
        r"5 files: \d valid, \d failing relations, 1 without statistics, 2 unreadable", lines[-1]
    )
    assert all("warning[" not in line and "info[" not in line for line in lines)


def test_validate_json(broken: Path) -> None:
    result = run("validate", broken, "--format", "json")
    assert result.returncode == 1
    data = parse_json(result.stdout)
    assert [Path(r["path"]).name for r in data["reports"]] == [Path(n).name for n in BROKEN_NAMES]
    assert data["summary"]["files"] == 5
    assert data["summary"]["unreadable"] == 2
    assert data["summary"]["no_statistics"] == 1
    for report in data["reports"]:
        for d in report["diagnostics"]:
            assert list(d) == ["code", "severity", "message", "line", "column"]


# -- parse, render, plugins ---------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_parse_prints_the_whole_tree(seed: Path) -> None:
    result = run("parse", seed)
    assert result.returncode == 0
    data = parse_json(result.stdout)
    assert data["version"] == 1
    assert gipparse.from_dict(data) == gipparse.load(seed)
    assert data == gipparse.to_dict(gipparse.load(seed))


def test_parse_from_stdin_compact_with_source() -> None:
    raw = SEEDS[1].read_bytes()
    result = run("parse", "-", "--compact", "--source", stdin=raw)
    assert result.returncode == 0
    assert result.stdout.count(b"\n") == 1
    data = parse_json(result.stdout)
    assert data["source"] == raw.decode("utf-8")
    assert data["path"] == "<stdin>"


@pytest.mark.parametrize("to", ["tab", "pipe", "markdown"])
def test_render_uses_the_requested_table_format(to: str) -> None:
    for seed in (SEEDS[0], SEEDS[1]):
        result = run("render", seed, "--to", to)
        assert result.returncode == 0
        text = result.stdout.decode("utf-8")
        assert text == gipparse.render_report(gipparse.load(seed), to)
        again = gipparse.loads(text)

        def trimmed(table: gipparse.Table) -> list[tuple[str, ...]]:
            # Markdown pads rows with empty cells to the table's width.
            if to != "markdown":
                return list(table.texts)
            rows = []
            for texts in table.texts:
                row = list(texts)
                while row and not row[-1]:
                    row.pop()
                rows.append(tuple(row))
            return rows

        assert [trimmed(t) for t in again.tables] == [
            trimmed(t) for t in gipparse.load(seed).tables
        ]


def test_render_to_an_unknown_format_is_a_clear_error() -> None:
    result = run("render", SEEDS[0], "--to", "xlsx")
    no_traceback(result)
    assert result.returncode == 1
    assert b"unknown table format 'xlsx'" in result.stderr


def test_parse_of_a_missing_or_binary_file_is_a_clear_error(broken: Path) -> None:
    for path, words in [(broken / "nope.txt", b"cannot read"), (broken / "2_binary.txt", b"PDF")]:
        result = run("parse", path)
        no_traceback(result)
        assert result.returncode == 1
        assert result.stderr.startswith(b"gipparse: error: ")
        assert words in result.stderr
        assert result.stdout == b""


def test_plugins_lists_every_builtin_with_its_hooks() -> None:
    result = run("plugins", "--format", "json")
    assert result.returncode == 0
    data = parse_json(result.stdout)
    manager = gipparse.create_plugin_manager(entry_points=False)
    by_name = {p["name"]: p["hooks"] for p in data["plugins"]}
    for name, hooks in manager.plugins():
        assert by_name[name] == hooks
    assert "gipparse_read_source" in by_name["gipparse.source.reader"]
    assert {f["name"] for f in data["table_formats"]} >= {"tab", "pipe", "markdown"}
    assert set(data["templates"]) >= {"2020", "2021"}
    assert ".txt" in data["source_suffixes"]
    text = run("plugins").stdout.decode("utf-8")
    assert "gipparse.source.reader\n    gipparse_read_source\n" in text


def test_plugins_lists_the_formats_read_now_and_what_the_others_need() -> None:
    env = {**os.environ, "GIPPARSE_DISABLE_PLUGIN_AUTOLOAD": "1"}
    data = parse_json(run("plugins", "--format", "json", env=env).stdout)
    (text, *others) = data["source_formats"]
    assert text == {
        "name": "text",
        "suffixes": [".txt", ".text"],
        "plugin": "gipparse",
        "readable": True,
        "missing": None,
    }
    # Without the reader plugins, every format of theirs is listed with its distribution.
    from gipparse.source.foreign import READERS

    assert [f["name"] for f in others] == list(READERS)
    assert not any(f["readable"] for f in others)
    ofd = others[list(READERS).index("ofd")]
    assert ofd["suffixes"] == [".ofd"]
    assert ofd["plugin"] == "gipparse-ofd"
    assert ofd["missing"] == "the gipparse-ofd plugin (pip install gipparse-ofd)"
    listed = run("plugins", env=env).stdout.decode("utf-8")
    read_now, not_read = listed.split("formats read now:\n")[1].split("formats not read:\n")
    assert read_now == "    text: .txt .text (gipparse)\n"
    assert "    ofd: .ofd: needs the gipparse-ofd plugin (pip install gipparse-ofd)\n" in not_read


def test_a_reader_plugin_tells_its_format_and_what_it_lacks() -> None:
    from gipparse.plugin import ReaderPlugin
    from gipparse.source.formats import source_formats

    class Hwp(ReaderPlugin):
        name = "hwp"
        suffixes = (".HWP",)
        distribution = "gipparse-hwp"

        def missing(self) -> str | None:
            return "the hwp5txt program"

    class Ofd(ReaderPlugin):  # a reader of a registered format, naming no distribution
        name = "ofd"
        suffixes = (".ofd",)

    manager = gipparse.create_plugin_manager(plugins=[Hwp(), Ofd()], entry_points=False)
    found = {f.name: f for f in source_formats(manager)}
    assert (found["hwp"].suffixes, found["hwp"].plugin) == ((".hwp",), "gipparse-hwp")
    assert found["hwp"].missing == "the hwp5txt program"
    assert not found["hwp"].readable
    assert (found["ofd"].plugin, found["ofd"].readable) == ("gipparse-ofd", True)


def test_a_known_format_read_by_a_plugin_that_only_names_its_suffix_is_readable() -> None:
    class OnlySuffixes:
        @gipparse.hookimpl
        def gipparse_source_suffixes(self) -> list[str]:
            return [".OFD"]

    from gipparse.source.formats import source_formats

    manager = gipparse.create_plugin_manager(plugins=[OnlySuffixes()], entry_points=False)
    (ofd,) = [f for f in source_formats(manager) if f.suffixes == (".ofd",)]
    assert ofd.readable
    (name,) = [n for n, p in manager.pluggy.list_name_plugin() if isinstance(p, OnlySuffixes)]
    assert ofd.plugin == name


ENTRY_POINT_PLUGIN = """
from gipparse import hookimpl

@hookimpl
def gipparse_source_suffixes():
    return [".rpt"]
"""


def test_an_installed_plugin_is_listed_and_its_suffix_walked(tmp_path: Path) -> None:
    site = tmp_path / "site"
    dist = site / "demo_cli_plugin-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: demo-cli-plugin\nVersion: 1.0\n", encoding="utf-8"
    )
    (dist / "entry_points.txt").write_text("[gipparse]\ndemo = demo_cli_plugin\n", encoding="utf-8")
    (site / "demo_cli_plugin.py").write_text(textwrap.dedent(ENTRY_POINT_PLUGIN), encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SEEDS[0], folder / "a.rpt")
    shutil.copy(SEEDS[2], folder / "b.txt")
    env = {k: v for k, v in os.environ.items() if k != "GIPPARSE_DISABLE_PLUGIN_AUTOLOAD"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), env.get("PYTHONPATH")]))
    listed = run("plugins", env=env)
    assert listed.returncode == 0, listed.stderr.decode()
    assert "demo\n    gipparse_source_suffixes\n" in listed.stdout.decode()
    assert ".rpt" in listed.stdout.decode()
    exported = run("export", folder, "-f", "jsonl", env=env)
    assert [Path(r["path"]).name for r in jsonl(exported.stdout)] == ["a.rpt", "b.txt"]
    env["GIPPARSE_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    exported = run("export", folder, "-f", "jsonl", env=env)
    assert [Path(r["path"]).name for r in jsonl(exported.stdout)] == ["b.txt"]


# -- the command itself ---------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"gipparse {gipparse.__version__}"


def test_usage_errors_exit_2() -> None:
    assert run().returncode == 2
    assert run("frobnicate").returncode == 2
    assert run("export", "--format", "xml", SEEDS[0]).returncode == 2


def test_negative_jobs_are_a_usage_error() -> None:
    result = run("export", SEEDS[0], "--jobs", "-1")
    no_traceback(result)
    assert result.returncode == 2
    assert b"--jobs" in result.stderr
    assert result.stdout == b""


def test_the_readme_first_command_uses_the_samples() -> None:
    readme = Path(__file__).resolve().parent.parent / "README.md"
    text = readme.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if "pip install" in line)
    assert "gipparse export --samples" in first


def test_entry_points_are_read_as_importlib_metadata_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command finds plugins without importing importlib.metadata (a quarter of its
    start-up time); what it finds must be exactly what importlib.metadata finds, in both
    groups, from one scan; and the slow path, through importlib.metadata, finds the same."""
    from importlib.metadata import entry_points

    from gipparse import manager as _manager
    from gipparse.manager import _declared_entry_points

    if _declared_entry_points() is None:
        pytest.skip(
            "another distribution finder is installed (importlib_metadata's, imported by "
            "dask): gipparse rightly leaves entry points to importlib.metadata"
        )
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, dist, text in [
        (
            first,
            "Demo_Reader-2.0.dist-info",
            "# comment\n[console_scripts]\nx = y:z\n\n[gipparse]\n"
            "demo = demo_reader.plugin:hooks.impl [extra]\n ; other = thing\n"
            "[gipparse.readers]\nlazy = demo_reader.lazy\n[gipparse.readersx]\nno = no\n",
        ),
        (first, "plain-1.0.egg-info", "[gipparse]\nplain=plain_plugin\n"),
        (first, "nothing-1.0.dist-info", None),
        (first, "reader_only-1.0.dist-info", "[gipparse.readers]\nonly = reader_only\n"),
        # The same distribution further down sys.path is shadowed by the first one.
        (
            second,
            "demo.reader-1.0.dist-info",
            "[gipparse]\nold = demo_reader_old\n[gipparse.readers]\nold_lazy = x\n",
        ),
        (second, "other-3.dist-info", "[gipparse]\nother = other_plugin:register\n"),
    ]:
        (folder / dist).mkdir(parents=True)
        (folder / dist / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {dist.split('-')[0]}\nVersion: 1\n", encoding="utf-8"
        )
        if text is not None:
            (folder / dist / "entry_points.txt").write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(second))
    monkeypatch.syspath_prepend(str(first))
    groups = ("gipparse", "gipparse.readers")
    expected = {g: [(ep.name, ep.value) for ep in entry_points(group=g)] for g in groups}
    found = _declared_entry_points()
    assert found == expected
    names = [name for name, _ in found["gipparse"]]
    assert {"demo", "plain", "other", "; other"} <= set(names)
    assert "old" not in names
    readers = [name for name, _ in found["gipparse.readers"]]
    assert {"lazy", "only"} <= set(readers)
    assert "old_lazy" not in readers
    assert "no" not in names + readers
    monkeypatch.setattr(_manager, "_declared_entry_points", lambda: None)
    assert _manager._declared_plugins() == expected


# -- export's arguments read without argparse ----------------------------------------------

_QUICK_TOKENS = [
    "a.txt", "b dir", "-", "--", "-o", "out.csv", "-oout.jsonl", "-o=x", "--output",
    "--output=o.json", "--out", "-j", "2", "0", "-1", "x", "-j3", "--jobs=4", "--shard", "2/3",
    "3/2", "--samples",
    "--samples=1", "--progress", "--no-progress", "-q", "-v", "-qv", "--quiet", "--verbose",
    "--max-size", "10MB", "1x", "--timeout", "0.5", "nan", "-f", "--format", "csv", "jsonl",
    "xml", "--bom", "--no-bom", "--chinese-headers", "--diagnostics", "d.csv", "-h", "--help",
    "--version", "-5", "-o x", "--diagnostics=",
]  # fmt: skip


def _argparse_reading(argv: list[str]) -> dict[str, Any] | None:
    import contextlib

    from gipparse import cli

    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            return vars(cli._parser(argv).parse_args(argv))
    except SystemExit:
        return None


def test_export_arguments_read_without_argparse_are_what_argparse_reads() -> None:
    import random

    from gipparse import cli

    rng = random.Random(20260512)
    lines = [
        ["export", "a.txt"],
        ["export", "a.txt", "-o", "/dev/null"],
        ["export", "-o", "-", "a.txt", "-", "--format", "jsonl", "-j", "0", "--no-progress"],
        ["export", "--samples", "-q", "--timeout", "0", "--max-size", "64MiB", "--shard", "1/2"],
        ["export", "a", "b", "--no-bom", "--chinese-headers", "--diagnostics=d.jsonl", "-fcsv"],
        ["export"],
    ]
    lines += [["export", *rng.choices(_QUICK_TOKENS, k=rng.randrange(0, 7))] for _ in range(1500)]
    lines += [["validate", "a.txt"], ["--version"], ["-h"], [], ["export", "a", "-o"]]
    quick = 0
    for argv in lines:
        found = cli._quick_export_arguments(argv)
        if found is None:
            continue
        quick += 1
        expected = _argparse_reading(argv)
        assert expected is not None, argv
        assert vars(found) == expected, argv
    # The plain command lines are read without argparse, and many of the others.
    assert all(cli._quick_export_arguments(argv) is not None for argv in lines[:6])
    assert quick > 200


def test_an_export_with_valued_options_imports_no_argparse(tmp_path: Path) -> None:
    # The converters of --jobs, --timeout, --max-size and --shard import argparse only
    # to refuse a value.
    sample = str(gipparse.sample_paths()[0])
    options = ["--jobs", "1", "--timeout", "60", "--max-size", "10MB", "--shard", "1/1"]
    code = (
        "import sys; from gipparse.cli import main; "
        f"status = main(['export', {sample!r}, '-o', {str(tmp_path / 'o.csv')!r}, *{options!r}]); "
        "print(status, 'argparse' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.split() == ["0", "False"], result.stderr


def test_a_plain_export_imports_neither_argparse_nor_signal(tmp_path: Path) -> None:
    # signal's enums are not built either: the time budget and SIGTERM use the functions
    # signal wraps.
    sample = str(gipparse.sample_paths()[0])
    code = (
        "import sys; from gipparse.cli import main; "
        f"status = main(['export', {sample!r}, '-o', {str(tmp_path / 'o.csv')!r}]); "
        "print(status, 'argparse' in sys.modules, 'signal' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.split() == ["0", "False", "False"], result.stderr
    assert (tmp_path / "o.csv").read_bytes().count(b"\n") == 2


def test_the_signal_functions_give_and_take_what_signal_does() -> None:
    import signal as signal_module

    from gipparse.export.inputs import signal

    assert signal.SIGTERM == signal_module.SIGTERM
    assert signal.SIGALRM == signal_module.SIGALRM
    previous = signal_module.getsignal(signal_module.SIGUSR1)
    try:

        def handler(signum: int, frame: object) -> None:
            pass

        before = signal.signal(signal.SIGUSR1, handler)
        assert before == previous  # a number where signal gives the equal enum
        assert signal_module.getsignal(signal_module.SIGUSR1) is handler
        assert signal.signal(signal.SIGUSR1, before) is handler
        assert signal_module.getsignal(signal_module.SIGUSR1) == previous
    finally:
        signal_module.signal(signal_module.SIGUSR1, previous)
