"""The built-in templates: a process makes the tables and keys of the templates it reads
only, and a template made so is the template of its schema in every way."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import tempfile
import textwrap
from typing import Any

import attrs
import pytest

import gipparse
from gipparse.templates import builtin
from gipparse.templates.engine import Template
from gipparse.templates.known import SCHEMAS

SAMPLES = {p.name[:3]: p for p in gipparse.sample_paths()}

# Run in a fresh process: reads one report, says which built-in templates have their
# tables yet and which data modules are imported, then the report as JSON.
FIRST_LOAD = textwrap.dedent(
    """
    import json, sys
    import gipparse
    from gipparse.templates import builtin

    report = gipparse.load(sys.argv[1])
    made = {t.id: object.__getattribute__(t, "_schema") is None for t in builtin.templates()}
    data = "gipparse.templates.y20"
    modules = sorted(m.rpartition(".")[2] for m in sys.modules if m.startswith(data))
    print(json.dumps({"made": made, "modules": modules}))
    print(gipparse.to_json(report))
    """
)


@pytest.mark.parametrize(
    ("seed", "template", "other"), [("000", "2020", "2021"), ("004", "2021", "2020")]
)
def test_the_first_report_of_a_process_makes_only_its_template(
    seed: str, template: str, other: str
) -> None:
    path = SAMPLES[seed]
    done = subprocess.run(
        [sys.executable, "-c", FIRST_LOAD, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    state, _, output = done.stdout.partition("\n")
    assert json.loads(state) == {
        "made": {template: True, other: False},
        "modules": [f"y{template}"],
    }
    # What the report reads is what it reads with every template made (this process has
    # made them both).
    for t in builtin.templates():
        assert t.tables
    expected = gipparse.load(path)
    assert expected.metadata.template == template
    assert output.rstrip("\n") == gipparse.to_json(expected)


def _deferred(schema_id: str, data: Any = None) -> Template:
    """The template of *schema_id* registered as what recognising a report asks of it, its
    schema given by *data* (by default a function returning it)."""
    schema = SCHEMAS[schema_id]
    return Template._deferred(
        schema.id,
        title=schema.title,
        first_year=schema.first_year,
        last_year=schema.last_year,
        markers=schema.markers,
        schema=data if data is not None else lambda: schema,
    )


@pytest.mark.parametrize("schema_id", sorted(SCHEMAS))
def test_a_template_made_when_asked_is_the_template_of_its_schema(schema_id: str) -> None:
    made = Template.of(SCHEMAS[schema_id])
    for name in ("tables", "relations", "keys", "key_set", "derived", "_labels", "_kinds"):
        template = _deferred(schema_id)
        assert getattr(template, name) == getattr(made, name)
        assert template == made
        assert object.__getattribute__(template, "_schema") is None
    template = _deferred(schema_id)
    assert hash(template) == hash(made)
    assert repr(template) == repr(made)
    assert attrs.asdict(_deferred(schema_id)) == attrs.asdict(made)
    assert pickle.loads(pickle.dumps(_deferred(schema_id))) == made
    assert attrs.evolve(_deferred(schema_id), title="x") == attrs.evolve(made, title="x")
    template = _deferred(schema_id)
    assert template.label(made.keys[0]) == made.label(made.keys[0])
    assert template.kind(made.keys[-1]) is made.kind(made.keys[-1])


def test_a_template_not_made_yet_answers_what_recognition_asks_without_being_made() -> None:
    template = _deferred("2021")
    assert (template.id, template.first_year, template.last_year) == ("2021", 2021, None)
    assert template.matches_year(2023)
    assert template.markers == SCHEMAS["2021"].markers
    assert object.__getattribute__(template, "_schema") is not None
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        template.nothing  # type: ignore[attr-defined]  # noqa: B018
    assert not hasattr(template, "nothing")
    assert object.__getattribute__(template, "_schema") is not None


def test_a_template_whose_schema_is_another_templates_is_refused() -> None:
    schema = SCHEMAS["2020"]
    template = Template._deferred(
        "2021",
        title=schema.title,
        first_year=schema.first_year,
        last_year=schema.last_year,
        markers=schema.markers,
        schema=lambda: schema,
    )
    with pytest.raises(ValueError, match="template 2021: its schema is another template's"):
        template.keys  # noqa: B018


def test_the_builtin_templates_are_those_of_the_builtin_schemas() -> None:
    assert builtin.templates() == tuple(Template.of(s) for s in SCHEMAS.values())
    assert [type(t) for t in builtin.templates()] == [Template, Template]
    assert [t.id for t in gipparse.create_plugin_manager().templates()] == ["2021", "2020"]


def test_a_batch_makes_every_template_before_its_workers_start() -> None:
    # Workers forked from the warmed process inherit them, whatever their reports follow.
    code = textwrap.dedent(
        """
        from gipparse.export import batch
        from gipparse.templates import builtin

        batch._warm(())
        print([object.__getattribute__(t, "_schema") is None for t in builtin.templates()])
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[True, True]\n"


def test_the_keys_module_is_what_keygen_writes() -> None:
    from pathlib import Path

    from gipparse.templates import keygen, keys

    written = Path(keys.__file__).read_text(encoding="utf-8")
    assert written == keygen.source(), (
        "run: python -m gipparse.templates.keygen > src/gipparse/templates/keys.py"
    )
    assert {id: schema.keys for id, schema in SCHEMAS.items()} == keys.KEYS


def test_a_builtin_schema_takes_what_it_derives_from_the_keys_module() -> None:
    # What the keys module holds is what the schema derives from its tables again, and
    # the schema took it from there (its keys are the module's tuple).
    from gipparse.templates import keys

    for id, schema in SCHEMAS.items():
        keys_, key_set, derived, labels, kinds = schema._derive()
        assert schema.keys == keys_
        assert schema.keys is keys.KEYS[id]
        assert schema.key_set == key_set
        assert dict(schema.derived) == derived
        assert list(schema._kinds.items()) == list(kinds.items())
        assert labels == {}


def test_a_schema_derives_its_keys_when_the_keys_module_does_not_fit() -> None:
    # A data module changed without the keys module written again (fewer values than
    # the keys it holds), or a template it does not know: derived as any other.
    from gipparse.templates.schema import Schema, derived_ahead
    from gipparse.templates.y2020 import RELATIONS, TABLES

    tables = TABLES[:2]
    derived_ahead("2020", tables, RELATIONS[:2])
    cut = Schema("2020", "", 2019, 2020, tables, RELATIONS[:2])
    assert cut.keys == cut._derive()[0]
    assert len(cut.keys) < len(SCHEMAS["2020"].keys)
    derived_ahead("1999", TABLES, RELATIONS)
    other = Schema("1999", "", 2019, 2020, TABLES, RELATIONS)
    assert other.keys == SCHEMAS["2020"].keys


def test_a_template_makes_its_lookup_tables_with_its_keys_or_without_them() -> None:
    # A template's lookup tables take each table's keys from the template's keys; keys
    # that are not as many as its tables' values (never a built-in template's) are not
    # taken, and the tables are the same.
    schema = SCHEMAS["2020"]

    class Data:
        def __call__(self) -> object:
            return schema

        def keys(self) -> tuple[str, ...]:
            return schema.keys[:-1]

    odd = _deferred(schema.id, Data())
    assert odd.keys == schema.keys[:-1]
    made = Template.of(schema)
    assert made.keys == schema.keys
    assert [vars(m) for m in odd._matchers] == [vars(m) for m in made._matchers]
    for matcher in made._matchers:
        for keys in matcher.keys:
            assert all(any(k is key for key in schema.keys) for k in keys)


@pytest.mark.parametrize("schema_id", sorted(SCHEMAS))
def test_a_builtin_template_gives_its_keys_without_being_made(schema_id: str) -> None:
    schema = SCHEMAS[schema_id]
    data = builtin._Data(schema_id, lambda: schema)
    template = _deferred(schema_id, data)
    assert template.keys == schema.keys
    assert object.__getattribute__(template, "_schema") is data  # not made
    made = Template.of(schema)
    assert template.tables == made.tables
    assert object.__getattribute__(template, "_schema") is None
    assert template.keys == made.keys
    assert template.key_set == made.key_set
    assert template == made


@pytest.mark.parametrize(("seed", "other"), [("000", "2021"), ("004", "2020")])
def test_a_one_report_export_makes_only_the_template_it_reads(seed: str, other: str) -> None:
    # The CSV header lists every template's keys: the other's are known without its
    # tables.
    code = textwrap.dedent(
        """
        import json, sys
        from gipparse import cli
        from gipparse.templates import builtin

        status = cli.main(["export", sys.argv[1], "-o", sys.argv[2]])
        made = {t.id: object.__getattribute__(t, "_schema") is None for t in builtin.templates()}
        data = "gipparse.templates.y20"
        modules = sorted(m.rpartition(".")[2] for m in sys.modules if m.startswith(data))
        print(json.dumps({"status": status, "made": made, "modules": modules}))
        """
    )
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "out.csv")
        done = subprocess.run(
            [sys.executable, "-c", code, str(SAMPLES[seed]), out],
            capture_output=True,
            text=True,
            check=True,
        )
        with open(out, encoding="utf-8-sig") as f:
            header = f.readline().rstrip("\r\n").split(",")
    template = "2020" if other == "2021" else "2021"
    assert json.loads(done.stdout) == {
        "status": 0,
        "made": {template: True, other: False},
        "modules": [f"y{template}"],
    }
    from gipparse.export.records import LEAD_COLUMNS

    keys = list(dict.fromkeys([*SCHEMAS["2020"].keys, *SCHEMAS["2021"].keys]))
    assert header == [*LEAD_COLUMNS, *keys]


def test_what_keygen_writes_does_not_depend_on_the_module_it_writes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Written again from a module that holds nothing (the shell empties it before keygen
    # runs), the package reads the templates as without it and keygen writes it whole.
    import importlib
    import sys
    import types

    from gipparse.templates import keygen, keys

    expected = keygen.source()
    empty = types.ModuleType(keys.__name__)
    for name in [n for n in sys.modules if n == "gipparse" or n.startswith("gipparse.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, keys.__name__, empty)
    fresh = importlib.import_module("gipparse.templates.keygen")
    assert fresh is not keygen
    assert importlib.import_module("gipparse.templates.engine")._KNOWN_KEYS == {}
    assert fresh.source() == expected


def _matcher_state(template: Template) -> list[dict[str, object]]:
    return [{k: v for k, v in vars(m).items() if k != "spec"} for m in template._matchers]


@pytest.mark.parametrize("schema_id", sorted(SCHEMAS))
def test_the_lookup_tables_of_a_builtin_template_fold_none_of_its_texts(
    schema_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gipparse.templates import engine

    # Made with the label keys computed now: what they were before they were written.
    monkeypatch.setattr(engine, "_KNOWN_KEYS", {})
    monkeypatch.setattr(engine, "_LOOKUPS", {})
    folded = _matcher_state(Template.of(SCHEMAS[schema_id]))
    monkeypatch.undo()

    def no_folding(text: str) -> str:
        raise AssertionError(f"folded {text!r}")

    # Derived from the label keys written ahead of time.
    monkeypatch.setattr(engine, "fold", no_folding)
    monkeypatch.setattr(engine, "_LOOKUPS", {})
    assert _matcher_state(Template.of(SCHEMAS[schema_id])) == folded
    monkeypatch.undo()

    # Taken as written ahead of time: no label looked at.
    def no_keys(text: str) -> tuple[str, str]:
        raise AssertionError(f"looked up {text!r}")

    template = Template.of(SCHEMAS[schema_id])  # (its markers' keys looked up)
    monkeypatch.setattr(engine, "fold", no_folding)
    monkeypatch.setattr(engine, "_key_of", no_keys)
    assert _matcher_state(template) == folded


@pytest.mark.parametrize("schema_id", sorted(SCHEMAS))
def test_the_lookup_tables_of_tables_not_a_builtin_tuple_are_derived(
    schema_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Equal tables in another tuple (a template of the same tables, or of some of them)
    # derive their lookup tables from their labels, the same.
    from gipparse.templates import engine, keys
    from gipparse.templates.schema import Schema

    schema = SCHEMAS[schema_id]
    assert [engine._lookup_data(spec) for spec in schema.tables] == list(keys.LOOKUPS[schema_id])
    derived: list[str] = []
    lookup = engine._lookup_data

    def counted(spec: Any) -> Any:
        derived.append(spec.name)
        return lookup(spec)

    monkeypatch.setattr(engine, "_lookup_data", counted)
    written = _matcher_state(Template.of(schema))
    assert derived == []
    tables = (*schema.tables,)
    other = Schema(schema.id, "", schema.first_year, schema.last_year, tables, schema.relations)
    assert _matcher_state(Template.of(other)) == written
    assert derived == [spec.name for spec in tables]


@pytest.mark.parametrize("schema_id", sorted(SCHEMAS))
def test_the_relations_of_a_builtin_schema_take_their_instances_from_the_keys_module(
    schema_id: str,
) -> None:
    # What the keys module holds is what the relations give; relations that are not the
    # built-in tuple (equal, not the same) give their own; and the checks made from
    # either are the same.
    from gipparse.checks.relations import Relations
    from gipparse.templates import keys
    from gipparse.templates.schema import Schema, instances_of

    schema = SCHEMAS[schema_id]
    ahead = instances_of(schema.relations)
    assert ahead is keys.INSTANCES[schema_id]
    given = tuple(
        tuple(
            (item, label, tuple(left), tuple(right), anchor)
            for item, label, left, right, anchor in rel.instances()
        )
        for rel in schema.relations
    )
    assert ahead == given
    relations = (*schema.relations,)
    assert relations is not schema.relations
    assert instances_of(relations) == given
    assert instances_of(relations) is not ahead
    other = Schema(
        schema.id, schema.title, schema.first_year, schema.last_year, schema.tables, relations
    )

    def checks(made: Relations) -> list[tuple[Any, ...]]:
        values = dict.fromkeys(schema.keys, 1)
        return [
            (rel, c.item, c.label, c.left, c.right, c.anchor, c.all_derived, c.parts, got)
            for rel, instances in made._checks
            for c in instances
            for got in [c.fetch(values)]
        ]

    assert checks(Relations(schema)) == checks(Relations(other))
    for _, instances in Relations(schema)._checks:
        for check in instances:
            assert all(any(k is key for key in schema.keys) for k in (*check.left, *check.right))
