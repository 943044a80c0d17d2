"""The statistics of a report (filled in by the template implementation)."""

from __future__ import annotations

from decimal import Decimal

import attrs

Value = int | Decimal | None


@attrs.frozen
class Statistics:
    template: str

    def to_flat(self) -> dict[str, Value]:
        return {}
