"""The first ``load``/``loads`` of a process, which imports the stages and builds the
plugin manager and the templates with the cyclic collector paused: no collection runs
during it, the collector is left as it was found, whether the call succeeds or fails,
and the report is the one any later call makes."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import gipparse

SEED = gipparse.sample_paths()[0]

# Run in a fresh process: the collector set as argv[2] says, then one call (a load of
# argv[1], or loads of bytes no reader accepts); prints whether the collector is enabled
# after it and how many collections ran during it, then the report as JSON (or the
# error's class).
FIRST_CALL = textwrap.dedent(
    r"""
    import gc, sys
    if sys.argv[2] == "off":
        gc.disable()
    import gipparse
    runs = []
    gc.callbacks.append(lambda phase, info: phase == "start" and runs.append(info))
    try:
        if sys.argv[3] == "load":
            report = gipparse.load(sys.argv[1])
        else:
            report = gipparse.loads(b"\x00\x01binary\x00")
    except gipparse.GipparseError as exc:
        report = exc
    during, enabled = len(runs), gc.isenabled()
    if isinstance(report, Exception):
        print(enabled, during, type(report).__name__, sep="\n")
    else:
        print(enabled, during, gipparse.to_json(report), sep="\n")
    """
)


@pytest.mark.parametrize("collector", ["on", "off"])
@pytest.mark.parametrize("call", ["load", "refused"])
def test_the_first_call_pauses_the_collector_and_leaves_it_as_found(
    collector: str, call: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", FIRST_CALL, str(SEED), collector, call],
        capture_output=True,
        text=True,
        check=True,
    )
    enabled, during, output = done.stdout.split("\n", 2)
    assert enabled == str(collector == "on")
    # Without the pause, the collector runs about a dozen times during a first load;
    # with it, once at most: when it resumes, for what was allocated meanwhile.
    assert during in ("0", "1")
    if call == "load":
        assert output.rstrip("\n") == gipparse.to_json(gipparse.load(SEED))
    else:
        assert output.rstrip("\n") == "SourceError"
