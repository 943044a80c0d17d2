"""gipparse-html: read 政府信息公开工作年度报告 published as web pages.

A gipparse reader, registered through the ``gipparse.readers`` entry-point group (loaded
when gipparse first meets a source that is not a text report): once installed,
``gipparse.load("report.html")`` reads the page. :data:`plugin` is a
:class:`gipparse.plugin.ReaderPlugin`, which implements three hooks:

* ``gipparse_read_source`` reads ``.html``/``.htm``/``.shtml``/``.xhtml`` files and any
  source whose first bytes are HTML, and returns ``None`` for everything else;
* ``gipparse_source_suffixes`` names those suffixes, so that folders are searched for them;
* ``gipparse_register_table_formats`` registers the ``html`` table format, so that tables
  read from pages (``Table.format == "html"``) render: as the tab layout they have in
  ``report.source``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from gipparse import InputTooLargeError
from gipparse.plugin import ReaderPlugin, SourceDocument

__version__ = "0.1.0"

#: File suffixes read as web pages.
SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")

_SNIFF_BYTES = 4096


# The patterns are compiled when first needed (a source starting with "<", a page read),
# not when the plugin is loaded: compiling them costs more than loading it, and most
# processes that load it read text reports only.
@lru_cache(maxsize=1)
def _markup_re() -> re.Pattern[bytes]:
    """A tag that only markup has, near the start: how a page is told from a text report."""
    return re.compile(
        rb"<(?:!doctype\s+html|html|head|body|meta|title|table|div|p|h[1-6]|br|span)[\s/>]",
        re.I,
    )


@lru_cache(maxsize=1)
def _tag_start_re() -> re.Pattern[bytes]:
    """What starts a tag (or a comment, a declaration, an end tag): each may become an
    element, a line or a cell of the report, whatever its length."""
    return re.compile(rb"<[A-Za-z/!?]")


#: Bytes of memory per byte of the page, at most (the page decoded, its text, the
#: strings of the report).
PER_BYTE = 24
#: Bytes of memory per tag, at most: an element of the page's tree, and the paragraph,
#: line, row or cell of the report it may become.
PER_TAG = 1000


def memory_bound(data: bytes) -> int:
    """An upper bound of the memory reading the page *data* takes, in bytes (measured by
    ``fuzz/memory.py`` on hostile shapes: 2 MB of ``<td>`` would take about 750 MB)."""
    return PER_BYTE * len(data) + PER_TAG * len(_tag_start_re().findall(data))


def looks_like_html(data: bytes) -> bool:
    """Whether *data* starts like a web page: its first character is ``<`` and a tag only
    markup has follows soon."""
    head = data[:_SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
        head = head[2:].decode(codec, errors="ignore").encode("utf-8", errors="ignore")
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"<") and _markup_re().search(head) is not None


def check_memory(data: bytes, path: str | None) -> None:
    """:raises InputTooLargeError: reading *data* may take more memory than the budget
    (:func:`gipparse.memory_budget`)."""
    from gipparse import memory_budget

    budget = memory_budget()
    bound = memory_bound(data)
    if budget and bound > budget:
        raise InputTooLargeError(
            f"reading this page may take up to {bound / 2**20:,.0f} MiB of memory (it holds "
            f"that many tags), over the budget of {budget / 2**20:,.0f} MiB (raise it with "
            "GIPPARSE_MAX_MEMORY)",
            path=path,
        )


class HtmlReader(ReaderPlugin):
    """Web pages: files named like one, and any source whose first bytes are markup."""

    name = "html"
    suffixes = SUFFIXES
    distribution = "gipparse-html"

    def sniff(self, data: bytes) -> bool:
        return looks_like_html(data)

    def accepts(self, path: str | None, data: bytes) -> bool:
        # A file named like a page but holding no markup (plain text, a PDF saved as
        # ``.html``) is left to the next reader, which says what it is.
        if self.suffix_of(path) in SUFFIXES:
            return _markup_re().search(data[: 64 * 1024]) is not None or looks_like_html(data)
        return looks_like_html(data)

    def read(self, data: bytes, path: str | None) -> SourceDocument:
        check_memory(data, path)  # a page of nothing but tags becomes a huge tree
        from ._extract import read_html  # imported on first use: import time matters

        return read_html(data, path)


#: The plugin the ``gipparse.readers`` entry point names.
plugin = HtmlReader()
