"""Typed views of :class:`~gipparse.Statistics`: the same numbers under attribute names
(``stats.applications.withheld.third_party.total``), built from the flat mapping when
:attr:`~gipparse.Statistics.active`, :attr:`~gipparse.Statistics.applications` or
:attr:`~gipparse.Statistics.appeals` is read. Imported on first use: reading and exporting
reports never needs them.

Written by :mod:`gipparse.templates.viewgen` from the templates' data; do not edit.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

import attrs

from ..classes import frozen
from .values import Value

# A field ``f`` of a view built at prefix ``p`` holds the value of key ``p.f``; a field
# named in the class's ``_parts`` holds the view class given there, built at
# ``p.<key given there>``, or None when no key lies under it.

_T = TypeVar("_T")


def build(cls: type[_T], flat: Mapping[str, Value], prefix: str) -> _T | None:
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
            kwargs[name] = part = build(sub[0], flat, f"{prefix}.{sub[1]}")
            found = found or part is not None
    return cls(**kwargs) if found else None


def _field_names(cls: type[Any]) -> tuple[str, ...]:
    return tuple(f.name for f in attrs.fields(cls))


@frozen
class ActiveItem:
    """One row of table 二. Each template fills its own fields, the others are ``None``.

    Template ``2020``: ``made``/``published``/``total`` (规章, 规范性文件),
    ``prev_items``/``change``/``decisions`` (许可, 其他服务, 处罚, 强制; 收费 without
    ``decisions``), ``projects``/``amount`` (采购). Template ``2021``:
    ``issued``/``repealed``/``in_force``, ``decisions``, ``amount`` (收费, 万元)."""

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


@frozen
class ActiveDisclosure:
    """Table 二: information disclosed on the agency's own initiative."""

    _parts: ClassVar[Mapping[str, tuple[type[Any], str]]] = {
        "rules": (ActiveItem, "rules"),
        "normative_docs": (ActiveItem, "normative_docs"),
        "licensing": (ActiveItem, "licensing"),
        "other_services": (ActiveItem, "other_services"),
        "penalty": (ActiveItem, "penalty"),
        "coercion": (ActiveItem, "coercion"),
        "fees": (ActiveItem, "fees"),
        "procurement": (ActiveItem, "procurement"),
    }

    rules: ActiveItem | None = None
    normative_docs: ActiveItem | None = None
    licensing: ActiveItem | None = None
    other_services: ActiveItem | None = None
    penalty: ActiveItem | None = None
    coercion: ActiveItem | None = None
    fees: ActiveItem | None = None
    procurement: ActiveItem | None = None


@frozen
class ApplicantCounts:
    """One row of table 三: a count per applicant type and the row's total."""

    natural_person: int | None = None
    commercial: int | None = None
    research: int | None = None
    nonprofit: int | None = None
    legal_services: int | None = None
    other_org: int | None = None
    total: int | None = None


@frozen
class WithheldCounts:
    """（三）不予公开, by reason."""

    _parts: ClassVar[Mapping[str, tuple[type[Any], str]]] = {
        "state_secret": (ApplicantCounts, "state_secret"),
        "prohibited_by_law": (ApplicantCounts, "prohibited_by_law"),
        "security_stability": (ApplicantCounts, "security_stability"),
        "third_party": (ApplicantCounts, "third_party"),
        "internal_affairs": (ApplicantCounts, "internal_affairs"),
        "process_info": (ApplicantCounts, "process_info"),
        "enforcement_files": (ApplicantCounts, "enforcement_files"),
        "query_matters": (ApplicantCounts, "query_matters"),
    }

    state_secret: ApplicantCounts | None = None
    prohibited_by_law: ApplicantCounts | None = None
    security_stability: ApplicantCounts | None = None
    third_party: ApplicantCounts | None = None
    internal_affairs: ApplicantCounts | None = None
    process_info: ApplicantCounts | None = None
    enforcement_files: ApplicantCounts | None = None
    query_matters: ApplicantCounts | None = None


@frozen
class UnavailableCounts:
    """（四）无法提供, by reason."""

    _parts: ClassVar[Mapping[str, tuple[type[Any], str]]] = {
        "not_held": (ApplicantCounts, "not_held"),
        "needs_creation": (ApplicantCounts, "needs_creation"),
        "unclear": (ApplicantCounts, "unclear"),
    }

    not_held: ApplicantCounts | None = None
    needs_creation: ApplicantCounts | None = None
    unclear: ApplicantCounts | None = None


@frozen
class NotProcessedCounts:
    """（五）不予处理, by reason."""

    _parts: ClassVar[Mapping[str, tuple[type[Any], str]]] = {
        "petition": (ApplicantCounts, "petition"),
        "repeated": (ApplicantCounts, "repeated"),
        "publication": (ApplicantCounts, "publication"),
        "excessive": (ApplicantCounts, "excessive"),
        "confirmation": (ApplicantCounts, "confirmation"),
    }

    petition: ApplicantCounts | None = None
    repeated: ApplicantCounts | None = None
    publication: ApplicantCounts | None = None
    excessive: ApplicantCounts | None = None
    confirmation: ApplicantCounts | None = None


@frozen
class OtherHandlingCounts:
    """（六）其他处理, by reason (template ``2021`` only)."""

    _parts: ClassVar[Mapping[str, tuple[type[Any], str]]] = {
        "no_correction": (ApplicantCounts, "no_correction"),
        "unpaid_fee": (ApplicantCounts, "unpaid_fee"),
        "other": (ApplicantCounts, "other"),
    }

    no_correction: ApplicantCounts | None = None
    unpaid_fee: ApplicantCounts | None = None
    other: ApplicantCounts | None = None


@frozen
class ApplicationsTable:
    """Table 三: applications received and how they were handled.

    ``other_handling`` is the （六）其他处理 row (template ``2021``: the sum of the rows in
    ``other_handling_rows``); ``other_handling_rows`` is ``None`` for template ``2020``."""

    _parts: ClassVar[Mapping[str, tuple[type[Any], str]]] = {
        "new": (ApplicantCounts, "new"),
        "carried_over": (ApplicantCounts, "carried_over"),
        "granted": (ApplicantCounts, "granted"),
        "partial": (ApplicantCounts, "partial"),
        "withheld": (WithheldCounts, "withheld"),
        "unavailable": (UnavailableCounts, "unavailable"),
        "not_processed": (NotProcessedCounts, "not_processed"),
        "other_handling": (ApplicantCounts, "other_handling"),
        "other_handling_rows": (OtherHandlingCounts, "other_handling"),
        "total": (ApplicantCounts, "total"),
        "carried_forward": (ApplicantCounts, "carried_forward"),
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


@frozen
class AppealOutcomes:
    """One group of table 四: outcomes and their total."""

    upheld: int | None = None
    corrected: int | None = None
    other: int | None = None
    pending: int | None = None
    total: int | None = None


@frozen
class ReviewLitigation:
    """Table 四: administrative review (行政复议) and litigation (行政诉讼) outcomes."""

    _parts: ClassVar[Mapping[str, tuple[type[Any], str]]] = {
        "review": (AppealOutcomes, "review"),
        "litigation_direct": (AppealOutcomes, "litigation_direct"),
        "litigation_after_review": (AppealOutcomes, "litigation_after_review"),
    }

    review: AppealOutcomes | None = None
    litigation_direct: AppealOutcomes | None = None
    litigation_after_review: AppealOutcomes | None = None
