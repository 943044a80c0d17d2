"""What a plugin author needs, in one place.

* :data:`hookimpl` marks hook functions; the hooks are documented in
  :mod:`gipparse.hookspecs`.
* A reader for a new input format: subclass :class:`ReaderPlugin`, build the document
  with :class:`DocumentBuilder` (its tables render through a :class:`RenderOnlyFormat`);
  ``gipparse plugins`` lists its format as a :class:`SourceFormat`.
* A table syntax found in text: subclass :class:`TableFormat`, return a
  :class:`TableParse`.
* A template for a new year: a :class:`Schema` of :class:`TableSpec`, :class:`RowSpec`,
  :class:`Column` and :class:`Relation` data, registered as ``Template.of(schema)`` from
  ``gipparse_register_templates``; subclass :class:`Template` to change how its tables are
  recognised or read. :data:`SCHEMAS` holds the built-in templates' data by id, to
  extend.
* Nodes, diagnostics and errors are the ones ``gipparse`` exports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import GipparseError, ParseError, PluginError, RenderError, SourceError
from .hookspecs import hookimpl
from .source.plugin import ReaderPlugin
from .tables.formats import RenderOnlyFormat, TableFormat, TableParse
from .tree.nodes import (
    Cell,
    Diagnostic,
    Paragraph,
    Row,
    Severity,
    SourceDocument,
    Span,
    Table,
)

if TYPE_CHECKING:
    from .source.formats import SourceFormat
    from .templates.engine import ReportTables, Template
    from .templates.known import SCHEMAS
    from .templates.schema import Column, Relation, RowSpec, Schema, TableSpec
    from .templates.values import ValueKind
    from .tree.builder import DocumentBuilder

#: Names whose modules are imported when first asked for (PEP 562): every reader plugin
#: imports this module, and needs neither the templates (a reader's process may read no
#: report) nor what ``gipparse plugins`` lists.
_LAZY = {
    "SourceFormat": ".source.formats",
    **dict.fromkeys(("ReportTables", "Template"), ".templates.engine"),
    "SCHEMAS": ".templates.known",
    **dict.fromkeys(("Column", "Relation", "RowSpec", "Schema", "TableSpec"), ".templates.schema"),
    "ValueKind": ".templates.values",
    "DocumentBuilder": ".tree.builder",
}


def __getattr__(name: str) -> Any:
    import importlib

    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __package__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "SCHEMAS",
    "Cell",
    "Column",
    "Diagnostic",
    "DocumentBuilder",
    "GipparseError",
    "Paragraph",
    "ParseError",
    "PluginError",
    "ReaderPlugin",
    "Relation",
    "RenderError",
    "RenderOnlyFormat",
    "ReportTables",
    "Row",
    "RowSpec",
    "Schema",
    "Severity",
    "SourceDocument",
    "SourceError",
    "SourceFormat",
    "Span",
    "Table",
    "TableFormat",
    "TableParse",
    "TableSpec",
    "Template",
    "ValueKind",
    "hookimpl",
]
