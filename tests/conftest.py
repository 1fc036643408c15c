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
