"""The data contract: one model per data file, in the words of the YAML.

Every model forbids unknown keys, so a typo ("telfon") is reported instead of
silently dropped. Field descriptions feed the JSON Schema and the editors' handbook.
"""
from __future__ import annotations

import datetime
import types
import typing
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .fields import (
    PLZ,
    Absatz,
    Anteil,
    Art,
    Bezeichnung,
    Datum,
    Email,
    Formularpfad,
    Fotopfad,
    Ganzzahl,
    JaNein,
    Kurztext,
    Markdown,
    Slug,
    Sprache,
    Telefon,
    Text,
    Uhrzeit,
    Url,
    Videopfad,
    WebMpfad,
    WebVTTpfad,
    Wochenstunden,
    art_von,
)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Schulform(str, Enum):
    grundschule = "grundschule"
    sekundarschule = "sekundarschule"
    gemeinschaftsschule = "gemeinschaftsschule"
    gymnasium = "gymnasium"
    foerderschule = "foerderschule"
    berufsbildende_schule = "berufsbildende-schule"

    @property
    def label(self) -> str:
        return SCHULFORM_LABELS[self][0]

    @property
    def plural(self) -> str:
        return SCHULFORM_LABELS[self][1]


SCHULFORM_LABELS = {
    Schulform.grundschule: ("Grundschule", "Grundschulen"),
    Schulform.sekundarschule: ("Sekundarschule", "Sekundarschulen"),
    Schulform.gemeinschaftsschule: ("Gemeinschaftsschule", "Gemeinschaftsschulen"),
    Schulform.gymnasium: ("Gymnasium", "Gymnasien"),
    Schulform.foerderschule: ("Förderschule", "Förderschulen"),
    Schulform.berufsbildende_schule: ("Berufsbildende Schule", "Berufsbildende Schulen"),
}


class Adresse(Model):
    strasse: Kurztext = Field(examples=["Elballee 24"])
    """Straße und Hausnummer."""
    plz: PLZ = Field(examples=["06846"])
    """Postleitzahl, fünf Ziffern, in Anführungszeichen."""
    ort: Kurztext = "Dessau-Roßlau"
    """Ort; ohne Angabe »Dessau-Roßlau«."""


class Schule(Model):
    id: Slug = Field(examples=["gs-ziebigk"])
    """Eindeutige Kennung aus a–z, 0–9 und »-«; ergibt die Adresse /schulen/<id>/."""
    name: Bezeichnung = Field(examples=["Grundschule Ziebigk"])
    """Name der Schule, wie sie ihn selbst schreibt."""
    schulform: Schulform
    """Eine von: grundschule, sekundarschule, gemeinschaftsschule, gymnasium, foerderschule, berufsbildende-schule."""
    adresse: Adresse | None = None
    """Postanschrift der Schule."""
    stadtteil: Kurztext | None = Field(None, examples=["Ziebigk"])
    """Stadtteil, nach dem die Schulsuche gruppiert."""
    website: Url | None = None
    """Website der Schule, mit https://."""
    telefon: Telefon | None = None
    """Telefonnummer des Sekretariats."""
    email: Email | None = None
    """E-Mail-Adresse des Sekretariats."""
    traeger: Bezeichnung | None = Field(None, examples=["Stadt Dessau-Roßlau"])
    """Schulträger, wenn es nicht die Stadt ist (z. B. bei Schulen in freier Trägerschaft)."""


class Traeger(Model):
    id: Slug = Field(examples=["kiez-ev"])
    """Eindeutige Kennung; ergibt die Adresse /traeger/<id>/."""
    name: Bezeichnung = Field(examples=["KIEZ e.V."])
    """Name des Trägers."""
    website: Url | None = None
    """Website des Trägers, mit https://."""
    adresse: Adresse | None = None
    """Postanschrift des Trägers."""
    telefon: Telefon | None = None
    """Telefonnummer der Geschäftsstelle."""
    email: Email | None = None
    """Allgemeine E-Mail-Adresse des Trägers."""
    beschreibung: Markdown | None = None
    """Kurze Vorstellung des Trägers (Markdown, ohne HTML)."""


class Fokus(Model):
    x: Anteil = 0.5
    """Waagerechte Lage des Gesichts im Foto: 0 = linker Rand, 1 = rechter Rand."""
    y: Anteil = 0.4
    """Senkrechte Lage des Gesichts im Foto: 0 = oberer Rand, 1 = unterer Rand."""


class Foto(Model):
    datei: Fotopfad = Field(examples=["fotos/anna-beispiel.jpg"])
    """Pfad zum Originalfoto innerhalb von data/ (JPEG, PNG oder WebP)."""
    einwilligung: Datum = Field(examples=["2025-03-01"])
    """Datum der schriftlichen Einwilligung zur Veröffentlichung (JJJJ-MM-TT), nicht in der Zukunft."""
    fokus: Fokus | None = None
    """Wo das Gesicht ist, damit der Hochformat-Ausschnitt es nicht abschneidet."""


class Projekt(Model):
    titel: Text
    """Titel des Beispielprojekts."""
    beschreibung: Markdown
    """Beschreibung in Markdown, ohne HTML."""


class Wochentag(str, Enum):
    mo = "mo"
    di = "di"
    mi = "mi"
    do = "do"
    fr = "fr"
    sa = "sa"
    so = "so"


WOCHENTAG_LABELS = {tag: name for tag, name in zip(Wochentag, ("Montag", "Dienstag", "Mittwoch", "Donnerstag",
                                                               "Freitag", "Samstag", "Sonntag"), strict=True)}


class Sprechzeit(Model):
    tage: list[Wochentag] = Field(min_length=1, examples=[["mo", "di", "mi", "do"]])
    """Wochentage, abgekürzt: mo, di, mi, do, fr, sa, so."""
    von: Uhrzeit | None = Field(None, examples=["07:30"])
    """Beginn als SS:MM; zusammen mit »bis« oder gar nicht."""
    bis: Uhrzeit | None = Field(None, examples=["13:30"])
    """Ende als SS:MM, nach »von«."""
    ort: Text | None = Field(None, examples=["Raum 012 im Erdgeschoss"])
    """Wo, wenn es nicht immer derselbe Ort ist: Raum oder Schule."""

    @field_validator("bis")
    @classmethod
    def _nach_beginn(cls, bis: str | None, info: ValidationInfo) -> str | None:
        von = info.data.get("von")
        if bis is not None and von is not None and bis <= von:  # »07:30« < »13:30« as text, as times
            raise PydanticCustomError("sf_zeitraum",
                "Das Ende {bis} liegt nicht nach dem Beginn {von}. Prüfen Sie »von« und »bis«.", {"von": von, "bis": bis})
        return bis

    @model_validator(mode="after")
    def _von_und_bis(self) -> Sprechzeit:
        if (self.von is None) != (self.bis is None):
            raise PydanticCustomError("sf_zeitraum",
                "Geben Sie »von« und »bis« zusammen an – oder keines von beiden, dann zählen nur die Tage.")
        return self


class Sprechzeiten(Model):
    zeiten: list[Sprechzeit] = Field(default_factory=list)
    """Feste Zeiten: je Eintrag Tage, Uhrzeit und, wenn nötig, der Ort."""
    nach_vereinbarung: JaNein = False
    """true, wenn man auch einen Termin ausmachen kann (»nach Vereinbarung«, in jeder Sprache der Seite)."""
    hinweis: Text | None = Field(None, examples=["in den Schulferien geschlossen"])
    """Was sonst noch gilt, auf Deutsch."""

    @model_validator(mode="after")
    def _nicht_leer(self) -> Sprechzeiten:
        if not (self.zeiten or self.nach_vereinbarung or self.hinweis):
            raise PydanticCustomError("sf_sprechzeiten",
                "Die Sprechzeiten sind leer. Tragen Sie »zeiten«, »nach_vereinbarung: true« oder einen »hinweis« ein "
                "– oder löschen Sie »sprechzeiten«.")
        return self


class Finanzquelle(str, Enum):
    esf_plus = "esf-plus"
    stadt = "stadt"
    sonstige = "sonstige"


FINANZQUELLE_LABELS = {Finanzquelle.esf_plus: "ESF Plus", Finanzquelle.stadt: "Stadt Dessau-Roßlau",
                       Finanzquelle.sonstige: "andere Mittel"}


class Finanzierung(Model):
    quelle: Finanzquelle = Field(examples=["esf-plus"])
    """Wer die Stelle bezahlt: esf-plus (Europäischer Sozialfonds Plus), stadt (Stadt Dessau-Roßlau) oder sonstige."""
    bezeichnung: Bezeichnung | None = Field(None, examples=["Landesprogramm Schulerfolg"])
    """Name des Programms, vor allem bei »sonstige«."""
    von: Datum | None = Field(None, examples=["2024-08-01"])
    """Erster Tag der Förderung (JJJJ-MM-TT)."""
    bis: Datum | None = Field(None, examples=["2028-07-31"])
    """Letzter Tag, bis zu dem die Stelle gesichert ist (JJJJ-MM-TT)."""

    @model_validator(mode="after")
    def _zeitraum(self) -> Finanzierung:
        if self.von is not None and self.bis is not None and self.bis < self.von:
            raise PydanticCustomError("sf_zeitraum",
                "Die Förderung endet ({bis}) vor ihrem Beginn ({von}). Prüfen Sie »von« und »bis«.",
                {"von": f"{self.von:%d.%m.%Y}", "bis": f"{self.bis:%d.%m.%Y}"})
        return self


class Fachkraft(Model):
    id: Slug = Field(examples=["anna-beispiel"])
    """Eindeutige Kennung; ergibt auch den Dateinamen der Visitenkarte (.vcf)."""
    name: Kurztext = Field(examples=["Anna Beispiel"])
    """Vor- und Nachname."""
    schulen: list[Slug] = Field(min_length=1, examples=[["gs-ziebigk"]])
    """Kennungen der Schulen aus data/schulen.yml, mindestens eine."""
    traeger: Slug = Field(examples=["kiez-ev"])
    """Kennung des Trägers aus data/traeger.yml."""
    email: Email
    """Dienstliche E-Mail-Adresse (möglichst eine Funktionsadresse)."""
    telefon: Telefon | None = None
    """Dienstliche Telefonnummer mit Vorwahl."""
    sprechzeiten: Sprechzeiten | None = None
    """Wann und wo man die Fachkraft erreicht: Tage und Uhrzeiten."""
    sprachen: list[Sprache] = Field(default_factory=list, examples=[["de", "uk"]])
    """Gesprochene Sprachen als Kürzel nach ISO 639-1."""
    zitat: Text | None = None
    """Ein kurzer Satz der Fachkraft für die Ausstellungstafel."""
    foto: Foto | None = None
    """Foto, nur mit dokumentierter Einwilligung."""
    projekte: list[Projekt] = Field(default_factory=list)
    """Beispielprojekte aus der Arbeit an der Schule."""
    wochenstunden: Wochenstunden | None = Field(None, examples=[30])
    """Stunden der Stelle je Woche: 20, 30 oder 39 (für /zahlen/)."""
    finanzierung: Finanzierung | None = None
    """Wer die Stelle bezahlt und für welchen Zeitraum (für /zahlen/)."""


class Frist(Model):
    datum: Datum = Field(examples=["2026-03-31"])
    """Letzter Tag, an dem Anträge eingehen können (JJJJ-MM-TT)."""
    titel: Text = Field(examples=["Antragsfrist Frühjahr 2026"])
    """Kurzer Titel der Frist."""
    beschreibung: Markdown | None = None
    """Was bis dahin zu tun ist."""
    abstimmung: Datum | None = Field(None, examples=["2026-04-23"])
    """Tag, an dem das Gremium über die Anträge dieser Frist abstimmt (JJJJ-MM-TT), nach der Frist."""


class Formular(Model):
    id: Slug = Field(examples=["antrag"])
    """Eindeutige Kennung; ergibt die Download-Adresse."""
    titel: Text = Field(examples=["Antrag auf Förderung"])
    """Titel, wie er im Download-Link steht."""
    datei: Formularpfad = Field(examples=["formulare/plus-antrag.pdf"])
    """Pfad zur Datei innerhalb von data/ (PDF, ODT oder DOCX)."""
    alternativen: list[Formularpfad] = Field(default_factory=list, examples=[["formulare/plus-antrag.odt"]])
    """Dasselbe Formular in anderen Formaten (PDF, ODT, DOCX)."""
    beschreibung: Markdown | None = None
    """Wozu das Formular dient."""
    stand: Datum | None = Field(None, examples=["2026-01-15"])
    """Letzte Änderung des Formulars (JJJJ-MM-TT). Ohne Angabe gilt das Änderungsdatum, das in den Dateien selbst steht."""


class Schritt(Model):
    titel: Text
    """Kurzer Titel des Verfahrensschritts."""
    beschreibung: Markdown
    """Was in diesem Schritt geschieht."""


class Frage(Model):
    frage: Text
    """Die Frage, wie Antragstellende sie stellen."""
    antwort: Markdown
    """Die Antwort in einfachem Deutsch."""


class Ansprechperson(Model):
    name: Kurztext = Field(examples=["Petra Probe"])
    """Vor- und Nachname der Person, die zu PLUS+ berät."""
    funktion: Text | None = Field(None, examples=["Koordination PLUS+ in der Netzwerkstelle"])
    """Ihre Aufgabe, in wenigen Worten."""
    telefon: Telefon | None = None
    """Ihre Telefonnummer (Durchwahl)."""
    email: Email
    """Ihre dienstliche E-Mail-Adresse."""


class Plus(Model):
    hoechstbetrag: Ganzzahl = Field(gt=0, le=1_000_000, examples=[2000])
    """Höchste Fördersumme je Antragsteller und Jahr in Euro."""
    fristen: list[Frist] = Field(default_factory=list)
    """Antragsfristen."""
    formulare: list[Formular] = Field(default_factory=list)
    """Formulare zum Herunterladen."""
    verfahren: list[Schritt] = Field(default_factory=list)
    """Die Schritte des Verfahrens, in ihrer Reihenfolge."""
    einleitung: Markdown | None = None
    """Was PLUS+ ist und was es erreichen will."""
    antragsberechtigt: list[Text] = Field(default_factory=list)
    """Wer einen Antrag stellen darf."""
    zielgruppen: list[Text] = Field(default_factory=list)
    """Für wen die Projekte gedacht sind."""
    antragsinhalt: list[Text] = Field(default_factory=list)
    """Was zu einem Antrag gehört."""
    faq: list[Frage] = Field(default_factory=list)
    """Häufige Fragen und Antworten."""
    ziele: list[Text] = Field(default_factory=list)
    """Was die geförderten Projekte erreichen sollen."""
    beratung: list[Text] = Field(default_factory=list, examples=[["Schulen", "Fördervereine", "Träger der Jugendhilfe"]])
    """Wen die Netzwerkstelle zu PLUS+ berät."""
    neue_fristen: Markdown | None = Field(None, examples=["Die Fristen für 2027 veröffentlichen wir im Dezember 2026."])
    """Wann neue Fristen bekannt gegeben werden; steht auf der Seite, sobald keine Frist mehr offen ist."""
    ansprechperson: Ansprechperson | None = None
    """Wer zu PLUS+ berät; steht oben auf der Seite »Auf einen Blick«. Ohne Angabe nennt die Seite die Netzwerkstelle."""

    @property
    def hoechstbetrag_text(self) -> str:
        """»2.000 €«, as German readers write it."""
        from babel.numbers import format_currency

        return format_currency(self.hoechstbetrag, "EUR", format="#,##0\u00a0¤", currency_digits=False, locale="de_DE")


class Kontakt(Model):
    telefon: Telefon | None = None
    """Telefonnummer."""
    email: Email
    """E-Mail-Adresse."""
    sprechzeiten: Sprechzeiten | None = None
    """Wann man die Netzwerkstelle erreicht: Tage und Uhrzeiten."""


class Partner(Model):
    name: Bezeichnung
    """Name der Einrichtung."""
    website: Url | None = None
    """Website, mit https://."""


class Rechtsgrundlage(Model):
    titel: Text = Field(examples=["§ 13 SGB VIII – Jugendsozialarbeit"])
    """Paragraf und Gesetz."""
    url: Url | None = None
    """Link auf den Gesetzestext."""


class Film(Model):
    titel: Text
    """Titel des Films."""
    modus: Literal["selbst", "extern"] = "selbst"
    """»selbst«: Video liegt in data/; »extern«: Video auf einer Plattform (lädt erst nach Klick)."""
    datei: Videopfad | None = None
    """Bei »selbst«: das Video (MP4) innerhalb von data/."""
    webm: WebMpfad | None = None
    """Bei »selbst«, freiwillig: derselbe Film zusätzlich als WebM innerhalb von data/."""
    untertitel: WebVTTpfad | None = None
    """Deutsche Untertitel als WebVTT-Datei innerhalb von data/; bei »selbst« Pflicht."""
    kapitel: WebVTTpfad | None = None
    """Kapitelmarken als WebVTT-Datei innerhalb von data/: je Abschnitt ein Eintrag mit seinem Titel."""
    bildbeschreibung: WebVTTpfad | None = None
    """Was im Bild zu sehen ist, als WebVTT-Datei innerhalb von data/; ergänzt die Textfassung des Films."""
    poster: Fotopfad | None = None
    """Standbild (JPEG, PNG oder WebP), das vor dem Abspielen zu sehen ist."""
    url: Url | None = None
    """Bei »extern«: die Adresse des Videos auf YouTube oder Vimeo."""
    beschreibung: Markdown | None = None
    """Worum es im Film geht."""


class Stelle(Model):
    name: Bezeichnung = Field(examples=["Landesbeauftragter für den Datenschutz Sachsen-Anhalt"])
    """Name der Stelle oder Funktion, z. B. »Behördlicher Datenschutzbeauftragter der Stadt Dessau-Roßlau«."""
    adresse: Adresse | None = None
    """Postanschrift."""
    telefon: Telefon | None = None
    """Telefonnummer mit Vorwahl."""
    email: Email | None = None
    """E-Mail-Adresse (eine Funktionsadresse, keine persönliche)."""
    website: Url | None = None
    """Website, mit https://."""


class Impressum(Model):
    anbieter: Bezeichnung = Field(examples=["Stadt Dessau-Roßlau"])
    """Wer die Website anbietet (Diensteanbieter nach § 5 DDG)."""
    rechtsform: Text | None = Field(None, examples=["Gebietskörperschaft des öffentlichen Rechts"])
    """Rechtsform des Anbieters."""
    vertreten_durch: Text = Field(examples=["den Oberbürgermeister"])
    """Wer den Anbieter gesetzlich vertritt; ergänzt »Vertreten durch …«."""
    adresse: Adresse
    """Ladungsfähige Postanschrift des Anbieters."""
    telefon: Telefon
    """Telefonnummer für eine schnelle Kontaktaufnahme."""
    email: Email
    """E-Mail-Adresse für eine schnelle Kontaktaufnahme."""
    aufsichtsbehoerde: Stelle | None = None
    """Zuständige Aufsichtsbehörde, z. B. die Kommunalaufsicht."""
    umsatzsteuer_id: Text | None = Field(None, examples=["DE123456789"])
    """Umsatzsteuer-Identifikationsnummer, falls vorhanden."""
    redaktion: Text = Field(examples=["Leitung der Netzwerkstelle „Schulerfolg für Dessau-Roßlau“"])
    """Wer für den Inhalt verantwortlich ist (als Funktion); die Anschrift ist die der Netzwerkstelle."""


class Datenschutz(Model):
    datenschutzbeauftragte: Stelle
    """Kontakt der oder des behördlichen Datenschutzbeauftragten."""
    aufsichtsbehoerde: Stelle
    """Datenschutz-Aufsichtsbehörde, bei der man sich beschweren kann."""
    hosting: Text = Field(examples=["IT-Dienstleister der Stadt Dessau-Roßlau (Rechenzentrum in Deutschland)"])
    """Wer die Website im Auftrag betreibt (Auftragsverarbeiter nach Art. 28 DSGVO)."""
    protokoll_tage: Ganzzahl = Field(ge=0, le=365, examples=[7])
    """Nach wie vielen Tagen der Server seine Zugriffsprotokolle löscht."""
    stand: Datum = Field(examples=["2026-05-01"])
    """Datum, an dem die Datenschutzerklärung zuletzt geprüft wurde (JJJJ-MM-TT)."""


class Einschraenkung(Model):
    was: Markdown
    """Welcher Inhalt nicht barrierefrei ist (Markdown, ohne HTML)."""
    grund: Markdown | None = None
    """Warum das so ist."""
    alternative: Markdown | None = None
    """Wie man trotzdem an den Inhalt kommt."""
    leichte_sprache: Absatz | None = None
    """Derselbe Punkt in Leichter Sprache, für die Seite /leichte-sprache/barrierefreiheit/."""


class Barrierefreiheit(Model):
    status: Literal["vollstaendig", "teilweise", "nicht"]
    """Wie weit die Website die Anforderungen erfüllt: vollstaendig, teilweise oder nicht."""
    einschraenkungen: list[Einschraenkung] = Field(default_factory=list)
    """Bekannte Barrieren: was, warum und welche Alternative es gibt."""
    pruefmethode: Markdown
    """Wie die Barrierefreiheit geprüft wurde (Selbstbewertung, Werkzeuge, Tests von Hand)."""
    pruefdatum: Datum = Field(examples=["2026-05-01"])
    """Datum der letzten Prüfung (JJJJ-MM-TT)."""
    stand: Datum = Field(examples=["2026-05-01"])
    """Datum, an dem die Erklärung erstellt oder zuletzt überarbeitet wurde (JJJJ-MM-TT)."""
    feedback_email: Email
    """Adresse, an die man Barrieren meldet; die Seite verlinkt sie mit vorausgefülltem Betreff."""
    feedback_telefon: Telefon | None = None
    """Telefonnummer für Rückmeldungen zur Barrierefreiheit."""
    kontaktformular: Url | None = None
    """Adresse eines Online-Formulars für Rückmeldungen, falls es eines gibt."""
    ombudsstelle: Stelle
    """Die Ombudsstelle nach § 16d BGG LSA (Schlichtung bei Barrieren)."""


class Netzwerkstelle(Model):
    beispieldaten: JaNein
    """true, solange die Daten Beispiele sind: Dann zeigt jede Seite einen Hinweis."""
    name: Bezeichnung
    """Name der Netzwerkstelle."""
    organisation: Bezeichnung = Field(examples=["Stadt Dessau-Roßlau, Jugendamt, Jugendförderung"])
    """Zu welcher Verwaltung die Netzwerkstelle gehört."""
    adresse: Adresse
    """Postanschrift."""
    kontakt: Kontakt
    """Wie man die Netzwerkstelle erreicht."""
    einleitung: Markdown | None = None
    """Kurze Vorstellung für die Startseite."""
    schulsozialarbeit: Markdown | None = None
    """Was Schulsozialarbeit ist, für Eltern erklärt: drei bis fünf kurze Absätze am Anfang der Seite
    /schulsozialarbeit/."""
    aufgaben: list[Text] = Field(default_factory=list)
    """Aufgaben der Netzwerkstelle."""
    steuerungsgruppe: Markdown | None = None
    """Die Steuerungsgruppe »Schulerfolg sichern«: wer dazugehört, was sie tut."""
    partner: list[Partner] = Field(default_factory=list)
    """Kooperationspartner."""
    rechtsgrundlagen: list[Rechtsgrundlage] = Field(default_factory=list)
    """Gesetzliche Grundlagen der Arbeit."""
    film: Film | None = None
    """Der Imagefilm."""
    gebaerdensprache: Film | None = None
    """Video in Deutscher Gebärdensprache (DGS) für die Seite /gebaerdensprache/. Solange es fehlt,
    sagt die Seite, dass das Video in Vorbereitung ist."""
    impressum: Impressum | None = None
    """Angaben für das Impressum nach § 5 DDG (Seite /impressum/)."""
    datenschutz: Datenschutz | None = None
    """Angaben für die Datenschutzerklärung nach Art. 13 DSGVO (Seite /datenschutz/)."""
    barrierefreiheit: Barrierefreiheit | None = None
    """Angaben für die Erklärung zur Barrierefreiheit nach dem BGG LSA (Seite /barrierefreiheit/)."""


class Zielgruppe(str, Enum):
    eltern = "eltern"
    fachkraefte = "fachkraefte"
    schulen = "schulen"
    oeffentlich = "oeffentlich"

    @property
    def label(self) -> str:
        return ZIELGRUPPE_LABELS[self]


ZIELGRUPPE_LABELS = {Zielgruppe.eltern: "Eltern", Zielgruppe.fachkraefte: "Fachkräfte", Zielgruppe.schulen: "Schulen",
                     Zielgruppe.oeffentlich: "öffentlich"}


class Kategorie(str, Enum):
    schlaglicht = "schlaglicht"
    netzwerk = "netzwerk"
    plus = "plus"
    eltern = "eltern"
    termine_bericht = "termine-bericht"

    @property
    def label(self) -> str:
        return KATEGORIE_LABELS[self]


KATEGORIE_LABELS = {Kategorie.schlaglicht: "Schlaglicht", Kategorie.netzwerk: "Netzwerk", Kategorie.plus: "PLUS+",
                    Kategorie.eltern: "Eltern", Kategorie.termine_bericht: "Termine-Bericht"}


class Ort(Model):
    name: Bezeichnung = Field(examples=["Rathaus Dessau, Ratssaal"])
    """Wo die Veranstaltung stattfindet: Haus und Raum."""
    adresse: Adresse | None = None
    """Postanschrift des Veranstaltungsorts."""


class Anmeldung(Model):
    email: Email | None = None
    """E-Mail-Adresse, an die man die Anmeldung schickt."""
    url: Url | None = None
    """Adresse eines Anmeldeformulars, mit https://."""
    bis: Datum | None = Field(None, examples=["2026-11-14"])
    """Letzter Tag der Anmeldung (JJJJ-MM-TT), spätestens am Tag der Veranstaltung."""


class Dokument(Model):
    titel: Text = Field(examples=["Tagesordnung"])
    """Wie der Download heißt, z. B. »Tagesordnung« oder »Protokoll«."""
    datei: Formularpfad = Field(examples=["dokumente/2026-03-21-protokoll.pdf"])
    """Pfad zur Datei innerhalb von data/ (PDF, ODT oder DOCX), am besten im Ordner dokumente/."""


class Termin(Model):
    id: Slug = Field(examples=["2026-03-21-sozialraumkonferenz-nord"])
    """Eindeutige Kennung, am besten Datum und Titel; bleibt für immer gleich (Kalender erkennen den Termin daran)."""
    titel: Text = Field(examples=["Sozialraumkonferenz Nord"])
    """Titel der Veranstaltung."""
    datum: Datum = Field(examples=["2026-03-21"])
    """Tag der Veranstaltung (JJJJ-MM-TT)."""
    beginn: Uhrzeit | None = Field(None, examples=["18:00"])
    """Uhrzeit des Beginns (SS:MM). Ohne Angabe steht »Uhrzeit folgt« da; im Kalender ganztägig."""
    ende: Uhrzeit | None = Field(None, examples=["20:00"])
    """Uhrzeit des Endes (SS:MM), nur mit Beginn."""
    ort: Ort | None = None
    """Veranstaltungsort. Ohne Angabe steht »Ort wird noch bekanntgegeben« da."""
    veranstalter: Bezeichnung | None = Field(None, examples=["Netzwerkstelle „Schulerfolg für Dessau-Roßlau“"])
    """Wer einlädt; ohne Angabe die Netzwerkstelle."""
    zielgruppen: list[Zielgruppe] = Field(default_factory=list, examples=[["eltern", "schulen"]])
    """Für wen: eltern, fachkraefte, schulen, oeffentlich."""
    anmeldung: Anmeldung | None = None
    """Wie man sich anmeldet, wenn eine Anmeldung nötig ist."""
    beschreibung: Markdown | None = None
    """Worum es geht (Markdown, ohne HTML)."""
    abgesagt: JaNein = False
    """true, wenn der Termin ausfällt: Er bleibt bis zu seinem Tag mit »abgesagt« sichtbar."""
    hinweis: Text | None = Field(None, examples=["Verschoben vom 14. März"])
    """Kurzer Hinweis, z. B. dass der Termin verschoben wurde."""
    bericht: Slug | None = Field(None, examples=["2026-03-24-bericht-sozialraumkonferenz"])
    """Kennung einer Meldung in data/aktuelles/ (ihr Dateiname ohne ».md«), die über den Termin berichtet."""
    dokumente: list[Dokument] = Field(default_factory=list)
    """Unterlagen zum Herunterladen, z. B. Tagesordnung oder Protokoll."""


class TermineDatei(Model):
    termine: list[Termin]


class MeldungsFoto(Model):
    datei: Fotopfad = Field(examples=["fotos/aktuelles/2026-03-24-konferenz.jpg"])
    """Pfad zum Foto innerhalb von data/ (JPEG, PNG oder WebP)."""
    einwilligung: Datum = Field(examples=["2026-03-22"])
    """Datum der schriftlichen Einwilligung aller Abgebildeten (JJJJ-MM-TT), nicht in der Zukunft."""
    beschreibung: Text = Field(examples=["Fachkräfte an Gruppentischen im Ratssaal"])
    """Was auf dem Foto zu sehen ist (Alternativtext für blinde Menschen)."""


class Meldung(Model):
    """One file of data/aktuelles/: its front matter and, as ``text``, what stands below it."""

    titel: Text = Field(examples=["Film jetzt online: Schulsozialarbeit in Dessau-Roßlau"])
    """Überschrift der Meldung."""
    datum: Datum = Field(examples=["2026-03-24"])
    """Tag der Veröffentlichung (JJJJ-MM-TT); neue Meldungen stehen oben."""
    anreisser: Absatz | None = None
    """Ein, zwei Sätze für Übersicht, Startseite und Feed; ohne Angabe der Anfang des Textes."""
    kategorie: Kategorie | None = None
    """Eine von: schlaglicht, netzwerk, plus, eltern, termine-bericht."""
    foto: MeldungsFoto | None = None
    """Foto, nur mit dokumentierter Einwilligung aller Abgebildeten."""
    schulen: list[Slug] = Field(default_factory=list, examples=[["gs-ziebigk"]])
    """Kennungen der Schulen aus data/schulen.yml, auf deren Seite die Meldung erscheint."""
    traeger: list[Slug] = Field(default_factory=list, examples=[["kiez-ev"]])
    """Kennungen der Träger aus data/traeger.yml, auf deren Seite die Meldung erscheint."""
    text: Markdown
    """Der Text unter dem Kopf der Datei (Markdown, ohne HTML)."""


class SchulenDatei(Model):
    schulen: list[Schule]


class TraegerDatei(Model):
    traeger: list[Traeger]


class FachkraefteDatei(Model):
    fachkraefte: list[Fachkraft]


# Data file name → model of its whole content.
DATEIEN: dict[str, type[Model]] = {
    "schulen.yml": SchulenDatei,
    "traeger.yml": TraegerDatei,
    "fachkraefte.yml": FachkraefteDatei,
    "plus.yml": Plus,
    "netzwerkstelle.yml": Netzwerkstelle,
    "termine.yml": TermineDatei,
}

# Data folders with one Markdown file per entry (YAML front matter, then the text) → model of one file.
ORDNER: dict[str, type[Model]] = {"aktuelles": Meldung}


def felder(model: type[BaseModel]) -> typing.Iterator[tuple[str, Any, list[Any]]]:
    """Every plain value of ``model`` and the models inside it: (dotted name, its type, its metadata)."""
    def walk(annotation: Any, name: str, meta: list[Any]):
        if typing.get_origin(annotation) is typing.Annotated:
            inner, *more = typing.get_args(annotation)
            yield from walk(inner, name, meta + more)
        elif isinstance(annotation, types.UnionType) or typing.get_origin(annotation) in (typing.Union, list):
            for arg in typing.get_args(annotation):
                yield from walk(arg, name, meta)
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            for key, info in annotation.model_fields.items():
                yield from walk(info.annotation, f"{name}.{key}" if name else key, list(info.metadata))
        elif annotation is not type(None):
            yield name, annotation, meta
    yield from walk(model, "", [])


def text_felder(model: type[BaseModel]) -> typing.Iterator[tuple[str, list[Art]]]:
    """Every text field of ``model`` and the models inside it: (dotted name, its kinds)."""
    return ((name, art_von(meta)) for name, annotation, meta in felder(model) if annotation is str)


def _jedes_textfeld_hat_eine_art() -> None:
    """A new text field must say which kind it is: that decides how it is escaped in every output."""
    for model in [*DATEIEN.values(), *ORDNER.values()]:
        for name, kinds in text_felder(model):
            if len(kinds) != 1:
                raise TypeError(f"{model.__name__}.{name}: a text field needs exactly one kind from fields.Art "
                                f"(Text, Markdown, Url, …), found {kinds or 'none'}")


def _jeder_wert_ist_streng() -> None:
    """A new number, truth value or date must be strict: no 2.0 for 2, no "yes" for true (``fields.Ganzzahl`` …)."""
    for model in [*DATEIEN.values(), *ORDNER.values()]:
        for name, annotation, meta in felder(model):
            if annotation in (int, float, bool, datetime.date) and not any(isinstance(m, Strict) for m in meta):
                raise TypeError(f"{model.__name__}.{name}: use a strict type from fields.py (Ganzzahl, Anteil, "
                                f"JaNein, Datum), not a bare {annotation.__name__}")


_jedes_textfeld_hat_eine_art()
_jeder_wert_ist_streng()
