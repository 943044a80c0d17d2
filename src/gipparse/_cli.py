"""The ``gipparse`` command line (being extended: export, validate, parse, render)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    from . import __version__, load, sample_paths
    from ._errors import GipparseError

    parser = argparse.ArgumentParser(prog="gipparse")
    parser.add_argument("--version", action="version", version=f"gipparse {__version__}")
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--samples", action="store_true")
    args = parser.parse_args(argv)
    paths = [str(p) for p in sample_paths()] if args.samples else args.paths
    status = 0
    for path in paths:
        try:
            report = load(path)
        except GipparseError as exc:
            print(f"{path}: error: {exc}", file=sys.stderr)
            status = 1
            continue
        print(
            f"{path}: {len(report.sections)} sections, {len(report.tables)} tables, "
            f"{len(report.diagnostics)} diagnostics"
        )
    return status
