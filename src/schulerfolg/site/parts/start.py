"""The start page: what the office does for whom, and where each group goes next."""
from __future__ import annotations

from collections.abc import Iterator

from schulerfolg.data.fristen import stand

from ..pages import Context, Page
from . import aktuelles
from .plus import kalender_pfade

NETZWERKSTELLE = "data/netzwerkstelle.yml"


def start(ctx: Context) -> Iterator[Page]:
    fristen = stand(ctx.daten.plus.fristen, ctx.today)
    yield Page("index.md", "start.md.j2", {
        "nw": ctx.daten.netzwerkstelle, "video": ctx.videos.get("film"), "plus": ctx.daten.plus,
        "stand": fristen, "kalender": kalender_pfade(fristen), **aktuelles.start_kontext(ctx)}, source=NETZWERKSTELLE)
