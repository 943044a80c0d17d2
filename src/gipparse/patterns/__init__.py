"""Regular expressions compiled ahead of time.

Python compiles a pattern in Python code (``re._parser``, ``re._compiler``): some
0.3 M instructions for a short one, and well over a million for a class of scattered
non-Latin characters such as ``[一二三四五六七八九十]`` (``re`` builds a map of 65,536
characters for it). The patterns gipparse compiles at import and for the first report of
a process cost more than reading a report. :func:`compile` gives the same pattern from
the code ``re`` would compile it to, computed ahead of time (:mod:`.codes`, written by
:mod:`.gen`; ``tests/test_patterns.py`` checks that it is current) and handed to the
engine directly. The code depends on the CPython version and the engine's format
(``_sre.MAGIC``): on any other, or for a pattern not in the table, :func:`compile` is
:func:`re.compile`. The table is in two modules: the code of the patterns ``import
gipparse`` compiles (:mod:`.codes`), and that of the others (:mod:`.codes_later`), read
when the first of them is asked for (by the first report): the import reads a tenth of
the table.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any, AnyStr

from .codes import CODES, MAGIC, VERSION

try:
    import _sre  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - not CPython
    _USABLE = False
else:
    _USABLE = (
        sys.implementation.name == "cpython"
        and sys.version_info[:2] == VERSION
        and getattr(_sre, "MAGIC", None) == MAGIC
        and getattr(_sre, "CODESIZE", None) == 4
        and sys.byteorder == "little"
    )

#: Every ``(pattern, flags)`` asked for (what :mod:`.gen` writes the table of).
ASKED: dict[tuple[str | bytes, int], None] = {}


def compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, from the code computed ahead of time when there is
    one for this interpreter."""
    flags = int(flags)
    ASKED[pattern, flags] = None
    if _USABLE:
        found = CODES.get((pattern, flags)) or _later().get((pattern, flags))
        if found is not None:
            final, groups, groupindex, indexgroup, code = found
            compiled: re.Pattern[AnyStr] = _sre.compile(
                pattern,
                final,
                memoryview(code).cast("I").tolist(),
                groups,
                dict(groupindex),
                indexgroup,
            )
            return compiled
    return re.compile(pattern, flags)


def lazy(pattern: AnyStr, flags: int = 0) -> Callable[[], re.Pattern[AnyStr]]:
    """A function that returns ``compile(pattern, flags)``, compiled at its first call: for
    a module's pattern that a common report never uses (a second way to write a title,
    full-width digits, a report's closing lines), which would cost every process 15 to 75 K
    instructions to compile at import (more than most uses of it cost). Declared now, so
    that :mod:`.gen` writes its code."""
    flags = int(flags)
    ASKED[pattern, flags] = None
    made: list[re.Pattern[AnyStr]] = []

    def compiled() -> re.Pattern[AnyStr]:
        if not made:
            made.append(compile(pattern, flags))
        return made[0]

    return compiled


def ask(pattern: str | bytes, flags: int = 0) -> bool:
    """Whether :func:`compile` makes *pattern* from code computed ahead of time on this
    interpreter (and so costs little): for a pattern a module compiles only when first
    needed, and may make do without until then. Asked at import, so that :mod:`.gen`
    writes its code."""
    flags = int(flags)
    ASKED[pattern, flags] = None
    return _USABLE and ((pattern, flags) in CODES or (pattern, flags) in _later())


_LATER: dict[tuple[str | bytes, int], tuple[Any, ...]] | None = None


def _later() -> dict[tuple[str | bytes, int], tuple[Any, ...]]:
    """The table of the patterns ``import gipparse`` does not compile (:mod:`.codes_later`),
    imported by the first that asks for it."""
    global _LATER  # noqa: PLW0603
    if _LATER is None:
        from .codes_later import CODES as later

        _LATER = later
    return _LATER
