"""What reading an OFD document and a legacy Word document costs, per sample report.

    python benchmarks/readers.py            # OFD (needs gipparse-ofd), and .doc if soffice is there
    python benchmarks/readers.py --rounds 5

The documents are the samples laid out by the plugins' test writers (the OFD writer of
``plugins/gipparse-ofd/tests``, the DOCX writer of ``plugins/gipparse-docx/tests`` then
LibreOffice for ``.doc``). OFD times are CPU times of ``gipparse.loads`` (median and best
of the rounds), beside ``gipparse.loads`` of the sample's text; ``.doc`` times are wall
times, LibreOffice's start included, since that is what a user waits for.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

import gipparse

ROOT = Path(__file__).resolve().parents[1]


def _module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _cpu(call: object, rounds: int) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        start = time.process_time()
        call()  # type: ignore[operator]
        times.append(time.process_time() - start)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=21)
    args = parser.parse_args()
    from gipparse import testing as shared

    seeds = {
        p.name[:3]: shared.Seed(p.name[:3], p, gipparse.load(p)) for p in gipparse.sample_paths()
    }
    gipparse.loads(seeds["000"].path.read_bytes())  # warm: plugins, caches
    print(f"{'sample':8}{'text ms':>16}{'OFD ms':>16}{'OFD/text':>10}{'.doc s (wall)':>16}")
    ofd_writer = docx_writer = None
    try:
        import gipparse_ofd  # noqa: F401

        ofd_tests = _module("ofd_conftest", ROOT / "plugins/gipparse-ofd/tests/conftest.py")
        ofd_writer = ofd_tests.Writer(shared.Support)
    except ImportError:
        print("(gipparse-ofd is not installed: no OFD numbers)")
    from gipparse_docx._convert import find_soffice

    if find_soffice():
        docx_tests = _module("docx_conftest", ROOT / "plugins/gipparse-docx/tests/conftest.py")
        docx_writer = docx_tests.Writer(shared.Support)
    else:
        print("(LibreOffice is not installed: no .doc numbers)")
    folder = Path(tempfile.mkdtemp(prefix="gipparse-bench-"))
    for name, seed in seeds.items():
        data = seed.path.read_bytes()
        text = _cpu(lambda data=data: gipparse.loads(data), args.rounds)
        row = f"{name:8}{text[0] * 1e3:>8.2f} ({text[1] * 1e3:.2f})"
        if ofd_writer is not None:
            ofd = ofd_writer.document(seed, ofd_writer.styles["plain"])
            took = _cpu(lambda ofd=ofd: gipparse.loads(ofd, path="r.ofd"), args.rounds)
            row += f"{took[0] * 1e3:>8.2f} ({took[1] * 1e3:.2f}){took[0] / text[0]:>10.1f}"
        if docx_writer is not None:
            docx = folder / f"{name}.docx"
            docx.write_bytes(
                docx_writer.document(seed, docx_writer.styles["word"], final_paragraph=True)
            )
            (doc,) = docx_tests.soffice_convert([docx], "doc:MS Word 97", folder)
            walls = []
            for _ in range(3):
                start = time.perf_counter()
                gipparse.load(doc)
                walls.append(time.perf_counter() - start)
            row += f"{statistics.median(walls):>10.2f} ({min(walls):.2f})"
        print(row)


if __name__ == "__main__":
    main()
