"""All data of the site, checked, with the look-ups pages need."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .models import Fachkraft, Meldung, Netzwerkstelle, Plus, Schule, Termin, Traeger


@dataclass
class Daten:
    data_dir: Path  # the data/ folder; referenced files are relative to it
    schulen: list[Schule]
    traeger: list[Traeger]
    fachkraefte: list[Fachkraft]
    plus: Plus
    netzwerkstelle: Netzwerkstelle
    termine: list[Termin] = field(default_factory=list)
    meldungen: dict[str, Meldung] = field(default_factory=dict)  # file name without ».md« → the item
    _an_schule: dict[str, list[Fachkraft]] = field(init=False, repr=False)
    _bei_traeger: dict[str, list[Fachkraft]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.schule = {s.id: s for s in self.schulen}
        self._reihenfolge = {s.id: i for i, s in enumerate(self.schulen)}
        self.traeger_von = {t.id: t for t in self.traeger}
        self._an_schule = {s.id: [] for s in self.schulen}
        self._bei_traeger = {t.id: [] for t in self.traeger}
        for fachkraft in self.fachkraefte:
            for sid in fachkraft.schulen:
                self._an_schule[sid].append(fachkraft)
            self._bei_traeger[fachkraft.traeger].append(fachkraft)

    def fachkraefte_an(self, schule_id: str) -> list[Fachkraft]:
        return self._an_schule[schule_id]

    def fachkraefte_bei(self, traeger_id: str) -> list[Fachkraft]:
        return self._bei_traeger[traeger_id]

    def schulen_von(self, traeger_id: str) -> list[Schule]:
        """Schools where the carrier's staff work, in the order of schulen.yml (without walking all
        schools for each carrier: that grew with carriers × schools)."""
        ids = {sid for f in self._bei_traeger[traeger_id] for sid in f.schulen}
        return sorted((self.schule[sid] for sid in ids), key=lambda s: self._reihenfolge[s.id])

    def summary(self) -> str:
        formulare = sum(1 + len(f.alternativen) for f in self.plus.formulare)
        return (f"{len(self.schulen)} Schulen, {len(self.fachkraefte)} Fachkräfte, {len(self.traeger)} Träger, "
                f"{formulare} Formulare")
