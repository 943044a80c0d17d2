"""What keeps one file from sinking or stalling a batch of thousands.

* **Files that are no files.** A FIFO, a socket or a device met in a folder is not opened
  (opening a FIFO waits for a writer, reading a device may never end): its record says
  what it is.
* **A time budget per file.** A file whose reading overruns the budget (``timeout``
  seconds, :data:`~gipparse.export.inputs.DEFAULT_TIMEOUT` by default) gets an error
  record and the batch goes on. The budget is kept with ``SIGALRM`` in the thread that
  parses (the main thread of this process or of a worker), so it interrupts Python code.
  A call into native code (a C extension, a library called through ``ctypes``) cannot be
  interrupted so: in a worker process, a second limit, of
  :data:`~gipparse.export.inputs.HARD_LIMIT_FACTOR` times the budget in CPU time
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

The first two are kept where a file is read (:func:`gipparse.export.inputs.within_budget`),
so that a run reading one report does not import this module.

The workers are forked from the main process, and each warms itself while the main
process walks the folders (see :mod:`gipparse.export.forked` and
:func:`fork_workers`), on Linux when no other thread runs there;
elsewhere they
are a :class:`concurrent.futures.ProcessPoolExecutor`'s (:func:`parallel`), where the
reports in flight when a worker dies are read again one at a time in a pool of their own,
and the pool is rebuilt.
"""

from __future__ import annotations

import contextlib
import os
import sys
import types
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import GipparseError
from .inputs import HARD_LIMIT_FACTOR, TimeBudgetError, WorkerDiedError, resolve_jobs, signal

if TYPE_CHECKING:
    # concurrent.futures (with logging) costs 21 M instructions, 4% of a one-report
    # export, which forks no worker.
    from concurrent.futures import Future

    from .forked import Workers

_T = TypeVar("_T")

# The plugins a worker process parses with; set once per process by _init_worker.
_worker_plugins: Sequence[object] = ()


# -- worker processes -------------------------------------------------------------------


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


# -- reading a batch in worker processes -----------------------------------------------


def _read_chunk(chunk: Sequence[Any], read: Callable[[Any, Sequence[object]], Any]) -> list[Any]:
    """In an executor's worker: the items of the files of *chunk*."""
    return [read(item, _worker_plugins) for item in chunk]


class _ModuleRef:
    """A plugin module, sent to a worker by name (module objects cannot be pickled)."""

    def __init__(self, name: str) -> None:
        self.name = name


def _init_worker(plugins: Sequence[object]) -> None:
    import importlib

    from .forked import become_worker

    become_worker()
    global _worker_plugins  # noqa: PLW0603
    _worker_plugins = tuple(
        importlib.import_module(p.name) if isinstance(p, _ModuleRef) else p for p in plugins
    )
    # A worker that was not forked from a warm process builds the plugin manager and the
    # templates now, before its first chunk arrives (a forked one has them already).
    from ..manager import plugin_manager_for

    _make_templates(plugin_manager_for(_worker_plugins).templates())


def _make_templates(templates: Sequence[Any]) -> None:
    """Make every template's tables and keys now (a built-in template makes them when a
    report is first read by it): a batch may hold reports of any of them."""
    for template in templates:
        template.tables  # noqa: B018


def _mp_context() -> Any:
    import multiprocessing
    import threading

    # fork is much the cheapest start (workers inherit the imported modules and the
    # plugins) but unsafe in a process that already runs other threads, and not offered
    # everywhere; elsewhere the platform's default applies.
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _warm(plugins: Sequence[object]) -> None:
    """Build in this process what every report needs and only the first one builds (the
    plugin manager, the templates, patterns compiled on first use), by reading a sample
    report shipped with gipparse, before a worker's first chunk arrives rather than on it
    (a first report costs ten times a warm one). Forked workers (:func:`fork_workers`) call
    it as they start; an executor's forked workers inherit it from the main process. A
    sample, not a file of the batch: a file that kills its process must cost only itself,
    in a worker."""
    from ..manager import plugin_manager_for
    from ..pipeline import load

    _make_templates(plugin_manager_for(plugins).templates())
    folder = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "samples")
    try:
        sample = min(n for n in os.listdir(folder) if n.endswith(".txt"))
    except (OSError, ValueError):  # a copy without its samples
        return
    with contextlib.suppress(GipparseError):  # a plugin that refuses it: warm enough
        load(os.path.join(folder, sample), plugins=plugins)


def _chunks(paths: Sequence[_T], jobs: int) -> Iterator[Sequence[_T]]:
    """*paths* in consecutive chunks for *jobs* processes: big enough that sending them
    costs little beside parsing (about 0.6 ms a report), and smaller and smaller towards
    the end, down to one report, so that the processes finish together instead of one
    parsing the last chunk while the others wait. A chunk is a fraction of the paths not
    yet sent, ``1 / (2 * jobs)``: each chunk costs the main process a round trip (its
    threads wake to send it and to take its records back, about 0.5 ms of CPU on the
    cores the workers parse on), and a smaller fraction makes more of them (66 chunks
    for 2,000 reports and two processes at ``1 / (4 * jobs)``, 47 at this one) for a
    balance that the last chunks of one report give anyway."""
    start = 0
    while start < len(paths):
        size = max(1, min(64, (len(paths) - start) // (jobs * 2)))
        yield paths[start : start + size]
        start += size


def _widen_pipe(end: Any) -> None:
    """Make the pipe of *end* (a connection with a ``fileno``) hold as much as a worker's
    results pipe (:data:`gipparse.export.forked.RESULT_PIPE_SIZE`), where the system
    allows it; else leave it as it is."""
    if end is None:
        return
    from .forked import widen_pipe

    with contextlib.suppress(OSError, AttributeError, ValueError):
        widen_pipe(end.fileno())


def fork_workers(
    jobs: int, plugins: Sequence[object], read: Callable[[Any, Sequence[object]], Any]
) -> Workers | None:
    """*jobs* worker processes forked from this one, each warming itself (see
    :func:`_warm`) as soon as it is forked, then giving ``read(item, plugins)`` for every
    item of the chunks it is sent (an item names one file: its path, or a tuple holding
    it); ``None`` where they cannot be forked (see :func:`gipparse.export.forked.usable`)
    or *jobs* is 1.

    The plugin manager is built here before the fork (the folders are walked with it,
    and every worker inherits it); the templates and the sample report are read by each
    worker while this process walks the folders. Warming this process first, for the
    workers to inherit, left one core idle while it warmed, and made the fork dearer (a
    larger process to copy) and the workers' first chunks no cheaper: a batch took
    longer. Each worker warming itself costs the same CPU time in all: what the main
    process no longer does, the workers do, on both cores at once."""
    jobs = resolve_jobs(jobs)
    from .forked import Workers, usable

    if jobs == 1 or not usable():
        return None
    from ..manager import plugin_manager_for

    plugin_manager_for(plugins)

    def work(chunk: list[Any]) -> list[Any]:
        return [read(item, plugins) for item in chunk]

    return Workers(jobs, work, prepare=partial(_warm, plugins))


def parallel_items(
    items: Sequence[Any],
    jobs: int,
    *,
    plugins: Sequence[object],
    read: Callable[[Any, Sequence[object]], Any],
    died: Callable[[Any, int | None], Any],
    workers: Workers | None = None,
) -> Iterator[Any]:
    """``read(item, plugins)`` for each of *items* (each naming one file), from *jobs*
    worker processes (*workers*, from :func:`fork_workers` with the same *read*, or forked
    now where that is possible, else a :class:`~concurrent.futures.ProcessPoolExecutor`),
    in order, with the guarantees of :mod:`gipparse.export.batch`: an item whose worker
    dies gives ``died(item, signum)`` (the signal that ended it, ``None`` when it exited
    or is not known), and costs only itself. *read* keeps the time budget
    itself (:func:`~gipparse.export.inputs.within_budget`). For the executor, *read* and
    the items must be picklable (a :func:`functools.partial` of a module-level function)."""
    if workers is None:
        workers = fork_workers(jobs, plugins, read)
    if workers is not None:
        return workers.results(_chunks(items, jobs), died)
    return _executor(items, jobs, plugins=plugins, read=read, died=died)


def _executor(
    items: Sequence[Any],
    jobs: int,
    *,
    plugins: Sequence[object],
    read: Callable[[Any, Sequence[object]], Any],
    died: Callable[[Any, int | None], Any],
) -> Iterator[Any]:
    """:func:`parallel_items` in a :class:`~concurrent.futures.ProcessPoolExecutor`, where
    workers cannot be forked from this process as it is."""
    from concurrent.futures import ProcessPoolExecutor

    refs = tuple(_ModuleRef(p.__name__) if isinstance(p, types.ModuleType) else p for p in plugins)
    context = _mp_context()
    if context.get_start_method() == "fork":
        _warm(plugins)

    def new_pool(workers: int) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(refs,)
        )
        _widen_pipe(getattr(getattr(pool, "_result_queue", None), "_reader", None))
        return pool

    def submitted(chunk: Sequence[Any]) -> tuple[Any, ...]:
        return (_read_chunk, chunk, read)

    return parallel(_chunks(items, jobs), jobs, new_pool=new_pool, work=submitted, died=died)
