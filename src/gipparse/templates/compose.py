"""Building a report from statistics: the inverse of reading one.

:func:`report_from_statistics` lays a :class:`~gipparse.Statistics` out as a report the way
agencies publish them: a title block, the six sections with their headings and a few
lines of prose, and the three statutory tables shaped as the seeds shape them (captions
and header rows, group labels on the first row of each group, empty cells where the
template merges cells). :func:`gipparse.render_report` writes it in any table format, and
loading the text gives back the same statistics: this is how test corpora and benchmarks
are built.

Everything comes from the template's definition, so a template registered by a plugin is
laid out too.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from ..structure.sections import SECTION_TITLES
from ..tree.nodes import (
    Cell,
    Heading,
    Metadata,
    Paragraph,
    Report,
    Row,
    Section,
    SectionKind,
    Table,
)
from .schema import RowSpec, Schema, TableSpec
from .statistics import Statistics, Value

#: What an unknown value is written as; it reads back as unknown (``value.unreadable``).
UNKNOWN_TEXT = "不详"


def compose_report(
    statistics: Statistics,
    template: Schema,
    metadata: Metadata | None = None,
    *,
    table_format: str = "tab",
) -> Report:
    """A report that states *statistics* (of *template*) and *metadata*: what
    :func:`gipparse.report_from_statistics` makes once it has found the template."""
    metadata = attrs.evolve(metadata or Metadata(), template=template.id)
    tables = {spec.section: _table(spec, statistics, table_format) for spec in template.tables}
    sections = [Section(SectionKind.PREAMBLE.value, None, tuple(_preamble(metadata)))]
    for kind, title in SECTION_TITLES:
        blocks: list[Paragraph | Table] = [Paragraph(p) for p in _prose(kind, statistics)]
        table = tables.get(kind.value)
        if table is not None:
            blocks.insert(0, table)
        sections.append(Section(kind.value, Heading(title, kind.value), tuple(blocks)))
    return Report(tuple(sections), metadata=metadata, statistics=statistics)


def _preamble(metadata: Metadata) -> list[Paragraph]:
    year = f"{metadata.year}年" if metadata.year is not None else ""
    title = f"{metadata.agency or ''}{year}政府信息公开工作年度报告"
    intro = "本报告根据《中华人民共和国政府信息公开条例》要求"
    if metadata.agency:
        intro += f"，由{metadata.agency}编制"
    intro += "，内容包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等六个部分"
    if metadata.period:
        start, _, end = metadata.period.partition("/")
        intro += f"。本报告中所列数据的统计期限为{_date(start)}至{_date(end)}"
    return [Paragraph(title), Paragraph(intro + "。")]


def _date(iso: str) -> str:
    y, m, d = (int(p) for p in iso.split("-"))
    return f"{y}年{m}月{d}日"


def _prose(kind: SectionKind, statistics: Statistics) -> list[str]:
    if kind is SectionKind.OVERVIEW:
        new = statistics.get("applications.new.total")
        done = statistics.get("applications.total.total")
        forward = statistics.get("applications.carried_forward.total")
        said = "本年度认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作。"
        if None not in (new, done, forward):
            said += (
                f"全年新收政府信息公开申请{new}件，办结{done}件，结转下年度继续办理{forward}件。"
            )
        return [said, "（一）主动公开情况。按照政务公开工作要点，及时主动公开各类政府信息。"]
    if kind is SectionKind.PROBLEMS:
        return [
            "政府信息公开工作仍存在公开内容不够全面等问题，下一步将进一步加强培训，提高工作水平。"
        ]
    if kind is SectionKind.OTHER:
        return ["无。"]
    return []


def _table(spec: TableSpec, statistics: Statistics, table_format: str) -> Table:
    rows: list[tuple[str, ...]] = []
    if not spec.labelled:
        rows.extend(spec.header)
        row = spec.rows[0]
        rows.append(tuple(_text(statistics.get(spec.key(row, c))) for c in row.columns))
    elif spec.row_header:
        caption: str | None = None
        for row in spec.rows:
            if row.groups and row.groups[0] != caption:
                caption = row.groups[0]
                rows.append((caption,))
                rows.append((spec.row_header, *(c.label for c in row.columns)))
            rows.append(
                (row.label, *(_text(statistics.get(spec.key(row, c))) for c in row.columns))
            )
    else:
        rows.extend(spec.header)
        printed = _printed_rows(spec, statistics)
        opened: list[str] = []
        for row in printed:
            prefix = []
            for depth, group in enumerate(row.groups):
                if depth < len(opened) and opened[depth] == group:
                    prefix.append("")
                else:
                    del opened[depth:]
                    opened.append(group)
                    prefix.append(group)
            del opened[len(row.groups) :]
            values = (_text(statistics.get(spec.key(row, c))) for c in row.columns)
            rows.append((*prefix, row.label, *values))
    return Table(tuple(Row(tuple(Cell(t) for t in r)) for r in rows), table_format)


def _printed_rows(spec: TableSpec, statistics: Statistics) -> list[RowSpec]:
    """The rows a report prints: a derived row's parts, or the derived row alone when the
    statistics read it as a row of its own."""
    printed = []
    skip: set[str] = set()
    for row in spec.rows:
        if row.key in skip:
            continue
        if row.derived_from:
            first = spec.key(row, row.columns[0])
            if first in statistics.derived:
                continue
            skip.update(row.derived_from)
        printed.append(row)
    return printed


def _text(value: Value) -> str:
    if value is None:
        return UNKNOWN_TEXT
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
