"""Reports read on a Dask cluster: ``gipparse.dask.read_reports(paths)``.

The same table as :func:`gipparse.read_reports` (one row per report, the columns and
types of :func:`gipparse.to_dataframe`), as a lazy :class:`dask.dataframe.DataFrame`
whose partitions are read by the cluster's workers: on one machine with a
``LocalCluster``, or on many (a Slurm, Kubernetes or SSH cluster, a cloud service) that
share the files at the same paths. Write it with ``.to_parquet(folder)``, or compute
with it as with any Dask DataFrame::

    from dask.distributed import Client
    import gipparse

    client = Client(scheduler_address)  # or Client() for a LocalCluster
    frame = gipparse.dask.read_reports("/data/reports/**/*.txt")
    frame.to_parquet("/data/stats.parquet")

Dask is not a dependency of gipparse: ``pip install "gipparse[dask]"``. Every worker
needs gipparse (and the plugins used) installed.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import GipparseError
from .records import PathLike, iter_records, to_dataframe

#: Files read by one task, by default: a few seconds of work, so that scheduling a task
#: (about a millisecond) costs little beside it, and enough tasks to keep every worker busy.
FILES_PER_PARTITION = 200


def _dask_dataframe() -> Any:
    try:
        return importlib.import_module("dask.dataframe")
    except ImportError as exc:
        raise GipparseError(
            f'gipparse.dask needs dask with its DataFrame ({exc}): pip install "gipparse[dask]"'
        ) from None


def report_paths(
    paths: PathLike | Iterable[PathLike], *, plugins: Sequence[object] = ()
) -> list[str]:
    """The files *paths* name, as ``gipparse export`` finds them: files, folders walked
    for the suffixes gipparse and *plugins* read, glob patterns (``**`` crosses
    folders), in a stable order."""
    from ..manager import plugin_manager_for
    from .inputs import expand_patterns
    from .records import expand_paths, walked_suffixes

    names = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    suffixes = walked_suffixes(plugin_manager_for(plugins))
    return expand_paths(expand_patterns([os.fspath(n) for n in names]), suffixes)


def read_reports(
    paths: PathLike | Iterable[PathLike],
    *,
    plugins: Sequence[object] = (),
    max_size: int | None = None,
    files_per_partition: int = FILES_PER_PARTITION,
) -> Any:
    """A :class:`dask.dataframe.DataFrame` of the reports under *paths*, one row each,
    in the order :func:`report_paths` finds them; nothing is read until it is computed.

    :param paths: a file, folder or glob pattern, or several (see :func:`report_paths`).
        The files are listed here; the workers read them, so on a cluster of several
        machines they must see them at the same paths (relative paths are taken from
        this process's working folder).
    :param plugins: extra plugins, which the workers must be able to import.
    :param max_size: the largest file read, in bytes (see :func:`gipparse.load`).
    :param files_per_partition: files read by one task.
    :raises GipparseError: dask (with pandas) is not installed.

    A file that cannot be read is a row like any other, with ``valid`` false and its
    error in ``first_error``, as in :func:`gipparse.read_reports`.
    """
    dd = _dask_dataframe()
    if files_per_partition < 1:
        raise ValueError(f"files_per_partition must be 1 or more, not {files_per_partition}")
    found = report_paths(paths, plugins=plugins)
    chunks = [found[i : i + files_per_partition] for i in range(0, len(found), files_per_partition)]
    meta = to_dataframe([])
    if not chunks:
        return dd.from_pandas(meta, npartitions=1)
    return dd.from_map(
        read_partition,
        chunks,
        folder=os.getcwd(),
        plugins=tuple(plugins),
        max_size=max_size,
        meta=meta,
        label="gipparse-read-reports",
        enforce_metadata=False,
    )


def read_partition(
    paths: Sequence[str],
    folder: str = ".",
    plugins: Sequence[object] = (),
    max_size: int | None = None,
) -> Any:
    """The :class:`pandas.DataFrame` of *paths* (what one task of :func:`read_reports`
    computes): relative paths are read from *folder* and shown as given."""
    from .inputs import is_url

    full = [p if is_url(p) else os.path.join(folder, p) for p in paths]
    records = list(iter_records(full, plugins=plugins, max_size=max_size))
    for record, given in zip(records, paths, strict=True):
        record["path"] = given
    return to_dataframe(records)
