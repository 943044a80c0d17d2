"""The ``2020`` template (国办公开办函〔2019〕60号), used for the reports
of 2019 and 2020.

Table 二 has five blocks (第二十条第（一）（五）（六）（八）（九）项) with 上一年项目数量 /
本年增/减 columns and 政府集中采购; （六）其他处理 in table 三 is one row.
"""

from __future__ import annotations

from ..tree.nodes import SectionKind
from .heads import HEAD_2020 as HEAD
from .schema import Column, RowSpec, Schema, TableSpec, derived_ahead
from .statutory import (
    APPEALS_TABLE,
    ITEM_1,
    ITEM_5,
    ITEM_6,
    ITEM_8,
    ITEM_9,
    OTHER_HANDLING_SINGLE,
    ROWS_AFTER_OTHER_HANDLING,
    ROWS_BEFORE_OTHER_HANDLING,
    applications_table,
    relations,
)
from .values import ValueKind

DOCUMENTS = (
    Column("made", "本年新制作数量"),
    Column("published", "本年新公开数量"),
    Column("total", "对外公开总数量"),
)
ITEMS = (
    Column("prev_items", "上一年项目数量"),
    Column("change", "本年增/减", ValueKind.SIGNED),
    Column("decisions", "处理决定数量"),
)
FEES = ITEMS[:2]
PROCUREMENT = (
    Column("projects", "采购项目数量"),
    Column("amount", "采购总金额", ValueKind.AMOUNT),
)

ACTIVE_TABLE = TableSpec(
    name="active",
    title="主动公开政府信息情况",
    section=SectionKind.ACTIVE_DISCLOSURE.value,
    signature=("第二十条", "信息内容"),
    rows=(
        RowSpec("rules", "规章", DOCUMENTS, (ITEM_1,)),
        RowSpec("normative_docs", "规范性文件", DOCUMENTS, (ITEM_1,), ("行政规范性文件",)),
        RowSpec("licensing", "行政许可", ITEMS, (ITEM_5,)),
        RowSpec("other_services", "其他对外管理服务事项", ITEMS, (ITEM_5,)),
        RowSpec("penalty", "行政处罚", ITEMS, (ITEM_6,)),
        RowSpec("coercion", "行政强制", ITEMS, (ITEM_6,)),
        RowSpec("fees", "行政事业性收费", FEES, (ITEM_8,)),
        RowSpec("procurement", "政府集中采购", PROCUREMENT, (ITEM_9,)),
    ),
    row_header="信息内容",
)

APPLICATION_ROWS = (*ROWS_BEFORE_OTHER_HANDLING, OTHER_HANDLING_SINGLE, *ROWS_AFTER_OTHER_HANDLING)

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
