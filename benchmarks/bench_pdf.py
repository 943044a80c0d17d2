"""The PDF reader's cost per page, next to PDFium's bare text extraction of the same pages.

The floor: open the PDF with pypdfium2 and take each page's text (``get_text_range``), as
any PDF text extraction pays. Then the reader alone (characters with their boxes, paths,
tables, the document's blocks: ``gipparse_pdf._reader.read_pdf``) and ``gipparse.load``
(the reader plus the whole parse). CPU time of this process, rounds of the three run in
turn so that a busy machine slows them alike; the median and the best round per PDF.

    python benchmarks/bench_pdf.py            # the three real PDFs, 21 rounds
    python benchmarks/bench_pdf.py --rounds 5 PATH...

Needs ``pip install -e plugins/gipparse-pdf``. Target: the reader within 3x the floor,
about 10 ms per page.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2
from gipparse_pdf._reader import read_pdf

import gipparse

REAL = Path(__file__).parents[1] / "plugins" / "gipparse-pdf" / "tests" / "real"


def floor(data: bytes) -> None:
    document = pypdfium2.PdfDocument(data)
    try:
        for page in document:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        document.close()


def measure(calls: dict[str, Callable[[], object]], rounds: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in calls}
    for call in calls.values():  # warm-up: imports, caches
        call()
    for _ in range(rounds):
        for name, call in calls.items():
            start = time.process_time()
            call()
            times[name].append(time.process_time() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=21)
    args = parser.parse_args()
    paths = args.paths or sorted(REAL.glob("*.pdf"))
    print(f"{'PDF':<18} {'pages':>5}  {'ms/page, median (best)':>58}")
    print(f"{'':<18} {'':>5}  {'floor':>16} {'reader':>16} {'load':>16}  reader/floor")
    totals = {"floor": 0.0, "reader": 0.0, "load": 0.0}
    total_pages = 0
    for path in paths:
        data = path.read_bytes()
        document = pypdfium2.PdfDocument(data)
        pages = len(document)
        document.close()
        times = measure(
            {
                "floor": lambda data=data: floor(data),
                "reader": lambda data=data, path=path: read_pdf(data, str(path)),
                "load": lambda data=data, path=path: gipparse.loads(data, path=str(path)),
            },
            args.rounds,
        )
        cells = []
        for name in ("floor", "reader", "load"):
            median = statistics.median(times[name]) * 1000 / pages
            best = min(times[name]) * 1000 / pages
            totals[name] += statistics.median(times[name]) * 1000
            cells.append(f"{median:7.2f} ({best:5.2f})")
        ratio = statistics.median(times["reader"]) / statistics.median(times["floor"])
        total_pages += pages
        print(f"{path.stem:<18} {pages:>5}  {' '.join(f'{c:>16}' for c in cells)}  {ratio:5.2f}")
    per_page = {name: total / total_pages for name, total in totals.items()}
    print(
        f"{'all':<18} {total_pages:>5}  "
        + " ".join(f"{per_page[n]:16.2f}" for n in ("floor", "reader", "load"))
        + f"  {per_page['reader'] / per_page['floor']:5.2f}"
    )


if __name__ == "__main__":
    main()
