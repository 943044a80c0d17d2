"""Built-in plugin: registers the templates ``2020`` and ``2021`` (their data is in
:mod:`gipparse.templates.y2020` and :mod:`gipparse.templates.y2021`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from ..hookspecs import hookimpl

if TYPE_CHECKING:
    from .engine import Template
    from .schema import Schema


def _schema_2020() -> Schema:
    from .y2020 import SCHEMA

    return SCHEMA


def _schema_2021() -> Schema:
    from .y2021 import SCHEMA

    return SCHEMA


class _Data:
    """What gives a built-in template its data: called, its schema (its data module is
    imported then); :meth:`keys`, the keys that schema defines, known ahead of time
    (:mod:`.keys`): the CSV header lists every template's keys, and a run that reads no
    report of a template need not make its tables for that."""

    __slots__ = ("_id", "_schema")

    def __init__(self, id: str, schema: Callable[[], Schema]) -> None:
        self._id = id
        self._schema = schema

    def __call__(self) -> Schema:
        return self._schema()

    def keys(self) -> tuple[str, ...]:
        from .keys import KEYS

        return KEYS[self._id]


@lru_cache(maxsize=1)
def templates() -> tuple[Template, ...]:
    """The built-in templates, oldest first: made when first asked for (by the first
    report read), not when a plugin manager registers this plugin, and each of its own
    data (tables, keys, labels) only when first read (see ``Template._deferred``): a
    report of one template does not make the other's."""
    from .engine import Template
    from .heads import HEAD_2020, HEAD_2021

    return tuple(
        Template._deferred(
            h.id,
            title=h.title,
            first_year=h.first_year,
            last_year=h.last_year,
            markers=h.markers,
            schema=_Data(h.id, schema),
        )
        for h, schema in ((HEAD_2020, _schema_2020), (HEAD_2021, _schema_2021))
    )


@hookimpl
def gipparse_register_templates(register: Callable[[Template], None]) -> None:
    # Newest first: templates are tried in registration order, and a tie between two
    # goes to the first registered.
    for template in reversed(templates()):
        register(template)
