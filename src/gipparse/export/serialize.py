"""The report AST as plain dicts and JSON, and back.

:func:`to_dict` gives a tree of dicts, lists,
strings, integers, :class:`~decimal.Decimal` amounts, booleans and ``None``;
:func:`to_json` writes it (万元 amounts as exact JSON numbers, keys in a stable order);
:func:`from_dict` rebuilds the :class:`Report`. ``from_dict(to_dict(report)) == report``
for every report, spans included.

The JSON form, version 1
------------------------

A report::

    {
      "version": 1,                   # this layout; a reader refuses a newer one
      "path": "reports/a.txt" | null,
      "metadata": {"agency": str|null, "year": int|null, "template": "2020"|"2021"|null,
                   "script": "hans"|"hant", "period": "2020-01-01/2020-12-31"|null},
      "statistics": null | {
          "template": "2020",
          "values": {<schema key>: int | number (万元) | null, ...},   # template order
          "derived": [<schema key>, ...]                             # computed, not read
      },
      "valid": bool,                  # Report.valid; informative, ignored when read back
      "diagnostics": [{"severity": "error"|"warning"|"info", "code": str,
                       "message": str, "span": <span>|null}, ...],
      "sections": [<section>, ...],
      "source": str                   # only when asked for (to_dict(source=True))
    }

A section: ``{"kind": str, "span": <span>|null, "heading": null | {"raw": str, "text": str,
"kind": str, "span": <span>|null}, "blocks": [<block>, ...]}``.

A block is a paragraph ``{"type": "paragraph", "raw": str, "text": str, "span": <span>|null}``
or a table ``{"type": "table", "format": "tab"|"pipe"|..., "header_rows": int, "span":
<span>|null, "rows": [{"span": <span>|null, "cells": [{"raw": str, "text": str, "span":
<span>|null}, ...]}, ...]}``.

A span is ``[line, column, end_line, end_column]``: 1-based, ``end_line`` inclusive,
``end_column`` one past the last character.

``raw`` is the text as written; ``text`` is the normalised text (:attr:`Cell.text`), given
for readers in other languages and ignored when read back. ``Statistics.sources`` (which
cell each value came from) is not serialised. Keys are always present, in the order shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from ..errors import ParseError
from ..tree.nodes import (
    Block,
    Cell,
    Diagnostic,
    Heading,
    Metadata,
    Paragraph,
    Report,
    Row,
    Section,
    Severity,
    Span,
    Table,
)
from . import format_decimal  # what JSON and CSV write an amount as

#: The version of the JSON layout written by :func:`to_dict`.
FORMAT_VERSION = 1

JSONValue = Any


# -- AST → dict -------------------------------------------------------------------------


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span.line, span.column, span.end_line, span.end_column]


def _cell(cell: Cell) -> dict[str, JSONValue]:
    return {"raw": cell.raw, "text": cell.text, "span": _span(cell.span)}


def _row(row: Row) -> dict[str, JSONValue]:
    return {"span": _span(row.span), "cells": [_cell(c) for c in row.cells]}


def _block(block: Block) -> dict[str, JSONValue]:
    if isinstance(block, Paragraph):
        return {
            "type": "paragraph",
            "raw": block.raw,
            "text": block.text,
            "span": _span(block.span),
        }
    return {
        "type": "table",
        "format": block.format,
        "header_rows": block.header_rows,
        "span": _span(block.span),
        "rows": [_row(r) for r in block.rows],
    }


def _heading(heading: Heading | None) -> dict[str, JSONValue] | None:
    if heading is None:
        return None
    return {
        "raw": heading.raw,
        "text": heading.text,
        "kind": heading.kind,
        "span": _span(heading.span),
    }


def _section(section: Section) -> dict[str, JSONValue]:
    return {
        "kind": section.kind,
        "span": _span(section.span),
        "heading": _heading(section.heading),
        "blocks": [_block(b) for b in section.blocks],
    }


def metadata_to_dict(metadata: Metadata) -> dict[str, JSONValue]:
    return {
        "agency": metadata.agency,
        "year": metadata.year,
        "template": metadata.template,
        "script": metadata.script,
        "period": metadata.period,
    }


def diagnostic_to_dict(diagnostic: Diagnostic) -> dict[str, JSONValue]:
    return {
        "severity": diagnostic.severity.value,
        "code": diagnostic.code,
        "message": diagnostic.message,
        "span": _span(diagnostic.span),
    }


def to_dict(report: Report, *, source: bool = False) -> dict[str, JSONValue]:
    """The JSON form of *report* (see the module docstring); with *source*, its text too."""
    stats = report.statistics
    result: dict[str, JSONValue] = {
        "version": FORMAT_VERSION,
        "path": report.path,
        "metadata": metadata_to_dict(report.metadata),
        "statistics": None
        if stats is None
        else {
            "template": stats.template,
            "values": dict(stats.to_flat()),
            "derived": sorted(stats.derived),
        },
        "valid": report.valid,
        "diagnostics": [diagnostic_to_dict(d) for d in report.diagnostics],
        "sections": [_section(s) for s in report.sections],
    }
    if source:
        result["source"] = report.source
    return result


# -- dict → AST -------------------------------------------------------------------------


class _Reader:
    """Typed access to one JSON object, with errors naming where in the document they are."""

    __slots__ = ("data", "where")

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, Mapping):
            raise ParseError(f"{where or 'the document'}: expected an object, got {_kind(data)}")
        self.data = data
        self.where = where

    def _get(self, key: str) -> object:
        try:
            return self.data[key]
        except KeyError:
            raise ParseError(f"{self._at(key)}: missing") from None

    def _at(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def text(self, key: str) -> str:
        value = self._get(key)
        if not isinstance(value, str):
            raise ParseError(f"{self._at(key)}: expected a string, got {_kind(value)}")
        return value

    def opt_text(self, key: str) -> str | None:
        return None if self.data.get(key) is None else self.text(key)

    def integer(self, key: str) -> int:
        value = self._get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise ParseError(f"{self._at(key)}: expected an integer, got {_kind(value)}")
        return value

    def opt_integer(self, key: str) -> int | None:
        return None if self.data.get(key) is None else self.integer(key)

    def array(self, key: str) -> list[object]:
        value = self._get(key)
        if not isinstance(value, list | tuple):
            raise ParseError(f"{self._at(key)}: expected an array, got {_kind(value)}")
        return list(value)

    def objects(self, key: str) -> Iterable[_Reader]:
        for i, item in enumerate(self.array(key)):
            yield _Reader(item, f"{self._at(key)}[{i}]")

    def obj(self, key: str) -> _Reader:
        return _Reader(self._get(key), self._at(key))

    def span(self, key: str = "span") -> Span | None:
        value = self.data.get(key)
        if value is None:
            return None
        if (
            not isinstance(value, list | tuple)
            or len(value) != 4
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        ):
            raise ParseError(f"{self._at(key)}: expected [line, column, end_line, end_column]")
        return Span(*value)


def _kind(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _read_block(r: _Reader) -> Block:
    kind = r.text("type")
    if kind == "paragraph":
        return Paragraph(r.text("raw"), r.span())
    if kind == "table":
        rows = tuple(
            Row(tuple(Cell(c.text("raw"), c.span()) for c in row.objects("cells")), row.span())
            for row in r.objects("rows")
        )
        return Table(rows, r.text("format"), r.integer("header_rows"), r.span())
    raise ParseError(f"{r.where}.type: unknown block type {kind!r}")


def _read_section(r: _Reader) -> Section:
    heading = None
    if r.data.get("heading") is not None:
        h = r.obj("heading")
        heading = Heading(h.text("raw"), h.text("kind"), h.span())
    return Section(
        r.text("kind"), heading, tuple(_read_block(b) for b in r.objects("blocks")), r.span()
    )


def _read_severity(r: _Reader) -> Severity:
    value = r.text("severity")
    try:
        return Severity(value)
    except ValueError:
        raise ParseError(f"{r.where}.severity: unknown severity {value!r}") from None


def _isfinite(value: float) -> bool:
    # math is imported for a float only: a one-report export writes none.
    import math

    return math.isfinite(value)


def _read_value(key: str, value: object, where: str) -> int | Decimal | None:
    """A statistic as JSON gives it back: amounts (``*.amount``, in 万元) become Decimal."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ParseError(f"{where}: expected a number or null, got {_kind(value)}")
    if key.rsplit(".", 1)[-1] == "amount":
        if isinstance(value, float) and not _isfinite(value):
            raise ParseError(f"{where}: {value} is not an amount")
        # str() first: Decimal(0.1) would carry the binary float's error.
        return value if isinstance(value, Decimal) else Decimal(str(value))
    if isinstance(value, int):
        return value
    if value == int(value):
        return int(value)
    raise ParseError(f"{where}: expected a count, got {value}")


def _read_statistics(r: _Reader, plugins: Sequence[object]) -> Any:
    from ..manager import plugin_manager_for
    from ..templates.engine import find_template
    from ..templates.statistics import Statistics

    try:
        template = find_template(r.text("template"), plugin_manager_for(plugins).templates())
    except ValueError as exc:
        raise ParseError(f"{r.where}.template: {exc}") from None
    values_reader = r.obj("values")
    values = {
        str(k): _read_value(str(k), v, f"{values_reader.where}.{k}")
        for k, v in values_reader.data.items()
    }
    derived = frozenset(str(k) for k in r.array("derived"))
    try:
        return Statistics.from_flat(template, values, derived=derived)
    except ParseError:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        raise ParseError(f"{r.where}: {exc}") from None


def from_dict(data: Mapping[str, Any], *, plugins: Sequence[object] = ()) -> Report:
    """Rebuild a :class:`Report` from :func:`to_dict` output (or its JSON, read back).

    :param plugins: plugins that register the statistics' template, if it is not built in.

    Amounts may come back as ``float`` (``json.loads``) or ``Decimal``
    (``json.loads(text, parse_float=Decimal)``, exact); either becomes a ``Decimal``.

    :raises ParseError: *data* is not a report of a layout this version reads; the message
        says where (``sections[2].blocks[0].rows``).
    """
    r = _Reader(data, "")
    version = r.integer("version")
    if version > FORMAT_VERSION:
        raise ParseError(
            f"this report was written in layout version {version}; this gipparse reads "
            f"up to {FORMAT_VERSION} (upgrade gipparse)"
        )
    if version < 1:
        raise ParseError(f"version: {version} is not a layout version")
    m = r.obj("metadata")
    metadata = Metadata(
        agency=m.opt_text("agency"),
        year=m.opt_integer("year"),
        template=m.opt_text("template"),
        script=m.text("script"),
        period=m.opt_text("period"),
    )
    statistics = (
        None if data.get("statistics") is None else _read_statistics(r.obj("statistics"), plugins)
    )
    diagnostics = tuple(
        Diagnostic(_read_severity(d), d.text("code"), d.text("message"), d.span())
        for d in r.objects("diagnostics")
    )
    return Report(
        sections=tuple(_read_section(s) for s in r.objects("sections")),
        metadata=metadata,
        statistics=statistics,
        diagnostics=diagnostics,
        source=r.opt_text("source") or "",
        path=r.opt_text("path"),
    )


# -- JSON text -------------------------------------------------------------------------


def _encoder() -> Callable[[str], str]:
    from json.encoder import encode_basestring  # the C version when available

    return encode_basestring


def to_json(obj: Report | Mapping[str, Any] | Sequence[Any], *, indent: int | None = None) -> str:
    """JSON text of a report (its :meth:`~Report.to_dict`), a record, or any plain data.

    Unlike :func:`json.dumps`, 万元 amounts (:class:`~decimal.Decimal`) are written as exact
    JSON numbers. Non-ASCII text is written as is. With *indent*, one item per line.
    """
    if isinstance(obj, Report):
        obj = to_dict(obj)
    out: list[str] = []
    _write(obj, out, _encoder(), indent, 0)
    return "".join(out)


def _write(
    obj: object, out: list[str], enc: Callable[[str], str], indent: int | None, level: int
) -> None:
    if obj is None:
        out.append("null")
    elif obj is True:
        out.append("true")
    elif obj is False:
        out.append("false")
    elif isinstance(obj, str):
        out.append(enc(obj))
    elif isinstance(obj, int):
        out.append(int.__repr__(obj))
    elif isinstance(obj, Decimal):
        out.append(format_decimal(obj))
    elif isinstance(obj, float):
        if not _isfinite(obj):
            raise ValueError(f"{obj} cannot be written as JSON")
        out.append(float.__repr__(obj))
    elif isinstance(obj, Mapping):
        if not obj:
            out.append("{}")
            return
        sep, inner, close = _layout(indent, level)
        out.append("{" + inner)
        first = True
        for key, value in obj.items():
            if not isinstance(key, str):
                raise TypeError(f"JSON object keys must be strings, not {type(key).__name__}")
            if not first:
                out.append(sep)
            first = False
            out.append(enc(key))
            out.append(": " if indent is not None else ":")
            _write(value, out, enc, indent, level + 1)
        out.append(close + "}")
    elif isinstance(obj, list | tuple):
        if not obj:
            out.append("[]")
            return
        if indent is not None and not any(isinstance(v, Mapping | list | tuple) for v in obj):
            # Arrays of scalars (spans, key lists) stay on one line.
            out.append("[")
            for i, value in enumerate(obj):
                if i:
                    out.append(", ")
                _write(value, out, enc, None, 0)
            out.append("]")
            return
        sep, inner, close = _layout(indent, level)
        out.append("[" + inner)
        for i, value in enumerate(obj):
            if i:
                out.append(sep)
            _write(value, out, enc, indent, level + 1)
        out.append(close + "]")
    else:
        raise TypeError(f"{type(obj).__name__} cannot be written as JSON")


def _layout(indent: int | None, level: int) -> tuple[str, str, str]:
    """(separator between items, text after the opening bracket, text before the closing one)."""
    if indent is None:
        return ",", "", ""
    inner = "\n" + " " * (indent * (level + 1))
    return "," + inner, inner, "\n" + " " * (indent * level)


def parse_json(text: str | bytes) -> Any:
    """Read JSON written by :func:`to_json`, numbers with a fraction as exact Decimals."""
    import json

    try:
        return json.loads(text, parse_float=Decimal)
    except (ValueError, InvalidOperation) as exc:
        raise ParseError(f"not valid JSON: {exc}") from None
