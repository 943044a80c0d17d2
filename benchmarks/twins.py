"""Traditional twins: every Simplified sample converted to Traditional script (OpenCC
``s2t``, phrase by phrase), and what reading a twin costs against its original.

    python benchmarks/twins.py [--repeat N] [--number N]

For each sample it prints the median time to parse the report as written and its twin
(the Traditional seed's twin is in Simplified), and the time a Simplified report takes
with and without the built-in Traditional plugin registered. Times are CPU times of this
process, measured in interleaved rounds so that a busy machine slows both sides alike.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import time
from collections.abc import Callable

import opencc

import gipparse
from gipparse.manager import PluginManager, create_plugin_manager
from gipparse.pipeline import parse_document
from gipparse.script import hant
from gipparse.tree.nodes import SourceDocument


@functools.cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def traditional_twin(text: str) -> str:
    """*text* in Traditional script, converted phrase by phrase."""
    return str(_converter("s2t").convert(text))


def simplified_twin(text: str) -> str:
    """*text* in Simplified script, converted phrase by phrase."""
    return str(_converter("t2s").convert(text))


def twins() -> list[tuple[str, str, str]]:
    """``(name, text as written, its twin in the other script)`` for every sample."""
    found = []
    for path in gipparse.sample_paths():
        text = path.read_text(encoding="utf-8")
        twin = (
            traditional_twin(text) if hant.detect_script(text) == "hans" else simplified_twin(text)
        )
        found.append((path.name[:3], text, twin))
    return found


def _parse(manager: PluginManager, text: str, cold: bool) -> Callable[[], object]:
    def run() -> object:
        if cold:
            manager._simplified.clear()  # as if every label and title were new
        return parse_document(SourceDocument(text), None, manager)

    return run


def _medians(runs: list[Callable[[], object]], repeat: int, number: int) -> list[float]:
    """Median CPU time per call, in µs, of each of *runs*, measured round by round."""
    for run in runs:
        run()
    samples: list[list[float]] = [[] for _ in runs]
    for _ in range(repeat):
        for run, found in zip(runs, samples, strict=True):
            start = time.process_time()
            for _ in range(number):
                run()
            found.append((time.process_time() - start) / number * 1e6)
    return [statistics.median(s) for s in samples]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--number", type=int, default=20)
    args = parser.parse_args()

    manager = create_plugin_manager(entry_points=False)
    without = create_plugin_manager(entry_points=False)
    without.pluggy.unregister(hant)

    print("sample  as written  twin (warm)  ratio  twin (cold)  ratio  [µs, median]")
    for name, text, twin in twins():
        hans, hant_text = (text, twin) if hant.detect_script(text) == "hans" else (twin, text)
        a, b, c = _medians(
            [
                _parse(manager, hans, False),
                _parse(manager, hant_text, False),
                _parse(manager, hant_text, True),
            ],
            args.repeat,
            args.number,
        )
        print(f"{name}     {a:10.0f}  {b:11.0f}  {b / a:5.2f}  {c:11.0f}  {c / a:5.2f}")

    print()
    print("Simplified sample  with plugin  without  difference  detection alone  [µs, median]")
    for name, text, twin in twins():
        hans = text if hant.detect_script(text) == "hans" else twin
        with_, without_, detect = _medians(
            [
                _parse(manager, hans, False),
                _parse(without, hans, False),
                functools.partial(hant.detect_script, hans),
            ],
            args.repeat,
            args.number,
        )
        print(
            f"{name}                {with_:11.0f}  {without_:7.0f}  {with_ - without_:+10.0f}"
            f"  {detect:15.1f}"
        )


if __name__ == "__main__":
    main()
