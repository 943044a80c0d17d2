"""What keeps one file from sinking or stalling a batch of thousands.

* **Files that are no files.** A FIFO, a socket or a device met in a folder is not opened
  (opening a FIFO waits for a writer, reading a device may never end): its record says
  what it is.
* **A time budget per file.** A file whose reading overruns the budget (``timeout``
  seconds, :data:`DEFAULT_TIMEOUT` by default) gets an error record and the batch goes on.
  The budget is kept with ``SIGALRM`` in the thread that parses (the main thread of this
  process or of a worker), so it interrupts Python code. A call into native code (a C
  extension, a library called through ``ctypes``) cannot be interrupted so: in a worker
  process, a second limit, of :data:`HARD_LIMIT_FACTOR` times the budget in CPU time
  (``ITIMER_PROF``, whose ``SIGPROF`` ends the process), stops the worker stuck in such a
  call, and its file gets the same error record as one that overran the budget. In this
  process (``--jobs 1``) such a call is not interrupted. Off the main thread there is no
  budget.
* **Workers that die.** A worker process killed by the system (out of memory) or by a
  crash in a native library costs only the file it held: the reports it was reading are
  read again, one at a time, so that the file at fault is found; it gets an error record,
  a new worker takes the place of the dead one, and the rest of the batch is read, in
  order.
* **Workers never outlive the batch.** On an error, an interruption or an early stop, the
  workers are terminated rather than waited for; on Linux each worker is also killed by
  the system when the process that started it dies, however it dies.

The workers are forked from the main process, and each warms itself while the main
process walks the folders (see :mod:`gipparse.export.forked` and
:func:`gipparse.export.records.fork_workers`), on Linux when no other thread runs there;
elsewhere they
are a :class:`concurrent.futures.ProcessPoolExecutor`'s (:func:`parallel`), where the
reports in flight when a worker dies are read again one at a time in a pool of their own,
and the pool is rebuilt.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import types
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any

from ..errors import GipparseError, SourceError
from .safety import FOLDER, not_a_regular_file

if TYPE_CHECKING:
    # concurrent.futures (with logging) costs 21 M instructions, 4% of a one-report
    # export, which forks no worker.
    from concurrent.futures import Future


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
#: stopped (see the module docstring): twice, so that the budget's own alarm, which ends
#: any Python code at the budget, always comes first; only a call into native code that
#: does not return meets this limit.
HARD_LIMIT_FACTOR = 2.0
#: The longest a timer is set for (about three years): ``setitimer`` refuses what its
#: platform's ``time_t`` cannot hold (``--timeout 1e10``), and a longer budget is, in
#: effect, none.
_LONGEST_TIMER = 1e8
#: Whether this process is a worker of a batch (set by :func:`become_worker`): only a
#: worker's reading of a file is given the hard limit, which ends the process.
_in_worker = False


class TimeBudgetError(GipparseError):
    """Reading a file took longer than the time budget of the batch."""


class WorkerDiedError(GipparseError):
    """The worker process reading a file died."""


# -- one file ---------------------------------------------------------------------------


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


# -- worker processes -------------------------------------------------------------------


def become_worker() -> None:
    """In a worker process, first: Ctrl-C reaches the whole process group, and the main
    process stops the batch, so a worker ignores it; it just ends on SIGTERM too (a forked
    worker inherits the command's handler), and when its parent dies. ``SIGPROF`` ends
    it: the hard limit of the time budget (see the module docstring)."""
    global _in_worker  # noqa: PLW0603
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "SIGPROF") and hasattr(signal, "setitimer"):
        signal.signal(signal.SIGPROF, signal.SIG_DFL)
        _in_worker = True
    die_with_parent()


def die_with_parent() -> None:
    """In a worker: have the system end this process when its parent dies (Linux)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def stop(pool: Any, *, kill: bool) -> None:
    """Shut *pool* down; with *kill*, kill its workers first (SIGKILL: a worker just forked
    still has its parent's signal handlers) instead of waiting for the work they hold."""
    if kill:
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            with contextlib.suppress(OSError, AttributeError, ValueError):
                process.kill()
    pool.shutdown(wait=True, cancel_futures=True)


def parallel(
    chunks: Iterator[Sequence[Any]],
    jobs: int,
    *,
    new_pool: Callable[[int], Any],
    work: Callable[[Sequence[Any]], Any],
    died: Callable[[Any, int | None], Any],
) -> Iterator[Any]:
    """The results of ``work(chunk)`` for every chunk, in order, computed in a pool of
    *jobs* processes made by *new_pool*; a file whose worker dies gives ``died(item, None)``
    instead, its item being its path or what names it in *chunks* (see the module
    docstring). *work* is submitted to the pool as
    ``pool.submit(*work(chunk))``: a function and its arguments."""
    from concurrent.futures.process import BrokenProcessPool

    backlog: deque[Sequence[Any]] = deque()

    def next_chunk() -> Sequence[Any] | None:
        return backlog.popleft() if backlog else next(chunks, None)

    while True:
        pool = new_pool(jobs)
        pending: deque[tuple[Sequence[Any], Future[list[Any]]]] = deque()
        lost: list[Sequence[Any]] = []
        finished = False

        try:
            # A bounded window of chunks in flight keeps memory flat on any corpus size,
            # and taking them back in submission order keeps the records in input order.
            for chunk in islice(iter(next_chunk, None), jobs * 4):
                pending.append((chunk, _submit(pool, work, chunk)))
            while pending:
                chunk, future = pending.popleft()
                try:
                    results = future.result()
                except BrokenProcessPool:
                    lost = [chunk, *(c for c, _ in pending)]
                    break
                following = next_chunk()
                if following is not None:
                    pending.append((following, _submit(pool, work, following)))
                yield from results
            finished = True
        finally:
            stop(pool, kill=not finished)
        if not lost:
            return
        # The first chunk still owed is read a file at a time, so that a death names its
        # file; the others go back in the queue, in order, for a new pool.
        yield from _one_by_one(lost[0], new_pool, work, died)
        backlog.extendleft(reversed(lost[1:]))


def _submit(pool: Any, work: Callable[[Sequence[Any]], Any], chunk: Sequence[Any]) -> Future[Any]:
    """``pool.submit(*work(chunk))``. A pool that broke since its last result refuses new
    work: the chunk then fails like those in flight, and is read again with them."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    try:
        future: Future[Any] = pool.submit(*work(chunk))
    except BrokenProcessPool as exc:
        future = Future()
        future.set_exception(exc)
    return future


def _one_by_one(
    chunk: Sequence[Any],
    new_pool: Callable[[int], Any],
    work: Callable[[Sequence[Any]], Any],
    died: Callable[[Any, int | None], Any],
) -> Iterator[Any]:
    from concurrent.futures.process import BrokenProcessPool

    pool = new_pool(1)
    try:
        for path in chunk:
            try:
                (result,) = pool.submit(*work([path])).result()
            except BrokenProcessPool:  # from submit (broken before) or from result
                stop(pool, kill=True)
                pool = new_pool(1)
                result = died(path, None)  # (a pool does not say how its worker ended)
            yield result
    finally:
        stop(pool, kill=True)


def worker_died(path: str) -> WorkerDiedError:
    return WorkerDiedError(
        "the worker process reading this file died (killed by the system, out of memory, "
        "or a crash in a native library); the rest of the batch was read"
    )


def worker_lost(path: str, signum: int | None, timeout: float | None) -> GipparseError:
    """Why the worker process reading *path* ended, from the signal that ended it
    (*signum*, ``None`` when it exited or is not known): the hard limit of the time
    budget *timeout* (``SIGPROF``, see the module docstring), or a death
    (:func:`worker_died`)."""
    if signum is not None and signum == getattr(signal, "SIGPROF", None) and timeout:
        return TimeBudgetError(
            f"reading it took longer than the time budget of {timeout:g} s, in a call into "
            "native code that the budget cannot interrupt: the worker process reading it "
            f"was stopped after {timeout * HARD_LIMIT_FACTOR:g} s of CPU time (raise the "
            "budget with --timeout)"
        )
    return worker_died(path)
