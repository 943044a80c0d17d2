"""What a PDF page holds, through pdfium (pypdfium2's raw API): its characters with their
boxes, the straight segments and rectangles its paths draw, and how much of it images
cover. Coordinates are in points with the y axis pointing down from the page's top.

pdfium's quirks handled here:

* ``FPDFText_GetFontSize`` gives the size in text space: the size on the page is that
  times the scale of the character's text matrix (``FPDFText_GetMatrix``);
* ``FPDFText_GetLooseCharBox`` is sometimes as tall (and as wide) as the unscaled font
  size; a character's vertical extent is therefore taken from its origin (the baseline)
  and its size on the page, and its horizontal extent from its loose box (the glyph's
  advance, so that the gaps between words show) unless that is out of proportion, when
  the tight box (``FPDFText_GetCharBox``) stands in;
* characters pdfium generates (spaces and line ends it infers) are not on the page and
  are skipped; so are other whitespace characters, whose boxes say nothing (gaps between
  words are found from the boxes instead);
* bold faked by drawing each glyph twice, slightly shifted, is read once.
"""

from __future__ import annotations

import ctypes
import itertools
import math
from typing import TYPE_CHECKING, Any

import pypdfium2.raw as pdfium_c

from ._grid import Box, Glyph, Segment
from .layout import Page

if TYPE_CHECKING:
    import pypdfium2

#: Deepest nesting of form XObjects followed; deeper content is not read.
MAX_FORM_DEPTH = 8
#: Most path segments read on one page; a page with more is read without the rest.
MAX_SEGMENTS = 100_000
#: Most characters read on one page.
MAX_CHARACTERS = 200_000
# Where a character's box lies around its baseline, as shares of its size on the page.
_ASCENT = 0.8
_DESCENT = 0.2
#: Two glyphs of one character closer than this share of its size are one glyph drawn
#: twice (faked bold).
_DOUBLE_DISTANCE = 0.25


def read_page(document: pypdfium2.PdfDocument, index: int) -> Page:
    """Read page *index* (0-based) of an open document."""
    page = document[index]
    try:
        # In the page's own space, before any /Rotate: where PDFium places characters
        # and paths. (get_size() swaps width and height on a page rotated by 90°.)
        left, bottom, right, top = page.get_mediabox()
        width, height = right - left, top - bottom
        segments: list[Segment] = []
        rectangles: list[Box] = []
        images: list[Box] = []
        # y is measured down from the media box's top.
        truncated = _objects(page.raw, top, segments, rectangles, images)
        glyphs = _glyphs(page, top)
    finally:
        page.close()
    area = max(width * height, 1.0)
    covered = sum(
        max(0.0, min(b.x1, width) - max(b.x0, 0.0))
        * max(0.0, min(b.bottom, height) - max(b.top, 0.0))
        for b in images
    )
    return Page(
        index + 1, width, height, glyphs, segments, rectangles, min(1.0, covered / area), truncated
    )


# -- characters -----------------------------------------------------------------------


def _glyphs(page: pypdfium2.PdfPage, height: float) -> list[Glyph]:
    """The page's characters, in PDFium's reading order; *height* is the y of the page's
    top in PDF space (y is measured down from it)."""
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        count = min(pdfium_c.FPDFText_CountChars(handle), MAX_CHARACTERS)
        if count <= 0:
            return []
        buffer = ctypes.create_string_buffer((count + 1) * 2)
        pointer = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
        pdfium_c.FPDFText_GetText(handle, 0, count, pointer)
        text = buffer.raw[: count * 2].decode("utf-16-le", errors="replace")
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        ox, oy = ctypes.c_double(), ctypes.c_double()
        matrix = pdfium_c.FS_MATRIX()
        loose = pdfium_c.FS_RECTF()
        get_box = pdfium_c.FPDFText_GetCharBox
        get_loose_box = pdfium_c.FPDFText_GetLooseCharBox
        get_origin = pdfium_c.FPDFText_GetCharOrigin
        get_matrix = pdfium_c.FPDFText_GetMatrix
        get_size = pdfium_c.FPDFText_GetFontSize
        glyphs: list[Glyph] = []
        recent: list[tuple[str, float, float, float]] = []
        for i, char in enumerate(text):
            # Characters PDFium generates (spaces, line ends) are whitespace too.
            if char.isspace() or char == "\ufffe":
                continue
            get_loose_box(handle, i, loose)
            get_origin(handle, i, ox, oy)
            get_matrix(handle, i, matrix)
            scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c)) or 1.0
            size = get_size(handle, i) * scale
            if not 0.5 <= size <= 500:
                get_box(handle, i, left, right, bottom, top)
                size = max(top.value - bottom.value, 1.0)
            baseline = height - oy.value
            x = ox.value
            if _doubled(recent, char, x, baseline, size):
                continue
            recent.append((char, x, baseline, size))
            if len(recent) > 4:
                del recent[0]
            # Across, the loose box runs from the origin over the glyph's advance: the
            # cell it stands in, with the gaps between words outside it. Where it is out
            # of all proportion (unscaled), the tight box stands in.
            x0, x1 = loose.left, loose.right
            if not 0 < x1 - x0 <= 2 * size:
                get_box(handle, i, left, right, bottom, top)
                x0, x1 = left.value, right.value
                if x1 <= x0:
                    x0 = x1 = x
            glyphs.append(
                Glyph(char, x0, baseline - _ASCENT * size, x1, baseline + _DESCENT * size)
            )
        return glyphs
    finally:
        textpage.close()


def _doubled(
    recent: list[tuple[str, float, float, float]], char: str, x: float, y: float, size: float
) -> bool:
    limit = _DOUBLE_DISTANCE * size
    for c, cx, cy, _ in recent:
        if c == char and -limit < cx - x < limit and -limit < cy - y < limit:
            return True
    return False


# -- paths ----------------------------------------------------------------------------

_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    """The matrix applying *inner* first, then *outer* (PDF's row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def _objects(
    page: Any,
    height: float,
    segments: list[Segment],
    rectangles: list[Box],
    images: list[Box],
) -> bool:
    """Collect the page's rulings and image boxes; whether the segment limit was hit."""
    stack: list[tuple[Any, bool, int, _Matrix, int]] = [(page, False, 0, _IDENTITY, 0)]
    fill_mode = ctypes.c_int()
    stroke = ctypes.c_int()
    rgba = tuple(ctypes.c_uint() for _ in range(4))
    m = pdfium_c.FS_MATRIX()
    x0, y0, x1, y1 = (ctypes.c_float() for _ in range(4))
    while stack:
        owner, is_form, start, outer, depth = stack.pop()
        count = (
            pdfium_c.FPDFFormObj_CountObjects(owner)
            if is_form
            else pdfium_c.FPDFPage_CountObjects(owner)
        )
        for i in range(start, count):
            obj = (
                pdfium_c.FPDFFormObj_GetObject(owner, i)
                if is_form
                else pdfium_c.FPDFPage_GetObject(owner, i)
            )
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                pdfium_c.FPDFPageObj_GetMatrix(obj, m)
                matrix = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
                if not pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, ctypes.byref(stroke)):
                    continue
                stroked = bool(stroke.value) and _visible(
                    pdfium_c.FPDFPageObj_GetStrokeColor, obj, rgba
                )
                filled = fill_mode.value != 0 and _visible(
                    pdfium_c.FPDFPageObj_GetFillColor, obj, rgba
                )
                drawn = _path(obj, matrix, height, stroked=stroked, filled=filled)
                segments.extend(drawn[0])
                rectangles.extend(drawn[1])
                if len(segments) + len(rectangles) > MAX_SEGMENTS:
                    return True
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
                pdfium_c.FPDFPageObj_GetMatrix(obj, m)
                matrix = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
                stack.append((owner, is_form, i + 1, outer, depth))
                stack.append((obj, True, 0, matrix, depth + 1))
                break
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE and pdfium_c.FPDFPageObj_GetBounds(
                obj, x0, y0, x1, y1
            ):
                # Bounds are on the page already, form matrices included.
                images.append(Box(x0.value, height - y1.value, x1.value, height - y0.value))
    return False


def _visible(get_color: Any, obj: Any, rgba: tuple[ctypes.c_uint, ...]) -> bool:
    """Whether a path's stroke or fill shows on a white page: neither transparent nor
    white (a white line drawn to hide a border is no ruling)."""
    if not get_color(obj, *rgba):
        return True
    red, green, blue, alpha = (c.value for c in rgba)
    return alpha > 0 and (red, green, blue) != (255, 255, 255)


def _path(
    obj: Any, matrix: _Matrix, height: float, *, stroked: bool, filled: bool
) -> tuple[list[Segment], list[Box]]:
    """The segments a path strokes, each as wide as its pen draws it on the page, or the
    rectangles it fills when it does not stroke."""
    segments: list[Segment] = []
    rectangles: list[Box] = []
    count = pdfium_c.FPDFPath_CountSegments(obj)
    if count <= 0 or count > MAX_SEGMENTS:
        return segments, rectangles
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    # The pen's width is in the path's own space: across a line on the page it is scaled
    # by the matrix's area scale over its scale along the line (see _stroke).
    pen = ctypes.c_float()
    if stroked and pdfium_c.FPDFPageObj_GetStrokeWidth(obj, pen):
        pen_area = max(pen.value, 0.0) * abs(a * d - b * c)
    else:
        pen_area = 0.0
    subpaths: list[list[tuple[float, float]]] = []
    starts: list[tuple[float, float]] = []  # each subpath's first point, in path space
    curved = False
    previous: tuple[float, float] | None = None
    source = (0.0, 0.0)  # the previous point, in path space
    for k in range(count):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        if not pdfium_c.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        px, py = x.value, y.value
        point = (a * px + c * py + e, height - (b * px + d * py + f))
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([point])
            starts.append((px, py))
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and previous is not None:
            if stroked:
                segments.append(_stroke(previous, point, source, (px, py), pen_area))
            subpaths[-1].append(point)
        else:
            curved = True
        if stroked and pdfium_c.FPDFPathSegment_GetClose(seg):
            segments.append(_stroke(point, subpaths[-1][0], (px, py), starts[-1], pen_area))
        previous = point
        source = (px, py)
    if not stroked and filled and not curved:
        for points in subpaths:
            if len(points) >= 3 and _axis_aligned(points):
                xs = [p[0] for p in points]
                ys = [p[1] for p in points]
                rectangles.append(Box(min(xs), min(ys), max(xs), max(ys)))
    return segments, rectangles


def _stroke(
    start: tuple[float, float],
    end: tuple[float, float],
    source_start: tuple[float, float],
    source_end: tuple[float, float],
    pen_area: float,
) -> Segment:
    """The segment from *start* to *end* on the page, drawn from *source_start* to
    *source_end* in the path's space with a pen whose width times the matrix's area scale
    is *pen_area*: its width on the page is that over the matrix's scale along it."""
    width = 0.0
    if pen_area:
        length = math.hypot(end[0] - start[0], end[1] - start[1])
        if length:
            width = (
                pen_area
                * math.hypot(source_end[0] - source_start[0], source_end[1] - source_start[1])
                / length
            )
    return Segment(start[0], start[1], end[0], end[1], width)


def _axis_aligned(points: list[tuple[float, float]]) -> bool:
    """Whether a closed polygon's edges are all horizontal or vertical."""
    ring = [*points, points[0]]
    return all(
        abs(p[0] - q[0]) <= 0.5 or abs(p[1] - q[1]) <= 0.5 for p, q in itertools.pairwise(ring)
    )
