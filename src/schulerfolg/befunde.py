"""Verdicts on referenced files (photos, forms, film), kept between builds by the files' content.

Judging a file means decoding it with Pillow, pypdf or mutagen: about a millisecond per photo,
a second for the 600 photos of 1,000 schools, and pypdf alone takes 0.2 s to import. The same
bytes under the same name, judged by the same code, get the same verdict; so each verdict is
stored under a hash of the bytes, the file name (a form is judged by its ending too) and the
judge. A change to the judging modules or to the libraries they use starts the store afresh.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

from . import ablage

Judge = Callable[[Path], "str | None"]

# Code whose verdicts are stored: our modules that judge, and the libraries they call.
_MODULE = ("filecheck.py", "film.py")
_BIBLIOTHEKEN = ("pillow", "pypdf", "mutagen", "webvtt-py")


class Befunde:
    """``urteil(judge, path)`` is ``judge(path)``, looked up first among the verdicts of the last build."""

    def __init__(self, datei: Path | None) -> None:
        self.datei = datei
        self._alt: dict[str, str | None] = {}
        self._neu: dict[str, str | None] = {}
        if datei is not None:
            try:
                gespeichert = json.loads(datei.read_text(encoding="utf-8"))
                if gespeichert.get("fassung") == fassung():
                    self._alt = dict(gespeichert["befunde"])
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                pass  # no store yet, or an unreadable one: every file is judged anew

    def urteil(self, judge: Judge, path: Path) -> str | None:
        try:
            key = f"{judge.__module__}.{judge.__qualname__}:{path.name}:{_inhalt(path)}"
        except OSError:
            return judge(path)  # unreadable: the judge says so in its own words
        if key in self._neu:
            return self._neu[key]
        verdict = self._alt[key] if key in self._alt else judge(path)
        self._neu[key] = verdict
        return verdict

    def speichern(self) -> None:
        """Keep this run's verdicts (only these: a removed photo's verdict goes with it)."""
        if self.datei is None or self._neu == self._alt:
            return
        ablage.schreiben(self.datei, json.dumps({"fassung": fassung(), "befunde": self._neu}, ensure_ascii=False).encode())


def _inhalt(path: Path) -> str:
    h = hashlib.blake2b(digest_size=20)
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


@cache
def fassung() -> str:
    """Fingerprint of the judging code: our judging modules' source and the libraries' versions."""
    hier = Path(__file__).parent
    return ablage.fassung(*(hier / name for name in _MODULE), bibliotheken=_BIBLIOTHEKEN)
