"""The plugin as users meet it: installed, found through its entry point, or absent."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import gipparse
from gipparse import SourceError

gipparse_docx = pytest.importorskip("gipparse_docx")
docx = pytest.importorskip("docx")


@pytest.fixture
def document(tmp_path: Path) -> Path:
    word = docx.Document()
    word.add_paragraph("一、总体情况")
    word.add_paragraph("正文。")
    word.add_heading("二、主动公开政府信息情况", level=2)
    table = word.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "信息内容"
    table.cell(0, 1).text = "本年新"
    table.cell(0, 1).add_paragraph("制作数量")
    table.cell(1, 0).text = "规章"
    table.cell(1, 1).text = "0"
    out = io.BytesIO()
    word.save(out)
    path = tmp_path / "report.docx"
    path.write_bytes(out.getvalue())
    return path


def test_the_plugin_is_registered_through_its_entry_point() -> None:
    manager = gipparse.create_plugin_manager()
    assert manager.pluggy.get_plugin("docx") is gipparse_docx.plugin
    assert dict(manager.plugins())["docx"] == [
        "gipparse_read_source",
        "gipparse_register_table_formats",
        "gipparse_source_suffixes",
    ]
    assert ".docx" in manager.source_suffixes()
    assert manager.table_format("docx") is gipparse_docx.plugin.table_format


def test_importing_the_plugin_does_not_import_python_docx() -> None:
    code = "import sys, gipparse_docx; print('docx' in sys.modules, 'lxml' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "False"]


def test_load_reads_a_document_through_the_entry_point(document: Path) -> None:
    report = gipparse.load(document)
    assert [s.kind for s in report.sections] == ["overview", "active_disclosure"]
    (table,) = report.tables
    assert table.format == "docx"
    assert table.texts == (("信息内容", "本年新制作数量"), ("规章", "0"))
    assert report.metadata.script == "hans"


def test_without_the_plugin_the_text_reader_refuses_a_document_naming_the_plugin(
    document: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIPPARSE_DISABLE_PLUGIN_AUTOLOAD", "1")
    manager = gipparse.create_plugin_manager()
    assert "docx" not in dict(manager.plugins())
    with pytest.raises(SourceError, match="install the gipparse-docx plugin"):
        manager.read_source(str(document), document.read_bytes())


def test_load_without_autoloaded_plugins_refuses_a_document_naming_the_plugin(
    document: Path,
) -> None:
    env = {**os.environ, "GIPPARSE_DISABLE_PLUGIN_AUTOLOAD": "1"}
    code = (
        "import sys, gipparse\n"
        "try:\n"
        "    gipparse.load(sys.argv[1])\n"
        "except gipparse.SourceError as exc:\n"
        "    print(exc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(document)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "looks like a DOCX (Word) document" in out.stdout
    assert "install the gipparse-docx plugin" in out.stdout


def test_tables_render_as_they_stand_in_the_source(document: Path) -> None:
    report = gipparse.load(document)
    (table,) = report.tables
    assert table.span is not None
    lines = report.source.split("\n")[table.span.line - 1 : table.span.end_line]
    assert gipparse.render_table(table) == "\n".join(lines)


def test_a_rendered_document_loads_back_as_the_same_text_report(
    seeds: dict[str, Any], writer: Any
) -> None:
    for seed in seeds.values():
        data = writer.document(seed, writer.styles["word"])
        report = gipparse.loads(data, path="report.docx")
        again = gipparse.loads(gipparse.render_report(report))
        assert writer.support.outline(again) == writer.support.outline(report), seed.name
