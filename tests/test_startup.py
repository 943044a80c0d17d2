"""What a process imports to start: ``import gipparse`` and a one-report ``gipparse
export`` import what they use and no more (time is measured in ``benchmarks/``; here,
which modules are loaded)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import gipparse

SEED = str(gipparse.sample_paths()[0])


def loaded_after(code: str) -> list[str]:
    """The modules loaded by running *code* in a fresh process, sorted."""
    program = textwrap.dedent(code) + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    return list(json.loads(result.stdout.splitlines()[-1]))


def test_import_loads_no_writer_and_no_template() -> None:
    modules = loaded_after("import gipparse")
    assert [m for m in modules if m.startswith(("gipparse.export.", "gipparse.templates"))] == []
    assert "decimal" not in modules


def test_export_is_the_function_whatever_was_imported_before() -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import gipparse, gipparse.export.writers, gipparse.export.records\n"
            "from gipparse import export\n"
            "print(callable(gipparse.export), export is gipparse.export,"
            " gipparse.to_dict.__module__)",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.split() == ["True", "True", "gipparse.export.serialize"]


def test_a_one_report_export_starts_no_worker_machinery() -> None:
    modules = loaded_after(
        f"""
        from gipparse.cli import main
        assert main(["export", {SEED!r}, "-o", "/dev/null"]) == 0
        """
    )
    assert "gipparse.export.records" in modules
    assert [m for m in modules if m.startswith(("concurrent", "logging"))] == []
    # The time budget is kept where the file is read: one file needs no batch machinery,
    # nor the catalogue of diagnostic codes.
    assert "gipparse.export.inputs" in modules
    assert "gipparse.export.batch" not in modules
    assert "gipparse.export.forked" not in modules
    assert "gipparse.checks.catalogue" not in modules
    # A report read in full by its tables does not need the flattened reading.
    assert "gipparse.templates.flat" not in modules
    # Nor CSV output the writers of the file formats or the JSON encoding, nor records
    # without a float math.
    assert "gipparse.export.writers" not in modules
    assert "gipparse.export.serialize" not in modules
    # Nor, for a source that is text, what names the formats that are not.
    assert "gipparse.source.foreign" not in modules
    # Nor, for a report without a pipe in it, what reads pipe tables.
    assert "gipparse.tables.pipe" in modules
    assert "gipparse.tables.pipe_syntax" not in modules
    # Nor, for a source in UTF-8, what decodes the others and damaged ones.
    assert "gipparse.source.decode" in modules
    assert "gipparse.source.rescue" not in modules
    if "math" not in loaded_after("import gipparse"):
        assert "math" not in modules


def test_a_plugin_manager_builds_no_template() -> None:
    """Registering the built-in and the installed plugins (which import gipparse.plugin)
    imports none of the template engine: the first report read does."""
    modules = loaded_after(
        """
        import gipparse, gipparse.plugin
        gipparse.create_plugin_manager(entry_points=True)
        """
    )
    assert [m for m in modules if m.startswith("gipparse.templates.")] == [
        "gipparse.templates.builtin"
    ]
    assert "gipparse.source.formats" not in modules
    loaded = loaded_after(f"import gipparse; gipparse.load({SEED!r})")
    assert "gipparse.templates.engine" in loaded


def test_the_collector_is_paused_for_a_run_reading_one_report() -> None:
    """Run as the program, ``gipparse`` pauses the cyclic collector while it starts: a
    run reading one report reads it with the collector paused, a run reading more
    resumes it first; either leaves the collector as it found it, and a caller passing
    *argv* keeps its collector as it is."""
    code = """
        import gc, sys
        from gipparse import pipeline
        seen = []
        parse = pipeline._parse_document
        def spy(*args, **kwargs):
            seen.append(gc.isenabled())
            return parse(*args, **kwargs)
        pipeline._parse_document = spy
        from gipparse.cli import main
        argv = ["export", *sys.argv[1:], "-o", "/dev/null"]
        if sys.argv[1] == "--argv":
            assert main(argv[:1] + argv[2:]) == 0
        else:
            sys.argv = ["gipparse", *argv]
            assert main() == 0
        print(seen, gc.isenabled())
        """
    one, two = SEED, str(gipparse.sample_paths()[1])
    for paths, expected in (
        ([one], "[False] True"),
        ([one, two], "[True, True] True"),
        (["--argv", one], "[True] True"),
    ):
        result = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code), *paths],
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.strip() == expected
