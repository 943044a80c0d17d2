"""A template for a new year is one data module plus its registration: recognised, read,
checked, laid out and rendered by the same engine as the built-in ones."""

from __future__ import annotations

import ast
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from tests.fixtures.templates import y2025

import gipparse
from gipparse.plugin import Template, hookimpl

DATA = Path(y2025.__file__)


class Registration:
    """The registration: the whole plugin around the data module."""

    template = Template.of(y2025.SCHEMA)

    @hookimpl
    def gipparse_register_templates(self, register: Callable[[Template], None]) -> None:
        register(self.template)


def test_the_data_module_uses_the_public_plugin_api_only() -> None:
    tree = ast.parse(DATA.read_text(encoding="utf-8"))
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    } | {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
    assert imported == {"__future__", "attrs", "gipparse.plugin"}


def test_a_2025_report_is_read_checked_and_rendered() -> None:
    plugin = Registration()
    keys = gipparse.schema_keys("2025", plugins=[plugin])
    assert len(keys) == len(gipparse.schema_keys("2021")) + 1
    assert "active.confirmation.decisions" in keys
    base = y2025.BASE
    flat = {k: (Decimal(0) if k.endswith(".amount") else 0) for k in keys if k not in base.derived}
    flat["active.confirmation.decisions"] = 12
    flat["applications.new.natural_person"] = 3
    flat["applications.granted.natural_person"] = 3
    flat["applications.new.total"] = flat["applications.granted.total"] = 3
    flat["applications.total.natural_person"] = flat["applications.total.total"] = 3
    stats = gipparse.Statistics.from_flat(plugin.template, flat)
    meta = gipparse.Metadata(agency="某市应急管理局", year=2025)
    report = gipparse.report_from_statistics(stats, meta, plugins=[plugin])
    text = gipparse.render_report(report, to="pipe")
    assert "| 行政确认 | 12 |" in text

    again = gipparse.loads(text, plugins=[plugin])
    assert again.metadata.template == "2025"
    assert again.statistics == stats
    assert again.valid
    assert again.statistics is not None
    assert again.statistics["active.confirmation.decisions"] == 12


def test_a_broken_sum_of_a_2025_report_is_reported() -> None:
    plugin = Registration()
    keys = gipparse.schema_keys("2025", plugins=[plugin])
    flat = {
        k: (Decimal(0) if k.endswith(".amount") else 0) for k in keys if k not in y2025.BASE.derived
    }
    flat["applications.new.natural_person"] = 5  # nothing received says where they went
    stats = gipparse.Statistics.from_flat(plugin.template, flat)
    report = gipparse.report_from_statistics(stats, gipparse.Metadata(year=2025), plugins=[plugin])
    again = gipparse.loads(gipparse.render_report(report), plugins=[plugin])
    assert again.metadata.template == "2025"
    assert not again.valid
    assert "relation.balance" in {d.code for d in again.diagnostics}


def test_without_its_registration_a_2025_report_is_read_as_2021() -> None:
    plugin = Registration()
    keys = gipparse.schema_keys("2025", plugins=[plugin])
    flat = {
        k: (Decimal(0) if k.endswith(".amount") else 0) for k in keys if k not in y2025.BASE.derived
    }
    stats = gipparse.Statistics.from_flat(plugin.template, flat)
    report = gipparse.report_from_statistics(stats, gipparse.Metadata(year=2025), plugins=[plugin])
    plain = gipparse.loads(gipparse.render_report(report))
    assert plain.metadata.template == "2021"
    assert "table.unknown-row" in {d.code for d in plain.diagnostics}
