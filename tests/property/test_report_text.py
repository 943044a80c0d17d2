"""Whole reports: rendered and loaded back to the same tree; arbitrary text loads or raises."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st
from tests.strategies import reports

import gipparse


@given(reports())
def test_report_render_load_round_trip(report: gipparse.Report) -> None:
    text = gipparse.render_report(report)
    loaded = gipparse.loads(text)
    assert loaded.sections == report.sections
    assert gipparse.render_report(loaded) == text


@given(st.text())
@example("")
@example("\t")
@example("|")
@example("\t\n\t")
@example("| --- |\n| a |")
@example("\ufeff一、总体情况\r\n\t0\r")
def test_arbitrary_text_loads_or_raises_gipparse_error(text: str) -> None:
    try:
        report = gipparse.loads(text)
    except gipparse.GipparseError:
        return
    assert isinstance(report, gipparse.Report)


@given(st.binary())
@example(b"%PDF-1.7")
@example(b"\xff\xfe" + "一、总体情况".encode("utf-16-le"))
def test_arbitrary_bytes_load_or_raise_gipparse_error(data: bytes) -> None:
    try:
        gipparse.loads(data)
    except gipparse.GipparseError:
        return
