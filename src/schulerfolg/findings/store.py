"""Findings on referenced files (photos, forms, film), kept between builds by the files' content.

A finding is a check's verdict (a German message, or None) or a fact the pages need: a photo's
size as shown, a form's own date, a film's length, the cues of a caption file. Finding it means
decoding the file with Pillow, pypdf, defusedxml, mutagen, ebmlite or webvtt-py: about a millisecond per photo, a second
for the 600 photos of 1,000 schools, and importing the libraries takes 0.1–0.3 s.
The same bytes under the same name, examined by the same code, give the same finding; so each one
is stored under a hash of the bytes, the file name (a form is judged by its ending too) and the
function that found it. A change to those modules or to the libraries they use starts the store afresh.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from schulerfolg import buildcache

Examination = Callable[[Path], Any]  # returns what JSON keeps: text, numbers, None, lists (tuples come back as lists)

# Code whose findings are stored: every module of this stage, what they take from the data stage (fields: the
# allowed endings), and the libraries they call. tests/test_befunde.py makes sure nothing examines files elsewhere.
_AUSSERHALB = ("data/fields.py",)
_BIBLIOTHEKEN = ("pillow", "pypdf", "defusedxml", "mutagen", "ebmlite", "webvtt-py")


class Befunde:
    """``cached(ermitteln, path)`` is ``ermitteln(path)``, looked up first among the findings of the last build."""

    def __init__(self, datei: Path | None) -> None:
        self.datei = datei
        self._alt: dict[str, Any] = {}
        self._neu: dict[str, Any] = {}
        self._inhalte: dict[tuple[int, ...], str] = {}  # a file checked at loading and measured at planning: hashed once
        if datei is not None:
            try:
                gespeichert = json.loads(datei.read_text(encoding="utf-8"))
                if gespeichert.get("fassung") == fingerprint():
                    self._alt = dict(gespeichert["befunde"])
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                pass  # no store yet, or an unreadable one: every file is examined anew

    def cached(self, ermitteln: Examination, path: Path) -> Any:
        try:
            key = f"{ermitteln.__module__}.{ermitteln.__qualname__}:{path.name}:{self.content_hash(path)}"
        except OSError:
            return ermitteln(path)  # unreadable: the check says so in its own words
        if key in self._neu:
            return self._neu[key]
        found = self._alt[key] if key in self._alt else ermitteln(path)
        self._neu[key] = found
        return found

    def save(self, *, keep_old: bool = False) -> None:
        """Keep this run's findings; only these, so that a removed photo's findings go with it. A run that
        stops at problems in the data plans nothing: ``keep_old`` keeps the earlier findings it did not
        ask for (the photos' sizes, the film's length), which the next good build needs again."""
        neu = {**self._alt, **self._neu} if keep_old else self._neu
        if self.datei is None or neu == self._alt:
            return
        buildcache.write(self.datei, json.dumps({"fassung": fingerprint(), "befunde": neu}, ensure_ascii=False).encode())

    def content_hash(self, path: Path) -> str:
        """A hash of the file's bytes, computed once per build (the film's copy is named by it too)."""
        st = path.stat()  # the same file under another path (a symlink) counts once; a replaced one anew
        datei = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
        if datei not in self._inhalte:
            h = hashlib.blake2b(digest_size=20)
            with path.open("rb") as f:
                while chunk := f.read(1 << 20):
                    h.update(chunk)
            self._inhalte[datei] = h.hexdigest()
        return self._inhalte[datei]


@cache
def fingerprint() -> str:
    """Fingerprint of the examining code: our modules' source and the libraries' versions."""
    hier = Path(__file__).parent
    module = sorted(hier.glob("*.py")) + [hier.parent / name for name in _AUSSERHALB]
    return buildcache.fingerprint(*module, bibliotheken=_BIBLIOTHEKEN)
