"""The slimmer theme stylesheet (issue 9, ``schulerfolg.formats.theme_css``) changes nothing a visitor sees.

Each page is rendered twice in Chromium – with the stylesheet the build wrote and with mkdocs-material's
original – and the computed style of every element and its ::before/::after must be the same, also after
Material's script has started: search results, the open menu on a phone.
"""
from __future__ import annotations

import asyncio
from pathlib import Path
from urllib.parse import urljoin

import material
import pytest
from sitebuild import ROOT

from .gates import new_context

pytestmark = pytest.mark.browser

ORIGINAL = next((Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css"))
# Our sheet, which the build slims too, whole as it is in the repository. (KERN UX's whole sheet would restyle
# the page on purpose: the build always leaves out its rules for the whole document, formats.theme_css.)
GANZ = {"**/assets/stylesheets/schulerfolg.css": ROOT / "overrides/assets/stylesheets/schulerfolg.css"}
PATIENCE = 20_000  # ms; a busy 2-core machine
PHONE = {"width": 390, "height": 844}

# One page of every kind the site has: generated and written pages, RTL, Leichte Sprache, code and notes.
PAGES = ["", "schulen/", "schulen/gs-ziebigk/", "schulen/bsz-hugo-junkers/", "schulsozialarbeit/", "traeger/",
         "traeger/kiez-ev/", "netzwerkstelle/", "plus/", "film/", "eltern/", "eltern/schulanfang/",
         "eltern/ar/schulanfang/", "eltern/uk/checklisten/", "leichte-sprache/", "gebaerdensprache/",
         "impressum/", "datenschutz/", "barrierefreiheit/", "redaktion/", "redaktion/pruefung/", "404.html"]

# Per element (and rendered pseudo-element) its computed style without custom properties: the sheets
# differ in those on purpose. A hash each, unless the indices to describe in full are given. Every computed
# style lists the same standard properties, then the custom ones in scope (hundreds, from the theme): the
# standard names are read once, so the custom ones are never walked (six times faster).
_STYLES = """(detail) => {
  const hash = (s) => { let h = 2166136261; for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619); return h >>> 0; };
  const names = [...getComputedStyle(document.documentElement)].filter((p) => !p.startsWith('--'));
  if (names.length < 300) throw new Error(`nur ${names.length} Eigenschaften`);  // else every hash would agree
  const out = [];
  for (const el of [document.documentElement, document.body, ...document.body.querySelectorAll('*')]) {
    if (['SCRIPT', 'STYLE', 'LINK', 'META', 'TEMPLATE'].includes(el.tagName)) continue;  // never drawn
    for (const pseudo of [null, '::before', '::after']) {
      const cs = getComputedStyle(el, pseudo);
      if (pseudo && cs.content === 'none') continue;
      const where = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
        + (pseudo || '');
      if (detail && !detail.includes(out.length)) { out.push([where, 0]); continue; }
      const text = names.map((p) => p + ': ' + cs.getPropertyValue(p)).join('; ');
      out.push([where, detail ? text : hash(text)]);
    }
  }
  return out;
}"""
_NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"
# Chromium moves its resting mouse of its own accord when the layout shifts under it, and a pointer move fetches
# Material's script (partials/bundle-on-demand.html): in one of the two renders and not in the other, as timing
# has it. Both renders are compared as loaded; the tests below start Material with a key or a click.
_NO_OWN_MOVES = "addEventListener('pointermove', (e) => e.stopImmediatePropagation(), {capture: true})"
_MATERIAL_READY = "() => typeof window.component$ !== 'undefined'"
# A sheet of the test's own through the CSSOM: the page's Content-Security-Policy refuses a <style> element.
_ADD_SHEET = """(css) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""


class _Fenster:
    """A browser window with one of the two stylesheets that goes from page to page, as a visitor does, instead of
    a fresh profile per page. ``original``: mkdocs-material's and our whole sheets instead of the slim ones the
    build wrote (served by routing, which turns the window's HTTP cache off: its pictures load anew each page)."""

    def __init__(self, browser, original: bool, viewport=None) -> None:
        self.browser, self.original, self.viewport = browser, original, viewport
        self.context = self.page = None

    async def oeffnen(self):
        if self.page is None:
            self.context = await new_context(self.browser, **({"viewport": self.viewport} if self.viewport else {}))
            await self.context.add_init_script(_NO_OWN_MOVES)
            if self.original:
                await self.context.route("**/assets/stylesheets/main.*.min.css", _fulfill_with(ORIGINAL))
                for muster, ganz in GANZ.items():
                    await self.context.route(muster, _fulfill_with(ganz))
            self.page = await self.context.new_page()
        return self.page

    async def schliessen(self) -> None:
        if self.context is not None:
            await self.context.close()
        self.context = self.page = None


# Every picture loaded, in both windows alike: a lazy picture below the fold would otherwise have its own size in
# one window (taken from the cache of an earlier page) and the size its attributes promise in the other.
_ALLE_BILDER = """(ms) => Promise.race([Promise.all([...document.images].map((img) => {
  img.loading = 'eager';
  return img.complete ? null : new Promise((done) => { img.onload = img.onerror = done; });
})), new Promise((done) => setTimeout(done, ms))])"""


async def _styles(fenster: _Fenster, url: str, action=None, detail=None):
    page = await fenster.oeffnen()
    await page.goto(url, wait_until="networkidle")
    await page.evaluate(_ALLE_BILDER, PATIENCE)  # a picture still loading after that shows as a difference
    await page.evaluate(_ADD_SHEET, _NO_MOTION)
    if action is not None:
        await action(page)
    await page.evaluate("document.fonts.ready")
    return await page.evaluate(_STYLES, detail)


def _fulfill_with(path: Path):
    async def handler(route):
        await route.fulfill(path=path)
    return handler


def _compare(chromium, url: str, fenster: tuple[_Fenster, _Fenster] | None = None, action=None,
             viewport=None) -> list[str]:
    """The differences of the page at ``url`` between the two stylesheets, in the two ``fenster`` (windows of
    their own, closed after it, if not given)."""
    eigene = fenster is None
    slim, full = fenster or (_Fenster(chromium.browser, False, viewport), _Fenster(chromium.browser, True, viewport))

    async def both():
        a, b = await asyncio.gather(_styles(slim, url, action), _styles(full, url, action))
        if [w for w, _ in a] != [w for w, _ in b]:
            return [f"{len(a)} Elemente mit dem schlanken, {len(b)} mit dem ganzen Stylesheet"]
        differing = [i for i, (x, y) in enumerate(zip(a, b)) if x[1] != y[1]][:10]
        if not differing:
            return []
        a, b = await asyncio.gather(_styles(slim, url, action, differing), _styles(full, url, action, differing))
        # Measured again in full: a difference gone by then was the moment of the first pass (a font still
        # loading on a busy machine), not the stylesheet.
        changes = [(a[i][0], _changed(a[i][1], b[i][1])) for i in differing]
        return [f"{where}: {change}" for where, change in changes if change]

    async def run():
        fertig = False
        try:
            result = await both()
            fertig = True
            return result
        finally:
            if eigene or not fertig:  # a failed render may still be busy in its window: the next page gets new ones
                await asyncio.gather(slim.schliessen(), full.schliessen(), return_exceptions=True)

    return chromium.run(run())


def _changed(mine: str, theirs: str) -> dict:
    a, b = (dict(p.split(": ", 1) for p in text.split("; ") if p) for text in (mine, theirs))
    return {k: (a.get(k), b.get(k)) for k in sorted(a.keys() | b.keys()) if a.get(k) != b.get(k)}


def test_the_build_wrote_slimmer_stylesheets(built_site):
    written = next(built_site.glob("assets/stylesheets/main.*.min.css"))
    assert written.name == ORIGINAL.name
    assert written.stat().st_size < 0.7 * ORIGINAL.stat().st_size
    for muster, ganz in GANZ.items():
        assert (built_site / muster.removeprefix("**/")).stat().st_size < 0.8 * ganz.stat().st_size, muster


@pytest.fixture(scope="module")
def fenster(chromium):
    """One window per stylesheet for the pages as loaded (the tests with an action open their own)."""
    beide = (_Fenster(chromium.browser, False), _Fenster(chromium.browser, True))
    yield beide

    async def zu():
        await asyncio.gather(*(f.schliessen() for f in beide))
    chromium.run(zu())


@pytest.mark.parametrize("rel", PAGES)
def test_every_kind_of_page_looks_the_same_as_with_the_whole_stylesheet(chromium, built_site, site_url, fenster, rel):
    assert (built_site / rel / "index.html").is_file() or (built_site / rel).is_file()
    differences = _compare(chromium, urljoin(site_url, rel), fenster)
    assert not differences, "\n".join(differences[:10])


def test_search_results_look_the_same(chromium, site_url):
    async def suchen(page):
        await page.keyboard.press("Tab")  # the first action brings Material's script
        await page.wait_for_function(_MATERIAL_READY, timeout=PATIENCE)
        box = page.locator("input.md-search__input")
        await box.click()
        await box.fill("Schule")
        await box.press("End")  # Material reads the box on keyup
        await page.wait_for_selector(".md-search-result__item", timeout=PATIENCE)

    differences = _compare(chromium, urljoin(site_url, "schulen/gs-ziebigk/"), action=suchen)
    assert not differences, "\n".join(differences[:10])


def test_the_open_menu_on_a_phone_looks_the_same(chromium, site_url):
    async def menue(page):
        await page.locator("label.md-header__button[for=__drawer]").click()
        await page.wait_for_function(_MATERIAL_READY, timeout=PATIENCE)
        await page.wait_for_function("() => document.getElementById('__drawer').checked", timeout=PATIENCE)

    differences = _compare(chromium, urljoin(site_url, "plus/"), action=menue, viewport=PHONE)
    assert not differences, "\n".join(differences[:10])
