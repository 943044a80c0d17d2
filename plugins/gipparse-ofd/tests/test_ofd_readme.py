"""The README's example runs, and the hook code it quotes is the plugin's own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

plugin = pytest.importorskip("gipparse_ofd")

README = Path(__file__).parents[1] / "README.md"


def test_the_readme_runs_and_quotes_every_hook_as_written(support: Any) -> None:
    support.check_readme(plugin, README, hooks=3)
