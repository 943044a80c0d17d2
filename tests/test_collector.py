"""Parsing leaves the cyclic garbage collector as it found it: gipparse does not switch it
off and on (it measured no gain on distinct reports)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

import gipparse


@pytest.fixture
def collector_state() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:  # pragma: no cover - the suite runs with the collector on
        gc.disable()


@pytest.mark.usefixtures("collector_state")
def test_parsing_leaves_the_collector_on() -> None:
    gc.enable()
    report = gipparse.load(gipparse.sample_paths()[0])
    assert report.statistics is not None
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_state")
def test_parsing_leaves_a_disabled_collector_off() -> None:
    gc.disable()
    gipparse.loads("一、总体情况\n\n本机关2020年依法公开政府信息。")
    assert not gc.isenabled()


@pytest.mark.usefixtures("collector_state")
def test_a_failed_parse_turns_the_collector_back_on() -> None:
    gc.enable()
    with pytest.raises(gipparse.SourceError):
        gipparse.loads("   \n")
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_state")
def test_a_failing_plugin_turns_the_collector_back_on() -> None:
    class Broken:
        @gipparse.hookimpl
        def gipparse_validate(self, report: gipparse.Report) -> list[gipparse.Diagnostic]:
            raise RuntimeError("boom")

    gc.enable()
    with pytest.raises(gipparse.PluginError):
        gipparse.loads("一、总体情况\n\n本机关2020年依法公开政府信息。", plugins=[Broken()])
    assert gc.isenabled()
