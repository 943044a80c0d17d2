"""What recognising a report needs of each built-in template, apart from its tables: id,
title, years and markers (see :class:`gipparse.templates.schema.Schema`). The data modules
(``y2020``, ``y2021``) make their schemas with these; the built-in plugin registers the
templates with these alone, and imports a data module when its template is first read.
"""

from __future__ import annotations


class Head:
    """What recognising a report needs of a template (a plain class: a named tuple costs
    more to make than all of this module)."""

    __slots__ = ("first_year", "id", "last_year", "markers", "title")

    def __init__(
        self,
        id: str,
        title: str,
        first_year: int,
        last_year: int | None,
        markers: tuple[str, ...],
    ) -> None:
        self.id = id
        self.title = title
        self.first_year = first_year
        self.last_year = last_year
        self.markers = markers


HEAD_2020 = Head(
    id="2020",
    title="国办公开办函〔2019〕60号",
    first_year=2019,
    last_year=2020,
    markers=(
        "本年新制作数量",
        "本年新公开数量",
        "上一年项目数量",
        "本年增/减",
        "其他对外管理服务事项",
        "第二十条第（九）项",
        "政府集中采购",
    ),
)

HEAD_2021 = Head(
    id="2021",
    title="国办公开办函〔2021〕30号",
    first_year=2021,
    last_year=None,
    markers=(
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额",
        "申请人无正当理由逾期不补正",
    ),
)

#: The heads of the built-in templates, oldest first.
HEADS = (HEAD_2020, HEAD_2021)
