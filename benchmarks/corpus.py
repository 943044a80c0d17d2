"""Generated report corpora, built with gipparse's own renderers.

Random statistics that satisfy every relation of their template are laid out as a report
(:func:`gipparse.report_from_statistics`), rendered with tab or pipe tables
(:func:`gipparse.render_report`) and, for the Traditional share, converted with opencc.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import gipparse

COLUMNS = ("natural_person", "commercial", "research", "nonprofit", "legal_services", "other_org")
AGENCIES = (
    "开封市鼓楼区应急管理局",
    "广州市越秀区应急管理局",
    "枣庄市台儿庄区应急管理局",
    "阜阳市生态环境局",
)


def random_statistics(template: str, rng: random.Random) -> gipparse.Statistics:
    """Statistics of *template* whose relations all hold."""
    keys = gipparse.schema_keys(template)
    flat: dict[str, int | Decimal] = {}
    for key in keys:
        if key.startswith("active."):
            field = key.rsplit(".", 1)[1]
            if field == "amount":
                flat[key] = Decimal(rng.randrange(0, 10**7)) / 100
            elif field == "change":
                flat[key] = rng.randrange(-20, 21)
            else:
                flat[key] = rng.randrange(0, 500)
    rows = sorted(
        {k.split(".", 1)[1].rsplit(".", 1)[0] for k in keys if k.startswith("applications.")}
    )
    derived = template == "2021"
    results = [
        r
        for r in rows
        if r not in ("new", "carried_over", "total", "carried_forward")
        and not (derived and r == "other_handling")
    ]
    for column in COLUMNS:
        for r in results:
            flat[f"applications.{r}.{column}"] = rng.choice((0, 0, 0, 1, 2, rng.randrange(0, 40)))
        total = sum(flat[f"applications.{r}.{column}"] for r in results)  # type: ignore[misc]
        if derived:
            flat[f"applications.other_handling.{column}"] = sum(
                flat[f"applications.other_handling.{s}.{column}"]  # type: ignore[misc]
                for s in ("no_correction", "unpaid_fee", "other")
            )
        flat[f"applications.total.{column}"] = total
        carried_forward = rng.randrange(0, 5)
        carried_over = rng.randrange(0, total + carried_forward + 1)
        flat[f"applications.carried_forward.{column}"] = carried_forward
        flat[f"applications.carried_over.{column}"] = carried_over
        flat[f"applications.new.{column}"] = total + carried_forward - carried_over
    for r in rows:
        flat[f"applications.{r}.total"] = sum(flat[f"applications.{r}.{c}"] for c in COLUMNS)  # type: ignore[misc]
    for group in ("review", "litigation_direct", "litigation_after_review"):
        parts = [rng.randrange(0, 6) for _ in range(4)]
        for outcome, value in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            flat[f"appeals.{group}.{outcome}"] = value
        flat[f"appeals.{group}.total"] = sum(parts)
    derived_keys = (
        frozenset(
            k for k in keys if k.startswith("applications.other_handling.") and k.count(".") == 2
        )
        if derived
        else frozenset()
    )
    return gipparse.Statistics.from_flat(template, flat, derived=derived_keys)


def report_text(template: str, table_format: str, script: str, rng: random.Random) -> str:
    year = int(template) if template == "2021" else 2020
    stats = random_statistics(template, rng)
    metadata = gipparse.Metadata(
        agency=rng.choice(AGENCIES),
        year=year,
        period=f"{year}-01-01/{year}-12-31",
    )
    report = gipparse.report_from_statistics(stats, metadata, table_format=table_format)
    text = gipparse.render_report(report, table_format)
    if script == "hant":
        text = to_traditional(text)
    return text


_S2T = None


def to_traditional(text: str) -> str:
    global _S2T  # noqa: PLW0603
    if _S2T is None:
        import opencc

        _S2T = opencc.OpenCC("s2t")
    return str(_S2T.convert(text))


KINDS = [
    (template, fmt, script)
    for template in ("2020", "2021")
    for fmt in ("tab", "pipe")
    for script in ("hans", "hant")
]


def corpus(count: int, seed: int = 2020) -> Iterator[tuple[str, str]]:
    """``(name, text)`` of *count* reports cycling through every template, format and script."""
    rng = random.Random(seed)
    for i in range(count):
        template, fmt, script = KINDS[i % len(KINDS)]
        yield f"{i:05d}_{template}_{fmt}_{script}.txt", report_text(template, fmt, script, rng)


def write_corpus(folder: Path, count: int, seed: int = 2020) -> list[Path]:
    """Write the corpus to *folder*, reusing one already written there for the same size
    and seed (converting to Traditional costs seconds)."""
    stamp = folder / f".corpus-{count}-{seed}-{gipparse.__version__}"
    if stamp.exists():
        return sorted(folder.glob("*.txt"))
    if folder.exists():
        for old in folder.glob("*.txt"):
            old.unlink()
        for old in folder.glob(".corpus-*"):
            old.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in corpus(count, seed):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    stamp.touch()
    return paths
