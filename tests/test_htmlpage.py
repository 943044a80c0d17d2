"""The validation page of ``gipparse validate --html``: what it marks, and how a real browser
draws it (Chromium, headless; skipped where it is not installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

import gipparse

SEEDS = gipparse.sample_paths()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def damaged(tmp: Path) -> Path:
    """A folder with seed 000, and seed 000 with three changes: 一、本年新收 for natural
    persons 5 instead of 0 (two relations fail), a blank cell read as 0, and a cell that
    cannot be read (规章 · 本年新公开数量: ``abc``); and a PNG image saved as .txt."""
    root = tmp / "reports"
    root.mkdir()
    shutil.copy(SEEDS[0], root / "a.txt")
    report = gipparse.load(SEEDS[0])
    sources = report.statistics.sources
    lines = SEEDS[0].read_text(encoding="utf-8").split("\n")
    changes = {
        "applications.new.natural_person": "\t5",
        "applications.withheld.state_secret.natural_person": "\t",
        "active.rules.published": "\tabc",
    }
    for key, text in changes.items():
        line = sources[key].span.line
        assert lines[line - 1].strip() == "0", key
        lines[line - 1] = text
    (root / "b.txt").write_text("\n".join(lines), encoding="utf-8")
    (root / "c.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return root


class Cells(HTMLParser):
    """The ``td`` elements of a page with a class, by class: ``(section, data-key)``."""

    def __init__(self) -> None:
        super().__init__()
        self.section = ""
        self.found: dict[str, list[tuple[str, str]]] = {}
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.body: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "section":
            self.section = str(a.get("data-path"))
        elif tag == "td" and a.get("class") and a["class"] != "pad":
            self.found.setdefault(str(a["class"]), []).append(
                (Path(self.section).name, str(a.get("data-key")))
            )
        elif tag == "a" and str(a.get("href", "")).startswith("#"):
            self.links.append(str(a["href"])[1:])
        elif tag == "body":
            self.body = a


def cells(html: str) -> Cells:
    parser = Cells()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("validation-page")
    folder = damaged(root)
    out = root / "page.html"
    result = subprocess.run(
        [sys.executable, "-m", "gipparse", "validate", folder, "--html", out],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1  # b.txt fails relations, c.txt is unreadable
    assert f"validation page written to {out}".encode() in result.stderr
    return out


def test_the_page_marks_failing_blank_and_unread_cells(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    found = cells(html)
    # In a.txt nothing is marked; in b.txt the cells of the two failing relations: the row
    # 一、本年新收 (its six applicants and total) and the column 自然人 of the balance.
    assert {s for s, _ in found.found["fail"]} == {"b.txt"}
    failing = {k for _, k in found.found["fail"]}
    assert failing == {
        *(
            f"applications.new.{c}"
            for c in (
                "natural_person",
                "commercial",
                "research",
                "nonprofit",
                "legal_services",
                "other_org",
                "total",
            )
        ),
        "applications.carried_over.natural_person",
        "applications.total.natural_person",
        "applications.carried_forward.natural_person",
    }
    assert found.found["blank-zero"] == [
        ("b.txt", "applications.withheld.state_secret.natural_person")
    ]
    assert found.found["unread"] == [("b.txt", "active.rules.published")]
    # Every value cell of the two reports (198 keys each) is drawn.
    drawn = [k for kind in found.found.values() for k in kind]
    assert sum(1 for s, _ in drawn if s == "a.txt") == 198
    # Each cell links to a line of its report's source listing, and every link resolves.
    assert found.links
    assert set(found.links) <= found.ids
    assert "r2-L108" in found.links  # 一、本年新收 · 自然人, at line 108 of b.txt
    assert 'id="r2-L108">  108  \t5</span>' in html
    # The image is a grey section saying why.
    assert re.search(r'class="unreadable"[^>]*>.*this looks like a PNG image', html)
    # Self-contained: nothing fetched from elsewhere.
    assert not re.search(r'(src|href)="(?!#)', html)


@pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (Debian: apt install chromium)"
)
def test_a_headless_browser_draws_the_failing_cells_red(page: Path) -> None:
    assert CHROMIUM is not None
    flags = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--virtual-time-budget=5000",
    ]
    url = page.as_uri()
    dom = subprocess.run(
        [*flags, f"--user-data-dir={page.parent / 'profile-dom'}", "--dump-dom", url],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert dom.returncode == 0, dom.stderr.decode(errors="replace")[-2000:]
    drawn = cells(dom.stdout.decode("utf-8"))
    # The page's script counted what the browser rendered, and read back the colour.
    assert drawn.body["data-fail-cells"] == str(len(drawn.found["fail"])) == "10"
    assert drawn.body["data-blank-zero-cells"] == "1"
    assert drawn.body["data-unread-cells"] == "1"
    assert drawn.body["data-fail-colour"] == "rgb(242, 139, 130)"
    # A screenshot, kept beside the page (pytest's temporary folder) for people to look at.
    shot = page.parent / "validation-page.png"
    result = subprocess.run(
        [
            *flags,
            f"--user-data-dir={page.parent / 'profile-shot'}",
            "--window-size=1200,5000",
            f"--screenshot={shot}",
            url,
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 50_000  # a drawn page of tables, not a blank one (about 9 kB)
    print(f"screenshot: {shot}")
