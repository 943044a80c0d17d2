"""A fixed amount of work for instruction counting (``valgrind --tool=callgrind``).

    python benchmarks/count_loads.py MODE N

MODE ``seed``: N loads of sample 000. ``seed1`` to ``seed4``: N loads of sample 001 to 004
(003 is damaged: rows that lost their labels). ``moved`` and ``moved1`` to ``moved4``: N
loads of the sample with its tables moved down by 1, 2, ... N blank lines put before the
first (its opening, which script detection samples, where it was): no table row where it
was, nor where an earlier load had it, as in reports laid out alike whose tables stand
elsewhere; the files are written whatever N, at most :data:`SHIFTS`. ``corpus``: one load each of N
generated reports (every kind in turn), after 24 others. ``stats-seed``, ``stats-seed3``
and ``stats-corpus``: the same, statistics stage only, the stages before it run for 105
inputs whatever N (so that the difference between two N is the statistics stage alone).
The per-load cost is (count at N=105 - count at N=5) / 100.

With ``NO_GC=1`` in the environment the cyclic collector is off while the loads run: a
full collection that falls in one of the two runs and not the other moves the difference
by hundreds of thousands of instructions (seed 003's many diagnostics make it likely).

With ``COUNT_IN=module:name`` (``IN=`` of ``icount.sh``) the loads modes count only what
runs inside that function: from the second load on, it is called through
``sys.call_tracing``, which callgrind is told to count alone (``--collect-atstart=no
--toggle-collect=_PyEval_CallTracing``). *name* may be dotted (``Class.method``); a
function that modules bind by their own name is replaced in each place given, joined by
``@`` (``gipparse.pipeline:split_blocks``: the pipeline's name for it). The function must
not call itself.
"""

from __future__ import annotations

import gc
import importlib
import inspect
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gipparse

HERE = Path(__file__).parent
#: Generated reports read before the counted ones (three of each of the eight kinds).
WARM = 24
#: The sample each seed mode loads.
SEEDS = {"seed": 0, "seed1": 1, "seed2": 2, "seed3": 3, "seed4": 4}
#: The sample each mode of moved copies loads.
MOVED = {"moved": 0, "moved1": 1, "moved2": 2, "moved3": 3, "moved4": 4}
#: Copies of a sample moved down by 1 to this many blank lines (the most loads counted).
SHIFTS = 110


def main() -> None:
    mode, n = sys.argv[1], int(sys.argv[2])
    sys.path.insert(0, str(HERE))
    from stats_stage import disable_plans, prepare

    if os.environ.get("NO_PLANS"):
        disable_plans()
    if os.environ.get("NO_GC"):
        gc.disable()
    corpus = sorted((HERE / "out" / "corpus").glob("*.txt"))
    load = _loader(os.environ.get("COUNT_IN", ""))
    if mode in SEEDS:
        path = gipparse.sample_paths()[SEEDS[mode]]
        for _ in range(n):
            load(path)
    elif mode in MOVED:
        import tempfile

        text = gipparse.sample_paths()[MOVED[mode]].read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        first = next(i for i, line in enumerate(lines) if line[:1] == "\t" or "|" in line)
        head, tables = "".join(lines[:first]), "".join(lines[first:])
        with tempfile.TemporaryDirectory() as tmp:
            paths = [Path(tmp, f"{k:03d}.txt") for k in range(1, SHIFTS + 1)]
            for k, path in enumerate(paths, 1):
                path.write_text(head + "\n" * k + tables, encoding="utf-8")
            for path in paths[:n]:
                load(path)
    elif mode == "corpus":
        # The first three reports of each kind first, whatever N: a batch's steady state.
        for path in corpus[: WARM + n]:
            load(path)
    elif mode.startswith("stats-"):
        from gipparse.pipeline import read_statistics

        manager = gipparse.create_plugin_manager()
        if mode in ("stats-seed", "stats-seed3"):
            text = gipparse.sample_paths()[SEEDS[mode[6:]]].read_text(encoding="utf-8")
            items = [prepare(text, manager)] * 105
        else:
            items = [prepare(p.read_text(encoding="utf-8"), manager) for p in corpus[: WARM + 105]]
            n += WARM
        for prepared in items[:n]:
            read_statistics(*prepared)
    else:
        raise SystemExit(f"unknown mode {mode}")


def _loader(spec: str) -> Callable[[Path], object]:
    """``gipparse.load``, which puts the function *spec* names (see ``COUNT_IN``) under
    ``sys.call_tracing`` after its first call (the pipeline binds its stages then)."""
    if not spec:
        return gipparse.load
    wrapped: list[bool] = []

    def load(path: Path) -> object:
        report = gipparse.load(path)
        if not wrapped:
            _count_in(spec.split("@"))
            wrapped.append(True)
        return report

    return load


def _count_in(places: list[str]) -> None:
    """Replace the function at each of *places* (``module:name``, the first where it is
    defined) by one calling it through ``sys.call_tracing``."""

    def owner(place: str) -> tuple[Any, str]:
        module, _, dotted = place.partition(":")
        obj: Any = importlib.import_module(module)
        *path, name = dotted.split(".")
        for part in path:
            obj = getattr(obj, part)
        return obj, name

    obj, name = owner(places[0])
    function = inspect.getattr_static(obj, name)
    if isinstance(function, staticmethod):
        function = function.__func__
    call = sys.call_tracing

    def counted(*args: Any, **kwargs: Any) -> Any:
        if kwargs:
            return call(lambda: function(*args, **kwargs), ())
        return call(function, args)

    for place in places:
        setattr(*owner(place), counted)


if __name__ == "__main__":
    main()
