"""Writing reports: a report that states given statistics, and a report (or one table)
rendered back to text, tables in any registered format. These calls take the plugins
that register formats and templates."""

from __future__ import annotations

from collections.abc import Sequence

from .manager import plugin_manager_for
from .templates.compose import compose_report
from .templates.engine import find_template
from .templates.statistics import Statistics
from .tree.nodes import Metadata, Paragraph, Report, Table


def report_from_statistics(
    statistics: Statistics,
    metadata: Metadata | None = None,
    *,
    plugins: Sequence[object] = (),
    table_format: str = "tab",
) -> Report:
    """A report that states *statistics* and *metadata*.

    The title names the agency and the year, the introduction the statistics period; each
    statutory table stands in its section. Values are written as the reports write them
    (amounts in 万元); an unknown value is written ``不详`` and reads back as unknown. A
    ``2021`` statistics whose （六）其他处理 is not derived is laid out as a single row.

    :param plugins: plugins that register the statistics' template, if it is not built in.
    :param table_format: the ``Table.format`` of the tables (what ``render_report`` uses
        when it is given no format).
    """
    template = find_template(statistics.template, plugin_manager_for(plugins).templates())
    return compose_report(statistics, template, metadata, table_format=table_format)


def render_table(table: Table, to: str | None = None, *, plugins: Sequence[object] = ()) -> str:
    """Render *table* in the format *to* (default: the format it was read in)."""
    manager = plugin_manager_for(plugins)
    return manager.table_format(to or table.format).render(table)


def render_report(report: Report, to: str | None = None, *, plugins: Sequence[object] = ()) -> str:
    """Render *report* as text: headings and paragraphs as written, tables in the format
    *to* (default: each in the format it was read in).

    Blocks are separated by a blank line and tables followed by two, so that the result
    loads back to the same sections, paragraphs and tables.
    """
    manager = plugin_manager_for(plugins)
    parts: list[str] = []
    for section in report.sections:
        if section.heading is not None:
            parts.append(section.heading.raw)
            parts.append("")
        for block in section.blocks:
            if isinstance(block, Paragraph):
                parts.append(block.raw)
                parts.append("")
            else:
                parts.append(manager.table_format(to or block.format).render(block))
                parts.append("\n")
    return "\n".join(parts).rstrip("\n") + "\n"
