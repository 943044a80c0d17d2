"""gipparse: China's government information disclosure annual reports
(政府信息公开工作年度报告) as a typed AST and a checked statistics dataset.

>>> import gipparse
>>> report = gipparse.load(gipparse.sample_paths()[0])
>>> report.metadata.agency
'开封市鼓楼区应急管理局'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import export as _exports  # noqa: F401  (see the ``del export`` below)
from .errors import (
    GipparseError,
    InputTooLargeError,
    ParseError,
    PluginError,
    RenderError,
    SourceError,
)
from .hookspecs import hookimpl
from .manager import PluginManager, create_plugin_manager, schema_keys
from .pipeline import load, loads
from .source.budget import memory_budget
from .tables.formats import TableFormat, TableParse
from .tree.nodes import (
    Block,
    Cell,
    Diagnostic,
    Heading,
    Metadata,
    Paragraph,
    Report,
    Row,
    Section,
    SectionKind,
    Severity,
    SourceDocument,
    Span,
    Table,
)

# The name ``export`` is the function (imported when first asked for, below), not the
# subpackage: importing the subpackage now binds the name to it once, here, where it is
# taken back; importing its modules later binds nothing here.
del export  # noqa: F821

if TYPE_CHECKING:
    from pathlib import Path

    from .checks.corpus import check_corpus
    from .checks.prose import check_prose
    from .export.records import export, read_reports, to_dataframe, to_record
    from .export.serialize import from_dict, to_dict, to_json
    from .templates.engine import ReportTables, Template
    from .templates.schema import Column, Relation, RowSpec, TableSpec
    from .templates.statistics import Statistics
    from .templates.values import ValueKind
    from .templates.views import (
        ActiveDisclosure,
        ActiveItem,
        AppealOutcomes,
        ApplicantCounts,
        ApplicationsTable,
        NotProcessedCounts,
        OtherHandlingCounts,
        ReviewLitigation,
        UnavailableCounts,
        WithheldCounts,
    )
    from .tree.builder import DocumentBuilder
    from .writer import render_report, render_table, report_from_statistics

#: Names whose modules are imported when first asked for (PEP 562): ``import gipparse``
#: does not build the templates (their tables compiled into matchers: a tenth of the
#: import), which the first report read builds, and writing reports or records is never
#: needed to read them.
_LAZY = {
    "check_corpus": ".checks.corpus",
    "check_prose": ".checks.prose",
    **dict.fromkeys(("export", "read_reports", "to_dataframe", "to_record"), ".export.records"),
    **dict.fromkeys(("from_dict", "to_dict", "to_json"), ".export.serialize"),
    **dict.fromkeys(("ReportTables", "Template"), ".templates.engine"),
    **dict.fromkeys(("Column", "Relation", "RowSpec", "TableSpec"), ".templates.schema"),
    "Statistics": ".templates.statistics",
    "ValueKind": ".templates.values",
    "DocumentBuilder": ".tree.builder",
    "render_report": ".writer",
    "render_table": ".writer",
    "report_from_statistics": ".writer",
    **dict.fromkeys(
        (
            "ActiveDisclosure",
            "ActiveItem",
            "AppealOutcomes",
            "ApplicantCounts",
            "ApplicationsTable",
            "NotProcessedCounts",
            "OtherHandlingCounts",
            "ReviewLitigation",
            "UnavailableCounts",
            "WithheldCounts",
        ),
        ".templates.views",
    ),
}


#: Modules offered under a short name: ``gipparse.dask`` is :mod:`gipparse.export.dask`
#: (reading reports on a Dask cluster; dask is an optional dependency).
_MODULES = {"dask": ".export.dask"}


def __getattr__(name: str) -> Any:
    import importlib

    if name in _MODULES:
        value = importlib.import_module(_MODULES[name], __name__)
        globals()[name] = value
        return value
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY, *_MODULES})


__version__ = "0.1.0"

__all__ = [
    "ActiveDisclosure",
    "ActiveItem",
    "AppealOutcomes",
    "ApplicantCounts",
    "ApplicationsTable",
    "Block",
    "Cell",
    "Column",
    "Diagnostic",
    "DocumentBuilder",
    "GipparseError",
    "Heading",
    "InputTooLargeError",
    "Metadata",
    "NotProcessedCounts",
    "OtherHandlingCounts",
    "Paragraph",
    "ParseError",
    "PluginError",
    "PluginManager",
    "Relation",
    "RenderError",
    "Report",
    "ReportTables",
    "ReviewLitigation",
    "Row",
    "RowSpec",
    "Section",
    "SectionKind",
    "Severity",
    "SourceDocument",
    "SourceError",
    "Span",
    "Statistics",
    "Table",
    "TableFormat",
    "TableParse",
    "TableSpec",
    "Template",
    "UnavailableCounts",
    "ValueKind",
    "WithheldCounts",
    "__version__",
    "check_corpus",
    "check_prose",
    "create_plugin_manager",
    "export",
    "from_dict",
    "hookimpl",
    "load",
    "loads",
    "memory_budget",
    "read_reports",
    "render_report",
    "render_table",
    "report_from_statistics",
    "sample_paths",
    "schema_keys",
    "to_dataframe",
    "to_dict",
    "to_json",
    "to_record",
]


def sample_paths() -> list[Path]:
    """The sample reports shipped inside the package, sorted by name."""
    from pathlib import Path

    return sorted((Path(__file__).parent / "samples").glob("*.txt"))
