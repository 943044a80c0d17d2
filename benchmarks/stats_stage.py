"""Time the statistics stage (``read_statistics``) alone, on seeds and on distinct
generated reports: CPU time, best of rounds.

    python benchmarks/stats_stage.py [--rounds 7] [--distinct 400]

The sections of every report are parsed once up front; only template recognition,
reading and checking are timed. Distinct reports are read once each per round, with the
engine's caches cleared between rounds, so each round sees them as never seen before.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import time
from pathlib import Path

import gipparse
from gipparse import caches as _caches
from gipparse.pipeline import read_statistics
from gipparse.source.decode import split_lines
from gipparse.structure.metadata import extract_metadata
from gipparse.structure.sections import build_sections
from gipparse.tables.blocks import split_blocks

HERE = Path(__file__).parent


def prepare(text: str, manager: object) -> tuple[object, ...]:
    script = manager.detect_script(text)  # type: ignore[attr-defined]

    def to_simplified(s: str) -> str:
        return manager.simplify(s, script)  # type: ignore[attr-defined]

    diagnostics: list[object] = []
    blocks = split_blocks(split_lines(text), manager.table_formats(), diagnostics)  # type: ignore[attr-defined]
    sections = build_sections(blocks, to_simplified, diagnostics)
    metadata, _ = extract_metadata(sections, script, to_simplified)
    return (
        sections,
        manager.templates(),  # type: ignore[attr-defined]
        metadata.year,
        None if script == "hans" else to_simplified,
    )


def clear_caches() -> None:
    _caches.clear()


def disable_plans() -> None:
    """Match every report afresh: no plan is kept for the next report of its skeleton.
    Nothing to do for a version of gipparse without plans (for comparisons)."""
    for name in ("gipparse.templates.plans", "gipparse.templates.engine"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "_ReportPlan") and hasattr(module._ReportPlan, "build"):
            module._ReportPlan.build = staticmethod(lambda *args: None)  # before one path
            return
        if hasattr(module, "_plans_of"):
            module._plans_of = lambda shape: []  # type: ignore[attr-defined]  # none kept
            return


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--distinct", type=int, default=400)
    ap.add_argument("--number", type=int, default=200)
    ap.add_argument(
        "--no-plans", action="store_true", help="match every report afresh (no replayed plans)"
    )
    args = ap.parse_args()
    if args.no_plans:
        disable_plans()
    manager = gipparse.create_plugin_manager()
    gc.disable()
    seeds = gipparse.sample_paths()[:2]
    for path in seeds:
        prepared = prepare(path.read_text(encoding="utf-8"), manager)
        read_statistics(*prepared)
        best = float("inf")
        for _ in range(args.rounds):
            t = time.process_time()
            for _ in range(args.number):
                read_statistics(*prepared)
            best = min(best, (time.process_time() - t) / args.number)
        print(f"{path.name[:40]}: statistics {best * 1e6:.1f} µs (best of {args.rounds})")
    paths = sorted((HERE / "out" / "corpus").glob("*.txt"))[: args.distinct]
    by_kind: dict[str, list[tuple[object, ...]]] = {}
    for p in paths:
        kind = p.stem.split("_", 1)[1]
        by_kind.setdefault(kind, []).append(prepare(p.read_text(encoding="utf-8"), manager))
    total_best = float("inf")
    kind_best: dict[str, float] = {}
    for _ in range(args.rounds):
        clear_caches()
        round_total = 0.0
        for kind, items in by_kind.items():
            t = time.process_time()
            for prepared in items:
                read_statistics(*prepared)
            spent = time.process_time() - t
            round_total += spent
            kind_best[kind] = min(kind_best.get(kind, float("inf")), spent / len(items))
        total_best = min(total_best, round_total / len(paths))
    for kind, best in sorted(kind_best.items()):
        print(f"distinct {kind}: {best * 1e6:.1f} µs")
    print(f"distinct, all {len(paths)}: {total_best * 1e6:.1f} µs per report")


if __name__ == "__main__":
    main()
