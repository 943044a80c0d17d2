"""Whole reports built from random statistics load back to the same statistics; a report
with exactly one relation broken gets exactly that relation's diagnostics.

Reports are laid out by ``report_from_statistics`` (seed-like prose, the six headings, the
three statutory tables) and written by ``render_report`` in each table format. ``SCRIPTS``
maps a script to the conversion applied to the rendered text: a script plugin adds its
own (``"hant"``: Simplified → Traditional) and every property runs in it too.
"""

from __future__ import annotations

from collections.abc import Callable

import opencc
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.report_strategies import (
    broken_statistics,
    metadata,
    statistics,
    statistics_with_unknowns,
)

import gipparse
from gipparse import Metadata, Statistics

_S2T = opencc.OpenCC("s2t")

#: How to write a rendered report in each script.
SCRIPTS: dict[str, Callable[[str], str]] = {
    "hans": lambda text: text,
    "hant": lambda text: str(_S2T.convert(text)),
}

TEMPLATES = ("2020", "2021")
FORMATS = ("tab", "pipe")


def render(stats: Statistics, meta: Metadata, table_format: str, script: str) -> str:
    report = gipparse.report_from_statistics(stats, meta)
    return SCRIPTS[script](gipparse.render_report(report, to=table_format))


@pytest.mark.parametrize("script", sorted(SCRIPTS))
@pytest.mark.parametrize("table_format", FORMATS)
@pytest.mark.parametrize("template", TEMPLATES)
@given(data=st.data())
def test_statistics_round_trip(
    template: str, table_format: str, script: str, data: st.DataObject
) -> None:
    stats = data.draw(statistics(template))
    meta = data.draw(metadata(template))
    report = gipparse.loads(render(stats, meta, table_format, script))
    assert report.statistics is not None
    assert report.statistics.to_flat() == stats.to_flat()
    assert report.statistics.derived == stats.derived
    assert report.statistics == stats
    assert report.valid, [d.format() for d in report.diagnostics]
    assert not report.diagnostics, [d.format() for d in report.diagnostics]
    assert (report.metadata.agency, report.metadata.year, report.metadata.period) == (
        meta.agency,
        meta.year,
        meta.period,
    )
    assert report.metadata.template == template
    assert report.metadata.script == script


@pytest.mark.parametrize("script", sorted(SCRIPTS))
@pytest.mark.parametrize("table_format", FORMATS)
@pytest.mark.parametrize("template", TEMPLATES)
@given(data=st.data())
def test_unknown_values_round_trip(
    template: str, table_format: str, script: str, data: st.DataObject
) -> None:
    stats = data.draw(statistics_with_unknowns(template))
    meta = data.draw(metadata(template))
    report = gipparse.loads(render(stats, meta, table_format, script))
    assert report.statistics == stats
    unreadable = [d for d in report.diagnostics if d.code == "value.unreadable"]
    assert len(unreadable) == len(stats.unknown)
    # Table 二 has no relation: unknown values there leave the report valid.
    assert report.valid


@pytest.mark.parametrize("script", sorted(SCRIPTS))
@pytest.mark.parametrize("table_format", FORMATS)
@pytest.mark.parametrize("template", TEMPLATES)
@given(data=st.data())
def test_one_broken_relation_is_reported_alone(
    template: str, table_format: str, script: str, data: st.DataObject
) -> None:
    stats, relation, items = data.draw(broken_statistics(template))
    meta = data.draw(metadata(template))
    report = gipparse.loads(render(stats, meta, table_format, script))
    assert report.statistics == stats  # values as written, never adjusted
    assert report.valid is False
    relation_diagnostics = [d for d in report.diagnostics if d.code.startswith("relation.")]
    assert {d.code for d in relation_diagnostics} == {f"relation.{relation}"}
    named = {d.message.split(" fails in ")[1].split(" ")[1] for d in relation_diagnostics}
    assert named == items
    for d in relation_diagnostics:
        assert d.severity is gipparse.Severity.ERROR
        assert d.line is not None
        assert f"(line {d.line})" in d.message
    assert {d.code for d in report.diagnostics} == {f"relation.{relation}"}
