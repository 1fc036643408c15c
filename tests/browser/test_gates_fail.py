"""The gates can fail: a small site with one deliberate mistake per page goes through the same
``audit_site`` as the real site, and every mistake comes back as exactly the finding we expect."""
from __future__ import annotations

import pytest

from . import tools
from .gates import DESKTOP, audit_site, format_findings

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("kaputt")]  # one audit of the broken site

FONT = "https://fonts.googleapis.com/css2?family=Roboto"
# A policy as the site's, without hashes: any inline script or handler on the page is a violation.
CSP = '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; object-src \'none\'">'
# frame-ancestors is ignored in a <meta> policy: Chromium says so in the console only, with no violation event.
CSP_NUR_KONSOLE = '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; frame-ancestors \'none\'">'
PIXEL = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>'


def page(title: str, body: str = "", head: str = "", skip_to: str | None = "inhalt") -> str:
    """A small valid, accessible page; each broken page adds exactly one mistake to it."""
    first = (f'<a href="#{skip_to}">Zum Inhalt springen</a>' if skip_to
             else '<nav aria-label="Kopf"><a href="index.html">Start</a></nav>')
    return f"""<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>{head}</head>
<body>
{first}
<main>
<h1 id="inhalt">{title}</h1>
<p>Ein Absatz mit einem <a href="#inhalt">Link nach oben</a>.</p>
{body}
</main>
</body>
</html>
"""


BROKEN = {
    "index.html": page("Startseite", '<h2 id="gut">Gut</h2><img src="punkt.svg" alt="Ein schwarzes Quadrat">'),
    "unterseite/index.html": page("Unterseite", '<p><a href="../">Zurück</a> <a href="../index.html#gut">Gut</a></p>'),
    "fremde-schrift.html": page("Fremde Schrift", head=f'<link rel="stylesheet" href="{FONT}">'),
    "bild-ohne-alt.html": page("Bild ohne Alt", '<img src="punkt.svg">'),
    "fehlende-datei.html": page("Fehlende Datei", '<img src="fehlt.svg" alt="Fehlt">'),
    "toter-link.html": page("Toter Link", '<p><a href="gibt-es-nicht/">Weg</a></p>'),
    "toter-anker.html": page("Toter Anker", '<p><a href="index.html#weg">Weg</a></p>'),
    "ueber-die-wurzel.html": page("Über die Wurzel", '<p><a href="../index.html">Start</a></p>'),
    "zu-breit.html": page("Zu breit", '<div style="width: 800px">Sehr breiter Kasten</div>'),
    "konsolenfehler.html": page("Konsolenfehler", '<script>console.error("kaputt")</script>'),
    "ungueltig.html": page("Ungültig", '<p><a href="index.html" foo="bar">Start</a></p>'),
    "ohne-sprunglink.html": page("Ohne Sprunglink", skip_to=None),
    "sprunglink-ins-leere.html": page("Sprunglink ins Leere", skip_to="fehlt"),
    "csp-verstoss.html": page("CSP-Verstoß", '<img src="punkt.svg" alt="Punkt" onload="document.title = 1">'
                                             '<script>document.title = 2</script>', head=CSP),
    "csp-nur-konsole.html": page("CSP nur in der Konsole", head=CSP_NUR_KONSOLE),
}

# (page, gate, rule) of every finding the broken site must produce — no more, no less.
EXPECTED = {
    ("/fremde-schrift.html", "extern", FONT),
    ("/bild-ohne-alt.html", "axe", "image-alt"),
    ("/bild-ohne-alt.html", "html", "An “img” element must have an “alt” attribute, except under certain conditions. "
                                    "For details, consult guidance on providing text alternatives for images."),
    ("/fehlende-datei.html", "http", "404"),
    ("/toter-link.html", "links", "ziel-fehlt"),
    ("/toter-anker.html", "links", "anker-fehlt"),
    ("/ueber-die-wurzel.html", "links", "ueber-wurzel"),
    ("/zu-breit.html", "breite", "waagerechtes-scrollen"),
    ("/konsolenfehler.html", "konsole", "console.error"),
    ("/ungueltig.html", "html", "Attribute “foo” not allowed on element “a” at this point."),
    ("/ohne-sprunglink.html", "sprunglink", "erster-tab-stopp"),
    ("/sprunglink-ins-leere.html", "sprunglink", "ziel"),
    ("/sprunglink-ins-leere.html", "links", "anker-fehlt"),
    ("/csp-verstoss.html", "csp", "script-src-attr"),
    ("/csp-verstoss.html", "csp", "script-src-elem"),
    ("/csp-nur-konsole.html", "csp", "konsole"),
}


@pytest.fixture(scope="module")
def broken_report(chromium, tmp_path_factory):
    site = tmp_path_factory.mktemp("kaputt")
    for rel, html in BROKEN.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(html, encoding="utf-8")
    (site / "punkt.svg").write_text(PIXEL, encoding="utf-8")
    with tools.serve(site) as url:
        return chromium.run(audit_site(chromium.browser, url, site, workers=3))


def test_every_broken_page_is_reported_by_its_gate(broken_report):
    got = {(f.page, f.gate, f.rule) for f in broken_report.findings}
    assert got == EXPECTED, "\n" + format_findings(broken_report.findings)


def test_the_clean_pages_pass(broken_report):
    assert {"index.html", "unterseite/index.html"} <= set(broken_report.pages)
    assert not [f for f in broken_report.findings if f.page in ("/", "/unterseite/")]


def test_findings_name_element_and_hint(broken_report):
    by_key = {(f.page, f.gate): f for f in broken_report.findings}
    alt = by_key["/bild-ohne-alt.html", "axe"]
    assert '<img src="punkt.svg">' in alt.element and alt.hint.startswith("Bild ohne Alternativtext")
    assert 'href="gibt-es-nicht/"' in by_key["/toter-link.html", "links"].element
    assert "#weg" in by_key["/toter-anker.html", "links"].hint
    assert "width: 800px" in by_key["/zu-breit.html", "breite"].element
    assert "808 px breit" in by_key["/zu-breit.html", "breite"].hint
    assert "kaputt" in by_key["/konsolenfehler.html", "konsole"].element
    assert FONT in by_key["/fremde-schrift.html", "extern"].element  # the markup that caused the request
    skript = next(f for f in broken_report.findings if f.rule == "script-src-elem")
    assert skript.element.startswith("Zeile 10: blockiert: inline") and "Content-Security-Policy" in skript.hint
    assert "frame-ancestors" in by_key["/csp-nur-konsole.html", "csp"].element
    text = format_findings(broken_report.findings)
    assert '  [image-alt] img <img src="punkt.svg">\n    → Bild ohne Alternativtext' in text
    assert "auf 1 Seite(n): /bild-ohne-alt.html" in text


# One visitor goes from page to page (gates.Visitor): what a page leaves behind must not reach the next one.
MERKT = """<script>
localStorage.setItem("besucht", "ja"); sessionStorage.setItem("besucht", "ja"); document.cookie = "besucht=ja";
</script>"""
PRUEFT = """<script>
const reste = [localStorage.getItem("besucht"), sessionStorage.getItem("besucht"), document.cookie].filter(Boolean);
if (reste.length) console.error("vom Besuch davor: " + reste.join(", "));
if (innerWidth !== %d) console.error("Fenster " + innerWidth + " px breit");
</script>""" % DESKTOP["width"]


def test_a_page_sees_nothing_of_the_page_before(chromium, tmp_path):
    """Storage and cookies are empty and the window is a desktop's again; one visitor checks both pages in order."""
    (tmp_path / "a.html").write_text(page("Merkt sich etwas", MERKT), encoding="utf-8")
    (tmp_path / "b.html").write_text(page("Prüft", PRUEFT), encoding="utf-8")
    # In the browser only, a.html first (one worker takes them in order): the checks on the files (Nu, links)
    # have nothing to do with what a visit leaves behind.
    with tools.serve(tmp_path) as url:
        report = chromium.run(audit_site(chromium.browser, url, tmp_path, pages=[], workers=1,
                                         in_browser=["a.html", "b.html"]))
    assert report.findings == [], format_findings(report.findings)
    # The page that checks is not blind: where something is left, it says so.
    (tmp_path / "b.html").write_text(page("Prüft", MERKT + PRUEFT), encoding="utf-8")
    with tools.serve(tmp_path) as url:
        report = chromium.run(audit_site(chromium.browser, url, tmp_path, pages=[], workers=1, in_browser=["b.html"]))
    assert [f.element.split(" (")[0] for f in report.findings] == ["vom Besuch davor: ja, ja, besucht=ja"]
