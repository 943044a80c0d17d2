"""Rendering a report (or one table) back to text, tables in any registered format."""

from __future__ import annotations

from collections.abc import Sequence

from .manager import plugin_manager_for
from .tree.nodes import Paragraph, Report, Table


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
