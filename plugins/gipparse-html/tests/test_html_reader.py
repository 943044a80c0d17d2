"""The HTML reader on small pages: charsets, chrome, content, tables, damage."""

from __future__ import annotations

import codecs
import contextlib
import html
import re
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gipparse
from gipparse import Paragraph, Severity, SourceError

gipparse_html = pytest.importorskip("gipparse_html")


def read(page: str | bytes, path: str | None = "report.html") -> gipparse.SourceDocument:
    data = page.encode("utf-8") if isinstance(page, str) else page
    doc = gipparse_html.plugin.gipparse_read_source(path=path, data=data)
    assert doc is not None
    return doc


def paragraphs(doc: gipparse.SourceDocument) -> list[str]:
    return [b.raw for b in doc.blocks or () if isinstance(b, Paragraph)]


def tables(doc: gipparse.SourceDocument) -> list[list[list[str]]]:
    return [
        [[c.raw for c in row.cells] for row in b.rows]
        for b in doc.blocks or ()
        if isinstance(b, gipparse.Table)
    ]


def codes(doc: gipparse.SourceDocument) -> list[str]:
    return [d.code for d in doc.diagnostics]


# ---------------------------------------------------------------------------------------
# Which sources are read
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["a.html", "a.HTM", "a.shtml", "a.xhtml", "a.txt", None])
def test_pages_are_read_by_suffix_or_by_their_first_bytes(path: str | None) -> None:
    assert paragraphs(read("<!DOCTYPE html><html><body><p>一、总体情况</p></body></html>", path))


def test_a_page_in_utf16_with_a_bom_is_sniffed() -> None:
    data = codecs.BOM_UTF16_LE + "<html><body><p>一、总体情况</p>".encode("utf-16-le")
    assert paragraphs(read(data, None)) == ["一、总体情况"]


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("report.txt", "一、总体情况\n<p>不是网页</p>".encode()),
        (None, "一、总体情况".encode()),
        ("report.html", "一、总体情况，没有标签".encode()),
        ("report.html", b"%PDF-1.7\n"),
        ("report.docx", b"PK\x03\x04word/document.xml"),
    ],
)
def test_other_sources_are_left_to_other_readers(path: str | None, data: bytes) -> None:
    assert gipparse_html.plugin.gipparse_read_source(path=path, data=data) is None


def test_a_pdf_named_html_is_refused_by_the_text_reader_saying_what_it_is() -> None:
    with pytest.raises(SourceError, match="PDF"):
        gipparse.loads(b"%PDF-1.7\n%...", path="report.html")


def test_source_suffixes() -> None:
    assert gipparse_html.plugin.gipparse_source_suffixes() == [".html", ".htm", ".shtml", ".xhtml"]


# ---------------------------------------------------------------------------------------
# Charsets
# ---------------------------------------------------------------------------------------

_PAGE = "<html><head>{meta}</head><body><p>收到和处理政府信息公开申请情况</p></body></html>"
_TEXT = "收到和处理政府信息公开申请情况"


@pytest.mark.parametrize(
    ("meta", "encoding", "codec"),
    [
        ('<meta charset="utf-8">', "utf-8", "utf-8"),
        ('<meta charset="gbk">', "gbk", "gb18030"),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
            "gb2312",
            "gb18030",
        ),
        (
            "<meta content='text/html;charset=GB18030' http-equiv='content-type'>",
            "gb18030",
            "gb18030",
        ),
        ('<meta charset="big5">', "big5", "big5hkscs"),
    ],
)
def test_the_declared_charset_is_used(meta: str, encoding: str, codec: str) -> None:
    text = "收到和處理政府信息公開申請情況" if encoding == "big5" else _TEXT
    doc = read(_PAGE.format(meta=meta).replace(_TEXT, text).encode(encoding))
    assert (paragraphs(doc), doc.encoding, codes(doc)) == ([text], codec, [])


def test_an_xml_declaration_is_a_declaration() -> None:
    page = '<?xml version="1.0" encoding="gb2312"?>\n' + _PAGE.format(meta="")
    doc = read(page.encode("gb2312"))
    assert (paragraphs(doc), doc.encoding) == ([_TEXT], "gb18030")


@pytest.mark.parametrize("bom", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_a_bom_wins_over_the_declaration(bom: bytes) -> None:
    codec = {codecs.BOM_UTF8: "utf-8", codecs.BOM_UTF16_LE: "utf-16-le"}.get(bom, "utf-16-be")
    doc = read(bom + _PAGE.format(meta='<meta charset="gbk">').encode(codec))
    assert (paragraphs(doc), doc.encoding, codes(doc)) == ([_TEXT], codec, [])


def test_an_undeclared_gbk_page_is_detected_and_said_so() -> None:
    doc = read(_PAGE.format(meta="").encode("gbk"))
    assert (paragraphs(doc), doc.encoding) == ([_TEXT], "gb18030")
    assert [(d.severity, d.code) for d in doc.diagnostics] == [
        (Severity.INFO, "source.charset-detected")
    ]


def test_a_page_saved_as_utf8_but_declaring_gb2312_is_read_as_utf8_with_a_warning() -> None:
    doc = read(_PAGE.format(meta='<meta charset="gb2312">').encode("utf-8") + "冇".encode())
    assert doc.encoding == "utf-8"
    assert codes(doc) == ["source.charset-mismatch"]
    assert "gb2312" in doc.diagnostics[0].message


def test_an_unknown_charset_is_ignored_with_a_warning() -> None:
    doc = read(_PAGE.format(meta='<meta charset="x-klingon">').encode("utf-8"))
    assert (paragraphs(doc), codes(doc)) == ([_TEXT], ["source.charset-unknown"])
    assert "'x-klingon'" in doc.diagnostics[0].message


@pytest.mark.parametrize(
    "label", ["zlib", "base64", "rot13", "unicode-escape", "hex", "ZLIB_codec"]
)
def test_a_python_codec_that_is_no_text_encoding_is_ignored_with_a_warning(label: str) -> None:
    # A browser knows only the labels of the WHATWG Encoding Standard: decoding this page
    # with zlib or base64 would fail or turn it into other bytes, and rot13 or
    # unicode-escape into other text.
    data = _PAGE.format(meta=f'<meta charset="{label}">').replace(_TEXT, "a\\u4e00" + _TEXT)
    doc = read(data.encode("utf-8"))
    assert (paragraphs(doc), doc.encoding) == (["a\\u4e00" + _TEXT], "utf-8")
    assert codes(doc) == ["source.charset-unknown"]
    assert "WHATWG" in doc.diagnostics[0].message


@pytest.mark.parametrize("label", ["utf-16", "UTF-16LE", "utf-16be", "ucs-2", "unicode"])
def test_utf16_declared_in_an_8bit_page_is_ignored_with_a_warning(label: str) -> None:
    doc = read(_PAGE.format(meta=f'<meta charset="{label}">').encode("gbk"))
    assert (paragraphs(doc), doc.encoding) == ([_TEXT], "gb18030")
    assert codes(doc) == ["source.charset-ignored", "source.charset-detected"]


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("latin2", "iso8859-2"),
        ("x-sjis", "cp932"),
        ("csgb2312", "gb18030"),
        ("cn-big5", "big5hkscs"),
    ],
)
def test_whatwg_labels_are_honoured(label: str, codec: str) -> None:
    doc = read(_PAGE.format(meta=f"<meta charset={label}>").replace(_TEXT, "abc").encode("ascii"))
    assert (paragraphs(doc), doc.encoding, codes(doc)) == (["abc"], codec, [])


def test_undecodable_bytes_are_replaced_and_reported_with_their_line() -> None:
    data = _PAGE.format(meta='<meta charset="utf-8">').encode() + b"\n<p>\xff\xfe\x80</p>"
    doc = read(data)
    assert "source.decode-error" in codes(doc)
    assert "line 2" in next(d.message for d in doc.diagnostics if d.code == "source.decode-error")
    assert paragraphs(doc)[0] == _TEXT


# ---------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------


def test_entities_whitespace_and_line_breaks() -> None:
    doc = read(
        "<body><p>\n  一、总体情况&nbsp;&amp;&#12288;概述\n</p>"
        "<p>第一行<br>第二行<br/><br>第三行</br>第四行</p>"
        "<div>块<span>内</span>文字<div>嵌套块</div>尾</div>"
        "<ul><li>甲<li>乙</ul><p>&nbsp;</p><p>\u3000\u3000缩进</p></body>"
    )
    assert paragraphs(doc) == [
        "一、总体情况\xa0&\u3000概述",
        "第一行",
        "第二行",
        "第三行",
        "第四行",
        "块内文字",
        "嵌套块",
        "尾",
        "甲",
        "乙",
        "\u3000\u3000缩进",
    ]


def test_headings_are_paragraphs_and_sections_are_recognised_from_them() -> None:
    report = gipparse.loads(
        b"<body><h2>\xe4\xb8\x80\xe3\x80\x81\xe6\x80\xbb\xe4\xbd\x93\xe6\x83\x85\xe5\x86\xb5"
        b"</h2><p>x</p><h3>\xe5\x85\xad\xe3\x80\x81\xe5\x85\xb6\xe4\xbb\x96\xe9\x9c\x80\xe8"
        b"\xa6\x81\xe6\x8a\xa5\xe5\x91\x8a\xe7\x9a\x84\xe4\xba\x8b\xe9\xa1\xb9</h3><p>y</p>",
        path="a.html",
    )
    assert [(s.kind, s.heading.text if s.heading else None) for s in report.sections] == [
        ("overview", "一、总体情况"),
        ("other", "六、其他需要报告的事项"),
    ]


def test_ruby_annotations_and_comments_are_not_text() -> None:
    doc = read("<p><ruby>区<rt>qū</rt><rp>(</rp></ruby>域<!-- 注释 --></p>")
    assert paragraphs(doc) == ["区域"]


# ---------------------------------------------------------------------------------------
# Chrome and content
# ---------------------------------------------------------------------------------------


def test_elements_that_are_never_content_are_dropped() -> None:
    doc = read(
        "<html><head><title>标题</title><style>p{}</style></head><body>"
        "<script>document.write('<p>脚本</p>')</script><noscript>请启用脚本</noscript>"
        "<template><p>模板</p></template><iframe src=x>框架</iframe>"
        "<form><label>搜索</label><input value=关键字><select><option>选项</select>"
        "<button>提交</button><textarea>文本框</textarea></form>"
        "<header>网站头部</header><nav>导航</nav><aside>侧栏</aside><footer>页脚</footer>"
        "<div hidden>隐藏</div><div style='DISPLAY: none'>不显示</div>"
        "<div aria-hidden=true>辅助隐藏</div><div role=navigation>角色导航</div>"
        "<p>正文</p></body></html>"
    )
    assert paragraphs(doc) == ["正文"]


def test_chrome_is_recognised_by_class_text_and_links() -> None:
    body = "".join(f"<p>正文第{i}段，内容足够长。</p>" for i in range(5))
    doc = read(
        "<body>"
        "<div class='breadcrumb'>首页 &gt; 年报</div>"
        "<div>当前位置：<a>首页</a> &gt; <a>年报</a></div>"
        "<ul><li><a>链接一</a><li><a>链接二</a><li><a>链接三</a></ul>"
        f"{body}"
        "<div class='bdsharebuttonbox'>分享</div><div id='mainNav'>菜单</div>"
        "<p><a>上一篇：去年的报告</a></p>"
        "<div>【打印本页】【关闭窗口】</div>"
        "<div>地址：某某路1号 豫ICP备12345678号</div>"
        "<p>附件：<a>一个链接</a>不算菜单。</p>"
        "</body>"
    )
    assert paragraphs(doc) == [f"正文第{i}段，内容足够长。" for i in range(5)] + [
        "附件：一个链接不算菜单。"
    ]
    assert "source.page-chrome" in codes(doc)


def test_the_content_container_is_read_with_the_title_above_it() -> None:
    content = "".join(f"<p>正文第{i}段，内容足够长，足够长，足够长。</p>" for i in range(5))
    doc = read(
        "<body><div class='top'><h1 class='logo'>某某区人民政府</h1></div>"
        "<div class='wrap'><h1>某局2020年政府信息公开工作年度报告</h1>"
        "<div class='info'>来源：本站 日期：2021-01-20</div>"
        f"<div class='main'><div id='zoom'>{content}</div><div>相关文章很多</div></div>"
        "</div><div class='bottom'>地址：某某路1号</div></body>"
    )
    assert paragraphs(doc) == ["某局2020年政府信息公开工作年度报告"] + [
        f"正文第{i}段，内容足够长，足够长，足够长。" for i in range(5)
    ]


@pytest.mark.parametrize("body", ["<body class='content'>", "<body id='zoom'>"])
def test_a_title_in_the_body_read_as_the_container_is_read_once(body: str) -> None:
    # The body is the content container: the title is in what is read, not above it.
    doc = read(
        f"{body}<div class='dqwz'>当前位置：首页</div>"
        "<div class='title'>某局2020年政府信息公开工作年度报告</div>"
        "<p>一、总体情况</p><p>本年度公开信息，内容足够长。</p></body>"
    )
    assert paragraphs(doc) == [
        "某局2020年政府信息公开工作年度报告",
        "一、总体情况",
        "本年度公开信息，内容足够长。",
    ]
    assert chrome(doc) == len("当前位置：首页")


def test_an_article_with_its_own_h1_and_header_keeps_them() -> None:
    doc = read(
        "<body><header><h1>网站</h1></header><main><article>"
        "<header><h1>年度报告</h1></header><p>正文，相当长的一段正文。</p>"
        "<footer>发布日期：2021-01-20</footer></article></main></body>"
    )
    assert paragraphs(doc) == ["年度报告", "正文，相当长的一段正文。"]


def test_without_a_container_the_site_chrome_classes_are_dropped_too() -> None:
    doc = read(
        "<body><div class='header'>网站名称</div><div id='left'><p>正文</p></div>"
        "<div class='copyright'>版权</div></body>"
    )
    assert paragraphs(doc) == ["正文"]


def test_text_left_out_is_counted_hidden_text_apart() -> None:
    doc = read(
        "<body><nav>导航菜单</nav><header>网站头部</header><script>var 脚本;</script>"
        "<div class='dqwz'>当前位置：首页</div>"
        "<div style='display: none'>隐藏的重复摘要</div><span hidden>模板</span>"
        "<p>正文</p><footer>页脚</footer></body>"
    )
    assert paragraphs(doc) == ["正文"]
    # nav, header and footer (10) and the breadcrumb (7); the script shows no text.
    assert [(d.code, d.message.split(" ")[0]) for d in doc.diagnostics] == [
        ("source.page-chrome", "17"),
        ("source.hidden-text", "9"),
    ]


def test_the_metadata_box_and_the_date_line_are_chrome_without_a_content_container() -> None:
    # A 政府信息公开 page whose article sits in no container the reader knows: the box of
    # 索引号, 发布机构 (another agency) and dates, and the line of date and hits above the
    # article, are no report text.
    body = "".join(f"<p>正文第{i}段，内容足够长。</p>" for i in range(3))
    doc = read(
        "<body><table class='xxgk'><tr><td>索 引 号：</td><td>11410204MB1923460X/2021-00012</td>"
        "<td>主题分类：</td><td>综合政务</td></tr><tr><td>发布机构：</td><td>某某区人民政府办公室"
        "</td><td>成文日期：</td><td>2021-01-20</td></tr></table>"
        "<div class='wzxq'><h1>某局2020年政府信息公开工作年度报告</h1>"
        "<div>发布时间：2021-01-20 10:00 浏览次数：<span>123</span></div>"
        f"{body}<p>附件：发布机构名录</p></div></body>"
    )
    assert (paragraphs(doc), tables(doc)) == (
        ["某局2020年政府信息公开工作年度报告"]
        + [f"正文第{i}段，内容足够长。" for i in range(3)]
        + ["附件：发布机构名录"],
        [],
    )
    assert codes(doc) == ["source.page-chrome"]


def test_a_page_with_nothing_but_chrome_is_refused() -> None:
    with pytest.raises(SourceError, match="no text besides page chrome"):
        read("<html><head><title>x</title></head><body><nav>菜单</nav><script>x</script>")
    with pytest.raises(SourceError, match=r"page chrome \(4 characters of hidden text"):
        read("<body><nav>菜单</nav><div style='visibility:hidden'><p>年度报告</p></div>")


# ---------------------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------------------


def chrome(doc: gipparse.SourceDocument) -> int:
    """The characters of page chrome ``source.page-chrome`` says were left out."""
    (message,) = [d.message for d in doc.diagnostics if d.code == "source.page-chrome"] or ["0"]
    return int(message.split(" ")[0])


#: A search form as site headers have it: 9 characters of text (站内搜索：, 高级搜索).
_SEARCH_FORM = (
    '<form action="/search/search.aspx" method="get" target="_blank"><span>站内搜索：</span>'
    '<input type="text" name="q" value="请输入关键字" /><input type="submit" value="搜索" /> '
    '<a href="/search/adv.aspx">高级搜索</a></form>'
)
_FORM1 = '<form method="post" action="./detail.aspx?id=20210120" id="form1">'
_VIEWSTATE = "/wEPDwUKLTM2NjQ5NzQ3Mw9kFgICAw9kFgQCAQ8WAh4EVGV4dAUk5pyf5pyb5pS"
_TITLE = "某某区应急管理局2020年政府信息公开工作年度报告"


def _aspnet_page(article: str, search: str, where: str) -> str:
    """An ASP.NET WebForms page: the whole body in one form with its hidden state; the
    header's search box is a form *nested* in it, a form *before* it, or *controls* of
    the page's form; the article in a content div."""
    box = search if where == "nested" else search.replace("<form", "<div").replace("form>", "div>")
    return (
        "<!DOCTYPE html><html><head><title>详情页</title></head><body>"
        + (f'<div class="top">{search}</div>' if where == "before" else "")
        + _FORM1
        + '<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" '
        f'value="{_VIEWSTATE}" />'
        '<input type="hidden" name="__EVENTVALIDATION" value="/wEdAAKLTM2Nj" /></div>'
        "<script>var theForm = document.forms['form1'];</script>"
        '<div class="header"><div class="logo">某某区应急管理局</div>'
        + (f'<div class="search">{box}</div>' if where != "before" else "")
        + "</div>"
        '<div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a>政府信息公开年报</a></div>'
        f'<div class="title"><h1>{_TITLE}</h1></div>'
        f'<div class="content" id="lblContent">{article}</div>'
        '<div class="footer">主办：某某区人民政府 豫ICP备12345678号</div>'
        "</form></body></html>"
    )


def _sample_lines() -> list[str]:
    (path,) = [p for p in gipparse.sample_paths() if p.name.startswith("000_")]
    return path.read_text(encoding="utf-8").split("\n")


@pytest.mark.parametrize("where", ["nested", "before", "controls"])
def test_an_aspnet_page_in_one_form_reads_as_its_article(where: str) -> None:
    # ASP.NET pages wrap the whole body in one <form>: it is the page, not page chrome.
    # The header's search box is chrome all the same, and is counted.
    lines = _sample_lines()
    article = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    page = _aspnet_page(article, _SEARCH_FORM, where)
    doc = read(page)
    shown = [re.sub(r"[ \t\n\r\f]+", " ", line).strip(" ") for line in lines]
    assert paragraphs(doc) == [_TITLE] + [line for line in shown if line]
    assert (tables(doc), codes(doc)) == ([], ["source.page-chrome"])
    assert [t for t in ("VIEWSTATE", "wEPDw", "搜索") if t in doc.text] == []
    # The search box's 9 characters are counted with the rest of the chrome.
    assert chrome(doc) == chrome(read(_aspnet_page(article, "", where))) + 9
    # The same page in a <div> instead of the form reads the same.
    in_div = page.replace(_FORM1, "<div>").replace("</form></body>", "</div></body>")
    assert (read(in_div).text, read(in_div).diagnostics) == (doc.text, doc.diagnostics)
    report = gipparse.loads(page.encode(), path="x.html")
    text = gipparse.loads("\n".join(lines))
    assert [s.kind for s in report.sections] == [s.kind for s in text.sections]


@pytest.mark.parametrize("container", ["wzxq", "article"])
def test_a_form_around_the_article_only_is_read(container: str) -> None:
    # A JSP or CMS template with a form around the article, and a login form beside it,
    # with a container the reader knows (article) or not (wzxq).
    body = [f"正文第{i}段，内容足够长，足够长。" for i in range(8)]
    doc = read(
        "<body><div class='top'><a>网站首页</a> <a>网站地图</a></div><div class='leftbar'>"
        "<form name='loginForm' action='/login.do' method='post'><h3>用户登录</h3>"
        "<p>用户名：<input name='user'></p><p>密码：<input type='password' name='pwd'></p>"
        "<input type='submit' value='登录'></form></div>"
        "<form name='form1' method='post' action='/xxgk/detail.jsp'>"
        "<input type='hidden' name='infoid' value='7412'>"
        f"<div class='{container}'><h1>{_TITLE}</h1>"
        + "".join(f"<p>{p}</p>" for p in body)
        + "</div></form><div class='bottom'>豫ICP备12345678号</div></body>"
    )
    assert paragraphs(doc) == [_TITLE, *body]
    assert chrome(doc) == len("网站首页网站地图" + "用户登录用户名：密码：" + "豫ICP备12345678号")


def test_search_login_and_feedback_forms_are_chrome() -> None:
    body = [f"正文第{i}段，内容足够长，足够长。" for i in range(8)]
    notice = "留言须知：请文明发言，遵守国家法律法规。"
    doc = read(
        f"<body><div class='tou'>{_SEARCH_FORM}</div>"
        "<form action='/s'>热门搜索：<a>年报</a> <a>指南</a> <a>目录</a><input name='q'></form>"
        + "".join(f"<p>{p}</p>" for p in body)
        + "<form action='/login'>用户名<input name='u'>密码<input type='password'></form>"
        f"<form action='/fb'><p>{notice}</p><table><tr><td>姓名</td><td><input name='n'></td>"
        "<tr><td>内容</td><td><textarea>请输入</textarea></td></table>"
        "<button>提交</button></form></body>"
    )
    assert (paragraphs(doc), tables(doc)) == (body, [])
    left_out = "站内搜索：高级搜索" + "热门搜索：年报指南目录" + "用户名密码"
    assert chrome(doc) == len(left_out + notice + "姓名内容" + "请输入" + "提交")


def test_a_form_holding_a_data_table_is_content() -> None:
    intro = "<p>" + "（一）主动公开政府信息情况，相当长的一段说明文字。" * 3 + "</p>"
    doc = read(
        f"<div>{intro}<form name='f'><table><tr><td>规章<td>0<tr><td>规范性文件<td>3</table>"
        "</form></div>"
    )
    assert tables(doc) == [[["规章", "0"], ["规范性文件", "3"]]]
    assert codes(doc) == []


def test_a_page_of_nothing_but_a_search_form_is_refused() -> None:
    with pytest.raises(SourceError, match="no text besides page chrome"):
        read("<body><form action='/s'>站内搜索：<input name='q'><button>搜索</button></form>")


@pytest.mark.parametrize(
    "table",
    [
        "<table><form action=save.asp method=post><tr><td>规章<td>0<tr><td>规范性文件<td>3"
        "</form></table>",
        "<table><tbody><form name=f1><tr><td>规章<td>0</tr><tr><td>规范性文件<td>3</tr>"
        "</form></tbody></table>",
        "<table><tr><form><td>规章<td>0</form></tr><tr><td>规范性文件<td>3</table>",
    ],
)
def test_a_form_in_a_table_leaves_its_rows_in_the_table(table: str) -> None:
    # Old ASP pages open a form between <table> and its rows; browsers leave the form
    # empty and the rows in the table.
    doc = read(f"<p>（一）主动公开</p>{table}<p>二、其他</p>")
    assert (paragraphs(doc), tables(doc)) == (
        ["（一）主动公开", "二、其他"],
        [[["规章", "0"], ["规范性文件", "3"]]],
    )
    assert codes(doc) == []


def test_a_form_in_a_layout_table_leaves_the_page_in_it() -> None:
    doc = read(
        "<table width='100%'><form name='form1' method='post' action='detail.asp'>"
        "<tr><td><p>正文</p><table><tr><td>规章<td>0</table></td></tr></form></table>"
    )
    assert (paragraphs(doc), tables(doc)) == (["正文"], [[["规章", "0"]]])
    assert codes(doc) == ["source.layout-table"]


# ---------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------


def test_rowspan_and_colspan_are_expanded_like_the_tab_format() -> None:
    doc = read(
        "<table>"
        "<tr><td rowspan=3 colspan=2>（本列）<td colspan=6>申请人情况"
        "<tr><td rowspan=2>自然人<td colspan=4>法人或其他组织<td rowspan=2>总计"
        "<tr><td>商业企业<td>科研机构<td>社会公益组织<td>其他"
        "<tr><td colspan=2>一、本年新收<td>1<td>0<td>0<td>0<td>0<td>1"
        "<tr><td rowspan=2>三、本年度办理结果<td>（一）予以公开<td>1<td><td>&nbsp;<td>0<td>0<td>1"
        "<tr><td>（二）部分公开<td>0<td>0<td>0<td>0<td>0<td>0"
        "</table>"
    )
    assert tables(doc) == [
        [
            ["（本列）", "申请人情况"],
            ["", "自然人", "法人或其他组织", "总计"],
            ["", "", "商业企业", "科研机构", "社会公益组织", "其他", ""],
            ["一、本年新收", "1", "0", "0", "0", "0", "1"],
            ["三、本年度办理结果", "（一）予以公开", "1", "", "\xa0", "0", "0", "1"],
            ["", "（二）部分公开", "0", "0", "0", "0", "0", "0"],
        ]
    ]


def test_odd_span_attributes() -> None:
    doc = read(
        "<table><tr><td rowspan=0>整列<td colspan='2px'>宽<td colspan=x>乱"
        "<tr><td>a<td>b<td rowspan=99999>高"
        "<tr><td>c<td>d</table>"
    )
    assert tables(doc) == [[["整列", "宽", "乱"], ["", "a", "b", "高"], ["", "c", "d", ""]]]


def test_a_table_expanding_past_the_limit_stops_following_row_merges(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from gipparse_html import _extract

    monkeypatch.setattr(_extract, "MAX_TABLE_CELLS", 12)
    doc = read("<table>" + "<tr><td rowspan=65534>甲<td>0" * 6 + "</table>")
    rows = tables(doc)[0]
    assert rows[:3] == [["甲", "0"], ["", "甲", "0"], ["", "", "甲", "0"]]
    assert rows[3:] == [["甲", "0"]] * 3
    assert codes(doc) == ["source.table-too-large"]
    assert doc.diagnostics[0].span is not None


def test_rows_are_read_in_display_order_and_spans_stay_in_their_group() -> None:
    doc = read(
        "<table><tfoot><tr><td>合计<td>3</tfoot>"
        "<tbody><tr><td rowspan=5>项目<td>1</tbody>"
        "<thead><tr><th>名称<th>数量</thead>"
        "<tr><td>直接行<td>2</table>"
    )
    assert tables(doc) == [[["名称", "数量"], ["项目", "1"], ["直接行", "2"], ["合计", "3"]]]


def test_cell_lines_come_from_br_and_paragraphs() -> None:
    doc = read(
        "<table><tr><td>本年新<br>制作数量<td><p>结果</p><p></p><p>维持</p>"
        "<td>\n  <p>&nbsp;</p>\n<td><br>上<br><br></table>"
    )
    assert tables(doc) == [[["本年新\n制作数量", "结果\n维持", "\xa0", "上"]]]


def test_words_row_of_column_widths_is_no_row() -> None:
    # Word's "Save as HTML" ends a table with merged cells with a row of empty cells in a
    # conditional section; the same table exported as text has no such row.
    doc = read(
        "<table class=MsoNormalTable border=1>\r\n"
        "<tr><td colspan=2><p class=MsoNormal><span lang=EN-US>信息内容<o:p></o:p></span></p>"
        "</td></tr>\r\n<tr><td><p class=MsoNormal>规章</p></td><td><p class=MsoNormal>"
        "<span lang=EN-US>0<o:p></o:p></span></p></td></tr>\r\n"
        "<![if !supportMisalignedColumns]>\r\n<tr height=0>"
        "<td width=83 style='border:none'></td><td width=83 style='border:none'></td>"
        "</tr>\r\n<![endif]>\r\n</table>"
        "<table><tr><td>甲<td>1<![if !supportMisalignedColumns]><tr><td>乙<td>2"
        "<tr><td><td><![endif]><tr><td><td></table>"
    )
    # Only the empty rows of the section go; a row with text, or outside it, stays.
    assert tables(doc) == [
        [["信息内容"], ["规章", "0"]],
        [["甲", "1"], ["乙", "2"], ["", ""]],
    ]


def test_unclosed_cells_rows_and_paragraphs_are_closed_as_browsers_do() -> None:
    doc = read("<p>段落一<p>段落二<table><tr><td>甲<td><p>乙<tr><td>丙<td>丁</table><p>段落三")
    assert paragraphs(doc) == ["段落一", "段落二", "段落三"]
    assert tables(doc) == [[["甲", "乙"], ["丙", "丁"]]]


def test_a_table_holding_tables_is_layout_and_a_one_cell_table_is_a_paragraph() -> None:
    doc = read(
        "<table><tr><td>左栏<td>"
        "<table><tr><td>说明文字</td></tr></table>"
        "<p>正文</p>"
        "<table><caption>表一</caption><tr><td>规章<td>0</table>"
        "</table>"
    )
    blocks = doc.blocks or ()
    assert [(type(b).__name__, b.raw if isinstance(b, Paragraph) else b.texts) for b in blocks] == [
        ("Paragraph", "左栏"),
        ("Paragraph", "说明文字"),
        ("Paragraph", "正文"),
        ("Paragraph", "表一"),
        ("Table", (("规章", "0"),)),
    ]
    assert codes(doc) == ["source.layout-table"]


def test_text_in_a_table_outside_its_cells_is_read_before_the_table() -> None:
    # Browsers show it there (the HTML standard's "foster parenting"): before the rows,
    # in a row before its cells, between rows, after the last row.
    doc = read(
        "<p>（一）主动公开</p>"
        "<table>表一<tr>说明<td>规章</td><td>0</td></tr>单位：件"
        "<tr><td>规范性文件</td><td>3</td></tr>以上为本年数据</table>"
        "<p>二、其他</p>"
    )
    assert tables(doc) == [[["规章", "0"], ["规范性文件", "3"]]]
    assert doc.text.split("\n") == [
        "（一）主动公开",
        "表一说明单位：件以上为本年数据",  # one run of text, as a browser shows it
        "\t规章",
        "\t0",
        "",
        "\t规范性文件",
        "\t3",
        "二、其他",
    ]


def test_elements_in_a_table_outside_its_cells_are_read_before_the_table() -> None:
    # A <p> or <span> between rows goes before the table, as in a browser, and the next
    # row or cell closes it: the rows stay in the table.
    doc = read(
        "<table><p><b>表一</b> 主动公开情况<tbody><tr><span>注</span><td>规章<td>0"
        "<tr><p>第二行前<td>规范性文件<td>3</table>"
    )
    assert paragraphs(doc) == ["表一 主动公开情况", "注", "第二行前"]
    assert tables(doc) == [[["规章", "0"], ["规范性文件", "3"]]]


def test_a_title_inside_the_table_reads_as_a_paragraph_before_it() -> None:
    # A caption-like title written in the table but in no cell, in a thead.
    page = (
        "<p>五、政府信息公开行政复议、行政诉讼情况</p>"
        "<table border=1><thead>表五<tr><th>行政复议<th>行政诉讼</thead>"
        "<tbody><tr><td>0<td>1</tbody></table>"
    )
    doc = read(page)
    assert paragraphs(doc) == ["五、政府信息公开行政复议、行政诉讼情况", "表五"]
    assert tables(doc) == [[["行政复议", "行政诉讼"], ["0", "1"]]]
    report = gipparse.loads(page.encode(), path="report.html")
    (section,) = report.sections
    assert section.kind == "appeals"
    assert [b.raw if isinstance(b, Paragraph) else "table" for b in section.blocks] == [
        "表五",
        "table",
    ]


def test_whitespace_and_comments_in_a_table_outside_its_cells_are_nothing() -> None:
    plain = read("<div>前文<table><tr><td>规章<td>0<tr><td>规范性文件<td>3</table></div>")
    spaced = read(
        "<div>前文<table>\n  <!-- 表一 -->\n\t<tbody>\r\n <tr> <td>规章<td>0</td> &nbsp; </tr>\n"
        "<!-- 第二行 --> <tr>\u3000<td>规范性文件<td>3</tr>\n</tbody>\n</table></div>"
    )
    assert paragraphs(spaced) == paragraphs(plain) == ["前文"]  # no space added to it
    assert spaced.text == plain.text
    assert codes(spaced) == codes(plain) == []


def test_text_outside_the_cells_of_a_table_in_a_layout_table_stays_in_its_cell() -> None:
    doc = read(
        "<table>页面说明<tr><td>左栏</td><td>"
        "<table>表一<tr><td>规章<td>0</tr>单位：件<tr><td>规范性文件<td>3</table>"
        "<p>正文</p></td></tr></table>"
    )
    blocks = doc.blocks or ()
    assert [(type(b).__name__, b.raw if isinstance(b, Paragraph) else b.texts) for b in blocks] == [
        ("Paragraph", "页面说明"),
        ("Paragraph", "左栏"),
        ("Paragraph", "表一单位：件"),
        ("Table", (("规章", "0"), ("规范性文件", "3"))),
        ("Paragraph", "正文"),
    ]
    assert codes(doc) == ["source.layout-table"]


def test_a_table_of_links_is_a_menu() -> None:
    doc = read(
        "<table><tr><td><a>首页</a><td><a>公开</a><td><a>服务</a></table>"
        "<p>正文足够长的一段文字。</p>"
    )
    assert (paragraphs(doc), tables(doc)) == (["正文足够长的一段文字。"], [])


def test_data_table_cells_are_never_dropped_as_chrome() -> None:
    doc = read("<table><tr><td class='nav'>导航<td>当前位置：办公室<td>0</table>")
    assert tables(doc) == [[["导航", "当前位置：办公室", "0"]]]


def test_spans_point_into_the_text() -> None:
    doc = read("<p>标题</p><table><tr><td>本年新<br>制作数量<td>0</table><p>尾</p>")
    assert doc.text.split("\n") == ["标题", "\t本年新", "制作数量", "\t0", "尾"]
    (table,) = [b for b in doc.blocks or () if isinstance(b, gipparse.Table)]
    assert [c.span for c in table.cells()] == [
        gipparse.Span(2, 2, 3, 5),
        gipparse.Span(4, 2, 4, 3),
    ]
    assert table.format == "html"


# ---------------------------------------------------------------------------------------
# Damage
# ---------------------------------------------------------------------------------------


def test_deep_nesting_is_flattened_not_a_crash() -> None:
    doc = read("<div>" * 5000 + "深处的文字" + "</div>" * 5000 + "<p>之后</p>")
    assert paragraphs(doc) == ["深处的文字", "之后"]
    assert "source.too-deep" in codes(doc)


def _best_time(run: Callable[[], object], repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def test_text_handed_over_in_pieces_costs_what_the_html_parser_does() -> None:
    """A complexity check, not a speed limit: the tree builder against the bare standard
    parser on the same page, where every stray ``<`` is a piece of text of its own. Both
    are linear now (a ratio near 1); joining the pieces one by one was quadratic (a ratio
    of 5 at this size, 18 at 800 kB, and 172 s for 2 MB)."""
    from html.parser import HTMLParser

    from gipparse_html._tree import parse

    class Bare(HTMLParser):
        def handle_data(self, data: str) -> None:
            pass

    def bare(text: str) -> None:
        parser = Bare(convert_charrefs=True)
        parser.feed(text)
        parser.close()

    page = "<p>" + "<" * 300_000 + " x&amp;y<br>"
    root, _ = parse(page)
    (p,) = root.children
    assert isinstance(p, gipparse_html._tree.Element)
    assert p.children[0] == "<" * 300_000 + " x&y"
    assert _best_time(lambda: parse(page)) < 2.5 * _best_time(lambda: bare(page))


def _work_per_byte(page: str) -> float:
    """The calls (Python functions, generators resumed, builtins) reading *page* makes,
    per byte: a measure of work that is the same on every run."""
    import sys

    from gipparse_html._extract import read_html

    data = page.encode()
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        calls += 1

    sys.setprofile(count)
    try:
        read_html(data, None)
    except SourceError:
        pass
    finally:
        sys.setprofile(None)
    return calls / len(data)


_LEVEL = "<i>字</i>" * 20
_NESTED_PAGES: dict[str, tuple[Callable[[int], str], int, int]] = {
    "tables in cells": (
        lambda d: (
            f"<table><tr><td>{_LEVEL}</td><td>{_LEVEL}</td></tr><tr><td>" * d
            + "</td></tr></table>" * d
        ),
        10,
        60,
    ),
    "tables in divs": (
        lambda d: (
            f"<div><table><tr><td>{_LEVEL}</td><td>{_LEVEL}</td></tr></table>"
            f"<table><tr><td>{_LEVEL}</td><td>" * d + "</td></tr></table></div>" * d
        ),
        10,
        45,
    ),
    "titles in titles": (
        lambda d: (
            ("<div class=title>" * d + "字" + "\u3000" * 3 * d + "</div>" * d) * 10
            + '<div class="content">'
            + "正文" * 100
            + "</div>"
        ),
        40,
        180,
    ),
    "forms deep down": (
        lambda d: (
            "<p>"
            + "正文" * 200
            + "</p>"
            + "<div>" * d
            + "<form><input>搜索</form>" * 300
            + "</div>" * d
        ),
        40,
        180,
    ),
    "short blocks in blocks": (lambda d: ("<div>" * d + "字" + "</div>" * d) * 10, 40, 180),
}


@pytest.mark.parametrize("shape", sorted(_NESTED_PAGES))
def test_reading_costs_the_page_size_whatever_the_nesting(shape: str) -> None:
    """A complexity check that cannot flake: the work per byte of a page nested four or
    more times deeper stays the same (a ratio near 1). Facts about each element (does it
    hold a table, is it in a data table, in chrome, in a removed form, is its text too long
    for a title) used to be found by walking below or above it, element by element: the
    work grew with the depth (a ratio of 1.3 to 3.7 here), and a 4.8 MB page of nested
    tables took 14 s to read."""
    make, shallow, deep = _NESTED_PAGES[shape]
    assert _work_per_byte(make(deep)) < 1.25 * _work_per_byte(make(shallow))


def test_mismatched_end_tags_do_not_lose_text() -> None:
    doc = read("<div><span>一<table><tr><td>甲</span><td>乙</div></table>二</span></div>三")
    assert tables(doc) == [[["甲", "乙"]]]
    assert paragraphs(doc) == ["一", "二", "三"]


_html_pieces = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<td>",
        "</td>",
        "<tr>",
        "<table>",
        "</table>",
        "<br>",
        "<div>",
        "</div>",
        "<td rowspan=3>",
        "<td colspan=0>",
        "<th rowspan=x>",
        "<script>",
        "&nbsp;",
        "<!--",
        "-->",
        "<",
        ">",
        "\t",
        "\n",
        "一、总体情况",
        "0",
        "<![if !x]>",
        "<meta charset=gbk>",
    ]
)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_html_pieces, st.text(max_size=5)), max_size=40))
def test_any_page_reads_or_is_refused_with_a_gipparse_error(pieces: list[str]) -> None:
    data = ("<html>" + "".join(pieces)).encode("utf-8", errors="surrogatepass")
    try:
        report = gipparse.loads(data, path="x.html")
    except SourceError:  # a crash in the reader would be a PluginError
        return
    assert report.source


@given(st.binary(max_size=300))
def test_any_bytes_named_html_read_or_are_refused_with_a_gipparse_error(data: bytes) -> None:
    with contextlib.suppress(SourceError):  # a crash would be a PluginError
        gipparse.loads(b"<html><body>" + data, path="x.html")


def test_a_page_over_the_memory_budget_is_refused_before_it_is_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """100,000 paragraphs in 400 kB: read, about 75 MB (fuzz/memory.py)."""
    page = ("<html><body>" + "<p>a" * 100_000).encode()
    monkeypatch.setenv("GIPPARSE_MAX_MEMORY", str(64 * 1024 * 1024))
    with pytest.raises(gipparse.InputTooLargeError, match="GIPPARSE_MAX_MEMORY"):
        read(page)
    monkeypatch.setenv("GIPPARSE_MAX_MEMORY", str(256 * 1024 * 1024))
    assert len(paragraphs(read(page))) == 100_000
