"""The way past mkdocs-material's end of life (issue 20): the hook-free project of ``generate --projekt``, built
strictly by the other engines and finished by ``python -m schulerfolg nachbereiten``, as the handbook tells an
office to do it. One project per build date and one build per engine per session, shared by the comparison
with the MkDocs build (tests/test_engines.py) and the browser gates (tests/browser/test_engines.py)."""
from __future__ import annotations

import atexit
import functools
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

from sitebuild import BUILD_EPOCH, ROOT, build_env

# Each engine's strict build of the project in the working directory into the folder given last.
ENGINES: dict[str, list[str]] = {
    "zensical": ["-m", "zensical", "build", "--strict", "--clean"],  # always writes to the project's site/
    "properdocs": ["-m", "properdocs", "build", "--strict", "-d"],
}
# The distributions whose versions the handbook names (docs/redaktion/technik.md, test_engines.py).
DISTRIBUTIONS = {"MkDocs": "mkdocs", "mkdocs-material": "mkdocs-material", "Zensical": "zensical",
                 "ProperDocs": "properdocs"}


class EngineFailed(Exception):
    pass


def versions() -> dict[str, str]:
    return {name: version(dist) for name, dist in DISTRIBUTIONS.items()}


def versions_line() -> str:
    """The sentence of the handbook that names the versions this test run used."""
    v = versions()
    return (f"Geprüft mit Zensical {v['Zensical']} und ProperDocs {v['ProperDocs']}, verglichen mit "
            f"MkDocs {v['MkDocs']} und mkdocs-material {v['mkdocs-material']}.")


@functools.cache
def project(epoch: str = BUILD_EPOCH) -> Path:
    """``python -m schulerfolg generate --projekt`` of this repository, for the day ``epoch``."""
    folder = Path(tempfile.mkdtemp(prefix="schulerfolg-projekt-"))
    atexit.register(shutil.rmtree, folder, True)
    _run([sys.executable, "-m", "schulerfolg", "--data", str(ROOT / "data"), "generate", "--projekt",
          str(folder / "projekt")], ROOT, epoch, "generate --projekt")
    return folder / "projekt"


@functools.cache
def engine_build(engine: str, epoch: str = BUILD_EPOCH) -> Path:
    """The site ``engine`` builds from the shared project, finished by ``nachbereiten``; its folder."""
    projekt = project(epoch)
    site = projekt / "site" if engine == "zensical" else projekt.parent / f"site-{engine}"
    command = [sys.executable, *ENGINES[engine]] + ([] if engine == "zensical" else [str(site)])
    _run(command, projekt, epoch, f"{engine} build --strict")
    _run([sys.executable, "-m", "schulerfolg", "nachbereiten", str(projekt), "--site", str(site)], projekt, epoch,
         f"nachbereiten nach {engine}")
    return site


def _run(command: list[str], cwd: Path, epoch: str, what: str) -> None:
    done = subprocess.run(command, cwd=cwd, env=build_env(epoch), capture_output=True, text=True, timeout=900,
                          check=False)
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise EngineFailed(f"{what} schlug fehl (Exit {done.returncode}):\n{output[-6000:]}")
