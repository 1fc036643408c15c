"""The image film (and any other video in the data): files, captions, chapters, transcript.

Self-hosted (``modus: selbst``): the video, its WebVTT tracks and a poster made by the
photo pipeline are published from ``data/``. External (``modus: extern``): nothing is
published and the page shows a two-click placeholder that loads the platform's player
only after the visitor asks for it. WebVTT is read with ``webvtt-py``, the length with mutagen;
both are imported only when a file is new: what they found is kept in befunde.json.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, urlparse

from . import filmkopie, images
from .fields import endung
from .filecheck import image_problem
from .models import Film

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
class Plattform:
    name: str  # "YouTube"
    anbieter: str  # who receives the data, as an apposition: »… erhält der Anbieter – <anbieter> – …«
    einbettung: str  # player URL, requested only after the click
    seite: str  # the video's page on the platform, for a plain link


@dataclass(frozen=True)
class Datei:
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
    mp4: Datei | None
    webm: Datei | None
    untertitel: Datei | None
    kapitel_datei: Datei | None
    bildbeschreibung: Datei | None
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

    def assets(self, cache_dir: Path | None) -> list[images.Asset]:
        """The files to publish (nothing for an external film): the videos as copies without metadata
        (made into ``cache_dir``), the tracks as they are."""
        videos = [filmkopie.veroeffentlichen(d.pfad, d.quelle, art, d.inhalt, cache_dir)
                  for art, d in (("mp4", self.mp4), ("webm", self.webm)) if d is not None]
        spuren = [images.Asset(d.pfad, source=d.quelle)
                  for d in (self.untertitel, self.kapitel_datei, self.bildbeschreibung) if d is not None]
        return videos + spuren


def video_fuer(daten, film: Film | None, ordner: str = "film") -> Video | None:
    """Describe ``film`` for templates and the media part; None when there is no film.
    Described once per data: reading the video's length and its tracks is the slow part."""
    if film is None:
        return None
    video = daten.videos.get((film, ordner))
    if video is None:
        video = daten.videos[film, ordner] = _video(daten, film, ordner)
    return video


def _video(daten, film: Film, ordner: str) -> Video:
    root = Path(daten.root)

    def datei(rel: str | None, video: bool = False) -> Datei | None:
        """A file under its own name, which the check has made sure fits an address and has an allowed ending."""
        if rel is None:
            return None
        quelle = root / rel
        inhalt = daten.befunde.inhalt(quelle) if video else None  # hashed once per build, for the check too
        return Datei(quelle, f"{ordner}/{PurePosixPath(rel).name}", quelle.stat().st_size, inhalt)

    def cues(rel: str | None) -> tuple[Cue, ...]:
        return tuple(Cue(*c) for c in daten.befunde.befund(lesen, root / rel)) if rel else ()

    selbst = film.modus == "selbst"
    mp4 = datei(film.datei, video=True) if selbst else None
    poster = None
    if film.poster:
        wuensche: tuple[tuple[int, str], ...] = ((POSTER_BREITE, "webp"),)
        if film is daten.netzwerkstelle.film:  # the start page shows its still (partials/film-vorschau.html.j2)
            wuensche += ((VORSCHAU_BREITE, "webp"),)
        poster = images.planen(root / film.poster, f"{ordner}/poster", BREITBILD, (0.5, 0.5), wuensche, daten.befunde)
    return Video(
        titel=film.titel, beschreibung=film.beschreibung, modus=film.modus, ordner=ordner,
        mp4=mp4, webm=datei(film.webm, video=True) if selbst else None,
        untertitel=datei(film.untertitel), kapitel_datei=datei(film.kapitel),
        bildbeschreibung=datei(film.bildbeschreibung),
        kapitel=cues(film.kapitel), cues=cues(film.untertitel), bilder=cues(film.bildbeschreibung),
        poster=poster, dauer=daten.befunde.befund(mp4_dauer, mp4.quelle) if mp4 else None,
        plattform=plattform(film.url) if film.url and not selbst else None,
    )


def lesen(path: Path) -> list[tuple[float, float, str]]:
    """The cues of a WebVTT file as (start, end, text) (the check has made sure it parses)."""
    import webvtt

    return [(_sekunden(c.start), _sekunden(c.end), c.text.strip()) for c in webvtt.read(str(path), strict=True)]


def _sekunden(stempel: str) -> float:
    teile = [float(t) for t in stempel.split(":")]
    return sum(t * 60 ** i for i, t in enumerate(reversed(teile)))


def mp4_dauer(path: Path) -> float | None:
    from mutagen import MutagenError
    from mutagen.mp4 import MP4

    try:
        return MP4(path).info.length
    except MutagenError:
        return None


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


# --- external platforms -------------------------------------------------------------------------

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


def plattform(url: str) -> Plattform | None:
    """The platform of a YouTube or Vimeo video URL, with the player address; None for anything else."""
    teile = urlparse(url)
    host = (teile.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    pfad = [p for p in teile.path.split("/") if p]
    ident = None
    if host in ("youtube.com", "youtube-nocookie.com"):
        if pfad[:1] == ["watch"]:
            ident = parse_qs(teile.query).get("v", [None])[0]
        elif len(pfad) >= 2 and pfad[0] in ("embed", "shorts", "live", "v"):
            ident = pfad[1]
    elif host == "youtu.be" and pfad:
        ident = pfad[0]
    if ident and _YOUTUBE_ID.match(ident):
        return Plattform("YouTube", "Google Ireland Limited in Dublin (Irland), ein Unternehmen des US-Konzerns Google",
                         f"https://www.youtube-nocookie.com/embed/{ident}?autoplay=1",
                         f"https://www.youtube.com/watch?v={ident}")
    if host in ("vimeo.com", "player.vimeo.com"):
        zahlen = [p for p in pfad if p.isdigit()]
        if zahlen:
            return Plattform("Vimeo", "Vimeo.com, Inc. in New York (USA)",
                             f"https://player.vimeo.com/video/{zahlen[0]}?dnt=1&autoplay=1",
                             f"https://vimeo.com/{zahlen[0]}")
    return None


# --- checks on the files, by content ------------------------------------------------------------

def mp4_problem(path: Path) -> str | None:
    """Why ``path`` is no MP4 video, or None (an MP4 starts with an ``ftyp`` box)."""
    with path.open("rb") as f:
        kopf = f.read(12)
    if len(kopf) < 12 or kopf[4:8] != b"ftyp":
        art = _art(kopf)
        return (f"ist kein MP4-Video{art}. Speichern Sie den Film als MP4 (H.264), "
                "z. B. mit »Exportieren als MP4« im Schnittprogramm.")
    if endung(path.name) != "mp4":
        return f"ist dem Inhalt nach ein MP4-Video, endet aber auf »{path.suffix}«. Benennen Sie sie in ».mp4« um."
    if mp4_dauer(path) is None:
        return MP4_BESCHAEDIGT
    return _spuren(path, "mp4", MP4_BESCHAEDIGT)


MP4_BESCHAEDIGT = "ist ein beschädigtes MP4-Video, das sich nicht lesen lässt. Exportieren Sie den Film neu."
WEBM_BESCHAEDIGT = "ist ein beschädigtes WebM-Video, das sich nicht lesen lässt. Exportieren Sie den Film neu."


def _spuren(path: Path, art: str, beschaedigt: str) -> str | None:
    """The film has only tracks whose copy can be published without metadata (filmkopie.py)."""
    try:
        return filmkopie.spuren_problem(path, art)
    except Exception:  # mutagen and ebmlite raise many kinds for broken files
        return beschaedigt


def webm_problem(path: Path) -> str | None:
    """Why ``path`` is no WebM video, or None (WebM is Matroska: an EBML header naming »webm«)."""
    with path.open("rb") as f:
        kopf = f.read(64)
    if not kopf.startswith(b"\x1a\x45\xdf\xa3"):
        return f"ist kein WebM-Video{_art(kopf)}. Speichern Sie den Film als WebM oder lassen Sie »webm:« weg."
    if b"webm" not in kopf:
        return "ist ein Matroska-Video, aber kein WebM. Speichern Sie den Film als WebM oder lassen Sie »webm:« weg."
    if endung(path.name) != "webm":
        return f"ist dem Inhalt nach ein WebM-Video, endet aber auf »{path.suffix}«. Benennen Sie sie in ».webm« um."
    return _spuren(path, "webm", WEBM_BESCHAEDIGT)


def webvtt_problem(path: Path) -> str | None:
    """Why ``path`` is no usable WebVTT file, or None."""
    import webvtt

    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return "ist nicht in UTF-8 gespeichert. Speichern Sie die Untertitel als »UTF-8« (WebVTT)."
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        hinweis = " Es sieht nach SRT aus: Wandeln Sie die Datei in WebVTT um." if re.match(r"\s*\d+\s*\n\d\d:", text) else ""
        return f"ist keine WebVTT-Datei: Die erste Zeile muss »WEBVTT« lauten.{hinweis}"
    try:
        cues = webvtt.from_string(text.lstrip("\ufeff"), strict=True)
    except (webvtt.errors.MalformedFileError, webvtt.errors.MalformedCaptionError) as e:
        zeile = _zeile(text, str(e))
        return f"enthält einen fehlerhaften Eintrag{zeile}. Jede Zeitangabe lautet z. B. »00:01.000 --> 00:04.500«."
    if len(cues) == 0:
        return "enthält keinen einzigen Eintrag mit Zeitangabe. Tragen Sie die Untertitel ein."
    for c in cues:
        start, ende = _sekunden(c.start), _sekunden(c.end)
        if ende <= start:
            return f"enthält einen Eintrag, der endet, bevor er beginnt ({c.start} --> {c.end}). Korrigieren Sie die Zeiten."
        if not c.text.strip():
            return f"enthält einen leeren Eintrag bei {c.start}. Tragen Sie den Text ein oder löschen Sie den Eintrag."
    return None


def _zeile(text: str, fehler: str) -> str:
    """» in Zeile N« for the cue block the parser quoted, if it can be found."""
    m = re.search(r"\['([^']*)'", fehler)
    if m:
        for nr, line in enumerate(text.splitlines(), 1):
            if line.strip() == m.group(1).strip():
                return f" in Zeile {nr}"
    return ""


def _art(kopf: bytes) -> str:
    """What the bytes look like instead, to help the editor."""
    if kopf.startswith(b"\x1a\x45\xdf\xa3"):
        return " (sondern WebM/Matroska)"
    if kopf[4:8] == b"ftyp":
        return " (sondern MP4)"
    if kopf.startswith(b"RIFF"):
        return " (sondern AVI oder WAV)"
    if kopf.startswith((b"\xff\xd8", b"\x89PNG")):
        return " (sondern ein Bild)"
    return ""


def poster_problem(path: Path) -> str | None:
    return image_problem(path)
