"""The seed reports as Word documents exported to PDF by LibreOffice read with the same
statistics, metadata and tables as the Word documents themselves (see ``conftest.py``
for how the PDFs are made, in which styles); those whose tables have no lines between
their columns read nothing the Word documents do not say."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import gipparse

pytest.importorskip("gipparse_pdf")
pytest.importorskip("gipparse_docx")

_SPACE_RE = re.compile(r"\s+")


def _texts(table: gipparse.Table) -> list[list[str]]:
    """A table's cell texts, whitespace left out (a PDF does not keep line breaks)."""
    return [[_SPACE_RE.sub("", c.text) for c in row.cells] for row in table.rows]


@pytest.fixture(scope="module")
def loaded(pdfs: dict[tuple[str, str], tuple[Path, Path]]) -> Any:
    cache: dict[tuple[str, str], tuple[gipparse.Report, gipparse.Report]] = {}

    def load(seed: str, style: str) -> tuple[gipparse.Report, gipparse.Report]:
        if (seed, style) not in cache:
            docx, pdf = pdfs[seed, style]
            cache[seed, style] = (gipparse.load(docx), gipparse.load(pdf))
        return cache[seed, style]

    return load


def test_pdf_reads_like_the_word_document(seed_name: str, pdf_style: Any, loaded: Any) -> None:
    word, pdf = loaded(seed_name, pdf_style.name)
    assert gipparse.to_record(pdf)["stats"] == gipparse.to_record(word)["stats"]
    assert pdf.metadata == word.metadata
    assert [_texts(t) for t in pdf.tables] == [_texts(t) for t in word.tables]
    assert all(t.format == "pdf" for t in pdf.tables)


def test_diagnostics_about_the_report_are_the_same(
    seed_name: str, pdf_style: Any, loaded: Any
) -> None:
    word, pdf = loaded(seed_name, pdf_style.name)

    def codes(report: gipparse.Report) -> list[str]:
        return sorted(d.code for d in report.diagnostics if not d.code.startswith("source."))

    assert codes(pdf) == codes(word)


def test_sections_and_headings(seed_name: str, pdf_style: Any, loaded: Any) -> None:
    word, pdf = loaded(seed_name, pdf_style.name)

    def outline(report: gipparse.Report) -> list[tuple[str, str | None]]:
        # Not the closing section: seed 002 ends with a figure's data as TAB-separated
        # text, which a page lays out at tab stops and wraps; read from the PDF, it stays
        # prose of the section before.
        return [
            (s.kind, s.heading.text if s.heading else None)
            for s in report.sections
            if s.kind != "closing"
        ]

    assert outline(pdf) == outline(word)


def test_paragraphs_are_the_word_documents(seed_name: str, pdf_style: Any, loaded: Any) -> None:
    # Whitespace aside (a PDF keeps no line breaks or TABs, only gaps between words),
    # paragraph by paragraph; images are not text. Seed 002 ends with a figure's data
    # as TAB-separated text, which the page wraps at tab stops: there, the text only.
    word, pdf = loaded(seed_name, pdf_style.name)

    def paragraphs(report: gipparse.Report) -> list[str]:
        return [_SPACE_RE.sub("", p.text) for p in report.paragraphs if "![" not in p.text]

    if seed_name == "002":
        assert "".join(paragraphs(pdf)) == "".join(paragraphs(word))
    else:
        assert paragraphs(pdf) == paragraphs(word)


def test_page_header_and_footer_are_not_text(seed_name: str, pdf_style: Any, loaded: Any) -> None:
    _, pdf = loaded(seed_name, pdf_style.name)
    assert "某某区人民政府办公室文件" not in pdf.source
    assert "共3页" not in pdf.source


def test_split_styles_break_the_table_and_repeat_its_header(
    pdfs: dict[tuple[str, str], tuple[Path, Path]], loaded: Any
) -> None:
    # The split styles do what they are for: the applications table runs over pages,
    # and in the repeated-header style its header rows are printed again on each page;
    # read, the header is there once.
    import pypdfium2

    for (seed, style), (_, path) in pdfs.items():
        if style not in ("split", "repeated-header"):
            continue
        document = pypdfium2.PdfDocument(path)
        try:
            text = "".join(page.get_textpage().get_text_range() for page in document)
            assert len(document) >= 3
        finally:
            document.close()
        header = "申請人情況" if seed == "001" else "申请人情况"
        if style == "repeated-header":
            assert text.count(header) >= 2, seed
        _, pdf = loaded(seed, style)
        assert pdf.source.count(header) == 1, seed
        repeated = [d for d in pdf.diagnostics if d.code == "source.repeated-header"]
        assert bool(repeated) is (style == "repeated-header"), seed


def test_tables_without_lines_between_columns_invent_nothing(
    seed_name: str, unruled_style: Any, loaded: Any
) -> None:
    # A 三线表, or rows framed without lines between the columns: the cells cannot be
    # rebuilt from rulings, and are not guessed from the spacing of the text. The tables'
    # lines are prose, named by a source.unruled-table warning; what the core reads from
    # them as flattened tables is what the Word document says, and the rest is null with
    # diagnostics.
    word, pdf = loaded(seed_name, unruled_style.name)
    codes = {d.code for d in pdf.diagnostics}
    assert "source.unruled-table" in codes
    # No table of several columns is made (a frame around one row of numbers stays a
    # table of one cell a row, which the core reads by the spaces between the numbers).
    assert all(len(row.cells) == 1 for table in pdf.tables for row in table.rows)
    expected = word.statistics.to_flat()
    read = {key: value for key, value in pdf.statistics.to_flat().items() if value is not None}
    assert read == {key: expected[key] for key in read}
    unread = [key for key, value in expected.items() if value is not None and key not in read]
    assert unread
    assert codes & {"table.missing-row", "template.missing-table"}
    assert not pdf.valid
    assert pdf.metadata == word.metadata
