"""Read every data file and check it against its model and the rules that span the data: every mistake
of every file, in German, at its line. What the data names on disk is checked afterwards (findings.checks)."""
from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from schulerfolg.problem import Problem

from . import checks
from .checks import CheckContext
from .messages import problems_from
from . import meldungen
from .models import DATEIEN, Fachkraft, Film, Formular, Schule, Termin, Traeger
from .yamlsource import Source, read

# Lists whose valid entries are still checked across files when a neighbour entry is broken,
# so one mistake is reported once instead of cascading into every reference to it.
ENTRIES: dict[str, tuple[str, str, type[BaseModel]]] = {
    "schulen": ("schulen.yml", "schulen", Schule),
    "traeger": ("traeger.yml", "traeger", Traeger),
    "fachkraefte": ("fachkraefte.yml", "fachkraefte", Fachkraft),
    "formulare": ("plus.yml", "formulare", Formular),
    "termine": ("termine.yml", "termine", Termin),
}
# Files a site may do without: no events yet is a site without a calendar, not a mistake.
FREIWILLIG = {"termine.yml"}



def read_all(data_dir: Path, today: datetime.date) -> tuple[CheckContext, dict[str, Any], list[Problem]]:
    """Every data file read and validated: the rules' context, each file's whole model (where valid), and the
    problems found on the way."""
    sources: dict[str, Source] = {}
    models: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, model in DATEIEN.items():
        display = f"{data_dir.name}/{name}"
        if _elsewhere(data_dir, name):
            problems.append(Problem(display, 0, 0, f"{display} ist ein Verweis auf eine andere Datei (symbolischer "
                                    "Link) und wird deshalb nicht gelesen. Legen Sie die Datei selbst in data/ ab."))
            continue
        if not (data_dir / name).is_file():
            if name in FREIWILLIG and not (data_dir / name).exists():
                continue
            problems.append(Problem(display, 0, 0, f"Die Datei fehlt. Legen Sie {display} an (Vorlage im Redaktionshandbuch)."))
            continue
        src = sources[name] = read(data_dir / name, display)
        problems += src.problems
        if src.data is None:
            if not src.problems:
                problems.append(Problem(display, 1, 1, "Die Datei ist leer. Tragen Sie die Daten ein (Vorlage im Redaktionshandbuch)."))
            continue
        try:
            models[name] = model.model_validate(src.data)
        except ValidationError as e:
            problems += problems_from(e, src, model)
    ctx = CheckContext(data_dir, sources, today)
    ctx.meldungen, gefunden = meldungen.read_folder(data_dir)
    problems += gefunden
    for key, (name, field, model) in ENTRIES.items():
        ctx.entries[key], ctx.ids[key] = _entries(sources.get(name), models.get(name), field, model)
    nw = models.get("netzwerkstelle.yml")
    for key in ("film", "gebaerdensprache"):
        film = getattr(nw, key) if nw else _valid(Film, _raw(sources.get("netzwerkstelle.yml"), key))
        if film is not None:
            ctx.filme[key] = film
    return ctx, models, problems + checks.run_all(ctx)


def _elsewhere(data_dir: Path, name: str) -> bool:
    """A data file that is a link, or lies outside the data folder: it is not read, so that no message
    ever quotes a file from elsewhere (a pull request could link data/schulen.yml to a secret)."""
    path = data_dir / name
    try:
        return path.is_symlink() or not path.resolve().is_relative_to(data_dir.resolve())
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
