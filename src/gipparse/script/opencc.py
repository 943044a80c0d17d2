"""OpenCC's Traditional→Simplified dictionaries, shipped with gipparse, and its ``t2s``
phrase conversion.

gipparse needs four small OpenCC dictionaries (40 kB, in ``opencc_data/``, Apache 2.0,
see the NOTICE there) and the ``t2s`` conversion, not a package: the
opencc-python-reimplemented distribution and the official ``opencc`` distribution both
install a top-level package named ``opencc``, so depending on either breaks an environment
that has the other. :class:`T2S` converts as ``opencc.OpenCC("t2s").convert`` of
opencc-python-reimplemented 0.1.7 does (tested on the same text), from the same files.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from ..errors import GipparseError

#: The folder of the dictionaries.
DATA = os.path.join(os.path.dirname(__file__), "opencc_data")

# The sentence separators of OpenCC's PhraseExtract: no dictionary entry holds one, so text
# is converted piece by piece between them.
_SEPARATORS = re.compile(
    r"(\s+|-|,|\.|\?|!|\*|　|，|。|、|；|：|？|！|…|“|”|‘|’|『|』|「|」|﹁|﹂|—|－|（|）"
    r"|《|》|〈|〉|～|．|／|＼|︒|︑|︔|︓|︿|﹀|︹|︺|︙|︐|［|﹇|］|﹈|︕|︖|︰|︳|︴|︽|︾|︵|︶|｛|︷|｝|︸|﹃|﹄"
    r"|【|︻|】|︼)"
)


def dictionary(name: str) -> str:
    """The text of the shipped OpenCC dictionary *name* (``TSCharacters.txt``)."""
    try:
        with open(os.path.join(DATA, name), encoding="utf-8") as f:
            return f.read()
    except OSError as exc:
        raise GipparseError(
            f"reading Traditional script needs the OpenCC dictionary {name}, shipped with "
            f"gipparse, which is missing (reinstall gipparse): {exc.strerror or exc}"
        ) from None


def entries(name: str) -> list[tuple[str, list[str]]]:
    """``(key, candidates)`` of a dictionary, the default candidate first."""
    found = []
    for line in dictionary(name).splitlines():
        key, _, values = line.strip().partition("\t")
        if key and values:
            found.append((key, values.split(" ")))
    return found


class _Table:
    """One dictionary for matching: its longest and shortest key, and key → value."""

    def __init__(self, name: str) -> None:
        self.mapping = {k: v[0] for k, v in entries(name)}
        lengths = [len(k) for k in self.mapping] or [1]
        self.longest = max(lengths)
        self.shortest = min(lengths)

    def find(self, text: str) -> tuple[int, int, str] | None:
        """The longest key in *text*, leftmost among the longest: ``(start, length,
        value)``."""
        mapping = self.mapping
        n = len(text)
        length = min(n, self.longest)
        while length >= self.shortest:
            for i in range(n - length + 1):
                value = mapping.get(text[i : i + length])
                if value is not None:
                    return i, length, value
            length -= 1
        return None


class T2S:
    """Traditional → Simplified, phrase by phrase: in each piece between separators, the
    longest phrase of ``TSPhrases`` found is converted and the text on each side converted
    the same way; what no phrase covers is converted by ``TSCharacters``."""

    def __init__(self) -> None:
        self.tables = (_Table("TSPhrases.txt"), _Table("TSCharacters.txt"))

    def convert(self, text: str) -> str:
        out: list[str] = []
        for i, piece in enumerate(_SEPARATORS.split(text)):
            if i % 2:
                out.append(piece)
            elif piece:
                self._convert(piece, out)
        return "".join(out)

    def _convert(self, piece: str, out: list[str]) -> None:
        tables = self.tables
        # (text, first table to try, done): popped in text order.
        stack: list[tuple[str, int, bool]] = [(piece, 0, False)]
        while stack:
            text, first, done = stack.pop()
            if done:
                out.append(text)
                continue
            for k in range(first, len(tables)):
                found = tables[k].find(text)
                if found is not None:
                    start, length, value = found
                    if start + length < len(text):
                        stack.append((text[start + length :], k, False))
                    stack.append((value, k, True))
                    if start:
                        stack.append((text[:start], k, False))
                    break
            else:
                out.append(text)


@lru_cache(maxsize=1)
def t2s() -> T2S:
    """The converter, built once."""
    return T2S()
