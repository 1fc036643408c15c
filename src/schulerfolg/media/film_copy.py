"""The published copy of a film: its bytes with every metadata box or element blanked (findings.video_boxes
finds them), so no location, author or device leaves the office with the film. Sizes stay as they are, so the
video's own offsets stay valid and it plays as before."""
from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from schulerfolg import buildcache
from schulerfolg.findings import video_boxes
from schulerfolg.findings.video_boxes import PATCHES


def without_metadata(quelle: Path, art: str) -> bytes:
    """The bytes of ``quelle`` with every metadata box or element blanked."""
    daten = bytearray(quelle.read_bytes())
    for stelle, neu in PATCHES[art](io.BytesIO(daten)):
        daten[stelle:stelle + len(neu)] = neu
    return bytes(daten)


@cache
def fingerprint() -> str:
    return buildcache.fingerprint(Path(__file__), Path(video_boxes.__file__), bibliotheken=("mutagen", "ebmlite"))
