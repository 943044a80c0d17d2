"""Definitions both statutory templates share: table 三's columns and rows, table 四, and
the relations between their numbers.

Labels are the Simplified forms the templates print; keys are the public data contract
(``statistics-schema.md``). Table 二 differs between the templates and is defined in each
template's own module.
"""

from __future__ import annotations

from ..tree.nodes import SectionKind
from .schema import Column, Relation, RowSpec, TableSpec

# ---------------------------------------------------------------------------
# Table 二: 主动公开政府信息情况 — the captions of its blocks (its rows differ per template)
# ---------------------------------------------------------------------------

ITEM_1 = "第二十条第（一）项"
ITEM_5 = "第二十条第（五）项"
ITEM_6 = "第二十条第（六）项"
ITEM_8 = "第二十条第（八）项"
ITEM_9 = "第二十条第（九）项"

# ---------------------------------------------------------------------------
# Table 三: 收到和处理政府信息公开申请情况
# ---------------------------------------------------------------------------

APPLICANT_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("nonprofit", "社会公益组织"),
    Column("legal_services", "法律服务机构"),
    Column("other_org", "其他"),
    Column("total", "总计"),
)
#: The six applicant columns whose sum is the row's 总计.
APPLICANT_PARTS = tuple(c.key for c in APPLICANT_COLUMNS[:-1])

RESULTS = "三、本年度办理结果"
WITHHELD = "（三）不予公开"
UNAVAILABLE = "（四）无法提供"
NOT_PROCESSED = "（五）不予处理"
OTHER_HANDLING = "（六）其他处理"


def _row(
    key: str,
    label: str,
    *groups: str,
    aliases: tuple[str, ...] = (),
    derived: tuple[str, ...] = (),
    misprints: tuple[str, ...] = (),
) -> RowSpec:
    return RowSpec(key, label, APPLICANT_COLUMNS, groups, aliases, derived, misprints)


ROWS_BEFORE_OTHER_HANDLING: tuple[RowSpec, ...] = (
    _row("new", "一、本年新收政府信息公开申请数量"),
    _row("carried_over", "二、上年结转政府信息公开申请数量"),
    _row("granted", "（一）予以公开", RESULTS),
    _row(
        "partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        RESULTS,
    ),
    _row("withheld.state_secret", "1.属于国家秘密", RESULTS, WITHHELD),
    _row(
        "withheld.prohibited_by_law",
        "2.其他法律行政法规禁止公开",
        RESULTS,
        WITHHELD,
        misprints=("2.其他法律行政止公开",),  # 洪泽区 2023 and 2024
    ),
    _row("withheld.security_stability", "3.危及“三安全一稳定”", RESULTS, WITHHELD),
    _row("withheld.third_party", "4.保护第三方合法权益", RESULTS, WITHHELD),
    _row("withheld.internal_affairs", "5.属于三类内部事务信息", RESULTS, WITHHELD),
    _row("withheld.process_info", "6.属于四类过程性信息", RESULTS, WITHHELD),
    _row("withheld.enforcement_files", "7.属于行政执法案卷", RESULTS, WITHHELD),
    _row("withheld.query_matters", "8.属于行政查询事项", RESULTS, WITHHELD),
    _row("unavailable.not_held", "1.本机关不掌握相关政府信息", RESULTS, UNAVAILABLE),
    _row("unavailable.needs_creation", "2.没有现成信息需要另行制作", RESULTS, UNAVAILABLE),
    _row("unavailable.unclear", "3.补正后申请内容仍不明确", RESULTS, UNAVAILABLE),
    _row("not_processed.petition", "1.信访举报投诉类申请", RESULTS, NOT_PROCESSED),
    _row("not_processed.repeated", "2.重复申请", RESULTS, NOT_PROCESSED),
    _row("not_processed.publication", "3.要求提供公开出版物", RESULTS, NOT_PROCESSED),
    _row("not_processed.excessive", "4.无正当理由大量反复申请", RESULTS, NOT_PROCESSED),
    _row(
        "not_processed.confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        RESULTS,
        NOT_PROCESSED,
    ),
)
ROWS_AFTER_OTHER_HANDLING: tuple[RowSpec, ...] = (
    _row("total", "（七）总计", RESULTS),
    _row("carried_forward", "四、结转下年度继续办理"),
)

#: （六）其他处理 as one row (template 2020).
OTHER_HANDLING_SINGLE = _row("other_handling", OTHER_HANDLING, RESULTS)

#: （六）其他处理 as a group of three rows (template 2021), and the row summing them.
OTHER_HANDLING_PARTS: tuple[RowSpec, ...] = (
    _row(
        "other_handling.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        RESULTS,
        OTHER_HANDLING,
    ),
    _row(
        "other_handling.unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        RESULTS,
        OTHER_HANDLING,
    ),
    _row("other_handling.other", "3.其他", RESULTS, OTHER_HANDLING),
)
OTHER_HANDLING_DERIVED = _row(
    "other_handling",
    OTHER_HANDLING,
    RESULTS,
    derived=tuple(r.key for r in OTHER_HANDLING_PARTS),
)

APPLICATIONS_HEADER: tuple[tuple[str, ...], ...] = (
    ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"),
    ("", "自然人", "法人或其他组织", "总计"),
    ("", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""),
)


def applications_table(rows: tuple[RowSpec, ...]) -> TableSpec:
    """Table 三 with the given rows."""
    return TableSpec(
        name="applications",
        title="收到和处理政府信息公开申请情况",
        section=SectionKind.APPLICATIONS.value,
        signature=("申请人情况", "勾稽关系", "法人或其他组织"),
        rows=rows,
        header=APPLICATIONS_HEADER,
    )


# ---------------------------------------------------------------------------
# Table 四: 政府信息公开行政复议、行政诉讼情况
# ---------------------------------------------------------------------------

APPEAL_GROUPS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"),
    ("litigation_direct", "行政诉讼 · 未经复议直接起诉"),
    ("litigation_after_review", "行政诉讼 · 复议后起诉"),
)
APPEAL_OUTCOMES: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)

APPEALS_TABLE = TableSpec(
    name="appeals",
    title="政府信息公开行政复议、行政诉讼情况",
    section=SectionKind.APPEALS.value,
    signature=("行政复议", "行政诉讼"),
    rows=(
        RowSpec(
            "",
            "",
            tuple(
                Column(f"{g}.{o}", f"{glabel} · {olabel}")
                for g, glabel in APPEAL_GROUPS
                for o, olabel in APPEAL_OUTCOMES
            ),
        ),
    ),
    header=(
        ("行政复议", "行政诉讼"),
        ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"),
        ("", "", "", "", "", *(o for _, o in APPEAL_OUTCOMES), *(o for _, o in APPEAL_OUTCOMES)),
    ),
    labelled=False,
)


# ---------------------------------------------------------------------------
# Relations
# ---------------------------------------------------------------------------


def relations(rows: tuple[RowSpec, ...]) -> tuple[Relation, ...]:
    """The relations of a template whose table 三 has *rows*: balance and results total per
    column, row total per row, total per appeals group."""
    columns = tuple(c.key for c in APPLICANT_COLUMNS)
    column_labels = tuple(c.label for c in APPLICANT_COLUMNS)
    results = tuple(
        f"applications.{r.key}.{{}}"
        for r in rows
        if RESULTS in r.groups
        and r.key != "total"
        and r.groups[-1] != OTHER_HANDLING  # counted through their sum
    )
    return (
        Relation(
            name="balance",
            description="一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度",
            left=("applications.new.{}", "applications.carried_over.{}"),
            right=("applications.total.{}", "applications.carried_forward.{}"),
            over=columns,
            axis="column",
            anchor="applications.total.{}",
            labels=column_labels,
        ),
        Relation(
            name="results-total",
            description="（七）总计 = the sum of the results （一）…（六）",
            left=("applications.total.{}",),
            right=results,
            over=columns,
            axis="column",
            anchor="applications.total.{}",
            labels=column_labels,
        ),
        Relation(
            name="row-total",
            description="总计 = 自然人 + the five kinds of 法人或其他组织",
            left=("applications.{}.total",),
            right=tuple(f"applications.{{}}.{c}" for c in APPLICANT_PARTS),
            over=tuple(r.key for r in rows),
            axis="row",
            anchor="applications.{}.total",
            labels=tuple(r.label for r in rows),
        ),
        Relation(
            name="appeals-total",
            description="总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
            left=("appeals.{}.total",),
            right=tuple(f"appeals.{{}}.{o}" for o, _ in APPEAL_OUTCOMES[:-1]),
            over=tuple(g for g, _ in APPEAL_GROUPS),
            axis="group",
            anchor="appeals.{}.total",
            labels=tuple(label for _, label in APPEAL_GROUPS),
        ),
    )
