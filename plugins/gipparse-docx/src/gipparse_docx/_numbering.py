"""Word's list numbering: the numbers Word prints before numbered paragraphs.

A paragraph is numbered by its own ``w:numPr`` (``w:numId``, ``w:ilvl``) or through its
paragraph style's (followed through ``w:basedOn``). ``word/numbering.xml`` maps a
``w:num`` to a ``w:abstractNum``, whose levels (``w:lvl``) say the format of the number
(``w:numFmt``), the text around it (``w:lvlText``, ``%1`` for the number of the first
level), where counting starts (``w:start``) and what follows it (``w:suff``: a TAB unless
``space`` or ``nothing``). A ``w:num`` may override a level's start or the whole level
(``w:lvlOverride``).

Counting is as Word counts: each paragraph adds one at its level and restarts the levels
below it (unless ``w:lvlRestart`` says otherwise); the ``w:num`` of one abstract
numbering share their counters, a ``w:num`` with a start override restarting the levels
it overrides where it is first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement as _Element

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_LEVELS = 9

_DIGITS = "〇一二三四五六七八九"
_COUNTING_DIGITS = "零一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _chinese(n: int, digits: str, units: str) -> str | None:
    """*n* (1 to 99 999) in Chinese counting: 十一, 二十, 一百零一, 一千零二十."""
    if not 0 < n < 100_000:
        return None
    out: list[str] = []
    zero = False
    for power in range(4, -1, -1):
        digit = n // 10**power % 10
        if digit:
            if zero and out:
                out.append(digits[0])
            zero = False
            # 十, 十一 … 十九 for 10 to 19: no leading 一 before 十.
            if not (power == 1 and digit == 1 and not out and units[0] == "十"):
                out.append(digits[digit])
            if power:
                out.append(units[power - 1])
        elif out:
            zero = True
    return "".join(out)


def _letters(n: int, alphabet: str) -> str:
    # A … Z, AA … ZZ, AAA …: the letter repeated, as Word counts.
    return alphabet[(n - 1) % 26] * ((n - 1) // 26 + 1)


def _roman(n: int) -> str | None:
    if not 0 < n < 4000:
        return None
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _enclosed(n: int, first: int, last: int) -> str:
    # Word prints the plain number past the last enclosed character.
    return chr(first + n - 1) if 1 <= n <= last else str(n)


#: The largest list number written: no list runs that far, and a start or override past
#: it (or below 0) is damage, which would otherwise be written out letter by letter (a
#: letter format repeats its letter once every 26) or digit by digit.
MAX_LIST_NUMBER = 99_999


def format_number(n: int, fmt: str) -> str | None:
    """*n* in Word's number format *fmt* (``w:numFmt``), or None for a format (or a
    number in it) this reader does not know, and for a number outside 0 to
    :data:`MAX_LIST_NUMBER`."""
    if not 0 <= n <= MAX_LIST_NUMBER:
        return None
    if fmt == "decimal":
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting"):
        return _chinese(n, _COUNTING_DIGITS, "十百千万")
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _LEGAL_DIGITS, "拾佰仟万")
    if fmt == "ideographDigital":
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt in ("ideographTraditional", "ideographZodiac"):
        cycle = _STEMS if fmt == "ideographTraditional" else _BRANCHES
        return cycle[n - 1] if 1 <= n <= len(cycle) else None
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(n, 0x2460, 20)
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474, 20)
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488, 20)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalHalfWidth":
        return str(n)
    if fmt in ("upperLetter", "lowerLetter"):
        letters = _letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") if n > 0 else None
        return letters if letters is None or fmt[0] == "u" else letters.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman if roman is None or fmt[0] == "l" else roman.upper()
    if fmt == "none":
        return ""
    return None


def _int(element: _Element | None, default: int, name: str = "val") -> int:
    """The whole number in *element*'s attribute *name*, or *default* without one."""
    if element is None:
        return default
    try:
        return int(element.get(_W + name, ""))
    except ValueError:
        return default


def _val(element: _Element | None) -> str | None:
    return None if element is None else element.get(_W + "val")


def _numbering_format(lvl: _Element) -> str:
    fmt = lvl.find(_W + "numFmt")
    if fmt is None:  # Word 2010's custom formats, with a format for older readers
        fmt = lvl.find(f"{_MC}AlternateContent/{_MC}Fallback/{_W}numFmt")
    return _val(fmt) or "decimal"


class _Level:
    __slots__ = ("format", "is_legal", "restart", "start", "suffix", "text")

    def __init__(self, lvl: _Element, level: int) -> None:
        self.start = _int(lvl.find(_W + "start"), 0)
        self.format = _numbering_format(lvl)
        text = lvl.find(_W + "lvlText")
        self.text = None if text is None else text.get(_W + "val", "")
        suffix = _val(lvl.find(_W + "suff"))
        self.suffix = " " if suffix == "space" else "" if suffix == "nothing" else "\t"
        legal = lvl.find(_W + "isLgl")
        self.is_legal = legal is not None and _val(legal) not in ("0", "false", "off")
        restart = lvl.find(_W + "lvlRestart")
        self.restart = level if restart is None else _int(restart, level)


class Numbering:
    """The numbering of a document's paragraphs, read in document order."""

    def __init__(self, numbering: _Element | None, styles: dict[str, _Element]) -> None:
        """:param styles: the document's styles by id (:func:`styles_by_id`)."""
        #: Number formats met that are not read, and how many numbers were left out.
        self.unknown_formats: set[str] = set()
        self.left_out = 0
        self._abstract: dict[str, _Element] = {}
        self._nums: dict[str, _Element] = {}
        if numbering is not None:
            for element in numbering.iterchildren(_W + "abstractNum"):
                self._abstract.setdefault(element.get(_W + "abstractNumId", ""), element)
            for element in numbering.iterchildren(_W + "num"):
                self._nums.setdefault(element.get(_W + "numId", ""), element)
        self._styles = styles
        # A style's numbering: numId, level, and the style (itself or one it is based on)
        # defining them.
        self._style_numbering: dict[str, tuple[str | None, int | None, str | None]] = {}
        # Per abstract numbering: the levels (their definitions for each w:num), and the
        # counters (None: not counted yet, or restarted).
        self._levels: dict[str, list[_Level | None]] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._seen: set[str] = set()

    @property
    def active(self) -> bool:
        """Whether the document defines any numbering at all."""
        return bool(self._nums)

    def label(self, p_pr: _Element | None) -> str:
        """The number Word prints before the paragraph with properties *p_pr*, with what
        follows it; empty for a paragraph that is not numbered. Counts the paragraph."""
        if p_pr is None:
            return ""
        num_pr = p_pr.find(_W + "numPr")
        style = _val(p_pr.find(_W + "pStyle"))
        if num_pr is None and style is None:
            return ""
        num_id: str | None = None
        level: int | None = None
        if style is not None:
            num_id, level, style = self._numbering_of_style(style)
        if num_pr is not None:
            own_id = _val(num_pr.find(_W + "numId"))
            if own_id is not None:
                num_id = own_id
                level = None
            own_level = num_pr.find(_W + "ilvl")
            if own_level is not None:
                level = _int(own_level, 0)
        if num_id is None or num_id == "0":
            return ""
        num = self._nums.get(num_id)
        if num is None:
            return ""
        abstract_id, levels = self._definition(num_id, num)
        if level is None:
            level = self._level_of_style(abstract_id, style)
        if not 0 <= level < _LEVELS or levels[level] is None:
            return ""
        return self._count(abstract_id, levels, level)

    # -- definitions ------------------------------------------------------------------

    def _numbering_of_style(self, style_id: str) -> tuple[str | None, int | None, str | None]:
        found = self._style_numbering.get(style_id)
        if found is None:
            found = (None, None, None)
            seen: set[str] = set()
            current: str | None = style_id
            while current is not None and current not in seen:
                seen.add(current)
                style = self._styles.get(current)
                if style is None:
                    break
                num_pr = style.find(f"{_W}pPr/{_W}numPr")
                if num_pr is not None:
                    num_id = _val(num_pr.find(_W + "numId"))
                    level = num_pr.find(_W + "ilvl")
                    found = (num_id, None if level is None else _int(level, 0), current)
                    break
                current = _val(style.find(_W + "basedOn"))
            self._style_numbering[style_id] = found
        return found

    def _abstract_of(self, num: _Element) -> tuple[str, _Element | None]:
        abstract_id = _val(num.find(_W + "abstractNumId")) or ""
        abstract = self._abstract.get(abstract_id)
        if abstract is not None:
            # A list style's numbering: its levels are those of the style's numbering.
            link = _val(abstract.find(_W + "numStyleLink"))
            style = None if link is None else self._styles.get(link)
            linked = None if style is None else _val(style.find(f"{_W}pPr/{_W}numPr/{_W}numId"))
            target = None if linked is None else self._nums.get(linked)
            if target is not None:
                target_id = _val(target.find(_W + "abstractNumId")) or ""
                if target_id in self._abstract:
                    return target_id, self._abstract[target_id]
        return abstract_id, abstract

    def _definition(self, num_id: str, num: _Element) -> tuple[str, list[_Level | None]]:
        key = "num:" + num_id
        levels = self._levels.get(key)
        abstract_id, abstract = self._abstract_of(num)
        if levels is None:
            levels = [None] * _LEVELS
            if abstract is not None:
                for lvl in abstract.iterchildren(_W + "lvl"):
                    at = _int(lvl, -1, "ilvl")
                    if 0 <= at < _LEVELS:
                        levels[at] = _Level(lvl, at)
            starts: list[int] = []
            for override in num.iterchildren(_W + "lvlOverride"):
                at = _int(override, -1, "ilvl")
                if not 0 <= at < _LEVELS:
                    continue
                lvl = override.find(_W + "lvl")
                if lvl is not None:
                    levels[at] = _Level(lvl, at)
                start = override.find(_W + "startOverride")
                overridden = levels[at]
                if start is not None and overridden is not None:
                    level = _copy(overridden)
                    level.start = _int(start, level.start)
                    levels[at] = level
                    starts.append(at)
                elif lvl is not None:
                    starts.append(at)
            self._levels[key] = levels
            if starts:
                # Where a w:num overriding a start is first used, its levels restart.
                counters = self._counters.setdefault(abstract_id, [None] * _LEVELS)
                for at in starts:
                    counters[at] = None
        return abstract_id, levels

    def _level_of_style(self, abstract_id: str, style: str | None) -> int:
        abstract = self._abstract.get(abstract_id)
        if style is not None and abstract is not None:
            for lvl in abstract.iterchildren(_W + "lvl"):
                if _val(lvl.find(_W + "pStyle")) == style:
                    return _int(lvl, -1, "ilvl")
        return 0

    # -- counting ---------------------------------------------------------------------

    def _count(self, abstract_id: str, levels: list[_Level | None], level: int) -> str:
        counters = self._counters.setdefault(abstract_id, [None] * _LEVELS)
        definition = levels[level]
        assert definition is not None
        current = counters[level]
        counters[level] = definition.start if current is None else current + 1
        for below in range(level + 1, _LEVELS):
            lower = levels[below]
            restart = below if lower is None else lower.restart
            if level < restart:
                counters[below] = None
        if definition.format == "bullet" or definition.text is None:
            return ""  # a bullet is no number; Word's bullets are symbols of a font
        text = self._render(definition, levels, counters)
        return text + definition.suffix if text else ""

    def _render(
        self, definition: _Level, levels: list[_Level | None], counters: list[int | None]
    ) -> str:
        """The level's text, ``%1`` … ``%9`` replaced by the numbers of those levels
        (in decimal if the level is legal, ``w:isLgl``); empty if a number is in a
        format not read."""
        assert definition.text is not None
        parts = definition.text.split("%")
        out = [parts[0]]
        for part in parts[1:]:
            if not (part[:1].isdigit() and 1 <= int(part[0]) <= _LEVELS):
                out.append("%" + part)
                continue
            at = int(part[0]) - 1
            shown = levels[at]
            value = counters[at]
            if value is None:  # a level above not counted yet: its start
                value = 0 if shown is None else shown.start
            fmt = "decimal" if definition.is_legal or shown is None else shown.format
            number = format_number(value, fmt)
            if number is None:
                self.unknown_formats.add(fmt)
                self.left_out += 1
                return ""
            out.append(number + part[1:])
        return "".join(out)


def styles_by_id(styles: _Element | None) -> dict[str, _Element]:
    """The styles of ``word/styles.xml`` by their ids, the first of each."""
    found: dict[str, _Element] = {}
    if styles is not None:
        for element in styles.iterchildren(_W + "style"):
            found.setdefault(element.get(_W + "styleId", ""), element)
    return found


def _copy(level: _Level) -> _Level:
    copied = object.__new__(_Level)
    for name in _Level.__slots__:
        setattr(copied, name, getattr(level, name))
    return copied
