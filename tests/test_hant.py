"""Reports written in Traditional script: detection, conversion, pinyin debris, and seed 001
(Traditional, pipe tables, pinyin debris), checked against the raw file."""

from __future__ import annotations

import contextlib
import functools
import os
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import attrs
import opencc
import pytest
from tests.conftest import SEEDS
from tests.schema_names import APPEAL_GROUPS, APPEAL_OUTCOMES, APPLICATION_COLUMNS

import gipparse
from gipparse import Heading, Paragraph
from gipparse.manager import create_plugin_manager
from gipparse.script import hant
from gipparse.tree.text import PINYIN_DEBRIS_RE, normalize_text

SEED_001 = SEEDS["001"]
SIMPLIFIED_SEEDS = [name for name in SEEDS if name != "001"]


@functools.cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


@functools.cache
def traditional_twin(name: str) -> str:
    """Seed *name* converted to Traditional script, phrase by phrase."""
    return str(_s2t().convert(SEEDS[name].read_text(encoding="utf-8")))


@functools.cache
def raw_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


# ---------------------------------------------------------------------------
# Detection
# ---------------------------------------------------------------------------


def test_seed_001_is_traditional_and_the_others_simplified() -> None:
    for name, path in SEEDS.items():
        expected = "hant" if name == "001" else "hans"
        assert hant.detect_script(path.read_text(encoding="utf-8")) == expected, name


@pytest.mark.parametrize("name", SIMPLIFIED_SEEDS)
def test_traditional_twins_are_traditional(name: str) -> None:
    assert hant.detect_script(traditional_twin(name)) == "hant"


def _counts_both_ways(
    monkeypatch: pytest.MonkeyPatch, text: str, start: int = 0, end: int | None = None
) -> tuple[tuple[int, int], tuple[int, int]]:
    """What :func:`hant._count` finds in its first counts where the patterns' code was not
    computed ahead of time, and with the patterns."""
    monkeypatch.setattr(hant, "_AHEAD", False)
    monkeypatch.setattr(hant, "_counts", 0)
    cold = hant._count(text, start, end)
    monkeypatch.undo()
    monkeypatch.setattr(hant, "_counts", hant._COLD_COUNTS)
    return cold, hant._count(text, start, end)


def test_the_patterns_are_those_re_compiles() -> None:
    import re

    from gipparse import patterns

    expected = (re.compile(f"[{hant._TRADITIONAL_ONLY}]"), re.compile(f"[{hant._SIMPLIFIED_ONLY}]"))
    if patterns._USABLE:  # the interpreter the code was computed for: no compiling
        assert hant._AHEAD
    for mine, theirs in zip(hant._classes(), expected, strict=True):
        assert (mine.pattern, mine.flags, mine.groups) == (
            theirs.pattern,
            theirs.flags,
            theirs.groups,
        )
        text = hant._TRADITIONAL_ONLY + "x" + hant._SIMPLIFIED_ONLY + "无無"
        assert mine.findall(text) == theirs.findall(text)


def test_the_first_counts_and_the_compiled_patterns_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not set(hant._TRADITIONAL_ONLY) & set(hant._SIMPLIFIED_ONLY)
    texts = [path.read_text(encoding="utf-8") for path in SEEDS.values()]
    texts += [traditional_twin(name) for name in SIMPLIFIED_SEEDS]
    texts.append(hant._TRADITIONAL_ONLY + "x" + hant._SIMPLIFIED_ONLY + "无無")
    for text in texts:
        middle = len(text) // 2
        for start, end in ((0, None), (0, 128), (middle, middle + 128), (5, 3)):
            cold, compiled = _counts_both_ways(monkeypatch, text, start, end)
            assert cold == compiled
    cold, compiled = _counts_both_ways(monkeypatch, texts[-1])
    assert cold == compiled == (len(hant._TRADITIONAL_ONLY) + 1, len(hant._SIMPLIFIED_ONLY) + 1)


def test_detection_is_the_same_before_and_after_the_patterns_are_compiled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = [path.read_text(encoding="utf-8") for path in SEEDS.values()]
    texts += [traditional_twin(name) for name in SIMPLIFIED_SEEDS]
    for text in texts:
        monkeypatch.setattr(hant, "_AHEAD", False)
        monkeypatch.setattr(hant, "_counts", 0)
        cold = hant.detect_script(text)
        monkeypatch.undo()
        monkeypatch.setattr(hant, "_counts", hant._COLD_COUNTS)
        assert hant.detect_script(text) == cold


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("", "hans"),
        ("2020", "hans"),
        ("| 0 | 0 |", "hans"),
        ("無", "hant"),
        ("无", "hans"),
        ("總計", "hant"),
        ("总计", "hans"),
        # characters both scripts write decide nothing
        ("其他", "hans"),
        ("著名", "hans"),
        ("群眾", "hant"),
        ("一、總體情況", "hant"),
        ("一、总体情况", "hans"),
    ],
)
def test_short_texts(text: str, script: str) -> None:
    assert hant.detect_script(text) == script


def test_every_seed_line_with_simplified_evidence_is_told_apart_from_its_twin() -> None:
    checked = 0
    for name in SIMPLIFIED_SEEDS:
        for line in raw_lines(SEEDS[name]):
            if not hant._count(line)[1]:
                continue  # nothing in the line tells the script
            assert hant.detect_script(line) == "hans", line
            assert hant.detect_script(str(_s2t().convert(line))) == "hant", line
            checked += 1
    assert checked > 350


def test_a_quotation_in_the_other_script_does_not_decide() -> None:
    simplified = SEEDS["000"].read_text(encoding="utf-8")
    traditional = traditional_twin("000")
    # a long Traditional opening before a Simplified report, and the converse
    quote_t = traditional[:400]
    quote_s = simplified[:400]
    assert hant.detect_script(quote_t + "\n" + simplified) == "hans"
    assert hant.detect_script(quote_s + "\n" + traditional) == "hant"
    # a Traditional name inside Simplified prose
    prose = "我局与香港特別行政區政府開展交流，全年共收到政府信息公开申请十件，均已按时办结。"
    assert hant.detect_script(prose) == "hans"


def test_detection_converts_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("detection must not convert")

    monkeypatch.setattr(hant, "_matching", refuse)
    monkeypatch.setattr(hant, "_phrase_converter", refuse)
    assert hant.detect_script(SEED_001.read_text(encoding="utf-8")) == "hant"
    assert hant.detect_script(traditional_twin("004")) == "hant"
    assert hant.detect_script(SEEDS["004"].read_text(encoding="utf-8")) == "hans"


def _opencc_dictionary(name: str) -> dict[str, list[str]]:
    path = Path(opencc.__file__).parent / "dictionary" / name
    pairs = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines())
    return {key: values.split(" ") for key, values in pairs}


def _codec_characters(encoding: str, first: int, last: int) -> set[str]:
    found = set()
    for code in range(first, last + 1):
        with contextlib.suppress(UnicodeDecodeError):
            found.add(code.to_bytes(2, "big").decode(encoding))
    return found


def test_character_classes_are_the_common_one_script_characters_of_opencc() -> None:
    """A Traditional-only character is one OpenCC converts to Simplified (or a Taiwan or
    Hong Kong standard form) that GB 2312 lacks, among Big5 level 1; a Simplified-only one
    is one OpenCC converts to Traditional that Big5 lacks, among GB 2312 level 1."""
    ts = _opencc_dictionary("TSCharacters.txt")
    st = _opencc_dictionary("STCharacters.txt")
    regional = {
        c
        for name in ("TWVariants.txt", "HKVariants.txt")
        for values in _opencc_dictionary(name).values()
        for c in values
    }
    gb2312 = _codec_characters("gb2312", 0xA1A1, 0xF7FE)
    big5 = _codec_characters("big5", 0xA140, 0xF9FE)
    traditional = {c for c in set(ts) | regional if ts.get(c, [""])[0] != c} - gb2312
    simplified = {c for c in st if st[c][0] != c} - big5
    traditional &= _codec_characters("big5", 0xA440, 0xC67E)
    simplified &= _codec_characters("gb2312", 0xB0A1, 0xD7FE)
    assert "".join(sorted(traditional)) == hant._TRADITIONAL_ONLY
    assert "".join(sorted(simplified)) == hant._SIMPLIFIED_ONLY
    for both in "著乾群秘台才":
        assert both not in hant._TRADITIONAL_ONLY + hant._SIMPLIFIED_ONLY


# ---------------------------------------------------------------------------
# Conversion
# ---------------------------------------------------------------------------

#: Labels and headings of both templates, as the statistics schema writes them.
TEMPLATE_VOCABULARY = """
一、总体情况 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况 五、存在的主要问题及改进情况 六、其他需要报告的事项
因政府信息公开工作被申请行政复议、提起行政诉讼情况
第二十条第（一）项 第二十条第（五）项 第二十条第（六）项 第二十条第（八）项 第二十条第（九）项
信息内容 规章 规范性文件 行政规范性文件 行政许可 其他对外管理服务事项 行政处罚 行政强制
行政事业性收费 政府集中采购 本年新制作数量 本年新公开数量 对外公开总数量 上一年项目数量
本年增/减 处理决定数量 采购项目数量 采购总金额 本年制发件数 本年废止件数 现行有效件数
本年处理决定数量 本年收费金额 申请人情况 自然人 法人或其他组织 商业企业 科研机构
社会公益组织 法律服务机构 其他 总计 一、本年新收政府信息公开申请数量
二、上年结转政府信息公开申请数量 三、本年度办理结果 （一）予以公开
（二）部分公开（区分处理的，只计这一情形，不计其他情形） （三）不予公开 1.属于国家秘密
2.其他法律行政法规禁止公开 3.危及“三安全一稳定” 4.保护第三方合法权益 5.属于三类内部事务信息
6.属于四类过程性信息 7.属于行政执法案卷 8.属于行政查询事项 （四）无法提供
1.本机关不掌握相关政府信息 2.没有现成信息需要另行制作 3.补正后申请内容仍不明确 （五）不予处理
1.信访举报投诉类申请 2.重复申请 3.要求提供公开出版物 4.无正当理由大量反复申请
5.要求行政机关确认或重新出具已获取信息 （六）其他处理
1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 3.其他 （七）总计
四、结转下年度继续办理 行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结
未经复议直接起诉 复议后起诉 万元 元
""".split()  # noqa: SIM905


@pytest.mark.parametrize("label", TEMPLATE_VOCABULARY)
def test_the_character_table_brings_every_label_back(label: str) -> None:
    written = str(_s2t().convert(label))
    assert hant.to_simplified(written) == label


def test_the_character_table_knows_regional_forms_and_leaves_simplified_alone() -> None:
    assert (
        hant.to_simplified("偽造、啟動、衞生、説明、閲讀、濕度")
        == "伪造、启动、卫生、说明、阅读、湿度"
    )
    # Hong Kong writes 么 for 幺 and 台 for 臺: both are also Simplified characters
    assert hant.to_simplified("什么、台儿庄、才能、群众、温度") == "什么、台儿庄、才能、群众、温度"


def test_characters_that_stay_themselves_except_in_some_phrases() -> None:
    # 覆 is 覆 (覆盖) but 反覆 is 反复 and 答覆 is 答复; 瞭 likewise in 瞭解
    assert hant.to_simplified("覆蓋") == "覆盖"
    assert hant.to_simplified("大量反覆申請、書面答覆") == "大量反复申请、书面答复"
    assert hant.to_simplified("瞭望、瞭解") == "瞭望、了解"


def test_prose_is_converted_phrase_by_phrase() -> None:
    # 著 is 着 as a character but stays 著 in 显著
    assert hant.to_simplified("成效顯著", exact=True) == "成效显著"
    assert hant.to_simplified("成效顯著") == "成效显着"


def test_a_missing_dictionary_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from gipparse.script import opencc as _opencc

    monkeypatch.setattr(_opencc, "DATA", str(tmp_path))
    _opencc.t2s.cache_clear()
    try:
        with pytest.raises(gipparse.GipparseError, match=r"TSPhrases\.txt, shipped with"):
            hant.to_simplified("總計", exact=True)
    finally:
        _opencc.t2s.cache_clear()


def test_the_matching_table_is_what_hantgen_computes_from_the_dictionaries() -> None:
    from gipparse.script import hantgen, hanttable

    table_module = Path(hanttable.__file__)
    assert table_module.read_text(encoding="utf-8") == hantgen.source(), (
        "run: python -m gipparse.script.hantgen > src/gipparse/script/hanttable.py"
    )
    table, ambiguous, fixes = hantgen.matching()
    matching = hant._matching()
    # Each character met is looked up in the written table: every one it converts, and
    # characters of every block and plane it leaves.
    assert {k: chr(matching.table[ord(k)]) for k in table} == table
    others = "".join(map(chr, range(0, 0x30000, 7)))
    assert others.translate(matching.table) == others.translate(str.maketrans(table))
    assert "".join(table).translate(matching.table) == "".join(table.values())
    assert matching.fixes == fixes
    assert set(matching.ambiguous) == set(ambiguous)
    # Told as the pattern of those characters told it.
    import re

    trigger = re.compile(f"[{ambiguous}]" if ambiguous else "(?!)")
    texts = [p.read_text(encoding="utf-8") for p in SEEDS.values()]
    texts += [*ambiguous, "反覆", "", "x", "總計", "反覆"[:1], ambiguous[:1] * 3]
    looked = [*texts, *(t.translate(matching.table) for t in texts)]
    told = [trigger.search(text) is not None for text in looked]
    assert True in told
    assert False in told
    cold = hant._Matching(matching.table, matching.ambiguous, matching.fixes)
    assert [cold.triggered(text) for text in looked] == told
    assert cold._trigger is None  # looked at character by character
    warm = hant._Matching(matching.table, matching.ambiguous, matching.fixes)
    warm._looks = hant._COLD_LOOKS
    assert [warm.triggered(text) for text in looked] == told
    assert warm._trigger is not None
    assert "總計".translate(matching.table) == "总计"
    # what the table leaves of a phrase is fixed: 覆 stays 覆 alone, not in 反覆
    assert table.get("覆") is None
    assert fixes["反覆"] == "反复"


def test_the_phrases_pattern_is_the_phrases_longest_first() -> None:
    import re

    from gipparse.script import hanttable

    phrases = hant._phrases()
    assert phrases.pattern == "|".join(
        map(re.escape, sorted(hanttable.FIXES, key=len, reverse=True))
    )
    assert phrases.sub(lambda m: hanttable.FIXES[m.group()], "答覆反覆瞭解") == "答复反复了解"


def test_the_matching_table_keeps_at_most_so_many_characters_it_leaves(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from gipparse.script import hantgen

    table = hantgen.matching()[0]
    monkeypatch.setattr(hant, "_KEPT", 64)
    fresh = hant._matching.__wrapped__()  # type: ignore[attr-defined]
    text = "".join(map(chr, range(0x4E00, 0x5E00))) + "總計區𠀀"
    expected = text.translate(str.maketrans(table))
    assert text.translate(fresh.table) == expected
    assert text.translate(fresh.table) == expected
    converted = sum(c in table for c in set(text))
    assert len(fresh.table) <= 64 + converted


def test_the_shipped_dictionaries_convert_as_opencc_does() -> None:
    """The phrase conversion gives what opencc-python-reimplemented's t2s gives, on the
    samples in both scripts and on strings of dictionary entries run together."""
    import random

    from gipparse.script import opencc as _opencc

    reference = opencc.OpenCC("t2s")
    texts = [p.read_text(encoding="utf-8") for p in SEEDS.values()]
    texts += [_s2t().convert(t) for t in texts]
    keys = sorted(_opencc.t2s().tables[0].mapping) + sorted(_opencc.t2s().tables[1].mapping)
    rng = random.Random(7)
    texts += ["".join(rng.choice(keys) for _ in range(rng.randint(1, 12))) for _ in range(500)]
    assert [_opencc.t2s().convert(t) for t in texts] == [reference.convert(t) for t in texts]
    for name in ("TSCharacters.txt", "TSPhrases.txt", "TWVariantsRev.txt", "HKVariantsRev.txt"):
        shipped = (Path(_opencc.DATA) / name).read_bytes()
        assert shipped == (Path(opencc.__file__).parent / "dictionary" / name).read_bytes()


def test_no_opencc_package_is_needed_or_imported(tmp_path: Path) -> None:
    """An ``opencc`` package of another distribution (the official one has another API and
    no text dictionaries) does not disturb the reading of Traditional script."""
    fake = tmp_path / "opencc"
    fake.mkdir()
    (fake / "__init__.py").write_text("raise ImportError('the official opencc')\n")
    code = (
        "import sys, gipparse\n"
        "r = gipparse.load(gipparse.sample_paths()[1])\n"
        "assert r.metadata.script == 'hant' and r.valid\n"
        "assert r.section('overview').paragraphs[0].simplified.startswith('2020年,阜阳市应急')\n"
        "assert 'opencc' not in sys.modules\n"
        "print('ok')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env=env, timeout=120, check=False
    )
    assert result.stdout == b"ok\n", result.stderr.decode()


def test_the_hook_declines_other_scripts() -> None:
    assert hant.gipparse_simplify("區", "hans", False) is None
    assert hant.gipparse_simplify("區", "yue", True) is None
    assert hant.gipparse_simplify("區", "hant", False) == "区"


def test_the_manager_remembers_conversions_for_matching() -> None:
    calls: list[tuple[str, bool]] = []

    class Recorder:
        @gipparse.hookimpl
        def gipparse_simplify(self, text: str, script: str, exact: bool) -> str | None:
            calls.append((text, exact))
            return None

    manager = create_plugin_manager(plugins=[Recorder()], entry_points=False)
    for _ in range(3):
        assert manager.simplify("總計", "hant") == "总计"
        assert manager.simplify("總計", "hant", exact=True) == "总计"
    assert manager.simplify("總計", "hans") == "總計"
    assert calls == [("總計", False)] + [("總計", True)] * 3


# ---------------------------------------------------------------------------
# Pinyin debris
# ---------------------------------------------------------------------------

#: The 42 pinyin annotations of seed 001, counted by hand in the raw file.
SEED_001_PINYIN = Counter(
    {
        "fā": 11,
        "guī": 11,
        "yè": 6,
        "tài": 4,
        "jiān": 2,
        "xù": 2,
        "chuàng": 2,
        "qū": 2,
        "wěn": 1,
        "zhí": 1,
    }
)


def test_all_42_pinyin_artifacts_of_seed_001_are_recognised() -> None:
    raw = SEED_001.read_text(encoding="utf-8")
    found = Counter(m.group()[1:-1] for m in PINYIN_DEBRIS_RE.finditer(raw))
    assert found == SEED_001_PINYIN
    assert sum(found.values()) == 42


def test_seed_001_nodes_show_text_without_debris_and_keep_it_in_raw() -> None:
    report = gipparse.load(SEED_001)
    texts = [p.text for p in report.paragraphs]
    texts += [s.heading.text for s in report.sections if s.heading is not None]
    texts += [c.text for t in report.tables for c in t.cells()]
    for pinyin in SEED_001_PINYIN:
        assert not any(f"({pinyin})" in t for t in texts), pinyin
    raws = [p.raw for p in report.paragraphs] + [c.raw for t in report.tables for c in t.cells()]
    assert sum(r.count(f"({p})") for r in raws for p in SEED_001_PINYIN) == 42

    first = report.paragraphs[0]
    assert "阜陽市潁州區(qū)雙清路10號" in first.raw
    assert "阜陽市潁州區雙清路10號" in first.text
    assert "(以下簡稱《條例》)" in first.text
    partial = report.tables[1].rows[6].cells[0]
    assert partial.raw == "(二)部分公開(區(qū)分處理的,只計這一情形,不計其他情形)"
    assert partial.text == "(二)部分公開(區分處理的,只計這一情形,不計其他情形)"
    assert report.tables[0].rows[3].cells[0].text == "規范性文件"


@pytest.mark.parametrize(
    "text",
    [
        "微信(app)",
        "通过(PDF)格式",
        "图片、视频、H5等",
        "H5(h5)",
        "咖啡(café)",
        "區(Qū)",
        "a(qū)",
        "(qū)開頭",
        "區 (qū)",
        "第二十條第(一)項",
        "名(née)",
        "公司(Inc.)",
        "區(shuāngg)",
        "區(qū",
        "區(((((",
        "(以下簡稱《條例》)",
    ],
)
def test_bracketed_text_that_is_not_debris_is_kept(text: str) -> None:
    assert PINYIN_DEBRIS_RE.sub("", text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("區(qū)", "區"),
        ("區（qū）", "區"),
        ("區(qū）", "區"),
        ("區(qu\u0304)", "區"),  # combining macron
        ("女(nǚ)", "女"),
        ("略(lüè)", "略"),
        ("創(chuàng)新", "創新"),
        ("二(èr)", "二"),
        ("啊(ā)", "啊"),
        ("𫝈(qū)", "𫝈"),
        ("區(qū)(qū)", "區(qū)"),  # only what follows a Han character
    ],
)
def test_pinyin_after_a_han_character_is_removed(text: str, expected: str) -> None:
    assert PINYIN_DEBRIS_RE.sub("", text) == expected
    assert normalize_text(text) == expected


def test_unclosed_brackets_stay_linear() -> None:
    text = "區(" * 50_000
    assert normalize_text(text) == text


# ---------------------------------------------------------------------------
# Seed 001: sections, tables, text as written
# ---------------------------------------------------------------------------


def test_seed_001_sections_are_recognised_from_traditional_headings() -> None:
    report = gipparse.load(SEED_001)
    lines = raw_lines(SEED_001)
    assert [s.kind for s in report.sections] == [
        "preamble",
        "overview",
        "active_disclosure",
        "applications",
        "appeals",
        "problems",
        "other",
    ]
    headings = [s.heading for s in report.sections[1:]]
    assert all(h is not None for h in headings)
    expected = {
        2: "一、總體情況",
        36: "二、主動公開政府信息情況",
        55: "三、收到和處理政府信息公開申請情況",
        82: "四、政府信息公開行政復議、行政訴訟情況",
        87: "五、政府信息公開工作存在的主要問題及改進情況",
        90: "六、其他需要報告的事項",
    }
    for heading, (line, raw) in zip(headings, expected.items(), strict=True):
        assert heading is not None
        assert heading.span is not None
        assert heading.span.line == line
        assert heading.raw == raw == lines[line - 1]
    assert [h.simplified for h in headings if h is not None] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、政府信息公开工作存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    # sub-headings such as (一)主動公開情況 stay paragraphs of the overview
    overview = report.section("overview")
    assert overview is not None
    assert "(一)主動公開情況" in [p.raw for p in overview.paragraphs]


def test_seed_001_tables_are_read_as_written() -> None:
    report = gipparse.load(SEED_001)
    tables = report.tables
    assert [t.format for t in tables] == ["pipe", "pipe", "pipe"]
    assert [t.span.line for t in tables if t.span] == [37, 56, 83]
    assert [len(t.rows) for t in tables] == [18, 26, 4]
    active, applications, appeals = (t.texts for t in tables)
    assert ("規章", "0", "0", "0") in active
    assert ("行政許可", "6", "0", "3307") in active
    assert ("其他對外管理服務事項", "8", "0", "26") in active
    assert ("行政處罰", "97", "+11", "17") in active
    assert ("行政強制", "2", "0", "0") in active
    assert ("行政事業性收費", "0", "0") in active
    assert active[-1] == ("政府集中采購", "14", "3892431元")
    assert applications[3] == ("一、本年新收政府信息公開申請數量",) + ("0",) * 7
    assert applications[-1] == ("四、結轉下年度繼續辦理",) + ("0",) * 7
    assert appeals[-1] == ("0",) * 15
    assert report.section("active_disclosure") is not None
    assert report.section("active_disclosure").tables == (tables[0],)  # type: ignore[union-attr]


def test_every_seed_001_line_is_kept_as_written() -> None:
    report = gipparse.load(SEED_001)
    lines = raw_lines(SEED_001)
    for paragraph in report.paragraphs:
        assert paragraph.span is not None
        assert paragraph.raw == lines[paragraph.span.line - 1]
    for section in report.sections:
        if section.heading is not None and section.heading.span is not None:
            assert section.heading.raw == lines[section.heading.span.line - 1]


# ---------------------------------------------------------------------------
# Simplified text on request
# ---------------------------------------------------------------------------


def test_paragraphs_offer_their_text_in_simplified() -> None:
    report = gipparse.load(SEED_001)
    first = report.paragraphs[0]
    assert first.simplified.startswith("本报告是根据《中华人民共和国政府信息公开条例》")
    assert "阜阳市颍州区双清路10号" in first.simplified
    assert first.simplified is first.simplified  # computed once, then kept
    assert first.raw.startswith("本報告是根據")  # the node still says what was written


def test_loading_never_converts_prose(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("loading must not convert prose")

    monkeypatch.setattr(hant, "_phrase_converter", refuse)
    report = gipparse.load(SEED_001)
    assert report.metadata.script == "hant"


def test_nodes_built_by_hand_offer_simplified_text_too() -> None:
    assert Paragraph("本報告區(qū)劃").simplified == "本报告区划"
    assert Paragraph("本报告").simplified == "本报告"
    assert Paragraph("微信(app)").simplified == "微信(app)"
    assert Paragraph("").simplified == ""
    assert Heading("一、總體情況", "overview").simplified == "一、总体情况"
    asked, fresh = Paragraph("總計"), Paragraph("總計")
    assert asked.simplified == "总计"
    assert asked == fresh
    assert hash(asked) == hash(fresh)
    assert repr(asked) == repr(fresh)
    assert attrs.evolve(asked, raw="合計").simplified == "合计"


# ---------------------------------------------------------------------------
# Seed 001: metadata and statistics, read from the raw file
# ---------------------------------------------------------------------------


def test_seed_001_metadata() -> None:
    # line 1: 由阜陽市應急管理局編辦 … 統計期限自2020年1月1日起至2020年12月31日止
    metadata = gipparse.load(SEED_001).metadata
    assert metadata.script == "hant"
    assert metadata.agency == "阜阳市应急管理局"
    assert metadata.year == 2020
    assert metadata.period == "2020-01-01/2020-12-31"
    assert metadata.template == "2020"


_APPLICATION_ROWS = (
    "new",
    "carried_over",
    "granted",
    "partial",
    *(
        f"withheld.{r}"
        for r in (
            "state_secret",
            "prohibited_by_law",
            "security_stability",
            "third_party",
            "internal_affairs",
            "process_info",
            "enforcement_files",
            "query_matters",
        )
    ),
    *(f"unavailable.{r}" for r in ("not_held", "needs_creation", "unclear")),
    *(
        f"not_processed.{r}"
        for r in ("petition", "repeated", "publication", "excessive", "confirmation")
    ),
    "other_handling",
    "total",
    "carried_forward",
)
_APPEAL_OUTCOMES_AND_TOTAL = (*APPEAL_OUTCOMES, "total")


def _seed_001_statistics() -> dict[str, int | Decimal | None]:
    """The 198 statistics of seed 001 as its lines 37-86 write them."""
    expected: dict[str, int | Decimal | None] = {
        # 規章 | 0 | 0 | 0 |  /  規(guī)範性文件 | 4 | 4 | 19 |
        "active.rules.made": 0,
        "active.rules.published": 0,
        "active.rules.total": 0,
        "active.normative_docs.made": 4,
        "active.normative_docs.published": 4,
        "active.normative_docs.total": 19,
        # 行政許可 | 6 | 0 | 3307 |  /  其他對外管理服務事項 | 8 | 0 | 26 |
        "active.licensing.prev_items": 6,
        "active.licensing.change": 0,
        "active.licensing.decisions": 3307,
        "active.other_services.prev_items": 8,
        "active.other_services.change": 0,
        "active.other_services.decisions": 26,
        # 行政處罰 | 97 | +11 | 17 |  /  行政強制 | 2 | 0 | 0 |
        "active.penalty.prev_items": 97,
        "active.penalty.change": 11,
        "active.penalty.decisions": 17,
        "active.coercion.prev_items": 2,
        "active.coercion.change": 0,
        "active.coercion.decisions": 0,
        # 行政事業(yè)性收費 | 0 | 0 |
        "active.fees.prev_items": 0,
        "active.fees.change": 0,
        # 政府集中采購 | 14 | 3892431元 |  (元 written; the template's unit is 万元)
        "active.procurement.projects": 14,
        "active.procurement.amount": Decimal("389.2431"),
    }
    # lines 59-81: every cell of the applications table is 0
    for row in _APPLICATION_ROWS:
        for column in APPLICATION_COLUMNS:
            expected[f"applications.{row}.{column}"] = 0
    # line 86: fifteen zeros
    for group in APPEAL_GROUPS:
        for outcome in _APPEAL_OUTCOMES_AND_TOTAL:
            expected[f"appeals.{group}.{outcome}"] = 0
    return expected


def test_seed_001_statistics() -> None:
    expected = _seed_001_statistics()
    assert len(expected) == 198
    report = gipparse.load(SEED_001)
    assert report.statistics is not None
    assert report.statistics.template == "2020"
    flat = report.statistics.to_flat()
    assert flat == expected
    assert isinstance(flat["active.procurement.amount"], Decimal)
    assert type(flat["active.penalty.change"]) is int
    assert report.valid
    assert not [d for d in report.diagnostics if d.code.startswith("relation.")]


# ---------------------------------------------------------------------------
# Every seed in the other script reads the same
# ---------------------------------------------------------------------------


def _twin_of(name: str) -> str:
    if name == "001":  # the Traditional seed's twin is in Simplified
        return str(opencc.OpenCC("t2s").convert(SEED_001.read_text(encoding="utf-8")))
    return traditional_twin(name)


@pytest.mark.parametrize("name", list(SEEDS))
def test_the_twin_in_the_other_script_reads_the_same(name: str) -> None:
    original = gipparse.load(SEEDS[name])
    twin = gipparse.loads(_twin_of(name))
    assert {original.metadata.script, twin.metadata.script} == {"hans", "hant"}
    assert attrs.evolve(twin.metadata, script=original.metadata.script) == original.metadata
    assert [s.kind for s in twin.sections] == [s.kind for s in original.sections]
    assert [(t.format, [len(r) for r in t.rows]) for t in twin.tables] == [
        (t.format, [len(r) for r in t.rows]) for t in original.tables
    ]
    assert twin.statistics == original.statistics
    assert [(d.code, d.line) for d in twin.diagnostics] == [
        (d.code, d.line) for d in original.diagnostics
    ]


@pytest.mark.parametrize("name", SIMPLIFIED_SEEDS)
def test_the_statistics_of_every_seed_survive_conversion_to_traditional(name: str) -> None:
    original = gipparse.load(SEEDS[name])
    twin = gipparse.loads(traditional_twin(name))
    assert original.statistics is not None
    assert twin.statistics is not None
    assert twin.statistics.to_flat() == original.statistics.to_flat()
    assert twin.metadata.agency == original.metadata.agency is not None


def test_the_bracketed_pinyin_pattern_is_the_one_re_compiles() -> None:
    import re

    from gipparse import patterns
    from gipparse.tree import text

    mine = text._bracketed_pinyin_re()
    theirs = re.compile(text._BRACKETED_PINYIN)
    assert (mine.pattern, mine.flags, mine.groups) == (theirs.pattern, theirs.flags, theirs.groups)
    raw = SEED_001.read_text(encoding="utf-8")
    assert [m.span() for m in mine.finditer(raw)] == [m.span() for m in theirs.finditer(raw)]
    if patterns._USABLE:  # made from the code computed ahead of time, not compiled
        assert patterns.ask(text._BRACKETED_PINYIN)


def _detect_counting_both_windows(text: str) -> str:
    """``detect_script`` as it counted both scripts in both windows before deciding."""
    window = hant._WINDOW
    n = len(text)
    if n > 4 * window:
        t1, s1 = hant._count(text, 0, window)
        t2, s2 = hant._count(text, n // 2, n // 2 + window)
        trad, simp = t1 + t2, s1 + s2
        if trad + simp >= hant._ENOUGH and (
            trad >= hant._MAJORITY * simp or simp >= hant._MAJORITY * trad
        ):
            return "hant" if trad > simp else "hans"
    trad, simp = hant._count(text)
    return "hant" if trad > simp else "hans"


@pytest.mark.parametrize("cold", [False, True])
def test_detection_counts_the_middle_as_far_as_it_decides(
    monkeypatch: pytest.MonkeyPatch, cold: bool
) -> None:
    import random

    if cold:  # counted with the table of characters, before the patterns are compiled
        monkeypatch.setattr(hant, "_AHEAD", False)
        monkeypatch.setattr(hant, "_COLD_COUNTS", 10**9)
    rng = random.Random(3)
    kinds = [hant._TRADITIONAL_ONLY, hant._SIMPLIFIED_ONLY, "的是在了和有政府信息公开，。1 "]
    found = set()
    for _ in range(400):
        # Openings, middles and the rest each of their own mixture of the two scripts.
        parts = []
        for length in (rng.choice([128, 200]), rng.choice([300, 700]), 300):
            weights = [rng.choice([0, 0, 1, 5, 30]) for _ in kinds[:2]] + [rng.choice([1, 20])]
            parts.append("".join(rng.choice(rng.choices(kinds, weights)[0]) for _ in range(length)))
        text = "".join(parts)
        expected = _detect_counting_both_windows(text)
        assert hant.detect_script(text) == expected
        found.add(expected)
    assert found == {"hans", "hant"}
