"""Writing what came from untrusted files (their names, their text) where it can do harm.

Reports are collected from thousands of sites, and both their file names and their text
reach a terminal, a JSON file or a spreadsheet:

* **File names that are not UTF-8.** Python gives a name whose bytes are not valid UTF-8
  (a GBK name, as ``unzip`` writes them from Chinese archives) as a string holding lone
  surrogates (U+DC80..U+DCFF, one per undecodable byte), which no UTF-8 output can hold.
  JSON writes them as ``\\udcXX`` escapes, which decode back to the same string (and
  ``os.fsencode`` to the same bytes): lossless. CSV and terminal output write each such
  byte as ``\\xXX``, which a reader can see and a program can undo.
* **Terminal escape codes.** A file name or a message holding ESC, other control
  characters or bidirectional overrides is shown with those characters escaped
  (``\\x1b``, ``\\u202e``), never sent raw to a terminal.
* **Spreadsheet formulas.** A CSV cell of untrusted text (a file name, an agency's name)
  that begins with ``=``, ``+``, ``-``, ``@``, a TAB or a CR is one a spreadsheet may run
  as a formula; it is written with a ``'`` before it. Numbers are never changed.
"""

from __future__ import annotations

import os
import re
import stat
import typing
from collections.abc import Sequence
from functools import lru_cache
from typing import IO

# The patterns are compiled when a text needs them, which few do: a class holding the
# 2,048 surrogates costs 7 M instructions to compile, 1.5% of a one-report export.


@lru_cache(maxsize=1)
def _surrogate_re() -> re.Pattern[str]:
    """Lone surrogates: what UTF-8 cannot hold."""
    return re.compile("[\ud800-\udfff]")


@lru_cache(maxsize=1)
def _unprintable_re() -> re.Pattern[str]:
    """Control characters (TAB aside), C1 controls, bidirectional overrides and isolates,
    and lone surrogates: what a terminal may act on or what UTF-8 cannot hold."""
    return re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _is_utf8(text: str) -> bool:
    """Whether *text* holds no lone surrogate (the only thing UTF-8 cannot encode)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def json_text(text: str) -> str:
    """*text*, JSON already, with each lone surrogate written as a ``\\uXXXX`` escape: the
    same JSON value, now encodable as UTF-8. (Surrogates only occur inside strings.)"""
    if _surrogate_re().search(text) is None:
        return text
    return _surrogate_re().sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def printable(text: str) -> str:
    """*text* for a terminal or a text file: control characters, bidirectional overrides
    and bytes that were not UTF-8 escaped (``\\x1b``, ``\\u202e``, ``\\xb1``)."""
    # Every character the pattern finds is one str.isprintable() refuses.
    if text.isprintable() or _unprintable_re().search(text) is None:
        return text
    return _unprintable_re().sub(_escape, text)


def readable_name(name: str) -> str:
    """A file name as UTF-8 text: bytes that were not UTF-8 as ``\\xXX``, the rest as is."""
    if _is_utf8(name):
        return name
    return _surrogate_re().sub(_escape, name)


def csv_text(text: str) -> str:
    """An untrusted text for a CSV cell: readable (:func:`readable_name`), and with a
    ``'`` before it when it begins like a spreadsheet formula."""
    text = readable_name(text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def json_bytes(text: str) -> bytes:
    """JSON text as UTF-8 bytes, lone surrogates as escapes (:func:`json_text`)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return json_text(text).encode("utf-8")


def check_output(name: str, inputs: list[str], *, others: Sequence[str] = ()) -> None:
    """Refuse to write the output file *name* when that would harm a file.

    :raises GipparseError: *name* is a symbolic link to a regular file (or to nothing),
        which writing would go through; or *name* is one of *inputs*, which writing would
        overwrite while it is read; or *name* is one of *others*, the other files the run
        writes, which one would replace with the other.
    """
    import stat

    from ..errors import GipparseError

    for other in others:
        if _same_file(name, other):
            raise GipparseError(
                f"cannot write {printable(name)} twice: it is also {printable(other)}, "
                "another output of this run; name two files"
            )
    try:
        link = os.lstat(name)
    except OSError:
        return  # nothing there yet (or nothing we may look at: the open will say)
    if stat.S_ISLNK(link.st_mode):
        try:
            target = os.stat(name)
        except OSError:
            target = None
        if target is None or stat.S_ISREG(target.st_mode):
            raise GipparseError(
                f"cannot write {printable(name)}: it is a symbolic link (to "
                f"{printable(os.readlink(name))}), which gipparse does not write through; "
                "remove it or name the file itself"
            )
        return  # a link to a device or a pipe, such as /dev/stdout
    if not stat.S_ISREG(link.st_mode):
        return
    key = (link.st_dev, link.st_ino)
    for path in inputs:
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            continue
        if (info.st_dev, info.st_ino) == key:
            raise GipparseError(
                f"cannot write {printable(name)}: it is one of the inputs "
                f"({printable(path)}); name another output file"
            )


def _same_file(a: str, b: str) -> bool:
    """Whether the names *a* and *b* are one regular file (or would be, once written)."""
    try:
        first, second = os.stat(a), os.stat(b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)
    return stat.S_ISREG(first.st_mode) and (first.st_dev, first.st_ino) == (
        second.st_dev,
        second.st_ino,
    )


#: What :func:`not_a_regular_file` says of a folder.
FOLDER = "a folder"


def not_a_regular_file(name: str) -> str | None:
    """What *name* is when it is there and is not a regular file (:data:`FOLDER`,
    ``"a device"``, ``"a FIFO (named pipe)"``...), through symbolic links; ``None``
    otherwise (nothing there, or nothing that may be looked at: the open will say)."""
    try:
        mode = os.stat(name).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return FOLDER
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


class OutputFile:
    """stdout, or the file named: a new or regular file is written beside its final name
    and moved there when complete, so that an interrupted run (or a full disk) never
    leaves half a file where a whole one was expected, nor the temporary file; a device
    or a pipe (``/dev/null``, or a symbolic link to one such as ``/dev/stdout``) is
    written in place. A symbolic link to a file is refused before (see
    :func:`check_output`). ``None`` or ``-`` is stdout."""

    def __init__(self, name: str | None) -> None:
        self.name = name
        self._tmp: str | None = None
        self._own = False
        self._ended = False
        self.stream: IO[bytes]

    def __enter__(self) -> IO[bytes]:
        if self.name is None or self.name == "-":
            import sys

            sys.stdout.flush()
            self.stream = sys.stdout.buffer
            return self.stream
        try:
            mode = os.lstat(self.name).st_mode
        except FileNotFoundError:
            mode = None
        except OSError as exc:
            self.fail(exc)
        try:
            if mode is None or stat.S_ISREG(mode):
                fd, self._tmp = part_file(self.name, mode)
                self.stream = os.fdopen(fd, "wb")
            else:
                self.stream = open(self.name, "wb")
        except OSError as exc:
            self.fail(exc)
        self._own = True
        return self.stream

    def fail(self, exc: OSError) -> typing.NoReturn:
        from ..errors import GipparseError

        name = "stdout" if self.name in (None, "-") else printable(self.name or "") or "''"
        raise GipparseError(f"cannot write {name}: {exc.strerror or exc}") from None

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        # A write that failed (a full disk) or an interruption: the temporary file goes,
        # whatever closing it says, and the error that stopped the run is the one raised.
        # Once only: a writer that failed ends its output, then is closed as unfinished.
        if self._ended:
            return
        self._ended = True
        if not self._own:
            try:
                self.stream.flush()
            except OSError as error:
                if kind is None:
                    self.fail(error)
            return
        try:
            self.stream.close()
        except OSError as error:
            if self._tmp is not None:
                os.unlink(self._tmp)
            if kind is None:
                self.fail(error)
            return
        if self._tmp is None:
            return
        if kind is not None:
            os.unlink(self._tmp)
            return
        assert self.name is not None
        try:
            os.replace(self._tmp, self.name)
        except OSError as error:
            os.unlink(self._tmp)
            self.fail(error)


def part_file(name: str, mode: int | None) -> tuple[int, str]:
    """A new file beside *name*, to be moved onto it once complete, open for writing, and
    its path: made private (:func:`private_file`), then given the mode *mode* (that of the
    file it will replace) or, with ``None``, the mode a plain open would give."""
    fd, path = private_file(os.path.dirname(os.path.abspath(name)))
    try:
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(fd, 0o666 & ~umask)
        else:
            os.chmod(fd, stat.S_IMODE(mode))
    except OSError:
        os.close(fd)
        os.unlink(path)
        raise
    return fd, path


def private_file(folder: str) -> tuple[int, str]:
    """A new file in *folder* that only its owner may read, open for writing, and its
    path: what :func:`tempfile.mkstemp` makes (same flags, same mode), without the import
    of tempfile (random, shutil and the compression modules), which costs a one-report
    ``gipparse export -o FILE`` a tenth of its time."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0)
    for _ in range(100):
        path = os.path.join(folder, f".gipparse-{os.urandom(6).hex()}.part")
        try:
            return os.open(path, flags, 0o600), path
        except FileExistsError:
            continue
    import errno

    raise FileExistsError(errno.EEXIST, "no unused name for a temporary file", folder)
