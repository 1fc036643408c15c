"""What every page that shows exhibition panels of social workers needs: each person's picture, the address of
each person's contact card, and the names of the languages people speak."""
from __future__ import annotations

from typing import Any

from schulerfolg.data.fields import sprachnamen
from schulerfolg.data.models import Fachkraft

from ..pages import Context


def visitenkarte(fachkraft: Fachkraft) -> str:
    """The address of a person's contact card (vCard) inside the site."""
    return f"kontakt/{fachkraft.id}.vcf"


def kontext(ctx: Context) -> dict[str, Any]:
    """The panels' share of a page's context (partials/tafel.html.j2)."""
    return {"bilder": ctx.bilder, "sprachnamen": sprachnamen(),
            "visitenkarten": {fachkraft.id: visitenkarte(fachkraft) for fachkraft in ctx.daten.fachkraefte}}
