"""The plugin as users meet it: installed, found through its entry point, or absent."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import gipparse
from gipparse import SourceError

gipparse_ofd = pytest.importorskip("gipparse_ofd")


@pytest.fixture
def document(seeds: dict[str, Any], writer: Any, tmp_path: Path) -> Path:
    path = tmp_path / "report.ofd"
    path.write_bytes(writer.document(seeds["004"], writer.styles["plain"]))
    return path


def test_the_plugin_is_registered_through_its_entry_point() -> None:
    manager = gipparse.create_plugin_manager()
    assert manager.pluggy.get_plugin("ofd") is gipparse_ofd.plugin
    assert dict(manager.plugins())["ofd"] == [
        "gipparse_read_source",
        "gipparse_register_table_formats",
        "gipparse_source_suffixes",
    ]
    assert ".ofd" in manager.source_suffixes()
    assert manager.table_format("ofd") is gipparse_ofd.plugin.table_format


def test_importing_the_plugin_imports_neither_its_reader_nor_the_pdf_plugin() -> None:
    code = (
        "import sys, gipparse_ofd\n"
        "print(*(m in sys.modules for m in ('gipparse_ofd._reader', 'gipparse_pdf', "
        "'zipfile')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "False", "False"]


def test_load_and_export_read_an_ofd_through_the_entry_point(
    document: Path, seeds: dict[str, Any]
) -> None:
    report = gipparse.load(document)
    assert report.statistics is not None
    assert report.statistics.to_flat() == seeds["004"].report.statistics.to_flat()
    # Folders are searched for .ofd files.
    done = subprocess.run(
        [sys.executable, "-m", "gipparse", "export", "-f", "jsonl", str(document.parent)],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    (record,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert record["path"] == str(document)
    assert (
        record["stats"]["applications.new.total"]
        == report.statistics.to_flat()["applications.new.total"]
    )


def test_content_decides_whatever_the_name(document: Path) -> None:
    data = document.read_bytes()
    for name in ("report.zip", "report.txt", None):
        report = gipparse.loads(data, path=name)
        assert [t.format for t in report.tables] == ["ofd", "ofd", "ofd"]


def test_without_the_plugin_the_text_reader_names_it(document: Path) -> None:
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
    ).stdout
    assert "this looks like an OFD document (GB/T 33190)" in out
    assert "install the gipparse-ofd plugin to read it" in out


def test_gipparse_plugins_lists_ofd_as_read_now() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gipparse", "plugins"], capture_output=True, text=True, check=True
    )
    read_now = done.stdout.split("formats read now:\n")[1].split("formats not read:")[0]
    assert "    ofd: .ofd (gipparse-ofd)\n" in read_now


def test_a_non_ofd_under_the_name_is_refused_by_the_text_reader(tmp_path: Path) -> None:
    path = tmp_path / "report.ofd"
    path.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(SourceError, match="binary data"):
        gipparse.load(path)


def test_tables_render_as_they_stand_in_the_source(document: Path) -> None:
    report = gipparse.load(document)
    for table in report.tables:
        assert table.span is not None
        lines = report.source.split("\n")[table.span.line - 1 : table.span.end_line]
        assert gipparse.render_table(table) == "\n".join(lines)
