"""gipparse benchmarks: every cost as a ratio to a floor measured in the same run.

    python benchmarks/run.py            # the full run (a few minutes)
    python benchmarks/run.py --quick    # a smoke run (seconds), what the test suite runs
    python benchmarks/run.py --json out.json

See benchmarks/README.md for what each number means and the targets.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
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
from gipparse import _pipeline

sys.path.insert(0, str(Path(__file__).parent))
from corpus import report_text, to_traditional, write_corpus  # noqa: E402

HERE = Path(__file__).parent


def median_seconds(fn: Callable[[], object], repeat: int, number: int = 1) -> float:
    """Median over *repeat* rounds of the time one call takes (each round *number* calls)."""
    fn()
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        rounds.append((time.perf_counter() - start) / number)
    return statistics.median(rounds)


def floor_seconds(path: Path, repeat: int) -> float:
    """Reading, decoding and splitting the lines of one report: the least any parser pays."""

    def floor() -> list[str]:
        with open(path, "rb") as f:
            return f.read().decode("utf-8-sig").splitlines()

    return median_seconds(floor, repeat)


class Results:
    def __init__(self) -> None:
        self.data: dict[str, Any] = {
            "machine": {
                "python": platform.python_version(),
                "platform": platform.platform(),
                "processor": platform.processor() or platform.machine(),
                "cores": os.cpu_count(),
            },
            "gipparse": gipparse.__version__,
        }

    def section(self, title: str) -> None:
        print(f"\n## {title}")

    def row(self, key: str, label: str, value: float, unit: str, note: str = "") -> None:
        self.data[key] = value
        shown = f"{value:,.1f}" if unit != "×" else f"{value:.2f}"
        print(f"  {label:<52} {shown:>12} {unit:<4} {note}")


def bench_seeds(out: Results, repeat: int) -> dict[str, float]:
    out.section("Seeds: load() against the floor (medians)")
    floors = {}
    for path in gipparse.sample_paths():
        seed = path.name[:3]
        floor = floor_seconds(path, repeat)
        load = median_seconds(lambda p=path: gipparse.load(p), repeat)
        floors[seed] = floor
        out.row(f"seed.{seed}.floor_us", f"seed {seed} floor", floor * 1e6, "µs")
        out.row(f"seed.{seed}.load_us", f"seed {seed} load", load * 1e6, "µs")
        out.row(f"seed.{seed}.ratio", f"seed {seed} load / floor", load / floor, "×", "target ≤ 20")
    return floors


def bench_stages(out: Results, repeat: int) -> None:
    out.section("Pipeline stages, seed 000 (medians over runs)")
    path = gipparse.sample_paths()[0]
    manager = gipparse.create_plugin_manager()
    data = path.read_bytes()
    samples: dict[str, list[float]] = {}
    for _ in range(repeat):
        start = time.perf_counter()
        doc = manager.read_source(str(path), data)
        timings = {"read": time.perf_counter() - start}
        _pipeline.parse_document(doc, str(path), manager, timings=timings)
        for stage, seconds in timings.items():
            samples.setdefault(stage, []).append(seconds)
    for stage, values in samples.items():
        out.row(f"stage.{stage}_us", f"stage {stage}", statistics.median(values) * 1e6, "µs")


def bench_generated(out: Results, repeat: int) -> None:
    out.section("Generated reports: Simplified tab / pipe, and their Traditional twins")
    import random

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        for template in ("2020", "2021"):
            for fmt in ("tab", "pipe"):
                text = report_text(template, fmt, "hans", random.Random(rng.random()))
                hans = Path(tmp, f"{template}-{fmt}-hans.txt")
                hant = Path(tmp, f"{template}-{fmt}-hant.txt")
                hans.write_text(text, encoding="utf-8")
                hant.write_text(to_traditional(text), encoding="utf-8")
                floor = floor_seconds(hans, repeat)
                t_hans = median_seconds(lambda p=hans: gipparse.load(p), repeat)
                t_hant = median_seconds(lambda p=hant: gipparse.load(p), repeat)
                name = f"{template} {fmt}"
                out.row(f"gen.{template}.{fmt}.hans_us", f"{name} Simplified load", t_hans * 1e6, "µs")
                out.row(f"gen.{template}.{fmt}.ratio", f"{name} Simplified load / floor", t_hans / floor, "×", "target ≤ 20")
                out.row(f"gen.{template}.{fmt}.hant_us", f"{name} Traditional load", t_hant * 1e6, "µs")
                out.row(f"gen.{template}.{fmt}.hant_ratio", f"{name} Traditional / Simplified", t_hant / t_hans, "×", "target ≤ 2")
        # What Traditional support costs a Simplified report: the script detection hook.
        text = gipparse.sample_paths()[0].read_text(encoding="utf-8")
        manager = gipparse.create_plugin_manager(entry_points=False)
        detect = median_seconds(lambda: manager.detect_script(text), repeat, number=10)
        load = median_seconds(lambda: gipparse.loads(text), repeat)
        out.row("hant.detect_on_hans_us", "script detection on a Simplified seed", detect * 1e6, "µs")
        out.row("hant.detect_share", "…as a share of its load time", detect / load * 100, "%")


def run_command(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def bench_cold_start(out: Results, repeat: int) -> None:
    out.section("Cold start (medians over fresh processes)")
    python = sys.executable
    script = shutil.which("gipparse", path=str(Path(python).parent)) or shutil.which("gipparse")
    seed = str(gipparse.sample_paths()[0])
    commands = {
        "bare": [python, "-c", "pass"],
        "import": [python, "-c", "import gipparse"],
        "cli": [script or python, *([] if script else ["-m", "gipparse"]), "export", seed, "-o", os.devnull],
    }
    times = {name: statistics.median(run_command(argv) for _ in range(repeat)) for name, argv in commands.items()}
    out.row("cold.bare_ms", "python -c pass", times["bare"] * 1e3, "ms")
    out.row("cold.import_ms", 'python -c "import gipparse"', times["import"] * 1e3, "ms")
    out.row("cold.cli_ms", "gipparse export (one report)", times["cli"] * 1e3, "ms")
    out.row("cold.import_ratio", "import / bare", times["import"] / times["bare"], "×", "target ≤ 4")
    out.row("cold.cli_ratio", "export one report / import", times["cli"] / times["import"], "×", "target ≤ 1.3")


PEAK = "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"


def bench_batch(out: Results, count: int, folder: Path) -> None:
    out.section(f"Batch: gipparse export over {count:,} generated reports")
    paths = write_corpus(folder, count)
    size = sum(p.stat().st_size for p in paths)
    rates = {}
    for jobs in (1, 2):
        argv = [sys.executable, "-m", "gipparse", "export", str(folder), "--jobs", str(jobs), "--format", "jsonl", "-o", os.devnull, "--no-progress"]
        start = time.perf_counter()
        peak = subprocess.run([sys.executable, "-c", PEAK, *argv], check=True, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        rates[jobs] = count / seconds
        out.row(f"batch.jobs{jobs}.reports_per_s", f"--jobs {jobs}: reports per second", rates[jobs], "/s", "target ≥ 1,500" if jobs == 2 else "")
        out.row(f"batch.jobs{jobs}.mb_per_s", f"--jobs {jobs}: MB per second", size / seconds / 1e6, "MB/s")
        out.row(f"batch.jobs{jobs}.peak_mb", f"--jobs {jobs}: peak memory of one process", int(peak.stdout.strip()) / 1024, "MB")
    out.row("batch.speedup", "--jobs 2 / --jobs 1", rates[2] / rates[1], "×", "target ≥ 1.7")


def bench_scaling(out: Results, repeat: int, big_mb: float) -> None:
    out.section("Growth with input size (time per KB must stay flat)")
    one = gipparse.sample_paths()[0].read_text(encoding="utf-8")
    sizes = {"1 report": 1, "10 reports": 10, f"{big_mb:g} MB": max(1, int(big_mb * 1e6 / len(one.encode())))}
    base = None
    for label, copies in sizes.items():
        text = "\n\n\n".join([one] * copies)
        kb = len(text.encode()) / 1024
        rounds = repeat if copies < 50 else max(3, repeat // 10)
        seconds = median_seconds(lambda t=text: gipparse.loads(t, max_size=10**9), rounds)
        per_kb = seconds / kb * 1e6
        base = base or per_kb
        key = label.replace(" ", "_")
        out.row(f"scale.{key}.us_per_kb", f"{label} ({kb:,.0f} KB): µs per KB", per_kb, "µs")
        out.row(f"scale.{key}.ratio", f"{label}: per-KB cost / one report's", per_kb / base, "×", "linear ≈ 1")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a smoke run: few repetitions, small corpus")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    parser.add_argument("--corpus", type=Path, default=HERE / "out" / "corpus", help="where the generated corpus is kept")
    args = parser.parse_args(argv)
    repeat = 5 if args.quick else 200
    out = Results()
    print(f"gipparse {gipparse.__version__} on Python {platform.python_version()}, {platform.platform()}, {os.cpu_count()} cores")
    bench_seeds(out, repeat)
    bench_stages(out, repeat)
    bench_generated(out, repeat)
    bench_cold_start(out, 3 if args.quick else 30)
    bench_batch(out, 40 if args.quick else 2000, args.corpus.with_name(args.corpus.name + ("-quick" if args.quick else "")))
    bench_scaling(out, repeat, 0.3 if args.quick else 5)
    if args.json:
        args.json.write_text(json.dumps(out.data, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
