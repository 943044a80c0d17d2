"""The typed views are written from the templates' data (``gipparse.templates.viewgen``),
not kept by hand beside them."""

from __future__ import annotations

from pathlib import Path

import attrs
from tests.schema_names import APPLICATION_COLUMNS

import gipparse
from gipparse.templates import viewgen

VIEWS = Path(viewgen.__file__).with_name("views.py")


def test_the_views_module_is_what_the_generator_writes() -> None:
    assert VIEWS.read_text(encoding="utf-8") == viewgen.source(), (
        "run: python -m gipparse.templates.viewgen > src/gipparse/templates/views.py"
    )


def test_every_key_of_every_template_has_its_attribute() -> None:
    for template in gipparse.create_plugin_manager(entry_points=False).templates():
        flat = {k: (i + 1) for i, k in enumerate(template.keys)}
        stats = gipparse.Statistics.from_flat(
            template, {k: flat[k] for k in template.keys if k not in template.derived} | {}
        )
        for key in template.keys:
            table, *groups, value = key.split(".")
            node: object = getattr(
                stats,
                {"active": "active", "applications": "applications", "appeals": "appeals"}[table],
            )
            for i, group in enumerate(groups):
                # a row that is also a group of rows: its rows are under <row>_rows
                has_rows = i + 1 < len(groups) and hasattr(node, f"{group}_rows")
                node = getattr(node, f"{group}_rows" if has_rows else group)
            assert getattr(node, value) == stats[key], key


def test_a_view_field_for_every_value_and_no_other() -> None:
    names = {f.name for f in attrs.fields(gipparse.ApplicantCounts)}
    assert names == set(APPLICATION_COLUMNS)
