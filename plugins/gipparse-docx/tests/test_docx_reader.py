"""The DOCX reader on small documents: runs, fields, tracked changes, merges, damage."""

from __future__ import annotations

import contextlib
import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gipparse
from gipparse import Paragraph, SourceError

gipparse_docx = pytest.importorskip("gipparse_docx")
docx = pytest.importorskip("docx")

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def make_docx(body_xml: str) -> bytes:
    """A Word document whose body holds *body_xml* (``w:`` elements), saved by python-docx."""
    from docx.oxml import parse_xml

    document = docx.Document()
    body = document.element.body
    section = body[-1]  # w:sectPr stays last
    for element in list(parse_xml(f"<w:body {_NS}>{body_xml}</w:body>")):
        section.addprevious(element)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def tc(content: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content or '<w:p/>'}</w:tc>"


def read(data: bytes, path: str | None = "report.docx") -> gipparse.SourceDocument:
    doc = gipparse_docx.plugin.gipparse_read_source(path=path, data=data)
    assert doc is not None
    return doc


def paragraphs(doc: gipparse.SourceDocument) -> list[str]:
    return [b.raw for b in doc.blocks or () if isinstance(b, Paragraph)]


def tables(doc: gipparse.SourceDocument) -> list[list[list[str]]]:
    return [
        [[c.raw for c in row.cells] for row in b.rows]
        for b in doc.blocks or ()
        if isinstance(b, gipparse.Table)
    ]


def codes(doc: gipparse.SourceDocument) -> list[str]:
    return [d.code for d in doc.diagnostics]


SIMPLE = make_docx(p(r("一、总体情况")) + p(r("正文。")))


# ---------------------------------------------------------------------------------------
# Which sources are read
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["report.docx", "REPORT.DOCX", "report.bin", None])
def test_documents_are_read_by_suffix_or_by_their_content(path: str | None) -> None:
    assert paragraphs(read(SIMPLE, path)) == ["一、总体情况", "正文。"]


def test_other_sources_are_left_to_other_readers() -> None:
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("data.csv", "a,b")
    for path, data in [
        (None, plain_zip.getvalue()),
        ("report.txt", "一、总体情况".encode()),
        ("report.docx", b"%PDF-1.7"),
        ("report.docx", "一、总体情况".encode()),
        ("report.html", b"<html><body><p>x</p></body></html>"),
    ]:
        assert gipparse_docx.plugin.gipparse_read_source(path=path, data=data) is None, (path, data)


def test_an_ole_file_that_is_no_word_document_is_left_to_the_text_reader() -> None:
    # (.doc and .wps files are the legacy reader's: see test_doc_legacy.py.)
    with pytest.raises(SourceError, match=r"legacy Microsoft Office file"):
        gipparse.loads(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), path="report.xls")


def test_a_password_protected_docx_is_refused_with_what_to_do() -> None:
    with pytest.raises(SourceError, match="password-protected Word file"):
        gipparse.loads(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), path="report.docx")


def test_a_zip_that_is_not_a_word_document_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(SourceError, match="not a Word document"):
        read(out.getvalue())


@pytest.mark.parametrize("cut", [30, len(SIMPLE) // 2, len(SIMPLE) - 10])
def test_a_truncated_document_is_refused_as_damaged(cut: int) -> None:
    with pytest.raises(SourceError, match=r"damaged|cannot read"):
        read(SIMPLE[:cut])


def test_a_document_with_broken_xml_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(SIMPLE)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    with pytest.raises(SourceError, match="cannot read the DOCX"):
        read(out.getvalue())


def test_a_package_unpacking_past_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from gipparse_docx import _reader

    monkeypatch.setattr(_reader, "MAX_UNPACKED_SIZE", 1000)
    with pytest.raises(gipparse.InputTooLargeError, match="unpacks to"):
        read(SIMPLE)


def _with_document_xml(xml: bytes, lie: int | None = None) -> bytes:
    """SIMPLE with its ``word/document.xml`` replaced by *xml*; with *lie*, the archive
    declares that size for it instead of the true one."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(SIMPLE)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            if item.filename == "word/document.xml":
                target.writestr("word/document.xml", xml)
            else:
                target.writestr(item, source.read(item))
    data = bytearray(out.getvalue())
    if lie is not None:
        true_size = len(xml).to_bytes(4, "little")  # ZIP headers store it little-endian
        name = b"word/document.xml"
        for header, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
            at = -1
            while (at := data.find(header, at + 1)) != -1:
                name_at = at + (30 if header == b"PK\x03\x04" else 46)
                if data[name_at : name_at + len(name)] == name:
                    assert data[at + size_at : at + size_at + 4] == true_size
                    data[at + size_at : at + size_at + 4] = lie.to_bytes(4, "little")
    return bytes(data)


def _large_document_xml(size: int) -> bytes:
    paragraph = p(r("收到和处理政府信息公开申请情况" * 4)).encode()
    head = f"<w:document {_NS}><w:body>".encode()
    return head + paragraph * (size // len(paragraph) + 1) + b"</w:body></w:document>"


def test_xml_past_the_budget_is_refused_before_it_is_parsed() -> None:
    """A 200 kB document whose XML unpacks to 17 MiB: parsed, its tree would take about
    six times that (thirty for empty paragraphs or cells); it is refused as too large,
    having held no more than a chunk of it."""
    import tracemalloc

    data = _with_document_xml(_large_document_xml(17 * 1024 * 1024))
    assert len(data) < 400_000
    tracemalloc.start()
    try:
        with pytest.raises(gipparse.InputTooLargeError, match="bytes of XML"):
            read(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024 + 2 * len(data)


def test_a_size_the_archive_lies_about_unpacks_no_further_than_declared() -> None:
    """document.xml declared as 1,000 bytes but unpacking to 17 MiB: never unpacked past
    what is declared, and refused as damaged (its checksum fails)."""
    import tracemalloc

    xml = _large_document_xml(17 * 1024 * 1024)
    data = _with_document_xml(xml, lie=1000)
    tracemalloc.start()
    try:
        with pytest.raises(SourceError, match=r"damaged|cannot read"):
            read(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024 + 2 * len(data)


def test_a_document_within_the_budget_is_read() -> None:
    doc = read(_with_document_xml(_large_document_xml(1024 * 1024)))
    assert len(paragraphs(doc)) > 1000


def test_an_empty_document_is_refused() -> None:
    with pytest.raises(SourceError, match="holds no text"):
        read(make_docx(p() + p(r("  "))))


def test_source_suffixes() -> None:
    assert gipparse_docx.plugin.gipparse_source_suffixes() == [".docx"]


# ---------------------------------------------------------------------------------------
# Paragraphs
# ---------------------------------------------------------------------------------------


def test_paragraph_text_from_runs_links_fields_and_controls() -> None:
    doc = read(
        make_docx(
            p(
                r("详见"),
                '<w:hyperlink w:history="1">' + r("网站") + "</w:hyperlink>",
                '<w:fldSimple w:instr=" PAGE ">' + r("3") + "</w:fldSimple>",
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r><w:instrText xml:space="preserve"> HYPERLINK "x" </w:instrText></w:r>',
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
                r("链接"),
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
                "<w:smartTag>" + r("标记") + "</w:smartTag>",
                "<w:sdt><w:sdtContent>" + r("控件") + "</w:sdtContent></w:sdt>",
                "<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:noBreakHyphen/><w:t>丙</w:t></w:r>",
            )
        )
    )
    assert paragraphs(doc) == ["详见网站3链接标记控件甲\t乙-丙"]


def test_a_line_break_starts_a_new_paragraph() -> None:
    doc = read(make_docx(p("<w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:cr/></w:r>")))
    assert paragraphs(doc) == ["第一行", "第二行"]


def test_hidden_text_is_not_read_and_said_so() -> None:
    doc = read(
        make_docx(
            p(
                r("看得见"),
                "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>",
                '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>不隐藏</w:t></w:r>',
            )
        )
    )
    assert paragraphs(doc) == ["看得见不隐藏"]
    assert [d.message for d in doc.diagnostics if d.code == "source.hidden-text"] == [
        "2 characters of hidden text (formatted as hidden, w:vanish) were not read, "
        "as Word does not print them"
    ]


def _with_parts(data: bytes, parts: dict[str, str]) -> bytes:
    """*data* with the parts ``word/<kind>.xml`` holding ``parts[kind]``, related to the
    document."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {info.filename: archive.read(info) for info in archive.infolist()}
    rels = files["word/_rels/document.xml.rels"].decode()
    types = files["[Content_Types].xml"].decode()
    for kind, xml in parts.items():
        files[f"word/{kind}.xml"] = xml.encode()
        rels = rels.replace(
            "</Relationships>",
            f'<Relationship Id="rId{kind}" Target="{kind}.xml" Type="http://schemas.'
            f'openxmlformats.org/officeDocument/2006/relationships/{kind}"/></Relationships>',
        )
        types = types.replace(
            "</Types>",
            f'<Override PartName="/word/{kind}.xml" ContentType="application/vnd.'
            f'openxmlformats-officedocument.wordprocessingml.{kind}+xml"/></Types>',
        )
    files["word/_rels/document.xml.rels"] = rels.encode()
    files["[Content_Types].xml"] = types.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def _notes(kind: str, *texts: str) -> str:
    notes = "".join(
        f'<w:{kind} w:id="{n}"><w:p>{r(text)}</w:p></w:{kind}>'
        for n, text in enumerate(texts, start=1)
    )
    return (
        f'<w:{kind}s {_NS}><w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
        f'</w:r></w:p></w:{kind}><w:{kind} w:type="continuationSeparator" w:id="0"><w:p>'
        f"<w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>{notes}</w:{kind}s>"
    )


def test_footnotes_and_endnotes_are_not_read_and_said_so() -> None:
    body = p(r("数据"), '<w:r><w:footnoteReference w:id="1"/></w:r>', r("如下。"))
    body += p(r("附件"), '<w:r><w:endnoteReference w:id="1"/></w:r>')
    data = _with_parts(
        make_docx(body),
        {
            "footnotes": _notes("footnote", "注：截至12月31日。", "来源：统计局"),
            "endnotes": _notes("endnote", "附注"),
        },
    )
    doc = read(data)
    assert paragraphs(doc) == ["数据如下。", "附件"]
    assert [(d.code, d.severity.value, d.message) for d in doc.diagnostics] == [
        (
            "source.notes",
            "info",
            "3 footnotes and endnotes (19 characters) were not read: Word prints notes "
            "apart from the text, at the foot of a page or the end of the document",
        )
    ]
    # Separators alone are no notes; a damaged part is said to be.
    assert codes(read(_with_parts(make_docx(body), {"footnotes": _notes("footnote")}))) == []
    damaged = read(_with_parts(make_docx(body), {"endnotes": "<w:endnotes"}))
    assert paragraphs(damaged) == ["数据如下。", "附件"]
    assert [d.message for d in damaged.diagnostics] == [
        "the endnotes, whose part is damaged, were not read: Word prints notes apart from "
        "the text, at the foot of a page or the end of the document"
    ]


def _toc_line(text: str, page: int, style: str = "") -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return (
        f"<w:p>{properties}{r(text)}<w:r><w:tab/></w:r>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGEREF _Toc1 \\h </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{r(str(page))}'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )


def test_a_table_of_contents_field_is_not_read_and_said_so() -> None:
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
        "toc \\o &quot;1-2&quot; \\h</w:instrText></w:r>"
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    body = (
        p(r("目录"))
        + p(begin, r("一、总体情况"), "<w:r><w:tab/><w:t>1</w:t></w:r>")
        + _toc_line("（一）主动公开", 2)
        + p('<w:r><w:fldChar w:fldCharType="end"/></w:r>', r("正文在后。"))
        + p(r("一、总体情况"))
    )
    doc = read(make_docx(body))
    # The TOC's title is no line of it: it is in no TOC style.
    assert paragraphs(doc) == ["目录", "正文在后。", "一、总体情况"]
    assert [(d.code, d.severity.value, d.message) for d in doc.diagnostics] == [
        (
            "source.table-of-contents",
            "info",
            "a table of contents of 2 lines was not read: its lines repeat the headings, "
            "with their page numbers",
        )
    ]


def test_paragraphs_in_toc_styles_are_not_read() -> None:
    # Chinese Word's ids for "toc 1" and "toc 2" are "10" and "20"; python-docx's
    # template names "TOC Heading" "TOCHeading". A simple TOC field is a table of
    # contents too; other fields' results are read.
    styles = (
        '<w:style w:type="paragraph" w:styleId="10"><w:name w:val="toc 1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="20"><w:name w:val="TOC 2"/></w:style>'
    )
    body = (
        '<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr>'
        + r("目  录")
        + "</w:p>"
        + _toc_line("一、总体情况", 1, style="10")
        + _toc_line("（一）主动公开", 1, style="20")
        + '<w:p><w:pPr><w:pStyle w:val="10"/></w:pPr></w:p>'
        + p(
            '<w:fldSimple w:instr=" TOC \\o "><w:r><w:t>二、主动公开	3</w:t></w:r></w:fldSimple>'
        )
        + p('<w:fldSimple w:instr=" TOCX "><w:r><w:t>读</w:t></w:r></w:fldSimple>')
        + p(r("一、总体情况"))
    )
    data = _with_parts(make_docx(body), {})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = files["word/styles.xml"].decode()
    files["word/styles.xml"] = xml.replace("</w:styles>", styles + "</w:styles>").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    doc = read(out.getvalue())
    assert paragraphs(doc) == ["读", "一、总体情况"]
    assert [d.message for d in doc.diagnostics] == [
        "a table of contents of 4 lines was not read: its lines repeat the headings, "
        "with their page numbers"
    ]


def _box(content: str) -> str:
    return "<w:txbxContent>" + content + "</w:txbxContent>"


def test_text_boxes_are_read_once_after_their_paragraph() -> None:
    cells = "<w:tbl><w:tr>" + tc(p(r("规章"))) + tc(p(r("0"))) + "</w:tr></w:tbl>"
    doc = read(
        make_docx(
            p(
                r("前"),
                "<w:r><w:pict><v:shape><v:textbox>"
                + _box(p(r("文本框")))
                + "</v:textbox></v:shape></w:pict></w:r>",
                '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
                + _box(cells + p())
                + "</w:drawing></mc:Choice><mc:Fallback><w:pict>"
                + _box(cells + p())
                + "</w:pict></mc:Fallback></mc:AlternateContent></w:r>",
                r("后"),
            )
            + p(r("下一段"))
        )
    )
    blocks = [b.raw if isinstance(b, Paragraph) else b.texts for b in read_blocks(doc)]
    assert blocks == ["前后", "文本框", (("规章", "0"),), "下一段"]


def test_a_text_box_in_a_text_box_is_read_once_within_it() -> None:
    # A box drawn inside another box is read with the box holding it, not again; a
    # shape in a text box is read with its own boxes.
    inner = (
        "<w:r><w:pict><v:shape><v:textbox>"
        + _box(p(r("内框")))
        + "</v:textbox></v:shape></w:pict></w:r>"
    )
    doc = read(
        make_docx(
            p(
                r("前"),
                "<w:r><w:pict><v:shape><v:textbox>"
                + _box(p(r("外框"), inner) + p(r("外框二")))
                + "</v:textbox></v:shape></w:pict></w:r>",
            )
        )
    )
    assert paragraphs(doc) == ["前", "外框", "内框", "外框二"]


def test_field_codes_are_not_read_even_holding_fields() -> None:
    begin, separate, end = (
        f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>' for kind in ("begin", "separate", "end")
    )
    code = '<w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>'
    doc = read(
        make_docx(
            p(r("第"), begin, code, begin, code, separate, r("1"), end, separate, r("3"))
            + p(r("页"), end, r("止"))
        )
    )
    assert paragraphs(doc) == ["第3", "页止"]


def test_tracked_changes_are_read_as_accepted_and_said_so() -> None:
    doc = read(
        make_docx(
            p(
                r("保留"),
                '<w:ins w:id="1" w:author="a">' + r("插入") + "</w:ins>",
                '<w:del w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>',
            )
        )
    )
    assert paragraphs(doc) == ["保留插入"]
    assert codes(doc) == ["source.tracked-changes"]


def test_content_controls_and_custom_xml_around_blocks_are_read_through() -> None:
    doc = read(
        make_docx(
            "<w:sdt><w:sdtPr/><w:sdtContent>"
            + p(r("控件里的段落"))
            + "</w:sdtContent></w:sdt>"
            + '<w:customXml w:element="x">'
            + p(r("自定义"))
            + "</w:customXml>"
        )
    )
    assert paragraphs(doc) == ["控件里的段落", "自定义"]


# ---------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------


def test_vertical_and_horizontal_merges_are_expanded_like_the_text_export() -> None:
    span2 = '<w:gridSpan w:val="2"/>'
    doc = read(
        make_docx(
            "<w:tbl>"
            "<w:tr>"
            + tc(p(r("（本列）")), span2 + '<w:vMerge w:val="restart"/>')
            + tc(p(r("申请人情况")), '<w:gridSpan w:val="3"/>')
            + "</w:tr><w:tr>"
            + tc("", span2 + "<w:vMerge/>")
            + tc(p(r("自然人")), '<w:vMerge w:val="restart"/>')
            + tc(p(r("法人")))
            + tc(p(r("总计")), '<w:vMerge w:val="restart"/>')
            + "</w:tr><w:tr>"
            + tc("", span2 + '<w:vMerge w:val="continue"/>')
            + tc("", "<w:vMerge/>")
            + tc(p(r("商业企业")))
            + tc("", "<w:vMerge/>")
            + "</w:tr><w:tr>"
            + tc(p(r("一、本年新收")))
            + tc(p(r("旧式")), '<w:hMerge w:val="restart"/>')
            + tc("", "<w:hMerge/>")
            + tc(p(r("0")))
            + tc(p())
            + "</w:tr>"
            "</w:tbl>"
        )
    )
    assert tables(doc) == [
        [
            ["（本列）", "申请人情况"],
            ["", "自然人", "法人", "总计"],
            ["", "", "商业企业", ""],
            ["一、本年新收", "旧式", "0", ""],
        ]
    ]


def test_the_paragraphs_of_a_cell_are_its_lines() -> None:
    doc = read(
        make_docx(
            "<w:tbl><w:tr>"
            + tc(p() + p(r("结果")) + p() + p(r("维持")) + p() + p())
            + tc(p("<w:r><w:t>本年新</w:t><w:br/><w:t>制作数量</w:t></w:r>"))
            + "</w:tr></w:tbl>"
        )
    )
    assert tables(doc) == [[["结果\n\n维持", "本年新\n制作数量"]]]


def test_rows_and_cells_inside_content_controls_are_read() -> None:
    doc = read(
        make_docx(
            "<w:tbl><w:sdt><w:sdtContent><w:tr>"
            + tc(p(r("规章")))
            + "<w:sdt><w:sdtContent>"
            + tc(p(r("0")))
            + "</w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt></w:tbl>"
        )
    )
    assert tables(doc) == [[["规章", "0"]]]


def test_a_table_holding_tables_is_layout_and_a_one_cell_table_a_frame() -> None:
    inner = "<w:tbl><w:tr>" + tc(p(r("规章"))) + tc(p(r("0"))) + "</w:tr></w:tbl>"
    doc = read(
        make_docx(
            "<w:tbl><w:tr>" + tc(p(r("框里的段落"))) + "</w:tr></w:tbl>"
            "<w:tbl><w:tr>" + tc(p(r("左栏"))) + tc(p(r("说明")) + inner + p()) + "</w:tr></w:tbl>"
        )
    )
    blocks = [b.raw if isinstance(b, Paragraph) else b.texts for b in read_blocks(doc)]
    assert blocks == ["框里的段落", "左栏", "说明", (("规章", "0"),)]
    assert codes(doc) == ["source.layout-table"]


def read_blocks(doc: gipparse.SourceDocument) -> tuple[gipparse.Block, ...]:
    return doc.blocks or ()


def test_spans_point_into_the_text() -> None:
    doc = read(
        make_docx(
            p(r("标题"))
            + "<w:tbl><w:tr>"
            + tc(p(r("本年新")) + p(r("制作数量")))
            + tc(p(r("0")))
            + "</w:tr></w:tbl>"
        )
    )
    assert doc.text.split("\n") == ["标题", "\t本年新", "制作数量", "\t0"]
    (table,) = [b for b in read_blocks(doc) if isinstance(b, gipparse.Table)]
    assert table.format == "docx"
    assert [c.span for c in table.cells()] == [
        gipparse.Span(2, 2, 3, 5),
        gipparse.Span(4, 2, 4, 3),
    ]


# ---------------------------------------------------------------------------------------
# Damage
# ---------------------------------------------------------------------------------------


def _needs_a_newer_zip(data: bytes) -> bytes:
    """*data* with the version needed to extract its first member, in the central
    directory, raised to 6.4: past what :mod:`zipfile` reads."""
    at = data.index(b"PK\x01\x02") + 6
    return data[:at] + bytes([64]) + data[at + 1 :]


def test_an_archive_of_a_zip_version_too_new_is_refused_as_damaged() -> None:
    data = _needs_a_newer_zip(SIMPLE)
    with pytest.raises(NotImplementedError, match=r"zip file version 6\.4"):
        zipfile.ZipFile(io.BytesIO(data))  # what zipfile makes of it
    assert not gipparse_docx.looks_like_docx(data)
    with pytest.raises(SourceError, match="cannot open the DOCX, it is damaged: zip file version"):
        gipparse.loads(data, path="report.docx")
    with pytest.raises(SourceError):  # no name: no reader takes it, and nothing crashes
        gipparse.loads(data)


@given(st.lists(st.tuples(st.integers(0, len(SIMPLE) - 1), st.integers(0, 255)), max_size=8))
def test_a_damaged_document_reads_or_is_refused_with_a_gipparse_error(
    flips: list[tuple[int, int]],
) -> None:
    data = bytearray(SIMPLE)
    for index, value in flips:
        data[index] = value
    with contextlib.suppress(SourceError):  # a crash would be a PluginError
        gipparse.loads(bytes(data), path="report.docx")


@given(st.binary(max_size=200))
def test_any_bytes_named_docx_read_or_are_refused_with_a_gipparse_error(data: bytes) -> None:
    with contextlib.suppress(SourceError):  # a crash would be a PluginError
        gipparse.loads(b"PK\x03\x04" + data, path="report.docx")
