"""The fields of every data file, read from the models: for the editors' field reference and the web editor.

``dateien()`` walks ``models.DATEIEN`` once and describes each field in plain terms (kind, required,
description, example, choices, what it refers to). The handbook page ``redaktion/felder/`` and the
Decap CMS configuration (``decap.py``) are both made from this walk, so neither can drift from the models.
"""
from __future__ import annotations

import datetime
import types
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any

import annotated_types
import yaml
from pydantic import AfterValidator, BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from . import fields
from .models import DATEIEN, ORDNER, SCHULFORM_LABELS, WOCHENTAG_LABELS

# The field types of fields.py, recognised by the validator that makes each of them what it is.
_ALIASES = {"slug": fields.Slug, "email": fields.Email, "telefon": fields.Telefon, "plz": fields.PLZ,
            "sprache": fields.Sprache, "pfad": fields.Datenpfad, "url": fields.Url, "markdown": fields.Markdown,
            "uhrzeit": fields.Uhrzeit}
_ART_OF_VALIDATOR = {next(m.func for m in reversed(typing.get_args(alias)[1:]) if isinstance(m, AfterValidator)): art
                     for art, alias in _ALIASES.items()}

# Slug fields that name no list entry but something else: ``bericht`` a file of data/aktuelles/.
ANDERE_KENNUNGEN = ("bericht",)

# How each kind of value is written, in the editors' words.
FORMAT = {
    "text": "Text",
    "markdown": "Text mit Markdown (fett, Links, Listen), ohne HTML",
    "slug": "Kennung: Kleinbuchstaben a–z, Ziffern, einzelne Bindestriche",
    "email": "E-Mail-Adresse",
    "url": "Webadresse, beginnt mit https://",
    "telefon": "Telefonnummer mit Vorwahl",
    "uhrzeit": "Uhrzeit SS:MM, z. B. 07:30",
    "plz": "fünf Ziffern, in Anführungszeichen",
    "sprache": "Sprachkürzel nach ISO 639-1 (zwei Kleinbuchstaben)",
    "pfad": "Pfad einer Datei innerhalb von data/",
    "datum": f"Datum JJJJ-MM-TT, zwischen {fields.ERSTER_TAG.year} und {fields.LETZTER_TAG.year}",
    "ja_nein": "true (ja) oder false (nein)",
    "ganzzahl": "ganze Zahl",
    "zahl": "Zahl mit Punkt, z. B. 0.5",
    "auswahl": "einer dieser Werte",
    "gruppe": "Gruppe von Feldern (eingerückt darunter)",
    "liste": "Liste",
}


@dataclass(frozen=True)
class Feld:
    """One field of a data file, as editors see it."""

    name: str
    art: str  # a key of FORMAT
    pflicht: bool
    beschreibung: str = ""
    beispiel: Any = None  # first example from the model, if any
    standard: Any = None  # value used when the field is left out (plain values only)
    optionen: tuple[tuple[str | int, str], ...] = ()  # (value, label) of a choice
    grenzen: tuple[tuple[str, Any], ...] = ()  # ("ge", 0), ("min_length", 1) …
    element: Feld | None = None  # what a list holds
    modell: str | None = None  # name of the group's model
    felder: tuple[Feld, ...] = ()  # the group's fields
    referenz: str | None = None  # list whose ids this value names, e.g. "schulen"
    pfad: tuple[str, ...] = ()  # from the top of the file, lists stepped over: ("fachkraefte", "foto", "datei")

    @property
    def ziel(self) -> Feld:
        """The field itself, or what its list holds."""
        return self.element if self.art == "liste" and self.element else self

    def walk(self):
        """This field and every field below it."""
        yield self
        for f in (self.element.felder if self.element else ()) + self.felder:
            yield from f.walk()


@dataclass(frozen=True)
class Datendatei:
    """A data file and its top-level fields."""

    name: str  # "fachkraefte.yml"
    modell: str
    felder: tuple[Feld, ...]
    liste: str | None = None  # "fachkraefte" when the file is one list of entries

    @property
    def pfad(self) -> str:
        return f"data/{self.name}"

    def alle(self):
        for f in self.felder:
            yield from f.walk()


def dateien() -> list[Datendatei]:
    """Every data file, in the order of ``models.DATEIEN``."""
    listen = {_list_key(model): name for name, model in DATEIEN.items() if _list_key(model)}
    out = []
    for name, model in DATEIEN.items():
        felder = tuple(_feld(n, info, (n,), listen) for n, info in model.model_fields.items())
        out.append(Datendatei(name, model.__name__, felder, _list_key(model)))
    return out


def _list_key(model: type[BaseModel]) -> str | None:
    """``schulen`` for a file that is only a list of entries (``schulen: [...]``)."""
    names = list(model.model_fields)
    if len(names) == 1 and typing.get_origin(model.model_fields[names[0]].annotation) is list:
        return names[0]
    return None


def _feld(name: str, info: FieldInfo, pfad: tuple[str, ...], listen: dict[str, str]) -> Feld:
    annotation, metadata = _unwrap(info.annotation)
    base = _describe(name, annotation, [*metadata, *info.metadata], pfad, listen)
    standard = None
    if info.default is not PydanticUndefined and info.default is not None and not isinstance(info.default, list):
        standard = info.default.value if isinstance(info.default, Enum) else info.default
    return Feld(**{**base.__dict__, "pflicht": info.is_required(),
                   "beschreibung": " ".join((info.description or "").split()),
                   "beispiel": info.examples[0] if info.examples else None, "standard": standard})


def _describe(name: str, annotation: Any, metadata: list, pfad: tuple[str, ...], listen: dict[str, str]) -> Feld:
    """A Feld for a value of ``annotation`` (with ``metadata`` from Annotated and Field)."""
    einzeln = [g for m in metadata for g in (m if isinstance(m, annotated_types.GroupedMetadata) else [m])]
    grenzen = tuple((k, getattr(m, k)) for m in einzeln for k in ("gt", "ge", "lt", "le", "min_length", "max_length")
                    if isinstance(m, annotated_types.BaseMetadata) and getattr(m, k, None) is not None)
    if typing.get_origin(annotation) is list:
        inner, inner_meta = _unwrap(typing.get_args(annotation)[0])
        element = _describe(name, inner, inner_meta, pfad, listen)
        return Feld(name, "liste", True, element=element, grenzen=grenzen, pfad=pfad)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        sub = tuple(_feld(n, i, (*pfad, n), listen) for n, i in annotation.model_fields.items())
        return Feld(name, "gruppe", True, modell=annotation.__name__, felder=sub, pfad=pfad)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        labels = {**{m: m.value for m in annotation}, **SCHULFORM_LABELS, **WOCHENTAG_LABELS}
        options = tuple((m.value, labels[m][0] if isinstance(labels[m], tuple) else labels[m]) for m in annotation)
        return Feld(name, "auswahl", True, optionen=options, pfad=pfad)
    if typing.get_origin(annotation) is typing.Literal:
        return Feld(name, "auswahl", True, optionen=tuple((v, v) for v in typing.get_args(annotation)), pfad=pfad)
    erlaubt = [w for m in einzeln if isinstance(m, FieldInfo) and isinstance(m.json_schema_extra, dict)
               for w in m.json_schema_extra.get("enum", ())]
    if annotation is int and erlaubt:  # a number from a short list (Wochenstunden: 20, 30 or 39)
        return Feld(name, "auswahl", True, optionen=tuple((w, str(w)) for w in erlaubt), pfad=pfad)
    simple = {bool: "ja_nein", int: "ganzzahl", float: "zahl", datetime.date: "datum"}
    if annotation in simple:
        return Feld(name, simple[annotation], True, grenzen=grenzen, pfad=pfad)
    if annotation is str:
        arts = [_ART_OF_VALIDATOR[m.func] for m in metadata
                if isinstance(m, AfterValidator) and m.func in _ART_OF_VALIDATOR]
        art = arts[-1] if arts else "text"
        referenz = None
        if art == "slug" and name not in ("id", *ANDERE_KENNUNGEN):
            if name not in listen:
                raise RuntimeError(f"Slug field {'.'.join(pfad)} names no list of entries: what does it refer to?")
            referenz = name
        hoechstens = tuple((k, v) for k, v in grenzen if k == "max_length")  # a text is never shorter than 1
        return Feld(name, art, True, referenz=referenz, grenzen=hoechstens, pfad=pfad)
    raise RuntimeError(f"Field type without a description for editors: {'.'.join(pfad)}: {annotation!r}")


def _unwrap(annotation: Any) -> tuple[Any, list]:
    """``Annotated[X | None, …]`` → (X, […]): the value's type and its metadata."""
    metadata: list = []
    while True:
        if typing.get_origin(annotation) is Annotated:
            annotation, *extra = typing.get_args(annotation)
            metadata += extra
        elif isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation, metadata


# --- for the handbook page -------------------------------------------------------------------------

def format_text(feld: Feld) -> str:
    """How the value is written, in one German phrase."""
    if feld.art == "liste":
        inner = feld.element
        if inner.art == "gruppe":
            text = f"Liste von Einträgen (je ein »- « davor), Felder siehe {inner.modell}"
        elif inner.referenz:
            text = f"Liste von IDs aus data/{_file_of(inner.referenz)}"
        else:
            text = f"Liste; jeder Eintrag: {format_text(inner)}"
        minimum = dict(feld.grenzen).get("min_length")
        return text + (f"; mindestens {minimum}" if minimum else "")
    if feld.referenz:
        return f"ID eines Eintrags aus data/{_file_of(feld.referenz)}"
    if feld.art == "gruppe":
        return f"Gruppe von Feldern, siehe {feld.modell}"
    text = FORMAT[feld.art]
    if feld.art == "auswahl":
        text += ": " + ", ".join(str(value) for value, _ in feld.optionen)
    bounds = dict(feld.grenzen)
    words = {"gt": "größer als", "ge": "mindestens", "lt": "kleiner als", "le": "höchstens"}
    extra = [f"{words[k]} {_number(v)}" for k, v in bounds.items() if k in words]
    if "max_length" in bounds and feld.art not in ("plz", "sprache"):  # their format says how long they are
        extra.append(f"höchstens {_tausend(bounds['max_length'])} Zeichen")
    return text + (", " + ", ".join(extra) if extra else "")


def _tausend(n: int) -> str:
    """5000 → »5.000«, as German readers write it."""
    return f"{n:,}".replace(",", ".")


def _number(v: Any) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def _file_of(liste: str) -> str:
    return next(name for name, model in DATEIEN.items() if _list_key(model) == liste)


def yaml_value(value: Any) -> str:
    """A value as it is written in the YAML files (``"06846"`` keeps its quotes)."""
    if isinstance(value, str) and _looks_like_date(value):
        return value
    if isinstance(value, str) and value.isdigit():
        return f'"{value}"'  # a postcode keeps its leading zero only in quotes
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000, sort_keys=False)
    return text.strip().removesuffix("...").strip().replace("'", '"')


def _looks_like_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


@dataclass(frozen=True)
class Gruppe:
    """A group of fields (a sub-model) in a file, with the places it is used."""

    feld: Feld  # the group itself (art "gruppe")
    orte: tuple[str, ...]  # "impressum.adresse", "fachkraefte.foto" …
    in_liste: bool  # entries of a list (a template for a new one helps)

    @property
    def modell(self) -> str:
        return self.feld.modell or ""


def gruppen(datei: Datendatei) -> list[Gruppe]:
    """Every group of fields in the file, once each, in the order they first appear."""
    found: dict[str, tuple[Feld, list[str], bool]] = {}
    for f in datei.alle():
        group = f.ziel
        if group.art != "gruppe":
            continue
        entry = found.setdefault(group.modell, (group, [], False))
        entry[1].append(".".join(f.pfad))
        found[group.modell] = (entry[0], entry[1], entry[2] or f.art == "liste")
    return [Gruppe(g, tuple(orte), liste) for g, orte, liste in found.values()]


def anker(datei: Datendatei, modell: str | None = None) -> str:
    """HTML id of a file's section or of a group in it: ``fachkraefte-yml``, ``fachkraefte-foto``."""
    stem = datei.name.removesuffix(".yml").split("/")[0]
    return f"{stem}-{modell.lower()}" if modell else f"{stem}-yml"


# Values for required fields that have no example in the model, so that a template is valid as it is.
_MUSTER = {"text": "…", "markdown": "…", "slug": "neue-id", "email": "name@example.org", "url": "https://www.example.org/",
           "telefon": "0340 204-1234", "plz": "06844", "sprache": "de", "pfad": "ordner/datei.pdf", "uhrzeit": "08:00",
           "datum": "2026-03-31", "ja_nein": False, "ganzzahl": 1, "zahl": 0.5}


def muster(feld: Feld) -> Any:
    """A valid value for ``feld``: its example, its default, or a sample of its kind."""
    if feld.beispiel is not None:
        return feld.beispiel
    if feld.standard is not None:
        return feld.standard
    if feld.art == "auswahl":
        return feld.optionen[0][0]
    if feld.art == "liste":
        return [muster(feld.element)]
    bounds = dict(feld.grenzen)
    if feld.art == "ganzzahl" and ("ge" in bounds or "gt" in bounds):
        return bounds.get("ge", bounds.get("gt", 0) + 1)
    return _MUSTER[feld.art]


def vorlage(eintrag: Feld) -> str:
    """YAML of a new list entry: required fields with a value, optional ones commented out."""
    return "\n".join(_dash(_lines(eintrag.felder, "    ", False), "  ")) + "\n"


def _lines(felder: tuple[Feld, ...], indent: str, commented: bool) -> list[str]:
    out = []
    for f in felder:
        off = commented or not f.pflicht
        mark = "# " if off else ""
        note = "   # freiwillig" if not f.pflicht and not commented else ""
        target = f.ziel
        if target.art == "gruppe":
            out.append(f"{indent}{mark}{f.name}:{note}")
            if f.art == "liste":
                out += _dash(_lines(target.felder, indent + "    ", off), indent + "  ")
            else:
                out += _lines(target.felder, indent + "  ", off)
        else:
            out.append(f"{indent}{mark}{f.name}: {yaml_value(muster(f))}{note}")
    return out


def _dash(lines: list[str], indent: str) -> list[str]:
    """Mark the first line of an entry with »- « at the list's indent."""
    first = lines[0][len(indent) + 2:]
    mark = "# " if first.startswith("# ") else ""
    return [f"{indent}{mark}- {first.removeprefix(mark)}", *lines[1:]]


# --- the reference as the handbook's page shows it -----------------------------------------------------------

@dataclass(frozen=True)
class Zeile:
    """One field as a row of the reference, every text worked out."""

    name: str
    pflicht: bool
    beschreibung: str
    format: str  # »Text, höchstens 200 Zeichen«, or for a group: »Gruppe von Feldern, siehe«
    ziel_anker: str | None  # a group's or list entry's section, linked after ``format``
    ziel_modell: str | None
    standard: str | None  # YAML of the value used when the field is left out
    beispiel: str | None  # YAML of an example


@dataclass(frozen=True)
class Abschnitt:
    """A file, or a group of fields in it, with its rows."""

    titel: str
    anker: str
    zeilen: tuple[Zeile, ...]
    orte: tuple[str, ...] = ()  # where a group is used
    vorlage: str | None = None  # YAML of a new entry (for lists)
    liste: str | None = None  # the key the entries stand under


@dataclass(frozen=True)
class Dateireferenz:
    """One data file's part of the reference."""

    datei: Datendatei
    abschnitt: Abschnitt
    gruppen: tuple[Abschnitt, ...]


def ordner_dateien() -> list[Datendatei]:
    """One file of each folder of ``models.ORDNER`` (news: the head's fields and ``text``, what stands below it)."""
    listen = {_list_key(model): name for name, model in DATEIEN.items() if _list_key(model)}
    return [Datendatei(f"{ordner}/JJJJ-MM-TT-titel.md", model.__name__,
                       tuple(_feld(n, info, (n,), listen) for n, info in model.model_fields.items()))
            for ordner, model in ORDNER.items()]


def referenz() -> list[Dateireferenz]:
    """The whole reference, file by file, in the order of ``models.DATEIEN``, then the folders."""
    out = []
    for d in dateien() + ordner_dateien():
        eintrag = d.felder[0].element if d.liste else None
        oben = eintrag.felder if eintrag else d.felder
        abschnitt = Abschnitt(d.pfad, anker(d), _zeilen(d, oben), vorlage=vorlage(eintrag) if eintrag else None)
        unten = tuple(Abschnitt(g.modell, anker(d, g.modell), _zeilen(d, g.feld.felder), g.orte,
                                vorlage(g.feld) if g.in_liste else None, g.orte[0].rsplit(".", 1)[-1])
                      for g in gruppen(d) if not (eintrag and g.modell == eintrag.modell))
        out.append(Dateireferenz(d, abschnitt, unten))
    return out


def _zeilen(datei: Datendatei, felder: tuple[Feld, ...]) -> tuple[Zeile, ...]:
    zeilen = []
    for f in felder:
        gruppe = f.ziel.art == "gruppe"
        zeilen.append(Zeile(
            name=f.name, pflicht=f.pflicht, beschreibung=f.beschreibung,
            format=("Liste von Einträgen, Felder siehe" if f.art == "liste" else "Gruppe von Feldern, siehe")
            if gruppe else format_text(f),
            ziel_anker=anker(datei, f.ziel.modell) if gruppe else None, ziel_modell=f.ziel.modell if gruppe else None,
            standard=yaml_value(f.standard) if f.standard is not None else None,
            beispiel=yaml_value(f.beispiel) if f.beispiel is not None else None))
    return tuple(zeilen)
