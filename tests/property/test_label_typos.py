"""Row labels with one typo: ``within_one_edit`` says what the ``regex`` pattern
``(?:LABEL){e<=1}`` (what the template engine asked ``regex`` before) says of a key in
full, on the templates' label keys edited once, twice or not at all, and on any text."""

from __future__ import annotations

import functools
from typing import Any

import regex
from hypothesis import example, given
from hypothesis import strategies as st
from tests import strategies

import gipparse
from gipparse.templates.engine import within_one_edit

_KEYS = sorted(
    {
        k
        for t in gipparse.create_plugin_manager(entry_points=False).templates()
        for m in t._matchers
        for ks in m._variants
        for k in ks
        if len(k) >= 4
    }
)
_ALPHABET = sorted({*"".join(_KEYS), *"xy1"})


@functools.cache
def _definition(label: str) -> Any:
    return regex.compile(f"(?:{regex.escape(label)}){{e<=1}}")


def edited(source: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(source).flatmap(lambda text: strategies.edited(text, _ALPHABET))


@given(st.sampled_from(_KEYS), edited(_KEYS))
@example("依申请公开", "依申请公开")
@example("依申请公开", "依申请公")
@example("依申请公开", "依申请请公开")
@example("依申请公开", "依申情公开")
@example("依申请公开", "申请公开依")
@example("abcd", "abdc")
def test_one_edit_is_what_the_fuzzy_pattern_says(label: str, key: str) -> None:
    assert within_one_edit(label, key) == (_definition(label).fullmatch(key) is not None)


@given(st.text("ab公开c", max_size=7), st.text("ab公开c", max_size=7))
def test_one_edit_on_any_text(label: str, key: str) -> None:
    assert within_one_edit(label, key) == (_definition(label).fullmatch(key) is not None)
