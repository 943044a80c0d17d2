"""Reading an OFD package without trusting it: a ZIP archive of XML parts.

Everything is bounded before it is spent:

* the archive may hold at most :data:`MAX_ENTRIES` members;
* a part is read through :meth:`Package.read`, which reads at most :data:`MAX_PART_SIZE`
  bytes of it, whatever its header claims, and at most :data:`MAX_TOTAL_SIZE` bytes in
  all parts read; a part that declares more, or turns out bigger, is refused;
* only the parts the document needs are read (never fonts, images or attachments);
* XML is parsed by expat with no DTD allowed at all (so no entity can be declared, let
  alone expanded), elements nested at most :data:`MAX_DEPTH` deep and at most
  :data:`MAX_ELEMENTS` elements per part.

Every refusal is a :class:`~gipparse.SourceError`.
"""

from __future__ import annotations

import codecs
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from gipparse.plugin import SourceError

#: Most members an OFD archive may hold.
MAX_ENTRIES = 20_000
#: Largest part read, in bytes (unpacked).
MAX_PART_SIZE = 64 * 1024 * 1024
#: Most bytes read from all parts of one package (unpacked).
MAX_TOTAL_SIZE = 256 * 1024 * 1024
#: Deepest element nesting accepted in a part.
MAX_DEPTH = 200
#: Most elements in one part.
MAX_ELEMENTS = 2_000_000


class Element:
    """An XML element: its local name (namespace prefix dropped), attributes (local
    names too), children and text (the character data directly inside it)."""

    __slots__ = ("attrib", "children", "tag", "text")

    def __init__(self, tag: str, attrib: dict[str, str]) -> None:
        self.tag = tag
        self.attrib = attrib
        self.children: list[Element] = []
        self.text = ""

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrib.get(name, default)

    def find(self, tag: str) -> Element | None:
        return next((c for c in self.children if c.tag == tag), None)

    def findall(self, tag: str) -> list[Element]:
        return [c for c in self.children if c.tag == tag]

    def path(self, *tags: str) -> Element | None:
        """The first element down the chain of child *tags*."""
        node: Element | None = self
        for tag in tags:
            node = node.find(tag) if node is not None else None
        return node

    def iter(self) -> Iterator[Element]:
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


def _local(name: str) -> str:
    return name.rpartition(":")[2]


class _Refused(Exception):
    pass


def parse_xml(data: bytes, name: str, path: str | None) -> Element:
    """Parse one part; no DTD, bounded depth and size.

    :raises SourceError: the part is not well-formed XML, or breaks a bound.
    """
    from xml.parsers import expat

    data = _as_utf8(data, name, path)
    parser = expat.ParserCreate()  # no namespace processing: prefixes are dropped below
    root: list[Element] = []
    stack: list[Element] = []
    texts: list[list[str]] = []  # the character data of each open element, in pieces
    count = 0

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal count
        count += 1
        if count > MAX_ELEMENTS:
            raise _Refused(f"more than {MAX_ELEMENTS:,} elements")
        if len(stack) >= MAX_DEPTH:
            raise _Refused(f"elements nested more than {MAX_DEPTH} deep")
        element = Element(_local(tag), {_local(k): v for k, v in attrs.items()})
        if stack:
            stack[-1].children.append(element)
        else:
            root.append(element)
        stack.append(element)
        texts.append([])

    def end(tag: str) -> None:
        stack.pop().text = "".join(texts.pop())

    def characters(text: str) -> None:
        if texts:
            texts[-1].append(text)

    def doctype(*args: Any) -> Any:
        raise _Refused("a document type declaration (DTD), which OFD does not use")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.ExternalEntityRefHandler = doctype
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except _Refused as exc:
        raise SourceError(f"the OFD part {name} holds {exc}; refused", path=path) from None
    except expat.ExpatError as exc:
        raise SourceError(
            f"the OFD part {name} is not well-formed XML: {expat.ErrorString(exc.code)} "
            f"(line {exc.lineno}, column {exc.offset + 1})",
            path=path,
        ) from None
    if not root:
        raise SourceError(f"the OFD part {name} holds no XML element", path=path)
    return root[0]


_DECLARED_RE = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
# What expat reads by itself.
_EXPAT_ENCODINGS = frozenset(("utf-8", "utf-16", "iso8859-1", "ascii"))


def _as_utf8(data: bytes, name: str, path: str | None) -> bytes:
    """*data* as UTF-8 when its XML declaration names an encoding expat does not read
    (producers write GBK and GB18030 parts), its declaration saying so."""
    found = _DECLARED_RE.match(data[:256])
    if found is None:
        return data
    label = found.group(1).decode("ascii")
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        raise SourceError(
            f"the OFD part {name} declares the unknown encoding {label!r}", path=path
        ) from None
    if codec in _EXPAT_ENCODINGS:
        return data
    if codec in ("gbk", "gb2312"):
        codec = "gb18030"  # a superset of both: what producers mean
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"the OFD part {name} is not valid {label}: {exc.reason} at byte {exc.start}",
            path=path,
        ) from None
    start, end = found.span(1)
    head = data[:end].decode(codec, errors="replace")
    return data[:start] + b"UTF-8" + text[len(head) :].encode("utf-8")


class Package:
    """An open OFD archive: its members by normalised name, read within the bounds."""

    def __init__(self, data: bytes, path: str | None) -> None:
        self.path = path
        self.read_total = 0
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except Exception as exc:  # a damaged directory raises many kinds
            raise SourceError(f"cannot open the OFD, it is damaged: {exc}", path=path) from None
        if len(infos) > MAX_ENTRIES:
            raise SourceError(
                f"the OFD archive holds {len(infos):,} members, over the maximum of "
                f"{MAX_ENTRIES:,}",
                path=path,
            )
        self._members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            # Names are matched without case and leading slash: producers differ.
            self._members.setdefault(info.filename.lstrip("/").lower(), info)

    def close(self) -> None:
        self._zip.close()

    def has(self, name: str) -> bool:
        return _key(name) in self._members

    def read(self, name: str) -> bytes:
        """The bytes of member *name* (resolved as :func:`resolve` gives it).

        :raises SourceError: it is missing, encrypted, damaged or too large.
        """
        info = self._members.get(_key(name))
        if info is None:
            raise SourceError(f"the OFD has no part {name}", path=self.path)
        if info.flag_bits & 0x1:
            raise SourceError(
                f"the OFD part {name} is encrypted; save the document without protection",
                path=self.path,
            )
        limit = min(MAX_PART_SIZE, MAX_TOTAL_SIZE - self.read_total)
        if info.file_size > limit:
            raise SourceError(self._too_large(name, info.file_size), path=self.path)
        try:
            with self._zip.open(info) as member:
                data = member.read(limit + 1)
        except Exception as exc:  # each decompressor raises its own kind
            raise SourceError(
                f"cannot read the OFD part {name}, it is damaged: {type(exc).__name__}: {exc}",
                path=self.path,
            ) from None
        if len(data) > limit:
            raise SourceError(self._too_large(name, len(data)), path=self.path)
        self.read_total += len(data)
        return data

    def _too_large(self, name: str, size: int) -> str:
        return (
            f"the OFD part {name} unpacks to more than allowed ({size:,} bytes; at most "
            f"{MAX_PART_SIZE:,} per part and {MAX_TOTAL_SIZE:,} in all)"
        )

    def xml(self, name: str) -> Element:
        return parse_xml(self.read(name), name, self.path)


def _key(name: str) -> str:
    return name.lstrip("/").lower()


def resolve(base: str, location: str) -> str:
    """The member name of *location* (a ``ST_Loc``) given relative to the folder of part
    *base*; an absolute location (``/Doc_0/...``) is from the package root. ``..`` can
    never climb above the root."""
    location = location.strip().replace("\\", "/")
    if location.startswith("/"):
        joined = location
    else:
        joined = posixpath.join(posixpath.dirname("/" + base.lstrip("/")), location)
    normal = posixpath.normpath(joined)
    return normal.lstrip("/")
