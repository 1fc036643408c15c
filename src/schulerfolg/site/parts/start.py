"""The start page: three tasks on the first screen of a phone – find the help at my school, PLUS+ with its next
deadline and forms, the parents' guide in its languages – then the exhibition's panels and the figures."""
from __future__ import annotations

from collections.abc import Iterator

from schulerfolg.data.daten import Daten
from schulerfolg.data.fristen import stand

from .. import eltern
from ..pages import Context, Page, url_of
from . import aktuelles, schulsozialarbeit
from .schulen import sortkey
from .plus import kalender_pfade

NETZWERKSTELLE = "data/netzwerkstelle.yml"


def start(ctx: Context) -> Iterator[Page]:
    daten = ctx.daten
    fristen = stand(daten.plus.fristen, ctx.today)
    yield Page("index.md", "start.md.j2", {
        "nw": daten.netzwerkstelle, "video": ctx.videos.get("film"), "plus": daten.plus,
        "stand": fristen, "kalender": kalender_pfade(fristen), "schulen": sorted_schools(daten),
        "ratgeber": ratgeber_sprachen(daten), "zahlen": zahlen(daten),
        **aktuelles.start_kontext(ctx)}, source=NETZWERKSTELLE)


def sorted_schools(daten: Daten) -> list:
    """The finder's suggestions: every school by name, as parents type it."""
    return sorted(daten.schulen, key=lambda s: sortkey(s.name))


def ratgeber_sprachen(daten: Daten) -> list[tuple[eltern.Ratgebersprache, str]]:
    """Each language the parents' guide has a first page in, with that page's address."""
    docs = daten.data_dir.parent / "docs"  # the project's layout: docs/ beside data/ (parts/elternratgeber.py)
    return [(s, url_of(eltern.pfad(s, "index.md"))) for s in eltern.SPRACHEN
            if (docs / eltern.pfad(s, "index.md")).is_file()]


def zahlen(daten: Daten) -> dict[str, int]:
    """The figures under the panels, counted from the data (never written into a text by hand)."""
    return {"schulen": len(daten.schulen),
            "mit_fachkraft": schulsozialarbeit.schulen_mit_fachkraft(daten),
            "fachkraefte": len(daten.fachkraefte),
            "traeger": len(daten.traeger),
            "sprachen": len(schulsozialarbeit.filtersprachen(daten))}
