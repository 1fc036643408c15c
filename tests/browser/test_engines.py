"""Every gate of the MkDocs build (gates.py) on the hook-free project built by Zensical and by ProperDocs and
finished by ``nachbereiten`` (tests/engines.py): no foreign requests, no policy violations, axe, links, Nu
checker, skip link, 360 px. One build and one audit per engine per session.

Every page goes through the Nu checker and the link and resource checks; in Chromium, one page of each kind
(gates.page_kinds: language, section, the elements and classes of its article). What an engine changes is the frame
around the text and how it renders each kind of block; the text of every page is compared with the MkDocs
build (tests/test_engines.py), and that build passes every gate on every page (test_site_gates.py). All 111
pages of each engine in the browser took 230–300 s of a 2-core machine; one of each kind takes about three quarters.
"""
from __future__ import annotations

import contextlib
import re

import pytest
from engines import ENGINES, EngineFailed, engine_build
from playwright.async_api import TimeoutError as PlaywrightTimeout

from . import tools
from .conftest import WORKERS
from .gates import GATES, audit_site, format_findings, html_pages, new_context, page_kinds

PATIENCE = 20_000  # ms the search may take to answer on a busy 2-core machine

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("engines")]


@pytest.fixture(scope="module", params=list(ENGINES))
def engine_report(request, chromium):
    try:
        site = engine_build(request.param, tools.build_epoch())
    except EngineFailed as e:
        pytest.fail(str(e), pytrace=False)
    kinds = page_kinds(site, html_pages(site))
    with tools.serve(site) as url:
        report = chromium.run(audit_site(chromium.browser, url, site, workers=WORKERS,
                                         in_browser=[pages[0] for pages in kinds.values()]))
    return request.param, site, kinds, report


def test_every_page_of_the_engine_is_checked(engine_report, record_property):
    name, site, kinds, report = engine_report
    record_property("zusammenfassung",
                    f"{name}: {len(report.pages)} Seiten geprüft, davon {len(report.in_browser)} im Browser "
                    f"(eine je Art), in {report.seconds:.1f} s, {len(report.findings)} Befund(e)")
    assert "index.html" in report.pages and report.pages == html_pages(site)
    # Each kind once in the browser, and every page is of a kind.
    assert sorted(report.in_browser) == sorted(pages[0] for pages in kinds.values())
    assert sorted(p for pages in kinds.values() for p in pages) == report.pages
    # The kinds tell the templates apart: a news item from the news archive, a school from the school list,
    # each language of the parents' guide from the others.
    of = {p: kind for kind, pages in kinds.items() for p in pages}
    meldung = next(p for p in report.pages if re.fullmatch(r"aktuelles/\d{4}-\d\d-\d\d-[^/]+/index\.html", p))
    schule = next(p for p in report.pages if re.fullmatch(r"schulen/[^/]+/index\.html", p))
    assert of["aktuelles/index.html"] != of[meldung] and of["schulen/index.html"] != of[schule]
    assert len({of[f"eltern/{lang}index.html"] for lang in ("", "ar/", "fa/", "uk/", "en/")}) == 5
    assert len(kinds) < len(report.pages)


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
