"""Legacy Word documents (``.doc``, Word 97–2003; ``.wps``, WPS Office) and RTF, read
through LibreOffice.

A second gipparse plugin in the gipparse-docx distribution (entry point ``doc``). It needs
no Python package beyond gipparse-docx, only LibreOffice's ``soffice`` program: a legacy
document is converted to DOCX by LibreOffice (see :mod:`gipparse_docx._convert`), and the
DOCX is read by the same reader as any ``.docx``, tables cell for cell.

It claims a source by its content: an OLE2 compound file holding a ``WordDocument``
stream (what Word 97–2003 and WPS Office write), whatever the file's name; any OLE2 file
named ``.doc`` or ``.wps``; and an RTF document named ``.doc``, ``.wps`` or ``.rtf`` (sites
often publish RTF under ``.doc``).
"""

from __future__ import annotations

from gipparse.plugin import Diagnostic, ReaderPlugin, Severity, SourceDocument, SourceError

#: File suffixes read as legacy Word documents.
SUFFIXES = (".doc", ".wps", ".rtf")

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# "WordDocument" in UTF-16-LE, written out: encoding it would import that codec for every
# process that loads the plugin.
_WORD_STREAM = b"W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00"
_RTF_MAGIC = b"{\\rtf"

_WHAT = {
    "doc": "a legacy Word document (.doc/.wps)",
    "rtf": "an RTF document",
}
# How LibreOffice is told what to expect: named, a file that is not in that format fails
# instead of being imported as plain text.
_INPUT = {"doc": (".doc", "MS Word 97"), "rtf": (".rtf", "Rich Text Format")}


def legacy_kind(suffix: str, data: bytes) -> str | None:
    """What *data* (from a file with this lowercase *suffix*) is, if this plugin reads
    it: ``"doc"`` (an OLE2 Word document) or ``"rtf"``; ``None`` otherwise."""
    if data.startswith(_OLE_MAGIC):
        if suffix in (".doc", ".wps") or _WORD_STREAM in data:
            return "doc"
        return None
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == _RTF_MAGIC and suffix in SUFFIXES:
        return "rtf"
    return None


class LegacyWordReader(ReaderPlugin):
    """Word 97–2003 and WPS documents and RTF, converted to DOCX by LibreOffice."""

    name = "doc"
    suffixes = SUFFIXES
    distribution = "gipparse-docx"

    def accepts(self, path: str | None, data: bytes) -> bool:
        return legacy_kind(self.suffix_of(path), data) is not None

    def read(self, data: bytes, path: str | None) -> SourceDocument:
        from ._convert import convert_to_docx  # imported on first use, like the reader
        from ._reader import read_docx

        kind = legacy_kind(self.suffix_of(path), data)
        assert kind is not None
        suffix, infilter = _INPUT[kind]
        converted = convert_to_docx(data, suffix, infilter, path, _WHAT[kind])
        try:
            document = read_docx(converted, path, self.name)
        except SourceError as exc:
            reason = f"{exc.reason} (in the DOCX LibreOffice made of it)"
            raise SourceError(reason, path=path) from None
        note = Diagnostic(
            Severity.INFO,
            "source.converted",
            f"{_WHAT[kind]} converted to DOCX by LibreOffice and read as DOCX",
        )
        return SourceDocument(
            document.text,
            document.encoding,
            document.format,
            document.blocks,
            (*document.diagnostics, note),
        )

    def missing(self) -> str | None:
        from ._convert import INSTALL_HINT, find_soffice

        if find_soffice() is None:
            return f"LibreOffice (soffice), which was not found: {INSTALL_HINT}"
        return None


#: The plugin the ``doc`` entry point names.
plugin = LegacyWordReader()
