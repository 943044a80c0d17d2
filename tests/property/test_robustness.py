"""Properties over hostile and damaged input: whatever the bytes, ``loads`` returns a
report or raises a ``GipparseError``, and a report never loses a line nor invents a
statistic.

Damaged input starts from the seed reports and applies one to three kinds of damage:
lines deleted, duplicated or swapped; the file cut at a random byte; random characters
injected into table cells; TABs turned into spaces; line ends changed; one line in GBK
inside UTF-8 (or the reverse); the whole report in UTF-16; random bytes overwritten.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import example, given
from hypothesis import strategies as st
from tests.conftest import SEEDS

import gipparse
from gipparse import GipparseError, Report, Table
from gipparse.cli import main as cli_main
from gipparse.source.decode import decode, split_lines

SEED_TEXTS = {key: path.read_text(encoding="utf-8") for key, path in sorted(SEEDS.items())}

# -- invariants ---------------------------------------------------------------------

_NUMBER_RE = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
#: Cells read as 0: blank, or a dash, /, \\, _ or 无 alone (the schema's rule, and the
#: value reader's documented marks).
ZERO_MARKS = frozenset({"", "—", "——", "–", "-", "--", "---", "－", "/", "\\", "_", "无", "無"})
#: The only derived keys of the contract: 2021's other_handling = the sum of its sub-rows.
_OTHER_HANDLING = "applications.other_handling."
_SUB_ROWS = ("no_correction", "unpaid_fee", "other")


#: ``1 000``: groups of three digits after one space (``.text`` has made NBSP a space).
_SPACE_GROUPED_RE = re.compile(r"(?<![0-9])[0-9]{1,3}(?: [0-9]{3})+(?![0-9])")


def numbers_in(text: str) -> set[Decimal]:
    """Every number written in *text*, signs and thousands separators read."""
    folded = text.translate(_FULL_WIDTH).replace("，", ",")
    found: set[Decimal] = set()
    for match in _NUMBER_RE.finditer(folded):
        value = Decimal(match.group().replace(",", ""))
        sign = folded[match.start() - 1 : match.start()]
        found.add(-value if sign in ("-", "−") else value)
    for match in _SPACE_GROUPED_RE.finditer(folded):
        found.add(Decimal(match.group().replace(" ", "")))
    return found


def cell_holds(value: int | Decimal, text: str) -> bool:
    """Does a cell whose normalised text is *text* hold *value*, as written or by a
    documented rule (zero marks, 元 written where the unit is 万元)?"""
    if value == 0 and text.strip() in ZERO_MARKS:
        return True
    numbers = numbers_in(text)
    if Decimal(value) in numbers:
        return True
    return "元" in text and any(n / 10000 == value for n in numbers)


def assert_nothing_invented(report: Report) -> int:
    """Every non-null statistic traces back to a cell that holds it, or is derived from
    statistics that do. Returns how many values were traced."""
    stats = report.statistics
    if stats is None:
        return 0
    traced = 0
    flat = stats.to_flat()
    sources: dict[str, Any] = stats.sources
    for key, value in flat.items():
        if value is None:
            continue
        if key in stats.derived:
            assert key.startswith(_OTHER_HANDLING), f"unexpected derived key {key}"
            column = key.removeprefix(_OTHER_HANDLING)
            parts = [flat[f"{_OTHER_HANDLING}{row}.{column}"] for row in _SUB_ROWS]
            assert None not in parts, (key, value, parts)
            assert value == sum(p for p in parts if p is not None), (key, value, parts)
            continue
        cell = sources.get(key)
        assert cell is not None, f"{key}={value!r} has no source cell"
        assert cell_holds(value, cell.text), f"{key}={value!r} is not in {cell.raw!r}"
        traced += 1
    return traced


def _spans(report: Report) -> list[tuple[int, int]]:
    found = []
    for section in report.sections:
        if section.heading is not None and section.heading.span is not None:
            found.append((section.heading.span.line, section.heading.span.end_line))
        for block in section.blocks:
            if isinstance(block, Table):
                spans = [block.span] + [c.span for c in block.cells()]
            else:
                spans = [block.span]
            found.extend((s.line, s.end_line) for s in spans if s is not None)
    found.extend((d.span.line, d.span.end_line) for d in report.diagnostics if d.span is not None)
    return found


def assert_nothing_lost(report: Report) -> None:
    """Every non-blank line of the source lies inside a node or a diagnostic, and every
    position points inside the source."""
    lines = split_lines(report.source)
    covered = bytearray(len(lines) + 2)
    for first, last in _spans(report):
        assert 1 <= first <= last <= len(lines), (first, last, len(lines))
        covered[first : last + 1] = b"\x01" * (last - first + 1)
    lost = [
        (i, line)
        for i, line in enumerate(lines, 1)
        if line.strip() and not line.isspace() and not covered[i]
    ]
    assert lost == [], lost[:5]


def check(data: str | bytes) -> Report | None:
    """Load *data*: a report or a GipparseError, nothing else; a report keeps every line
    and invents no statistic."""
    try:
        report = gipparse.loads(data)
    except GipparseError:
        return None
    assert_nothing_lost(report)
    assert_nothing_invented(report)
    return report


# -- arbitrary input ------------------------------------------------------------------

#: Fragments of every syntax gipparse reacts to, for generated text to hit them often.
SYNTAX = [
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\t\n",
    "|",
    " | ",
    "\\|",
    "\\",
    "<br>",
    "| --- |",
    ":-:",
    "\xa0",
    "\u3000",
    "\ufeff",
    "[bookmark: _GoBack]",
    "[bookmark:",
    "區(qū)",
    "一、",
    "（一）",
    "1.",
    "总体情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "第二十条第（一）项",
    "本年新收政府信息公开申请数量",
    "自然人",
    "总计",
    "0",
    "１２",
    "+11",
    "-3",
    "3892431元",
    "389.2431",
    "—",
    "无",
    "2020年",
]

text_input = st.text(
    alphabet=st.characters(codec="utf-8") | st.sampled_from("\t\n|\\\xa0\u3000一二三四"),
) | st.lists(st.sampled_from(SYNTAX) | st.text(max_size=3), max_size=60).map("".join)


@given(text_input)
@example("\t")
@example("\t1\n2\n")
@example("|")
@example("| a |\n|---|\n| b |")
@example("[bookmark:" * 50)
@example("\x00")
def test_arbitrary_text_loads_or_raises_a_gipparse_error(text: str) -> None:
    check(text)


@given(st.binary(max_size=2000) | text_input.map(lambda t: t.encode("utf-8")))
@example(b"\xff\xfe")
@example(b"\xfe\xff\x00")
@example(b"\xef\xbb\xbf")
@example(b"\x00\x00\xfe\xff")
@example(b"PK\x03\x04")
@example(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
@example(b"%PDF-")
@example(b"BM" + bytes(30))
@example(b"MZ" + b"\xff" * 70)
def test_arbitrary_bytes_load_or_raise_a_gipparse_error(data: bytes) -> None:
    check(data)


# -- damaged seeds --------------------------------------------------------------------


@attrs.define
class Damaged:
    """A seed report being damaged: its lines, line ends and per-line encodings."""

    lines: list[str]
    line_end: Callable[[int], str] = lambda i: "\n"
    encoding: str = "utf-8"
    other_encoding_lines: set[int] = attrs.field(factory=set)

    def to_bytes(self) -> bytes:
        if self.encoding == "utf-16":
            return "".join(line + self.line_end(i) for i, line in enumerate(self.lines)).encode(
                "utf-16", errors="surrogatepass"
            )
        other = "gbk" if self.encoding == "utf-8" else "utf-8"
        out = []
        for i, line in enumerate(self.lines):
            wanted = other if i in self.other_encoding_lines else self.encoding
            out.append(line.encode(wanted, errors="replace") + self.line_end(i).encode())
        return b"".join(out)


Damage = Callable[[st.DrawFn, Damaged], None]

INJECTED = st.lists(
    st.sampled_from(
        [
            *"0123456789０１２３４５６７８９|\t\\\xa0\u3000 —/无-+.,，元万件\x00\x07\x1b\ufffd",
            *["<br>", "[bookmark:", "一、", "（二）", "\u202e", "\U0001f600", "\n"],
        ]
    ),
    min_size=1,
    max_size=6,
).map("".join)


def _index(draw: st.DrawFn, d: Damaged) -> int:
    return draw(st.integers(0, max(0, len(d.lines) - 1)))


def delete_lines(draw: st.DrawFn, d: Damaged) -> None:
    i, k = _index(draw, d), draw(st.integers(1, 12))
    del d.lines[i : i + k]


def duplicate_lines(draw: st.DrawFn, d: Damaged) -> None:
    i, k = _index(draw, d), draw(st.integers(1, 12))
    d.lines[i:i] = d.lines[i : i + k]


def swap_lines(draw: st.DrawFn, d: Damaged) -> None:
    i, j = _index(draw, d), _index(draw, d)
    if d.lines:
        d.lines[i], d.lines[j] = d.lines[j], d.lines[i]


def inject_into_cells(draw: st.DrawFn, d: Damaged) -> None:
    cells = [i for i, line in enumerate(d.lines) if line.startswith("\t") or "|" in line]
    for _ in range(draw(st.integers(1, 4))):
        if not cells:
            return
        i = draw(st.sampled_from(cells))
        line = d.lines[i]
        at = draw(st.integers(0, len(line)))
        d.lines[i] = line[:at] + draw(INJECTED) + line[at:]


def tabs_to_spaces(draw: st.DrawFn, d: Damaged) -> None:
    i, k = _index(draw, d), draw(st.integers(1, 200))
    spaces = draw(st.sampled_from(["", " ", "    ", "\u3000"]))
    for j in range(i, min(i + k, len(d.lines))):
        d.lines[j] = d.lines[j].replace("\t", spaces)


def change_line_ends(draw: st.DrawFn, d: Damaged) -> None:
    mode = draw(st.sampled_from(["\r\n", "\r", "mixed"]))
    if mode == "mixed":
        ends = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=1, max_size=8))
        d.line_end = lambda i: ends[i % len(ends)]
    else:
        d.line_end = lambda i: mode


def one_line_in_another_encoding(draw: st.DrawFn, d: Damaged) -> None:
    if draw(st.booleans()):
        d.encoding = "gb18030"
    d.other_encoding_lines.add(_index(draw, d))


def in_utf16(draw: st.DrawFn, d: Damaged) -> None:
    d.encoding = "utf-16"


DAMAGE: list[Damage] = [
    delete_lines,
    duplicate_lines,
    swap_lines,
    inject_into_cells,
    tabs_to_spaces,
    change_line_ends,
    one_line_in_another_encoding,
    in_utf16,
]


@st.composite
def damaged_seeds(draw: st.DrawFn) -> bytes:
    key = draw(st.sampled_from(sorted(SEED_TEXTS)))
    damaged = Damaged(SEED_TEXTS[key].split("\n"))
    for damage in draw(st.lists(st.sampled_from(DAMAGE), min_size=1, max_size=3)):
        damage(draw, damaged)
    data = damaged.to_bytes()
    if draw(st.booleans()):  # byte-level damage: cut the file, or overwrite bytes
        at = draw(st.integers(0, len(data)))
        if draw(st.booleans()):
            data = data[:at]
        else:
            junk = draw(st.binary(min_size=1, max_size=4))
            data = data[:at] + junk + data[at + len(junk) :]
    return data


def _seed_with_cell(key: str, label: str, cell: str) -> str:
    """Seed *key* with the first value cell of the row labelled *label* replaced."""
    lines = SEED_TEXTS[key].split("\n")
    at = next(i for i, line in enumerate(lines) if label in line) + 1
    return "\n".join([*lines[:at], "\t" + cell, *lines[at + 1 :]])


@given(damaged_seeds())
# Found by this property: the debris between two numbers was taken out before the
# whitespace beside it could tell them apart, and the cell read as 10.
@example(
    _seed_with_cell("000", "本年新收政府信息公开申请数量", "1[bookmark: _GoBack]\xa0\xa00").encode()
)
def test_damaged_reports_load_or_raise_a_gipparse_error(data: bytes) -> None:
    check(data)


@given(damaged_seeds())
def test_damage_stays_on_its_line_and_is_named(data: bytes) -> None:
    """Decoding a damaged file reads every line as written in the source's encoding,
    except the lines a ``source.*`` diagnostic names, which are read in the other
    encoding or with U+FFFD for the bad bytes, as the diagnostic says."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16: its line ends are not the bytes split here
    try:
        text, encoding, diagnostics = decode(data)
    except GipparseError:
        return
    other = {"utf-8": "gb18030", "gb18030": "utf-8"}[encoding]
    named = {d.line: d.code for d in diagnostics}
    raw_lines = re.split(rb"\r\n|\r|\n", data)
    text_lines = split_lines(text)
    assert len(raw_lines) == len(text_lines)
    for number, (raw, line) in enumerate(zip(raw_lines, text_lines, strict=True), 1):
        code = named.get(number)
        if code is None:
            assert raw.decode(encoding) == line, number
        elif code == "source.mixed-encoding":
            assert raw.decode(other) == line, number
        else:
            assert code == "source.invalid-bytes"
            assert raw.decode(encoding, errors="replace") == line, number


def test_seeds_pass_the_invariants() -> None:
    """The invariants hold on the seeds, and are not vacuous: the statistics of every
    seed that has them are traced value by value."""
    traced = {}
    for key, text in SEED_TEXTS.items():
        report = check(text)
        assert report is not None
        traced[key] = assert_nothing_invented(report)
    assert all(traced[k] >= 150 for k in ("000", "002", "003", "004")), traced


def test_numbers_on_two_lines_of_a_cell_are_never_joined() -> None:
    """``０`` on one line and ``1`` on the next are two numbers, not 10 (found by the
    damaged-seed property: full-width digits are wide, and normalising joins wide
    characters across a line break)."""
    lines = SEED_TEXTS["000"].split("\n")
    at = next(i for i, line in enumerate(lines) if "本年新收政府信息公开申请数量" in line) + 1
    assert lines[at] == "\t0\xa0"  # the natural_person cell

    def with_cell(cell: str) -> Report:
        return gipparse.loads("\n".join([*lines[:at], "\t" + cell, *lines[at + 1 :]]))

    for cell in (
        "\xa00\n０1\t\xa00",
        "１\n０",
        "1\t000",
        "1\n000",
        "1[bookmark: _GoBack]\xa0\xa00",
    ):
        report = with_cell(cell)
        assert _flat(report)["applications.new.natural_person"] is None, cell
        codes = {d.code for d in report.diagnostics}
        assert codes & {"value.unreadable", "tab.unindented-cell"}, (cell, codes)
    unreadable = [
        d.message
        for d in with_cell("1[bookmark: _GoBack]\xa0\xa00").diagnostics
        if d.code == "value.unreadable"
    ]
    assert any("holds several numbers" in m for m in unreadable), unreadable
    assert _flat(with_cell("1 000"))["applications.new.natural_person"] == 1000
    assert _flat(with_cell("１\xa0０００"))["applications.new.natural_person"] == 1000


# -- the command line ------------------------------------------------------------------


def run_cli(*args: str) -> tuple[int, str]:
    """Run ``gipparse`` in this process: ``(exit status, stdout and stderr)``."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli_main(list(args))
    out.flush()
    return status, out.buffer.getvalue().decode("utf-8") + err.getvalue()  # type: ignore[attr-defined]


@given(st.binary(max_size=2000) | damaged_seeds())
def test_the_command_line_reads_anything_without_a_traceback(data: bytes) -> None:
    """Each command that reads a report exits 0 or 1 on any bytes; nothing escapes."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "report.txt")
        with open(path, "wb") as f:
            f.write(data)
        for command in (
            ("validate", "--no-progress", path),
            ("export", "--no-progress", "--format", "jsonl", path),
            ("parse", path),
            ("render", "--to", "pipe", path),
        ):
            status, said = run_cli(*command)
            assert status in (0, 1), (command, status, said[-500:])
            assert path in said or status == 0


# -- damage is diagnosed, and never shifts a value ------------------------------------

BASELINE = {key: gipparse.loads(text) for key, text in SEED_TEXTS.items()}
TAB_SEEDS = sorted(
    k for k, r in BASELINE.items() if r.statistics is not None and r.tables[0].format == "tab"
)


def _flat(report: Report) -> dict[str, Any]:
    assert report.statistics is not None
    return report.statistics.to_flat()


def _damage_one_line(lines: list[str], i: int, how: str) -> list[str]:
    if how == "delete":
        return lines[:i] + lines[i + 1 :]
    if how == "duplicate":
        return lines[: i + 1] + lines[i:]
    if how == "blank line before":
        return [*lines[:i], "", *lines[i:]]
    assert how == "lose the TAB"
    return [*lines[:i], lines[i].lstrip("\t"), *lines[i + 1 :]]


def _new_findings(report: Report, baseline: Report) -> list[gipparse.Diagnostic]:
    old = {(d.code, d.message) for d in baseline.diagnostics}
    return [
        d
        for d in report.diagnostics
        if (d.code, d.message) not in old and not d.code.startswith("relation.unchecked")
    ]


@given(st.data())
def test_one_damaged_table_line_never_shifts_a_value(data: st.DataObject) -> None:
    """Delete, duplicate or un-indent one line of a table, or put a blank line before it:
    every statistic that still has a value has the value it had, and every statistic
    lost is explained by a diagnostic the undamaged report did not have."""
    key = data.draw(st.sampled_from(TAB_SEEDS))
    lines = SEED_TEXTS[key].split("\n")
    i = data.draw(st.sampled_from([k for k, line in enumerate(lines) if line[:1] == "\t"]))
    how = data.draw(st.sampled_from(["delete", "duplicate", "blank line before", "lose the TAB"]))
    report = gipparse.loads("\n".join(_damage_one_line(lines, i, how)))
    before, after = _flat(BASELINE[key]), _flat(report)
    shifted = {k: (before[k], v) for k, v in after.items() if v is not None and v != before[k]}
    assert shifted == {}
    lost = [k for k, v in after.items() if v is None and before[k] is not None]
    if lost:
        assert _new_findings(report, BASELINE[key]), f"{lost[:3]} lost without a word"


def _lines(key: str) -> list[str]:
    return SEED_TEXTS[key].split("\n")


def _find(lines: list[str], text: str, start: int = 0) -> int:
    return next(i for i in range(start, len(lines)) if text in lines[i])


def _unchanged_except(report: Report, key: str, prefixes: tuple[str, ...]) -> dict[str, Any]:
    """The statistics of *report* that differ from the undamaged seed's, outside keys
    starting with one of *prefixes*."""
    before, after = _flat(BASELINE[key]), _flat(report)
    return {
        k: (before[k], v) for k, v in after.items() if v != before[k] and not k.startswith(prefixes)
    }


def test_a_report_cut_short_says_which_sections_and_tables_are_missing() -> None:
    lines = _lines("000")
    cut = _find(lines, "四、政府信息公开行政复议、行政诉讼情况")
    report = gipparse.loads("\n".join(lines[:cut]))
    after = "; the report may be cut short after 三、收到和处理政府信息公开申请情况"
    assert [d.message for d in report.diagnostics if d.code == "section.missing"] == [
        "no 四、政府信息公开行政复议、行政诉讼情况 section (appeals)" + after,
        "no 五、存在的主要问题及改进情况 section (problems)" + after,
        "no 六、其他需要报告的事项 section (other)" + after,
    ]
    missing = [d.message for d in report.diagnostics if d.code == "template.missing-table"]
    assert len(missing) == 1
    assert "政府信息公开行政复议、行政诉讼情况" in missing[0]
    assert all(v is None for k, v in _flat(report).items() if k.startswith("appeals."))
    assert _unchanged_except(report, "000", ("appeals.",)) == {}


def test_a_report_cut_inside_a_table_names_the_rows_it_lost() -> None:
    lines = _lines("000")
    cut = _find(lines, "（三）不予公开")
    report = gipparse.loads("\n".join(lines[:cut]))
    (lost,) = [d.message for d in report.diagnostics if d.code == "table.missing-row"]
    assert "1.属于国家秘密" in lost
    assert "2.其他法律行政法规禁止公开" in lost
    assert _flat(report)["applications.withheld.state_secret.total"] is None
    assert _flat(report)["applications.total.total"] is None
    kept = ("applications.new.", "applications.carried_over.", "applications.granted.")
    assert all(
        _flat(report)[k] == _flat(BASELINE["000"])[k] for k in _flat(report) if k.startswith(kept)
    )


def test_a_missing_cell_is_named_with_its_row_and_shifts_nothing() -> None:
    lines = _lines("000")
    row = _find(lines, "（二）部分公开")
    del lines[row + 3]
    report = gipparse.loads("\n".join(lines))
    (found,) = [d for d in report.diagnostics if d.code == "table.missing-cell"]
    assert found.line == row  # the row opens with an empty merged cell above its label
    assert found.message.startswith("（二）部分公开")
    assert "6 value cell(s) for 7 column(s)" in found.message
    assert all(v is None for k, v in _flat(report).items() if k.startswith("applications.partial."))
    assert _unchanged_except(report, "000", ("applications.partial.",)) == {}


def test_a_missing_row_is_named() -> None:
    lines = _lines("000")
    row = _find(lines, "\t行政强制")
    del lines[row : row + 5]  # the label, its three values and the blank line
    report = gipparse.loads("\n".join(lines))
    (found,) = [d.message for d in report.diagnostics if d.code == "table.missing-row"]
    assert "行政强制" in found
    assert all(v is None for k, v in _flat(report).items() if k.startswith("active.coercion."))
    assert _unchanged_except(report, "000", ("active.coercion.",)) == {}
