"""The build cache: one layout for everything a build keeps for the next, its files named by what decides their
bytes, written whole, linked into the site.

A build trusts what it finds in ``<project>/.cache``: findings on files (befunde.json), photo variants, vCards,
calendars, films without metadata, social cards, the slimmed theme sheet. All of it is JSON, text or image bytes;
nothing there is unpickled or run (compiled templates live outside the checkout, see ``site.render.template_cache``).
So:
- git must not carry the cache: a pull request could plant findings that skip the checks or files that are
  published as they are. ``problems`` reports such files and stops the build; ``BuildCache.of`` then reads nothing there.
- A cache that cannot be written makes a build slower, never fails it (``write``, ``note``).
"""
from __future__ import annotations

import atexit
import contextlib
import errno
import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .problem import Problem

CACHE = ".cache"

# What git must never carry: the build's cache, and compiled Python, which Python runs instead of the reviewed
# source (a module's .pyc in __pycache__, an extension module beside its .py). ``icase``: on a Mac or Windows
# a tracked ».Cache« is checked out as the same folder.
_NIE_IN_GIT = (f":(icase){CACHE}", "*.pyc", "*.so", "*.pyd")


@dataclass(frozen=True)
class BuildCache:
    """Where the build of one project keeps its files: a folder per kind, made from the project folder and
    handed to every stage that keeps something (the hooks, the command line and the benchmark alike)."""

    folder: Path  # the project's .cache, or a private empty folder while git tracks files in it

    @classmethod
    def of(cls, root: Path) -> BuildCache:
        """The cache of the project in ``root``; while git tracks files in its ``.cache`` (``problems``),
        an empty folder of this process instead, so that nothing planted there is read."""
        if any(_in_cache(p) for p in tracked(root)):
            return cls(_private_folder() / "statt-eingechecktem-cache")
        return cls(Path(root) / CACHE)

    @property
    def befunde(self) -> Path:
        """The findings on referenced files (findings.store)."""
        return self.folder / "befunde.json"

    def kind(self, name: str) -> Path:
        """The folder of one kind of file: »bilder«, »vcards«, »kalender«, »filme«, »og«, »theme-css«."""
        return self.folder / name


def problems(root: Path) -> list[Problem]:
    """The files of ``tracked``, told as problems: a build for publication stops at them."""
    pfade = tracked(root)
    cache_dateien = [p for p in pfade if _in_cache(p)]
    code = [p for p in pfade if not _in_cache(p)]
    found = []
    if cache_dateien:
        found.append(Problem(CACHE, 0, 0, (
            "Der Zwischenspeicher des Baus gehört nicht in git: Ein Bau übernähme daraus Prüfergebnisse und fertige "
            f"Dateien, ohne sie zu prüfen. In git {_listing(cache_dateien)}. Nehmen Sie den Ordner mit "
            f"»git rm -r --cached {CACHE}« aus git heraus (die Dateien auf dem eigenen Rechner bleiben).")))
    if code:
        found.append(Problem(code[0], 0, 0, (
            "Kompilierter Python-Code gehört nicht in git: Python führte ihn statt des lesbaren Quelltexts aus. "
            f"In git {_listing(code)}. Nehmen Sie sie mit »git rm --cached DATEI« aus git heraus.")))
    return found


def tracked(root: Path) -> list[str]:
    """Paths (relative to ``root``) that git tracks below it and must not (``_NIE_IN_GIT``).
    A folder that is no git checkout, or a machine without git, has none."""
    # safe.directory: a CI job in a container runs as root in a checkout that belongs to the runner's user; git
    # would refuse to answer (»dubious ownership«) and the check would be skipped just where it matters. Listing
    # the index runs nothing the repository configures (fsmonitor, the one command ls-files could start, is off).
    befehl = ["git", "-c", "safe.directory=*", "-c", "core.fsmonitor=false", "ls-files", "-z", "--", *_NIE_IN_GIT]
    try:
        aus = subprocess.run(befehl, cwd=root, capture_output=True, timeout=60, check=True)
    except (OSError, subprocess.SubprocessError):
        return []
    return [os.fsdecode(p) for p in aus.stdout.split(b"\0") if p]


def _in_cache(pfad: str) -> bool:
    return pfad.split("/", 1)[0].lower() == CACHE


def _listing(pfade: list[str], zeigen: int = 3) -> str:
    """»steht 1 Datei: a« / »stehen 5 Dateien: a, b, c und 2 weitere«."""
    genannt = ", ".join(pfade[:zeigen]) + (f" und {len(pfade) - zeigen} weitere" if len(pfade) > zeigen else "")
    return f"steht 1 Datei: {genannt}" if len(pfade) == 1 else f"stehen {len(pfade)} Dateien: {genannt}"


def path_for(folder: Path, parts: Iterable[str], suffix: str) -> Path:
    """Where the file made from ``parts`` lives in ``folder``. ``parts``: everything that decides its bytes,
    the input and the code (its ``fingerprint``, or a version the module bumps when its output changes).

    Equal parts give the same name, so a file that exists is the right one and is never made again."""
    schluessel = hashlib.sha256("\0".join(parts).encode()).hexdigest()
    return Path(folder) / schluessel[:2] / f"{schluessel}.{suffix}"


def fingerprint(*quellen: Path, bibliotheken: Iterable[str] = ()) -> str:
    """Fingerprint of the code that makes a cached file: its modules' source and its libraries' versions."""
    h = hashlib.sha256()
    for quelle in quellen:
        h.update(Path(quelle).read_bytes())
    for name in bibliotheken:
        try:
            h.update(f"{name}={version(name)};".encode())
        except PackageNotFoundError:
            h.update(f"{name}=?;".encode())
    return h.hexdigest()


def write(ziel: Path, inhalt: bytes) -> Path:
    """Write ``ziel`` whole and return where the file is. Every write into the cache comes here.

    A cache that cannot be written (``.cache`` a file or a link to nowhere, a read-only folder, a full disk)
    costs time, not the build: the file then goes to a temporary folder of this process, so the caller has it
    all the same, and ``note`` says once what happened."""
    try:
        _write_whole(ziel, inhalt)
        return ziel
    except OSError as fehler:
        note_failure(ziel, reason(fehler))
    ausweiche = _private_folder() / "einzeln" / hashlib.sha256(os.fsencode(ziel)).hexdigest()[:32] / ziel.name
    _write_whole(ausweiche, inhalt)
    return ausweiche


def _write_whole(ziel: Path, inhalt: bytes) -> None:
    """Via a temporary name, so an interrupted build never leaves half a file in the cache."""
    ziel.parent.mkdir(parents=True, exist_ok=True)
    tmp = ziel.with_name(f".{ziel.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(inhalt)
        os.replace(tmp, ziel)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise


def prune(behalten: Path) -> None:
    """Remove the other files of ``behalten``'s folder with its ending; what cannot be removed stays."""
    for alt in behalten.parent.glob(f"*{behalten.suffix}"):
        if alt != behalten:
            with contextlib.suppress(OSError):
                alt.unlink()


# Why a write failed, for the editor (errno's own texts are English).
_GRUENDE = {
    errno.ENOSPC: "der Datenträger ist voll", errno.EDQUOT: "der Speicherplatz ist ausgeschöpft",
    errno.EACCES: "keine Schreibrechte", errno.EPERM: "keine Schreibrechte",
    errno.EROFS: "der Datenträger ist schreibgeschützt",
    errno.ENOTDIR: "ein Teil des Pfads ist eine Datei statt eines Ordners",
    errno.EEXIST: "ein Teil des Pfads ist kein Ordner (etwa ein Verweis ins Leere)",
    errno.ELOOP: "ein Teil des Pfads ist ein Verweis im Kreis",
}


def reason(fehler: OSError) -> str:
    return _GRUENDE.get(fehler.errno, "das System lässt es nicht zu")


_fehler: list[tuple[Path, str]] = []  # this build's failed writes: where, and why (in German)


def note_failure(pfad: Path, grund: str) -> None:
    """Note that the cache could not take ``pfad``; the build goes on without it."""
    _fehler.append((pfad, grund))


def new_build() -> None:
    """At the start of a build (``mkdocs serve`` builds again in the same process)."""
    _fehler.clear()


def note() -> str | None:
    """One German note when this build could not write its cache, else None."""
    if not _fehler:
        return None
    pfad, grund = _fehler[0]
    return (f"Hinweis: Der Zwischenspeicher ließ sich nicht beschreiben ({grund}: {pfad}). Dieser Bau hat ohne "
            "ihn gearbeitet und war deshalb langsamer; die Website ist dieselbe. Den Ordner ».cache« darf man jederzeit löschen.")


@cache
def _private_folder() -> Path:
    """A folder only this process can write (mode 0700), removed when it ends."""
    ordner = Path(tempfile.mkdtemp(prefix="schulerfolg-cache-"))
    atexit.register(shutil.rmtree, ordner, True)
    return ordner


def link(quelle: Path, ziel: Path) -> None:
    """``ziel`` as a hard link to the cache file ``quelle``: no copying, ten times faster per file
    (5,000 files at 1,000 schools: 1.7 s → 0.3 s); across file systems, a copy.

    Safe because a cache file is never rewritten in place: new content gets a new name and is written
    via ``write``. An old file at ``ziel`` goes first, so nothing is ever written through an old
    link into the cache (``mkdocs build --dirty``). Files from data/ are copied, never linked.
    """
    ziel.parent.mkdir(parents=True, exist_ok=True)
    ziel.unlink(missing_ok=True)
    try:
        os.link(quelle, ziel)
    except OSError:
        shutil.copyfile(quelle, ziel)
