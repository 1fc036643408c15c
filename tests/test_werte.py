"""Strict values: what a field takes, where a refusal points, and that checked data always builds."""
from __future__ import annotations

import datetime
import difflib
import errno
import json
import logging
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from conftest import KAPUTT, ROOT
from helpers import TODAY, line_of, only, problems, replace

from schulerfolg.data import characters, checks, feldreferenz
from schulerfolg.data.fristen import kennung, stand
from schulerfolg.data.messages import message_for
from schulerfolg.data.models import Frist
from schulerfolg.data.quiet import quiet
from schulerfolg.data.schema import schemas
from schulerfolg.formats import ical, ogimage
from schulerfolg.buildcache import BuildCache
from schulerfolg.load import load
from schulerfolg.site import render
from schulerfolg.site.build import build

GANZZAHL = "Hier wird eine ganze Zahl ohne Punkt und Euro-Zeichen erwartet (z. B. 2000), gefunden wurde »{}«."


def _at(path: Path, needle: str, part: str | None = None) -> str:
    """»data/<file>:<line>:<column>« of ``part`` (or ``needle``) in the first line holding ``needle``."""
    line = line_of(path, needle)
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    return f"data/{path.name}:{line}:{text.index(part or needle) + 1}"


# --- numbers, truth values, dates ---------------------------------------------------------------------

def test_thousands_point_is_explained(data_copy):
    replace(data_copy / "plus.yml", "hoechstbetrag: 2000", "hoechstbetrag: 2.000")
    assert only(problems(data_copy)) == (
        f"{_at(data_copy / 'plus.yml', 'hoechstbetrag', '2.000')}: »2.000« liest YAML als Kommazahl, nicht als 2000: "
        "Der Punkt trennt Nachkommastellen. Schreiben Sie die Zahl ohne Tausenderpunkt: 2000.")


@pytest.mark.parametrize("written, shown", [("2.000 €", "2.000 €"), ("yes", "yes"), ("0x7D0", "0x7D0"),
                                            ("0o3720", "0o3720"), ("1_000", "1_000"), (".inf", ".inf"),
                                            ("1e3", "1e3"), ("2000.0", "2000.0"), ("true", "true"),
                                            ('"2000"', "2000"), ("2.000,00", "2.000,00")])
def test_an_amount_is_only_plain_digits(data_copy, written, shown):
    replace(data_copy / "plus.yml", "hoechstbetrag: 2000", f"hoechstbetrag: {written}")
    assert only(problems(data_copy)) == f"{_at(data_copy / 'plus.yml', 'hoechstbetrag', written)}: {GANZZAHL.format(shown)}"


@pytest.mark.parametrize("written", ["yes", "on", "True", "1", '"true"', "ja"])
def test_a_truth_value_is_only_true_or_false(data_copy, written):
    replace(data_copy / "netzwerkstelle.yml", "\nbeispieldaten: true", f"\nbeispieldaten: {written}")
    shown = written.strip('"')
    assert only(problems(data_copy)) == (f"{_at(data_copy / 'netzwerkstelle.yml', f'beispieldaten: {written}', written)}: "
                                         f"Hier wird »true« (ja) oder »false« (nein) erwartet, gefunden wurde »{shown}«.")


@pytest.mark.parametrize("written", [".5", '"0,5"', "true", '"0.5"'])
def test_a_share_is_only_a_number_with_a_point(data_copy, written):
    replace(data_copy / "fachkraefte.yml", "fokus: {x: 0.5,", f"fokus: {{x: {written},")
    assert only(problems(data_copy)) == (f"{_at(data_copy / 'fachkraefte.yml', 'fokus:', written)}: Hier wird eine Zahl "
                                         f"mit Punkt erwartet (z. B. 0.5), gefunden wurde »{written.strip(chr(34))}«.")


@pytest.mark.parametrize("written", ["9999-12-31", "1999-12-31", "2100-01-01"])
def test_dates_stay_within_a_sensible_range(data_copy, written):
    replace(data_copy / "plus.yml", "datum: 2027-03-31", f"datum: {written}")
    day = datetime.date.fromisoformat(written)
    assert only(problems(data_copy)) == (f"{_at(data_copy / 'plus.yml', written)}: Das Datum {day:%d.%m.%Y} liegt nicht "
                                         "zwischen dem 01.01.2000 und dem 31.12.2099. Prüfen Sie die Jahreszahl.")


def test_a_date_is_no_number_of_seconds(data_copy):
    replace(data_copy / "plus.yml", "datum: 2027-03-31", "datum: 20270331")
    assert only(problems(data_copy)) == (f"{_at(data_copy / 'plus.yml', '20270331')}: Hier wird ein Datum im Format "
                                         "JJJJ-MM-TT erwartet (z. B. 2026-03-31), gefunden wurde »20270331«.")


def test_a_quoted_date_is_a_date_and_a_time_is_refused(data_copy):
    replace(data_copy / "plus.yml", "datum: 2027-03-31", 'datum: "2027-03-31"')
    assert problems(data_copy) == []
    replace(data_copy / "plus.yml", 'datum: "2027-03-31"', "datum: 2027-03-31 10:00")
    assert only(problems(data_copy)).endswith(": Hier wird nur ein Datum erwartet (JJJJ-MM-TT), ohne Uhrzeit.")


def test_the_last_day_of_the_range_builds_a_calendar():
    frist = Frist(datum=datetime.date(2099, 12, 31), titel="Letzte Frist")
    ics = ical.calendar(stand([frist], TODAY).alle, stempel=TODAY, kontakt="Netzwerkstelle", beispiel=False)
    assert b"DTEND;VALUE=DATE:21000101" in ics
    assert ical.day_after(datetime.date.max) == datetime.date.max  # unchecked data: no OverflowError


def test_a_long_title_gives_a_short_calendar_name():
    frist = Frist(datum=datetime.date(2026, 3, 31), titel="Ä" * 200)
    assert kennung(frist) == "2026-03-31-" + "ae" * 40


# --- characters -------------------------------------------------------------------------------------

@pytest.mark.parametrize("c", ["\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c", "\u200b", "\u2060",
                               "\ufeff", "\U000e0041", "\t"])
def test_a_forbidden_character_is_refused_where_it_stands(data_copy, c):
    replace(data_copy / "fachkraefte.yml", "name: Anna Musterfrau", f"name: Anna Muster{c}frau")
    assert only(problems(data_copy)) == f"{_at(data_copy / 'fachkraefte.yml', 'name: Anna', c)}: {characters.meldung(c)}"


@pytest.mark.parametrize("escape, c", [("\\a", "\x07"), ("\\e", "\x1b"), ("\\x7f", "\x7f"), ("\\x9b", "\x9b"),
                                       ("\\r", "\r"), ("\\u202e", "\u202e"), ("\\N", "\x85")])
def test_an_escaped_forbidden_character_is_refused_at_its_text(data_copy, escape, c):
    replace(data_copy / "fachkraefte.yml", "name: Anna Musterfrau", f'name: "Anna {escape}Musterfrau"')
    where = _at(data_copy / "fachkraefte.yml", 'name: "Anna', '"')
    assert only(problems(data_copy)) == f"{where}: {characters.meldung(c)}"


def test_characters_are_named_in_german():
    assert characters.name("\u202e") == "U+202E (Rechts-nach-links-Überschreibung)"
    assert characters.meldung("\x07").startswith("Hier steht das Steuerzeichen U+0007, das in keinem Text stehen darf.")


@pytest.mark.parametrize("text", ["Sara Rahimi (\u0633\u0627\u0631\u0627\u200c\u06cc)", "Familie \U0001F468\u200d\U0001F469",
                                  "Schul\u00adsozial\u00adarbeit"])
def test_joiners_and_soft_hyphens_stay(data_copy, text):
    replace(data_copy / "fachkraefte.yml", "name: Anna Musterfrau", f"name: {text}")
    assert problems(data_copy) == []


def test_a_single_line_field_refuses_a_line_break(data_copy):
    replace(data_copy / "fachkraefte.yml", "name: Anna Musterfrau", "name: |\n      Anna\n      Musterfrau")
    assert only(problems(data_copy)) == (
        f"{_at(data_copy / 'fachkraefte.yml', 'name: |', '|')}: Dieser Text muss in einer Zeile stehen, enthält aber "
        "einen Zeilenumbruch (durch »|«, »>« oder eine Leerzeile). Schreiben Sie ihn in eine Zeile.")


def test_markdown_keeps_its_line_breaks(data_copy):
    replace(data_copy / "traeger.yml", "  - id: kiez-ev\n    name: KIEZ e.V.\n",
            "  - id: kiez-ev\n    name: KIEZ e.V.\n    beschreibung: |\n      Eins\n\n      - zwei\n  - id: frei\n    name: Frei\n")
    assert problems(data_copy) == []


# --- lengths ----------------------------------------------------------------------------------------

def test_a_name_has_at_most_80_characters(data_copy):
    replace(data_copy / "fachkraefte.yml", "name: Anna Musterfrau", "name: " + "A" * 80)
    assert problems(data_copy) == []
    replace(data_copy / "fachkraefte.yml", "name: " + "A" * 80, "name: " + "A" * 81)
    assert only(problems(data_copy)) == (f"{_at(data_copy / 'fachkraefte.yml', 'name: AAA', 'AAA')}: »name« ist mit 81 "
                                         "Zeichen zu lang: Erlaubt sind höchstens 80. Kürzen Sie den Text.")


def test_a_markdown_text_has_at_most_5000_characters(data_copy):
    replace(data_copy / "traeger.yml", "  - id: kiez-ev\n", "  - id: frei\n    name: Frei\n    beschreibung: "
            + "Wort " * 1001 + "\n  - id: kiez-ev\n")
    assert only(problems(data_copy)).endswith(": »beschreibung« ist mit 5004 Zeichen zu lang: Erlaubt sind höchstens 5000. "
                                              "Kürzen Sie den Text.")


def test_limits_show_in_the_schema_and_the_field_reference():
    schema = json.loads(schemas()["fachkraefte.schema.json"])
    assert schema["$defs"]["Fachkraft"]["properties"]["name"]["maxLength"] == 80
    felder = {".".join(f.pfad): f for d in feldreferenz.dateien() for f in d.alle()}
    assert feldreferenz.format_text(felder["fachkraefte.name"]) == "Text, höchstens 80 Zeichen"
    assert feldreferenz.format_text(felder["einleitung"]).endswith("höchstens 5.000 Zeichen")
    assert feldreferenz.format_text(felder["fristen.datum"]) == "Datum JJJJ-MM-TT, zwischen 2000 und 2099"


# --- files that are not what they seem --------------------------------------------------------------

@pytest.mark.parametrize("inside", [False, True])
def test_a_data_file_that_is_a_link_is_not_read(data_copy, tmp_path, inside):
    target = (data_copy if inside else tmp_path) / "geheim.yml"
    target.write_text("schulen: GEHEIM passwort=123\n", encoding="utf-8")
    (data_copy / "schulen.yml").unlink()
    (data_copy / "schulen.yml").symlink_to(target)
    found = problems(data_copy)
    assert found == ["data/schulen.yml: data/schulen.yml ist ein Verweis auf eine andere Datei (symbolischer Link) und "
                     "wird deshalb nicht gelesen. Legen Sie die Datei selbst in data/ ab."]


# --- ids that the site needs itself -----------------------------------------------------------------

@pytest.mark.parametrize("file, old, new, others, why", [
    ("schulen.yml", "regenbogenschule", "index", [], "/schulen/ ist die Übersicht aller Schulen"),
    ("traeger.yml", "jugendamt", "index", ["fachkraefte.yml"], "/traeger/ ist die Übersicht aller Träger"),
    ("traeger.yml", "jugendamt", "inhalt", ["fachkraefte.yml"], "#inhalt ist schon eine Sprungmarke auf den Seiten"),
    ("fachkraefte.yml", "anna-musterfrau", "schulen", [], "#schulen ist schon eine Sprungmarke auf den Seiten"),
    ("fachkraefte.yml", "anna-musterfrau", "die-schule", [], "#die-schule ist schon eine Sprungmarke auf den Seiten"),
])
def test_ids_the_site_needs_itself_are_refused(data_copy, file, old, new, others, why):
    for name in [file, *others]:
        text = (data_copy / name).read_text(encoding="utf-8")
        (data_copy / name).write_text(text.replace(f" {old}\n", f" {new}\n"), encoding="utf-8")
    assert only(problems(data_copy)).startswith(f"{_at(data_copy / file, f'id: {new}', new)}: Die ID »{new}« ist für die "
                                                f"Website selbst reserviert ({why}). Wählen Sie eine andere ID, z. B. »")


TEMPLATES = Path(render.__file__).parent / "templates"


def _anchors_in(text: str) -> set[str]:
    return set(re.findall(r"\{ #([a-z0-9-]+) \}", text)) | set(re.findall(r'\bid="([a-z0-9-]+)"', text))


def _with_includes(name: str, seen: set[str]) -> set[str]:
    """``name`` and every template it includes or imports, to any depth."""
    if name not in seen:
        seen.add(name)
        for inner in re.findall(r'{%-?\s*(?:include|from|import)\s+"([^"]+)"', (TEMPLATES / name).read_text(encoding="utf-8")):
            _with_includes(inner, seen)
    return seen


def test_every_fixed_anchor_beside_panels_and_cards_is_reserved():
    pages = {p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.j2")
             if "partials/tafel.html.j2" in p.read_text(encoding="utf-8")} | {"traeger-liste.md.j2"}
    assert pages >= {"fachkraefte.md.j2", "schule.md.j2", "traeger.md.j2"}
    found = _anchors_in((ROOT / "overrides" / "main.html").read_text(encoding="utf-8"))
    for name in set().union(*(_with_includes(page, set()) for page in pages)):
        found |= _anchors_in((TEMPLATES / name).read_text(encoding="utf-8"))
    assert found == checks.ANKER


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> BuildCache:
    """One build cache for the builds of this module: each photo is encoded once."""
    return BuildCache(tmp_path_factory.mktemp("cache"))


def _builds(root: Path, cache: BuildCache) -> None:
    result = load(root, TODAY, cache)
    assert result.problems == []
    site = build(result.daten, result.befunde, cache, TODAY)
    assert len(site.pages) > 30
    for page in site.pages:
        assert site.markdown(page)


def test_ids_that_name_sections_or_files_build(data_copy, cache):
    for name, old, new in [("schulen.yml", "regenbogenschule", "traeger"), ("schulen.yml", "gs-ziebigk", "og"),
                           ("fachkraefte.yml", "gs-ziebigk", "og"), ("traeger.yml", "jugendamt", "schulsuche"),
                           ("fachkraefte.yml", "jugendamt", "schulsuche"), ("fachkraefte.yml", "anna-musterfrau", "index"),
                           ("fachkraefte.yml", "ben-beispiel", "kontakt"),
                           *((f"aktuelles/{p.name}", "gs-ziebigk", "og") for p in (data_copy / "aktuelles").glob("*.md"))]:
        text = (data_copy / name).read_text(encoding="utf-8")
        (data_copy / name).write_text(re.sub(rf"\b{old}\b(?!\.jpg)", new, text), encoding="utf-8")
    _builds(data_copy, cache)


def test_the_same_file_for_two_tracks_of_the_film(data_copy):
    replace(data_copy / "netzwerkstelle.yml", "kapitel: film/imagefilm.kapitel.vtt", "kapitel: film/imagefilm.de.vtt")
    line = line_of(data_copy / "netzwerkstelle.yml", "untertitel: film/imagefilm.de.vtt")
    assert only(problems(data_copy)) == (
        f"{_at(data_copy / 'netzwerkstelle.yml', 'kapitel: film/imagefilm.de.vtt', 'film/')}: Dieselbe Datei steht "
        f"schon bei »untertitel« (Zeile {line}). Untertitel, Kapitel und Bildbeschreibung brauchen je eine eigene Datei.")


def test_the_sign_language_video_is_checked_like_the_film(data_copy):
    with (data_copy / "netzwerkstelle.yml").open("a", encoding="utf-8") as f:
        f.write("gebaerdensprache:\n  titel: DGS\n  datei: videos/fehlt.mp4\n  untertitel: film/imagefilm.de.vtt\n")
    assert only(problems(data_copy)) == (
        f"{_at(data_copy / 'netzwerkstelle.yml', 'videos/fehlt.mp4')}: Die Datei »data/videos/fehlt.mp4« gibt es nicht. "
        "Prüfen Sie Schreibweise und Ordner (Groß- und Kleinschreibung zählt) oder legen Sie die Datei dort ab.")


# --- the social card --------------------------------------------------------------------------------

class _ZaehlendeSchrift:
    """A font that counts how often text is measured."""

    def __init__(self, font):
        self.font, self.gemessen = font, 0

    def getlength(self, text: str) -> float:
        self.gemessen += 1
        return self.font.getlength(text)


@pytest.mark.parametrize("titel", ["Grundschule " + "x" * 100_000, "W" * 100_000, "a" + "\u0301" * 100_000],
                         ids=["nach-einem-wort", "breit", "kombinierend"])
def test_an_endless_word_stays_on_the_card(titel):
    font = _ZaehlendeSchrift(ogimage.font(True, 76))
    zeilen = ogimage.wrap(titel, font, 1056, 3)
    assert len(zeilen) <= 3 and zeilen[-1].endswith(" …")
    assert all(font.getlength(z) <= 1056 for z in zeilen)
    assert font.gemessen < 200  # not once per character
    im = ogimage.draw(titel, "Schulen " + "y" * 1000, ogimage.ABSENDER)
    rand = im.crop((im.width - 70, 0, im.width, im.height)).convert("RGB")
    assert {farbe for _, farbe in rand.getcolors()} <= {(247, 244, 238), (11, 74, 111), (156, 63, 24)}  # no text


# --- German only ------------------------------------------------------------------------------------

def test_an_unknown_error_type_is_still_german():
    text = message_for({"type": "url_scheme", "loc": ("website",), "input": "x\u202ey", "msg": "URL scheme should be"})
    assert text == "Der Wert »xU+202Ey« passt hier nicht. Vergleichen Sie mit der Feldliste im Redaktionshandbuch."


def test_library_warnings_and_logs_are_collected_not_printed(capfd):
    with quiet() as gehoert:
        warnings.warn("Possibly corrupt EXIF data", UserWarning)
        logging.getLogger("pypdf._reader").warning("EOF marker not found")
    assert gehoert == ["pypdf._reader: EOF marker not found", "UserWarning: Possibly corrupt EXIF data"]
    assert capfd.readouterr() == ("", "")


def test_the_check_prints_only_german():
    out = subprocess.run([sys.executable, "-m", "schulerfolg", "--data", str(KAPUTT), "check"], capture_output=True,
                         text=True, env={"SOURCE_DATE_EPOCH": "1790000000", "PATH": "", "PYTHONPATH": str(ROOT / "src")})
    assert out.returncode == 1 and out.stderr == ""  # pypdf says »EOF marker not found« about kaputt.pdf


# --- work grows with the data, not with its square ----------------------------------------------------

def _hostile(root: Path, n: int) -> None:
    """``n`` schools, ``n`` with a forbidden character, ``n`` social workers whose every reference is wrong."""
    schulen = "".join(f"  - id: schule-{i}\n    name: Schule {i}\n    schulform: grundschule\n"
                      f"  - id: kaputt-{i}\n    name: \"Schule\u202e {i}\"\n    schulform: grundschule\n" for i in range(n))
    leute = "".join(f"  - id: person-{i}\n    name: Person {i}\n    schulen: [schule-{i}x, schule-{i}y]\n"
                    f"    traeger: traeger-{i}\n    email: p{i}@example.org\n" for i in range(n))
    (root / "schulen.yml").write_text("schulen:\n" + schulen, encoding="utf-8")
    (root / "fachkraefte.yml").write_text("fachkraefte:\n" + leute, encoding="utf-8")


def _work(root: Path, n: int, monkeypatch) -> int:
    """Python calls made by a check of ``n`` hostile entries, and the pairs difflib compares."""
    _hostile(root, n)
    paare = 0
    original = difflib.get_close_matches

    def zaehlend(word, possibilities, *args, **kwargs):
        nonlocal paare
        possibilities = list(possibilities)
        paare += len(possibilities)
        return original(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", zaehlend)
    calls = 0

    def profile(frame, event, arg):
        nonlocal calls
        calls += event in ("call", "c_call")

    sys.setprofile(profile)
    try:
        found = load(root, TODAY).problems
    finally:
        sys.setprofile(None)
    assert len(found) >= 4 * n
    return calls + paare


def test_the_check_grows_linearly_with_hostile_data(data_copy, monkeypatch):
    klein, gross = _work(data_copy, 100, monkeypatch), _work(data_copy, 400, monkeypatch)
    assert gross < 4 * klein * 1.5, gross / klein  # linear: about 4; with N × N comparisons: about 16


def test_an_unreadable_photo_is_a_problem_not_a_traceback(data_copy, monkeypatch):
    oeffnen = Path.open

    def verweigert(self, *args, **kwargs):
        if self.name == "anna-musterfrau.jpg":
            raise PermissionError(errno.EACCES, "Permission denied")
        return oeffnen(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", verweigert)
    assert only(problems(data_copy)) == (
        f"{_at(data_copy / 'fachkraefte.yml', 'datei: fotos/anna-musterfrau.jpg', 'fotos/')}: Die Datei "
        "»data/fotos/anna-musterfrau.jpg« kann nicht gelesen werden (keine Leserechte). Legen Sie sie erneut ab oder "
        "fragen Sie die IT nach den Rechten.")


def test_an_amount_has_a_sensible_ceiling(data_copy):
    replace(data_copy / "plus.yml", "hoechstbetrag: 2000", "hoechstbetrag: " + "9" * 400)
    assert only(problems(data_copy)).endswith(": Der Wert darf höchstens 1000000 sein.")
