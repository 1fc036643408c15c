"""The network in figures: /zahlen/ with a chart, a table and a CSV file for each count (data/zahlen.py)."""
from __future__ import annotations

from collections.abc import Iterator

from schulerfolg.data.zahlen import Tabelle, zahlen
from schulerfolg.formats.tabelle import csv_bytes

from ..pages import Asset, Context, Page

FACHKRAEFTE = "data/fachkraefte.yml"


def csv_pfad(tabelle: Tabelle) -> str:
    return f"zahlen/{tabelle.kennung}.csv"


def zahlen_seite(ctx: Context) -> Iterator[Page | Asset]:
    z = zahlen(ctx.daten)
    for t in z.tabellen:
        yield Asset(csv_pfad(t), content=csv_bytes(t.spalten, ([z.name, *z.werte] for z in t.zeilen)))
    yield Page("zahlen/index.md", "zahlen.md.j2", {"zahlen": z, "stand": ctx.today,
                                                  "csv": {t.kennung: csv_pfad(t) for t in z.tabellen}},
               source=FACHKRAEFTE)
