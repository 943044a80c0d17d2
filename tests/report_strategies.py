"""Statistics and metadata for whole-report tests: Hypothesis strategies, and the plain
builders behind them (usable with a seeded ``random.Random`` in example tests).

Statistics built here satisfy every relation of their template by construction: table 三
is filled result row by result row, its 总计 row and column are sums, and 一 + 二 is made
equal to （七）总计 + 四 column by column; each group of table 四 sums to its total.
:func:`break_relation` then breaks exactly one relation, touching only keys that no other
relation involves in a way that would notice.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any

from hypothesis import strategies as st
from tests.schema_names import APPEAL_GROUPS, APPEAL_OUTCOMES, APPLICANTS

import gipparse
from gipparse import Metadata, Statistics, Template

Value = int | Decimal | None
#: ``draw(low, high)`` returns an int in [low, high].
Draw = Callable[[int, int], int]

COLUMNS = APPLICANTS
GROUPS = APPEAL_GROUPS
OUTCOMES = APPEAL_OUTCOMES
#: The relations of both built-in templates, by name.
RELATIONS = ("balance", "results-total", "row-total", "appeals-total")


@cache
def template(template_id: str) -> Template:
    templates = gipparse.create_plugin_manager(entry_points=False).templates()
    return next(t for t in templates if t.id == template_id)


@cache
def result_rows(template_id: str) -> list[str]:
    """The rows of table 三 that add up to （七）总计, as printed (without derived rows)."""
    spec = next(s for s in template(template_id).tables if s.name == "applications")
    return [
        r.key
        for r in spec.rows
        if "三、本年度办理结果" in r.groups and r.key != "total" and not r.derived_from
    ]


def balanced_flat(template_id: str, draw: Draw, *, scale: int = 30) -> dict[str, Value]:
    """A flat mapping (derived keys left out) that satisfies every relation."""
    tpl = template(template_id)
    flat: dict[str, Value] = {}
    for key in tpl.keys:
        if key.startswith("active."):
            flat[key] = _active_value(key, draw, scale)
    results = result_rows(template_id)
    totals = dict.fromkeys(COLUMNS, 0)
    for row in results:
        values = {c: _small(draw, scale) for c in COLUMNS}
        _put_row(flat, row, values)
        for c in COLUMNS:
            totals[c] += values[c]
    _put_row(flat, "total", totals)
    forward = {c: _small(draw, scale) for c in COLUMNS}
    carried = {c: draw(0, totals[c] + forward[c]) for c in COLUMNS}
    new = {c: totals[c] + forward[c] - carried[c] for c in COLUMNS}
    _put_row(flat, "new", new)
    _put_row(flat, "carried_over", carried)
    _put_row(flat, "carried_forward", forward)
    for group in GROUPS:
        outcomes = {o: _small(draw, scale) for o in OUTCOMES}
        for o, v in outcomes.items():
            flat[f"appeals.{group}.{o}"] = v
        flat[f"appeals.{group}.total"] = sum(outcomes.values())
    return {k: flat[k] for k in tpl.keys if k in flat}


def _small(draw: Draw, scale: int) -> int:
    # Mostly zeros, as in real reports, sometimes a larger number.
    return 0 if draw(0, 2) == 0 else draw(0, scale)


def _active_value(key: str, draw: Draw, scale: int) -> Value:
    if key.endswith(".amount"):
        places = draw(0, 6)
        return Decimal(draw(0, 10**8)).scaleb(-places)
    if key.endswith(".change"):
        return draw(-scale, scale)
    return draw(0, scale * 100)


def _put_row(flat: dict[str, Value], row: str, values: dict[str, int]) -> None:
    for c in COLUMNS:
        flat[f"applications.{row}.{c}"] = values[c]
    flat[f"applications.{row}.total"] = sum(values.values())


def break_relation(
    flat: dict[str, Value], relation: str, draw: Draw, template_id: str
) -> tuple[dict[str, Value], set[str]]:
    """A copy of *flat* with *relation* broken and every other relation intact, and the
    items (columns, rows or groups) it now fails in."""
    broken = dict(flat)
    delta = draw(1, 50)
    column = COLUMNS[draw(0, len(COLUMNS) - 1)]

    def bump(key: str) -> None:
        value = broken[key]
        assert isinstance(value, int)
        broken[key] = value + delta

    if relation == "balance":
        # 四 grows in one column and in its total: the row still adds up, the balance not.
        bump(f"applications.carried_forward.{column}")
        bump("applications.carried_forward.total")
        return broken, {column, "total"}
    if relation == "results-total":
        row = result_rows(template_id)[draw(0, len(result_rows(template_id)) - 1)]
        bump(f"applications.{row}.{column}")
        bump(f"applications.{row}.total")
        return broken, {column, "total"}
    if relation == "row-total":
        # 一 and 四 grow alike in one column: the balance holds, their row totals do not.
        bump(f"applications.new.{column}")
        bump(f"applications.carried_forward.{column}")
        return broken, {"new", "carried_forward"}
    if relation == "appeals-total":
        group = GROUPS[draw(0, len(GROUPS) - 1)]
        bump(f"appeals.{group}.total")
        return broken, {group}
    raise ValueError(relation)


AGENCY_PLACES = (
    "开封市鼓楼区",
    "广州市越秀区",
    "枣庄市台儿庄区",
    "阜阳市",
    "郑州市管城回族区",
    "淮安市洪泽区",
)
AGENCY_OFFICES = ("应急管理局", "人民防空办公室", "财政局", "人民政府办公室", "市场监督管理局")


def metadata_for(template_id: str, draw: Draw) -> Metadata:
    """Metadata of a report of a year that uses *template_id*."""
    tpl = template(template_id)
    year = draw(tpl.first_year, tpl.last_year or tpl.first_year + 4)
    agency = (
        AGENCY_PLACES[draw(0, len(AGENCY_PLACES) - 1)]
        + AGENCY_OFFICES[draw(0, len(AGENCY_OFFICES) - 1)]
    )
    period = f"{year}-01-01/{year}-12-31" if draw(0, 1) else None
    return Metadata(agency=agency, year=year, period=period, template=template_id)


# ---------------------------------------------------------------------------
# Hypothesis strategies
# ---------------------------------------------------------------------------


def _drawer(draw: Any) -> Draw:
    # A Random backed by Hypothesis' data: it shrinks, and drawing two hundred numbers
    # through it is several times faster than as many st.integers() draws.
    rng = draw(st.randoms(use_true_random=False))
    return rng.randint  # type: ignore[no-any-return]


@st.composite
def statistics(draw: Any, template_id: str) -> Statistics:
    """Statistics of *template_id* that satisfy every relation."""
    return Statistics.from_flat(template_id, balanced_flat(template_id, _drawer(draw)))


@st.composite
def statistics_with_unknowns(draw: Any, template_id: str) -> Statistics:
    """Like :func:`statistics`, with some values of table 二 unknown (``None``)."""
    flat = balanced_flat(template_id, _drawer(draw))
    active = [k for k in flat if k.startswith("active.")]
    for key in draw(st.lists(st.sampled_from(active), max_size=4)):
        flat[key] = None
    return Statistics.from_flat(template_id, flat)


@st.composite
def broken_statistics(draw: Any, template_id: str) -> tuple[Statistics, str, set[str]]:
    """Statistics with exactly one relation broken: ``(statistics, relation, items)``."""
    flat = balanced_flat(template_id, _drawer(draw))
    relation = draw(st.sampled_from(RELATIONS))
    broken, items = break_relation(flat, relation, _drawer(draw), template_id)
    return Statistics.from_flat(template_id, broken), relation, items


@st.composite
def metadata(draw: Any, template_id: str) -> Metadata:
    return metadata_for(template_id, _drawer(draw))
