from __future__ import annotations

from tests.conftest import SEEDS

import gipparse


def test_every_seed_loads_with_three_tables() -> None:
    for path in SEEDS.values():
        report = gipparse.load(path)
        assert len(report.tables) == 3, path.name


def test_a_timed_parse_times_every_stage_and_reads_as_an_untimed_one() -> None:
    from gipparse.manager import plugin_manager_for
    from gipparse.pipeline import parse_document

    manager = plugin_manager_for(())
    path = gipparse.sample_paths()[0]
    doc = manager.read_source(str(path), path.read_bytes())
    timings: dict[str, float] = {}
    timed = parse_document(doc, str(path), manager, timings=timings)
    stages = ["script", "blocks", "sections", "metadata", "statistics", "validate"]
    assert list(timings) == stages
    assert all(seconds >= 0 for seconds in timings.values())
    assert timed == parse_document(doc, str(path), manager)
