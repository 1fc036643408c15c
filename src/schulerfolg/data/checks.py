"""Rules that span entries and files of the data; each yields Problems.

They run after the models, on every entry that passed its model (a broken neighbour does not hide them), and
use each file's recorded positions. The rules on referenced files (photos, forms, film) are findings.checks.
"""
from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from schulerfolg.problem import Problem

from .fields import slugify
from .fristen import kennung
from .meldungen import Eintrag
from .models import Film, Frist
from .plattform import plattform
from .yamlsource import Loc, Source, read_error


@dataclass
class CheckContext:
    """The data as read, for the rules: each file's values and positions, and every entry that passed its model."""

    data_dir: Path
    sources: dict[str, Source]
    today: datetime.date
    entries: dict[str, list[tuple[int, Any]]] = field(default_factory=dict)  # "schulen" → [(index, Schule)]
    # (index, id) of every id written, valid or not; None when the file has no readable list
    ids: dict[str, list[tuple[int, str]] | None] = field(default_factory=dict)
    filme: dict[str, Film] = field(default_factory=dict)  # "film", "gebaerdensprache" → its valid entry
    meldungen: list[Eintrag] = field(default_factory=list)  # every file of data/aktuelles/, valid or not

    def source(self, key: str) -> Source:
        return self.sources[{"schulen": "schulen.yml", "traeger": "traeger.yml", "fachkraefte": "fachkraefte.yml",
                             "formulare": "plus.yml", "termine": "termine.yml"}.get(key, "netzwerkstelle.yml")]


def run_all(ctx: CheckContext) -> list[Problem]:
    return [p for rule in RULES for p in rule(ctx)]


def unique_ids(ctx: CheckContext) -> Iterator[Problem]:
    """Every id occurs once in its list (checked on what is written, even in broken entries)."""
    for key in ("schulen", "traeger", "fachkraefte", "formulare", "termine"):
        first: dict[str, int] = {}
        for i, ident in ctx.ids.get(key) or []:
            if ident in first:
                src = ctx.source(key)
                line = src.position((key, first[ident], "id"))[0]
                yield src.problem((key, i, "id"),
                    f"Die ID »{ident}« ist schon in Zeile {line} vergeben. Jede ID darf nur einmal vorkommen.")
            else:
                first[ident] = i


# Anchors of the pages that show people's panels (#<fachkraft-id>: overview, school, carrier) or carriers'
# cards (#<traeger-id>: list of carriers): their headings' ids and the theme's »inhalt« (overrides/main.html).
# An id among these would stand twice on a page. tests/test_werte.py reads them from the templates.
ANKER = frozenset({"inhalt", "schulsozialarbeit", "die-schule", "schulen", "fachkraefte", "aktuelles",
                   "filter-titel", "filter-sprache", "filter-stadtteil", "sf-material"})
# Names a list's ids may not take, and why: each id becomes a page (schulen/<id>/) or an anchor (#<id>).
RESERVIERT = {
    "schulen": {"index": "/schulen/ ist die Übersicht aller Schulen"},
    "traeger": {"index": "/traeger/ ist die Übersicht aller Träger", **dict.fromkeys(ANKER)},
    "fachkraefte": dict.fromkeys(ANKER),
}


def reserved_ids(ctx: CheckContext) -> Iterator[Problem]:
    """No id takes a name the site needs itself: a page (schulen/index/) or an anchor on the same page."""
    for key, reserviert in RESERVIERT.items():
        taken = {ident for _, ident in ctx.ids.get(key) or []}
        for i, entry in ctx.entries.get(key, []):
            if entry.id not in reserviert:
                continue
            warum = reserviert[entry.id] or f"#{entry.id} ist schon eine Sprungmarke auf den Seiten"
            vorschlag = slugify(entry.name)
            hint = f", z. B. »{vorschlag}«" if vorschlag not in reserviert and vorschlag not in taken | {""} else ""
            yield ctx.source(key).problem((key, i, "id"), f"Die ID »{entry.id}« ist für die Website selbst reserviert "
                                                          f"({warum}). Wählen Sie eine andere ID{hint}.")


def references(ctx: CheckContext) -> Iterator[Problem]:
    """Every school and carrier a social worker names exists."""
    if not ctx.entries.get("fachkraefte"):
        return
    src = ctx.source("fachkraefte")
    schulen = _known(ctx.ids.get("schulen"))
    traeger = _known(ctx.ids.get("traeger"))
    schule_wie, traeger_wie = _Vorschlaege(), _Vorschlaege()
    for i, f in ctx.entries["fachkraefte"]:
        seen: set[str] = set()
        for j, sid in enumerate(f.schulen):
            loc = ("fachkraefte", i, "schulen", j)
            if sid in seen:
                yield src.problem(loc, f"Die Schule »{sid}« steht doppelt in der Liste. Löschen Sie einen der beiden Einträge.")
            elif schulen is not None and sid not in schulen:
                yield src.problem(loc, _unknown("Eine Schule", sid, schule_wie(sid, schulen), "schulen.yml"))
            seen.add(sid)
        if traeger is not None and f.traeger not in traeger:
            yield src.problem(("fachkraefte", i, "traeger"),
                              _unknown("Einen Träger", f.traeger, traeger_wie(f.traeger, traeger), "traeger.yml"))


def _known(ids: list[tuple[int, str]] | None) -> dict[str, None] | None:
    """The ids of a list, for looking up (a set would do, but suggestions want a stable order)."""
    return dict.fromkeys(sorted(ident for _, ident in ids)) if ids is not None else None


class _Vorschlaege:
    """»Meinten Sie …?« for an unknown id. Each suggestion compares the id with every known one, so after
    ``GRENZE`` of them the check stops suggesting: a file full of wrong ids stays fast (no N × N)."""

    GRENZE = 50

    def __init__(self) -> None:
        self.gemacht: dict[str, str | None] = {}

    def __call__(self, ident: str, known: dict[str, None]) -> str | None:
        if ident not in self.gemacht and len(self.gemacht) < self.GRENZE:
            close = difflib.get_close_matches(ident, known, n=1, cutoff=0.6)
            self.gemacht[ident] = close[0] if close else None
        return self.gemacht.get(ident)


def _unknown(what: str, ident: str, close: str | None, file: str) -> str:
    hint = f" Meinten Sie »{close}«?" if close else f" Tragen Sie dort zuerst einen Eintrag mit »id: {ident}« ein."
    return f"{what} mit der ID »{ident}« gibt es in data/{file} nicht.{hint}"


def deadlines(ctx: CheckContext) -> Iterator[Problem]:
    """The vote on a deadline's applications comes after it; no deadline is entered twice.

    Two equal entries would get the same calendar UID, and calendars would merge them.
    """
    src = ctx.sources.get("plus.yml")
    raw = src.data.get("fristen") if src is not None and isinstance(src.data, dict) else None
    if not isinstance(raw, list):
        return
    first: dict[str, int] = {}
    for i, item in enumerate(raw):
        try:
            frist = Frist.model_validate(item)
        except ValidationError:
            continue  # reported by the model already
        if frist.abstimmung is not None and frist.abstimmung <= frist.datum:
            yield src.problem(("fristen", i, "abstimmung"),
                f"Die Abstimmung ({frist.abstimmung:%d.%m.%Y}) muss nach dem letzten Tag der Frist "
                f"({frist.datum:%d.%m.%Y}) liegen. Prüfen Sie beide Daten.")
        key = kennung(frist)
        if key in first:
            yield src.problem(("fristen", i), f"Diese Frist (gleicher Tag, gleicher Titel) steht schon in Zeile "
                                              f"{src.position(('fristen', first[key]))[0]}. Löschen Sie einen der beiden Einträge.")
        first.setdefault(key, i)


def film(ctx: CheckContext) -> Iterator[Problem]:
    """Each film has what its mode needs."""
    for key, film in ctx.filme.items():
        yield from _film(ctx, film, (key,))


def _film(ctx: CheckContext, film: Film, loc: Loc) -> Iterator[Problem]:
    src = ctx.source("film")
    if film.modus == "selbst" and film.datei is None:
        yield src.problem(loc, "Für »modus: selbst« fehlt »datei:« mit dem Pfad zum Video (MP4) in data/.")
    if film.modus == "extern" and film.url is None:
        yield src.problem(loc, "Für »modus: extern« fehlt »url:« mit der Adresse des Videos.")
    if loc == ("film",) and film.modus == "selbst" and film.untertitel is None:  # a sign-language video speaks by itself
        yield src.problem(loc, "Für »modus: selbst« fehlt »untertitel:« mit dem Pfad zu den deutschen Untertiteln "
                               "(WebVTT) in data/. Ohne Untertitel können gehörlose Menschen dem Film nicht folgen.")
    if film.modus == "extern" and film.url is not None and plattform(film.url) is None:
        yield src.problem(loc + ("url",), f"»{film.url}« ist keine Video-Adresse bei YouTube oder Vimeo. Kopieren Sie "
                          "die Adresse der Videoseite, z. B. »https://www.youtube.com/watch?v=…« oder »https://vimeo.com/123456789«.")


def news_references(ctx: CheckContext) -> Iterator[Problem]:
    """Every school and carrier a news item names exists."""
    schulen, traeger = _known(ctx.ids.get("schulen")), _known(ctx.ids.get("traeger"))
    wie = _Vorschlaege()
    for e in ctx.meldungen:
        if e.meldung is None:
            continue
        for feld, known, what, file in (("schulen", schulen, "Eine Schule", "schulen.yml"),
                                        ("traeger", traeger, "Einen Träger", "traeger.yml")):
            for j, ident in enumerate(getattr(e.meldung, feld)):
                if known is not None and ident not in known:
                    yield e.source.problem((feld, j), _unknown(what, ident, wie(ident, known), file))


def events(ctx: CheckContext) -> Iterator[Problem]:
    """An event's times, registration and report fit together: the end after the start, registration by
    e-mail or form and closing by the day, a report that exists among the news."""
    if not ctx.entries.get("termine"):
        return
    src = ctx.source("termine")
    berichte = dict.fromkeys(sorted(e.kennung for e in ctx.meldungen))
    wie = _Vorschlaege()
    for i, t in ctx.entries["termine"]:
        loc = ("termine", i)
        if t.ende is not None and t.beginn is None:
            yield src.problem(loc + ("ende",), "Ein Ende ohne Beginn: Tragen Sie auch »beginn:« ein oder löschen Sie »ende:«.")
        elif t.ende is not None and t.ende <= t.beginn:
            yield src.problem(loc + ("ende",), f"Das Ende ({t.ende} Uhr) muss nach dem Beginn ({t.beginn} Uhr) liegen.")
        if t.anmeldung is not None:
            if t.anmeldung.email is None and t.anmeldung.url is None:
                yield src.problem(loc + ("anmeldung",), "Für die Anmeldung fehlt der Weg: Tragen Sie »email:« oder "
                                                        "»url:« ein (oder beides).")
            if t.anmeldung.bis is not None and t.anmeldung.bis > t.datum:
                yield src.problem(loc + ("anmeldung", "bis"), f"Der Anmeldeschluss ({t.anmeldung.bis:%d.%m.%Y}) liegt "
                                  f"nach dem Termin ({t.datum:%d.%m.%Y}). Prüfen Sie beide Daten.")
        if t.bericht is not None and t.bericht not in berichte:
            close = wie(t.bericht, berichte)
            hint = f" Meinten Sie »{close}«?" if close else ""
            yield src.problem(loc + ("bericht",), f"Eine Meldung »data/aktuelles/{t.bericht}.md« gibt es nicht. "
                              f"Tragen Sie den Dateinamen der Meldung ohne ».md« ein.{hint}")


RULES = [unique_ids, reserved_ids, references, deadlines, film, news_references, events]
