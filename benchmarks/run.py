"""gipparse benchmarks: every cost as a ratio to a floor measured in the same run.

    python benchmarks/run.py            # the full run (a few minutes)
    python benchmarks/run.py --quick    # a smoke run (seconds), what the test suite runs
    python benchmarks/run.py --json out.json

Every in-process number is CPU time of this process (``time.process_time``), measured in
interleaved rounds (A, B, A, B...) so that a busy machine slows both sides of a ratio
alike; each is shown as the median and the best round. Subprocess numbers (cold start,
batch) are wall-clock times. See benchmarks/README.md for what each number means and
the targets.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gipparse
from gipparse import pipeline as _pipeline

sys.path.insert(0, str(Path(__file__).parent))
from corpus import report_text, to_traditional, write_corpus

HERE = Path(__file__).parent

#: Every section, in the order printed; the test suite checks that a quick run prints each.
SECTIONS = (
    "Machine",
    "Seeds",
    "Pipeline stages",
    "Generated reports",
    "Traditional twins of the seeds",
    "Cold start",
    "Batch",
    "Growth with input size",
)

Timing = tuple[float, float]  # (median, best) seconds


def interleaved(
    fns: dict[str, Callable[[], object]], repeat: int, number: int = 1
) -> dict[str, Timing]:
    """``(median, best)`` CPU seconds per call of each function, measured round by round:
    each round runs every function *number* times, in turn."""
    for fn in fns.values():
        fn()
    samples: dict[str, list[float]] = {name: [] for name in fns}
    clock = time.process_time
    for _ in range(repeat):
        for name, fn in fns.items():
            start = clock()
            for _ in range(number):
                fn()
            samples[name].append((clock() - start) / number)
    return {name: (statistics.median(s), min(s)) for name, s in samples.items()}


def reader(path: Path) -> Callable[[], object]:
    """Reading, decoding and splitting the lines of one report: the least any parser pays."""

    def floor() -> list[str]:
        with open(path, "rb") as f:
            return f.read().decode("utf-8-sig").splitlines()

    return floor


def loader(path: Path) -> Callable[[], object]:
    return lambda: gipparse.load(path)


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover - not on every platform
        return "unknown"


def busy_cores_seconds() -> float | None:
    """CPU time every process of the machine has used since it started, in seconds (Linux:
    ``/proc/stat``); ``None`` elsewhere."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            fields = [int(x) for x in f.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields) - idle) / os.sysconf("SC_CLK_TCK")


def children_cpu() -> float:
    """CPU time of this process's finished children (and theirs), in seconds."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class OthersCpu:
    """While active: the cores other processes of the machine kept busy on average (CPU
    time of the machine less that of this process and its children, over the wall time);
    ``None`` where the machine's CPU time cannot be read."""

    def __enter__(self) -> OthersCpu:
        self.cores: float | None = None
        self._start = (busy_cores_seconds(), children_cpu(), time.process_time())
        self._wall = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        machine, children, own = self._start
        now = busy_cores_seconds()
        if machine is None or now is None:
            return
        ours = children_cpu() - children + time.process_time() - own
        wall = time.perf_counter() - self._wall
        self.cores = max(0.0, now - machine - ours) / wall


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


class Results:
    def __init__(self) -> None:
        self.data: dict[str, Any] = {"gipparse": gipparse.__version__}

    def section(self, title: str, note: str = "") -> None:
        print(f"\n## {title}" + (f"  ({note})" if note else ""))

    def value(
        self, key: str, label: str, value: float | str, unit: str = "", note: str = ""
    ) -> None:
        self.data[key] = value
        shown = value if isinstance(value, str) else f"{value:,.1f}"
        print(f"  {label:<46} {shown:>12} {unit:<5} {note}")

    def timing(  # noqa: PLR0917
        self, key: str, label: str, t: Timing, scale: float, unit: str, note: str = ""
    ) -> None:
        """A time as ``median (best)``."""
        self.data[key] = {"median": t[0] * scale, "best": t[1] * scale}
        print(f"  {label:<46} {t[0] * scale:>12,.1f} {unit:<5} (best {t[1] * scale:,.1f}) {note}")

    def ratio(self, key: str, label: str, a: Timing, b: Timing, note: str = "") -> None:
        """``a / b`` of the medians, and of the best rounds."""
        median, best = a[0] / b[0], a[1] / b[1]
        self.data[key] = {"median": median, "best": best}
        print(f"  {label:<46} {median:>12.2f} ×     (best {best:.2f}) {note}")

    def skipped(self, why: str) -> None:
        print(f"  skipped: {why}")


LOOPS = 10_000_000


def bench_machine(out: Results) -> None:
    out.section("Machine")
    out.value("machine.cpu", "CPU", cpu_model())
    out.value("machine.cores", "cores", str(os.cpu_count()))
    out.value(
        "machine.python",
        "Python",
        f"{platform.python_implementation()} {platform.python_version()}",
    )
    out.value("machine.platform", "platform", platform.platform())
    out.value("machine.load_start", "load average at start (1, 5, 15 min)", load_average())
    out.value(
        "machine.parallel",
        "2 busy processes / 1: work done per second",
        f"{parallel_capacity(LOOPS):.2f}",
        "×",
        "2.00 on two idle cores",
    )


SPIN = "import sys\nx = 0\nfor i in range(int(sys.argv[1])): x += i"


def parallel_capacity(loops: int) -> float:
    """How much faster two busy processes finish a fixed amount of pure-Python work than
    one: 2.0 on two idle cores; less when other work holds a core."""
    return two_at_once([sys.executable, "-c", SPIN, str(loops)])


PARSE = "import sys, gipparse\nfor path in sys.argv[1:]: gipparse.load(path)"


def two_at_once(argv: list[str], repeat: int = 1) -> float:
    """``2 × (time of one process) / (time of two at once)``, best of *repeat*: how much
    more work per second two processes running *argv* get done than one."""
    ones, twos = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, env=child_env())
        ones.append(time.perf_counter() - start)
        start = time.perf_counter()
        both = [subprocess.Popen(argv, env=child_env()) for _ in range(2)]
        for process in both:
            process.wait()
        twos.append(time.perf_counter() - start)
    return 2 * min(ones) / min(twos)


#: Copies of a seed moved down by this many blank lines, loaded in turn.
SHIFTS = 50


def shifted(path: Path, folder: Path) -> Callable[[], object]:
    """Loads of *path* moved down by 1, 2, … :data:`SHIFTS` blank lines, in turn: the same
    tables and texts, but no line where it was (as in a report that shares a template's
    tables with earlier ones but not their place)."""
    text = path.read_bytes()
    copies = []
    for k in range(1, SHIFTS + 1):
        copy = folder / f"{path.stem}.{k}.txt"
        copy.write_bytes(b"\n" * k + text)
        copies.append(copy)
    turn = itertools.cycle(copies)
    return lambda: gipparse.load(next(turn))


def bench_seeds(out: Results, repeat: int, number: int) -> None:
    out.section("Seeds", "load() against the floor; µs per report, CPU time")
    with tempfile.TemporaryDirectory() as tmp:
        for path in gipparse.sample_paths():
            bench_seed(out, path, Path(tmp), repeat, number)


def bench_seed(out: Results, path: Path, folder: Path, repeat: int, number: int) -> None:
    seed = path.name[:3]
    t = interleaved({"floor": reader(path), "load": loader(path)}, repeat, number)
    script = "Traditional" if seed == "001" else "Simplified"
    out.timing(f"seed.{seed}.floor_us", f"seed {seed} floor", t["floor"], 1e6, "µs")
    out.timing(f"seed.{seed}.load_us", f"seed {seed} load ({script})", t["load"], 1e6, "µs")
    target = "target ≤ 10" if script == "Simplified" else "(Traditional: see its twin)"
    out.ratio(f"seed.{seed}.ratio", f"seed {seed} load / floor", t["load"], t["floor"], target)
    moved = interleaved({"moved": shifted(path, folder)}, repeat, number)["moved"]
    out.timing(f"seed.{seed}.moved_us", f"seed {seed} load, at other lines", moved, 1e6, "µs")
    out.ratio(f"seed.{seed}.moved_ratio", f"seed {seed} at other lines / floor", moved, t["floor"])
    if clear_caches is not None:
        new = first_sight(path, repeat, number)
        out.timing(f"seed.{seed}.new_us", f"seed {seed} load, new to gipparse", new, 1e6, "µs")
        out.ratio(f"seed.{seed}.new_ratio", f"seed {seed} new / floor", new, t["floor"])
        first, faults = first_in_process(path, FRESH)
        out.timing(
            f"seed.{seed}.first_us", f"seed {seed} first load of a process", first, 1e6, "µs"
        )
        out.value(f"seed.{seed}.first_faults", f"seed {seed} first load: page faults", faults)
        out.ratio(
            f"seed.{seed}.first_ratio",
            f"seed {seed} first load / new to gipparse",
            first,
            new,
            "target ≤ 3",
        )


#: Fresh processes started to time the first load of a process (set by main).
FRESH = 15
#: A smoke run (set by main): the Dask cluster is not started.
QUICK = False

FIRST = (
    "import resource, sys, time, gipparse\n"
    "faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt\n"
    "start = time.process_time()\n"
    "gipparse.load(sys.argv[1])\n"
    "end = time.process_time()\n"
    "print(end - start, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults)"
)


def first_in_process(path: Path, runs: int) -> tuple[Timing, float]:
    """``(median, best)`` CPU seconds of the first ``gipparse.load`` of a fresh process
    that has imported gipparse: what a one-file user pays beyond the import (building the
    plugin manager and the templates, compiling patterns on first use); and the median
    number of page faults it takes (memory touched for the first time: time that
    instruction counts do not show)."""
    argv = [sys.executable, "-c", FIRST, str(path)]
    subprocess.run(argv, check=True, capture_output=True, env=child_env())  # bytecode
    samples = [
        subprocess.run(
            argv, check=True, capture_output=True, text=True, env=child_env()
        ).stdout.split()
        for _ in range(runs)
    ]
    seconds = [float(t) for t, _ in samples]
    faults = statistics.median(int(f) for _, f in samples)
    return (statistics.median(seconds), min(seconds)), faults


def _find_clear() -> Callable[[], None] | None:
    """What empties every cache gipparse keeps across reports (None in versions without)."""
    import importlib

    for name in ("gipparse.caches", "gipparse._caches"):
        try:
            return getattr(importlib.import_module(name), "clear", None)
        except ImportError:
            continue
    return None


clear_caches: Callable[[], None] | None = _find_clear()


def first_sight(path: Path, repeat: int, number: int) -> Timing:
    """What loading *path* costs when gipparse has seen no report yet."""
    return fresh_timing(lambda: gipparse.load(path), repeat, number)


def fresh_timing(fn: Callable[[], object], repeat: int, number: int = 1) -> Timing:
    """``(median, best)`` CPU seconds of *fn* with every cache of gipparse emptied before
    each call; what emptying alone costs is taken off."""
    assert clear_caches is not None
    empty = clear_caches

    def fresh() -> None:
        empty()
        fn()

    t = interleaved({"fresh": fresh, "clear": empty}, repeat, number)
    return (t["fresh"][0] - t["clear"][0], t["fresh"][1] - t["clear"][1])


def bench_stages(out: Results, repeat: int) -> None:
    out.section("Pipeline stages", "seed 000, µs, wall clock per stage")
    path = gipparse.sample_paths()[0]
    manager = gipparse.create_plugin_manager()
    data = path.read_bytes()
    samples: dict[str, list[float]] = {}
    for _ in range(repeat):
        start = time.perf_counter()
        doc = manager.read_source(str(path), data)
        timings = {"read": time.perf_counter() - start}
        _pipeline.parse_document(doc, str(path), manager, timings=timings)
        timings["total"] = sum(timings.values())
        for stage, seconds in timings.items():
            samples.setdefault(stage, []).append(seconds)
    for stage, values in samples.items():
        out.timing(
            f"stage.{stage}_us",
            f"stage {stage}",
            (statistics.median(values), min(values)),
            1e6,
            "µs",
        )


def bench_generated(out: Results, repeat: int, number: int) -> None:
    out.section(
        "Generated reports", "Simplified tab / pipe and their Traditional twins; µs, CPU time"
    )
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        for template in ("2020", "2021"):
            for fmt in ("tab", "pipe"):
                text = report_text(template, fmt, "hans", random.Random(rng.random()))
                hans = Path(tmp, f"{template}-{fmt}-hans.txt")
                hant = Path(tmp, f"{template}-{fmt}-hant.txt")
                hans.write_text(text, encoding="utf-8")
                hant.write_text(to_traditional(text), encoding="utf-8")
                t = interleaved(
                    {"floor": reader(hans), "hans": loader(hans), "hant": loader(hant)},
                    repeat,
                    number,
                )
                name = f"{template} {fmt}"
                out.timing(
                    f"gen.{template}.{fmt}.hans_us", f"{name} Simplified load", t["hans"], 1e6, "µs"
                )
                out.ratio(
                    f"gen.{template}.{fmt}.ratio",
                    f"{name} Simplified load / floor",
                    t["hans"],
                    t["floor"],
                    "target ≤ 10",
                )
                out.timing(
                    f"gen.{template}.{fmt}.hant_us",
                    f"{name} Traditional load",
                    t["hant"],
                    1e6,
                    "µs",
                )
                out.ratio(
                    f"gen.{template}.{fmt}.hant_ratio",
                    f"{name} Traditional / Simplified",
                    t["hant"],
                    t["hans"],
                    "target ≤ 1.1",
                )


def bench_twins(out: Results, repeat: int, number: int) -> None:
    out.section(
        "Traditional twins of the seeds",
        "each Simplified seed converted with OpenCC s2t, parsed from text; µs, CPU time",
    )
    from twins import twins

    from gipparse.manager import PluginManager
    from gipparse.script import hant
    from gipparse.tree.nodes import SourceDocument

    manager = gipparse.create_plugin_manager(entry_points=False)
    without = gipparse.create_plugin_manager(entry_points=False)
    without.pluggy.unregister(hant)

    def parse(text: str, manager: PluginManager) -> object:
        return _pipeline.parse_document(SourceDocument(text), None, manager)

    for name, text, twin in twins():
        if hant.detect_script(text) != "hans":
            continue
        t = interleaved(
            {
                "hans": lambda s=text: parse(s, manager),
                "hant": lambda s=twin: parse(s, manager),
                "bare": lambda s=text: parse(s, without),
                "detect": lambda s=text: hant.detect_script(s),
            },
            repeat,
            number,
        )
        out.timing(f"twin.{name}.hans_us", f"seed {name} (Simplified)", t["hans"], 1e6, "µs")
        out.timing(f"twin.{name}.hant_us", f"seed {name} Traditional twin", t["hant"], 1e6, "µs")
        out.ratio(
            f"twin.{name}.ratio", f"seed {name} twin / seed", t["hant"], t["hans"], "target ≤ 1.1"
        )
        out.ratio(
            f"twin.{name}.without_ratio",
            f"seed {name} with / without the hant plugin",
            t["hans"],
            t["bare"],
            "≈ 1: nothing paid",
        )
        out.timing(
            f"twin.{name}.detect_us", f"seed {name} script detection alone", t["detect"], 1e6, "µs"
        )


def cli_missing() -> str | None:
    """Why the ``export`` command cannot be benchmarked, or None when it can."""
    found = subprocess.run(
        [sys.executable, "-m", "gipparse", "export", "--help"],
        capture_output=True,
        text=True,
        check=False,
        env=child_env(),
    )
    if found.returncode != 0 or "--jobs" not in found.stdout:
        return (
            "this gipparse has no `gipparse export` command with --jobs "
            "(the installed gipparse predates the command-line exporter)"
        )
    return None


def child_env() -> dict[str, str]:
    """The environment of measured subprocesses: bytecode caches allowed, as an installed
    package has them (with ``PYTHONDONTWRITEBYTECODE`` every start would compile gipparse
    from source, which no installed copy does)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def wall(argv: list[str], faults: list[int] | None = None) -> float:
    """Seconds *argv* ran for; the page faults it took appended to *faults*."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_minflt if faults is not None else 0
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=child_env())
    seconds = time.perf_counter() - start
    if faults is not None:
        faults.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_minflt - before)
    return seconds


def bench_cold_start(out: Results, repeat: int, missing: str | None) -> None:
    out.section("Cold start", "fresh processes, ms, wall clock, run in turn")
    python = sys.executable
    script = shutil.which("gipparse", path=str(Path(python).parent))
    commands = {
        "bare": [python, "-c", "pass"],
        "deps": [python, "-c", "import attrs, pluggy"],
        "import": [python, "-c", "import gipparse"],
    }
    seeds = [p.name[:3] for p in gipparse.sample_paths()]
    if missing is None:
        for path in gipparse.sample_paths():
            commands[f"cli{path.name[:3]}"] = [
                *([script] if script else [python, "-m", "gipparse"]),
                "export",
                str(path),
                "-o",
                os.devnull,
            ]
    for argv in commands.values():
        wall(argv)  # writes the bytecode caches
    samples: dict[str, list[float]] = {name: [] for name in commands}
    faults: dict[str, list[int]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, argv in commands.items():
            samples[name].append(wall(argv, faults[name]))
    t = {name: (statistics.median(s), min(s)) for name, s in samples.items()}
    f = {name: statistics.median(s) for name, s in faults.items()}
    out.timing("cold.bare_ms", "python -c pass", t["bare"], 1e3, "ms")
    out.timing("cold.deps_ms", 'python -c "import attrs, pluggy"', t["deps"], 1e3, "ms")
    out.timing("cold.import_ms", 'python -c "import gipparse"', t["import"], 1e3, "ms")
    out.ratio("cold.import_ratio", "import / bare", t["import"], t["bare"])
    for name, label in (("bare", "pass"), ("deps", "import attrs, pluggy"), ("import", "import")):
        out.value(f"cold.{name}_faults", f"{label}: page faults", f[name])
    out.ratio(
        "cold.import_deps_ratio",
        "import / import attrs, pluggy",
        t["import"],
        t["deps"],
        "target ≤ 1.2",
    )
    if missing is None:
        for seed in seeds:
            cli = t[f"cli{seed}"]
            out.timing(
                f"cold.cli.{seed}_ms", f"gipparse export seed {seed} (one report)", cli, 1e3, "ms"
            )
            out.ratio(
                f"cold.cli.{seed}_ratio",
                f"export seed {seed} / import",
                cli,
                t["import"],
                "target ≤ 1.15",
            )
            out.value(
                f"cold.cli.{seed}_faults", f"export seed {seed}: page faults", f[f"cli{seed}"]
            )
    else:
        out.skipped(f"export of one report: {missing}")


PEAK = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def distinct(out: Results, paths: list[Path], rounds: int) -> None:
    """The corpus read in this process, pass after pass, each pass starting with every
    cache emptied (every report is new to the process: it shares labels and layouts with
    the others, as real reports of a year do), against the floor of the same files."""
    floors: list[float] = []
    loads: list[float] = []
    seconds: list[float] = []
    for _ in range(rounds):
        start = time.process_time()
        for path in paths:
            with open(path, "rb") as f:
                f.read().decode("utf-8-sig").splitlines()
        floors.append((time.process_time() - start) / len(paths))
        if clear_caches is not None:
            clear_caches()
        start, cpu = time.perf_counter(), time.process_time()
        for path in paths:
            gipparse.load(path)
        loads.append((time.process_time() - cpu) / len(paths))
        seconds.append(time.perf_counter() - start)
    floor = (statistics.median(floors), min(floors))
    load = (statistics.median(loads), min(loads))
    out.timing("batch.floor_us", "distinct reports: floor per report", floor, 1e6, "µs")
    out.timing(
        "batch.in_process_us", "distinct reports in process: CPU per report", load, 1e6, "µs"
    )
    out.ratio("batch.distinct_ratio", "distinct reports / floor", load, floor, "target ≤ 15")
    out.value(
        "batch.in_process_per_s",
        "distinct reports in process: reports per second",
        len(paths) / statistics.median(seconds),
        "/s",
    )


def bench_batch(out: Results, count: int, folder: Path, repeat: int, missing: str | None) -> None:
    out.section(
        "Batch", f"gipparse export --format jsonl over {count:,} generated reports, wall clock"
    )
    paths = write_corpus(folder, count)
    size = sum(p.stat().st_size for p in paths)
    out.value("batch.reports", "reports (2020/2021 × tab/pipe × hans/hant)", f"{len(paths):,}")
    out.value("batch.mb", "corpus size", size / 1e6, "MB")
    distinct(out, paths, 3 if count > 100 else 1)
    if missing is not None:
        out.skipped(missing)
        return
    samples: dict[int, list[float]] = {1: [], 2: []}
    peaks: dict[int, int] = {1: 0, 2: 0}
    ratios: list[float] = []
    ceilings: list[float] = []
    others: list[float | None] = []
    # Each round runs --jobs 1, --jobs 2 and the ceiling in turn: on a shared host the
    # second core comes and goes within a minute, so a ratio means something only next to
    # the ceiling measured at the same time.
    parse_argv = [sys.executable, "-c", PARSE, *map(str, paths[:400])]
    for _ in range(repeat):
        with OthersCpu() as round_:
            for jobs in (1, 2):
                argv = [sys.executable, "-m", "gipparse", "export", str(folder)]
                argv += ["--jobs", str(jobs), "--format", "jsonl", "-o", os.devnull]
                argv += ["--no-progress"]
                start = time.perf_counter()
                peak = subprocess.run(
                    [sys.executable, "-c", PEAK, *argv],
                    check=True,
                    capture_output=True,
                    text=True,
                    env=child_env(),
                )
                samples[jobs].append(time.perf_counter() - start)
                peaks[jobs] = max(peaks[jobs], int(peak.stdout.strip()))
            ratios.append(samples[1][-1] / samples[2][-1])
            ceilings.append(two_at_once(parse_argv))
        others.append(round_.cores)
    t = {jobs: (statistics.median(s), min(s)) for jobs, s in samples.items()}
    for jobs in (1, 2):
        rate = (count / t[jobs][0], count / t[jobs][1])
        out.data[f"batch.jobs{jobs}.reports_per_s"] = {"median": rate[0], "best": rate[1]}
        target = "target ≥ 1,500" if jobs == 2 else ""
        label = f"--jobs {jobs}: reports per second"
        print(f"  {label:<46} {rate[0]:>12,.0f} /s    (best {rate[1]:,.0f}) {target}")
        out.value(
            f"batch.jobs{jobs}.mb_per_s",
            f"--jobs {jobs}: MB per second (median)",
            size / t[jobs][0] / 1e6,
            "MB/s",
        )
        out.value(
            f"batch.jobs{jobs}.peak_mb",
            f"--jobs {jobs}: peak memory of one process",
            peaks[jobs] / 1024,
            "MB",
        )
    out.ratio("batch.speedup", "--jobs 2 throughput / --jobs 1", t[1], t[2], "target ≥ 1.7")
    # The same parsing work in two independent processes at once, against one: the most
    # any division of this work over two processes can gain at that moment (memory-heavy
    # work scales less than the pure-Python loop of the machine section).
    out.value(
        "batch.rounds",
        "rounds: --jobs 2 / --jobs 1, each",
        " ".join(f"{r:.2f}" for r in ratios),
        "×",
    )
    out.value(
        "batch.parse_capacity",
        "rounds: 2 parsing processes / 1, each",
        " ".join(f"{c:.2f}" for c in ceilings),
        "×",
        "the ceiling of the ratio in the same round",
    )
    shares = [r / c for r, c in zip(ratios, ceilings, strict=True)]
    out.value(
        "batch.shares",
        "rounds: share of the ceiling reached, each",
        " ".join(f"{x:.0%}" for x in shares),
    )
    out.value(
        "batch.share",
        "--jobs 2: share of the ceiling (median round)",
        f"{statistics.median(shares):.0%}",
        "",
        "target ≥ 90%",
    )
    busy = [x for x in others if x is not None]
    if len(busy) == len(others):
        out.value(
            "batch.others",
            "rounds: cores other processes kept busy, each",
            " ".join(f"{x:.2f}" for x in busy),
            "",
            "0 on a machine left to this run",
        )
    bench_dask(out, folder, count, min(repeat, 3))


DASK = """
import json, subprocess, sys, time
import gipparse
from dask.distributed import Client, LocalCluster

folder, rounds, jobs2 = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
start = time.perf_counter()
cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
client = Client(cluster)
client.run(lambda: __import__("gipparse.export.dask") and None)
up = time.perf_counter() - start
dask, jobs = [], []
rows = 0
for _ in range(rounds):
    start = time.perf_counter()
    rows = len(gipparse.dask.read_reports(folder).compute())
    dask.append(time.perf_counter() - start)
    start = time.perf_counter()
    subprocess.run(jobs2, check=True)
    jobs.append(time.perf_counter() - start)
print(json.dumps({"up": up, "rows": rows, "dask": dask, "jobs2": jobs}))
client.close()
cluster.close()
"""


def bench_dask(out: Results, folder: Path, count: int, repeat: int) -> None:
    """The corpus through ``gipparse.dask.read_reports`` on a LocalCluster of two worker
    processes, against ``gipparse export --jobs 2`` (the same two cores), in turn, round by
    round, while the cluster is up (its start is shown apart)."""
    if QUICK:
        out.skipped("Dask: not in a quick run (starting a cluster takes seconds)")
        return
    try:
        import dask.distributed
    except ImportError:
        out.skipped('Dask: not installed (pip install "gipparse[dask]")')
        return
    jobs2 = [sys.executable, "-m", "gipparse", "export", str(folder), "--jobs", "2"]
    jobs2 += ["--format", "jsonl", "-o", os.devnull, "--no-progress"]
    result = subprocess.run(
        [sys.executable, "-c", DASK, str(folder), str(repeat), json.dumps(jobs2)],
        check=True,
        capture_output=True,
        text=True,
        env=child_env(),
    )
    found = json.loads(result.stdout)
    assert found["rows"] == count, (found["rows"], count)
    dask = (statistics.median(found["dask"]), min(found["dask"]))
    jobs = (statistics.median(found["jobs2"]), min(found["jobs2"]))
    out.value("batch.dask.start_s", "Dask: start a LocalCluster of 2 workers", found["up"], "s")
    for key, label, t in (
        ("dask", "Dask read_reports().compute()", dask),
        ("jobs2", "--jobs 2, in turn", jobs),
    ):
        rate = (count / t[0], count / t[1])
        out.data[f"batch.dask.{key}.reports_per_s"] = {"median": rate[0], "best": rate[1]}
        print(f"  {label + ': reports/s':<46} {rate[0]:>12,.0f} /s    (best {rate[1]:,.0f})")
    out.value(
        "batch.dask.rounds",
        "rounds: Dask time / --jobs 2 time, each",
        " ".join(f"{d / j:.2f}" for d, j in zip(found["dask"], found["jobs2"], strict=True)),
        "×",
    )
    out.ratio(
        "batch.dask.overhead", "Dask time / --jobs 2 time", dask, jobs, "the overhead of Dask"
    )


def bench_scaling(out: Results, repeat: int, big_mb: float) -> None:
    out.section(
        "Growth with input size",
        "seed 000 repeated, caches emptied before each call; CPU time per KB must not grow",
    )
    one = gipparse.sample_paths()[0].read_text(encoding="utf-8")
    sizes = {
        "1 report": 1,
        "10 reports": 10,
        f"{big_mb / 5:g} MB": max(1, int(big_mb / 5 * 1e6 / len(one.encode()))),
        f"{big_mb:g} MB": max(1, int(big_mb * 1e6 / len(one.encode()))),
    }
    base: Timing | None = None
    for label, copies in sizes.items():
        text = "\n\n\n".join([one] * copies)
        kb = len(text.encode()) / 1024
        rounds = repeat if copies < 50 else max(3, repeat // 20)

        def load(s: str = text) -> object:
            return gipparse.loads(s, max_size=10**9)

        if clear_caches is None:
            t = interleaved({"load": load}, rounds)["load"]
        else:
            t = fresh_timing(load, rounds)
        per_kb = (t[0] / kb, t[1] / kb)
        base = base or per_kb
        key = label.replace(" ", "_")
        out.timing(f"scale.{key}.us_per_kb", f"{label} ({kb:,.0f} KB): per KB", per_kb, 1e6, "µs")
        out.ratio(
            f"scale.{key}.ratio", f"{label}: per KB / one report", per_kb, base, "linear: ≤ 1"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: few repetitions, small corpus"
    )
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=HERE / "out" / "corpus",
        help="where the generated corpus is kept",
    )
    args = parser.parse_args(argv)
    global LOOPS, FRESH, QUICK  # noqa: PLW0603
    LOOPS = 1_000_000 if args.quick else LOOPS
    FRESH = 2 if args.quick else FRESH
    QUICK = args.quick
    repeat, number = (3, 1) if args.quick else (41, 10)
    out = Results()
    print(f"gipparse {gipparse.__version__}: benchmarks ({'quick' if args.quick else 'full'} run)")
    bench_machine(out)
    bench_seeds(out, repeat, number)
    bench_stages(out, 5 if args.quick else 400)
    bench_generated(out, repeat, number)
    bench_twins(out, repeat, number)
    missing = cli_missing()
    bench_cold_start(out, 3 if args.quick else 30, missing)
    corpus = args.corpus.with_name(args.corpus.name + ("-quick" if args.quick else ""))
    bench_batch(out, 40 if args.quick else 2000, corpus, 1 if args.quick else 5, missing)
    bench_scaling(out, repeat, 0.3 if args.quick else 5)
    print()
    out.value("machine.load_end", "load average at the end (1, 5, 15 min)", load_average())
    out.value(
        "machine.parallel_end",
        "2 busy processes / 1 at the end",
        f"{parallel_capacity(LOOPS):.2f}",
        "×",
    )
    if args.json:
        args.json.write_text(json.dumps(out.data, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
