"""Decoding the bytes of a text report: encodings, line ends, and refusing binary input."""

from __future__ import annotations

import codecs
import os

from ._errors import InputTooLargeError, SourceError

#: Default ceiling on the size of one source, in bytes. Override per call with
#: ``max_size=`` or for a whole process with ``GIPPARSE_MAX_INPUT_SIZE``.
DEFAULT_MAX_INPUT_SIZE = 64 * 1024 * 1024
MAX_SIZE_ENV = "GIPPARSE_MAX_INPUT_SIZE"

# Magic numbers of formats people hand to a text reader by mistake: (prefix, description).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office file (.doc/.xls)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"BM", ""),  # checked further below: too short a prefix to trust alone
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"RIFF", "a RIFF file (WebP image, WAV audio or AVI video)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"MZ", ""),  # checked further below
)


# Bytes that are not control characters (TAB, LF, FF, CR and ESC count as text).
_NOT_CONTROL = bytes(b for b in range(256) if b >= 0x20 or b in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))


def max_input_size(override: int | None = None) -> int:
    if override is not None:
        return override
    env = os.environ.get(MAX_SIZE_ENV)
    if env:
        try:
            return int(env)
        except ValueError:
            raise SourceError(f"{MAX_SIZE_ENV}={env!r} is not a number of bytes") from None
    return DEFAULT_MAX_INPUT_SIZE


def check_size(size: int, limit: int, path: str | None) -> None:
    if size > limit:
        raise InputTooLargeError(
            f"the source is {size:,} bytes, over the maximum of {limit:,} "
            f"(raise it with max_size= or {MAX_SIZE_ENV})",
            path=path,
        )


def describe_binary(data: bytes) -> str | None:
    """Say what binary *data* looks like, or ``None`` if it may be text."""
    head = data[:16]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        window = data[:4096]
        if b"word/" in data[:65536] or b"[Content_Types].xml" in window:
            return "a DOCX (Office Open XML) document"
        if b"xl/" in window:
            return "an XLSX spreadsheet"
        return "a ZIP archive"
    for magic, what in _MAGIC:
        if what and head.startswith(magic):
            return what
    if head.startswith(b"\x00\x00\xfe\xff") or head.startswith(b"\xff\xfe\x00\x00"):
        return "UTF-32 text (convert it to UTF-8)"
    sample = data[:8192]
    if b"\x00" in sample:
        if _looks_utf16(sample):
            return "UTF-16 text without a byte-order mark (convert it to UTF-8)"
        return "binary data (it holds NUL bytes)"
    controls = len(sample.translate(None, _NOT_CONTROL))
    if sample and controls * 20 > len(sample):
        return "binary data (too many control characters)"
    return None


def _looks_utf16(sample: bytes) -> bool:
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2 or 1
    return max(even, odd) > half * 0.3 and min(even, odd) < half * 0.05


def looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return (
        head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower()
    )


def decode(data: bytes, path: str | None = None) -> tuple[str, str]:
    """Decode *data* as text: ``(text, encoding)``. Line ends are left as they are.

    UTF-8 (with or without BOM), UTF-16 with BOM; otherwise GB18030 (a superset of GBK and
    GB2312) when the bytes are not UTF-8.

    :raises SourceError: binary or undecodable input, with what it looks like.
    """
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        raise SourceError("this looks like UTF-32 text (convert it to UTF-8)", path=path)
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16", path), "utf-16"
    what = describe_binary(data)
    if what is not None:
        raise SourceError(f"this looks like {what}, not a text report", path=path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    line = data[: utf8_error.start].count(b"\n") + 1
    raise SourceError(
        f"cannot decode the text: not UTF-8 (invalid byte at line {line}, offset "
        f"{utf8_error.start}) and not GB18030/GBK either",
        path=path,
    )


def _strict(data: bytes, encoding: str, path: str | None) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            f"cannot decode the text as {encoding}: invalid data at line {line} "
            f"(offset {exc.start})",
            path=path,
        ) from None


def split_lines(text: str) -> list[str]:
    """Split on LF, CRLF and CR; nothing else counts as a line end."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")
