from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import gipparse

SEEDS = {p.name[:3]: p for p in gipparse.sample_paths()}

# Hypothesis profiles, chosen with HYPOTHESIS_PROFILE: ``default`` keeps the suite fast,
# ``ci`` is as fast but derandomised and without deadlines (shared runners stall), and
# ``fuzz`` runs many more examples for a long hunt.
settings.register_profile("default", max_examples=50, deadline=None)
settings.register_profile(
    "ci",
    max_examples=50,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    max_examples=20_000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def seed_paths() -> dict[str, Path]:
    return dict(SEEDS)
