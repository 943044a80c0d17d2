"""Headings with one typo: ``OneEdit`` says what the ``regex`` pattern with ``{e<=1}``
(the definition) says, on headings edited once, twice or not at all."""

from __future__ import annotations

import functools
from typing import Any

import regex
from hypothesis import example, given
from hypothesis import strategies as st
from tests import strategies

from gipparse.structure import sections


@functools.cache
def _definition() -> tuple[tuple[Any, Any], ...]:
    return tuple(
        (kind, regex.compile(f"(?:{sections._NUMERAL}(?:{body})){{e<=1}}", regex.BESTMATCH))
        for kind, body in sections.SECTION_HEADINGS
    )


_BODIES = sorted(b for _, p in sections._fuzzy_patterns() for b in p.bodies)
_ALPHABET = sorted({*"".join(_BODIES), *sections._NUMERAL_CHARACTERS, *"x;:、 "})


@st.composite
def edited_headings(draw: st.DrawFn) -> str:
    numeral = draw(st.sampled_from(["", "一,", "十二.", "3,", "12.", "一", "二十", "1"]))
    return draw(strategies.edited(numeral + draw(st.sampled_from(_BODIES)), _ALPHABET))


@given(edited_headings())
@example("一,总休情况")
@example("二十总体情况")
@example("一;其他需要报告的事项")
@example("x一,概述")
@example("")
def test_one_edit_agrees_with_the_fuzzy_regex(text: str) -> None:
    for (kind, pattern), (same, one_edit) in zip(
        _definition(), sections._fuzzy_patterns(), strict=True
    ):
        assert kind is same
        assert one_edit.fullmatch(text) == bool(pattern.fullmatch(text)), (text, kind)


def test_every_body_of_a_kind_is_expanded() -> None:
    sizes = {kind.value: len(p.bodies) for kind, p in sections._fuzzy_patterns()}
    # (政府信息公开(工作)?)? × (总体情况|概述|概况); the others likewise.
    assert sizes["overview"] == 9
    assert sizes["other"] == 4
    assert all(sections._EXACT_RE.fullmatch(b) for b in _BODIES)
