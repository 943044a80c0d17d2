"""How parse time grows with input size, on pathological shapes: a benchmark, not a test.

Times ``gipparse.loads`` on each shape at size n and at 4n and prints the ratio; linear
growth gives about 4, quadratic about 16. A ratio over the budget (default 6) is flagged.
The test suite shows the same linearity without a clock (it counts executed lines); this
script shows it in seconds, C code and regular expressions included.

    python fuzz/scaling.py            # n = 8,000 units
    python fuzz/scaling.py --n 32000  # larger inputs
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("GIPPARSE_DISABLE_PLUGIN_AUTOLOAD", "1")

import gipparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.shapes import SHAPES  # the shapes the linearity tests use


def best_time(text: str, repeat: int) -> float:
    """The best of *repeat* runs, caches cleared and the cyclic garbage collector paused
    (its full collections add a cost that grows with the heap, not with the parser)."""
    best = float("inf")
    for _ in range(repeat):
        gipparse.caches.clear()
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        try:
            gipparse.loads(text)
        except gipparse.GipparseError:
            pass
        finally:
            elapsed = time.perf_counter() - start
            gc.enable()
        best = min(best, elapsed)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=8000, help="the small size (default 8000)")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    parser.add_argument("--budget", type=float, default=6.0, help="flag ratios above this")
    args = parser.parse_args(argv)
    gipparse.loads("warm up\n")
    print(f"{'shape':34} {'chars at n':>11} {'n':>9} {'4n':>9}  ratio")
    flagged = 0
    for name, build in SHAPES.items():
        small, large = build(args.n), build(4 * args.n)
        best_time(small, 1)  # lazy imports
        t1, t4 = best_time(small, args.repeat), best_time(large, args.repeat)
        ratio = t4 / t1 if t1 > 0 else float("nan")
        mark = "  <- over budget" if ratio > args.budget else ""
        flagged += bool(mark)
        print(f"{name:34} {len(small):11,} {t1 * 1e3:7.1f}ms {t4 * 1e3:7.1f}ms  {ratio:5.2f}{mark}")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
