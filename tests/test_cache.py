"""The build trusts nothing from the checkout but the data: a cache that git tracks is refused, compiled
templates (pickle, marshal) live outside the checkout, and a cache that cannot be written costs time, not the build."""
from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT
from sitebuild import build_env, mkdocs_build, project_copy, strict_build

from schulerfolg import buildcache
from schulerfolg.buildcache import BuildCache
from schulerfolg.cli import main
from schulerfolg.formats import ogimage
from schulerfolg.load import load
from schulerfolg.site import render
from schulerfolg.site.build import build

GIT = shutil.which("git")
NOBODY = 65534
HINWEIS = "Hinweis: Der Zwischenspeicher ließ sich nicht beschreiben"


def _git(projekt: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=projekt, check=True, capture_output=True)


def _eingecheckt(projekt: Path, *pfade: str) -> None:
    """``projekt`` as a git checkout in which ``pfade`` are tracked, as after ``git add -f``."""
    _git(projekt, "init", "-q")
    _git(projekt, "add", "-f", "--", *pfade)


@pytest.fixture(autouse=True)
def _neuer_bau():
    buildcache.new_build()
    yield
    buildcache.new_build()


# --- a cache that git tracks ------------------------------------------------------------------------

@pytest.mark.skipif(GIT is None, reason="needs git")
def test_a_tracked_cache_stops_check_and_build(tmp_path):
    """``git add -f .cache/…`` in a pull request: the check and the strict build name it and stop."""
    projekt = project_copy(tmp_path)
    (projekt / ".cache").mkdir()
    (projekt / ".cache" / "befunde.json").write_text("{}", encoding="utf-8")
    _eingecheckt(projekt, ".cache/befunde.json")
    check = subprocess.run([sys.executable, "-m", "schulerfolg", "check"], cwd=projekt, capture_output=True,
                           text=True, env=build_env())
    bau = mkdocs_build(projekt, tmp_path / "site")
    meldung = (".cache: Der Zwischenspeicher des Baus gehört nicht in git: Ein Bau übernähme daraus Prüfergebnisse "
               "und fertige Dateien, ohne sie zu prüfen. In git steht 1 Datei: .cache/befunde.json. Nehmen Sie den "
               "Ordner mit »git rm -r --cached .cache« aus git heraus (die Dateien auf dem eigenen Rechner bleiben).")
    assert check.returncode == 1
    assert check.stdout.splitlines() == [meldung, "1 Problem gefunden."]
    assert bau.returncode != 0
    assert meldung in bau.stderr
    assert "Traceback" not in bau.stderr
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.skipif(GIT is None, reason="needs git")
def test_a_planted_verdict_does_not_skip_the_check(tmp_path, data_copy):
    """A broken photo with a stored verdict »in order«: trusted from one's own cache, refused when git carries it."""
    (data_copy / "fotos" / "anna-musterfrau.jpg").write_bytes(b"kein Bild")
    echt = load(data_copy).problems
    assert any("anna-musterfrau.jpg" in p.message for p in echt)
    cache = tmp_path / ".cache"
    assert load(data_copy, cache=BuildCache(cache)).problems == echt
    store = json.loads((cache / "befunde.json").read_text(encoding="utf-8"))
    store["befunde"] = {k: None if "image_problem" in k else v for k, v in store["befunde"].items()}
    (cache / "befunde.json").write_text(json.dumps(store), encoding="utf-8")
    assert load(data_copy, cache=BuildCache.of(tmp_path)).problems != echt  # the planted verdict works …

    _eingecheckt(tmp_path, ".cache/befunde.json")
    gefunden = load(data_copy, cache=BuildCache.of(tmp_path)).problems  # … until git carries it
    assert [p for p in gefunden if p.file != ".cache"] == echt
    assert [p.file for p in gefunden if p not in echt] == [".cache"]


@pytest.mark.skipif(GIT is None, reason="needs git")
@pytest.mark.parametrize("pflanzen, gefunden", [
    ({".cache/bilder/ab/x/160.webp": b"RIFF"}, [".cache/bilder/ab/x/160.webp"]),
    ({".Cache/og/ab/x.png": b"PNG"}, [".Cache/og/ab/x.png"]),  # the same folder on a Mac or Windows
    ({".cache": "data"}, [".cache"]),  # a link: the cache would be the data folder
])
def test_every_form_of_a_tracked_cache_is_found(tmp_path, pflanzen, gefunden):
    for pfad, inhalt in pflanzen.items():
        (tmp_path / pfad).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(inhalt, str):
            (tmp_path / pfad).symlink_to(inhalt)
        else:
            (tmp_path / pfad).write_bytes(inhalt)
    (tmp_path / "data").mkdir()
    assert BuildCache.of(tmp_path).folder == tmp_path / ".cache"
    _eingecheckt(tmp_path, *pflanzen)
    assert buildcache.tracked(tmp_path) == gefunden
    assert [p.file for p in buildcache.problems(tmp_path)] == [".cache"]
    assert not BuildCache.of(tmp_path).folder.is_relative_to(tmp_path)  # nothing is read there


@pytest.mark.skipif(GIT is None, reason="needs git")
def test_tracked_compiled_python_is_refused(tmp_path):
    """Python runs a module's .pyc or an extension module instead of the reviewed source."""
    pfade = ["hooks/__pycache__/data_pages.cpython-311.pyc", "src/schulerfolg/load.cpython-311-x86_64-linux-gnu.so"]
    for pfad in pfade:
        (tmp_path / pfad).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / pfad).write_bytes(b"\0")
    (tmp_path / "src" / "schulerfolg" / "load.py").write_text("", encoding="utf-8")
    _eingecheckt(tmp_path, *pfade, "src/schulerfolg/load.py")
    [problem] = buildcache.problems(tmp_path)
    assert problem.file == pfade[0]
    assert problem.message == (
        "Kompilierter Python-Code gehört nicht in git: Python führte ihn statt des lesbaren Quelltexts aus. In git "
        f"stehen 2 Dateien: {pfade[0]}, {pfade[1]}. Nehmen Sie sie mit »git rm --cached DATEI« aus git heraus.")
    assert BuildCache.of(tmp_path).folder == tmp_path / ".cache"  # the build's own cache is not concerned


@pytest.mark.skipif(GIT is None, reason="needs git")
def test_without_git_or_outside_a_checkout_the_build_proceeds(tmp_path, monkeypatch):
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "befunde.json").write_text("{}", encoding="utf-8")
    assert buildcache.tracked(tmp_path) == []  # no checkout
    _eingecheckt(tmp_path, ".cache/befunde.json")
    assert buildcache.tracked(tmp_path) == [".cache/befunde.json"]
    monkeypatch.setenv("PATH", str(tmp_path / "ohne-programme"))  # no git installed
    assert buildcache.tracked(tmp_path) == []
    assert BuildCache.of(tmp_path).folder == tmp_path / ".cache"


@pytest.mark.skipif(GIT is None or os.geteuid() != 0, reason="needs git and root (to give the checkout away)")
def test_a_checkout_of_another_user_is_checked_too(tmp_path):
    """A CI job in a container runs as root in the runner's checkout: git must still answer."""
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "befunde.json").write_text("{}", encoding="utf-8")
    _eingecheckt(tmp_path, ".cache/befunde.json")
    for pfad in [tmp_path, *tmp_path.rglob("*")]:
        os.lchown(pfad, NOBODY, NOBODY)
    plain = subprocess.run(["git", "ls-files"], cwd=tmp_path, capture_output=True, text=True)
    assert plain.returncode != 0 and "dubious ownership" in plain.stderr  # what the check has to get past
    assert buildcache.tracked(tmp_path) == [".cache/befunde.json"]


# --- compiled templates ----------------------------------------------------------------------------

@pytest.fixture
def eigenes_tmp(tmp_path, monkeypatch) -> Path:
    """The system's temporary folder, here a fresh one; the templates' environment as it was afterwards."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    monkeypatch.setattr(render.environment(), "bytecode_cache", render.environment().bytecode_cache)
    return tmp


def _uebersetzen() -> None:
    render.environment().cache.clear()
    render.environment().get_template("schule.md.j2")


def test_compiled_templates_live_outside_the_checkout_for_this_user_only(eigenes_tmp):
    render.prepare()
    _uebersetzen()
    ordner = eigenes_tmp / f"_jinja2-cache-{os.getuid()}"
    assert Path(render.environment().bytecode_cache.directory) == ordner
    assert ordner.stat().st_mode & 0o777 == 0o700
    assert {p.name.split("_")[3] for p in ordner.iterdir()} == {render._VORLAGEN_FASSUNG[:16]}
    assert buildcache.note() is None


@pytest.mark.parametrize("fremd", ["link", "anderer Benutzer"])
def test_a_template_folder_that_is_not_ours_is_not_used(eigenes_tmp, tmp_path, fremd):
    ordner = eigenes_tmp / f"_jinja2-cache-{os.getuid()}"
    if fremd == "link":  # someone else's folder, laid out for us
        (tmp_path / "anderswo").mkdir(mode=0o700)
        ordner.symlink_to(tmp_path / "anderswo")
    else:
        if os.geteuid() != 0:
            pytest.skip("needs root to give the folder away")
        ordner.mkdir(mode=0o700)
        os.chown(ordner, NOBODY, NOBODY)
    render.prepare()
    assert render.environment().bytecode_cache is None
    _uebersetzen()  # compiled each time, as before there was a cache
    assert list(ordner.iterdir()) == []
    assert "der Ordner für übersetzte Vorlagen ist nicht sicher nutzbar" in buildcache.note()


def test_a_damaged_or_full_template_cache_only_costs_time(eigenes_tmp, monkeypatch):
    render.prepare()
    _uebersetzen()
    ordner = Path(render.environment().bytecode_cache.directory)
    assert list(ordner.iterdir())
    for datei in ordner.iterdir():
        datei.write_bytes(datei.read_bytes()[:40])  # cut off inside the pickled checksum
    _uebersetzen()
    assert buildcache.note() is None

    def voll(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    for datei in ordner.iterdir():
        datei.unlink()
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", voll)  # how Jinja writes a compiled template
    _uebersetzen()
    assert list(ordner.iterdir()) == []
    assert f"(der Datenträger ist voll: {ordner})" in buildcache.note()


# --- a cache that cannot be written ----------------------------------------------------------------

def _kaputt_machen(cache: Path, wie: str, monkeypatch) -> None:
    """``cache`` made unwritable: a file, a link to nowhere, or writes into it failing as on a full disk
    or a read-only folder (tests run as root, for whom permission bits stop nothing)."""
    if wie == "Datei":
        cache.write_text("kein Ordner", encoding="utf-8")
    elif wie == "Verweis ins Leere":
        cache.symlink_to(cache.parent / "gibt-es-nicht")
    else:
        fehler = {"voll": OSError(errno.ENOSPC, "No space left on device"),
                  "schreibgeschützt": PermissionError(errno.EACCES, "Permission denied")}[wie]
        echt = os.replace

        def replace(src, dst, **kwargs):
            if Path(dst).is_relative_to(cache):
                raise fehler
            return echt(src, dst, **kwargs)

        monkeypatch.setattr(os, "replace", replace)


GRUENDE = {"Datei": "ein Teil des Pfads ist eine Datei statt eines Ordners",
           "Verweis ins Leere": "ein Teil des Pfads ist kein Ordner (etwa ein Verweis ins Leere)",
           "voll": "der Datenträger ist voll", "schreibgeschützt": "keine Schreibrechte"}


@pytest.mark.parametrize("wie", GRUENDE)
def test_a_write_that_fails_goes_to_a_temporary_folder_and_is_told_once(tmp_path, monkeypatch, wie):
    cache = tmp_path / ".cache"
    _kaputt_machen(cache, wie, monkeypatch)
    erste = buildcache.write(cache / "og" / "ab" / "karte.png", b"eins")
    zweite = buildcache.write(cache / "vcards" / "cd" / "karte.vcf", b"zwei")
    assert (erste.read_bytes(), zweite.read_bytes()) == (b"eins", b"zwei")
    assert not erste.is_relative_to(tmp_path) and erste.name == "karte.png"
    assert buildcache.note() == (
        f"{HINWEIS} ({GRUENDE[wie]}: {cache / 'og' / 'ab' / 'karte.png'}). Dieser Bau hat ohne ihn gearbeitet und "
        "war deshalb langsamer; die Website ist dieselbe. Den Ordner ».cache« darf man jederzeit löschen.")
    assert not any(p.is_file() for p in tmp_path.rglob("*.tmp"))  # no half-written file left behind


@pytest.mark.parametrize("wie", ["voll", "schreibgeschützt"])
def test_a_build_with_an_unwritable_cache_makes_the_same_pages_and_files(tmp_path, data_copy, monkeypatch, wie):
    """Load, plan and render, as the hook does (verdicts, photos, vCards, calendars, a social card)."""
    def bauen(ordner: Path) -> dict[str, bytes]:
        cache = BuildCache(ordner)
        result = load(data_copy, cache=cache)
        assert result.problems == []
        site = build(result.daten, result.befunde, cache)
        out = {page.path: site.markdown(page).encode() for page in site.pages}
        out |= {a.path: a.content if a.source is None else a.source.read_bytes() for a in site.files}
        out["og.png"] = ogimage.card_file("Schulsozialarbeit", "Start", "Absender", cache.kind("og")).read_bytes()
        return out

    gut = bauen(tmp_path / "gut" / ".cache")
    assert buildcache.note() is None
    cache = tmp_path / "kaputt" / ".cache"
    cache.parent.mkdir()
    _kaputt_machen(cache, wie, monkeypatch)
    assert bauen(cache) == gut
    assert buildcache.note().startswith(f"{HINWEIS} ({GRUENDE[wie]}: {cache}")
    assert bauen(cache) == gut  # and again: nothing half-written is taken for a cached file


def test_a_strict_build_with_a_file_for_a_cache_gives_the_same_site_and_one_note(tmp_path):
    projekt = project_copy(tmp_path / "projekt")
    (projekt / ".cache").write_text("kein Ordner", encoding="utf-8")
    site = tmp_path / "site"
    bau = mkdocs_build(projekt, site)  # for the day of the shared build
    assert bau.returncode == 0, bau.stderr[-3000:]
    assert "Traceback" not in bau.stderr
    assert bau.stderr.count(HINWEIS) == 1
    assert (projekt / ".cache").read_text(encoding="utf-8") == "kein Ordner"
    assert _inhalt(site) == _inhalt(strict_build())


def test_the_note_comes_after_every_hook_that_writes_the_cache():
    """The theme sheet is cached after all pages are written: a note printed before it could miss that write."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    assert [m.__module__ for m in config.plugins.events["post_build"]][-1] == "hooks/data_pages.py"


def _inhalt(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_generate_tells_the_note_too(tmp_path, data_copy, capsys):
    (tmp_path / ".cache").write_text("kein Ordner", encoding="utf-8")
    assert main(["--data", str(data_copy), "generate", str(tmp_path / "aus")]) == 0
    out = capsys.readouterr().out
    assert out.count(HINWEIS) == 1
    assert (tmp_path / "aus" / "schulen" / "index.md").is_file()
