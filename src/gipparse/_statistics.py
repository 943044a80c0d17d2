"""The statistics of a report: a flat mapping under the schema's keys, and typed views.

:class:`Statistics` holds one value per schema key of its template, in template order:
``int`` for counts, :class:`~decimal.Decimal` for 万元 amounts, ``None`` where the report
does not say (or says something that cannot be read; a diagnostic tells which). Keys are
the public data contract (``applications.new.natural_person``, ``active.penalty.decisions``,
``appeals.review.total``); :func:`gipparse.schema_keys` lists them.

The typed views (:attr:`Statistics.active`, :attr:`Statistics.applications`,
:attr:`Statistics.appeals`) are built from the flat mapping on access; they name the same
numbers with attributes (``stats.applications.withheld.third_party.total``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import attrs

from ._nodes import Cell

if TYPE_CHECKING:
    from ._templates import Template

Value = int | Decimal | None

_V = TypeVar("_V")


@attrs.frozen(repr=False)
class Statistics:
    """The statistics of one report under one template.

    Build one with :meth:`from_flat`; the parser builds them from the report's tables.

    ``derived`` names the keys computed from other keys rather than read (template
    ``2021``: ``applications.other_handling.<column>``, the sum of the three rows below it).
    ``sources`` maps a key to the :class:`~gipparse.Cell` its value was read from (a blank
    or dash cell read as 0 included); it takes no part in equality.
    """

    template: str
    _items: tuple[tuple[str, Value], ...] = attrs.field(alias="items")
    derived: frozenset[str] = frozenset()
    sources: Mapping[str, Cell] = attrs.field(factory=dict, eq=False, hash=False, repr=False)
    _index: dict[str, Value] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", dict(self._items))

    # -- construction -----------------------------------------------------------------

    @classmethod
    def from_flat(
        cls,
        template: str | Template,
        mapping: Mapping[str, Value],
        derived: Iterable[str] = frozenset(),
        *,
        sources: Mapping[str, Cell] | None = None,
    ) -> Statistics:
        """Build statistics from a flat mapping of schema keys.

        *mapping* must hold every key of the template that is not derived; keys the
        template derives (2021: ``applications.other_handling.<column>``) are computed when
        absent and then named in ``derived``. Counts are ``int``, amounts
        :class:`~decimal.Decimal` (an ``int`` amount is converted), unknown ``None``.

        :param template: a template id (``"2020"``, ``"2021"``, or one a plugin registers)
            or a :class:`~gipparse.Template`.
        :raises ValueError: a key is not in the template's schema, a key is missing, or a
            count is fractional.
        :raises TypeError: a value is neither ``int``, ``Decimal`` nor ``None`` (a ``float``
            or a ``bool``, say).
        """
        from ._templates import find_template

        tpl = find_template(template)
        unknown = [k for k in mapping if k not in tpl.key_set]
        if unknown:
            raise ValueError(
                f"not keys of template {tpl.id}: {', '.join(sorted(unknown)[:5])}"
                + (" ..." if len(unknown) > 5 else "")
            )
        flat, computed = tpl.complete(mapping)
        return cls(tpl.id, tuple(flat.items()), frozenset(derived) | computed, sources or {})

    @classmethod
    def _from_dict(
        cls,
        template: str,
        flat: dict[str, Value],
        derived: frozenset[str],
        sources: Mapping[str, Cell],
    ) -> Statistics:
        """Statistics over *flat*, already complete and in template order (the parser's
        path: the dictionary becomes the index as it is)."""
        self = cls.__new__(cls)
        set_ = object.__setattr__
        set_(self, "template", template)
        set_(self, "derived", derived)
        set_(self, "sources", sources)
        set_(self, "_index", flat)
        return self

    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            # Statistics the parser builds get their ``items`` (what equality, hashing
            # and repr compare) from the index on first use: parsing does not need them.
            if name == "_items":
                items = tuple(self._index.items())
                object.__setattr__(self, "_items", items)
                return items
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    # -- the flat mapping ---------------------------------------------------------------

    def to_flat(self) -> dict[str, Value]:
        """Every schema key of the template, in template order, with its value."""
        return self._index.copy()

    def keys(self) -> tuple[str, ...]:
        return tuple(self._index)

    def __getitem__(self, key: str) -> Value:
        return self._index[key]

    def get(self, key: str, default: _V | None = None) -> Value | _V:
        return self._index.get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    @property
    def unknown(self) -> tuple[str, ...]:
        """The keys whose value is ``None``."""
        return tuple(k for k, v in self._index.items() if v is None)

    def __repr__(self) -> str:
        return (
            f"Statistics(template={self.template!r}, {len(self._index)} keys, "
            f"{len(self.unknown)} unknown, {len(self.derived)} derived)"
        )

    # -- typed views --------------------------------------------------------------------

    @property
    def active(self) -> ActiveDisclosure:
        """Section 二, 主动公开政府信息情况 (rows the template lacks are ``None``)."""
        return _build(ActiveDisclosure, self._index, "active") or ActiveDisclosure()

    @property
    def applications(self) -> ApplicationsTable:
        """Section 三, 收到和处理政府信息公开申请情况."""
        return _build(ApplicationsTable, self._index, "applications") or ApplicationsTable()

    @property
    def appeals(self) -> ReviewLitigation:
        """Section 四, 政府信息公开行政复议、行政诉讼情况."""
        return _build(ReviewLitigation, self._index, "appeals") or ReviewLitigation()


# ---------------------------------------------------------------------------
# Typed views. A field ``f`` of a view built at prefix ``p`` holds the value of key ``p.f``;
# a field named in the class's ``_parts`` holds the view class given there, built at
# ``p.<key given there>``, or None when no key lies under it.
# ---------------------------------------------------------------------------

_T = TypeVar("_T")


def _build(cls: type[_T], flat: Mapping[str, Value], prefix: str) -> _T | None:
    """The view *cls* at *prefix*, or ``None`` when the mapping has no key under it."""
    parts: Mapping[str, tuple[type[Any], str]] = getattr(cls, "_parts", {})
    kwargs: dict[str, Any] = {}
    found = False
    for name in _field_names(cls):
        sub = parts.get(name)
        if sub is None:
            key = f"{prefix}.{name}"
            found = found or key in flat
            kwargs[name] = flat.get(key)
        else:
            kwargs[name] = part = _build(sub[0], flat, f"{prefix}.{sub[1]}")
            found = found or part is not None
    return cls(**kwargs) if found else None


def _field_names(cls: type[Any]) -> tuple[str, ...]:
    return tuple(f.name for f in attrs.fields(cls))


@attrs.frozen
class ApplicantCounts:
    """One row of table 三: a count per applicant type and the row's total."""

    natural_person: int | None = None
    commercial: int | None = None
    research: int | None = None
    nonprofit: int | None = None
    legal_services: int | None = None
    other_org: int | None = None
    total: int | None = None


def _rows(*names: str, key: type[Any] = ApplicantCounts) -> dict[str, tuple[type[Any], str]]:
    return {n: (key, n) for n in names}


@attrs.frozen
class WithheldCounts:
    """（三）不予公开, by reason."""

    _parts: ClassVar[Mapping[str, tuple[type[Any], str]]] = _rows(
        "state_secret",
        "prohibited_by_law",
        "security_stability",
        "third_party",
        "internal_affairs",
        "process_info",
        "enforcement_files",
        "query_matters",
    )

    state_secret: ApplicantCounts | None = None
    prohibited_by_law: ApplicantCounts | None = None
    security_stability: ApplicantCounts | None = None
    third_party: ApplicantCounts | None = None
    internal_affairs: ApplicantCounts | None = None
    process_info: ApplicantCounts | None = None
    enforcement_files: ApplicantCounts | None = None
    query_matters: ApplicantCounts | None = None


@attrs.frozen
class UnavailableCounts:
    """（四）无法提供, by reason."""

    _parts: ClassVar[Mapping[str, tuple[type[Any], str]]] = _rows(
        "not_held", "needs_creation", "unclear"
    )

    not_held: ApplicantCounts | None = None
    needs_creation: ApplicantCounts | None = None
    unclear: ApplicantCounts | None = None


@attrs.frozen
class NotProcessedCounts:
    """（五）不予处理, by reason."""

    _parts: ClassVar[Mapping[str, tuple[type[Any], str]]] = _rows(
        "petition", "repeated", "publication", "excessive", "confirmation"
    )

    petition: ApplicantCounts | None = None
    repeated: ApplicantCounts | None = None
    publication: ApplicantCounts | None = None
    excessive: ApplicantCounts | None = None
    confirmation: ApplicantCounts | None = None


@attrs.frozen
class OtherHandlingCounts:
    """（六）其他处理, by reason (template ``2021`` only)."""

    _parts: ClassVar[Mapping[str, tuple[type[Any], str]]] = _rows(
        "no_correction", "unpaid_fee", "other"
    )

    no_correction: ApplicantCounts | None = None
    unpaid_fee: ApplicantCounts | None = None
    other: ApplicantCounts | None = None


@attrs.frozen
class ApplicationsTable:
    """Table 三: applications received and how they were handled.

    ``other_handling`` is the （六）其他处理 row (template ``2021``: the sum of the rows in
    ``other_handling_rows``); ``other_handling_rows`` is ``None`` for template ``2020``.
    """

    _parts: ClassVar[Mapping[str, tuple[type[Any], str]]] = {
        **_rows(
            "new",
            "carried_over",
            "granted",
            "partial",
            "other_handling",
            "total",
            "carried_forward",
        ),
        "withheld": (WithheldCounts, "withheld"),
        "unavailable": (UnavailableCounts, "unavailable"),
        "not_processed": (NotProcessedCounts, "not_processed"),
        "other_handling_rows": (OtherHandlingCounts, "other_handling"),
    }

    new: ApplicantCounts | None = None
    carried_over: ApplicantCounts | None = None
    granted: ApplicantCounts | None = None
    partial: ApplicantCounts | None = None
    withheld: WithheldCounts | None = None
    unavailable: UnavailableCounts | None = None
    not_processed: NotProcessedCounts | None = None
    other_handling: ApplicantCounts | None = None
    other_handling_rows: OtherHandlingCounts | None = None
    total: ApplicantCounts | None = None
    carried_forward: ApplicantCounts | None = None


@attrs.frozen
class AppealOutcomes:
    """One group of table 四: outcomes and their total."""

    upheld: int | None = None
    corrected: int | None = None
    other: int | None = None
    pending: int | None = None
    total: int | None = None


@attrs.frozen
class ReviewLitigation:
    """Table 四: administrative review (行政复议) and litigation (行政诉讼) outcomes."""

    _parts: ClassVar[Mapping[str, tuple[type[Any], str]]] = _rows(
        "review", "litigation_direct", "litigation_after_review", key=AppealOutcomes
    )

    review: AppealOutcomes | None = None
    litigation_direct: AppealOutcomes | None = None
    litigation_after_review: AppealOutcomes | None = None


@attrs.frozen
class ActiveItem:
    """One row of table 二. Each template fills its own fields, the others are ``None``.

    Template ``2020``: ``made``/``published``/``total`` (规章, 规范性文件),
    ``prev_items``/``change``/``decisions`` (许可, 其他服务, 处罚, 强制; 收费 without
    ``decisions``), ``projects``/``amount`` (采购). Template ``2021``:
    ``issued``/``repealed``/``in_force``, ``decisions``, ``amount`` (收费, 万元).
    """

    made: int | None = None
    published: int | None = None
    total: int | None = None
    prev_items: int | None = None
    change: int | None = None
    decisions: int | None = None
    projects: int | None = None
    amount: Decimal | None = None
    issued: int | None = None
    repealed: int | None = None
    in_force: int | None = None


@attrs.frozen
class ActiveDisclosure:
    """Table 二: information disclosed on the agency's own initiative."""

    _parts: ClassVar[Mapping[str, tuple[type[Any], str]]] = _rows(
        "rules",
        "normative_docs",
        "licensing",
        "other_services",
        "penalty",
        "coercion",
        "fees",
        "procurement",
        key=ActiveItem,
    )

    rules: ActiveItem | None = None
    normative_docs: ActiveItem | None = None
    licensing: ActiveItem | None = None
    other_services: ActiveItem | None = None
    penalty: ActiveItem | None = None
    coercion: ActiveItem | None = None
    fees: ActiveItem | None = None
    procurement: ActiveItem | None = None
