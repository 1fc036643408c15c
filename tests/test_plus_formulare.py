"""PLUS+ forms: every bad entry in plus.yml is a German data/plus.yml:<line> problem; good ones become downloads."""
from __future__ import annotations

import datetime
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfWriter

from conftest import DATA
from helpers import line_of, only, problems, replace
from schulerfolg import filecheck
from schulerfolg.filecheck import dateigroesse, document_date, document_problem
from schulerfolg.load import load
from schulerfolg.parts.plus import formulargruppen
from schulerfolg.plan import Context

ANTRAG = "formulare/plus-antrag.pdf"


def test_the_sample_forms_are_real_documents_of_their_kind():
    forms = load(DATA, datetime.date(2026, 3, 1)).daten.plus.formulare
    files = [DATA / rel for f in forms for rel in [f.datei, *f.alternativen]]
    assert len(files) == 9 and {p.suffix for p in files} == {".pdf", ".odt", ".docx"}
    for path in files:
        assert document_problem(path) is None, path
        assert 2_000 < path.stat().st_size < 150_000, path  # small, but not empty shells


@pytest.mark.parametrize("stem, fields", [
    ("plus-antrag", ["Antragsteller", "§ 75 SGB VIII", "Gemeinnützig", "Partnerschule", "Titel des Projekts", "Ziele",
                     "Zielgruppe", "Anzahl der Teilnehmenden", "Zeitraum", "Beantragte Summe", "IBAN", "Unterschrift"]),
    ("plus-finanzierungsplan", ["Ausgaben", "Honorare", "Finanzierung", "Eigenmittel", "Summe", "Unterschrift"]),
    ("plus-abschlussbericht", ["Sachbericht", "Beleg", "Verwendete Förderung", "zurückgezahlt", "Unterschrift"]),
])
def test_the_sample_forms_have_the_fields_an_application_needs(stem, fields):
    from pypdf import PdfReader

    pdf = " ".join(page.extract_text() for page in PdfReader(DATA / "formulare" / f"{stem}.pdf").pages)
    with zipfile.ZipFile(DATA / "formulare" / f"{stem}.docx") as z:
        docx = z.read("word/document.xml").decode()
    with zipfile.ZipFile(DATA / "formulare" / f"{stem}.odt") as z:
        odt = z.read("content.xml").decode()
    for field in fields:
        assert field in pdf and field in docx and field in odt, field
    assert "2.000 €" in pdf or stem == "plus-abschlussbericht"  # the amount comes from data/plus.yml


# --- problems in plus.yml -------------------------------------------------------------------------

def _line(data: Path, needle: str) -> int:
    return line_of(data / "plus.yml", needle)


def test_missing_file(data_copy):
    (data_copy / ANTRAG).unlink()
    assert only(problems(data_copy)).startswith(
        f"data/plus.yml:{_line(data_copy, 'datei: ' + ANTRAG)}:12: Die Datei »data/{ANTRAG}« gibt es nicht.")


def test_wrong_type(data_copy):
    (data_copy / ANTRAG).write_text("Das ist kein PDF.", encoding="utf-8")
    assert only(problems(data_copy)) == (
        f"data/plus.yml:{_line(data_copy, 'datei: ' + ANTRAG)}:12: Die Datei »data/{ANTRAG}« ist kein PDF-, ODT- oder "
        "DOCX-Dokument. Speichern Sie das Formular in einem dieser Formate.")


def test_empty_file(data_copy):
    (data_copy / ANTRAG).write_bytes(b"")
    assert only(problems(data_copy)) == (
        f"data/plus.yml:{_line(data_copy, 'datei: ' + ANTRAG)}:12: Die Datei »data/{ANTRAG}« ist leer. "
        "Laden Sie das Formular erneut hoch.")


def test_oversized_file(data_copy):
    with (data_copy / ANTRAG).open("r+b") as f:
        f.truncate(filecheck.MAX_DOCUMENT_BYTES + 500_000)  # sparse: costs no disk space
    found = only(problems(data_copy))
    assert found.startswith(f"data/plus.yml:{_line(data_copy, 'datei: ' + ANTRAG)}:12: Die Datei »data/{ANTRAG}« "
                            "ist mit 10,5\u00a0MB zu groß (höchstens 10,0\u00a0MB).")


def test_path_leaving_data(data_copy):
    replace(data_copy / "plus.yml", f"datei: {ANTRAG}", "datei: ../pyproject.toml")
    assert only(problems(data_copy)).startswith(
        f"data/plus.yml:{_line(data_copy, 'datei: ../pyproject.toml')}:12: »../pyproject.toml« muss ein Pfad "
        "innerhalb von data/ sein")


def test_symlink_out_of_data(data_copy, tmp_path):
    outside = tmp_path / "draussen.pdf"
    shutil.copy(DATA / ANTRAG, outside)
    (data_copy / "formulare" / "link.pdf").symlink_to(outside)
    replace(data_copy / "plus.yml", f"datei: {ANTRAG}", "datei: formulare/link.pdf")
    assert "verweist auf eine Datei außerhalb von data/" in only(problems(data_copy))


@pytest.mark.parametrize("old, new, message", [
    ("stand: 2026-01-15", "stand: 2026-02-30",
     "»2026-02-30« ist kein gültiges Datum. Schreiben Sie es als JJJJ-MM-TT und prüfen Sie, ob es den Tag gibt."),
    ("datum: 2026-03-31", "datum: 31.03.2026",
     "»31.03.2026« ist kein gültiges Datum. Schreiben Sie es als JJJJ-MM-TT und prüfen Sie, ob es den Tag gibt."),
    ("abstimmung: 2026-04-23", "abstimmung: 23. April",
     "»23. April« ist kein gültiges Datum. Schreiben Sie es als JJJJ-MM-TT und prüfen Sie, ob es den Tag gibt."),
])
def test_bad_dates(data_copy, old, new, message):
    replace(data_copy / "plus.yml", old, new)
    line = _line(data_copy, new)
    col = (data_copy / "plus.yml").read_text(encoding="utf-8").splitlines()[line - 1].index(new.split(": ")[1]) + 1
    assert only(problems(data_copy)) == f"data/plus.yml:{line}:{col}: {message}"


def test_content_and_extension_disagree(data_copy):
    shutil.copy(DATA / "formulare/plus-antrag.docx", data_copy / "formulare/plus-antrag.odt")
    assert only(problems(data_copy)).endswith(
        "ist dem Inhalt nach ein DOCX-Dokument, endet aber auf ».odt«. Benennen Sie die Datei passend um.")


def test_password_protected_pdf(data_copy):
    w = PdfWriter(clone_from=DATA / ANTRAG)
    w.encrypt(user_password="geheim", algorithm="RC4-128")
    w.write(data_copy / ANTRAG)
    assert "ist mit einem Passwort geschützt" in only(problems(data_copy))


def test_pdf_with_only_an_owner_password_opens_for_everyone(data_copy):
    w = PdfWriter(clone_from=DATA / ANTRAG)
    w.encrypt(user_password="", owner_password="nur-fuer-die-stelle", algorithm="RC4-128")
    w.write(data_copy / ANTRAG)
    assert problems(data_copy) == []


def test_docx_with_macros(data_copy):
    path = data_copy / "formulare/plus-antrag.docx"
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("word/vbaProject.bin", b"\x00" * 64)
    assert "enthält Makros" in only(problems(data_copy))


def test_odt_with_a_password(data_copy):
    path = data_copy / "formulare/plus-antrag.odt"
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "META-INF/manifest.xml":
                data = data.replace(b"</manifest:manifest>", b"<manifest:encryption-data/></manifest:manifest>")
            dst.writestr(info, data)
    path.write_bytes(buf.getvalue())
    assert "ist mit einem Passwort geschützt" in only(problems(data_copy))


def test_old_word_document(data_copy):
    (data_copy / "formulare/plus-antrag.docx").write_bytes(filecheck.OLE_MAGIC + b"\x00" * 512)
    assert "ist ein altes Word-Dokument (.doc) oder mit einem Passwort geschützt" in only(problems(data_copy))


def test_zip_bomb_is_refused_before_unpacking(tmp_path, monkeypatch):
    monkeypatch.setattr(filecheck, "MAX_UNPACKED_BYTES", 1_000)  # the sample ODT unpacks to more
    path = tmp_path / "a.odt"
    shutil.copy(DATA / "formulare/plus-antrag.odt", path)
    assert document_problem(path) == "ist beschädigt und lässt sich nicht öffnen. Speichern Sie das Formular neu."


def test_file_name_must_be_url_safe(data_copy):
    (data_copy / ANTRAG).rename(data_copy / "formulare/Antrag PLUS+ 2026.pdf")
    replace(data_copy / "plus.yml", f"datei: {ANTRAG}", "datei: formulare/Antrag PLUS+ 2026.pdf")
    assert only(problems(data_copy)).endswith(
        "Der Dateiname »Antrag PLUS+ 2026.pdf« wird Teil der Download-Adresse und darf nur a–z, 0–9, »-«, »_« und "
        "».« enthalten. Benennen Sie die Datei um, z. B. in »antrag-plus-2026.pdf«.")


def test_two_forms_cannot_share_a_file_name(data_copy):
    (data_copy / "formulare/alt").mkdir()
    shutil.copy(DATA / ANTRAG, data_copy / "formulare/alt/plus-antrag.pdf")
    replace(data_copy / "plus.yml", "datei: formulare/plus-finanzierungsplan.pdf", "datei: formulare/alt/plus-antrag.pdf")
    assert only(problems(data_copy)) == (
        f"data/plus.yml:{_line(data_copy, 'formulare/alt/plus-antrag.pdf')}:12: Eine Formulardatei namens "
        f"»plus-antrag.pdf« steht schon in Zeile {_line(data_copy, 'datei: ' + ANTRAG)}. Jede Datei erscheint unter "
        "/plus/formulare/<Dateiname>: Geben Sie ihr einen eigenen Namen.")


def test_one_form_offers_each_format_once(data_copy):
    shutil.copy(DATA / ANTRAG, data_copy / "formulare/plus-antrag-2.pdf")
    replace(data_copy / "plus.yml", "alternativen: [formulare/plus-antrag.docx,",
            "alternativen: [formulare/plus-antrag-2.pdf, formulare/plus-antrag.docx,")
    assert only(problems(data_copy)).endswith(
        f"Das Formular »antrag« hat schon eine PDF-Datei (Zeile {_line(data_copy, 'datei: ' + ANTRAG)}). "
        "Bieten Sie jedes Format nur einmal an.")


def test_stand_in_the_future(data_copy):
    replace(data_copy / "plus.yml", "stand: 2026-01-15", "stand: 2099-01-01")
    assert only(problems(data_copy)) == (
        f"data/plus.yml:{_line(data_copy, 'stand: 2099-01-01')}:12: Der Stand 01.01.2099 liegt in der Zukunft. "
        "Tragen Sie das Datum der letzten Änderung ein.")


def test_vote_before_the_deadline(data_copy):
    replace(data_copy / "plus.yml", "abstimmung: 2026-04-23", "abstimmung: 2026-03-01")
    assert only(problems(data_copy)) == (
        f"data/plus.yml:{_line(data_copy, 'abstimmung: 2026-03-01')}:17: Die Abstimmung (01.03.2026) muss nach dem "
        "letzten Tag der Frist (31.03.2026) liegen. Prüfen Sie beide Daten.")


def test_same_deadline_twice(data_copy):
    replace(data_copy / "plus.yml", "fristen:\n", "fristen:\n  - datum: 2026-03-31\n    titel: Antragsfrist Frühjahr 2026\n")
    lines = (data_copy / "plus.yml").read_text(encoding="utf-8").splitlines()
    first = lines.index("  - datum: 2026-03-31") + 1
    second = lines.index("  - datum: 2026-03-31", first) + 1
    assert only(problems(data_copy)) == (
        f"data/plus.yml:{second}:5: Diese Frist (gleicher Tag, gleicher Titel) steht schon in Zeile {first}. "
        "Löschen Sie einen der beiden Einträge.")


def test_all_mistakes_at_once(data_copy):
    (data_copy / ANTRAG).write_bytes(b"")
    (data_copy / "formulare/plus-antrag.odt").unlink()
    replace(data_copy / "plus.yml", "stand: 2026-01-15", "stand: 2099-01-01")
    replace(data_copy / "plus.yml", "abstimmung: 2026-04-23", "abstimmung: 2026-03-01")
    found = problems(data_copy)
    assert len(found) == 4 and all(p.startswith("data/plus.yml:") for p in found)


# --- downloads ------------------------------------------------------------------------------------

def test_link_texts_state_format_and_size_in_german():
    assert dateigroesse(181_500) == "182\u00a0KB"
    assert dateigroesse(300) == "1\u00a0KB"
    assert dateigroesse(1_250_000) == "1,3\u00a0MB"
    daten = load(DATA, datetime.date(2026, 3, 1)).daten
    [antrag, *_] = formulargruppen(Context(daten, datetime.date(2026, 3, 1)))
    size = (DATA / ANTRAG).stat().st_size
    assert [d.linktext for d in antrag.dateien][0] == f"Antrag auf Förderung (PDF, {-(-size // 1000)}\u00a0KB)"
    assert [d.format for d in antrag.dateien] == ["PDF", "DOCX", "ODT"]
    assert antrag.stand_text == "15. Januar 2026"


def test_without_stand_the_date_comes_from_the_documents_themselves(data_copy):
    replace(data_copy / "plus.yml", "    stand: 2026-01-15\n", "")  # the first form only
    assert document_date(data_copy / "formulare/plus-antrag.odt") == datetime.date(2026, 1, 15)
    daten = load(data_copy, datetime.date(2026, 3, 1)).daten
    assert daten.plus.formulare[0].stand is None
    assert formulargruppen(Context(daten, datetime.date(2026, 3, 1)))[0].stand_text == "15. Januar 2026"
