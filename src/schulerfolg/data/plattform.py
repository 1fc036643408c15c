"""Films on a platform (YouTube, Vimeo): which platform a video address belongs to, and how to embed it
only after a visitor's click (the two-click placeholder)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse


@dataclass(frozen=True)
class Plattform:
    name: str  # "YouTube"
    anbieter: str  # who receives the data, as an apposition: »… erhält der Anbieter – <anbieter> – …«
    einbettung: str  # player URL, requested only after the click
    seite: str  # the video's page on the platform, for a plain link


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


