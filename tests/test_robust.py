"""No input of any kind makes the check raise: random text and random mutations of valid data."""
from __future__ import annotations

import copy
import datetime
import shutil
from pathlib import Path

import yaml
from conftest import DATA
from helpers import befunde
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schulerfolg.data.models import DATEIEN
from schulerfolg.load import load
from schulerfolg.problem import Problem

TODAY = datetime.date(2026, 11, 21)
FILES = sorted(DATEIEN)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _check(root: Path) -> list[Problem]:
    result = load(root, TODAY, befunde())  # the data's files are examined once; the tests change the lists
    assert all(isinstance(p, Problem) and p.message for p in result.problems)
    assert (result.daten is None) == bool(result.problems)
    return result.problems


def _fresh(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(DATA, root)
    return root


@SETTINGS
@given(name=st.sampled_from(FILES), content=st.binary(max_size=2000) | st.text(max_size=2000).map(str.encode))
def test_random_bytes_in_any_file(tmp_path, name, content):
    root = _fresh(tmp_path)
    (root / name).write_bytes(content)
    _check(root)


YAML_ALPHABET = st.sampled_from(list("abc:-[]{}&*!?|>'\"#%@`, \n\t0123456789.") + ["- ", ": ", "\n  ", "id", "schulen"])


@SETTINGS
@given(name=st.sampled_from(FILES), pieces=st.lists(YAML_ALPHABET, max_size=200))
def test_random_yaml_like_text(tmp_path, name, pieces):
    root = _fresh(tmp_path)
    (root / name).write_text("".join(pieces), encoding="utf-8")
    _check(root)


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
                    st.dates(), st.just("../../etc/passwd"), st.just("javascript:alert(1)"), st.just("<b>x</b>"))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                      max_leaves=8)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, prefix + (i,))


@SETTINGS
@given(name=st.sampled_from(FILES), data=st.data())
def test_random_mutations_of_valid_data(tmp_path, name, data):
    root = _fresh(tmp_path)
    original = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    doc = copy.deepcopy(original)
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            break
        path = data.draw(st.sampled_from(paths))
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[data.draw(st.text(min_size=1, max_size=10))] = data.draw(VALUES)
        else:
            parent[path[-1]] = data.draw(VALUES)
    (root / name).write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    lines = {f.relative_to(root).as_posix(): len(f.read_text(encoding="utf-8").splitlines())
             for f in root.rglob("*") if f.suffix in (".yml", ".md")}  # the lists and the news files
    for p in _check(root):  # every problem points at a real line of a data file
        assert p.file.startswith("data/") and 0 <= p.line <= max(lines[p.file.removeprefix("data/")], 1)
