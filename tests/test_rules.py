"""One test per data rule, each on a copy of the sample data with one mistake."""
from __future__ import annotations

import datetime
import io
import json
import re
import shutil
import zipfile

import pytest
from helpers import TODAY, line_of, only, problems, replace
from PIL import Image
from pypdf import PdfWriter

from schulerfolg.data.schema import schemas
from schulerfolg.findings import forms, photos


def test_sample_copy_is_clean(data_copy):
    assert problems(data_copy.parent / "data") == []


# --- fields -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, fragment", [
    ("GS Ziebigk", "»GS Ziebigk« ist keine gültige ID"),
    ("gs--ziebigk", "keine gültige ID"),
    ("grundschule-müller", "Zum Beispiel: »grundschule-mueller«"),
])
def test_slug(data_copy, value, fragment):
    replace(data_copy / "schulen.yml", "id: gs-ziebigk", f"id: {value}")
    found = [p for p in problems(data_copy) if p.startswith("data/schulen.yml")]
    assert fragment in found[0]
    assert found[0].startswith(f"data/schulen.yml:{line_of(data_copy / 'schulen.yml', value)}:")


def test_unknown_key_suggests_the_near_miss(data_copy):
    replace(data_copy / "fachkraefte.yml", "telefon: 0340 204-1234", "telfon: 0340 204-1234")
    line = line_of(data_copy / "fachkraefte.yml", "telfon:")
    assert only(problems(data_copy)) == f"data/fachkraefte.yml:{line}:5: Das Feld »telfon« gibt es hier nicht. Meinten Sie »telefon«?"


def test_unknown_key_far_from_any_lists_the_allowed(data_copy):
    replace(data_copy / "traeger.yml", "name: KIEZ e.V.", "name: KIEZ e.V.\n    xyz: 1")
    msg = only(problems(data_copy))
    assert "Das Feld »xyz« gibt es hier nicht. Erlaubt sind: id, name, website" in msg


def test_missing_required_field_points_at_its_entry(data_copy):
    replace(data_copy / "schulen.yml", "    name: Grundschule Ziebigk\n", "")
    assert only(problems(data_copy)) == "data/schulen.yml:10:5: Das Pflichtfeld »name« fehlt. Ergänzen Sie eine Zeile »name: …«."


def test_schulform_enum(data_copy):
    replace(data_copy / "schulen.yml", "schulform: gymnasium", "schulform: Gymnasium")
    assert "»Gymnasium« ist hier nicht erlaubt. Erlaubt sind: grundschule, sekundarschule" in only(problems(data_copy))


@pytest.mark.parametrize("value", ["javascript:alert(1)", "ftp://example.org/", "www.example.org", "https://"])
def test_urls_are_http_only(data_copy, value):
    replace(data_copy / "schulen.yml", "stadtteil: Nord\n", f"stadtteil: Nord\n    website: \"{value}\"\n")
    assert "keine gültige Webadresse" in only(problems(data_copy))


def test_plz_unquoted_with_leading_zero_is_explained(data_copy):
    replace(data_copy / "schulen.yml", 'plz: "06846"', "plz: 06712")  # YAML reads 06712 as an octal number
    assert "Anführungszeichen" in only(problems(data_copy))


def test_plz_must_have_five_digits(data_copy):
    replace(data_copy / "schulen.yml", 'plz: "06846"', 'plz: "6846"')
    assert "»6846« ist keine gültige Postleitzahl" in only(problems(data_copy))


@pytest.mark.parametrize("value", ["anna@example", "anna(at)example.org", "anna @example.org"])
def test_email(data_copy, value):
    replace(data_copy / "fachkraefte.yml", "email: sozialarbeit.gs-ziebigk@example.org", f'email: "{value}"')
    assert "keine gültige E-Mail-Adresse" in only(problems(data_copy))


@pytest.mark.parametrize("value", ['"12"', '"0340 12"', '"ruf an"', "+4934020412"])
def test_telefon(data_copy, value):
    replace(data_copy / "fachkraefte.yml", "telefon: 0340 204-1234", f"telefon: {value}")
    msg = only(problems(data_copy))
    assert "keine gültige Telefonnummer" in msg or "Anführungszeichen" in msg


def test_sprache_iso_639_1(data_copy):
    replace(data_copy / "fachkraefte.yml", "sprachen: [de, en]", "sprachen: [de, deu]")
    assert "»deu« ist kein Sprachkürzel nach ISO 639-1" in only(problems(data_copy))


def test_no_is_norwegian_not_false(data_copy):
    replace(data_copy / "fachkraefte.yml", "sprachen: [de, en]", "sprachen: [de, no]")  # YAML 1.1 would read false
    assert problems(data_copy) == []


def test_true_in_a_text_field_wants_quotes(data_copy):
    replace(data_copy / "fachkraefte.yml", "sprachen: [de, en]", "sprachen: [de, true]")
    assert "YAML hat aber »true« als Zahl oder Wahrheitswert gelesen. Setzen Sie den Wert in Anführungszeichen." \
        in only(problems(data_copy))


def test_date_that_does_not_exist(data_copy):
    replace(data_copy / "plus.yml", "datum: 2026-03-31", "datum: 2026-02-30")
    assert "»2026-02-30« ist kein gültiges Datum" in only(problems(data_copy))


def test_german_date_format_is_explained(data_copy):
    replace(data_copy / "plus.yml", "datum: 2026-03-31", "datum: 31.03.2026")
    assert "JJJJ-MM-TT" in only(problems(data_copy))


def test_markdown_without_html(data_copy):
    replace(data_copy / "fachkraefte.yml", "**fair zu schlichten**", "<b>fair</b> zu schlichten")
    assert "HTML wie »<b>« ist hier nicht erlaubt" in only(problems(data_copy))


def test_empty_list_of_schools(data_copy):
    replace(data_copy / "fachkraefte.yml", "schulen: [gs-ziebigk]", "schulen: []")
    assert "Die Liste »schulen« braucht mindestens einen Eintrag." in only(problems(data_copy))


def test_text_instead_of_list(data_copy):
    replace(data_copy / "fachkraefte.yml", "schulen: [gs-ziebigk]", "schulen: gs-ziebigk")
    assert "Hier wird eine Liste erwartet" in only(problems(data_copy))


def test_focal_point_range(data_copy):
    replace(data_copy / "fachkraefte.yml", "fokus: {x: 0.5, y: 0.35}", "fokus: {x: 0.5, y: 3.5}")
    assert "Der Wert darf höchstens 1 sein." in only(problems(data_copy))


def test_empty_file_and_missing_file(data_copy):
    (data_copy / "traeger.yml").write_text("# nur ein Kommentar\n", encoding="utf-8")
    (data_copy / "plus.yml").unlink()
    found = problems(data_copy)
    assert "data/plus.yml: Die Datei fehlt. Legen Sie data/plus.yml an (Vorlage im Redaktionshandbuch)." in found
    assert "data/traeger.yml:1:1: Die Datei ist leer. Tragen Sie die Daten ein (Vorlage im Redaktionshandbuch)." in found


def test_wrong_top_level_shape(data_copy):
    (data_copy / "schulen.yml").write_text("- id: a\n", encoding="utf-8")
    # one problem: references to schools are not checked against a file that has no list of schools
    assert only(problems(data_copy)) == "data/schulen.yml:1:1: Hier werden Felder erwartet (Zeilen wie »name: …«), gefunden wurde eine Liste."


# --- across files -------------------------------------------------------------------------------------

def test_duplicate_id(data_copy):
    replace(data_copy / "schulen.yml", "id: regenbogenschule", "id: gs-ziebigk")  # a school nobody refers to
    line = line_of(data_copy / "schulen.yml", "name: Regenbogenschule") - 1
    assert only(problems(data_copy)) == (f"data/schulen.yml:{line}:9: Die ID »gs-ziebigk« ist schon in Zeile 10 vergeben. "
                                         "Jede ID darf nur einmal vorkommen.")


def test_unknown_school_with_suggestion(data_copy):
    replace(data_copy / "fachkraefte.yml", "schulen: [gs-ziebigk]", "schulen: [gs-ziebik]")
    assert "Eine Schule mit der ID »gs-ziebik« gibt es in data/schulen.yml nicht. Meinten Sie »gs-ziebigk«?" in only(problems(data_copy))


def test_unknown_carrier(data_copy):
    replace(data_copy / "fachkraefte.yml", "traeger: jugendamt", "traeger: stadt")
    assert "Einen Träger mit der ID »stadt« gibt es in data/traeger.yml nicht." in only(problems(data_copy))


def test_broken_school_entry_does_not_cascade_into_references(data_copy):
    replace(data_copy / "schulen.yml", "schulform: foerderschule\n    adresse", "schulform: sonderschule\n    adresse")
    assert len(problems(data_copy)) == 1  # not also "unknown school" at Julia Beispiel's entry


def test_consent_in_the_future(data_copy):
    replace(data_copy / "fachkraefte.yml", "einwilligung: 2026-01-15", "einwilligung: 2026-11-22")
    assert "liegt in der Zukunft" in only(problems(data_copy, TODAY))
    assert problems(data_copy, TODAY + datetime.timedelta(days=1)) == []


def test_photo_missing(data_copy):
    (data_copy / "fotos" / "clara-muster.jpg").unlink()
    assert "Die Datei »data/fotos/clara-muster.jpg« gibt es nicht." in only(problems(data_copy))


@pytest.mark.parametrize("path", ["../geheim.jpg", "/etc/passwd", "fotos\\a.jpg", "C:/bild.jpg"])
def test_paths_must_stay_inside_data(data_copy, path):
    replace(data_copy / "fachkraefte.yml", "datei: fotos/clara-muster.jpg", f"datei: '{path}'")
    assert "muss ein Pfad innerhalb von data/ sein" in only(problems(data_copy))


def test_symlink_out_of_data(data_copy, tmp_path):
    outside = tmp_path / "draussen.jpg"
    shutil.copy(data_copy / "fotos" / "clara-muster.jpg", outside)
    (data_copy / "fotos" / "clara-muster.jpg").unlink()
    (data_copy / "fotos" / "clara-muster.jpg").symlink_to(outside)
    assert "verweist auf eine Datei außerhalb von data/" in only(problems(data_copy))


def test_photo_that_is_no_image(data_copy):
    (data_copy / "fotos" / "clara-muster.jpg").write_bytes(b"GIF89a kaputt")
    assert "ist kein lesbares Bild" in only(problems(data_copy))


def test_truncated_photo(data_copy):
    path = data_copy / "fotos" / "clara-muster.jpg"
    path.write_bytes(path.read_bytes()[:2000])
    assert "ist kein lesbares Bild" in only(problems(data_copy))


def test_photo_in_a_format_we_do_not_publish(data_copy):
    Image.new("RGB", (10, 10)).save(data_copy / "fotos" / "clara-muster.jpg", format="GIF")
    assert "im Format GIF" in only(problems(data_copy))


def test_photo_with_an_ending_that_is_not_allowed(data_copy):
    Image.new("RGB", (10, 10)).save(data_copy / "fotos" / "clara-muster.gif", format="GIF")
    replace(data_copy / "fachkraefte.yml", "datei: fotos/clara-muster.jpg", "datei: fotos/clara-muster.gif")
    line = line_of(data_copy / "fachkraefte.yml", "datei: fotos/clara-muster.gif")
    assert problems(data_copy) == [
        f"data/fachkraefte.yml:{line}:14: »fotos/clara-muster.gif« hat hier nicht die richtige Endung. Erlaubt sind nur "
        "Bilder im Format JPEG, PNG oder WebP mit den Endungen ».jpg«, ».jpeg«, ».png« oder ».webp«."]


def test_endings_in_capitals_are_fine_for_photos(data_copy):
    """Cameras write ».JPG«; photos are published under names the build chooses."""
    (data_copy / "fotos" / "clara-muster.jpg").rename(data_copy / "fotos" / "clara-muster.JPG")
    replace(data_copy / "fachkraefte.yml", "datei: fotos/clara-muster.jpg", "datei: fotos/clara-muster.JPG")
    assert problems(data_copy) == []


def test_form_with_an_ending_that_is_not_allowed(data_copy):
    _with_form(data_copy, "antrag.html", _pdf())
    line = line_of(data_copy / "plus.yml", "datei: formulare/antrag.html")
    assert problems(data_copy) == [
        f"data/plus.yml:{line}:12: »formulare/antrag.html« hat hier nicht die richtige Endung. Erlaubt sind nur "
        "Formulare im Format PDF, ODT oder DOCX mit den Endungen ».pdf«, ».odt« oder ».docx«."]


def test_schema_knows_the_allowed_endings():
    """Editors' tools flag a wrong ending while typing (schema/*.json, made from the models)."""
    netz = json.loads(schemas()["netzwerkstelle.schema.json"])
    muster = netz["$defs"]["Film"]["properties"]["untertitel"]["anyOf"][0]["pattern"]
    assert re.search(muster, "film/a.VTT") and not re.search(muster, "film/a.html")


def test_photo_over_the_pixel_limit(data_copy, monkeypatch):
    monkeypatch.setattr(photos, "MAX_PIXELS", 1000)
    found = problems(data_copy, cache=False)
    fotos = [p for p in found if "data/fachkraefte.yml" in p]
    assert len(fotos) == 5 and all("Pixeln zu groß" in p for p in found)


def _with_form(data_copy, name: str, content: bytes) -> None:
    (data_copy / "formulare").mkdir(exist_ok=True)
    (data_copy / "formulare" / name).write_bytes(content)
    replace(data_copy / "plus.yml", "\nformulare:\n", f"\nformulare:\n  - id: test-formular\n    titel: Antrag\n    datei: formulare/{name}\n")


def _pdf() -> bytes:
    import io
    w = PdfWriter()
    w.add_blank_page(width=100, height=100)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _zip(entries: dict[str, bytes]) -> bytes:
    """A zip with fixed dates: the same bytes in every process (the test ids hold them, pytest-xdist compares)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data)
    return buf.getvalue()


ODT = {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}
DOCX = {"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}


@pytest.mark.parametrize("name, content", [("a.pdf", _pdf()), ("a.odt", _zip(ODT)), ("a.docx", _zip(DOCX))])
def test_real_forms_pass(data_copy, name, content):
    _with_form(data_copy, name, content)
    assert problems(data_copy) == []


@pytest.mark.parametrize("name, content, fragment", [
    ("a.pdf", b"", "ist leer"),
    ("a.pdf", b"%PDF-1.4 kaputt", "beschädigtes PDF"),
    ("a.pdf", b"<html>Fehlerseite</html>", "ist kein PDF-, ODT- oder DOCX-Dokument"),
    ("a.odt", _pdf(), "dem Inhalt nach ein PDF-Dokument, endet aber auf ».odt«"),
    ("a.docx", _zip({"a.txt": b"x"}), "ist kein PDF-, ODT- oder DOCX-Dokument"),
])
def test_bad_forms(data_copy, name, content, fragment):
    _with_form(data_copy, name, content)
    assert fragment in only(problems(data_copy))


def test_oversized_form(data_copy):
    _with_form(data_copy, "a.pdf", _pdf())
    with (data_copy / "formulare" / "a.pdf").open("r+b") as f:
        f.truncate(forms.MAX_DOCUMENT_BYTES + 1)  # sparse: no real disk space
    assert "zu groß" in only(problems(data_copy))


def test_film_needs_a_file_in_self_hosted_mode(data_copy):
    replace(data_copy / "netzwerkstelle.yml", "  datei: film/imagefilm.mp4\n", "")
    assert "Für »modus: selbst« fehlt »datei:«" in only(problems(data_copy))
