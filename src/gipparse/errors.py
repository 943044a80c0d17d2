"""The one error tree of gipparse.

Every exception that leaves a public call is a :class:`GipparseError`. Damage that
still lets a report be read is never an exception: it is a
:class:`~gipparse.Diagnostic` on the report.
"""

from __future__ import annotations


class GipparseError(Exception):
    """Root of every error gipparse raises."""


class SourceError(GipparseError):
    """A source cannot be read or decoded as a report (binary, foreign encoding, too large).

    ``path`` is the file it came from, when there was one.
    """

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.reason = message


class InputTooLargeError(SourceError):
    """The source is larger than the configured maximum input size."""


class ParseError(GipparseError, ValueError):
    """Parsing failed under ``strict=True``, or a format was asked to parse what it cannot.

    ``line`` and ``column`` are 1-based, as in every message gipparse prints.
    """

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None) -> None:
        where = ""
        if line is not None:
            where = f" (at line {line}" + (f", column {column}" if column is not None else "") + ")"
        super().__init__(message + where)
        self.line = line
        self.column = column


class PluginError(GipparseError):
    """A plugin could not be loaded or registered, or implements a hook that does not exist.

    ``plugin`` names the plugin at fault.
    """

    def __init__(self, message: str, *, plugin: str | None = None) -> None:
        super().__init__(f"plugin {plugin!r}: {message}" if plugin else message)
        self.plugin = plugin


class RenderError(GipparseError, ValueError):
    """A node cannot be rendered in the requested format."""


def culprit_of(exc: BaseException) -> str | None:
    """The module in which *exc* was raised, as far as the traceback tells."""
    tb = exc.__traceback__
    name = None
    while tb is not None:
        mod = tb.tb_frame.f_globals.get("__name__")
        if isinstance(mod, str) and not mod.startswith("pluggy"):
            name = mod
        tb = tb.tb_next
    return name
