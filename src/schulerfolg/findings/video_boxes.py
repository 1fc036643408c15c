"""Where a film keeps its metadata, and which tracks it has: the boxes and elements its published copy blanks
(media.film_copy), and the tracks the check refuses.

Cameras, phones and editing programs write into a video where and when it was shot, the device, the
program and often a person's name: in MP4 as ``udta`` and ``meta`` boxes (©xyz, ©ART, ©too, Apple's
location keys) and XMP in ``uuid`` boxes, in WebM as Tags, the title and track names. Playing the film
needs none of it. The copy keeps every byte of picture and sound where it was: an MP4 box becomes a
``free`` box of the same size with its content zeroed, a WebM element a ``Void`` element of the same size
(each format's own filler). So sizes and chunk offsets stay valid, and no index has to be rewritten.
MP4 creation and modification times are zeroed as well.

What cannot be blanked this way is refused by the check instead: a track that is neither picture, sound
nor text, such as the GPS track of an action camera (``tracks_problem``).
MP4 is read with mutagen's atom reader, WebM with ebmlite; both only when a film is new.
"""
from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import BinaryIO

Flicken = tuple[int, bytes]  # (position, new bytes) written over the copy

# --- MP4 ------------------------------------------------------------------------------------------

_MP4_METADATEN = {b"udta", b"meta", b"uuid"}  # at the top, in moov, trak, mdia … and in fragments
_MP4_ZEITEN = {b"mvhd", b"tkhd", b"mdhd"}  # creation and modification time after version and flags
_MP4_SPUREN = {b"vide", b"soun", b"text", b"sbtl", b"subt", b"clcp", b"tmcd"}  # picture, sound, text, timecode


def mp4_patches(f: BinaryIO) -> list[Flicken]:
    """What to write over an MP4 so that no metadata is left."""
    from mutagen.mp4 import Atoms

    flicken: list[Flicken] = []
    offen = list(Atoms(f).atoms)
    while offen:
        atom = offen.pop()
        if atom.name in _MP4_METADATEN:
            kopf = _mp4_kopf(f, atom.offset)
            flicken.append((atom.offset + 4, b"free"))
            flicken.append((atom.offset + kopf, bytes(atom.length - kopf)))
        elif atom.name in _MP4_ZEITEN:
            inhalt = atom.offset + _mp4_kopf(f, atom.offset)
            f.seek(inhalt)
            breite = 8 if f.read(1) == b"\x01" else 4  # version 1 has 64-bit times
            if atom.offset + atom.length >= inhalt + 4 + 2 * breite:
                flicken.append((inhalt + 4, bytes(2 * breite)))
        else:
            offen.extend(atom.children or ())
    return flicken


def _mp4_kopf(f: BinaryIO, offset: int) -> int:
    """Length of a box's header: 16 bytes with a 64-bit size, else 8."""
    f.seek(offset)
    return 16 if f.read(4) == b"\x00\x00\x00\x01" else 8


def mp4_tracks(f: BinaryIO) -> list[str]:
    """The handler type of each track (»vide«, »soun«, »meta« …)."""
    from mutagen.mp4 import Atoms

    spuren = []
    for trak in Atoms(f)[b"moov"].findall(b"trak"):
        vollstaendig, daten = trak[b"mdia", b"hdlr"].read(f)
        if not vollstaendig or len(daten) < 12:
            raise ValueError("hdlr zu kurz")
        spuren.append(daten[8:12].decode("latin-1"))
    return spuren


# --- WebM -----------------------------------------------------------------------------------------

_EBML_VOID = 0xEC
_WEBM_WEG = {"Tags", "Attachments"}  # at Segment level
_WEBM_INFO_WEG = {"Title", "DateUTC"}
_WEBM_INFO_LEEREN = {"MuxingApp", "WritingApp"}  # mandatory: kept, as empty text
_WEBM_SPUREN = {1: "Bild", 2: "Ton", 17: "Untertitel"}
_IDS = {"Tags": 0x1254C367, "Attachments": 0x1941A469}


@cache
def _matroska():
    import ebmlite

    return ebmlite.loadSchema("matroska.xml")


def _segment(f: BinaryIO):
    f.seek(0)  # ebmlite reads from where the stream stands
    segmente = [el for el in _matroska().load(f) if el.name == "Segment"]
    if len(segmente) != 1:
        raise ValueError("kein Segment")
    return segmente[0]


def webm_patches(f: BinaryIO) -> list[Flicken]:
    """What to write over a WebM so that no metadata is left."""
    flicken: list[Flicken] = []
    for el in _segment(f):
        if el.name in _WEBM_WEG:
            flicken.append(_void(el))
        elif el.name == "SeekHead":
            for seek in el:  # an entry pointing to removed Tags would point to filler
                ziel = next((c.value for c in seek if c.name == "SeekID"), None) if seek.name == "Seek" else None
                if ziel is not None and int.from_bytes(ziel, "big") in _IDS.values():
                    flicken.append(_void(seek))
        elif el.name == "Info":
            for c in el:
                if c.name in _WEBM_INFO_WEG:
                    flicken.append(_void(c))
                elif c.name in _WEBM_INFO_LEEREN:
                    flicken.append((c.payloadOffset, bytes(c.size)))
        elif el.name == "Tracks":
            flicken += [_void(c) for spur in el if spur.name == "TrackEntry" for c in spur if c.name == "Name"]
    return flicken


def webm_tracks(f: BinaryIO) -> list[int]:
    """The type of each track (1 picture, 2 sound, 17 subtitles …)."""
    return [c.value for el in _segment(f) if el.name == "Tracks"
            for spur in el if spur.name == "TrackEntry" for c in spur if c.name == "TrackType"]


def _void(el) -> Flicken:
    """A Void element exactly as long as ``el``: its ID, a size of up to 8 bytes, zeros."""
    laenge = el.payloadOffset + el.size - el.offset
    k = min(8, laenge - 1)  # bytes for the size
    inhalt = laenge - 1 - k
    groesse = (inhalt | (1 << (7 * k))).to_bytes(k, "big")
    return el.offset, bytes([_EBML_VOID]) + groesse + bytes(inhalt)


# --- the copy -------------------------------------------------------------------------------------

PATCHES = {"mp4": mp4_patches, "webm": webm_patches}


def tracks_problem(path: Path, art: str) -> str | None:
    """Why the film at ``path`` cannot be published without metadata, or None (for film.py's checks)."""
    with path.open("rb") as f:
        if art == "mp4":
            fremd = [s for s in mp4_tracks(f) if s.encode("latin-1") not in _MP4_SPUREN]
        else:
            fremd = [str(s) for s in webm_tracks(f) if s not in _WEBM_SPUREN]
        PATCHES[art](f)  # it must be possible to make the copy
    if fremd:
        return (f"enthält außer Bild und Ton eine Spur mit anderen Daten (»{fremd[0]}«), z. B. GPS-Daten einer "
                "Kamera. Exportieren Sie den Film neu, nur mit Bild, Ton und Untertiteln.")
    return None
