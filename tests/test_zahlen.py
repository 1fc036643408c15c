"""/zahlen/ (issue 21): the figures recomputed here from the YAML itself, not through the core's models or
look-ups, and compared with the page's tables and CSV files; charts without script, each beside its table;
CSV cells that a spreadsheet would run are made text."""
from __future__ import annotations

import csv
import io
from collections import Counter
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import DATA
from helpers import TODAY, kontext

from schulerfolg.data.fields import sprachnamen
from schulerfolg.formats.tabelle import csv_bytes, zelle
from schulerfolg.site.parts.zahlen import zahlen_seite


def _yaml(name: str):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _erwartet() -> dict[str, dict[str, tuple[int, ...]]]:
    """Every table of /zahlen/, counted straight from the YAML: title → row name → values."""
    schulen = _yaml("schulen.yml")["schulen"]
    leute = _yaml("fachkraefte.yml")["fachkraefte"]
    traeger = _yaml("traeger.yml")["traeger"]
    besetzt = {sid for f in leute for sid in f["schulen"]}
    plural = {"grundschule": "Grundschulen", "sekundarschule": "Sekundarschulen", "gemeinschaftsschule":
              "Gemeinschaftsschulen", "gymnasium": "Gymnasien", "foerderschule": "Förderschulen",
              "berufsbildende-schule": "Berufsbildende Schulen"}

    def abdeckung(schluessel, name):
        gruppen: dict[str, list[int]] = {}
        for s in schulen:
            g = gruppen.setdefault(name(s.get(schluessel)), [0, 0, 0])
            g[0 if s["id"] in besetzt else 1] += 1
            g[2] += 1
        return {k: tuple(v) for k, v in gruppen.items()}

    namen = sprachnamen()
    stunden = Counter(f.get("wochenstunden") for f in leute)
    quellen = Counter((f.get("finanzierung") or {}).get("quelle") for f in leute)
    quellname = {"esf-plus": "ESF Plus", "stadt": "Stadt Dessau-Roßlau", "sonstige": "andere Mittel", None: "ohne Angabe"}
    return {
        "Schulen mit Schulsozialarbeit nach Schulform": abdeckung("schulform", plural.__getitem__),
        "Schulen mit Schulsozialarbeit nach Stadtteil": abdeckung("stadtteil", lambda t: t or "ohne Angabe des Stadtteils"),
        "Fachkräfte je Träger": {t["name"]: (sum(f["traeger"] == t["id"] for f in leute),
                                              len({sid for f in leute if f["traeger"] == t["id"] for sid in f["schulen"]}))
                                 for t in traeger},
        "Gesprochene Sprachen": {namen[c]: (n,) for c, n in Counter(c for f in leute for c in set(f.get("sprachen", []))).items()},
        "Stellen nach Wochenstunden": {**{f"{h} Stunden": (stunden[h],) for h in (20, 30, 39)},
                                       **({"ohne Angabe": (stunden[None],)} if stunden[None] else {})},
        "Stellen nach Finanzierung": {quellname[q]: (n,) for q, n in quellen.items()},
    }


@pytest.fixture(scope="module")
def geplant(daten):
    items = list(zahlen_seite(kontext(daten)))
    seite = next(i for i in items if getattr(i, "template", None) == "zahlen.md.j2")
    return seite, {a.path: a.content for a in items if a is not seite}


@pytest.fixture(scope="module")
def html(sample_site):
    seite = next(p for p in sample_site.pages if p.path == "zahlen/index.md")
    return BeautifulSoup(sample_site.markdown(seite), "html.parser")


def _tabellen(html) -> dict[str, dict[str, tuple[int, ...]]]:
    out = {}
    for t in html.select("table"):
        titel = t.caption.get_text().removesuffix(" (Tabelle)")
        out[titel] = {tr.th.get_text(): tuple(int(td.get_text()) for td in tr.select("td")) for tr in t.select("tbody tr")}
    return out


def test_tables_match_the_figures_recomputed_from_the_yaml(html):
    assert _tabellen(html) == _erwartet()


def test_schools_without_school_social_work_are_named(html):
    besetzt = {sid for f in _yaml("fachkraefte.yml")["fachkraefte"] for sid in f["schulen"]}
    ohne = {s["name"] for s in _yaml("schulen.yml")["schulen"] if s["id"] not in besetzt}
    assert ohne
    genannt = [a.get_text() for ul in html.select("ul.sf-zahlen__luecken") for a in ul.select("a")]
    assert set(genannt) == ohne
    assert len(genannt) == 2 * len(ohne)  # once by school form, once by district


def test_each_chart_is_an_image_with_a_name_and_one_bar_per_row_and_no_script(html):
    svgs = html.select("svg.sf-diagramm")
    assert len(svgs) == len(html.select("table")) == 6
    assert not html.select("script")
    for svg, tabelle in zip(svgs, html.select("table")):
        assert svg["role"] == "img"
        assert html.find(id=svg["aria-labelledby"]).get_text() == tabelle.caption.get_text().removesuffix(" (Tabelle)")
        assert len(svg.select("rect")) == len(tabelle.select("tbody tr"))
        werte = [int(t.get_text()) for t in svg.select("text.sf-diagramm__wert")]
        assert werte == [int(tr.td.get_text()) for tr in tabelle.select("tbody tr")]


def test_csv_files_hold_the_tables(html, geplant):
    seite, dateien = geplant
    tabellen = _tabellen(html)
    assert len(dateien) == len(tabellen)
    for pfad, inhalt in dateien.items():
        zeilen = list(csv.reader(io.StringIO(inhalt.decode("utf-8-sig")), delimiter=";"))
        titel = next(t for t in tabellen if all(r[0] in tabellen[t] for r in zeilen[1:]) and len(zeilen) - 1 == len(tabellen[t]))
        assert {r[0]: tuple(map(int, r[1:])) for r in zeilen[1:]} == tabellen[titel], pfad
    assert not [a for a in html.select("a[download]") if a["href"].startswith(("/", "http"))]  # relative links
    links = [urljoin("https://x/zahlen/", a["href"]).removeprefix("https://x/") for a in html.select("a[download]")]
    assert sorted(links) == sorted(dateien)


@pytest.mark.parametrize("gefaehrlich", ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_a_cell_a_spreadsheet_would_run_becomes_text(gefaehrlich):
    assert zelle(gefaehrlich) == "'" + gefaehrlich
    kopf, zeile = csv.reader(io.StringIO(csv_bytes(["Träger"], [[gefaehrlich]]).decode("utf-8-sig"), newline=""), delimiter=";")
    assert kopf == ["Träger"] and zeile == ["'" + gefaehrlich]


def test_soft_hyphens_help_the_page_and_stay_out_of_the_spreadsheet(html, geplant):
    _, dateien = geplant
    koepfe = [th.get_text() for th in html.select("table thead th")]
    assert "mit Schul\u00adsozial\u00adarbeit" in koepfe
    text = b"".join(dateien.values()).decode("utf-8-sig")
    assert "mit Schulsozialarbeit" in text and "\u00ad" not in text


def test_harmless_cells_stay_as_they_are():
    assert [zelle(w) for w in ("KIEZ e.V.", 12, "Ü-Ei", "a=b")] == ["KIEZ e.V.", "12", "Ü-Ei", "a=b"]


def test_a_carrier_named_like_a_formula_reaches_the_csv_as_text(daten):
    traeger = [t.model_copy(update={"name": "=cmd|' /C calc'!A0"}) if i == 0 else t for i, t in enumerate(daten.traeger)]
    from schulerfolg.data.daten import Daten

    andere = Daten(daten.data_dir, daten.schulen, traeger, daten.fachkraefte, daten.plus, daten.netzwerkstelle)
    dateien = {a.path: a.content for a in zahlen_seite(kontext(andere, TODAY)) if hasattr(a, "content")}
    text = dateien["zahlen/traeger.csv"].decode("utf-8-sig")
    assert "\n'=cmd|" in text.replace("\r\n", "\n") and "\n=cmd" not in text.replace("\r\n", "\n")


def test_new_fields_are_checked_with_german_messages_at_their_line(data_copy):
    from helpers import line_of, problems, replace

    datei = data_copy / "fachkraefte.yml"
    replace(datei, "    wochenstunden: 30\n", "    wochenstunden: 25\n")
    replace(datei, "{quelle: stadt, bis: 2028-07-31}", "{quelle: land, bis: 2028-07-31}")
    replace(datei, "{quelle: esf-plus, von: 2024-08-01, bis: 2028-07-31}", "{quelle: esf-plus, von: 2028-08-01, bis: 2028-07-31}")
    gefunden = problems(data_copy)
    assert f"data/fachkraefte.yml:{line_of(datei, 'wochenstunden: 25')}:" in "\n".join(gefunden)
    assert any("25 Wochenstunden gibt es für eine Stelle nicht. Erlaubt sind 20, 30 oder 39." in p for p in gefunden)
    assert any(f":{line_of(datei, 'quelle: land')}:" in p and "»land« ist hier nicht erlaubt" in p for p in gefunden)
    assert any(f":{line_of(datei, 'von: 2028-08-01')}:" in p and "Die Förderung endet (31.07.2028) vor ihrem Beginn (01.08.2028)" in p
               for p in gefunden)
    assert len(gefunden) == 3, gefunden
