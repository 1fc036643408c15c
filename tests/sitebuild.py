"""The one way the tests run ``mkdocs build --strict``, and one shared build of the sample site per build date
(built on first use, kept for the session), for every test that only reads it."""
from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent

# The build date of the shared site unless a test needs another day: 2026-11-21 00:00 UTC, as helpers.TODAY.
BUILD_EPOCH = "1795219200"

# Besides the date, what the environment changes in a build: the repository (edit links, the web editor at
# /admin/) and the web editor's login. A test build sees none of them unless the test sets them itself.
_DEPLOYMENT = ("REPO_URL", "EDIT_URI", "DECAP_BRANCH", "DECAP_AUTH_URL", "DECAP_GITLAB_APP_ID")


def build_env(epoch: str = BUILD_EPOCH, **extra: str) -> dict[str, str]:
    """The environment of a test build: this process's, without deployment settings, for the day ``epoch``."""
    env = {k: v for k, v in os.environ.items() if k not in _DEPLOYMENT}
    return {**env, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": epoch, **extra}


def mkdocs_build(project: Path, dest: Path, epoch: str = BUILD_EPOCH, env: dict[str, str] | None = None,
                 timeout: float = 900) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``project`` into ``dest``; the caller judges the outcome."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
                          cwd=project, env=env or build_env(epoch), capture_output=True, text=True, timeout=timeout)


def project_copy(target: Path, link_cache: bool = False) -> Path:
    """A copy of the project as mkdocs.yml names it (mkdocs.yml, docs/, overrides/, hooks/, data/, src/), to change
    and build. ``link_cache``: its build cache is the repository's, whose files are named by what decides their
    bytes, so photos and films are not made again."""
    target.mkdir(parents=True, exist_ok=True)
    for item in ("mkdocs.yml", "docs", "overrides", "hooks", "data", "src"):
        if (ROOT / item).is_dir():
            shutil.copytree(ROOT / item, target / item, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / item, target / item)
    if link_cache:
        (ROOT / ".cache").mkdir(exist_ok=True)
        (target / ".cache").symlink_to(ROOT / ".cache")
    return target


def strict_build(epoch: str = BUILD_EPOCH) -> Path:
    """The sample site (this repository's data/, docs/ and overrides/) built for the day ``epoch``
    (SOURCE_DATE_EPOCH), once per session and day; fails with MkDocs' own output."""
    return _strict_build(str(epoch))  # one build for strict_build() and strict_build(BUILD_EPOCH)


@functools.cache
def _strict_build(epoch: str) -> Path:
    out = Path(tempfile.mkdtemp(prefix="schulerfolg-site-")) / "site"
    atexit.register(shutil.rmtree, out.parent, True)
    run = mkdocs_build(ROOT, out, epoch)
    if run.returncode != 0:
        raise AssertionError(f"mkdocs build --strict (SOURCE_DATE_EPOCH={epoch}) failed:\n" + run.stdout + run.stderr)
    return out


def page(site: Path, url: str) -> BeautifulSoup:
    """The built page at a directory URL such as ``eltern/ar/hilfe/``."""
    path = file_of(site, url)
    assert path.is_file(), f"page {url!r} missing: {path}"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def target(url: str, href: str) -> str:
    """Site-relative path a link on page ``url`` points to (``impressum/``), without fragment."""
    return urlsplit(urljoin("http://site/" + url, href)).path.lstrip("/")


def file_of(site: Path, path: str) -> Path:
    path = unquote(path)
    return site / path / "index.html" if path.endswith("/") or path == "" else site / path


def all_pages(site: Path) -> list[str]:
    """Directory URL of every HTML page in the built site (``""`` is the start page)."""
    urls = []
    for f in sorted(site.rglob("index.html")):
        rel = f.parent.relative_to(site).as_posix()
        urls.append("" if rel == "." else rel + "/")
    return urls
