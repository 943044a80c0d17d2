"""gipparse-docx: read 政府信息公开工作年度报告 written as Word documents (``.docx``).

A gipparse reader, registered through the ``gipparse.readers`` entry-point group (loaded
when gipparse first meets a source that is not a text report): once installed,
``gipparse.load("report.docx")`` reads the document. :data:`plugin` is a
:class:`gipparse.plugin.ReaderPlugin`, which implements three hooks:

* ``gipparse_read_source`` reads ``.docx`` files and any source that is a ZIP archive
  holding ``word/document.xml``, and returns ``None`` for everything else;
* ``gipparse_source_suffixes`` names ``.docx``, so that folders are searched for it;
* ``gipparse_register_table_formats`` registers the ``docx`` table format, so that tables
  read from Word documents (``Table.format == "docx"``) render: as the tab layout Word's
  own text export gives them, which is also how they stand in ``report.source``.

The distribution holds a second plugin, :data:`gipparse_docx.legacy.plugin` (entry point
``doc``), which reads legacy Word documents (``.doc``, ``.wps``) and RTF by having
LibreOffice convert them to DOCX.
"""

from __future__ import annotations

from gipparse.plugin import ReaderPlugin, SourceDocument, SourceError

__version__ = "0.1.0"

#: File suffixes read as Word documents.
SUFFIXES = (".docx",)

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# "WordDocument" in UTF-16-LE, written out: encoding it would import that codec for every
# process that loads the plugin.
_WORD_STREAM = b"W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00"


def looks_like_docx(data: bytes) -> bool:
    """Whether *data* is a ZIP archive holding ``word/document.xml``."""
    if not data.startswith(_ZIP_MAGIC):
        return False
    import io  # imported here: loading the plugin must cost a one-report CLI run nothing
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except Exception:  # a damaged directory raises many kinds (a version zipfile cannot read
        # raises NotImplementedError): it is not recognisably this format
        return False


class DocxReader(ReaderPlugin):
    """Word documents: ``.docx`` files, and any source that is a ZIP archive holding
    ``word/document.xml``."""

    name = "docx"
    suffixes = SUFFIXES
    distribution = "gipparse-docx"

    def sniff(self, data: bytes) -> bool:
        return looks_like_docx(data)

    def accepts(self, path: str | None, data: bytes) -> bool:
        # A ``.docx`` file that is not a ZIP archive at all (a legacy ``.doc``, a PDF) is
        # left to the next reader, which says what it is; one that is a damaged or
        # foreign archive is refused by read_docx with a SourceError.
        if self.suffix_of(path) in SUFFIXES:
            if data.startswith(_OLE_MAGIC):
                if _WORD_STREAM in data:
                    return False  # a legacy .doc renamed: gipparse_docx.legacy reads it
                raise SourceError(
                    "this .docx file is a password-protected Word file; "
                    "save it as a .docx without a password",
                    path=path,
                )
            return data.startswith(_ZIP_MAGIC)
        return looks_like_docx(data)

    def read(self, data: bytes, path: str | None) -> SourceDocument:
        from ._reader import read_docx  # imported on first use: python-docx loads lxml

        return read_docx(data, path)


#: The plugin the ``gipparse.readers`` entry point names.
plugin = DocxReader()
