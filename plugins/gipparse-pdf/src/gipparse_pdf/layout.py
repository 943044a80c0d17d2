"""The PDF reader's page layout, for readers of other fixed-layout formats.

A fixed-layout page (PDF, OFD) is characters placed on a page and lines drawn on it. A
reader that describes each page as a :class:`Page` (characters with their boxes, the
straight segments and filled rectangles its paths draw, in points with the y axis
pointing down from the page's top) gets from :func:`lay_out` what the PDF reader makes
of a PDF: tables rebuilt from their ruling lines, prose lines joined into paragraphs,
page numbers and running headers and footers left out, tables continued over a page end
joined, and ``source.*`` diagnostics for what it could not read.

It does not load PDFium, so a reader of another format loads nothing it does not use.
A page holding one ruled table of two rows:

>>> from gipparse.plugin import DocumentBuilder
>>> rulings = [
...     Segment(72, 100, 272, 100), Segment(72, 120, 272, 120), Segment(72, 140, 272, 140),
...     Segment(72, 100, 72, 140), Segment(172, 100, 172, 140), Segment(272, 100, 272, 140),
... ]
>>> text = [Glyph("名", 80, 104, 90, 114), Glyph("称", 90, 104, 100, 114)]
>>> text += [Glyph("数", 180, 104, 190, 114), Glyph("量", 190, 104, 200, 114)]
>>> text += [Glyph("规", 80, 124, 90, 134), Glyph("章", 90, 124, 100, 134)]
>>> text += [Glyph("7", 180, 124, 186, 134)]
>>> page = Page(1, 595, 842, text, rulings, [], 0.0, False)
>>> document = lay_out([page], "report.xyz", builder=DocumentBuilder("xyz"))
>>> (table,) = document.blocks
>>> table.format, [[cell.raw for cell in row.cells] for row in table.rows]
('xyz', [['名称', '数量'], ['规章', '7']])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from gipparse.plugin import DocumentBuilder, SourceDocument

from ._grid import Box, Glyph, Segment

__all__ = ["Box", "Glyph", "Page", "Segment", "lay_out"]


class Page(NamedTuple):
    """What one page holds, in points, with the y axis pointing down from its top."""

    #: The page's number, from 1.
    number: int
    width: float
    height: float
    #: Its characters, each with its box, in reading order (whitespace left out: the gaps
    #: between boxes say where words end).
    glyphs: list[Glyph]
    #: The straight lines its paths stroke (the edges of a stroked rectangle are four).
    segments: list[Segment]
    #: The rectangles its paths fill: long thin ones are rulings, others backgrounds.
    rectangles: list[Box]
    #: Share of the page's area that images cover, each clipped to the page (0 to 1;
    #: images that overlap count twice, up to 1). A page without text whose images cover
    #: half of it is scanned; text over such a page is an OCR layer.
    image_share: float
    #: Whether the reader left some of the page's paths unread (too many of them).
    truncated: bool


def lay_out(
    pages: Sequence[Page], path: str | None = None, *, builder: DocumentBuilder | None = None
) -> SourceDocument:
    """Lay *pages* out into a document: its paragraphs and tables, and what it could not
    read as diagnostics.

    :param path: the source's path, for error messages.
    :param builder: the builder the blocks are added to, by default a new
        ``DocumentBuilder("pdf")``. A reader of another format passes one of its own
        format (the tables are then of that format), to which it may already have added
        diagnostics of its own; messages name the document by the format, upper-cased.
    :raises gipparse.SourceError: no page holds text (a scan, when its pages are images).
    """
    from ._reader import _Layout  # the layout itself lives with the PDF reader

    return _Layout(list(pages), path, builder).build()
