"""Writes :mod:`gipparse.patterns.codes`: the code ``re`` compiles each pattern of
gipparse's modules to (see :mod:`gipparse.patterns`).

    python -m gipparse.patterns.gen src/gipparse/patterns/codes.py

(It writes the file itself: a shell redirection would empty the module it imports.)

The patterns are those the modules pass to :func:`gipparse.patterns.compile` or
:func:`gipparse.patterns.ask` when they are imported. ``tests/test_patterns.py`` checks
that the module is what this writes.
"""

from __future__ import annotations

import importlib
import sys
from array import array
from pathlib import Path
from typing import Any

from . import ASKED

_ROOT = Path(__file__).resolve().parent.parent


def _modules() -> list[str]:
    """The modules of the package that compile patterns through :mod:`gipparse.patterns`."""
    found = []
    for path in sorted(_ROOT.rglob("*.py")):
        text = path.read_text("utf-8")
        if path.parent.name == "patterns" or (
            "patterns.compile(" not in text and "patterns.ask(" not in text
        ):
            continue
        parts = path.relative_to(_ROOT.parent).with_suffix("").parts
        found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def compiled(pattern: str | bytes, flags: int) -> tuple[Any, ...]:
    """What :func:`re.compile` hands the engine for *pattern*: ``(flags, groups, group
    index, index group, code)``, the code as bytes."""
    parser: Any = importlib.import_module("re._parser")
    compiler: Any = importlib.import_module("re._compiler")
    parsed = parser.parse(pattern, flags)
    code = compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        flags | parsed.state.flags,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
        array("I", code).tobytes(),
    )


def source() -> str:
    """The text of :mod:`gipparse.patterns.codes`."""
    import _sre  # type: ignore[import-not-found]

    for name in _modules():
        importlib.import_module(name)
    asked = sorted(set(ASKED), key=lambda k: (isinstance(k[0], bytes), k[0], k[1]))
    lines = [
        '"""The code ``re`` compiles the patterns of gipparse\'s modules to, for the',
        "interpreter named below. Written by :mod:`gipparse.patterns.gen`; do not edit.",
        '"""',
        "",
        "# ruff: noqa: E501",
        "# fmt: off",
        f"VERSION = {tuple(sys.version_info[:2])!r}",
        f"MAGIC = {_sre.MAGIC!r}",
        "#: (pattern, flags) -> (flags compiled with, groups, group index, index group,",
        "#: code as 32-bit words).",
        "CODES: dict[",
        "    tuple[str | bytes, int],",
        "    tuple[int, int, dict[str, int], tuple[str | None, ...], bytes],",
        "] = {",
    ]
    for pattern, flags in asked:
        lines.append(f"    ({pattern!r}, {flags!r}): {compiled(pattern, flags)!r},")
    lines += ["}", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    text = source()
    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
