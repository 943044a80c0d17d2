"""Section headings: the variants real reports print, text before and after the sections,
and table cells that look like headings."""

from __future__ import annotations

import pytest
from tests.conftest import SEEDS

import gipparse
from gipparse import Paragraph, SectionKind, Table
from gipparse.structure.sections import split_closing

SIX = [
    "overview",
    "active_disclosure",
    "applications",
    "appeals",
    "problems",
    "other",
]


@pytest.mark.parametrize(
    ("seed", "kinds", "headings"),
    [
        (
            "000",
            ["preamble", *SIX],
            [
                "一、总体情况",
                "二、主动公开政府信息情况",
                "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况",
                "五、存在的主要问题及改进情况",
                "六、其他需要报告的事项",
            ],
        ),
        (
            "002",
            ["preamble", *SIX, "closing"],
            [
                "一、总体情况",  # indented with spaces
                "二、主动公开政府信息情况",  # indented, a TAB after it
                "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况",
                "五、存在的主要问题及改进情况",
                "六、其他需要报告的事项",
            ],
        ),
        (
            "003",
            ["preamble", *SIX, "closing"],
            [
                "一、概述",
                "二、主动公开政府信息情况",
                "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况",
                "五、存在的主要问题及改进情况",
                "六、其他需要报告的事项",
            ],
        ),
        (
            "004",
            ["preamble", *SIX],
            [
                "总体情况",  # no numeral
                "二、行政机关主动公开政府信息情况",
                "三、行政机关收到和处理政府信息公开申请情况",
                "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                "五、政务信息公开工作存在的主要问题及改进情况",
                "六、其他需要报告的事项",
            ],
        ),
    ],
)
def test_seed_sections(seed: str, kinds: list[str], headings: list[str]) -> None:
    report = gipparse.load(SEEDS[seed])
    assert [s.kind for s in report.sections] == kinds
    assert [s.heading.text for s in report.sections if s.heading is not None] == headings
    assert not [d for d in report.diagnostics if d.code.startswith("section.")]
    # Each statutory table stands in its own section.
    for kind in ("active_disclosure", "applications", "appeals"):
        section = report.section(kind)
        assert section is not None
        assert len(section.tables) == 1


def test_text_before_the_first_section_is_the_preamble() -> None:
    report = gipparse.load(SEEDS["004"])
    preamble = report.sections[0]
    assert preamble.heading is None
    assert [p.text for p in preamble.paragraphs][:2] == [
        "枣庄市台儿庄区应急管理局2021年",
        "政府信息公开工作年度报告",
    ]
    assert preamble.paragraphs[2].text.startswith("根据《中华人民共和国政府信息公开条例》")


def test_a_signature_after_the_last_section_is_the_closing() -> None:
    report = gipparse.load(SEEDS["003"])
    other, closing = report.sections[-2:]
    assert [b.text for b in other.blocks if isinstance(b, Paragraph)] == ["无"]
    assert closing.kind == SectionKind.CLOSING
    assert closing.heading is None
    assert [p.text for p in closing.paragraphs] == ["管城区人防办", "2021年1月18日"]
    assert [p.span.line for p in closing.paragraphs if p.span] == [413, 414]


def test_chart_data_after_the_last_section_is_the_closing() -> None:
    report = gipparse.load(SEEDS["002"])
    other, closing = report.sections[-2:]
    assert [p.text for p in other.paragraphs] == ["无其他需要报告的事项。"]
    assert [p.span.line for p in closing.paragraphs if p.span] == [401, 402, 403]
    assert closing.paragraphs[0].text == "全年主动公开信息数量分布"


def test_no_line_is_lost_to_the_closing() -> None:
    for path in SEEDS.values():
        report = gipparse.load(path)
        lines = sorted(
            line
            for section in report.sections
            for block in ([section.heading] if section.heading else []) + list(section.blocks)
            if block.span is not None
            for line in range(block.span.line, block.span.end_line + 1)
        )
        assert len(lines) == len(set(lines)), path.name
        text = path.read_text(encoding="utf-8").split("\n")
        non_blank = [n for n, line in enumerate(text, 1) if line.strip()]
        assert set(non_blank) <= set(lines), path.name


@pytest.mark.parametrize(
    ("tail", "closing"),
    [
        (["无。", "某某局", "2021年1月18日"], ["某某局", "2021年1月18日"]),
        (["无。", "某某局", "二〇二一年一月十八日"], ["某某局", "二〇二一年一月十八日"]),
        (["无"], []),
        (["无", "2021年1月18日"], ["2021年1月18日"]),
        # A numbered item or a sentence is content, not a signature.
        (["1.信息处理费：无", "2.其他：无", "2021年1月"], ["2021年1月"]),
        (
            ["本机关未收取信息处理费。", "全年信息分布\t", "网站\t微博\t59\t204\t"],
            ["全年信息分布\t", "网站\t微博\t59\t204\t"],
        ),
        (["2021年全年无其他事项"], []),  # the body keeps its first block
    ],
)
def test_split_closing(tail: list[str], closing: list[str]) -> None:
    blocks = [Paragraph(t) for t in tail]
    body, found = split_closing(blocks)
    assert [b.raw for b in found if isinstance(b, Paragraph)] == closing
    assert list(body) + list(found) == blocks


def test_a_table_at_the_end_is_not_a_closing() -> None:
    table = Table(())
    body, found = split_closing([Paragraph("无"), table])
    assert found == ()
    assert list(body) == [Paragraph("无"), table]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("一、概述", "overview"),
        ("总体情况", "overview"),
        ("一、总体情况：", "overview"),
        ("二、行政机关主动公开政府信息情况", "active_disclosure"),
        ("     二、主动公开政府信息情况\t", "active_disclosure"),
        ("三、行政机关收到和处理政府信息公开申请情况", "applications"),
        ("因政府信息公开工作被申请行政复议、提起行政诉讼情况", "appeals"),
        ("四、政府信息公开行政复议和行政诉讼情况", "appeals"),
        ("五、政府信息公开工作存在的主要问题及改进情况", "problems"),
        ("五、政务信息公开工作存在的主要问题及改进情况", "problems"),
        ("六、其它需要报告事项", "other"),
        ("六、其他需要报告的事项", "other"),
    ],
)
def test_heading_variants(line: str, kind: str) -> None:
    report = gipparse.loads(f"前言\n{line}\n正文。\n")
    assert [s.kind for s in report.sections] == ["preamble", kind]
    assert report.sections[1].paragraphs[0].text == "正文。"


def test_a_heading_with_a_typo_is_read_with_a_diagnostic() -> None:
    report = gipparse.loads("四、政府信息公开行政法复议、行政诉讼情况\n无\n")  # 平潭 2022
    assert [s.kind for s in report.sections] == ["appeals"]
    fuzzy = [
        d
        for d in report.diagnostics
        if d.code.startswith("section.") and d.code != "section.missing"
    ]
    assert [(d.code, d.line) for d in fuzzy] == [("section.fuzzy-heading", 1)]


@pytest.mark.parametrize(
    "line",
    [
        "（一）主动公开情况",
        "（三）政府信息公开载体的建设，运行情况",
        "一、本年新收政府信息公开申请数量",
    ],
)
def test_sub_headings_and_table_labels_are_not_headings(line: str) -> None:
    report = gipparse.loads(f"一、总体情况\n{line}\n")
    assert [s.kind for s in report.sections] == ["overview"]


def test_table_cells_are_never_headings() -> None:
    report = gipparse.load(SEEDS["000"])
    applications = report.section("applications")
    assert applications is not None
    cells = [c.text for c in applications.tables[0].cells()]
    assert "一、本年新收政府信息公开申请数量" in cells
    assert "四、结转下年度继续办理" in cells
    assert report.section("appeals") is not None
    appeals = report.section("appeals")
    assert appeals is not None
    assert appeals.heading is not None
    assert appeals.heading.text == "四、政府信息公开行政复议、行政诉讼情况"


def test_traditional_headings_through_a_simplifying_plugin(opencc_traditional: object) -> None:
    report = gipparse.load(SEEDS["001"], plugins=[opencc_traditional])
    assert [s.kind for s in report.sections] == ["preamble", *SIX]
    assert [s.heading.raw for s in report.sections if s.heading] == [
        "一、總體情況",
        "二、主動公開政府信息情況",
        "三、收到和處理政府信息公開申請情況",
        "四、政府信息公開行政復議、行政訴訟情況",
        "五、政府信息公開工作存在的主要問題及改進情況",
        "六、其他需要報告的事項",
    ]


def test_the_headings_module_is_what_headinggen_writes() -> None:
    from pathlib import Path

    from gipparse.structure import headinggen, headings, sections

    written = Path(headings.__file__).read_text(encoding="utf-8")
    assert written == headinggen.source(), (
        "run: python -m gipparse.structure.headinggen > src/gipparse/structure/headings.py"
    )
    for _, body in sections.SECTION_HEADINGS:
        assert sections.OneEdit(body).bodies == sections._expand(body)
    # A pattern the module does not hold is expanded.
    assert sections.OneEdit("(?:甲|乙)丙").bodies == {"甲丙", "乙丙"}


def test_a_body_with_one_edit_is_told_as_with_every_cut_made_at_once() -> None:
    """``OneEdit`` makes the bodies' cuts for the lengths it is asked about; what it says
    is what the cuts of every body, made at once, said."""
    from gipparse.structure import sections

    def near_body(bodies: frozenset[str], text: str) -> bool:
        replaced = {(b[:i] + b[i + 1 :], i) for b in bodies for i in range(len(b))}
        shorter = {cut for cut, _ in replaced}
        if text in bodies or text in shorter:
            return True
        for i in range(len(text)):
            cut = text[:i] + text[i + 1 :]
            if cut in bodies or (cut, i) in replaced:
                return True
        return False

    for _, body in sections.SECTION_HEADINGS:
        one_edit = sections.OneEdit(body)
        alphabet = sorted({*"".join(one_edit.bodies), "x"})[:12]
        texts = {""}
        for b in sorted(one_edit.bodies)[:12]:
            texts.add(b)
            for i in range(len(b) + 1):
                texts.add(b[:i] + b[i + 1 :])
                texts.add(b[:i] + b[i + 2 :])
                for c in alphabet:
                    texts.add(b[:i] + c + b[i:])
                    texts.add(b[:i] + c + b[i + 1 :])
        for text in sorted(texts):
            assert one_edit._near_body(text) == near_body(one_edit.bodies, text), (body, text)
