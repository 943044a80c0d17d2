"""Statutory templates: declarative definitions and the engine that reads them.

(Filled in by the template implementation; this module fixes the interface the plugin
manager and the pipeline use.)
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ._nodes import Diagnostic, Section
from ._statistics import Statistics


@attrs.frozen
class Template:
    """A statutory template, as data."""

    id: str
    years: tuple[int, ...] = ()

    def score(self, sections: Sequence[Section], fold_label: object) -> float:
        return 0.0


def read_statistics(
    sections: Sequence[Section],
    templates: Sequence[Template],
    year: int | None,
    to_simplified: object,
) -> tuple[Template | None, Statistics | None, list[Diagnostic]]:
    return None, None, []
