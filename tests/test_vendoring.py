"""A downstream project can vendor src/gipparse/ unmodified under its own package."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import gipparse

SOURCE = Path(gipparse.__file__).parent

SCRIPT = """
import importlib.abc, importlib.metadata, json, sys

class RefuseInstalledGipparse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "gipparse" or name.startswith("gipparse."):
            raise ImportError(f"{name}: the installed distribution must not be used")
        return None

def no_metadata(*args, **kwargs):
    raise AssertionError("a vendored copy must not need package metadata")

sys.meta_path.insert(0, RefuseInstalledGipparse())
importlib.metadata.entry_points = no_metadata
importlib.metadata.version = no_metadata
sys.path.insert(0, sys.argv[1])

from somehost._vendor import gipparse

results = []
for path in gipparse.sample_paths():
    report = gipparse.load(path)
    results.append([path.name, [s.kind for s in report.sections], [t.texts for t in report.tables]])
plugins = [name for name, _ in gipparse.create_plugin_manager().plugins()]
print(json.dumps({
    "results": results,
    "plugins": plugins,
    "modules": sorted(m for m in sys.modules if m.split(".")[0] == "gipparse"),
    "classes": [gipparse.classes._USABLE, len(gipparse.classes.ASKED),
                sorted(c.__name__ for c in gipparse.classes.MADE)],
}, ensure_ascii=False))
"""


def _vendor_into(folder: Path) -> None:
    """Copy the package to *folder*/somehost/_vendor/gipparse, unmodified."""
    vendor = folder / "somehost" / "_vendor"
    vendor.mkdir(parents=True)
    (folder / "somehost" / "__init__.py").write_text("")
    (vendor / "__init__.py").write_text("")
    shutil.copytree(SOURCE, vendor / "gipparse", ignore=shutil.ignore_patterns("__pycache__"))


def _run(script: str, folder: Path, *, autoload: bool) -> Any:
    """What *script* prints as JSON, run in *folder* with the vendored copy."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env.pop("GIPPARSE_DISABLE_PLUGIN_AUTOLOAD", None)
    if not autoload:
        env["GIPPARSE_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), str(folder)],
        capture_output=True,
        text=True,
        env=env,
        cwd=folder,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_vendored_copy_loads_every_seed(tmp_path: Path) -> None:
    _vendor_into(tmp_path)

    out = _run(SCRIPT, tmp_path, autoload=False)
    assert out["modules"] == []
    assert out["plugins"][0] == "somehost._vendor.gipparse.source.reader"
    assert all(p.startswith("somehost._vendor.gipparse.") for p in out["plugins"])

    expected = []
    for path in gipparse.sample_paths():
        report = gipparse.load(path)
        expected.append(
            [
                path.name,
                [s.kind for s in report.sections],
                [list(map(list, t.texts)) for t in report.tables],
            ]
        )
    assert out["results"] == expected
    assert len(out["results"]) == 5
    # The classes are made from their description there too.
    usable, asked, made = out["classes"]
    assert usable == gipparse.classes._USABLE
    assert asked >= 18
    assert len(made) == (asked if usable else 0)


ENTRY_POINTS_SCRIPT = """
import json, sys
sys.path.insert(0, sys.argv[1])

from somehost._vendor import gipparse

report = gipparse.loads("一、总体情况\\n正文。\\n")
try:  # what only a reader plugin reads: the vendored copy has none to load
    gipparse.loads(b"<html><body><p>page</p></body></html>", path="page.html")
    page = "read"
except gipparse.SourceError:
    page = "refused"
vendored = [name for name, _ in gipparse.create_plugin_manager().plugins()]
import gipparse as installed
print(json.dumps({
    "sections": [s.kind for s in report.sections],
    "page": page,
    "vendored": vendored,
    "html_loaded_by_vendored": "gipparse_html" in sys.modules,
    "installed": [name for name, _ in installed.create_plugin_manager().plugins()],
}))
"""


def test_a_vendored_copy_never_loads_the_installed_entry_points(tmp_path: Path) -> None:
    from importlib.metadata import entry_points

    import pytest

    groups = ("gipparse", "gipparse.readers")
    if not any(ep.name == "html" for group in groups for ep in entry_points(group=group)):
        pytest.skip("needs the gipparse-html plugin installed")
    _vendor_into(tmp_path)

    out = _run(ENTRY_POINTS_SCRIPT, tmp_path, autoload=True)
    assert out["sections"] == ["overview"]
    assert out["page"] == "refused"
    assert "html" not in out["vendored"]
    assert all(p.startswith("somehost._vendor.gipparse.") for p in out["vendored"])
    assert out["html_loaded_by_vendored"] is False
    # The installed distribution, in the same process, still loads its plugins.
    assert "html" in out["installed"]
