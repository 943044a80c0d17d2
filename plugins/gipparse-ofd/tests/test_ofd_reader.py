"""The OFD reader on small documents: units, transforms, paths; damaged and hostile
archives, each refused with a :class:`~gipparse.SourceError` within bounded work."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gipparse
from gipparse import SourceError

gipparse_ofd = pytest.importorskip("gipparse_ofd")
_archive = pytest.importorskip("gipparse_ofd._archive")
_reader = pytest.importorskip("gipparse_ofd._reader")

_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
_OFD_XML = (
    f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {_NS} Version="1.1" DocType="OFD">'
    "<ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo>"
    "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
)


def document_xml(pages: int = 1) -> str:
    listed = "".join(
        f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(pages)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {_NS}><ofd:CommonData>'
        "<ofd:MaxUnitID>99</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297"
        f"</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>{listed}</ofd:Pages>"
        "</ofd:Document>"
    )


def page_xml(units: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {_NS}><ofd:Content>'
        f'<ofd:Layer ID="9">{units}</ofd:Layer></ofd:Content></ofd:Page>'
    )


def make_ofd(*pages: str, parts: dict[str, str | bytes] | None = None) -> bytes:
    """An OFD of pages holding these units (and extra or replacing *parts*)."""
    members: dict[str, str | bytes] = {
        "OFD.xml": _OFD_XML,
        "Doc_0/Document.xml": document_xml(len(pages)),
    }
    for i, units in enumerate(pages):
        members[f"Doc_0/Pages/Page_{i}/Content.xml"] = page_xml(units)
    members.update(parts or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def text(x: float, y: float, content: str, size: float = 4.0, extra: str = "") -> str:
    """A TextObject whose text starts at (x, y - 0.8 size), one character per *size*."""
    n = len(content)
    delta = f' DeltaX="g {n - 1} {size:g}"' if n > 1 else ""
    return (
        f'<ofd:TextObject ID="1" Boundary="{x:g} {y:g} {n * size:g} {size * 1.2:g}" '
        f'Font="1" Size="{size:g}"{extra}><ofd:TextCode X="0" Y="{0.8 * size:g}"{delta}>'
        f"{content}</ofd:TextCode></ofd:TextObject>"
    )


def box(x0: float, y0: float, x1: float, y1: float) -> str:
    return (
        f'<ofd:PathObject ID="2" Boundary="{x0:g} {y0:g} {x1 - x0:g} {y1 - y0:g}">'
        f"<ofd:AbbreviatedData>M 0 0 L {x1 - x0:g} 0 L {x1 - x0:g} {y1 - y0:g} "
        f"L 0 {y1 - y0:g} C</ofd:AbbreviatedData></ofd:PathObject>"
    )


def table_units() -> str:
    """A 2×3 table whose first cell spans both rows: 合并 | 申请 | 总计 / (merged) | 3 | 3."""
    return "".join(
        [
            box(20, 40, 60, 60),
            box(60, 40, 100, 50),
            box(100, 40, 140, 50),
            box(60, 50, 100, 60),
            box(100, 50, 140, 60),
            text(22, 42, "合并"),
            text(62, 42, "申请"),
            text(102, 42, "总计"),
            text(62, 52, "3"),
            text(102, 52, "3"),
        ]
    )


SIMPLE = make_ofd(text(20, 20, "一、总体情况") + table_units() + text(20, 80, "正文。"))


def read(data: bytes, path: str | None = "report.ofd") -> gipparse.SourceDocument:
    doc = gipparse_ofd.plugin.gipparse_read_source(path=path, data=data)
    assert doc is not None
    return doc


# -- what is read -----------------------------------------------------------------------


def test_prose_and_a_ruled_table_with_a_merged_cell() -> None:
    doc = read(SIMPLE)
    assert doc.format == "ofd"
    assert doc.text.split("\n")[0] == "一、总体情况"
    (table,) = [b for b in doc.blocks or () if isinstance(b, gipparse.Table)]
    assert table.format == "ofd"
    assert table.texts == (("合并", "申请", "总计"), ("", "3", "3"))
    assert doc.text.split("\n")[-1] == "正文。"


def test_a_transform_places_the_unit() -> None:
    # Drawn at twice the size in the unit's own space, scaled back by the CTM; and
    # shifted by the CTM's translation: the table reads as before.
    units = table_units().replace(
        'Boundary="62 52 4 4.8" Font="1" Size="4">',
        'Boundary="50 40 4 4.8" Font="1" Size="8" CTM="0.5 0 0 0.5 12 12">',
    )
    assert units != table_units()
    doc = read(make_ofd(units))
    (table,) = [b for b in doc.blocks or () if isinstance(b, gipparse.Table)]
    assert table.texts == (("合并", "申请", "总计"), ("", "3", "3"))
    # Without the CTM the 3 lands in the merged cell's column instead.
    moved = units.replace(' CTM="0.5 0 0 0.5 12 12"', "")
    (table,) = [b for b in read(make_ofd(moved)).blocks or () if isinstance(b, gipparse.Table)]
    assert table.texts != (("合并", "申请", "总计"), ("", "3", "3"))


def test_thin_filled_rectangles_are_rulings_and_page_blocks_are_read_through() -> None:
    def bar(x0: float, y0: float, x1: float, y1: float) -> str:
        return (
            '<ofd:PathObject ID="3" Boundary="0 0 210 297" Stroke="false" Fill="true">'
            f"<ofd:AbbreviatedData>M {x0:g} {y0:g} L {x1:g} {y0:g} L {x1:g} {y1:g} "
            f"L {x0:g} {y1:g} C</ofd:AbbreviatedData></ofd:PathObject>"
        )

    rules = "".join(
        [bar(20, y, 100, y + 0.3) for y in (40, 50, 60)]
        + [bar(x, 40, x + 0.3, 60) for x in (20, 60, 100)]
    )
    cells = text(22, 42, "项目") + text(62, 42, "数量") + text(22, 52, "规章") + text(62, 52, "0")
    units = f'<ofd:PageBlock ID="4"><ofd:PageBlock ID="5">{rules}</ofd:PageBlock>{cells}'
    doc = read(make_ofd(units + "</ofd:PageBlock>"))
    (table,) = [b for b in doc.blocks or () if isinstance(b, gipparse.Table)]
    assert table.texts == (("项目", "数量"), ("规章", "0"))


def test_a_template_page_is_drawn_with_the_page() -> None:
    template = page_xml(text(20, 20, "一、总体情况"))
    document = document_xml().replace(
        "</ofd:PageArea>",
        '</ofd:PageArea><ofd:TemplatePage ID="7" BaseLoc="Tpls/T0.xml"/>',
    )
    page = page_xml(text(20, 40, "正文。")).replace(
        "<ofd:Content>", '<ofd:Template TemplateID="7" ZOrder="Background"/><ofd:Content>'
    )
    data = make_ofd(
        "",
        parts={
            "Doc_0/Tpls/T0.xml": template,
            "Doc_0/Document.xml": document,
            "Doc_0/Pages/Page_0/Content.xml": page,
        },
    )
    assert read(data).text.split("\n") == ["一、总体情况", "正文。"]


def test_delta_lists_and_path_data_are_read_as_the_standard_writes_them() -> None:
    assert _reader._deltas("g 3 2 1.5 g 2 0.5") == [2, 2, 2, 1.5, 0.5, 0.5]
    assert _reader._deltas("1 x 2") == [1]  # damage: what comes before it
    assert _reader._deltas("1 g 1e400 5 2") == [1]  # a count of infinity, or NaN
    assert _reader._deltas("1 g nan 5 2") == [1]
    figures = list(_reader._figures("M 0 0 L 10 0 L 10 5 C M 20 0 B 1 1 2 2 30 0 L 40 0"))
    assert figures == [[(0, 0), (10, 0), (10, 5), (0, 0)], [(30, 0), (40, 0)]]
    assert list(_reader._figures("L 1 2 Z 3 M")) == []


def test_locations_resolve_inside_the_package() -> None:
    assert _archive.resolve("Doc_0/Document.xml", "Pages/Page_0/Content.xml") == (
        "Doc_0/Pages/Page_0/Content.xml"
    )
    assert _archive.resolve("Doc_0/Document.xml", "/Doc_0/Res/a.xml") == "Doc_0/Res/a.xml"
    assert _archive.resolve("Doc_0/Document.xml", "../../../../etc/passwd") == "etc/passwd"


# -- what is not an OFD, and damage --------------------------------------------------------


def test_other_sources_are_left_to_other_readers() -> None:
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("data.csv", "a,b")
    for path, data in [
        (None, plain_zip.getvalue()),
        ("report.txt", "一、总体情况".encode()),
        ("report.ofd", b"%PDF-1.7"),
        ("report.ofd", "一、总体情况".encode()),
    ]:
        assert gipparse_ofd.plugin.gipparse_read_source(path=path, data=data) is None, (path, data)


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ({"OFD.xml": b"<ofd:OFD"}, "OFD.xml is not well-formed XML"),
        ({"OFD.xml": "<Other/>"}, "not <OFD>"),
        ({"OFD.xml": _OFD_XML.replace("Doc_0/Document.xml", " ")}, "names no document"),
        ({"OFD.xml": _OFD_XML.replace("Doc_0/", "../../")}, "has no part Document.xml"),
        ({"Doc_0/Document.xml": document_xml(0)}, "lists no pages"),
        ({"Doc_0/Pages/Page_0/Content.xml": page_xml("")}, "holds no text"),
    ],
)
def test_a_broken_structure_is_refused_by_name(parts: dict[str, str | bytes], message: str) -> None:
    with pytest.raises(SourceError, match=message):
        read(make_ofd(text(20, 20, "一、总体情况"), parts=parts))


def test_a_zip_without_ofd_xml_named_ofd_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(SourceError, match=r"no OFD\.xml: it is not an OFD document"):
        read(out.getvalue())


@pytest.mark.parametrize("cut", [30, len(SIMPLE) // 2, len(SIMPLE) - 10])
def test_a_truncated_document_is_refused_as_damaged(cut: int) -> None:
    with pytest.raises(SourceError, match="damaged"):
        read(SIMPLE[:cut])


def test_an_archive_of_a_zip_version_too_new_is_not_taken_and_is_refused() -> None:
    at = SIMPLE.index(b"PK\x01\x02") + 6  # the version needed to extract the first member
    data = SIMPLE[:at] + bytes([64]) + SIMPLE[at + 1 :]  # 6.4: past what zipfile reads
    with pytest.raises(NotImplementedError, match=r"zip file version 6\.4"):
        zipfile.ZipFile(io.BytesIO(data))
    # Asked whether a source named otherwise (or not named) is an OFD, the reader says no
    # rather than fail; named .ofd, it is refused as damaged.
    assert not gipparse_ofd.looks_like_ofd(data)
    assert not gipparse_ofd.plugin.accepts("report.docx", data)
    with pytest.raises(SourceError, match="damaged"):
        read(data)


@pytest.mark.parametrize(
    ("code", "kept"),
    [
        ('<ofd:TextCode X="0" Y="1e400">', ""),  # infinity
        ('<ofd:TextCode X="0" Y="3.2" DeltaX="nan">', "坏"),  # the first is placed
        ('<ofd:TextCode X="0" Y="3.2" DeltaX="-1e308">', "坏"),  # overflows, in points
    ],
)
def test_text_placed_at_no_number_is_left_out_with_a_warning(code: str, kept: str) -> None:
    """Coordinates that are no number, or overflow to infinity, place a character nowhere:
    it is left out with a warning, and the rest is read. They made the layout fail with
    an OverflowError or a ValueError (a PluginError naming the PDF reader)."""
    bad = text(20, 50, "坏了")
    bad = bad[: bad.index("<ofd:TextCode")] + code + bad[bad.index(">坏了") + 1 :]
    doc = read(make_ofd(text(20, 20, "一、总体情况") + bad + text(20, 80, "正文。")))
    assert doc.text.split("\n") == ["一、总体情况", *([kept] if kept else []), "正文。"]
    (found,) = [d for d in doc.diagnostics if d.code == "source.unplaced"]
    assert found.severity is gipparse.Severity.WARNING
    assert found.message == (
        f"pages 1 place {2 - len(kept)} characters or lines at positions that are not numbers "
        "or lie far off the page (damaged coordinates); they were not read"
    )


@given(st.data())
def test_flipped_bytes_give_a_report_or_a_source_error(data: st.DataObject) -> None:
    damaged = bytearray(SIMPLE)
    for _ in range(data.draw(st.integers(1, 8))):
        damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
    try:
        doc = gipparse_ofd.plugin.gipparse_read_source(path="report.ofd", data=bytes(damaged))
    except SourceError:
        return
    assert doc is None or isinstance(doc, gipparse.SourceDocument)


# -- hostile archives ---------------------------------------------------------------------


def _lie_about_size(data: bytes, name: str, size: int) -> bytes:
    """*data* with the uncompressed size of member *name* in the central directory (what
    zipfile trusts) replaced by *size*."""
    out = bytearray(data)
    at = out.index(b"PK\x01\x02")  # the first central directory entry
    while out[at : at + 4] == b"PK\x01\x02":
        name_length = struct.unpack_from("<H", out, at + 28)[0]
        extra, comment = struct.unpack_from("<HH", out, at + 30)
        if out[at + 46 : at + 46 + name_length].decode() == name:
            struct.pack_into("<I", out, at + 24, size)
            return bytes(out)
        at += 46 + name_length + extra + comment
    raise AssertionError(f"no member {name}")


def _bomb(size: int) -> bytes:
    """An OFD whose page is *size* bytes of XML that compress to almost nothing."""
    padding = b" " * size
    page = page_xml(text(20, 20, "一、总体情况")).encode()
    return make_ofd("", parts={"Doc_0/Pages/Page_0/Content.xml": page[:-10] + padding + page[-10:]})


def test_a_part_that_unpacks_too_large_is_refused_before_it_is_unpacked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_archive, "MAX_PART_SIZE", 1 << 20)
    data = _bomb(8 << 20)
    assert len(data) < 64 << 10  # a ratio over 100
    with pytest.raises(SourceError, match=r"Content\.xml unpacks to more than allowed"):
        read(data)


def test_a_part_lying_about_its_size_is_read_no_further_than_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_archive, "MAX_PART_SIZE", 1 << 20)
    name = "Doc_0/Pages/Page_0/Content.xml"
    small = _lie_about_size(_bomb(8 << 20), name, 1000)
    with pytest.raises(SourceError, match="damaged"):  # the CRC of 1000 bytes fails
        read(small)
    # Claiming to be small enough, but holding more than the limit.
    large = _lie_about_size(_bomb(8 << 20), name, (1 << 20) - 1)
    with pytest.raises(SourceError, match=r"damaged|unpacks to more than allowed"):
        read(large)


def test_all_parts_together_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_archive, "MAX_TOTAL_SIZE", 1 << 20)
    pages = [text(20, 20, "一、总体情况") + " " * (300 << 10)] * 5
    with pytest.raises(SourceError, match="unpacks to more than allowed"):
        read(make_ofd(*pages))


def test_too_many_members_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_archive, "MAX_ENTRIES", 50)
    extra: dict[str, str | bytes] = {f"Doc_0/Res/{i}.png": b"" for i in range(50)}
    with pytest.raises(SourceError, match="holds 53 members, over the maximum of 50"):
        read(make_ofd(text(20, 20, "一、总体情况"), parts=extra))


@pytest.mark.parametrize(
    "prologue",
    [
        # Entity expansion ("billion laughs"): refused before any entity is declared.
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>',
        # An external entity: never fetched.
        '<!DOCTYPE ofd:Document SYSTEM "file:///etc/passwd">',
    ],
)
def test_a_dtd_is_refused(prologue: str) -> None:
    document = document_xml().replace("?>", "?>" + prologue, 1)
    with pytest.raises(SourceError, match=r"document type declaration \(DTD\)"):
        read(make_ofd(text(20, 20, "一、总体情况"), parts={"Doc_0/Document.xml": document}))


def test_deep_nesting_is_refused() -> None:
    deep = '<ofd:PageBlock ID="1">' * 5000 + "</ofd:PageBlock>" * 5000
    with pytest.raises(SourceError, match="nested more than 200 deep"):
        read(make_ofd(deep))


def test_too_many_elements_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_archive, "MAX_ELEMENTS", 1000)
    with pytest.raises(SourceError, match="more than 1,000 elements"):
        read(make_ofd(text(20, 20, "一、总体情况") * 600))


def test_too_many_pages_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_reader, "MAX_PAGES", 3)
    with pytest.raises(SourceError, match="has 4 pages, over the maximum of 3"):
        read(make_ofd(*[text(20, 20, "一、总体情况")] * 4))


def test_an_encrypted_part_is_refused() -> None:
    data = bytearray(SIMPLE)
    # Set the "encrypted" flag of every member, in local and central headers.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset] |= 1
            at = data.find(signature, at + 4)
    with pytest.raises(SourceError, match="encrypted"):
        read(bytes(data))


def test_huge_counts_in_a_page_are_cut_at_their_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_reader, "MAX_SEGMENTS", 100)
    # A repeat count of a billion in DeltaX costs no more than the text it spaces.
    spaced = text(20, 20, "一、总体情况").replace('DeltaX="g 5 4"', 'DeltaX="g 1000000000 4"')
    lines = "".join(box(20, 40 + i, 60, 41 + i) for i in range(60))
    doc = read(make_ofd(spaced + lines))
    assert doc.text.split("\n")[0] == "一、总体情况"
    assert [d.code for d in doc.diagnostics] == ["source.too-many-paths"]


def test_scanned_pages_are_named_and_a_scan_is_refused() -> None:
    scan = '<ofd:ImageObject ID="6" Boundary="0 0 210 297" ResourceID="1" CTM="210 0 0 297 0 0"/>'
    doc = read(make_ofd(text(20, 20, "一、总体情况"), scan))
    assert [(d.code, d.severity.value) for d in doc.diagnostics] == [
        ("source.image-pages", "warning")
    ]
    assert doc.diagnostics[0].message.startswith("pages 2 are images without text")
    with pytest.raises(SourceError, match=r"pages are images \(a scan\) and hold no text"):
        read(make_ofd(scan, scan))


def test_units_that_are_not_visible_are_not_read() -> None:
    hidden = text(20, 30, "隐藏文字", extra=' Visible="false"')
    lines = box(20, 40, 60, 50).replace("<ofd:PathObject ", '<ofd:PathObject Visible="false" ')
    doc = read(make_ofd(text(20, 20, "一、总体情况") + hidden + lines))
    assert doc.text == "一、总体情况"


@pytest.mark.parametrize("label", ["GBK", "gb2312", "GB18030"])
def test_parts_in_gbk_are_read(label: str) -> None:
    page = page_xml(text(20, 20, "一、总体情况") + table_units())
    page = page.replace('encoding="UTF-8"', f'encoding="{label}"').encode("gbk")
    doc = read(make_ofd("", parts={"Doc_0/Pages/Page_0/Content.xml": page}))
    (table,) = [b for b in doc.blocks or () if isinstance(b, gipparse.Table)]
    assert doc.text.split("\n")[0] == "一、总体情况"
    assert table.texts == (("合并", "申请", "总计"), ("", "3", "3"))


def test_a_part_in_an_unknown_or_wrong_encoding_is_refused() -> None:
    page = page_xml(text(20, 20, "一、总体情况"))
    unknown = page.replace('encoding="UTF-8"', 'encoding="x-klingon"')
    with pytest.raises(SourceError, match="declares the unknown encoding 'x-klingon'"):
        read(make_ofd("", parts={"Doc_0/Pages/Page_0/Content.xml": unknown}))
    wrong = page.replace('encoding="UTF-8"', 'encoding="GBK"').encode("utf-8") + b"\xff\xff"
    with pytest.raises(SourceError, match="is not valid GBK"):
        read(make_ofd("", parts={"Doc_0/Pages/Page_0/Content.xml": wrong}))
