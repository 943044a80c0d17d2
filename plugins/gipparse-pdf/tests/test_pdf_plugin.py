"""The plugin as users meet it: installed, found through its entry point, or absent; and
a folder of PDFs exported like any other input."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import gipparse
from gipparse import SourceError

gipparse_pdf = pytest.importorskip("gipparse_pdf")

REAL = Path(__file__).parent / "real"
NAMES = ("hongze-2023", "hongze-2024", "huaian-2024")


def test_the_plugin_is_registered_through_its_entry_point() -> None:
    manager = gipparse.create_plugin_manager()
    assert manager.pluggy.get_plugin("pdf") is gipparse_pdf.plugin
    assert dict(manager.plugins())["pdf"] == [
        "gipparse_read_source",
        "gipparse_register_table_formats",
        "gipparse_source_suffixes",
    ]
    assert ".pdf" in manager.source_suffixes()
    assert manager.table_format("pdf") is gipparse_pdf.plugin.table_format


def test_importing_the_plugin_does_not_import_pypdfium2() -> None:
    code = "import sys, gipparse_pdf; print('pypdfium2' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False"]


def test_a_pdf_is_claimed_by_its_bytes_not_its_name() -> None:
    data = (REAL / "hongze-2024.pdf").read_bytes()
    report = gipparse.loads(data, path="download.bin")
    assert report.metadata.year == 2024
    assert gipparse_pdf.plugin.gipparse_read_source("report.pdf", b"not a pdf") is None


def test_without_the_plugin_the_text_reader_refuses_a_pdf_naming_the_plugin(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GIPPARSE_DISABLE_PLUGIN_AUTOLOAD", "1")
    manager = gipparse.create_plugin_manager()
    assert "pdf" not in dict(manager.plugins())
    path = REAL / "huaian-2024.pdf"
    with pytest.raises(SourceError, match="install the gipparse-pdf plugin") as info:
        manager.read_source(str(path), path.read_bytes())
    assert "pdftotext" not in str(info.value)


def test_tables_render_as_they_stand_in_the_source() -> None:
    report = gipparse.load(REAL / "huaian-2024.pdf")
    for table in report.tables:
        assert table.span is not None
        lines = report.source.split("\n")[table.span.line - 1 : table.span.end_line]
        assert gipparse.render_table(table) == "\n".join(lines)


def test_export_reads_a_folder_of_pdfs_with_jobs(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in NAMES:
        shutil.copy(REAL / f"{name}.pdf", folder)
    out = tmp_path / "out.csv"
    subprocess.run(
        [sys.executable, "-m", "gipparse", "export", str(folder), "-o", str(out), "--jobs", "2"],
        check=True,
        capture_output=True,
        env={k: v for k, v in os.environ.items() if k != "GIPPARSE_DISABLE_PLUGIN_AUTOLOAD"},
    )
    with out.open(encoding="utf-8-sig") as f:
        rows = {Path(row["path"]).stem: row for row in csv.DictReader(f)}
    assert sorted(rows) == sorted(NAMES)
    assert rows["huaian-2024"]["applications.new.total"] == "3119"
    assert rows["hongze-2023"]["active.licensing.decisions"] == "550"
    assert rows["hongze-2024"]["appeals.litigation_after_review.total"] == "3"


def test_the_core_registry_of_readers_names_this_plugin_and_its_suffixes() -> None:
    from importlib.metadata import distribution

    from gipparse.source.foreign import READERS

    reader = READERS[gipparse_pdf.plugin.name]
    assert reader.suffixes == gipparse_pdf.plugin.suffixes
    assert gipparse_pdf.plugin.distribution == reader.distribution == "gipparse-pdf"
    entry_points = distribution(reader.distribution).entry_points
    groups = {ep.group: ep.value for ep in entry_points if ep.group.startswith("gipparse")}
    assert groups == {"gipparse.readers": "gipparse_pdf:plugin"}
