"""``load`` and ``loads``: source → text → blocks → sections → template → validation."""

from __future__ import annotations

import os
from bisect import insort
from collections.abc import Callable, Sequence
from operator import attrgetter
from time import perf_counter
from typing import TYPE_CHECKING, Any

import attrs

from . import caches
from .errors import ParseError, SourceError
from .manager import PluginManager, plugin_manager_for
from .tree.nodes import (
    Diagnostic,
    Metadata,
    Paragraph,
    Report,
    Section,
    Severity,
    SourceDocument,
    give_simplifier,
    new_report,
)

if TYPE_CHECKING:
    from .source.decode import check_size, check_text, max_input_size, read_file, split_lines
    from .structure.metadata import extract_metadata
    from .structure.sections import build_sections
    from .tables.blocks import split_blocks
    from .tables.formats import Lines
    from .templates.engine import Template
    from .templates.statistics import Statistics

PathLike = str | os.PathLike[str]

#: Whether the functions of the stages are bound here (see :func:`_import_stages`).
_stages_imported = False


def _import_stages() -> None:
    """Bind here the functions of the stages' modules (reading and decoding, blocks,
    sections, metadata): the first report imports them, not ``import gipparse``, which
    then reads and runs about 75 KB less code (six modules, a fifth of the package's
    share of the import); every entry point calls this first while it has not run."""
    global _stages_imported  # noqa: PLW0603
    global check_size, check_text, max_input_size, read_file, split_lines  # noqa: PLW0603
    global extract_metadata, build_sections, split_blocks, Lines  # noqa: PLW0603
    from .source.decode import check_size, check_text, max_input_size, read_file, split_lines
    from .structure.metadata import extract_metadata
    from .structure.sections import build_sections
    from .tables.blocks import split_blocks
    from .tables.formats import Lines

    _stages_imported = True


def load(
    path: PathLike,
    *,
    plugins: Sequence[object] = (),
    strict: bool = False,
    max_size: int | None = None,
) -> Report:
    """Read and parse the report at *path*.

    :param plugins: extra plugins for this call (modules or objects with hook functions).
    :param strict: raise :class:`ParseError` on the first error diagnostic instead of
        returning it on the report.
    :param max_size: the largest source accepted, in bytes (default 64 MiB, or
        ``GIPPARSE_MAX_INPUT_SIZE``).
    :raises GipparseError: the file cannot be read, is not text (or not in a format a
        plugin reads), or is larger than *max_size*.
    """
    if not _stages_imported:
        _import_stages()
    name = os.fspath(path)
    limit = max_input_size(max_size)
    try:
        data = read_file(name, limit)
    except OSError as exc:
        raise SourceError(f"cannot read the file: {exc.strerror or exc}", path=name) from None
    except ValueError as exc:  # a NUL byte or an unencodable character in the name
        raise SourceError(f"cannot read the file: {exc}", path=repr(name)) from None
    return _load_bytes(data, name, plugins, strict, limit)


def loads(
    data: str | bytes,
    *,
    path: str | os.PathLike[str] | None = None,
    plugins: Sequence[object] = (),
    strict: bool = False,
    max_size: int | None = None,
) -> Report:
    """Parse a report held in memory: text, or bytes in any encoding :func:`load` reads.

    *path* is only a name for messages and for readers that look at suffixes; a path
    object is taken as its string, which is what :attr:`Report.path` holds.
    """
    if path is not None and not isinstance(path, str):
        path = _path_name(path)
    if not _stages_imported:
        _import_stages()
    limit = max_input_size(max_size)
    if isinstance(data, str):
        check_size(len(data), limit, path, "characters")
        from .source.budget import check_memory, text_memory

        check_memory(text_memory(data), path)
        check_text(data, path)
        manager = plugin_manager_for(plugins)
        return parse_document(SourceDocument(data, None), path, manager, strict)
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"loads() takes str or bytes, not {type(data).__name__}")
    return _load_bytes(bytes(data), path, plugins, strict, limit)


def _path_name(path: object) -> str:
    """The string of the path object *path* (:func:`os.fspath`), as :func:`load` keeps it.

    :raises TypeError: *path* is neither a string nor a path object of one (bytes name
        no source in a report's text).
    """
    try:
        name = os.fspath(path)  # type: ignore[call-overload]
    except TypeError:
        name = None
    if not isinstance(name, str):
        raise TypeError(f"loads() takes a str or os.PathLike[str] path, not {type(path).__name__}")
    return name


def _load_bytes(
    data: bytes, path: str | None, plugins: Sequence[object], strict: bool, limit: int
) -> Report:
    check_size(len(data), limit, path)
    manager = plugin_manager_for(plugins)
    doc = manager.read_source(path, data)
    return parse_document(doc, path, manager, strict)


class _Clock:
    """Times the pipeline's stages into *timings* (seconds per stage), when one is given."""

    __slots__ = ("_last", "_timings")

    def __init__(self, timings: dict[str, float] | None) -> None:
        self._timings = timings
        self._last = perf_counter() if timings is not None else 0.0

    def lap(self, stage: str) -> None:
        if self._timings is not None:
            now = perf_counter()
            self._timings[stage] = self._timings.get(stage, 0.0) + now - self._last
            self._last = now


def parse_document(
    doc: SourceDocument,
    path: str | None,
    manager: PluginManager,
    strict: bool = False,
    *,
    timings: dict[str, float] | None = None,
) -> Report:
    """Run the pipeline on a document a reader returned.

    :param timings: if given, filled with the seconds each stage took (``script``,
        ``blocks``, ``sections``, ``metadata``, ``statistics``, ``validate``); the
        benchmarks use it.
    """
    if not _stages_imported:
        _import_stages()
    return _parse_document(doc, path, manager, strict, timings)


def _parse_document(
    doc: SourceDocument,
    path: str | None,
    manager: PluginManager,
    strict: bool,
    timings: dict[str, float] | None,
) -> Report:
    clock = _Clock(timings)
    text = doc.text
    if not text or text.isspace():
        raise SourceError("the source is empty", path=path)
    diagnostics: list[Diagnostic] = list(doc.diagnostics)
    script = manager.detect_script(text)

    def simplify(s: str) -> str:
        return manager.simplify(s, script)

    # Simplified text is itself: ``str`` returns a text as it is, without a call in Python
    # (the sections and metadata ask about each short paragraph).
    to_simplified: Callable[[str], str] = str if script == "hans" else simplify

    clock.lap("script")
    if doc.blocks is not None:
        blocks = list(doc.blocks)
    else:
        # Lines that keep their text for the tab format, when a line starts with a TAB.
        lines = Lines(text) if "\t" in text else split_lines(text)
        blocks = split_blocks(lines, manager.table_formats(), diagnostics)
    clock.lap("blocks")
    sections = build_sections(blocks, to_simplified, diagnostics)
    prose = manager.prose_simplifier()
    if prose is not None:
        _give_simplifier(sections, prose)
    clock.lap("sections")
    metadata, found = extract_metadata(sections, script, to_simplified)
    diagnostics.extend(found)
    clock.lap("metadata")
    template, statistics, found = read_statistics(
        sections,
        manager.templates(),
        metadata.year,
        None if script == "hans" else to_simplified,
        text,
    )
    diagnostics.extend(found)
    if template is not None:
        metadata = _with_template(metadata, template.id)
    clock.lap("statistics")
    report = new_report(sections, metadata, statistics, _in_source_order(diagnostics), text, path)
    extra = manager.validate(report)
    if extra:
        # (attrs.evolve(report, diagnostics=...), built the fast way.)
        report = new_report(
            sections, metadata, statistics, _with_extra(report.diagnostics, extra), text, path
        )
    clock.lap("validate")
    caches.account(len(text))
    if strict:
        for d in report.diagnostics:
            if d.severity is Severity.ERROR:
                raise ParseError(f"[{d.code}] {d.message}", line=d.line, column=d.column)
    return report


#: ``[check_relations, read_tables]`` once the first report imported them.
_statistics_stage: list[Any] = []


def _import_statistics_stage() -> None:
    from .checks.relations import check_relations
    from .templates.plans import read_statistics as read_tables

    _statistics_stage[:] = [check_relations, read_tables]


def read_statistics(
    sections: Sequence[Section],
    templates: Sequence[Template],
    year: int | None,
    to_simplified: Callable[[str], str] | None,
    text: str = "",
) -> tuple[Template | None, Statistics | None, list[Diagnostic]]:
    """The statistics stage: recognise the template and read the statistics from the
    tables (:func:`gipparse.templates.plans.read_statistics`); when they left values
    unread and *text* (the report's) shows tables flattened into running text, from it
    (:func:`gipparse.templates.flat.read_flattened`): all of them where no table was
    found, else the values the tables left unread, where that reading can be trusted
    (:func:`gipparse.templates.flat.fill_gaps`); then check
    their relations (:func:`gipparse.checks.relations.check_relations`)."""
    # The templates (their tables compiled into matchers) are imported by the first
    # report read, not by ``import gipparse``; bound here then (an import statement run
    # by every report cost some 3 K instructions each).
    if not _statistics_stage:
        _import_statistics_stage()
    check_relations, read_tables = _statistics_stage
    template, statistics, diagnostics = read_tables(sections, templates, year, to_simplified)
    # The flattened reading is imported only for a report that may need it: one whose
    # tables left values unread.
    if text and (statistics is None or statistics.unknown):
        from .templates.flat import fill_gaps, read_flattened, should_try

        if should_try(statistics, diagnostics):
            flat = read_flattened(text, templates, year, to_simplified)
            if flat is not None and (statistics is None or template is None):
                template, statistics, diagnostics = flat
            elif flat is not None and template is not None and statistics is not None:
                # Tables were read: the flattened reading fills their gaps, where it can
                # be trusted, and never overrides a value they gave.
                filled = fill_gaps(template, statistics, diagnostics, flat, text)
                if filled is not None:
                    statistics, diagnostics = filled
    if template is not None and statistics is not None:
        diagnostics.extend(check_relations(template, statistics))
    return template, statistics, diagnostics


def _with_template(metadata: Metadata, template: str) -> Metadata:
    """``attrs.evolve(metadata, template=template)``: the fields read at once in C and
    given in order (evolve reads them one by one in Python: some 12 K instructions)."""
    if not _METADATA:
        fields = attrs.fields(Metadata)
        names = [f.name for f in fields]
        # When __init__ takes every field by position in order, as evolve gives it by name.
        plain = all(f.init and not f.kw_only and f.alias == f.name for f in fields)
        _METADATA[:] = [attrgetter(*names) if plain else None, names.index("template")]
    values, at = _METADATA
    if values is None:
        return attrs.evolve(metadata, template=template)
    given = list(values(metadata))
    given[at] = template
    return Metadata(*given)


_METADATA: list[Any] = []


def _give_simplifier(sections: Sequence[Section], simplify: Callable[[str], str]) -> None:
    """Have the headings and paragraphs of *sections* convert to Simplified with the
    plugins of this call."""
    for section in sections:
        if section.heading is not None:
            give_simplifier(section.heading, simplify)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                give_simplifier(block, simplify)


def _in_source_order(diagnostics: list[Diagnostic]) -> tuple[Diagnostic, ...]:
    """Diagnostics by line (a stable sort: those of one line keep their order), then the
    ones that point at no line."""
    try:
        # Every one with a span (the common case): keyed in C, not by a lambda each.
        return tuple(sorted(diagnostics, key=_SPAN_LINE))
    except AttributeError:
        return tuple(sorted(diagnostics, key=lambda d: d.span.line if d.span else 1 << 62))


_SPAN_LINE = attrgetter("span.line")


def _with_extra(
    diagnostics: tuple[Diagnostic, ...], extra: list[Diagnostic]
) -> tuple[Diagnostic, ...]:
    """``_in_source_order([*diagnostics, *extra])`` for *diagnostics* already in source
    order: each of the few *extra* (the validators') put in its place by bisection,
    after those of its line, where sorting them all again looked up every line again (a
    report with dozens of diagnostics paid some 20 K instructions)."""
    merged = list(diagnostics)
    try:
        for d in extra:
            insort(merged, d, key=_SPAN_LINE)
    except AttributeError:  # one without a span: sorted as the others are
        return _in_source_order([*diagnostics, *extra])
    return tuple(merged)
