"""The legal pages every municipal site needs, from ``impressum``, ``datenschutz`` and
``barrierefreiheit`` in data/netzwerkstelle.yml; the accessibility statement also in Leichte Sprache.

The footer links ``impressum/``, ``datenschutz/`` and ``barrierefreiheit/`` on every page,
so these pages are always planned: when a section is missing in the data, the page says
which section to fill in instead of leaving a dead link.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterator
from urllib.parse import quote

from babel.dates import format_date
from markupsafe import Markup

from schulerfolg.data.models import Film
from schulerfolg.media.film import plattform
from schulerfolg.site.escaping import mailto

from ..pages import Context, Page

NETZWERKSTELLE = "data/netzwerkstelle.yml"

STATUS = {
    "vollstaendig": "vollständig vereinbar",
    "teilweise": "teilweise vereinbar",
    "nicht": "nicht vereinbar",
}


def recht(ctx: Context) -> Iterator[Page]:
    nw = ctx.daten.netzwerkstelle
    yield _page("impressum.md", "recht/impressum.md.j2", nw=nw)
    yield _page("datenschutz.md", "recht/datenschutz.md.j2", nw=nw, plattformen=externe_plattformen(nw.film, nw.gebaerdensprache))
    yield _page("barrierefreiheit.md", "recht/barrierefreiheit.md.j2", nw=nw, status=STATUS,
                mailto=feedback_mailto(nw.barrierefreiheit.feedback_email) if nw.barrierefreiheit else None)
    yield _page("leichte-sprache/barrierefreiheit.md", "recht/barrierefreiheit-leicht.md.j2", nw=nw,
                mailto=feedback_mailto(nw.barrierefreiheit.feedback_email) if nw.barrierefreiheit else None)


def _page(path: str, template: str, **context) -> Page:
    return Page(path, template, context, source=NETZWERKSTELLE)


def datum(d: datetime.date) -> str:
    """``2026-11-21`` → ``21. November 2026``."""
    return format_date(d, "d. MMMM y", locale="de")


def feedback_mailto(email: str) -> Markup:
    """A ``mailto:`` link with subject and a short guide prefilled: the feedback mechanism of a static site."""
    subject = "Barriere auf der Website „Schulerfolg für Dessau-Roßlau“"
    body = ("Auf welcher Seite (Adresse oder Titel)?\n\n"
            "Was hat nicht funktioniert?\n\n"
            "Welches Gerät und welches Hilfsmittel nutzen Sie (zum Beispiel Screenreader)?\n\n"
            "Wie können wir Sie erreichen?\n")
    return Markup(f"{mailto(email)}?subject={quote(subject)}&body={quote(body)}")  # already URL-encoded


def externe_plattformen(*filme: Film | None) -> list[str]:
    """Who receives data when a visitor loads an external video after clicking, each named once."""
    out: list[str] = []
    for film in filme:
        p = plattform(film.url) if film is not None and film.modus == "extern" and film.url else None
        if p is not None and f"{p.name} – {p.anbieter}" not in out:
            out.append(f"{p.name} – {p.anbieter}")
    return out
