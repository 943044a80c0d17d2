"""Reading what a report says about itself: agency, year and statistics period.

They are looked for in the title block (the short lines before the first section,
joined: titles are often broken over two lines) and in the first paragraphs, on the
Simplified form of those few lines only:

* the title: ``<agency><year>年[度]政府信息公开[工作][年度]报告`` (``广州市越秀区应急管理局
  2020年政府信息公开`` / ``工作年度报告``, ``管城回族区人民防空办公室`` / ``2020年度政府信息…``),
  or ``<year>年<agency>政府信息公开…报告``;
* the compiler named in the introduction: ``由开封市鼓楼区应急管理局编制``;
* the period: ``统计期限为2020年1月1日至2020年12月31日``, ``统计期限自…起至…止``.

The year is the title's, else the period's, else a ``<year>年政府信息公开`` phrase in the
introduction. ``metadata.no-agency`` and ``metadata.no-year`` say when nothing was found.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .. import patterns
from ..tree.nodes import Block, Diagnostic, Metadata, Paragraph, Section, SectionKind, Severity
from ..tree.text import normalize_text

#: Lines longer than this are prose, not part of a title block.
MAX_TITLE_LINE = 60
#: How many paragraphs at the start are searched.
MAX_LEADING_PARAGRAPHS = 6

_YEAR = r"(?P<year>(?:19|20)[0-9]{2})"
_REPORT = r"(?:的)?政府信息(?:与政务)?公开(?:工作)?(?:年度)?(?:报告|年报)"
# Each pattern is compiled when first used (``patterns.lazy``): a report names its agency in
# a title, or as the compiler, and states its period or not; few need the second title
# pattern, the year phrase or full-width digits.
_TITLE_RES = (
    patterns.lazy(rf"(?P<agency>[^,，。；;:：]{{2,40}}?)(?:关于)?{_YEAR}\s*年度?{_REPORT}"),
    patterns.lazy(rf"{_YEAR}\s*年度?(?P<agency>[^,，。；;:：0-9]{{2,40}}?){_REPORT}"),
)
_COMPILER_RE = patterns.lazy(
    r"由(?P<agency>[^,，。；;：:()（）、由]{2,40}?)(?:负责)?(?:编制|编辑|编写|编办|编印|汇编|起草)"
)
_DATE = r"(?P<{0}y>[0-9]{{4}})\s*年\s*(?P<{0}m>[0-9]{{1,2}})\s*月\s*(?P<{0}d>[0-9]{{1,2}})\s*日"
_PERIOD_RE = patterns.lazy(
    r"统计(?:期限|时限|期间|时间|区间|范围)[^。]{0,6}?"
    + _DATE.format("a")
    # One optional run of spaces on each side of 起: two runs side by side ("\s*(?:起)?\s*")
    # could split the same spaces in every way, which is quadratic on a long run.
    + r"\s*(?:起\s*)?(?:至|到|-|~|～)\s*"
    + _DATE.format("b")
)
_REPORT_RE = patterns.lazy(_REPORT)
_YEAR_PHRASE_RE = patterns.lazy(rf"{_YEAR}\s*年度?(?:的)?政府信息(?:与政务)?公开")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９－～", "0123456789-~")
_FULLWIDTH_RE = patterns.lazy("[０-９－～]")
_FULLWIDTH_CHARS = tuple("０１２３４５６７８９－～")


def extract_metadata(
    sections: Sequence[Section], script: str, to_simplified: Callable[[str], str]
) -> tuple[Metadata, list[Diagnostic]]:
    """The metadata of a report and the diagnostics about what could not be found."""
    paragraphs, in_preamble = _leading_paragraphs(sections)
    texts = _simplified([p.text for p in paragraphs], to_simplified)
    # (Few reports write full-width digits: looked for in all the texts at once.)
    if any(map("".join(texts).__contains__, _FULLWIDTH_CHARS)):
        texts = list(map(_half_width_digits, texts))

    agency: str | None = None
    year: int | None = None
    title = _title_block(texts[:in_preamble])
    for candidate in title:
        # Every title pattern ends in 报告 or 年报: a candidate without 报 is not searched
        # (a title broken over two lines is, joined).
        if "报" not in candidate:
            continue
        for title_re in _TITLE_RES:
            m = title_re().search(candidate)
            if m is not None and _plausible_agency(m.group("agency")):
                agency = _clean_agency(m.group("agency"))
                year = int(m.group("year"))
                break
        if agency is not None:
            break

    if agency is None:
        for text in texts:
            m = _COMPILER_RE().search(text) if "由" in text else None
            if m is not None and _plausible_agency(m.group("agency")):
                agency = _clean_agency(m.group("agency"))
                break

    period: str | None = None
    for text in texts:
        found = _period(text)
        if found is not None:
            period, end_year = found
            if year is None:
                year = end_year
            break

    if year is None:
        year_phrase = _YEAR_PHRASE_RE()
        for text in texts:
            m = year_phrase.search(text)
            if m is not None:
                year = int(m.group("year"))
                break

    diagnostics = []
    first = paragraphs[0].span if paragraphs else None
    if agency is None:
        diagnostics.append(
            Diagnostic(
                Severity.WARNING,
                "metadata.no-agency",
                "the agency is named neither in a title nor as the report's compiler",
                first,
            )
        )
    if year is None:
        diagnostics.append(
            Diagnostic(
                Severity.WARNING,
                "metadata.no-year",
                "no report year in the title, the statistics period or the introduction",
                first,
            )
        )
    return Metadata(agency=agency, year=year, script=script, period=period), diagnostics


def _simplified(texts: list[str], to_simplified: Callable[[str], str]) -> list[str]:
    """*texts* in Simplified script, folded in one call (NUL-joined) where possible."""
    if to_simplified is str:  # what a report in Simplified script is given
        return texts
    if not texts or any("\x00" in t for t in texts):
        return [to_simplified(t) for t in texts]
    converted = to_simplified("\x00".join(texts)).split("\x00")
    return converted if len(converted) == len(texts) else [to_simplified(t) for t in texts]


def _half_width_digits(text: str) -> str:
    return text.translate(_FULLWIDTH_DIGITS) if _FULLWIDTH_RE().search(text) else text


_PREAMBLE = SectionKind.PREAMBLE.value  # read once: an enum's value is a property


def _leading_paragraphs(sections: Sequence[Section]) -> tuple[list[Paragraph], int]:
    """The paragraphs a title block and an introduction stand in: the preamble's, then the
    first few of the first section; with how many of them belong to the preamble."""
    found: list[Paragraph] = []
    in_preamble = 0
    for section in sections:
        if section.kind == _PREAMBLE:
            found += _first_paragraphs(section.blocks, MAX_LEADING_PARAGRAPHS)
            in_preamble = len(found)
            continue
        found += _first_paragraphs(section.blocks, 3)
        break
    return found, in_preamble


def _first_paragraphs(blocks: Sequence[Block], most: int) -> list[Paragraph]:
    """``section.paragraphs[:most]``, without looking at the blocks after them."""
    found: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            found.append(block)
            if len(found) == most:
                break
    return found


def _title_block(texts: Sequence[str]) -> list[str]:
    """Candidate titles: the first short line, then it joined with the next one or two;
    then the same from the second and the third line (a running header such as a bare
    ``政府信息公开工作年度报告`` may stand above the title)."""
    candidates = []
    for start in range(min(3, len(texts))):
        joined = ""
        for text in texts[start:3]:
            if len(text) > MAX_TITLE_LINE:
                break
            joined += text
            candidates.append(joined)
    return candidates


def _plausible_agency(text: str) -> bool:
    text = text.strip()
    return (
        len(text) >= 2
        and not text.startswith(("本", "根据", "按照", "依据", "现将", "我"))
        # A title block's line above the title joined to it: no agency is named so.
        and ("报" not in text or _REPORT_RE().search(text) is None)
        # A CJK unified ideograph, told without the character class (about a millisecond
        # to compile: re fills its map of a range one character at a time).
        and any("\u4e00" <= c <= "\u9fff" for c in text)
    )


def _clean_agency(text: str) -> str:
    return normalize_text(text).strip(" 《》“”\"'").replace(" ", "")


def _period(text: str) -> tuple[str, int] | None:
    m = _PERIOD_RE().search(text) if "统计" in text else None
    if m is None:
        return None
    # (The pattern's groups are the two dates', in order: ay am ad by bm bd.)
    ay, am, ad, by, bm, bd = map(int, m.groups())
    start = _date(ay, am, ad)
    end = _date(by, bm, bd)
    if start is None or end is None or end < start:
        return None
    return f"{_iso(start)}/{_iso(end)}", end[0]


def _iso(date: tuple[int, int, int]) -> str:
    # (One %-format: three format specifications of an f-string cost five times more.)
    return "%04d-%02d-%02d" % date  # noqa: UP031


#: Days of each month in a common year.
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _date(year: int, month: int, day: int) -> tuple[int, int, int] | None:
    """``(year, month, day)`` if that is a date of the proleptic Gregorian calendar (as
    :class:`datetime.date` takes it), else ``None``: told without importing
    :mod:`datetime`, which costs a first report more than reading its metadata."""
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        return None
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return (year, month, day) if 1 <= day <= _MONTH_DAYS[month - 1] + leap else None
