"""Which node owns each line of a report's source: the "nothing lost" check."""

from __future__ import annotations

from collections import Counter

from gipparse import Paragraph, Report, Span


def _lines(span: Span | None) -> range:
    assert span is not None, "every parsed node has a span"
    return range(span.line, span.end_line + 1)


def line_owners(report: Report) -> Counter[int]:
    """How many leaf nodes (headings, paragraphs, table rows, separator rows) own each line."""
    owners: Counter[int] = Counter()
    for section in report.sections:
        if section.heading is not None:
            owners.update(_lines(section.heading.span))
        for block in section.blocks:
            if isinstance(block, Paragraph):
                owners.update(_lines(block.span))
                continue
            for row in block.rows:
                owners.update(_lines(row.span))
            if block.header_rows:
                above = block.rows[block.header_rows - 1].span
                assert above is not None
                owners[above.end_line + 1] += 1  # the Markdown separator row
    return owners


def unowned_lines(report: Report) -> list[tuple[int, str]]:
    """Non-blank lines owned by no node and named by no diagnostic, or owned twice."""
    owners = line_owners(report)
    diagnosed = {line for d in report.diagnostics if d.span for line in _lines(d.span)}
    problems = []
    for number, line in enumerate(
        report.source.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1
    ):
        if not line.strip():
            continue
        count = owners[number]
        if count > 1 or (count == 0 and number not in diagnosed):
            problems.append((number, line))
    return problems
