"""PDFs made from the seed reports the way agencies make them: written as Word documents
(by the gipparse-docx tests' writer) and exported to PDF by LibreOffice (``soffice``).

Styles: ``plain``; ``blank-zeros`` (zero cells of the applications table left blank,
cell lines as line breaks); ``split`` (the applications table's rows made tall, so that
it runs over a page end); ``repeated-header`` (the same, with its header rows marked to
repeat on every page, as Word does). Tests using :func:`pdfs` skip where ``soffice`` is
not installed (Debian: ``libreoffice-writer-nogui``). They run without a font that has
Chinese characters too (Debian: ``fonts-wqy-zenhei``), though the PDFs are then unlike a
report's: each character is an empty box of a Latin font, and lines and pages end
elsewhere (see test_pdf_no_chinese_font.py).
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path
from typing import Any

import attrs
import pytest

_DOCX_TESTS = Path(__file__).parents[2] / "gipparse-docx" / "tests" / "conftest.py"
#: How long one LibreOffice run converting every document may take, in seconds.
SOFFICE_TIMEOUT = 600


@attrs.frozen
class PdfStyle:
    name: str
    word_style: str  # the name of the gipparse-docx tests' style written first
    row_height_cm: float | None = None  # of the applications table's rows
    repeat_header: bool = False


PDF_STYLES = {
    s.name: s
    for s in (
        PdfStyle("plain", "word"),
        PdfStyle("blank-zeros", "word-breaks-blank-zeros"),
        PdfStyle("split", "word", row_height_cm=1.3),
        PdfStyle("repeated-header", "word", row_height_cm=1.3, repeat_header=True),
    )
}


def _docx_writer() -> Any:
    spec = importlib.util.spec_from_file_location("_gipparse_docx_test_writer", _DOCX_TESTS)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _restyle(data: bytes, seed: Any, style: PdfStyle) -> bytes:
    """Make the applications table tall, and mark its header rows to repeat."""
    if style.row_height_cm is None:
        return data
    import io

    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    document = docx.Document(io.BytesIO(data))
    table = max(document.tables, key=lambda t: len(t.rows))
    header_rows = _header_rows(seed.applications_table)
    for index, row in enumerate(table.rows):
        row.height = Cm(style.row_height_cm)
        if style.repeat_header and index < header_rows:
            properties = row._tr.get_or_add_trPr()
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            properties.append(header)
        # A row may not break across pages: a page end falls between rows.
        properties = row._tr.get_or_add_trPr()
        cant_split = OxmlElement("w:cantSplit")
        properties.append(cant_split)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _header_rows(table: Any) -> int:
    """The rows above the first one holding a number."""
    for index, row in enumerate(table.rows):
        if any(c.text.isdigit() for c in row.cells):
            return index
    return 0


@pytest.fixture(scope="session")
def pdfs(
    seeds: dict[str, Any], support: Any, tmp_path_factory: Any
) -> dict[tuple[str, str], tuple[Path, Path]]:
    """``{(seed name, style name): (docx path, pdf path)}`` for every seed and style."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: Debian libreoffice-writer-nogui")
    pytest.importorskip("docx")
    writer = _docx_writer()
    folder = tmp_path_factory.mktemp("pdfs")
    made: dict[tuple[str, str], tuple[Path, Path]] = {}
    for name, seed in seeds.items():
        for style in PDF_STYLES.values():
            data = writer.write_document(seed, writer.STYLES[style.word_style], support)
            path = folder / f"{name}-{style.name}.docx"
            path.write_bytes(_restyle(data, seed, style))
            made[name, style.name] = (path, path.with_suffix(".pdf"))
    profile = folder / "profile"
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        *(str(docx) for docx, _ in made.values()),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=SOFFICE_TIMEOUT)
    missing = [str(pdf) for _, pdf in made.values() if not pdf.exists()]
    assert not missing, f"LibreOffice made no PDF of {missing}"
    return made


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "pdf_style" in metafunc.fixturenames:
        metafunc.parametrize("pdf_style", list(PDF_STYLES.values()), ids=lambda s: s.name)


# -- PDFs drawn object by object -------------------------------------------------------------


class Canvas:
    """A page drawn with PDFium's editing API, in a y-down coordinate system like the
    reader's (the top of the page is ``y = 0``). Text uses Helvetica: Latin and digits."""

    def __init__(self, document: Any, width: float = 595, height: float = 842) -> None:
        import pypdfium2.raw as pdfium_c

        self._c = pdfium_c
        self.document = document
        self.height = height
        self.page = document.new_page(width, height)
        self.container: Any = None  # a form XObject's page, when drawing into one

    def text(self, text: str, x: float, top: float, size: float = 10) -> None:
        import ctypes

        c = self._c
        obj = c.FPDFPageObj_NewTextObj(self.document.raw, b"Helvetica", ctypes.c_float(size))
        encoded = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
        c.FPDFText_SetText(obj, ctypes.cast(encoded, ctypes.POINTER(ctypes.c_ushort)))
        c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, self.height - top - 0.8 * size)
        c.FPDFPage_InsertObject(self.page.raw, obj)

    def line(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        *,
        width: float = 0.5,
        color: tuple[int, int, int, int] = (0, 0, 0, 255),
    ) -> None:
        c = self._c
        path = c.FPDFPageObj_CreateNewPath(x0, self.height - y0)
        c.FPDFPath_LineTo(path, x1, self.height - y1)
        c.FPDFPath_SetDrawMode(path, 0, True)
        c.FPDFPageObj_SetStrokeWidth(path, width)
        c.FPDFPageObj_SetStrokeColor(path, *color)
        c.FPDFPage_InsertObject(self.page.raw, path)

    def rect(
        self,
        x0: float,
        top: float,
        x1: float,
        bottom: float,
        *,
        stroke: bool,
        fill: tuple[int, int, int, int] = (255, 255, 255, 255),
    ) -> None:
        """A rectangle: stroked (its edges are rulings), or filled, white by default (a
        background)."""
        c = self._c
        path = c.FPDFPageObj_CreateNewRect(x0, self.height - bottom, x1 - x0, bottom - top)
        if stroke:
            c.FPDFPath_SetDrawMode(path, 0, True)
            c.FPDFPageObj_SetStrokeColor(path, 0, 0, 0, 255)
        else:
            c.FPDFPath_SetDrawMode(path, c.FPDF_FILLMODE_ALTERNATE, False)
            c.FPDFPageObj_SetFillColor(path, *fill)
        c.FPDFPage_InsertObject(self.page.raw, path)

    def image(self, x0: float, top: float, x1: float, bottom: float) -> None:
        c = self._c
        obj = c.FPDFPageObj_NewImageObj(self.document.raw)
        bitmap = c.FPDFBitmap_Create(8, 8, 0)
        c.FPDFBitmap_FillRect(bitmap, 0, 0, 8, 8, 0xFF808080)
        c.FPDFImageObj_SetBitmap(None, 0, obj, bitmap)
        c.FPDFImageObj_SetMatrix(obj, x1 - x0, 0, 0, bottom - top, x0, self.height - bottom)
        c.FPDFPage_InsertObject(self.page.raw, obj)
        c.FPDFBitmap_Destroy(bitmap)

    def table(self, xs: list[float], ys: list[float], rows: list[list[str]]) -> None:
        """A fully ruled table with *rows* of texts in its grid cells."""
        for y in ys:
            self.line(xs[0], y, xs[-1], y)
        for x in xs:
            self.line(x, ys[0], x, ys[-1])
        for r, row in enumerate(rows):
            for col, text in enumerate(row):
                self.text(text, xs[col] + 3, ys[r] + 3)

    def finish(self) -> None:
        self._c.FPDFPage_GenerateContent(self.page.raw)


class PdfMaker:
    """Build PDFs page by page: ``pdf = maker.new(); page = pdf.page(); ... bytes``."""

    def __init__(self) -> None:
        import pypdfium2

        self.document = pypdfium2.PdfDocument.new()
        self.pages: list[Canvas] = []

    def page(self) -> Canvas:
        canvas = Canvas(self.document)
        self.pages.append(canvas)
        return canvas

    def save(self) -> bytes:
        import io

        for canvas in self.pages:
            canvas.finish()
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


@pytest.fixture(scope="session")
def maker() -> type[PdfMaker]:
    pytest.importorskip("pypdfium2")
    return PdfMaker
