"""Reading a report's agency, year and statistics period (filled in by the template
implementation)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ._nodes import Metadata, Section


def extract_metadata(
    sections: Sequence[Section], script: str, to_simplified: Callable[[str], str]
) -> Metadata:
    return Metadata(script=script)
