"""The sign-language page: the DGS video from ``gebaerdensprache`` in data/netzwerkstelle.yml,
shown through the film component, or an honest "in preparation" until one is configured."""
from __future__ import annotations

from collections.abc import Iterator

from schulerfolg.formats.csp import frame_sources

from ..pages import Asset, Context, Page
from .media import video_dateien

NETZWERKSTELLE = "data/netzwerkstelle.yml"
ORDNER = "gebaerdensprache"


def gebaerdensprache(ctx: Context) -> Iterator[Page | Asset]:
    video = ctx.videos.get(ORDNER)
    yield Page(f"{ORDNER}/index.md", "gebaerdensprache.md.j2", {"video": video, "nw": ctx.daten.netzwerkstelle},
               source=NETZWERKSTELLE, rahmen=frame_sources(video))
    if video is not None:
        yield from video_dateien(video)
