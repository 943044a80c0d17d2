"""Writers of the dataset into files: SQLite, Parquet and xlsx (CSV and JSON lines are
encoded record by record in :mod:`gipparse.export.records`), and the long form of diagnostics.

Every writer takes records (see :mod:`gipparse.export.records`) one at a time, writes beside the
final file and moves it in place when complete (an interrupted run leaves no half file).
Values pass through :func:`cell` on their way to a spreadsheet or a table, and texts bound
for a spreadsheet (xlsx) on through :func:`gipparse.export.records.text_cell`, which the CSV
rows use too: the one place where a text may be changed on its way out.

Parquet needs pyarrow (``pip install "gipparse[parquet]"``), xlsx needs openpyxl
(``pip install "gipparse[xlsx]"``); SQLite is in Python's standard library.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ..errors import GipparseError
from . import FILE_FORMATS, FORMAT_BY_SUFFIX, FORMATS  # noqa: F401  (named here before)
from .records import LEAD_COLUMNS, META_KEYS, Record, reasons, text_cell
from .safety import OutputFile, json_bytes, not_a_regular_file, part_file, readable_name

#: The optional extras: the module a feature needs and the extra that installs it.
EXTRAS = {"parquet": ("pyarrow", "parquet"), "xlsx": ("openpyxl", "xlsx")}


def require(module: str, extra: str, what: str) -> Any:
    """Import *module*, or raise a :class:`GipparseError` naming the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise GipparseError(
            f'{what} needs {module}, which is not installed: pip install "gipparse[{extra}]"'
        ) from None


def cell(value: object, *, sheet: bool = True) -> object:
    """A value as it is written into a spreadsheet or table cell: ``Decimal`` amounts as
    floats (what spreadsheets and Parquet ``double`` columns hold), others as they are.
    Texts are made readable; in a spreadsheet (*sheet*: xlsx, as the CSV's) they pass
    through :func:`~gipparse.export.records.text_cell`, so that none can start a formula.
    SQLite and Parquet are data, not sheets: their texts keep how they begin."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        return text_cell(value) if sheet else readable_name(value)
    return value


def row_values(record: Record, keys: Sequence[str]) -> list[object]:
    """The values of *record* in the order of :data:`LEAD_COLUMNS` then *keys*: typed
    (``int``, ``Decimal``, ``bool``, ``str``, ``None``), not yet passed to :func:`cell`."""
    meta = record["meta"]
    stats = record["stats"]
    return [
        record["path"],
        *(meta.get(k) for k in META_KEYS),
        bool(record["valid"]),
        *reasons(record),
        *(stats.get(k) for k in keys),
    ]


class _FileWriter:
    """Writes a file at a temporary name beside *path*, moved there by :meth:`close`.
    *path* must be a regular file or nothing yet: a database, a Parquet file or a
    workbook is no stream, and moving a file onto a device (``/dev/null``) or a named pipe
    would replace it."""

    #: The format, as the error of a name that is no regular file says it.
    kind = "file"

    def __init__(self, path: str) -> None:
        self.path = path
        what = not_a_regular_file(path)
        if what is not None:
            raise GipparseError(
                f"cannot write {readable_name(path)}: it is {what}, and a {self.kind} is "
                "written as a regular file; name one"
            )
        try:
            fd, self.tmp = part_file(path, None)
            os.close(fd)  # (each format's library writes it by its name)
        except OSError as exc:
            raise GipparseError(f"cannot write {path}: {exc.strerror or exc}") from None

    def write(self, record: Record) -> None:
        raise NotImplementedError

    def _finish(self) -> None:
        raise NotImplementedError

    def close(self, *, complete: bool = True) -> None:
        """Finish the file and move it in place; with ``complete=False``, drop it."""
        try:
            if complete:
                self._finish()
                os.replace(self.tmp, self.path)
        except OSError as exc:
            raise GipparseError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        finally:
            if os.path.exists(self.tmp):
                os.unlink(self.tmp)


def _keys() -> tuple[str, ...]:
    from ..manager import schema_keys

    return schema_keys(None)


class SqliteWriter(_FileWriter):
    """A SQLite database: ``reports`` (one row per report: the lead columns of the CSV),
    ``statistics`` (long form: ``report_id``, ``key``, ``label``, ``value``; every key of
    the report's template, ``value`` NULL where unknown), ``diagnostics`` (``report_id``,
    ``code``, ``severity``, ``message``, ``line``, ``column``) and ``codebook``."""

    kind = "SQLite database"

    def __init__(self, path: str) -> None:
        import sqlite3

        super().__init__(path)
        os.unlink(self.tmp)
        self.db = sqlite3.connect(self.tmp)
        self.db.executescript(
            """
            CREATE TABLE reports (
                id INTEGER PRIMARY KEY, path TEXT, agency TEXT, year INTEGER,
                template TEXT, script TEXT, period TEXT, valid INTEGER,
                errors INTEGER, warnings INTEGER, first_error TEXT
            );
            CREATE TABLE statistics (
                report_id INTEGER NOT NULL REFERENCES reports(id),
                key TEXT NOT NULL, label TEXT, value NUMERIC,
                PRIMARY KEY (report_id, key)
            );
            CREATE TABLE diagnostics (
                report_id INTEGER NOT NULL REFERENCES reports(id),
                code TEXT NOT NULL, severity TEXT NOT NULL, message TEXT,
                line INTEGER, "column" INTEGER
            );
            CREATE TABLE codebook (
                key TEXT PRIMARY KEY, label TEXT, "table" TEXT, kind TEXT, unit TEXT,
                templates TEXT
            );
            """
        )
        from .codebook import codebook

        self.labels: dict[tuple[str | None, str], str] = {}
        for t in _templates():
            for key in t.keys:
                self.labels[(t.id, key)] = t.label(key)
        self.db.executemany(
            "INSERT INTO codebook VALUES (:key, :label, :table, :kind, :unit, :templates)",
            codebook(),
        )
        self.next_id = 1

    def write(self, record: Record) -> None:
        rid = self.next_id
        self.next_id += 1
        values = [cell(v, sheet=False) for v in row_values(record, ())]
        self.db.execute(
            "INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [rid, *values]
        )
        template = record["meta"].get("template")
        self.db.executemany(
            "INSERT INTO statistics VALUES (?, ?, ?, ?)",
            [
                (rid, k, self.labels.get((template, k), ""), cell(v, sheet=False))
                for k, v in record["stats"].items()
            ],
        )
        self.db.executemany(
            "INSERT INTO diagnostics VALUES (?, ?, ?, ?, ?, ?)",
            [
                (rid, d["code"], d["severity"], d["message"], d["line"], d.get("column"))
                for d in record["diagnostics"]
            ],
        )

    def _finish(self) -> None:
        self.db.executescript(
            """
            CREATE INDEX statistics_key ON statistics (key);
            CREATE INDEX diagnostics_report ON diagnostics (report_id);
            CREATE INDEX diagnostics_code ON diagnostics (code);
            """
        )
        self.db.commit()
        self.db.close()

    def close(self, *, complete: bool = True) -> None:
        if not complete:
            self.db.close()
        super().close(complete=complete)


def _templates() -> list[Any]:
    from ..manager import default_plugin_manager

    return list(default_plugin_manager().templates())


class ParquetWriter(_FileWriter):
    """A Parquet file with the CSV's columns: counts ``int64``, amounts ``double`` (万元),
    ``valid`` ``bool``, nulls where unknown; each statistic column's Chinese label is in
    its field metadata (``label``)."""

    kind = "Parquet file"

    def __init__(self, path: str) -> None:
        self.pa = require("pyarrow", "parquet", "Parquet output")
        self.pq = require("pyarrow.parquet", "parquet", "Parquet output")
        super().__init__(path)
        self.keys = _keys()
        self.columns: list[list[object]] = [[] for _ in range(len(LEAD_COLUMNS) + len(self.keys))]

    def write(self, record: Record) -> None:
        for column, value in zip(self.columns, row_values(record, self.keys), strict=True):
            column.append(cell(value, sheet=False))

    def _finish(self) -> None:
        from .codebook import codebook

        pa = self.pa
        labels = {e["key"]: e["label"] for e in codebook()}
        types = {
            "year": pa.int64(),
            "valid": pa.bool_(),
            "errors": pa.int64(),
            "warnings": pa.int64(),
        }
        fields = []
        for name in (*LEAD_COLUMNS, *self.keys):
            if name in types:
                kind = types[name]
            elif name in LEAD_COLUMNS:
                kind = pa.string()
            else:
                kind = pa.float64() if name.endswith(".amount") else pa.int64()
            fields.append(pa.field(name, kind, metadata={"label": labels.get(name, "")}))
        schema = pa.schema(fields)
        table = pa.Table.from_arrays(
            [pa.array(c, type=f.type) for c, f in zip(self.columns, fields, strict=True)],
            schema=schema,
        )
        self.pq.write_table(table, self.tmp)


class XlsxWriter(_FileWriter):
    """An Excel workbook: sheet ``reports`` (the CSV's columns, header frozen, autofilter
    on), sheet ``codebook`` (every column's key, Chinese label, table, kind, unit and
    templates). With *chinese*, the header row holds the Chinese labels."""

    kind = "workbook"

    def __init__(self, path: str, *, chinese: bool = False) -> None:
        openpyxl = require("openpyxl", "xlsx", "xlsx output")
        super().__init__(path)
        self.keys = _keys()
        self.book = openpyxl.Workbook(write_only=True)
        self.sheet = self.book.create_sheet("reports")
        columns = [*LEAD_COLUMNS, *self.keys]
        if chinese:
            from .codebook import chinese_headers

            columns = chinese_headers(columns)
        self.width = len(columns)
        self.sheet.freeze_panes = "B2"
        self.rows = 1
        self.sheet.append(columns)

    def write(self, record: Record) -> None:
        self.sheet.append([cell(v) for v in row_values(record, self.keys)])
        self.rows += 1

    def _finish(self) -> None:
        from openpyxl.utils import get_column_letter

        from .codebook import FIELDS, codebook

        self.sheet.auto_filter.ref = f"A1:{get_column_letter(self.width)}{self.rows}"
        book = self.book.create_sheet("codebook")
        book.freeze_panes = "A2"
        book.append(list(FIELDS))
        for entry in codebook():
            book.append([entry[f] for f in FIELDS])
        self.book.save(self.tmp)


def open_writer(fmt: str, path: str, *, chinese: bool = False) -> _FileWriter:
    """The writer of *fmt* (``sqlite``, ``parquet``, ``xlsx``) into *path*."""
    if fmt == "sqlite":
        return SqliteWriter(path)
    if fmt == "parquet":
        return ParquetWriter(path)
    if fmt == "xlsx":
        return XlsxWriter(path, chinese=chinese)
    raise ValueError(f"no file writer for {fmt!r}")


# -- diagnostics in long form ---------------------------------------------------------

#: The columns of the long form of diagnostics.
DIAGNOSTIC_COLUMNS = ("path", "code", "severity", "line", "column", "message")


class DiagnosticsWriter:
    """Every diagnostic of every record, one per row: CSV (UTF-8 with BOM) or, for a name
    ending in ``.jsonl``, JSON lines, with :data:`DIAGNOSTIC_COLUMNS`. Written as
    ``-o`` is (:class:`~gipparse.export.safety.OutputFile`): a file beside its final
    name, moved there when complete; a device or a pipe (``/dev/stderr``) in place. The
    CSV's texts pass through :func:`~gipparse.export.records.text_cell`, as the records'
    do: a file name that is not UTF-8 is written readably, and no cell starts a formula.

    :raises GipparseError: the file cannot be written (a missing folder, a full disk)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.jsonl = path.lower().endswith((".jsonl", ".ndjson"))
        # ("-" is a file of that name here, as it always was: stdout holds the records.)
        self.output = OutputFile(os.path.join(os.curdir, path) if path == "-" else path)
        self.stream = self.output.__enter__()
        if not self.jsonl:
            import csv

            self.csv = csv.writer(_Encoder(self.stream), lineterminator="\r\n")
            self._write(self.stream.write, b"\xef\xbb\xbf")
            self._write(self.csv.writerow, DIAGNOSTIC_COLUMNS)

    def _write(self, write: Any, what: Any) -> None:
        try:
            write(what)
        except OSError as exc:
            self.output.__exit__(type(exc), exc, None)  # the file goes
            self.output.fail(exc)

    def write(self, record: Record) -> None:
        for d in record["diagnostics"]:
            row = [
                record["path"],
                d["code"],
                d["severity"],
                d.get("line"),
                d.get("column"),
                d["message"],
            ]
            if self.jsonl:
                from .serialize import to_json

                line = to_json(dict(zip(DIAGNOSTIC_COLUMNS, row, strict=True))) + "\n"
                self._write(self.stream.write, json_bytes(line))
            else:
                cells = [
                    "" if v is None else text_cell(v) if isinstance(v, str) else v for v in row
                ]
                self._write(self.csv.writerow, cells)

    def close(self, *, complete: bool = True) -> None:
        """Move the file in place; with ``complete=False``, drop it."""
        if complete:
            self.output.__exit__(None, None, None)
        else:
            self.output.__exit__(GipparseError, None, None)


class _Encoder:
    """A text stream over the binary *stream*, encoding in UTF-8 what the CSV writer writes
    (its rows hold no lone surrogate: they have passed through ``text_cell``)."""

    __slots__ = ("stream",)

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return int(self.stream.write(text.encode("utf-8")))
