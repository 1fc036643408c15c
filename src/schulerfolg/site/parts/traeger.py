"""The carriers of school social work: an overview, and a page for each with its schools and staff."""
from __future__ import annotations

from collections.abc import Iterator

from ..pages import Context, Page
from . import aktuelles, panels

TRAEGER = "data/traeger.yml"


def traeger(ctx: Context) -> Iterator[Page]:
    daten = ctx.daten
    uebersicht = [(t, daten.schulen_von(t.id), daten.fachkraefte_bei(t.id)) for t in daten.traeger]
    yield Page("traeger/index.md", "traeger-liste.md.j2", {"traeger": uebersicht}, source=TRAEGER)
    for t, schulen, fachkraefte in uebersicht:
        yield Page(f"traeger/{t.id}.md", "traeger.md.j2", {
            **panels.kontext(ctx), "traeger": t, "schulen": schulen, "fachkraefte": fachkraefte,
            "meldungen": aktuelles.artikel_zu(ctx, "traeger", t.id)}, source=TRAEGER)
