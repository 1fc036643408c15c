"""The build cache: where it is, its files named by what decides their bytes, written whole, linked into the site.

A build trusts what it finds in ``<project>/.cache``: verdicts on files (befunde.json), photo variants, vCards,
calendars, social cards, the slimmed theme sheet. All of it is JSON, text or image bytes; nothing there is
unpickled or run (compiled templates live outside the checkout, see ``render.template_cache``). So:
- git must not carry the cache: a pull request could plant verdicts that skip the checks or files that are
  published as they are. ``probleme`` reports such files and stops the build; ``ordner`` then reads nothing there.
- A cache that cannot be written makes a build slower, never fails it (``schreiben``, ``hinweis``).
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
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .problem import Problem

CACHE = ".cache"

# What git must never carry: the build's cache, and compiled Python, which Python runs instead of the reviewed
# source (a module's .pyc in __pycache__, an extension module beside its .py). ``icase``: on a Mac or Windows
# a tracked ».Cache« is checked out as the same folder.
_NIE_IN_GIT = (f":(icase){CACHE}", "*.pyc", "*.so", "*.pyd")


def ordner(projekt: Path) -> Path:
    """The build cache of ``projekt``: its ``.cache`` folder; while git tracks files in it (``probleme``),
    an empty folder of this process instead, so that nothing planted there is read."""
    if any(_im_cache(p) for p in eingecheckt(projekt)):
        return _ausweichordner() / "statt-eingechecktem-cache"
    return Path(projekt) / CACHE


def probleme(projekt: Path) -> list[Problem]:
    """The files of ``eingecheckt``, told as problems: a build for publication stops at them."""
    pfade = eingecheckt(projekt)
    cache_dateien = [p for p in pfade if _im_cache(p)]
    code = [p for p in pfade if not _im_cache(p)]
    found = []
    if cache_dateien:
        found.append(Problem(CACHE, 0, 0, (
            "Der Zwischenspeicher des Baus gehört nicht in git: Ein Bau übernähme daraus Prüfergebnisse und fertige "
            f"Dateien, ohne sie zu prüfen. In git {_aufzaehlung(cache_dateien)}. Nehmen Sie den Ordner mit "
            f"»git rm -r --cached {CACHE}« aus git heraus (die Dateien auf dem eigenen Rechner bleiben).")))
    if code:
        found.append(Problem(code[0], 0, 0, (
            "Kompilierter Python-Code gehört nicht in git: Python führte ihn statt des lesbaren Quelltexts aus. "
            f"In git {_aufzaehlung(code)}. Nehmen Sie sie mit »git rm --cached DATEI« aus git heraus.")))
    return found


def eingecheckt(projekt: Path) -> list[str]:
    """Paths (relative to ``projekt``) that git tracks below it and must not (``_NIE_IN_GIT``).
    A folder that is no git checkout, or a machine without git, has none."""
    # safe.directory: a CI job in a container runs as root in a checkout that belongs to the runner's user; git
    # would refuse to answer (»dubious ownership«) and the check would be skipped just where it matters. Listing
    # the index runs nothing the repository configures (fsmonitor, the one command ls-files could start, is off).
    befehl = ["git", "-c", "safe.directory=*", "-c", "core.fsmonitor=false", "ls-files", "-z", "--", *_NIE_IN_GIT]
    try:
        aus = subprocess.run(befehl, cwd=projekt, capture_output=True, timeout=60, check=True)
    except (OSError, subprocess.SubprocessError):
        return []
    return [os.fsdecode(p) for p in aus.stdout.split(b"\0") if p]


def _im_cache(pfad: str) -> bool:
    return pfad.split("/", 1)[0].lower() == CACHE


def _aufzaehlung(pfade: list[str], zeigen: int = 3) -> str:
    """»steht 1 Datei: a« / »stehen 5 Dateien: a, b, c und 2 weitere«."""
    genannt = ", ".join(pfade[:zeigen]) + (f" und {len(pfade) - zeigen} weitere" if len(pfade) > zeigen else "")
    return f"steht 1 Datei: {genannt}" if len(pfade) == 1 else f"stehen {len(pfade)} Dateien: {genannt}"


def datei(ordner: Path, teile: Iterable[str], endung: str) -> Path:
    """Where the file made from ``teile`` lives in ``ordner``. ``teile``: everything that decides its bytes,
    the input and the code (its ``fassung``, or a version the module bumps when its output changes).

    Equal parts give the same name, so a file that exists is the right one and is never made again."""
    schluessel = hashlib.sha256("\0".join(teile).encode()).hexdigest()
    return Path(ordner) / schluessel[:2] / f"{schluessel}.{endung}"


def fassung(*quellen: Path, bibliotheken: Iterable[str] = ()) -> str:
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


def schreiben(ziel: Path, inhalt: bytes) -> Path:
    """Write ``ziel`` whole and return where the file is. Every write into the cache comes here.

    A cache that cannot be written (``.cache`` a file or a link to nowhere, a read-only folder, a full disk)
    costs time, not the build: the file then goes to a temporary folder of this process, so the caller has it
    all the same, and ``hinweis`` says once what happened."""
    try:
        _ganz_schreiben(ziel, inhalt)
        return ziel
    except OSError as fehler:
        merken(ziel, grund(fehler))
    ausweiche = _ausweichordner() / "einzeln" / hashlib.sha256(os.fsencode(ziel)).hexdigest()[:32] / ziel.name
    _ganz_schreiben(ausweiche, inhalt)
    return ausweiche


def _ganz_schreiben(ziel: Path, inhalt: bytes) -> None:
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


def aufraeumen(behalten: Path) -> None:
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


def grund(fehler: OSError) -> str:
    return _GRUENDE.get(fehler.errno, "das System lässt es nicht zu")


_fehler: list[tuple[Path, str]] = []  # this build's failed writes: where, and why (in German)


def merken(pfad: Path, grund: str) -> None:
    """Note that the cache could not take ``pfad``; the build goes on without it."""
    _fehler.append((pfad, grund))


def neuer_bau() -> None:
    """At the start of a build (``mkdocs serve`` builds again in the same process)."""
    _fehler.clear()


def hinweis() -> str | None:
    """One German note when this build could not write its cache, else None."""
    if not _fehler:
        return None
    pfad, grund = _fehler[0]
    return (f"Hinweis: Der Zwischenspeicher ließ sich nicht beschreiben ({grund}: {pfad}). Dieser Bau hat ohne "
            "ihn gearbeitet und war deshalb langsamer; die Website ist dieselbe. Den Ordner ».cache« darf man jederzeit löschen.")


@cache
def _ausweichordner() -> Path:
    """A folder only this process can write (mode 0700), removed when it ends."""
    ordner = Path(tempfile.mkdtemp(prefix="schulerfolg-cache-"))
    atexit.register(shutil.rmtree, ordner, True)
    return ordner


def ablegen(quelle: Path, ziel: Path) -> None:
    """``ziel`` as a hard link to the cache file ``quelle``: no copying, ten times faster per file
    (5,000 files at 1,000 schools: 1.7 s → 0.3 s); across file systems, a copy.

    Safe because a cache file is never rewritten in place: new content gets a new name and is written
    via ``schreiben``. An old file at ``ziel`` goes first, so nothing is ever written through an old
    link into the cache (``mkdocs build --dirty``). Files from data/ are copied, never linked.
    """
    ziel.parent.mkdir(parents=True, exist_ok=True)
    ziel.unlink(missing_ok=True)
    try:
        os.link(quelle, ziel)
    except OSError:
        shutil.copyfile(quelle, ziel)
