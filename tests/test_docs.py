"""The documentation cannot drift from the code: its examples run, every hook is in it."""

from __future__ import annotations

import ast
import importlib.util
import inspect
import os
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

import gipparse
from gipparse import hookspecs

DOCS = Path(__file__).parent.parent / "docs"
FENCE_RE = re.compile(r"^```(?P<info>[^\n]*)\n(?P<code>.*?)^```$", re.MULTILINE | re.DOTALL)


def python_blocks(path: Path) -> list[tuple[str, str, int]]:
    """``(info, code, line)`` of every ```python block of a page."""
    text = path.read_text(encoding="utf-8")
    blocks = []
    for m in FENCE_RE.finditer(text):
        info = m.group("info").strip()
        if info.split(" ")[0] == "python":
            blocks.append((info, m.group("code"), text.count("\n", 0, m.start()) + 2))
    return blocks


PAGES = sorted(p for p in [*DOCS.glob("*.md"), DOCS.parent / "README.md"] if python_blocks(p))


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_code_examples_run(page: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every ```python block runs, in order, in one namespace per page. ``python skip``
    blocks are shown, not run; ``python module=NAME`` blocks become importable modules."""
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for info, code, line in python_blocks(page):
        options = info.split()[1:]
        if "skip" in options:
            continue
        module_name = next((o.split("=", 1)[1] for o in options if o.startswith("module=")), None)
        compiled = compile("\n" * (line - 1) + code, str(page), "exec")
        if module_name:
            module = types.ModuleType(module_name)
            exec(compiled, module.__dict__)
            monkeypatch.setitem(sys.modules, module_name, module)
        else:
            exec(compiled, namespace)


def hook_signatures() -> dict[str, str]:
    found = {}
    for name, func in vars(hookspecs).items():
        if name.startswith("gipparse_") and callable(func):
            sig = inspect.signature(func)
            params = ", ".join(f"{p.name}: {p.annotation}" for p in sig.parameters.values())
            found[name] = f"{name}({params}) -> {sig.return_annotation}"
    return found


def test_every_hook_is_documented_with_its_signature() -> None:
    text = (DOCS / "plugins.md").read_text(encoding="utf-8")
    signatures = hook_signatures()
    assert len(signatures) >= 7
    missing = [sig for sig in signatures.values() if f"`{sig}`" not in text]
    assert missing == []
    documented = set(re.findall(r"`(gipparse_\w+)\(", text))
    assert documented <= set(signatures), documented - set(signatures)


def test_every_hook_has_a_docstring_with_version() -> None:
    for name, func in vars(hookspecs).items():
        if name.startswith("gipparse_"):
            doc = inspect.getdoc(func) or ""
            assert ".. versionadded::" in doc, name
            if getattr(func, "gipparse_spec", {}).get("firstresult"):
                assert "Stops at first non-None result." in doc, name


def test_the_complete_plugin_is_under_thirty_lines() -> None:
    (info, code, _), *_ = python_blocks(DOCS / "plugins.md")
    assert info == "python module=semicolon_tables"
    assert len(code.strip().splitlines()) < 30


def test_public_names_are_exported() -> None:
    for name in gipparse.__all__:
        assert hasattr(gipparse, name), name


# -- generated and checked references ----------------------------------------------------

ROOT = DOCS.parent
CODE_RE = re.compile(
    r"(?:table|tab|pipe|section|value|template|metadata|relation|source|report|corpus|prose)"
    r"\.[a-z0-9]+(?:-[a-z0-9]+)*"
)


def load_generator() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("docs_generate", DOCS / "_generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_statistics_reference_is_generated_from_the_templates() -> None:
    """Fails when a template changed and docs/statistics.md was not regenerated."""
    page = (DOCS / "statistics.md").read_text(encoding="utf-8")
    assert load_generator().render(page) == page, "run: python docs/_generate.py"


def test_every_statistic_key_has_a_row_in_the_reference() -> None:
    page = (DOCS / "statistics.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z_.]+)` \|", page, re.MULTILINE)
    assert set(rows) == set(gipparse.schema_keys())
    for template in ("2020", "2021"):
        assert set(gipparse.schema_keys(template)) <= set(rows)


def source_files() -> list[Path]:
    return sorted(
        [*(ROOT / "src" / "gipparse").rglob("*.py"), *(ROOT / "plugins").glob("*/src/**/*.py")]
    )


def emitted_codes() -> dict[str, set[str]]:
    """Every diagnostic code written in the source of gipparse and of its reader plugins,
    with the severities it is emitted with where the code says so in the same call or
    tuple (``Diagnostic(Severity.WARNING, "table.extra-cell", ...)``)."""
    found: dict[str, set[str]] = {}
    for path in source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and CODE_RE.fullmatch(node.value)
            ):
                found.setdefault(node.value, set())
            parts: list[ast.expr] = []
            if isinstance(node, ast.Call):
                parts = [*node.args, *(k.value for k in node.keywords)]
            elif isinstance(node, ast.Tuple):
                parts = list(node.elts)
            codes = [
                p.value
                for p in parts
                if isinstance(p, ast.Constant)
                and isinstance(p.value, str)
                and CODE_RE.fullmatch(p.value)
            ]
            severities = [
                p.attr.lower()
                for p in parts
                if isinstance(p, ast.Attribute)
                and isinstance(p.value, ast.Name)
                and p.value.id == "Severity"
            ]
            for code in codes:
                found.setdefault(code, set()).update(severities)
    # Relation codes are made from the templates' data: relation.<name>.
    for template in gipparse.create_plugin_manager(entry_points=False).templates():
        for relation in template.relations:
            found.setdefault(f"relation.{relation.name}", set()).add("error")
    return found


def documented_codes() -> dict[str, str]:
    """``code -> severity`` of every ``### `code` `` entry of docs/diagnostics.md."""
    page = (DOCS / "diagnostics.md").read_text(encoding="utf-8")
    entries = re.findall(r"^### `([^`]+)`\n\n\*\*(\w+)\*\*\.", page, re.MULTILINE)
    headings = re.findall(r"^### `([^`]+)`", page, re.MULTILINE)
    assert len(entries) == len(headings), "each entry starts with its **severity**."
    repeated = sorted({code for code in headings if headings.count(code) > 1})
    assert repeated == [], "each code has one entry; merge what each reader says into it"
    return dict(entries)


def test_every_diagnostic_code_is_documented() -> None:
    emitted = emitted_codes()
    assert len(emitted) >= 40
    documented = documented_codes()
    assert sorted(set(emitted) - set(documented)) == [], "codes missing from diagnostics.md"
    assert sorted(set(documented) - set(emitted)) == [], "documented codes no longer emitted"


def test_the_catalogue_holds_every_code_the_core_emits_and_no_other() -> None:
    """``gipparse.checks.catalogue`` is the one list of codes, each with a meaning."""
    from gipparse.checks.catalogue import DIAGNOSTIC_CODES
    from gipparse.plugin import SCHEMAS

    core = {
        node.value
        for path in (ROOT / "src" / "gipparse").rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and CODE_RE.fullmatch(node.value)
        and path.name != "catalogue.py"
    }
    # Relation codes come from the templates' data: relation.<name>.
    core |= {f"relation.{r.name}" for s in SCHEMAS.values() for r in s.relations}
    assert sorted(core - set(DIAGNOSTIC_CODES)) == [], "emitted, not in the catalogue"
    assert sorted(set(DIAGNOSTIC_CODES) - core) == [], "in the catalogue, not emitted"
    assert all(DIAGNOSTIC_CODES.values())
    assert sorted(set(DIAGNOSTIC_CODES) - set(documented_codes())) == []


def test_documented_severities_are_the_emitted_ones() -> None:
    documented = documented_codes()
    wrong = {
        code: (documented[code], sorted(severities))
        for code, severities in emitted_codes().items()
        if severities and documented.get(code) not in severities
    }
    assert wrong == {}


def test_every_public_name_is_in_the_api_reference() -> None:
    page = (DOCS / "api.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `(\w+)` \|", page, re.MULTILINE)
    assert len(listed) == len(set(listed)), "a name is listed twice"
    assert sorted(set(gipparse.__all__) - set(listed)) == [], "public names missing"
    assert sorted(set(listed) - set(gipparse.__all__)) == [], "listed names not public"


# -- links ---------------------------------------------------------------------------------

LINK_RE = re.compile(r"\]\((?!https?:|mailto:)([^)\s]+)\)")


def anchors(text: str) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown page."""
    text = FENCE_RE.sub("", text)
    found = set()
    for heading in re.findall(r"^#{1,6} (.+)$", text, re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        found.add(slug)
    return found


MARKDOWN = sorted([*DOCS.glob("*.md"), ROOT / "README.md"])


def resolves(page: Path, target: str) -> bool:
    """Does the link *target* on *page* lead to an existing file (and heading)?"""
    name, _, anchor = target.partition("#")
    path = (page.parent / name).resolve() if name else page
    if not path.exists():
        return False
    return not anchor or path.suffix != ".md" or anchor in anchors(path.read_text("utf-8"))


@pytest.mark.parametrize("page", MARKDOWN, ids=[p.name for p in MARKDOWN])
def test_relative_links_resolve(page: Path) -> None:
    text = FENCE_RE.sub("", page.read_text(encoding="utf-8"))
    assert [t for t in LINK_RE.findall(text) if not resolves(page, t)] == []


# -- command-line examples -----------------------------------------------------------------

SHELL_RE = re.compile(r"^```(?P<info>sh|console)\n(?P<code>.*?)^```$", re.MULTILINE | re.DOTALL)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def shell_blocks(path: Path) -> list[tuple[str, str, int]]:
    text = path.read_text(encoding="utf-8")
    return [
        (m.group("info"), m.group("code"), text.count("\n", 0, m.start()) + 2)
        for m in SHELL_RE.finditer(text)
    ]


def example_folder(root: Path, *, damaged: bool = True) -> None:
    """The files the command-line examples read; *damaged* adds a note and an image saved
    as .txt to ``reports/`` (the guide's examples show how they are reported)."""
    seeds = gipparse.sample_paths()
    reports = root / "reports"
    (reports / "sub").mkdir(parents=True)
    shutil.copy(seeds[0], reports / "000.txt")
    shutil.copy(seeds[1], reports / "001.txt")
    if damaged:
        (reports / "sub" / "note.txt").write_text("会议纪要\n今天开会。\n", encoding="utf-8")
        (reports / "sub" / "scan.txt").write_bytes(PNG)
    scans = root / "scans"
    scans.mkdir()
    for name in ("a.jpg", "b.jpg", "c.jpg"):
        (scans / name).write_bytes(b"\xff\xd8\xff\xe0")
    (scans / "README.md").write_text("scans\n", encoding="utf-8")
    shutil.copy(seeds[0], root / "report.txt")
    # An agency's 2021 report (sample 004) and a 2022 report that does not follow from it.
    years = root / "years"
    years.mkdir()
    shutil.copy(seeds[4], years / "2021.txt")
    lines = seeds[4].read_text(encoding="utf-8").replace("2021年", "2022年").split("\n")
    for number, value in {92: "2", 98: "2", 341: "2", 347: "2", 25: "5", 27: "5", 32: "3"}.items():
        lines[number - 1] = lines[number - 1].rstrip()[:-1] + value
    (years / "2022.txt").write_text("\n".join(lines), encoding="utf-8")


def _said_before(page: Path, line: int) -> str:
    """The paragraph of *page* just before the block that starts on *line*: where a page
    says what an example's output needs."""
    lines = page.read_text(encoding="utf-8").splitlines()[: line - 2]
    while lines and not lines[-1].strip():
        lines.pop()
    paragraph: list[str] = []
    while lines and lines[-1].strip():
        paragraph.insert(0, lines.pop())
    return " ".join(paragraph)


def _no_soffice() -> bool:
    """No LibreOffice here, as the legacy Word reader looks for it."""
    from gipparse_docx._convert import find_soffice

    return find_soffice() is None


SHELL_PAGES = [DOCS / "guide.md", DOCS / "quickstart.md", DOCS / "index.md"]
SHELL_EXAMPLES = [(page, block) for page in SHELL_PAGES for block in shell_blocks(page)]


@pytest.mark.parametrize(
    ("page", "block"), SHELL_EXAMPLES, ids=[f"{p.name}:{b[2]}" for p, b in SHELL_EXAMPLES]
)
def test_command_line_examples_run(page: Path, block: tuple[str, str, int], tmp_path: Path) -> None:
    """Each command of a ```sh block that runs gipparse exits 0 (or with the status its
    comment gives); each ```console block prints what the page shows, stdout then stderr.
    The guide's ``reports/`` holds damaged files too; the other pages' only reports."""
    info, code, line = block
    commands_only = all(c.startswith("gipparse ") for c in code.splitlines() if c.strip())
    if info == "sh" and not commands_only:
        pytest.skip("not a gipparse command")
    if "LibreOffice" in _said_before(page, line) and _no_soffice():
        pytest.skip("the page shows this output with LibreOffice installed; it is not here")
    example_folder(tmp_path, damaged=page.name == "guide.md")
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "gipparse").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m gipparse "$@"\n')
    (shim / "gipparse").chmod(0o755)
    env = {**os.environ, "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}", "COLUMNS": "100"}
    env.pop("GIPPARSE_MAX_INPUT_SIZE", None)

    def sh(command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "-c", command],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    if info == "sh":
        for command in code.splitlines():
            status = re.search(r"# exit status (\d+)$", command)
            result = sh(command)
            assert result.returncode == (int(status.group(1)) if status else 0), (
                command,
                result.stderr,
            )
        return
    commands = re.split(r"^\$ ", code, flags=re.MULTILINE)[1:]
    for chunk in commands:
        command, _, expected = chunk.partition("\n")
        result = sh(command)
        assert result.stdout + result.stderr == expected, f"{page}:{line}: {command}"
