"""One strict build of the sample site, shared by the test modules that only read it (built on first use)."""
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


@functools.cache
def strict_build() -> Path:
    """``mkdocs build --strict`` of the repository into a temporary folder; fails with MkDocs' own output."""
    out = Path(tempfile.mkdtemp(prefix="schulerfolg-site-")) / "site"
    atexit.register(shutil.rmtree, out.parent, True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                          "-d", str(out)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    if run.returncode != 0:
        raise AssertionError("mkdocs build --strict failed:\n" + run.stdout + run.stderr)
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
