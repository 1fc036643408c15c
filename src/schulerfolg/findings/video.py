"""What a film's files are, by their content: MP4 and WebM videos, WebVTT tracks, the poster; and what they hold
(the cues of a track, the video's length). What is found here is kept in the findings store (store.py).
WebVTT is read with webvtt-py, the length with mutagen; both are imported only when a file is new."""
from __future__ import annotations

import re
from pathlib import Path

from schulerfolg.data.fields import endung

from . import video_boxes
from .photos import image_problem


def read_cues(path: Path) -> list[tuple[float, float, str]]:
    """The cues of a WebVTT file as (start, end, text) (the check has made sure it parses)."""
    import webvtt

    return [(_sekunden(c.start), _sekunden(c.end), c.text.strip()) for c in webvtt.read(str(path), strict=True)]


def _sekunden(stempel: str) -> float:
    teile = [float(t) for t in stempel.split(":")]
    return sum(t * 60 ** i for i, t in enumerate(reversed(teile)))


def mp4_duration(path: Path) -> float | None:
    from mutagen import MutagenError
    from mutagen.mp4 import MP4

    try:
        return MP4(path).info.length
    except MutagenError:
        return None


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
    if mp4_duration(path) is None:
        return MP4_BESCHAEDIGT
    return _spuren(path, "mp4", MP4_BESCHAEDIGT)


MP4_BESCHAEDIGT = "ist ein beschädigtes MP4-Video, das sich nicht lesen lässt. Exportieren Sie den Film neu."
WEBM_BESCHAEDIGT = "ist ein beschädigtes WebM-Video, das sich nicht lesen lässt. Exportieren Sie den Film neu."


def _spuren(path: Path, art: str, beschaedigt: str) -> str | None:
    """The film has only tracks whose copy can be published without metadata (video_boxes.py)."""
    try:
        return video_boxes.tracks_problem(path, art)
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
