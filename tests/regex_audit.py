"""A structural audit of regular expressions: can a pattern backtrack super-linearly?

Python's ``re`` is a backtracking engine. Three shapes make it slow on hostile input, and
this module finds each of them in a parsed pattern:

* ``nested``: an unbounded repeat inside an unbounded repeat (``(a+)+``), or of anything
  but one character class (``(?:a|aa)+``): exponential. A repeated body is accepted when
  its iterations are delimited: each starts with a required run of characters that the
  rest of the iteration, which is not empty, cannot hold (``(?:,[0-9]{3})+``,
  ``(?:\\s+[0-9]+)+``); a match then splits into iterations in one way only.
* ``adjacent``: two unbounded repeats where the second can start with a character the
  first consumes, with only optional items between them (``\\d*,?\\d*``,
  ``\\s*(?:x)?\\s*``): polynomial on a failing match.
* ``rescan``: for a pattern used with ``search``, ``sub``, ``finditer``, ``findall`` or
  ``split`` (tried at every position), an unbounded repeat that is followed by something
  that can fail (``$`` included), that can consume the pattern's first character, and
  whose preceding items can all match inside the run it consumes: a failing attempt from
  each position of the run scans the rest of it, so a line of near-matches takes
  quadratic time (``\\[x:[^\\]]*\\]`` on ``[x:[x:[x:...``, ``\\s+$`` on spaces). When a
  required item before the repeat cannot match inside the run (``20[0-9]{2}\\s*年``),
  only a bounded number of attempts reach it.

A repeat bounded by a small constant (``{1,8}``) counts as a fixed-length item, and a
possessive repeat or an atomic group never backtracks. Character sets are compared on a
probe alphabet: ASCII, every character a pattern names (and its neighbours), and a few
spaces and CJK characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

#: Methods that try a pattern at every position of the subject.
SCANNING = frozenset({"search", "sub", "subn", "finditer", "findall", "split"})
#: Methods anchored at the start.
ANCHORED = frozenset({"match", "fullmatch"})
#: A bounded repeat longer than this is treated as unbounded.
SMALL_BOUND = 64

_EXTRA_PROBES = "\u00a0\u3000\u2003\u200b\ufeff\ufffd中文一十、，。：；（）０９ａ"

Item = tuple[Any, Any]


def _probes_of(parsed: Iterable[Item], out: set[int]) -> None:
    for op, av in parsed:
        if op in (C.LITERAL, C.NOT_LITERAL):
            out.update((av - 1, av, av + 1))
        elif op is C.RANGE:
            out.update((av[0] - 1, av[0], av[1], av[1] + 1))
        elif op is C.IN:
            _probes_of(av, out)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            _probes_of(av[2], out)
        elif op is C.SUBPATTERN:
            _probes_of(av[3], out)
        elif op is C.ATOMIC_GROUP:
            _probes_of(av, out)
        elif op is C.BRANCH:
            for alternative in av[1]:
                _probes_of(alternative, out)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            _probes_of(av[1], out)


def probe_alphabet(patterns: Iterable[re.Pattern[str]]) -> str:
    """The characters to compare sets on: ASCII, a few spaces and CJK characters, and the
    characters (and their neighbours) that patterns with an unbounded repeat name; the
    others are not compared at all."""
    codes: set[int] = set(range(128))
    codes.update(ord(c) for c in _EXTRA_PROBES)
    nothing = Auditor("")
    for pattern in patterns:
        parsed = P.parse(pattern.pattern, pattern.flags)
        if nothing._has_unbounded(parsed):
            _probes_of(parsed, codes)
    return "".join(chr(c) for c in sorted(codes) if 0 <= c <= 0x10FFFF and not 0xD800 <= c < 0xE000)


_CATEGORY_RE = {
    C.CATEGORY_DIGIT: re.compile(r"\d"),
    C.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    C.CATEGORY_SPACE: re.compile(r"\s"),
    C.CATEGORY_NOT_SPACE: re.compile(r"\S"),
    C.CATEGORY_WORD: re.compile(r"\w"),
    C.CATEGORY_NOT_WORD: re.compile(r"\W"),
}


class Auditor:
    """Audits patterns against one probe alphabet."""

    def __init__(self, alphabet: str) -> None:
        self.alphabet = alphabet

    # -- character sets ----------------------------------------------------------

    def _matches_char(self, op: Any, av: Any, ch: str, flags: int) -> bool:
        if flags & re.IGNORECASE:
            cases = {c for c in (ch, ch.lower(), ch.upper()) if len(c) == 1}
            return any(self._matches_char(op, av, c, 0) for c in cases)
        code = ord(ch)
        if op is C.LITERAL:
            return bool(code == av)
        if op is C.NOT_LITERAL:
            return bool(code != av)
        if op is C.ANY:
            return ch != "\n" or bool(flags & re.DOTALL)
        if op is C.IN:
            negate = bool(av) and av[0][0] is C.NEGATE
            hit = any(self._in_item(o, a, ch) for o, a in (av[1:] if negate else av))
            return hit != negate
        raise AssertionError(f"not a character item: {op}")

    @staticmethod
    def _in_item(op: Any, av: Any, ch: str) -> bool:
        if op is C.LITERAL:
            return bool(ord(ch) == av)
        if op in (C.RANGE, getattr(C, "RANGE_UNI_IGNORE", C.RANGE)):
            return bool(av[0] <= ord(ch) <= av[1])
        if op is C.CATEGORY:
            return _CATEGORY_RE[av].fullmatch(ch) is not None
        raise AssertionError(f"unexpected set item: {op}")

    def charset(self, op: Any, av: Any, flags: int) -> frozenset[str]:
        return frozenset(c for c in self.alphabet if self._matches_char(op, av, c, flags))

    def chars(self, seq: Iterable[Item], flags: int) -> frozenset[str]:
        """Every character *seq* can consume, anywhere."""
        found: set[str] = set()
        for op, av in seq:
            if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
                found |= self.charset(op, av, flags)
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
                found |= self.chars(av[2], flags)
            elif op is C.SUBPATTERN:
                found |= self.chars(av[3], flags)
            elif op is C.ATOMIC_GROUP:
                found |= self.chars(av, flags)
            elif op is C.BRANCH:
                for alternative in av[1]:
                    found |= self.chars(alternative, flags)
            elif op is C.GROUPREF:
                found |= set(self.alphabet)
        return frozenset(found)

    def first(self, seq: list[Item], flags: int) -> frozenset[str]:
        """The characters a match of *seq* can start with."""
        found: set[str] = set()
        for item in seq:
            found |= self._first_item(item, flags)
            if not self.nullable([item]):
                break
        return frozenset(found)

    def _first_item(self, item: Item, flags: int) -> frozenset[str]:
        op, av = item
        if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            return self.charset(op, av, flags)
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            return self.first(list(av[2]), flags)
        if op is C.SUBPATTERN:
            return self.first(list(av[3]), flags)
        if op is C.ATOMIC_GROUP:
            return self.first(list(av), flags)
        if op is C.BRANCH:
            return frozenset().union(*(self.first(list(a), flags) for a in av[1]))
        if op is C.GROUPREF:
            return frozenset(self.alphabet)
        return frozenset()  # AT, ASSERT, ASSERT_NOT: zero width

    def nullable(self, seq: Iterable[Item]) -> bool:
        for op, av in seq:
            if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
                return False
            if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
                if av[0] > 0 and not self.nullable(av[2]):
                    return False
            elif op is C.SUBPATTERN:
                if not self.nullable(av[3]):
                    return False
            elif op is C.ATOMIC_GROUP:
                if not self.nullable(av):
                    return False
            elif op is C.BRANCH and not any(self.nullable(a) for a in av[1]):
                return False
        return True

    # -- the audit -------------------------------------------------------------------

    def audit(self, pattern: re.Pattern[str], scanning: bool) -> list[str]:
        """The problems of *pattern*; *scanning* if it is used with ``search``-like calls."""
        flags = pattern.flags
        parsed = list(P.parse(pattern.pattern, flags))
        problems: list[str] = []
        if not self._has_unbounded(parsed):
            return problems  # nothing can backtrack more than a constant
        start = self.first(parsed, flags)
        self._walk(
            parsed, flags, problems, tail_safe=True, start=start if scanning else None, prefix=[]
        )
        return problems

    def _has_unbounded(self, seq: Iterable[Item]) -> bool:
        for op, av in seq:
            if self._unbounded(op, av):
                return True
            if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
                found = self._has_unbounded(av[2])
            elif op is C.SUBPATTERN:
                found = self._has_unbounded(av[3])
            elif op is C.ATOMIC_GROUP:
                found = self._has_unbounded(av)
            elif op is C.BRANCH:
                found = any(self._has_unbounded(a) for a in av[1])
            elif op in (C.ASSERT, C.ASSERT_NOT):
                found = self._has_unbounded(av[1])
            else:
                found = False
            if found:
                return True
        return False

    @staticmethod
    def _unbounded(op: Any, av: Any) -> bool:
        return op in (C.MAX_REPEAT, C.MIN_REPEAT) and (av[1] is C.MAXREPEAT or av[1] > SMALL_BOUND)

    def _walk(
        self,
        seq: list[Item],
        flags: int,
        problems: list[str],
        *,
        tail_safe: bool,
        start: frozenset[str] | None,
        prefix: list[Item],
        inside_repeat: bool = False,
    ) -> None:
        """Audit *seq*; *prefix* is what the pattern matched before it, *tail_safe* whether
        whatever follows it always succeeds."""
        for i, (op, av) in enumerate(seq):
            rest = seq[i + 1 :]
            before = prefix + seq[:i]
            rest_can_fail = not tail_safe or self._can_fail(rest)
            if self._unbounded(op, av):
                body = list(av[2])
                body_chars = self.chars(body, flags)
                delimited = self._self_delimiting(body, flags)
                if inside_repeat:
                    problems.append(f"nested: an unbounded repeat inside another at item {i}")
                elif not (self._single_character(body) or delimited):
                    problems.append(
                        f"nested: the repeat at item {i} repeats more than one character class "
                        "and its iterations are not delimited"
                    )
                for later in self._following_repeats(rest, flags):
                    if later & body_chars:
                        problems.append(
                            f"adjacent: repeats at item {i} and after it share "
                            f"{''.join(sorted(later & body_chars))[:10]!r}"
                        )
                if (
                    start is not None
                    and rest_can_fail
                    and body_chars & start
                    and self._confined(before, body_chars, flags)
                ):
                    problems.append(
                        f"rescan: the repeat at item {i} can consume the first character "
                        f"{''.join(sorted(body_chars & start))[:10]!r} and must be followed "
                        "by more"
                    )
                self._walk(
                    body,
                    flags,
                    problems,
                    tail_safe=False,
                    start=start,
                    prefix=before,
                    inside_repeat=not delimited,
                )
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
                self._walk(
                    list(av[2]),
                    flags,
                    problems,
                    tail_safe=False,
                    start=start,
                    prefix=before,
                    inside_repeat=inside_repeat,
                )
            elif op is C.SUBPATTERN:
                self._walk(
                    list(av[3]) + rest,
                    flags,
                    problems,
                    tail_safe=tail_safe,
                    start=start,
                    prefix=before,
                    inside_repeat=inside_repeat,
                )
                return
            elif op is C.BRANCH:
                for alternative in av[1]:
                    self._walk(
                        list(alternative) + rest,
                        flags,
                        problems,
                        tail_safe=tail_safe,
                        start=start,
                        prefix=before,
                        inside_repeat=inside_repeat,
                    )
                return
            elif op in (C.ASSERT, C.ASSERT_NOT):
                self._walk(
                    list(av[1]),
                    flags,
                    problems,
                    tail_safe=True,
                    start=start,
                    prefix=before,
                    inside_repeat=inside_repeat,
                )
            # POSSESSIVE_REPEAT and ATOMIC_GROUP never backtrack into themselves; AT and
            # single characters are fixed.

    def _self_delimiting(self, body: list[Item], flags: int) -> bool:
        """Does each iteration of *body* start with a required run of characters that the
        rest of the iteration cannot hold, the rest being non-empty? Then the iterations of
        a match can be told apart in one way only (``(?:,[0-9]{3})+``, ``(?:\\s+[0-9]+)+``)."""
        if not body:
            return False
        op, av = body[0]
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            if av[0] < 1 or not self._single_character(list(av[2])):
                return False
            delimiter = self.chars(av[2], flags)
        elif op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            delimiter = self.charset(op, av, flags)
        else:
            return False
        rest = body[1:]
        return not self.nullable(rest) and not self.chars(rest, flags) & delimiter

    def _confined(self, before: list[Item], chars: frozenset[str], flags: int) -> bool:
        """Can what precedes a repeat match within the characters the repeat consumes? If a
        required item cannot, an attempt reaches the repeat only from a bounded distance
        before a character outside the run, not from every position inside it."""
        for op, av in before:
            if self.nullable([(op, av)]):
                continue
            if not self.chars([(op, av)], flags) & chars:
                return False
        return True

    def _following_repeats(self, rest: list[Item], flags: int) -> Iterator[frozenset[str]]:
        """The first characters of unbounded repeats reachable from the start of *rest*
        through optional items only: where a repeat before them could hand characters over."""
        for op, av in rest:
            if self._unbounded(op, av):
                yield self.first(list(av[2]), flags)
            elif op is C.SUBPATTERN:
                yield from self._following_repeats(list(av[3]), flags)
            elif op is C.BRANCH:
                for alternative in av[1]:
                    yield from self._following_repeats(list(alternative), flags)
            if not self.nullable([(op, av)]):
                return

    @staticmethod
    def _single_character(body: list[Item]) -> bool:
        """One character class: the only repeated body this audit calls unambiguous
        (``(?:ab)+`` is safe too, but ``(?:a|aa)+`` is not, and telling them apart is
        more than an audit needs)."""
        return len(body) == 1 and body[0][0] in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN)

    def _can_fail(self, seq: Iterable[Item]) -> bool:
        """Can *seq* fail to match where it stands? Zero-width assertions (``$``, ``\\b``,
        lookarounds) can, though they consume nothing."""
        for op, av in seq:
            if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
                if av[0] > 0 and self._can_fail(av[2]):
                    return True
            elif op is C.SUBPATTERN:
                if self._can_fail(av[3]):
                    return True
            elif op is C.ATOMIC_GROUP:
                if self._can_fail(av):
                    return True
            elif op is C.BRANCH:
                if all(self._can_fail(a) for a in av[1]):
                    return True
            else:
                return True
        return False
