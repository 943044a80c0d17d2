"""What gipparse keeps across reports can be let go, and nothing depends on it."""

from __future__ import annotations

import gc
import sys
from functools import _lru_cache_wrapper

import gipparse
from gipparse import caches as _caches
from gipparse import manager as _manager
from gipparse.templates import engine as _templates
from gipparse.templates import plans as _plans


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
    for _ in range(3):  # the third read of a layout keeps a plan
        for path in gipparse.sample_paths():
            gipparse.load(path)
    manager = _manager.default_plugin_manager()
    assert manager._simplified.get("hant")  # seed 001 is Traditional
    assert _templates._DESCRIBED
    assert _plans._PLAIN_COUNTS
    assert any(m.plans for t in _default_templates() for m in t._matchers)
    assert sum(_lru_sizes().values()) > 0

    _caches.clear()

    assert manager._simplified == {}
    assert not _templates._DESCRIBED
    assert not _plans._PLAIN_COUNTS
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
    assert manager in _caches._OWNERS
    owners = len(_caches._OWNERS)
    del manager
    gc.collect()
    assert len(_caches._OWNERS) == owners - 1
    _caches.clear()
