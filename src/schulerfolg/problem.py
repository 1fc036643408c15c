"""One value for every mistake found in the data, and every way to print it: for the terminal, GitHub's and
GitLab's annotations on a pull request, the MkDocs build and the live preview."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from itertools import groupby


@dataclass(frozen=True, order=True)
class Problem:
    """A mistake at a place in a data file, told in German with how to fix it."""

    file: str  # as the editor sees it: "data/schulen.yml"
    line: int  # 1-based; 0 when the whole file is meant
    column: int  # 1-based; 0 when unknown
    message: str

    def __str__(self) -> str:
        return format_text(self)


def format_text(p: Problem) -> str:
    place = p.file
    if p.line:
        place += f":{p.line}"
        if p.column:
            place += f":{p.column}"
    return f"{place}: {p.message}"


def format_github(p: Problem) -> str:
    """A GitHub Actions annotation, shown on the changed line of a pull request."""
    props = [f"file={_escape_property(p.file)}"]
    if p.line:
        props.append(f"line={p.line}")
    if p.column:
        props.append(f"col={p.column}")
    return f"::error {','.join(props)}::{_escape_data(p.message)}"


def format_count(problems: list[Problem]) -> str:
    n = len(problems)
    return "1 Problem gefunden." if n == 1 else f"{n} Probleme gefunden."


FORMATTERS = {"text": format_text, "github": format_github}


def report(problems: list[Problem], fmt: str = "text") -> str:
    """Every problem on a line of its own, then how many: what ``check`` prints and the build stops with."""
    return "\n".join([*(FORMATTERS[fmt](p) for p in problems), format_count(problems)])


def gitlab_report(problems: list[Problem]) -> str:
    """GitLab's Code Quality report: each problem shown at its line in the merge request's diff."""
    return json.dumps([{
        "description": p.message, "check_name": "schulerfolg-check", "severity": "major",
        "fingerprint": hashlib.sha256(str(p).encode("utf-8")).hexdigest(),
        "location": {"path": p.file, "lines": {"begin": max(p.line, 1)}},
    } for p in problems], ensure_ascii=False, indent=2)


def nach_datei(problems: list[Problem]) -> list[tuple[str, list[Problem]]]:
    """The problems in order, grouped by file (the live preview's page lists them so)."""
    return [(datei, list(group)) for datei, group in groupby(sorted(problems), key=lambda p: p.file)]


# GitHub's workflow-command escaping (toolkit/packages/core/src/command.ts).
def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")
