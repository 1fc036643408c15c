"""The Elternratgeber in several languages: which languages exist, and what every page of it shares.

The guide is hand-written Markdown: German in ``docs/eltern/``, each translation in
``docs/eltern/<code>/`` under the same file name. ``aufbereiten`` turns such a file into the
page the site publishes (``parts/elternratgeber.py`` plans it, so the hooks and
``generate --projekt`` publish the same): the language of its folder in the front matter
(``lang:``, which the theme turns into ``<html lang>`` and ``<body dir>``), a language switcher
below the title (links to the same page in every language), on translations a note that only the
German text is authoritative, and the office's contact panel where the marker
``<!-- schulerfolg:kontakt -->`` stands (also on the pages in Leichter Sprache).
"""
from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass

import yaml
from markupsafe import Markup

from schulerfolg.data.models import Netzwerkstelle
from schulerfolg.data.yamlsource import DUMPER, LOADER

from .pages import url_of
from .render import environment

ORDNER = "eltern"
KONTAKT_MARKE = "<!-- schulerfolg:kontakt -->"


@dataclass(frozen=True)
class Ratgebersprache:
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
SPRACHEN: tuple[Ratgebersprache, ...] = (
    Ratgebersprache("", "de", "Deutsch", "ltr", "Sprache", "", "", "Zur Übersicht des Elternratgebers",
            "Anschrift", "Telefon", "E-Mail", "Sprechzeiten"),
    Ratgebersprache("uk", "uk", "Українська", "ltr", "Мова",
            "Це переклад. Юридичну силу має лише німецький текст.", "Німецька версія",
            "До змісту порадника", "Адреса", "Телефон", "Електронна пошта", "Години прийому"),
    Ratgebersprache("ar", "ar", "العربية", "rtl", "اللغة",
            "هذه ترجمة. النص الألماني وحده هو المعتمد.", "النسخة الألمانية",
            "إلى فهرس الدليل", "العنوان", "الهاتف", "البريد الإلكتروني", "أوقات الاستقبال"),
    Ratgebersprache("fa", "fa-AF", "دری", "rtl", "زبان",
            "این یک ترجمه است. تنها متن آلمانی معتبر است.", "نسخهٔ آلمانی",
            "به فهرست رهنما", "آدرس", "تلفون", "ایمیل", "اوقات ملاقات"),
    Ratgebersprache("en", "en", "English", "ltr", "Language",
            "This is a translation. Only the German text is authoritative.", "German version",
            "Back to the guide’s contents", "Address", "Phone", "Email", "Office hours"),
)
DEUTSCH = SPRACHEN[0]
_NACH_ORDNER = {s.ordner: s for s in SPRACHEN}


def classify(src_uri: str) -> tuple[Ratgebersprache, str] | None:
    """``eltern/ar/hilfe.md`` → (Arabic, ``hilfe.md``); None for pages outside the guide's layout."""
    teile = src_uri.split("/")
    if teile[0] != ORDNER or len(teile) not in (2, 3):
        return None
    if len(teile) == 2:
        return DEUTSCH, teile[1]
    sprache = _NACH_ORDNER.get(teile[1])
    return (sprache, teile[2]) if sprache is not None and sprache.ordner else None


def pfad(sprache: Ratgebersprache, name: str) -> str:
    """Where a page of the guide lives inside docs/."""
    return posixpath.join(ORDNER, sprache.ordner, name) if sprache.ordner else posixpath.join(ORDNER, name)


def prepare(markdown: str, src_uri: str, vorhanden: Callable[[str], bool], nw: Netzwerkstelle) -> Markup:
    """The page as the site publishes it; ``vorhanden(path)`` says whether a page exists inside docs/."""
    lage = classify(src_uri)
    sprache, name = lage if lage else (DEUTSCH, "")
    env = environment()
    if KONTAKT_MARKE in markdown:
        markdown = markdown.replace(KONTAKT_MARKE, env.get_template("eltern/kontakt.md.j2").render(sprache=sprache, nw=nw))
    if lage is None:
        return Markup(markdown)
    kopfdaten, text = _kopfdaten(markdown)
    if sprache.ordner:
        kopfdaten["lang"] = sprache.lang  # the folder decides; the theme reads it
    zur_wurzel = "../" * url_of(src_uri).count("/")  # links from this page's address
    varianten = [(s, zur_wurzel + url_of(pfad(s, name))) for s in SPRACHEN if vorhanden(pfad(s, name))]
    original = next((link for s, link in varianten if s is DEUTSCH), None)
    kopf = env.get_template("eltern/kopf.md.j2").render(sprache=sprache, varianten=varianten, original=original)
    fuss = env.get_template("eltern/fuss.md.j2").render(sprache=sprache, name=name,
                                                        uebersicht=zur_wurzel + url_of(pfad(sprache, "index.md")))
    vorspann = "---\n" + yaml.dump(kopfdaten, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=1000) + "---\n" if kopfdaten else ""
    return Markup(vorspann + _nach_titel(text, kopf) + "\n" + fuss)


def _kopfdaten(markdown: str) -> tuple[dict, str]:
    """Front matter (between the first two »---« lines) and the text after it."""
    if markdown.startswith("---\n"):
        ende = markdown.find("\n---\n", 3)
        if ende != -1:
            return yaml.load(markdown[4:ende], Loader=LOADER) or {}, markdown[ende + 5:]  # 34 pages per build
    return {}, markdown


def _nach_titel(markdown: str, einschub: str) -> str:
    """Insert below the page's first heading, so that the title stays the first thing on the page."""
    zeilen = markdown.split("\n")
    for i, zeile in enumerate(zeilen):
        if zeile.startswith("# "):
            return "\n".join(zeilen[: i + 1] + ["", einschub, ""] + zeilen[i + 1:])
    return einschub + "\n\n" + markdown
