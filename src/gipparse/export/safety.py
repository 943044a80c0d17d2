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
from functools import lru_cache

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


def check_output(name: str, inputs: list[str]) -> None:
    """Refuse to write the output file *name* when that would harm a file.

    :raises GipparseError: *name* is a symbolic link to a regular file (or to nothing),
        which writing would go through; or *name* is one of *inputs*, which writing would
        overwrite while it is read.
    """
    import stat

    from ..errors import GipparseError

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
