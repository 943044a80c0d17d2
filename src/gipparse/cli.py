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
from collections.abc import Callable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

    from .export.forked import Workers
    from .export.records import Record

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


class _Terminated(BaseException):
    """SIGTERM, raised where the command is, so that it ends as an interruption does: the
    worker processes are stopped and a partial output file is removed."""


class _terminated_as_exception:
    """While active (in the main thread), SIGTERM raises :class:`_Terminated`."""

    def __enter__(self) -> None:
        from .export.inputs import signal

        parent = os.getpid()

        def terminate(signum: int, frame: object) -> None:
            if os.getpid() != parent:
                # A worker forked from this process, before it set its own handlers (or
                # while its pool's initializer runs): it ends as SIGTERM's default would,
                # not with this process's clean-up and a traceback of its initializer.
                os._exit(128 + signum)
            raise _Terminated

        try:
            self.previous = signal.signal(signal.SIGTERM, terminate)
        except ValueError:  # not the main thread: leave SIGTERM alone
            self.previous = None

    def __exit__(self, *exc: object) -> None:
        from .export.inputs import signal

        if self.previous is not None:
            signal.signal(signal.SIGTERM, self.previous)


_SEVERITIES = ("info", "warning", "error")


class UsageError(Exception):
    """A command line that asks for something impossible: exit status 2."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default ``sys.argv[1:]``); return the exit status."""
    if argv is None:
        # Run as the program: what exists now (the interpreter and gipparse's
        # dependencies) lives until the process ends, so the collector is told to leave
        # it alone, during the run and in the full collection at exit (4% of a
        # one-report export). Worker processes inherit that. The collector is also
        # paused while the process starts, which is most of a run reading one report:
        # importing gipparse, building its plugin manager and templates makes objects
        # that live as long, and the collector would go over them again and again (3%
        # of a one-report export); it resumes once more than one file is to be read
        # (see _batch_paths). A caller that passes *argv* keeps its collector as it is.
        import gc

        global _PAUSED  # noqa: PLW0603
        gc.freeze()
        _PAUSED = gc.isenabled()
        gc.disable()
        try:
            return _main(argv)
        finally:
            # What is alive now lives until the process ends: spare it the collection
            # at exit; and leave the collector as it was found.
            _resume_collector()
            gc.freeze()
    return _main(argv)


#: Whether :func:`main` paused the collector for the start of a run.
_PAUSED = False


def _resume_collector() -> None:
    """Resume the collector paused by :func:`main`, leaving alone what the start made."""
    global _PAUSED  # noqa: PLW0603
    if _PAUSED:
        import gc

        _PAUSED = False
        gc.freeze()
        gc.enable()


def _main(argv: Sequence[str] | None) -> int:
    from .errors import GipparseError

    argv = list(sys.argv[1:] if argv is None else argv)
    args: Any = _quick_export_arguments(argv)
    if args is None:
        parser = _parser(argv)
        args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        with _terminated_as_exception():
            status: int = args.run(args)
    except _Terminated:
        print("gipparse: terminated", file=sys.stderr)
        return EXIT_TERMINATED
    except UsageError as exc:
        print(f"gipparse {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except GipparseError as exc:
        from .export.safety import printable

        print(f"gipparse: error: {printable(str(exc))}", file=sys.stderr)
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


# The converters of option values import argparse only to refuse one: the quick reading
# of an export's options (_quick_export_arguments) calls them without argparse, which a
# run that needs no parser does not import (1.5 ms).


def _refused(message: str) -> Exception:
    import argparse

    return argparse.ArgumentTypeError(message)


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise _refused(f"{text!r} is not 0 (all cores) or a number of processes")
    return jobs


def _size(text: str) -> int:
    from .export.inputs import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        raise _refused(str(exc)) from None


def _seconds(text: str) -> float:
    import math

    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not (seconds >= 0 and math.isfinite(seconds)):
        raise _refused(f"{text!r} is not a number of seconds (0 = no limit)")
    return seconds


def _shard(text: str) -> tuple[int, int]:
    index, _, count = text.partition("/")
    try:
        i, n = int(index), int(count)
    except ValueError:
        i = n = 0
    if not 1 <= i <= n:
        raise _refused(f"{text!r} is not I/N with 1 <= I <= N (such as 2/8)")
    return i, n


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


#: The options of ``export`` :func:`_quick_export_arguments` reads: option -> (attribute,
#: what the option does: ``"value"``, ``True``/``False`` stored, or the value's type).
_QUICK_EXPORT: dict[str, tuple[str, object]] = {
    "--samples": ("samples", True),
    "-j": ("jobs", _jobs),
    "--jobs": ("jobs", _jobs),
    "--shard": ("shard", _shard),
    "--progress": ("progress", True),
    "--no-progress": ("progress", False),
    "--max-size": ("max_size", _size),
    "-q": ("quiet", True),
    "--quiet": ("quiet", True),
    "-v": ("verbose", True),
    "--verbose": ("verbose", True),
    "--timeout": ("timeout", _seconds),
    "-f": ("format", "value"),
    "--format": ("format", "value"),
    "-o": ("output", "value"),
    "--output": ("output", "value"),
    "--bom": ("bom", True),
    "--no-bom": ("bom", False),
    "--chinese-headers": ("chinese_headers", True),
    "--diagnostics": ("diagnostics", "value"),
}


def _quick_export_arguments(argv: Sequence[str]) -> Any:
    """The arguments of an ``export`` command line written plainly, as argparse reads them
    (``tests/test_cli.py`` holds the two together), or ``None``: argparse then reads it.

    Plainly: options spelt in full, each given once, their values after them (``-o FILE``,
    ``-oFILE``, ``--output=FILE``) and not starting with ``-`` (but ``-`` itself), the
    paths in one run. Importing argparse (with gettext and locale) and declaring the
    command's arguments cost more than a one-report export reads and writes; anything else
    (help, an abbreviation, ``--``, an error to report) is left to argparse."""
    if not argv or argv[0] != "export":
        return None
    found: dict[str, Any] = {}
    paths: list[str] = []
    run_ended = False  # a run of paths was followed by an option
    i = 1
    while i < len(argv):
        token = argv[i]
        i += 1
        if token == "-" or not token.startswith("-"):
            if run_ended:
                return None
            paths.append(token)
            continue
        if paths:
            run_ended = True
        if " " in token:
            return None
        if token.startswith("--"):
            name, equals, value = token.partition("=")
            attached = value if equals else None
        else:
            name, attached = token[:2], token[2:] or None
            if attached is not None and attached.startswith("="):
                return None
        known = _QUICK_EXPORT.get(name)
        if known is None:
            return None
        attribute, does = known
        if attribute in found:
            return None
        if isinstance(does, bool):
            if attached is not None:
                return None
            found[attribute] = does
            continue
        if attached is None:
            if i == len(argv):
                return None
            attached = argv[i]
            i += 1
            if attached.startswith("-") and attached != "-":
                return None
        if does == "value":
            found[attribute] = attached
            continue
        try:
            found[attribute] = does(attached)  # type: ignore[operator]
        except Exception:  # argparse says what is wrong with it
            return None
    if found.get("quiet") and found.get("verbose"):
        return None
    if "format" in found:
        from .export import FORMATS

        if found["format"] not in FORMATS:
            return None
    import types

    return types.SimpleNamespace(
        command="export",
        paths=paths,
        samples=found.get("samples", False),
        jobs=found.get("jobs", 1),
        shard=found.get("shard"),
        progress=found.get("progress"),
        max_size=found.get("max_size"),
        quiet=found.get("quiet", False),
        verbose=found.get("verbose", False),
        timeout=found.get("timeout", 120.0),
        format=found.get("format"),
        output=found.get("output"),
        bom=found.get("bom", True),
        chinese_headers=found.get("chinese_headers", False),
        diagnostics=found.get("diagnostics"),
        run=_run_export,
    )


def _batch_arguments(p: argparse.ArgumentParser) -> None:
    import argparse

    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="report files, folders walked recursively for .txt files and the "
        "suffixes plugins read, glob patterns (quoted), or - for stdin",
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
        "--shard",
        type=_shard,
        default=None,
        metavar="I/N",
        help="read only part I of N of the files found, to split a corpus over machines: "
        "consecutive parts, about equal in number of files; the JSON-lines outputs of "
        "1/N to N/N, concatenated, are the output of the whole corpus",
    )
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show progress on stderr (default: when stderr is a terminal)",
    )
    p.add_argument(
        "--max-size",
        type=_size,
        default=None,
        metavar="SIZE",
        help="refuse files larger than this: bytes, or 10MB, 64MiB (default 64 MiB)",
    )
    loud = p.add_mutually_exclusive_group()
    loud.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="say nothing on stderr but errors (no progress, no skipped files, no summary)",
    )
    loud.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="also list each skipped file, and the records written",
    )
    p.add_argument(
        "--timeout",
        type=_seconds,
        default=120.0,
        metavar="SECONDS",
        help="abandon a file that takes longer than this, with an error record "
        "(default 120; 0 = no limit)",
    )


def _export_arguments(p: argparse.ArgumentParser) -> None:
    import argparse

    _batch_arguments(p)
    from .export import FORMATS

    p.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        help="output format (default: from the suffix of -o, else csv); sqlite, parquet and "
        "xlsx need -o",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument(
        "--bom",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="start CSV with a byte-order mark, for spreadsheet programs (default: yes)",
    )
    p.add_argument(
        "--chinese-headers",
        action="store_true",
        help="CSV and xlsx headers in Chinese (the labels of gipparse schema)",
    )
    p.add_argument(
        "--diagnostics",
        metavar="FILE",
        help="also write every diagnostic, one per row, to FILE (CSV, or JSON lines for .jsonl)",
    )
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
    p.add_argument(
        "--corpus",
        action="store_true",
        help="also check the reports against each other: carry-over between years, table 二 "
        "across years, and each report's text against its tables",
    )
    p.add_argument(
        "--html",
        metavar="FILE",
        help="also write a page showing each report's tables, failing cells in red",
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


def _schema_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("-f", "--format", choices=("csv", "json"), default="csv")
    p.add_argument(
        "--template", metavar="ID", help="only the statistics of this template (2020, 2021...)"
    )
    p.set_defaults(run=_run_schema)


def _plugins_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("-f", "--format", choices=("text", "json"), default="text")
    p.set_defaults(run=_run_plugins)


# -- helpers --------------------------------------------------------------------------


def _stdout() -> IO[bytes]:
    sys.stdout.flush()
    return sys.stdout.buffer


def _batch_paths(args: argparse.Namespace) -> list[str]:
    """The files the batch reads. Files a folder walk leaves out are listed on stderr by
    kind with the reason (each one with --verbose); nothing to read is an error."""
    from . import sample_paths
    from .errors import GipparseError
    from .export.inputs import Skipped, expand_patterns
    from .export.records import expand_paths, walked_suffixes
    from .manager import default_plugin_manager

    given: list[str] = list(args.paths)
    if args.samples:
        given.extend(str(p) for p in sample_paths())
    if not given:
        raise UsageError("no input: give report files or folders, or --samples")
    if given.count("-") > 1:
        raise UsageError("- (standard input) can be given once")
    # Asked only of a folder: the readers are loaded to tell their suffixes.
    suffixes = walked_suffixes(default_plugin_manager())
    skipped = Skipped()
    paths = expand_paths(expand_patterns(given), suffixes, skipped=skipped)
    if not args.quiet or not paths:
        from .export.safety import printable

        for line in skipped.lines(verbose=args.verbose):
            print(f"gipparse: {printable(line)}", file=sys.stderr)
    if not paths:
        what = f"{len(skipped)} skipped" if len(skipped) else "the folders hold no files"
        raise GipparseError(f"nothing to read: no report files found ({what})")
    if args.shard is not None:
        i, n = args.shard
        paths = paths[(i - 1) * len(paths) // n : i * len(paths) // n]
    if len(paths) > 1:
        _resume_collector()
    return paths


def _records(args: argparse.Namespace, paths: list[str], columns: bool) -> Iterator[Record]:
    from .export.records import iter_records

    return iter_records(
        paths, jobs=args.jobs, columns=columns, max_size=args.max_size, timeout=args.timeout
    )


def display_width(text: str) -> int:
    """Columns *text* takes on a terminal: East Asian wide and full-width characters two,
    combining marks none, others one."""
    import unicodedata

    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


def fit(text: str, width: int) -> str:
    """*text* cut to *width* terminal columns, with ``...`` in the middle when cut (the end
    of a path names the file)."""
    if display_width(text) <= width:
        return text
    if width <= 3:
        return "." * max(width, 0)
    keep = width - 3
    head_width = keep // 3
    head = ""
    for ch in text:
        if display_width(head + ch) > head_width:
            break
        head += ch
    tail = ""
    for ch in reversed(text):
        if display_width(head) + display_width(ch + tail) > keep:
            break
        tail = ch + tail
    return head + "..." + tail


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


class _Progress:
    """``[12/340] 25/s ETA 13s path`` on one stderr line, rewritten at most ten times a
    second, never wider than the terminal (CJK characters count two columns)."""

    def __init__(self, total: int, enabled: bool | None) -> None:
        import time

        self.total = total
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.done = 0
        self._shown = 0
        self._last = 0.0
        self._start = time.monotonic()
        self.width = max(_stderr_columns() - 1, 10)

    def line(self, path: str | None, now: float) -> str:
        """The progress line after *done* files, at time *now*."""
        elapsed = now - self._start
        parts = [f"[{self.done}/{self.total}]"]
        if elapsed > 0 and self.done:
            rate = self.done / elapsed
            parts.append(f"{rate:.0f}/s" if rate >= 10 else f"{rate:.1f}/s")
            if self.done < self.total:
                parts.append(f"ETA {_duration((self.total - self.done) / rate)}")
        # On a narrow terminal the ETA goes first, then the rate.
        while len(parts) > 1 and display_width(" ".join(parts)) > self.width:
            parts.pop()
        text = " ".join(parts)
        if path:
            from .export.safety import printable

            room = self.width - display_width(text) - 1
            if room > 3:
                text += " " + fit(printable(path), room)
        return fit(text, self.width)

    def step(self, path: str | None) -> None:
        self.done += 1
        if not self.enabled:
            return
        import time

        now = time.monotonic()
        if now - self._last < 0.1 and self.done < self.total:
            return
        self._last = now
        self._write(self.line(path, now))

    def _write(self, text: str) -> None:
        width = display_width(text)
        pad = " " * max(0, self._shown - width)
        sys.stderr.write("\r" + text + pad)
        sys.stderr.flush()
        self._shown = width

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


def _stderr_columns() -> int:
    """The width of the terminal stderr shows on (``COLUMNS`` first)."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stderr__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def _format_diagnostic(path: str | None, d: dict[str, Any]) -> str:
    """One line for a terminal: what came from the file (its name, its text) with control
    characters escaped, so that a name holding ESC cannot drive the terminal."""
    from .export.safety import printable

    where = path or "<string>"
    if d.get("line") is not None:
        where += f":{d['line']}"
        if d.get("column") is not None:
            where += f":{d['column']}"
    return printable(f"{where}: {d['severity']}[{d['code']}]: {d['message']}")


# -- export ---------------------------------------------------------------------------


def _export_format(args: argparse.Namespace) -> str:
    """The output format: --format, else the suffix of -o (an unknown one is refused),
    else CSV."""
    from .export import FILE_FORMATS, FORMAT_BY_SUFFIX

    fmt: str | None = args.format
    to_stdout = args.output in (None, "-")
    if fmt is None and not to_stdout:
        suffix = os.path.splitext(args.output)[1].lower()
        fmt = FORMAT_BY_SUFFIX.get(suffix)
        if fmt is None and suffix:
            known = " ".join(sorted(FORMAT_BY_SUFFIX))
            raise UsageError(
                f"-o {args.output}: no output format has the suffix {suffix} "
                f"(known: {known}); choose one with --format"
            )
    fmt = fmt or "csv"
    if fmt in FILE_FORMATS and to_stdout:
        raise UsageError(f"--format {fmt} writes a file: give it with -o FILE")
    if args.chinese_headers and fmt not in ("csv", "xlsx"):
        raise UsageError("--chinese-headers is for csv and xlsx output")
    return fmt


def _run_export(args: argparse.Namespace) -> int:
    from functools import partial

    from .export import FILE_FORMATS

    fmt = _export_format(args)
    keep = fmt in FILE_FORMATS or args.diagnostics is not None
    reading = {
        "jobs": args.jobs,
        "max_size": args.max_size,
        "columns": args.diagnostics is not None,
        "transform": partial(_export_item, fmt, keep),
        "timeout": args.timeout,
    }
    workers = None
    if args.jobs != 1 and "-" not in args.paths:
        from .export.inputs import resolve_jobs
        from .export.records import start_workers

        # More than one file is likely: the collector resumes (see main) before the
        # workers are forked from this process, and they are forked before the folders
        # are walked, so that they warm themselves while it walks. Not more than the
        # cores: more processes than files would be forked before the files are counted
        # (--jobs 1000 for five files); those are forked after the walk, one a file at
        # most.
        _resume_collector()
        if resolve_jobs(args.jobs) <= resolve_jobs(0):
            workers = start_workers(**reading)
    if workers is None:
        return _export(args, fmt, reading)
    with workers:
        return _export(args, fmt, reading, workers)


def _export(
    args: argparse.Namespace, fmt: str, reading: dict[str, Any], workers: Workers | None = None
) -> int:
    from .export import FILE_FORMATS
    from .export.inputs import check_limits
    from .export.records import iter_records
    from .export.safety import OutputFile, check_output

    check_limits(args.max_size)  # before any output: not in the record of every file
    paths = _batch_paths(args)
    outputs = [name for name in (args.output, args.diagnostics) if name not in (None, "-")]
    for i, name in enumerate(outputs):
        check_output(name, paths, others=outputs[:i])
    progress = _Progress(len(paths), False if args.quiet else args.progress)
    failed = 0
    items: Iterator[_ExportItem] = iter_records(paths, **reading, workers=workers)
    diagnostics = None
    writer = None
    complete = False
    try:
        if args.diagnostics is not None:
            from .export.writers import DiagnosticsWriter

            diagnostics = DiagnosticsWriter(args.diagnostics)
        if fmt in FILE_FORMATS:
            from .export.writers import open_writer

            writer = open_writer(fmt, args.output, chinese=args.chinese_headers)
        with (
            OutputFile(None if writer is not None else args.output) as out,
            _write_errors(args.output),
        ):
            if fmt == "csv":
                out.write(_csv_header(args).encode("utf-8"))
            elif fmt == "json":
                out.write(b"[")
            for i, (path, data, problems, record) in enumerate(items):
                if record is not None and writer is not None:
                    writer.write(record)
                else:
                    if fmt == "json":
                        out.write(b"\n" if i == 0 else b",\n")
                    out.write(data)
                if record is not None and diagnostics is not None:
                    diagnostics.write(record)
                if problems:
                    failed += 1
                    for line in problems:
                        progress.say(line)
                progress.step(path)
            if fmt == "json":
                out.write(b"\n]\n" if paths else b"]\n")
        complete = True
    finally:
        progress.clear()
        if writer is not None:
            writer.close(complete=complete)
        if diagnostics is not None:
            diagnostics.close(complete=complete)
    if args.output not in (None, "-") and (progress.enabled or args.verbose):
        print(f"gipparse: {len(paths)} records written to {args.output}", file=sys.stderr)
    if failed:
        print(
            f"gipparse: {failed} of {len(paths)} files could not be read as reports",
            file=sys.stderr,
        )
        return EXIT_FAILED
    return EXIT_OK


def _csv_header(args: argparse.Namespace) -> str:
    from .export.records import csv_columns, plain_csv_line

    columns: list[str] = list(csv_columns())
    if args.chinese_headers:
        from .export.codebook import chinese_headers

        columns = chinese_headers(columns)
    line = plain_csv_line(columns)
    if line is None:
        import csv
        import io

        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow(columns)
        line = buffer.getvalue()
    return ("\ufeff" if args.bom else "") + line


class _write_errors:
    """Turns a failed write (a full disk, a quota, an I/O error) into a
    :class:`GipparseError` naming the output; a reader going away stays a
    :class:`BrokenPipeError`."""

    def __init__(self, name: str | None) -> None:
        self.name = "stdout" if name in (None, "-") else name

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            from .errors import GipparseError
            from .export.safety import printable

            raise GipparseError(
                f"cannot write {printable(self.name)}: {exc.strerror or exc}"
            ) from None


#: What a worker sends back for one report: its path, its encoded output, the lines
#: saying why it failed (none when it did not), and the record itself when the main
#: process writes it (a file format, or --diagnostics).
_ExportItem = tuple[str, bytes, list[str], "Record | None"]


def _export_item(fmt: str, keep: bool, record: Record) -> _ExportItem:
    """Encode *record* for the output, where it was made (a worker process, with --jobs)."""
    from .export.records import csv_line, is_readable, is_report, record_json
    from .export.safety import json_bytes

    if fmt == "csv":
        data = csv_line(record).encode("utf-8")
    elif fmt == "jsonl":
        data = json_bytes(record_json(record) + "\n")
    elif fmt == "json":
        data = json_bytes(record_json(record))
    else:
        data = b""
    problems = []
    if not is_readable(record) or not is_report(record):
        errors = [d for d in record["diagnostics"] if d["severity"] == "error"]
        # What made the file fail: the file-level errors, else the first error.
        for d in [d for d in errors if d["line"] is None] or errors[:1]:
            problems.append(_format_diagnostic(record["path"], d))
        if not problems:
            problems.append(f"{record['path']}: not read as a report")
    return record["path"], data, problems, record if keep else None


# -- validate -------------------------------------------------------------------------


def _run_validate(args: argparse.Namespace) -> int:
    from .export.inputs import check_limits
    from .export.records import is_readable, is_report
    from .export.safety import check_output, json_bytes

    check_limits(args.max_size)  # before any output: not in the record of every file
    paths = _batch_paths(args)
    if args.html not in (None, "-"):
        # (Checked before the reports are read, as -o is: the page is written at the end.)
        check_output(args.html, paths)
    progress = _Progress(len(paths), False if args.quiet else args.progress)
    threshold = _SEVERITIES.index(args.min_severity)
    counts = dict.fromkeys(("valid", "relations_fail", "no_statistics", "unreadable"), 0)
    by_severity = dict.fromkeys(_SEVERITIES, 0)
    as_json = args.format == "json"
    out = _stdout()
    facts: list[dict[str, Any]] = []
    sections: list[tuple[Record, str]] = []
    mismatches = 0
    if as_json:
        from .export.serialize import to_json

        out.write(b'{"reports": [')
    try:
        for i, (record, fact, findings, section) in enumerate(_inspected(args, paths)):
            if fact is not None:
                facts.append(fact)
            if section is not None:
                sections.append((record, section))
            if findings:
                # The text of a report against its own tables: listed with its diagnostics.
                mismatches += len(findings)
                record["diagnostics"] += [
                    {k: f[k] for k in ("code", "severity", "message", "line")} | {"column": None}
                    for f in findings
                ]
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
                out.write(json_bytes(("\n" if i == 0 else ",\n") + to_json(item)))
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
    corpus: list[dict[str, Any]] = []
    if args.corpus:
        from .checks.corpus import MISMATCH_CODES, check_corpus, format_finding

        corpus = check_corpus(facts)
        mismatches += sum(1 for f in corpus if f["code"] in MISMATCH_CODES)
        for f in corpus:
            by_severity[f["severity"]] += 1
        shown_corpus = [f for f in corpus if _SEVERITIES.index(f["severity"]) >= threshold]
        if not as_json:
            from .export.safety import printable

            lines = (printable(format_finding(f)) + "\n" for f in shown_corpus)
            out.write("".join(lines).encode("utf-8"))
    if args.html is not None:
        _write_page(args.html, sections, corpus)
    if as_json:
        summary = {
            "files": total,
            **counts,
            "errors": by_severity["error"],
            "warnings": by_severity["warning"],
            "info": by_severity["info"],
        }
        if args.corpus:
            summary["mismatches"] = mismatches
        out.write(b"\n]")
        if args.corpus:
            out.write(json_bytes(', "corpus": ' + to_json(shown_corpus)))
        out.write((', "summary": ' + to_json(summary) + "}\n").encode("utf-8"))
    else:
        line = (
            f"{total} {'file' if total == 1 else 'files'}: {counts['valid']} valid, "
            f"{counts['relations_fail']} failing relations, {counts['no_statistics']} "
            f"without statistics, {counts['unreadable']} unreadable; "
            f"{by_severity['error']} errors, {by_severity['warning']} warnings, "
            f"{by_severity['info']} info"
        )
        if args.corpus:
            line += f"; {mismatches} {'mismatch' if mismatches == 1 else 'mismatches'} "
            line += "between text, tables and years"
        out.write((line + "\n").encode("utf-8"))
    out.flush()
    if args.html is not None and not args.quiet:
        print(f"gipparse: validation page written to {args.html}", file=sys.stderr)
    return EXIT_OK if counts["valid"] == total and not mismatches else EXIT_FAILED


def _inspected(
    args: argparse.Namespace, paths: list[str]
) -> Iterator[tuple[Record, dict[str, Any] | None, list[dict[str, Any]], str | None]]:
    """Each file's record, and with --corpus or --html what those need of its report."""
    if not args.corpus and args.html is None:
        for record in _records(args, paths, columns=True):
            yield record, None, [], None
        return
    from .export.inspect import inspect_paths

    yield from inspect_paths(
        paths,
        jobs=args.jobs,
        max_size=args.max_size,
        corpus=args.corpus,
        html=args.html is not None,
        timeout=args.timeout,
    )


def _write_page(name: str, sections: list[tuple[Record, str]], corpus: list[Any]) -> None:
    from html import escape

    from .checks.corpus import format_finding
    from .export.htmlpage import page

    found = [f'<li class="{f["severity"]}">{escape(format_finding(f))}</li>' for f in corpus]
    from .export.safety import OutputFile, readable_name

    with OutputFile(name) as out:
        # File names that are not UTF-8 shown as the CSV and JSON records show them.
        out.write(readable_name(page(sections, found)).encode("utf-8"))


# -- parse, render, plugins -----------------------------------------------------------


def _load_one(name: str) -> Any:
    from .export.inputs import STDIN, STDIN_PATH, input_error
    from .pipeline import load, loads

    if name == STDIN:
        return loads(sys.stdin.buffer.read(), path=STDIN_PATH)
    error = input_error(name)
    if error is not None:
        raise error
    return load(name)


def _run_schema(args: argparse.Namespace) -> int:
    from .export.codebook import codebook, to_csv

    entries = codebook()
    if args.template is not None:
        from .manager import default_plugin_manager
        from .templates.engine import find_template

        try:
            template = find_template(args.template, default_plugin_manager().templates())
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        by_key = {e["key"]: e for e in entries}
        entries = [
            {**by_key[key], "label": template.label(key), "templates": template.id}
            for key in template.keys
        ]
    if args.format == "json":
        from .export.serialize import to_json

        text = to_json(entries, indent=2) + "\n"
    else:
        text = to_csv(entries)
    _stdout().write(text.encode("utf-8"))
    return EXIT_OK


def _run_parse(args: argparse.Namespace) -> int:
    from .export.safety import json_bytes
    from .export.serialize import to_dict, to_json

    report = _load_one(args.file)
    text = to_json(to_dict(report, source=args.source), indent=None if args.compact else 2)
    _stdout().write(json_bytes(text + "\n"))
    return EXIT_OK


def _run_render(args: argparse.Namespace) -> int:
    from .writer import render_report

    report = _load_one(args.file)
    _stdout().write(render_report(report, args.to).encode("utf-8"))
    return EXIT_OK


def _run_plugins(args: argparse.Namespace) -> int:
    from .manager import default_plugin_manager
    from .source.formats import source_formats

    manager = default_plugin_manager()
    plugins = manager.plugins()
    readers = source_formats(manager)
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
            "source_formats": [
                {
                    "name": f.name,
                    "suffixes": list(f.suffixes),
                    "plugin": f.plugin,
                    "readable": f.readable,
                    "missing": f.missing,
                }
                for f in readers
            ],
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
        lines.append("")
        lines.append("formats read now:")
        for f in readers:
            if f.readable:
                lines.append(f"    {f.name}: {' '.join(f.suffixes)} ({f.plugin})")
        lines.append("formats not read:")
        for f in readers:
            if not f.readable:
                lines.append(f"    {f.name}: {' '.join(f.suffixes)}: needs {f.missing}")
        if all(f.readable for f in readers):
            lines.append("    (none)")
        text = "\n".join(lines) + "\n"
    _stdout().write(text.encode("utf-8"))
    return EXIT_OK


#: name: (one-line summary, description, what declares its arguments)
_COMMANDS: dict[str, tuple[str, str, Callable[[argparse.ArgumentParser], None]]] = {
    "export": (
        "write the statistics of reports as CSV, JSON, SQLite, Parquet or xlsx",
        "Write one record per report: metadata, whether all relations hold and why not "
        "(errors, warnings, first_error), every statistic under its schema key, and the "
        "diagnostics (JSON, SQLite, --diagnostics). CSV has one column per schema key of "
        "both templates and is UTF-8 with a BOM. Files a folder walk skips are counted on "
        "stderr. Exit status 1 when a file cannot be read as a report or nothing is read, "
        "2 for a usage error.",
        _export_arguments,
    ),
    "validate": (
        "check reports and list every diagnostic",
        "Print each diagnostic as path:line:col: severity[code]: message, then a summary. "
        "--corpus also compares reports of one agency across years and each report's text "
        "with its tables; --html draws the tables on one page. Exit status 1 when a report "
        "fails a relation, has no statistics, or cannot be read, or --corpus finds a "
        "mismatch.",
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
    "schema": (
        "print the codebook: every column with its Chinese label",
        "Print every column of the export: key, Chinese label, table, kind (count, signed, "
        "amount...), unit and the templates that have it, as CSV or JSON.",
        _schema_arguments,
    ),
    "plugins": (
        "list registered plugins and the hooks they implement",
        "List the registered plugins (built-in, then entry points) with their hooks, the "
        "table formats, the templates and the file suffixes read; then the source formats "
        "that can be read now, and what each of the others needs (a plugin to install, or "
        "a program a plugin runs).",
        _plugins_arguments,
    ),
}
