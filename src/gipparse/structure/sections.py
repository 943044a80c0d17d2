"""Recognising section headings and grouping blocks into sections.

Headings are recognised in paragraphs only (a table cell such as ``一、本年新收…`` is never
a heading), on the folded Simplified form of the line, with or without a numeral, and
with one typo allowed in short lines. Each kind opens at most one section; text before
the first heading is the ``preamble`` section, and what follows the body of the last
section (a signature and date, chart data exported from a figure) the ``closing`` one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from .. import patterns
from ..tree.nodes import (
    Block,
    Diagnostic,
    Heading,
    Paragraph,
    Section,
    SectionKind,
    Severity,
    Span,
    new_heading,
    new_section,
    new_span,
)
from ..tree.text import fold, normalize_text

#: Folded heading bodies per section kind (folding turns 、 into , and drops spaces).
SECTION_HEADINGS: tuple[tuple[SectionKind, str], ...] = (
    (SectionKind.OVERVIEW, r"(?:政府信息公开(?:工作)?)?(?:总体情况|概述|概况)"),
    (SectionKind.ACTIVE_DISCLOSURE, r"(?:行政机关)?主动公开政府信息(?:的)?情况"),
    (SectionKind.APPLICATIONS, r"(?:行政机关)?收到和处理政府信息公开申请(?:的)?情况"),
    (
        SectionKind.APPEALS,
        r"(?:政府信息公开)?行政复议[,和及与]?行政诉讼(?:的)?情况"
        r"|因政府信息公开(?:工作)?被申请行政复议[,和及与]?提起行政诉讼(?:的)?情况",
    ),
    (
        SectionKind.PROBLEMS,
        r"(?:政府信息公开|政务信息公开|政务公开)?(?:工作)?存在的?主要问题(?:及|和|与)改进(?:情况|措施)",
    ),
    (SectionKind.OTHER, r"其[他它]需要报告的?事项"),
)

#: The heading of each section as the templates print it.
SECTION_TITLES: tuple[tuple[SectionKind, str], ...] = (
    (SectionKind.OVERVIEW, "一、总体情况"),
    (SectionKind.ACTIVE_DISCLOSURE, "二、主动公开政府信息情况"),
    (SectionKind.APPLICATIONS, "三、收到和处理政府信息公开申请情况"),
    (SectionKind.APPEALS, "四、政府信息公开行政复议、行政诉讼情况"),
    (SectionKind.PROBLEMS, "五、存在的主要问题及改进情况"),
    (SectionKind.OTHER, "六、其他需要报告的事项"),
)

#: An optional numeral before a heading: 一、 / 一. / 1、 / 1. (folded: 、 is ",").
_NUMERAL = r"(?:[一二三四五六七八九十]{1,2}[,.]?|[0-9]{1,2}[,.])?"
_EXACT_RE = patterns.compile(
    _NUMERAL + "(?:" + "|".join(f"(?P<{k.value}>{p})" for k, p in SECTION_HEADINGS) + r")[:.]?"
)
#: Longest folded line that may be a heading.
MAX_HEADING_LENGTH = 40
#: Fuzzy matching is tried only on lines this short that hold one of these words.
MAX_FUZZY_LENGTH = 32
_FUZZY_HINTS = ("情况", "事项", "问题", "概述")


#: (Compiled when first used, as the patterns of closing lines below: by a heading with a
#: typo, by a report's last lines when they are a date or chart data.)
_NUMERAL_RE = patterns.lazy(_NUMERAL)
#: Every character a numeral may hold.
_NUMERAL_CHARACTERS = "一二三四五六七八九十0123456789,."


def _expand(pattern: str) -> frozenset[str]:
    """Every text *pattern* matches: literals, classes, groups, alternatives and short
    repeats only (what the heading bodies are made of)."""
    parser: Any = importlib.import_module("re._parser")
    c: Any = importlib.import_module("re._constants")

    def sequence(items: Any) -> set[str]:
        found = {""}
        literal: list[str] = []  # a run of literals is appended at once
        for op, av in items:
            if op is c.LITERAL:
                literal.append(chr(av))
                continue
            if literal:
                run, literal = "".join(literal), []
                found = {a + run for a in found}
            found = {a + b for a in found for b in one(op, av)}
        if literal:
            run = "".join(literal)
            found = {a + run for a in found}
        return found

    def one(op: Any, av: Any) -> set[str]:
        if op is c.LITERAL:
            return {chr(av)}
        if op is c.IN:
            chars: set[str] = set()
            for item, value in av:
                if item is c.LITERAL:
                    chars.add(chr(value))
                elif item is c.RANGE:
                    chars.update(map(chr, range(value[0], value[1] + 1)))
                else:
                    raise ValueError(f"cannot expand {item} in {pattern!r}")
            return chars
        if op is c.SUBPATTERN:
            return sequence(av[3])
        if op is c.BRANCH:
            return set().union(*(sequence(branch) for branch in av[1]))
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[1] <= 4:
            lowest, highest, item = av
            options = sequence(item)
            found: set[str] = set()
            repeated = {""}
            for n in range(highest + 1):
                if n >= lowest:
                    found |= repeated
                repeated = {a + b for a in repeated for b in options}
            return found
        raise ValueError(f"cannot expand {op} in {pattern!r}")

    return frozenset(sequence(parser.parse(pattern)))


class OneEdit:
    """Whether a folded line is a heading of one kind (a numeral, then one of the kind's
    bodies) with at most one character inserted, deleted or replaced.

    This is what the ``regex`` pattern ``(?:NUMERAL(?:BODY)){e<=1}`` says, told with sets of
    the bodies' texts (a few hundred in all): importing ``regex`` costs a process more than
    parsing a report, and a heading with a typo is met by many first reports.
    """

    def __init__(self, body: str) -> None:
        from .headings import BODIES

        known = BODIES.get(body)
        self.bodies = _expand(body) if known is None else frozenset(known)
        self._lengths = range(
            min(map(len, self.bodies), default=0) - 1, max(map(len, self.bodies), default=0) + 2
        )
        #: By a text's length: each body of that length without one of its characters and
        #: where that character was, and each body one longer without one of its
        #: characters; made for the lengths of the texts looked at only (a few thousand
        #: texts for all lengths: most of what telling a heading with a typo cost a first
        #: report).
        self._cuts: dict[int, tuple[set[tuple[str, int]], set[str]]] = {}

    def _cuts_of(self, length: int) -> tuple[set[tuple[str, int]], set[str]]:
        found = self._cuts.get(length)
        if found is None:
            same = [b for b in self.bodies if len(b) == length]
            longer = [b for b in self.bodies if len(b) == length + 1]
            found = self._cuts[length] = (
                {(b[:i] + b[i + 1 :], i) for b in same for i in range(length)},
                {b[:i] + b[i + 1 :] for b in longer for i in range(length + 1)},
            )
        return found

    def _near_body(self, text: str) -> bool:
        """*text* is a body with at most one edit."""
        if len(text) not in self._lengths:  # no body one edit away has its length
            return False
        if text in self.bodies:
            return True
        replaced, shorter = self._cuts_of(len(text))
        if text in shorter:
            return True
        for i in range(len(text)):
            cut = text[:i] + text[i + 1 :]
            if cut in self.bodies or (cut, i) in replaced:
                return True
        return False

    def fullmatch(self, text: str) -> bool:
        # A numeral is at most three characters (二十、), four with a character too many.
        numeral = _NUMERAL_RE()
        for k in range(min(len(text), 4) + 1):
            head, rest = text[:k], text[k:]
            if numeral.fullmatch(head):
                if self._near_body(rest):
                    return True
            elif rest in self.bodies and _near_numeral(head):
                return True
        return False


def _near_numeral(text: str) -> bool:
    """*text* is a numeral (or nothing) with one character inserted, deleted or replaced."""
    numeral = _NUMERAL_RE()
    for i in range(len(text)):
        if numeral.fullmatch(text[:i] + text[i + 1 :]):
            return True
    for i in range(len(text) + 1):
        for char in _NUMERAL_CHARACTERS:
            if numeral.fullmatch(text[:i] + char + text[i:]):
                return True
            if i < len(text) and numeral.fullmatch(text[:i] + char + text[i + 1 :]):
                return True
    return False


@lru_cache(maxsize=1)
def _fuzzy_patterns() -> tuple[tuple[SectionKind, OneEdit], ...]:
    return tuple((kind, OneEdit(body)) for kind, body in SECTION_HEADINGS)


@lru_cache(maxsize=4096)
def heading_kind(folded: str) -> tuple[SectionKind, bool] | None:
    """The section kind a folded line announces: ``(kind, exact)``, or ``None``.

    A typo is tolerated only in short lines holding one of the usual words, and never in a
    line opening with a bracketed numeral (``（一）主动公开情况`` is a sub-heading).
    """
    if not folded or len(folded) > MAX_HEADING_LENGTH:
        return None
    m = _EXACT_RE.fullmatch(folded)
    if m is not None:
        assert m.lastgroup is not None
        return SectionKind(m.lastgroup), True
    if (
        len(folded) <= MAX_FUZZY_LENGTH
        and folded[0] != "("
        and any(h in folded for h in _FUZZY_HINTS)
    ):
        for kind, pattern in _fuzzy_patterns():
            if pattern.fullmatch(folded):
                return kind, False
    return None


@lru_cache(maxsize=8192)
def _heading_candidate(raw: str) -> str | None:
    """The folded *raw*, or ``None`` when it is too long to be a heading.

    Folding never lengthens text, and folding normalised text only drops its spaces, so a
    long paragraph is told apart without folding it."""
    if len(raw) > MAX_HEADING_LENGTH:
        text = normalize_text(raw)
        if len(text) - text.count(" ") > MAX_HEADING_LENGTH:
            return None
    return fold(raw)


#: The value of each section kind: an enum member's ``value`` is a property, read in Python
#: (0.24 µs, several times a report).
_VALUE: dict[SectionKind, str] = {kind: kind.value for kind in SectionKind}


def build_sections(
    blocks: Sequence[Block],
    to_simplified: Callable[[str], str],
    diagnostics: list[Diagnostic],
) -> tuple[Section, ...]:
    """Group *blocks* into sections at the paragraphs that are headings."""
    sections: list[Section] = []
    seen: set[SectionKind] = set()
    kind: str = _VALUE[SectionKind.PREAMBLE]
    heading: Heading | None = None
    current: list[Block] = []
    # (A section is closed by _close, given what it needs, rather than by a closure over
    # this function's variables, which would make every read of them a read through a
    # cell.)
    for block in blocks:
        if isinstance(block, Paragraph):
            # Only a line short enough to be a heading is converted to Simplified.
            folded = _heading_candidate(block.raw)
            found = heading_kind(to_simplified(folded)) if folded is not None else None
            if found is not None:
                new_kind, exact = found
                if new_kind in seen:
                    diagnostics.append(
                        Diagnostic(
                            Severity.INFO,
                            "section.repeated-heading",
                            f"a second {new_kind.value} heading is kept as a paragraph",
                            block.span,
                        )
                    )
                else:
                    _close(sections, kind, heading, current)
                    seen.add(new_kind)
                    kind = _VALUE[new_kind]
                    heading = new_heading(block.raw, kind, block.span)
                    current = []
                    if not exact:
                        diagnostics.append(
                            Diagnostic(
                                Severity.INFO,
                                "section.fuzzy-heading",
                                f"{block.text!r} read as the {kind} heading despite a typo",
                                block.span,
                            )
                        )
                    continue
        current.append(block)
    _close(sections, kind, heading, current)
    if sections and sections[-1].heading is not None:
        last = sections[-1]
        body, closing = split_closing(last.blocks)
        if closing:
            sections[-1] = new_section(last.kind, last.heading, body, _span(last.heading, body))
            sections.append(
                new_section(_VALUE[SectionKind.CLOSING], None, closing, _span(None, closing))
            )
    diagnostics.extend(missing_sections(seen))
    return tuple(sections)


def missing_sections(found: set[SectionKind]) -> list[Diagnostic]:
    """``section.missing`` for each statutory section without a heading: damage (a report
    cut short says where it ends), an unrecognised heading, or not a report at all."""
    if not found:
        return [
            Diagnostic(
                Severity.WARNING,
                "section.missing",
                "no heading of the six statutory sections ("
                + ", ".join(title for _, title in SECTION_TITLES)
                + ") was found",
            )
        ]
    if found >= _STATUTORY:
        return []
    order = [kind for kind, _ in SECTION_TITLES]
    last = max(order.index(kind) for kind in found)
    missing = []
    for position, (kind, title) in enumerate(SECTION_TITLES):
        if kind in found:
            continue
        message = f"no {title} section ({kind.value})"
        if position > last:
            message += f"; the report may be cut short after {SECTION_TITLES[last][1]}"
        missing.append(Diagnostic(Severity.WARNING, "section.missing", message))
    return missing


_STATUTORY = frozenset(kind for kind, _ in SECTION_TITLES)

#: A date line closing a report: 2021年1月18日, 二〇二一年一月十八日.
_DATE_LINE_RE = patterns.lazy(
    r"(?:(?:19|20)[0-9]{2}年[0-9]{1,2}月(?:[0-9]{1,2}日)?"
    r"|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?)"
)
#: Longest line taken for a signature line or a caption above chart data.
MAX_SIGNATURE_LENGTH = 30
_NOT_SIGNATURE_RE = patterns.lazy(r"[。；;：:,，]|^\(?[0-9一二三四五六七八九十]{1,2}[.,、)）]")


def _close(
    sections: list[Section], kind: str, heading: Heading | None, current: list[Block]
) -> None:
    """Add the section *heading* opens (none: the preamble) to *sections*, its blocks
    *current*, unless it has neither."""
    if heading is not None or current:
        sections.append(new_section(kind, heading, tuple(current), _span(heading, current)))


def split_closing(blocks: Sequence[Block]) -> tuple[tuple[Block, ...], tuple[Block, ...]]:
    """Split the blocks of the last section into its body and a closing block: a trailing
    date line or run of chart-data lines (cells separated by TABs), with up to two short
    lines above it (the signing agency, a chart caption). The body keeps at least its first
    block."""
    start = len(blocks)
    while start > 1:
        block = blocks[start - 1]
        if not isinstance(block, Paragraph):
            break
        # Dates read the same in both scripts: no conversion needed.
        if "\t" in block.raw.lstrip() or _DATE_LINE_RE().fullmatch(fold(block.raw)):
            start -= 1
            continue
        break
    if start == len(blocks):
        return tuple(blocks), ()
    for _ in range(2):
        if start <= 1:
            break
        block = blocks[start - 1]
        if not isinstance(block, Paragraph):
            break
        text = normalize_text(block.raw)
        if len(text) > MAX_SIGNATURE_LENGTH or _NOT_SIGNATURE_RE().search(text):
            break
        start -= 1
    return tuple(blocks[:start]), tuple(blocks[start:])


def _span(heading: Heading | None, blocks: Sequence[Block]) -> Span | None:
    first = heading.span if heading is not None else (blocks[0].span if blocks else None)
    last = blocks[-1].span if blocks else first
    if first is None or last is None:
        return None
    return new_span((first.line, first.column, last.end_line, last.end_column))
