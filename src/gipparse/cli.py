"""The ``gipparse`` command: export, validate, parse, render, plugins.

stdout carries results only (CSV, JSON, diagnostics, rendered text), always UTF-8;
messages about files that could not be read, summaries of failures and progress go to
stderr. Exit status: 0 when everything was read (and, for ``validate``, every report is
valid), 1 when something failed, 2 for a usage error, 130 when interrupted.

Imports are kept inside the commands: a one-report ``gipparse export`` should cost little
more than ``import gipparse``.
"""

from __future__ import annotations

import os
import sys
import typing
from collections.abc import Callable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

    from .export.records import Record

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

_FORMAT_BY_SUFFIX = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}
_SEVERITIES = ("info", "warning", "error")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default ``sys.argv[1:]``); return the exit status."""
    if argv is None:
        # Run as the program: what exists now (the interpreter, gipparse and its
        # dependencies, imported with the collector paused) lives until the process
        # ends, so the collector is told to leave it alone, during the run and in the
        # full collection at exit (4% of a one-report export). Worker processes inherit
        # that. A caller that passes *argv* keeps its collector as it is.
        import gc

        gc.freeze()
    return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    from .errors import GipparseError

    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _parser(argv)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        status: int = args.run(args)
    except GipparseError as exc:
        print(f"gipparse: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("gipparse: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`gipparse export ... | head`): stop quietly, and keep
        # Python from complaining again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    return status


# -- the parser -----------------------------------------------------------------------

_DESCRIPTION = (
    "Read 政府信息公开工作年度报告 (government information disclosure annual reports): "
    "export their statistics, check their arithmetic, show their structure."
)


def _jobs(text: str) -> int:
    import argparse

    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not 0 (all cores) or a number of processes")
    return jobs


def _columns() -> int:
    """The terminal width, as :func:`shutil.get_terminal_size` finds it (without importing
    shutil and the compression modules it pulls in)."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def _parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser for *argv*: argparse builds a help formatter for every argument it is
    given, so when *argv* names a command only that command's arguments are declared."""
    import argparse

    from . import __version__

    class Formatter(argparse.HelpFormatter):
        def __init__(self, prog: str) -> None:
            super().__init__(prog, width=max(_columns() - 2, 20))

    parser = argparse.ArgumentParser(
        prog="gipparse", description=_DESCRIPTION, formatter_class=Formatter
    )
    parser.add_argument("--version", action="version", version=f"gipparse {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    named = next((a for a in argv if not a.startswith("-")), None)
    for name, (summary, description, declare) in _COMMANDS.items():
        if named in _COMMANDS and name != named:
            continue
        p = sub.add_parser(name, help=summary, description=description, formatter_class=Formatter)
        declare(p)
    return parser


def _batch_arguments(p: argparse.ArgumentParser) -> None:
    import argparse

    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="report files, or folders walked recursively for .txt files and the "
        "suffixes plugins read",
    )
    p.add_argument(
        "--samples",
        action="store_true",
        help="also read the sample reports shipped with gipparse",
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="worker processes (default 1; 0 = one per core); the output is the same",
    )
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show progress on stderr (default: when stderr is a terminal)",
    )
    p.add_argument(
        "--max-size",
        type=int,
        default=None,
        metavar="BYTES",
        help="refuse files larger than this (default 64 MiB)",
    )


def _export_arguments(p: argparse.ArgumentParser) -> None:
    _batch_arguments(p)
    p.add_argument(
        "-f",
        "--format",
        choices=("csv", "jsonl", "json"),
        help="output format (default: from the suffix of -o, else csv)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(run=_run_export)


def _validate_arguments(p: argparse.ArgumentParser) -> None:
    _batch_arguments(p)
    p.add_argument("-f", "--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--min-severity",
        choices=_SEVERITIES,
        default="info",
        help="list only diagnostics this severe or more (default: all)",
    )
    p.set_defaults(run=_run_validate)


def _parse_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="a report file, or - for stdin")
    p.add_argument("--source", action="store_true", help="include the decoded source text")
    p.add_argument("--compact", action="store_true", help="one line, no indentation")
    p.set_defaults(run=_run_parse)


def _render_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="a report file, or - for stdin")
    p.add_argument(
        "-t", "--to", metavar="FORMAT", help="table format: tab, pipe, markdown, or a plugin's"
    )
    p.set_defaults(run=_run_render)


def _plugins_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("-f", "--format", choices=("text", "json"), default="text")
    p.set_defaults(run=_run_plugins)


# -- helpers --------------------------------------------------------------------------


def _stdout() -> IO[bytes]:
    sys.stdout.flush()
    return sys.stdout.buffer


def _batch_paths(args: argparse.Namespace) -> list[str]:
    from . import sample_paths
    from .errors import GipparseError
    from .export.records import expand_paths
    from .manager import default_plugin_manager

    given: list[str] = list(args.paths)
    if args.samples:
        given.extend(str(p) for p in sample_paths())
    if not given:
        raise GipparseError("no input: give report files or folders, or --samples")
    suffixes = default_plugin_manager().source_suffixes() | {".txt"}
    return expand_paths(given, sorted(suffixes))


def _records(args: argparse.Namespace, paths: list[str], columns: bool) -> Iterator[Record]:
    from .export.records import iter_records

    return iter_records(paths, jobs=args.jobs, columns=columns, max_size=args.max_size)


class _Progress:
    """``[12/340] path`` on one stderr line, rewritten at most ten times a second."""

    def __init__(self, total: int, enabled: bool | None) -> None:
        self.total = total
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.done = 0
        self._shown = 0
        self._last = 0.0

    def step(self, path: str | None) -> None:
        self.done += 1
        if not self.enabled:
            return
        import time

        now = time.monotonic()
        if now - self._last < 0.1 and self.done < self.total:
            return
        self._last = now
        text = f"[{self.done}/{self.total}] {path or ''}"
        if len(text) > 100:
            text = text[:97] + "..."
        self._write(text)

    def _write(self, text: str) -> None:
        pad = " " * max(0, self._shown - len(text))
        sys.stderr.write("\r" + text + pad)
        sys.stderr.flush()
        self._shown = len(text)

    def clear(self) -> None:
        if self.enabled and self._shown:
            self._write("")
            sys.stderr.write("\r")
            sys.stderr.flush()
            self._shown = 0

    def say(self, line: str) -> None:
        """Print *line* on stderr without mixing it into the progress line."""
        self.clear()
        print(line, file=sys.stderr)


def _format_diagnostic(path: str | None, d: dict[str, Any]) -> str:
    where = path or "<string>"
    if d.get("line") is not None:
        where += f":{d['line']}"
        if d.get("column") is not None:
            where += f":{d['column']}"
    return f"{where}: {d['severity']}[{d['code']}]: {d['message']}"


class _Output:
    """stdout, or the file named: a new or regular file is written beside its final name
    and moved there when complete, so that an interrupted run never leaves half a file
    where a whole one was expected; anything else (``/dev/null``, a pipe, a symbolic link)
    is written in place, never replaced."""

    def __init__(self, name: str | None) -> None:
        self.name = name
        self._tmp: str | None = None
        self._own = False
        self.stream: IO[bytes]

    def __enter__(self) -> IO[bytes]:
        import stat

        if self.name is None or self.name == "-":
            self.stream = _stdout()
            return self.stream
        try:
            mode = os.lstat(self.name).st_mode
        except FileNotFoundError:
            mode = None
        except OSError as exc:
            self._fail(exc)
        try:
            if mode is None or stat.S_ISREG(mode):
                folder = os.path.dirname(os.path.abspath(self.name))
                fd, self._tmp = _private_file(folder)
                self.stream = os.fdopen(fd, "wb")
                # mkstemp makes the file private; give it the mode a plain open would.
                if mode is None:
                    umask = os.umask(0)
                    os.umask(umask)
                    os.chmod(fd, 0o666 & ~umask)
                else:
                    os.chmod(fd, stat.S_IMODE(mode))
            else:
                self.stream = open(self.name, "wb")
        except OSError as exc:
            self._fail(exc)
        self._own = True
        return self.stream

    def _fail(self, exc: OSError) -> typing.NoReturn:
        from .errors import GipparseError

        raise GipparseError(f"cannot write {self.name}: {exc.strerror or exc}") from None

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        if not self._own:
            self.stream.flush()
            return
        self.stream.close()
        if self._tmp is None:
            return
        if kind is not None:
            os.unlink(self._tmp)
            return
        assert self.name is not None
        try:
            os.replace(self._tmp, self.name)
        except OSError as error:
            os.unlink(self._tmp)
            self._fail(error)


def _private_file(folder: str) -> tuple[int, str]:
    """A new file in *folder* that only its owner may read, open for writing, and its
    path: what :func:`tempfile.mkstemp` makes (same flags, same mode), without the import
    of tempfile (random, shutil and the compression modules), which costs a one-report
    ``gipparse export -o FILE`` a tenth of its time."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0)
    for _ in range(100):
        path = os.path.join(folder, f".gipparse-{os.urandom(6).hex()}.part")
        try:
            return os.open(path, flags, 0o600), path
        except FileExistsError:
            continue
    import errno

    raise FileExistsError(errno.EEXIST, "no unused name for a temporary file", folder)


# -- export ---------------------------------------------------------------------------


def _run_export(args: argparse.Namespace) -> int:
    from functools import partial

    from .export.records import iter_records

    fmt = args.format
    if fmt is None:
        suffix = os.path.splitext(args.output or "")[1].lower()
        fmt = _FORMAT_BY_SUFFIX.get(suffix, "csv")
    paths = _batch_paths(args)
    progress = _Progress(len(paths), args.progress)
    failed = 0
    items: Iterator[_ExportItem] = iter_records(
        paths,
        jobs=args.jobs,
        max_size=args.max_size,
        transform=partial(_export_item, fmt),
    )
    try:
        with _Output(args.output) as out:
            if fmt == "csv":
                from .export.records import csv_columns

                out.write(("\ufeff" + ",".join(csv_columns()) + "\r\n").encode("utf-8"))
            elif fmt == "json":
                out.write(b"[")
            for i, (path, data, problems) in enumerate(items):
                if fmt == "json":
                    out.write(b"\n" if i == 0 else b",\n")
                out.write(data)
                if problems:
                    failed += 1
                    for line in problems:
                        progress.say(line)
                progress.step(path)
            if fmt == "json":
                out.write(b"\n]\n" if paths else b"]\n")
    finally:
        progress.clear()
    if args.output not in (None, "-") and progress.enabled:
        print(f"gipparse: {len(paths)} records written to {args.output}", file=sys.stderr)
    if failed:
        print(
            f"gipparse: {failed} of {len(paths)} files could not be read as reports",
            file=sys.stderr,
        )
        return EXIT_FAILED
    return EXIT_OK


#: What a worker sends back for one report: its path, its encoded output, and the lines
#: saying why it failed (none when it did not).
_ExportItem = tuple[str, bytes, list[str]]


def _export_item(fmt: str, record: Record) -> _ExportItem:
    """Encode *record* for the output, where it was made (a worker process, with --jobs)."""
    from .export.records import csv_line, is_readable, is_report, record_json

    if fmt == "csv":
        data = csv_line(record).encode("utf-8")
    elif fmt == "jsonl":
        data = (record_json(record) + "\n").encode("utf-8")
    else:
        data = record_json(record).encode("utf-8")
    problems = []
    if not is_readable(record) or not is_report(record):
        errors = [d for d in record["diagnostics"] if d["severity"] == "error"]
        # What made the file fail: the file-level errors, else the first error.
        for d in [d for d in errors if d["line"] is None] or errors[:1]:
            problems.append(_format_diagnostic(record["path"], d))
        if not problems:
            problems.append(f"{record['path']}: not read as a report")
    return record["path"], data, problems


# -- validate -------------------------------------------------------------------------


def _run_validate(args: argparse.Namespace) -> int:
    from .export.records import is_readable, is_report

    paths = _batch_paths(args)
    progress = _Progress(len(paths), args.progress)
    threshold = _SEVERITIES.index(args.min_severity)
    counts = dict.fromkeys(("valid", "relations_fail", "no_statistics", "unreadable"), 0)
    by_severity = dict.fromkeys(_SEVERITIES, 0)
    as_json = args.format == "json"
    out = _stdout()
    if as_json:
        from .export.serialize import to_json

        out.write(b'{"reports": [')
    try:
        for i, record in enumerate(_records(args, paths, columns=True)):
            if not is_readable(record):
                counts["unreadable"] += 1
            elif not is_report(record):
                counts["no_statistics"] += 1
            elif record["valid"]:
                counts["valid"] += 1
            else:
                counts["relations_fail"] += 1
            shown = [
                d for d in record["diagnostics"] if _SEVERITIES.index(d["severity"]) >= threshold
            ]
            for d in record["diagnostics"]:
                by_severity[d["severity"]] += 1
            if as_json:
                item = {"path": record["path"], "valid": record["valid"], "diagnostics": shown}
                out.write((("\n" if i == 0 else ",\n") + to_json(item)).encode("utf-8"))
            elif shown:
                text = "".join(_format_diagnostic(record["path"], d) + "\n" for d in shown)
                progress.clear()
                out.write(text.encode("utf-8"))
                if progress.enabled:
                    out.flush()  # before the progress line is drawn again
            progress.step(record["path"])
    finally:
        progress.clear()
    total = len(paths)
    if as_json:
        summary = {
            "files": total,
            **counts,
            "errors": by_severity["error"],
            "warnings": by_severity["warning"],
            "info": by_severity["info"],
        }
        out.write(('\n], "summary": ' + to_json(summary) + "}\n").encode("utf-8"))
    else:
        line = (
            f"{total} {'file' if total == 1 else 'files'}: {counts['valid']} valid, "
            f"{counts['relations_fail']} failing relations, {counts['no_statistics']} "
            f"without statistics, {counts['unreadable']} unreadable; "
            f"{by_severity['error']} errors, {by_severity['warning']} warnings, "
            f"{by_severity['info']} info\n"
        )
        out.write(line.encode("utf-8"))
    out.flush()
    return EXIT_OK if counts["valid"] == total else EXIT_FAILED


# -- parse, render, plugins -----------------------------------------------------------


def _load_one(name: str) -> Any:
    from .pipeline import load, loads

    if name == "-":
        return loads(sys.stdin.buffer.read(), path="<stdin>")
    return load(name)


def _run_parse(args: argparse.Namespace) -> int:
    from .export.serialize import to_dict, to_json

    report = _load_one(args.file)
    text = to_json(to_dict(report, source=args.source), indent=None if args.compact else 2)
    _stdout().write((text + "\n").encode("utf-8"))
    return EXIT_OK


def _run_render(args: argparse.Namespace) -> int:
    from .writer import render_report

    report = _load_one(args.file)
    _stdout().write(render_report(report, args.to).encode("utf-8"))
    return EXIT_OK


def _run_plugins(args: argparse.Namespace) -> int:
    from .manager import default_plugin_manager

    manager = default_plugin_manager()
    plugins = manager.plugins()
    formats = [(f.name, f.parses) for f in manager.table_formats()]
    templates = [t.id for t in manager.templates()]
    suffixes = sorted(manager.source_suffixes())
    if args.format == "json":
        from .export.serialize import to_json

        data = {
            "plugins": [{"name": name, "hooks": hooks} for name, hooks in plugins],
            "table_formats": [{"name": n, "parses": p} for n, p in formats],
            "templates": templates,
            "source_suffixes": suffixes,
        }
        text = to_json(data, indent=2) + "\n"
    else:
        lines = []
        for name, hooks in plugins:
            lines.append(name)
            lines.extend(f"    {hook}" for hook in hooks)
        lines.append("")
        shown = [n if p else f"{n} (render only)" for n, p in formats]
        lines.append("table formats: " + ", ".join(shown))
        lines.append("templates: " + (", ".join(templates) or "(none)"))
        lines.append("source suffixes: " + " ".join(suffixes))
        text = "\n".join(lines) + "\n"
    _stdout().write(text.encode("utf-8"))
    return EXIT_OK


#: name: (one-line summary, description, what declares its arguments)
_COMMANDS: dict[str, tuple[str, str, Callable[[argparse.ArgumentParser], None]]] = {
    "export": (
        "write the statistics of reports as CSV or JSON",
        "Write one record per report: metadata, every statistic under its schema key, "
        "whether all relations hold, and the diagnostics (JSON). CSV has one column per "
        "schema key of both templates and is UTF-8 with a BOM. Exit status 1 when a file "
        "cannot be read as a report.",
        _export_arguments,
    ),
    "validate": (
        "check reports and list every diagnostic",
        "Print each diagnostic as path:line:col: severity[code]: message, then a summary. "
        "Exit status 1 when a report fails a relation, has no statistics, or cannot be read.",
        _validate_arguments,
    ),
    "parse": (
        "print the whole report tree as JSON",
        "Print the report's AST as JSON (a documented layout with a version field).",
        _parse_arguments,
    ),
    "render": (
        "print a report with its tables in another format",
        "Print the report as text with every table in the format --to (default: as read).",
        _render_arguments,
    ),
    "plugins": (
        "list registered plugins and the hooks they implement",
        "List the registered plugins (built-in, then entry points) with their hooks, the "
        "table formats, the templates and the file suffixes read.",
        _plugins_arguments,
    ),
}
