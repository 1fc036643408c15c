"""What a photo is, by its content: an image Pillow can read, of an allowed kind and sane size, and how big it
shows once its EXIF orientation is applied. One guard against decompression bombs serves the check and the
encoding of the published copies (media.images)."""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from schulerfolg.data.fields import endung

if TYPE_CHECKING:
    from PIL import Image

MAX_PIXELS = 40_000_000  # a 40-megapixel photo is plenty; more smells of a decompression bomb
IMAGE_KINDS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
IMAGE_ENDINGS = {"JPEG": ("jpg", "jpeg"), "PNG": ("png",), "WEBP": ("webp",)}  # Pillow's format → file endings


class PhotoError(Exception):
    """A photo that cannot be used; the message is German and ends the sentence »Die Datei … «."""


def image_problem(path: Path) -> str | None:
    """Why ``path`` is no usable photo, or None."""
    try:
        with open_safely(path) as im:
            fmt = im.format
            if fmt not in IMAGE_KINDS:
                return f"ist ein Bild im Format {fmt}; erlaubt sind JPEG, PNG und WebP."
            if endung(path.name) not in IMAGE_ENDINGS[fmt]:
                return (f"ist dem Inhalt nach ein {IMAGE_KINDS[fmt]}-Bild, endet aber auf »{path.suffix}«. "
                        f"Benennen Sie die Datei in »{path.stem}.{IMAGE_ENDINGS[fmt][0]}« um.")
            if fmt == "JPEG":  # decode at 1/8 size: every byte is still read, so damage still shows, at half the cost
                im.draft(None, (max(1, im.width // 8), max(1, im.height // 8)))
            im.load()
    except PhotoError as fehler:
        return str(fehler)
    except Exception:  # Pillow raises many kinds for broken files: all mean "no usable image"
        return LESEFEHLER
    return None


def oriented_size(quelle: Path) -> tuple[int, int]:
    """Size as displayed: EXIF orientations 5–8 swap width and height."""
    try:
        with open_safely(quelle) as im:
            w, h = im.size
            orientierung = im.getexif().get(0x0112, 1)
    except PhotoError:
        raise
    except Exception:  # Pillow has many error kinds for broken files
        raise PhotoError(LESEFEHLER) from None
    return (h, w) if orientierung in (5, 6, 7, 8) else (w, h)


LESEFEHLER = "ist kein lesbares Bild (JPEG, PNG oder WebP) oder ist beschädigt. Speichern Sie das Foto neu."


def open_safely(quelle: Path) -> Image.Image:
    """Open refusing decompression bombs before any pixel is decoded."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(quelle)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError(f"ist viel zu groß (mehr als {MAX_PIXELS // 1_000_000} Megapixel). Verkleinern Sie das Foto.") from None
    except Exception:  # Pillow raises many kinds for files that are no image
        raise PhotoError(LESEFEHLER) from None
    if im.width * im.height > MAX_PIXELS:
        im.close()
        raise PhotoError(f"ist mit {im.width}×{im.height} Pixeln zu groß (höchstens "
                         f"{MAX_PIXELS // 1_000_000} Megapixel). Verkleinern Sie das Foto.")
    return im


