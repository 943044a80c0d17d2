"""The plugin as users meet it: installed, found through its entry point, or absent."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import gipparse
from gipparse import SourceError

gipparse_html = pytest.importorskip("gipparse_html")

_PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
    "<p>一、总体情况</p><p>正文。</p><p>二、主动公开政府信息情况</p>"
    "<table><tr><td>信息内容<td>本年新<br>制作数量<tr><td>规章<td>0</table></body></html>"
)


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "report.html"
    path.write_text(_PAGE, encoding="utf-8")
    return path


def test_the_plugin_is_registered_through_its_entry_point() -> None:
    manager = gipparse.create_plugin_manager()
    assert manager.pluggy.get_plugin("html") is gipparse_html.plugin
    assert dict(manager.plugins())["html"] == [
        "gipparse_read_source",
        "gipparse_register_table_formats",
        "gipparse_source_suffixes",
    ]
    assert {".html", ".htm", ".shtml", ".xhtml"} <= manager.source_suffixes()
    assert manager.table_format("html") is gipparse_html.plugin.table_format


def test_the_plugin_names_the_distribution_that_declares_its_entry_point() -> None:
    from importlib.metadata import distribution

    from gipparse.source.formats import source_formats

    declared = distribution(gipparse_html.plugin.distribution).entry_points
    # A reader: loaded when first needed (the gipparse group is loaded by every process).
    groups = {ep.group: ep.value for ep in declared if ep.group.startswith("gipparse")}
    assert groups == {"gipparse.readers": "gipparse_html:plugin"}
    (html,) = [f for f in source_formats(gipparse.create_plugin_manager()) if f.name == "html"]
    assert (html.plugin, html.readable) == ("gipparse-html", True)


def test_load_reads_a_page_through_the_entry_point(page: Path) -> None:
    report = gipparse.load(page)
    assert [s.kind for s in report.sections] == ["overview", "active_disclosure"]
    (table,) = report.tables
    assert table.format == "html"
    assert table.texts == (("信息内容", "本年新制作数量"), ("规章", "0"))


def test_without_the_plugin_the_text_reader_refuses_a_page_naming_the_plugin(
    page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIPPARSE_DISABLE_PLUGIN_AUTOLOAD", "1")
    manager = gipparse.create_plugin_manager()
    assert "html" not in dict(manager.plugins())
    with pytest.raises(SourceError, match="install the gipparse-html plugin"):
        manager.read_source(str(page), page.read_bytes())


def test_load_without_autoloaded_plugins_refuses_a_page_naming_the_plugin(page: Path) -> None:
    env = {**os.environ, "GIPPARSE_DISABLE_PLUGIN_AUTOLOAD": "1"}
    code = (
        "import sys, gipparse\n"
        "try:\n"
        "    gipparse.load(sys.argv[1])\n"
        "except gipparse.SourceError as exc:\n"
        "    print(exc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(page)], env=env, capture_output=True, text=True, check=True
    )
    assert "looks like an HTML page" in out.stdout
    assert "install the gipparse-html plugin" in out.stdout


def test_a_plugin_passed_explicitly_reads_pages_without_autoload(
    page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIPPARSE_DISABLE_PLUGIN_AUTOLOAD", "1")
    report = gipparse.load(page, plugins=[gipparse_html.plugin])
    assert report.tables[0].format == "html"


def test_tables_render_as_they_stand_in_the_source(page: Path) -> None:
    report = gipparse.load(page)
    (table,) = report.tables
    assert table.span is not None
    lines = report.source.split("\n")[table.span.line - 1 : table.span.end_line]
    assert gipparse.render_table(table) == "\n".join(lines)


def test_a_rendered_page_loads_back_as_the_same_text_report(
    seeds: dict[str, Any], publisher: Any, support: Any
) -> None:
    for seed in seeds.values():
        data = publisher.page(seed, publisher.styles["modern-utf8"])
        report = gipparse.loads(data, path="report.html")
        again = gipparse.loads(gipparse.render_report(report))
        assert support.outline(again) == support.outline(report), seed.name
