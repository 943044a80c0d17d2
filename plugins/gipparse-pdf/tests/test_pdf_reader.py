"""The reader on PDFs drawn object by object: what it keeps, what it drops, and how it
refuses what it cannot read."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gipparse
from gipparse import GipparseError, Severity, SourceError

pytest.importorskip("gipparse_pdf")

REAL = Path(__file__).parent / "real"
FIXTURES = Path(__file__).parent / "fixtures"


def _read(data: bytes) -> gipparse.SourceDocument:
    from gipparse_pdf._reader import read_pdf

    return read_pdf(data, "report.pdf")


def _table_page(page: Any, top: float = 100) -> None:
    page.table([72, 200, 300], [top, top + 20, top + 40], [["Item", "Count"], ["Rules", "12"]])


def test_a_ruled_table_and_prose(maker: Any) -> None:
    pdf = maker()
    page = pdf.page()
    page.text("Report of the year", 72, 60)
    _table_page(page)
    page.text("The end", 72, 200)
    doc = _read(pdf.save())
    texts = [b.texts if isinstance(b, gipparse.Table) else b.text for b in doc.blocks]
    assert texts == ["Report of the year", (("Item", "Count"), ("Rules", "12")), "The end"]
    assert doc.format == "pdf"


def test_a_frame_around_text_is_prose(maker: Any) -> None:
    pdf = maker()
    page = pdf.page()
    page.rect(72, 100, 400, 130, stroke=True)
    page.text("Boxed note", 80, 110)
    doc = _read(pdf.save())
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph"]
    assert doc.blocks[0].text == "Boxed note"


def test_text_without_unicode_values_is_named() -> None:
    # A font embedded without a ToUnicode map: PDFium gives U+FFFD or private-use values.
    from gipparse_pdf.layout import Glyph, Page, lay_out

    text = "\ufffd\ue001\ue002\ue003\ue004 Readable text here"
    glyphs = [Glyph(ch, 72 + 10 * i, 100, 80 + 10 * i, 110) for i, ch in enumerate(text)]
    page = Page(1, 595, 842, [g for g in glyphs if g.text != " "], [], [], 0.0, False)
    doc = lay_out([page], "report.pdf")
    (warning,) = [d for d in doc.diagnostics if d.code == "source.unmapped-characters"]
    assert warning.message.startswith("5 of the PDF's 21 characters have no Unicode value")


def test_scanned_pdf_is_refused_saying_what_to_do(maker: Any) -> None:
    pdf = maker()
    for _ in range(2):
        pdf.page().image(0, 0, 595, 842)
    with pytest.raises(SourceError, match=r"pages are images .*ocrmypdf -l chi_sim") as info:
        _read(pdf.save())
    assert "Word or web version" in str(info.value)


def test_partly_scanned_pdf_names_the_image_pages(maker: Any) -> None:
    pdf = maker()
    _table_page(pdf.page())
    pdf.page().image(20, 20, 575, 820)
    pdf.page().text("Text again", 72, 100)
    pdf.page().image(0, 0, 595, 842)
    doc = _read(pdf.save())
    (warning,) = [d for d in doc.diagnostics if d.code == "source.image-pages"]
    assert warning.severity is Severity.WARNING
    assert "pages 2, 4 are images" in warning.message


def test_numbers_in_columns_without_rulings_are_not_made_a_table(maker: Any) -> None:
    # The text layer of an OCR'd scan: no rulings, so no cells are invented.
    pdf = maker()
    page = pdf.page()
    for i, label in enumerate(["Rules", "Licences", "Penalties", "Fees"]):
        page.text(label, 72, 100 + 20 * i)
        for j, number in enumerate(["1", "20", "3", "24"]):
            page.text(number, 200 + 60 * j, 100 + 20 * i)
    doc = _read(pdf.save())
    assert not [b for b in doc.blocks if isinstance(b, gipparse.Table)]
    (warning,) = [d for d in doc.diagnostics if d.code == "source.unruled-table"]
    assert "pages 1 hold numbers laid out in columns" in warning.message


def test_rows_framed_without_rulings_between_columns_are_not_made_a_table(maker: Any) -> None:
    # Lines between the rows and a frame around them, none between the columns (a table
    # style with horizontal lines only): one column of rows holding numbers in columns.
    # Its cells are not guessed from the spacing either; the rows are prose, as without
    # rulings.
    pdf = maker()
    page = pdf.page()
    ys = [100 + 20 * i for i in range(5)]
    for y in ys:
        page.line(72, y, 500, y)
    for x in (72, 500):
        page.line(x, ys[0], x, ys[-1])
    for i, label in enumerate(["Rules", "Licences", "Penalties", "Fees"]):
        page.text(label, 75, ys[i] + 4)
        for j, number in enumerate(["1", "20", "3", "24"]):
            page.text(number, 200 + 60 * j, ys[i] + 4)
    doc = _read(pdf.save())
    assert not [b for b in doc.blocks if isinstance(b, gipparse.Table)]
    rows = ["Rules", "Licences", "Penalties", "Fees"]
    assert [b.text for b in doc.blocks] == [" ".join(f"{row} 1 20 3 24" for row in rows)]
    (warning,) = [d for d in doc.diagnostics if d.code == "source.unruled-table"]
    assert "pages 1 hold numbers laid out in columns" in warning.message


def test_text_over_a_page_image_is_named_an_ocr_layer(maker: Any) -> None:
    pdf = maker()
    page = pdf.page()
    page.image(0, 0, 595, 842)
    page.text("Rules 1 2 3", 72, 100)
    doc = _read(pdf.save())
    assert [b.text for b in doc.blocks] == ["Rules 1 2 3"]
    (warning,) = doc.diagnostics
    assert warning.code == "source.ocr-pages"
    assert warning.message.startswith("pages 1 are scanned images with a text layer (OCR)")


def test_cell_backgrounds_are_not_tables(maker: Any) -> None:
    # WPS paints a white rectangle behind every cell, and shades header rows.
    pdf = maker()
    page = pdf.page()
    page.rect(72, 100, 200, 120, stroke=False)
    page.rect(200, 100, 300, 120, stroke=False)
    page.rect(72, 300, 300, 400, stroke=False)
    _table_page(page)
    page.text("Outside", 80, 350)
    doc = _read(pdf.save())
    tables = [b for b in doc.blocks if isinstance(b, gipparse.Table)]
    assert [t.texts for t in tables] == [(("Item", "Count"), ("Rules", "12"))]


def test_white_and_transparent_lines_are_not_rulings(maker: Any) -> None:
    # A merged header cell over two columns; a white line hides a border inside it,
    # and a transparent one crosses the body.
    pdf = maker()
    page = pdf.page()
    for y in (100, 120, 140):
        page.line(72, y, 300, y)
    for x in (72, 300):
        page.line(x, 100, x, 140)
    page.line(200, 120, 200, 140)
    page.line(200, 100, 200, 120, color=(255, 255, 255, 255))
    page.line(72, 130, 300, 130, color=(0, 0, 0, 0))
    page.text("Header", 80, 103)
    page.text("A", 80, 123)
    page.text("1", 210, 123)
    doc = _read(pdf.save())
    (table,) = [b for b in doc.blocks if isinstance(b, gipparse.Table)]
    assert table.texts == (("Header",), ("A", "1"))


def test_thin_filled_rectangles_are_rulings(maker: Any) -> None:
    # Borders drawn as thin black rectangles, as some writers export them; the header
    # spans both columns (no rule between its halves).
    pdf = maker()
    page = pdf.page()
    black = (0, 0, 0, 255)
    for y in (100, 120, 140):
        page.rect(72, y - 0.3, 300, y + 0.3, stroke=False, fill=black)
    for x in (72, 300):
        page.rect(x - 0.3, 100, x + 0.3, 140, stroke=False, fill=black)
    page.rect(199.7, 120, 200.3, 140, stroke=False, fill=black)
    page.text("Header", 80, 103)
    page.text("A", 80, 123)
    page.text("1", 210, 123)
    doc = _read(pdf.save())
    (table,) = [b for b in doc.blocks if isinstance(b, gipparse.Table)]
    assert table.texts == (("Header",), ("A", "1"))


def test_stroked_rectangles_are_rulings(maker: Any) -> None:
    pdf = maker()
    page = pdf.page()
    for x0, x1 in ((72, 200), (200, 300)):
        for top in (100, 120):
            page.rect(x0, top, x1, top + 20, stroke=True)
    page.text("A", 80, 103)
    page.text("1", 210, 103)
    page.text("B", 80, 123)
    page.text("2", 210, 123)
    doc = _read(pdf.save())
    (table,) = [b for b in doc.blocks if isinstance(b, gipparse.Table)]
    assert table.texts == (("A", "1"), ("B", "2"))


def test_a_frame_stroked_with_a_wide_pen_holds_the_lines_stopping_at_its_edge(
    maker: Any,
) -> None:
    # A 6 pt frame; the lines inside stop at its inner edge, 3 pt from its middle.
    pdf = maker()
    page = pdf.page()
    for y in (100, 140):
        page.line(69, y, 303, y, width=6)
    for x in (72, 300):
        page.line(x, 97, x, 143, width=6)
    page.line(75, 120, 297, 120)
    page.line(200, 103, 200, 137)
    for text, x, y in (("A", 80, 103), ("1", 210, 103), ("B", 80, 123), ("2", 210, 123)):
        page.text(text, x, y)
    doc = _read(pdf.save())
    (table,) = [b for b in doc.blocks if isinstance(b, gipparse.Table)]
    assert table.texts == (("A", "1"), ("B", "2"))


def test_a_pens_width_is_scaled_as_its_path_is(maker: Any) -> None:
    import ctypes

    import pypdfium2
    import pypdfium2.raw as pdfium_c
    from gipparse_pdf._page import read_page

    pdf = maker()
    page = pdf.page()
    for x1, y1 in ((100, 0), (0, 100)):  # drawn at the origin, then moved into place
        path = pdfium_c.FPDFPageObj_CreateNewPath(0, 0)
        pdfium_c.FPDFPath_LineTo(path, x1, y1)
        pdfium_c.FPDFPath_SetDrawMode(path, 0, True)
        pdfium_c.FPDFPageObj_SetStrokeWidth(path, ctypes.c_float(2))
        pdfium_c.FPDFPageObj_SetStrokeColor(path, 0, 0, 0, 255)
        pdfium_c.FPDFPageObj_Transform(path, 1, 0, 0, 3, 100, 100)  # three times as high
        pdfium_c.FPDFPage_InsertObject(page.page.raw, path)
    filled = pdfium_c.FPDFPageObj_CreateNewRect(100, 500, 100, 4)  # fill only: no stroke
    pdfium_c.FPDFPath_SetDrawMode(filled, pdfium_c.FPDF_FILLMODE_ALTERNATE, False)
    pdfium_c.FPDFPageObj_SetFillColor(filled, 0, 0, 0, 255)
    pdfium_c.FPDFPage_InsertObject(page.page.raw, filled)
    document = pypdfium2.PdfDocument(pdf.save())
    try:
        read = read_page(document, 0)
    finally:
        document.close()
    widths = sorted((round(s.width, 3), s.x0 == s.x1) for s in read.segments)
    # Across the horizontal line the pen is stretched three times, across the vertical not.
    assert widths == [(2.0, True), (6.0, False)]
    assert [tuple(round(v, 3) for v in b) for b in read.rectangles] == [(100, 338, 200, 342)]


def test_fake_bold_is_read_once(maker: Any) -> None:
    pdf = maker()
    page = pdf.page()
    page.text("Bold", 72, 100)
    page.text("Bold", 72.3, 100)
    doc = _read(pdf.save())
    assert [b.text for b in doc.blocks] == ["Bold"]


def test_page_numbers_and_running_headers_are_dropped(maker: Any) -> None:
    pdf = maker()
    bodies = ["Body text on page one.", "A longer line of body text on page two."]
    for number, body in enumerate(bodies, 1):
        page = pdf.page()
        page.text("Running header of the agency", 72, 40)
        page.text(body, 72, 200)
        page.text(f"- {number} -", 290, 800)
    doc = _read(pdf.save())
    assert [b.text for b in doc.blocks] == bodies
    (note,) = doc.diagnostics
    assert (note.code, note.severity) == ("source.page-chrome", Severity.INFO)
    assert note.message == (
        "left out as page furniture, not the report: page numbers (pages 1, 2); "
        "the running line 'Running header of the agency' (pages 1, 2)"
    )


def test_page_x_of_y_footer_is_dropped(maker: Any) -> None:
    pdf = maker()
    page = pdf.page()
    page.text("Body", 72, 200)
    page.text("Page 1 of 1", 270, 800)
    assert [b.text for b in _read(pdf.save()).blocks] == ["Body"]


def test_table_over_two_pages_with_repeated_header_is_one_table(maker: Any) -> None:
    pdf = maker()
    first = pdf.page()
    first.table([72, 200, 300], [700, 720, 740, 760], [["Item", "Count"], ["A", "1"], ["B", "2"]])
    second = pdf.page()
    second.table([72, 200, 300], [72, 92, 112], [["Item", "Count"], ["C", "3"]])
    second.text("After the table", 72, 150)
    doc = _read(pdf.save())
    tables = [b for b in doc.blocks if isinstance(b, gipparse.Table)]
    assert [t.texts for t in tables] == [(("Item", "Count"), ("A", "1"), ("B", "2"), ("C", "3"))]
    (note,) = [d for d in doc.diagnostics if d.code == "source.repeated-header"]
    assert note.message.startswith("1 header rows printed again")
    assert note.span == tables[0].span


@pytest.mark.parametrize("value", ["0", "-", "/"])
def test_values_under_a_header_ending_a_page_start_the_next_row(maker: Any, value: str) -> None:
    # A header of two rows ends a page: "Kind" and "Persons" are merged over both rows,
    # "Firms" over two columns; the next page starts with the first row of numbers. The
    # numbers are not the rest of the merged labels, though those end at the page end
    # ("Persons" runs to its cell's right edge, like text that wraps).
    xs = [72.0, 150.0, 195.0, 260.0, 325.0]
    pdf = maker()
    first = pdf.page()
    for y in (740, 800):
        first.line(xs[0], y, xs[-1], y)
    first.line(xs[2], 770, xs[-1], 770)
    for x in xs:
        first.line(x, 740, x, 800 if x != xs[3] else 740)
    first.line(xs[3], 770, xs[3], 800)
    for text, x, top in (("Kind", xs[0], 745), ("Persons", xs[1], 745), ("Firms", xs[2], 745)):
        first.text(text, x + 3, top)
    first.text("A", xs[2] + 3, 775)
    first.text("B", xs[3] + 3, 775)
    second = pdf.page()
    second.table(xs, [72, 92, 112], [["1.New", value, "0", "0"], ["2.Old", "3", "0", "7"]])
    doc = _read(pdf.save())
    tables = [b for b in doc.blocks if isinstance(b, gipparse.Table)]
    assert [t.texts for t in tables] == [
        (
            ("Kind", "Persons", "Firms"),
            ("", "", "A", "B"),
            ("1.New", value, "0", "0"),
            ("2.Old", "3", "0", "7"),
        )
    ]


def test_a_row_cut_after_its_item_number_is_one_row(maker: Any) -> None:
    # The page ends inside a row whose label wraps in a narrow column right after its
    # item number: "4." and the row's numbers end the page, the rest of the label starts
    # the next one. "4." is no value: the halves are one row.
    xs = [72.0, 95.0, 150.0, 205.0]
    pdf = maker()
    first = pdf.page()
    first.table(xs, [740, 760, 780, 800], [["No", "A", "B"], ["3.", "1", "2"], ["4.", "5", "6"]])
    second = pdf.page()
    second.table(xs, [72, 92, 112], [["", "", ""], ["5.", "7", "8"]])
    second.text("Ask", xs[0] + 3, 76, size=7)
    doc = _read(pdf.save())
    tables = [b for b in doc.blocks if isinstance(b, gipparse.Table)]
    assert [t.texts for t in tables] == [
        (("No", "A", "B"), ("3.", "1", "2"), ("4.Ask", "5", "6"), ("5.", "7", "8"))
    ]


def test_tables_with_other_edges_or_prose_between_stay_apart(maker: Any) -> None:
    pdf = maker()
    pdf.page().table([72, 200, 300], [700, 720, 740], [["Item", "Count"], ["A", "1"]])
    pdf.page().table([72, 250, 400], [72, 92, 112], [["Item", "Count"], ["C", "3"]])
    page = pdf.page()
    page.text("Prose", 72, 50)
    page.table([72, 250, 400], [72, 92, 112], [["Item", "Count"], ["D", "4"]])
    doc = _read(pdf.save())
    assert len([b for b in doc.blocks if isinstance(b, gipparse.Table)]) == 3


def test_a_table_inside_a_form_xobject_is_found_at_its_place(maker: Any) -> None:
    import pypdfium2.raw as pdfium_c

    source = maker()
    _table_page(source.page(), top=100)
    data = source.save()
    import pypdfium2

    src = pypdfium2.PdfDocument(data)
    pdf = maker()
    page = pdf.page()
    page.text("Before", 72, 20)
    xobject = pdfium_c.FPDF_NewXObjectFromPage(pdf.document.raw, src.raw, 0)
    form = pdfium_c.FPDF_NewFormObjectFromXObject(xobject)
    pdfium_c.FPDFPageObj_Transform(form, 0.5, 0, 0, 0.5, 100, 100)  # scaled and moved
    pdfium_c.FPDFPage_InsertObject(page.page.raw, form)
    pdfium_c.FPDF_CloseXObject(xobject)
    doc = _read(pdf.save())
    src.close()
    tables = [b for b in doc.blocks if isinstance(b, gipparse.Table)]
    assert [t.texts for t in tables] == [(("Item", "Count"), ("Rules", "12"))]


def test_encrypted_pdf_is_refused() -> None:
    with pytest.raises(SourceError, match="encrypted with a password"):
        gipparse.load(FIXTURES / "encrypted.pdf")


@pytest.mark.parametrize("keep", [0.0, 0.1, 0.5, 0.99])
def test_truncated_pdf_is_refused(keep: float) -> None:
    data = (REAL / "hongze-2024.pdf").read_bytes()
    with pytest.raises(GipparseError, match="damaged"):
        gipparse.loads(data[: 5 + int(len(data) * keep)], path="report.pdf")


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n",
        b"%PDF-1.4\n" + bytes(range(256)) * 64,
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\ntrailer << /Root 1 0 R >>",
        b"%PDF-" + gzip.compress(b"x" * 100_000),
    ],
    ids=["header-only", "binary", "self-referencing-pages", "compressed-junk"],
)
def test_hostile_pdfs_are_refused_with_a_gipparse_error(data: bytes) -> None:
    with pytest.raises(GipparseError):
        gipparse.loads(data, path="report.pdf")


def test_a_pdf_with_an_empty_page_only_holds_no_text(maker: Any) -> None:
    pdf = maker()
    pdf.page()
    with pytest.raises(SourceError, match="holds no text"):
        _read(pdf.save())


def test_too_many_paths_are_cut_with_a_warning(maker: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from gipparse_pdf import _page

    monkeypatch.setattr(_page, "MAX_SEGMENTS", 3)
    pdf = maker()
    page = pdf.page()
    _table_page(page)
    doc = _read(pdf.save())
    assert [d.code for d in doc.diagnostics] == ["source.too-many-paths"]


def test_pdf_with_bytes_before_its_header_is_read(maker: Any) -> None:
    pdf = maker()
    pdf.page().text("Body", 72, 200)
    report = gipparse.loads(b"\r\n\r\n" + pdf.save(), path="upload.bin")
    assert [p.text for p in report.paragraphs] == ["Body"]


@pytest.mark.parametrize("rotation", [90, 180])
def test_rotated_pages_read_alike(rotation: int) -> None:
    import io

    import pypdfium2

    path = REAL / "hongze-2024.pdf"
    document = pypdfium2.PdfDocument(path)
    for page in document:
        page.set_rotation(rotation)
    out = io.BytesIO()
    document.save(out)
    document.close()
    rotated = gipparse.loads(out.getvalue(), path="rotated.pdf")
    report = gipparse.load(path)
    assert rotated.source == report.source
    assert gipparse.to_record(rotated)["stats"] == gipparse.to_record(report)["stats"]


def test_a_page_of_thousands_of_rulings_is_read_in_bounded_time(maker: Any) -> None:
    # A drawing of dashed lines: 50 horizontal and 50 vertical ones of 50 dashes each,
    # 5,000 rulings (collinear pieces further apart than a gap are not joined).
    pdf = maker()
    page = pdf.page()
    for i in range(50):
        for k in range(50):
            page.line(10 + k * 10, 10 + i * 10, 14 + k * 10, 10 + i * 10)
            page.line(10 + i * 10, 10 + k * 10, 10 + i * 10, 14 + k * 10)
    page.text("Caption", 72, 820)
    doc = _read(pdf.save())
    assert [b.text for b in doc.blocks] == ["Caption"]
    (warning,) = doc.diagnostics
    assert "pages 1 draw more ruling lines than are laid out" in warning.message


def test_rulings_are_laid_out_up_to_a_budget_per_document(
    maker: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gipparse_pdf import _reader

    monkeypatch.setattr(_reader, "MAX_DOCUMENT_RULINGS", 10)
    pdf = maker()
    for _ in range(3):
        _table_page(pdf.page())  # 7 rulings a page
    doc = _read(pdf.save())
    tables = [b for b in doc.blocks if isinstance(b, gipparse.Table)]
    assert [t.texts for t in tables] == [(("Item", "Count"), ("Rules", "12"))]
    # The other pages' cells are read as lines of prose.
    prose = [b.text for b in doc.blocks if isinstance(b, gipparse.Paragraph)]
    assert " ".join(prose) == "Item Count Rules 12 Item Count Rules 12"
    (warning,) = doc.diagnostics
    assert warning.message.startswith("pages 2, 3 draw more ruling lines")


# -- property: a table with random merges, drawn in a PDF, reads as the tab layout ----------


@st.composite
def _merged_grids(draw: st.DrawFn) -> list[tuple[int, int, int, int]]:
    columns = draw(st.integers(2, 5))
    rows = draw(st.integers(2, 6))
    taken = [[False] * columns for _ in range(rows)]
    cells = []
    for r in range(rows):
        for c in range(columns):
            if taken[r][c]:
                continue
            right = c
            while right + 1 < columns and not taken[r][right + 1]:
                right += 1
            colspan = draw(st.integers(1, right - c + 1))
            rowspan = draw(st.integers(1, rows - r))
            while any(
                taken[rr][cc] for rr in range(r, r + rowspan) for cc in range(c, c + colspan)
            ):
                rowspan -= 1
            for rr in range(r, r + rowspan):
                for cc in range(c, c + colspan):
                    taken[rr][cc] = True
            cells.append((r, c, rowspan, colspan))
    return cells


@settings(max_examples=30, deadline=None)
@given(_merged_grids())
def test_merged_cells_drawn_in_a_pdf_read_as_the_tab_layout(
    maker: Any, cells: list[tuple[int, int, int, int]]
) -> None:
    pdf = maker()
    page = pdf.page()
    x0, y0, width, height = 72.0, 100.0, 80.0, 24.0
    rows = max(r + rs for r, _, rs, _ in cells)
    columns = max(c + cs for _, c, _, cs in cells)
    expected: list[list[tuple[int, str]]] = [[] for _ in range(rows)]
    for r, c, rs, cs in cells:
        left, top = x0 + c * width, y0 + r * height
        page.line(left, top, left + cs * width, top)
        page.line(left, top, left, top + rs * height)
        page.text(f"R{r}C{c}", left + 4, top + 6, size=9)
        expected[r].append((c, f"R{r}C{c}"))
        for covered in range(r + 1, r + rs):
            expected[covered].append((c, ""))
    page.line(x0, y0 + rows * height, x0 + columns * width, y0 + rows * height)
    page.line(x0 + columns * width, y0, x0 + columns * width, y0 + rows * height)
    doc = _read(pdf.save())
    tables = [b for b in doc.blocks if isinstance(b, gipparse.Table)]
    # A row in which no cell starts has no ruling above it: it is part of the row above.
    layout = tuple(
        tuple(text for _, text in sorted(row)) for row in expected if any(t for _, t in row)
    )
    if len(cells) == 1:
        assert [b.text for b in doc.blocks] == ["R0C0"]
    else:
        assert [t.texts for t in tables] == [layout]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=200),
    st.one_of(st.none(), st.floats(0.01, 1)),
)
def test_damaged_pdfs_read_or_fail_with_a_gipparse_error(
    changes: list[tuple[float, int]], keep: float | None
) -> None:
    # Bytes overwritten anywhere, the file cut anywhere: a report with diagnostics or a
    # SourceError, never a traceback from inside (which gipparse would blame on the plugin
    # with a PluginError).
    data = bytearray((REAL / "huaian-2024.pdf").read_bytes())
    for where, value in changes:
        data[int(where * len(data))] = value
    if keep is not None:
        data = data[: int(keep * len(data))]
    try:
        report = gipparse.loads(bytes(data), path="damaged.pdf")
    except SourceError as exc:
        assert "pdf" in str(exc).lower()  # says what it could not read  # noqa: PT017
    else:
        assert report.path == "damaged.pdf"


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 999), st.integers(0, 999)), min_size=2, max_size=12),
    st.data(),
    st.booleans(),
)
def test_a_table_split_over_two_pages_reads_as_one(
    maker: Any, values: list[tuple[int, int]], data: st.DataObject, repeat_header: bool
) -> None:
    # A group label merged down the first column of every data row, an item label and two
    # numbers a row; the page ends after a random row, and the next page may repeat the
    # header row (Word's "repeat as header row").
    split = data.draw(st.integers(1, len(values) - 1))
    xs = [72.0, 150.0, 300.0, 400.0, 500.0]
    header = ["Group", "Item", "A", "B"]
    rows = [[f"Item {i}", str(a), str(b)] for i, (a, b) in enumerate(values)]

    def draw(page: Any, top: float, part: list[list[str]], group: str, with_header: bool) -> None:
        y = top
        lines = [y]
        if with_header:
            for x, text in zip(xs, header, strict=False):
                page.text(text, x + 3, y + 5)
            y += 20
            lines.append(y)
        group_top = y
        for row in part:
            for x, text in zip(xs[1:], row, strict=False):
                page.text(text, x + 3, y + 5)
            y += 20
            lines.append(y)
        page.text(group, xs[0] + 3, group_top + 5)
        for line_y in lines:
            start = xs[0] if line_y in (top, group_top, y) else xs[1]
            page.line(start, line_y, xs[-1], line_y)
        for x in xs:
            page.line(x, top, x, y)

    pdf = maker()
    draw(pdf.page(), 842 - 40 - 20 * (split + 1), rows[:split], "G1", True)
    draw(pdf.page(), 60, rows[split:], "", repeat_header)
    doc = _read(pdf.save())
    tables = [b for b in doc.blocks if isinstance(b, gipparse.Table)]
    expected = (
        tuple(header),
        ("G1", *rows[0]),
        *(("", *row) for row in rows[1:]),
    )
    assert [t.texts for t in tables] == [expected]
    notes = [d for d in doc.diagnostics if d.code == "source.repeated-header"]
    assert len(notes) == int(repeat_header)
