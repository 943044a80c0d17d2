"""Peak memory per hostile shape, and how a batch fares with hostile files: a benchmark,
not a test.

Part 1 reads each shape in a fresh process and prints the peak resident memory it took
over the size of the source (the *multiple*), with the bound the reader estimated before
reading (``gipparse.source.budget``; a source whose bound is over the memory budget is refused
with InputTooLargeError instead of being read). ``peak/bound`` must stay under 1.

Part 2 runs ``gipparse export --jobs 2`` over a corpus of good reports mixed with hostile
files (a FIFO, a file that stalls the reader, a file whose worker is killed, a file that
exits its worker, a file far over the memory budget) and prints what was written.

    python fuzz/memory.py               # both parts, sources of about 1 MB
    python fuzz/memory.py --size 4      # sources of about 4 MB
    python fuzz/memory.py --part 1
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

# What each shape is made of, repeated to the size asked: (reader, unit).
TEXT_SHAPES = {
    "line ends": "a\n",
    "blank lines": "\n",
    "CRs": "a\r",
    "tab cells": "\t1\n",
    "tabs on one line": "\t",
    "pipes on one line": "|",
    "pipe cells": "| a ",
    "pipe rows": "| 1 | 2 |\n",
    "tabs and pipes": "\t|",
    "CJK text": "收到和处理政府信息公开申请情况",
    "headings": "一、总体情况\n",
    "numbers without tabs": "\t1\n2\n",
}
HTML_SHAPES = {
    "stray <": "<",
    "paragraphs": "<p>a",
    "cells": "<td>1",
    "rows": "<tr><td>1",
    "line breaks": "<br>a",
    "report text": "<p>收到和处理政府信息公开申请情况",
}
DOCX_SHAPES = {
    "empty paragraphs": "<w:p/>",
    "text paragraphs": "<w:p><w:r><w:t>" + "字" * 50 + "</w:t></w:r></w:p>",
    "empty cells": "<w:tbl><w:tr>" + "<w:tc><w:p/></w:tc>" * 50 + "</w:tr></w:tbl>",
}

_MEASURE = textwrap.dedent(
    """
    import io, json, resource, sys, zipfile
    import gipparse
    from gipparse.source.budget import text_memory
    kind, unit, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
    gipparse.loads("warm up\\n")
    if kind == "docx":
        import docx
        from gipparse_docx import _reader
        d = docx.Document(); out = io.BytesIO(); d.save(out)
        ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        body = (unit * (size // len(unit.encode()) + 1)).encode()
        xml = b'<w:document ' + ns.encode() + b'><w:body>' + body + b'</w:body></w:document>'
        buf = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(out.getvalue())) as s, zipfile.ZipFile(buf, "w", 8) as t:
            for item in s.infolist():
                name = item.filename
                t.writestr(name, xml if name == "word/document.xml" else s.read(item))
        data, path, measured = buf.getvalue(), "x.docx", len(xml)
        bound = _reader.XML_PER_BYTE * len(xml)
    else:
        text = unit * (size // len(unit.encode()) + 1)
        prefix = "<html><body>" if kind == "html" else ""
        data = (prefix + text).encode()
        path, measured = ("x.html" if kind == "html" else "x.txt"), len(data)
        if kind == "html":
            from gipparse_html import memory_bound
            bound = memory_bound(data)
        else:
            bound = text_memory(data)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    start = __import__("time").perf_counter()
    try:
        gipparse.loads(data, path=path)
        outcome = "read"
    except gipparse.InputTooLargeError:
        outcome = "refused: over budget"
    except gipparse.GipparseError as exc:
        outcome = "refused: " + type(exc).__name__
    seconds = __import__("time").perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - base
    print(json.dumps({"file": len(data), "measured": measured, "peak": peak,
                      "bound": bound, "seconds": seconds, "outcome": outcome}))
    """
)


def measure(kind: str, unit: str, size: int) -> dict[str, object]:
    env = dict(os.environ, GIPPARSE_MAX_MEMORY="0")  # measure past the budget
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, kind, unit, str(size)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=1800,
    )
    if result.returncode != 0:
        return {"error": result.stderr.strip().splitlines()[-1:]}
    data: dict[str, object] = json.loads(result.stdout)
    return data


def part1(size: int) -> None:
    print(
        f"{'reader':6} {'shape':22} {'file':>9} {'peak':>9} {'multiple':>9} {'bound':>9} "
        f"{'peak/bound':>10} {'time':>7}"
    )
    shapes = [("text", TEXT_SHAPES), ("html", HTML_SHAPES), ("docx", DOCX_SHAPES)]
    for kind, table in shapes:
        for name, unit in table.items():
            m = measure(kind, unit, size)
            if "error" in m:
                print(f"{kind:6} {name:22} error: {m['error']}")
                continue
            peak, bound, measured = int(m["peak"]), int(m["bound"]), int(m["measured"])  # type: ignore[call-overload]
            print(
                f"{kind:6} {name:22} {int(m['file']) / 1e6:8.2f}M {peak / 1e6:8.1f}M "  # type: ignore[call-overload]
                f"{peak / measured:8.1f}x {bound / 1e6:8.1f}M {peak / bound:10.2f} "
                f"{float(m['seconds']):6.1f}s"  # type: ignore[arg-type]
            )
    print("multiple: peak resident memory over the size of the source (DOCX: of its XML)")


_PLUGIN = textwrap.dedent(
    """
    import os, signal, time
    from gipparse import hookimpl

    @hookimpl(tryfirst=True)
    def gipparse_read_source(path, data):
        if data.startswith(b"KILL"):
            os.kill(os.getpid(), signal.SIGKILL)
        if data.startswith(b"EXIT"):
            os._exit(139)
        if data.startswith(b"SLEEP"):
            time.sleep(3600)
        return None
    """
)


def part2(reports: int) -> None:
    import gipparse

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        site = root / "site"
        info = site / "hostile-1.0.dist-info"
        info.mkdir(parents=True)
        (site / "hostile_plugin.py").write_text(_PLUGIN, encoding="utf-8")
        (info / "METADATA").write_text("Metadata-Version: 2.1\nName: hostile\nVersion: 1.0\n")
        (info / "entry_points.txt").write_text("[gipparse]\nhostile = hostile_plugin\n")
        corpus = root / "corpus"
        corpus.mkdir()
        seeds = gipparse.sample_paths()
        for i in range(reports):
            shutil.copy(seeds[i % len(seeds)], corpus / f"{i:05d}.txt")
        hostile = {
            "KILL": b"KILL",
            "EXIT": b"EXIT",
            "SLEEP": b"SLEEP",
            "pipes": b"|" * (16 * 1024 * 1024),
        }
        for n, (name, data) in enumerate(hostile.items()):
            (corpus / f"{(n + 1) * reports // 5:05d}-{name}.txt").write_bytes(data)
        if hasattr(os, "mkfifo"):
            os.mkfifo(corpus / f"{reports // 2:05d}-fifo.txt")
        env = dict(os.environ, PYTHONPATH=str(site))
        env.pop("GIPPARSE_DISABLE_PLUGIN_AUTOLOAD", None)
        start = time.perf_counter()
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "gipparse",
                "export",
                str(corpus),
                "-j",
                "2",
                "--timeout",
                "5",
                "-f",
                "jsonl",
            ],
            capture_output=True,
            env=env,
            check=False,
            timeout=3600,
        )
        seconds = time.perf_counter() - start
        records = [json.loads(line) for line in result.stdout.splitlines()]
        files = len(os.listdir(corpus))
        codes: dict[str, int] = {}
        for r in records:
            for d in r["diagnostics"]:
                if d["severity"] == "error" and d["line"] is None:
                    codes[d["code"]] = codes.get(d["code"], 0) + 1
        print(
            f"batch: {files} files ({reports} reports, {files - reports} hostile), "
            f"--jobs 2 --timeout 5: exit {result.returncode} in {seconds:.1f} s"
        )
        print(
            f"  records written: {len(records)} of {files}, in input order: "
            f"{[r['path'] for r in records] == sorted(r['path'] for r in records)}"
        )
        print(f"  valid reports: {sum(r['valid'] for r in records)} of {reports}")
        for code, n in sorted(codes.items()):
            print(f"  {code}: {n}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=1.0, help="MB per source (default 1)")
    parser.add_argument("--reports", type=int, default=500, help="good reports in the batch")
    parser.add_argument("--part", type=int, choices=(1, 2))
    args = parser.parse_args(argv)
    if args.part in (None, 1):
        part1(int(args.size * 1e6))
    if args.part in (None, 2):
        part2(args.reports)
    return 0


if __name__ == "__main__":
    sys.exit(main())
