"""Writes :mod:`gipparse.templates.keys` from the built-in templates' data modules.

    python -m gipparse.templates.keygen > src/gipparse/templates/keys.py

The CSV header of ``gipparse export`` lists the keys of every template; deriving those of
a template no report of the run was read by means importing its data module and making
its tables (3 M instructions, a twentieth of what a one-report export costs beyond
``import gipparse``). :mod:`~gipparse.templates.keys` holds the keys each schema defines,
in its order, and what else it derives from its tables (its summed keys, its kinds), which
the schemas take from there (:func:`gipparse.templates.schema.derived_ahead`) where
deriving it cost the first report of a process 1.3 M instructions.

A template's lookup tables hold the label keys (:func:`gipparse.templates.engine.label_keys`
of the folded text) of its labels, headers and markers: folding them was two thirds of
making the tables, paid by the first report of a process. The module holds those of the
built-in templates' texts too (one module rather than two: the first report of a process
reads both, and importing a module costs some 0.3 M instructions beyond its contents).
It holds what the lookup tables of each table hold, derived from those label keys
(:func:`gipparse.templates.engine._lookup_data`), and the instances of each relation
(:func:`gipparse.templates.schema.instances_of`), which a built-in template takes as they
are: deriving them cost the first report of a process 1.4 and 0.8 M instructions.

What is written does not depend on what the module held before (the keys are derived
again, the labels folded again), and the package reads a module that lacks any of it
(being written again) as if it held nothing. ``tests/test_builtin_templates.py`` checks
that the module is what this writes.
"""

from __future__ import annotations


def source() -> str:
    """The text of :mod:`gipparse.templates.keys`: what each built-in schema derives from
    its tables and relations (:meth:`~gipparse.templates.schema.Schema._derive`, run
    again here: the schemas themselves take it from the module this writes)."""
    import json

    from .engine import _lookup_data
    from .known import SCHEMAS
    from .values import ValueKind

    derivations = {id: schema._derive() for id, schema in SCHEMAS.items()}
    lines = [
        '"""The statistic keys of the built-in templates, in template order: what their',
        "schemas define (:attr:`gipparse.templates.schema.Schema.keys`), known without making",
        "their tables; and what else their schemas derive from their tables (the keys summed",
        "from others, what each key holds but counts, the instances of their relations, what",
        "their tables' lookup tables hold), which they take from here.",
        "Written by :mod:`gipparse.templates.keygen`; do not edit.",
        '"""',
        "",
        "KEYS = {",
    ]
    for id, (keys, *_) in derivations.items():
        lines.append(f"    {json.dumps(id)}: (")
        lines.extend(f"        {json.dumps(key)}," for key in keys)
        lines.append("    ),")
    lines += [
        "}",
        "",
        "#: The keys each schema sums from others (``Schema.derived``).",
        "DERIVED = {",
    ]
    for id, (_, _, derived, _, _) in derivations.items():
        if not derived:
            lines.append(f"    {json.dumps(id)}: {{}},")
            continue
        lines.append(f"    {json.dumps(id)}: {{")
        for key, parts in derived.items():
            lines.append(f"        {json.dumps(key)}: (")
            lines.extend(f"            {json.dumps(part)}," for part in parts)
            lines.append("        ),")
        lines.append("    },")
    lines += [
        "}",
        "",
        "#: What each key holds that is not a count (``Schema.kind``), by the kind's value.",
        "KINDS = {",
    ]
    for id, (*_, kinds) in derivations.items():
        lines.append(f"    {json.dumps(id)}: {{")
        lines.extend(
            f"        {json.dumps(key)}: {json.dumps(kind.value)},"
            for key, kind in kinds.items()
            if kind is not ValueKind.COUNT
        )
        lines.append("    },")
    lines += [
        "}",
        "",
        "#: The instances of each schema's relations, relation by relation, as",
        "#: ``Relation.instances`` gives them: ``(item, label, left keys, right keys, anchor",
        "#: key)`` (see :func:`gipparse.templates.schema.instances_of`).",
        "INSTANCES = {",
    ]
    for id, schema in SCHEMAS.items():
        instances = tuple(
            tuple(
                (item, label, tuple(left), tuple(right), anchor)
                for item, label, left, right, anchor in rel.instances()
            )
            for rel in schema.relations
        )
        lines += _literal(instances, f"    {json.dumps(id)}: ", "    ")
    lines += [
        "}",
        "",
        "#: What the lookup tables of each table of each schema hold, table by table, as",
        "#: :func:`gipparse.templates.engine._lookup_data` gives it.",
        "LOOKUPS = {",
    ]
    for id, schema in SCHEMAS.items():
        data = tuple(_lookup_data(spec) for spec in schema.tables)
        lines += _literal(data, f"    {json.dumps(id)}: ", "    ")
    lines += ["}", ""]
    lines += _label_lines()
    return "\n".join(lines)


def _literal(value: object, head: str, indent: str) -> list[str]:
    """The lines of *value* (strings, integers, ``None`` and tuples of them) as an item
    of a display, after *head*, one item a line, as ``ruff format`` leaves it."""
    if not isinstance(value, tuple):
        return [f"{head}{_atom(value)},"]
    if not value:
        return [f"{head}(),"]
    if len(value) == 1 and (value[0] == () or not isinstance(value[0], tuple)):
        # (A tuple of one item has no magic trailing comma: kept on one line if it fits.)
        line = f"{head}({_atom(value[0])},),"
        if len(line) <= 100:
            return [line]
    lines = [f"{head}("]
    for item in value:
        lines += _literal(item, indent + "    ", indent + "    ")
    lines.append(f"{indent}),")
    return lines


def _atom(value: object) -> str:
    """*value* (a string, an integer, ``None`` or ``()``) as Python writes it."""
    import json

    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    assert value is None or value == () or type(value) is int
    return repr(value)


def template_texts() -> list[str]:
    """Every text of the built-in templates whose label keys their lookup tables hold:
    markers, header texts, column, row and group labels, aliases, misprints, row headers
    and signatures."""
    from .known import SCHEMAS

    texts: list[str] = []
    for schema in SCHEMAS.values():
        texts += schema.markers
        for spec in schema.tables:
            texts += spec.header_labels
            texts += [c for line in spec.header for c in line]
            for row in spec.rows:
                for column in row.columns:
                    texts += [column.label, *column.aliases]
                texts += [row.label, *row.aliases, *row.misprints, *row.groups]
            texts += [spec.row_header, *spec.signature]
    return [t for t in dict.fromkeys(texts) if t]


def _label_lines() -> list[str]:
    """The lines of :mod:`gipparse.templates.keys` that give ``LABEL_KEYS``."""
    import json

    from ..tree.text import fold
    from .engine import label_keys

    lines = [
        "#: The label keys (:func:`gipparse.templates.engine.label_keys` of the folded text) of",
        "#: the built-in templates' labels, headers and markers, which their lookup tables hold.",
        "LABEL_KEYS = {",
    ]
    for text in template_texts():
        full, short = label_keys(fold(text))
        lines.append(f"    {json.dumps(text, ensure_ascii=False)}: (")
        lines.append(f"        {json.dumps(full, ensure_ascii=False)},")
        lines.append(f"        {json.dumps(short, ensure_ascii=False)},")
        lines.append("    ),")
    lines += ["}", ""]
    return lines


if __name__ == "__main__":
    print(source(), end="")
