"""What gipparse keeps from one report to the next, and how to let it all go.

Reports of one year share their labels, headings, table rows and layouts, so gipparse
keeps what it worked out about them: the normalised form of a text, what a cell is, how
a layout of tables is read. Every such cache is bounded. :func:`clear` empties them all,
for a long-running process that wants the memory back, or to measure what a report costs
when gipparse has seen nothing like it (``benchmarks/run.py`` does).

A cache is either a function wrapped in :func:`functools.lru_cache` at module level in
this package (found by :func:`clear` itself; ``maxsize=1`` wrappers build a constant on
first use and are left alone), a mapping made by :func:`kept`, or an object registered
with :func:`track` together with the function that empties its own caches.

The caches are bounded in bytes, not only in entries: everything they keep is made from
the text of the reports read (their lines, cells, labels and layouts), and
:func:`account`, called once per report with the size of its text, empties them all
once the reports read since they were last emptied hold more than :data:`BUDGET`
characters. They therefore never hold more than what :data:`BUDGET` characters of
reports (or one larger report) give, whatever the lines' lengths; the entry caps stay,
for many short texts.
"""

from __future__ import annotations

import sys
import weakref
from collections.abc import Callable
from functools import _lru_cache_wrapper
from typing import Any, TypeVar

_M = TypeVar("_M", bound=dict[Any, Any])
_T = TypeVar("_T")

#: Characters of report text read after which the caches are emptied (about 700 reports).
BUDGET = 4_000_000
_MAPPINGS: list[dict[Any, Any]] = []
_read = 0
#: What :func:`track` was given, by the identity of the owner: a template's hash is that
#: of all its tables (a weak mapping by key would compute it for every template built).
_OWNERS: dict[int, tuple[weakref.ref[Any], Callable[[Any], None]]] = {}


def kept(mapping: _M) -> _M:
    """*mapping*, a module-level cache, made known to :func:`clear`."""
    _MAPPINGS.append(mapping)
    return mapping


def track(owner: _T, forget: Callable[[_T], None]) -> None:
    """Have :func:`clear` call ``forget(owner)`` for as long as *owner* lives."""
    key = id(owner)

    def gone(ref: weakref.ref[Any]) -> None:
        if _OWNERS.get(key, (None,))[0] is ref:
            del _OWNERS[key]

    _OWNERS[key] = (weakref.ref(owner, gone), forget)


def account(characters: int) -> None:
    """Count a report of *characters* read; past :data:`BUDGET` since the caches were
    last emptied, empty them."""
    global _read  # noqa: PLW0603
    _read += characters
    if _read > BUDGET:
        clear()


def clear() -> None:
    """Empty every cache gipparse keeps across reports."""
    global _read  # noqa: PLW0603
    _read = 0
    for mapping in _MAPPINGS:
        mapping.clear()
    for ref, forget in list(_OWNERS.values()):
        owner = ref()
        if owner is not None:
            forget(owner)
    package = __name__.rpartition(".")[0]
    for name, module in list(sys.modules.items()):
        if name != package and not name.startswith(package + "."):
            continue
        for value in list(vars(module).values()):
            if isinstance(value, _lru_cache_wrapper) and value.cache_info().maxsize != 1:
                value.cache_clear()
