"""What the site consists of, planned from the data: every page and every file, as a plain list.

``plan(daten)`` is the single source for the MkDocs hook and ``python -m schulerfolg generate``: neither adds a
page of its own. It is pure: it describes what to publish and writes nothing; files that must be made first
(photo variants, contact cards, calendars, films without metadata) carry a recipe that ``produce`` follows.
Each part of the site contributes through one function in ``PARTS``, in this order.
"""
from __future__ import annotations

import datetime

from schulerfolg.data.buildinfo import build_date
from schulerfolg.data.daten import Daten
from schulerfolg.data.quiet import quiet
from schulerfolg.findings.store import Befunde
from schulerfolg.media import images
from schulerfolg.media.film import video

from .pages import SITE_URL, Asset, Context, Page, Plan
from .parts import (
    aktuelles,
    elternratgeber,
    gebaerdensprache,
    media,
    netzwerkstelle,
    plakate,
    plus,
    recht,
    redaktion,
    schulen,
    schulsozialarbeit,
    start,
    traeger,
    zahlen,
)

PARTS = (
    start.start, schulsozialarbeit.fachkraefte, schulen.schulen, traeger.traeger, netzwerkstelle.netzwerkstelle,
    schulsozialarbeit.visitenkarten, recht.recht, gebaerdensprache.gebaerdensprache, elternratgeber.elternratgeber,
    media.fotos, media.film, plus.plus, redaktion.feldreferenz, redaktion.web_editor, aktuelles.aktuelles,
    aktuelles.termine, zahlen.zahlen_seite, plakate.plakate,
)


def plan(daten: Daten, today: datetime.date | None = None, befunde: Befunde | None = None,
         site_url: str | None = None) -> Plan:
    """Every page and file of the site. ``befunde``: what earlier builds found out about the referenced files
    (a photo's size, the film's length), so that unchanged files are not examined again."""
    with quiet():  # Pillow, pypdf & co. say nothing in English on the way (quiet.py)
        ctx = kontext(daten, today or build_date(), befunde or Befunde(None), site_url)
        pages: list[Page] = []
        assets: list[Asset] = []
        for part in PARTS:
            for item in part(ctx):
                (pages if isinstance(item, Page) else assets).append(item)
    _refuse_clashes([p.path for p in pages] + [a.path for a in assets])
    return Plan(pages, assets, ctx.today)


def kontext(daten: Daten, today: datetime.date, befunde: Befunde, site_url: str | None = None) -> Context:
    """What the parts share, worked out once: each person's picture (a panel appears on up to four pages)
    and each film (the start page, its page and its files)."""
    nw = daten.netzwerkstelle
    bilder = {fachkraft.id: images.bild(fachkraft, daten.data_dir, befunde) for fachkraft in daten.fachkraefte}
    videos = {"film": video(nw.film, "film", daten.data_dir, befunde, standbild=True),
              "gebaerdensprache": video(nw.gebaerdensprache, "gebaerdensprache", daten.data_dir, befunde)}
    return Context(daten, today, befunde, bilder, {k: v for k, v in videos.items() if v is not None},
                   site_url=(site_url or SITE_URL).rstrip("/") + "/")


def _refuse_clashes(paths: list[str]) -> None:
    seen: set[str] = set()
    for p in paths:
        if p in seen:
            raise RuntimeError(f"Two parts of the site plan the same file: {p}")
        seen.add(p)
