"""Plans: reports laid out like earlier ones, read again without matching; and
:func:`read_statistics`, the entry point of the statistics engine, which consults and
makes them.

Real reports repeat a few layouts with other numbers. A layout read cleanly (no
diagnostic but those of values) a second time becomes a plan (:class:`_ReportPlan`):
which cell holds which value. A later report alike in all that matching depends on
(sections, row lengths, what each cell is, the texts of the cells that are not values;
see :class:`_Seen`) is read from the plan, cell by cell, with the same result as the
engine of :mod:`gipparse.templates.engine` would give. A layout whose reading needed other
diagnostics (a damaged table) keeps which rows each table read instead
(:class:`_Located`), and its diagnostics are rebuilt from the new report's own rows.

Plans are kept per report shape in a bounded cache (see :mod:`gipparse.caches`), and
only while every template in use is a plain :class:`~gipparse.templates.engine.Template`: a
subclass overriding how reports are read is always asked.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from contextlib import suppress
from functools import lru_cache
from itertools import chain, compress, repeat
from typing import Any

from ..caches import kept
from ..errors import GipparseError, PluginError, culprit_of
from ..tree.nodes import Cell, Diagnostic, Row, Section, Severity, Table
from .engine import (
    _CACHE_LIMIT,
    _RAW,
    CellInfo,
    ReportTables,
    Template,
    _blank_zero,
    _choose_how,
    _getter,
    _label,
    _Reader,
    _Traced,
)
from .schema import TableSpec, sum_known
from .statistics import Statistics
from .values import Value, classify, read_cached

# ---------------------------------------------------------------------------
# Plans: a report whose tables the engine has seen, read again without matching
# ---------------------------------------------------------------------------

_CELLS = operator.attrgetter("cells")
_IS_LABEL = "label".__eq__
_IS_VALUE = "value".__eq__
_IS_NOT_VALUE = "value".__ne__
_ORDER = operator.itemgetter(5)
_KIND = operator.itemgetter(0)
#: Counts read without a rule, by text (a count's reading does not depend on a unit);
#: every such text is a value cell's.
_PLAIN_COUNTS: dict[str, Value] = kept({})
#: Plans kept per report shape.
_PLANS_PER_SHAPE = 8

#: A cell a plan reads: key, position, kind, unit, what it is (for messages), reading order.
_PlanCell = tuple[str, int, str, str, str, int]
_Getter = Callable[[Sequence[Any]], tuple[Any, ...]]


#: A layout read once: where the cells that are not values stand, their texts, and the
#: folded labels (see :meth:`_Seen.describe`).
_Layout = tuple[tuple[int, ...], tuple[str, ...], list[str] | None]


@lru_cache(maxsize=256)
def _plans_of(shape: tuple[Any, ...]) -> list[_ReportPlan | _Located | _Layout | tuple[()]]:
    """The plans made for reports of one shape (:attr:`_Seen.shape`), the layouts read
    once, and ``()`` once a report of the shape was read, newest last: an LRU cache of
    lists, filled as reports of the shape are read."""
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

    __slots__ = ("cells", "rows", "sections", "shape", "texts", "to_simplified")

    def __init__(  # noqa: PLR0917
        self,
        shape: tuple[Any, ...],
        texts: list[str],
        cells: list[Cell],
        to_simplified: Callable[[str], str] | None,
        rows: list[tuple[Row, ...]],
        sections: Sequence[Section],
    ) -> None:
        self.shape = shape
        #: The rows of every table, and the sections.
        self.rows = rows
        self.sections = sections
        #: Every cell of every table, and its text, in order.
        self.texts = texts
        self.cells = cells
        self.to_simplified = to_simplified

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
        cells: list[Cell] = []
        tables: list[tuple[Row, ...]] = []
        for section in sections:
            for block in section.blocks:
                if isinstance(block, Table):
                    tables.append(block.rows)
                    rows = list(map(_CELLS, block.rows))
                    shape.append(section.kind)
                    shape.append(tuple(map(len, rows)))
                    cells += chain.from_iterable(rows)
        if len(shape) == 3:
            return None
        texts = list(map(_RAW, cells))
        return _Seen(tuple(shape), texts, cells, to_simplified, tables, sections)

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


class _Fitting:
    """What a plan checks of a report: the cells that are not values, their texts, and
    the folded labels (see :class:`_Seen`)."""

    __slots__ = ("fixed", "fixed_get", "folded", "labels", "value_get")

    fixed_get: _Getter
    fixed: tuple[str, ...]
    value_get: _Getter
    labels: tuple[str, ...]
    folded: list[str] | None

    def fits(self, seen: _Seen) -> list[Value] | None:
        """Is *seen* alike in all that matching depends on? Then the count each value
        cell holds, when it is one read before without a rule (else ``None``)."""
        texts = seen.texts
        if self.fixed_get(texts) != self.fixed:
            return None
        found = self.value_get(texts)
        counts = list(map(_PLAIN_COUNTS.get, found))
        if None in counts:
            # Cells not read before (new numbers, amounts...) must be values all the same.
            new = list(compress(found, map(operator.is_, counts, repeat(None))))
            if not all(map(_IS_VALUE, map(classify, new))):
                return None
            digits = [t for t in new if t.isdecimal() and t.isascii()]
            if digits:
                # A count of plain ASCII digits reads as int() reads it, without a rule.
                if len(_PLAIN_COUNTS) >= _CACHE_LIMIT:
                    _PLAIN_COUNTS.clear()
                _PLAIN_COUNTS.update(zip(digits, map(int, digits), strict=True))
                counts = list(map(_PLAIN_COUNTS.get, found))
        if seen.to_simplified is not None and self.folded != _fold_labels(
            self.labels, seen.to_simplified
        ):
            return None
        return counts


class _ReportPlan(_Fitting):
    """How a report was read, cell by cell: replayed for the next report alike in all
    that matching depends on (see :class:`_Seen`) without locating tables or matching
    rows. Made only from a reading that needed no diagnostic but those of values, which
    are made again from the cells."""

    __slots__ = (
        "blank",
        "computed",
        "derived",
        "segments",
        "source_get",
        "source_keys",
        "template",
        "templates",
    )

    def __init__(  # noqa: PLR0917
        self,
        templates: tuple[Template, ...],
        template: Template,
        fixed: tuple[tuple[int, ...], tuple[str, ...]],
        values: tuple[int, ...],
        labels: tuple[tuple[str, ...], list[str] | None],
        segments: tuple[
            tuple[
                tuple[str, ...], _Getter, tuple[_PlanCell, ...], tuple[_PlanCell, ...], TableSpec
            ],
            ...,
        ],
        sources: tuple[tuple[str, ...], _Getter],
        derived: tuple[tuple[str, tuple[str, ...] | None], ...],
    ) -> None:
        self.templates = templates
        self.template = template
        #: The cells that are not values, and their texts.
        self.fixed_get = _getter(fixed[0])
        self.fixed = fixed[1]
        #: The value cells.
        self.value_get = _getter(values)
        #: The distinct label texts and their folded forms (other scripts).
        self.labels, self.folded = labels
        #: Per table: the keys of counts read from value cells, a getter of those cells
        #: among the value cells, the same cells as :data:`_PlanCell`; the other cells
        #: read, by the value reader; the table.
        self.segments = segments
        self.source_keys, self.source_get = sources
        #: Derived keys to compute, with their parts (``None``: a part was not read).
        self.derived = derived
        self.computed = frozenset(k for k, _ in derived)
        #: Every key of the template, null.
        self.blank: dict[str, Value] = dict.fromkeys(template.keys)

    @staticmethod
    def build(  # noqa: PLR0917
        seen: _Seen,
        described: tuple[tuple[int, ...], tuple[str, ...], tuple[str, ...], list[str] | None, bool],
        templates: Sequence[Template],
        template: Template,
        trace: list[_Traced],
        found: list[Diagnostic],
    ) -> _ReportPlan | None:
        """The plan of a reading, or ``None`` when it cannot be replayed."""
        fixed_pos, fixed_texts, labels, folded, foldable = described
        if not foldable:
            return None
        for d in found:
            if not d.code.startswith("value."):
                return None
        position = {id(c): i for i, c in enumerate(seen.cells)}
        fixed = set(fixed_pos)
        values = [i for i in range(len(seen.cells)) if i not in fixed]
        value_index = {pos: n for n, pos in enumerate(values)}
        segments = []
        count_keys: list[str] = []
        count_at: list[int] = []
        counts: list[_PlanCell] = []
        others: list[_PlanCell] = []
        source_keys: list[str] = []
        source_pos: list[int] = []
        read: set[str] = set()
        for item in trace:
            if isinstance(item, TableSpec):
                segments.append(
                    (tuple(count_keys), _getter(count_at), tuple(counts), tuple(others), item)
                )
                count_keys, count_at, counts, others = [], [], [], []
                continue
            matcher, leaf, cells, units = item
            row_spec = matcher.spec.rows[leaf]
            keys = matcher.keys[leaf]
            kinds = matcher.kinds[leaf]
            if len(cells) != len(keys):
                return None
            for n, key in enumerate(keys):
                pos = position.get(id(cells[n]), -1)
                if pos < 0 or key in read:
                    return None
                read.add(key)
                source_keys.append(key)
                source_pos.append(pos)
                col = row_spec.columns[n]
                where = f"{_label(row_spec)} · {col.label}" if row_spec.label else col.label
                cell = (key, pos, kinds[n], units[n] if units else "万元", where, len(read))
                if kinds[n] == "count" and pos in value_index:
                    count_keys.append(key)
                    count_at.append(value_index[pos])
                    counts.append(cell)
                else:
                    others.append(cell)
        if counts or others:
            return None
        derived = tuple(
            (key, parts if all(p in read for p in parts) else None)
            for key, parts in template.derived.items()
            if key not in read
        )
        return _ReportPlan(
            tuple(templates),
            template,
            (fixed_pos, fixed_texts),
            tuple(values),
            (labels, folded),
            tuple(segments),
            (tuple(source_keys), _getter(source_pos)),
            derived,
        )

    def run(self, seen: _Seen, counts: list[Value]) -> tuple[Statistics, list[Diagnostic]]:
        """Read *seen*, a report this plan fits (*counts*: what :meth:`fits` returned),
        and check it."""
        texts = seen.texts
        cells = seen.cells
        template = self.template
        flat: dict[str, Value] = self.blank.copy()
        diagnostics: list[Diagnostic] = []
        for count_keys, get, entries, others, spec in self.segments:
            cells_read: Sequence[_PlanCell] = others
            if count_keys:
                got = get(counts)
                if None not in got:
                    flat.update(zip(count_keys, got))  # noqa: B905
                else:
                    known = list(map(operator.is_not, got, repeat(None)))
                    flat.update(zip(compress(count_keys, known), compress(got, known)))  # noqa: B905
                    cells_read = list(compress(entries, map(operator.not_, known)))
                    if others:
                        cells_read = sorted([*cells_read, *others], key=_ORDER)
            blanks: list[Cell] = []
            for key, pos, kind, unit, where, _ in cells_read:
                read = read_cached(texts[pos], kind, unit)
                flat[key] = read.value
                code = read.code
                if code is None:
                    if kind == "count" and classify(texts[pos]) == "value":
                        if len(_PLAIN_COUNTS) >= _CACHE_LIMIT:
                            _PLAIN_COUNTS.clear()
                        _PLAIN_COUNTS[texts[pos]] = read.value
                elif code == "value.blank-zero":
                    blanks.append(cells[pos])
                else:
                    diagnostics.append(
                        Diagnostic(
                            read.severity,
                            code,
                            f"{where}: {read.note} ({key})",
                            cells[pos].span,
                        )
                    )
            if blanks:
                diagnostics.append(_blank_zero(spec, blanks))
        for key, parts in self.derived:
            flat[key] = None if parts is None else sum_known([flat[p] for p in parts])
        sources = dict(zip(self.source_keys, self.source_get(cells)))  # noqa: B905
        statistics = Statistics._from_dict(template.id, flat, self.computed, sources)
        diagnostics.extend(template.check(statistics))
        return statistics, diagnostics


#: Where a table's rows stand in a report, and what they are: ``(table, row, cells,
#: label cells, first value cell, label keys)`` (a :data:`RowInfo` without its row).
_RowPlace = tuple[int, int, tuple[CellInfo, ...], tuple[int, ...], int, tuple[str, ...]]


class _Located(_Fitting):
    """Which rows of a report each table of its template read, for a report whose
    reading needed diagnostics beyond those of values (a damaged table). The next report
    alike in all that matching depends on (see :class:`_Seen`) has the same rows, so its
    template and its tables' rows are the same: it is read without describing its cells,
    choosing a template and locating tables, each table's match replayed from its
    matcher's plan (see :meth:`_Reader.read_labelled`)."""

    __slots__ = ("located", "skeletons", "template", "templates")

    def __init__(
        self,
        templates: tuple[Template, ...],
        template: Template,
        described: tuple[tuple[int, ...], tuple[str, ...], tuple[str, ...], list[str] | None, bool],
        values: Sequence[int],
        located: tuple[tuple[_RowPlace, ...], ...],
    ) -> None:
        fixed_pos, self.fixed, self.labels, self.folded, _ = described
        self.fixed_get = _getter(fixed_pos)
        self.value_get = _getter(values)
        self.templates = templates
        self.template = template
        self.located = located
        #: The skeleton of each labelled table read, by its matcher.
        self.skeletons = tuple(
            (matcher, tuple([place[2] for place in rows]))
            for matcher, rows in zip(template._matchers, located, strict=True)
            if rows and matcher.spec.labelled
        )

    @staticmethod
    def build(
        seen: _Seen,
        described: tuple[tuple[int, ...], tuple[str, ...], tuple[str, ...], list[str] | None, bool],
        templates: Sequence[Template],
        template: Template,
        tables: ReportTables,
    ) -> _Located | None:
        """The rows *template* read in *tables*, or ``None`` when they cannot be told."""
        if not described[4]:
            return None
        place: dict[int, tuple[int, int]] = {}
        for t, (_, _, rows) in enumerate(tables.tables):
            for r, info in enumerate(rows):
                place[id(info[0])] = (t, r)
        if len(place) != sum(len(rows) for _, _, rows in tables.tables):
            return None  # a row object standing twice
        if [len(rows) for rows in seen.rows] != [len(rows) for _, _, rows in tables.tables]:
            return None
        located = tuple(
            tuple((*place[id(info[0])], *info[1:]) for info in rows)
            for rows in template.locate(tables)
        )
        fixed = set(described[0])
        values = [i for i in range(len(seen.cells)) if i not in fixed]
        return _Located(tuple(templates), template, described, values, located)

    def fits(self, seen: _Seen) -> list[Value] | None:
        """Is *seen* alike in all that matching depends on? (No counts are read from it:
        an empty list when it is.)"""
        texts = seen.texts
        if self.fixed_get(texts) != self.fixed:
            return None
        # Each distinct text once: a damaged report repeats its texts, 0 above all.
        if not all(map(_IS_VALUE, map(classify, set(self.value_get(texts))))):
            return None
        if seen.to_simplified is not None and self.folded != _fold_labels(
            self.labels, seen.to_simplified
        ):
            return None
        return []

    def run(self, seen: _Seen) -> tuple[Statistics, list[Diagnostic]] | None:
        """Read *seen*, a report this plan fits, and check it; ``None`` when a table's
        match is no longer kept."""
        for matcher, skeleton in self.skeletons:
            if skeleton not in matcher.plans:
                return None
        template = self.template
        rows = seen.rows
        reader = _Reader(template, lambda: ReportTables(seen.sections, seen.to_simplified))
        statistics, diagnostics = template._read_located(
            reader,
            [
                [
                    (rows[t][r], cells, labels, first, keys)
                    for t, r, cells, labels, first, keys in table
                ]
                for table in self.located
            ],
        )
        diagnostics.extend(template.check(statistics))
        return statistics, diagnostics


# ---------------------------------------------------------------------------
# The entry point
# ---------------------------------------------------------------------------


def read_statistics(
    sections: Sequence[Section],
    templates: Sequence[Template],
    year: int | None,
    to_simplified: Callable[[str], str] | None,
) -> tuple[Template | None, Statistics | None, list[Diagnostic]]:
    """Recognise the template of a report and read and check its statistics.

    :param to_simplified: folds a label to Simplified script (``None``: it already is).
    :returns: ``(template, statistics, diagnostics)``; template and statistics are
        ``None`` when the report has no statutory table.
    """
    if not templates:
        return None, None, []
    seen = _Seen.of(sections, templates, year, to_simplified)
    plans = None
    if seen is not None:
        plans = _plans_of(seen.shape)
        for plan in reversed(plans):
            if isinstance(plan, _ReportPlan):
                fit = plan.fits(seen)
                if fit is not None:
                    try:
                        return (plan.template, *plan.run(seen, fit))
                    except GipparseError:
                        raise
                    except Exception as exc:
                        raise _failure(exc) from exc
            elif isinstance(plan, _Located) and plan.fits(seen) is not None:
                try:
                    read = plan.run(seen)
                except GipparseError:
                    raise
                except Exception as exc:
                    raise _failure(exc) from exc
                if read is not None:
                    return (plan.template, *read)
                break
    tables = ReportTables(sections, to_simplified)
    if not tables.tables:
        return (
            None,
            None,
            [Diagnostic(Severity.WARNING, "template.no-tables", "the report has no table")],
        )
    diagnostics: list[Diagnostic] = []
    try:
        template, by_reading = _choose_how(tables, templates, year, diagnostics)
        trace: list[_Traced] | None = (
            [] if plans is not None and not by_reading and not diagnostics else None
        )
        if trace is None:
            statistics, found = template.read(tables)
        else:  # plans are made only when every template is a plain Template
            statistics, found = template._read(tables, trace)
        diagnostics.extend(found)
        if statistics is None:
            return None, None, diagnostics
        diagnostics.extend(template.check(statistics))
    except GipparseError:
        raise
    except Exception as exc:
        raise _failure(exc) from exc
    if trace is not None and seen is not None and plans is not None:
        # A plan costs more to make than a reading, and describing a layout costs a tenth
        # of one: the first report of a shape only marks it, the next ones leave their
        # layout's description, and a plan is made when a described layout is read again
        # (many layouts, and shapes, occur once). A reading that needed diagnostics
        # beyond those of values (a damaged table) is not replayed cell by cell: its plan
        # keeps which rows each table read.
        if not plans:
            plans.append(())
            return template, statistics, diagnostics
        described = seen.describe(tables)
        layout = (described[0], described[1], described[3])
        if layout in plans:
            made: _ReportPlan | _Located | None
            if all(d.code.startswith("value.") for d in found):
                made = _ReportPlan.build(seen, described, templates, template, trace, found)
            else:
                made = _Located.build(seen, described, templates, template, tables)
            if made is not None:
                with suppress(ValueError):  # another thread replaced it
                    plans[plans.index(layout)] = made
        elif described[4]:
            if len(plans) >= _PLANS_PER_SHAPE:
                # Forget the oldest layout read once, rather than a plan.
                once = [
                    i for i, p in enumerate(plans) if not isinstance(p, (_ReportPlan, _Located))
                ]
                del plans[once[0] if once else 0]
            plans.append(layout)
    return template, statistics, diagnostics


def _failure(exc: Exception) -> PluginError:
    # Templates are plugin code (the built-in ones too): name the culprit, as hooks do.
    return PluginError(
        f"reading the statistics failed: {type(exc).__name__}: {exc}",
        plugin=culprit_of(exc),
    )
