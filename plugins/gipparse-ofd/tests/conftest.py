"""Writing the seed reports as OFD documents (GB/T 33190), the way converters lay them out.

No OFD writer is at hand, so this one lays the seeds out itself, on A4 pages in
millimetres: ``OFD.xml`` names ``Doc_0/Document.xml``, which lists the pages
(``Pages/Page_N/Content.xml``), a template page and the fonts of ``PublicRes.xml``. A
page's layer holds:

* headings (larger type) and paragraphs (first line indented two characters), wrapped
  at the right margin, one ``TextObject`` per line with a ``TextCode`` whose ``DeltaX``
  gives each character's advance (``g N v`` for runs of equal advances);
* each table with the merged cells it had (inferred from the tab layout by the plugins'
  shared ``merged_layout``), every cell's border drawn as a ``PathObject``
  (``AbbreviatedData`` ``M x y L x y ... C``), so that a merged cell has no ruling inside,
  and its lines of text wrapped to the cell's width, top-left;
* an ``ImageObject`` where the text had an image line, a running header in the top
  margin and the page number in the bottom one.

A table that does not fit goes on over the next pages, broken at row boundaries that no
merged cell crosses (the header rows are not repeated); when no such boundary fits on a
whole page, the rest of the table gets a taller page (OFD gives every page its own
size). The :class:`Style` varies how the same page is written: ``plain`` as above;
``transformed``, where a table is never broken (it gets a taller page), with every text
unit scaled by a ``CTM`` (half size, its coordinates doubled), cell borders as thin
filled rectangles instead of stroked lines, the units inside ``PageBlock`` groups, one
``TextObject`` per character, the running header on a template page, and locations
given from the package root.
"""

from __future__ import annotations

import base64
import io
import zipfile
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import attrs
import pytest

from gipparse import Paragraph, Table

# A 1×1 PNG, for the images the text reports show as ![name](url) lines.
_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)

#: Running header and footer text: neither may reach a report.
CHROME_TEXTS = ("某某区人民政府办公室文件",)

_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0
LEFT, RIGHT, TOP, BOTTOM = 25.0, 185.0, 30.0, 267.0
BODY, HEADING, CELL = 4.0, 5.0, 3.2  # type sizes, mm
BODY_LINE, CELL_LINE = 6.5, 4.5  # line pitch, mm
PARAGRAPH_GAP = 6.0
PADDING = 1.5


@attrs.frozen
class Style:
    name: str
    transformed: bool = False


STYLES = {s.name: s for s in (Style("plain"), Style("transformed", transformed=True))}


def _advance(char: str, size: float) -> float:
    return size * (0.5 if char.isascii() else 1.0)


def _wrap(text: str, width: float, size: float, indent: float = 0.0) -> list[str]:
    """*text* broken into lines no wider than *width* (the first *indent* narrower)."""
    lines: list[str] = []
    line, used, room = "", 0.0, width - indent
    for char in text.replace("\t", " "):
        step = _advance(char, size)
        if line and used + step > room + 1e-9:
            lines.append(line)
            line, used, room = "", 0.0, width
        line += char
        used += step
    if line or not lines:
        lines.append(line)
    return lines


def _deltas(text: str, size: float) -> str:
    """A DeltaX list for *text*, runs of equal advances written ``g N v``."""
    steps = [_advance(c, size) for c in text[:-1]]
    parts: list[str] = []
    i = 0
    while i < len(steps):
        j = i
        while j < len(steps) and steps[j] == steps[i]:
            j += 1
        count = j - i
        parts.append(f"g {count} {steps[i]:g}" if count > 1 else f"{steps[i]:g}")
        i = j
    return " ".join(parts)


class _Page:
    def __init__(self, height: float) -> None:
        self.height = height
        self.units: list[str] = []


class OfdWriter:
    """Lays out one seed report in one style and packs it as an OFD archive."""

    def __init__(self, style: Style, support: Any) -> None:
        self.style = style
        self.support = support
        self.pages: list[_Page] = []
        self.y = TOP
        self.next_id = 100

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    # -- pages --------------------------------------------------------------------------

    def _page(self, height: float = PAGE_HEIGHT) -> _Page:
        page = _Page(height)
        self.pages.append(page)
        self.y = TOP
        if not self.style.transformed:
            self._text(page, CHROME_TEXTS[0], LEFT, 15.0, 3.0)
        return page

    def _room(self, needed: float, split: bool = False) -> _Page:
        """The page to draw *needed* millimetres on: this one, a new one, or a taller one;
        with *split*, this one whatever is left on it (the caller breaks what it draws)."""
        if not self.pages:
            return self._page()
        if split or self.y + needed <= self.pages[-1].height - (PAGE_HEIGHT - BOTTOM):
            return self.pages[-1]
        if needed > BOTTOM - TOP:
            return self._page(TOP + needed + (PAGE_HEIGHT - BOTTOM))
        return self._page()

    # -- units --------------------------------------------------------------------------

    def _text(self, page: _Page, text: str, x: float, baseline: float, size: float) -> None:
        if not text:
            return
        if self.style.transformed:
            # Per character, in a space twice as large scaled back by the CTM.
            for char in text:
                if not char.isspace():
                    top = baseline - 0.8 * size
                    page.units.append(
                        f'<ofd:TextObject ID="{self._id()}" Boundary="{x:g} {top:g} '
                        f'{size:g} {size * 1.2:g}" CTM="0.5 0 0 0.5 0 0" Font="1" '
                        f'Size="{size * 2:g}"><ofd:FillColor Value="0 0 0"/>'
                        f'<ofd:TextCode X="0" Y="{1.6 * size:g}">{escape(char)}'
                        "</ofd:TextCode></ofd:TextObject>"
                    )
                x += _advance(char, size)
            return
        width = sum(_advance(c, size) for c in text)
        top = baseline - 0.8 * size
        deltas = _deltas(text, size)
        delta = f" DeltaX={quoteattr(deltas)}" if deltas else ""
        page.units.append(
            f'<ofd:TextObject ID="{self._id()}" Boundary="{x:g} {top:g} {width:g} '
            f'{size * 1.2:g}" Font="1" Size="{size:g}"><ofd:FillColor Value="0 0 0"/>'
            f'<ofd:TextCode X="0" Y="{0.8 * size:g}"{delta}>{escape(text)}</ofd:TextCode>'
            "</ofd:TextObject>"
        )

    def _border(self, page: _Page, x0: float, y0: float, x1: float, y1: float) -> None:
        if self.style.transformed:
            # Four thin filled rectangles, in page coordinates.
            w = 0.25
            for bx0, by0, bx1, by1 in (
                (x0, y0, x1, y0 + w),
                (x0, y1 - w, x1, y1),
                (x0, y0, x0 + w, y1),
                (x1 - w, y0, x1, y1),
            ):
                page.units.append(
                    f'<ofd:PathObject ID="{self._id()}" Boundary="0 0 {PAGE_WIDTH:g} '
                    f'{page.height:g}" Stroke="false" Fill="true"><ofd:AbbreviatedData>'
                    f"M {bx0:g} {by0:g} L {bx1:g} {by0:g} L {bx1:g} {by1:g} L {bx0:g} {by1:g} C"
                    "</ofd:AbbreviatedData></ofd:PathObject>"
                )
            return
        w, h = x1 - x0, y1 - y0
        page.units.append(
            f'<ofd:PathObject ID="{self._id()}" Boundary="{x0:g} {y0:g} {w:g} {h:g}" '
            f'LineWidth="0.25"><ofd:AbbreviatedData>M 0 0 L {w:g} 0 L {w:g} {h:g} L 0 {h:g} C'
            "</ofd:AbbreviatedData></ofd:PathObject>"
        )

    # -- blocks -------------------------------------------------------------------------

    def heading(self, text: str) -> None:
        lines = _wrap(text, RIGHT - LEFT, HEADING)
        for line in lines:
            page = self._room(BODY_LINE + 1)
            self.y += HEADING
            self._text(page, line, LEFT, self.y, HEADING)
            self.y += BODY_LINE - HEADING + 1
        self.y += PARAGRAPH_GAP

    def paragraph(self, text: str) -> None:
        indent = 2 * BODY
        for i, line in enumerate(_wrap(text.strip(), RIGHT - LEFT, BODY, indent)):
            page = self._room(BODY_LINE)
            self.y += BODY
            self._text(page, line, LEFT + (indent if i == 0 else 0.0), self.y, BODY)
            self.y += BODY_LINE - BODY
        self.y += PARAGRAPH_GAP

    def image(self) -> None:
        page = self._room(20.0)
        page.units.append(
            f'<ofd:ImageObject ID="{self._id()}" Boundary="{LEFT:g} {self.y:g} 40 20" '
            'ResourceID="5" CTM="40 0 0 20 0 0"/>'
        )
        self.y += 20.0 + PARAGRAPH_GAP

    def table(self, table: Table, seed: Any) -> None:
        grid = self.support.merged_layout(table, continuations=seed.tab_tables)
        column = (RIGHT - LEFT) / grid.width
        cells = [cell for row in grid.rows for cell in row]
        wrapped = {
            id(cell): [
                piece
                for line in cell.text.split("\n")
                for piece in _wrap(line.strip(), column * cell.colspan - 2 * PADDING, CELL)
            ]
            for cell in cells
        }
        heights = [0.0] * len(grid.rows)
        for cell in sorted(cells, key=lambda c: c.rowspan):
            need = len(wrapped[id(cell)]) * CELL_LINE + 2 * PADDING
            spanned = range(cell.row, cell.row + cell.rowspan)
            have = sum(heights[r] for r in spanned)
            if have < need:
                heights[cell.row + cell.rowspan - 1] += need - have
        # Rows go on a page down to a row boundary no merged cell crosses, as a converter
        # breaks a table over pages; in the transformed style (or when no such boundary
        # fits on a whole page) the rest goes on one taller page.
        start = 0
        while start < len(heights):
            end = len(heights)
            page = self._room(sum(heights[start:]), split=not self.style.transformed)
            room = page.height - (PAGE_HEIGHT - BOTTOM) - self.y
            if sum(heights[start:]) > room + 1e-9:
                breaks = [
                    b
                    for b in range(start + 1, len(heights))
                    if sum(heights[start:b]) <= room
                    and not any(c.row < b < c.row + c.rowspan for c in cells)
                ]
                if breaks:
                    end = breaks[-1]
                elif self.y > TOP:
                    self._page()
                    continue
                else:
                    page.height = TOP + sum(heights[start:]) + (PAGE_HEIGHT - BOTTOM)
            self._rows(page, cells, wrapped, heights, rows=range(start, end), column=column)
            start = end
        self.y += PARAGRAPH_GAP

    def _rows(
        self,
        page: _Page,
        cells: list[Any],
        wrapped: dict[int, list[str]],
        heights: list[float],
        *,
        rows: range,
        column: float,
    ) -> None:
        """Draw the cells of *rows* (no merged cell crosses either end) at ``self.y``."""
        start, end = rows.start, rows.stop
        tops = {start: self.y}
        for r in range(start, end):
            tops[r + 1] = tops[r] + heights[r]
        for cell in cells:
            if not start <= cell.row < end:
                continue
            x0 = LEFT + cell.column * column
            x1 = x0 + cell.colspan * column
            y0, y1 = tops[cell.row], tops[cell.row + cell.rowspan]
            self._border(page, x0, y0, x1, y1)
            for i, line in enumerate(wrapped[id(cell)]):
                baseline = y0 + PADDING + 0.8 * CELL + i * CELL_LINE
                self._text(page, line, x0 + PADDING, baseline, CELL)
        self.y = tops[end]

    # -- the package --------------------------------------------------------------------

    def write(self, seed: Any) -> bytes:
        for section in seed.report.sections:
            if section.heading is not None:
                self.heading(section.heading.raw)
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    if self.support.is_image_line(block):
                        self.image()
                    elif block.raw.strip():
                        self.paragraph(block.raw)
                else:
                    self.table(block, seed)
        for number, page in enumerate(self.pages, 1):
            label = f"- {number} -"
            self._text(page, label, PAGE_WIDTH / 2 - 4, page.height - 15.0, 3.5)
        return self._pack(seed)

    def _pack(self, seed: Any) -> bytes:
        root = "/Doc_0/" if self.style.transformed else ""
        parts: dict[str, str] = {}
        parts["OFD.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD {_NS} Version="1.1" '
            'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>'
            f"{seed.name}0000000000000000000000000000</ofd:DocID><ofd:Title>{escape(seed.title)}"
            "</ofd:Title><ofd:CreationDate>2021-01-15</ofd:CreationDate></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
        )
        template = ""
        if self.style.transformed:
            template = f'<ofd:TemplatePage ID="2" BaseLoc="{root}Tpls/Tpl_0/Content.xml"/>'
            header = _Page(PAGE_HEIGHT)
            writer = OfdWriter(Style("plain"), self.support)
            writer.next_id = 50
            writer._text(header, CHROME_TEXTS[0], LEFT, 15.0, 3.0)
            parts["Doc_0/Tpls/Tpl_0/Content.xml"] = (
                f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page {_NS}><ofd:Content>'
                f'<ofd:Layer ID="3">{"".join(header.units)}</ofd:Layer></ofd:Content></ofd:Page>'
            )
        listed = "".join(
            f'<ofd:Page ID="{10 + i}" BaseLoc="{root}Pages/Page_{i}/Content.xml"/>'
            for i in range(len(self.pages))
        )
        parts["Doc_0/Document.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document {_NS}><ofd:CommonData>'
            f"<ofd:MaxUnitID>{self.next_id}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>"
            f"0 0 {PAGE_WIDTH:g} {PAGE_HEIGHT:g}</ofd:PhysicalBox></ofd:PageArea>"
            f"<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{template}</ofd:CommonData>"
            f"<ofd:Pages>{listed}</ofd:Pages></ofd:Document>"
        )
        parts["Doc_0/PublicRes.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res {_NS} BaseLoc="Res"><ofd:Fonts>'
            '<ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/></ofd:Fonts><ofd:MultiMedias>'
            '<ofd:MultiMedia ID="5" Type="Image" Format="PNG"><ofd:MediaFile>image.png'
            "</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias></ofd:Res>"
        )
        for i, page in enumerate(self.pages):
            units = "".join(page.units)
            uses = ""
            if self.style.transformed:
                uses = '<ofd:Template TemplateID="2" ZOrder="Background"/>'
                half = len(page.units) // 2
                units = (
                    f'<ofd:PageBlock ID="{self._id()}">{"".join(page.units[:half])}'
                    f'<ofd:PageBlock ID="{self._id()}">{"".join(page.units[half:])}'
                    "</ofd:PageBlock></ofd:PageBlock>"
                )
            area = ""
            if page.height != PAGE_HEIGHT:
                area = (
                    f"<ofd:Area><ofd:PhysicalBox>0 0 {PAGE_WIDTH:g} {page.height:g}"
                    "</ofd:PhysicalBox></ofd:Area>"
                )
            parts[f"Doc_0/Pages/Page_{i}/Content.xml"] = (
                f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page {_NS}>{uses}{area}'
                f'<ofd:Content><ofd:Layer ID="{self._id()}" Type="Body">{units}</ofd:Layer>'
                "</ofd:Content></ofd:Page>"
            )
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in parts.items():
                archive.writestr(name, text.encode("utf-8"))
            archive.writestr("Doc_0/Res/image.png", _PNG)
        return out.getvalue()


class Writer:
    """What the tests need from this module (a conftest cannot be imported)."""

    chrome_texts = CHROME_TEXTS
    styles = STYLES

    def __init__(self, support: Any) -> None:
        self.support = support

    def document(self, seed: Any, style: Style) -> bytes:
        return OfdWriter(style, self.support).write(seed)


@pytest.fixture(scope="session")
def writer(support: Any) -> Writer:
    return Writer(support)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "ofd_style" in metafunc.fixturenames:
        metafunc.parametrize("ofd_style", list(STYLES.values()), ids=lambda s: s.name)
