"""The web editor at /admin/ (Decap CMS): its configuration, made from the models.

Every field of every data file becomes a widget (``feldreferenz`` walks the models); ids of other
entries become relation widgets, photos image widgets, forms and film files file widgets. Changes
made in the editor become pull requests (editorial workflow), which run the same checks as any other.

Where the repository lives is a matter of deployment, not of data: it comes from the environment
(``REPO_URL``, as mkdocs.yml reads it, and ``DECAP_*`` for the login), see ``Einstellungen``.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from .feldreferenz import Datei, Feld, dateien
from .fields import SLUG, sprachnamen
from .yamlsource import DUMPER

VERSION = "3.16.3"  # of the bundled decap-cms (assets/decap-cms/VERSION.txt)
BUNDLE = files("schulerfolg") / "assets" / "decap-cms"

# Field names whose label is not simply the capitalised name.
LABELS = {
    "id": "ID", "plz": "PLZ", "url": "Adresse (URL)", "email": "E-Mail", "strasse": "Straße", "traeger": "Träger",
    "hoechstbetrag": "Höchstbetrag", "faq": "Häufige Fragen", "neue_fristen": "Wann kommen neue Fristen?",
    "schulform": "Schulform", "fokus": "Bildausschnitt (Lage des Gesichts)", "x": "Waagerecht (0–1)",
    "y": "Senkrecht (0–1)", "webm": "WebM-Fassung", "vertreten_durch": "Vertreten durch",
    "umsatzsteuer_id": "Umsatzsteuer-ID", "aufsichtsbehoerde": "Aufsichtsbehörde",
    "datenschutzbeauftragte": "Datenschutzbeauftragte", "protokoll_tage": "Protokolle löschen nach (Tagen)",
    "einschraenkungen": "Einschränkungen", "pruefmethode": "Prüfmethode", "pruefdatum": "Prüfdatum",
    "feedback_email": "E-Mail für Rückmeldungen", "feedback_telefon": "Telefon für Rückmeldungen",
    "leichte_sprache": "In Leichter Sprache", "gebaerdensprache": "Video in Gebärdensprache",
    "beispieldaten": "Beispieldaten (Hinweis auf jeder Seite)", "einwilligung": "Datum der Einwilligung",
    "alternativen": "Andere Formate", "bildbeschreibung": "Bildbeschreibung (WebVTT)",
    "untertitel": "Untertitel (WebVTT)", "kapitel": "Kapitel (WebVTT)", "was": "Was ist nicht barrierefrei?",
    "zitat": "Zitat", "sprachen": "Sprachen", "abstimmung": "Tag der Abstimmung", "datei": "Datei",
    "fachkraefte": "Fachkräfte",
}
COLLECTIONS = {"schulen": "Schulen", "traeger": "Träger", "fachkraefte": "Fachkräfte", "plus": "PLUS+",
               "netzwerkstelle": "Netzwerkstelle"}
SINGULAR = {"schulen": "Schule", "traeger": "Träger", "fachkraefte": "Fachkraft", "fristen": "Frist",
            "formulare": "Formular", "verfahren": "Schritt", "faq": "Frage", "projekte": "Projekt",
            "partner": "Partner", "rechtsgrundlagen": "Rechtsgrundlage", "einschraenkungen": "Einschränkung"}

# Files that data/ holds for a model's path fields: (widget, folder inside data/).
MEDIEN = {"Foto": ("image", "fotos"), "Formular": ("file", "formulare"), "Film": ("file", "film")}
BILDER = {("Film", "poster")}  # path fields outside Foto that hold a picture

MARKDOWN = {"widget": "markdown", "modes": ["rich_text", "raw"], "editor_components": [], "sanitize_preview": True,
            "buttons": ["bold", "italic", "link", "heading-three", "bulleted-list", "numbered-list"]}
PATTERNS = {
    "slug": [SLUG.pattern, "Nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, z. B. gs-ziebigk"],
    "plz": ["^[0-9]{5}$", "Genau fünf Ziffern, z. B. 06844"],
    "url": ["^[Hh][Tt][Tt][Pp][Ss]?://", "Die Adresse beginnt mit https://"],
    "email": [r"^[^@\s]+@[^@\s]+\.[^@\s]+$", "Eine vollständige E-Mail-Adresse, z. B. name@example.org"],
    "telefon": [r"^\+?[0-9][0-9 /()\-–]+$", "Telefonnummer mit Vorwahl, z. B. 0340 204-1234"],
}


@dataclass(frozen=True)
class Einstellungen:
    """Where the editor saves: the repository and how editors log in."""

    repo_url: str = ""  # https://github.com/stadt/schulerfolg or https://gitlab.example.org/stadt/schulerfolg
    branch: str = "main"
    auth_url: str = ""  # GitHub: the city's OAuth gateway (Decap's base_url); GitLab: the GitLab itself
    gitlab_app_id: str = ""  # GitLab: id of the OAuth application (PKCE, no secret in the browser)
    lokal: bool = False  # also offer Decap's local proxy (npx decap-server) when opened on localhost

    @classmethod
    def aus_umgebung(cls, env: dict[str, str] | None = None) -> Einstellungen:
        env = os.environ if env is None else env
        return cls(env.get("REPO_URL", "").strip(), env.get("DECAP_BRANCH", "main").strip() or "main",
                   env.get("DECAP_AUTH_URL", "").strip(), env.get("DECAP_GITLAB_APP_ID", "").strip(),
                   env.get("DECAP_LOCAL", "") == "1")


def backend(s: Einstellungen) -> dict[str, Any]:
    """Decap's backend for the repository; without one, the in-browser demo store (nothing is saved)."""
    url = urlparse(s.repo_url)
    repo = url.path.strip("/").removesuffix(".git")
    if not url.scheme or not url.netloc or repo.count("/") < 1:
        return {"name": "test-repo"}
    messages = {"create": "Redaktion: {{collection}} „{{slug}}“ angelegt",
                "update": "Redaktion: {{collection}} „{{slug}}“ geändert",
                "delete": "Redaktion: {{collection}} „{{slug}}“ gelöscht",
                "uploadMedia": "Redaktion: Datei {{path}} hochgeladen",
                "deleteMedia": "Redaktion: Datei {{path}} gelöscht"}
    out: dict[str, Any] = {"repo": repo, "branch": s.branch, "commit_messages": messages}
    if url.netloc == "github.com":
        out = {"name": "github", **out}
        if s.auth_url:
            out["base_url"] = s.auth_url.rstrip("/")
        return out
    host = f"{url.scheme}://{url.netloc}"
    out = {"name": "gitlab", **out, "auth_type": "pkce"}
    if s.gitlab_app_id:  # without it the login cannot work; the handbook says where it comes from
        out["app_id"] = s.gitlab_app_id
    if url.netloc != "gitlab.com":  # the city's own GitLab
        out.update(api_root=f"{host}/api/v4", base_url=s.auth_url.rstrip("/") or host)
    return out


def config(data: Path, s: Einstellungen) -> dict[str, Any]:
    """The whole Decap configuration: one collection per data file."""
    out = {
        "locale": "de",
        "backend": backend(s),
        "publish_mode": "editorial_workflow",
        "media_folder": "data/fotos",
        "public_folder": "fotos",
        "show_preview_links": False,
        "editor": {"preview": False},
        "collections": [_collection(d, data) for d in dateien()],
    }
    if s.lokal:  # off by default: Decap would probe localhost:8081 from every visitor's browser on localhost
        out["local_backend"] = True
    return out


def config_yaml(data: Path, s: Einstellungen) -> str:
    head = ("# Konfiguration des Web-Editors (Decap CMS), erzeugt aus den Datenmodellen von schulerfolg.\n"
            "# Nicht von Hand ändern: Sie entsteht bei jedem Bau neu (schulerfolg/decap.py).\n")
    return head + yaml.dump(config(data, s), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


class _Dumper(DUMPER):  # libyaml's emitter where built in: 10× faster
    """Writes shared values out in full: no ``&id001`` anchors for a person to puzzle over."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _collection(d: Datei, data: Path) -> dict[str, Any]:
    stem = d.name.removesuffix(".yml")
    comments = kopfkommentare(data / d.name)
    fields = []
    for f in d.felder:
        w = widget(f, d.modell)
        if f.name in comments:  # Decap writes it back above the key, so the file keeps its header
            w["comment"] = comments[f.name]
        fields.append(w)
    # Decap looks a field's »comment« up among the collection's own fields, which a files collection does
    # not have (decap-cms-core 3.19, entryToRaw → selectField): hidden stand-ins carry the comments there.
    kommentare = [{"name": w["name"], "label": w["label"], "widget": "hidden", "comment": w["comment"]}
                  for w in fields if "comment" in w]
    return {"name": stem, "label": COLLECTIONS[stem], "editor": {"preview": False}, "fields": kommentare,
            "files": [{"name": stem, "label": f"{COLLECTIONS[stem]} ({d.pfad})", "file": d.pfad, "fields": fields}]}


def widget(f: Feld, modell: str, in_optional: str | None = None) -> dict[str, Any]:
    """The Decap field for ``f``, a field of ``modell``. Inside an optional group (``in_optional`` names it)
    a required field is not required in Decap, which would otherwise demand it of every entry without
    that group (every person without a photo); the check still requires it once the group is there."""
    w: dict[str, Any] = {"name": f.name, "label": label(f.name), "required": f.pflicht and in_optional is None}
    hint = f.beschreibung
    if f.pflicht and in_optional is not None:
        hint += f" Pflicht, sobald »{in_optional}« ausgefüllt ist."
    if hint:
        w["hint"] = hint.strip()
    if f.standard is not None:
        w["default"] = f.standard
    w.update(_kind(f, modell, in_optional))
    return w


def _kind(f: Feld, modell: str, in_optional: str | None = None) -> dict[str, Any]:
    bounds = dict(f.grenzen)
    if f.art == "liste":
        el = f.element
        if el.referenz:
            return {**_relation(el.referenz), "multiple": True, **({"min": bounds["min_length"]} if "min_length" in bounds else {})}
        if el.art == "sprache":
            return {"widget": "select", "multiple": True, "options": _sprachen()}
        out: dict[str, Any] = {"widget": "list", "collapsed": True}
        if el.art == "gruppe":
            out["fields"] = [widget(sub, el.modell) for sub in el.felder]
            out["summary"] = "{{fields.%s}}" % next(s.name for s in el.felder if s.art in ("text", "datum", "markdown"))
            if f.name in SINGULAR:
                out["label_singular"] = SINGULAR[f.name]
        else:
            out["field"] = {"name": "eintrag", "label": "Eintrag", **_kind(el, modell)}
        if "min_length" in bounds:
            out["min"] = bounds["min_length"]
        return out
    if f.referenz:
        return _relation(f.referenz)
    if f.art == "gruppe":
        inner = in_optional or (None if f.pflicht else label(f.name))
        return {"widget": "object", "collapsed": not f.pflicht, "fields": [widget(sub, f.modell, inner) for sub in f.felder]}
    if f.art == "auswahl":
        return {"widget": "select", "options": [{"label": label_, "value": value} for value, label_ in f.optionen]}
    if f.art == "datum":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD.MM.YYYY", "time_format": False,
                "picker_utc": True}
    if f.art == "ja_nein":
        return {"widget": "boolean"}
    if f.art in ("ganzzahl", "zahl"):
        out = {"widget": "number", "value_type": "int" if f.art == "ganzzahl" else "float"}
        if "ge" in bounds or "gt" in bounds:
            out["min"] = bounds["ge"] if "ge" in bounds else bounds["gt"] + 1
        if "le" in bounds:
            out["max"] = bounds["le"]
        if f.art == "zahl":
            out["step"] = 0.05
        return out
    if f.art == "markdown":
        return dict(MARKDOWN)
    if f.art == "pfad":
        if modell not in MEDIEN:
            raise RuntimeError(f"Path field {modell}.{f.name}: which folder of data/ holds its files?")
        kind, folder = MEDIEN[modell]
        if (modell, f.name) in BILDER:
            kind = "image"
        return {"widget": kind, "media_folder": f"/data/{folder}", "public_folder": folder, "choose_url": False}
    out = {"widget": "string"}
    if f.art in PATTERNS:
        out["pattern"] = PATTERNS[f.art]
    return out


def _relation(liste: str) -> dict[str, Any]:
    """A choice among the entries of another file's list, stored as the entry's id."""
    return {"widget": "relation", "collection": liste, "file": liste, "value_field": f"{liste}.*.id",
            "search_fields": [f"{liste}.*.name", f"{liste}.*.id"], "display_fields": [f"{liste}.*.name"]}


def _sprachen() -> list[dict[str, str]]:
    return [{"label": f"{name} ({code})", "value": code}
            for code, name in sorted(sprachnamen().items(), key=lambda kv: kv[1].casefold())]


def label(name: str) -> str:
    return LABELS.get(name) or name.replace("_", " ").capitalize()


def kopfkommentare(path: Path) -> dict[str, str]:
    """Comment lines above each top-level key of a data file, in Decap's ``comment`` form
    (lines joined by a literal ``\\n``), so that saving in the editor keeps them."""
    out: dict[str, str] = {}
    block: list[str] = []
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return out
    for line in lines:
        if line.startswith("#"):
            block.append(line[1:].removeprefix(" ") if line.startswith("# ") else line[1:])
        elif (m := re.match(r"^([A-Za-z_][\w-]*)\s*:", line)):
            if block:
                out[m.group(1)] = "\\n".join(block)
            block = []
        elif line.strip():
            block = []  # a comment inside a value belongs to no key
    return out


def bundle() -> list[tuple[str, Path]]:
    """(name, file) of the bundled Decap script, its chunks and its licences, as published under /admin/."""
    folder = Path(str(BUNDLE))
    keep = [p for p in sorted(folder.iterdir())
            if p.suffix in (".js", ".wasm") or p.name in ("LICENSE", "decap-cms.js.LICENSE.txt")]
    return [(p.name if p.name != "LICENSE" else "decap-cms.LICENSE.txt", p) for p in keep]
