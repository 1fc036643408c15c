"""The live preview (``mkdocs serve``) while the data has problems: a page listing them all, in German.

A build for publishing fails on any problem; the preview must not, or the editor would see the old
page and have to look for the reason in a terminal. So while the data is broken, every page the site
had, and the start page, show the problems instead, and MkDocs keeps serving and reloading.
"""
from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from typing import Any

from .problem import Problem
from .render import environment


def fehlerseite(problems: list[Problem]) -> str:
    """Markdown of the page that lists every problem, grouped by file, with file:line:column."""
    ordered = sorted(problems)
    nach_datei = [(datei, list(group)) for datei, group in groupby(ordered, key=lambda p: p.file)]
    return environment().get_template("vorschau/fehler.md.j2").render(nach_datei=nach_datei, anzahl=len(ordered))


def fehlerpfade(zuletzt: Iterable[str], nav_ziele: Iterable[str], vorhanden: Iterable[str]) -> list[str]:
    """Where the problem page goes: the start page, every page of the last good build and every
    navigation entry that has no hand-written page, so that a reload of any page shows it."""
    hand = set(vorhanden)
    wanted = {"index.md", *zuletzt} | {p for p in nav_ziele if p not in hand}
    return sorted(wanted)


def nav_ziele(nav: Any) -> list[str]:
    """Markdown files named in an ``nav:`` configuration (nested lists and titled entries)."""
    found: list[str] = []
    if isinstance(nav, str):
        if nav.endswith(".md") and "://" not in nav:
            found.append(nav)
    elif isinstance(nav, dict):
        for value in nav.values():
            found += nav_ziele(value)
    elif isinstance(nav, list):
        for item in nav:
            found += nav_ziele(item)
    return found
