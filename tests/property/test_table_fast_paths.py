"""The table parsers' fast paths (rows built in one step, rows and cells kept across
reports) give exactly what the general line-by-line reading gives: the same nodes, the
same spans, the same end and diagnostics, whether the caches are cold or warm."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import accumulate
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import gipparse
from gipparse import Cell, Diagnostic, Row, Span, Table, TableParse
from gipparse.tables import pipe_syntax as pipe_table
from gipparse.tables import tab as tab_table
from gipparse.tables.pipe import PIPE
from gipparse.tables.tab import TAB
from gipparse.tree.nodes import AT, PlainRows, TableCells, _get_table_rows, table_raws

# Lines made of the pieces the formats care about: TABs, pipes, padding, escapes,
# separators, numbers, breaks, labels, blank and whitespace-only lines.
_PIECES = [
    "\t",
    "|",
    " | ",
    "| ",
    " |",
    " ",
    "  ",
    "-",
    ":",
    "\\",
    "\\|",
    "<br>",
    "1",
    "０",
    "规章",
    "x",
    "。",
    "一、",
    "\u3000",
]
_LINE = st.lists(st.sampled_from(_PIECES), max_size=6).map("".join)
_LINES = st.lists(
    st.one_of(_LINE, st.just(""), st.sampled_from(["\t1", "\t规章", "| a | 1 |"])),
    min_size=1,
    max_size=14,
)


def _spans(table: Table) -> list[object]:
    out: list[object] = [table.span]
    for row in table.rows:
        out.append(row.span)
        out.extend(cell.span for cell in row.cells)
    return out


def _same(found: TableParse | None, expected: TableParse | None) -> None:
    if expected is None:
        assert found is None
        return
    assert found is not None
    assert found == expected
    assert _spans(found.table) == _spans(expected.table)
    assert [d.span for d in found.diagnostics] == [d.span for d in expected.diagnostics]
    for row in found.table.rows:
        assert type(row) is Row
        assert all(type(s) is Span for s in (row.span, *(c.span for c in row.cells)))


def _tab_general(lines: list[str], start: int) -> TableParse | None:
    """The tab format read line by line only."""
    n = len(lines)
    if start >= n or lines[start][:1] != "\t":
        return None
    diagnostics: list[Diagnostic] = []
    rows: list[Row] = []
    i = start
    while i >= 0:
        drafts, i = tab_table._read_row(lines, i, diagnostics)
        rows.append(_row_of(drafts))
    if sum(len(r) for r in rows) < 2:
        return None
    last = rows[-1].span
    assert last is not None
    table = Table(tuple(rows), "tab", 0, Span(start + 1, 1, last.end_line, last.end_column))
    return TableParse(table, last.end_line, tuple(diagnostics))


def _row_of(drafts: list[Any]) -> Row:
    """The row of the cells the line-by-line reading drafted (``[text, first line, last
    line, column]``, lines from 0), built by the nodes' own constructors."""
    cells = []
    for text, first, last, column in drafts:
        k = text.rfind("\n")
        end_column = column + len(text) if k < 0 else len(text) - k
        cells.append(Cell(text, Span(first + 1, column, last + 1, end_column)))
    return Row(tuple(cells), Span(drafts[0][1] + 1, 1, drafts[-1][2] + 1, end_column))


@contextmanager
def _pipe_general() -> Iterator[None]:
    """The pipe format without its plain-row path."""
    saved = pipe_table._plain_rows
    pipe_table._plain_rows = lambda lines, i: []  # type: ignore[assignment]
    try:
        yield
    finally:
        pipe_table._plain_rows = saved


@pytest.fixture(autouse=True)
def _cold_caches() -> None:
    gipparse.caches.clear()


@given(_LINES, st.integers(0, 3))
@example(["\t信息内容", "\t本年新", "制作数量", "", "\t规章", "\t0"], 0)
@example(["\ta", "\tb", "", "", "\tc"], 0)
@example(["\ta", "", "x", "", "\tb"], 0)
@example(["\t1", "\t2", "3", "", "\t4"], 0)
@example(["\ta", "  ", "\tb", "", "\tc", ""], 0)
@example(["\ta", "\tb", "", "", "x"], 0)
@example(["\ta", "\tb", "", "  ", "\tc"], 0)
@example(["\ta", "\tb", "", "\u3000"], 0)
@example(["\ta", "", "\tb", ""], 0)
@example(["\t甲", "", "乙", "\t1"], 0)
def test_tab_fast_path_matches_line_by_line_reading(lines: list[str], start: int) -> None:
    expected = _tab_general(lines, start)
    _same(TAB.parse(lines, start), expected)  # cold cache
    _same(TAB.parse(lines, start), expected)  # damaged rows cached
    _same(TAB.parse(list(lines), start), _tab_general(lines, start))


@given(_LINES, st.integers(0, 3))
@example(["| a | b |", "| --- | --- |", "| 1 | -2 |"], 0)
@example(["| a |  | b |", "| | x |", "|  |", "| a<br>b | c\\|d |"], 0)
@example(["a | b", "--- | ---", "| c | d |"], 0)
@example(["| - | :-: |", "| a | b |"], 0)
def test_pipe_fast_path_matches_line_by_line_reading(lines: list[str], start: int) -> None:
    with _pipe_general():
        expected = PIPE.parse(lines, start)
    _same(PIPE.parse(lines, start), expected)  # cold cache
    _same(PIPE.parse(lines, start), expected)  # every row cached


# Plain rows that all open with a pipe, or none of which does (their cells then split all
# rows at once), with separator rows and cells holding "-" among them.
_OPEN_CELL = st.lists(
    st.sampled_from(["", " ", "  ", "规章", "x", "1", "０", "\u3000", "。", "a b"]), max_size=3
).map("".join)
_OPEN_CELL = st.one_of(_OPEN_CELL, st.sampled_from(["-", "-3", ":-:", "---", " - "]))
_CELLS = st.lists(_OPEN_CELL, min_size=1, max_size=4)
_OPEN_ROW = _CELLS.map(lambda c: f"| {' | '.join(c)} |")
_UNOPENED_ROW = _CELLS.map(lambda c: f"{' | '.join(c)} |")


@given(
    st.one_of(
        st.lists(_OPEN_ROW, min_size=1, max_size=6),
        st.lists(_UNOPENED_ROW, min_size=1, max_size=6),
        st.lists(st.one_of(_OPEN_ROW, _UNOPENED_ROW), min_size=1, max_size=6),
    ),
    st.lists(_LINE, max_size=2),
)
@example(["| a |  | b |", "|  | 规章 |", "| x  |  y |", "|   |"], [])
@example(["| a |", "| b | c |"], ["x | y"])
@example(["a | b |", "规章 | -3 |", "x  |  y |", "| --- | - |", "c | d |"], [])
@example(["| a | b |", "| 1 | -2 |", "| - | :-: |"], [])
def test_pipe_rows_all_or_none_opening_with_a_pipe_split_at_once_as_row_by_row(
    rows: list[str], after: list[str]
) -> None:
    lines = [*rows, *after]
    with _pipe_general():
        expected = PIPE.parse(lines, 0)
    _same(PIPE.parse(lines, 0), expected)


def _pipe_plain_rows_by_pattern(lines: list[str], i: int) -> object:
    """``_plain_rows`` with its rows told by the plain-row pattern alone."""
    stop = min(len(lines), i + pipe_table._PLAIN_WINDOW)
    region = "\n".join(lines[i:stop])
    m = pipe_table._PLAIN_ROWS_RE.match(region)
    if m is None or region.count("\n") != stop - i - 1:
        return None
    return pipe_table._rows_of(m.group(), i, False)


def _plain(rows: object) -> object:
    if rows is None:
        return None
    assert isinstance(rows, PlainRows)
    return rows.raws, rows.counts, rows.beyond, list(rows.places()), rows.end


# Lines shaped like plain rows ("| ... |", "x ... |") whose insides may make them
# something else: empty or one-space cells, pipes without padding, rows ending " | |".
_SHAPED_INSIDE = st.lists(
    st.sampled_from([" | ", "|", " |", "| ", " ", "  ", "x", "规章", "-", "\\", "<br>", "\t"]),
    max_size=5,
).map("".join)
_SHAPED = st.one_of(
    _SHAPED_INSIDE.map(lambda s: f"| {s} |"),
    _SHAPED_INSIDE.map(lambda s: f"x{s} |"),
    _SHAPED_INSIDE.map(lambda s: f"规章{s} |"),
    _OPEN_ROW,
    _UNOPENED_ROW,
)


@given(
    st.lists(st.one_of(_SHAPED, _LINE, st.just("")), min_size=1, max_size=8),
    st.integers(0, 2),
)
@example(["a | |", "b |"], 0)
@example(["a |", "b | |"], 0)
@example(["| a | | b |", "| c |"], 0)
@example(["| a |", "| |"], 0)
@example(["a || b |"], 0)
@example(["| a |  | b |", "x |  | y |"], 0)
def test_pipe_rows_shaped_like_rows_are_those_the_pattern_matches(lines: list[str], i: int) -> None:
    """Rows found by their shape and checked once split are the rows the plain-row
    pattern matches, cell for cell and place for place."""
    assert _plain(pipe_table._plain_rows(lines, i)) == _plain(_pipe_plain_rows_by_pattern(lines, i))


def test_rows_opening_with_a_pipe_are_split_at_once() -> None:
    lines = ["| a |  | b |", "|  | 规章 |", "| x  |  y |", "|   |"]
    plain = pipe_table._plain_rows(lines, 0)
    assert plain is not None
    assert plain.raws == ["a", "", "b", "", "规章", "x ", " y", " "]
    assert plain.counts == [3, 2, 2, 1]
    plain = pipe_table._plain_rows(["a | b |", "规章 | -3 |", "x  |  y |", "| - | - |"], 0)
    assert plain is not None
    assert plain.raws == ["a", "b", "规章", "-3", "x ", " y"]
    assert plain.counts == [2, 2, 2]


def test_a_table_seen_at_another_place_gets_its_own_spans() -> None:
    lines = ["\ta", "\t1", "", "\tb", "\t2"]
    first = TAB.parse(lines, 0)
    moved = TAB.parse(["x", "", *lines], 2)
    assert first is not None
    assert moved is not None
    assert first.table == moved.table
    assert [c.span for c in moved.table.cells()] == [
        Span(3, 2, 3, 3),
        Span(4, 2, 4, 3),
        Span(6, 2, 6, 3),
        Span(7, 2, 7, 3),
    ]


@pytest.mark.parametrize("path", gipparse.sample_paths(), ids=lambda p: p.name[:3])
def test_the_seeds_tables_read_the_same_both_ways(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    starts = [i for i, line in enumerate(lines) if line[:1] == "\t" or "|" in line]
    assert starts
    for start in starts:
        _same(TAB.parse(lines, start), _tab_general(lines, start))
        with _pipe_general():
            expected = PIPE.parse(lines, start)
        _same(PIPE.parse(lines, start), expected)
        _same(PIPE.parse(lines, start), expected)


def test_cells_far_down_and_far_right_keep_their_spans() -> None:
    """Cells of plain rows keep where they start packed in an int until their span is
    asked for: far down a long input and far right on a long line, the spans are those
    of the line-by-line reading."""
    lines = [""] * 100_000
    lines += ["\ta", "\t1", "", "\tb", "\t" + "x" * 70_000, "", ""]
    lines += ["| a | b |", "| " + "y" * 70_000 + " | z |", "| c | d |"]
    _same(TAB.parse(lines, 100_000), _tab_general(lines, 100_000))
    with _pipe_general():
        expected = PIPE.parse(lines, 100_007)
    found = PIPE.parse(lines, 100_007)
    _same(found, expected)
    assert found is not None
    assert [c.span for c in found.table.rows[1].cells] == [
        Span(100_009, 3, 100_009, 70_003),
        Span(100_009, 70_006, 100_009, 70_007),
    ]


def test_a_span_is_made_once_and_kept() -> None:
    found = TAB.parse(["\ta", "\t1"], 0)
    assert found is not None
    cell = found.table.rows[0].cells[1]
    assert cell.span is cell.span == Span(2, 2, 2, 3)
    assert found.table.rows[0].span is found.table.rows[0].span == Span(1, 1, 2, 3)


@given(st.integers(0, 500), st.lists(st.integers(1, 12), min_size=1, max_size=20))
def test_a_tab_run_finds_the_place_of_each_cell_as_it_works_out_all_of_them(
    i: int, counts: list[int]
) -> None:
    """The places of cells asked about one at a time (``finder()``, ``at``: what a
    report's diagnostics name) are those worked out for every cell at once."""
    places = tab_table._Places(i, counts)
    every = places()
    assert len(every) == sum(counts)
    find = places.finder()
    assert [find(n) for n in range(len(every))] == every
    assert [places.at(n) for n in range(len(every))] == every
    firsts = [0, *accumulate(counts)][:-1]
    row = places.row_finder()
    assert [list(row(n, k)) for n, k in zip(firsts, counts, strict=True)] == [
        every[n : n + k] for n, k in zip(firsts, counts, strict=True)
    ]


@given(st.lists(_LINES, min_size=1, max_size=3), st.data())
def test_spans_of_cells_not_built_are_those_of_the_built_cells(
    runs: list[list[str]], data: st.DataObject
) -> None:
    """``TableCells.spans`` and ``row_spans`` (places told without building the cells:
    what the statistics' diagnostics name) are the spans of the built cells and rows."""
    tables = []
    for lines in runs:
        found = TAB.parse(lines, 0)
        if found is not None:
            tables.append(found.table)
    counts = [len(table_raws(t)[1]) for t in tables]
    if not sum(counts):
        return
    lazy = TableCells(tables, sum(counts))
    indices = data.draw(st.lists(st.integers(0, sum(counts) - 1), max_size=12))
    rows = [(n, len(r.cells)) for n, r in _rows_at(_tables_copy(runs)) if r.cells]
    asked = data.draw(st.lists(st.sampled_from(rows), max_size=6)) if rows else []
    got, got_rows = lazy.spans(indices), lazy.row_spans(asked)
    told = lazy.rows_places(asked)
    # The same tables, built (as read again: the rows of those above stay lazy).
    built = _tables_copy(runs)
    cells = [c for t in built for r in t.rows for c in r.cells]
    assert got == [cells[n].span for n in indices]
    spans = {n: r.span for n, r in _rows_at(built)}
    assert got_rows == [spans[n] for n, _ in asked]
    raws = [c.raw for c in cells]
    assert told is not None
    assert _told_spans(told, asked, raws) == [[c.span for c in cells[n : n + k]] for n, k in asked]
    assert told[1] == [0] * len(asked)  # a tab row ends with its last cell


def _told_spans(
    told: tuple[list[Sequence[int | Span]], list[int]],
    asked: list[tuple[int, int]],
    raws: list[str],
) -> list[list[Span]]:
    """The spans of the cells of the rows *asked* about, from the places
    ``TableCells.rows_places`` told (*told*) and the cells' texts (*raws*)."""
    return [
        [
            p if isinstance(p, Span) else Span(p // AT, p % AT, p // AT, p % AT + len(raw))
            for p, raw in zip(places, raws[n : n + k], strict=True)
        ]
        for places, (n, k) in zip(told[0], asked, strict=True)
    ]


def _tables_copy(runs: list[list[str]]) -> list[Table]:
    found = (TAB.parse(lines, 0) for lines in runs)
    return [f.table for f in found if f is not None]


def _rows_at(tables: list[Table]) -> Iterator[tuple[int, Row]]:
    """Each row of *tables* with the index of its first cell among all their cells."""
    n = 0
    for table in tables:
        for row in table.rows:
            yield n, row
            n += len(row.cells)


def test_spans_of_cells_of_rows_of_several_lines_not_built_are_those_of_the_built() -> None:
    lines = ["\ta", "\tb", "", "\tc", "", "\t1", "\t2", "\t3", "", "\t规章"]
    lazy = TableCells([_tables_copy([lines])[0]], 7)
    cells = [c for r in _tables_copy([lines])[0].rows for c in r.cells]
    assert lazy.spans(range(7)) == [c.span for c in cells]
    rows = list(_rows_at(_tables_copy([lines])))
    asked = [(n, len(r.cells)) for n, r in rows]
    assert lazy.row_spans(asked) == [r.span for _, r in rows]


@pytest.mark.parametrize("shift", [0, 3, 40])
def test_a_row_read_line_by_line_is_left_unbuilt_and_its_places_told(shift: int) -> None:
    """A row read line by line (cells continued on un-indented lines, a value that lost
    its TAB) is left, as plain rows are, as a run of one row whose cells are built when
    asked for; built, it is the row the line-by-line reading gives, and the places of
    its cells and its own, told without building it, are those of the row built: read
    cold, and rebuilt from what was kept at another line."""
    lines = ["\t信息内容", "其一", "\t本年新", "制作数量", "", "\t1", "2", "", "\t规章", "\t0"]
    for cold in (True, False):
        if cold:
            gipparse.caches.clear()
        moved = [""] * shift + lines
        found = TAB.parse(moved, shift)
        assert found is not None
        parts = _get_table_rows(found.table).parts
        assert [p.__class__ for p in parts] == [PlainRows, PlainRows, PlainRows]
        assert [p.counts for p in parts] == [[2], [2], [2]]
        cells = TableCells([found.table], 6)
        spans, row_spans = cells.spans(range(6)), cells.row_spans([(0, 2), (2, 2), (4, 2)])
        alone = [cells.span(i) for i in range(6)]
        rows_alone = [cells.row_span(0, 2), cells.row_span(2, 2), cells.row_span(4, 2)]
        told = TableCells([found.table], 6).rows_places([(4, 2), (0, 2), (2, 2)])
        raws = table_raws(found.table)[1]
        expected = _tab_general(moved, shift)
        _same(found, expected)  # (builds the rows)
        assert expected is not None
        assert spans == alone == [c.span for r in expected.table.rows for c in r.cells]
        assert row_spans == rows_alone == [r.span for r in expected.table.rows]
        assert told is not None
        assert _told_spans(told, [(4, 2), (0, 2), (2, 2)], raws) == [
            [c.span for c in r.cells] for r in (expected.table.rows[i] for i in (2, 0, 1))
        ]
        assert spans[0] == Span(shift + 1, 2, shift + 2, 3)  # a cell over two lines
        assert [d.code for d in found.diagnostics] == ["tab.unindented-cell"]


@pytest.mark.parametrize(
    "lines",
    [
        ["| 项目 | 数量 |", "| 申请 | 12 |", "| 办结 | 3 |"],
        ["\t项目", "\t数量", "", "\t申请", "\t12", "", "\t办结", "\t3"],
        ["\t信息内容", "其一", "\t本年新", "", "\t1", "2", "", "\t规章", "\t0"],
    ],
)
def test_the_places_of_rows_told_at_once_are_those_of_the_built_rows(lines: list[str]) -> None:
    """``TableCells.rows_places`` (a row's run found once, its cells' places told
    together: what the warnings of rows that lost their labels name) gives the spans of
    the cells and rows built, in pipe rows (cells told one at a time), runs of TAB lines
    and rows read line by line, asked about in any order."""
    found = (PIPE if lines[0][0] == "|" else TAB).parse(lines, 0)
    assert found is not None
    lazy = _get_table_rows(found.table)
    assert lazy.__class__ is not tuple
    lengths, raws = table_raws(found.table)
    firsts = [0, *accumulate(lengths)][:-1]
    asked = list(zip(firsts, lengths, strict=True))[::-1]
    told = TableCells([found.table], len(raws)).rows_places(asked)
    rows = found.table.rows[::-1]  # built
    assert told is not None
    assert _told_spans(told, asked, raws) == [[c.span for c in r.cells] for r in rows]
    ends = [s[-1] for s in _told_spans(told, asked, raws)]
    starts = [s[0] for s in _told_spans(told, asked, raws)]
    assert [
        Span(first.line, 1, end.end_line, end.end_column + past)
        for first, end, past in zip(starts, ends, told[1], strict=True)
    ] == [r.span for r in rows]
