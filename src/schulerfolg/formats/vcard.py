"""Business cards (vCard 4.0, RFC 6350) so that parents can save a social worker on their phone.

vobject does the escaping (``\\,`` ``\\;``) and CRLF line ends; we choose the properties and
fold the lines again, because vobject 0.9.9 folds only lines of 75 or more *characters*, so a line
with umlauts or „quotes“ can exceed the 75 octets of RFC 6350 section 3.2.
"""
from __future__ import annotations

import uuid
from pathlib import Path

from schulerfolg import buildcache
from schulerfolg.data import fields
from schulerfolg.data.daten import Daten
from schulerfolg.data.fields import tel_uri
from schulerfolg.data.models import Fachkraft
from schulerfolg.data.sprechzeiten import als_text

# Stable UID per person, so that saving the card again updates the contact instead of duplicating it.
_UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "schulerfolg.dessau-rosslau.de")
PRODID = "-//Stadt Dessau-Roßlau//Netzwerkstelle Schulerfolg//DE"


def vcard(fachkraft: Fachkraft, daten: Daten) -> bytes:
    """The card of one social worker, UTF-8 encoded."""
    import vobject  # only when a card is (re)made: cards come from the cache, and vobject takes 50 ms to import

    schulen = [daten.schule[sid] for sid in fachkraft.schulen]
    traeger = daten.traeger_von[fachkraft.traeger]
    card = vobject.vCard()
    card.add("version").value = "4.0"
    card.add("prodid").value = PRODID
    card.add("uid").value = f"urn:uuid:{uuid.uuid5(_UID_NAMESPACE, 'fachkraft/' + fachkraft.id)}"
    card.add("kind").value = "individual"
    card.add("fn").value = fachkraft.name
    given, _, family = fachkraft.name.rpartition(" ")  # N is only a sorting aid for phones; FN stays authoritative
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    card.add("org").value = [traeger.name]
    card.add("title").value = "Schulsozialarbeit"
    email = card.add("email")
    email.value = fachkraft.email
    email.params["TYPE"] = ["work"]
    if fachkraft.telefon:
        tel = card.add("tel")
        tel.value = tel_uri(fachkraft.telefon)
        tel.params["VALUE"] = ["uri"]
        tel.params["TYPE"] = ["work", "voice"]
    for rank, code in enumerate(fachkraft.sprachen, start=1):
        lang = card.add("lang")
        lang.value = code
        lang.params["PREF"] = [str(rank)]
    adresse = next((s.adresse for s in schulen if s.adresse), None)
    if adresse:
        adr = card.add("adr")
        adr.value = vobject.vcard.Address(street=adresse.strasse, city=adresse.ort, code=adresse.plz,
                                          country="Deutschland")
        adr.params["TYPE"] = ["work"]
    note = "Schulsozialarbeit an: " + ", ".join(s.name for s in schulen) + "."
    if fachkraft.sprechzeiten:
        note += f" Sprechzeiten: {als_text(fachkraft.sprechzeiten)}"
    card.add("note").value = note
    return fold(card.serialize())


def vcard_key(fachkraft: Fachkraft, daten: Daten) -> tuple[str, ...]:
    """What decides the bytes of a card: the person's, carrier's and schools' data and the code that writes
    cards. Unchanged, the card comes from the build cache: vobject needs about a millisecond per card, a second
    per build at a thousand people."""
    return (_CODE, fachkraft.model_dump_json(), daten.traeger_von[fachkraft.traeger].model_dump_json(),
            *(daten.schule[sid].model_dump_json() for sid in fachkraft.schulen))


# Everything besides the data that decides a card's bytes: this module, the phone formatting, vobject.
_CODE = buildcache.fingerprint(Path(__file__), Path(fields.__file__), bibliotheken=["vobject"])


def fold(serialized: str, limit: int = 75) -> bytes:
    """Each content line in pieces of at most ``limit`` octets, never splitting a UTF-8 character."""
    lines = []
    for line in serialized.replace("\r\n ", "").split("\r\n"):  # unfold first
        if not line:
            continue
        if len(line.encode("utf-8")) <= limit:  # most lines: nothing to fold, no need to walk the characters
            lines.append(line)
            continue
        pieces, piece, size = [], "", 0
        for ch in line:
            n = len(ch.encode("utf-8"))
            if size + n > limit:
                pieces.append(piece)
                piece, size = "", 1  # a continuation line starts with one space
            piece += ch
            size += n
        pieces.append(piece)
        lines.append("\r\n ".join(pieces))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
