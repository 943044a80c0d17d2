"""The row search of flattened tables against brute force: every cut of a run of digits
into its cells that the row's own equations allow, no more and no fewer.

Rows are made of groups of cells each ending with their sum, as table 三's rows (six
columns and their total) and table 四's (three groups of four outcomes and their
total) are, sometimes with whitespace after some cells, sometimes with a sum the
printed numbers break."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from gipparse.templates.flat_solve import ROW_CANDIDATES, Run, _RowSearch, cut_row
from gipparse.templates.values import ValueKind

COUNT = ValueKind.COUNT

#: Mostly zeros and small numbers, as in real reports, sometimes large ones.
NUMBERS = st.one_of(
    st.just(0),
    st.just(0),
    st.integers(1, 9),
    st.integers(1, 9),
    st.integers(10, 99),
    st.integers(100, 999),
    st.integers(1000, 20000),
)


def every_cut(text: str, n: int, ends: frozenset[int]) -> list[tuple[int, ...]]:
    """Every cut of *text* into *n* whole numbers without leading zeros whose
    boundaries include *ends* (positions after which whitespace was printed)."""
    found = []
    for bounds in itertools.combinations(range(1, len(text)), n - 1):
        if not ends <= set(bounds):
            continue
        edges = (0, *bounds, len(text))
        parts = [text[edges[i] : edges[i + 1]] for i in range(n)]
        if all(p == "0" or p[0] != "0" for p in parts):
            found.append(tuple(int(p) for p in parts))
    return found


@st.composite
def rows(draw: Any) -> tuple[list[int], list[tuple[tuple[int, int], ...]], frozenset[int]]:
    groups = draw(st.sampled_from([[6], [4, 4, 4], [3], [2, 2], [5]]))
    values: list[int] = []
    equations = []
    for size in groups:
        parts = draw(st.lists(NUMBERS, min_size=size, max_size=size))
        total = sum(parts) + draw(st.sampled_from([0, 0, 0, 0, 1, -1]))
        first = len(values)
        values += [*parts, max(total, 0)]
        equations.append((*((first + i, 1) for i in range(size)), (first + size, -1)))
    ends = []
    position = 0
    for value in values[:-1]:
        position += len(str(value))
        ends.append(position)
    spaced = frozenset(draw(st.lists(st.sampled_from(ends), max_size=3)))
    return values, equations, spaced


@settings(max_examples=300, deadline=None)
@given(row=rows())
@example(row=([0, 0, 0, 0, 155, 385, 539], [(*((i, 1) for i in range(6)), (6, -1))], frozenset()))
def test_a_row_is_cut_every_way_its_equations_allow(row: Any) -> None:
    values, equations, spaced = row
    text = "".join(map(str, values))
    if len(text) > 20:  # the brute force would take too long
        return
    event("checked")
    run = Run(
        tuple(f"k{i}" for i in range(len(values))),
        (COUNT,) * len(values),
        text,
        breaks=frozenset(e - 1 for e in spaced),
    )
    found, cut_short, failed = cut_row(run, equations)
    every = every_cut(text, len(values), spaced)
    fitting = [c for c in every if all(sum(k * c[i] for i, k in eq) == 0 for eq in equations)]
    # The search under the equations finds exactly the cuts that satisfy them (when none
    # does, cut_row falls back on every cut and drops equations, which would hide a
    # search that misses some).
    search = _RowSearch(run, equations)
    search.search()
    if not search.cut_short:
        assert sorted(v for _, v in search.found) == sorted(fitting)
    if cut_short:
        assert len(fitting) > ROW_CANDIDATES or len(every) > ROW_CANDIDATES
        return
    got = [v for _, v in found]
    assert len(got) == len(set(got))
    if fitting:
        assert failed == []
        assert sorted(got) == sorted(fitting)
        # The printed numbers are among them when they satisfy the equations (a row whose
        # sum is off by one may still be cut another way that satisfies it).
        if all(sum(k * values[i] for i, k in eq) == 0 for eq in equations):
            assert tuple(values) in got
    else:
        # The printed numbers break an equation whatever the cut: it is reported, and
        # the cuts kept satisfy every other one.
        assert failed
        kept = [eq for i, eq in enumerate(equations) if i not in failed]
        assert set(got) <= set(every)
        assert all(sum(k * c[i] for i, k in eq) == 0 for c in got for eq in kept)
    # The digits of each cell are where the cut says.
    for cut, got_values in found:
        assert [int(text[s:e]) for s, e in cut] == list(got_values)


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(NUMBERS, min_size=1, max_size=5),
    spaced=st.lists(st.integers(0, 30), max_size=2),
)
def test_a_row_no_equation_constrains_is_cut_every_way(
    values: list[int], spaced: list[int]
) -> None:
    """Table 二's rows: every cut of the digits is a candidate, in the order of the cells'
    ends, the first cell's first."""
    text = "".join(map(str, values))
    if len(text) > 20:
        return
    ends: list[int] = []
    position = 0
    for value in values[:-1]:
        position += len(str(value))
        ends.append(position)
    spaces = frozenset(ends[i % len(ends)] for i in spaced) if ends else frozenset()
    run = Run(
        tuple(f"k{i}" for i in range(len(values))),
        (COUNT,) * len(values),
        text,
        breaks=frozenset(e - 1 for e in spaces),
    )
    found, cut_short, failed = cut_row(run, ())
    every = every_cut(text, len(values), spaces)
    assert failed == []
    if cut_short:
        assert len(every) > ROW_CANDIDATES
        return
    assert [v for _, v in found] == every
    assert tuple(values) in every


def test_no_cell_is_longer_than_a_value_can_be() -> None:
    """A cell of more digits than a table cell's value may have (19: past a 64-bit
    integer) is no cut, as it is no value in a table that was not flattened."""
    for digits, expected in ((18, [(10**18 - 1,)]), (19, [])):
        run = Run(("k0",), (COUNT,), "9" * digits)
        search = _RowSearch(run, [])
        search.search()
        assert [v for _, v in search.found] == expected
    # 30 digits in two cells: the second holds 12 to 18 of them.
    run = Run(("k0", "k1"), (COUNT, COUNT), "1" * 30)
    search = _RowSearch(run, [])
    search.search()
    assert sorted(v for _, v in search.found) == sorted(
        (int("1" * (30 - k)), int("1" * k)) for k in range(12, 19)
    )
