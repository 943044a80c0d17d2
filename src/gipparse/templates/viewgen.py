"""Writes :mod:`gipparse.templates.views` from the built-in templates' data.

    python -m gipparse.templates.viewgen > src/gipparse/templates/views.py

The typed views name the statistic keys with attributes; which attributes each view has
follows from the keys the templates define (``applications.withheld.third_party.total``
gives ``ApplicationsTable.withheld`` a ``WithheldCounts`` with a ``third_party`` of
``ApplicantCounts`` with a ``total``). Only the names and the docstrings of the classes
are written here. ``tests/test_views.py`` checks that the module is what this writes.
"""

from __future__ import annotations

from typing import Any

from .known import SCHEMAS
from .values import ValueKind

#: Per table: the table's view and its docstring, and the view of a row's values.
TABLES: dict[str, tuple[str, str, str, str]] = {
    "active": (
        "ActiveDisclosure",
        "Table 二: information disclosed on the agency's own initiative.",
        "ActiveItem",
        "One row of table 二. Each template fills its own fields, the others are ``None``.\n\n"
        "    Template ``2020``: ``made``/``published``/``total`` (规章, 规范性文件),\n"
        "    ``prev_items``/``change``/``decisions`` (许可, 其他服务, 处罚, 强制; 收费 without\n"
        "    ``decisions``), ``projects``/``amount`` (采购). Template ``2021``:\n"
        "    ``issued``/``repealed``/``in_force``, ``decisions``, ``amount`` (收费, 万元).",
    ),
    "applications": (
        "ApplicationsTable",
        "Table 三: applications received and how they were handled.\n\n"
        "    ``other_handling`` is the （六）其他处理 row (template ``2021``: the sum of the rows"
        " in\n    ``other_handling_rows``); ``other_handling_rows`` is ``None`` for template"
        " ``2020``.",
        "ApplicantCounts",
        "One row of table 三: a count per applicant type and the row's total.",
    ),
    "appeals": (
        "ReviewLitigation",
        "Table 四: administrative review (行政复议) and litigation (行政诉讼) outcomes.",
        "AppealOutcomes",
        "One group of table 四: outcomes and their total.",
    ),
}
#: Groups of rows: their view and its docstring.
GROUPS: dict[str, tuple[str, str]] = {
    "withheld": ("WithheldCounts", "（三）不予公开, by reason."),
    "unavailable": ("UnavailableCounts", "（四）无法提供, by reason."),
    "not_processed": ("NotProcessedCounts", "（五）不予处理, by reason."),
    "other_handling": (
        "OtherHandlingCounts",
        "（六）其他处理, by reason (template ``2021`` only).",
    ),
}

HEADER = '''"""Typed views of :class:`~gipparse.Statistics`: the same numbers under attribute names
(``stats.applications.withheld.third_party.total``), built from the flat mapping when
:attr:`~gipparse.Statistics.active`, :attr:`~gipparse.Statistics.applications` or
:attr:`~gipparse.Statistics.appeals` is read. Imported on first use: reading and exporting
reports never needs them.

Written by :mod:`gipparse.templates.viewgen` from the templates' data; do not edit.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

import attrs

from ..classes import frozen
from .values import Value

# A field ``f`` of a view built at prefix ``p`` holds the value of key ``p.f``; a field
# named in the class's ``_parts`` holds the view class given there, built at
# ``p.<key given there>``, or None when no key lies under it.

_T = TypeVar("_T")


def build(cls: type[_T], flat: Mapping[str, Value], prefix: str) -> _T | None:
    """The view *cls* at *prefix*, or ``None`` when the mapping has no key under it."""
    parts: Mapping[str, tuple[type[Any], str]] = getattr(cls, "_parts", {})
    kwargs: dict[str, Any] = {}
    found = False
    for name in _field_names(cls):
        sub = parts.get(name)
        if sub is None:
            key = f"{prefix}.{name}"
            found = found or key in flat
            kwargs[name] = flat.get(key)
        else:
            kwargs[name] = part = build(sub[0], flat, f"{prefix}.{sub[1]}")
            found = found or part is not None
    return cls(**kwargs) if found else None


def _field_names(cls: type[Any]) -> tuple[str, ...]:
    return tuple(f.name for f in attrs.fields(cls))
'''


class _Node:
    """The keys under one prefix: values (name -> kind) and groups (name -> node)."""

    def __init__(self) -> None:
        self.values: dict[str, ValueKind] = {}
        self.groups: dict[str, _Node] = {}


def _tree() -> tuple[dict[str, _Node], dict[str, dict[str, ValueKind]]]:
    """The keys of every built-in template (oldest first, each in its order) as a tree
    per table, and the names of the values under the rows of each table, in order."""
    tables: dict[str, _Node] = {}
    items: dict[str, dict[str, ValueKind]] = {}
    for schema in SCHEMAS.values():
        for key in schema.keys:
            table, *groups, value = key.split(".")
            node = tables.setdefault(table, _Node())
            for part in groups:
                node = node.groups.setdefault(part, _Node())
            node.values.setdefault(value, schema.kind(key))
            items.setdefault(table, {}).setdefault(value, schema.kind(key))
    return tables, items


def _class(name: str, doc: str, fields: list[tuple[str, str]], parts: list[Any]) -> str:
    lines = ["", "", "@frozen", f"class {name}:", f'    """{doc}"""', ""]
    if parts:
        lines.append("    _parts: ClassVar[Mapping[str, tuple[type[Any], str]]] = {")
        lines += [f'        "{field}": ({cls}, "{key}"),' for field, cls, key in parts]
        lines += ["    }", ""]
    lines += [f"    {field}: {kind} | None = None" for field, kind in fields]
    return "\n".join(lines) + "\n"


def _type(kind: ValueKind) -> str:
    return "Decimal" if kind is ValueKind.AMOUNT else "int"


def source() -> str:
    """The text of :mod:`gipparse.templates.views`."""
    out = [HEADER]
    tables, values = _tree()
    for table_name, table in tables.items():
        view, view_doc, row_view, row_doc = TABLES[table_name]
        items = values[table_name]
        out.append(_class(row_view, row_doc, [(k, _type(v)) for k, v in items.items()], []))
        fields: list[tuple[str, str]] = []
        parts: list[tuple[str, str, str]] = []
        for name, node in table.groups.items():
            if node.values:
                fields.append((name, row_view))
                parts.append((name, row_view, name))
            if node.groups:
                group, group_doc = GROUPS[name]
                out.append(
                    _class(
                        group,
                        group_doc,
                        [(sub, row_view) for sub in node.groups],
                        [(sub, row_view, sub) for sub in node.groups],
                    )
                )
                field = f"{name}_rows" if node.values else name
                fields.append((field, group))
                parts.append((field, group, name))
        out.append(_class(view, view_doc, fields, parts))
    return "".join(out)


if __name__ == "__main__":
    print(source(), end="")
