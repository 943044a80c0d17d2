"""Statutory templates as data, and the one engine that reads every template.

A :class:`Template` is declarative: its tables (:class:`TableSpec`) list rows
(:class:`RowSpec`) and columns (:class:`Column`) with their keys and Chinese labels; its
relations (:class:`Relation`) say which sums must hold; its markers are the labels that
tell its tables from the others'. The built-in templates ``2020`` and ``2021`` are data modules
(:mod:`gipparse.templates.y2020`, :mod:`gipparse.templates.y2021`) registered by the
plugin :mod:`gipparse.templates.builtin` through ``gipparse_register_templates``; a
template for a new year is one more data module and its registration.

How a report is read (:func:`gipparse.templates.plans.read_statistics` is the entry point):

1. **Recognise**: each template scores the report by the share of its markers the tables
   print (:meth:`Template.score`); the report year is a prior that breaks ties, and a
   disagreement between the two is a ``template.year-mismatch`` diagnostic.
2. **Locate**: rows are assigned to the template's tables by signature (a caption such as
   ``第二十条``, ``申请人情况``, ``行政复议``), the section a table stands in being a hint for
   tables that carry none; tables split in two and reports whose sections were not
   recognised are read all the same.
3. **Match rows by label**, on the folded Simplified form, with the numbering (``1.``
   ``1、`` ``（一）``), punctuation and bracket width ignored; dictionary lookups first, group
   context for labels that are ambiguous alone (``3.其他`` only under （六）), one typo
   tolerated as a fallback. Rows whose labels were lost are placed by template order
   between the rows that kept theirs, only when they fit exactly, with a diagnostic.
   Matching gives a plain value, a :class:`ReadingPlan` (:meth:`Template.plan`): which
   cell gives which key, with its kind and unit, and what matching found to say.
4. **Read values**: the plan is applied to the cells (:meth:`ReadingPlan.apply`), each
   read with :func:`gipparse.templates.values.read_value`; a cell that cannot be read is
   ``None`` with a diagnostic, never a guess. Derived rows are summed.

Real reports repeat a few skeletons with other numbers: the plan of a report is kept for
the next report of its skeleton, which skips steps 1 to 3 (see
:mod:`gipparse.templates.plans`). The relations are evaluated afterwards, by
:mod:`gipparse.checks.relations`.

To change how a template is recognised or read, subclass :class:`Template` and override
:meth:`~Template.score`, :meth:`~Template.locate` or :meth:`~Template.read`; register an
instance of the subclass from your plugin.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Sequence, Set
from functools import lru_cache
from itertools import accumulate, compress, repeat
from typing import TYPE_CHECKING, Any, Protocol, cast

import attrs

from .. import patterns
from ..caches import kept, track
from ..classes import IndexedOnly, frozen
from ..tree.nodes import (
    AT,
    Cell,
    Diagnostic,
    Row,
    Section,
    Severity,
    Span,
    Table,
    TableCells,
    new_diagnostics,
    new_spans,
    tuple_getter,
)
from ..tree.text import fold, normalize_text
from .schema import RowSpec, Schema, TableSpec, sum_known, written_ahead
from .statistics import LazySources, Statistics
from .values import (
    MAX_DIGITS,
    Value,
    ValueRead,
    all_known,
    classify,
    is_digit_run,
    read_cached,
    split_numbers,
)

try:
    from .keys import LABEL_KEYS as _KNOWN_KEYS
except ImportError:  # (the module being written again by keygen: folded as any other)
    _KNOWN_KEYS = {}
try:
    from .keys import LOOKUPS as _LOOKUPS
except ImportError:  # (likewise: the lookup tables derived as any other's)
    _LOOKUPS = {}

# ---------------------------------------------------------------------------
# Labels
# ---------------------------------------------------------------------------

_NUMBERING_RE = patterns.compile(
    r"\((?:[一二三四五六七八九十]{1,3}|[0-9]{1,2})\)"
    r"|[一二三四五六七八九十]{1,3}[,.]"
    r"|[0-9]{1,2}[.,](?![0-9])"
)
_NON_WORD_RE = patterns.compile(r"[\W_]+")
_TRAILING_REMARK_RE = patterns.compile(r"\([^()]*\)$")
_UNIT_RE = patterns.compile(r"\((?:单位:?)?(万元|亿元|元)\)")


@lru_cache(maxsize=4096)
def label_keys(folded: str) -> tuple[str, str]:
    """The matching keys of a folded label: ``(full, short)``.

    The numbering at the start (``1.`` ``1,`` ``(1)`` ``(一)`` ``一,``) is dropped, then every
    character that is not a letter or digit; ``short`` also drops a trailing bracketed
    remark (``部分公开(区分处理的…)`` → ``部分公开``).
    """
    m = _NUMBERING_RE.match(folded)
    body = folded[m.end() :] if m is not None else folded
    full = _NON_WORD_RE.sub("", body)
    short = _NON_WORD_RE.sub("", _TRAILING_REMARK_RE.sub("", body))
    return full, short or full


def within_one_edit(a: str, b: str) -> bool:
    """Whether *b* is *a* with at most one character inserted, deleted or replaced: what
    the ``regex`` pattern ``(?:A){e<=1}`` says of *b* in full, told without importing
    ``regex`` (which costs a process more than reading a report)."""
    n, m = len(a), len(b)
    if n == m:
        differ = 0
        for x, y in zip(a, b, strict=True):
            if x != y:
                differ += 1
                if differ > 1:
                    return False
        return True
    if n == m + 1:
        a, b, n = b, a, m
    elif m != n + 1:
        return False
    # b is one character longer than a: a is b without one of its characters.
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def _key_of(label: str) -> tuple[str, str]:
    """The label keys of *label*: those of the built-in templates' texts are computed
    ahead of time (:mod:`.keys`); folding them was two thirds of making a template's
    lookup tables, paid by the first report of a process."""
    found = _KNOWN_KEYS.get(label)
    return found if found is not None else label_keys(fold(label))


#: What templates know of a cell: ``(kind, full key, short key)``; kind is ``"blank"``,
#: ``"value"`` or ``"label"``, the keys (see :func:`label_keys`) are empty but for labels.
CellInfo = tuple[str, str, str]
#: A row, the information of each of its cells, the indices of its label cells before the
#: first value cell, the index of that first value cell (the row's length if none), and
#: the full keys of all its label cells.
RowInfo = tuple[Row, tuple[CellInfo, ...], tuple[int, ...], int, tuple[str, ...]]


_RAW = operator.attrgetter("raw")
_VALUE = operator.attrgetter("value")
_CODE = operator.attrgetter("code")

#: What rows are, by their cell texts, for reports already in Simplified script.
_SHAPES: dict[
    tuple[str, ...], tuple[tuple[CellInfo, ...], tuple[int, ...], tuple[str, ...], int]
] = kept({})
_SHAPES_LIMIT = 4096
#: What a cell is, by its text, for reports already in Simplified script.
_DESCRIBED: dict[str, CellInfo] = kept({})
#: What a blank or value cell is, by its text, whatever the script.
_PLAIN: dict[str, CellInfo] = kept({})
#: Where a row's label cells and first value cell stand, by what its cells are.
_LAYOUTS: dict[tuple[CellInfo, ...], tuple[tuple[int, ...], tuple[str, ...], int]] = kept({})


class ReportTables:
    """The tables of a report as templates see them: each with the kind of the section it
    stands in, and what each cell is (blank, value or label, with the label's keys),
    computed once per distinct cell text. Label keys are taken on the folded Simplified
    form; *to_simplified* is applied to label cells only."""

    def __init__(
        self, sections: Sequence[Section], to_simplified: Callable[[str], str] | None = None
    ) -> None:
        self._to_simplified = to_simplified
        self._info: dict[str, CellInfo] = {}
        self._simplified: dict[str, str] = {}
        if to_simplified is not None:
            self._simplify_labels(sections, to_simplified)
        tables: list[tuple[Table, str, tuple[RowInfo, ...]]] = []
        labels: list[str] = []
        for section in sections:
            for block in section.blocks:
                if isinstance(block, Table):
                    rows = tuple(self._row(row, labels) for row in block.rows)
                    tables.append((block, section.kind, rows))
        self.tables: tuple[tuple[Table, str, tuple[RowInfo, ...]], ...] = tuple(tables)
        #: The full key of every label cell, one per line: what markers are looked for in.
        self.text = "\n".join(labels)

    def _row(self, row: Row, labels: list[str]) -> RowInfo:
        shared = self._to_simplified is None
        texts = tuple(map(_RAW, row.cells))
        if shared:
            # Without a script to fold, what a row is depends on its texts alone; real
            # reports repeat whole rows (a label and seven zeros) endlessly.
            found = _SHAPES.get(texts)
            if found is not None:
                labels.extend(found[2])
                return row, found[0], found[1], found[3], found[2]
            # ...and what a cell is, on its text alone: kept across reports.
            if len(_DESCRIBED) >= _CACHE_LIMIT:
                _DESCRIBED.clear()
            get = _DESCRIBED.get
            infos = tuple([get(raw) or self._describe_into(_DESCRIBED, raw) for raw in texts])
        else:
            # Labels depend on the script folding; blanks and values do not.
            get, plain = self._info.get, _PLAIN.get
            infos = tuple([get(raw) or plain(raw) or self._describe_scripted(raw) for raw in texts])
        # Where the labels and the first value stand depends on the cells' kinds and keys
        # only: rows of different numbers share it.
        layout = _LAYOUTS.get(infos)
        if layout is None:
            label_cells: list[int] = []
            label_texts: list[str] = []
            first_value = -1
            for i, info in enumerate(infos):
                kind = info[0]
                if kind == "label":
                    label_texts.append(info[1])
                    if first_value < 0:
                        label_cells.append(i)
                elif kind == "value" and first_value < 0:
                    first_value = i
            if first_value < 0:
                first_value = len(infos)
            if len(_LAYOUTS) >= _SHAPES_LIMIT:
                _LAYOUTS.clear()
            layout = _LAYOUTS[infos] = (tuple(label_cells), tuple(label_texts), first_value)
        labels.extend(layout[1])
        if shared:
            if len(_SHAPES) >= _SHAPES_LIMIT:
                _SHAPES.clear()
            _SHAPES[texts] = (infos, layout[0], layout[1], layout[2])
        return row, infos, layout[0], layout[2], layout[1]

    def _describe_into(self, cache: dict[str, CellInfo], raw: str) -> CellInfo:
        info = cache[raw] = self.describe(raw)
        return info

    def _describe_scripted(self, raw: str) -> CellInfo:
        info = self.describe(raw)
        if info[0] == "label":
            self._info[raw] = info
        else:
            if len(_PLAIN) >= _CACHE_LIMIT:
                _PLAIN.clear()
            _PLAIN[raw] = info
        return info

    def _simplify_labels(
        self, sections: Sequence[Section], to_simplified: Callable[[str], str]
    ) -> None:
        """Fold every distinct label text to Simplified in one call instead of one hook
        call per text. Label folding works character by character, so texts joined by NUL
        come back in as many pieces (checked; otherwise each text is folded alone)."""
        texts = list(
            dict.fromkeys(
                cell.raw
                for section in sections
                for block in section.blocks
                if isinstance(block, Table)
                for cell in block.cells()
                if "\x00" not in cell.raw and classify(cell.raw) == "label"
            )
        )
        if not texts:
            return
        converted = to_simplified("\x00".join(texts)).split("\x00")
        if len(converted) != len(texts):
            converted = [to_simplified(t) for t in texts]
        self._simplified = dict(zip(texts, converted, strict=True))

    def simplified(self, raw: str) -> str:
        """*raw* in Simplified script (as the script plugin folds labels)."""
        if self._to_simplified is None:
            return raw
        found = self._simplified.get(raw)
        return found if found is not None else self._to_simplified(raw)

    def describe(self, raw: str) -> CellInfo:
        """What a cell holding *raw* is."""
        kind = classify(raw)
        if kind != "label":
            return kind, "", ""
        full, short = label_keys(fold(self.simplified(raw)))
        return kind, full, short

    def folded(self, cell: Cell) -> str:
        """The folded Simplified text of *cell*."""
        return fold(self.simplified(cell.raw))


# ---------------------------------------------------------------------------
# Row matching
# ---------------------------------------------------------------------------

#: Bound of the caches keyed by label or cell texts.
_CACHE_LIMIT = 8192
#: Readings of whole rows: (column kinds, column units, cell texts) -> (values, readings
#: when one of them needed a rule). Real tables repeat rows of zeros endlessly.
_ROW_CACHE: dict[
    tuple[tuple[str, ...], tuple[str, ...] | None, tuple[str, ...]],
    tuple[tuple[Value, ...], tuple[ValueRead, ...] | None],
] = kept({})


#: A diagnostic of matching, made again from the rows of the next table of the same
#: skeleton: ``(what, row index, arguments)`` (see :meth:`_Reader.emit`).
_Event = tuple[str, int, tuple[Any, ...]]
#: Which row of the template reads which row of a table: ``((leaf, row index, index of
#: the row holding its values, first value cell, whether its label was lost), ...)``, the
#: units header cells give columns, and the diagnostics matching made.
_Plan = tuple[tuple[tuple[int, int, int, int, bool], ...], dict[str, str], tuple[_Event, ...]]
#: Bound of the plans kept per table of a template.
_PLAN_LIMIT = 512


#: The fields of a :class:`Template` made when first asked for (see ``Template._deferred``).
_DEFERRED_FIELDS = frozenset(
    ("tables", "relations", "keys", "key_set", "derived", "_labels", "_kinds")
)


def _forget(template: Template) -> None:
    """Empty what *template* keeps across reports (see :mod:`gipparse.caches`)."""
    template._signatures.clear()
    for matchers in template._built:
        for matcher in matchers:
            matcher.plans.clear()


if TYPE_CHECKING:  # (a type: made at run time, it would cost the import for nothing)
    #: What a table's lookup tables hold, as :func:`_lookup_data` gives it and :mod:`.keys`
    #: holds it for the built-in templates: ``(groups, leaves, row groups, unit keys, kinds,
    #: headers, signature, printed rows, value count, misprints, variants, shortest key - 1,
    #: longest key + 2)``, mappings as tuples of their items and sets as sorted tuples.
    LookupData = tuple[
        tuple[tuple[str, int], ...],
        tuple[tuple[tuple[str | None, str], int], ...],
        tuple[tuple[str, ...], ...],
        tuple[tuple[str, ...], ...],
        tuple[tuple[str, ...], ...],
        tuple[str, ...],
        tuple[str, ...],
        tuple[int, ...],
        int,
        tuple[str, ...],
        tuple[tuple[str, ...], ...],
        int,
        int,
    ]


def _lookup_data(spec: TableSpec) -> LookupData:
    """What the lookup tables of *spec* hold (see :class:`_Matcher`), from its labels."""
    groups: dict[str, int] = {}
    leaves: dict[tuple[str | None, str], int] = {}
    row_groups: list[tuple[str, ...]] = []
    headers: set[str] = set()
    for text in spec.header_labels + tuple(c for row in spec.header for c in row):
        if text:
            headers.update(_key_of(text))
    unit_keys: list[tuple[str, ...]] = []
    kinds: list[tuple[str, ...]] = []
    # Rows share their columns (the seven of table 三 are one tuple): what columns give
    # is worked out once per tuple of them.
    by_columns: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for row in spec.rows:
        columns = row.columns
        given = by_columns.get(id(columns))
        if given is None:
            for col in columns:
                for text in (col.label, *col.aliases):
                    headers.update(_key_of(text))
            given = by_columns[id(columns)] = (
                tuple([_key_of(c.label)[1] for c in columns]),
                tuple([c.kind.value for c in columns]),
            )
        unit_keys.append(given[0])
        kinds.append(given[1])
    if spec.row_header:
        headers.update(_key_of(spec.row_header))
    signature = tuple(_key_of(s)[0] for s in spec.signature)
    printed = tuple(i for i, r in enumerate(spec.rows) if not r.derived_from)
    value_count = sum(len(r.columns) for r in spec.rows)

    counts: dict[str, int] = {}
    variants: list[set[str]] = []
    misprints: set[str] = set()
    for row in spec.rows:
        group_keys = tuple([_key_of(g)[1] for g in row.groups])
        row_groups.append(group_keys)
        for depth, gkey in enumerate(group_keys):
            groups.setdefault(gkey, depth)
        keys: set[str] = set()
        for text in (row.label, *row.aliases):
            if text:
                keys.update(_key_of(text))
        for text in row.misprints:
            misprinted = set(_key_of(text)) - keys
            misprints.update(misprinted)
            keys.update(misprinted)
        variants.append(keys)
        for k in keys:
            counts[k] = counts.get(k, 0) + 1
    ambiguous: set[tuple[str | None, str]] = set()
    for index, keys in enumerate(variants):
        for k in keys:
            scopes: list[str | None] = list(row_groups[index])
            if counts[k] == 1 and k not in headers:
                scopes.append(None)  # unique alone: no context needed
            for scope in scopes:
                entry = (scope, k)
                if entry in leaves and leaves[entry] != index:
                    ambiguous.add(entry)
                leaves[entry] = index
    for entry in ambiguous:
        del leaves[entry]
    lengths = [len(k) for ks in variants for k in ks]
    return (
        tuple(groups.items()),
        # (Sorted: what a set gives depends on how its strings hash in this process.)
        tuple(sorted(leaves.items(), key=lambda e: (e[0][0] is not None, e[0][0] or "", e[0][1]))),
        tuple(row_groups),
        tuple(unit_keys),
        tuple(kinds),
        tuple(sorted(headers)),
        signature,
        printed,
        value_count,
        tuple(sorted(misprints)),
        tuple(tuple(sorted(keys)) for keys in variants),
        # A label within one edit of a key is at most one character longer or shorter.
        min(lengths, default=0) - 1,
        max(lengths, default=0) + 2,
    )


class _Matcher:
    """Label lookup tables for one TableSpec, built once per template."""

    def __init__(
        self,
        spec: TableSpec,
        table_keys: Sequence[str] | None = None,
        data: LookupData | None = None,
    ) -> None:
        """*table_keys*: the statistic keys of the table, row by row (its slice of its
        template's keys, which are made as this makes them), when known. *data*: what
        :func:`_lookup_data` gives for *spec*, when known (a built-in template's, written
        ahead of time)."""
        self.spec = spec
        #: Per row: its keys, and the header unit key of each column.
        self.keys: list[tuple[str, ...]] = []
        if table_keys is not None:
            # (The template's own strings: no key joined again.)
            at = 0
            for row in spec.rows:
                n = len(row.columns)
                self.keys.append(tuple(table_keys[at : at + n]))
                at += n
        elif type(spec).key is TableSpec.key:
            # Keys joined as TableSpec.key joins them, the row's part once.
            for row in spec.rows:
                prefix = ".".join([p for p in (spec.name, row.key) if p])
                self.keys.append(
                    tuple(
                        [
                            f"{prefix}.{c.key}" if prefix and c.key else prefix or c.key
                            for c in row.columns
                        ]
                    )
                )
        else:
            self.keys.extend(tuple([spec.key(row, c) for c in row.columns]) for row in spec.rows)
        if data is None:
            data = _lookup_data(spec)
        (
            groups,
            leaves,
            row_groups,
            unit_keys,
            kinds,
            headers,
            self.signature,
            printed,
            self.value_count,
            misprints,
            variants,
            shortest,
            longest,
        ) = data
        self.groups: dict[str, int] = dict(groups)
        self.leaves: dict[tuple[str | None, str], int] = dict(leaves)
        self.row_groups: list[list[str]] = [list(g) for g in row_groups]
        self.unit_keys: list[tuple[str, ...]] = list(unit_keys)
        self.kinds: list[tuple[str, ...]] = list(kinds)
        self.headers = frozenset(headers)
        self.printed = list(printed)
        #: Label keys of misprints: a row matched by one is noted as a typo.
        self.misprints: set[str] = set(misprints)
        self.direct = {k: i for (scope, k), i in self.leaves.items() if scope is None}
        #: Match plans of tables by skeleton (see _Reader.match_labelled).
        self.plans: dict[tuple[tuple[CellInfo, ...], ...], _Plan] = {}
        self._variants = [set(keys) for keys in variants]
        #: The keys of 4 characters or more, and their rows, for :meth:`fuzzy_leaf`.
        self._fuzzy: list[tuple[str, int]] | None = None
        #: A label within one edit of a key is at most one character longer or shorter.
        self._fuzzy_lengths = range(shortest, longest)

    def leaf(self, full: str, short: str, stack: Sequence[str]) -> int | None:
        # A label unique in the table needs no context: one lookup answers (scoped
        # entries for it would give the same row).
        found = self.direct.get(full)
        if found is not None:
            return found
        leaves = self.leaves
        for k in (full, short):
            for scope in reversed(stack):
                found = leaves.get((scope, k))
                if found is not None:
                    return found
            found = leaves.get((None, k))
            if found is not None:
                return found
        return None

    def group(self, full: str, short: str) -> tuple[str, int] | None:
        depth = self.groups.get(short)
        if depth is not None:
            return short, depth
        depth = self.groups.get(full)
        return None if depth is None else (full, depth)

    def fuzzy_leaf(self, key: str) -> int | None:
        """The one row whose label is within one edit of *key*, or ``None``."""
        if len(key) < 4 or len(key) not in self._fuzzy_lengths or key in self.headers:
            return None
        if self._fuzzy is None:
            self._fuzzy = [
                (k, index)
                for index, ks in enumerate(self._variants)
                for k in sorted(ks)
                if len(k) >= 4
            ]
        near = within_one_edit
        found = {index for k, index in self._fuzzy if near(k, key)}
        return found.pop() if len(found) == 1 else None

    def is_header(self, full: str, short: str) -> bool:
        return full in self.headers or short in self.headers or self.signed(full)

    def signed(self, key: str) -> bool:
        return any(s in key for s in self.signature)


class _Entry:
    """A data row of a labelled table, after label matching."""

    __slots__ = ("at", "group", "index", "labelled", "leaf", "placeable", "row", "values")

    def __init__(  # noqa: PLR0917
        self,
        row: Row,
        leaf: int | None,
        values: list[Cell],
        labelled: bool,
        group: str | None = None,
        placeable: bool = True,
    ) -> None:
        self.row = row
        self.leaf = leaf
        self.values = values
        self.labelled = labelled
        self.group = group
        self.placeable = placeable
        #: The row's index in the table's rows, and that of the row holding its values.
        self.index = -1
        self.at = -1


# ---------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------


@frozen
class Template(Schema):
    """A statutory template that reads reports: a :class:`~gipparse.templates.schema.Schema`
    (same fields, same keys) with the engine that recognises, locates and reads
    its tables. ``Template.of(schema)`` makes one from a schema.

    Lookup tables (folded labels, keys) are built once, when the template first reads
    a report (recognising one needs its markers only: a report is read by one template).
    Subclass to change recognition (:meth:`score`), where tables are
    found (:meth:`locate`) or how they are read (:meth:`read`); a subclass may be an
    ``attrs`` class or a plain one. For instance, a provincial
    variant of the 2021 template recognised by a caption of its own::

        class Provincial(Template):
            def score(self, tables: ReportTables) -> float:
                return 1.0 if "本省补充事项" in tables.text else 0.0

        PROVINCIAL = Provincial(
            id="2021-zj", title="...", first_year=2021, last_year=None,
            tables=(*TEMPLATE_2021.tables, SUPPLEMENT_TABLE),
            relations=TEMPLATE_2021.relations,
        )

        @gipparse.hookimpl
        def gipparse_register_templates(register):
            register(PROVINCIAL)
    """

    #: The lookup tables of each table, once built (see :attr:`_matchers`).
    _built: list[tuple[_Matcher, ...]] = attrs.field(init=False, eq=False, repr=False)
    _marker_keys: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    _signatures: dict[str, int] = attrs.field(init=False, eq=False, repr=False)
    #: What gives the schema of a template made by :meth:`_deferred` (its tables and
    #: relations), until they are first asked for; ``None`` once they are there.
    _schema: Callable[[], Schema] | None = attrs.field(init=False, eq=False, repr=False)

    @classmethod
    def of(cls, schema: Schema) -> Template:
        """The template of *schema*."""
        return cls(
            id=schema.id,
            title=schema.title,
            first_year=schema.first_year,
            last_year=schema.last_year,
            tables=schema.tables,
            relations=schema.relations,
            markers=schema.markers,
        )

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        set_ = object.__setattr__
        set_(self, "_built", [])
        set_(self, "_marker_keys", tuple(_key_of(m)[0] for m in self.markers))
        set_(self, "_signatures", {})
        set_(self, "_schema", None)
        track(self, _forget)

    @classmethod
    def _deferred(
        cls,
        id: str,
        *,
        title: str,
        first_year: int,
        last_year: int | None,
        markers: tuple[str, ...],
        schema: Callable[[], Schema],
    ) -> Template:
        """The template of the schema *schema()* gives, which has the other arguments' id,
        title, years and markers: made of those alone (what recognising a report asks of
        a template), its tables, relations, keys and labels made when first asked for.

        The built-in templates are made so: a process reading reports of one template
        makes only that one's tables and keys. Once made, the template is the one
        ``Template.of(schema())`` gives. When *schema* has a ``keys()`` method, giving the
        keys its schema defines, the keys alone are taken from it, without making the
        tables (the CSV header lists every template's keys).
        """
        self = object.__new__(cls)
        set_ = object.__setattr__
        set_(self, "id", id)
        set_(self, "title", title)
        set_(self, "first_year", first_year)
        set_(self, "last_year", last_year)
        set_(self, "markers", markers)
        set_(self, "_built", [])
        set_(self, "_marker_keys", tuple(_key_of(m)[0] for m in markers))
        set_(self, "_signatures", {})
        set_(self, "_schema", schema)
        track(self, _forget)
        return self

    if not TYPE_CHECKING:  # for type checkers, every field is always there

        def __getattr__(self, name: str) -> Any:
            # Called only for a field not set: one of a template made by _deferred.
            try:
                schema = object.__getattribute__(self, "_schema")
            except AttributeError:
                schema = None
            if schema is None or name not in _DEFERRED_FIELDS:
                raise AttributeError(
                    f"{type(self).__name__!r} object has no attribute {name!r}", name=name, obj=self
                )
            known = getattr(schema, "keys", None) if name == "keys" else None
            if known is not None:
                # Keys known ahead of time (a built-in template's): the tables are made
                # when something else is asked for.
                keys = known()
                object.__setattr__(self, "keys", keys)
                return keys
            self._complete(schema())
            return object.__getattribute__(self, name)

    def _complete(self, schema: Schema) -> None:
        """Give a template made by :meth:`_deferred` the tables and relations of *schema*,
        and what they define (keys, labels, kinds)."""
        given = (self.id, self.title, self.first_year, self.last_year, self.markers)
        if (schema.id, schema.title, schema.first_year, schema.last_year, schema.markers) != given:
            raise ValueError(f"template {self.id}: its schema is another template's ({schema.id})")
        set_ = object.__setattr__
        set_(self, "tables", schema.tables)
        set_(self, "relations", schema.relations)
        Schema.__attrs_post_init__(self)
        set_(self, "_schema", None)

    @property
    def _matchers(self) -> tuple[_Matcher, ...]:
        """The label lookup tables of each table, built on first use."""
        built = self._built
        if not built:
            # Each table's keys are its slice of the template's, which the schema made
            # table by table, row by row, as a matcher makes them (unless they are not
            # as many as the tables' values: then each matcher makes its own).
            keys = self.keys
            tables = self.tables
            counts = [sum([len(row.columns) for row in spec.rows]) for spec in tables]
            # What a built-in template's tables hold is written ahead of time (deriving
            # it from their labels cost the first report of a process 1.4 M
            # instructions), unless the data module changed and the module was not
            # written again (its rows are not as many).
            known = written_ahead(tables)
            data: Sequence[LookupData | None] = _LOOKUPS.get(known, ()) if known else ()
            if len(data) != len(tables) or any(
                d is None or len(d[2]) != len(spec.rows)
                for d, spec in zip(data, tables, strict=True)
            ):
                data = [None] * len(tables)
            if sum(counts) != len(keys):
                built.append(tuple(_Matcher(s, None, d) for s, d in zip(tables, data, strict=True)))
            else:
                ends = list(accumulate(counts))
                built.append(
                    tuple(
                        _Matcher(spec, keys[end - count : end], d)
                        for spec, count, end, d in zip(tables, counts, ends, data, strict=True)
                    )
                )
        return built[0]

    # -- recognition --------------------------------------------------------------------

    def score(self, tables: ReportTables) -> float:
        """How strongly the tables say they follow this template: the share of this
        template's markers they print, from 0 to 1.

        A share, not a count, so that a template extending another (the same tables plus
        one block) needs only the markers of what it adds: a report printing that block
        scores 1 for both, and the report year, then the number of values each reads,
        decide between them.
        """
        keys = self._marker_keys
        if not keys:
            return 0.0
        text = tables.text
        return sum(1 for m in keys if m in text) / len(keys)

    def markers_found(self, tables: ReportTables) -> list[str]:
        """The markers of this template the tables print."""
        text = tables.text
        return [m for m, k in zip(self.markers, self._marker_keys, strict=True) if k in text]

    # -- locating tables ----------------------------------------------------------------

    def locate(self, tables: ReportTables) -> list[list[RowInfo]]:
        """The rows of each of this template's tables (in the order of :attr:`tables`).

        A row with a label carrying a table's signature switches to that table; rows before
        the first signature of a table, and tables without any, continue the table before
        them or belong to the table of the section they stand in, when some of their rows
        fit it.
        """
        found: list[list[RowInfo]] = [[] for _ in self.tables]
        by_section = {spec.section: i for i, spec in enumerate(self.tables)}
        current: int | None = None
        for _, section, rows in tables.tables:
            signed = [self._signature(info[4]) for info in rows]
            hinted = by_section.get(section, current)
            if all(s < 0 for s in signed):
                if hinted is None or not self._fits(hinted, rows, found[hinted]):
                    current = None
                    continue
                spec: int | None = hinted
            else:
                spec = hinted if signed[0] < 0 else None
            for row, sig in zip(rows, signed, strict=True):
                if sig >= 0:
                    spec = sig
                if spec is not None:
                    found[spec].append(row)
            current = spec
        return found

    def _signature(self, labels: tuple[str, ...]) -> int:
        """The index of the table whose signature a row with these label keys carries,
        or -1."""
        cache = self._signatures
        for full in labels:
            found = cache.get(full)
            if found is None:
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                found = cache[full] = next(
                    (i for i, m in enumerate(self._matchers) if m.signed(full)), -1
                )
            if found >= 0:
                return found
        return -1

    def _fits(self, index: int, rows: Sequence[RowInfo], found: list[RowInfo]) -> bool:
        """May *rows*, which carry no signature, belong to table *index*?"""
        matcher = self._matchers[index]
        if matcher.spec.labelled:
            return any(
                matcher.leaf(full, short, ()) is not None
                for row in rows
                for kind, full, short in row[1]
                if kind == "label"
            )
        have = sum(1 for row in found for info in row[1] if info[0] == "value")
        return have < matcher.value_count and any(not row[2] for row in rows)

    # -- reading ------------------------------------------------------------------------

    def read(self, tables: ReportTables) -> tuple[Statistics | None, list[Diagnostic]]:
        """Read the statistics from *tables*: ``(statistics, diagnostics)``; statistics are
        ``None`` when none of the template's tables is found.

        Reading is matching, which gives a plan (:meth:`plan`), and applying the plan to
        the cells (:meth:`ReadingPlan.apply`)."""
        plan = self.plan(tables)
        if plan is None:
            return None, [no_statutory_table()]
        rows = [table.rows for table, _, _ in tables.tables]
        cells = [c for table in rows for row in table for c in row.cells]
        return plan.apply(rows, cells)

    def plan(self, tables: ReportTables) -> ReadingPlan | None:
        """Match *tables*: the plan of their reading, or ``None`` when none of the
        template's tables is found. It depends on the tables' skeleton only (what each
        cell is, the texts of those that are not values), not on their numbers."""
        located = self.locate(tables)
        if not any(located):
            return None
        return _plan(self, tables, located)


# ---------------------------------------------------------------------------
# The reader: one template applied to one report's tables
# ---------------------------------------------------------------------------


class _Reader:
    def __init__(
        self, template: Template, tables: ReportTables | Callable[[], ReportTables]
    ) -> None:
        self.template = template
        #: The report's tables, or what makes them when they are needed.
        self._tables = tables
        self.values: dict[str, Value] = {}
        self.sources: dict[str, Cell] = {}
        self.diagnostics: list[Diagnostic] = []

    @property
    def tables(self) -> ReportTables:
        tables = self._tables
        if not isinstance(tables, ReportTables):
            tables = self._tables = tables()
        return tables

    def diag(self, severity: Severity, code: str, message: str, span: Span | None) -> None:
        self.diagnostics.append(Diagnostic(severity, code, message, span))

    # -- labelled tables ----------------------------------------------------------------

    def match_labelled(self, matcher: _Matcher, rows: Sequence[RowInfo]) -> _Plan:
        """Match a table whose rows carry labels (tables 二 and 三): which row reads which
        cells, the units header cells give columns, and what matching found to say, by
        the rows it concerns. It depends only on the rows' skeleton (what each cell is,
        and the keys of label cells), not on the numbers, so it is kept per skeleton."""
        skeleton = tuple([r[1] for r in rows])
        plan = matcher.plans.get(skeleton)
        if plan is None:
            plan = self._match_labelled(matcher, rows)
            if len(matcher.plans) >= _PLAN_LIMIT:
                matcher.plans.clear()
            matcher.plans[skeleton] = plan
        return plan

    def _match_labelled(self, matcher: _Matcher, rows: Sequence[RowInfo]) -> _Plan:
        """Match the rows of a labelled table: the plan :meth:`match_labelled` keeps."""
        events: list[_Event] = []
        entries: list[_Entry] = []
        stack: list[str] = []
        units: dict[str, str] = {}
        pending: _Entry | None = None
        for index in range(len(rows)):
            entry = self._match_row(matcher, rows, index, stack, units, events)
            if entry is None:
                continue
            entry.index = entry.at = index
            if pending is not None:
                if not entry.labelled and entry.group is None and entry.placeable:
                    pending.values = entry.values
                    pending.at = index
                    events.append(("values-below-label", index, (pending.leaf or 0,)))
                    pending = None
                    continue
                pending = None
            if entry.labelled and not entry.values:
                pending = entry
            entries.append(entry)
        if any(not e.labelled for e in entries):
            self._place_unlabelled(matcher, rows, entries, events)
        done: set[int] = set()
        reading: list[_Entry] = []
        for entry in entries:
            leaf = entry.leaf
            if leaf is None:
                continue
            if leaf in done:
                events.append(("duplicate-row", entry.index, (leaf,)))
                continue
            done.add(leaf)
            reading.append(entry)
        if any(i not in done for i in matcher.printed):
            events.append(("missing-rows", -1, (frozenset(done),)))
        return (
            tuple(
                (
                    e.leaf,
                    e.index,
                    e.at,
                    len(rows[e.at][0].cells) - len(e.values),
                    not e.labelled,
                )
                for e in reading
                if e.leaf is not None
            ),
            units,
            tuple(events),
        )

    def emit(self, matcher: _Matcher, rows: Sequence[_RowLike], event: _Event) -> None:
        """The diagnostic of matching *event* describes, for the table of *rows*."""
        what, index, args = event
        spec = matcher.spec
        if what == "missing-rows":
            self._missing_rows(matcher, args[0])
            return
        row = rows[index]
        if what == "no-value-row":
            self.diag(
                Severity.WARNING,
                "table.missing-row",
                f"{spec.title}: the row of values is missing; its values are null",
                row.span,
            )
            return
        if what == "unlabelled-row":
            self.diag(
                Severity.WARNING,
                "table.unlabelled-row",
                _UNLABELLED % (_line(row), _unlabelled(spec, args)),
                row.span,
            )
        elif what == "values-below-label":
            self.diag(
                Severity.INFO,
                "table.values-below-label",
                f"the values of {_label(spec.rows[args[0]])} stand on the "
                f"row below its label (line {_line(row)})",
                row.span,
            )
        elif what == "fuzzy-label":
            cell = row.cells[args[0]]
            self.diag(
                Severity.INFO,
                "table.fuzzy-label",
                f"{cell.text!r} read as {_label(spec.rows[args[1]])}",
                cell.span,
            )
        elif what == "unknown-row":
            cells = row.cells
            self.diag(
                Severity.WARNING,
                "table.unknown-row",
                f"the row {' '.join(cells[i].text for i in args)!r} at line {_line(row)} "
                f"matches no row of {spec.title}; its values are not read",
                row.span,
            )
        else:
            assert what == "duplicate-row"
            self.diag(
                Severity.WARNING,
                "table.duplicate-row",
                f"{_label(spec.rows[args[0]])} is printed again at line {_line(row)}; "
                "the first one is kept",
                row.span,
            )

    def _match_row(  # noqa: PLR0917
        self,
        matcher: _Matcher,
        rows: Sequence[RowInfo],
        index: int,
        stack: list[str],
        units: dict[str, str],
        events: list[_Event],
    ) -> _Entry | None:
        """Match a row's labels: its leaf, the group it names, its value cells.

        Label cells are the text cells before the first number. The first one that names a
        row of the table ends the labels: every cell after it is a value (an unreadable
        value such as ``不详`` included). A label that names both a group and a row (2021:
        （六）其他处理) is the group when another label of the table follows it.
        """
        row, infos, labels, first_value, _ = rows[index]
        cells = row.cells
        leaf: int | None = None
        group: str | None = None
        unknown: list[int] = []
        header = False
        start = labels[-1] + 1 if labels else first_value
        for n, i in enumerate(labels):
            _, full, short = infos[i]
            grouped = matcher.group(full, short)
            found = matcher.leaf(full, short, stack)
            if found is not None and grouped is not None:
                following = labels[n + 1] if n + 1 < len(labels) else None
                if following is None:
                    if not any(x[0] != "blank" for x in infos[i + 1 :]):
                        found = None  # a group label standing alone
                else:
                    _, nfull, nshort = infos[following]
                    scope = [*stack[: grouped[1]], grouped[0]]
                    if (
                        matcher.leaf(nfull, nshort, scope) is not None
                        or matcher.group(nfull, nshort) is not None
                    ):
                        found = None
            if found is not None:
                leaf = found
                stack[:] = matcher.row_groups[found]
                start = i + 1
                if full in matcher.misprints or short in matcher.misprints:
                    events.append(("fuzzy-label", index, (i, found)))
                break
            if grouped is not None:
                gkey, depth = grouped
                del stack[depth:]
                stack.append(gkey)
                group = gkey
            else:
                # A header label in a row with values is a label that matches no row.
                header = header or matcher.is_header(full, short)
                unknown.append(i)
        values = list(cells[start:])
        has_values = first_value < len(infos) or any(x[0] != "blank" for x in infos[start:])

        if leaf is None and unknown and has_values:
            # A typo: one edit away from exactly one row's label.
            i = unknown[0]
            fuzzy = matcher.fuzzy_leaf(infos[i][1])
            if fuzzy is not None:
                leaf = fuzzy
                stack[:] = matcher.row_groups[fuzzy]
                values = list(cells[i + 1 :])
                unknown = []
                events.append(("fuzzy-label", index, (i, fuzzy)))
        if leaf is not None:
            return _Entry(row, leaf, values, True, group)
        if not has_values:
            if header:
                self._header_units(row, units)
            return None
        if unknown:
            events.append(("unknown-row", index, tuple(unknown)))
            return _Entry(row, None, values, False, group, placeable=False)
        return _Entry(row, None, values, False, group)

    def _header_units(self, row: Row, units: dict[str, str]) -> None:
        """Note the unit a header cell gives its column: ``采购总金额（单位：元）``."""
        for cell in row.cells:
            if "元" not in cell.raw:
                continue
            folded = self.tables.folded(cell)
            m = _UNIT_RE.search(folded)
            if m is not None:
                units[label_keys(folded)[1]] = m.group(1)

    def _place_unlabelled(
        self,
        matcher: _Matcher,
        rows: Sequence[RowInfo],
        entries: list[_Entry],
        events: list[_Event],
    ) -> None:
        """Give rows without labels the places between labelled rows, when they fit
        exactly (and each row's group, when it kept one, is its place's)."""
        printed = matcher.printed
        order = {leaf: n for n, leaf in enumerate(printed)}
        i = 0
        while i < len(entries):
            if entries[i].labelled:
                i += 1
                continue
            j = i
            while j < len(entries) and not entries[j].labelled:
                j += 1
            run = entries[i:j]
            before = _order_of(entries[i - 1], order, -1) if i > 0 else -1
            after = _order_of(entries[j], order, len(printed)) if j < len(entries) else len(printed)
            slots = printed[before + 1 : after] if after > before else []
            fits = len(slots) == len(run) and all(
                e.group is None or e.group in matcher.row_groups[slot]
                for e, slot in zip(run, slots, strict=False)
            )
            for n, entry in enumerate(run):
                if not entry.placeable:
                    continue
                if fits:
                    entry.leaf = slots[n]
                    event: _Event = ("unlabelled-row", entry.index, (slots[n],))
                else:
                    event = ("unlabelled-row", entry.index, (len(run), len(slots)))
                events.append(event)
            i = j

    def read_row(
        self,
        matcher: _Matcher,
        leaf: int,
        row: Row,
        values: list[Cell],
        *,
        lost_label: bool,
        units: dict[str, str],
        blanks: list[Cell],
    ) -> None:
        row_spec = matcher.spec.rows[leaf]
        keys = matcher.keys[leaf]
        if len(values) == len(keys):
            cells, texts = values, tuple(map(_RAW, values))
        else:
            fitted = self._fit_cells(matcher.spec, row_spec, row, values, lost_label)
            if fitted is None:
                self.values.update(dict.fromkeys(keys))
                return
            cells, texts = fitted
        unit = tuple(units.get(k, "万元") for k in matcher.unit_keys[leaf]) if units else None
        cache_key = (matcher.kinds[leaf], unit, texts)
        found = _ROW_CACHE.get(cache_key)
        if found is None:
            if len(_ROW_CACHE) >= _CACHE_LIMIT:
                _ROW_CACHE.clear()
            # One value per cell (same lengths by construction), read in C loops: most
            # rows of a report are new to the cache, their numbers differ.
            readings = tuple(map(read_cached, texts, matcher.kinds[leaf], unit or repeat("万元")))
            found = _ROW_CACHE[cache_key] = (
                tuple(map(_VALUE, readings)),
                readings if any(map(_CODE, readings)) else None,
            )
        numbers, reads = found
        # Same lengths by construction: one value and one cell per key.
        self.values.update(zip(keys, numbers))  # noqa: B905
        self.sources.update(zip(keys, cells))  # noqa: B905
        if reads is None:
            return
        for key, col, cell, read in zip(keys, row_spec.columns, cells, reads, strict=True):
            code = read.code
            if code is None:
                continue
            if code == "value.blank-zero":
                blanks.append(cell)
                continue
            where = f"{_label(row_spec)} · {col.label}" if row_spec.label else col.label
            self.diag(read.severity, code, f"{where}: {read.note} ({key})", cell.span)

    def _fit_cells(
        self,
        spec: TableSpec,
        row_spec: RowSpec,
        row: Row,
        values: list[Cell],
        lost_label: bool,
    ) -> tuple[list[Cell], tuple[str, ...]] | None:
        """The value cells of a row, one per column, and the text to read from each; or
        ``None`` (diagnosed) when they cannot be told apart."""
        n = len(row_spec.columns)
        cells = values
        if len(cells) != n:
            cells = list(values)
            while len(cells) > n and not cells[-1].raw.strip():
                cells.pop()
            while len(cells) > n and not cells[0].raw.strip():
                cells.pop(0)
        name = _label(row_spec) if row_spec.label else spec.title
        if len(cells) > n and lost_label:
            # The lost label cell was replaced by values at the start: keep the last n.
            self.diagnostics += [
                _extra_cell(name, extra.text, extra.span, row, len(cells), n)
                for extra in cells[: len(cells) - n]
            ]
            cells = cells[len(cells) - n :]
        if len(cells) == 1 and n > 1:
            parts = split_numbers(cells[0].raw)
            if parts is not None and len(parts) == n:
                self.diag(
                    Severity.WARNING,
                    "table.values-in-one-cell",
                    f"{name}: the {n} values stand in one cell separated by spaces "
                    f"(line {_span_line(cells[0].span, row)})",
                    cells[0].span or row.span,
                )
                return [cells[0]] * n, tuple(parts)
            if is_digit_run(cells[0].raw) and len(cells[0].text) >= n:
                self.diag(
                    Severity.WARNING,
                    "table.concatenated-values",
                    f"{name}: {cells[0].text!r} at line {_span_line(cells[0].span, row)} runs "
                    f"{n} values together; they cannot be told apart, so they are null",
                    cells[0].span or row.span,
                )
                return None
        if len(cells) != n:
            code = "table.extra-cell" if len(cells) > n else "table.missing-cell"
            self.diag(
                Severity.WARNING,
                code,
                f"{name}: the row at line {_line(row)} has {len(cells)} value cell(s) for "
                f"{n} column(s); which is which cannot be told, so its values are null",
                row.span,
            )
            return None
        return cells, tuple(map(_RAW, cells))

    def report_blanks(self, spec: TableSpec, blanks: list[Cell]) -> None:
        if blanks:
            self.diagnostics.append(_blank_zero(spec, [c.span for c in blanks]))

    def _missing_rows(self, matcher: _Matcher, done: set[int]) -> None:
        spec = matcher.spec
        missing = [i for i in matcher.printed if i not in done]
        if not missing:
            return
        collapsed: set[str] = set()
        for i, row in enumerate(spec.rows):
            if row.derived_from and i in done:
                collapsed.update(row.derived_from)
                parts = [r for r in spec.rows if r.key in row.derived_from]
                self.diag(
                    Severity.WARNING,
                    "template.collapsed-row",
                    f"{_label(row)} is printed as a single row: its values are read as "
                    f"{spec.name}.{row.key}.*; the rows it sums in template "
                    f"{self.template.id} ({', '.join(_label(r) for r in parts)}) are null",
                    None,
                )
        missing = [i for i in missing if spec.rows[i].key not in collapsed]
        if missing:
            self.diag(
                Severity.WARNING,
                "table.missing-row",
                f"{spec.title}: {len(missing)} row(s) missing, their values are null: "
                + ", ".join(_label(spec.rows[i]) for i in missing[:6])
                + (" ..." if len(missing) > 6 else ""),
                None,
            )

    # -- unlabelled tables ---------------------------------------------------------------

    @staticmethod
    def match_value_rows(
        matcher: _Matcher, rows: Sequence[RowInfo], offsets: Sequence[int]
    ) -> tuple[tuple[_Event, ...], tuple[_RowRead, ...]]:
        """Match a table whose values stand in one row without a label (table 四): the
        cells read (*offsets*: the position of each row's first cell), or the event of a
        missing row of values."""
        value_rows: list[tuple[int, list[int]]] = []
        for index, (_, infos, _, first_value, _) in enumerate(rows):
            if first_value == len(infos):
                continue
            # Values start after the last header label; other text cells are values that
            # cannot be read (不详), not labels.
            start = 0
            for i, (kind, full, short) in enumerate(infos):
                if kind == "label" and matcher.is_header(full, short):
                    start = i + 1
            at = offsets[index]
            value_rows.append((index, list(range(at + start, at + len(infos)))))
        if not value_rows:
            return (("no-value-row", 0, ()),), ()
        values = [p for _, positions in value_rows for p in positions]
        if len(value_rows) > 1:
            raw = {
                offsets[index] + n: cell.raw
                for index, _ in value_rows
                for n, cell in enumerate(rows[index][0].cells)
            }
            while values and not raw[values[-1]].strip():
                values.pop()
        return (), ((0, value_rows[0][0], tuple(values), False),)

    # -- the result ------------------------------------------------------------------------

    def finish(self) -> tuple[Statistics, list[Diagnostic]]:
        template = self.template
        values = self.values
        get = values.get
        flat: dict[str, Value] = dict.fromkeys(template.keys)
        flat.update(values)  # keeps the template's order: every key is already in it
        computed = []
        for key, parts in template.derived.items():
            # A derived row read as a row of its own keeps its values; its parts stay null.
            if key not in values:
                flat[key] = sum_known([get(p) for p in parts])
                computed.append(key)
        stats = Statistics._from_dict(template.id, flat, frozenset(computed), self.sources)
        return stats, self.diagnostics


# ---------------------------------------------------------------------------
# The plan of a reading, and applying it
# ---------------------------------------------------------------------------

#: A row a plan reads: ``(template row, index of the row among the table's rows, positions
#: of its value cells among the report's table cells, whether its label was lost)``.
_RowRead = tuple[int, int, tuple[int, ...], bool]
#: A cell a plan reads: ``(key, position among the report's table cells, kind, unit, the
#: template row, the column, reading order)``.
_PlanCell = tuple[str, int, str, str, RowSpec, int, int]
#: A table of the template the report lacks.
_Missing = tuple[TableSpec]
#: A table whose cells are read one per key: ``(table, keys of counts, where those are
#: among the counts a report's plain counts are (:attr:`ReadingPlan.counted`), the same
#: cells, the other cells, keys in reading order, what fetches their cells)``. (As
#: :func:`_segment` makes it, the third and the last hold positions among the report's
#: table cells.)
_Cells = tuple[
    TableSpec,
    tuple[str, ...],
    Any,
    tuple[_PlanCell, ...],
    tuple[_PlanCell, ...],
    tuple[str, ...],
    Any,
]
#: A table read row by row, because matching found something to say or a row's cells do
#: not fit its columns: ``(matcher, where its rows are (table, row), events, rows read,
#: units)``.
_Rows = tuple[
    _Matcher, tuple[tuple[int, int], ...], tuple[_Event, ...], tuple[_RowRead, ...], dict[str, str]
]
#: An extra cell of a row that lost its label: ``(name of the row, index of the row, the
#: extra cells' positions among the report's table cells, value cells, columns)``.
_Extra = tuple[str, int, tuple[int, ...], int, int]
#: A table read cell by cell although matching found something to say or rows that lost
#: their label have extra cells (see :func:`_segment`): the fields of :data:`_Cells`, the
#: same table as :data:`_Rows` (read so instead when reading it has more to say), the
#: extra cells, and how what is said is said from the cells' texts and places without
#: building the rows (:class:`_Saying`).
_Said = tuple[
    TableSpec,
    tuple[str, ...],
    Any,
    tuple[_PlanCell, ...],
    tuple[_PlanCell, ...],
    tuple[str, ...],
    Any,
    _Rows,
    tuple[_Extra, ...],
    "_Saying",
]

_ORDER = operator.itemgetter(6)
#: Counts read without a rule, by text (a count's reading does not depend on a unit);
#: every such text is a value cell's.
_PLAIN_COUNTS: dict[str, Value] = kept({})


def no_statutory_table() -> Diagnostic:
    """The diagnostic of a report none of whose tables is a template's."""
    return Diagnostic(
        Severity.WARNING,
        "template.no-tables",
        "no statutory table found (none of 第二十条/信息内容, 申请人情况, 行政复议)",
    )


def plain_counts(texts: Sequence[str]) -> list[Value]:
    """The count each of *texts* (value cells' texts) reads as without a rule, ``None``
    for those that need one or are not known yet; plain ASCII digits are learnt here."""
    counts = list(map(_PLAIN_COUNTS.get, texts))
    unknown = map(operator.is_, counts, repeat(None))
    if not all_known(counts) and learn_counts(compress(texts, unknown)):
        counts = list(map(_PLAIN_COUNTS.get, texts))
    return counts


def learn_counts(texts: Iterable[str]) -> bool:
    """Learn the counts among *texts* (value cells' texts) that are plain ASCII digits,
    which read as ``int()`` reads them, without a rule; were there any?"""
    digits = [t for t in texts if t.isdecimal() and t.isascii() and len(t) <= MAX_DIGITS]
    if not digits:
        return False
    if len(_PLAIN_COUNTS) >= _CACHE_LIMIT:
        _PLAIN_COUNTS.clear()
    _PLAIN_COUNTS.update(zip(digits, map(int, digits), strict=True))
    return True


class ReadingPlan:
    """How a report's tables are read, as matching found: for each table of the
    template, which cell gives which key, with its kind and unit, and what matching
    found to say, by the rows it concerns. A plain value: it holds positions, not the
    cells, so it reads any report of the same skeleton (:meth:`apply`)."""

    __slots__ = (
        "blank",
        "computed",
        "count_get",
        "count_keys",
        "counted",
        "derived",
        "otherwise",
        "segments",
        "source_at",
        "source_positions",
        "sources",
        "template",
    )

    def __init__(
        self,
        template: Template,
        segments: tuple[_Missing | _Cells | _Rows | _Said, ...],
    ) -> None:
        self.template = template
        # The counts of every table read cell by cell, one list for them all: each table
        # takes its slice of it.
        counted: list[int] = []
        kept: list[_Missing | _Cells | _Rows | _Said] = []
        for made in segments:
            if len(made) >= 7:
                spec, count_keys, positions, entries, others, keys, at = made[:7]
                start = len(counted)
                counted += positions
                taken = slice(start, len(counted))
                made = (spec, count_keys, taken, entries, others, keys, tuple_getter(at), *made[7:])  # noqa: PLW2901
            kept.append(made)
        #: One per table of the template, in its order.
        self.segments = tuple(kept)
        #: Where the value cells read as counts are among the report's table cells, in
        #: reading order: what :func:`plain_counts` is asked about (the other value cells
        #: are read otherwise).
        self.counted = tuple(counted)
        #: Fetches the texts of those cells.
        self.count_get = tuple_getter(counted)
        #: Every key of the template, null.
        self.blank: dict[str, Value] = dict.fromkeys(template.keys)
        # A derived row read as a row of its own keeps its values; the others are summed.
        read: set[str] = set()
        for segment in segments:
            if len(segment) == 5:
                matcher = segment[0]
                read.update(k for leaf, *_ in segment[3] for k in matcher.keys[leaf])
            elif len(segment) >= 7:
                read.update(segment[5])
        #: Derived keys to compute, with their parts.
        self.derived = tuple((k, p) for k, p in template.derived.items() if k not in read)
        self.computed = frozenset(k for k, _ in self.derived)
        # When every table is read cell by cell, each key once: a report whose counts are
        # all plain is read with every count set at once and every source found at once
        # (see :meth:`_apply_plain`), what matching found to say said from the cells'
        # texts and places.
        self.count_keys: tuple[str, ...] | None = None
        self.otherwise: tuple[tuple[TableSpec, tuple[_PlanCell, ...], _Said | None], ...] = ()
        self.sources: dict[str, Cell | None] = {}
        self.source_at: Callable[[Sequence[Any]], tuple[Any, ...]] = tuple_getter(())
        #: Where the cell of each of those keys is among the report's table cells.
        self.source_positions: dict[str, int] = {}
        if all(len(segment) in {7, 10} for segment in kept):
            tables = [cast(_Cells | _Said, segment) for segment in kept]
            source_keys = [k for t in tables for k in t[5]]
            if len(set(source_keys)) == len(source_keys):
                # The template's own key objects, which the values are keyed by: a
                # look-up then finds its key by identity, without comparing the texts.
                own = {k: k for k in template.keys}
                self.count_keys = tuple(own.get(k, k) for t in tables for k in t[1])
                self.otherwise = tuple(
                    (t[0], t[4], cast(_Said, t) if len(t) == 10 else None)
                    for t in tables
                    if t[4] or len(t) == 10
                )
                # The sources' keys in their order, so that each report's sources are a
                # copy of it filled in, rather than a dictionary grown key by key.
                self.sources = dict.fromkeys(own.get(k, k) for k in source_keys)
                positions = [p for t in segments if len(t) >= 7 for p in t[6]]
                self.source_at = tuple_getter(positions)
                self.source_positions = dict(zip(self.sources, positions, strict=True))

    def apply(
        self,
        rows: Sequence[Sequence[Row]],
        cells: Sequence[Cell],
        texts: Sequence[str] | None = None,
        counts: Sequence[Value] | None = None,
    ) -> tuple[Statistics, list[Diagnostic]]:
        """Read the report whose tables have *rows* and (all of them, in order) *cells*:
        ``(statistics, diagnostics)``. *texts* are the cells' raw texts and *counts* what
        :func:`plain_counts` gives for the cells :attr:`counted`, when the caller has
        them."""
        if texts is None:
            texts = list(map(_RAW, cells))
        if counts is None:
            counts = plain_counts(self.count_get(texts))
        if self.count_keys is not None and all_known(counts):
            plain = self._apply_plain(rows, cells, texts, counts)
            if plain is not None:
                return plain
        if cells.__class__ is TableCells:
            # Read row by row, the sources are cells: built now, all of them, and looked
            # up in a list rather than through TableCells, item by item.
            cells = cells.cells()
        values = self.blank.copy()
        sources: dict[str, Cell] = {}
        diagnostics: list[Diagnostic] = []
        reader: _Reader | None = None
        for planned in self.segments:
            segment: _Missing | _Cells | _Rows | _Said = planned
            if len(segment) == 7:
                _read_table(segment, counts, cells, texts, values, sources, diagnostics)
                continue
            if reader is None:
                reader = _Reader(self.template, _no_tables)
                reader.values, reader.sources, reader.diagnostics = values, sources, diagnostics
            if len(segment) == 10:
                with_said = cast(_Said, segment)
                mark = len(diagnostics)
                _say(with_said, rows, cells, texts, reader)
                said = len(diagnostics)
                _read_table(with_said, counts, cells, texts, values, sources, diagnostics)
                if len(diagnostics) == said:
                    continue
                # Reading the values had something to say too: said row by row, in the
                # order a row-by-row reading says it.
                del diagnostics[mark:]
                segment = with_said[7]
            if len(segment) == 1:
                reader.diag(
                    Severity.WARNING,
                    "template.missing-table",
                    f"the table {segment[0].title} is missing; its values are null",
                    None,
                )
                continue
            matcher, places, events, reads, units = cast(_Rows, segment)
            local = [rows[t][r] for t, r in places]
            for event in events:
                reader.emit(matcher, local, event)
            blanks: list[Cell] = []
            for leaf, index, positions, lost in reads:
                reader.read_row(
                    matcher,
                    leaf,
                    local[index],
                    [cells[p] for p in positions],
                    lost_label=lost,
                    units=units,
                    blanks=blanks,
                )
            reader.report_blanks(matcher.spec, blanks)
        for key, parts in self.derived:
            values[key] = sum_known([values[p] for p in parts])
        template = self.template
        return Statistics._from_dict(template.id, values, self.computed, sources), diagnostics

    def _apply_plain(
        self,
        rows: Sequence[Sequence[Row]],
        cells: Sequence[Cell],
        texts: Sequence[str],
        counts: Sequence[Value],
    ) -> tuple[Statistics, list[Diagnostic]] | None:
        """:meth:`apply` when every table is read cell by cell, each key once, and every
        count is plain (none is ``None``): the counts set with one call, the other cells
        read table by table, what matching found to say said from the cells' texts and
        places (see :func:`_say`), the sources found with one call. ``None`` when reading
        the values of a table matching had something to say about has something to say
        too (:meth:`apply` then reads that table row by row, as :meth:`apply` does)."""
        values = self.blank.copy()
        values.update(zip(self.count_keys or (), counts))  # noqa: B905
        diagnostics: list[Diagnostic] = []
        reader: _Reader | None = None
        for spec, others, said in self.otherwise:
            if said is None:
                _read_cells(spec, others, cells, texts, values, diagnostics)
                continue
            if reader is None:
                reader = _Reader(self.template, _no_tables)
                reader.diagnostics = diagnostics
            _say(said, rows, cells, texts, reader)
            mark = len(diagnostics)
            _read_cells(spec, others, cells, texts, values, diagnostics)
            if len(diagnostics) != mark:
                return None
        sources: dict[str, Cell] | LazySources
        if cells.__class__ is TableCells:
            # The cells are built only when the sources are asked for.
            sources = LazySources(self.sources, self.source_positions, self.source_at, cells)
        else:
            sources = cast("dict[str, Cell]", self.sources.copy())
            sources.update(zip(self.sources, self.source_at(cells)))  # noqa: B905
        for key, parts in self.derived:
            values[key] = sum_known([values[p] for p in parts])
        template = self.template
        return Statistics._from_dict(template.id, values, self.computed, sources), diagnostics


def _read_table(  # noqa: PLR0917
    segment: _Cells | _Said,
    counts: Sequence[Value],
    cells: Sequence[Cell],
    texts: Sequence[str],
    values: dict[str, Value],
    sources: dict[str, Cell],
    diagnostics: list[Diagnostic],
) -> None:
    """Read the table of *segment* (as :class:`ReadingPlan` keeps it) cell by cell, its
    counts from *counts*, into *values* and *sources*."""
    spec, count_keys, taken, entries, others, keys, at = segment[:7]
    cells_read: Sequence[_PlanCell] = others
    if count_keys:
        got = counts[cast(slice, taken)]
        if all_known(got):
            values.update(zip(count_keys, got))  # noqa: B905
        else:
            known = list(map(operator.is_not, got, repeat(None)))
            values.update(zip(compress(count_keys, known), compress(got, known)))  # noqa: B905
            cells_read = list(compress(entries, map(operator.not_, known)))
            if others:
                cells_read = sorted([*cells_read, *others], key=_ORDER)
    _read_cells(spec, cells_read, cells, texts, values, diagnostics)
    sources.update(zip(keys, at(cells)))  # noqa: B905


def _read_cells(  # noqa: PLR0917
    spec: TableSpec,
    cells_read: Sequence[_PlanCell],
    cells: Sequence[Cell],
    texts: Sequence[str],
    values: dict[str, Value],
    diagnostics: list[Diagnostic],
) -> None:
    """Read the cells *cells_read* of table *spec* into *values*, with what they need
    said into *diagnostics* (empty cells read as 0 once for the table)."""
    blanks: list[int] = []
    for key, pos, kind, unit, row_spec, column, _ in cells_read:
        text = texts[pos]
        read = read_cached(text, kind, unit)
        values[key] = read.value
        code = read.code
        if code is None:
            if kind == "count" and classify(text) == "value":
                if len(_PLAIN_COUNTS) >= _CACHE_LIMIT:
                    _PLAIN_COUNTS.clear()
                _PLAIN_COUNTS[text] = read.value
        elif code == "value.blank-zero":
            blanks.append(pos)
        else:
            col = row_spec.columns[column]
            where = f"{_label(row_spec)} · {col.label}" if row_spec.label else col.label
            diagnostics.append(
                Diagnostic(
                    read.severity, code, f"{where}: {read.note} ({key})", _span_at(cells, pos)
                )
            )
    if blanks:
        diagnostics.append(_blank_zero(spec, [_span_at(cells, p) for p in blanks]))


def _span_at(cells: Sequence[Cell], pos: int) -> Span | None:
    """``cells[pos].span``, without building the cells of a report's tables (see
    :class:`~gipparse.tree.nodes.TableCells`)."""
    if cells.__class__ is TableCells:
        return cells.span(pos)
    return cells[pos].span


def _say(
    said: _Said,
    rows: Sequence[Sequence[Row]],
    cells: Sequence[Cell],
    texts: Sequence[str],
    reader: _Reader,
) -> None:
    """Say what matching found about the table of *said* (read cell by cell), and its
    extra cells, into *reader*'s diagnostics, as the row-by-row reading says it: from the
    cells' texts and places, without building the rows and cells of a report's tables
    when they are not built (see :class:`~gipparse.tree.nodes.TableCells`)."""
    matcher, places, events = said[7][:3]
    saying = said[9]
    local: Sequence[_RowLike]
    if cells.__class__ is TableCells:
        if saying.at_once and saying.say(cells, texts, reader.diagnostics):
            return
        cells.index_parts()  # a place or two a row said something about
        local = _RowsAt(cells, saying.bounds)
    else:
        local = [rows[t][r] for t, r in places]
    for event in events:
        reader.emit(matcher, local, event)
    reader.diagnostics += [
        _extra_cell(name, normalize_text(texts[p]), _span_at(cells, p), local[index], count, n)
        for name, index, extra, count, n in said[8]
        for p in extra
    ]


class _Saying:
    """How a plan says what matching found about a table read cell by cell, and its
    extra cells (see :func:`_say`), for any report the plan reads: where each of the
    table's rows is among the report's table cells (``(position of its first cell,
    number of cells)``: *bounds*), and, when matching found only rows without labels to
    say (seed 003's), those rows, the extra cells and the fixed parts of the messages,
    worked out once, so that a report's are made from its lines and texts in one step
    (:meth:`say`)."""

    __slots__ = (
        "asked",
        "at_once",
        "bounds",
        "extra_asked",
        "extra_at",
        "extra_get",
        "extra_heads",
        "extra_offsets",
        "extra_tails",
        "row_asked",
        "row_lasts",
        "row_tails",
        "rows",
    )

    def __init__(
        self,
        spec: TableSpec,
        events: tuple[_Event, ...],
        extras: tuple[_Extra, ...],
        bounds: tuple[tuple[int, int], ...],
    ) -> None:
        self.bounds = bounds
        #: Whatever the report, is what is said said by :meth:`say`?
        self.at_once = all(what == "unlabelled-row" for what, _, _ in events)
        said = events if self.at_once else ()
        self.rows = tuple(bounds[index] for _, index, _ in said)
        self.row_tails = tuple(_unlabelled(spec, args) for _, _, args in said)
        self.extra_at = tuple(p for _, _, at, _, _ in extras for p in at)
        self.extra_get = tuple_getter(self.extra_at)
        parts = [_extra_parts(name, count, n) for name, _, at, count, n in extras for _ in at]
        self.extra_heads = tuple(head for head, _ in parts)
        self.extra_tails = tuple(tail for _, tail in parts)
        # The rows whose cells' places are asked for (see :meth:`say`), each once: those
        # said to have no label and those holding extra cells; which of them each row
        # said and each extra cell is, the last cell of each row said, and where each
        # extra cell stands in its row.
        asked = list(dict.fromkeys([index for _, index, _ in said] + [e[1] for e in extras]))
        self.asked = tuple(bounds[index] for index in asked)
        self.row_asked = tuple(asked.index(index) for _, index, _ in said)
        self.row_lasts = tuple(first + count - 1 for first, count in self.rows)
        self.extra_asked = tuple(asked.index(index) for _, index, at, _, _ in extras for _ in at)
        self.extra_offsets = tuple(
            p - bounds[index][0] for _, index, at, _, _ in extras for p in at
        )

    def say(self, cells: TableCells, texts: Sequence[str], diagnostics: list[Diagnostic]) -> bool:
        """Say it of the report whose table cells are *cells*, their texts *texts*, into
        *diagnostics*: the places of the cells of the rows concerned found a row at a
        time (:meth:`TableCells.rows_places`), the messages and diagnostics made in one
        step each. ``False`` (nothing said) when a place is not known (a cell without a
        span, which the row-by-row reading tells otherwise)."""
        told = cells.rows_places(self.asked)
        row_spans: Sequence[Span | None]
        spans: Sequence[Span | None]
        if told is None:
            row_spans = cells.row_spans(self.rows)
            spans = cells.spans(self.extra_at)
            if None in row_spans or None in spans:
                return False
            row_lines = list(map(_LINE_OF, row_spans))
            lines = list(map(_LINE_OF, spans))
        else:
            row_spans, row_lines, spans, lines = self._spans(told, texts)
        # (f-strings in a comprehension: they cost less than ``%`` mapped over a zip.)
        messages = [
            f"the row at line {line}{tail}"
            for line, tail in zip(row_lines, self.row_tails)  # noqa: B905
        ]
        diagnostics += new_diagnostics(
            Severity.WARNING, "table.unlabelled-row", messages, row_spans
        )
        if self.extra_at:
            shown = map(normalize_text, self.extra_get(texts))
            parts = zip(self.extra_heads, shown, lines, self.extra_tails)  # noqa: B905
            messages = [f"{head}{text!r} at line {line}{tail}" for head, text, line, tail in parts]
            diagnostics += new_diagnostics(Severity.WARNING, "table.extra-cell", messages, spans)
        return True

    def _spans(
        self, told: tuple[list[Sequence[int | Span]], list[int]], texts: Sequence[str]
    ) -> tuple[list[Span], list[int], list[Span], list[int]]:
        """The spans and lines of the rows said and of the extra cells, from the places
        of the cells of the rows asked about (*told*) and the cells' texts, as
        :class:`~gipparse.tree.nodes.Row` and :class:`Cell` tell them (a cell on one
        line at ``line * AT + column``, else at its span)."""
        places, beyond = told
        rows: list[tuple[int, int, int, int]] = []
        row_lines: list[int] = []
        for q, last in zip(self.row_asked, self.row_lasts):  # noqa: B905
            found = places[q]
            # (No cast in the loop: a call each.)
            if found.__class__ is range:
                # A row of TAB lines: its cells a line apart, the range's step (AT).
                line = found.start // AT
                end_line, column = divmod(found.stop - AT, AT)
                column += len(texts[last])
            else:
                first, end = found[0], found[-1]
                line = first // AT if first.__class__ is int else first.line  # type: ignore[union-attr]
                if end.__class__ is int:
                    end_line, column = divmod(end, AT)
                    column += len(texts[last])
                else:
                    end_line, column = end[2:]  # type: ignore[index]
            rows.append((line, 1, end_line, column + beyond[q]))
            row_lines.append(line)
        cells: list[tuple[int, int, int, int]] = []
        for q, offset, at in zip(self.extra_asked, self.extra_offsets, self.extra_at):  # noqa: B905
            place = places[q][offset]
            if place.__class__ is int:
                line, column = divmod(place, AT)
                cells.append((line, column, line, column + len(texts[at])))
            else:
                cells.append(place)  # type: ignore[arg-type]  # a cell over several lines
        spans = new_spans(cells)
        return new_spans(rows), row_lines, spans, list(map(_LINE_OF, spans))


#: The line of a span.
_LINE_OF: Callable[[Any], int] = operator.itemgetter(0)


if TYPE_CHECKING:  # (a Protocol class costs a first report 0.1 M instructions to make)

    class _RowLike(Protocol):
        """What saying what matching found needs of a row (a :class:`Row` or a
        :class:`_RowAt`)."""

        @property
        def span(self) -> Span | None: ...

        @property
        def cells(self) -> Sequence[Cell]: ...


class _RowAt:
    """A row of a report's tables, as a diagnostic needs it, told by where its cells are
    among the tables' cells (*table_cells*): its span is worked out, and its cells built,
    only when asked for."""

    __slots__ = ("_span", "count", "first", "table_cells")

    def __init__(self, table_cells: TableCells, first: int, count: int) -> None:
        self.table_cells = table_cells
        self.first = first
        self.count = count
        self._span: Span | bool | None = False

    @property
    def span(self) -> Span | None:
        span = self._span
        if span is False:
            span = self._span = self.table_cells.row_span(self.first, self.count)
        return cast("Span | None", span)

    @property
    def cells(self) -> tuple[Cell, ...]:
        return tuple(self.table_cells[self.first : self.first + self.count])


class _RowsAt(IndexedOnly["_RowAt"]):
    """The rows of one table (as a plan keeps where they are, ``(first cell, number of
    cells)`` a row) as :class:`_RowAt`, made when asked for (read by index only)."""

    __slots__ = ("bounds", "table_cells")

    def __init__(self, table_cells: TableCells, bounds: tuple[tuple[int, int], ...]) -> None:
        self.table_cells = table_cells
        self.bounds = bounds

    def __len__(self) -> int:
        return len(self.bounds)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [_RowAt(self.table_cells, *b) for b in self.bounds[index]]
        return _RowAt(self.table_cells, *self.bounds[index])


def _no_tables() -> ReportTables:
    raise AssertionError("applying a plan needs no matching")  # pragma: no cover


def _plan(
    template: Template, tables: ReportTables, located: Sequence[Sequence[RowInfo]]
) -> ReadingPlan:
    """Match the rows *located* for each table of *template*: the plan of their reading."""
    place: dict[int, tuple[int, int, int]] = {}
    values: list[int] = []
    offset = 0
    for t, (_, _, table_rows) in enumerate(tables.tables):
        for r, info in enumerate(table_rows):
            place[id(info)] = (t, r, offset)
            for n, cell in enumerate(info[1]):
                if cell[0] == "value":
                    values.append(offset + n)
            offset += len(info[1])
    value_cells = set(values)
    reader = _Reader(template, tables)
    segments: list[_Missing | _Cells | _Rows | _Said] = []
    for matcher, rows in zip(template._matchers, located, strict=True):
        if not rows:
            segments.append((matcher.spec,))
            continue
        where = [place[id(info)] for info in rows]
        if matcher.spec.labelled:
            reads, units, events = reader.match_labelled(matcher, rows)
            row_reads = tuple(
                (
                    leaf,
                    index,
                    tuple(range(where[at][2] + start, where[at][2] + len(rows[at][1]))),
                    lost,
                )
                for leaf, index, at, start, lost in reads
            )
        else:
            units = {}
            events, row_reads = reader.match_value_rows(matcher, rows, [w[2] for w in where])
        bounds = tuple((w[2], len(info[1])) for w, info in zip(where, rows, strict=True))
        segments.append(
            _segment(
                matcher,
                tuple((t, r) for t, r, _ in where),
                events,
                row_reads,
                units,
                value_cells,
                bounds,
            )
        )
    return ReadingPlan(template, tuple(segments))


def _segment(  # noqa: PLR0917
    matcher: _Matcher,
    places: tuple[tuple[int, int], ...],
    events: tuple[_Event, ...],
    reads: tuple[_RowRead, ...],
    units: dict[str, str],
    value_cells: Set[int],
    bounds: tuple[tuple[int, int], ...],
) -> _Cells | _Rows | _Said:
    """The plan of one table: cell by cell when every row's cells fit its columns, or
    when the only ones that do not are rows that lost their label and have more value
    cells than columns, the first and last of them values (read as
    :meth:`_Reader._fit_cells` reads any such row: the last cells, the others said to be
    extra), with what matching found to say, those extra cells and where the rows are
    (*bounds*) kept beside; else row by row."""
    rows_read = (matcher, places, events, reads, units)
    fitted: list[tuple[int, tuple[int, ...]]] = []
    for leaf, _, p, lost in reads:
        n = len(matcher.keys[leaf])
        if len(p) == n:
            continue
        if not (lost and len(p) > n and p[0] in value_cells and p[-1] in value_cells):
            return rows_read
        fitted.append((leaf, p))
    if fitted:
        extras: list[_Extra] = []
        kept_reads: list[_RowRead] = []
        for leaf, index, p, lost in reads:
            n = len(matcher.keys[leaf])
            if len(p) > n:
                row_spec = matcher.spec.rows[leaf]
                name = _label(row_spec) if row_spec.label else matcher.spec.title
                extras.append((name, index, p[: len(p) - n], len(p), n))
                p = p[len(p) - n :]  # noqa: PLW2901
            kept_reads.append((leaf, index, p, lost))
        reads = tuple(kept_reads)
    cells_read = _cells_segment(matcher, reads, units, value_cells)
    if events or fitted:
        kept_extras = tuple(extras) if fitted else ()
        saying = _Saying(matcher.spec, events, kept_extras, bounds)
        return (*cells_read, rows_read, kept_extras, saying)
    return cells_read


def _cells_segment(
    matcher: _Matcher,
    reads: tuple[_RowRead, ...],
    units: dict[str, str],
    value_cells: Set[int],
) -> _Cells:
    """The plan of one table read cell by cell, every row's cells fitting its columns."""
    count_keys: list[str] = []
    count_at: list[int] = []
    counts: list[_PlanCell] = []
    others: list[_PlanCell] = []
    keys: list[str] = []
    at: list[int] = []
    for leaf, _, positions, _ in reads:
        row_spec = matcher.spec.rows[leaf]
        kinds = matcher.kinds[leaf]
        unit = tuple(units.get(k, "万元") for k in matcher.unit_keys[leaf]) if units else None
        for n, (key, pos) in enumerate(zip(matcher.keys[leaf], positions, strict=True)):
            cell = (key, pos, kinds[n], unit[n] if unit else "万元", row_spec, n, len(keys))
            keys.append(key)
            at.append(pos)
            if kinds[n] == "count" and pos in value_cells:
                count_keys.append(key)
                count_at.append(pos)
                counts.append(cell)
            else:
                others.append(cell)
    return (
        matcher.spec,
        tuple(count_keys),
        tuple(count_at),
        tuple(counts),
        tuple(others),
        tuple(keys),
        tuple(at),
    )


# ---------------------------------------------------------------------------
# Sums, messages, spans
# ---------------------------------------------------------------------------


def _label(row: RowSpec) -> str:
    return row.label or row.key


def _line(row: _RowLike) -> str:
    return str(row.span.line) if row.span is not None else "?"


def _span_line(span: Span | None, row: _RowLike) -> str:
    """The line of *span*, else that of *row*."""
    return str(span.line) if span is not None else _line(row)


#: The message of a row without a label: its line, and what follows
#: (:func:`_unlabelled`). (``%`` formatting: it costs less than ``str.format``, which
#: matters where a report has dozens to say.)
_UNLABELLED = "the row at line %s%s"
#: The message of an extra cell: what precedes its text (:func:`_extra_parts`), its
#: text, its line and what follows.
_EXTRA = "%s%r at line %s%s"


def _unlabelled(spec: TableSpec, args: tuple[Any, ...]) -> str:
    """What follows the line in the message of an ``unlabelled-row`` event (*args*)."""
    if len(args) == 1:
        return f" has no label; read as {_label(spec.rows[args[0]])} by its place in the template"
    return (
        f" has no label, and the {args[0]} row(s) without labels here do not fit the "
        f"{args[1]} place(s) the template has for them; its values are not read"
    )


def _extra_parts(name: str, count: int, n: int) -> tuple[str, str]:
    """What precedes the text and what follows the line in the message of an extra cell
    of the row *name* (its *count* value cells for *n* columns)."""
    return (
        f"{name}: extra cell ",
        f" ignored (the row has {count} values for {n} columns; the last {n} are read)",
    )


def _extra_cell(  # noqa: PLR0917
    name: str, text: str, span: Span | None, row: _RowLike, count: int, n: int
) -> Diagnostic:
    """The diagnostic of an extra cell (its normalised *text* and its *span*), a cell of
    *row* (whose label was lost) before the *n* read of its *count* value cells."""
    head, tail = _extra_parts(name, count, n)
    line = _span_line(span, row)
    return Diagnostic(
        Severity.WARNING, "table.extra-cell", _EXTRA % (head, text, line, tail), span or row.span
    )


def _order_of(entry: _Entry, order: dict[int, int], default: int) -> int:
    if entry.leaf is None:
        return default
    return order.get(entry.leaf, default)


def _blank_zero(spec: TableSpec, blanks: list[Span | None]) -> Diagnostic:
    """What a table of *spec* whose empty value cells at *blanks* were read as 0 says."""
    lines = sorted({span.line for span in blanks if span is not None})
    shown = ", ".join(map(str, lines[:10])) + (" ..." if len(lines) > 10 else "")
    return Diagnostic(
        Severity.WARNING,
        "value.blank-zero",
        f"{spec.title}: {len(blanks)} empty value cell(s) read as 0"
        + (f" (lines {shown})" if lines else ""),
        blanks[0],
    )


# ---------------------------------------------------------------------------
# Choosing a template, and finding one
# ---------------------------------------------------------------------------


def _choose_how(
    tables: ReportTables,
    templates: Sequence[Template],
    year: int | None,
    diagnostics: list[Diagnostic],
) -> tuple[Template, bool]:
    """The template the report's tables follow, and whether the choice depended on the
    values read (the tables alone did not tell)."""
    scores = [(t.score(tables), t) for t in templates]
    best = max(s for s, _ in scores)
    candidates = [t for s, t in scores if s == best]
    prior = [t for t in templates if year is not None and t.matches_year(year)]
    if len(candidates) > 1:
        candidates = [t for t in candidates if t in prior] or candidates
    if len(candidates) > 1:
        # Nothing tells them apart: the one reading the most values wins.
        def known(t: Template) -> int:
            stats, _ = t.read(tables)
            return -1 if stats is None else len(stats) - len(stats.unknown)

        ranked = sorted(((known(t), t) for t in candidates), key=lambda p: p[0], reverse=True)
        if ranked[0][0] > 0:
            diagnostics.append(
                Diagnostic(
                    Severity.INFO,
                    "template.ambiguous",
                    "neither the tables nor the report year tell the template; read as "
                    f"template {ranked[0][1].id}, which reads the most values",
                )
            )
        return ranked[0][1], True
    chosen = candidates[0]
    if best > 0 and prior and chosen not in prior and year is not None:
        diagnostics.append(
            Diagnostic(
                Severity.WARNING,
                "template.year-mismatch",
                f"the tables follow template {chosen.id} "
                f"({', '.join(chosen.markers_found(tables)[:3])}), but a {year} report "
                f"would use template {prior[0].id}",
            )
        )
    return chosen, False


def find_template(template: str | Template, templates: Sequence[Template]) -> Template:
    """The template with id *template* among *templates* (a template is itself).

    :raises ValueError: no such template.
    """
    if isinstance(template, Template):
        return template
    for t in templates:
        if t.id == template:
            return t
    known = ", ".join(t.id for t in templates)
    raise ValueError(f"unknown template {template!r} (known: {known})")
