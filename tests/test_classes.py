"""Classes made from their description (:mod:`gipparse.classes`) are the classes attrs
makes, and the description is current."""

from __future__ import annotations

import gc
import importlib
import pickle
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import attrs
import pytest

import gipparse
from gipparse import classes
from gipparse.classes import gen, made

for _name in gen.modules():
    importlib.import_module(_name)

#: The classes gipparse makes at import and for its first report.
EXPECTED = {
    *(
        f".tree.nodes:{name}"
        for name in (
            "Diagnostic",
            "Cell",
            "Row",
            "Table",
            "Paragraph",
            "Heading",
            "Section",
            "Metadata",
            "Report",
            "SourceDocument",
        )
    ),
    ".tables.formats:TableParse",
    *(f".templates.schema:{n}" for n in ("Column", "RowSpec", "TableSpec", "Relation", "Schema")),
    ".templates.statistics:Statistics",
    ".templates.engine:Template",
    *(f".templates.views:{n}" for n in ("ActiveItem", "ActiveDisclosure", "ApplicantCounts")),
}

usable = pytest.mark.skipif(
    not classes._USABLE, reason="the description is written for another attrs or Python"
)


def _class(key: str) -> Any:
    module, _, qualname = key.partition(":")
    return getattr(sys.modules["gipparse" + module], qualname)


def _truths() -> dict[str, Any]:
    """Every class made again by attrs, from what its class statement made."""
    truths: dict[str, Any] = {}
    for key in classes.ASKED:
        truths[key] = gen.by_attrs(truths, key)[0]
    return truths


@usable
def test_the_description_is_what_gen_writes(tmp_path: Path) -> None:
    # Written by a fresh process, as the command below writes it: what gen describes
    # follows the order in which a process asks for the classes, which tests run before
    # this one would change.
    folder = Path(made.__file__).parent
    subprocess.run(
        [sys.executable, "-m", "gipparse.classes.gen", str(tmp_path)], check=True, timeout=120
    )
    written = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    assert set(written) == {"made.py", *(f"{m}.py" for m in made.ELSEWHERE.values())}
    for name, text in written.items():
        assert (folder / name).read_text(encoding="utf-8") == text, (
            "run: python -m gipparse.classes.gen src/gipparse/classes"
        )


def test_the_description_is_used_with_the_attrs_and_python_it_was_written_for() -> None:
    written_for = (
        sys.implementation.name == "cpython"
        and sys.version_info[:2] == made.VERSION
        and classes.fingerprint() == made.ATTRS
    )
    assert written_for == classes._USABLE


@usable
def test_every_class_is_made_from_its_description() -> None:
    # Fails when a class changed (a field added, a method, a setting) and the description
    # was not written again: the class is then made by attrs, correct but slow.
    assert set(classes.ASKED) >= EXPECTED
    described = set(made.CLASSES)
    for module in made.ELSEWHERE.values():
        described |= set(importlib.import_module(f"gipparse.classes.{module}").CLASSES)
    assert described == set(classes.ASKED)
    for key in classes.ASKED:
        assert _class(key) in classes.MADE, f"{key}: run python -m gipparse.classes.gen"


def _same_function(ours: Any, theirs: Any, name: str) -> None:
    for attribute in ("__name__", "__qualname__", "__module__", "__doc__", "__annotations__"):
        assert getattr(ours, attribute) == getattr(theirs, attribute), (name, attribute)
    assert ours.__kwdefaults__ == theirs.__kwdefaults__, name
    assert ours.__defaults__ == theirs.__defaults__ or name == "__init__", name
    assert [type(d) for d in ours.__defaults__ or ()] == [
        type(d) for d in theirs.__defaults__ or ()
    ], name
    code, their_code = ours.__code__, theirs.__code__
    assert code.co_varnames == their_code.co_varnames, name
    if name != "__hash__":  # attrs writes the class's hash salt into the code
        assert code.co_code == their_code.co_code, name
        assert code.co_names == their_code.co_names, name
    # The same globals, but for the module's names defined since the class was made.
    module = sys.modules[theirs.__module__ or "builtins"].__dict__ if theirs.__module__ else {}
    own = [k for k in ours.__globals__ if k not in module or k == "__builtins__"]
    assert own == [k for k in theirs.__globals__ if k not in module or k == "__builtins__"]
    for k in own:
        if k == "attr_dict":
            assert {n: a.__getstate__() for n, a in ours.__globals__[k].items()} == {
                n: a.__getstate__() for n, a in theirs.__globals__[k].items()
            }
        else:
            assert ours.__globals__[k] == theirs.__globals__[k], (name, k)


#: Fields whose slot the module wraps in a descriptor of its own after making the class:
#: packed spans (Cell, Row), rows built when first asked for (Table), sources made when
#: first asked for (Statistics).
_REPLACED = {
    (".tree.nodes:Cell", "span"),
    (".tree.nodes:Row", "span"),
    (".tree.nodes:Table", "rows"),
    (".templates.statistics:Statistics", "sources"),
}


@usable
@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_a_class_is_what_attrs_makes(key: str) -> None:
    ours, theirs = _class(key), _truths()[key]
    assert list(ours.__dict__) == list(theirs.__dict__)
    assert [c.__qualname__ for c in ours.__mro__] == [c.__qualname__ for c in theirs.__mro__]
    assert type(ours) is type(theirs)
    for name, value in ours.__dict__.items():
        other = theirs.__dict__[name]
        if name == "__attrs_attrs__":
            assert type(value).__name__ == type(other).__name__
            assert [type(value).__dict__[a.name].__class__ for a in value] == [
                type(other).__dict__[a.name].__class__ for a in other
            ]
            assert [a.__getstate__() for a in value] == [a.__getstate__() for a in other]
            assert all(a.default is b.default for a, b in zip(value, other, strict=True))
            assert all(a.metadata is b.metadata for a, b in zip(value, other, strict=True))
        elif name == "__attrs_props__":
            assert [getattr(value, s) for s in type(value).__slots__] == [
                getattr(other, s) for s in type(other).__slots__
            ]
        elif name in ("__getstate__", "__setstate__"):
            assert value.__code__ is other.__code__
            # attrs's (closures over the field names), or the class body's own
            assert [c.cell_contents for c in value.__closure__ or ()] == [
                c.cell_contents for c in other.__closure__ or ()
            ]
        elif name == "__getattr__" and "<attrs generated" in other.__code__.co_filename:
            _same_function(value, other, name)
            assert [c.cell_contents for c in value.__closure__] == [
                ours if c.cell_contents is theirs else c.cell_contents for c in other.__closure__
            ]
        elif isinstance(value, types.FunctionType) and "<attrs generated" in (
            other.__code__.co_filename
        ):
            _same_function(value, other, name)
        elif isinstance(value, types.FunctionType):
            assert value.__code__ is other.__code__, name  # the body's own
        elif isinstance(value, types.MemberDescriptorType | types.GetSetDescriptorType):
            assert type(value) is type(other), name
        elif (key, name) in _REPLACED:
            assert isinstance(other, types.MemberDescriptorType)  # replaced by the module
        else:
            assert value is other or value == other, name


def _instances(cls: type) -> list[Any]:
    gc.collect()
    return [o for o in gc.get_objects() if type(o) is cls][:40]


@pytest.fixture(scope="module")
def live() -> list[Any]:
    """Objects of every class, as gipparse makes them."""
    kept: list[Any] = []
    manager = gipparse.create_plugin_manager()
    for path in gipparse.sample_paths():
        kept.append(gipparse.load(path))
        kept.append(manager.read_source(str(path), path.read_bytes()))
    report = kept[0]
    for stats in (r.statistics for r in kept[::2]):
        kept += [stats.active, stats.applications, stats.appeals]
    kept.append(gipparse.TableParse(report.tables[0], 3, report.diagnostics[:1]))
    return kept


@usable
@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_objects_behave_as_attrs_makes_them(key: str, live: list[Any]) -> None:
    ours, theirs = _class(key), _truths()[key]
    found = _instances(ours)
    assert found, f"no {key} made by gipparse"
    fields = attrs.fields(ours)
    assert [f.name for f in fields] == [f.name for f in attrs.fields(theirs)]
    assert ours.__match_args__ == theirs.__match_args__
    for obj in found:
        kwargs = {f.alias: getattr(obj, f.name) for f in fields if f.init}
        a, b = ours(**kwargs), theirs(**kwargs)
        assert repr(a) == repr(b)
        assert attrs.asdict(a, recurse=False) == attrs.asdict(b, recurse=False)
        assert a.__getstate__() == b.__getstate__()
        assert a == ours(**kwargs)
        assert b == theirs(**kwargs)
        assert (a != ours(**kwargs)) is False
        assert (b != theirs(**kwargs)) is False
        assert ours.__eq__(a, b) is NotImplemented
        assert theirs.__eq__(b, a) is NotImplemented
        assert (hash(a) == hash(b)) == (ours.__hash__ is not None)
        assert attrs.evolve(a) == a
        assert a == obj or any(not f.eq for f in fields) or key.endswith("Statistics")
        for field in fields:
            for target in (a, b):
                with pytest.raises(attrs.exceptions.FrozenInstanceError):
                    setattr(target, field.name, None)
                with pytest.raises(attrs.exceptions.FrozenInstanceError):
                    delattr(target, field.name)
        if key.startswith(".tree."):
            assert pickle.loads(pickle.dumps(a)) == a
            assert pickle.loads(pickle.dumps(obj)) == obj


def test_a_changed_class_is_made_by_attrs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A class whose body is not the one described (a field added, say, and the
    description not written again) is made by attrs: correct, and
    :func:`test_every_class_is_made_from_its_description` says it."""
    name, bases, namespace, _ = classes.ASKED[".tree.nodes:Cell"]

    def statement(**more: Any) -> type:
        body = {**namespace, "__qualname__": "Cell", **more}
        body["__annotations__"] = {**namespace["__annotations__"], **more.pop("ann", {})}
        body.pop("ann", None)
        return type(name, bases, body)

    same = classes.frozen(statement())
    assert (same in classes.MADE) == classes._USABLE
    changed = classes.frozen(statement(ann={"note": "str"}, note=""))
    assert changed not in classes.MADE
    assert [f.name for f in attrs.fields(changed)] == ["raw", "span", "note"]
    assert changed("x", None, "n") != changed("x", None, "m")
    monkeypatch.setattr(classes, "_USABLE", False)
    assert classes.frozen(statement()) not in classes.MADE


def test_another_attrs_is_told_by_its_code(monkeypatch: pytest.MonkeyPatch) -> None:
    written_for = classes.fingerprint()
    script = classes._make._make_repr_script
    code = script.__code__
    assert "  try:" in code.co_consts
    changed = tuple(c + " " if c == "  try:" else c for c in code.co_consts)
    monkeypatch.setattr(script, "__code__", code.replace(co_consts=changed))
    assert classes.fingerprint() != written_for  # a string of the source it writes
    monkeypatch.setattr(script, "__code__", code)
    assert classes.fingerprint() == written_for
    monkeypatch.delattr(classes._make, "_make_eq_script")
    assert classes.fingerprint() is None


def test_an_attribute_is_given_all_its_slots_or_none() -> None:
    """The slots of an attribute made from a description are set all at once, from a state
    of exactly as many values (as ``zip(..., strict=True)`` would insist)."""
    import attrs

    from gipparse import classes

    field = attrs.fields(gipparse.Diagnostic)[0]
    state = classes._ATTRIBUTE_STATE(field)
    copy = object.__new__(type(field))
    classes._set_slots(copy, state)
    assert classes._ATTRIBUTE_STATE(copy) == state
    with pytest.raises(ValueError, match="slots"):
        classes._set_slots(object.__new__(type(field)), state[:-1])
