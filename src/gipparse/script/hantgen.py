"""Writes :mod:`gipparse.script.hanttable` from the OpenCC dictionaries shipped with
gipparse (``opencc_data/``).

    python -m gipparse.script.hantgen > src/gipparse/script/hanttable.py

Matching converts labels character by character with OpenCC's Traditional→Simplified
character table (with the Taiwan and Hong Kong variant forms), and for the few characters
that stay themselves by default but not in some phrases (覆 in 反覆, 瞭 in 瞭解, 藉 in 憑藉)
with OpenCC's phrases as the table leaves them. Computing that from the dictionaries
costs a first Traditional report of a process some 50 M instructions (6 ms), more than
reading the report; the module holds the result. ``tests/test_hant.py`` checks that the
module is what this writes.
"""

from __future__ import annotations

import re

from .opencc import entries

#: OpenCC files for the character table: the Traditional→Simplified characters, then the
#: Taiwan and Hong Kong standard forms mapped back to OpenCC's Traditional forms.
_CHARACTERS = "TSCharacters.txt"
_PHRASES = "TSPhrases.txt"
_VARIANTS = ("TWVariantsRev.txt", "HKVariantsRev.txt")


def matching() -> tuple[dict[str, str], str, dict[str, str]]:
    """From the dictionaries: the character table (one character to another), the
    characters that convert otherwise in some phrases, and those phrases as the table
    writes them with what they are."""
    found = entries(_CHARACTERS)
    characters = {k: v[0] for k, v in found if len(k) == len(v[0]) == 1}
    table = {k: v for k, v in characters.items() if k != v}
    # A regional form that is also a Simplified character stays (Hong Kong writes 么
    # for 幺, but 么 is the Simplified 麼).
    simplified_forms = set(characters.values())
    for name in _VARIANTS:
        for variant, (standard, *_) in entries(name):
            simplified = characters.get(standard, standard)
            if len(variant) == 1 and simplified != variant and variant not in simplified_forms:
                table.setdefault(variant, simplified)
    ambiguous = {k for k, v in found if len(v) > 1 and v[0] == k}
    translation = str.maketrans(table)
    fixes: dict[str, str] = {}
    for phrase, (simplified, *_) in entries(_PHRASES):
        written = phrase.translate(translation)
        if written != simplified and any(c in ambiguous for c in phrase):
            fixes.setdefault(written, simplified)
    return table, "".join(sorted(ambiguous)), fixes


def source() -> str:
    """The text of :mod:`gipparse.script.hanttable`."""
    table, ambiguous, fixes = matching()
    if any(len(v) != 1 for v in table.values()):
        raise ValueError("the character table maps a character to more than one")
    table = dict(sorted(table.items()))
    phrases = "|".join(map(re.escape, sorted(fixes, key=len, reverse=True))) if fixes else "(?!)"
    source = "".join(table)
    bmp = sum(ord(c) < 0x10000 for c in source)
    # Where each block of 256 code points below U+10000 starts in SOURCE, and its end.
    starts = [sum(ord(c) >> 8 < block for c in source[:bmp]) for block in range(257)]
    lines = [
        '"""What matching converts Traditional script with, computed from the OpenCC',
        "dictionaries in ``opencc_data/`` (Apache 2.0, see the NOTICE there). Written by",
        ":mod:`gipparse.script.hantgen`; do not edit.",
        '"""',
        "",
        "from .. import patterns",
        "",
        "# fmt: off",
        "#: Characters the table converts, in the order of their code points, and what each",
        "#: becomes, in the same order.",
        *_string("SOURCE", source),
        *_string("TARGET", "".join(table.values())),
        "#: How many characters of SOURCE are below U+10000 (the first ones).",
        f"BMP = {bmp}",
        "#: Where the characters of SOURCE in each block of 256 code points below U+10000",
        "#: (``code >> 8``) start: a block ends where the next starts.",
        "STARTS = (",
        *(f"    {', '.join(map(str, starts[i : i + 16]))}," for i in range(0, 257, 16)),
        ")",
        "#: Characters that convert otherwise inside some phrases.",
        f"AMBIGUOUS = {ambiguous!r}",
        "#: Those phrases as the table writes them, and what they are.",
        "FIXES = {",
        *(f"    {k!r}: {v!r}," for k, v in fixes.items()),
        "}",
        "#: Those phrases as one pattern, longest first: ``re`` compiles it in some 8 M",
        "#: instructions, so it is made from code computed ahead of time (see",
        "#: :mod:`gipparse.patterns`), when a text first holds one of AMBIGUOUS.",
        "PHRASES = patterns.lazy(",
        *(f"    {phrases[i : i + 40]!r}" for i in range(0, len(phrases), 40)),
        ")",
        "",
    ]
    return "\n".join(lines)


def _string(name: str, text: str, width: int = 40) -> list[str]:
    """``name = (...)``: *text* written *width* characters a line (CJK characters are
    two columns wide)."""
    return [
        f"{name} = (",
        *(f"    {text[i : i + width]!r}" for i in range(0, len(text), width)),
        ")",
    ]


if __name__ == "__main__":
    print(source(), end="")
