"""What a referenced file really is, judged by its bytes rather than its name."""
from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

from PIL import Image

MAX_PIXELS = 40_000_000  # a 40-megapixel photo is plenty; more smells of a decompression bomb
MAX_DOCUMENT_BYTES = 10_000_000

DOCUMENT_KINDS = {"pdf": "PDF", "odt": "ODT", "docx": "DOCX"}
IMAGE_KINDS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}


def image_problem(path: Path) -> str | None:
    """Why ``path`` is no usable photo, or None."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                fmt = im.format
                if fmt not in IMAGE_KINDS:
                    return f"ist ein Bild im Format {fmt}; erlaubt sind JPEG, PNG und WebP."
                if im.width * im.height > MAX_PIXELS:
                    return (f"ist mit {im.width}×{im.height} Pixeln zu groß (höchstens "
                            f"{MAX_PIXELS // 1_000_000} Megapixel). Verkleinern Sie das Foto.")
                im.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return "ist viel zu groß (mehr als 40 Megapixel). Verkleinern Sie das Foto."
    except Exception:  # Pillow raises many kinds for broken files: all mean "no usable image"
        return "ist kein lesbares Bild (JPEG, PNG oder WebP) oder ist beschädigt. Speichern Sie das Foto neu."
    return None


def document_kind(path: Path) -> str | None:
    """'pdf', 'odt' or 'docx' by content, or None when it is none of them."""
    with path.open("rb") as f:
        head = f.read(8)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
                if "mimetype" in names and z.read("mimetype").strip() == b"application/vnd.oasis.opendocument.text":
                    return "odt"
                if "[Content_Types].xml" in names and "word/document.xml" in names:
                    return "docx"
        except (zipfile.BadZipFile, OSError, KeyError):
            return None
    return None


def document_problem(path: Path) -> str | None:
    """Why ``path`` is no usable form (PDF, ODT, DOCX), or None."""
    size = path.stat().st_size
    if size == 0:
        return "ist leer. Laden Sie das Formular erneut hoch."
    if size > MAX_DOCUMENT_BYTES:
        return f"ist mit {size // 1_000_000} MB zu groß (höchstens {MAX_DOCUMENT_BYTES // 1_000_000} MB)."
    kind = document_kind(path)
    if kind is None:
        return "ist kein PDF-, ODT- oder DOCX-Dokument. Speichern Sie das Formular in einem dieser Formate."
    suffix = path.suffix.lower().lstrip(".")
    if suffix != kind:
        return f"ist dem Inhalt nach ein {DOCUMENT_KINDS[kind]}-Dokument, endet aber auf ».{suffix}«. Benennen Sie die Datei passend um."
    if kind == "pdf" and not _pdf_readable(path):
        return "ist ein beschädigtes PDF, das sich nicht öffnen lässt. Speichern Sie es neu."
    if kind != "pdf" and not _zip_intact(path):
        return "ist beschädigt und lässt sich nicht öffnen. Speichern Sie das Formular neu."
    return None


def _pdf_readable(path: Path) -> bool:
    from pypdf import PdfReader  # only needed when there are forms

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return len(PdfReader(path, strict=False).pages) > 0
    except Exception:  # pypdf has many error kinds for broken files
        return False


def _zip_intact(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            return z.testzip() is None
    except (zipfile.BadZipFile, OSError):
        return False
