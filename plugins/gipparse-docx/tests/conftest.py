"""Writing the seed reports as Word documents, the way agencies write them.

A document is generated from a seed's parsed text with python-docx: headings in a heading
style, paragraphs, images where the text had image lines, and each table with the
vertical and horizontal merges it had (inferred from the tab layout), page header and
footer text around the body. Depending on the :class:`Style`, cell lines are paragraphs
or line breaks, and zero cells are left blank.
"""

from __future__ import annotations

import base64
import io
import re
from typing import Any

import attrs
import pytest

from gipparse import Paragraph, Table

#: Page header and footer text: neither may reach a report.
CHROME_TEXTS = ("某某区人民政府办公室文件", "第1页 共3页")

# A 1×1 PNG, for the images the text reports show as ![name](url) lines.
_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@attrs.frozen
class Style:
    name: str
    cell_lines: str = "paragraphs"  # or "breaks"
    blank_zeros: bool = False


STYLES = {
    s.name: s
    for s in (
        Style("word"),
        Style("word-breaks-blank-zeros", cell_lines="breaks", blank_zeros=True),
    )
}


def _write_lines(cell: Any, text: str, style: Style) -> None:
    lines = text.split("\n")
    paragraph = cell.paragraphs[0]
    if style.cell_lines == "breaks":
        run = paragraph.add_run(lines[0])
        for line in lines[1:]:
            run.add_break()
            run.add_text(line)
        return
    paragraph.add_run(lines[0])
    for line in lines[1:]:
        cell.add_paragraph(line)


def _add_table(document: Any, table: Table, seed: Any, style: Style, support: Any) -> None:
    from gipparse import Cell

    grid = support.merged_layout(table, continuations=seed.tab_tables)
    word = document.add_table(rows=len(grid.rows), cols=grid.width)
    word.style = "Table Grid"
    for row in grid.rows:
        for cell in row:
            if cell.rowspan > 1 or cell.colspan > 1:
                # Row by row: Table.cell() walks the whole table on every call.
                last = word.rows[cell.row + cell.rowspan - 1].cells[cell.column + cell.colspan - 1]
                word.rows[cell.row].cells[cell.column].merge(last)
    for row, word_row in zip(grid.rows, word.rows, strict=True):
        word_cells = word_row.cells  # one per grid column; merged cells repeat
        for cell in row:
            if style.blank_zeros and support.is_blank_zero(table, seed, Cell(cell.text).text):
                continue
            _write_lines(word_cells[cell.column], cell.text, style)


def write_document(seed: Any, style: Style, support: Any) -> bytes:
    """The seed as a Word document in *style*, as bytes."""
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = CHROME_TEXTS[0]
    section.footer.paragraphs[0].text = CHROME_TEXTS[1]
    for part in seed.report.sections:
        if part.heading is not None:
            document.add_heading(part.heading.raw, level=2)
        for block in part.blocks:
            if isinstance(block, Paragraph):
                if re.fullmatch(r"\s*!\[[^\]]*\]\([^)]*\)\s*", block.raw):
                    document.add_paragraph().add_run().add_picture(io.BytesIO(_PNG))
                else:
                    document.add_paragraph(block.raw)
            else:
                _add_table(document, block, seed, style, support)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class Writer:
    """What the tests need from this module (a conftest cannot be imported)."""

    chrome_texts = CHROME_TEXTS
    styles = STYLES

    def __init__(self, support: Any) -> None:
        self.support = support

    def document(self, seed: Any, style: Style) -> bytes:
        return write_document(seed, style, self.support)


@pytest.fixture(scope="session")
def writer(support: Any) -> Writer:
    return Writer(support)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "doc_style" in metafunc.fixturenames:
        metafunc.parametrize("doc_style", list(STYLES.values()), ids=lambda s: s.name)
