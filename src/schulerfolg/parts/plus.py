"""PLUS+: the programme page, its forms at stable URLs, and the deadlines as calendar files.

URLs that people save or subscribe to never change with the data's order:
``plus/formulare/<file name>``, ``plus/fristen.ics`` and ``plus/fristen/<date>-<title>.ics``.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..filecheck import DOCUMENT_KINDS, dateigroesse, document_date_iso, document_kind
from ..fristen import FristAnzeige, datum_kurz
from ..ical import kalender, kalender_datei
from ..models import Formular, Netzwerkstelle
from ..plan import Asset, Context, Page, part
from .presence import page

PLUS = "data/plus.yml"
FORMULARE = "plus/formulare"
KALENDER = "plus/fristen.ics"


@dataclass(frozen=True)
class Download:
    """One file of a form, as the link shows it: »Antrag auf Förderung (PDF, 94 KB)«."""

    name: str  # file name, also the last part of its URL
    source: Path
    format: str  # "PDF", "ODT", "DOCX"
    groesse: str  # "94 KB"
    titel: str

    @property
    def linktext(self) -> str:
        return f"{self.titel} ({self.format}, {self.groesse})"


@dataclass(frozen=True)
class Formulargruppe:
    """A form with all its formats, and when it last changed."""

    formular: Formular
    dateien: tuple[Download, ...]
    stand_text: str | None


def formulargruppen(ctx: Context) -> list[Formulargruppe]:
    out = []
    for form in ctx.daten.plus.formulare:
        dateien = tuple(_download(ctx.daten.root / rel, form.titel) for rel in [form.datei, *form.alternativen])
        tage = (ctx.daten.befunde.befund(document_date_iso, f.source) for f in dateien)  # pypdf only for new files
        stand = form.stand or max((datetime.date.fromisoformat(t) for t in tage if t), default=None)
        out.append(Formulargruppe(form, dateien, datum_kurz(stand) if stand else None))
    return out


def _download(path: Path, titel: str) -> Download:
    path = path.resolve()  # the checks made sure it lies inside data/
    kind = document_kind(path)
    return Download(PurePosixPath(path).name, path, DOCUMENT_KINDS[kind], dateigroesse(path.stat().st_size), titel)


def kontakt_text(nw: Netzwerkstelle) -> str:
    """How to reach the office, in one line for calendar entries."""
    teile = [nw.name]
    if nw.kontakt.telefon:
        teile.append(f"Telefon {nw.kontakt.telefon}")
    teile.append(f"E-Mail {nw.kontakt.email}")
    if nw.kontakt.sprechzeiten:
        teile.append(f"Sprechzeiten: {nw.kontakt.sprechzeiten}")
    return ", ".join(teile)


def kalender_pfad(frist: FristAnzeige) -> str:
    return f"plus/fristen/{frist.kennung}.ics"


@part
def plus(ctx: Context) -> Iterator[Page | Asset]:
    daten = ctx.daten
    stand = daten.plus.fristenstand(ctx.today)
    gruppen = formulargruppen(ctx)
    ics = dict(stempel=ctx.today, kontakt=kontakt_text(daten.netzwerkstelle), beispiel=daten.netzwerkstelle.beispieldaten)
    yield (alle := _kalender(ctx, KALENDER, stand.alle, ics))
    for frist in stand.alle:
        yield _kalender(ctx, kalender_pfad(frist), [frist], dict(ics, abonnement=False))
    for gruppe in gruppen:
        for datei in gruppe.dateien:
            yield Asset(f"{FORMULARE}/{datei.name}", source=datei.source)
    yield page("plus/index.md", "plus.md.j2", PLUS, plus=daten.plus, stand=stand, gruppen=gruppen,
               kalender_groesse=dateigroesse(alle.groesse))


def _kalender(ctx: Context, pfad: str, fristen: list[FristAnzeige], ics: dict) -> Asset:
    if ctx.cache_dir is None:
        return Asset(pfad, content=kalender(fristen, **ics))
    return Asset(pfad, source=kalender_datei(fristen, Path(ctx.cache_dir) / "kalender", **ics))  # unchanged: cached
