"""What a batch reads: names given on the command line turned into files, each file read
within its limits (its size, a time budget, no FIFO or device opened), and an account of
every file a folder walk did not read.

* ``-`` is standard input (one report);
* a name that does not exist but holds ``*``, ``?`` or ``[`` is a glob pattern (``**``
  crosses folders), expanded in code-point order; a pattern that matches nothing is kept,
  so that its record says so;
* a URL is kept, so that its record says to download it first;
* a folder is walked (see :func:`gipparse.export.records.expand_paths`), and every file in it that
  is not read is counted by kind with the reason (:class:`Skipped`).
"""

from __future__ import annotations

import os
import re
import threading
import types
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .. import patterns
from ..errors import GipparseError, SourceError
from .safety import FOLDER, not_a_regular_file

if TYPE_CHECKING:
    from ..tree.nodes import Report

#: The name that stands for standard input.
STDIN = "-"
#: The path of the report read from standard input, in records and messages.
STDIN_PATH = "<stdin>"

_URL_RE = patterns.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_GLOB_CHARACTERS = frozenset("*?[")


#: Kinds of skipped entries that are not a suffix.
HIDDEN = "hidden"
LINKED_FOLDER = "link to a folder"
NO_SUFFIX = "no suffix"


def is_url(name: str) -> bool:
    """Is *name* a URL (``https://...``, ``ftp://...``) rather than a file name?"""
    return _URL_RE.match(name) is not None


def is_pattern(name: str) -> bool:
    """Does *name* hold glob characters?"""
    return not _GLOB_CHARACTERS.isdisjoint(name)


def url_error(name: str) -> SourceError:
    """Why a URL is not read."""
    return SourceError(
        "this is a URL; gipparse reads files: download it first "
        f"(for example: curl -LO '{name}') and give the file",
        path=name,
    )


def input_error(name: str) -> SourceError | None:
    """Why the given *name* cannot be read before even trying: a URL, or a glob pattern that
    matched nothing. ``None`` otherwise."""
    if is_url(name):
        return url_error(name)
    if is_pattern(name) and not os.path.lexists(name):
        return SourceError("no file matches this pattern", path=name)
    return None


def input_name(name: str) -> str:
    """The path the report of the given *name* is known by: :data:`STDIN_PATH` for ``-``."""
    return STDIN_PATH if name == STDIN else name


def read_input(name: str, plugins: Sequence[object], max_size: int | None) -> Report:
    """The report of the given *name*: a file, or standard input for ``-`` (read in this
    process: a worker has none); :func:`input_error` raised for what cannot be read."""
    from ..pipeline import load, loads

    if name == STDIN:
        import sys

        data = sys.stdin.buffer.read()
        return loads(data, path=STDIN_PATH, plugins=plugins, max_size=max_size)
    error = input_error(name)
    if error is not None:
        raise error
    return load(name, plugins=plugins, max_size=max_size)


# -- one file within its limits -----------------------------------------------------------
#
# What a batch keeps for each file it reads (see gipparse.export.batch for the rest): a
# file that is no file is not opened, and a file's reading has a time budget. Here, where
# the file is read, so that a run reading one report imports no batch machinery.


def _signal_functions() -> Any:
    """The functions and numbers of :mod:`signal`, without the enums :mod:`signal` wraps
    them in (importing it builds them: 4 M instructions, more than a one-report export
    writes its record); they take and give the same numbers and handlers."""
    try:
        import _signal  # type: ignore[import-not-found,unused-ignore]
    except ImportError:  # pragma: no cover - not CPython
        import signal as _signal
    return _signal


#: What this module and the command line use of :mod:`signal` (see _signal_functions).
signal = _signal_functions()

#: Seconds a file may take before its reading is abandoned, by default.
DEFAULT_TIMEOUT = 120.0
#: A worker process spending this many times the time budget in CPU time on one file is
#: stopped (see :mod:`gipparse.export.batch`): twice, so that the budget's own alarm, which ends
#: any Python code at the budget, always comes first; only a call into native code that
#: does not return meets this limit.
HARD_LIMIT_FACTOR = 2.0
#: The longest a timer is set for (about three years): ``setitimer`` refuses what its
#: platform's ``time_t`` cannot hold (``--timeout 1e10``), and a longer budget is, in
#: effect, none.
_LONGEST_TIMER = 1e8
#: Whether this process is a worker of a batch (set by
#: :func:`gipparse.export.forked.become_worker`): only a
#: worker's reading of a file is given the hard limit, which ends the process.
_in_worker = False


class TimeBudgetError(GipparseError):
    """Reading a file took longer than the time budget of the batch."""


class WorkerDiedError(GipparseError):
    """The worker process reading a file died (see :mod:`gipparse.export.batch`)."""


def not_a_file(path: str) -> SourceError | None:
    """Why *path* is not read: a FIFO, socket or device (``None`` for anything else, which
    the reader opens and judges itself)."""
    kind = not_a_regular_file(path)
    if kind is None or kind == FOLDER:
        return None
    return SourceError(f"not a regular file but {kind}; skipped", path=path)


class _Overrun(BaseException):
    """Raised by the alarm in the parsing thread. A BaseException, so that no ``except
    Exception`` on the way (a plugin's, the reader's) can swallow it."""


def _alarm(signum: int, frame: types.FrameType | None) -> None:
    raise _Overrun


def check_limits(max_size: int | None) -> None:
    """Raise at once what reading every file of a batch would raise: a size limit or a
    memory budget that is not a number of bytes (*max_size*, ``GIPPARSE_MAX_INPUT_SIZE``,
    ``GIPPARSE_MAX_MEMORY``), which would otherwise give each file an error record.

    :raises GipparseError: a limit is negative, or a variable is not a whole number.
    :raises TypeError: *max_size* is not an int."""
    from ..source.budget import memory_budget
    from ..source.decode import max_input_size

    max_input_size(max_size)
    memory_budget()


def check_timeout(timeout: float | None) -> float | None:
    """*timeout* as a batch keeps it: seconds, or ``None`` for no limit (given ``None`` or
    ``0``).

    :raises GipparseError: *timeout* is not a number of seconds, or is negative or NaN."""
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise GipparseError(f"timeout must be a number of seconds or None, not {timeout!r}")
    if not timeout >= 0:  # (NaN included)
        raise GipparseError(f"timeout must be 0 (no limit) or more seconds, not {timeout!r}")
    return float(timeout) or None


def resolve_jobs(jobs: int) -> int:
    """The number of processes for *jobs*: ``0`` means one per core."""
    if jobs < 0:
        raise GipparseError(f"jobs must be 0 (all cores) or more, not {jobs}")
    if jobs == 0:
        if hasattr(os, "sched_getaffinity"):
            return len(os.sched_getaffinity(0)) or 1
        return os.cpu_count() or 1
    return jobs


def within_budget(
    path: str,
    read: Callable[[], Any],
    on_error: Callable[[BaseException], Any],
    timeout: float | None,
) -> Any:
    """``read()``, or ``on_error(TimeBudgetError)`` when it takes longer than *timeout*
    seconds (``None`` or ``0``: no budget), or ``on_error(SourceError)`` without calling
    it when *path* is no regular file."""
    refused = not_a_file(path)
    if refused is not None:
        return on_error(refused)
    if (
        not timeout
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        return read()
    import time

    previous = signal.signal(signal.SIGALRM, _alarm)
    start = time.monotonic()
    timer = (0.0, 0.0)
    hard = _in_worker
    try:
        try:
            timer = signal.setitimer(signal.ITIMER_REAL, min(timeout, _LONGEST_TIMER))
            if hard:
                limit = min(timeout * HARD_LIMIT_FACTOR, _LONGEST_TIMER)
                signal.setitimer(signal.ITIMER_PROF, limit)
            return read()
        finally:
            if hard:
                signal.setitimer(signal.ITIMER_PROF, 0)
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Overrun:
        return on_error(
            TimeBudgetError(
                f"reading it took longer than the time budget of {timeout:g} s; it was "
                "abandoned (raise the budget with --timeout)",
            )
        )
    finally:
        signal.signal(signal.SIGALRM, previous)
        if timer[0] > 0:  # a timer of the caller's was running: it goes on, less our time
            left = max(timer[0] - (time.monotonic() - start), 1e-6)
            signal.setitimer(signal.ITIMER_REAL, left, timer[1])


# -- names given ------------------------------------------------------------------------


def expand_patterns(names: Iterable[str]) -> list[str]:
    """*names* with each glob pattern that names no existing file replaced by the paths it
    matches, sorted; ``-``, URLs and patterns matching nothing are kept as they are."""
    found: list[str] = []
    for name in names:
        if name == STDIN or is_url(name) or not is_pattern(name) or os.path.lexists(name):
            found.append(name)
            continue
        import glob  # only for a pattern: a command naming files pays nothing for it

        matches = sorted(glob.glob(name, recursive=True))
        found.extend(matches or [name])
    return found


def skip_kind(name: str, *, folder_link: bool = False) -> str:
    """The kind a skipped entry is counted under: its suffix (``.pdf``), or ``hidden``, ``link
    to a folder`` or ``no suffix``."""
    base = os.path.basename(name)
    if base.startswith("."):
        return HIDDEN
    if folder_link:
        return LINKED_FOLDER
    suffix = os.path.splitext(base)[1].lower()
    return suffix or NO_SUFFIX


def skip_reason(kind: str) -> str:
    """Why entries of *kind* are not read, and what to do about it."""
    if kind == HIDDEN:
        return "hidden files and folders are not read"
    if kind == LINKED_FOLDER:
        return "links to folders are not followed; name the folder itself to read it"
    from ..source.foreign import PLUGIN_FOR_SUFFIX  # the registry of reader plugins

    plugin = PLUGIN_FOR_SUFFIX.get(kind)
    if plugin is not None:
        from ..manager import missing_plugin_reason

        return missing_plugin_reason(plugin)
    if kind == NO_SUFFIX:
        return "a file without a suffix is read only when named; name it, or add .txt"
    return "not a format gipparse reads"


class Skipped:
    """The entries of folder walks that were not read, by kind, in the order met."""

    def __init__(self) -> None:
        self.by_kind: dict[str, list[str]] = {}

    def add(self, path: str, kind: str) -> None:
        self.by_kind.setdefault(kind, []).append(path)

    def __len__(self) -> int:
        return sum(map(len, self.by_kind.values()))

    def lines(self, *, verbose: bool = False) -> list[str]:
        """One line per kind (``3 .pdf skipped: install gipparse-pdf``), most first; with
        *verbose*, each path under its kind."""
        out: list[str] = []
        for kind, paths in sorted(self.by_kind.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            what = "file" if len(paths) == 1 else "files"
            if kind == HIDDEN:
                label = f"{len(paths)} hidden {'entry' if len(paths) == 1 else 'entries'}"
            elif kind == LINKED_FOLDER:
                label = f"{len(paths)} {'link' if len(paths) == 1 else 'links'} to folders"
            elif kind == NO_SUFFIX:
                label = f"{len(paths)} {what} without a suffix"
            else:
                label = f"{len(paths)} {kind}"
            out.append(f"{label} skipped: {skip_reason(kind)}")
            if verbose:
                out.extend(f"    {p}" for p in paths)
        return out

    def to_list(self) -> list[dict[str, object]]:
        """``[{"kind", "count", "reason", "paths"}]``, as :meth:`lines` orders them."""
        return [
            {"kind": k, "count": len(v), "reason": skip_reason(k), "paths": list(v)}
            for k, v in sorted(self.by_kind.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ]


_SIZE_RE = patterns.compile(r"([0-9]+(?:\.[0-9]+)?) ?([kmgt]?i?b?)", re.IGNORECASE)
_UNITS = {
    "": 1,
    "b": 1,
    "k": 1000,
    "kb": 1000,
    "m": 1000**2,
    "mb": 1000**2,
    "g": 1000**3,
    "gb": 1000**3,
    "t": 1000**4,
    "tb": 1000**4,
    "ki": 1024,
    "kib": 1024,
    "mi": 1024**2,
    "mib": 1024**2,
    "gi": 1024**3,
    "gib": 1024**3,
    "ti": 1024**4,
    "tib": 1024**4,
}


def parse_size(text: str) -> int:
    """A size in bytes from ``1000``, ``10MB``, ``10 MiB``, ``1.5G``: ``k``/``M``/``G``/``T``
    (with or without ``B``) are powers of 1000, ``KiB``/``MiB``/``GiB``/``TiB`` of 1024.

    :raises ValueError: *text* is not such a size.
    """
    m = _SIZE_RE.fullmatch(text.strip())
    unit = m.group(2).lower() if m else None
    if m is None or unit not in _UNITS:
        raise ValueError(f"{text!r} is not a size (examples: 5000000, 10MB, 64MiB)")
    from decimal import Decimal

    return int(Decimal(m.group(1)) * _UNITS[unit])
