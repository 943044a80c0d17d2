"""Traditional script: generated reports read the same in either script, and pinyin debris
is told from bracketed Latin text."""

from __future__ import annotations

import functools
import re

import attrs
import opencc
from hypothesis import example, given
from hypothesis import strategies as st
from tests.conftest import SEEDS
from tests.strategies import CJK, reports

import gipparse
from gipparse import Cell, Heading, Paragraph, Report, Row, Section, Table
from gipparse.tree.text import PINYIN_DEBRIS_RE, normalize_text


@functools.cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    return str(_s2t().convert(text))


# ---------------------------------------------------------------------------
# Whole reports as ASTs, every text converted to Traditional
# ---------------------------------------------------------------------------


def _traditional_block(block: Paragraph | Table) -> Paragraph | Table:
    if isinstance(block, Paragraph):
        return Paragraph(to_traditional(block.raw))
    rows = tuple(Row(tuple(Cell(to_traditional(c.raw)) for c in row.cells)) for row in block.rows)
    return attrs.evolve(block, rows=rows)


def traditional_report(report: Report) -> Report:
    sections = []
    for section in report.sections:
        heading = section.heading
        if heading is not None:
            heading = Heading(to_traditional(heading.raw), heading.kind)
        blocks = tuple(_traditional_block(b) for b in section.blocks)
        sections.append(Section(section.kind, heading, blocks))
    return Report(tuple(sections))


@given(reports())
def test_a_traditional_report_renders_and_loads_back_to_the_same_tree(report: Report) -> None:
    written = traditional_report(report)
    text = gipparse.render_report(written)
    loaded = gipparse.loads(text)
    assert loaded.sections == written.sections
    if any(s.heading is not None for s in written.sections):
        # every heading holds a Traditional-only character and conversion leaves no
        # Simplified-only one
        assert loaded.metadata.script == "hant"


# ---------------------------------------------------------------------------
# Seeds with other numbers and fewer paragraphs, read in both scripts
# ---------------------------------------------------------------------------

_NUMBER_RE = re.compile(r"(?<![\d.])\d+(?![\d.])")
_SIMPLIFIED_SEEDS = sorted(name for name in SEEDS if name != "001")


@functools.cache
def _seed(name: str) -> tuple[list[str], frozenset[int], tuple[int, ...]]:
    """The lines of seed *name*, the 0-based indices of its table lines, and those of its
    prose lines after the first heading (headings excluded)."""
    path = SEEDS[name]
    lines = path.read_text(encoding="utf-8").split("\n")
    report = gipparse.load(path)
    table_lines = frozenset(
        i
        for t in report.tables
        if t.span is not None
        for i in range(t.span.line - 1, t.span.end_line)
    )
    prose = tuple(
        p.span.line - 1
        for s in report.sections
        if s.heading is not None
        for p in s.paragraphs
        if p.span is not None
    )
    return lines, table_lines, prose


@st.composite
def seed_variants(draw: st.DrawFn) -> str:
    """A Simplified seed whose table numbers are redrawn and some prose lines dropped."""
    lines, table_lines, prose = _seed(draw(st.sampled_from(_SIMPLIFIED_SEEDS)))
    numbers = st.integers(0, 99_999).map(str)
    dropped = draw(st.sets(st.sampled_from(prose))) if prose else set()
    out = []
    for i, line in enumerate(lines):
        if i in table_lines:
            out.append(_NUMBER_RE.sub(lambda _: draw(numbers), line))
        elif i not in dropped:
            out.append(line)
    return "\n".join(out)


@given(seed_variants())
def test_a_report_reads_the_same_in_traditional(text: str) -> None:
    original = gipparse.loads(text)
    twin = gipparse.loads(to_traditional(text))
    assert original.metadata.script == "hans"
    assert twin.metadata.script == "hant"
    assert attrs.evolve(twin.metadata, script="hans") == original.metadata
    assert [s.kind for s in twin.sections] == [s.kind for s in original.sections]
    assert [[len(r) for r in t.rows] for t in twin.tables] == [
        [len(r) for r in t.rows] for t in original.tables
    ]
    assert twin.statistics == original.statistics
    assert [(d.code, d.line) for d in twin.diagnostics] == [
        (d.code, d.line) for d in original.diagnostics
    ]
    assert twin.valid == original.valid


# ---------------------------------------------------------------------------
# Pinyin debris
# ---------------------------------------------------------------------------

_INITIALS = ["", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x"]
_INITIALS += ["zh", "ch", "sh", "r", "z", "c", "s", "y", "w"]
_TONED_FINALS = ["ā", "á", "ǎ", "à", "ōu", "ài", "ēi", "áo", "īn", "ǐng", "ōng", "uán"]
_TONED_FINALS += ["iǎng", "uàng", "ǖ", "üè", "ér", "ù", "iè", "uō", "ián", "ēng", "ìn"]

toned_syllables = st.builds(str.__add__, st.sampled_from(_INITIALS), st.sampled_from(_TONED_FINALS))

#: Bracket contents without a tone mark: Latin words, digits, symbols, Chinese, ü.
untoned = st.text(
    st.one_of(
        st.characters(min_codepoint=0x21, max_codepoint=0x7E),
        CJK,
        st.sampled_from("üÀÉ "),
    ),
    max_size=12,
)


@given(CJK, toned_syllables, st.sampled_from(["()", "（）", "(）", "（)"]))
@example("區", "qū", "()")
def test_a_toned_syllable_after_a_han_character_is_debris(
    han: str, syllable: str, brackets: str
) -> None:
    text = f"前{han}{brackets[0]}{syllable}{brackets[1]}後"
    assert PINYIN_DEBRIS_RE.sub("", text) == f"前{han}後"
    assert normalize_text(text) == f"前{han}後"


@given(CJK, untoned)
@example("信", "app")
@example("件", "PDF")
@example("圖", "H5")
@example("區", "qu")
def test_bracketed_text_without_a_tone_mark_is_kept(han: str, inside: str) -> None:
    text = f"{han}({inside})"
    assert PINYIN_DEBRIS_RE.sub("", text) == text


@given(toned_syllables, st.sampled_from(["a", "1", " ", ")", "(", "", "》", "，"]))
def test_debris_needs_a_han_character_before_it(syllable: str, before: str) -> None:
    text = f"{before}({syllable})"
    assert PINYIN_DEBRIS_RE.sub("", text) == text


@functools.cache
def _one_pattern() -> re.Pattern[str]:
    """Pinyin debris as one regular expression (slow to compile): the definition that
    :class:`gipparse.tree.text.PinyinDebris` must agree with."""
    import unicodedata

    toned, marks = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ", "\u0300\u0301\u0304\u030c"
    han = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

    def tone(letters: str) -> str:
        out = []
        for letter in letters:
            t = "".join(c for c in toned if unicodedata.normalize("NFD", c)[0] == letter)
            out.append(f"[{letter}{t}][{marks}]?" if t else letter)
        return "".join(out)

    from gipparse.tree.text import _PINYIN_FINALS

    finals = _PINYIN_FINALS.split()
    return re.compile(
        f"[(（](?<=[{han}][(（])(?=[^)）]{{0,8}}[{toned}{marks}])"
        f"(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?(?:{'|'.join(map(tone, finals))})[)）]"
    )


_PINYIN_PIECES = st.sampled_from(
    [*"區a(（)）zhcsngiouüvrāáǎàēūǖǘǚǜíǐ\u0304\u030c\u0301", "qū", "chuàng", "lüè", "𫝈"]
)


@given(st.lists(_PINYIN_PIECES, max_size=14).map("".join))
@example("區(qu\u0304\u0304)")
@example("區(ǖ\u0304)")
@example("區(ü\u0304)")
@example("區(zhuāng)(qū)")
def test_debris_finder_agrees_with_one_regular_expression(text: str) -> None:
    reference = _one_pattern()
    assert PINYIN_DEBRIS_RE.sub("", text) == reference.sub("", text)
    found = [m.span() for m in PINYIN_DEBRIS_RE.finditer(text)]
    assert found == [m.span() for m in reference.finditer(text)]


def test_the_toned_vowels_bases_are_their_decompositions() -> None:
    import unicodedata

    from gipparse.tree.text import _TONED, _TONED_BASES

    assert "".join(unicodedata.normalize("NFD", t)[0] for t in _TONED) == _TONED_BASES
