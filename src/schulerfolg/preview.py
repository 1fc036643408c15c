"""The live preview (``mkdocs serve``) while the data has problems: a page listing them all, in German.

A build for publishing fails on any problem; the preview must not, or the editor would see the old
page and have to look for the reason in a terminal. So while the data is broken, every page the site
had, and the start page, show the problems instead, and MkDocs keeps serving and reloading.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from schulerfolg.site.render import environment

from .problem import Problem, nach_datei


def problem_page(problems: list[Problem]) -> str:
    """Markdown of the page that lists every problem, grouped by file, with file:line:column."""
    return environment().get_template("vorschau/fehler.md.j2").render(nach_datei=nach_datei(problems),
                                                                      anzahl=len(problems))


def problem_paths(zuletzt: Iterable[str], nav_targets: Iterable[str], vorhanden: Iterable[str]) -> list[str]:
    """Where the problem page goes: the start page, every page of the last good build and every
    navigation entry that has no hand-written page, so that a reload of any page shows it."""
    hand = set(vorhanden)
    wanted = {"index.md", *zuletzt} | {p for p in nav_targets if p not in hand}
    return sorted(wanted)


def nav_targets(nav: Any) -> list[str]:
    """Markdown files named in an ``nav:`` configuration (nested lists and titled entries)."""
    found: list[str] = []
    if isinstance(nav, str):
        if nav.endswith(".md") and "://" not in nav:
            found.append(nav)
    elif isinstance(nav, dict):
        for value in nav.values():
            found += nav_targets(value)
    elif isinstance(nav, list):
        for item in nav:
            found += nav_targets(item)
    return found
