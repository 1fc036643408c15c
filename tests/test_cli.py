"""The command line and the MkDocs build report the same problems; schemas and data headers stay current."""
from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import DATA, ROOT
from helpers import replace
from sitebuild import build_env, mkdocs_build, project_copy

from schulerfolg.cli import main
from schulerfolg.data.models import DATEIEN
from schulerfolg.data.schema import schemas


def test_clean_data_prints_one_summary_line(capsys):
    assert main(["--data", str(DATA), "check"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert out.startswith("17 Schulen, 12 Fachkräfte, 3 Träger, ") and out.endswith(" Formulare – alles in Ordnung\n")


def test_committed_schemas_are_current():
    for name, text in schemas().items():
        path = ROOT / "schema" / name
        assert path.is_file(), f"{path} fehlt: python -m schulerfolg schema"
        assert path.read_text(encoding="utf-8") == text, f"{path} ist veraltet: python -m schulerfolg schema"


def test_schema_check_command_detects_a_stale_schema(tmp_path, capsys):
    assert main(["schema", "--out", str(tmp_path)]) == 0
    assert main(["schema", "--out", str(tmp_path), "--check"]) == 0
    (tmp_path / "plus.schema.json").write_text("{}", encoding="utf-8")
    assert main(["schema", "--out", str(tmp_path), "--check"]) == 1
    assert "plus.schema.json ist veraltet" in capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(DATEIEN))
def test_every_data_file_names_its_schema_and_how_to_check(name):
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    stem = name.removesuffix(".yml")
    assert lines[0] == f"# yaml-language-server: $schema=../schema/{stem}.schema.json"
    header = "\n".join(line for line in lines[:12] if line.startswith("#"))
    assert "python -m schulerfolg check" in header


def test_mkdocs_build_fails_with_the_same_german_messages(tmp_path):
    project_copy(tmp_path)
    replace(tmp_path / "data" / "fachkraefte.yml", "schulen: [gs-ziebigk]", "schulen: [gs-ziebik]")
    replace(tmp_path / "data" / "schulen.yml", "schulform: gymnasium", "schulform: Gymnasium")
    check = subprocess.run([sys.executable, "-m", "schulerfolg", "--data", "data", "check"], cwd=tmp_path,
                           capture_output=True, text=True, env=build_env())
    build = mkdocs_build(tmp_path, tmp_path / "site")
    assert check.returncode == 1 and build.returncode != 0
    messages = check.stdout.splitlines()[:-1]
    assert len(messages) == 2
    for line in messages:
        assert line in build.stderr
    assert "Traceback" not in build.stderr
