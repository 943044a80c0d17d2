"""Three real published PDF reports (WPS exports: cell backgrounds painted as filled
rectangles, tables continued across pages, labels printed one character per line, page
numbers like ``- 3 -``) read with every statistic as printed.

The expected values below were read off the rendered pages (``pdftoppm -png``), not
taken from the reader's output. Where the printed report is wrong (a total printed 0),
the value stays as printed and a diagnostic says so.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import gipparse

pytest.importorskip("gipparse_pdf")

REAL = Path(__file__).parent / "real"

# applications.<row>: the seven columns (自然人, 商业企业, 科研机构, 社会公益组织,
# 法律服务机构, 其他, 总计), in the template's row order.
APPLICATION_ROWS = (
    "new",
    "carried_over",
    "granted",
    "partial",
    "withheld.state_secret",
    "withheld.prohibited_by_law",
    "withheld.security_stability",
    "withheld.third_party",
    "withheld.internal_affairs",
    "withheld.process_info",
    "withheld.enforcement_files",
    "withheld.query_matters",
    "unavailable.not_held",
    "unavailable.needs_creation",
    "unavailable.unclear",
    "not_processed.petition",
    "not_processed.repeated",
    "not_processed.publication",
    "not_processed.excessive",
    "not_processed.confirmation",
    "other_handling",
    "total",
    "carried_forward",
)
COLUMNS = (
    "natural_person",
    "commercial",
    "research",
    "nonprofit",
    "legal_services",
    "other_org",
    "total",
)
APPEAL_GROUPS = ("review", "litigation_direct", "litigation_after_review")
APPEAL_FIELDS = ("upheld", "corrected", "other", "pending", "total")


def _only(natural: int) -> tuple[int, ...]:
    """A row with applications from natural persons only."""
    return (natural, 0, 0, 0, 0, 0, natural)


EXPECTED: dict[str, dict[str, Any]] = {
    "hongze-2023": {
        "meta": ("洪泽区人民政府", 2023, "2021"),
        "active": {
            "rules": (0, 0, 0),
            "normative_docs": (0, 5, 5),
            "licensing": 550,
            "penalty": 4119,
            "coercion": 195,
            "fees": Decimal("7730.28"),
        },
        "applications": [
            _only(21),
            _only(0),
            _only(0),
            _only(4),
            _only(1),
            _only(0),
            _only(0),
            _only(0),
            _only(0),
            _only(1),
            _only(1),
            _only(0),
            _only(10),
            _only(3),
            _only(0),
            _only(1),
            _only(0),
            _only(0),
            _only(0),
            _only(0),
            _only(0),
            _only(21),
            _only(0),
        ],
        # 行政复议 总计 and 复议后起诉 总计 are printed 0.
        "appeals": (10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0),
        "errors": {"relation.appeals-total"},
    },
    "hongze-2024": {
        "meta": ("淮安市洪泽区人民政府", 2024, "2021"),
        "active": {
            "rules": (0, 0, 0),
            "normative_docs": (3, 0, 8),
            "licensing": 9487,
            "penalty": 2776,
            "coercion": 84,
            "fees": Decimal(7545),
        },
        "applications": [
            _only(95),
            _only(0),
            _only(50),
            _only(9),
            _only(0),
            _only(0),
            _only(1),
            _only(0),
            _only(0),
            _only(1),
            _only(1),
            _only(0),
            _only(31),
            _only(1),
            _only(0),
            _only(1),
            _only(0),
            _only(0),
            _only(0),
            _only(0),
            _only(0),
            _only(95),
            _only(0),
        ],
        "appeals": (1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3),
        "errors": set(),
    },
    "huaian-2024": {
        "meta": ("淮安市人民政府", 2024, "2021"),
        "active": {
            "rules": (1, 0, 11),
            "normative_docs": (8, 26, 66),
            "licensing": 447228,
            "penalty": 3985758,
            "coercion": 88283,
            "fees": Decimal("96171.6"),
        },
        "applications": [
            (3001, 53, 0, 0, 61, 4, 3119),
            (34, 0, 0, 0, 0, 0, 34),
            (1288, 21, 0, 0, 50, 3, 1362),
            (447, 7, 0, 0, 0, 0, 454),
            _only(2),
            (30, 1, 0, 0, 0, 0, 31),
            _only(5),
            _only(6),
            (7, 1, 0, 0, 0, 0, 8),
            _only(12),
            _only(9),
            _only(105),
            (746, 12, 0, 0, 10, 1, 769),
            _only(11),
            _only(1),
            (56, 6, 0, 0, 0, 0, 62),
            _only(25),
            _only(0),
            _only(0),
            _only(1),
            # （六）其他处理 is printed as its three sub-rows: 67 3 0 0 1 0 71,
            # 6 0 0 0 0 0 6 and 108 2 0 0 0 0 110; the row itself is their sum.
            (181, 5, 0, 0, 1, 0, 187),
            (2932, 53, 0, 0, 61, 4, 3050),
            _only(103),
        ],
        "appeals": (72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20),
        "errors": set(),
    },
}


@pytest.fixture(scope="module")
def reports() -> dict[str, gipparse.Report]:
    return {name: gipparse.load(REAL / f"{name}.pdf") for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_statistic_as_printed(name: str, reports: dict[str, gipparse.Report]) -> None:
    expected = EXPECTED[name]
    stats = gipparse.to_record(reports[name])["stats"]
    active = expected["active"]
    for row in ("rules", "normative_docs"):
        got = tuple(stats[f"active.{row}.{f}"] for f in ("issued", "repealed", "in_force"))
        assert got == active[row], row
    for row in ("licensing", "penalty", "coercion"):
        assert stats[f"active.{row}.decisions"] == active[row], row
    assert stats["active.fees.amount"] == active["fees"]
    for row, values in zip(APPLICATION_ROWS, expected["applications"], strict=True):
        got = tuple(stats[f"applications.{row}.{c}"] for c in COLUMNS)
        assert got == values, row
    got = tuple(stats[f"appeals.{g}.{f}"] for g in APPEAL_GROUPS for f in APPEAL_FIELDS)
    assert got == expected["appeals"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata(name: str, reports: dict[str, gipparse.Report]) -> None:
    meta = reports[name].metadata
    agency, year, template = EXPECTED[name]["meta"]
    assert (meta.agency, meta.year, meta.template) == (agency, year, template)
    assert meta.period == f"{year}-01-01/{year}-12-31"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_printed_errors_are_diagnosed_not_repaired(
    name: str, reports: dict[str, gipparse.Report]
) -> None:
    report = reports[name]
    errors = {d.code for d in report.diagnostics if d.severity is gipparse.Severity.ERROR}
    assert errors == EXPECTED[name]["errors"]
    assert report.valid is (not errors)


def test_printed_total_of_zero_is_kept_and_named(reports: dict[str, gipparse.Report]) -> None:
    report = reports["hongze-2023"]
    messages = [d.message for d in report.diagnostics if d.code == "relation.appeals-total"]
    assert any("review.total = 0" in m and "= 11" in m for m in messages)
    assert any("litigation_after_review.total = 0" in m and "= 5" in m for m in messages)


@pytest.mark.parametrize("name", ["hongze-2023", "hongze-2024"])
def test_other_handling_printed_as_one_row_is_diagnosed(
    name: str, reports: dict[str, gipparse.Report]
) -> None:
    codes = [d.code for d in reports[name].diagnostics]
    assert "template.collapsed-row" in codes


@pytest.mark.parametrize("name", ["hongze-2023", "hongze-2024"])
def test_misprinted_label_is_read_and_named(name: str, reports: dict[str, gipparse.Report]) -> None:
    # Both reports print 2.其他法律行政止公开 for 2.其他法律行政法规禁止公开.
    notes = [d.message for d in reports[name].diagnostics if d.code == "table.fuzzy-label"]
    assert "'2.其他法律行政止公开' read as 2.其他法律行政法规禁止公开" in notes


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_tables_continued_across_pages_are_one_table(
    name: str, reports: dict[str, gipparse.Report]
) -> None:
    report = reports[name]
    # Section 二's four sub-tables are one ruled table (continued on the next page),
    # then the applications table (over two pages), then the appeals table.
    assert len(report.tables) == 3
    applications = report.tables[1]
    labels = [row.cells[0].text for row in applications.rows]
    assert labels[0].startswith("（本列数据的勾稽关系为")
    assert labels[-1] == "四、结转下年度继续办理"
    assert all(t.format == "pdf" for t in report.tables)


def test_label_cut_by_a_page_end_is_joined(reports: dict[str, gipparse.Report]) -> None:
    # 淮安市 prints "（四）无" at the foot of page 4 and "法提供" at the top of page 5.
    texts = [c.text for row in reports["huaian-2024"].tables[1].rows for c in row.cells]
    assert "（四）无法提供" in texts
    assert "（四）无" not in texts
    assert "法提供" not in texts


def test_vertical_label_printed_one_character_per_line(
    reports: dict[str, gipparse.Report],
) -> None:
    # PDFium gives these nine characters loose boxes 199 points square (the font size
    # unscaled by the text matrix): their places come from their origins and tight boxes.
    texts = [c.text for row in reports["hongze-2023"].tables[1].rows for c in row.cells]
    assert "三、本年度办理结果" in texts


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_numbers_are_not_text(name: str, reports: dict[str, gipparse.Report]) -> None:
    lines = reports[name].source.split("\n")
    assert not [line for line in lines if line.strip(" -—") in {str(n) for n in range(1, 9)}]


def test_prose_is_rebuilt_into_paragraphs(reports: dict[str, gipparse.Report]) -> None:
    report = reports["hongze-2023"]
    texts = [p.text for p in report.paragraphs]
    # A paragraph wrapped over seven lines, its "0517-87222589" and e-mail intact.
    assert any(
        t.startswith("本报告由淮安市洪泽区人民政府办公室") and t.endswith("hzzwgk@126.com）。")
        for t in texts
    )
    # A paragraph continued on the next page is one paragraph.
    assert any(
        t.startswith("加强区政府门户网站") and t.endswith("未经审核的信息一律不准发布。")
        for t in texts
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sections_are_found(name: str, reports: dict[str, gipparse.Report]) -> None:
    sections = [(s.kind, s.heading.text if s.heading else None) for s in reports[name].sections]
    assert sections == [
        ("preamble", None),
        ("overview", "一、总体情况"),
        ("active_disclosure", "二、主动公开政府信息情况"),
        ("applications", "三、收到和处理政府信息公开申请情况"),
        ("appeals", "四、政府信息公开行政复议、行政诉讼情况"),
        ("problems", "五、存在的主要问题及改进情况"),
        ("other", "六、其他需要报告的事项"),
    ]


def test_spans_point_into_the_source(reports: dict[str, gipparse.Report], support: Any) -> None:
    for report in reports.values():
        support.check_spans(report)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_what_was_left_out_is_said(name: str, reports: dict[str, gipparse.Report]) -> None:
    pages = 6 if name == "huaian-2024" else 5
    (note,) = [d for d in reports[name].diagnostics if d.code == "source.page-chrome"]
    numbers = ", ".join(str(n) for n in range(1, pages + 1))
    assert note.message == (
        f"left out as page furniture, not the report: page numbers (pages {numbers})"
    )
