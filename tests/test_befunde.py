"""Verdicts on referenced files are kept between builds by content, and never hide a problem."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from schulerfolg import befunde
from schulerfolg.befunde import Befunde
from schulerfolg.load import load

ROOT = Path(__file__).resolve().parent.parent
KAPUTT = ROOT / "tests" / "fixtures" / "kaputt" / "data"


class Richter:
    """A judge that counts its calls."""

    def __init__(self, verdict=None):
        self.calls = []
        self.verdict = verdict
        self.__module__, self.__qualname__ = "test", "richter"

    def __call__(self, path: Path):
        self.calls.append(path.name)
        return self.verdict


def test_same_bytes_are_judged_once_across_builds(tmp_path):
    store = tmp_path / "cache" / "befunde.json"
    foto = tmp_path / "a.jpg"
    foto.write_bytes(b"eins")
    richter = Richter("ist kaputt.")
    erste = Befunde(store)
    assert erste.urteil(richter, foto) == "ist kaputt."
    erste.speichern()
    zweite = Befunde(store)
    assert zweite.urteil(richter, foto) == "ist kaputt."  # negative verdicts are kept as well
    assert richter.calls == ["a.jpg"]
    foto.write_bytes(b"zwei")  # new content, same name: judged again
    assert zweite.urteil(richter, foto) == "ist kaputt."
    assert richter.calls == ["a.jpg", "a.jpg"]


def test_name_is_part_of_the_key(tmp_path):
    """A form is judged by its ending too: the same bytes as .odt and as .pdf are two verdicts."""
    richter = Richter()
    a, b = tmp_path / "f.pdf", tmp_path / "f.odt"
    a.write_bytes(b"x")
    b.write_bytes(b"x")
    store = Befunde(tmp_path / "b.json")
    store.urteil(richter, a)
    store.urteil(richter, b)
    assert richter.calls == ["f.pdf", "f.odt"]


def test_other_judging_code_starts_afresh(tmp_path, monkeypatch):
    store = tmp_path / "b.json"
    foto = tmp_path / "a.jpg"
    foto.write_bytes(b"eins")
    richter = Richter()
    erste = Befunde(store)
    erste.urteil(richter, foto)
    erste.speichern()
    monkeypatch.setattr(befunde, "fassung", lambda: "andere Fassung")
    Befunde(store).urteil(richter, foto)
    assert richter.calls == ["a.jpg", "a.jpg"]


def test_only_this_runs_verdicts_are_kept_and_a_broken_store_is_ignored(tmp_path):
    store = tmp_path / "b.json"
    a, b = tmp_path / "a.jpg", tmp_path / "b.jpg"
    a.write_bytes(b"a")
    b.write_bytes(b"b")
    richter = Richter()
    erste = Befunde(store)
    erste.urteil(richter, a)
    erste.urteil(richter, b)
    erste.speichern()
    zweite = Befunde(store)
    zweite.urteil(richter, a)  # b.jpg was removed from the data
    zweite.speichern()
    assert len(json.loads(store.read_text())["befunde"]) == 1
    store.write_text("{kein json")
    Befunde(store).urteil(richter, a)
    assert richter.calls == ["a.jpg", "b.jpg", "a.jpg"]


def test_cached_verdicts_report_the_same_problems(tmp_path):
    """The broken fixture set twice with a store: every problem of the referenced files comes back."""
    ohne = load(KAPUTT).problems
    cache = tmp_path / "cache"
    erste, zweite = load(KAPUTT, cache_dir=cache).problems, load(KAPUTT, cache_dir=cache).problems
    assert (cache / "befunde.json").is_file()
    assert erste == zweite == ohne
    assert any("beschädigt" in p.message or "kein lesbares Bild" in p.message for p in zweite)


def test_sample_data_judged_from_the_store(tmp_path, monkeypatch):
    """A warm load of the sample data opens no photo, form or film with the decoders."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    cache = tmp_path / "cache"
    assert load(data, cache_dir=cache).problems == []
    geprueft = []
    monkeypatch.setattr(Befunde, "urteil", _zaehlend(Befunde.urteil, geprueft))
    import schulerfolg.checks as checks
    aufrufe = []
    for name in ("image_problem", "document_problem", "mp4_problem", "webvtt_problem"):
        monkeypatch.setattr(checks, name, _gezaehlt(getattr(checks, name), aufrufe))
    assert load(data, cache_dir=cache).problems == []
    assert geprueft and aufrufe == []


def _zaehlend(fn, liste):
    def wrapper(self, judge, path):
        liste.append(path.name)
        return fn(self, judge, path)
    return wrapper


def _gezaehlt(fn, liste):
    def wrapper(path):
        liste.append(path.name)
        return fn(path)
    wrapper.__module__, wrapper.__qualname__ = fn.__module__, fn.__qualname__
    return wrapper
