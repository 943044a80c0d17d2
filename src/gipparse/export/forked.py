"""Worker processes forked from this one, for a batch (``--jobs``) where forking is safe.

Each worker has two pipes of its own: chunks of paths (or of items naming a file each,
such as a path and its number) come down one, and the results of each chunk go back up
the other as one message. The main thread waits on every pipe at
once (``poll``), hands a worker its next chunk as soon as it returns one, and yields the
results in input order. No thread is started and neither :mod:`concurrent.futures` nor
:mod:`multiprocessing` is imported: a worker costs a fork, and a chunk two messages, in
the only thread of the main process. The function a worker runs is the one the main
process had when it forked (nothing is pickled but items and results).

The guarantees of :mod:`gipparse.export.batch` hold: the time budget is kept in the
worker's only thread; a worker that dies costs the file it held (the first chunk it still
owed is read again a file at a time, each by itself, so that a second death names the
file at fault; the others it owed are read again as they were; a new worker takes its
place); the workers are killed when the batch ends with an error, an interruption or an
early stop, and on Linux by the system when the main process dies; memory stays flat, a
few chunks per worker being taken ahead of the one whose results are due. Messages are
``marshal`` data where the results allow it (encoded output lines, plain records) and
pickles otherwise (records holding :class:`~decimal.Decimal` amounts). The large byte
strings of a chunk's results (the encoded output of its reports, about 600 KB for 64) are
not copied into the marshal data: it holds the rest, and they follow it, written to the
pipe straight from where the worker made them (see :func:`_encode_results`), and the
main process copies each out of the buffer it was read into only when its item is taken
(see :func:`_filled`).
"""

from __future__ import annotations

import contextlib
import heapq
import marshal
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ..errors import GipparseError
from . import inputs
from .inputs import signal

#: Chunks a worker holds at a time: the one it reads and the next, waiting in its pipe, so
#: that it goes on without waiting for the main process to take its results.
DEPTH = 2

#: Chunks taken from the input ahead of the one whose results are due, for each worker: a
#: worker stuck on a file holds the others back after that many, so that memory stays
#: flat (the results of the chunks after it wait for it) on any corpus size.
WINDOW = 4

#: Bytes of the length that precedes every message (little-endian).
_HEADER = 8

# The first byte of a message says what follows.
_MARSHAL = 0  # marshal data
_PICKLE = 1  # a pickle
_RAISED = 2  # a pickle of an exception raised in the worker, and its traceback as text
_SPLIT = 3  # the length of a marshal (8 bytes), the marshal, then the byte strings it names

#: Byte strings of at least this size in the results of a chunk (fields of its items) are
#: sent apart from the marshal data (see :func:`_encode_results`).
RAW_SIZE = 2048

#: The buffer a worker's messages are read into is taken with a 1/BUFFER_SPARE more than
#: the message that needs it: the chunks of a batch are alike, and a buffer just large
#: enough for one (about 600 KB) was taken again for each slightly larger next one (six
#: times in a batch of 2,000 reports), each time costing a page fault for every 4 KB of
#: it (about 150) in the main process while both cores parse.
BUFFER_SPARE = 8

#: Buffers one ``writev`` is given at most (the system's limit is 1,024 on Linux).
_WRITEV_MOST = 512

_Job = tuple[int, int, list[Any]]  # the chunk's number, the offset of its items in it, items

#: Bytes the pipe of a worker's results holds, where the system allows it (Linux; the
#: default is 64 KiB): a chunk of encoded records (64 reports, about 600 KB as JSON
#: lines) fits, so that a worker hands it over in one write and goes on parsing.
RESULT_PIPE_SIZE = 1 << 20


class WorkerTraceback(Exception):
    """The traceback of an exception raised in a worker process, as text: the cause of the
    exception raised again in the main process."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return f'\n"""\n{self.text}"""'


def usable() -> bool:
    """Whether workers can be forked here: Linux (fork without exec is not safe on every
    system's libraries) and no other thread running (a fork copies locks held by them)."""
    import threading

    return sys.platform.startswith("linux") and threading.active_count() == 1


def widen_pipe(fd: int, size: int = RESULT_PIPE_SIZE) -> None:
    """Make the pipe of *fd* hold *size* bytes where the system allows it; else leave it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not a POSIX system
        return
    setpipe = getattr(fcntl, "F_SETPIPE_SZ", None)
    if setpipe is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, setpipe, size)


# -- messages -----------------------------------------------------------------------------


def _encode(value: Any) -> tuple[int, bytes]:
    try:
        return _MARSHAL, marshal.dumps(value)
    except ValueError:  # a type marshal does not write (Decimal, a class of a plugin's)
        import pickle

        return _PICKLE, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _encode_results(value: Any) -> tuple[int, list[bytes]]:
    """The message of a chunk's results, as the parts to write: a list of items whose
    fields include byte strings of :data:`RAW_SIZE` or more (tuples, as the command line's
    encoded output lines) is sent as a marshal of the list with those fields set to
    ``None``, of where they were and of their sizes, followed by the byte strings
    themselves, which ``writev`` copies to the pipe from where they are: the copy of
    each chunk's output into the marshal data, and the memory it takes, are saved. Any
    other value is one marshal (or pickle) of it."""
    raw: list[bytes] = []
    places: list[tuple[int, int]] = []
    if value.__class__ is list:
        items: list[Any] = value
        for i, item in enumerate(value):
            if item.__class__ is not tuple:
                continue
            fields: list[Any] | None = None
            for j, field in enumerate(item):
                if field.__class__ is bytes and len(field) >= RAW_SIZE:
                    if fields is None:
                        fields = list(item)
                    fields[j] = None
                    places.append((i, j))
                    raw.append(field)
            if fields is not None:
                if items is value:
                    items = list(value)
                items[i] = tuple(fields)
        if raw and len(raw) < _WRITEV_MOST:
            try:
                skeleton = marshal.dumps((items, places, [len(r) for r in raw]))
            except ValueError:  # a type marshal does not write: one pickle of it all
                pass
            else:
                return _SPLIT, [len(skeleton).to_bytes(_HEADER, "little"), skeleton, *raw]
    kind, data = _encode(value)
    return kind, [data]


def _decode(kind: int, data: memoryview) -> Any:
    if kind == _MARSHAL:
        return marshal.loads(data)
    if kind == _SPLIT:
        items, raw = _skeleton(data)
        return list(_filled(items, [raw]))
    import pickle

    return pickle.loads(data)


#: Where the large byte strings of a message of kind ``_SPLIT`` are: the offset of its
#: items in their chunk, the places (item, field) of the strings, their sizes, where the
#: first one starts in the message, and the message.
_Raw = tuple[int, list[tuple[int, int]], list[int], int, memoryview]


def _skeleton(data: memoryview, start: int = 0) -> tuple[list[Any], _Raw]:
    """The items of a message of kind ``_SPLIT``, with ``None`` in place of their large
    byte strings, and where those are (see :func:`_filled`)."""
    end = _HEADER + int.from_bytes(data[:_HEADER], "little")
    items, places, sizes = marshal.loads(data[_HEADER:end])
    return items, (start, places, sizes, end, data)


def _filled(items: list[Any], raws: list[_Raw]) -> Iterator[Any]:
    """*items*, each with the large byte strings that *raws* say it holds, one at a time:
    a string is copied out of its message only when its item is taken, so that each is
    made and, once written, freed before the next (rather than a chunk's 600 KB of them
    at once, which the system's allocator gave back and took again, page by page, for
    every chunk)."""
    fills: list[tuple[int, int, int, int, memoryview]] = []
    for start, places, sizes, first, data in sorted(raws, key=_first):
        at = first
        for (i, j), size in zip(places, sizes, strict=True):
            fills.append((start + i, j, at, size, data))
            at += size
    k = 0
    for position, item in enumerate(items):
        if k < len(fills) and fills[k][0] == position:
            fields = list(item)
            while k < len(fills) and fills[k][0] == position:
                _, j, at, size, data = fills[k]
                fields[j] = bytes(data[at : at + size])
                k += 1
            yield tuple(fields)
        else:
            yield item


def _first(raw: _Raw) -> int:
    return raw[0]


def _write_message(fd: int, kind: int, data: list[bytes]) -> None:
    """Write a whole message, made of the parts *data*, to the blocking *fd* (a worker's
    results)."""
    size = sum(map(len, data)) + 1
    parts: list[Any] = [size.to_bytes(_HEADER, "little"), bytes((kind,)), *data]
    while parts:
        written = os.writev(fd, parts)
        while parts and written >= len(parts[0]):
            written -= len(parts.pop(0))
        if parts and written:
            parts[0] = memoryview(parts[0])[written:]


def _read_exactly(fd: int, size: int) -> bytearray | None:
    """*size* bytes from the blocking *fd*, or ``None`` at its end."""
    buffer = bytearray(size)
    view = memoryview(buffer)
    got = 0
    while got < size:
        n = os.readv(fd, [view[got:]])
        if not n:
            return None
        got += n
    return buffer


def _read_message(fd: int) -> tuple[int, memoryview] | None:
    header = _read_exactly(fd, _HEADER)
    if header is None:
        return None
    message = _read_exactly(fd, int.from_bytes(header, "little"))
    if message is None:
        return None
    return message[0], memoryview(message)[1:]


def _exception_message(exc: BaseException) -> bytes:
    import pickle
    import traceback

    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    try:
        return pickle.dumps((exc, text))
    except Exception:  # an exception that does not pickle: its type and text
        return pickle.dumps((GipparseError(f"{type(exc).__name__}: {exc}"), text))


def _raised(data: memoryview) -> BaseException:
    import pickle

    try:
        exc, text = pickle.loads(data)
    except Exception as error:  # an exception class that cannot be made again here
        return GipparseError(f"a worker process failed, and its error cannot be read: {error}")
    exc.__cause__ = WorkerTraceback(text)
    return exc  # type: ignore[no-any-return]


# -- a worker -----------------------------------------------------------------------------


def become_worker() -> None:
    """In a worker process, first: Ctrl-C reaches the whole process group, and the main
    process stops the batch, so a worker ignores it; it just ends on SIGTERM too (a forked
    worker inherits the command's handler), and when its parent dies. ``SIGPROF`` ends
    it: the hard limit of the time budget (see :mod:`gipparse.export.batch`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "SIGPROF") and hasattr(signal, "setitimer"):
        signal.signal(signal.SIGPROF, signal.SIG_DFL)
        inputs._in_worker = True
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


def _serve(requests: int, results: int, work: Callable[[list[Any]], list[Any]]) -> None:
    """In a worker: read chunks of paths from *requests* until it ends, and write the
    results of each (or the exception it raised) to *results*."""
    while True:
        message = _read_message(requests)
        if message is None:
            return
        try:
            kind, data = _encode_results(work(_decode(*message)))
        except BaseException as exc:  # sent to the main process, which raises it
            kind, data = _RAISED, [_exception_message(exc)]
        _write_message(results, kind, data)


def _flush_std_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError, AttributeError):
            pass


class _Worker:
    __slots__ = (
        "buffer",
        "got",
        "header",
        "jobs",
        "message",
        "outbox",
        "pid",
        "requests",
        "results",
    )

    def __init__(self, pid: int, requests: int, results: int) -> None:
        self.pid = pid
        self.requests = requests  # the end chunks are written to (non-blocking)
        self.results = results  # the end results are read from (non-blocking)
        self.jobs: deque[_Job] = deque()  # sent and not answered yet, in order
        self.outbox = b""  # what is left to write of the last chunk sent
        self.header = b""
        # The message being read: a view of the buffer, which the next messages of this
        # worker reuse once it is read (decoding copies what it holds), so that no memory
        # is taken and zeroed for each; a message whose large byte strings are left in it
        # (see _filled) takes it along, and the next takes one of Workers._spare.
        self.buffer = bytearray()
        self.message: memoryview | None = None
        self.got = 0


class _Slot:
    """The results of one chunk, filled as its parts come back."""

    __slots__ = ("error", "items", "left", "raws")

    def __init__(self, size: int) -> None:
        self.items: list[Any] = [None] * size
        self.left = size
        self.error: BaseException | None = None
        # The parts whose large byte strings are still in the buffers they were read
        # into, which are the slot's until its items are taken (see _filled).
        self.raws: list[_Raw] = []


class Workers:
    """*count* worker processes forked from this one, each running ``work(paths)`` on the
    chunks it is sent (see the module docstring), after ``prepare()`` when given: what
    every worker needs before its first chunk, which each makes while the main process
    goes on (it walks the folders) rather than this process before the fork (an
    exception it raises is left for the chunks to meet). Use :meth:`results` once; it
    ends the workers when it ends. :meth:`close` ends them without it (a batch that
    stops first)."""

    def __init__(
        self,
        count: int,
        work: Callable[[list[Any]], list[Any]],
        prepare: Callable[[], object] | None = None,
    ) -> None:
        import select

        self._work = work
        self._prepare = prepare
        self._workers: dict[int, _Worker] = {}  # by the descriptor of its results
        self._by_requests: dict[int, _Worker] = {}
        self._poll = select.poll()
        self._pollin = select.POLLIN
        self._pollout = select.POLLOUT
        self._parent = os.getpid()
        self._pending: list[_Job] = []  # jobs to send again (a heap, in input order)
        self._slots: dict[int, _Slot] = {}
        self._taken = 0  # chunks taken from the input so far
        self._head = 0  # the chunk whose results are due
        self._window = WINDOW * count
        self._chunks: Iterator[Sequence[Any]] = iter(())
        self._exhausted = True
        self._died: Callable[[Any, int | None], Any] = lambda path, signum: None
        self._closed = False
        # Buffers whose messages were taken, for the next messages (see _buffer).
        self._spare: list[bytearray] = []
        try:
            for _ in range(count):
                self._start()
        except BaseException:
            self.close(kill=True)
            raise

    @property
    def pids(self) -> list[int]:
        """The process ids of the workers running now."""
        return [w.pid for w in self._workers.values()]

    def _start(self) -> None:
        fds: list[int] = []
        try:
            fds += os.pipe()
            fds += os.pipe()
            _flush_std_streams()  # what this process buffered is written once, by it
            pid = os.fork()
        except OSError as exc:
            # Out of file descriptors (two pipes a worker) or of processes: said as such,
            # with what to do, rather than as a traceback.
            for fd in fds:
                os.close(fd)
            raise GipparseError(
                f"cannot start worker process {len(self._workers) + 1}: "
                f"{exc.strerror or exc} (ask for fewer with --jobs)"
            ) from None
        requests_read, requests_write, results_read, results_write = fds
        if pid == 0:  # pragma: no cover - the worker (covered, but in another process)
            self._run(requests_read, requests_write, results_read, results_write)
        os.close(requests_read)
        os.close(results_write)
        os.set_blocking(requests_write, False)
        os.set_blocking(results_read, False)
        widen_pipe(results_read)
        worker = _Worker(pid, requests_write, results_read)
        self._workers[results_read] = worker
        self._by_requests[requests_write] = worker
        self._poll.register(results_read, self._pollin)

    def _run(self, requests: int, requests_write: int, results_read: int, results: int) -> None:
        """The worker's life, after the fork: it never returns."""
        status = 1
        try:
            become_worker()
            if os.getppid() != self._parent:  # died before the line above took effect
                os._exit(1)
            os.close(requests_write)
            os.close(results_read)
            for other in self._workers.values():  # so that each pipe ends with its worker
                os.close(other.requests)
                os.close(other.results)
            if self._prepare is not None:
                # Only a head start: a worker that could not make it reads its files as
                # one that did not try, and each file's record says what went wrong.
                with contextlib.suppress(Exception):
                    self._prepare()
            _serve(requests, results, self._work)
            status = 0
        except BaseException:
            status = 1
        finally:
            _flush_std_streams()
            os._exit(status)

    # -- the batch ----------------------------------------------------------------------

    def results(
        self, chunks: Iterator[Sequence[Any]], died: Callable[[Any, int | None], Any]
    ) -> Iterator[Any]:
        """The results of every item (path) of *chunks*, in order; an item whose worker
        died gives ``died(item, signum)``, *signum* the signal that ended the worker
        (``None`` when it exited). The workers end with it (killed if it ends early)."""
        if self._closed:
            raise GipparseError("these worker processes have ended")
        self._chunks = chunks
        self._exhausted = False
        self._died = died
        finished = False
        try:
            head = 0
            while True:
                if head == self._taken:
                    self._feed()
                    if head == self._taken:
                        break
                slot = self._slots[head]
                while slot.left:
                    self._wait()
                del self._slots[head]
                head += 1
                if slot.error is not None:
                    raise slot.error
                self._head = head
                self._feed()  # the window moved on
                if not slot.raws:
                    yield from slot.items
                    continue
                yield from _filled(slot.items, slot.raws)
                for raw in slot.raws:  # its buffers serve the next messages
                    buffer = raw[4].obj
                    if isinstance(buffer, bytearray):
                        self._spare.append(buffer)
            finished = True
        finally:
            self.close(kill=not finished)

    def _next_job(self) -> _Job | None:
        if self._pending:
            return heapq.heappop(self._pending)
        if self._exhausted or self._taken - self._head >= self._window:
            return None
        chunk = next(self._chunks, None)
        if chunk is None:
            self._exhausted = True
            return None
        paths = list(chunk)
        number = self._taken
        self._slots[number] = _Slot(len(paths))
        self._taken += 1
        return number, 0, paths

    def _feed(self) -> None:
        """Give every worker chunks up to :data:`DEPTH`."""
        for worker in list(self._workers.values()):
            while len(worker.jobs) < DEPTH and self._workers.get(worker.results) is worker:
                job = self._next_job()
                if job is None:
                    return
                self._send(worker, job)

    def _send(self, worker: _Worker, job: _Job) -> None:
        kind, data = _encode(job[2])
        message = (len(data) + 1).to_bytes(_HEADER, "little") + bytes((kind,)) + data
        if worker.outbox:
            worker.outbox += message
            worker.jobs.append(job)
            return
        try:
            written = os.write(worker.requests, message)
        except BlockingIOError:
            written = 0
        except OSError:  # its end is closed: the worker died before reading it
            heapq.heappush(self._pending, job)
            self._lost(worker)
            return
        worker.jobs.append(job)
        if written < len(message):
            worker.outbox = message[written:]
            self._poll.register(worker.requests, self._pollout)

    def _wait(self) -> None:
        """Wait for any worker, and take what it sent."""
        if not self._workers:  # nothing to wait for: a chunk was lost track of
            raise GipparseError("no worker process holds the chunks still owed")
        for fd, _ in self._poll.poll():
            worker = self._workers.get(fd)
            if worker is not None:
                self._receive(worker)
                continue
            worker = self._by_requests.get(fd)
            if worker is not None and worker.outbox:
                self._flush(worker)

    def _flush(self, worker: _Worker) -> None:
        try:
            written = os.write(worker.requests, worker.outbox)
        except BlockingIOError:
            return
        except OSError:  # the worker died: its results pipe says so too
            self._lost(worker)
            return
        worker.outbox = worker.outbox[written:]
        if not worker.outbox:
            self._poll.unregister(worker.requests)

    def _receive(self, worker: _Worker) -> None:
        fd = worker.results
        try:
            if worker.message is None:
                data = os.read(fd, _HEADER - len(worker.header))
                if not data:
                    self._lost(worker)
                    return
                worker.header += data
                if len(worker.header) < _HEADER:
                    return
                size = int.from_bytes(worker.header, "little")
                if len(worker.buffer) < size:
                    worker.buffer = self._buffer(size)
                worker.message = memoryview(worker.buffer)[:size]
                worker.header = b""
                worker.got = 0
            n = os.readv(fd, [worker.message[worker.got :]])
        except BlockingIOError:
            return
        if not n:
            self._lost(worker)
            return
        worker.got += n
        if worker.got < len(worker.message):
            return
        message = worker.message
        worker.message = None
        number, start, paths = worker.jobs.popleft()
        slot = self._slots[number]
        kind, body = message[0], message[1:]
        if kind == _RAISED:
            slot.error = _raised(body)
            slot.left = 0
        else:
            if kind == _SPLIT:
                items, raw = _skeleton(body, start)
                slot.raws.append(raw)
                worker.buffer = bytearray()  # the slot's now: the next message takes another
            else:
                items = _decode(kind, body)
            if len(items) != len(paths):
                raise GipparseError(f"a worker sent {len(items)} results for {len(paths)} files")
            slot.items[start : start + len(paths)] = items
            slot.left -= len(paths)
        self._feed()

    def _buffer(self, size: int) -> bytearray:
        """A buffer for a message of *size* bytes: one whose message was taken, else a new
        one, taken with room to spare (see BUFFER_SPARE)."""
        spare = self._spare
        while spare:
            buffer = spare.pop()
            if len(buffer) >= size:
                return buffer
        return bytearray(size + size // BUFFER_SPARE)

    def _lost(self, worker: _Worker) -> None:
        """*worker* died: the first chunk it owed is read again a file at a time (a chunk
        of one file is the file at fault), the others as they were; a new worker takes
        its place while there is work left."""
        if self._workers.get(worker.results) is not worker:
            return  # already seen dead (by both of its pipes)
        self._poll.unregister(worker.results)
        if worker.outbox:
            self._poll.unregister(worker.requests)
        del self._workers[worker.results]
        del self._by_requests[worker.requests]
        os.close(worker.requests)
        os.close(worker.results)
        signum = _reap(worker.pid, kill=True)
        owed = list(worker.jobs)
        if owed:
            (number, start, paths), *rest = owed
            if len(paths) == 1:
                slot = self._slots[number]
                slot.items[start] = self._died(paths[0], signum)
                slot.left -= 1
            else:
                rest = [(number, start + i, [path]) for i, path in enumerate(paths)] + rest
            for job in rest:
                heapq.heappush(self._pending, job)
        if self._pending or not self._exhausted:
            self._start()
            self._feed()

    def close(self, *, kill: bool) -> None:
        """End the workers: killed with *kill* (SIGKILL: one just forked still has this
        process's handlers), else told there is no more work (they end when idle)."""
        workers = list(self._workers.values())
        self._workers.clear()
        self._by_requests.clear()
        for worker in workers:
            if kill:
                with contextlib.suppress(OSError):
                    os.kill(worker.pid, signal.SIGKILL)
            for fd in (worker.requests, worker.results):
                with contextlib.suppress(OSError):
                    os.close(fd)
        for worker in workers:
            _reap(worker.pid, kill=False)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(kill=True)


def _reap(pid: int, *, kill: bool) -> int | None:
    """Wait for the worker *pid* to end (killing it first with *kill*): the signal that
    ended it (``None``: it exited, or was reaped before). A worker already ending when it
    is killed keeps the signal it ends by."""
    if kill:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    while True:
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            return None
        except InterruptedError:  # pragma: no cover - retried by Python itself
            continue
        return os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
