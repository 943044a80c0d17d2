"""From an OFD package (GB/T 33190) to the report's blocks.

An OFD is a ZIP archive of XML parts: ``OFD.xml`` names the document (``DocRoot``), whose
``Document.xml`` lists its pages and template pages; each page's ``Content.xml`` holds
layers of graphic units placed in millimetres with the y axis pointing down:

* a ``TextObject`` draws ``TextCode`` runs: characters from the point ``X``, ``Y`` (the
  baseline), each next one ``DeltaX`` further (``g 5 3.5`` repeats 3.5 five times);
* a ``PathObject`` draws ``AbbreviatedData``: ``M``/``S`` move, ``L`` draws a line,
  ``C`` closes the figure, ``Q``/``B``/``A`` draw curves;
* every unit is placed by its ``Boundary`` (``x y w h``, the origin of its own space on
  the page) and an optional ``CTM`` (``a b c d e f``) from its space to the boundary's;
  ``PageBlock`` groups units; template pages are drawn with the pages that use them.

This module turns every page into what the PDF reader of gipparse-pdf reads from a PDF
page (a ``gipparse_pdf.layout.Page``: characters with boxes, straight segments and thin
rectangles, in points), and the PDF reader's layout (``gipparse_pdf.layout.lay_out``)
does the rest: tables from their ruling lines (its grid module),
prose lines joined into paragraphs, page numbers and running headers dropped, tables
continued across pages joined. The two formats thus read alike.

Character boxes are estimated: OFD gives a character's position but not its width, which
is taken as the distance to the next character, or the font size (half of it for ASCII)
for the last of a run; the height is the font size around the baseline.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator

from gipparse_pdf.layout import Box, Glyph, Page, Segment, lay_out  # the PDF reader's layout

from gipparse.plugin import DocumentBuilder, Severity, SourceDocument, SourceError

from ._archive import Element, Package, resolve

FORMAT = "ofd"

#: Points per millimetre: OFD measures in millimetres, the layout in points.
MM = 72 / 25.4
#: Most pages read.
MAX_PAGES = 2_000
#: Most path segments read on one page (as the PDF reader); the rest is not read.
MAX_SEGMENTS = 100_000
#: Most characters read on one page.
MAX_CHARACTERS = 200_000
#: Deepest nesting of page blocks followed.
MAX_BLOCK_DEPTH = 32
#: A page whose images cover at least this share of it and which has no text is scanned.
IMAGE_PAGE_SHARE = 0.5
# Where a character's box lies around its baseline, as shares of its size.
_ASCENT = 0.8
_DESCENT = 0.2
_NUMBER_RE = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def read_ofd(data: bytes, path: str | None) -> SourceDocument:
    """Open and read an OFD into a :class:`~gipparse.SourceDocument`."""
    package = Package(data, path)
    try:
        pages, image_pages = _Document(package, path).pages()
    finally:
        package.close()
    if not any(page.glyphs for page in pages):
        if image_pages:
            raise SourceError(
                "the OFD's pages are images (a scan) and hold no text; read the report's "
                "Word, web or text version",
                path=path,
            )
        raise SourceError("the OFD holds no text", path=path)
    builder = DocumentBuilder(FORMAT)
    if image_pages:
        builder.diagnose(
            Severity.WARNING,
            "source.image-pages",
            f"pages {', '.join(map(str, image_pages))} are images without text (scanned) and "
            "were not read",
        )
    return lay_out(pages, path, builder=builder)


class _Document:
    def __init__(self, package: Package, path: str | None) -> None:
        self.package = package
        self.path = path

    def fail(self, message: str) -> SourceError:
        return SourceError(message, path=self.path)

    def pages(self) -> tuple[list[Page], list[int]]:
        """The pages as the PDF layout reads them, and the numbers of scanned pages."""
        package = self.package
        if not package.has("OFD.xml"):
            raise self.fail("this ZIP archive has no OFD.xml: it is not an OFD document")
        root = package.xml("OFD.xml")
        if root.tag != "OFD":
            raise self.fail(f"OFD.xml holds <{root.tag}>, not <OFD>: it is not an OFD document")
        body = root.find("DocBody")
        doc_root = body.find("DocRoot") if body is not None else None
        if doc_root is None or not doc_root.text.strip():
            raise self.fail("OFD.xml names no document (DocBody/DocRoot)")
        doc_path = resolve("OFD.xml", doc_root.text)
        document = package.xml(doc_path)
        common = document.find("CommonData")
        default_box = _box(_child_text(common, "PageArea", "PhysicalBox"))
        templates: dict[str, str] = {}
        if common is not None:
            for template in common.findall("TemplatePage"):
                location = template.get("BaseLoc")
                if template.get("ID") and location:
                    templates[template.get("ID") or ""] = resolve(doc_path, location)
        listed = document.path("Pages")
        entries = listed.findall("Page") if listed is not None else []
        if not entries:
            raise self.fail("the OFD document lists no pages")
        if len(entries) > MAX_PAGES:
            raise self.fail(
                f"the OFD has {len(entries):,} pages, over the maximum of {MAX_PAGES:,}"
            )
        pages: list[Page] = []
        scanned: list[int] = []
        for number, entry in enumerate(entries, 1):
            location = entry.get("BaseLoc")
            if not location:
                raise self.fail(f"page {number} of the OFD has no BaseLoc")
            page_path = resolve(doc_path, location)
            page, images = self._page(number, page_path, default_box, templates)
            pages.append(page)
            if not page.glyphs and images >= IMAGE_PAGE_SHARE:
                scanned.append(number)
        return pages, scanned

    def _page(
        self,
        number: int,
        page_path: str,
        default_box: tuple[float, float, float, float] | None,
        templates: dict[str, str],
    ) -> tuple[Page, float]:
        content = self.package.xml(page_path)
        box = _box(_child_text(content, "Area", "PhysicalBox")) or default_box
        if box is None:
            box = (0.0, 0.0, 210.0, 297.0)  # A4, the size nearly every OFD has
        width, height = box[2], box[3]
        drawn = _Drawn()
        units: list[Element] = []
        for use in content.findall("Template"):
            location = templates.get(use.get("TemplateID") or "")
            if location is not None:
                units.append(self.package.xml(location))
        units.append(content)
        for unit in units:
            for layer in _layers(unit):
                drawn.block(layer, 0)
        area = max(width * height, 1e-6)
        image_share = min(1.0, drawn.image_area / area)
        # Scanned pages are reported by read_ofd in OFD's words: the layout is told of none.
        page = Page(
            number,
            width * MM,
            height * MM,
            drawn.glyphs,
            drawn.segments,
            drawn.rectangles,
            0.0,
            drawn.truncated,
        )
        return page, image_share


def _layers(page: Element) -> Iterator[Element]:
    content = page.find("Content")
    if content is not None:
        yield from content.findall("Layer")


def _child_text(element: Element | None, *tags: str) -> str:
    if element is None:
        return ""
    found = element.path(*tags)
    return found.text if found is not None else ""


def _numbers(text: str | None) -> list[float]:
    return [float(n) for n in _NUMBER_RE.findall(text or "")]


def _box(text: str | None) -> tuple[float, float, float, float] | None:
    values = _numbers(text)
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        return None
    if values[2] <= 0 or values[3] <= 0 or values[2] > 10_000 or values[3] > 10_000:
        return None
    return values[0], values[1], values[2], values[3]


def _matrix(unit: Element) -> Matrix:
    """The unit's transform from its own space to the page: CTM, then the boundary's
    origin."""
    box = _numbers(unit.get("Boundary"))
    x, y = (box[0], box[1]) if len(box) == 4 else (0.0, 0.0)
    ctm = _numbers(unit.get("CTM"))
    a, b, c, d, e, f = ctm if len(ctm) == 6 else _IDENTITY
    return (a, b, c, d, e + x, f + y)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _deltas(text: str | None) -> list[float]:
    """A ``DeltaX``/``DeltaY`` list: numbers, ``g N v`` standing for *v* repeated N times."""
    values: list[float] = []
    tokens = (text or "").split()
    i = 0
    while i < len(tokens) and len(values) <= MAX_CHARACTERS:
        token = tokens[i]
        if token == "g" and i + 2 < len(tokens):
            try:
                count, value = int(float(tokens[i + 1])), float(tokens[i + 2])
            except (ValueError, OverflowError):  # not a number; NaN or infinity as a count
                break
            values.extend([value] * max(0, min(count, MAX_CHARACTERS - len(values))))
            i += 3
            continue
        try:
            values.append(float(token))
        except ValueError:
            break
        i += 1
    return values


class _Drawn:
    """What the units of one page draw, in points."""

    def __init__(self) -> None:
        self.glyphs: list[Glyph] = []
        self.segments: list[Segment] = []
        self.rectangles: list[Box] = []
        self.image_area = 0.0
        self.truncated = False

    def block(self, block: Element, depth: int) -> None:
        if depth > MAX_BLOCK_DEPTH:
            return
        for unit in block.children:
            tag = unit.tag
            if (unit.get("Visible") or "true").strip().lower() == "false":
                continue  # not drawn: not on the page
            if tag == "TextObject":
                self.text(unit)
            elif tag == "PathObject":
                self.path(unit)
            elif tag == "ImageObject":
                box = _numbers(unit.get("Boundary"))
                if len(box) == 4:
                    self.image_area += abs(box[2] * box[3])
            elif tag == "PageBlock":
                self.block(unit, depth + 1)

    # -- text -------------------------------------------------------------------------

    def text(self, unit: Element) -> None:
        m = _matrix(unit)
        try:
            size = float(unit.get("Size") or "0")
        except ValueError:
            size = 0.0
        if not 0 < size < 1_000:
            return
        x = y = 0.0
        for code in unit.findall("TextCode"):
            text = code.text
            if code.get("X") is not None:
                x = _first(code.get("X"), x)
            if code.get("Y") is not None:
                y = _first(code.get("Y"), y)
            dx, dy = _deltas(code.get("DeltaX")), _deltas(code.get("DeltaY"))
            for i, char in enumerate(text):
                step = dx[i] if i < len(dx) else None
                width = step if step and step > 0 else size * (0.5 if char.isascii() else 1.0)
                if not char.isspace():
                    if len(self.glyphs) >= MAX_CHARACTERS:
                        self.truncated = True
                        return
                    self._glyph(m, char, (x, y), width, size)
                x += width if step is None else step
                if i < len(dy):
                    y += dy[i]

    def _glyph(
        self, m: Matrix, char: str, at: tuple[float, float], width: float, size: float
    ) -> None:
        x, y = at
        top, bottom = y - _ASCENT * size, y + _DESCENT * size
        corners = [_apply(m, px, py) for px in (x, x + width) for py in (top, bottom)]
        xs = [p[0] for p in corners]
        ys = [p[1] for p in corners]
        self.glyphs.append(Glyph(char, min(xs) * MM, min(ys) * MM, max(xs) * MM, max(ys) * MM))

    # -- paths ------------------------------------------------------------------------

    def path(self, unit: Element) -> None:
        stroke = (unit.get("Stroke") or "true").lower() != "false"
        fill = (unit.get("Fill") or "false").lower() == "true"
        if not (stroke or fill):
            return
        data = unit.find("AbbreviatedData")
        if data is None:
            return
        m = _matrix(unit)
        for figure in _figures(data.text):
            points = [_apply(m, px, py) for px, py in figure]
            if fill and not stroke:
                rectangle = _rectangle(points)
                if rectangle is not None:
                    self.rectangles.append(rectangle)
                continue
            for (x0, y0), (x1, y1) in itertools.pairwise(points):
                if len(self.segments) >= MAX_SEGMENTS:
                    self.truncated = True
                    return
                self.segments.append(Segment(x0 * MM, y0 * MM, x1 * MM, y1 * MM))


def _first(text: str | None, default: float) -> float:
    values = _numbers(text)
    return values[0] if values else default


def _figures(data: str) -> Iterator[list[tuple[float, float]]]:
    """The polylines of an ``AbbreviatedData`` path: runs of points joined by straight
    lines (a curve ends a run; its end point starts the next)."""
    tokens = data.split()
    operands = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}
    figure: list[tuple[float, float]] = []
    start: tuple[float, float] | None = None
    current: tuple[float, float] | None = None
    i = 0
    count = 0
    while i < len(tokens):
        op = tokens[i]
        need = operands.get(op)
        if need is None:
            i += 1  # not an operator: skipped (a damaged path)
            continue
        try:
            args = [float(t) for t in tokens[i + 1 : i + 1 + need]]
        except ValueError:
            args = []
        i += 1 + need
        if len(args) < need:
            break
        count += 1
        if count > MAX_SEGMENTS:
            break
        if op in ("S", "M"):
            if len(figure) > 1:
                yield figure
            current = start = (args[0], args[1])
            figure = [current]
        elif op == "L":
            current = (args[0], args[1])
            figure = figure or ([start] if start else [])
            figure.append(current)
        elif op == "C":
            if start is not None and current is not None and current != start:
                figure.append(start)
            if len(figure) > 1:
                yield figure
            figure = [start] if start is not None else []
            current = start
        else:  # a curve: no ruling; its end point starts the next run
            if len(figure) > 1:
                yield figure
            current = (args[-2], args[-1])
            figure = [current]
    if len(figure) > 1:
        yield figure


def _rectangle(points: list[tuple[float, float]]) -> Box | None:
    """The box of a filled axis-aligned rectangle (4 corners, closed or not)."""
    corners = points[:-1] if len(points) == 5 and points[0] == points[-1] else points
    if len(corners) != 4:
        return None
    xs = sorted({round(p[0], 6) for p in corners})
    ys = sorted({round(p[1], 6) for p in corners})
    if len(xs) != 2 or len(ys) != 2:
        return None
    return Box(xs[0] * MM, ys[0] * MM, xs[1] * MM, ys[1] * MM)
