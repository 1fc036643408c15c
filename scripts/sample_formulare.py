#!/usr/bin/env python3
"""Make the sample PLUS+ forms in data/formulare/: each as ODT, DOCX and PDF, from one list of blocks.

The ODT is written with odfpy and LibreOffice converts it to DOCX: the two files to edit in a word processor.
The PDF is a form to fill in on screen (issue 18): WeasyPrint writes it from HTML with ``pdf_forms=True``, so
every field to fill is an AcroForm field – a text field (several lines for long answers), a checkbox where the
form asks yes or no, a date field (a text field of ten characters for TT.MM.JJJJ: a PDF date field that checks
its input needs JavaScript, which the site's file check refuses) – and with ``pdf_variant="pdf/ua-1"`` a tagged
PDF/UA document with language de and its title. Each field is named by its label, which is also its tooltip
(/TU), what a screen reader says. No field sends or runs anything. The maximum amount and the office's address
come from data/, never typed in here.

Developer tool, not a dependency of the site (see data/formulare/README.md):
    pip install odfpy==1.4.1 weasyprint==70.0
    apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-liberation libpango-1.0-0 libpangoft2-1.0-0
    python scripts/sample_formulare.py
"""
from __future__ import annotations

import datetime
import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from odf import dc, meta
from odf.opendocument import OpenDocumentText
from odf.style import (
    FontFace,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TextProperties,
)
from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import H, P

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "formulare"
STAND = datetime.date(2026, 1, 15)  # the forms' version date; also written to data/plus.yml as stand:
FONT = "Liberation Sans"  # metric-compatible with Arial, so DOCX keeps its layout in Word

LUECKE = "________"  # a blank to fill in inside a line; in the PDF a field of its own


def forms(plus: dict, nw: dict) -> dict[str, tuple[str, list]]:
    """File stem → (title, blocks). A block is (kind, payload); kinds are rendered by ``build``."""
    betrag = f"{plus['hoechstbetrag']:,}".replace(",", ".") + " €"
    adresse = nw["adresse"]
    an = (f"An: {nw['name']}, {nw['organisation']}, {adresse['strasse']}, {adresse['plz']} {adresse['ort']}, "
          f"E-Mail: {nw['kontakt']['email']}")
    beispiel = ("Beispielformular der Netzwerkstelle (Muster für die Website). "
                f"Stand: {STAND:%d.%m.%Y}.")
    unterschrift = [("h2", "Unterschrift"),
                    ("p", "Ich versichere, dass die Angaben in diesem Formular vollständig und richtig sind."),
                    ("felder", ["Ort, Datum", "Name in Druckschrift", "Unterschrift der vertretungsberechtigten "
                                "Person (und Stempel, falls vorhanden)"])]
    return {
        "plus-antrag": ("Antrag auf Förderung aus dem Programm PLUS+", [
            ("p", beispiel), ("p", an),
            ("p", f"PLUS+ – „Prima Lernen An Unseren Schulen“: Förderung bis zu {betrag} je Antragsteller "
                  "und Jahr. Bitte füllen Sie alle Felder aus. Wenn der Platz nicht reicht, legen Sie ein Blatt bei."),
            ("h2", "1. Antragsteller"),
            ("felder", ["Name der Organisation", "Anschrift", "Ansprechperson", "Telefon", "E-Mail"]),
            ("h2", "2. Träger und Anerkennung"),
            ("felder", ["Träger (wenn nicht gleich Antragsteller)", "Rechtsform (z. B. eingetragener Verein)"]),
            ("ankreuzen", ["Anerkannter Träger der freien Jugendhilfe nach § 75 SGB VIII – Bescheid vom: ________",
                           "Gemeinnützig – Freistellungsbescheid des Finanzamts vom: ________",
                           "Förderverein einer Schule – Satzung und Nachweis der Gemeinnützigkeit liegen bei"]),
            ("h2", "3. Partnerschule"),
            ("felder", ["Name der Schule", "Ansprechperson an der Schule", "Telefon oder E-Mail der Schule"]),
            ("ankreuzen", ["Die Kooperationsvereinbarung mit der Schule liegt bei."]),
            ("h2", "4. Das Projekt"),
            ("felder", ["Titel des Projekts", "Ziele: Was soll sich für die Teilnehmenden verbessern?",
                        "Kurzbeschreibung: Was geschieht wann und mit wem?"]),
            ("p", "Zielgruppe (mehrere Antworten möglich):"),
            ("ankreuzen", ["Schülerinnen und Schüler – Klassenstufe(n): ________", "Lehrkräfte",
                           "Eltern und andere Erziehungsberechtigte"]),
            ("felder", ["Anzahl der Teilnehmenden (geplant)", "Zeitraum des Projekts: von – bis"]),
            ("h2", "5. Beantragte Förderung"),
            ("felder", [f"Beantragte Summe in Euro (höchstens {betrag})", "Gesamtkosten des Projekts in Euro"]),
            ("p", "Die Kosten im Einzelnen stehen im Kosten- und Finanzierungsplan (Anlage)."),
            ("h2", "6. Bankverbindung"),
            ("felder", ["Kontoinhaber", "IBAN", "BIC", "Kreditinstitut"]),
            ("h2", "7. Anlagen"),
            ("ankreuzen", ["Kosten- und Finanzierungsplan", "Kurzkonzept (höchstens zwei Seiten)",
                           "Kooperationsvereinbarung mit der Schule",
                           "Nachweis der Anerkennung nach § 75 SGB VIII oder der Gemeinnützigkeit"]),
            ("h2", "8. Erklärungen"),
            ("ankreuzen", ["Mit dem Projekt wurde noch nicht begonnen.",
                           "Für dieselben Kosten wurde keine andere Förderung beantragt oder bewilligt – "
                           "oder sie ist im Finanzierungsplan angegeben.",
                           "Ich habe den Hinweis zum Datenschutz gelesen: Die Netzwerkstelle verarbeitet die "
                           "Angaben nur, um über den Antrag zu entscheiden und die Förderung abzuwickeln."]),
            *unterschrift,
        ]),
        "plus-finanzierungsplan": ("Kosten- und Finanzierungsplan zum PLUS+-Antrag", [
            ("p", beispiel),
            ("felder", ["Antragsteller", "Titel des Projekts", "Zeitraum des Projekts"]),
            ("h2", "1. Ausgaben"),
            ("p", "Tragen Sie jede Ausgabe in eine Zeile ein. Honorare bitte mit Stundenzahl und Stundensatz."),
            ("tabelle", ["Ausgabe", "Erläuterung (z. B. 10 Std. × 40 €)", "Betrag in Euro"],
             ["Honorare", "Material und Verbrauchsmittel", "Fahrtkosten", "Eintritte und Gebühren",
              "Verpflegung", "Sonstiges", "Summe der Ausgaben"]),
            ("h2", "2. Finanzierung"),
            ("tabelle", ["Einnahme", "Erläuterung", "Betrag in Euro"],
             [f"Förderung aus PLUS+ (höchstens {betrag})", "Eigenmittel", "Mittel Dritter (z. B. Förderverein)",
              "Summe der Finanzierung"]),
            ("p", "Die Summe der Finanzierung muss der Summe der Ausgaben entsprechen."),
            *unterschrift,
        ]),
        "plus-abschlussbericht": ("Abschlussbericht und Verwendungsnachweis PLUS+", [
            ("p", beispiel), ("p", an),
            ("p", "Bitte reichen Sie den Bericht spätestens acht Wochen nach Ende des Projekts ein."),
            ("h2", "1. Angaben zum Projekt"),
            ("felder", ["Antragsteller", "Titel des Projekts", "Bescheid vom / Aktenzeichen", "Partnerschule",
                        "Tatsächlicher Zeitraum: von – bis", "Anzahl der Teilnehmenden (tatsächlich)"]),
            ("h2", "2. Sachbericht"),
            ("felder", ["Was wurde im Projekt gemacht?", "Wurden die Ziele erreicht? Woran sehen Sie das?",
                        "Was hat sich bewährt, was würden Sie anders machen?"]),
            ("h2", "3. Zahlenmäßiger Nachweis"),
            ("tabelle", ["Beleg-Nr.", "Datum", "Empfänger und Zweck", "Betrag in Euro"],
             ["1", "2", "3", "4", "5", "6", "Summe der Ausgaben"]),
            ("felder", ["Bewilligte Förderung in Euro", "Verwendete Förderung in Euro",
                        "Nicht verwendet, wird zurückgezahlt (Euro)"]),
            ("ankreuzen", ["Die Ausgaben waren für das Projekt notwendig; die Belege liegen vor und werden "
                           "fünf Jahre aufbewahrt."]),
            *unterschrift,
        ]),
    }


class Writer:
    """An ODT with a few named styles, so every form looks the same."""

    def __init__(self, title: str):
        self.doc = doc = OpenDocumentText()
        doc.meta.addElement(dc.Title(text=title))
        doc.meta.addElement(dc.Language(text="de-DE"))
        doc.meta.addElement(dc.Date(text=f"{STAND.isoformat()}T00:00:00"))
        doc.meta.addElement(meta.CreationDate(text=f"{STAND.isoformat()}T00:00:00"))
        doc.fontfacedecls.addElement(FontFace(name=FONT, fontfamily=FONT, fontfamilygeneric="swiss",
                                              fontpitch="variable"))
        base = Style(name="Standard", family="paragraph")
        base.addElement(TextProperties(fontname=FONT, fontfamily=FONT, fontsize="11pt", language="de", country="DE"))
        base.addElement(ParagraphProperties(margintop="0.1cm", marginbottom="0.15cm"))
        doc.styles.addElement(base)
        self.h1 = self._heading(1, "16pt")
        self.h2 = self._heading(2, "12.5pt")
        self.cell = Style(name="Feld", family="table-cell")
        self.cell.addElement(TableCellProperties(border="0.5pt solid #000000", padding="0.12cm"))
        self.label = Style(name="Beschriftung", family="table-cell")
        self.label.addElement(TableCellProperties(border="0.5pt solid #000000", padding="0.12cm",
                                                  backgroundcolor="#eeeeee"))
        self.bold = Style(name="Fett", family="paragraph", parentstylename="Standard")
        self.bold.addElement(TextProperties(fontweight="bold"))
        for s in (self.cell, self.label, self.bold):
            doc.automaticstyles.addElement(s)
        self.n = 0
        self.doc.text.addElement(H(outlinelevel=1, stylename=self.h1, text=title))

    def _heading(self, level: int, size: str) -> Style:
        s = Style(name=f"Heading {level}", family="paragraph", parentstylename="Standard",
                  defaultoutlinelevel=str(level))
        s.addElement(TextProperties(fontname=FONT, fontfamily=FONT, fontsize=size, fontweight="bold"))
        s.addElement(ParagraphProperties(margintop="0.45cm", marginbottom="0.2cm", keepwithnext="always"))
        self.doc.styles.addElement(s)
        return s

    def _table(self, widths: list[float]) -> Table:
        self.n += 1
        ts = Style(name=f"Tabelle{self.n}", family="table")
        ts.addElement(TableProperties(width=f"{sum(widths)}cm", align="left"))
        self.doc.automaticstyles.addElement(ts)
        table = Table(name=f"Tabelle{self.n}", stylename=ts)
        for k, w in enumerate(widths):
            cs = Style(name=f"Tabelle{self.n}.{k}", family="table-column")
            cs.addElement(TableColumnProperties(columnwidth=f"{w}cm"))
            self.doc.automaticstyles.addElement(cs)
            table.addElement(TableColumn(stylename=cs))
        self.doc.text.addElement(table)
        return table

    def _row(self, parent, texts: list[str], header: bool = False, height_lines: int = 1) -> None:
        """A table row; the first cell of a field row is its label, the rest is space to write in."""
        row = TableRow()
        for k, text in enumerate(texts):
            cell = TableCell(stylename=self.label if header or (k == 0 and text) else self.cell, valuetype="string")
            cell.addElement(P(stylename=self.bold if header else "Standard", text=text))
            for _ in range(height_lines - 1):
                cell.addElement(P(stylename="Standard", text=""))
            row.addElement(cell)
        parent.addElement(row)

    def add(self, kind: str, payload, extra=None) -> None:
        if kind == "h2":
            self.doc.text.addElement(H(outlinelevel=2, stylename=self.h2, text=payload))
        elif kind == "p":
            self.doc.text.addElement(P(stylename="Standard", text=payload))
        elif kind == "ankreuzen":
            for option in payload:
                self.doc.text.addElement(P(stylename="Standard", text=f"□ {option}"))
        elif kind == "felder":
            table = self._table([6.5, 10.5])
            for label in payload:
                long = label.endswith("?") or label.startswith(("Ziele", "Kurzbeschreibung", "Unterschrift"))
                self._row(table, [label, ""], height_lines=4 if long else 1)
        elif kind == "tabelle":
            widths = [5.0, 7.5, 4.5] if len(payload) == 3 else [2.2, 2.8, 8.0, 4.0]
            table = self._table(widths)
            head = TableHeaderRows()  # repeated on every page; a header row for screen readers
            table.addElement(head)
            self._row(head, payload, header=True)
            for first in extra:
                self._row(table, [first] + [""] * (len(payload) - 1))


class Fillable:
    """The same blocks as HTML with form fields, for WeasyPrint to write a fillable, tagged PDF."""

    CSS = """
    @page { size: A4; margin: 1.8cm 2cm; }
    body { font-family: "Liberation Sans"; font-size: 11pt; line-height: 1.35; }
    h1 { font-size: 16pt; margin: 0 0 .4cm; } h2 { font-size: 12.5pt; margin: .45cm 0 .2cm; break-after: avoid; }
    p { margin: .1cm 0 .15cm; }
    table { border-collapse: collapse; width: 17cm; margin: .1cm 0 .2cm; break-inside: auto; }
    th, td { border: .5pt solid #000; padding: .08cm .12cm; text-align: left; vertical-align: top; }
    th { background: #eee; font-weight: normal; width: 6.5cm; } thead th { font-weight: bold; width: auto; }
    tr { break-inside: avoid; }
    input[type=text], textarea { width: 100%; box-sizing: border-box; border: 0; background: #f3f7fb;
      font: 10.5pt "Liberation Sans"; height: .6cm; }
    textarea { height: 2.6cm; } input.datum { width: 3.2cm; } td.unterschrift { height: 1.6cm; }
    .option { margin: .12cm 0; padding-left: .6cm; } .option input[type=checkbox] { float: left; margin: .05cm 0 0 -.6cm; width: .4cm; height: .4cm; }
    .option input[type=text] { width: 4cm; height: .55cm; }
    """

    def __init__(self, title: str):
        self.title = title
        self.parts = [f"<h1>{html.escape(title)}</h1>"]
        self.names: set[str] = set()

    def add(self, kind: str, payload, extra=None) -> None:
        e = html.escape
        if kind == "h2":
            self.parts.append(f"<h2>{e(payload)}</h2>")
        elif kind == "p":
            self.parts.append(f"<p>{e(payload)}</p>")
        elif kind == "ankreuzen":
            for option in payload:
                text, luecke, rest = option.partition(LUECKE)
                text = text.rstrip(" :")
                was, _, wofuer = text.rpartition(" – ")  # »Gemeinnützig« – »Freistellungsbescheid … vom«
                box = self._checkbox(was if luecke else text)
                if luecke:  # the blank beside the box: a field of its own, a date where it asks »vom«
                    luecke = " " + self._text(f"{was}: {wofuer}", datum=text.endswith(" vom"))
                self.parts.append(f'<p class="option">{box} {e(text)}{":" if luecke else ""}{luecke}{e(rest)}</p>')
        elif kind == "felder":
            rows = [f"<tr><th scope=\"row\">{e(label)}</th>{self._zelle(label)}</tr>" for label in payload]
            self.parts.append(f"<table>{''.join(rows)}</table>")
        elif kind == "tabelle":
            head = "".join(f'<th scope="col">{e(h)}</th>' for h in payload)
            rows = []
            for first in extra:
                zeile = f"Beleg {first}" if first.isdigit() else first
                cells = "".join(f"<td>{self._text(f'{zeile} – {h}', datum=h == 'Datum')}</td>" for h in payload[1:])
                rows.append(f'<tr><th scope="row">{e(first)}</th>{cells}</tr>')
            self.parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")

    def _zelle(self, label: str) -> str:
        """The cell beside a label: a space to sign by hand, date fields, or a text field of one or more lines."""
        if label.startswith("Unterschrift"):
            return '<td class="unterschrift"></td>'
        if label.endswith("von – bis"):
            return f"<td>von {self._text(label + ': von', datum=True)} bis {self._text(label + ': bis', datum=True)}</td>"
        if label == "Ort, Datum":
            return f"<td>{self._text('Ort')} {self._text('Datum', datum=True)}</td>"
        if label.endswith("?") or label.startswith(("Ziele", "Kurzbeschreibung")):
            return f'<td><textarea name="{self._name(label)}" title="{html.escape(label)}"></textarea></td>'
        return f"<td>{self._text(label)}</td>"

    def _text(self, label: str, datum: bool = False) -> str:
        if datum:  # TT.MM.JJJJ: ten characters; the tooltip says how to write it
            return (f'<input type="text" class="datum" maxlength="10" name="{self._name(label)}" '
                    f'title="{html.escape(label)} (Datum, TT.MM.JJJJ)">')
        return f'<input type="text" name="{self._name(label)}" title="{html.escape(label)}">'

    def _checkbox(self, label: str) -> str:
        return f'<input type="checkbox" name="{self._name(label)}" title="{html.escape(label)}">'

    def _name(self, label: str) -> str:
        """A field name from its label, unique in the form: what a program that reads the fields sees."""
        stem = label.lower()
        for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("§", "paragraf")):
            stem = stem.replace(a, b)
        stem = "-".join(re.findall(r"[a-z0-9]+", stem))[:60].strip("-")
        name, n = stem, 1
        while name in self.names:
            n += 1
            name = f"{stem}-{n}"
        self.names.add(name)
        return name

    def html(self) -> str:
        tag = STAND.isoformat()  # the PDF's own date, as the site reads it when plus.yml has no »stand«
        return (f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{html.escape(self.title)}</title>'
                f'<meta name="dcterms.created" content="{tag}"><meta name="dcterms.modified" content="{tag}">'
                f"<style>{self.CSS}</style></head><body><form>{''.join(self.parts)}</form></body></html>")


def build_pdf(title: str, blocks: list, target: Path) -> None:
    from weasyprint import HTML

    f = Fillable(title)
    for block in blocks:
        f.add(*block)
    HTML(string=f.html()).write_pdf(target, pdf_forms=True, pdf_variant="pdf/ua-1", uncompressed_pdf=False)


def build(title: str, blocks: list, target: Path) -> None:
    w = Writer(title)
    for block in blocks:
        w.add(*block)
    w.doc.save(str(target))


def main() -> int:
    soffice = shutil.which("soffice")
    if soffice is None:
        print("LibreOffice fehlt: apt-get install -y --no-install-recommends libreoffice-writer-nogui", file=sys.stderr)
        return 1
    plus = yaml.safe_load((ROOT / "data" / "plus.yml").read_text(encoding="utf-8"))
    nw = yaml.safe_load((ROOT / "data" / "netzwerkstelle.yml").read_text(encoding="utf-8"))
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profil"  # a throwaway LibreOffice profile: no state from the developer's own
        for stem, (title, blocks) in forms(plus, nw).items():
            odt = OUT / f"{stem}.odt"
            build(title, blocks, odt)
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                            "docx:MS Word 2007 XML", "--outdir", str(OUT), str(odt)], check=True, capture_output=True)
            build_pdf(title, blocks, OUT / f"{stem}.pdf")
            for suffix in ("odt", "docx", "pdf"):
                path = OUT / f"{stem}.{suffix}"
                print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} Byte")
    return 0


if __name__ == "__main__":
    sys.exit(main())
