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

from . import ablage, images
from .leise import gedaempft

if TYPE_CHECKING:
    from PIL import Image, ImageFont

VERSION = "og-3"  # bump when the drawing changes
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
def schrift(fett: bool, groesse: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    name = "FiraSans-Bold.ttf" if fett else "FiraSans-Regular.ttf"
    with files("schulerfolg").joinpath("assets", "fonts", name).open("rb") as f:
        return ImageFont.truetype(io.BytesIO(f.read()), groesse)


def umbrechen(text: str, font: ImageFont.FreeTypeFont, breite: int, zeilen: int) -> list[str]:
    """Wrap ``text`` to ``breite`` pixels in at most ``zeilen`` lines; the last one ends in »…« if cut."""
    worte, aus, zeile = text.split(), [], ""
    for wort in worte:
        probe = f"{zeile} {wort}".strip()
        if font.getlength(probe) <= breite or not zeile:
            zeile = probe
        else:
            aus.append(zeile)
            zeile = wort
    if zeile:
        aus.append(zeile)
    if len(aus) > zeilen:
        aus = aus[:zeilen]
        while aus[-1] and font.getlength(aus[-1] + " …") > breite:
            aus[-1] = aus[-1].rsplit(" ", 1)[0] if " " in aus[-1] else aus[-1][:-1]
        aus[-1] += " …"
    return aus


def zeichnen(titel: str, rubrik: str, absender: str, groesse: tuple[int, int] = GROESSE) -> Image.Image:
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
    klein = schrift(True, round(40 * e))
    d.text((rand, band / 2), rubrik.upper() if len(rubrik) < 40 else rubrik, font=klein, fill=FARBEN["hell"], anchor="lm")
    gross = schrift(True, round(76 * e))
    zeilen = umbrechen(titel, gross, w - 2 * rand, 3)
    y = band + round(70 * e)
    for z in zeilen:
        d.text((rand, y), z, font=gross, fill=FARBEN["text"], anchor="la")
        y += round(92 * e)
    fuss = schrift(False, round(34 * e))
    d.rectangle((rand, h - round(112 * e), rand + round(120 * e), h - round(104 * e)), fill=FARBEN["akzent"])
    d.text((rand, h - round(60 * e)), absender, font=fuss, fill=FARBEN["leise"], anchor="lm")
    return im


def karte(titel: str, rubrik: str, absender: str, cache_dir: Path | None) -> bytes:
    """The PNG bytes of a card, from the cache when the same card was drawn before."""
    if cache_dir is None:
        images.zaehler.neu += 1
        return _png(titel, rubrik, absender)
    return karte_datei(titel, rubrik, absender, cache_dir).read_bytes()


def karte_datei(titel: str, rubrik: str, absender: str, cache_dir: Path) -> Path:
    """The card's file in the cache, drawn first if it is not there yet."""
    datei = ablage.datei(cache_dir, (VERSION, titel, rubrik, absender), "png")
    if datei.is_file():
        images.zaehler.zwischengespeichert += 1
        return datei
    ablage.schreiben(datei, _png(titel, rubrik, absender))
    images.zaehler.neu += 1
    return datei


def _png(titel: str, rubrik: str, absender: str) -> bytes:
    from PIL import Image

    with gedaempft():
        # 64 flat colours are plenty for text on plain fields: about 16 KB per card.
        im = zeichnen(titel, rubrik, absender).quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        puffer = io.BytesIO()
        im.save(puffer, "PNG", optimize=True)
    return puffer.getvalue()
