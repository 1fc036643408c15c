"""What a form to download may contain: text, pictures, fillable fields and ordinary links; nothing that runs,
fetches or sends by itself.

A PDF is refused for JavaScript, actions that start on their own (an ``/OpenAction`` other than "show this
page", ``/AA``), ``/Launch``, ``/SubmitForm``, ``/ImportData``, ``/GoToR``/``/GoToE``, links to anything but
http(s), mailto and tel, XFA forms, and embedded files. Every object of the file is looked at, also those no
page uses: pypdf reads them, and a viewer that repairs a file might find them too.

A DOCX or ODT is refused for macros and scripts (also as event listeners and macro links), external
references (a linked template, picture, frame, section or sub-document, DDE and INCLUDE fields) and
embedded objects (OLE, ActiveX, other documents). XML is read with defusedxml: no DTD, no entities, so a
hostile document cannot make the parser fetch or expand anything.

pypdf and defusedxml are imported only when a form is judged anew (befunde.py keeps the verdicts).
"""
from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from typing import Any

# What each finding is called in the message, in the order they are listed.
FUNDE = {
    "javascript": "JavaScript (Programmcode)",
    "makros": "Makros oder Skripte (Programmcode)",
    "xfa": "ein XFA-Formular, das Programmcode enthalten kann",
    "beim_oeffnen": "eine Aktion, die beim Öffnen von selbst startet",
    "automatisch": "Aktionen, die von selbst starten, z. B. beim Ausfüllen eines Feldes",
    "programm": "einen Befehl, der ein anderes Programm startet",
    "senden": "eine Aktion, die Eingaben an einen Server sendet",
    "einlesen": "eine Aktion, die Daten aus einer anderen Datei einliest",
    "verweis": "Verweise auf andere Dateien oder Server, z. B. eine verknüpfte Vorlage oder ein verknüpftes Bild",
    "anhang": "eingebettete Dateien (Anhänge oder Multimedia)",
    "objekt": "eingebettete Objekte (OLE-Objekte, ActiveX-Steuerelemente oder andere Dokumente)",
}

LINK_SCHEMES = ("http", "https", "mailto", "tel")  # what a link in a form may open
_SKRIPT_LINK = re.compile(r"\s*(javascript|vbscript):", re.IGNORECASE)
_MAKRO_LINK = re.compile(r"\s*(vnd\.sun\.star\.script|macro|javascript|vbscript|basic):", re.IGNORECASE)
MAX_PDF_OBJEKTE = 500_000  # a 10-MB form has a few thousand; millions of tiny objects only cost time


def meldung(funde: set[str], wie: str) -> str | None:
    """»enthält A, B und C. <wie>« for what was found, or None."""
    namen = [text for key, text in FUNDE.items() if key in funde]
    if not namen:
        return None
    aufzaehlung = namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " und " + namen[-1]
    return f"enthält {aufzaehlung}. {wie}"


def link_erlaubt(ziel: str) -> bool:
    """A link to a web page, an e-mail address, a phone number or a place in the same document."""
    ziel = ziel.strip()
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", ziel)
    return ziel.startswith("#") or (scheme is not None and scheme.group(1).lower() in LINK_SCHEMES)


# --- PDF ------------------------------------------------------------------------------------------

_AKTIONEN = {"/JavaScript": "javascript", "/Launch": "programm", "/SubmitForm": "senden", "/ImportData": "einlesen",
             "/GoToR": "verweis", "/GoToE": "verweis", "/RichMediaExecute": "anhang"}
_SCHLUESSEL = {"/JS": "javascript", "/JavaScript": "javascript", "/AA": "automatisch", "/XFA": "xfa",
               "/EmbeddedFiles": "anhang", "/EF": "anhang"}
_ARTEN = {"/FileAttachment": "anhang", "/RichMedia": "anhang", "/EmbeddedFile": "anhang"}


def pdf_funde(reader: Any) -> set[str]:
    """What of FUNDE the PDF opened by pypdf's ``reader`` (decrypted, if it was) contains."""
    from pypdf.generic import IndirectObject

    nummern = [(nr, gen) for gen, eintraege in reader.xref.items() for nr in eintraege]
    nummern += [(nr, 0) for nr in reader.xref_objStm]
    if len(nummern) > MAX_PDF_OBJEKTE:
        raise ValueError("zu viele Objekte")
    funde: set[str] = set()
    _pdf_pruefen(reader.trailer, funde)
    for nr, gen in nummern:
        _pdf_pruefen(reader.get_object(IndirectObject(nr, gen, reader)), funde)
    return funde


def _pdf_pruefen(wurzel: Any, funde: set[str]) -> None:
    """Look at one object and the dictionaries and arrays written inside it (references are objects of their own)."""
    from pypdf.generic import ArrayObject, DictionaryObject

    offen = [wurzel]
    while offen:
        obj = offen.pop()
        if isinstance(obj, DictionaryObject):  # streams are dictionaries too
            _pdf_woerterbuch(obj, funde)
            werte = dict.values(obj)  # as written: references stay references
        elif isinstance(obj, ArrayObject):
            werte = list.__iter__(obj)
        else:
            continue
        offen.extend(w for w in werte if isinstance(w, DictionaryObject | ArrayObject))


def _pdf_woerterbuch(d: Any, funde: set[str]) -> None:
    keys = set(dict.keys(d))
    funde.update(_SCHLUESSEL[k] for k in keys & _SCHLUESSEL.keys())
    aktion = _name(d, "/S")
    if aktion in _AKTIONEN:
        funde.add(_AKTIONEN[aktion])
    funde.update(_ARTEN[art] for art in (_name(d, "/Subtype"), _name(d, "/Type")) if art in _ARTEN)
    if aktion == "/URI":
        ziel = str(_aufgeloest(dict.get(d, "/URI")) or "")
        if _SKRIPT_LINK.match(ziel):
            funde.add("javascript")
        elif not link_erlaubt(ziel):
            funde.add("verweis")
    if "/OpenAction" in keys and not _nur_eine_seite(_aufgeloest(dict.get(d, "/OpenAction"))):
        funde.add("beim_oeffnen")


def _nur_eine_seite(aktion: Any) -> bool:
    """An /OpenAction that only says which page to show (LibreOffice writes one into every PDF)."""
    from pypdf.generic import DictionaryObject

    if not isinstance(aktion, DictionaryObject):
        return True  # a destination: an array of page and view, or a name
    return dict.get(aktion, "/S") == "/GoTo" and "/Next" not in aktion


def _name(d: Any, key: str) -> str | None:
    """A name such as /Launch under ``key``, also when it is written as a reference to it."""
    wert = _aufgeloest(dict.get(d, key))
    return str(wert) if isinstance(wert, str) else None


def _aufgeloest(wert: Any) -> Any:
    return wert.get_object() if hasattr(wert, "get_object") else wert


# --- DOCX and ODT -------------------------------------------------------------------------------

def office_funde(z: zipfile.ZipFile, kind: str) -> set[str]:
    """What of FUNDE the ODT or DOCX in ``z`` contains (its size is checked: every member may be read)."""
    funde: set[str] = set()
    for info in z.infolist():
        name = info.filename
        funde.update(_docx_teil(name) if kind == "docx" else _odt_teil(name))
        if name.endswith((".xml", ".rels")):
            with z.open(info) as stream:
                funde.update(_docx_xml(stream) if kind == "docx" else _odt_xml(stream))
    return funde


def _docx_teil(name: str) -> Iterator[str]:
    if name.lower().endswith(("vbaproject.bin", "vbadata.xml")):
        yield "makros"
    if "/embeddings/" in name or "/activeX/" in name:
        yield "objekt"


def _odt_teil(name: str) -> Iterator[str]:
    if name.startswith(("Basic/", "Scripts/")):
        yield "makros"


def _elemente(stream) -> Iterator[tuple[str, Any]]:
    """(local name, element) of every element, each complete with its text; then it is emptied to save memory."""
    from defusedxml.ElementTree import iterparse

    for _, el in iterparse(stream, events=("end",), forbid_dtd=True):
        yield el.tag.rpartition("}")[2], el
        el.clear()


def _lokal(attrib: dict[str, str], name: str) -> str | None:
    """An attribute by its local name, whatever its namespace."""
    return next((v for k, v in attrib.items() if k.rpartition("}")[2] == name), None)


# Word: relationship types (the last part of the type URI, transitional or strict) and field names.
_REL_MAKROS = {"vbaProject", "wordVbaData", "keyMapCustomizations"}
_REL_OBJEKT = {"oleObject", "package", "control", "activeXControl", "activeXControlBinary", "aFChunk"}
_REL_VERWEIS = {"attachedTemplate", "subDocument", "frame", "externalLinkPath"}
_FELD_VERWEIS = {"DDE", "DDEAUTO", "INCLUDE", "INCLUDETEXT", "INCLUDEPICTURE", "LINK", "IMPORT"}
_FELD_MAKROS = {"MACROBUTTON"}
_WORD_OBJEKT = {"altChunk", "object", "OLEObject", "control"}


def _docx_xml(stream) -> Iterator[str]:
    felder: list[list[str]] = []  # field instructions being read, innermost last
    for name, el in _elemente(stream):
        if name == "Relationship":
            yield from _beziehung(el.attrib)
        elif name in ("Default", "Override"):
            art = (el.get("ContentType") or "").lower()
            if "macroenabled" in art or "vba" in art:
                yield "makros"
            elif "oleobject" in art or "activex" in art:
                yield "objekt"
        elif name in _WORD_OBJEKT:
            yield "objekt"
        elif name == "subDoc":
            yield "verweis"
        elif name == "fldSimple":
            yield from _feld(_lokal(el.attrib, "instr") or "")
        elif name == "fldChar":
            art = _lokal(el.attrib, "fldCharType")
            if art == "begin":
                if felder and not "".join(felder[-1]).strip():
                    yield "verweis"  # a field whose name is made by another field: a way to hide DDE
                felder.append([])
            elif art in ("separate", "end") and felder:
                yield from _feld("".join(felder[-1]))
                if art == "end":
                    felder.pop()
        elif name == "instrText" and felder:
            felder[-1].append(el.text or "")


def _beziehung(attrib: dict[str, str]) -> Iterator[str]:
    art = (attrib.get("Type") or "").rstrip("/").rpartition("/")[2]
    extern = (attrib.get("TargetMode") or "").lower() == "external"
    if art in _REL_MAKROS:
        yield "makros"
    elif art in _REL_OBJEKT:
        yield "objekt"
    elif art in _REL_VERWEIS or (extern and art != "hyperlink"):
        yield "verweis"
    elif extern and not link_erlaubt(attrib.get("Target") or ""):
        yield "verweis"


def _feld(anweisung: str) -> Iterator[str]:
    name = anweisung.strip().split(maxsplit=1)[0].strip('"').upper() if anweisung.strip() else ""
    if name in _FELD_VERWEIS:
        yield "verweis"
    elif name in _FELD_MAKROS:
        yield "makros"


# OpenDocument: elements by local name. Scripts and listeners, not their lists: LibreOffice writes those empty.
_ODT_ELEMENTE = {
    **dict.fromkeys(("script", "event-listener", "execute-macro"), "makros"),
    **dict.fromkeys(("object", "object-ole", "applet", "plugin"), "objekt"),
    **dict.fromkeys(("floating-frame", "section-source", "dde-source", "dde-connection-decl", "dde-link",
                     "dde-connection"), "verweis"),
}


def _odt_xml(stream) -> Iterator[str]:
    for name, el in _elemente(stream):
        art = _ODT_ELEMENTE.get(name)
        if name == "file-entry" and "oleobject" in (_lokal(el.attrib, "media-type") or "").lower():
            art = "objekt"
        ziel = _lokal(el.attrib, "href")
        if art is not None:
            yield art  # what it refers to belongs to it
        elif ziel is not None:
            yield from _odt_ziel(name, ziel)


def _odt_ziel(name: str, ziel: str) -> Iterator[str]:
    """A link in the text may open a web page, an address or a place in the document; anything else
    (a picture, a frame, a form's target) must be part of the document itself."""
    if _MAKRO_LINK.match(ziel):
        yield "makros"
    elif not (link_erlaubt(ziel) if name == "a" else _im_dokument(ziel)):
        yield "verweis"


def _im_dokument(ziel: str) -> bool:
    """A reference to a part of the document itself, e.g. »Pictures/1.png« or »./Object 1«."""
    ziel = ziel.strip()
    return not (re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", ziel) or ziel.startswith(("/", "\\", "../")) or "/../" in ziel)
