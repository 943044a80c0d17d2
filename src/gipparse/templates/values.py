"""Reading the value of one table cell.

:func:`read_value` turns a cell's raw text into a number of the kind its column holds,
and says when it needed a rule to do so. It is pure and cached: real tables repeat a
handful of texts (``0``, ``0\\xa0``, ``\\u3000\\u30000``) hundreds of times.

What it reads, on the folded text (full-width digits and brackets made half-width, every
kind of space and export debris such as ``[bookmark: _GoBack]`` removed):

* integers with or without thousands separators (``1,234``, ``1，234``, ``1 234`` with one
  space, no-break space or thin space between groups of three digits; any other
  whitespace inside a number, a TAB or a line break included, separates two numbers,
  which makes the cell unreadable, with or without a unit after them: ``3 892431元`` is
  not read as 3892431元, nor ``1\n,000`` as 1000), a sign where the
  column is signed (``+11``, ``-3``), decimals where the column is an amount;
* a unit after the number: count units (``件`` ``个`` ``项`` ``条`` ...) on counts; ``万元``,
  ``元`` or ``亿元`` on amounts, converted to 万元 (``3892431元`` → ``389.2431``,
  ``value.unit-converted``); a column whose header says ``（单位：元）`` reads bare numbers
  as 元 likewise;
* a number followed by a bracketed remark (``22（其中修订 16 件）``): the leading number,
  ``value.annotated``;
* a dash (``—`` ``-`` ``--``), ``/``, ``\\``, ``_`` or ``无`` (``無``) alone: 0,
  ``value.dash-zero``; an empty cell: 0,
  ``value.blank-zero`` (callers report those once per table);
* anything else: ``None`` with ``value.unreadable`` (never a guess), a number of more
  than :data:`MAX_DIGITS` digits before its decimal point included; a negative count
  ``value.negative``, a fraction where a count belongs ``value.fraction``.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Collection
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from .. import patterns
from ..tree.nodes import Severity
from ..tree.text import DEBRIS_RE, fold, normalize_text

#: A statistic's value: ``int`` counts, :class:`~decimal.Decimal` 万元 amounts, ``None``
#: where the report does not say or cannot be read.
Value = int | Decimal | None

Number = int | Decimal


def all_known(values: Collection[Value]) -> bool:
    """Whether none of *values* (ints, or ``None``) is ``None``. Their sum fails exactly
    when one is, and costs a few instructions an int, where ``None in values`` compares
    each with ``None`` in full (about twenty times as much). (A Decimal among them would
    make every addition after it costly.)"""
    try:
        sum(values)  # type: ignore[arg-type]
    except TypeError:
        return False
    except ArithmeticError:  # a Decimal the context will not add
        return None not in values
    return True


class ValueKind(enum.StrEnum):
    """What a column holds."""

    #: A non-negative integer (a number of applications, of documents...).
    COUNT = "count"
    #: An integer that may carry a sign (``本年增/减``).
    SIGNED = "signed"
    #: A non-negative amount of money in 万元, as a :class:`~decimal.Decimal`.
    AMOUNT = "amount"


if TYPE_CHECKING:

    class ValueRead(NamedTuple):
        """The result of reading one cell (what type checkers see of the class below)."""

        value: Number | None
        code: str | None = None
        note: str = ""
        severity: Severity = Severity.INFO

else:
    # What ``typing.NamedTuple`` makes of the class above, written out as
    # :func:`collections.namedtuple` writes it: making it at run time (compiling its
    # ``__new__`` and its annotations) cost a process's first report 0.75 M instructions.
    # ``tests/test_values.py`` holds the two together.
    from collections import _tuplegetter

    _tuple_new = tuple.__new__

    class ValueRead(tuple):
        """The result of reading one cell.

        ``value`` is ``None`` when the cell cannot be read. ``code`` is the diagnostic code
        of the rule applied (``None`` when the cell was a plain number), ``note`` a short
        explanation for the message, ``severity`` how much the rule matters.
        """

        __slots__ = ()
        _fields = ("value", "code", "note", "severity")
        _field_defaults = {"code": None, "note": "", "severity": Severity.INFO}  # noqa: RUF012
        __match_args__ = _fields
        __annotations__ = {
            "value": "Number | None",
            "code": "str | None",
            "note": "str",
            "severity": "Severity",
        }

        def __new__(_cls, value, code=None, note="", severity=Severity.INFO):
            return _tuple_new(_cls, (value, code, note, severity))

        __new__.__doc__ = "Create new instance of ValueRead(value, code, note, severity)"
        __new__.__annotations__ = __annotations__

        @classmethod
        def _make(cls, iterable):
            result = _tuple_new(cls, iterable)
            if len(result) != 4:
                raise TypeError(f"Expected 4 arguments, got {len(result)}")
            return result

        _make.__func__.__doc__ = "Make a new ValueRead object from a sequence or iterable"

        def _replace(self, /, **kwds):
            result = self._make(map(kwds.pop, ("value", "code", "note", "severity"), self))
            if kwds:
                raise ValueError(f"Got unexpected field names: {list(kwds)!r}")
            return result

        _replace.__doc__ = (
            "Return a new ValueRead object replacing specified fields with new values"
        )

        def __repr__(self):
            "Return a nicely formatted representation string"
            return (
                f"{self.__class__.__name__}(value={self[0]!r}, code={self[1]!r}, "
                f"note={self[2]!r}, severity={self[3]!r})"
            )

        def _asdict(self):
            "Return a new dict which maps field names to their values."
            return dict(zip(self._fields, self, strict=True))

        def __getnewargs__(self):
            "Return self as a plain tuple.  Used by copy and pickle."
            return tuple(self)

        value = _tuplegetter(0, "Alias for field number 0")
        code = _tuplegetter(1, "Alias for field number 1")
        note = _tuplegetter(2, "Alias for field number 2")
        severity = _tuplegetter(3, "Alias for field number 3")


#: Units that may follow a count: they say what is counted, not how much.
COUNT_UNITS = frozenset(("件", "个", "项", "条", "次", "人次", "家", "宗", "起", "份", "人", "位"))
#: Money units and their power of ten relative to 万元.
AMOUNT_UNITS = {"万元": 0, "元": -4, "亿元": 4, "万": 0}
#: The most digits the whole part of a value may have (leading zeros aside): a thousand
#: times more than any count or 元 amount of a report, and every count of 18 digits fits
#: the 64-bit integers of SQLite, Parquet and pandas. A longer number is damage (digits
#: of several cells run together, a pasted serial number), not a value.
MAX_DIGITS = 18
#: Texts that stand for zero in a table.
ZERO_MARKS = frozenset(("-", "--", "---", "/", "无", "無", "\\", "_"))

_NUMBER_RE = patterns.compile(
    r"(?P<sign>[+-])?"
    r"(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)"
    r"(?:\.(?P<frac>[0-9]+))?"
    r"(?P<unit>[^0-9().,+\-]{1,3})?"
)
_SPACED_RE = patterns.compile(r"[+\-]?[0-9][0-9,.]*(?:\s+[+\-]?[0-9][0-9,.]*)+")
#: The first run of number characters in a cell, whitespace inside it included: where
#: whitespace could glue numbers into one once a cell is folded.
_NUMBER_RUN_RE = patterns.compile(r"[0-9][0-9,.\s]*")
_DIGITS_RE = patterns.compile(r"[0-9]+")
#: Groups of three digits after one space, no-break space or thin space: ``1 000``. A TAB
#: or a line break between digits separates two numbers.
_SPACE_GROUPED_RE = patterns.compile(r"[+\-]?[0-9]{1,3}(?:[ \u00a0\u2009\u202f][0-9]{3})+")
#: Full-width digits are wide characters, which normalising joins across a line break
#: ("１\n０" would read as 10): they are made narrow before numbers are told apart.
_NARROW = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}


def _spaced(raw: str) -> str:
    """*raw* normalised, full-width digits made narrow: numbers stay apart."""
    return normalize_text(raw.translate(_NARROW))


def read_value(raw: str, kind: ValueKind = ValueKind.COUNT, unit: str = "万元") -> ValueRead:
    """Read *raw* as a value of *kind*.

    :param raw: the cell's text as written.
    :param kind: what the column holds.
    :param unit: for amounts, the unit of a bare number (the column header's unit).
    """
    return read_cached(raw, kind.value, unit)


@lru_cache(maxsize=4096)
def read_cached(raw: str, kind: str, unit: str) -> ValueRead:
    """:func:`read_value` with the kind as a plain string (cheap to hash)."""
    text = fold(raw)
    if not text:
        return ValueRead(_zero(kind), "value.blank-zero", "an empty cell", Severity.INFO)
    shown = _spaced(raw)
    if " " in shown and _several_numbers(raw):
        return ValueRead(
            None, "value.unreadable", f"{shown!r} holds several numbers", Severity.WARNING
        )
    m = _NUMBER_RE.fullmatch(text)
    if m is not None:
        return _number(m, kind, unit, text)
    if text in ZERO_MARKS or (len(text) <= 3 and set(text) <= {"-"}):
        return ValueRead(
            _zero(kind), "value.dash-zero", f"{normalize_text(raw)!r} stands for 0", Severity.INFO
        )
    m = _NUMBER_RE.match(text)
    if m is not None and m.end() < len(text) and text[m.end()] == "(" and text.endswith(")"):
        read = _number(m, kind, unit, text[: m.end()])
        if read.value is None:
            return read
        return ValueRead(
            read.value,
            "value.annotated",
            f"{normalize_text(raw)!r} read as its leading number {_show(read.value)}",
            Severity.WARNING,
        )
    return ValueRead(
        None, "value.unreadable", f"{normalize_text(raw)!r} is not a number", Severity.WARNING
    )


def _several_numbers(raw: str) -> bool:
    """Whether the first run of number characters of *raw* is broken by whitespace other
    than single spaces between groups of three digits: numbers side by side, with or
    without a unit after them (``0 1 2``, ``3\t892431元``, ``0\n,01``), not one number
    (``1 000``, ``1 000元``). Export debris is taken out first, as folding takes it out:
    ``1[bookmark: _GoBack]\xa0\xa00`` is two numbers, not 10."""
    if "[" in raw:
        raw = DEBRIS_RE.sub("", raw)
    m = _NUMBER_RUN_RE.search(raw.translate(_NARROW))
    if m is None:
        return False
    run = m.group().rstrip()
    return len(run.split()) > 1 and _SPACE_GROUPED_RE.fullmatch(run) is None


def _zero(kind: str) -> Number:
    return Decimal(0) if kind == ValueKind.AMOUNT else 0


def _show(value: Number) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _number(m: re.Match[str], kind: str, default_unit: str, text: str) -> ValueRead:
    sign, digits, frac, unit = m.group("sign", "int", "frac", "unit")
    digits = digits.replace(",", "")
    if len(digits) > MAX_DIGITS and len(digits.lstrip("0")) > MAX_DIGITS:
        shown = text if len(text) <= 40 else f"{text[:24]}...{text[-8:]}"
        return ValueRead(
            None,
            "value.unreadable",
            f"{shown!r} has {len(digits.lstrip('0'))} digits, more than a value can have",
            Severity.WARNING,
        )
    if kind == ValueKind.AMOUNT:
        if unit is not None and unit not in AMOUNT_UNITS:
            return ValueRead(
                None,
                "value.unreadable",
                f"{text!r}: {unit!r} is not a unit of money",
                Severity.WARNING,
            )
        if sign == "-":
            return ValueRead(
                None, "value.negative", f"{text!r} is a negative amount", Severity.WARNING
            )
        amount = Decimal(digits + ("." + frac if frac else ""))
        written = unit or default_unit
        shift = AMOUNT_UNITS.get(written, 0)
        if shift:
            converted = amount.scaleb(shift)
            how = "written" if unit else "the column's unit"
            return ValueRead(
                converted,
                "value.unit-converted",
                f"{text!r} ({how}: {written}) read as {_show(converted)} 万元",
                Severity.INFO,
            )
        return ValueRead(amount)
    if unit is not None and unit not in COUNT_UNITS:
        return ValueRead(
            None,
            "value.unreadable",
            f"{text!r}: {unit!r} is not a unit of a count",
            Severity.WARNING,
        )
    if frac is not None and frac.strip("0"):
        return ValueRead(
            None, "value.fraction", f"{text!r} is not a whole number", Severity.WARNING
        )
    number = int(digits)
    if sign == "-":
        if kind == ValueKind.COUNT:
            return ValueRead(
                None, "value.negative", f"{text!r} is a negative count", Severity.WARNING
            )
        number = -number
    return ValueRead(number)


@lru_cache(maxsize=1024)
def classify(raw: str) -> str:
    """``"blank"``, ``"value"`` (a number, a zero mark, an annotated number) or ``"label"``.

    Used to split a row into its label cells and its value cells.
    """
    text = fold(raw)
    if not text:
        return "blank"
    if text in ZERO_MARKS or (set(text) <= {"-"} and len(text) <= 3):
        return "value"
    m = _NUMBER_RE.fullmatch(text)
    if m is not None and _known_unit(m.group("unit")):
        return "value"
    m = _NUMBER_RE.match(text)
    if (
        m is not None
        and _known_unit(m.group("unit"))
        and m.end() < len(text)
        and text[m.end()] == "("
        and text.endswith(")")
    ):
        return "value"
    if _SPACED_RE.fullmatch(_spaced(raw)) is not None:
        return "value"
    return "label"


def _known_unit(unit: str | None) -> bool:
    return unit is None or unit in COUNT_UNITS or unit in AMOUNT_UNITS


def split_numbers(raw: str) -> list[str] | None:
    """The numbers of a cell holding several separated by spaces (``0 1 1 0 2``), or
    ``None`` when it does not."""
    text = _spaced(raw)
    if _SPACED_RE.fullmatch(text) is None:
        return None
    return text.split()


def is_digit_run(raw: str) -> bool:
    """True for a cell holding nothing but digits (a concatenated row, ``10203120001200000``)."""
    text = normalize_text(raw)
    return " " not in text and _DIGITS_RE.fullmatch(fold(text)) is not None
