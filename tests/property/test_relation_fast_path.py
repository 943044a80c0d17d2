"""The relations' quick check, one compiled function telling at once whether every relation
of a template holds, agrees with checking each relation instance: when it says they all
hold, checking each finds nothing to say; when checking each finds nothing and no value
is null, it says they all hold; and :meth:`Relations.check` says what checking each says.

Statistics are drawn for both built-in templates: values that make every relation hold
(ints, or Decimals equal to them, or fractional Decimals), then some of them broken,
made null (a whole collapsed row of template 2021's derived rows included) or changed to
an equal Decimal, with and without the derived keys named.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gipparse
from gipparse.checks.relations import relations_of
from gipparse.templates.engine import find_template

BUILTIN = gipparse.create_plugin_manager(entry_points=False).templates()


def _repair(template: Any, flat: dict[str, Any]) -> None:
    """Make the relations of *template* hold on *flat* where its values allow: set the one
    key of a side of one key to the sum of the other side, else the last key of the right
    side to what balances it (a few passes, as relations share keys)."""
    for _ in range(4):
        for rel in template.relations:
            for _, _, left, right, _ in rel.instances():
                try:
                    if len(left) == 1:
                        flat[left[0]] = sum(flat[k] for k in right)
                    else:
                        flat[right[-1]] = sum(flat[k] for k in left) - sum(
                            flat[k] for k in right[:-1]
                        )
                except TypeError:
                    pass  # a null: left as it is


values = st.one_of(
    st.integers(0, 40),
    st.integers(0, 40).map(Decimal),
    st.sampled_from([Decimal("0.5"), Decimal("1.25"), Decimal("-3"), Decimal("0.00")]),
)


@st.composite
def statistics(draw: st.DrawFn, template_id: str) -> gipparse.Statistics:
    template = find_template(template_id, BUILTIN)
    keys = list(template.keys)
    flat: dict[str, Any] = {k: draw(values) for k in keys}
    if draw(st.booleans()):
        _repair(template, flat)
    # Changes after the relations were made to hold (or not).
    for key in draw(st.lists(st.sampled_from(keys), max_size=4)):
        value = flat[key]
        flat[key] = draw(
            st.sampled_from(
                [None, 1 if value is None else value + 1, Decimal(value or 0), -7, value]
            )
        )
    if template.derived and draw(st.booleans()):
        # A derived row printed collapsed: its parts all null.
        parts = draw(st.sampled_from(sorted(template.derived.values())))
        flat.update(dict.fromkeys(parts, None))
    derived = frozenset(template.derived) if draw(st.booleans()) else frozenset()
    return gipparse.Statistics(template.id, tuple(flat.items()), derived)


@pytest.mark.parametrize("template_id", ["2020", "2021"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_quick_check_agrees_with_checking_each_relation(
    template_id: str, data: st.DataObject
) -> None:
    stats = data.draw(statistics(template_id))
    relations = relations_of(find_template(template_id, BUILTIN))
    found = relations.check_each(stats)
    holds = relations._all_hold(stats.derived)
    try:
        quick = holds(stats.to_flat())
    except TypeError:
        quick = False  # a null summed
    if quick:
        assert found == []
    if not found and None not in stats.to_flat().values():
        assert quick
    assert relations.check(stats) == found


@pytest.mark.parametrize("template_id", ["2020", "2021"])
def test_the_quick_check_is_taken_and_says_yes_or_no(template_id: str) -> None:
    """The property above meets both answers: statistics whose relations all hold and
    statistics with one broken, through the compiled function."""
    template = find_template(template_id, BUILTIN)
    relations = relations_of(template)
    flat: dict[str, Any] = dict.fromkeys(template.keys, 3)
    _repair(template, flat)
    stats = gipparse.Statistics(template.id, tuple(flat.items()), frozenset(template.derived))
    assert relations.check_each(stats) == []
    assert relations._all_hold(stats.derived)(stats.to_flat()) is True
    total = next(k for k in template.keys if k.endswith(".total") and k.startswith("app"))
    broken = gipparse.Statistics(
        template.id, tuple({**flat, total: flat[total] + 1}.items()), stats.derived
    )
    assert relations._all_hold(stats.derived)(broken.to_flat()) is False
    assert relations.check(broken) == relations.check_each(broken) != []


def test_the_quick_check_is_compiled_for_derived_keys_seen_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first statistics with a set of derived keys are checked instance by instance
    (a process reading one report compiles nothing), the next ones at once."""
    from gipparse.checks.relations import Relations

    template = find_template("2020", BUILTIN)
    relations = Relations(template)
    flat: dict[str, Any] = dict.fromkeys(template.keys, 2)
    _repair(template, flat)
    stats = gipparse.Statistics(template.id, tuple(flat.items()))
    each: list[object] = []
    check_each = relations.check_each
    monkeypatch.setattr(relations, "check_each", lambda s: each.append(s) or check_each(s))
    assert [relations.check(stats) for _ in range(3)] == [[], [], []]
    assert each == [stats]
