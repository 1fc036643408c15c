"""What a visitor does with keyboard and mouse: the school finder and the two-click video placeholder.

(The skip link is a gate on every page, see ``check_skip_link`` in gates.py.)

These tests are written against the contract of features other issues build:
- Schulsuche (issue 3): ``schulen/index.html`` lists a link to ``schulen/<id>/`` for every school in
  data/schulen.yml, complete without JavaScript, and has an ``<input type="search">`` that narrows the list.
- Film, externer Modus (issue 5): with ``film.modus: extern`` a page carries ``[data-video-placeholder]``
  with a button "Video laden"; nothing is requested from the platform before the click.
Until a feature exists its test fails and says which issue it waits for; it is never skipped.
"""
from __future__ import annotations

import asyncio
import re
import time
from urllib.parse import urljoin

import pytest

from . import tools
from .gates import (
    _JS_CSP_RECORD,
    _JS_CSP_SEEN,
    check_axe,
    check_csp,
    check_static_resources,
    format_findings,
    guard_requests,
    html_pages,
    new_context,
    page_url,
)

pytestmark = pytest.mark.browser

FINDER = "schulen/index.html"
FINDER_INPUT = 'input[type="search"]:not(.md-search__input)'  # not the theme's site search
PATIENCE = 10.0  # seconds a reaction may take on a busy 2-core machine before it counts as missing

# Visible links to /schulen/<id>/ in the content (not the navigation), by school id.
_JS_SCHOOL_LINKS = r"""(ids) => {
  const scope = document.querySelector('.md-content') || document.querySelector('main') || document.body;
  const seen = {};
  for (const a of scope.querySelectorAll('a[href]')) {
    const m = new URL(a.href, location.href).pathname.match(/\/schulen\/([^\/]+)\/(index\.html)?$/);
    if (m && ids.includes(m[1])) seen[m[1]] = !!seen[m[1]] || a.checkVisibility();
  }
  return seen;
}"""


@pytest.fixture(scope="module")
def schulen(daten):
    return daten.schulen


def _finder_url(built_site, site_url) -> str:
    if not (built_site / FINDER).is_file():
        pytest.fail(f"Die Schulsuche /{FINDER} fehlt im gebauten Auftritt (wartet auf Issue 3).", pytrace=False)
    return urljoin(site_url, "schulen/")


def test_schulsuche_lists_every_school_without_javascript(chromium, built_site, site_url, schulen):
    url = _finder_url(built_site, site_url)

    async def scenario():
        context = await new_context(chromium.browser, java_script_enabled=False)
        try:
            page = await context.new_page()
            await page.goto(url)
            return await page.evaluate(_JS_SCHOOL_LINKS, [s.id for s in schulen])
        finally:
            await context.close()

    seen = chromium.run(scenario())
    missing = [f"{s.id} ({s.name})" for s in schulen if not seen.get(s.id)]
    assert not missing, ("Ohne JavaScript fehlt in der Schulsuche /schulen/ ein sichtbarer Link zu "
                         f"/schulen/<id>/ für: {', '.join(missing)} (Issue 3)")


def test_schulsuche_filters_and_is_operable_by_keyboard_alone(chromium, built_site, site_url, schulen):
    url = _finder_url(built_site, site_url)
    ids = [s.id for s in schulen]
    assert len(ids) >= 2, "Zum Filtern braucht die Probe mindestens zwei Schulen."
    # A school whose name no other school's name contains, so that typing it must narrow the list.
    ziel = next(s for s in schulen if not any(s.name in o.name for o in schulen if o is not s))

    async def visible(page) -> set[str]:
        return {k for k, v in (await page.evaluate(_JS_SCHOOL_LINKS, ids)).items() if v}

    async def until(page, condition, what: str) -> set[str]:
        deadline = time.monotonic() + PATIENCE  # the filter may wait for a pause in typing
        while not condition(shown := await visible(page)):
            if time.monotonic() > deadline:
                pytest.fail(f"{what}; sichtbar: {sorted(shown)}", pytrace=False)
            await asyncio.sleep(0.05)
        return shown

    async def scenario():
        context = await new_context(chromium.browser)
        try:
            page = await context.new_page()
            await page.goto(url)
            assert await page.locator(FINDER_INPUT).count() == 1, \
                f"Die Schulsuche hat kein Suchfeld {FINDER_INPUT} (Issue 3)."
            for _ in range(150):  # Tab through the page until the search field has the focus
                await page.keyboard.press("Tab")
                if await page.evaluate(f"() => document.activeElement.matches('{FINDER_INPUT}')"):
                    break
            else:
                pytest.fail("Das Suchfeld der Schulsuche ist mit der Tab-Taste nicht erreichbar.", pytrace=False)

            assert await visible(page) == set(ids)
            await page.keyboard.type(ziel.name)
            await until(page, lambda s: ziel.id in s and s < set(ids),
                        f"Eintippen von „{ziel.name}“ engt die Liste nicht auf diese Schule ein")
            await page.keyboard.press("Control+A")
            await page.keyboard.press("Backspace")
            await until(page, lambda s: s == set(ids), "Nach dem Leeren des Suchfelds sind nicht wieder alle Schulen da")

            await page.keyboard.type(ziel.name)
            await until(page, lambda s: ziel.id in s and s < set(ids), "Zweites Eintippen filtert nicht")
            for _ in range(10):  # from the field, Tab reaches the first hit
                await page.keyboard.press("Tab")
                href = await page.evaluate("() => document.activeElement.href || ''")
                if re.search(r"/schulen/[^/]+/(index\.html)?$", href):
                    break
            assert href.endswith(f"/schulen/{ziel.id}/"), f"Nach dem Suchfeld folgt per Tab nicht der Treffer, sondern {href!r}"
            await page.keyboard.press("Enter")
            await page.wait_for_url(f"**/schulen/{ziel.id}/")
        finally:
            await context.close()

    chromium.run(scenario())


# --- the film in external mode ---------------------------------------------------------------------

@pytest.mark.xdist_group("extern")  # one build of the site with the film at a platform (conftest.extern_site)
def test_film_platzhalter_requests_nothing_before_the_click(chromium, extern_site):
    site, url = extern_site
    pages = [rel for rel in html_pages(site) if "data-video-placeholder" in (site / rel).read_text(encoding="utf-8")]
    assert pages, "Mit film.modus: extern zeigt keine Seite einen [data-video-placeholder] (wartet auf Issue 5)."

    async def scenario(rel):
        where, found, messages = page_url(rel), [], []
        context = await new_context(chromium.browser)
        try:
            await asyncio.gather(*guard_requests(context, lambda: where, found.append))
            await context.add_init_script(_JS_CSP_RECORD)
            page = await context.new_page()
            page.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)
            await page.goto(urljoin(url, where.lstrip("/")))
            await page.wait_for_load_state("networkidle")
            before = list(found)
            axe = await check_axe(page, where, tools.axe_source(), within="[data-video-placeholder]")
            button = page.locator("[data-video-placeholder] button", has_text="Video laden")
            assert await button.count() >= 1, f"{where}: im Platzhalter fehlt die Schaltfläche „Video laden“"
            await button.first.focus()
            await page.keyboard.press("Enter")  # the visitor's consent, by keyboard
            deadline = time.monotonic() + PATIENCE
            while len(found) == len(before) and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            csp = check_csp(await page.evaluate(_JS_CSP_SEEN), messages, where, page.url)
            return before, axe, found[len(before):], csp
        finally:
            await context.close()

    in_markup = check_static_resources(site, pages)  # e.g. a lazy thumbnail the browser has not fetched yet
    assert not in_markup, "Im Markup, vor dem Klick auf „Video laden“:\n" + format_findings(in_markup)
    for rel in pages:
        before, axe, after, csp = chromium.run(scenario(rel))
        assert not before, "Vor dem Klick auf „Video laden“:\n" + format_findings(before)
        assert not axe, format_findings(axe)
        # Only now may the page contact the platform (the test blocks it): proof the placeholder is live.
        assert after, f"{page_url(rel)}: „Video laden“ lädt nichts – der Platzhalter bindet den Film nicht ein."
        assert not csp, "Beim Laden des Films:\n" + format_findings(csp)  # its page may frame the platform's player


@pytest.mark.xdist_group("extern")
def test_only_the_page_of_the_external_film_may_frame_the_platform(extern_site):
    site, _ = extern_site
    frames = {}
    for rel in html_pages(site):
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">',
                           (site / rel).read_text(encoding="utf-8")).group(1)
        frames[rel] = re.findall(r"(?:^|; )frame-src ([^;]*)", policy)
    assert {rel: f for rel, f in frames.items() if f} == {"film/index.html": ["https://www.youtube-nocookie.com"]}
