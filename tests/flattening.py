"""Reports flattened the way generic text extractors flatten them, and an oracle that
decides, by brute force and independently of gipparse, which cells the template's
relations force.

* :func:`html_page` lays a report out as a web page (tables as ``<table>``, page chrome
  around), :func:`get_text` flattens a page as ``BeautifulSoup.get_text()`` does: every
  text node, in order, nothing between them.
* :func:`crawler_text` flattens a report as crawlers' ``page.txt`` dumps do: the cells of
  a row glued, rows glued or one per line, optionally with spaces between some cells,
  page chrome around, prose glued after a table.
* :func:`forced_cells` is the oracle: every cut of every row's digits, then every joint
  choice satisfying every relation (itertools, no pruning cleverness), small tables only.
"""

from __future__ import annotations

import html
import itertools
import random
from collections.abc import Iterator
from decimal import Decimal
from html.parser import HTMLParser

from gipparse import Paragraph, Report, Statistics, Table, report_from_statistics

CHROME_TOP = (
    "首页 > 政务公开 > 政府信息公开年报\n字号：大 中 小 | 打印本页 | 关闭窗口\n"
    "发布日期：2024-01-18 09:30 浏览次数：1024\n"
)
CHROME_BOTTOM = (
    "\n【打印本页】【关闭窗口】\n"
    "主办单位：某某市人民政府办公室 网站标识码：3301000001 浙ICP备05012345号-1\n"
)
GLUED_PROSE = "2025年，本机关将持续做好政务公开工作。"


def _text(value: object) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def html_page(report: Report, *, chrome: bool = True, pretty: bool = True) -> str:
    """*report* as a web page: headings, paragraphs, tables with one cell per ``<td>``."""
    nl = "\n" if pretty else ""
    parts = ["<html><head><title>政府信息公开工作年度报告</title></head><body>"]
    if chrome:
        parts.append(f"<div class='nav'>{html.escape(CHROME_TOP)}</div>")
    for section in report.sections:
        if section.heading is not None:
            parts.append(f"<h2>{html.escape(section.heading.raw)}</h2>{nl}")
        for block in section.blocks:
            if isinstance(block, Paragraph):
                parts.append(f"<p>{html.escape(block.raw)}</p>{nl}")
            else:
                assert isinstance(block, Table)
                parts.append(f"<table>{nl}")
                for row in block.rows:
                    cells = "".join(f"<td>{html.escape(c.raw)}</td>{nl}" for c in row.cells)
                    parts.append(f"<tr>{nl}{cells}</tr>{nl}")
                parts.append(f"</table>{nl}")
    if chrome:
        parts.append(f"<div class='footer'>{html.escape(CHROME_BOTTOM)}</div>")
    parts.append("</body></html>")
    return "".join(parts)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("title", "script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("title", "script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def get_text(page: str) -> str:
    """The text of *page* as ``BeautifulSoup(page).body.get_text()`` gives it."""
    parser = _Text()
    parser.feed(page)
    parser.close()
    return "".join(parser.parts)


def crawler_text(
    report: Report,
    *,
    rng: random.Random | None = None,
    rows_on_lines: bool = False,
    spaces: float = 0.0,
    chrome: bool = False,
    glued_prose: bool = False,
) -> str:
    """*report* as a crawler's text dump: the cells of each table row glued together.

    :param rows_on_lines: one table row per line (else the whole report on one line).
    :param spaces: the chance that a space stands between two cells of a row (a space is
        never put inside a number).
    :param chrome: navigation and footer text around the report.
    :param glued_prose: a sentence glued right after each table's last cell.
    """
    rng = rng or random.Random(0)
    sep = "\n" if rows_on_lines else ""
    out: list[str] = []
    for section in report.sections:
        if section.heading is not None:
            out.append(section.heading.raw)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out.append(block.raw)
                continue
            assert isinstance(block, Table)
            rows = []
            for row in block.rows:
                text = ""
                for i, cell in enumerate(row.cells):
                    if i and spaces and rng.random() < spaces:
                        text += " "
                    text += cell.raw
                rows.append(text)
            table = sep.join(rows)
            if glued_prose:
                table += GLUED_PROSE
            out.append(table)
    body = sep.join(out)
    if chrome:
        body = CHROME_TOP + body + CHROME_BOTTOM
    return body


def report_of(statistics: Statistics, metadata: object = None) -> Report:
    return report_from_statistics(statistics, metadata)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# The oracle
# ---------------------------------------------------------------------------


def cuts(digits: str, n: int) -> Iterator[tuple[int, ...]]:
    """Every way to cut a string of digits into *n* whole numbers without leading
    zeros (counts only)."""
    for bounds in itertools.combinations(range(1, len(digits)), n - 1):
        edges = (0, *bounds, len(digits))
        parts = [digits[edges[i] : edges[i + 1]] for i in range(n)]
        if all(p == "0" or p[0] != "0" for p in parts):
            yield tuple(int(p) for p in parts)


#: The longest row of digits the oracle cuts every way (C(13, 6) = 1716 cuts for seven
#: cells); longer rows are left to the other checks.
LONGEST = 14


def cuts_glued(digits: str, n: int, glued: str) -> Iterator[tuple[int, ...]]:
    """The cuts of a row's *digits* when the row is glued to text starting with *glued*
    (``2025年``), as far as a reader can tell: the cells are the digits up to some point
    and the rest, the row's last digits and the first of *glued* alike, is where the
    text after it starts (``…100472025年`` may be ``…|0|47`` then ``2025年`` or ``…|0``
    then ``472025年``); that text starts with a number, and a number never with a
    leading zero. No *glued*: the row ends with its digits."""
    if not glued:
        return cuts(digits, n)
    lead = ""
    for ch in glued:
        if not ch.isdigit():
            break
        lead += ch
    text = digits + lead
    found: dict[tuple[int, ...], None] = {}
    for end in range(n, len(text) + 1):
        rest = text[end:]
        if len(rest) > 1 and rest[0] == "0":
            continue
        found.update(dict.fromkeys(cuts(text[:end], n)))
    return iter(found)


def summed_groups_glued(digits: str, groups: int, size: int, glued: str) -> list[tuple[int, ...]]:
    """The cuts of a row's *digits* into *groups* groups of *size* cells each, every
    group's last cell the sum of the others (table 四), the row glued to *glued* as in
    :func:`cuts_glued`: every place the row may end, every place each group may end,
    every cut of each group."""
    lead = ""
    for ch in glued:
        if not ch.isdigit():
            break
        lead += ch
    text = digits + lead
    ends = [len(digits)]
    if glued:
        ends = [e for e in range(len(text) + 1) if len(text) - e < 2 or text[e] != "0"]
    one: dict[tuple[int, int], list[tuple[int, ...]]] = {}

    def group(start: int, stop: int) -> list[tuple[int, ...]]:
        if (start, stop) not in one:
            found = [c for c in cuts(text[start:stop], size) if sum(c[:-1]) == c[-1]]
            one[(start, stop)] = found
        return one[(start, stop)]

    def rest(start: int, left: int, end: int) -> list[tuple[int, ...]]:
        if left == 1:
            return group(start, end) if end - start >= size else []
        found = []
        for stop in range(start + size, end - size * (left - 1) + 1):
            for first in group(start, stop):
                found.extend((*first, *more) for more in rest(stop, left - 1, end))
        return found

    return list(dict.fromkeys(c for end in ends for c in rest(0, groups, end)))


def digits_of(values: list[int]) -> str:
    return "".join(str(v) for v in values)


def forced_cells(
    rows: dict[str, list[int]],
    row_check: object,
    check: object,
    limit: int = 4000,
    glued: dict[str, str] | None = None,
) -> dict[str, set[tuple[int, ...]]] | None:
    """For rows of counts (row key -> printed values), the cuts of each row's digits that
    satisfy ``row_check(values)`` and take part in at least one joint choice for which
    ``check(choice)`` holds (*check* takes row key -> values); ``None`` when there are
    more than *limit* joint choices to try. *glued* gives, for rows glued to the text
    after them, that text (see :func:`cuts_glued`)."""
    glued = glued or {}
    if any(len(digits_of(v)) > LONGEST for v in rows.values()):
        return None
    options = {
        k: [
            c
            for c in cuts_glued(digits_of(v), len(v), glued.get(k, ""))
            if row_check(c)  # type: ignore[operator]
        ]
        for k, v in rows.items()
    }
    total = 1
    for found in options.values():
        total *= max(len(found), 1)
    if total > limit:
        return None
    keys = list(options)
    kept: dict[str, set[tuple[int, ...]]] = {k: set() for k in keys}
    for choice in itertools.product(*(options[k] for k in keys)):
        chosen = dict(zip(keys, choice, strict=True))
        if check(chosen):  # type: ignore[operator]
            for k, v in chosen.items():
                kept[k].add(v)
    return kept
