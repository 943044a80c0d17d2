from __future__ import annotations

from pathlib import Path

import pytest

import gipparse
from gipparse.testing import register_hypothesis_profiles

# Hypothesis profiles: a fast default for everyday runs, "ci" (chosen when CI is set) and
# an opt-in "fuzz" that runs many more examples: HYPOTHESIS_PROFILE=fuzz python -m pytest
register_hypothesis_profiles()

SEEDS: dict[str, Path] = {p.name[:3]: p for p in gipparse.sample_paths()}


@pytest.fixture(scope="session")
def seed_paths() -> dict[str, Path]:
    return dict(SEEDS)


class _OpenCCTraditional:
    """A plugin that calls every text Traditional and converts it with OpenCC's full
    phrase-level ``t2s`` (the built-in ``hant`` plugin converts exactly only on request)."""

    def __init__(self) -> None:
        opencc = pytest.importorskip("opencc")
        self.converter = opencc.OpenCC("t2s")

    @gipparse.hookimpl
    def gipparse_detect_script(self, text: str) -> str | None:
        return "hant"

    @gipparse.hookimpl
    def gipparse_simplify(self, text: str, script: str, exact: bool) -> str | None:
        return str(self.converter.convert(text))


@pytest.fixture
def opencc_traditional() -> object:
    """An instance of :class:`_OpenCCTraditional`, to pass as ``plugins=[...]``."""
    return _OpenCCTraditional()
