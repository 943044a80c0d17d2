"""Patterns compiled ahead of time (:mod:`gipparse.patterns`) are the patterns ``re``
compiles, and the table of their code is current."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from gipparse import patterns
from gipparse.patterns import codes, codes_later, gen

#: Both tables (see gipparse.patterns).
TABLE = {**codes.CODES, **codes_later.CODES}


@pytest.mark.skipif(
    sys.version_info[:2] != codes.VERSION, reason="the table is written for another Python"
)
def test_the_table_is_what_gen_writes() -> None:
    folder = Path(codes.__file__).parent
    for name, text in gen.sources().items():
        assert (folder / name).read_text(encoding="utf-8") == text, (
            "run: python -m gipparse.patterns.gen src/gipparse/patterns"
        )


def test_import_reads_the_table_of_its_own_patterns_only() -> None:
    """``import gipparse`` finds the code of every pattern it compiles in :mod:`.codes`,
    and does not read the rest of the table; the first report does."""
    program = (
        "import sys, gipparse, gipparse.patterns as p\n"
        "print(sorted(p.ASKED) == sorted(p.codes.CODES), 'gipparse.patterns.codes_later' in "
        "sys.modules)\n"
        "gipparse.load(gipparse.sample_paths()[0])\n"
        "print('gipparse.patterns.codes_later' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["True", "False", "True"]
    assert not set(codes.CODES) & set(codes_later.CODES)


def test_the_table_is_used_on_the_interpreter_it_was_written_for() -> None:
    assert (
        sys.implementation.name == "cpython" and sys.version_info[:2] == codes.VERSION
    ) == patterns._USABLE


def test_every_pattern_asked_for_is_what_re_compiles() -> None:
    for name in gen._modules():
        __import__(name)
    asked = set(patterns.ASKED)
    assert ("[０-９－～]", 0) in asked
    assert asked <= set(TABLE) or not patterns._USABLE
    for pattern, flags in asked:
        ours, theirs = patterns.compile(pattern, flags), re.compile(pattern, flags)
        assert ours == theirs, pattern  # same pattern, flags and code
        assert (ours.groups, ours.groupindex) == (theirs.groups, theirs.groupindex)
        assert (ours is theirs) != patterns._USABLE  # made from the table, not by re


@pytest.mark.parametrize(("pattern", "flags"), [("(?P<a>x)y|z", 0), (b"[ab]+", re.I), ("q", re.M)])
def test_a_pattern_not_in_the_table_is_compiled_by_re(pattern: str | bytes, flags: int) -> None:
    assert (pattern, int(flags)) not in TABLE
    assert patterns.compile(pattern, flags) is re.compile(pattern, flags)


def test_a_compiled_pattern_matches_as_re_does() -> None:
    key = next(k for k in TABLE if isinstance(k[0], str) and "?P<" in k[0])
    ours, theirs = patterns.compile(*key), re.compile(*key)
    text = "统计期限为2020年1月1日至2020年12月31日，由某某局编制。（一）1. ０１"
    assert [m.groupdict() for m in ours.finditer(text)] == [
        m.groupdict() for m in theirs.finditer(text)
    ]


def test_other_interpreters_compile_with_re(monkeypatch: pytest.MonkeyPatch) -> None:
    key = next(iter(codes.CODES))
    monkeypatch.setattr(patterns, "_USABLE", False)
    assert patterns.compile(*key) is re.compile(*key)


def test_a_lazy_pattern_is_declared_at_once_and_compiled_once() -> None:
    """``patterns.lazy`` declares its pattern when called, so that ``gen`` writes its code,
    and compiles it at the first call of what it returns, once."""
    pattern = "(?P<lazy>懒)+|惰"
    assert (pattern, 0) not in patterns.ASKED
    compiled = patterns.lazy(pattern)
    assert (pattern, 0) in patterns.ASKED
    first = compiled()
    assert first is compiled()
    assert first == re.compile(pattern)
    assert first.groupindex == {"lazy": 1}


def test_the_patterns_a_common_report_never_uses_are_not_compiled() -> None:
    """Patterns a text report of the common kind does not use are compiled by
    ``patterns.lazy`` when first used: a load of sample 000 compiles none of these."""
    program = (
        "import gipparse, gipparse.patterns as p\n"
        "made = []\n"
        "compile = p.compile\n"
        "p.compile = lambda pattern, flags=0: made.append(pattern) or compile(pattern, flags)\n"
        "gipparse.load(gipparse.sample_paths()[0])\n"
        "seen = set(made)\n"
        "from gipparse.structure import metadata, sections\n"
        "from gipparse.tables import tab\n"
        "lazy = [*metadata._TITLE_RES, metadata._REPORT_RE, metadata._YEAR_PHRASE_RE,\n"
        "    metadata._FULLWIDTH_RE, sections._NUMERAL_RE, sections._DATE_LINE_RE,\n"
        "    sections._NOT_SIGNATURE_RE, tab._HEADING_LIKE_RE]\n"
        "print(sum(f().pattern in seen for f in lazy), len(seen) > 10)"
    )
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["0", "True"]
