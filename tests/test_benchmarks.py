"""The benchmark harness runs: a quick pass prints every section and writes its numbers.

Only that it ran is checked; speed is measured by ``benchmarks/run.py``, never asserted.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, object]]:
    if not (BENCHMARKS / "run.py").is_file():
        pytest.skip("the benchmarks are not part of this checkout")
    folder = tmp_path_factory.mktemp("bench")
    numbers = folder / "numbers.json"
    done = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "run.py"),
            "--quick",
            "--corpus",
            str(folder / "corpus"),
            "--json",
            str(numbers),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, json.loads(numbers.read_text(encoding="utf-8"))


def test_quick_run_prints_every_section(quick_run: tuple[str, dict[str, object]]) -> None:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from run import SECTIONS
    finally:
        sys.path.remove(str(BENCHMARKS))
    stdout, _ = quick_run
    headings = [line[3:].split("  (")[0] for line in stdout.splitlines() if line.startswith("## ")]
    assert headings == list(SECTIONS)


def test_quick_run_measures_every_seed_and_stage(quick_run: tuple[str, dict[str, object]]) -> None:
    _, numbers = quick_run
    for seed in ("000", "001", "002", "003", "004"):
        assert f"seed.{seed}.ratio" in numbers
    for stage in ("read", "script", "blocks", "sections", "metadata", "statistics", "validate"):
        assert f"stage.{stage}_us" in numbers
    for template in ("2020", "2021"):
        for fmt in ("tab", "pipe"):
            assert f"gen.{template}.{fmt}.hant_ratio" in numbers
    assert "cold.import_ratio" in numbers
    for key in ("batch.speedup", "batch.rounds", "batch.parse_capacity"):
        assert key in numbers
    assert "scale.1_report.ratio" in numbers


def test_quick_run_counts_page_faults(quick_run: tuple[str, dict[str, object]]) -> None:
    """A first load touches memory a warm process already holds (the modules' code, the
    templates' tables), and an export of one report touches more than the import alone."""
    _, numbers = quick_run
    for seed in ("000", "001", "002", "003", "004"):
        faults = numbers[f"seed.{seed}.first_faults"]
        assert isinstance(faults, (int, float))
        assert faults > 0
    bare, imported = numbers["cold.bare_faults"], numbers["cold.import_faults"]
    assert isinstance(bare, (int, float))
    assert isinstance(imported, (int, float))
    assert 0 < bare < imported
    if "cold.cli.000_faults" in numbers:
        exported = numbers["cold.cli.000_faults"]
        assert isinstance(exported, (int, float))
        assert exported > imported
