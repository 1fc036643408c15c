"""News and events (issue 19): the data's messages at the file's line, the pages as of the build date, the Atom
feed read back with feedparser, the calendar read back with icalendar, JSON-LD that no value can break out of."""
from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys

import feedparser
from bs4 import BeautifulSoup
from icalendar import Calendar

from helpers import TODAY, kontext, line_of, problems, replace

from schulerfolg.site.pages import Asset, Page
from schulerfolg.site.parts import aktuelles
from schulerfolg.site.produce import produce
from schulerfolg.site.render import render

D = datetime.date


def _teile(daten, heute=TODAY, part=aktuelles.termine):
    items = list(part(kontext(daten, heute)))
    return {p.path: p for p in items if isinstance(p, Page)}, {a.path: a for a in produce(
        [a for a in items if isinstance(a, Asset) and a.recipe or isinstance(a, Asset) and a.content], None)}


def _html(page, daten) -> BeautifulSoup:
    """The page rendered; the sizes it names are those of the sample site (any number will do here)."""
    return BeautifulSoup(render(page, daten, _JedeGroesse()), "html.parser")


class _JedeGroesse(dict):
    def __missing__(self, key):
        return 1000

    def __bool__(self):
        return True


def _ids(page, daten) -> list[str]:
    return [li["id"] for li in _html(page, daten).select("li.sf-termin")]


def test_an_event_moves_to_the_archive_the_day_after_it(daten):
    termin = "2026-11-24-netzwerktreffen-schulsozialarbeit"
    for heute, oben, archiv in ((D(2026, 11, 24), True, False), (D(2026, 11, 25), False, True)):
        pages, _ = _teile(daten, heute)
        assert (termin in _ids(pages["termine/index.md"], daten)) is oben, heute
        assert (termin in _ids(pages["termine/archiv.md"], daten)) is archiv, heute


def test_the_build_date_comes_from_source_date_epoch(tmp_path):
    """The same move through the whole hook-free build: SOURCE_DATE_EPOCH of 24 and of 25 November."""
    # With the repository's build cache, as a build has it: the photos are not encoded again for the question.
    code = ("from pathlib import Path; from schulerfolg.load import load; from schulerfolg.site.build import build; "
            "from schulerfolg.buildcache import BuildCache; c = BuildCache.of(Path('.')); "
            "r = load(Path('data'), cache=c); s = build(r.daten, r.befunde, c); "
            "p = next(p for p in s.pages if p.path == 'termine/index.md'); "
            "print('2026-11-24-netzwerktreffen' in s.markdown(p))")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    seen = []
    for tag in (D(2026, 11, 24), D(2026, 11, 25)):
        epoch = int(datetime.datetime(tag.year, tag.month, tag.day, 12, tzinfo=datetime.timezone.utc).timestamp())
        out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True,
                             env={**os.environ, "SOURCE_DATE_EPOCH": str(epoch)})
        seen.append(out.stdout.strip())
    assert seen == ["True", "False"]


def test_missing_time_and_place_are_said_plainly(daten):
    pages, _ = _teile(daten)
    seite = _html(pages["termine/index.md"], daten)
    ohne_zeit = seite.find(id="2026-11-24-netzwerktreffen-schulsozialarbeit").get_text(" ", strip=True)
    ohne_ort = seite.find(id="2027-03-18-sozialraumkonferenz-mitte").get_text(" ", strip=True)
    assert "Uhrzeit folgt" in ohne_zeit
    assert "Ort wird noch bekanntgegeben" in ohne_ort


def test_a_cancelled_event_stays_listed_as_cancelled_without_calendar_link(daten):
    pages, _ = _teile(daten)
    li = _html(pages["termine/index.md"], daten).find(id="2026-12-03-steuerungsgruppe")
    assert li.find(class_="sf-abgesagt").get_text() == "Abgesagt:"
    assert "In den Kalender" not in li.get_text()


def test_calendar_has_every_event_and_deadline_with_stable_uids_in_berlin_time(daten):
    _, files = _teile(daten)
    cal = Calendar.from_ical(files["termine.ics"].content)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert len(events) == len(daten.termine) + len(daten.plus.fristen)
    abend = events["2027-01-20-stadtelternabend@termine.schulerfolg.dessau-rosslau.de"]
    assert abend.decoded("DTSTART") == datetime.datetime(2027, 1, 20, 18, 0, tzinfo=abend.decoded("DTSTART").tzinfo)
    assert abend["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    ganztags = events["2026-11-24-netzwerktreffen-schulsozialarbeit@termine.schulerfolg.dessau-rosslau.de"]
    assert ganztags.decoded("DTSTART") == D(2026, 11, 24) and ganztags.decoded("DTEND") == D(2026, 11, 25)
    assert str(events["2026-12-03-steuerungsgruppe@termine.schulerfolg.dessau-rosslau.de"]["STATUS"]) == "CANCELLED"
    # the same UIDs on another build date
    _, spaeter = _teile(daten, D(2027, 2, 1))
    assert {str(e["UID"]) for e in Calendar.from_ical(spaeter["termine.ics"].content).walk("VEVENT")} == set(events)


def test_atom_feed_parses_with_absolute_links_and_stable_ids(daten):
    items = list(aktuelles.aktuelles(kontext(daten)))
    raw = next(a for a in items if isinstance(a, Asset) and a.path == aktuelles.FEED).content
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    assert len(parsed.entries) == len(daten.meldungen)
    neueste = parsed.entries[0]
    assert neueste.id == "tag:schulerfolg.dessau-rosslau.de,2026:aktuelles/2026-11-02-neue-fachkraft-gs-ziebigk"
    assert neueste.link == "https://schulerfolg.dessau-rosslau.de/aktuelles/2026-11-02-neue-fachkraft-gs-ziebigk/"
    inhalt = BeautifulSoup(neueste.content[0].value, "html.parser")
    assert [a["href"] for a in inhalt.find_all("a")] == ["https://schulerfolg.dessau-rosslau.de/schulen/gs-ziebigk/"]


def test_news_are_newest_first_and_paged(daten):
    items = list(aktuelles.aktuelles(kontext(daten)))
    pages = {p.path: p for p in items if isinstance(p, Page)}
    erste = [a.kennung for a in pages["aktuelles/index.md"].context["artikel"]]
    zweite = [a.kennung for a in pages["aktuelles/seite-2.md"].context["artikel"]]
    alle = sorted(daten.meldungen, reverse=True)
    assert erste + zweite == alle and len(erste) == aktuelles.PRO_SEITE
    bericht = [a.kennung for a in pages["aktuelles/kategorie/termine-bericht.md"].context["artikel"]]
    assert bericht == ["2026-09-18-bericht-fachtag", "2026-06-25-bericht-sozialraumkonferenz-nord"]


def test_json_ld_cannot_end_its_script_element(daten):
    wert = aktuelles.json_ld({"name": "</script><script>alert(1)</script> & 'x'"})
    assert "<" not in wert and ">" not in wert and "'" not in wert
    assert json.loads(str(wert)) == {"name": "</script><script>alert(1)</script> & 'x'"}


def test_event_json_ld_from_the_data(daten):
    pages, _ = _teile(daten)
    script = _html(pages["termine/index.md"], daten).find("script", type="application/ld+json")
    events = json.loads(script.string)
    abend = next(e for e in events if e["name"].startswith("Stadtelternabend"))
    assert abend["@type"] == "Event" and abend["startDate"] == "2027-01-20T18:00"
    assert abend["location"]["address"]["postalCode"] == "06844"


def test_school_and_carrier_pages_list_their_news(sample_site):
    schule = next(p for p in sample_site.pages if p.path == "schulen/gs-ziebigk.md")
    links = [a["href"] for a in BeautifulSoup(sample_site.markdown(schule), "html.parser").select(".sf-meldung a")]
    assert links == ["../../aktuelles/2026-11-02-neue-fachkraft-gs-ziebigk/",
                     "../../aktuelles/2026-06-25-bericht-sozialraumkonferenz-nord/"]


def test_news_problems_point_at_the_line_of_the_file(data_copy):
    datei = data_copy / "aktuelles" / "2026-09-18-bericht-fachtag.md"
    replace(datei, "kategorie: termine-bericht", "kategorie: bericht")
    replace(datei, "Über hundert", "Über <b>hundert</b>")
    replace(datei, "traeger: [st-johannis, kiez-ev]", "traeger: [st-johannes, kiez-ev]")
    found = [p for p in problems(data_copy) if "aktuelles/" in p]
    assert found == [
        f"data/aktuelles/2026-09-18-bericht-fachtag.md:{line_of(datei, 'kategorie:')}:12: »bericht« ist hier nicht "
        "erlaubt. Erlaubt sind: schlaglicht, netzwerk, plus, eltern, termine-bericht.",
        f"data/aktuelles/2026-09-18-bericht-fachtag.md:{line_of(datei, 'Über')}:1: HTML wie »<b>« ist hier nicht "
        "erlaubt. Verwenden Sie Markdown, z. B. **fett** oder [Linktext](https://…).",
    ]


def test_event_problems_in_german_at_their_line(data_copy):
    datei = data_copy / "termine.yml"
    replace(datei, "bericht: 2026-09-18-bericht-fachtag", "bericht: 2026-09-18-bericht-fachtg")
    replace(datei, '    beginn: "16:00"\n    ende: "17:30"', '    beginn: "16:00"\n    ende: "15:30"')
    found = problems(data_copy)
    assert found == [
        f"data/termine.yml:{line_of(datei, 'fachtg')}:14: Eine Meldung »data/aktuelles/2026-09-18-bericht-fachtg.md« "
        "gibt es nicht. Tragen Sie den Dateinamen der Meldung ohne ».md« ein. Meinten Sie »2026-09-18-bericht-fachtag«?",
        f"data/termine.yml:{line_of(datei, '15:30')}:11: Das Ende (15:30 Uhr) muss nach dem Beginn (16:00 Uhr) liegen.",
    ]
