"""What a source that is not a text report looks like, and the registry of the project's
reader plugins that read such sources.

:func:`gipparse.source.decode.identify` asks every source a few tests (its first bytes,
the marks of a few formats, control characters); this module, with its tables of formats
and plugins and its two ``NamedTuple`` classes (some 2 M instructions to make), is
imported only for a source those tests do not pass as text, and by what names the reader
plugins (folder walks, ``gipparse plugins``): a process that reads text reports never
makes them.
"""

from __future__ import annotations

import codecs
import os
from typing import NamedTuple

from . import _CONTROL_BYTES, _PREFIXES, _TO_UTF8, SNIFF_SIZE

#: A source is binary when more than 1 byte in this many of its first SNIFF_SIZE bytes is a
#: control character that text does not use.
CONTROL_RATIO = 20


class Reader(NamedTuple):
    """A reader plugin of the gipparse project, installed separately: what the text
    reader, folder walks and ``gipparse plugins`` name for a source that plugin reads."""

    #: The distribution to install (``gipparse-pdf``).
    distribution: str
    #: The file suffixes it reads.
    suffixes: tuple[str, ...]


#: The registry of the project's reader plugins, by the format they read: the one place
#: that knows their names. A source the text reader refuses is pointed at the plugin of
#: its format, or of its file suffix; a folder walk says which plugin reads the files it
#: skips (gipparse.export.inputs); ``gipparse plugins`` names the plugin of each format no
#: installed reader reads (gipparse.source.formats).
READERS: dict[str, Reader] = {
    "html": Reader("gipparse-html", (".html", ".htm", ".shtml", ".xhtml")),
    "docx": Reader("gipparse-docx", (".docx",)),
    "pdf": Reader("gipparse-pdf", (".pdf",)),
    "doc": Reader("gipparse-docx", (".doc", ".wps", ".rtf")),
    "ofd": Reader("gipparse-ofd", (".ofd",)),
}
HTML_PLUGIN = READERS["html"].distribution
DOCX_PLUGIN = READERS["docx"].distribution
PDF_PLUGIN = READERS["pdf"].distribution
OFD_PLUGIN = READERS["ofd"].distribution
#: The plugin distribution that reads files of a suffix.
PLUGIN_FOR_SUFFIX = {
    suffix: reader.distribution for reader in READERS.values() for suffix in reader.suffixes
}
#: Legacy Word documents and RTF: read by gipparse-docx with LibreOffice.
_WITH_LIBREOFFICE = f"install the {DOCX_PLUGIN} plugin and LibreOffice to read it"


class ForeignFormat(NamedTuple):
    """What a source that is not a text report looks like."""

    #: ``"a PDF document"``: completes "this looks like ...".
    what: str
    #: The plugin that reads it, when one exists.
    plugin: str | None = None
    #: What to do instead when no plugin reads it.
    advice: str | None = None
    #: Why it is refused, when "not a text report" would be wrong.
    reason: str = "not a text report"

    def message(self) -> str:
        text = f"this looks like {self.what}, {self.reason}"
        if self.plugin:
            text += f"; install the {self.plugin} plugin to read it"
        elif self.advice:
            text += f"; {self.advice}"
        return text


_NO_TEXT = "gipparse reads reports as text"

# Magic numbers at offset 0 of formats people hand to a text reader by mistake.
_MAGIC: tuple[tuple[bytes, ForeignFormat], ...] = (
    (b"\x89PNG\r\n\x1a\n", ForeignFormat("a PNG image", advice=_NO_TEXT)),
    (b"\xff\xd8\xff", ForeignFormat("a JPEG image", advice=_NO_TEXT)),
    (b"GIF87a", ForeignFormat("a GIF image", advice=_NO_TEXT)),
    (b"GIF89a", ForeignFormat("a GIF image", advice=_NO_TEXT)),
    (b"II*\x00", ForeignFormat("a TIFF image", advice=_NO_TEXT)),
    (b"MM\x00*", ForeignFormat("a TIFF image", advice=_NO_TEXT)),
    (b"\x1f\x8b", ForeignFormat("a gzip archive", advice="unpack it first")),
    (b"\xfd7zXZ\x00", ForeignFormat("an xz archive", advice="unpack it first")),
    (b"(\xb5/\xfd", ForeignFormat("a Zstandard archive", advice="unpack it first")),
    (b"7z\xbc\xaf\x27\x1c", ForeignFormat("a 7-Zip archive", advice="unpack it first")),
    (b"Rar!\x1a\x07", ForeignFormat("a RAR archive", advice="unpack it first")),
    (
        b"{\\rtf",
        ForeignFormat("an RTF document", advice=_WITH_LIBREOFFICE + ", or save it as .docx"),
    ),
    (b"\x7fELF", ForeignFormat("an executable (ELF)", advice=_NO_TEXT)),
    (b"\xcf\xfa\xed\xfe", ForeignFormat("an executable (Mach-O)", advice=_NO_TEXT)),
    (b"\xce\xfa\xed\xfe", ForeignFormat("an executable (Mach-O)", advice=_NO_TEXT)),
    (b"\x00asm", ForeignFormat("a WebAssembly module", advice=_NO_TEXT)),
    (b"SQLite format 3\x00", ForeignFormat("an SQLite database", advice=_NO_TEXT)),
)
_MAGIC_NUMBERS = tuple(magic for magic, _ in _MAGIC)
_PDF = ForeignFormat("a PDF document", plugin=PDF_PLUGIN)
_UTF32 = ForeignFormat("UTF-32 text", advice=_TO_UTF8, reason="an encoding gipparse does not read")
_UTF16_NO_BOM = ForeignFormat(
    "UTF-16 text without a byte-order mark",
    advice=_TO_UTF8,
    reason="which gipparse reads only with a byte-order mark",
)


def identify(data: bytes) -> ForeignFormat | None:
    """Say what *data* looks like when it is not a text report, or ``None`` if it may be one.

    Looks at magic numbers, at the member names of ZIP and OLE2 containers, at the pattern
    of NUL bytes (UTF-16 and UTF-32 without a BOM) and at the share of control characters.
    Sources with a UTF-8 or UTF-16 BOM are text; UTF-32 BOMs are recognised.
    """
    head = data[:16]
    # Whether *data* starts as one of the formats told by how they start: one call where a
    # text report (which starts as none) needed one for each of the checks below.
    prefixed = head.startswith(_PREFIXES)
    if prefixed:
        if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
            return _UTF32
        if head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return None
        if head.startswith(_ZIP):
            return _identify_zip(data)
        if head.startswith(_OLE):
            return _identify_ole(data)
    if b"%PDF-" in data[:1024]:
        return _PDF
    if prefixed:
        if head.startswith(_MAGIC_NUMBERS):
            for magic, found in _MAGIC:
                if head.startswith(magic):
                    return found
        if head.startswith(b"BZh") and head[3:4].isdigit() and head[4:10] == b"1AY&SY":
            return ForeignFormat("a bzip2 archive", advice="unpack it first")
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"mif1", b"avif"):
            return ForeignFormat("an HEIF/AVIF image", advice=_NO_TEXT)
        return ForeignFormat("an MP4/QuickTime media file", advice=_NO_TEXT)
    if prefixed:
        if head.startswith(b"RIFF") and len(head) >= 12:
            kind = {b"WEBP": "a WebP image", b"WAVE": "WAV audio", b"AVI ": "an AVI video"}
            return ForeignFormat(kind.get(head[8:12], "a RIFF media file"), advice=_NO_TEXT)
        if head.startswith(b"BM") and len(data) >= 26 and data[6:10] == b"\x00\x00\x00\x00":
            return ForeignFormat("a BMP image", advice=_NO_TEXT)
        if head.startswith(b"MZ") and len(data) >= 64:
            offset = int.from_bytes(data[60:64], "little")
            if data[offset : offset + 4] == b"PE\x00\x00":
                return ForeignFormat("a Windows executable", advice=_NO_TEXT)
    if data[257:262] == b"ustar":
        return ForeignFormat("a tar archive", advice="unpack it first")
    return _identify_by_bytes(data[:SNIFF_SIZE])


_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _identify_zip(data: bytes) -> ForeignFormat:
    # Member names sit in the local headers at the front and in the central directory at
    # the end; Office files often list [Content_Types].xml first, so look for the folders.
    names = data[:65536] + data[-65536:]
    if b"OFD.xml" in names:
        return ForeignFormat("an OFD document (GB/T 33190)", plugin=OFD_PLUGIN)
    if b"word/" in names:
        return ForeignFormat("a DOCX (Word) document", plugin=DOCX_PLUGIN)
    if b"xl/" in names:
        return ForeignFormat(
            "an XLSX (Excel) spreadsheet", advice="export the report itself as text or .docx"
        )
    if b"ppt/" in names:
        return ForeignFormat("a PPTX (PowerPoint) presentation", advice=_NO_TEXT)
    if b"application/vnd.oasis.opendocument.text" in names:
        return ForeignFormat(
            "an OpenDocument text (.odt)", advice="save it as .docx and use " + DOCX_PLUGIN
        )
    if b"application/vnd.oasis.opendocument" in names:
        return ForeignFormat("an OpenDocument file", advice=_NO_TEXT)
    if b"application/epub+zip" in names:
        return ForeignFormat("an EPUB book", advice=_NO_TEXT)
    return ForeignFormat("a ZIP archive", advice="unpack it first")


def _identify_ole(data: bytes) -> ForeignFormat:
    # Stream names in an OLE2 directory are UTF-16LE.
    if "WordDocument".encode("utf-16-le") in data:
        return ForeignFormat(
            "a legacy Word document (.doc)",
            advice=_WITH_LIBREOFFICE + ", or save it as .docx",
        )
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return ForeignFormat("a legacy Excel spreadsheet (.xls)", advice=_NO_TEXT)
    if "PowerPoint Document".encode("utf-16-le") in data:
        return ForeignFormat("a legacy PowerPoint presentation (.ppt)", advice=_NO_TEXT)
    return ForeignFormat("a legacy Microsoft Office file (OLE2)", advice=_NO_TEXT)


def _identify_by_bytes(sample: bytes) -> ForeignFormat | None:
    if not sample:
        return None
    nuls = sample.count(0) if 0 in sample else 0  # finding one is a faster pass than counting
    if nuls:
        if _is_utf32(sample, little=True) or _is_utf32(sample, little=False):
            return _UTF32
        if _is_utf16(sample, little=True) or _is_utf16(sample, little=False):
            return _UTF16_NO_BOM
    controls = 0
    if any(map(sample.__contains__, _CONTROL_BYTES)):  # a search each, faster than a pass
        controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls * CONTROL_RATIO > len(sample):
        why = "it holds NUL bytes" if nuls else "too many control characters"
        return ForeignFormat(f"binary data ({why})", advice=_NO_TEXT)
    return None


def _is_utf32(sample: bytes, *, little: bool) -> bool:
    """Every code unit has a zero top byte and a plane byte of at most 0x10."""
    sample = sample[: len(sample) - len(sample) % 4]
    top, plane = (sample[3::4], sample[2::4]) if little else (sample[0::4], sample[1::4])
    return (
        bool(top)
        and top.count(0) == len(top)
        and max(plane) <= 0x10
        and _printable(sample, "utf-32-le" if little else "utf-32-be")
    )


def _is_utf16(sample: bytes, *, little: bool) -> bool:
    """NUL bytes in the high half of code units (ASCII characters: line ends, digits), far
    fewer in the low half (U+4E00 一 and the like), and the result is printable text."""
    sample = sample[: len(sample) - len(sample) % 2]
    high, low = (sample[1::2], sample[0::2]) if little else (sample[0::2], sample[1::2])
    units, high_nuls, low_nuls = len(high), high.count(0), low.count(0)
    return (
        units > 0
        and high_nuls * 100 >= units
        and high_nuls >= 3 * low_nuls
        and low_nuls * 10 <= units
        and _printable(sample, "utf-16-le" if little else "utf-16-be")
    )


def _printable(sample: bytes, encoding: str) -> bool:
    text = sample.decode(encoding, errors="replace")
    good = sum(1 for ch in text if ch.isprintable() or ch.isspace())
    return good * 20 >= len(text) * 19 and text.count("\ufffd") * 100 <= len(text)


def refusal(found: ForeignFormat | None, path: str | None) -> str:
    """The message refusing the source *path* that looks like *found* (``None``: an HTML
    page), naming the plugin its file suffix calls for when *found* names none."""
    if found is None:
        found = ForeignFormat("an HTML page", plugin=HTML_PLUGIN)
    message = found.message()
    suffix = os.path.splitext(path)[1].lower() if path else ""
    plugin = PLUGIN_FOR_SUFFIX.get(suffix)
    if plugin is not None and found.plugin is None:
        message += f" (its name ends in {suffix}, which the {plugin} plugin reads)"
    return message


def text_refusal(found: ForeignFormat) -> str:
    """The message refusing text handed over as ``str`` whose bytes look like *found*."""
    if found is _UTF16_NO_BOM or found is _UTF32:
        found = ForeignFormat(
            "UTF-16 or UTF-32 bytes decoded one byte at a time (NUL characters between the "
            "letters)",
            advice="pass the bytes to gipparse and let it decode them",
        )
    return found.message()
