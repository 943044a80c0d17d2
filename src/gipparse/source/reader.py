"""The built-in reader for plain-text reports. Runs after every other reader.

It refuses binary and foreign input (PDF, Office files, images, archives, UTF-32, UTF-16
without a BOM, HTML...) with a message that says what the source looks like and names
the plugin that reads it, when one exists.
"""

from __future__ import annotations

from ..hookspecs import hookimpl
from ..tree.nodes import SourceDocument
from .decode import read_text


@hookimpl(trylast=True)
def gipparse_read_source(path: str | None, data: bytes) -> SourceDocument:
    return read_text(data, path)


#: The suffixes of text reports. Not ".md": a folder of reports often holds a README
#: that is no report.
SUFFIXES = (".txt", ".text")


@hookimpl
def gipparse_source_suffixes() -> list[str]:
    return list(SUFFIXES)
