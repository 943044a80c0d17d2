"""Building the :class:`~gipparse.SourceDocument` of a structured source (HTML, DOCX...).

A reader of a structured format knows its paragraphs and tables already; what it needs is
a text for the report to point into. :class:`DocumentBuilder` lays the blocks out one
after another, a line per paragraph and each table in the tab layout (a cell per line
after a TAB, a blank line between rows: the shape Word tables take when a report is
exported to text), and gives every node its span in that text. No blank line stands
outside a table, so every line of the text belongs to a block; and no paragraph or
continuation line starts with a TAB, which would start a cell.
"""

from __future__ import annotations

from collections.abc import Iterable

from .nodes import Block, Cell, Diagnostic, Paragraph, Row, Severity, SourceDocument, Span, Table


def _lines(text: str) -> list[str]:
    """The lines of *text* (LF, CRLF and CR end a line)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def _untab(line: str) -> str:
    """*line* with the TABs it starts with turned into spaces: in the tab layout a line
    starting with a TAB is a cell."""
    if line[:1] != "\t":
        return line
    body = line.lstrip("\t")
    return " " * (len(line) - len(body)) + body


class DocumentBuilder:
    """Collects the blocks of a structured source in reading order and builds its
    :class:`~gipparse.SourceDocument`.

    >>> builder = DocumentBuilder("html", encoding="utf-8")
    >>> builder.paragraph("一、总体情况")[0].span
    Span(line=1, column=1, end_line=1, end_column=7)
    >>> table = builder.table([["信息内容", "本年新\\n制作数量"], ["规章", "0"]])
    >>> table.texts
    (('信息内容', '本年新制作数量'), ('规章', '0'))
    >>> builder.build().text.split("\\n")
    ['一、总体情况', '\\t信息内容', '\\t本年新', '制作数量', '', '\\t规章', '\\t0']

    :param format: the source format (``html``, ``docx``...): ``SourceDocument.format``,
        and the ``Table.format`` of the tables built.
    :param encoding: the encoding the source was decoded with, if it is text.
    """

    def __init__(self, format: str, *, encoding: str | None = None) -> None:
        self.format = format
        self.encoding = encoding
        self._lines: list[str] = []
        self._blocks: list[Block] = []
        self._diagnostics: list[Diagnostic] = []

    @property
    def blocks(self) -> tuple[Block, ...]:
        """The blocks added so far."""
        return tuple(self._blocks)

    def paragraph(self, text: str) -> tuple[Paragraph, ...]:
        """Add *text* as paragraphs, one per line; blank lines are skipped. TABs at the
        start of a line become spaces, others are kept. Returns the paragraphs added
        (none for blank text)."""
        added = []
        for written in _lines(text):
            if not written or written.isspace():
                continue
            line = _untab(written)
            paragraph = Paragraph(line, Span.of_line(len(self._lines), line))
            self._lines.append(line)
            self._blocks.append(paragraph)
            added.append(paragraph)
        return tuple(added)

    def table(self, rows: Iterable[Iterable[str]]) -> Table | None:
        """Add a table given as rows of cell texts, merged ranges already expanded the way
        the tab format writes them: a cell covered by a merge from the row above is an
        empty string at the merge's first column, a merge across columns is written once.

        Line breaks inside a cell are kept (``\\n``); TABs at the start of a cell's second
        and later lines become spaces. Rows without cells are dropped. Returns the table
        added, or ``None`` if it has no cell.
        """
        start = len(self._lines)
        built: list[Row] = []
        for row in rows:
            cells: list[Cell] = []
            for raw in row:
                first, *rest = _lines(raw)
                rest = [_untab(line) for line in rest]
                text = "\n".join((first, *rest))
                if built and not cells:
                    self._lines.append("")  # a blank line ends the row above
                index = len(self._lines)
                self._lines.append("\t" + first)
                self._lines.extend(rest)
                end_column = (1 + len(rest[-1])) if rest else 2 + len(first)
                cells.append(Cell(text, Span(index + 1, 2, len(self._lines), end_column)))
            if cells:
                first_span, last_span = cells[0].span, cells[-1].span
                assert first_span is not None
                assert last_span is not None
                built.append(
                    Row(
                        tuple(cells),
                        Span(first_span.line, 1, last_span.end_line, last_span.end_column),
                    )
                )
        if not built:
            return None
        last = built[-1].span
        assert last is not None
        table = Table(
            tuple(built), self.format, 0, Span(start + 1, 1, last.end_line, last.end_column)
        )
        self._blocks.append(table)
        return table

    def diagnose(
        self,
        severity: Severity,
        code: str,
        message: str,
        node: Block | Cell | Row | None = None,
    ) -> Diagnostic:
        """Record a diagnostic about the source, placed at *node* when given."""
        diagnostic = Diagnostic(severity, code, message, node.span if node is not None else None)
        self._diagnostics.append(diagnostic)
        return diagnostic

    def build(self) -> SourceDocument:
        """The document: the laid-out text, the blocks and the diagnostics."""
        return SourceDocument(
            text="\n".join(self._lines),
            encoding=self.encoding,
            format=self.format,
            blocks=tuple(self._blocks),
            diagnostics=tuple(self._diagnostics),
        )
