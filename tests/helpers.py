"""Small helpers for tests that edit a copy of the data or plan a part of the site."""
from __future__ import annotations

import atexit
import datetime
import functools
import shutil
import tempfile
from pathlib import Path

from schulerfolg.buildcache import BuildCache
from schulerfolg.data.daten import Daten
from schulerfolg.findings.store import Befunde
from schulerfolg.load import load
from schulerfolg.problem import Problem
from schulerfolg.site import plan
from schulerfolg.site.pages import Context

TODAY = datetime.date(2026, 11, 21)  # the build date of the shared site (sitebuild.BUILD_EPOCH)


@functools.cache
def befunde() -> BuildCache:
    """The findings of this test process, as a build keeps them: a file is examined once for its bytes, not again
    for each copy of the data a test checks; a file a test changes has other bytes and is examined anew. The cache
    knows the examining code, not a value a test patches: such a test checks without it."""
    ordner = Path(tempfile.mkdtemp(prefix="schulerfolg-befunde-"))
    atexit.register(shutil.rmtree, ordner, True)
    return BuildCache(ordner)


def problems(root: Path, today: datetime.date = TODAY, cache: bool = True) -> list[str]:
    """Every problem of the data in ``root`` as the terminal prints it (``cache``: see ``befunde``)."""
    return [str(p) for p in load(root, today, befunde() if cache else None).problems]


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def film_extern(data: Path, url: str) -> None:
    """The sample film in ``data`` moved to a video platform (``modus: extern``) at ``url``."""
    replace(data / "netzwerkstelle.yml", "  modus: selbst\n  datei: film/imagefilm.mp4\n", f"  modus: extern\n  url: {url}\n")


def line_of(path: Path, needle: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in {path}")


def only(found: list[Problem | str]) -> str:
    assert len(found) == 1, found
    return str(found[0])


def kontext(daten: Daten, today: datetime.date = TODAY, befunde: Befunde | None = None) -> Context:
    """What a part of the site plans from, worked out as the plan does (each person's picture, each film)."""
    return plan.kontext(daten, today, befunde or Befunde(None))
