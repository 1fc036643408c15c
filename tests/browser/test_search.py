"""The site search (issue 3, item 4): German, with stemming, typed into the theme's search box in Chromium.

The index is stemmed (mkdocs.yml, ``plugins: search: pipeline``), and our search worker
(overrides/assets/javascripts/workers/search-stemming.js) stems the typed words before lunr looks them up.
A visitor's search: click into the box (the index may load only then), enter the text, read the answer.
The box is emptied before each search, so the first result count shown afterwards answers that text.
"""
from __future__ import annotations

import pytest

from .gates import new_context

pytestmark = pytest.mark.browser

PATIENCE = 20_000  # ms for an answer on a busy 2-core machine (the first search waits for the index)
BOX = "input.md-search__input"
# Material's German words above the results while the index loads and for an empty box; any other text
# there (»18 Suchergebnisse«, »Keine Suchergebnisse«) answers a query.
WAITING = ("Suche wird initialisiert", "Suchbegriff eingeben")

_JS_ANSWERED = """(waiting) => {
  const meta = document.querySelector('.md-search-result__meta');
  return !!meta && !waiting.includes(meta.textContent.trim());
}"""
_JS_EMPTY = """(empty) => document.querySelector('.md-search-result__meta')?.textContent.trim() === empty"""
# The results a visitor sees without scrolling (Material renders the first ten pages), in their order:
# each page with the words it lacks, and the words its sections lack (»Es fehlt: …«).
_JS_RESULTS = """() => [...document.querySelectorAll('.md-search-result__list > li')].map(li => {
  const terms = a => [...a.querySelectorAll('.md-search-result__terms')].map(p => p.textContent.trim());
  const [page, ...sections] = li.querySelectorAll('a');
  return {page: new URL(page.href).pathname, missing: terms(page), sections_missing: sections.flatMap(terms)};
})"""


@pytest.fixture(scope="module")
def start_page(chromium, site_url):
    """The start page in a first-time visitor's browser, kept open for all searches of this module."""
    context = chromium.run(new_context(chromium.browser))
    page = chromium.run(context.new_page())
    chromium.run(page.goto(site_url))
    yield page
    chromium.run(context.close())


def search(chromium, page, text: str) -> list[dict]:
    """Type ``text`` into the search box like a visitor; the results shown, best first."""

    async def scenario():
        box = page.locator(BOX)
        await box.click()
        await box.fill("")
        await box.press("End")  # Material reads the box on keyup
        try:
            await page.wait_for_function(_JS_EMPTY, arg=WAITING[1], timeout=PATIENCE)
        except Exception:
            pytest.fail(f"Die Suche ist nach {PATIENCE / 1000:.0f} s nicht bereit (leeres Suchfeld).", pytrace=False)
        await box.fill(text)
        await box.press("End")
        try:
            await page.wait_for_function(_JS_ANSWERED, arg=list(WAITING), timeout=PATIENCE)
        except Exception:
            pytest.fail(f"Die Suche nach „{text}“ antwortet nicht in {PATIENCE / 1000:.0f} s.", pytrace=False)
        return await page.evaluate(_JS_RESULTS)

    return chromium.run(scenario())


def pages(results: list[dict]) -> list[str]:
    return [r["page"] for r in results]


@pytest.mark.parametrize("art", ["schulen", "traeger"])
def test_every_school_and_carrier_is_the_first_result_for_its_name(chromium, start_page, daten, art):
    wrong = {}
    for eintrag in getattr(daten, art):
        shown = pages(search(chromium, start_page, eintrag.name))
        if shown[:1] != [f"/{art}/{eintrag.id}/"]:
            wrong[eintrag.name] = shown[:3]
    assert not wrong, f"Suche nach dem Namen (/{art}/): nicht die eigene Seite zuerst, sondern {wrong}"


def test_a_social_workers_name_finds_their_schools_and_the_overview(chromium, start_page, daten):
    wrong = {}
    for fachkraft in daten.fachkraefte:
        shown = pages(search(chromium, start_page, fachkraft.name))
        expected = [f"/schulen/{s}/" for s in fachkraft.schulen] + ["/schulsozialarbeit/"]
        if shown[:1] != expected[:1] or not set(expected) <= set(shown):
            wrong[fachkraft.name] = shown
    assert not wrong, ("Suche nach einer Fachkraft: erwartet zuerst die Seite ihrer (ersten) Schule, unter den "
                       f"angezeigten Treffern alle ihre Schulen und /schulsozialarbeit/; gefunden: {wrong}")


@pytest.mark.parametrize("text", ["Fachkräfte", "Fachkraft"])
def test_either_form_of_fachkraft_finds_the_social_worker_overview(chromium, start_page, text):
    # Without stemming »Fachkraft« misses the overview; a stemmed index without our worker finds nothing
    # for »Fachkräfte« (the wildcard word "fachkräfte*" is not stemmed).
    shown = pages(search(chromium, start_page, text))
    assert "/schulsozialarbeit/" in shown, f"„{text}“ findet die Übersicht /schulsozialarbeit/ nicht: {shown}"


def test_plural_grundschulen_finds_the_grundschule_pages(chromium, start_page, daten):
    grundschulen = {f"/schulen/{s.id}/" for s in daten.schulen if "Grundschule" in s.name}
    assert grundschulen, "Die Beispieldaten haben keine Grundschule."
    shown = pages(search(chromium, start_page, "Grundschulen"))
    assert grundschulen <= set(shown), (f"„Grundschulen“ findet nicht jede Grundschule: es fehlen "
                                        f"{sorted(grundschulen - set(shown))}; gefunden: {shown}")


def test_results_and_suggestions_show_typed_words_not_stems(chromium, start_page, daten):
    # A school name of several words with ä, ö, ü or ß, whose stem differs visibly ("roßlau" → "rosslau").
    schule = next((s for s in daten.schulen if " " in s.name and set("äöüß") & set(s.name.lower())), None)
    assert schule, "Die Beispieldaten haben keine Schule mit mehrteiligem Namen und Umlaut oder ß."
    typed = set(schule.name.lower().split())
    results = search(chromium, start_page, schule.name)
    assert results and results[0]["page"] == f"/schulen/{schule.id}/" and not results[0]["missing"], \
        f"Die Seite der Schule steht nicht zuerst oder meldet ein fehlendes Wort: {results[:1]}"
    missing = [m for r in results for m in r["missing"] + r["sections_missing"]]
    assert missing, f"Kein Treffer zu „{schule.name}“ nennt das Wort, das ihm fehlt („Es fehlt: …“)."
    named = {word for m in missing for word in m.removeprefix("Es fehlt:").split()}
    assert named <= typed, f"„Es fehlt“ nennt nicht die eingegebenen Wörter {sorted(typed)}, sondern {sorted(named)}"

    search(chromium, start_page, "fachkräf")
    suggestion = chromium.run(start_page.locator(".md-search__suggest").text_content())
    assert suggestion == "fachkräfte", f"Vorschlag zu „fachkräf“ ist nicht das Wort „fachkräfte“, sondern {suggestion!r}"
