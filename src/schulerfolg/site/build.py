"""The site from checked data, in its three steps: plan (what to publish), produce (make the files that need
making), render (each page's Markdown). The MkDocs hook and ``generate`` both build through here."""
from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from schulerfolg.buildcache import BuildCache
from schulerfolg.data.daten import Daten
from schulerfolg.findings.store import Befunde

from .pages import Asset, Page
from .plan import plan
from .produce import groessen, produce
from .render import render


@dataclass
class Site:
    daten: Daten
    pages: list[Page]
    files: list[Asset]  # every file with its bytes or its source
    groessen: Mapping[str, int]  # each file's size, for pages that name it

    def markdown(self, page: Page) -> str:
        return render(page, self.daten, self.groessen)


def build(daten: Daten, befunde: Befunde, cache: BuildCache | None, today: datetime.date | None = None,
          site_url: str | None = None) -> Site:
    """Plan, then produce; the findings made on the way (a new photo's size, a film's length) are kept."""
    geplant = plan(daten, today, befunde, site_url)
    files = produce(geplant.assets, cache)
    befunde.save()
    return Site(daten, geplant.pages, files, groessen(files))
