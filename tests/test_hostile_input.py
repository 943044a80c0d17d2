"""Hostile input: binary and foreign files, damaged encodings, size limits, bad paths,
pathological shapes that could make a parser hang, and an audit of every regular
expression in the package.

Nothing here measures time. Linear growth is shown by counting the Python lines the
parser executes (deterministic), the regular expressions by a structural audit, and the
pathological inputs run in a subprocess whose timeout only detects a hang.
"""

from __future__ import annotations

import ast
import bz2
import codecs
import gc
import gzip
import importlib
import io
import json
import lzma
import os
import pkgutil
import re
import subprocess
import sys
import tarfile
import textwrap
import types
import zipfile
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from tests.conftest import SEEDS
from tests.regex_audit import SCANNING, Auditor, probe_alphabet
from tests.shapes import SHAPES

import gipparse
from gipparse import GipparseError, InputTooLargeError, SourceError
from gipparse import caches as _caches
from gipparse.cli import main as cli_main

SRC = Path(gipparse.__file__).parent
DOCS = Path(__file__).resolve().parent.parent / "docs" / "fuzzing.md"
SEED_BYTES = SEEDS["000"].read_bytes()
SEED_TEXT = SEED_BYTES.decode("utf-8")


def _zip(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            z.writestr(name, "<x/>")
    return out.getvalue()


def _tar() -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as t:
        info = tarfile.TarInfo("report.txt")
        info.size = len(SEED_BYTES)
        t.addfile(info, io.BytesIO(SEED_BYTES))
    return out.getvalue()


def _ole(stream: str) -> bytes:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return header + stream.encode("utf-16-le") + bytes(64)


def _pe() -> bytes:
    dos = bytearray(b"MZ" + bytes(126))
    dos[60:64] = (128).to_bytes(4, "little")
    return bytes(dos) + b"PE\x00\x00" + bytes(64)


# (case id, bytes, what the message must say, the plugin it must name or None)
FOREIGN: list[tuple[str, bytes, str, str | None]] = [
    (
        "pdf",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        "a PDF document",
        "gipparse-pdf",
    ),
    (
        "docx",
        _zip("[Content_Types].xml", "_rels/.rels", "word/document.xml"),
        "a DOCX (Word) document",
        "gipparse-docx",
    ),
    (
        "xlsx",
        _zip("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"),
        "an XLSX (Excel) spreadsheet",
        None,
    ),
    ("pptx", _zip("[Content_Types].xml", "ppt/presentation.xml"), "a PPTX", None),
    ("zip", _zip("report.txt"), "a ZIP archive", None),
    ("doc", _ole("WordDocument"), "a legacy Word document (.doc)", None),
    ("xls", _ole("Workbook"), "a legacy Excel spreadsheet (.xls)", None),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(32), "a PNG image", None),
    ("jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(32), "a JPEG image", None),
    ("gif", b"GIF89a\x01\x00\x01\x00" + bytes(16), "a GIF image", None),
    ("bmp", b"BM" + (58).to_bytes(4, "little") + bytes(52), "a BMP image", None),
    ("tiff", b"II*\x00\x08\x00\x00\x00" + bytes(16), "a TIFF image", None),
    ("webp", b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(16), "a WebP image", None),
    ("gzip", gzip.compress(SEED_BYTES), "a gzip archive", None),
    ("bzip2", bz2.compress(SEED_BYTES), "a bzip2 archive", None),
    ("xz", lzma.compress(SEED_BYTES), "an xz archive", None),
    ("tar", _tar(), "a tar archive", None),
    ("rtf", b"{\\rtf1\\ansi\\deff0 {\\fonttbl}}", "an RTF document", None),
    ("elf", b"\x7fELF\x02\x01\x01\x00" + bytes(56), "an executable (ELF)", None),
    ("exe", _pe(), "a Windows executable", None),
    ("sqlite", b"SQLite format 3\x00" + bytes(84), "an SQLite database", None),
    ("mp4", b"\x00\x00\x00\x18ftypmp42" + bytes(16), "an MP4/QuickTime media file", None),
    ("utf-32", SEED_TEXT.encode("utf-32"), "UTF-32 text", None),
    ("utf-32-le", SEED_TEXT.encode("utf-32-le"), "UTF-32 text", None),
    ("utf-32-be", SEED_TEXT.encode("utf-32-be"), "UTF-32 text", None),
    ("utf-16-le", SEED_TEXT.encode("utf-16-le"), "UTF-16 text without a byte-order mark", None),
    ("utf-16-be", SEED_TEXT.encode("utf-16-be"), "UTF-16 text without a byte-order mark", None),
    (
        "html",
        b"<!DOCTYPE html>\n<html><body><p>x</p></body></html>",
        "an HTML page",
        "gipparse-html",
    ),
    ("nul", b"\x00\x01\x02\x03" * 64, "binary data (it holds NUL bytes)", None),
    ("control", bytes(range(1, 9)) * 32, "binary data (too many control characters)", None),
]


@pytest.mark.parametrize(
    ("data", "what", "plugin"),
    [pytest.param(d, w, p, id=i) for i, d, w, p in FOREIGN],
)
def test_foreign_input_is_refused_with_what_it_looks_like(
    data: bytes, what: str, plugin: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The text reader's own word: installed reader plugins (which would read the HTML page
    # or try the DOCX) are left out.
    from gipparse import manager as _manager

    monkeypatch.setattr(_manager, "_default", gipparse.create_plugin_manager(entry_points=False))
    with pytest.raises(SourceError) as info:
        gipparse.loads(data, path="upload.bin")
    message = str(info.value)
    assert message.startswith("upload.bin: this looks like " + what), message
    if plugin is not None:
        assert f"install the {plugin} plugin" in message
    else:
        assert "plugin to read it" not in message


def test_a_file_on_disk_is_refused_the_same_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gipparse import manager as _manager

    monkeypatch.setattr(_manager, "_default", gipparse.create_plugin_manager(entry_points=False))
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(FOREIGN[0][1])
    with pytest.raises(SourceError, match=r"report\.pdf: this looks like a PDF document"):
        gipparse.load(pdf)


def test_a_suffix_names_the_plugin_even_when_the_content_is_damaged() -> None:
    with pytest.raises(SourceError) as info:
        gipparse.loads(b"\x00\x01\x02" * 50, path="broken.docx")
    assert "binary data" in str(info.value)
    assert "gipparse-docx plugin reads" in str(info.value)


def test_legacy_word_points_at_docx_and_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    # The text reader's own word: gipparse-docx, when installed, reads the document.
    from gipparse import manager as _manager

    monkeypatch.setattr(_manager, "_default", gipparse.create_plugin_manager(entry_points=False))
    with pytest.raises(
        SourceError, match=r"install the gipparse-docx plugin and LibreOffice to read it, or save"
    ):
        gipparse.loads(_ole("WordDocument"))


@pytest.mark.parametrize(
    ("text", "what"),
    [
        pytest.param(FOREIGN[0][1].decode("latin-1"), "a PDF document", id="pdf-as-latin-1"),
        pytest.param(
            SEED_TEXT.encode("utf-16-le").decode("latin-1"), "UTF-16 or UTF-32 bytes", id="utf16"
        ),
        pytest.param("\x00\x01\x02\x03" * 50, "binary data", id="nul"),
    ],
)
def test_binary_read_as_text_is_refused_too(text: str, what: str) -> None:
    with pytest.raises(SourceError, match="this looks like " + re.escape(what)):
        gipparse.loads(text)


# -- encodings: what is read, and damage that is diagnosed ------------------------------


def _statistics_and_texts(report: gipparse.Report) -> object:
    return [t.texts for t in report.tables], [p.text for p in report.paragraphs]


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode("utf-8-sig"), id="utf-8-bom"),
        pytest.param(lambda t: t.encode("utf-16"), id="utf-16-bom"),
        pytest.param(lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(lambda t: t.encode("gb18030"), id="gb18030"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode(), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r").encode(), id="cr"),
    ],
)
def test_every_supported_encoding_reads_the_same_report(encode: Callable[[str], bytes]) -> None:
    expected = gipparse.loads(SEED_BYTES)
    report = gipparse.loads(encode(SEED_TEXT))
    assert report == expected
    assert not [d for d in report.diagnostics if d.code.startswith("source.")]


def _line_index(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n")) if needle in line)


def test_a_gbk_line_inside_utf8_is_read_and_named() -> None:
    lines = SEED_TEXT.split("\n")
    k = _line_index(SEED_TEXT, "第二十条第（一）项")
    data = "\n".join(lines[:k]).encode() + b"\n" + lines[k].encode("gbk") + b"\n"
    data += "\n".join(lines[k + 1 :]).encode()
    report = gipparse.loads(data)
    found = [d for d in report.diagnostics if d.code.startswith("source.")]
    assert [(d.code, d.line) for d in found] == [("source.mixed-encoding", k + 1)]
    assert report.source == SEED_TEXT
    assert attrs.evolve(report, diagnostics=()) == gipparse.loads(SEED_BYTES)


def test_invalid_bytes_are_shown_as_replacement_characters_and_named() -> None:
    k = _line_index(SEED_TEXT, "二、主动公开政府信息情况")
    lines = SEED_BYTES.split(b"\n")
    lines[k] = lines[k][:6] + b"\xff" + lines[k][6:]
    report = gipparse.loads(b"\n".join(lines))
    found = [d for d in report.diagnostics if d.code.startswith("source.")]
    assert [(d.code, d.line, d.column) for d in found] == [("source.invalid-bytes", k + 1, 3)]
    assert report.source.split("\n")[k] == "二、\ufffd主动公开政府信息情况"


def test_a_file_cut_inside_a_character_keeps_everything_before_the_cut() -> None:
    cut = SEED_BYTES.index("二、主动公开".encode()) + 4  # inside 、
    report = gipparse.loads(SEED_BYTES[:cut])
    assert report.source == SEED_TEXT[: SEED_TEXT.index("二、主动公开") + 1] + "\ufffd"
    codes = [d.code for d in report.diagnostics if d.code.startswith("source.")]
    assert codes == ["source.invalid-bytes"]


def test_a_utf16_file_cut_inside_a_character_keeps_everything_before_the_cut() -> None:
    data = SEED_TEXT.encode("utf-16")
    report = gipparse.loads(data[:1001])  # the BOM, 499 characters and half of one more
    assert report.source == SEED_TEXT[:499] + "\ufffd"
    (found,) = [d for d in report.diagnostics if d.code.startswith("source.")]
    assert found.code == "source.invalid-bytes"
    lines = SEED_TEXT[:499].split("\n")
    assert (found.line, found.column) == (len(lines), len(lines[-1]) + 1)


def test_invalid_utf16_inside_the_file_is_refused_with_its_place() -> None:
    data = SEED_TEXT.encode("utf-16")
    damaged = data[:1000] + "\udc00".encode("utf-16-le", "surrogatepass") + data[1000:]
    lines = SEED_TEXT[:499].split("\n")
    with pytest.raises(
        SourceError,
        match=rf"as UTF-16: invalid data at line {len(lines)}, column {len(lines[-1]) + 1}",
    ):
        gipparse.loads(damaged)


def test_pervasive_damage_is_refused_naming_the_first_bad_line() -> None:
    lines = SEED_BYTES.split(b"\n")
    damaged = [line + b"\x80\xff" if i % 3 == 0 and line else line for i, line in enumerate(lines)]
    with pytest.raises(SourceError, match=r"the first on line 1\)"):
        gipparse.loads(b"\n".join(damaged))


# -- size limits and paths ----------------------------------------------------------


def test_max_size_is_enforced_for_bytes_text_and_files(tmp_path: Path) -> None:
    limit = len(SEED_BYTES) - 1
    with pytest.raises(InputTooLargeError, match=rf"over the maximum of {limit:,} \(raise it"):
        gipparse.loads(SEED_BYTES, max_size=limit)
    with pytest.raises(InputTooLargeError, match="characters"):
        gipparse.loads(SEED_TEXT, max_size=len(SEED_TEXT) - 1)
    with pytest.raises(InputTooLargeError, match="bytes"):
        gipparse.load(SEEDS["000"], max_size=limit)
    assert gipparse.load(SEEDS["000"], max_size=len(SEED_BYTES)).tables


def test_max_size_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIPPARSE_MAX_INPUT_SIZE", "1_000")
    with pytest.raises(InputTooLargeError, match="GIPPARSE_MAX_INPUT_SIZE"):
        gipparse.loads(SEED_BYTES)
    assert gipparse.loads(SEED_BYTES, max_size=len(SEED_BYTES)).tables
    monkeypatch.setenv("GIPPARSE_MAX_INPUT_SIZE", "10MB")
    with pytest.raises(SourceError, match="is not a whole number of bytes"):
        gipparse.loads(SEED_BYTES)
    monkeypatch.setenv("GIPPARSE_MAX_INPUT_SIZE", "-5")
    with pytest.raises(SourceError, match="negative"):
        gipparse.loads(SEED_BYTES)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_cut_at_the_limit_not_read_forever() -> None:
    with pytest.raises(InputTooLargeError, match="over the maximum of 1,000"):
        gipparse.load("/dev/zero", max_size=1000)


def test_a_file_is_read_whole_up_to_the_limit_and_refused_past_it(tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(SEED_BYTES)
    assert gipparse.load(path, max_size=len(SEED_BYTES)).source == gipparse.loads(SEED_BYTES).source
    with pytest.raises(InputTooLargeError, match=f"over the maximum of {len(SEED_BYTES) - 1:,}"):
        gipparse.load(path, max_size=len(SEED_BYTES) - 1)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda p: p, "Is a directory", id="directory"),
        pytest.param(lambda p: p / "missing.txt", "No such file", id="missing"),
        pytest.param(lambda p: str(p / "a\x00b.txt"), "embedded null", id="nul-in-name"),
        pytest.param(lambda p: p / "empty.txt", "the source is empty", id="empty"),
    ],
)
def test_unreadable_paths_raise_source_error(
    tmp_path: Path, make: Callable[[Path], object], message: str
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"\n \t\n")
    with pytest.raises(SourceError, match=message):
        gipparse.load(make(tmp_path))  # type: ignore[arg-type]


# -- pathological shapes: they complete, and the work grows linearly ----------------


_RE_FOLDER = os.path.dirname(re.__file__) + os.sep


def count_lines_executed(text: str) -> int:
    """How many Python lines ``loads(text)`` executes: a deterministic measure of work.

    Lines of the ``re`` package are not counted: a pattern ``re`` compiles again because
    the process's cache of compiled patterns (512 of them, shared with whatever ran
    before) let it go would count its compiler's thousands of lines in one call and not
    in another. The collector is run before and paused during the call, so that no
    finalizer of earlier garbage runs inside it."""
    _caches.clear()
    gc.collect()
    steps = 0

    def tracer(frame: types.FrameType, event: str, arg: object) -> object:
        nonlocal steps
        if frame.f_code.co_filename.startswith(_RE_FOLDER):
            return None
        steps += 1
        return tracer

    previous = sys.gettrace()
    collecting = gc.isenabled()
    gc.disable()
    sys.settrace(tracer)  # type: ignore[arg-type]
    try:
        gipparse.loads(text)
    except GipparseError:
        pass
    finally:
        sys.settrace(previous)
        if collecting:
            gc.enable()
    return steps


@pytest.mark.parametrize("family", sorted(SHAPES))
def test_work_grows_linearly(family: str) -> None:
    build = SHAPES[family]
    count_lines_executed(build(10))  # lazy imports and compiled patterns happen once
    small, large = count_lines_executed(build(250)), count_lines_executed(build(1000))
    # Four times the input may cost at most 4.5 times the work (quadratic would be 16).
    assert large <= 4.5 * small, (family, small, large)


PATHOLOGICAL = {
    "a 5 MB line": "'字' * (5 * 1024 * 1024 // 3)",
    "100,000 tab lines": "'\\tx\\n' * 100_000",
    "10,000 pipes on one line": "'|' * 10_000",
    "10,000 pipe cells on one line": "'| a ' * 10_000 + '|'",
    "100,000 repeated headings": "'一、总体情况\\n' * 100_000",
    "100,000 blank lines": "'x\\n' + '\\n' * 100_000 + 'y'",
    "one 5 MB cell": "'\\t' + '格' * (5 * 1024 * 1024 // 3) + '\\n\\t1'",
    "100,000 alternating tab and plain lines": "'\\ta\\nb\\n' * 50_000",
    "100,000 unterminated bookmarks": "'[bookmark:' * 100_000",
    "10,000 seeds' worth of lines": "open(PATHS[0], encoding='utf-8').read() * 25",
    "a 5 MB line in Traditional script with pinyin debris": "'區(qū)發(fā)規(guī)報告' * 300_000",
    "a statistics period, then 100,000 line separators": (
        "'统计期限2020年1月1日' + '\\u2028' * 100_000 + '至'"
    ),
}


def test_pathological_inputs_complete() -> None:
    """Each input loads or is refused with a GipparseError; the subprocess timeout is a
    hang detector, not a speed limit (the whole set takes seconds)."""
    script = textwrap.dedent(
        f"""
        import json, sys, gipparse
        PATHS = {[str(p) for p in gipparse.sample_paths()]!r}
        CASES = {PATHOLOGICAL!r}
        for name, expr in CASES.items():
            text = eval(expr)
            try:
                report = gipparse.loads(text)
                outcome = f"{{len(report.tables)}} tables"
            except gipparse.GipparseError as exc:
                outcome = type(exc).__name__
            print(json.dumps([name, outcome]), flush=True)
        """
    )
    env = dict(os.environ, GIPPARSE_DISABLE_PLUGIN_AUTOLOAD="1")
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    finished = dict(json.loads(line) for line in done.stdout.splitlines())
    assert sorted(finished) == sorted(PATHOLOGICAL)
    assert finished["100,000 tab lines"] == "1 tables"
    assert finished["10,000 pipe cells on one line"] == "1 tables"


# -- the regular expression audit ---------------------------------------------------


def _modules() -> list[str]:
    names = ["gipparse"]
    for info in pkgutil.walk_packages(gipparse.__path__, "gipparse."):
        if not info.name.endswith("__main__"):
            names.append(info.name)
    return names


def compiled_patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled pattern a module of the package defines: ``module.NAME`` -> pattern
    (``module.NAME[i]`` for patterns inside a tuple, list or dict). Names a module only
    imports are left to the module that defines them."""
    defined = {
        (module, target.id)
        for module, tree in _source_files()
        for node in tree.body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }
    found: dict[str, re.Pattern[str]] = {}
    for name in _modules():
        module = importlib.import_module(name)
        for attr, held in vars(module).items():
            if (name, attr) not in defined:
                continue
            value = _compiled_if_lazy(held)
            if isinstance(value, re.Pattern):
                found[f"{name}.{attr}"] = value
            elif isinstance(value, tuple | list | dict):
                items = value.values() if isinstance(value, dict) else value
                for i, item in enumerate(map(_compiled_if_lazy, items)):
                    if isinstance(item, re.Pattern):
                        found[f"{name}.{attr}[{i}]"] = item
    return found


def _compiled_if_lazy(value: object) -> object:
    """The pattern of a function :func:`gipparse.patterns.lazy` made (compiled when first
    called), else *value*."""
    if callable(value) and getattr(value, "__qualname__", "") == "lazy.<locals>.compiled":
        assert getattr(value, "__module__", "") == "gipparse.patterns"
        return value()
    return value


_RE_FUNCTIONS = {
    "compile",
    "search",
    "match",
    "fullmatch",
    "sub",
    "subn",
    "split",
    "findall",
    "finditer",
}


def _source_files() -> list[tuple[str, ast.Module]]:
    files = []
    for path in sorted(SRC.rglob("*.py")):
        module = ".".join(("gipparse", *path.relative_to(SRC).with_suffix("").parts))
        module = module.removesuffix(".__init__")
        files.append((module, ast.parse(path.read_text(encoding="utf-8"))))
    return files


def pattern_uses() -> dict[str, set[str]]:
    """Name of a pattern -> the methods called on it anywhere in the package."""
    uses: dict[str, set[str]] = {}
    for _, tree in _source_files():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            held = node.func.value
            if isinstance(held, ast.Call) and not held.args and not held.keywords:
                held = held.func  # NAME().search(...): a pattern patterns.lazy compiles
            if isinstance(held, ast.Name):
                uses.setdefault(held.id, set()).add(node.func.attr)
    return uses


def regex_calls_outside_module_level() -> set[str]:
    """``module.function`` of every call of ``re``/``regex`` functions (or of
    ``gipparse.patterns.compile``) inside a function:
    those patterns are not visible to :func:`compiled_patterns` and must be audited by
    hand in docs/fuzzing.md."""
    found = set()
    for module, tree in _source_files():
        for top in tree.body:
            for function in ast.walk(top):
                if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for node in ast.walk(function):
                    if (
                        isinstance(node, ast.Call)
                        and isinstance(node.func, ast.Attribute)
                        and isinstance(node.func.value, ast.Name)
                        and (
                            (
                                node.func.value.id in ("re", "regex")
                                and node.func.attr in _RE_FUNCTIONS
                            )
                            # gipparse.patterns.compile is re.compile from code made ahead
                            or (node.func.value.id == "patterns" and node.func.attr == "compile")
                        )
                    ):
                        found.add(f"{module}.{function.name}")
    return found


def patterns_compiled_on_first_use() -> dict[str, re.Pattern[str]]:
    """Patterns that functions compile on first use and cache: every function without
    arguments that calls ``re.compile`` is called, and the patterns it returns (alone or
    in a tuple) are keyed ``module.function()`` or ``module.function()[i]``."""
    found: dict[str, re.Pattern[str]] = {}
    for site in sorted(regex_calls_outside_module_level()):
        module_name, name = site.rsplit(".", 1)
        function = getattr(importlib.import_module(module_name), name, None)
        if not callable(function):
            continue
        try:
            result = function()
        except TypeError:  # it takes arguments: audited by hand in docs/fuzzing.md
            continue
        items = result if isinstance(result, tuple) else (result,)
        for i, item in enumerate(items):
            if isinstance(item, re.Pattern):
                key = f"{site}()" if len(items) == 1 else f"{site}()[{i}]"
                found[key] = item
    return found


def test_no_regular_expression_can_backtrack_catastrophically() -> None:
    patterns = {**compiled_patterns(), **patterns_compiled_on_first_use()}
    assert "gipparse.tree.text.DEBRIS_RE" in patterns
    assert "gipparse.script.hanttable.PHRASES" in patterns
    uses = pattern_uses()
    auditor = Auditor(probe_alphabet(p for p in patterns.values() if isinstance(p.pattern, str)))
    problems = {}
    for key, pattern in patterns.items():
        methods = uses.get(key.rsplit(".", 1)[1].split("[")[0], set())
        # A pattern whose calls are not visible (passed around) is audited as scanning.
        scanning = bool(methods & SCANNING) or not methods
        if isinstance(pattern.pattern, bytes):  # audit the same syntax as text
            text = re.compile(pattern.pattern.decode("latin-1"), pattern.flags & ~re.ASCII)
        else:
            text = pattern
        found = sorted(set(auditor.audit(text, scanning)))
        if found:
            problems[key] = found
    assert problems == {}


def test_the_audit_catches_what_it_is_meant_to() -> None:
    bad = {
        r"(a+)+b": False,
        r"(?:a|aa)*c": False,
        r"(?:a|ab)+c": False,
        r"(a+b?)+c": False,
        r"\d*,?\d*x": False,
        r"\s*(?:起)?\s*至": True,
        r"\[bookmark:[^\]\n]*\]": True,  # the debris pattern before it was fixed
        r"\s+$": True,
        r"a*\s*x": True,
    }
    good = {
        r"[ \t]*:?-+:?[ \t]*": False,
        r"[ \t\n]+": True,
        r"\[bookmark:[^\[\]\n]*\]": True,
        r"[0-9]{1,3}(?:,[0-9]{3})+": False,
        r"[+\-]?[0-9][0-9,.]*(?:\s+[+\-]?[0-9][0-9,.]*)+": False,
        r"[^,，]{2,40}?(?:19|20)[0-9]{2}\s*年": True,
        r"日\s*(?:起\s*)?至": True,
    }
    auditor = Auditor(probe_alphabet(re.compile(p) for p in {**bad, **good}))
    for pattern, scanning in bad.items():
        assert auditor.audit(re.compile(pattern), scanning), pattern
    for pattern, scanning in good.items():
        assert not auditor.audit(re.compile(pattern), scanning), pattern


def test_every_regular_expression_is_in_the_written_audit() -> None:
    written = DOCS.read_text(encoding="utf-8")
    missing = [
        key
        for key in [*compiled_patterns(), *regex_calls_outside_module_level()]
        if f"`{key}`" not in written
    ]
    assert missing == []
    # ...and every row names a pattern or a function that still exists.
    known = {*compiled_patterns(), *regex_calls_outside_module_level()}
    named = re.findall(r"^\| `(gipparse\.[\w.]+)`", written, re.MULTILINE)
    assert named
    assert [name for name in named if name not in known] == []


def test_fuzzy_heading_matching_only_sees_short_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fuzzy ``regex`` patterns are not audited structurally: their cost is bounded by
    the length of what they are given."""
    from gipparse.structure import sections as _sections

    lengths: list[int] = []
    real = _sections._fuzzy_patterns()

    class Recording:
        def __init__(self, pattern: object) -> None:
            self.pattern = pattern

        def fullmatch(self, text: str) -> object:
            lengths.append(len(text))
            return self.pattern.fullmatch(text)  # type: ignore[attr-defined]

    monkeypatch.setattr(
        _sections, "_fuzzy_patterns", lambda: tuple((k, Recording(p)) for k, p in real)
    )
    lines = ["一、总休情况", "情况" * 100, "三、收到和处理政府信息公开申请情况" + "很长的说明" * 50]
    gipparse.loads("\n".join(lines * 3))
    assert lengths
    assert max(lengths) <= _sections.MAX_FUZZY_LENGTH


def test_fuzzy_label_matching_only_sees_keys_near_a_label_in_length(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Labels one edit off (``within_one_edit``, a comparison per label of the table) are
    only looked for with keys whose length is within one of some label's: a
    100,000-character cell never reaches them."""
    from gipparse.templates import engine

    calls: list[int] = []

    def recording(label: str, key: str) -> bool:
        calls.append(len(key))
        return False

    monkeypatch.setattr(engine, "within_one_edit", recording)
    manager = gipparse.create_plugin_manager(entry_points=False)
    matchers = [m for t in manager.templates() for m in t._matchers]
    assert matchers
    tried = 0
    for matcher in matchers:
        assert matcher.fuzzy_leaf("字" * 100_000) is None
        assert calls == []
        for near in [n for n in matcher._fuzzy_lengths if n >= 4][:1]:
            matcher.fuzzy_leaf("字" * near)
            assert calls
            assert set(calls) == {near}
            calls.clear()
            tried += 1
    assert tried >= 3


# -- misbehaving plugins --------------------------------------------------------------


class _Reader:
    def __init__(self, result: object) -> None:
        self.result = result

    @gipparse.hookimpl(tryfirst=True)
    def gipparse_read_source(self, path: str | None, data: bytes) -> object:
        return self.result


class _Script:
    def __init__(self, script: object, simplified: object) -> None:
        self.script, self.simplified = script, simplified

    @gipparse.hookimpl(tryfirst=True)
    def gipparse_detect_script(self, text: str) -> object:
        return self.script

    @gipparse.hookimpl(tryfirst=True)
    def gipparse_simplify(self, text: str, script: str, exact: bool) -> object:
        return self.simplified


class _Validator:
    @gipparse.hookimpl
    def gipparse_validate(self, report: gipparse.Report) -> object:
        return ["not a diagnostic"]


class _BrokenFormat(gipparse.TableFormat):
    name = "broken"

    def __init__(self, where: str) -> None:
        self.where = where

    def could_start(self, line: str) -> bool:
        if self.where == "could_start":
            raise KeyError(line)
        return True

    def parse(self, lines: object, start: int) -> object:
        if self.where == "parse":
            return ("not", "a", "TableParse")
        if self.where == "no progress":
            return gipparse.TableParse(gipparse.Table(()), start)
        return None

    def render(self, table: gipparse.Table) -> str:
        return ""


class _Formats:
    def __init__(self, fmt: gipparse.TableFormat) -> None:
        self.fmt = fmt

    @gipparse.hookimpl
    def gipparse_register_table_formats(self, register: Callable[[object], None]) -> None:
        register(self.fmt)


@pytest.mark.parametrize(
    ("plugin", "message"),
    [
        pytest.param(_Reader("text"), "returned str 'text', not SourceDocument", id="reader"),
        pytest.param(
            _Reader(gipparse.SourceDocument(b"bytes")),  # type: ignore[arg-type]
            r"SourceDocument\.text\) returned bytes",
            id="reader-text",
        ),
        pytest.param(
            _Reader(gipparse.SourceDocument("x", blocks=("a line",))),  # type: ignore[arg-type]
            r"SourceDocument\.blocks\) returned str 'a line', not Paragraph or Table",
            id="reader-blocks",
        ),
        pytest.param(_Script(1, None), "gipparse_detect_script returned int", id="script"),
        pytest.param(_Script("hant", 1), "gipparse_simplify returned int", id="simplify"),
        pytest.param(_Validator(), "gipparse_validate returned str", id="validate"),
        pytest.param(_Formats(_BrokenFormat("could_start")), "KeyError", id="could-start"),
        pytest.param(_Formats(_BrokenFormat("parse")), "not a TableParse", id="parse"),
        pytest.param(_Formats(_BrokenFormat("no progress")), "consumed no line", id="progress"),
    ],
)
def test_a_misbehaving_plugin_is_a_plugin_error(plugin: object, message: str) -> None:
    with pytest.raises(gipparse.PluginError, match=message):
        gipparse.loads(SEED_BYTES, plugins=[plugin])


# -- the command line ---------------------------------------------------------------


def _gipparse(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, GIPPARSE_DISABLE_PLUGIN_AUTOLOAD="1")
    return subprocess.run(
        [sys.executable, "-m", "gipparse", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        env=env,
        check=False,
    )


def test_the_command_line_names_each_bad_file_and_goes_on(tmp_path: Path) -> None:
    lines = SEED_TEXT.split("\n")
    k = _line_index(SEED_TEXT, "第二十条第（一）项")
    mixed = "\n".join(lines[:k]).encode() + b"\n" + lines[k].encode("gbk") + b"\n"
    mixed += "\n".join(lines[k + 1 :]).encode()
    files = {
        "report.pdf": (FOREIGN[0][1], "this looks like a PDF document"),
        "report.docx": (FOREIGN[1][1], "install the gipparse-docx plugin"),
        "empty.txt": (b"", "the source is empty"),
        "utf32.txt": (SEED_TEXT.encode("utf-32"), "this looks like UTF-32 text"),
        "utf16.txt": (SEED_TEXT.encode("utf-16-le"), "UTF-16 text without a byte-order mark"),
        "binary.txt": (bytes(range(256)) * 8, "binary data"),
        "missing.txt": (None, "No such file or directory"),
    }
    for name, (data, _) in files.items():
        if data is not None:
            (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_bytes(SEED_BYTES)
    (tmp_path / "mixed.txt").write_bytes(mixed)
    paths = [str(tmp_path / name) for name in [*files, "good.txt", "mixed.txt"]]

    done = _gipparse("validate", *paths)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    said = done.stdout + done.stderr
    for name, (_, message) in files.items():
        (line,) = [x for x in said.splitlines() if x.startswith(str(tmp_path / name) + ":")]
        assert message in line, line
    assert f"{tmp_path / 'mixed.txt'}:{k + 1}:2: warning[source.mixed-encoding]" in said
    assert "9 files: " in said

    done = _gipparse("export", "--format", "jsonl", *paths)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    exported = {r["path"]: r for r in records}
    assert exported[str(tmp_path / "good.txt")]["stats"]["applications.new.total"] == 0
    assert (
        exported[str(tmp_path / "mixed.txt")]["stats"]
        == exported[str(tmp_path / "good.txt")]["stats"]
    )
    for name in files:
        assert str(tmp_path / name) in done.stdout + done.stderr

    for name, (_, message) in files.items():
        done = _gipparse("parse", str(tmp_path / name))
        assert done.returncode == 1, name
        assert done.stderr.startswith("gipparse: error: "), done.stderr
        assert message in done.stderr
        assert "Traceback" not in done.stderr


@pytest.mark.parametrize("digits", [19, 400, 5000])
def test_a_number_too_long_to_be_a_value_is_null_and_every_format_writes_the_report(
    tmp_path: Path, digits: int
) -> None:
    """A cell of 19 digits or more is damage, not a count: it is null with a diagnostic at
    its line. Read as written, 5000 digits passed int()'s limit of 4300 (a PluginError of
    the template engine), and 19 digits broke the SQLite, Parquet and xlsx writers."""
    lines = SEED_TEXT.split("\n")
    k = lines.index("\t128")  # 行政处罚 · 上一年项目数量
    lines[k] = "\t1" + "0" * (digits - 1)
    report = gipparse.loads("\n".join(lines))
    assert report.statistics is not None
    assert report.statistics["active.penalty.prev_items"] is None
    (found,) = [d for d in report.diagnostics if d.code == "value.unreadable"]
    assert found.span is not None
    assert found.span.line == k + 1
    assert f"has {digits} digits" in found.message
    path = tmp_path / "report.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    for fmt in ("sqlite", "parquet", "xlsx"):
        if fmt != "sqlite":
            pytest.importorskip({"parquet": "pyarrow", "xlsx": "openpyxl"}[fmt])
        out = tmp_path / f"out.{fmt}"
        assert cli_main(["export", str(path), "-o", str(out), "--no-progress"]) == 0, fmt
        assert out.stat().st_size > 0
