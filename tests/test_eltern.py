"""The Elternratgeber in five languages, Leichte Sprache and the sign-language page, on the built site.

The site is built once with ``mkdocs build --strict``; the rules of the guide's layout
(``schulerfolg.site.eltern``) are also checked without MkDocs.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from helpers import kontext
from sitebuild import ROOT, page, strict_build, target

from schulerfolg.data.models import Film
from schulerfolg.site import eltern
from schulerfolg.site.parts import elternratgeber, gebaerdensprache
from schulerfolg.site.render import render

DOCS = ROOT / "docs"
GERMAN_PAGES = sorted(p.name for p in (DOCS / "eltern").glob("*.md"))
EXPECTED = {"de": ("de", "ltr"), "uk": ("uk", "ltr"), "ar": ("ar", "rtl"), "fa": ("fa-AF", "rtl"), "en": ("en", "ltr")}


@pytest.fixture(scope="module")
def site() -> Path:
    return strict_build()


def url_of(ordner: str, name: str) -> str:
    base = f"eltern/{ordner}/" if ordner else "eltern/"
    return base if name == "index.md" else base + name.removesuffix(".md") + "/"


def every_guide_page():
    return [(s, name) for s in eltern.SPRACHEN for name in GERMAN_PAGES]


# ---------------------------------------------------------------- layout and completeness

def test_the_guide_has_its_topics_in_german():
    assert {"index.md", "schulanfang.md", "weiterfuehrende-schule.md", "hilfe.md", "schulwoerter.md",
            "checklisten.md"} <= set(GERMAN_PAGES)


def test_every_german_page_is_translated_into_every_language_and_nothing_else_is():
    for s in eltern.SPRACHEN[1:]:
        folder = DOCS / "eltern" / s.ordner
        assert sorted(p.name for p in folder.glob("*.md")) == GERMAN_PAGES, f"eltern/{s.ordner}/ is incomplete"
    folders = {p.name for p in (DOCS / "eltern").iterdir() if p.is_dir()}
    assert folders == {s.ordner for s in eltern.SPRACHEN[1:]}


def test_the_languages_are_the_ones_parents_need():
    assert [s.lang for s in eltern.SPRACHEN] == ["de", "uk", "ar", "fa-AF", "en"]
    assert {s.lang: s.dir for s in eltern.SPRACHEN} == {"de": "ltr", "uk": "ltr", "ar": "rtl", "fa-AF": "rtl", "en": "ltr"}


# ---------------------------------------------------------------- on the built site

@pytest.mark.parametrize(("sprache", "name"), every_guide_page(), ids=lambda v: getattr(v, "lang", v))
def test_language_and_direction_of_every_page(site, sprache, name):
    doc = page(site, url_of(sprache.ordner, name))
    lang, richtung = EXPECTED[sprache.ordner or "de"]
    assert doc.html["lang"] == lang
    assert doc.body["dir"] == richtung


@pytest.mark.parametrize(("sprache", "name"), every_guide_page(), ids=lambda v: getattr(v, "lang", v))
def test_switcher_links_the_same_page_in_every_language(site, sprache, name):
    url = url_of(sprache.ordner, name)
    nav = page(site, url).select_one("article nav.sf-sprachwahl")
    assert nav is not None, f"{url}: no language switcher"
    assert nav.get("aria-label") == sprache.auswahl
    links = nav.select("a[href]")
    assert [a["hreflang"] for a in links] == [s.lang for s in eltern.SPRACHEN]
    for a, s in zip(links, eltern.SPRACHEN):
        assert a["lang"] == s.lang and a["dir"] == s.dir and a.get_text(strip=True) == s.name
        assert target(url, a["href"]) == url_of(s.ordner, name), f"{url}: {s.lang} link goes to {a['href']}"
        assert (a.get("aria-current") == "page") == (s is sprache)


@pytest.mark.parametrize(("sprache", "name"), every_guide_page(), ids=lambda v: getattr(v, "lang", v))
def test_translations_say_that_the_german_text_is_authoritative(site, sprache, name):
    url = url_of(sprache.ordner, name)
    note = page(site, url).select_one("article .sf-uebersetzung")
    if not sprache.ordner:
        assert note is None, f"{url}: the German original is no translation"
        return
    assert note is not None, f"{url}: no note that the German text is authoritative"
    assert sprache.hinweis in note.get_text(" ", strip=True)
    link = note.select_one("a[hreflang=de]")
    assert link is not None and target(url, link["href"]) == url_of("", name)
    assert link.get_text(strip=True) == sprache.deutsch


def test_the_site_navigation_speaks_the_page_language_and_marks_what_stays_german(site):
    # Issue 18 (was: the whole menu marked German): entries in the page's language, untranslated ones
    # (PLUS+, the pages in Leichte Sprache) marked German and left-to-right.
    german = page(site, "eltern/hilfe/").select_one("nav.md-nav--primary ul.md-nav__list")
    assert german is not None and german.get("lang") is None and not german.select("[lang=de]")
    for s in eltern.SPRACHEN[1:]:
        doc = page(site, f"eltern/{s.ordner}/hilfe/")
        assert not doc.select_one(".md-sidebar--primary").has_attr("hidden"), f"{s.lang}: no menu"
        nav = doc.select_one("nav.md-nav--primary ul.md-nav__list")
        assert nav.get("lang") is None and nav.select("a.md-nav__link"), f"{s.lang}: no menu entries"
        plus = [e for e in nav.select("[lang=de]") if e.get_text(strip=True) == "PLUS+"]
        assert plus and plus[0]["dir"] == "ltr", f"{s.lang}: PLUS+ not marked German"


def test_the_theme_speaks_the_page_language(site):
    # Material's own words (search field, skip link) follow the page's language, not theme.language.
    assert page(site, "eltern/ar/").select_one(".md-search__input")["placeholder"] == "بحث"
    assert page(site, "eltern/uk/").select_one(".md-search__input")["placeholder"] == "Пошук"
    assert page(site, "eltern/").select_one(".md-search__input")["placeholder"] == "Suche"


@pytest.mark.parametrize("sprache", eltern.SPRACHEN, ids=lambda s: s.lang)
def test_help_page_shows_the_office_contact_from_the_data(site, daten, sprache):
    url = url_of(sprache.ordner, "hilfe.md")
    panel = page(site, url).select_one("article dl.sf-kontakt")
    assert panel is not None, f"{url}: no contact panel"
    nw = daten.netzwerkstelle
    assert [dt.get_text(strip=True) for dt in panel.select("dt")][:3] == [sprache.anschrift, sprache.telefon, sprache.email]
    assert panel.select_one(f'a[href="mailto:{nw.kontakt.email}"]') is not None
    tel = panel.select_one('a[href^="tel:+49"]')
    assert tel is not None and tel.get_text(strip=True) == nw.kontakt.telefon and tel["dir"] == "ltr"
    assert nw.adresse.strasse in panel.get_text()
    if sprache.ordner:  # German data inside a translated page is marked as German, line by line (issue 18: isolated)
        assert [b.get("lang") for b in panel.select_one("dd").select("bdi")] == ["de", "de", "de"]
    assert "schulerfolg:kontakt" not in page(site, url).decode()


def test_german_words_in_translations_are_marked_as_german(site):
    for s in eltern.SPRACHEN[1:]:
        doc = page(site, f"eltern/{s.ordner}/schulwoerter/")
        terms = doc.select("article dl dt")
        assert len(terms) >= 25
        for dt in terms:
            span = dt.select_one("span[lang=de]")
            assert span is not None, f"{s.lang}: term {dt.get_text()!r} not marked as German"
            if s.dir == "rtl":
                assert span.get("dir") == "ltr", f"{s.lang}: German term {dt.get_text()!r} not isolated left-to-right"


def test_phone_numbers_in_right_to_left_pages_read_left_to_right(site):
    for s in ("ar", "fa"):
        nummern = page(site, f"eltern/{s}/hilfe/").select('article a[href^="tel:"]')
        assert nummern, f"{s}: no phone number on the help page"
        for a in nummern:
            assert a.get("dir") == "ltr", f"{s}: {a.get_text()} would be reordered"


def test_links_in_the_guide_lead_to_pages_that_exist(site):
    geprueft = 0
    for sprache, name in every_guide_page():
        url = url_of(sprache.ordner, name)
        for a in page(site, url).select("article a[href]"):
            href = a["href"]
            if re.match(r"^[a-z]+:", href) or href.startswith("#"):
                continue
            path = target(url, href)
            assert (site / path / "index.html").is_file() or (site / path).is_file(), f"{url}: {href} is broken"
            geprueft += 1
    assert geprueft > len(every_guide_page())  # the language switcher alone links each page to four others


def test_arabic_script_font_is_self_hosted_and_only_used_where_needed(site):
    css = (site / "assets/stylesheets/schulerfolg.css").read_text(encoding="utf-8")
    urls = [u for u in re.findall(r"url\(\"?([^\")]+)\"?\)", css) if "vazirmatn" in u]
    assert urls and all(not re.match(r"^[a-z]+:|^//", u) for u in urls), urls
    for u in urls:
        font = site / "assets/stylesheets" / u
        assert font.is_file() and font.suffix == ".woff2" and font.read_bytes()[:4] == b"wOF2"
    assert (site / "assets/fonts/vazirmatn/OFL.txt").is_file()
    assert 'html[lang="ar"]' in css and 'html[lang^="fa"]' in css


def test_start_page_leads_parents_to_the_guide_in_every_language(site):
    links = {target("", a["href"]): a for a in page(site, "").select("article a[href]")}
    for s in eltern.SPRACHEN:
        assert url_of(s.ordner, "index.md") in links, f"start page does not link the guide in {s.lang}"
        if s.ordner:
            assert links[url_of(s.ordner, "index.md")]["lang"] == s.lang


# ---------------------------------------------------------------- Leichte Sprache and Gebärdensprache

@pytest.mark.parametrize("url", ["", "plus/", "eltern/uk/"])
def test_every_page_has_the_leichte_sprache_and_gebaerdensprache_entry_with_icons(site, url):
    """In the header, as the small labelled icons German authorities use (no longer big buttons on the start page)."""
    entry = page(site, url).select_one("header nav.sf-kopf__zugaenge")
    assert entry is not None, f"no entry to Leichte Sprache / Gebärdensprache in the header of /{url}"
    links = entry.select("a[href]")
    assert sorted(target(url, a["href"]) for a in links) == ["gebaerdensprache/", "leichte-sprache/"]
    for a in links:
        assert a.get_text(strip=True)  # a visible label beside the icon, in the page's language
        svg = a.select_one("svg")
        assert svg is not None and svg.get("aria-hidden") == "true"  # the link text names it


def test_leichte_sprache_start_explains_content_navigation_and_accessibility(site):
    url = "leichte-sprache/"
    art = page(site, url).select_one("article")
    headings = [h.get_text(strip=True) for h in art.select("h2")]
    assert "Was steht auf dieser Internet-Seite?" in headings
    assert "So finden Sie sich auf der Internet-Seite zurecht" in headings
    assert "Ist die Internet-Seite barriere-frei?" in headings
    links = [target(url, a["href"]) for a in art.select("a[href]") if not a["href"].startswith(("mailto:", "tel:"))]
    assert "leichte-sprache/barrierefreiheit/" in links
    assert "gebaerdensprache/" in links
    assert art.select_one("dl.sf-kontakt") is not None


def test_leichte_sprache_pages_follow_the_rules():
    """Short sentences, a hyphen in compounds (never the Mediopunkt), no abbreviations like »z. B.«."""
    seiten = sorted((DOCS / "leichte-sprache").glob("*.md"))
    assert seiten
    for f in seiten:
        text = f.read_text(encoding="utf-8").split("---", 2)[2]
        prose = re.sub(r"\[[^\]]*\]\([^)]*\)|<[^>]+>|\{[^}]*\}", "", text)
        assert "·" not in prose, f"{f.name}: Mediopunkt; this section uses the hyphen"
        assert not re.search(r"\b(z\. ?B\.|bzw\.|usw\.|ggf\.|d\. ?h\.)", prose), f"{f.name}: abbreviation"
        for line in prose.splitlines():  # in Leichte Sprache every sentence starts a new line
            for sentence in re.split(r"(?<=[.!?:])\s+", line.strip(" -*#")):
                assert len(sentence.split()) <= 12, f"{f.name}: sentence too long: {sentence!r}"
        for word in ("Schulsozialarbeit", "Gesundheitsamt", "Jugendamt", "Netzwerkstelle", "Barrierefreiheit"):
            assert word not in prose, f"{f.name}: write the compound »{word}« with a hyphen"


def test_gebaerdensprache_page_says_honestly_that_the_video_is_in_preparation(site, daten):
    assert daten.netzwerkstelle.gebaerdensprache is None  # the sample data has no DGS video yet
    art = page(site, "gebaerdensprache/").select_one("article")
    assert "Das Video ist noch in Vorbereitung." in art.get_text(" ", strip=True)
    assert art.select_one("video") is None
    assert art.select_one("h1 svg[aria-hidden=true]") is not None


def test_gebaerdensprache_page_shows_a_configured_video_through_the_film_component(daten):
    film = Film(titel="Die Website in Deutscher Gebärdensprache", datei="film/imagefilm.mp4",
                untertitel="film/imagefilm.de.vtt")
    nw = daten.netzwerkstelle.model_copy(update={"gebaerdensprache": film})
    mit_video = dataclasses.replace(daten, netzwerkstelle=nw)
    items = list(gebaerdensprache.gebaerdensprache(kontext(mit_video)))
    seite = items[0]
    text = render(seite, mit_video)
    assert '<video controls preload="none"' in text
    assert '<source src="../gebaerdensprache/imagefilm.mp4" type="video/mp4">' in text
    assert '<track kind="captions" srclang="de"' in text
    assert re.search(r"herunterladen \(MP4, [\d,]+ (KB|MB), \d+:\d\d Minuten\)", text), "download without size and duration"
    assert "in Vorbereitung" not in text
    published = {a.path for a in items[1:]}
    assert {"gebaerdensprache/imagefilm.mp4", "gebaerdensprache/imagefilm.de.vtt"} <= published


# ---------------------------------------------------------------- the rules, without MkDocs

def test_the_folder_decides_the_language_of_a_translation(daten):
    out = eltern.prepare("---\nlang: fa-AF\ndescription: Hilfe\n---\n# Hilfe\n", "eltern/ar/hilfe.md",
                             lambda p: True, daten.netzwerkstelle)
    assert out.startswith("---\nlang: ar\ndescription: Hilfe\n---\n# Hilfe\n")


def test_a_translation_without_german_original_gets_no_dead_link(daten):
    out = eltern.prepare("# Neu\n", "eltern/uk/neu.md", lambda p: p != "eltern/neu.md", daten.netzwerkstelle)
    assert eltern.SPRACHEN[1].hinweis in out and eltern.SPRACHEN[1].deutsch not in out
    assert "(../neu.md)" not in out


def test_only_pages_in_the_guide_layout_get_a_switcher(daten):
    assert eltern.classify("eltern/xx/hilfe.md") is None
    assert eltern.classify("eltern/ar/x/hilfe.md") is None
    assert eltern.classify("schulen/index.md") is None
    assert eltern.classify("eltern/fa/hilfe.md") == (eltern.SPRACHEN[3], "hilfe.md")
    text = "# Leicht\n" + eltern.KONTAKT_MARKE + "\n"
    out = eltern.prepare(text, "leichte-sprache/index.md", lambda p: True, daten.netzwerkstelle)
    assert "sf-sprachwahl" not in out and "sf-kontakt" in out and eltern.KONTAKT_MARKE not in out


def test_switcher_sits_below_the_title_and_lists_only_existing_pages(daten):
    out = eltern.prepare("---\ndescription: x\n---\n# Titel\n\nText\n", "eltern/schulanfang.md",
                             lambda p: "/ar/" not in p, daten.netzwerkstelle)
    title, rest = out.split("# Titel", 1)
    assert "sf-sprachwahl" in rest and "sf-sprachwahl" not in title
    assert "eltern/ar/" not in out and 'href="../../eltern/en/schulanfang/"' in out
    assert "sf-uebersetzung" not in out and "lang:" not in title


def test_the_guide_is_planned_by_the_core_for_every_build_tool(daten):
    """The hook and ``generate --projekt`` publish the same prepared pages (no MkDocs involved here)."""
    pages = {p.path: p for p in elternratgeber.elternratgeber(kontext(daten))}
    expected = {f"eltern/{n}" for n in GERMAN_PAGES} | {f"eltern/{s.ordner}/{n}" for s in eltern.SPRACHEN[1:] for n in GERMAN_PAGES}
    assert expected <= set(pages)
    assert {p for p in pages if p.startswith("leichte-sprache/")} == {
        f"leichte-sprache/{f.name}" for f in (DOCS / "leichte-sprache").glob("*.md")}
    ar = render(pages["eltern/ar/hilfe.md"], daten)
    assert ar.startswith("---\nlang: ar\n") and "sf-sprachwahl" in ar and "sf-kontakt" in ar
    assert pages["eltern/ar/hilfe.md"].source == "docs/eltern/ar/hilfe.md"


@pytest.mark.parametrize("schrift, seiten", [("Vazirmatn", r'html\[lang(="ar"|\^="fa")\]'),
                                             ("Fira Sans Kyrillisch", r'html\[lang="uk"\]')])
def test_only_pages_of_a_script_ask_for_its_font(schrift, seiten):
    """Browsers download a web font only for elements that name it: outside @font-face, every rule that
    names Vazirmatn must apply to the Arabic and Dari pages alone (not, say, to the language list), every
    rule that names the Cyrillic part of Fira Sans to the Ukrainian pages."""
    css = (ROOT / "overrides/assets/stylesheets/schulerfolg.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    regeln = re.findall(r"([^{}]+)\{([^{}]*)\}", css)
    nennen = [sel.strip() for sel, body in regeln if f'"{schrift}"' in body and not sel.strip().startswith("@font-face")]
    assert nennen, f"the pages of its script need {schrift}"
    for sel in nennen:
        for teil in sel.split(","):
            assert re.match(r"\s*" + seiten, teil), f"{schrift} for »{teil.strip()}«"
