from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import gipparse
from gipparse import DocumentBuilder, Paragraph, Severity, SourceDocument, Span, Table


def _slice(text: str, span: Span | None) -> str:
    """The text a span covers (1-based lines, end column exclusive)."""
    assert span is not None
    lines = text.split("\n")
    if span.line == span.end_line:
        return lines[span.line - 1][span.column - 1 : span.end_column - 1]
    parts = [lines[span.line - 1][span.column - 1 :]]
    parts.extend(lines[span.line : span.end_line - 1])
    parts.append(lines[span.end_line - 1][: span.end_column - 1])
    return "\n".join(parts)


def _covered_lines(doc: SourceDocument) -> set[int]:
    covered: set[int] = set()
    for block in doc.blocks or ():
        assert block.span is not None
        covered.update(range(block.span.line, block.span.end_line + 1))
    return covered


def test_paragraphs_are_one_per_line_and_blank_lines_are_skipped() -> None:
    builder = DocumentBuilder("html")
    added = builder.paragraph("一、总体情况\r\n\n \u3000\r（一）组织\t领导\n\t\t59\t830")
    assert [p.raw for p in added] == ["一、总体情况", "（一）组织\t领导", "  59\t830"]
    doc = builder.build()
    assert doc.text == "一、总体情况\n（一）组织\t领导\n  59\t830"
    assert [p.span for p in added] == [Span(1, 1, 1, 7), Span(2, 1, 2, 9), Span(3, 1, 3, 9)]


def test_table_is_laid_out_in_the_tab_layout_with_spans() -> None:
    builder = DocumentBuilder("docx", encoding=None)
    builder.paragraph("标题")
    table = builder.table([["信息内容", "本年新\n制作数量"], [], ["", "0"]])
    assert table is not None
    assert table.format == "docx"
    assert table.texts == (("信息内容", "本年新制作数量"), ("", "0"))
    doc = builder.build()
    assert doc.format == "docx"
    assert doc.text.split("\n") == ["标题", "\t信息内容", "\t本年新", "制作数量", "", "\t", "\t0"]
    continued = DocumentBuilder("docx").table([["\t甲\t乙\n\t丙\t丁", "x"]])
    assert continued is not None
    assert continued.rows[0].cells[0].raw == "\t甲\t乙\n 丙\t丁"
    assert table.span == Span(2, 1, 7, 3)
    assert [c.span for c in table.cells()] == [
        Span(2, 2, 2, 6),
        Span(3, 2, 4, 5),
        Span(6, 2, 6, 2),
        Span(7, 2, 7, 3),
    ]
    assert [r.span for r in table.rows] == [Span(2, 1, 4, 5), Span(6, 1, 7, 3)]


def test_a_table_without_cells_adds_nothing() -> None:
    builder = DocumentBuilder("html")
    assert builder.table([[], []]) is None
    assert builder.build().blocks == ()


def test_diagnostics_take_the_span_of_their_node_and_reach_the_report() -> None:
    class Reader:
        @gipparse.hookimpl
        def gipparse_read_source(self, path: str | None, data: bytes) -> SourceDocument | None:
            if path is None or not path.endswith(".fake"):
                return None
            builder = DocumentBuilder("fake")
            (paragraph,) = builder.paragraph(data.decode())
            builder.diagnose(Severity.INFO, "source.fake", "made up", paragraph)
            return builder.build()

    report = gipparse.loads(b"just a line", path="x.fake", plugins=[Reader()])
    assert report.paragraphs == (Paragraph("just a line"),)
    found = [d for d in report.diagnostics if d.code == "source.fake"]
    assert [(d.severity, d.span) for d in found] == [(Severity.INFO, Span(1, 1, 1, 12))]


_cell_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12).filter(
    lambda s: "\r" not in s
)
_rows = st.lists(st.lists(_cell_text, max_size=5), max_size=6)
_items = st.lists(st.one_of(_cell_text.map(lambda s: ("p", s)), _rows.map(lambda r: ("t", r))))


@given(_items)
def test_every_node_points_at_its_text_and_every_line_belongs_to_a_block(
    items: list[tuple[str, object]],
) -> None:
    builder = DocumentBuilder("html")
    for kind, value in items:
        if kind == "p":
            assert isinstance(value, str)
            builder.paragraph(value)
        else:
            assert isinstance(value, list)
            builder.table(value)
    doc = builder.build()
    assert doc.blocks is not None
    for block in doc.blocks:
        if isinstance(block, Table):
            for cell in block.cells():
                assert _slice(doc.text, cell.span) == cell.raw
            # The lines of a table are exactly what the tab format renders for it.
            assert _slice(doc.text, block.span) == gipparse.render_table(block, "tab")
        else:
            assert "\n" not in block.raw
            assert _slice(doc.text, block.span) == block.raw
    if doc.text:
        assert _covered_lines(doc) == set(range(1, doc.text.count("\n") + 2))
