"""Property: every report survives ``to_dict`` → ``from_dict``, and the JSON text too,
spans and statistics included."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

import gipparse
from gipparse import (
    Cell,
    Diagnostic,
    Heading,
    Metadata,
    Paragraph,
    Report,
    Row,
    Section,
    SectionKind,
    Severity,
    Span,
    Table,
)
from gipparse.export.serialize import parse_json

# Text as reports write it: any character but lone surrogates (which no decoded file
# holds), with the awkward ones made likely.
_AWKWARD = st.sampled_from(
    ["\t", "\n", "\r", "|", "\\", '"', "\xa0", "\u3000", "０", "區(qū)", "—"]
)
texts = st.lists(st.one_of(st.characters(exclude_categories=("Cs",)), _AWKWARD), max_size=12).map(
    "".join
)
positive = st.integers(min_value=1, max_value=10_000)
spans = st.none() | st.builds(Span, positive, positive, positive, positive)
kinds = st.sampled_from([k.value for k in SectionKind]) | texts

cells = st.builds(Cell, texts, spans)
rows = st.builds(Row, st.lists(cells, max_size=4).map(tuple), spans)
tables = st.builds(
    Table,
    st.lists(rows, max_size=4).map(tuple),
    st.sampled_from(["tab", "pipe", "html"]),
    st.integers(min_value=0, max_value=3),
    spans,
)
blocks = st.one_of(st.builds(Paragraph, texts, spans), tables)
sections = st.builds(
    Section,
    kinds,
    st.none() | st.builds(Heading, texts, kinds, spans),
    st.lists(blocks, max_size=4).map(tuple),
    spans,
)
metadata = st.builds(
    Metadata,
    agency=st.none() | texts,
    year=st.none() | st.integers(min_value=1990, max_value=2100),
    template=st.none() | st.sampled_from(["2020", "2021"]),
    script=st.sampled_from(["hans", "hant"]),
    period=st.none() | st.just("2020-01-01/2020-12-31") | texts,
)
diagnostics = st.builds(
    Diagnostic,
    st.sampled_from(list(Severity)),
    st.sampled_from(["table.extra-cell", "relation.balance", "value.blank-zero"]) | texts,
    texts,
    spans,
)
amounts = st.decimals(allow_nan=False, allow_infinity=False, places=6).filter(
    lambda d: abs(d) < 10**12
) | st.sampled_from([Decimal("389.2431"), Decimal("1E+3"), Decimal("-0"), Decimal("0.10")])


@st.composite
def statistics(draw: st.DrawFn) -> object:
    from gipparse.templates.statistics import Statistics

    template = draw(st.sampled_from(["2020", "2021"]))
    keys = gipparse.schema_keys(template)
    values: dict[str, int | Decimal | None] = {}
    for key in keys:
        if key.endswith(".amount"):
            values[key] = draw(st.none() | amounts)
        else:
            values[key] = draw(st.none() | st.integers(min_value=-(10**6), max_value=10**9))
    derived = draw(st.frozensets(st.sampled_from(keys), max_size=8))
    return Statistics.from_flat(template, values, derived=derived)


reports = st.builds(
    Report,
    sections=st.lists(sections, max_size=4).map(tuple),
    metadata=metadata,
    statistics=st.none() | statistics(),
    diagnostics=st.lists(diagnostics, max_size=4).map(tuple),
    source=texts,
    path=st.none() | texts,
)


@given(reports)
@example(Report(sections=()))
@example(
    Report(
        sections=(
            Section(
                "applications",
                Heading("三、收到和处理政府信息公开申请情况", "applications", Span(3, 1, 3, 18)),
                (Table((Row((Cell("a|b\tc\n", Span(4, 2, 5, 1)),)), Row(())), "pipe", 1),),
            ),
        ),
        path="报告.txt",
    )
)
def test_report_round_trips_through_dicts(report: Report) -> None:
    data = gipparse.to_dict(report, source=True)
    again = gipparse.from_dict(data)
    assert again == report
    assert (
        gipparse.to_dict(again, source=True) == data
    )  # spans, path and source, which equality skips
    assert again.source == report.source
    assert again.path == report.path


@given(reports)
def test_report_round_trips_through_json_text(report: Report) -> None:
    data = gipparse.to_dict(report)
    again = gipparse.from_dict(parse_json(gipparse.to_json(data)))
    assert again == report
    assert gipparse.to_dict(again) == data
    if report.statistics is not None:
        assert again.statistics is not None
        for key, value in report.statistics.to_flat().items():
            # Amounts stay Decimals (exact), counts stay ints.
            assert type(again.statistics.to_flat()[key]) is type(value), key


@given(reports)
def test_pretty_and_compact_json_say_the_same(report: Report) -> None:
    assert parse_json(gipparse.to_json(report, indent=2)) == parse_json(gipparse.to_json(report))
