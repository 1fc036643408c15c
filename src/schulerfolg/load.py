"""Load and check all data: every mistake in the data files and in the files they name, or the data.

Two stages check: the data's own (data.read: files, models, rules across the data) and the findings on the
files it names (findings.checks: photos, forms, films, by content). Their findings are kept between builds.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from schulerfolg.data.buildinfo import build_date
from schulerfolg.data.daten import Daten
from schulerfolg.data.quiet import quiet
from schulerfolg.data.read import read_all
from schulerfolg.findings import checks
from schulerfolg.findings.store import Befunde

from . import buildcache
from .buildcache import BuildCache
from .problem import Problem


@dataclass
class Result:
    daten: Daten | None  # None whenever there is a problem
    problems: list[Problem]
    befunde: Befunde = field(default_factory=lambda: Befunde(None))  # what was found out about the named files


def load(data_dir: Path, today: datetime.date | None = None, cache: BuildCache | None = None) -> Result:
    """``cache``: where findings on photos, forms and film are kept between builds (see findings/store.py)."""
    with quiet():  # only German reaches the editor: what libraries say on the way is collected (quiet.py)
        return _load(Path(data_dir), today or build_date(), cache)


def _load(data_dir: Path, today: datetime.date, cache: BuildCache | None) -> Result:
    problems = buildcache.problems(data_dir.absolute().parent)  # a cache or compiled code tracked by git
    ctx, models, gelesen = read_all(data_dir, today)
    befunde = Befunde(cache.befunde if cache is not None else None)
    problems = sorted(set(problems + gelesen + checks.run_all(ctx, befunde)))
    if problems:
        befunde.save(keep_old=True)  # nothing is planned now: keep everything for the next try
        return Result(None, problems, befunde)
    daten = Daten(data_dir=data_dir, schulen=models["schulen.yml"].schulen, traeger=models["traeger.yml"].traeger,
                  fachkraefte=models["fachkraefte.yml"].fachkraefte, plus=models["plus.yml"],
                  netzwerkstelle=models["netzwerkstelle.yml"],
                  termine=models["termine.yml"].termine if "termine.yml" in models else [],
                  meldungen={e.kennung: e.meldung for e in ctx.meldungen})
    return Result(daten, [], befunde)
