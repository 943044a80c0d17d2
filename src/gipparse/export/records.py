"""The dataset: one small record per report, for one file or a corpus of thousands.

A record is plain data (what ``gipparse export`` writes as JSON)::

    {
      "path": "reports/a.txt",
      "meta": {"agency": str|null, "year": int|null, "template": "2020"|"2021"|null,
               "script": "hans"|"hant"|null, "period": "2020-01-01/2020-12-31"|null},
      "stats": {<schema key>: int | Decimal (万元) | None, ...},
      "valid": bool,
      "diagnostics": [{"code": str, "severity": "error"|"warning"|"info",
                       "message": str, "line": int|null}, ...]
    }

``stats`` holds every schema key of the report's template, in template order, and is empty
when no template was recognised; such a record carries an error saying why (a
``template.*`` error of the parse, or else ``report.no-statistics``). ``valid`` is
:attr:`Report.valid`: statistics were read and every relation of the template holds.

A file that cannot be read as a report (missing, binary, undecodable, empty, too large)
still gets a record, and so does a folder that cannot be listed, so that a batch goes on
and its output names every input: ``meta``
has its five keys, all null; ``stats`` is empty; ``valid`` is false; and one error
diagnostic says why, with code ``source.unreadable`` (``source.too-large`` for a file over
the size limit, ``report.plugin-error`` when a plugin failed on it, ``report.internal-error``
for a failure inside gipparse itself, which is a bug worth reporting).

:func:`export` yields the records in input order; with ``jobs`` other than 1 the reports
are parsed in worker processes, in chunks, and only the records travel back (for the
command line, only their encoded output lines): never a report tree.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import compress, count, repeat
from operator import is_not
from typing import TYPE_CHECKING, Any

from ..errors import GipparseError, InputTooLargeError, PluginError, SourceError
from ..tree.nodes import Diagnostic, Report, Severity
from . import format_decimal

if TYPE_CHECKING:
    from ..manager import PluginManager
    from .forked import Workers
    from .inputs import Skipped

Record = dict[str, Any]
PathLike = str | os.PathLike[str]

#: The ``meta`` keys of a record, in order (also the first CSV columns after ``path``).
META_KEYS = ("agency", "year", "template", "script", "period")

#: Diagnostic code added to the record of a report that has no statistics, unless an
#: error about its template or source already says why.
NO_STATISTICS = "report.no-statistics"


# -- records --------------------------------------------------------------------------


def _diagnostic(d: Diagnostic, columns: bool) -> dict[str, Any]:
    item: dict[str, Any] = {
        "code": d.code,
        "severity": d.severity.value,
        "message": d.message,
        "line": d.line,
    }
    if columns:
        item["column"] = d.column
    return item


def to_record(report: Report, *, columns: bool = False) -> Record:
    """The record of *report* (see the module docstring). With *columns*, each diagnostic
    also carries its ``column``."""
    meta = report.metadata
    stats = report.statistics
    diagnostics = [_diagnostic(d, columns) for d in report.diagnostics]
    if stats is None and not any(
        d.severity is Severity.ERROR and d.code.startswith(("template.", "source."))
        for d in report.diagnostics
    ):
        # A record that is not valid says why at error level, even when the parse only
        # warned (a text without tables is a file, not a damaged report).
        diagnostics.append(_no_statistics(columns))
    return {
        "path": report.path,
        "meta": {
            "agency": meta.agency,
            "year": meta.year,
            "template": meta.template,
            "script": meta.script,
            "period": meta.period,
        },
        "stats": {} if stats is None else stats.to_flat(),
        "valid": report.valid,
        "diagnostics": diagnostics,
    }


def _no_statistics(columns: bool) -> dict[str, Any]:
    item: dict[str, Any] = {
        "code": NO_STATISTICS,
        "severity": "error",
        "message": "no statistics: no statutory template was recognised (is this a report?)",
        "line": None,
    }
    if columns:
        item["column"] = None
    return item


def error_record(path: str, exc: BaseException, *, columns: bool = False) -> Record:
    """The record of a file that could not be read as a report."""
    from .inputs import TimeBudgetError, WorkerDiedError

    if isinstance(exc, InputTooLargeError):
        code, message = "source.too-large", exc.reason
    elif isinstance(exc, TimeBudgetError):
        code, message = "report.timeout", str(exc)
    elif isinstance(exc, WorkerDiedError):
        code, message = "report.worker-died", str(exc)
    elif isinstance(exc, SourceError):
        code, message = "source.unreadable", exc.reason
    elif isinstance(exc, PluginError):
        code, message = "report.plugin-error", str(exc)
    elif isinstance(exc, GipparseError):
        code, message = "source.unreadable", str(exc)
    else:
        code = "report.internal-error"
        message = f"internal error: {type(exc).__name__}: {exc} (please report this as a bug)"
    prefix = f"{path}: "
    if message.startswith(prefix):
        message = message[len(prefix) :]
    item: dict[str, Any] = {"code": code, "severity": "error", "message": message, "line": None}
    if columns:
        item["column"] = None
    return {
        "path": path,
        "meta": dict.fromkeys(META_KEYS),
        "stats": {},
        "valid": False,
        "diagnostics": [item],
    }


#: Codes of the one diagnostic of a file that could not be read as a report (those
#: :func:`error_record` gives): the record codes of :mod:`gipparse.checks.catalogue` but
#: ``report.no-statistics`` (a test holds the two together; a one-report export need not
#: import the catalogue).
UNREADABLE_CODES = frozenset(
    {
        "source.unreadable",
        "source.too-large",
        "report.plugin-error",
        "report.internal-error",
        "report.timeout",
        "report.worker-died",
    }
)


def is_readable(record: Record) -> bool:
    """False for the record of a file that could not be read as a report at all."""
    return not any(d["code"] in UNREADABLE_CODES for d in record["diagnostics"])


def is_report(record: Record) -> bool:
    """True when statistics were read: the file is a report of a known template."""
    return bool(record["stats"])


class _Inexact(Exception):
    """A Decimal that the C JSON encoder cannot write as :func:`to_json` does."""


def _number(value: object) -> int | float:
    """The int or float whose JSON text is exactly ``format_decimal(value)``."""
    if type(value) is not Decimal:
        raise TypeError(f"{type(value).__name__} cannot be written as JSON")
    text = format_decimal(value)
    number: int | float = int(value)
    if str(number) == text:
        return number
    number = float(value)
    if repr(number) == text:
        return number
    raise _Inexact


_encode: Callable[[object], str] | None = None

#: The keys of a record, in order: what the fast path of :func:`record_json` writes.
_RECORD_KEYS = ("path", "meta", "stats", "valid", "diagnostics")

#: For the ``stats`` keys of a template (by the keys), the %-format that writes them:
#: ``'{"k0":%s,"k1":%s,…}'``.
_stats_formats: dict[tuple[str, ...], str] = {}


def record_json(record: Record) -> str:
    """``to_json(record)``, several times faster.

    ``stats`` (a template's couple of hundred keys, nearly all plain ints) is written with
    one %-format per template that holds every key's JSON text; the rest by the C encoder
    of :mod:`json`, each Decimal given to it as the int or float that prints the same
    digits. A record of another shape, or an amount that no float prints exactly, goes to
    :func:`to_json`."""
    global _encode  # noqa: PLW0603
    if _encode is None:
        import json

        _encode = json.JSONEncoder(
            ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_number
        ).encode
    try:
        if type(record) is dict and tuple(record) == _RECORD_KEYS:
            stats = _stats_json(record["stats"])
            valid = record["valid"]
            if stats is not None and (valid is True or valid is False):
                return "".join(
                    (
                        '{"path":',
                        _encode(record["path"]),
                        ',"meta":',
                        _encode(record["meta"]),
                        ',"stats":',
                        stats,
                        ',"valid":true,"diagnostics":'
                        if valid
                        else ',"valid":false,"diagnostics":',
                        _encode(record["diagnostics"]),
                        "}",
                    )
                )
        return _encode(record)
    except _Inexact:
        from .serialize import to_json

        return to_json(record)


def _stats_json(stats: object) -> str | None:
    """The JSON text of a ``stats`` mapping as :func:`to_json` writes it, or ``None`` when
    it holds something other than keys with scalar values."""
    if type(stats) is not dict:
        return None
    if not stats:
        return "{}"
    keys = tuple(stats)
    form = _stats_formats.get(keys)
    if form is None:
        if not all(isinstance(k, str) for k in keys):
            return None
        from .serialize import _encoder

        enc = _encoder()
        form = "{" + ",".join(enc(k).replace("%", "%%") + ":%s" for k in keys) + "}"
        if len(_stats_formats) >= 64:
            _stats_formats.clear()
        _stats_formats[keys] = form
    # %s writes an int as its repr; any other value is replaced by its JSON text first.
    values = list(stats.values())
    types = list(map(type, values))
    if types.count(int) != len(types):
        for i in compress(count(), map(is_not, types, repeat(int))):
            text = _WRITERS.get(types[i], _scalar_json)(values[i])
            if text is None:
                return None
            values[i] = text
    return form % tuple(values)


def _null(value: None) -> str:
    return "null"


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _float(value: float) -> str:
    import math  # records hold floats rarely: a one-report export need not load it

    if not math.isfinite(value):
        raise ValueError(f"{value} cannot be written as JSON")
    return float.__repr__(value)


def _scalar_json(value: object) -> str | None:
    """A scalar of a type :data:`_WRITERS` lacks (a subclass of one) as :func:`to_json`
    writes it, or ``None``."""
    if value is True or value is False:
        return _bool(value)
    if isinstance(value, str | int | Decimal | float):
        from .serialize import to_json

        return to_json(value)  # type: ignore[arg-type]
    return None


def _json_string(value: str) -> str:
    from .serialize import _encoder

    return _encoder()(value)


_WRITERS: dict[type, Callable[[Any], str]] = {
    type(None): _null,
    bool: _bool,
    Decimal: format_decimal,
    float: _float,
    str: _json_string,
}
# -- walking folders ------------------------------------------------------------------


def expand_paths(
    paths: Iterable[PathLike],
    suffixes: Iterable[str] | Callable[[], Iterable[str]],
    *,
    skipped: Skipped | None = None,
) -> list[str]:
    """Files named by *paths*, in order: a file as given (whatever its suffix), a folder
    walked recursively for files with one of *suffixes* (case-insensitive), skipping
    hidden files and folders (``.git``), in code-point order of their path components.
    Symbolic links to folders are not followed. A path that does not exist is kept, so
    that it is reported in its turn, and so is a folder that cannot be listed (its
    record says why). Every entry a walk does not read is added to *skipped*.

    *suffixes* may be a function giving them, called only when a folder is walked: the
    suffixes of the readers, which are loaded to tell them, are not needed for files."""
    wanted: tuple[str, ...] | None = None
    found: list[str] = []
    for path in paths:
        name = os.fspath(path)
        if not os.path.isdir(name):
            found.append(name)
            continue
        if wanted is None:
            given = suffixes() if callable(suffixes) else suffixes
            wanted = tuple(s.lower() for s in given)
        found.extend(_walk(name, wanted, skipped))
    return found


def _walk(top: str, wanted: tuple[str, ...], skipped: Skipped | None = None) -> list[str]:
    """The files under the folder *top* with one of the *wanted* suffixes, and the folders
    that could not be listed, in code-point order of their path components.

    Each folder's entries are sorted by name and a subfolder is walked in the place of its
    name, depth first: the order a sort of every path by its components would give, at
    the cost of one sort of names per folder (a third of what :func:`os.walk` and a sort
    of every path cost on a folder of 2,000 reports, which a batch waits for)."""
    from .inputs import skip_kind

    found: list[str] = []
    left: list[tuple[tuple[str, ...], str, str]] = []

    def listing(folder: str) -> Iterator[os.DirEntry[str]] | None:
        try:
            with os.scandir(folder) as entries:
                return iter(sorted(entries, key=_entry_name))
        except OSError:  # kept, so that its record says why it was not read
            found.append(folder)
            return None

    stack: list[tuple[tuple[str, ...], Iterator[os.DirEntry[str]]]] = []
    first = listing(top)
    if first is not None:
        stack.append(((), first))
    while stack:
        parts, entries = stack[-1]
        for entry in entries:
            name = entry.name
            path = entry.path  # os.path.join(its folder, name), made by scandir
            if _is_folder(entry):
                if name.startswith(".") or _is_link(entry):  # not followed
                    if skipped is not None:
                        left.append(((*parts, name), path, skip_kind(name, folder_link=True)))
                    continue
                inside = listing(path)
                if inside is not None:
                    stack.append(((*parts, name), inside))
                    break
            elif name.startswith("."):
                continue
            elif name.lower().endswith(wanted):
                found.append(path)
            elif skipped is not None:
                left.append(((*parts, name), path, skip_kind(name)))
        else:
            stack.pop()
    if skipped is not None:
        for _, path, kind in sorted(left):
            skipped.add(path, kind)
    return found


def _entry_name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Whether *entry* is a folder or a link to one (what :func:`os.walk` lists as one)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False


def walked_suffixes(manager: PluginManager) -> Callable[[], list[str]]:
    """What gives the suffixes a folder walk looks for, for :func:`expand_paths`: the text
    reports' and those the readers of *manager* read, in order; asked only when a folder
    is walked, since telling them loads the readers."""
    return lambda: sorted(manager.source_suffixes() | {".txt"})


# -- one report -----------------------------------------------------------------------


def _record_for(
    path: str,
    plugins: Sequence[object],
    columns: bool,
    max_size: int | None,
    timeout: float | None = None,
) -> Record:
    from .inputs import within_budget

    def read() -> Record:
        nonlocal path
        from .inputs import input_name, read_input

        name, path = path, input_name(path)
        try:
            report = read_input(name, plugins, max_size)
        except Exception as exc:
            return error_record(path, _folder_error(path) or exc, columns=columns)
        return to_record(report, columns=columns)

    def failed(exc: BaseException) -> Record:
        return error_record(path, exc, columns=columns)

    record: Record = within_budget(path, read, failed, timeout)
    return record


def _folder_error(path: str) -> SourceError | None:
    """Why *path*, a folder met in a walk that could not be listed, has no reports;
    ``None`` when *path* is no folder."""
    if not os.path.isdir(path):
        return None
    try:
        with os.scandir(path):
            pass
    except OSError as exc:
        return SourceError(f"cannot read the folder: {exc.strerror or exc}", path=path)
    return SourceError("a folder, not a report", path=path)


def item_for(
    path: str,
    plugins: Sequence[object],
    columns: bool,
    max_size: int | None,
    transform: Callable[[Record], Any] | None,
    *,
    timeout: float | None = None,
) -> Any:
    """The record of *path*, or what *transform* makes of it."""
    record = _record_for(path, plugins, columns, max_size, timeout)
    return record if transform is None else transform(record)


def _reader(
    columns: bool,
    max_size: int | None,
    transform: Callable[[Record], Any] | None,
    timeout: float | None,
) -> Callable[[str, Sequence[object]], Any]:
    """What reads a file of an export in a worker process: ``read(path, plugins)`` gives
    its item (see :func:`item_for`); a picklable partial, for an executor's workers."""
    from functools import partial

    return partial(
        item_for, columns=columns, max_size=max_size, transform=transform, timeout=timeout
    )


def start_workers(
    jobs: int,
    *,
    plugins: Sequence[object] = (),
    columns: bool = False,
    max_size: int | None = None,
    transform: Callable[[Record], Any] | None = None,
    timeout: float | None = None,
) -> Workers | None:
    """*jobs* worker processes forked from this one, each warming itself (see
    :func:`gipparse.export.batch.fork_workers`), ready to read the files given to
    :func:`iter_records` with the same arguments; ``None`` where they cannot be forked
    (see :func:`gipparse.export.forked.usable`) or *jobs* is 1. The caller ends them
    (``with``), unless :func:`iter_records` does."""
    from .batch import fork_workers

    return fork_workers(jobs, plugins, _reader(columns, max_size, transform, timeout))


def _parallel(
    paths: Sequence[str],
    jobs: int,
    *,
    plugins: Sequence[object],
    columns: bool,
    max_size: int | None,
    transform: Callable[[Record], Any] | None,
    timeout: float | None = None,
    workers: Workers | None = None,
) -> Iterator[Any]:
    """The items of *paths* from *jobs* worker processes:
    :func:`~gipparse.export.batch.parallel_items` with the reader of :func:`item_for`."""
    from .batch import parallel_items, worker_lost

    def died(path: str, signum: int | None) -> Any:
        record = error_record(path, worker_lost(path, signum, timeout), columns=columns)
        return record if transform is None else transform(record)

    read = _reader(columns, max_size, transform, timeout)
    return parallel_items(paths, jobs, plugins=plugins, read=read, died=died, workers=workers)


def iter_records(
    paths: Sequence[str],
    *,
    jobs: int = 1,
    plugins: Sequence[object] = (),
    columns: bool = False,
    max_size: int | None = None,
    transform: Callable[[Record], Any] | None = None,
    timeout: float | None = None,
    workers: Workers | None = None,
) -> Iterator[Any]:
    """Records of already expanded *paths*, in order (see :func:`export`).

    *transform*, when given, is applied to each record where it is made (in the worker
    process with *jobs*), and its results are yielded instead: the command line encodes
    its output there, so that the main process only writes bytes. With *jobs* it must be
    picklable (a module-level function, or a :func:`functools.partial` of one), unless
    the workers are forked.

    *workers*, from :func:`start_workers` called with the same arguments, are used (and
    ended) instead of new ones when the files are read in worker processes; the caller
    ends them otherwise.
    """
    from .inputs import check_limits, check_timeout, resolve_jobs

    jobs = resolve_jobs(jobs)
    timeout = check_timeout(timeout)
    check_limits(max_size)
    if jobs == 1 or len(paths) <= 1 or "-" in paths:
        # Standard input is read here: a worker process has none.
        for path in paths:
            yield item_for(path, plugins, columns, max_size, transform, timeout=timeout)
        return
    yield from _parallel(
        paths,
        min(jobs, len(paths)),
        plugins=plugins,
        columns=columns,
        max_size=max_size,
        transform=transform,
        timeout=timeout,
        workers=workers,
    )


def export(
    paths: PathLike | Iterable[PathLike],
    *,
    jobs: int = 1,
    plugins: Sequence[object] = (),
    max_size: int | None = None,
    skipped: list[dict[str, str]] | None = None,
    timeout: float | None = 120.0,
) -> Iterator[Record]:
    """Yield the record of every report under *paths*, in input order, lazily.

    :param paths: a file or folder, or several; folders are walked recursively for text
        files (``.txt``) and the suffixes plugins read, in a stable order (see
        :func:`expand_paths`).
    :param jobs: worker processes; ``1`` parses in this process, ``0`` uses every core.
        The records are the same whatever the number.
    :param plugins: extra plugins (modules, or picklable objects when *jobs* is not 1).
    :param max_size: the largest file accepted, in bytes (see :func:`gipparse.load`).
    :param skipped: a list to which each file or folder a walk did not read is appended,
        as ``{"path", "kind", "reason"}`` (``kind`` is its suffix, or ``hidden``...), when
        the folders are walked (at once).
    :param timeout: seconds one file may take (``None`` or ``0``: no limit); a file that
        overruns gets a ``report.timeout`` record. Kept in the main thread only.
    :raises GipparseError: *jobs* is negative, *timeout* is not a number of seconds
        (negative, NaN), or a size limit or the memory budget is not a number of bytes
        (*max_size*, ``GIPPARSE_MAX_INPUT_SIZE``, ``GIPPARSE_MAX_MEMORY``): at once, rather
        than in the record of every file.

    A file that cannot be read gets a record with an error diagnostic; nothing is raised
    for it: a FIFO or a device met in a folder, a file that overruns the time budget and
    a file whose worker process dies included. Records are the same as ``gipparse export
    --format jsonl`` writes, with 万元 amounts as :class:`~decimal.Decimal`.
    """
    from ..manager import plugin_manager_for
    from .inputs import check_limits, check_timeout, resolve_jobs

    timeout = check_timeout(timeout)
    resolve_jobs(jobs)
    check_limits(max_size)
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    suffixes = walked_suffixes(plugin_manager_for(plugins))
    if skipped is None:
        expanded = expand_paths(paths, suffixes)
    else:
        from .inputs import Skipped, skip_reason

        left = Skipped()
        expanded = expand_paths(paths, suffixes, skipped=left)
        for kind, found in left.by_kind.items():
            reason = skip_reason(kind)
            skipped.extend({"path": p, "kind": kind, "reason": reason} for p in found)
    return iter_records(expanded, jobs=jobs, plugins=plugins, max_size=max_size, timeout=timeout)


# -- tables ---------------------------------------------------------------------------


#: The columns that say why a row is what it is, after ``valid``: the number of error and
#: of warning diagnostics, and the code of the first error (empty when there is none).
REASON_COLUMNS = ("errors", "warnings", "first_error")

#: The columns before the statistics: ``path``, the meta keys, ``valid``, the reasons.
LEAD_COLUMNS = ("path", *META_KEYS, "valid", *REASON_COLUMNS)


def csv_columns() -> tuple[str, ...]:
    """The CSV header: :data:`LEAD_COLUMNS`, then every schema key of both templates in
    template order."""
    from ..manager import schema_keys

    return (*LEAD_COLUMNS, *schema_keys(None))


def reasons(record: Record) -> tuple[int, int, str | None]:
    """``(errors, warnings, first_error)`` of *record*: its number of error and of warning
    diagnostics and the code of its first error (``None`` when it has none)."""
    errors = warnings = 0
    first: str | None = None
    for d in record["diagnostics"]:
        severity = d["severity"]
        if severity == "error":
            errors += 1
            if first is None:
                first = d["code"]
        elif severity == "warning":
            warnings += 1
    return errors, warnings, first


def csv_line(record: Record) -> str:
    """The CSV line of *record* (``\\r\\n`` included), columns as :func:`csv_columns`."""
    global _csv  # noqa: PLW0603
    if _csv is None:
        # Until a line needs quoting (the first one of a batch, mostly), csv is not
        # imported: a process writing one record pays nothing for it.
        plain = plain_csv_line(csv_row(record, csv_columns()[len(LEAD_COLUMNS) :]))
        if plain is not None:
            return plain
        import csv
        import io

        buffer = io.StringIO()
        keys = csv_columns()[len(LEAD_COLUMNS) :]
        _csv = (buffer, csv.writer(buffer, lineterminator="\r\n"), keys)
    buffer, writer, keys = _csv
    buffer.seek(0)
    buffer.truncate()
    writer.writerow(csv_row(record, keys))
    return buffer.getvalue()


_csv: tuple[Any, Any, tuple[str, ...]] | None = None


def plain_csv_line(fields: Sequence[str]) -> str | None:
    """The line :func:`csv.writer` writes for *fields* (``\r\n`` included), when none
    needs quoting (no comma, quote, CR or LF in any, and not one empty field alone); else
    ``None``. What a process writing one record and its header needs, without importing
    :mod:`csv` (2 M instructions, a third of writing the record)."""
    line = ",".join(fields)
    if line.count(",") != len(fields) - 1 or '"' in line or "\r" in line or "\n" in line:
        return None
    if len(fields) == 1 and not line:
        return None
    return line + "\r\n"


def text_cell(text: str) -> str:
    """A text (a path, an agency, a code) on its way into a cell of a spreadsheet (CSV
    here; xlsx through :func:`gipparse.export.writers.cell`): the one place where every
    such text passes. It comes out readable (the bytes of a file name
    that are not UTF-8 as ``\\xNN``) and, when it begins like a spreadsheet formula
    (``=``, ``+``, ``-``, ``@``, TAB, CR), with a ``'`` before it
    (:func:`gipparse.export.safety.csv_text`). Numbers and booleans do not pass here."""
    from .safety import csv_text

    return csv_text(text)


def csv_row(record: Record, keys: Sequence[str]) -> list[str]:
    """One CSV row for *record*: *keys* are the schema keys (the columns after
    :data:`LEAD_COLUMNS`)."""
    meta = record["meta"]
    stats = record["stats"]
    row = [text_cell(record["path"] or "")]
    for key in META_KEYS:
        value = meta.get(key)
        row.append("" if value is None else text_cell(str(value)))
    row.append("true" if record["valid"] else "false")
    errors, warnings, first = reasons(record)
    row += (str(errors), str(warnings), text_cell(first or ""))
    for key in keys:
        value = stats.get(key)
        if value is None:
            row.append("")
        elif isinstance(value, int):
            row.append(str(value))
        else:
            row.append(format_decimal(value))
    return row


def to_dataframe(records: Iterable[Record | Report]) -> Any:
    """A :class:`pandas.DataFrame` of *records* (or reports): the CSV columns, one row each.

    ``errors`` and ``warnings`` count the diagnostics of each severity, ``first_error`` is
    the code of the first error. Counts are nullable integers (``Int64``), 万元 amounts
    are floats (``Float64``; the records keep them as exact decimals), ``valid`` is
    boolean, unknown values are ``<NA>``. pandas is not a dependency of gipparse.

    :raises GipparseError: pandas is not installed.
    """
    import importlib

    try:
        pd: Any = importlib.import_module("pandas")
    except ImportError:
        raise GipparseError(
            "to_dataframe() needs pandas, which is not installed: "
            'pip install pandas (or pip install "gipparse[dataframe]")'
        ) from None
    from ..manager import schema_keys

    keys = schema_keys(None)
    rows: list[list[Any]] = []
    for item in records:
        record = to_record(item) if isinstance(item, Report) else item
        meta = record["meta"]
        stats = record["stats"]
        rows.append(
            [
                record["path"],
                *(meta.get(k) for k in META_KEYS),
                record["valid"],
                *reasons(record),
                *(_float_or_same(stats.get(k)) for k in keys),
            ]
        )
    frame = pd.DataFrame(rows, columns=[*LEAD_COLUMNS, *keys])
    dtypes: dict[str, str] = {
        "year": "Int64",
        "valid": "boolean",
        "errors": "Int64",
        "warnings": "Int64",
        "first_error": "string",
    }
    for key in META_KEYS:
        dtypes.setdefault(key, "string")
    dtypes["path"] = "string"
    for key in keys:
        dtypes[key] = "Float64" if _is_amount(key) else "Int64"
    return frame.astype(dtypes)


def _is_amount(key: str) -> bool:
    return key.rsplit(".", 1)[-1] == "amount"


def _float_or_same(value: object) -> object:
    return float(value) if isinstance(value, Decimal) else value


def read_reports(
    paths: PathLike | Iterable[PathLike],
    *,
    jobs: int = 1,
    plugins: Sequence[object] = (),
    max_size: int | None = None,
) -> Any:
    """The reports under *paths* as a :class:`pandas.DataFrame`, one row each:
    ``to_dataframe(export(paths, ...))`` (see :func:`export` and :func:`to_dataframe`).

    :raises GipparseError: pandas is not installed.
    """
    return to_dataframe(export(paths, jobs=jobs, plugins=plugins, max_size=max_size))
