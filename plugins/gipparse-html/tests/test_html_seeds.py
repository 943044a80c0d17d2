"""The seed reports published as web pages read as the same reports as their text.

Every test runs on every seed (``seed_name``) published in every style (``page_style``):
see ``conftest.py`` for how the pages are made.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

import gipparse
from gipparse.testing import seed_loader

pytest.importorskip("gipparse_html")

# Diagnostics that depend on the text layout, not on what the report says.
_LAYOUT_CODES = ("tab.", "pipe.", "source.")


@pytest.fixture(scope="module")
def pages(seeds: dict[str, Any], publisher: Any, tmp_path_factory: Any) -> Any:
    """``pages(seed name, style)``: the seed published in that style, saved as a file and
    loaded with the installed plugins."""
    return seed_loader(tmp_path_factory.mktemp("pages"), ".html", publisher.page, seeds)


def test_page_reads_as_the_text_report(
    seed_name: str, page_style: Any, seeds: dict[str, Any], pages: Any, publisher: Any
) -> None:
    support = publisher.support
    seed = seeds[seed_name]
    expected = support.outline(seed.web_report)
    if page_style.blank_zeros:
        expected = support.blanked(expected, seed)
    if page_style.merges == "cells":
        # The page has a cell for every column of every row: read as it is.
        expected = publisher.unmerged(expected, seed)
    if page_style.has_title:
        expected = support.with_title(expected, seed.title)
    report = pages(seed_name, page_style)
    assert support.outline(report) == expected
    assert len(report.tables) == len(seed.report.tables)
    assert all(t.format == "html" for t in report.tables)


def test_no_page_chrome_reaches_the_report(
    seed_name: str, page_style: Any, pages: Any, publisher: Any
) -> None:
    source = pages(seed_name, page_style).source
    assert [text for text in publisher.chrome_texts if text in source] == []


def test_the_chrome_texts_are_not_report_text(seeds: dict[str, Any], publisher: Any) -> None:
    # Otherwise the test above would prove nothing.
    for seed in seeds.values():
        text = seed.path.read_text(encoding="utf-8")
        assert [t for t in publisher.chrome_texts if t in text] == []


def test_every_node_points_into_the_source(
    seed_name: str, page_style: Any, pages: Any, support: Any
) -> None:
    report = pages(seed_name, page_style)
    support.check_spans(report)
    for table in report.tables:
        # A table's lines in the source are how it renders (the tab layout).
        assert gipparse.render_table(table) == gipparse.render_table(table, "tab")


def test_gbk_pages_are_decoded_with_or_without_a_declaration(
    seed_name: str, pages: Any, publisher: Any
) -> None:
    declared = pages(seed_name, publisher.styles["modern-gbk-meta"])
    assert declared.source  # decoded; a wrong codec would not read as the text report
    assert [d.code for d in declared.diagnostics if d.code.startswith("source.charset")] == []
    detected = pages(seed_name, publisher.styles["semantic-gbk-undeclared"])
    codes = [d.code for d in detected.diagnostics if d.code.startswith("source.charset")]
    assert codes == ["source.charset-detected"]


def test_layout_tables_are_reported(seed_name: str, pages: Any, publisher: Any) -> None:
    layout = pages(seed_name, publisher.styles["layout-tables"])
    assert "source.layout-table" in [d.code for d in layout.diagnostics]
    modern = pages(seed_name, publisher.styles["modern-utf8"])
    assert "source.layout-table" not in [d.code for d in modern.diagnostics]


def test_hidden_text_is_left_out_and_said(seed_name: str, pages: Any, publisher: Any) -> None:
    # The CMS pages hide a duplicated abstract and template text (neither reaches the
    # report: they are chrome texts); a Word page hides nothing and has no chrome.
    for name in ("trs-cms-gbk", "trs-no-container-gbk", "cms-gb2312-unquoted"):
        codes = [d.code for d in pages(seed_name, publisher.styles[name]).diagnostics]
        assert "source.hidden-text" in codes
    word = pages(seed_name, publisher.styles["word-save-as-html"])
    assert [d.code for d in word.diagnostics if d.code.startswith("source.")] == []


def _report_diagnostics(report: gipparse.Report) -> Counter[tuple[str, str]]:
    return Counter(
        (d.code, d.severity.value)
        for d in report.diagnostics
        if not d.code.startswith(_LAYOUT_CODES)
    )


def test_metadata_diagnostics_and_statistics_equal_the_text_report(
    seed_name: str, page_style: Any, seeds: dict[str, Any], pages: Any
) -> None:
    text = seeds[seed_name].web_report
    report = pages(seed_name, page_style)
    assert report.metadata == text.metadata
    assert _report_diagnostics(text) - _report_diagnostics(report) == Counter()
    if not page_style.blank_zeros:
        assert _report_diagnostics(report) - _report_diagnostics(text) == Counter()
    if text.statistics is None:
        pytest.skip("no statistics are read from the text report yet")
    assert report.statistics is not None
    assert report.statistics.to_flat() == text.statistics.to_flat()
    assert report.valid == text.valid
