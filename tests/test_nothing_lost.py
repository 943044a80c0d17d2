"""Every non-blank line of the input is covered by exactly one node (or a diagnostic)."""

from __future__ import annotations

import pytest
from hypothesis import given
from tests.conftest import SEEDS
from tests.coverage import line_owners, unowned_lines
from tests.strategies import reports

import gipparse


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_every_seed_line_has_exactly_one_owner(seed: str) -> None:
    report = gipparse.load(SEEDS[seed])
    assert unowned_lines(report) == []
    non_blank = sum(1 for line in report.source.split("\n") if line.strip())
    assert sum(1 for n in line_owners(report) if n) >= non_blank


@given(reports())
def test_every_line_of_a_generated_report_has_exactly_one_owner(report: gipparse.Report) -> None:
    loaded = gipparse.loads(gipparse.render_report(report))
    assert unowned_lines(loaded) == []


def test_a_line_owned_by_nothing_is_detected() -> None:
    report = gipparse.loads("一、总体情况\n正文\n")
    shortened = gipparse.Report(report.sections[:0], source=report.source)
    assert unowned_lines(shortened) == [(1, "一、总体情况"), (2, "正文")]
