"""The AST: frozen, slotted, compared without positions; normalised text; diagnostics."""

from __future__ import annotations

import attrs
import pytest

import gipparse
from gipparse import Cell, Diagnostic, Paragraph, Row, Severity, Span, Table
from gipparse.tree.text import fold, normalize_text


@pytest.mark.parametrize(
    "node",
    [Cell("x"), Row(()), Table(()), Paragraph("x"), gipparse.Heading("一、总体情况", "overview"),
     gipparse.Section("preamble", None), gipparse.Report(()), gipparse.Metadata(),
     Diagnostic(Severity.INFO, "x.y", "m")],
)  # fmt: skip
def test_nodes_are_frozen_and_slotted(node: object) -> None:
    assert not hasattr(node, "__dict__")
    field = attrs.fields(type(node))[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(node, field, None)


def test_equality_ignores_spans_and_evolve_edits() -> None:
    a = Cell("0\xa0", Span(3, 2, 3, 4))
    assert a == Cell("0\xa0")
    assert hash(a) == hash(Cell("0\xa0"))
    b = attrs.evolve(a, raw="1")
    assert b.span == a.span
    assert b.text == "1"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("0\xa0", "0"),
        ("\u3000\u30000", "0"),
        ("[bookmark: _GoBack]\xa0\xa00", "0"),
        ("本年新\n制作数量", "本年新制作数量"),
        ("结果\n\n维持", "结果维持"),
        ("  a  \n b ", "a b"),
        ("阜陽 應急", "阜陽應急"),
        ("信息 1247 条", "信息1247条"),
        ("規(guī)章", "規章"),
        ("區(qū)分處理的", "區分處理的"),
        ("微信(app)", "微信(app)"),
        ("(qū)", "(qū)"),
        ("x\u200by\ufeff", "xy"),
    ],
)
def test_normalised_text(raw: str, text: str) -> None:
    assert normalize_text(raw) == text
    assert Cell(raw).text == text
    assert Paragraph(raw).text == text


def test_fold_is_the_matching_form() -> None:
    assert (
        fold("（二）部分公开（区分处理的，只计这一情形）")
        == "(二)部分公开(区分处理的,只计这一情形)"
    )
    assert fold("四、 结转下年度\n继续办理") == "四,结转下年度继续办理"
    assert fold("１．属于“国家秘密”") == '1.属于"国家秘密"'


def test_diagnostic_format() -> None:
    d = Diagnostic(Severity.WARNING, "tab.unindented-cell", "lost its TAB", Span(147, 1, 147, 3))
    assert d.format("r.txt") == "r.txt:147:1: warning[tab.unindented-cell]: lost its TAB"
    assert (
        Diagnostic(Severity.ERROR, "report.empty", "x").format()
        == "<string>: error[report.empty]: x"
    )
    assert (d.line, d.column) == (147, 1)


def test_error_tree() -> None:
    for error in (gipparse.SourceError, gipparse.InputTooLargeError, gipparse.ParseError,
                  gipparse.PluginError, gipparse.RenderError):  # fmt: skip
        assert issubclass(error, gipparse.GipparseError)
    assert issubclass(gipparse.ParseError, ValueError)
    assert str(gipparse.ParseError("bad", line=3, column=7)) == "bad (at line 3, column 7)"


def test_strict_mode_raises_on_the_first_error() -> None:
    class Complain:
        @gipparse.hookimpl
        def gipparse_validate(self, report: gipparse.Report) -> list[Diagnostic]:
            return [Diagnostic(Severity.ERROR, "house.rule", "no", Span(2, 1, 2, 3))]

    text = "一、总体情况\n正文\n"
    report = gipparse.loads(text, plugins=[Complain()])
    assert "house.rule" in [d.code for d in report.diagnostics]
    assert not report.valid
    with pytest.raises(gipparse.ParseError, match=r"\[house.rule\] no \(at line 2, column 1\)"):
        gipparse.loads(text, plugins=[Complain()], strict=True)


def test_version_is_a_literal() -> None:
    assert gipparse.__version__.count(".") == 2


def test_new_cell_is_a_cell_like_any_other() -> None:
    from gipparse.tree.nodes import new_cell

    fast, slow = (
        new_cell("本年新\n制作数量", Span(3, 2, 4, 5)),
        Cell("本年新\n制作数量", Span(3, 2, 4, 5)),
    )
    assert type(fast) is Cell
    assert fast == slow
    assert hash(fast) == hash(slow)
    assert repr(fast) == repr(slow)
    assert fast.span == slow.span
    assert fast.text == slow.text == "本年新制作数量"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        fast.raw = "x"  # type: ignore[misc]


def test_cells_and_rows_built_together_are_cells_and_rows_like_any_other() -> None:
    """``new_cells`` and ``new_rows`` (a table's nodes built in one step, by ``starmap``
    over tuples ``zip`` refills) give what ``Cell(...)`` and ``Row(...)`` give, each node
    with its own fields and span."""
    from gipparse.tree.nodes import AT, new_cells, new_rows

    raws = ["规章", "0", "", "本年新增", "12"]
    places = [3 * AT + 2, 4 * AT + 2, 5 * AT + 2, 7 * AT + 2, 8 * AT + 2]
    cells = new_cells(raws, iter(places))
    expected = [
        Cell(raw, Span(p // AT, p % AT, p // AT, p % AT + len(raw)))
        for raw, p in zip(raws, places, strict=True)
    ]
    assert [type(c) for c in cells] == [Cell] * 5
    assert cells == expected
    assert [c.span for c in cells] == [c.span for c in expected]
    assert [repr(c) for c in cells] == [repr(c) for c in expected]
    assert len({id(c) for c in cells}) == 5
    rows = new_rows([tuple(cells[:3]), tuple(cells[3:])], 0)
    assert rows == [Row(tuple(expected[:3])), Row(tuple(expected[3:]))]
    assert [r.span for r in rows] == [Span(3, 1, 5, 2), Span(7, 1, 8, 4)]
    assert [len(r) for r in rows] == [3, 2]
    assert rows[1].cells[0] is cells[3]


def test_diagnostics_built_together_are_diagnostics_like_any_other() -> None:
    """``new_diagnostics`` (what a report says of many cells, built in one step) gives
    what ``Diagnostic(...)`` gives, each with its own message and span."""
    import pickle

    from gipparse.tree.nodes import Diagnostic, Severity, new_diagnostics

    messages = ["the row at line 3 has no label", "extra cell '0' at line 4", "x"]
    spans = [Span(3, 1, 3, 9), Span(4, 2, 4, 3), None]
    made = new_diagnostics(Severity.WARNING, "table.extra-cell", messages, spans)
    expected = [
        Diagnostic(Severity.WARNING, "table.extra-cell", m, s)
        for m, s in zip(messages, spans, strict=True)
    ]
    assert [type(d) for d in made] == [Diagnostic] * 3
    assert made == expected
    assert [hash(d) for d in made] == [hash(d) for d in expected]
    assert [repr(d) for d in made] == [repr(d) for d in expected]
    assert [d.line for d in made] == [3, 4, None]
    assert pickle.loads(pickle.dumps(made)) == expected
    assert new_diagnostics(Severity.INFO, "x", [], []) == []
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made[0].message = "x"  # type: ignore[misc]


def test_spans_built_together_are_spans_like_any_other() -> None:
    """``new_spans`` (the spans of a report's warnings, built in one step) gives what
    ``Span(...)`` gives, from plain tuples and from spans alike."""
    import pickle

    from gipparse.tree.nodes import new_spans

    places = [(3, 1, 3, 9), Span(4, 2, 6, 3), (12, 2, 12, 3)]
    made = new_spans(places)
    expected = [Span(3, 1, 3, 9), Span(4, 2, 6, 3), Span(12, 2, 12, 3)]
    assert [type(s) for s in made] == [Span] * 3
    assert made == expected
    assert [(s.line, s.column, s.end_line, s.end_column) for s in made] == list(map(tuple, places))
    assert [str(s) for s in made] == ["3:1", "4:2", "12:2"]
    assert pickle.loads(pickle.dumps(made)) == expected
    assert new_spans([]) == []


@pytest.mark.parametrize("span", [Span(7, 2, 9, 4), None])
def test_a_diagnostic_built_the_fast_way_is_a_diagnostic_like_any_other(
    span: Span | None,
) -> None:
    import pickle

    from gipparse.tree.nodes import Diagnostic, Severity, new_diagnostic

    made = new_diagnostic(Severity.INFO, "tab.unindented-cell", "a cell goes on", span)
    expected = Diagnostic(Severity.INFO, "tab.unindented-cell", "a cell goes on", span)
    assert type(made) is Diagnostic
    assert (made, hash(made), repr(made)) == (expected, hash(expected), repr(expected))
    assert (made.line, made.span) == (expected.line, span)
    assert pickle.loads(pickle.dumps(made)) == expected
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.code = "x"  # type: ignore[misc]


@pytest.mark.parametrize("index", range(5))
def test_a_parsed_report_pickles_whole(index: int) -> None:
    """A report travels between processes (``multiprocessing``, Dask): every node of it
    pickles, the paragraphs and headings the parsers build the fast way included, and
    comes back equal, with the same spans and the same Simplified prose."""
    import pickle

    report = gipparse.load(gipparse.sample_paths()[index])
    back = pickle.loads(pickle.dumps(report))
    assert back == report
    assert [b.span for b in back.blocks] == [b.span for b in report.blocks]
    headings = [s.heading for s in report.sections if s.heading is not None]
    assert [h.span for s in back.sections if (h := s.heading) is not None] == [
        h.span for h in headings
    ]
    assert [p.simplified for p in back.paragraphs] == [p.simplified for p in report.paragraphs]


def test_a_simplifier_given_by_a_reading_call_stays_with_it() -> None:
    """The conversion a reading call's plugins gave a paragraph is not pickled (plugins do
    not travel); the paragraph unpickled converts the built-in way."""
    import pickle

    from gipparse.tree.nodes import give_simplifier

    paragraph = Paragraph("電子郵件")
    give_simplifier(paragraph, lambda text: "from the plugin")
    assert paragraph.simplified == "from the plugin"
    back = pickle.loads(pickle.dumps(paragraph))
    assert back == paragraph
    assert back.span is None
    assert back.simplified == "电子邮件"


def test_headings_and_sections_built_the_fast_way_are_the_constructors() -> None:
    import pickle

    from gipparse.tree.nodes import Heading, Paragraph, Section, new_heading, new_section

    span = Span(3, 1, 3, 9)
    heading, fast_heading = (
        Heading("一、總體情況", "overview", span),
        new_heading("一、總體情況", "overview", span),
    )
    blocks = (Paragraph("x", Span(4, 1, 4, 2)),)
    section = Section("overview", heading, blocks, Span(3, 1, 4, 2))
    fast = new_section("overview", fast_heading, blocks, Span(3, 1, 4, 2))
    for built, made in ((heading, fast_heading), (section, fast)):
        assert type(made) is type(built)
        assert made == built
        assert hash(made) == hash(built)
        assert repr(made) == repr(built)
        assert pickle.loads(pickle.dumps(made)) == built
        for name in type(built).__slots__:
            assert hasattr(made, name) == hasattr(built, name), name
            if hasattr(built, name):
                assert getattr(made, name) == getattr(built, name), name
    assert fast.span == section.span
    assert fast_heading.simplified == heading.simplified == "一、总体情况"


def test_a_report_built_the_fast_way_is_the_constructor() -> None:
    import pickle

    from gipparse.tree.nodes import Metadata, Report, new_report

    path = gipparse.sample_paths()[0]
    read = gipparse.load(path)
    fields = (read.sections, read.metadata, read.statistics, read.diagnostics, read.source)
    for metadata in (read.metadata, Metadata()):
        built = Report(*fields[:1], metadata, *fields[2:], path=str(path))
        made = new_report(*fields[:1], metadata, *fields[2:], str(path))
        assert type(made) is Report
        assert made == built
        assert hash(made) == hash(built)
        assert repr(made) == repr(built)
        assert pickle.loads(pickle.dumps(made)) == built
        assert [getattr(made, f.name) for f in attrs.fields(Report)] == [
            getattr(built, f.name) for f in attrs.fields(Report)
        ]
