"""The documentation cannot drift from the code: its examples run, every hook is in it."""

from __future__ import annotations

import inspect
import re
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


PAGES = sorted(p for p in DOCS.glob("*.md") if python_blocks(p))


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
