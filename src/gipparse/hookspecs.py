"""Every hook of gipparse, grouped by pipeline stage.

A plugin is any module or object with functions named after these hooks and marked
with :data:`hookimpl`. An implementation may accept fewer arguments than the
specification names; hooks only ever grow by adding arguments.

The pipeline, in order: read a source into text (``gipparse_read_source``), find and
parse tables in the text (formats from ``gipparse_register_table_formats``), detect the
script and fold labels to Simplified (``gipparse_detect_script``,
``gipparse_simplify``), recognise the statutory template and read its statistics
(templates from ``gipparse_register_templates``), then validate
(``gipparse_validate``). Rendering uses the registered table formats again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .tables.formats import TableFormat
    from .templates.engine import Template
    from .tree.nodes import Diagnostic, Report, SourceDocument

PROJECT_NAME = "gipparse"

#: Marks a hook specification (used by this module only).
hookspec = pluggy.HookspecMarker(PROJECT_NAME)
#: Marks a hook implementation in a plugin: ``@gipparse.hookimpl``.
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


# ---------------------------------------------------------------------------
# Reading: bytes from a file or a caller into the report's text
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def gipparse_read_source(path: str | None, data: bytes) -> SourceDocument | None:
    """Read the bytes of a source into a :class:`~gipparse.SourceDocument`.

    Return ``None`` when the source is not yours (look at the suffix of *path* or at the
    first bytes of *data*). Structured formats (HTML, DOCX) return the text they extracted
    together with the blocks they built, spans pointing into that text. Raise
    :class:`~gipparse.SourceError` for a source that is yours but broken.

    The built-in text reader runs last and handles UTF-8 (with or without BOM), UTF-16 with
    BOM and GB18030/GBK, and refuses binary input with a message saying what it looks like.

    :param path: the file name, or ``None`` for data handed over directly.
    :param data: the whole source.
    :returns: the document, or ``None`` to let the next reader try.

    Stops at first non-None result.

    .. versionadded:: 0.1
    """


@hookspec
def gipparse_source_suffixes() -> Iterable[str] | None:
    """Name the file suffixes your reader handles (``[".html", ".htm"]``).

    ``gipparse export`` walks folders for these suffixes besides ``.txt``; the text reader
    uses them to point a user at your plugin when it refuses such a file.

    :returns: lowercase suffixes with the dot.

    .. versionadded:: 0.1
    """


# ---------------------------------------------------------------------------
# Tables: finding, parsing and rendering table syntaxes
# ---------------------------------------------------------------------------


@hookspec
def gipparse_register_table_formats(register: Callable[[TableFormat], None]) -> None:
    """Register table formats by calling ``register(format)`` for each.

    A format is a :class:`~gipparse.TableFormat` instance: it says cheaply whether a table
    may start at a line, parses the table there, and renders a table back to text.
    Formats registered by later plugins are tried first.

    :param register: call it with each format instance.

    .. versionadded:: 0.1
    """


# ---------------------------------------------------------------------------
# Text: script detection and folding to Simplified
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def gipparse_detect_script(text: str) -> str | None:
    """Tell the script of a whole report: ``"hans"`` or ``"hant"`` (or another code your
    plugin then also simplifies).

    Must be cheap: it runs on every report. Sample characters; never convert the text.

    :param text: the report's text.
    :returns: a script code, or ``None`` if you cannot tell.

    Stops at first non-None result.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def gipparse_simplify(text: str, script: str, exact: bool) -> str | None:
    """Convert *text* written in *script* to Simplified Chinese.

    With ``exact=False`` the result is only used for matching labels, headings and
    metadata: a fast character-level mapping is right. With ``exact=True`` a reader asked
    for the Simplified text of prose: use a full phrase-level conversion.

    :param text: text in *script*, usually one label or one paragraph.
    :param script: the code :func:`gipparse_detect_script` returned.
    :param exact: whether a faithful conversion is wanted.
    :returns: the Simplified text, or ``None`` if *script* is not yours.

    Stops at first non-None result.

    .. versionadded:: 0.1
    """


# ---------------------------------------------------------------------------
# Templates: recognising a statutory template and reading its statistics
# ---------------------------------------------------------------------------


@hookspec
def gipparse_register_templates(register: Callable[[Template], None]) -> None:
    """Register statutory templates by calling ``register(template)`` for each.

    A template is a :class:`~gipparse.Template`: declarative rows, columns, labels, keys
    and relations. The best-scoring template recognises a report from its tables'
    signature and reads its statistics; subclass ``Template`` to change how.

    :param register: call it with each template.

    .. versionadded:: 0.1
    """


# ---------------------------------------------------------------------------
# Validation: checks beyond the template's own relations
# ---------------------------------------------------------------------------


@hookspec
def gipparse_validate(report: Report) -> Iterable[Diagnostic] | None:
    """Check a parsed report and return diagnostics for what is wrong with it.

    The template's own relations are already checked when this runs; use this hook for
    further checks (narrative numbers against the tables, house rules). A diagnostic whose
    code starts with ``relation.`` makes ``report.valid`` false.

    :param report: the report, statistics and metadata filled in.
    :returns: diagnostics (an empty iterable or ``None`` when all is well).

    .. versionadded:: 0.1
    """
