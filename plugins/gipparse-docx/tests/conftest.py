"""Writing the seed reports as Word documents, the way agencies write them.

A document is generated from a seed's parsed text with python-docx: headings in a heading
style, paragraphs, images where the text had image lines, and each table with the
vertical and horizontal merges it had (inferred from the tab layout), page header and
footer text around the body. Depending on the :class:`Style`, cell lines are paragraphs
or line breaks, and zero cells are left blank.
"""

from __future__ import annotations

import base64
import copy
import io
import random
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import attrs
import pytest

from gipparse import Paragraph, Table

#: Page header and footer text: neither may reach a report.
CHROME_TEXTS = ("某某区人民政府办公室文件", "第1页 共3页")

# A 1×1 PNG, for the images the text reports show as ![name](url) lines.
_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@attrs.frozen
class Style:
    name: str
    cell_lines: str = "paragraphs"  # or "breaks"
    blank_zeros: bool = False
    #: What the document's XML goes through after python-docx wrote it: names of the
    #: functions of ``_MARKUP`` below, applied in order.
    markup: tuple[str, ...] = ()
    #: The ``source.*`` diagnostics the document is read with.
    source_codes: frozenset[str] = frozenset()


STYLES = {
    s.name: s
    for s in (
        Style("word"),
        Style("word-breaks-blank-zeros", cell_lines="breaks", blank_zeros=True),
        Style(
            "tracked-changes",
            markup=("tracked_changes",),
            source_codes=frozenset({"source.tracked-changes"}),
        ),
        Style(
            "hidden-text", markup=("hidden_text",), source_codes=frozenset({"source.hidden-text"})
        ),
        Style("fields", markup=("fields",)),
        Style("controls-and-marks", markup=("controls", "marks")),
        Style("wps", cell_lines="breaks", markup=("wps",)),
        Style("text-boxes", markup=("text_boxes",)),
        Style("grid", markup=("grid", "frame"), source_codes=frozenset({"source.layout-table"})),
        Style("list-numbering", markup=("list_numbers",)),
        Style("heading-numbering", markup=("heading_numbers",)),
        Style("notes", markup=("notes",), source_codes=frozenset({"source.notes"})),
        Style(
            "table-of-contents",
            markup=("table_of_contents",),
            source_codes=frozenset({"source.table-of-contents"}),
        ),
    )
}


def _write_lines(cell: Any, text: str, style: Style) -> None:
    lines = text.split("\n")
    paragraph = cell.paragraphs[0]
    if style.cell_lines == "breaks":
        run = paragraph.add_run(lines[0])
        for line in lines[1:]:
            run.add_break()
            run.add_text(line)
        return
    paragraph.add_run(lines[0])
    for line in lines[1:]:
        cell.add_paragraph(line)


def _add_table(document: Any, table: Table, seed: Any, style: Style, support: Any) -> None:
    from gipparse import Cell

    grid = support.merged_layout(table, continuations=seed.tab_tables)
    word = document.add_table(rows=len(grid.rows), cols=grid.width)
    word.style = "Table Grid"
    for row in grid.rows:
        for cell in row:
            if cell.rowspan > 1 or cell.colspan > 1:
                # Row by row: Table.cell() walks the whole table on every call.
                last = word.rows[cell.row + cell.rowspan - 1].cells[cell.column + cell.colspan - 1]
                word.rows[cell.row].cells[cell.column].merge(last)
    for row, word_row in zip(grid.rows, word.rows, strict=True):
        word_cells = word_row.cells  # one per grid column; merged cells repeat
        for cell in row:
            if style.blank_zeros and support.is_blank_zero(table, seed, Cell(cell.text).text):
                continue
            _write_lines(word_cells[cell.column], cell.text, style)


def write_document(seed: Any, style: Style, support: Any, final_paragraph: bool = False) -> bytes:
    """The seed as a Word document in *style*, as bytes; with *final_paragraph*, ending in
    an empty paragraph, as every document Word saves does (LibreOffice drops a table that
    ends a document when it writes Word 97)."""
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = CHROME_TEXTS[0]
    section.footer.paragraphs[0].text = CHROME_TEXTS[1]
    for part in seed.report.sections:
        if part.heading is not None:
            document.add_heading(part.heading.raw, level=2)
        for block in part.blocks:
            if isinstance(block, Paragraph):
                if re.fullmatch(r"\s*!\[[^\]]*\]\([^)]*\)\s*", block.raw):
                    document.add_paragraph().add_run().add_picture(io.BytesIO(_PNG))
                else:
                    document.add_paragraph(block.raw)
            else:
                _add_table(document, block, seed, style, support)
    if final_paragraph:
        document.add_paragraph()
    out = io.BytesIO()
    document.save(out)
    if style.markup:
        return _rewrite(out.getvalue(), style.markup, f"{seed.name}-{style.name}")
    return out.getvalue()


# ---------------------------------------------------------------------------------------
# What real documents hold besides paragraphs and tables: the XML python-docx wrote,
# rewritten the way Word and WPS Office write the same text
# ---------------------------------------------------------------------------------------

_NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
}
_W = "{" + _NAMESPACES["w"] + "}"
_DECLARED = " ".join(f'xmlns:{k}="{v}"' for k, v in _NAMESPACES.items())
#: Text Word keeps in a document but does not print, or prints apart from the text (a
#: note); none of it may reach a report.
HIDDEN_TEXTS = (
    "（填报说明：本段印发前删除）",
    "删除的段落",
    "旧的文字",
    "99999",
    "注：数据截至当年12月31日。",
)


def _xml(snippet: str) -> Any:
    """The element written in *snippet* (``w:`` and the other prefixes above)."""
    from lxml import etree

    wrapper = etree.fromstring(f"<w:wrapper {_DECLARED}>{snippet}</w:wrapper>")
    return wrapper[0]


def _run(text: str, properties: str = "") -> Any:
    return _xml(f'<w:r>{properties}<w:t xml:space="preserve">{text}</w:t></w:r>')


class _Document:
    """The parts of a package being rewritten, with the body parsed."""

    def __init__(self, parts: dict[str, bytes], key: str) -> None:
        from lxml import etree

        self.parts = parts
        self.root = etree.fromstring(parts["word/document.xml"])
        self.body = self.root.find(_W + "body")
        self.random = random.Random(key)

    def paragraphs(self) -> list[Any]:
        """The body's paragraphs holding runs of text only, outside tables."""
        return [p for p in self.body.iter(_W + "p") if _runs(p) and not _in_table(p)]

    def cells(self) -> list[Any]:
        return list(self.body.iter(_W + "tc"))

    def part(self, name: str) -> Any:
        from lxml import etree

        return etree.fromstring(self.parts[name])

    def save_part(self, name: str, root: Any) -> None:
        from lxml import etree

        self.parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _text_of(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(_W + "t"))


def _in_table(element: Any) -> bool:
    return any(a.tag == _W + "tc" for a in element.iterancestors())


def _runs(p: Any) -> list[Any]:
    """The runs of *p* holding only text (no TABs or breaks)."""
    return [
        r
        for r in p.iter(_W + "r")
        if r.find(_W + "t") is not None and all(c.tag in (_W + "t", _W + "rPr") for c in r)
    ]


def _split_runs(p: Any, rng: random.Random, longest: int = 6) -> None:
    """Each text run of *p* as runs of 1 to *longest* characters, as editors leave them."""
    for run in _runs(p):
        text = _text_of(run)
        properties = run.find(_W + "rPr")
        at = 0
        while at < len(text):
            size = rng.randint(1, longest)
            piece = copy.deepcopy(run)
            for t in piece.findall(_W + "t"):
                piece.remove(t)
            t = _xml(f'<w:t xml:space="preserve">{escape(text[at : at + size])}</w:t>')
            piece.append(t)
            if properties is not None:
                piece.remove(piece.find(_W + "rPr"))
                piece.insert(0, copy.deepcopy(properties))
            run.addprevious(piece)
            at += size
        run.getparent().remove(run)


def _wrap(elements: list[Any], snippet: str) -> Any:
    """*elements* (siblings, in order) moved into the element written in *snippet*, whose
    innermost element without children receives them."""
    outer = _xml(snippet)
    inner = outer
    while len(inner):
        inner = inner[-1]
    elements[0].addprevious(outer)
    for element in elements:
        inner.append(element)
    return outer


def _tracked_changes(doc: _Document) -> None:
    author = 'w:author="审核人" w:date="2021-01-15T10:00:00Z"'
    for i, p in enumerate(doc.paragraphs()):
        runs = _runs(p)
        text = _text_of(p)
        if i % 3 == 0 and len(runs) == 1 and len(text) > 1:
            # The second half moved from the front to the end; the first half inserted,
            # and a deletion between them.
            half = len(text) // 2
            first, second = escape(text[:half]), escape(text[half:])
            for snippet in (
                f'<w:moveFromRangeStart w:id="{i}01" w:name="move{i}" {author}/>',
                f'<w:moveFrom w:id="{i}02" {author}><w:r><w:t>{second}</w:t></w:r></w:moveFrom>',
                f'<w:moveFromRangeEnd w:id="{i}01"/>',
                f'<w:ins w:id="{i}03" {author}><w:r><w:t>{first}</w:t></w:r></w:ins>',
                f'<w:del w:id="{i}04" {author}><w:r><w:delText>{HIDDEN_TEXTS[2]}</w:delText>'
                "</w:r></w:del>",
                f'<w:moveToRangeStart w:id="{i}05" w:name="move{i}" {author}/>',
                f'<w:moveTo w:id="{i}06" {author}><w:r><w:t>{second}</w:t></w:r></w:moveTo>',
                f'<w:moveToRangeEnd w:id="{i}05"/>',
            ):
                runs[0].addprevious(_xml(snippet))
            p.remove(runs[0])
        elif i % 3 == 1:
            # A paragraph deleted whole, its mark too; a formatting change that showed
            # what was hidden.
            p.addnext(
                _xml(
                    f'<w:p><w:pPr><w:rPr><w:del w:id="{i}07" {author}/></w:rPr></w:pPr>'
                    f'<w:del w:id="{i}08" {author}><w:r><w:delText>{HIDDEN_TEXTS[1]}'
                    "</w:delText></w:r></w:del></w:p>"
                )
            )
            runs[0].insert(
                0,
                _xml(
                    f'<w:rPr><w:b/><w:rPrChange w:id="{i}09" {author}><w:rPr><w:vanish/>'
                    "</w:rPr></w:rPrChange></w:rPr>"
                ),
            )
        else:
            _wrap([runs[0]], f'<w:ins w:id="{i}10" {author}/>')
    for n, table in enumerate(doc.body.iter(_W + "tbl")):
        rows = table.findall(_W + "tr")
        # A number corrected, and a row deleted at the end.
        for tc in rows[-1].findall(_W + "tc"):
            runs = _runs(tc)
            if runs and _text_of(tc).isdigit():
                runs[0].addprevious(
                    _xml(
                        f'<w:del w:id="{n}11" {author}><w:r><w:delText>{HIDDEN_TEXTS[3]}'
                        "</w:delText></w:r></w:del>"
                    )
                )
                _wrap([runs[0]], f'<w:ins w:id="{n}12" {author}/>')
                break
        deleted = copy.deepcopy(rows[-1])
        for v_merge in deleted.iter(_W + "vMerge"):
            v_merge.getparent().remove(v_merge)
        for t in deleted.iter(_W + "t"):
            t.tag = _W + "delText"
        for run in list(deleted.iter(_W + "r")):
            _wrap([run], f'<w:del w:id="{n}13" {author}/>')
        deleted.insert(0, _xml(f'<w:trPr><w:del w:id="{n}14" {author}/></w:trPr>'))
        rows[-1].addnext(deleted)
        # A cell whose merge was changed: the old properties are no merge.
        tc_pr = rows[-1].find(_W + "tc").find(_W + "tcPr")
        tc_pr.append(
            _xml(f'<w:tcPrChange w:id="{n}15" {author}><w:tcPr><w:vMerge/></w:tcPr></w:tcPrChange>')
        )


def _hidden_text(doc: _Document) -> None:
    hidden = "<w:rPr><w:vanish/></w:rPr>"
    for i, p in enumerate(doc.paragraphs()):
        if i % 4 == 0:
            p.append(_run(HIDDEN_TEXTS[0], hidden))
        elif i % 4 == 1:
            p.addnext(_xml("<w:p/>"))
            p.getnext().append(_run(HIDDEN_TEXTS[0], hidden))
        elif i % 4 == 2:
            # Hidden in a web view, printed: read.
            for run in _runs(p):
                run.insert(0, _xml("<w:rPr><w:webHidden/></w:rPr>"))
    for tc in doc.cells()[::7]:
        tc.findall(_W + "p")[-1].append(_run(HIDDEN_TEXTS[3], hidden))


def _field(runs: list[Any], *instructions: str, nested: str | None = None) -> None:
    """*runs* (siblings) made the result of a complex field with *instructions*, split in
    several ``w:instrText``; *nested* puts a field with that instruction (and a result) in
    the instruction."""
    first = runs[0]
    snippets = ['<w:r><w:fldChar w:fldCharType="begin"/></w:r>']
    snippets += [
        f'<w:r><w:instrText xml:space="preserve">{i}</w:instrText></w:r>' for i in instructions[:1]
    ]
    if nested is not None:
        snippets += [
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
            f'<w:r><w:instrText xml:space="preserve">{nested}</w:instrText></w:r>',
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
            f"<w:r><w:t>{HIDDEN_TEXTS[3]}</w:t></w:r>",
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        ]
    snippets += [
        f'<w:r><w:instrText xml:space="preserve">{i}</w:instrText></w:r>' for i in instructions[1:]
    ]
    snippets.append('<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
    for snippet in snippets:
        first.addprevious(_xml(snippet))
    runs[-1].addnext(_xml('<w:r><w:fldChar w:fldCharType="end"/></w:r>'))


def _fields(doc: _Document) -> None:
    for i, p in enumerate(doc.paragraphs()):
        runs = _runs(p)
        if i % 4 == 0:
            _field(runs, ' HYPERLINK "http://www.example.gov.cn/', 'xxgk/" \\h ')
        elif i % 4 == 1:
            _field(runs, " IF ", ' = 1 "" "" ', nested=" PAGE ")
        elif i % 4 == 2:
            _wrap(runs, '<w:fldSimple w:instr=" MERGEFIELD 单位名称 "/>')
    for i, tc in enumerate(doc.cells()):
        runs = _runs(tc)
        if runs and _text_of(tc).isdigit():
            if i % 2:
                _wrap(runs, '<w:fldSimple w:instr=" =SUM(LEFT) "/>')
            else:
                _field(runs, " = SUM(ABOVE) ", '\\# "0" ')


def _controls(doc: _Document) -> None:
    """Content controls around paragraphs, runs, a row, a cell and a table; custom XML
    and smart tags."""
    for i, p in enumerate(doc.paragraphs()):
        if i % 5 == 0 and p.getparent() is doc.body:
            _wrap(
                [p],
                f'<w:sdt><w:sdtPr><w:alias w:val="正文"/><w:id w:val="{i}"/></w:sdtPr>'
                "<w:sdtContent/></w:sdt>",
            )
        elif i % 5 == 1:
            _wrap(_runs(p), "<w:sdt><w:sdtPr/><w:sdtContent/></w:sdt>")
        elif i % 5 == 2 and p.getparent() is doc.body:
            _wrap([p], '<w:customXml w:uri="urn:gov" w:element="段落"/>')
        elif i % 5 == 3:
            _wrap(
                _runs(p),
                '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="date"/>',
            )
    for table in doc.body.iter(_W + "tbl"):
        rows = table.findall(_W + "tr")
        _wrap(rows[:1], "<w:sdt><w:sdtPr/><w:sdtContent/></w:sdt>")
        for tc in rows[-1].findall(_W + "tc")[1:2]:
            _wrap([tc], "<w:sdt><w:sdtPr/><w:sdtContent/></w:sdt>")
    # A whole table in a content control, with a paragraph.
    table = next(doc.body.iter(_W + "tbl"))
    _wrap([table], "<w:sdt><w:sdtPr/><w:sdtContent/></w:sdt>")


def _marks(doc: _Document) -> None:
    """Bookmarks, proofing marks, rendered page breaks, comment ranges and permissions
    between runs split at random places."""
    for i, p in enumerate(list(doc.body.iter(_W + "p"))):
        _split_runs(p, doc.random)
        runs = _runs(p)
        if not runs:
            continue
        runs[0].addprevious(_xml(f'<w:bookmarkStart w:id="{i}" w:name="_GoBack"/>'))
        runs[-1].addnext(_xml(f'<w:bookmarkEnd w:id="{i}"/>'))
        middle = runs[len(runs) // 2]
        middle.addprevious(_xml('<w:proofErr w:type="spellStart"/>'))
        middle.addnext(_xml('<w:proofErr w:type="spellEnd"/>'))
        middle.insert(
            1 if middle.find(_W + "rPr") is not None else 0, _xml("<w:lastRenderedPageBreak/>")
        )
        if i % 3 == 0:
            runs[0].addprevious(_xml(f'<w:commentRangeStart w:id="{i}"/>'))
            runs[-1].addnext(_xml(f'<w:r><w:commentReference w:id="{i}"/></w:r>'))
            runs[-1].addnext(_xml(f'<w:commentRangeEnd w:id="{i}"/>'))
            runs[0].addprevious(_xml(f'<w:permStart w:id="{i}" w:edGrp="everyone"/>'))
            runs[-1].addnext(_xml(f'<w:permEnd w:id="{i}"/>'))
    for p in doc.paragraphs()[::6]:
        if p.getparent() is doc.body:
            p.addprevious(_xml('<w:bookmarkStart w:id="9000" w:name="_Toc1"/>'))
            p.addnext(_xml('<w:bookmarkEnd w:id="9000"/>'))


_WPS_DATA = "http://www.wps.cn/officeDocument/2013/wpsCustomData"


def _wps(doc: _Document) -> None:
    """What WPS Office writes: its namespace, East Asian font hints on every run, runs
    split where the script changes, paragraphs indented with full-width spaces,
    non-breaking hyphens."""
    from lxml import etree

    nsmap = dict(doc.root.nsmap, wpsCustomData=_WPS_DATA)
    root = etree.Element(doc.root.tag, nsmap=nsmap)
    root.attrib.update(doc.root.attrib)
    root.set(f"{{{_NAMESPACES['mc']}}}Ignorable", "w14 wp14 wpsCustomData")
    root.extend(list(doc.root))
    doc.root = root
    doc.body = root.find(_W + "body")
    hint = (
        '<w:rPr><w:rFonts w:hint="eastAsia" w:ascii="仿宋_GB2312" w:hAnsi="仿宋_GB2312" '
        'w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr>'
    )
    indented = set(doc.paragraphs())
    for p in doc.body.iter(_W + "p"):
        for run in _runs(p):
            text = _text_of(run)
            pieces = re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text)
            if p in indented and run is _runs(p)[0]:
                pieces[0] = "\u3000\u3000" + pieces[0]
            for piece in pieces:
                new = _xml(f"<w:r>{hint}</w:r>")
                for j, part in enumerate(piece.split("-")):
                    if j:
                        new.append(_xml("<w:noBreakHyphen/>"))
                    if part:
                        new.append(_xml(f'<w:t xml:space="preserve">{escape(part)}</w:t>'))
                run.addprevious(new)
            p.remove(run)
        p.set(f"{{{_NAMESPACES['w14']}}}paraId", "1A2B3C4D")
    doc.body[-1].append(etree.Element(f"{{{_WPS_DATA}}}docInfo"))


def _box(content: list[Any]) -> Any:
    """An empty paragraph anchoring a text box that holds *content*, as Word writes it:
    a DrawingML shape, and the same box in VML for older readers."""
    choice = _xml(
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1"'
        ' behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:extent cx="5000000" cy="3000000"/><wp:docPr id="1" name="文本框 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        "<wps:wsp><wps:txbx><w:txbxContent/></wps:txbx></wps:wsp></a:graphicData></a:graphic>"
        "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        '<v:shape style="width:400pt;height:240pt"><v:textbox><w:txbxContent/></v:textbox>'
        "</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    first, second = choice.iter(_W + "txbxContent")
    for element in content:
        first.append(copy.deepcopy(element))
        second.append(element)
    for box in (first, second):
        if not len(box) or box[-1].tag != _W + "p":
            box.append(_xml("<w:p/>"))
    return choice


def _text_boxes(doc: _Document) -> None:
    """The first paragraph and the first table in text boxes."""
    for element in (doc.paragraphs()[0], next(doc.body.iter(_W + "tbl"))):
        element.addprevious(_box([]))
        anchor = element.getprevious()
        boxes = list(anchor.iter(_W + "txbxContent"))
        element.getparent().remove(element)
        for box in boxes:
            box.insert(0, copy.deepcopy(element))


def _grid(doc: _Document) -> None:
    """Rows shorter than the grid: a last merged cell as a cell and the grid columns
    after it (``w:gridAfter``), a first cell continuing a vertical merge as grid columns
    before the row (``w:gridBefore``); repeated header rows; cell text in many runs."""
    for table in doc.body.iter(_W + "tbl"):
        for i, tr in enumerate(table.findall(_W + "tr")):
            cells = tr.findall(_W + "tc")
            properties = _xml("<w:trPr/>")
            if i == 0:
                properties.append(_xml("<w:tblHeader/>"))
            span = cells[-1].find(f"{_W}tcPr/{_W}gridSpan")
            if (
                len(cells) > 1
                and span is not None
                and cells[-1].find(f"{_W}tcPr/{_W}vMerge") is None
            ):
                properties.append(_xml(f'<w:gridAfter w:val="{int(span.get(_W + "val")) - 1}"/>'))
                span.getparent().remove(span)
            first = cells[0].find(f"{_W}tcPr/{_W}vMerge")
            if first is not None and first.get(_W + "val", "continue") == "continue":
                span = cells[0].find(f"{_W}tcPr/{_W}gridSpan")
                columns = 1 if span is None else int(span.get(_W + "val"))
                properties.insert(0, _xml(f'<w:gridBefore w:val="{columns}"/>'))
                tr.remove(cells[0])
            tr.insert(0, properties)
        for p in table.iter(_W + "p"):
            _split_runs(p, doc.random, longest=2)


def _frame(doc: _Document) -> None:
    """The last table in a table of one cell, a frame around it."""
    table = list(doc.body.iter(_W + "tbl"))[-1]
    frame = _xml(
        '<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid>'
        "<w:tr><w:tc/></w:tr></w:tbl>"
    )
    table.addprevious(frame)
    cell = frame.find(f"{_W}tr/{_W}tc")
    cell.append(table)
    cell.append(_xml("<w:p/>"))


_CHINESE = "一二三四五六七八九十"
_NUMBERED = re.compile(f"([{_CHINESE}]{{1,2}})、|([（(])([{_CHINESE}]{{1,2}})([）)])")


def _chinese_value(numeral: str) -> int:
    """一 to 九十九, as the seeds' headings count."""
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + _CHINESE.index(numeral[1]) + 1
    if numeral.endswith("十"):
        return (_CHINESE.index(numeral[0]) + 1) * 10
    if len(numeral) == 2:
        return (_CHINESE.index(numeral[0]) + 1) * 10 + _CHINESE.index(numeral[1]) + 1
    return _CHINESE.index(numeral) + 1


def _level(level: int, fmt: str, text: str, start: int = 1, style: str = "") -> str:
    linked = f'<w:pStyle w:val="{style}"/>' if style else ""
    return (
        f'<w:lvl w:ilvl="{level}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'{linked}<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>'
    )


def _list_numbers(doc: _Document, through_styles: bool = False) -> None:
    """Every "一、" and "（一）" paragraph of the body numbered by Word's list numbering
    instead of its text: levels 1 and 2 of a list (through the paragraph's own
    ``w:numPr``, or through its paragraph style's), a new ``w:num`` restarting a level
    where the seed's number is not the next one, or where "(一)" is written in ASCII
    parentheses (a level overridden whole). Through styles, a heading whose text does
    not start with its number has the style's numbering switched off (``w:numId`` 0)."""
    numbering = doc.part("word/numbering.xml")
    abstract = _xml(
        '<w:abstractNum w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
        + _level(0, "chineseCountingThousand", "%1、", style="Heading2" if through_styles else "")
        + _level(1, "chineseCounting", "（%2）", style="Subheading" if through_styles else "")
        + "".join(_level(n, "decimal", f"%{n + 1}.") for n in range(2, 9))
        + "</w:abstractNum>"
    )
    numbering.find(_W + "num").addprevious(abstract)
    nums = [900]
    numbering.append(_xml('<w:num w:numId="900"><w:abstractNumId w:val="90"/></w:num>'))
    if through_styles:
        styles = doc.part("word/styles.xml")
        heading = styles.find(f"{_W}style[@{_W}styleId='Heading2']")
        heading.find(_W + "pPr").insert(
            0, _xml('<w:numPr><w:ilvl w:val="0"/><w:numId w:val="900"/></w:numPr>')
        )
        styles.append(
            _xml(
                '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Subheading">'
                '<w:name w:val="小标题"/><w:basedOn w:val="Normal"/>'
                '<w:pPr><w:numPr><w:numId w:val="900"/></w:numPr></w:pPr></w:style>'
            )
        )
        doc.save_part("word/styles.xml", styles)
    counters = [0, 0]
    parentheses = "（）"
    for p in doc.body.iterchildren(_W + "p"):
        runs = _runs(p)
        found = _NUMBERED.match(_text_of(runs[0])) if runs else None
        if not found:
            style = p.find(f"{_W}pPr/{_W}pStyle")
            if style is not None and style.get(_W + "val") == "Heading2" and through_styles:
                # A heading whose number is its text ("  五、"): its style's numbering off.
                style.addnext(_xml('<w:numPr><w:numId w:val="0"/></w:numPr>'))
            continue
        level = 0 if found.group(1) else 1
        value = _chinese_value(found.group(1) or found.group(3))
        form = parentheses if level == 0 else found.group(2) + found.group(4)
        override = ""
        if form != parentheses:
            override = _level(1, "chineseCounting", f"{form[0]}%2{form[1]}", start=value)
            parentheses = form
        if override or value != counters[level] + 1:
            nums.append(nums[-1] + 1)
            numbering.append(
                _xml(
                    f'<w:num w:numId="{nums[-1]}"><w:abstractNumId w:val="90"/>'
                    f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{value}"/>'
                    f"{override}</w:lvlOverride></w:num>"
                )
            )
        counters[level] = value
        if level == 0:
            counters[1] = 0
        t = runs[0].find(_W + "t")
        t.text = t.text[found.end() :]
        properties = p.find(_W + "pPr")
        if properties is None:
            properties = _xml("<w:pPr/>")
            p.insert(0, properties)
        if through_styles:
            style = properties.find(_W + "pStyle")
            if style is None:
                style = _xml("<w:pStyle/>")
                properties.insert(0, style)
            style.set(_W + "val", "Heading2" if level == 0 else "Subheading")
            if nums[-1] != 900:
                style.addnext(_xml(f'<w:numPr><w:numId w:val="{nums[-1]}"/></w:numPr>'))
        else:
            properties.append(
                _xml(f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{nums[-1]}"/></w:numPr>')
            )
    doc.save_part("word/numbering.xml", numbering)


def _heading_numbers(doc: _Document) -> None:
    _list_numbers(doc, through_styles=True)


_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def _add_part(doc: _Document, kind: str, root: Any) -> None:
    """*root* as the part ``word/<kind>.xml`` of the document, related to it."""
    from lxml import etree

    doc.save_part(f"word/{kind}.xml", root)
    rels = doc.part("word/_rels/document.xml.rels")
    rels.append(
        etree.Element(
            f"{{{_PACKAGE}/relationships}}Relationship",
            Id=f"rId{kind}",
            Type=f"{_RELATIONSHIPS}/{kind}",
            Target=f"{kind}.xml",
        )
    )
    doc.save_part("word/_rels/document.xml.rels", rels)
    types = doc.part("[Content_Types].xml")
    types.append(
        etree.Element(
            f"{{{_PACKAGE}/content-types}}Override",
            PartName=f"/word/{kind}.xml",
            ContentType=f"{_CONTENT_TYPE}.{kind}+xml",
        )
    )
    doc.save_part("[Content_Types].xml", types)


def _notes(doc: _Document) -> None:
    """Footnotes after every third paragraph, an endnote after the last one, as Word
    writes them: a reference mark in the text, the notes in their parts after the
    separators Word prints between the text and the notes."""
    separators = (
        '<w:{0} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{0}>'
        '<w:{0} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        "</w:r></w:p></w:{0}>"
    )
    paragraphs = doc.paragraphs()
    for kind, chosen in (("footnote", paragraphs[::3]), ("endnote", paragraphs[-1:])):
        notes = [separators.format(kind)]
        for n, p in enumerate(chosen, start=1):
            p.append(
                _xml(
                    f'<w:r><w:rPr><w:rStyle w:val="{kind}Reference"/><w:vertAlign '
                    f'w:val="superscript"/></w:rPr><w:{kind}Reference w:id="{n}"/></w:r>'
                )
            )
            notes.append(
                f'<w:{kind} w:id="{n}"><w:p><w:r><w:{kind}Ref/></w:r>'
                f'<w:r><w:t xml:space="preserve"> {HIDDEN_TEXTS[4]}</w:t></w:r></w:p></w:{kind}>'
            )
        _add_part(doc, kind + "s", _xml(f"<w:{kind}s {_DECLARED}>{''.join(notes)}</w:{kind}s>"))


def _table_of_contents(doc: _Document) -> None:
    """A table of contents before the first heading, as Word inserts it: a title in the
    "TOC Heading" style, a TOC field whose result is a line per heading (its text, a TAB
    and a PAGEREF field giving the page, in a hyperlink), in the style named "toc 1"
    (id "10", as Chinese Word writes it) but every third line, which has no style, the
    field ending in a paragraph of its own."""
    styles = doc.part("word/styles.xml")
    styles.append(
        _xml(
            '<w:style w:type="paragraph" w:styleId="10"><w:name w:val="toc 1"/>'
            '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/>'
            "</w:style>"
        )
    )
    doc.save_part("word/styles.xml", styles)
    headings = [
        p
        for p in doc.body.iterchildren(_W + "p")
        if p.find(f"{_W}pPr/{_W}pStyle[@{_W}val='Heading2']") is not None
    ]
    first = headings[0]
    first.addprevious(
        _xml('<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>目录</w:t></w:r></w:p>')
    )
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
        ' TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    for n, heading in enumerate(headings):
        style = '<w:pPr><w:pStyle w:val="10"/></w:pPr>' if n % 3 != 2 else ""
        first.addprevious(
            _xml(
                f"<w:p>{style}{field if n == 0 else ''}"
                f'<w:hyperlink w:anchor="_Toc{n}" w:history="1">'
                f'<w:r><w:t xml:space="preserve">{escape(_text_of(heading))}</w:t></w:r>'
                '<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> PAGEREF _Toc{n} \\h </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                f"<w:r><w:t>{n + 1}</w:t></w:r>"
                '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink></w:p>'
            )
        )
    first.addprevious(_xml('<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'))


_MARKUP = {
    "tracked_changes": _tracked_changes,
    "hidden_text": _hidden_text,
    "fields": _fields,
    "controls": _controls,
    "marks": _marks,
    "wps": _wps,
    "text_boxes": _text_boxes,
    "grid": _grid,
    "frame": _frame,
    "list_numbers": _list_numbers,
    "heading_numbers": _heading_numbers,
    "notes": _notes,
    "table_of_contents": _table_of_contents,
}


def _rewrite(data: bytes, markup: tuple[str, ...], key: str) -> bytes:
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    doc = _Document(parts, key)
    for name in markup:
        _MARKUP[name](doc)
    parts["word/document.xml"] = etree.tostring(
        doc.root, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in doc.parts.items():
            archive.writestr(name, content)
    return out.getvalue()


class Writer:
    """What the tests need from this module (a conftest cannot be imported)."""

    chrome_texts = CHROME_TEXTS
    hidden_texts = HIDDEN_TEXTS
    styles = STYLES

    def __init__(self, support: Any) -> None:
        self.support = support

    def document(self, seed: Any, style: Style, final_paragraph: bool = False) -> bytes:
        return write_document(seed, style, self.support, final_paragraph)


# ---------------------------------------------------------------------------------------
# Legacy Word documents, written by LibreOffice from the DOCX above
# ---------------------------------------------------------------------------------------


def soffice_or_skip() -> str:
    """The LibreOffice program the plugin would run; the test is skipped without one."""
    from gipparse_docx._convert import find_soffice

    found = find_soffice()
    if found is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed, so no legacy Word document can be "
            "written or read here (Debian: apt install libreoffice-writer-nogui)"
        )
    return found


def soffice_convert(sources: list[Path], target: str, folder: Path) -> list[Path]:
    """Convert *sources* with LibreOffice to *target* (``"doc:MS Word 97"``) in one run,
    with a profile of its own; returns the files written, in order."""
    soffice = soffice_or_skip()
    out = folder / "out"
    out.mkdir(exist_ok=True)
    subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            *map(str, sources),
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=600,
        check=True,
    )
    suffix = "." + target.split(":", maxsplit=1)[0]
    written = [out / (s.stem + suffix) for s in sources]
    missing = [w.name for w in written if not w.is_file()]
    assert not missing, f"LibreOffice wrote no {missing}"
    return written


@pytest.fixture(scope="session")
def legacy_files(
    seeds: dict[str, Any], writer: Writer, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Every seed as a Word 97 document (``.doc``) and as RTF, written by LibreOffice from
    the seed's DOCX (style "word"): ``{"000.doc": path, "000.rtf": path, ...}``."""
    soffice_or_skip()
    folder = tmp_path_factory.mktemp("legacy")
    sources = []
    for name, seed in seeds.items():
        source = folder / f"{name}.docx"
        source.write_bytes(writer.document(seed, STYLES["word"], final_paragraph=True))
        sources.append(source)
    files = soffice_convert(sources, "doc:MS Word 97", folder)
    files += soffice_convert(sources, "rtf:Rich Text Format", folder)
    return {f.name: f for f in files}


@pytest.fixture(scope="session")
def writer(support: Any) -> Writer:
    return Writer(support)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "doc_style" in metafunc.fixturenames:
        metafunc.parametrize("doc_style", list(STYLES.values()), ids=lambda s: s.name)
