"""The Content-Security-Policy of every public page (issue 16): where it stands, what it allows, which inline
scripts it lets run – and that a script a missed escape puts into a page is not among them.
In Chromium: tests/browser/test_csp.py and the gate "csp" (tests/browser/gates.py)."""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import material
import pytest
from bs4 import BeautifulSoup
from helpers import TODAY, film_extern, replace
from sitebuild import ROOT, strict_build

from schulerfolg.formats import csp
from schulerfolg.load import load
from schulerfolg.site.plan import plan

THEME = [ROOT / "overrides", Path(material.__file__).parent / "templates"]
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
_DATENBLOCK = re.compile(r"(?!(text|application)/(x-)?(java|ecma)script$|module$).+", re.I)  # <script type> of data


@pytest.fixture(scope="module")
def site() -> Path:
    return strict_build()


@pytest.fixture(scope="module")
def theme() -> csp.ThemeScripts:
    return csp.ThemeScripts.aus_vorlagen(THEME)


def public_pages(site: Path) -> list[Path]:
    """Every HTML page of the site but the web editor, which has its own policy (parts/redaktion.py)."""
    pages = [p for p in sorted(site.rglob("*.html")) if not p.relative_to(site).as_posix().startswith("admin/")]
    assert len(pages) > 60 and site / "404.html" in pages
    return pages


def policy(soup: BeautifulSoup) -> dict[str, list[str]]:
    content = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    return {name: values for name, *values in (d.split() for d in content.split(";"))}


def inline_script_hashes(soup: BeautifulSoup) -> set[str]:
    """sha256 of each inline script the browser would run, over its text as the browser sees it."""
    out = set()
    for s in soup.find_all("script", src=False):
        if not _DATENBLOCK.fullmatch(s.get("type", "").strip()):
            text = s.string.replace("\r\n", "\n").replace("\r", "\n")
            out.add("'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'")
    return out


# --- every page of a strict build ----------------------------------------------------------------

def test_every_page_has_one_policy_as_the_first_element_of_its_head(site):
    for path in public_pages(site):
        raw = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(raw, "html.parser")
        metas = soup.find_all("meta", attrs={"http-equiv": re.compile("^content-security-policy$", re.I)})
        assert len(metas) == 1, path
        assert soup.head.find(True) is metas[0], f"{path}: the policy is not the first element of <head>"
        assert raw.index("<meta http-equiv") < min(raw.index("<script"), raw.index("<link")), path
        # The policy comes before the character set, which must still be declared in the first 1,024 bytes.
        assert raw.encode("utf-8").index(b'<meta charset="utf-8">') + 22 <= 1024, path


def test_the_policy_lets_exactly_the_pages_inline_scripts_run(site):
    for path in public_pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        hashes = [v for v in policy(soup)["script-src"] if v.startswith("'sha256-")]
        assert set(hashes) == inline_script_hashes(soup), path
        assert len(hashes) >= 4, path  # Material's scope, palette and anchor scripts, our bundle-on-demand …


def test_the_policy_holds_the_directives_of_issue_16(site):
    for path in public_pages(site):
        regeln = policy(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
        assert regeln.pop("script-src")[0] == "'self'"
        assert regeln == {
            "default-src": ["'self'"],
            "style-src": ["'self'"],
            "img-src": ["'self'", "data:"],  # the favicon and the theme's icons are data: URLs
            "font-src": ["'self'"],
            "media-src": ["'self'"],
            "object-src": ["'none'"],
            "base-uri": ["'self'"],
            "form-action": ["'self'"],
        }, path  # and no frame-src: the sample film is on the site itself


# --- the core on its own -------------------------------------------------------------------------

def test_a_script_a_missed_escape_puts_into_a_page_gets_no_hash(site, theme):
    built = (site / "schulen/gs-ziebigk/index.html").read_text(encoding="utf-8")
    before = _META.search(built).group(0)
    scope = re.search(r"<script>(__md_scope=new URL\(\"\.\./\.\.\",location\).*?)</script>", built).group(1)
    forged = scope.replace('"../.."', '"javascript:alert(1)//"')  # the theme's script, with other values
    page = _META.sub("", built).replace(
        '<meta name="description" content="', '<meta name="description" content="x"><script>alert(1)</script>', 1)
    page = page.replace('<span id="inhalt"', f"<script>alert(2)</script><script>{forged}</script><span id=\"inhalt\"", 1)
    assert page.count("<script>alert(") == 2
    assert _META.search(csp.with_policy(page, theme)).group(0) == before


def test_the_theme_scripts_are_hashed_as_the_browser_reads_them(tmp_path):
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "eins.html").write_bytes(
        b'{# <script>kommentar()</script> #}<script>\r\nvar basis = "{{ base_url }}"\r\n</script>'
        b'<script type="application/json">{"daten": 1}</script><script src="{{ x }}"></script>'
        b'{% if a %}<script type="module">modul()</script>{% endif %}<script>{% if b %}wahl(){% endif %}</script>')
    theme = csp.ThemeScripts.aus_vorlagen([tmp_path])
    assert [theme.eigene(t) for t in ('\nvar basis = "../.."\n', '\nvar basis = "."\n', "modul()")] == [True] * 3
    assert not any(theme.eigene(t) for t in ('\nvar basis = "x"\n', "kommentar()", '{"daten": 1}', "", "wahl()"))
    page = '<!doctype html>\n<html lang="de">\n<head>\n<title>T</title>\n<script>\r\nvar basis = "../.."\r\n</script>'
    expected = "'sha256-" + base64.b64encode(hashlib.sha256(b'\nvar basis = "../.."\n').digest()).decode() + "'"
    assert csp.with_policy(page, theme).startswith(
        f'<!doctype html>\n<html lang="de">\n<head><meta http-equiv="Content-Security-Policy" content="default-src '
        f"'self'; script-src 'self' {expected}; ")


def test_a_frame_comes_from_the_plan_never_from_the_page(theme):
    page = ('<!doctype html><html lang="de"><head><title>Film</title></head><body><div data-video-placeholder '
            'data-video-src="https://angreifer.example/embed/1"></div></body></html>')
    assert "frame-src" not in csp.with_policy(page, theme)
    assert "; frame-src https://player.vimeo.com\"" in csp.with_policy(page, theme, ("https://player.vimeo.com",))
    for falsch in ("https://player.vimeo.com; script-src *", "http://player.vimeo.com", "*", "'unsafe-inline'"):
        with pytest.raises(ValueError):
            csp.policy(rahmen=[falsch])


def test_a_page_without_head_is_refused(theme):
    with pytest.raises(ValueError):
        csp.with_policy("<p>Kein Kopf</p><head></head>", theme)


# --- which page may frame a platform: from the checked data ---------------------------------------

def _rahmen(data: Path) -> dict[str, tuple[str, ...]]:
    result = load(data, TODAY)
    assert result.problems == []
    return {p.path: p.rahmen for p in plan(result.daten, TODAY).pages if p.rahmen}


def test_the_sample_site_frames_nothing():
    assert _rahmen(ROOT / "data") == {}


@pytest.mark.parametrize("url, herkunft", [("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube-nocookie.com"),
                                           ("https://vimeo.com/76979871", "https://player.vimeo.com")])
def test_only_the_page_of_an_external_film_may_frame_its_player(data_copy, url, herkunft):
    film_extern(data_copy, url)
    assert _rahmen(data_copy) == {"film/index.md": (herkunft,)}


def test_the_sign_language_video_may_be_external_too(data_copy):
    replace(data_copy / "netzwerkstelle.yml", "# gebaerdensprache:\n", "gebaerdensprache:\n  titel: DGS\n  modus: extern\n"
            "  url: https://vimeo.com/76979871\n# alt:\n")
    assert _rahmen(data_copy) == {"gebaerdensprache/index.md": ("https://player.vimeo.com",)}
