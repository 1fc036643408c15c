"""The sign-language page: the DGS video from ``gebaerdensprache`` in data/netzwerkstelle.yml,
shown through the film component, or an honest "in preparation" until one is configured."""
from __future__ import annotations

from collections.abc import Iterator

from .. import images
from ..film import video_fuer
from ..plan import Asset, Context, Page, part

NETZWERKSTELLE = "data/netzwerkstelle.yml"
ORDNER = "gebaerdensprache"


@part
def gebaerdensprache(ctx: Context) -> Iterator[Page | Asset]:
    video = video_fuer(ctx.daten, ctx.daten.netzwerkstelle.gebaerdensprache, ORDNER)
    yield Page(f"{ORDNER}/index.md", "gebaerdensprache.md.j2",
               {"video": video, "nw": ctx.daten.netzwerkstelle},
               source=NETZWERKSTELLE)
    if video is not None:
        yield from video.assets()
        if video.poster is not None:
            yield from images.dateien(video.poster, ctx.cache_dir)
