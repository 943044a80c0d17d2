"""Hypothesis strategies for tables and reports built as ASTs, not as text.

The domains are those each format can represent (see the format modules' docstrings):

* pipe: any cell text without a carriage return (the reader turns CR into line ends),
  including pipes, backslashes, tabs, ``<br>``, dashes, leading and trailing spaces and
  line breaks; rows of any non-zero length; ragged rows; header rows.
* tab: no escapes exist, so the generator keeps to what an export can say: a cell's first
  line is any text; continuation lines are non-blank, do not start with a TAB, hold a
  letter (a bare number below a bare number is read as a cell that lost its TAB), and
  only cells before the last one of the table have them; a table holds two cells or more.
"""

from __future__ import annotations

from hypothesis import strategies as st

from gipparse import Cell, Heading, Paragraph, Report, Row, Section, SectionKind, Table
from gipparse.structure.sections import heading_kind
from gipparse.tree.text import fold

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
AWKWARD = st.sampled_from([" ", "\u3000", "\xa0", "\t", "|", "\\", "-", ":", "<", ">", "０", "—"])
CHARS = st.one_of(CJK, ASCII, AWKWARD)
LETTER = st.one_of(CJK, st.characters(min_codepoint=ord("a"), max_codepoint=ord("z")))

line_text = st.text(CHARS, max_size=10)


@st.composite
def pipe_cell_text(draw: st.DrawFn) -> str:
    return "\n".join(draw(st.lists(line_text, min_size=1, max_size=3)))


@st.composite
def pipe_tables(draw: st.DrawFn) -> Table:
    rows = draw(
        st.lists(
            st.lists(pipe_cell_text(), min_size=1, max_size=6).map(
                lambda texts: Row(tuple(Cell(t) for t in texts))
            ),
            min_size=1,
            max_size=6,
        )
    )
    header_rows = draw(st.integers(0, len(rows)))
    return Table(tuple(rows), "pipe", header_rows)


@st.composite
def continuation_line(draw: st.DrawFn) -> str:
    before = draw(st.text(CHARS, max_size=4).filter(lambda s: not s.startswith("\t")))
    return before + draw(LETTER) + draw(st.text(CHARS, max_size=4))


@st.composite
def tab_tables(draw: st.DrawFn) -> Table:
    shape = draw(st.lists(st.integers(1, 6), min_size=1, max_size=6).filter(lambda s: sum(s) >= 2))
    total = sum(shape)
    texts = []
    for k in range(total):
        first = draw(line_text)
        rest = draw(st.lists(continuation_line(), max_size=2)) if k < total - 1 else []
        texts.append("\n".join([first, *rest]))
    rows, k = [], 0
    for width in shape:
        rows.append(Row(tuple(Cell(t) for t in texts[k : k + width])))
        k += width
    return Table(tuple(rows), "tab")


# -- whole reports ---------------------------------------------------------------------------

HEADINGS = {
    SectionKind.OVERVIEW: "一、总体情况",
    SectionKind.ACTIVE_DISCLOSURE: "二、主动公开政府信息情况",
    SectionKind.APPLICATIONS: "三、收到和处理政府信息公开申请情况",
    SectionKind.APPEALS: "四、政府信息公开行政复议、行政诉讼情况",
    SectionKind.PROBLEMS: "五、存在的主要问题及改进情况",
    SectionKind.OTHER: "六、其他需要报告的事项",
}

# Prose as reports write it: Chinese text with digits and punctuation, never starting
# with a TAB, without pipes (a line with an outer pipe would be a table row), and not
# within one typo of a section heading (it would rightly be read as one).
PROSE_CHARS = st.one_of(CJK, st.sampled_from("0123456789，。、；：“”（）《》 ·%abc"))
prose = st.text(PROSE_CHARS, min_size=1, max_size=40).filter(
    lambda s: s.strip() and not s[0].isspace() and heading_kind(fold(s)) is None
)


@st.composite
def reports(draw: st.DrawFn, table_format: str | None = None) -> Report:
    """A report AST: a preamble and some of the six sections in order, prose and tables."""
    fmt = table_format or draw(st.sampled_from(["tab", "pipe"]))
    tables = tab_tables() if fmt == "tab" else pipe_tables()
    kinds = draw(st.lists(st.sampled_from(list(HEADINGS)), unique=True, max_size=6))
    kinds.sort(key=list(HEADINGS).index)
    sections = []
    preamble = draw(st.lists(prose.map(Paragraph), max_size=2))
    if preamble:
        sections.append(Section("preamble", None, tuple(preamble)))
    for kind in kinds:
        blocks = draw(st.lists(st.one_of(prose.map(Paragraph), tables), max_size=4))
        sections.append(Section(kind.value, Heading(HEADINGS[kind], kind.value), tuple(blocks)))
    if not sections:
        sections.append(Section("preamble", None, (Paragraph(draw(prose)),)))
    return Report(tuple(sections))


@st.composite
def edited(draw: st.DrawFn, text: str, alphabet: list[str]) -> str:
    """*text* with up to two edits drawn from *alphabet*: inserted, deleted or replaced
    characters (none at all, too)."""
    chars = list(text)
    for _ in range(draw(st.integers(0, 2))):
        op = draw(st.integers(0, 2))
        i = draw(st.integers(0, len(chars)))
        if op == 0:
            chars.insert(i, draw(st.sampled_from(alphabet)))
        elif chars:
            i = min(i, len(chars) - 1)
            if op == 1:
                del chars[i]
            else:
                chars[i] = draw(st.sampled_from(alphabet))
    return "".join(chars)
