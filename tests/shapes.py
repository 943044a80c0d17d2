"""Pathological input shapes, shared by the linearity tests (``test_hostile_input.py``,
which count executed lines) and by ``fuzz/scaling.py`` (which times them).

Each shape is a function of a scale *n* (about *n* lines or units) building an input that
once made a parser slow, or could: long lines, runs of one character, near-misses of the
patterns gipparse looks for. Linear growth means the work at 4n is about 4 times the work
at n.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import gipparse


@cache
def _sample(name: str) -> str:
    """The text of the sample report whose file name starts with *name*."""
    for path in gipparse.sample_paths():
        if path.name.startswith(name):
            return path.read_text(encoding="utf-8")
    raise LookupError(name)


def _samples(n: int) -> str:
    names = ("000", "001", "002", "003", "004")
    return "\n".join(_sample(name) for name in names) * max(1, n // 250)


#: name -> a function of the scale n building the input.
SHAPES: dict[str, Callable[[int], str]] = {
    "one long line": lambda n: "字a " * (20 * n),
    "tab lines": lambda n: "".join(f"\t{i}\n" for i in range(n)),
    "tab lines between blank lines": lambda n: "".join(f"\t{i}\n\n\n" for i in range(n)),
    "alternating tab and plain lines": lambda n: "".join(f"\ta{i}\nb{i}\n" for i in range(n)),
    "numbers without tabs": lambda n: "".join(f"\t{i}\n{i + 1}\n" for i in range(n)),
    "pipes on one line": lambda n: "|" * (10 * n),
    "pipe cells on one line": lambda n: "".join(f"| {i} " for i in range(n)) + "|",
    "pipe rows": lambda n: "".join(f"| {i} | b |\n" for i in range(n)),
    "separator rows": lambda n: "a|b\n-|-\n" * n,
    "escapes": lambda n: "|" + "\\|\\" * (10 * n) + "|",
    "repeated headings": lambda n: "一、总体情况\n三、收到和处理政府信息公开申请情况\n" * n,
    "near headings": lambda n: "".join(f"一、总休情况{i}\n" for i in range(n)),
    "blank lines": lambda n: "x\n" + "\n" * (10 * n) + "y\n",
    "one huge cell": lambda n: "\t" + "格" * (100 * n) + "\n\t1\n",
    "bookmark debris": lambda n: "[bookmark:" * (10 * n),
    "pinyin debris": lambda n: "區(qū" * (10 * n),
    "long runs of spaces": lambda n: (" " * (10 * n) + "x\n") * 10,
    "a period, then line separators": lambda n: "统计期限2020年1月1日" + "\u2028" * (10 * n),
    "a Traditional sample concatenated": lambda n: _sample("001") * max(1, n // 250),
    "samples concatenated": _samples,
}
