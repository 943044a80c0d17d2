"""What gipparse keeps across reports can be let go, and nothing depends on it."""

from __future__ import annotations

import gc
import sys
from functools import _lru_cache_wrapper

import pytest

import gipparse
from gipparse import caches as _caches
from gipparse import manager as _manager
from gipparse.templates import engine as _templates


def _lru_sizes() -> dict[str, int]:
    """The filled size of every bounded lru_cache of the package."""
    sizes = {}
    for name, module in sys.modules.items():
        if name.startswith("gipparse"):
            for attr, value in vars(module).items():
                if isinstance(value, _lru_cache_wrapper) and value.cache_info().maxsize != 1:
                    sizes[f"{name}.{attr}"] = value.cache_info().currsize
    return sizes


def _default_templates() -> tuple[gipparse.Template, ...]:
    return _manager.default_plugin_manager().templates()


def test_clear_empties_every_kind_of_cache() -> None:
    for _ in range(2):
        for path in gipparse.sample_paths():
            gipparse.load(path)
    manager = _manager.default_plugin_manager()
    assert manager._simplified.get("hant")  # seed 001 is Traditional
    assert _templates._DESCRIBED
    assert _templates._PLAIN_COUNTS
    assert any(m.plans for t in _default_templates() for m in t._matchers)
    assert sum(_lru_sizes().values()) > 0

    _caches.clear()

    assert manager._simplified == {}
    assert not _templates._DESCRIBED
    assert not _templates._PLAIN_COUNTS
    assert not any(m.plans for t in _default_templates() for m in t._matchers)
    assert all(not t._signatures for t in _default_templates())
    assert {k: v for k, v in _lru_sizes().items() if v} == {}


def test_reports_read_with_and_without_caches_are_the_same() -> None:
    for path in gipparse.sample_paths():
        warm = [gipparse.load(path) for _ in range(3)][-1]
        _caches.clear()
        cold = gipparse.load(path)
        assert gipparse.to_dict(cold) == gipparse.to_dict(warm)
        assert [(d.code, d.span) for d in cold.diagnostics] == [
            (d.code, d.span) for d in warm.diagnostics
        ]


def test_a_manager_that_is_gone_is_forgotten() -> None:
    manager = gipparse.create_plugin_manager()
    manager.simplify("報告", "hant")
    assert id(manager) in _caches._OWNERS
    owners = len(_caches._OWNERS)
    del manager
    gc.collect()
    assert len(_caches._OWNERS) == owners - 1
    _caches.clear()


def test_equal_owners_are_each_forgotten() -> None:
    # Owners are told apart by identity: two equal templates (each with caches of its
    # own) are both emptied, and one going leaves the other tracked.
    from gipparse.plugin import SCHEMAS, Template

    first, second = Template.of(SCHEMAS["2020"]), Template.of(SCHEMAS["2020"])
    assert first == second
    for template in (first, second):
        template._signatures["key"] = 0
    _caches.clear()
    assert first._signatures == second._signatures == {}
    del first
    gc.collect()
    second._signatures["key"] = 0
    _caches.clear()
    assert second._signatures == {}


def _long_line_report(i: int) -> str:
    """A report whose every line is long and seen nowhere else: what fills caches keyed
    by texts fastest."""
    seed = gipparse.sample_paths()[0].read_text(encoding="utf-8")
    pad = f"{i:08d}" * 200  # 1,600 characters, distinct per report
    return "\n".join(f"{line}{pad}" if line.strip() else line for line in seed.split("\n"))


def test_the_caches_are_emptied_once_the_reports_read_pass_the_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _caches.clear()
    monkeypatch.setattr(_caches, "BUDGET", 50_000)
    text = gipparse.sample_paths()[0].read_text(encoding="utf-8")
    reads = 0
    while (reads + 1) * len(text) <= 50_000:
        gipparse.loads(text)
        reads += 1
    assert reads >= 2
    assert sum(_lru_sizes().values()) > 0
    gipparse.loads(text)  # past the budget
    assert {k: v for k, v in _lru_sizes().items() if v} == {}


def test_the_memory_the_caches_hold_is_bounded_by_the_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tracemalloc

    reports = [_long_line_report(i) for i in range(36)]  # 36 × ~500,000 characters
    size = len(reports[0])
    monkeypatch.setattr(_caches, "BUDGET", 2 * size)
    _caches.clear()
    gc.collect()
    tracemalloc.start()
    try:
        held = []
        for text in reports:
            gipparse.loads(text)
            gc.collect()
            held.append(tracemalloc.get_traced_memory()[0])
    finally:
        tracemalloc.stop()
    # A report's text is 4 bytes a character at most; the caches keep a few copies of
    # each of its texts. Without the budget, the held memory grows with every report.
    assert max(held) < 30 * 4 * size
    assert max(held[18:]) < 1.5 * max(held[:18])


def test_rows_kept_from_one_place_read_the_same_at_another() -> None:
    """Tab rows read line by line (seed 003 and 004 have them) are kept by their text and
    moved where they recur: the same as read cold there, spans and diagnostics included."""
    for path in gipparse.sample_paths():
        text = path.read_text(encoding="utf-8")
        gipparse.loads(text)  # keeps what it read, at its own lines
        moved = "\n\n\n" + text
        warm = gipparse.loads(moved)
        _caches.clear()
        cold = gipparse.loads(moved)
        assert gipparse.to_dict(warm) == gipparse.to_dict(cold)
        assert [(d.code, d.span, d.message) for d in warm.diagnostics] == [
            (d.code, d.span, d.message) for d in cold.diagnostics
        ]
