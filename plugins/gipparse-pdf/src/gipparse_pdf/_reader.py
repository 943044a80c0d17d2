"""From a PDF to the report's blocks.

Each page is read for its characters and its rulings (:mod:`._page`); the rulings give
the page's tables and the characters in their cells (:mod:`._grid`), and the other
characters are lines of prose. Then, over the whole document:

* page numbers (``- 3 -``, ``第1页 共3页``, ``3/5``) and running headers and footers
  (the same line at the same place in the top or bottom margin of several pages) are
  dropped, and a ``source.page-chrome`` note says so;
* a table that ends a page and one that starts the next, with the same left and right
  edges, are one table: the header rows Word repeats on the new page are dropped (a
  ``source.repeated-header`` note), a merged cell cut by the page end is joined, and so
  is a row broken by the page end (see :func:`_broken_row`);
* lines of prose are joined into paragraphs: a paragraph starts where a line is
  indented, where the line before it ends short (the line's first word, or its first
  character with the punctuation that may not start a line, would have fitted on it),
  or where the type size changes; a paragraph cut by a page end is continued;
* pages that are images without text, text over page images (OCR), numbers in columns
  without rulings between the columns (read as prose, as are the rows of a one-column
  frame holding them), characters without Unicode values, and pages drawing more than
  the reader lays out are named by ``source.*`` warnings; a PDF of images only is
  refused.

Tables are written as the tab layout the other readers write (a cell covered by a
merge from above is an empty cell at the merge's first column, a merge across columns is
written once), so that the rest of the pipeline reads them alike.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple, TypeVar

from gipparse.plugin import DocumentBuilder, Severity, SourceDocument, SourceError

from . import _grid
from ._grid import Box, Glyph, Grid, Segment
from .layout import Page

FORMAT = "pdf"

#: Most pages read; a longer document is refused (an annual report has a few dozen).
MAX_PAGES = 2_000
#: Most rulings laid out in one document (a few dozen pages of tables use a few
#: thousand); pages beyond are read without tables, so that time stays bounded.
MAX_DOCUMENT_RULINGS = 40_000
#: A page whose images cover at least this share of it and which has no text is scanned.
IMAGE_PAGE_SHARE = 0.5
#: Share of the page's height at its top and bottom where running headers, footers and
#: page numbers stand.
MARGIN_SHARE = 0.12
#: A warning is given when more than 1 in this many characters have no Unicode value.
UNMAPPED_SHARE = 20
#: Largest difference of left or right edges (points) of two parts of one table.
EDGE_TOLERANCE = 3.0
#: Farthest from the origin, in points, that a character or a line is laid out. A PDF
#: page is at most 14,400 points wide; a position past this, or one that is no number at
#: all (NaN, infinity: the coordinates of a damaged document), is on no page.
MAX_POSITION = 1_000_000.0

_PAGE_NUMBER_RE = re.compile(
    r"[-—–－_~\s]*(?:\d{1,4}|[ivxlcdm]{1,6})[-—–－_~\s]*"
    r"|第\s*\d{1,4}\s*页\s*[,，/]?\s*(?:共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?",
    re.I,
)
_NUMBER_RE = re.compile(r"[+\-]?\d[\d,，.]*(?:万元|元|%)?")
# A value standing alone in a cell: a number, or the dash, slash or 无 reports print for 0.
_VALUE_RE = re.compile(rf"{_NUMBER_RE.pattern}|[-‐‑‒–—―－/／\\_＿无無]{{1,3}}")
# Punctuation that may not start a line (kinsoku): a line break moves the character
# before it to the next line too.
_NO_LINE_START = frozenset("。，、；：？！）》」』】〕〉”’.,;:?!)%")
# Punctuation that may not end a line: a line break moves it to the next line with the
# character (or Latin word) after it.
_NO_LINE_END = frozenset("（《「『【〔〈“‘(")
# How a label of a new item starts: （五）, 3., 3、, 四、
_ITEM_RE = re.compile(r"[（(][一二三四五六七八九十]+[)）]|\d+[.、．]|[一二三四五六七八九十]+、")


class Line(NamedTuple):
    """A line of prose on a page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    #: The width of the line's first unbreakable piece: a Latin word, or a character
    #: with the closing punctuation that may not start a line after it.
    lead: float = 0.0


class TableCell(NamedTuple):
    row: int
    rowspan: int
    x0: float
    x1: float
    text: str
    #: Whether the cell's last line of text runs to its right edge: text that a page end
    #: cuts off continues on the next page only from such a line.
    full: bool = False


class TablePart(NamedTuple):
    """A ruled table as one page shows it (or as several do, once joined)."""

    x0: float
    x1: float
    top: float
    bottom: float
    rows: int
    cells: list[TableCell]
    #: The header rows repeated at the top of a page that were dropped when joining.
    repeated: int = 0


Item = Line | TablePart


def read_pdf(data: bytes, path: str | None) -> SourceDocument:
    """Open and read a PDF into a :class:`~gipparse.SourceDocument`."""
    import pypdfium2  # imported on first use: loading the plugin must cost a CLI run nothing

    from ._page import read_page

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise SourceError(_open_error(str(exc)), path=path) from None
    try:
        count = len(document)
        if count == 0:
            raise SourceError("the PDF has no pages", path=path)
        if count > MAX_PAGES:
            raise SourceError(
                f"the PDF has {count:,} pages, over the maximum of {MAX_PAGES:,}", path=path
            )
        pages = [read_page(document, i) for i in range(count)]
    except pypdfium2.PdfiumError as exc:
        raise SourceError(f"cannot read the PDF, it is damaged: {exc}", path=path) from None
    finally:
        document.close()
    return _Layout(pages, path).build()


def _open_error(message: str) -> str:
    if "password" in message.lower():
        return (
            "the PDF is encrypted with a password; open it in a PDF reader and save a copy "
            "without the password"
        )
    return f"cannot open the PDF, it is damaged or not a PDF: {message}"


_Item = TypeVar("_Item", Glyph, Segment, Box)


def _on_page(items: list[_Item], first: int) -> tuple[list[_Item], int]:
    """*items* without those with a number, from field *first* on, that is no number or
    lies past :data:`MAX_POSITION`; and how many were left out."""
    rows: Sequence[Sequence[Any]] = items  # their fields from *first* on are numbers
    numbers = [v for item in rows for v in item[first:]]
    # min() and max() may miss a NaN, which their sum keeps.
    if not numbers or (
        not math.isnan(sum(numbers))
        and min(numbers) >= -MAX_POSITION
        and max(numbers) <= MAX_POSITION
    ):
        return items, 0
    placed = [
        item
        for item, row in zip(items, rows, strict=True)
        if all(-MAX_POSITION <= v <= MAX_POSITION for v in row[first:])
    ]
    return placed, len(items) - len(placed)


class _Layout:
    """The layout of a fixed-layout document's pages (gipparse_pdf.layout.lay_out)."""

    def __init__(
        self, pages: list[Page], path: str | None, builder: DocumentBuilder | None = None
    ) -> None:
        #: Pages that placed characters or lines at no place on them, and how many.
        self.unplaced: list[tuple[int, int]] = []
        self.pages = [self._placed(page) for page in pages]
        self.path = path
        self.builder = builder if builder is not None else DocumentBuilder(FORMAT)
        #: What messages call the document: "PDF", "OFD".
        self.kind = self.builder.format.upper()
        self.unruled_pages: list[int] = []
        self.ocr_pages: list[int] = []
        self.overdrawn_pages: list[int] = []
        self.rulings = 0  # on the pages read so far
        self.numbered_pages: list[int] = []  # pages whose page number was left out
        self.running: defaultdict[str, list[int]] = defaultdict(list)  # header -> pages

    def _placed(self, page: Page) -> Page:
        """*page* without the characters and lines it places on no page (see
        :data:`MAX_POSITION`); they are counted in :attr:`unplaced`. Every number of an
        item is looked at: a glyph's box, a segment's ends and pen width, a box."""
        glyphs, lost_glyphs = _on_page(page.glyphs, 1)
        segments, lost_segments = _on_page(page.segments, 0)
        rectangles, lost_rectangles = _on_page(page.rectangles, 0)
        dropped = lost_glyphs + lost_segments + lost_rectangles
        if not dropped:
            return page
        self.unplaced.append((page.number, dropped))
        return page._replace(glyphs=glyphs, segments=segments, rectangles=rectangles)

    def build(self) -> SourceDocument:
        builder = self.builder
        text_pages = [p for p in self.pages if p.glyphs]
        image_pages = [
            p.number for p in self.pages if not p.glyphs and p.image_share >= IMAGE_PAGE_SHARE
        ]
        if not text_pages:
            if image_pages:
                raise SourceError(
                    "the PDF's pages are images (a scan) and hold no text; run OCR on it "
                    "first (for example ocrmypdf -l chi_sim in.pdf out.pdf) or read the "
                    "report's Word or web version",
                    path=self.path,
                )
            raise SourceError(f"the {self.kind} holds no text", path=self.path)
        items = [self._page_items(page) for page in self.pages]
        self._drop_chrome(items)
        blocks = self._join_tables(items)
        for block in self._paragraphs(blocks):
            if isinstance(block, str):
                builder.paragraph(block)
            elif len(block.cells) == 1:
                # A frame around text (a box, a one-cell table): its text is prose.
                builder.paragraph(block.cells[0].text)
            else:
                table = builder.table(_tab_rows(block))
                if block.repeated and table is not None:
                    builder.diagnose(
                        Severity.INFO,
                        "source.repeated-header",
                        f"{block.repeated} header rows printed again where the table goes "
                        "on over a page end were left out",
                        table,
                    )
        self._chrome_diagnostic()
        if image_pages:
            builder.diagnose(
                Severity.WARNING,
                "source.image-pages",
                f"pages {_page_list(image_pages)} are images without text (scanned) and were "
                f"not read; run OCR on the {self.kind} to read them",
            )
        if self.ocr_pages:
            builder.diagnose(
                Severity.WARNING,
                "source.ocr-pages",
                f"pages {_page_list(self.ocr_pages)} are scanned images with a text layer "
                "(OCR) and no ruling lines; tables are read only from their rulings, so "
                "their text was read as prose: read the report's Word or web version for "
                "its statistics",
            )
        if self.unruled_pages:
            builder.diagnose(
                Severity.WARNING,
                "source.unruled-table",
                f"pages {_page_list(self.unruled_pages)} hold numbers laid out in columns "
                "without ruling lines; tables are read only from their rulings, so these "
                "were read as prose",
            )
        unmapped = sum(_unmapped(g.text) for p in text_pages for g in p.glyphs)
        total = sum(len(p.glyphs) for p in text_pages)
        if unmapped * UNMAPPED_SHARE > total:
            builder.diagnose(
                Severity.WARNING,
                "source.unmapped-characters",
                f"{unmapped:,} of the {self.kind}'s {total:,} characters have no Unicode value in "
                "its fonts (shown as U+FFFD or private-use characters); its text cannot be "
                "read as printed: read the report's Word or web version, or run OCR",
            )
        if self.unplaced:
            builder.diagnose(
                Severity.WARNING,
                "source.unplaced",
                f"pages {_page_list([n for n, _ in self.unplaced])} place "
                f"{sum(k for _, k in self.unplaced):,} characters or lines at positions that "
                f"are not numbers or lie far off the page (damaged coordinates); they were not "
                "read",
            )
        truncated = [p.number for p in self.pages if p.truncated]
        if truncated:
            builder.diagnose(
                Severity.WARNING,
                "source.too-many-paths",
                f"pages {_page_list(truncated)} draw too many paths; the rest were not read",
            )
        if self.overdrawn_pages:
            builder.diagnose(
                Severity.WARNING,
                "source.too-many-paths",
                f"pages {_page_list(self.overdrawn_pages)} draw more ruling lines than are "
                f"laid out ({_grid.MAX_RULINGS:,} a page, {MAX_DOCUMENT_RULINGS:,} a "
                "document: a drawing, not tables); no tables were read on them",
            )
        return builder.build()

    def _chrome_diagnostic(self) -> None:
        """Say what of the pages' margins was left out: page numbers, running lines."""
        parts = []
        if self.numbered_pages:
            parts.append(f"page numbers (pages {_page_list(self.numbered_pages)})")
        for text, pages in self.running.items():
            parts.append(f"the running line {text!r} (pages {_page_list(pages)})")
        if parts:
            self.builder.diagnose(
                Severity.INFO,
                "source.page-chrome",
                "left out as page furniture, not the report: " + "; ".join(parts),
            )

    # -- one page -----------------------------------------------------------------

    def _page_items(self, page: Page) -> list[Item]:
        items: list[Item] = []
        rest: list[Glyph] = page.glyphs
        found = _grid.rulings(page.segments, page.rectangles)
        self.rulings += len(found)
        if len(found) > _grid.MAX_RULINGS or self.rulings > MAX_DOCUMENT_RULINGS:
            grids = []
            self.overdrawn_pages.append(page.number)
        else:
            grids = _grid.grids(found)
        for grid in grids:
            inside, outside = _grid.assign(grid, rest)
            if len(grid.xs) == 2 and _looks_tabular(
                [_line(glyphs) for cell in inside for glyphs in _grid.lines(cell)]
            ):
                # Rows of numbers in columns framed with no rulings between the columns:
                # cells cannot be rebuilt; the rows are prose, as a 三线表's are.
                continue
            rest = outside
            items.append(_part(grid, inside))
        lines = [_line(glyphs) for glyphs in _grid.lines(rest)]
        if not grids and page.image_share >= IMAGE_PAGE_SHARE:
            self.ocr_pages.append(page.number)  # text over a page image: an OCR layer
        elif _looks_tabular(lines):
            self.unruled_pages.append(page.number)
        items.extend(lines)
        items.sort(key=lambda item: item.top)
        return items

    # -- page chrome ----------------------------------------------------------------

    def _drop_chrome(self, items: list[list[Item]]) -> None:
        """Drop page numbers and running headers and footers."""
        seen: Counter[tuple[str, int]] = Counter()
        for page, page_items in zip(self.pages, items, strict=True):
            for key in {_chrome_key(page, item) for item in page_items}:
                if key is not None:
                    seen[key] += 1
        for index, (page, page_items) in enumerate(zip(self.pages, items, strict=True)):
            kept = []
            for item in page_items:
                if isinstance(item, Line) and _in_margin(page, item):
                    if _PAGE_NUMBER_RE.fullmatch(item.text):
                        self.numbered_pages.append(page.number)
                        continue
                    key = _chrome_key(page, item)
                    if key is not None and seen[key] >= 2:
                        self.running[item.text].append(page.number)
                        continue
                kept.append(item)
            items[index] = kept

    # -- tables across pages ------------------------------------------------------

    def _join_tables(self, items: list[list[Item]]) -> list[Item]:
        result: list[Item] = []
        for page_items in items:
            for position, item in enumerate(page_items):
                last = result[-1] if result else None
                if (
                    position == 0
                    and isinstance(item, TablePart)
                    and isinstance(last, TablePart)
                    and abs(last.x0 - item.x0) <= EDGE_TOLERANCE
                    and abs(last.x1 - item.x1) <= EDGE_TOLERANCE
                ):
                    result[-1] = _join(last, item)
                else:
                    result.append(item)
        return result

    # -- prose ----------------------------------------------------------------------

    def _paragraphs(self, items: list[Item]) -> Iterator[str | TablePart]:
        left = _margin([i.x0 for i in items if isinstance(i, Line)], low=True)
        right = _margin([i.x1 for i in items if isinstance(i, Line)], low=False)
        text = ""
        previous: Line | None = None
        for item in items:
            if isinstance(item, TablePart):
                if text:
                    yield text
                text, previous = "", None
                yield item
                continue
            if previous is None or _starts_paragraph(previous, item, left, right):
                if text:
                    yield text
                text = item.text
            else:
                text += _joiner(text, item.text) + item.text
            previous = item
        if text:
            yield text


def _unmapped(char: str) -> bool:
    """Whether PDFium found no Unicode value for a character: U+FFFD, private use."""
    return char == "\ufffd" or "\ue000" <= char <= "\uf8ff"


def _page_list(numbers: Sequence[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def _line(glyphs: list[Glyph]) -> Line:
    sizes = sorted(g.bottom - g.top for g in glyphs)
    return Line(
        _grid.line_text(glyphs),
        glyphs[0].x0,
        max(g.x1 for g in glyphs),
        min(g.top for g in glyphs),
        max(g.bottom for g in glyphs),
        sizes[len(sizes) // 2],
        _lead(glyphs),
    )


def _lead(glyphs: list[Glyph]) -> float:
    """The width of the first piece of a line that a line break cannot split: opening
    punctuation with what follows it (〔2020〕 of 〔2020〕42号), a Latin word or a
    character, and the closing punctuation after it."""
    end = 0
    while end + 1 < len(glyphs) and glyphs[end].text in _NO_LINE_END:
        end += 1
    if _is_latin(glyphs[end].text):
        while (
            end + 1 < len(glyphs)
            and _is_latin(glyphs[end + 1].text)
            and glyphs[end + 1].x0 - glyphs[end].x1 < 0.2 * (glyphs[end].bottom - glyphs[end].top)
        ):
            end += 1
    while end + 1 < len(glyphs) and glyphs[end + 1].text in _NO_LINE_START:
        end += 1
    return glyphs[end].x1 - glyphs[0].x0


def _is_latin(char: str) -> bool:
    """Whether *char* belongs to a Latin word: ASCII, or a letter with a diacritic (the
    pinyin a converter leaves after a character: 监(jiān)督)."""
    if char.isascii():
        return char.isalnum() or char in "-.,%()/"
    return "\u00c0" <= char <= "\u024f" and char.isalpha()


def _part(grid: Grid, inside: list[list[Glyph]]) -> TablePart:
    cells = [
        TableCell(
            cell.row,
            cell.rowspan,
            cell.box.x0,
            cell.box.x1,
            _grid.cell_text(glyphs),
            _runs_to_edge(glyphs, cell.box.x1),
        )
        for cell, glyphs in zip(grid.cells, inside, strict=True)
    ]
    box = grid.box
    return TablePart(box.x0, box.x1, box.top, box.bottom, len(grid.ys) - 1, cells)


def _runs_to_edge(glyphs: list[Glyph], right: float) -> bool:
    """Whether the last line of *glyphs* ends within two characters of *right*."""
    if not glyphs:
        return False
    last = _grid.lines(glyphs)[-1]
    height = max(g.bottom - g.top for g in last)
    return max(g.x1 for g in last) >= right - 2 * height


def _looks_tabular(lines: list[Line]) -> bool:
    """Whether prose lines hold several rows of numbers spread in columns: a table
    without rulings (a scan's OCR layer, a table drawn with spaces)."""
    rows = 0
    for line in lines:
        parts = line.text.split()
        if len(parts) >= 4 and sum(bool(_NUMBER_RE.fullmatch(p)) for p in parts) >= 3:
            rows += 1
    return rows >= 3


def _in_margin(page: Page, line: Line) -> bool:
    margin = page.height * MARGIN_SHARE
    return line.bottom <= margin or line.top >= page.height - margin


def _chrome_key(page: Page, item: Item) -> tuple[str, int] | None:
    if not isinstance(item, Line) or not _in_margin(page, item):
        return None
    return re.sub(r"\d+", "#", item.text), round(item.top / 6)


# -- tables -----------------------------------------------------------------------------


def _same_edges(a: TableCell, b: TableCell) -> bool:
    return abs(a.x0 - b.x0) <= EDGE_TOLERANCE and abs(a.x1 - b.x1) <= EDGE_TOLERANCE


def _row(part: TablePart, row: int) -> list[TableCell]:
    return sorted((c for c in part.cells if c.row == row), key=lambda c: c.x0)


def _join(a: TablePart, b: TablePart) -> TablePart:
    """One table from a part ending a page and the part starting the next."""
    # Word repeats header rows on every page: drop the rows that repeat a's first rows.
    repeated = 0
    while repeated < min(a.rows, b.rows) - 1 and _same_row(_row(a, repeated), _row(b, repeated)):
        repeated += 1
    cells = [c._replace(row=c.row - repeated) for c in b.cells if c.row >= repeated]
    first = sorted((c for c in cells if c.row == 0), key=lambda c: c.x0)
    joined = list(a.cells)
    ending = [i for i, c in enumerate(joined) if c.row + c.rowspan == a.rows]
    pairs: dict[int, int] = {}  # index in first -> index in joined
    for j, cell in enumerate(first):
        for i in ending:
            if _same_edges(joined[i], cell):
                pairs[j] = i
    broken = (
        bool(first)
        and len(pairs) == len(first) == len(ending)
        and not any(_ITEM_RE.match(c.text) for c in first)
        and _broken_row([joined[pairs[j]] for j in range(len(first))], first)
    )
    if broken:
        # A row broken by the page end: its halves are one row.
        shift = a.rows - 1
        merged = set(pairs)
    else:
        # A merged cell cut by the page end continues on the next page.
        shift = a.rows
        merged = {
            j
            for j, i in pairs.items()
            if (joined[i].rowspan > 1 or first[j].rowspan > 1) and _continues(joined[i], first[j])
        }
    for j in merged:
        i, cell = pairs[j], first[j]
        extra = cell.rowspan - 1 if broken else cell.rowspan
        joined[i] = joined[i]._replace(
            rowspan=joined[i].rowspan + extra, text=joined[i].text + cell.text
        )
    skipped = {id(first[j]) for j in merged}
    joined.extend(c._replace(row=c.row + shift) for c in cells if id(c) not in skipped)
    return TablePart(
        a.x0, a.x1, a.top, b.bottom, shift + b.rows - repeated, joined, a.repeated + repeated
    )


def _continues(above: TableCell, below: TableCell) -> bool:
    """Whether *below*, first on its page, may be the rest of the merged cell *above* that
    the page end cuts: not when it starts a new item, nor when it is a value standing
    alone under a cell with text (a number, or a dash or slash for 0). A page end may fall
    right under a header whose merged cells end there (自然人, 总计 over two header rows):
    the values under them start the next row, they do not continue the header's labels.
    """
    if _ITEM_RE.match(below.text):
        return False
    return not (above.text and _VALUE_RE.fullmatch(below.text))


def _broken_row(above: Sequence[TableCell], below: Sequence[TableCell]) -> bool:
    """Whether the first row of a page (*below*) continues the last row of the page
    before (*above*: the cells reaching its end, column by column), cut by the page end.

    Text runs on from a cell whose last line is full (it wrapped) to the same cell on the
    next page; a cell that is empty above is empty below. And either one half holds the
    numbers and the other half's cells under them are empty, or neither holds numbers
    (a header row, or a row whose zeros are left blank).
    """
    numbers_above = [_is_number(c.text) for c in above]
    numbers_below = [_is_number(c.text) for c in below]
    if any(numbers_above) and any(numbers_below):
        return False
    if any(numbers_above) or any(numbers_below):
        numbers, rest = (numbers_above, below) if any(numbers_above) else (numbers_below, above)
        if any(cell.text for cell, number in zip(rest, numbers, strict=True) if number):
            return False
    pairs = list(zip(above, below, strict=True))
    return any(a.full and b.text for a, b in pairs) and all(
        a.text or not b.text or n for a, b, n in zip(above, below, numbers_below, strict=True)
    )


def _is_number(text: str) -> bool:
    """Whether a cell's text is a number: not an item's number (``4.``) that a label cut
    after it leaves alone at the page end."""
    return bool(_NUMBER_RE.fullmatch(text)) and not _ITEM_RE.fullmatch(text)


def _same_row(x: list[TableCell], y: list[TableCell]) -> bool:
    return (
        bool(x)
        and len(x) == len(y)
        and all(_same_edges(p, q) and p.text == q.text for p, q in zip(x, y, strict=True))
    )


def _tab_rows(part: TablePart) -> list[list[str]]:
    """The tab layout of a table: per row, the cells starting in it and, at their first
    column, the merges from above that cover it."""
    rows: list[list[tuple[float, str]]] = [[] for _ in range(part.rows)]
    for cell in part.cells:
        if not 0 <= cell.row < part.rows:
            continue
        rows[cell.row].append((cell.x0, cell.text))
        for r in range(cell.row + 1, min(cell.row + cell.rowspan, part.rows)):
            rows[r].append((cell.x0, ""))
    return [[text for _, text in sorted(row, key=lambda c: c[0])] for row in rows if row]


# -- prose ------------------------------------------------------------------------------


def _margin(values: list[float], low: bool) -> float:
    """The page's text margin: the most common left (or right) edge, to the point."""
    if not values:
        return 0.0
    counts = Counter(round(v) for v in values)
    best = max(counts.values())
    candidates = [v for v, n in counts.items() if n >= best / 2]
    return float(min(candidates) if low else max(candidates))


def _starts_paragraph(previous: Line, line: Line, left: float, right: float) -> bool:
    size = max(line.size, 1.0)
    if abs(line.size - previous.size) > 0.15 * size:
        return True
    if line.x0 - left >= 1.2 * size:
        return True  # indented
    if previous.x1 + line.lead < right - 0.5 * size:
        return True  # the line before ended short: this line's first piece would fit
    if line.top < previous.top:
        return False  # a new page: continued
    return line.top - previous.bottom > 1.2 * size


def _joiner(text: str, following: str) -> str:
    """What joins two wrapped lines: nothing in Chinese, a space between Latin words."""
    last, first = text[-1:], following[:1]
    latin = last.isascii() and last.isalnum() and first.isascii() and first.isalnum()
    return " " if latin else ""
