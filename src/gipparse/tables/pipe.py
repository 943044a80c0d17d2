"""Pipe tables: ``a | b | c |`` rows, as web pages and Markdown exports write them.

* rows with or without outer pipes (a table starts at a row that has an outer pipe or is
  followed by a Markdown separator row; once started, any line with an unescaped ``|``
  continues it);
* ``\\|`` is a pipe inside a cell, and a backslash before any ASCII punctuation escapes it
  (``\\\\`` is a backslash); ``<br>`` is a line break inside a cell;
* one space of padding on each side of a cell is syntax and is removed; any further
  whitespace belongs to the cell;
* a Markdown separator row (``| --- | :-: |``) marks the rows above it as header rows;
* rows may differ in length (exporters drop merged cells); a table ends at the first line
  that is not a pipe row, so pipe rows interleaved with other lines form several tables.

The renderer always writes outer pipes and escapes whatever would otherwise be read as
syntax, so every table made of non-empty rows round-trips. Two formats are registered:
``pipe`` (rows only, as in the seeds) and ``markdown`` (a separator after the header row;
render only, the pipe parser reads it back).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..hookspecs import hookimpl
from .formats import TableFormat, TableParse

if TYPE_CHECKING:
    from ..tree.nodes import Table

NAME = "pipe"


# What reads and writes the syntax (:mod:`.pipe_syntax`) is imported by the first table read
# or written and kept here: an import statement in the method would cost more than a
# table's first row (9 K instructions, mostly finding the module in ``sys.modules``).
def _import_parse(lines: Sequence[str], start: int, name: str) -> TableParse | None:
    global _parse  # noqa: PLW0603
    from .pipe_syntax import parse

    _parse = parse
    return parse(lines, start, name)


def _import_render(table: Table, pad: bool, separator_after: int) -> str:
    global _render  # noqa: PLW0603
    from .pipe_syntax import render

    _render = render
    return render(table, pad, separator_after)


_parse: Callable[[Sequence[str], int, str], TableParse | None] = _import_parse
_render: Callable[[Table, bool, int], str] = _import_render


class PipeTableFormat(TableFormat):
    """The pipe table syntax (see the module docstring). Reading and writing it is in
    :mod:`.pipe_syntax`, imported by the first table read or written: this module is a
    plugin every plugin manager registers, and a report without a pipe in it reads no
    pipe table."""

    name = NAME

    def could_start(self, line: str) -> bool:
        return "|" in line

    def parse(self, lines: Sequence[str], start: int) -> TableParse | None:
        return _parse(lines, start, NAME)

    #: Pad every row with empty cells to the widest row's length (Markdown needs it).
    pad = False

    def render(self, table: Table) -> str:
        return _render(table, self.pad, self._separator_after(table))

    def _separator_after(self, table: Table) -> int:
        return table.header_rows


class MarkdownTableFormat(PipeTableFormat):
    """Pipe rows with a separator under the header row: GitHub-flavoured Markdown.

    Every row is padded with empty cells to the widest row's length: GFM reads a table only
    where the header row has as many cells as the separator row, and drops cells beyond it.
    Render only; the pipe parser reads the result back (``header_rows`` == 1).
    """

    name = "markdown"
    parses = False
    pad = True

    def could_start(self, line: str) -> bool:
        return False

    def _separator_after(self, table: Table) -> int:
        return table.header_rows or 1


PIPE = PipeTableFormat()
MARKDOWN = MarkdownTableFormat()


@hookimpl
def gipparse_register_table_formats(register: Callable[[TableFormat], None]) -> None:
    register(PIPE)
    register(MARKDOWN)
