"""Hostile data (issue 16): every text field of the models × payload families, through check and a strict build.

For each field × payload exactly one outcome is acceptable: check refuses it in German at the field's line,
or the build succeeds and no output file holds script, a foreign host, evaluated Jinja or a traceback that
the clean corpus's build does not hold too (see tests/angriff.py). One test per family; a table of the
figures is printed at the end.
"""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import angriff
from angriff import FAMILIEN, Angriff
from schulerfolg.data.fields import SLUG, Art, slugify
from schulerfolg.data.models import DATEIEN, ORDNER, text_felder
from schulerfolg.problem import Problem, format_github


@pytest.fixture(scope="module")
def angriff_lauf(tmp_path_factory):
    """The corpus, built clean once (per pytest-xdist worker: the families run on both cores)."""
    lauf = Angriff(tmp_path_factory.mktemp("angriff"))
    yield lauf
    lauf.close()


@pytest.mark.parametrize("familie", FAMILIEN, ids=[f.name for f in FAMILIEN])
def test_feindliche_daten(angriff_lauf, familie, record_property):
    erg = angriff_lauf.angreifen(familie)
    record_property("angriff", erg.zeile())  # the table at the end of the run (conftest.py)
    alle = {(f.nr, i) for f in angriff_lauf.felder for i in range(len(familie.alle))}
    offen = alle - erg.abgelehnt - erg.gebaut - erg.befallen
    if erg.befunde or offen:
        pytest.fail(f"{familie.name}: {len(erg.befunde)} Befunde, {len(offen)} Paare ohne Ergebnis\n  - "
                    + "\n  - ".join(erg.befunde[:80])
                    + (f"\n  … und {len(erg.befunde) - 80} weitere" if len(erg.befunde) > 80 else "")
                    + ("\n  ohne Ergebnis: " + ", ".join(f"{angriff_lauf.felder[nr]} × Form {i}" for nr, i in sorted(offen)[:20])
                       if offen else ""), pytrace=False)


def test_nutzlast_erreicht_seite_feed_und_jsonld(angriff_lauf):
    """A news field's values arrive on its page (and in the feed and the schema.org block): so do its payloads."""
    assert angriff_lauf.korpus.spuren
    assert angriff.fehlende_spuren(angriff_lauf.sauber_site, angriff_lauf.korpus) == []


def test_korpus_fuellt_jedes_textfeld_jedes_modells(tmp_path):
    """A field added to a model is attacked without anyone adding it here: the YAML files' and the news'."""
    korpus = angriff.Korpus(tmp_path / "data")
    erwartet = [(name, dotted, kinds[0]) for name, model in DATEIEN.items() for dotted, kinds in text_felder(model)]
    assert [(f.datei, f.name, f.art) for f in korpus.felder if f.datei in DATEIEN] == erwartet
    for ordner, model in ORDNER.items():
        assert [(f.name, f.art) for f in korpus.felder if f.datei.startswith(ordner + "/")] == \
            [(dotted, kinds[0]) for dotted, kinds in text_felder(model)]
    zeilen = korpus.zeilen()
    for f in korpus.felder:
        assert isinstance(korpus.sauber[f], str) and korpus.sauber[f].strip(), f
        assert zeilen[f] > 0


def test_jeder_wert_steht_an_seinem_feld(tmp_path):
    """A problem at the line of a hostile value is the problem of that field: each value has a line of its own."""
    korpus = angriff.Korpus(tmp_path / "data")
    werte = {f: angriff.wert(f, korpus.sauber[f], [angriff.teil(f.art, "<b>\n", angriff.marke(f, 0))])
             for f in korpus.felder if f.art is not Art.DATEI}
    zeilen = korpus.schreiben(werte)
    orte = [(f.datei, zeilen[f]) for f in werte]
    assert len(orte) == len(set(orte))
    for f, value in werte.items():
        text = (korpus.root / f.datei).read_text(encoding="utf-8").splitlines()[zeilen[f] - 1]
        assert angriff.marke(f, 0) in text


# --- the scanner finds what it must ------------------------------------------------------------------

def test_scanner_finds_a_formula_in_a_downloaded_table_and_not_a_guarded_one():
    funde = list(angriff.csv_funde('\ufeffTräger;Fachkräfte\r\n=HYPERLINK("http://x");1\r\n', "zahlen/traeger.csv"))
    assert [(f.art, f.schluessel) for f in funde] == [("Formel in Tabelle", '=HYPERLINK("http://x")')]
    assert list(angriff.csv_funde("Träger;Fachkräfte\r\n'=HYPERLINK(1);1\r\nKIEZ e.V.;6\r\n", "x.csv")) == []


def test_scanner_reads_a_poster_as_its_html_and_reports_one_it_cannot_read(tmp_path):
    """The corpus's posters are their HTML (tests/fixtures/angriff/plakate_als_html.py); a poster set for real
    would pass unread, so it is a finding of its own."""
    (tmp_path / "schulen/x").mkdir(parents=True)
    (tmp_path / "tafeln").mkdir()
    (tmp_path / "schulen/x/aushang.pdf").write_bytes(angriff.PLAKAT_MARKER + b"<h1>x<script>alert(1)</script></h1>")
    (tmp_path / "tafeln/x-a3.pdf").write_bytes(b"%PDF-1.7\n")
    (tmp_path / "formular.pdf").write_bytes(b"%PDF-1.7\n")  # a download from the data: not a poster
    assert angriff.PLAKAT_MARKER.decode().strip() in angriff.PLAKAT_HOOK.read_text(encoding="utf-8")
    funde = {(f.art, f.datei) for rel in ("schulen/x/aushang.pdf", "tafeln/x-a3.pdf", "formular.pdf")
             for f in angriff.datei_funde(tmp_path, rel) if f.art != "Attribut"}
    assert funde == {("Skript", "schulen/x/aushang.pdf"), ("Aushang ungelesen", "tafeln/x-a3.pdf")}


def _arten(html: str) -> set[tuple[str, str]]:
    return {(f.art, f.schluessel) for f in angriff.html_funde(html, "x.html", "schulen/x/")}


@pytest.mark.parametrize("html, art", [
    ("<p>x<script>alert(1)</script></p>", "Skript"),
    ("<img src=x onerror=alert(1)>", "Ereignis"),
    ("<svg><animate onbegin=alert(1)></svg>", "Ereignis"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "Linkziel"),
    ('<a href=" java\tscript:alert(1)">x</a>', "Linkziel"),
    ('<a href="data:text/html,x">x</a>', "Linkziel"),
    ('<math><mi xlink:href="vbscript:x">y</mi></math>', "Linkziel"),
    ('<meta http-equiv="refresh" content="0;url=https://foreign.example/">', "Fremder Host"),
    ('<img srcset="a.png 1x, https://tracker.example/p.gif 2x">', "Fremder Host"),
    ('<p style="background:url(//tracker.example/p.gif)">x</p>', "Fremder Host"),
    ("<style>@import 'https://foreign.example/x.css';</style>", "Fremder Host"),
    ('<link rel="stylesheet" href="https://foreign.example/x.css">', "Fremder Host"),
    ("<iframe src=/x></iframe>", "Element"),
])
def test_scanner_findet(html, art):
    assert art in {a for a, _ in _arten(html)}


@pytest.mark.parametrize("html, art", [
    ('<script type="application/ld+json">{"url":"javascript:alert(1)"}</script>', "Linkziel"),
    ('<script type="application/ld+json">[{"image":"https://tracker.example/p.gif"}]</script>', "Fremder Host"),
    ('<script type="application/ld+json">{"headline":{"x":1}}</script>', "JSON-LD-Schlüssel"),
])
def test_scanner_liest_jsonld(html, art):
    assert art in {a for a, _ in _arten(html)}
    assert not {a for a, _ in _arten('<script type="application/ld+json">{"url":"https://example.org/",'
                                     '"headline":"<script>x"}</script>')} - {"Attribut", "JSON-LD-Schlüssel"}


ATOM = '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>t</title>{}</entry></feed>'


@pytest.mark.parametrize("eintrag, art", [
    ('<content type="html">&lt;img src=x onerror=alert(1)&gt;</content>', "Ereignis"),
    ('<summary type="html">&lt;img src="https://tracker.example/p.gif"&gt;</summary>', "Fremder Host"),
    ('<link href="javascript:alert(1)" rel="alternate"/>', "Linkziel"),
    ('<link href="https://tracker.example/a.mp3" rel="enclosure"/>', "Fremder Host"),
    ('<content type="html">x</content><script>alert(1)</script>', "Feed-Element"),
])
def test_scanner_liest_atom(eintrag, art):
    assert art in {f.art for f in angriff._xml_funde(ATOM.format(eintrag), "aktuelles.xml")}
    harmlos = ATOM.format('<content type="html">&lt;p&gt;&amp;lt;script&amp;gt;&lt;/p&gt;</content>'
                          '<link href="https://schulerfolg.dessau-rosslau.de/aktuelles/x/" rel="alternate"/>')
    assert {f.art for f in angriff._xml_funde(harmlos, "aktuelles.xml")} == {"Feed-Element"}


def test_scanner_laesst_harmloses():
    funde = _arten('<a href="https://foreign.example/">Link</a><a href="mailto:a@example.org">M</a>'
                   '<img src="../../bilder/a.webp"><p>&lt;script&gt;alert(1)&lt;/script&gt; javascript:x</p>')
    assert {a for a, _ in funde} == {"Attribut"}


def test_neu_ist_nur_was_der_saubere_bau_nicht_hat():
    sauber = list(angriff.html_funde('<script src="a.js"></script><a href="x">y</a>', "a.html"))
    feindlich = list(angriff.html_funde('<script src="a.js"></script><a href="x" onclick="zq003s01x">y</a>', "b.html"))
    neu = angriff.neue(feindlich, sauber)
    assert [(f.art, f.marken) for f in neu] == [("Ereignis", [(3, 1)])]


def test_ordner_nach_einem_wert_ist_kein_neuer_dateityp():
    """A page per district lives in a folder named after the value: a slug there is the clean build's pattern;
    a folder or file of a kind the clean build has not is still new."""
    sauber = [angriff.Fund("Datei", angriff._dateiart(r), r, r) for r in ("schulsozialarbeit/stadtteil/nord/index.html",)]
    neu = [angriff.Fund("Datei", angriff._dateiart(r), r, r) for r in (
        "schulsozialarbeit/stadtteil/zq005s03x-wert/index.html", "schulsozialarbeit/stadtteil/zq005s04x.wert/index.html",
        "schulsozialarbeit/stadtteil/zq005s05x/x.js", "zq005s06x/index.html")]
    assert [f.datei for f in angriff.neue(neu, sauber)] == [f.datei for f in neu[1:]]


def test_zeilen_einschub_in_vcard_und_ical():
    sauber = list(angriff._zeilen_funde("BEGIN:VCARD\r\nFN:Anna\r\nURL:https://example.org/\r\nEND:VCARD\r\n", "k/a.vcf"))
    feindlich = list(angriff._zeilen_funde("BEGIN:VCARD\r\nFN:Anna zq001s02x\r\nEND:VCARD\r\nBEGIN:VCARD\r\n"
                                           "URL:javascript:alert(1)\r\nEND:VCARD\r\n", "k/b.vcf"))
    assert {f.art for f in angriff.neue(feindlich, sauber)} == {"Aufbau", "Linkziel"}


def test_text_funde_jinja_und_traceback():
    funde = list(angriff.text_funde("a zq012s03x49 b\nTraceback (most recent call last):\n  File", "x.json"))
    assert [f.art for f in funde] == ["Traceback", "Jinja ausgewertet"]
    assert funde[1].marken == [(12, 3)]
    assert not list(angriff.text_funde("zq012s03x{{7*7}} zq012s04x", "x.json"))


@pytest.mark.parametrize("message, ok", [
    ("Die Datei »data/x« gibt es nicht. Prüfen Sie die Schreibweise.", True),
    ("»<script>the string should be valid</script>« ist keine gültige Webadresse.", True),
    ("String should have at most 200 characters", False),
    ("Der Wert ist hier nicht gültig (value_error).", False),
    ("", False),
])
def test_meldung_deutsch(message, ok):
    assert angriff.deutsch(message) is ok


# --- small pure functions, for any input --------------------------------------------------------------

@given(st.text(max_size=200))
def test_slugify_gibt_eine_gueltige_id_oder_nichts(text):
    s = slugify(text)
    assert s == "" or SLUG.fullmatch(s)


@given(st.text(max_size=200), st.text(max_size=40), st.integers(0, 10**6))
def test_github_anmerkung_bleibt_eine_zeile(message, file, line):
    out = format_github(Problem(file, line, 0, message))
    assert "\n" not in out and "\r" not in out
    props = out.split("::")[1]
    assert props.count(",") == (1 if line else 0) and props.count("file=") == 1


def test_text_erscheint_woertlich(tmp_path):
    feld = angriff.Feld(7, "schulen.yml", "schulen.name", Art.TEXT, ("schulen", 0, "name"))
    werte = {feld: "zq007s00x *Name* {: #x }"}
    (tmp_path / "a.html").write_text("<body><h1>zq007s00x *Name*\n {: #x }</h1></body>", encoding="utf-8")
    assert not list(angriff._nicht_woertlich(tmp_path, werte))
    (tmp_path / "b.html").write_text("<body><h1 id=x>zq007s00x <em>Name</em></h1></body>", encoding="utf-8")
    assert [f for f, _ in angriff._nicht_woertlich(tmp_path, werte)] == [feld]
