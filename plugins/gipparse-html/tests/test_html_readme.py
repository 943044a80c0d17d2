"""The README's examples run, and the hook code it quotes is the plugin's own."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest

plugin = pytest.importorskip("gipparse_html")

README = Path(__file__).parents[1] / "README.md"


def test_the_readme_runs_and_quotes_every_hook_as_written(support: Any) -> None:
    examples, quoted = support.readme_code(README)
    assert examples
    for code in examples:
        exec(compile(code, str(README), "exec"), {})
    source = inspect.getsource(plugin)
    for code in quoted:
        assert code in source
    hooks = [name for name in dir(plugin) if name.startswith("gipparse_")]
    assert len(hooks) == 3
    for name in hooks:
        assert f"def {name}(" in "".join(quoted)
