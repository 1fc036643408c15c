"""Pydantic's validation errors, told in German at the line where they happen.

Messages are chosen by the error *type* (never by pydantic's English text), as
pydantic's documentation recommends for custom messages.
"""
from __future__ import annotations

import difflib
import re
import types
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError

from schulerfolg.problem import Problem

from . import characters
from .yamlsource import Loc, Source

_ARTICLE_ROW = "Eintrag"

# Error type → German message; {field}, {input} and pydantic's ctx keys are filled in.
MESSAGES: dict[str, str] = {
    "missing": "Das Pflichtfeld »{field}« fehlt. Ergänzen Sie eine Zeile »{field}: …«.",
    "string_type": "Hier wird ein Text erwartet, gefunden wurde {shown}.",
    "string_too_short": "»{field}« ist leer. Tragen Sie einen Wert ein oder löschen Sie die Zeile.",
    "string_too_long": "»{field}« ist mit {laenge} Zeichen zu lang: Erlaubt sind höchstens {max_length}. Kürzen Sie den Text.",
    "sf_quote": "Hier wird ein Text erwartet, YAML hat aber {shown} als Zahl oder Wahrheitswert gelesen. "
                "Setzen Sie den Wert in Anführungszeichen.",
    "int_type": "Hier wird eine ganze Zahl ohne Punkt und Euro-Zeichen erwartet (z. B. 2000), gefunden wurde {shown}.",
    "tausenderpunkt": "{shown} liest YAML als Kommazahl, nicht als {ganz}: Der Punkt trennt Nachkommastellen. "
                      "Schreiben Sie die Zahl ohne Tausenderpunkt: {ganz}.",
    "float_type": "Hier wird eine Zahl mit Punkt erwartet (z. B. 0.5), gefunden wurde {shown}.",
    "greater_than": "Der Wert muss größer als {gt} sein.",
    "greater_than_equal": "Der Wert muss mindestens {ge} sein.",
    "less_than": "Der Wert muss kleiner als {lt} sein.",
    "less_than_equal": "Der Wert darf höchstens {le} sein.",
    "bool_type": "Hier wird »true« (ja) oder »false« (nein) erwartet, gefunden wurde {shown}.",
    "date_type": "Hier wird ein Datum im Format JJJJ-MM-TT erwartet (z. B. 2026-03-31), gefunden wurde {shown}.",
    "list_type": "Hier wird eine Liste erwartet: jeder Eintrag in einer eigenen Zeile mit »- « davor.",
    "too_short": "Die Liste »{field}« braucht mindestens {eintraege}.",
    "model_type": "Hier werden Felder erwartet (Zeilen wie »name: …«), gefunden wurde {shown}.",
    "model_attributes_type": "Hier werden Felder erwartet (Zeilen wie »name: …«), gefunden wurde {shown}.",
    "dict_type": "Hier werden Felder erwartet (Zeilen wie »name: …«), gefunden wurde {shown}.",
    "enum": "{shown} ist hier nicht erlaubt. Erlaubt sind: {expected}.",
    "literal_error": "{shown} ist hier nicht erlaubt. Erlaubt sind: {expected}.",
}


def problems_from(error: ValidationError, src: Source, model: type[BaseModel]) -> list[Problem]:
    out = []
    for err in error.errors(include_url=False):
        loc: Loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden":
            out.append(src.problem(loc, _unknown_field(model, loc), key=True))
        else:  # a forbidden character is shown where it stands, not where its text begins
            index = (err.get("ctx") or {}).get("index")
            out.append(src.problem(loc, message_for(err, src.written.get(loc)), index=index))
    return out


def message_for(err: dict[str, Any], written: str | None = None) -> str:
    """German for one pydantic error; ``written``: the value as the YAML file has it (»2.000« for 2.0)."""
    kind = err["type"]
    if kind.startswith("sf_") and kind not in MESSAGES:  # our own, already German
        return err["msg"]
    loc = err["loc"]
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "Eintrag")
    ctx = {k: _plain(v) for k, v in (err.get("ctx") or {}).items()}
    if "expected" in ctx:
        ctx["expected"] = ctx["expected"].replace("'", "").replace(" or ", ", ")
    if kind in ("too_short", "too_long") and isinstance(err.get("input"), str):  # a text, not a list
        kind = "string_" + kind
    if kind == "string_too_long":
        ctx["laenge"] = len(str(err["input"]).strip())
    if kind == "too_short":
        ctx["eintraege"] = "einen Eintrag" if ctx.get("min_length") == 1 else f"{ctx.get('min_length')} Einträge"
    shown = _shown(written if written is not None else err.get("input"))
    if kind == "int_type" and written is not None and re.fullmatch(r"-?[1-9][0-9]{0,2}(\.[0-9]{3})+", written):
        kind, ctx["ganz"] = "tausenderpunkt", written.replace(".", "")  # 2.000 is German for 2000
    template = MESSAGES.get(kind)
    if template is None:  # an error type we have not met yet: still German, still placed
        return f"Der Wert {shown} passt hier nicht. Vergleichen Sie mit der Feldliste im Redaktionshandbuch."
    return template.format(field=field, shown=shown, **ctx)


def _plain(v: Any) -> Any:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v.value if isinstance(v, Enum) else v


def _shown(value: Any) -> str:
    if value is None:
        return "nichts"
    if isinstance(value, dict):
        return "eine Gruppe von Feldern"
    if isinstance(value, list):
        return "eine Liste"
    text = characters.sichtbar(str(value))  # a bidi control would turn the message around
    return f"»{text[:60]}{'…' if len(text) > 60 else ''}«"


def _unknown_field(model: type[BaseModel], loc: Loc) -> str:
    name = str(loc[-1])
    allowed = fields_at(model, loc[:-1])
    close = difflib.get_close_matches(name.lower(), allowed, n=1, cutoff=0.6)
    if close:
        return f"Das Feld »{name}« gibt es hier nicht. Meinten Sie »{close[0]}«?"
    listed = ", ".join(allowed) if allowed else "keine"
    return f"Das Feld »{name}« gibt es hier nicht. Erlaubt sind: {listed}."


def fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names allowed at ``loc`` inside ``model`` (list indexes are stepped over)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        sub = model_in(current.model_fields[part].annotation) if part in getattr(current, "model_fields", {}) else None
        if sub is None:
            return []
        current = sub
    return list(current.model_fields)


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside ``X | None``, ``list[X]`` or ``Annotated[X, …]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) in (typing.Union, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = model_in(arg)
            if found:
                return found
    return None
