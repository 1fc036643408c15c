"""Live preview: under ``mkdocs serve`` broken data becomes a page of German messages, the server keeps
running, and fixing the data brings the site back; ``mkdocs build`` still fails."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import line_of, replace
from sitebuild import build_env, mkdocs_build, project_copy

from schulerfolg.preview import problem_paths, problem_page, nav_targets
from schulerfolg.problem import Problem

START_TIMEOUT = 180  # seconds: the first build encodes every photo on a cold cache
REBUILD_TIMEOUT = 120


def test_problem_page_lists_every_message_with_its_place():
    problems = [Problem("data/schulen.yml", 69, 16, "»Gymnasium« ist hier nicht erlaubt."),
                Problem("data/fachkraefte.yml", 14, 15, "Die Schule »gs-ziebik« gibt es nicht."),
                Problem("data/plus.yml", 0, 0, "Die Datei fehlt. *Legen* Sie sie an.")]
    page = problem_page(problems)
    assert "<h1>Vorschau angehalten: 3 Fehler in den Daten</h1>" in page
    assert "<code>data/fachkraefte.yml:14:15</code>" in page and "<code>data/schulen.yml:69:16</code>" in page
    assert "<code>data/plus.yml</code>" in page
    assert "»Gymnasium« ist hier nicht erlaubt." in page
    assert "Die Datei fehlt. *Legen* Sie sie an." in page  # an editor's message stays text: the body is HTML
    assert page.index("<h2>data/fachkraefte.yml") < page.index("<h2>data/plus.yml") < page.index("<h2>data/schulen.yml")
    assert "exclude: true" in page  # never in the search index


def test_problem_page_goes_where_the_editor_may_be_looking():
    nav = [{"Start": "index.md"}, {"Eltern": ["eltern/index.md", {"Hilfe": "eltern/hilfe.md"}]},
           {"Extern": "https://example.org/"}, "plus/index.md"]
    assert nav_targets(nav) == ["index.md", "eltern/index.md", "eltern/hilfe.md", "plus/index.md"]
    paths = problem_paths(["schulen/gs-ziebigk.md", "index.md"], nav_targets(nav), ["index.md", "eltern/index.md", "eltern/hilfe.md"])
    assert paths == ["index.md", "plus/index.md", "schulen/gs-ziebigk.md"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, condition, timeout: float, server: subprocess.Popen) -> str:
    """The page at ``url`` once ``condition(text)`` holds; fails after ``timeout`` seconds or if the server stops."""
    deadline = time.monotonic() + timeout
    text = None
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve hat sich beendet"
        text = _fetch(url)
        if text is not None and condition(text):
            return text
        time.sleep(0.5)
    pytest.fail(f"{url}: nach {timeout} s nicht wie erwartet; zuletzt:\n{(text or '')[:2000]}")


def _main_text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").find("article").get_text(" ").split())


@pytest.fixture
def projekt(tmp_path: Path) -> Path:
    return project_copy(tmp_path, link_cache=True)  # the repository's cache only saves time


def _check(projekt: Path) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "schulerfolg", "--data", "data", "check"], cwd=projekt,
                          capture_output=True, text=True, env=build_env())
    assert done.returncode == 1
    return done.stdout.splitlines()[:-1]


def test_serve_shows_problems_keeps_running_and_recovers(projekt):
    fachkraefte = projekt / "data" / "fachkraefte.yml"
    original = fachkraefte.read_text(encoding="utf-8")
    replace(fachkraefte, "schulen: [gs-ziebigk]", "schulen: [gs-ziebik]")
    replace(fachkraefte, "email: sozialarbeit.tempelhofer@example.org", "email: sozialarbeit(at)example.org")
    messages = _check(projekt)
    assert len(messages) == 2

    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=projekt,
                              env=build_env(), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        # Broken from the start: the server still comes up, and the start page lists every message.
        page = _main_text(_wait_for(base, lambda t: "Vorschau angehalten" in t, START_TIMEOUT, server))
        for line in messages:
            place, message = line.split(": ", 1)
            assert place in page and message in page, line
        assert "2 Fehler in den Daten" in page
        # Also on a page of the menu that the data would make.
        assert "Vorschau angehalten" in _wait_for(base + "schulsozialarbeit/", lambda t: True, 30, server)

        # Fixed: the normal page returns.
        fachkraefte.write_text(original, encoding="utf-8")
        page = _wait_for(base + "schulen/gs-ziebigk/", lambda t: "Vorschau angehalten" not in t, REBUILD_TIMEOUT, server)
        assert "Anna Musterfrau" in _main_text(page)

        # Broken again while an editor looks at a school: that very page shows the problem.
        replace(projekt / "data" / "schulen.yml", "schulform: gymnasium", "schulform: Gymnasium")
        page = _wait_for(base + "schulen/gs-ziebigk/", lambda t: "Vorschau angehalten" in t, REBUILD_TIMEOUT, server)
        assert "»Gymnasium« ist hier nicht erlaubt." in _main_text(page)
        assert server.poll() is None
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            _, err = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            _, err = server.communicate()
    assert "Traceback" not in err, err[-3000:]
    assert "Datenfehler: data/schulen.yml" in err  # the terminal says it too


def test_build_still_fails_on_the_same_data(projekt):
    zeile = line_of(projekt / "data" / "fachkraefte.yml", "schulen: [gs-ziebigk]")
    replace(projekt / "data" / "fachkraefte.yml", "schulen: [gs-ziebigk]", "schulen: [gs-ziebik]")
    done = mkdocs_build(projekt, projekt / "site")
    assert done.returncode != 0
    assert f"data/fachkraefte.yml:{zeile}:15: Eine Schule mit der ID »gs-ziebik« gibt es in data/schulen.yml nicht." in done.stderr
    assert not (projekt / "site" / "index.html").exists()
