"""The plugin author's API, ``gipparse.plugin``: a reader written with ``ReaderPlugin``."""

from __future__ import annotations

import pytest

import gipparse
from gipparse.plugin import DocumentBuilder, ReaderPlugin, RenderOnlyFormat, SourceDocument


class SemicolonReader(ReaderPlugin):
    """A toy format: ``.semi`` files, one paragraph or table row per line, cells split at
    ``;``."""

    name = "semi"
    suffixes = (".semi",)

    def sniff(self, data: bytes) -> bool:
        return data.startswith(b"SEMI\n")

    def read(self, data: bytes, path: str | None) -> SourceDocument:
        builder = DocumentBuilder(self.name)
        rows: list[list[str]] = []
        for line in data.decode("utf-8").removeprefix("SEMI\n").splitlines():
            if ";" in line:
                rows.append(line.split(";"))
                continue
            if rows:
                builder.table(rows)
                rows = []
            builder.paragraph(line)
        if rows:
            builder.table(rows)
        return builder.build()


SOURCE = "一、总体情况\n正文。\n二、主动公开政府信息情况\n信息内容;本年新制作数量\n规章;0\n"


def test_a_reader_plugin_reads_its_suffix_and_what_it_sniffs() -> None:
    plugin = SemicolonReader()
    report = gipparse.loads(SOURCE.encode(), path="a.semi", plugins=[plugin])
    (table,) = report.tables
    assert table.format == "semi"
    assert table.texts == (("信息内容", "本年新制作数量"), ("规章", "0"))
    sniffed = gipparse.loads(b"SEMI\n" + SOURCE.encode(), path=None, plugins=[plugin])
    assert sniffed.tables[0].texts == table.texts


def test_a_reader_plugin_leaves_other_sources_to_the_next_reader() -> None:
    plugin = SemicolonReader()
    assert plugin.gipparse_read_source(path="a.txt", data=SOURCE.encode()) is None
    report = gipparse.loads(SOURCE.encode(), path="a.txt", plugins=[plugin])
    assert report.tables == ()  # the text reader: no ``;`` tables in text


def test_a_reader_plugin_names_its_suffixes_and_renders_its_tables() -> None:
    plugin = SemicolonReader()
    manager = gipparse.create_plugin_manager(plugins=[plugin], entry_points=False)
    assert ".semi" in manager.source_suffixes()
    assert manager.table_format("semi") is plugin.table_format
    assert isinstance(plugin.table_format, RenderOnlyFormat)
    assert not plugin.table_format.parses
    report = gipparse.loads(SOURCE.encode(), path="a.semi", plugins=[plugin])
    text = gipparse.render_report(report, plugins=[plugin])
    assert "\t信息内容\n\t本年新制作数量" in text


def test_a_reader_plugin_must_have_a_name() -> None:
    class Nameless(ReaderPlugin):
        pass

    with pytest.raises(TypeError, match=r"must set ReaderPlugin\.name"):
        Nameless()


def test_the_plugin_module_exports_what_plugins_use() -> None:
    import gipparse.plugin as api

    for name in api.__all__:
        assert getattr(api, name) is not None
    assert api.hookimpl is gipparse.hookimpl
    assert api.TableFormat is gipparse.TableFormat
    assert api.Template is gipparse.Template
