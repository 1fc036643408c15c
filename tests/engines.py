"""The way past mkdocs-material's end of life (issue 20): the hook-free project of ``generate --projekt``, built
strictly by the other engines and finished by ``python -m schulerfolg nachbereiten``, as the handbook tells an
office to do it. One project per build date and one build per engine per session, shared by the comparison
with the MkDocs build (tests/test_engines.py) and the browser gates (tests/browser/test_engines.py)."""
from __future__ import annotations

import atexit
import functools
import re
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


def project(epoch: str = BUILD_EPOCH) -> Path:
    """``python -m schulerfolg generate --projekt`` of this repository, for the day ``epoch``."""
    return _project(str(epoch))  # once for project() and project(BUILD_EPOCH)


@functools.cache
def _project(epoch: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="schulerfolg-projekt-"))
    atexit.register(shutil.rmtree, folder, True)
    _run([sys.executable, "-m", "schulerfolg", "--data", str(ROOT / "data"), "generate", "--projekt",
          str(folder / "projekt")], ROOT, epoch, "generate --projekt")
    # The social cards are named by their words, as the hook's are (formats/ogimage.card_file): those the MkDocs
    # build drew into the repository's cache are not drawn again; a card with other words is drawn anew, into it.
    og = folder / "projekt" / ".cache" / "og"
    og.parent.mkdir(exist_ok=True)
    (ROOT / ".cache" / "og").mkdir(parents=True, exist_ok=True)
    og.symlink_to(ROOT / ".cache" / "og")
    return folder / "projekt"


def engine_build(engine: str, epoch: str = BUILD_EPOCH) -> Path:
    """The site ``engine`` builds from the shared project, finished by ``nachbereiten``; its folder."""
    return _engine_build(engine, str(epoch))  # once for engine_build(e) and engine_build(e, BUILD_EPOCH)


@functools.cache
def _engine_build(engine: str, epoch: str) -> Path:
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


# What an engine may write differently into a page MkDocs writes alike: its own name in the generator tag, and the
# edit button's feature, which the project leaves out for the other engines (generate.ohne_hooks: Zensical would
# draw the button). Material's script does not read that feature; only its templates do, to draw the button.
NUR_ANDERS = (
    (re.compile(r'<meta name="generator" content="[^"]*">'), '<meta name="generator">'),
    (re.compile(r', "content\.action\.edit"(?=\], "search")'), ""),
)
# Files no page loads by itself, which an engine may write in another order: the sitemap, and the search index
# (fetched once someone searches).
NICHT_GELADEN = re.compile(r"sitemap\.xml(\.gz)?|search/search_index\.json")


def _ohne_unterschiede(text: str) -> str:
    for muster, ersatz in NUR_ANDERS:
        text = muster.sub(ersatz, text)
    return text


def anders_als_bei_mkdocs(site: Path, mkdocs_site: Path) -> list[str]:
    """The files of ``site`` and of the MkDocs build that are not the same bytes, but for ``NUR_ANDERS`` in pages
    and the order of ``NICHT_GELADEN``: a file only one of them has, a page, an asset. Empty: what a browser sees in
    ``site`` it saw in the MkDocs build."""
    dateien = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    andere = {p.relative_to(mkdocs_site).as_posix() for p in mkdocs_site.rglob("*") if p.is_file()}

    def gleich(rel: str) -> bool:
        if NICHT_GELADEN.fullmatch(rel):
            return True
        if rel.endswith(".html"):
            return _ohne_unterschiede((site / rel).read_text(encoding="utf-8")) == \
                _ohne_unterschiede((mkdocs_site / rel).read_text(encoding="utf-8"))
        return (site / rel).read_bytes() == (mkdocs_site / rel).read_bytes()

    return sorted((dateien ^ andere) | {rel for rel in dateien & andere if not gleich(rel)})
