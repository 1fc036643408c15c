"""Photos of the social workers, the image film and its text version."""
from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

from schulerfolg.formats.csp import frame_sources
from schulerfolg.media import film_copy, images
from schulerfolg.media.film import Video

from ..pages import Asset, Context, Page, Recipe

NETZWERKSTELLE = "data/netzwerkstelle.yml"
SKRIPT = "medien/video-laden.js"  # the two-click loader for external videos


def fotos(ctx: Context) -> Iterator[Asset]:
    """Derivatives of every consented photo; a removed »foto:« leaves nothing behind in the site."""
    for fachkraft in ctx.daten.fachkraefte:
        bild = ctx.bilder[fachkraft.id]
        if isinstance(bild, images.Bild):
            yield from varianten(bild.auftrag)


def film(ctx: Context) -> Iterator[Page | Asset]:
    """The film page with player and text version, the film's files and its poster."""
    nw = ctx.daten.netzwerkstelle
    video = ctx.videos.get("film")
    if video is None:
        return
    yield Page("film/index.md", "film.md.j2", {"video": video}, source=NETZWERKSTELLE, rahmen=frame_sources(video))
    yield from video_dateien(video)
    if any(v is not None and v.modus == "extern" for v in (nw.film, nw.gebaerdensprache)):
        yield Asset(SKRIPT, source=Path(str(files("schulerfolg").joinpath("assets", "video-laden.js"))))


def video_dateien(video: Video) -> Iterator[Asset]:
    """A self-hosted film's files: the videos as copies without metadata, the tracks as they are, the poster's
    derivatives. An external film has none (its placeholder shows no poster)."""
    if video.modus != "selbst":
        return
    for art, datei in (("mp4", video.mp4), ("webm", video.webm)):
        if datei is not None:
            yield Asset(datei.pfad, recipe=Recipe("filme", (film_copy.fingerprint(), datei.inhalt), art,
                                                  lambda d=datei, a=art: film_copy.without_metadata(d.quelle, a)))
    for datei in (video.untertitel, video.kapitel_datei, video.bildbeschreibung):
        if datei is not None:
            yield Asset(datei.pfad, source=datei.quelle)
    if video.poster is not None:
        yield from varianten(video.poster)


def varianten(auftrag: images.Auftrag) -> Iterator[Asset]:
    """The derivatives of one photo, encoded only when the build cache lacks them."""
    for v in auftrag.varianten:
        yield Asset(v.pfad, recipe=Recipe("bilder", (auftrag.schluessel, v.pfad), v.pfad.rsplit(".", 1)[1],
                                          lambda v=v: images.encode(auftrag)[v.pfad], zaehler=images.zaehler))
