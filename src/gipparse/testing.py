"""Test support for plugin packages: the seed reports, what a reader must make of them,
and the merged cells their tables had before they were exported to text.

A plugin's ``conftest.py`` takes the fixtures and the parametrisation from here::

    from gipparse.testing import pytest_generate_tests, seeds, support  # noqa: F401

and :func:`register_hypothesis_profiles` gives its Hypothesis runs the core's profiles.
This module needs pytest, Hypothesis and attrs (the ``test`` extra); nothing else in
gipparse imports it.

The tab layout writes a cell covered by a merge from the row above as an empty cell at
the merge's first column, and a merge across columns once. :func:`merged_layout` undoes
that: it finds, for every cell, the columns and rows it spans in a grid as wide as the
longest row, so that the tests can publish the seeds as web pages and Word files with
real ``rowspan``/``colspan`` and vertical/horizontal merges, as agencies publish them.
"""

from __future__ import annotations

import functools
import inspect
import itertools
import os
import re
import types
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, cast

import attrs
import pytest
from hypothesis import HealthCheck, settings

import gipparse
from gipparse import Paragraph, Report, Table


def register_hypothesis_profiles() -> None:
    """The Hypothesis profiles of gipparse's tests, the one named by
    ``HYPOTHESIS_PROFILE`` loaded: a fast ``default``, ``ci`` (chosen when ``CI`` is set:
    the default with more examples) and an opt-in ``fuzz`` that runs many more."""
    settings.register_profile("default", max_examples=60, deadline=None)
    settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True)
    settings.register_profile(
        "fuzz", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    # CI (which sets CI=true) runs the "ci" profile unless a profile is named explicitly.
    settings.load_profile(
        os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default")
    )


_NUMBER_RE = re.compile(r"[+\-]?[0-9][0-9,.]*(?:万元|元)?")
#: Most column assignments weighed for one row; a row with more gets the plain one.
_MAX_LAYOUTS = 2_000


@attrs.frozen
class GridCell:
    """A cell as published: its text, first row and column (0-based) and spans."""

    text: str
    row: int
    column: int
    rowspan: int = 1
    colspan: int = 1


@attrs.frozen
class GridTable:
    width: int
    rows: tuple[tuple[GridCell, ...], ...]  # each row: the cells that start in it


def _is_number(text: str) -> bool:
    return _NUMBER_RE.fullmatch(gipparse.Cell(text).text) is not None


def _compositions(total: int, parts: int) -> list[tuple[int, ...]]:
    """Every way to split *total* columns among *parts* cells of at least one column."""
    if parts == 0:
        return [()] if total == 0 else []
    return [
        tuple(b - a for a, b in zip((0, *cuts), (*cuts, total), strict=True))
        for cuts in itertools.combinations(range(1, total), parts - 1)
    ]


def _count(total: int, parts: int) -> int:
    from math import comb

    return comb(total - 1, parts - 1) if parts and total >= parts else 0


def merged_layout(table: Table, continuations: bool = True) -> GridTable:
    """The merged cells *table* had, inferred from its tab-layout rows.

    With *continuations*, an empty cell is the continuation of the merge above it at that
    column (the tab format); without (pipe tables, which drop covered cells), only
    column spans are inferred. Rows are laid out bottom-up: a row must start a cell at the
    column of every continuation below it, with its width; among the layouts left,
    numbers span one column, cell boundaries line up with the row below, spans are as
    even as possible, and the wider cells come last. A table no layout fits (damage) is
    laid out without row merges.
    """
    texts = [[c.raw for c in row.cells] for row in table.rows]
    width = max(len(r) for r in texts)
    layout = _layout(texts, width, continuations)
    if layout is None:
        layout = _layout(texts, width, False)
    assert layout is not None
    return layout


def _layout(texts: list[list[str]], width: int, continuations: bool) -> GridTable | None:
    n = len(texts)
    spans: list[tuple[int, ...]] = [()] * n
    below_marks: dict[int, int] = {}  # continuation marks of the row below: column -> width
    below_bounds: set[int] = set()
    for r in range(n - 1, -1, -1):
        row = texts[r]
        is_mark = [continuations and r > 0 and text == "" for text in row]
        options = (
            _compositions(width, len(row))
            if _count(width, len(row)) <= _MAX_LAYOUTS
            else [_plain(row, width)]
        )
        best: tuple[object, ...] | None = None
        for option in options:
            starts = list(itertools.accumulate((0, *option[:-1])))
            placed = dict(zip(starts, option, strict=True))
            if any(placed.get(c) != w for c, w in below_marks.items()):
                continue
            ends = {s + w for s, w in zip(starts, option, strict=True)}
            score = (
                sum(w - 1 for w, t in zip(option, row, strict=True) if _is_number(t)),
                len(ends - below_bounds) if below_bounds else 0,
                sum(w * w for w in option),
                option,
            )
            if best is None or score < best:
                best = score
        if best is None:
            return None
        option = cast(tuple[int, ...], best[-1])
        spans[r] = option
        starts = list(itertools.accumulate((0, *option[:-1])))
        below_marks = {s: w for s, w, m in zip(starts, option, is_mark, strict=True) if m}
        below_bounds = {s + w for s, w in zip(starts, option, strict=True)}
    # Top-down: continuation marks extend the merge above them.
    open_cells: dict[int, list[int]] = {}  # column -> [row, column, colspan, rowspan]
    origins: list[list[list[int]]] = []
    for r in range(n):
        starts = list(itertools.accumulate((0, *spans[r][:-1])))
        row_origins: list[list[int]] = []
        current: dict[int, list[int]] = {}
        for text, start, span in zip(texts[r], starts, spans[r], strict=True):
            if continuations and r > 0 and text == "" and start in open_cells:
                cell = open_cells[start]
                cell[3] += 1
                current[start] = cell
            else:
                cell = [r, start, span, 1]
                row_origins.append(cell)
                current[start] = cell
        open_cells = current
        origins.append(row_origins)
    rows = tuple(
        tuple(
            GridCell(texts[row][_index(spans[row], column)], row, column, rowspan, colspan)
            for row, column, colspan, rowspan in row_origins
        )
        for row_origins in origins
    )
    return GridTable(width, rows)


def _plain(row: Sequence[str], width: int) -> tuple[int, ...]:
    """One column per cell, the spare columns to the first cell that is not a number."""
    spans = [1] * len(row)
    wide = next((i for i, t in enumerate(row) if not _is_number(t)), 0)
    spans[wide] += width - len(row)
    return tuple(spans)


def _index(spans: Sequence[int], column: int) -> int:
    """The index of the cell starting at *column* in a row with these spans."""
    return list(itertools.accumulate((0, *spans[:-1]))).index(column)


# ---------------------------------------------------------------------------------------
# Seeds and what a reader must make of them
# ---------------------------------------------------------------------------------------


@attrs.define(frozen=True, slots=False)
class Seed:
    name: str  # "000".."004"
    path: Path
    report: Report  # parsed from the text

    @property
    def tab_tables(self) -> bool:
        """Whether its tables are in the tab layout (empty cells are merge continuations)."""
        return all(t.format == "tab" for t in self.report.tables)

    @property
    def applications_table(self) -> Table:
        """The largest table: the applications table of both templates."""
        return max(self.report.tables, key=lambda t: len(t.rows))

    @property
    def intact(self) -> bool:
        """Whether the text report reads without a warning (no damage)."""
        return not any(d.severity is not gipparse.Severity.INFO for d in self.report.diagnostics)

    @property
    def title(self) -> str:
        """The title an agency gives the report's page: its name, the year, the genre."""
        meta = self.report.metadata
        year = f"{meta.year}年" if meta.year else ""
        return f"{meta.agency or ''}{year}政府信息公开工作年度报告"

    @functools.cached_property
    def web_report(self) -> Report:
        """The report as a web page can show it: HTML collapses the TABs in prose (the
        chart data of seed 002), so the text with those TABs as spaces, parsed."""
        lines = self.path.read_text(encoding="utf-8").split("\n")
        for section in self.report.sections:
            prose: list[gipparse.Heading | Paragraph] = list(section.paragraphs)
            if section.heading is not None:
                prose.append(section.heading)
            for node in prose:
                assert node.span is not None
                for i in range(node.span.line - 1, node.span.end_line):
                    lines[i] = lines[i].replace("\t", " ")
        return gipparse.loads("\n".join(lines))


def is_image_line(paragraph: Paragraph) -> bool:
    """A Markdown image line (``![name](url)``): an image on the page the text came from."""
    return re.fullmatch(r"\s*!\[[^\]]*\]\([^)]*\)\s*", paragraph.raw) is not None


Outline = list[tuple[str, str | None, list[tuple[str, object]]]]


def outline(report: Report) -> Outline:
    """What a report says, section by section: ``(kind, heading, blocks)`` with each
    block a ``("p", text)`` or ``("t", cell texts)``; image lines left out."""
    result: Outline = []
    for section in report.sections:
        blocks: list[tuple[str, object]] = []
        for block in section.blocks:
            if isinstance(block, Paragraph):
                if not is_image_line(block):
                    blocks.append(("p", block.text))
            else:
                blocks.append(("t", block.texts))
        heading = section.heading.text if section.heading is not None else None
        result.append((section.kind, heading, blocks))
    return result


def with_title(expected: Outline, title: str) -> Outline:
    """*expected* with a title paragraph first in the preamble."""
    if expected and expected[0][0] == "preamble":
        kind, heading, blocks = expected[0]
        return [(kind, heading, [("p", title), *blocks]), *expected[1:]]
    return [("preamble", None, [("p", title)]), *expected]


def is_blank_zero(table: Table, seed: Seed, text: str) -> bool:
    """Whether a publisher leaves this cell blank: a zero in the applications table of an
    intact report. (In a damaged table, seed 003's, rows have lost their labels and only
    their zeros say where they stand: blank, they would say nothing.)"""
    return seed.intact and table is seed.applications_table and text == "0"


def blanked(expected: Outline, seed: Seed) -> Outline:
    """*expected* with the cells :func:`is_blank_zero` picks blank."""
    if not seed.intact:
        return expected
    zeros = seed.applications_table.texts
    result: Outline = []
    for kind, heading, blocks in expected:
        new_blocks: list[tuple[str, object]] = []
        for what, value in blocks:
            if what == "t" and value == zeros:
                blank = tuple(tuple("" if t == "0" else t for t in row) for row in zeros)
                new_blocks.append((what, blank))
            else:
                new_blocks.append((what, value))
        result.append((kind, heading, new_blocks))
    return result


def _slice(text: str, span: gipparse.Span | None) -> str:
    assert span is not None
    lines = text.split("\n")
    if span.line == span.end_line:
        return lines[span.line - 1][span.column - 1 : span.end_column - 1]
    parts = [lines[span.line - 1][span.column - 1 :]]
    parts.extend(lines[span.line : span.end_line - 1])
    parts.append(lines[span.end_line - 1][: span.end_column - 1])
    return "\n".join(parts)


def check_spans(report: Report) -> None:
    """Every block and cell points at its text in ``report.source``, and every line of the
    source belongs to a block (a heading is a block too)."""
    covered: set[int] = set()
    for section in report.sections:
        nodes: list[gipparse.Heading | gipparse.Block] = list(section.blocks)
        if section.heading is not None:
            nodes.append(section.heading)
        for node in nodes:
            assert node.span is not None
            covered.update(range(node.span.line, node.span.end_line + 1))
            if isinstance(node, Table):
                for cell in node.cells():
                    assert _slice(report.source, cell.span) == cell.raw
            else:
                assert _slice(report.source, node.span) == node.raw
    assert covered == set(range(1, report.source.count("\n") + 2))


def readme_code(readme: Path) -> tuple[list[str], list[str]]:
    """The ```python blocks of a plugin's README: ``(examples to run, quoted source)``;
    a block with a ``@hookimpl``, or starting with ``class`` or a ``#:`` comment, quotes
    the plugin's source."""
    blocks = re.findall(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), re.S)
    quoted = [b for b in blocks if "@hookimpl" in b or b.startswith(("class ", "#: "))]
    return [b for b in blocks if b not in quoted], quoted


def check_readme(module: types.ModuleType, readme: Path, hooks: int) -> None:
    """The README's examples run, every block quoting the plugin's code is the source of
    *module* as written, and the plugin object (``module.plugin``, or the module itself)
    implements *hooks* hooks, its class (or each hook function) quoted."""
    examples, quoted = readme_code(readme)
    assert examples
    for code in examples:
        exec(compile(code, str(readme), "exec"), {})
    source = inspect.getsource(module)
    for code in quoted:
        assert code in source
    plugin = getattr(module, "plugin", module)
    names = [name for name in dir(plugin) if name.startswith("gipparse_")]
    assert len(names) == hooks
    if plugin is module:
        for name in names:
            assert f"def {name}(" in "".join(quoted)
    else:
        assert f"class {type(plugin).__name__}(" in "".join(quoted)


SEED_NAMES = [p.name[:3] for p in gipparse.sample_paths()]


@pytest.fixture(scope="session")
def seeds() -> dict[str, Seed]:
    """The sample reports, parsed from their text (default plugins)."""
    return {p.name[:3]: Seed(p.name[:3], p, gipparse.load(p)) for p in gipparse.sample_paths()}


def seed_loader(
    folder: Path, suffix: str, write: Callable[[Seed, Any], bytes], seeds: dict[str, Seed]
) -> Callable[[str, Any], Report]:
    """``load(seed name, style)``: the seed written by *write* in that style, saved in
    *folder* with *suffix* and loaded with the installed plugins, once per seed and style."""
    cache: dict[tuple[str, str], Report] = {}

    def load(seed: str, style: Any) -> Report:
        if (seed, style.name) not in cache:
            path = Path(folder, f"{seed}-{style.name}{suffix}")
            path.write_bytes(write(seeds[seed], style))
            cache[seed, style.name] = gipparse.load(path)
        return cache[seed, style.name]

    return load


class Support:
    """The helpers above, for test modules (which cannot import a conftest)."""

    merged_layout = staticmethod(merged_layout)
    outline = staticmethod(outline)
    with_title = staticmethod(with_title)
    blanked = staticmethod(blanked)
    is_blank_zero = staticmethod(is_blank_zero)
    is_image_line = staticmethod(is_image_line)
    check_spans = staticmethod(check_spans)
    readme_code = staticmethod(readme_code)
    check_readme = staticmethod(check_readme)
    seed_names = SEED_NAMES


@pytest.fixture(scope="session")
def support() -> type[Support]:
    return Support


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "seed_name" in metafunc.fixturenames:
        metafunc.parametrize("seed_name", SEED_NAMES)
