"""The seed reports as Word documents exported to PDF by LibreOffice read with the same
statistics, metadata and tables as the Word documents themselves (see ``conftest.py``
for how the PDFs are made, in which styles); those whose tables have no lines between
their columns read nothing the Word documents do not say."""

from __future__ import annotations

import re
from collections.abc import Callable
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


_OBJECT_RE = re.compile(rb"(\d+) 0 obj\s*(.*?)\s*endobj", re.S)
_STROKE_RE = re.compile(rb"([\d.]+) ([\d.]+) m\s+([\d.]+) ([\d.]+) l S")


def _rewritten(data: bytes, rewrite: Callable[[bytes], bytes]) -> bytes:
    """The PDF LibreOffice wrote, with *rewrite* applied to each content stream that
    strokes lines (a table's borders: it draws one segment a path), the rest as it was.
    The content streams are written uncompressed (LibreOffice's PDFs have no object
    streams)."""
    import zlib

    objects = {int(m[1]): m[2] for m in _OBJECT_RE.finditer(data)}
    for number, body in list(objects.items()):
        if not body.startswith(b"<<") or b"/FlateDecode" not in body or b"stream" not in body:
            continue
        length = re.search(rb"/Length (\d+)( 0 R)?", body)
        assert length is not None
        size = int(objects[int(length[1])]) if length[2] else int(length[1])
        start = body.index(b"stream") + len(b"stream")
        start += 2 if body[start : start + 2] == b"\r\n" else 1
        content = zlib.decompress(body[start : start + size])
        if b" l S" in content:
            content = rewrite(content)
            objects[number] = b"<</Length %d>>\nstream\n%s\nendstream" % (len(content) + 1, content)
    trailer = re.search(rb"trailer\s*<<.*?(/Root \d+ 0 R).*?>>\s*startxref", data, re.S)
    assert trailer is not None
    out = bytearray(b"%PDF-1.6\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n" % size
    for number in range(size):
        out += (
            b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
        )
    out += b"trailer\n<</Size %d %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, trailer[1], xref)
    return bytes(out)


def _filled_borders(data: bytes, width: float) -> bytes:
    """The PDF LibreOffice wrote, with each line it strokes drawn instead as a black
    filled rectangle *width* pt across, its ends projecting, as WPS draws borders."""
    half = width / 2

    def rectangle(m: re.Match[bytes]) -> bytes:
        x0, y0, x1, y1 = (float(v) for v in m.groups())
        left, bottom = min(x0, x1) - half, min(y0, y1) - half
        return b"0 0 0 rg %.3f %.3f %.3f %.3f re f" % (
            left,
            bottom,
            abs(x1 - x0) + width,
            abs(y1 - y0) + width,
        )

    return _rewritten(data, lambda content: _STROKE_RE.sub(rectangle, content))


def _pages(data: bytes) -> list[Any]:
    """What the reader takes from each page of the PDF *data* (characters, lines, boxes)."""
    import pypdfium2
    from gipparse_pdf._page import read_page

    document = pypdfium2.PdfDocument(data)
    try:
        return [read_page(document, i) for i in range(len(document))]
    finally:
        document.close()


@pytest.mark.parametrize("width", [3.0, 4.5])
def test_borders_drawn_as_thick_filled_rectangles_read_the_same(
    seed_name: str,
    pdf_style: Any,
    width: float,
    pdfs: dict[tuple[str, str], tuple[Path, Path]],
) -> None:
    # WPS draws a table's borders as filled rectangles; heavy ones are 2¼ to 6 pt across.
    # The seeds' PDFs with every border so drawn (the shading of the shaded-wide style
    # left as it is) read exactly as LibreOffice's own, with the lines it strokes.
    from gipparse_pdf._reader import read_pdf

    data = pdfs[seed_name, pdf_style.name][1].read_bytes()
    filled = _filled_borders(data, width)
    pages = _pages(filled)
    assert not any(page.segments for page in pages)
    thick = [
        box
        for page in pages
        for box in page.rectangles
        if abs(min(box.x1 - box.x0, box.bottom - box.top) - width) < 0.01
    ]
    assert len(thick) >= 20
    assert read_pdf(filled, "report.pdf") == read_pdf(data, "report.pdf")


_PEN_RE = re.compile(rb"q ([\d.]+) w([^\n]*)\n([\d.]+) ([\d.]+) m\n([\d.]+) ([\d.]+) l S")


def _wide_frames(data: bytes, width: float) -> bytes:
    """The PDF LibreOffice wrote, with each table's frame (its outermost lines, both lines
    of a double border) stroked with a pen *width* pt wide over the same centre lines,
    running on over the corners, and the lines inside stopping at the frame's inner edge,
    half the pen's width from its centre line, as a heavy frame is drawn; the rest as it
    was. A table's frame is found from the lines it draws (:func:`find_tables`)."""
    from gipparse_pdf._grid import Segment, find_tables

    half = width / 2

    def rewrite(content: bytes) -> bytes:
        found = list(_PEN_RE.finditer(content))
        lines = [Segment(*(float(m[k]) for k in (3, 4, 5, 6))) for m in found]
        boxes = [(g.xs[0], g.xs[-1], g.ys[0], g.ys[-1]) for g in find_tables(lines)]
        replaced: dict[int, bytes] = {}
        for left, right, low, high in boxes:

            def near(at: float, edge: float, reach: float = 1.5) -> bool:
                return abs(at - edge) <= reach

            def across(a: float, b: float, start: float, end: float) -> bool:
                return min(a, b) < end and max(a, b) > start

            def side(ats: list[float], outward: float) -> tuple[float, float]:
                # (outer edge, inner edge) of the frame's lines at *ats*.
                if outward < 0:
                    return min(ats) - half, max(ats) + half
                return max(ats) + half, min(ats) - half

            horizontal = [i for i, s in enumerate(lines) if s.y0 == s.y1]
            vertical = [i for i, s in enumerate(lines) if s.x0 == s.x1]
            frame_h = [
                i
                for i in horizontal
                if (near(lines[i].y0, low) or near(lines[i].y0, high))
                and across(lines[i].x0, lines[i].x1, left, right)
            ]
            frame_v = [
                i
                for i in vertical
                if (near(lines[i].x0, left) or near(lines[i].x0, right))
                and across(lines[i].y0, lines[i].y1, low, high)
            ]
            if not frame_h or not frame_v:
                continue
            ys = [lines[i].y0 for i in frame_h]
            xs = [lines[i].x0 for i in frame_v]
            outer_low, inner_low = side([y for y in ys if near(y, low)], -1)
            outer_high, inner_high = side([y for y in ys if near(y, high)], 1)
            outer_left, inner_left = side([x for x in xs if near(x, left)], -1)
            outer_right, inner_right = side([x for x in xs if near(x, right)], 1)
            for i in horizontal:
                s = lines[i]
                if i in frame_h:
                    x0, x1, pen = outer_left, outer_right, width
                elif low < s.y0 < high and across(s.x0, s.x1, left, right):
                    x0, x1 = sorted((s.x0, s.x1))
                    x0 = inner_left if near(x0, left, 2.5) else x0
                    x1 = inner_right if near(x1, right, 2.5) else x1
                    pen = float(found[i][1])
                else:
                    continue
                replaced[i] = b"%.3f %.3f m\n%.3f %.3f l S" % (x0, s.y0, x1, s.y0), pen
            for i in vertical:
                s = lines[i]
                if i in frame_v:
                    y0, y1, pen = outer_low, outer_high, width
                elif left < s.x0 < right and across(s.y0, s.y1, low, high):
                    y0, y1 = sorted((s.y0, s.y1))
                    y0 = inner_low if near(y0, low, 2.5) else y0
                    y1 = inner_high if near(y1, high, 2.5) else y1
                    pen = float(found[i][1])
                else:
                    continue
                replaced[i] = b"%.3f %.3f m\n%.3f %.3f l S" % (s.x0, y0, s.x0, y1), pen
        out = bytearray()
        last = 0
        for i, m in enumerate(found):
            if i in replaced:
                path, pen = replaced[i]
                out += content[last : m.start()]
                out += b"q %.3f w%s\n%s" % (pen, m[2], path)
                last = m.end()
        return bytes(out + content[last:])

    return _rewritten(data, rewrite)


@pytest.mark.parametrize("width", [4.5, 6.0])
def test_tables_framed_with_a_wide_pen_read_the_same(
    seed_name: str,
    pdf_style: Any,
    width: float,
    pdfs: dict[tuple[str, str], tuple[Path, Path]],
) -> None:
    # A heavy frame stroked with a wide pen, the lines inside stopping at its inner edge
    # (more than 2 pt from the centre line the path draws): the seeds' PDFs so drawn read
    # exactly as LibreOffice's own.
    from gipparse_pdf._reader import read_pdf

    data = pdfs[seed_name, pdf_style.name][1].read_bytes()
    framed = _wide_frames(data, width)
    pages = _pages(framed)
    # The frames are as wide as drawn, and lines inside stop at their inner edge.
    met = 0
    for page in pages:
        wide = [s for s in page.segments if abs(s.width - width) < 0.01]
        assert len(wide) >= 4 or not page.segments
        edges = {round(s.y0 + d, 2) for s in wide if s.y0 == s.y1 for d in (-width / 2, width / 2)}
        met += sum(
            1
            for s in page.segments
            if s.x0 == s.x1 and s.width < width and {round(s.y0, 2), round(s.y1, 2)} & edges
        )
    assert met >= 10
    assert read_pdf(framed, "report.pdf") == read_pdf(data, "report.pdf")


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
