"""The report AST as dicts and JSON: layout, exact amounts, round trips, refusals."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import gipparse
from gipparse.export.serialize import FORMAT_VERSION, parse_json

SEEDS = gipparse.sample_paths()


def _raw_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_every_seed_round_trips_through_dicts_and_json(path: Path) -> None:
    report = gipparse.load(path)
    data = gipparse.to_dict(report)
    again = gipparse.from_dict(data)
    assert again == report
    # Spans take no part in equality: compare the dicts, which hold them.
    assert gipparse.to_dict(again) == data
    from_text = gipparse.from_dict(parse_json(gipparse.to_json(report)))
    assert from_text == report
    assert gipparse.to_dict(from_text) == data
    assert from_text.path == str(path)


def test_layout_of_a_tab_table_cell_matches_the_raw_file() -> None:
    path = SEEDS[0]
    lines = _raw_lines(path)
    data = gipparse.to_dict(gipparse.load(path))
    assert list(data) == [
        "version",
        "path",
        "metadata",
        "statistics",
        "valid",
        "diagnostics",
        "sections",
    ]
    assert data["version"] == FORMAT_VERSION == 1
    assert list(data["metadata"]) == ["agency", "year", "template", "script", "period"]
    tables = [b for s in data["sections"] for b in s["blocks"] if b["type"] == "table"]
    first = tables[0]["rows"][0]["cells"][0]
    # The raw file holds the caption on a line of its own after a TAB.
    index = next(i for i, line in enumerate(lines) if line == "\t" + first["raw"])
    assert first["raw"] == "第二十条第（一）项"
    assert first["span"] == [index + 1, 2, index + 1, 2 + len(first["raw"])]
    assert tables[0]["format"] == "tab"


def test_paragraph_and_heading_keep_raw_and_give_normalised_text() -> None:
    path = SEEDS[2]  # headings indented with spaces, one followed by a TAB
    lines = _raw_lines(path)
    data = gipparse.to_dict(gipparse.load(path))
    heading = next(s["heading"] for s in data["sections"] if s["kind"] == "active_disclosure")
    line = heading["span"][0]
    assert heading["raw"] == lines[line - 1]
    assert heading["raw"] != heading["text"] == "二、主动公开政府信息情况"
    paragraph = data["sections"][0]["blocks"][0]
    assert paragraph["type"] == "paragraph"
    assert paragraph["raw"] == lines[paragraph["span"][0] - 1]


def test_source_is_included_only_on_request(tmp_path: Path) -> None:
    report = gipparse.load(SEEDS[0])
    assert "source" not in gipparse.to_dict(report)
    data = gipparse.to_dict(report, source=True)
    assert data["source"] == SEEDS[0].read_text(encoding="utf-8")
    assert gipparse.from_dict(data).source == report.source


def test_diagnostics_keep_their_spans() -> None:
    report = gipparse.load(SEEDS[3])  # seed 003 lost TABs: the tab format says where
    assert report.diagnostics
    data = gipparse.to_dict(report)
    for d, item in zip(report.diagnostics, data["diagnostics"], strict=True):
        assert item["code"] == d.code
        assert item["severity"] == d.severity.value
        assert item["span"] == (None if d.span is None else list(d.span))
    again = gipparse.from_dict(data)
    assert [d.span for d in again.diagnostics] == [d.span for d in report.diagnostics]


# -- JSON text ---------------------------------------------------------------------------


def test_amounts_are_exact_json_numbers() -> None:
    text = gipparse.to_json({"a": Decimal("389.2431"), "b": Decimal("24252.311082"), "c": 3})
    assert text == '{"a":389.2431,"b":24252.311082,"c":3}'
    assert json.loads(text) == {"a": 389.2431, "b": 24252.311082, "c": 3}
    assert parse_json(text)["b"] == Decimal("24252.311082")
    # Never the scientific notation Decimal's str() may choose.
    assert gipparse.to_json([Decimal("1E+3"), Decimal("0E-7")]) == "[1000,0.0000000]"


def test_to_json_indents_stably_and_keeps_scalar_arrays_on_one_line() -> None:
    text = gipparse.to_json({"a": [1, 2], "b": {"c": None, "d": [{"e": "中"}]}}, indent=2)
    assert text == (
        '{\n  "a": [1, 2],\n  "b": {\n    "c": null,\n    "d": [\n      {\n'
        '        "e": "中"\n      }\n    ]\n  }\n}'
    )
    assert json.loads(text) == {"a": [1, 2], "b": {"c": None, "d": [{"e": "中"}]}}


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (Decimal("NaN"), ValueError),
        (float("inf"), ValueError),
        ({1: 2}, TypeError),
        (object(), TypeError),
    ],
)
def test_to_json_refuses_what_json_cannot_hold(value: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        gipparse.to_json([value])  # type: ignore[list-item]


def test_to_json_escapes_control_characters_and_quotes() -> None:
    text = gipparse.to_json({"k": 'a"\\\n\t\x00中'})
    assert json.loads(text) == {"k": 'a"\\\n\t\x00中'}
    assert "中" in text


# -- reading back ------------------------------------------------------------------------


def _minimal() -> dict[str, Any]:
    return gipparse.to_dict(gipparse.load(SEEDS[0]))


def test_from_dict_names_where_the_document_is_wrong() -> None:
    data = _minimal()
    del data["sections"][1]["blocks"][0]["raw"]
    with pytest.raises(gipparse.ParseError, match=r"sections\[1\]\.blocks\[0\]\.raw: missing"):
        gipparse.from_dict(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(version=FORMAT_VERSION + 1), "upgrade gipparse"),
        (lambda d: d.update(version="1"), "version: expected an integer"),
        (lambda d: d["sections"][0].update(span=[1, 2]), r"sections\[0\]\.span"),
        (lambda d: d["sections"][0]["blocks"][0].update(type="image"), "unknown block type"),
        (lambda d: d["diagnostics"].append({"severity": "fatal"}), "unknown severity"),
        (lambda d: d.update(metadata=None), "metadata: expected an object"),
        (lambda d: d["metadata"].update(year="2020"), "metadata.year: expected an integer"),
    ],
)
def test_from_dict_refuses_malformed_documents(change: Any, message: str) -> None:
    data = _minimal()
    change(data)
    with pytest.raises(gipparse.ParseError, match=message):
        gipparse.from_dict(data)


def test_from_dict_refuses_what_is_not_an_object() -> None:
    with pytest.raises(gipparse.ParseError, match="expected an object"):
        gipparse.from_dict([])  # type: ignore[arg-type]
    with pytest.raises(gipparse.ParseError, match="not valid JSON"):
        parse_json("{")


def test_text_fields_are_ignored_when_read_back() -> None:
    data = _minimal()
    table = next(b for s in data["sections"] for b in s["blocks"] if b["type"] == "table")
    cell = table["rows"][0]["cells"][0]
    cell["text"] = "anything"
    report = gipparse.from_dict(data)
    assert report.tables[0].rows[0].cells[0].text == "第二十条第（一）项"
