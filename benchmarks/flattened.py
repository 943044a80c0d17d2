"""Flattened tables: how many cells the arithmetic decides, and what it costs.

    python benchmarks/flattened.py [--reports N] [--repeat N]

Reports are generated from valid statistics of both templates (the test suite's
generator: mostly zeros, sometimes numbers up to a few hundred, as in real reports),
laid out by ``report_from_statistics`` and flattened four ways: the whole report on one
line with every cell glued, one table row per line, stray spaces between some cells with
page chrome around, and ``get_text()`` of the report as a web page. The seeds are
flattened the same ways.

For each it prints the share of cells decided (read as a number; the others are null,
with their candidates), by table, and the CPU time of the flattened reading per report
(``read_flattened`` alone, and a whole ``gipparse.loads``): median, 90th percentile and
worst, each the best of ``--repeat`` calls. Nothing here is asserted anywhere.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import report_strategies as rs
from tests.flattening import crawler_text, get_text, html_page

import gipparse
from gipparse import Report, Statistics
from gipparse.templates.flat import read_flattened

FLATTENINGS: dict[str, Callable[[Report, random.Random], str]] = {
    "one line, glued": lambda r, rng: crawler_text(r),
    "a row per line": lambda r, rng: crawler_text(r, rows_on_lines=True),
    "stray spaces, chrome": lambda r, rng: crawler_text(r, rng=rng, spaces=0.3, chrome=True),
    "get_text() of a page": lambda r, rng: get_text(html_page(r)),
}
TABLES = ("active", "applications", "appeals")


def corpus(count: int) -> list[tuple[str, Statistics, Report]]:
    found = []
    for path in gipparse.sample_paths():
        report = gipparse.load(path)
        assert report.statistics is not None
        found.append(("seed", report.statistics, report))
    for n in range(count):
        template_id = ("2020", "2021")[n % 2]
        rng = random.Random(n)
        truth = Statistics.from_flat(template_id, rs.balanced_flat(template_id, rng.randint))
        meta = rs.metadata_for(template_id, rng.randint)
        found.append((template_id, truth, gipparse.report_from_statistics(truth, meta)))
    return found


def best_of(repeat: int, call: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        call()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    manager = gipparse.create_plugin_manager(entry_points=False)
    templates = manager.templates()
    reports = corpus(args.reports)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{len(reports)} reports ({len(reports) - args.reports} seeds), load average {load}")
    for name, flatten in FLATTENINGS.items():
        for kind in ("seed", "generated"):
            decided = dict.fromkeys(TABLES, 0)
            cells = dict.fromkeys(TABLES, 0)
            wrong = 0
            stage: list[float] = []
            whole: list[float] = []
            for n, (origin, truth, laid_out) in enumerate(reports):
                if (origin == "seed") != (kind == "seed"):
                    continue
                text = flatten(laid_out, random.Random(n))
                report = gipparse.loads(text)
                got = report.statistics
                assert got is not None, (name, n)
                for key, value in truth.to_flat().items():
                    if key in truth.derived:
                        continue
                    table = key.split(".", 1)[0]
                    cells[table] += 1
                    if got.get(key) is not None:
                        decided[table] += 1
                        wrong += got.get(key) != value
                stage.append(
                    best_of(args.repeat, partial(read_flattened, text, templates, None, None))
                )
                whole.append(best_of(args.repeat, partial(gipparse.loads, text)))
            stage.sort()
            whole.sort()
            shares = "  ".join(f"{t} {decided[t] / cells[t]:6.1%}" for t in TABLES)
            total = sum(decided.values()) / sum(cells.values())
            print(f"\n{name} — {kind} ({len(stage)} reports)")
            print(f"  cells decided: all {total:6.1%}   {shares}   values wrong: {wrong}")
            for label, times in (("read_flattened", stage), ("loads", whole)):
                print(
                    f"  {label:>14}: median {statistics.median(times) * 1e3:6.2f} ms   "
                    f"p90 {times[int(len(times) * 0.9)] * 1e3:6.2f} ms   "
                    f"worst {times[-1] * 1e3:6.2f} ms"
                )


if __name__ == "__main__":
    main()
