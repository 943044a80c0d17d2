"""Reading one cell's value: what is read, what is read with a rule, what is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gipparse import Severity, ValueKind
from gipparse.templates.values import classify, is_digit_run, read_value, split_numbers

COUNT, SIGNED, AMOUNT = ValueKind.COUNT, ValueKind.SIGNED, ValueKind.AMOUNT


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0", 0),
        ("17", 17),
        ("0\xa0", 0),  # NBSP after the number (seed 000)
        ("\xa00", 0),
        ("\u3000\u30000", 0),  # full-width spaces before it (seed 004)
        ("[bookmark: _GoBack]\xa0\xa00", 0),  # export debris (seed 003)
        ("３３０７", 3307),  # full-width digits
        (" 0 ", 0),
        ("1,234", 1234),
        ("1，234", 1234),  # a full-width comma as thousands separator
        ("12,345,678", 12345678),
        ("1 234", 1234),  # a space as thousands separator
        ("+5", 5),
        ("3.0", 3),
        ("3．0", 3),
        ("26件", 26),
        ("5个", 5),
        ("12人次", 12),
        ("0\n", 0),
    ],
)
def test_counts_read_plainly(raw: str, expected: int) -> None:
    read = read_value(raw, COUNT)
    assert read.value == expected
    assert type(read.value) is int
    assert read.code is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("+11", 11), ("-18", -18), ("0", 0), ("－3", -3), ("+0", 0), ("－ 3", -3)],
)
def test_signed_changes(raw: str, expected: int) -> None:
    read = read_value(raw, SIGNED)
    assert (read.value, read.code) == (expected, None)


@pytest.mark.parametrize(
    ("raw", "expected", "code"),
    [
        ("27.37", Decimal("27.37"), None),
        ("0", Decimal(0), None),
        ("7730.28", Decimal("7730.28"), None),
        ("24252.311082", Decimal("24252.311082"), None),
        ("27.37万元", Decimal("27.37"), None),
        ("3892431元", Decimal("389.2431"), "value.unit-converted"),  # seed 001
        ("251000元", Decimal("25.1"), "value.unit-converted"),
        ("75394432.52元", Decimal("7539.443252"), "value.unit-converted"),
        ("1.5亿元", Decimal("15000"), "value.unit-converted"),
        ("1,234.5", Decimal("1234.5"), None),
    ],
)
def test_amounts_in_wan_yuan(raw: str, expected: Decimal, code: str | None) -> None:
    read = read_value(raw, AMOUNT)
    assert isinstance(read.value, Decimal)
    assert read.value == expected
    assert read.code == code


def test_a_column_in_yuan_converts_bare_numbers() -> None:
    read = read_value("251000", AMOUNT, unit="元")
    assert read.value == Decimal("25.1")
    assert read.code == "value.unit-converted"
    assert "the column's unit" in read.note


@pytest.mark.parametrize("raw", ["—", "-", "/", "无", "無", "－", "／", "——", "--", " — "])
@pytest.mark.parametrize("kind", [COUNT, SIGNED, AMOUNT])
def test_dash_marks_are_zero_with_a_diagnostic(raw: str, kind: ValueKind) -> None:
    read = read_value(raw, kind)
    assert read.value == 0
    assert type(read.value) is (Decimal if kind is AMOUNT else int)
    assert read.code == "value.dash-zero"


@pytest.mark.parametrize("raw", ["", " ", "\xa0", "\u3000", "[bookmark: _GoBack]"])
def test_blank_cells_are_zero_with_a_diagnostic(raw: str) -> None:
    read = read_value(raw, COUNT)
    assert (read.value, read.code) == (0, "value.blank-zero")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("22（其中修订 16 件）", 22), ("55（含自然失效 29 件）", 55), ("3件(含转办1件)", 3)],
)
def test_annotated_cells_give_their_leading_number(raw: str, expected: int) -> None:
    read = read_value(raw, COUNT)
    assert read.value == expected
    assert read.code == "value.annotated"
    assert read.severity is Severity.WARNING


@pytest.mark.parametrize(
    ("raw", "kind", "code"),
    [
        ("约300", COUNT, "value.unreadable"),
        ("300余", COUNT, "value.unreadable"),
        ("若干", COUNT, "value.unreadable"),
        ("3892431元", COUNT, "value.unreadable"),  # money in a count column
        ("5件", AMOUNT, "value.unreadable"),
        ("0 1 1 0 2", COUNT, "value.unreadable"),  # several numbers in one cell
        ("0 1 2 件", COUNT, "value.unreadable"),  # ... with a unit after them
        ("3\t892431元", AMOUNT, "value.unreadable"),  # a TAB splits two numbers
        ("3 892431元", AMOUNT, "value.unreadable"),  # 892431 is no group of three digits
        ("\xa00\n,01\t\xa00", COUNT, "value.unreadable"),  # not 0,010 (10)
        ("1\n,000", COUNT, "value.unreadable"),  # a line break inside a number
        ("1[bookmark: _GoBack]\xa0\xa00", COUNT, "value.unreadable"),  # not 10
        ("1 [bookmark: _GoBack] 0", COUNT, "value.unreadable"),
        ("1,23", COUNT, "value.unreadable"),
        ("12.5", COUNT, "value.fraction"),
        ("-3", COUNT, "value.negative"),
        ("-3", AMOUNT, "value.negative"),
        ("不详", COUNT, "value.unreadable"),
        ("1.2.3", COUNT, "value.unreadable"),
        ("9" * 19, COUNT, "value.unreadable"),  # past what a 64-bit integer holds
        ("1,000,000,000,000,000,000", COUNT, "value.unreadable"),
        ("1" + "0" * 5000, COUNT, "value.unreadable"),  # past int()'s 4300 digits
        ("1" + "0" * 400 + "元", AMOUNT, "value.unreadable"),  # a double's inf
        ("+" + "9" * 19, SIGNED, "value.unreadable"),
    ],
)
def test_unreadable_cells_are_null_never_guessed(raw: str, kind: ValueKind, code: str) -> None:
    read = read_value(raw, kind)
    assert read.value is None
    assert read.code == code
    assert read.severity is Severity.WARNING


def test_numbers_of_up_to_eighteen_digits_are_read() -> None:
    """The limit on digits leaves every value a report can hold, and leading zeros aside."""
    assert read_value("9" * 18).value == 10**18 - 1
    assert read_value("0" * 30 + "7").value == 7
    assert read_value("9" * 18 + "元", AMOUNT).value == Decimal("99999999999999.9999")
    read = read_value("1" + "0" * 5000)
    assert read.note == (
        "'100000000000000000000000...00000000' has 5001 digits, more than a value can have"
    )


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("0", "value"),
        ("\xa00", "value"),
        ("+11", "value"),
        ("3892431元", "value"),
        ("—", "value"),
        ("无", "value"),
        ("22（其中修订 16 件）", "value"),
        ("0 1 1 0 2", "value"),
        ("", "blank"),
        ("\u3000", "blank"),
        ("1.属于国家秘密", "label"),
        ("（七）总计", "label"),
        ("3.其他", "label"),
        ("2020年", "label"),
        ("约300", "label"),
    ],
)
def test_classify(raw: str, kind: str) -> None:
    assert classify(raw) == kind


def test_split_numbers_and_digit_runs() -> None:
    row = "0 1 1 0 2 1 0 0 0 1 0 0 0 0 0"  # 平潭 2022, table 四
    assert split_numbers(row) == row.split(" ")
    assert split_numbers("0\u30001 2") == ["0", "1", "2"]
    assert split_numbers("17") is None
    assert split_numbers("结果 维持") is None
    assert is_digit_run("10203120001200000")
    assert not is_digit_run("1 0")


@pytest.mark.parametrize(
    ("raw", "kind", "expected"),
    [
        ("1 000", COUNT, 1000),
        ("1 000 件", COUNT, 1000),
        ("1 000元", AMOUNT, Decimal("0.1000")),
        ("1 000 000 元", AMOUNT, Decimal("100.0000")),
    ],
)
def test_digits_in_groups_of_three_are_one_number(
    raw: str, kind: ValueKind, expected: int | Decimal
) -> None:
    assert read_value(raw, kind).value == expected


def _named_tuple_of_the_declaration() -> type:
    """What ``typing.NamedTuple`` makes of the class type checkers see (the body under
    ``if TYPE_CHECKING:`` in values.py), in the module's namespace."""
    import __future__

    import ast
    import inspect

    from gipparse.templates import values

    tree = ast.parse(inspect.getsource(values))
    (declared,) = [
        node.body[0]
        for node in tree.body
        if isinstance(node, ast.If)
        and isinstance(node.test, ast.Name)
        and node.test.id == "TYPE_CHECKING"
        and isinstance(node.body[0], ast.ClassDef)
        and node.body[0].name == "ValueRead"
    ]
    module = ast.Module(
        body=[ast.ImportFrom("typing", [ast.alias("NamedTuple")], 0), declared], type_ignores=[]
    )
    code = compile(
        ast.fix_missing_locations(module),
        values.__file__,
        "exec",
        flags=__future__.annotations.compiler_flag,
    )
    namespace = dict(vars(values))
    exec(code, namespace)
    made: type = namespace["ValueRead"]
    return made


def test_value_read_is_the_named_tuple_it_declares() -> None:
    import copy
    import pickle

    from gipparse.templates.values import ValueRead

    reference = _named_tuple_of_the_declaration()
    assert reference is not ValueRead
    assert ValueRead.__bases__ == reference.__bases__ == (tuple,)
    assert ValueRead.__module__ == reference.__module__
    assert ValueRead.__qualname__ == reference.__qualname__ == "ValueRead"
    for name in ("_fields", "_field_defaults", "__match_args__", "__slots__"):
        assert getattr(ValueRead, name) == getattr(reference, name), name
    assert ValueRead.__new__.__defaults__ == reference.__new__.__defaults__
    assert ValueRead.__new__.__kwdefaults__ == reference.__new__.__kwdefaults__
    assert ValueRead.__new__.__code__.co_varnames == reference.__new__.__code__.co_varnames
    # typing keeps annotations written as text (``from __future__ import annotations``)
    # as ForwardRef objects; these keep the text.
    assert {k: v.__forward_arg__ for k, v in reference.__annotations__.items()} == (
        ValueRead.__annotations__
    )
    assert ValueRead.__new__.__annotations__ == ValueRead.__annotations__
    names = [
        n
        for n in reference.__dict__
        if n not in ("__doc__", "__annotations__", "__orig_bases__", "__module__")
    ]
    assert sorted(names) == sorted(
        n for n in ValueRead.__dict__ if n not in ("__doc__", "__annotations__", "__module__")
    )
    for name in names:
        mine, theirs = ValueRead.__dict__[name], reference.__dict__[name]
        assert type(mine) is type(theirs), name
        function = getattr(mine, "__func__", mine)
        assert getattr(function, "__doc__", None) == getattr(
            getattr(theirs, "__func__", theirs), "__doc__", None
        ), name
        assert getattr(function, "__qualname__", None) in (
            None,
            getattr(getattr(theirs, "__func__", theirs), "__qualname__", None),
            f"ValueRead.{name}",
        ), name
    for args, kwargs in [
        ((1,), {}),
        ((None, "value.unreadable", "why", Severity.WARNING), {}),
        ((Decimal("1.5"),), {"severity": Severity.ERROR}),
        ((), {"value": 3, "note": "n"}),
    ]:
        a, b = ValueRead(*args, **kwargs), reference(*args, **kwargs)
        assert tuple(a) == tuple(b)
        assert a == b
        assert hash(a) == hash(b)
        assert repr(a) == repr(b)
        assert a._asdict() == b._asdict()
        assert (a.value, a.code, a.note, a.severity) == (b.value, b.code, b.note, b.severity)
        assert a._replace(note="x") == b._replace(note="x")
        assert type(a._replace(note="x")) is ValueRead
        assert type(ValueRead._make(tuple(b))) is ValueRead
        assert pickle.loads(pickle.dumps(a)) == a
        assert type(pickle.loads(pickle.dumps(a))) is ValueRead
        assert copy.copy(a) == a
        assert copy.deepcopy(a) == a
        assert a.__getnewargs__() == b.__getnewargs__()
    for attempt in (
        lambda cls: cls(1, 2, 3, 4, 5),
        lambda cls: cls(),
        lambda cls: cls(1, nothing=2),
        lambda cls: cls._make((1, 2)),
        lambda cls: cls(1)._replace(nothing=2),
    ):
        with pytest.raises(Exception) as mine:  # noqa: PT011
            attempt(ValueRead)
        with pytest.raises(Exception) as theirs:  # noqa: PT011
            attempt(reference)
        assert type(mine.value) is type(theirs.value)
        assert str(mine.value) == str(theirs.value)
    with pytest.raises(AttributeError):
        ValueRead(1).value = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        ValueRead(1).other = 2  # type: ignore[attr-defined]
