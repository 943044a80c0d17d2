"""Golden fixtures: every input of ``tests/fixtures/golden`` still gives the report and the
record written next to it (see ``tests/fixtures/make_golden.py``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "fixtures" / "golden"
CASES = sorted(GOLDEN.glob("*.txt"))


def _maker():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_golden", GOLDEN.parent / "make_golden.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_there_are_golden_cases() -> None:
    names = {p.stem for p in CASES}
    assert {f"seed_00{i}" for i in range(5)} <= names
    assert any(n.startswith("generated_") for n in names)
    assert any(n.startswith("damaged_") for n in names)


@pytest.mark.parametrize("source", CASES, ids=lambda p: p.stem)
def test_golden(source: Path) -> None:
    want = source.with_suffix(".json").read_text(encoding="utf-8")
    got = _maker().expected(source)
    assert got == want
