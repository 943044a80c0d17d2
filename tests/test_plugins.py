"""The plugin system: built-ins, entry points, per-call plugins, and what goes wrong."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import types
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pluggy
import pytest

import gipparse
from gipparse import Cell, Row, Span, Table, TableFormat, TableParse
from gipparse import manager as _manager

# A made-up table syntax a third party might need: rows of ";;"-prefixed lines, cells
# separated by " ; ".
SEMICOLON_PLUGIN = """
import gipparse
from gipparse import Cell, Row, Span, Table, TableFormat, TableParse


class SemicolonTables(TableFormat):
    name = "semicolon"

    def could_start(self, line):
        return line.startswith(";;")

    def parse(self, lines, start):
        rows = []
        i = start
        while i < len(lines) and lines[i].startswith(";;"):
            cells = tuple(Cell(c.strip()) for c in lines[i][2:].split(" ; "))
            rows.append(Row(cells, Span(i + 1, 1, i + 1, len(lines[i]) + 1)))
            i += 1
        return TableParse(Table(tuple(rows), self.name, 0, Span(start + 1, 1, i, 1)), i)

    def render(self, table):
        return "\\n".join(";; " + " ; ".join(c.raw for c in r.cells) for r in table.rows)


@gipparse.hookimpl
def gipparse_register_table_formats(register):
    register(SemicolonTables())
"""

REPORT = "二、主动公开政府信息情况\n;; 信息内容 ; 本年制发件数\n;; 规章 ; 3\n正文\n"


def run_python(code: str, **env: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
        env={**__import__("os").environ, **env},
    )
    return result.stdout.strip()


@pytest.fixture
def semicolon_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    (tmp_path / "semicolon_tables.py").write_text(SEMICOLON_PLUGIN, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import importlib

    return importlib.import_module("semicolon_tables")


def test_builtins_are_module_objects_in_order() -> None:
    manager = gipparse.create_plugin_manager(entry_points=False)
    names = [name for name, _ in manager.plugins()]
    assert names == [
        "gipparse.source.reader",
        "gipparse.tables.tab",
        "gipparse.tables.pipe",
        "gipparse.templates.builtin",
        "gipparse.script.hant",
        "gipparse.checks.trust",
    ]
    hooks = dict(manager.plugins())
    assert "gipparse_register_table_formats" in hooks["gipparse.tables.tab"]
    assert "gipparse_read_source" in hooks["gipparse.source.reader"]
    # Formats of later plugins are tried first, so a third party's can claim lines first.
    assert [f.name for f in manager.table_formats()] == ["pipe", "markdown", "tab"]


def test_nothing_is_loaded_at_import_time() -> None:
    out = run_python(
        """
        import sys, gipparse
        from gipparse import manager
        builtins = ("gipparse.source.reader", "gipparse.tables.tab", "gipparse.tables.pipe",
                    "gipparse.templates.y2020", "gipparse.templates.y2021", "gipparse.script")
        heavy = [m for m in sys.modules if m.startswith((*builtins, "regex", "opencc",
                 "importlib.metadata", "json", "argparse"))]
        print(heavy, manager._default)
        """
    )
    assert out == "[] None"


def test_per_call_plugin_adds_a_table_format(semicolon_module: object) -> None:
    plain = gipparse.loads(REPORT, plugins=())
    assert plain.tables == ()
    report = gipparse.loads(REPORT, plugins=[semicolon_module])
    (table,) = report.tables
    assert table.format == "semicolon"
    assert table.texts == (("信息内容", "本年制发件数"), ("规章", "3"))
    assert report.section("active_disclosure").blocks[0] is table
    assert [p.text for p in report.paragraphs] == ["正文"]
    rendered = gipparse.render_report(report, plugins=[semicolon_module])
    assert ";; 规章 ; 3" in rendered
    assert gipparse.render_table(table, "pipe") == "| 信息内容 | 本年制发件数 |\n| 规章 | 3 |"


def test_the_manager_of_a_call_is_built_once_for_the_same_plugins(
    semicolon_module: object,
) -> None:
    first = _manager.plugin_manager_for([semicolon_module])
    assert _manager.plugin_manager_for((semicolon_module,)) is first
    assert first.table_formats()[0].name == "semicolon"
    # Other plugin objects, or more of them, get a manager of their own.
    other = ExplodingPlugin()
    assert _manager.plugin_manager_for([semicolon_module, other]) is not first
    # A few are kept: a call with new plugin objects each time does not pile them up.
    for _ in range(3 * _manager._FOR_PLUGINS_LIMIT):
        _manager.plugin_manager_for([ExplodingPlugin()])
    assert len(_manager._FOR_PLUGINS) == _manager._FOR_PLUGINS_LIMIT
    assert gipparse.loads(REPORT, plugins=[semicolon_module]).tables[0].format == "semicolon"


def test_entry_point_plugin_is_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A throwaway distribution: a module and the metadata importlib.metadata finds on sys.path.
    (tmp_path / "semicolon_tables_ep.py").write_text(SEMICOLON_PLUGIN, encoding="utf-8")
    dist = tmp_path / "semicolon_tables_ep-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: semicolon-tables-ep\nVersion: 1.0\n", encoding="utf-8"
    )
    (dist / "entry_points.txt").write_text(
        "[gipparse]\nsemicolon = semicolon_tables_ep\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("GIPPARSE_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    monkeypatch.setattr(_manager, "_default", None)

    report = gipparse.loads(REPORT)
    assert [t.format for t in report.tables] == ["semicolon"]
    assert "semicolon" in [name for name, _ in _manager.default_plugin_manager().plugins()]

    monkeypatch.setenv("GIPPARSE_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert gipparse.create_plugin_manager().table_formats()[0].name == "pipe"
    # Entry-point formats come before the built-ins (other installed plugins may come first).
    names = [f.name for f in gipparse.create_plugin_manager(entry_points=True).table_formats()]
    assert names.index("semicolon") < names.index("tab")


@pytest.mark.parametrize("group", [_manager.ENTRY_POINT_GROUP, _manager.READER_GROUP])
def test_entry_point_plugins_come_in_the_order_of_their_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, group: str
) -> None:
    # However the environment lists its distributions, the same plugins register in the
    # same order, and so their hooks are called in the same order: in either group.
    for name in ("order_zeta", "order_alpha"):
        (tmp_path / f"{name}.py").write_text(
            f"def gipparse_source_suffixes():\n    return ['.{name}']\n", encoding="utf-8"
        )
    monkeypatch.syspath_prepend(str(tmp_path))
    declared = [("zeta", "order_zeta"), ("alpha", "order_alpha")]
    orders = []
    for listing in (declared, declared[::-1]):
        found = {_manager.ENTRY_POINT_GROUP: [], _manager.READER_GROUP: [], group: listing}
        monkeypatch.setattr(_manager, "_declared_entry_points", lambda found=found: found)
        manager = gipparse.create_plugin_manager(entry_points=True)
        orders.append([name for name, _ in manager.plugins()][-2:])
    assert orders == [["alpha", "zeta"], ["alpha", "zeta"]]


@pytest.mark.parametrize(
    "names",
    [
        ["os.py", "attrs-26.1.0.dist-info", "Demo.EGG", "pkg.Egg-Info", "x.dist-infoz", "x.egg.py"],
        ["a.dist-info", "b.dist-info", "a.egg-info", "c.egg", ".dist-info", "dist-info"],
        # A character that lowers to two (the listing is then read name by name).
        ["İ.dist-info", "y.DIST-INFO", "z.txt", "K.egg"],
        [],
    ],
)
def test_metadata_names_are_those_a_name_by_name_test_finds(names: list[str]) -> None:
    # What the scan of the joined listing finds is what testing each name found.
    expected = [n for n in names if n.lower().endswith((".dist-info", ".egg-info", ".egg"))]
    assert _manager._metadata_names(names) == expected


def test_the_current_directory_is_left_out_by_any_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Named through a link, as the folder itself, or relatively: the current directory is
    # not part of the installed environment; other folders are, in their order.
    here = tmp_path / "here"
    here.mkdir()
    (tmp_path / "link").symlink_to(here)
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.chdir(here)
    path = [str(other), str(tmp_path / "link"), str(here), ".", "", "../here", "missing"]
    monkeypatch.setattr(sys, "path", path)
    assert _manager.installed_path() == [str(other), "missing"]


def test_broken_entry_point_is_a_plugin_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dist = tmp_path / "broken_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[gipparse]\nbroken = no_such_module_here\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(gipparse.PluginError, match="no_such_module_here") as info:
        gipparse.create_plugin_manager(entry_points=True)
    assert info.value.plugin == "broken"


class MisspeltHook:
    def gipparse_register_table_format(self, register: Callable[[TableFormat], None]) -> None:
        """One letter short of gipparse_register_table_formats."""


def test_misspelt_hook_is_rejected_naming_the_plugin() -> None:
    with pytest.raises(gipparse.PluginError, match="gipparse_register_table_format") as info:
        gipparse.create_plugin_manager(plugins=[MisspeltHook()], entry_points=False)
    assert info.value.plugin == "MisspeltHook"
    with pytest.raises(gipparse.PluginError):
        gipparse.loads(REPORT, plugins=[MisspeltHook()])


def test_a_module_plugin_offers_functions_and_methods_and_nothing_else() -> None:
    import types

    module = types.ModuleType("module_plugin")

    @gipparse.hookimpl(specname="gipparse_validate")
    def check(report: gipparse.Report) -> list[gipparse.Diagnostic]:
        return [gipparse.Diagnostic(gipparse.Severity.INFO, "demo.checked", "checked")]

    class Holder:
        @staticmethod
        def gipparse_source_suffixes() -> list[str]:
            return [".demo"]

    module.check = check  # type: ignore[attr-defined]
    module.gipparse_source_suffixes = Holder.gipparse_source_suffixes  # type: ignore[attr-defined]
    module.gipparse_simplify = "not a hook"  # type: ignore[attr-defined]
    module.Holder = Holder  # type: ignore[attr-defined]
    manager = gipparse.create_plugin_manager(plugins=[module], entry_points=False)
    hooks = dict(manager.plugins())["module_plugin"]
    assert hooks == ["gipparse_source_suffixes", "gipparse_validate"]
    assert ".demo" in manager.source_suffixes()
    report = gipparse.loads(REPORT, plugins=[module])
    assert [d.code for d in report.diagnostics if d.code == "demo.checked"] == ["demo.checked"]


class _Base:
    @gipparse.hookimpl(specname="gipparse_validate")
    def check(self, report: gipparse.Report) -> list[gipparse.Diagnostic]:
        return []

    def helper(self) -> None:
        """A method without the marker: no hook."""


class _Slotted(_Base):
    __slots__ = ("slot_hook", "slot_value")

    @property
    def watched(self) -> object:
        raise AssertionError("a property must not be evaluated while registering")

    @staticmethod
    @gipparse.hookimpl
    def gipparse_source_suffixes() -> list[str]:
        return [".demo"]

    @classmethod
    @gipparse.hookimpl(specname="gipparse_detect_script")
    def script(cls, text: str) -> str | None:
        return None

    check = 3  # type: ignore[assignment]  # shadows the hook of the base class


class _WithDict(_Base):
    def __init__(self) -> None:
        self.own = _Base().check  # a bound method of another instance, marked
        self.helper = lambda: None  # type: ignore[method-assign]
        self.number = 1
        self.check = 2  # type: ignore[assignment,method-assign]  # shadows the marked method


class _Meta(type):
    pass


class _WithMeta(_Base, metaclass=_Meta):
    @gipparse.hookimpl
    def gipparse_source_suffixes(self) -> list[str]:
        return []


def _not_dict_marked() -> None:
    """Carries a marker attribute that is not options."""


_not_dict_marked.gipparse_impl = True  # type: ignore[attr-defined]


class _Static(staticmethod):  # type: ignore[type-arg]
    """A subclass of a type pluggy takes: its instances are hookable."""


class _ClaimsFunction:
    """An object whose ``__class__`` says it is a function, as a proxy's does: ``isinstance``
    takes it for one."""

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return types.FunctionType

    def __call__(self, report: object) -> list[object]:
        return []


def _plain_values() -> dict[str, object]:
    """A value of every type the manager tells unhookable by its type alone
    (``_manager._NEVER_HOOKABLE``), under names pluggy would take if it were a hook."""
    import collections.abc

    values = [
        _Base,
        collections.abc.Sequence,
        types,
        len,
        None,
        True,
        1,
        1.5,
        "text",
        b"bytes",
        (),
        [],
        {},
        set(),
        frozenset(),
    ]
    assert {type(v) for v in values} == _manager._NEVER_HOOKABLE
    # (Under a ``gipparse_*`` name too, but for the built-in function, which the manager
    # has never taken from a module.)
    return {f"plain_{i}": v for i, v in enumerate(values)} | {
        f"gipparse_plain_{i}": v for i, v in enumerate(values) if v is not len
    }


class _NotDictMarked:
    gipparse_validate = staticmethod(_not_dict_marked)
    marked = _not_dict_marked

    def gipparse_simplify(self, text: str, script: str, exact: bool) -> str | None:
        return None


def test_an_instance_plugin_offers_what_pluggy_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    """The plugins' names the manager looks at itself (built-in modules, reader plugins,
    functions of plain classes) give the options pluggy's own look-up gives."""
    import inspect
    import types

    import pluggy

    slotted = _Slotted()
    slotted.slot_hook = _Base().check  # type: ignore[attr-defined]
    slotted.slot_value = "text"  # type: ignore[attr-defined]
    pm = _manager._Pluggy("gipparse")
    odd = types.ModuleType("odd_plugin")
    odd.gipparse_validate = _not_dict_marked  # type: ignore[attr-defined]
    odd.not_dict_marked = _not_dict_marked  # type: ignore[attr-defined]
    odd.helper = _Base.helper  # type: ignore[attr-defined]
    odd.check = _Base.check  # type: ignore[attr-defined]
    odd.suffixes = _Slotted.gipparse_source_suffixes  # type: ignore[attr-defined]
    odd.static = _Static(_not_dict_marked)  # type: ignore[attr-defined]
    odd.gipparse_static = _Static(_Base.helper)  # type: ignore[attr-defined]
    odd.claims = _ClaimsFunction()  # type: ignore[attr-defined]
    odd.__dict__.update(_plain_values())
    plugins = (
        slotted,
        _WithDict(),
        _Base(),
        MisspeltHook(),
        ExplodingPlugin(),
        _WithMeta(),
        _NotDictMarked(),
        odd,
        *_manager.builtin_plugins(),
        *(
            plugin
            for pairs in _manager._declared_plugins().values()
            for _, plugin in _manager._load_entry_points(pairs)
        ),
    )
    for plugin in plugins:
        for name in dir(plugin):
            # What the manager took before it skipped names by looking at them itself.
            expected = pluggy.PluginManager.parse_hookimpl_opts(pm, plugin, name)
            if expected is None and name.startswith("gipparse_"):
                expected = {} if inspect.isroutine(getattr(plugin, name, None)) else None
            assert pm.parse_hookimpl_opts(plugin, name) == expected, (plugin, name)
        # What registering an instance works out for all its names at once is what is
        # worked out for each name alone.
        verdicts = _manager._verdicts(plugin, "gipparse_impl")
        if verdicts is None:
            assert isinstance(plugin, types.ModuleType | type) or type(type(plugin)) is not type
            continue
        for name in [*dir(plugin), "gipparse_nothing", "nothing"]:
            alone = _manager._may_hook(plugin, name, "gipparse_impl")
            assert verdicts.get(name, name.startswith("gipparse_")) == alone, (plugin, name)
            assert bool(verdicts.get(name, name.startswith("gipparse_"))) == bool(alone)
    manager = gipparse.create_plugin_manager(plugins=[slotted], entry_points=False)
    hooks = sorted(caller.name for caller in manager.pluggy.get_hookcallers(slotted) or ())
    assert hooks == [
        "gipparse_detect_script",
        "gipparse_source_suffixes",
        "gipparse_validate",
    ]
    # Registered, each plugin gives the hook implementations pluggy's own manager finds,
    # whether the manager replays pluggy's registration or leaves it to pluggy.
    for replay in (True, False):
        monkeypatch.setattr(_manager, "_REPLAYABLE", [replay])
        for plugin in plugins:
            mine, theirs = _manager._Pluggy("gipparse"), _PlainPluggy("gipparse")
            try:
                mine.register(plugin)
            except Exception as exc:
                with pytest.raises(type(exc)):
                    theirs.register(plugin)
                continue
            theirs.register(plugin)
            assert _impls(mine, plugin) == _impls(theirs, plugin), plugin
            assert mine._verdicts == {}
            # ... and refuses it again as pluggy does, by name or under another name.
            for name in (None, "again"):
                with pytest.raises(ValueError, match="already registered") as refused:
                    mine.register(plugin, name)
                with pytest.raises(ValueError, match="already registered") as expected:
                    theirs.register(plugin, name)
                assert str(refused.value) == str(expected.value)


def test_registration_is_replayed_under_the_installed_pluggy() -> None:
    """The manager registers plugins in pluggy's own steps, replayed
    (``_Pluggy._replay_register``), only for the ``register`` it was written from: a
    pluggy whose ``register`` is another is left to do it (and this fails, to have the
    replay brought up to date)."""
    assert _manager._register_code() == _manager._REGISTER_CODE
    assert _manager._replayable()


def test_object_holds_nothing_a_plugin_could_hook() -> None:
    """What instances' names are looked up in skips ``object``'s own (see
    ``_manager._verdicts``): none is ``gipparse_*``, a function or anything pluggy takes."""
    import types

    for name, value in object.__dict__.items():
        assert not name.startswith("gipparse_")
        assert not isinstance(
            value, types.FunctionType | types.MethodType | staticmethod | classmethod
        )
        assert not isinstance(value, types.MemberDescriptorType)


class _PlainPluggy(pluggy.PluginManager):
    """pluggy's own look-up, but for ``gipparse_*`` names (as :class:`_manager._Pluggy`)."""

    def parse_hookimpl_opts(self, plugin: object, name: str) -> Any:
        import inspect

        opts = super().parse_hookimpl_opts(plugin, name)
        if (
            opts is None
            and name.startswith("gipparse_")
            and inspect.isroutine(getattr(plugin, name, None))
        ):
            return {}
        return opts


def _impls(pm: pluggy.PluginManager, plugin: object) -> list[tuple[str, Any, Any]]:
    found = [
        (caller.name, impl.function, impl.opts)
        for caller in pm.get_hookcallers(plugin) or ()
        for impl in caller.get_hookimpls()
        if impl.plugin is plugin
    ]
    return sorted(found, key=lambda f: (f[0], repr(f[1])))


def test_hook_specifications_are_what_pluggy_finds() -> None:
    import types

    import pluggy

    from gipparse import hookspecs

    odd = types.ModuleType("odd_specs")
    odd.spec = hookspecs.gipparse_validate  # type: ignore[attr-defined]
    odd.marked = _not_dict_marked  # type: ignore[attr-defined]
    odd.method = _Base().check  # type: ignore[attr-defined]
    odd.static = staticmethod(hookspecs.gipparse_validate)  # type: ignore[attr-defined]
    odd.number = 3  # type: ignore[attr-defined]
    odd.claims = _ClaimsFunction()  # type: ignore[attr-defined]
    odd.__dict__.update(_plain_values())
    pm = _manager._Pluggy("gipparse")
    for module in (hookspecs, odd):
        for name in dir(module):
            expected = pluggy.PluginManager.parse_hookspec_opts(pm, module, name)
            assert pm.parse_hookspec_opts(module, name) == expected, name
    found = [n for n in dir(hookspecs) if pm.parse_hookspec_opts(hookspecs, n) is not None]
    plain = pluggy.PluginManager("gipparse")
    plain.add_hookspecs(hookspecs)
    assert found == sorted(plain.hook.__dict__)  # every specification, and nothing else


def test_wrong_hook_arguments_are_rejected() -> None:
    class WrongArguments:
        @gipparse.hookimpl
        def gipparse_read_source(self, filename: str) -> None:
            return None

    with pytest.raises(gipparse.PluginError, match="filename"):
        gipparse.create_plugin_manager(plugins=[WrongArguments()], entry_points=False)


@pytest.mark.parametrize("plugin", [3, "gipparse_pdf", None, object()])
def test_a_plugin_that_implements_no_hook_is_rejected(plugin: object) -> None:
    with pytest.raises(gipparse.PluginError, match="implements no gipparse hook"):
        gipparse.loads("一、总体情况", plugins=[plugin])


@pytest.mark.parametrize("plugins", ["abc", b"abc"])
def test_plugins_given_as_a_string_are_rejected(plugins: Any) -> None:
    with pytest.raises(gipparse.PluginError, match="must be a list of plugin objects"):
        gipparse.loads("一、总体情况", plugins=plugins)


def test_same_plugin_twice_is_rejected() -> None:
    from gipparse.tables import tab as tab_table

    with pytest.raises(gipparse.PluginError, match="already registered"):
        gipparse.create_plugin_manager(plugins=[tab_table], entry_points=False)


class ExplodingFormat(TableFormat):
    name = "exploding"

    def could_start(self, line: str) -> bool:
        return line.startswith("!!")

    def parse(self, lines: Sequence[str], start: int) -> TableParse | None:
        raise KeyError("boom")


class ExplodingPlugin:
    @gipparse.hookimpl
    def gipparse_register_table_formats(self, register: Callable[[TableFormat], None]) -> None:
        register(ExplodingFormat())


def test_a_failing_plugin_becomes_a_plugin_error_naming_it() -> None:
    with pytest.raises(
        gipparse.PluginError, match="table format 'exploding' failed at line 2"
    ) as info:
        gipparse.loads("正文\n!!\n", plugins=[ExplodingPlugin()])
    assert info.value.plugin == __name__


def test_registering_something_that_is_not_a_format_is_a_plugin_error() -> None:
    class NotAFormat:
        @gipparse.hookimpl
        def gipparse_register_table_formats(self, register: Callable[[object], None]) -> None:
            register("tab")

    with pytest.raises(gipparse.PluginError, match=r"not a gipparse\.TableFormat"):
        gipparse.loads("正文\n", plugins=[NotAFormat()])


def test_a_plugin_reader_wins_over_the_text_reader() -> None:
    class UpperReader:
        @gipparse.hookimpl
        def gipparse_read_source(
            self, path: str | None, data: bytes
        ) -> gipparse.SourceDocument | None:
            if path and path.endswith(".shout"):
                return gipparse.SourceDocument(data.decode("ascii").upper(), "ascii", "shout")
            return None

    report = gipparse.loads(b"hello\n", path="x.shout", plugins=[UpperReader()])
    assert [p.text for p in report.paragraphs] == ["HELLO"]
    assert [
        p.text for p in gipparse.loads(b"hello\n", path="x.txt", plugins=[UpperReader()]).paragraphs
    ] == ["hello"]


def test_cells_built_by_hand_compare_with_parsed_ones() -> None:
    t = Table((Row((Cell("a", Span(1, 1, 1, 2)),)),), "semicolon")
    assert t == Table((Row((Cell("a"),)),), "semicolon")


class EveryHook:
    """A plugin implementing every hook a report's reading calls, each in its own way: a
    reader taking one argument of two, a script it tells first, a conversion that leaves
    the text to the built-in one, a check that runs last."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    @gipparse.hookimpl
    def gipparse_read_source(self, data: bytes) -> gipparse.SourceDocument | None:
        self.seen.append("read")
        if data.startswith(b"SHOUT "):
            return gipparse.SourceDocument(data[6:].decode("utf-8"), "utf-8", "shout")
        return None

    @gipparse.hookimpl(tryfirst=True)
    def gipparse_detect_script(self, text: str) -> str | None:
        self.seen.append("script")
        return "hant" if text.startswith("繁") else None

    @gipparse.hookimpl
    def gipparse_simplify(self, text: str, script: str, exact: bool) -> str | None:
        self.seen.append("simplify")
        return None

    @gipparse.hookimpl(trylast=True)
    def gipparse_validate(self, report: gipparse.Report) -> list[gipparse.Diagnostic]:
        self.seen.append("validate")
        return [gipparse.Diagnostic(gipparse.Severity.INFO, "house.rule", "read", None)]


class Wrapper:
    def __init__(self) -> None:
        self.wrapped: list[str] = []

    @gipparse.hookimpl(wrapper=True)
    def gipparse_detect_script(self, text: str) -> object:
        script = yield
        self.wrapped.append(script)
        return script


def test_every_hook_a_report_calls_is_called_as_pluggy_calls_it() -> None:
    plugin = EveryHook()
    manager = gipparse.create_plugin_manager(plugins=[plugin], entry_points=False)
    hook = manager.pluggy.hook
    for data in (b"SHOUT \xe7\xb9\x81\xe9\xab\x94\n", "正文\n".encode(), b"plain\n"):
        doc = manager.read_source("x.txt", data)
        assert doc == hook.gipparse_read_source(path="x.txt", data=data)
        script = manager.detect_script(doc.text)
        assert script == hook.gipparse_detect_script(text=doc.text)
        assert manager.simplify("體", "hant", exact=True) == hook.gipparse_simplify(
            text="體", script="hant", exact=True
        )
        report = gipparse.pipeline.parse_document(doc, "x.txt", manager)
        assert [d.code for d in report.diagnostics if d.code == "house.rule"] == ["house.rule"]
        assert manager.validate(report) == [
            d for found in hook.gipparse_validate(report=report) for d in found
        ]
    assert {"read", "script", "simplify", "validate"} <= set(plugin.seen)
    assert manager.detect_script("繁體") == "hant"

    # A plugin registered later, a wrapper, and monitoring: each is heeded.
    wrapper = Wrapper()
    manager.pluggy.register(wrapper)
    assert manager.detect_script("繁體") == "hant"
    assert wrapper.wrapped == ["hant"]
    manager.pluggy.unregister(wrapper)
    assert manager.detect_script("繁體") == "hant"
    assert wrapper.wrapped == ["hant"]
    calls: list[str] = []
    undo = manager.pluggy.add_hookcall_monitoring(
        lambda name, impls, kwargs: calls.append(name), lambda *args: None
    )
    manager.detect_script("繁體")
    undo()
    manager.detect_script("繁體")
    assert calls == ["gipparse_detect_script"]


def test_a_plugin_failing_in_a_hook_a_report_calls_is_named() -> None:
    class Failing:
        @gipparse.hookimpl
        def gipparse_validate(self, report: gipparse.Report) -> None:
            raise ValueError("no")

    with pytest.raises(
        gipparse.PluginError, match="ValueError in hook gipparse_validate: no"
    ) as info:
        gipparse.load(gipparse.sample_paths()[0], plugins=[Failing()])
    assert info.value.plugin == __name__
