"""A small element tree built with the standard library's :mod:`html.parser`.

Real pages leave ``<p>``, ``<li>``, ``<td>`` and ``<tr>`` unclosed, close elements in the
wrong order and nest deeper than anyone reads. The builder applies the few HTML parsing
rules that matter for reading a report: a block start tag closes an open paragraph, a
cell closes the open cell, a row closes the open row, an end tag never closes elements
across a table cell it did not open inside, and nesting deeper than :data:`MAX_DEPTH`
is flattened (text is kept, elements are not).

Text and elements placed in a table but outside its cells (``<table>表一<tr>``,
``<tr>说明<td>``, a ``<p>`` or ``<span>`` between rows) are "foster-parented" as browsers
do: moved before the table, where a browser shows them, and such an element is closed by
the next row or cell tag. Whitespace (NBSP and U+3000 too) stays where it is, and so do
the table's own parts (captions, column groups, row groups, rows, cells, nested tables,
forms, scripts and styles). A form started there (``<table><form><tr>``, an old ASP
pattern) is left empty, as browsers leave it: the rows after it stay in the table.

Word's "Save as HTML" ends every table that has merged cells with a row of empty cells
setting the column widths, inside ``<![if !supportMisalignedColumns]>`` … ``<![endif]>``:
no part of the document, and no row when Word exports the same table as text. Rows in
such a section that hold no text are left out of the tree.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

#: Deepest element nesting kept; deeper start tags add no element (their text is kept).
MAX_DEPTH = 200


def words(text: str) -> frozenset[str]:
    """A set of words written as one string: tag names, class tokens."""
    return frozenset(text.split())


VOID = words(
    "area base basefont bgsound br col embed frame hr img input keygen link meta param "
    "source track wbr"
)
# Start tags that close an open <p> (the HTML parsing algorithm's list).
_CLOSES_P = words(
    "address article aside blockquote center details dialog dir div dl fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p "
    "pre section summary table ul li dd dt listing xmp plaintext"
)
_HEADINGS = words("h1 h2 h3 h4 h5 h6")
_TABLE_SECTIONS = frozenset(("thead", "tbody", "tfoot"))
_CELLS = frozenset(("td", "th"))
# Elements an end tag of an unrelated element does not close across.
_BARRIERS = frozenset(("td", "th", "table", "caption", "template"))
# Open elements whose text and child elements (other than _TABLE_CONTENT) are moved
# before their table; the HTML parsing algorithm's foster parenting.
_FOSTER_CONTEXTS = words("table thead tbody tfoot tr colgroup")
_TABLE_CONTENT = words(
    "caption colgroup col thead tbody tfoot tr td th table form script style template"
)
# Start tags that close a foster-parented element still open, and where to stop looking.
_TABLE_PARTS = words("caption colgroup col thead tbody tfoot tr td th")
_TABLE_SCOPE = _TABLE_PARTS | {"table"}


class Element:
    """An element: its tag, attributes and children (elements and text strings)."""

    __slots__ = ("attrs", "children", "parent", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], parent: Element | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Element | str] = []

    def elements(self) -> Iterator[Element]:
        """Every element below this one, in document order (iterative: pages nest deep)."""
        stack: list[Iterator[Element | str]] = [iter(self.children)]
        while stack:
            for child in stack[-1]:
                if isinstance(child, Element):
                    yield child
                    stack.append(iter(child.children))
                    break
            else:
                stack.pop()

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs!r}>"


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.stack: list[Element] = [self.root]
        self.dropped = 0  # start tags not turned into elements (too deep)
        # Text not yet added: the parser hands it over in pieces (each stray "<" is one),
        # and adding them one by one to a growing string would be quadratic.
        self._text: list[str] = []
        self._text_owner: Element = self.root
        # Inside Word's <![if !supportMisalignedColumns]> section, and the rows met there.
        self._misaligned = False
        self.misaligned_rows: list[Element] = []
        # Elements moved before their table, as long as they may be open.
        self._fostered: set[Element] = set()

    # -- tags ---------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], self_closing: bool) -> None:
        self._close_implied(tag)
        if len(self.stack) > MAX_DEPTH and tag not in VOID:
            self.dropped += 1
            return
        self._flush_text()
        parent = self.stack[-1]
        table = None
        if parent.tag in _FOSTER_CONTEXTS and tag not in _TABLE_CONTENT:
            table = _table_of(parent)
        if table is not None and table.parent is not None:
            element = Element(tag, {k: v or "" for k, v in attrs}, table.parent)
            _insert_before(table.parent.children, table, element)
            self._fostered.add(element)
        else:
            element = Element(tag, {k: v or "" for k, v in attrs}, parent)
            parent.children.append(element)
        # A form started in a table but in no cell is left empty, as browsers do (the HTML
        # standard inserts it and pops it at once): the rows after it stay in the table.
        form_in_table = tag == "form" and parent.tag in _FOSTER_CONTEXTS
        if tag not in VOID and not self_closing and not form_in_table:
            self.stack.append(element)
        if self._misaligned and tag == "tr":
            self.misaligned_rows.append(element)

    def _close_implied(self, tag: str) -> None:
        if tag in _TABLE_PARTS and self._fostered:
            self._close_fostered()
        if tag in _CLOSES_P:
            self._close_within("p", _BARRIERS | {"button", "object"})
        if tag in _HEADINGS:
            for h in _HEADINGS:
                if self.stack[-1].tag == h:
                    self.stack.pop()
        if tag == "li":
            self._close_within("li", _BARRIERS | {"ul", "ol"})
        elif tag in ("dt", "dd"):
            self._close_within("dt", _BARRIERS | {"dl"})
            self._close_within("dd", _BARRIERS | {"dl"})
        elif tag == "option":
            self._close_within("option", _BARRIERS | {"select"})
        elif tag in _CELLS:
            for cell in _CELLS:
                self._close_within(cell, {"tr", "table"})
        elif tag == "tr":
            self._close_within("tr", {"table"} | _TABLE_SECTIONS)
        elif tag in _TABLE_SECTIONS:
            for section in _TABLE_SECTIONS:
                self._close_within(section, {"table"})

    def _close_fostered(self) -> None:
        """Close a foster-parented element open in the innermost table (with what it holds):
        a table's part starts."""
        for i in range(len(self.stack) - 1, 0, -1):
            element = self.stack[i]
            if element in self._fostered:
                del self.stack[i:]
                return
            if element.tag in _TABLE_SCOPE:
                return

    def _close_within(self, tag: str, barriers: frozenset[str] | set[str]) -> bool:
        """Close the innermost open *tag* unless a barrier element is open inside it."""
        for i in range(len(self.stack) - 1, 0, -1):
            open_tag = self.stack[i].tag
            if open_tag == tag:
                del self.stack[i:]
                return True
            if open_tag in barriers:
                return False
        return False

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # </br> is read as <br>, as browsers do
            self._start("br", [], self_closing=True)
            return
        if tag in ("body", "html"):  # content after </body> still belongs to the body
            return
        if tag in ("table", "tr", "thead", "tbody", "tfoot", *_CELLS):
            barriers: frozenset[str] | set[str] = {"table"} if tag != "table" else set()
        else:
            barriers = _BARRIERS
        self._close_within(tag, barriers)

    # -- Word's conditional sections ----------------------------------------------------

    def unknown_decl(self, data: str) -> None:
        # <![if ...]> and <![endif]> (a downlevel-revealed conditional comment): browsers
        # show what is inside, and so does the reader, but one section of Word's.
        condition = "".join(data.split()).lower()
        if condition == "if!supportmisalignedcolumns":
            self._misaligned = True
        elif condition == "endif":
            self._misaligned = False

    def handle_comment(self, data: str) -> None:
        # Parsers that read <![if ...]> as a bogus comment hand it over as "[if ...]".
        if data.startswith("[") and data.endswith("]"):
            self.unknown_decl(data[1:-1])

    # -- text -----------------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        top = self.stack[-1]
        if top is not self._text_owner:
            self._flush_text()
            self._text_owner = top
        self._text.append(data)

    def _flush_text(self) -> None:
        """Add the text collected so far to the element it was met in, as one string."""
        if not self._text:
            return
        text = "".join(self._text)
        self._text.clear()
        owner = self._text_owner
        # Whitespace stays: a NBSP or U+3000 between cells is nothing a reader could use,
        # where a browser would add it to the text before the table.
        if owner.tag in _FOSTER_CONTEXTS and not text.isspace():
            table = _table_of(owner)
            if table is not None and table.parent is not None:
                # Never joined to text fostered before: that could be quadratic.
                _insert_before(table.parent.children, table, text)
                return
        children = owner.children
        if children and isinstance(children[-1], str):
            children[-1] += text  # rare: never once per piece of text
        else:
            children.append(text)

    def close(self) -> None:
        super().close()
        self._flush_text()


def parse(text: str) -> tuple[Element, int]:
    """Parse *text* into a tree: ``(root, start tags dropped for depth)``."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    for row in builder.misaligned_rows:
        parent = row.parent
        if parent is not None and not _has_text(row):
            parent.children = [c for c in parent.children if c is not row]
    return builder.root, builder.dropped


def _table_of(element: Element) -> Element | None:
    """The table *element* (a table, a row group, a row) belongs to, if any."""
    if element.tag == "table":
        return element
    return next((a for a in element.ancestors() if a.tag == "table"), None)


def _insert_before(siblings: list[Element | str], table: Element, node: Element | str) -> None:
    """Put *node* just before *table* among its *siblings* (foster parenting)."""
    i = len(siblings) - 1  # the table is its parent's last child but for what is fostered
    while siblings[i] is not table:
        i -= 1
    siblings.insert(i, node)


def _has_text(element: Element) -> bool:
    """Whether any text below *element* is more than whitespace (NBSP included)."""
    stack: list[Element | str] = [element]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if node and not node.isspace():
                return True
        else:
            stack.extend(node.children)
    return False
