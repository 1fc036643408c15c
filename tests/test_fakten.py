"""One source for every fact (issue 18): office hours as days and times in each page's language, phone numbers
written one way (DIN 5008), German names and addresses isolated on right-to-left pages, counts that agree with
the data, and the visible defects that once stood on the site."""
from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from sitebuild import ROOT, all_pages, page, strict_build

from schulerfolg.data.fields import tel_uri, telefon_text
from schulerfolg.data.models import Sprechzeiten
from schulerfolg.data.sprechzeiten import als_text, nach_vereinbarung, zeilen


@pytest.fixture(scope="module")
def site() -> Path:
    return strict_build()


def text(tag) -> str:
    return re.sub(r"\s+", " ", tag.get_text(" ", strip=True))


def cues(vtt: Path) -> list[str]:
    """The text of each cue of a WebVTT file (the sample's cues have no ids and one line each)."""
    zeilen = vtt.read_text(encoding="utf-8").splitlines()[1:]
    return [z for z in zeilen if z.strip() and "-->" not in z]


class _MkdocsLoader(yaml.SafeLoader):
    """mkdocs.yml has !ENV tags; only its Markdown extensions matter here."""


_MkdocsLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def dd_nach(block, dt_text: str):
    """The <dd> after the <dt> that says ``dt_text``."""
    dt = next((dt for dt in block.select("dt") if dt.get_text(strip=True) == dt_text), None)
    assert dt is not None, f"no »{dt_text}« in the contact block"
    return dt.find_next_sibling("dd")


# ---------------------------------------------------------------- office hours

ANNA = Sprechzeiten.model_validate({"zeiten": [{"tage": ["mo", "di", "mi", "do"], "von": "7:30", "bis": "13:30",
                                                "ort": "Raum 012"}], "nach_vereinbarung": True})


@pytest.mark.parametrize(("sprache", "erwartet"), [
    ("de", "Mo–Do 07:30–13:30 Uhr"),
    ("en", "Mon–Thu 07:30\u2009–\u200913:30"),
    ("uk", "пн–чт 07:30–13:30"),
    ("ar", "الاثنين–الخميس 07:30–13:30"),
    ("fa-AF", "دوشنبه تا پنجشنبه 7:30 تا 13:30"),
])
def test_office_hours_in_each_language_of_the_site(sprache, erwartet):
    (zeile,) = zeilen(ANNA, sprache)
    assert f"{zeile.tage} {zeile.zeit}" == erwartet
    assert zeile.ort == "Raum 012"  # the editors' German, marked as such by the template


def test_days_are_ranges_from_three_on_and_lists_below():
    def tage(*t):
        return zeilen(Sprechzeiten.model_validate({"zeiten": [{"tage": list(t)}]}))[0].tage
    assert tage("fr", "mo", "di", "mi") == "Mo–Mi und Fr"
    assert tage("mo", "mi") == "Mo und Mi"
    assert tage("di") == "Di"


def test_by_appointment_in_every_language_and_one_german_line():
    assert {nach_vereinbarung(s) for s in ("de", "en", "uk", "ar", "fa-AF")} == {
        "nach Vereinbarung", "by appointment", "за домовленістю", "بموعد مسبق", "با تعیین وقت قبلی"}
    assert als_text(ANNA) == "Mo–Do 07:30–13:30 Uhr, Raum 012; nach Vereinbarung"


def test_the_guide_says_the_office_hours_in_its_language(site, daten):
    for sprache, tag in (("", "Di"), ("en/", "Tue"), ("uk/", "вт"), ("ar/", "الثلاثاء"), ("fa/", "سه\u200cشنبه")):
        block = page(site, f"eltern/{sprache}hilfe/").select_one(".sf-kontakt-ratgeber")
        zeiten = block.select("dd")[-1]
        assert zeiten.get("lang") is None, f"eltern/{sprache}hilfe/: office hours marked as German"
        assert text(zeiten).startswith(tag), f"eltern/{sprache}hilfe/: {text(zeiten)!r}"


def test_german_lines_of_the_guides_contact_block_are_isolated(site, daten):
    nw = daten.netzwerkstelle
    for sprache in ("ar", "fa"):
        anschrift = page(site, f"eltern/{sprache}/hilfe/").select_one(".sf-kontakt-ratgeber dd")
        zeilen_ = [(b.get_text(), b.get("lang")) for b in anschrift.select("bdi")]
        assert zeilen_ == [(nw.name, "de"), (nw.adresse.strasse, "de"), (f"{nw.adresse.plz} {nw.adresse.ort}", "de")]


def test_a_persons_panel_shows_days_and_times(site):
    tafel = page(site, "schulsozialarbeit/").find(id="anna-musterfrau").find_parent("section")
    assert text(dd_nach(tafel, "Sprechzeiten")) == "Mo–Do 07:30–13:30 Uhr, Raum 012 im Erdgeschoss"
    netzwerk = page(site, "netzwerkstelle/").select_one("dl.sf-kontakt")
    assert text(dd_nach(netzwerk, "Sprechzeiten")) == "Di 09:00–12:00 Uhr Do 13:00–17:00 Uhr nach Vereinbarung"


# ---------------------------------------------------------------- phone numbers

@pytest.mark.parametrize(("geschrieben", "din"), [
    ("0340 204-2345", "0340 204-2345"),
    ("+49 340 204-1238", "0340 204-1238"),
    ("(0340) 204 – 2345", "0340 204-2345"),
    ("0340/2042345", "0340 2042345"),
    ("034901 123-45", "034901 123-45"),
    ("+43 1 58858-0", "+43 1 58858-0"),
])
def test_phone_numbers_after_din_5008(geschrieben, din):
    assert telefon_text(geschrieben) == din


def test_every_phone_number_from_the_data_is_written_one_way(site, daten):
    """Wherever a number of the data is linked, its text is the DIN 5008 form (the data has several)."""
    nummern = {tel_uri(n): telefon_text(n) for n in _telefonnummern(daten)}
    assert len(set(nummern.values())) > 10
    gesehen = 0
    for url in all_pages(site):
        for a in page(site, url).select('a[href^="tel:"]'):
            if a["href"] in nummern:
                gesehen += 1
                assert a.get_text(strip=True) == nummern[a["href"]], f"{url}: »{a.get_text(strip=True)}«"
    assert gesehen > 20


def _telefonnummern(daten) -> list[str]:
    nw = daten.netzwerkstelle
    return [n for n in (*(f.telefon for f in daten.fachkraefte), *(s.telefon for s in daten.schulen),
                        *(t.telefon for t in daten.traeger), nw.kontakt.telefon, nw.impressum.telefon,
                        nw.barrierefreiheit.feedback_telefon) if n]


# ---------------------------------------------------------------- one source for every fact

def _zahlwoerter() -> dict[str, int]:
    einer = ["null", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"]
    woerter = {w: i for i, w in enumerate(einer)} | {"eins": 1, "zehn": 10, "elf": 11, "zwölf": 12, "sechzehn": 16,
                                                     "siebzehn": 17}
    for i in (3, 4, 5, 8, 9):
        woerter[einer[i] + "zehn"] = 10 + i
    for zehner, wort in ((20, "zwanzig"), (30, "dreißig"), (40, "vierzig")):
        woerter[wort] = zehner
        for i in range(1, 10):
            woerter[f"{einer[i]}und{wort}"] = zehner + i
    return woerter


def test_the_films_words_count_nothing_the_data_does_not(daten):
    """The sample film once said »An vierundzwanzig Schulen« while the data had 12."""
    woerter = _zahlwoerter()
    film = daten.netzwerkstelle.film
    gesagt = " ".join(cues(daten.data_dir / film.untertitel))
    gezaehlt = [w for w in re.findall(r"\w+", gesagt.lower()) if w in woerter and w not in ("ein", "eins")]
    assert gezaehlt == [], f"the film's captions count ({gezaehlt}): a number the data would have to say"


def test_the_films_description_counts_its_chapters(daten):
    film = daten.netzwerkstelle.film
    kapitel = cues(daten.data_dir / film.kapitel)
    zahlen = [_zahlwoerter()[w] for w in re.findall(r"\w+", film.beschreibung.lower()) if w in _zahlwoerter()]
    assert zahlen == [len(kapitel)]


# ---------------------------------------------------------------- defects

def test_no_raw_attribute_syntax_on_any_page(site):
    for url in all_pages(site):
        article = page(site, url).select_one("article")
        if article is not None:
            assert not re.search(r"\{\s*[#:.]", article.get_text()), f"{url}: raw Markdown attribute syntax"


def test_the_sign_language_page_has_a_worded_heading(site):
    h1 = page(site, "gebaerdensprache/").select_one("article h1")
    assert h1.get_text(strip=True) == "Gebärdensprache" and h1.select_one("svg[aria-hidden=true]") is not None


def test_the_photo_handbooks_steps_are_four_items():
    """Step 4 ran into step 3 when it followed an indented paragraph without a blank line."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_MkdocsLoader)
    extensions = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    html = markdown.markdown((ROOT / "docs/redaktion/fotos.md").read_text(encoding="utf-8"), extensions=extensions)
    listen = BeautifulSoup(html, "html.parser").select("ol")
    assert [len(ol.find_all("li", recursive=False)) for ol in listen] == [4, 3]
    for li in BeautifulSoup(html, "html.parser").select("li"):
        assert not re.search(r"\n\s*\d+\.\s", li.get_text()), f"a list item swallowed the next: {li.get_text()[:80]!r}"

