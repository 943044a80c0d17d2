"""The built-in reader for plain-text reports. Runs after every other reader."""

from __future__ import annotations

from pathlib import PurePath

from .._errors import SourceError
from .._nodes import SourceDocument
from .._source import decode, describe_binary, looks_like_html
from ..hookspecs import hookimpl

_PLUGIN_FOR = {
    ".html": "gipparse-html",
    ".htm": "gipparse-html",
    ".docx": "gipparse-docx",
}


@hookimpl(trylast=True)
def gipparse_read_source(path: str | None, data: bytes) -> SourceDocument:
    suffix = PurePath(path).suffix.lower() if path else ""
    has_bom = data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
    what = None if has_bom else describe_binary(data)
    if what is None and looks_like_html(data):
        what = "an HTML page"
    if what is not None:
        hint = _PLUGIN_FOR.get(suffix)
        if hint is None and "DOCX" in what:
            hint = "gipparse-docx"
        elif hint is None and "HTML" in what:
            hint = "gipparse-html"
        message = f"this looks like {what}, not a text report"
        if hint:
            message += f"; install the {hint} plugin to read it"
        raise SourceError(message, path=path)
    text, encoding = decode(data, path)
    return SourceDocument(text=text, encoding=encoding, format="text")


@hookimpl
def gipparse_source_suffixes() -> list[str]:
    # Not ".md": a folder of reports often holds a README that is no report.
    return [".txt", ".text"]
