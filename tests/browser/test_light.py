"""Light first visits (issue 9): a page loads neither Material's script nor the search until the visitor acts.

partials/bundle-on-demand.html and partials/search-on-demand.html hold them back; this checks in Chromium
that a reading visitor gets neither, and that the first action brings Material up, as if loaded at once.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest

from .gates import new_context

pytestmark = pytest.mark.browser

SCHULE = "schulen/gs-ziebigk/"
PATIENCE = 20_000  # ms a reaction may take on a busy 2-core machine
_MATERIAL_READY = "() => typeof window.component$ !== 'undefined' && typeof window.document$ !== 'undefined'"


def _visit(chromium, url: str, action=None) -> tuple[list[str], bool]:
    """Requests made while loading ``url`` (and doing ``action``), and whether Material started."""

    async def scenario():
        context = await new_context(chromium.browser)
        page = await context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        try:
            await page.goto(url, wait_until="networkidle")
            if action is not None:
                await action(page)
                await page.wait_for_function(_MATERIAL_READY, timeout=PATIENCE)
                await page.wait_for_load_state("networkidle")
            return requests, await page.evaluate(_MATERIAL_READY)
        finally:
            await context.close()

    return chromium.run(scenario())


def _bundle(requests: list[str]) -> list[str]:
    return [u for u in requests if "/javascripts/bundle." in u]


def test_a_reading_visitor_loads_no_script_and_no_search(chromium, site_url):
    requests, ready = _visit(chromium, urljoin(site_url, SCHULE))
    assert not _bundle(requests), "Materials Skript wird schon beim Laden geholt"
    assert not [u for u in requests if "search_index.json" in u or "/workers/search" in u]
    assert not ready
    assert any(u.endswith(".css") for u in requests)  # the page itself is complete: styles are there


def test_a_first_visit_fetches_the_page_three_stylesheets_two_fonts_and_its_photos(chromium, site_url):
    """On a slow phone every further file of the first paint costs a connection: no palette sheet, no script,
    no search, no other font part. (Browsers fetch the favicon outside the page's requests: test_presence.)
    The third sheet is KERN UX's tokens (issue 18), slimmed to about 3 KB gzip."""
    requests, _ = _visit(chromium, urljoin(site_url, SCHULE))
    rest = sorted({urlsplit(u).path.rsplit("/", 1)[-1] or urlsplit(u).path for u in requests
                   if urlsplit(u).scheme.startswith("http") and "/bilder/" not in u})
    assert len(rest) == 6, rest
    seite, *dateien = rest
    assert seite == f"/{SCHULE}"
    assert dateien[2] == "kern.min.css", rest
    assert re.fullmatch(r"main\.[0-9a-f]{8}\.min\.css", dateien[3]) and dateien[4] == "schulerfolg.css", rest
    assert dateien[:2] == ["fira-sans-basis-400-normal.woff2", "fira-sans-basis-600-normal.woff2"], rest


def test_code_blocks_are_reachable_by_keyboard_before_material(chromium, site_url):
    """Wide code blocks scroll sideways; Material's script made them focusable, the page does it now."""

    async def scenario():
        context = await new_context(chromium.browser)
        page = await context.new_page()
        try:
            await page.goto(urljoin(site_url, "redaktion/pruefung/"), wait_until="networkidle")
            return await page.evaluate("() => [...document.querySelectorAll('pre > code')].map(c => c.tabIndex)")
        finally:
            await context.close()

    tabindex = chromium.run(scenario())
    assert tabindex and set(tabindex) == {0}


def test_the_first_mouse_move_starts_material(chromium, site_url):
    async def bewegen(page):
        await page.mouse.move(200, 300)

    requests, ready = _visit(chromium, urljoin(site_url, SCHULE), bewegen)
    assert len(_bundle(requests)) == 1 and ready


def test_the_first_key_starts_material_and_the_search_then_answers(chromium, site_url):
    async def suchen(page):
        await page.keyboard.press("Tab")  # the skip link: focus moves, Material comes
        await page.wait_for_function(_MATERIAL_READY, timeout=PATIENCE)
        box = page.locator("input.md-search__input")
        await box.click()
        await box.fill("Ziebigk")
        await box.press("End")  # Material reads the box on keyup
        await page.wait_for_function(
            "() => /\\d+ Suchergebnis/.test(document.querySelector('.md-search-result__meta')?.textContent || '')",
            timeout=PATIENCE)

    requests, ready = _visit(chromium, urljoin(site_url, SCHULE), suchen)
    assert len(_bundle(requests)) == 1 and ready
    assert [u for u in requests if "search_index.json" in u]


def test_a_search_link_loads_material_at_once(chromium, site_url):
    async def nichts(page):
        pass

    requests, ready = _visit(chromium, urljoin(site_url, "?q=Ziebigk"), nichts)
    assert len(_bundle(requests)) == 1 and ready


# Each page downloads the fonts of its own script and no other (the language switcher names »Українська«
# and »العربية« on every page of the guide; those words take the phone's font, not a download). German text
# needs only the »basis« part of Fira Sans (overrides/assets/fonts/fira-sans/README.md).
_DEUTSCH = ("Fira Sans", {"fira-sans-basis-400", "fira-sans-basis-600"})
_FONTS = {
    "": _DEUTSCH,
    "schulen/gs-ziebigk/": _DEUTSCH,
    "plus/": _DEUTSCH,
    "eltern/schulanfang/": _DEUTSCH,
    "eltern/uk/schulanfang/": ("Fira Sans Kyrillisch", {"fira-sans-cyrillic-400"}),
    "eltern/ar/schulanfang/": ("Vazirmatn", {"Vazirmatn-NL-Regular"}),
    "eltern/fa/schulanfang/": ("Vazirmatn", {"Vazirmatn-NL-Regular"}),
}
_FREMD = {"Vazirmatn": "Vazirmatn", "Fira Sans Kyrillisch": "cyrillic", "Fira Sans": "fira-sans-latin"}


@pytest.mark.parametrize("path", list(_FONTS))
def test_a_page_sets_its_text_in_the_font_of_its_script_and_loads_no_other(chromium, site_url, path):
    family, expected = _FONTS[path]

    async def scenario():
        context = await new_context(chromium.browser)
        page = await context.new_page()
        fonts: list[str] = []
        page.on("request", lambda r: r.resource_type == "font" and fonts.append(r.url.rsplit("/", 1)[-1]))
        try:
            await page.goto(urljoin(site_url, path), wait_until="networkidle")
            await page.evaluate("document.fonts.ready")
            used = await page.evaluate(
                "() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replace(/\"/g, ''))")
            return fonts, used
        finally:
            await context.close()

    fonts, used = chromium.run(scenario())
    loaded = {name.removesuffix("-normal.woff2").removesuffix(".woff2") for name in fonts}
    assert expected <= loaded, f"{path or 'Startseite'}: {sorted(loaded)}"
    assert family in used
    if family == "Fira Sans":  # German text: the basis part and nothing else
        assert loaded == expected, f"{path or 'Startseite'}: {sorted(loaded)}"
    for other, marker in _FREMD.items():
        if other != family:
            assert not [n for n in loaded if marker in n], f"{path or 'Startseite'} lädt {other}: {sorted(loaded)}"


@pytest.mark.parametrize("path", ["eltern/fa/schulanfang/", "eltern/ar/schulanfang/"])
def test_an_arabic_script_page_without_its_font_still_loads_no_other_font_part(chromium, site_url, path):
    """Vazirmatn is »optional«: a phone that has not got it by the first paint sets the page in its own Arabic
    font. The page's invisible characters (the zero-width non-joiner of every Dari word, bidi marks) then fall
    through to Fira Sans and must not fetch a part that has no glyph for them (a CI run on a busy machine did)."""

    async def scenario():
        context = await new_context(chromium.browser)
        page = await context.new_page()
        fonts: list[str] = []
        refused: list[str] = []
        page.on("request", lambda r: r.resource_type == "font" and fonts.append(r.url.rsplit("/", 1)[-1]))

        async def refuse(route):
            refused.append(route.request.url)
            await route.abort()

        await page.route("**/Vazirmatn-*.woff2", refuse)
        try:
            await page.goto(urljoin(site_url, path), wait_until="networkidle")
            await page.evaluate("document.fonts.ready")
            return fonts, refused
        finally:
            await context.close()

    fonts, refused = chromium.run(scenario())
    assert refused, fonts  # the page asked for Vazirmatn, and was refused
    assert not [n for n in fonts if "fira-sans-latin" in n or "cyrillic" in n], fonts
