"""A report is read by matching its tables, which gives a plan, and applying the plan; a
later report of the same skeleton applies the plan kept for it. Read warm (the plan kept,
from this report or another of its skeleton) or cold (every cache emptied), a report
must read the same: same statistics, same diagnostics, same spans, whatever its numbers."""

from __future__ import annotations

import random
from typing import Any

import pytest

import gipparse
from gipparse import caches
from gipparse.plugin import Template

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
    """*text* read cold: every cache emptied first."""
    caches.clear()
    return gipparse.loads(text)


def _planned(text: str) -> None:
    """Forget every plan, then read *text*: its reading keeps its plan."""
    _fresh(text)


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
    """Is *text* read by a plan kept from an earlier report (no template matched it)?"""
    calls: list[object] = []
    original = Template.plan

    def plan(self: Any, *args: Any) -> Any:
        calls.append(self)
        return original(self, *args)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Template, "plan", plan)
        gipparse.loads(text)
    return not calls


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_a_seed_read_warm_reads_as_read_cold(path: Any) -> None:
    text = path.read_text(encoding="utf-8")
    cold = _outcome(_fresh(text))
    assert _replays(text)  # the first reading kept its plan...
    assert _outcome(gipparse.loads(text)) == cold  # ...which reads it again alike


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_a_kept_plan_reads_other_numbers_as_a_cold_read_does(path: Any) -> None:
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
    assert replayed_some


def test_a_traditional_report_reads_warm_as_cold() -> None:
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


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_a_damaged_report_reads_warm_as_cold(path: Any) -> None:
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
        located += _replays(damaged)
        _planned(damaged)
        for t in (damaged, shifted, changed, damaged):
            assert _outcome(gipparse.loads(t)) == fresh[t], round_
    assert located or "\n\t" not in text  # only tab tables are damaged here


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


def test_plain_counts_set_at_once_read_as_cell_by_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan whose tables are all read cell by cell sets a report's plain counts and
    finds its sources at once (``ReadingPlan._apply_plain``); the table-by-table reading
    reads it alike."""
    from gipparse.templates.engine import ReadingPlan

    def table_by_table(self: ReadingPlan, *args: Any) -> None:
        made(self, *args)
        self.count_keys = None  # the at-once reading is not taken

    at_once = []
    original = ReadingPlan._apply_plain

    def counted(self: ReadingPlan, *args: Any) -> Any:
        at_once.append(self)
        return original(self, *args)

    made = ReadingPlan.__init__
    rng = random.Random(5)
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    plain = ("0", "7", "12", "99999", "-3")  # and one in three rounds, what needs a rule
    texts += [
        _mutated(texts[k % 5], rng, 1 + k, VALUE_TEXTS if k % 3 else plain) for k in range(15)
    ]
    for text in texts:
        with monkeypatch.context() as patch:
            patch.setattr(ReadingPlan, "_apply_plain", counted)
            cold, warm = _outcome(_fresh(text)), _outcome(gipparse.loads(text))
        with monkeypatch.context() as patch:
            patch.setattr(ReadingPlan, "__init__", table_by_table)
            assert _outcome(_fresh(text)) == cold == warm
            assert _outcome(gipparse.loads(text)) == cold
    assert len(at_once) >= len(SEEDS)  # a warm read of each seed at least


def test_rows_that_lost_their_labels_read_cell_by_cell_as_row_by_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A table whose matching has something to say, or whose rows that lost their label
    have extra value cells (seed 003), is planned cell by cell, with what is said kept
    beside; read row by row instead (as every such table was), every report of the
    skeleton reads the same: statistics, sources, diagnostics with their lines, messages
    and order, whatever the numbers and what reading them has to say."""
    from gipparse.templates import engine

    original = engine._segment
    made: list[int] = []

    def counted(*args: Any) -> Any:
        segment = original(*args)
        made.append(len(segment))
        return segment

    def row_by_row(*args: Any) -> Any:
        segment = original(*args)
        return segment[7] if len(segment) == 10 else segment

    said_again = []
    read_rows = engine._Reader.read_row

    def read_row(self: Any, *args: Any, **kwargs: Any) -> Any:
        said_again.append(args[1])
        return read_rows(self, *args, **kwargs)

    rng = random.Random(3)
    seed = SEEDS[3].read_text(encoding="utf-8")
    texts = [seed]
    texts += [
        _mutated(seed, rng, 1 + k * 5, VALUE_TEXTS if k % 2 else CELL_TEXTS) for k in range(8)
    ]
    texts += [_damaged(path.read_text(encoding="utf-8"), rng) for path in SEEDS[:3] for _ in "ab"]
    for text in texts:
        with monkeypatch.context() as patch:
            patch.setattr(engine, "_segment", counted)
            cold = _outcome(_fresh(text))
        with monkeypatch.context() as patch:
            patch.setattr(engine._Reader, "read_row", read_row)
            warm = _outcome(gipparse.loads(text))
        with monkeypatch.context() as patch:
            patch.setattr(engine, "_segment", row_by_row)
            assert _outcome(_fresh(text)) == cold == warm
            assert _outcome(gipparse.loads(text)) == cold
    assert made.count(10) >= len(texts) // 2  # seed 003 and most of its variants
    assert said_again  # a value that needs saying sends its table row by row
    # Seed 003 itself warm reads no row one by one.
    said_again.clear()
    with monkeypatch.context() as patch:
        patch.setattr(engine._Reader, "read_row", read_row)
        _fresh(seed)
        gipparse.loads(seed)
    assert not said_again
