"""The PLUS+ calendar files, parsed back with the icalendar library as a calendar app would read them."""
from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

from icalendar import Calendar

from schulerfolg.buildcache import BuildCache
from schulerfolg.site.pages import Asset, Context
from schulerfolg.site.parts.plus import plus as plus_part
from schulerfolg.site.produce import produce

D = datetime.date
HEUTE = D(2026, 4, 1)


def calendars(daten, heute=HEUTE, cache: BuildCache | None = None) -> list[Asset]:
    """The calendar files of the PLUS+ part, made (``cache=None``: in memory) or taken from ``cache``."""
    return produce([a for a in plus_part(Context(daten, heute)) if isinstance(a, Asset) and a.path.endswith(".ics")],
                   cache)


def assets(daten, heute=HEUTE) -> dict[str, bytes]:
    return {a.path: a.content for a in calendars(daten, heute)}


def events(raw: bytes):
    found = Calendar.from_ical(raw).walk("VEVENT")
    assert found, raw
    return found


def test_one_all_day_event_per_deadline(daten):
    cal = Calendar.from_ical(assets(daten)["plus/fristen.ics"])
    assert str(cal["VERSION"]) == "2.0" and "PRODID" in cal and str(cal["METHOD"]) == "PUBLISH"
    evs = cal.walk("VEVENT")
    assert [e.decoded("DTSTART") for e in evs] == [f.datum for f in sorted(daten.plus.fristen, key=lambda f: f.datum)]
    for e in evs:
        start, end = e.decoded("DTSTART"), e.decoded("DTEND")
        assert type(start) is datetime.date and type(end) is datetime.date  # all-day, not a time of day
        assert e["DTSTART"].params["VALUE"] == "DATE"
        assert end - start == datetime.timedelta(days=1)  # DTEND is exclusive: the next day
        assert str(e["TRANSP"]) == "TRANSPARENT"


def test_summaries_and_descriptions_are_german(daten):
    evs = events(assets(daten)["plus/fristen.ics"])
    frist = min(daten.plus.fristen, key=lambda f: f.datum)
    summary = str(evs[0]["SUMMARY"])
    assert frist.titel in summary and "letzter Tag" in summary
    assert summary.startswith("Beispieltermin")  # the sample data say so, even inside a calendar
    description = str(evs[0]["DESCRIPTION"])
    assert "Dienstag, 31. März 2026" in description and "bis einschließlich" in description
    assert daten.netzwerkstelle.kontakt.email in description


def test_reminder_seven_days_before(daten):
    for e in events(assets(daten)["plus/fristen.ics"]):
        [alarm] = e.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == datetime.timedelta(days=-7)
        assert "-P7D" in alarm.to_ical().decode()
        assert str(alarm["DESCRIPTION"])


def test_uids_are_stable_across_builds_and_build_dates(daten):
    first = assets(daten, HEUTE)
    again = assets(daten, HEUTE)
    later = assets(daten, D(2026, 12, 24))
    assert first["plus/fristen.ics"] == again["plus/fristen.ics"]  # byte for byte: a reproducible build
    uids = [str(e["UID"]) for e in events(first["plus/fristen.ics"])]
    assert uids == [str(e["UID"]) for e in events(later["plus/fristen.ics"])]
    assert uids[0] == "2026-03-31-antragsfrist-fruehjahr-2026@plus.schulerfolg.dessau-rosslau.de"
    assert len(set(uids)) == len(uids)
    assert str(Calendar.from_ical(first["plus/fristen.ics"])["UID"]) == str(Calendar.from_ical(later["plus/fristen.ics"])["UID"])


def test_dtstamp_is_midnight_utc_of_the_build_date(daten, monkeypatch):
    for e in events(assets(daten, D(2026, 5, 6))["plus/fristen.ics"]):
        assert e.decoded("DTSTAMP") == datetime.datetime(2026, 5, 6, tzinfo=datetime.timezone.utc)


def test_each_deadline_has_its_own_file_with_the_same_uid(daten):
    files = assets(daten)
    alle = {str(e["UID"]): e for e in events(files["plus/fristen.ics"])}
    einzeln = {p: c for p, c in files.items() if p.startswith("plus/fristen/")}
    assert len(einzeln) == len(daten.plus.fristen)
    for path, raw in einzeln.items():
        cal = Calendar.from_ical(raw)
        [e] = cal.walk("VEVENT")
        assert path == f"plus/fristen/{str(e['UID']).split('@')[0]}.ics"
        assert e.to_ical() == alle[str(e["UID"])].to_ical()  # importing both never duplicates
        assert "REFRESH-INTERVAL" not in cal  # a single deadline is imported, not subscribed to


def test_the_file_with_every_deadline_can_be_subscribed(daten):
    raw = assets(daten)["plus/fristen.ics"]
    cal = Calendar.from_ical(raw)
    assert str(cal["NAME"]) == "PLUS+ Antragsfristen"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:P1D\r\n" in raw


def test_rfc5545_lines_end_in_crlf_and_are_folded_at_75_octets(daten):
    files = assets(daten)
    assert len(files) == 1 + len(daten.plus.fristen)
    for raw in files.values():
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
        assert max(len(line) for line in raw.split(b"\r\n")) <= 75


def test_calendars_come_from_the_cache_until_their_input_changes(daten, tmp_path):
    def files(d, heute=HEUTE) -> dict[str, Path]:
        return {a.path: a.source for a in calendars(d, heute, BuildCache(tmp_path))}

    first = files(daten)
    assert first and all(p.is_relative_to(tmp_path) for p in first.values())
    made = assets(daten)  # made without a cache: the same bytes
    assert {k: p.read_bytes() for k, p in first.items()} == made
    written = {p: p.stat().st_mtime_ns for p in first.values()}
    assert files(daten) == first and {p: p.stat().st_mtime_ns for p in first.values()} == written

    nw = daten.netzwerkstelle
    anders = dataclasses.replace(daten, netzwerkstelle=nw.model_copy(
        update={"kontakt": nw.kontakt.model_copy(update={"telefon": "0340 204-9999"})}))
    neu = files(anders)
    assert neu["plus/fristen.ics"] != first["plus/fristen.ics"]
    assert b"0340 204-9999" in neu["plus/fristen.ics"].read_bytes().replace(b"\r\n ", b"")
    assert files(daten, HEUTE + datetime.timedelta(days=1))["plus/fristen.ics"] != first["plus/fristen.ics"]  # DTSTAMP
