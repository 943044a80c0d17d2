"""Reports whose rows lost their labels (seed 003's damage), read by a kept plan the plain
way (the table cell by cell, what matching found to say said from the cells' texts and
places without building them) read as the row-by-row reading reads them: statistics,
sources, diagnostics with their codes, messages, spans and order. Generated reports are
damaged as seed 003 is: label cells emptied or replaced by a value, in the table of
applications (tab and pipe tables); a second report of the same damage with other
numbers is read by the plan the first one left."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from tests.report_strategies import metadata, statistics, statistics_with_unknowns

import gipparse
from gipparse import caches
from gipparse.templates import engine

#: What a lost label leaves in its cell: nothing, or a value (seed 003: ``\xa00``).
LEFT = ("", "0", "\xa00", "3", "-", " ")
#: The text of a label cell of a row of the table of applications (``（一）予以公开``,
#: ``1.属于国家秘密``), in a tab table or a pipe table.
_LABEL = re.compile(
    r"(?:^\t|\| )((?:（[一二三四五六七]）|[0-9]\.)[^\t\n|]*?)(?= \||$)", re.MULTILINE
)


def _outcome(report: gipparse.Report) -> tuple[Any, ...]:
    stats = report.statistics
    cells = [c for t in report.tables for c in t.cells()]
    where = {id(c): i for i, c in enumerate(cells)}
    sources = [] if stats is None else [(k, where[id(c)]) for k, c in stats.sources.items()]
    return (
        stats,
        None if stats is None else stats.to_flat(),
        sources,
        [(d.severity, d.code, d.message, d.span) for d in report.diagnostics],
    )


@contextmanager
def _row_by_row() -> Iterator[None]:
    """Plans made meanwhile read a table whose matching has something to say row by row
    (as every such table was read before it was planned cell by cell)."""
    original = engine._segment

    def row_by_row(*args: Any) -> Any:
        segment = original(*args)
        return segment[7] if len(segment) == 10 else segment

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "_segment", row_by_row)
        yield


@contextmanager
def _counting_at_once() -> Iterator[list[bool]]:
    """What each plain saying (``_Saying.say``) returned meanwhile."""
    said: list[bool] = []
    original = engine._Saying.say

    def say(self: Any, *args: Any) -> bool:
        said.append(original(self, *args))
        return said[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine._Saying, "say", say)
        yield said


def damage(text: str, picks: list[int], left: list[str]) -> str:
    """*text* with the label cells of table 三 picked by *picks* (indices, taken modulo
    their number) replaced by what *left* says."""
    start = text.find("申请人情况")
    end = text.find("行政复议", start)
    spots = list(_LABEL.finditer(text, start, end if end > 0 else len(text)))
    if not spots:
        return text
    chosen = sorted({p % len(spots) for p in picks})
    out: list[str] = []
    at = 0
    for n, k in enumerate(chosen):
        m = spots[k]
        out += [text[at : m.start(1)], left[n % len(left)]]
        at = m.end(1)
    out.append(text[at:])
    return "".join(out)


_DAMAGED = st.sampled_from(["2020", "2021"]).flatmap(
    lambda template: st.tuples(
        st.lists(
            st.one_of(statistics(template), statistics_with_unknowns(template)),
            min_size=2,
            max_size=2,
        ),
        metadata(template),
        st.sampled_from(["tab", "pipe"]),
        st.lists(st.integers(0, 40), min_size=1, max_size=12),
        st.lists(st.sampled_from(LEFT), min_size=1, max_size=4),
    )
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DAMAGED)
def test_rows_that_lost_their_labels_read_plainly_as_row_by_row(drawn: Any) -> None:
    (first, second), meta, table_format, picks, left = drawn
    texts = [
        damage(
            gipparse.render_report(gipparse.report_from_statistics(s, meta), to=table_format),
            picks,
            left,
        )
        for s in (first, second)
    ]
    with _row_by_row():
        caches.clear()
        expected = [_outcome(gipparse.loads(t)) for t in texts]
    caches.clear()
    # The first report leaves its plan, which reads both (the second: another report of
    # the same damage, with other numbers).
    with _counting_at_once() as said:
        assert [_outcome(gipparse.loads(t)) for t in texts] == expected
        assert [_outcome(gipparse.loads(t)) for t in reversed(texts)] == expected[::-1]
    event(f"{table_format}: said at once {sum(said)} of {len(said)}")


def test_seed_003_is_said_at_once_and_as_row_by_row() -> None:
    """Seed 003 (ten rows without labels, eighteen extra cells), read by its kept plan,
    says what it says in one step, as the row-by-row reading says it, without building
    its tables."""
    text = gipparse.sample_paths()[3].read_text(encoding="utf-8")
    with _row_by_row():
        caches.clear()
        expected = _outcome(gipparse.loads(text))
    caches.clear()
    gipparse.loads(text)
    with _counting_at_once() as said:
        report = gipparse.loads(text)
        from gipparse.tree.nodes import LazyRows, _get_table_rows

        assert all(_get_table_rows(t).__class__ is LazyRows for t in report.tables)
    assert said == [True]
    assert _outcome(report) == expected
    codes = [d.code for d in report.diagnostics]
    assert codes.count("table.unlabelled-row") == 10
    assert codes.count("table.extra-cell") == 18


def test_generated_damage_is_said_at_once() -> None:
    """The damage the strategy makes takes the plain path (rows placed by position, extra
    cells), not only the row-by-row one."""
    from tests.report_strategies import template

    flat = dict.fromkeys(template("2020").keys, 3)
    stats = gipparse.Statistics.from_flat(
        "2020", {k: v for k, v in flat.items() if k not in template("2020").derived}
    )
    text = gipparse.render_report(gipparse.report_from_statistics(stats), to="tab")
    damaged = damage(text, [0, 4, 7], ["\xa00"])  # three rows' labels, none a group's
    with _row_by_row():
        caches.clear()
        expected = _outcome(gipparse.loads(damaged))
    caches.clear()
    with _counting_at_once() as said:
        assert _outcome(gipparse.loads(damaged)) == expected
        assert _outcome(gipparse.loads(damaged)) == expected
    assert said
    assert all(said)
    codes = [d[1] for d in expected[3]]
    assert codes.count("table.unlabelled-row") == 3
    assert codes.count("table.extra-cell") == 3


@contextmanager
def _plain_declined() -> Iterator[list[bool]]:
    """Whether each plain reading (``ReadingPlan._apply_plain``) meanwhile handed the
    report to the general path."""
    declined: list[bool] = []
    original = engine.ReadingPlan._apply_plain

    def apply_plain(self: Any, *args: Any) -> Any:
        found = original(self, *args)
        declined.append(found is None)
        return found

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine.ReadingPlan, "_apply_plain", apply_plain)
        yield declined


def test_a_value_that_needs_saying_in_such_a_table_is_read_row_by_row() -> None:
    """An empty value cell in a row that lost its label (read as 0, which is said) sends
    the table row by row, as before: the warnings keep the order that reading gives."""
    lines = gipparse.sample_paths()[3].read_text(encoding="utf-8").split("\n")
    assert lines[127] == "\t\xa00"  # a value of the first row that lost its label
    lines[127] = "\t"
    text = "\n".join(lines)
    with _row_by_row():
        caches.clear()
        expected = _outcome(gipparse.loads(text))
    assert "value.blank-zero" in [d[1] for d in expected[3]]
    caches.clear()
    assert _outcome(gipparse.loads(text)) == expected  # the plan kept, its counts learnt
    with _plain_declined() as declined:
        assert _outcome(gipparse.loads(text)) == expected
        assert _outcome(gipparse.loads(text)) == expected
    assert declined == [True, True]


def test_rows_whose_places_are_not_known_are_said_as_row_by_row() -> None:
    """Tables whose cells have no place (as a format that keeps none gives them) are
    said row by row by the plain path, as the row-by-row reading says them (``line ?``),
    not in one step."""
    import attrs

    from gipparse.templates.plans import read_statistics

    text = gipparse.sample_paths()[3].read_text(encoding="utf-8")
    report = gipparse.loads(text)

    def placeless(block: Any) -> Any:
        if not isinstance(block, gipparse.Table):
            return block
        rows = tuple(
            gipparse.Row(tuple(gipparse.Cell(c.raw) for c in row.cells)) for row in block.rows
        )
        return attrs.evolve(block, rows=rows, span=None)

    sections = [attrs.evolve(s, blocks=tuple(map(placeless, s.blocks))) for s in report.sections]
    templates = gipparse.create_plugin_manager(entry_points=False).templates()
    year = report.metadata.year

    def outcome() -> Any:
        _, stats, diagnostics = read_statistics(sections, templates, year, None)
        return stats, None if stats is None else dict(stats.sources), diagnostics

    with _row_by_row():
        caches.clear()
        expected = outcome()
    said = [d for d in expected[2] if d.code in {"table.unlabelled-row", "table.extra-cell"}]
    assert len(said) == 28
    assert all(d.span is None and "line ?" in d.message for d in said)
    caches.clear()
    outcome()  # the plan kept
    with _counting_at_once() as at_once:
        assert outcome() == expected
    assert at_once == [False]
