"""Relations are evaluated by :mod:`gipparse.checks.relations`: all at once when every value
is known, one instance after another otherwise; both must say the same."""

from __future__ import annotations

import random
from typing import Any

import pytest

import gipparse
from gipparse.checks.relations import relations_of
from gipparse.templates.engine import find_template

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
