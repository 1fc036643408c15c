"""Every gate of the MkDocs build (gates.py) on the hook-free project built by Zensical and finished by
``nachbereiten`` (tests/engines.py): no foreign requests, no policy violations, axe, links, Nu checker, skip link,
360 px. One build and one audit per engine per session; ProperDocs' pages are MkDocs' own (see EIGENE_SEITEN).

Every page goes through the Nu checker and the link and resource checks; in Chromium, a few pages that together
show every feature of them all (gates.page_features and page_cover: each frame of language and section, each
chrome, each element and class of the articles and of the page). The text of every page is compared with the
MkDocs build in tests/test_engines.py.
"""
from __future__ import annotations

import contextlib
import re

import pytest
from engines import ENGINES, EngineFailed, engine_build
from playwright.async_api import TimeoutError as PlaywrightTimeout

from . import tools
from .conftest import WORKERS
from .gates import GATES, audit_site, format_findings, html_pages, new_context, page_cover, page_features

PATIENCE = 20_000  # ms the search may take to answer on a busy 2-core machine

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("engines")]


# ProperDocs writes every page as MkDocs does, byte for byte (test_engines.py::test_properdocs_writes_every_page_as_
# mkdocs_does), and those pages pass every gate in test_site_gates.py. The gates here check the engines whose pages
# are their own; should ProperDocs' pages ever differ, that test fails and ProperDocs belongs in this list.
EIGENE_SEITEN = [name for name in ENGINES if name != "properdocs"]


@pytest.fixture(scope="module", params=EIGENE_SEITEN)
def engine_report(request, chromium):
    try:
        site = engine_build(request.param, tools.build_epoch())
    except EngineFailed as e:
        pytest.fail(str(e), pytrace=False)
    features = {rel: page_features(site, rel) for rel in html_pages(site)}
    with tools.serve(site) as url:
        report = chromium.run(audit_site(chromium.browser, url, site, workers=WORKERS, in_browser=page_cover(features)))
    return request.param, site, features, report


def test_every_page_of_the_engine_is_checked(engine_report, record_property):
    name, site, features, report = engine_report
    record_property("zusammenfassung",
                    f"{name}: {len(report.pages)} Seiten geprüft, davon {len(report.in_browser)} im Browser, "
                    f"in {report.seconds:.1f} s, {len(report.findings)} Befund(e)")
    assert "index.html" in report.pages and report.pages == html_pages(site)
    # What any page shows, a page in the browser shows: each frame, each language of the parents' guide.
    gezeigt = set().union(*(features[rel] for rel in report.in_browser))
    assert all(f <= gezeigt for f in features.values()) and len(report.in_browser) < len(report.pages)
    rahmen = {f for f in gezeigt if f[0] == "rahmen"}
    assert {f[1] for f in rahmen} >= {"de", "ar", "fa-AF", "uk", "en"}
    assert {f[2] for f in rahmen} >= {"", "schulen", "traeger", "plus", "eltern", "aktuelles", "redaktion"}


@pytest.mark.parametrize("gate", list(GATES))
def test_gate_holds_on_the_engines_build(engine_report, gate):
    name, _, _, report = engine_report
    findings = report.of(gate)
    if findings:
        pytest.fail(f"{name}: {len(report.pages)} Seiten geprüft, {len(report.in_browser)} im Browser.\n"
                    + format_findings(findings), pytrace=False)


@pytest.mark.parametrize("engine", list(ENGINES))
def test_the_search_of_the_engines_build_finds_a_school(chromium, engine):
    """The header's search on each engine's build: Zensical registers it as »search«, not »material/search«
    (partials/header.html), and brings its own search, whose worker is not Material's
    (partials/search-on-demand.html leaves it alone). Typed into the box, a school's name shows the school."""
    try:
        site = engine_build(engine, tools.build_epoch())
    except EngineFailed as e:
        pytest.fail(str(e), pytrace=False)

    async def scenario(url):
        context = await new_context(chromium.browser)
        page = await context.new_page()
        fehler: list[str] = []
        page.on("console", lambda m: m.type == "error" and fehler.append(m.text[:300]))
        page.on("pageerror", lambda e: fehler.append(str(e)[:300]))
        try:
            await page.goto(url + "schulen/gs-ziebigk/", wait_until="load")
            # Material's box is in the header; Zensical's opens in a dialog (in a shadow root: locators see it).
            ausloeser = page.locator("input.md-search__input, .md-search__button").locator("visible=true").first
            box = page.locator("input.md-search__input, dialog input").locator("visible=true").first
            for _ in range(10):  # the first click wakes the theme's script, held back until then
                if await box.count():
                    break
                await ausloeser.click()
                with contextlib.suppress(PlaywrightTimeout):
                    await box.wait_for(state="visible", timeout=2_000)
            await box.fill("Ziebigk")
            await box.press("End")  # Material reads the box on keyup
            treffer = page.locator(".md-search-result__item, dialog li").filter(has_text="Grundschule Ziebigk")
            await treffer.first.wait_for(state="visible", timeout=PATIENCE)
            return await treffer.count(), fehler
        finally:
            await context.close()

    with tools.serve(site) as url:
        anzahl, fehler = chromium.run(scenario(url))
    assert anzahl >= 1 and not fehler, fehler
