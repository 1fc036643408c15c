"""Shared test fixtures: the repository's folders and the sample data, loaded once or as a fresh copy to break
on purpose. The shared strict builds of the sample site are in sitebuild.py."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import TODAY

from schulerfolg.buildcache import BuildCache
from schulerfolg.data.daten import Daten
from schulerfolg.findings.store import Befunde
from schulerfolg.load import load
from schulerfolg.site.build import Site, build

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
KAPUTT = ROOT / "tests" / "fixtures" / "kaputt" / "data"


# Figures a test reports for the end of the run (the browser gates, the hostile-data corpus), recorded with
# ``record_property``: »zusammenfassung« a line, »angriff« a row of the corpus's table. Reports reach this hook
# in the process that prints the summary, from pytest-xdist's workers too.
_zeilen: dict[str, None] = {}
_angriff: dict[str, dict] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    for name, wert in report.user_properties:
        if name == "zusammenfassung":
            _zeilen.setdefault(wert)
        elif name == "angriff":
            _angriff.setdefault(report.nodeid, wert)


def pytest_terminal_summary(terminalreporter) -> None:
    for zeile in _zeilen:
        terminalreporter.write_line(zeile)
    if _angriff:
        from angriff import tabelle

        terminalreporter.write_line(tabelle(list(_angriff.values())))


@pytest.fixture(scope="session")
def daten() -> Daten:
    """The sample data, loaded and checked once (on ``helpers.TODAY``). Shared by every test, so only read:
    a test that changes data changes a copy (``model_copy``, or ``data_copy`` and a load of its own)."""
    result = load(DATA, TODAY)
    if result.problems:
        pytest.fail("Die Beispieldaten enthalten Fehler:\n" + "\n".join(map(str, result.problems)), pytrace=False)
    return result.daten


@pytest.fixture(scope="session")
def sample_site(daten: Daten) -> Site:
    """The sample site as the core builds it for ``helpers.TODAY``, without MkDocs: every page (its Markdown is
    ``sample_site.markdown(page)``) and every file, made or taken from the repository's build cache as the hook
    does."""
    return build(daten, Befunde(None), BuildCache.of(ROOT), TODAY)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the sample data in ``<tmp>/data``, to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
