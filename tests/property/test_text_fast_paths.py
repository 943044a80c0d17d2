"""The shortcuts of text normalisation (plain text returned as it is, printable text not
translated) give what the full normalisation gives, and folding normalised text only
drops its spaces (which heading recognition relies on to skip folding long lines)."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from gipparse.tree.text import (
    _FOLD_DROPPED_RE,
    _FOLD_MAPPED_RE,
    _FOLD_TABLE,
    _NOT_PLAIN_RE,
    _ODD_SPACE_RE,
    _SPACE_CHARS,
    _WS_RUN_RE,
    _ZERO_WIDTH,
    _ZERO_WIDTH_RE,
    DEBRIS_RE,
    _join_ws,
    _pinyin_debris_re,
    fold,
    normalize_text,
)

#: What the odd-space patterns do, as the translation table they replace.
_SPACES_TO_ASCII: dict[int, str | None] = {ord(c): " " for c in _SPACE_CHARS}
_SPACES_TO_ASCII.update({ord(c): None for c in _ZERO_WIDTH})

_PIECES = [
    "a",
    "Z",
    "0",
    "９",
    "一",
    "鿿",
    "㐀",
    "ꀀ",
    "é",
    "ǎ",
    "²",
    " ",
    "  ",
    "\t",
    "\n",
    "\r",
    "\u00a0",
    "\u3000",
    "\u2003",
    "\u200b",
    "\ufeff",
    "\u2060",
    "(",
    ")",
    "（",
    "）",
    "区",
    "[bookmark: _GoBack]",
    "[",
    "。",
    "、",
    "“",
    "－",
    "\x1c",
    "\U00020000",
    "\U0001f600",
    "Ａ",
    "ｚ",
    "！",
    "～",
    "｟",
    "【",
    "】",
    "「",
    "”",
    "‘",
    "—",
    "–",
    "﹙",
    "〔",
    "\u2028",
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=12).map("".join) | st.text(max_size=12)


def _reference(raw: str) -> str:
    """The normalisation without its shortcuts."""
    if not re.search(r"[^0-9A-Za-z\u4e00-\u9fff]", raw):
        return raw
    text = DEBRIS_RE.sub("", raw)
    text = _pinyin_debris_re().sub("", text)
    text = text.translate(_SPACES_TO_ASCII).strip()
    return _WS_RUN_RE.sub(_join_ws, text)


@given(_TEXT)
@example("區(qū)规章")
@example(" 规章\u3000 0 ")
@example("")
@example("\x1c规章\x1f")
def test_normalize_text_matches_the_full_normalisation(raw: str) -> None:
    normalize_text.cache_clear()
    assert normalize_text(raw) == _reference(raw)


@given(_TEXT)
@example("一、 总体 情况")
def test_folding_normalised_text_only_drops_spaces(raw: str) -> None:
    text = normalize_text(raw)
    assert len(fold(raw)) == len(text) - text.count(" ")


# What normalisation and folding did before they were written with patterns: a translation
# table each, and a test of plain text with str methods.


def _plain_by_str_methods(raw: str) -> bool:
    if not raw.isalnum():
        return False
    if raw.isascii():
        return True
    wide = raw.translate(dict.fromkeys(range(128)))
    return min(wide) >= "\u4e00" and max(wide) <= "\u9fff"


@given(_TEXT)
@example("规章")
@example("规章2020")
@example("规章é")
@example("\U00020000")
def test_plain_text_is_told_as_str_methods_tell_it(raw: str) -> None:
    plain = raw.isalnum() and (raw.isascii() or not _NOT_PLAIN_RE.search(raw))
    assert plain == _plain_by_str_methods(raw)


@given(_TEXT)
@example("\u3000规章\u00a0\u200b办法\ufeff")
def test_odd_spaces_are_replaced_as_the_table_replaces_them(text: str) -> None:
    replaced = _ZERO_WIDTH_RE.sub("", _ODD_SPACE_RE.sub(" ", text))
    assert replaced == text.translate(_SPACES_TO_ASCII)


@given(_TEXT)
@example("（一）收到和处理政府信息公开申请情况")
@example("１２３ＡＢＣ\u3000“规章”【办法】—–－")
@example("\U0001f600 \U00020000\t９")
@example("46 217.94")
@example("a\x0bb\x1c c")
def test_folding_is_the_translation_of_the_normalised_text(raw: str) -> None:
    assert fold(raw) == normalize_text(raw).translate(_FOLD_TABLE)


def test_the_patterns_match_exactly_the_characters_of_the_tables() -> None:
    dropped = [chr(cp) for cp, to in _FOLD_TABLE.items() if to is None]
    mapped = [chr(cp) for cp, to in _FOLD_TABLE.items() if to is not None]
    odd = [chr(cp) for cp, to in _SPACES_TO_ASCII.items() if to == " "]
    zero = [chr(cp) for cp, to in _SPACES_TO_ASCII.items() if to is None]
    everything = "".join(map(chr, range(0x110000)))
    assert "".join(_FOLD_DROPPED_RE.findall(everything)) == "".join(sorted(dropped))
    assert _FOLD_MAPPED_RE.findall(everything) == sorted(mapped)
    assert _ODD_SPACE_RE.findall(everything) == sorted(odd)
    assert _ZERO_WIDTH_RE.findall(everything) == sorted(zero)
    assert "".join(_NOT_PLAIN_RE.split(everything)) == (
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        + "".join(map(chr, range(0x4E00, 0xA000)))
    )
