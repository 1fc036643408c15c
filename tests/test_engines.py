"""The hook-free project built by Zensical and by ProperDocs is the site MkDocs builds (issue 20): the same pages,
the same main text, each page finished with its policy and card; what an engine cannot do alike is listed below
with its reason. The browser gates on these builds: tests/browser/test_engines.py."""
from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from engines import ENGINES, EngineFailed, anders_als_bei_mkdocs, engine_build, versions_line
from sitebuild import ROOT, strict_build

pytestmark = pytest.mark.xdist_group("engines")  # one build per engine, shared with the browser gates

# Files in one build and not the other that an engine cannot avoid, as patterns of their paths, with the reason.
# Pages are not among them: every page MkDocs writes, each engine writes too.
UNAVOIDABLE: dict[str, dict[str, str]] = {
    "zensical": {
        r"assets/javascripts/(bundle\..*|workers/search\..*|lunr/.*|LICENSE)":
            "Jede Engine bringt das Skript ihres Themes mit (Namen nach Inhalt); Zensicals Suche braucht kein lunr "
            "und keine Sprachdateien, und es legt die Lizenz seines Skripts bei.",
        r"assets/stylesheets/((classic|modern)/)?(main|palette)\..*":
            "Das Stylesheet des Themes ist das der Engine; Zensical liefert zwei Varianten (classic, modern) "
            "und keine Source-Maps.",
        r"search/search_index\.json|search\.json":
            "Zensical sucht mit eigenem Index (search.json) statt mit dem Index von MkDocs' Such-Plugin.",
        r"sitemap\.xml\.gz": "Zensical schreibt die Sitemap nur ungepackt (sitemap.xml ist in beiden).",
        r"assets/(fonts/[^/]+/README\.(md|txt)|kern-ux/(README|LICENSE)\.md)":
            "MkDocs lässt die Begleittexte in overrides/assets/ aus (Herkunft und Lizenz der Schriften und von "
            "KERN UX), Zensical kopiert sie mit.",
    },
    "properdocs": {},
}


@pytest.fixture(scope="module", params=list(ENGINES))
def engine(request) -> tuple[str, Path]:
    try:
        return request.param, engine_build(request.param)
    except EngineFailed as e:
        pytest.fail(str(e), pytrace=False)


@pytest.fixture(scope="module")
def mkdocs_site() -> Path:
    return strict_build()


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def pages(site: Path) -> list[str]:
    """Every page visitors see (not the web editor /admin/, which brings its own page)."""
    return sorted(p for p in files(site) if p.endswith(".html") and not p.startswith("admin/"))


@functools.cache  # each page read once for all tests of this module (and MkDocs' for both engines)
def _gelesen(site: Path, rel: str) -> tuple[str, dict[str, str]]:
    """A page's main text, and its og: and twitter: tags."""
    soup = BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    text = re.sub(r"\s+", " ", article.get_text(" ")).strip() if article else ""
    return text, {m.get("property") or m.get("name"): m.get("content", "")
                  for m in soup.select('meta[property^="og:"], meta[name^="twitter:"]')}


def main_text(site: Path, rel: str) -> str:
    return _gelesen(site, rel)[0]


def test_the_same_pages_and_files(engine, mkdocs_site):
    name, site = engine
    assert pages(site) == pages(mkdocs_site), f"{name} schreibt andere Seiten als MkDocs"
    unavoidable = re.compile("|".join(f"(?:{p})" for p in UNAVOIDABLE[name]) or "(?!)")
    differing = files(site) ^ files(mkdocs_site)
    assert sorted(f for f in differing if not unavoidable.fullmatch(f)) == [], f"{name}: Dateien anders als bei MkDocs"
    for pattern in UNAVOIDABLE[name]:  # a listed difference that no longer occurs leaves the list
        assert any(re.fullmatch(pattern, f) for f in differing), f"{name}: »{pattern}« unterscheidet sich nicht mehr"


def test_the_same_main_text_on_every_page(engine, mkdocs_site):
    name, site = engine
    checked = [rel for rel in pages(mkdocs_site) if main_text(mkdocs_site, rel)]
    assert len(checked) > 50  # the data pages (schools, carriers, people, PLUS+) and the hand-written ones
    differing = [rel for rel in checked if main_text(site, rel) != main_text(mkdocs_site, rel)]
    assert differing == [], f"{name}: anderer Haupttext als bei MkDocs auf {differing}"


def social_tags(site: Path, rel: str) -> dict[str, str]:
    return _gelesen(site, rel)[1]


def test_the_same_social_card_on_every_page(engine, mkdocs_site):
    """Title, site name, section band and card as the hook makes them: nachbereiten takes the site's name and the
    sections' titles from mkdocs.yml (Zensical titles the start page »Start«, and its pages »… - site name«)."""
    name, site = engine
    for rel in pages(mkdocs_site):
        tags = social_tags(site, rel)
        assert tags == social_tags(mkdocs_site, rel), f"{name}: {rel}"
        if "og:image" in tags:
            card = tags["og:image"].split("/", 3)[3]
            assert (site / card).read_bytes() == (mkdocs_site / card).read_bytes(), f"{name}: {card}"
    assert social_tags(site, "schulen/gs-ziebigk/index.html")["og:image:alt"].startswith("Schulen: Grundschule Ziebigk")


def test_properdocs_writes_every_page_as_mkdocs_does(mkdocs_site):
    """ProperDocs is MkDocs 1.6 under another name: each page is MkDocs' byte for byte, but for the engine's name
    and the edit button's feature (engines.NUR_ANDERS), and every other file is MkDocs' too. The browser gates
    therefore load none of its pages again (tests/browser/test_engines.py)."""
    try:
        site = engine_build("properdocs")
    except EngineFailed as e:
        pytest.fail(str(e), pytrace=False)
    assert anders_als_bei_mkdocs(site, mkdocs_site) == []


def test_every_page_finished_as_by_the_hooks(engine, mkdocs_site):
    """Policy first in <head>, the card named and present, the theme's markup repaired, the theme sheet slim."""
    name, site = engine
    for rel in pages(site):
        text = (site / rel).read_text(encoding="utf-8")
        kopf = re.sub(r"\A\s*<!doctype html>\s*<html[^>]*>\s*<head>", "", text, flags=re.IGNORECASE)
        assert kopf.startswith('<meta http-equiv="Content-Security-Policy"'), f"{name}: {rel} ohne Policy am Anfang"
        assert not re.search(r'id="__(drawer|search)" autocomplete="off"|role="dialog">', text), f"{name}: {rel} nicht repariert"
        # Zensical drew the edit button with edit_uri "" as »//schulen/a.md«: a link to a host named »schulen«.
        assert 'href="//' not in text, f"{name}: {rel} verlinkt ohne Schema auf einen fremden Host"
        if rel != "404.html":
            card = re.search(r'<meta property="og:image" content="https://[^/]+/(og/[^"]+\.png)">', text)
            assert card and (site / card.group(1)).is_file(), f"{name}: {rel} ohne Vorschaubild"
    sheets = [*site.glob("assets/stylesheets/**/main.*.min.css"), site / "assets/kern-ux/kern.min.css"]
    assert all(p.stat().st_size < 100_000 for p in sheets), f"{name}: Stylesheets nicht verkleinert"


def test_handbook_names_the_versions_this_test_used():
    handbook = (ROOT / "docs/redaktion/technik.md").read_text(encoding="utf-8")
    assert versions_line() in handbook, ("docs/redaktion/technik.md nennt andere Versionen als die getesteten. "
                                         f"Schreiben Sie dort: »{versions_line()}«")


def test_no_relative_address_climbs_above_the_root(engine):
    """Zensical 0.0.x puts one more »../« before the links of a page that is not its folder's index; under a
    sub-path they would lead out of the site. nachbereiten cuts them back to the root
    (formats/theme_html.links_within_root); the browser gates' link check reports any that are left."""
    _, site = engine
    hoch = []
    for rel in pages(site):
        soup = BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            werte = [tag.get(a) for a in ("href", "src", "poster") if tag.get(a)]
            werte += [c.strip().split(" ")[0] for c in tag.get("srcset", "").split(",") if c.strip()]
            hoch += [(rel, w) for w in werte if w.startswith("../") and w.count("../") > rel.count("/")]
    assert not hoch, hoch[:10]


def test_links_within_root_cuts_only_what_climbs_too_high():
    from schulerfolg.formats.theme_html import links_within_root

    seite = ('<a href="../../schulen/">S</a><a href="../">T</a><img src="../../../b.jpg" '
             'srcset="../../a.jpg 1x, ../../../b.jpg 2x" alt=""><code>../../../text</code>')
    assert links_within_root(seite, 1) == ('<a href="../schulen/">S</a><a href="../">T</a><img src="../b.jpg" '
                                           'srcset="../a.jpg 1x, ../b.jpg 2x" alt=""><code>../../../text</code>')
    assert links_within_root(seite, 3) == seite
