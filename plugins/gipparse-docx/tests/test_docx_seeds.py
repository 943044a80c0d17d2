"""The seed reports written as Word documents read as the same reports as their text.

Every test runs on every seed (``seed_name``) written in every style (``doc_style``): see
``conftest.py`` for how the documents are made.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

import gipparse
from gipparse.testing import seed_loader

pytest.importorskip("gipparse_docx")

# Diagnostics that depend on the text layout, not on what the report says.
_LAYOUT_CODES = ("tab.", "pipe.", "source.")


@pytest.fixture(scope="module")
def documents(seeds: dict[str, Any], writer: Any, tmp_path_factory: Any) -> Any:
    """``documents(seed name, style)``: the seed written in that style, saved as a file
    and loaded with the installed plugins."""
    return seed_loader(tmp_path_factory.mktemp("documents"), ".docx", writer.document, seeds)


def test_document_reads_as_the_text_report(
    seed_name: str, doc_style: Any, seeds: dict[str, Any], documents: Any, writer: Any
) -> None:
    support = writer.support
    seed = seeds[seed_name]
    expected = support.outline(seed.report)
    if doc_style.blank_zeros:
        expected = support.blanked(expected, seed)
    report = documents(seed_name, doc_style)
    assert support.outline(report) == expected
    assert len(report.tables) == len(seed.report.tables)
    assert all(t.format == "docx" for t in report.tables)


def test_merged_cells_are_expanded_like_the_text_export(
    seed_name: str, seeds: dict[str, Any], documents: Any, writer: Any
) -> None:
    # Not only the normalised text: the cells as written, merges as empty cells.
    seed = seeds[seed_name]
    report = documents(seed_name, writer.styles["word"])
    for word, text in zip(report.tables, seed.report.tables, strict=True):
        assert [[c.raw for c in r.cells] for r in word.rows] == [
            [c.raw for c in r.cells] for r in text.rows
        ]


def test_page_header_and_footer_stay_out(seed_name: str, doc_style: Any, documents: Any) -> None:
    source = documents(seed_name, doc_style).source
    assert "某某区人民政府办公室文件" not in source
    assert "第1页" not in source


def test_what_word_does_not_print_stays_out(
    seed_name: str, doc_style: Any, documents: Any, writer: Any
) -> None:
    # Deleted text and rows, hidden runs and paragraphs, a field inside a field's code.
    source = documents(seed_name, doc_style).source
    assert [t for t in writer.hidden_texts if t in source] == []


def test_every_node_points_into_the_source(
    seed_name: str, doc_style: Any, documents: Any, writer: Any
) -> None:
    report = documents(seed_name, doc_style)
    writer.support.check_spans(report)
    for table in report.tables:
        assert gipparse.render_table(table) == gipparse.render_table(table, "tab")


def _report_diagnostics(report: gipparse.Report) -> Counter[tuple[str, str]]:
    return Counter(
        (d.code, d.severity.value)
        for d in report.diagnostics
        if not d.code.startswith(_LAYOUT_CODES)
    )


def test_metadata_diagnostics_and_statistics_equal_the_text_report(
    seed_name: str, doc_style: Any, seeds: dict[str, Any], documents: Any
) -> None:
    text = seeds[seed_name].report
    report = documents(seed_name, doc_style)
    assert report.metadata == text.metadata
    assert {d.code for d in report.diagnostics if d.code.startswith("source.")} == set(
        doc_style.source_codes
    )
    assert _report_diagnostics(text) - _report_diagnostics(report) == Counter()
    if not doc_style.blank_zeros:
        assert _report_diagnostics(report) - _report_diagnostics(text) == Counter()
    if text.statistics is None:
        pytest.skip("no statistics are read from the text report yet")
    assert report.statistics is not None
    assert report.statistics.to_flat() == text.statistics.to_flat()
    assert report.valid == text.valid
