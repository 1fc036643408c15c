"""The news as an Atom feed (RFC 4287), written with feedgen: absolute addresses from the site's address,
ids that never change (a tag URI from the item's file name, not from the site's address), dates from the data."""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
TAG = "tag:schulerfolg.dessau-rosslau.de,2026:"  # fixed, like the calendar's UIDs: the site may move


@dataclass(frozen=True)
class FeedEintrag:
    kennung: str  # the item's file name without ».md«
    titel: str
    datum: datetime.date
    url: str  # absolute
    zusammenfassung: str
    inhalt: str  # HTML
    kategorie: str | None


def atom(eintraege: list[FeedEintrag], *, titel: str, untertitel: str, site: str, selbst: str) -> bytes:
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(TAG + "aktuelles")
    fg.title(titel)
    fg.subtitle(untertitel)
    fg.language("de")
    fg.link(href=site, rel="alternate")
    fg.link(href=selbst, rel="self")
    fg.author({"name": titel})
    stand = max((e.datum for e in eintraege), default=datetime.date(2026, 1, 1))
    fg.updated(_zeit(stand))
    for e in reversed(eintraege):  # feedgen puts the last added first
        fe = fg.add_entry()
        fe.id(TAG + "aktuelles/" + e.kennung)
        fe.title(e.titel)
        fe.link(href=e.url, rel="alternate")
        fe.published(_zeit(e.datum))
        fe.updated(_zeit(e.datum))
        fe.summary(e.zusammenfassung)
        fe.content(e.inhalt, type="html")
        if e.kategorie:
            fe.category(term=e.kategorie)
    return fg.atom_str(pretty=True)


def _zeit(tag: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(tag, datetime.time(0), BERLIN)
