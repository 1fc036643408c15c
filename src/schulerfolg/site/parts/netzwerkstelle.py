"""The office itself: tasks, steering group, partners, contact, legal basis."""
from __future__ import annotations

from collections.abc import Iterator

from ..pages import Context, Page

NETZWERKSTELLE = "data/netzwerkstelle.yml"


def netzwerkstelle(ctx: Context) -> Iterator[Page]:
    yield Page("netzwerkstelle/index.md", "netzwerkstelle.md.j2", {"nw": ctx.daten.netzwerkstelle},
               source=NETZWERKSTELLE)
