"""Photos for the web: oriented, sRGB, cropped, stripped of every metadata, in several sizes.

An original in ``data/`` never reaches the site. Each derivative is re-encoded from
clean pixels, so no EXIF, GPS, XMP or ICC data can survive. Derivatives are kept in a
content-addressed cache (key: original bytes + pipeline settings + crop + focal point),
so a build with unchanged photos encodes nothing; ``zaehler`` counts both cases.

``bild(fachkraft, …)`` describes a person's picture (a set of derivatives, or an initials
placeholder) without encoding anything; ``encode`` makes the derivatives' bytes when the
site's produce step finds them missing from the build cache.
"""
from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from schulerfolg.data.models import Fachkraft
from schulerfolg.findings.photos import (
    LESEFEHLER,
    PhotoError,
    open_safely,
    oriented_size,
)
from schulerfolg.findings.store import Befunde

if TYPE_CHECKING:
    from PIL import Image

# Pillow is imported where pixels are decoded or encoded, not with this module: a build whose photos are all
# in the cache plans them from befunde.json and links the derivatives, and need not load it (30 ms).

# Bump when anything below changes how pixels come out: every cached derivative is then redone.
PIPELINE = "bilder-3"
HOCHFORMAT = (3, 4)  # panels show people upright
BREITEN = (160, 320, 480)  # WebP widths; a panel photo is about 10rem wide, 480 px covers 3× screens
JPEG_BREITE = 320  # one JPEG for the few browsers without WebP
WEBP = {"quality": 78, "method": 4}
JPEG = {"quality": 82, "optimize": True, "progressive": True}
HINTERGRUND = (250, 248, 244)  # light paper tone that transparent areas are flattened onto
GROESSEN = "144px"  # `sizes`: a panel shows the photo 6rem wide, at most 144 CSS px (Material's largest root size)

@dataclass
class Zaehler:
    """How many image files the last build encoded, and how many came from the cache."""

    neu: int = 0
    zwischengespeichert: int = 0

    def reset(self) -> None:
        self.neu = self.zwischengespeichert = 0

    def __str__(self) -> str:
        return f"Bilder: {self.neu} neu kodiert, {self.zwischengespeichert} aus dem Zwischenspeicher"


zaehler = Zaehler()


@dataclass(frozen=True)
class Variante:
    """One derivative file: where it goes in the site and how big it is."""

    pfad: str
    breite: int
    hoehe: int
    format: str  # "webp" or "jpeg"


@dataclass(frozen=True)
class Auftrag:
    """What to make of one original: crop box, sizes, formats. Its ``schluessel`` names the cache entry."""

    quelle: Path
    box: tuple[int, int, int, int]  # crop in the oriented original
    varianten: tuple[Variante, ...]
    schluessel: str


@dataclass(frozen=True)
class Bild:
    """A person's photo as derivatives, for ``<picture>``."""

    alt: str
    auftrag: Auftrag

    @property
    def webp(self) -> list[Variante]:
        return [v for v in self.auftrag.varianten if v.format == "webp"]

    @property
    def jpeg(self) -> Variante:
        return next(v for v in self.auftrag.varianten if v.format == "jpeg")

    groessen: str = GROESSEN
    ist_foto: bool = field(default=True, init=False)


@dataclass(frozen=True)
class Initialen:
    """Placeholder for a person without a photo: initials on an exhibition colour."""

    name: str
    initialen: str
    farbe: str
    schrift: str

    @property
    def label(self) -> str:
        return f"Kein Foto – Initialen von {self.name}"

    ist_foto: bool = field(default=False, init=False)


# Exhibition colours for placeholders (the theme's --sf-blau, --sf-rost, --sf-gruen, --sf-violett);
# white text on each has at least 6.4:1.
PLATZHALTER_FARBEN = ("#0b4a6f", "#9c3f18", "#2f6b3a", "#5b3a8e")


def bild(fachkraft: Fachkraft, data_dir: Path, befunde: Befunde) -> Bild | Initialen:
    """The picture of ``fachkraft``: derivatives of the consented photo, or initials."""
    if fachkraft.foto is None:
        return initialen(fachkraft.id, fachkraft.name)
    fokus = fachkraft.foto.fokus
    punkt = (fokus.x, fokus.y) if fokus else (0.5, 0.4)
    auftrag = plan_variants(data_dir / fachkraft.foto.datei, f"bilder/fachkraefte/{fachkraft.id}",
                     HOCHFORMAT, punkt, tuple((b, "webp") for b in BREITEN) + ((JPEG_BREITE, "jpeg"),), befunde)
    return Bild(alt=f"Foto von {fachkraft.name}", auftrag=auftrag)


def initialen(ident: str, name: str) -> Initialen:
    """Initials of first and last name; the colour follows the id, so it stays the same between builds."""
    worte = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    zeichen = (worte[0][0] + (worte[-1][0] if len(worte) > 1 else "")).upper() if worte else "?"
    farbe = PLATZHALTER_FARBEN[int(hashlib.sha256(ident.encode()).hexdigest(), 16) % len(PLATZHALTER_FARBEN)]
    return Initialen(name=name, initialen=zeichen, farbe=farbe, schrift="#ffffff")


def plan_variants(quelle: Path, praefix: str, verhaeltnis: tuple[int, int], fokus: tuple[float, float],
           wuensche: tuple[tuple[int, str], ...], befunde: Befunde | None = None) -> Auftrag:
    """Describe the derivatives of ``quelle`` without decoding its pixels: its size as shown comes from
    the header and EXIF, or from ``befunde`` when an earlier build read the same bytes."""
    daten = quelle.read_bytes()
    breite, hoehe = (befunde or Befunde(None)).cached(oriented_size, quelle)
    box = crop_box((breite, hoehe), verhaeltnis, fokus)
    h = hashlib.sha256()
    for teil in (PIPELINE, repr((verhaeltnis, fokus, wuensche, WEBP, JPEG, HINTERGRUND))):
        h.update(teil.encode())
    h.update(daten)
    schluessel = h.hexdigest()
    crop_b = box[2] - box[0]
    varianten = []
    for ziel, fmt in wuensche:
        b = min(ziel, crop_b)  # never enlarge
        hh = round(b * verhaeltnis[1] / verhaeltnis[0])
        endung = "jpg" if fmt == "jpeg" else fmt
        v = Variante(f"{praefix}-{schluessel[:10]}-{b}.{endung}", b, hh, fmt)
        if v not in varianten:
            varianten.append(v)
    return Auftrag(quelle, box, tuple(varianten), schluessel)


def crop_box(groesse: tuple[int, int], verhaeltnis: tuple[int, int],
               fokus: tuple[float, float]) -> tuple[int, int, int, int]:
    """The largest box of the given aspect ratio, centred on the focal point as far as the edges allow."""
    w, h = groesse
    rw, rh = verhaeltnis
    if w * rh > h * rw:  # wider than wanted: cut the sides
        cw, ch = max(1, round(h * rw / rh)), h
    else:  # taller than wanted: cut top and bottom
        cw, ch = w, max(1, round(w * rh / rw))
    left = min(max(round(fokus[0] * w - cw / 2), 0), w - cw)
    top = min(max(round(fokus[1] * h - ch / 2), 0), h - ch)
    return (left, top, left + cw, top + ch)


def normalize(quelle: Path) -> Image.Image:
    """Pixels as seen: orientation applied, sRGB, 8 bit, no transparency, and no metadata at all."""
    from PIL import Image, ImageOps

    try:
        with open_safely(quelle) as im:
            im.load()
            im = ImageOps.exif_transpose(im)
            rgb = _nach_srgb(im)
    except PhotoError:
        raise
    except Exception:  # truncated data and similar surface only while decoding
        raise PhotoError(LESEFEHLER) from None
    sauber = Image.new("RGB", rgb.size)  # a fresh image carries no info, EXIF, XMP or ICC
    sauber.paste(rgb)
    return sauber


@cache
def _srgb():
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _nach_srgb(im: Image.Image) -> Image.Image:
    from PIL import Image, ImageCms

    if im.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):  # 16-bit grey: scale, do not clip
        im = im.convert("I").point(lambda v: v / 256).convert("L")
    elif im.mode == "F":
        im = im.convert("L")
    if im.mode in ("P", "PA", "LA", "La", "RGBa"):  # palettes may hide transparency: go through RGBA
        im = im.convert("RGBA")
    alpha = im.getchannel("A") if im.mode == "RGBA" else None
    if alpha is not None:
        im = im.convert("RGB")
    icc = im.info.get("icc_profile")
    if icc:
        try:
            im = ImageCms.profileToProfile(im, ImageCms.ImageCmsProfile(io.BytesIO(icc)), _srgb(),
                                           renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            im = im.convert("RGB")  # a broken or mismatched profile: take the numbers as they are
    else:
        im = im.convert("RGB")  # CMYK without profile, L, YCbCr: Pillow's conversion
    if alpha is not None:
        flach = Image.new("RGB", im.size, HINTERGRUND)
        flach.paste(im, mask=alpha)
        im = flach
    return im


@lru_cache(maxsize=2)  # the produce step asks once per derivative: one decode serves them all
def encode(auftrag: Auftrag) -> dict[str, bytes]:
    """Encode every derivative of ``auftrag``: site path → bytes."""
    from PIL import Image

    im = normalize(auftrag.quelle)
    aus = {}
    for v in auftrag.varianten:
        klein = im.resize((v.breite, v.hoehe), Image.Resampling.LANCZOS, box=auftrag.box, reducing_gap=3.0)
        puffer = io.BytesIO()
        if v.format == "webp":
            klein.save(puffer, "WEBP", **WEBP)
        else:
            klein.save(puffer, "JPEG", **JPEG)
        aus[v.pfad] = puffer.getvalue()
    return aus
