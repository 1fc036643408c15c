"""The Elternratgeber in several languages: which languages exist, and what every page of it shares.

The guide is hand-written Markdown: German in ``docs/eltern/``, each translation in
``docs/eltern/<code>/`` under the same file name, with ``lang: <tag>`` in its front matter.
``aufbereiten`` adds to each page a language switcher (links to the same page in every
language) and on translations a note that only the German text is authoritative; on any
page it puts the office's contact panel where the marker ``<!-- schulerfolg:kontakt -->`` is.
The theme reads ``lang`` and sets ``<html lang>`` and ``<body dir>`` (overrides/partials/language.html).
"""
from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .models import Netzwerkstelle
from .render import environment
from .yamlsource import read

ORDNER = "eltern"
EIGENE_ORDNER = ("eltern/", "leichte-sprache/")  # hand-written pages of this part of the site
KONTAKT_MARKE = "<!-- schulerfolg:kontakt -->"


@dataclass(frozen=True)
class Sprache:
    ordner: str  # folder under docs/eltern/ ("" for German)
    lang: str  # BCP 47 tag for lang/hreflang, also the front matter's `lang`
    name: str  # the language's own name, as the switcher shows it
    dir: str  # "ltr" or "rtl"
    auswahl: str  # label of the switcher
    hinweis: str  # "this is a translation, German is authoritative"
    deutsch: str  # link text to the German original
    uebersicht: str  # link text back to the guide's first page
    anschrift: str
    telefon: str
    email: str
    sprechzeiten: str


# In the order of the switcher: German first, then the largest groups of parents (see fakten.md).
SPRACHEN: tuple[Sprache, ...] = (
    Sprache("", "de", "Deutsch", "ltr", "Sprache", "", "", "Zur Übersicht des Elternratgebers",
            "Anschrift", "Telefon", "E-Mail", "Sprechzeiten"),
    Sprache("uk", "uk", "Українська", "ltr", "Мова",
            "Це переклад. Юридичну силу має лише німецький текст.", "Німецька версія",
            "До змісту порадника", "Адреса", "Телефон", "Електронна пошта", "Години прийому"),
    Sprache("ar", "ar", "العربية", "rtl", "اللغة",
            "هذه ترجمة. النص الألماني وحده هو المعتمد.", "النسخة الألمانية",
            "إلى فهرس الدليل", "العنوان", "الهاتف", "البريد الإلكتروني", "أوقات الاستقبال"),
    Sprache("fa", "fa-AF", "دری", "rtl", "زبان",
            "این یک ترجمه است. تنها متن آلمانی معتبر است.", "نسخهٔ آلمانی",
            "به فهرست رهنما", "آدرس", "تلفون", "ایمیل", "اوقات ملاقات"),
    Sprache("en", "en", "English", "ltr", "Language",
            "This is a translation. Only the German text is authoritative.", "German version",
            "Back to the guide’s contents", "Address", "Phone", "Email", "Office hours"),
)
DEUTSCH = SPRACHEN[0]
_NACH_ORDNER = {s.ordner: s for s in SPRACHEN}


class Fehler(ValueError):
    """A guide page that does not fit the layout; the message is German and says how to fix it."""


def einordnen(src_uri: str) -> tuple[Sprache, str] | None:
    """``eltern/ar/hilfe.md`` → (Arabic, ``hilfe.md``); None for pages outside the guide."""
    teile = src_uri.split("/")
    if teile[0] != ORDNER or len(teile) < 2:
        return None
    if len(teile) == 2:
        return DEUTSCH, teile[1]
    if len(teile) == 3 and teile[1] in _NACH_ORDNER and teile[1]:
        return _NACH_ORDNER[teile[1]], teile[2]
    raise Fehler(f"docs/{src_uri}: Seiten des Elternratgebers liegen direkt in docs/eltern/ (Deutsch) oder in "
                 f"einem Sprachordner ({', '.join('eltern/' + s.ordner for s in SPRACHEN[1:])}).")


def pfad(sprache: Sprache, name: str) -> str:
    """Where a page of the guide lives inside docs/."""
    return posixpath.join(ORDNER, sprache.ordner, name) if sprache.ordner else posixpath.join(ORDNER, name)


def aufbereiten(markdown: str, src_uri: str, meta: Mapping, vorhanden: Callable[[str], bool],
                nw: Netzwerkstelle | None) -> str:
    """The page's Markdown with contact panel and, in the guide, switcher and note.

    ``vorhanden(path)`` says whether a page exists inside docs/. Any page may carry the contact marker.
    """
    lage = einordnen(src_uri)
    sprache, name = lage if lage else (DEUTSCH, "")
    env = environment()
    if KONTAKT_MARKE in markdown:
        if nw is None:
            raise Fehler(f"docs/{src_uri}: Für die Kontaktangaben fehlt data/netzwerkstelle.yml.")
        markdown = markdown.replace(KONTAKT_MARKE, env.get_template("eltern/kontakt.md.j2").render(sprache=sprache, nw=nw))
    if lage is None:
        return markdown
    if sprache is not DEUTSCH and meta.get("lang") != sprache.lang:
        raise Fehler(f"docs/{src_uri}: Die Seite liegt im Ordner eltern/{sprache.ordner}/, ihr Kopf sagt aber "
                     f"»lang: {meta.get('lang')}«. Schreiben Sie oben zwischen die Zeilen »---«: lang: {sprache.lang}")
    if not vorhanden(pfad(DEUTSCH, name)):
        raise Fehler(f"docs/{src_uri}: Zu dieser Übersetzung fehlt die deutsche Seite docs/{pfad(DEUTSCH, name)}. "
                     "Der deutsche Text ist verbindlich; legen Sie ihn zuerst an.")
    hier = posixpath.dirname(src_uri)
    varianten = [(s, posixpath.relpath(pfad(s, name), hier)) for s in SPRACHEN if vorhanden(pfad(s, name))]
    kopf = env.get_template("eltern/kopf.md.j2").render(sprache=sprache, varianten=varianten)
    fuss = env.get_template("eltern/fuss.md.j2").render(sprache=sprache, name=name)
    return _nach_titel(markdown, kopf) + "\n" + fuss


def _nach_titel(markdown: str, einschub: str) -> str:
    """Insert below the page's first heading, so that the title stays the first thing on the page."""
    zeilen = markdown.split("\n")
    for i, zeile in enumerate(zeilen):
        if zeile.startswith("# "):
            return "\n".join(zeilen[: i + 1] + ["", einschub] + zeilen[i + 1:])
    return einschub + "\n" + markdown


def netzwerkstelle(data: Path) -> Netzwerkstelle | None:
    """The office's data for the contact panel (the data hook has already checked every file)."""
    src = read(data / "netzwerkstelle.yml", "data/netzwerkstelle.yml")
    if src.problems or src.data is None:
        return None
    return Netzwerkstelle.model_validate(src.data)
