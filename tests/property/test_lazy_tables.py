"""Tables whose rows are built when first asked for (``LazyRows``) and statistics whose
sources are made when first asked for (``LazySources``) are, in everything a caller can
see, the tables and statistics built at once: the same equality, hash, ``repr``, pickle,
``attrs.evolve`` and ``attrs.asdict``, the same spans, the same report, diagnostics and
sources. What is read of them without building them (the cells' texts, a cell's span, a
source's span) is what the built nodes say."""

from __future__ import annotations

import copy
import pickle
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import attrs
import opencc
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from tests.property.test_table_fast_paths import _LINES, _spans
from tests.report_strategies import broken_statistics, metadata, statistics_with_unknowns

import gipparse
from gipparse import Report, Table
from gipparse.tables import pipe_syntax as pipe_table
from gipparse.tables import tab as tab_table
from gipparse.tables.formats import Lines
from gipparse.tables.pipe import PIPE
from gipparse.tables.tab import TAB
from gipparse.templates import plans
from gipparse.templates.statistics import LazySources, _get_sources, source_keys, source_span
from gipparse.tree.nodes import LazyRows, Span, TableCells, _get_table_rows, table_raws

_S2T = opencc.OpenCC("s2t")


def _eager_table(rows: LazyRows, fmt: str, header_rows: int, span: Any) -> Table:
    return Table(rows.build(), fmt, header_rows, span)


def _eager_cells(tables: list[Table], count: int) -> list[Any]:
    return [c for table in tables for row in table.rows for c in row.cells]


@contextmanager
def _eager() -> Iterator[None]:
    """The parsers build every table's rows at once, and the statistics read a list of
    built cells (their sources made at once): how reports were read before."""
    saved = tab_table.new_table, pipe_table.new_table, plans.TableCells
    tab_table.new_table = pipe_table.new_table = _eager_table  # type: ignore[assignment]
    plans.TableCells = _eager_cells  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        tab_table.new_table, pipe_table.new_table, plans.TableCells = saved


def _slot(table: Table) -> Any:
    """What *table*'s rows slot holds (a ``LazyRows`` until they are built)."""
    return _get_table_rows(table)


# -- tables -------------------------------------------------------------------------------

_PARSERS: dict[str, Callable[[list[str], int], Any]] = {
    "tab": TAB.parse,
    "pipe": PIPE.parse,
}


@pytest.fixture(autouse=True)
def _cold_caches() -> None:
    gipparse.caches.clear()


@pytest.mark.parametrize("fmt", sorted(_PARSERS))
@given(_LINES, st.integers(0, 3))
@example(["\t信息内容", "\t本年新", "制作数量", "", "\t规章", "\t0"], 0)
@example(["\ta", "\tb", "", "\tc", "", "", "\td", "\te"], 0)
@example(["| a | b |", "| --- | --- |", "| 1 | -2 |", "| x | y |"], 0)
@example(["| a |  | b |", "| | x |", "|  |", "| a<br>b | c\\|d |"], 0)
def test_a_lazy_table_is_the_table_built_at_once(fmt: str, lines: list[str], start: int) -> None:
    parse = _PARSERS[fmt]

    def lazy() -> Table | None:
        found = parse(lines, start)
        return None if found is None else found.table

    with _eager():
        found = parse(lines, start)
    if found is None:
        assert lazy() is None
        return
    eager = found.table
    assert _slot(eager).__class__ is tuple
    cells = [c for row in eager.rows for c in row.cells]

    # Read without building: the cells' texts and row lengths, each cell's span.
    table = lazy()
    assert table is not None
    assert _slot(table).__class__ is LazyRows
    assert table_raws(table) == ([len(r.cells) for r in eager.rows], [c.raw for c in cells])
    assert table_raws(table) == table_raws(eager)
    spans = TableCells([table], len(cells))
    assert [spans.span(i) for i in range(len(cells))] == [c.span for c in cells]
    assert _row_spans(spans, eager) == [row.span for row in eager.rows]
    spans.index_parts()  # the same places, found another way
    assert [spans.span(i) for i in range(len(cells))] == [c.span for c in cells]
    assert _row_spans(spans, eager) == [row.span for row in eager.rows]
    assert _slot(table).__class__ is LazyRows  # still not built
    assert table.span == eager.span
    assert table.format == eager.format
    assert table.header_rows == eager.header_rows

    # Every way of looking at a table sees the table built at once, from an unbuilt one.
    checks: list[Callable[[Table], Any]] = [
        lambda t: t,
        hash,
        repr,
        _spans,
        lambda t: t.texts,
        lambda t: list(t.cells()),
        attrs.asdict,
        attrs.astuple,
        lambda t: _spans(attrs.evolve(t)),
        lambda t: attrs.evolve(t, header_rows=7),
        lambda t: _spans(pickle.loads(pickle.dumps(t))),
        lambda t: pickle.loads(pickle.dumps(t)),
        lambda t: _spans(copy.copy(t)),
        lambda t: _spans(copy.deepcopy(t)),
    ]
    for check in checks:
        fresh = lazy()
        assert fresh is not None
        assert _slot(fresh).__class__ is LazyRows
        assert check(fresh) == check(eager)
    fresh = lazy()
    assert fresh == eager
    assert eager == fresh
    assert fresh.rows is fresh.rows  # built once, kept
    assert type(fresh.rows) is tuple
    assert TableCells([fresh], len(cells)).cells() == cells


def test_threads_asking_for_a_table_s_rows_get_the_same_cells() -> None:
    lines = [f"\t{k}" if k % 4 else "" for k in range(1, 400)]
    for _ in range(20):
        found = TAB.parse(lines, 0)
        assert found is not None
        table = found.table
        got: list[Any] = []

        def ask(table: Table = table, got: list[Any] = got) -> None:
            got.append(table.rows)

        threads = [threading.Thread(target=ask) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(got) == 4
        assert all(rows is got[0] for rows in got)


# -- reports ------------------------------------------------------------------------------


def _cells_of(report: Report) -> list[Any]:
    return [c for table in report.tables for row in table.rows for c in row.cells]


def _same_reports(text: str) -> None:
    """*text* read lazily is *text* read with every table built at once."""
    with _eager():
        eager = gipparse.loads(text)
    report = gipparse.loads(text)
    stats, expected = report.statistics, eager.statistics
    if expected is None:
        assert stats is None
    else:
        assert stats is not None
        keys = list(expected.sources)
        # Read without building: the sources' keys and each one's span.
        assert list(source_keys(stats)) == keys
        assert [source_span(stats, [k]) for k in keys] == [expected.sources[k].span for k in keys]
        assert source_span(stats, reversed(keys)) == source_span(expected, reversed(keys))
    # Then everything, built.
    assert report == eager
    assert [d.format() for d in report.diagnostics] == [d.format() for d in eager.diagnostics]
    assert [d.span for d in report.diagnostics] == [d.span for d in eager.diagnostics]
    assert [_spans(t) for t in report.tables] == [_spans(t) for t in eager.tables]
    if stats is not None and expected is not None:
        sources = stats.sources
        assert type(sources) is dict
        assert stats.sources is sources  # made once, kept
        assert list(sources) == list(expected.sources)
        assert list(sources.values()) == list(expected.sources.values())
        assert [c.span for c in sources.values()] == [c.span for c in expected.sources.values()]
        # Each source is a cell of the report's own tables, not a copy.
        own = {id(c) for c in _cells_of(report)}
        assert all(id(c) in own for c in sources.values())
        back = pickle.loads(pickle.dumps(stats))
        assert back == expected
        assert list(back.sources) == list(expected.sources)
    assert pickle.loads(pickle.dumps(report)) == eager


def _row_spans(cells: TableCells, *built: Table) -> list[Span | None]:
    """The span of each row of the tables *built* (the tables of *cells*, built), as
    *cells* tells them without building its own."""
    spans: list[Span | None] = []
    first = 0
    for table in built:
        for row in table.rows:
            spans.append(cells.row_span(first, len(row.cells)))
            first += len(row.cells)
    return spans


@pytest.mark.parametrize("index", range(5))
def test_a_sample_s_places_are_told_without_building_its_tables(index: int) -> None:
    """Where every cell and row of a report's tables stands (the places diagnostics
    give), told without building them, whether the runs of rows were indexed or not, on
    tables that mix plain runs and rows read line by line (seed 003)."""
    text = gipparse.sample_paths()[index].read_text(encoding="utf-8")
    built = gipparse.loads(text).tables
    cells = [c for t in built for c in t.cells()]
    for indexed in (False, True):
        tables = gipparse.loads(text).tables
        places = TableCells(list(tables), len(cells))
        if indexed:
            places.index_parts()
        assert [places.span(i) for i in range(len(cells))] == [c.span for c in cells]
        assert _row_spans(places, *built) == [r.span for t in built for r in t.rows]
        assert all(_slot(t).__class__ is LazyRows for t in tables)
        with pytest.raises(IndexError):
            places.span(len(cells))
        with pytest.raises(IndexError):
            places.span(-1)


@pytest.mark.parametrize("index", range(5))
def test_a_sample_read_lazily_is_the_sample_read_at_once(index: int) -> None:
    path = gipparse.sample_paths()[index]
    _same_reports(path.read_text(encoding="utf-8"))
    _same_reports(path.read_text(encoding="utf-8"))  # plans kept


def test_sources_asked_for_before_anything_else_are_the_tables_cells() -> None:
    gipparse.load(gipparse.sample_paths()[0])  # its tables matched, its plan made
    report = gipparse.load(gipparse.sample_paths()[0])
    assert report.statistics is not None
    # Nothing was built while the report was read by its plan (what the other tests here
    # read without building is read so).
    assert _get_sources(report.statistics).__class__ is LazySources
    assert all(_slot(t).__class__ is LazyRows for t in report.tables)
    sources = report.statistics.sources
    assert all(_slot(t).__class__ is tuple for t in report.tables)  # built for the sources
    own = {id(c) for c in _cells_of(report)}
    assert sources
    assert all(id(c) in own for c in sources.values())


_REPORTS = st.sampled_from(["2020", "2021"]).flatmap(
    lambda template: st.tuples(
        st.one_of(
            statistics_with_unknowns(template),
            broken_statistics(template).map(lambda found: found[0]),
        ),
        metadata(template),
        st.sampled_from(["tab", "pipe"]),
        st.booleans(),
    )
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_REPORTS)
def test_a_report_read_lazily_is_the_report_read_at_once(drawn: Any) -> None:
    stats, meta, table_format, traditional = drawn
    text = gipparse.render_report(gipparse.report_from_statistics(stats, meta), to=table_format)
    if traditional:
        text = str(_S2T.convert(text))
    _same_reports(text)
    _same_reports(text)  # plans kept


# -- lines that keep their text -----------------------------------------------------------

_LONG = st.lists(
    st.sampled_from(["\t1", "\t规章", "", "| a | 1 |", "| b | 2 |", "x", "\t", "a | b |"]),
    min_size=100,
    max_size=400,
)


@pytest.mark.parametrize("fmt", sorted(_PARSERS))
@given(st.one_of(_LINES, _LONG), st.integers(0, 3))
@example(["\ta", "\tb", ""] * 60 + ["\tz"], 0)
@example(["| a | 1 |"] * 70 + ["| b |"], 0)
@example(["\ta", "\tb", "", "\tc", "", "x", "", "\td"] * 30, 0)
def test_lines_that_keep_their_text_read_as_any_lines(
    fmt: str, lines: list[str], start: int
) -> None:
    """The built-in formats match plain rows in the text ``Lines`` keep: what they read
    is what they read in a plain list of the same lines (read in windows of lines joined
    again), wherever the table starts."""
    parse = _PARSERS[fmt]
    kept = Lines("\n".join(lines))
    assert kept == lines
    for at in (start, start + 40, start + 150):
        expected = parse(lines, at)
        found = parse(kept, at)
        if expected is None:
            assert found is None
            continue
        assert found is not None
        assert found == expected
        assert found.end == expected.end
        assert _spans(found.table) == _spans(expected.table)
        assert [d.span for d in found.diagnostics] == [d.span for d in expected.diagnostics]


def test_lines_changed_drop_their_text() -> None:
    changes: list[Callable[[Lines], Any]] = [
        lambda lines: lines.__setitem__(0, "\tx"),
        lambda lines: lines.__delitem__(0),
        lambda lines: lines.append("\ty"),
        lambda lines: lines.extend(["\ty"]),
        lambda lines: lines.insert(0, "\ty"),
        lambda lines: lines.pop(),
        lambda lines: lines.remove("\t1"),
        lambda lines: lines.clear(),
        lambda lines: lines.sort(),
        lambda lines: lines.reverse(),
        lambda lines: lines.__iadd__(["\ty"]),
        lambda lines: lines.__imul__(2),
    ]
    for change in changes:
        lines = Lines("\t1\n\t2\n\n\t3\r\n\t4")
        assert lines.text == "\t1\n\t2\n\n\t3\n\t4"
        assert lines == ["\t1", "\t2", "", "\t3", "\t4"]
        change(lines)
        assert lines.text is None
        # What the formats read is then read from the lines as they are.
        assert TAB.parse(lines, 0) == TAB.parse(list(lines), 0)


def test_a_report_read_from_lines_that_keep_their_text_is_read_as_before() -> None:
    """The pipeline gives the formats ``Lines``; a report split into a plain list of lines
    gives the same blocks."""
    from gipparse.source.decode import split_lines
    from gipparse.tables.blocks import split_blocks

    formats = gipparse.create_plugin_manager().table_formats()
    for path in gipparse.sample_paths():
        text = path.read_text(encoding="utf-8")
        for variant in (text, text.replace("\n", "\r\n"), text.replace("\n", "\r")):
            expected = split_blocks(split_lines(variant), formats, [])
            found = split_blocks(Lines(variant), formats, [])
            assert found == expected
            assert [b.span for b in found] == [b.span for b in expected]
            assert [_spans(b) for b in found if isinstance(b, Table)] == [
                _spans(b) for b in expected if isinstance(b, Table)
            ]
