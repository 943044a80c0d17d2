"""Relations, and how the engine reads the variants real reports print.

Most cases start from a seed's text or from a report laid out by
``report_from_statistics``, change what the case is about, and load the result.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import SEEDS
from tests.report_strategies import balanced_flat, break_relation, template
from tests.schema_names import APPLICATION_COLUMNS

import gipparse
from gipparse import Metadata, Report, Severity, Statistics
from gipparse.checks.relations import check_relations


def seed_lines(name: str) -> list[str]:
    return SEEDS[name].read_text(encoding="utf-8").split("\n")


def load_lines(lines: list[str]) -> Report:
    return gipparse.loads("\n".join(lines))


def codes(report: Report) -> list[str]:
    return [d.code for d in report.diagnostics]


def balanced(template_id: str, seed: int = 7) -> dict[str, int | Decimal | None]:
    rng = random.Random(seed)
    return balanced_flat(template_id, rng.randint)


def rendered(stats: Statistics, table_format: str = "tab", **meta: object) -> str:
    metadata = Metadata(agency="淮安市洪泽区应急管理局", year=int(stats.template), **meta)  # type: ignore[arg-type]
    return gipparse.render_report(gipparse.report_from_statistics(stats, metadata), to=table_format)


# ---------------------------------------------------------------------------
# Relations
# ---------------------------------------------------------------------------


def test_a_broken_balance_names_relation_column_numbers_and_line() -> None:
    lines = seed_lines("000")
    assert lines[341] == "\t\xa00"  # line 342: 四、结转下年度继续办理 · 自然人
    lines[341] = "\t5"
    report = load_lines(lines)
    assert report.valid is False
    balance = [d for d in report.diagnostics if d.code == "relation.balance"]
    assert len(balance) == 1
    d = balance[0]
    assert d.severity is Severity.ERROR
    assert "column natural_person (自然人)" in d.message
    assert "new.natural_person 0 + carried_over.natural_person 0 = 0" in d.message
    assert "total.natural_person 0 + carried_forward.natural_person 5 = 5" in d.message
    assert d.line == 333  # the （七）总计 value of that column
    assert "(line 333)" in d.message
    # The row no longer adds up either: 总计 0 against 5 + 0 + ... .
    row = [d for d in report.diagnostics if d.code == "relation.row-total"]
    assert len(row) == 1
    assert "row carried_forward (四、结转下年度继续办理)" in row[0].message
    assert row[0].line == 348
    assert report.statistics is not None
    assert report.statistics["applications.carried_forward.natural_person"] == 5  # as written


def test_results_total_and_appeals_total() -> None:
    lines = seed_lines("002")
    assert lines[124] == "\t0"  # line 125: （一）予以公开 · 自然人
    lines[124] = "\t2"
    assert lines[130] == "\t0"  # line 131: （一）予以公开 · 总计
    lines[130] = "\t2"
    assert lines[376] == "\t0"  # line 377: 行政复议 · 结果维持
    lines[376] = "\t1"
    report = load_lines(lines)
    got = sorted((d.code, d.line) for d in report.diagnostics)
    assert got == [
        ("relation.appeals-total", 381),
        ("relation.results-total", 331),
        ("relation.results-total", 337),
    ]
    appeals = next(d for d in report.diagnostics if d.code == "relation.appeals-total")
    assert "group review (行政复议)" in appeals.message
    assert (
        "review.total = 0 but review.upheld 1 + review.corrected 0 + review.other 0 "
        "+ review.pending 0 = 1 (line 381)"
    ) in appeals.message


def test_an_unreadable_value_leaves_relations_unchecked() -> None:
    lines = seed_lines("004")
    assert lines[82] == "\t0"  # line 83: 一、本年新收 · 自然人
    lines[82] = "\t约5"
    report = load_lines(lines)
    assert report.statistics is not None
    assert report.statistics["applications.new.natural_person"] is None
    unreadable = [d for d in report.diagnostics if d.code == "value.unreadable"]
    assert [(d.line, d.severity) for d in unreadable] == [(83, Severity.WARNING)]
    unchecked = [d for d in report.diagnostics if d.code == "relation.unchecked"]
    assert {d.message.split(" (")[0] for d in unchecked} == {
        "relation balance",
        "relation row-total",
    }
    assert all(d.severity is Severity.WARNING for d in unchecked)
    assert not [c for c in codes(report) if c.startswith("relation.") and c != "relation.unchecked"]
    assert report.valid is False  # valid means every relation verified


@pytest.mark.parametrize("relation", ["balance", "results-total", "row-total", "appeals-total"])
@pytest.mark.parametrize("template_id", ["2020", "2021"])
def test_check_on_built_statistics(template_id: str, relation: str) -> None:
    rng = random.Random(relation)
    flat = balanced(template_id)
    tpl = template(template_id)
    assert check_relations(tpl, Statistics.from_flat(template_id, flat)) == []
    broken, items = break_relation(flat, relation, rng.randint, template_id)
    found = check_relations(tpl, Statistics.from_flat(template_id, broken))
    assert {d.code for d in found} == {f"relation.{relation}"}
    assert {d.message.split(" fails in ")[1].split(" ")[1] for d in found} == items
    assert all(d.span is None for d in found)  # built, not read: no cells to point at


def test_derived_rows_are_checked_through_their_parts() -> None:
    flat = balanced("2021")
    flat["applications.other_handling.other.research"] = 99  # breaks its row total
    report = gipparse.loads(rendered(Statistics.from_flat("2021", flat)))
    found = [(d.code, d.message.split(" fails in ")[1].split(" (")[0]) for d in report.diagnostics]
    # Reported on the printed row and in the columns, never again on the derived row.
    assert ("relation.row-total", "row other_handling.other") in found
    assert ("relation.row-total", "row other_handling") not in found
    assert {c for c, _ in found} == {"relation.row-total", "relation.results-total"}


# ---------------------------------------------------------------------------
# Variants of the tables
# ---------------------------------------------------------------------------


def test_a_2021_report_with_a_single_row_other_handling() -> None:
    flat = balanced("2021")
    parts = [k for k in flat if k.startswith("applications.other_handling.")]
    sums = {
        c: sum(
            flat[f"applications.other_handling.{p}.{c}"] or 0
            for p in ("no_correction", "unpaid_fee", "other")
        )
        for c in APPLICATION_COLUMNS
    }
    collapsed = {k: v for k, v in flat.items() if k not in parts}
    collapsed |= dict.fromkeys(parts)
    collapsed |= {f"applications.other_handling.{c}": v for c, v in sums.items()}
    stats = Statistics.from_flat("2021", collapsed)
    assert stats.derived == frozenset()
    text = rendered(stats)
    assert "（六）其他处理\n\t" in text  # one row, its values right after the label
    assert "申请人无正当理由" not in text
    report = gipparse.loads(text)
    assert report.statistics == stats
    assert report.statistics is not None
    assert report.statistics.derived == frozenset()
    assert codes(report) == ["template.collapsed-row"]
    assert report.valid  # the missing rows are not relations left unchecked


def test_known_typos_numbering_styles_and_split_labels() -> None:
    stats = Statistics.from_flat("2020", balanced("2020", seed=3))
    text = rendered(stats)
    variants = {
        "2.其他法律行政法规禁止公开": "2.其他法律行政止公开",  # 洪泽区 2023
        "4.保护第三方合法权益": "4、保护第三方合法权溢",  # 1、 numbering and a typo
        "5.属于三类内部事务信息": "（5）属于三类 内部事务信息",
        "6.属于四类过程性信息": "6．属于四类过程性\n信息",  # a label broken over two lines
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "(二)部分公开",
        "（七）总计": "(七) 总 计",
        "3.危及“三安全一稳定”": "3.危及三安全一稳定",
        "四、结转下年度继续办理": "四．结转下年度继续办理",
    }
    for written, variant in variants.items():
        assert f"\t{written}\n" in text
        text = text.replace(f"\t{written}\n", f"\t{variant}\n")
    report = gipparse.loads(text)
    assert report.statistics == stats
    fuzzy = [d for d in report.diagnostics if d.code == "table.fuzzy-label"]
    # Both misprints are read, and both are noted: the one a known misprint of the
    # template's data, the other one edit away from its label.
    assert sorted(d.message for d in fuzzy) == [
        "'2.其他法律行政止公开' read as 2.其他法律行政法规禁止公开",
        "'4、保护第三方合法权溢' read as 4.保护第三方合法权益",
    ]
    assert codes(report) == ["table.fuzzy-label", "table.fuzzy-label"]
    assert report.valid


def test_other_is_only_read_under_other_handling() -> None:
    text = rendered(Statistics.from_flat("2020", balanced("2020")))
    # A "3.其他" row where template 2020 has none matches nothing.
    text = text.replace(
        "\t（七）总计", "\t3.其他\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\n\t\n\t（七）总计"
    )
    report = gipparse.loads(text)
    unknown = [d for d in report.diagnostics if d.code == "table.unknown-row"]
    assert len(unknown) == 1
    assert "'3.其他'" in unknown[0].message


def test_blank_and_dash_zero_cells() -> None:
    flat = balanced("2020", seed=11)
    stats = Statistics.from_flat("2020", flat)
    text = rendered(stats, "pipe")
    lines = text.split("\n")
    blanked = 0
    for n, line in enumerate(lines):
        if line.startswith("|  |  | ") and "| 0 |" in line:
            lines[n] = line.replace("| 0 |", "|  |")  # zeros left blank (上海 2019)
            blanked += 1
    row = next(
        n
        for n, line in enumerate(lines)
        if line.startswith(("| 一、", "| 二、", "| 三、", "| 四、结转")) and " | 0 | " in line
    )
    cells = lines[row].split(" | ")
    lines[row] = " | ".join("—" if c == "0" else c for c in cells)
    report = load_lines(lines)
    assert report.statistics == stats
    blank = [d for d in report.diagnostics if d.code == "value.blank-zero"]
    assert len(blank) == 1  # one per table, listing where
    assert blanked > 0
    assert "read as 0" in blank[0].message
    dashes = [d for d in report.diagnostics if d.code == "value.dash-zero"]
    assert len(dashes) == cells.count("0")
    assert all(d.line == row + 1 for d in dashes)
    assert report.valid


@pytest.mark.parametrize(
    ("values", "code", "expected"),
    [
        (
            "0 1 1 0 2 1 0 0 0 1 0 0 0 0 0",  # 平潭 2022: one cell, spaces between
            "table.values-in-one-cell",
            [0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0],
        ),
    ],
)
def test_table_four_in_one_cell(values: str, code: str, expected: list[int | None]) -> None:
    lines = seed_lines("002")
    assert lines[376:391] == ["\t0"] * 15  # lines 377-391
    lines[376:391] = ["\t" + values]
    report = load_lines(lines)
    stats = report.statistics
    assert stats is not None
    got = [v for k, v in stats.to_flat().items() if k.startswith("appeals.")]
    assert got == expected
    found = [d for d in report.diagnostics if d.code == code]
    assert [d.line for d in found] == [377]


def test_table_four_run_together_is_told_apart_by_its_sums() -> None:
    """平潭 2021 prints table 四 as ``10203120001200000``: 17 digits for 15 cells. The
    table reading cannot split it; read as a flattened table, the group totals allow one
    cut, and every other value is read as the table reading reads it."""
    lines = seed_lines("002")
    original = load_lines(lines).statistics
    assert original is not None
    lines[376:391] = ["\t10203120001200000"]
    report = load_lines(lines)
    stats = report.statistics
    assert stats is not None
    got = [v for k, v in stats.to_flat().items() if k.startswith("appeals.")]
    assert got == [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]
    assert {k: v for k, v in stats.to_flat().items() if not k.startswith("appeals.")} == {
        k: v for k, v in original.to_flat().items() if not k.startswith("appeals.")
    }
    codes = {d.code for d in report.diagnostics}
    assert {"table.concatenated-values", "table.flattened-gaps"} <= codes
    upheld = stats.sources["appeals.review.upheld"]
    assert upheld.raw == "1"
    assert upheld.span is not None
    assert (upheld.span.line, upheld.span.column) == (377, 2)
    assert report.valid


def test_extra_and_missing_cells_are_diagnosed_with_the_row() -> None:
    lines = seed_lines("000")
    assert lines[42] == "\t0"  # line 43: 行政许可 · 本年增/减
    del lines[42]  # 行政许可 now has two values for three columns
    report = load_lines(lines)
    missing = [d for d in report.diagnostics if d.code == "table.missing-cell"]
    assert len(missing) == 1
    assert missing[0].line == 41
    assert "2 value cell(s) for 3 column(s)" in missing[0].message
    assert report.statistics is not None
    assert [
        report.statistics[f"active.licensing.{f}"] for f in ("prev_items", "change", "decisions")
    ] == [None] * 3

    lines = seed_lines("000")
    lines.insert(44, "\t9")  # a fourth value for 行政许可
    report = load_lines(lines)
    extra = [d for d in report.diagnostics if d.code == "table.extra-cell"]
    assert [d.line for d in extra] == [41]
    assert report.statistics is not None
    assert report.statistics["active.licensing.decisions"] is None


def test_a_column_header_in_yuan() -> None:
    lines = seed_lines("002")
    assert lines[79] == "\t采购总金额（万元）"
    lines[79] = "\t采购总金额（单位：元）"
    lines[83] = "\t251000"
    report = load_lines(lines)
    assert report.statistics is not None
    assert report.statistics["active.procurement.amount"] == Decimal("25.1")
    converted = [d for d in report.diagnostics if d.code == "value.unit-converted"]
    assert [d.line for d in converted] == [84]


def test_year_mismatch() -> None:
    lines = seed_lines("004")
    assert lines[0] == "枣庄市台儿庄区应急管理局2021年"
    lines[0] = "枣庄市台儿庄区应急管理局2020年"
    report = load_lines(lines)
    assert report.metadata.year == 2020
    assert report.metadata.template == "2021"  # the tables decide
    mismatch = [d for d in report.diagnostics if d.code == "template.year-mismatch"]
    assert len(mismatch) == 1
    assert "template 2021" in mismatch[0].message
    assert "2020 report would use template 2020" in mismatch[0].message
    assert report.statistics is not None
    assert report.statistics["active.penalty.decisions"] == 139


def test_statistics_without_section_headings() -> None:
    """Tables are found by their signature: a report whose headings are gone (flattened
    pages, unusual wording) still yields every statistic."""
    heading = re.compile(r"^\s*[一二三四五六]、")
    lines = [line for line in seed_lines("000") if not heading.match(line)]
    report = load_lines(lines)
    assert [s.kind for s in report.sections] == ["preamble"]
    assert report.statistics == gipparse.load(SEEDS["000"]).statistics
    assert report.valid


def test_a_table_split_by_a_stray_line() -> None:
    lines = seed_lines("003")
    assert lines[272] == "\t"  # between （三）8 and （四）无法提供... rows, line 273
    lines.insert(272, "（续表）")
    lines.insert(272, "")
    report = load_lines(lines)
    section = report.section("applications")
    assert section is not None
    assert len(section.tables) == 2
    assert report.statistics == gipparse.load(SEEDS["003"]).statistics


def test_a_missing_table() -> None:
    lines = seed_lines("000")
    del lines[353:397]  # table 四, lines 354-397
    report = load_lines(lines)
    assert "template.missing-table" in codes(report)
    stats = report.statistics
    assert stats is not None
    assert all(v is None for k, v in stats.to_flat().items() if k.startswith("appeals."))
    assert any(d.code == "relation.unchecked" for d in report.diagnostics)
    assert report.valid is False


def test_a_report_without_tables() -> None:
    report = gipparse.loads("某局2020年政府信息公开工作年度报告\n一、总体情况\n无\n")
    assert report.statistics is None
    assert report.metadata.template is None
    assert [c for c in codes(report) if c != "section.missing"] == ["template.no-tables"]
    assert report.valid is False


def test_rows_without_labels_that_do_not_fit_are_not_read() -> None:
    """Seed 003's damaged block with one row fewer: ten places, nine rows. Placing them
    would be a guess, so they stay unknown."""
    lines = seed_lines("003")
    assert lines[162:173] == ["\t", "\t", *["\t\xa00"] * 8, ""]  # lines 163-173
    del lines[162:173]
    report = load_lines(lines)
    unlabelled = [d for d in report.diagnostics if d.code == "table.unlabelled-row"]
    assert len(unlabelled) == 9
    assert all("do not fit the 10 place(s)" in d.message for d in unlabelled)
    stats = report.statistics
    assert stats is not None
    assert stats["applications.granted.natural_person"] is None
    assert stats["applications.unavailable.not_held.natural_person"] == 0
    assert report.valid is False


def test_a_failing_template_plugin_is_named() -> None:
    base = template("2020")

    class Broken(gipparse.Template):
        def score(self, tables: gipparse.ReportTables) -> int:
            return 99

        def read(
            self, tables: gipparse.ReportTables
        ) -> tuple[Statistics | None, list[gipparse.Diagnostic]]:
            raise KeyError("oops")

    broken = Broken(
        id="broken",
        title="",
        first_year=2030,
        last_year=None,
        tables=base.tables,
        relations=base.relations,
    )

    class Plugin:
        @gipparse.hookimpl
        def gipparse_register_templates(self, register: object) -> None:
            register(broken)  # type: ignore[operator]

    with pytest.raises(
        gipparse.PluginError, match="reading the statistics failed: KeyError"
    ) as info:
        gipparse.load(SEEDS["000"], plugins=[Plugin()])
    assert info.value.plugin == __name__


@pytest.mark.parametrize("seed", ["000", "003", "004"])
def test_reading_a_table_of_a_known_shape_gives_the_same_result(seed: str) -> None:
    """Tables of a shape already matched cleanly are read by replaying the match; the
    result must not differ from the first reading, diagnostics included."""
    lines = seed_lines(seed)
    first = load_lines(lines)
    second = load_lines(lines)
    assert second.statistics == first.statistics
    assert [d.format() for d in second.diagnostics] == [d.format() for d in first.diagnostics]
    # The same shape with other numbers and an unreadable cell: read afresh, once each.
    changed = [
        line.replace("\t0", "\t—", 1) if n % 3 == 0 else line for n, line in enumerate(lines)
    ]
    a, b = load_lines(changed), load_lines(changed)
    assert a.statistics == b.statistics
    assert [d.format() for d in a.diagnostics] == [d.format() for d in b.diagnostics]
    dashes = [d.line for d in a.diagnostics if d.code == "value.dash-zero"]
    assert dashes
    assert len(dashes) == len(set(dashes))


def test_diagnostics_are_put_in_source_order_with_and_without_spans() -> None:
    from gipparse import Diagnostic, Span
    from gipparse.pipeline import _in_source_order

    def d(code: str, line: int | None) -> Diagnostic:
        span = None if line is None else Span(line, 1, line, 2)
        return Diagnostic(Severity.WARNING, code, code, span)

    spanned = [d("c", 9), d("a", 3), d("b", 3), d("z", 1)]
    assert [x.code for x in _in_source_order(spanned)] == ["z", "a", "b", "c"]
    mixed = [d("n", None), d("c", 9), d("m", None), d("a", 3)]
    assert [x.code for x in _in_source_order(mixed)] == ["a", "c", "n", "m"]
    assert _in_source_order([]) == ()


@given(
    st.lists(st.one_of(st.none(), st.integers(1, 6)), max_size=12),
    st.lists(st.one_of(st.none(), st.integers(1, 6)), min_size=1, max_size=4),
)
def test_the_validators_diagnostics_are_put_in_place_as_sorting_all_puts_them(
    lines: list[int | None], extra_lines: list[int | None]
) -> None:
    """The diagnostics validators add are put among the report's, already in source
    order, where sorting them all together puts them: after those of their line, with
    or without spans on either side."""
    from gipparse import Diagnostic, Span
    from gipparse.pipeline import _in_source_order, _with_extra

    def d(n: int, line: int | None) -> Diagnostic:
        span = None if line is None else Span(line, 1, line, 2)
        return Diagnostic(Severity.WARNING, f"c{n}", f"m{n}", span)

    found = [d(n, line) for n, line in enumerate(lines)]
    extra = [d(100 + n, line) for n, line in enumerate(extra_lines)]
    expected = _in_source_order([*_in_source_order(found), *extra])
    merged = _with_extra(_in_source_order(found), extra)
    assert [x.code for x in merged] == [x.code for x in expected]
    assert merged.__class__ is tuple


def test_the_template_is_set_in_metadata_as_evolve_sets_it() -> None:
    import attrs

    from gipparse.pipeline import _with_template

    metadata = Metadata(agency="某局", year=2020, template=None, script="hant", period="p")
    made = _with_template(metadata, "2021")
    assert made == attrs.evolve(metadata, template="2021")
    assert [getattr(made, f.name) for f in attrs.fields(Metadata)] == [
        "某局",
        2020,
        "2021",
        "hant",
        "p",
    ]
    assert _with_template(Metadata(), "2020") == Metadata(template="2020")
