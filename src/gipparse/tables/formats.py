"""The table-format protocol that table plugins implement and register."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from ..classes import frozen
from ..tree.nodes import Diagnostic, Table
from ..tree.text import with_lf


@frozen
class TableParse:
    """A table found in a run of lines.

    ``end`` is the 0-based index one past the last line the table owns (trailing blank
    lines it consumed included); ``diagnostics`` report damage the format repaired or
    noticed, with line positions.
    """

    table: Table
    end: int
    diagnostics: tuple[Diagnostic, ...] = ()


class TableFormat:
    """A textual table syntax: how to find, parse and render it.

    Subclass it, set :attr:`name`, implement the three methods, and register an instance
    from the ``gipparse_register_table_formats`` hook. Formats are tried at every line
    that does not belong to an earlier block, most recently registered first, so a
    third-party format can claim lines before the built-in ones do.
    """

    #: Short lowercase name: ``Table.format`` of the tables it parses, and the name
    #: ``gipparse render --to`` accepts.
    name: str = ""
    #: False for formats that only render (Markdown, a variant of the pipe syntax).
    parses: bool = True

    def could_start(self, line: str) -> bool:
        """Cheap test: may a table of this format start at *line*? Called on every line
        not yet claimed, so keep it to a character test."""
        raise NotImplementedError

    def parse(self, lines: Sequence[str], start: int) -> TableParse | None:
        """Parse the table starting at ``lines[start]``, or return ``None`` if none does.

        *lines* are the report's lines without line ends. Positions in the returned nodes
        are 1-based (``index + 1``).
        """
        raise NotImplementedError

    def render(self, table: Table) -> str:
        """Render *table* as text in this format, without a trailing newline.

        Raises :class:`~gipparse.RenderError` if the table cannot be written in it.
        """
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


class RenderOnlyFormat(TableFormat):
    """The table format of a structured reader (HTML, DOCX, PDF...): its tables are built
    by the reader, never found in text (``parses = False``), and render as the tab layout
    they have in ``report.source``. :class:`~gipparse.plugin.ReaderPlugin` registers one
    named after its reader."""

    parses = False

    def __init__(self, name: str) -> None:
        self.name = name

    def could_start(self, line: str) -> bool:
        return False

    def parse(self, lines: Sequence[str], start: int) -> TableParse | None:
        return None

    def render(self, table: Table) -> str:
        from ..tree.builder import DocumentBuilder

        builder = DocumentBuilder(self.name)
        builder.table([cell.raw for cell in row.cells] for row in table.rows)
        return builder.build().text


def _dropping_text(name: str) -> Any:
    """The list method *name*, which also forgets the text the lines were split from."""
    method = getattr(list, name)

    def changed(self: Lines, *args: Any, **kwargs: Any) -> Any:
        self.text = None
        return method(self, *args, **kwargs)

    changed.__name__ = name
    return changed


def plain_list(lines: Sequence[str]) -> list[str]:
    """*lines* as a ``list`` (itself when it is one): what the interpreter indexes fastest,
    for a loop over every line."""
    if lines.__class__ is list:
        return cast(list[str], lines)
    return lines[:] if isinstance(lines, list) else list(lines)


class Lines(list[str]):
    """A report's lines (its text split at ``"\\n"``), a list as any other, that keeps the
    text it was split from while it is not changed: the built-in formats match their
    plain rows in the text where they stand, rather than in lines joined again (about a
    tenth of the cost of reading a report). Any change to the list drops the text."""

    __slots__ = ("_line", "_offset", "text")

    text: str | None

    def __init__(self, text: str) -> None:
        text = with_lf(text)  # CRLF and CR end lines too (as split_lines reads them)
        super().__init__(text.split("\n"))
        self.text = text
        self._line = self._offset = 0

    def offset(self, i: int) -> int:
        """Where line *i* starts in :attr:`text` (the lines are asked about in order, so
        each is measured from the last one asked about or :meth:`marked <mark>`)."""
        line, offset = self._line, self._offset
        if i < line:
            line = offset = 0
        offset += sum(map(len, self[line:i])) + i - line
        self._line, self._offset = i, offset
        return offset

    def mark(self, i: int, offset: int) -> None:
        """Line *i* starts at *offset* of :attr:`text` (a reader that found it says so)."""
        self._line, self._offset = i, offset

    __setitem__ = _dropping_text("__setitem__")
    __delitem__ = _dropping_text("__delitem__")
    __iadd__ = _dropping_text("__iadd__")
    __imul__ = _dropping_text("__imul__")
    append = _dropping_text("append")
    extend = _dropping_text("extend")
    insert = _dropping_text("insert")
    pop = _dropping_text("pop")
    remove = _dropping_text("remove")
    clear = _dropping_text("clear")
    sort = _dropping_text("sort")
    reverse = _dropping_text("reverse")
