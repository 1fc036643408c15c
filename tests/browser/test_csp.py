"""The Content-Security-Policy in Chromium (issue 16): a script that a missed escape puts into a page does not
run, and what the site's own scripts do still works under the policy, without a single violation.

(The gate "csp" in gates.py fails on any violation on any page; the policy itself: tests/test_csp.py.)
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import material
import pytest

from schulerfolg.formats import csp

from . import tools
from .gates import _JS_CSP_RECORD, _JS_CSP_SEEN, PHONE, check_csp, new_context

pytestmark = pytest.mark.browser

PATIENCE = 20_000  # ms a reaction may take on a busy 2-core machine
SCHULE = "schulen/gs-ziebigk/"
THEME = [tools.REPO / "overrides", Path(material.__file__).parent / "templates"]
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
# What a missed escape would let through: an inline handler that fires by itself, and an inline script.
ANGRIFF = ('<img src="data:," alt="" onerror="window.angriff = \'onerror\'">'
           '<script>window.angriff = "script"</script>')
_JS_WHAT_RAN = """() => ({angriff: window.angriff ?? null, material_scope: typeof __md_scope === 'object',
                          bundle_on_demand: document.documentElement.classList.contains('sf-ohne-material')})"""


def _nach_dem_bau(built: str) -> str:
    """Injected into the finished page, policy and all."""
    return built.replace('<span id="inhalt"', ANGRIFF + '<span id="inhalt"', 1)


def _vor_der_richtlinie(built: str) -> str:
    """Injected while the page is built, before its policy is computed: the policy must not trust it."""
    return csp.with_policy(_nach_dem_bau(_META.sub("", built)), csp.ThemeScripts.aus_vorlagen(THEME))


def _listen(page, messages: list[str]) -> None:
    page.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)


@pytest.mark.parametrize("einschleusen", [_nach_dem_bau, _vor_der_richtlinie])
def test_an_injected_handler_and_script_are_blocked_and_reported(chromium, built_site, site_url, einschleusen):
    url = urljoin(site_url, SCHULE)
    html = einschleusen((built_site / SCHULE / "index.html").read_text(encoding="utf-8"))
    assert ANGRIFF in html and len(_META.findall(html)) == 1

    async def scenario():
        from playwright.async_api import TimeoutError as PlaywrightTimeout

        context = await new_context(chromium.browser)
        try:
            await context.add_init_script(_JS_CSP_RECORD)
            page = await context.new_page()
            messages: list[str] = []
            _listen(page, messages)
            await page.route(url, lambda r: r.fulfill(status=200, content_type="text/html; charset=utf-8", body=html))
            await page.goto(url, wait_until="load")
            try:  # both violations are reported soon after the page is parsed; the assertions say what came
                await page.wait_for_function("() => window.__sfCsp.length >= 2", timeout=PATIENCE)
            except PlaywrightTimeout:
                pass
            return await page.evaluate(_JS_WHAT_RAN), check_csp(await page.evaluate(_JS_CSP_SEEN), messages, SCHULE, url)
        finally:
            await context.close()

    ran, findings = chromium.run(scenario())
    assert ran == {"angriff": None, "material_scope": True, "bundle_on_demand": True}  # the theme's scripts did run
    assert sorted(f.rule for f in findings) == ["script-src-attr", "script-src-elem"]
    assert all("blockiert: inline" in f.element for f in findings)


def test_search_menu_school_finder_film_and_fonts_work_under_the_policy(chromium, site_url, daten):
    """A visitor's way through the site: every feature answers, and the browser reports no violation."""
    schule = daten.schulen[0]

    async def scenario():
        context = await new_context(chromium.browser)
        try:
            await context.add_init_script(_JS_CSP_RECORD)
            page = await context.new_page()
            messages: list[str] = []
            _listen(page, messages)
            await page.goto(urljoin(site_url, "schulen/"), wait_until="load")
            # The school finder (our schulsuche.js) narrows the list.
            await page.locator('input[type="search"]:not(.md-search__input)').fill(schule.name)
            await page.wait_for_function("() => document.querySelector('.sf-schulform li[hidden]')", timeout=PATIENCE)
            # Material's bundle (loaded at the first action) and the site search: worker and index.
            box = page.locator("input.md-search__input")
            await box.click()
            await box.fill(schule.name)
            await box.press("End")  # Material reads the box on keyup
            await page.wait_for_selector(".md-search-result__item", timeout=PATIENCE)
            await page.keyboard.press("Escape")
            # The phone menu.
            await page.set_viewport_size(PHONE)
            await page.locator("label.md-header__button[for=__drawer]").click()
            await page.wait_for_function("() => document.getElementById('__drawer').checked", timeout=PATIENCE)
            fonts = await page.evaluate("() => document.fonts.ready.then(s => [...s].filter(f => f.status === 'loaded')"
                                        ".map(f => f.family.replace(/\"/g, '')))")
            events = await page.evaluate(_JS_CSP_SEEN)
            # The film page: poster and captions of the self-hosted player.
            await page.goto(urljoin(site_url, "film/"), wait_until="load")
            await page.wait_for_function("() => document.querySelector('video track[default]').readyState === 2"
                                         " && document.querySelector('video').poster", timeout=PATIENCE)
            events += await page.evaluate(_JS_CSP_SEEN)
            return fonts, check_csp(events, messages, "/schulen/ und /film/", page.url)
        finally:
            await context.close()

    fonts, findings = chromium.run(scenario())
    assert "Fira Sans" in fonts
    assert findings == []
