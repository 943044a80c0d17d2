"""The front end of a load (lines -> blocks -> sections -> metadata), measured alone.

    python benchmarks/frontend.py stages [SEED...]   # best-of-N stage times of full loads
    python benchmarks/frontend.py stages-cold [SEED...]  # the same, text caches cleared
                                                     # before each load (new paragraphs)
    python benchmarks/frontend.py count KIND N       # N loads, for instruction counts:
                                                     # KIND is seed000, seed001 or corpus
    python benchmarks/frontend.py count-front KIND N # the same, front end only
    python benchmarks/frontend.py count-blocks KIND N # the blocks stage only (split_blocks);
                                                     # the texts of 105 reports are read and
                                                     # split whatever N

For instruction counts: ``benchmarks/icount.sh frontend.py count seed000`` (runs ``count``
under callgrind at two values of N and takes the difference). ``corpus`` parses N distinct
reports of the generated corpus (``benchmarks/out/corpus``), every kind in turn, after five
others as a warm-up.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

import gipparse
from gipparse.manager import default_plugin_manager
from gipparse.pipeline import parse_document
from gipparse.source.decode import split_lines
from gipparse.structure.metadata import extract_metadata
from gipparse.structure.sections import _heading_candidate, build_sections
from gipparse.tables.blocks import split_blocks
from gipparse.tree.text import fold, normalize_text

HERE = Path(__file__).resolve().parent
SAMPLES = Path(gipparse.__file__).parent / "samples"
CORPUS = HERE / "out" / "corpus"


def seed(number: str) -> Path:
    return next(SAMPLES.glob(f"{number}_*.txt"))


def front(text: str) -> object:
    manager = default_plugin_manager()
    script = manager.detect_script(text)

    def to_simplified(s: str) -> str:
        return manager.simplify(s, script)

    diagnostics: list[gipparse.Diagnostic] = []
    blocks = split_blocks(split_lines(text), manager.table_formats(), diagnostics)
    sections = build_sections(blocks, to_simplified, diagnostics)
    return extract_metadata(sections, script, to_simplified)


def texts(kind: str, n: int) -> list[str]:
    if kind.startswith("seed"):
        return [seed(kind[4:]).read_text(encoding="utf-8")] * (n + 5)
    paths = sorted(CORPUS.glob("*.txt"))
    # five warm-up reports from far away in the corpus, then n distinct ones
    chosen = paths[1000:1005] + paths[:n]
    return [p.read_text(encoding="utf-8") for p in chosen]


def main(argv: list[str]) -> None:
    if argv[0] in ("stages", "stages-cold"):
        manager = default_plugin_manager()
        for number in argv[1:] or ["000", "001"]:
            path = seed(number)
            data = path.read_bytes()
            best: dict[str, float] = {}
            for _ in range(600):
                if argv[0] == "stages-cold":
                    for cached in (normalize_text, fold, _heading_candidate):
                        cached.cache_clear()
                timings: dict[str, float] = {}
                parse_document(
                    manager.read_source(str(path), data), str(path), manager, timings=timings
                )
                for k, v in timings.items():
                    best[k] = min(best.get(k, 1.0), v)
            front_us = sum(best[k] for k in ("blocks", "sections", "metadata")) * 1e6
            print(
                number,
                " ".join(f"{k}={v * 1e6:.1f}" for k, v in best.items()),
                f"front={front_us:.1f}",
            )
        return
    kind, n = argv[1], int(argv[2])
    if argv[0] == "count-blocks":
        # Reading and splitting the same texts for every N: the difference between two N
        # is the blocks stage alone.
        formats = default_plugin_manager().table_formats()
        split = [split_lines(text) for text in texts(kind, max(n, 105))]
        t = time.process_time()
        for lines in split[: n + 5]:
            split_blocks(lines, formats, [])
        print(f"{(time.process_time() - t) / (n + 5) * 1e6:.0f} us/report", file=sys.stderr)
        return
    items = texts(kind, n)
    fn = front if argv[0] == "count-front" else gipparse.loads
    if fn is front:
        gc.disable()  # as the pipeline does while it parses
    t = time.process_time()
    for text in items:
        fn(text)
    print(f"{(time.process_time() - t) / len(items) * 1e6:.0f} us/report", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
