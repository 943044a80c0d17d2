"""The ``2021`` template (国办公开办函〔2021〕30号), used for the reports
of 2021 onward.

Table 二 has four blocks with 本年制发件数 / 本年废止件数 / 现行有效件数 and 本年处理决定数量
columns, and no 采购 block; （六）其他处理 in table 三 has three rows, and
``applications.other_handling`` is their sum (derived). A report that still prints （六） as
one row has its values read as ``applications.other_handling`` and the three rows null.
"""

from __future__ import annotations

from ..tree.nodes import SectionKind
from .heads import HEAD_2021 as HEAD
from .schema import Column, RowSpec, Schema, TableSpec, derived_ahead
from .statutory import (
    APPEALS_TABLE,
    ITEM_1,
    ITEM_5,
    ITEM_6,
    ITEM_8,
    OTHER_HANDLING_DERIVED,
    OTHER_HANDLING_PARTS,
    ROWS_AFTER_OTHER_HANDLING,
    ROWS_BEFORE_OTHER_HANDLING,
    applications_table,
    relations,
)
from .values import ValueKind

DOCUMENTS = (
    Column("issued", "本年制发件数"),
    Column("repealed", "本年废止件数"),
    Column("in_force", "现行有效件数"),
)
DECISIONS = (Column("decisions", "本年处理决定数量"),)
FEES = (Column("amount", "本年收费金额（单位：万元）", ValueKind.AMOUNT),)

ACTIVE_TABLE = TableSpec(
    name="active",
    title="主动公开政府信息情况",
    section=SectionKind.ACTIVE_DISCLOSURE.value,
    signature=("第二十条", "信息内容"),
    rows=(
        RowSpec("rules", "规章", DOCUMENTS, (ITEM_1,)),
        RowSpec("normative_docs", "行政规范性文件", DOCUMENTS, (ITEM_1,), ("规范性文件",)),
        RowSpec("licensing", "行政许可", DECISIONS, (ITEM_5,)),
        RowSpec("penalty", "行政处罚", DECISIONS, (ITEM_6,)),
        RowSpec("coercion", "行政强制", DECISIONS, (ITEM_6,)),
        RowSpec("fees", "行政事业性收费", FEES, (ITEM_8,)),
    ),
    row_header="信息内容",
)

APPLICATION_ROWS = (
    *ROWS_BEFORE_OTHER_HANDLING,
    OTHER_HANDLING_DERIVED,
    *OTHER_HANDLING_PARTS,
    *ROWS_AFTER_OTHER_HANDLING,
)

TABLES = (ACTIVE_TABLE, applications_table(APPLICATION_ROWS), APPEALS_TABLE)
RELATIONS = relations(APPLICATION_ROWS)
# What the schema derives from them (keys, kinds, sums), written ahead of time.
derived_ahead(HEAD.id, TABLES, RELATIONS)

SCHEMA = Schema(
    id=HEAD.id,
    title=HEAD.title,
    first_year=HEAD.first_year,
    last_year=HEAD.last_year,
    tables=TABLES,
    relations=RELATIONS,
    markers=HEAD.markers,
)
