"""Publishing the seed reports as web pages, the way agency sites do.

A page is generated from a seed's parsed text: its headings and paragraphs as ``<p>`` or
``<h*>``, its tables with the ``rowspan``/``colspan`` they had (inferred from the tab
layout), ``&nbsp;`` for every NBSP, and, depending on the :class:`Style`, page chrome
around the report, a GBK encoding with or without a ``<meta>`` declaration, zero cells
left blank, cell lines as paragraphs, or an old-style page laid out with tables.
"""

from __future__ import annotations

import html
import re
from typing import Any

import attrs
import pytest

from gipparse import Paragraph, Table

#: Text of the page chrome: none of it may reach a report.
CHROME_TEXTS = (
    "网站首页",
    "办事大厅",
    "政府信息公开指南",
    "2019年政府信息公开工作年度报告",
    "互动交流",
    "请输入关键字",
    "当前位置",
    "发布日期",
    "分享到",
    "打印本页",
    "关闭窗口",
    "相关链接",
    "上一篇",
    "主办单位",
    "ICP备",
    "统计代码",
    "广告位",
    "本站所有",
)


@attrs.frozen
class Style:
    """How a page is published."""

    name: str
    encoding: str = "utf-8"
    #: The charset label declared, or None for no declaration.
    declared: str | None = "utf-8"
    #: ``charset`` (``<meta charset>``) or ``http-equiv``.
    meta: str = "charset"
    #: ``modern`` (class names, a content container), ``semantic`` (header/nav/article/
    #: footer), ``layout`` (tables for layout, no class names) or ``bare`` (no chrome).
    page: str = "modern"
    headings: str = "p-strong"  # or "h"
    cell_lines: str = "br"  # or "p"
    blank_zeros: bool = False

    @property
    def has_title(self) -> bool:
        return self.page != "bare"


STYLES = {
    s.name: s
    for s in (
        Style("modern-utf8"),
        Style(
            "modern-gbk-meta",
            encoding="gbk",
            declared="gb2312",
            meta="http-equiv",
            headings="h",
            cell_lines="p",
        ),
        Style("semantic-gbk-undeclared", encoding="gbk", declared=None, page="semantic"),
        Style("layout-tables", page="layout", headings="h", declared="GBK", encoding="gbk"),
        Style("blank-zeros", blank_zeros=True, cell_lines="p"),
        Style("bare", page="bare"),
    )
}


def _escape(text: str) -> str:
    return html.escape(text, quote=False).replace("\xa0", "&nbsp;")


def _cell_html(text: str, style: Style) -> str:
    lines = text.split("\n")
    if style.cell_lines == "p" and len(lines) > 1:
        return "".join(f"<p>{_escape(line)}</p>" for line in lines)
    return "<br>".join(_escape(line) for line in lines)


def _table_html(table: Table, seed: Any, style: Style, support: Any) -> str:
    grid = support.merged_layout(table, continuations=seed.tab_tables)
    rows = []
    for row in grid.rows:
        cells = []
        for cell in row:
            attrs_ = ""
            if cell.rowspan > 1:
                attrs_ += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attrs_ += f" colspan={cell.colspan}"
            text = cell.text
            if style.blank_zeros and support.is_blank_zero(table, seed, table_text(text)):
                # Half the blank cells hold a &nbsp;, as editors leave them.
                body = "&nbsp;" if (cell.row + cell.column) % 2 else ""
            else:
                body = _cell_html(text, style)
            cells.append(f'<td{attrs_} style="border:1px solid #000">{body}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<table class="MsoNormalTable" border="1" cellspacing="0" width="100%">'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody></table>"
    )


def table_text(raw: str) -> str:
    from gipparse import Cell

    return Cell(raw).text


def _body_html(seed: Any, style: Style, support: Any) -> str:
    out: list[str] = []
    for section in seed.report.sections:
        if section.heading is not None:
            text = _escape(section.heading.raw)
            if style.headings == "h":
                out.append(f"<h3>{text}</h3>")
            else:
                out.append(f'<p style="text-indent:2em"><strong>{text}</strong></p>')
        for block in section.blocks:
            if isinstance(block, Paragraph):
                m = re.fullmatch(r"\s*!\[([^\]]*)\]\(([^)]*)\)\s*", block.raw)
                if m:
                    out.append(
                        f'<p style="text-align:center"><img src="{html.escape(m.group(2))}" '
                        f'alt="{html.escape(m.group(1))}"></p>'
                    )
                else:
                    out.append(f'<p style="text-indent:2em">{_escape(block.raw)}</p>')
            else:
                out.append(_table_html(block, seed, style, support))
    return "\n".join(out)


def _head(style: Style, title: str) -> str:
    meta = ""
    if style.declared is not None:
        if style.meta == "charset":
            meta = f'<meta charset="{style.declared}">'
        else:
            meta = (
                f'<meta http-equiv="Content-Type" content="text/html; charset={style.declared}" />'
            )
    return (
        "<head>\n"
        f"{meta}\n"
        f"<title>{title}_某某区人民政府网站首页</title>\n"
        '<link rel="stylesheet" href="/css/style.css">\n'
        "<style>.TRS_Editor p { text-indent: 2em } /* 广告位 */</style>\n"
        "<script>var _hmt = _hmt || []; "
        'document.write("<p>统计代码</p>");</script>\n'
        "</head>"
    )


_MENU = (
    '<ul><li><a href="/">网站首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
    '<li><a href="/bsdt/">办事大厅</a></li><li><a href="/hdjl/">互动交流</a></li></ul>'
)
_FOOTER = (
    "<p>主办单位：某某区人民政府办公室 地址：某某路1号 电话：0371-12345678</p>"
    "<p>网站标识码：4101000001 豫ICP备12345678号 本站所有内容版权所有</p>"
)
_RELATED = (
    "<h3>相关链接</h3><ul><li><a>2019年政府信息公开工作年度报告</a></li>"
    "<li><a>2018年政府信息公开工作年度报告</a></li><li><a>政府信息公开指南</a></li></ul>"
)
_CRUMBS = '当前位置：<a href="/">首页</a> &gt; <a>政府信息公开</a> &gt; <a>年报</a>'


def publish_page(seed: Any, style: Style, support: Any) -> bytes:
    """The seed as a web page in *style*, encoded."""
    content = _body_html(seed, style, support)
    title = seed.title
    if style.page == "modern":
        body = f"""<div class="top"><div class="logo"><h1><a href="/"><img src="/logo.png"
 alt="某某区人民政府"></a></h1></div>
<div class="search"><form action="/search"><input name="q" value="请输入关键字">
<button>搜索</button></form></div></div>
<div class="mainNav">{_MENU}</div>
<div class="dqwz">{_CRUMBS}</div>
<div class="main"><div class="left">
<div class="title"><h1>{title}</h1></div>
<div class="info">发布日期：2021-01-20 来源：本站 【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="TRS_Editor" id="zoom">
{content}
</div>
<div class="bdsharebuttonbox">分享到：<a>微信</a><a>微博</a><a>QQ空间</a></div>
<div class="fy"><p><a>上一篇：2019年报告</a></p><p><a>下一篇：无</a></p></div>
<div class="print"><a>【打印本页】</a> <a>【关闭窗口】</a></div>
</div><div class="right">{_RELATED}</div></div>
<div class="footer">{_FOOTER}</div>
<script type="text/javascript">document.write('<div>统计代码</div>');</script>"""
    elif style.page == "semantic":
        body = f"""<header><a href="/">某某区人民政府</a><nav>{_MENU}</nav></header>
<nav aria-label="breadcrumb">{_CRUMBS}</nav>
<main><article><h1>{title}</h1>
<footer>发布日期：2021-01-20</footer>
{content}
</article><aside>{_RELATED}</aside></main>
<footer>{_FOOTER}</footer>"""
    elif style.page == "layout":
        body = f"""<table width="1000" align="center" border="0"><tr><td>
<table width="100%"><tr><td><img src="/banner.jpg"></td></tr>
<tr><td>{_MENU}</td></tr></table>
</td></tr>
<tr><td>{_CRUMBS}</td></tr>
<tr><td><table width="100%"><tr><td width="200">{_RELATED}</td><td>
<p align="center"><b>{title}</b></p>
{content}
</td></tr></table></td></tr>
<tr><td>{_FOOTER}</td></tr></table>"""
    else:
        body = content
    page = (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml">\n{_head(style, title)}\n<body>\n{body}\n'
        "</body></html>\n"
    )
    return page.encode(style.encoding, errors="xmlcharrefreplace")


class Publisher:
    """What the tests need from this module (a conftest cannot be imported)."""

    chrome_texts = CHROME_TEXTS
    styles = STYLES

    def __init__(self, support: Any) -> None:
        self.support = support

    def page(self, seed: Any, style: Style) -> bytes:
        """The seed as a web page in *style*, as bytes."""
        return publish_page(seed, style, self.support)


@pytest.fixture(scope="session")
def publisher(support: Any) -> Publisher:
    return Publisher(support)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "page_style" in metafunc.fixturenames:
        metafunc.parametrize("page_style", list(STYLES.values()), ids=lambda s: s.name)
