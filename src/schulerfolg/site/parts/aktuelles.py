"""News and events (issue 19): /aktuelles/ newest first in pages, by year and by category, a page per item and
an Atom feed; /termine/ upcoming by month and past ones in an archive as of the build date, one calendar with
every event and PLUS+ deadline (``termine.ics``) and one file per event; what the start page, schools and
carriers show of them.

Addresses people save never change with the data's order: ``aktuelles/<file name>/``, ``aktuelles.xml``,
``termine.ics``, ``termine/<id>.ics``, ``termine/dokumente/<file name>``.
"""
from __future__ import annotations

import json
import math
import re
from html import unescape
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import PurePosixPath

from babel.dates import format_date
from markupsafe import Markup

from schulerfolg.data.fristen import datum_text, stand
from schulerfolg.data.models import Kategorie, Meldung, Termin
from schulerfolg.formats import feed
from schulerfolg.formats.ical import termine_calendar
from schulerfolg.media import images

from ..escaping import markdown_html
from ..pages import Asset, Context, Page, Recipe
from .media import varianten
from .plus import kontakt_text

PRO_SEITE = 5  # items per page of /aktuelles/: the page stays light however many there are
FEED = "aktuelles.xml"  # at the root, like termine.ics: Material looks for a sitemap beside every rel=alternate link
KALENDER = "termine.ics"
DOKUMENTE = "termine/dokumente"
QUERFORMAT = (3, 2)
FOTO_BREITEN = ((480, "webp"), (800, "webp"), (800, "jpeg"))


@dataclass(frozen=True)
class Artikel:
    """One news item as the pages show it."""

    kennung: str
    meldung: Meldung
    anreisser: str  # the teaser, or the text's first sentences
    bild: images.Bild | None

    @property
    def pfad(self) -> str:
        return f"aktuelles/{self.kennung}/"

    @property
    def datum_text(self) -> str:
        return format_date(self.meldung.datum, "d. MMMM y", locale="de")


@dataclass(frozen=True)
class TerminAnzeige:
    """One event as the pages show it on the build date."""

    termin: Termin
    kalender: str  # its own calendar file
    dokumente: tuple[tuple[str, str, str], ...]  # (title, address inside the site, format »PDF«)
    bericht: Artikel | None

    @property
    def datum_text(self) -> str:
        return datum_text(self.termin.datum)

    @property
    def zeit_text(self) -> str:
        t = self.termin
        if t.beginn is None:
            return "Uhrzeit folgt"
        return f"{t.beginn}–{t.ende} Uhr" if t.ende else f"ab {t.beginn} Uhr"


def aktuelles(ctx: Context) -> Iterator[Page | Asset]:
    artikel = alle_artikel(ctx)
    alternate = [{"href": FEED, "type": "application/atom+xml", "title": "Aktuelles (Atom-Feed)"}]
    seiten = max(1, math.ceil(len(artikel) / PRO_SEITE))
    jahre = sorted({a.meldung.datum.year for a in artikel}, reverse=True)
    kategorien = [k for k in Kategorie if any(a.meldung.kategorie == k for a in artikel)]
    navi = {"jahre": jahre, "kategorien": kategorien, "feed": FEED}
    for n in range(1, seiten + 1):
        pfad = "aktuelles/index.md" if n == 1 else f"aktuelles/seite-{n}.md"
        yield Page(pfad, "aktuelles-liste.md.j2", {
            **navi, "titel": "Aktuelles" if n == 1 else f"Aktuelles – Seite {n}", "alternate": alternate,
            "artikel": artikel[(n - 1) * PRO_SEITE: n * PRO_SEITE], "seite": n, "seiten": seiten}, source=None)
    for jahr in jahre:
        yield Page(f"aktuelles/{jahr}.md", "aktuelles-liste.md.j2", {
            **navi, "titel": f"Aktuelles aus dem Jahr {jahr}", "alternate": alternate, "seite": 1, "seiten": 1,
            "artikel": [a for a in artikel if a.meldung.datum.year == jahr]})
    for k in kategorien:
        yield Page(f"aktuelles/kategorie/{k.value}.md", "aktuelles-liste.md.j2", {
            **navi, "titel": f"Aktuelles: {k.label}", "alternate": alternate, "seite": 1, "seiten": 1,
            "artikel": [a for a in artikel if a.meldung.kategorie == k]})
    termine_von = {t.bericht: t for t in ctx.daten.termine if t.bericht}
    for a in artikel:
        yield Page(f"aktuelles/{a.kennung}.md", "meldung.md.j2", {
            "artikel": a, "alternate": alternate, "termin": termine_von.get(a.kennung),
            "schulen": [ctx.daten.schule[s] for s in a.meldung.schulen],
            "traeger": [ctx.daten.traeger_von[t] for t in a.meldung.traeger],
            "jsonld": json_ld(news_article(a, ctx))}, source=f"data/aktuelles/{a.kennung}.md")
        if a.bild is not None:
            yield from varianten(a.bild.auftrag)
    yield Asset(FEED, content=feed.atom(
        [_feed_eintrag(a, ctx) for a in artikel], titel=ctx.daten.netzwerkstelle.name,
        untertitel="Aktuelles der Netzwerkstelle", site=ctx.site_url + "aktuelles/", selbst=ctx.site_url + FEED))


def alle_artikel(ctx: Context) -> list[Artikel]:
    """Every news item, newest first (on one day, by file name)."""
    out = []
    for kennung, m in sorted(ctx.daten.meldungen.items(), key=lambda kv: (kv[1].datum, kv[0]), reverse=True):
        bild = None
        if m.foto is not None:
            auftrag = images.plan_variants(ctx.daten.data_dir / m.foto.datei, f"bilder/aktuelles/{kennung}",
                                           QUERFORMAT, (0.5, 0.5), FOTO_BREITEN, ctx.befunde)
            bild = images.Bild(alt=m.foto.beschreibung, auftrag=auftrag, groessen="(min-width: 60em) 40rem, 100vw")
        out.append(Artikel(kennung, m, m.anreisser or _anfang(m.text), bild))
    return out


def _anfang(text: str, laenge: int = 200) -> str:
    """The first words of the text as plain text, for a list that has no teaser."""
    klar = " ".join(unescape(re.sub(r"<[^>]*>", " ", str(markdown_html(text)))).split())
    return klar if len(klar) <= laenge else klar[:laenge].rsplit(" ", 1)[0] + " …"


def _feed_eintrag(a: Artikel, ctx: Context) -> feed.FeedEintrag:
    return feed.FeedEintrag(a.kennung, a.meldung.titel, a.meldung.datum, ctx.site_url + a.pfad, a.anreisser,
                        str(markdown_html(a.meldung.text, ctx.site_url)),
                        a.meldung.kategorie.label if a.meldung.kategorie else None)


def termine(ctx: Context) -> Iterator[Page | Asset]:
    daten = ctx.daten
    artikel = {a.kennung: a for a in alle_artikel(ctx)} if any(t.bericht for t in daten.termine) else {}
    anzeigen = [_anzeige(t, artikel) for t in sorted(daten.termine, key=lambda t: (t.datum, t.beginn or "", t.id))]
    kommende = [t for t in anzeigen if t.termin.datum >= ctx.today]
    vergangene = [t for t in reversed(anzeigen) if t.termin.datum < ctx.today]
    fristen = stand(daten.plus.fristen, ctx.today)
    ics = dict(stempel=ctx.today, kontakt=kontakt_text(daten.netzwerkstelle), beispiel=daten.netzwerkstelle.beispieldaten,
               url=ctx.site_url + "termine/")
    yield _kalender(KALENDER, daten.termine, fristen.alle, ics)
    for t in anzeigen:
        yield _kalender(t.kalender, [t.termin], [], dict(ics, abonnement=False))
        for d in t.termin.dokumente:
            yield Asset(f"{DOKUMENTE}/{PurePosixPath(d.datei).name}", source=(daten.data_dir / d.datei).resolve())
    alternate = [{"href": KALENDER, "type": "text/calendar", "title": "Termine (Kalender zum Abonnieren)"}]
    yield Page("termine/index.md", "termine.md.j2", {
        "monate": nach_monat(kommende), "archiv": False, "alternate": alternate, "kalender": KALENDER,
        "heute_text": format_date(ctx.today, "d. MMMM y", locale="de"), "anzahl_vergangen": len(vergangene),
        "jsonld": json_ld([event(t, ctx) for t in kommende])}, source="data/termine.yml")
    yield Page("termine/archiv.md", "termine.md.j2", {
        "monate": nach_monat(vergangene), "archiv": True, "alternate": alternate, "kalender": KALENDER,
        "heute_text": format_date(ctx.today, "d. MMMM y", locale="de"), "anzahl_vergangen": len(vergangene),
        "jsonld": None}, source="data/termine.yml")


def nach_monat(termine: list[TerminAnzeige]) -> list[tuple[str, list[TerminAnzeige]]]:
    """»November 2026« and its events, in the order given."""
    return [(format_date(tag, "LLLL y", locale="de"), list(gruppe))
            for tag, gruppe in groupby(termine, key=lambda t: t.termin.datum.replace(day=1))]


def _anzeige(t: Termin, artikel: dict[str, Artikel]) -> TerminAnzeige:
    dokumente = tuple((d.titel, f"{DOKUMENTE}/{PurePosixPath(d.datei).name}", d.datei.rsplit(".", 1)[-1].upper())
                      for d in t.dokumente)
    return TerminAnzeige(t, f"termine/{t.id}.ics", dokumente, artikel.get(t.bericht) if t.bericht else None)


def _kalender(pfad: str, termine: list[Termin], fristen, ics: dict) -> Asset:
    termine, fristen = list(termine), list(fristen)
    key = ("termine-1", *(str(v) for v in ics.values()), *(t.model_dump_json() for t in termine),
           *(f.frist.model_dump_json() for f in fristen))
    return Asset(pfad, recipe=Recipe("kalender", key, "ics", lambda: termine_calendar(termine, fristen, **ics)))


# --- what other parts show ----------------------------------------------------------------------------------

def start_kontext(ctx: Context) -> dict:
    """The start page's block: the next three events and the latest three news items."""
    kommende = [_anzeige(t, {}) for t in sorted(ctx.daten.termine, key=lambda t: (t.datum, t.beginn or "", t.id))
                if t.datum >= ctx.today]
    return {"aktuell": {"termine": kommende[:3], "artikel": alle_artikel(ctx)[:3]}}


def artikel_zu(ctx: Context, feld: str, ident: str) -> list[Artikel]:
    """The news items that name the school or carrier ``ident`` (``feld``: "schulen" or "traeger")."""
    return [a for a in alle_artikel(ctx) if ident in getattr(a.meldung, feld)]


# --- schema.org ---------------------------------------------------------------------------------------------

def json_ld(daten: object) -> Markup | None:
    """JSON for a <script type="application/ld+json">: ``<``, ``>``, ``&`` and ``'`` as \\u escapes, so no value
    can end the element (the same escaping as Jinja's tojson)."""
    if not daten:
        return None
    text = json.dumps(daten, ensure_ascii=False, separators=(",", ":"))
    for c, ersatz in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("'", "\\u0027")):
        text = text.replace(c, ersatz)
    return Markup(text)


def news_article(a: Artikel, ctx: Context) -> dict:
    out = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a.meldung.titel,
           "datePublished": a.meldung.datum.isoformat(), "description": a.anreisser, "url": ctx.site_url + a.pfad,
           "inLanguage": "de",
           "publisher": {"@type": "GovernmentOrganization", "name": ctx.daten.netzwerkstelle.name}}
    if a.bild is not None:
        out["image"] = ctx.site_url + a.bild.jpeg.pfad
    return out


def event(t: TerminAnzeige, ctx: Context) -> dict:
    termin = t.termin
    start = termin.datum.isoformat() + (f"T{termin.beginn}" if termin.beginn else "")
    out = {"@context": "https://schema.org", "@type": "Event", "name": termin.titel, "startDate": start,
           "eventStatus": "https://schema.org/EventCancelled" if termin.abgesagt else "https://schema.org/EventScheduled",
           "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
           "organizer": {"@type": "Organization", "name": termin.veranstalter or ctx.daten.netzwerkstelle.name},
           "url": ctx.site_url + "termine/#" + termin.id}
    if termin.ende:
        out["endDate"] = termin.datum.isoformat() + f"T{termin.ende}"
    if termin.ort is not None:
        ort = {"@type": "Place", "name": termin.ort.name}
        if termin.ort.adresse:
            ort["address"] = {"@type": "PostalAddress", "streetAddress": termin.ort.adresse.strasse,
                              "postalCode": termin.ort.adresse.plz, "addressLocality": termin.ort.adresse.ort}
        out["location"] = ort
    return out

