"""Seed reports exported to PDF by LibreOffice on a machine with no font that has Chinese
characters, kept as files (``fixtures/``) so that the test does not depend on this
machine's fonts.

They were made as ``conftest.py`` makes the ``plain`` style, with ``soffice`` run under a
fontconfig that lists only DejaVu fonts: ``002-plain-dejavu-core.pdf`` with those of
Debian's fonts-dejavu-core, ``004-plain-dejavu.pdf`` with all of fonts-dejavu. Each Chinese
character is then drawn as an empty box of a Latin font (its Unicode value kept), narrower
than a Chinese glyph, so that the pages end elsewhere than with a Chinese font: in both,
the applications table's header is the last thing on a page and its first row of numbers
starts the next one. The header's 自然人 and 总计 are merged over its two rows and end at
the page end; the zeros under them start the next row, they are not the rest of the labels.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import gipparse

pytest.importorskip("gipparse_pdf")

FIXTURES = Path(__file__).parent / "fixtures"
PDFS = {"002": "002-plain-dejavu-core.pdf", "004": "004-plain-dejavu.pdf"}

_SPACE_RE = re.compile(r"\s+")


def _texts(report: gipparse.Report) -> list[list[list[str]]]:
    return [
        [[_SPACE_RE.sub("", c.text) for c in row.cells] for row in t.rows] for t in report.tables
    ]


@pytest.mark.parametrize("seed", sorted(PDFS))
def test_a_header_ending_a_page_keeps_its_labels(seed: str, seeds: dict[str, Any]) -> None:
    import pypdfium2

    path = FIXTURES / PDFS[seed]
    document = pypdfium2.PdfDocument(path)
    try:
        pages = [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()
    (header_page,) = (i for i, text in enumerate(pages) if "法人或其他组织" in text)
    assert "本年新收" in pages[header_page + 1].replace("\r\n", "")
    pdf = gipparse.load(path)
    text = seeds[seed].report
    (applications,) = (t for t in _texts(pdf) if any("申请人情况" in row for row in t))
    (header,) = (i for i, row in enumerate(applications) if "法人或其他组织" in row)
    assert applications[header] == ["", "自然人", "法人或其他组织", "总计"]
    assert applications[header + 2] == ["一、本年新收政府信息公开申请数量", *["0"] * 7]
    assert _texts(pdf) == _texts(text)
    assert gipparse.to_record(pdf)["stats"] == gipparse.to_record(text)["stats"]
    assert pdf.metadata == text.metadata
    assert [d.code for d in pdf.diagnostics] == ["source.page-chrome"]
    assert not text.diagnostics
