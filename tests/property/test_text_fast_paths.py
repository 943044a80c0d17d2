"""The shortcuts of text normalisation (plain text returned as it is, printable text not
translated) give what the full normalisation gives, and folding normalised text only
drops its spaces (which heading recognition relies on to skip folding long lines)."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from gipparse.tree.text import (
    _SPACES_TO_ASCII,
    _WS_RUN_RE,
    DEBRIS_RE,
    _join_ws,
    _pinyin_debris_re,
    fold,
    normalize_text,
)

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
