"""Load and check all data files: every mistake of every file, or the data."""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from . import checks
from .buildinfo import build_date
from .daten import Daten
from .messages import problems_from
from .models import DATEIEN
from .problem import Problem
from .yamlsource import Source, read


@dataclass
class Ergebnis:
    daten: Daten | None  # None whenever there is a problem
    problems: list[Problem]


def load(root: Path, today: datetime.date | None = None) -> Ergebnis:
    root = Path(root)
    today = today or build_date()
    sources: dict[str, Source] = {}
    models: dict[str, object] = {}
    problems: list[Problem] = []
    for name, model in DATEIEN.items():
        display = f"{root.name}/{name}"
        path = root / name
        if not path.is_file():
            problems.append(Problem(display, 0, 0, f"Die Datei fehlt. Legen Sie {display} an (Vorlage im Redaktionshandbuch)."))
            continue
        src = sources[name] = read(path, display)
        problems += src.problems
        if src.problems and src.data is None:
            continue
        if src.data is None:
            problems.append(Problem(display, 1, 1, "Die Datei ist leer. Tragen Sie die Daten ein (Vorlage im Redaktionshandbuch)."))
            continue
        try:
            models[name] = model.model_validate(src.data)
        except ValidationError as e:
            problems += problems_from(e, src, model)
    problems += checks.run_all(checks.Context(root, sources, models, today))
    problems = sorted(set(problems))
    if problems or len(models) != len(DATEIEN):
        return Ergebnis(None, problems)
    daten = Daten(root=root, schulen=models["schulen.yml"].schulen, traeger=models["traeger.yml"].traeger,
                  fachkraefte=models["fachkraefte.yml"].fachkraefte, plus=models["plus.yml"],
                  netzwerkstelle=models["netzwerkstelle.yml"])
    return Ergebnis(daten, [])
