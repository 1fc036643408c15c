"""PLUS+: the programme page, its forms at stable URLs, and the deadlines as calendar files.

URLs that people save or subscribe to never change with the data's order:
``plus/formulare/<file name>``, ``plus/fristen.ics`` and ``plus/fristen/<date>-<title>.ics``.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from schulerfolg.data.fields import telefon_text
from schulerfolg.data.fristen import FristAnzeige, Fristenstand, datum_kurz, stand
from schulerfolg.data.models import Formular, Netzwerkstelle
from schulerfolg.data.sprechzeiten import als_text
from schulerfolg.findings.forms import (
    DOCUMENT_KINDS,
    dateigroesse,
    document_date_iso,
    document_kind,
    pdf_page_count,
)
from schulerfolg.formats.ical import calendar, calendar_key

from ..pages import Asset, Context, Page, Recipe

PLUS = "data/plus.yml"
FORMULARE = "plus/formulare"
KALENDER = "plus/fristen.ics"


@dataclass(frozen=True)
class Download:
    """One file of a form, as partials/anhang.html.j2 shows it under the form's title: »PDF, 3 Seiten, 94 KB«."""

    name: str  # file name, also the last part of its URL
    source: Path
    format: str  # "PDF", "ODT", "DOCX"
    groesse: str  # "94 KB"
    seiten: int | None = None  # PDFs only

    @property
    def pfad(self) -> str:
        """Its address inside the site, which never changes with the data's order."""
        return f"{FORMULARE}/{self.name}"


@dataclass(frozen=True)
class Formulargruppe:
    """A form with all its formats, and when it last changed."""

    formular: Formular
    dateien: tuple[Download, ...]
    stand_text: str | None


def formulargruppen(ctx: Context) -> list[Formulargruppe]:
    out = []
    for form in ctx.daten.plus.formulare:
        dateien = tuple(_download(ctx, ctx.daten.data_dir / rel) for rel in [form.datei, *form.alternativen])
        tage = (ctx.befunde.cached(document_date_iso, f.source) for f in dateien)  # pypdf only for new files
        stand = form.stand or max((datetime.date.fromisoformat(t) for t in tage if t), default=None)
        out.append(Formulargruppe(form, dateien, datum_kurz(stand) if stand else None))
    return out


def _download(ctx: Context, path: Path) -> Download:
    path = path.resolve()  # the checks made sure it lies inside data/
    kind = document_kind(path)
    seiten = ctx.befunde.cached(pdf_page_count, path) if kind == "pdf" else None  # pypdf only for new files
    return Download(PurePosixPath(path).name, path, DOCUMENT_KINDS[kind], dateigroesse(path.stat().st_size), seiten)


def kontakt_text(nw: Netzwerkstelle) -> str:
    """How to reach the office, in one line for calendar entries."""
    teile = [nw.name]
    if nw.kontakt.telefon:
        teile.append(f"Telefon {telefon_text(nw.kontakt.telefon)}")
    teile.append(f"E-Mail {nw.kontakt.email}")
    if nw.kontakt.sprechzeiten:
        teile.append(f"Sprechzeiten: {als_text(nw.kontakt.sprechzeiten)}")
    return ", ".join(teile)


def kalender_pfade(fristen: Fristenstand) -> dict[str, str]:
    """Where the calendar files are: ``"alle"`` for all deadlines, each deadline's ``kennung`` for its own."""
    return {"alle": KALENDER, **{f.kennung: f"plus/fristen/{f.kennung}.ics" for f in fristen.alle}}


def plus(ctx: Context) -> Iterator[Page | Asset]:
    daten = ctx.daten
    fristen = stand(daten.plus.fristen, ctx.today)
    pfade = kalender_pfade(fristen)
    ics = dict(stempel=ctx.today, kontakt=kontakt_text(daten.netzwerkstelle), beispiel=daten.netzwerkstelle.beispieldaten)
    yield _kalender(pfade["alle"], fristen.alle, ics)
    for frist in fristen.alle:
        yield _kalender(pfade[frist.kennung], [frist], dict(ics, abonnement=False))
    gruppen = formulargruppen(ctx)
    for gruppe in gruppen:
        for datei in gruppe.dateien:
            yield Asset(datei.pfad, source=datei.source)
    yield Page("plus/index.md", "plus.md.j2", {"plus": daten.plus, "stand": fristen, "gruppen": gruppen,
                                              "kalender": pfade}, source=PLUS)


def _kalender(pfad: str, fristen: tuple[FristAnzeige, ...] | list[FristAnzeige], ics: dict) -> Asset:
    """Made only when a deadline, the contact or the day changed (ical.py)."""
    fristen = list(fristen)
    return Asset(pfad, recipe=Recipe("kalender", calendar_key(fristen, **ics), "ics", lambda: calendar(fristen, **ics)))
