"""The web editor (Decap CMS at /admin/): it exists only where it can save; every field of the models is
editable, references are relation widgets, nothing of the data files (not even a comment) is published in its
configuration, its page has a Content-Security-Policy of its own, and Decap itself edits and publishes under it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import DATA
from helpers import TODAY
from pydantic import BaseModel

from schulerfolg.data.feldreferenz import dateien
from schulerfolg.data.fields import SLUG
from schulerfolg.data.messages import model_in
from schulerfolg.data.models import DATEIEN, ORDNER
from schulerfolg.data.schema import schemas
from schulerfolg.formats import decap
from schulerfolg.formats.decap import Settings, backend
from schulerfolg.load import load
from schulerfolg.site.plan import plan

GITHUB = Settings("https://github.com/stadt-dessau/schulerfolg", auth_url="https://anmeldung.dessau-rosslau.de")
GITLAB = Settings("https://git.dessau-rosslau.de/jugendamt/schulerfolg", gitlab_app_id="4f2a9c")


@pytest.fixture(scope="module")
def config() -> dict:
    return yaml.safe_load(decap.config_yaml(backend(GITHUB)))


def model_paths(model: type[BaseModel], prefix: tuple = ()) -> set[tuple]:
    """Every field of ``model`` and its sub-models, as a path (lists stepped over), read from pydantic."""
    out = set()
    for name, info in model.model_fields.items():
        out.add((*prefix, name))
        sub = model_in(info.annotation)
        if sub is not None:
            out |= model_paths(sub, (*prefix, name))
    return out


def widget_paths(fields: list[dict], prefix: tuple = ()) -> dict[tuple, dict]:
    """Every field of a Decap file collection, as a path, with its widget."""
    out = {}
    for f in fields:
        path = (*prefix, f["name"])
        out[path] = f
        out |= widget_paths(f.get("fields", []), path)
    return out


def _file(config: dict, name: str) -> dict:
    (collection,) = [c for c in config["collections"] if "files" in c and c["files"][0]["file"] == f"data/{name}"]
    return collection["files"][0]


def test_one_collection_per_data_file(config):
    dateien = [c for c in config["collections"] if "files" in c]
    assert [c["files"][0]["file"] for c in dateien] == [f"data/{n}" for n in DATEIEN]
    assert all(len(c["files"]) == 1 for c in dateien)


def test_news_are_a_folder_collection_with_the_text_as_body(config):
    """One Markdown file per item (issue 19): Decap's folder collection, the text below the head its »body«."""
    (ordner,) = [c for c in config["collections"] if "folder" in c]
    assert [ordner["folder"]] == [f"data/{o}" for o in ORDNER]
    assert (ordner["format"], ordner["extension"], ordner["create"]) == ("frontmatter", "md", True)
    assert ordner["slug"] == "{{year}}-{{month}}-{{day}}-{{slug}}"  # the name meldungen.DATEINAME wants
    felder = {f["name"]: f for f in ordner["fields"]}
    assert set(felder) == {*(n for n in ORDNER["aktuelles"].model_fields if n != "text"), "body"}
    assert felder["body"]["widget"] == "markdown" and felder["body"]["required"]
    assert felder["schulen"]["widget"] == "relation"


@pytest.mark.parametrize("name", sorted(DATEIEN))
def test_every_model_field_is_editable(config, name):
    fields = widget_paths(_file(config, name)["fields"])
    expected = model_paths(DATEIEN[name])
    assert set(fields) == expected
    for path, f in fields.items():
        # Required in Decap when required in the model and not inside an optional group: Decap would
        # otherwise demand a photo's date from every person without a photo.
        required = _field_info(DATEIEN[name], path).is_required()
        inside_optional = False
        for i in range(len(path) - 1, 0, -1):  # up to the nearest list: its entries exist only once added
            if fields[path[:i]]["widget"] == "list":
                break
            inside_optional |= not fields[path[:i]]["required"]
        assert f["required"] is (required and not inside_optional), path
        assert f["label"] and f["widget"], path


def _field_info(model, path):
    for part in path[:-1]:
        model = model_in(model.model_fields[part].annotation)
    return model.model_fields[path[-1]]


def _slug_references() -> set[tuple[str, str]]:
    """(file, field) of every id-valued field that is not an entry's own id, read from the JSON Schemas."""
    found = set()

    def walk(node, file, name=None):
        if isinstance(node, dict):
            items = node.get("items", {})
            pattern = node.get("pattern") or (items.get("pattern") if isinstance(items, dict) else None)
            if pattern == SLUG.pattern and name not in (None, "id"):
                found.add((file, name))
            for key, value in node.get("properties", {}).items():
                walk(value, file, key)
            for key in ("$defs", "anyOf", "items"):
                value = node.get(key)
                for v in (value.values() if isinstance(value, dict) and key == "$defs" else value if isinstance(value, list) else [value] if value else []):
                    walk(v, file, name if key != "$defs" else None)

    for schema_name, text in schemas().items():
        walk(json.loads(text), schema_name.replace(".schema.json", ".yml"))
    return found


def test_every_reference_is_a_relation_widget(config):
    references = _slug_references()
    assert ("fachkraefte.yml", "schulen") in references and ("fachkraefte.yml", "traeger") in references
    relations = {}
    for name in DATEIEN:
        for path, f in widget_paths(_file(config, name)["fields"]).items():
            if f["widget"] == "relation":
                relations[(name, path[-1])] = f
    assert set(relations) == references
    # an event's report names a news file (issue 19): chosen among the folder collection's entries
    assert relations.pop(("termine.yml", "bericht"))["collection"] == "aktuelles"
    for (_, field), f in relations.items():
        target = _file(config, f"{field}.yml")
        assert f["collection"] == field and f["file"] == target["name"]
        assert f["value_field"] == f"{field}.*.id"
        assert f["search_fields"] and f["display_fields"] == [f"{field}.*.name"]
    assert relations[("fachkraefte.yml", "schulen")]["multiple"] is True
    assert relations[("fachkraefte.yml", "schulen")]["min"] == 1
    assert "multiple" not in relations[("fachkraefte.yml", "traeger")]


def test_widgets_follow_the_field_types(config):
    fk = widget_paths(_file(config, "fachkraefte.yml")["fields"])
    foto = fk[("fachkraefte", "foto", "datei")]
    assert (foto["widget"], foto["media_folder"], foto["public_folder"]) == ("image", "/data/fotos", "fotos")
    datum = fk[("fachkraefte", "foto", "einwilligung")]
    assert (datum["widget"], datum["format"], datum["time_format"]) == ("datetime", "YYYY-MM-DD", False)
    assert fk[("fachkraefte", "foto")]["widget"] == "object"
    assert fk[("fachkraefte", "projekte")]["widget"] == "list"
    assert fk[("fachkraefte", "projekte", "beschreibung")]["widget"] == "markdown"
    sprachen = fk[("fachkraefte", "sprachen")]
    assert sprachen["widget"] == "select" and sprachen["multiple"]
    assert {"label": "Ukrainisch (uk)", "value": "uk"} in sprachen["options"]
    fokus_x = fk[("fachkraefte", "foto", "fokus", "x")]
    assert (fokus_x["widget"], fokus_x["value_type"], fokus_x["min"], fokus_x["max"]) == ("number", "float", 0, 1)
    # A post has 20, 30 or 39 hours: a choice of numbers, saved as numbers (check refuses the text »30«).
    stunden = fk[("fachkraefte", "wochenstunden")]
    assert stunden["widget"] == "select" and [o["value"] for o in stunden["options"]] == [20, 30, 39]

    plus = widget_paths(_file(config, "plus.yml")["fields"])
    assert plus[("formulare", "datei")]["widget"] == "file"
    assert plus[("formulare", "datei")]["media_folder"] == "/data/formulare"
    assert plus[("formulare", "alternativen")]["field"]["widget"] == "file"
    assert (plus[("hoechstbetrag",)]["widget"], plus[("hoechstbetrag",)]["value_type"]) == ("number", "int")

    nw = widget_paths(_file(config, "netzwerkstelle.yml")["fields"])
    assert nw[("beispieldaten",)]["widget"] == "boolean"
    assert nw[("film", "poster")]["widget"] == "image" and nw[("film", "datei")]["widget"] == "file"
    assert [o["value"] for o in nw[("film", "modus")]["options"]] == ["selbst", "extern"]
    assert nw[("film", "modus")]["default"] == "selbst"

    schulen = widget_paths(_file(config, "schulen.yml")["fields"])
    assert [o["value"] for o in schulen[("schulen", "schulform")]["options"]][0] == "grundschule"
    assert schulen[("schulen", "id")]["pattern"][0] == SLUG.pattern
    assert schulen[("schulen", "adresse", "ort")]["default"] == "Dessau-Roßlau"


def test_german_editorial_workflow_without_preview(config):
    assert config["locale"] == "de"
    assert config["publish_mode"] == "editorial_workflow"
    # The preview pane would render the editors' Markdown as HTML inside this page; notes are PR comments
    # that anyone may write on a public repository.
    assert config["editor"] == {"preview": False, "notes": False}
    assert all(c["editor"] == {"preview": False} for c in config["collections"])
    markdown = [f for name in DATEIEN for f in widget_paths(_file(config, name)["fields"]).values()
                if f["widget"] == "markdown"]
    assert markdown and all(f["sanitize_preview"] is True for f in markdown)  # should a preview ever come back


@pytest.mark.parametrize("url, expected", [
    ("https://github.com/stadt-dessau/schulerfolg", {"name": "github", "repo": "stadt-dessau/schulerfolg"}),
    ("https://github.com/stadt-dessau/schulerfolg.git", {"name": "github", "repo": "stadt-dessau/schulerfolg"}),
    ("https://GitHub.com/stadt-dessau/schulerfolg/", {"name": "github", "repo": "stadt-dessau/schulerfolg"}),
    ("https://gitlab.com/stadt/jugendamt/schulerfolg", {"name": "gitlab", "repo": "stadt/jugendamt/schulerfolg",
                                                       "auth_type": "pkce", "api_root": "https://gitlab.com/api/v4",
                                                       "base_url": "https://gitlab.com"}),
    ("https://git.dessau-rosslau.de/jugendamt/schulerfolg", {"name": "gitlab", "repo": "jugendamt/schulerfolg",
                                                           "api_root": "https://git.dessau-rosslau.de/api/v4",
                                                           "base_url": "https://git.dessau-rosslau.de"}),
])
def test_backend_comes_from_the_repository_url(url, expected):
    gateway = GITHUB.auth_url if expected["name"] == "github" else ""  # GitLab logs in at its own host
    got = backend(Settings(url, auth_url=gateway, gitlab_app_id=GITLAB.gitlab_app_id))
    assert got | expected == got
    assert got["branch"] == "main" and "update" in got["commit_messages"]
    assert got["base_url"] == expected.get("base_url", GITHUB.auth_url)


@pytest.mark.parametrize("settings", [
    Settings(),  # no repository: the build on a developer's machine and in the tests
    Settings("kein-url", auth_url=GITHUB.auth_url),
    Settings("git@github.com:stadt-dessau/schulerfolg.git", auth_url=GITHUB.auth_url),
    Settings("http://git.dessau-rosslau.de/jugendamt/schulerfolg", gitlab_app_id="4f2a9c"),  # no https
    Settings("https://github.com/", auth_url=GITHUB.auth_url),  # no repository in the address
    Settings(GITHUB.repo_url),  # GitHub without the city's login gateway: Netlify's, or none
    Settings(GITHUB.repo_url, auth_url="http://anmeldung.dessau-rosslau.de"),
    Settings(GITLAB.repo_url),  # GitLab without the OAuth application
    Settings(GITLAB.repo_url, gitlab_app_id="4f2a9c", auth_url="https://x.example; script-src *"),
    # A host that would write itself into the page's policy: no editor rather than a foreign script source.
    Settings("https://git.example.org;script-src:*/a/b", gitlab_app_id="4f2a9c"),
    Settings("https://git.example.org script-src */a/b", gitlab_app_id="4f2a9c"),
    Settings("https://user:geheim@git.example.org/a/b", gitlab_app_id="4f2a9c"),
    Settings(GITLAB.repo_url, gitlab_app_id="4f2a9c' 'unsafe-inline"),
])
def test_no_editor_while_it_could_not_save(settings):
    assert backend(settings) is None
    assert decap.policy(None) == "default-src 'none'; img-src 'self'; base-uri 'self'; form-action 'none'"


def test_gitlab_login_uses_the_city_application():
    assert backend(Settings("https://gitlab.com/a/b", gitlab_app_id="123abc"))["app_id"] == "123abc"
    separate = backend(Settings(GITLAB.repo_url, gitlab_app_id="1", auth_url="https://login.dessau-rosslau.de/"))
    assert separate["base_url"] == "https://login.dessau-rosslau.de"
    assert separate["api_root"] == "https://git.dessau-rosslau.de/api/v4"


def test_settings_come_from_the_environment():
    s = Settings.from_env({"REPO_URL": "https://github.com/a/b", "DECAP_AUTH_URL": "https://auth.example.org/",
                                    "DECAP_BRANCH": "live", "DECAP_LOCAL": "1"})
    assert backend(s)["base_url"] == "https://auth.example.org" and backend(s)["branch"] == "live"
    assert "local_backend" not in decap.config(backend(s))  # Decap's local mode is never built (handbook)
    assert Settings.from_env({}) == Settings()
    gitlab = Settings.from_env({"REPO_URL": GITLAB.repo_url, "DECAP_GITLAB_APP_ID": " 4f2a9c "})
    assert backend(gitlab)["app_id"] == "4f2a9c"


def test_policy_of_the_editor_page():
    """Scripts only from the site; the API of the repository's host and nothing else to talk to. Each
    relaxation is needed by Decap, see test_every_relaxation_of_the_policy_is_needed."""
    assert decap.policy(backend(GITHUB)) == (
        "default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' blob:; connect-src 'self' https://api.github.com; object-src 'none'; base-uri 'self'; "
        "form-action 'none'")
    gitlab = decap.policy(backend(Settings(GITLAB.repo_url, gitlab_app_id="1",
                                                    auth_url="https://login.dessau-rosslau.de")))
    assert "img-src 'self' blob: https://git.dessau-rosslau.de;" in gitlab  # the editor's avatar
    assert "connect-src 'self' https://git.dessau-rosslau.de https://login.dessau-rosslau.de;" in gitlab
    gitlab_com = decap.policy(backend(Settings("https://gitlab.com/a/b", gitlab_app_id="1")))
    assert "connect-src 'self' https://gitlab.com;" in gitlab_com


def test_settings_reach_the_configuration_through_the_yaml_emitter():
    """Values of the deployment (a branch named by hand) land in config.yml as the same values, whatever
    they hold: no string formatting that a quote, a newline or a document marker could break."""
    branch = "live\n---\n...\n# kein Kommentar: \"x\" 'y' {{ collection }} <script>alert(1)</script>: [a] {b}"
    text = decap.config_yaml(backend(Settings(GITHUB.repo_url, branch, GITHUB.auth_url)))
    (document,) = list(yaml.safe_load_all(text))
    assert document["backend"]["branch"] == branch
    assert document == decap.config(backend(Settings(GITHUB.repo_url, branch, GITHUB.auth_url)))


# Comments and values an editor or a pull request may put into the data: quotes, newlines, Jinja and
# Decap's own {{ }}, markup, YAML document markers, and text that only a comment holds.
GEHEIM = "GEHEIMER-KOMMENTAR"
BOESE = "\"zitat' {{ collection }} {% raw %} <script>alert(1)</script> &amp; --- ..."


def _feindlich(data: Path) -> None:
    """Comments everywhere in the data files, and hostile text in values that still pass the check."""
    for n, path in enumerate(sorted(data.glob("*.yml"))):
        lines = path.read_text(encoding="utf-8").splitlines()
        out = [f"# {GEHEIM}-{n} {BOESE}", "#", "---"]
        for line in lines:
            if line.startswith(("  - ", "schulen:", "traeger:", "fachkraefte:")) or line[:1].isalpha():
                out.append(f"# {GEHEIM}-{n} vor »{line.strip()[:20]}« {BOESE}")
            out.append(line)
        out += [f"# {GEHEIM}-{n} am Ende", "..."]
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
    schulen = data / "schulen.yml"
    schulen.write_text(schulen.read_text(encoding="utf-8").replace(
        "name: Grundschule Ziebigk", "name: 'Grundschule \"Ziebigk\" {{ collection }} <script>alert(1)</script> --- ...'"
                                     f"  # {GEHEIM} hinter dem Wert"), encoding="utf-8")


def test_comments_and_values_of_the_data_never_reach_the_configuration(data_copy, monkeypatch, daten):
    monkeypatch.setenv("REPO_URL", GITHUB.repo_url)
    monkeypatch.setenv("DECAP_AUTH_URL", GITHUB.auth_url)
    _feindlich(data_copy)
    hostile = load(data_copy, TODAY)
    assert hostile.problems == []
    assert hostile.daten.schulen[0].name.startswith('Grundschule "Ziebigk" {{ collection }} <script>')

    def published(daten) -> dict[str, bytes]:
        return {a.path: a.content for a in plan(daten, TODAY).assets if a.path.startswith("admin/") and a.content}

    mit, ohne = published(hostile.daten), published(daten)
    assert set(mit) == {"admin/index.html", "admin/config.yml"}
    assert mit == ohne  # the same bytes: nothing of the data files is in them
    text = mit["admin/config.yml"].decode("utf-8")
    assert GEHEIM not in text and "Ziebigk" not in text and "<script>" not in text
    assert yaml.safe_load(text) == decap.config(backend(GITHUB))
    header = {line for d in dateien() for line in decap.kopf(d).split("\\n")}
    for name in DATEIEN:  # the sample files' own comments stay unpublished, too
        own = [line[1:].strip() for line in (DATA / name).read_text(encoding="utf-8").splitlines()
               if line.startswith("# ") and line[2:] not in header]
        assert own and not [c for c in own if c in text], name


@pytest.mark.parametrize("name", sorted(DATEIEN))
def test_saving_in_the_editor_writes_a_header_made_from_the_model(config, name):
    """Decap writes a field's ``comment`` above its key (lines joined by a literal \\n). It comes from the
    model, not from the file: its first line keeps the file tied to its schema in editors like VS Code."""
    (datei,) = [d for d in dateien() if d.name == name]
    first = _file(config, name)["fields"][0]
    assert first["comment"] == decap.kopf(datei)
    (collection,) = [c for c in config["collections"] if "files" in c and c["files"][0]["file"] == f"data/{name}"]
    assert collection["fields"] == [{"name": first["name"], "label": first["label"], "widget": "hidden",
                                     "comment": first["comment"]}]  # where Decap looks comments up (decap.py)
    lines = first["comment"].split("\\n")
    on_disk = (DATA / name).read_text(encoding="utf-8").splitlines()
    assert "# " + lines[0] == on_disk[0] == f"# yaml-language-server: $schema=../schema/{name.removesuffix('.yml')}.schema.json"
    assert "Nach dem Bearbeiten prüfen:  python -m schulerfolg check" in lines
    assert not [f for f in widget_paths(_file(config, name)["fields"]).values() if "comment" in f and f is not first]


def test_without_settings_the_page_says_so_and_publishes_no_decap(monkeypatch, daten):
    """The build without a repository (a developer's machine, the tests): /admin/ is a plain German page
    that points to the handbook's section for the city's IT, with no script at all."""
    for name in ("REPO_URL", "DECAP_AUTH_URL", "DECAP_GITLAB_APP_ID"):
        monkeypatch.delenv(name, raising=False)
    assets = {a.path: a for a in plan(daten, TODAY).assets if a.path.startswith("admin/")}
    assert set(assets) == {"admin/index.html"}
    page = BeautifulSoup(assets["admin/index.html"].content.decode("utf-8"), "html.parser")
    assert page.html["lang"] == "de" and page.find("script") is None and page.find("link", rel="cms-config-url") is None
    assert page.h1.get_text() == "Der Web-Editor ist nicht eingerichtet"
    assert page.find("a", href="../redaktion/web-editor/#einrichten-fur-die-it")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"] == decap.policy(None)
    assert "test-repo" not in str(page) and "decap" not in str(page).lower()


def test_with_settings_the_page_loads_decap_under_its_policy(monkeypatch, daten):
    monkeypatch.setenv("REPO_URL", GITHUB.repo_url)
    monkeypatch.setenv("DECAP_AUTH_URL", GITHUB.auth_url)
    assets = {a.path: a for a in plan(daten, TODAY).assets if a.path.startswith("admin/")}
    assert {"admin/index.html", "admin/config.yml", "admin/decap-cms.js"} <= set(assets)
    page = BeautifulSoup(assets["admin/index.html"].content.decode("utf-8"), "html.parser")
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert policy["content"] == decap.policy(backend(GITHUB))
    assert page.head.find("meta") is not None and page.head.find_all("meta")[1] is policy  # before any script
    assert [s["src"] for s in page.find_all("script")] == ["decap-cms.js"]
    assert yaml.safe_load(assets["admin/config.yml"].content)["backend"]["name"] == "github"


def test_bundle_is_complete_and_unchanged():
    names = dict(decap.bundle())
    assert "decap-cms.js" in names and "decap-cms.LICENSE.txt" in names and "decap-cms.js.LICENSE.txt" in names
    assert sum(1 for n in names if n.endswith(".decap-cms.js")) > 40  # webpack chunks, loaded from the same folder
    assert f"decap-cms {decap.VERSION}" in (Path(str(decap.BUNDLE)) / "VERSION.txt").read_text(encoding="utf-8")
    import hashlib

    for line in (Path(str(decap.BUNDLE)) / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split()
        assert hashlib.sha256((Path(str(decap.BUNDLE)) / name).read_bytes()).hexdigest() == digest, name
