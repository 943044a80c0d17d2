"""Decoding a web page: the byte-order mark, then the declared charset, then detection.

Agency sites declare ``gb2312`` for pages that hold GBK characters, declare nothing for
GBK pages, or declare ``gb2312`` for pages saved as UTF-8. The rules, in order:

1. a byte-order mark (UTF-8, UTF-16) decides;
2. the charset of a ``<meta charset>`` or ``<meta http-equiv="Content-Type">`` tag (or of
   an XML declaration) in the first 16 KiB, when it is a label of the WHATWG Encoding
   Standard (what browsers honour) and the bytes decode in it; the whole GB family is
   decoded as GB18030, their superset, and Big5 as Big5-HKSCS, as browsers do. Any
   other label, a Python codec that is no text encoding (``zlib``, ``base64``,
   ``rot13``, ``unicode-escape``) included, and UTF-16 declared in a page of 8-bit
   bytes, is ignored with a warning;
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


def _labels(table: str) -> dict[str, str | None]:
    """``label -> codec`` from lines ``codec: label label ...`` (codec ``-`` for none)."""
    found: dict[str, str | None] = {}
    for line in table.strip().splitlines():
        codec, labels = line.split(":", 1)
        for label in labels.split():
            found[label] = None if codec.strip() == "-" else codec.strip()
    return found


# The labels of the WHATWG Encoding Standard (https://encoding.spec.whatwg.org/#names-and-
# labels), the only ones browsers honour, each mapped to the Python codec that decodes
# like the encoding it names. The GB family is decoded as GB18030, its superset, and Big5
# as Big5-HKSCS, as browsers do; cp936, ms936, windows-936 and euc-cn, which Chinese sites
# also write, are read as GB18030 too. Any other label, a Python codec name included
# (``zlib``, ``base64``, ``rot13``, ``unicode-escape``), is no text encoding to a browser
# and is ignored.
_WHATWG = _labels(
    """
    utf-8: unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8
    cp866: 866 cp866 csibm866 ibm866
    iso8859-2: csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2
        iso_8859-2:1987 l2 latin2
    iso8859-3: csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3
        iso_8859-3:1988 l3 latin3
    iso8859-4: csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4
        iso_8859-4:1988 l4 latin4
    iso8859-5: csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595
        iso_8859-5 iso_8859-5:1988
    iso8859-6: arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6
        iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987
    iso8859-7: csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126
        iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek
    iso8859-8: csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138
        iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual csiso88598i iso-8859-8-i logical
    iso8859-10: csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6
    iso8859-13: iso-8859-13 iso8859-13 iso885913
    iso8859-14: iso-8859-14 iso8859-14 iso885914
    iso8859-15: csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9
    iso8859-16: iso-8859-16
    koi8-r: cskoi8r koi koi8 koi8-r koi8_r
    koi8-u: koi8-ru koi8-u
    mac-roman: csmacintosh mac macintosh x-mac-roman
    cp874: dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874
    cp1250: cp1250 windows-1250 x-cp1250
    cp1251: cp1251 windows-1251 x-cp1251
    cp1252: ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100
        iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252
    cp1253: cp1253 windows-1253 x-cp1253
    cp1254: cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9
        iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254
    cp1255: cp1255 windows-1255 x-cp1255
    cp1256: cp1256 windows-1256 x-cp1256
    cp1257: cp1257 windows-1257 x-cp1257
    cp1258: cp1258 windows-1258 x-cp1258
    mac-cyrillic: x-mac-cyrillic x-mac-ukrainian
    gb18030: chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk
        gb18030 cp936 ms936 windows-936 euc-cn
    big5hkscs: big5 big5-hkscs cn-big5 csbig5 x-x-big5
    euc_jp: cseucpkdfmtjapanese euc-jp x-euc-jp
    iso2022_jp: csiso2022jp iso-2022-jp
    cp932: csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis
    cp949: cseuckr csksc56011987 iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601
        ksc_5601 windows-949 euc-kr
    -: csiso2022kr hz-gb-2312 iso-2022-cn iso-2022-cn-ext iso-2022-kr replacement
        unicodefffe utf-16be csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16
        utf-16le x-user-defined
    """.replace("\n        ", " ")
)

Finding = tuple[Severity, str, str]


def declared_charset(data: bytes) -> str | None:
    """The charset label the page declares, lowercased, or ``None``."""
    head = data[:PRESCAN_BYTES]
    m = _XML_ENCODING_RE.match(head) or _META_CHARSET_RE.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def codec_for(label: str) -> str | None:
    """The Python codec for a charset label, or ``None`` when a browser would not decode a
    page with it: a label outside the WHATWG list, UTF-16 declared in a tag the page could
    be read in (so the page is no UTF-16), and the labels the standard maps to its
    ``replacement`` or ``x-user-defined`` encodings."""
    return _WHATWG.get(label.strip().lower())


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
        if label in _WHATWG:
            findings.append(
                (
                    Severity.WARNING,
                    "source.charset-ignored",
                    f"the page declares the charset {label!r}, which a page read as 8-bit "
                    "bytes cannot be in; it was ignored, as browsers do",
                )
            )
        else:
            findings.append(
                (
                    Severity.WARNING,
                    "source.charset-unknown",
                    f"the page declares {label!r}, which is not a text encoding browsers "
                    "know (the WHATWG Encoding Standard); it was ignored",
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
