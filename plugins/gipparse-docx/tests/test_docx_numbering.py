"""Word's list numbering: the numbers Word prints before numbered paragraphs."""

from __future__ import annotations

import io
import zipfile

import pytest

import gipparse
from gipparse import Paragraph

gipparse_docx = pytest.importorskip("gipparse_docx")
docx = pytest.importorskip("docx")
format_number = pytest.importorskip("gipparse_docx._numbering").format_number

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = f'xmlns:w="{_W}"'


def lvl(level: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{level}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'{extra}<w:lvlText w:val="{text}"/></w:lvl>'
    )


#: An outline list as Chinese reports number their headings: 一、 （一） 1. (1),
#: every level followed by nothing.
OUTLINE = (
    lvl(0, "chineseCountingThousand", "%1、", extra='<w:suff w:val="nothing"/>')
    + lvl(1, "chineseCounting", "（%2）", extra='<w:suff w:val="nothing"/>')
    + lvl(2, "decimal", "%3.", extra='<w:suff w:val="nothing"/>')
    + lvl(3, "decimal", "(%4)", extra='<w:suff w:val="nothing"/>')
)


def numbering(abstracts: dict[int, str], nums: dict[int, str]) -> str:
    """``word/numbering.xml`` with abstract numberings ``{id: levels}`` and numberings
    ``{numId: "abstractNumId[ and overrides]"}``."""
    parts = [
        f'<w:abstractNum w:abstractNumId="{i}">{levels}</w:abstractNum>'
        for i, levels in abstracts.items()
    ]
    for num_id, spec in nums.items():
        abstract, _, overrides = spec.partition(" ")
        parts.append(
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{overrides}</w:num>'
        )
    xml = "".join(parts)
    return f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {_NS}>{xml}</w:numbering>'


def np(text: str, num: int | None = None, level: int | None = None, style: str = "") -> str:
    """A paragraph, numbered by its own ``w:numPr`` or its style."""
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None or level is not None:
        props += "<w:numPr>"
        props += "" if level is None else f'<w:ilvl w:val="{level}"/>'
        props += "" if num is None else f'<w:numId w:val="{num}"/>'
        props += "</w:numPr>"
    return f'<w:p><w:pPr>{props}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def make(body: str, numbering_xml: str, styles: str = "") -> bytes:
    """A document with *body*, its numbering part replaced by *numbering_xml*, and the
    paragraph styles *styles* (``w:style`` elements) added."""
    from docx.oxml import parse_xml

    document = docx.Document()
    section = document.element.body[-1]
    for element in list(parse_xml(f"<w:body {_NS}>{body}</w:body>")):
        section.addprevious(element)
    out = io.BytesIO()
    document.save(out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts["word/numbering.xml"] = numbering_xml.encode()
    if styles:
        xml = parts["word/styles.xml"].decode()
        parts["word/styles.xml"] = xml.replace("</w:styles>", styles + "</w:styles>").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def read(data: bytes) -> gipparse.SourceDocument:
    doc = gipparse_docx.plugin.gipparse_read_source(path="report.docx", data=data)
    assert doc is not None
    return doc


def lines(data: bytes) -> list[str]:
    return [b.raw for b in read(data).blocks or () if isinstance(b, Paragraph)]


def test_levels_count_and_restart_the_levels_below() -> None:
    body = (
        np("总体情况", 1, 0)
        + np("主动公开", 1, 1)
        + np("依申请公开", 1, 1)
        + np("平台", 1, 2)
        + np("网站", 1, 3)
        + np("微博", 1, 3)
        + np("政务新媒体", 1, 2)
        + np("主动公开政府信息情况", 1, 0)
        + np("制度", 1, 1)
        + np("不是列表")
        + np("监督", 1, 1)
    )
    assert lines(make(body, numbering({0: OUTLINE}, {1: "0"}))) == [
        "一、总体情况",
        "（一）主动公开",
        "（二）依申请公开",
        "1.平台",
        "(1)网站",
        "(2)微博",
        "2.政务新媒体",
        "二、主动公开政府信息情况",
        "（一）制度",
        "不是列表",
        "（二）监督",
    ]


def test_a_level_shows_the_numbers_of_the_levels_above() -> None:
    levels = lvl(0, "decimal", "%1.") + lvl(1, "decimal", "%1.%2", extra='<w:suff w:val="space"/>')
    body = np("甲", 1, 0) + np("乙", 1, 1) + np("丙", 1, 1) + np("丁", 1, 0) + np("戊", 1, 1)
    assert lines(make(body, numbering({0: levels}, {1: "0"}))) == [
        "1.\t甲",  # a TAB follows the number unless w:suff says otherwise
        "1.1 乙",
        "1.2 丙",
        "2.\t丁",
        "2.1 戊",
    ]


def test_numberings_of_one_list_share_counters_and_a_start_override_restarts() -> None:
    # numIds 1 and 2 are the same list: 2 continues 1. numId 3 restarts it at 1, as Word
    # writes "restart numbering"; 4 sets the value to 五 ("set numbering value").
    nums = {
        1: "0",
        2: "0",
        3: '0 <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>',
        4: '0 <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>',
    }
    body = (
        np("a", 1, 0)
        + np("b", 1, 0)
        + np("c", 2, 0)
        + np("d", 3, 0)
        + np("e", 3, 0)
        + np("f", 1, 0)
        + np("g", 4, 0)
        + np("h", 4, 0)
    )
    assert lines(make(body, numbering({0: OUTLINE}, nums))) == [
        "一、a",
        "二、b",
        "三、c",
        "一、d",
        "二、e",
        "三、f",
        "五、g",
        "六、h",
    ]


def test_a_level_overridden_whole_and_a_start_other_than_one() -> None:
    override = (
        '0 <w:lvlOverride w:ilvl="1"><w:startOverride w:val="3"/>'
        + lvl(1, "decimalEnclosedCircle", "%2", start=3, extra='<w:suff w:val="nothing"/>')
        + "</w:lvlOverride>"
    )
    started = lvl(0, "decimal", "第%1条", start=0, extra='<w:suff w:val="space"/>')
    body = np("x", 1, 1) + np("y", 2, 1) + np("z", 2, 1) + np("条文", 3, 0) + np("条文", 3, 0)
    data = make(body, numbering({0: OUTLINE, 1: started}, {1: "0", 2: override, 3: "1"}))
    assert lines(data) == ["（一）x", "③y", "④z", "第0条 条文", "第1条 条文"]


def test_numbering_through_the_paragraph_style() -> None:
    # Heading 1 (styleId "1", as Chinese Word names it) numbered at level 0; a style of
    # its own with no level, numbered at the level linked to it (w:pStyle in the level);
    # a style based on it; numId 0 switching a style's numbering off; a paragraph's own
    # level over its style's.
    nothing = '<w:suff w:val="nothing"/>'
    levels = (
        lvl(0, "chineseCounting", "%1、", extra='<w:pStyle w:val="1"/>' + nothing)
        + lvl(1, "chineseCounting", "（%2）", extra='<w:pStyle w:val="Sub"/>' + nothing)
        + lvl(2, "decimal", "%3.", extra='<w:suff w:val="nothing"/>')
    )
    styles = (
        '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/>'
        '<w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Sub"><w:name w:val="小标题"/>'
        '<w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="SubRed"><w:name w:val="小标题红"/>'
        '<w:basedOn w:val="Sub"/></w:style>'
    )
    body = (
        np("总体情况", style="1")
        + np("制度", style="Sub")
        + np("机制", style="SubRed")
        + np("具体", style="Sub", level=2)
        + np("附：说明", 0, style="1")
        + np("主动公开", style="1")
        + np("平台", style="Sub")
    )
    data = make(body, numbering({0: levels}, {7: "0"}), styles)
    assert lines(data) == [
        "一、总体情况",
        "（一）制度",
        "（二）机制",
        "1.具体",
        "附：说明",
        "二、主动公开",
        "（一）平台",
    ]


def test_a_level_may_not_restart_and_legal_numbers_are_decimal() -> None:
    levels = (
        lvl(0, "upperRoman", "%1.", extra='<w:suff w:val="nothing"/>')
        + lvl(1, "lowerLetter", "%2)", extra='<w:lvlRestart w:val="0"/><w:suff w:val="nothing"/>')
        + lvl(2, "decimal", "%1.%2.%3", extra='<w:isLgl/><w:suff w:val="space"/>')
    )
    body = np("a", 1, 0) + np("b", 1, 1) + np("c", 1, 2) + np("d", 1, 0) + np("e", 1, 1)
    assert lines(make(body, numbering({0: levels}, {1: "0"}))) == [
        "I.a",
        "a)b",
        "1.1.1 c",
        "II.d",
        "b)e",  # w:lvlRestart 0: never restarted
    ]


def test_bullets_none_and_missing_definitions_print_no_number() -> None:
    levels = (
        lvl(0, "bullet", "\uf0b7")
        + lvl(1, "none", "", extra='<w:suff w:val="nothing"/>')
        + lvl(2, "decimal", "%3.", extra='<w:suff w:val="nothing"/>')
    )
    body = np("要点", 1, 0) + np("无号", 1, 1) + np("未定义", 9, 0) + np("第五级", 1, 5)
    body += np("有号", 1, 2)
    assert lines(make(body, numbering({0: levels}, {1: "0"}))) == [
        "要点",
        "无号",
        "未定义",
        "第五级",
        "1.有号",
    ]
    assert read(make(body, numbering({0: levels}, {1: "0"}))).diagnostics == ()


def test_a_number_in_a_format_not_read_is_left_out_and_said_once() -> None:
    levels = lvl(0, "hebrew1", "%1.") + lvl(1, "decimal", "%1.%2.")
    body = np("甲", 1, 0) + np("乙", 1, 1) + np("丙", 1, 0)
    data = make(body, numbering({0: levels}, {1: "0"}))
    assert lines(data) == ["甲", "乙", "丙"]
    (diagnostic,) = read(data).diagnostics
    assert diagnostic.code == "source.list-number"
    assert diagnostic.severity is gipparse.Severity.INFO
    assert "3 list numbers" in diagnostic.message
    assert "hebrew1" in diagnostic.message


@pytest.mark.parametrize(
    ("fmt", "numbers"),
    [
        ("decimal", {1: "1", 10: "10", 123: "123"}),
        ("decimalZero", {1: "01", 9: "09", 10: "10"}),
        (
            "chineseCounting",
            {1: "一", 9: "九", 10: "十", 11: "十一", 19: "十九", 20: "二十", 21: "二十一"},
        ),
        ("chineseCountingThousand", {10: "十", 15: "十五", 100: "一百", 101: "一百零一"}),
        ("chineseCountingThousand", {110: "一百一十", 999: "九百九十九"}),
        ("chineseCountingThousand", {1000: "一千", 1010: "一千零一十", 2024: "二千零二十四"}),
        ("chineseLegalSimplified", {1: "壹", 10: "壹拾", 12: "壹拾贰", 30: "叁拾"}),
        ("ideographDigital", {1: "一", 10: "一〇", 2024: "二〇二四"}),
        ("ideographTraditional", {1: "甲", 4: "丁", 10: "癸"}),
        ("ideographZodiac", {1: "子", 12: "亥"}),
        ("decimalEnclosedCircle", {1: "①", 10: "⑩", 20: "⑳", 21: "21"}),
        ("decimalEnclosedCircleChinese", {3: "③"}),
        ("decimalEnclosedParen", {1: "⑴", 20: "⒇"}),
        ("decimalEnclosedFullstop", {1: "⒈", 20: "⒛"}),
        ("decimalFullWidth", {1: "１", 12: "１２"}),
        ("upperRoman", {1: "I", 4: "IV", 9: "IX", 14: "XIV", 1990: "MCMXC"}),
        ("lowerRoman", {3: "iii", 40: "xl"}),
        ("upperLetter", {1: "A", 26: "Z", 27: "AA", 28: "BB"}),
        ("lowerLetter", {2: "b", 53: "aaa"}),
        ("none", {1: "", 7: ""}),
    ],
)
def test_number_formats(fmt: str, numbers: dict[int, str]) -> None:
    assert {n: format_number(n, fmt) for n in numbers} == numbers


@pytest.mark.parametrize(
    ("n", "fmt"),
    [
        (11, "ideographTraditional"),
        (0, "chineseCounting"),
        (100_000, "chineseCounting"),
        (1, "hebrew1"),
        (1, "bullet"),
        (0, "upperLetter"),
        (4000, "upperRoman"),
        # Numbers no list reaches: a damaged start or override.
        (-3, "decimal"),
        (-3, "ideographDigital"),
        (100_000, "decimal"),
        (10**12, "upperLetter"),
    ],
)
def test_numbers_not_known_in_a_format_are_none(n: int, fmt: str) -> None:
    assert format_number(n, fmt) is None


def test_word_2010_custom_formats_are_read_through_their_fallback() -> None:
    custom = (
        '<w:lvl w:ilvl="0" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<w:start w:val="1"/><mc:AlternateContent><mc:Choice Requires="w14">'
        '<w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice>'
        '<mc:Fallback><w:numFmt w:val="decimalZero"/></mc:Fallback></mc:AlternateContent>'
        '<w:suff w:val="nothing"/><w:lvlText w:val="%1 "/></w:lvl>'
    )
    assert lines(make(np("条", 1, 0), numbering({0: custom}, {1: "0"}))) == ["01 条"]


def test_numbers_in_table_cells_count_in_document_order() -> None:
    cell = "<w:tc><w:tcPr/>{}</w:tc>"
    table = (
        "<w:tbl><w:tr>"
        + cell.format(np("表内", 1, 1))
        + cell.format("<w:p/>")
        + "</w:tr><w:tr>"
        + cell.format(np("第二行", 1, 1))
        + cell.format("<w:p/>")
        + "</w:tr></w:tbl>"
    )
    body = np("总体情况", 1, 0) + table + np("其他", 1, 1)
    doc = read(make(body, numbering({0: OUTLINE}, {1: "0"})))
    (found,) = [b for b in doc.blocks or () if isinstance(b, gipparse.Table)]
    assert [c.raw for row in found.rows for c in row.cells][::2] == ["（一）表内", "（二）第二行"]
    assert [b.raw for b in doc.blocks or () if isinstance(b, Paragraph)] == [
        "一、总体情况",
        "（三）其他",
    ]
