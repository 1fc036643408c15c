"""The built site (``mkdocs build --strict``, build date fixed by SOURCE_DATE_EPOCH): /plus/, the start page's
deadline, every download and calendar file, as a visitor gets them."""
from __future__ import annotations

import datetime
import re
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from bs4 import BeautifulSoup
from conftest import DATA
from icalendar import Calendar
from sitebuild import strict_build

from schulerfolg.findings.forms import dateigroesse

BUILD_DAY = datetime.datetime(2026, 9, 30, 8, tzinfo=datetime.timezone.utc)  # the autumn deadline's last day


@pytest.fixture(scope="module")
def site() -> Path:
    return strict_build(str(int(BUILD_DAY.timestamp())))


def article(site: Path, url: str):
    path = site / url / "index.html" if url.endswith("/") or not url else site / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article")


def resolve(site: Path, page_url: str, href: str) -> Path:
    target = unquote(urljoin("/" + page_url, href).split("#")[0]).lstrip("/")
    path = site / target
    return path / "index.html" if target == "" or target.endswith("/") else path


def test_plus_page_shows_the_deadline_of_the_build_day_as_still_open(site):
    text = article(site, "plus/").get_text(" ", strip=True)
    assert "Anträge nehmen wir bis einschließlich Mittwoch, 30. September 2026 an" in text
    assert "Heute ist der letzte Tag." in text
    items = article(site, "plus/").select("li.sf-frist")
    assert ["(abgelaufen)" in li.get_text() for li in items] == [True, False, False]


def test_start_page_shows_the_same_next_deadline(site):
    start = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    box = start.find(id="aufgabe-plus").find_parent("section")
    text = box.get_text(" ", strip=True)
    assert "bis einschließlich Mittwoch, 30. September 2026" in text
    links = {a.get_text(" ", strip=True): a["href"] for a in box.find_all("a")}
    assert links["PLUS+ für Bildungsprojekte"] == "plus/"
    assert links["Formulare"] == "plus/#formulare"
    ics = resolve(site, "", links["Frist in den Kalender"])
    [event] = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert event.decoded("DTSTART") == datetime.date(2026, 9, 30)


def test_every_download_works_with_the_right_bytes_and_link_text(site, daten):
    art = article(site, "plus/")
    assert daten.plus.formulare
    seiten = {"plus-antrag.pdf": "3 Seiten", "plus-finanzierungsplan.pdf": "1 Seite", "plus-abschlussbericht.pdf": "2 Seiten"}
    for form in daten.plus.formulare:
        box = art.find(id=f"formular-{form.id}").find_parent(class_="sf-anhang")
        assert box.find(id=f"formular-{form.id}").get_text(strip=True) == form.titel  # the title once, above
        links = box.find_all("a")
        files = [form.datei, *form.alternativen]
        assert len(links) == len(files)  # the formats of one form stand together
        for a, rel in zip(links, files):
            name = Path(rel).name
            assert urljoin("/plus/", a["href"]) == f"/plus/formulare/{name}"  # a stable URL
            assert not a["href"].startswith(("/", "http"))  # relative: the site works under any address
            published = resolve(site, "plus/", a["href"])
            original = DATA / rel
            assert published.read_bytes() == original.read_bytes()
            fmt = {".pdf": "PDF", ".odt": "ODT", ".docx": "DOCX"}[original.suffix]
            angaben = ", ".join(filter(None, [fmt, seiten.get(name), dateigroesse(original.stat().st_size)]))
            versteckt = a.find(class_="sf-sr").extract().get_text()
            assert a.get_text() == angaben  # what the link shows: format, pages, size – not the title again
            assert versteckt == f"{form.titel}: "  # what it is called: the title first (WCAG 2.4.4, 2.5.3)
        assert "Stand: 15. Januar 2026" in box.get_text(" ", strip=True)


def test_at_a_glance_comes_first_with_amount_deadline_forms_and_the_named_person(site, daten):
    art = article(site, "plus/")
    blick = art.find(id="auf-einen-blick").find_parent("section")
    assert art.find("h2") is blick.h2  # nothing before it but the page's title
    eintraege = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in blick.find_all("dt")}
    assert list(eintraege) == ["Förderung", "Nächste Antragsfrist", "Formulare", "Ansprechperson"]
    assert "bis zu 2.000\u00a0€" in eintraege["Förderung"].get_text()
    assert "bis einschließlich Mittwoch, 30. September 2026" in eintraege["Nächste Antragsfrist"].get_text(" ", strip=True)
    pdfs = [urljoin("/plus/", a["href"]) for a in eintraege["Formulare"].find_all("a") if a["href"].endswith(".pdf")]
    assert pdfs == [f"/plus/formulare/{Path(f.datei).name}" for f in daten.plus.formulare]  # direct links
    person = daten.plus.ansprechperson
    text = eintraege["Ansprechperson"].get_text(" ", strip=True)
    assert person.name in text and person.funktion in text
    assert eintraege["Ansprechperson"].find("a", href=f"mailto:{person.email}") is not None
    assert eintraege["Ansprechperson"].find("a", href="tel:+493402041250") is not None
    assert blick.find_next_sibling("h2")["id"] == "verfahren"  # then the procedure as steps


def test_calendar_files_are_linked_and_parse(site, daten):
    art = article(site, "plus/")
    links = [a for a in art.find_all("a") if a["href"].endswith(".ics")]
    for a in links:  # the download pattern: what the file is, and its format and size
        assert re.search(r"\(ICS, \d+\u00a0KB\)$", a.get_text()), a.get_text()
        assert a.find(class_="sf-sr").get_text().endswith(": ")
    hrefs = [a["href"] for a in links]
    assert not [h for h in hrefs if h.startswith(("/", "http"))]  # relative: the site works under any address
    adressen = [urljoin("/plus/", h) for h in hrefs]
    assert "/plus/fristen.ics" in adressen
    assert len([h for h in adressen if h.startswith("/plus/fristen/")]) == 1 + 2  # the button, and each open deadline
    for href in set(hrefs):
        cal = Calendar.from_ical(resolve(site, "plus/", href).read_bytes())
        assert cal.walk("VEVENT")
    everything = Calendar.from_ical((site / "plus/fristen.ics").read_bytes())
    assert len(everything.walk("VEVENT")) == len(daten.plus.fristen)


def test_every_link_on_the_plus_page_reaches_something(site):
    art = article(site, "plus/")
    innen = [a["href"] for a in art.find_all("a", href=True)
             if not re.match(r"^(https?:|mailto:|tel:)", a["href"]) and not a["href"].startswith("#")]
    assert len(innen) > 10  # forms, calendar files, pages
    for href in innen:
        assert resolve(site, "plus/", href).exists(), href
    ids = {el["id"] for el in art.find_all(id=True)}
    sprungziele = [a["href"][1:] for a in art.find_all("a", href=re.compile("^#"))]
    assert sprungziele  # »#fristen« from »Auf einen Blick«
    for ziel in sprungziele:
        assert ziel in ids, ziel


def test_faq_is_an_accordion_and_the_steps_are_numbered(site, daten):
    art = article(site, "plus/")
    assert [d.summary.get_text(strip=True) for d in art.select("details.sf-frage")] == [f.frage for f in daten.plus.faq]
    assert [li.strong.get_text() for li in art.select("ol.sf-schritte > li")] == [s.titel for s in daten.plus.verfahren]
    assert "Abstimmung" in [s.titel for s in daten.plus.verfahren]


def test_advice_contact_is_the_office(site, daten):
    kontakt = article(site, "plus/").find(id="kontakt").find_next("dl")
    assert kontakt.find("a", href=f"mailto:{daten.netzwerkstelle.kontakt.email}") is not None
    assert kontakt.find("a", href=re.compile("^tel:")) is not None
