"""Built-in plugin: registers the templates ``2020`` and ``2021`` (their data is in
:mod:`gipparse.templates.y2020` and :mod:`gipparse.templates.y2021`)."""

from __future__ import annotations

from collections.abc import Callable

from ..hookspecs import hookimpl
from .engine import Template
from .known import SCHEMAS

#: The built-in templates, oldest first.
TEMPLATES: tuple[Template, ...] = tuple(Template.of(s) for s in SCHEMAS.values())


@hookimpl
def gipparse_register_templates(register: Callable[[Template], None]) -> None:
    # Newest first: templates are tried in registration order, and a tie between two
    # goes to the first registered.
    for template in reversed(TEMPLATES):
        register(template)
