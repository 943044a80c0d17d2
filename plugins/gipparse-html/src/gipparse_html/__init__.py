"""gipparse-html: read 政府信息公开工作年度报告 published as web pages.

A gipparse plugin, registered through the ``gipparse`` entry-point group: once installed,
``gipparse.load("report.html")`` reads the page. It implements three hooks:

* ``gipparse_read_source`` reads ``.html``/``.htm``/``.shtml``/``.xhtml`` files and any
  source whose first bytes are HTML, and returns ``None`` for everything else;
* ``gipparse_source_suffixes`` names those suffixes, so that folders are searched for them;
* ``gipparse_register_table_formats`` registers the ``html`` table format, so that tables
  read from pages (``Table.format == "html"``) render: as the tab layout they have in
  ``report.source``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence

from gipparse import DocumentBuilder, SourceDocument, Table, TableFormat, TableParse, hookimpl

__version__ = "0.1.0"

#: File suffixes read as web pages.
SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")

# A tag that only markup has, near the start: how a page is told from a text report.
_MARKUP_RE = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|table|div|p|h[1-6]|br|span)[\s/>]", re.I
)
_SNIFF_BYTES = 4096


def looks_like_html(data: bytes) -> bool:
    """Whether *data* starts like a web page: its first character is ``<`` and a tag only
    markup has follows soon."""
    head = data[:_SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
        head = head[2:].decode(codec, errors="ignore").encode("utf-8", errors="ignore")
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"<") and _MARKUP_RE.search(head) is not None


@hookimpl
def gipparse_read_source(path: str | None, data: bytes) -> SourceDocument | None:
    """Read a web page; ``None`` for a source that is not one.

    A file named like a page but holding no markup (plain text, a PDF saved as ``.html``)
    is left to the next reader, which says what it is.
    """
    suffix = os.path.splitext(path)[1].lower() if path else ""
    if suffix in SUFFIXES:
        if _MARKUP_RE.search(data[: 64 * 1024]) is None and not looks_like_html(data):
            return None
    elif not looks_like_html(data):
        return None
    from ._extract import read_html  # imported on first use: import time matters

    return read_html(data, path)


@hookimpl
def gipparse_source_suffixes() -> list[str]:
    return list(SUFFIXES)


class HtmlTableFormat(TableFormat):
    """Tables read from web pages. They are found by the reader, never in text
    (``parses = False``), and render as the tab layout they have in ``report.source``."""

    name = "html"
    parses = False

    def could_start(self, line: str) -> bool:
        return False

    def parse(self, lines: Sequence[str], start: int) -> TableParse | None:
        return None

    def render(self, table: Table) -> str:
        builder = DocumentBuilder(self.name)
        builder.table([cell.raw for cell in row.cells] for row in table.rows)
        return builder.build().text


HTML_TABLE = HtmlTableFormat()


@hookimpl
def gipparse_register_table_formats(register: Callable[[TableFormat], None]) -> None:
    register(HTML_TABLE)
