"""Tab-indented tables: the shape Word tables take when a report is exported to text.

Each cell is a line starting with a TAB; a blank line ends a row; two blank lines (or a
line that is plainly not part of the table) end the table::

    \\t信息内容
    \\t本年新
    制作数量          <- an un-indented line continues the cell above
    \\t对外公开总数量

    \\t规章
    \\t0

Rules real exports need, all covered by tests:

* an un-indented line continues the cell above when the table resumes after it, even
  across one blank line inside a header cell (``结果`` / blank / ``维持``); a single short
  line directly below the last cell of a table continues it too;
* a line holding only a TAB is an empty cell (a merged range) and is kept;
* an un-indented bare number directly below a cell holding a bare number is a cell of its
  own that lost its TAB (diagnosed: ``tab.unindented-cell``), never glued to the number
  above;
* a table needs at least two cells; a lone TAB-indented line is a paragraph.

Rendering writes the same shape. Cells whose continuation lines start with a TAB cannot
be written in this format (:class:`~gipparse.RenderError`); blank continuation lines are
written, and read back as long as the table goes on after the cell.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate, repeat
from operator import add
from typing import Any, cast

from .. import patterns
from ..caches import kept
from ..classes import IndexedOnly
from ..errors import RenderError
from ..hookspecs import hookimpl
from ..tree.nodes import (
    AT,
    Diagnostic,
    LazyRows,
    PlainRows,
    Row,
    Severity,
    Span,
    Table,
    new_diagnostic,
    new_span,
    new_table,
)
from ..tree.text import normalize_text
from .formats import Lines, TableFormat, TableParse

NAME = "tab"

#: Longest run of un-indented lines taken as one cell's continuation.
MAX_CONTINUATION_LINES = 8
#: Longest line taken as a continuation where the table does not visibly go on after it.
MAX_TAIL_LENGTH = 24

_BARE_NUMBER_RE = patterns.compile(
    r"[+\-]?[0-9０-９][0-9０-９,，.．]*(?:万元|元|件|个|项|条|人次|次)?"
)
#: (Compiled when first used: by a table followed by a short line.)
_HEADING_LIKE_RE = patterns.lazy(
    r"\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])"
)


def _is_blank(line: str) -> bool:
    """Blank for this format: empty or whitespace, but not a TAB-only line (an empty cell)."""
    return not line or (line[0] != "\t" and line.isspace())


def _is_number(text: str) -> bool:
    return _BARE_NUMBER_RE.fullmatch(normalize_text(text)) is not None


# A cell being read: [text, first line index, last line index, start column].
_Draft = list[Any]


def _last_part(draft: _Draft) -> str:
    text: str = draft[0]
    return text[text.rfind("\n") + 1 :]


#: Rows read line by line, by their first line's text (see :data:`_SlowRow`). A damaged
#: row, or a row of merged header cells, recurs wherever a report laid out alike has it,
#: at another line: it is rebuilt there from what is kept, its lines not read again. (A
#: row met again at the very place it was read is rebuilt too: keeping the row built
#: there would pay off only for a file read twice.)
_SLOW_ROWS: dict[str, list[_SlowRow]] = kept({})
_SLOW_ROWS_LIMIT = 1024

#: Rows of TAB lines, one empty line between two rows (on lines joined with "\n").
_PLAIN_ROWS_RE = patterns.compile(r"\t[^\n]*+(?:\n\t[^\n]*+)*+(?:\n\n\t[^\n]*+(?:\n\t[^\n]*+)*+)*+")
#: Lines looked at first by :func:`_plain_rows` (more when the rows go on).
_PLAIN_WINDOW = 128


def _plain_rows(
    lines: Sequence[str], i: int, kept: Lines | None = None
) -> tuple[PlainRows | None, int, int, bool]:
    """The rows from line *i* on that are made of TAB lines only, one empty line apart,
    up to where the line-by-line reading (:func:`_read_row`) would read a row otherwise,
    all read at once: ``(rows, the first line of the next row or -1 when the table ends,
    their number of cells, whether the next row is to be read line by line)``. No rows
    (``None``) when the row at *i* is not such a row. *kept*: *lines* as :class:`Lines`
    that keep their text, when they are."""
    n = len(lines)
    if kept is not None and kept.text is not None:
        # The rows matched in the text where they stand, all at once.
        text = kept.text
        begin = kept.offset(i)
        m = _PLAIN_ROWS_RE.match(text, begin)
        if m is None:
            return None, i, 0, True
        end = m.end()
        texts = text[begin:end].split("\n\n")
        counts = _line_counts(texts)
        # The rows' lines, and the empty line between each two.
        after = i + sum(counts) + len(texts) - 1
        kept.mark(after, end + 1)
        return _after(lines, texts, counts, i, after)
    size = _PLAIN_WINDOW
    while True:
        stop = min(n, i + size)
        region = "\n".join(lines[i:stop])
        m = _PLAIN_ROWS_RE.match(region)
        if m is None or region.count("\n") != stop - i - 1:
            return None, i, 0, True  # not such a row, or lines holding line ends
        end = m.end()
        texts = region[:end].split("\n\n")
        if end < len(region) or stop == n:
            break
        # The rows may go on beyond the lines looked at: the last one is read again by
        # the next step, unless it is the only one (then more lines are looked at).
        if len(texts) > 1:
            texts.pop()
            return _built(texts, _line_counts(texts), i, 0, False)
        size *= 4
    counts = _line_counts(texts)
    return _after(lines, texts, counts, i, i + sum(counts) + len(texts) - 1)


def _line_counts(texts: list[str]) -> list[int]:
    """The number of lines of each of the rows *texts* (each row's lines joined)."""
    return list(map(add, map(str.count, texts, repeat("\n")), repeat(1)))


def _after(
    lines: Sequence[str], texts: list[str], counts: list[int], i: int, after: int
) -> tuple[PlainRows | None, int, int, bool]:
    """:func:`_plain_rows` once the rows *texts* (of *counts* lines) from line *i* to line
    *after* (the line after the last of them) are read to their end: where the reading
    goes on."""
    n = len(lines)
    following = -1
    slow = False
    if after >= n:
        pass  # the input ends: so does the table
    elif lines[after]:
        texts.pop()  # text right below a cell: the row is read line by line
        counts.pop()
        following, slow = 0, True
    elif after + 1 < n and lines[after + 1][:1] == "\t":
        following = after + 1  # the next row, beyond the lines looked at
    elif after + 1 < n and not _is_blank(lines[after + 1]):
        texts.pop()  # text after one blank line may continue the last cell
        counts.pop()
        following, slow = 0, True
    # (else the table ends at a blank line after the empty one, or with the input)
    if not texts:
        return None, i, 0, True
    return _built(texts, counts, i, following, slow)


def _built(
    texts: list[str], counts: list[int], i: int, following: int, slow: bool
) -> tuple[PlainRows, int, int, bool]:
    """The rows of *texts* (each the TAB lines of a row joined, *counts* of them), the
    first on line *i*, one empty line apart; :func:`_plain_rows` returns them."""
    # Every line of such rows holds one cell: split at once, all rows together.
    raws = "\n".join(texts)[1:].split("\n\t")
    # The cells stand from column 2 of every line of the rows but the empty ones between
    # them; the last one on the line before *end*.
    end = i + len(raws) + len(texts) - 1
    rows = PlainRows(raws, counts, 0, _Places(i, counts), (end, 2 + len(raws[-1])))
    if following == 0:
        # The row after those read, past the empty lines between them.
        following = end + 1
    return rows, following, len(raws), slow


class _Places:
    """The places (see AT) of the cells of rows of *counts* TAB lines from line *i* on,
    one empty line apart: all of them (called), the one of a cell (:meth:`at`), or
    those of a row (:meth:`row`)."""

    __slots__ = ("counts", "i")

    def __init__(self, i: int, counts: list[int]) -> None:
        self.i = i
        self.counts = counts

    def __call__(self) -> list[int]:
        places: list[int] = []
        line = self.i + 1
        for count in self.counts:
            places += range(line * AT + 2, (line + count) * AT + 2, AT)
            line += count + 1
        return places

    def at(self, index: int) -> int:
        return self.finder()(index)

    def finder(self) -> Callable[[int], int]:
        """:meth:`at` for several cells: the rows' ends worked out once (the places of
        a run of hundreds of cells cost some 90 K instructions worked out all at once,
        where a report names a few of them in its diagnostics)."""
        ends = list(accumulate(self.counts))
        first = (self.i + 1) * AT + 2

        def at(index: int) -> int:
            # Cell *index* of row r stands r empty lines below the first row, past the
            # cells before it.
            return first + (index + bisect_right(ends, index)) * AT

        return at

    def row_finder(self) -> Callable[[int, int], range]:
        """The places of the cells of a row, by its first cell's index and its number of
        cells, for a caller about to ask about several rows: a line apart, from column 2
        (the rows' ends worked out once)."""
        ends = list(accumulate(self.counts))
        first = (self.i + 1) * AT + 2

        def row(index: int, count: int) -> range:
            start = first + (index + bisect_right(ends, index)) * AT
            return range(start, start + count * AT, AT)

        return row


def _slow_row(lines: Sequence[str], start: int) -> tuple[PlainRows, int, tuple[Diagnostic, ...]]:
    """The row whose first line is *start*, read line by line (see :func:`_read_row`),
    as a run of one row built when asked for (see :func:`_row_at`), the first line of
    the next row (-1: the table ends) and the diagnostics."""
    n = len(lines)
    kept_rows = _SLOW_ROWS.get(lines[start])
    if kept_rows is not None:
        for kept_row in kept_rows:
            seen = kept_row[0]
            end = start + len(seen)
            if (end == n if kept_row[1] else end <= n) and lines[start:end] == seen:
                return _rebuilt(kept_row, start)
    watched = _Watched(lines)
    diagnostics: list[Diagnostic] = []
    cells, following = _read_row(watched, start, diagnostics)
    # The reading compares positions with the input's length only next to lines it read;
    # a line more is kept for a margin.
    end = min(n, watched.furthest + 3)
    if len(_SLOW_ROWS) >= _SLOW_ROWS_LIMIT:
        _SLOW_ROWS.clear()
    entries = _SLOW_ROWS.setdefault(lines[start], [])
    if len(entries) >= 4:
        del entries[0]
    # A cell on one line is kept at its place (see AT), a cell over several lines (few)
    # with its span; both with their lines counted from the line before the row's (the
    # row's first line is 1).
    places: list[int] = []
    longer: list[tuple[int, tuple[int, int, int, int]]] = []
    end_column = 1
    for i, (text, first, last, column) in enumerate(cells):
        k = text.rfind("\n")
        end_column = column + len(text) if k < 0 else len(text) - k
        places.append((first - start + 1) * AT + column)
        if last != first:
            longer.append((i, (first - start + 1, column, last - start + 1, end_column)))
    entry: _SlowRow = (
        lines[start:end],
        end == n,
        tuple(text for text, _, _, _ in cells),
        tuple(places),
        tuple(longer),
        (cells[-1][2] - start + 1, end_column),
        following - start if following >= 0 else -1,
        tuple((d, d.span.line - 1 - start if d.span is not None else -1) for d in diagnostics),
    )
    entries.append(entry)
    # Left unbuilt as it is where it recurs (the diagnostics are those just made).
    return _row_at(entry, start), following, tuple(diagnostics)


#: A row read line by line, as :data:`_SLOW_ROWS` keeps it: the lines the reading looked
#: at (a slice of the lines, compared with the same slice of a report's) and whether
#: they ran to the end of the input; its cells' texts, their places (see :data:`AT`)
#: and the spans of those over several lines (by their index), the row's last line and
#: end column (its line counted from the line before the row's first),
#: the next row's first line (-1: none) and the diagnostics (counted from the row's).
_SlowRow = tuple[
    Sequence[str],
    bool,
    tuple[str, ...],
    tuple[int, ...],
    tuple[tuple[int, tuple[int, int, int, int]], ...],
    tuple[int, int],
    int,
    tuple[tuple[Diagnostic, int], ...],
]


def _row_at(kept_row: _SlowRow, start: int) -> PlainRows:
    """The row of *kept_row* with its first line at line *start*, as a run of one row
    (:class:`PlainRows`) whose cell and row objects are built when first asked for, as
    those of plain rows are: a report's rows are seldom all walked after it is read, and
    building the cells of its rows read line by line was some 7% of the cost of reading
    a report that has four of them (seed 004). Built, the row spans from column
    1 of its first cell's line to its last cell's end (*beyond* 0), as it was read."""
    texts, (end_line, end_column) = kept_row[2], kept_row[5]
    return PlainRows(
        list(texts),
        [len(texts)],
        0,
        _KeptPlaces(kept_row, start),
        (end_line + start, end_column),
    )


class _KeptPlaces:
    """The places of the cells of *kept_row* (a row read line by line) with its first
    line at line *start*: a cell on one line at its place (see AT), a cell over several
    lines its :class:`Span` (both of which :func:`new_cells` takes)."""

    __slots__ = ("kept_row", "start")

    def __init__(self, kept_row: _SlowRow, start: int) -> None:
        self.kept_row = kept_row
        self.start = start

    def __call__(self) -> list[int | Span]:
        _, _, _, places, longer, _, _, _ = self.kept_row
        start = self.start
        found: list[int | Span] = list(map(add, places, repeat(start * AT)))
        for i, (line, column, end_line, end_column) in longer:
            found[i] = new_span((line + start, column, end_line + start, end_column))
        return found

    def row_finder(self) -> Callable[[int, int], list[int | Span]]:
        """The places of the cells of the row (a run of one row), all worked out."""
        found = self()
        return lambda index, count: found[index : index + count]


def _rebuilt(kept_row: _SlowRow, start: int) -> tuple[PlainRows, int, tuple[Diagnostic, ...]]:
    """The row *kept_row*, read before, at line *start* (wherever it was read), the next
    row's first line and its diagnostics, moved there."""
    following, found = kept_row[6], kept_row[7]
    first = start + 1
    diagnostics = (
        tuple(d if d.span is None else _moved(d, d.span, k + first) for d, k in found)
        if found
        else ()
    )
    return _row_at(kept_row, start), following + start if following >= 0 else -1, diagnostics


def _moved(d: Diagnostic, span: Span, line: int) -> Diagnostic:
    """*d* (whose span is *span*) with its span moved to start on *line*."""
    end_line = line + span.end_line - span.line
    return new_diagnostic(
        d.severity, d.code, d.message, new_span((line, span.column, end_line, span.end_column))
    )


class _Watched(IndexedOnly[str]):
    """Lines that note the furthest one read (read by index only)."""

    __slots__ = ("furthest", "lines")

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = lines
        self.furthest = -1

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, k: Any) -> Any:
        self.furthest = max(self.furthest, k)
        return self.lines[k]


def _read_row(
    lines: Sequence[str], start: int, diagnostics: list[Diagnostic]
) -> tuple[list[_Draft], int]:
    """The cells of the row whose first line is *start*, and the first line of the next
    row, or -1 when the table ends with this row."""
    n = len(lines)
    cells: list[_Draft] = []
    i = start
    while i < n:
        line = lines[i]
        if line[:1] == "\t":
            cells.append([line[1:], i, i, 2])
            i += 1
            continue
        if _is_blank(line):
            j = i + 1
            while j < n and _is_blank(lines[j]):
                j += 1
            if j >= n:
                break
            if lines[j][:1] == "\t":
                if j - i == 1:
                    return cells, j
                break
            # Text after exactly one blank line continues a header cell only when it
            # is short and the table visibly goes on after it (seed: 结果 / / 维持).
            run_end = _run_end(lines, j)
            if (
                j - i == 1
                and cells
                and not _is_number(cells[-1][0])
                and _resumes(lines, run_end)
                and _short_run(lines, j, run_end)
            ):
                cells[-1][0] += "\n" + lines[i]
                cells[-1][2] = i
                i = _continue(lines, j, run_end, cells, diagnostics)
                continue
            break
        # Un-indented text right below a cell.
        run_end = _run_end(lines, i)
        if _resumes(lines, run_end) or (
            run_end - i == 1
            and not _is_number(_last_part(cells[-1]))
            and _tail_like(line)
            and not _is_number(line)
        ):
            i = _continue(lines, i, run_end, cells, diagnostics)
            continue
        if _is_number(line) and _is_number(_last_part(cells[-1])):
            i = _continue(lines, i, run_end, cells, diagnostics)
            continue
        break
    return cells, -1


class TabTableFormat(TableFormat):
    """The tab-indented table syntax (see the module docstring)."""

    name = NAME

    def could_start(self, line: str) -> bool:
        return line[:1] == "\t"

    def parse(self, lines: Sequence[str], start: int) -> TableParse | None:
        n = len(lines)
        if start >= n or lines[start][:1] != "\t":
            return None
        # Lines that keep their text give it to the plain rows.
        kept = lines if lines.__class__ is Lines else None
        # Runs of rows made of TAB lines, one empty line apart, the bulk of every table,
        # are read and built at once (_plain_rows); a row that needs more (a continuation
        # line, a lost TAB, the table's end after blank lines) is read line by line, a
        # run of one row.
        parts: list[PlainRows | Row] = []
        diagnostics: list[Diagnostic] = []
        count = 0
        i = start
        slow = False
        while i >= 0:
            if not slow:
                plain, i, cells, slow = _plain_rows(lines, i, kept)
                if plain is not None:
                    parts.append(plain)
                    count += cells
                    continue
            row, i, found = _slow_row(lines, i)
            slow = False
            parts.append(row)
            diagnostics += found
            count += len(row.raws)
        if count < 2:
            return None
        end_line, end_column = cast(PlainRows, parts[-1]).end
        table = new_table(LazyRows(parts), NAME, 0, new_span((start + 1, 1, end_line, end_column)))
        return TableParse(table, end_line, tuple(diagnostics))

    def render(self, table: Table) -> str:
        out: list[str] = []
        for r, row in enumerate(table.rows, 1):
            if not row.cells:
                raise RenderError(f"row {r} is empty; a tab table cannot hold an empty row")
            lines: list[str] = []
            for cell in row.cells:
                first, *rest = cell.raw.split("\n")
                for part in rest:
                    if part[:1] == "\t":
                        raise RenderError(
                            f"row {r}: a continuation line of {cell.raw!r} starts with a TAB, "
                            "which the tab format reads as a new cell"
                        )
                lines.append("\t" + first)
                lines.extend(rest)
            out.append("\n".join(lines))
        return "\n\n".join(out)


def _continue(
    lines: Sequence[str], i: int, run_end: int, cells: list[_Draft], diagnostics: list[Diagnostic]
) -> int:
    """Take lines ``i:run_end`` as continuation lines, or as cells that lost their TAB."""
    for k in range(i, run_end):
        line = lines[k]
        current = cells[-1]
        if _is_number(line) and _is_number(_last_part(current)):
            cells.append([line, k, k, 1])
            diagnostics.append(
                Diagnostic(
                    Severity.WARNING,
                    "tab.unindented-cell",
                    f"the value {normalize_text(line)!r} has no leading TAB; read as a "
                    "cell of its own, not as part of the cell above",
                    Span.of_line(k, line),
                )
            )
        else:
            current[0] += "\n" + line
            current[2] = k
    return run_end


def _run_end(lines: Sequence[str], i: int) -> int:
    """One past the run of non-blank, un-indented lines starting at *i* (bounded)."""
    n = len(lines)
    j = i
    limit = min(n, i + MAX_CONTINUATION_LINES + 1)
    while j < limit and lines[j][:1] != "\t" and not _is_blank(lines[j]):
        j += 1
    return j


def _resumes(lines: Sequence[str], k: int) -> bool:
    """Does the table go on at *k*: a TAB line there, or after exactly one blank line?"""
    n = len(lines)
    if k < n and lines[k][:1] == "\t":
        return True
    return k + 1 < n and _is_blank(lines[k]) and lines[k + 1][:1] == "\t"


def _short_run(lines: Sequence[str], i: int, end: int) -> bool:
    return end - i <= 3 and all(_tail_like(lines[k]) for k in range(i, end))


def _tail_like(line: str) -> bool:
    """A short fragment of a label, not a sentence or a heading."""
    text = normalize_text(line)
    return (
        0 < len(text) <= MAX_TAIL_LENGTH
        and not text.endswith(("。", "；", ";", "："))
        and _HEADING_LIKE_RE().match(text) is None
    )


TAB = TabTableFormat()


@hookimpl
def gipparse_register_table_formats(register: Callable[[TableFormat], None]) -> None:
    register(TAB)
