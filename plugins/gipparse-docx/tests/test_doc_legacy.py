"""Legacy Word documents (.doc, .wps) and RTF, read through LibreOffice.

The seed reports are written as DOCX (see ``conftest.py``), then as Word 97 (``.doc``) and
RTF by LibreOffice; each must read as the same report as its text. A ``.wps`` file here is
a Word 97 document written by LibreOffice under that name: WPS Office saves its ``.wps``
documents in the same OLE2 Word format, but no file written by WPS Office itself is
tested. The tests that need LibreOffice are skipped where it is not installed; those of the
conversion's safety run a stand-in ``soffice`` script (POSIX shells only).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import gipparse
from gipparse import SourceError

gipparse_docx = pytest.importorskip("gipparse_docx")
legacy = pytest.importorskip("gipparse_docx.legacy")

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _cells(report: gipparse.Report) -> list[list[list[str]]]:
    return [[[c.raw for c in r.cells] for r in t.rows] for t in report.tables]


def _published(cells: list[list[list[str]]]) -> list[list[list[str]]]:
    """*cells* as the .doc and RTF files LibreOffice writes hold them: LibreOffice drops
    whitespace at the end of a line (the NBSP after some of the seeds' zeros) when it
    writes them, so the files hold none."""
    return [
        [["\n".join(line.rstrip() for line in cell.split("\n")) for cell in row] for row in t]
        for t in cells
    ]


def _statistics(report: gipparse.Report) -> dict[str, Any] | None:
    return None if report.statistics is None else report.statistics.to_flat()


def _report_codes(report: gipparse.Report) -> Counter[tuple[str, str]]:
    return Counter(
        (d.code, d.severity.value)
        for d in report.diagnostics
        if not d.code.startswith(("tab.", "pipe.", "source."))
    )


@pytest.fixture(scope="module")
def legacy_reports(legacy_files: dict[str, Path], tmp_path_factory: Any) -> Any:
    """``legacy_reports(file name)``: that file loaded (once) with the installed plugins."""
    cache: dict[str, gipparse.Report] = {}

    def load(name: str) -> gipparse.Report:
        if name not in cache:
            cache[name] = gipparse.load(legacy_files[name])
        return cache[name]

    return load


def test_a_doc_written_from_a_seed_reads_as_the_text_report(
    seed_name: str, seeds: dict[str, Any], legacy_reports: Any, support: Any
) -> None:
    text = seeds[seed_name].report
    report = legacy_reports(f"{seed_name}.doc")
    assert support.outline(report) == support.outline(text)
    # The cells as written, merges as empty cells: the exact grid of every table.
    assert _cells(report) == _published(_cells(text))
    assert report.metadata == text.metadata
    assert _statistics(report) == _statistics(text)
    assert report.valid == text.valid
    assert _report_codes(report) == _report_codes(text)
    converted = [d for d in report.diagnostics if d.code == "source.converted"]
    assert [d.severity for d in converted] == [gipparse.Severity.INFO]
    support.check_spans(report)


def test_a_wps_file_reads_like_the_doc(
    legacy_files: dict[str, Path], legacy_reports: Any, tmp_path: Path
) -> None:
    seed_name = "001"  # the Traditional-script one
    wps = tmp_path / "report.wps"
    shutil.copyfile(legacy_files[f"{seed_name}.doc"], wps)
    report = gipparse.load(wps)
    doc = legacy_reports(f"{seed_name}.doc")
    assert _cells(report) == _cells(doc)
    assert _statistics(report) == _statistics(doc)
    assert report.statistics is not None


@pytest.mark.parametrize("name", ["report.bin", "report.txt", "report.docx", None])
def test_a_word_97_document_is_recognised_by_its_content(
    name: str | None, legacy_files: dict[str, Path], legacy_reports: Any
) -> None:
    data = legacy_files["004.doc"].read_bytes()
    report = gipparse.loads(data, path=name)
    assert _statistics(report) == _statistics(legacy_reports("004.doc"))


def test_rtf_written_from_a_seed_reads_as_the_text_report(
    seeds: dict[str, Any], legacy_reports: Any, legacy_files: dict[str, Path], tmp_path: Path
) -> None:
    text = seeds["002"].report
    report = legacy_reports("002.rtf")
    assert _cells(report) == _published(_cells(text))
    assert _statistics(report) == _statistics(text)
    # Sites publish RTF under a .doc name; the content decides.
    as_doc = tmp_path / "002.doc"
    shutil.copyfile(legacy_files["002.rtf"], as_doc)
    assert _cells(gipparse.load(as_doc)) == _cells(report)


def test_a_damaged_doc_is_refused_by_name(legacy_files: dict[str, Path], tmp_path: Path) -> None:
    data = legacy_files["000.doc"].read_bytes()
    cut = tmp_path / "cut.doc"
    cut.write_bytes(data[:1024])  # the OLE2 header and little else
    with pytest.raises(SourceError, match=r"cut\.doc: LibreOffice could not convert"):
        gipparse.load(cut)
    junk = tmp_path / "junk.doc"
    junk.write_bytes(_OLE_MAGIC + os.urandom(4096))
    # Named as what it claims to be: LibreOffice would import it as plain text otherwise.
    with pytest.raises(SourceError, match=r"could not convert.*source file could not be loaded"):
        gipparse.load(junk)


def test_the_users_file_is_read_not_touched(legacy_files: dict[str, Path], tmp_path: Path) -> None:
    doc = tmp_path / "report.doc"
    shutil.copyfile(legacy_files["000.doc"], doc)
    before = doc.read_bytes(), doc.stat().st_mtime_ns
    gipparse.load(doc)
    assert (doc.read_bytes(), doc.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.doc"]


# -- without LibreOffice, and with one that misbehaves ----------------------------------


def _doc_bytes() -> bytes:
    """Not a real document: what the plugin claims before it runs anything."""
    return _OLE_MAGIC + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(64)


def test_without_libreoffice_the_refusal_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("GIPPARSE_SOFFICE", raising=False)
    monkeypatch.setattr("gipparse_docx._convert._USUAL_PLACES", ())
    with pytest.raises(SourceError) as info:
        gipparse.loads(_doc_bytes(), path="report.doc")
    message = str(info.value)
    assert message.startswith("report.doc: this is a legacy Word document (.doc/.wps); ")
    assert "LibreOffice (soffice) was not found" in message
    assert "apt install libreoffice-writer-nogui" in message
    monkeypatch.setenv("GIPPARSE_SOFFICE", "no-such-soffice")
    with pytest.raises(SourceError, match="GIPPARSE_SOFFICE='no-such-soffice' names no program"):
        gipparse.loads(_doc_bytes(), path="report.doc")


posix_only = pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a sh script")


@pytest.fixture
def stand_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """``stand_in(body)``: a ``soffice`` that runs the sh *body* (its arguments in ``$@``),
    made the one the plugin runs; temporary folders go to ``tmp_path/tmp``."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))

    def make(body: str) -> Path:
        script = tmp_path / "soffice"
        script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
        script.chmod(0o755)
        monkeypatch.setenv("GIPPARSE_SOFFICE", str(script))
        return temp

    return make


@posix_only
def test_the_conversion_runs_headless_on_a_copy_with_a_private_profile(
    stand_in: Any, tmp_path: Path
) -> None:
    log = tmp_path / "args"
    temp = stand_in(f'printf "%s\\n" "$@" > {log}; pwd >> {log}')
    document = tmp_path / "report.doc"
    document.write_bytes(_doc_bytes())
    with pytest.raises(SourceError, match=r"LibreOffice could not convert .*exit status 0"):
        gipparse.load(document)
    args = log.read_text(encoding="utf-8").splitlines()
    work = Path(args[-1])
    assert work.parent == temp
    assert work.name.startswith("gipparse-soffice-")
    assert args[:5] == ["--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo"]
    assert args[5] == f"-env:UserInstallation={(work / 'profile').as_uri()}"
    assert args[6:9] == ["--infilter=MS Word 97", "--convert-to", "docx:MS Word 2007 XML"]
    assert args[9:] == ["--outdir", str(work / "out"), str(work / "in" / "document.doc"), str(work)]
    assert list(temp.iterdir()) == []  # the folder, profile and copy included, is gone


@posix_only
def test_a_conversion_over_time_is_stopped_with_all_it_started(
    stand_in: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = tmp_path / "pids"
    # A child that outlives its parent unless its process group is killed, like soffice.bin.
    temp = stand_in(f"sleep 60 & echo $! > {pids}; wait")
    monkeypatch.setenv("GIPPARSE_SOFFICE_TIMEOUT", "1")
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"took more than 1 seconds .*GIPPARSE_SOFFICE_TIMEOUT"):
        gipparse.loads(_doc_bytes(), path="report.doc")
    assert time.monotonic() - started < 30
    child = int(pids.read_text())
    for _ in range(50):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"the stand-in's child {child} is still running")
    assert list(temp.iterdir()) == []


@pytest.mark.parametrize("limit", ["soon", "0", "-1", "nan", "inf"])
def test_a_bad_time_limit_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, limit: str) -> None:
    """Infinity too: it made the wait fail with an OverflowError out of the selectors
    module (a PluginError naming it)."""
    monkeypatch.setenv("GIPPARSE_SOFFICE", sys.executable)  # found; never run
    monkeypatch.setenv("GIPPARSE_SOFFICE_TIMEOUT", limit)
    with pytest.raises(SourceError, match=f"GIPPARSE_SOFFICE_TIMEOUT='{limit}' is not a positive"):
        gipparse.loads(_doc_bytes(), path="report.doc")


@posix_only
@pytest.mark.parametrize("limit", ["1e8", "1e20"])
def test_a_time_limit_too_long_to_wait_for_is_no_limit(
    stand_in: Any, monkeypatch: pytest.MonkeyPatch, limit: str
) -> None:
    """Waiting that long overflowed the wait's clock: an OverflowError out of the
    selectors module (a PluginError naming it) instead of the conversion's outcome."""
    from gipparse_docx import _convert

    stand_in("exit 0")  # converts nothing
    monkeypatch.setenv("GIPPARSE_SOFFICE_TIMEOUT", limit)
    assert _convert.timeout() == 1e6
    with pytest.raises(SourceError, match=r"LibreOffice could not convert .*exit status 0"):
        gipparse.loads(_doc_bytes(), path="report.doc")
    monkeypatch.setenv("GIPPARSE_SOFFICE_TIMEOUT", "2.5")
    assert _convert.timeout() == 2.5


def test_sources_that_are_not_legacy_word_are_left_alone() -> None:
    claimed = legacy.legacy_kind
    assert claimed(".doc", _doc_bytes()) == "doc"
    assert claimed("", _doc_bytes()) == "doc"
    assert claimed(".xls", _OLE_MAGIC + bytes(600)) is None  # another OLE2 file
    assert claimed(".doc", _OLE_MAGIC + bytes(600)) == "doc"  # named so: tried
    assert claimed(".rtf", b"{\\rtf1\\ansi}") == "rtf"
    assert claimed(".txt", b"{\\rtf1\\ansi}") is None
    assert claimed(".doc", b"\xe4\xb8\x80") is None
    read = legacy.plugin.gipparse_read_source
    assert read(path="report.txt", data="一、总体情况".encode()) is None


def test_the_plugin_is_registered_beside_the_docx_reader() -> None:
    manager = gipparse.create_plugin_manager()
    assert manager.pluggy.get_plugin("doc") is legacy.plugin
    assert {".doc", ".wps", ".rtf", ".docx"} <= manager.source_suffixes()
    # Its tables render as the tab layout, like the DOCX reader's.
    assert manager.table_format("doc").name == "doc"


def test_importing_the_plugin_starts_and_imports_nothing_heavy() -> None:
    code = (
        "import sys, gipparse_docx.legacy\n"
        "print(*(m in sys.modules for m in ('subprocess', 'tempfile', 'docx')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "False", "False"]


def test_gipparse_plugins_says_whether_libreoffice_was_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from gipparse.plugin import SourceFormat
    from gipparse.source.formats import source_formats

    def legacy_format() -> SourceFormat:
        (found,) = [
            f for f in source_formats(gipparse.create_plugin_manager()) if ".doc" in f.suffixes
        ]
        return found

    monkeypatch.setenv("GIPPARSE_SOFFICE", sys.executable)  # a program that exists
    found = legacy_format()
    assert (found.plugin, found.suffixes, found.readable) == (
        "gipparse-docx",
        (".doc", ".wps", ".rtf"),
        True,
    )
    monkeypatch.setenv("GIPPARSE_SOFFICE", "no-such-soffice")
    found = legacy_format()
    assert not found.readable
    assert found.missing is not None
    assert found.missing.startswith("LibreOffice (soffice), which was not found: install")
    assert "apt install libreoffice-writer-nogui" in found.missing


def test_the_word_stream_name_is_written_as_utf16le() -> None:
    import gipparse_docx
    import gipparse_docx.legacy

    expected = "WordDocument".encode("utf-16-le")
    assert expected == gipparse_docx._WORD_STREAM
    assert expected == gipparse_docx.legacy._WORD_STREAM
