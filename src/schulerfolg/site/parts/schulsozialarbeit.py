"""School social work: every social worker as an exhibition panel, and each one's contact card."""
from __future__ import annotations

from collections.abc import Iterator

from schulerfolg.formats.vcard import vcard, vcard_key

from ..pages import Asset, Context, Page, Recipe
from . import panels

FACHKRAEFTE = "data/fachkraefte.yml"


def fachkraefte(ctx: Context) -> Iterator[Page]:
    mit_fachkraft = {sid for fachkraft in ctx.daten.fachkraefte for sid in fachkraft.schulen}
    yield Page("schulsozialarbeit/index.md", "fachkraefte.md.j2", {
        **panels.kontext(ctx), "fachkraefte": ctx.daten.fachkraefte, "schulen_mit_fachkraft": len(mit_fachkraft)},
        source=FACHKRAEFTE)


def visitenkarten(ctx: Context) -> Iterator[Asset]:
    """Each card is made only when the person's data or the code that writes cards changed (vcard.py)."""
    daten = ctx.daten
    for fachkraft in daten.fachkraefte:
        yield Asset(panels.visitenkarte(fachkraft), recipe=Recipe("vcards", vcard_key(fachkraft, daten), "vcf",
                                                                  lambda fachkraft=fachkraft: vcard(fachkraft, daten)))
