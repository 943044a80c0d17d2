"""Readers of the ``gipparse.readers`` entry-point group: loaded only when something needs
them, registered in their place, and refused when they are more than readers."""

from __future__ import annotations

import codecs
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import gipparse
from gipparse import manager as _manager
from gipparse.manager import ENTRY_POINT_GROUP, READER_GROUP, PluginManager

SEED = gipparse.sample_paths()[0]
ROOT = Path(__file__).resolve().parent.parent

# A reader of a made-up format: a header the text reader refuses (a PNG image's), then text.
DEMO_READER = """
from gipparse.plugin import ReaderPlugin, SourceDocument


class DemoReader(ReaderPlugin):
    name = "demo"
    suffixes = (".demo",)
    distribution = "demo-reader"

    def sniff(self, data):
        return data.startswith(HEADER)

    def read(self, data, path):
        return SourceDocument(data[len(HEADER):].decode("utf-8"), "utf-8", "demo")


HEADER = b"\\x89PNG\\r\\n\\x1a\\ndemo\\n"


plugin = DemoReader()
"""

DEMO = b"\x89PNG\r\n\x1a\ndemo\n" + SEED.read_bytes()

PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
    "<p>一、总体情况</p><p>正文。</p><p>二、主动公开政府信息情况</p>"
    "<table><tr><td>信息内容<td>本年新<br>制作数量<tr><td>规章<td>0</table></body></html>"
)

# A page's body alone, saved as text: the text reader reads it, the HTML reader claims it.
FRAGMENT = PAGE.partition("<body>")[2].partition("</body>")[0]

#: The entry points of the reader plugins published with gipparse, as they declare them.
PROJECT_READERS = [
    ("doc", "gipparse_docx.legacy:plugin"),
    ("docx", "gipparse_docx:plugin"),
    ("html", "gipparse_html:plugin"),
    ("ofd", "gipparse_ofd:plugin"),
    ("pdf", "gipparse_pdf:plugin"),
]


def _installed(value: str) -> bool:
    return importlib.util.find_spec(value.partition(":")[0].partition(".")[0]) is not None


INSTALLED_READERS = [(name, value) for name, value in PROJECT_READERS if _installed(value)]


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The entry point value of the demo reader, a module importable from *tmp_path* (and
    forgotten afterwards, so that each test sees whether it is imported)."""
    name = "demo_reader_lazy"
    (tmp_path / f"{name}.py").write_text(DEMO_READER, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop(name, None)
    yield f"{name}:plugin"
    sys.modules.pop(name, None)


def _declare(
    monkeypatch: pytest.MonkeyPatch,
    *,
    eager: list[tuple[str, str]] | None = None,
    readers: list[tuple[str, str]] | None = None,
) -> None:
    """Make the environment declare these entry points, and nothing else."""
    found = {ENTRY_POINT_GROUP: list(eager or ()), READER_GROUP: list(readers or ())}
    monkeypatch.setattr(_manager, "_declared_entry_points", lambda: found)


def _managers(
    monkeypatch: pytest.MonkeyPatch,
    readers: list[tuple[str, str]],
    plugins: tuple[object, ...] = (),
) -> tuple[PluginManager, PluginManager]:
    """A manager with *readers* in the ``gipparse`` group (registered at once, as before
    the readers' group existed) and one with them in the ``gipparse.readers`` group."""
    _declare(monkeypatch, eager=readers)
    eager = gipparse.create_plugin_manager(plugins=plugins, entry_points=True)
    _declare(monkeypatch, readers=readers)
    lazy = gipparse.create_plugin_manager(plugins=plugins, entry_points=True)
    return eager, lazy


def _pending(manager: PluginManager) -> bool:
    return manager._readers is not None


def _load_with(
    manager: PluginManager, monkeypatch: pytest.MonkeyPatch, source: Path | bytes, **kw: Any
) -> gipparse.Report:
    monkeypatch.setattr(_manager, "_default", manager)
    if isinstance(source, bytes):
        return gipparse.loads(source, **kw)
    return gipparse.load(source, **kw)


# -- when readers are loaded -------------------------------------------------------------


def test_a_text_report_is_read_without_loading_the_readers(
    demo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    eager, lazy = _managers(monkeypatch, [("demo", demo)])
    assert _pending(lazy)
    name = demo.partition(":")[0]
    sys.modules.pop(name)
    report = _load_with(lazy, monkeypatch, SEED)
    assert _pending(lazy)
    assert name not in sys.modules
    assert report == _load_with(eager, monkeypatch, SEED)
    # Asking for the formats a text report is parsed with loads nothing either.
    assert "demo" not in [f.name for f in lazy.table_formats()]
    assert _pending(lazy)


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("report.demo", DEMO),  # a suffix the text reader does not read
        (None, DEMO),  # bytes without a name
        ("report.txt", DEMO),  # named as text, refused as an image by the text reader
        ("report.DEMO", DEMO),
    ],
)
def test_a_source_that_is_not_a_text_report_loads_the_readers(
    demo: str, monkeypatch: pytest.MonkeyPatch, path: str | None, data: bytes
) -> None:
    eager, lazy = _managers(monkeypatch, [("demo", demo)])
    expected = _load_with(eager, monkeypatch, data, path=path)
    report = _load_with(lazy, monkeypatch, data, path=path)
    assert not _pending(lazy)
    assert (report, report.source) == (expected, expected.source)
    document = lazy.read_source(path, data)
    assert document == eager.read_source(path, data)
    assert document.format == "demo"
    assert [t.texts for t in report.tables] == [t.texts for t in gipparse.load(SEED).tables]


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(200)),
        ("plain.rpt", "一、总体情况\n正文。\n".encode()),  # any other suffix
        ("utf16.txt", "一、总体情况\n正文。\n".encode("utf-16-le") * 20),
    ],
)
def test_what_no_reader_reads_gives_what_it_gave(
    demo: str, monkeypatch: pytest.MonkeyPatch, path: str, data: bytes
) -> None:
    # Refused as before, or read as text as before, with the readers loaded on the way;
    # refused once (not raised again while the first refusal is handled: a traceback
    # would tell it twice).
    eager, lazy = _managers(monkeypatch, [("demo", demo)])
    try:
        expected: object = _load_with(eager, monkeypatch, data, path=path)
    except gipparse.SourceError as exc:
        expected = (str(exc), type(exc.__context__))
    try:
        found: object = _load_with(lazy, monkeypatch, data, path=path)
    except gipparse.SourceError as exc:
        found = (str(exc), type(exc.__context__))
    assert found == expected
    assert not _pending(lazy)


def test_a_damaged_text_report_does_not_load_the_readers(
    demo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Refused for damage, not as another format: no reader would read it.
    _eager, lazy = _managers(monkeypatch, [("demo", demo)])
    with pytest.raises(gipparse.InputTooLargeError):
        _load_with(lazy, monkeypatch, SEED, max_size=10)
    assert _pending(lazy)


def test_what_needs_every_plugin_loads_the_readers(
    demo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gipparse.source.formats import source_formats

    asks = {
        "source_suffixes": lambda m: ".demo" in m.source_suffixes(),
        "plugins": lambda m: "demo" in dict(m.plugins()),
        "pluggy": lambda m: m.pluggy.get_plugin("demo") is not None,
        "table_format": lambda m: m.table_format("demo").name == "demo",
        "source_formats": lambda m: "demo" in [f.name for f in source_formats(m)],
    }
    for what, ask in asks.items():
        _declare(monkeypatch, readers=[("demo", demo)])
        manager = gipparse.create_plugin_manager(entry_points=True)
        assert _pending(manager)
        assert ask(manager), what
        assert not _pending(manager), what
    # A format no plugin registers is still unknown, after the readers are loaded.
    manager = gipparse.create_plugin_manager(entry_points=True)
    with pytest.raises(gipparse.RenderError, match=r"'nothing'.*demo"):
        manager.table_format("nothing")
    assert not _pending(manager)


def test_what_was_worked_out_before_the_readers_came_is_worked_out_again(
    demo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    eager, lazy = _managers(monkeypatch, [("demo", demo)])
    before = [f.name for f in lazy.table_formats()]
    templates = lazy.templates()
    assert lazy.prose_simplifier() is None
    _load_with(lazy, monkeypatch, SEED)  # the hooks a report calls, called directly
    lazy.read_source("report.demo", DEMO)
    assert [f.name for f in lazy.table_formats()] == [f.name for f in eager.table_formats()]
    assert "demo" in [f.name for f in lazy.table_formats()]
    assert "demo" not in before
    assert lazy.source_suffixes() == eager.source_suffixes()
    # No reader implements these: kept, the same objects.
    assert lazy.templates() is templates
    assert lazy.prose_simplifier() is None
    hook = lazy._pm.hook.gipparse_read_source
    assert lazy._direct(hook) == eager._direct(eager._pm.hook.gipparse_read_source)


def test_folder_walks_find_the_readers_suffixes(
    demo: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from gipparse.cli import main

    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    (folder / "b.demo").write_bytes(DEMO)
    (folder / "c.unknown").write_bytes(b"x")
    _declare(monkeypatch, readers=[("demo", demo)])
    monkeypatch.setattr(_manager, "_default", None)
    assert [Path(r["path"]).name for r in gipparse.export(folder)] == ["a.txt", "b.demo"]
    monkeypatch.setattr(_manager, "_default", None)
    out = tmp_path / "out.jsonl"
    assert main(["export", str(folder), "-f", "jsonl", "-o", str(out), "-q"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [Path(r["path"]).name for r in records] == ["a.txt", "b.demo"]
    assert records[1]["stats"] == records[0]["stats"]
    assert records[1]["meta"] == records[0]["meta"]
    # A file named on the command line needs no walk, and no reader.
    monkeypatch.setattr(_manager, "_default", None)
    assert main(["export", str(folder / "a.txt"), "-o", os.devnull]) == 0
    assert _manager._default is not None
    assert _pending(_manager._default)


# -- where they are registered -----------------------------------------------------------


class _CallPlugin:
    """A plugin of a call that reads and renders too: the readers come before it."""

    @gipparse.hookimpl
    def gipparse_read_source(self, path: str | None, data: bytes) -> None:
        return None

    @gipparse.hookimpl(tryfirst=True)
    def gipparse_source_suffixes(self) -> list[str]:
        return [".call"]

    @gipparse.hookimpl
    def gipparse_register_table_formats(self, register: Any) -> None:
        from gipparse.plugin import RenderOnlyFormat

        register(RenderOnlyFormat("call"))


def _order(manager: PluginManager) -> dict[str, list[str]]:
    pm = manager._pm
    return {
        name: [impl.plugin_name for impl in getattr(pm.hook, name).get_hookimpls()]
        for name in sorted(vars(pm.hook))
        if name.startswith("gipparse_")
    }


@pytest.mark.parametrize("with_call_plugin", [False, True])
def test_the_readers_are_registered_where_they_were(
    demo: str, monkeypatch: pytest.MonkeyPatch, with_call_plugin: bool
) -> None:
    plugins = (_CallPlugin(),) if with_call_plugin else ()
    readers = [*INSTALLED_READERS, ("demo", demo)]
    eager, lazy = _managers(monkeypatch, readers, plugins)
    assert lazy.plugins() == eager.plugins()
    assert _order(lazy) == _order(eager)
    assert [f.name for f in lazy.table_formats()] == [f.name for f in eager.table_formats()]
    names = [name for name, _ in eager.plugins()]
    assert names[6:] == sorted(n for n, _ in readers) + (
        [lazy.pluggy.get_name(plugins[0])] if plugins else []
    )
    if plugins:
        # The plugin of the call is still there, once, and still first of the readers.
        assert lazy.source_suffixes() == eager.source_suffixes()
        # (pluggy lists them in the reverse of the order it calls them in.)
        assert _order(lazy)["gipparse_read_source"][-1] == lazy.pluggy.get_name(plugins[0])


# A plugin of the gipparse group that reads the demo format too (and validates: no reader).
OTHER_READER = """
from gipparse.plugin import SourceDocument, hookimpl


@hookimpl
def gipparse_read_source(path, data):
    if path and path.endswith(".demo"):
        return SourceDocument("一、总体情况\\n", "utf-8", "other")
    return None


@hookimpl
def gipparse_validate(report):
    return []
"""


@pytest.mark.parametrize("with_call_plugin", [False, True])
@pytest.mark.parametrize("other", ["aaa", "dna", "zzz"])
def test_the_readers_come_among_the_plugins_of_the_gipparse_group_by_name(
    demo: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    other: str,
    with_call_plugin: bool,
) -> None:
    # Named before the readers, between them or after them, a plugin of the gipparse group
    # that reads a source a reader reads too is asked before or after it as when both
    # were in the gipparse group: the one whose name comes last first.
    (tmp_path / "other_reader_lazy.py").write_text(OTHER_READER, encoding="utf-8")
    monkeypatch.delitem(sys.modules, "other_reader_lazy", raising=False)
    plugins = (_CallPlugin(),) if with_call_plugin else ()
    readers = [*INSTALLED_READERS, ("demo", demo)]
    others = [(other, "other_reader_lazy")]
    _declare(monkeypatch, eager=readers + others)
    eager = gipparse.create_plugin_manager(plugins=plugins, entry_points=True)
    _declare(monkeypatch, eager=others, readers=readers)
    lazy = gipparse.create_plugin_manager(plugins=plugins, entry_points=True)
    expected = "other" if other > "demo" else "demo"
    assert eager.read_source("a.demo", DEMO).format == expected
    assert lazy.read_source("a.demo", DEMO).format == expected
    assert lazy.plugins() == eager.plugins()
    assert _order(lazy) == _order(eager)
    assert [f.name for f in lazy.table_formats()] == [f.name for f in eager.table_formats()]


def test_a_reader_given_to_a_call_too_is_registered_once(
    demo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _declare(monkeypatch, readers=[("demo", demo)])
    module = importlib.import_module(demo.partition(":")[0])
    manager = gipparse.create_plugin_manager(plugins=[module.plugin], entry_points=True)
    assert manager.read_source("a.demo", DEMO).format == "demo"
    assert [i.plugin for i in manager.pluggy.hook.gipparse_read_source.get_hookimpls()].count(
        module.plugin
    ) == 1


def test_threads_that_need_the_readers_at_once_load_them_once(
    demo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    _declare(monkeypatch, readers=[("demo", demo)])
    call = _CallPlugin()
    manager = gipparse.create_plugin_manager(plugins=[call], entry_points=True)
    start = threading.Barrier(8)
    found: list[object] = []

    def read(path: str, data: bytes) -> None:
        start.wait()
        found.append((path, manager.read_source(path, data).format, manager.table_format("demo")))

    sources = [("a.demo", DEMO), ("a.txt", SEED.read_bytes())] * 4
    threads = [threading.Thread(target=read, args=source) for source in sources]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(f[:2] for f in found) == [("a.demo", "demo")] * 4 + [("a.txt", "text")] * 4
    assert len({id(f[2]) for f in found}) == 1
    names = [name for name, _ in manager.plugins()]
    assert names.count("demo") == 1
    assert names[-2:] == ["demo", manager.pluggy.get_name(call)]


def _loading_readers_at_each_line(
    function: Any, new_manager: Any, action: Any, check: Any
) -> list[int]:
    """Run ``action(manager)`` on a new manager once for each line of *function*, the
    readers loaded (as another thread would load them) when that line is first reached;
    then ``check(manager)``, if it was reached. The lines the readers were loaded at."""
    code = function.__code__
    lines = sorted({line for _, _, line in code.co_lines() if line is not None})
    loaded_at = []
    before = sys.gettrace()
    for line in lines[1:]:  # (the first is the def line)
        manager = new_manager()
        fired: list[int] = []

        sys.settrace(_loading_at(code, line, manager, fired))
        try:
            action(manager)
        finally:
            sys.settrace(before)
        if fired:  # (not a line of a docstring, say, or of a branch not taken)
            loaded_at += fired
            check(manager)
    return loaded_at


def _loading_at(code: Any, line: int, manager: PluginManager, fired: list[int]) -> Any:
    """A trace function that loads the readers of *manager* the first time *line* of
    *code* is reached, and adds it to *fired*."""

    def local(frame: Any, event: str, arg: Any) -> Any:
        if event == "line" and frame.f_lineno == line and not fired:
            fired.append(line)
            manager._load_readers()
        return local

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        return local if frame.f_code is code else None

    return tracer


def test_what_a_hook_call_keeps_while_readers_load_in_another_thread_is_theirs(
    demo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another thread may load the readers at any point of the first call of a hook: the
    # way of calling it that is kept must be that of the implementations it was made from.
    _declare(monkeypatch, readers=[("demo", demo)])
    text = SEED.read_bytes()

    def new() -> PluginManager:
        return gipparse.create_plugin_manager(entry_points=True)

    def check(manager: PluginManager) -> None:
        assert not _pending(manager)
        assert manager.read_source("a.demo", DEMO).format == "demo"

    loaded_at = _loading_readers_at_each_line(
        PluginManager._direct, new, lambda m: m.read_source("a.txt", text), check
    )
    assert len(loaded_at) > 5


@pytest.mark.parametrize("with_call_plugin", [False, True])
def test_table_formats_worked_out_while_readers_load_in_another_thread_are_not_kept(
    demo: str, monkeypatch: pytest.MonkeyPatch, with_call_plugin: bool
) -> None:
    _declare(monkeypatch, readers=[("demo", demo)])
    plugins = [_CallPlugin()] if with_call_plugin else []

    def new() -> PluginManager:
        return gipparse.create_plugin_manager(plugins=plugins, entry_points=True)

    def check(manager: PluginManager) -> None:
        assert not _pending(manager)
        assert "demo" in [f.name for f in manager.table_formats()]
        assert manager.table_format("demo").name == "demo"

    loaded_at = _loading_readers_at_each_line(
        PluginManager.table_formats, new, PluginManager.table_formats, check
    )
    assert len(loaded_at) > 5

    # A reader's format asked for while another thread loads the readers: found.
    def ask(manager: PluginManager) -> None:
        assert manager.table_format("demo").name == "demo"

    loaded_at = _loading_readers_at_each_line(PluginManager.table_format, new, ask, check)
    assert len(loaded_at) > 2


def test_a_path_object_names_a_source_as_its_string_does(
    demo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # loads(path=...) takes a path object too, as the readers (os.path.splitext) do.
    eager, lazy = _managers(monkeypatch, [("demo", demo)])
    for name, data in [("report.txt", SEED.read_bytes()), ("report.demo", DEMO)]:
        expected = _load_with(eager, monkeypatch, data, path=name)
        assert _load_with(eager, monkeypatch, data, path=Path(name)) == expected
        assert _load_with(lazy, monkeypatch, data, path=Path(name)) == expected
        assert lazy.read_source(Path(name), data) == eager.read_source(name, data)  # type: ignore[arg-type]


# -- what a reader may be ----------------------------------------------------------------

NOT_A_READER = {
    "validates": """
        from gipparse.plugin import hookimpl

        @hookimpl
        def gipparse_read_source(path, data):
            return None

        @hookimpl
        def gipparse_validate(report):
            return []
    """,
    "wraps": """
        from gipparse.plugin import hookimpl

        @hookimpl(wrapper=True)
        def gipparse_read_source(path, data):
            return (yield)
    """,
    "parses": """
        from gipparse.plugin import TableFormat, hookimpl

        class Found(TableFormat):
            name = "found"

        @hookimpl
        def gipparse_register_table_formats(register):
            register(Found())
    """,
}


@pytest.mark.parametrize("kind", sorted(NOT_A_READER))
def test_a_plugin_of_the_readers_group_that_is_more_is_refused(
    kind: str, demo: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = f"not_a_reader_{kind}"
    (tmp_path / f"{name}.py").write_text(textwrap.dedent(NOT_A_READER[kind]), encoding="utf-8")
    monkeypatch.delitem(sys.modules, name, raising=False)
    _declare(monkeypatch, readers=[("demo", demo), (kind, name)])
    manager = gipparse.create_plugin_manager(entry_points=True)
    plugins = manager._pm.list_name_plugin()
    report = _load_with(manager, monkeypatch, SEED)  # a text report: nothing is loaded
    for _ in range(2):  # refused each time it is needed, the manager as it was
        with pytest.raises(gipparse.PluginError) as info:
            manager.source_suffixes()
        assert info.value.plugin == kind
        message = str(info.value)
        assert "gipparse.readers" in message
        assert "gipparse_read_source, gipparse_register_table_formats" in message
        assert "in the gipparse entry-point group" in message
        assert manager._pm.list_name_plugin() == plugins
        assert _pending(manager)
    assert {
        "validates": "implements gipparse_validate",
        "wraps": "wraps gipparse_read_source",
        "parses": "registers the table format 'found', which parses text",
    }[kind] in message
    assert _load_with(manager, monkeypatch, SEED) == report
    # The same plugin in the gipparse group is loaded at once, as any plugin.
    _declare(monkeypatch, eager=[(kind, name)])
    assert kind in dict(gipparse.create_plugin_manager(entry_points=True).plugins())


def test_a_reader_that_cannot_be_imported_fails_when_needed(
    demo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _declare(monkeypatch, readers=[("demo", demo), ("gone", "no_such_reader_module")])
    manager = gipparse.create_plugin_manager(entry_points=True)
    assert _load_with(manager, monkeypatch, SEED).valid
    with pytest.raises(gipparse.PluginError, match="no_such_reader_module") as info:
        manager.read_source("a.demo", DEMO)
    assert info.value.plugin == "gone"
    assert "demo" not in dict(manager._pm.list_name_plugin())


# -- when readers are not loaded at all --------------------------------------------------


def test_autoload_off_leaves_the_readers_out_unless_asked(
    demo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _declare(monkeypatch, readers=[("demo", demo)])
    monkeypatch.setenv("GIPPARSE_DISABLE_PLUGIN_AUTOLOAD", "1")
    manager = gipparse.create_plugin_manager()
    assert not _pending(manager)
    assert "demo" not in dict(manager.plugins())
    with pytest.raises(gipparse.SourceError, match="PNG image"):
        manager.read_source("a.demo", DEMO)
    assert ".demo" not in manager.source_suffixes()
    assert gipparse.create_plugin_manager(entry_points=False)._readers is None
    asked = gipparse.create_plugin_manager(entry_points=True)
    assert _pending(asked)
    assert asked.read_source("a.demo", DEMO).format == "demo"


# -- in a process of its own: the installed readers ---------------------------------------


def _reader_site(folder: Path, group: str) -> Path:
    """A folder to put first on the path, declaring the demo reader and the installed
    project readers in *group*: the same distributions as the installed ones, which it
    shadows, whatever group those declare."""
    from importlib.metadata import PackageNotFoundError, distribution

    site = folder / group
    site.mkdir()
    (site / "demo_reader_lazy.py").write_text(DEMO_READER, encoding="utf-8")
    declared = {"demo-reader": [("demo", "demo_reader_lazy:plugin")]}
    for name, value in INSTALLED_READERS:
        module = value.partition(":")[0].partition(".")[0]
        declared.setdefault(module.replace("_", "-"), []).append((name, value))
    for dist, pairs in declared.items():
        try:
            version = distribution(dist).version
        except PackageNotFoundError:
            version = "1.0"
        info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8"
        )
        lines = "".join(f"{name} = {value}\n" for name, value in pairs)
        (info / "entry_points.txt").write_text(f"[{group}]\n{lines}", encoding="utf-8")
    return site


def _run(site: Path, code: str, cwd: Path) -> Any:
    env = {k: v for k, v in os.environ.items() if k != "GIPPARSE_DISABLE_PLUGIN_AUTOLOAD"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(site)])
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


_READERS_IMPORTED = """
    import json, sys
    readers = ("demo_reader_lazy", "gipparse_html", "gipparse_docx", "gipparse_pdf",
               "gipparse_ofd", "pypdfium2")
    def imported():
        return sorted(m for m in sys.modules if m.split(".")[0] in readers)
"""


def test_a_text_report_does_not_import_the_installed_readers(tmp_path: Path) -> None:
    site = _reader_site(tmp_path, READER_GROUP)
    out = _run(
        site,
        _READERS_IMPORTED
        + f"""
    import gipparse
    from gipparse.cli import main
    seed = {str(SEED)!r}
    gipparse.load(seed)
    gipparse.loads(open(seed, "rb").read(), path="report.txt")
    assert main(["export", seed, "-o", "out.csv"]) == 0
    assert main(["export", "--samples", "-o", "out.jsonl", "-q"]) == 0
    text = imported()
    page = gipparse.loads({PAGE.encode()!r}, path="report.txt")
    print(json.dumps([text, imported(), [t.format for t in page.tables]]))
    """,
        tmp_path,
    )
    text, after_page, page_format = out
    assert text == []
    if ("html", "gipparse_html:plugin") in INSTALLED_READERS:
        assert page_format == ["html"]
        assert "gipparse_html" in after_page
    assert "demo_reader_lazy" in after_page


def test_gipparse_plugins_lists_the_readers(tmp_path: Path) -> None:
    site = _reader_site(tmp_path, READER_GROUP)
    out = _run(
        site,
        """
    import io, json, sys
    from gipparse.cli import main
    out, sys.stdout = sys.stdout, io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    assert main(["plugins", "--format", "json"]) == 0
    sys.stdout.flush()
    listed, sys.stdout = sys.stdout.buffer.getvalue(), out
    print(json.dumps(json.loads(listed)))
    """,
        tmp_path,
    )
    names = [p["name"] for p in out["plugins"]]
    assert names[6:] == sorted(["demo", *(name for name, _ in INSTALLED_READERS)])
    assert ".demo" in out["source_suffixes"]
    assert "demo" in [f["name"] for f in out["source_formats"]]


_BATCH = """
    import json, os
    from gipparse.cli import main
    from gipparse.export import forked
    from gipparse.export.records import iter_records
    assert main(["export", "corpus", "-j", "2", "-f", "jsonl", "-o", "forked.jsonl", "-q"]) == 0
    forked.usable = lambda: False  # the executor's workers, instead of forked ones
    paths = sorted(os.path.join("corpus", n) for n in os.listdir("corpus"))
    records = list(iter_records(paths, jobs=2))
    lines = open("forked.jsonl", encoding="utf-8").read().splitlines()
    print(json.dumps([[json.loads(line) for line in lines], records], default=str))
"""


def test_worker_processes_load_the_readers_they_need(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, seed in enumerate(gipparse.sample_paths()[:3]):
        shutil.copy(seed, corpus / f"{i}.txt")
    (corpus / "3.demo").write_bytes(DEMO)
    (corpus / "4.txt").write_bytes(DEMO)
    (corpus / "5.txt").write_bytes(PAGE.encode())
    (corpus / "6.html").write_bytes(PAGE.encode())
    results = {}
    for group in (ENTRY_POINT_GROUP, READER_GROUP):
        results[group] = _run(_reader_site(tmp_path, group), _BATCH, tmp_path)
    assert results[READER_GROUP] == results[ENTRY_POINT_GROUP]
    forked, executor = results[READER_GROUP]
    names = [f"{i}.txt" for i in range(3)] + ["3.demo", "4.txt", "5.txt", "6.html"]
    assert [Path(r["path"]).name for r in forked] == names
    assert [Path(r["path"]).name for r in executor] == names
    for records in (forked, executor):
        assert records[3]["stats"] == records[4]["stats"] == records[0]["stats"]
        assert records[3]["meta"] == records[0]["meta"]
        if ("html", "gipparse_html:plugin") in INSTALLED_READERS:
            assert "source.unreadable" not in json.dumps(records[5:])


def test_pdf_and_html_are_read_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not INSTALLED_READERS:
        pytest.skip("needs the reader plugins installed")
    sources: list[tuple[str | None, bytes]] = []
    if ("html", "gipparse_html:plugin") in INSTALLED_READERS:
        sources += [
            ("page.html", PAGE.encode()),
            ("page.txt", PAGE.encode()),
            (None, PAGE.encode()),
            # Markup the text reader reads as text, but the HTML reader claims.
            ("fragment.txt", FRAGMENT.encode()),
            ("utf16.txt", codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le")),
            ("blank.txt", codecs.BOM_UTF8 + b" \r\n" * 40 + FRAGMENT.encode()),
        ]
    pdf = ROOT / "plugins" / "gipparse-pdf" / "tests" / "real" / "hongze-2023.pdf"
    if ("pdf", "gipparse_pdf:plugin") in INSTALLED_READERS and _installed("pypdfium2"):
        sources += [("report.pdf", pdf.read_bytes()), ("report.txt", pdf.read_bytes())]
    for path, data in sources:
        eager, lazy = _managers(monkeypatch, INSTALLED_READERS)
        expected = _load_with(eager, monkeypatch, data, path=path)
        report = _load_with(lazy, monkeypatch, data, path=path)
        assert not _pending(lazy)
        assert (report, report.source) == (expected, expected.source), path
        assert {t.format for t in report.tables} == {"pdf" if b"%PDF-" in data else "html"}
    if ("pdf", "gipparse_pdf:plugin") in INSTALLED_READERS:
        # Text to the text reader (it has a byte-order mark), a PDF to the PDF reader.
        data = codecs.BOM_UTF8 + pdf.read_bytes()
        outcomes = []
        for manager in _managers(monkeypatch, INSTALLED_READERS):
            try:
                outcomes.append(manager.read_source("bom.txt", data).format)
            except gipparse.SourceError as exc:
                outcomes.append(str(exc))
            assert not _pending(manager)
        assert outcomes[1] == outcomes[0]
        assert outcomes[0] != "text"


def test_the_project_readers_are_published_in_the_readers_group() -> None:
    import tomllib

    from gipparse.source.foreign import READERS

    declared = {}
    for project in sorted((ROOT / "plugins").glob("*/pyproject.toml")):
        groups = tomllib.loads(project.read_text(encoding="utf-8"))["project"]["entry-points"]
        assert set(groups) == {READER_GROUP}, project
        declared.update(groups[READER_GROUP])
    assert sorted(declared.items()) == PROJECT_READERS
    assert set(declared) == set(READERS)


@pytest.mark.parametrize(
    ("data", "markup"),
    [
        (b"<p>x</p>", True),
        (b"  \n<div>", True),
        (codecs.BOM_UTF8 + b"\n<table>", True),
        (codecs.BOM_UTF16_LE + "<p>页</p>".encode("utf-16-le"), True),
        (codecs.BOM_UTF16_BE + " <br/>".encode("utf-16-be"), True),
        (b"\x0b\x0c\t<span>", True),
        (b"\xef\xbc\x88<p>", False),  # a full-width parenthesis first
        ("一、总体情况\n<p>".encode(), False),
        (b"", False),
        (b"   ", False),
    ],
)
def test_what_the_html_reader_may_claim_loads_the_readers(data: bytes, markup: bool) -> None:
    # A source named as text is read by the readers too when it may be markup: all the
    # HTML reader claims, so that it gives what it gave with the readers loaded.
    assert _manager._may_be_markup(data) is markup
    if ("html", "gipparse_html:plugin") in INSTALLED_READERS:
        import gipparse_html

        assert not gipparse_html.looks_like_html(data) or markup
