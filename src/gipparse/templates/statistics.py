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

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import compress, repeat
from operator import is_
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

from ..classes import frozen
from ..tree.nodes import Cell, LazySlot, Span, TableCells
from .values import Value

if TYPE_CHECKING:
    from .schema import Schema
    from .views import ActiveDisclosure, ApplicationsTable, ReviewLitigation

__all__ = ["Statistics", "Value"]

_V = TypeVar("_V")


@frozen(repr=False)
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
        template: str | Schema,
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

        :param template: a built-in template id (``"2020"``, ``"2021"``) or a template
            (:class:`~gipparse.Template`, the one a plugin registers, say).
        :raises ValueError: a key is not in the template's schema, a key is missing, or a
            count is fractional.
        :raises TypeError: a value is neither ``int``, ``Decimal`` nor ``None`` (a ``float``
            or a ``bool``, say).
        """
        if isinstance(template, str):
            from .known import SCHEMAS

            tpl = SCHEMAS.get(template)
            if tpl is None:
                raise ValueError(
                    f"unknown template {template!r} (built in: {', '.join(SCHEMAS)}; "
                    "pass a template registered by a plugin as the Template object)"
                )
        else:
            tpl = template
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
        sources: Mapping[str, Cell] | LazySources,
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
        index = self._index
        if None not in set(index.values()):
            # Where most reports stop: ints hash at once, where ``None in`` the values
            # would compare each with ``None`` in full (twice the cost).
            return ()
        return tuple(compress(index, map(is_, index.values(), repeat(None))))

    def __repr__(self) -> str:
        return (
            f"Statistics(template={self.template!r}, {len(self._index)} keys, "
            f"{len(self.unknown)} unknown, {len(self.derived)} derived)"
        )

    # -- typed views --------------------------------------------------------------------

    @property
    def active(self) -> ActiveDisclosure:
        """Section 二, 主动公开政府信息情况 (rows the template lacks are ``None``)."""
        from .views import ActiveDisclosure, build

        return build(ActiveDisclosure, self._index, "active") or ActiveDisclosure()

    @property
    def applications(self) -> ApplicationsTable:
        """Section 三, 收到和处理政府信息公开申请情况."""
        from .views import ApplicationsTable, build

        return build(ApplicationsTable, self._index, "applications") or ApplicationsTable()

    @property
    def appeals(self) -> ReviewLitigation:
        """Section 四, 政府信息公开行政复议、行政诉讼情况."""
        from .views import ReviewLitigation, build

        return build(ReviewLitigation, self._index, "appeals") or ReviewLitigation()


_sources_slot = Statistics.__dict__["sources"]
_get_sources = _sources_slot.__get__
#: Held while a report's sources are built, so that every thread sees the same mapping.
_BUILDING = threading.Lock()


class LazySources:
    """What the parser leaves in :attr:`Statistics.sources` for a report whose table
    cells are not built yet (see :class:`~gipparse.tree.nodes.LazyRows`): the sources'
    keys in order, the position among *cells* of each key's cell, and a getter of those
    cells (the positions and the getter are the reading plan's, shared by the reports it
    reads). :attr:`Statistics.sources` makes the mapping (building the cells) when first
    asked for; :func:`source_span` tells where a key's cell stands without building it."""

    __slots__ = ("_built", "at", "cells", "keys", "positions")

    def __init__(
        self,
        keys: dict[str, Any],
        positions: Mapping[str, int],
        at: Callable[[Sequence[Cell]], tuple[Cell, ...]],
        cells: TableCells,
    ) -> None:
        self.keys = keys
        self.positions = positions
        self.at = at
        self.cells = cells
        self._built: dict[str, Cell] | None = None

    def build(self) -> dict[str, Cell]:
        """The mapping, made once (the same for every caller)."""
        with _BUILDING:
            built = self._built
            if built is None:
                built = self.keys.copy()
                built.update(zip(self.keys, self.at(self.cells.cells())))  # noqa: B905
                self._built = built
        return built


setattr(Statistics, "sources", LazySlot(_sources_slot, LazySources))  # noqa: B010 (a field mypy must keep seeing as one)


def source_keys(statistics: Statistics) -> Iterable[str]:
    """The keys of ``statistics.sources``, in order, without building the cells."""
    sources = _get_sources(statistics)
    if sources.__class__ is LazySources:
        return sources.keys
    return cast("Mapping[str, Cell]", sources).keys()


def source_span(statistics: Statistics, keys: Iterable[str]) -> Span | None:
    """The span of the first of *keys* whose cell (in ``statistics.sources``) has one,
    without building the cells."""
    sources = _get_sources(statistics)
    if sources.__class__ is not LazySources or sources._built is not None:
        mapping: Mapping[str, Cell] = statistics.sources
        for key in keys:
            cell = mapping.get(key)
            if cell is not None and cell.span is not None:
                return cell.span
        return None
    lazy = sources
    at = lazy.positions
    for key in keys:
        position = at.get(key)
        if position is not None:
            span = lazy.cells.span(position)
            if span is not None:
                return span
    return None
