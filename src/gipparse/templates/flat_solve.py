"""Cutting runs of digits into table cells by the template's arithmetic.

A table flattened into running text keeps its row labels, but the cells of a row are
glued into one run of digits (``80|1|0|0|0|0|81`` printed ``801000081``). This module
decides where the cells end. It is pure: it takes the runs (one per row, the statistic
key and kind of each cell) and the relations as linear equations over statistic keys,
and returns for every cell either its value or the values it may still take.

It is exact constraint solving, never a pick:

1. **Rows.** Every way to cut a run into the row's cells is a candidate: no number with a
   leading zero but ``0`` itself, a sign only where the column is signed, a decimal point
   only in an amount, a unit (``元``) or whitespace ending the cell it follows. Equations
   whose keys all stand in the row (table 三's row total, table 四's group totals) are
   applied while the cuts are enumerated: a cell the equation fixes is compared with the
   digits instead of being enumerated, and a partial sum that needs a total longer than
   the digits left stops the branch. A row made of groups of cells each ending with their
   sum (table 三's row, table 四's three groups) is cut total first: a total is tried
   only when the digits before it have its remainder modulo 9 (a number has its digit
   sum's, so the parts do however they are cut), and when the set of sums the cuts of
   those digits reach holds it (a bit set built once per group; above :data:`SUM_BITS`,
   sets of the sums of the first cells kept within what the rest can add); the cuts are then
   enumerated backwards through that set, so that every branch taken ends in a cut. A
   row none of whose cuts satisfies its equations keeps every cut, and the equation
   that cannot hold is reported.
2. **Tables.** Equations across rows (balances, results total) prune the candidates of
   each row to those that some choice of the others' candidates satisfies (generalised
   arc consistency, by sets of reachable sums), until nothing changes; an equation that
   no choice satisfies is reported and set aside. Then the joint assignments left are
   enumerated, and a candidate is kept if it takes part in at least one.
3. **Decision.** A cell is decided when every candidate left gives it the same value;
   otherwise it is undecided, with the values it may take.

Work is bounded: at most :data:`ROW_NODES` steps of enumeration per row,
:data:`ROW_SUM_STEPS` partial sums carried and :data:`ROW_CANDIDATES` candidates
(beyond, the row's cells are undecided and the result says the search was cut), cells
of at most :data:`CELL_WIDTH` characters, bounded sets of sums, and :data:`JOINT_NODES`
steps of joint search (beyond, the pruned candidates decide, which is sound: a value
every pruned candidate agrees on is one every solution agrees on).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from .values import MAX_DIGITS, ValueKind, read_cached

Number = int | Decimal

#: The longest cell a run is cut into: a whole part of :data:`~.values.MAX_DIGITS` digits,
#: a sign, a point and as many decimals. Longer cuts are never a value (a count of more
#: digits is not read); trying them made a run of thousands of digits take minutes.
CELL_WIDTH = 2 * MAX_DIGITS + 2
#: Enumeration steps allowed for one row.
ROW_NODES = 20000
#: Partial sums carried from one cell to the next while telling whether a group of cells
#: can add up to a large total (:meth:`_RowSearch._possible`), for one row: the rows of
#: real and generated reports carry at most a few thousand; a run of hundreds of digits
#: in table 四 carried 26 million, for 10 seconds.
ROW_SUM_STEPS = 200_000
#: Candidates kept for one row; a row with more is left undecided.
ROW_CANDIDATES = 512
#: Distinct partial sums kept while pruning by one equation; beyond, it does not prune.
SUM_SETS = 4096
#: The largest total whose parts are searched through bit sets of their reachable sums
#: (one bit per value); a larger one through sets of the sums within reach of it
#: (:meth:`_RowSearch._possible`), then by :meth:`_RowSearch._fill`.
SUM_BITS = 1 << 14
#: Steps of the joint search over the rows still ambiguous after pruning.
JOINT_NODES = 20000

#: An equation: ``sum(coefficient * value of key) == 0``.
Equation = tuple[tuple[str, int], ...]
#: A cut of a run: for each cell, the ``(start, end)`` of its characters in the run.
Cut = tuple[tuple[int, int], ...]


class Run:
    """The values of one row as flattened text: the characters that may make numbers.

    :param keys: the statistic key of each cell, in order.
    :param kinds: what each cell holds.
    :param text: the characters of the run, digits with the signs and decimal points it
        holds (spaces, separators and units removed).
    :param units: a unit written after the character at an index (``元``): a cell must
        end there.
    :param breaks: indices of characters followed by whitespace: a cell ends there too
        (a number holds no whitespace, but cells need not be separated by any).
    :param open_end: the run is glued to the text after it, whose first digits may
        belong to that text (``02025年``): the cells may end before the run does.
    """

    __slots__ = ("breaks", "keys", "kinds", "open_end", "text", "units")

    def __init__(  # noqa: PLR0917
        self,
        keys: tuple[str, ...],
        kinds: tuple[ValueKind, ...],
        text: str,
        units: dict[int, str] | None = None,
        open_end: bool = False,
        breaks: frozenset[int] = frozenset(),
    ) -> None:
        self.keys = keys
        self.kinds = kinds
        self.text = text
        self.units = units or {}
        self.open_end = open_end
        self.breaks = breaks


class RowResult:
    """What was decided about one run.

    ``values[i]`` is the value of cell *i* when decided, else ``None``; ``choices[i]`` the
    values cell *i* may take when it is not (empty when decided or when the row has no
    candidate at all); ``cuts[i]`` the ``(start, end)`` of a decided cell in the run
    (``None`` when undecided); ``candidates`` how many cuts survived; ``cut_short`` that
    the enumeration was stopped by its bound.
    """

    __slots__ = ("candidates", "choices", "cut_short", "cuts", "values")

    def __init__(self, n: int) -> None:
        self.values: list[Number | None] = [None] * n
        self.choices: list[tuple[Number, ...]] = [() for _ in range(n)]
        self.cuts: list[tuple[int, int] | None] = [None] * n
        self.candidates = 0
        self.cut_short = False


class Solution:
    """The outcome for a whole report: one :class:`RowResult` per run, the equations that
    no candidate satisfies (reported as relation failures), and whether the joint search
    was cut short."""

    __slots__ = ("failed", "joint_cut", "rows")

    def __init__(self, rows: list[RowResult], failed: list[int], joint_cut: bool) -> None:
        self.rows = rows
        self.failed = failed
        self.joint_cut = joint_cut


# ---------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------


def _cell_value(text: str, kind: ValueKind, unit: str | None) -> Number | None:
    """The value of one cell cut from a run, or ``None`` when the cut is not a number of
    *kind* (a leading zero, a sign where the column has none, a misplaced point)."""
    body = text
    if body[0] in "+-":
        if kind is not ValueKind.SIGNED or len(body) == 1:
            return None
        body = body[1:]
    if "+" in body or "-" in body:
        return None
    if "." in body:
        if kind is not ValueKind.AMOUNT or body.count(".") > 1:
            return None
        whole, _, frac = body.partition(".")
        if not whole or not frac:
            return None
    else:
        whole = body
    if len(whole) > 1 and whole[0] == "0":
        return None
    if len(whole) > MAX_DIGITS:
        return None
    if kind is ValueKind.AMOUNT or unit is not None:
        read = read_cached(text + (unit or ""), kind.value, "万元")
        return read.value
    try:
        return int(text)
    except ValueError:  # pragma: no cover - the checks above leave digits only
        return None


class _RowSearch:
    """The cuts of one run that satisfy the equations local to its row.

    Cells are cut from left to right. A cell that an equation fixes (its last unknown) is
    compared with the digits instead of being enumerated. When the row's last cell is the
    total of the others (table 三's 总计), its length is tried first, from the end of the
    run: the parts are then bounded by a known total, which prunes nearly everything.
    """

    def __init__(self, run: Run, local: Sequence[tuple[tuple[int, int], ...]]) -> None:
        self.run = run
        self.n = len(run.keys)
        self.local = local
        self.counts = all(k is ValueKind.COUNT for k in run.kinds)
        self.nodes = 0
        self.sum_steps = 0
        self.cut_short = False
        self.found: list[tuple[Cut, tuple[Number, ...]]] = []
        self._values: dict[tuple[int, int, int], Number | None] = {}
        self._filled: dict[tuple[int, int, int, int], list[tuple[Cut, tuple[Number, ...]]]] = {}
        self._digit_sums: list[int] | None = None
        # Where a cell starting at a position must end at the latest: at the next unit
        # or whitespace.
        text = run.text
        self.limit = [len(text)] * (len(text) + 1)
        if run.units or run.breaks:
            stop = len(text)
            for pos in range(len(text) - 1, -1, -1):
                if pos in run.units or pos in run.breaks:
                    stop = pos + 1
                self.limit[pos] = stop
        #: The last cell is the sum of others (``tail``), of every other (``whole``,
        #: table 三: the digits left bound what the parts left can add up to), and the
        #: groups of cells each ending with their sum (see :func:`_groups`).
        self.tail, self.whole, self.groups = _row_shape(
            self.n, self.counts, run.open_end, tuple(local)
        )
        #: Cells whose value is set before the search (the tail total), and where the
        #: cells searched must end.
        self.preset: dict[int, Number] = {}
        self.stop = self.n
        self.end = len(text)
        self.last: list[list[tuple[tuple[int, int], ...]]] = []
        self.bounds: list[tuple[int, tuple[int, ...]]] = []

    def _plan(self) -> None:
        """Which equation fixes which cell, and which bound which parts, given the
        preset cells."""
        preset = self.preset
        self.last = [[] for _ in range(self.n)]
        self.bounds = []
        for eq in self.local:
            free = [i for i, _ in eq if i not in preset]
            if free:
                self.last[max(free)].append(eq)
            if not self.counts:
                continue
            single = [i for i, c in eq if c == 1]
            others = [i for i, c in eq if c == -1]
            for total, parts in ((single, others), (others, single)):
                if len(total) == 1 and parts and (total[0] in preset or total[0] > max(parts)):
                    self.bounds.append((total[0], tuple(parts)))

    def value(self, start: int, end: int, cell: int) -> Number | None:
        key = (start, end, cell)
        found = self._values.get(key, self)
        if found is self:
            run = self.run
            unit = run.units.get(end - 1)
            found = self._values[key] = _cell_value(run.text[start:end], run.kinds[cell], unit)
        return found  # type: ignore[return-value]

    def search(self) -> None:
        text = self.run.text
        size = len(text)
        segments = self._segments()
        if segments is not None:
            found = self._segment(segments, 0, 0, {})
            if not self.cut_short:
                self.found = found[:ROW_CANDIDATES]
                self.cut_short = len(found) > ROW_CANDIDATES
            return
        if not self.local and not self.run.open_end:
            found = self._free(0, 0, {})
            if not self.cut_short:
                self.found = found
            return
        if not self.tail:
            self._plan()
            self._step(0, 0, [], [])
            return
        last = self.n - 1
        self.stop = last
        for length in range(1, min(size - last, CELL_WIDTH) + 1):
            start = size - length
            if self.limit[start] < size:
                break  # the total would hold whitespace or a unit
            value = self.value(start, size, last)
            if value is None:
                continue
            if self.whole and not _reachable(value, start, last):
                if value >= _most(start, last):
                    break  # longer totals are larger still
                continue
            self.preset = {last: value}
            self.end = start
            self._plan()
            self._step(0, 0, [], [])
            if self.cut_short:
                return

    def _free(
        self, cell: int, pos: int, memo: dict[tuple[int, int], list[tuple[Cut, tuple[Number, ...]]]]
    ) -> list[tuple[Cut, tuple[Number, ...]]]:
        """Every cut of ``text[pos:]`` into cells *cell* onward, in a row that no equation
        constrains (kept: the same end of a row is reached by many cuts of its start)."""
        key = (cell, pos)
        known = memo.get(key)
        if known is not None:
            return known
        out: list[tuple[Cut, tuple[Number, ...]]] = []
        memo[key] = out
        self.nodes += 1
        text = self.run.text
        size = len(text)
        if pos == size or self.cut_short:
            return out
        if self.nodes > ROW_NODES:
            self.cut_short = True
            return out
        if cell == self.n - 1:
            if self.limit[pos] >= size:
                value = self.value(pos, size, cell)
                if value is not None:
                    out.append((((pos, size),), (value,)))
            return out
        latest = min(self.limit[pos], size - (self.n - cell - 1), pos + CELL_WIDTH)
        for end in range(pos + 1, latest + 1):
            value = self.value(pos, end, cell)
            if value is None:
                if text[pos] == "0" and end > pos + 1 and text[pos + 1] != ".":
                    break  # a leading zero: every longer cut has it too
                continue
            for cut, got in self._free(cell + 1, end, memo):
                out.append((((pos, end), *cut), (value, *got)))
            if len(out) > ROW_CANDIDATES:
                self.cut_short = True
                return out
        return out

    def _segments(self) -> list[tuple[int, int]] | None:
        """When the row is made of consecutive groups of cells each ending with the sum of
        the others (table 三: one group; table 四: three), the ``(first, total)`` cell of
        each group; else ``None``."""
        run = self.run
        if self.groups is None or run.units or not run.text.isdigit():
            return None
        return self.groups

    def _segment(
        self,
        segments: list[tuple[int, int]],
        index: int,
        pos: int,
        memo: dict[tuple[int, int], list[tuple[Cut, tuple[Number, ...]]]],
    ) -> list[tuple[Cut, tuple[Number, ...]]]:
        """The cuts of groups *index* onward from *pos* to the end of the run."""
        key = (index, pos)
        known = memo.get(key)
        if known is not None:
            return known
        out: list[tuple[Cut, tuple[Number, ...]]] = []
        memo[key] = out
        first, total_cell = segments[index]
        parts = total_cell - first
        totals = self._totals(pos, parts, index == len(segments) - 1, self.n - 1 - total_cell)
        if not totals:
            return out
        small = [(start, total) for start, _, total in totals if total <= SUM_BITS]
        sums = None
        if small:
            sums = self._sums(
                pos,
                min(start for start, _ in small),
                max(start for start, _ in small),
                parts,
                max(total for _, total in small),
            )
        for start, end, total in totals:
            if sums is None or total > SUM_BITS:
                if not self._possible(pos, start, parts, total):
                    if self.cut_short:
                        return out
                    continue
                found = self._fill(pos, start, parts, total)
            elif sums[start - pos][parts] >> total & 1:
                found = sorted(self._cuts(sums, pos, start, parts, total, {}))
            else:
                continue
            if self.cut_short:
                return out
            if not found:
                continue
            # The groups after this one, only once this one can end here: their cuts
            # alone may be too many to list when the row has few.
            rest: list[tuple[Cut, tuple[Number, ...]]] = [((), ())]
            if index + 1 < len(segments):
                rest = self._segment(segments, index + 1, end, memo)
                if self.cut_short:
                    return out
            for cut, got in found:
                for more_cut, more in rest:
                    out.append(((*cut, (start, end), *more_cut), (*got, total, *more)))
            if len(out) > ROW_CANDIDATES:
                self.cut_short = True
                return out
        return out

    def _totals(self, pos: int, parts: int, last: bool, after: int) -> list[tuple[int, int, int]]:
        """The ``(start, end, value)`` of each total a group of *parts* cells starting at
        *pos* may end with, when the digits before it can add up to it (*after*: cells
        after the group; *last*: the group ends the run)."""
        text = self.run.text
        size = len(text)
        limit = self.limit
        if self._digit_sums is None:
            sums = [0]
            for ch in text:
                sums.append(sums[-1] + ord(ch) - 48)
            self._digit_sums = sums
        digit_sums = self._digit_sums
        found = []
        # The group's cells and its total, each at most CELL_WIDTH long.
        longest = pos + (parts + 1) * CELL_WIDTH
        if last:
            ends: Sequence[int] = [size] if size <= longest else []
        else:
            ends = range(pos + parts + 1, min(size - after, longest) + 1)
        for end in ends:
            for start in range(end - 1, max(pos + parts, end - CELL_WIDTH) - 1, -1):
                if limit[start] < end:
                    break  # the total would hold whitespace
                if text[start] == "0" and end - start > 1:
                    continue
                total = int(text[start:end])
                # A number is its digit sum modulo 9, so the parts add up to the digit
                # sum of their digits modulo 9 however they are cut.
                if (total - digit_sums[start] + digit_sums[pos]) % 9:
                    if total > _most(start - pos, parts):
                        break  # a longer total is larger, with fewer digits for the parts
                    continue
                if not _reachable(total, start - pos, parts):
                    if total > _most(start - pos, parts):
                        break
                    continue
                found.append((start, end, total))
        return found

    def _sums(self, pos: int, first: int, stop: int, parts: int, top: int) -> list[list[int]]:
        """``sums[q - pos][p]``: the sums (as a bit set) of the cuts of ``text[pos:q]``
        into *p* whole numbers of at most *top*, as far as they may lead to a cut of
        ``text[pos:stop]`` or a shorter one ending at *first* or after into *parts*."""
        text = self.run.text
        limit = self.limit
        width = len(str(top))
        mask = (1 << (top + 1)) - 1
        sums = [[0] * (parts + 1) for _ in range(stop - pos + 1)]
        sums[0][0] = 1
        for q in range(pos + 1, stop + 1):
            done = q - pos
            # p numbers of at most *width* digits in *done* digits, and the numbers left
            # in the digits left: at least one digit each, at most *width*.
            low = max(1, -(-done // width), parts - (stop - q))
            high = min(done, parts)
            if q < first:
                high = min(high, parts + (q - first) // width)
            if low > high:
                continue
            row = sums[done]
            for k in range(q - 1, max(pos, q - width) - 1, -1):
                if limit[k] < q:
                    break  # the number would hold whitespace
                if text[k] == "0" and q - k > 1:
                    continue
                value = int(text[k:q])
                if value > top:
                    break
                before = sums[k - pos]
                for p in range(low, high + 1):
                    bits = before[p - 1]
                    if bits:
                        row[p] |= bits << value
            for p in range(low, high + 1):
                if row[p]:
                    row[p] &= mask
        return sums

    def _possible(self, pos: int, stop: int, parts: int, total: int) -> bool:
        """Can ``text[pos:stop]`` be cut into *parts* whole numbers adding up to *total*?
        The sums of the first numbers are kept as sets, each only within what the digits
        left can still add (:func:`_least`, :func:`_most`): exact, and cheaper than bit
        sets when the total is large."""
        text = self.run.text
        limit = self.limit
        width = len(str(total))
        layer: dict[int, set[int]] = {pos: {0}}
        for p in range(1, parts):
            left = parts - p
            reached: dict[int, set[int]] = {}
            for k, sums in layer.items():
                if text[k] == "0":
                    highest = min(k + 1, stop - left)
                else:
                    highest = min(k + width, stop - left, limit[k])
                for q in range(k + 1, highest + 1):
                    value = int(text[k:q])
                    if value > total:
                        break
                    digits = stop - q
                    if digits > left * width:
                        continue
                    low = total - _most(digits, left)
                    high = total - _least(digits, left)
                    self.sum_steps += len(sums)
                    if self.sum_steps > ROW_SUM_STEPS:
                        self.cut_short = True
                        return False
                    new = {s + value for s in sums if low <= s + value <= high}
                    if new:
                        if q in reached:
                            reached[q] |= new
                        else:
                            reached[q] = new
            layer = reached
            if not layer:
                return False
        for q, sums in layer.items():
            if limit[q] < stop or stop - q > width or (text[q] == "0" and stop - q > 1):
                continue
            if total - int(text[q:stop]) in sums:
                return True
        return False

    def _cuts(  # noqa: PLR0917
        self,
        sums: list[list[int]],
        pos: int,
        end: int,
        parts: int,
        need: int,
        memo: dict[tuple[int, int, int], list[tuple[Cut, tuple[Number, ...]]]],
    ) -> list[tuple[Cut, tuple[Number, ...]]]:
        """Every cut of ``text[pos:end]`` into *parts* whole numbers adding up to *need*,
        which *sums* says exists: every branch taken leads to one."""
        if parts == 0:
            return [((), ())]
        key = (end, parts, need)
        known = memo.get(key)
        if known is not None:
            return known
        text = self.run.text
        limit = self.limit
        out: list[tuple[Cut, tuple[Number, ...]]] = []
        before_parts = parts - 1
        for k in range(end - 1, pos + before_parts - 1, -1):
            if limit[k] < end:
                break
            if text[k] == "0" and end - k > 1:
                continue
            value = int(text[k:end])
            if value > need:
                break  # a longer number is larger
            if not sums[k - pos][before_parts] >> (need - value) & 1:
                continue
            self.nodes += 1
            for cut, got in self._cuts(sums, pos, k, before_parts, need - value, memo):
                out.append(((*cut, (k, end)), (*got, value)))
            if len(out) > ROW_CANDIDATES or self.nodes > ROW_NODES:
                self.cut_short = True
                break
        memo[key] = out
        return out

    def _fill(
        self, pos: int, end: int, parts: int, need: int
    ) -> list[tuple[Cut, tuple[Number, ...]]]:
        """Every cut of ``text[pos:end]`` into *parts* whole numbers adding up to *need*
        (kept: the same rest of a row is reached by many cuts of its start)."""
        key = (pos, end, parts, need)
        known = self._filled.get(key)
        if known is not None:
            return known
        self.nodes += 1
        if self.nodes > ROW_NODES:
            self.cut_short = True
            return []
        text = self.run.text
        out: list[tuple[Cut, tuple[Number, ...]]] = []
        if parts == 1:
            written = str(need)
            if (
                len(written) == end - pos
                and text.startswith(written, pos)
                and (self.limit[pos] >= end)
            ):
                out.append((((pos, end),), (need,)))
        elif text[pos] == "0":
            if _reachable(need, end - pos - 1, parts - 1):
                for cut, got in self._fill(pos + 1, end, parts - 1, need):
                    out.append((((pos, pos + 1), *cut), (0, *got)))
        else:
            highest = min(self.limit[pos], end - parts + 1, pos + len(str(need)))
            value = 0
            for stop in range(pos + 1, highest + 1):
                value = value * 10 + ord(text[stop - 1]) - 48
                if value > need:
                    break
                if _reachable(need - value, end - stop, parts - 1):
                    for cut, got in self._fill(stop, end, parts - 1, need - value):
                        out.append((((pos, stop), *cut), (value, *got)))
                    if self.cut_short:
                        return out
        self._filled[key] = out
        return out

    def _prose(self, pos: int) -> bool:
        """May ``text[pos:]``, the end of a run glued to the text after it, be where that
        text starts: digits that begin a number (``2025年``), not a leading zero
        (``02025年`` is a cell ``0`` and ``2025年``, never a cell ending before ``0``)?"""
        text = self.run.text
        rest = text[pos:]
        if not rest.isdigit():
            return False
        return rest[0] != "0" or len(rest) == 1

    def _get(self, i: int, got: list[Number]) -> Number:
        return got[i] if i < len(got) else self.preset[i]

    def _step(self, cell: int, pos: int, cut: list[tuple[int, int]], got: list[Number]) -> None:
        if self.cut_short:
            return
        self.nodes += 1
        if self.nodes > ROW_NODES or len(self.found) >= ROW_CANDIDATES:
            self.cut_short = True
            return
        text = self.run.text
        if cell == self.stop:
            if self.preset:
                if pos == self.end and all(
                    sum(c * self._get(i, got) for i, c in eq) == 0
                    for eq in self.local
                    if all(i in self.preset for i, _ in eq)
                ):
                    tail = sorted(self.preset)
                    self.found.append(
                        (
                            (*cut, *((self.end, len(text)) for _ in tail)),
                            (*got, *(self.preset[i] for i in tail)),
                        )
                    )
            elif pos == self.end or (self.run.open_end and self._prose(pos)):
                self.found.append((tuple(cut), tuple(got)))
            return
        left = self.stop - cell - 1  # cells after this one
        latest = self.limit[pos] if pos < len(text) else len(text)
        latest = min(latest, pos + CELL_WIDTH)
        if self.preset or not self.run.open_end:
            latest = min(latest, self.end - left)
        if latest <= pos:
            return
        forced = self._forced(cell, got)
        if forced is not None:
            if forced is False:
                return
            assert not isinstance(forced, bool)
            written = str(forced)
            end = pos + len(written)
            if end > latest or not text.startswith(written, pos):
                return
            if self.value(pos, end, cell) != forced:
                return
            self._take(cell, pos, end, forced, cut, got)
            return
        for end in range(pos + 1, latest + 1):
            value = self.value(pos, end, cell)
            if value is None:
                if text[pos] == "0" and end > pos + 1 and text[pos + 1] != ".":
                    break  # a leading zero: every longer cut has it too
                continue
            if not self._plausible(cell, end, got, value):
                if self.counts and self._over(cell, got, value):
                    break  # longer numbers only make the sum larger
                continue
            self._take(cell, pos, end, value, cut, got)
            if self.cut_short:
                return

    def _take(  # noqa: PLR0917
        self,
        cell: int,
        start: int,
        end: int,
        value: Number,
        cut: list[tuple[int, int]],
        got: list[Number],
    ) -> None:
        cut.append((start, end))
        got.append(value)
        self._step(cell + 1, end, cut, got)
        cut.pop()
        got.pop()

    def _forced(self, cell: int, got: list[Number]) -> Number | bool | None:
        """The value an equation whose last unknown is *cell* fixes it to (``False`` when
        the equations contradict each other or fix a negative count), or ``None``."""
        forced: Number | None = None
        for eq in self.last[cell]:
            total: Number = 0
            coef = 0
            for i, c in eq:
                if i == cell:
                    coef += c
                else:
                    total += c * self._get(i, got)
            if coef == 0:
                if total != 0:
                    return False
                continue
            if isinstance(total, int):
                if total % coef:
                    return False
                value: Number = -total // coef
            else:
                value = -total / coef
            if forced is not None and value != forced:
                return False
            forced = value
        if forced is None:
            return None
        kind = self.run.kinds[cell]
        if kind is ValueKind.AMOUNT or isinstance(forced, Decimal):
            return None  # an amount is compared once the row is cut (see _plausible)
        if forced < 0 and kind is ValueKind.COUNT:
            return False
        return forced

    def _over(self, cell: int, got: list[Number], value: Number) -> bool:
        """Does *value* in *cell* make the parts exceed a preset total?"""
        for total, parts in self.bounds:
            if total in self.preset and cell in parts:
                partial = sum(got[i] for i in parts if i < cell) + value
                if partial > self.preset[total]:
                    return True
        return False

    def _plausible(self, cell: int, end: int, got: list[Number], value: Number) -> bool:
        """May the row still be completed after *cell* takes *value* ending at *end*?"""
        for eq in self.last[cell]:
            # Equations on amounts are checked here rather than by fixing the cell.
            total: Number = 0
            for i, c in eq:
                total += c * (value if i == cell else self._get(i, got))
            if total != 0:
                return False
        for total_cell, parts in self.bounds:
            if cell not in parts:
                continue
            partial = sum(got[i] for i in parts if i < cell) + value
            if total_cell in self.preset:
                if partial > self.preset[total_cell]:
                    return False
                if self.whole and not _reachable(
                    self.preset[total_cell] - partial, self.end - end, self.stop - cell - 1
                ):
                    return False
            elif total_cell > cell:
                # The total comes later and is at least the partial sum: it needs that
                # many digits, and every other cell left needs one.
                room = self.end - end - (self.stop - cell - 2)
                if len(str(partial)) > room:
                    return False
        return True


#: The shape of rows by their cell count, kinds, open end and equations.
_ROW_SHAPES: dict[
    tuple[int, bool, bool, tuple[tuple[tuple[int, int], ...], ...]],
    tuple[bool, bool, list[tuple[int, int]] | None],
] = {}


def _row_shape(
    n: int, counts: bool, open_end: bool, local: tuple[tuple[tuple[int, int], ...], ...]
) -> tuple[bool, bool, list[tuple[int, int]] | None]:
    """Is the last cell the sum of others (``tail``), of every other (``whole``), and
    the ``(first, total)`` cells of the groups the row is made of when it is made of
    consecutive groups each ending with the sum of the others (``None`` otherwise)."""
    key = (n, counts, open_end, local)
    found = _ROW_SHAPES.get(key)
    if found is not None:
        return found
    last = n - 1
    tail = whole = False
    if counts and not open_end and n > 1:
        for eq in local:
            coefs = dict(eq)
            if last in coefs and len(eq) > 1 and all(c == -coefs[last] for i, c in eq if i != last):
                tail = True
                whole = set(coefs) == set(range(n))
                break
    found = (tail, whole, _groups(n, counts, open_end, local))
    if len(_ROW_SHAPES) > 256:
        _ROW_SHAPES.clear()
    _ROW_SHAPES[key] = found
    return found


def _groups(
    n: int, counts: bool, open_end: bool, local: tuple[tuple[tuple[int, int], ...], ...]
) -> list[tuple[int, int]] | None:
    if not counts or open_end:
        return None
    found = []
    for eq in local:
        single = [i for i, c in eq if c == 1]
        others = [i for i, c in eq if c == -1]
        for total, parts in ((single, others), (others, single)):
            if len(total) == 1 and parts and sorted(parts) == list(range(min(parts), total[0])):
                found.append((min(parts), total[0]))
                break
        else:
            return None
    found.sort()
    if not found or found[0][0] != 0 or found[-1][1] != n - 1:
        return None
    if any(found[i + 1][0] != found[i][1] + 1 for i in range(len(found) - 1)):
        return None
    return found


def _most(digits: int, parts: int) -> int:
    """The largest sum *parts* whole numbers written with *digits* digits can have."""
    if parts <= 0:
        return 0
    return int(10 ** (digits - parts + 1)) - 1 + 9 * (parts - 1)


def _least(digits: int, parts: int) -> int:
    """The smallest sum *parts* whole numbers written with *digits* digits can have (the
    most even lengths: a number of *d* > 1 digits is at least 10 to the *d* - 1)."""
    short, longer = divmod(digits, parts)
    return int(longer * 10**short + (parts - longer) * (10 ** (short - 1) if short > 1 else 0))


def _reachable(total: Number, digits: int, parts: int) -> bool:
    """Can *parts* whole numbers (no leading zeros) written with *digits* digits add up
    to *total*? A necessary condition: no part longer than the total, at least the sum of
    the smallest numbers of the most even lengths (a number of *d* > 1 digits is at least
    10 to the *d* - 1), and at most :func:`_most`."""
    if parts == 0:
        return total == 0 and digits == 0
    if digits < parts or total < 0:
        return False
    # No part is larger than the total, so none has more digits.
    if digits > parts * len(str(total)):
        return False
    return bool(_least(digits, parts) <= total <= _most(digits, parts))


def cut_row(
    run: Run, local: Sequence[tuple[tuple[int, int], ...]]
) -> tuple[list[tuple[Cut, tuple[Number, ...]]], bool, list[int]]:
    """The candidates of *run*: ``(cuts with their values, cut short, failed)``.

    *local* are the row's equations as ``((cell index, coefficient), ...)``. When no cut
    satisfies them all, equations are dropped, first to last, until some cut does (or
    none is left); the indices of the dropped equations are returned as *failed*.
    """
    search = _RowSearch(run, local)
    search.search()
    if search.found or not local or search.cut_short:
        return search.found, search.cut_short, []
    # The printed numbers break an equation whatever the cut: keep the others.
    plain = _RowSearch(run, ())
    plain.search()
    kept = plain.found
    if not kept:
        return kept, plain.cut_short, []  # the digits do not fit the cells at all
    failed = []
    for index, eq in enumerate(local):
        still = [c for c in kept if sum(coef * c[1][k] for k, coef in eq) == 0]
        if still:
            kept = still
        else:
            failed.append(index)
    return kept, plain.cut_short, failed


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------


class _Term:
    """One equation across rows, as the contribution of each candidate of each row it
    touches, plus a constant from rows already decided."""

    __slots__ = ("index", "rows", "weights")

    def __init__(self, index: int, weights: dict[int, tuple[tuple[int, int], ...]]) -> None:
        self.index = index
        #: row -> ((cell, coefficient), ...)
        self.weights = weights
        self.rows = tuple(weights)


def _contribution(weights: tuple[tuple[int, int], ...], values: tuple[Number, ...]) -> Number:
    total: Number = 0
    for cell, coef in weights:
        total += coef * values[cell]
    return total


def _prune(
    term: _Term,
    domains: list[list[int]],
    candidates: list[list[tuple[Cut, tuple[Number, ...]]]],
) -> list[list[int]] | None:
    """The domains of the rows *term* touches, pruned to the candidates some choice of
    the other rows' candidates completes; ``None`` when the sets of sums grow too large
    to tell (nothing is pruned then). An empty domain means the equation cannot hold."""
    contribs: list[list[Number]] = []
    for row in term.rows:
        w = term.weights[row]
        contribs.append([_contribution(w, candidates[row][j][1]) for j in domains[row]])
    # Rows whose candidates all contribute the same add a constant; the sets of sums
    # run over the others.
    distinct = [set(c) for c in contribs]
    fixed: Number = 0
    spread = []
    for i, values in enumerate(distinct):
        if len(values) == 1:
            fixed += next(iter(values))
        else:
            spread.append(i)
    prefix: list[set[Number]] = [{fixed}]
    for i in spread:
        nxt = {a + c for a in prefix[-1] for c in distinct[i]}
        if len(nxt) > SUM_SETS:
            return None
        prefix.append(nxt)
    suffix: list[set[Number]] = [{0}]
    for i in reversed(spread):
        nxt = {a + c for a in suffix[-1] for c in distinct[i]}
        if len(nxt) > SUM_SETS:
            return None
        suffix.append(nxt)
    suffix.reverse()
    holds = 0 in prefix[-1]
    pruned = []
    at = 0
    for i, row in enumerate(term.rows):
        if len(distinct[i]) == 1:
            pruned.append(list(domains[row]) if holds else [])
            continue
        before, after = prefix[at], suffix[at + 1]
        at += 1
        keep = []
        seen: dict[Number, bool] = {}
        for j, c in zip(domains[row], contribs[i], strict=True):
            ok = seen.get(c)
            if ok is None:
                ok = seen[c] = any((-c - a) in after for a in before)
            if ok:
                keep.append(j)
        pruned.append(keep)
    return pruned


def solve(runs: Sequence[Run], equations: Sequence[Equation]) -> Solution:
    """Decide the cells of *runs* under *equations* (see the module docstring).

    An equation naming a key that no run holds is not used (it cannot be evaluated).
    """
    where: dict[str, tuple[int, int]] = {}
    for r, run in enumerate(runs):
        for c, key in enumerate(run.keys):
            where[key] = (r, c)
    local: list[list[tuple[tuple[int, int], ...]]] = [[] for _ in runs]
    local_index: list[list[int]] = [[] for _ in runs]
    cross: list[tuple[int, dict[int, tuple[tuple[int, int], ...]]]] = []
    for index, eq in enumerate(equations):
        if any(k not in where for k, _ in eq):
            continue
        by_row: dict[int, list[tuple[int, int]]] = {}
        for key, coef in eq:
            r, c = where[key]
            by_row.setdefault(r, []).append((c, coef))
        if len(by_row) == 1:
            (r, parts), *_ = by_row.items()
            local[r].append(tuple(parts))
            local_index[r].append(index)
        else:
            cross.append((index, {r: tuple(t) for r, t in by_row.items()}))

    results = [RowResult(len(run.keys)) for run in runs]
    candidates: list[list[tuple[Cut, tuple[Number, ...]]]] = []
    failed: list[int] = []
    usable: list[bool] = []
    for r, run in enumerate(runs):
        found, short, dropped = cut_row(run, local[r])
        failed.extend(local_index[r][i] for i in dropped)
        results[r].cut_short = short
        candidates.append(found)
        usable.append(bool(found) and not short)

    # Equations across rows: prune by sets of reachable sums until nothing changes.
    terms = []
    for index, weights in cross:
        if all(usable[r] for r in weights):
            terms.append(_Term(index, weights))
    domains = [list(range(len(c))) for c in candidates]
    active = list(terms)
    changed = True
    while changed:
        changed = False
        for term in list(active):
            if all(len(domains[r]) == 1 for r in term.rows):
                balance = sum(
                    _contribution(term.weights[r], candidates[r][domains[r][0]][1])
                    for r in term.rows
                )
                if balance != 0:
                    failed.append(term.index)
                active.remove(term)
                continue
            pruned = _prune(term, domains, candidates)
            if pruned is None:
                continue
            if any(not d for d in pruned):
                failed.append(term.index)
                active.remove(term)
                continue
            for row, keep in zip(term.rows, pruned, strict=True):
                if len(keep) != len(domains[row]):
                    domains[row] = keep
                    changed = True

    # The joint assignments left, over the rows still ambiguous.
    joint_cut = False
    open_rows = sorted({r for t in active for r in t.rows if len(domains[r]) > 1})
    if open_rows:
        supported, joint_cut = _joint(open_rows, active, domains, candidates)
        if supported is not None:
            for r in open_rows:
                domains[r] = sorted(supported[r])

    for r, run in enumerate(runs):
        result = results[r]
        if result.cut_short or not candidates[r]:
            continue
        kept = [candidates[r][j] for j in domains[r]]
        result.candidates = len(kept)
        if len(kept) == 1:
            result.cuts[:] = kept[0][0]
            result.values[:] = kept[0][1]
            continue
        for c in range(len(run.keys)):
            seen = list(dict.fromkeys(k[1][c] for k in kept))
            if len(seen) == 1:
                result.values[c] = seen[0]
                spans = {k[0][c] for k in kept}
                if len(spans) == 1:
                    result.cuts[c] = kept[0][0][c]
            else:
                result.choices[c] = tuple(seen)
    return Solution(results, sorted(set(failed)), joint_cut)


def _joint(
    rows: list[int],
    terms: list[_Term],
    domains: list[list[int]],
    candidates: list[list[tuple[Cut, tuple[Number, ...]]]],
) -> tuple[dict[int, set[int]] | None, bool]:
    """The candidates of *rows* that take part in at least one assignment satisfying
    every equation of *terms*; ``None`` when the search was cut short or found none."""
    order = sorted(rows, key=lambda r: len(domains[r]))
    position = {r: i for i, r in enumerate(order)}
    # Each equation is checked once its last open row is chosen.
    checks: list[list[_Term]] = [[] for _ in order]
    for term in terms:
        opened = [position[r] for r in term.rows if r in position]
        if opened:
            checks[max(opened)].append(term)
    supported: dict[int, set[int]] = {r: set() for r in order}
    chosen: dict[int, int] = {}
    nodes = 0
    cut = False

    def value_of(term: _Term) -> Number:
        total: Number = 0
        for r in term.rows:
            j = chosen[r] if r in chosen else domains[r][0]
            total += _contribution(term.weights[r], candidates[r][j][1])
        return total

    def step(i: int) -> None:
        nonlocal nodes, cut
        if cut:
            return
        if i == len(order):
            for r, j in chosen.items():
                supported[r].add(j)
            return
        r = order[i]
        for j in domains[r]:
            nodes += 1
            if nodes > JOINT_NODES:
                cut = True
                return
            chosen[r] = j
            if all(value_of(t) == 0 for t in checks[i]):
                step(i + 1)
            del chosen[r]
            if cut:
                return

    step(0)
    if cut or not any(supported.values()):
        return None, cut
    return supported, False


def number_text(value: Number) -> str:
    """*value* as a message shows it."""
    if isinstance(value, Decimal):
        try:
            return format(value, "f")
        except (ValueError, InvalidOperation):  # pragma: no cover
            return str(value)
    return str(value)
