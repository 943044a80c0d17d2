"""The plugins' tests take their shared support from :mod:`gipparse.testing`."""

from gipparse.testing import (  # noqa: F401
    pytest_generate_tests,
    register_hypothesis_profiles,
    seeds,
    support,
)

register_hypothesis_profiles()
