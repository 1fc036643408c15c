"""The frame of every public page (issue 18): a city website, not a documentation theme, in the page's language."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml
from sitebuild import all_pages, page, strict_build

from schulerfolg.site import chrome, eltern

SITE_NAME = "Schulerfolg für Dessau-Roßlau"
LANDING = ("", "schulsozialarbeit/", "schulen/", "traeger/", "netzwerkstelle/", "plus/", "eltern/",
           "leichte-sprache/", "gebaerdensprache/", "impressum/", "datenschutz/", "barrierefreiheit/")


@pytest.fixture(scope="module")
def site() -> Path:
    return strict_build()


def public_pages(site: Path) -> list[str]:
    urls = [u for u in all_pages(site) if not u.startswith("admin/")]
    assert len(urls) > 60
    return urls


def test_no_documentation_chrome_on_any_public_page(site):
    for url in public_pages(site):
        doc = page(site, url)
        assert not doc.select(".md-footer__link, .md-footer-meta"), f"{url}: »Zurück/Weiter« footer"
        assert "Made with" not in doc.get_text(), f"{url}: »Made with Material for MkDocs«"
        assert doc.select_one("header.sf-kopf") and doc.select_one("footer.sf-fuss"), f"{url}: not the city's frame"


def test_landing_and_short_pages_have_no_contents_column(site):
    for url in LANDING:
        assert page(site, url).select_one(".md-sidebar--secondary") is None, f"{url}: contents column"
    long_guide = page(site, "eltern/schulanfang/")  # long guide pages keep theirs
    assert long_guide.select_one(".md-sidebar--secondary nav.md-nav--secondary") is not None


def test_home_title_is_the_site_name_and_other_titles_name_the_page(site):
    assert page(site, "").title.get_text() == SITE_NAME
    assert page(site, "plus/").title.get_text().endswith(f" - {SITE_NAME}")


def test_header_names_city_office_and_the_ways_in_with_labelled_icons(site):
    kopf = page(site, "schulen/").select_one("header.sf-kopf")
    text = kopf.get_text(" ", strip=True)
    assert "Stadt Dessau-Roßlau · Jugendamt" in text and f"Netzwerkstelle „{SITE_NAME}“" in text
    zugaenge = kopf.select("nav.sf-kopf__zugaenge a")
    assert [a.get_text(strip=True) for a in zugaenge] == ["Leichte Sprache", "Gebärdensprache"]
    assert all(a.select_one("svg[aria-hidden=true]") for a in zugaenge)


def test_footer_shows_the_office_contact_from_the_data(site, daten):
    nw = daten.netzwerkstelle
    fuss = page(site, "schulen/").select_one("footer.sf-fuss")
    text = fuss.get_text(" ", strip=True)
    for part in (nw.name, nw.adresse.strasse, f"{nw.adresse.plz} {nw.adresse.ort}", nw.kontakt.email):
        assert part in text, f"footer lacks {part!r}"
    assert fuss.select_one(f'a[href="mailto:{nw.kontakt.email}"]') is not None
    assert fuss.select_one(f'a[href="{chrome.CITY_URL}"]') is not None


@pytest.mark.parametrize("sprache", eltern.SPRACHEN[1:], ids=lambda s: s.lang)
def test_translated_pages_carry_translated_chrome_and_direction_on_html(site, sprache):
    doc = page(site, f"eltern/{sprache.ordner}/hilfe/")
    w = chrome.words(sprache.lang)
    assert doc.html["lang"] == sprache.lang and doc.html["dir"] == sprache.dir
    kopf = doc.select_one("header.sf-kopf").get_text(" ", strip=True)
    assert f"{w['stadt']} · {w['jugendamt']}" in kopf and w["leichte_sprache"] in kopf and w["menue"] in kopf
    fuss = doc.select_one("footer.sf-fuss").get_text(" ", strip=True)
    for key in ("kontakt", "rechtliches", "impressum", "datenschutz", "barrierefreiheit", "angebot"):
        assert w[key] in fuss, f"{sprache.lang}: footer lacks {w[key]!r}"
    assert w["beispieldaten_text"] in doc.select_one(".sf-beispieldaten").get_text(" ", strip=True)
    menu = [a.get_text(" ", strip=True) for a in doc.select("nav.md-nav--primary > ul > li > a.md-nav__link")]
    assert chrome.NAV[sprache.lang[:2]]["Schulen"] in menu, f"{sprache.lang}: menu not translated: {menu}"
    assert doc.select_one(".md-skip").get_text(strip=True)  # Material's skip link, in the page's language


def test_every_language_has_every_word_of_the_frame():
    for lang, words in chrome.TRANSLATED.items():
        assert words.keys() == chrome.DE.keys(), f"{lang}: {set(chrome.DE) ^ set(words)}"
        assert all(w.strip() for w in words.values())
    for lang, nav in chrome.NAV.items():
        assert set(nav) <= set(chrome.NAV["en"]) and len(nav) == len(chrome.NAV["en"]), lang


def test_german_pages_keep_german_chrome_and_left_to_right(site):
    doc = page(site, "eltern/hilfe/")
    assert doc.html["lang"] == "de" and doc.html["dir"] == "ltr"
    assert "Stadt Dessau-Roßlau · Jugendamt" in doc.select_one("header.sf-kopf").get_text(" ", strip=True)


def test_the_hook_free_project_hands_the_theme_the_same_frame(daten):
    from schulerfolg.generate import extra_yaml
    nw = daten.netzwerkstelle.model_copy(update={"name": 'Netzwerkstelle "x": !!python/object <b>'})
    extra = yaml.safe_load(extra_yaml(dataclasses.replace(daten, netzwerkstelle=nw)))["extra"]
    assert extra["beispieldaten"] is True
    assert extra["chrome"]["kontakt"]["name"] == nw.name  # text stays text through the YAML emitter
    assert extra["chrome"]["woerter"]["ar"] == chrome.words("ar")
