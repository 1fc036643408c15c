"""Shared test fixtures: the repository, a fresh copy of the sample data, a fixed build date."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
KAPUTT = ROOT / "tests" / "fixtures" / "kaputt" / "data"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the sample data in ``<tmp>/data``, to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
