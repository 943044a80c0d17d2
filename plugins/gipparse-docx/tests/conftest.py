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
import subprocess
from pathlib import Path
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


def write_document(seed: Any, style: Style, support: Any, final_paragraph: bool = False) -> bytes:
    """The seed as a Word document in *style*, as bytes; with *final_paragraph*, ending in
    an empty paragraph, as every document Word saves does (LibreOffice drops a table that
    ends a document when it writes Word 97)."""
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
    if final_paragraph:
        document.add_paragraph()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class Writer:
    """What the tests need from this module (a conftest cannot be imported)."""

    chrome_texts = CHROME_TEXTS
    styles = STYLES

    def __init__(self, support: Any) -> None:
        self.support = support

    def document(self, seed: Any, style: Style, final_paragraph: bool = False) -> bytes:
        return write_document(seed, style, self.support, final_paragraph)


# ---------------------------------------------------------------------------------------
# Legacy Word documents, written by LibreOffice from the DOCX above
# ---------------------------------------------------------------------------------------


def soffice_or_skip() -> str:
    """The LibreOffice program the plugin would run; the test is skipped without one."""
    from gipparse_docx._convert import find_soffice

    found = find_soffice()
    if found is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed, so no legacy Word document can be "
            "written or read here (Debian: apt install libreoffice-writer-nogui)"
        )
    return found


def soffice_convert(sources: list[Path], target: str, folder: Path) -> list[Path]:
    """Convert *sources* with LibreOffice to *target* (``"doc:MS Word 97"``) in one run,
    with a profile of its own; returns the files written, in order."""
    soffice = soffice_or_skip()
    out = folder / "out"
    out.mkdir(exist_ok=True)
    subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            *map(str, sources),
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=600,
        check=True,
    )
    suffix = "." + target.split(":", maxsplit=1)[0]
    written = [out / (s.stem + suffix) for s in sources]
    missing = [w.name for w in written if not w.is_file()]
    assert not missing, f"LibreOffice wrote no {missing}"
    return written


@pytest.fixture(scope="session")
def legacy_files(
    seeds: dict[str, Any], writer: Writer, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Every seed as a Word 97 document (``.doc``) and as RTF, written by LibreOffice from
    the seed's DOCX (style "word"): ``{"000.doc": path, "000.rtf": path, ...}``."""
    soffice_or_skip()
    folder = tmp_path_factory.mktemp("legacy")
    sources = []
    for name, seed in seeds.items():
        source = folder / f"{name}.docx"
        source.write_bytes(writer.document(seed, STYLES["word"], final_paragraph=True))
        sources.append(source)
    files = soffice_convert(sources, "doc:MS Word 97", folder)
    files += soffice_convert(sources, "rtf:Rich Text Format", folder)
    return {f.name: f for f in files}


@pytest.fixture(scope="session")
def writer(support: Any) -> Writer:
    return Writer(support)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "doc_style" in metafunc.fixturenames:
        metafunc.parametrize("doc_style", list(STYLES.values()), ids=lambda s: s.name)
