"""gipparse-pdf: read 政府信息公开工作年度报告 published as PDF files.

A gipparse reader, registered through the ``gipparse.readers`` entry-point group (loaded
when gipparse first meets a source that is not a text report): once installed,
``gipparse.load("report.pdf")`` reads the document. :data:`plugin` is a
:class:`gipparse.plugin.ReaderPlugin`, which implements three hooks:

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

from gipparse.plugin import ReaderPlugin, SourceDocument

__version__ = "0.1.0"

#: File suffixes read as PDF documents.
SUFFIXES = (".pdf",)

#: How every PDF starts (a few producers put bytes before it: up to this many are allowed).
PDF_MAGIC = b"%PDF-"
_MAGIC_WINDOW = 1024


def looks_like_pdf(data: bytes) -> bool:
    """Whether *data* is a PDF: ``%PDF-`` at its start or within its first kilobyte."""
    return data.startswith(PDF_MAGIC) or PDF_MAGIC in data[:_MAGIC_WINDOW]


class PdfReader(ReaderPlugin):
    """PDF files: any source starting with ``%PDF-``, whatever its name. A file named
    ``.pdf`` that is no PDF is left to the next reader, which says what it is; an
    encrypted, damaged or scanned PDF is refused by read_pdf with a SourceError."""

    name = "pdf"
    suffixes = SUFFIXES
    distribution = "gipparse-pdf"

    def sniff(self, data: bytes) -> bool:
        return looks_like_pdf(data)

    def accepts(self, path: str | None, data: bytes) -> bool:
        return looks_like_pdf(data)

    def read(self, data: bytes, path: str | None) -> SourceDocument:
        from ._reader import read_pdf  # imported on first use: pypdfium2 loads a library

        return read_pdf(data, path)


#: The plugin the ``gipparse.readers`` entry point names.
plugin = PdfReader()
