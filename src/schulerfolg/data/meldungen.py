"""The news: one Markdown file per item in data/aktuelles/ (``JJJJ-MM-TT-titel.md``), its fields in a YAML head
between two lines »---«, its text below. Read with the same machinery as the YAML files, so every message names
the file and the line in it: the head is parsed with its first line blanked, so its lines are the file's, and the
text is checked as the model's field ``text`` at the line where it starts."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from schulerfolg.problem import Problem

from .messages import problems_from
from .models import Meldung
from .yamlsource import MAX_BYTES, Source, decode, parse, read_error

ORDNER = "aktuelles"
DATEINAME = re.compile(r"(\d{4}-\d{2}-\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.md")
TRENNER = re.compile(r"^---[ \t]*$", re.MULTILINE)
TEXTFELD = "text"  # the model's field for what stands below the head


@dataclass(frozen=True)
class Eintrag:
    """One news file as read: its name without ».md« (the item's id and address), its model, its positions."""

    kennung: str
    meldung: Meldung | None  # None when the file has a problem
    source: Source


def read_folder(data_dir: Path) -> tuple[list[Eintrag], list[Problem]]:
    """Every file of data/aktuelles/ (a missing folder means no news), and every problem in them."""
    folder = data_dir / ORDNER
    if not folder.is_dir() or folder.is_symlink():
        return [], []
    eintraege: list[Eintrag] = []
    problems: list[Problem] = []
    for path in sorted(folder.iterdir()):
        display = f"{data_dir.name}/{ORDNER}/{path.name}"
        if path.name.startswith(".") or path.name == "README.md":
            continue
        if path.is_symlink() or not path.is_file():
            problems.append(Problem(display, 0, 0, "In data/aktuelles/ gehören nur Meldungen als .md-Dateien, "
                                                   "keine Ordner und keine Verweise. Entfernen Sie es."))
            continue
        if not DATEINAME.fullmatch(path.name):
            problems.append(Problem(display, 0, 0, f"Der Dateiname »{path.name}« passt nicht. Nennen Sie die Datei "
                                    "JJJJ-MM-TT-titel.md, z. B. »2026-03-24-film-online.md« (Kleinbuchstaben a–z, "
                                    "Ziffern, Bindestriche)."))
            continue
        eintrag = read_one(path, display)
        problems += eintrag.source.problems
        eintraege.append(eintrag)
    return eintraege, problems


def read_one(path: Path, display: str) -> Eintrag:
    kennung = path.name.removesuffix(".md")
    src = Source(display)
    try:
        raw = path.read_bytes()
    except OSError as e:
        src.problems.append(Problem(display, 0, 0, f"Die Datei kann nicht gelesen werden ({read_error(e)})."))
        return Eintrag(kennung, None, src)
    if len(raw) > MAX_BYTES:
        src.problems.append(Problem(display, 0, 0, "Die Datei ist viel zu groß. Prüfen Sie, ob versehentlich "
                                                   "etwas anderes hineinkopiert wurde."))
        return Eintrag(kennung, None, src)
    text, problems = decode(raw, display)
    if text is None:
        src.problems += problems
        return Eintrag(kennung, None, src)
    kopf, text_zeile, rest = _teile(text)
    if kopf is None:
        src.problems.append(Problem(display, 1, 1, "Die Meldung beginnt nicht mit ihrem Kopf: Die erste Zeile muss "
                                                   "»---« sein, dann folgen titel, datum usw., dann wieder »---« und "
                                                   "darunter der Text."))
        return Eintrag(kennung, None, src)
    src = parse(kopf, display)
    return Eintrag(kennung, None if src.problems else _meldung(src, text_zeile, rest, kennung), src)


def _meldung(src: Source, text_zeile: int, rest: str, kennung: str) -> Meldung | None:
    """The model of a file whose head is valid YAML; its problems go into ``src``."""
    if src.data is None:
        src.data = {}
    if not isinstance(src.data, dict):
        src.problems.append(src.problem((), "Im Kopf der Meldung stehen Felder mit Namen, z. B. »titel: …«."))
        return None
    if TEXTFELD in src.data:
        src.problems.append(src.problem((TEXTFELD,), f"Das Feld »{TEXTFELD}« gibt es im Kopf nicht: Der Text der "
                                                     "Meldung steht unter der zweiten Zeile »---«.", key=True))
        return None
    if rest.strip():
        src.data[TEXTFELD] = rest
    src.values[(TEXTFELD,)] = (text_zeile, 1)
    try:
        meldung = Meldung.model_validate(src.data)
    except ValidationError as e:
        src.problems += problems_from(e, src, Meldung)
        return None
    if meldung.datum.isoformat() != kennung[:10]:
        src.problems.append(src.problem(("datum",), f"Das Datum {meldung.datum:%Y-%m-%d} passt nicht zum Dateinamen, "
                                                    f"der mit {kennung[:10]} beginnt. Gleichen Sie beide an."))
        return None
    return meldung


def _teile(text: str) -> tuple[str | None, int, str]:
    """The head as YAML with the file's line numbers (its first »---« blanked), the line where the text starts,
    and the text."""
    if TRENNER.match(text) is None:
        return None, 0, ""
    ende = TRENNER.search(text, 3)
    if ende is None:
        return None, 0, ""
    kopf = "\n" + text[text.index("\n") + 1: ende.start()]
    rest = text[ende.end():]
    leer = len(rest) - len(rest.lstrip("\n"))  # blank lines between head and text
    return kopf, text[: ende.end()].count("\n") + rest[:leer].count("\n") + 1, rest
