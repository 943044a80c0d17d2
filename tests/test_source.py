"""Reading sources: encodings, line ends, binary input."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath

import pytest
from tests.conftest import SEEDS

import gipparse

# Seed 002: it has no NBSP, so GBK can encode it too.
TEXT = SEEDS["002"].read_text(encoding="utf-8")


def tables_of(report: gipparse.Report) -> list[tuple[tuple[str, ...], ...]]:
    return [t.texts for t in report.tables]


REFERENCE = tables_of(gipparse.loads(TEXT))


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16"),
        (TEXT.encode("gbk", errors="strict"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "gbk", "gb18030"],
)
def test_encodings_are_detected(tmp_path: Path, encoded: bytes, encoding: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(encoded)
    report = gipparse.load(path)
    assert report.source.lstrip("\ufeff") == TEXT
    assert tables_of(report) == REFERENCE
    assert report.path == str(path)
    doc = gipparse.create_plugin_manager(entry_points=False).read_source(str(path), encoded)
    assert doc.encoding == encoding


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends(newline: str) -> None:
    report = gipparse.loads(TEXT.replace("\n", newline).encode("utf-8"))
    assert tables_of(report) == REFERENCE
    assert report.section("applications").heading.span == gipparse.Span(87, 1, 87, 21)


@pytest.mark.parametrize(
    ("data", "looks_like"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"[Content_Types].xml word/document.xml", "a DOCX"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\x00\x01\x02\x03\x04" * 40, "binary data"),
        (b"\xff\xfe\x00\x00" + "一".encode("utf-32-le"), "UTF-32"),
    ],
)
def test_binary_input_is_refused_with_what_it_looks_like(
    data: bytes, looks_like: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The text reader's own word: installed reader plugins are left out.
    from gipparse import manager as _manager

    monkeypatch.setattr(_manager, "_default", gipparse.create_plugin_manager(entry_points=False))
    with pytest.raises(gipparse.SourceError, match=looks_like) as info:
        gipparse.loads(data, path="report.txt")
    assert "report.txt" in str(info.value)


def test_docx_refusal_names_the_plugin() -> None:
    data = b"PK\x03\x04" + b"\x00" * 26 + b"[Content_Types].xml" + b"word/document.xml"
    # Without entry points: the gipparse-docx plugin may be installed.
    manager = gipparse.create_plugin_manager(entry_points=False)
    with pytest.raises(gipparse.SourceError, match="gipparse-docx"):
        manager.read_source("report.docx", data)


def test_undecodable_text_says_where() -> None:
    # One or two damaged lines are read with a diagnostic (tests/test_hostile_input.py);
    # more, and most of the text, is not a report.
    data = "一、总体情况\n".encode() + b"\x81\x30\xff\xfe\n" * 3
    with pytest.raises(gipparse.SourceError, match=r"\(the first on line 2\)"):
        gipparse.loads(data)


@pytest.mark.parametrize("data", [b"", b"   \n\n", "", "\n \u3000\n"])
def test_empty_source_is_an_error(data: str | bytes) -> None:
    with pytest.raises(gipparse.SourceError, match="empty"):
        gipparse.loads(data)


def test_missing_file_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(gipparse.SourceError, match="cannot read the file") as info:
        gipparse.load(tmp_path / "missing.txt")
    assert info.value.path == str(tmp_path / "missing.txt")


def test_maximum_input_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(gipparse.InputTooLargeError, match="over the maximum of 100"):
        gipparse.load(path, max_size=100)
    monkeypatch.setenv("GIPPARSE_MAX_INPUT_SIZE", "100")
    with pytest.raises(gipparse.InputTooLargeError):
        gipparse.loads(TEXT)
    assert gipparse.load(path, max_size=10**6).tables


@pytest.mark.parametrize("data", [b"abcd" * 100, b"a|b\n" * 100, b"|" * 400, b"x"])
def test_a_text_is_refused_exactly_when_its_memory_bound_is_over_the_budget(
    data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The line ends, TABs and pipes are counted only for a source large enough to need
    # it: the decision is the bound's all the same.
    from gipparse.source.budget import text_memory

    bound = text_memory(data)
    for budget, refused in ((bound - 1, True), (bound, False), (bound + 10**9, False)):
        monkeypatch.setenv("GIPPARSE_MAX_MEMORY", str(budget))
        try:
            gipparse.loads(data, path="x.txt")
        except gipparse.InputTooLargeError:
            assert refused, budget
        else:
            assert not refused, budget


def test_a_readers_suffix_is_the_paths_whoever_asked_before() -> None:
    import os

    from gipparse.source.plugin import ReaderPlugin

    class One(ReaderPlugin):
        name = "one"

    class Two(ReaderPlugin):
        name = "two"

    readers = [One(), Two()]
    paths = ["a.TXT", "a.TXT", None, "b.Html", "", ".bashrc", "dir.x/y", "b.Html", None, "c.pdf"]
    paths.append("".join(["c", ".pdf"]))  # equal, another object
    for n, path in enumerate(paths):
        for reader in readers[n % 2 :]:
            assert reader.suffix_of(path) == (os.path.splitext(path)[1].lower() if path else "")


def test_binary_is_told_by_its_control_bytes_as_counting_them_all_tells() -> None:
    import random

    from gipparse.source import decode, foreign

    def counted(sample: bytes) -> bool:  # every control byte counted, whatever there is
        controls = len(sample) - len(sample.translate(None, decode._CONTROL_BYTES))
        return controls * foreign.CONTROL_RATIO > len(sample)

    rng = random.Random(3)
    text = "第二十条\t信息内容\n本年新制作数量\t3\n".encode() * 40
    outcomes = set()
    for round_ in range(300):
        sample = bytearray(text[: rng.randrange(1, len(text))])
        for _ in range(rng.choice((0, 1, 5, len(sample) // 30, len(sample) // 15))):
            sample[rng.randrange(len(sample))] = rng.choice(decode._CONTROL_BYTES[1:])
        found = foreign._identify_by_bytes(bytes(sample))
        assert (found is not None) == counted(bytes(sample)), round_
        outcomes.add(found is not None)
    assert outcomes == {True, False}


def _read_by_file_object(name: str, limit: int) -> bytes:
    """What ``read_file`` reads, read through a file object."""
    import os
    import stat

    from gipparse.source.decode import check_size

    with open(name, "rb") as f:
        info = os.fstat(f.fileno())
        check_size(info.st_size, limit, name)
        if not stat.S_ISREG(info.st_mode):
            return f.read(limit + 1)
        return f.read(info.st_size + 1)


def test_a_file_is_read_as_a_file_object_reads_it(tmp_path: Path) -> None:
    import os
    import threading

    from gipparse.source.decode import read_file

    def outcome(read: Callable[[str, int], bytes], name: str, limit: int) -> object:
        try:
            return read(name, limit)
        except (OSError, ValueError, gipparse.GipparseError) as exc:
            return type(exc), getattr(exc, "strerror", None) or str(exc)

    names = []
    for size in (0, 1, 4095, 4096, 70_000):
        names.append(str(tmp_path / f"{size}.txt"))
        Path(names[-1]).write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
    names += [str(tmp_path), str(tmp_path / "none.txt"), "a\0b"]
    for name in names:
        for limit in (0, 4096, 1 << 26):
            expected = outcome(_read_by_file_object, name, limit)
            assert outcome(read_file, name, limit) == expected, (name, limit)
    if hasattr(os, "mkfifo"):  # a pipe has no size: read to its end, or one past the limit
        fifo = str(tmp_path / "pipe.txt")
        os.mkfifo(fifo)
        for limit in (3, 1000):
            writer = threading.Thread(target=Path(fifo).write_bytes, args=(b"abcdef" * 9,))
            writer.start()
            assert read_file(fifo, limit) == (b"abcdef" * 9)[: limit + 1]
            writer.join()


def _identify_check_by_check(data: bytes) -> object:
    """``identify`` as it was written before the prefixes were looked for in one call:
    every check in turn."""
    import codecs

    from gipparse.source import foreign as d

    head = data[:16]
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return d._UTF32
    if head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return d._identify_zip(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return d._identify_ole(data)
    if b"%PDF-" in data[:1024]:
        return d._PDF
    for magic, found in d._MAGIC:
        if head.startswith(magic):
            return found
    if head.startswith(b"BZh") and head[3:4].isdigit() and head[4:10] == b"1AY&SY":
        return d.ForeignFormat("a bzip2 archive", advice="unpack it first")
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"mif1", b"avif"):
            return d.ForeignFormat("an HEIF/AVIF image", advice=d._NO_TEXT)
        return d.ForeignFormat("an MP4/QuickTime media file", advice=d._NO_TEXT)
    if head.startswith(b"RIFF") and len(head) >= 12:
        kind = {b"WEBP": "a WebP image", b"WAVE": "WAV audio", b"AVI ": "an AVI video"}
        return d.ForeignFormat(kind.get(head[8:12], "a RIFF media file"), advice=d._NO_TEXT)
    if head.startswith(b"BM") and len(data) >= 26 and data[6:10] == b"\x00\x00\x00\x00":
        return d.ForeignFormat("a BMP image", advice=d._NO_TEXT)
    if head.startswith(b"MZ") and len(data) >= 64:
        offset = int.from_bytes(data[60:64], "little")
        if data[offset : offset + 4] == b"PE\x00\x00":
            return d.ForeignFormat("a Windows executable", advice=d._NO_TEXT)
    if data[257:262] == b"ustar":
        return d.ForeignFormat("a tar archive", advice="unpack it first")
    return d._identify_by_bytes(data[: d.SNIFF_SIZE])


def test_identify_says_what_each_check_in_turn_says() -> None:
    import codecs
    import random

    from gipparse.source import decode
    from gipparse.source import foreign as d

    starts = [
        b"",
        "政府信息公开".encode(),
        codecs.BOM_UTF32_LE,
        codecs.BOM_UTF32_BE,
        codecs.BOM_UTF8,
        codecs.BOM_UTF16_LE,
        codecs.BOM_UTF16_BE,
        *d._ZIP,
        d._OLE,
        *d._MAGIC_NUMBERS,
        b"BZh9",
        b"BZh91AY&SY",
        b"RIFF\x24\x00\x00\x00WAVE",
        b"BM",
        b"MZ",
        b"\x00\x00\x00\x18ftypheic",
        b"\x00\x00\x00\x18ftypmp42",
    ]
    rng = random.Random(5)
    text = "本年度报告中所列数据统计期限为2020年1月1日至2020年12月31日。\n".encode()
    for start in starts:
        for _ in range(12):
            body = bytearray(start + text * rng.choice([0, 1, 30]))
            for extra in rng.sample([b"%PDF-", b"ustar", b"PE\x00\x00", b"\x00" * 4], 2):
                at = rng.choice([4, 6, 60, 257, 500])
                body[at:at] = extra
            data = bytes(body)
            expected = _identify_check_by_check(data)
            assert d.identify(data) == expected, data[:24]
            # The tests every source is asked, which import the full checks only for a
            # source that may not be text, give the same verdict.
            assert decode.identify(data) == expected, data[:24]


def test_identify_asks_the_full_checks_only_when_a_source_may_not_be_text() -> None:
    """``decode.identify`` passes as text, without importing ``foreign``, only sources
    the full checks pass as text: any byte string, with its first bytes taken from the
    formats' marks, marks put where they are looked for, and control bytes."""
    import random

    from gipparse.source import decode
    from gipparse.source import foreign as d

    # Every format the full checks tell by its first bytes starts as one of the prefixes
    # decode.identify looks further at.
    told = {*d._MAGIC_NUMBERS, *d._ZIP, d._OLE, b"BZh", b"RIFF", b"BM", b"MZ"}
    assert told <= set(decode._PREFIXES)
    assert set(decode._CONTROL_BYTES) == {*range(9), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F}
    rng = random.Random(11)
    pieces = [
        *decode._PREFIXES,
        b"%PDF-",
        b"ftyp",
        b"ustar",
        "政府信息公开".encode(),
        b"abc\n",
        b"\t1\r\n",
        b"1AY&SY",
        b"PE\x00\x00",
        *(bytes([b]) for b in range(256)),
    ]
    for _ in range(4000):
        data = b"".join(rng.choice(pieces) for _ in range(rng.choice([1, 2, 5, 40, 300])))
        if rng.random() < 0.5:
            data = data.replace(b"\x00", b"").translate(None, decode._CONTROL_BYTES)
        assert decode.identify(data) == d.identify(data), data[:24]


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body></body></html>",
        b"  \r\n<!DOCTYPE HTML><html>",
        b"\xef\xbb\xbf<?xml version='1.0'?><html>",
        b" " * 70 + b"<html></html>",
        b" " * 2000 + b"<html></html>",
        b"\t" * 63 + b"x<html>",
        "报告<html>".encode(),
        b"",
        b"   ",
    ],
)
def test_looks_like_html_as_it_did(data: bytes) -> None:
    from gipparse.source.decode import looks_like_html

    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    expected = (
        head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower()
    )
    assert looks_like_html(data) is expected


def test_the_environment_is_read_as_os_environ_says(monkeypatch: pytest.MonkeyPatch) -> None:
    from gipparse.source.budget import environment

    name = "GIPPARSE_TEST_VARIABLE"
    monkeypatch.delenv(name, raising=False)
    assert environment(name) == "" == os.environ.get(name, "")
    for value in ["", "1_000", " 12 ", "é\udcff"]:
        monkeypatch.setenv(name, value)
        assert environment(name) == value == os.environ.get(name, "")
    monkeypatch.delenv(name)
    assert environment(name) == ""
    # A mapping put in place of os.environ is asked itself.
    monkeypatch.setattr(os, "environ", {name: "7"})
    assert environment(name) == "7"


def test_the_size_limit_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from gipparse.source.budget import DEFAULT_MAX_MEMORY, memory_budget
    from gipparse.source.decode import DEFAULT_MAX_INPUT_SIZE, max_input_size

    monkeypatch.delenv("GIPPARSE_MAX_INPUT_SIZE", raising=False)
    monkeypatch.delenv("GIPPARSE_MAX_MEMORY", raising=False)
    assert (max_input_size(), memory_budget()) == (DEFAULT_MAX_INPUT_SIZE, DEFAULT_MAX_MEMORY)
    monkeypatch.setenv("GIPPARSE_MAX_INPUT_SIZE", "1_000")
    monkeypatch.setenv("GIPPARSE_MAX_MEMORY", " 2000 ")
    assert (max_input_size(), memory_budget()) == (1000, 2000)


def test_a_path_object_given_to_loads_is_kept_as_its_string(tmp_path: Path) -> None:
    # Report.path is a str: what load() keeps for a path object, loads() keeps too, and
    # the record of the report (its "path" column) is the same whichever was given.
    sample = gipparse.sample_paths()[0]
    data = sample.read_bytes()
    named = gipparse.loads(data, path=str(sample))
    for path in (sample, PurePosixPath(sample)):
        for source in (data, data.decode("utf-8")):
            report = gipparse.loads(source, path=path)
            assert type(report.path) is str
            assert report.path == str(sample)
            assert report.statistics == named.statistics
    assert gipparse.load(sample).path == str(sample)
    for bad in (b"report.txt", 3):
        with pytest.raises(TypeError, match=r"str or os\.PathLike\[str\] path, not "):
            gipparse.loads(data, path=bad)  # type: ignore[arg-type]
