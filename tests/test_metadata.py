"""Agency, year, period, template and script, as the reports state them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import SEEDS

import gipparse
from gipparse import Metadata
from gipparse.structure.metadata import _TITLE_RES


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        (
            "000",  # line 1: 由开封市鼓楼区应急管理局编制 … 统计期限为2020年1月1日至2020年12月31日
            Metadata("开封市鼓楼区应急管理局", 2020, "2020", "hans", "2020-01-01/2020-12-31"),
        ),
        (
            "002",  # lines 1-2: 广州市越秀区应急管理局2020年政府信息公开 / 工作年度报告
            Metadata("广州市越秀区应急管理局", 2020, "2020", "hans", None),
        ),
        (
            "003",  # lines 1-2: 管城回族区人民防空办公室 / 2020年度政府信息公开工作年度报告
            Metadata("管城回族区人民防空办公室", 2020, "2020", "hans", None),
        ),
        (
            "004",  # lines 1-2: 枣庄市台儿庄区应急管理局2021年 / 政府信息公开工作年度报告
            Metadata("枣庄市台儿庄区应急管理局", 2021, "2021", "hans", None),
        ),
    ],
)
def test_seed_metadata(seed: str, expected: Metadata) -> None:
    report = gipparse.load(SEEDS[seed])
    assert report.metadata == expected
    assert not [d for d in report.diagnostics if d.code.startswith(("metadata.", "template."))]


def test_seed_001_metadata_in_simplified(opencc_traditional: object) -> None:
    report = gipparse.load(SEEDS["001"], plugins=[opencc_traditional])
    # 由阜陽市應急管理局編辦 … 統計期限自2020年1月1日起至2020年12月31日止
    assert report.metadata == Metadata(
        "阜阳市应急管理局", 2020, "2020", "hant", "2020-01-01/2020-12-31"
    )


@pytest.mark.parametrize(
    ("text", "agency", "year", "period"),
    [
        ("2021年广州市财政局政府信息公开工作年度报告\n正文。", "广州市财政局", 2021, None),
        (
            "淮安市洪泽区人民政府关于2023年度政府信息公开工作年度报告\n正文。",
            "淮安市洪泽区人民政府",
            2023,
            None,
        ),
        (
            "平潭综合实验区管委会2022年政府信息公开年度报告\n正文。",
            "平潭综合实验区管委会",
            2022,
            None,
        ),
        (
            "上海市科学技术委员会\n2024年政府信息公开\n工作年度报告\n正文。",
            "上海市科学技术委员会",
            2024,
            None,
        ),
        (
            "本报告由某某区应急管理局编制。本报告统计期限自２０２０年１月１日起至２０２０年１２月３１日止。",
            "某某区应急管理局",
            2020,
            "2020-01-01/2020-12-31",
        ),
        (
            "某县财政局2022年政府信息公开工作年度报告\n本报告所列数据统计时间为2022年1月1日至2022年12月31日。",
            "某县财政局",
            2022,
            "2022-01-01/2022-12-31",
        ),
        (  # a running header above the title
            "政府信息公开工作年度报告\n开封市鼓楼区应急管理局2020年政府信息公开工作年度报告\n正文。",
            "开封市鼓楼区应急管理局",
            2020,
            None,
        ),
        (
            "鼓楼区政府信息公开年报\n\n开封市鼓楼区应急管理局\n2020年度政府信息公开工作年度报告\n正文。",
            "开封市鼓楼区应急管理局",
            2020,
            None,
        ),
        (
            "现将我办2019年政府信息公开工作情况报告如下。",  # the year in the introduction only
            None,
            2019,
            None,
        ),
        (
            "本报告统计期限为2020年2月30日至2020年12月31日。",  # no such date
            None,
            None,
            None,
        ),
        (  # a leap day, and one zero-padded
            "本报告统计期限为2020年2月29日至2021年2月8日。",
            None,
            2021,
            "2020-02-29/2021-02-08",
        ),
        ("本报告统计期限为2019年2月29日至2019年12月31日。", None, None, None),  # not a leap year
        ("本报告统计期限为2100年2月29日至2100年12月31日。", None, None, None),  # nor a century
        ("本报告统计期限为2020年1月1日至2020年13月1日。", None, None, None),  # no 13th month
        ("本报告统计期限为2020年12月31日至2020年1月1日。", None, None, None),  # ends first
    ],
)
def test_metadata_variants(
    text: str, agency: str | None, year: int | None, period: str | None
) -> None:
    report = gipparse.loads(text + "\n一、总体情况\n无\n")
    meta = report.metadata
    assert (meta.agency, meta.year, meta.period) == (agency, year, period)


def test_missing_agency_and_year_are_diagnosed() -> None:
    report = gipparse.loads("\n\n本年度报告是根据《条例》要求编写的。\n一、总体情况\n无\n")
    found = [(d.code, d.line) for d in report.diagnostics if d.code.startswith("metadata.")]
    assert found == [("metadata.no-agency", 3), ("metadata.no-year", 3)]
    assert report.metadata.agency is None
    assert report.metadata.year is None


def test_a_long_first_line_is_not_a_title() -> None:
    text = (
        "本年度报告是根据《中华人民共和国政府信息公开条例》要求编制，全文包括2020年政府信息公开工作年度报告"
        "的六个部分，由某局办公室编制。\n一、总体情况\n无\n"
    )
    meta = gipparse.loads(text).metadata
    assert meta.agency == "某局办公室"


def test_metadata_survives_a_render_round_trip() -> None:
    report = gipparse.load(SEEDS["000"])
    assert report.statistics is not None
    built = gipparse.report_from_statistics(report.statistics, report.metadata)
    for fmt in ("tab", "pipe", "markdown"):
        again = gipparse.loads(gipparse.render_report(built, to=fmt))
        assert again.metadata == report.metadata
        assert again.statistics == report.statistics


def test_full_width_digits_in_a_later_paragraph_are_read() -> None:
    # Digits are made half-width in every leading paragraph when one of them holds a
    # full-width digit, dash or tilde, whichever.
    report = gipparse.loads(
        "某某区应急管理局政府信息公开工作年度报告\n"
        "本报告由某某区应急管理局编制。\n"
        "本报告统计期限为２０２１年１月１日－２０２１年１２月３１日。\n"
    )
    assert report.metadata.period == "2021-01-01/2021-12-31"
    assert report.metadata.year == 2021


def test_the_leading_paragraphs_are_the_first_of_their_sections() -> None:
    from gipparse.structure.metadata import MAX_LEADING_PARAGRAPHS, _leading_paragraphs

    for path in SEEDS.values():
        sections = gipparse.load(path).sections
        expected: list[gipparse.Paragraph] = []
        in_preamble = 0
        for section in sections:
            if section.kind == "preamble":
                expected += section.paragraphs[:MAX_LEADING_PARAGRAPHS]
                in_preamble = len(expected)
                continue
            expected += section.paragraphs[:3]
            break
        found, count = _leading_paragraphs(sections)
        assert (found, count) == (expected, in_preamble)
        assert found


@pytest.mark.parametrize("date", [(2020, 1, 1), (2021, 12, 31), (987, 7, 9), (9999, 2, 28)])
def test_period_dates_are_written_in_iso_form(date: tuple[int, int, int]) -> None:
    from gipparse.structure.metadata import _iso

    year, month, day = date
    assert _iso(date) == f"{year:04d}-{month:02d}-{day:02d}"


# Titles in the order the patterns read them, each piece kept, dropped or replaced by
# another: matches and near misses both.
_TITLE_ORDER = [
    ["", "2020", "2021年度"],
    ["广州市应急管理局", "本局", "，", ""],
    ["关于", ""],
    ["2020", "2021", "20"],
    ["年", "年度", " 年"],
    ["广州市应急管理局", ""],
    ["的", ""],
    ["政府信息", "政府"],
    ["与政务", ""],
    ["公开", "公"],
    ["工作", ""],
    ["年度", ""],
    ["报告", "年报", "报", "告", "年", ""],
    ["", "工作年度报告"],
]


@given(st.tuples(*map(st.sampled_from, _TITLE_ORDER)).map("".join))
def test_a_title_pattern_matches_only_where_there_is_a_bao(candidate: str) -> None:
    # extract_metadata searches only the candidate titles holding 报 (all patterns end
    # in 报告 or 年报): no match is skipped so.
    if any(p().search(candidate) for p in _TITLE_RES):
        assert "报" in candidate
