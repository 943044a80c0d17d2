"""The table-format protocol that table plugins implement and register."""

from __future__ import annotations

from collections.abc import Sequence

from ..classes import frozen
from ..tree.nodes import Diagnostic, Table


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
