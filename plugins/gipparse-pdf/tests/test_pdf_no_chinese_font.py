"""Seed reports exported to PDF by LibreOffice on a machine with no font that has Chinese
characters, kept as files (``fixtures/``) so that the tests do not depend on this
machine's fonts.

They were made as ``conftest.py`` makes the ``plain`` style, with ``soffice`` run under a
fontconfig that lists only DejaVu fonts: ``002-plain-dejavu-core.pdf`` with those of
Debian's fonts-dejavu-core, ``001-plain-dejavu.pdf`` and ``004-plain-dejavu.pdf`` with all
of fonts-dejavu. Each Chinese character is then drawn as an empty box of a Latin font (its
Unicode value kept), narrower than a Chinese glyph, so that lines and pages end elsewhere
than with a Chinese font:

* in 002 and 004 the applications table's header is the last thing on a page and its first
  row of numbers starts the next one. The header's 自然人 and 总计 are merged over its two
  rows and end at the page end; the zeros under them start the next row, they are not the
  rest of the labels;
* in 001 a line starts with 〔2020〕42號 after a line that ends short of the right margin,
  though not by the width of 〔2020〕, which a line break cannot split; another starts
  with the pinyin a converter left after 監, (jiān)督權. Neither starts a paragraph.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import gipparse

pytest.importorskip("gipparse_pdf")

FIXTURES = Path(__file__).parent / "fixtures"
PDFS = {
    "001": "001-plain-dejavu.pdf",
    "002": "002-plain-dejavu-core.pdf",
    "004": "004-plain-dejavu.pdf",
}

_SPACE_RE = re.compile(r"\s+")


def _tables(report: gipparse.Report) -> list[list[list[str]]]:
    return [
        [[_SPACE_RE.sub("", c.text) for c in row.cells] for row in t.rows] for t in report.tables
    ]


def _paragraphs(report: gipparse.Report) -> list[str]:
    return [_SPACE_RE.sub("", p.text) for p in report.paragraphs if "![" not in p.text]


def _outline(report: gipparse.Report) -> list[tuple[str, str | None]]:
    return [
        (s.kind, s.heading.text if s.heading else None)
        for s in report.sections
        if s.kind != "closing"
    ]


def _page_texts(path: Path) -> list[str]:
    """PDFium's text of each page, its lines ending in CRLF."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


@pytest.mark.parametrize("seed", sorted(PDFS))
def test_pdf_reads_like_the_seed(seed: str, seeds: dict[str, Any]) -> None:
    pdf = gipparse.load(FIXTURES / PDFS[seed])
    text = seeds[seed].report
    assert _tables(pdf) == _tables(text)
    assert gipparse.to_record(pdf)["stats"] == gipparse.to_record(text)["stats"]
    assert pdf.metadata == text.metadata
    # The same diagnostics about the report (no value.blank-zero), and the page numbers
    # left out.
    assert [(d.code, d.message) for d in pdf.diagnostics if d.code != "source.page-chrome"] == [
        (d.code, d.message) for d in text.diagnostics
    ]
    assert [d.code for d in pdf.diagnostics if d.code.startswith("source.")] == [
        "source.page-chrome"
    ]
    assert _outline(pdf) == _outline(text)
    if seed == "002":
        # It ends with a figure's data as TAB-separated text, which the page wraps at
        # tab stops (see test_pdf_seeds.py): there, the text only.
        assert "".join(_paragraphs(pdf)) == "".join(_paragraphs(text))
    else:
        assert _paragraphs(pdf) == _paragraphs(text)


@pytest.mark.parametrize("seed", ["002", "004"])
def test_a_header_ending_a_page_keeps_its_labels(seed: str) -> None:
    path = FIXTURES / PDFS[seed]
    pages = _page_texts(path)
    (header_page,) = (i for i, text in enumerate(pages) if "法人或其他组织" in text)
    assert "本年新收" in pages[header_page + 1].replace("\r\n", "")
    (applications,) = (
        t for t in _tables(gipparse.load(path)) if any("申请人情况" in row for row in t)
    )
    (header,) = (i for i, row in enumerate(applications) if "法人或其他组织" in row)
    assert applications[header] == ["", "自然人", "法人或其他组织", "总计"]
    assert applications[header + 2] == ["一、本年新收政府信息公开申请数量", *["0"] * 7]


def test_lines_starting_with_an_opening_bracket_continue_their_paragraph() -> None:
    path = FIXTURES / PDFS["001"]
    text = "".join(_page_texts(path))
    assert "阜政辦秘\r\n〔2020〕42 號" in text
    assert "參與權和監\r\n(jiān)督權。" in text
    (paragraph,) = (p for p in _paragraphs(gipparse.load(path)) if "〔2020〕42號" in p)
    assert "(阜政辦秘〔2020〕42號)" in paragraph
    assert paragraph.endswith("參與權和監督權。")
