"""What the site consists of: pages rendered from templates, and files published as they are.

Only this stage knows ``Page`` and ``Asset``: the media and format stages hand it bytes and paths.
"""
from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schulerfolg.data.daten import Daten
from schulerfolg.findings.store import Befunde


@dataclass(frozen=True)
class Page:
    """A Markdown page rendered from a template, with everything the template shows in ``context``."""

    path: str  # inside docs/, e.g. "schulen/gs-ziebigk.md"
    template: str  # e.g. "schule.md.j2"
    context: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    source: str | None = None  # data file that feeds it, e.g. "data/schulen.yml" (for "Seite bearbeiten")
    rahmen: tuple[str, ...] = ()  # origins it may frame once the visitor consents: an external film's player (csp.py)

    @property
    def url(self) -> str:
        """Its address inside the site: ``schulen/gs-ziebigk.md`` → ``schulen/gs-ziebigk/``, ``index.md`` → ``""``."""
        return url_of(self.path)

    @property
    def basis(self) -> str:
        """The way from its address to the site's root (``../../``): links in a page are relative, so the site
        works under any address."""
        return "../" * self.url.count("/")


def url_of(path: str) -> str:
    """The address MkDocs gives the Markdown file ``path`` (directory URLs)."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


@dataclass(frozen=True)
class Recipe:
    """How a file is made after planning, and what decides its bytes: ``key`` names it in the build cache,
    so an unchanged file is taken from there instead of being made again."""

    folder: str  # the kind of file, a folder of the build cache: "bilder", "vcards", "kalender", "filme"
    key: tuple[str, ...]
    suffix: str
    make: Callable[[], bytes] = field(hash=False, compare=False)
    zaehler: Any = field(default=None, hash=False, compare=False)  # counts made and cached files (neu, zwischengespeichert)


@dataclass(frozen=True)
class Asset:
    """A file of the site: given bytes, a file published as it is, or one made by a recipe (``produce``)."""

    path: str  # inside the site, e.g. "kontakt/anna-beispiel.vcf"
    content: bytes | None = None
    source: Path | None = None
    recipe: Recipe | None = None


@dataclass
class Plan:
    pages: list[Page]
    assets: list[Asset]
    today: datetime.date


SITE_URL = "https://schulerfolg.dessau-rosslau.de/"  # mkdocs.yml's default; the hook passes the configured one


@dataclass(frozen=True)
class Context:
    """What every part of the site plans from: the data, the build date, and what is worked out once for all
    pages (each person's picture, each film)."""

    daten: Daten
    today: datetime.date
    befunde: Befunde = field(default_factory=lambda: Befunde(None))
    bilder: Mapping[str, Any] = field(default_factory=dict)  # Fachkraft.id → media.images.Bild or Initialen
    videos: Mapping[str, Any] = field(default_factory=dict)  # "film", "gebaerdensprache" → media.film.Video
    site_url: str = SITE_URL  # the site's address, for files read elsewhere (the news feed needs absolute links)
