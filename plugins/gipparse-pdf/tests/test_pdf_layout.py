"""gipparse_pdf.layout: the PDF reader's page layout, public for other fixed-layout
readers (gipparse-ofd)."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

layout = pytest.importorskip("gipparse_pdf.layout")

from gipparse.plugin import DocumentBuilder, Severity, SourceError  # noqa: E402


def test_the_module_example_runs() -> None:
    import doctest

    result = doctest.testmod(layout)
    assert result.attempted >= 5
    assert result.failed == 0


def test_importing_the_layout_does_not_load_pdfium() -> None:
    code = (
        "import sys, gipparse_pdf.layout\n"
        "print(*(m in sys.modules for m in ('pypdfium2', 'pypdfium2.raw', 'gipparse_pdf._page')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "False", "False"]


def _line(text: str, top: float, x: float = 72.0) -> list[Any]:
    return [
        layout.Glyph(ch, x + 12 * i, top, x + 12 * (i + 1), top + 12) for i, ch in enumerate(text)
    ]


def test_a_builder_of_another_format_keeps_its_format_and_diagnostics() -> None:
    builder = DocumentBuilder("xyz")
    builder.diagnose(Severity.WARNING, "source.image-pages", "pages 2 are images")
    page = layout.Page(1, 595, 842, _line("一段文字", 300), [], [], 0.0, False)
    document = layout.lay_out([page], "report.xyz", builder=builder)
    assert document.format == "xyz"
    assert document.text == "一段文字"
    assert [(d.code, d.message) for d in document.diagnostics] == [
        ("source.image-pages", "pages 2 are images")
    ]


def test_messages_name_the_document_by_its_format() -> None:
    blank = layout.Page(1, 595, 842, [], [], [], 0.0, False)
    with pytest.raises(SourceError, match="the XYZ holds no text"):
        layout.lay_out([blank], "report.xyz", builder=DocumentBuilder("xyz"))
    with pytest.raises(SourceError, match="the PDF holds no text"):
        layout.lay_out([blank], "report.pdf")


def test_characters_and_lines_placed_at_no_number_are_left_out_with_a_warning() -> None:
    """A reader handing the layout coordinates that are no number (NaN, infinity) or far
    off any page (past a million points) gets them left out and named; the layout failed
    on them with an OverflowError or a ValueError from deep inside."""
    inf, nan = float("inf"), float("nan")
    glyphs = [*_line("一段文字", 300), layout.Glyph("坏", nan, 300, nan, 312)]
    glyphs += [layout.Glyph("远", 72, 2e6, 84, 2e6 + 12), layout.Glyph("无", -inf, 0, 0, 1)]
    segments = [layout.Segment(0, 0, inf, 0), layout.Segment(72, 100, 272, 100)]
    segments += [layout.Segment(-inf, 100, 272, 100), layout.Segment(72, 120, 272, 120, nan)]
    rectangles = [layout.Box(-1e300, 0, 1e300, 1)]
    pages = [
        layout.Page(1, 595, 842, _line("第一页", 300), [], [], 0.0, False),
        layout.Page(2, 595, 842, glyphs, segments, rectangles, 0.0, False),
    ]
    document = layout.lay_out(pages, "report.xyz", builder=DocumentBuilder("xyz"))
    assert document.text.split("\n") == ["第一页一段文字"]
    assert [(d.code, d.severity, d.message) for d in document.diagnostics] == [
        (
            "source.unplaced",
            Severity.WARNING,
            "pages 2 place 7 characters or lines at positions that are not numbers or lie far "
            "off the page (damaged coordinates); they were not read",
        )
    ]
    with pytest.raises(SourceError, match="the PDF holds no text"):
        layout.lay_out([layout.Page(1, 595, 842, glyphs[-3:], [], [], 0.0, False)], "r.pdf")
