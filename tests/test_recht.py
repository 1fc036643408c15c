"""Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit: from the data, linked from every page."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from helpers import TODAY
from sitebuild import all_pages, page, strict_build, target

from schulerfolg.data.models import Film
from schulerfolg.site.parts import recht
from schulerfolg.site.pages import Context
from schulerfolg.site.render import render

LEGAL = ("impressum/", "datenschutz/", "barrierefreiheit/")


@pytest.fixture(scope="module")
def site() -> Path:
    return strict_build()


def text_of(site: Path, url: str) -> str:
    return re.sub(r"\s+", " ", page(site, url).select_one("article").get_text(" ", strip=True))


def rendered(daten, path: str, **changes) -> str:
    """One legal page as Markdown, for data changed in ``changes`` (no MkDocs involved)."""
    nw = daten.netzwerkstelle.model_copy(update=changes)
    geaendert = dataclasses.replace(daten, netzwerkstelle=nw)
    return next(render(p, geaendert) for p in recht.recht(Context(geaendert, TODAY)) if p.path == path)


# ---------------------------------------------------------------- every page links the legal pages

def test_every_page_links_the_three_legal_pages_in_its_footer(site):
    urls = all_pages(site)
    themed = [u for u in urls if page(site, u).select_one('meta[name=generator][content^="mkdocs-"]')]
    assert set(urls) - set(themed) <= {"admin/"}  # only the editors' web editor is no page of the theme
    assert len(themed) > 60  # schools, carriers, guide in five languages, …
    for url in themed:
        footer = page(site, url).select_one("footer")
        assert footer is not None, f"{url}: no footer"
        links = {target(url, a["href"]) for a in footer.select("a[href]")}
        for legal in LEGAL:
            assert legal in links, f"{url}: footer does not link {legal}"
        assert footer.select_one("nav.sf-rechtliches") is not None  # in the page's language (issue 18)


def test_the_legal_pages_exist_and_are_german(site):
    for url in LEGAL + ("leichte-sprache/barrierefreiheit/",):
        doc = page(site, url)
        assert doc.html["lang"] == "de" and doc.body["dir"] == "ltr"
        assert doc.select_one("article h1") is not None


# ---------------------------------------------------------------- Impressum

def test_impressum_from_the_data(site, daten):
    i = daten.netzwerkstelle.impressum
    text = text_of(site, "impressum/")
    assert "§ 5 Digitale-Dienste-Gesetz (DDG)" in text
    for part in (i.anbieter, i.rechtsform, f"Vertreten durch {i.vertreten_durch}.", i.adresse.strasse,
                 f"{i.adresse.plz} {i.adresse.ort}", i.aufsichtsbehoerde.name, i.redaktion, daten.netzwerkstelle.name):
        assert part in text, f"Impressum lacks {part!r}"
    art = page(site, "impressum/").select_one("article")
    assert art.select_one(f'a[href="mailto:{i.email}"]') is not None
    assert art.select_one('a[href="tel:+493402040"]').get_text() == i.telefon
    assert "TMG" not in text  # the Telemediengesetz was replaced by the DDG


def test_impressum_without_data_says_what_to_fill_in(daten):
    md = rendered(daten, "impressum.md", impressum=None)
    assert "Abschnitt <code>impressum</code> in <code>data/netzwerkstelle.yml</code>" in md
    assert daten.netzwerkstelle.kontakt.email in md


# ---------------------------------------------------------------- Datenschutz

def test_datenschutz_from_the_data(site, daten):
    d = daten.netzwerkstelle.datenschutz
    text = text_of(site, "datenschutz/")
    for part in ("Artikel 13 der Datenschutz-Grundverordnung", d.datenschutzbeauftragte.name, d.aufsichtsbehoerde.name,
                 d.hosting, f"nach {d.protokoll_tage} Tagen gelöscht", "Art. 77 DSGVO", "keine Cookies",
                 "Stand dieser Datenschutzerklärung: 21. November 2026"):
        assert part in text, f"Datenschutz lacks {part!r}"
    art = page(site, "datenschutz/").select_one("article")
    assert art.select_one(f'a[href="mailto:{d.datenschutzbeauftragte.email}"]') is not None
    assert art.select_one(f'a[href="{d.aufsichtsbehoerde.website}"]') is not None
    assert art.select_one("#externe-videos") is not None  # the two-click placeholder links here


def test_datenschutz_says_what_the_external_video_click_sends(daten):
    extern = Film(titel="Imagefilm", modus="extern", url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    md = rendered(daten, "datenschutz.md", film=extern)
    assert "YouTube – Google Ireland Limited" in md
    for part in ("erst geladen, wenn Sie auf „Video laden“", "IP-Adresse", "USA", "Art. 6 Abs. 1 Buchst. a DSGVO",
                 "§ 25 Abs. 1 TDDDG"):
        assert part in md, f"external-video section lacks {part!r}"
    selbst = rendered(daten, "datenschutz.md")
    assert "bindet kein Video einer Plattform" in selbst and "Google" not in selbst.split("Videos von Plattformen")[1]
    assert not re.search(r"\b(stünde|wäre|würde|sollte)\b", selbst), "the privacy notice says what is, not what might be"


# ---------------------------------------------------------------- Barrierefreiheit

def test_barrierefreiheit_from_the_data(site, daten):
    b = daten.netzwerkstelle.barrierefreiheit
    text = text_of(site, "barrierefreiheit/")
    for part in ("BGG LSA", "BGGVO LSA", "EN 301 549", "WCAG", "teilweise vereinbar", "§ 16d BGG LSA",
                 "Letzte Prüfung: 21. November 2026", b.ombudsstelle.name, "innerhalb eines Monats"):
        assert part in text, f"Erklärung lacks {part!r}"
    for e in b.einschraenkungen:
        assert re.sub(r"\s+", " ", e.was) in text
        assert re.sub(r"\s+", " ", e.alternative) in text
    assert "Selbstbewertung" in text


def test_barrierefreiheit_feedback_is_a_mailto_with_subject_and_the_ombudsstelle_is_linked(site, daten):
    b = daten.netzwerkstelle.barrierefreiheit
    url = "barrierefreiheit/"
    art = page(site, url).select_one("article")
    mail = art.select_one(f'a[href^="mailto:{b.feedback_email}?"]')
    assert mail is not None, "no feedback mailto"
    query = parse_qs(urlsplit(mail["href"]).query)
    assert query["subject"] == ["Barriere auf der Website „Schulerfolg für Dessau-Roßlau“"]
    assert "Was hat nicht funktioniert?" in unquote(query["body"][0])
    assert art.select_one(f'a[href="{b.ombudsstelle.website}"]') is not None
    links = {target(url, a["href"]) for a in art.select("a[href]")}
    assert {"leichte-sprache/barrierefreiheit/", "gebaerdensprache/"} <= links


def test_barrierefreiheit_names_a_contact_form_when_there_is_one(daten):
    b = daten.netzwerkstelle.barrierefreiheit.model_copy(update={"kontaktformular": "https://www.example.org/formular"})
    md = rendered(daten, "barrierefreiheit.md", barrierefreiheit=b)
    assert 'Online-Formular: <a href="https://www.example.org/formular">https://www.example.org/formular</a>' in md
    assert "ohne eigenes Online-Formular" not in md


def test_barrierefreiheit_in_leichte_sprache_from_the_data(site, daten):
    b = daten.netzwerkstelle.barrierefreiheit
    text = text_of(site, "leichte-sprache/barrierefreiheit/")
    for e in b.einschraenkungen:
        assert re.sub(r"\s+", " ", e.leichte_sprache) in text
    assert "Die letzte Prüfung war am 21. November 2026." in text
    assert "Ombuds-Stelle" in text
    art = page(site, "leichte-sprache/barrierefreiheit/").select_one("article")
    assert art.select_one(f'a[href^="mailto:{b.feedback_email}?subject="]') is not None
    assert target("leichte-sprache/barrierefreiheit/", art.select_one('a[href$="barrierefreiheit/"]')["href"]) == "barrierefreiheit/"


def test_missing_accessibility_data_is_said_not_hidden(daten):
    md = rendered(daten, "barrierefreiheit.md", barrierefreiheit=None)
    assert "Abschnitt <code>barrierefreiheit</code> in <code>data/netzwerkstelle.yml</code>" in md
    assert f"mailto:{daten.netzwerkstelle.kontakt.email}" in md
