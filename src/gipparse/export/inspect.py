"""One pass over the files of ``gipparse validate --corpus`` or ``--html``: each file's
record, and what the checks between reports and the validation page need of its report,
made where the report is (a worker process, with ``--jobs``), so that only plain data
travels back."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..checks.corpus import Finding, facts_of
from ..checks.prose import check_prose

#: What :func:`inspect_paths` gives for one file: its record (diagnostics with columns),
#: its facts (``None`` when not asked for or not read), its prose findings, and its section
#: of the validation page (``None`` when not asked for).
Inspected = tuple[dict[str, Any], "dict[str, Any] | None", list[Finding], "str | None"]


def _inspect(item: tuple[int, str], max_size: int | None, corpus: bool, html: bool) -> Inspected:
    from ..pipeline import load, loads
    from .inputs import STDIN, STDIN_PATH, input_error
    from .records import _folder_error, error_record, to_record

    number, path = item
    try:
        if path == STDIN:
            import sys

            path = STDIN_PATH
            report = loads(sys.stdin.buffer.read(), path=path, max_size=max_size)
        else:
            error = input_error(path)
            if error is not None:
                raise error
            report = load(path, max_size=max_size)
    except Exception as exc:
        record = error_record(path, _folder_error(path) or exc, columns=True)
        section = None
        if html:
            from .htmlpage import unreadable_section

            section = unreadable_section(record, number)
        return record, None, [], section
    record = to_record(report, columns=True)
    facts = facts_of(report) if corpus else None
    findings = check_prose(report) if corpus else []
    section = None
    if html:
        from .htmlpage import report_section

        section = report_section(report, record, number)
    return record, facts, findings, section


def inspect_paths(
    paths: Sequence[str],
    *,
    jobs: int = 1,
    max_size: int | None = None,
    corpus: bool = False,
    html: bool = False,
) -> Iterator[Inspected]:
    """For each of *paths* in order, what :data:`Inspected` says; in *jobs* processes."""
    from functools import partial

    from .records import _mp_context, resolve_jobs

    work = partial(_inspect, max_size=max_size, corpus=corpus, html=html)
    items = list(enumerate(paths, 1))
    jobs = resolve_jobs(jobs)
    if jobs == 1 or len(paths) <= 1 or "-" in paths:
        yield from map(work, items)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(jobs, len(paths)), mp_context=_mp_context()) as pool:
        yield from pool.map(work, items, chunksize=8)
