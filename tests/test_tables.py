"""The tab and pipe table formats, on the seeds and on hand-made edge cases."""

from __future__ import annotations

import pytest
from tests.conftest import SEEDS

import gipparse
from gipparse import Cell, Row, Table
from gipparse.tables.pipe import MARKDOWN, PIPE
from gipparse.tables.tab import TAB


def parse_tab(text: str) -> gipparse.TableParse | None:
    return TAB.parse(text.split("\n"), 0)


def parse_pipe(text: str) -> gipparse.TableParse | None:
    return PIPE.parse(text.split("\n"), 0)


def table(*rows: tuple[str, ...], fmt: str = "tab", header_rows: int = 0) -> Table:
    return Table(tuple(Row(tuple(Cell(c) for c in r)) for r in rows), fmt, header_rows)


# -- seed 000 (tab) ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed000() -> gipparse.Report:
    return gipparse.load(SEEDS["000"])


def test_seed000_has_one_table_per_statutory_section(seed000: gipparse.Report) -> None:
    kinds = [(s.kind, len(s.tables)) for s in seed000.sections if s.tables]
    assert kinds == [("active_disclosure", 1), ("applications", 1), ("appeals", 1)]


def test_seed000_article_20_table_cells(seed000: gipparse.Report) -> None:
    (active,) = seed000.section("active_disclosure").tables
    assert active.format == "tab"
    assert active.texts == (
        ("第二十条第（一）项",),
        ("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"),
        ("规章", "0", "0", "0"),
        ("规范性文件", "0", "0", "0"),
        ("第二十条第（五）项",),
        ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
        ("行政许可", "2", "0", "7"),
        ("其他对外管理服务事项", "3", "0", "3"),
        ("第二十条第（六）项",),
        ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
        ("行政处罚", "128", "0", "10"),
        ("行政强制", "3", "0", "0"),
        ("第二十条第（八）项",),
        ("信息内容", "上一年项目数量", "本年增/减"),
        ("行政事业性收费", "0", "0"),
        ("第二十条第（九）项",),
        ("信息内容", "采购项目数量", "采购总金额（单位:万元）"),
        ("政府集中采购", "0", "0"),
    )
    header = active.rows[1]
    # The raw text keeps the continuation line; the normalised text joins it.
    assert [c.raw for c in header.cells] == [
        "信息内容",
        "本年新\n制作数量",
        "本年新\n公开数量",
        "对外公开总数量",
    ]
    assert header.cells[1].span == gipparse.Span(18, 2, 19, 5)
    assert active.rows[14].cells[2].raw == "0\xa0"  # NBSP kept as written


def test_seed000_new_applications_row(seed000: gipparse.Report) -> None:
    (applications,) = seed000.section("applications").tables
    row = next(r for r in applications.rows if r.cells[0].text.startswith("一、本年新收"))
    assert row.cells[0].text == "一、本年新收政府信息公开申请数量"
    values = row.cells[1:]
    assert [c.raw for c in values] == ["0\xa0", "0\xa0", "\xa00", "0", "0\xa0", "\xa00", "0"]
    assert [c.text for c in values] == ["0"] * 7
    assert [c.span.line for c in values if c.span] == list(range(108, 115))
    assert row.span == gipparse.Span(107, 1, 114, 3)


def test_seed000_merged_ranges_are_empty_cells(seed000: gipparse.Report) -> None:
    (applications,) = seed000.section("applications").tables
    assert [len(r) for r in applications.rows] == ([2, 4, 8, 8, 8, 9, 9] + [10] * 16 + [9, 9, 8])
    header = applications.rows[2]
    assert header.texts == (
        "",
        "",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "",
    )
    second_secret = applications.rows[8]
    assert second_secret.texts[:3] == ("", "", "2.其他法律行政法规禁止公开")


def test_seed000_appeals_table(seed000: gipparse.Report) -> None:
    (appeals,) = seed000.section("appeals").tables
    assert appeals.texts[0] == ("行政复议", "行政诉讼")
    assert appeals.texts[3] == ("0",) * 15


# -- seeds 003 and 004 (tab, damaged and split cells) -------------------------------------


def test_seed004_cell_continued_across_a_blank_line() -> None:
    report = gipparse.load(SEEDS["004"])
    (appeals,) = report.section("appeals").tables
    header = appeals.rows[1]
    assert [c.raw for c in header.cells] == [
        "结果\n\n维持",
        "结果纠正",
        "其他结果",
        "尚未\n\n审结",
        "总\n\n计",
        "未经复议直接起诉",
        "复议后起诉",
    ]
    assert header.texts[0] == "结果维持"
    assert header.cells[0].span == gipparse.Span(355, 2, 357, 3)
    # ...and the heading that follows the table (after two blank lines) is not swallowed.
    assert report.section("problems").heading.text == "五、政务信息公开工作存在的主要问题及改进情况"
    (applications,) = report.section("applications").tables
    assert applications.rows[0].cells[0].raw == (
        "（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）"
    )
    label = applications.rows[22].cells[2]
    assert label.text == "5.要求行政机关确认或重新出具已获取信息"


def test_seed004_full_width_spaces_in_values() -> None:
    report = gipparse.load(SEEDS["004"])
    (active,) = report.section("active_disclosure").tables
    assert [c.raw for c in active.rows[2].cells] == [
        "规章",
        "\u3000\u30000",
        "\xa0\u30000",
        "\u30000",
    ]
    assert active.rows[2].texts == ("规章", "0", "0", "0")
    assert active.texts[9] == ("行政处罚", "139")


def test_seed003_damaged_rows_keep_every_value() -> None:
    report = gipparse.load(SEEDS["003"])
    (applications,) = report.section("applications").tables
    rows = applications.rows
    # 三、本年度办理结果 lost its leaf label: the label cell and 8 values.
    assert rows[5].texts == ("三、本年度办理结果",) + ("0",) * 8
    assert rows[6].texts == ("",) + ("0",) * 8
    # Seven values lost their TAB (lines 147-153): each is a cell of its own.
    damaged = rows[7]
    assert damaged.texts == ("",) + ("0",) * 16
    assert [c.span.line for c in damaged.cells if c.span] == list(range(145, 162))
    assert [c.span.column for c in damaged.cells[2:9] if c.span] == [1] * 7
    lost_tab = [d for d in report.diagnostics if d.code == "tab.unindented-cell"]
    assert [d.line for d in lost_tab] == list(range(147, 154))
    assert all(d.severity is gipparse.Severity.WARNING for d in lost_tab)
    # The debris before a value is removed from the text, not from the raw cell.
    carried = rows[-1]
    assert carried.cells[2].raw == "[bookmark: _GoBack]\xa0\xa00"
    assert carried.texts == ("四、结转下年度继续办理",) + ("0",) * 7


# -- seed 001 (pipe) ---------------------------------------------------------------------


def test_seed001_pipe_rows() -> None:
    report = gipparse.load(SEEDS["001"])
    tables = report.tables
    assert [t.format for t in tables] == ["pipe"] * 3
    active, applications, appeals = tables
    assert [c.raw for r in active.rows[:4] for c in r.cells] == [
        "第二十條第(一)項",
        "信息內容", "本年新制作數量", "本年新公開數量", "對外公開總數量",
        "規(guī)章", "0", "0", "0",
        "規(guī)范性文件", "4", "4", "19",
    ]  # fmt: skip
    assert active.rows[10].texts == ("行政處罰", "97", "+11", "17")
    assert active.rows[17].texts == ("政府集中采購", "14", "3892431元")
    assert active.rows[5].texts == ("信息內容", "上一年項目數量", "本年增/減", "處理決定數量")
    assert [len(r) for r in applications.rows][:5] == [2, 3, 5, 8, 8]
    assert applications.rows[3].texts == ("一、本年新收政府信息公開申請數量",) + ("0",) * 7
    assert applications.rows[5].texts[:2] == ("三、本年度辦理結果", "(一)予以公開")
    assert (
        applications.rows[6].cells[0].raw
        == "(二)部分公開(區(qū)分處理的,只計這一情形,不計其他情形)"
    )
    assert (
        applications.rows[6].cells[0].text == "(二)部分公開(區分處理的,只計這一情形,不計其他情形)"
    )
    assert [len(r) for r in appeals.rows] == [2, 7, 10, 15]
    assert active.span == gipparse.Span(37, 1, 54, 25)
    assert appeals.rows[3].cells[0].span == gipparse.Span(86, 1, 86, 2)


# -- tab format edge cases ------------------------------------------------------------------


def test_tab_table_ends_at_two_blank_lines() -> None:
    lines = ["\ta", "\tb", "", "\tc", "", "", "next paragraph"]
    found = TAB.parse(lines, 0)
    assert found is not None
    assert found.table.texts == (("a", "b"), ("c",))
    assert found.end == 4


def test_tab_paragraph_after_one_blank_line_is_not_a_continuation() -> None:
    text = "\t标题\n\t0\n\n这是表格后面的一段说明文字，不属于表格。\n"
    report = gipparse.loads(text)
    assert report.tables[0].texts == (("标题", "0"),)
    assert [p.text for p in report.paragraphs] == ["这是表格后面的一段说明文字，不属于表格。"]


def test_tab_short_tail_line_continues_last_cell_but_heading_does_not() -> None:
    found = parse_tab("\t信息内容\n\t本年新\n制作数量")
    assert found is not None
    assert found.table.texts == (("信息内容", "本年新制作数量"),)
    report = gipparse.loads("\t信息内容\n\t本年新\n三、收到和处理政府信息公开申请情况\n正文")
    assert report.tables[0].texts == (("信息内容", "本年新"),)
    assert report.sections[-1].kind == "applications"


def test_tab_unindented_number_below_number_is_a_cell() -> None:
    found = parse_tab("\t1\n2\n\t3")
    assert found is not None
    assert found.table.texts == (("1", "2", "3"),)
    (diagnostic,) = found.diagnostics
    assert diagnostic.code == "tab.unindented-cell"
    assert diagnostic.line == 2


def test_tab_rows_read_line_by_line_read_alike_when_kept() -> None:
    """A row read line by line is kept with the lines its reading looked at: the same
    lines at the same place give the same row, whatever follows them."""
    import random

    from gipparse import caches as _caches

    rng = random.Random(3)
    pieces = ["\t1", "2", "3", "", "\t4", "\t", "结果", "维持", "x" * 30, "\t5", "", ""]
    texts = ["\n".join(rng.choice(pieces) for _ in range(rng.randrange(2, 14))) for _ in range(600)]
    texts = ["\t1\n2\n\t3", *texts, "\t1\n2", "\t1\n2\n", "\t1\n2\n\n\t3"]

    def parsed(text: str) -> tuple[object, ...]:
        lines = text.split("\n")
        found = [TAB.parse(lines, i) for i in range(len(lines))]
        return tuple(
            None
            if f is None
            else (f.table, [c.span for c in f.table.cells()], f.end, f.diagnostics)
            for f in found
        )

    _caches.clear()
    fresh = []
    for text in texts:
        _caches.clear()
        fresh.append(parsed(text))
    for _ in range(2):
        for text, expected in zip(texts, fresh, strict=True):
            assert parsed(text) == expected, text


def test_tab_lone_indented_line_is_a_paragraph() -> None:
    report = gipparse.loads("前言\n\t只有一行缩进的文字\n结尾\n")
    assert report.tables == ()
    assert [p.raw for p in report.paragraphs] == ["前言", "\t只有一行缩进的文字", "结尾"]


def test_tab_only_lines_are_empty_cells() -> None:
    found = parse_tab("\t\n\t\n\tx")
    assert found is not None
    assert [c.raw for c in found.table.rows[0].cells] == ["", "", "x"]


def test_tab_render() -> None:
    t = table(("信息内容", "本年新\n制作数量"), ("规章", "0"))
    assert TAB.render(t) == "\t信息内容\n\t本年新\n制作数量\n\n\t规章\n\t0"
    with pytest.raises(gipparse.RenderError, match="starts with a TAB"):
        TAB.render(table(("a\n\tb", "c")))
    with pytest.raises(gipparse.RenderError, match="empty row"):
        TAB.render(Table((Row(()),)))


# -- pipe format edge cases -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("a | b | c |", (("a", "b", "c"),)),
        ("| a | b | c |", (("a", "b", "c"),)),
        ("| a | b | c", (("a", "b", "c"),)),
        ("|a|b|", (("a", "b"),)),
        ("| a \\| b | c |", (("a | b", "c"),)),
        ("| a \\\\| b |", (("a \\", "b"),)),
        ("| 一<br>二 | x |", (("一\n二", "x"),)),
        ("|  | x |", (("", "x"),)),
        ("|   spaced   | x |", (("  spaced  ", "x"),)),
        ("| a | b |\n| c |\n| d | e | f |", (("a", "b"), ("c",), ("d", "e", "f"))),
    ],
)
def test_pipe_rows(text: str, rows: tuple[tuple[str, ...], ...]) -> None:
    found = parse_pipe(text)
    assert found is not None
    assert tuple(tuple(c.raw for c in r.cells) for r in found.table.rows) == rows


def test_pipe_separator_row_marks_header() -> None:
    found = parse_pipe("| 项目 | 数量 |\n| --- | :-: |\n| 规章 | 0 |")
    assert found is not None
    assert found.table.header_rows == 1
    assert found.table.texts == (("项目", "数量"), ("规章", "0"))
    assert found.end == 3


def test_pipe_rows_without_outer_pipes_need_a_separator() -> None:
    assert parse_pipe("a | b\nc | d") is None
    found = parse_pipe("a | b\n--- | ---\nc | d")
    assert found is not None
    assert found.table.texts == (("a", "b"), ("c", "d"))


def test_pipe_rows_interleaved_with_other_lines_form_separate_tables() -> None:
    text = "a | b |\n![图片](x.png)\nc | d |\n\n正文里有一个|竖线\n"
    report = gipparse.loads(text)
    assert [t.texts for t in report.tables] == [(("a", "b"),), (("c", "d"),)]
    assert [p.raw for p in report.paragraphs] == ["![图片](x.png)", "正文里有一个|竖线"]


def test_pipe_row_without_outer_pipes_continues_a_started_table() -> None:
    report = gipparse.loads("| a | b |\nc | d\n")
    assert [t.texts for t in report.tables] == [(("a", "b"), ("c", "d"))]


def test_pipe_render_escapes_syntax() -> None:
    t = table(("a|b", "c\\d", "e\nf", "<br>"), ("---", ":-:"), fmt="pipe")
    text = PIPE.render(t)
    assert text == "| a\\|b | c\\\\d | e<br>f | \\<br> |\n| \\--- | \\:-: |"
    found = parse_pipe(text)
    assert found is not None
    assert found.table == t


def test_markdown_render_adds_separator_and_reads_back_as_pipe() -> None:
    t = table(("项目", "数量"), ("规章", "0"), fmt="pipe")
    text = MARKDOWN.render(t)
    assert text == "| 项目 | 数量 |\n| --- | --- |\n| 规章 | 0 |"
    found = parse_pipe(text)
    assert found is not None
    assert found.table.header_rows == 1
    assert found.table.texts == t.texts


def test_table_equality_ignores_positions() -> None:
    a = Table((Row((Cell("x", gipparse.Span(1, 2, 1, 3)),), gipparse.Span(1, 1, 1, 3)),))
    b = Table((Row((Cell("x"),)),))
    assert a == b
    assert Cell("x") != Cell("x ")


def test_unknown_render_format_is_a_render_error() -> None:
    report = gipparse.loads("\ta\n\tb\n")
    with pytest.raises(gipparse.RenderError, match=r"unknown table format 'xlsx' \(known: "):
        gipparse.render_report(report, "xlsx")


def test_a_could_start_set_on_a_format_instance_is_asked_about_every_line() -> None:
    """Lines that neither start with a TAB nor hold a pipe are told paragraphs without
    asking the formats only while every format's ``could_start`` is a built-in one."""
    from gipparse.tables.blocks import split_blocks
    from gipparse.tables.tab import TabTableFormat

    lines = ["text", "", "\ta", "\tb", "x | y |"]
    asked: list[str] = []
    fmt = TabTableFormat()
    fmt.could_start = lambda line: bool(asked.append(line))  # type: ignore[method-assign,func-returns-value]
    blocks = split_blocks(lines, (fmt, PIPE), [])
    assert asked == ["text", "\ta", "\tb", "x | y |"]
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Paragraph", "Paragraph", "Table"]
    # A built-in could_start set on an instance says what the class's says.
    fmt.could_start = TAB.could_start  # type: ignore[method-assign]
    assert split_blocks(lines, (fmt, PIPE), []) == split_blocks(lines, (TAB, PIPE), [])
