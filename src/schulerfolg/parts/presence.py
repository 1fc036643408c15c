"""Start page, school social workers, schools, carriers, the finder and the office."""
from __future__ import annotations

from ..plan import Context, Page, part


@part
def start(ctx: Context):
    yield Page("index.md", "start.md.j2", {"nw": ctx.daten.netzwerkstelle}, source="data/netzwerkstelle.yml")
