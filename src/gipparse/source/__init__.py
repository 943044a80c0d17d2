"""Reading a source: decoding bytes to text, and the plain-text reader.

What both the first tests every source is asked (:func:`.decode.identify`) and the full
checks of a source that may not be text (:mod:`.foreign`) look at is said here once: the
package is imported with either, and neither imports the other at import time.
"""

import codecs

#: How much of a source the format sniffing looks at.
SNIFF_SIZE = 8192
# Control characters that text does not use (TAB, LF, VT, FF, CR and ESC are allowed).
_CONTROL_BYTES = bytes([0, *range(1, 9), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
#: What a message refusing text in another encoding advises.
_TO_UTF8 = "convert it to UTF-8 (gipparse reads UTF-8, UTF-16 with a BOM, and GB18030/GBK)"
#: The first bytes of the sources :func:`.decode.identify` looks at further: byte-order
#: marks, ZIP and OLE2 containers, magic numbers of other formats (every one :mod:`.foreign`
#: tells a format by, which ``tests/test_source.py`` checks).
_PREFIXES = (
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"PK\x07\x08",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"II*\x00",
    b"MM\x00*",
    b"\x1f\x8b",
    b"\xfd7zXZ\x00",
    b"(\xb5/\xfd",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"{\\rtf",
    b"\x7fELF",
    b"\xcf\xfa\xed\xfe",
    b"\xce\xfa\xed\xfe",
    b"\x00asm",
    b"SQLite format 3\x00",
    b"BZh",
    b"RIFF",
    b"BM",
    b"MZ",
)
