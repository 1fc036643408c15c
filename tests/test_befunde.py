"""Findings on referenced files are kept between builds by content, and never hide a problem."""
from __future__ import annotations

import ast
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import feindlich
from helpers import replace

import schulerfolg.findings.checks as checks
import schulerfolg.site.parts.plus as plus_part
from schulerfolg.buildcache import BuildCache
from schulerfolg.findings import forms, photos, store, video
from schulerfolg.findings.store import Befunde
from schulerfolg.load import load
from schulerfolg.media import film, images
from schulerfolg.site.build import Site, build

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
    gespeichert = tmp_path / "cache" / "befunde.json"
    foto = tmp_path / "a.jpg"
    foto.write_bytes(b"eins")
    richter = Richter("ist kaputt.")
    erste = Befunde(gespeichert)
    assert erste.cached(richter, foto) == "ist kaputt."
    erste.save()
    zweite = Befunde(gespeichert)
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
    befunde = Befunde(tmp_path / "b.json")
    befunde.cached(richter, a)
    befunde.cached(richter, b)
    assert richter.calls == ["f.pdf", "f.odt"]


def test_other_judging_code_starts_afresh(tmp_path, monkeypatch):
    gespeichert = tmp_path / "b.json"
    foto = tmp_path / "a.jpg"
    foto.write_bytes(b"eins")
    richter = Richter()
    erste = Befunde(gespeichert)
    erste.cached(richter, foto)
    erste.save()
    monkeypatch.setattr(store, "fingerprint", lambda: "andere Fassung")
    Befunde(gespeichert).cached(richter, foto)
    assert richter.calls == ["a.jpg", "a.jpg"]


PAKET = Path(store.__file__).resolve().parents[1]  # src/schulerfolg
FINDINGS = PAKET / "findings"

# Every function whose findings the store keeps.
ERMITTLER = [photos.image_problem, photos.oriented_size, forms.document_problem, forms.document_date_iso,
             forms.pdf_page_count,
             video.mp4_problem, video.webm_problem, video.webvtt_problem, video.read_cues, video.mp4_duration]

# Modules the examining code imports that examine nothing themselves, and why their changes cannot change a finding.
OHNE_BEFUND = {
    "buildcache.py": "names and writes cache files",
    "findings/store.py": "the store itself",
    "data/daten.py": "the loaded data",
    "data/models.py": "the data contract; endings are checked by the models, not by the stored checks",
    "data/buildinfo.py": "the build date",
    "data/yamlsource.py": "reading the data files",
    "problem.py": "the value a message is told in",
    "data/characters.py": "which characters a text may hold, not what a file holds",
    "data/markdown.py": "which Markdown a text may hold, not what a file holds",
}


def test_every_function_whose_findings_are_kept_lives_in_the_findings_stage(tmp_path, monkeypatch):
    """The store's fingerprint covers the findings stage (``store.fingerprint``): a function elsewhere could
    change its findings unnoticed. Every call of ``Befunde.cached`` in src/ is reached here, by loading and
    building data that names every kind of file (the sample data with a WebM, forms without »stand:«) and
    the broken fixture set; each function it was handed is recorded."""
    aufrufstellen = {(datei, node.lineno) for datei in PAKET.rglob("*.py")
                     for node in ast.walk(ast.parse(datei.read_text(encoding="utf-8")))
                     if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                     and node.func.attr == "cached"}
    assert len(aufrufstellen) >= 4, aufrufstellen
    gesehen: dict[tuple[Path, int], set] = {}
    echt = Befunde.cached

    def cached(self, ermitteln, path):
        aufrufer = sys._getframe(1)
        gesehen.setdefault((Path(aufrufer.f_code.co_filename).resolve(), aufrufer.f_lineno), set()).add(ermitteln)
        return echt(self, ermitteln, path)

    monkeypatch.setattr(Befunde, "cached", cached)
    data = _sample_without_form_dates(tmp_path)
    (data / "film" / "imagefilm.webm").write_bytes(feindlich.webm())
    replace(data / "netzwerkstelle.yml", "  untertitel: film/imagefilm.de.vtt\n",
            "  webm: film/imagefilm.webm\n  untertitel: film/imagefilm.de.vtt\n")
    result = load(data)
    assert result.problems == []
    build(result.daten, result.befunde, None)
    assert load(KAPUTT).problems != []

    assert set(gesehen) == aufrufstellen  # each call of Befunde.cached in src/ was reached
    ermittelt = {f for fs in gesehen.values() for f in fs}
    assert {f"{f.__module__}.{f.__qualname__}" for f in ermittelt
            if not Path(inspect.getfile(f)).resolve().is_relative_to(FINDINGS)} == set()
    assert ermittelt == set(ERMITTLER)


def test_the_fingerprint_covers_all_code_that_examines_files(monkeypatch):
    """A changed rule must start the store afresh: every module a finding comes from, and every module of the
    package they import, is part of store.fingerprint() – and nothing else outside the findings stage is."""
    offen = [_im_paket(Path(sys.modules[f.__module__].__file__)) for f in ERMITTLER]
    gefunden: set[str] = set()
    while offen:
        name = offen.pop()
        if name in gefunden or name in OHNE_BEFUND:
            continue
        gefunden.add(name)
        offen += _importiert(PAKET / name)
    quellen: list[Path] = []
    monkeypatch.setattr(store.buildcache, "fingerprint", lambda *q, **kw: quellen.extend(q) or "x")
    store.fingerprint.__wrapped__()
    erfasst = {_im_paket(q) for q in quellen}
    assert {"findings/forms.py", "findings/video.py", "data/fields.py"} <= gefunden  # the walk follows imports
    assert gefunden <= erfasst
    assert {n for n in erfasst if not n.startswith("findings/")} == {n for n in gefunden if not n.startswith("findings/")}


def _im_paket(datei: Path) -> str:
    return datei.resolve().relative_to(PAKET).as_posix()


def _importiert(datei: Path) -> list[str]:
    """The package's own modules that ``datei`` imports (``from . import x``, ``from ..pages import y``,
    ``from schulerfolg.data.fields import z``), as paths inside the package: ``data/fields.py``."""
    namen = []
    for node in ast.walk(ast.parse(datei.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            basis = datei.parents[node.level - 1]
            teile = basis.relative_to(PAKET).parts + tuple(node.module.split(".") if node.module else ())
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "schulerfolg":
            teile = tuple(node.module.split(".")[1:])
        elif isinstance(node, ast.Import):
            namen += [_modul(tuple(a.name.split(".")[1:])) for a in node.names if a.name.startswith("schulerfolg.")]
            continue
        else:
            continue
        namen += [_modul(teile + (a.name,)) if (PAKET.joinpath(*teile, a.name + ".py")).is_file() else _modul(teile)
                  for a in node.names]
    return namen


def _modul(teile: tuple[str, ...]) -> str:
    """``("data", "fields")`` → ``data/fields.py``; a package → its ``__init__.py``."""
    ordner = PAKET.joinpath(*teile)
    return _im_paket(ordner / "__init__.py" if ordner.is_dir() else ordner.with_suffix(".py"))


def test_only_this_runs_verdicts_are_kept_and_a_broken_store_is_ignored(tmp_path):
    gespeichert = tmp_path / "b.json"
    a, b = tmp_path / "a.jpg", tmp_path / "b.jpg"
    a.write_bytes(b"a")
    b.write_bytes(b"b")
    richter = Richter()
    erste = Befunde(gespeichert)
    erste.cached(richter, a)
    erste.cached(richter, b)
    erste.save()
    zweite = Befunde(gespeichert)
    zweite.cached(richter, a)  # b.jpg was removed from the data
    zweite.save()
    assert len(json.loads(gespeichert.read_text())["befunde"]) == 1
    gespeichert.write_text("{kein json")
    Befunde(gespeichert).cached(richter, a)
    assert richter.calls == ["a.jpg", "b.jpg", "a.jpg"]


def test_cached_verdicts_report_the_same_problems(tmp_path):
    """The broken fixture set twice with a store: every problem of the referenced files comes back."""
    ohne = load(KAPUTT).problems
    cache = tmp_path / "cache"
    erste, zweite = load(KAPUTT, cache=BuildCache(cache)).problems, load(KAPUTT, cache=BuildCache(cache)).problems
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
    data, cache = _sample_without_form_dates(tmp_path), BuildCache(tmp_path / "cache")
    aufrufe = []
    untersucher = ((checks, "image_problem"), (checks, "document_problem"), (checks, "mp4_problem"),
                   (checks, "webvtt_problem"), (images, "oriented_size"), (film, "read_cues"),
                   (film, "mp4_duration"), (plus_part, "document_date_iso"))
    for modul, name in untersucher:
        monkeypatch.setattr(modul, name, _gezaehlt(getattr(modul, name), aufrufe))

    def bauen() -> Site:
        result = load(data, cache=cache)
        assert result.problems == []
        return build(result.daten, result.befunde, cache)

    erster = bauen()
    assert {name for name, _ in aufrufe} == {name for _, name in untersucher}  # each one examined files
    assert {"anna-musterfrau.jpg", "plus-antrag.pdf", "plus-antrag.odt", "imagefilm.mp4", "imagefilm.de.vtt"} <= {
        datei for _, datei in aufrufe}
    aufrufe.clear()
    zweiter = bauen()
    assert aufrufe == []
    assert [(p.path, p.context) for p in zweiter.pages] == [(p.path, p.context) for p in erster.pages]  # same facts


def test_a_build_that_stops_at_data_problems_keeps_the_findings(tmp_path):
    """While an editor fixes a typo, the photos' sizes and the film's length stay in the store: the next good
    build finds them there instead of decoding every file again."""
    data, cache = _sample_without_form_dates(tmp_path), BuildCache(tmp_path / "cache")
    result = load(data, cache=cache)
    build(result.daten, result.befunde, cache)
    vorher = json.loads(cache.befunde.read_text())["befunde"]
    assert any(k.startswith("schulerfolg.findings.video.mp4_duration:") for k in vorher)
    schulen = data / "schulen.yml"
    richtig = schulen.read_text(encoding="utf-8")
    schulen.write_text(richtig.replace("schulform: grundschule", "schulform: grundschul", 1), encoding="utf-8")
    assert load(data, cache=cache).problems != []
    assert json.loads(cache.befunde.read_text())["befunde"] == vorher


LIBRARIES = ("PIL", "pypdf", "defusedxml", "mutagen", "webvtt", "icalendar", "vobject")
WARM_BUILD = """
import sys
from pathlib import Path
from schulerfolg.buildcache import BuildCache
from schulerfolg.formats import ogimage
from schulerfolg.load import load
from schulerfolg.site.build import build
data, cache = Path(sys.argv[1]), BuildCache(Path(sys.argv[2]))
result = load(data, cache=cache)
site = build(result.daten, result.befunde, cache)
for page in site.pages:
    site.markdown(page)
ogimage.card_file("Schulsozialarbeit", "Start", ogimage.ABSENDER, cache.kind("og"))
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
