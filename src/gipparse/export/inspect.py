"""One pass over the files of ``gipparse validate --corpus`` or ``--html``: each file's
record, and what the checks between reports and the validation page need of its report,
made where the report is (a worker process, with ``--jobs``), so that only plain data
travels back.

With ``--jobs``, the files are read by the workers of ``export``
(:func:`gipparse.export.batch.parallel_items`), with its guarantees (see
:mod:`gipparse.export.batch`): a file that overruns the time budget, or whose worker dies,
gets its error record (``report.timeout``, ``report.worker-died``) and its section of
unreadable files on the page, and the others are read as with one process."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..checks.corpus import Finding, facts_of
from ..checks.prose import check_prose

#: What :func:`inspect_paths` gives for one file: its record (diagnostics with columns),
#: its facts (``None`` when not asked for or not read), its prose findings, and its section
#: of the validation page (``None`` when not asked for).
Inspected = tuple[dict[str, Any], "dict[str, Any] | None", list[Finding], "str | None"]


def _unreadable(number: int, path: str, exc: BaseException, html: bool) -> Inspected:
    from .records import _folder_error, error_record

    record = error_record(path, _folder_error(path) or exc, columns=True)
    section = None
    if html:
        from .htmlpage import unreadable_section

        section = unreadable_section(record, number)
    return record, None, [], section


def _inspect(
    item: tuple[int, str],
    plugins: Sequence[object] = (),
    *,
    max_size: int | None,
    corpus: bool,
    html: bool,
    timeout: float | None = None,
) -> Inspected:
    """What :data:`Inspected` says of the *number*-th file, *path* (``item``), read
    within *timeout* seconds (see :func:`gipparse.export.inputs.within_budget`)."""
    from .inputs import within_budget

    number, path = item

    def read() -> Inspected:
        nonlocal path
        from .inputs import input_name, read_input
        from .records import to_record

        name, path = path, input_name(path)
        try:
            report = read_input(name, plugins, max_size)
        except Exception as exc:
            return _unreadable(number, path, exc, html)
        record = to_record(report, columns=True)
        facts = facts_of(report) if corpus else None
        findings = check_prose(report) if corpus else []
        section = None
        if html:
            from .htmlpage import report_section

            section = report_section(report, record, number)
        return record, facts, findings, section

    def failed(exc: BaseException) -> Inspected:
        return _unreadable(number, path, exc, html)

    inspected: Inspected = within_budget(path, read, failed, timeout)
    return inspected


def _died(
    item: tuple[int, str], signum: int | None, html: bool, timeout: float | None
) -> Inspected:
    from .batch import worker_lost

    number, path = item
    return _unreadable(number, path, worker_lost(path, signum, timeout), html)


def inspect_paths(
    paths: Sequence[str],
    *,
    jobs: int = 1,
    max_size: int | None = None,
    corpus: bool = False,
    html: bool = False,
    timeout: float | None = None,
    plugins: Sequence[object] = (),
) -> Iterator[Inspected]:
    """For each of *paths* in order, what :data:`Inspected` says; in *jobs* processes, a
    file taking longer than *timeout* seconds to read (``None`` or ``0``: no limit) and
    a file whose worker process dies each giving its error record. *plugins* are used
    beside the registered ones (as by :func:`gipparse.load`)."""
    from functools import partial

    from .batch import parallel_items
    from .inputs import check_limits, check_timeout, resolve_jobs

    timeout = check_timeout(timeout)
    check_limits(max_size)
    read = partial(_inspect, max_size=max_size, corpus=corpus, html=html, timeout=timeout)
    items = list(enumerate(paths, 1))
    jobs = resolve_jobs(jobs)
    if jobs == 1 or len(paths) <= 1 or "-" in paths:
        # Standard input is read here: a worker process has none.
        for item in items:
            yield read(item, plugins)
        return
    if html:  # built here once, so that workers forked from this process have it
        from . import htmlpage  # noqa: F401
    yield from parallel_items(
        items,
        min(jobs, len(paths)),
        plugins=plugins,
        read=read,
        died=partial(_died, html=html, timeout=timeout),
    )
