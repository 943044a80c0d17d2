"""The README's examples run, and the hook code it quotes is the plugin's own."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

gipparse_html = pytest.importorskip("gipparse_html")

README = Path(__file__).parents[1] / "README.md"
_BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
_QUOTED = [b for b in _BLOCKS if "@hookimpl" in b or b.startswith("class ")]
_EXAMPLES = [b for b in _BLOCKS if b not in _QUOTED]


def test_the_readme_has_examples_and_quotes_every_hook() -> None:
    assert len(_EXAMPLES) >= 2
    quoted = "".join(_QUOTED)
    for name in dir(gipparse_html):
        if name.startswith("gipparse_"):
            assert f"def {name}(" in quoted


@pytest.mark.parametrize("code", _EXAMPLES, ids=lambda c: c.splitlines()[0])
def test_readme_example_runs(code: str) -> None:
    exec(compile(code, str(README), "exec"), {})


@pytest.mark.parametrize("code", _QUOTED, ids=lambda c: c.splitlines()[1])
def test_readme_quotes_the_plugin_source(code: str) -> None:
    assert code in inspect.getsource(gipparse_html)
