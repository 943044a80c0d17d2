"""From a Word document to the report's blocks.

python-docx opens the package and parses ``word/document.xml``; the body is then walked
in document order:

* a paragraph (``w:p``) is its text: runs (``w:t``, ``w:tab``, line breaks), including
  runs inside hyperlinks, fields' results, smart tags, content controls and tracked
  insertions; never deleted text, field codes (nor the results of fields inside a
  field's code), or hidden text (``w:vanish``, counted in ``source.hidden-text``).
  A line break in a paragraph starts a new paragraph, as Word's text export does. A
  paragraph numbered by Word's list numbering starts with its number (``_numbering``).
  The text boxes anchored in a paragraph are read after it, like the body, once: of a
  shape written twice (DrawingML in ``mc:Choice``, VML in ``mc:Fallback``), the first;
* a table (``w:tbl``) with at least two cells and no table inside is a data table: each
  ``w:tc`` of a row is a cell, a cell continuing a vertical merge (``w:vMerge``) is an
  empty cell, a horizontal merge (``w:gridSpan``, or the legacy ``w:hMerge``) is written
  once: the tab format of the text exports, which are Word's own. Grid columns before a
  row's first cell (``w:gridBefore``) are one empty cell, those after its last none; a
  deleted row (tracked) is no row. The paragraphs of a cell are its lines;
* a table holding tables is layout, and a table of one cell a frame: their cells are
  read like the body;
* content controls (``w:sdt``) and custom XML are read through.

Page headers and footers, footnotes, endnotes and comments are not the report and are not
read; how many notes there were is said in ``source.notes``. Nor is a table of contents
(a ``TOC`` field's result, paragraphs in TOC styles), which repeats the headings.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from gipparse import (
    DocumentBuilder,
    GipparseError,
    InputTooLargeError,
    Severity,
    SourceDocument,
    SourceError,
)

from ._numbering import Numbering, styles_by_id

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement as _Element

FORMAT = "docx"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: Largest total size of the unpacked package, in bytes: a defence against zip bombs.
#: Images and other binary parts are held as they are (about their size in memory).
MAX_UNPACKED_SIZE = 128 * 1024 * 1024
#: Largest total size of the package's unpacked XML parts (``*.xml``, ``*.rels``), in
#: bytes. These are parsed into trees, which take up to about 30 times their size in
#: memory (an empty paragraph or cell per few bytes; ordinary text takes about 6), so
#: this budget bounds the memory a document can take: about 500 MB at worst. A long
#: report's ``word/document.xml`` is a few MB.
MAX_XML_SIZE = 16 * 1024 * 1024
#: Bytes of memory per byte of unpacked XML, at most (``fuzz/memory.py``).
XML_PER_BYTE = 40
#: Bytes unpacked at a time while the budgets are checked.
_CHUNK = 1024 * 1024

# Elements whose children are read as if they stood in their parent.
_PARAGRAPH_WRAPPERS = frozenset(
    _W + tag
    for tag in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple", "bdo", "dir")
)
_BODY_WRAPPERS = frozenset(_W + tag for tag in ("customXml", "ins", "moveTo"))
_SKIPPED_RUN_PROPERTIES = ("vanish", "specVanish")
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# The parts read besides the body, by the last word of their relationship type.
_NOTES = ("footnotes", "endnotes")
_PARTS = frozenset(("styles", "numbering", *_NOTES))
# Run content that may hold text boxes (``w:txbxContent``).
_SHAPES = frozenset((_MC + "AlternateContent", _W + "pict", _W + "drawing", _W + "object"))


def read_docx(data: bytes, path: str | None, format: str = FORMAT) -> SourceDocument:
    """Open and read a Word document into a :class:`~gipparse.SourceDocument`.

    :param format: the document's format, and its tables' (``"doc"`` for a legacy Word
        document converted to DOCX).
    """
    body, parts = _open_body(data, path)
    styles = styles_by_id(parts.get("styles"))
    numbering = Numbering(parts.get("numbering"), styles)
    reader = _Reader(DocumentBuilder(format), numbering, styles)
    reader.container(body)
    builder = reader.builder
    if reader.tracked_changes:
        builder.diagnose(
            Severity.INFO,
            "source.tracked-changes",
            "the document holds tracked changes; it was read with insertions kept and "
            "deletions left out, as if they were accepted",
        )
    if reader.hidden_characters:
        builder.diagnose(
            Severity.INFO,
            "source.hidden-text",
            f"{reader.hidden_characters:,} characters of hidden text (formatted as hidden, "
            "w:vanish) were not read, as Word does not print them",
        )
    if numbering.left_out:
        formats = ", ".join(sorted(numbering.unknown_formats))
        builder.diagnose(
            Severity.INFO,
            "source.list-number",
            f"{numbering.left_out:,} list numbers in a format not read ({formats}) were left "
            "out: those paragraphs read without the number Word prints before them",
        )
    if reader.toc_lines:
        builder.diagnose(
            Severity.INFO,
            "source.table-of-contents",
            f"a table of contents of {reader.toc_lines:,} lines was not read: its lines "
            "repeat the headings, with their page numbers",
        )
    notes, characters, damaged = _notes(parts)
    if notes or damaged:
        said = [f"{notes:,} footnotes and endnotes ({characters:,} characters)"] if notes else []
        said += [f"the {kind}, whose part is damaged," for kind in damaged]
        builder.diagnose(
            Severity.INFO,
            "source.notes",
            f"{' and '.join(said)} were not read: Word prints notes apart from the text, "
            "at the foot of a page or the end of the document",
        )
    if reader.layout_tables:
        builder.diagnose(
            Severity.INFO,
            "source.layout-table",
            f"{reader.layout_tables} tables holding other tables were read as layout: "
            "their cells as paragraphs",
        )
    if not builder.blocks:
        raise SourceError("the document holds no text", path=path)
    return builder.build()


def _open_body(data: bytes, path: str | None) -> tuple[_Element, dict[str, _Element | None]]:
    """The document's body, and the parts it needs by relationship type (``styles``,
    ``numbering``, ``footnotes``, ``endnotes``); None for a part that cannot be parsed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "word/document.xml" not in names:
                raise SourceError(
                    "this ZIP archive has no word/document.xml: it is not a Word document",
                    path=path,
                )
            _check_budget(archive, path)
    except GipparseError:
        raise
    except Exception as exc:  # zipfile, zlib, bz2 and lzma raise many kinds on damage
        raise SourceError(f"cannot open the DOCX, it is damaged: {exc}", path=path) from None
    import docx  # imported on first use: it loads lxml
    from docx.oxml import parse_xml

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on damaged packages
        raise SourceError(f"cannot read the DOCX: {type(exc).__name__}: {exc}", path=path) from None
    body: _Element = document.element.body
    parts: dict[str, _Element | None] = {}
    for relationship in document.part.rels.values():
        kind = relationship.reltype.rsplit("/", 1)[-1]
        if kind in _PARTS and not relationship.is_external and kind not in parts:
            part = relationship.target_part
            element = getattr(part, "element", None)
            if element is None:  # python-docx holds notes as bytes
                try:
                    element = parse_xml(part.blob)
                except Exception:  # lxml raises several kinds on damaged XML
                    element = None
            parts[kind] = element
    return body, parts


def _notes(parts: dict[str, _Element | None]) -> tuple[int, int, list[str]]:
    """How many footnotes and endnotes the document has, their characters, and the
    kinds of notes whose part could not be read."""
    count = characters = 0
    damaged = []
    for kind in _NOTES:
        if kind not in parts:
            continue
        element = parts[kind]
        if element is None:
            damaged.append(kind)
            continue
        for note in element.iterchildren(_W + kind[:-1]):
            # Separators between the text and the notes are no notes.
            if note.get(_W + "type", "normal") == "normal":
                count += 1
                characters += sum(len(t.text or "") for t in note.iter(_W + "t"))
    return count, characters, damaged


def _check_budget(archive: zipfile.ZipFile, path: str | None) -> None:
    """Refuse a package whose parts unpack past :data:`MAX_UNPACKED_SIZE`, or whose XML
    parts unpack past :data:`MAX_XML_SIZE`, with an :class:`~gipparse.InputTooLargeError`.

    The sizes the archive declares are checked first (cheap), then the parts are unpacked
    a chunk at a time and their bytes counted, the chunks thrown away: a size the archive
    lies about (a part declared small that unpacks to gigabytes) is caught before it is
    held in memory, and only a chunk is ever held.
    """
    infos = archive.infolist()
    declared = sum(info.file_size for info in infos)
    declared_xml = sum(info.file_size for info in infos if _is_xml(info.filename))
    _within(declared, declared_xml, path)
    total = xml = 0
    for info in infos:
        if info.is_dir():
            continue
        counts_as_xml = _is_xml(info.filename)
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                total += len(chunk)
                if counts_as_xml:
                    xml += len(chunk)
                _within(total, xml, path)


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def _within(total: int, xml: int, path: str | None) -> None:
    if xml > MAX_XML_SIZE:
        raise InputTooLargeError(
            f"the DOCX unpacks to more than {MAX_XML_SIZE:,} bytes of XML, the maximum "
            "(the XML is parsed into a tree many times its size)",
            path=path,
        )
    if total > MAX_UNPACKED_SIZE:
        raise InputTooLargeError(
            f"the DOCX unpacks to more than {MAX_UNPACKED_SIZE:,} bytes, the maximum",
            path=path,
        )


def _is_off(element: _Element | None) -> bool:
    """Whether an on/off property element is absent or switched off (``w:val="0"``)."""
    if element is None:
        return True
    return element.get(_W + "val", "true").lower() in ("0", "false", "off")


class _Reader:
    def __init__(
        self,
        builder: DocumentBuilder,
        numbering: Numbering,
        styles: dict[str, _Element],
    ) -> None:
        self.builder = builder
        self.numbering = numbering
        self.styles = styles
        # Whether a paragraph style, by id, is one of a table of contents.
        self.toc_styles: dict[str, bool] = {}
        # Lines of a table of contents left out; whether the paragraph being read had
        # any, and how many TOC fields are open past their code.
        self.toc_lines = 0
        self._toc_text = False
        self.in_toc = 0
        self.layout_tables = 0
        self.tracked_changes = False
        self.hidden_characters = 0
        # Complex fields open at this point of the document, and how many of them are in
        # their code (between ``begin`` and ``separate``): fields span runs and paragraphs.
        self.fields: list[bool] = []
        self.in_code = 0
        # The code (instruction) of each open field, as far as it was read.
        self.instructions: list[str] = []
        # Text boxes met in the paragraph being read, read after it.
        self.boxes: list[_Element] = []

    # -- block level ---------------------------------------------------------------

    def container(self, element: _Element) -> None:
        """Read the blocks of the body, a content control, or a layout cell."""
        for child in _blocks(element):
            if child.tag == _W + "p":
                self.builder.paragraph(self.paragraph_text(child))
                if self.boxes:
                    boxes, self.boxes = self.boxes, []
                    for box in boxes:
                        self.container(box)
            else:
                self.table(child)

    def table(self, tbl: _Element) -> None:
        if any(True for _ in tbl.iter(_W + "tbl") if _ is not tbl):
            self.layout_tables += 1
            self._read_cells_as_body(tbl)
            return
        rows = [row for row in map(self._row, _children(tbl, "tr")) if row]
        if sum(len(row) for row in rows) < 2:
            self._read_cells_as_body(tbl)
            return
        self.builder.table(rows)

    def _read_cells_as_body(self, tbl: _Element) -> None:
        for tr in _children(tbl, "tr"):
            for tc in _children(tr, "tc"):
                self.container(tc)

    def _row(self, tr: _Element) -> list[str]:
        cells: list[str] = []
        row_properties = tr.find(_W + "trPr")
        if row_properties is not None:
            if row_properties.find(_W + "del") is not None:
                self.tracked_changes = True
                return []  # a deleted row
            if row_properties.find(_W + "gridBefore") is not None:
                cells.append("")  # grid columns before the first cell: one empty cell
        for tc in _children(tr, "tc"):
            properties = tc.find(_W + "tcPr")
            if properties is not None:
                h_merge = properties.find(_W + "hMerge")
                if h_merge is not None and h_merge.get(_W + "val", "continue") == "continue":
                    continue  # covered by the cell to its left: a merge is written once
                v_merge = properties.find(_W + "vMerge")
                if v_merge is not None and v_merge.get(_W + "val", "continue") == "continue":
                    cells.append("")  # covered by the cell above
                    continue
            cells.append(self._cell_text(tc))
        return cells

    def _cell_text(self, tc: _Element) -> str:
        lines = self._cell_lines(tc)
        while lines and not lines[-1].strip():
            lines.pop()
        start = 0
        while start < len(lines) and not lines[start].strip():
            start += 1
        return "\n".join(lines[start:])

    def _cell_lines(self, element: _Element) -> list[str]:
        """The lines of a cell or a text box in a cell: its paragraphs, and those of the
        text boxes and tables in it."""
        lines: list[str] = []
        for block in _blocks(element):
            if block.tag == _W + "p":
                lines.append(self.paragraph_text(block))
                if self.boxes:
                    boxes, self.boxes = self.boxes, []
                    for box in boxes:
                        lines += self._cell_lines(box)
            else:
                for tr in _children(block, "tr"):
                    for tc in _children(tr, "tc"):
                        lines += self._cell_lines(tc)
        return lines

    # -- text -------------------------------------------------------------------------

    def paragraph_text(self, p: _Element) -> str:
        """The paragraph's text; empty for a line of a table of contents (a paragraph in
        a TOC style, or the result of a TOC field), which is counted in toc_lines."""
        parts: list[str] = []
        self._toc_text = False
        in_toc_style = False
        properties = p.find(_W + "pPr")
        if properties is not None:
            style = properties.find(_W + "pStyle")
            in_toc_style = style is not None and self._is_toc_style(style.get(_W + "val", ""))
            if self.numbering.active and not in_toc_style:
                parts.append(self.numbering.label(properties))
        stack: list[Iterator[Any]] = [iter(p)]
        while stack:
            for child in stack[-1]:
                tag = child.tag
                if tag == _W + "r":
                    parts.append(self._run_text(child))
                elif tag in _PARAGRAPH_WRAPPERS:
                    if tag == _W + "fldSimple" and _is_toc(child.get(_W + "instr", "")):
                        self._toc_text = True  # a table of contents in a simple field
                        continue
                    if tag in (_W + "ins", _W + "moveTo"):
                        self.tracked_changes = True
                    stack.append(iter(child))
                    break
                elif tag == _W + "sdt":
                    content = child.find(_W + "sdtContent")
                    if content is not None:
                        stack.append(iter(content))
                        break
                elif tag in (_W + "del", _W + "moveFrom"):
                    self.tracked_changes = True
            else:
                stack.pop()
        text = "".join(parts)
        if in_toc_style:
            self.toc_lines += bool(text.strip() or self._toc_text)
            return ""
        self.toc_lines += self._toc_text
        return text

    def _is_toc_style(self, style_id: str) -> bool:
        """Whether the style is Word's "toc 1" to "toc 9" or "TOC Heading", known by its
        name (its id is "TOC1", or "10" in Chinese Word) or, wanting one, its id."""
        found = self.toc_styles.get(style_id)
        if found is None:
            style = self.styles.get(style_id)
            name = None if style is None else style.find(_W + "name")
            named = style_id if name is None else name.get(_W + "val", "")
            found = self.toc_styles[style_id] = _TOC_STYLE.fullmatch(named) is not None
        return found

    def _run_text(self, r: _Element) -> str:
        properties = r.find(_W + "rPr")
        hidden = properties is not None and any(
            not _is_off(properties.find(_W + name)) for name in _SKIPPED_RUN_PROPERTIES
        )
        parts: list[str] = []
        for child in r:
            tag = child.tag
            if tag == _W + "t":
                if self.in_code:
                    continue  # a field's code, or the result of a field inside it
                if self.in_toc:
                    self._toc_text = True  # a line of a table of contents
                    continue
                if hidden:
                    self.hidden_characters += len(child.text or "")
                else:
                    parts.append(child.text or "")
            elif tag == _W + "fldChar":
                self._field_char(child)
            elif tag == _W + "instrText":
                if self.fields and self.fields[-1]:
                    self.instructions[-1] += child.text or ""
            elif hidden or self.in_code or self.in_toc:
                continue
            elif tag in (_W + "tab", _W + "ptab"):
                parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                parts.append("\n")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
            elif tag == _W + "delText":
                self.tracked_changes = True
            elif tag in _SHAPES:
                self.boxes += _text_boxes(child)
        return "".join(parts)

    def _field_char(self, element: _Element) -> None:
        kind = element.get(_W + "fldCharType")
        if kind == "begin":
            self.fields.append(True)
            self.instructions.append("")
            self.in_code += 1
        elif kind == "separate" and self.fields and self.fields[-1]:
            self.fields[-1] = False
            self.in_code -= 1
            if _is_toc(self.instructions[-1]):
                self.in_toc += 1
        elif kind == "end" and self.fields:
            instruction = self.instructions.pop()
            if self.fields.pop():  # it ended in its code
                self.in_code -= 1
            elif _is_toc(instruction):
                self.in_toc -= 1


def _is_toc(instruction: str) -> bool:
    """Whether a field's code makes a table of contents (``TOC \\o "1-3" \\h``)."""
    words = instruction.split(maxsplit=1)
    return bool(words) and words[0].upper() == "TOC"


_TOC_STYLE = re.compile(r"toc ?[1-9]|toc ?heading", re.IGNORECASE)


def _text_boxes(shape: _Element) -> list[_Element]:
    """The outermost text boxes (``w:txbxContent``) of a shape, a drawing or a picture;
    of markup-compatibility alternatives (a DrawingML shape and the same shape in VML),
    only the first one holding text boxes."""
    if shape.tag == _MC + "AlternateContent":
        for choice in shape:
            found = _text_boxes(choice)
            if found:
                return found
        return []
    found = []
    for box in shape.iter(_W + "txbxContent"):
        # Outermost: no text box between it and the shape (a box in a box is read with
        # the box holding it).
        for ancestor in box.iterancestors():
            if ancestor is shape:
                found.append(box)
                break
            if ancestor.tag == _W + "txbxContent":
                break
    return found


def _blocks(element: _Element) -> Iterator[_Element]:
    """The paragraphs and tables of a container, through content controls and custom XML."""
    for child in element:
        tag = child.tag
        if tag in (_W + "p", _W + "tbl"):
            yield child
        elif tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _blocks(content)
        elif tag in _BODY_WRAPPERS:
            yield from _blocks(child)


def _children(element: _Element, name: str) -> Iterator[_Element]:
    """The ``w:<name>`` children of a table or row, through content controls."""
    for child in element:
        if child.tag == _W + name:
            yield child
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _children(content, name)
        elif child.tag == _W + "customXml":
            yield from _children(child, name)
