"""The worker processes of a batch forked by gipparse itself (``gipparse.export.forked``):
order, workers that die or raise, early stops and interruptions, and what they leave
behind (no process, no file descriptor); and the executor that replaces them where they
cannot be forked."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

import gipparse
from gipparse.export import forked
from gipparse.export.batch import _chunks
from gipparse.export.forked import Workers, WorkerTraceback

SEEDS = gipparse.sample_paths()

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="workers are forked on Linux only"
)


def _fds() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


def _gone(pid: int) -> bool:
    """Whether *pid*, a worker of this process, has ended and been reaped."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@contextlib.contextmanager
def _leaves_nothing(pids: list[int]) -> Iterator[None]:
    """Asserts that every process whose id is in *pids* at the end has been reaped, and
    that the descriptors open before are the ones open after."""
    before = _fds()
    yield
    assert pids, "no worker was seen"
    assert [pid for pid in pids if not _gone(pid)] == []
    assert _fds() == before


def _died(path: str, signum: int | None) -> tuple[str, str]:
    return ("died", path)


def _names(count: int) -> list[str]:
    return [f"{i:04d}" for i in range(count)]


def _chunked(paths: list[str], sizes: Sequence[int]) -> Iterator[list[str]]:
    start = 0
    for size in sizes:
        if start >= len(paths):
            return
        yield paths[start : start + size]
        start += size
    if start < len(paths):
        yield paths[start:]


# -- order ----------------------------------------------------------------------------


def test_results_come_back_in_input_order_whatever_each_chunk_takes() -> None:
    paths = _names(300)
    rng = random.Random(3)
    delays = {p: rng.choice([0.0, 0.0, 0.0, 0.001, 0.004]) for p in paths}

    def work(chunk: list[str]) -> list[tuple[str, int]]:
        for path in chunk:
            time.sleep(delays[path])
        return [(path, os.getpid()) for path in chunk]

    sizes = [rng.randint(1, 20) for _ in range(100)]
    pids: list[int] = []
    with _leaves_nothing(pids):
        workers = Workers(3, work)
        pids += workers.pids
        out = list(workers.results(_chunked(paths, sizes), _died))
    assert [path for path, _ in out] == paths
    assert {pid for _, pid in out} == set(pids)  # every worker took part


def test_a_worker_is_given_its_next_chunk_before_it_asks() -> None:
    # Two chunks at a time for each worker: the second waits in its pipe while it reads
    # the first, so that it never waits for the main process between chunks.
    seen: list[list[str]] = []

    def work(chunk: list[str]) -> list[str]:
        return chunk

    workers = Workers(2, work)

    def chunks() -> Iterator[list[str]]:
        for i in range(10):
            seen.append([str(i)])
            yield [str(i)]

    results = workers.results(chunks(), _died)
    assert next(results) == "0"
    assert len(seen) >= 2 * forked.DEPTH  # taken before the first result came back
    assert list(results) == [str(i) for i in range(1, 10)]


def test_a_worker_stuck_on_a_file_holds_the_others_back_after_a_window_of_chunks() -> None:
    # The results after a stalled chunk wait for it in memory: the other workers stop
    # taking chunks after a few, instead of reading the whole batch ahead.
    taken: list[int] = []

    def chunks() -> Iterator[list[str]]:
        for i in range(2000):
            taken.append(i)
            yield ["sleep" if i == 0 else str(i)]

    def work(chunk: list[str]) -> list[str]:
        if chunk == ["sleep"]:
            time.sleep(1.0)
        return chunk

    pids: list[int] = []
    with _leaves_nothing(pids):
        workers = Workers(2, work)
        pids += workers.pids
        results = workers.results(chunks(), _died)
        assert next(results) == "sleep"
        assert len(taken) <= forked.WINDOW * 2 + 1
        assert list(results) == [str(i) for i in range(1, 2000)]


# -- workers that die -----------------------------------------------------------------


def _killer(chunk: list[str]) -> list[tuple[str, int]]:
    out = []
    for path in chunk:
        if path.endswith("kill"):
            os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer does
        if path.endswith("exit"):
            os._exit(139)  # as a crash in a native library does
        out.append((path, os.getpid()))
    return out


@pytest.mark.parametrize("count", [1, 2, 3])
def test_a_worker_killed_mid_chunk_costs_only_its_file(count: int) -> None:
    paths = _names(400)
    for i in (0, 37, 38, 199, 399):  # the first, two together, one alone, the last
        paths[i] += "kill"
    paths[250] += "exit"
    seen: list[int] = []
    with _leaves_nothing(seen):
        workers = Workers(count, _killer)
        seen += workers.pids
        out = list(workers.results(_chunks(paths, count), _died))
        seen += [item[1] for item in out if isinstance(item[1], int)]
    assert [item[1] if item[0] == "died" else item[0] for item in out] == paths
    assert [item[1] for item in out if item[0] == "died"] == [
        p for p in paths if p.endswith(("kill", "exit"))
    ]
    assert len(set(seen)) > count  # new workers took the place of those that died


def test_the_file_of_a_dead_worker_is_given_the_signal_that_ended_it() -> None:
    # (How the batch tells the hard limit of the time budget, SIGPROF, from a death.)
    paths = _names(30)
    paths[3] += "kill"
    paths[20] += "exit"
    told: list[tuple[str, int | None]] = []

    def died(path: str, signum: int | None) -> tuple[str, str]:
        told.append((path, signum))
        return ("died", path)

    seen: list[int] = []
    with _leaves_nothing(seen):
        workers = Workers(2, _killer)
        seen += workers.pids
        out = list(workers.results(_chunks(paths, 2), died))
        seen += [item[1] for item in out if isinstance(item[1], int)]
    # (In the order the deaths were seen, which is not the input's.)
    assert dict(told) == {paths[3]: signal.SIGKILL, paths[20]: None}
    assert len(told) == 2
    assert [item[1] if item[0] == "died" else item[0] for item in out] == paths


def test_chunks_owed_by_a_dead_worker_are_read_again_and_not_blamed() -> None:
    # The worker held two chunks: the one it died in is read again a file at a time (the
    # killer alone is blamed), and the one waiting behind it as it was.
    paths = _names(40)
    paths[5] += "kill"

    def work(chunk: list[str]) -> list[tuple[str, int]]:
        return [(path, len(chunk)) for path, _ in _killer(chunk)]

    pids: list[int] = []
    with _leaves_nothing(pids):
        workers = Workers(1, work)
        pids += workers.pids
        out = list(workers.results(_chunked(paths, [10, 10, 10, 10]), _died))
    assert out[5] == ("died", paths[5])
    assert [item[0] for i, item in enumerate(out) if i != 5] == paths[:5] + paths[6:]
    sizes = [item[1] for i, item in enumerate(out) if i != 5]
    assert sizes == [1] * 9 + [10] * 30


@pytest.mark.parametrize("at", [0, 63, 64, 127])
def test_a_worker_that_dies_while_its_next_chunk_is_written_costs_only_its_file(at: int) -> None:
    # Chunks of long paths do not fit in the pipe they go down: the worker dies while the
    # main process still has part of a chunk to write to it, and both pipes say so.
    paths = [f"{i:04d}" + "x" * 4000 for i in range(192)]
    paths[at] += "kill"
    seen: list[int] = []
    with _leaves_nothing(seen):
        workers = Workers(1, _killer)
        seen += workers.pids
        out = list(workers.results(_chunked(paths, [64] * 3), _died))
        seen += [item[1] for item in out if isinstance(item[1], int)]
    assert out[at] == ("died", paths[at])
    assert [item[0] for i, item in enumerate(out) if i != at] == paths[:at] + paths[at + 1 :]


def test_a_worker_that_died_idle_is_replaced_without_blaming_a_file() -> None:
    seen: list[int] = []
    with _leaves_nothing(seen):
        workers = Workers(2, _killer)
        first, second = workers.pids
        os.kill(first, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while _state(first) != "Z":
            assert time.monotonic() < deadline
            time.sleep(0.01)
        paths = _names(50)
        seen += [first, second]
        out = list(workers.results(_chunks(paths, 2), _died))
        seen += [pid for _, pid in out]
    assert [path for path, _ in out] == paths  # no file blamed


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


# -- workers that raise ---------------------------------------------------------------


def _raiser(make: Callable[[], BaseException]) -> Callable[[list[str]], list[str]]:
    def work(chunk: list[str]) -> list[str]:
        if "bad" in chunk:
            raise make()
        return chunk

    return work


def test_an_exception_in_a_worker_is_raised_in_its_turn_with_its_traceback() -> None:
    pids: list[int] = []
    with _leaves_nothing(pids):
        workers = Workers(2, _raiser(lambda: ValueError("this chunk is bad")))
        pids += workers.pids
        results = workers.results(iter([["a", "b"], ["bad"], ["c"]]), _died)
        assert [next(results), next(results)] == ["a", "b"]
        with pytest.raises(ValueError, match="this chunk is bad") as info:
            next(results)
    cause = info.value.__cause__
    assert isinstance(cause, WorkerTraceback)
    assert "in work" in cause.text
    assert "ValueError: this chunk is bad" in cause.text


class _Unpicklable(Exception):
    def __init__(self) -> None:
        super().__init__("cannot be pickled")
        self.function = lambda: None


def _made_in_the_worker_only() -> BaseException:
    """An exception of a class whose module exists in the worker alone: it pickles there
    and cannot be unpickled in the main process."""
    import types

    module = types.ModuleType("gipparse_test_worker_only")
    exec("class Gone(Exception):\n    pass\n", module.__dict__)
    sys.modules[module.__name__] = module
    gone: type[BaseException] = module.Gone
    return gone("made in the worker only")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_Unpicklable, "_Unpicklable: cannot be pickled"),
        (_made_in_the_worker_only, "its error cannot be read"),
    ],
)
def test_an_exception_that_cannot_travel_is_still_an_error(
    make: Callable[[], BaseException], message: str
) -> None:
    pids: list[int] = []
    with _leaves_nothing(pids):
        workers = Workers(1, _raiser(make))
        pids += workers.pids
        with pytest.raises(gipparse.GipparseError, match=message):
            list(workers.results(iter([["a"], ["bad"]]), _died))


def test_results_marshal_cannot_write_are_pickled() -> None:
    from decimal import Decimal

    def work(chunk: list[str]) -> list[Any]:
        return [{"path": p, "amount": Decimal("1.5")} for p in chunk]

    workers = Workers(2, work)
    out = list(workers.results(iter([["a"], ["b", "c"]]), _died))
    assert out == [{"path": p, "amount": Decimal("1.5")} for p in "abc"]


def test_messages_larger_than_the_pipes_go_through() -> None:
    # Chunks of long paths fill the pipe they go down while the worker fills the pipe of
    # its results with megabytes: neither side waits for the other for ever.
    signal.signal(signal.SIGALRM, lambda signum, frame: pytest.fail("the batch hung"))
    signal.alarm(60)
    try:
        paths = [f"{i:04d}" + "x" * 4000 for i in range(300)]

        def work(chunk: list[str]) -> list[bytes]:
            return [path.encode() * 100 for path in chunk]  # 400 KB each

        pids: list[int] = []
        with _leaves_nothing(pids):
            workers = Workers(2, work)
            pids += workers.pids
            out = list(workers.results(_chunked(paths, [64] * 5), _died))
        assert out == [p.encode() * 100 for p in paths]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


def _output_items(chunk: list[str]) -> list[Any]:
    """Items shaped as the command line's (a path, its encoded output, problems, a record),
    with byte strings above and below the size sent apart, two in one item, and items
    that are no tuples; messages larger and smaller than the one before (the main
    process reads them all into one buffer)."""
    out: list[Any] = []
    for path in chunk:
        n = int(path)
        big = path.encode() * (600 + 20000 * (n % 7))  # 2.4 KB to 480 KB, up and down
        if n % 5 == 4:
            out.append(big)  # not a tuple: stays in the marshal data
        elif n % 5 == 3:
            out.append((path, big, [f"problem {n}"], None, b"small", big[::-1]))
        else:
            out.append((path, big if n % 2 else b"x" * n, [], None))
    return out


def test_large_byte_strings_of_results_travel_apart_and_come_back_whole() -> None:
    paths = _names(40)
    sent = _output_items(paths)
    pids: list[int] = []
    with _leaves_nothing(pids):
        workers = Workers(2, _output_items)
        pids += workers.pids
        out = list(workers.results(_chunked(paths, [1, 7, 13, 19]), _died))
    assert out == sent
    assert [type(x) for x in out] == [type(x) for x in sent]
    # A chunk with the largest of them (megabytes, more than a pipe holds at once).
    assert sum(len(x[1]) if isinstance(x, tuple) else len(x) for x in sent[21:]) > 2 << 20


def test_large_byte_strings_wait_in_their_buffers_and_survive_a_dead_worker() -> None:
    # The large byte strings of a chunk stay in the buffer its message was read into
    # until its items are taken: chunks that come back before the one due (a slow file
    # holds the head back), and the parts of a chunk read again a file at a time after
    # a death, each keep their own buffer, and the buffers serve later messages.
    paths = _names(160)
    doomed = {paths[9], paths[70], paths[71]}
    slow = {paths[0], paths[33], paths[100]}

    def work(chunk: list[str]) -> list[Any]:
        for path in chunk:
            if path in doomed:
                os.kill(os.getpid(), signal.SIGKILL)
            if path in slow:
                time.sleep(0.2)
        return _output_items(chunk)

    pids: list[int] = []
    with _leaves_nothing(pids):
        workers = Workers(3, work)
        pids += workers.pids
        out = list(workers.results(_chunked(paths, [1, 15, 16, 16, 8, 8, 30, 2]), _died))
    assert out == [("died", p) if p in doomed else _output_items([p])[0] for p in paths]
    assert all(type(x[1]) is bytes for x in out if isinstance(x, tuple) and x[0] != "died")


def test_results_are_encoded_with_their_large_byte_strings_apart() -> None:
    items = _output_items(_names(10))
    kind, parts = forked._encode_results(items)
    assert kind == forked._SPLIT
    apart = parts[2:]
    assert apart == [
        field
        for item in items
        if isinstance(item, tuple)
        for field in item
        if isinstance(field, bytes) and len(field) >= forked.RAW_SIZE
    ]
    assert all(a is b for a, b in zip(apart, parts[2:], strict=True))  # not copied
    message = memoryview(b"".join(parts))
    assert forked._decode(kind, message) == items
    # Without a large byte string, or with a type marshal does not write, one message.
    small = [("a", b"x", [], None)]
    kind, parts = forked._encode_results(small)
    assert (kind, len(parts)) == (forked._MARSHAL, 1)
    assert forked._decode(kind, memoryview(parts[0])) == small
    from decimal import Decimal

    odd = [("a", b"x" * forked.RAW_SIZE, Decimal("1.5"))]
    kind, parts = forked._encode_results(odd)
    assert kind == forked._PICKLE
    assert forked._decode(kind, memoryview(b"".join(parts))) == odd


# -- preparing --------------------------------------------------------------------------

_prepared: dict[str, int] = {}


def _prepare() -> None:
    _prepared["pid"] = os.getpid()


def _prepared_killer(chunk: list[str]) -> list[tuple[str, bool]]:
    return [(path, _prepared.get("pid") == os.getpid()) for path, _ in _killer(chunk)]


def test_each_worker_prepares_itself_before_its_first_chunk() -> None:
    # A worker in place of a dead one too; the main process is left as it was.
    paths = _names(60)
    paths[7] += "kill"
    pids: list[int] = []
    with _leaves_nothing(pids):
        workers = Workers(2, _prepared_killer, prepare=_prepare)
        pids += workers.pids
        out = list(workers.results(_chunked(paths, [4] * 15), _died))
    assert out[7] == ("died", paths[7])
    assert [item for i, item in enumerate(out) if i != 7] == [
        (path, True) for i, path in enumerate(paths) if i != 7
    ]
    assert _prepared == {}


def _refuse() -> None:
    raise ValueError("cannot prepare")


def test_a_worker_that_cannot_prepare_itself_still_reads_its_files() -> None:
    paths = _names(30)
    pids: list[int] = []
    with _leaves_nothing(pids):
        workers = Workers(2, _killer, prepare=_refuse)
        pids += workers.pids
        out = list(workers.results(_chunked(paths, [5] * 6), _died))
    assert [path for path, _ in out] == paths
    assert {pid for _, pid in out} == set(pids)


# -- early stops and interruptions ----------------------------------------------------


def _slow(chunk: list[str]) -> list[str]:
    for path in chunk:
        if path == "sleep":
            time.sleep(60)
    return chunk


def test_an_early_stop_kills_the_workers() -> None:
    pids: list[int] = []
    start = time.monotonic()
    with _leaves_nothing(pids):
        workers = Workers(2, _slow)
        pids += workers.pids
        results = workers.results(iter([["a"], ["b", "sleep"], ["sleep"], ["c"]]), _died)
        assert next(results) == "a"
        results.close()  # a consumer that stops (a break, an error of its own)
    assert time.monotonic() - start < 30  # not waited for


def test_an_interruption_while_waiting_kills_the_workers() -> None:
    pids: list[int] = []

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        with _leaves_nothing(pids):
            workers = Workers(2, _slow)
            pids += workers.pids
            signal.setitimer(signal.ITIMER_REAL, 0.5)
            with pytest.raises(KeyboardInterrupt):
                list(workers.results(iter([["a"], ["sleep"], ["b"]]), _died))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_workers_closed_before_any_work_end() -> None:
    with Workers(2, _slow) as workers:
        pids = workers.pids
        assert all(not _gone(pid) for pid in pids)
    assert all(_gone(pid) for pid in pids)


def test_each_worker_holds_only_its_own_pipes() -> None:
    def work(chunk: list[str]) -> list[list[str]]:
        links = []
        for fd in os.listdir("/proc/self/fd"):
            with contextlib.suppress(OSError):
                links.append(os.readlink(f"/proc/self/fd/{fd}"))
        return [links for _ in chunk]

    workers = Workers(3, work)
    channels = {
        os.readlink(f"/proc/self/fd/{fd}")
        for w in workers._workers.values()
        for fd in (w.requests, w.results)
    }
    assert len(channels) == 6
    out = list(workers.results(iter([["a"], ["b"], ["c"], ["d"], ["e"], ["f"]]), _died))
    for links in out:
        assert len(channels.intersection(links)) == 2  # its own two, none of the others'


_ORPHANED = """
import os, signal, sys, time
from gipparse.export.forked import Workers

def work(chunk):
    time.sleep(60)
    return chunk

workers = Workers(2, work)
results = workers.results(iter([["a"], ["b"]]), lambda path, signum: None)
signal.signal(signal.SIGALRM, lambda signum, frame: os.kill(os.getpid(), signal.SIGKILL))
signal.setitimer(signal.ITIMER_REAL, 0.5)  # in the middle of waiting for them
print(*workers.pids, flush=True)
next(results)
"""


def test_workers_die_with_a_main_process_that_is_killed() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _ORPHANED], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    pids = [int(pid) for pid in done.stdout.split()]
    assert len(pids) == 2
    deadline = time.monotonic() + 10
    while any(_state(pid) not in ("gone", "Z", "X") for pid in pids):
        assert time.monotonic() < deadline, [_state(pid) for pid in pids]
        time.sleep(0.05)


# -- through gipparse.export ----------------------------------------------------------


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ids of the worker processes forked by batches from here on (replacements
    included). Batches fork them whatever threads run: a test process may run some that
    another test left (Dask's), and such idle ones do not stop a fork from working."""
    pids: list[int] = []
    real = Workers._start

    def start(self: Workers) -> None:
        real(self)
        pids.append(self.pids[-1])

    monkeypatch.setattr(Workers, "_start", start)
    monkeypatch.setattr(forked, "usable", lambda: True)
    return pids


_KILLER_PLUGIN = """
import os
import signal

from gipparse import hookimpl


@hookimpl(tryfirst=True)
def gipparse_read_source(path, data):
    if data.startswith(b"KILL"):
        os.kill(os.getpid(), signal.SIGKILL)
    return None
"""


@pytest.fixture
def killer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    (tmp_path / "gipparse_killer_plugin.py").write_text(_KILLER_PLUGIN, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import gipparse_killer_plugin  # type: ignore[import-not-found]

    return gipparse_killer_plugin


@pytest.mark.parametrize("own", [True, False], ids=["forked", "executor"])
def test_export_with_jobs_survives_a_killed_worker_either_way(
    tmp_path: Path, killer: Any, monkeypatch: pytest.MonkeyPatch, started: list[int], own: bool
) -> None:
    if not own:
        monkeypatch.setattr(forked, "usable", lambda: False)
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(12):
        if i in (2, 7):
            (folder / f"{i:02d}.txt").write_bytes(b"KILL")
        else:
            shutil.copy(SEEDS[i % len(SEEDS)], folder / f"{i:02d}.txt")
    records = list(gipparse.export(folder, jobs=2, plugins=[killer]))
    assert [Path(r["path"]).name for r in records] == [f"{i:02d}.txt" for i in range(12)]
    for i, record in enumerate(records):
        codes = [d["code"] for d in record["diagnostics"] if d["severity"] == "error"]
        assert codes == (["report.worker-died"] if i in (2, 7) else []), i
    assert len(started) >= (4 if own else 0)  # two, and one for each that died
    assert all(_gone(pid) for pid in started)  # no worker left behind, dead or alive


def test_the_executor_gives_the_records_of_the_forked_workers(
    monkeypatch: pytest.MonkeyPatch, started: list[int]
) -> None:
    paths = [*SEEDS, *SEEDS, *SEEDS]
    forked_records = list(gipparse.export(paths, jobs=2))
    assert len(started) == 2
    monkeypatch.setattr(forked, "usable", lambda: False)
    assert list(gipparse.export(paths, jobs=2)) == forked_records
    assert len(started) == 2
    assert forked_records == list(gipparse.export(paths, jobs=1))


_MISBEHAVING_PLUGIN = """
import os
import signal
import time

from gipparse import hookimpl


@hookimpl(tryfirst=True)
def gipparse_read_source(path, data):
    if data.startswith(b"KILL"):
        os.kill(os.getpid(), signal.SIGKILL)
    if data.startswith(b"SLEEP"):
        time.sleep(30)
    return None
"""


@pytest.fixture
def misbehaving(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A plugin that kills its process on files starting with KILL, and sleeps 30 s on
    files starting with SLEEP."""
    (tmp_path / "gipparse_misbehaving_plugin.py").write_text(_MISBEHAVING_PLUGIN, "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import gipparse_misbehaving_plugin  # type: ignore[import-not-found]

    return gipparse_misbehaving_plugin


@pytest.mark.parametrize(
    "case", ["forked corpus", "forked html", "executor corpus", "executor html"]
)
def test_validate_inspection_with_jobs_survives_a_killed_worker_and_an_overrun(
    tmp_path: Path, misbehaving: Any, monkeypatch: pytest.MonkeyPatch, started: list[int], case: str
) -> None:
    from gipparse.export.inspect import inspect_paths

    own, html = case.startswith("forked"), case.endswith("html")
    if not own:
        monkeypatch.setattr(forked, "usable", lambda: False)
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(8):
        shutil.copy(SEEDS[i % len(SEEDS)], folder / f"{i:02d}.txt")
    (folder / "02.txt").write_bytes(b"KILL")
    (folder / "05.txt").write_bytes(b"SLEEP")
    paths = [str(folder / f"{i:02d}.txt") for i in range(8)]
    options: dict[str, Any] = {"corpus": not html, "html": html, "timeout": 1.0}
    found = list(inspect_paths(paths, jobs=2, plugins=[misbehaving], **options))
    assert [r["path"] for r, *_ in found] == paths
    codes = [[d["code"] for d in r["diagnostics"] if d["severity"] == "error"] for r, *_ in found]
    assert codes[2] == ["report.worker-died"]
    assert codes[5] == ["report.timeout"]
    for i in (2, 5):
        record, facts, findings, section = found[i]
        assert (facts, findings) == (None, [])
        if html:
            assert section is not None
            assert f'<section id="r{i + 1}" class="unreadable"' in section
            assert record["diagnostics"][0]["message"].split(";")[0] in section
        else:
            assert section is None
    assert len(started) >= (3 if own else 0)  # two, and one for the one that died
    assert all(_gone(pid) for pid in started)  # no worker left behind, dead or alive
    # The other files give what one process gives (which a killing file would kill).
    (folder / "02.txt").write_bytes(b"\x00\x01 not a report")
    alone = list(inspect_paths(paths, jobs=1, plugins=[misbehaving], **options))
    assert [x for i, x in enumerate(found) if i not in (2, 5)] == [
        x for i, x in enumerate(alone) if i not in (2, 5)
    ]
    assert alone[5] == found[5]
    assert [r["valid"] for i, (r, *_) in enumerate(found) if i not in (2, 5)] == [True] * 6


def test_workers_are_forked_only_where_no_other_thread_runs() -> None:
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forked.usable()
    finally:
        stop.set()
        thread.join()
    assert forked.usable() is (threading.active_count() == 1)


# -- the command line -----------------------------------------------------------------


def test_a_batch_with_jobs_starts_no_thread_and_no_executor_in_the_main_process() -> None:
    code = textwrap.dedent(
        f"""
        import json, sys, threading
        from gipparse.cli import main
        seeds = {[str(s) for s in SEEDS]!r}
        assert main(["export", *seeds, "--jobs", "2", "-o", "/dev/null"]) == 0
        print(json.dumps([threading.active_count(), sorted(sys.modules)]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    import json

    threads, modules = json.loads(done.stdout.splitlines()[-1])
    assert threads == 1
    prefixes = ("concurrent", "multiprocessing", "ctypes", "logging")
    assert [m for m in modules if m.startswith(prefixes)] == []


@pytest.mark.parametrize(
    "case", ["nothing to read", "output is an input", "one file", "standard input"]
)
def test_workers_started_before_the_walk_end_with_the_run(
    tmp_path: Path, started: list[int], case: str
) -> None:
    from gipparse.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    argv = ["export", str(folder), "--jobs", "2", "-q"]
    status = 0
    if case == "nothing to read":
        status = 1
    elif case == "output is an input":
        shutil.copy(SEEDS[0], folder / "a.txt")
        shutil.copy(SEEDS[1], folder / "b.txt")
        argv += ["-o", str(folder / "a.txt"), "-f", "csv"]
        status = 1
    elif case == "one file":
        shutil.copy(SEEDS[0], folder / "a.txt")
        argv += ["-o", os.devnull]
    else:
        argv = ["export", "-", "--jobs", "2", "-o", os.devnull]
    before = _fds()
    if case == "standard input":
        with open(SEEDS[0], "rb") as f, _stdin(f):
            assert main(argv) == status
    else:
        assert main(argv) == status
    assert len(started) == (0 if case == "standard input" else 2)
    assert all(_gone(pid) for pid in started)
    assert _fds() == before


@contextlib.contextmanager
def _stdin(f: Any) -> Iterator[None]:
    real = sys.stdin
    sys.stdin = type("In", (), {"buffer": f})()  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdin = real


def test_ctrl_c_ends_the_run_and_its_workers(tmp_path: Path) -> None:
    # Ctrl-C reaches every process of the group: the workers ignore it, and the main
    # process stops them and removes its partial output.
    site = tmp_path / "site"
    site.mkdir()
    (site / "gipparse_sleepy.py").write_text(
        textwrap.dedent(
            """
            import time
            from gipparse import hookimpl

            @hookimpl(tryfirst=True)
            def gipparse_read_source(path, data):
                if data.startswith(b"SLEEP"):
                    time.sleep(300)
                return None
            """
        ),
        encoding="utf-8",
    )
    info = site / "gipparse_sleepy-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: gipparse-sleepy\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[gipparse]\nsleepy = gipparse_sleepy\n")
    env = {k: v for k, v in os.environ.items() if k != "GIPPARSE_DISABLE_PLUGIN_AUTOLOAD"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), env.get("PYTHONPATH")]))
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(4):
        if i in (1, 2):
            (folder / f"{i}.txt").write_bytes(b"SLEEP")
        else:
            shutil.copy(SEEDS[i], folder / f"{i}.txt")
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "gipparse", "export", str(folder), "-j", "2", "-o", "o.csv"],
        cwd=out,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a process group of its own, as a shell's job
    )
    deadline = time.monotonic() + 60
    while not os.listdir(out) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # the workers are asleep in the plugin by now
    os.killpg(process.pid, signal.SIGINT)
    # communicate() returns once every holder of the pipes has closed them: workers too.
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert b"Traceback" not in stderr
    assert b"interrupted" in stderr
    assert os.listdir(out) == []
