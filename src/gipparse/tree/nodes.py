"""The report AST: frozen, slotted attrs classes with children as tuples.

Every node keeps the text as written (``raw``) and exposes the normalised text
(``text``). Source positions live in a :class:`Span` beside the content; spans are
excluded from equality, so two trees compare equal when they say the same thing,
wherever it was written. Edit a tree with :func:`attrs.evolve`.
"""

from __future__ import annotations

import enum
import functools
import operator
import threading
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate, chain, islice, repeat, starmap
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias, cast

import attrs

from ..classes import frozen
from .text import normalize_text

if TYPE_CHECKING:
    from ..templates.statistics import Statistics


class Span(NamedTuple):
    """Where a node was written: 1-based lines and columns, ``end_line`` inclusive,
    ``end_column`` one past the last character."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def of_line(cls, index: int, text: str, column: int = 1) -> Span:
        """The span of the 0-based line *index* holding *text*, from *column*."""
        return cls(index + 1, column, index + 1, column + len(text))

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"


class Severity(enum.StrEnum):
    """How bad a :class:`Diagnostic` is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@frozen
class Diagnostic:
    """A finding about the source: damage, a guess avoided, a relation that fails.

    ``code`` is stable (``table.extra-cell``, ``relation.balance``...) and documented;
    ``message`` is for people and may change.
    """

    severity: Severity
    code: str
    message: str
    span: Span | None = None

    @property
    def line(self) -> int | None:
        return self.span.line if self.span else None

    @property
    def column(self) -> int | None:
        return self.span.column if self.span else None

    def format(self, path: str | None = None) -> str:
        """``path:line:col: severity[code]: message``, the form compilers use."""
        where = path or "<string>"
        if self.span is not None:
            where += f":{self.span.line}:{self.span.column}"
        return f"{where}: {self.severity.value}[{self.code}]: {self.message}"


@frozen
class Cell:
    """One table cell. ``raw`` is its text as written, table syntax removed (the leading TAB,
    pipe escapes); continuation lines are kept, joined with ``\\n``."""

    raw: str
    span: Span | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def text(self) -> str:
        """The normalised text: whitespace, NBSP, full-width spaces and debris removed."""
        return normalize_text(self.raw)

    @property
    def is_empty(self) -> bool:
        return not self.text


# Parsers build hundreds of cells per report: they set the two slots directly, which is
# what the generated ``Cell.__init__`` does, without its frozen-attribute indirection
# (about a third of the cost of a cell). Same class, same fields, same equality.
new_node = object.__new__
#: ``Span(line, column, end_line, end_column)`` from a tuple of the four, without the
#: keyword handling of the generated ``Span.__new__``.
new_span = functools.partial(tuple.__new__, Span)
_new_tuple = tuple.__new__


def new_spans(places: Iterable[tuple[int, int, int, int]]) -> list[Span]:
    """``[Span(*place) for place in places]``, each place a tuple of the four (a
    :class:`Span` among them gives an equal one), in one step (see :func:`new_cells`):
    about a third less than :func:`new_span` called for each."""
    return list(starmap(_new_tuple, zip(repeat(Span), places)))  # noqa: RUF058


set_cell_raw = Cell.__dict__["raw"].__set__
_get_cell_raw = Cell.__dict__["raw"].__get__
_cell_span = Cell.__dict__["span"]
_get_cell_span = _cell_span.__get__
set_cell_span = _cell_span.__set__

#: A cell written on one line, from *column* of line *line*, may hold ``line * AT +
#: column`` (an int) in its span slot instead of its :class:`Span`: its span is
#: ``Span(line, column, line, column + len(raw))``, made when first asked for and kept.
#: The table parsers build every cell of a plain row so: a report's spans are rarely all
#: read, and a span built for each cell, kept and freed with it, was a tenth of the cost
#: of reading a report. Only columns below ``AT`` are packed so (the parsers see to it);
#: ``AT`` is small enough for the packed places of a report's first lines to be ints of
#: one digit, which are cheaper to make.
AT = 1 << 16


class _CellSpan:
    """:attr:`Cell.span`: the slot's value, a packed position made a :class:`Span` (see
    :data:`AT`)."""

    __slots__ = ()

    def __get__(self, cell: Cell | None, owner: type | None = None) -> Any:
        if cell is None:
            return self
        span = _get_cell_span(cell)
        if span.__class__ is int:
            line, column = divmod(span, AT)
            span = _new_tuple(Span, (line, column, line, column + len(_get_cell_raw(cell))))
            set_cell_span(cell, span)
        return span

    def __set__(self, cell: Cell, span: Span | None) -> None:
        set_cell_span(cell, span)

    def __delete__(self, cell: Cell) -> None:
        _cell_span.__delete__(cell)


setattr(Cell, "span", _CellSpan())  # noqa: B010 (a field mypy must keep seeing as one)


def new_cell(raw: str, span: Span | None) -> Cell:
    """``Cell(raw, span)``, built the fast way (see above)."""
    cell: Cell = new_node(Cell)
    set_cell_raw(cell, raw)
    set_cell_span(cell, span)
    return cell


#: Runs an iterator to its end, keeping nothing.
_consume: Callable[[Iterable[object]], None] = deque[object](maxlen=0).extend


def tuple_getter(positions: Sequence[Any]) -> Callable[[Any], tuple[Any, ...]]:
    """Fetches the items at *positions* (indices of a sequence, or keys of a mapping), as
    a tuple whatever their number (an :func:`operator.itemgetter` of one position gives
    the item itself)."""
    if len(positions) > 1:
        return operator.itemgetter(*positions)
    if positions:
        at = positions[0]
        return lambda items: (items[at],)
    return lambda items: ()


# ``object.__new__`` and the slots' ``__set__`` take their arguments as a tuple. Called by
# ``map``, each call is given a new one; called by ``starmap``, the tuple its iterable
# yields is passed as it is: the same ``(Cell,)`` for every ``object.__new__``, and for
# the setters the tuple ``zip`` yields, which ``zip`` fills again for the next call when
# nothing else holds it. Building a cell so costs about a third less (which is why these
# ``starmap`` calls over ``zip`` are not the ``map`` calls they could be, and why ``zip``
# is given no ``strict=``: a call with a keyword argument costs more than what it checks).


def new_diagnostics(
    severity: Severity, code: str, messages: Sequence[str], spans: Iterable[Span | None]
) -> list[Diagnostic]:
    """``[Diagnostic(severity, code, message, span) for message, span in zip(messages,
    spans)]``, built the fast way and a step at a time for all of them (see
    :func:`new_cells`): for a report that has the same thing to say of many cells."""
    diagnostics: list[Diagnostic] = list(starmap(new_node, repeat((Diagnostic,), len(messages))))
    _consume(starmap(_set_severity, zip(diagnostics, repeat(severity))))  # noqa: RUF058
    _consume(starmap(_set_code, zip(diagnostics, repeat(code))))  # noqa: RUF058
    _consume(starmap(_set_message, zip(diagnostics, messages)))  # noqa: B905, RUF058
    _consume(starmap(_set_span, zip(diagnostics, spans)))  # noqa: B905, RUF058
    return diagnostics


_set_severity = Diagnostic.__dict__["severity"].__set__
_set_code = Diagnostic.__dict__["code"].__set__
_set_message = Diagnostic.__dict__["message"].__set__
_set_span = Diagnostic.__dict__["span"].__set__


def new_diagnostic(severity: Severity, code: str, message: str, span: Span | None) -> Diagnostic:
    """``Diagnostic(severity, code, message, span)``, built the fast way (see
    :func:`new_cell`): where ``attrs.evolve`` would look its fields up for each."""
    diagnostic: Diagnostic = new_node(Diagnostic)
    _set_severity(diagnostic, severity)
    _set_code(diagnostic, code)
    _set_message(diagnostic, message)
    _set_span(diagnostic, span)
    return diagnostic


def new_cells(raws: Sequence[str], places: Iterable[int | Span]) -> list[Cell]:
    """``[Cell(raw, ...) for raw in raws]``, each on one line from the place *places*
    give in turn (``line * AT + column``, see :data:`AT`), or spanning the :class:`Span`
    they give, built the fast way (see :func:`new_cell`) and a step at a time for all of
    them: a table's cells are built at once, at about half the cost of building each in
    turn."""
    cells: list[Cell] = list(starmap(new_node, repeat((Cell,), len(raws))))
    _consume(starmap(set_cell_raw, zip(cells, raws)))  # noqa: B905, RUF058
    _consume(starmap(set_cell_span, zip(cells, places)))  # noqa: B905, RUF058
    return cells


@frozen
class Row:
    """A table row; rows of one table may differ in length (merged ranges, damage)."""

    cells: tuple[Cell, ...]
    span: Span | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.cells)

    def __len__(self) -> int:
        return len(self.cells)


set_row_cells = Row.__dict__["cells"].__set__
_get_row_cells = Row.__dict__["cells"].__get__
_row_span = Row.__dict__["span"]
_get_row_span = _row_span.__get__
set_row_span = _row_span.__set__


class _RowSpan:
    """:attr:`Row.span`: the slot's value, or for a row built by a table parser, which
    holds an int *k* there, ``Span(line of its first cell, 1, end line of its last, end
    column of its last + k)``, made when first asked for and kept (see :data:`AT`)."""

    __slots__ = ()

    def __get__(self, row: Row | None, owner: type | None = None) -> Any:
        if row is None:
            return self
        span = _get_row_span(row)
        if span.__class__ is int:
            cells = _get_row_cells(row)
            first, last = cells[0].span, cells[-1].span
            span = _new_tuple(Span, (first.line, 1, last.end_line, last.end_column + span))
            set_row_span(row, span)
        return span

    def __set__(self, row: Row, span: Span | None) -> None:
        set_row_span(row, span)

    def __delete__(self, row: Row) -> None:
        _row_span.__delete__(row)


setattr(Row, "span", _RowSpan())  # noqa: B010 (see Cell.span)


def new_row(cells: tuple[Cell, ...], span: Span | None) -> Row:
    """``Row(cells, span)``, built the fast way (see :func:`new_cell`)."""
    row: Row = new_node(Row)
    set_row_cells(row, cells)
    set_row_span(row, span)
    return row


def new_rows(cells: Sequence[tuple[Cell, ...]], beyond: int) -> list[Row]:
    """A row of each tuple of *cells* (none empty, each cell on one line and built by
    :func:`new_cells`), spanning from column 1 of its first cell's line to *beyond*
    columns past its last cell's end (see :class:`_RowSpan`), built the fast way."""
    rows: list[Row] = list(starmap(new_node, repeat((Row,), len(cells))))
    _consume(starmap(set_row_cells, zip(rows, cells)))  # noqa: B905, RUF058
    _consume(starmap(set_row_span, zip(rows, repeat(beyond))))  # noqa: RUF058
    return rows


class PlainRows:
    """Rows a table parser read in one step (TAB lines, plain pipe rows), kept as their
    cells' raw texts until the :class:`Row` and :class:`Cell` objects are asked for.

    ``raws`` are the texts of every cell, row after row; ``counts`` the number of cells
    of each row; ``places()`` gives the place of each cell (``line * AT + column``, see
    :data:`AT`), or the :class:`Span` of a cell over several lines (a row read line by
    line, kept as a run of one row); each row spans *beyond* columns past its last cell
    (see :func:`new_rows`); ``end`` is ``(end_line, end_column)`` of the last row.
    """

    __slots__ = ("beyond", "counts", "end", "places", "raws")

    def __init__(
        self,
        raws: list[str],
        counts: list[int],
        beyond: int,
        places: Callable[[], Iterable[int | Span]],
        end: tuple[int, int],
    ) -> None:
        self.raws = raws
        self.counts = counts
        self.beyond = beyond
        self.places = places
        self.end = end

    def place(self, index: int) -> int | Span:
        """The place of cell *index* (what ``places()`` gives for it): told by the
        ``at`` method of ``places`` when it has one, without working out the others."""
        at = getattr(self.places, "at", None)
        if at is not None:
            return cast("int | Span", at(index))
        return next(islice(self.places(), index, None))

    def build(self) -> list[Row]:
        """The rows, built the fast way (:func:`new_cells`, :func:`new_rows`)."""
        cells = tuple(new_cells(self.raws, self.places()))
        bounds = list(accumulate(self.counts, initial=0))
        return new_rows(list(map(cells.__getitem__, map(slice, bounds, bounds[1:]))), self.beyond)


def _finder(part: PlainRows) -> Callable[[int], int | Span]:
    """What tells the place of a cell of *part* by its index, for a caller about to ask
    for several: the ``finder()`` of its ``places`` when it has one (the cells asked
    about worked out alone, arithmetically: a report's diagnostics name a few cells of
    runs of hundreds), else the places of every cell, worked out at once."""
    finder = getattr(part.places, "finder", None)
    if finder is not None:
        return cast("Callable[[int], int | Span]", finder())
    return list(part.places()).__getitem__


def _row_of(part: PlainRows) -> Callable[[int, int], Sequence[int | Span]]:
    """What tells the places of the cells of a row of *part* by the index of its first
    cell and its number of cells: the ``row_finder()`` of its ``places`` when it has one,
    else the cells' places told one at a time (see :func:`_finder`)."""
    row_finder = getattr(part.places, "row_finder", None)
    if row_finder is not None:
        return cast("Callable[[int, int], Sequence[int | Span]]", row_finder())
    find = _finder(part)
    return lambda index, count: list(map(find, range(index, index + count)))


def _no_row(index: int, count: int) -> Sequence[int | Span]:
    raise AssertionError("no run of rows")  # pragma: no cover


def _span_at(place: int | Span, raw: str) -> Span:
    """The span of the cell *raw* of a run of rows at *place* (see :class:`PlainRows`)."""
    if isinstance(place, Span):
        return place  # a cell over several lines
    line, column = divmod(place, AT)
    return new_span((line, column, line, column + len(raw)))


def _row_span_at(first: int | Span, last: int | Span, part: PlainRows, index: int) -> Span:
    """The span of the row of *part* whose first cell is at *first* and whose last cell,
    cell *index* of *part*, is at *last*, as :class:`_RowSpan` makes it from them."""
    line = first.line if isinstance(first, Span) else first // AT
    if isinstance(last, Span):
        end_line, end = last.end_line, last.end_column
    else:
        end_line, column = divmod(last, AT)
        end = column + len(part.raws[index])
    return new_span((line, 1, end_line, end + part.beyond))


#: Held while a table's rows are built, so that every thread sees the same cells.
_BUILDING = threading.Lock()


class LazyRows:
    """What a table parser may leave in :attr:`Table.rows`: its rows as :class:`Row`
    objects and runs of :class:`PlainRows`, in order. :attr:`Table.rows` builds the rows
    when first asked for and keeps them (see :class:`LazySlot`); the statistics read
    the cells' texts (:func:`table_raws`) without building them. A report's rows and
    cells are seldom all walked after it is read, and building them was about a fifth of
    the cost of reading a report."""

    __slots__ = ("_built", "parts")

    def __init__(self, parts: list[PlainRows | Row]) -> None:
        self.parts = parts
        self._built: tuple[Row, ...] | None = None

    def build(self) -> tuple[Row, ...]:
        """The rows, built once (the same objects for every caller)."""
        with _BUILDING:
            built = self._built
            if built is None:
                rows: list[Row] = []
                for part in self.parts:
                    if part.__class__ is PlainRows:
                        rows += part.build()
                    else:
                        rows.append(cast(Row, part))
                built = self._built = tuple(rows)
        return built


class LazySlot:
    """A field's slot that may hold a lazy value, an instance of *lazy* whose ``build()``
    gives the field's value: reading the field gives the slot's value, or the built one,
    kept in the slot once built (:attr:`Table.rows` over :class:`LazyRows`,
    :attr:`Statistics.sources <gipparse.templates.statistics.Statistics.sources>` over
    ``LazySources``). Setting and deleting the field are the slot's."""

    __slots__ = ("_delete", "_get", "_set", "lazy")

    def __init__(self, slot: Any, lazy: type) -> None:
        self._get = slot.__get__
        self._set = slot.__set__
        self._delete = slot.__delete__
        self.lazy: Any = lazy

    def __get__(self, owner_object: Any, owner: type | None = None) -> Any:
        if owner_object is None:
            return self
        value = self._get(owner_object)
        if value.__class__ is self.lazy:
            value = value.build()
            self._set(owner_object, value)
        return value

    def __set__(self, owner_object: Any, value: Any) -> None:
        self._set(owner_object, value)

    def __delete__(self, owner_object: Any) -> None:
        self._delete(owner_object)


@frozen
class Table:
    """A table as written, in the format named by ``format`` (``tab``, ``pipe``, ``html``...).

    ``header_rows`` is the number of rows above a Markdown separator row, 0 when there is
    none.
    """

    rows: tuple[Row, ...]
    format: str = "tab"
    header_rows: int = 0
    span: Span | None = attrs.field(default=None, eq=False, repr=False)

    def cells(self) -> Iterator[Cell]:
        for row in self.rows:
            yield from row.cells

    @property
    def texts(self) -> tuple[tuple[str, ...], ...]:
        """The normalised text of every cell, row by row."""
        return tuple(row.texts for row in self.rows)


_table_rows = Table.__dict__["rows"]
_get_table_rows = _table_rows.__get__
set_table_rows = _table_rows.__set__
set_table_format = Table.__dict__["format"].__set__
set_table_header_rows = Table.__dict__["header_rows"].__set__
set_table_span = Table.__dict__["span"].__set__
setattr(Table, "rows", LazySlot(_table_rows, LazyRows))  # noqa: B010 (see Cell.span)


def new_table(rows: LazyRows, format: str, header_rows: int, span: Span | None) -> Table:
    """``Table(rows, format, header_rows, span)`` whose rows are built when first asked
    for (see :class:`LazyRows`)."""
    table: Table = new_node(Table)
    set_table_rows(table, rows)
    set_table_format(table, format)
    set_table_header_rows(table, header_rows)
    set_table_span(table, span)
    return table


def table_raws(table: Table) -> tuple[list[int], list[str]]:
    """The number of cells of each row of *table* and the raw text of every cell, row
    after row, read without building the rows when they are not built yet."""
    rows = _get_table_rows(table)
    if rows.__class__ is not LazyRows:
        cells = [row.cells for row in rows]
        return list(map(len, cells)), [cell.raw for cell in chain.from_iterable(cells)]
    lengths: list[int] = []
    raws: list[str] = []
    for part in rows.parts:
        if part.__class__ is PlainRows:
            lengths += part.counts
            raws += part.raws
        else:
            row = cast(Row, part)
            lengths.append(len(row.cells))
            raws += [cell.raw for cell in row.cells]
    return lengths, raws


def built_rows(table: Table) -> tuple[Row, ...] | None:
    """The rows of *table* when they are built (then :func:`table_raws` reads every
    cell), else ``None``."""
    rows = _get_table_rows(table)
    return None if rows.__class__ is LazyRows else cast("tuple[Row, ...]", rows)


class TableCells(Sequence[Cell]):
    """Every cell of *tables*, in order, *count* of them (what :func:`table_raws` gives
    them as texts): built when an item is first asked for. :meth:`span` and
    :meth:`row_span` tell where a cell or a row stands without building the cells."""

    __slots__ = ("_cells", "_count", "_places", "_starts", "tables")

    def __init__(self, tables: list[Table], count: int) -> None:
        self.tables = tables
        self._count = count
        self._cells: list[Cell] | None = None
        #: Where each run of rows starts, and the runs; how the place of a cell of a
        #: run is told, once worked out (see :meth:`index_parts`, :func:`_finder`).
        self._starts: tuple[list[int], list[Any]] | None = None
        self._places: list[Callable[[int], int | Span] | None] = []

    def cells(self) -> list[Cell]:
        """The cells, built (see :class:`LazyRows`)."""
        cells = self._cells
        if cells is None:
            cells = [c for table in self.tables for row in table.rows for c in row.cells]
            self._cells = cells
        return cells

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: Any) -> Any:
        return self.cells()[index]

    def index_parts(self) -> None:
        """Work out where each run of rows starts, once, for a caller about to ask for
        many places (:meth:`span`, :meth:`row_span`): a cell's run is then found by
        bisection, where each place asked for would walk the runs before it, and the
        places of a run's cells are worked out all at once, where each would be worked
        out alone (which costs less for one or two)."""
        if self._starts is None:
            parts: list[Any] = []
            for table in self.tables:
                rows = _get_table_rows(table)
                parts += rows.parts if rows.__class__ is LazyRows else rows
            sizes = [len(p.raws if p.__class__ is PlainRows else p.cells) for p in parts]
            self._places = [None] * len(parts)
            self._starts = (list(accumulate(sizes, initial=0))[:-1], parts)

    def _part(self, index: int) -> tuple[Any, int, int]:
        """The run of rows (or the row) holding cell *index*, the cell's index in it, and
        the run's number when :meth:`index_parts` numbered them (else -1)."""
        if 0 <= index < self._count:
            indexed = self._starts
            if indexed is not None:
                starts, parts = indexed
                k = bisect_right(starts, index) - 1
                return parts[k], index - starts[k], k
            for table in self.tables:
                rows = _get_table_rows(table)
                runs: Iterable[Any] = rows.parts if rows.__class__ is LazyRows else rows
                for part in runs:
                    size = len(part.raws if part.__class__ is PlainRows else part.cells)
                    if index < size:
                        return part, index, -1
                    index -= size
        raise IndexError("cell index out of range")

    def _place(self, part: PlainRows, index: int, k: int) -> int | Span:
        """The place of cell *index* of the run *part* (the run numbered *k*, see
        :meth:`_part`)."""
        if k < 0:
            return part.place(index)
        find = self._places[k]
        if find is None:
            find = self._places[k] = _finder(part)
        return find(index)

    def span(self, index: int) -> Span | None:
        """The span of cell *index* (``self[index].span``), without building the cells
        when they are not built."""
        if self._cells is not None:
            return self._cells[index].span
        part, index, k = self._part(index)
        if part.__class__ is PlainRows:
            return _span_at(self._place(part, index, k), part.raws[index])
        span: Span | None = part.cells[index].span
        return span

    def _locate(self, index: int) -> tuple[Any, int, Callable[[int], int | Span] | None]:
        """The run of rows (or the row) holding cell *index* once :meth:`index_parts` has
        indexed them, the cell's index in it, and what tells the places of a run's cells
        (``None`` for a row built)."""
        if not 0 <= index < self._count:
            raise IndexError("cell index out of range")
        starts, parts = self._starts  # type: ignore[misc]  # (no cast: a call per cell)
        k = bisect_right(starts, index) - 1
        part = parts[k]
        if part.__class__ is not PlainRows:
            return part, index - starts[k], None
        find = self._places[k]
        if find is None:
            find = self._places[k] = _finder(part)
        return part, index - starts[k], find

    def spans(self, indices: Iterable[int]) -> list[Span | None]:
        """``[self.span(i) for i in indices]`` in one step, for many cells: the runs
        indexed (:meth:`index_parts`), the places of each run asked about worked out at
        once."""
        cells = self._cells
        if cells is not None:
            return [cells[i].span for i in indices]
        self.index_parts()
        locate = self._locate
        found: list[Span | None] = []
        for at in indices:
            part, index, find = locate(at)
            if find is None:
                found.append(part.cells[index].span)
                continue
            # (What _span_at tells, in the loop: a call for each cell costs a report
            # that names dozens of cells more than the loop does.)
            place = find(index)
            if isinstance(place, Span):
                found.append(place)  # a cell over several lines
            else:
                line, column = divmod(place, AT)
                found.append(new_span((line, column, line, column + len(part.raws[index]))))
        return found

    def row_spans(self, rows: Iterable[tuple[int, int]]) -> list[Span | None]:
        """``[self.row_span(*row) for row in rows]`` in one step, for many rows (see
        :meth:`spans`)."""
        self.index_parts()
        locate = self._locate
        found: list[Span | None] = []
        for at, count in rows:
            part, index, find = locate(at)
            if find is not None:
                last = index + count - 1
                found.append(_row_span_at(find(index), find(last), part, last))
            else:
                if index or count != len(part.cells):
                    raise IndexError("cell index is not a row's first cell")
                found.append(part.span)
        return found

    def rows_places(
        self, rows: Iterable[tuple[int, int]]
    ) -> tuple[list[Sequence[int | Span]], list[int]] | None:
        """For each row ``(position of its first cell, number of cells)``, the places of
        its cells (see :class:`PlainRows`: ``line * AT + column``, or the :class:`Span`
        of a cell over several lines), and how many columns it spans past its last cell:
        a row's run found once for all its cells, and a row of a run of TAB lines, whose
        cells stand a line apart, told by one step (where each cell asked about would
        find its run and its row). ``None`` when the cells are built or a row is a row
        built (their spans are then read)."""
        if self._cells is not None:
            return None
        self.index_parts()
        starts, parts = self._starts  # type: ignore[misc]
        places: list[Sequence[int | Span]] = []
        beyond: list[int] = []
        # The run of the row asked about before, its cells from *low* to *high* (the
        # rows a report says something about are mostly in a run, in order).
        low = high = past = 0
        row: Callable[[int, int], Sequence[int | Span]] = _no_row
        for at, count in rows:
            if not low <= at < high:
                if not 0 <= at < self._count:
                    raise IndexError("cell index out of range")
                k = bisect_right(starts, at) - 1
                part = parts[k]
                if part.__class__ is not PlainRows:
                    return None
                low = starts[k]
                high = low + len(part.raws)
                past = part.beyond
                row = _row_of(part)
            places.append(row(at - low, count))
            beyond.append(past)
        return places, beyond

    def row_span(self, index: int, count: int) -> Span | None:
        """The span of the row whose *count* cells are cells *index* onwards (the
        ``span`` of that :class:`Row`), without building the cells when they are not
        built."""
        part, index, k = self._part(index)
        if part.__class__ is PlainRows:
            last = index + count - 1
            return _row_span_at(self._place(part, index, k), self._place(part, last, k), part, last)
        if index or count != len(part.cells):
            raise IndexError("cell index is not a row's first cell")
        span: Span | None = part.span
        return span


@frozen
class Paragraph:
    """A line of prose (the exported reports put one paragraph on a line)."""

    raw: str
    span: Span | None = attrs.field(default=None, eq=False, repr=False)
    _simplifier: Simplifier | None = attrs.field(
        default=None, init=False, eq=False, repr=False, hash=False
    )

    @property
    def text(self) -> str:
        return normalize_text(self.raw)

    @functools.cached_property
    def simplified(self) -> str:
        """:attr:`text` in Simplified script, converted on first access and kept.

        Text written in Traditional script gets a phrase-level conversion; anything else
        is returned as it is. The script is told from the text itself. A paragraph of a
        report read with plugins that tell or convert scripts is converted by them (the
        ``gipparse_detect_script`` and ``gipparse_simplify`` hooks of that ``load`` call);
        any other by the built-in conversion.
        """
        return _simplified(self)

    # Pickled without the simplifier a reading call gave it (it belongs to that call's
    # plugins, which do not travel; an unpickled paragraph converts the built-in way), and
    # read as a paragraph built by the parsers holds it: maybe not at all.
    def __getstate__(self) -> tuple[str, Span | None]:
        return (self.raw, self.span)

    def __setstate__(self, state: tuple[str, Span | None]) -> None:
        _restore(self, ("raw", "span"), state)


set_paragraph_raw = Paragraph.__dict__["raw"].__set__
set_paragraph_span = Paragraph.__dict__["span"].__set__


@frozen
class Heading:
    """A section heading. ``kind`` is the section kind it opens."""

    raw: str
    kind: str
    span: Span | None = attrs.field(default=None, eq=False, repr=False)
    _simplifier: Simplifier | None = attrs.field(
        default=None, init=False, eq=False, repr=False, hash=False
    )

    @property
    def text(self) -> str:
        return normalize_text(self.raw)

    @functools.cached_property
    def simplified(self) -> str:
        """:attr:`text` in Simplified script, converted on first access and kept (see
        :attr:`Paragraph.simplified`)."""
        return _simplified(self)

    # (Pickled as a Paragraph is.)
    def __getstate__(self) -> tuple[str, str, Span | None]:
        return (self.raw, self.kind, self.span)

    def __setstate__(self, state: tuple[str, str, Span | None]) -> None:
        _restore(self, ("raw", "kind", "span"), state)


Block: TypeAlias = Paragraph | Table


def _restore(node: Paragraph | Heading, names: tuple[str, ...], state: tuple[Any, ...]) -> None:
    """Set the fields *names* of *node* from its pickled *state*, and no simplifier."""
    for name, value in zip((*names, "_simplifier"), (*state, None), strict=True):
        object.__setattr__(node, name, value)


#: Converts a text to Simplified script (exactly, phrase by phrase).
Simplifier: TypeAlias = Callable[[str], str]


def _simplified(node: Paragraph | Heading) -> str:
    """The text of *node* in Simplified script: through the simplifier the reading call
    gave the node (see :func:`give_simplifier`), else the built-in conversion."""
    simplify: Simplifier | None = getattr(node, "_simplifier", None)
    if simplify is not None:
        return simplify(node.text)
    from ..script.hant import simplified_exact

    return simplified_exact(node.text)


def give_simplifier(node: Paragraph | Heading, simplify: Simplifier) -> None:
    """Have *node*'s :attr:`~Paragraph.simplified` convert with *simplify* (what the
    plugins of the call that built it say), instead of the built-in conversion."""
    object.__setattr__(node, "_simplifier", simplify)


class SectionKind(enum.StrEnum):
    """The six statutory sections, plus what stands before the first of them (``preamble``:
    title, introduction) and after the body of the last (``closing``: a signature and date,
    chart data)."""

    PREAMBLE = "preamble"
    OVERVIEW = "overview"
    ACTIVE_DISCLOSURE = "active_disclosure"
    APPLICATIONS = "applications"
    APPEALS = "appeals"
    PROBLEMS = "problems"
    OTHER = "other"
    CLOSING = "closing"


@frozen
class Section:
    """A section: its heading (``None`` for the preamble) and its blocks in order."""

    kind: str
    heading: Heading | None
    blocks: tuple[Block, ...] = ()
    span: Span | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Table))


_set_heading = [Heading.__dict__[name].__set__ for name in ("raw", "kind", "span", "_simplifier")]
_set_section = [Section.__dict__[name].__set__ for name in ("kind", "heading", "blocks", "span")]


def new_heading(raw: str, kind: str, span: Span | None) -> Heading:
    """``Heading(raw, kind, span)``, built the fast way (see :func:`new_cell`): its four
    slots set as the generated ``__init__`` sets them (a sixth of its cost)."""
    heading: Heading = new_node(Heading)
    set_raw, set_kind, set_span, set_simplifier = _set_heading
    set_raw(heading, raw)
    set_kind(heading, kind)
    set_span(heading, span)
    set_simplifier(heading, None)
    return heading


def new_section(
    kind: str, heading: Heading | None, blocks: tuple[Block, ...], span: Span | None
) -> Section:
    """``Section(kind, heading, blocks, span)``, built the fast way (see :func:`new_heading`)."""
    section: Section = new_node(Section)
    set_kind, set_heading, set_blocks, set_span = _set_section
    set_kind(section, kind)
    set_heading(section, heading)
    set_blocks(section, blocks)
    set_span(section, span)
    return section


@frozen
class Metadata:
    """What the report says about itself. Text fields are in Simplified script.

    ``period`` is an ISO 8601 interval (``2020-01-01/2020-12-31``) when the report states
    its statistics period; ``template`` is the statutory template id (``2020``, ``2021``);
    ``script`` is ``hans`` or ``hant``.
    """

    agency: str | None = None
    year: int | None = None
    template: str | None = None
    script: str = "hans"
    period: str | None = None


@frozen
class Report:
    """A parsed report: sections, metadata, statistics and every diagnostic.

    ``source`` is the decoded text every span points into; ``path`` the file it came from.
    Neither takes part in equality.
    """

    sections: tuple[Section, ...]
    metadata: Metadata = Metadata()
    statistics: Statistics | None = None
    diagnostics: tuple[Diagnostic, ...] = ()
    source: str = attrs.field(default="", eq=False, repr=False)
    path: str | None = attrs.field(default=None, eq=False)

    @property
    def blocks(self) -> Iterator[Block]:
        for section in self.sections:
            yield from section.blocks

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Table))

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))

    def section(self, kind: str) -> Section | None:
        """The first section of *kind*, or ``None``."""
        for section in self.sections:
            if section.kind == kind:
                return section
        return None

    @property
    def valid(self) -> bool:
        """True when statistics were read and every relation of the template holds."""
        return self.statistics is not None and not any(
            d.code.startswith("relation.") for d in self.diagnostics
        )


_set_report = [
    Report.__dict__[name].__set__
    for name in ("sections", "metadata", "statistics", "diagnostics", "source", "path")
]


def new_report(  # noqa: PLR0917
    sections: tuple[Section, ...],
    metadata: Metadata,
    statistics: Statistics | None,
    diagnostics: tuple[Diagnostic, ...],
    source: str,
    path: str | None,
) -> Report:
    """``Report(sections, metadata, statistics, diagnostics, source, path)``, built the fast
    way (see :func:`new_heading`)."""
    report: Report = new_node(Report)
    set_sections, set_metadata, set_statistics, set_diagnostics, set_source, set_path = _set_report
    set_sections(report, sections)
    set_metadata(report, metadata)
    set_statistics(report, statistics)
    set_diagnostics(report, diagnostics)
    set_source(report, source)
    set_path(report, path)
    return report


@frozen
class SourceDocument:
    """What a reader hook returns: the report's text and, for structured formats (HTML,
    DOCX), the blocks already built, with spans pointing into ``text``.

    ``diagnostics`` are what the reader noticed or had to guess (an undeclared charset, a
    layout table unwrapped); they are added to the report's diagnostics.
    """

    text: str
    encoding: str | None = None
    format: str = "text"
    blocks: tuple[Block, ...] | None = None
    diagnostics: tuple[Diagnostic, ...] = ()
