"""Relations: the sums a template says its numbers satisfy (its 勾稽关系), evaluated on
the statistics of a report, values as written.

A failure is reported, never repaired: an ERROR ``relation.<name>`` naming the column,
row or group, the numbers on both sides and, through its span, the offending row.
Instances that cannot be evaluated because a value is null make one
``relation.unchecked`` WARNING per relation.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from ..caches import track
from ..errors import GipparseError, PluginError, culprit_of
from ..templates.schema import Relation, Schema, instances_of
from ..templates.statistics import Statistics, source_span
from ..templates.values import Value
from ..tree.nodes import Diagnostic, Severity, Span, tuple_getter


class _Check:
    """One instance of a relation, keys resolved (a plain class: templates make dozens
    when they are created, at start-up)."""

    __slots__ = ("all_derived", "anchor", "fetch", "item", "label", "left", "parts", "right")

    def __init__(  # noqa: PLR0917
        self,
        item: str,
        label: str,
        left: tuple[str, ...],
        right: tuple[str, ...],
        anchor: str,
        fetch: Callable[[Mapping[str, Value]], tuple[Value, ...]],
        all_derived: bool,
        parts: frozenset[str],
    ) -> None:
        self.item = item
        self.label = label
        self.left = left
        self.right = right
        self.anchor = anchor
        #: Fetches the values of ``left + right`` from a mapping, as a tuple.
        self.fetch = fetch
        #: Made of derived keys only: implied by the relations of the parts.
        self.all_derived = all_derived
        #: Touches keys that are the parts of a derived row.
        self.parts = parts


_NO_PARTS: frozenset[str] = frozenset()


class Relations:
    """The relations of one template, their instances resolved once: evaluated on a
    report's statistics by :meth:`check`."""

    def __init__(self, schema: Schema) -> None:
        derived = self._derived = schema.derived
        derived_parts = {p for parts in derived.values() for p in parts}
        checks = []
        relations = schema.relations
        for rel, resolved in zip(relations, instances_of(relations), strict=True):
            instances = []
            for item, label, left, right, anchor in resolved:
                both = (*left, *right)
                instances.append(
                    _Check(
                        item,
                        label,
                        left,
                        right,
                        anchor,
                        operator.itemgetter(*both),
                        # (Most templates derive no key: nothing to look for then.)
                        bool(derived) and all(k in derived for k in both),
                        frozenset([k for k in both if k in derived_parts])
                        if derived_parts
                        else _NO_PARTS,
                    )
                )
            checks.append((rel, tuple(instances)))
        self._checks: tuple[tuple[Relation, tuple[_Check, ...]], ...] = tuple(checks)
        #: The template's keys, in order.
        self._order = list(schema.keys)
        #: Whether every relation holds, by the derived keys of the statistics checked.
        self._quick: dict[frozenset[str], Callable[[Mapping[str, Value]], bool]] = {}
        track(self, _forget)

    def check(self, statistics: Statistics) -> list[Diagnostic]:
        """Evaluate every relation of the template on *statistics*, values as written.

        Each failure is an ERROR ``relation.<name>`` naming the column, row or group, the
        numbers on both sides and, through its span, the offending row. Instances that
        cannot be evaluated because a value is null make one ``relation.unchecked`` WARNING
        per relation. Instances made only of derived keys (implied by the relations of their
        parts) and instances touching the parts of a row printed collapsed are skipped.
        """
        values = statistics._index
        derived = statistics.derived
        holds = self._quick.get(derived)
        if holds is None:
            # The first statistics with these derived keys are checked instance by
            # instance, the next compile the quick check: compiling costs about 6.5 M
            # instructions (checking each instance 0.3 M, the quick check 0.07 M), which
            # a process reading one report would pay for nothing.
            if len(self._quick) >= 64:
                self._quick.clear()
            holds = self._quick[derived] = _not_yet
        elif holds is _not_yet:
            holds = self._quick[derived] = self._all_hold(derived)
        try:
            if holds(values):
                # Every instance holds, so none fails and none wants a value: nothing
                # to say, whatever the values the relations do not touch.
                return []
        except TypeError:
            pass  # a null value (None cannot be summed): told instance by instance
        except KeyError:
            pass  # statistics without a key: checking each tells which
        return self.check_each(statistics)

    def check_each(self, statistics: Statistics) -> list[Diagnostic]:
        """:meth:`check`, one relation instance after another."""
        values = statistics._index
        derived = statistics.derived
        absent = self._absent_keys(values, derived) if self._derived else set()
        found: list[Diagnostic] = []
        for rel, instances in self._checks:
            unchecked: list[str] = []
            unknown: dict[str, None] = {}
            first_unknown: Span | None = None
            for check in instances:
                if check.all_derived and check.left[0] in derived:
                    continue
                if absent and check.parts and not check.parts.isdisjoint(absent):
                    continue
                got = check.fetch(values)
                nl = len(check.left)
                if None in got:
                    keys = check.left + check.right
                    unchecked.append(check.item)
                    missing = [k for k, v in zip(keys, got, strict=True) if v is None]
                    unknown.update(dict.fromkeys(missing))
                    if first_unknown is None:
                        first_unknown = source_span(statistics, [*missing, check.anchor, *keys])
                    continue
                ls: Any = sum(got[:nl])
                rs: Any = sum(got[nl:])
                if ls != rs:
                    keys = check.left + check.right
                    span = source_span(statistics, [check.anchor, *keys])
                    where = f" (line {span.line})" if span is not None else ""
                    found.append(
                        Diagnostic(
                            Severity.ERROR,
                            f"relation.{rel.name}",
                            f"{rel.description} fails in {rel.axis} {check.item} "
                            f"({check.label}): {_terms(check.left, got[:nl], ls)} but "
                            f"{_terms(check.right, got[nl:], rs)}{where}",
                            span,
                        )
                    )
            if unchecked:
                shown = list(unknown)
                found.append(
                    Diagnostic(
                        Severity.WARNING,
                        "relation.unchecked",
                        f"relation {rel.name} ({rel.description}) not checked in "
                        f"{len(unchecked)} {rel.axis}(s) ({', '.join(unchecked[:7])}"
                        f"{', ...' if len(unchecked) > 7 else ''}) for want of "
                        f"{', '.join(shown[:4])}{' ...' if len(shown) > 4 else ''}",
                        first_unknown,
                    )
                )
        return found

    def _all_hold(self, derived: frozenset[str]) -> Callable[[Mapping[str, Value]], bool]:
        """Whether every relation instance :meth:`check` evaluates when *derived* are the
        derived keys holds, told at once by one function compiled for them (see
        :func:`_compiled`): each side of one key is its value, each other side is summed
        as :meth:`check_each` sums it, and each left side is compared with its right side,
        the first that differs ending it. A null value makes a sum raise ``TypeError``, a
        key the statistics lack ``KeyError``."""
        # The keys the instances touch, by where they stand among them: the template's
        # own strings, which the statistics' keys are, so that each lookup finds its key
        # by identity rather than by comparing the characters of equal strings.
        keys: dict[str, int] = {}
        own = {k: k for k in self._order}
        tests = []
        for _, instances in self._checks:
            for check in instances:
                if check.all_derived and check.left[0] in derived:
                    continue
                left = [keys.setdefault(own[k], len(keys)) for k in check.left]
                right = [keys.setdefault(own[k], len(keys)) for k in check.right]
                # A side of one key is compared as it is, unless the other side is one
                # too: then both are summed, for ``None == None`` holds where summing a
                # null raises (and check_each tells the relation unchecked).
                one_left = len(left) == 1
                one_right = len(right) == 1 and not one_left
                tests.append(
                    (left[0] if one_left else tuple(left), right[0] if one_right else tuple(right))
                )
        return _compiled(list(keys), tests)

    def _absent_keys(self, values: Mapping[str, Value], derived: frozenset[str]) -> set[str]:
        """Keys of the parts of a derived row that the report printed as one row."""
        absent: set[str] = set()
        for key, parts in self._derived.items():
            if key not in derived and all(values.get(p) is None for p in parts):
                absent.update(parts)
        return absent


def _not_yet(values: Mapping[str, Value]) -> bool:
    """The quick check of statistics whose derived keys were not seen before: it tells
    nothing, so that :meth:`Relations.check` checks each instance."""
    return False


def _forget(relations: Relations) -> None:
    relations._quick.clear()


#: The relations of the templates checked, by template (the template kept with them).
_RELATIONS: dict[int, tuple[Schema, Relations]] = {}


def relations_of(schema: Schema) -> Relations:
    """The relations of *schema* (a template), resolved once."""
    found = _RELATIONS.get(id(schema))
    if found is not None and found[0] is schema:
        return found[1]
    if len(_RELATIONS) >= 64:
        _RELATIONS.clear()
    relations = Relations(schema)
    _RELATIONS[id(schema)] = (schema, relations)
    return relations


def check_relations(schema: Schema, statistics: Statistics) -> list[Diagnostic]:
    """Evaluate every relation of *schema* (a template) on *statistics*, values as
    written: the diagnostics of those that fail or cannot be evaluated.

    :raises PluginError: a template's relations cannot be evaluated (they name the
        template's plugin).
    """
    try:
        return relations_of(schema).check(statistics)
    except GipparseError:
        raise
    except Exception as exc:
        raise PluginError(
            f"checking the relations failed: {type(exc).__name__}: {exc}",
            plugin=culprit_of(exc),
        ) from exc


#: Sides of more values than this are summed by :func:`sum` over a tuple of them rather
#: than by ``+`` (which the compiler nests, one level a value).
_LONG_SIDE = 64


def _compiled(
    keys: list[str], tests: list[tuple[int | tuple[int, ...], int | tuple[int, ...]]]
) -> Callable[[Mapping[str, Value]], bool]:
    """A function of a mapping telling whether every one of *tests* holds, the first
    that does not ending it.

    A test compares a value (the position of its key in *keys*) with a value or with the
    sum of values (positions), or two sums: each sum is ``0 + a + b + ...`` as
    :func:`sum` adds them. The function fetches the values of *keys* with one
    :func:`operator.itemgetter` call into local variables ``v0, v1, ...`` and compares
    them in one expression, where each value added costs two bytecodes (a side summed
    by :func:`sum` over a slice of a list costs more up to some twenty values, and a
    list in template order needs its keys compared with the template's). Only
    positions go into the code, never a key or any other text."""
    if not tests:
        return lambda values: True

    def side(at: int | tuple[int, ...]) -> str:
        if isinstance(at, int):
            return f"v{at}"
        if len(at) > _LONG_SIDE:
            return f"sum(({', '.join(f'v{i}' for i in at)},))"
        return " + ".join(["0", *[f"v{i}" for i in at]])

    source = (
        "def holds(values):\n"
        f"    {', '.join(f'v{i}' for i in range(len(keys)))}, = fetch(values)\n"
        f"    return {' and '.join(f'{side(a)} == {side(b)}' for a, b in tests)}\n"
    )
    namespace: dict[str, Any] = {"fetch": tuple_getter(keys), "sum": sum}
    exec(compile(source, "<gipparse relations>", "exec"), namespace)
    holds: Callable[[Mapping[str, Value]], bool] = namespace["holds"]
    return holds


def _terms(keys: Sequence[str], values: Sequence[Value], total: Value) -> str:
    def short(k: str) -> str:
        return k.split(".", 1)[1] if "." in k else k

    if len(keys) == 1:
        return f"{short(keys[0])} = {_fmt(total)}"
    if len(keys) <= 4:
        parts = " + ".join(f"{short(k)} {_fmt(v)}" for k, v in zip(keys, values, strict=True))
        return f"{parts} = {_fmt(total)}"
    return f"the sum of {len(keys)} values ({short(keys[0])} ... {short(keys[-1])}) = {_fmt(total)}"


def _fmt(v: Value) -> str:
    if isinstance(v, Decimal):
        return format(v, "f")
    return str(v)
