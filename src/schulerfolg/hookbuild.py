"""What a site engine's build hook asks of the core in each build (hooks/data_pages.py for MkDocs): every page and
file to add – or, while the data is broken in the live preview, the problem page
at every address an editor may be looking at. The hook only translates these into the engine's own types."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import preview
from .buildcache import BuildCache
from .data.daten import Daten
from .problem import Problem
from .site.build import Site


@dataclass(frozen=True)
class Output:
    """One file for the engine: generated (``content``) or taken from ``source``; ``linked`` when that source
    lives in the build cache, so the engine links it instead of copying; ``edit``: the data file it comes from,
    relative to docs/ (for "edit" links); ``rahmen``: what the page may frame (formats/csp.py)."""
    path: str
    content: str | bytes | None = None
    source: Path | None = None
    linked: bool = False
    edit: str | None = None
    rahmen: tuple[str, ...] = ()


def outputs(site: Site, cache: BuildCache | None, *, edit_links: bool) -> list[Output]:
    """Every planned page (as Markdown) and file of the site."""
    out = [Output(page.path, content=site.markdown(page), rahmen=page.rahmen,
                  edit=f"../{page.source}" if page.source and edit_links else None) for page in site.pages]
    for asset in site.files:
        if asset.source is None:
            out.append(Output(asset.path, content=asset.content))
        else:
            out.append(Output(asset.path, source=asset.source,
                              linked=cache is not None and asset.source.is_relative_to(cache.folder)))
    return out


def problem_outputs(problems: list[Problem], last_pages: Iterable[str], nav: Any, hand_written: Iterable[str]) -> list[Output]:
    """The problem page at each address of the last good build, of the menu and of the hand-written pages."""
    content = preview.problem_page(problems)
    return [Output(path, content=content)
            for path in preview.problem_paths(last_pages, preview.nav_targets(nav), hand_written)]
