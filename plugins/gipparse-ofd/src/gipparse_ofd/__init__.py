"""gipparse-ofd: read 政府信息公开工作年度报告 published as OFD documents (GB/T 33190).

A gipparse reader, registered through the ``gipparse.readers`` entry-point group (loaded
when gipparse first meets a source that is not a text report): once installed,
``gipparse.load("report.ofd")`` reads the document. :data:`plugin` is a
:class:`gipparse.plugin.ReaderPlugin`, which implements three hooks:

* ``gipparse_read_source`` reads ``.ofd`` files and any source that is a ZIP archive
  holding ``OFD.xml``, and returns ``None`` for everything else;
* ``gipparse_source_suffixes`` names ``.ofd``, so that folders are searched for it;
* ``gipparse_register_table_formats`` registers the ``ofd`` table format, so that tables
  read from OFD documents (``Table.format == "ofd"``) render: as the tab layout they have
  in ``report.source``.

Pages are read from the OFD's XML with the standard library (:mod:`._archive` bounds
every part read and refuses DTDs); tables are rebuilt from their ruling lines and prose
is laid out by the PDF reader of gipparse-pdf, on which this plugin depends.
"""

from __future__ import annotations

from gipparse.plugin import ReaderPlugin, SourceDocument

__version__ = "0.1.0"

#: File suffixes read as OFD documents.
SUFFIXES = (".ofd",)

_ZIP_MAGIC = b"PK\x03\x04"


def looks_like_ofd(data: bytes) -> bool:
    """Whether *data* is a ZIP archive holding ``OFD.xml`` at its root."""
    if not data.startswith(_ZIP_MAGIC):
        return False
    import io  # imported here: loading the plugin must cost a one-report CLI run nothing
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(n.lstrip("/").lower() == "ofd.xml" for n in archive.namelist())
    except Exception:  # a damaged directory raises many kinds (a version zipfile cannot read
        # raises NotImplementedError): it is not recognisably this format
        return False


class OfdReader(ReaderPlugin):
    """OFD documents: ``.ofd`` files, and any source that is a ZIP archive holding
    ``OFD.xml``."""

    name = "ofd"
    suffixes = SUFFIXES
    distribution = "gipparse-ofd"

    def sniff(self, data: bytes) -> bool:
        return looks_like_ofd(data)

    def accepts(self, path: str | None, data: bytes) -> bool:
        # A ``.ofd`` file that is not a ZIP archive at all is left to the next reader,
        # which says what it is; a damaged, foreign or hostile archive is refused by
        # read_ofd with a SourceError.
        if self.suffix_of(path) in SUFFIXES:
            return data.startswith(_ZIP_MAGIC)
        return looks_like_ofd(data)

    def read(self, data: bytes, path: str | None) -> SourceDocument:
        from ._reader import read_ofd  # imported on first use: it imports gipparse-pdf

        return read_ofd(data, path)


#: The plugin the ``gipparse.readers`` entry point names.
plugin = OfdReader()
