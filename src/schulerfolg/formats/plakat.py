"""Posters as print-ready PDF (issue 21): HTML from the site's templates, set by WeasyPrint in the site's look.

The look comes from the site itself, never copied by hand: the design tokens (the ``--sf-*`` custom properties
of ``overrides/assets/stylesheets/schulerfolg.css``) and its self-hosted fonts (its ``@font-face`` rules, their
files in ``overrides/assets/fonts``). The PDFs are tagged (PDF/UA structure, ``/Lang`` from ``<html lang>``), their
fonts embedded as subsets (WeasyPrint's default). WeasyPrint fetches nothing from the network: ``_fetcher``
serves the fonts and the photos it was given and refuses every other address.

WeasyPrint and segno are imported only to set a poster the build cache does not have.
"""
from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import tinycss2

from schulerfolg.buildcache import fingerprint
from schulerfolg.data.quiet import quiet
from schulerfolg.media import images

STYLESHEET = Path("overrides/assets/stylesheets/schulerfolg.css")  # inside the project


class Plakatzaehler(images.Zaehler):
    """How many posters the last build set, and how many came from the cache."""

    def __str__(self) -> str:
        return f"Aushänge: {self.neu} neu gesetzt, {self.zwischengespeichert} aus dem Zwischenspeicher"


zaehler = Plakatzaehler()


@dataclass(frozen=True)
class Gestaltung:
    """The site's tokens and fonts as a stylesheet for WeasyPrint, and the font files it may load."""

    css: str
    schriften: frozenset[str]  # file: URLs of the font files the rules name

    @cached_property
    def schluessel(self) -> str:
        """What decides the posters' look besides their HTML: the rules and the fonts' bytes. Not where the
        project lies: each font's address in the rules stands for its bytes, so a checkout in another folder
        (another CI runner, a copy) finds the posters it set before."""
        digest = {url: hashlib.sha256(Path(url2pathname(urlsplit(url).path)).read_bytes()).hexdigest()
                  for url in self.schriften}  # each font read once
        css = re.sub(r'url\("(file:[^"]+)"\)', lambda m: f'url("{digest.get(m[1], m[1])}")', self.css)
        return hashlib.sha256("\n".join([css, *sorted(digest.values())]).encode()).hexdigest()


@cache
def gestaltung(root: Path) -> Gestaltung:
    """The tokens (``:root`` custom properties named ``--sf-…``) and ``@font-face`` rules of the site's stylesheet,
    their ``url()``s made absolute. Cached per process: the stylesheet belongs to the code, not the data."""
    sheet = Path(root) / STYLESHEET
    regeln = tinycss2.parse_stylesheet(sheet.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True)
    tokens, schriften, faces = [], set(), []
    for regel in regeln:
        if regel.type == "at-rule" and regel.lower_at_keyword == "font-face":
            for token in regel.content or []:
                if token.type == "url" or (token.type == "function" and token.lower_name == "url"):
                    wert = token.value if token.type == "url" else token.arguments[0].value
                    schriften.add((sheet.parent / wert).resolve().as_uri())
            faces.append("@font-face {" + _absolut(tinycss2.serialize(regel.content), sheet.parent) + "}")
        elif regel.type == "qualified-rule" and tinycss2.serialize(regel.prelude).strip() == ":root":
            for d in tinycss2.parse_blocks_contents(regel.content, skip_comments=True, skip_whitespace=True):
                if d.type == "declaration" and d.name.startswith("--sf-"):
                    tokens.append(f"{d.name}: {tinycss2.serialize(d.value).strip()};")
    return Gestaltung("\n".join(faces) + "\n:root {" + " ".join(tokens) + "}\n", frozenset(schriften))


def _absolut(css: str, ordner: Path) -> str:
    """``url("../fonts/x.woff2")`` → ``url("file:///…/fonts/x.woff2")``; a range of weights (variable-font
    syntax, which WeasyPrint does not read) → the weight of its kind: 400 for regular, else its lowest."""
    css = re.sub(r"font-weight:\s*(\d+)\s+(\d+)", lambda m: f"font-weight: {min(max(int(m[1]), 400), int(m[2]))}", css)
    return re.sub(r'url\("([^"]+)"\)', lambda m: f'url("{(ordner / m.group(1)).resolve().as_uri()}")', css)


def qr_svg(url: str) -> bytes:
    """The QR code of ``url`` as an SVG file (segno; error correction M survives a scratch or a drawing pin)."""
    import segno

    puffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(puffer, kind="svg", scale=10, border=0, dark="#000", xmldecl=False)
    return puffer.getvalue()


def version() -> str:
    """The code that sets a poster: this module and the libraries (a part adds its templates)."""
    return _version()


@cache
def _version() -> str:
    return fingerprint(Path(__file__), bibliotheken=("weasyprint", "pydyf", "fonttools", "segno", "tinycss2"))


# Base font sizes (pt) tried in turn until a poster fits its one page (a school with three people, a long name):
# the poster's stylesheet sizes everything in rem.
GRUNDGROESSEN = (14, 12, 10.5, 9, 7.5)


def pdf(html: str, gestaltung: Gestaltung, css: str, bilder: Mapping[str, Callable[[], bytes]]) -> bytes:
    """The poster as tagged PDF on one page. ``bilder``: address in the HTML → its bytes (a photo without
    metadata as JPEG, a QR code as SVG). The document's language is the ``lang`` of its ``<html>``."""
    weasyprint = _weasyprint()

    with quiet():  # WeasyPrint's notes on CSS it skips are English noise in the build's log (data/quiet.py)
        return _setzen(weasyprint, html, gestaltung, css, _fetcher(gestaltung.schriften, bilder))


def _setzen(weasyprint, html: str, gestaltung: Gestaltung, css: str, fetcher) -> bytes:
    from weasyprint.text.fonts import FontConfiguration

    seiten = None
    for groesse in GRUNDGROESSEN:
        schriften = FontConfiguration()  # @font-face rules take effect only through one shared by sheet and document
        sheets = [weasyprint.CSS(string=f"{gestaltung.css}{css}\nhtml {{ font-size: {groesse}pt; }}\n",
                                 url_fetcher=fetcher, font_config=schriften)]
        dokument = weasyprint.HTML(string=html, base_url="plakat:/", url_fetcher=fetcher).render(
            stylesheets=sheets, font_config=schriften, pdf_tags=True)
        seiten = dokument
        if len(dokument.pages) == 1:
            break
    return seiten.write_pdf(pdf_tags=True, pdf_identifier=b"schulerfolg-plakat")


def _weasyprint():
    """WeasyPrint, imported only when a poster is set. Its import switches Pillow, for the whole process, to
    accept truncated images (weasyprint/images.py); the photo check must go on refusing them, and a poster
    holds only our own re-encoded photos: the switch is undone."""
    import weasyprint
    from PIL import ImageFile

    ImageFile.LOAD_TRUNCATED_IMAGES = False
    return weasyprint


def _fetcher(schriften: frozenset[str], bilder: Mapping[str, Callable[[], bytes]]):
    weasyprint = _weasyprint()

    def fetch(url: str, *args, **kwargs):
        if url in schriften:
            return weasyprint.default_url_fetcher(url, *args, **kwargs)
        name = url.removeprefix("plakat:/")
        if name in bilder:
            art = "image/svg+xml" if name.endswith(".svg") else "image/jpeg"
            return weasyprint.urls.URLFetcherResponse(url, body=bilder[name](), headers={"Content-Type": art})
        raise ValueError(f"Ein Aushang lädt nur Schriften und Fotos der Website, nicht {url}")
    return fetch
