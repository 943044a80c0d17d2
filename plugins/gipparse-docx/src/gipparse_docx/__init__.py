"""gipparse-docx: read 政府信息公开工作年度报告 written as Word documents (``.docx``).

A gipparse plugin, registered through the ``gipparse`` entry-point group: once installed,
``gipparse.load("report.docx")`` reads the document. It implements three hooks:

* ``gipparse_read_source`` reads ``.docx`` files and any source that is a ZIP archive
  holding ``word/document.xml``, and returns ``None`` for everything else;
* ``gipparse_source_suffixes`` names ``.docx``, so that folders are searched for it;
* ``gipparse_register_table_formats`` registers the ``docx`` table format, so that tables
  read from Word documents (``Table.format == "docx"``) render: as the tab layout Word's
  own text export gives them, which is also how they stand in ``report.source``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from gipparse import (
    DocumentBuilder,
    SourceDocument,
    SourceError,
    Table,
    TableFormat,
    TableParse,
    hookimpl,
)

__version__ = "0.1.0"

#: File suffixes read as Word documents.
SUFFIXES = (".docx",)

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def looks_like_docx(data: bytes) -> bool:
    """Whether *data* is a ZIP archive holding ``word/document.xml``."""
    if not data.startswith(_ZIP_MAGIC):
        return False
    import io  # imported here: loading the plugin must cost a one-report CLI run nothing
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


@hookimpl
def gipparse_read_source(path: str | None, data: bytes) -> SourceDocument | None:
    """Read a Word document; ``None`` for a source that is not one.

    A ``.docx`` file that is not a ZIP archive at all (a legacy ``.doc``, a PDF) is left
    to the next reader, which says what it is; one that is a damaged or foreign archive is
    refused with a :class:`~gipparse.SourceError`.
    """
    suffix = os.path.splitext(path)[1].lower() if path else ""
    if suffix in SUFFIXES:
        if data.startswith(_OLE_MAGIC):
            raise SourceError(
                "this .docx file is a password-protected or legacy (.doc) Word file; "
                "save it as a .docx without a password",
                path=path,
            )
        if not data.startswith(_ZIP_MAGIC):
            return None
    elif not looks_like_docx(data):
        return None
    from ._reader import read_docx  # imported on first use: python-docx loads lxml

    return read_docx(data, path)


@hookimpl
def gipparse_source_suffixes() -> list[str]:
    return list(SUFFIXES)


class DocxTableFormat(TableFormat):
    """Tables read from Word documents. They are found by the reader, never in text
    (``parses = False``), and render as the tab layout Word's text export gives them."""

    name = "docx"
    parses = False

    def could_start(self, line: str) -> bool:
        return False

    def parse(self, lines: Sequence[str], start: int) -> TableParse | None:
        return None

    def render(self, table: Table) -> str:
        builder = DocumentBuilder(self.name)
        builder.table([cell.raw for cell in row.cells] for row in table.rows)
        return builder.build().text


DOCX_TABLE = DocxTableFormat()


@hookimpl
def gipparse_register_table_formats(register: Callable[[TableFormat], None]) -> None:
    register(DOCX_TABLE)
