"""What a form to download is, by its bytes rather than its name: a PDF, ODT or DOCX that opens, of a sane
size, without what documents.py refuses; and the date it carries itself.

pypdf is imported by the checks that need them: verdicts on unchanged files come from
befunde.json, and a build that judges nothing anew need not load them.
"""
from __future__ import annotations

import datetime
import logging
import math
import re
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from schulerfolg.data.fields import endung

from . import documents

MAX_DOCUMENT_BYTES = 10_000_000
MAX_UNPACKED_BYTES = 200_000_000  # an ODT/DOCX that unpacks to more is a zip bomb, not a form
MAX_ZIP_ENTRIES = 5_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc, and any password-protected Word file

DOCUMENT_KINDS = {"pdf": "PDF", "odt": "ODT", "docx": "DOCX"}


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


def dateigroesse(size: int) -> str:
    """A file size as German readers expect it in a link text: »182 KB«, »1,3 MB« (1 KB = 1000 Byte).

    Rounded up, so that a download is never larger than announced.
    """
    from babel.numbers import format_decimal

    if size < 1_000_000:
        return f"{format_decimal(max(1, math.ceil(size / 1000)), locale='de_DE')}\u00a0KB"
    return f"{format_decimal(math.ceil(size / 100_000) / 10, format='#,##0.0', locale='de_DE')}\u00a0MB"


def document_problem(path: Path) -> str | None:
    """Why ``path`` is no usable form (PDF, ODT, DOCX), or None."""
    size = path.stat().st_size
    if size == 0:
        return "ist leer. Laden Sie das Formular erneut hoch."
    if size > MAX_DOCUMENT_BYTES:
        return (f"ist mit {dateigroesse(size)} zu groß (höchstens {dateigroesse(MAX_DOCUMENT_BYTES)}). "
                "Verkleinern Sie sie, z. B. indem Sie Bilder entfernen oder das PDF ohne eingebettete Fotos speichern.")
    kind = document_kind(path)
    if kind is None:
        with path.open("rb") as f:
            if f.read(8) == OLE_MAGIC:
                return ("ist ein altes Word-Dokument (.doc) oder mit einem Passwort geschützt. Speichern Sie das "
                        "Formular ohne Passwort als PDF, ODT oder DOCX.")
        return "ist kein PDF-, ODT- oder DOCX-Dokument. Speichern Sie das Formular in einem dieser Formate."
    suffix = endung(path.name)
    if suffix != kind:
        return f"ist dem Inhalt nach ein {DOCUMENT_KINDS[kind]}-Dokument, endet aber auf ».{suffix}«. Benennen Sie die Datei passend um."
    if kind == "pdf":
        return _pdf_problem(path)
    return _zip_problem(path, kind)


def _pdf_problem(path: Path) -> str | None:
    from pypdf import PasswordType, PdfReader  # only needed when there are forms

    try:
        with _pypdf_still():
            reader = PdfReader(path, strict=False)
            if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                return PASSWORT
            if len(reader.pages) > 0:
                return documents.meldung(documents.pdf_funde(reader), PDF_OHNE)
    except Exception:  # pypdf has many error kinds for broken files
        pass
    return "ist ein beschädigtes PDF, das sich nicht öffnen lässt. Speichern Sie es neu."


@contextmanager
def _pypdf_still() -> Iterator[None]:
    """pypdf tells of repairs by warnings and log lines (»EOF marker not found«): the check speaks for itself."""
    logger = logging.getLogger("pypdf")
    vorher = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(vorher)


PDF_OHNE = "Speichern Sie das Formular ohne diese Teile neu, z. B. mit »Exportieren als PDF« im Textprogramm."
PASSWORT = "ist mit einem Passwort geschützt und lässt sich so nicht öffnen. Speichern Sie das Formular ohne Passwort."


def _zip_problem(path: Path, kind: str) -> str | None:
    """An ODT or DOCX that opens, unpacks to a sane size, has no password, and nothing of documents.FUNDE."""
    broken = "ist beschädigt und lässt sich nicht öffnen. Speichern Sie das Formular neu."
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_ZIP_ENTRIES or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
                return broken  # checked before unpacking anything: a zip bomb must not cost time
            if kind == "odt" and b"encryption-data" in _member(z, "META-INF/manifest.xml"):
                return PASSWORT
            if z.testzip() is not None:
                return broken
            funde = documents.office_funde(z, kind)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError, SyntaxError):
        return broken  # ValueError: defusedxml refused a DTD or entity; SyntaxError: ElementTree's ParseError
    return documents.meldung(funde, f"Speichern Sie das Formular ohne diese Teile als normales "
                                    f"{DOCUMENT_KINDS[kind]}-Dokument.")


def _member(z: zipfile.ZipFile, name: str, limit: int = 1_000_000) -> bytes:
    """A small member of the archive, or b"" when it is missing or suspiciously large."""
    try:
        info = z.getinfo(name)
    except KeyError:
        return b""
    return z.read(info) if info.file_size <= limit else b""


def pdf_page_count(path: Path) -> int | None:
    """How many pages a PDF has, for its link (»PDF, 2 Seiten, 48 KB«); None for other formats or a PDF
    that does not say. Counted by pypdf, so a file the check accepted gives the number its viewer shows."""
    if document_kind(path) != "pdf":
        return None
    from pypdf import PdfReader

    try:
        with _pypdf_still():
            reader = PdfReader(path, strict=False)
            if reader.is_encrypted:
                reader.decrypt("")  # only an owner password: it opens for everyone (the check refuses others)
            return len(reader.pages) or None
    except Exception:  # the check reports broken files; a link simply leaves the count out
        return None


# Where each format records when the document was last changed.
_DATE_FIELDS = {
    "odt": ("meta.xml", (b"dc:date", b"meta:creation-date")),
    "docx": ("docProps/core.xml", (b"dcterms:modified", b"dcterms:created")),
}


def document_date_iso(path: Path) -> str | None:
    """``document_date`` as ISO text, the form in which findings are kept (befunde.py)."""
    tag = document_date(path)
    return tag.isoformat() if tag else None


def document_date(path: Path) -> datetime.date | None:
    """When the document says it was last changed (its own metadata), or None.

    Read from the bytes, not from the file system or git: a checkout or an unpacked
    archive sets every file's mtime to the day of copying.
    """
    try:
        kind = document_kind(path)
        if kind == "pdf":
            from pypdf import PdfReader

            with _pypdf_still():
                meta = PdfReader(path, strict=False).metadata
            when = meta and (meta.modification_date or meta.creation_date)
            return when.date() if when else None
        if kind in _DATE_FIELDS:
            member, tags = _DATE_FIELDS[kind]
            with zipfile.ZipFile(path) as z:
                xml = _member(z, member)
            for tag in tags:
                m = re.search(rb"<" + re.escape(tag) + rb"[^>]*>\s*(\d{4}-\d{2}-\d{2})", xml)
                if m:
                    return datetime.date.fromisoformat(m.group(1).decode())
    except Exception:  # metadata are a convenience: a file without readable ones simply has no date
        return None
    return None


