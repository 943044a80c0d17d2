"""Relations are evaluated by :mod:`gipparse.checks.relations`: all at once when every value
is known, one instance after another otherwise; both must say the same."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

import attrs
import pytest

import gipparse
from gipparse.checks.relations import relations_of
from gipparse.templates.engine import Template, find_template
from gipparse.templates.schema import Relation

BUILTIN = gipparse.create_plugin_manager(entry_points=False).templates()
SEEDS = gipparse.sample_paths()


@pytest.mark.parametrize("template_id", ["2020", "2021"])
def test_checking_all_relations_at_once_says_what_checking_each_says(template_id: str) -> None:
    template = find_template(template_id, BUILTIN)
    relations = relations_of(template)
    rng = random.Random(template_id)
    keys = [k for k in template.keys if k not in template.derived]
    for round_ in range(200):
        flat: dict[str, Any] = {k: rng.choice((0, 0, 1, 2, 5)) for k in keys}
        if round_ % 4 == 0:  # every row total holds
            flat = gipparse.Statistics.from_flat(template, flat).to_flat()
            for k in template.keys:
                if k.endswith(".total") and k.startswith("applications."):
                    row = k.rsplit(".", 1)[0]
                    flat[k] = sum(
                        int(v or 0)
                        for kk, v in flat.items()
                        if kk.startswith(row + ".") and kk != k and kk.count(".") == k.count(".")
                    )
        if round_ % 5 == 1:
            flat[rng.choice(keys)] = None
        derived = frozenset(template.derived) if round_ % 3 else frozenset()
        stats = gipparse.Statistics.from_flat(template, flat, derived)
        assert relations.check(stats) == relations.check_each(stats), round_


def test_checking_at_once_agrees_on_reports_whose_relations_hold() -> None:
    outcomes = set()
    for path in SEEDS:
        stats = gipparse.load(path).statistics
        assert stats is not None
        template = find_template(stats.template, BUILTIN)
        flat = stats.to_flat()
        variants = [flat]
        for key in list(flat)[::9]:
            value = flat[key]
            if isinstance(value, int):
                variants.append({**flat, key: value + 1})
        for variant in variants:
            changed = gipparse.Statistics.from_flat(
                template,
                {k: v for k, v in variant.items() if k not in stats.derived},
                stats.derived,
            )
            found = relations_of(template).check(changed)
            assert found == relations_of(template).check_each(changed)
            outcomes.add(bool(found))
    assert outcomes == {True, False}


def _odd_relations(template: Any) -> Any:
    """*template* with relations of every shape the built-in ones lack: a side of one key
    against one key, several against one, keys scattered and in reverse template order."""
    keys = [k for k in template.keys if k not in template.derived]
    amount = next(k for k in keys if k.endswith(".amount"))
    a, b, c, d, e = amount, keys[40], keys[11], keys[7], keys[2]
    relations = (
        Relation("one-one", "a = b", (a,), (b,), ("x",), "group", a),
        Relation("many-one", "c + d + e = a", (c, d, e), (a,), ("x",), "group", c),
        Relation("reversed", "b + a = f + g + a", (b, a), (keys[9], keys[6], a), ("x",), "row", b),
        *template.relations,
    )
    return Template.of(attrs.evolve(template, relations=relations))


@pytest.mark.parametrize("template_id", ["2020", "2021"])
def test_checking_at_once_agrees_on_amounts_nulls_odd_relations_and_any_order(
    template_id: str,
) -> None:
    template = _odd_relations(find_template(template_id, BUILTIN))
    relations = relations_of(template)
    rng = random.Random(f"odd {template_id}")
    keys = [k for k in template.keys if k not in template.derived]
    counts: list[Any] = [0, 0, 1, 2, Decimal("2"), None]
    amounts: list[Any] = [0, Decimal("1.5"), Decimal("0.5"), Decimal("2"), None]
    outcomes = set()
    for round_ in range(300):
        flat: dict[str, Any] = dict.fromkeys(keys, 0)
        for key in rng.sample(keys, rng.choice((0, 1, 3, 20))):
            flat[key] = rng.choice(counts)
        for key in keys:
            if key.endswith(".amount") and round_ % 2:
                flat[key] = rng.choice(amounts)
        stats = gipparse.Statistics.from_flat(template, flat)
        if round_ % 7 == 3:  # the values in another order than the template's
            items = list(stats.to_flat().items())
            rng.shuffle(items)
            stats = gipparse.Statistics(template.id, tuple(items), stats.derived)
        found = relations.check(stats)
        assert found == relations.check_each(stats), round_
        outcomes.add(bool(found))
    assert outcomes == {True, False}


def test_relations_that_hold_are_told_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    told = []
    for path in SEEDS:
        stats = gipparse.load(path).statistics
        assert stats is not None
        relations = relations_of(find_template(stats.template, BUILTIN))
        if not relations.check_each(stats):
            with monkeypatch.context() as patch:
                patch.setattr(relations, "check_each", None)  # not called
                assert relations.check(stats) == []
            told.append(path.name[:3])
    assert len(told) >= 3


@pytest.mark.parametrize(
    "patterns",
    [
        ("applications.{}.total", "active.{}", "{}"),  # what the templates write
        ("a.{0}.b", "a{{}}b", "{}.{}x", "plain", "{}}", "{{}"),  # what they could
    ],
)
def test_relation_instances_fill_patterns_as_format_does(patterns: tuple[str, ...]) -> None:
    """Key patterns are filled without ``str.format`` where one ``{}`` is their only brace,
    and the keys are those ``str.format`` gives; any other pattern is left to it."""
    for pattern in patterns:
        for item in ("total", "甲", 3):
            relation = Relation(
                name="r",
                description="",
                left=(pattern,),
                right=(pattern, "x.{}"),
                over=(item,),  # type: ignore[arg-type]
                axis="column",
                anchor=pattern,
            )
            try:
                expected: Any = (pattern.format(item), str(item))
            except (IndexError, ValueError, KeyError) as exc:
                with pytest.raises(type(exc)):
                    list(relation.instances())
                continue
            ((_, _, left, right, anchor),) = relation.instances()
            assert left == [expected[0]]
            assert right == [expected[0], f"x.{item}"]
            assert anchor == expected[0]
    for template in gipparse.create_plugin_manager(entry_points=False).templates():
        for rel in template.relations:
            for item, _, left, right, anchor in rel.instances():
                assert left == [p.format(item) for p in rel.left]
                assert right == [p.format(item) for p in rel.right]
                assert anchor == rel.anchor.format(item)
