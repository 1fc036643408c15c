"""The parts of the site that present the data (site/parts: start, schulsozialarbeit, schulen, traeger,
netzwerkstelle, panels) on the built sample site: every school, person and carrier where it belongs.

The site is the shared ``mkdocs build --strict`` (sitebuild.py, as CI and the editors' preview build it);
assertions look at the content ``<article>``, not at the themed page around it. The generated
Markdown of one school page and one panel is compared with snapshots (``SNAPSHOT_UPDATE=1`` rewrites them).
"""
from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import os
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import markdown
import pytest
import vobject
import yaml
from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont
from helpers import TODAY, kontext
from sitebuild import ROOT, strict_build

from schulerfolg.data.fields import slugify, sprachnamen, telefon_text
from schulerfolg.data.models import Schulform
from schulerfolg.data.sprechzeiten import als_text
from schulerfolg.site import chrome
from schulerfolg.site.pages import Page
from schulerfolg.site.parts import panels, schulen
from schulerfolg.site.plan import plan
from schulerfolg.site.render import render

DATA = ROOT / "data"
SNAPSHOTS = Path(__file__).parent / "snapshots" / "site_parts"
MKDOCS_EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in
                     yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["markdown_extensions"]]


@pytest.fixture(scope="module")
def site() -> Path:
    return strict_build()  # on helpers.TODAY: after every consent date in the sample data


# ---------------------------------------------------------------- helpers

def html(site: Path, url: str) -> BeautifulSoup:
    """The built page at a directory URL such as ``schulen/gs-ziebigk/``."""
    path = site / url / "index.html" if url.endswith("/") or url == "" else site / url
    assert path.is_file(), f"page {url!r} missing: {path}"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(site: Path, url: str):
    found = html(site, url).select_one("article.md-content__inner")
    assert found is not None, f"no content article on {url!r}"
    return found


def target(url: str, href: str) -> str:
    """Site-relative path (``schulen/gs-ziebigk/``) a link on page ``url`` points to, fragment kept."""
    return urlsplit(urljoin("http://site/" + url, href))._replace(scheme="", netloc="").geturl().lstrip("/")


def hrefs(element, url: str) -> list[str]:
    return [target(url, a["href"]) for a in element.select("a[href]")
            if not urlsplit(a["href"]).scheme]


def file_of(site: Path, path: str) -> Path:
    path = unquote(urlsplit(path).path)
    return site / path / "index.html" if path.endswith("/") or path == "" else site / path


def themed_pages(site: Path) -> list[Path]:
    """Every page the theme made (the web editor under admin/ is a page of its own, without the theme)."""
    pages = [p for p in sorted(site.rglob("*.html"))
             if 'name="generator" content="mkdocs-' in p.read_text(encoding="utf-8")]
    assert len(pages) > 25
    return pages


def panel(art, person_id: str):
    found = art.select_one(f'section.sf-tafel[aria-labelledby="{person_id}"]')
    assert found is not None, f"no panel for {person_id}"
    return found


def generated_pages(daten) -> list[str]:
    return (["", "schulsozialarbeit/", "schulen/", "traeger/", "netzwerkstelle/"]
            + [f"schulen/{s.id}/" for s in daten.schulen] + [f"traeger/{t.id}/" for t in daten.traeger]
            + list(filter_pages(daten)))


def filter_pages(daten) -> dict[str, set[str]]:
    """Each filter page of /schulsozialarbeit/ with the people it must show: one page per language besides
    German that someone speaks, one per district with a school that has school social work."""
    pages = {}
    for code in {c for f in daten.fachkraefte for c in f.sprachen} - {"de"}:
        pages[f"schulsozialarbeit/sprache/{code}/"] = {f.id for f in daten.fachkraefte if code in f.sprachen}
    for f in daten.fachkraefte:
        for sid in f.schulen:
            if daten.schule[sid].stadtteil:
                pages.setdefault(f"schulsozialarbeit/stadtteil/{slugify(daten.schule[sid].stadtteil)}/", set()).add(f.id)
    return pages


# ---------------------------------------------------------------- the pages

def test_every_social_worker_is_a_panel_with_full_contact(site, daten):
    url = "schulsozialarbeit/"
    art = article(site, url)
    for f in daten.fachkraefte:
        p = panel(art, f.id)
        heading = p.find(id=f.id)
        # Under its school form (h2) and school (h3).
        assert heading is not None and heading.name == "h4" and heading.get_text(strip=True) == f.name
        links = hrefs(p, url)
        for sid in f.schulen:
            assert f"schulen/{sid}/" in links, f"{f.id}: school {sid} not linked"
        assert f"traeger/{f.traeger}/" in links
        assert f"kontakt/{f.id}.vcf" in links
        assert p.select_one(f'a[href="mailto:{f.email}"]') is not None
        if f.telefon:
            tel = p.select_one('a[href^="tel:+"]')
            assert tel is not None and tel.get_text(strip=True) == telefon_text(f.telefon)
        text = p.get_text(" ", strip=True)
        for code in f.sprachen:
            assert sprachnamen()[code] in text
        if f.sprechzeiten:
            assert als_text(f.sprechzeiten).replace("; ", " ") in text
        if f.zitat:
            assert f.zitat in p.select_one(".sf-zitat").get_text()
        # The overview's panels are compact: the example projects are on the school's page.
        assert "sf-tafel--kompakt" in p["class"]
        schulseite = panel(article(site, f"schulen/{f.schulen[0]}/"), f.id).get_text(" ", strip=True)
        for projekt in f.projekte:
            assert projekt.titel not in text and projekt.titel in schulseite
        # A photo from the pipeline, or the initials placeholder named for the person – never the original file.
        bild = p.select_one(".sf-tafel__bild")
        svg = bild.select_one('svg[role="img"]')
        if f.foto is None:
            assert svg is not None and f.name in svg["aria-label"]
        else:
            img = bild.select_one("picture img[alt]")
            assert (svg is not None and f.name in svg["aria-label"]) or (img is not None and f.name in img["alt"])
        assert not any("fotos/" in (img.get("src", "") + img.get("srcset", "")) for img in bild.select("img, source"))


def test_social_work_page_opens_with_what_it_is_from_the_data(site, daten):
    lead = article(site, "schulsozialarbeit/").select_one(".sf-lead")
    absaetze = [p.get_text(" ", strip=True) for p in lead.select("p")]
    assert 3 <= len(absaetze) <= 5
    assert absaetze[0].startswith(daten.netzwerkstelle.schulsozialarbeit.split("\n")[0].strip())


def test_social_workers_are_grouped_by_school_form_and_school(site, daten):
    """Every person once as a panel, and at each of their schools either that panel or a link to it."""
    art = article(site, "schulsozialarbeit/")
    forms = [sec.h2.get_text(strip=True) for sec in art.select("section.sf-fachschulform")]
    assert forms == [f.plural for f in Schulform
                     if any(s.schulform == f and daten.fachkraefte_an(s.id) for s in daten.schulen)]
    seen: dict[tuple[str, str], int] = {}
    for form in art.select("section.sf-fachschulform"):
        for gruppe in form.select("section.sf-schulgruppe"):
            sid = target("schulsozialarbeit/", gruppe.h3.a["href"]).removeprefix("schulen/").rstrip("/")
            assert daten.schule[sid].schulform.plural == form.h2.get_text(strip=True)
            people = [p["aria-labelledby"] for p in gruppe.select("section.sf-tafel")]
            people += [a["href"].removeprefix("#") for a in gruppe.select(".sf-schulgruppe__verweis a")]
            for pid in people:
                seen[(pid, sid)] = seen.get((pid, sid), 0) + 1
    assert seen == {(f.id, sid): 1 for f in daten.fachkraefte for sid in f.schulen}
    assert sorted(p["aria-labelledby"] for p in art.select("section.sf-tafel")) == sorted(f.id for f in daten.fachkraefte)
    # Below the introduction and the filter no photo is in the first screen: all wait until scrolled to.
    fotos = art.select("section.sf-tafel img")
    assert fotos and all(img.get("loading") == "lazy" and not img.get("fetchpriority") for img in fotos)


def test_filter_pages_show_each_person_exactly_where_their_languages_and_districts_are(site, daten):
    expected = filter_pages(daten)
    assert any("/sprache/" in u for u in expected) and any("/stadtteil/" in u for u in expected)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for url in ["schulsozialarbeit/", *expected]:
        bar = article(site, url).select_one("nav.sf-filter")
        assert bar is not None, f"{url}: no filter bar"
        links = [h for h in hrefs(bar, url) if "/sprache/" in h or "/stadtteil/" in h]
        assert sorted(links) == sorted(expected), f"{url}: filter bar"
        current = [target(url, a["href"]) for a in bar.select('a[aria-current="page"]')]
        assert current == ([] if url == "schulsozialarbeit/" else [url])
    for url, people in expected.items():
        art = article(site, url)
        assert {p["aria-labelledby"] for p in art.select("section.sf-tafel")} == people, url
        assert f"/{url}</loc>" in sitemap, f"{url} not in the sitemap"
        assert len(gzip.compress(file_of(site, url).read_bytes())) < 65_000


def test_language_filter_names_the_language_in_its_own_script(site):
    bar = article(site, "schulsozialarbeit/").select_one("nav.sf-filter")
    arabisch = next(a for a in bar.select("a") if a["href"].endswith("sprache/ar/"))
    eigen = arabisch.select_one('span[lang="ar"]')
    assert arabisch.get_text(" ", strip=True).startswith("Arabisch")
    assert eigen is not None and eigen.get_text() == "العربية" and eigen["dir"] == "rtl"


def test_every_school_page_names_its_social_workers_or_the_office(site, daten):
    nw = daten.netzwerkstelle
    for s in daten.schulen:
        url = f"schulen/{s.id}/"
        art = article(site, url)
        assert art.h1.get_text(strip=True) == s.name
        text = art.get_text(" ", strip=True)
        fachkraefte = daten.fachkraefte_an(s.id)
        for f in fachkraefte:
            p = panel(art, f.id)
            assert p.select_one(f'a[href="mailto:{f.email}"]') is not None
            assert f"traeger/{f.traeger}/" in hrefs(p, url)
            assert f"kontakt/{f.id}.vcf" in hrefs(p, url)
        if not fachkraefte:
            assert "keine Schulsozialarbeit" in text
            assert art.select_one(f'a[href="mailto:{nw.kontakt.email}"]') is not None
        assert len(art.select("section.sf-tafel")) == len(fachkraefte)
        if s.adresse:
            assert s.adresse.strasse in text and s.adresse.plz in text
        if s.website:
            assert art.select_one(f'a[href="{s.website}"]') is not None
        assert "schulen/" in hrefs(art, url)  # back to the finder


def test_every_carrier_page_lists_its_schools_and_staff(site, daten):
    overview = hrefs(article(site, "traeger/"), "traeger/")
    for t in daten.traeger:
        assert f"traeger/{t.id}/" in overview
        url = f"traeger/{t.id}/"
        art = article(site, url)
        assert art.h1.get_text(strip=True) == t.name
        links = hrefs(art, url)
        for s in daten.schulen_von(t.id):
            assert f"schulen/{s.id}/" in links
        staff = daten.fachkraefte_bei(t.id)
        assert {sec["aria-labelledby"] for sec in art.select("section.sf-tafel")} == {f.id for f in staff}


def test_office_page_has_tasks_steering_group_partners_contact_and_law(site, daten):
    nw = daten.netzwerkstelle
    art = article(site, "netzwerkstelle/")
    text = art.get_text(" ", strip=True)
    for aufgabe in nw.aufgaben:
        assert aufgabe in text
    assert art.find(id="steuerungsgruppe") is not None and "Schulerfolg sichern" in text
    for p in nw.partner:
        assert p.name in text
    for r in nw.rechtsgrundlagen:
        assert r.titel in text
    assert "§ 11 SGB VIII" in text and "§ 13 SGB VIII" in text
    assert art.select_one(f'a[href="mailto:{nw.kontakt.email}"]') is not None


def test_start_page_leads_parents_schools_and_carriers_on(site, daten):
    art = article(site, "")
    links = hrefs(art, "")
    for wanted in ("schulsozialarbeit/", "traeger/", "netzwerkstelle/", "netzwerkstelle/#steuerungsgruppe",
                   "plus/", "plus/#formulare", "eltern/"):
        assert wanted in links
    # The three tasks first, then the panels.
    headings = [h.get("id") for h in art.select("h2")]
    assert headings[:3] == ["aufgabe-schule", "aufgabe-plus", "aufgabe-eltern"]


def test_start_page_finder_is_a_form_to_the_list_of_schools(site, daten):
    art = article(site, "")
    form = art.select_one("form.sf-finder")
    assert form is not None and form["method"] == "get" and target("", form["action"]) == "schulen/"
    field = form.select_one('input[type="search"][name="q"]')
    assert field is not None and form.select_one(f'label[for="{field["id"]}"]') is not None
    suggestions = [o["value"] for o in art.select(f'datalist#{field["list"]} option')]
    assert sorted(suggestions) == sorted(s.name for s in daten.schulen)


def test_start_page_names_the_guides_languages_in_their_own_script(site):
    art = article(site, "")
    links = {a.get_text(strip=True): a for a in art.select(".sf-sprachwahl a")}
    assert list(links) == ["Deutsch", "Українська", "العربية", "دری", "English"]
    for name, lang, folder, richtung in [("Deutsch", "de", "", "ltr"), ("Українська", "uk", "uk/", "ltr"),
                                         ("العربية", "ar", "ar/", "rtl"), ("دری", "fa-AF", "fa/", "rtl"),
                                         ("English", "en", "en/", "ltr")]:
        a = links[name]
        assert (a["lang"], a["hreflang"], a["dir"]) == (lang, lang, richtung)
        assert target("", a["href"]) == f"eltern/{folder}"


def test_start_page_figures_are_counted_from_the_data(site, daten):
    figures = {li.get_text(" ", strip=True).split(" ", 1)[1]: li.strong.get_text(strip=True)
               for li in article(site, "").select("ul.sf-zahlen > li")}
    mit = {sid for f in daten.fachkraefte for sid in f.schulen}
    sprachen = {c for f in daten.fachkraefte for c in f.sprachen} - {"de"}
    assert figures == {"Schulen in der Übersicht": str(len(daten.schulen)),
                       "Schulen mit Schulsozialarbeit": str(len(mit)),
                       "Fachkräfte für Schulsozialarbeit": str(len(daten.fachkraefte)),
                       "Träger": str(len(daten.traeger)), "Sprachen neben Deutsch": str(len(sprachen)),
                       "PLUS+ je Projekt": daten.plus.hoechstbetrag_text}


def test_links_on_generated_pages_reach_existing_pages_and_anchors(site, daten):
    ids: dict[Path, set[str]] = {}
    checked = 0
    for url in generated_pages(daten):
        for link in hrefs(article(site, url), url):
            path = file_of(site, link)
            assert path.is_file(), f"{url}: link {link!r} leads nowhere"
            fragment = urlsplit(link).fragment
            if fragment:
                if path not in ids:
                    ids[path] = {el["id"] for el in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
                                 .select("[id]")}
                assert fragment in ids[path], f"{url}: anchor {link!r} missing"
            checked += 1
    assert checked > 100


def test_finder_lists_every_school_without_javascript(site, daten):
    page = html(site, "schulen/")
    art = page.select_one("article.md-content__inner")
    links = [h for h in hrefs(art, "schulen/") if h.startswith("schulen/") and h != "schulen/"]
    assert sorted(links) == sorted(f"schulen/{s.id}/" for s in daten.schulen)  # each exactly once
    field = art.select_one('input[type="search"]')
    assert field is not None and art.select_one(f'label[for="{field["id"]}"]') is not None
    assert art.select_one(f'#{field["aria-describedby"]}')["aria-live"] == "polite"
    assert [s["src"] for s in page.select('script[src*="schulsuche"]')] == ["../assets/javascripts/schulsuche.js"]
    assert (site / "assets/javascripts/schulsuche.js").is_file()
    # Grouped by school form, each form once.
    forms = [h.get_text(strip=True) for h in art.select("section.sf-schulform > h2")]
    assert forms == [f.plural for f in Schulform if any(s.schulform == f for s in daten.schulen)]


def test_finder_script_only_where_it_is_needed(site):
    assert html(site, "").select('script[src*="schulsuche"]') == []


def test_example_data_notice_on_every_page(site, daten):
    assert daten.netzwerkstelle.beispieldaten is True
    for path in themed_pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        notice = soup.select_one(".md-banner .sf-beispieldaten")
        expected = chrome.words(soup.html["lang"])["beispieldaten_text"]  # in the page's language (issue 18)
        assert notice is not None and expected in notice.get_text(), f"no example-data notice on {path}"


def test_every_page_has_a_working_skip_link(site):
    for path in themed_pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        skips = soup.select("a.md-skip")
        assert len(skips) == 1, f"{path}: {len(skips)} skip links"
        fragment = skips[0]["href"].partition("#")[2]
        assert fragment and soup.find(id=fragment) is not None, f"{path}: skip link target missing"


def test_theme_markup_is_valid_where_material_is_not(site):
    """hooks/theme_html.py and overrides/main.html repair what the Nu checker and axe report in material's markup."""
    labels = dialogs = 0
    for path in themed_pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert soup.select('input[type="checkbox"][autocomplete]') == [], path
        for label in soup.select("label[for]"):
            assert soup.find(id=label["for"]) is not None, f"{path}: label for #{label['for']} points at nothing"
            labels += 1
        for dialog in soup.select('[role="dialog"]'):
            assert dialog.get("aria-label") or dialog.get("aria-labelledby"), f"{path}: dialog without a name"
            dialogs += 1
    assert labels and dialogs  # the theme's drawer and search toggles, the search dialog


def test_navigation_lists_sections_not_every_school(site, daten):
    page = html(site, f"schulen/{daten.schulen[0].id}/")
    nav = page.select_one("nav.md-nav--primary")
    links = hrefs(nav, f"schulen/{daten.schulen[0].id}/")
    assert not any(link.startswith("schulen/") and link != "schulen/" for link in links)
    assert not any(link.startswith("traeger/") and link != "traeger/" for link in links)
    assert {"schulsozialarbeit/", "schulen/", "traeger/", "netzwerkstelle/"} <= set(links)
    assert len(nav.select("a")) < 22  # Aktuelles and Termine are sections of their own (issue 19)


def test_vcards_are_published_for_everyone(site, daten):
    for f in daten.fachkraefte:
        card = vobject.readOne((site / "kontakt" / f"{f.id}.vcf").read_bytes().decode("utf-8"))
        assert card.version.value == "4.0" and card.fn.value == f.name and card.email.value == f.email


def test_no_original_photo_is_published(site, daten):
    originals = {hashlib.sha256(p.read_bytes()).hexdigest(): p.name for p in (DATA / "fotos").iterdir() if p.is_file()}
    assert len(originals) >= len([f for f in daten.fachkraefte if f.foto])
    for path in site.rglob("*"):
        if path.is_file():
            assert hashlib.sha256(path.read_bytes()).hexdigest() not in originals, f"original photo copied: {path}"


def test_only_local_fonts_styles_and_scripts(site):
    page = html(site, "")
    verweise = page.select("link[href], script[src]")
    assert len(verweise) > 3
    for el in verweise:
        ref = el.get("href") or el.get("src")
        if el.name == "link" and el.get("rel") == ["canonical"]:
            continue
        assert not urlsplit(ref).netloc, f"external resource {ref}"
    css = (site / "assets/stylesheets/schulerfolg.css").read_text(encoding="utf-8")
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", css) and "@import" not in css
    for font in ("basis-400", "basis-600", "latin-400", "latin-ext-400", "cyrillic-400"):
        assert (site / f"assets/fonts/fira-sans/fira-sans-{font}-normal.woff2").is_file()
    assert (site / "assets/fonts/fira-sans/OFL.txt").is_file()


# The Latin subset of @fontsource/fira-sans 5.3.0 (unicode.json), which the theme splits into »basis« and »latin«.
FONTSOURCE_LATIN = ("U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, "
                    "U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD")


def _zeichen(bereich: str) -> set[int]:
    out: set[int] = set()
    for teil in "".join(bereich.split()).split(","):
        a, _, b = teil.removeprefix("U+").partition("-")
        out |= set(range(int(a, 16), int(b or a, 16) + 1))
    return out


# Characters no reader sees: zero-width space, non-joiner and joiner, the bidi marks and isolates, the byte order
# mark. Dari text holds the non-joiner in many words; no font part is fetched for them.
UNSICHTBAR = {0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF}


def test_the_font_parts_split_the_latin_range_and_name_only_what_they_draw():
    css = (ROOT / "overrides/assets/stylesheets/schulerfolg.css").read_text(encoding="utf-8")
    bereiche: dict[tuple[str, str], set[int]] = {}
    for teil, schnitt, bereich in re.findall(
            r'fira-sans-([a-z-]+)-(\d+)-normal\.woff2"\) format\("woff2"\);\s*unicode-range: ([^;]+);', css):
        bereiche[teil, schnitt] = _zeichen(bereich)
    for schnitt in ("400", "600"):
        basis, latin = bereiche["basis", schnitt], bereiche["latin", schnitt]
        assert not basis & latin
        assert basis | latin <= _zeichen(FONTSOURCE_LATIN)
        # The rest of Latin names exactly the visible characters its file draws: one it has no glyph for (the
        # zero-width non-joiner of every Dari page, the bidi marks, thin spaces) or one nobody sees (zero-width
        # space, byte order mark) must not make a page download it.
        rest = ROOT / f"overrides/assets/fonts/fira-sans/fira-sans-latin-{schnitt}-normal.woff2"
        assert latin == set(TTFont(rest).getBestCmap()) - UNSICHTBAR
        for (teil, _), bereich in bereiche.items():
            assert not bereich & (UNSICHTBAR | {0x202F}), teil
        assert set(map(ord, "AZaz09ÄÖÜäöüß€„“‚‘–…§éçÇ")) <= basis
        assert 0x0308 not in bereiche["latin-ext", schnitt]  # a pasted umlaut (a + ̈) must not fetch latin-ext
        for teil in ("basis", "latin"):  # no letter outside its range; sample letters inside it are there
            datei = ROOT / f"overrides/assets/fonts/fira-sans/fira-sans-{teil}-{schnitt}-normal.woff2"
            zeichen = set(TTFont(datei).getBestCmap()) - UNSICHTBAR
            assert zeichen <= bereiche[teil, schnitt] and set(map(ord, "AaçÇñ")) & bereiche[teil, schnitt] <= zeichen


def test_the_arabic_script_font_holds_every_letter_of_the_arabic_and_dari_pages():
    css = (ROOT / "overrides/assets/stylesheets/schulerfolg.css").read_text(encoding="utf-8")
    bereich = _zeichen(re.search(r'Vazirmatn-NL-Regular\.woff2"\) format\("woff2"\);\s*unicode-range: ([^;]+);', css)[1])
    zeichen = set(TTFont(ROOT / "overrides/assets/fonts/vazirmatn/Vazirmatn-NL-Regular.woff2").getBestCmap())
    assert zeichen <= bereich
    # The guide's pages, and the words of header, menu and footer in Arabic and Dari (site/chrome.py).
    quellen = [*(ROOT / "docs/eltern/ar").glob("*.md"), *(ROOT / "docs/eltern/fa").glob("*.md"),
               ROOT / "src/schulerfolg/site/chrome.py"]
    texte = "".join(p.read_text(encoding="utf-8") for p in quellen)
    arabisch = {ord(c) for c in texte if "\u0600" <= c <= "\u06ff"}
    assert len(arabisch) > 40 and arabisch <= zeichen, sorted(map(chr, arabisch - zeichen))


def test_the_favicon_is_part_of_the_page(site):
    """No request for an icon file on a first visit: the office's mark is an SVG data URI."""
    for url in ("", "schulen/gs-ziebigk/", "eltern/ar/"):
        icons = html(site, url).select('link[rel~="icon"]')
        assert len(icons) == 1 and icons[0]["href"].startswith("data:image/svg+xml,%3Csvg"), icons
        svg = unquote(icons[0]["href"].split(",", 1)[1])
        assert svg.startswith("<svg xmlns='http://www.w3.org/2000/svg'") and svg.endswith("</svg>")


def test_search_index_is_german_and_holds_people_schools_and_carriers(site, daten):
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["de"]
    locations = {d["location"] for d in index["docs"]}
    text = " ".join(d["title"] + " " + d["text"] for d in index["docs"])
    for s in daten.schulen:
        assert f"schulen/{s.id}/" in locations
    for t in daten.traeger:
        assert f"traeger/{t.id}/" in locations
    for f in daten.fachkraefte:
        assert f"schulsozialarbeit/#{f.id}" in locations
        assert f.name in text


# ---------------------------------------------------------------- the core alone, without MkDocs

@pytest.fixture(scope="module")
def rendered(daten):
    """The planned pages by path, and what the parts planned them from."""
    return {p.path: p for p in plan(daten, TODAY).pages}, kontext(daten)


def tafel(ctx, fachkraft) -> Page:
    """One panel on its own, as the page of all social workers shows it."""
    return Page("schulsozialarbeit/index.md", "partials/tafel.html.j2",
                {**panels.kontext(ctx), "fachkraft": fachkraft, "level": 2}, source="data/fachkraefte.yml")


def snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("SNAPSHOT_UPDATE") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"snapshot {path} missing: run with SNAPSHOT_UPDATE=1 and review the file"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed: review, then SNAPSHOT_UPDATE=1"


def test_snapshot_of_a_school_page(rendered):
    pages, ctx = rendered
    snapshot("schule-gs-tempelhofer-strasse.md", render(pages["schulen/gs-tempelhofer-strasse.md"], ctx.daten))


def test_snapshot_of_a_panel(rendered, daten):
    _, ctx = rendered
    ben = next(f for f in daten.fachkraefte if f.id == "ben-beispiel")
    snapshot("tafel-ben-beispiel.md", render(tafel(ctx, ben), daten))


def test_every_school_and_carrier_is_planned_with_its_source(rendered, daten):
    pages, _ = rendered
    for s in daten.schulen:
        assert pages[f"schulen/{s.id}.md"].source == "data/schulen.yml"
    for t in daten.traeger:
        assert pages[f"traeger/{t.id}.md"].source == "data/traeger.yml"
    assert pages["schulsozialarbeit/index.md"].source == "data/fachkraefte.yml"


def test_paths_from_a_page_to_the_site():
    pages = [Page(p, "x") for p in ("index.md", "schulen/index.md", "schulen/gs-ziebigk.md")]
    assert [p.url for p in pages] == ["", "schulen/", "schulen/gs-ziebigk/"]
    assert [p.basis for p in pages] == ["", "../", "../../"]


def test_school_without_district_is_listed_last(daten):
    ohne = [s.model_copy(update={"stadtteil": None}) if s.id == "gs-ziebigk" else s for s in daten.schulen]
    gruppen = dict(schulen.nach_schulform(dataclasses.replace(daten, schulen=ohne)))
    bezirke = [name for name, _ in gruppen[Schulform.grundschule]]
    assert bezirke[-1] == "ohne Angabe des Stadtteils"
    assert bezirke[:-1] == sorted(bezirke[:-1], key=schulen.sortkey)
    assert sum(len(g) for _, gs in gruppen.items() for _, g in gs) == len(ohne)


def test_markdown_signs_in_names_stay_text(daten):
    ben = next(f for f in daten.fachkraefte if f.id == "ben-beispiel")
    name = "Ben_Anton *Beispiel* [x](javascript:alert(1)) { onfocus=alert(1) } <b>"
    odd = ben.model_copy(update={"name": name})
    mit_odd = dataclasses.replace(daten, fachkraefte=[odd if f.id == ben.id else f for f in daten.fachkraefte])
    out = render(tafel(kontext(mit_odd), odd), mit_odd)  # the name in the picture's text too
    # Through Python-Markdown with the site's extensions, as MkDocs converts the page: the name stays its text.
    html = markdown.markdown(out, extensions=MKDOCS_EXTENSIONS)
    heading = BeautifulSoup(html, "html.parser").find("h2")
    assert heading.get_text() == name and heading.attrs == {"id": "ben-beispiel"}
    assert "<a " not in str(heading) and "<b>" not in html
