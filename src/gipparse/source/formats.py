"""The source formats gipparse can read now, and what each other one needs.

Reader plugins built on :class:`~gipparse.plugin.ReaderPlugin` tell their format
(``name``), suffixes, distribution and what they lack (``missing()``). For the reader
plugins published with gipparse that are not installed, the registry
:data:`gipparse.source.foreign.READERS` names the distribution to install.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from .foreign import READERS
from .plugin import ReaderPlugin
from .reader import SUFFIXES as TEXT_SUFFIXES

if TYPE_CHECKING:
    from ..manager import PluginManager


def _lower_tuple(suffixes: Iterable[str]) -> tuple[str, ...]:
    return tuple(s.lower() for s in suffixes)


@attrs.frozen
class SourceFormat:
    """A source format, and whether it can be read now.

    >>> SourceFormat("ofd", (".ofd",), "gipparse-ofd").readable
    True
    """

    #: The format's name (``SourceDocument.format``): ``"docx"``.
    name: str
    #: The file suffixes it comes under, lowercase with the dot.
    suffixes: tuple[str, ...] = attrs.field(converter=_lower_tuple)
    #: What reads it: a distribution (``"gipparse-docx"``; ``"gipparse"`` for the
    #: built-in reader), or the name of the registered plugin.
    plugin: str
    #: ``None`` when it can be read now; else what it needs, worded to follow "needs".
    missing: str | None = None

    @property
    def readable(self) -> bool:
        return self.missing is None


def source_formats(manager: PluginManager) -> list[SourceFormat]:
    """The formats *manager*'s readers read (text first, then the reader plugins in
    registration order), then each format of :data:`READERS` that none of them reads,
    marked as needing its distribution."""
    found = [SourceFormat("text", TEXT_SUFFIXES, "gipparse")]
    for name, plugin in manager.pluggy.list_name_plugin():
        if isinstance(plugin, ReaderPlugin):
            known = READERS.get(plugin.name)
            distribution = plugin.distribution or (known.distribution if known else name)
            found.append(SourceFormat(plugin.name, plugin.suffixes, distribution, plugin.missing()))
    covered = {s for f in found for s in f.suffixes}
    claims = _suffix_claims(manager)
    for name, known in READERS.items():
        if covered.issuperset(known.suffixes):
            continue
        readers = sorted({claims[s] for s in known.suffixes if s in claims})
        if readers:
            # Read by a plugin that names the suffixes but is no ReaderPlugin.
            found.append(SourceFormat(name, known.suffixes, ", ".join(readers)))
        else:
            needs = f"the {known.distribution} plugin (pip install {known.distribution})"
            found.append(SourceFormat(name, known.suffixes, known.distribution, needs))
    return found


def _suffix_claims(manager: PluginManager) -> dict[str, str]:
    """Suffix -> the name of a registered plugin whose ``gipparse_source_suffixes`` names
    it."""
    claims: dict[str, str] = {}
    for impl in manager.pluggy.hook.gipparse_source_suffixes.get_hookimpls():
        for suffix in manager._call(impl.function) or ():
            claims.setdefault(str(suffix).lower(), impl.plugin_name)
    return claims
