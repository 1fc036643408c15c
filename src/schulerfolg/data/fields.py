"""Field types of the data files, each with a German message that says how to fix it.

Custom checks raise ``PydanticCustomError`` whose type starts with ``sf_``: their
message is already German and is shown as it is (see ``messages.py``).

Values are strict: a number field takes only a number, a truth value only ``true`` or ``false``,
a date only a real day between ``ERSTER_TAG`` and ``LETZTER_TAG``; a text no control, bidi or
invisible character (``characters.py``), one line unless it is Markdown, and at most as many
characters as its kind allows (``LAENGE``, or the field's own limit).
"""
from __future__ import annotations

import datetime
import re
from enum import Enum
from functools import cache, lru_cache
from pathlib import PurePosixPath
from typing import Annotated, Any

import phonenumbers
from babel import Locale
from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    HttpUrl,
    Strict,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)
from pydantic_core import PydanticCustomError

from . import characters
from .markdown import markdown_problem

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _slug(value: str) -> str:
    if not SLUG.fullmatch(value):
        suggestion = slugify(value)
        hint = f" Zum Beispiel: »{suggestion}«." if suggestion else ""
        raise PydanticCustomError("sf_slug",
            "»{value}« ist keine gültige ID. Erlaubt sind Kleinbuchstaben a–z, Ziffern und einzelne "
            "Bindestriche dazwischen (keine Umlaute, keine Leerzeichen).{hint}",
            {"value": value, "hint": hint})
    return value


def slugify(text: str) -> str:
    """A slug for ``text``, used only to suggest a fix."""
    text = text.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _text_only(value: Any, *, einzeilig: bool = True) -> Any:
    """A text as written: no number or truth value (YAML reads 2026 and true so; a text field wants quotes
    then), no forbidden character, and one line unless it is Markdown."""
    if isinstance(value, bool | int | float):  # messages.py shows the value as written
        raise PydanticCustomError("sf_quote", "Hier wird ein Text erwartet, keine Zahl und kein Wahrheitswert.")
    if isinstance(value, str):
        if (bad := characters.VERBOTEN.search(value)) is not None:
            raise PydanticCustomError("sf_zeichen", "{meldung}",  # messages.py places it at the character itself
                                      {"meldung": characters.meldung(bad.group()), "index": bad.start()})
        if einzeilig and "\n" in value.strip():
            raise PydanticCustomError("sf_zeile",
                "Dieser Text muss in einer Zeile stehen, enthält aber einen Zeilenumbruch (durch »|«, »>« oder eine "
                "Leerzeile). Schreiben Sie ihn in eine Zeile.")
    return value


def _markdown_text(value: Any) -> Any:
    return _text_only(value, einzeilig=False)


ERSTER_TAG = datetime.date(2000, 1, 1)
LETZTER_TAG = datetime.date(2099, 12, 31)  # far enough ahead for any deadline, near enough for date arithmetic


def _datum(value: Any) -> Any:
    """A date as YAML reads it (unquoted 2026-03-31), or the same text in quotes; anything else is refused
    by the strict date type (no number of seconds since 1970)."""
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}[Tt ]\S.*", text):
            raise PydanticCustomError("sf_datum", "Hier wird nur ein Datum erwartet (JJJJ-MM-TT), ohne Uhrzeit.")
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise ValueError(text)
            value = datetime.date.fromisoformat(text)
        except ValueError:
            raise PydanticCustomError("sf_datum",
                "»{value}« ist kein gültiges Datum. Schreiben Sie es als JJJJ-MM-TT und prüfen Sie, ob es den Tag gibt.",
                {"value": characters.sichtbar(text[:40])}) from None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        if not ERSTER_TAG <= value <= LETZTER_TAG:
            raise PydanticCustomError("sf_datum_bereich",
                "Das Datum {value} liegt nicht zwischen dem {erster} und dem {letzter}. Prüfen Sie die Jahreszahl.",
                {"value": f"{value:%d.%m.%Y}", "erster": f"{ERSTER_TAG:%d.%m.%Y}", "letzter": f"{LETZTER_TAG:%d.%m.%Y}"})
    return value


def _email(value: str) -> str:
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        raise PydanticCustomError("sf_email",
            "»{value}« ist keine gültige E-Mail-Adresse. Schreiben Sie sie vollständig, z. B. "
            "»sozialarbeit.gs-ziebigk@example.org«, ohne »(at)« und ohne Leerzeichen.", {"value": value}) from None


@lru_cache(maxsize=8192)
def _nummer(value: str) -> phonenumbers.PhoneNumber | None:
    """Parsed once per process: the check and every page's ``tel:`` link need the same number."""
    try:
        return phonenumbers.parse(value, "DE")
    except phonenumbers.NumberParseException:
        return None


def _telefon(value: str) -> str:
    number = _nummer(value)
    if number is None or not phonenumbers.is_valid_number(number) or re.search(r"[^\d\s+/()\-–]", value):
        raise PydanticCustomError("sf_telefon",
            "»{value}« ist keine gültige Telefonnummer. Schreiben Sie sie mit Vorwahl, z. B. "
            "»0340 204-1234« oder »+49 340 204-1234«.", {"value": value})
    return value


def tel_uri(value: str) -> str:
    """``tel:`` link target in international form, for phones to dial."""
    number = _nummer(value)
    if number is None:
        raise ValueError(f"keine Telefonnummer: {value!r}")  # checked data never gets here
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def telefon_text(value: str) -> str:
    """A number as every page writes it, after DIN 5008: area code, space, number, the extension after a hyphen
    where the editor wrote one (»0340 204-2345«); numbers abroad in international form (»+43 1 58858-0«).
    Where the area code ends comes from phonenumbers; where the extension begins only the editor knows."""
    number = _nummer(value)
    if number is None:
        raise ValueError(f"keine Telefonnummer: {value!r}")  # checked data never gets here
    national = phonenumbers.national_significant_number(number)
    laenge = phonenumbers.length_of_national_destination_code(number)
    if laenge == 0:  # no area code to set apart
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    vorwahl, rufnummer = national[:laenge], national[laenge:]
    durchwahl = re.search(r"[-–]\s*(\d+)\s*$", value)
    if durchwahl and len(durchwahl[1]) < len(rufnummer) and rufnummer.endswith(durchwahl[1]):
        rufnummer = f"{rufnummer[:-len(durchwahl[1])]}-{durchwahl[1]}"
    if number.country_code == 49:
        return f"0{vorwahl} {rufnummer}"
    return f"+{number.country_code} {vorwahl} {rufnummer}"


def _plz(value: str) -> str:
    if not re.fullmatch(r"\d{5}", value):
        raise PydanticCustomError("sf_plz",
            "»{value}« ist keine gültige Postleitzahl: Sie hat genau fünf Ziffern, z. B. \"06846\" "
            "(in Anführungszeichen, damit die führende Null erhalten bleibt).", {"value": value})
    return value


def _keine_uhrzeit(value: Any) -> PydanticCustomError:
    return PydanticCustomError("sf_uhrzeit",
        "»{value}« ist keine Uhrzeit. Schreiben Sie Stunden und Minuten mit Doppelpunkt, z. B. 07:30 oder 14:00.",
        {"value": characters.sichtbar(str(value)[:40])})


def _uhrzeit_vorher(value: Any) -> Any:
    """A time written as »8« is a number to YAML: it gets the time's message, not the one about quotes."""
    if isinstance(value, bool | int | float):
        raise _keine_uhrzeit(value)
    return value


def _uhrzeit(value: str) -> str:
    """A time of day as »7:30« or »07:30« (YAML keeps both as text), stored as »07:30«."""
    treffer = re.fullmatch(r"([01]?[0-9]|2[0-3])[:.]([0-5][0-9])", value)
    if treffer is None:
        raise _keine_uhrzeit(value)
    return f"{int(treffer[1]):02d}:{treffer[2]}"


@cache
def sprachnamen() -> dict[str, str]:
    """ISO 639-1 codes and their German names, from the CLDR data that Babel ships."""
    names = Locale("de").languages
    return {code: name for code, name in names.items() if len(code) == 2 and code.isalpha()}


def _sprache(value: str) -> str:
    if value not in sprachnamen():
        raise PydanticCustomError("sf_sprache",
            "»{value}« ist kein Sprachkürzel nach ISO 639-1. Verwenden Sie zwei Kleinbuchstaben, "
            "z. B. de (Deutsch), uk (Ukrainisch), ar (Arabisch), fa (Persisch), en (Englisch).", {"value": value})
    return value


def _datenpfad(value: str) -> str:
    p = PurePosixPath(value)
    if "\\" in value or p.is_absolute() or ".." in p.parts or value.startswith("~") or re.match(r"^[A-Za-z]:", value):
        raise PydanticCustomError("sf_pfad",
            "»{value}« muss ein Pfad innerhalb von data/ sein, z. B. »fotos/name.jpg« "
            "(ohne »..«, ohne »/« am Anfang, mit »/« statt »\\«).", {"value": value})
    return value


# Which endings each kind of referenced file may have (without the dot, compared in lower case) and the
# words for it in the message. The check makes sure the bytes are what the ending says (checks.py).
ENDUNGEN: dict[str, tuple[tuple[str, ...], str]] = {
    "foto": (("jpg", "jpeg", "png", "webp"), "Bilder im Format JPEG, PNG oder WebP"),
    "mp4": (("mp4",), "Videos im Format MP4"),
    "webm": (("webm",), "Videos im Format WebM"),
    "webvtt": (("vtt",), "Textspuren im Format WebVTT"),
    "formular": (("pdf", "odt", "docx"), "Formulare im Format PDF, ODT oder DOCX"),
}


def endung(value: str) -> str:
    """The ending of a file name in lower case, without the dot (»« when there is none)."""
    return PurePosixPath(value).suffix.lower().removeprefix(".")


def _endung_pruefen(art: str):
    endungen, was = ENDUNGEN[art]

    def pruefen(value: str) -> str:
        if endung(value) not in endungen:
            liste = " oder ".join(", ".join(f"».{e}«" for e in endungen).rsplit(", ", 1))
            mehrzahl = "den Endungen" if len(endungen) > 1 else "der Endung"
            raise PydanticCustomError("sf_endung",
                "»{value}« hat hier nicht die richtige Endung. Erlaubt sind nur {was} mit {mehrzahl} {liste}.",
                {"value": value, "was": was, "mehrzahl": mehrzahl, "liste": liste})
        return value
    return pruefen


def _dateipfad(art: str) -> Any:
    """A path inside data/ whose ending is one of those allowed for ``art`` (also in the JSON Schema)."""
    muster = "|".join("".join(f"[{c}{c.upper()}]" for c in e) for e in ENDUNGEN[art][0])
    return _str(Art.DATEI, AfterValidator(_datenpfad), AfterValidator(_endung_pruefen(art)),
                Field(json_schema_extra={"pattern": rf"\.({muster})$"}))


_HTTP_URL = TypeAdapter(HttpUrl)


def _url(value: str) -> str:
    ok = re.match(r"https?://", value, re.IGNORECASE) is not None
    if ok:
        try:
            _HTTP_URL.validate_python(value)
        except ValidationError:
            ok = False
    if not ok:
        raise PydanticCustomError("sf_url",
            "»{value}« ist keine gültige Webadresse. Sie muss mit »https://« (oder »http://«) beginnen, "
            "z. B. »https://www.example.org/«.", {"value": value})
    return value


def _markdown(value: str) -> str:
    """Restricted Markdown: what the site would not publish (raw HTML, images, unsafe links) is refused here,
    in German, instead of being dropped silently (see markdown.py)."""
    problem = markdown_problem(value)
    if problem:
        raise PydanticCustomError("sf_markdown", "{problem}", {"problem": problem})  # data may hold braces
    return value


class Art(str, Enum):
    """The kind of a text field. It decides the one way the value takes into every output (``site/escaping.py``);
    every text field of the models carries exactly one (``models.py`` refuses a field without)."""

    TEXT = "Text"  # plain text on one line: escaped for its context; Markdown signs stay literal
    MARKDOWN = "Markdown"  # restricted Markdown: rendered to HTML by the core, links only to safe targets
    URL = "Webadresse"  # http(s) only; as a link target or attribute, never as markup
    EMAIL = "E-Mail"  # a checked address; as mailto: link
    TELEFON = "Telefon"  # a checked number; as tel: link
    DATEI = "Datei"  # a path inside data/; the build publishes the file under a name it chooses
    KENNUNG = "Kennung"  # a code of a–z, 0–9 and »-« (ids, language codes, postcodes)


def art_von(metadata: list[Any]) -> list[Art]:
    """The kinds among a field's metadata (pydantic's ``FieldInfo.metadata``)."""
    return [m for m in metadata if isinstance(m, Art)]


# Most characters a value of each kind may have (after spaces around it are removed). Short enough that
# one value cannot swamp a page, a file name or a social card; a field may allow more or fewer (``_str``).
LAENGE = {Art.TEXT: 200, Art.MARKDOWN: 5000, Art.URL: 1000, Art.EMAIL: 254, Art.TELEFON: 30, Art.DATEI: 200,
          Art.KENNUNG: 60}


def _str(art: Art, *checks: Any, laenge: int | None = None) -> Any:
    """A text field of kind ``art``: checked as written, trimmed, not empty, not too long, then ``checks``."""
    vorher = _markdown_text if art is Art.MARKDOWN else _text_only
    grenzen = StringConstraints(strip_whitespace=True, min_length=1, max_length=laenge or LAENGE[art])
    return Annotated[str, BeforeValidator(vorher), grenzen, *checks, art]


Text = _str(Art.TEXT)  # titles and short texts
Kurztext = _str(Art.TEXT, laenge=80)  # a person's name, a street, a town
Bezeichnung = _str(Art.TEXT, laenge=150)  # the name of a school, carrier or authority
Absatz = _str(Art.TEXT, laenge=500)  # a whole paragraph on one line
Markdown = _str(Art.MARKDOWN, AfterValidator(_markdown))
Slug = _str(Art.KENNUNG, AfterValidator(_slug), Field(json_schema_extra={"pattern": SLUG.pattern}))
Email = _str(Art.EMAIL, AfterValidator(_email), Field(json_schema_extra={"format": "email"}))
Telefon = _str(Art.TELEFON, AfterValidator(_telefon), Field(json_schema_extra={"pattern": r"^\+?[0-9][0-9 /()\-–]+$"}))
PLZ = _str(Art.KENNUNG, AfterValidator(_plz), Field(json_schema_extra={"pattern": r"^[0-9]{5}$"}))
Sprache = _str(Art.KENNUNG, AfterValidator(_sprache), Field(json_schema_extra={"pattern": "^[a-z]{2}$"}))
Uhrzeit = _str(Art.KENNUNG, BeforeValidator(_uhrzeit_vorher), AfterValidator(_uhrzeit),  # "07:30", "18:00"
               Field(json_schema_extra={"pattern": r"^([01]?[0-9]|2[0-3])[:.][0-5][0-9]$"}), laenge=5)
Datenpfad = _str(Art.DATEI, AfterValidator(_datenpfad))
Fotopfad = _dateipfad("foto")  # a photo or the film's poster: the build publishes only re-encoded copies
Videopfad = _dateipfad("mp4")
WebMpfad = _dateipfad("webm")
WebVTTpfad = _dateipfad("webvtt")  # captions, chapters, description of what is seen
Formularpfad = _dateipfad("formular")
Url = _str(Art.URL, AfterValidator(_url), Field(json_schema_extra={"format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"}))

# Numbers, truth values and dates take only their own kind: no 2.0 for 2, no "yes" for true, no 1700000000 for a day.
Ganzzahl = Annotated[int, Strict()]
JaNein = Annotated[bool, Strict()]
Anteil = Annotated[float, Strict(), Field(ge=0, le=1)]
Datum = Annotated[datetime.date, Strict(), BeforeValidator(_datum),
                  Field(json_schema_extra={"pattern": r"^20[0-9]{2}-[0-9]{2}-[0-9]{2}$"})]


# The weekly hours a post of school social work has in Dessau-Roßlau (city reports: 20, 30 or 39).
WOCHENSTUNDEN = (20, 30, 39)


def _wochenstunden(value: int) -> int:
    if value not in WOCHENSTUNDEN:
        raise PydanticCustomError("sf_wochenstunden",
            "{value} Wochenstunden gibt es für eine Stelle nicht. Erlaubt sind {erlaubt}.",
            {"value": value, "erlaubt": ", ".join(map(str, WOCHENSTUNDEN[:-1])) + f" oder {WOCHENSTUNDEN[-1]}"})
    return value


Wochenstunden = Annotated[int, Strict(), AfterValidator(_wochenstunden),
                          Field(json_schema_extra={"enum": list(WOCHENSTUNDEN)})]
