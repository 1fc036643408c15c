"""The web editor (Decap CMS at /admin/): every field of the models is editable, references are relation
widgets, the files keep their header comments, and Decap itself accepts the configuration."""
from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from conftest import DATA
from schulerfolg import decap
from schulerfolg.decap import Einstellungen, backend
from schulerfolg.fields import SLUG
from schulerfolg.load import load
from schulerfolg.models import DATEIEN
from schulerfolg.schema import schemas
from schulerfolg.messages import model_in

GITHUB = Einstellungen("https://github.com/stadt-dessau/schulerfolg")


@pytest.fixture(scope="module")
def config() -> dict:
    return yaml.safe_load(decap.config_yaml(DATA, GITHUB))




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
    (collection,) = [c for c in config["collections"] if c["files"][0]["file"] == f"data/{name}"]
    return collection["files"][0]


def test_one_collection_per_data_file(config):
    assert [c["files"][0]["file"] for c in config["collections"]] == [f"data/{n}" for n in DATEIEN]
    assert all(len(c["files"]) == 1 for c in config["collections"])


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


def test_german_editorial_workflow(config):
    assert config["locale"] == "de"
    assert config["publish_mode"] == "editorial_workflow"
    assert "local_backend" not in config  # it would make every browser on localhost probe port 8081
    assert yaml.safe_load(decap.config_yaml(DATA, Einstellungen(GITHUB.repo_url, lokal=True)))["local_backend"] is True


@pytest.mark.parametrize("url, expected", [
    ("https://github.com/stadt-dessau/schulerfolg", {"name": "github", "repo": "stadt-dessau/schulerfolg"}),
    ("https://github.com/stadt-dessau/schulerfolg.git", {"name": "github", "repo": "stadt-dessau/schulerfolg"}),
    ("https://gitlab.com/stadt/jugendamt/schulerfolg", {"name": "gitlab", "repo": "stadt/jugendamt/schulerfolg",
                                                       "auth_type": "pkce"}),
    ("https://git.dessau-rosslau.de/jugendamt/schulerfolg", {"name": "gitlab", "repo": "jugendamt/schulerfolg",
                                                           "api_root": "https://git.dessau-rosslau.de/api/v4",
                                                           "base_url": "https://git.dessau-rosslau.de"}),
    ("", {"name": "test-repo"}),
    ("kein-url", {"name": "test-repo"}),
])
def test_backend_comes_from_the_repository_url(url, expected):
    got = backend(Einstellungen(url))
    assert got | expected == got
    if expected["name"] != "test-repo":
        assert got["branch"] == "main" and "update" in got["commit_messages"]


def test_gitlab_login_uses_the_city_application():
    assert "app_id" not in backend(Einstellungen("https://gitlab.com/a/b"))
    assert backend(Einstellungen("https://gitlab.com/a/b", gitlab_app_id="123abc"))["app_id"] == "123abc"


def test_settings_come_from_the_environment():
    s = Einstellungen.aus_umgebung({"REPO_URL": "https://github.com/a/b", "DECAP_AUTH_URL": "https://auth.example.org/",
                                    "DECAP_BRANCH": "live"})
    assert backend(s)["base_url"] == "https://auth.example.org" and backend(s)["branch"] == "live"
    assert Einstellungen.aus_umgebung({}) == Einstellungen()


@pytest.mark.parametrize("name", sorted(DATEIEN))
def test_saving_in_the_editor_keeps_the_file_header(config, name):
    """Decap writes a field's ``comment`` above its key (lines joined by a literal \\n), so the header that
    names the schema and the check command survives an edit in the browser."""
    first = _file(config, name)["fields"][0]
    (collection,) = [c for c in config["collections"] if c["files"][0]["file"] == f"data/{name}"]
    assert {"name": first["name"], "label": first["label"], "widget": "hidden", "comment": first["comment"]} \
        in collection["fields"]  # where Decap looks comments up (see decap.py)
    lines = ["#" + (" " + line if line else "") for line in first["comment"].split("\\n")]
    on_disk = (DATA / name).read_text(encoding="utf-8").splitlines()
    assert lines[0] == on_disk[0] == f"# yaml-language-server: $schema=../schema/{name.removesuffix('.yml')}.schema.json"
    assert any("python -m schulerfolg check" in line for line in lines)
    assert [line for line in lines] == [line for line in on_disk[: len(lines)] if line.startswith("#")]


def test_header_comments_of_each_key(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("# Kopf\n#\n# zweite\nerstes: 1\nliste:\n  # innen\n  - a\n\n# vor zwei\n\nzwei: 2\n", encoding="utf-8")
    assert decap.kopfkommentare(path) == {"erstes": "Kopf\\n\\nzweite", "zwei": "vor zwei"}
    assert decap.kopfkommentare(tmp_path / "fehlt.yml") == {}


def test_bundle_is_complete_and_unchanged():
    names = dict(decap.bundle())
    assert "decap-cms.js" in names and "decap-cms.LICENSE.txt" in names and "decap-cms.js.LICENSE.txt" in names
    assert sum(1 for n in names if n.endswith(".decap-cms.js")) > 40  # webpack chunks, loaded from the same folder
    assert f"decap-cms {decap.VERSION}" in (Path(str(decap.BUNDLE)) / "VERSION.txt").read_text(encoding="utf-8")
    import hashlib

    for line in (Path(str(decap.BUNDLE)) / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split()
        assert hashlib.sha256((Path(str(decap.BUNDLE)) / name).read_bytes()).hexdigest() == digest, name


# --- Decap itself, in Chromium -------------------------------------------------------------------------

def _chromium_or_skip():
    from browser import tools

    if tools.chromium_path() is None:
        message = "Chromium fehlt. " + tools.INSTALL_HINT
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return tools


def _admin(folder: Path, config: dict) -> None:
    """/admin/ as the site publishes it, with the given configuration."""
    from schulerfolg.render import environment

    admin = folder / "admin"
    admin.mkdir(parents=True)
    (admin / "index.html").write_text(environment().get_template("admin/index.html.j2").render(
        site_name="Test", version=decap.VERSION), encoding="utf-8")
    (admin / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for name, path in decap.bundle():
        (admin / name).write_bytes(path.read_bytes())


async def _browser(tools):
    from playwright.async_api import async_playwright

    pw = await async_playwright().start()
    return pw, await pw.chromium.launch(executable_path=tools.chromium_path(), args=tools.CHROMIUM_ARGS)


@pytest.mark.browser
def test_decap_accepts_the_configuration_and_loads_nothing_from_elsewhere(tmp_path, config):
    """The real bundle reads the generated config: no »Config Errors«, a German login button,
    and before login no request leaves the site."""
    tools = _chromium_or_skip()
    _admin(tmp_path, config)

    async def visit(url: str):
        pw, browser = await _browser(tools)
        page = await browser.new_page()
        requests, console = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: console.append(m.text))
        page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
        await page.goto(url)
        await page.get_by_role("button", name="Mit GitHub einloggen").wait_for(timeout=60_000)
        await browser.close()
        await pw.stop()
        return requests, console

    with tools.serve(tmp_path) as base:
        requests, console = asyncio.run(visit(base + "admin/"))
    assert not [line for line in console if "Config Errors" in line or "pageerror" in line], console
    assert [u for u in requests if not u.startswith(base)] == []


@pytest.mark.browser
def test_a_change_saved_in_decap_passes_the_check_and_keeps_the_header(tmp_path, config, data_copy):
    """Round trip through the real editor: Decap's in-browser test store holds data/, an editor changes
    a phone number and publishes; the file Decap writes keeps its header comments and passes the check."""
    tools = _chromium_or_skip()
    local = {**config, "backend": {"name": "test-repo"}, "publish_mode": "simple"}  # same writer, no login
    site = tmp_path / "site"
    _admin(site, local)
    files = {n: {"content": (data_copy / n).read_text(encoding="utf-8")} for n in DATEIEN}
    (site / "repo.js").write_text("window.repoFiles = " + json.dumps({"data": files}) + ";", encoding="utf-8")

    async def edit(url: str) -> str:
        pw, browser = await _browser(tools)
        page = await browser.new_page(viewport={"width": 1280, "height": 900})
        await page.add_init_script(path=str(site / "repo.js"))
        await page.goto(url)
        await page.get_by_role("button", name="Login").click(timeout=60_000)
        await page.goto(url + "#/collections/fachkraefte/entries/fachkraefte")
        anna = page.get_by_text("Anna Musterfrau").first
        await anna.wait_for(timeout=30_000)
        toggle = anna.locator("xpath=ancestor::div[.//button[contains(@class,'TopBarButton')]][1]"
                              "//button[contains(@class,'TopBarButton')]").first
        await toggle.click()
        phone = page.get_by_label("Telefon (optional)").first
        assert await phone.input_value() == "0340 204-1234"
        await phone.fill("0340 204-9999")
        await page.get_by_role("button", name="Veröffentlichen").first.click()
        await page.get_by_text("Jetzt veröffentlichen").first.click()
        await page.get_by_text("Änderungen gespeichert").first.wait_for(timeout=30_000)
        content = await page.evaluate("window.repoFiles.data['fachkraefte.yml'].content")
        await browser.close()
        await pw.stop()
        return content

    with tools.serve(site) as base:
        written = asyncio.run(edit(base + "admin/"))
    before = (data_copy / "fachkraefte.yml").read_text(encoding="utf-8")
    header = [line for line in before.splitlines()[:12] if line.startswith("#")]
    assert [line.rstrip() for line in written.splitlines()[: len(header)]] == header
    expected = yaml.safe_load(before)
    expected["fachkraefte"][0]["telefon"] = "0340 204-9999"
    assert yaml.safe_load(written) == expected  # only the phone changed; no empty photo on anyone
    (data_copy / "fachkraefte.yml").write_text(written, encoding="utf-8")
    assert load(data_copy).problems == []
