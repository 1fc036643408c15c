"""PLUS+ deadlines as iCalendar files (RFC 5545), built with the ``icalendar`` library.

Each deadline is an all-day event (DTSTART;VALUE=DATE, DTEND the next day) with a
reminder seven days before. The same deadline has the same UID in the file with
all deadlines and in its own file, so importing both never duplicates it; the UID
comes from the data only, so a rebuild never changes it. DTSTAMP is midnight (UTC)
of the build date: a rebuild on the same day, or under ``SOURCE_DATE_EPOCH``, gives
the same bytes. Unchanged calendars come from the build cache (``kalender_datei``), so a build
imports icalendar (0.1 s) only when a deadline, the contact or the day changed.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from schulerfolg import buildcache
from schulerfolg.data.fristen import FristAnzeige

if TYPE_CHECKING:
    from icalendar import Event

# UIDs must never change, even if the site moves to another address: a fixed domain, not site_url.
UID_DOMAIN = "plus.schulerfolg.dessau-rosslau.de"
PRODID = "-//Stadt Dessau-Roßlau//Netzwerkstelle Schulerfolg – PLUS+//DE"
KALENDERNAME = "PLUS+ Antragsfristen"
ERINNERUNG = datetime.timedelta(days=-7)
AKTUALISIEREN = datetime.timedelta(days=1)  # how often subscribed calendars fetch the file again


def uid(frist: FristAnzeige) -> str:
    return f"{frist.kennung}@{UID_DOMAIN}"


def calendar(fristen: Iterable[FristAnzeige], *, stempel: datetime.date, kontakt: str, beispiel: bool,
             abonnement: bool = True) -> bytes:
    """A calendar with an event for each deadline.

    ``kontakt``: who advises (goes into every description); ``beispiel``: the dates are
    sample data, which the summaries then say, so nobody mistakes them for real deadlines;
    ``abonnement``: the file with every deadline, which calendars may subscribe to (it gets a
    name and a refresh interval); a single deadline's file is only imported.
    """
    from icalendar import Calendar, vDuration

    fristen = list(fristen)
    if abonnement:
        cal = Calendar.new(prodid=PRODID, method="PUBLISH", calscale="GREGORIAN", uid=f"fristen@{UID_DOMAIN}",
                           name=KALENDERNAME, refresh_interval=AKTUALISIEREN)
        cal["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"  # required by RFC 7986, section 5.7
        cal.add("X-PUBLISHED-TTL", vDuration(AKTUALISIEREN))  # the refresh interval Outlook understands
    else:
        cal = Calendar.new(prodid=PRODID, method="PUBLISH", calscale="GREGORIAN",
                           uid="kalender-" + "+".join(f.kennung for f in fristen) + f"@{UID_DOMAIN}")
    dtstamp = datetime.datetime.combine(stempel, datetime.time(0), datetime.timezone.utc)
    for frist in fristen:
        cal.add_component(_event(frist, dtstamp, kontakt, beispiel))
    return cal.to_ical()


def calendar_key(fristen: Iterable[FristAnzeige], *, stempel: datetime.date, kontakt: str, beispiel: bool,
                 abonnement: bool = True) -> tuple[str, ...]:
    """What decides the bytes of ``calendar(…)``: its input and the code that writes it. Unchanged, the file
    comes from the build cache, and icalendar (0.1 s to import) is not even loaded."""
    return (_CODE, stempel.isoformat(), kontakt, str(beispiel), str(abonnement),
            *(f"{f.kennung}\0{f.datum_text}\0{f.abstimmung_text}\0{f.frist.model_dump_json()}" for f in fristen))


# Besides the data, what decides a calendar's bytes: this module and the library.
_CODE = buildcache.fingerprint(Path(__file__), bibliotheken=["icalendar"])


def day_after(tag: datetime.date) -> datetime.date:
    """The day after ``tag``, where an all-day event ends. The check keeps dates within 2000–2099; should one
    ever come through unchecked, the last day Python knows gives an event that ends on it, not a traceback."""
    return tag + datetime.timedelta(days=1) if tag < datetime.date.max else tag


def _event(frist: FristAnzeige, dtstamp: datetime.datetime, kontakt: str, beispiel: bool) -> Event:
    from icalendar import Alarm, Event

    f = frist.frist
    vorsilbe = "Beispieltermin – " if beispiel else ""
    summary = f"{vorsilbe}PLUS+: {f.titel} (letzter Tag)"
    teile = [f"Letzter Tag für Anträge im Förderprogramm PLUS+: Anträge, die bis einschließlich {frist.datum_text} "
             "bei der Netzwerkstelle eingehen, kommen in die nächste Abstimmung."]
    if f.beschreibung:
        teile.append(f.beschreibung)
    if frist.abstimmung_text:
        teile.append(f"Abstimmung über die Anträge: {frist.abstimmung_text}.")
    teile.append(f"Beratung: {kontakt}")
    if beispiel:
        teile.append("Achtung: Dies ist ein Beispieltermin, keine echte Frist.")
    event = Event.new(uid=uid(frist), stamp=dtstamp, summary=summary, description="\n\n".join(teile),
                      start=f.datum, end=day_after(f.datum),
                      categories=["PLUS+"], transparency="TRANSPARENT")
    alarm = Alarm.new(description=f"In 7 Tagen endet die PLUS+-Antragsfrist: {f.titel}")
    alarm.add("ACTION", "DISPLAY")
    alarm.add("TRIGGER", ERINNERUNG)
    event.add_component(alarm)
    return event


# --- events (data/termine.yml), with the deadlines, in one calendar to subscribe to -------------------------

TERMIN_UID_DOMAIN = "termine.schulerfolg.dessau-rosslau.de"
TERMINE_NAME = "Schulerfolg für Dessau-Roßlau – Termine"
BERLIN = "Europe/Berlin"


def termin_uid(termin_id: str) -> str:
    return f"{termin_id}@{TERMIN_UID_DOMAIN}"


def termine_calendar(termine: list, fristen: Iterable[FristAnzeige], *, stempel: datetime.date, kontakt: str,
                     beispiel: bool, url: str, abonnement: bool = True) -> bytes:
    """Every event (``models.Termin``) and every PLUS+ deadline; timed events in Europe/Berlin with its time
    zone, events without a time all-day. ``url``: the events page, absolute. A single event's file (``abonnement``
    false) is only imported."""
    from icalendar import Calendar, vDuration

    ident = "termine" if abonnement else "termin-" + "+".join(t.id for t in termine)
    cal = Calendar.new(prodid=PRODID, method="PUBLISH", calscale="GREGORIAN", uid=f"{ident}@{TERMIN_UID_DOMAIN}",
                       **({"name": TERMINE_NAME, "refresh_interval": AKTUALISIEREN} if abonnement else {}))
    if abonnement:
        cal["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"
        cal.add("X-PUBLISHED-TTL", vDuration(AKTUALISIEREN))
    dtstamp = datetime.datetime.combine(stempel, datetime.time(0), datetime.timezone.utc)
    for termin in termine:
        cal.add_component(_termin_event(termin, dtstamp, beispiel, url))
    for frist in fristen:
        cal.add_component(_event(frist, dtstamp, kontakt, beispiel))
    cal.add_missing_timezones()
    return cal.to_ical()


def _termin_event(t, dtstamp: datetime.datetime, beispiel: bool, url: str) -> Event:
    from zoneinfo import ZoneInfo

    from icalendar import Event

    if t.beginn is None:
        start, end = t.datum, day_after(t.datum)
    else:
        zone = ZoneInfo(BERLIN)
        start = datetime.datetime.combine(t.datum, datetime.time.fromisoformat(t.beginn), zone)
        end = (datetime.datetime.combine(t.datum, datetime.time.fromisoformat(t.ende), zone) if t.ende
               else start + datetime.timedelta(hours=2))
    summary = ("Beispieltermin – " if beispiel else "") + ("Abgesagt: " if t.abgesagt else "") + t.titel
    teile = [t.beschreibung] if t.beschreibung else []
    if t.hinweis:
        teile.append(t.hinweis)
    if t.beginn is None:
        teile.append("Uhrzeit folgt.")
    if beispiel:
        teile.append("Achtung: Dies ist ein Beispieltermin.")
    ort = "Ort wird noch bekanntgegeben"
    if t.ort is not None:
        ort = t.ort.name + (f", {t.ort.adresse.strasse}, {t.ort.adresse.plz} {t.ort.adresse.ort}" if t.ort.adresse else "")
    event = Event.new(uid=termin_uid(t.id), stamp=dtstamp, summary=summary, description="\n\n".join(teile) or None,
                      start=start, end=end, location=ort, url=f"{url}#{t.id}",
                      status="CANCELLED" if t.abgesagt else "CONFIRMED")
    return event
