"""PDFs made from the seed reports the way agencies make them: written as Word documents
(by the gipparse-docx tests' writer) and exported to PDF by LibreOffice (``soffice``).

Styles: ``plain``; ``blank-zeros`` (zero cells of the applications table left blank,
cell lines as line breaks); ``split`` (the applications table's rows made tall, so that
it runs over a page end); ``repeated-header`` (the same, with its header rows marked to
repeat on every page, as Word does); the tables' borders, fills, type and page as
agencies' templates have them (``dashed-double``, ``shaded-wide``: see
:data:`PDF_STYLES`); and tables without lines between their columns (``three-line``,
``rows-only``), whose cells cannot be rebuilt (the ``unruled_style`` parameter;
``pdf_style`` takes the others). Tests using :func:`pdfs` skip where ``soffice`` is not
installed (Debian: ``libreoffice-writer-nogui``). They run without a font that has
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


#: A border as Word writes it: its line (``w:val``: single, dashed, dotted, double,
#: none), its width in eighths of a point (``w:sz``) and its colour (``w:color``).
Border = tuple[str, int, str]
_NONE: Border = ("none", 0, "auto")
_RULE: Border = ("single", 12, "000000")  # a 三线表's rules above and below the table
_SIDES = ("top", "left", "bottom", "right")


def _frame(outer: Border, horizontal: Border, vertical: Border) -> tuple[tuple[str, Border], ...]:
    """A table's borders (``w:tblBorders``): around it, between its rows and columns."""
    return (
        *((side, outer) for side in _SIDES),
        ("insideH", horizontal),
        ("insideV", vertical),
    )


@attrs.frozen
class PdfStyle:
    name: str
    word_style: str  # the name of the gipparse-docx tests' style written first
    row_height_cm: float | None = None  # of the applications table's rows
    repeat_header: bool = False
    #: Of every table: its borders by side (w:tblBorders; Table Grid's 0.5 pt lines where
    #: none is given), the rule under its header rows (w:tcBorders), the fills (w:shd)
    #: behind its header rows and behind every other row below, and its type size.
    borders: tuple[tuple[str, Border], ...] = ()
    header_rule: Border | None = None
    header_fill: str | None = None
    band_fill: str | None = None
    font_pt: float | None = None
    landscape: bool = False
    margin_cm: float | None = None  # of the page, on every side

    @property
    def unruled(self) -> bool:
        """Whether no lines stand between the tables' columns (cells cannot be rebuilt)."""
        return dict(self.borders).get("insideV", ("single", 4, "auto"))[0] == "none"


PDF_STYLES = {
    s.name: s
    for s in (
        PdfStyle("plain", "word"),
        PdfStyle("blank-zeros", "word-breaks-blank-zeros"),
        PdfStyle("split", "word", row_height_cm=1.3),
        PdfStyle("repeated-header", "word", row_height_cm=1.3, repeat_header=True),
        # Borders as agencies' templates draw them: dashed and dotted lines inside a
        # double frame ...
        PdfStyle(
            "dashed-double",
            "word",
            borders=_frame(
                ("double", 4, "000000"), ("dashed", 4, "000000"), ("dotted", 4, "000000")
            ),
        ),
        # ... and, as WPS's and Word's table styles, 1.5 pt grey lines, the header rows
        # shaded and every other row below banded (over blank zero cells); the tables
        # wide, on a landscape page with narrow margins, in 9 pt type.
        PdfStyle(
            "shaded-wide",
            "word-breaks-blank-zeros",
            borders=_frame(*[("single", 12, "808080")] * 3),
            header_fill="D9D9D9",
            band_fill="F2F2F2",
            font_pt=9,
            landscape=True,
            margin_cm=1.27,
        ),
        # No lines between columns to rebuild cells from: a 三线表 (1.5 pt rules above and
        # below, 0.75 pt under the header), and rows framed without lines between columns.
        PdfStyle(
            "three-line",
            "word",
            borders=(*_frame(_NONE, _NONE, _NONE), ("top", _RULE), ("bottom", _RULE)),
            header_rule=("single", 6, "000000"),
        ),
        PdfStyle("rows-only", "word", borders=(("insideV", _NONE),)),
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
    """Restyle the Word document: borders, fills and type of its tables, its page; make
    the applications table tall, and mark its header rows to repeat."""
    if style == PdfStyle(style.name, style.word_style):
        return data
    import io

    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    def element(tag: str, **attributes: str) -> Any:
        made = OxmlElement(tag)
        for key, value in attributes.items():
            made.set(qn(f"w:{key}"), value)
        return made

    def borders(tag: str, sides: dict[str, Border]) -> Any:
        made = element(tag)
        for side, (val, size, color) in sides.items():
            made.append(element(f"w:{side}", val=val, sz=str(size), space="0", color=color))
        return made

    def cell_properties(tc: Any, child: Any) -> None:
        # w:tcPr's children have an order; w:tcBorders and w:shd follow w:gridSpan and
        # w:vMerge, and w:shd follows w:tcBorders.
        properties = tc.get_or_add_tcPr()
        after = [qn(t) for t in ("w:tcW", "w:gridSpan", "w:vMerge", "w:tcBorders")]
        anchor = [c for c in properties if c.tag in after]
        if anchor:
            anchor[-1].addnext(child)
        else:
            properties.insert(0, child)

    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    if style.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    if style.margin_cm is not None:
        margin = Cm(style.margin_cm)
        section.left_margin = section.right_margin = margin
        section.top_margin = section.bottom_margin = margin
    # Tables as wide as the text, as on the page before: wider on a wider page.
    widen = (section.page_width - section.left_margin - section.right_margin) / text_width
    for table in document.tables:
        tbl = table._tbl
        header_rows = max(_header_rows(table), 1) if style.header_rule or style.header_fill else 0
        if style.borders:
            # After the table's style and width, before its layout and look.
            later = [c for c in tbl.tblPr if c.tag in {qn("w:tblLayout"), qn("w:tblLook")}]
            made = borders("w:tblBorders", dict(style.borders))
            if later:
                later[0].addprevious(made)
            else:
                tbl.tblPr.append(made)
        for index, tr in enumerate(tbl.tr_lst):
            for tc in tr.tc_lst:
                if style.header_rule is not None and index == header_rows - 1:
                    rule = {"bottom": style.header_rule}
                    cell_properties(tc, borders("w:tcBorders", rule))
                fill = style.header_fill if index < header_rows else None
                if style.band_fill and index >= header_rows and (index - header_rows) % 2:
                    fill = style.band_fill
                if fill is not None:
                    cell_properties(tc, element("w:shd", val="clear", color="auto", fill=fill))
        if widen != 1:
            for column in tbl.iter(qn("w:gridCol"), qn("w:tcW")):
                width = column.get(qn("w:w"))
                if width is not None and column.get(qn("w:type")) in (None, "dxa"):
                    column.set(qn("w:w"), str(round(int(width) * widen)))
        if style.font_pt is not None:
            for run in tbl.iter(qn("w:r")):
                run.get_or_add_rPr().sz_val = Pt(style.font_pt)
    if style.row_height_cm is not None:
        _tall_rows(document, seed, style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _tall_rows(document: Any, seed: Any, style: PdfStyle) -> None:
    """Make the applications table tall, and mark its header rows to repeat."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    assert style.row_height_cm is not None
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
        written: dict[str, bytes] = {}  # by the writer's style
        for style in PDF_STYLES.values():
            if style.word_style not in written:
                word_style = writer.STYLES[style.word_style]
                written[style.word_style] = writer.write_document(seed, word_style, support)
            data = written[style.word_style]
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
    # Tables ruled between their columns read like the Word document; the others not.
    for fixture, unruled in (("pdf_style", False), ("unruled_style", True)):
        if fixture in metafunc.fixturenames:
            styles = [s for s in PDF_STYLES.values() if s.unruled is unruled]
            metafunc.parametrize(fixture, styles, ids=lambda s: s.name)


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
