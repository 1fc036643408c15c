"""The finished site, whichever engine wrote its pages (issue 20).

Some work needs the pages as the engine wrote them. MkDocs' hooks do it page by page while MkDocs writes;
any other engine (Zensical, ProperDocs, MkDocs without hooks) builds the project of ``generate --projekt``
first, then ``python -m schulerfolg nachbereiten PROJEKT`` finishes its site folder with the same functions
in the same order:

1. the theme's markup repaired (``formats.theme_html``);
2. the page's Open Graph card drawn and its ``og:``/``twitter:`` tags written into ``<head>`` (``og_card``);
3. the Content-Security-Policy as the first element of ``<head>`` (``formats.csp``);
4. once every page is done, the theme's stylesheet without the rules no page uses (``formats.theme_css``).

What the checked data decides and a page must never decide – which page may frame which film platform –
comes from ``nachbereiten.json``, written by ``generate --projekt`` beside mkdocs.yml (``write_manifest``).
"""
from __future__ import annotations

import ast
import functools
import html as html_module
import importlib.util
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from babel.core import Locale, UnknownLocaleError, get_global

from schulerfolg import buildcache
from schulerfolg.buildcache import BuildCache
from schulerfolg.data import buildinfo
from schulerfolg.formats import ogimage
from schulerfolg.formats.csp import ThemeScripts, style_hash, with_policy
from schulerfolg.formats.theme_css import SHEETS, THEME_SHEET, UsedNames, slim
from schulerfolg.formats.theme_html import links_within_root, repair

from .pages import Page
from .render import environment

MANIFEST = "nachbereiten.json"
_POLICY = 'http-equiv="Content-Security-Policy"'
# What our main.html (block site_meta, htmltitle) writes into every page's <head>, whichever engine renders it.
_TITLE = re.compile(r"<title>([^<]*)</title>")
_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)">')
_LANG = re.compile(r'<html lang="([^"]+)"')
# Zensical 0.0.x's bundle draws its search dialog in a shadow root with <style> holding a string constant:
# ``o.appendChild(C("style",{},Tc.toString()))`` … ``var Tc='.u{…}'``.
_BUNDLE_STYLE = re.compile(r'"style",\{\},(\w+)\.toString\(\)')


@dataclass(frozen=True)
class Head:
    """What a finished page's <head> says about it, as plain text."""

    titel: str
    beschreibung: str
    canonical: str | None
    locale: str | None  # for og:locale: the page's language with its country, »de_DE«, »fa_AF«, »uk_UA«


def head(page_html: str, site_name: str) -> Head:
    kopf = page_html.split("</head>", 1)[0]
    title = _TITLE.search(kopf)
    titel = html_module.unescape(title.group(1)).strip() if title else site_name
    titel = titel.removesuffix(f" - {site_name}") or site_name
    description = _DESCRIPTION.search(kopf)
    canonical = _CANONICAL.search(kopf)
    lang = _LANG.search(kopf)
    return Head(titel, html_module.unescape(description.group(1)) if description else "",
                html_module.unescape(canonical.group(1)) if canonical else None,
                og_locale(lang.group(1) if lang else "de"))


@functools.cache  # Babel reads CLDR data for each parse: once per language, not once per page
def og_locale(lang: str) -> str | None:
    """``<html lang>`` as Open Graph wants it, language and country: ``fa-AF`` → ``fa_AF``; a language alone
    (or with its script) gets the country CLDR thinks likeliest (``uk`` → ``uk_UA``, ``de`` → ``de_DE``). None
    for a tag that names no such pair (``und``, ``es-419``, an unknown language): better no og:locale than a
    wrong one."""
    if lang.split("-")[0].lower() == "und":  # Babel would read »undetermined« as English
        return None
    try:
        locale = Locale.parse(lang, sep="-")
    except (ValueError, UnknownLocaleError):
        return None
    territory = locale.territory
    if not territory:
        likely = get_global("likely_subtags")
        vollstaendig = likely.get(f"{locale.language}_{locale.script}") if locale.script else None
        vollstaendig = vollstaendig or likely.get(locale.language)
        territory = Locale.parse(vollstaendig).territory if vollstaendig else None
    if not territory or not re.fullmatch(r"[A-Z]{2}", territory):
        return None
    return f"{locale.language}_{territory}"


def finished_before(page_html: str) -> bool:
    """The page carries its policy already (in <head>, where ``with_policy`` puts it; a page may quote the
    tag in its text): a second run leaves it as it is."""
    return _POLICY in page_html.split("</head>", 1)[0]


def card_path(url: str) -> str:
    """The card of the page at ``url`` (``schulen/gs-ziebigk/``) inside the site: ``og/schulen/gs-ziebigk.png``."""
    return "og/" + ("/".join(t for t in url.split("/") if t) or "index") + ".png"


def rubrik(url: str, rubriken: Mapping[str, str], site_name: str) -> str:
    """The band of a page's card: the title of its section's index page (``schulen/``), else the site's name."""
    teile = [t for t in url.split("/") if t]
    return (rubriken.get(teile[0]) if teile else None) or site_name


def og_card(page_html: str, url: str, rubrik_text: str, site_name: str, cards: Path, site_dir: Path) -> str:
    """Draw (or take from ``cards``) the card of this page, link it into the site and name it in <head>.
    Pages without a canonical address (no ``site_url``; 404.html) get none: a card needs an absolute URL."""
    kopf = head(page_html, site_name)
    if kopf.canonical is None or not kopf.canonical.endswith(url):
        return page_html
    if url == "" and site_name:  # the start page is the site itself (mkdocs-material titles it so; Zensical »Start«)
        kopf = replace(kopf, titel=site_name)
    pfad = card_path(url)
    karte = ogimage.card_file(kopf.titel, rubrik_text, ogimage.ABSENDER, cards)
    buildcache.link(karte, site_dir / pfad)
    tags = environment().get_template("kopf/og.html.j2").render(
        site_name=site_name, locale=kopf.locale, titel=kopf.titel, beschreibung=kopf.beschreibung, url=kopf.canonical,
        bild=kopf.canonical[: len(kopf.canonical) - len(url)] + pfad, breite=ogimage.GROESSE[0],
        hoehe=ogimage.GROESSE[1], alt=f"{rubrik_text}: {kopf.titel} – {ogimage.ABSENDER}")
    ende = page_html.index("</head>")
    return page_html[:ende] + tags + page_html[ende:]


# ---------------------------------------------------------------- a whole site folder

@dataclass(frozen=True)
class Manifest:
    """What ``generate --projekt`` hands the finishing step: each page's frame sources, by page URL."""

    rahmen: dict[str, list[str]] = field(default_factory=dict)


def write_manifest(folder: Path, pages: Iterable[Page]) -> Path:
    rahmen = {p.url: list(p.rahmen) for p in pages if p.rahmen}
    target = folder / MANIFEST
    target.write_text(json.dumps({"rahmen": rahmen}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return target


def read_manifest(projekt: Path) -> Manifest:
    datei = projekt / MANIFEST
    if not datei.is_file():
        raise FileNotFoundError(f"{datei} fehlt: Ist {projekt} ein mit »generate --projekt« geschriebenes Projekt?")
    return Manifest(json.loads(datei.read_text(encoding="utf-8"))["rahmen"])


def html_url(rel: str) -> str:
    """The address of a written page (``schulen/a/index.html`` → ``schulen/a/``; ``404.html`` stays)."""
    return rel.removesuffix("index.html") if rel == "index.html" or rel.endswith("/index.html") else rel


def bundle_styles(site_dir: Path) -> list[str]:
    """CSP sources of the stylesheets the engine's own bundle writes into <style> elements: allowed by hash,
    as the theme's inline scripts are (Material writes none; Zensical one, for its search dialog)."""
    sources = []
    for bundle in sorted(site_dir.glob("assets/javascripts/bundle.*.min.js")):
        js = bundle.read_text(encoding="utf-8")
        for name in dict.fromkeys(_BUNDLE_STYLE.findall(js)):
            literal = re.search(rf"\b{name}=('(?:[^'\\\n]|\\.)*')", js)
            if literal:
                sources.append(style_hash(ast.literal_eval(literal.group(1))))
    return sources


def engine_theme_dirs() -> list[Path]:
    """The template folders of the installed engines' Material themes: their inline scripts get hashes."""
    dirs = []
    for package in ("material", "zensical"):
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.origin is not None and (Path(spec.origin).parent / "templates").is_dir():
            dirs.append(Path(spec.origin).parent / "templates")
    return dirs


@dataclass
class Outcome:
    pages: int
    sheets: list[tuple[str, int, int]]  # each theme stylesheet: path, bytes before, bytes after


def section_titles(projekt: Path, site_dir: Path, pages: list[str], site_name: str) -> dict[str, str]:
    """As hooks/og_images.py has them: each section whose index page is ``<docs_dir>/<x>/index.md`` by the title MkDocs
    gives that page – its title in the menu (mkdocs.yml's ``nav``), else its own."""
    config = buildinfo.mkdocs_config(projekt)
    im_menue = {}
    for eintrag in config.get("nav") or []:
        if isinstance(eintrag, dict) and len(eintrag) == 1:
            (titel, ziel), = eintrag.items()
            if isinstance(ziel, str) and ziel.count("/") == 1 and ziel.endswith("/index.md"):
                im_menue[ziel.split("/")[0]] = str(titel)
    docs = projekt / str(config.get("docs_dir") or "docs")
    titel = {}
    for rel in pages:
        abschnitt = rel.split("/")[0]
        if rel == f"{abschnitt}/index.html" and (docs / abschnitt / "index.md").is_file():
            titel[abschnitt] = im_menue.get(abschnitt) or head((site_dir / rel).read_text(encoding="utf-8"), site_name).titel
    return titel


def finish_site(projekt: Path, site_dir: Path | None = None) -> Outcome:
    """Finish the site an engine built from the project in ``projekt`` (default: its ``site/``)."""
    site_dir = site_dir or projekt / "site"
    manifest = read_manifest(projekt)
    cache = BuildCache.of(projekt)
    theme = ThemeScripts.aus_vorlagen([projekt / "overrides", *engine_theme_dirs()])
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    site_name = buildinfo.site_name(projekt)
    rubriken = section_titles(projekt, site_dir, pages, site_name)
    styles = bundle_styles(site_dir)
    used, finished = UsedNames(), 0
    for rel in pages:
        datei = site_dir / rel
        text = datei.read_text(encoding="utf-8")
        if not finished_before(text):
            url = html_url(rel)
            text = links_within_root(repair(text), rel.count("/"))
            text = og_card(text, url, rubrik(url, rubriken, site_name), site_name, cache.kind("og"), site_dir)
            text = with_policy(text, theme, manifest.rahmen.get(url, ()), styles)
            datei.write_text(text, encoding="utf-8")
            finished += 1
        used.add_page(text)
    sheets = []
    for sheet, kind, left_out in _stylesheets(site_dir):
        before, after = slim(sheet, sheet, site_dir, used, cache.kind(kind), left_out)
        sheets.append((sheet.relative_to(site_dir).as_posix(), before, after))
    return Outcome(finished, sheets)


def _stylesheets(site_dir: Path) -> list[tuple[Path, str, frozenset[str]]]:
    """The sheets to slim (``theme_css.SHEETS``) that the site has, the theme's for each variant Zensical ships."""
    theme = [(s, *THEME_SHEET) for s in sorted(site_dir.glob("assets/stylesheets/**/main.*.min.css"))]
    return theme + [(site_dir / pfad, kind, left_out) for pfad, kind, left_out in SHEETS if (site_dir / pfad).is_file()]
