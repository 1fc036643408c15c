"""Office hours (``Sprechzeiten``) said in a page's language: day names and times from Babel's CLDR data,
so »Mo–Do 07:30–13:30 Uhr« in German is »Mon – Thu 07:30 – 13:30« in English and the same days in Arabic
script on an Arabic page. Places and notes are the editors' German text; the templates mark them so."""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache

from babel import Locale
from babel.dates import format_interval, get_day_names
from babel.lists import format_list

from .models import Sprechzeit, Sprechzeiten, Wochentag

TAGE = list(Wochentag)  # Monday first, as Babel numbers them (0 = Monday)

# »by appointment« in each language of the site; Babel has no such phrase.
NACH_VEREINBARUNG = {
    "de": "nach Vereinbarung",
    "en": "by appointment",
    "uk": "за домовленістю",
    "ar": "بموعد مسبق",
    "fa": "با تعیین وقت قبلی",
}


@dataclass(frozen=True)
class Sprechzeile:
    """One line of office hours: days and times in the page's language, the place in German."""

    tage: str
    zeit: str | None
    ort: str | None
    komma: str  # before the place: », «, in Arabic script »، «


def zeilen(sprechzeiten: Sprechzeiten, sprache: str = "de") -> list[Sprechzeile]:
    """Each entry of ``zeiten`` as a line in ``sprache`` (a BCP 47 tag: »de«, »ar«, »fa-AF«)."""
    locale = _locale(sprache)
    komma = "، " if locale.character_order == "right-to-left" else ", "
    return [Sprechzeile(_tage(z.tage, locale), _zeit(z, locale), z.ort, komma) for z in sprechzeiten.zeiten]


def nach_vereinbarung(sprache: str = "de") -> str:
    return NACH_VEREINBARUNG[_locale(sprache).language]


def als_text(sprechzeiten: Sprechzeiten) -> str:
    """All of it on one German line, for business cards and calendar entries."""
    teile = [" ".join(filter(None, (z.tage, z.zeit))) + (z.komma + z.ort if z.ort else "") for z in zeilen(sprechzeiten)]
    if sprechzeiten.nach_vereinbarung:
        teile.append(nach_vereinbarung())
    if sprechzeiten.hinweis:
        teile.append(sprechzeiten.hinweis)
    return "; ".join(teile)


@cache
def _locale(sprache: str) -> Locale:
    return Locale.parse(sprache, sep="-")


def _tage(tage: list[Wochentag], locale: Locale) -> str:
    """Runs of three or more days as a range (»Mo–Do«), others listed (»Mo und Mi«)."""
    namen = get_day_names("abbreviated", context="stand-alone", locale=locale)
    nummern = sorted({TAGE.index(t) for t in tage})
    laeufe: list[list[int]] = []
    for n in nummern:
        if laeufe and laeufe[-1][-1] == n - 1:
            laeufe[-1].append(n)
        else:
            laeufe.append([n])
    teile: list[str] = []
    for lauf in laeufe:
        if len(lauf) >= 3:
            teile.append(_spanne(namen[lauf[0]], namen[lauf[-1]], locale))
        else:
            teile.extend(namen[n] for n in lauf)
    return format_list(teile, locale=locale)


def _spanne(erster: str, letzter: str, locale: Locale) -> str:
    """A range as the language writes one (CLDR's interval fallback, Persian »{0} تا {1}«); a dash between
    abbreviated days stands without spaces, as in »Mo–Do« (DIN 5008)."""
    muster = locale.interval_formats.get(None, "{0}–{1}")
    muster = " ".join(muster.replace("\u2009", " ").split()).replace(" – ", "–")
    return muster.replace("{0}", erster).replace("{1}", letzter)


def _zeit(z: Sprechzeit, locale: Locale) -> str | None:
    if z.von is None or z.bis is None:
        return None
    von, bis = (datetime.time.fromisoformat(t) for t in (z.von, z.bis))
    return format_interval(von, bis, "Hm", locale=locale)
