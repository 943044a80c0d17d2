"""Text normalisation shared by every node and matcher.

Two levels:

* :func:`normalize_text` is what a node's ``.text`` shows a reader: the written text with
  export debris (``[bookmark: _GoBack]``), odd spaces (NBSP, full-width, zero-width) and
  conversion artefacts (pinyin after a Han character: ``區(qū)``) removed, whitespace
  collapsed, and line breaks inside Chinese text joined.
* :func:`fold` is what matchers compare: normalised text with full-width ASCII folded to
  half-width, every space removed and quotes unified. Labels and headings are matched on
  folded text only; nothing shown to a user is folded.

Both are pure, cached and use :mod:`re` (they are on the hot path).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .. import patterns


def with_lf(text: str) -> str:
    """*text* with each CRLF and CR made an LF: what ends a line for every reader of a
    report's lines (:func:`gipparse.source.decode.split_lines`,
    :class:`gipparse.tables.formats.Lines`); nothing else counts as a line end."""
    if "\r" in text:
        return text.replace("\r\n", "\n").replace("\r", "\n")
    return text


#: Markers that Word exporters leave in text: ``[bookmark: _GoBack]`` and friends. A marker
#: holds no ``[``: were ``[`` allowed inside, a failed attempt at one ``[bookmark:`` would
#: scan over every later one, and a line of them would take quadratic time.
DEBRIS_RE = patterns.compile(r"\[bookmark:[^\[\]\n]*\]")

#: Pinyin in brackets right after a Han character, left behind by automatic
#: Simplified→Traditional converters that annotate readings (``區(qū)``, ``發(fā)``). The
#: brackets (ASCII or full-width) must hold exactly one lowercase pinyin syllable with its
#: tone mark (precomposed or combining): ordinary bracketed Latin text is never touched,
#: whether it has no tone mark (``微信(app)``, ``(PDF)``, ``(H5)``) or is not a syllable
#: (``咖啡(café)``).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_TONE_MARKS = "\u0300\u0301\u0304\u030c"
_PINYIN_INITIALS = ("", "zh", "ch", "sh", *"bpmfdtnlgkhjqxrzcsyw")
_PINYIN_FINALS = (
    "iang iong uang ueng ang eng ing ong iao ian uai uan üan ai ei ao ou an en in un ün "
    "ia ie iu ua uo ui üe ue er a o e i u ü"
)
#: What each of :data:`_TONED` decomposes to first (NFD): ``ǖ`` is a toned ``u``.
_TONED_BASES = "aaaaeeeeiiiioooouuuuuuuu"


def _is_han(char: str) -> bool:
    cp = ord(char)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3134F
    )


class PinyinDebris:
    """Finds pinyin debris: a bracketed syllable right after a Han character.

    A pattern finds every bracketed run of pinyin letters, and the syllable and the Han
    character before it are checked here: the one regular expression that said all of it
    (a class of toned vowels for every vowel of every final, and the ranges of Han) took
    some 9 ms to compile, the first time a report held a toned vowel in brackets, which
    is more than such a report costs to parse. This one takes a twentieth of that.

    The syllables are the pinyin initials (or none) followed by a final, every vowel of
    which may carry a tone mark, precomposed or combining (one combining mark after a
    vowel); a vowel with a diaeresis and a tone (``ǖ``) counts as a toned ``u``, as it
    decomposes; a plain ``ü`` takes no combining mark.
    """

    def __init__(self) -> None:
        self.pattern = _bracketed_pinyin_re()
        self._base = dict(zip(_TONED, _TONED_BASES, strict=True))
        # A syllable is told by its final once its initial is taken off (the set of every
        # initial and final put together cost a first report with debris 0.35 M
        # instructions to make; the bases written out, 0.25 M to normalise).
        self._finals = frozenset(_PINYIN_FINALS.split())
        self._initials = frozenset(i for i in _PINYIN_INITIALS if len(i) == 1)
        self._doubles = frozenset(i for i in _PINYIN_INITIALS if len(i) == 2)

    def _is_debris(self, match: re.Match[str]) -> bool:
        start = match.start()
        if not start or not _is_han(match.string[start - 1]):
            return False
        letters: list[str] = []
        toned = previous_mark = False
        for written in match.group(1):
            if written in _TONE_MARKS:
                # One combining mark, right after a vowel (toned or not) other than ü.
                if not letters or letters[-1] not in "aeiou" or previous_mark:
                    return False
                toned = previous_mark = True
                continue
            previous_mark = False
            base = self._base.get(written)
            if base is not None:
                toned = True
            letters.append(written if base is None else base)
        if not toned:
            return False
        # An initial (none, two letters or one) and a final.
        syllable, finals = "".join(letters), self._finals
        return (
            syllable in finals
            or (syllable[:2] in self._doubles and syllable[2:] in finals)
            or (syllable[:1] in self._initials and syllable[1:] in finals)
        )

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Every piece of debris in *text*, brackets included."""
        return filter(self._is_debris, self.pattern.finditer(text))

    def sub(self, repl: str, text: str) -> str:
        """*text* with every piece of debris replaced by *repl*."""

        def replace(match: re.Match[str]) -> str:
            return repl if self._is_debris(match) else match.group()

        return self.pattern.sub(replace, text)


_BRACKETED_PINYIN = f"[(（]([a-zü{_TONED}{_TONE_MARKS}]{{1,9}})[)）]"
patterns.ask(_BRACKETED_PINYIN)  # compiled when first needed, from code made ahead of time


@lru_cache(maxsize=1)
def _bracketed_pinyin_re() -> re.Pattern[str]:
    return patterns.compile(_BRACKETED_PINYIN)


#: Text the pinyin pattern can match holds a toned vowel or a tone mark: a cheap test that
#: spares every other text the pattern.
_TONE_RE = patterns.compile(f"[{_TONED}{_TONE_MARKS}]")


@lru_cache(maxsize=1)
def _pinyin_debris_re() -> PinyinDebris:
    return PinyinDebris()


def __getattr__(name: str) -> object:
    # ``PINYIN_DEBRIS_RE`` is built on first use.
    if name == "PINYIN_DEBRIS_RE":
        return _pinyin_debris_re()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Every kind of space a report uses, including the ones str.split() ignores.
_SPACE_CHARS = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000"
)
# Characters that take no room at all: dropped, not turned into spaces.
_ZERO_WIDTH = "\ufeff\u200b\u200c\u200d\u2060"
# The odd spaces become a space and the zero-width characters go, by two patterns:
# ``str.translate`` with a dict looks every character up, and each one not in the table
# (every Han character) raises a KeyError inside that is caught again, which costs more
# than a pattern's scan of the text in C.
_ODD_SPACE_RE = patterns.compile(f"[{_SPACE_CHARS}]")
_ZERO_WIDTH_RE = patterns.compile(f"[{_ZERO_WIDTH}]")
_WS_RUN_RE = patterns.compile(r"[ \t\n\r\f\v]+")
# Text made only of ASCII letters and digits and CJK unified ideographs (U+4E00..U+9FFF)
# needs no work. The pattern comes compiled ahead of time (see :mod:`gipparse.patterns`):
# compiled at import, its class took a millisecond (re fills its map of a range one
# character at a time).
_NOT_PLAIN_RE = patterns.compile("[^0-9A-Za-z\u4e00-\u9fff]")

# Full-width ASCII (U+FF01..U+FF5E) to half-width, plus the punctuation reports mix freely.
_FOLD_TABLE: dict[int, int | str | None] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD_TABLE.update(
    {
        ord("\u3000"): None,
        ord("“"): '"',
        ord("”"): '"',
        ord("‘"): "'",
        ord("’"): "'",
        ord("「"): '"',
        ord("」"): '"',
        ord("﹙"): "(",
        ord("﹚"): ")",
        ord("〔"): "(",
        ord("〕"): ")",
        ord("【"): "(",
        ord("】"): ")",
        ord("。"): ".",
        ord("、"): ",",
        ord("－"): "-",
        ord("—"): "-",
        ord("–"): "-",
    }
)
for _c in _SPACE_CHARS + _ZERO_WIDTH + " \t\n\r\f\v":
    _FOLD_TABLE[ord(_c)] = None
# The table as two patterns (see ``_ODD_SPACE_RE``): what it drops, and what it maps, with
# what each character is mapped to.
_FOLD_DROPPED_RE = patterns.compile(f"[{_SPACE_CHARS}{_ZERO_WIDTH} \t\n\r\f\v]+")
_FOLD_MAPPED_RE = patterns.compile("[\uff01-\uff5e“”‘’「」﹙﹚〔〕【】。、—–]")
_FOLDED: dict[str, str] = {
    chr(cp): to if isinstance(to, str) else chr(to)
    for cp, to in _FOLD_TABLE.items()
    if to is not None
}


def _join_ws(match: re.Match[str]) -> str:
    """Collapse a whitespace run: drop it between wide characters, keep one space otherwise."""
    s, e = match.span()
    text = match.string
    before = text[s - 1] if s else ""
    after = text[e] if e < len(text) else ""
    if (before and ord(before) > 0x2E7F) or (after and ord(after) > 0x2E7F):
        return ""
    return " "


@lru_cache(maxsize=8192)
def normalize_text(raw: str) -> str:
    """Return *raw* as a reader should see it (see the module docstring)."""
    if raw.isalnum() and (raw.isascii() or not _NOT_PLAIN_RE.search(raw)):
        return raw
    text = raw
    if "[" in text:
        text = DEBRIS_RE.sub("", text)
    if ("(" in text or "（" in text) and _TONE_RE.search(text):
        text = _pinyin_debris_re().sub("", text)
    # Odd spaces, zero-width characters and ASCII whitespace but the space are all
    # unprintable: printable text needs neither the (per-character) translation nor,
    # without a space, the collapsing of whitespace runs.
    printable = text.isprintable()
    if not printable:  # odd spaces to " ", zero-width characters dropped
        text = _ZERO_WIDTH_RE.sub("", _ODD_SPACE_RE.sub(" ", text))
    text = text.strip()
    if printable and " " not in text:
        return text
    return _WS_RUN_RE.sub(_join_ws, text)


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Return the matching form of *text*: normalised, half-width, without any space."""
    # normalize_text(text).translate(_FOLD_TABLE), which costs a KeyError per character
    # the table does not hold (see ``_ODD_SPACE_RE``).
    text = normalize_text(text)
    if text.isascii():  # of ASCII, the table drops whitespace only
        return text.replace(" ", "") if text.isprintable() else _FOLD_DROPPED_RE.sub("", text)
    text = _FOLD_DROPPED_RE.sub("", text)
    for char in set(_FOLD_MAPPED_RE.findall(text)):
        text = text.replace(char, _FOLDED[char])
    return text


def is_blank(line: str) -> bool:
    """True for a line holding nothing but whitespace (NBSP and full-width spaces included)."""
    return not line or line.isspace()
