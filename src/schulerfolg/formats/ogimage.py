"""Social preview images (Open Graph) in the look of the exhibition panels, drawn with Pillow.

One 1200×630 PNG per page: a coloured header band with the section, the page title
large, the office's name at the foot. Fira Sans (SIL OFL) ships with the package,
so nothing is fetched. Cards are cached by their text like photos are, and Pillow is
imported only to draw a card that is not in the cache.
"""
from __future__ import annotations

import io
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from schulerfolg import buildcache
from schulerfolg.data.quiet import quiet
from schulerfolg.media import images

if TYPE_CHECKING:
    from PIL import Image, ImageFont

VERSION = "og-4"  # bump when the drawing changes
GROESSE = (1200, 630)

ABSENDER = "Netzwerkstelle „Schulerfolg für Dessau-Roßlau“"

# The exhibition palette (also used for the sample film's title cards).
FARBEN = {
    "grund": "#f7f4ee",  # paper
    "band": "#0b4a6f",  # header band of a panel (the theme's --sf-blau)
    "akzent": "#9c3f18",  # stripe under the band (--sf-rost)
    "text": "#1b1d28",
    "hell": "#ffffff",
    "leise": "#4a5560",
}


@cache
def font(fett: bool, groesse: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    name = "FiraSans-Bold.ttf" if fett else "FiraSans-Regular.ttf"
    with files("schulerfolg").joinpath("assets", "fonts", name).open("rb") as f:
        return ImageFont.truetype(io.BytesIO(f.read()), groesse)


def wrap(text: str, font: ImageFont.FreeTypeFont, breite: int, zeilen: int) -> list[str]:
    """Wrap ``text`` to ``breite`` pixels in at most ``zeilen`` lines; the last one ends in »…« if cut.
    A word wider than a line is broken where it reaches the edge, so no line ever leaves the card."""
    gekuerzt = len(text) > HOECHSTENS_ZEICHEN
    aus: list[str] = []
    zeile = ""
    for wort in text[:HOECHSTENS_ZEICHEN].split():
        probe = f"{zeile} {wort}".strip()
        if font.getlength(probe) <= breite:
            zeile = probe
            continue
        if zeile:
            aus.append(zeile)
        while len(aus) <= zeilen and font.getlength(wort) > breite:
            n = _passt(wort, font, breite)
            aus.append(wort[:n])
            wort = wort[n:]
        zeile = wort
        if len(aus) > zeilen:
            break
    if zeile:
        aus.append(zeile)
    if len(aus) > zeilen or gekuerzt:
        aus = aus[:zeilen]
        aus[-1] = _mit_auslassung(aus[-1], font, breite)
    return aus


HOECHSTENS_ZEICHEN = 400  # more never fits on a card: what is cut before wrapping costs nothing


def _passt(wort: str, font: ImageFont.FreeTypeFont, breite: int) -> int:
    """How many of the first characters of ``wort`` fit into ``breite`` pixels (at least one)."""
    unten, oben = 1, len(wort)
    while unten < oben:
        mitte = (unten + oben + 1) // 2
        if font.getlength(wort[:mitte]) <= breite:
            unten = mitte
        else:
            oben = mitte - 1
    return unten


def _mit_auslassung(zeile: str, font: ImageFont.FreeTypeFont, breite: int) -> str:
    """``zeile`` with » …« at its end, shortened by words (or characters) until both fit."""
    while zeile and font.getlength(zeile + " …") > breite:
        zeile = zeile.rsplit(" ", 1)[0] if " " in zeile else zeile[:-1]
    return zeile + " …"


def draw(titel: str, rubrik: str, absender: str, groesse: tuple[int, int] = GROESSE) -> Image.Image:
    """The card: band with the section, title, sender line. Scales with ``groesse``."""
    from PIL import Image, ImageDraw

    w, h = groesse
    e = w / 1200  # unit: 1 px at 1200 wide
    im = Image.new("RGB", groesse, FARBEN["grund"])
    d = ImageDraw.Draw(im)
    band = round(150 * e)
    d.rectangle((0, 0, w, band), fill=FARBEN["band"])
    d.rectangle((0, band, w, band + round(14 * e)), fill=FARBEN["akzent"])
    rand = round(72 * e)
    klein = font(True, round(40 * e))
    rubrik = rubrik.upper() if len(rubrik) < 40 else rubrik
    d.text((rand, band / 2), wrap(rubrik, klein, w - 2 * rand, 1)[0], font=klein, fill=FARBEN["hell"], anchor="lm")
    gross = font(True, round(76 * e))
    zeilen = wrap(titel, gross, w - 2 * rand, 3)
    y = band + round(70 * e)
    for z in zeilen:
        d.text((rand, y), z, font=gross, fill=FARBEN["text"], anchor="la")
        y += round(92 * e)
    fuss = font(False, round(34 * e))
    d.rectangle((rand, h - round(112 * e), rand + round(120 * e), h - round(104 * e)), fill=FARBEN["akzent"])
    d.text((rand, h - round(60 * e)), wrap(absender, fuss, w - 2 * rand, 1)[0], font=fuss, fill=FARBEN["leise"], anchor="lm")
    return im


def card(titel: str, rubrik: str, absender: str, cache_dir: Path | None) -> bytes:
    """The PNG bytes of a card, from the cache when the same card was drawn before."""
    if cache_dir is None:
        images.zaehler.neu += 1
        return _png(titel, rubrik, absender)
    return card_file(titel, rubrik, absender, cache_dir).read_bytes()


def card_file(titel: str, rubrik: str, absender: str, cache_dir: Path) -> Path:
    """The card's file in the cache, drawn first if it is not there yet."""
    datei = buildcache.path_for(cache_dir, (VERSION, titel, rubrik, absender), "png")
    if datei.is_file():
        images.zaehler.zwischengespeichert += 1
        return datei
    images.zaehler.neu += 1
    return buildcache.write(datei, _png(titel, rubrik, absender))


def _png(titel: str, rubrik: str, absender: str) -> bytes:
    from PIL import Image

    with quiet():
        # 64 flat colours are plenty for text on plain fields: about 18 KB per card. The fast octree and PNG's
        # standard compression draw a card in a sixth of the time of median cut and an optimised PNG, for 7 % more
        # bytes and no difference to see: a first build draws one card per page.
        im = draw(titel, rubrik, absender).quantize(colors=64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        puffer = io.BytesIO()
        im.save(puffer, "PNG")
    return puffer.getvalue()
