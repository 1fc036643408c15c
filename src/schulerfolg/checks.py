"""Rules that span files or look at referenced files; each yields Problems.

They run after every file has passed its model, on the validated values, and use
each file's recorded positions to point at the right line.
"""
from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable, Iterator
from pathlib import Path

from .filecheck import document_problem, image_problem
from .models import FachkraefteDatei, Netzwerkstelle, Plus, SchulenDatei, TraegerDatei
from .problem import Problem
from .yamlsource import Loc, Source


class Context:
    def __init__(self, root: Path, sources: dict[str, Source], models: dict[str, object], today: datetime.date):
        self.root, self.sources, self.models, self.today = root, sources, models, today

    def get(self, name: str):
        return self.models.get(name)


def run_all(ctx: Context) -> list[Problem]:
    return [p for rule in RULES for p in rule(ctx)]


def unique_ids(ctx: Context) -> Iterator[Problem]:
    """Every id occurs once in its list."""
    lists = [("schulen.yml", "schulen", SchulenDatei), ("traeger.yml", "traeger", TraegerDatei),
             ("fachkraefte.yml", "fachkraefte", FachkraefteDatei)]
    for name, key, _ in lists:
        model = ctx.get(name)
        if model is not None:
            yield from _duplicates(ctx.sources[name], (key,), [e.id for e in getattr(model, key)])
    plus = ctx.get("plus.yml")
    if plus is not None:
        yield from _duplicates(ctx.sources["plus.yml"], ("formulare",), [f.id for f in plus.formulare])


def _duplicates(src: Source, prefix: Loc, ids: list[str]) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for i, ident in enumerate(ids):
        loc = prefix + (i, "id")
        if ident in first:
            line = src.position(prefix + (first[ident], "id"))[0]
            yield src.problem(loc, f"Die ID »{ident}« ist schon in Zeile {line} vergeben. Jede ID darf nur einmal vorkommen.")
        else:
            first[ident] = i


def references(ctx: Context) -> Iterator[Problem]:
    """Every school and carrier a social worker names exists."""
    fk, schulen, traeger = ctx.get("fachkraefte.yml"), ctx.get("schulen.yml"), ctx.get("traeger.yml")
    if fk is None:
        return
    src = ctx.sources["fachkraefte.yml"]
    schul_ids = [s.id for s in schulen.schulen] if schulen else None
    traeger_ids = [t.id for t in traeger.traeger] if traeger else None
    for i, f in enumerate(fk.fachkraefte):
        if schul_ids is not None:
            seen = set()
            for j, sid in enumerate(f.schulen):
                if sid in seen:
                    yield src.problem(("fachkraefte", i, "schulen", j), f"Die Schule »{sid}« steht doppelt in der Liste. Löschen Sie eine Zeile.")
                seen.add(sid)
                if sid not in schul_ids:
                    yield src.problem(("fachkraefte", i, "schulen", j), _unknown("Schule", sid, schul_ids, "schulen.yml"))
        if traeger_ids is not None and f.traeger not in traeger_ids:
            yield src.problem(("fachkraefte", i, "traeger"), _unknown("Träger", f.traeger, traeger_ids, "traeger.yml"))


def _unknown(what: str, ident: str, known: list[str], file: str) -> str:
    close = difflib.get_close_matches(ident, known, n=1, cutoff=0.6)
    hint = f" Meinten Sie »{close[0]}«?" if close else f" Tragen Sie dort zuerst einen Eintrag mit »id: {ident}« ein."
    return f"{what} mit der ID »{ident}« gibt es in data/{file} nicht.{hint}"


def photos(ctx: Context) -> Iterator[Problem]:
    """A photo exists inside data/, is an image, and consent was given on a past day."""
    fk = ctx.get("fachkraefte.yml")
    if fk is None:
        return
    src = ctx.sources["fachkraefte.yml"]
    for i, f in enumerate(fk.fachkraefte):
        if f.foto is None:
            continue
        loc = ("fachkraefte", i, "foto")
        yield from _referenced_file(ctx, src, loc + ("datei",), f.foto.datei, image_problem)
        if f.foto.einwilligung > ctx.today:
            yield src.problem(loc + ("einwilligung",),
                f"Das Datum der Einwilligung ({f.foto.einwilligung:%d.%m.%Y}) liegt in der Zukunft. "
                "Tragen Sie den Tag ein, an dem die Einwilligung unterschrieben wurde.")


def forms(ctx: Context) -> Iterator[Problem]:
    """Every form and its alternatives exist inside data/ and are PDF, ODT or DOCX by content."""
    plus = ctx.get("plus.yml")
    if plus is None:
        return
    src = ctx.sources["plus.yml"]
    for i, form in enumerate(plus.formulare):
        yield from _referenced_file(ctx, src, ("formulare", i, "datei"), form.datei, document_problem)
        for j, alt in enumerate(form.alternativen):
            yield from _referenced_file(ctx, src, ("formulare", i, "alternativen", j), alt, document_problem)


def film(ctx: Context) -> Iterator[Problem]:
    """The film's files exist inside data/; the mode has what it needs."""
    nw: Netzwerkstelle | None = ctx.get("netzwerkstelle.yml")
    if nw is None or nw.film is None:
        return
    src, film = ctx.sources["netzwerkstelle.yml"], nw.film
    loc = ("film",)
    if film.modus == "selbst" and film.datei is None:
        yield src.problem(loc, "Für »modus: selbst« fehlt »datei:« mit dem Pfad zum Video (MP4) in data/.")
    if film.modus == "extern" and film.url is None:
        yield src.problem(loc, "Für »modus: extern« fehlt »url:« mit der Adresse des Videos.")
    for key in ("datei", "untertitel", "kapitel", "poster"):
        value = getattr(film, key)
        if value is not None:
            yield from _referenced_file(ctx, src, loc + (key,), value, None)


def _referenced_file(ctx: Context, src: Source, loc: Loc, rel: str, judge) -> Iterable[Problem]:
    path = ctx.root / rel
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        yield src.problem(loc, f"Die Datei »data/{rel}« gibt es nicht. Prüfen Sie Schreibweise und Ordner "
                               "(Groß- und Kleinschreibung zählt) oder laden Sie die Datei hoch.")
        return
    if not resolved.is_relative_to(ctx.root.resolve()):
        yield src.problem(loc, f"»data/{rel}« verweist auf eine Datei außerhalb von data/. Legen Sie die Datei selbst in data/ ab.")
        return
    if not resolved.is_file():
        yield src.problem(loc, f"»data/{rel}« ist ein Ordner, keine Datei. Geben Sie den Pfad bis zur Datei an.")
        return
    if judge is not None:
        why = judge(resolved)
        if why:
            yield src.problem(loc, f"Die Datei »data/{rel}« {why}")


RULES = [unique_ids, references, photos, forms, film]
