"""Writes :mod:`gipparse.structure.headings`: every text each section heading pattern of
:data:`gipparse.structure.sections.SECTION_HEADINGS` matches.

    python -m gipparse.structure.headinggen > src/gipparse/structure/headings.py

Telling a heading with one typo needs those texts (:class:`~gipparse.structure.sections.OneEdit`);
expanding the patterns with ``re``'s parser cost a first report holding a line that may be
such a heading 5.6 M instructions, a third of reading a report. ``tests/test_sections.py``
checks that the module is what this writes.
"""

from __future__ import annotations

import json


def source() -> str:
    """The text of :mod:`gipparse.structure.headings`."""
    from .sections import SECTION_HEADINGS, _expand

    lines = [
        '"""Every text each section heading pattern matches, by pattern. Written by',
        ":mod:`gipparse.structure.headinggen`; do not edit.",
        '"""',
        "",
        "# ruff: noqa: E501",
        "BODIES = {",
    ]
    for _, pattern in SECTION_HEADINGS:
        lines.append(f"    {json.dumps(pattern, ensure_ascii=False)}: (")
        lines.extend(
            f"        {json.dumps(b, ensure_ascii=False)}," for b in sorted(_expand(pattern))
        )
        lines.append("    ),")
    lines += ["}", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(source(), end="")
