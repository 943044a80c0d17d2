"""Output: the JSON form of the report tree, export records, batch export.

The output formats are named here, where choosing one imports none of the modules that
write them (:mod:`.writers` writes the file formats).
"""

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
