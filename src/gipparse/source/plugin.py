"""What every reader plugin for a structured format (HTML, DOCX, PDF...) does alike: which
sources it claims, which suffixes folders are searched for, and the render-only table
format of the tables it builds."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import ClassVar

from ..hookspecs import hookimpl
from ..tables.formats import RenderOnlyFormat, TableFormat
from ..tree.nodes import SourceDocument


class ReaderPlugin:
    """A reader plugin for one input format: subclass it, set :attr:`name` and
    :attr:`suffixes`, implement :meth:`read` (and :meth:`sniff` or :meth:`accepts`), and
    register an instance: a reader is published in the ``gipparse.readers`` entry-point
    group (``[project.entry-points."gipparse.readers"] html = "gipparse_html:plugin"``),
    whose plugins are loaded only when a source may be theirs (see ``docs/plugins.md``).

    It implements three hooks: ``gipparse_read_source`` reads what :meth:`accepts` and
    returns ``None`` for everything else; ``gipparse_source_suffixes`` names
    :attr:`suffixes`, so that folders are searched for them; and
    ``gipparse_register_table_formats`` registers :attr:`table_format`, a
    :class:`~gipparse.tables.formats.RenderOnlyFormat` named :attr:`name`, so that the
    tables the reader builds (``Table.format == name``) render.
    """

    #: The format's name: ``SourceDocument.format`` and the ``Table.format`` of its tables.
    name: ClassVar[str] = ""
    #: Lowercase file suffixes read as this format (``(".html", ".htm")``).
    suffixes: ClassVar[tuple[str, ...]] = ()
    #: The distribution that ships the reader (``"gipparse-html"``), for
    #: ``gipparse plugins``.
    distribution: ClassVar[str] = ""

    def missing(self) -> str | None:
        """What the reader needs and cannot find now, worded to follow "needs" (a program
        it runs: ``"LibreOffice (soffice), which was not found: install ..."``), or
        ``None`` when it can read its format. ``gipparse plugins`` lists the format as
        not read, with this. Keep it cheap: look for a program, never run it."""
        return None

    def __init__(self) -> None:
        if not self.name:
            raise TypeError(f"{type(self).__name__} must set ReaderPlugin.name")
        self.table_format: TableFormat = RenderOnlyFormat(self.name)

    def suffix_of(self, path: str | None) -> str:
        """The lowercase suffix of *path* (``""`` for none)."""
        last = _last_suffix
        if path is last[0]:  # every reader asks about the source in turn
            return last[1]
        suffix = os.path.splitext(path)[1].lower() if path else ""
        _remember_suffix(path, suffix)
        return suffix

    def sniff(self, data: bytes) -> bool:
        """Whether *data* is in this format whatever the file is called (by default, never:
        only the suffix tells)."""
        return False

    def accepts(self, path: str | None, data: bytes) -> bool:
        """Whether to read this source: by default, a file named with one of
        :attr:`suffixes`, or data :meth:`sniff` recognises. Raise a
        :class:`~gipparse.SourceError` for a source that is this format's but cannot be
        read (say why); return ``False`` to leave it to the next reader."""
        return self.suffix_of(path) in self.suffixes or self.sniff(data)

    def read(self, data: bytes, path: str | None) -> SourceDocument | None:
        """The document in *data* (build it with :class:`~gipparse.DocumentBuilder`)."""
        raise NotImplementedError

    @hookimpl
    def gipparse_read_source(self, path: str | None, data: bytes) -> SourceDocument | None:
        if not self.accepts(path, data):
            return None
        return self.read(data, path)

    @hookimpl
    def gipparse_source_suffixes(self) -> list[str]:
        return list(self.suffixes)

    @hookimpl
    def gipparse_register_table_formats(self, register: Callable[[TableFormat], None]) -> None:
        register(self.table_format)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


#: The path :meth:`ReaderPlugin.suffix_of` was last asked about, and its suffix.
_last_suffix: tuple[str | None, str] = (None, "")


def _remember_suffix(path: str | None, suffix: str) -> None:
    global _last_suffix  # noqa: PLW0603
    _last_suffix = (path, suffix)
