"""The validation page: one self-contained HTML file per run of ``gipparse validate --html``.

Each report gets a section: its metadata, its diagnostics, and its statutory tables drawn
as grids of the cells as read, each value cell linked to its line in the source listing
below them. Cells of a relation that fails are red, blank cells read as 0 yellow, cells
that could not be read grey; hovering a cell names its key and label (and the relation).
A file that could not be read gets a grey section saying why. Nothing is loaded from
elsewhere: styles and the small script are inline.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from ..tree.nodes import Report, Table

_STYLE = """
body{font-family:"Noto Sans CJK SC","Noto Sans CJK",sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em} h2{font-size:1.15em;margin-top:2em;border-top:2px solid #888;padding-top:.5em}
table.grid{border-collapse:collapse;margin:.6em 0;font-size:.85em}
table.grid td{border:1px solid #999;padding:2px 5px;vertical-align:top}
table.grid td a{color:inherit;text-decoration:none}
td.fail{background:#f28b82} td.blank-zero{background:#fff176} td.unread{background:#bdbdbd}
td.key{font-variant-numeric:tabular-nums} td.pad{border:none}
.legend span{display:inline-block;padding:2px 8px;margin-right:6px;border:1px solid #999}
.bad{color:#b00020} .good{color:#1b5e20}
ul.diagnostics{font-size:.85em} pre.source{font-size:.8em;background:#f6f6f6;padding:.5em;
max-height:30em;overflow:auto} pre.source span:target{background:#ffe082}
section.unreadable{background:#eee;padding:.5em}
"""

# Counts what the browser rendered, so that a reader of the DOM (a test) sees the page as
# drawn: the number of red cells and the colour they were given.
_SCRIPT = """
document.addEventListener("DOMContentLoaded", function () {
  var fail = document.querySelectorAll("td.fail");
  document.body.dataset.failCells = fail.length;
  document.body.dataset.blankZeroCells = document.querySelectorAll("td.blank-zero").length;
  document.body.dataset.unreadCells = document.querySelectorAll("td.unread").length;
  if (fail.length) {
    document.body.dataset.failColour = getComputedStyle(fail[0]).backgroundColor;
  }
});
"""


def _failing(report: Report) -> dict[str, str]:
    """Keys of every relation instance that fails, with the relation's description."""
    stats = report.statistics
    if stats is None:
        return {}
    template = _template(stats.template)
    if template is None:
        return {}
    flat = stats.to_flat()
    derived = stats.derived
    failing: dict[str, str] = {}
    for relation in template.relations:
        for item, _label, left, right, _anchor in relation.instances():
            keys = [*left, *right]
            if all(k in derived for k in keys):
                continue
            values: list[Any] = [flat.get(k) for k in keys]
            if None in values:
                continue
            if sum(values[: len(left)]) != sum(values[len(left) :]):
                for k in keys:
                    failing.setdefault(k, f"{relation.name} ({item}): {relation.description}")
    return failing


def _template(template_id: str) -> Any:
    """The registered template of that id, ``None`` when there is none."""
    from ..manager import default_plugin_manager
    from ..templates.engine import find_template

    try:
        return find_template(template_id, default_plugin_manager().templates())
    except ValueError:
        return None


def report_section(report: Report, record: dict[str, Any], number: int) -> str:
    """The HTML section of *report* (its *record* gives the diagnostics), the
    *number*-th of the page."""
    stats = report.statistics
    anchor = f"r{number}"
    meta = report.metadata
    status = (
        '<span class="good">valid</span>'
        if record["valid"]
        else '<span class="bad">not valid</span>'
    )
    parts = [
        f'<section id="{anchor}" data-path="{escape(str(report.path))}">',
        f"<h2>{number}. {escape(str(report.path))} — {status}</h2>",
        f"<p>{escape(meta.agency or '(no agency)')} · {meta.year or '(no year)'} · "
        f"template {meta.template or '(none)'} · script {meta.script}</p>",
    ]
    diagnostics = record["diagnostics"]
    if diagnostics:
        parts.append('<ul class="diagnostics">')
        for d in diagnostics:
            where = (
                f'<a href="#{anchor}-L{d["line"]}">line {d["line"]}</a>'
                if d.get("line")
                else "file"
            )
            parts.append(
                f'<li class="{d["severity"]}">{where}: {d["severity"]}[{escape(d["code"])}]: '
                f"{escape(d['message'])}</li>"
            )
        parts.append("</ul>")
    if stats is not None:
        keys_of = {id(cell): key for key, cell in stats.sources.items()}
        flat = stats.to_flat()
        failing = _failing(report)
        template = _template(stats.template)
        for table in report.tables:
            if any(id(c) in keys_of for c in table.cells()):
                parts.append(_grid(table, keys_of, flat, failing, template, anchor))
    parts.append(_source(report, anchor))
    parts.append("</section>")
    return "\n".join(parts)


def _grid(  # noqa: PLR0917
    table: Table,
    keys_of: dict[int, str],
    flat: dict[str, Any],
    failing: dict[str, str],
    template: Any,
    anchor: str,
) -> str:
    rows = ['<table class="grid">']
    width = max((len(r.cells) for r in table.rows), default=0)
    for row in table.rows:
        cells = []
        for cell in row.cells:
            key = keys_of.get(id(cell))
            text = escape(cell.text) or "&nbsp;"
            line = cell.span.line if cell.span is not None else None
            if key is None:
                cells.append(f"<td>{text}</td>")
                continue
            value = flat.get(key)
            if key in failing:
                kind = "fail"
            elif value is None:
                kind = "unread"
            elif cell.is_empty and value == 0:
                kind = "blank-zero"
            else:
                kind = "key"
            title = f"{key}: {template.label(key) if template is not None else ''}"
            if key in failing:
                title += f" — fails {failing[key]}"
            link = f'<a href="#{anchor}-L{line}">{text}</a>' if line else text
            cells.append(
                f'<td class="{kind}" data-key="{escape(key)}" title="{escape(title)}">{link}</td>'
            )
        cells += ['<td class="pad"></td>'] * (width - len(row.cells))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    rows.append("</table>")
    return "\n".join(rows)


def _source(report: Report, anchor: str) -> str:
    lines = report.source.split("\n")
    body = "\n".join(
        f'<span id="{anchor}-L{i}">{i:>5}  {escape(line)}</span>' for i, line in enumerate(lines, 1)
    )
    return f'<details><summary>source</summary><pre class="source">{body}</pre></details>'


def unreadable_section(record: dict[str, Any], number: int) -> str:
    """The grey section of a file that could not be read as a report."""
    message = "; ".join(d["message"] for d in record["diagnostics"] if d["severity"] == "error")
    return (
        f'<section id="r{number}" class="unreadable" data-path="{escape(str(record["path"]))}">'
        f"<h2>{number}. {escape(str(record['path']))} — "
        f'<span class="bad">not read</span></h2><p>{escape(message)}</p></section>'
    )


def page(sections: Iterable[tuple[dict[str, Any], str]], corpus: Iterable[str] = ()) -> str:
    """The whole page: a summary and table of contents, the *corpus* findings (already
    HTML), then each section. *sections* are ``(record, html)`` pairs."""
    items = list(sections)
    valid = sum(1 for r, _ in items if r["valid"])
    toc = "\n".join(
        f'<li><a href="#r{i}">{escape(str(r["path"]))}</a> — '
        + (
            '<span class="good">valid</span>'
            if r["valid"]
            else '<span class="bad">not valid</span>'
        )
        + "</li>"
        for i, (r, _) in enumerate(items, 1)
    )
    found = list(corpus)
    corpus_html = (
        '<h2>Between reports</h2><ul class="diagnostics">' + "".join(found) + "</ul>"
        if found
        else ""
    )
    legend = (
        '<p class="legend"><span class="fail" style="background:#f28b82">relation fails</span>'
        '<span style="background:#fff176">blank read as 0</span>'
        '<span style="background:#bdbdbd">not read</span></p>'
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
        "<title>gipparse validation</title>"
        f"<style>{_STYLE}</style><script>{_SCRIPT}</script></head><body>"
        f"<h1>gipparse validation: {len(items)} files, {valid} valid</h1>{legend}"
        f"<ol>{toc}</ol>{corpus_html}" + "\n".join(html for _, html in items) + "</body></html>\n"
    )
