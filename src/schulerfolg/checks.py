"""Rules that span files or look at referenced files; each yields Problems.

They run after the models, on every entry that passed its model (a broken
neighbour does not hide them), and use each file's recorded positions.
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

from .befunde import Befunde
from .fields import slugify
from .filecheck import DOCUMENT_KINDS, document_kind, document_problem, image_problem
from .fristen import kennung
from .film import mp4_problem, plattform, webm_problem, webvtt_problem
from .models import Film, Frist
from .problem import Problem
from .yamlsource import Loc, Source, lesefehler


@dataclass
class Context:
    root: Path
    sources: dict[str, Source]
    today: datetime.date
    entries: dict[str, list[tuple[int, Any]]] = field(default_factory=dict)  # "schulen" → [(index, Schule)]
    # (index, id) of every id written, valid or not; None when the file has no readable list
    ids: dict[str, list[tuple[int, str]] | None] = field(default_factory=dict)
    filme: dict[str, Film] = field(default_factory=dict)  # "film", "gebaerdensprache" → its valid entry
    befunde: Befunde = field(default_factory=lambda: Befunde(None))  # findings on files from earlier builds

    def source(self, key: str) -> Source:
        return self.sources[{"schulen": "schulen.yml", "traeger": "traeger.yml", "fachkraefte": "fachkraefte.yml",
                             "formulare": "plus.yml"}.get(key, "netzwerkstelle.yml")]


def run_all(ctx: Context) -> list[Problem]:
    return [p for rule in RULES for p in rule(ctx)]


def unique_ids(ctx: Context) -> Iterator[Problem]:
    """Every id occurs once in its list (checked on what is written, even in broken entries)."""
    for key in ("schulen", "traeger", "fachkraefte", "formulare"):
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
ANKER = frozenset({"inhalt", "schulsozialarbeit", "die-schule", "schulen", "fachkraefte"})
# Names a list's ids may not take, and why: each id becomes a page (schulen/<id>/) or an anchor (#<id>).
RESERVIERT = {
    "schulen": {"index": "/schulen/ ist die Übersicht aller Schulen"},
    "traeger": {"index": "/traeger/ ist die Übersicht aller Träger", **dict.fromkeys(ANKER)},
    "fachkraefte": dict.fromkeys(ANKER),
}


def reserved_ids(ctx: Context) -> Iterator[Problem]:
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


def references(ctx: Context) -> Iterator[Problem]:
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


def photos(ctx: Context) -> Iterator[Problem]:
    """A photo exists inside data/, is an image, and consent was given on a past day."""
    for i, f in ctx.entries.get("fachkraefte", []):
        if f.foto is None:
            continue
        src, loc = ctx.source("fachkraefte"), ("fachkraefte", i, "foto")
        yield from _referenced_file(ctx, src, loc + ("datei",), f.foto.datei, image_problem)
        if f.foto.einwilligung > ctx.today:
            yield src.problem(loc + ("einwilligung",),
                f"Das Datum der Einwilligung ({f.foto.einwilligung:%d.%m.%Y}) liegt in der Zukunft. "
                "Tragen Sie den Tag ein, an dem die Einwilligung unterschrieben wurde.")


def forms(ctx: Context) -> Iterator[Problem]:
    """Every form and its alternatives exist inside data/ and are PDF, ODT or DOCX by content.

    Each file is published as /plus/formulare/<file name>: the name must be URL-safe and
    unique among all forms; one form offers each format once; its date is not in the future.
    """
    published: dict[str, Loc] = {}
    for i, form in ctx.entries.get("formulare", []):
        src = ctx.source("formulare")
        files = [(("formulare", i, "datei"), form.datei)]
        files += [(("formulare", i, "alternativen", j), alt) for j, alt in enumerate(form.alternativen)]
        kinds: dict[str, Loc] = {}
        for loc, rel in files:
            found = list(_referenced_file(ctx, src, loc, rel, document_problem))
            yield from found
            if found:
                continue
            name = PurePosixPath(rel).name
            if not OEFFENTLICHER_NAME.fullmatch(name):
                yield src.problem(loc, _name_problem(name, "der Download-Adresse", "formular"))
            elif name in published:
                yield src.problem(loc, f"Eine Formulardatei namens »{name}« steht schon in Zeile "
                                       f"{src.position(published[name])[0]}. Jede Datei erscheint unter "
                                       "/plus/formulare/<Dateiname>: Geben Sie ihr einen eigenen Namen.")
            else:
                published[name] = loc
            kind = document_kind(ctx.root / rel)
            if kind in kinds:
                yield src.problem(loc, f"Das Formular »{form.id}« hat schon eine {DOCUMENT_KINDS[kind]}-Datei "
                                       f"(Zeile {src.position(kinds[kind])[0]}). Bieten Sie jedes Format nur einmal an.")
            kinds.setdefault(kind, loc)
        if form.stand is not None and form.stand > ctx.today:
            yield src.problem(("formulare", i, "stand"), f"Der Stand {form.stand:%d.%m.%Y} liegt in der Zukunft. "
                                                        "Tragen Sie das Datum der letzten Änderung ein.")


# A file published under its own name: the name becomes part of its address (the ending is checked by the model).
OEFFENTLICHER_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]*\.[a-z0-9]+")


def _name_problem(name: str, adresse: str, ersatz: str) -> str:
    stem, _, suffix = name.rpartition(".")
    return (f"Der Dateiname »{name}« wird Teil {adresse} und darf nur a–z, 0–9, »-«, »_« und ».« enthalten. "
            f"Benennen Sie die Datei um, z. B. in »{slugify(stem) or ersatz}.{suffix.lower()}«.")


def deadlines(ctx: Context) -> Iterator[Problem]:
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


def film(ctx: Context) -> Iterator[Problem]:
    """Each film's files exist inside data/ and are what their ending says; the mode has what it needs."""
    for key, film in ctx.filme.items():
        yield from _film(ctx, film, (key,))


def _film(ctx: Context, film: Film, loc: Loc) -> Iterator[Problem]:
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
    yield from _film_dateien(ctx, src, film, loc)


def _film_dateien(ctx: Context, src: Source, film: Film, loc: Loc) -> Iterator[Problem]:
    """Each file is judged by its content, not by its name. Each one published under its own name (all but
    the poster) has a name fit for an address, and one that no other file of this film has."""
    judges = {"datei": mp4_problem, "webm": webm_problem, "untertitel": webvtt_problem, "kapitel": webvtt_problem,
              "bildbeschreibung": webvtt_problem, "poster": image_problem}
    veroeffentlicht: dict[str, str] = {}  # file name → the field that publishes it
    for key, judge in judges.items():
        rel = getattr(film, key)
        if rel is None:
            continue
        found = list(_referenced_file(ctx, src, loc + (key,), rel, judge))
        yield from found
        if found or key == "poster":
            continue
        name = PurePosixPath(rel).name
        if not OEFFENTLICHER_NAME.fullmatch(name):
            yield src.problem(loc + (key,), _name_problem(name, "der Adresse des Films", "film"))
        elif name in veroeffentlicht:
            frueher = veroeffentlicht[name]
            zeile = src.position(loc + (frueher,))[0]
            if getattr(film, frueher) == rel:
                yield src.problem(loc + (key,), f"Dieselbe Datei steht schon bei »{frueher}« (Zeile {zeile}). Untertitel, "
                                                "Kapitel und Bildbeschreibung brauchen je eine eigene Datei.")
            else:
                yield src.problem(loc + (key,), f"Eine Datei namens »{name}« steht schon bei »{frueher}« (Zeile {zeile}). "
                                                f"Jede Datei des Films erscheint unter /{loc[0]}/<Dateiname>: Geben Sie "
                                                "ihr einen eigenen Namen.")
        else:
            veroeffentlicht[name] = key


def _referenced_file(ctx: Context, src: Source, loc: Loc, rel: str,
                     judge: Callable[[Path], str | None] | None) -> Iterator[Problem]:
    path = ctx.root / rel
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        yield src.problem(loc, f"Die Datei »data/{rel}« gibt es nicht. Prüfen Sie Schreibweise und Ordner "
                               "(Groß- und Kleinschreibung zählt) oder legen Sie die Datei dort ab.")
        return
    if not resolved.is_relative_to(ctx.root.resolve()):
        yield src.problem(loc, f"»data/{rel}« verweist auf eine Datei außerhalb von data/. Legen Sie die Datei selbst in data/ ab.")
        return
    if not resolved.is_file():
        yield src.problem(loc, f"»data/{rel}« ist ein Ordner, keine Datei. Geben Sie den Pfad bis zur Datei an.")
        return
    try:
        resolved.open("rb").close()
    except OSError as e:  # the examiners would stop with a traceback
        yield src.problem(loc, f"Die Datei »data/{rel}« kann nicht gelesen werden ({lesefehler(e)}). "
                               "Legen Sie sie erneut ab oder fragen Sie die IT nach den Rechten.")
        return
    if judge is not None:
        why = ctx.befunde.befund(judge, resolved)
        if why:
            yield src.problem(loc, f"Die Datei »data/{rel}« {why}")


RULES = [unique_ids, reserved_ids, references, photos, forms, deadlines, film]
