"""Reports whose statutory tables were flattened into running text.

Generic text extractors (``get_text()`` of a web page, a crawler's ``page.txt``, PDF to
Markdown converters) keep a table's labels in template order but glue the cells of a row
into one run of digits: ``本年新收政府信息公开申请数量801000081二、上年结转…`` holds the row
``80 | 1 | 0 | 0 | 0 | 0 | 81``. This module recognises such text and reads its tables:

1. **Recognise.** The text is cut into runs of number characters and the text between
   them. A text ending with a row label of the template (matched on label keys, as
   tables match them: numbering, punctuation and bracket width ignored; one typo
   tolerated through the template's own fuzzy matcher) is that row's label, and the run
   after it its values. Rows are looked for in template order, within the table whose
   signature (``第二十条``, ``申请人情况``, ``行政复议``) was seen last; table 四's one row of
   values follows its header. The numbering of the next label glued to a run
   (``…00000312.没有现成信息``) is given back to the label; a run glued to the prose after
   it (``02025年``) may end before its last digits.
2. **Decide.** :mod:`gipparse.templates.flat_solve` cuts each run into cells, keeping
   every cut as a candidate (whitespace always ends a cell, since a number holds none,
   but cells need not be separated by any), and lets the template's relations select
   among them across the whole table. A cell is read only when every cut left agrees on
   it; otherwise it is null, with a diagnostic listing what it may be.
3. **Report.** The statistics carry, for each decided cell, a cell holding the digits it
   was read from and their span; the diagnostics say what layout was found and how many
   cells the arithmetic decided.

The stage runs when the ordinary reading finds no table, or finds tables whose rows
lost cells. In the first case its result is the report's statistics; in the second it
only fills the values the tables left unread, where it can be trusted
(:func:`fill_gaps`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Any

from ..source.decode import split_lines
from ..structure.sections import SECTION_TITLES
from ..tree.nodes import Cell, Diagnostic, Severity, Span, new_cell, new_span
from ..tree.text import fold
from .engine import Template, label_keys
from .flat_solve import Equation, Run, Solution, number_text, solve
from .schema import TableSpec
from .statistics import Statistics
from .values import Value, ValueKind

#: Diagnostics of the ordinary reading after which the flattened reading is tried too.
_DAMAGE = frozenset(
    (
        "template.no-tables",
        "template.missing-table",
        "table.missing-cell",
        "table.concatenated-values",
    )
)

# Position-preserving folding: one character in, one character out.
_SPACES = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000\ufeff\u200b\u200c\u200d\u2060\t\f\v"
)
_TABLE: dict[int, int | str] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_TABLE.update({ord(c): " " for c in _SPACES})
_TABLE[ord("\r")] = "\n"

#: A number as a run's pieces are found: digits with signs, points and thousands
#: separators, and a money unit after them. Pieces separated by nothing but spaces, line
#: breaks and pipes (Markdown) make one run (see :class:`_Text`).
_NUMBER_RE = re.compile(r"[+\-]?[0-9][0-9.,]*(?:万元|亿元|元)?")
_NON_WORD_RE = re.compile(r"[\W_]+")
_NUMBERING_RE = re.compile(r"\s*([0-9]{1,2})\s*[.,、]")
_UNITS = ("万元", "亿元", "元")


# ---------------------------------------------------------------------------
# What a template's tables look like as text
# ---------------------------------------------------------------------------


class _Row:
    __slots__ = ("derived", "index", "keys", "kinds", "numbering", "spec", "statistics")

    def __init__(
        self,
        index: int,
        spec: Any,
        keys: tuple[str, ...],
        numbering: str | None,
        statistics: tuple[str, ...],
    ):
        self.index = index
        self.spec = spec
        #: The label keys the row is found by.
        self.keys = keys
        self.numbering = numbering
        self.derived = bool(spec.derived_from)
        #: The statistic key and kind of each cell.
        self.statistics = statistics
        self.kinds = tuple(c.kind for c in spec.columns)


class _Shape:
    """A template's tables as flattened text shows them, built once per template."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.tables = template.tables
        self.signatures = [tuple(label_keys(fold(s))[0] for s in t.signature) for t in self.tables]
        self.rows: list[list[_Row]] = []
        self.headers: list[tuple[str, ...]] = []
        known: set[str] = set()
        for spec in self.tables:
            rows = []
            for index, row in enumerate(spec.rows):
                keys: set[str] = set()
                for text in (row.label, *row.aliases):
                    if text:
                        keys.update(k for k in label_keys(fold(text)) if k)
                m = _NUMBERING_RE.match(fold(row.label))
                rows.append(
                    _Row(
                        index,
                        row,
                        tuple(sorted(keys, key=len, reverse=True)),
                        m and m.group(1),
                        tuple(spec.key(row, c) for c in row.columns),
                    )
                )
                known.update(keys)
                for group in row.groups:
                    known.update(k for k in label_keys(fold(group)) if k)
            self.rows.append(rows)
            header = {label_keys(fold(c))[0] for line in spec.header for c in line if c}
            header.discard("")
            self.headers.append(tuple(sorted(header, key=len, reverse=True)))
            known.update(header)
            known.add(label_keys(fold(spec.title))[0])
        for _, title in SECTION_TITLES:
            known.add(label_keys(fold(title))[0])
        known.discard("")
        groups = {label_keys(fold(g))[0] for t in self.tables for r in t.rows for g in r.groups}
        groups.discard("")
        #: A text ending with a group label or a caption: no row label with a typo.
        self.grouping = tuple(sorted(groups))
        # A label may follow its numbering (``三、`` is ``三`` once punctuation is gone).
        self.known = re.compile(
            "(?:[一二三四五六七八九十]{1,3}|[0-9]{1,2})?(?:"
            + "|".join(map(re.escape, sorted(known, key=len, reverse=True)))
            + ")"
        )
        self.markers = tuple(label_keys(fold(m))[0] for m in template.markers)
        # Relation instances as equations (derived keys expanded when asked).
        self.instances: list[tuple[str, str, str, list[str], list[str]]] = []
        #: The equations by the derived keys printed as rows of their own.
        self.equations: dict[frozenset[str], list[Equation]] = {}
        for rel in template.relations:
            for item, label, left, right, _ in rel.instances():
                self.instances.append((rel.name, item, label, left, right))


_SHAPES: dict[int, tuple[Template, _Shape]] = {}


def _shape(template: Template) -> _Shape:
    found = _SHAPES.get(id(template))
    if found is None or found[0] is not template:
        if len(_SHAPES) > 64:
            _SHAPES.clear()
        found = _SHAPES[id(template)] = (template, _Shape(template))
    return found[1]


# ---------------------------------------------------------------------------
# The text
# ---------------------------------------------------------------------------


class _Text:
    """The report's text folded character for character (full-width made half-width, odd
    spaces made plain, Traditional made Simplified where a character maps to one), cut
    into runs of number characters and the text between them."""

    def __init__(self, source: str, to_simplified: Callable[[str], str] | None) -> None:
        self.source = source
        flat = source.translate(_TABLE)
        if to_simplified is not None:
            simplified = to_simplified(flat)
            if len(simplified) == len(flat):
                flat = simplified
            else:  # a phrase changed length: fold line by line where lengths keep
                lines = flat.split("\n")
                flat = "\n".join(
                    s if len(s := to_simplified(line)) == len(line) else line for line in lines
                )
        self.flat = flat
        self.runs: list[tuple[int, int]] = []
        self.texts: list[tuple[int, int]] = []
        last = 0
        pieces: list[list[int]] = []
        for m in _NUMBER_RE.finditer(flat):
            start, end = m.span()
            if pieces and not flat[pieces[-1][1] : start].strip(" \n|"):
                pieces[-1][1] = end  # only spaces between: the same run
            else:
                pieces.append([start, end])
        for start, stop in pieces:
            end = stop
            while flat[end - 1] in ".,":  # a full stop or comma after a number
                end -= 1
            self.texts.append((last, start))
            self.runs.append((start, end))
            last = end
        self.texts.append((last, len(flat)))
        self.keys = [_NON_WORD_RE.sub("", flat[s:e]) for s, e in self.texts]
        starts = [0]
        for m in re.finditer("\r\n|\r|\n", source):
            starts.append(m.end())
        self._starts = starts

    def line_start(self, pos: int) -> int:
        """Where the line holding *pos* starts."""
        starts = self._starts
        return starts[bisect_right(starts, pos) - 1]

    def span(self, start: int, end: int) -> Span:
        starts = self._starts
        line = bisect_right(starts, start) - 1
        end_line = bisect_right(starts, max(start, end - 1)) - 1
        return Span(line + 1, start - starts[line] + 1, end_line + 1, end - starts[end_line] + 1)


# ---------------------------------------------------------------------------
# Matching rows
# ---------------------------------------------------------------------------


class _Match:
    """The rows of one template found in the text: ``(table, row, run start, run end)``."""

    def __init__(self, shape: _Shape, text: _Text) -> None:
        self.shape = shape
        self.text = text
        self.found: list[tuple[int, int, int, int]] = []
        self.fuzzy: list[tuple[int, int, int]] = []
        #: Indices in *found* of runs glued to the prose after them.
        self.open: set[int] = set()
        self._match()

    def _suffix(self, table: int, start: int, key: str) -> int | None:
        for row in self.shape.rows[table][start:]:
            if any(key.endswith(k) for k in row.keys):
                return row.index
        return None

    def _fuzzy(self, table: int, start: int, key: str) -> int | None:
        matcher = self.shape.template._matchers[table]
        rows = self.shape.rows[table][start : start + 4]
        lengths = sorted({len(k) + d for row in rows for k in row.keys for d in (-1, 0, 1)})
        for length in lengths:
            if 4 <= length <= len(key):
                found = matcher.fuzzy_leaf(key[-length:])
                if found is not None and found >= start:
                    return found
        return None

    def _match(self) -> None:
        shape, text = self.shape, self.text
        current: int | None = None
        cursors = [0] * len(shape.tables)
        for i, (run_start, run_end) in enumerate(text.runs):
            key = text.keys[i]
            # The table whose signature the text names last.
            best = -1
            for t, signature in enumerate(shape.signatures):
                for s in signature:
                    at = key.rfind(s)
                    if at > best:
                        best, current = at, t
            if current is None or not key:
                continue
            spec = shape.tables[current]
            if not spec.labelled:
                if cursors[current] == 0 and any(key.endswith(h) for h in shape.headers[current]):
                    self.found.append((current, 0, run_start, run_end))
                    cursors[current] = 1
                    if self._glued(i):
                        self.open.add(len(self.found) - 1)
                continue
            row = self._suffix(current, cursors[current], key)
            fuzzy = False
            if row is None and not key.endswith(shape.grouping):
                row = self._fuzzy(current, cursors[current], key)
                fuzzy = row is not None
            if row is None:
                continue
            end = self._give_back(current, row, i, run_start, run_end)
            if end <= run_start:
                continue  # only the numbering of the next label: a group label
            if fuzzy:
                self.fuzzy.append((current, row, i))
            cursors[current] = row + 1
            self.found.append((current, row, run_start, end))
            if end == run_end and self._glued(i):
                self.open.add(len(self.found) - 1)

    def _glued(self, i: int) -> bool:
        """Is run *i* glued to text that is not a label (prose, page chrome), whose
        first digits it may have taken (``02025年``)?"""
        text = self.text
        end = text.runs[i][1]
        after = text.flat[end : end + 1]
        if not after or after.isspace() or text.flat[end - 1] not in "0123456789":
            return False
        key = text.keys[i + 1] if i + 1 < len(text.keys) else ""
        return self.shape.known.match(key) is None

    def _give_back(self, table: int, row: int, i: int, start: int, end: int) -> int:
        """The end of run *i* once the numbering of the next label is given back to it
        (``…312.没有现成信息``: ``2.`` numbers the next row)."""
        text = self.text
        flat = text.flat
        after = flat[end : end + 2].lstrip(" ")
        if not after or after[0] not in ".,、" or i + 1 >= len(text.keys):
            return end
        nxt = self._suffix(table, row + 1, text.keys[i + 1])
        if nxt is None:
            return end
        numbering = self.shape.rows[table][nxt].numbering
        body = flat[start:end].rstrip(" \n|")
        if numbering and body.endswith(numbering):
            cut = start + len(body) - len(numbering)
            while cut > start and flat[cut - 1] in " \n|,":
                cut -= 1
            return cut
        return end


# ---------------------------------------------------------------------------
# Runs and equations
# ---------------------------------------------------------------------------


def _run(  # noqa: PLR0917
    text: _Text,
    start: int,
    end: int,
    keys: tuple[str, ...],
    kinds: tuple[ValueKind, ...],
    open_end: bool,
) -> tuple[Run, Sequence[int]]:
    """The :class:`Run` of ``flat[start:end]`` and the position in the text of each of
    its characters."""
    flat = text.flat
    body = flat[start:end]
    if body.isdigit() and body.isascii():  # digits only: one token, nothing to remove
        return Run(keys, kinds, body, {}, open_end, frozenset()), range(start, end)
    chars: list[str] = []
    where: list[int] = []
    units: dict[int, str] = {}
    tokens: list[tuple[int, int]] = []
    token_start = 0
    pos = start
    while pos < end:
        ch = flat[pos]
        if ch in "0123456789+-.":
            if ch in "+-" and chars and token_start < len(chars):
                tokens.append((token_start, len(chars)))
                token_start = len(chars)
            chars.append(ch)
            where.append(pos)
            pos += 1
            continue
        unit = next((u for u in _UNITS if flat.startswith(u, pos)), None)
        if unit is not None and chars:
            units[len(chars) - 1] = unit
            pos += len(unit)
            continue
        if ch in " \n|" and token_start < len(chars):
            tokens.append((token_start, len(chars)))
            token_start = len(chars)
        pos += 1
    if token_start < len(chars):
        tokens.append((token_start, len(chars)))
    # Trailing points and separators belong to the text after the run.
    while chars and chars[-1] in ".+-":
        chars.pop()
        where.pop()
    tokens = [(s, min(e, len(chars))) for s, e in tokens if s < len(chars)]
    breaks = frozenset(e - 1 for _, e in tokens[:-1])
    return Run(keys, kinds, "".join(chars), units, open_end and not units, breaks), where


def _equations(
    shape: _Shape, collapsed: set[str]
) -> tuple[list[Equation], list[tuple[str, str, str, list[str], list[str]]]]:
    """The relation instances as equations, keys of derived rows replaced by their parts
    unless the row was printed as a row of its own."""
    printed = frozenset(collapsed)
    known = shape.equations.get(printed)
    if known is not None:
        return known, shape.instances
    template = shape.template
    derived = template.derived
    equations: list[Equation] = []
    for _name, _item, _label, left, right in shape.instances:
        coefs: dict[str, int] = {}
        for side, sign in ((left, 1), (right, -1)):
            for key in side:
                parts = derived.get(key)
                if parts is not None and key not in collapsed:
                    for p in parts:
                        coefs[p] = coefs.get(p, 0) + sign
                else:
                    coefs[key] = coefs.get(key, 0) + sign
        equations.append(tuple((k, c) for k, c in coefs.items() if c))
    if len(shape.equations) > 16:
        shape.equations.clear()
    shape.equations[printed] = equations
    return equations, shape.instances


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


def should_try(statistics: Statistics | None, diagnostics: Sequence[Diagnostic]) -> bool:
    """Is the flattened reading worth trying after the ordinary one gave these?"""
    if statistics is None:
        return True
    if not statistics.unknown:
        return False
    return any(d.code in _DAMAGE for d in diagnostics)


def read_flattened(
    source: str,
    templates: Sequence[Template],
    year: int | None,
    to_simplified: Callable[[str], str] | None,
) -> tuple[Template, Statistics, list[Diagnostic]] | None:
    """Read the statistics of a report whose tables are flattened into running text, or
    ``None`` when the text does not show one (fewer than three rows of a template). The
    relations of the values read are checked by the caller
    (:func:`gipparse.checks.relations.check_relations`), like those of any reading."""
    if not templates or not source:
        return None
    text = _Text(source, to_simplified)
    if len(text.runs) < 3:
        return None
    joined = "".join(text.keys)
    ranked = []
    for template in templates:
        shape = _shape(template)
        share = (
            sum(1 for m in shape.markers if m in joined) / len(shape.markers)
            if shape.markers
            else 0.0
        )
        match = _Match(shape, text)
        prior = year is not None and template.matches_year(year)
        ranked.append((share, prior, len(match.found), match))
    ranked.sort(key=lambda r: (r[0], r[1], r[2]), reverse=True)
    share, prior, count, match = ranked[0]
    if count < 3:
        return None
    return _decide(match, year, prior)


def _decide(
    match: _Match, year: int | None, prior: bool
) -> tuple[Template, Statistics, list[Diagnostic]]:
    shape, text = match.shape, match.text
    template = shape.template
    diagnostics: list[Diagnostic] = []
    runs: list[Run] = []
    places: list[tuple[int, int, Sequence[int], int, int]] = []
    collapsed: set[str] = set()
    read_rows: dict[int, set[int]] = {}
    for n, (table, row, start, end) in enumerate(match.found):
        row_shape = shape.rows[table][row]
        keys = row_shape.statistics
        if row_shape.derived:
            collapsed.update(keys)
        run, where = _run(text, start, end, keys, row_shape.kinds, n in match.open)
        runs.append(run)
        places.append((table, row, where, start, end))
        read_rows.setdefault(table, set()).add(row)
    equations, instances = _equations(shape, collapsed)
    solution = solve(runs, equations)

    values: dict[str, Value] = dict.fromkeys(template.keys)
    sources: dict[str, Cell] = {}
    decided = ambiguous = 0
    for run, (table, row, where, start, end), result in zip(
        runs, places, solution.rows, strict=True
    ):
        spec = shape.tables[table]
        row_spec = spec.rows[row]
        name = row_spec.label or spec.title
        whole = new_cell(text.source[start:end], text.span(start, end))
        # A run on one line: its cells' spans are columns of that line.
        base = text.line_start(start) if "\n" not in text.flat[start:end] else -1
        line = whole.span.line if whole.span is not None else 0

        if result.cut_short:
            diagnostics.append(
                Diagnostic(
                    Severity.WARNING,
                    "table.flattened-search-cut",
                    f"{name}: {_shown(whole)!r} (line {line}) can "
                    f"be cut into its {len(run.keys)} cells in too many ways to search; "
                    "its values are null",
                    whole.span,
                )
            )
            ambiguous += len(run.keys)
            sources.update(dict.fromkeys(run.keys, whole))
            continue
        if result.candidates == 0:
            diagnostics.append(
                Diagnostic(
                    Severity.WARNING,
                    "table.flattened-unfit",
                    f"{name}: {_shown(whole)!r} (line {line}) "
                    f"cannot be cut into its {len(run.keys)} cells; its values are null",
                    whole.span,
                )
            )
            ambiguous += len(run.keys)
            sources.update(dict.fromkeys(run.keys, whole))
            continue
        open_cells = []
        for c, key in enumerate(run.keys):
            value = result.values[c]
            cut = result.cuts[c]
            if value is None:
                ambiguous += 1
                sources[key] = whole
                open_cells.append(
                    f"{row_spec.columns[c].label} "
                    + " or ".join(number_text(v) for v in result.choices[c][:6])
                    + (" ..." if len(result.choices[c]) > 6 else "")
                )
                continue
            decided += 1
            values[key] = value
            if cut is not None and cut[1] > cut[0]:
                s = where[cut[0]]
                e = where[cut[1] - 1] + 1
                unit = run.units.get(cut[1] - 1)
                if unit is not None:
                    e = text.flat.index(unit, e) + len(unit)
                if base >= 0:
                    span = new_span((line, s - base + 1, line, e - base + 1))
                else:
                    span = text.span(s, e)
                sources[key] = new_cell(text.source[s:e], span)
            else:
                sources[key] = whole
        if open_cells:
            diagnostics.append(
                Diagnostic(
                    Severity.WARNING,
                    "table.flattened-ambiguous",
                    f"{name}: {_shown(whole)!r} (line {line}) can "
                    f"be cut in {result.candidates} ways that satisfy every relation; "
                    f"undecided, so null: {'; '.join(open_cells)}",
                    whole.span,
                )
            )

    # Rows not found, and （六） printed as one row in a template that splits it.
    for t, spec in enumerate(shape.tables):
        done = read_rows.get(t, set())
        if not done:
            diagnostics.append(
                Diagnostic(
                    Severity.WARNING,
                    "template.missing-table",
                    f"the table {spec.title} is missing; its values are null",
                )
            )
            continue
        _missing_rows(spec, done, template, diagnostics)

    # Derived rows.
    computed = []
    for key, parts in template.derived.items():
        if key not in collapsed:
            total: Value = 0
            for p in parts:
                v = values.get(p)
                if v is None or total is None:
                    total = None
                    break
                total += v
            values[key] = total
            computed.append(key)
    statistics = Statistics._from_dict(template.id, values, frozenset(computed), sources)

    total_cells = decided + ambiguous
    first = next((p for p in places), None)
    where_first = text.span(first[3], first[4]) if first is not None else None
    diagnostics.insert(
        0,
        Diagnostic(
            Severity.INFO,
            "table.flattened",
            f"tables flattened into running text (template {template.id}); {decided} of "
            f"{total_cells} cells decided by the arithmetic, {ambiguous} ambiguous",
            where_first,
        ),
    )
    if year is not None and not prior:
        diagnostics.append(
            Diagnostic(
                Severity.WARNING,
                "template.year-mismatch",
                f"the tables follow template {template.id}, but a {year} report would use "
                "another template",
            )
        )
    # Relations no cut satisfies, where the values are not all known (the check of the
    # relations, gipparse.checks.relations, reports the others).
    for index in solution.failed:
        name, item, label, left, right = instances[index]
        if any(values.get(k) is None for k in (*left, *right)):
            code = f"relation.{name}"
            diagnostics.append(
                Diagnostic(
                    Severity.ERROR,
                    code,
                    f"{label}: no way to cut the digits satisfies the relation {name} "
                    f"in {item}; the report's numbers break it",
                    sources.get(left[0], Cell("")).span if left else None,
                )
            )
    return template, statistics, diagnostics


def _shown(cell: Cell) -> str:
    """The text of a run as a message quotes it."""
    shown = cell.text
    return shown if len(shown) <= 40 else shown[:36] + "..."


def _missing_rows(
    spec: TableSpec, done: set[int], template: Template, diagnostics: list[Diagnostic]
) -> None:
    collapsed: set[str] = set()
    for i, row in enumerate(spec.rows):
        if row.derived_from and i in done:
            collapsed.update(row.derived_from)
            diagnostics.append(
                Diagnostic(
                    Severity.WARNING,
                    "template.collapsed-row",
                    f"{row.label} is printed as a single row: its values are read as "
                    f"{spec.name}.{row.key}.*; the rows it sums in template {template.id} "
                    "are null",
                )
            )
    missing = [
        r.label or spec.title
        for i, r in enumerate(spec.rows)
        if i not in done and not r.derived_from and r.key not in collapsed
    ]
    if missing:
        diagnostics.append(
            Diagnostic(
                Severity.WARNING,
                "table.missing-row",
                f"{spec.title}: {len(missing)} row(s) missing, their values are null: "
                + ", ".join(missing[:6])
                + (" ..." if len(missing) > 6 else ""),
            )
        )


__all__ = ["Solution", "read_flattened", "should_try"]


# ---------------------------------------------------------------------------
# Filling the gaps of a table reading
# ---------------------------------------------------------------------------


def fill_gaps(
    template: Template,
    statistics: Statistics,
    diagnostics: list[Diagnostic],
    flat: tuple[Template, Statistics, list[Diagnostic]],
    source: str,
) -> tuple[Statistics, list[Diagnostic]] | None:
    """The statistics the table reading (*statistics*, *diagnostics*) read, with the
    values it left null taken from the flattened reading *flat* of the same text, where
    that reading can be trusted; ``None`` when it adds nothing.

    A table whose rows lost or glued cells is no flattened text: its cells stand apart,
    and the flattened reading's premise, that a row's digits hold exactly its cells, fails
    where a cell was lost. Every value the table reading read is kept. A row's values are
    taken from the flattened reading only when that reading decided every cell of the row,
    agrees with every value the table read in it, breaks none of the relations that
    involve the row (a row that lost a cell may be filled with the next label's numbering,
    ``0 0 0 0 0 0 2.``, which its total refutes), and either each of its cells is a whole
    number as written (no digits cut off it) or the template's relations constrain the
    row, so that the cut was decided by arithmetic, not by the digits alone (``行政处罚 0
    10`` with its first cell lost is no ``0 | 1 | 0``).
    """
    flat_template, flat_stats, _ = flat
    if flat_template.id != template.id:
        return None
    read = statistics.to_flat()
    found = flat_stats.to_flat()
    shape = _shape(template)
    # The relations as equations, derived keys replaced by their parts: a part of a
    # derived row a relation involves is constrained through it.
    equations, _ = _equations(shape, set())
    constrained = {k for *_, left, right in shape.instances for k in (*left, *right)}
    constrained.update(k for equation in equations for k, _ in equation)
    lines = split_lines(source)  # as the spans count lines: CR, CRLF and LF end one
    rows: dict[str, list[str]] = {}
    for key in read:
        rows.setdefault(key.rpartition(".")[0], []).append(key)
    values = dict(read)
    sources = dict(statistics.sources)
    filled: list[str] = []
    refused: list[str] = []
    refused_at: Span | None = None
    for row, keys in rows.items():
        gaps = [k for k in keys if read[k] is None and found.get(k) is not None]
        if not gaps or any(k in statistics.derived or k in flat_stats.derived for k in gaps):
            continue
        printed = [k for k in keys if k not in flat_stats.derived]
        if any(found.get(k) is None for k in printed) or any(
            read[k] is not None and found[k] != read[k] for k in printed
        ):
            refused.append(row)  # a partial cut, or one that contradicts the table
            refused_at = refused_at or _first_span(flat_stats, keys)
            continue
        if not all(k in constrained for k in printed) and not all(
            _whole(lines, flat_stats.sources.get(k)) for k in printed
        ):
            refused.append(row)  # digits taken apart where no relation checks the cut
            refused_at = refused_at or _first_span(flat_stats, keys)
            continue
        trial = dict(values)
        trial.update((k, found[k]) for k in gaps)
        if _breaks_an_equation(equations, trial, set(gaps)):
            refused.append(row)  # the cut the digits allow is not what the report printed
            refused_at = refused_at or _first_span(flat_stats, keys)
            continue
        for key in gaps:
            values[key] = found[key]
            if key in flat_stats.sources:
                sources[key] = flat_stats.sources[key]
        filled.extend(gaps)
    if not filled and not refused:
        return None
    diagnostics = list(diagnostics)
    if filled:
        diagnostics.append(
            Diagnostic(
                Severity.INFO,
                "table.flattened-gaps",
                f"{len(filled)} values the tables left unread were read from their digits as "
                f"a flattened table: {', '.join(filled[:6])}" + (" ..." if len(filled) > 6 else ""),
                sources[filled[0]].span if filled[0] in sources else None,
            )
        )
    if refused:
        diagnostics.append(
            Diagnostic(
                Severity.WARNING,
                "table.flattened-gaps-refused",
                f"rows {', '.join(refused[:6])}{' ...' if len(refused) > 6 else ''} left "
                "values unread, and reading their digits as a flattened table is not "
                "certain (cells left undecided, a value the table read contradicted, or "
                "numbers taken apart that no relation checks): those values stay null",
                refused_at,
            )
        )
    if not filled:
        return None if not refused else (statistics, diagnostics)
    # Keys the template derives are computed again, from the parts now read.
    recomputed = statistics.derived.intersection(template.derived)
    complete, _ = template.complete({k: v for k, v in values.items() if k not in recomputed})
    return (
        Statistics._from_dict(template.id, complete, statistics.derived, sources),
        diagnostics,
    )


def _first_span(statistics: Statistics, keys: Sequence[str]) -> Span | None:
    """Where the first of *keys* that has a source cell was read."""
    return next(
        (c.span for k in keys if (c := statistics.sources.get(k)) is not None and c.span),
        None,
    )


def _breaks_an_equation(equations: list[Equation], values: dict[str, Any], keys: set[str]) -> bool:
    """Whether *values* break one of *equations* that involves one of *keys* and whose
    every value is known."""
    for equation in equations:
        if keys.isdisjoint(k for k, _ in equation):
            continue
        known = [(v, c) for k, c in equation if (v := values.get(k)) is not None]
        if len(known) == len(equation) and sum(v * c for v, c in known) != 0:
            return True
    return False


def _whole(lines: list[str], cell: Cell | None) -> bool:
    """Whether *cell* (a flattened reading's cell) holds a whole number as written: no
    digit, point or comma touches it on its line."""
    span = cell.span if cell is not None else None
    if span is None or span.end_line != span.line or not 0 < span.line <= len(lines):
        return False
    line = lines[span.line - 1]
    before = line[span.column - 2] if span.column >= 2 else ""
    after = line[span.end_column - 1] if span.end_column <= len(line) else ""
    return not any(c and (c.isdigit() or c in ".,") for c in (before, after))
