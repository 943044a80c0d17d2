"""Built-in plugin: registers the templates ``2020`` and ``2021`` (their data is in
:mod:`gipparse.templates.y2020` and :mod:`gipparse.templates.y2021`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from ..hookspecs import hookimpl

if TYPE_CHECKING:
    from .engine import Template


@lru_cache(maxsize=1)
def templates() -> tuple[Template, ...]:
    """The built-in templates, oldest first: built when first asked for (by the first
    report read), not when a plugin manager registers this plugin."""
    from .engine import Template
    from .known import SCHEMAS

    return tuple(Template.of(s) for s in SCHEMAS.values())


@hookimpl
def gipparse_register_templates(register: Callable[[Template], None]) -> None:
    # Newest first: templates are tried in registration order, and a tie between two
    # goes to the first registered.
    for template in reversed(templates()):
        register(template)
