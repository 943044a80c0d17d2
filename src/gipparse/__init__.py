"""gipparse: China's government information disclosure annual reports
(政府信息公开工作年度报告) as a typed AST and a checked statistics dataset.

>>> import gipparse
>>> report = gipparse.load(gipparse.sample_paths()[0])
>>> report.metadata.agency
'开封市鼓楼区应急管理局'
"""

from __future__ import annotations

from pathlib import Path

from ._errors import (
    GipparseError,
    InputTooLargeError,
    ParseError,
    PluginError,
    RenderError,
    SourceError,
)
from ._export import export, to_dataframe, to_record
from ._formats import TableFormat, TableParse
from ._manager import PluginManager, create_plugin_manager
from ._nodes import (
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
from ._pipeline import load, loads
from ._render import render_report, render_table
from ._serialize import from_dict, to_json
from .hookspecs import hookimpl

__version__ = "0.1.0"

__all__ = [
    "Block",
    "Cell",
    "Diagnostic",
    "GipparseError",
    "Heading",
    "InputTooLargeError",
    "Metadata",
    "Paragraph",
    "ParseError",
    "PluginError",
    "PluginManager",
    "RenderError",
    "Report",
    "Row",
    "Section",
    "SectionKind",
    "Severity",
    "SourceDocument",
    "SourceError",
    "Span",
    "Table",
    "TableFormat",
    "TableParse",
    "__version__",
    "create_plugin_manager",
    "export",
    "from_dict",
    "hookimpl",
    "load",
    "loads",
    "render_report",
    "render_table",
    "sample_paths",
    "to_dataframe",
    "to_json",
    "to_record",
]


def sample_paths() -> list[Path]:
    """The sample reports shipped inside the package, sorted by name."""
    return sorted((Path(__file__).parent / "samples").glob("*.txt"))
