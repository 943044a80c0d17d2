"""What ``report.valid`` cannot see, said in warnings: a built-in ``gipparse_validate`` check.

``valid`` means that every relation of the template holds on the numbers as they were
placed. Two things make that weaker than it reads, and each gets a warning:

* ``table.numbering-order``: the row labels of a statutory table are numbered out of
  order (``3.`` ``4.`` ``5.`` printed as ``4.`` ``5.`` ``3.``): rows were moved, or labels
  were pasted onto the wrong rows. Rows are matched by their label text, so each number
  went where its label says; whether the label belongs to those numbers, no relation can
  tell.
* ``table.read-by-position``: rows whose labels were lost were placed by their position
  in the template (``table.unlabelled-row``). The relations then hold on numbers whose
  meaning was inferred, not read: ``valid`` does not verify that placement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..hookspecs import hookimpl
from ..tree.nodes import Diagnostic, Severity
from ..tree.text import fold

if TYPE_CHECKING:
    from ..tree.nodes import Report, Span, Table

_CJK_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", 1)}

# The numbering styles of statutory row labels, on folded text: 一、 / (一) / (1) / 1.
# A style is a level of its own: (5) among 1. 2. ... is not the fifth of (一) (二) ...
_STYLES = (
    ("cjk", re.compile(r"([一二三四五六七八九十]{1,3})[,.]")),
    ("paren", re.compile(r"\(([一二三四五六七八九十]{1,3})\)")),
    ("paren-digit", re.compile(r"\(([0-9]{1,2})\)")),
    ("digit", re.compile(r"([0-9]{1,2})[.,](?![0-9])")),
)


def _number(text: str) -> int:
    """The value of ``3`` or ``三`` or ``十二``."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _CJK_DIGITS.get(text, 0)
    tens, _, units = text.partition("十")
    return (_CJK_DIGITS.get(tens, 1) if tens else 1) * 10 + _CJK_DIGITS.get(units, 0)


def numbering(label: str) -> tuple[str, int] | None:
    """The numbering a row label opens with: ``(style, number)``, or ``None``."""
    folded = fold(label)
    for style, pattern in _STYLES:
        m = pattern.match(folded)
        if m is not None:
            return style, _number(m.group(1))
    return None


def _labels(table: Table) -> Iterator[tuple[str, Span]]:
    """The label cells of each row, before its first cell holding a digit that is not a
    numbering: ``(text, span)``."""
    for row in table.rows:
        for cell in row.cells:
            text = cell.text.strip()
            if not text:  # a cell covered by a merge
                continue
            if any(c.isdigit() for c in text) and numbering(text) is None:
                break
            if cell.span is not None:
                yield text, cell.span


def out_of_order(table: Table) -> list[tuple[str, str, Span]]:
    """Labels numbered lower than the label before them in their style and level:
    ``(label, label before it, its span)``. A style nested in another (``1.`` under ``(一)``)
    starts again under each of the other's labels."""
    found = []
    nesting: list[str] = []  # styles in the order they open, outermost first
    last: dict[str, tuple[int, str]] = {}
    for text, span in _labels(table):
        numbered = numbering(text)
        if numbered is None:
            continue
        style, number = numbered
        if style in nesting:
            for inner in nesting[nesting.index(style) + 1 :]:
                last.pop(inner, None)
            del nesting[nesting.index(style) + 1 :]
            before = last.get(style)
            if before is not None and number < before[0]:
                found.append((text, before[1], span))
        else:
            nesting.append(style)
        last[style] = (number, text)
    return found


def _statistics_tables(report: Report) -> list[Table]:
    """The tables the statistics were read from."""
    statistics = report.statistics
    if statistics is None:
        return []
    lines = {
        cell.span.line
        for cell in statistics.sources.values()
        if cell is not None and cell.span is not None
    }
    return [
        t
        for t in report.tables
        if t.span is not None and any(t.span.line <= n <= t.span.end_line for n in lines)
    ]


@hookimpl
def gipparse_validate(report: Report) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for table in _statistics_tables(report):
        for text, before, span in out_of_order(table):
            found.append(
                Diagnostic(
                    Severity.WARNING,
                    "table.numbering-order",
                    f"the row label {text!r} is numbered lower than {before!r} above it: "
                    "rows may have been moved or labels pasted onto the wrong rows; each "
                    "value was read under its label, which no relation can verify",
                    span,
                )
            )
    placed = [
        d
        for d in report.diagnostics
        if d.code == "table.unlabelled-row" and "by its place in the template" in d.message
    ]
    if placed and report.statistics is not None:
        found.append(
            Diagnostic(
                Severity.WARNING,
                "table.read-by-position",
                f"{len(placed)} row(s) had lost their labels and were placed by their "
                "position in the template; the relations are checked on the values as "
                "placed, so a valid report is not verified row by row",
                placed[0].span,
            )
        )
    return found
