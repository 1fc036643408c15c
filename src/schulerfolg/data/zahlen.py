"""The network in figures (/zahlen/), counted from the data: coverage of the schools, people per carrier,
languages, weekly hours and funding. Only counts of what the data says – no estimates, no shares of pupils."""
from __future__ import annotations

import datetime
import unicodedata
from collections import Counter
from dataclasses import dataclass

from .daten import Daten
from .fields import WOCHENSTUNDEN, sprachnamen
from .models import FINANZQUELLE_LABELS, Finanzquelle, Schule, Schulform

OHNE_ANGABE = "ohne Angabe"


@dataclass(frozen=True)
class Reihe:
    """One bar of a chart and one row of its table: a label and its counts (the first one is drawn)."""

    name: str
    werte: tuple[int, ...]


@dataclass(frozen=True)
class Tabelle:
    """A chart's figures: what it counts, the columns after the first, its rows (in the order shown)."""

    kennung: str  # part of its CSV file's name and of the page's anchors
    titel: str
    spalten: tuple[str, ...]  # header of the first column, then one per value
    zeilen: tuple[Reihe, ...]

    @property
    def groesster(self) -> int:
        """The longest bar (at least 1, so an empty chart draws nothing instead of dividing by zero)."""
        return max((z.werte[0] for z in self.zeilen), default=0) or 1


@dataclass(frozen=True)
class Abdeckung:
    """Schools with and without school social work in one group (a school form or a district)."""

    name: str
    mit: int
    ohne: tuple[Schule, ...]  # named on the page: where the gaps are

    @property
    def gesamt(self) -> int:
        return self.mit + len(self.ohne)


@dataclass(frozen=True)
class Zahlen:
    schulen: int
    schulen_mit: int
    fachkraefte: int
    nach_schulform: tuple[Abdeckung, ...]
    nach_stadtteil: tuple[Abdeckung, ...]
    tabellen: tuple[Tabelle, ...]  # the charts, in the page's order
    stunden_gesamt: int  # sum of the weekly hours given
    gesichert_bis: dict[str, datetime.date]  # funding source label → the last day the earliest-ending post is secured


def zahlen(daten: Daten) -> Zahlen:
    mit = {s.id for s in daten.schulen if daten.fachkraefte_an(s.id)}
    nach_form = tuple(_abdeckung(form.plural, [s for s in daten.schulen if s.schulform == form], mit)
                      for form in Schulform if any(s.schulform == form for s in daten.schulen))
    stadtteile = sorted({s.stadtteil for s in daten.schulen if s.stadtteil}, key=_sortkey)
    nach_teil = tuple(_abdeckung(t, [s for s in daten.schulen if s.stadtteil == t], mit) for t in stadtteile)
    ohne_teil = [s for s in daten.schulen if not s.stadtteil]
    if ohne_teil:
        nach_teil += (_abdeckung("ohne Angabe des Stadtteils", ohne_teil, mit),)
    return Zahlen(
        schulen=len(daten.schulen), schulen_mit=len(mit), fachkraefte=len(daten.fachkraefte),
        nach_schulform=nach_form, nach_stadtteil=nach_teil,
        tabellen=(
            _abdeckungstabelle("schulform", "Schulen mit Schulsozialarbeit nach Schulform", "Schulform", nach_form),
            _abdeckungstabelle("stadtteil", "Schulen mit Schulsozialarbeit nach Stadtteil", "Stadtteil", nach_teil),
            _traeger(daten), _sprachen(daten), _wochenstunden(daten), _finanzierung(daten)),
        stunden_gesamt=sum(f.wochenstunden or 0 for f in daten.fachkraefte),
        gesichert_bis=_gesichert_bis(daten),
    )


def _abdeckung(name: str, schulen: list[Schule], mit: set[str]) -> Abdeckung:
    return Abdeckung(name, sum(s.id in mit for s in schulen),
                     tuple(sorted((s for s in schulen if s.id not in mit), key=lambda s: _sortkey(s.name))))


def _abdeckungstabelle(kennung: str, titel: str, kopf: str, gruppen: tuple[Abdeckung, ...]) -> Tabelle:
    # Soft hyphens: the words break there in a phone's narrow columns (formats.tabelle drops them from the CSV).
    return Tabelle(kennung, titel, (kopf, "mit Schul\u00adsozial\u00adarbeit", "ohne", "Schulen ins\u00adgesamt"),
                   tuple(Reihe(g.name, (g.mit, len(g.ohne), g.gesamt)) for g in gruppen))


def _traeger(daten: Daten) -> Tabelle:
    zeilen = [Reihe(t.name, (len(daten.fachkraefte_bei(t.id)), len(daten.schulen_von(t.id)))) for t in daten.traeger]
    zeilen.sort(key=lambda z: (-z.werte[0], _sortkey(z.name)))
    return Tabelle("traeger", "Fachkräfte je Träger", ("Träger", "Fachkräfte", "Schulen"), tuple(zeilen))


def _sprachen(daten: Daten) -> Tabelle:
    namen = sprachnamen()
    anzahl = Counter(code for f in daten.fachkraefte for code in dict.fromkeys(f.sprachen))
    zeilen = sorted((Reihe(namen[code], (n,)) for code, n in anzahl.items()), key=lambda z: (-z.werte[0], _sortkey(z.name)))
    return Tabelle("sprachen", "Gesprochene Sprachen", ("Sprache", "Fachkräfte"), tuple(zeilen))


def _wochenstunden(daten: Daten) -> Tabelle:
    anzahl = Counter(f.wochenstunden for f in daten.fachkraefte)
    zeilen = [Reihe(f"{h} Stunden", (anzahl[h],)) for h in WOCHENSTUNDEN]
    if anzahl[None]:
        zeilen.append(Reihe(OHNE_ANGABE, (anzahl[None],)))
    return Tabelle("wochenstunden", "Stellen nach Wochenstunden", ("Wochenstunden", "Fachkräfte"), tuple(zeilen))


def _finanzierung(daten: Daten) -> Tabelle:
    anzahl = Counter(f.finanzierung.quelle if f.finanzierung else None for f in daten.fachkraefte)
    zeilen = [Reihe(FINANZQUELLE_LABELS[q], (anzahl[q],)) for q in Finanzquelle if anzahl[q]]
    if anzahl[None]:
        zeilen.append(Reihe(OHNE_ANGABE, (anzahl[None],)))
    return Tabelle("finanzierung", "Stellen nach Finanzierung", ("Finanzierung", "Fachkräfte"), tuple(zeilen))


def _gesichert_bis(daten: Daten) -> dict[str, datetime.date]:
    """Per source, the earliest end of funding given: until then every post it pays is secured."""
    ende: dict[Finanzquelle, datetime.date] = {}
    for f in daten.fachkraefte:
        if f.finanzierung and f.finanzierung.bis:
            q = f.finanzierung.quelle
            ende[q] = min(ende.get(q, f.finanzierung.bis), f.finanzierung.bis)
    return {FINANZQUELLE_LABELS[q]: ende[q] for q in Finanzquelle if q in ende}


def _sortkey(text: str) -> str:
    """German dictionary order without a locale: »Ö« sorts with »O«, »ß« with »ss«."""
    text = unicodedata.normalize("NFD", text.casefold().replace("ß", "ss"))
    return "".join(c for c in text if not unicodedata.combining(c))
