"""Turning the bytes of a source into the text of a report: size limits, refusing binary
or foreign input with a message that says what it looks like, and decoding.

Decoding reads UTF-8 (with or without BOM), UTF-16 with a BOM, and GB18030 (a superset of
GBK and GB2312). Damage is read, not hidden: a UTF-8 file with a few lines in GBK (a
paragraph pasted from elsewhere) or with a few invalid bytes (a file cut inside a
character, a bad sector) decodes line by line, and every line that needed help is named
by a ``source.*`` diagnostic. A source whose damage is pervasive is refused.
"""

from __future__ import annotations

import codecs
import os
import stat
from typing import TYPE_CHECKING

from ..errors import InputTooLargeError, SourceError
from ..tree.nodes import Diagnostic, SourceDocument
from ..tree.text import with_lf
from . import _CONTROL_BYTES, _PREFIXES, SNIFF_SIZE
from .budget import (
    TEXT_BASE,
    TEXT_MOST_PER_BYTE,
    check_memory,
    environment,
    memory_budget,
    text_memory,
)

if TYPE_CHECKING:
    from .foreign import ForeignFormat

#: Default ceiling on the size of one source, in bytes. Override per call with
#: ``max_size=`` or for a whole process with ``GIPPARSE_MAX_INPUT_SIZE``.
DEFAULT_MAX_INPUT_SIZE = 64 * 1024 * 1024
MAX_SIZE_ENV = "GIPPARSE_MAX_INPUT_SIZE"


def max_input_size(override: int | None = None) -> int:
    """The size limit of one source: *override*, else ``GIPPARSE_MAX_INPUT_SIZE``, else
    :data:`DEFAULT_MAX_INPUT_SIZE`.

    :raises SourceError: the limit is negative or the variable is not a number.
    """
    if override is None:
        env = environment(MAX_SIZE_ENV).strip()
        if not env:
            return DEFAULT_MAX_INPUT_SIZE
        try:
            override = int(env.replace("_", ""))
        except ValueError:
            raise SourceError(f"{MAX_SIZE_ENV}={env!r} is not a whole number of bytes") from None
        source = MAX_SIZE_ENV
    else:
        if isinstance(override, bool) or not isinstance(override, int):
            raise TypeError(f"max_size must be an int, not {type(override).__name__}")
        source = "max_size"
    if override < 0:
        raise SourceError(f"{source}={override} is negative")
    return override


def check_size(size: int, limit: int, path: str | None, unit: str = "bytes") -> None:
    """:raises InputTooLargeError: *size* is over *limit*."""
    if size > limit:
        raise InputTooLargeError(
            f"the source is {size:,} {unit}, over the maximum of {limit:,} "
            f"(raise it with max_size= or {MAX_SIZE_ENV})",
            path=path,
        )


def read_file(name: str, limit: int) -> bytes:
    """The bytes of the file *name*, at most one byte past *limit* (the caller checks
    the size again: a device or a pipe has none to check first).

    A regular file is read by its size: asked for ``limit + 1`` bytes, :meth:`read` would
    allocate that much (64 MiB by default) for every file, a fifth of the cost of loading a
    small report. It is read with plain system calls: the file object :func:`open` builds
    costs more than the reading.

    :raises InputTooLargeError: the file is larger than *limit*.
    :raises OSError: the file cannot be read.
    """
    fd = os.open(name, _READ_FLAGS)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):  # what open() says of a folder
            import errno  # here, not at import (0.3 M instructions): a folder is rare

            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
        check_size(info.st_size, limit, name)
        if not stat.S_ISREG(info.st_mode):
            with open(fd, "rb", closefd=False) as f:
                return f.read(limit + 1)
        data = _read(fd, info.st_size + 1)
        if len(data) > info.st_size:
            # The file grew since it was measured.
            data += _read(fd, limit + 1 - len(data))
        return data
    finally:
        os.close(fd)


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def _read(fd: int, size: int) -> bytes:
    """*size* bytes from *fd*, fewer only where the file ends (as a buffered read gives)."""
    chunks = []
    while size > 0:
        chunk = os.read(fd, size)
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


# -- recognising what is not a text report -------------------------------------------

# Every source is asked whether it may not be a text report, with the few tests below;
# only a source that may not be one has :mod:`.foreign` (the formats and plugins, and
# the full checks) imported to say what it is.

#: Byte-order marks of text gipparse reads (a UTF-32 one starts as a UTF-16 one).
_TEXT_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


def identify(data: bytes) -> ForeignFormat | None:
    """Say what *data* looks like when it is not a text report, or ``None`` if it may be one
    (:func:`gipparse.source.foreign.identify`, asked only when *data* starts as one of
    the formats it tells, holds their marks where it looks for them, or holds a control
    character that text does not use: a text report does none of these)."""
    head = data[:16]
    if head.startswith(_PREFIXES):
        if head.startswith(_TEXT_BOMS) and not head.startswith(_UTF32_BOMS):
            return None
    elif b"%PDF-" not in data[:1024] and head[4:8] != b"ftyp" and data[257:262] != b"ustar":
        sample = data[:SNIFF_SIZE]
        # (NUL is one of them; a search each is faster than a pass.)
        if not any(map(sample.__contains__, _CONTROL_BYTES)):
            return None
    from .foreign import identify as identify_foreign

    return identify_foreign(data)


def looks_like_html(data: bytes) -> bool:
    start = data[:64].lstrip(_HTML_SPACE)
    if start and start[0] != 0x3C:  # the first byte that is not a space is not "<"
        return False
    head = data[:1024].lstrip(_HTML_SPACE).lower()
    return (
        head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower()
    )


_HTML_SPACE = b"\xef\xbb\xbf \t\r\n"


def check_text(text: str, path: str | None = None) -> None:
    """Refuse text handed over as ``str`` that is plainly a binary file read as text.

    :raises SourceError: naming what it looks like.
    """
    head = text[:SNIFF_SIZE]
    try:
        data = head.encode("latin-1")  # the bytes themselves, if they were read as Latin-1
    except UnicodeEncodeError:
        data = head.encode("utf-8", "surrogatepass")
    found = identify(data)
    if found is not None:
        from .foreign import text_refusal

        raise SourceError(text_refusal(found), path=path)


# -- decoding ------------------------------------------------------------------------


def read_text(data: bytes, path: str | None = None) -> SourceDocument:
    """What the built-in text reader returns for *data*.

    :raises SourceError: binary or foreign input (the message names what it looks like
        and the plugin that reads it, if any), or text too damaged to read.
    :raises InputTooLargeError: reading it would take more memory than the budget.
    """
    if TEXT_BASE + TEXT_MOST_PER_BYTE * len(data) > memory_budget() > 0:
        # Only a source this large may hold enough line ends to go over the budget
        # (counting them is a pass over every byte).
        check_memory(text_memory(data), path)
    found = identify(data)
    if found is not None or looks_like_html(data):
        from .foreign import refusal

        raise SourceError(refusal(found, path), path=path)
    text, encoding, diagnostics = decode(data, path)
    return SourceDocument(text, encoding, "text", diagnostics=tuple(diagnostics))


def decode(data: bytes, path: str | None = None) -> tuple[str, str, list[Diagnostic]]:
    """Decode *data* as text: ``(text, encoding, diagnostics)``. Line ends are kept.

    :raises SourceError: the bytes are not text in an encoding gipparse reads.
    """
    # A source that is not UTF-8 throughout (damaged, GB18030, Big5, UTF-16) is read by
    # :mod:`.rescue`, imported then: most reports are UTF-8, and a process reading them
    # does not load the code of the others.
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        from .foreign import _UTF32

        raise SourceError(_UTF32.message(), path=path)
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig", []
        except UnicodeDecodeError:
            pass
        from .rescue import decode_damaged

        text, diagnostics = decode_damaged(data[3:], "utf-8", path)
        return text, "utf-8-sig", diagnostics
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        from .rescue import decode_utf16

        text, diagnostics = decode_utf16(data, path)
        return text, "utf-16", diagnostics
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    from .rescue import decode_not_utf8

    return decode_not_utf8(data, path)


def split_lines(text: str) -> list[str]:
    """Split on LF, CRLF and CR; nothing else counts as a line end (see
    :func:`~gipparse.tree.text.with_lf`)."""
    return with_lf(text).split("\n")
