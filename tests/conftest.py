from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import gipparse

# Hypothesis profiles: a fast default for everyday runs, "ci" (chosen when CI is set: the
# default with a deadline off, since CI machines are noisy), and an opt-in "fuzz" that runs
# many more examples: HYPOTHESIS_PROFILE=fuzz python -m pytest tests/property
settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True)
settings.register_profile(
    "fuzz",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# CI (which sets CI=true) runs the "ci" profile unless a profile is named explicitly.
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default")
)

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
