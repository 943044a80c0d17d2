"""gipparse-pdf: read 政府信息公开工作年度报告 published as PDF files.

A gipparse plugin, registered through the ``gipparse`` entry-point group: once installed,
``gipparse.load("report.pdf")`` reads the document. It implements three hooks:

* ``gipparse_read_source`` reads any source whose first bytes are ``%PDF-`` (whatever
  its name), and returns ``None`` for everything else;
* ``gipparse_source_suffixes`` names ``.pdf``, so that folders are searched for it;
* ``gipparse_register_table_formats`` registers the ``pdf`` table format, so that tables
  read from PDFs (``Table.format == "pdf"``) render: as the tab layout they have in
  ``report.source``.

Tables are rebuilt from the page's ruling lines (:mod:`gipparse_pdf._grid`), never
guessed from the spacing of text: a PDF whose tables have no rulings (a scan with an
OCR text layer) gets a diagnostic, not invented cells.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from gipparse import DocumentBuilder, SourceDocument, Table, TableFormat, TableParse, hookimpl

__version__ = "0.1.0"

#: File suffixes read as PDF documents.
SUFFIXES = (".pdf",)

#: How every PDF starts (a few producers put bytes before it: up to this many are allowed).
PDF_MAGIC = b"%PDF-"
_MAGIC_WINDOW = 1024


def looks_like_pdf(data: bytes) -> bool:
    """Whether *data* is a PDF: ``%PDF-`` at its start or within its first kilobyte."""
    return data.startswith(PDF_MAGIC) or PDF_MAGIC in data[:_MAGIC_WINDOW]


@hookimpl
def gipparse_read_source(path: str | None, data: bytes) -> SourceDocument | None:
    """Read a PDF; ``None`` for a source that is not one.

    :raises gipparse.SourceError: the PDF is encrypted, damaged, or its pages are images.
    """
    if not looks_like_pdf(data):
        return None
    from ._reader import read_pdf  # imported on first use: pypdfium2 loads a library

    return read_pdf(data, path)


@hookimpl
def gipparse_source_suffixes() -> list[str]:
    return list(SUFFIXES)


class PdfTableFormat(TableFormat):
    """Tables read from PDFs. They are found by the reader, never in text
    (``parses = False``), and render as the tab layout they have in ``report.source``."""

    name = "pdf"
    parses = False

    def could_start(self, line: str) -> bool:
        return False

    def parse(self, lines: Sequence[str], start: int) -> TableParse | None:
        return None

    def render(self, table: Table) -> str:
        builder = DocumentBuilder(self.name)
        builder.table([cell.raw for cell in row.cells] for row in table.rows)
        return builder.build().text


PDF_TABLE = PdfTableFormat()


@hookimpl
def gipparse_register_table_formats(register: Callable[[TableFormat], None]) -> None:
    register(PDF_TABLE)
