"""Ruled tables from page geometry: segments and rectangles to rulings, rulings to grids,
grids to cells with spans, and characters to the cells that hold them.

This module knows nothing of PDF or of gipparse: any page description language that
draws its tables with lines (PDF, OFD) can use it. Its input is plain geometry in one
coordinate system whose y axis points **down** (the top of the page is ``y = 0``):

* *segments*: straight lines a page strokes, ``Segment(x0, y0, x1, y1, width)`` (the
  pen's width on the page, 0 where not known); only the horizontal and vertical ones
  (within :data:`SLANT`) are rulings, the others are ignored. The edges of a stroked
  rectangle are four segments; a dashed or dotted line may be one segment (drawn with a
  dash pattern) or one segment a dash. A line may stop at a wide one's edge, half its
  width from the centre line the segment gives;
* *rectangles*: filled rectangles the page paints, ``Box(x0, top, x1, bottom)``; a thin
  one (at most :data:`MAX_RULE_THICKNESS` across) is a ruling along its length, and so is
  a long one up to :data:`MAX_THICK_RULE` across (a heavy border drawn filled) unless it
  lies between two rulings along its edges (the shading of a thin row or column); the
  others are cell backgrounds and ignored;
* *characters*: ``Glyph(text, x0, top, x1, bottom)`` boxes.

:func:`find_tables` joins collinear rulings that touch or overlap (and the dashes of a
dashed line, up to :data:`MAX_DASH_GAP` apart), groups the rulings that cross into
tables, and lays each table on the grid of its distinct ruling positions. Two
neighbouring grid cells belong to one merged cell when no ruling separates them, so row
and column spans come from the rulings a table lacks. :func:`assign` then gives each
character to the cell that holds its centre, and :func:`cell_text` writes a cell's
characters as text: lines top to bottom, wrapped lines joined without a separator (a
label printed one character per line is one label).

>>> segments = [
...     Segment(0, 0, 100, 0), Segment(0, 20, 100, 20), Segment(0, 40, 100, 40),
...     Segment(0, 0, 0, 40), Segment(50, 20, 50, 40), Segment(100, 0, 100, 40),
... ]
>>> (grid,) = find_tables(segments)
>>> [(c.row, c.column, c.rowspan, c.colspan) for c in grid.cells]
[(0, 0, 1, 2), (1, 0, 1, 1), (1, 1, 1, 1)]
>>> glyphs = [Glyph("规", 5, 25, 15, 35), Glyph("章", 15, 25, 25, 35), Glyph("7", 60, 25, 66, 35)]
>>> inside, outside = assign(grid, glyphs)
>>> [cell_text(g) for g in inside]
['', '规章', '7']
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

#: Largest thickness of a filled rectangle read as a ruling whatever its length, in points.
MAX_RULE_THICKNESS = 2.0
#: A thicker filled rectangle is a ruling (a heavy border some writers, WPS among them,
#: draw filled: 2¼, 3, 4½, 6 pt, Word's and WPS's widest line) when it is at most
#: MAX_THICK_RULE across and at least THICK_RULE_LENGTH times as long as it is thick
#: (not a square: a bullet, a dot), and when no ruling runs along each of its long edges.
#: A cell's shading lies between the rulings around the cell and is at least a line of
#: text high (8 pt and more); one thinner (an empty row's) lies between rulings too.
MAX_THICK_RULE = 6.0
THICK_RULE_LENGTH = 3.0
#: Largest slope (in points across the line) of a segment read as horizontal or vertical.
SLANT = 0.5
#: Distance within which two ruling positions are the same, and a gap a ruling bridges.
TOLERANCE = 2.0
#: A dashed line drawn dash by dash: pieces at most MAX_DASH long, at most MAX_DASH_GAP
#: apart, are one ruling (a gap between longer pieces is a ruling left out).
MAX_DASH = 12.0
MAX_DASH_GAP = 5.0
#: Smallest width and height of a grid row or column, in points: closer rulings are one.
#: The two lines of a double border stand up to about 4 pt apart; a cell holding text is
#: wider and higher than that (a character and the cell's margins).
MIN_CELL = 4.5
#: Most rulings :func:`grids` lays out (a page of tables has a few hundred at most): the
#: work grows with the product of horizontal and vertical rulings, so more are refused.
MAX_RULINGS = 1_000


class TooManyRulings(ValueError):
    """More rulings than :data:`MAX_RULINGS`: a drawing, not tables."""


class Segment(NamedTuple):
    """A straight line from ``(x0, y0)`` to ``(x1, y1)``, stroked ``width`` across (0
    when not known: a hairline)."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float = 0.0


class Box(NamedTuple):
    """An axis-aligned rectangle; ``top < bottom`` (y points down)."""

    x0: float
    top: float
    x1: float
    bottom: float

    def contains(self, x: float, y: float, margin: float = 0.0) -> bool:
        return (
            self.x0 - margin <= x <= self.x1 + margin
            and self.top - margin <= y <= self.bottom + margin
        )


class Glyph(NamedTuple):
    """A character and its box."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def center(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


class Ruling(NamedTuple):
    """A horizontal (``at`` is y, from ``start`` to ``end`` along x) or vertical (``at``
    is x, along y) ruling; ``width``, its thickness (a line that meets a thick ruling
    may stop at its edge)."""

    horizontal: bool
    at: float
    start: float
    end: float
    width: float = 0.0


class GridCell(NamedTuple):
    """A cell of a table: first row and column (0-based), spans, and its box."""

    row: int
    column: int
    rowspan: int
    colspan: int
    box: Box


class Grid(NamedTuple):
    """A ruled table: the x of its column boundaries, the y of its row boundaries (both
    ascending), and its cells in reading order (by first row, then column)."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[GridCell, ...]

    @property
    def box(self) -> Box:
        return Box(self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])


# -- rulings --------------------------------------------------------------------------


def rulings(segments: Iterable[Segment], rectangles: Iterable[Box] = ()) -> list[Ruling]:
    """The horizontal and vertical rulings the segments and thin rectangles draw, collinear
    ones that touch or overlap (within :data:`TOLERANCE`) joined into one."""
    found: list[Ruling] = []
    for x0, y0, x1, y1, width in segments:
        if abs(y1 - y0) <= SLANT and abs(x1 - x0) > SLANT:
            found.append(Ruling(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1), width))
        elif abs(x1 - x0) <= SLANT and abs(y1 - y0) > SLANT:
            found.append(Ruling(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1), width))
    thick: list[Ruling] = []
    for x0, top, x1, bottom in rectangles:
        width, height = x1 - x0, bottom - top
        if height <= MAX_RULE_THICKNESS and width > height:
            found.append(Ruling(True, (top + bottom) / 2, x0, x1, height))
        elif width <= MAX_RULE_THICKNESS and height > width:
            found.append(Ruling(False, (x0 + x1) / 2, top, bottom, width))
        elif height <= MAX_THICK_RULE and width >= THICK_RULE_LENGTH * height:
            thick.append(Ruling(True, (top + bottom) / 2, x0, x1, height))
        elif width <= MAX_THICK_RULE and height >= THICK_RULE_LENGTH * width:
            thick.append(Ruling(False, (x0 + x1) / 2, top, bottom, width))
    if thick:
        near = _Near([*_join(found), *thick])
        found += [r for r in thick if not _shading(r, near)]
    return _join(found)


class _Near:
    """Rulings by direction and position, to find those near a position at once rather
    than by looking at every one (a page may draw thousands of strips)."""

    def __init__(self, rulings: Sequence[Ruling]) -> None:
        self.reach = TOLERANCE + max(r.width for r in rulings) / 2 if rulings else TOLERANCE
        self.lines: dict[bool, list[Ruling]] = {}
        self.ats: dict[bool, list[float]] = {}
        for horizontal in (True, False):
            lines = sorted((r for r in rulings if r.horizontal is horizontal), key=lambda r: r.at)
            self.lines[horizontal] = lines
            self.ats[horizontal] = [r.at for r in lines]

    def around(self, horizontal: bool, at: float, reach: float) -> list[Ruling]:
        """The rulings in *horizontal*'s direction at most *reach* before or after *at*,
        those at *at* itself left out."""
        ats, lines = self.ats[horizontal], self.lines[horizontal]
        return [
            *lines[bisect.bisect_left(ats, at - reach) : bisect.bisect_left(ats, at)],
            *lines[bisect.bisect_right(ats, at) : bisect.bisect_right(ats, at + reach)],
        ]


def _shading(strip: Ruling, near: _Near) -> bool:
    """Whether a thick *strip* lies between two other rulings of *near* running along its
    edges: the shading of a thin row or column, not a line."""
    half = strip.width / 2
    before = after = False
    # The rulings before and after it, as far as one along an edge may stand; the strip
    # itself, and any ruling at its centre, run along neither edge.
    for other in near.around(strip.horizontal, strip.at, half + near.reach):
        if not _covers(other, strip.start, strip.end):
            continue
        reach = TOLERANCE + other.width / 2
        if other.at < strip.at and abs(other.at - (strip.at - half)) <= reach:
            before = True
        elif other.at > strip.at and abs(other.at - (strip.at + half)) <= reach:
            after = True
    return before and after


def _join(found: list[Ruling]) -> list[Ruling]:
    joined: list[Ruling] = []
    for horizontal in (True, False):
        lines = sorted((r for r in found if r.horizontal is horizontal), key=lambda r: r.at)
        for group in _clusters(lines, key=lambda r: r.at):
            at = sum(r.at for r in group) / len(group)
            group.sort(key=lambda r: r.start)
            start, end, width = group[0].start, group[0].end, group[0].width
            dash = end - start <= MAX_DASH  # whether the last piece joined is a dash
            for ruling in group[1:]:
                length = ruling.end - ruling.start
                if ruling.start <= end + TOLERANCE or (
                    dash and length <= MAX_DASH and ruling.start <= end + MAX_DASH_GAP
                ):
                    end = max(end, ruling.end)
                    width = max(width, ruling.width)
                else:
                    joined.append(Ruling(horizontal, at, start, end, width))
                    start, end, width = ruling.start, ruling.end, ruling.width
                dash = length <= MAX_DASH
            joined.append(Ruling(horizontal, at, start, end, width))
    return joined


def _clusters(items: Sequence[Ruling], key: Callable[[Ruling], float]) -> list[list[Ruling]]:
    """Runs of *items* (sorted by *key*) whose consecutive keys are within TOLERANCE."""
    groups: list[list[Ruling]] = []
    last = 0.0
    for item in items:
        value = key(item)
        if groups and value - last <= TOLERANCE:
            groups[-1].append(item)
        else:
            groups.append([item])
        last = value
    return groups


# -- tables ---------------------------------------------------------------------------


def find_tables(segments: Iterable[Segment], rectangles: Iterable[Box] = ()) -> list[Grid]:
    """The ruled tables the geometry draws, top to bottom. A table is a group of
    crossing rulings with at least two horizontal and two vertical ones.

    :raises TooManyRulings: the geometry draws more than :data:`MAX_RULINGS` rulings.
    """
    return grids(rulings(segments, rectangles))


def grids(found: Sequence[Ruling]) -> list[Grid]:
    """The tables of joined rulings (see :func:`rulings`), top to bottom.

    :raises TooManyRulings: there are more than :data:`MAX_RULINGS`.
    """
    if len(found) > MAX_RULINGS:
        raise TooManyRulings(f"{len(found):,} rulings, over the maximum of {MAX_RULINGS:,}")
    parent = list(range(len(found)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    horizontals = [i for i, r in enumerate(found) if r.horizontal]
    verticals = [i for i, r in enumerate(found) if not r.horizontal]
    for h in horizontals:
        hr = found[h]
        for v in verticals:
            vr = found[v]
            if _crosses(hr, vr):
                parent[root(h)] = root(v)
    # The two lines of a double border are one table's even where the lines inside
    # meet only the inner one: parallel rulings closer than MIN_CELL along the same
    # stretch (for at least half the shorter one) go together.
    for indices in (horizontals, verticals):
        ordered = sorted(indices, key=lambda i: found[i].at)
        for k, i in enumerate(ordered):
            a = found[i]
            for j in ordered[k + 1 :]:
                b = found[j]
                if b.at - a.at >= MIN_CELL:
                    break
                overlap = min(a.end, b.end) - max(a.start, b.start)
                if overlap > 0 and 2 * overlap >= min(a.end - a.start, b.end - b.start):
                    parent[root(i)] = root(j)
    groups: dict[int, list[Ruling]] = {}
    for i, ruling in enumerate(found):
        groups.setdefault(root(i), []).append(ruling)
    tables = []
    for group in groups.values():
        grid = _grid(group)
        if grid is not None:
            tables.append(grid)
    tables.sort(key=lambda g: (g.ys[0], g.xs[0]))
    return tables


def _crosses(h: Ruling, v: Ruling) -> bool:
    """Whether *h* and *v* cross or meet; a line may stop at a thick ruling's edge."""
    return (
        h.start - TOLERANCE - v.width / 2 <= v.at <= h.end + TOLERANCE + v.width / 2
        and v.start - TOLERANCE - h.width / 2 <= h.at <= v.end + TOLERANCE + h.width / 2
    )


def _positions(values: Iterable[float]) -> list[float]:
    """Distinct positions: values closer than MIN_CELL are one (their mean)."""
    ordered = sorted(values)
    groups: list[list[float]] = []
    for value in ordered:
        if groups and value - groups[-1][-1] < MIN_CELL:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(g) / len(g) for g in groups]


def _extend(positions: list[float], start: float, end: float) -> None:
    if start < positions[0] - MIN_CELL:
        positions.insert(0, start)
    if end > positions[-1] + MIN_CELL:
        positions.append(end)


def _grid(group: list[Ruling]) -> Grid | None:
    hs = [r for r in group if r.horizontal]
    vs = [r for r in group if not r.horizontal]
    if len(hs) < 2 or len(vs) < 2:
        return None
    ys = _positions(r.at for r in hs)
    xs = _positions(r.at for r in vs)
    # A table cut by a page end has no closing ruling: its last row ends where the
    # rulings across it end.
    _extend(ys, min(r.start for r in vs), max(r.end for r in vs))
    _extend(xs, min(r.start for r in hs), max(r.end for r in hs))
    if len(ys) < 2 or len(xs) < 2:
        return None
    rows, columns = len(ys) - 1, len(xs) - 1
    # Where each row and column starts and ends: between the grid positions, or the
    # edges of thick rulings there, which the lines across them may stop at.
    tops, bottoms = _inside(ys, hs)
    lefts, rights = _inside(xs, vs)
    # Whether a ruling separates grid cell (r, c) from its right / lower neighbour.
    wall_right = [[False] * columns for _ in range(rows)]
    wall_below = [[False] * columns for _ in range(rows)]
    for v in vs:
        c = _index(xs, v.at)
        if c <= 0 or c >= columns:
            continue
        for r in range(rows):
            if _covers(v, tops[r], bottoms[r]):
                wall_right[r][c - 1] = True
    for h in hs:
        r = _index(ys, h.at)
        if r <= 0 or r >= rows:
            continue
        for c in range(columns):
            if _covers(h, lefts[c], rights[c]):
                wall_below[r - 1][c] = True
    return Grid(tuple(xs), tuple(ys), tuple(_cells(xs, ys, wall_right, wall_below)))


def _inside(positions: list[float], found: list[Ruling]) -> tuple[list[float], list[float]]:
    """Where each stretch between neighbouring *positions* starts and ends: inside the
    thickest of the rulings *found* at each position."""
    half = [0.0] * len(positions)
    for ruling in found:
        if ruling.width:
            i = _index(positions, ruling.at)
            half[i] = max(half[i], ruling.width / 2)
    return (
        [p + h for p, h in zip(positions[:-1], half[:-1], strict=True)],
        [p - h for p, h in zip(positions[1:], half[1:], strict=True)],
    )


def _index(positions: list[float], at: float) -> int:
    """The index of the position nearest to *at*."""
    i = bisect.bisect_left(positions, at)
    if i == len(positions) or (i > 0 and at - positions[i - 1] < positions[i] - at):
        i -= 1
    return i


def _covers(ruling: Ruling, start: float, end: float) -> bool:
    """Whether *ruling* runs along most of the stretch from *start* to *end*."""
    overlap = min(ruling.end, end) - max(ruling.start, start)
    return overlap >= (end - start) - 2 * TOLERANCE and overlap > 0


def _cells(
    xs: list[float],
    ys: list[float],
    wall_right: list[list[bool]],
    wall_below: list[list[bool]],
) -> list[GridCell]:
    rows, columns = len(ys) - 1, len(xs) - 1
    owner = [[-1] * columns for _ in range(rows)]
    cells: list[GridCell] = []
    for r in range(rows):
        for c in range(columns):
            if owner[r][c] >= 0:
                continue
            # Grow right while no wall, then down while the whole width has no wall;
            # then widen to take in what the cell must hold (a region that is not a
            # rectangle, where rulings are missing unevenly, becomes its bounding box).
            r1, c1 = r, c
            while c1 + 1 < columns and not wall_right[r][c1] and owner[r][c1 + 1] < 0:
                c1 += 1
            while r1 + 1 < rows and all(
                not wall_below[r1][k] and owner[r1 + 1][k] < 0 for k in range(c, c1 + 1)
            ):
                r1 += 1
            index = len(cells)
            for rr in range(r, r1 + 1):
                for cc in range(c, c1 + 1):
                    owner[rr][cc] = index
            cells.append(
                GridCell(r, c, r1 - r + 1, c1 - c + 1, Box(xs[c], ys[r], xs[c1 + 1], ys[r1 + 1]))
            )
    return cells


# -- characters -----------------------------------------------------------------------


def assign(grid: Grid, glyphs: Iterable[Glyph]) -> tuple[list[list[Glyph]], list[Glyph]]:
    """The glyphs of each cell of *grid* (in the order of ``grid.cells``), by the cell
    holding each glyph's centre, and the glyphs outside the table."""
    rows, columns = len(grid.ys) - 1, len(grid.xs) - 1
    at: dict[tuple[int, int], int] = {}
    for index, cell in enumerate(grid.cells):
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.column, cell.column + cell.colspan):
                at[r, c] = index
    inside: list[list[Glyph]] = [[] for _ in grid.cells]
    outside: list[Glyph] = []
    for glyph in glyphs:
        x, y = glyph.center
        c = bisect.bisect_right(grid.xs, x) - 1
        r = bisect.bisect_right(grid.ys, y) - 1
        if 0 <= r < rows and 0 <= c < columns:
            inside[at[r, c]].append(glyph)
        else:
            outside.append(glyph)
    return inside, outside


def lines(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into lines, top to bottom, each left to right. A glyph joins the
    line its vertical middle falls within; a line's band runs from its lowest top to its
    highest bottom, so that a tall glyph does not swallow the next line."""
    ordered = sorted(glyphs, key=lambda g: g.top + g.bottom)
    result: list[list[Glyph]] = []
    top = bottom = 0.0
    for glyph in ordered:
        middle = (glyph.top + glyph.bottom) / 2
        if result and top <= middle <= bottom:
            result[-1].append(glyph)
            top = max(top, glyph.top)
            bottom = min(bottom, glyph.bottom)
        else:
            result.append([glyph])
            top, bottom = glyph.top, glyph.bottom
    for line in result:
        line.sort(key=lambda g: g.x0)
    return result


def line_text(line: Sequence[Glyph]) -> str:
    """A line's text: its glyphs left to right, with a space where a gap between two
    letters or digits is wider than a fifth of their height (a space is about a quarter
    of a font's size; letters stand closer)."""
    parts: list[str] = []
    previous: Glyph | None = None
    for glyph in line:
        if previous is not None and _spaced(previous, glyph):
            parts.append(" ")
        parts.append(glyph.text)
        previous = glyph
    return "".join(parts)


def _spaced(left: Glyph, right: Glyph) -> bool:
    if not (left.text[-1:].isascii() and right.text[:1].isascii()):
        return False
    if not (left.text[-1:].isalnum() and right.text[:1].isalnum()):
        return False
    height = max(left.bottom - left.top, right.bottom - right.top)
    return right.x0 - left.x1 > height / 5


def cell_text(glyphs: Iterable[Glyph]) -> str:
    """A cell's text: its lines top to bottom, joined without a separator."""
    return "".join(line_text(line) for line in lines(glyphs))
