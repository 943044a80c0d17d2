"""Splitting a report's lines into blocks: tables (found by the registered formats) and
paragraphs (every other non-blank line)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ..errors import GipparseError, PluginError
from ..tree.nodes import (
    Block,
    Diagnostic,
    Paragraph,
    Table,
    new_node,
    new_span,
    set_paragraph_raw,
    set_paragraph_span,
)
from .formats import TableFormat, TableParse, plain_list


@lru_cache(maxsize=1)
def _built_in_starts() -> frozenset[object]:
    """The built-in ``could_start`` methods, which say yes only to a line starting with a
    TAB (tab) or holding a pipe (pipe). Imported on first use: the table plugins are not
    imported with gipparse."""
    from .pipe import PipeTableFormat
    from .tab import TabTableFormat

    return frozenset((TabTableFormat.could_start, PipeTableFormat.could_start))


def split_blocks(
    lines: Sequence[str], formats: Sequence[TableFormat], diagnostics: list[Diagnostic]
) -> list[Block]:
    """Every non-blank line ends up in exactly one block."""
    # When every format tries only lines that start with a TAB or hold a pipe (the
    # built-in ones' ``could_start``, not overridden), any other line is told a paragraph
    # or blank at once. (One loop: generator expressions cost more than the test.)
    built_in = _built_in_starts()
    parsers = []
    quick = True
    for fmt in formats:
        if fmt.parses:
            could_start = fmt.could_start
            parsers.append((fmt, could_start))
            if getattr(could_start, "__func__", None) not in built_in:
                quick = False
    blocks: list[Block] = []
    append = blocks.append
    # The formats are given *lines* as they are (Lines keep their text for the tab
    # format); this loop reads a plain list, which the interpreter indexes fastest.
    at = plain_list(lines)
    i, n = 0, len(at)
    while i < n:
        line = at[i]
        if not line:
            i += 1
            continue
        if quick and line[0] != "\t" and "|" not in line:
            if not line.isspace():
                paragraph = new_node(Paragraph)
                set_paragraph_raw(paragraph, line)
                set_paragraph_span(paragraph, new_span((i + 1, 1, i + 1, len(line) + 1)))
                append(paragraph)
            i += 1
            continue
        blank = line.isspace()
        if blank and line[0] != "\t":
            i += 1
            continue
        for fmt, could_start in parsers:
            try:
                start = bool(could_start(line))
            except GipparseError:
                raise
            except Exception as exc:
                raise _failed(fmt, i, exc) from exc
            if start:
                found = _parse(fmt, lines, i)
                if found is not None:
                    append(found.table)
                    diagnostics.extend(found.diagnostics)
                    i = found.end
                    break
        else:
            if not blank:  # a TAB-only line no table claimed is blank
                # Paragraph(line, Span(...)), built the fast way (see Cell in _nodes).
                paragraph = new_node(Paragraph)
                set_paragraph_raw(paragraph, line)
                set_paragraph_span(paragraph, new_span((i + 1, 1, i + 1, len(line) + 1)))
                append(paragraph)
            i += 1
    return blocks


def _parse(fmt: TableFormat, lines: Sequence[str], i: int) -> TableParse | None:
    try:
        found = fmt.parse(lines, i)
    except GipparseError:
        raise
    except Exception as exc:
        raise _failed(fmt, i, exc) from exc
    if found is None:
        return None
    if not isinstance(found, TableParse) or not isinstance(found.table, Table):
        raise PluginError(
            f"table format {fmt.name!r} returned {found!r} at line {i + 1}, not a TableParse "
            "holding a Table",
            plugin=type(fmt).__module__,
        )
    if not isinstance(found.end, int) or found.end <= i:
        raise PluginError(
            f"table format {fmt.name!r} claimed a table at line {i + 1} but consumed no line",
            plugin=type(fmt).__module__,
        )
    return found


def _failed(fmt: TableFormat, i: int, exc: Exception) -> PluginError:
    return PluginError(
        f"table format {fmt.name!r} failed at line {i + 1}: {type(exc).__name__}: {exc}",
        plugin=type(fmt).__module__,
    )
