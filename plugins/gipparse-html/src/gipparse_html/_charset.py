"""Decoding a web page: the byte-order mark, then the declared charset, then detection.

Agency sites declare ``gb2312`` for pages that hold GBK characters, declare nothing for
GBK pages, or declare ``gb2312`` for pages saved as UTF-8. The rules, in order:

1. a byte-order mark (UTF-8, UTF-16) decides;
2. the charset of a ``<meta charset>`` or ``<meta http-equiv="Content-Type">`` tag (or of
   an XML declaration) in the first 16 KiB, when it names an encoding the bytes decode
   in; the whole GB family is decoded as GB18030, their superset, and Big5 as
   Big5-HKSCS, as browsers do;
3. otherwise UTF-8 when the bytes are valid UTF-8, else GB18030;
4. bytes that decode in none of these are replaced (U+FFFD) and reported.

Every departure from the declaration, and every guess, is a diagnostic.
"""

from __future__ import annotations

import codecs
import re

from gipparse import Severity

#: How far into the page a charset declaration is looked for.
PRESCAN_BYTES = 16 * 1024

_META_CHARSET_RE = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.I)
_XML_ENCODING_RE = re.compile(rb"^\s*<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9_.:\-]+)", re.I)

# Labels browsers treat alike (the WHATWG Encoding Standard), mapped to a Python codec.
_ALIASES = {
    **dict.fromkeys(
        (
            "gb2312",
            "gbk",
            "x-gbk",
            "gb_2312",
            "gb_2312-80",
            "gb18030",
            "chinese",
            "csgb2312",
            "csiso58gb231280",
            "iso-ir-58",
            "cp936",
            "ms936",
            "windows-936",
            "euc-cn",
        ),
        "gb18030",
    ),
    **dict.fromkeys(
        ("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5", "big5hkscs"), "big5hkscs"
    ),
    # A page that declares UTF-16 in a tag it could be read in is not UTF-16.
    **dict.fromkeys(("utf-16", "utf-16le", "utf-16be", "unicode", "ucs-2"), "utf-8"),
    **dict.fromkeys(
        ("iso-8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii", "windows-1252"), "cp1252"
    ),
}

Finding = tuple[Severity, str, str]


def declared_charset(data: bytes) -> str | None:
    """The charset label the page declares, lowercased, or ``None``."""
    head = data[:PRESCAN_BYTES]
    m = _XML_ENCODING_RE.match(head) or _META_CHARSET_RE.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def codec_for(label: str) -> str | None:
    """The Python codec for a charset label, or ``None`` when the label is unknown."""
    if label in _ALIASES:
        return _ALIASES[label]
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode(data: bytes) -> tuple[str, str, list[Finding]]:
    """Decode a page: ``(text, codec, findings)``; never raises for bad bytes."""
    findings: list[Finding] = []
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return _lenient(data[len(bom) :], codec, findings), codec, findings

    label = declared_charset(data)
    declared = codec_for(label) if label else None
    if label and declared is None:
        findings.append(
            (
                Severity.WARNING,
                "source.charset-unknown",
                f"the page declares the unknown charset {label!r}; it was ignored",
            )
        )
    if declared is not None:
        text = _strict(data, declared)
        if text is not None:
            return text, declared, findings
        for other in ("utf-8", "gb18030"):
            if other == declared:
                continue
            text = _strict(data, other)
            if text is not None:
                findings.append(
                    (
                        Severity.WARNING,
                        "source.charset-mismatch",
                        f"the page declares {label!r} but its bytes are not {declared}; "
                        f"they decode as {other}, which was used",
                    )
                )
                return text, other, findings
        return _lenient(data, declared, findings), declared, findings

    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8", findings
    text = _strict(data, "gb18030")
    if text is not None:
        findings.append(
            (
                Severity.INFO,
                "source.charset-detected",
                "the page declares no charset and is not UTF-8; it was decoded as GB18030 (GBK)",
            )
        )
        return text, "gb18030", findings
    return _lenient(data, "utf-8", findings), "utf-8", findings


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _lenient(data: bytes, codec: str, findings: list[Finding]) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        text = data.decode(codec, errors="replace")
        findings.append(
            (
                Severity.WARNING,
                "source.decode-error",
                f"bytes that are not {codec} were replaced by U+FFFD (the first at line "
                f"{line} of the page)",
            )
        )
        return text
