"""Load and check all data files: every mistake of every file, or the data."""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import ablage, checks
from .befunde import Befunde
from .buildinfo import build_date
from .daten import Daten
from .leise import gedaempft
from .messages import problems_from
from .models import DATEIEN, Fachkraft, Film, Formular, Schule, Traeger
from .problem import Problem
from .yamlsource import Source, read

# Lists whose valid entries are still checked across files when a neighbour entry is broken,
# so one mistake is reported once instead of cascading into every reference to it.
ENTRIES: dict[str, tuple[str, str, type[BaseModel]]] = {
    "schulen": ("schulen.yml", "schulen", Schule),
    "traeger": ("traeger.yml", "traeger", Traeger),
    "fachkraefte": ("fachkraefte.yml", "fachkraefte", Fachkraft),
    "formulare": ("plus.yml", "formulare", Formular),
}


@dataclass
class Ergebnis:
    daten: Daten | None  # None whenever there is a problem
    problems: list[Problem]


def load(root: Path, today: datetime.date | None = None, cache_dir: Path | None = None) -> Ergebnis:
    """``cache_dir``: where findings on photos, forms and film are kept between builds (see befunde.py)."""
    with gedaempft():  # only German reaches the editor: what libraries say on the way is collected (leise.py)
        return _load(Path(root), today, cache_dir)


def _load(root: Path, today: datetime.date | None, cache_dir: Path | None) -> Ergebnis:
    sources: dict[str, Source] = {}
    models: dict[str, Any] = {}
    problems: list[Problem] = ablage.probleme(root.absolute().parent)  # a cache or compiled code tracked by git
    for name, model in DATEIEN.items():
        display = f"{root.name}/{name}"
        if _elsewhere(root, name):
            problems.append(Problem(display, 0, 0, f"{display} ist ein Verweis auf eine andere Datei (symbolischer "
                                    "Link) und wird deshalb nicht gelesen. Legen Sie die Datei selbst in data/ ab."))
            continue
        if not (root / name).is_file():
            problems.append(Problem(display, 0, 0, f"Die Datei fehlt. Legen Sie {display} an (Vorlage im Redaktionshandbuch)."))
            continue
        src = sources[name] = read(root / name, display)
        problems += src.problems
        if src.data is None:
            if not src.problems:
                problems.append(Problem(display, 1, 1, "Die Datei ist leer. Tragen Sie die Daten ein (Vorlage im Redaktionshandbuch)."))
            continue
        try:
            models[name] = model.model_validate(src.data)
        except ValidationError as e:
            problems += problems_from(e, src, model)
    ctx = checks.Context(root, sources, today or build_date(),
                         befunde=Befunde(Path(cache_dir) / "befunde.json" if cache_dir is not None else None))
    for key, (name, field, model) in ENTRIES.items():
        ctx.entries[key], ctx.ids[key] = _entries(sources.get(name), models.get(name), field, model)
    nw = models.get("netzwerkstelle.yml")
    for key in ("film", "gebaerdensprache"):
        film = getattr(nw, key) if nw else _valid(Film, _raw(sources.get("netzwerkstelle.yml"), key))
        if film is not None:
            ctx.filme[key] = film
    problems += checks.run_all(ctx)
    problems = sorted(set(problems))
    if problems:
        ctx.befunde.speichern(alte_behalten=True)  # nothing is planned now: keep everything for the next try
        return Ergebnis(None, problems)
    daten = Daten(root=root, schulen=models["schulen.yml"].schulen, traeger=models["traeger.yml"].traeger,
                  fachkraefte=models["fachkraefte.yml"].fachkraefte, plus=models["plus.yml"],
                  netzwerkstelle=nw, befunde=ctx.befunde)  # planning adds its findings, then keeps them all
    return Ergebnis(daten, [])


def _elsewhere(root: Path, name: str) -> bool:
    """A data file that is a link, or lies outside the data folder: it is not read, so that no message
    ever quotes a file from elsewhere (a pull request could link data/schulen.yml to a secret)."""
    path = root / name
    try:
        return path.is_symlink() or not path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return True


def _entries(src: Source | None, whole: Any, field: str, model: type[BaseModel]):
    """(index, entry) for every valid entry, and every id written, valid or not."""
    raw = _raw(src, field)
    if not isinstance(raw, list):
        return [], None  # no list to check against: references to it are not judged
    ids = [(i, item["id"]) for i, item in enumerate(raw) if isinstance(item, dict) and isinstance(item.get("id"), str)]
    if whole is not None:
        return list(enumerate(getattr(whole, field))), ids
    valid = [(i, entry) for i, item in enumerate(raw) if (entry := _valid(model, item)) is not None]
    return valid, ids


def _raw(src: Source | None, field: str) -> Any:
    return src.data.get(field) if src is not None and isinstance(src.data, dict) else None


def _valid(model: type[BaseModel], data: Any):
    try:
        return model.model_validate(data) if data is not None else None
    except ValidationError:
        return None  # already reported by the whole file's validation
