"""Characters that no text of the data may hold, and their German names.

Control characters do nothing useful on a web page and can break files made from the data
(vCard, iCalendar, the web editor's configuration). Bidi controls turn text around, so that
it reads other than it is (»Trojan Source«). Invisible characters make two equal-looking
names differ and hide words from the search. All of them come in by copying text from
elsewhere, so the message says which one it is and where it stands.

Left alone on purpose: the line feed (Markdown needs it; single-line fields refuse it on their
own), the zero-width (non-)joiner U+200C/U+200D, which Persian and Arabic words and emoji
need to look right, and the soft hyphen U+00AD, which marks where a long German word may break.
"""
from __future__ import annotations

import re

NAMEN = {
    "\t": "Tabulator",
    "\r": "Wagenrücklauf",
    "\x00": "Nullzeichen",
    "\x1b": "Escape-Zeichen",
    "\x7f": "Löschzeichen",
    "\x85": "Nächste Zeile",
    "\u061c": "Arabische Buchstabenmarke",
    "\u200e": "Links-nach-rechts-Marke",
    "\u200f": "Rechts-nach-links-Marke",
    "\u202a": "Links-nach-rechts-Einbettung",
    "\u202b": "Rechts-nach-links-Einbettung",
    "\u202c": "Ende der Richtungsformatierung",
    "\u202d": "Links-nach-rechts-Überschreibung",
    "\u202e": "Rechts-nach-links-Überschreibung",
    "\u2066": "Links-nach-rechts-Isolierung",
    "\u2067": "Rechts-nach-links-Isolierung",
    "\u2068": "Erste-starke-Isolierung",
    "\u2069": "Ende der Richtungsisolierung",
    "\u2028": "Zeilentrenner",
    "\u2029": "Absatztrenner",
    "\u200b": "Leerzeichen ohne Breite",
    "\u2060": "Wortverbinder",
    "\ufeff": "Byte-Reihenfolge-Markierung",
}

_STEUER = "\x00-\x09\x0b-\x1f\x7f-\x9f"  # C0 but the line feed, DEL, C1
_RICHTUNG = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSICHTBAR = "\u200b\u2060-\u2064\ufeff\U000e0000-\U000e007f\u2028\u2029"  # U+E00xx: invisible »tag« letters
VERBOTEN = re.compile(f"[{_STEUER}{_RICHTUNG}{_UNSICHTBAR}]")


def name(c: str) -> str:
    """»U+202E (Rechts-nach-links-Überschreibung)«."""
    if c in NAMEN:
        wort = NAMEN[c]
    elif re.fullmatch(f"[{_STEUER}]", c):
        return f"U+{ord(c):04X}"  # »das Steuerzeichen U+0007« says it all
    elif "\U000e0000" <= c <= "\U000e007f":
        wort = "unsichtbares Tag-Zeichen"
    else:
        wort = "unsichtbares Zeichen"
    return f"U+{ord(c):04X} ({wort})"


def meldung(c: str) -> str:
    """Why ``c`` may not stand in a text, and what to do, in German."""
    if c == "\t":
        return "Hier steht ein Tabulator (U+0009). Ersetzen Sie ihn durch ein Leerzeichen."
    if re.fullmatch(f"[{_RICHTUNG}]", c):
        return (f"Hier steht das unsichtbare Zeichen {name(c)}. Es kann die Schreibrichtung umkehren, "
                "sodass der Text anders aussieht, als er ist. Löschen Sie es (es kommt meist mit kopiertem Text).")
    if re.fullmatch(f"[{_STEUER}]", c):
        return (f"Hier steht das Steuerzeichen {name(c)}, das in keinem Text stehen darf. "
                "Löschen Sie es (es kommt meist mit kopiertem Text).")
    return (f"Hier steht das unsichtbare Zeichen {name(c)}. Es lässt gleich aussehende Wörter verschieden sein "
            "und versteckt sie vor der Suche. Löschen Sie es (es kommt meist mit kopiertem Text).")


def sichtbar(text: str) -> str:
    """``text`` with every forbidden character written as »U+…«, for quoting it in a message."""
    return VERBOTEN.sub(lambda m: f"U+{ord(m.group()):04X}", text)
