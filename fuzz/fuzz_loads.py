"""Coverage-guided fuzzing of gipparse with atheris (libFuzzer).

Feeds arbitrary bytes to ``gipparse.loads`` (as bytes, and as text when they decode),
renders what loads back in every table format and loads that again. Any exception that
is not a ``GipparseError``, any broken invariant (see ``check``) and any input that takes
longer than libFuzzer's ``-timeout`` is a finding. See fuzz/README.md.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
import sys
from decimal import Decimal

import atheris

os.environ.setdefault("GIPPARSE_DISABLE_PLUGIN_AUTOLOAD", "1")

with atheris.instrument_imports(include=["gipparse"]):
    import gipparse

    # Import every module now, so that the ones gipparse imports lazily are instrumented.
    for _module in pkgutil.walk_packages(gipparse.__path__, "gipparse."):
        if not _module.name.endswith("__main__"):
            importlib.import_module(_module.name)

from gipparse import GipparseError, Report, loads, render_report

#: Formats every report that loads is rendered in and loaded back from; set
#: GIPPARSE_FUZZ_RENDER=0 to skip the round trips (about four times as many inputs a second).
FORMATS = ("tab", "pipe", "markdown") if os.environ.get("GIPPARSE_FUZZ_RENDER") != "0" else ()
_NUMBER_RE = re.compile(r"[+-]?[0-9][0-9,]*(?:\.[0-9]+)?")
# "1 000": groups of three digits after one space (.text has made NBSP a space).
_SPACE_GROUPED_RE = re.compile(r"(?<![0-9])[0-9]{1,3}(?: [0-9]{3})+(?![0-9])")
# Cells read as 0: blank, or a dash, /, \, _ or 无 alone (documented in gipparse.templates.values).
_ZERO_MARKS = frozenset({"", "—", "——", "–", "-", "--", "---", "－", "/", "\\", "_", "无", "無"})


def numbers_in(text: str) -> set[Decimal]:
    """Every number written in *text* (full-width digits folded, thousands separators dropped)."""
    folded = text.translate({cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)})
    found: set[Decimal] = set()
    for match in _NUMBER_RE.finditer(folded.replace("，", ",")):
        written = match.group().replace(",", "")
        value = Decimal(written)
        found.add(value)
        found.add(abs(value))
    for match in _SPACE_GROUPED_RE.finditer(folded):
        found.add(Decimal(match.group().replace(" ", "")))
    return found


def traces_to_cell(value: int | Decimal, cell_text: str) -> bool:
    """Does *cell_text* hold *value*, directly or by a documented rule?"""
    if value == 0 and cell_text.strip() in _ZERO_MARKS:
        return True  # a blank or dash cell read as zero
    numbers = numbers_in(cell_text)
    if Decimal(value) in numbers:
        return True
    # 元 written where the template's unit is 万元.
    return "元" in cell_text and any(n / 10000 == value for n in numbers)


def check(report: Report, text: str) -> None:
    """Invariants every report must satisfy, whatever the input."""
    lines = text.count("\n") + text.count("\r") + 1
    for d in report.diagnostics:
        if d.span is not None and not (1 <= d.span.line <= d.span.end_line <= lines):
            raise AssertionError(f"diagnostic outside the source: {d!r} ({lines} lines)")
    stats = report.statistics
    if stats is None:
        return
    flat = stats.to_flat()
    sources = getattr(stats, "sources", {})
    derived = getattr(stats, "derived", frozenset())
    for key, value in flat.items():
        if value is None or key in derived:
            continue
        cell = sources.get(key)
        if cell is None:
            raise AssertionError(f"{key}={value!r} has no source cell")
        if not traces_to_cell(value, cell.text):
            raise AssertionError(f"{key}={value!r} is not in its cell {cell.raw!r}")


def run(data: bytes | str) -> None:
    try:
        report = loads(data)
    except GipparseError:
        return
    check(report, report.source)
    for fmt in FORMATS:
        try:
            rendered = render_report(report, to=fmt)
        except GipparseError:
            continue
        try:
            again = loads(rendered)
        except GipparseError:
            continue
        check(again, again.source)


def test_one_input(data: bytes) -> None:
    run(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    run(text)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
