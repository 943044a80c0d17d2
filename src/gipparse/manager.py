"""The plugin manager: the only module that talks to pluggy.

:func:`create_plugin_manager` registers the built-in plugins (imported module objects, so
a vendored copy works without package metadata), then the ``gipparse`` entry points
(unless ``GIPPARSE_DISABLE_PLUGIN_AUTOLOAD`` is set), then the plugins passed in. The
readers of the ``gipparse.readers`` entry-point group are registered in their place, among
the ``gipparse`` entry points by name, but only when something first needs them (see
:meth:`PluginManager._load_readers`): a process that reads text reports never imports them.
The rest of gipparse calls the typed methods of :class:`PluginManager`.
"""

from __future__ import annotations

import _thread
import codecs
import inspect
import os
import types
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import pluggy

from . import caches, hookspecs, patterns
from .classes import checksum
from .errors import GipparseError, PluginError, RenderError, SourceError, culprit_of
from .tables.formats import TableFormat
from .tree.nodes import Diagnostic, Paragraph, SourceDocument, Table

if TYPE_CHECKING:
    from .templates.engine import Template
    from .tree.nodes import Report


def _pluggy_multicall() -> Any:
    """What pluggy calls a hook's implementations with when nothing traces the calls
    (``None`` for a pluggy without it: every hook is then called through pluggy)."""
    try:
        from pluggy._callers import _multicall
    except ImportError:
        return None
    return _multicall


_MULTICALL = _pluggy_multicall()

ENTRY_POINT_GROUP = "gipparse"
#: The entry-point group of readers: loaded only when a source or a caller needs them.
READER_GROUP = "gipparse.readers"
_GROUPS = (ENTRY_POINT_GROUP, READER_GROUP)
#: The hooks a plugin of :data:`READER_GROUP` may implement: what reads a source, names
#: the suffixes folders are searched for, and renders the tables it builds. Any other hook
#: would change what a text report gives depending on whether a reader had been loaded.
READER_HOOKS = frozenset(
    ("gipparse_read_source", "gipparse_source_suffixes", "gipparse_register_table_formats")
)
# As importlib.metadata reads them: distribution names and entry point values.
_DIST_NAME_RE = patterns.compile(r"[-_.]+")
_ENTRY_POINT_RE = patterns.compile(
    r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$"
)
AUTOLOAD_ENV = "GIPPARSE_DISABLE_PLUGIN_AUTOLOAD"
#: Held while readers are loaded (see :meth:`PluginManager._load_readers`): by one
#: thread at a time, and again by the same one if a reader's import builds a manager.
_LOADING = _thread.RLock()
#: Texts converted for matching that a manager remembers, per script.
_SIMPLIFY_CACHE_SIZE = 16384


def builtin_plugins() -> tuple[object, ...]:
    """The built-in plugin modules, in registration order."""
    from .checks import trust
    from .script import hant
    from .source import reader
    from .tables import pipe, tab
    from .templates import builtin

    return (reader, tab, pipe, builtin, hant, trust)


#: What pluggy takes for a hook implementation in a module: functions, and methods.
_HOOKABLE = (types.FunctionType, types.MethodType, staticmethod, classmethod)

#: Types whose instances are never :data:`_HOOKABLE`: none is a subclass of those, and their
#: instances' ``__class__`` is their type. Most names of a module (its imports, classes and
#: constants) hold one, told by a set look-up, where ``isinstance`` with :data:`_HOOKABLE`
#: looks ``__class__`` up on the value for each of the four types it fails (some 1 K
#: instructions a name, a third of registering the built-in modules).
_NEVER_HOOKABLE = frozenset(
    (
        type,
        type(Sequence),  # abc.ABCMeta: the classes of collections.abc
        types.ModuleType,
        types.BuiltinFunctionType,
        type(None),
        bool,
        int,
        float,
        str,
        bytes,
        tuple,
        list,
        dict,
        set,
        frozenset,
    )
)


def _may_hook(plugin: object, name: str, marker: str) -> bool | types.FunctionType:
    """Whether pluggy's static look-up of *name* on the instance *plugin* may find a hook.
    ``False`` for a name not ``gipparse_*`` that holds (in the instance's ``__dict__``,
    else in the first class of its MRO that has it) no function or method, or a function
    of the class without the *marker* attribute :data:`hookimpl` sets; the function, when
    it is a plain function of a plain class (what pluggy's look-up finds, then); else
    ``True`` (pluggy is asked). Plain dictionary look-ups, where pluggy runs
    :func:`inspect.getattr_static` twice for each of the instance's names (some 40: its
    class's methods and ``object``'s): most of registering a reader plugin, paid by every
    manager built with the installed plugins or ``plugins=[...]``."""
    hook = name.startswith("gipparse_")
    try:
        own = object.__getattribute__(plugin, "__dict__")
    except AttributeError:
        own = None
    if isinstance(own, dict) and name in own:
        return hook or isinstance(own[name], types.FunctionType | types.MethodType)
    klass = type(plugin)
    if type(klass) is not type:
        # A metaclass may shadow what a class holds: pluggy looks.
        return hook or _may_hook_in(klass.__mro__, name, marker)
    for base in klass.__mro__:
        found = base.__dict__.get(name, _ABSENT)
        if found is _ABSENT:
            continue
        if type(found) is types.FunctionType:
            return found if hook or hasattr(found, marker) else False
        # A slot may hold a function: pluggy reads it.
        return hook or isinstance(found, (*_HOOKABLE, types.MemberDescriptorType))
    return hook


#: What a class attribute may be for pluggy to find a hook in it (a slot may hold one).
_CLASS_HOOKABLE = (*_HOOKABLE, types.MemberDescriptorType)


def _verdicts(plugin: object, marker: str) -> dict[str, bool | types.FunctionType] | None:
    """What :func:`_may_hook` says of each name of the instance *plugin* where it is not
    false, but for the names it answers with ``name.startswith("gipparse_")``; ``None``
    for a module, a class, or an instance of a class with a metaclass. Worked out for all
    names at once, in one pass over the instance's ``__dict__`` and its class's
    attributes, where pluggy asks about each of the instance's names in turn (some 40:
    its class's and ``object``'s)."""
    if isinstance(plugin, types.ModuleType | type):
        return None
    klass = type(plugin)
    if type(klass) is not type:
        return None
    merged: dict[str, object] = {}
    for base in reversed(klass.__mro__):
        # Each name as the first class of the MRO has it. ``object`` holds no function
        # nor anything else pluggy may take, which the names it alone has are taken
        # for, as names of no class are (``tests/test_plugins.py`` holds that). A copy:
        # a dictionary is merged in one step, a class's mapping proxy name by name.
        if base is not object:
            merged.update(base.__dict__.copy())
    try:
        own = object.__getattribute__(plugin, "__dict__")
    except AttributeError:
        own = None
    if not isinstance(own, dict):
        own = {}
    function = types.FunctionType
    found: dict[str, bool | types.FunctionType] = {}
    for name, value in merged.items():
        if name in own:
            continue
        hook = name.startswith("gipparse_")
        if type(value) is function:
            if hook or hasattr(value, marker):
                found[name] = value
        elif hook or isinstance(value, _CLASS_HOOKABLE):
            found[name] = True
    for name, value in own.items():
        if isinstance(name, str) and (
            name.startswith("gipparse_") or isinstance(value, types.FunctionType | types.MethodType)
        ):
            found[name] = True
    return found


def _may_hook_in(mro: tuple[type, ...], name: str, marker: str) -> bool:
    for klass in mro:
        found = klass.__dict__.get(name, _ABSENT)
        if found is _ABSENT:
            continue
        if isinstance(found, types.FunctionType):
            return hasattr(found, marker)
        return isinstance(found, (*_HOOKABLE, types.MemberDescriptorType))
    return False


_ABSENT = object()

#: The code of the ``pluggy.PluginManager.register`` whose steps
#: :meth:`_Pluggy._replay_register` takes: the Python it was compiled by, then the length
#: and checksum (:func:`gipparse.classes.checksum`) of its bytecode, and of its names and constants.
_REGISTER_CODE = ((3, 11), 1124, 902937759244485569, 855, 171888109556017128)
_REPLAYABLE: list[bool] = []


def _register_code() -> tuple[tuple[int, int], int, int, int, int]:
    """The digest of the installed pluggy's ``PluginManager.register`` (see
    :data:`_REGISTER_CODE`)."""
    import sys

    code = pluggy.PluginManager.register.__code__
    constants = "\0".join(map(repr, (*code.co_names, *code.co_consts))).encode(
        "utf-8", "surrogatepass"
    )
    return (
        (sys.version_info[0], sys.version_info[1]),
        len(code.co_code),
        checksum(code.co_code),
        len(constants),
        checksum(constants),
    )


def _replayable() -> bool:
    """Whether pluggy registers a plugin in the steps :meth:`_Pluggy._replay_register`
    takes: its ``register`` is the one the replay was written from, and what it calls is
    there."""
    if not _REPLAYABLE:
        ok = False
        try:
            from pluggy import _manager as pluggy_manager

            global _normalize_hookimpl_opts, _static_hook_attr  # noqa: PLW0603
            _normalize_hookimpl_opts = getattr(pluggy_manager, "normalize_hookimpl_opts")  # noqa: B009
            _static_hook_attr = getattr(pluggy_manager, "_static_hook_attr")  # noqa: B009
            ok = _register_code() == _REGISTER_CODE
        except (ImportError, AttributeError):
            pass
        _REPLAYABLE.append(ok)
    return _REPLAYABLE[0]


_normalize_hookimpl_opts: Any = None
_static_hook_attr: Any = None


class _Pluggy(pluggy.PluginManager):
    """Takes every callable named ``gipparse_*`` for a hook implementation (as pytest does
    for ``pytest_*``), so a misspelt hook is caught by ``check_pending`` instead of being
    silently ignored."""

    def __init__(self, project_name: str) -> None:
        super().__init__(project_name)
        #: :func:`_verdicts` of the instances being registered, by identity.
        self._verdicts: dict[int, dict[str, bool | types.FunctionType]] = {}

    def register(self, plugin: object, name: str | None = None) -> str | None:
        verdicts = _verdicts(plugin, f"{self.project_name}_impl")
        if verdicts is None:
            if type(plugin) is types.ModuleType and _replayable():
                return self._replay_register(plugin, name, None)
            return super().register(plugin, name)
        key = id(plugin)
        self._verdicts[key] = verdicts
        try:
            if _replayable():
                return self._replay_register(plugin, name, verdicts)
            return super().register(plugin, name)
        finally:
            del self._verdicts[key]

    def _replay_register(
        self,
        plugin: object,
        name: str | None,
        verdicts: dict[str, bool | types.FunctionType] | None,
    ) -> str | None:
        """What :meth:`pluggy.PluginManager.register` does (the pluggy whose code
        :func:`_replayable` recognises: these are its steps, in its order), but for the
        names of *plugin* that hold a plain function: the module's (*verdicts* ``None``),
        or the instance's class's (its *verdicts*). For those, the options are read here
        as :meth:`parse_hookimpl_opts` reads them, and the function is the one pluggy's
        static look-up finds (the module's; the class's, bound to the instance), where
        pluggy calls :meth:`parse_hookimpl_opts` for each of the plugin's names and looks
        each hook up with :func:`inspect.getattr_static`: most of registering a plugin.
        Any other name is looked at as pluggy looks at it."""
        if plugin is None:
            return None
        plugin_name = name or self.get_canonical_name(plugin)
        if plugin_name in self._name2plugin:
            if self._name2plugin.get(plugin_name, -1) is None:
                return None
            raise ValueError(
                f"Plugin name already registered: {plugin_name}={plugin}\n{self._name2plugin}"
            )
        if plugin in self._name2plugin.values():
            raise ValueError(
                "Plugin already registered under a different name: "
                f"{plugin_name}={plugin}\n{self._name2plugin}"
            )
        hookimpls: list[tuple[str, Any, bool]] = []
        module = plugin.__dict__ if verdicts is None else None
        function_type = types.FunctionType
        never = _NEVER_HOOKABLE
        marker = f"{self.project_name}_impl"
        for attr_name in dir(plugin):
            found: Any = None
            opts: Any
            if module is not None:
                value = module.get(attr_name)
                kind = type(value)
                if kind is function_type:
                    # (What :meth:`_function_opts` reads, in the loop: most of a module's
                    # functions are not hooks.)
                    opts = getattr(value, marker, None)
                    if not isinstance(opts, dict):
                        if not attr_name.startswith("gipparse_"):
                            continue
                        opts = {}
                    found = (value, value)
                elif kind not in never and isinstance(value, _HOOKABLE):
                    opts = self.parse_hookimpl_opts(plugin, attr_name)
                else:
                    continue
            else:
                assert verdicts is not None
                verdict = verdicts.get(attr_name, _ABSENT)
                if verdict is _ABSENT:
                    if not attr_name.startswith("gipparse_"):
                        continue
                    opts = self.parse_hookimpl_opts(plugin, attr_name)
                elif verdict is False:
                    continue
                elif type(verdict) is function_type:
                    opts = self._function_opts(verdict, attr_name)
                    found = (verdict, types.MethodType(verdict, plugin))
                else:
                    opts = self.parse_hookimpl_opts(plugin, attr_name)
            if opts is None:
                continue
            _normalize_hookimpl_opts(opts)
            if found is None:
                found = _static_hook_attr(plugin, attr_name)
            assert found is not None, f"{plugin!r}.{attr_name} is not a hookable attribute"
            hookimpl = pluggy.HookImpl(plugin, plugin_name, found[1], opts)
            hook_name = opts.get("specname") or attr_name
            hook: Any = getattr(self.hook, hook_name, None)
            verified = False
            if hook is not None and hook.has_spec():
                self._verify_hook(hook, hookimpl)
                verified = True
            hookimpls.append((hook_name, hookimpl, verified))
        self._name2plugin[plugin_name] = plugin
        for hook_name, hookimpl, verified in hookimpls:
            hook = getattr(self.hook, hook_name, None)
            if hook is None:
                hook = pluggy.HookCaller(hook_name, self._hookexec)
                setattr(self.hook, hook_name, hook)
            elif not verified and hook.has_spec():
                self._verify_hook(hook, hookimpl)
            hook._maybe_apply_history(hookimpl)
            hook._add_hookimpl(hookimpl)
        return plugin_name

    def parse_hookimpl_opts(self, plugin: object, name: str) -> Any:
        if isinstance(plugin, types.ModuleType):
            value = plugin.__dict__.get(name)
            if type(value) in _NEVER_HOOKABLE or not isinstance(value, _HOOKABLE):
                # What pluggy would find after a static look-up of every name of the
                # module (its imports, classes and constants too): a quarter of building
                # a manager.
                return None
            if type(value) is types.FunctionType:
                # What pluggy reads of a module's function (its static look-up finds the
                # function itself, whose marker attribute holds the options), without
                # that look-up: most of a module's functions are not hooks.
                return self._function_opts(value, name)
        elif not isinstance(plugin, type):
            verdicts = self._verdicts.get(id(plugin))
            if verdicts is not None:
                found = verdicts.get(name, name.startswith("gipparse_"))
            else:
                found = _may_hook(plugin, name, f"{self.project_name}_impl")
            if not found:
                return None
            if isinstance(found, types.FunctionType):
                # A function of the instance's class: what pluggy's static look-up
                # finds, and whose marker attribute holds the options.
                return self._function_opts(found, name)
        opts = super().parse_hookimpl_opts(plugin, name)
        if opts is None and name.startswith("gipparse_"):
            method = getattr(plugin, name, None)
            if inspect.isroutine(method):
                return {}
        return opts

    def parse_hookspec_opts(self, module_or_class: Any, name: str) -> Any:
        if isinstance(module_or_class, types.ModuleType):
            # What pluggy's static look-up finds in a module: the value of the name, a
            # hook specification only if it is a function or method; for a function,
            # its marker attribute holds the options. Read without that look-up for each
            # of the module's names.
            value = module_or_class.__dict__.get(name)
            if type(value) in _NEVER_HOOKABLE or not isinstance(value, _HOOKABLE):
                return None
            if type(value) is types.FunctionType:
                opts = getattr(value, f"{self.project_name}_spec", None)
                return opts if isinstance(opts, dict) else None
        return super().parse_hookspec_opts(module_or_class, name)

    def _function_opts(self, function: types.FunctionType, name: str) -> Any:
        """The options of the plain *function* found under *name*: what its marker
        attribute holds, as pluggy reads it, else ``{}`` for a ``gipparse_*`` name."""
        opts = getattr(function, f"{self.project_name}_impl", None)
        if isinstance(opts, dict):
            return opts
        return {} if name.startswith("gipparse_") else None


def _may_be_claimed(data: bytes) -> bool:
    """Whether a reader may claim *data* by its first bytes though the text reader would
    read it: markup (:func:`_may_be_markup`), or a PDF's mark behind a byte-order mark (the
    text reader takes a source with one for text; the PDF reader looks for the mark in the
    first kilobyte). The readers are loaded for it, so that it is read as it would have
    been with them loaded from the start."""
    if _may_be_markup(data):
        return True
    # (Without a byte-order mark, the text reader refuses a source with the mark.)
    return data[:1] in _BOMS_START and b"%PDF-" in data[:1024]


#: The first bytes of the byte-order marks the text reader takes for text.
_BOMS_START = (codecs.BOM_UTF8[:1], codecs.BOM_UTF16_LE[:1], codecs.BOM_UTF16_BE[:1])


def _may_be_markup(data: bytes) -> bool:
    """Whether *data* starts, past a byte-order mark and blanks, with ``<``: markup (a page
    or a fragment of one saved as ``.txt``), which the text reader reads as text but a
    reader may claim (the HTML reader does), as it would have with the readers loaded.
    Looked for as far as the HTML reader looks, in its first 4 KiB."""
    if not data:
        return False
    first = data[0]
    if first == 0x3C:  # "<"
        return True
    if first not in _MARKUP_LEAD:  # most reports start with a letter
        return False
    if first >= 0xFE:
        head = data[:4096]
        if not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return False
        codec = "utf-16-le" if first == 0xFF else "utf-16-be"
        head = head[2:].decode(codec, errors="ignore").encode("utf-8", errors="ignore")
        return head.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"<")
    # (The first bytes first: the whole window is copied only when they are all blank.)
    head = data[:64].removeprefix(codecs.BOM_UTF8).lstrip()
    if not head:
        head = data[:4096].removeprefix(codecs.BOM_UTF8).lstrip()
    return head.startswith(b"<")


#: What a source that starts with markup may start with before the ``<``: a byte-order
#: mark's first byte, or a blank (what :meth:`bytes.lstrip` takes off).
_MARKUP_LEAD = frozenset(b"\xef\xff\xfe \t\n\r\x0b\x0c")


def _foreign(data: bytes) -> bool:
    """Whether the built-in text reader refuses *data* as a source that is not a text
    report (a PDF, an Office file, an HTML page, binary data...)."""
    from .source.decode import identify, looks_like_html

    return identify(data) is not None or looks_like_html(data)


def _plugin_label(plugin: object) -> str:
    name = getattr(plugin, "__name__", None)
    if isinstance(name, str):
        return name
    return type(plugin).__qualname__


def _forget(manager: PluginManager) -> None:
    """Forget the conversions *manager* keeps for matching (see :mod:`gipparse.caches`)."""
    manager._simplified.clear()


class PluginManager:
    """The registered plugins of one configuration, with typed calls for each hook."""

    def __init__(self, pm: pluggy.PluginManager) -> None:
        self._pm = pm
        self._formats: tuple[TableFormat, ...] | None = None
        self._templates: tuple[Template, ...] | None = None
        self._suffixes: frozenset[str] | None = None
        self._simplified: dict[str, dict[str, str]] = {}
        self._prose: tuple[Callable[[str], str], ...] | None = None
        #: What :meth:`_direct` found, by hook: the implementations, and what to call.
        self._calls: dict[str, tuple[list[Any], _Direct | None]] = {}
        #: The entry points of the ``gipparse.readers`` group not loaded yet, ``None``
        #: once they are (or when there are none).
        self._readers: Sequence[tuple[str, str]] | None = None
        #: The plugins of the ``gipparse`` entry points registered, in order, each with
        #: the ``(name, value)`` of its entry point: the readers come among them by that.
        self._entries: tuple[tuple[tuple[str, str], object], ...] = ()
        #: The plugins registered after the readers' place (a call's plugins).
        self._after_readers: tuple[object, ...] = ()
        #: How many times readers were registered (once at most).
        self._loads = 0
        #: The suffixes of the files the built-in text reader reads (while readers wait).
        self._text_suffixes: tuple[str, ...] = ()
        caches.track(self, _forget)

    @property
    def pluggy(self) -> pluggy.PluginManager:
        """The underlying :class:`pluggy.PluginManager`, for tools that need it (with every
        plugin registered: the readers are loaded first)."""
        if self._readers is not None:
            self._load_readers()
        return self._pm

    def _load_readers(self) -> None:
        """Load and register the readers of the ``gipparse.readers`` entry-point group,
        all of them, in their place: among the ``gipparse`` entry points by the name of
        their entry point (as if they were of that group), before the plugins of a call,
        so that hooks are called in the order an eager registration gives. Done when
        first needed: before reading a source that is not named as a text report or
        that a reader may claim (:func:`_may_be_claimed`), when the text reader refuses
        one as not text, for the suffixes of a folder walk, a listing of the plugins, a
        table format not registered yet, or pluggy itself.

        When their place is last (no plugins of a call, and the ``gipparse`` entry
        points, if any, come before them by name), the readers are registered after the
        others. Else a new pluggy manager is filled in the order of an eager
        registration and takes the place of the old one: a thread calling hooks
        meanwhile sees the one or the other, never a call's plugins taken out to let
        the readers in before them.

        What a reader may change is worked out again: the suffixes, the table formats,
        the direct calls of hooks. The templates and the conversions of scripts are
        kept: no reader implements their hooks (:func:`_check_reader`), and a call's
        plugins are the same ones.

        :raises PluginError: a reader cannot be loaded or is no reader; the manager
            stays as it was, and tries again when next asked.
        """
        with _LOADING:
            declared = self._readers
            if declared is None:  # loaded by another thread meanwhile
                return
            loaded = _load_entry_points(declared)
            first = loaded[0][0]
            pm: pluggy.PluginManager
            if self._after_readers or any(key > first for key, _ in self._entries):
                pm = self._with_readers(loaded)
            else:
                pm = self._pm
                registered: list[object] = []
                try:
                    _register_readers(pm, loaded, registered)
                except BaseException:
                    for plugin in reversed(registered):
                        pm.unregister(plugin)
                    raise
            self._pm = pm
            # (Worked out meanwhile by another thread with some readers, or none, a
            # result is not kept: see _keep.)
            self._loads += 1
            self._suffixes = None
            self._formats = None
            self._prose = None
            self._calls.clear()
            self._readers = None

    def _with_readers(self, loaded: list[tuple[tuple[str, str], object]]) -> _Pluggy:
        """A new pluggy manager holding what this one holds, with the readers *loaded*
        (each with the ``(name, value)`` of its entry point) registered among the
        ``gipparse`` entry points in the order of those (as if all were of that group),
        before the plugins of the call."""
        old = self._pm
        after = self._after_readers
        entries = self._entries
        entry_ids = {id(plugin) for _, plugin in entries}
        pm = _Pluggy(hookspecs.PROJECT_NAME)
        pm.add_hookspecs(hookspecs)
        for name, plugin in old.list_name_plugin():
            # The built-ins (and plugins registered by hand), in their order.
            if plugin is None or id(plugin) in entry_ids or any(plugin is p for p in after):
                continue
            _register(pm, plugin, name)
        # (Sorted by key alone, and stably: an entry point of the gipparse group first.)
        both = [(key, False, plugin) for key, plugin in entries]
        both += [(key, True, plugin) for key, plugin in loaded]
        for (name, _), reader, plugin in sorted(both, key=lambda entry: entry[0]):
            if not reader:
                _register(pm, plugin, old.get_name(plugin))
            elif not (
                pm.is_registered(plugin)
                or id(plugin) in entry_ids  # of the gipparse group too: registered there
                or any(plugin is p for p in after)  # given to the call too: registered there
            ):
                _register(pm, plugin, name)
                _check_reader(pm, plugin, name)
        for plugin in after:
            _register(pm, plugin, old.get_name(plugin))
        _check_pending(pm)
        return pm

    def _keep(self, loads: int) -> bool:
        """Whether what was worked out from the plugins registered after *loads* loads
        of readers may be kept (no reader was registered since). Asked after it is kept:
        :meth:`_load_readers` counts a load before it forgets what was worked out."""
        return self._loads == loads

    def plugins(self) -> list[tuple[str, list[str]]]:
        """``(name, [hook names])`` for every registered plugin, in registration order."""
        if self._readers is not None:
            self._load_readers()
        result = []
        for name, plugin in self._pm.list_name_plugin():
            if plugin is None:
                continue
            callers = self._pm.get_hookcallers(plugin) or []
            result.append((name, sorted(caller.name for caller in callers)))
        return result

    # -- reading ------------------------------------------------------------------

    def read_source(self, path: str | None, data: bytes) -> SourceDocument:
        pending = self._readers is not None
        # (A suffix is told by its ending: a name that only ends so, a hidden ".txt", has
        # none, which no reader claims either. A name that is no string, a path object
        # given to loads(), the readers read as well: they are loaded for it.)
        if pending and (
            not isinstance(path, str)
            or not path.lower().endswith(self._text_suffixes)
            or _may_be_claimed(data)
        ):
            self._load_readers()
            pending = False
        arguments = {"path": path, "data": data}
        again = False
        try:
            doc: SourceDocument | None = self._hook(self._pm.hook.gipparse_read_source, arguments)
        except SourceError:
            if not pending or not _foreign(data):
                raise
            # Named as a text report, refused by the text reader as something else
            # (a PDF, an HTML page...): what a reader may read. (A reader that cannot be
            # loaded says so with this refusal as its context.)
            self._load_readers()
            again = True
        if again:
            # Read again once this refusal is handled: refused again, by the text reader,
            # the source is refused once, as with the readers loaded from the start (not
            # with the same refusal as its context, which a traceback tells twice).
            doc = self._hook(self._pm.hook.gipparse_read_source, arguments)
        if doc is None:
            raise GipparseError(f"{path or '<data>'}: no reader accepted this source")
        _check_document(doc)
        return doc

    def source_suffixes(self) -> frozenset[str]:
        if self._readers is not None:
            self._load_readers()
        suffixes = self._suffixes
        if suffixes is None:
            loads = self._loads
            found: set[str] = set()
            for result in self._call(self._pm.hook.gipparse_source_suffixes):
                if result:
                    found.update(s.lower() for s in result)
            suffixes = frozenset(found)
            self._suffixes = suffixes
            if not self._keep(loads):
                self._suffixes = None
        return suffixes

    # -- tables ---------------------------------------------------------------------

    def table_formats(self) -> tuple[TableFormat, ...]:
        """Every registered format, the most recently registered plugin's first. The
        readers' formats (which only render, and so find no table in text) are among
        them once the readers are loaded: :meth:`table_format` loads them for a name it
        does not find."""
        found = self._formats
        if found is None:
            loads = self._loads
            formats: list[TableFormat] = []

            def register(fmt: TableFormat) -> None:
                if not isinstance(fmt, TableFormat):
                    raise PluginError(f"{fmt!r} is not a gipparse.TableFormat")
                formats.append(fmt)

            self._call(self._pm.hook.gipparse_register_table_formats, register=register)
            found = tuple(formats)
            # Kept, then taken back if readers were registered meanwhile: told before it
            # is kept, another thread could register them and forget what was worked out
            # between the two, and these formats, without theirs, would stay.
            self._formats = found
            if not self._keep(loads):
                self._formats = None
        return found

    def table_format(self, name: str) -> TableFormat:
        loads = self._loads
        for fmt in self.table_formats():
            if fmt.name == name:
                return fmt
        if self._readers is not None or not self._keep(loads):
            # The format of a reader's tables, say (loaded by another thread while the
            # formats were looked through, maybe).
            self._load_readers()
            return self.table_format(name)
        known = ", ".join(sorted({f.name for f in self.table_formats()}))
        raise RenderError(f"unknown table format {name!r} (known: {known})")

    # -- text -------------------------------------------------------------------------

    def detect_script(self, text: str) -> str:
        script = self._hook(self._pm.hook.gipparse_detect_script, {"text": text})
        _check_result(script, str, "gipparse_detect_script")
        return script or "hans"

    def simplify(self, text: str, script: str, *, exact: bool = False) -> str:
        """*text* in Simplified script. Conversions for matching (``exact=False``) are
        cached per manager: labels and headings recur in every report, and a hook call
        costs more than the conversion itself."""
        if script == "hans":
            return text
        if exact:
            return self._simplify(text, script, exact)
        cache = self._simplified.get(script)
        if cache is None:
            cache = self._simplified[script] = {}
        found = cache.get(text)
        if found is None:
            if len(cache) >= _SIMPLIFY_CACHE_SIZE:
                cache.clear()
            found = cache[text] = self._simplify(text, script, exact)
        return found

    def prose_simplifier(self) -> Callable[[str], str] | None:
        """What converts prose (:attr:`Paragraph.simplified`) with these plugins: ``None``
        when only the built-in hooks tell and convert scripts (the nodes then convert
        the built-in way themselves), else a function calling the hooks."""
        if self._prose is None:
            hooks = (self._pm.hook.gipparse_detect_script, self._pm.hook.gipparse_simplify)
            builtin = {id(p) for p in builtin_plugins()}
            custom = any(id(i.plugin) not in builtin for h in hooks for i in h.get_hookimpls())
            self._prose = (self._simplify_prose,) if custom else ()
        return self._prose[0] if self._prose else None

    def _simplify_prose(self, text: str) -> str:
        return self.simplify(text, self.detect_script(text), exact=True)

    def _simplify(self, text: str, script: str, exact: bool) -> str:
        result: str | None = self._hook(
            self._pm.hook.gipparse_simplify, {"text": text, "script": script, "exact": exact}
        )
        _check_result(result, str, "gipparse_simplify")
        return text if result is None else result

    # -- templates --------------------------------------------------------------------

    def templates(self) -> tuple[Template, ...]:
        if self._templates is None:
            from .templates.engine import Template

            found: list[Template] = []

            def register(template: Template) -> None:
                if not isinstance(template, Template):
                    raise PluginError(f"{template!r} is not a gipparse.Template")
                found.append(template)

            self._call(self._pm.hook.gipparse_register_templates, register=register)
            self._templates = tuple(found)
        return self._templates

    # -- validation -------------------------------------------------------------------

    def validate(self, report: Report) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        for result in self._hook(self._pm.hook.gipparse_validate, {"report": report}):
            if result:
                found.extend(result)
        for d in found:
            _check_result(d, Diagnostic, "gipparse_validate")
        return found

    # -- plumbing ---------------------------------------------------------------------

    def _call(self, hook: Callable[..., Any], **kwargs: Any) -> Any:
        """Call a hook; an exception from a plugin becomes a PluginError naming it, unless
        it already is a GipparseError (a reader refusing a source, say)."""
        try:
            return hook(**kwargs)
        except GipparseError:
            raise
        except Exception as exc:
            raise _hook_failure(hook, exc) from exc

    def _hook(self, hook: Any, kwargs: dict[str, Any]) -> Any:
        """Call *hook* with *kwargs* as :meth:`_call` does (the first result that is not
        ``None`` of a ``firstresult`` hook, else the list of all its implementations'
        results that are not ``None``), calling its implementations directly when pluggy
        would do nothing more (see :meth:`_direct`)."""
        direct = self._direct(hook)
        if direct is None:
            return self._call(hook, **kwargs)
        calls, first = direct
        results = []
        try:
            for function, names in calls:
                result = function(*map(kwargs.__getitem__, names))
                if result is not None:
                    if first:
                        return result
                    results.append(result)
        except GipparseError:
            raise
        except Exception as exc:
            raise _hook_failure(hook, exc) from exc
        return None if first else results

    def _direct(self, hook: Any) -> _Direct | None:
        """The functions of *hook*'s implementations in the order pluggy calls them (the
        last registered first, ``tryfirst`` and ``trylast`` heeded), each with the names
        of the arguments it takes, and whether the hook's first result is its result:
        what pluggy's call does when no implementation wraps
        the others, none takes keyword-only arguments, the specification gives no
        defaults and no one traces or monitors the calls. ``None`` otherwise: pluggy
        calls the hook. A hook call costs pluggy several times what calling a built-in
        implementation does (several a report); the implementations are read again
        whenever a plugin is registered or unregistered."""
        try:
            impls = hook._hookimpls
            if self._pm._inner_hookexec is not _MULTICALL or _MULTICALL is None:
                return None  # traced or monitored
        except AttributeError:  # a pluggy that keeps them otherwise
            return None
        found = self._calls.get(hook.name)
        if found is not None and found[0] == impls:
            return found[1]
        # What is kept is made from one copy of the implementations: readers registered
        # meanwhile by another thread would otherwise be in the list kept and not in the
        # calls made from it, and the calls, without them, would stay.
        impls = list(impls)
        spec = hook.spec
        plain = (
            spec is not None
            and not getattr(spec, "kwargdefaults", True)
            and not hook.is_historic()
            and not any(i.hookwrapper or i.wrapper or i.kwargnames for i in impls)
        )
        calls: _Direct | None = None
        if plain:
            functions = tuple((i.function, tuple(i.argnames)) for i in reversed(impls))
            calls = (functions, bool(spec.opts.get("firstresult")))
        self._calls[hook.name] = (impls, calls)
        return calls


#: What :meth:`PluginManager._direct` finds of a hook: its implementations' functions in
#: the order pluggy calls them, each with the names of its arguments, and whether the
#: hook's first result that is not ``None`` is its result.
_Direct = tuple[tuple[tuple[Callable[..., Any], tuple[str, ...]], ...], bool]


def _hook_failure(hook: Any, exc: Exception) -> PluginError:
    return PluginError(
        f"{type(exc).__name__} in hook {getattr(hook, 'name', hook)}: {exc}",
        plugin=culprit_of(exc),
    )


def _check_result(value: object, kind: type | tuple[type, ...], hook: str) -> None:
    """A plugin's result of the wrong type becomes a PluginError here, not an
    AttributeError deep in the pipeline."""
    if value is not None and not isinstance(value, kind):
        names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        raise PluginError(f"hook {hook} returned {type(value).__name__} {value!r:.60}, not {names}")


def _check_document(doc: SourceDocument) -> None:
    _check_result(doc, SourceDocument, "gipparse_read_source")
    _check_result(doc.text, str, "gipparse_read_source (SourceDocument.text)")
    for block in doc.blocks or ():
        _check_result(block, (Paragraph, Table), "gipparse_read_source (SourceDocument.blocks)")
    for d in doc.diagnostics:
        _check_result(d, Diagnostic, "gipparse_read_source (SourceDocument.diagnostics)")


def _register(pm: pluggy.PluginManager, plugin: object, name: str | None = None) -> None:
    label = name or _plugin_label(plugin)
    try:
        pm.register(plugin, name=name)
    except ValueError as exc:
        raise PluginError(str(exc), plugin=label) from exc
    except pluggy.PluginValidationError as exc:
        raise PluginError(str(exc), plugin=label) from exc


def installed_path() -> list[str]:
    """The folders of :data:`sys.path` that make up the installed environment: all but the
    current directory, which ``python -m`` and ``python -c`` put first. A ``*.dist-info``
    folder that happens to lie where a command is run (a downloaded archive unpacked
    there) must not load code into gipparse.

    A folder is the current directory when it is the same file (device and inode, what
    :func:`os.path.samefile` compares): one ``stat`` each, where resolving every link of
    every folder with :func:`os.path.realpath` cost more than reading the entry points."""
    import sys

    try:
        here: os.stat_result | None = os.stat(os.curdir)
    except OSError:
        here = None
    kept = []
    for entry in sys.path:
        if entry in ("", "."):
            continue
        if here is not None:
            try:
                found = os.stat(entry)
            except (OSError, ValueError):
                pass
            else:
                if os.path.samestat(found, here):
                    continue
        kept.append(entry)
    return kept


def autoload_disabled() -> bool:
    """Whether ``GIPPARSE_DISABLE_PLUGIN_AUTOLOAD`` turns the loading of installed plugins
    off: set and not empty, as pytest reads ``PYTEST_DISABLE_PLUGIN_AUTOLOAD`` (``=0`` is
    set too: it turns autoloading off)."""
    return bool(os.environ.get(AUTOLOAD_ENV))


def missing_plugin_reason(plugin: str) -> str:
    """Why files that the plugin distribution *plugin* reads were not read: it is not
    installed, or installed plugins are not loaded."""
    if autoload_disabled():
        return (
            f"installed plugins are not loaded ({AUTOLOAD_ENV} is set), so {plugin} is not "
            "used even if installed; unset it, or pass the plugin with plugins=[...]"
        )
    return f"install {plugin}"


def _declared_entry_points() -> dict[str, list[tuple[str, str]]] | None:
    """``(name, value)`` of every entry point of the ``gipparse`` and ``gipparse.readers``
    groups (:data:`ENTRY_POINT_GROUP`, :data:`READER_GROUP`) declared by the distributions
    in the folders of :data:`sys.path`, by group, in the order :mod:`importlib.metadata`
    finds them: one scan of the environment for both.

    :mod:`importlib.metadata` costs some 25 ms to import and to scan an environment, more
    than all the rest of a one-report ``gipparse export``; reading the ``entry_points.txt``
    files costs about one. The reading follows importlib.metadata: distributions in
    ``sys.path`` order, folder listing order, the first of a name winning. ``None`` when the
    environment holds what only importlib.metadata reads (a zip archive or an egg on the
    path, a custom distribution finder).
    """
    import sys
    from importlib.machinery import PathFinder

    if any(
        hasattr(finder, "find_distributions") and finder is not PathFinder
        for finder in sys.meta_path
    ):
        return None
    found: dict[str, list[tuple[str, str]]] = {group: [] for group in _GROUPS}
    seen: set[str] = set()
    for entry in installed_path():
        if entry.lower().endswith(".egg"):
            return None
        folder = entry or "."
        try:
            names = os.listdir(folder)
        except NotADirectoryError:
            return None
        except OSError:
            continue
        for name in _metadata_names(names):
            low = name.lower()
            if low.endswith(".egg"):
                return None
            distribution = low.rpartition(".")[0].partition("-")[0]
            if "." in distribution or "__" in distribution:
                # (A name of letters, digits and single underscores is its own
                # normalised form: most are, and the pattern costs more than the test.)
                distribution = _DIST_NAME_RE.sub("_", distribution)
            if distribution in seen:
                continue
            seen.add(distribution)
            # (Joined by hand: os.path.join costs more than reading the file.)
            data = _read_small(f"{folder}{os.sep}{name}{os.sep}entry_points.txt")
            if data is None or _GROUP_HEADER not in data:
                continue
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                continue
            _sections(text, found)
    return found


_METADATA_SUFFIXES = (".dist-info", ".egg-info", ".egg")


def _metadata_names(names: list[str]) -> list[str]:
    """The names of a folder listing that end, in any case, as a distribution's metadata
    or an egg does, in listing order: searched for in the listing joined by NUL (which no
    name holds) rather than by testing each of its hundreds of names."""
    joined = "\0".join(names) + "\0"
    low = joined.lower()
    if len(low) != len(joined):  # a character lowered to several: name by name
        return [n for n in names if n.lower().endswith(_METADATA_SUFFIXES)]
    found = []
    for suffix in _METADATA_SUFFIXES:
        ending = suffix + "\0"
        at = low.find(ending)
        while at >= 0:
            start = low.rfind("\0", 0, at) + 1
            found.append((start, joined[start : at + len(suffix)]))
            at = low.find(ending, at + 1)
    found.sort()
    return [name for _, name in found]


#: What the header of either group starts with (``[gipparse]``, ``[gipparse.readers]``).
_GROUP_HEADER = f"[{ENTRY_POINT_GROUP}".encode()


def _read_small(path: str) -> bytes | None:
    """The bytes of the file *path*, ``None`` when it cannot be read: plain system calls,
    where :func:`open` builds a buffered text file for each of an environment's
    distributions. Most distributions have no ``entry_points.txt``: whether the file is
    there is asked first (a failed :func:`os.open` raises an exception, which costs more
    than the system call)."""
    try:
        if not os.access(path, os.F_OK):
            return None
        fd = os.open(path, os.O_RDONLY)
    except (OSError, ValueError):
        return None
    try:
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    except OSError:
        return None
    finally:
        os.close(fd)
    return b"".join(chunks)


def _sections(text: str, found: dict[str, list[tuple[str, str]]]) -> None:
    """Add the ``name = value`` pairs of the sections of an ``entry_points.txt`` named by
    the keys of *found* to their lists."""
    pairs = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            pairs = found.get(line.strip("[]"))
        elif pairs is not None and "=" in line:
            name, _, value = line.partition("=")
            pairs.append((name.strip(), value.strip()))


def _load_entry_point(value: str) -> object:
    """The object an entry point names: ``module`` or ``module:attribute.path``."""
    import importlib

    match = _ENTRY_POINT_RE.match(value)
    if match is None:
        raise ValueError("not of the form module or module:attribute")
    target: object = importlib.import_module(match["module"])
    for attribute in filter(None, (match["attr"] or "").split(".")):
        target = getattr(target, attribute)
    return target


def _declared_plugins() -> dict[str, list[tuple[str, str]]]:
    """``(name, value)`` of the entry points of both groups, by group: read from the
    ``entry_points.txt`` files (:func:`_declared_entry_points`), else by
    :mod:`importlib.metadata`."""
    declared = _declared_entry_points()
    if declared is not None:
        return declared
    from importlib.metadata import EntryPoints, distributions

    # importlib.metadata.entry_points() reads every folder of sys.path, the current one
    # included: the installed environment only is read, as above.
    seen: set[str] = set()
    declared = {group: [] for group in _GROUPS}
    for dist in distributions(path=installed_path()):
        name = _DIST_NAME_RE.sub("_", (dist.metadata["Name"] or "").lower())
        if name in seen:
            continue
        seen.add(name)
        found = EntryPoints(dist.entry_points)
        for group, pairs in declared.items():
            pairs.extend((ep.name, ep.value) for ep in found.select(group=group))
    return declared


def _load_entry_points(
    declared: Sequence[tuple[str, str]],
) -> list[tuple[tuple[str, str], object]]:
    """The plugins of the entry points *declared*, each with its ``(name, value)``, loaded
    in the order of their names (then values): the same order, and so the same order of
    hook calls, whatever order the distributions were installed in."""
    loaded = []
    for name, value in sorted(declared):
        try:
            loaded.append(((name, value), _load_entry_point(value)))
        except Exception as exc:
            raise PluginError(
                f"cannot load entry point {value!r}: {type(exc).__name__}: {exc}",
                plugin=name,
            ) from exc
    return loaded


def is_vendored() -> bool:
    """Whether this copy of gipparse lives under another package (``host._vendor.gipparse``).

    The plugins of the ``gipparse`` entry-point group are written against the installed
    ``gipparse``: loaded into a vendored copy, they would import that other copy and hand
    it objects of its classes. A vendored copy therefore loads none unless asked to
    (``create_plugin_manager(entry_points=True)``); it takes plugins passed to it."""
    return __name__.partition(".")[0] != "gipparse"


def create_plugin_manager(
    *, plugins: Sequence[object] = (), entry_points: bool | None = None
) -> PluginManager:
    """Build a plugin manager: built-ins, then entry points, then *plugins*.

    The plugins of the ``gipparse`` entry-point group are loaded now; the readers of the
    ``gipparse.readers`` group are found now and loaded when first needed (a source that
    is not a text report, a folder walk, a listing of the plugins), registered in their
    place: among the ``gipparse`` entry points, in the order of the names of both
    groups' entry points, before *plugins*.

    :param plugins: extra plugin objects (modules, classes or instances) for this manager.
    :param entry_points: load plugins from the ``gipparse`` and ``gipparse.readers``
        entry-point groups; by default yes, unless the environment variable
        ``GIPPARSE_DISABLE_PLUGIN_AUTOLOAD`` is set or this is a vendored copy (see
        :func:`is_vendored`).
    :raises PluginError: a plugin cannot be loaded, is registered twice, implements a
        hook that does not exist (a misspelt name), or (one of *plugins*) implements none.
        A reader of the ``gipparse.readers`` group raises it when it is loaded.
    """
    _check_plugins(plugins)
    pm = _Pluggy(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    for plugin in builtin_plugins():
        _register(pm, plugin)
    if entry_points is None:
        entry_points = not autoload_disabled() and not is_vendored()
    readers: list[tuple[str, str]] = []
    entries: list[tuple[tuple[str, str], object]] = []
    if entry_points:
        declared = _declared_plugins()
        eager = declared[ENTRY_POINT_GROUP]
        for key, plugin in _load_entry_points(eager):
            if pm.is_registered(plugin):
                continue
            _register(pm, plugin, key[0])
            entries.append((key, plugin))
        readers = declared[READER_GROUP]
    for plugin in plugins:
        _register(pm, plugin)
        if not pm.get_hookcallers(plugin):
            # Registered all the same by pluggy, and nothing would ever call it: a name
            # passed for the plugin itself, say.
            raise PluginError(
                f"{plugin!r:.80} implements no gipparse hook: a "
                "plugin is a module, class or instance with functions named after the "
                "hooks (gipparse_*)",
                plugin=_plugin_label(plugin),
            )
    _check_pending(pm)
    manager = PluginManager(pm)
    if readers:
        from .source.reader import SUFFIXES

        manager._readers = readers
        manager._entries = tuple(entries)
        manager._after_readers = tuple(plugins)
        manager._text_suffixes = SUFFIXES
    return manager


def _register_readers(
    pm: pluggy.PluginManager,
    loaded: list[tuple[tuple[str, str], object]],
    registered: list[object],
) -> None:
    """Register the readers *loaded* (adding each to *registered*), checking that each
    is no more than a reader; but those already registered (declared twice)."""
    for (name, _), plugin in loaded:
        if pm.is_registered(plugin):
            continue
        _register(pm, plugin, name)
        registered.append(plugin)
        _check_reader(pm, plugin, name)
    _check_pending(pm)


def _check_pending(pm: pluggy.PluginManager) -> None:
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(str(exc), plugin=_plugin_label(exc.plugin)) from exc


def _check_reader(pm: pluggy.PluginManager, plugin: object, name: str) -> None:
    """Refuse the registered plugin *plugin* of the ``gipparse.readers`` group when it
    implements a hook a reader may not (:data:`READER_HOOKS`), wraps a hook, or registers
    a table format that parses text: loaded only for some sources, it would change what a
    text report gives depending on whether it had been loaded."""
    where = (
        f"a plugin of the {READER_GROUP} entry-point group is a reader, loaded only when a "
        "source that is not a text report, a folder walk or a listing of the plugins needs "
        "it: it may implement only " + ", ".join(sorted(READER_HOOKS))
    )
    instead = f"; publish it in the {ENTRY_POINT_GROUP} entry-point group instead"
    for caller in pm.get_hookcallers(plugin) or ():
        if caller.name not in READER_HOOKS:
            raise PluginError(f"implements {caller.name}, but {where}{instead}", plugin=name)
        for impl in caller.get_hookimpls():
            if impl.plugin is plugin and (impl.hookwrapper or impl.wrapper):
                raise PluginError(
                    f"wraps {caller.name}, but {where}, as plain implementations{instead}",
                    plugin=name,
                )
            if impl.plugin is plugin and caller.name == "gipparse_register_table_formats":
                formats: list[object] = []
                try:
                    impl.function(*[formats.append for _ in impl.argnames])
                except GipparseError:
                    raise
                except Exception as exc:
                    raise _hook_failure(caller, exc) from exc
                for fmt in formats:
                    if getattr(fmt, "parses", False):
                        raise PluginError(
                            f"registers the table format {getattr(fmt, 'name', fmt)!r}, "
                            f"which parses text, but {where}, and its table formats only "
                            "render the tables it reads (parses = False, as "
                            "RenderOnlyFormat); publish a format that finds tables in text "
                            f"in the {ENTRY_POINT_GROUP} entry-point group",
                            plugin=name,
                        )


def _check_plugins(plugins: object) -> None:
    """Refuse *plugins* given as one string: a sequence, but of characters."""
    if isinstance(plugins, (str, bytes)):
        raise PluginError(
            "plugins must be a list of plugin objects (modules, classes or instances), "
            f"not {type(plugins).__name__} {plugins!r:.80}"
        )


_default: PluginManager | None = None


def default_plugin_manager() -> PluginManager:
    """The manager used when a call names no plugins; built on first use, never at import."""
    global _default  # noqa: PLW0603
    if _default is None:
        _default = create_plugin_manager()
    return _default


#: Managers built for the plugins of a call, by the identity of those plugins (held with
#: them, so that an identity is not reused): building one costs four times a report.
_FOR_PLUGINS: dict[tuple[int, ...], tuple[tuple[object, ...], PluginManager]] = {}
_FOR_PLUGINS_LIMIT = 8


def plugin_manager_for(plugins: Sequence[object] | None) -> PluginManager:
    """The manager of a call: the default one without *plugins*, else the one built for
    these plugin objects, built once like the default one (the last few are kept)."""
    if not plugins:
        return default_plugin_manager()
    _check_plugins(plugins)
    plugins = tuple(plugins)
    key = tuple(map(id, plugins))
    found = _FOR_PLUGINS.get(key)
    if found is not None:
        return found[1]
    manager = create_plugin_manager(plugins=plugins)
    if len(_FOR_PLUGINS) >= _FOR_PLUGINS_LIMIT:
        _FOR_PLUGINS.pop(next(iter(_FOR_PLUGINS), ()), None)
    _FOR_PLUGINS[key] = (plugins, manager)
    return manager


def schema_keys(template: str | None = None, *, plugins: Sequence[object] = ()) -> tuple[str, ...]:
    """The statistic keys of *template*, in template order.

    With no template: the union of every registered template's keys, the oldest template's
    (by :attr:`Template.first_year`) in its order first, then the keys each later template
    adds, in its order (``2020``'s keys, then the ``2021``-only keys).

    :raises ValueError: no template has that id.
    """
    from .templates.engine import find_template

    templates = plugin_manager_for(plugins).templates()
    if template is not None:
        return find_template(template, templates).keys
    seen: dict[str, None] = {}
    for t in sorted(templates, key=lambda t: t.first_year):
        seen.update(dict.fromkeys(t.keys))
    return tuple(seen)
