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
