"""Start page, school social workers, schools, carriers, the finder and the office."""
from __future__ import annotations

from collections.abc import Iterator
import unicodedata
from itertools import groupby
from pathlib import Path

from ..fields import sprachnamen
from ..models import Schule, Schulform
from ..plan import Asset, Context, Page, part
from ..vcard import vcard, vcard_datei

FACHKRAEFTE = "data/fachkraefte.yml"
SCHULEN = "data/schulen.yml"
TRAEGER = "data/traeger.yml"
NETZWERKSTELLE = "data/netzwerkstelle.yml"


def page(path: str, template: str, source: str, **context) -> Page:
    """A page whose panels can name the languages people speak."""
    return Page(path, template, {"sprachnamen": sprachnamen(), **context}, source=source)


@part
def start(ctx: Context) -> Iterator[Page]:
    yield page("index.md", "start.md.j2", NETZWERKSTELLE, nw=ctx.daten.netzwerkstelle)


@part
def fachkraefte(ctx: Context) -> Iterator[Page]:
    mit_fachkraft = {sid for f in ctx.daten.fachkraefte for sid in f.schulen}
    yield page("schulsozialarbeit/index.md", "fachkraefte.md.j2", FACHKRAEFTE, schulen_mit_fachkraft=len(mit_fachkraft))


@part
def schulen(ctx: Context) -> Iterator[Page]:
    yield page("schulen/index.md", "schulsuche.md.j2", SCHULEN, gruppen=nach_schulform(ctx.daten.schulen))
    for s in ctx.daten.schulen:
        yield page(f"schulen/{s.id}.md", "schule.md.j2", SCHULEN, schule=s)


@part
def traeger(ctx: Context) -> Iterator[Page]:
    yield page("traeger/index.md", "traeger-liste.md.j2", TRAEGER)
    for t in ctx.daten.traeger:
        yield page(f"traeger/{t.id}.md", "traeger.md.j2", TRAEGER, traeger=t)


@part
def netzwerkstelle(ctx: Context) -> Iterator[Page]:
    yield page("netzwerkstelle/index.md", "netzwerkstelle.md.j2", NETZWERKSTELLE, nw=ctx.daten.netzwerkstelle)


@part
def visitenkarten(ctx: Context) -> Iterator[Asset]:
    for f in ctx.daten.fachkraefte:
        if ctx.cache_dir is None:
            yield Asset(f"kontakt/{f.id}.vcf", content=vcard(f, ctx.daten))
        else:  # unchanged cards come from the cache, like photos
            yield Asset(f"kontakt/{f.id}.vcf", source=vcard_datei(f, ctx.daten, Path(ctx.cache_dir) / "vcards"))


def nach_schulform(schulen: list[Schule]) -> list[tuple[Schulform, list[tuple[str, list[Schule]]]]]:
    """Schools by school form (in the order of the enum), then by district (alphabetical, unknown last)."""
    order = list(Schulform)
    result = []
    for form in order:
        of_form = [s for s in schulen if s.schulform == form]
        if not of_form:
            continue
        key = lambda s: (s.stadtteil is None, sortkey(s.stadtteil or ""), sortkey(s.name))  # noqa: E731
        bezirke = [(bezirk or "ohne Angabe des Stadtteils", list(group))
                   for bezirk, group in groupby(sorted(of_form, key=key), key=lambda s: s.stadtteil)]
        result.append((form, bezirke))
    return result


def sortkey(text: str) -> str:
    """German dictionary order without a locale: »Ö« sorts with »O«, »ß« with »ss«."""
    text = unicodedata.normalize("NFD", text.casefold().replace("ß", "ss"))
    return "".join(c for c in text if not unicodedata.combining(c))
