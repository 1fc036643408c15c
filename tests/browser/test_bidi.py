"""German names and addresses on right-to-left pages: the contact block of the Arabic and Dari guide keeps them
in reading order (issue 18). Checked where Chromium draws the characters, not in the markup."""
from __future__ import annotations

import pytest

from .gates import new_context

pytestmark = pytest.mark.browser

# Where Chromium draws each needle inside the contact block: the left edge of its first character, in pixels.
_JS_LEFT_EDGES = r"""(needles) => {
  const block = document.querySelector('.sf-kontakt-ratgeber');
  const out = {};
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const needle of needles) {
      const at = node.data.indexOf(needle);
      if (at < 0 || needle in out) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      out[needle] = range.getBoundingClientRect().left;
    }
  }
  return out;
}"""


@pytest.mark.parametrize("sprache", ["ar", "fa"])
def test_postcode_stands_before_the_town_and_the_quotes_in_place(chromium, site_url, daten, sprache):
    adresse = daten.netzwerkstelle.adresse
    needles = [adresse.plz, f" {adresse.ort}", "„", "“"]

    async def scenario():
        context = await new_context(chromium.browser)
        try:
            page = await context.new_page()
            await page.goto(f"{site_url}eltern/{sprache}/hilfe/")
            assert await page.evaluate("document.documentElement.dir || document.body.dir") == "rtl"
            return await page.evaluate(_JS_LEFT_EDGES, needles)
        finally:
            await context.close()

    links = chromium.run(scenario())
    assert set(links) == set(needles), f"not found in the contact block: {set(needles) - set(links)}"
    assert links[adresse.plz] < links[f" {adresse.ort}"], (
        f"/eltern/{sprache}/hilfe/: the town is drawn left of the postcode ({links}): »{adresse.ort} {adresse.plz}«")
    assert links["„"] < links["“"], f"/eltern/{sprache}/hilfe/: the quotes around the office's name swapped ({links})"
