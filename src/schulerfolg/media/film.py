"""The image film (and any other video in the data): files, captions, chapters, transcript.

Self-hosted (``modus: selbst``): the video, its WebVTT tracks and a poster made by the
photo pipeline are published from ``data/``. External (``modus: extern``): nothing is
published and the page shows a two-click placeholder that loads the platform's player
only after the visitor asks for it. WebVTT is read with ``webvtt-py``, the length with mutagen;
both are imported only when a file is new: what they found is kept in befunde.json.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from schulerfolg.data.models import Film
from schulerfolg.data.plattform import Plattform, plattform
from schulerfolg.findings.store import Befunde
from schulerfolg.findings.video import mp4_duration, read_cues

from . import images

POSTER_BREITE = 960  # sharp on 2× phones; as WebP a title card is about 15 KB (JPEG: 35 KB)
VORSCHAU_BREITE = 480  # the still on the start page for 1× phones (partials/film-vorschau.html.j2)
BREITBILD = (16, 9)


@dataclass(frozen=True)
class Cue:
    start: float  # seconds
    ende: float
    text: str

    @property
    def zeit(self) -> str:
        """Start as m:ss (or h:mm:ss), for people."""
        return dauer_text(self.start)


@dataclass(frozen=True)
class Filmdatei:
    quelle: Path
    pfad: str  # inside the site
    groesse: int  # bytes
    inhalt: str | None = None  # a video's content hash: names its copy without metadata in the cache

    @property
    def groesse_text(self) -> str:
        return groesse_text(self.groesse)


@dataclass(frozen=True)
class Video:
    """Everything a template needs to show one film."""

    titel: str
    beschreibung: str | None
    modus: str
    ordner: str  # site folder, e.g. "film"; the transcript page is <ordner>/index.md
    mp4: Filmdatei | None
    webm: Filmdatei | None
    untertitel: Filmdatei | None
    kapitel_datei: Filmdatei | None
    bildbeschreibung: Filmdatei | None
    kapitel: tuple[Cue, ...]
    cues: tuple[Cue, ...]
    bilder: tuple[Cue, ...]  # what is seen, from »bildbeschreibung«
    poster: images.Auftrag | None
    dauer: float | None
    plattform: Plattform | None

    @property
    def poster_pfad(self) -> str | None:
        return self.poster.varianten[0].pfad if self.poster else None

    @property
    def dauer_text(self) -> str:
        return dauer_text(self.dauer or 0)

    @property
    def transkript(self) -> str:
        return f"{self.ordner}/"

    def abschnitte(self) -> list[tuple[Cue | None, list[tuple[str, Cue]]]]:
        """Transcript: what is said (»text«) and seen (»bild«) in time order, under the chapter it starts in."""
        alle = sorted([("bild", c) for c in self.bilder] + [("text", c) for c in self.cues],
                      key=lambda e: (e[1].start, e[0] == "text"))
        if not self.kapitel:
            return [(None, alle)]
        gruppen: list[tuple[Cue | None, list[tuple[str, Cue]]]] = [(k, []) for k in self.kapitel]
        vorspann: list[tuple[str, Cue]] = []
        for art, cue in alle:
            ziel = next((g for k, g in reversed(gruppen) if k and cue.start >= k.start - 0.001), vorspann)
            ziel.append((art, cue))
        return ([(None, vorspann)] if vorspann else []) + gruppen


def video(film: Film | None, ordner: str, data_dir: Path, befunde: Befunde, standbild: bool = False) -> Video | None:
    """Describe ``film`` for the pages and the files of the site; None when there is no film. ``standbild``:
    the start page shows a still of it too. Reading the video's length and tracks is the slow part: the
    site's plan describes each film once."""
    if film is None:
        return None

    def datei(rel: str | None, video: bool = False) -> Filmdatei | None:
        """A file under its own name, which the check has made sure fits an address and has an allowed ending."""
        if rel is None:
            return None
        quelle = data_dir / rel
        inhalt = befunde.content_hash(quelle) if video else None  # hashed once per build, for the check too
        return Filmdatei(quelle, f"{ordner}/{PurePosixPath(rel).name}", quelle.stat().st_size, inhalt)

    def cues(rel: str | None) -> tuple[Cue, ...]:
        return tuple(Cue(*c) for c in befunde.cached(read_cues, data_dir / rel)) if rel else ()

    selbst = film.modus == "selbst"
    mp4 = datei(film.datei, video=True) if selbst else None
    poster = None
    if film.poster:
        wuensche: tuple[tuple[int, str], ...] = ((POSTER_BREITE, "webp"),)
        if standbild:  # the start page shows its still (partials/film-vorschau.html.j2)
            wuensche += ((VORSCHAU_BREITE, "webp"),)
        poster = images.plan_variants(data_dir / film.poster, f"{ordner}/poster", BREITBILD, (0.5, 0.5), wuensche, befunde)
    return Video(
        titel=film.titel, beschreibung=film.beschreibung, modus=film.modus, ordner=ordner,
        mp4=mp4, webm=datei(film.webm, video=True) if selbst else None,
        untertitel=datei(film.untertitel), kapitel_datei=datei(film.kapitel),
        bildbeschreibung=datei(film.bildbeschreibung),
        kapitel=cues(film.kapitel), cues=cues(film.untertitel), bilder=cues(film.bildbeschreibung),
        poster=poster, dauer=befunde.cached(mp4_duration, mp4.quelle) if mp4 else None,
        plattform=plattform(film.url) if film.url and not selbst else None,
    )


def dauer_text(sekunden: float) -> str:
    s = round(sekunden)
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def groesse_text(n: int) -> str:
    """File size the German way: »740 KB«, »1,4 MB«."""
    if n < 1_000_000:
        return f"{max(1, round(n / 1000))} KB"
    return f"{n / 1_000_000:.1f} MB".replace(".", ",")
