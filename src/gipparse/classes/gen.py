"""Writes :mod:`gipparse.classes.made` (and the modules :data:`SEPARATE` names): what
attrs makes of each class of gipparse's modules that :func:`gipparse.classes.frozen`
makes (see :mod:`gipparse.classes`).

    python -m gipparse.classes.gen src/gipparse/classes

(It writes the files itself: a shell redirection would empty the module it imports.)

Each class is made again by ``attrs.frozen`` from what its class statement made, with
attrs's own work recorded: the source it compiles, the globals it compiles it with, the
namespace it gives the class. A class whose making this does not know how to record (a
validator, a converter, a custom comparison...) is left out, and made by attrs at run
time. ``tests/test_classes.py`` checks that the modules are what this writes.
"""

from __future__ import annotations

import ast
import enum
import importlib
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs
from attr import _make as _attr_make

from . import ASKED, _key, fingerprint, signature

_make: Any = _attr_make

_ROOT = Path(__file__).resolve().parent.parent

#: The attrs functions a class's namespace may hold, by name.
_SHARED = {"_frozen_setattrs", "_frozen_delattrs", "__ne__"}
#: The values a repr snippet's globals hold.
_REPR_GLOBALS = {"_compat", "AttributeError", "NOTHING"}


class Unsupported(Exception):
    """attrs makes the class in a way :mod:`gipparse.classes` does not replay."""


def _imports_frozen(text: str) -> bool:
    """Whether the module *text* imports :func:`gipparse.classes.frozen`, with other names
    of that module or not."""
    for line in text.splitlines():
        module, _, names = line.partition(" import ")
        words = module.split()
        if (
            len(words) == 2
            and words[0] == "from"
            and words[1].startswith(".")
            and words[1].lstrip(".") == "classes"
            and "frozen" in [name.strip() for name in names.split(",")]
        ):
            return True
    return False


def modules() -> list[str]:
    """The modules of the package that make classes through :mod:`gipparse.classes`."""
    found = []
    for path in sorted(_ROOT.rglob("*.py")):
        if path.parent.name == "classes":
            continue
        if not _imports_frozen(path.read_text("utf-8")):
            continue
        parts = path.relative_to(_ROOT.parent).with_suffix("").parts
        found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


class Recorded:
    """What attrs did to make one class."""

    def __init__(self) -> None:
        self.snippets: list[tuple[str, dict[str, Any], Any]] = []
        self.compiled: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = []
        self.namespace: dict[str, Any] = {}


@contextmanager
def recording() -> Iterator[Recorded]:
    """Record what attrs does while the block makes one class."""
    seen = Recorded()
    builder = _make._ClassBuilder
    eval_snippets = builder._eval_snippets
    create_slots_class = builder._create_slots_class
    linecache_and_compile = _make._linecache_and_compile

    def _eval_snippets(self: Any) -> None:
        seen.snippets = list(self._script_snippets)
        eval_snippets(self)

    def _create_slots_class(self: Any) -> type:
        seen.namespace = dict(self._cls_dict)
        made: type = create_slots_class(self)
        return made

    def _linecache_and_compile(
        script: str, filename: str, globs: dict[str, Any], locals: Any = None
    ) -> dict[str, Any]:
        seen.compiled.append((script, filename, dict(globs), dict(locals or {})))
        compiled: dict[str, Any] = linecache_and_compile(script, filename, globs, locals)
        return compiled

    builder._eval_snippets = _eval_snippets
    builder._create_slots_class = _create_slots_class
    _make._linecache_and_compile = _linecache_and_compile
    try:
        yield seen
    finally:
        builder._eval_snippets = eval_snippets
        builder._create_slots_class = create_slots_class
        _make._linecache_and_compile = linecache_and_compile


def by_attrs(truths: dict[str, type], key: str) -> tuple[Any, Recorded]:
    """The class of *key* (see :data:`ASKED`) made again by attrs, from what its class
    statement made, on bases made by attrs too (*truths*); and what attrs did."""
    name, bases, namespace, keywords = ASKED[key]
    bases = tuple(truths.get(_key(b.__module__, b.__qualname__), b) for b in bases)
    body = dict(namespace)
    if "__annotations__" in body:
        body["__annotations__"] = dict(body["__annotations__"])
    body["__qualname__"] = qualname = key.rpartition(":")[2]
    # Methods that name their class (``super()``) name the class made from this body:
    # the copies made here name the class made again (which attrs then replaces).
    cells = []
    for k, v in body.items():
        if isinstance(v, types.FunctionType) and v.__closure__:
            closure = []
            for cell in v.__closure__:
                contents = cell.cell_contents
                if isinstance(contents, type) and (
                    _key(contents.__module__, contents.__qualname__) == key
                ):
                    cell = types.CellType()  # noqa: PLW2901
                    cells.append(cell)
                closure.append(cell)
            copy = types.FunctionType(
                v.__code__, v.__globals__, v.__name__, v.__defaults__, tuple(closure)
            )
            copy.__kwdefaults__ = v.__kwdefaults__
            copy.__dict__.update(v.__dict__)
            copy.__qualname__ = v.__qualname__
            copy.__doc__ = v.__doc__
            copy.__annotations__ = v.__annotations__
            body[k] = copy
    original = type(name, bases, body)
    for cell in cells:
        cell.cell_contents = original
    del qualname
    with recording() as seen:
        made: Any = attrs.frozen(original, **keywords)
    return made, seen


def _encode(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return (type(value).__name__, value.name)
    if value is attrs.setters.NO_OP:
        return ("setters", "NO_OP")
    if value is not None and not isinstance(value, bool):
        raise Unsupported(f"class setting {value!r}")
    return value


def describe(key: str, made: Any, seen: Recorded) -> tuple[str, str, str | None]:
    """``(description, methods source, getattr source)`` of the class of *key*: the
    description as the text of a tuple (see :func:`gipparse.classes._build`), the sources
    as functions named in it."""
    name, bases, namespace, keywords = ASKED[key]
    ident = key.replace(".", "_").replace(":", "__").strip("_")
    if "__attrs_init_subclass__" in dir(made) or "__attrs_pre_init__" in namespace:
        raise Unsupported("__attrs_init_subclass__ or __attrs_pre_init__")
    own = []
    for a in made.__attrs_attrs__:
        if a.inherited:
            continue
        if any(
            x is not None for x in (a.validator, a.converter, a.eq_key, a.order_key, a.on_setattr)
        ):
            raise Unsupported(f"field {a.name}: validator, converter, key or hook")
        if a.metadata:
            raise Unsupported(f"field {a.name}: metadata")
        state = a.__getstate__()
        own.append((state[0], *state[2:]))
    props = made.__attrs_props__
    prop_values = tuple(_encode(getattr(props, s)) for s in type(props).__slots__)
    if not props.collected_fields_by_mro or not props.is_slotted or not props.is_frozen:
        raise Unsupported("not a frozen slotted class collecting fields by MRO")

    steps: list[tuple[str, str, Any]] = []
    shared = {id(getattr(_make, n)): n for n in _SHARED}
    skip = set()
    for k, v in seen.namespace.items():
        if k in skip or k in ("__dict__", "__weakref__") or (k in namespace and namespace[k] is v):
            continue
        if k in namespace and getattr(v, "__code__", v) is getattr(namespace[k], "__code__", 0):
            continue  # a method of the body, copied by by_attrs
        if k == "__annotations__" and v == {**namespace[k], **v}:
            continue  # the body's (with cached properties' returns added)
        if k == "__attrs_attrs__":
            steps.append((k, "fields", None))
        elif k == "__attrs_props__":
            steps.append((k, "props", None))
        elif id(v) in shared:
            steps.append((k, "attrs", shared[id(v)]))
        elif k == "__getstate__":
            steps.append((k, "pickling", None))
            skip.add("__setstate__")
        elif isinstance(v, types.FunctionType) and v.__code__.co_filename.startswith(
            "<attrs generated methods "
        ):
            steps.append((k, "method", v.__annotations__ or None))
        elif v is None or (isinstance(v, tuple) and all(isinstance(x, str) for x in v)):
            steps.append((k, "value", v))
        else:
            raise Unsupported(f"namespace entry {k}: {v!r}")

    kinds = []
    names = {"_attach_repr": "repr", "_attach_eq": "eq", "attach_hash": "hash"}
    names["_attach_init"] = "init"
    module_dict = sys.modules[namespace["__module__"]].__dict__
    for _, globs, hook in seen.snippets:
        kind = names.get(hook.__name__)
        if kind is None:
            raise Unsupported(f"snippet {hook.__name__}")
        if kind == "repr":
            ok = set(globs) <= _REPR_GLOBALS
        elif kind == "init":
            ok = all(
                (k in module_dict and module_dict[k] is v)
                or k in ("NOTHING", "attr_dict", "_cached_setattr_get")
                or k.startswith("__attr_factory_")
                for k, v in globs.items()
            )
        else:
            ok = not globs
        if not ok:
            raise Unsupported(f"globals of the {kind} snippet: {sorted(globs)}")
        kinds.append(kind)

    methods = getattr_ = None
    for script, filename, _, locs in seen.compiled:
        if filename.startswith("<attrs generated methods "):
            type_hash = str(hash(_make._generate_unique_filename(made, "hash")))
            text = script
            if "hash" in kinds:
                if script.count(type_hash) != 1:
                    raise Unsupported("the hash script")
                text = script.replace(type_hash, "_type_hash")
            methods = _function(f"_methods_{ident}", "_type_hash", text)
        elif filename.startswith("<attrs generated getattr "):
            if set(locs) != {"_cls"}:
                raise Unsupported("getattr locals")
            getattr_ = _function(f"_getattr_{ident}", "_cls", script)
        else:
            raise Unsupported(f"compiled {filename}")

    description = (
        "(\n"
        f"        {signature(name, bases, namespace, keywords)!r},\n"
        f"        {tuple(own)!r},\n"
        f"        {prop_values!r},\n"
        f"        {tuple(steps)!r},\n"
        f"        {tuple(kinds)!r},\n"
        f"        {'_methods_' + ident if methods else None},\n"
        f"        {'_getattr_' + ident if getattr_ else None},\n"
        f"        {made.__slots__!r},\n"
        "    )"
    )
    return description, methods or "", getattr_


def _function(name: str, parameter: str, script: str) -> str:
    """*script* as the body of a function of *parameter* returning what it defines."""
    defined = []
    for node in ast.parse(script).body:
        if isinstance(node, ast.FunctionDef):
            defined.append(node.name)
        elif isinstance(node, ast.Assign):
            defined.extend(t.id for t in node.targets if isinstance(t, ast.Name))
    lines = [f"def {name}({parameter}):"]
    lines += [f"    {line}" if line.strip() else "" for line in script.splitlines()]
    lines.append("    return {" + ", ".join(f"{n!r}: {n}" for n in defined) + "}")
    return "\n".join(lines)


#: Modules ``import gipparse`` does not import: the description of their classes is a
#: module of its own, read when the first of them is made, rather than with everyone
#: else's at import. The templates' are read by the first report (a sixth of what
#: ``import gipparse`` would otherwise read and unmarshal of this package); the typed
#: views', only when asked for.
SEPARATE = {
    ".templates.engine": "made_templates",
    ".templates.schema": "made_templates",
    ".templates.statistics": "made_templates",
    ".templates.views": "made_views",
}


def sources() -> dict[str, str]:
    """The text of :mod:`gipparse.classes.made` and of the modules :data:`SEPARATE` names,
    by file name."""
    for name in modules():
        importlib.import_module(name)
    truths: dict[str, type] = {}
    functions: dict[str, list[str]] = {"made": []}
    entries: dict[str, list[str]] = {"made": []}
    left_out = []
    for key in ASKED:
        made, seen = by_attrs(truths, key)
        truths[key] = made
        try:
            description, methods, getattr_ = describe(key, made, seen)
        except Unsupported as why:
            left_out.append(f"#   {key}: {why}")
            continue
        where = SEPARATE.get(key.partition(":")[0], "made")
        functions.setdefault(where, []).extend(f for f in (methods, getattr_) if f)
        entries.setdefault(where, []).append(f"    {key!r}: {description},")
    texts = {}
    for where, listed in entries.items():
        head = [
            '"""What attrs makes of gipparse\'s classes, for the attrs and the Python named in',
            ":mod:`gipparse.classes.made`. Written by :mod:`gipparse.classes.gen`; do not edit.",
            '"""',
            "",
            "# ruff: noqa",
            "# mypy: ignore-errors",
            "# fmt: off",
        ]
        if where == "made":
            head += [
                f"VERSION = {tuple(sys.version_info[:2])!r}",
                "#: The digest of the attrs making the classes so (gipparse.classes.fingerprint).",
                f"ATTRS = {fingerprint()!r}",
                "#: Modules whose classes are described in a module of their own.",
                f"ELSEWHERE = {dict(sorted(SEPARATE.items()))!r}",
                *(["#: Made by attrs at run time:", *left_out] if left_out else []),
            ]
        texts[f"{where}.py"] = "\n".join(
            [
                *head,
                "",
                "",
                *[f + "\n\n" for f in functions[where]],
                "#: class -> (signature, fields, class properties, namespace, snippets, methods,",
                "#: getattr, slots); see gipparse.classes._build.",
                "CLASSES = {",
                *listed,
                "}",
                "",
            ]
        )
    return texts


if __name__ == "__main__":
    for name, text in sources().items():
        (Path(sys.argv[1]) / name).write_text(text, encoding="utf-8")
