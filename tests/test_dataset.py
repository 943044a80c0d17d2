"""The dataset as a researcher gets it: inputs accounted for, every output format, reasons
in every row, the codebook."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import gipparse
from gipparse.export.serialize import parse_json

SEEDS = gipparse.sample_paths()


def run(
    *args: str | Path,
    stdin: bytes | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "gipparse", *map(str, args)],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=120,
        check=False,
        env=env,
    )


#: The environment of a run that loads no installed reader plugin: the PDFs of the
#: folders below are skipped, naming the plugin, whatever this machine has installed.
NO_PLUGINS = {**os.environ, "GIPPARSE_DISABLE_PLUGIN_AUTOLOAD": "1"}


def not_loaded(suffix: str, plugin: str) -> str:
    """Why files of *suffix* are skipped in a run with :data:`NO_PLUGINS`."""
    return (
        f"{suffix} skipped: installed plugins are not loaded (GIPPARSE_DISABLE_PLUGIN_AUTOLOAD "
        f"is set), so {plugin} is not used even if installed"
    )


def read_csv(data: bytes, *, bom: bool = True) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf") is bom
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def unbalanced() -> str:
    """Seed 000 with 一、本年新收 for natural persons changed from 0 to 5: the balance and
    the row total no longer hold."""
    lines = SEEDS[0].read_text(encoding="utf-8").split("\n")
    i = lines.index("\t一、本年新收政府信息公开申请数量")
    assert lines[i + 1].strip() == "0"
    lines[i + 1] = "\t5"
    return "\n".join(lines)


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return list(gipparse.export(SEEDS))


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A folder as people have them: two reports, three PDFs, a Word 97 file, an Excel
    file, notes, a hidden folder."""
    root = tmp_path / "reports"
    root.mkdir()
    shutil.copy(SEEDS[0], root / "a.txt")
    (root / "sub").mkdir()
    shutil.copy(SEEDS[4], root / "sub" / "b.txt")
    for name in ("x.pdf", "y.PDF", "sub/z.pdf"):
        (root / name).write_bytes(b"%PDF-1.7\n")
    (root / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (root / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (root / "README.md").write_text("notes\n", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("x", encoding="utf-8")
    return root


# -- inputs -------------------------------------------------------------------------------


def test_a_walk_reports_every_file_it_did_not_read_by_kind(mixed: Path) -> None:
    result = run("export", mixed, env=NO_PLUGINS)
    assert result.returncode == 0, result.stderr.decode()
    stderr = result.stderr.decode()
    assert "gipparse: 3 " + not_loaded(".pdf", "gipparse-pdf") in stderr
    assert "gipparse: 1 " + not_loaded(".doc", "gipparse-docx") in stderr
    assert "gipparse: 1 .xls skipped: not a format gipparse reads" in stderr
    assert "gipparse: 1 .md skipped: not a format gipparse reads" in stderr
    assert "gipparse: 1 hidden entry skipped: hidden files and folders are not read" in stderr
    rows = read_csv(result.stdout)
    assert [Path(r[0]).name for r in rows[1:]] == ["a.txt", "b.txt"]
    # --verbose names each file; --quiet says nothing on success.
    verbose = run("export", mixed, "--verbose", env=NO_PLUGINS).stderr.decode()
    assert f"    {mixed / 'sub' / 'z.pdf'}" in verbose
    assert run("export", mixed, "--quiet", env=NO_PLUGINS).stderr == b""


def test_the_python_export_can_list_what_it_skipped(
    mixed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gipparse import manager

    monkeypatch.setattr(manager, "_default", gipparse.create_plugin_manager(entry_points=False))
    skipped: list[dict[str, str]] = []
    records = list(gipparse.export(mixed, skipped=skipped))
    assert [Path(r["path"]).name for r in records] == ["a.txt", "b.txt"]
    assert {(Path(s["path"]).name, s["kind"]) for s in skipped} == {
        ("x.pdf", ".pdf"),
        ("y.PDF", ".pdf"),
        ("z.pdf", ".pdf"),
        ("old.doc", ".doc"),
        ("old.xls", ".xls"),
        ("README.md", ".md"),
        (".git", "hidden"),
    }
    assert all(s["reason"] == "install gipparse-pdf" for s in skipped if s["kind"] == ".pdf")


def test_a_folder_with_nothing_to_read_fails_without_output(tmp_path: Path) -> None:
    (tmp_path / "only.pdf").write_bytes(b"%PDF-1.7\n")
    result = run("export", tmp_path, "-o", tmp_path / "out.csv", "--quiet", env=NO_PLUGINS)
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert "1 " + not_loaded(".pdf", "gipparse-pdf") in stderr  # said even with --quiet
    assert "nothing to read" in stderr
    assert not (tmp_path / "out.csv").exists()


def test_quoted_patterns_are_expanded_and_urls_get_advice(tmp_path: Path) -> None:
    for i in (2, 0, 1):
        shutil.copy(SEEDS[i], tmp_path / f"r{i}.txt")
    result = run(
        "export",
        "-f",
        "jsonl",
        tmp_path / "r*.txt",
        tmp_path / "none-*.txt",
        "https://example.org/report.pdf",
    )
    assert result.returncode == 1
    lines = [parse_json(line) for line in result.stdout.decode().splitlines()]
    assert [Path(r["path"]).name for r in lines[:3]] == ["r0.txt", "r1.txt", "r2.txt"]
    assert lines[0]["meta"]["agency"] == "开封市鼓楼区应急管理局"
    assert lines[3]["diagnostics"][0]["message"] == "no file matches this pattern"
    assert lines[4]["path"] == "https://example.org/report.pdf"
    assert "download it first" in lines[4]["diagnostics"][0]["message"]
    assert "curl -LO" in result.stderr.decode()


@pytest.mark.parametrize("command", ["export", "validate", "parse", "render"])
def test_dash_is_stdin_for_every_command(command: str) -> None:
    data = SEEDS[1].read_bytes()
    result = run(command, "-", stdin=data)
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode("utf-8-sig")
    if command == "export":
        assert out.splitlines()[1].startswith("<stdin>,阜阳市应急管理局,2020,")
    elif command == "validate":
        assert out.endswith(
            "1 file: 1 valid, 0 failing relations, 0 without statistics, "
            "0 unreadable; 0 errors, 0 warnings, 1 info\n"
        )
    elif command == "parse":
        assert json.loads(out)["metadata"]["agency"] == "阜阳市应急管理局"
    else:
        assert out == gipparse.render_report(gipparse.load(SEEDS[1]))


def test_export_dash_reads_stdin_even_with_jobs() -> None:
    result = run("export", "-", SEEDS[0], "-j", "2", "-f", "jsonl", stdin=SEEDS[1].read_bytes())
    assert result.returncode == 0, result.stderr.decode()
    paths = [parse_json(line)["path"] for line in result.stdout.decode().splitlines()]
    assert paths == ["<stdin>", str(SEEDS[0])]


def test_a_url_given_to_parse_says_download_first() -> None:
    result = run("parse", "http://example.org/a.txt")
    assert result.returncode == 1
    assert b"download it first" in result.stderr
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("text", "size"),
    [("6000", 6000), ("10MB", 10_000_000), ("64MiB", 64 * 1024**2), ("1.5k", 1500)],
)
def test_sizes_take_units(text: str, size: int) -> None:
    from gipparse.export.inputs import parse_size

    assert parse_size(text) == size


def test_max_size_with_a_unit_on_the_command_line() -> None:
    result = run("export", SEEDS[0], "--max-size", "1KB", "-f", "jsonl")
    assert result.returncode == 1
    record = parse_json(result.stdout)
    assert record["diagnostics"][0]["code"] == "source.too-large"
    assert "over the maximum of 1,000" in record["diagnostics"][0]["message"]
    bad = run("export", SEEDS[0], "--max-size", "ten")
    assert bad.returncode == 2
    assert b"is not a size" in bad.stderr


# -- formats ------------------------------------------------------------------------------


def test_an_unknown_output_suffix_is_refused(tmp_path: Path) -> None:
    for name in ("out.xls", "out.txt", "out.csv.gz"):
        result = run("export", "--samples", "-o", tmp_path / name)
        assert result.returncode == 2, name
        assert b"no output format has the suffix" in result.stderr
    assert list(tmp_path.iterdir()) == []
    # --format decides whatever the name.
    result = run("export", "--samples", "-o", tmp_path / "out.txt", "--format", "jsonl")
    assert result.returncode == 0
    assert len((tmp_path / "out.txt").read_text(encoding="utf-8").splitlines()) == len(SEEDS)


def test_binary_formats_need_a_file() -> None:
    result = run("export", "--samples", "--format", "sqlite")
    assert result.returncode == 2
    assert b"give it with -o FILE" in result.stderr


def test_csv_bom_optional_and_chinese_headers(tmp_path: Path) -> None:
    plain = run("export", "--samples", "--no-bom")
    rows = read_csv(plain.stdout, bom=False)
    assert rows[0][:10] == [
        "path",
        "agency",
        "year",
        "template",
        "script",
        "period",
        "valid",
        "errors",
        "warnings",
        "first_error",
    ]
    chinese = read_csv(run("export", "--samples", "--chinese-headers").stdout)
    assert chinese[0][:3] == ["文件", "机关", "年度"]
    column = rows[0].index("applications.new.total")
    assert chinese[0][column] == "一、本年新收政府信息公开申请数量 · 总计"
    assert len(set(chinese[0])) == len(chinese[0])
    assert chinese[1:] == rows[1:]


def test_reasons_say_why_a_row_is_empty_or_invalid(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("会议纪要\n今天开会。\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_text(unbalanced(), encoding="utf-8")
    result = run("export", tmp_path / "bad.txt", tmp_path / "note.txt", tmp_path / "gone.txt")
    rows = read_csv(result.stdout)
    cells = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert cells[0]["valid"] == "false"
    assert cells[0]["first_error"].startswith("relation.")
    assert int(cells[0]["errors"]) >= 1
    assert cells[1]["first_error"] == "report.no-statistics"
    note = next(gipparse.export(tmp_path / "note.txt"))
    warnings = [d for d in note["diagnostics"] if d["severity"] == "warning"]
    assert len(warnings) >= 3
    assert cells[1]["warnings"] == str(len(warnings))
    assert cells[2]["first_error"] == "source.unreadable"
    assert cells[2]["errors"] == "1"


def test_diagnostics_file_in_long_form(tmp_path: Path, records: list[dict[str, Any]]) -> None:
    out = tmp_path / "diag.csv"
    result = run("export", "--samples", "-o", tmp_path / "s.csv", "--diagnostics", out)
    assert result.returncode == 0, result.stderr.decode()
    rows = read_csv(out.read_bytes())
    assert rows[0] == ["path", "code", "severity", "line", "column", "message"]
    expected = [
        [r["path"], d["code"], d["severity"], str(d["line"] or ""), d["message"]]
        for r in records
        for d in r["diagnostics"]
    ]
    assert [[r[0], r[1], r[2], r[3], r[5]] for r in rows[1:]] == expected
    assert rows[1][4].isdigit()  # the column, which records leave out
    run("export", "--samples", "-o", tmp_path / "s.csv", "--diagnostics", tmp_path / "d.jsonl")
    lines = (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(expected)
    assert json.loads(lines[0])["code"] == expected[0][1]


def test_sqlite_output(tmp_path: Path, records: list[dict[str, Any]]) -> None:
    db = tmp_path / "out.sqlite"
    result = run("export", "--samples", "-o", db)
    assert result.returncode == 0, result.stderr.decode()
    con = sqlite3.connect(db)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"reports", "statistics", "diagnostics", "codebook"}
    reports = con.execute("SELECT id, path, agency, year, valid, errors FROM reports").fetchall()
    assert [(r[1], r[2], r[3], bool(r[4])) for r in reports] == [
        (r["path"], r["meta"]["agency"], r["meta"]["year"], r["valid"]) for r in records
    ]
    for (rid, *_), record in zip(reports, records, strict=True):
        stats = dict(con.execute("SELECT key, value FROM statistics WHERE report_id=?", (rid,)))
        assert stats.keys() == record["stats"].keys()
        for key, value in record["stats"].items():
            assert stats[key] == (float(value) if isinstance(value, Decimal) else value), key
        count = con.execute("SELECT count(*) FROM diagnostics WHERE report_id=?", (rid,))
        assert count.fetchone()[0] == len(record["diagnostics"])
    label = con.execute(
        "SELECT label FROM statistics WHERE key='active.procurement.amount' AND report_id=2"
    ).fetchone()[0]
    assert label.endswith("政府集中采购 · 采购总金额")
    assert (
        con.execute(
            "SELECT value FROM statistics WHERE key='active.procurement.amount' AND report_id=2"
        ).fetchone()[0]
        == 389.2431
    )


def test_parquet_output(tmp_path: Path, records: list[dict[str, Any]]) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    result = run("export", "--samples", "-o", tmp_path / "out.parquet")
    assert result.returncode == 0, result.stderr.decode()
    table = pq.read_table(tmp_path / "out.parquet")
    from gipparse.export.records import csv_columns

    assert table.column_names == list(csv_columns())
    assert table.column("agency").to_pylist() == [r["meta"]["agency"] for r in records]
    assert table.column("active.procurement.amount").to_pylist()[1] == 389.2431
    assert str(table.schema.field("applications.new.total").type) == "int64"
    assert table.column("applications.other_handling.other.total").to_pylist()[0] is None
    field = table.schema.field("applications.new.total")
    assert field.metadata[b"label"].decode().endswith("一、本年新收政府信息公开申请数量 · 总计")


def test_xlsx_output(tmp_path: Path, records: list[dict[str, Any]]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    result = run("export", "--samples", "-o", tmp_path / "out.xlsx", "--chinese-headers")
    assert result.returncode == 0, result.stderr.decode()
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert book.sheetnames == ["reports", "codebook"]
    sheet = book["reports"]
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref.startswith("A1:")
    assert sheet.auto_filter.ref.endswith(str(len(records) + 1))
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["文件", "机关"]
    assert [c.value for c in sheet[3]][1] == "阜阳市应急管理局"
    codebook = book["codebook"]
    assert [c.value for c in codebook[1]] == ["key", "label", "table", "kind", "unit", "templates"]
    assert codebook.max_row == 1 + 10 + len(gipparse.schema_keys())


@pytest.mark.parametrize(
    ("fmt", "module", "extra"), [("parquet", "pyarrow", "parquet"), ("xlsx", "openpyxl", "xlsx")]
)
def test_a_missing_extra_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, module: str, extra: str
) -> None:
    from gipparse import cli as _cli

    monkeypatch.setitem(sys.modules, module, None)
    if module == "pyarrow":
        monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    out = tmp_path / f"out.{fmt}"
    status = _cli.main(["export", "--samples", "-o", str(out), "--quiet"])
    assert status == 1
    assert not out.exists()
    from gipparse.export.writers import open_writer

    with pytest.raises(gipparse.GipparseError, match=rf'pip install "gipparse\[{extra}\]"'):
        open_writer(fmt, str(out))
    assert list(tmp_path.iterdir()) == []


def test_read_reports_gives_a_dataframe(records: list[dict[str, Any]]) -> None:
    pytest.importorskip("pandas")
    frame = gipparse.read_reports(SEEDS)
    assert list(frame["agency"])[:2] == ["开封市鼓楼区应急管理局", "阜阳市应急管理局"]
    assert frame["active.procurement.amount"].iloc[1] == 389.2431
    assert list(frame["errors"]) == [
        sum(d["severity"] == "error" for d in r["diagnostics"]) for r in records
    ]


# -- the codebook -------------------------------------------------------------------------


def test_schema_prints_the_codebook_as_csv_and_json() -> None:
    result = run("schema")
    assert result.returncode == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8"), newline="")))
    keys = [r["key"] for r in rows]
    assert keys[10:] == list(gipparse.schema_keys())
    by_key = {r["key"]: r for r in rows}
    amount = by_key["active.procurement.amount"]
    assert amount["kind"] == "amount"
    assert amount["unit"] == "万元"
    assert amount["templates"] == "2020"
    assert amount["table"] == "二 主动公开政府信息情况"
    assert by_key["applications.new.total"]["templates"] == "2020 2021"
    assert by_key["active.penalty.change"]["kind"] == "signed"
    as_json = json.loads(run("schema", "-f", "json", "--template", "2021").stdout)
    assert [e["key"] for e in as_json] == list(gipparse.schema_keys("2021"))
    assert as_json[0]["templates"] == "2021"
    assert run("schema", "--template", "1999").returncode == 2


# -- Markdown -----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=[p.name[:3] for p in SEEDS])
def test_render_to_markdown_is_gfm_that_markdown_it_reads(seed: Path) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    result = run("render", seed, "--to", "markdown")
    assert result.returncode == 0
    tokens = markdown_it.MarkdownIt("commonmark").enable("table").parse(result.stdout.decode())
    report = gipparse.load(seed)
    assert sum(t.type == "table_open" for t in tokens) == len(report.tables) == 3
    assert sum(t.type == "tr_open" for t in tokens) == sum(len(t.rows) for t in report.tables)
    # Each row is as wide as the widest row of its table, the cells as read.
    table = report.tables[1]
    width = max(len(r.cells) for r in table.rows)
    start = next(i for i, t in enumerate(tokens) if t.type == "table_open")
    start = next(i for i, t in enumerate(tokens) if t.type == "table_open" and i > start)
    cells: list[list[str]] = []
    for t in tokens[start:]:
        if t.type == "tr_open":
            cells.append([])
        elif t.type == "inline":
            cells[-1].append(t.content)
        elif t.type == "table_close":
            break
    assert {len(row) for row in cells} == {width}
    for row, read in zip(table.rows, cells, strict=True):
        texts = [c.raw.strip() for c in row.cells]
        assert read[: len(texts)] == [t.replace("\n", "<br>") for t in texts]
        assert read[len(texts) :] == [""] * (width - len(texts))


# -- Big5 ---------------------------------------------------------------------------------


def test_big5_is_detected_and_said() -> None:
    text = SEEDS[1].read_text(encoding="utf-8")
    # The pinyin debris (ū, ě...) has no Big5 code: spaces stand in for it in both.
    text = "".join(" " if c in "āáǎàēéěèīíǐìōóǒòūúǔùǖ" else c for c in text)
    original = gipparse.loads(text)
    report = gipparse.loads(text.encode("cp950"))
    assert report.source == original.source
    assert report.statistics == original.statistics
    assert report.metadata.agency == "阜阳市应急管理局"
    sources = [d for d in report.diagnostics if d.code.startswith("source.")]
    assert [(d.code, d.severity.value) for d in sources] == [("source.big5", "info")]
    # GBK stays GBK, in either script.
    for seed in SEEDS:
        gbk = gipparse.loads(seed.read_text(encoding="utf-8").encode("gb18030"))
        assert not [d for d in gbk.diagnostics if d.code == "source.big5"]


# -- progress -----------------------------------------------------------------------------


def test_display_width_counts_cjk_twice() -> None:
    from gipparse.cli import display_width, fit

    assert display_width("abc") == 3
    assert display_width("报告abc") == 7
    assert display_width("ＡＢ") == 4  # full-width forms
    assert display_width("e\u0301") == 1  # a combining accent takes no column
    path = "reports/河南省/开封市鼓楼区应急管理局2020年政府信息公开工作年度报告.txt"
    for width in (10, 20, 37, 80):
        cut = fit(path, width)
        assert display_width(cut) <= width
    assert fit(path, 200) == path
    short = fit(path, 30)
    assert "..." in short
    assert short.endswith("年度报告.txt")


@pytest.mark.parametrize("columns", [20, 40, 80, 120])
def test_the_progress_line_fits_the_terminal_and_shows_rate_and_eta(
    columns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gipparse.cli import _Progress, display_width

    monkeypatch.setenv("COLUMNS", str(columns))
    progress = _Progress(400, False)
    progress.done = 100
    line = progress.line("报告/" * 30 + "a.txt", progress._start + 4.0)
    assert display_width(line) <= columns - 1
    assert line.startswith("[100/400]")
    if columns >= 40:
        assert " 25/s ETA 12s " in line
    progress.done = 400
    done = progress.line("a.txt", progress._start + 16.0)
    assert "ETA" not in done
    assert done.startswith("[400/400] 25/s")


# -- corpus checks ------------------------------------------------------------------------


def next_year(changes: dict[int, str]) -> str:
    """Seed 004 (2021) as its agency's 2022 report, with the value of some lines changed
    (line number: new value)."""
    lines = SEEDS[4].read_text(encoding="utf-8").replace("2021年", "2022年").split("\n")
    for number, value in changes.items():
        old = lines[number - 1]
        assert old.rstrip().endswith("0"), old
        lines[number - 1] = old.rstrip()[:-1] + value
    return "\n".join(lines)


@pytest.fixture
def years(tmp_path: Path) -> Path:
    """Two years of one agency: 上年结转 of 2022 (2, natural persons) is not 结转下年度 of
    2021 (0); 现行有效 of 规章 follows (0 + 5 − 0 = 5), of 行政规范性文件 does not (0 + 0 − 0
    ≠ 3)."""
    root = tmp_path / "years"
    root.mkdir()
    shutil.copy(SEEDS[4], root / "2021.txt")
    text = next_year({92: "2", 98: "2", 341: "2", 347: "2", 25: "5", 27: "5", 32: "3"})
    (root / "2022.txt").write_text(text, encoding="utf-8")
    report = gipparse.load(root / "2022.txt")
    assert report.metadata.year == 2022
    assert report.valid  # each report holds on its own
    return root


def test_corpus_checks_compare_an_agency_across_years(years: Path) -> None:
    from gipparse.checks.corpus import check_corpus

    reports = [gipparse.load(years / "2021.txt"), gipparse.load(years / "2022.txt")]
    found = check_corpus(reports)
    a, b = str(years / "2021.txt"), str(years / "2022.txt")
    assert [(f["code"], f["path"], f["line"], f["other_path"], f["other_line"]) for f in found] == [
        ("corpus.carry-over", b, 92, a, 341),
        ("corpus.carry-over", b, 98, a, 347),
        ("corpus.in-force", b, 32, a, 32),
    ]
    assert found[0]["message"].startswith(
        "二、上年结转 (natural_person) of 枣庄市台儿庄区应急管理局 for 2022 is 2, but "
        "四、结转下年度继续办理 of its 2021 report is 0"
    )
    assert "现行有效 0 of 2021" in found[2]["message"]
    assert "+ 制发 0 − 废止 0 = 0" in found[2]["message"]
    # The reports are not changed, and the same reports in another order say the same.
    assert reports[1].statistics["applications.carried_over.total"] == 2
    assert check_corpus(reversed(reports)) == found


def test_corpus_duplicates_are_named_not_compared(years: Path) -> None:
    from gipparse.checks.corpus import check_corpus

    shutil.copy(years / "2022.txt", years / "2022-again.txt")
    found = check_corpus(gipparse.load(p) for p in sorted(years.iterdir()))
    assert [f["code"] for f in found] == ["corpus.duplicate"]


def test_validate_corpus_on_the_command_line(years: Path) -> None:
    result = run("validate", "--corpus", years, "--min-severity", "warning")
    assert result.returncode == 1
    out = result.stdout.decode().splitlines()
    b = years / "2022.txt"
    assert f"{b}:92: warning[corpus.carry-over]: 二、上年结转 (natural_person)" in "\n".join(out)
    assert any(line.startswith(f"{b}:32: warning[corpus.in-force]: 行政规范性文件") for line in out)
    assert out[-1].endswith("; 3 mismatches between text, tables and years")
    as_json = parse_json(run("validate", "--corpus", years, "-f", "json").stdout)
    assert [f["code"] for f in as_json["corpus"]] == ["corpus.carry-over"] * 2 + ["corpus.in-force"]
    assert as_json["summary"]["mismatches"] == 3
    # Without --corpus the same files are valid.
    assert run("validate", years).returncode == 0


def test_prose_is_checked_against_the_tables(tmp_path: Path) -> None:
    from gipparse.checks.prose import check_prose, stated_numbers

    # Seed 001 says 收到依申請公開0件 and 未收到...行政復議或行政訴訟: all true.
    seed = gipparse.load(SEEDS[1])
    stated = {(keys[0], number) for keys, _, number, _, _ in stated_numbers(seed)}
    assert stated == {
        ("applications.new.total", 0),
        ("appeals.review.total", 0),
        ("appeals.litigation_direct.total", 0),
    }
    assert check_prose(seed) == []
    # Seed 004 counts 信访案件0宗 (not applications) and 未收到政府信息公开申请.
    assert [(k[0], n) for k, _, n, _, _ in stated_numbers(gipparse.load(SEEDS[4]))] == [
        ("applications.new.total", 0),
        ("appeals.review.total", 0),
    ]
    # A statement broken over lines, as PDF text is, that the table contradicts.
    text = (
        SEEDS[0]
        .read_text(encoding="utf-8")
        .replace(
            "一、总体情况\n",
            "一、总体情况\n区政府办代表区政府受理政府\n信息公开申请 １７ 件，均已答复。\n",
            1,
        )
    )
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    report = gipparse.load(tmp_path / "r.txt")
    found = check_prose(report)
    cell = gipparse.load(SEEDS[0]).statistics.sources["applications.new.total"]
    line = cell.span.line + 2  # two lines inserted above it
    assert [(f["code"], f["line"], f["other_line"]) for f in found] == [("prose.mismatch", 4, line)]
    assert found[0]["message"] == (
        "the text says 17 for 申请 received (“受理政府信息公开申请17件”), but the table has "
        f"applications.new.total = 0 (line {line})"
    )
    assert report.statistics["applications.new.total"] == 0  # reported, not repaired
    result = run("validate", "--corpus", tmp_path / "r.txt")
    assert result.returncode == 1
    assert f"{tmp_path / 'r.txt'}:4: warning[prose.mismatch]" in result.stdout.decode()


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        ("本年度共收到政府信息公开申请二十三件。", [("applications.new.total", 23)]),
        ("全年受理申请一百零五件，", [("applications.new.total", 105)]),
        ("收到申请１,２０４件。", [("applications.new.total", 1204)]),
        ("发生行政复议两起，", [("appeals.review.total", 2)]),
        # Durations and numerals that are no number are not counts.
        ("收到申请后十五个工作日内予以答复。", []),
        ("收到申请后15个工作日内予以答复。", []),
        ("收到申请二二件。", []),
        # Nor more digits than a cell may hold: 5000 of them passed int()'s limit.
        ("收到申请" + "9" * 19 + "件。", []),
        ("收到申请" + "1" * 5000 + "件。", []),
        ("收到申请0012件。", [("applications.new.total", 12)]),
    ],
)
def test_prose_counts_in_chinese_numerals_are_read_and_durations_are_not(
    tmp_path: Path, sentence: str, stated: list[tuple[str, int]]
) -> None:
    from gipparse.checks.prose import check_prose, stated_numbers

    text = SEEDS[0].read_text(encoding="utf-8")
    path = tmp_path / "r.txt"
    path.write_text(text.replace("一、总体情况\n", f"一、总体情况\n{sentence}\n", 1), "utf-8")
    report = gipparse.load(path)
    assert [(k[0], n) for k, _, n, _, _ in stated_numbers(report)] == stated
    # Seed 000's tables have 0 for each of these: every stated count is a mismatch.
    assert [f["line"] for f in check_prose(report)] == [3] * len(stated)
