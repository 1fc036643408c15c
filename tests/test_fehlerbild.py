"""One deliberately broken data set covering every rule, against the full expected list.

tests/fixtures/kaputt/data breaks each rule once; erwartet.txt lists every message the
check must print, in order. When a rule or a message changes, update both on purpose.
"""
from __future__ import annotations

import datetime
import json
import subprocess
import sys

import jsonschema
from conftest import KAPUTT, ROOT

from schulerfolg.data.schema import schemas
from schulerfolg.data.yamlsource import read
from schulerfolg.load import load
from schulerfolg.problem import format_github


def _jsonable(value):
    """Dates as the ISO text a YAML editor's schema check sees."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value.isoformat() if isinstance(value, datetime.date) else value

# A bare environment (no locale, no PATH), but this checkout's package rather than an installed one.
ENV = {"SOURCE_DATE_EPOCH": "1790000000", "PATH": "", "PYTHONPATH": str(ROOT / "src")}
EXPECTED = (KAPUTT.parent / "erwartet.txt").read_text(encoding="utf-8").splitlines()
TODAY = datetime.date(2026, 9, 21)  # the fixture's future consent date stays in the future


def test_every_rule_reports_exactly_the_expected_problems():
    assert [str(p) for p in load(KAPUTT, TODAY).problems] == EXPECTED


def test_every_data_file_of_the_fixture_has_problems():
    files = {line.split(":", 1)[0] for line in EXPECTED}
    assert files == {f"data/{n}" for n in ("schulen.yml", "traeger.yml", "fachkraefte.yml", "plus.yml", "netzwerkstelle.yml")}


def test_cli_prints_all_problems_and_a_count_and_fails():
    out = subprocess.run([sys.executable, "-m", "schulerfolg", "--data", str(KAPUTT), "check"],
                         capture_output=True, text=True, env=ENV)
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert lines[:-1] == EXPECTED
    assert lines[-1] == f"{len(EXPECTED)} Probleme gefunden."
    assert "Traceback" not in out.stderr


def test_github_format_annotates_file_line_and_column():
    out = subprocess.run([sys.executable, "-m", "schulerfolg", "--data", str(KAPUTT), "check", "--format", "github"],
                         capture_output=True, text=True, env=ENV)
    assert out.returncode == 1
    problems = load(KAPUTT, TODAY).problems
    assert out.stdout.splitlines() == [format_github(p) for p in problems]
    first = out.stdout.splitlines()[0]
    assert first.startswith("::error file=data/fachkraefte.yml,line=5,col=27::")


def test_json_schema_rejects_every_broken_file():
    for name, text in schemas().items():
        data_file = KAPUTT / name.replace(".schema.json", ".yml")
        data = _jsonable(read(data_file, data_file.name).data)
        validator = jsonschema.Draft202012Validator(json.loads(text), format_checker=jsonschema.FormatChecker())
        assert list(validator.iter_errors(data)), f"the schema accepts the broken {data_file.name}"


def test_sample_data_is_clean():
    result = load(ROOT / "data")
    assert result.problems == []
    assert result.daten is not None


def test_json_schema_accepts_the_sample_data():
    for name, text in schemas().items():
        data = _jsonable(read(ROOT / "data" / name.replace(".schema.json", ".yml"), name).data)
        validator = jsonschema.Draft202012Validator(json.loads(text), format_checker=jsonschema.FormatChecker())
        assert [e.message for e in validator.iter_errors(data)] == [], name
