"""Findings on referenced files are kept between builds by content, and never hide a problem."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import schulerfolg.data.checks as checks
import schulerfolg.site.parts.plus as plus_part
from schulerfolg.findings import store
from schulerfolg.findings.store import Befunde
from schulerfolg.load import load
from schulerfolg.media import film, images
from schulerfolg.site.plan import Plan, plan

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
    assert erste.cached(richter, foto) == "ist kaputt."
    erste.save()
    zweite = Befunde(store)
    assert zweite.cached(richter, foto) == "ist kaputt."  # negative verdicts are kept as well
    assert richter.calls == ["a.jpg"]
    foto.write_bytes(b"zweite Fassung")  # new content, same name: judged again, even within the same build
    assert zweite.cached(richter, foto) == "ist kaputt."
    assert richter.calls == ["a.jpg", "a.jpg"]


def test_name_is_part_of_the_key(tmp_path):
    """A form is judged by its ending too: the same bytes as .odt and as .pdf are two verdicts."""
    richter = Richter()
    a, b = tmp_path / "f.pdf", tmp_path / "f.odt"
    a.write_bytes(b"x")
    b.write_bytes(b"x")
    store = Befunde(tmp_path / "b.json")
    store.cached(richter, a)
    store.cached(richter, b)
    assert richter.calls == ["f.pdf", "f.odt"]


def test_other_judging_code_starts_afresh(tmp_path, monkeypatch):
    store = tmp_path / "b.json"
    foto = tmp_path / "a.jpg"
    foto.write_bytes(b"eins")
    richter = Richter()
    erste = Befunde(store)
    erste.cached(richter, foto)
    erste.save()
    monkeypatch.setattr(befunde, "fassung", lambda: "andere Fassung")
    Befunde(store).cached(richter, foto)
    assert richter.calls == ["a.jpg", "a.jpg"]


# Modules the examining code imports that examine nothing themselves, and why their changes cannot change a finding.
OHNE_BEFUND = {
    "buildcache.py": "names and writes cache files",
    "befunde.py": "the store itself",
    "plan.py": "the site's list of pages and files",
    "daten.py": "the loaded data",
    "models.py": "the data contract; endings are checked by the models, not by the stored checks",
    "buildinfo.py": "the build date",
    "escaping.py": "how text reaches the pages (fields.py checks Markdown with it), not what a file holds",
    "yamlsource.py": "reading the data files",
    "problem.py": "the value a message is told in",
    "characters.py": "which characters a text may hold, not what a file holds",
}


def test_the_fingerprint_covers_all_code_that_examines_files():
    """A changed rule must start the store afresh: every module a finding comes from, and every module of the
    package they import, is part of store.fingerprint()."""
    ermittler = [checks.image_problem, checks.document_problem, checks.mp4_problem, checks.webm_problem,
                 checks.webvtt_problem, film.read_cues, film.mp4_duration, images.oriented_size,
                 plus_part.document_date_iso]
    paket = Path(befunde.__file__).parent
    offen = [Path(sys.modules[f.__module__].__file__).name for f in ermittler]
    gefunden: set[str] = set()
    while offen:
        name = offen.pop()
        if name in gefunden or name in OHNE_BEFUND:
            continue
        gefunden.add(name)
        offen += _importiert(paket / name)
    assert gefunden == set(befunde._MODULE)


def _importiert(datei: Path) -> list[str]:
    """The package's own modules that ``datei`` imports (``from . import x``, ``from .x import y``)."""
    import ast

    namen = []
    for node in ast.walk(ast.parse(datei.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            namen += [f"{node.module}.py"] if node.module else [f"{a.name}.py" for a in node.names]
    return namen


def test_only_this_runs_verdicts_are_kept_and_a_broken_store_is_ignored(tmp_path):
    store = tmp_path / "b.json"
    a, b = tmp_path / "a.jpg", tmp_path / "b.jpg"
    a.write_bytes(b"a")
    b.write_bytes(b"b")
    richter = Richter()
    erste = Befunde(store)
    erste.cached(richter, a)
    erste.cached(richter, b)
    erste.save()
    zweite = Befunde(store)
    zweite.cached(richter, a)  # b.jpg was removed from the data
    zweite.save()
    assert len(json.loads(store.read_text())["befunde"]) == 1
    store.write_text("{kein json")
    Befunde(store).cached(richter, a)
    assert richter.calls == ["a.jpg", "b.jpg", "a.jpg"]


def test_cached_verdicts_report_the_same_problems(tmp_path):
    """The broken fixture set twice with a store: every problem of the referenced files comes back."""
    ohne = load(KAPUTT).problems
    cache = tmp_path / "cache"
    erste, zweite = load(KAPUTT, cache_dir=cache).problems, load(KAPUTT, cache_dir=cache).problems
    assert (cache / "befunde.json").is_file()
    assert erste == zweite == ohne
    assert any("beschädigt" in p.message or "kein lesbares Bild" in p.message for p in zweite)


def _sample_without_form_dates(tmp_path: Path) -> Path:
    """The sample data, its forms without »stand:«: their date then comes from inside the files (pypdf)."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    plus = data / "plus.yml"
    plus.write_text(re.sub(r"(?m)^    stand: .*\n", "", plus.read_text(encoding="utf-8")), encoding="utf-8")
    return data


def test_a_warm_build_examines_no_file_again(tmp_path, monkeypatch):
    """The second build of the sample data opens no photo, form, video or caption file: verdicts and
    facts (a photo's size as shown, a form's own date, the film's length and cues) come from the store."""
    data, cache = _sample_without_form_dates(tmp_path), tmp_path / "cache"
    aufrufe = []
    untersucher = ((checks, "image_problem"), (checks, "document_problem"), (checks, "mp4_problem"),
                   (checks, "webvtt_problem"), (images, "ausgerichtete_groesse"), (film, "lesen"),
                   (film, "mp4_dauer"), (plus_part, "document_date_iso"))
    for modul, name in untersucher:
        monkeypatch.setattr(modul, name, _gezaehlt(getattr(modul, name), aufrufe))

    def build() -> Plan:
        result = load(data, cache_dir=cache)
        assert result.problems == []
        return plan(result.daten, cache_dir=cache / "bilder")

    erster = build()
    assert {name for name, _ in aufrufe} == {name for _, name in untersucher}  # each one examined files
    assert {"anna-musterfrau.jpg", "plus-antrag.pdf", "plus-antrag.odt", "imagefilm.mp4", "imagefilm.de.vtt"} <= {
        datei for _, datei in aufrufe}
    aufrufe.clear()
    zweiter = build()
    assert aufrufe == []
    assert [(p.path, p.context) for p in zweiter.pages] == [(p.path, p.context) for p in erster.pages]  # same facts


def test_a_build_that_stops_at_data_problems_keeps_the_findings(tmp_path):
    """While an editor fixes a typo, the photos' sizes and the film's length stay in the store: the next good
    build finds them there instead of decoding every file again."""
    data, cache = _sample_without_form_dates(tmp_path), tmp_path / "cache"
    plan(load(data, cache_dir=cache).daten, cache_dir=cache / "bilder")
    store = cache / "befunde.json"
    vorher = json.loads(store.read_text())["befunde"]
    assert any(k.startswith("schulerfolg.media.film.mp4_dauer:") for k in vorher)
    schulen = data / "schulen.yml"
    richtig = schulen.read_text(encoding="utf-8")
    schulen.write_text(richtig.replace("schulform: grundschule", "schulform: grundschul", 1), encoding="utf-8")
    assert load(data, cache_dir=cache).problems != []
    assert json.loads(store.read_text())["befunde"] == vorher


LIBRARIES = ("PIL", "pypdf", "defusedxml", "mutagen", "webvtt", "icalendar", "vobject")
WARM_BUILD = """
import sys
from pathlib import Path
from schulerfolg.formats import ogimage
from schulerfolg.load import load
from schulerfolg.site.plan import Context, plan
from schulerfolg.site.render import render
data, cache = Path(sys.argv[1]), Path(sys.argv[2])
result = load(data, cache_dir=cache)
site = plan(result.daten, cache_dir=cache / "bilder")
ctx = Context(result.daten, site.today)
for page in site.pages:
    render(page, ctx)
ogimage.card_file("Schulsozialarbeit", "Start", ogimage.ABSENDER, cache / "og")
print(" ".join(m for m in %r if m in sys.modules))
""" % (LIBRARIES,)


def test_a_warm_build_imports_no_decoding_library(tmp_path):
    """Pillow, pypdf, defusedxml, mutagen, webvtt-py, icalendar and vobject take about 0.3 s to import: a build in which
    no photo, form, film, card or deadline changed needs none of them, as the same build without hooks."""
    data, cache = _sample_without_form_dates(tmp_path), tmp_path / "cache"

    def imported() -> list[str]:
        out = subprocess.run([sys.executable, "-c", WARM_BUILD, str(data), str(cache)], capture_output=True,
                             text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        return out.stdout.split()

    assert imported() == list(LIBRARIES)  # the first build decodes, draws and writes every file
    assert imported() == []


def _gezaehlt(fn, liste):
    def wrapper(path):
        liste.append((fn.__name__, path.name))
        return fn(path)
    wrapper.__module__, wrapper.__qualname__ = fn.__module__, fn.__qualname__
    return wrapper
