"""The codebook of the dataset: every column of an export with its Chinese label, the table
it comes from, what it holds, its unit and the templates that have it.

``gipparse schema`` prints it; the xlsx export carries it as a second sheet and the SQLite
export as a table; ``--chinese-headers`` takes its labels as column names.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .records import LEAD_COLUMNS

#: The fields of a codebook entry, in order (the CSV header of ``gipparse schema``).
FIELDS = ("key", "label", "table", "kind", "unit", "templates")

#: The columns before the statistics, with their Chinese label and what they hold.
LEAD = {
    "path": ("文件", "text", "the file the row was read from"),
    "agency": ("机关", "text", "the agency that published the report"),
    "year": ("年度", "integer", "the year the report is about"),
    "template": ("模板", "text", "the statutory template recognised: 2020 or 2021"),
    "script": ("文字", "text", "hans (Simplified) or hant (Traditional)"),
    "period": ("统计期间", "text", "the period of the statistics, as start/end dates"),
    "valid": ("数字相符", "boolean", "statistics were read and every relation holds"),
    "errors": ("错误数", "integer", "the number of error diagnostics"),
    "warnings": ("警告数", "integer", "the number of warning diagnostics"),
    "first_error": ("首个错误", "text", "the code of the first error diagnostic"),
}
assert tuple(LEAD) == LEAD_COLUMNS

#: The table part of a key, with the table's number in the statutory report.
TABLE_NAMES = {"active": "二", "applications": "三", "appeals": "四"}


def _templates(plugins: Sequence[object]) -> list[Any]:
    from ..manager import plugin_manager_for

    return sorted(plugin_manager_for(plugins).templates(), key=lambda t: t.first_year)


def codebook(*, plugins: Sequence[object] = (), lead: bool = True) -> list[dict[str, str]]:
    """The codebook: one entry per column of the export (with *lead*, the record columns
    before the statistics too), each a dict of :data:`FIELDS`.

    ``label`` is the Chinese label of the statistic (table, groups, row and column, joined by
    `` · ``; two labels joined by `` / `` where the templates word it differently);
    ``table`` the table it comes from (``二 主动公开政府信息情况``); ``kind`` ``count``,
    ``signed`` or ``amount``; ``unit`` ``万元`` for amounts, empty for counts; ``templates``
    the ids of the templates that have it, space-separated.
    """
    from ..templates.values import ValueKind

    templates = _templates(plugins)
    entries: list[dict[str, str]] = []
    if lead:
        for key, (label, kind, _) in LEAD.items():
            entries.append(
                {"key": key, "label": label, "table": "", "kind": kind, "unit": "", "templates": ""}
            )
    seen: dict[str, None] = {}
    for t in templates:
        seen.update(dict.fromkeys(t.keys))
    for key in seen:
        having = [t for t in templates if key in t.key_set]
        labels = list(dict.fromkeys(t.label(key) for t in having))
        kind = having[0].kind(key)
        name = key.split(".", 1)[0]
        titles = {s.title for t in having for s in t.tables if s.name == name}
        title = " / ".join(sorted(titles))
        number = TABLE_NAMES.get(name)
        entries.append(
            {
                "key": key,
                "label": " / ".join(labels),
                "table": f"{number} {title}" if number else title,
                "kind": str(kind),
                "unit": "万元" if kind is ValueKind.AMOUNT else "",
                "templates": " ".join(t.id for t in having),
            }
        )
    return entries


def chinese_headers(columns: Sequence[str], *, plugins: Sequence[object] = ()) -> list[str]:
    """The Chinese column names of *columns*: the label of each (without the table's title
    where the label stays unique without it); a column the codebook lacks keeps its key."""
    labels = {e["key"]: e["label"] for e in codebook(plugins=plugins)}
    short: dict[str, str] = {}
    for key, label in labels.items():
        parts = [" · ".join(p.split(" · ")[1:]) or p for p in label.split(" / ")]
        short[key] = " / ".join(dict.fromkeys(parts))
    names = [short.get(c, labels.get(c, c)) for c in columns]
    if len(set(names)) != len(names):
        names = [labels.get(c, c) for c in columns]
    return names


def label_of(template: str | None, key: str, *, plugins: Sequence[object] = ()) -> str:
    """The Chinese label of *key* in *template* (any template when ``None``)."""
    for t in _templates(plugins):
        if (template is None or t.id == template) and key in t.key_set:
            return str(t.label(key))
    return ""


def to_csv(entries: Sequence[dict[str, str]]) -> str:
    """The codebook as CSV text (header included, CRLF line ends)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(entries)
    return buffer.getvalue()
