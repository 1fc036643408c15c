"""The web editor at /admin/ (Decap CMS): its configuration, made from the models, and its page.

Every field of every data file becomes a widget (``feldreferenz`` walks the models); ids of other
entries become relation widgets, photos image widgets, forms and film files file widgets. Changes
made in the editor become pull requests (editorial workflow), which run the same checks as any other.

Where the repository lives is a matter of deployment, not of data: it comes from the environment
(``REPO_URL``, as mkdocs.yml reads it, and ``DECAP_*`` for the login), see ``Settings``. The editor
exists only where it can save: without a repository and a way to log in, /admin/ says so and loads no
Decap at all. Nothing read from data/ goes into the configuration, not even a comment: it is made from the
models and the settings alone.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from schulerfolg.data.feldreferenz import Datendatei, Feld, dateien, ordner_dateien
from schulerfolg.data.fields import SLUG, sprachnamen
from schulerfolg.data.yamlsource import DUMPER

from .csp import as_text

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
    "zeiten": "Feste Zeiten", "tage": "Tage", "von": "Von (Uhrzeit)", "bis": "Bis (Uhrzeit)",
    "nach_vereinbarung": "Auch nach Vereinbarung", "hinweis": "Hinweis",
}
COLLECTIONS = {"schulen": "Schulen", "traeger": "Träger", "fachkraefte": "Fachkräfte", "plus": "PLUS+",
               "netzwerkstelle": "Netzwerkstelle", "termine": "Termine", "aktuelles": "Aktuelles"}
SINGULAR = {"schulen": "Schule", "traeger": "Träger", "fachkraefte": "Fachkraft", "fristen": "Frist",
            "formulare": "Formular", "verfahren": "Schritt", "faq": "Frage", "projekte": "Projekt",
            "partner": "Partner", "rechtsgrundlagen": "Rechtsgrundlage", "einschraenkungen": "Einschränkung",
            "zeiten": "Sprechzeit", "termine": "Termin", "dokumente": "Dokument"}
# How an entry of a list shows while folded, where its first text would not say enough.
SUMMARIES = {"zeiten": "{{fields.tage}} {{fields.von}}–{{fields.bis}} {{fields.ort}}"}

# Files that data/ holds for a model's path fields: (widget, folder inside data/).
MEDIEN = {"Foto": ("image", "fotos"), "Formular": ("file", "formulare"), "Film": ("file", "film"),
          "MeldungsFoto": ("image", "fotos/aktuelles"), "Dokument": ("file", "dokumente")}
BILDER = {("Film", "poster")}  # path fields outside Foto that hold a picture

MARKDOWN = {"widget": "markdown", "modes": ["rich_text", "raw"], "editor_components": [], "sanitize_preview": True,
            "buttons": ["bold", "italic", "link", "heading-three", "bulleted-list", "numbered-list"]}
PATTERNS = {
    "slug": [SLUG.pattern, "Nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, z. B. gs-ziebigk"],
    "plz": ["^[0-9]{5}$", "Genau fünf Ziffern, z. B. 06844"],
    "url": ["^[Hh][Tt][Tt][Pp][Ss]?://", "Die Adresse beginnt mit https://"],
    "email": [r"^[^@\s]+@[^@\s]+\.[^@\s]+$", "Eine vollständige E-Mail-Adresse, z. B. name@example.org"],
    "telefon": [r"^\+?[0-9][0-9 /()\-–]+$", "Telefonnummer mit Vorwahl, z. B. 0340 204-1234"],
    "uhrzeit": [r"^([01]?[0-9]|2[0-3])[:.][0-5][0-9]$", "Uhrzeit als SS:MM, z. B. 07:30"],
}


@dataclass(frozen=True)
class Settings:
    """Where the editor saves: the repository and how editors log in."""

    repo_url: str = ""  # https://github.com/stadt/schulerfolg or https://gitlab.example.org/stadt/schulerfolg
    branch: str = "main"
    auth_url: str = ""  # GitHub: the city's OAuth gateway (Decap's base_url); GitLab: the GitLab itself
    gitlab_app_id: str = ""  # GitLab: id of the OAuth application (PKCE, no secret in the browser)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        return cls(env.get("REPO_URL", "").strip(), env.get("DECAP_BRANCH", "main").strip() or "main",
                   env.get("DECAP_AUTH_URL", "").strip(), env.get("DECAP_GITLAB_APP_ID", "").strip())


# A host name as DNS writes it (optionally with a port): the only host text that may enter the page's policy.
_HOST = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:[0-9]{1,5})?")
_REPO = re.compile(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+")
_APP_ID = re.compile(r"[A-Za-z0-9_-]+")


def backend(s: Settings) -> dict[str, Any] | None:
    """Decap's backend for the repository, or None while the editor could not save: no usable repository
    address, or no way to log in (GitHub: the city's OAuth gateway; GitLab: the OAuth application)."""
    adresse = _https(s.repo_url)
    repo = adresse[1].strip("/").removesuffix(".git") if adresse else ""
    if not _REPO.fullmatch(repo):
        return None
    messages = {"create": "Redaktion: {{collection}} „{{slug}}“ angelegt",
                "update": "Redaktion: {{collection}} „{{slug}}“ geändert",
                "delete": "Redaktion: {{collection}} „{{slug}}“ gelöscht",
                "uploadMedia": "Redaktion: Datei {{path}} hochgeladen",
                "deleteMedia": "Redaktion: Datei {{path}} gelöscht"}
    out: dict[str, Any] = {"repo": repo, "branch": s.branch, "commit_messages": messages}
    origin = adresse[0]
    if origin == "https://github.com":  # without a gateway Decap would send the login through Netlify's service
        login = _https(s.auth_url)
        return {"name": "github", **out, "base_url": "".join(login).rstrip("/")} if login else None
    login = _https(s.auth_url) if s.auth_url else (origin, "")  # the city's GitLab logs in itself
    if login is None or not _APP_ID.fullmatch(s.gitlab_app_id):
        return None
    return {"name": "gitlab", **out, "auth_type": "pkce", "app_id": s.gitlab_app_id,
            "api_root": f"{origin}/api/v4", "base_url": "".join(login).rstrip("/")}


def _https(url: str) -> tuple[str, str] | None:
    """(origin, path) of an https address with a plain host name; None for anything else."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower()
    if parts.scheme != "https" or not _HOST.fullmatch(host) or parts.query or parts.fragment:
        return None
    return f"https://{host}", parts.path


def policy(b: dict[str, Any] | None) -> str:
    """The Content-Security-Policy of the page /admin/ for backend ``b`` (None: the page without editor).

    Decap runs only its own files from this site. It needs two relaxations, each shown by a test in
    Chromium (tests/test_decap.py): 'unsafe-eval', as Decap checks its configuration with Ajv, which
    compiles the schema with ``new Function``; and inline styles, which emotion, Decap's CSS-in-JS, writes
    as <style> elements. It talks only to the backend's API; photos come from there as blob: URLs.
    GitHub's login runs in a window of the city's gateway, which hands the token over by postMessage;
    GitLab's comes back to this page and fetches the token from the GitLab. GitLab also shows the
    editor's avatar from the GitLab; Decap 3.16 shows none for GitHub."""
    if b is None:
        return as_text({"default-src": ["'none'"], "img-src": ["'self'"], "base-uri": ["'self'"],
                        "form-action": ["'none'"]})
    if b["name"] == "github":
        api, avatars = ["https://api.github.com"], []
    else:  # the GitLab's API and its token endpoint (PKCE), which may be a host of its own
        gitlab, login = _https(b["api_root"])[0], _https(b["base_url"])[0]
        api, avatars = sorted({gitlab, login}), [gitlab]
    return as_text({
        "default-src": ["'none'"],
        "script-src": ["'self'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "blob:", *avatars],
        "connect-src": ["'self'", *api],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'none'"],
    })


def config(b: dict[str, Any]) -> dict[str, Any]:
    """The whole Decap configuration for backend ``b``: one collection per data file."""
    return {
        "locale": "de",
        "backend": b,
        "publish_mode": "editorial_workflow",
        "media_folder": "data/fotos",
        "public_folder": "fotos",
        "show_preview_links": False,
        # No preview pane: it would render the editors' Markdown as HTML in this page (see the handbook).
        # No notes: they show pull-request comments, which anyone may write on a public repository.
        "editor": {"preview": False, "notes": False},
        "collections": [*(_collection(d) for d in dateien()), *(_ordner(d) for d in ordner_dateien())],
    }


def config_yaml(b: dict[str, Any]) -> str:
    """admin/config.yml: every value through the YAML emitter, no text of the data files in it."""
    head = ("# Konfiguration des Web-Editors (Decap CMS), erzeugt aus den Datenmodellen von schulerfolg.\n"
            "# Nicht von Hand ändern: Sie entsteht bei jedem Bau neu (schulerfolg/decap.py).\n")
    return head + yaml.dump(config(b), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


class _Dumper(DUMPER):  # libyaml's emitter where built in: 10× faster
    """Writes shared values out in full: no ``&id001`` anchors for a person to puzzle over."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _collection(d: Datendatei) -> dict[str, Any]:
    stem = d.name.removesuffix(".yml")
    fields = [widget(f, d.modell) for f in d.felder]
    fields[0]["comment"] = kopf(d)  # Decap writes it above the first key, so the file keeps a header
    # Decap looks a field's »comment« up among the collection's own fields, which a files collection does
    # not have (decap-cms-core 3.19, entryToRaw → selectField): a hidden stand-in carries it there.
    kommentar = {"name": fields[0]["name"], "label": fields[0]["label"], "widget": "hidden", "comment": kopf(d)}
    return {"name": stem, "label": COLLECTIONS[stem], "editor": {"preview": False}, "fields": [kommentar],
            "files": [{"name": stem, "label": f"{COLLECTIONS[stem]} ({d.pfad})", "file": d.pfad, "fields": fields}]}


def _ordner(d: Datendatei) -> dict[str, Any]:
    """A folder of Markdown files, one per entry (the news): what Decap's folder collections are made for. Its
    text below the head is Decap's ``body``; the file name is the date and the title, as the check wants it."""
    ordner = d.name.split("/")[0]
    fields = [widget(f, d.modell) for f in d.felder]
    for w in fields:
        if w["name"] == "text":
            w.update(name="body", label="Text")
    return {"name": ordner, "label": COLLECTIONS[ordner], "label_singular": "Meldung", "folder": f"data/{ordner}",
            "create": True, "extension": "md", "format": "frontmatter", "editor": {"preview": False},
            "slug": "{{year}}-{{month}}-{{day}}-{{slug}}", "identifier_field": "titel",
            "summary": "{{datum}} – {{titel}}", "sortable_fields": ["datum", "titel"], "fields": fields}


def kopf(d: Datendatei) -> str:
    """The header Decap writes into a data file it saves, in Decap's ``comment`` form (lines joined by a
    literal ``\\n``). Made from the model, never read from the file: the comments in data/ are the editors'
    own and stay unpublished; they are lost when the web editor saves the file (see the handbook)."""
    stem = d.name.removesuffix(".yml")
    return "\\n".join([
        f"yaml-language-server: $schema=../schema/{stem}.schema.json",
        "",
        f"{COLLECTIONS[stem]}: alle Felder und Pflichtangaben in der Feldreferenz des Redaktionshandbuchs.",
        "Nach dem Bearbeiten prüfen:  python -m schulerfolg check",
    ])


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
        if el.art == "auswahl":  # several of a few choices (the days of office hours): one select, not a list of them
            return {"widget": "select", "multiple": True, **({"min": bounds["min_length"]} if "min_length" in bounds else {}),
                    "options": [{"label": label_, "value": value} for value, label_ in el.optionen]}
        out: dict[str, Any] = {"widget": "list", "collapsed": True}
        if el.art == "gruppe":
            out["fields"] = [widget(sub, el.modell) for sub in el.felder]
            out["summary"] = SUMMARIES.get(f.name) or "{{fields.%s}}" % next(
                s.name for s in el.felder if s.art in ("text", "datum", "markdown"))
            if f.name in SINGULAR:
                out["label_singular"] = SINGULAR[f.name]
        else:
            out["field"] = {"name": "eintrag", "label": "Eintrag", **_kind(el, modell)}
        if "min_length" in bounds:
            out["min"] = bounds["min_length"]
        return out
    if f.referenz:
        return _relation(f.referenz)
    if f.name in ORDNER_VERWEISE:
        return ORDNER_VERWEISE[f.name]
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


# Ids that name a file of a folder collection: its file name (Decap's {{slug}} there), chosen by title.
ORDNER_VERWEISE = {"bericht": {"widget": "relation", "collection": "aktuelles", "value_field": "{{slug}}",
                               "search_fields": ["titel"], "display_fields": ["{{datum}} – {{titel}}"]}}


def _sprachen() -> list[dict[str, str]]:
    return [{"label": f"{name} ({code})", "value": code}
            for code, name in sorted(sprachnamen().items(), key=lambda kv: kv[1].casefold())]


def label(name: str) -> str:
    return LABELS.get(name) or name.replace("_", " ").capitalize()


def bundle() -> list[tuple[str, Path]]:
    """(name, file) of the bundled Decap script, its chunks and its licences, as published under /admin/."""
    folder = Path(str(BUNDLE))
    keep = [p for p in sorted(folder.iterdir())
            if p.suffix in (".js", ".wasm") or p.name in ("LICENSE", "decap-cms.js.LICENSE.txt")]
    return [(p.name if p.name != "LICENSE" else "decap-cms.LICENSE.txt", p) for p in keep]
