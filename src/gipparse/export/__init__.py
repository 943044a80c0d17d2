"""Output: the JSON form of the report tree, export records, batch export.

The output formats are named here, where choosing one imports none of the modules that
write them (:mod:`.writers` writes the file formats), and how amounts are written, which
both the JSON (:mod:`.serialize`) and the CSV (:mod:`.records`) output write.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from decimal import Decimal

#: Output formats and the suffixes of ``-o`` that choose them.
FORMAT_BY_SUFFIX = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".sqlite": "sqlite",
    ".sqlite3": "sqlite",
    ".db": "sqlite",
    ".parquet": "parquet",
    ".xlsx": "xlsx",
}
FORMATS = ("csv", "jsonl", "json", "sqlite", "parquet", "xlsx")
#: Formats written to a file only (not to stdout).
FILE_FORMATS = frozenset({"sqlite", "parquet", "xlsx"})


def format_decimal(value: Decimal) -> str:
    """A finite Decimal as a plain JSON/CSV number (``389.2431``, never ``3.892431E+2``)."""
    if not value.is_finite():
        raise ValueError(f"{value} cannot be written as a number")
    return format(value, "f")
