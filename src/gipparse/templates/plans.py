""":func:`read_statistics`, the entry point of the statistics engine, and the memo of
report plans.

A report is read in one way: matching its tables gives a plan
(:class:`~gipparse.templates.engine.ReadingPlan`: which cell gives which key, with kind,
unit and what matching found to say), and the plan is applied to the report's cells.
The plan depends only on the report's skeleton: the sections its tables stand in, the
number of cells of each row, what each cell is (blank, value or label), the texts of the
cells that are not values and the folded labels (see :class:`_Seen`). Real reports
repeat a few skeletons with other numbers, so plans are kept per skeleton
(:class:`_ReportPlan`): a later report of the same skeleton skips recognising, locating
and matching, and the same plan is applied to its cells.

Plans are kept per report shape in a bounded cache (see :mod:`gipparse.caches`), and
only while every template in use is a plain :class:`~gipparse.templates.engine.Template`: a
subclass overriding how reports are read is always asked.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import chain, compress, repeat
from typing import Any

from ..classes import IndexedOnly
from ..errors import GipparseError, PluginError, culprit_of
from ..tree.nodes import (
    Diagnostic,
    Row,
    Section,
    Severity,
    Table,
    TableCells,
    table_raws,
    tuple_getter,
)
from .engine import (
    _PLAIN_COUNTS,
    ReadingPlan,
    ReportTables,
    Template,
    _choose_how,
    learn_counts,
    no_statutory_table,
)
from .statistics import Statistics
from .values import Value, all_known, classify

# ---------------------------------------------------------------------------
# Plans: a report whose tables the engine has seen, read again without matching
# ---------------------------------------------------------------------------

_IS_LABEL = "label".__eq__
_IS_VALUE = "value".__eq__
_IS_NOT_VALUE = "value".__ne__
_KIND = operator.itemgetter(0)
#: Plans kept per report shape.
_PLANS_PER_SHAPE = 8

_Getter = Callable[[Sequence[Any]], tuple[Any, ...]]


@lru_cache(maxsize=256)
def _plans_of(shape: tuple[Any, ...]) -> list[_ReportPlan]:
    """The plans made for reports of one shape (:attr:`_Seen.shape`), newest last: an
    LRU cache of lists, filled as reports of the shape are read."""
    return []


def _fold_labels(labels: Sequence[str], to_simplified: Callable[[str], str]) -> list[str] | None:
    """*labels* folded to Simplified as :class:`ReportTables` folds them, all in one call;
    ``None`` when one holds a NUL (folded alone there)."""
    if not labels:
        return []
    joined = "\x00".join(labels)
    if joined.count("\x00") != len(labels) - 1:
        return None
    converted = to_simplified(joined).split("\x00")
    if len(converted) != len(labels):
        converted = [to_simplified(t) for t in labels]
    return converted


class _Seen:
    """The tables of one report, as plans look at them.

    Which template, which table each row belongs to, which template row each row is,
    which cell holds which value: all of that follows from the section each table stands
    in, the number of cells of each row, what each cell is (blank, value or label), the
    text of every cell that is not a value and, for labels, their folded Simplified form;
    the numbers themselves only decide the values. Two reports alike in all of that are
    matched alike, and a plan made from one reads the other. :attr:`shape` holds the
    part that is cheap to compare (sections, row lengths, year, templates); a plan checks
    the rest (:meth:`_ReportPlan.fits`).
    """

    __slots__ = ("cells", "sections", "shape", "tables", "texts", "to_simplified")

    def __init__(  # noqa: PLR0917
        self,
        shape: tuple[Any, ...],
        texts: list[str],
        cells: TableCells,
        to_simplified: Callable[[str], str] | None,
        tables: list[Table],
        sections: Sequence[Section],
    ) -> None:
        self.shape = shape
        #: The tables, and the sections.
        self.tables = tables
        self.sections = sections
        #: Every cell of every table (built when first asked for), and its text, in order.
        self.texts = texts
        self.cells = cells
        self.to_simplified = to_simplified

    @property
    def rows(self) -> _Rows:
        """The rows of every table (a table's built when first asked for)."""
        return _Rows(self.tables)

    @staticmethod
    def of(
        sections: Sequence[Section],
        templates: Sequence[Template],
        year: int | None,
        to_simplified: Callable[[str], str] | None,
    ) -> _Seen | None:
        """The report's tables, or ``None`` when plans do not apply (a template of a
        subclass, which may read otherwise; no table)."""
        for t in templates:
            if type(t) is not Template:
                return None
        shape: list[Any] = [year, tuple(map(id, templates)), to_simplified is None]
        texts: list[str] = []
        tables: list[Table] = []
        # The cells' texts as the table parsers keep them: the rows and cells are built
        # only if something asks for them (a diagnostic's place, a source).
        for section in sections:
            for block in section.blocks:
                if isinstance(block, Table):
                    tables.append(block)
                    lengths, raws = table_raws(block)
                    shape.append(section.kind)
                    shape.append(tuple(lengths))
                    texts += raws
        if len(shape) == 3:
            return None
        return _Seen(
            tuple(shape), texts, TableCells(tables, len(texts)), to_simplified, tables, sections
        )

    def describe(
        self, tables: ReportTables
    ) -> tuple[tuple[int, ...], tuple[str, ...], tuple[str, ...], list[str] | None, bool]:
        """What the cells are, as *tables* (this report's) found: where the cells that are
        not values stand and their texts, the distinct label texts and their folded forms
        (none and ``None`` when the report is in Simplified script), and whether the
        labels could be folded together."""
        texts = self.texts
        kinds = list(
            map(
                _KIND,
                chain.from_iterable(info for _, _, rows in tables.tables for _, info, *_ in rows),
            )
        )
        if len(kinds) != len(texts):
            return (), (), (), None, False
        keep = list(map(_IS_NOT_VALUE, kinds))
        fixed = tuple(compress(range(len(texts)), keep))
        fixed_texts = tuple(compress(texts, keep))
        if self.to_simplified is None:
            return fixed, fixed_texts, (), None, True  # labels are not folded
        labels = tuple(dict.fromkeys(compress(texts, map(_IS_LABEL, kinds))))
        folded = _fold_labels(labels, self.to_simplified)
        if folded is None:
            return fixed, fixed_texts, labels, [], False
        return fixed, fixed_texts, labels, folded, True


class _Rows(IndexedOnly[tuple[Row, ...]]):
    """The rows of each of *tables*, a table's built when first asked for (read by index
    and slice only)."""

    __slots__ = ("tables",)

    def __init__(self, tables: list[Table]) -> None:
        self.tables = tables

    def __len__(self) -> int:
        return len(self.tables)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [table.rows for table in self.tables[index]]
        return self.tables[index].rows


class _Fitting:
    """What a plan checks of a report: the cells that are not values, their texts, and
    the folded labels (see :class:`_Seen`)."""

    __slots__ = ("count_get", "fixed", "fixed_get", "folded", "labels", "rest_get")

    fixed_get: _Getter
    fixed: tuple[str, ...]
    count_get: _Getter
    rest_get: _Getter
    labels: tuple[str, ...]
    folded: list[str] | None

    def fits(self, seen: _Seen) -> list[Value] | None:
        """Is *seen* alike in all that matching depends on? Then the count each value
        cell read as a count (:attr:`ReadingPlan.counted`) holds, when it is one read
        before without a rule (else ``None``)."""
        texts = seen.texts
        if self.fixed_get(texts) != self.fixed:
            return None
        found = self.count_get(texts)
        counts = list(map(_PLAIN_COUNTS.get, found))
        if not all_known(counts):
            # Cells not read before (new numbers, amounts...) must be values all the same.
            new = list(compress(found, map(operator.is_, counts, repeat(None))))
            if not all(map(_IS_VALUE, map(classify, new))):
                return None
            if learn_counts(new):
                counts = list(map(_PLAIN_COUNTS.get, found))
        # The other value cells (signed, amounts, cells no key reads) too.
        if not all(map(_IS_VALUE, map(classify, self.rest_get(texts)))):
            return None
        if seen.to_simplified is not None and self.folded != _fold_labels(
            self.labels, seen.to_simplified
        ):
            return None
        return counts


class _ReportPlan(_Fitting):
    """A report plan kept for its skeleton: the plan of its tables' reading, what
    choosing the template found to say, and what a report must be to be read by it (see
    :class:`_Seen`)."""

    __slots__ = ("notes", "reading", "template")

    def __init__(
        self,
        reading: ReadingPlan,
        notes: tuple[Diagnostic, ...],
        described: tuple[tuple[int, ...], tuple[str, ...], tuple[str, ...], list[str] | None, bool],
        values: Sequence[int],
    ) -> None:
        self.reading = reading
        self.template = reading.template
        self.notes = notes
        fixed_pos, self.fixed, self.labels, self.folded, _ = described
        self.fixed_get = tuple_getter(fixed_pos)
        self.count_get = reading.count_get
        counted = set(reading.counted)
        self.rest_get = tuple_getter([p for p in values if p not in counted])

    def run(self, seen: _Seen, counts: list[Value] | None) -> tuple[Statistics, list[Diagnostic]]:
        """Apply the plan to *seen* (*counts*: what :meth:`fits` returned)."""
        statistics, found = self.reading.apply(seen.rows, seen.cells, seen.texts, counts)
        return statistics, [*self.notes, *found] if self.notes else found


# ---------------------------------------------------------------------------
# The entry point
# ---------------------------------------------------------------------------


def read_statistics(
    sections: Sequence[Section],
    templates: Sequence[Template],
    year: int | None,
    to_simplified: Callable[[str], str] | None,
) -> tuple[Template | None, Statistics | None, list[Diagnostic]]:
    """Recognise the template of a report and read its statistics: match, and apply the
    plan matching gives; or, for a report whose skeleton was read before, apply the plan
    kept for it. (Their relations are checked by :mod:`gipparse.checks.relations`.)

    :param to_simplified: folds a label to Simplified script (``None``: it already is).
    :returns: ``(template, statistics, diagnostics)``; template and statistics are
        ``None`` when the report has no statutory table.
    """
    if not templates:
        return None, None, []
    seen = _Seen.of(sections, templates, year, to_simplified)
    plans = None
    try:
        if seen is not None:
            plans = _plans_of(seen.shape)
            for plan in reversed(plans):
                fit = plan.fits(seen)
                if fit is not None:
                    return (plan.template, *plan.run(seen, fit))
        tables = ReportTables(sections, to_simplified)
        if not tables.tables:
            return (
                None,
                None,
                [Diagnostic(Severity.WARNING, "template.no-tables", "the report has no table")],
            )
        diagnostics: list[Diagnostic] = []
        template, by_reading = _choose_how(tables, templates, year, diagnostics)
        if seen is None or plans is None:  # a template of a subclass reads as it will
            statistics, found = template.read(tables)
            diagnostics.extend(found)
            if statistics is None:
                return None, None, diagnostics
            return template, statistics, diagnostics
        reading = template.plan(tables)
        if reading is None:
            return None, None, [*diagnostics, no_statutory_table()]
        described = seen.describe(tables)
        fixed = set(described[0])
        made = _ReportPlan(
            reading,
            tuple(diagnostics),
            described,
            [i for i in range(len(seen.texts)) if i not in fixed],
        )
        statistics, diagnostics = made.run(seen, None)
    except GipparseError:
        raise
    except Exception as exc:
        raise _failure(exc) from exc
    if not by_reading and described[4]:
        # Kept for the next report of this skeleton, unless the template was chosen by
        # the values read (the skeleton alone did not tell).
        if len(plans) >= _PLANS_PER_SHAPE:
            del plans[0]
        plans.append(made)
    return template, statistics, diagnostics


def _failure(exc: Exception) -> PluginError:
    # Templates are plugin code (the built-in ones too): name the culprit, as hooks do.
    return PluginError(
        f"reading the statistics failed: {type(exc).__name__}: {exc}",
        plugin=culprit_of(exc),
    )
