"""Photos of the social workers, the image film and its text version."""
from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

from .. import images
from ..film import video_fuer
from ..plan import Asset, Context, Page, part

NETZWERKSTELLE = "data/netzwerkstelle.yml"


@part
def fotos(ctx: Context) -> Iterator[Asset]:
    """Derivatives of every consented photo; a removed »foto:« leaves nothing behind in the site."""
    for f in ctx.daten.fachkraefte:
        bild = images.bild_fuer(ctx.daten, f)
        if isinstance(bild, images.Bild):
            yield from images.dateien(bild.auftrag, ctx.cache_dir)


@part
def film(ctx: Context) -> Iterator[Page | Asset]:
    """The film page with player and text version, the film's files and its poster."""
    nw = ctx.daten.netzwerkstelle
    video = video_fuer(ctx.daten, nw.film, "film")
    if video is None:
        return
    yield Page("film/index.md", "film.md.j2", {"video": video}, source=NETZWERKSTELLE)
    yield from video.assets()
    if video.poster is not None and video.modus == "selbst":  # the placeholder of an external film shows none
        yield from images.dateien(video.poster, ctx.cache_dir)
    if any(v is not None and v.modus == "extern" for v in (nw.film, nw.gebaerdensprache)):
        yield Asset(SKRIPT, source=Path(str(files("schulerfolg").joinpath("assets", "video-laden.js"))))


SKRIPT = "medien/video-laden.js"  # the two-click loader for external videos
