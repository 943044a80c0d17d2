"""What ``report.valid`` cannot see, said in warnings: a built-in ``gipparse_validate`` check.

``valid`` means that every relation of the template holds on the numbers as they were
placed. Two things make that weaker than it reads, and each gets a warning:

* ``table.numbering-order``: the row labels of table 三 (the one numbered on three
  levels, 一、 (一) 1.) are numbered out of order (``3.`` ``4.`` ``5.`` printed as
  ``4.`` ``5.`` ``3.``): rows were moved, or labels were pasted onto the wrong rows.
  Rows are matched by their label text, so each number went where its label says;
  whether the label belongs to those numbers, no relation can tell.
* ``table.read-by-position``: rows whose labels were lost were placed by their position
  in the template (``table.unlabelled-row``). The relations then hold on numbers whose
  meaning was inferred, not read: ``valid`` does not verify that placement.
* ``table.read-by-arithmetic``: cells of tables flattened into running text were told
  apart by the template's relations (``table.flattened``), or values a table left unread
  were taken from its digits only where they break no relation
  (``table.flattened-gaps``). The relations hold on those values by construction: a
  misprinted total can move a cut and still add up, and ``valid`` cannot tell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from functools import lru_cache
from itertools import chain, compress
from typing import TYPE_CHECKING, Any

from .. import patterns
from ..caches import kept
from ..hookspecs import hookimpl
from ..tree.nodes import (
    Cell,
    Diagnostic,
    Severity,
    Table,
    built_rows,
    table_raws,
    tuple_getter,
)
from ..tree.text import fold, normalize_text

if TYPE_CHECKING:
    from ..tree.nodes import Report, Span

_CJK_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", 1)}

# The numbering styles of statutory row labels, on folded text: 一、 / (一) / (1) / 1.
# A style is a level of its own: (5) among 1. 2. ... is not the fifth of (一) (二) ...
_STYLES = (
    ("cjk", patterns.compile(r"([一二三四五六七八九十]{1,3})[,.]")),
    ("paren", patterns.compile(r"\(([一二三四五六七八九十]{1,3})\)")),
    ("paren-digit", patterns.compile(r"\(([0-9]{1,2})\)")),
    ("digit", patterns.compile(r"([0-9]{1,2})[.,](?![0-9])")),
)


def _number(text: str) -> int:
    """The value of ``3`` or ``三`` or ``十二``."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _CJK_DIGITS.get(text, 0)
    tens, _, units = text.partition("十")
    return (_CJK_DIGITS.get(tens, 1) if tens else 1) * 10 + _CJK_DIGITS.get(units, 0)


#: First characters a numbered label can start with (before folding).
_NUMBER_STARTS = frozenset("(（一二三四五六七八九十0123456789０１２３４５６７８９")
#: Longest label looked at: statutory labels are far shorter.
_MAX_LABEL = 120


@lru_cache(maxsize=4096)
def numbering(label: str) -> tuple[str, int] | None:
    """The numbering a row label opens with: ``(style, number)``, or ``None``."""
    folded = fold(label)
    for style, pattern in _STYLES:
        m = pattern.match(folded)
        if m is not None:
            return style, _number(m.group(1))
    return None


#: What a label cell is to :func:`out_of_order`, by its raw text: passed over, the end of
#: the row's labels, or ``(text, style, number)``.
_PASS = 0
_END = 1
_Label = int | tuple[str, str, int]


def _label(raw: str) -> _Label:
    """What a label cell holding *raw* (not empty, not digits) is to :func:`out_of_order`."""
    if raw[0] not in _NUMBER_STARTS and not raw[0].isspace():
        return _PASS  # a label without a number
    text = normalize_text(raw)
    if not text or text[0] not in _NUMBER_STARTS or len(text) > _MAX_LABEL:
        return _PASS
    numbered = numbering(text)
    if numbered is None:
        return _END if text[0].isdigit() else _PASS  # a value with a unit or a separator
    return text, *numbered


#: :func:`_label` of the raw texts seen, looked up in the loop of :func:`out_of_order`
#: (a dictionary's ``get`` there costs less than a call of a cached function).
_LABELS: dict[str, _Label] = kept({})
_LABELS_LIMIT = 8192


def out_of_order(table: Table) -> list[tuple[str, str, Span]]:
    """Labels numbered lower than the label before them in their style and level:
    ``(label, label before it, its span)``. A style nested in another (``1.`` under ``(一)``)
    starts again under each of the other's labels. The label cells of a row are those
    before its first value (a cell of digits)."""
    # Read from the cells' texts, without building the table's cells when they are not;
    # when they are, only the texts a layout compares are read from them.
    rows = built_rows(table)
    raws: list[str] | None = None
    built: list[Cell] = []
    if rows is None:
        lengths, raws = table_raws(table)
    else:
        by_row = [row.cells for row in rows]
        lengths = list(map(len, by_row))
        built = list(chain.from_iterable(by_row))
    shape = tuple(lengths)
    layouts = _LAYOUTS.get(shape, _NO_LAYOUTS)
    for layout in layouts:
        if layout.fits(raws) if raws is not None else layout.fits_cells(built):
            labels, at, order = layout.labels, layout.at, layout.order
            if layout is not layouts[-1]:  # the least recently used goes first
                with suppress(ValueError):  # (moved by another thread)
                    layouts.remove(layout)
                    layouts.append(layout)
            break
    else:
        if raws is None:
            raws = [cell.raw for cell in built]
        labels, at, ends = _numbered(lengths, raws)
        order = _out_of_order(tuple(labels))
        _keep(shape, _Layout(lengths, raws, ends, labels, at, order))
    found = []
    cells: list[Cell] = built
    for k, before in order:
        if not cells:
            cells = list(table.cells())
        span = cells[at[k]].span
        if span is not None:
            found.append((labels[k][0], before, span))
    return found


def _numbered(
    lengths: list[int], raws: list[str]
) -> tuple[list[tuple[str, str, int]], list[int], list[int]]:
    """The numbered labels of a table (its rows *lengths* cells long, their texts *raws*),
    in order, the places of their cells among the table's, and the place of the cell
    that ended each row's labels (a row that none ended has none)."""
    labels: list[tuple[str, str, int]] = []
    at: list[int] = []
    ends: list[int] = []
    known = _LABELS.get
    start = 0
    for length in lengths:
        k = start
        start += length
        for raw in raws[k:start]:
            label = known(raw)
            if label is None:
                if not raw:
                    k += 1
                    continue  # a cell covered by a merge
                if raw.isdigit():
                    break  # the first value
                label = _labelled(raw)
            if label.__class__ is tuple:
                labels.append(label)
                at.append(k)
            elif label:
                break  # _END
            k += 1
        else:
            continue
        ends.append(k)
    return labels, at, ends


def _ends(raw: str) -> bool:
    """Whether a cell holding *raw* ends its row's labels in :func:`_numbered`."""
    if raw.isdigit():
        return True
    if not raw:
        return False
    label = _LABELS.get(raw)
    if label is None:
        label = _labelled(raw)
    return label.__class__ is int and label == _END


def _labelled(raw: str) -> _Label:
    """:func:`_label` of *raw*, kept in :data:`_LABELS` (which the callers looked in)."""
    if len(_LABELS) >= _LABELS_LIMIT:
        _LABELS.clear()
    label = _LABELS[raw] = _label(raw)
    return label


class _Layout:
    """What :func:`_numbered` found in a table, and what another table must hold to be
    found the same: the cells it read before each row's end, the same texts (labels,
    headers, blanks), and a cell that ends the labels where each row's ended (a value:
    its digits may differ). Tables of one layout repeat from report to report with other
    numbers; each then skips the reading of its labels cell by cell (most of the cost
    of the check)."""

    __slots__ = ("at", "ends_get", "labels", "order", "same", "same_get")

    def __init__(  # noqa: PLR0917
        self,
        lengths: list[int],
        raws: list[str],
        ends: list[int],
        labels: list[tuple[str, str, int]],
        at: list[int],
        order: tuple[tuple[int, str], ...],
    ) -> None:
        read: list[int] = []  # the cells read before the end of each row
        start = 0
        following = iter(ends)
        end = next(following, -1)
        for length in lengths:
            stop = start + length
            if start <= end < stop:
                read += range(start, end)
                end = next(following, -1)
            else:
                read += range(start, stop)
            start = stop
        self.same_get = tuple_getter(read)
        self.same = self.same_get(raws)
        self.ends_get = tuple_getter(ends)
        self.labels = labels
        self.at = at
        self.order = order

    def fits(self, raws: list[str]) -> bool:
        """Would :func:`_numbered` find in *raws* (a table of this layout's row lengths)
        what it found in this layout's?"""
        return self.same_get(raws) == self.same and _all_end(self.ends_get(raws))

    def fits_cells(self, cells: list[Cell]) -> bool:
        """:meth:`fits` for the texts of *cells*."""
        return tuple([cell.raw for cell in self.same_get(cells)]) == self.same and _all_end(
            [cell.raw for cell in self.ends_get(cells)]
        )


def _all_end(raws: Sequence[str]) -> bool:
    """Whether each of *raws* ends its row's labels in :func:`_numbered`."""
    # Most values are plain digits, and values recur from report to report (0, 1, 0 and
    # NBSP...): either is told in one call.
    if all(map(str.isdigit, raws)) or all(map(_ENDING.__contains__, raws)):
        return True
    if not all(map(_ends, raws)):
        return False
    if len(_ENDING) >= _LABELS_LIMIT:
        _ENDING.clear()
    _ENDING.update(dict.fromkeys(raws))
    return True


#: Texts seen to end a row's labels in :func:`_numbered` (values: digits, with NBSP...).
_ENDING: dict[str, None] = kept({})


#: Layouts of tables seen, by their rows' lengths (a few each, the last used last).
_LAYOUTS: dict[tuple[int, ...], list[_Layout]] = kept({})
_LAYOUTS_LIMIT = 256
_NO_LAYOUTS: list[_Layout] = []
_LAYOUTS_PER_SHAPE = 4


def _keep(shape: tuple[int, ...], layout: _Layout) -> None:
    layouts = _LAYOUTS.get(shape)
    if layouts is None:
        if len(_LAYOUTS) >= _LAYOUTS_LIMIT:
            _LAYOUTS.clear()
        layouts = _LAYOUTS[shape] = []
    elif len(layouts) >= _LAYOUTS_PER_SHAPE:
        del layouts[0]
    layouts.append(layout)


@lru_cache(maxsize=1024)
def _out_of_order(labels: tuple[tuple[str, str, int], ...]) -> tuple[tuple[int, str], ...]:
    """Which of a table's numbered *labels* (``(text, style, number)``, in order) are
    numbered lower than the one before them in their style and level: ``(index, label
    before it)``.

    Worked out once for a table's labels, which are the same in every report of a
    template (the tuples :func:`_label` gives, compared by identity at once): each report
    then only finds its numbered labels (about half the cost of the check).
    """
    found = []
    nesting: list[str] = []  # styles in the order they open, outermost first
    last: dict[str, tuple[int, str]] = {}
    for k, (text, style, number) in enumerate(labels):
        if style in nesting:
            at = nesting.index(style) + 1
            for inner in nesting[at:]:
                last.pop(inner, None)
            del nesting[at:]
            before = last.get(style)
            if before is not None and number < before[0]:
                found.append((k, before[1]))
        else:
            nesting.append(style)
        last[style] = (number, text)
    return tuple(found)


class _Applications(dict[str, bool]):
    """Whether a key is one of the ``applications.*`` statistics, by key: told once per
    key (keys recur in every report), where ``str.startswith`` costs as much as a
    hundred look-ups."""

    def __missing__(self, key: str) -> bool:
        if len(self) >= 4096:
            self.clear()
        found = self[key] = key.startswith("applications.")
        return found


#: Tells a key of the ``applications.*`` statistics.
_IS_APPLICATIONS = kept(_Applications()).__getitem__


def _applications_table(report: Report) -> Table | None:
    """The table the ``applications.*`` statistics (table 三, whose rows are numbered
    on three levels) were read from."""
    statistics = report.statistics
    if statistics is None:
        return None
    # Imported by the first call: the templates are imported by the first report read,
    # not with the plugins (statistics were read, so it is already imported).
    read = _SOURCES or _sources()
    source_keys, source_span = read
    # (Read without building the report's cells, which nothing may ask for.)
    keys = source_keys(statistics)
    first = source_span(statistics, compress(keys, map(_IS_APPLICATIONS, keys)))
    if first is None:
        return None
    line = first.line
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, Table):
                span = block.span
                if span is not None and span.line <= line <= span.end_line:
                    return block
    return None


_SOURCES: list[Callable[..., Any]] = []


def _sources() -> list[Callable[..., Any]]:
    """``[source_keys, source_span]`` of the statistics, imported once."""
    from ..templates.statistics import source_keys, source_span

    _SOURCES[:] = [source_keys, source_span]
    return _SOURCES


#: The diagnostics saying that values were cut from runs of digits by the template's
#: relations, and what ``table.read-by-arithmetic`` says of each.
_DECODED = {
    "table.flattened": "the tables are flattened into running text and their cells were "
    "told apart by the template's relations, which therefore hold on the values read: a "
    "valid report is not verified on its numbers (a misprinted total can move a cut and "
    "still add up)",
    "table.flattened-gaps": "values the tables left unread were read from their digits "
    "only where they break no relation, which therefore hold on them: a valid report is "
    "not verified on those values",
}


@hookimpl
def gipparse_validate(report: Report) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    table = _applications_table(report)
    if table is not None:
        for text, before, span in out_of_order(table):
            found.append(
                Diagnostic(
                    Severity.WARNING,
                    "table.numbering-order",
                    f"the row label {text!r} is numbered lower than {before!r} above it: "
                    "rows may have been moved or labels pasted onto the wrong rows; each "
                    "value was read under its label, which no relation can verify",
                    span,
                )
            )
    placed: list[Diagnostic] = []
    decoded: Diagnostic | None = None
    for d in report.diagnostics:
        code = d.code
        if code == "table.unlabelled-row":
            if "by its place in the template" in d.message:
                placed.append(d)
        elif code in _DECODED and decoded is None:
            decoded = d
    if report.statistics is None:
        return found
    if decoded is not None:
        found.append(
            Diagnostic(
                Severity.WARNING,
                "table.read-by-arithmetic",
                _DECODED[decoded.code],
                decoded.span,
            )
        )
    if placed:
        found.append(
            Diagnostic(
                Severity.WARNING,
                "table.read-by-position",
                f"{len(placed)} row(s) had lost their labels and were placed by their "
                "position in the template; the relations are checked on the values as "
                "placed, so a valid report is not verified row by row",
                placed[0].span,
            )
        )
    return found
