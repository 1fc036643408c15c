"""The schools: »Wer ist an meiner Schule?« by school form and district, and a page for each school."""
from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from itertools import groupby

from schulerfolg.data.daten import Daten
from schulerfolg.data.models import Schule, Schulform

from ..pages import Context, Page
from . import aktuelles, panels, plakate

SCHULEN = "data/schulen.yml"


def schulen(ctx: Context) -> Iterator[Page]:
    daten = ctx.daten
    yield Page("schulen/index.md", "schulsuche.md.j2", {"gruppen": nach_schulform(daten)}, source=SCHULEN)
    for s in daten.schulen:
        yield Page(f"schulen/{s.id}.md", "schule.md.j2", {
            **panels.kontext(ctx), "schule": s, "fachkraefte": daten.fachkraefte_an(s.id),
            "meldungen": aktuelles.artikel_zu(ctx, "schulen", s.id),
            "aushang": plakate.aushang(ctx, s)}, source=SCHULEN)


def nach_schulform(daten: Daten) -> list[tuple[Schulform, list[tuple[str, list[tuple[Schule, list]]]]]]:
    """Schools by school form (in the order of the enum), then by district (alphabetical, unknown last),
    each with the social workers who work there."""
    result = []
    for form in Schulform:
        of_form = [s for s in daten.schulen if s.schulform == form]
        if not of_form:
            continue
        key = lambda s: (s.stadtteil is None, sortkey(s.stadtteil or ""), sortkey(s.name))  # noqa: E731
        bezirke = [(bezirk or "ohne Angabe des Stadtteils", [(s, daten.fachkraefte_an(s.id)) for s in group])
                   for bezirk, group in groupby(sorted(of_form, key=key), key=lambda s: s.stadtteil)]
        result.append((form, bezirke))
    return result


def sortkey(text: str) -> str:
    """German dictionary order without a locale: »Ö« sorts with »O«, »ß« with »ss«."""
    text = unicodedata.normalize("NFD", text.casefold().replace("ß", "ss"))
    return "".join(c for c in text if not unicodedata.combining(c))
