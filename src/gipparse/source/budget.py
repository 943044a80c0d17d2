"""The memory budget of one source: what reading it may take at most, known before it is read.

A report tree costs memory per node, not per byte: a line, a cell or a table row is a few
hundred bytes of objects whatever its length, so a small file made of nothing but line
ends, TABs or ``|`` becomes a tree hundreds of times its size (16 MB of ``|`` once took
5.7 GB). Each reader therefore estimates, from counts it can take at memory speed, an
upper bound of the memory reading a source takes, and refuses the source with an
:class:`~gipparse.InputTooLargeError` when the bound is over the budget:
``GIPPARSE_MAX_MEMORY`` bytes, 1 GiB by default.

The text reader's bound, measured on the hostile shapes of ``fuzz/memory.py`` (peak
resident memory over the size of the source, see ``docs/fuzzing.md``)::

    TEXT_BASE + TEXT_PER_BYTE * bytes + TEXT_PER_BREAK * (line ends + TABs + "|")

that is at most 16 MiB plus about 520 times the size of the source (16 MiB plus 33 to
78 times for the sample reports, whose peak is about 21 times their size).
"""

from __future__ import annotations

import os

from ..errors import InputTooLargeError, SourceError

#: Default memory budget of one source, in bytes.
DEFAULT_MAX_MEMORY = 1024 * 1024 * 1024
MAX_MEMORY_ENV = "GIPPARSE_MAX_MEMORY"

#: Bytes of memory any source may take once per process: the Traditional-to-Simplified
#: tables, compiled patterns, the caches' first entries.
TEXT_BASE = 16 * 1024 * 1024
#: Bytes of memory per byte (or character) of text, at most: the text itself, decoded
#: and normalised, and the strings of the tree.
TEXT_PER_BYTE = 16
#: Bytes of memory per line end, TAB or ``|``, at most: each may start a line, a cell, a
#: paragraph or a table row, and the nodes, spans and diagnostics that come with it.
TEXT_PER_BREAK = 500
#: What :func:`text_memory` gives at most per byte: a source whose every byte is a break.
TEXT_MOST_PER_BYTE = TEXT_PER_BYTE + TEXT_PER_BREAK


def environment(name: str) -> str:
    """``os.environ.get(name, "")``, asked of every source: read from the mapping
    ``os.environ`` keeps the variables in, where a variable that is not set costs
    ``os.environ.get`` a ``KeyError`` raised and caught in Python (some 8 K
    instructions, more than reading the file)."""
    environ = os.environ
    data = getattr(environ, "_data", None)
    if data.__class__ is not dict or not isinstance(environ, _ENVIRON):
        return environ.get(name, "")  # not the mapping os makes
    value = data.get(environ.encodekey(name))
    return "" if value is None else environ.decodevalue(value)


_ENVIRON = type(os.environ)


def memory_budget() -> int:
    """The memory budget of one source, in bytes: ``GIPPARSE_MAX_MEMORY`` (a whole number
    of bytes; ``0`` means no budget), else 1 GiB.

    :raises SourceError: the variable is not a whole number of bytes.
    """
    env = environment(MAX_MEMORY_ENV).strip()
    if not env:
        return DEFAULT_MAX_MEMORY
    try:
        value = int(env.replace("_", ""))
    except ValueError:
        raise SourceError(f"{MAX_MEMORY_ENV}={env!r} is not a whole number of bytes") from None
    if value < 0:
        raise SourceError(f"{MAX_MEMORY_ENV}={env!r} is negative")
    return value


def text_memory(data: bytes | str) -> int:
    """An upper bound of the memory reading *data* as a text report takes, in bytes."""
    if isinstance(data, str):
        breaks = data.count("\n") + data.count("\r") + data.count("\t") + data.count("|")
    else:  # one pass instead of four
        breaks = len(data) - len(data.translate(None, b"\n\r\t|"))
    return TEXT_BASE + TEXT_PER_BYTE * len(data) + TEXT_PER_BREAK * breaks


def check_memory(estimate: int, path: str | None, what: str = "text") -> None:
    """:raises InputTooLargeError: *estimate* (bytes) is over :func:`memory_budget`."""
    budget = memory_budget()
    if budget and estimate > budget:
        raise InputTooLargeError(
            f"reading this {what} may take up to {estimate / 2**20:,.0f} MiB of memory "
            f"(it holds that many lines, cells or elements), over the budget of "
            f"{budget / 2**20:,.0f} MiB (raise it with {MAX_MEMORY_ENV})",
            path=path,
        )
