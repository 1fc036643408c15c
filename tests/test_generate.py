"""Portability: the site's pages written to disk build, without any hook, into the same site."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import DATA, ROOT
from helpers import TODAY
from sitebuild import build_env, mkdocs_build, strict_build

from schulerfolg.cli import main
from schulerfolg.generate import ohne_hooks
from schulerfolg.site.plan import plan

# Pages made only from data: their content must not depend on which way the site was built.
DATENSEITEN = ["index.html", "schulsozialarbeit/index.html", "schulen/index.html", "schulen/gs-ziebigk/index.html",
               "traeger/kiez-ev/index.html", "netzwerkstelle/index.html", "redaktion/felder/index.html"]


def _html(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def _text(path: Path) -> str:
    article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article")
    return " ".join(article.get_text(" ").split())


def _article(path: Path) -> str:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article").decode()


@pytest.fixture(scope="module")
def beide(tmp_path_factory):
    """(the shared site built with the hooks, portable project, site built from it without hooks): both plan
    for the same day (sitebuild.BUILD_EPOCH)."""
    tmp = tmp_path_factory.mktemp("portabel")
    done = subprocess.run([sys.executable, "-m", "schulerfolg", "generate", "--projekt", str(tmp / "projekt")],
                          cwd=ROOT, env=build_env(), capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    ohne = mkdocs_build(tmp / "projekt", tmp / "ohne-hooks")
    assert ohne.returncode == 0, ohne.stderr[-4000:]
    return strict_build(), tmp / "projekt", tmp / "ohne-hooks"


def test_generate_writes_every_planned_page_and_file(tmp_path, daten):
    assert main(["--data", str(DATA), "generate", str(tmp_path)]) == 0
    site = plan(daten, TODAY)
    expected = {p.path for p in site.pages} | {a.path for a in site.assets}
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert written == expected


def test_portable_project_has_no_hooks_and_no_watch(beide):
    _, projekt, _ = beide
    config = (projekt / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nhooks:" not in config and "\nwatch:" not in config
    assert "site_name:" in config and "\nnav:" in config and "\ntheme:" in config


def test_build_without_hooks_has_the_same_pages(beide):
    mit, _, ohne = beide
    assert _html(ohne) == _html(mit)
    assert "admin/index.html" in _html(ohne) and "redaktion/felder/index.html" in _html(ohne)
    print(f"\nOhne Hooks: {len(_html(ohne))} HTML-Seiten, dieselben wie mit Hooks")


def test_data_pages_have_the_same_content_without_hooks(beide):
    mit, _, ohne = beide
    different = [p for p in DATENSEITEN if _article(mit / p) != _article(ohne / p)]
    assert different == []


def test_every_page_has_the_same_main_text_without_hooks(beide):
    """The hooks that remain (social cards, theme repairs) never change what a page says."""
    mit, _, ohne = beide
    pages = sorted(p for p in _html(mit) if p != "404.html" and not p.startswith("admin/"))
    different = [p for p in pages if _text(mit / p) != _text(ohne / p)]
    assert different == []
    assert len(pages) > 60


def test_published_files_are_the_same(beide, daten):
    """vCards, photos, forms, the web editor: every file the plan publishes, byte for byte."""
    mit, _, ohne = beide
    assets = plan(daten, TODAY).assets
    assert len(assets) > 30
    for asset in assets:
        assert (ohne / asset.path).read_bytes() == (mit / asset.path).read_bytes(), asset.path


def test_project_is_never_written_into_a_foreign_folder(tmp_path, capsys):
    (tmp_path / "wichtig.txt").write_text("nicht löschen", encoding="utf-8")
    assert main(["--data", str(DATA), "generate", "--projekt", str(tmp_path)]) == 1
    assert (tmp_path / "wichtig.txt").read_text(encoding="utf-8") == "nicht löschen"
    assert "ist nicht leer" in capsys.readouterr().out


def test_without_hooks_drops_hooks_and_watch_and_edit_links():
    config = ('site_name: X\nedit_uri: !ENV [EDIT_URI, "edit/main/docs/"]\nhooks:\n  - hooks/a.py  # eins\n'
              "\n  - hooks/b.py\ntheme:\n  features:\n    - search.suggest\n    - content.action.edit  # Knopf\n"
              "plugins:\n  - search\nwatch:\n  - data\n")
    assert ohne_hooks(config) == ('site_name: X\nedit_uri: ""  # erzeugte Seiten haben keine Quelldatei in docs/\n'
                                  "theme:\n  features:\n    - search.suggest\nplugins:\n  - search\n")


def test_web_editor_and_handbook_stay_out_of_sitemap_and_search(beide):
    mit, _, _ = beide
    sitemap = (mit / "sitemap.xml").read_text(encoding="utf-8")
    assert "/admin/" not in sitemap
    index = json.loads((mit / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert locations and not [loc for loc in locations if loc.startswith(("redaktion/", "admin/"))]
    assert any(loc.startswith("schulen/") for loc in locations)  # the index itself is there
    admin = (mit / "admin" / "index.html").read_text(encoding="utf-8")
    assert 'name="robots" content="noindex, nofollow"' in admin
    # Built without a repository: the page says the web editor is not set up, and no Decap is published.
    assert "nicht eingerichtet" in admin and "<script" not in admin
    assert sorted(p.name for p in (mit / "admin").iterdir()) == ["index.html"]
    assert 'id="einrichten-fur-die-it"' in (mit / "redaktion" / "web-editor" / "index.html").read_text(encoding="utf-8")
