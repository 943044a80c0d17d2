"""Decoding a source that is not UTF-8 throughout (see :mod:`.decode`, which imports this
module for such a source only): a UTF-8 or GB18030 source with damaged lines or lines in
the other encoding, read line by line, Big5, and UTF-16 cut inside its last character."""

from __future__ import annotations

from .. import patterns
from ..errors import SourceError
from ..tree.nodes import Diagnostic, Severity, Span
from ..tree.text import with_lf
from . import _TO_UTF8

#: A damaged source is still read when at most this share (1/n) of its lines that hold
#: non-ASCII bytes need replacement characters ...
MAX_DAMAGED_SHARE = 10
#: ... or when at most this many lines do, whatever their share; and it must not need
#: more than this many replacement characters, unless they are under 1/n of its
#: non-ASCII bytes.
MAX_DAMAGED_LINES = 2
MAX_REPLACED_CHARACTERS = 16


def decode_not_utf8(data: bytes, path: str | None) -> tuple[str, str, list[Diagnostic]]:
    """:func:`.decode.decode` of *data* without a BOM that is not valid UTF-8: GB18030 or
    Big5 when most of its lines with non-ASCII bytes are not UTF-8, else UTF-8 with
    damaged lines."""
    lines = _LINE_END_RE.split(data)[0::2]
    utf8 = invalid = 0
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            invalid += 1
        else:
            utf8 += 1
    if utf8 <= invalid:
        big5 = _big5(data, path)
        if big5 is not None:
            return big5
        try:
            return data.decode("gb18030"), "gb18030", []
        except UnicodeDecodeError:
            text, diagnostics = decode_damaged(data, "gb18030", path)
            return text, "gb18030", diagnostics
    text, diagnostics = decode_damaged(data, "utf-8", path)
    return text, "utf-8", diagnostics


def _big5(data: bytes, path: str | None) -> tuple[str, str, list[Diagnostic]] | None:
    """*data* read as Big5 when it is Big5 rather than GB18030 (see :mod:`gipparse.source.big5`),
    with a ``source.big5`` diagnostic; ``None`` otherwise."""
    from .big5 import big5_codec

    codec = big5_codec(data)
    if codec is None:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"this looks like Big5 text (Traditional script), but byte {exc.start} is not "
            f"valid Big5; {_TO_UTF8}",
            path=path,
        ) from None
    note = Diagnostic(
        Severity.INFO,
        "source.big5",
        f"the text is in Big5 ({codec}), not GB18030: read as Big5",
        None,
    )
    return text, codec, [note]


_LINE_END_RE = patterns.compile(rb"(\r\n|\r|\n)")
# Either encoding can stand in for the other on a line that is not in the main one.
_OTHER = {"utf-8": "gb18030", "gb18030": "utf-8"}


def decode_damaged(data: bytes, encoding: str, path: str | None) -> tuple[str, list[Diagnostic]]:
    """Decode *data* line by line in *encoding*; a line that is not valid in it is read in
    the other encoding gipparse knows if it is valid there (a pasted paragraph), else with
    U+FFFD for the invalid bytes. Each such line gets a diagnostic.

    Line ends are the same bytes in UTF-8 and GB18030 (neither uses 0x0A or 0x0D inside a
    character), so splitting the bytes first is safe.
    """
    try:
        return data.decode(encoding), []
    except UnicodeDecodeError:
        pass
    pieces = _LINE_END_RE.split(data)
    diagnostics: list[Diagnostic] = []
    out: list[str] = []
    non_ascii = damaged = replaced = 0
    first_damaged = 0
    for k, piece in enumerate(pieces):
        if k % 2:
            out.append(piece.decode("ascii"))
            continue
        if not piece.isascii():
            non_ascii += 1
        try:
            out.append(piece.decode(encoding))
            continue
        except UnicodeDecodeError as exc:
            error = exc
        line_no = k // 2 + 1
        column = len(piece[: error.start].decode(encoding, errors="replace")) + 1
        text, how = _rescue_line(piece, encoding)
        out.append(text)
        span = Span(line_no, column, line_no, column + 1)
        if how == "replaced":
            damaged += 1
            replaced += text.count("\ufffd")
            first_damaged = first_damaged or line_no
            diagnostics.append(
                Diagnostic(
                    Severity.WARNING,
                    "source.invalid-bytes",
                    f"line {line_no} holds bytes that are not valid {_NAMES[encoding]}; "
                    "they are shown as U+FFFD",
                    span,
                )
            )
        else:
            diagnostics.append(
                Diagnostic(
                    Severity.WARNING,
                    "source.mixed-encoding",
                    f"line {line_no} is not {_NAMES[encoding]} like the rest of the source; "
                    f"read as {_NAMES[how]}",
                    span,
                )
            )
    if (damaged > MAX_DAMAGED_LINES and damaged * MAX_DAMAGED_SHARE > non_ascii) or (
        replaced > MAX_REPLACED_CHARACTERS
        and replaced * MAX_DAMAGED_SHARE > len(data) - len(data.translate(None, _ASCII))
    ):
        raise SourceError(
            f"cannot decode the text: {damaged} of its {non_ascii} lines with non-ASCII bytes "
            f"hold bytes that are valid neither as UTF-8 nor as GB18030/GBK, "
            f"{replaced} in all (the first on line {first_damaged}); {_TO_UTF8}",
            path=path,
        )
    return "".join(out), diagnostics


_NAMES = {"utf-8": "UTF-8", "gb18030": "GB18030/GBK"}
_ASCII = bytes(range(128))


def _rescue_line(line: bytes, encoding: str) -> tuple[str, str]:
    """Read a line that is not valid *encoding*: ``(text, how)`` where *how* is the other
    encoding, or ``"replaced"``.

    Valid UTF-8 is rare by chance, so in a GB18030 source a line that is valid UTF-8 is
    UTF-8. The converse does not hold (most byte pairs are valid GB18030), so in a UTF-8
    source a line is read as GB18030 only when hardly any of it is valid UTF-8: a line
    with one bad byte among good characters is damaged UTF-8.
    """
    if encoding == "utf-8":
        replaced = line.decode(encoding, errors="replace")
        bad = replaced.count("\ufffd")
        good = sum(1 for ch in replaced if ch > "\x7f") - bad
        if good >= bad:
            return replaced, "replaced"
    other = _OTHER[encoding]
    try:
        return line.decode(other), other
    except UnicodeDecodeError:
        return line.decode(encoding, errors="replace"), "replaced"


def decode_utf16(data: bytes, path: str | None) -> tuple[str, list[Diagnostic]]:
    """UTF-16 with a BOM. A file cut inside its last character keeps everything before
    the cut, with a diagnostic; invalid data anywhere else is refused."""
    try:
        return data.decode("utf-16"), []
    except UnicodeDecodeError as exc:
        error = exc
    before = data[: error.start].decode("utf-16")
    lines = with_lf(before).split("\n")
    if error.end < len(data):
        raise SourceError(
            f"cannot decode the text as UTF-16: invalid data at line {len(lines)}, "
            f"column {len(lines[-1]) + 1}",
            path=path,
        )
    column = len(lines[-1]) + 1
    diagnostic = Diagnostic(
        Severity.WARNING,
        "source.invalid-bytes",
        f"the source ends inside a UTF-16 character on line {len(lines)}; it is shown as "
        "U+FFFD (the file may be cut short)",
        Span(len(lines), column, len(lines), column + 1),
    )
    return before + "\ufffd", [diagnostic]
