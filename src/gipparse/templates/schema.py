"""Templates as data: tables, rows, columns, relations, and the schema of statistic keys
they define.

A :class:`Schema` is what a template *is*: its tables (:class:`TableSpec`) list rows
(:class:`RowSpec`) and columns (:class:`Column`) with their keys and Chinese labels; its
relations (:class:`Relation`) say which sums must hold; its markers are the labels that
tell its tables from the others'. From the tables it knows every statistic key, in
template order, what each key holds and which keys are derived from others.
:class:`~gipparse.Template` (:mod:`gipparse.templates.engine`) adds reading to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from ..classes import frozen
from .values import Value, ValueKind


@frozen
class Column:
    """A value column: its key (last part of a statistic's key), its label and its kind."""

    key: str
    label: str
    kind: ValueKind = ValueKind.COUNT
    aliases: tuple[str, ...] = ()


@frozen
class RowSpec:
    """A row of a statutory table.

    :param key: the row's part of the statistic keys (``withheld.state_secret``); empty for
        the single value row of an unlabelled table.
    :param label: the label as the template prints it, in Simplified script.
    :param columns: the row's value columns, in order.
    :param groups: the labels of the groups enclosing the row, outermost first
        (``("三、本年度办理结果", "（三）不予公开")``; the caption ``第二十条第（一）项`` in table
        二). Group labels give context to ambiguous labels and lay out rendered tables.
    :param aliases: other labels reports print for the row (old names, other wordings).
    :param misprints: labels reports print for the row by mistake, too far from the label
        for the one-typo rule (``2.其他法律行政止公开``): read as the row, with the
        ``table.fuzzy-label`` note a typo gets.
    :param derived_from: for a row that sums other rows of the same table, column by column:
        their keys. A derived row is computed, unless a report prints it as a row of its own
        with values (then its parts are null, ``template.collapsed-row``).
    """

    key: str
    label: str
    columns: tuple[Column, ...]
    groups: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    derived_from: tuple[str, ...] = ()
    misprints: tuple[str, ...] = ()


@frozen
class TableSpec:
    """A statutory table.

    :param name: the first part of its statistic keys (``active``, ``applications``,
        ``appeals``).
    :param title: the table's subject, in Chinese.
    :param section: the kind of section it belongs in (a hint where a table has no
        signature).
    :param signature: texts any one of which, inside a label cell, marks a row as belonging
        to this table (``行政复议``); matched on label keys.
    :param rows: the rows in template order.
    :param header: header rows as the template prints them (tables 三 and 四), used to render
        the table and to recognise its header rows.
    :param header_labels: further texts of header rows (``信息内容``, notes), beyond the
        column labels and *header*.
    :param row_header: the heading of the label column, printed under each caption of a
        table whose rows have their own columns (``信息内容`` in table 二).
    :param labelled: ``False`` for a table whose values stand in one unlabelled row, in
        column order (table 四).
    """

    name: str
    title: str
    section: str
    signature: tuple[str, ...]
    rows: tuple[RowSpec, ...]
    header: tuple[tuple[str, ...], ...] = ()
    header_labels: tuple[str, ...] = ()
    row_header: str = ""
    labelled: bool = True

    def key(self, row: RowSpec, column: Column) -> str:
        """The statistic key of *column* in *row*."""
        return ".".join([p for p in (self.name, row.key, column.key) if p])

    def statistic_keys(self) -> tuple[str, ...]:
        """The keys of every value of the table, row by row."""
        return tuple(self.key(r, c) for r in self.rows for c in r.columns)


@frozen
class Relation:
    """An equation the template's numbers must satisfy, for each item of *over*.

    Key patterns hold ``{}``, replaced by each item: ``sum(left) == sum(right)``.

    :param name: the relation's name; a failure is diagnosed as ``relation.<name>``.
    :param description: what the relation says, for messages (``一 + 二 = （七）总计 + 四``).
    :param left: key patterns of the left side.
    :param right: key patterns of the right side.
    :param over: the items the patterns are instantiated with (column keys, row keys...).
    :param axis: what an item is, for messages: ``column``, ``row``, ``group``.
    :param anchor: the key pattern whose source cell locates a failure.
    :param labels: the Chinese label of each item of *over*, for messages.
    """

    name: str
    description: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    over: tuple[str, ...]
    axis: str
    anchor: str
    labels: tuple[str, ...] = ()

    def instances(self) -> Iterable[tuple[str, str, list[str], list[str], str]]:
        """``(item, label, left keys, right keys, anchor key)`` for each item."""
        left = [_split(p) for p in self.left]
        right = [_split(p) for p in self.right]
        anchor = _split(self.anchor)
        labels = self.labels
        for i, item in enumerate(self.over):
            label = labels[i] if i < len(labels) else item
            yield (
                item,
                label,
                [t.format(item) if h is None else f"{h}{item}{t}" for h, t in left],
                [t.format(item) if h is None else f"{h}{item}{t}" for h, t in right],
                anchor[1].format(item) if anchor[0] is None else f"{anchor[0]}{item}{anchor[1]}",
            )


def _fill_labels(schema: Schema, labels: dict[str, str]) -> None:
    """Give *labels* the label of each key of *schema*, walking its tables as
    :meth:`Schema._derive` walks them to make its keys (in that order). (A function, not a
    method: the class's body is the one :mod:`gipparse.classes.made` describes.)"""
    keys = iter(schema.keys)
    for spec in schema.tables:
        for row in spec.rows:
            head = " · ".join([p for p in (spec.title, *row.groups, row.label) if p])
            for col in row.columns:
                key = next(keys)
                if head and col.label:
                    labels[key] = f"{head} · {col.label}"
                else:
                    labels[key] = head or col.label


def _split(pattern: str) -> tuple[str | None, str]:
    """A key pattern with one ``{}`` and no other brace as the text before it and the text
    after it, which ``f"{before}{item}{after}"`` joins as ``pattern.format(item)`` does
    (without reading the pattern again for each item); any other as ``(None, pattern)``."""
    if pattern.count("{") == 1 and pattern.count("}") == 1:
        before, found, after = pattern.partition("{}")
        if found:
            return before, after
    return None, pattern


@frozen
class Schema:
    """A statutory template as data: what it is called, when it is used, its tables,
    relations and markers, and the statistic keys they define.

    :param id: the template id (``"2020"``, ``"2021"``): ``Statistics.template`` and
        ``Metadata.template``.
    :param title: where the template comes from (the notice that issued it).
    :param first_year: the first report year the template is used for.
    :param last_year: the last one, ``None`` while it is current.
    :param tables: the statutory tables, in report order.
    :param relations: the equations the numbers must satisfy.
    :param markers: labels that tell this template's tables from the others' (compared
        on label keys: numbering and punctuation do not matter); a template extending
        another lists what it adds.
    """

    id: str
    title: str
    first_year: int
    last_year: int | None
    tables: tuple[TableSpec, ...]
    relations: tuple[Relation, ...] = ()
    markers: tuple[str, ...] = ()

    keys: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    key_set: frozenset[str] = attrs.field(init=False, eq=False, repr=False)
    derived: Mapping[str, tuple[str, ...]] = attrs.field(init=False, eq=False, repr=False)
    _labels: dict[str, str] = attrs.field(init=False, eq=False, repr=False)
    _kinds: dict[str, ValueKind] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        tables, relations = self.tables, self.relations
        found = _DERIVED.get((id(tables), id(relations)))
        if found is None or found[0] is not tables or found[1] is not relations:
            found = (tables, relations, *self._derive())
            if len(_DERIVED) >= _DERIVED_LIMIT:
                _DERIVED.clear()
            _DERIVED[id(tables), id(relations)] = found
        _, _, keys, key_set, derived, labels, kinds = found
        set_ = object.__setattr__
        set_(self, "keys", keys)
        set_(self, "key_set", key_set)
        set_(self, "derived", derived)
        set_(self, "_labels", labels)
        set_(self, "_kinds", kinds)

    def _derive(
        self,
    ) -> tuple[
        tuple[str, ...],
        frozenset[str],
        dict[str, tuple[str, ...]],
        dict[str, str],
        dict[str, ValueKind],
    ]:
        """The keys, derived keys, labels and kinds the tables define, checked. The labels
        are an empty dictionary that :meth:`label` fills when first asked (exports with
        Chinese headers, the codebook): reading reports needs none."""
        all_keys: list[str] = []
        labels: dict[str, str] = {}
        kinds = {}
        derived: dict[str, tuple[str, ...]] = {}
        for spec in self.tables:
            # What is shared by a row's keys and labels is joined once per row (when the
            # table's keys are made as TableSpec makes them): a template is derived at
            # start-up, and these joins, once per key, were most of it.
            plain = type(spec).key is TableSpec.key
            for row in spec.rows:
                prefix = ".".join([p for p in (spec.name, row.key) if p])
                for col in row.columns:
                    if not plain:
                        key = spec.key(row, col)
                    elif prefix and col.key:
                        key = f"{prefix}.{col.key}"
                    else:
                        key = prefix or col.key
                    all_keys.append(key)
                    kinds[key] = col.kind
                    if row.derived_from:
                        derived[key] = tuple(
                            ".".join([p for p in (spec.name, part, col.key) if p])
                            for part in row.derived_from
                        )
                for part in row.derived_from:
                    if not any(r.key == part for r in spec.rows):
                        raise ValueError(f"template {self.id}: {row.key} sums unknown row {part}")
        keys = tuple(all_keys)
        key_set = frozenset(keys)
        if len(key_set) != len(keys):
            raise ValueError(f"template {self.id}: a statistic key is defined twice")
        for rel in self.relations:
            if type(rel).instances is not Relation.instances:
                for _item, _label, left, right, anchor in rel.instances():
                    for k in (*left, *right, anchor):
                        if k not in key_set:
                            raise ValueError(f"template {self.id}: relation {rel.name} names {k}")
                continue
            # The keys Relation.instances gives, in its order, without its labels and lists.
            patterns = [_split(p) for p in (*rel.left, *rel.right, rel.anchor)]
            for item in rel.over:
                for before, after in patterns:
                    k = after.format(item) if before is None else f"{before}{item}{after}"
                    if k not in key_set:
                        raise ValueError(f"template {self.id}: relation {rel.name} names {k}")
        return keys, key_set, derived, labels, kinds

    def kind(self, key: str) -> ValueKind:
        """What the statistic *key* holds (count, signed count or amount)."""
        return self._kinds[key]

    def label(self, key: str) -> str:
        """The Chinese label of a statistic key: table, groups, row and column labels,
        joined by `` · ``."""
        labels = self._labels
        if not labels:
            _fill_labels(self, labels)
        return labels[key]

    def matches_year(self, year: int) -> bool:
        """Is *year* a report year this template is used for?"""
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def complete(self, mapping: Mapping[str, Value]) -> tuple[dict[str, Value], frozenset[str]]:
        """*mapping* in template order, derived keys it lacks computed: ``(flat, computed)``.

        Amounts given as ``int`` become :class:`~decimal.Decimal`; counts given as a whole
        ``Decimal`` become ``int``.

        :raises ValueError: a key that is not derived is missing, or a count is fractional.
        :raises TypeError: a value is neither ``int``, ``Decimal`` nor ``None``.
        """
        derived = self.derived
        missing = [k for k in self.keys if k not in mapping and k not in derived]
        if missing:
            raise ValueError(
                f"template {self.id} needs {len(missing)} more keys: "
                + ", ".join(missing[:5])
                + (" ..." if len(missing) > 5 else "")
            )
        computed = []
        flat: dict[str, Value] = {}
        for key in self.keys:
            if key in mapping:
                flat[key] = _typed(key, mapping[key], self._kinds[key])
            else:
                flat[key] = sum_known([mapping.get(p) for p in derived[key]])
                computed.append(key)
        return flat, frozenset(computed)


def derived_ahead(
    template: str, tables: tuple[TableSpec, ...], relations: tuple[Relation, ...]
) -> None:
    """Have the schema of the built-in template *template* made next from *tables* and
    *relations* take what it derives from them as :mod:`.keys` holds it, written ahead of
    time by :mod:`.keygen` (``tests/test_builtin_templates.py`` holds it to what
    :meth:`Schema._derive` gives): deriving it again, key by key, cost the first report
    of a process 1.3 M instructions, and the keys module (which the CSV header of an
    export reads anyway) costs less than half of that. Without the module or its entry
    for *template*, or when its keys are not as many as the tables' values (a data module
    changed and the module not written again), the schema derives them as any other.
    The instances of *relations* are taken from there too (:func:`instances_of`) when
    they are as many as the relations' items."""
    try:
        from .keys import DERIVED, INSTANCES, KEYS, KINDS

        keys, derived, named = KEYS[template], DERIVED[template], KINDS[template]
        instances = INSTANCES[template]
    except (ImportError, KeyError):
        return
    if len(keys) != sum([len(row.columns) for spec in tables for row in spec.rows]):
        return
    if len(_TABLES) >= _DERIVED_LIMIT:
        _TABLES.clear()
    _TABLES[id(tables)] = (tables, template)
    if len(instances) == len(relations) and all(
        type(rel) is Relation and len(rel.over) == len(found)
        for rel, found in zip(relations, instances, strict=True)
    ):
        if len(_INSTANCES) >= _DERIVED_LIMIT:
            _INSTANCES.clear()
        _INSTANCES[id(relations)] = (relations, instances)
    kinds = dict.fromkeys(keys, ValueKind.COUNT)
    for key, kind in named.items():
        kinds[key] = ValueKind(kind)
    if len(_DERIVED) >= _DERIVED_LIMIT:
        _DERIVED.clear()
    _DERIVED[id(tables), id(relations)] = (
        tables,
        relations,
        keys,
        frozenset(keys),
        dict(derived),
        {},
        kinds,
    )


#: What schemas derive from their tables and relations (keys, labels, kinds), by the
#: identity of both, which it holds: a template made from a schema (``Template.of``)
#: shares the schema's instead of deriving them again. Nothing of a report is kept.
_DERIVED: dict[
    tuple[int, int],
    tuple[
        tuple[TableSpec, ...],
        tuple[Relation, ...],
        tuple[str, ...],
        frozenset[str],
        dict[str, tuple[str, ...]],
        dict[str, str],
        dict[str, ValueKind],
    ],
] = {}
_DERIVED_LIMIT = 64

#: The built-in template whose tables each tuple of tables is, by its identity (the
#: tuple kept with it), for those :mod:`.keys` holds what they derive (see
#: :func:`derived_ahead`).
_TABLES: dict[int, tuple[tuple[TableSpec, ...], str]] = {}


def written_ahead(tables: tuple[TableSpec, ...]) -> str | None:
    """The id of the built-in template whose tables *tables* are (the tuple its data
    module made) when :mod:`.keys` holds what they derive, written ahead of time; else
    ``None``."""
    found = _TABLES.get(id(tables))
    return found[1] if found is not None and found[0] is tables else None


#: A relation's instance with its keys resolved: ``(item, label, left keys, right keys,
#: anchor key)``, as :meth:`Relation.instances` gives it, the keys in tuples.
Instance = tuple[str, str, tuple[str, ...], tuple[str, ...], str]

#: The instances of the relations of the built-in templates, written ahead of time
#: (:mod:`.keys`), by the identity of the tuple of relations, which it holds (see
#: :func:`derived_ahead`).
_INSTANCES: dict[int, tuple[tuple[Relation, ...], tuple[tuple[Instance, ...], ...]]] = {}


def instances_of(relations: tuple[Relation, ...]) -> tuple[tuple[Instance, ...], ...]:
    """The instances of each of *relations* (:meth:`Relation.instances`, keys in tuples):
    those of a built-in template's as :mod:`.keys` holds them, written ahead of time
    (``tests/test_builtin_templates.py`` holds them to what the relations give), where
    making them again, key by key, cost the first report of a process 0.7 M instructions;
    any other's as the relations give them."""
    found = _INSTANCES.get(id(relations))
    if found is not None and found[0] is relations:
        return found[1]
    return tuple(
        tuple(
            (item, label, tuple(left), tuple(right), anchor)
            for item, label, left, right, anchor in rel.instances()
        )
        for rel in relations
    )


def _typed(key: str, value: object, kind: ValueKind) -> Value:
    """*value* as the contract types it: ``int`` counts, ``Decimal`` amounts, ``None``."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(
            f"{key}: {value!r} is a {type(value).__name__}; values are int, Decimal or None"
        )
    if kind is ValueKind.AMOUNT:
        return Decimal(value) if isinstance(value, int) else value
    if isinstance(value, Decimal):
        if value != value.to_integral_value():
            raise ValueError(f"{key}: {value} is not a whole number")
        return int(value)
    return value


def sum_known(values: Iterable[Value]) -> Value:
    total: int | Decimal = 0
    for v in values:
        if v is None:
            return None
        total += v
    return total
