"""``Paragraph.simplified`` converts with the plugins of the call that read the report."""

from __future__ import annotations

from tests.conftest import SEEDS

import gipparse


class _Marking:
    """Calls every text Traditional and 'converts' prose by marking it."""

    @gipparse.hookimpl
    def gipparse_detect_script(self, text: str) -> str | None:
        return "hant"

    @gipparse.hookimpl
    def gipparse_simplify(self, text: str, script: str, exact: bool) -> str | None:
        return f"<{text}>" if exact else None


def _first_paragraph(report: gipparse.Report) -> gipparse.Paragraph:
    return next(b for s in report.sections for b in s.blocks if isinstance(b, gipparse.Paragraph))


def test_the_plugins_of_the_load_call_convert_paragraphs_and_headings() -> None:
    report = gipparse.load(SEEDS["000"], plugins=[_Marking()])
    paragraph = _first_paragraph(report)
    assert paragraph.simplified == f"<{paragraph.text}>"
    heading = next(s.heading for s in report.sections if s.heading is not None)
    assert heading.simplified == f"<{heading.text}>"


def test_without_plugins_the_built_in_conversion_is_used() -> None:
    report = gipparse.load(SEEDS["001"])
    paragraph = next(
        p
        for s in report.sections
        for p in s.blocks
        if isinstance(p, gipparse.Paragraph) and "區" in p.text
    )
    assert "区" in paragraph.simplified
    assert "區" not in paragraph.simplified
    # The same paragraph built by hand converts the same way.
    assert gipparse.Paragraph(paragraph.raw).simplified == paragraph.simplified


def test_a_simplified_report_is_left_as_it_is() -> None:
    paragraph = _first_paragraph(gipparse.load(SEEDS["000"]))
    assert paragraph.simplified == paragraph.text


def test_the_simplifier_takes_no_part_in_equality() -> None:
    marked = _first_paragraph(gipparse.load(SEEDS["000"], plugins=[_Marking()]))
    plain = _first_paragraph(gipparse.load(SEEDS["000"]))
    assert marked == plain
    assert hash(marked) == hash(plain)
