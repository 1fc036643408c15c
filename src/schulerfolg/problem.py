"""One value for every mistake found in the data, and the ways to print it."""
from __future__ import annotations

from dataclasses import dataclass


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


# GitHub's workflow-command escaping (toolkit/packages/core/src/command.ts).
def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")
