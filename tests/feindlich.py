"""Hostile files, made by the tests from the sample files or from scratch: no opaque binaries in the repository.

- PDFs written with pypdf, or byte by byte (``roh_pdf``) for syntax pypdf would not write;
- DOCX and ODT as the sample forms with parts added or replaced (``zip_mit``);
- the sample MP4 with location, author and XMP planted (``mp4_mit_metadaten``);
- a small WebM with title, track name, tags and an attachment (``webm``).
"""
from __future__ import annotations

import datetime
import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

# --- PDF ------------------------------------------------------------------------------------------


def pdf(aendern: Callable[[PdfWriter], None] | None = None) -> bytes:
    """A one-page PDF; ``aendern`` adds to it before it is written."""
    w = PdfWriter()
    w.add_blank_page(width=200, height=200)
    if aendern:
        aendern(w)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def name(text: str) -> NameObject:
    return NameObject(text)


def woerterbuch(**eintraege) -> DictionaryObject:
    """A PDF dictionary: ``S="/Launch"`` → ``/S /Launch``; texts that start with »/« are names."""
    d = DictionaryObject()
    for key, wert in eintraege.items():
        if isinstance(wert, str):
            wert = NameObject(wert) if wert.startswith("/") else TextStringObject(wert)
        d[NameObject("/" + key)] = wert
    return d


def aktion(**eintraege) -> DictionaryObject:
    return woerterbuch(Type="/Action", **eintraege)


def mit_link(a: DictionaryObject) -> Callable[[PdfWriter], None]:
    """A link annotation on the page whose action is ``a``."""
    def aendern(w: PdfWriter) -> None:
        link = woerterbuch(Type="/Annot", Subtype="/Link", A=a)
        link[NameObject("/Rect")] = ArrayObject([NumberObject(n) for n in (10, 10, 90, 30)])
        w.pages[0][NameObject("/Annots")] = ArrayObject([w._add_object(link)])
    return aendern


def im_katalog(key: str, wert) -> Callable[[PdfWriter], None]:
    def aendern(w: PdfWriter) -> None:
        w._root_object[NameObject("/" + key)] = wert
    return aendern


def auf_der_seite(key: str, wert) -> Callable[[PdfWriter], None]:
    def aendern(w: PdfWriter) -> None:
        w.pages[0][NameObject("/" + key)] = wert
    return aendern


def textfeld(**extra) -> Callable[[PdfWriter], None]:
    """A fillable text field (AcroForm), with ``extra`` entries such as AA=… on the field."""
    def aendern(w: PdfWriter) -> None:
        feld = woerterbuch(Type="/Annot", Subtype="/Widget", FT="/Tx", T="Name", **extra)
        feld[NameObject("/Rect")] = ArrayObject([NumberObject(n) for n in (10, 10, 190, 40)])
        ref = w._add_object(feld)
        w.pages[0][NameObject("/Annots")] = ArrayObject([ref])
        w._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject([ref])})
    return aendern


def roh_pdf(*objekte: bytes, katalog: bytes = b"<< /Type /Catalog /Pages 2 0 R >>") -> bytes:
    """A PDF written byte by byte: catalog 1, pages 2, page 3, then ``objekte`` as 4, 5, … with a correct xref."""
    alle = [katalog, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>", *objekte]
    out = bytearray(b"%PDF-1.7\n")
    stellen = []
    for nr, obj in enumerate(alle, 1):
        stellen.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (nr, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(alle) + 1)
    out += b"".join(b"%010d 00000 n \n" % s for s in stellen)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(alle) + 1, xref)
    return bytes(out)


# --- DOCX and ODT ---------------------------------------------------------------------------------

def zip_mit(vorlage: Path, teile: dict[str, bytes | Callable[[bytes], bytes]]) -> bytes:
    """The archive ``vorlage`` with parts replaced (a function gets the old bytes) or added."""
    buf = io.BytesIO()
    with zipfile.ZipFile(vorlage) as alt, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as neu:
        for info in alt.infolist():
            daten = alt.read(info)
            ersatz = teile.get(info.filename)
            neu.writestr(info, ersatz(daten) if callable(ersatz) else ersatz if ersatz is not None else daten)
        for teil, daten in teile.items():
            if teil not in alt.namelist():
                neu.writestr(teil, daten if isinstance(daten, bytes) else daten(b""))
    return buf.getvalue()


def einfuegen(vor: bytes, neu: bytes) -> Callable[[bytes], bytes]:
    """Put ``neu`` into an XML part just before the first ``vor``."""
    def aendern(alt: bytes) -> bytes:
        assert vor in alt, vor
        return alt.replace(vor, neu + vor, 1)
    return aendern


REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def beziehung(art: str, ziel: str, extern: bool = True) -> Callable[[bytes], bytes]:
    """A relationship added to word/_rels/document.xml.rels."""
    modus = ' TargetMode="External"' if extern else ""
    return einfuegen(b"</Relationships>",
                     f'<Relationship Id="rIdX" Type="{REL}{art}" Target="{ziel}"{modus}/>'.encode())


def im_text(xml: str) -> Callable[[bytes], bytes]:
    """Word markup added to the body of word/document.xml."""
    return einfuegen(b"</w:body>", xml.encode())


def im_odt_text(xml: str) -> Callable[[bytes], bytes]:
    """ODF markup added to the text of content.xml (namespaces declared where it is put)."""
    ns = ('xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" '
          'xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"')
    return einfuegen(b"</office:text>", f'<text:section text:name="Test" {ns}>{xml}</text:section>'.encode())


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                             for i in range(1, 10))
                  + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                    b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")


# --- MP4 ------------------------------------------------------------------------------------------

GPS = "+51.8330+012.2430/"  # Dessau
AUTOR = "Erika Mustermann"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description exif:GPSLatitude="51,49.98N"/></x:xmpmeta>'
XMP_UUID = bytes.fromhex("BE7ACFCB97A942E89C71999491E3AFAC")


def mp4_mit_metadaten(quelle: Path, ziel: Path) -> None:
    """The sample film with location, author and title (moov/udta, via mutagen), a location box in the
    first track, XMP in a top-level uuid box and a creation time in mvhd."""
    from mutagen.mp4 import MP4

    ziel.write_bytes(quelle.read_bytes())
    film = MP4(ziel)
    film["©xyz"] = [GPS]
    film["©ART"] = [AUTOR]
    film["©nam"] = ["Aufnahme im Garten von Erika Mustermann"]
    film.save()
    ort = _box(b"\xa9xyz", struct.pack(">HH", len(GPS), 0x15C7) + GPS.encode())  # QuickTime text: length, language
    daten = bytearray(_in_erste_spur(ziel.read_bytes(), _box(b"udta", ort)))
    mvhd = daten.index(b"mvhd")
    daten[mvhd + 8:mvhd + 16] = struct.pack(">II", 3_800_000_000, 3_800_000_000)  # seconds since 1904: 2024
    daten += _box(b"uuid", XMP_UUID + XMP)
    ziel.write_bytes(bytes(daten))


def _box(art: bytes, inhalt: bytes) -> bytes:
    return struct.pack(">I", 8 + len(inhalt)) + art + inhalt


def _in_erste_spur(daten: bytes, box: bytes) -> bytes:
    """``box`` appended inside the first trak; moov and trak grow, the chunk offsets behind them move along."""
    from mutagen.mp4 import Atoms

    atoms = Atoms(io.BytesIO(daten))
    moov = atoms[b"moov"]
    trak = moov[b"trak", ]
    mdat = atoms[b"mdat"]
    assert moov.offset < mdat.offset, "the sample film is »faststart«: moov before mdat"
    out = bytearray(daten[:trak.offset + trak.length] + box + daten[trak.offset + trak.length:])
    for atom in (moov, trak):
        struct.pack_into(">I", out, atom.offset, atom.length + len(box))
    for spur in moov.findall(b"trak"):
        stco = spur[b"mdia", b"minf", b"stbl", b"stco"]
        start = stco.offset + (len(box) if stco.offset >= trak.offset + trak.length else 0)
        anzahl = struct.unpack_from(">I", out, start + 12)[0]
        for i in range(anzahl):
            stelle = start + 16 + 4 * i
            struct.pack_into(">I", out, stelle, struct.unpack_from(">I", out, stelle)[0] + len(box))
    return bytes(out)


# --- WebM -----------------------------------------------------------------------------------------

TITEL = "Sommerfest bei Familie Mustermann"
SPURNAME = "Kamera von Erika Mustermann"


def webm(spurart: int = 1) -> bytes:
    """A small WebM whose metadata tell where, when and by whom: title, writing program, date, a track name,
    tags with a location, an attachment, and a seek entry pointing to the tags. One cluster with one frame."""
    import ebmlite

    schema = ebmlite.loadSchema("matroska.xml")
    segment = {
        "SeekHead": {"Seek": {"SeekID": (0x1254C367).to_bytes(4, "big"), "SeekPosition": 1}},
        "Info": {"TimecodeScale": 1_000_000, "Title": TITEL, "MuxingApp": "Muxer 1.0", "WritingApp": "Handy-App 2.3",
                 "DateUTC": datetime.datetime(2024, 7, 6, 14, 30), "Duration": 40.0},
        "Tracks": {"TrackEntry": {"TrackNumber": 1, "TrackUID": 1, "TrackType": spurart, "CodecID": "V_VP8",
                                  "Name": SPURNAME}},
        "Tags": {"Tag": {"SimpleTag": {"TagName": "LOCATION", "TagString": GPS}}},
        "Attachments": {"AttachedFile": {"FileName": "ausweis.jpg", "FileMimeType": "image/jpeg",
                                         "FileData": b"\xff\xd8geheim", "FileUID": 7}},
        "Cluster": {"Timecode": 0, "SimpleBlock": b"\x81\x00\x00\x80" + bytes(range(40))},
    }
    kopf = {"EBMLVersion": 1, "EBMLReadVersion": 1, "DocType": "webm", "DocTypeVersion": 4, "DocTypeReadVersion": 2}
    return bytes(schema.document.encodePayload([("EBML", kopf), ("Segment", segment)]))
