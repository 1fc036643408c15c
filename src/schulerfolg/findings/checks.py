"""Rules on the files the data names (photos, forms, the films' files): each exists inside data/ and is what
its field allows, by content; each published file has a name fit for an address. The verdicts on a file's
content are findings, kept by content in the store (store.py)."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

from schulerfolg.data.checks import CheckContext
from schulerfolg.data.fields import slugify
from schulerfolg.data.models import Film
from schulerfolg.data.yamlsource import Loc, Source, read_error
from schulerfolg.problem import Problem

from .forms import DOCUMENT_KINDS, document_kind, document_problem
from .photos import image_problem
from .store import Befunde
from .video import mp4_problem, webm_problem, webvtt_problem


def run_all(ctx: CheckContext, befunde: Befunde) -> list[Problem]:
    return [p for rule in RULES for p in rule(ctx, befunde)]


def film(ctx: CheckContext, befunde: Befunde) -> Iterator[Problem]:
    """Each film's files exist inside data/ and are what their ending says."""
    for key, film in ctx.filme.items():
        yield from _film_dateien(ctx, befunde, ctx.source("film"), film, (key,))


def photos(ctx: CheckContext, befunde: Befunde) -> Iterator[Problem]:
    """A photo exists inside data/, is an image, and consent was given on a past day."""
    for i, f in ctx.entries.get("fachkraefte", []):
        if f.foto is None:
            continue
        src, loc = ctx.source("fachkraefte"), ("fachkraefte", i, "foto")
        yield from _referenced_file(ctx, befunde, src, loc + ("datei",), f.foto.datei, image_problem)
        if f.foto.einwilligung > ctx.today:
            yield src.problem(loc + ("einwilligung",),
                f"Das Datum der Einwilligung ({f.foto.einwilligung:%d.%m.%Y}) liegt in der Zukunft. "
                "Tragen Sie den Tag ein, an dem die Einwilligung unterschrieben wurde.")


def forms(ctx: CheckContext, befunde: Befunde) -> Iterator[Problem]:
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
            found = list(_referenced_file(ctx, befunde, src, loc, rel, document_problem))
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
            kind = document_kind(ctx.data_dir / rel)
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


def _film_dateien(ctx: CheckContext, befunde: Befunde, src: Source, film: Film, loc: Loc) -> Iterator[Problem]:
    """Each file is judged by its content, not by its name. Each one published under its own name (all but
    the poster) has a name fit for an address, and one that no other file of this film has."""
    judges = {"datei": mp4_problem, "webm": webm_problem, "untertitel": webvtt_problem, "kapitel": webvtt_problem,
              "bildbeschreibung": webvtt_problem, "poster": image_problem}
    veroeffentlicht: dict[str, str] = {}  # file name → the field that publishes it
    for key, judge in judges.items():
        rel = getattr(film, key)
        if rel is None:
            continue
        found = list(_referenced_file(ctx, befunde, src, loc + (key,), rel, judge))
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


def _referenced_file(ctx: CheckContext, befunde: Befunde, src: Source, loc: Loc, rel: str,
                     judge: Callable[[Path], str | None] | None) -> Iterator[Problem]:
    path = ctx.data_dir / rel
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        yield src.problem(loc, f"Die Datei »data/{rel}« gibt es nicht. Prüfen Sie Schreibweise und Ordner "
                               "(Groß- und Kleinschreibung zählt) oder legen Sie die Datei dort ab.")
        return
    if not resolved.is_relative_to(ctx.data_dir.resolve()):
        yield src.problem(loc, f"»data/{rel}« verweist auf eine Datei außerhalb von data/. Legen Sie die Datei selbst in data/ ab.")
        return
    if not resolved.is_file():
        yield src.problem(loc, f"»data/{rel}« ist ein Ordner, keine Datei. Geben Sie den Pfad bis zur Datei an.")
        return
    try:
        resolved.open("rb").close()
    except OSError as e:  # the examiners would stop with a traceback
        yield src.problem(loc, f"Die Datei »data/{rel}« kann nicht gelesen werden ({read_error(e)}). "
                               "Legen Sie sie erneut ab oder fragen Sie die IT nach den Rechten.")
        return
    if judge is not None:
        why = befunde.cached(judge, resolved)
        if why:
            yield src.problem(loc, f"Die Datei »data/{rel}« {why}")




def news_photos(ctx: CheckContext, befunde: Befunde) -> Iterator[Problem]:
    """A news item's photo exists inside data/, is an image, and everyone on it consented on a past day."""
    for e in ctx.meldungen:
        if e.meldung is None or e.meldung.foto is None:
            continue
        foto = e.meldung.foto
        yield from _referenced_file(ctx, befunde, e.source, ("foto", "datei"), foto.datei, image_problem)
        if foto.einwilligung > ctx.today:
            yield e.source.problem(("foto", "einwilligung"),
                f"Das Datum der Einwilligung ({foto.einwilligung:%d.%m.%Y}) liegt in der Zukunft. "
                "Tragen Sie den Tag ein, an dem die Einwilligung unterschrieben wurde.")


def event_documents(ctx: CheckContext, befunde: Befunde) -> Iterator[Problem]:
    """An event's documents exist inside data/ and are PDF, ODT or DOCX by content; each is published as
    /termine/dokumente/<file name>, so the name must be URL-safe and unique among all events' documents."""
    published: dict[str, Loc] = {}
    for i, termin in ctx.entries.get("termine", []):
        src = ctx.source("termine")
        for j, dokument in enumerate(termin.dokumente):
            loc = ("termine", i, "dokumente", j, "datei")
            found = list(_referenced_file(ctx, befunde, src, loc, dokument.datei, document_problem))
            yield from found
            name = PurePosixPath(dokument.datei).name
            if found:
                continue
            if not OEFFENTLICHER_NAME.fullmatch(name):
                yield src.problem(loc, _name_problem(name, "der Download-Adresse", "dokument"))
            elif name in published and src.position(published[name]) != src.position(loc):
                yield src.problem(loc, f"Eine Datei namens »{name}« steht schon in Zeile "
                                       f"{src.position(published[name])[0]}. Jede Datei erscheint unter "
                                       "/termine/dokumente/<Dateiname>: Geben Sie ihr einen eigenen Namen.")
            else:
                published[name] = loc


RULES = [photos, forms, film, news_photos, event_documents]
