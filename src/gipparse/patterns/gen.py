"""Writes :mod:`gipparse.patterns.codes` and :mod:`gipparse.patterns.codes_later`: the
code ``re`` compiles each pattern of gipparse's modules to (see :mod:`gipparse.patterns`).

    python -m gipparse.patterns.gen src/gipparse/patterns

(It writes the files itself: a shell redirection would empty a module it imports.)

The patterns are those the modules pass to :func:`gipparse.patterns.compile`,
:func:`gipparse.patterns.lazy` or :func:`gipparse.patterns.ask` when they are imported:
those that ``import gipparse`` asks for, in a fresh process, in :mod:`.codes`, the others
in :mod:`.codes_later`.
``tests/test_patterns.py`` checks that the modules are what this writes.
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
            "patterns.compile(" not in text
            and "patterns.ask(" not in text
            and "patterns.lazy(" not in text
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


def asked_at_import() -> set[tuple[str | bytes, int]]:
    """The patterns ``import gipparse`` asks for (in a fresh process: this one may have
    imported more)."""
    import ast
    import os
    import subprocess

    package = (__package__ or "gipparse.patterns").rpartition(".")[0]
    code = f"import {package}, {package}.patterns as p; print(repr(list(p.ASKED)))"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return set(ast.literal_eval(result.stdout))


def sources() -> dict[str, str]:
    """The text of :mod:`gipparse.patterns.codes` and :mod:`gipparse.patterns.codes_later`,
    by file name."""
    import _sre  # type: ignore[import-not-found]

    for name in _modules():
        importlib.import_module(name)
    asked = sorted(set(ASKED), key=lambda k: (isinstance(k[0], bytes), k[0], k[1]))
    first = asked_at_import()
    texts = {}
    now, later = [k for k in asked if k in first], [k for k in asked if k not in first]
    for file, which, note in (
        ("codes.py", now, "the patterns ``import gipparse`` compiles"),
        ("codes_later.py", later, "the patterns compiled after ``import gipparse``"),
    ):
        lines = [
            '"""The code ``re`` compiles patterns of gipparse\'s modules to, for the interpreter',
            f"named in :mod:`.codes`: {note}.",
            "Written by :mod:`gipparse.patterns.gen`; do not edit.",
            '"""',
            "",
            "# ruff: noqa: E501",
            "# fmt: off",
        ]
        if file == "codes.py":
            lines += [f"VERSION = {tuple(sys.version_info[:2])!r}", f"MAGIC = {_sre.MAGIC!r}"]
        lines += [
            "#: (pattern, flags) -> (flags compiled with, groups, group index, index group,",
            "#: code as 32-bit words).",
            "CODES: dict[",
            "    tuple[str | bytes, int],",
            "    tuple[int, int, dict[str, int], tuple[str | None, ...], bytes],",
            "] = {",
        ]
        for pattern, flags in which:
            lines.append(f"    ({pattern!r}, {flags!r}): {compiled(pattern, flags)!r},")
        lines += ["}", ""]
        texts[file] = "\n".join(lines)
    return texts


if __name__ == "__main__":
    for file, text in sources().items():
        (Path(sys.argv[1]) / file).write_text(text, encoding="utf-8")
