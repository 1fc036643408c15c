"""The start page on a phone (issue 18): the three tasks on the first screen, and the school finder with and
without JavaScript.

First screen: on a 390×844 viewport the headings of the three tasks, the finder's input and button, the link
to the PLUS+ forms and every language of the parents' guide lie inside the viewport, and nothing is wider than
it. The finder is a form to ``schulen/?q=…``: without JavaScript it leads to the list of all schools; with it a
school's exact name opens that school's page and any other text filters the list.
"""
from __future__ import annotations

from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from .gates import new_context

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
FIRST_SCREEN = ["#aufgabe-schule", "#aufgabe-plus", "#aufgabe-eltern", "#finder-schule", "form.sf-finder button",
                'a[href$="plus/#formulare"]', ".sf-sprachwahl a"]

# Every element a selector finds, with its box in the viewport; and the page's width.
_JS_BOXES = r"""(selectors) => ({
  width: document.scrollingElement.scrollWidth,
  boxes: selectors.flatMap(s => [...document.querySelectorAll(s)].map(el => {
    const r = el.getBoundingClientRect();
    return {selector: s, text: el.textContent.trim().slice(0, 40), top: r.top, bottom: r.bottom, left: r.left, right: r.right};
  })),
})"""


def _first_screen(chromium, site_url, java_script: bool) -> dict:
    async def scenario():
        context = await new_context(chromium.browser, viewport=PHONE, is_mobile=True, has_touch=True,
                                    java_script_enabled=java_script)
        try:
            page = await context.new_page()
            await page.goto(site_url)
            if java_script:
                await page.evaluate("() => document.fonts.ready.then(() => true)")
            return await page.evaluate(_JS_BOXES, FIRST_SCREEN)
        finally:
            await context.close()
    return chromium.run(scenario())


@pytest.mark.parametrize("java_script", [True, False], ids=["mit-javascript", "ohne-javascript"])
def test_the_three_tasks_are_on_the_first_screen_of_a_phone(chromium, site_url, java_script):
    found = _first_screen(chromium, site_url, java_script)
    boxes = found["boxes"]
    missing = [s for s in FIRST_SCREEN if not any(b["selector"] == s for b in boxes)]
    assert not missing, f"Auf der Startseite fehlt: {missing}"
    assert len([b for b in boxes if b["selector"] == ".sf-sprachwahl a"]) >= 5
    outside = [f"{b['selector']} »{b['text']}« ({b['top']:.0f}–{b['bottom']:.0f} px)" for b in boxes
               if b["top"] < 0 or b["bottom"] > PHONE["height"] or b["left"] < 0 or b["right"] > PHONE["width"]]
    assert not outside, f"Nicht auf dem ersten Bildschirm (390×844): {outside}"
    assert found["width"] <= PHONE["width"], f"Die Startseite ist {found['width']} px breit, breiter als das Telefon"


def _submit_finder(chromium, site_url, text: str, java_script: bool, reach: str) -> tuple[str, str, list[str]]:
    """Type ``text`` into the start page's finder and submit until the address matches ``reach`` (a glob):
    (URL reached, the value of the list's search field, the schools visible there by their link's path)."""
    async def scenario():
        context = await new_context(chromium.browser, viewport=PHONE, java_script_enabled=java_script)
        try:
            page = await context.new_page()
            await page.goto(site_url)
            await page.fill("#finder-schule", text)
            await page.click("form.sf-finder button")
            await page.wait_for_url(reach, wait_until="load", timeout=10_000)
            field = page.locator('.sf-schulsuche input[type="search"]')
            value = await field.input_value() if java_script and "?q=" in page.url else ""
            visible = await page.evaluate(r"""() => [...document.querySelectorAll('.md-content a[href]')]
                .filter(a => /^[^\/]+\/$/.test(a.getAttribute('href')) && a.checkVisibility())
                .map(a => a.getAttribute('href'))""")
            return page.url, value, visible
        finally:
            await context.close()
    return chromium.run(scenario())


def test_the_finder_without_javascript_leads_to_the_list_of_schools(chromium, site_url, daten):
    school = daten.schulen[0]
    url, _, visible = _submit_finder(chromium, site_url, school.name, java_script=False, reach="**/schulen/?q=*")
    parts = urlsplit(url)
    assert parts.path == urlsplit(urljoin(site_url, "schulen/")).path
    assert parse_qs(parts.query)["q"] == [school.name]
    assert sorted(visible) == sorted(f"{s.id}/" for s in daten.schulen), "Ohne JavaScript fehlt die ganze Liste"


def test_the_finder_with_javascript_opens_the_school_or_filters_the_list(chromium, site_url, daten):
    school = next(s for s in daten.schulen if s.stadtteil)
    url, _, _ = _submit_finder(chromium, site_url, school.name, java_script=True, reach=f"**/schulen/{school.id}/")
    assert urlsplit(url).path.endswith(f"/schulen/{school.id}/"), f"Der genaue Name führt nicht zur Schule: {url}"

    stadtteil = school.stadtteil
    url, value, visible = _submit_finder(chromium, site_url, stadtteil, java_script=True, reach="**/schulen/?q=*")
    assert urlsplit(url).path.endswith("/schulen/") and value == stadtteil
    in_district = {f"{s.id}/" for s in daten.schulen if s.stadtteil == stadtteil}
    assert in_district <= set(visible) < {f"{s.id}/" for s in daten.schulen}, \
        f"Die Liste ist nach »{stadtteil}« nicht gefiltert: {visible}"
