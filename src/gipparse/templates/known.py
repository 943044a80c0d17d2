"""The built-in templates as data, by id: one data module each (``y2020``, ``y2021``).

A template for a new year is one more data module like them, plus its registration: a
plugin whose ``gipparse_register_templates`` registers ``Template.of(SCHEMA)`` (see
:mod:`gipparse.templates.builtin`).
"""

from __future__ import annotations

from . import y2020, y2021
from .schema import Schema

#: The built-in schemas, oldest first.
SCHEMAS: dict[str, Schema] = {s.id: s for s in (y2020.SCHEMA, y2021.SCHEMA)}
