"""A report whose tables were seen before is read by replaying a plan: the outcome must be
exactly what reading it afresh gives, whatever its numbers."""

from __future__ import annotations

import random
from typing import Any

import pytest

import gipparse
from gipparse.templates import engine as _templates
from gipparse.templates import plans as _plans

BUILTIN = gipparse.create_plugin_manager(entry_points=False).templates()

SEEDS = gipparse.sample_paths()
#: Texts a value cell may hold, plain or needing a rule of the value reader.
CELL_TEXTS = (
    "0",
    "7",
    "12",
    "",
    " ",
    "—",
    "-",
    "无",
    "-3",
    "+4",
    "1,234",
    "１２",
    "3件",
    "5（其中2件）",
    "12.5",
    "不详",
    "0 1",
    "99999",
)


def _fresh(text: str) -> Any:
    _plans._plans_of.cache_clear()
    return gipparse.loads(text)


def _planned(text: str) -> None:
    """Forget every plan, then read *text* three times: the third reading makes its plan
    (the first marks its shape, the second describes its layout)."""
    _fresh(text)
    gipparse.loads(text)
    gipparse.loads(text)


def _outcome(report: gipparse.Report) -> tuple[Any, ...]:
    stats = report.statistics
    assert stats is not None
    cells = [c for t in report.tables for c in t.cells()]
    where = {id(c): i for i, c in enumerate(cells)}
    return (
        report.metadata,
        stats,
        stats.derived,
        stats.to_flat(),
        [(k, where[id(c)]) for k, c in stats.sources.items()],
        report.diagnostics,
    )


#: Texts that are values too (a report that only changes them keeps its plan).
VALUE_TEXTS = ("0", "7", "-3", "1,234", "—", "3件", "１２", "5（其中2件）")


def _mutated(text: str, rng: random.Random, count: int, texts: tuple[str, ...] = CELL_TEXTS) -> str:
    """*text* with *count* value cells of its tab tables replaced."""
    lines = text.split("\n")
    spots = [
        (n, i, sep)
        for n, line in enumerate(lines)
        for sep in ("\t", "|")
        if sep in line
        for i, cell in enumerate(line.split(sep))
        if i and cell.strip().isdigit()
    ]
    assert spots
    for n, i, sep in rng.sample(spots, min(count, len(spots))):
        cells = lines[n].split(sep)
        cells[i] = rng.choice(texts)
        if sep == "|":
            cells[i] = f" {cells[i]} "
        lines[n] = sep.join(cells)
    return "\n".join(lines)


def _replays(text: str) -> bool:
    """Is *text* read by a plan?"""
    calls: list[object] = []
    original = _plans._ReportPlan.run

    def run(self: Any, *args: Any) -> Any:
        calls.append(self)
        return original(self, *args)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_plans._ReportPlan, "run", run)
        gipparse.loads(text)
    return bool(calls)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_a_replayed_seed_reads_as_a_fresh_one(path: Any) -> None:
    text = path.read_text(encoding="utf-8")
    fresh = _outcome(_fresh(text))
    assert _outcome(gipparse.loads(text)) == fresh
    assert _outcome(gipparse.loads(text)) == fresh  # the third reading makes a plan...
    assert _outcome(gipparse.loads(text)) == fresh  # ...the fourth replays it


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_a_plan_reads_other_numbers_as_reading_afresh_does(path: Any) -> None:
    text = path.read_text(encoding="utf-8")
    rng = random.Random(path.name)
    replayed_some = False
    for round_ in range(12):
        changed = _mutated(text, rng, 1 + round_ * 3)
        _planned(text)  # a plan made from the seed...
        replayed_some = replayed_some or _replays(changed)
        _planned(text)
        replayed = _outcome(gipparse.loads(changed))  # ...reads the changed report
        assert replayed == _outcome(_fresh(changed)), round_
    _planned(text)
    assert replayed_some or not _replays(text)  # seed 003 needs diagnostics: no plan


def test_a_traditional_report_reads_as_reading_afresh_does() -> None:
    text = SEEDS[1].read_text(encoding="utf-8")
    rng = random.Random(1)
    for round_ in range(8):
        changed = _mutated(text, rng, round_ * 4, CELL_TEXTS if round_ % 2 else VALUE_TEXTS)
        _planned(text)
        assert round_ % 2 or _replays(changed)
        _planned(text)
        replayed = _outcome(gipparse.loads(changed))
        assert replayed == _outcome(_fresh(changed)), round_


def _damaged(text: str, rng: random.Random) -> str:
    """*text* with a few label cells of its tab tables lost or misspelt."""
    lines = text.split("\n")
    labels = [
        n
        for n, line in enumerate(lines)
        if line.startswith("\t") and len(line) > 4 and not any(c.isdigit() for c in line)
    ]
    for n in rng.sample(labels, min(len(labels), rng.randrange(1, 4))):
        line = lines[n]
        if rng.random() < 0.5:
            lines[n] = "\t"
        else:
            k = rng.randrange(2, len(line))
            lines[n] = line[:k] + "某" + line[k + 1 :]
    return "\n".join(lines)


def _located(text: str) -> bool:
    """Is *text* read by the rows a damaged report's reading located?"""
    calls: list[object] = []
    original = _plans._Located.run

    def run(self: Any, *args: Any) -> Any:
        found = original(self, *args)
        calls.append(found)
        return found

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_plans._Located, "run", run)
        gipparse.loads(text)
    return any(c is not None for c in calls)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_a_damaged_report_read_again_reads_as_a_fresh_one(path: Any) -> None:
    text = path.read_text(encoding="utf-8")
    rng = random.Random(path.name)
    located = 0
    for round_ in range(8):
        damaged = text if round_ == 0 and path.name.startswith("003") else _damaged(text, rng)
        # The same tables further down, and with other numbers.
        shifted = "\n\n".join(["前言。", damaged])
        changed = _mutated(damaged, rng, 1 + round_ * 3, VALUE_TEXTS)
        fresh = {t: _outcome(_fresh(t)) for t in (damaged, shifted, changed)}
        _planned(damaged)
        located += _located(damaged)
        _planned(damaged)
        for t in (damaged, shifted, changed, damaged):
            assert _outcome(gipparse.loads(t)) == fresh[t], round_
    assert located or "\n\t" not in text  # only tab tables are damaged here


@pytest.mark.parametrize("template_id", ["2020", "2021"])
def test_checking_all_relations_at_once_says_what_checking_each_says(template_id: str) -> None:
    template = _templates.find_template(template_id, BUILTIN)
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
        assert template.check(stats) == template._check_each(stats), round_


def test_checking_at_once_agrees_on_reports_whose_relations_hold() -> None:
    outcomes = set()
    for path in SEEDS:
        stats = gipparse.load(path).statistics
        assert stats is not None
        template = _templates.find_template(stats.template, BUILTIN)
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
            found = template.check(changed)
            assert found == template._check_each(changed)
            outcomes.add(bool(found))
    assert outcomes == {True, False}


def test_parsed_statistics_compare_hash_and_pickle_as_built_ones() -> None:
    import pickle

    for path in SEEDS:
        parsed = gipparse.load(path).statistics
        assert parsed is not None
        flat = parsed.to_flat()
        built = gipparse.Statistics.from_flat(
            parsed.template,
            {k: v for k, v in flat.items() if k not in parsed.derived},
            parsed.derived,
        )
        assert parsed == built
        assert hash(parsed) == hash(built)
        assert repr(parsed) == repr(built)
        assert parsed.keys() == built.keys()
        assert parsed.unknown == built.unknown
        assert pickle.loads(pickle.dumps(parsed)) == parsed
        with pytest.raises(AttributeError):
            parsed.no_such_attribute  # type: ignore[attr-defined]  # noqa: B018
