"""The ruling geometry on its own: segments and rectangles to grids with merged cells,
and characters to cells. No PDF involved (the module is shared with other page formats).
"""

from __future__ import annotations

import itertools

import pytest
from gipparse_pdf._grid import (
    Box,
    Glyph,
    Segment,
    TooManyRulings,
    assign,
    cell_text,
    find_tables,
    line_text,
    rulings,
)
from hypothesis import given
from hypothesis import strategies as st


def test_the_module_example_runs() -> None:
    import doctest

    from gipparse_pdf import _grid

    result = doctest.testmod(_grid)
    assert result.attempted >= 5
    assert result.failed == 0


def _h(y: float, x0: float, x1: float) -> Segment:
    return Segment(x0, y, x1, y)


def _v(x: float, y0: float, y1: float) -> Segment:
    return Segment(x, y0, x, y1)


def _full_grid(xs: list[float], ys: list[float]) -> list[Segment]:
    return [_h(y, xs[0], xs[-1]) for y in ys] + [_v(x, ys[0], ys[-1]) for x in xs]


def _spans(grid: object) -> list[tuple[int, int, int, int]]:
    return [(c.row, c.column, c.rowspan, c.colspan) for c in grid.cells]  # type: ignore[attr-defined]


def test_a_full_grid_has_one_cell_per_square() -> None:
    (grid,) = find_tables(_full_grid([0, 50, 100, 150], [0, 20, 40]))
    assert grid.xs == (0, 50, 100, 150)
    assert grid.ys == (0, 20, 40)
    assert _spans(grid) == [(r, c, 1, 1) for r in range(2) for c in range(3)]


def test_missing_rulings_merge_cells() -> None:
    segments = [
        _h(0, 0, 150),
        _h(20, 50, 150),  # the first column's label spans both rows
        _h(40, 0, 150),
        _v(0, 0, 40),
        _v(50, 0, 40),
        _v(100, 20, 40),  # the first row's header spans the last two columns
        _v(150, 0, 40),
    ]
    (grid,) = find_tables(segments)
    assert _spans(grid) == [(0, 0, 2, 1), (0, 1, 1, 2), (1, 1, 1, 1), (1, 2, 1, 1)]
    assert grid.cells[0].box == Box(0, 0, 50, 40)


def test_collinear_pieces_are_joined_and_near_positions_are_one() -> None:
    segments = [
        _h(0, 0, 60),
        _h(0.4, 60.5, 100),  # the same ruling, drawn in two pieces, slightly off
        _h(30, 0, 100),
        _v(0, 0, 30),
        _v(100.8, 0, 30),
    ]
    found = rulings(segments)
    assert len([r for r in found if r.horizontal]) == 2
    (grid,) = find_tables(segments)
    assert len(grid.cells) == 1


def test_a_line_drawn_dash_by_dash_is_one_ruling() -> None:
    # Dashes 3 pt long, 4 pt apart, drawn one segment each, and dots; a gap between
    # longer pieces (a merged cell's missing wall) stays a gap.
    dashes = [Segment(x, 10, x + 3, 10) for x in range(0, 98, 7)]
    assert [tuple(r) for r in rulings(dashes)] == [(True, 10, 0, 94, 0)]
    pieces = [Segment(0, 10, 40, 10), Segment(44, 10, 100, 10)]
    assert len(rulings(pieces)) == 2
    dotted = [Segment(x, 10, x + 1, 10) for x in range(0, 99, 3)]
    assert [tuple(r) for r in rulings(dotted)] == [(True, 10, 0, 97, 0)]


def test_thin_rectangles_are_rulings_and_backgrounds_are_not() -> None:
    rules = [
        Box(0, -0.25, 100, 0.25),
        Box(0, 29.75, 100, 30.25),
        Box(-0.25, 0, 0.25, 30),
        Box(99.75, 0, 100.25, 30),
    ]
    background = Box(0, 0, 100, 15)  # a shaded header: not a ruling
    (grid,) = find_tables([], [*rules, background])
    assert (grid.ys[0], grid.ys[-1]) == (0, 30)
    assert len(grid.cells) == 1
    assert find_tables([], [background]) == []


def _frame(xs: list[float], ys: list[float], thick: float, inner: float = 0.5) -> list[Box]:
    """A grid drawn with filled rectangles: a frame *thick* pt across (its corners
    overlapping), inner lines *inner* pt across stopping at the frame's inner edge."""
    t, i = thick / 2, inner / 2
    left, right, top, bottom = xs[0], xs[-1], ys[0], ys[-1]
    boxes = [
        Box(left - t, top - t, right + t, top + t),
        Box(left - t, bottom - t, right + t, bottom + t),
        Box(left - t, top - t, left + t, bottom + t),
        Box(right - t, top - t, right + t, bottom + t),
    ]
    boxes += [Box(left + t, y - i, right - t, y + i) for y in ys[1:-1]]
    boxes += [Box(x - i, top + t, x + i, bottom - t) for x in xs[1:-1]]
    return boxes


@pytest.mark.parametrize("thick", [2.25, 3.0, 4.5, 6.0])
def test_a_thick_frame_drawn_filled_is_rulings(thick: float) -> None:
    # WPS draws borders as filled rectangles: a heavy frame is a ruling like a thin one.
    xs, ys = [0.0, 120.0, 160.0, 200.0], [0.0, 24.0, 40.0, 56.0]
    (grid,) = find_tables([], _frame(xs, ys, thick))
    assert (grid.xs, grid.ys) == (tuple(xs), tuple(ys))
    assert _spans(grid) == [(r, c, 1, 1) for r in range(3) for c in range(3)]
    # One column: its rows' lines stop at the frame's inner edge and still cross it.
    (grid,) = find_tables([], _frame([0.0, 80.0], ys, thick))
    assert grid.ys == tuple(ys)
    assert len(grid.cells) == 3
    # Cells merged across the inner lines are found in a thick frame as in a thin one.
    boxes = [b for b in _frame(xs, ys, thick) if b.x1 - b.x0 > 1]
    boxes += [Box(x - 0.25, 24, x + 0.25, 56 - thick / 2) for x in xs[1:-1]]
    (grid,) = find_tables([], boxes)  # no line between the header's columns
    assert _spans(grid)[0] == (0, 0, 1, 3)


def _stroked_frame(xs: list[float], ys: list[float], thick: float) -> list[Segment]:
    """A grid stroked: a frame with a pen *thick* pt wide along its centre lines, inner
    lines 0.5 pt wide stopping at the frame's inner edge."""
    t = thick / 2
    left, right, top, bottom = xs[0], xs[-1], ys[0], ys[-1]
    frame = [
        Segment(left, top, right, top, thick),
        Segment(right, top, right, bottom, thick),
        Segment(right, bottom, left, bottom, thick),
        Segment(left, bottom, left, top, thick),
    ]
    inner = [Segment(left + t, y, right - t, y, 0.5) for y in ys[1:-1]]
    inner += [Segment(x, top + t, x, bottom - t, 0.5) for x in xs[1:-1]]
    return frame + inner


@pytest.mark.parametrize("thick", [4.5, 6.0, 9.0])
def test_a_frame_stroked_with_a_wide_pen_is_met_at_its_inner_edge(thick: float) -> None:
    # A heavy frame stroked with a wide pen: the lines inside stop at its inner edge,
    # half the pen's width from the line the path draws, and still meet it.
    xs, ys = [0.0, 120.0, 160.0, 200.0], [0.0, 24.0, 40.0, 56.0]
    (grid,) = find_tables(_stroked_frame(xs, ys, thick))
    assert (grid.xs, grid.ys) == (tuple(xs), tuple(ys))
    assert _spans(grid) == [(r, c, 1, 1) for r in range(3) for c in range(3)]
    (grid,) = find_tables(_stroked_frame([0.0, 80.0], ys, thick))  # one column
    assert grid.ys == tuple(ys)
    assert len(grid.cells) == 3
    # Cells merged across the inner lines are found as in a thin frame.
    sides = (xs[0], xs[-1])
    segments = [s for s in _stroked_frame(xs, ys, thick) if s.y0 == s.y1 or s.x0 in sides]
    segments += [Segment(x, 24, x, 56 - thick / 2, 0.5) for x in xs[1:-1]]
    (grid,) = find_tables(segments)  # no line between the header's columns
    assert _spans(grid)[0] == (0, 0, 1, 3)
    # Without the pen's width the frame is a hairline the inner lines stop short of:
    # the table falls apart.
    hairlines = [Segment(*s[:4]) for s in _stroked_frame(xs, ys, thick)]
    assert [(g.xs, g.ys) for g in find_tables(hairlines)] != [(tuple(xs), tuple(ys))]


def test_a_stroked_line_keeps_its_width() -> None:
    assert [tuple(r) for r in rulings([Segment(0, 10, 100, 10, 4.5)])] == [(True, 10, 0, 100, 4.5)]
    # Pieces joined into one ruling: the widest.
    pieces = [Segment(0, 10, 50, 10, 0.5), Segment(50, 10, 100, 10, 3)]
    assert [tuple(r) for r in rulings(pieces)] == [(True, 10, 0, 100, 3)]


def test_shading_stays_a_background() -> None:
    xs, ys = [0.0, 100.0, 150.0], [0.0, 11.0, 16.0, 36.0, 41.0]
    grid_lines = _full_grid(xs, ys)
    (plain,) = find_tables(grid_lines)
    assert plain.ys == tuple(ys)
    shading = [
        Box(0, 0, 150, 11),  # a header row of 9 pt type, shaded: as high as its text
        Box(0, 11, 150, 16),  # an empty row 5 pt high, shaded between its lines
        Box(100.25, 16.25, 149.75, 35.75),  # a cell's shading inside its lines
        Box(0.25, 36.25, 99.75, 40.75),  # a thin empty cell's, inside its lines
    ]
    (grid,) = find_tables(grid_lines, shading)
    assert grid == plain
    # A narrow empty column shaded between its lines stays a column.
    columns = _full_grid([0, 100, 105, 150], [0, 20, 40])
    (grid,) = find_tables(columns, [Box(100, 0, 105, 40)])
    assert grid.xs == (0, 100, 105, 150)


def test_a_thick_rule_is_a_ruling_unless_shading_between_rulings() -> None:
    # A 4 pt bar across a frame with nothing along its edges is a ruling; so is one
    # with a line along one edge only (a heavy rule under a thin one).
    lines = _full_grid([0, 100], [0, 40])
    bar = Box(0, 18, 100, 22)
    (grid,) = find_tables(lines, [bar])
    assert grid.ys == (0, 20, 40)
    (grid,) = find_tables([*lines, _h(18, 0, 100)], [bar])
    assert grid.ys == (0, 19, 40)
    # Between lines along both its edges it is shading: the rows stay as drawn.
    (grid,) = find_tables([*lines, _h(17, 0, 100), _h(23, 0, 100)], [Box(0, 17, 100, 23)])
    assert grid.ys == (0, 17, 23, 40)
    (grid,) = find_tables([*lines, _h(15, 0, 100), _h(25, 0, 100)], [Box(0, 15, 100, 25)])
    assert grid.ys == (0, 15, 25, 40)  # thicker than any rule anyway


def test_telling_shading_looks_only_at_rulings_near_each_strip(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A page may paint thousands of thick strips (100,000 paths are read): telling each
    # from shading looks at the rulings near it, not at all of them, so the work grows
    # with the number of strips, not its square.
    import gipparse_pdf._grid as grid_module

    looked = 0
    covers = grid_module._covers

    def counted(ruling: object, start: float, end: float) -> bool:
        nonlocal looked
        looked += 1
        return covers(ruling, start, end)  # type: ignore[arg-type]

    monkeypatch.setattr(grid_module, "_covers", counted)
    strips = [Box(0, 10 * i, 300, 10 * i + 3) for i in range(2_000)]
    found = rulings([], strips)
    assert len(found) == 2_000  # none lies between two others: each is a rule
    assert looked <= 3 * len(strips)
    # Strips end to end along one line (a heavy rule drawn piece by piece) are at one
    # position, along neither edge of each other.
    looked = 0
    pieces = [Box(10 * i, 0, 10 * i + 9, 3) for i in range(2_000)]
    assert [tuple(r) for r in rulings([], pieces)] == [(True, 1.5, 0, 19_999, 3)]
    assert looked <= 3 * len(pieces)


def test_short_or_thick_filled_boxes_are_not_rulings() -> None:
    assert rulings([], [Box(0, 0, 4, 4)]) == []  # a square: a bullet, a dot
    assert rulings([], [Box(0, 0, 5, 12)]) == []  # not three times as long as thick
    assert rulings([], [Box(0, 0, 100, 6.5)]) == []  # thicker than any line drawn
    assert [tuple(r) for r in rulings([], [Box(0, 0, 5, 15)])] == [(False, 2.5, 0, 15, 5)]


def test_a_double_border_is_one_ruling_position() -> None:
    # The two lines of a double frame up to 4 pt apart add no row or column ...
    double = [
        *_full_grid([0, 60, 120], [0, 20, 40]),
        _h(-4, -4, 124),
        _h(44, -4, 124),
        _v(-4, -4, 44),
        _v(124, -4, 44),
    ]
    (grid,) = find_tables(double)
    assert (len(grid.xs), len(grid.ys)) == (3, 3)
    assert len(grid.cells) == 4
    # ... nor drawn as two thin filled rectangles each.
    boxes = [Box(0, y - 0.25, 100, y + 0.25) for y in (0, 3.5, 26.5, 30)]
    boxes += [Box(x - 0.25, 0, x + 0.25, 30) for x in (0, 3.5, 96.5, 100)]
    (grid,) = find_tables([], boxes)
    assert (len(grid.xs), len(grid.ys)) == (2, 2)
    # Narrow cells are not merged: a column 6 pt wide, a row 8 pt high.
    (grid,) = find_tables(_full_grid([0, 50, 56, 100], [0, 8, 30]))
    assert (grid.xs, grid.ys) == ((0, 50, 56, 100), (0, 8, 30))


def test_slanted_and_lone_lines_make_no_table() -> None:
    assert find_tables([Segment(0, 0, 100, 40), _h(10, 0, 100), _h(20, 0, 100)]) == []


def test_a_table_cut_by_the_page_end_keeps_its_last_row() -> None:
    # No closing ruling: the columns' rulings say where the last row ends.
    segments = [_h(0, 0, 100), _h(20, 0, 100), _v(0, 0, 45), _v(50, 0, 45), _v(100, 0, 45)]
    (grid,) = find_tables(segments)
    assert grid.ys == (0, 20, 45)
    assert len(grid.cells) == 4


def test_too_many_rulings_are_refused() -> None:
    dashes = [_h(10 * y, 10 * x, 10 * x + 4) for y in range(50) for x in range(50)]
    with pytest.raises(TooManyRulings):
        find_tables([*dashes, _v(0, 0, 500), _v(500, 0, 500)])


def test_two_tables_apart() -> None:
    tables = find_tables(_full_grid([0, 100], [100, 120]) + _full_grid([0, 50, 100], [0, 20]))
    assert [t.ys[0] for t in tables] == [0, 100]


def _glyphs(text: str, x: float, top: float, size: float = 10.0) -> list[Glyph]:
    return [
        Glyph(ch, x + i * size, top, x + (i + 1) * size, top + size) for i, ch in enumerate(text)
    ]


def test_characters_go_to_the_cell_holding_their_centre() -> None:
    (grid,) = find_tables(_full_grid([0, 50, 100], [0, 20, 40]))
    glyphs = [
        *_glyphs("规章", 5, 5),
        *_glyphs("12", 60, 5),
        *_glyphs("3", 45.5, 25),  # overhangs the ruling; its centre is right of it
        *_glyphs("页", 200, 5),
    ]
    inside, outside = assign(grid, glyphs)
    assert [cell_text(g) for g in inside] == ["规章", "12", "", "3"]
    assert [g.text for g in outside] == ["页"]


def test_wrapped_lines_are_joined_without_a_separator() -> None:
    # A vertically merged label printed one character per line.
    glyphs = [g for i, ch in enumerate("三、本年度") for g in _glyphs(ch, 0, i * 14)]
    assert cell_text(reversed(glyphs)) == "三、本年度"
    wrapped = _glyphs("（二）部分公开（区分处理的，只计这一情", 0, 0) + _glyphs("形）", 0, 12)
    assert cell_text(wrapped) == "（二）部分公开（区分处理的，只计这一情形）"


def test_words_and_numbers_apart_get_a_space() -> None:
    # Only between letters or digits: Chinese text spread out to justify keeps no spaces.
    line = [*_glyphs("2023", 0, 0, 6), *_glyphs("年", 34, 0, 6), *_glyphs("ab", 60, 0, 6)]
    line += _glyphs("cd", 80, 0, 6)
    assert line_text(line) == "2023年ab cd"


# -- property: a ruled table with random merges is found as drawn ----------------------------


@st.composite
def merged_tables(
    draw: st.DrawFn,
) -> tuple[list[float], list[float], list[tuple[int, int, int, int]]]:
    columns = draw(st.integers(1, 6))
    rows = draw(st.integers(1, 6))
    widths = draw(st.lists(st.integers(5, 80), min_size=columns, max_size=columns))
    heights = draw(st.lists(st.integers(5, 40), min_size=rows, max_size=rows))
    xs = [float(x) for x in itertools.accumulate([10, *widths])]
    ys = [float(y) for y in itertools.accumulate([10, *heights])]
    taken = [[False] * columns for _ in range(rows)]
    cells = []
    for r in range(rows):
        for c in range(columns):
            if taken[r][c]:
                continue
            right = c
            while right + 1 < columns and not taken[r][right + 1]:
                right += 1
            colspan = draw(st.integers(1, right - c + 1))
            rowspan = draw(st.integers(1, rows - r))
            while any(
                taken[rr][cc] for rr in range(r, r + rowspan) for cc in range(c, c + colspan)
            ):
                rowspan -= 1
            for rr in range(r, r + rowspan):
                for cc in range(c, c + colspan):
                    taken[rr][cc] = True
            cells.append((r, c, rowspan, colspan))
    return xs, ys, cells


@given(merged_tables(), st.booleans())
def test_merged_cells_are_found_as_drawn(
    table: tuple[list[float], list[float], list[tuple[int, int, int, int]]], boxes: bool
) -> None:
    xs, ys, cells = table
    segments = []
    for r, c, rowspan, colspan in cells:
        x0, x1, y0, y1 = xs[c], xs[c + colspan], ys[r], ys[r + rowspan]
        if boxes:  # each cell stroked as its own rectangle, as some writers do
            segments += [_h(y0, x0, x1), _h(y1, x0, x1), _v(x0, y0, y1), _v(x1, y0, y1)]
        else:  # or the cell's edges as thin filled rectangles: found through rulings()
            segments += [_h(y0, x0, x1), _v(x0, y0, y1)]
    if not boxes:
        segments += [_h(ys[-1], xs[0], xs[-1]), _v(xs[-1], ys[0], ys[-1])]
    used_columns = {c for _, c, _, _ in cells} | {c + s for _, c, _, s in cells}
    used_rows = {r for r, _, _, _ in cells} | {r + s for r, _, s, _ in cells}
    tables = find_tables(segments)
    assert len(tables) == 1
    (grid,) = tables
    # Boundaries no cell uses (a column every row spans) leave no ruling: they are not
    # grid lines, and the spans count in the grid's own columns.
    assert list(grid.xs) == [xs[i] for i in sorted(used_columns)]
    assert list(grid.ys) == [ys[i] for i in sorted(used_rows)]
    column = {x: i for i, x in enumerate(grid.xs)}
    row = {y: i for i, y in enumerate(grid.ys)}
    expected = sorted(
        (
            row[ys[r]],
            column[xs[c]],
            row[ys[r + rs]] - row[ys[r]],
            column[xs[c + cs]] - column[xs[c]],
        )
        for r, c, rs, cs in cells
    )
    assert sorted(_spans(grid)) == expected
