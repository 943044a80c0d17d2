"""Checks between reports: reports of the same agency against each other from one year to
the next (a report's text against its own tables is :mod:`gipparse.checks.prose`).

* ``prose.mismatch``: the text of a report states a number (申请 received, 上年结转,
  结转下年度, 办结, 行政复议, 行政诉讼) that differs from the cell of its table;
* ``corpus.carry-over``: 四、结转下年度继续办理 of year Y differs from 二、上年结转 of year Y+1
  of the same agency, column by column;
* ``corpus.in-force``: in template ``2021`` table 二, 现行有效 of Y-1 + 本年制发 of Y − 本年废止
  of Y differs from 现行有效 of Y;
* ``corpus.duplicate``: two reports of one agency and year (neither is compared);
* ``corpus.unchecked``: a comparison that a value unknown in either report prevents.

Nothing is changed: a mismatch is reported with both places (path and line), never
repaired. Agencies are matched by their name exactly as the metadata gives it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..tree.nodes import Report
from .catalogue import FINDING_CODES

#: The columns of table 三, in order.
APPLICANT_COLUMNS = (
    "natural_person",
    "commercial",
    "research",
    "nonprofit",
    "legal_services",
    "other_org",
    "total",
)
#: The rows of table 二 that the 2021 template counts in force.
IN_FORCE_ROWS = ("rules", "normative_docs")
_ROW_LABELS = {"rules": "规章", "normative_docs": "行政规范性文件"}

#: The keys whose values and lines corpus checks need from each report.
FACT_KEYS = (
    *(f"applications.carried_over.{c}" for c in APPLICANT_COLUMNS),
    *(f"applications.carried_forward.{c}" for c in APPLICANT_COLUMNS),
    *(f"active.{r}.{f}" for r in IN_FORCE_ROWS for f in ("issued", "repealed", "in_force")),
)

#: Codes of the findings, with their meaning (the catalogue's).
CODES = FINDING_CODES

#: The codes of findings that are mismatches (a check that fails).
MISMATCH_CODES = frozenset({"prose.mismatch", "corpus.carry-over", "corpus.in-force"})

Finding = dict[str, Any]


def finding(  # noqa: PLR0917
    code: str,
    severity: str,
    message: str,
    path: str | None,
    line: int | None,
    other_path: str | None = None,
    other_line: int | None = None,
) -> Finding:
    """A finding: the fields of a record's diagnostic, plus where it is (``path``) and the
    other place it compares with (``other_path``, ``other_line``; null for prose)."""
    return {
        "code": code,
        "severity": severity,
        "message": message,
        "path": path,
        "line": line,
        "other_path": other_path,
        "other_line": other_line,
    }


def format_finding(f: Finding) -> str:
    """``path:line: severity[code]: message`` (the other place is in the message)."""
    where = f["path"] or "<string>"
    if f["line"] is not None:
        where += f":{f['line']}"
    return f"{where}: {f['severity']}[{f['code']}]: {f['message']}"


# -- facts --------------------------------------------------------------------------------


def facts_of(report: Report) -> dict[str, Any]:
    """What the corpus checks need of *report*, as plain data: its path, agency, year and
    template, and for each of :data:`FACT_KEYS` its value and line."""
    stats = report.statistics
    values: dict[str, tuple[Any, int | None]] = {}
    if stats is not None:
        flat = stats.to_flat()
        for key in FACT_KEYS:
            if key in flat:
                cell = stats.sources.get(key)
                line = cell.span.line if cell is not None and cell.span is not None else None
                values[key] = (flat[key], line)
    meta = report.metadata
    return {
        "path": report.path,
        "agency": meta.agency,
        "year": meta.year,
        "template": meta.template,
        "values": values,
    }


# -- the corpus ---------------------------------------------------------------------------


def check_corpus(items: Iterable[Report | dict[str, Any]]) -> list[Finding]:
    """Compare the reports of each agency from one year to the next (see the module
    docstring). *items* are reports or their :func:`facts_of`. Findings come sorted by
    agency, then year."""
    by_agency: dict[str, dict[int, list[dict[str, Any]]]] = {}
    for item in items:
        facts = facts_of(item) if isinstance(item, Report) else item
        if facts["agency"] is None or facts["year"] is None:
            continue
        by_agency.setdefault(facts["agency"], {}).setdefault(facts["year"], []).append(facts)
    found: list[Finding] = []
    for agency in sorted(by_agency):
        years = by_agency[agency]
        for year in sorted(years):
            reports = years[year]
            if len(reports) > 1:
                paths = ", ".join(str(r["path"]) for r in reports)
                found.append(
                    finding(
                        "corpus.duplicate",
                        "warning",
                        f"{len(reports)} reports of {agency} for {year}: {paths}; "
                        "none of them is compared with other years",
                        reports[0]["path"],
                        None,
                        reports[1]["path"],
                        None,
                    )
                )
                continue
            following = years.get(year + 1)
            if following is None or len(following) != 1:
                continue
            found += _carry_over(agency, reports[0], following[0])
            found += _in_force(agency, reports[0], following[0])
    return found


def _value(facts: dict[str, Any], key: str) -> tuple[Any, int | None]:
    return facts["values"].get(key, (None, None))  # type: ignore[no-any-return]


def _carry_over(agency: str, before: dict[str, Any], after: dict[str, Any]) -> list[Finding]:
    found: list[Finding] = []
    unknown: list[str] = []
    for column in APPLICANT_COLUMNS:
        out, out_line = _value(before, f"applications.carried_forward.{column}")
        into, into_line = _value(after, f"applications.carried_over.{column}")
        if out is None or into is None:
            unknown.append(column)
            continue
        if out != into:
            found.append(
                finding(
                    "corpus.carry-over",
                    "warning",
                    f"二、上年结转 ({column}) of {agency} for {after['year']} is {into}, but "
                    f"四、结转下年度继续办理 of its {before['year']} report is {out} "
                    f"({before['path']}:{out_line})",
                    after["path"],
                    into_line,
                    before["path"],
                    out_line,
                )
            )
    if unknown:
        found.append(_unchecked("carry-over", unknown, before, after))
    return found


def _in_force(agency: str, before: dict[str, Any], after: dict[str, Any]) -> list[Finding]:
    if before["template"] != "2021" or after["template"] != "2021":
        return []
    found: list[Finding] = []
    unknown: list[str] = []
    for row in IN_FORCE_ROWS:
        previous, previous_line = _value(before, f"active.{row}.in_force")
        issued, _ = _value(after, f"active.{row}.issued")
        repealed, _ = _value(after, f"active.{row}.repealed")
        now, line = _value(after, f"active.{row}.in_force")
        if None in (previous, issued, repealed, now):
            unknown.append(row)
            continue
        if previous + issued - repealed != now:
            found.append(
                finding(
                    "corpus.in-force",
                    "warning",
                    f"{_ROW_LABELS[row]}: 现行有效 of {agency} for {after['year']} is {now}, but "
                    f"现行有效 {previous} of {before['year']} ({before['path']}:{previous_line}) "
                    f"+ 制发 {issued} − 废止 {repealed} = {previous + issued - repealed}",
                    after["path"],
                    line,
                    before["path"],
                    previous_line,
                )
            )
    if unknown:
        found.append(_unchecked("in-force", unknown, before, after))
    return found


def _unchecked(
    check: str, items: Sequence[str], before: dict[str, Any], after: dict[str, Any]
) -> Finding:
    return finding(
        "corpus.unchecked",
        "info",
        f"{check} between {before['year']} and {after['year']} not checked for "
        f"{', '.join(items)}: a value is unknown in one of the reports ({before['path']})",
        after["path"],
        None,
        before["path"],
        None,
    )
