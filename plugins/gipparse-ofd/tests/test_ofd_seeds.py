"""The seed reports written as OFD documents read as the same reports as their text.

Every test runs on every seed (``seed_name``) written in every style (``ofd_style``): see
``conftest.py`` for how the documents are made. A fixed-layout page keeps no spaces
between Chinese characters and no TABs (a space is where the next character starts, not a
character), so prose is compared without whitespace, as a web page shows it (TABs in
prose are spaces there too: ``Seed.web_report``); cell texts are compared exactly, as
normalised (``Cell.text``, which joins a cell's lines).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

import gipparse
from gipparse.testing import seed_loader

pytest.importorskip("gipparse_ofd")

_LAYOUT_CODES = ("tab.", "pipe.", "source.")


def _squeezed(outline: Any) -> Any:
    return [
        (kind, heading, [(what, re.sub(r"\s+", "", v) if what == "p" else v) for what, v in b])
        for kind, heading, b in outline
    ]


def _cell_texts(report: gipparse.Report) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in report.tables]


@pytest.fixture(scope="module")
def documents(seeds: dict[str, Any], writer: Any, tmp_path_factory: Any) -> Any:
    """``documents(seed name, style)``: the seed written in that style, saved as a file
    and loaded with the installed plugins."""
    return seed_loader(tmp_path_factory.mktemp("ofd"), ".ofd", writer.document, seeds)


def test_every_table_is_rebuilt_cell_for_cell(
    seed_name: str, ofd_style: Any, seeds: dict[str, Any], documents: Any
) -> None:
    text = seeds[seed_name].report
    report = documents(seed_name, ofd_style)
    assert all(t.format == "ofd" for t in report.tables)
    # The grid, merges as empty cells, and every cell's text.
    assert _cell_texts(report) == _cell_texts(text)


def test_the_document_reads_as_the_text_report(
    seed_name: str, ofd_style: Any, seeds: dict[str, Any], documents: Any, support: Any
) -> None:
    seed = seeds[seed_name]
    report = documents(seed_name, ofd_style)
    expected = support.outline(seed.web_report)
    # Cells are compared as normalised text: a cell's lines were wrapped to its width.
    got = [
        (k, h, [(w, v) if w == "p" else ("t", None) for w, v in blocks])
        for k, h, blocks in _squeezed(support.outline(report))
    ]
    want = [
        (k, h, [(w, v) if w == "p" else ("t", None) for w, v in blocks])
        for k, h, blocks in _squeezed(expected)
    ]
    assert got == want


def test_running_headers_and_page_numbers_stay_out(
    seed_name: str, ofd_style: Any, documents: Any, writer: Any
) -> None:
    source = documents(seed_name, ofd_style).source
    assert writer.chrome_texts[0] not in source
    assert not re.search(r"^- \d+ -$", source, re.M)


def test_every_node_points_into_the_source(
    seed_name: str, ofd_style: Any, documents: Any, support: Any
) -> None:
    report = documents(seed_name, ofd_style)
    support.check_spans(report)
    for table in report.tables:
        assert gipparse.render_table(table) == gipparse.render_table(table, "tab")


def _report_diagnostics(report: gipparse.Report) -> Counter[tuple[str, str]]:
    return Counter(
        (d.code, d.severity.value)
        for d in report.diagnostics
        if not d.code.startswith(_LAYOUT_CODES)
    )


def test_metadata_diagnostics_and_statistics_equal_the_text_report(
    seed_name: str, ofd_style: Any, seeds: dict[str, Any], documents: Any
) -> None:
    text = seeds[seed_name].report
    report = documents(seed_name, ofd_style)
    assert report.metadata == text.metadata
    # The reader notes only what it left out on purpose (page numbers and running lines,
    # header rows repeated over a page end); it warns of nothing.
    notes = [d for d in report.diagnostics if d.code.startswith("source.")]
    assert {d.code for d in notes} <= {"source.page-chrome", "source.repeated-header"}
    assert all(d.severity is gipparse.Severity.INFO for d in notes)
    assert _report_diagnostics(report) == _report_diagnostics(text)
    assert (report.statistics is None) == (text.statistics is None)
    if text.statistics is not None:
        assert report.statistics is not None
        assert report.statistics.to_flat() == text.statistics.to_flat()
    assert report.valid == text.valid
