"""Publishing the seed reports as web pages, the way agency sites do.

A page is generated from a seed's parsed text: its headings and paragraphs as ``<p>`` or
``<h*>``, its tables with the ``rowspan``/``colspan`` they had (inferred from the tab
layout), ``&nbsp;`` for every NBSP, and, depending on the :class:`Style`, page chrome
around the report, a GBK encoding with or without a ``<meta>`` declaration or a BOM, zero
cells left blank, cell lines as paragraphs, an old-style page laid out with tables, the
markup of Word's "Save as HTML" or of a web editor, header rows in a ``<thead>``, or
merged ranges written as empty cells.
"""

from __future__ import annotations

import html
import itertools
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
    "索引号",
    "主题分类",
    "发布机构",
    "成文日期",
    "某某区人民政府办公室",
    "请在此处输入正文",
    "隐藏的重复摘要",
    "网站地图",
    "站内搜索",
    "高级搜索",
    "用户登录",
    "wEPDwUKLTM2",
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
    #: footer), ``layout`` (tables for layout, no class names), ``trs`` (a government
    #: site's CMS page: a 索引号 metadata table, the article in ``<div id="zoom">``,
    #: hidden template text), ``trs-plain`` (the same page with class names that name no
    #: content container), ``aspnet`` (an ASP.NET WebForms page: the whole body in one
    #: ``<form>`` with ``__VIEWSTATE`` inputs, a search form nested in its header, the
    #: article in ``<div class="content">``), ``jsp`` (a form around the article only,
    #: a login form beside it, class names that name no content container), ``body`` (the
    #: ``<body>`` itself the content container, its title in a ``class="title"`` element
    #: and no chrome), ``word`` (a Word document saved as a web page, no chrome) or
    #: ``bare`` (no chrome).
    page: str = "modern"
    headings: str = "p-strong"  # or "h"
    cell_lines: str = "br"  # or "p"
    blank_zeros: bool = False
    #: ``plain`` (one element per block), ``word`` (Word's "Save as HTML": MsoNormal
    #: paragraphs, runs in ``<span lang=EN-US>``, ``<o:p>``, ``mso-`` styles, unquoted
    #: attributes, tags broken across source lines) or ``cms`` (a WPS or web editor's:
    #: text split across ``<span style=font-family:...>``, labels broken by ``<br>``,
    #: comments, scripts and hidden duplicates inside the article).
    markup: str = "plain"
    #: ``tbody`` (every row in one), ``thead`` (header rows of ``<th>`` in a ``<thead>``)
    #: or ``none`` (rows straight in the table).
    row_groups: str = "tbody"
    #: ``spans`` (``rowspan``/``colspan``) or ``cells`` (no spans: a merged range written
    #: as its first cell followed by empty cells, as a spreadsheet exports it).
    merges: str = "spans"
    #: Whether the page starts with a byte-order mark.
    bom: bool = False

    @property
    def has_title(self) -> bool:
        return self.page not in ("bare", "word")


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
        Style(
            "word-save-as-html",
            encoding="gbk",
            declared="gb2312",
            meta="http-equiv-unquoted",
            page="word",
            cell_lines="p",
            markup="word",
            row_groups="none",
        ),
        Style(
            "word-in-cms",
            declared="utf-8",
            page="trs",
            cell_lines="p",
            markup="word",
        ),
        Style(
            "trs-cms-gbk",
            encoding="gbk",
            declared="gbk",
            meta="http-equiv",
            page="trs",
            markup="cms",
            row_groups="thead",
        ),
        Style(
            "cms-gb2312-unquoted",
            encoding="gbk",
            declared="gb2312",
            meta="charset-unquoted",
            markup="cms",
            headings="h",
            cell_lines="p",
            blank_zeros=True,
        ),
        Style("utf8-bom-undeclared", declared=None, bom=True, page="trs", markup="cms"),
        Style("utf8-bom-declared-gbk", declared="gbk", bom=True, markup="word"),
        Style("utf16-bom", encoding="utf-16", declared=None, bom=True, page="bare"),
        Style("merged-as-cells", merges="cells"),
        Style(
            "trs-no-container-gbk",
            encoding="gbk",
            declared="GBK",
            page="trs-plain",
            markup="cms",
            headings="h",
        ),
        Style("aspnet-webforms", meta="http-equiv", page="aspnet", row_groups="none"),
        Style(
            "jsp-form-gbk",
            encoding="gbk",
            declared="GBK",
            page="jsp",
            headings="h",
            cell_lines="p",
        ),
        Style("body-container", page="body", headings="h"),
    )
}


def _escape(text: str) -> str:
    return html.escape(text, quote=False).replace("\xa0", "&nbsp;")


# -- Word's "Save as HTML" -------------------------------------------------------------

_WORD_CJK = (
    "<span\r\nstyle='font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:"
    '"Times New Roman"\'>'
)
_WORD_ASCII = (
    '<span lang=EN-US\r\nstyle=\'font-size:16.0pt;font-family:"Times New Roman",serif;'
    "mso-fareast-font-family:仿宋_GB2312'>"
)


def _word_runs(text: str) -> str:
    """*text* as Word writes it: a ``<span lang=EN-US>`` for each run of ASCII, another
    span for the rest, runs of spaces as ``mso-spacerun`` spans of ``&nbsp;``."""
    out = []
    for run in re.findall(r"  +|[\x21-\x7e]+(?: [\x21-\x7e]+)*|[^\x21-\x7e ]+| ", text):
        if run.startswith("  "):
            out.append(f"<span style='mso-spacerun:yes'>{'&nbsp;' * (len(run) - 1)} </span>")
        elif run == " " or not run.isascii():
            out.append(f"{_WORD_CJK}{_escape(run)}</span>")
        else:
            out.append(f"{_WORD_ASCII}{_escape(run)}</span>")
    return "".join(out)


def _word_paragraph(text: str, attrs_: str, bold: bool = False) -> str:
    runs = _word_runs(text)
    if bold:
        runs = f"<b style='mso-bidi-font-weight:normal'>{runs}</b>"
    return f"<p class=MsoNormal {attrs_}>{runs}<span lang=EN-US><o:p></o:p></span></p>"


_WORD_EMPTY = "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"


# -- A web editor's (WPS, UEditor, TRS) ------------------------------------------------

_CMS_SPAN = '<span style="font-family:仿宋_GB2312;font-size:16pt">'


def _cms_pieces(text: str, pieces: int) -> list[str]:
    """*text* cut in up to *pieces* parts, each cut between two CJK characters."""
    cuts = []
    for k in range(1, pieces):
        at = len(text) * k // pieces
        if 0 < at < len(text) and _cjk(text[at - 1]) and _cjk(text[at]):
            cuts.append(at)
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


def _cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _cms_runs(text: str) -> str:
    return "".join(f"{_CMS_SPAN}{_escape(p)}</span>" for p in _cms_pieces(text, 3))


# -- Cells and tables -------------------------------------------------------------------


def _cell_html(text: str, style: Style) -> str:
    lines = text.split("\n")
    if style.markup == "word":
        # A paragraph per line; an empty cell holds an empty paragraph (<o:p>&nbsp;</o:p>).
        return "".join(
            _word_paragraph(line, "align=center style='text-align:center'") if line else _WORD_EMPTY
            for line in lines
        )
    if style.markup == "cms":
        # Labels broken by <br> mid-word where the editor wrapped them, each piece a span;
        # a comment the CMS left.
        parts = []
        for line in lines:
            pieces = _cms_pieces(line, 2) if len(line) >= 6 else [line]
            parts.append("<br>".join(_cms_runs(p) for p in pieces))
        if style.cell_lines == "p" and len(lines) > 1:
            return "<!--单元格-->" + "".join(f"<p>{p}</p>" for p in parts)
        return "<!--单元格-->" + "<br>".join(parts)
    if style.cell_lines == "p" and len(lines) > 1:
        return "".join(f"<p>{_escape(line)}</p>" for line in lines)
    return "<br>".join(_escape(line) for line in lines)


def _blank_cell(style: Style, row: int, column: int) -> str:
    """What a publisher leaves in a cell it leaves blank."""
    if style.markup == "word":
        return _WORD_EMPTY
    if style.markup == "cms":
        return ("<p><br></p>", f"{_CMS_SPAN}</span>", "&nbsp;")[(row + column) % 3]
    # Half the blank cells hold a &nbsp;, as editors leave them.
    return "&nbsp;" if (row + column) % 2 else ""


def _header_rows(grid: Any) -> int:
    """How many rows of *grid* are its header: the rows before the first holding a
    number, fewer if a merge would reach past them."""
    count = 0
    for row in grid.rows:
        if any(re.fullmatch(r"[0-9.\s\xa0]+", c.text) for c in row):
            break
        count += 1
    while count and any(c.row + c.rowspan > count for r in grid.rows[:count] for c in r):
        count -= 1
    return count


def _table_html(table: Table, seed: Any, style: Style, support: Any) -> str:
    grid = support.merged_layout(table, continuations=seed.tab_tables)
    head = _header_rows(grid) if style.row_groups == "thead" else 0
    rows = []
    if style.merges == "cells":
        grid = _unmerged(grid)
    for r, row in enumerate(grid.rows):
        tag = "th" if r < head else "td"
        cells = []
        for cell in row:
            attrs_ = ""
            if style.markup == "word":
                attrs_ += f" width={83 * cell.colspan} valign=top"
            if cell.rowspan > 1:
                attrs_ += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attrs_ += f" colspan={cell.colspan}"
            text = cell.text
            if style.blank_zeros and support.is_blank_zero(table, seed, table_text(text)):
                body = _blank_cell(style, cell.row, cell.column)
            else:
                body = _cell_html(text, style)
            if style.markup == "word":
                css = (
                    "style='width:62.3pt;border:solid windowtext 1.0pt;\r\nborder-top:none;"
                    "mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'"
                )
            else:
                css = 'style="border:1px solid #000"'
            cells.append(f"<{tag}{attrs_} {css}>{body}</{tag}>")
        word = style.markup == "word"
        tr = f"<tr style='mso-yfti-irow:{r};height:22.5pt'>" if word else "<tr>"
        rows.append(tr + "".join(cells) + "</tr>")
    if style.markup == "word":
        # Word's row of column widths, for browsers that misalign merged columns.
        widths = "".join("<td width=83 style='border:none'></td>" for _ in range(grid.width))
        rows.append(
            f"<![if !supportMisalignedColumns]>\r\n<tr height=0>{widths}</tr>\r\n<![endif]>"
        )
        opening = (
            "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=568\r\n"
            " style='width:426.1pt;border-collapse:collapse;border:none;mso-border-alt:solid "
            "windowtext .5pt;\r\n mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>"
        )
    else:
        opening = '<table class="MsoNormalTable" border="1" cellspacing="0" width="100%">'
    if style.row_groups == "none":
        return f"{opening}\r\n" + "\r\n".join(rows) + "\r\n</table>"
    if head:
        return (
            f"{opening}<thead>\n"
            + "\n".join(rows[:head])
            + "\n</thead><tbody>\n"
            + "\n".join(rows[head:])
            + "\n</tbody></table>"
        )
    return f"{opening}<tbody>\n" + "\n".join(rows) + "\n</tbody></table>"


def _unmerged(grid: Any) -> Any:
    """*grid* with every merged range written as its first cell and empty cells."""
    rows: list[list[Any]] = [[] for _ in grid.rows]
    for row in grid.rows:
        for cell in row:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.column, cell.column + cell.colspan):
                    text = cell.text if (r, c) == (cell.row, cell.column) else ""
                    rows[r].append(
                        attrs.evolve(cell, text=text, row=r, column=c, rowspan=1, colspan=1)
                    )
    return attrs.evolve(grid, rows=tuple(tuple(sorted(r, key=lambda c: c.column)) for r in rows))


def table_text(raw: str) -> str:
    from gipparse import Cell

    return Cell(raw).text


# -- Paragraphs -------------------------------------------------------------------------


def _image_html(src: str, alt: str, style: Style) -> str:
    if style.markup == "word":
        return (
            "<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US>"
            '<!--[if gte vml 1]><v:shape id="_x0000_i1025" type="#_x0000_t75"><v:imagedata '
            f'src="{src}" o:title=""/></v:shape><![endif]--><![if !vml]><img width=553 '
            f'height=300 src="{src}" alt="{alt}" v:shapes="_x0000_i1025"><![endif]></span></p>'
        )
    return f'<p style="text-align:center"><img src="{src}" alt="{alt}"></p>'


def _heading_html(raw: str, style: Style) -> str:
    if style.markup == "word":
        return _WORD_EMPTY + _word_paragraph(raw, "style='text-indent:32.0pt'", bold=True)
    if style.markup == "cms":
        text = "".join(
            f'<strong><span style="font-family:黑体">{_escape(p)}</span></strong>'
            for p in _cms_pieces(raw, 2)
        )
    else:
        text = _escape(raw)
    if style.headings == "h":
        return f"<h3>{text}</h3>"
    return f'<p style="text-indent:2em"><strong>{text}</strong></p>'


def _paragraph_html(raw: str, first: bool, style: Style) -> str:
    if style.markup == "word":
        attrs_ = (
            "style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;\r\n"
            "mso-line-height-rule:exactly'"
        )
        return _word_paragraph(("\u3000\u3000" if first else "") + raw, attrs_)
    if style.markup == "cms":
        # Indented with full-width spaces or with &nbsp;, as pasted from WPS.
        indent = "\u3000\u3000" if first else "&nbsp;&nbsp;&nbsp;&nbsp;"
        return (
            '<p style="text-indent:2em;line-height:2em;font-family:仿宋_GB2312">'
            f"{indent}{_cms_runs(raw)}</p>"
        )
    return f'<p style="text-indent:2em">{_escape(raw)}</p>'


#: What a web editor leaves inside the article: hidden duplicates and template text, a
#: script and a style sheet, comments.
_CMS_ARTICLE_DEBRIS = (
    "<!--TRS_Editor begin-->"
    '<style type="text/css">.TRS_Editor P{margin-top:0;line-height:2;font-size:12pt;}</style>'
    '<div style="display:none">隐藏的重复摘要：本年度报告……</div>'
    '<p style="DISPLAY: none">请在此处输入正文</p>'
    "<script>$(function(){ $('.TRS_Editor img').css('max-width','100%'); });</script>"
)


def _body_html(seed: Any, style: Style, support: Any) -> str:
    out: list[str] = []
    if style.markup == "cms":
        out.append(_CMS_ARTICLE_DEBRIS)
    for section in seed.report.sections:
        if section.heading is not None:
            out.append(_heading_html(section.heading.raw, style))
        first = True
        for block in section.blocks:
            if isinstance(block, Paragraph):
                m = re.fullmatch(r"\s*!\[([^\]]*)\]\(([^)]*)\)\s*", block.raw)
                if m:
                    out.append(_image_html(html.escape(m.group(2)), html.escape(m.group(1)), style))
                else:
                    out.append(_paragraph_html(block.raw, first, style))
                first = False
            else:
                out.append(_table_html(block, seed, style, support))
                if style.markup == "word":
                    out.append(_WORD_EMPTY)
    if style.markup == "cms":
        out.append("<!--TRS_Editor end-->")
    return "\n".join(out)


def _meta(style: Style) -> str:
    declared = style.declared
    if declared is None:
        return ""
    if style.meta == "charset":
        return f'<meta charset="{declared}">'
    if style.meta == "charset-unquoted":
        return f"<meta charset={declared}>"
    if style.meta == "http-equiv-unquoted":
        return f'<meta http-equiv=Content-Type content="text/html; charset={declared}">'
    return f'<meta http-equiv="Content-Type" content="text/html; charset={declared}" />'


def _head(style: Style, title: str) -> str:
    return (
        "<head>\n"
        f"{_meta(style)}\n"
        f"<title>{title}_某某区人民政府网站首页</title>\n"
        '<link rel="stylesheet" href="/css/style.css">\n'
        "<style>.TRS_Editor p { text-indent: 2em } /* 广告位 */</style>\n"
        "<script>var _hmt = _hmt || []; "
        'document.write("<p>统计代码</p>");</script>\n'
        "</head>"
    )


def _word_page(style: Style, title: str, content: str) -> str:
    """A Word document saved as a web page, as Word writes it."""
    return (
        '<html xmlns:v="urn:schemas-microsoft-com:vml"\r\n'
        'xmlns:o="urn:schemas-microsoft-com:office:office"\r\n'
        'xmlns:w="urn:schemas-microsoft-com:office:word"\r\n'
        'xmlns="http://www.w3.org/TR/REC-html40">\r\n\r\n<head>\r\n'
        f"{_meta(style)}\r\n"
        "<meta name=ProgId content=Word.Document>\r\n"
        '<meta name=Generator content="Microsoft Word 15">\r\n'
        f"<title>{title}</title>\r\n"
        "<!--[if gte mso 9]><xml>\r\n <o:DocumentProperties>\r\n"
        "  <o:Author>统计代码</o:Author>\r\n </o:DocumentProperties>\r\n</xml><![endif]-->\r\n"
        "<style>\r\n<!--\r\n /* Font Definitions */\r\n @font-face\r\n\t{font-family:宋体;\r\n"
        "\tpanose-1:2 1 6 0 3 1 1 1 1 1;}\r\np.MsoNormal, li.MsoNormal, div.MsoNormal\r\n"
        "\t{margin:0cm;text-align:justify;text-justify:inter-ideograph;font-size:10.5pt;}\r\n"
        "-->\r\n</style>\r\n</head>\r\n\r\n"
        "<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>\r\n\r\n"
        "<div class=WordSection1 style='layout-grid:15.6pt'>\r\n\r\n"
        f"{content}\r\n\r\n</div>\r\n\r\n</body>\r\n\r\n</html>\r\n"
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


def _trs_page(title: str, content: str, container: bool) -> str:
    """A page of a government site's CMS (TRS, 集约化平台): the 政府信息公开 metadata table
    above the article, which sits in ``<div id="zoom">`` (with *container*; without, in
    elements whose class names say nothing), and a print bar below it."""
    if container:
        box, con = "xxgk_detail", "xl_con"
        article = '<div id="zoom" class="xl_text"><div class="TRS_Editor">'
    else:
        box, con, article = "xxgk_xq", "xl_wz", '<div class="wzxq"><div>'
    return f"""<div class="header"><div class="topbar"><a>网站地图</a> <a>无障碍</a></div>
<div class="logo"><img src="/logo.png" alt="某某区人民政府"></div></div>
<div class="mainNav">{_MENU}</div>
<div class="position">{_CRUMBS}</div>
<div class="{box}">
<table class="xxgk_table" width="100%" border="0"><tbody>
<tr><td class="t1">索引号：</td><td>11410204MB1923460X/2021-00012</td>
<td class="t1">主题分类：</td><td>综合政务</td></tr>
<tr><td class="t1">发布机构：</td><td>某某区人民政府办公室</td>
<td class="t1">成文日期：</td><td>2021-01-20</td></tr>
</tbody></table>
<div class="{con}">
<div class="xl_title"><h1>{title}</h1></div>
<div class="xl_date">发布时间：2021-01-20 10:00
<span style="display:none">请在此处输入正文</span></div>
{article}<div class="Custom_UnionStyle">
{content}
</div></div></div>
<p align="right">【<a href="javascript:window.print()">打印本页</a>】
【<a href="javascript:window.close()">关闭窗口</a>】</p>
</div></div>
<div class="footer">{_FOOTER}</div>"""


#: What ASP.NET WebForms writes at the start of its form: the page's state in hidden inputs
#: (a browser shows none of it) and the script posting the form back.
ASPNET_STATE = """<div class="aspNetHidden">
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKLTM2NjQ5NzQ3Mw9kFg" />
</div>
<script type="text/javascript">
//<![CDATA[
var theForm = document.forms['form1'];
function __doPostBack(eventTarget, eventArgument) {
    if (!theForm.onsubmit || (theForm.onsubmit() != false)) {
        theForm.__EVENTTARGET.value = eventTarget;
        theForm.submit();
    }
}
//]]>
</script>"""
ASPNET_VALIDATION = """<div class="aspNetHidden">
	<input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" value="A1B2C3D4" />
	<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="/wEdAAKLTM2Nj" />
</div>"""


def _aspnet_page(title: str, content: str) -> str:
    """An ASP.NET WebForms page: everything in one ``<form>``, with a plain search form
    nested in its header (browsers ignore the inner ``<form>`` tag; the reader sees a
    form of controls), the article in ``<div class="content">``."""
    return f"""<form method="post" action="./detail.aspx?id=20210120" id="form1">
{ASPNET_STATE}
<div class="header"><div class="logo"><img src="/images/logo.png" alt="某某区人民政府"></div>
<div class="searchbox"><form action="/search/search.aspx" method="get" target="_blank">
<span>站内搜索：</span><input type="text" name="q" value="请输入关键字" />
<input type="submit" value="搜索" /> <a href="/search/adv.aspx">高级搜索</a></form></div></div>
<div class="mainNav">{_MENU}</div>
<div class="dqwz">{_CRUMBS}</div>
<div class="main"><div class="title"><h1>{title}</h1></div>
<div class="info">发布日期：2021-01-20 浏览次数：<span id="lblHits">123</span></div>
<div class="content" id="lblContent">
{content}
</div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a>
<a href="javascript:window.close()">【关闭窗口】</a></div></div>
<div class="footer">{_FOOTER}</div>
{ASPNET_VALIDATION}
</form>"""


def _jsp_page(title: str, content: str) -> str:
    """A JSP page whose template puts a form around the article only, a login form in
    the column beside it, in elements whose class names name no content container."""
    return f"""<div class="top"><a>网站首页</a> <a>网站地图</a></div>
<div class="mainNav">{_MENU}</div>
<div class="wrap"><div class="leftbar">
<form name="loginForm" action="/login.do" method="post"><h3>用户登录</h3>
<p>用户名：<input type="text" name="user"></p><p>密码：<input type="password" name="pwd"></p>
<p><input type="submit" value="登录"> <a href="/reg.do">注册</a></p></form>
{_RELATED}</div>
<form name="form1" id="form1" method="post" action="/xxgk/detail.jsp">
<input type="hidden" name="infoid" value="wEPDwUKLTM2">
<div class="wzxq"><h1>{title}</h1>
<div>发布时间：2021-01-20 点击数：<span>123</span></div>
<div class="wzxq_nr">
{content}
</div></div>
</form></div>
<div class="bottom">{_FOOTER}</div>"""


def publish_page(seed: Any, style: Style, support: Any) -> bytes:
    """The seed as a web page in *style*, encoded."""
    content = _body_html(seed, style, support)
    title = seed.title
    if style.page == "word":
        page = _word_page(style, title, content)
        return _encode(page, style)
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
    elif style.page in ("trs", "trs-plain"):
        body = _trs_page(title, content, container=style.page == "trs")
    elif style.page == "aspnet":
        body = _aspnet_page(title, content)
    elif style.page == "jsp":
        body = _jsp_page(title, content)
    elif style.page == "body":
        body = f'<div class="title">{title}</div>\n{content}'
    else:
        body = content
    tag = '<body class="content">' if style.page == "body" else "<body>"
    page = (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml">\n{_head(style, title)}\n{tag}\n{body}\n'
        "</body></html>\n"
    )
    return _encode(page, style)


def _encode(page: str, style: Style) -> bytes:
    data = page.encode(style.encoding, errors="xmlcharrefreplace")
    if style.bom and style.encoding == "utf-8":
        data = b"\xef\xbb\xbf" + data
    # Python's "utf-16" writes its BOM itself.
    return data


class Publisher:
    """What the tests need from this module (a conftest cannot be imported)."""

    chrome_texts = CHROME_TEXTS
    styles = STYLES

    def __init__(self, support: Any) -> None:
        self.support = support

    def page(self, seed: Any, style: Style) -> bytes:
        """The seed as a web page in *style*, as bytes."""
        return publish_page(seed, style, self.support)

    def unmerged(self, expected: Any, seed: Any) -> Any:
        """*expected* (an outline of *seed*) with each table's cells as a page writing its
        merged ranges as empty cells has them: every row as wide as the table."""
        tables = iter(seed.report.tables)
        result = []
        for kind, heading, blocks in expected:
            new_blocks = []
            for what, value in blocks:
                if what == "t":
                    table = next(tables)
                    grid = _unmerged(self.support.merged_layout(table, seed.tab_tables))
                    cells = tuple(tuple(table_text(c.text) for c in row) for row in grid.rows)
                    new_blocks.append((what, cells))
                else:
                    new_blocks.append((what, value))
            result.append((kind, heading, new_blocks))
        return result


@pytest.fixture(scope="session")
def publisher(support: Any) -> Publisher:
    return Publisher(support)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "page_style" in metafunc.fixturenames:
        metafunc.parametrize("page_style", list(STYLES.values()), ids=lambda s: s.name)
