"""The editors' handbook and workflow: the field reference covers the models, the check messages quoted in
the handbook are real, and the CI, pre-commit and dependency files are valid for their platforms."""
from __future__ import annotations

import html
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import DATA, ROOT
from helpers import TODAY
from pydantic import BaseModel

from schulerfolg.cli import main
from schulerfolg.data import feldreferenz
from schulerfolg.data.messages import model_in
from schulerfolg.data.models import DATEIEN
from schulerfolg.load import load
from schulerfolg.problem import format_count
from schulerfolg.site.plan import plan
from schulerfolg.site.render import render

HANDBUCH = ROOT / "docs" / "redaktion"
BEISPIELE = ROOT / "tests" / "fixtures" / "redaktion" / "data"


@pytest.fixture(scope="module")
def feldseite(sample_site) -> str:
    (page,) = [p for p in sample_site.pages if p.path == "redaktion/felder.md"]
    return sample_site.markdown(page)


# --- the field reference ------------------------------------------------------------------------------



def _models(model: type[BaseModel], seen: dict) -> dict[str, type[BaseModel]]:
    for info in model.model_fields.values():
        sub = model_in(info.annotation)
        if sub is not None and sub.__name__ not in seen:
            seen[sub.__name__] = sub
            _models(sub, seen)
    return seen


def _section(page: str, level: int, title: str) -> str:
    """The text of the section under ``<hN …>title</hN>``, up to the next heading of the same or a higher level."""
    start = re.search(rf"<h{level}[^>]*>{re.escape(title)}</h{level}>", page)
    assert start is not None, f"no <h{level}> {title!r}"
    rest = page[start.end():]
    end = re.search(r"<h[1-%d][ >]" % level, rest)
    return rest[: end.start()] if end else rest


@pytest.mark.parametrize("name", sorted(DATEIEN))
def test_field_reference_lists_every_field_of_every_model(feldseite, name):
    """Each file's section has a row for every field of its models, with its description."""
    section = _section(feldseite, 2, f"data/{name}")
    top = DATEIEN[name]
    entry = model_in(next(iter(top.model_fields.values())).annotation) if len(top.model_fields) == 1 else None
    models = {top.__name__: top} if entry is None else {entry.__name__: entry}
    models |= _models(entry or top, {})
    for model_name, model in models.items():
        part = html.unescape(section if model is (entry or top) else _section(section, 3, model_name))
        for field, info in model.model_fields.items():
            term = re.search(rf"<dt><code>{field}</code> · (Pflicht|freiwillig)[^<]*(?:<code>[^<]*</code>\)?)?</dt>\n<dd>(.*?)</dd>",
                             part, re.S)
            assert term is not None, f"{name}: {model_name}.{field} fehlt in der Feldreferenz"
            assert term.group(1) == ("Pflicht" if info.is_required() else "freiwillig"), (model_name, field)
            assert " ".join((info.description or "").split()) in term.group(2), (model_name, field)


@pytest.mark.parametrize("name", [n for n, m in DATEIEN.items() if feldreferenz._list_key(m)])
def test_template_for_a_new_entry_is_valid_as_it_stands(feldseite, name):
    """The commented template: with only its required lines it passes the model; uncommented it still does."""
    datei = next(d for d in feldreferenz.dateien() if d.name == name)
    entry_model = model_in(next(iter(DATEIEN[name].model_fields.values())).annotation)
    text = feldreferenz.vorlage(datei.felder[0].element)
    assert text in html.unescape(feldseite)
    (required,) = yaml.safe_load(text)
    entry_model.model_validate(required)
    uncommented = re.sub(r"^(\s*)# ", r"\1", text, flags=re.M).replace("   # freiwillig", "")
    (full,) = yaml.safe_load(uncommented)
    entry_model.model_validate(full)
    assert set(full) == set(entry_model.model_fields)


def test_field_reference_is_made_at_build_time_and_kept_out_of_search(feldseite):
    assert feldseite.startswith("---\ntitle: Feldreferenz\nsearch:\n  exclude: true\n---")
    assert "data/fachkraefte.yml" in feldseite and "Liste von IDs aus data/schulen.yml" in feldseite
    assert not (HANDBUCH / "felder.md").exists()  # no copy to go stale: the page exists only in the build


def test_every_field_has_a_description_for_editors():
    missing = [".".join(f.pfad) for d in feldreferenz.dateien() for f in d.alle()
               if not f.beschreibung and not (d.liste and f.pfad == (d.liste,))]
    assert missing == []


# --- the handbook ---------------------------------------------------------------------------------------

def _handbuch() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(HANDBUCH.glob("*.md")))


NORA = """
  - id: Nora Neumann
    name: Nora Neumann
    schulen: [gs-ziebik]
    traeger: kiez-ev
    emial: sozialarbeit.sek-rosslau@example.org
    foto:
      datei: fotos/nora-neumann.jpg
      einwilligung: 2026-13-01
"""
NORA_2 = NORA.replace("id: Nora Neumann", "id: nora-neumann").replace("emial:", "email:").replace("2026-13-01", "2026-03-01")
NORA_3 = NORA_2.replace("[gs-ziebik]", "[sek-rosslau]").replace("2026-03-01", "2027-03-01")

# (what the handbook shows, how the example data are changed); each must give exactly the quoted output.
SZENARIEN = {
    "erster Versuch": [("fachkraefte.yml", "append", NORA)],
    "zweiter Versuch": [("fachkraefte.yml", "append", NORA_2)],
    "dritter Versuch": [("fachkraefte.yml", "append", NORA_3), ("fotos/nora-neumann.jpg", "copy", "fotos/anna-musterfrau.jpg")],
    "ohne Einwilligung": [("fachkraefte.yml", "replace", "      einwilligung: 2025-03-01\n", "")],
    "Frist deutsch": [("plus.yml", "replace", "datum: 2027-03-31", "datum: 31.03.2027")],
    "Schulform groß": [("schulen.yml", "replace", "schulform: grundschule", "schulform: Grundschule")],
    "Tausenderpunkt": [("plus.yml", "replace", "hoechstbetrag: 2000", "hoechstbetrag: 2.000")],
}


def _szenario(tmp_path: Path, steps) -> list[str]:
    data = tmp_path / "data"
    shutil.copytree(BEISPIELE, data)
    for file, how, *args in steps:
        path = data / file
        if how == "append":
            path.write_text(path.read_text(encoding="utf-8") + args[0], encoding="utf-8")
        elif how == "copy":
            shutil.copy(data / args[0], path)
        else:
            text = path.read_text(encoding="utf-8")
            assert args[0] in text
            path.write_text(text.replace(args[0], args[1], 1), encoding="utf-8")
    problems = load(data, TODAY).problems
    return [str(p) for p in problems] + [format_count(problems)]


def test_example_data_of_the_handbook_are_clean():
    assert load(BEISPIELE, TODAY).problems == []


@pytest.mark.parametrize("name", list(SZENARIEN))
def test_check_output_quoted_in_the_handbook_is_real(tmp_path, name):
    lines = _szenario(tmp_path, SZENARIEN[name])
    text = (HANDBUCH / "pruefung.md").read_text(encoding="utf-8")
    block = "\n".join(lines)
    assert f"```text\n{block}\n```" in text, f"Im Handbuch fehlt die echte Ausgabe für »{name}«:\n{block}"


def test_handbook_quotes_no_invented_message(tmp_path):
    real = set()
    for i, steps in enumerate(SZENARIEN.values()):
        real |= set(_szenario(tmp_path / str(i), steps))
    quoted = {line for line in _handbuch().splitlines() if re.match(r"^data/[a-z]+\.yml:\d+", line)}
    assert quoted - real == set()
    assert len(quoted) >= 8


def test_handbook_shows_the_yaml_of_its_examples():
    text = (HANDBUCH / "pruefung.md").read_text(encoding="utf-8")
    assert f"```yaml{NORA.rstrip()}\n```" in text


def test_handbook_covers_each_kind_of_entry_and_consent():
    eintraege = (HANDBUCH / "eintraege.md").read_text(encoding="utf-8")
    for heading in ("## Schule", "## Fachkraft (mit Foto)", "## Träger", "## PLUS+: Fristen", "## PLUS+: Formulare",
                    "## Die Angaben der Netzwerkstelle", "## Der Film"):
        assert heading in eintraege
    fotos = (HANDBUCH / "fotos.md").read_text(encoding="utf-8")
    assert "## Widerruf der Einwilligung" in fotos and "Block** `foto:`" in fotos and "**Datei** in `data/fotos/`" in fotos


@pytest.mark.parametrize("page", sorted(p.name for p in HANDBUCH.glob("*.md")))
def test_handbook_pages_stay_out_of_search(page):
    assert (HANDBUCH / page).read_text(encoding="utf-8").startswith("---\nsearch:\n  exclude: true\n---\n")


def test_commands_in_handbook_readme_and_ci_exist():
    """Every ``python -m schulerfolg …`` the editors and the CI are told to run is a valid command."""
    texts = [_handbuch(), (ROOT / "README.md").read_text(encoding="utf-8"), *_ci_texts().values()]
    commands = {m.group(1).strip() for t in texts for m in re.finditer(r"python -m schulerfolg ([^`\n|>;)#]*)", t)}
    assert {"check", "check --format github", "check --format gitlab", "schema --check"} <= commands
    for command in commands:
        args = [a for a in shlex.split(command) if not a.startswith("<")]
        args = [a if not a.isupper() else "AUSGABE" for a in args]
        with pytest.raises(SystemExit) as done:
            main([*args, "--help"])
        assert done.value.code == 0, command


# --- CI, pre-commit, dependency updates -------------------------------------------------------------------

CI_FILES = {
    ".github/workflows/website.yml": "vendor.github-workflows",
    ".github/dependabot.yml": "vendor.dependabot",
    ".gitlab-ci.yml": "vendor.gitlab-ci",
    "renovate.json": "vendor.renovate",
}


def _ci_texts() -> dict[str, str]:
    return {name: (ROOT / name).read_text(encoding="utf-8") for name in [*CI_FILES, ".pre-commit-config.yaml"]}


@pytest.mark.parametrize("name", list(CI_FILES))
def test_ci_file_is_valid_for_its_platform(name):
    """Against the JSON Schema each platform publishes (vendored in check-jsonschema, no network)."""
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", CI_FILES[name], name],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_schema_validation_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "kaputt.yml"
    broken.write_text("on: push\njobs:\n  a:\n    steps: [{run: echo}]\n", encoding="utf-8")  # no runs-on
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(broken)], capture_output=True, text=True)
    assert done.returncode == 1


def test_github_workflow_checks_builds_tests_previews_and_deploys():
    wf = yaml.safe_load((ROOT / ".github/workflows/website.yml").read_text(encoding="utf-8"))
    triggers = wf[True]  # YAML 1.1 reads the key »on« as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    runs = {job: " ".join(s.get("run", "") for s in spec.get("steps", [])) for job, spec in wf["jobs"].items()}
    assert "python -m schulerfolg check --format github" in runs["daten"]
    assert "mkdocs build --strict" in runs["bauen"]
    assert "bash scripts/test" in runs["tests"]
    assert "generate --projekt" in runs["portabel"] and "diff" in runs["portabel"]
    uses = [s["uses"] for spec in wf["jobs"].values() for s in spec.get("steps", []) if "uses" in s]
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    for u in uses:  # every action pinned to a full commit
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u), u
    deploy = wf["jobs"]["veroeffentlichen"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert set(deploy["needs"]) == {"bauen", "tests", "portabel"} and "main" in deploy["if"]
    assert wf["permissions"] == {"contents": "read"}


def test_gitlab_pipeline_checks_builds_tests_and_publishes_pages():
    gl = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    script = {job: " ".join(spec.get("script", [])) for job, spec in gl.items() if isinstance(spec, dict)}
    assert "--format gitlab" in script["daten"]
    assert gl["daten"]["artifacts"]["reports"]["codequality"] == "gl-code-quality.json"
    assert "mkdocs build --strict" in script["bauen"] and gl["bauen"]["artifacts"]["expose_as"]
    assert "bash scripts/test" in script["tests"]
    assert "generate --projekt" in script["portabel"]
    assert "-d public" in script["pages"] and gl["pages"]["artifacts"]["paths"] == ["public"]


def test_dependency_updates_cover_python_packages_and_actions():
    dependabot = yaml.safe_load((ROOT / ".github/dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in dependabot["updates"]} == {"pip", "github-actions"}
    import json

    renovate = json.loads((ROOT / "renovate.json").read_text(encoding="utf-8"))
    assert {"pep621", "gitlabci"} <= set(renovate["enabledManagers"])


def test_pre_commit_runs_the_data_check_and_the_schema_check():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert hooks["schulerfolg-check"]["entry"] == "python -m schulerfolg check"
    assert hooks["schulerfolg-schema"]["entry"] == "python -m schulerfolg schema --check"
    assert re.search(hooks["schulerfolg-check"]["files"], "data/fachkraefte.yml")
    assert re.search(hooks["schulerfolg-schema"]["files"], "src/schulerfolg/data/models.py")
    for hook in hooks.values():  # the commands really pass on the repository as it is
        done = subprocess.run(shlex.split(hook["entry"].replace("python", sys.executable, 1)), cwd=ROOT,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_pull_request_template_has_the_editors_checklist():
    text = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    for point in ("Einwilligung", "Widerruf", "Quelle", "Formulare", "beispieldaten"):
        assert point in text
    assert text.count("- [ ]") >= 6


def test_gitlab_code_quality_report_has_every_problem_at_its_line(capsys):
    import json

    from conftest import KAPUTT

    expected = load(KAPUTT).problems
    assert main(["--data", str(KAPUTT), "check", "--format", "gitlab"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [(r["location"]["path"], r["location"]["lines"]["begin"], r["description"]) for r in report] == \
           [(p.file, max(p.line, 1), p.message) for p in expected]
    assert len({r["fingerprint"] for r in report}) == len(report)
    assert main(["--data", str(DATA), "check", "--format", "gitlab"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_following_the_handbook_adds_a_social_worker_with_photo(data_copy):
    """The example of »Einträge › Fachkraft (mit Foto)«, pasted as it stands, passes the check and shows up."""
    text = (HANDBUCH / "eintraege.md").read_text(encoding="utf-8")
    section = text[text.index("## Fachkraft (mit Foto)"):text.index("## Träger")]
    snippet = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    path = data_copy / "fachkraefte.yml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + snippet, encoding="utf-8")
    shutil.copy(data_copy / "fotos" / "anna-musterfrau.jpg", data_copy / "fotos" / "nora-neumann.jpg")
    result = load(data_copy, TODAY)
    assert result.problems == []
    nora = next(f for f in result.daten.fachkraefte if f.id == "nora-neumann")
    assert nora.foto.datei == "fotos/nora-neumann.jpg" and nora.schulen == ["sek-rosslau"]
    site = plan(result.daten, today=TODAY)
    (page,) = [p for p in site.pages if p.path == "schulsozialarbeit/index.md"]
    assert "Nora Neumann" in render(page, result.daten)
    assert any(a.path.startswith("bilder/") and "nora-neumann" in a.path for a in site.assets)
