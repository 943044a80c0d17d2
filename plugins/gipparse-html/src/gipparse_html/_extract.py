"""From a web page to the report's blocks: drop the page chrome, find the content, and turn
paragraphs and headings into paragraphs and each data table into a table.

Chrome is removed in two passes. Elements that are never report content go first:
``head``, scripts, styles, ``noscript``, ``template``, frames, embedded objects, form
controls, ``nav``, ``aside``, hidden elements, landmarks with a navigation, banner,
search or footer role, ``footer``, ``header`` outside an ``article`` or ``main``, and
forms that are boxes of controls (search, login, feedback). A form holding the page's
content is read: ASP.NET pages wrap their whole body in one, some templates the article.
Then, when an ``article``, a ``main`` or a container whose class or id says it
holds the content (``content``, ``TRS_Editor``, ``zoom``, ``zhengwen``...) holds at least
half of what text is left, only that container is read; the page's ``<h1>`` (or
``title`` element) outside it is kept as the first paragraph, since the report's title
often sits above its body. Inside what is read, menus, breadcrumbs, share and print bars,
the 索引号 box and site footers are removed by their class or id, by their text
(``当前位置：``, ``上一篇：``, ``索引号：``, ``ICP备``) or because they are mostly links;
cells of data tables are never removed one by one. The characters of text left out are
counted, hidden text apart (``source.page-chrome``, ``source.hidden-text``); scripts,
styles and embedded objects show no text and are not.

A ``<table>`` holding other tables is page layout: its cells are read as paragraphs. Any
other table with at least two cells is a data table. Its rows are read in display order
(``thead``, bodies, ``tfoot``) and merged cells are expanded the way the tab format
writes them: a cell covered by a ``rowspan`` from above is an empty cell at the merge's
first column; a ``colspan`` is written once. ``<br>`` and paragraphs inside a cell are
line breaks in the cell's text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from gipparse import DocumentBuilder, Severity, SourceDocument, SourceError

from ._charset import decode
from ._tree import MAX_DEPTH, Element, parse, words

FORMAT = "html"


#: Elements that are never report content, wherever they are.
DROP_TAGS = words(
    "head title meta link base script style noscript template iframe frame frameset "
    "object embed applet svg math canvas audio video map nav aside button select "
    "option textarea input label dialog menu rt rp"
)
#: Those of them that show no text: their text is code, metadata or fallback content.
UNSHOWN_TAGS = words(
    "head title meta link base script style noscript template iframe frame frameset "
    "object embed applet svg math canvas audio video map rt rp"
)
#: Controls a user fills in or presses (an ``<input type=hidden>`` is none).
CONTROL_TAGS = words("input button select textarea")
_HIDING_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_LANDMARK_ROLES = words("navigation banner contentinfo search menu menubar complementary toolbar")
#: Class or id tokens of page chrome, removed wherever they are.
CHROME_TOKENS = words(
    "nav navbar navigation topnav mainnav subnav menu menubar submenu breadcrumb "
    "breadcrumbs crumb crumbs bread mianbaoxie position location weizhi dqwz daohang "
    "share sharing social fenxiang print dayin toolbar pagination pager skip"
)
#: Substrings of a class or id that mark chrome even inside a longer name (bdsharebuttonbox).
_CHROME_SUBSTRINGS = ("share", "breadcrumb", "crumb", "navbar", "fenxiang")
#: Class or id tokens of site-wide chrome, removed when no content container was found.
SITE_CHROME_TOKENS = words(
    "header head top topbar footer foot bottom sidebar side banner logo copyright links "
    "friendlink related search"
)
#: Class or id tokens of a container holding the content.
CONTENT_TOKENS = words(
    "content maincontent article articlecontent trs_editor editor trs_ueditor zoom "
    "fontzoom detail zw zhengwen nr neirong wznr text txt body main con view"
)
#: The start of a short block of chrome: a breadcrumb, previous/next links, a print or
#: font-size bar, the 政府信息公开 metadata box (索引号, 发布机构, 成文日期...) or the line of
#: date, source and hits above an article.
_CHROME_START_RE = re.compile(
    r"(?:当前位置|您现在的位置|您的位置|你的位置|你现在的位置|所在位置|上一篇|下一篇|上一条|下一条"
    r"|(?:信息)?索(?:引|取)号|主题分类|发布机构|成文日期|发布(?:时间|日期)|文章来源|信息来源"
    r"|浏览(?:次数|量)|阅读(?:次数|量)|点击(?:数|量|次数)|访问(?:次数|量))[:：]"
    r"|【?(?:打印本页|打印此页|关闭窗口|字体|字号)"
)
#: What only a site footer says.
_SITE_FOOTER_RE = re.compile(r"ICP备|网站标识码|版权所有|Copyright|©", re.I)
#: Longest block (characters, whitespace aside) the two patterns above are tried on.
MAX_CHROME_BLOCK = 300

#: Longest text taken for the page's title.
MAX_TITLE_LENGTH = 100
#: Share of the page's text (link text aside) a content container must hold to be read
#: alone.
CONTENT_SHARE = 0.5
#: A container inside the chosen one that holds this share of its text is chosen instead.
TIGHTEN_SHARE = 0.85
#: Most characters of text (link text aside) a form holding controls may have and still be
#: a search, login or feedback box when it holds most of the page's text.
MAX_FORM_TEXT = 300

_BLOCK_TAGS = words(
    "html body address article aside blockquote center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main "
    "menu nav ol p pre section summary table caption thead tbody tfoot tr td th ul legend "
    "listing xmp plaintext"
)
_ASCII_WS_RE = re.compile(r"[ \t\n\r\f]+")
_CAMEL_RE = re.compile(r"([a-z0-9])([A-Z])")
_TOKEN_SPLIT_RE = re.compile(r"[^a-z0-9_]+|_")
_DIGITS_RE = re.compile(r"\s*([0-9]+)")

#: Most cells a table is expanded to (a report's tables have a few hundred); past that, a
#: ``rowspan`` is no longer followed, so that a hostile page cannot expand without end.
MAX_TABLE_CELLS = 100_000
#: Largest colspan and rowspan honoured (the HTML standard's limits).
MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534


def read_html(data: bytes, path: str | None) -> SourceDocument:
    """Decode and read a page into a :class:`~gipparse.SourceDocument`."""
    text, codec, findings = decode(data)
    root, dropped = parse(text)
    builder = DocumentBuilder(FORMAT, encoding=codec)
    for severity, code, message in findings:
        builder.diagnose(severity, code, message)
    if dropped:
        builder.diagnose(
            Severity.WARNING,
            "source.too-deep",
            f"{dropped} elements nested deeper than {MAX_DEPTH} levels were flattened into "
            "their parent; their text is kept",
        )
    body = next((e for e in root.elements() if e.tag == "body"), root)
    # Characters of text left out as never content: shown chrome, and hidden text.
    never = {_CHROME: 0, _HIDDEN: 0}
    forms: list[Element] = []
    with_controls: set[int] = set()  # elements a control was dropped from
    # Elements in an article or a main (kept, each met after the element around it).
    in_main = {id(body)} if any(map(_is_main, (body, *body.ancestors()))) else set()

    def drop(element: Element) -> bool:
        parent_in_main = element.parent is not None and id(element.parent) in in_main
        why = _never_content(element, parent_in_main)
        if why is None:
            if element.tag == "form":
                forms.append(element)
            if parent_in_main or _is_main(element):
                in_main.add(id(element))
            return False
        if why in never:
            never[why] += len(_text_of(element))
            if element.tag in CONTROL_TAGS and _is_control(element) and element.parent:
                with_controls.add(id(element.parent))
        return True

    _prune(body, drop)
    sizes = _Sizes(body)
    if forms:
        never[_CHROME] += _drop_chrome_forms(body, forms, sizes, with_controls)
    content, title = _content_root(body, sizes)
    if title is not None:
        builder.paragraph(title)
    tokens = CHROME_TOKENS if content is not body else CHROME_TOKENS | SITE_CHROME_TOKENS
    in_data_tables = _in_data_tables(content)
    texts = _ShortTexts()
    _prune(content, lambda e: id(e) not in in_data_tables and _is_chrome(e, tokens, sizes, texts))
    left_out = (
        never[_CHROME]
        + sizes.text[id(body)]
        - _Sizes(content).text[id(content)]
        - len("".join((title or "").split()))
    )
    if left_out > 0:
        builder.diagnose(
            Severity.INFO,
            "source.page-chrome",
            f"{left_out} characters of page text around the report (navigation, menus, "
            "breadcrumbs, links, share and print bars) were left out",
        )
    hidden = never[_HIDDEN]
    if hidden:
        builder.diagnose(
            Severity.INFO,
            "source.hidden-text",
            f"{hidden} characters of text the page hides (hidden, display:none, "
            "visibility:hidden, aria-hidden) were not read",
        )
    layout_tables = _Reader(builder).read(content)
    if layout_tables:
        builder.diagnose(
            Severity.INFO,
            "source.layout-table",
            f"{layout_tables} tables holding other tables were read as page layout: their "
            "cells as paragraphs",
        )
    if not builder.blocks:
        also = f" ({hidden} characters of hidden text were not read)" if hidden else ""
        raise SourceError(f"the page holds no text besides page chrome{also}", path=path)
    return builder.build()


# ---------------------------------------------------------------------------------------
# Chrome
# ---------------------------------------------------------------------------------------


def _prune(root: Element, drop: Callable[[Element], bool]) -> None:
    """Remove every element below *root* for which *drop* is true, with its subtree."""
    stack = [root]
    while stack:
        element = stack.pop()
        kept: list[Element | str] = []
        for child in element.children:
            if isinstance(child, Element):
                if drop(child):
                    continue
                stack.append(child)
            kept.append(child)
        element.children = kept


_UNSHOWN = "unshown"
_HIDDEN = "hidden"
_CHROME = "chrome"


def _never_content(element: Element, in_main: bool) -> str | None:
    """Why *element* is never report content: it shows no text (``_UNSHOWN``: scripts,
    styles, embedded objects), the page hides it (``_HIDDEN``) or it is page chrome
    (``_CHROME``); ``None`` when it may be content. *in_main*: whether it is inside an
    article or a main."""
    tag = element.tag
    if tag in UNSHOWN_TAGS:
        return _UNSHOWN
    attrs = element.attrs
    if "hidden" in attrs or attrs.get("aria-hidden", "").strip().lower() == "true":
        return _HIDDEN
    style = attrs.get("style")
    if style and _HIDING_STYLE_RE.search(style):
        return _HIDDEN
    if tag in DROP_TAGS:
        return _CHROME
    if attrs.get("role", "").strip().lower() in _LANDMARK_ROLES:
        return _CHROME
    if tag == "footer":  # the page's, or an article's (date, share and print links)
        return _CHROME
    if tag == "header" and not in_main:
        return _CHROME  # an article's header holds its title
    return None


def _is_control(element: Element) -> bool:
    return element.tag != "input" or element.attrs.get("type", "").strip().lower() != "hidden"


def _drop_chrome_forms(
    body: Element, forms: list[Element], sizes: _Sizes, with_controls: set[int]
) -> int:
    """Remove the *forms* (each listed after the forms around it) that are page chrome,
    their text taken off the *sizes* of the elements around them; returns the characters
    of text removed. *with_controls*: the elements controls were dropped from.

    A form is chrome when it is a box of controls (search, login, feedback), not when it
    holds the page's content: ASP.NET pages wrap the whole body in one form, some CMS
    templates the article. A form holding most of the page's text (link text aside), with
    no control or more text than a box of controls has, or holding a data table, is
    content; its controls are dropped all the same."""
    page = sizes.text[id(body)] - sizes.link_text[id(body)]
    # Per element: whether it or one around it is a form removed, or one looked below.
    removed: dict[int, bool] = {}
    walked: dict[int, bool] = {}
    found = _Found()
    total = 0
    dropped: list[Element] = []
    for form in forms:
        key = id(form)
        if _around(form.parent, removed):
            removed[key] = True
            continue
        text = sizes.text[key] - sizes.link_text[key]
        most = text >= CONTENT_SHARE * page
        if most and text > MAX_FORM_TEXT:
            continue
        if not _around(form.parent, walked):
            walked[key] = True
            found.walk(form, sizes, with_controls)
        if (most and key not in found.controls) or key in found.data_tables:
            continue
        removed[key] = True
        total += sizes.text[key]
        dropped.append(form)
    gone = {id(form) for form in dropped}
    parents = {id(form.parent): form.parent for form in dropped if form.parent is not None}
    for parent in parents.values():  # each once: a page may hold thousands of forms
        parent.children = [c for c in parent.children if id(c) not in gone]
    _take_off(dropped, body, sizes)
    return total


def _around(element: Element | None, marked: dict[int, bool]) -> bool:
    """Whether *element* or an element around it is marked ``True`` in *marked*, which
    takes the answer for each element on the way: the elements around are marked before
    those inside them, and each is walked past once."""
    path: list[Element] = []
    node = element
    while node is not None and id(node) not in marked:
        path.append(node)
        node = node.parent
    found = node is not None and marked[id(node)]
    for node in path:
        marked[id(node)] = found
    return found


def _take_off(removed: list[Element], body: Element, sizes: _Sizes) -> None:
    """Take the *sizes* of the *removed* elements (none inside another) off those of the
    elements around them, up to the *body*: each element around them once, the deepest
    first, the removed sizes below it summed."""
    depth: dict[int, int] = {id(body): 0}
    for element in removed:
        path: list[Element] = []
        node: Element | None = element.parent
        while node is not None and id(node) not in depth:
            path.append(node)
            node = node.parent
        d = depth[id(node)] if node is not None else 0
        for node in reversed(path):
            d += 1
            depth[id(node)] = d
    below: dict[int, list[int]] = {}  # sizes removed below an element: text, links, link text
    levels: dict[int, list[Element]] = {}
    for element in removed:
        key = id(element)
        parent = element.parent
        if parent is None:
            continue
        p = id(parent)
        if p not in below:
            below[p] = [0, 0, 0]
            levels.setdefault(depth[p], []).append(parent)
        sums = below[p]
        sums[0] += sizes.text[key]
        sums[1] += sizes.links[key]
        sums[2] += sizes.link_text[key]
    for level in range(max(levels, default=0), -1, -1):
        for element in levels.get(level, ()):
            key = id(element)
            text, links, link_text = below[key]
            sizes.text[key] -= text
            sizes.links[key] -= links
            sizes.link_text[key] -= link_text
            parent = element.parent
            if element is body or parent is None:
                continue
            p = id(parent)
            if p not in below:
                below[p] = [0, 0, 0]
                levels.setdefault(level - 1, []).append(parent)
            sums = below[p]
            sums[0] += text
            sums[1] += links
            sums[2] += link_text


class _Found:
    """The elements below forms that held a control, and those holding a data table: a
    table with no control and no table in it, two cells or more, and text mostly not link
    text (not a form's layout, not a list of links)."""

    def __init__(self) -> None:
        self.controls: set[int] = set()
        self.data_tables: set[int] = set()

    def walk(self, top: Element, sizes: _Sizes, with_controls: set[int]) -> None:
        """Look below *top* once, whatever the nesting: each element after those below it."""
        controls, data_tables = self.controls, self.data_tables
        cells: dict[int, int] = {}
        tables: dict[int, int] = {}
        for element in reversed([top, *top.elements()]):
            key = id(element)
            below = cells.get(key, 0) + (element.tag in ("td", "th"))
            inside = tables.get(key, 0)
            if key in with_controls:
                controls.add(key)
            if element.tag == "table":
                if (
                    inside == 0
                    and below >= 2
                    and key not in controls
                    and 2 * sizes.link_text[key] < sizes.text[key]
                ):
                    data_tables.add(key)
                inside += 1
            parent = element.parent
            if element is not top and parent is not None:
                p = id(parent)
                cells[p] = cells.get(p, 0) + below
                tables[p] = tables.get(p, 0) + inside
                if key in controls:
                    controls.add(p)
                if key in data_tables:
                    data_tables.add(p)


def _is_main(element: Element) -> bool:
    return element.tag in ("article", "main") or element.attrs.get("role", "").lower() == "main"


def _tokens(element: Element) -> set[str]:
    """The lowercased tokens of the class and id (``mainNav`` → main, nav, mainnav)."""
    found: set[str] = set()
    for name in ("class", "id"):
        value = element.attrs.get(name)
        if not value:
            continue
        for word in value.split():
            lowered = word.lower()
            found.add(lowered)
            found.update(t for t in _TOKEN_SPLIT_RE.split(_CAMEL_RE.sub(r"\1 \2", word).lower()))
    found.discard("")
    return found


def _in_data_tables(root: Element) -> set[int]:
    """The elements inside data tables (tables holding no table, *root* aside): never
    judged one by one, since dropping a cell would shift the columns. One pass up the tree
    and one down, whatever the nesting."""
    order = [root, *root.elements()]
    holding: set[int] = set()  # elements with a table below them
    for element in reversed(order):
        parent = element.parent
        if parent is not None and (element.tag == "table" or id(element) in holding):
            holding.add(id(parent))
    inside: set[int] = set()
    for element in order[1:]:
        parent = element.parent
        if parent is not None and (
            id(parent) in inside
            or (parent.tag == "table" and parent is not root and id(parent) not in holding)
        ):
            inside.add(id(element))
    return inside


def _is_chrome(element: Element, tokens: frozenset[str], sizes: _Sizes, texts: _ShortTexts) -> bool:
    found = _tokens(element)
    if found & tokens:
        return True
    if any(s in t for t in found for s in _CHROME_SUBSTRINGS):
        return True
    size = sizes.text.get(id(element), 0)
    if size <= MAX_CHROME_BLOCK:
        text = texts.of(element)
        if _CHROME_START_RE.match(text) or _SITE_FOOTER_RE.search(text):
            return True
    # A menu or a list of links: three links or more making up most of the text.
    return sizes.links.get(id(element), 0) >= 3 and sizes.link_text[id(element)] >= 0.7 * size


class _Sizes:
    """Characters of text (whitespace excluded), links, and characters of link text below
    each element, measured once."""

    def __init__(self, top: Element) -> None:
        order = [top, *top.elements()]
        self.text: dict[int, int] = {}
        self.links: dict[int, int] = {}
        self.link_text: dict[int, int] = {}
        for element in order:
            self.text[id(element)] = sum(
                _visible_length(c) for c in element.children if isinstance(c, str)
            )
            self.links[id(element)] = 0
            self.link_text[id(element)] = 0
        for element in reversed(order):
            key = id(element)
            if element.tag == "a" and self.text[key]:
                self.links[key] += 1
                self.link_text[key] = self.text[key]
            parent = element.parent
            if element is not top and parent is not None:
                self.text[id(parent)] += self.text[key]
                self.links[id(parent)] += self.links[key]
                self.link_text[id(parent)] += self.link_text[key]


def _visible_length(text: str) -> int:
    return len(text) - sum(1 for c in text if c.isspace())


def _text_of(element: Element) -> str:
    """All text below *element*, whitespace removed (for matching, not for output)."""
    parts: list[str] = []
    stack: list[Element | str] = [element]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            parts.append(node)
        else:
            stack.extend(reversed(node.children))
    return "".join("".join(parts).split())


class _ShortTexts:
    """The text below elements (as :func:`_text_of`), each element's made once from those
    of its children: a block is tried for chrome after the block around it, and walking
    the whole of each would cost the nesting depth times the page."""

    def __init__(self) -> None:
        self.memo: dict[int, str] = {}

    def of(self, element: Element) -> str:
        memo = self.memo
        done = memo.get(id(element))
        if done is not None:
            return done
        stack: list[tuple[Element, bool]] = [(element, False)]
        while stack:  # children first, those already made skipped
            node, ready = stack.pop()
            if ready:
                memo[id(node)] = "".join(
                    "".join(c.split()) if isinstance(c, str) else memo[id(c)] for c in node.children
                )
                continue
            stack.append((node, True))
            stack.extend(
                (c, False) for c in node.children if isinstance(c, Element) and id(c) not in memo
            )
        return memo[id(element)]


# ---------------------------------------------------------------------------------------
# The content container
# ---------------------------------------------------------------------------------------


def _content_root(body: Element, sizes: _Sizes) -> tuple[Element, str | None]:
    """The element to read, and the page's title when it stands outside that element."""
    # Text that is not link text: menus and link lists do not count.
    size = {key: sizes.text[key] - sizes.link_text[key] for key in sizes.text}
    total = size[id(body)]
    order = [body, *body.elements()]
    candidates = [
        (i, e) for i, e in enumerate(order) if size[id(e)] > 0 and _is_content_candidate(e)
    ]
    if not candidates or total <= 0:
        return body, None
    # The first of equals: the outermost.
    start, best = max(candidates, key=lambda c: size[id(c[1])])
    last: dict[int, int] | None = None  # the position of the last element below each
    for i, element in candidates:
        if i > start and size[id(element)] >= TIGHTEN_SHARE * size[id(best)]:
            if last is None:
                last = _last_below(order)
            if i <= last[id(best)]:  # below the best
                start, best = i, element
    if size[id(best)] < CONTENT_SHARE * total:
        return body, None
    return best, _title_before(order, start, sizes)


def _last_below(order: list[Element]) -> dict[int, int]:
    """The position in *order* (an element and those below it in document order) of the
    last element below each element, or of the element itself when none is."""
    last: dict[int, int] = {}
    for i in range(len(order) - 1, -1, -1):
        element = order[i]
        key = id(element)
        if key not in last:
            last[key] = i
        parent = element.parent
        if parent is not None and id(parent) not in last:  # its last child's
            last[id(parent)] = last[key]
    return last


def _is_content_candidate(element: Element) -> bool:
    return _is_main(element) or bool(_tokens(element) & CONTENT_TOKENS)


def _title_before(order: list[Element], start: int, sizes: _Sizes) -> str | None:
    """The page's title when it stands above the content, ``order[start]`` (*order*: the
    body and the elements below it in document order): the closest ``<h1>`` or element
    whose class or id says ``title`` before it, outside page chrome. ``None`` when the
    content is the body (a title in it is read with the rest) or has an ``<h1>`` of its
    own.

    Each element is looked at once, whatever the nesting: the elements before the content
    are tried from the closest back, whether one is in chrome is known from the element
    around it, and an element whose text is too long to be a title holds no title (its
    text on one line is no shorter than that of any element in it)."""
    content = order[start]
    if start == 0 or any(e.tag == "h1" for e in content.elements()):
        return None
    around = set(map(id, content.ancestors()))
    chrome = CHROME_TOKENS | SITE_CHROME_TOKENS
    in_chrome: dict[int, bool] = {}  # an element or one around it is chrome
    too_long: set[int] = set()  # elements holding text too long for a title
    for i in range(start - 1, 0, -1):
        element = order[i]
        key = id(element)
        if key in around:
            continue
        parent = element.parent
        if key in too_long or sizes.text[key] > MAX_TITLE_LENGTH:
            if parent is not None:
                too_long.add(id(parent))
            continue
        if sizes.text[key] == 0 or not (element.tag == "h1" or "title" in _tokens(element)):
            continue
        if _in_chrome(element, chrome, in_chrome):
            continue
        text = _flatten(element)
        if len(text) <= MAX_TITLE_LENGTH:
            return text
        if parent is not None:
            too_long.add(id(parent))
    return None


def _in_chrome(element: Element, chrome: frozenset[str], known: dict[int, bool]) -> bool:
    """Whether *element* or an element around it has a class or id token in *chrome*;
    *known* holds the answers found so far, and takes those found now."""
    path: list[Element] = []
    node: Element | None = element
    while node is not None and id(node) not in known:
        path.append(node)
        node = node.parent
    found = node is not None and known[id(node)]
    for node in reversed(path):
        found = found or bool(_tokens(node) & chrome)
        known[id(node)] = found
    return found


def _flatten(element: Element) -> str:
    """The text of *element* on one line, whitespace collapsed."""
    lines: list[str] = []
    flow = _Lines(lines.append)
    _walk(element, flow, None)
    flow.finish()
    return " ".join(line for line in lines if line and not line.isspace())


# ---------------------------------------------------------------------------------------
# Blocks
# ---------------------------------------------------------------------------------------


class _Lines:
    """Collects inline text into lines: whitespace collapsed as HTML does, a line ended at
    each block boundary (when it holds something) and at each ``<br>`` (always)."""

    __slots__ = ("parts", "sink")

    def __init__(self, sink: Callable[[str], object]) -> None:
        self.sink = sink
        self.parts: list[str] = []

    def add(self, text: str) -> None:
        self.parts.append(text)

    def _current(self) -> str:
        line = _ASCII_WS_RE.sub(" ", "".join(self.parts)).strip(" ")
        self.parts.clear()
        return line

    def boundary(self) -> None:
        if self.parts:
            line = self._current()
            if line:
                self.sink(line)

    def line_break(self) -> None:
        self.sink(self._current())

    def finish(self) -> None:
        self.boundary()


def _walk(root: Element, flow: _Lines, table: Callable[[Element, _Lines], bool] | None) -> None:
    """Feed the text below *root* to *flow* in document order, a block boundary where each
    block element starts and ends. *table* may take a ``<table>`` whole (it returns
    ``True``); tables it leaves, and all tables without it, are read as text."""
    stack: list[tuple[Element, Iterator[Element | str]]] = [(root, iter(root.children))]
    while stack:  # iterative: pages nest deeper than Python recurses
        element, children = stack[-1]
        for child in children:
            if isinstance(child, str):
                flow.add(child)
                continue
            tag = child.tag
            if tag == "br":
                flow.line_break()
                continue
            if tag == "table" and table is not None and table(child, flow):
                continue
            if tag in _BLOCK_TAGS:
                flow.boundary()
            stack.append((child, iter(child.children)))
            break
        else:
            stack.pop()
            if element.tag in _BLOCK_TAGS:
                flow.boundary()


class _Reader:
    """Reads the content in document order into the builder: paragraphs, and data tables."""

    def __init__(self, builder: DocumentBuilder) -> None:
        self.builder = builder
        self.layout_tables = 0

    def read(self, root: Element) -> int:
        """Read *root*; returns the number of layout tables met."""
        flow = _Lines(self.builder.paragraph)
        _walk(root, flow, self._table)
        flow.finish()
        return self.layout_tables

    def _table(self, table: Element, flow: _Lines) -> bool:
        """Add *table* as a table if it is a data table; ``False`` to read it as flow."""
        if any(e.tag == "table" for e in table.elements()):
            self.layout_tables += 1
            return False
        rows, too_large = table_rows(table)
        if sum(len(r) for r in rows) < 2:
            return False
        flow.boundary()
        for child in table.children:
            if isinstance(child, Element) and child.tag == "caption":
                caption = _flatten(child)
                if caption:
                    self.builder.paragraph(caption)
        added = self.builder.table(rows)
        if too_large:
            self.builder.diagnose(
                Severity.WARNING,
                "source.table-too-large",
                f"the table expands to more than {MAX_TABLE_CELLS:,} cells; its row merges "
                "past that point were not followed",
                added,
            )
        return True


# ---------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------


def table_rows(table: Element) -> tuple[list[list[str]], bool]:
    """The rows of a data table in display order, merged cells expanded (module docstring),
    and whether it was too large for its row merges to be followed."""
    head: list[list[Element]] = []
    bodies: list[list[Element]] = []
    foot: list[list[Element]] = []
    groups: dict[int, list[Element]] = {}
    for element, section in _rows_of(table):
        key = id(section)
        if key not in groups:
            groups[key] = []
            (head if section.tag == "thead" else foot if section.tag == "tfoot" else bodies).append(
                groups[key]
            )
        groups[key].append(element)
    rows: list[list[str]] = []
    budget = _Budget(MAX_TABLE_CELLS)
    for group in (*head, *bodies, *foot):
        rows.extend(_expand(group, budget))
    return rows, budget.exceeded


def _rows_of(table: Element) -> Iterator[tuple[Element, Element]]:
    """The rows of *table* in no cell, in document order, each with its row group (the
    closest ``thead``, ``tbody`` or ``tfoot`` around it, or the table)."""
    stack: list[tuple[Element, Iterator[Element | str]]] = [(table, iter(table.children))]
    while stack:
        section, children = stack[-1]
        for child in children:
            if not isinstance(child, Element) or child.tag in ("td", "th"):
                continue
            if child.tag == "tr":
                yield child, section
            inner = child if child.tag in ("thead", "tbody", "tfoot") else section
            stack.append((inner, iter(child.children)))
            break
        else:
            stack.pop()


def _cells(tr: Element) -> list[Element]:
    found: list[Element] = []
    stack: list[Element | str] = list(reversed(tr.children))
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            continue
        if node.tag in ("td", "th"):
            found.append(node)
        elif node.tag != "table":
            stack.extend(reversed(node.children))
    return found


def _span(value: str | None, limit: int, zero: int) -> int:
    """An HTML span attribute: leading digits, 0 means *zero*, clamped to 1..*limit*."""
    if value is None:
        return 1
    m = _DIGITS_RE.match(value)
    if m is None:
        return 1
    n = int(m.group(1)[:7])
    if n == 0:
        n = zero
    return max(1, min(n, limit))


def cell_text(cell: Element) -> str:
    """A cell's text: lines from ``<br>`` and block elements, blank lines at the ends dropped."""
    lines: list[str] = []
    flow = _Lines(lines.append)
    _walk(cell, flow, None)
    flow.finish()
    while lines and not lines[-1]:
        lines.pop()
    start = 0
    while start < len(lines) and not lines[start]:
        start += 1
    return "\n".join(lines[start:])


class _Budget:
    """Cells a table may still expand to: merges stop being followed past it."""

    __slots__ = ("exceeded", "left")

    def __init__(self, cells: int) -> None:
        self.left = cells
        self.exceeded = False


def _expand(trs: list[Element], budget: _Budget) -> list[list[str]]:
    """Rows of one row group with rowspans and colspans expanded (see the module docstring).

    Work is linear in the cells written, and those are bounded by *budget*: a hostile
    ``rowspan`` cannot make a small page expand into millions of cells.
    """
    # Merges still open from rows above: start column -> [rows left, width].
    open_merges: dict[int, list[int]] = {}
    rows: list[list[str]] = []
    for r, tr in enumerate(trs):
        cells = _cells(tr)
        budget.left -= len(open_merges) + len(cells)
        if budget.left < 0 and not budget.exceeded:
            budget.exceeded = True
        if budget.exceeded:
            open_merges.clear()
        rows_left = len(trs) - r
        merges = sorted(open_merges.items())
        items: list[tuple[int, str]] = [(start, "") for start, _ in merges]
        new_merges: dict[int, list[int]] = {}
        column = 0
        k = 0
        for cell in cells:
            # Skip the columns covered by merges from above (sorted by their start).
            while k < len(merges) and merges[k][0] <= column:
                column = max(column, merges[k][0] + merges[k][1][1])
                k += 1
            colspan = _span(cell.attrs.get("colspan"), MAX_COLSPAN, 1)
            rowspan = _span(cell.attrs.get("rowspan"), min(MAX_ROWSPAN, rows_left), rows_left)
            items.append((column, cell_text(cell)))
            if rowspan > 1 and not budget.exceeded:
                new_merges[column] = [rowspan - 1, colspan]
            column += colspan
        for start, merge in merges:
            merge[0] -= 1
            if merge[0] == 0:
                del open_merges[start]
        open_merges.update(new_merges)
        items.sort(key=lambda item: item[0])
        rows.append([text for _column, text in items])
    return rows
