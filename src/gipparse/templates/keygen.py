"""Writes :mod:`gipparse.templates.keys` from the built-in templates' data modules.

    python -m gipparse.templates.keygen > src/gipparse/templates/keys.py

The CSV header of ``gipparse export`` lists the keys of every template; deriving those of
a template no report of the run was read by means importing its data module and making
its tables (3 M instructions, a tenth of what a one-report export costs beyond
``import gipparse``). The module holds the keys each schema defines, in its order;
``tests/test_templates.py`` checks that it is what this writes.
"""

from __future__ import annotations


def source() -> str:
    """The text of :mod:`gipparse.templates.keys`."""
    import json

    from .known import SCHEMAS

    lines = [
        '"""The statistic keys of the built-in templates, in template order: what their',
        "schemas define (:attr:`gipparse.templates.schema.Schema.keys`), known without making",
        "their tables. Written by :mod:`gipparse.templates.keygen`; do not edit.",
        '"""',
        "",
        "KEYS = {",
    ]
    for id, schema in SCHEMAS.items():
        lines.append(f"    {json.dumps(id)}: (")
        lines.extend(f"        {json.dumps(key)}," for key in schema.keys)
        lines.append("    ),")
    lines += ["}", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(source(), end="")
