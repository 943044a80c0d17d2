from __future__ import annotations

from tests.conftest import SEEDS

import gipparse


def test_every_seed_loads_with_three_tables() -> None:
    for path in SEEDS.values():
        report = gipparse.load(path)
        assert len(report.tables) == 3, path.name
