from __future__ import annotations

from pathlib import Path

import pytest

import gipparse

SEEDS = {p.name[:3]: p for p in gipparse.sample_paths()}


@pytest.fixture(scope="session")
def seed_paths() -> dict[str, Path]:
    return dict(SEEDS)
