"""vCards (RFC 6350, version 4.0): what a phone needs to save a social worker, correctly encoded."""
from __future__ import annotations

import vobject

from schulerfolg.data.models import Sprechzeiten
from schulerfolg.formats.vcard import vcard


def person(daten, ident: str, **changes):
    f = next(f for f in daten.fachkraefte if f.id == ident)
    return f.model_copy(update=changes)


def physical_lines(raw: bytes) -> list[bytes]:
    assert raw.endswith(b"\r\n")
    lines = raw[:-2].split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in lines), "bare LF or CR inside the card"
    return lines


def test_every_card_is_version_4_utf8_crlf_and_folded(daten):
    for f in daten.fachkraefte:
        raw = vcard(f, daten)
        raw.decode("utf-8")  # raises if not UTF-8
        lines = physical_lines(raw)
        assert lines[0] == b"BEGIN:VCARD" and lines[1] == b"VERSION:4.0" and lines[-1] == b"END:VCARD"
        assert all(len(line) <= 75 for line in lines), f"{f.id}: line longer than 75 octets"


def test_card_parses_back_to_the_data(daten):
    f = person(daten, "anna-musterfrau")
    card = vobject.readOne(vcard(f, daten).decode("utf-8"))
    assert card.fn.value == "Anna Musterfrau"
    assert card.n.value.family == "Musterfrau" and card.n.value.given == "Anna"
    assert card.email.value == f.email and card.email.params["TYPE"] == ["work"]
    assert card.tel.value == "tel:+493402041234" and card.tel.params["VALUE"] == ["uri"]
    assert card.org.value == ["KIEZ e.V."]
    assert [lang.value for lang in card.lang_list] == ["de", "en"]
    assert card.adr.value.street == "Elballee 24" and card.adr.value.code == "06846"
    assert "Grundschule Ziebigk" in card.note.value
    assert "Sprechzeiten: Mo–Do 07:30–13:30 Uhr, Raum 012 im Erdgeschoss" in card.note.value


def test_commas_semicolons_and_long_umlaut_text_survive(daten):
    f = person(daten, "ben-beispiel", name="Jörg Müller-Lüdenscheidt",
               sprechzeiten=Sprechzeiten(hinweis="Mo, Di; Mi – " + "Größenverhältnisse äöü " * 6))
    raw = vcard(f, daten)
    assert all(len(line) <= 75 for line in physical_lines(raw))
    assert b"\\," in raw and b"\\;" in raw  # escaped in NOTE (RFC 6350 3.4)
    card = vobject.readOne(raw.decode("utf-8"))
    assert card.fn.value == "Jörg Müller-Lüdenscheidt"
    assert card.note.value.endswith("Sprechzeiten: " + f.sprechzeiten.hinweis)


def test_without_phone_and_languages_the_card_leaves_them_out(daten):
    f = person(daten, "david-exempel")
    assert f.telefon is None and f.sprachen == []
    card = vobject.readOne(vcard(f, daten).decode("utf-8"))
    assert "tel" not in card.contents and "lang" not in card.contents


def test_uid_is_stable_and_personal(daten):
    a, b = person(daten, "anna-musterfrau"), person(daten, "ben-beispiel")
    uid = lambda f: vobject.readOne(vcard(f, daten).decode("utf-8")).uid.value  # noqa: E731
    assert uid(a) == uid(a) and uid(a) != uid(b) and uid(a).startswith("urn:uuid:")
