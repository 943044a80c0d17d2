"""The one catalogue of diagnostic codes: every code gipparse itself emits, with its
meaning (``docs/diagnostics.md`` explains each with an example).

A code is ``<area>.<what>``: ``source.*`` (reading bytes), ``tab.*`` and ``pipe.*`` (table
syntax), ``section.*`` and ``metadata.*`` (structure), ``template.*``, ``table.*`` and
``value.*`` (reading the statutory tables), ``relation.*`` (the template's sums: a
template that defines a relation ``<name>`` emits ``relation.<name>``), ``report.*``
(export records), ``prose.*`` and ``corpus.*`` (findings of the checks of
:mod:`gipparse.checks.corpus`). Plugins add codes of their own (the reader plugins'
``source.*``).
"""

from __future__ import annotations

#: Codes the parser emits, with their meaning.
PARSER_CODES: dict[str, str] = {
    "source.mixed-encoding": "a line not in the encoding of the rest of the source, read "
    "in the one it is in",
    "source.invalid-bytes": "bytes no encoding accepts, shown as U+FFFD",
    "source.big5": "text in Big5, not GB18030, read as Big5",
    "tab.unindented-cell": "a value without its leading TAB, read as a cell of its own",
    "pipe.stray-separator": "a separator row that carries no meaning, skipped",
    "section.missing": "a statutory section, or every one, was not found",
    "template.no-tables": "no statutory table was found; the report has no statistics",
    "template.missing-table": "one of the template's tables was not found; its values are null",
    "template.year-mismatch": "the tables follow another template than the report year implies",
    "template.ambiguous": "the tables fit more than one template; the one reading most values won",
    "template.collapsed-row": "a row the template splits is printed as one row (2021: "
    "（六）其他处理); the parts are null",
    "table.missing-row": "rows of a statutory table are missing; their values are null",
    "table.unknown-row": "a row with values whose label matches no row of the template",
    "table.duplicate-row": "a row printed twice; the first is kept",
    "table.unlabelled-row": "a row without its label, placed by template order (or not at all "
    "when the rows without labels do not fit the gap exactly)",
    "table.read-by-position": "rows whose labels were lost were placed by position; the "
    "relations hold on values whose meaning was inferred, so valid does not verify them",
    "table.read-by-arithmetic": "cells cut from runs of digits by the template's relations "
    "(a flattened table, or the gaps of a table filled from its digits): the relations "
    "hold on them by construction, so valid does not verify them",
    "table.numbering-order": "a row label of table 三 numbered lower than the label above "
    "it: rows moved or labels pasted onto the wrong rows",
    "table.fuzzy-label": "a label read despite a typo",
    "table.values-below-label": "a label and its values printed on separate rows",
    "table.extra-cell": "a row holds more value cells than the template has columns",
    "table.missing-cell": "a row holds fewer value cells than the template has columns",
    "table.values-in-one-cell": "the values of a row written in one cell, separated by spaces",
    "table.concatenated-values": "the values of a row run together in one string of digits, "
    "which cannot be split without guessing",
    "table.flattened": "the statutory tables are flattened into running text; their cells "
    "were told apart by the template's arithmetic",
    "table.flattened-gaps": "values a table left unread (cells lost or glued) read from "
    "its digits as a flattened table",
    "table.flattened-gaps-refused": "rows a table left unread whose flattened reading is "
    "not certain; their values stay null",
    "table.flattened-ambiguous": "a row of a flattened table whose digits can be cut in "
    "more than one way that satisfies every relation; the cells that differ are null",
    "table.flattened-unfit": "a row of a flattened table whose digits cannot be cut into "
    "its cells at all; its values are null",
    "table.flattened-search-cut": "a row of a flattened table with too many ways to cut "
    "its digits to search them all; its values are null",
    "value.blank-zero": "empty value cells read as 0",
    "value.dash-zero": "a cell holding only a dash (—, -, --), /, \\, _ or 无 read as 0",
    "value.annotated": "a number followed by a remark; the number is read",
    "value.unit-converted": "an amount written in 元 or 亿元 converted to 万元",
    "value.unreadable": "a cell that is not a number; its value is null",
    "value.negative": "a negative number where the column cannot be negative; null",
    "value.fraction": "a fraction where the column holds whole numbers; null",
    "relation.balance": "一 + 二 differs from （七）总计 + 四 in a column of table 三",
    "relation.results-total": "（七）总计 differs from the sum of the results in a column",
    "relation.row-total": "a row's 总计 differs from the sum of its six applicant columns",
    "relation.appeals-total": "a group of table 四: 总计 differs from the sum of its outcomes",
    "relation.unchecked": "a relation that could not be evaluated because a value is null",
    "metadata.no-agency": "the agency is named neither in a title nor as the compiler",
    "metadata.no-year": "no report year in the title, the statistics period or the text",
    "section.fuzzy-heading": "a section heading read despite a typo",
    "section.repeated-heading": "a second heading of a section kind, kept as a paragraph",
}

#: Codes export records add to what the parser reports, with their meaning.
RECORD_CODES: dict[str, str] = {
    "source.unreadable": "the file could not be read as a report: missing, unreadable, "
    "binary, in an unknown encoding, or empty, or a folder met in a walk could not be "
    "listed; the record has no metadata and no statistics",
    "source.too-large": "the file is larger than the maximum input size; not read",
    "report.plugin-error": "a plugin failed on this file; the record has no statistics",
    "report.internal-error": "gipparse itself failed on this file (a bug worth reporting); "
    "the record has no statistics",
    "report.timeout": "reading the file took longer than the time budget of the batch "
    "(--timeout); it was abandoned, the record has no statistics",
    "report.worker-died": "the worker process reading the file died (killed by the system, "
    "out of memory, or a crash in a native library); the record has no statistics",
    "report.no-statistics": "the file was read but no statutory template was recognised in "
    "it, and no other error says why",
}

#: Codes of the findings of the checks between reports and of a report's text against
#: its tables (:mod:`gipparse.checks.corpus`), with their meaning.
FINDING_CODES: dict[str, str] = {
    "prose.mismatch": "a number the report's text states differs from its table",
    "corpus.carry-over": "结转下年度 of one year differs from 上年结转 of the next",
    "corpus.in-force": "现行有效 of one year + 制发 − 废止 of the next differs from its 现行有效",
    "corpus.duplicate": "two reports of one agency and year; neither is compared",
    "corpus.unchecked": "a comparison between years that an unknown value prevents",
}

#: Every code, with its meaning.
DIAGNOSTIC_CODES: dict[str, str] = {**PARSER_CODES, **RECORD_CODES, **FINDING_CODES}
