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
