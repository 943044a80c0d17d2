"""A report's text against its tables: the numbers its prose states (申请 received, 上年结转,
结转下年度, 申请 handled, 行政复议, 行政诉讼) compared with the cells, as ``prose.mismatch``
findings. Nothing is changed: a mismatch is reported, never repaired.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .. import patterns
from ..templates.values import MAX_DIGITS
from ..tree.nodes import Report
from .corpus import Finding, finding

_FULL_WIDTH = str.maketrans("０１２３４５６７８９，", "0123456789,")
#: A count: digits (``1,234``) or Chinese numerals (``二十三``, ``一百零五``), then a
#: measure word. A duration (``十五个工作日``) is no count.
_NUMBER = (
    r"([0-9][0-9,]*|[零〇一二两三四五六七八九十百千万]+)\s*(?:件|个|份|宗|起|条|人次)"
    r"(?!工作日|自然日|日|天|月|小时|星期)"
)
_GAP = r"[^，,。；;：:0-9]"

# What the text says, each with the number as group 1.
_RECEIVED_RE = patterns.compile(
    rf"(?:新收|收到|受理|接收|接到)(?:各类|各级)?{_GAP}{{0,16}}?申请{_GAP}{{0,8}}?"
    rf"(?:共|合计|总计|为)?{_NUMBER}"
)
_CARRIED_OVER_RE = patterns.compile(rf"上一?年度?结转{_GAP}{{0,12}}?{_NUMBER}")
_CARRIED_FORWARD_RE = patterns.compile(rf"结转(?:至|到)?下一?年度?{_GAP}{{0,12}}?{_NUMBER}")
_HANDLED_RE = patterns.compile(
    rf"申请{_GAP}{{0,12}}?(?:办结|答复|办理完毕|处理完毕){_GAP}{{0,6}}?{_NUMBER}"
)
_REVIEW_RE = patterns.compile(rf"行政复议(?:案件|申请)?{_GAP}{{0,8}}?{_NUMBER}")
_LITIGATION_RE = patterns.compile(rf"行政诉讼(?:案件)?{_GAP}{{0,8}}?{_NUMBER}")

#: (key or keys summed, what the text says, pattern).
_STATEMENTS: tuple[tuple[tuple[str, ...], str, re.Pattern[str]], ...] = (
    (("applications.new.total",), "申请 received", _RECEIVED_RE),
    (("applications.carried_over.total",), "上年结转", _CARRIED_OVER_RE),
    (("applications.carried_forward.total",), "结转下年度", _CARRIED_FORWARD_RE),
    (("applications.total.total",), "申请 handled", _HANDLED_RE),
    (("appeals.review.total",), "行政复议", _REVIEW_RE),
    (
        ("appeals.litigation_direct.total", "appeals.litigation_after_review.total"),
        "行政诉讼",
        _LITIGATION_RE,
    ),
)
#: "未收到...行政复议或行政诉讼", "没有发生...申请": zero stated in words.
_NONE_RE = patterns.compile(rf"(?:未|没有)(?:收到|发生|产生|出现|接到){_GAP}{{0,24}}")
_ABOUT_APPEALS = patterns.compile(r"行政复议|行政诉讼")


def _prose(report: Report) -> Iterator[tuple[str, list[tuple[int, int | None]]]]:
    """The prose of *report* in Simplified script, one run at a time: consecutive
    paragraphs of a section are joined while a sentence goes on across them (a PDF's text
    breaks lines inside sentences); with each run, the offset and line where each of its
    paragraphs starts."""
    hant = report.metadata.script == "hant"
    for section in report.sections:
        run: list[str] = []
        starts: list[tuple[int, int | None]] = []
        size = 0
        for block in section.blocks:
            text = getattr(block, "simplified" if hant else "text", None)
            if not isinstance(text, str):  # a table ends a run
                if run:
                    yield "".join(run), starts
                run, starts, size = [], [], 0
                continue
            starts.append((size, block.span.line if block.span is not None else None))
            run.append(text)
            size += len(text)
            if text.endswith(("。", "；", ";", "！", "？", ":", "：")):
                yield "".join(run), starts
                run, starts, size = [], [], 0
        if run:
            yield "".join(run), starts


def _line_at(starts: list[tuple[int, int | None]], offset: int) -> int | None:
    line = starts[0][1] if starts else None
    for start, at in starts:
        if start > offset:
            break
        line = at
    return line


_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_DIGITS.update({"五": 5, "六": 6, "七": 7, "八": 8, "九": 9})
_UNITS = {"十": 10, "百": 100, "千": 1000}


def _count(written: str) -> int | None:
    """The number *written* in digits or Chinese numerals; ``None`` for numerals that
    are no number (``二二``, ``十十``) and for more digits than a cell's value may have.

    >>> [_count(w) for w in ("1,234", "十", "十二", "二十", "一百零五", "三千二百", "两万零一")]
    [1234, 10, 12, 20, 105, 3200, 20001]
    """
    if written[0].isdigit():
        digits = written.replace(",", "").lstrip("0")
        return int(digits or "0") if len(digits) <= MAX_DIGITS else None
    total = section = 0
    digit: int | None = None
    last_unit = 100_000
    for char in written:
        if char in _DIGITS:
            if digit:
                return None  # a digit after a digit other than 零: 二二, 二〇
            digit = _DIGITS[char]
        elif char == "万":
            if (digit is None and section == 0) or total:
                return None
            total, section, digit, last_unit = (section + (digit or 0)) * 10_000, 0, None, 100_000
        else:
            unit = _UNITS[char]
            if unit >= last_unit:
                return None  # 十十, 百千
            section += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return total + section + (digit or 0)


_SENTENCE_RE = patterns.compile(r"[^。；;！？]+")
Statement = tuple[tuple[str, ...], str, int, str, "int | None"]


def stated_numbers(report: Report) -> list[Statement]:
    """What the text of *report* states: ``(keys, subject, number, words, line)`` for each
    statement found (the number is the sum of the cells of *keys*)."""
    found: list[Statement] = []
    for written, starts in _prose(report):
        text = written.translate(_FULL_WIDTH)
        for s in _SENTENCE_RE.finditer(text):
            sentence, base = s.group(), s.start()
            for keys, subject, pattern in _STATEMENTS:
                for m in pattern.finditer(sentence):
                    words = m.group()
                    if keys[0].startswith("applications.") and _ABOUT_APPEALS.search(words):
                        continue
                    number = _count(m.group(1))
                    if number is None:
                        continue
                    line = _line_at(starts, base + m.start(1))
                    found.append((keys, subject, number, words, line))
            for m in _NONE_RE.finditer(sentence):
                words = m.group()
                line = _line_at(starts, base + m.start())
                if _ABOUT_APPEALS.search(words):
                    if "行政复议" in words:
                        found.append((_REVIEW, "行政复议", 0, words, line))
                    if "行政诉讼" in words:
                        found.append((_LITIGATION, "行政诉讼", 0, words, line))
                elif "申请" in words:
                    found.append((_NEW, "申请 received", 0, words, line))
    return found


_NEW = ("applications.new.total",)
_REVIEW = ("appeals.review.total",)
_LITIGATION = ("appeals.litigation_direct.total", "appeals.litigation_after_review.total")


def check_prose(report: Report) -> list[Finding]:
    """``prose.mismatch`` for each number the text of *report* states that differs from
    the cells of its table (nothing where a cell is unknown or there are no statistics)."""
    stats = report.statistics
    if stats is None:
        return []
    flat = stats.to_flat()
    found: list[Finding] = []
    for keys, subject, number, words, line in stated_numbers(report):
        values: list[Any] = [flat.get(k) for k in keys]
        if any(v is None for v in values):
            continue
        table = sum(values)
        if table == number:
            continue
        cell = stats.sources.get(keys[0])
        cell_line = cell.span.line if cell is not None and cell.span is not None else None
        named = " + ".join(f"{k} {flat[k]}" for k in keys) if len(keys) > 1 else keys[0]
        found.append(
            finding(
                "prose.mismatch",
                "warning",
                f"the text says {number} for {subject} (“{words}”), but the table has "
                f"{named} = {table}" + (f" (line {cell_line})" if cell_line else ""),
                report.path,
                line,
                report.path,
                cell_line,
            )
        )
    return found
