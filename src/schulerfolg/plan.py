"""What the site consists of: a plain list of pages and files, planned from the data.

``plan(daten)`` is the single source for both the MkDocs hook and
``python -m schulerfolg generate DIR``: neither adds a page of its own.
Each part of the site contributes through a function in ``PARTS``.
"""
from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .buildinfo import build_date
from .daten import Daten
from .leise import gedaempft


@dataclass(frozen=True)
class Page:
    """A Markdown page rendered from a template."""

    path: str  # inside docs/, e.g. "schulen/gs-ziebigk.md"
    template: str  # e.g. "schule.md.j2"
    context: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    source: str | None = None  # data file that feeds it, e.g. "data/schulen.yml" (for "Seite bearbeiten")
    rahmen: tuple[str, ...] = ()  # origins it may frame once the visitor consents: an external film's player (csp.py)

    @property
    def url(self) -> str:
        """Its address inside the site: ``schulen/gs-ziebigk.md`` → ``schulen/gs-ziebigk/``, ``index.md`` → ``""``."""
        return url_von(self.path)

    @property
    def site_root(self) -> str:
        """The way from its address to the site root (``../../``): links in a page are relative, so the site
        works under any address."""
        return "../" * self.url.count("/")


def url_von(path: str) -> str:
    """The address MkDocs gives the Markdown file ``path`` (directory URLs)."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem
    return stem + "/"


@dataclass(frozen=True)
class Asset:
    """A file published as it is: given bytes, or a copy of a file."""

    path: str  # inside the site, e.g. "kontakt/anna-beispiel.vcf"
    content: bytes | None = None
    source: Path | None = None

    @property
    def groesse(self) -> int:
        """Size in bytes."""
        return len(self.content) if self.content is not None else self.source.stat().st_size


@dataclass
class Plan:
    pages: list[Page]
    assets: list[Asset]
    today: datetime.date


@dataclass(frozen=True)
class Context:
    daten: Daten
    today: datetime.date
    cache_dir: Path | None = None  # where derived images (and vCards, in vcards/) are kept between builds


Part = Callable[[Context], Iterable[Page | Asset]]
PARTS: list[Part] = []


def part(fn: Part) -> Part:
    """Register a part of the site (decorator)."""
    PARTS.append(fn)
    return fn


def plan(daten: Daten, today: datetime.date | None = None, cache_dir: Path | None = None) -> Plan:
    from . import parts  # noqa: F401  (registers every part)

    ctx = Context(daten, today or build_date(), cache_dir)
    pages: list[Page] = []
    assets: list[Asset] = []
    with gedaempft():  # Pillow, pypdf & co. say nothing in English on the way (leise.py)
        for fn in PARTS:
            for item in fn(ctx):
                (pages if isinstance(item, Page) else assets).append(item)
    _refuse_clashes([p.path for p in pages] + [a.path for a in assets])
    daten.befunde.speichern()  # with what planning found out: the photos' sizes, the film's length …
    return Plan(pages, assets, ctx.today)


def _refuse_clashes(paths: list[str]) -> None:
    seen: set[str] = set()
    for p in paths:
        if p in seen:
            raise RuntimeError(f"Two parts of the site plan the same file: {p}")
        seen.add(p)
