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
