"""Reading and writing the pipe table syntax described in :mod:`.pipe`: what the
format does with a table, imported by the first table read or written, which a report
without pipe tables never needs (:mod:`.pipe`, the plugin registered with every plugin
manager, is what says where such a table may start)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate, compress, repeat
from operator import add, contains

from .. import patterns
from ..errors import RenderError
from ..tree.nodes import (
    AT,
    Cell,
    Diagnostic,
    LazyRows,
    PlainRows,
    Row,
    Severity,
    Span,
    Table,
    new_node,
    new_row,
    new_span,
    new_table,
    set_cell_raw,
    set_cell_span,
)
from .formats import TableParse, plain_list

_TOKEN_RE = patterns.compile(r"\\.|\|")
_ESCAPE_RE = patterns.compile(r"\\([!-/:-@\[-`{-~])|<br\s*/?>", re.IGNORECASE)
_SEPARATOR_CELL_RE = patterns.compile(r"[ \t]*:?-+:?[ \t]*")
_BR_RE = patterns.compile(r"<br", re.IGNORECASE)


def _unescape(match: re.Match[str]) -> str:
    char = match.group(1)
    return "\n" if char is None else char


def _segments(line: str) -> tuple[list[tuple[int, int]], bool] | None:
    """Split *line* at unescaped pipes: ``([(start, end) of each cell], has_outer_pipe)``.

    ``None`` when the line holds no unescaped pipe or no cell at all.
    """
    if "\\" in line:
        pipes = [m.start() for m in _TOKEN_RE.finditer(line) if m.group() == "|"]
    else:  # no escapes: every pipe counts, found by splitting (several times faster)
        parts = line.split("|")
        parts.pop()
        pipes = [k + n for k, n in enumerate(accumulate(map(len, parts)))]
    if not pipes:
        return None
    begin = len(line) - len(line.lstrip(" \t"))
    end = len(line.rstrip(" \t"))
    leading = pipes[0] == begin
    trailing = pipes[-1] == end - 1
    if leading and trailing and len(pipes) == 1:
        return None  # a lone "|"
    bounds = []
    previous = pipes[0] + 1 if leading else begin
    for p in pipes[1:] if leading else pipes:
        bounds.append((previous, p))
        previous = p + 1
    if not trailing:
        bounds.append((previous, end))
    return bounds, leading or trailing


def _is_separator(line: str, bounds: list[tuple[int, int]]) -> bool:
    return "-" in line and all(_SEPARATOR_CELL_RE.fullmatch(line, s, e) for s, e in bounds)


#: A cell of a plain row with its padding: no pipe, no escape, no ``<br>`` (taken whole:
#: what follows it is checked by looking back).
_PLAIN_CELL = r"[^|\\<\n]*+"
#: A plain row: ``| a | b |`` or ``a | b |`` (a closing pipe, every cell padded by
#: exactly one space on each side but the outer side of a first cell without an opening
#: pipe, no escape, no ``<br>``), a whole line. A cell ends with its padding space, which
#: is not the one that opened it.
_PLAIN_ROW = (
    rf"(?:\| |(?![ \t|])){_PLAIN_CELL}(?<=[^|] )\|(?: {_PLAIN_CELL}(?<=[^|] )\|)*+(?![^\n])"
)
#: Plain rows on lines joined with "\n".
_PLAIN_ROWS_RE = patterns.compile(rf"{_PLAIN_ROW}(?:\n{_PLAIN_ROW})*+")
#: A line shaped like a plain row: it opens with "| " or with a character that is neither
#: whitespace nor a pipe, and closes with " |". Every plain row is one; what lies between
#: its ends is checked once the rows are split (see :func:`_rows_of`). Matching the shape
#: costs a fifth of matching :data:`_PLAIN_ROW`, whose cells are each looked behind.
_ROW_SHAPE = r"(?:\| |(?![ \t|\n]))[^\n]* \|(?![^\n])"
_ROW_SHAPES_RE = patterns.compile(rf"{_ROW_SHAPE}(?:\n{_ROW_SHAPE})*+")
#: Lines looked at by one call of :func:`_plain_rows`.
_PLAIN_WINDOW = 32


def _plain_rows(lines: Sequence[str], i: int) -> PlainRows | None:
    """The rows on the lines from *i* (0-based) on that have the plain shape of
    :data:`_PLAIN_ROW` and are not separator rows, all read at once (none when line *i*
    is not such a row: ``None``); at most :data:`_PLAIN_WINDOW`, built when first asked
    for (see :class:`~gipparse.tree.nodes.LazyRows`)."""
    n = len(lines)
    if i >= n or "|" not in lines[i]:
        return None  # (the lines are not joined to tell it)
    stop = min(n, i + _PLAIN_WINDOW)
    region = "\n".join(lines[i:stop])
    m = _ROW_SHAPES_RE.match(region)
    if m is None or region.count("\n") != stop - i - 1:
        return None  # not such a row, or lines holding line ends
    texts = m.group()
    if "\\" not in texts and "<" not in texts:
        # The lines shaped like rows, split; when all of them are plain rows, those are
        # the rows the plain-row pattern matches (the line after them is not shaped so).
        plain = _rows_of(texts, i, True)
        if plain is not _NOT_PLAIN:
            return plain
    m = _PLAIN_ROWS_RE.match(region)
    return None if m is None else _rows_of(m.group(), i, False)


#: What :func:`_rows_of` says of rows of which one is not a plain row.
_NOT_PLAIN = PlainRows([], [], 0, list, (0, 0))


def _rows_of(texts: str, i: int, check: bool) -> PlainRows | None:
    """:func:`_plain_rows` of the lines *texts* (joined), the first one line *i*: lines
    matched by :data:`_PLAIN_ROWS_RE`, or (*check*) lines shaped like rows that hold no
    escape and no ``<``: then :data:`_NOT_PLAIN` unless every one is a plain row."""
    rows = texts.split("\n")
    firsts: list[int]  # the column of each row's first cell
    opened = texts.count("\n|")
    if texts[0] == "|" and opened == len(rows) - 1:  # every row opens with |
        cells_of = [row[2:-2].split(" | ") for row in rows]
        firsts = [3] * len(rows)
        opened += 1
    elif texts[0] != "|" and not opened and "-" not in texts:
        # No row opens with a pipe, none is a separator row: every row's cells split at
        # once, the end of a row (" |", "\n") read as one more " | " (a cell holds no
        # pipe), each row's number of cells told by its pipes (one closes each cell).
        raws = texts[:-2].replace(" |\n", " | ").split(" | ")
        counts = list(map(str.count, rows, repeat("|")))
        # Rows shaped so are plain rows when they give as many cells as they hold pipes:
        # at most that many, each " | " found taking one pipe.
        if check and len(raws) != sum(counts):
            return _NOT_PLAIN
        if len(texts) >= AT:
            return None  # columns too far right to be packed (see AT)
        places = _Places(i, raws, counts, [1] * len(rows), rows)
        return PlainRows(raws, counts, 2, places, (0, 0))
    else:
        cells_of = [(row[2:-2] if row[0] == "|" else row[:-2]).split(" | ") for row in rows]
        firsts = [3 if row[0] == "|" else 1 for row in rows]
        opened += texts[0] == "|"
    counts = list(map(len, cells_of))
    # A row shaped so gives at most one cell fewer than it holds pipes when it opens with
    # one, at most as many otherwise; it is a plain row when it gives that many.
    if check and texts.count("|") != sum(counts) + opened:
        return _NOT_PLAIN
    if len(texts) >= AT:
        return None  # columns too far right to be packed (see AT)
    if "-" in texts:
        # A separator row ends the plain rows (the general reading takes it): looked for
        # among the rows holding a "-" (negative numbers put one in many rows).
        for r in compress(range(len(rows)), map(contains, rows, repeat("-"))):
            if all(map(_SEPARATOR_CELL_RE.fullmatch, cells_of[r])):
                del rows[r:], cells_of[r:], firsts[r:], counts[r:]
                if not rows:
                    return None
                break
    raws = []
    for cells in cells_of:
        raws += cells
    # The places of the cells are worked out when the rows are built, if ever.
    places = _Places(i, raws, counts, firsts, rows)
    # A plain row ends 2 columns after its last cell (" |"); its end is not asked for.
    return PlainRows(raws, counts, 2, places, (0, 0))


class _Places:
    """The places (see AT) of the cells *raws* of plain rows *rows* from line *i* (0-based)
    on, *counts* cells a row, its first cell at column *firsts*: all of them (called), or
    the one of a cell (:meth:`at`)."""

    __slots__ = ("counts", "firsts", "i", "raws", "rows")

    def __init__(
        self, i: int, raws: list[str], counts: list[int], firsts: list[int], rows: list[str]
    ) -> None:
        self.i = i
        self.raws = raws
        self.counts = counts
        self.firsts = firsts
        self.rows = rows

    def __call__(self) -> Iterator[int]:
        counts, firsts = self.counts, self.firsts
        # One running sum over the cells: the step to a cell's place is 3 columns past
        # the end of the one before it in its row (" | "), and from the last cell of a
        # row (its row's end is 2 columns past it, " |") to the first cell of the next
        # row, a line down at that row's first column. Per-row constants spread over
        # every cell of the row used to be summed in.
        # (``operator.add`` is called without an argument tuple, ``(3).__add__`` with one.)
        steps = list(map(add, map(len, self.raws), repeat(3)))
        last = -1
        lengths = map(len, self.rows[:-1])
        for length, count, first in zip(lengths, counts[:-1], firsts[1:], strict=True):
            last += count
            steps[last] += AT + first - length - 2
        return accumulate(steps, initial=(self.i + 1) * AT + firsts[0])

    def at(self, index: int) -> int:
        # Each row is a line; a cell stands 3 columns past the end of the one before it.
        ends = list(accumulate(self.counts))
        row = bisect_right(ends, index)
        first = ends[row - 1] if row else 0  # the row's first cell
        column = self.firsts[row] + sum(map(len, self.raws[first:index])) + 3 * (index - first)
        return (self.i + 1 + row) * AT + column


def parse(lines: Sequence[str], start: int, name: str) -> TableParse | None:
    """The table of format *name* at line *start* (0-based) of *lines*, if one starts
    there (:meth:`.pipe.PipeTableFormat.parse`)."""
    n = len(lines)
    if start >= n or lines[start][:1] == "\t":
        return None
    # A plain row has an outer pipe: a table starts there, and the row is read as one.
    plain = _plain_rows(lines, start)
    first = None
    if not plain:
        first = _segments(lines[start])
        if first is None:
            return None
        bounds, outer = first
        if not outer:
            after = _segments(lines[start + 1]) if start + 1 < n else None
            if after is None or not _is_separator(lines[start + 1], after[0]):
                return None
    lines = plain_list(lines)
    parts: list[PlainRows | Row] = []
    count = 0  # rows read
    diagnostics: list[Diagnostic] = []
    header_rows = 0
    i = start
    while i < n:
        if i > start:
            plain = _plain_rows(lines, i)
        if plain:
            parts.append(plain)
            count += len(plain.counts)
            i += len(plain.counts)
            continue
        line = lines[i]
        if line[:1] == "\t" or "|" not in line:
            break  # (a line without a pipe has no segments)
        found = _segments(line) if i > start else first
        if found is None:
            break
        bounds = found[0]
        if _is_separator(line, bounds):
            if count and not header_rows:
                header_rows = count
            else:
                diagnostics.append(
                    Diagnostic(
                        Severity.WARNING,
                        "pipe.stray-separator",
                        "a separator row "
                        + ("above every row" if not count else "after the header")
                        + " carries no meaning and is skipped",
                        Span.of_line(i, line),
                    )
                )
            i += 1
            continue
        cells = []
        number = i + 1
        for s, e in bounds:
            # One space of padding on each side is syntax; escapes are decoded.
            if e > s and line[s] == " ":
                s += 1  # noqa: PLW2901
            if e > s and line[e - 1] == " ":
                e -= 1  # noqa: PLW2901
            raw = line[s:e]
            if "\\" in raw or "<" in raw:
                raw = _ESCAPE_RE.sub(_unescape, raw)
            cell = new_node(Cell)
            set_cell_raw(cell, raw)
            set_cell_span(cell, new_span((number, s + 1, number, e + 1)))
            cells.append(cell)
        parts.append(new_row(tuple(cells), new_span((number, 1, number, len(line) + 1))))
        count += 1
        i += 1
    if not count:
        return None
    table = new_table(
        LazyRows(parts), name, header_rows, Span(start + 1, 1, i, len(lines[i - 1]) + 1)
    )
    return TableParse(table, i, tuple(diagnostics))


def render(table: Table, pad: bool, separator_after: int) -> str:
    """*table* as pipe rows (:meth:`.pipe.PipeTableFormat.render`): each row padded with
    empty cells to the widest row's length when *pad*, a separator row after row
    *separator_after* (1-based; none for 0)."""
    out = []
    width = max((len(r.cells) for r in table.rows), default=0)
    for r, row in enumerate(table.rows, 1):
        if not row.cells:
            raise RenderError(f"row {r} is empty; a pipe table cannot hold an empty row")
        texts = [c.raw for c in row.cells]
        if pad:
            texts += [""] * (width - len(texts))
        out.append(_render_row(texts))
        if r == separator_after:
            out.append("|" + "|".join(" --- " for _ in range(width)) + "|")
    return "\n".join(out)


def _escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    if "<" in text:
        text = _BR_RE.sub(lambda m: "\\" + m.group(), text)
    return text.replace("\n", "<br>")


def _escape_first_mark(text: str) -> str:
    k = len(text) - len(text.lstrip(" \t"))
    return text[:k] + "\\" + text[k:]


def _render_row(texts: list[str]) -> str:
    escaped = [_escape(t) for t in texts]
    if all(_SEPARATOR_CELL_RE.fullmatch(" " + t + " ") for t in escaped):
        # A row of dashes would read as a separator row: escape the first dash or colon.
        escaped = [_escape_first_mark(t) for t in escaped]
    return "| " + " | ".join(escaped) + " |"
