"""The image film: self-hosted with captions, chapters and a text version, or external behind two clicks;
its files are judged by content with German messages at the right line."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from helpers import TODAY, line_of, problems, replace
from schulerfolg import film as filmmod
from schulerfolg.load import load
from schulerfolg.plan import Page, plan
from schulerfolg.render import render

ROOT = Path(__file__).resolve().parent.parent
NW = "netzwerkstelle.yml"
YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def _nw_line(data: Path, needle: str) -> tuple[int, int]:
    line = line_of(data / NW, needle)
    text = (data / NW).read_text(encoding="utf-8").splitlines()[line - 1]
    value = needle.split(": ", 1)[1] if ": " in needle else needle
    return line, text.index(value) + 1


def _extern(data: Path, url: str = YOUTUBE) -> None:
    replace(data / NW, "  modus: selbst\n  datei: film/imagefilm.mp4\n", f"  modus: extern\n  url: {url}\n")


def _rendered(daten, path: str) -> str:
    site = plan(daten, TODAY)
    page = next(p for p in site.pages if p.path == path)
    from schulerfolg.plan import Context

    return render(page, Context(daten, TODAY))


# --- the sample film -----------------------------------------------------------------------------

def test_sample_film_is_small_and_complete():
    daten = load(ROOT / "data", TODAY).daten
    video = filmmod.video_fuer(daten, daten.netzwerkstelle.film)
    assert video.modus == "selbst" and video.plattform is None
    assert video.mp4.groesse < 1_000_000
    assert [k.text for k in video.kapitel][1:5] == ["Baby-Bedenkzeit", "Brücken bauen", "Freizeitpädagogik",
                                                    "Der Stadt-Elternabend"]
    assert len(video.kapitel) == 7
    assert 30 < video.dauer < 120
    assert abs(video.kapitel[-1].ende - video.dauer) < 0.5  # chapters cover the whole film
    assert all(c.ende <= video.dauer + 0.5 for c in video.cues)
    gruppen = video.abschnitte()
    assert len(gruppen) == 7 and all(eintraege for _, eintraege in gruppen)
    assert sum(1 for _, e in gruppen for art, _ in e if art == "text") == len(video.cues)


def test_start_page_points_to_the_film_without_loading_it():
    """A still that loads last, the title as the link to the film page, length and download; no player."""
    daten = load(ROOT / "data", TODAY).daten
    html = _rendered(daten, "index.md")
    video = filmmod.video_fuer(daten, daten.netzwerkstelle.film)
    figur = re.search(r'<figure class="sf-film-vorschau">.*?</figure>', html, re.S).group(0)
    link = re.search(r'<a href="film/">(.*?)</a>', figur, re.S).group(1)
    assert f"Film ansehen: {video.titel}" in link
    img = re.search(r"<img [^>]*>", link).group(0)
    assert 'alt=""' in img  # the link text names the film; the still would only repeat it
    assert 'loading="lazy"' in img and 'fetchpriority="low"' in img
    assert re.search(r'srcset="film/poster-([0-9a-f]{10})-480\.webp 480w, film/poster-\1-960\.webp 960w"', img)
    assert 'width="960" height="540"' in img  # the browser keeps the room: nothing jumps
    assert (f'<a href="film/imagefilm.mp4" download>Film herunterladen (MP4, {video.mp4.groesse_text}, '
            f'{video.dauer_text} Minuten)</a>') in figur
    assert "mit Untertiteln und als Text zum Lesen" in figur
    assert "<video" not in html and "<track" not in html


def test_film_page_plays_the_film_with_captions_and_a_download():
    daten = load(ROOT / "data", TODAY).daten
    html = _rendered(daten, "film/index.md")
    video = filmmod.video_fuer(daten, daten.netzwerkstelle.film)
    m = re.search(r"<video [^>]*>", html)
    assert m and 'controls' in m.group(0) and 'preload="none"' in m.group(0)
    assert re.search(r'poster="\.\./film/poster-[0-9a-f]{10}-960\.webp"', m.group(0))
    assert '<source src="../film/imagefilm.mp4" type="video/mp4">' in html
    assert '<track kind="captions" srclang="de" label="Deutsch" src="../film/imagefilm.de.vtt" default>' in html
    assert '<track kind="chapters" srclang="de" label="Kapitel" src="../film/imagefilm.kapitel.vtt">' in html
    assert (f'<a href="../film/imagefilm.mp4" download>Film herunterladen (MP4, {video.mp4.groesse_text}, '
            f'{video.dauer_text} Minuten)</a>') in html
    assert "data-video-placeholder" not in html and "youtube" not in html


def test_film_page_has_every_caption_and_chapter():
    daten = load(ROOT / "data", TODAY).daten
    md = _rendered(daten, "film/index.md")
    video = filmmod.video_fuer(daten, daten.netzwerkstelle.film)
    for nr, kapitel in enumerate(video.kapitel, 1):
        assert f'<h3 id="teil-{nr}">{nr}. {kapitel.text}</h3>' in md
    for cue in video.cues:
        assert cue.text in md
    assert md.count("<em>Im Bild:</em>") == len(video.bilder) == 7
    assert 'src="../film/imagefilm.mp4"' in md  # one level down: URLs relative to film/
    assert "Den Film als Text lesen" not in md  # the page is the text


def test_film_files_are_published_not_the_poster_original():
    daten = load(ROOT / "data", TODAY).daten
    paths = {a.path for a in plan(daten, TODAY).assets if a.path.startswith("film/")}
    assert {"film/imagefilm.mp4", "film/imagefilm.de.vtt", "film/imagefilm.kapitel.vtt", "film/imagefilm.bild.vtt"} <= paths
    assert "film/imagefilm-poster.png" not in paths
    assert any(re.fullmatch(r"film/poster-[0-9a-f]{10}-960\.webp", p) for p in paths)


def test_no_film_no_markup(data_copy):
    text = (data_copy / NW).read_text(encoding="utf-8")
    start, ende = text.index("film:\n"), text.index("# Video in Deutscher Gebärdensprache")
    (data_copy / NW).write_text(text[:start] + text[ende:], encoding="utf-8")
    daten = load(data_copy, TODAY).daten
    start = _rendered(daten, "index.md")
    assert "<video" not in start and "sf-film-vorschau" not in start and "film/" not in start
    assert not [p for p in plan(daten, TODAY).pages if p.path.startswith("film/")]


# --- external mode -------------------------------------------------------------------------------

def test_external_film_is_a_two_click_placeholder(data_copy):
    _extern(data_copy)
    assert problems(data_copy) == []
    daten = load(data_copy, TODAY).daten
    html = _rendered(daten, "film/index.md")
    box = re.search(r"<div [^>]*data-video-placeholder[^>]*>.*?</div>", html, re.S).group(0)
    assert 'data-video-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in box
    assert re.search(r"<button [^>]*>Video laden</button>", box)
    assert "Google Ireland Limited" in box and "IP-Adresse" in box
    assert '<a href="../datenschutz/">Datenschutzerklärung</a>' in box
    # Nothing on the page would make the browser fetch from the platform by itself.
    assert not re.search(r'(?<![\w-])(src|poster|srcset)="https?://', html)  # no external resource at all
    assert "<iframe" not in html and "ytimg" not in html  # no player, no thumbnail from the platform
    assert "<video" not in html
    assert '<script src="../medien/video-laden.js" defer></script>' in html
    assert "medien/video-laden.js" in {a.path for a in plan(daten, TODAY).assets}


def test_start_page_points_to_an_external_film_without_loading_anything(data_copy):
    _extern(data_copy)
    html = _rendered(load(data_copy, TODAY).daten, "index.md")
    figur = re.search(r'<figure class="sf-film-vorschau">.*?</figure>', html, re.S).group(0)
    assert '<a href="film/">' in figur and "<img" not in figur and "Der Film liegt bei YouTube." in figur
    assert not re.search(r'(?<![\w-])(src|poster|srcset|href)="https?://[^"]*(youtube|ytimg)', html)
    assert "data-video-placeholder" not in html and "video-laden.js" not in html


def test_no_privacy_link_without_a_privacy_page(data_copy):
    _extern(data_copy)
    text = (data_copy / NW).read_text(encoding="utf-8")
    start, ende = text.index("datenschutz:\n"), text.index("barrierefreiheit:\n")
    (data_copy / NW).write_text(text[:start] + text[ende:], encoding="utf-8")
    html = _rendered(load(data_copy, TODAY).daten, "film/index.md")
    assert "data-video-placeholder" in html and "datenschutz/" not in html


@pytest.mark.parametrize("url, name, player", [
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10", "YouTube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
    ("https://youtu.be/dQw4w9WgXcQ", "YouTube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
    ("https://m.youtube.com/shorts/dQw4w9WgXcQ", "YouTube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
    ("https://vimeo.com/76979871", "Vimeo", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"),
    ("https://player.vimeo.com/video/76979871", "Vimeo", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"),
])
def test_platform_urls(url, name, player):
    p = filmmod.plattform(url)
    assert (p.name, p.einbettung) == (name, player)


@pytest.mark.parametrize("url", ["https://www.youtube.com/", "https://www.youtube.com/watch?v=kurz",
                                 "https://example.org/film.mp4", "https://vimeo.com/kanal"])
def test_not_a_platform_video(url):
    assert filmmod.plattform(url) is None


# --- checks: by content, German, at the line ---------------------------------------------------------

def test_external_url_must_be_a_video(data_copy):
    _extern(data_copy, "https://example.org/unser-film")
    line, col = _nw_line(data_copy, "url: https://example.org/unser-film")
    assert problems(data_copy) == [
        f"data/{NW}:{line}:{col}: »https://example.org/unser-film« ist keine Video-Adresse bei YouTube oder Vimeo. "
        "Kopieren Sie die Adresse der Videoseite, z. B. »https://www.youtube.com/watch?v=…« oder »https://vimeo.com/123456789«."]


def test_self_hosted_needs_captions(data_copy):
    replace(data_copy / NW, "  untertitel: film/imagefilm.de.vtt\n", "")
    found = problems(data_copy)
    assert len(found) == 1 and "fehlt »untertitel:«" in found[0]
    assert found[0].startswith(f"data/{NW}:{line_of(data_copy / NW, 'titel: Schulsozialarbeit in Dessau')}:")  # the film block


def test_video_that_is_an_image(data_copy):
    shutil.copy(data_copy / "film" / "imagefilm-poster.png", data_copy / "film" / "imagefilm.mp4")
    line, col = _nw_line(data_copy, "datei: film/imagefilm.mp4")
    assert problems(data_copy) == [
        f"data/{NW}:{line}:{col}: Die Datei »data/film/imagefilm.mp4« ist kein MP4-Video (sondern ein Bild). "
        "Speichern Sie den Film als MP4 (H.264), z. B. mit »Exportieren als MP4« im Schnittprogramm."]


def test_mp4_with_another_extension(data_copy):
    (data_copy / "film" / "imagefilm.mp4").rename(data_copy / "film" / "imagefilm.mov")
    replace(data_copy / NW, "datei: film/imagefilm.mp4", "datei: film/imagefilm.mov")
    found = problems(data_copy)
    assert len(found) == 1 and "ist dem Inhalt nach ein MP4-Video, endet aber auf ».mov«" in found[0]


def test_truncated_mp4(data_copy):
    video = data_copy / "film" / "imagefilm.mp4"
    video.write_bytes(video.read_bytes()[:200])
    found = problems(data_copy)
    assert len(found) == 1 and "beschädigtes MP4-Video" in found[0]


def test_webm_checked_by_content(data_copy):
    replace(data_copy / NW, "  untertitel: film/imagefilm.de.vtt\n",
            "  webm: film/imagefilm.mp4\n  untertitel: film/imagefilm.de.vtt\n")
    found = problems(data_copy)
    assert len(found) == 1 and "ist kein WebM-Video (sondern MP4)" in found[0]
    (data_copy / "film" / "echt.webm").write_bytes(b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm" + b"\0" * 40)
    replace(data_copy / NW, "  webm: film/imagefilm.mp4\n", "  webm: film/echt.webm\n")
    assert problems(data_copy) == []


@pytest.mark.parametrize("content, expected", [
    ("1\n00:00:01,000 --> 00:00:02,000\nHallo\n", "ist keine WebVTT-Datei: Die erste Zeile muss »WEBVTT« lauten. Es sieht nach SRT aus"),
    ("WEBVTT\n\n00:01.000 --> 00:02.000\nGut\n\n00:03.000 --> kaputt\nSchlecht\n", "enthält einen fehlerhaften Eintrag in Zeile 6."),
    ("WEBVTT\n\n", "enthält keinen einzigen Eintrag"),
    ("WEBVTT\n\n00:05.000 --> 00:02.000\nRückwärts\n", "endet, bevor er beginnt (00:00:05.000 --> 00:00:02.000)"),
    ("WEBVTT\n\n00:01.000 --> 00:02.000\nGrüße\n".encode("latin-1"), "nicht in UTF-8"),
])
def test_captions_must_parse(data_copy, content, expected):
    target = data_copy / "film" / "imagefilm.de.vtt"
    (target.write_bytes if isinstance(content, bytes) else lambda c: target.write_text(c, encoding="utf-8"))(content)
    line, col = _nw_line(data_copy, "untertitel: film/imagefilm.de.vtt")
    found = problems(data_copy)
    assert len(found) == 1, found
    assert found[0].startswith(f"data/{NW}:{line}:{col}: Die Datei »data/film/imagefilm.de.vtt« ")
    assert expected in found[0]


def test_chapters_and_poster_are_checked_too(data_copy):
    (data_copy / "film" / "imagefilm.kapitel.vtt").write_text("Kapitel 1\n", encoding="utf-8")
    (data_copy / "film" / "imagefilm-poster.png").write_bytes(b"\x89PNG\r\n\x1a\n kaputt")
    found = problems(data_copy)
    assert [f.split(": ", 1)[0] for f in found] == [
        "data/{}:{}:{}".format(NW, *_nw_line(data_copy, "kapitel: film/imagefilm.kapitel.vtt")),
        "data/{}:{}:{}".format(NW, *_nw_line(data_copy, "poster: film/imagefilm-poster.png"))]
    assert "keine WebVTT-Datei" in found[0] and "kein lesbares Bild" in found[1]


def test_film_file_outside_data(data_copy):
    replace(data_copy / NW, "untertitel: film/imagefilm.de.vtt", "untertitel: film/fehlt.vtt")
    found = problems(data_copy)
    assert len(found) == 1 and "»data/film/fehlt.vtt« gibt es nicht" in found[0]


# --- in a real browser -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def chromium():
    from browser import tools

    if tools.chromium_path() is None:
        message = "Chromium fehlt (Debian-Paket chromium). " + tools.INSTALL_HINT
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    browser = tools.Chromium()
    yield browser
    browser.close()


def _projekt(tmp: Path, extern: bool) -> Path:
    """A copy of the project to build; the image cache is shared (its entries are named by content)."""
    for name in ("docs", "overrides", "hooks", "data"):
        shutil.copytree(ROOT / name, tmp / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    (ROOT / ".cache").mkdir(exist_ok=True)
    (tmp / ".cache").symlink_to(ROOT / ".cache")
    (tmp / "src").symlink_to(ROOT / "src")  # mkdocs.yml watches it
    if extern:
        _extern(tmp / "data")
    return tmp


@pytest.fixture(scope="module")
def extern_site(tmp_path_factory):
    from browser import tools

    projekt = _projekt(tmp_path_factory.mktemp("extern"), extern=True)
    site = tools.build_site(projekt, projekt / "site")
    with tools.serve(site) as url:
        yield url


@pytest.mark.browser
def test_external_film_requests_nothing_before_the_click(chromium, extern_site):
    """Every request is recorded; other hosts are aborted. On the start page (which points to the film)
    and on the film page before the click: only 127.0.0.1. After the click: the platform's player is
    requested (and stopped here)."""

    async def run():
        page = await chromium.browser.new_page()
        fremd: list[str] = []

        async def route(r):
            if r.request.url.startswith(extern_site):
                await r.continue_()
            else:
                fremd.append(r.request.url)
                await r.abort()

        await page.route("**/*", route)
        await page.goto(extern_site, wait_until="networkidle")
        await page.get_by_role("link", name="Film ansehen").click()
        await page.wait_for_load_state("networkidle")
        vorher = list(fremd)
        box = page.locator("[data-video-placeholder]")
        await box.get_by_role("button", name="Video laden").click()
        await page.wait_for_selector("iframe[title]")
        await page.wait_for_timeout(500)
        nachher = list(fremd)
        await page.close()
        return vorher, nachher

    vorher, nachher = chromium.run(run())
    assert vorher == [], f"Vor dem Klick angefragt: {vorher}"
    assert any(u.startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ") for u in nachher), nachher


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    from browser import tools

    site = tools.build_site(ROOT, tmp_path_factory.mktemp("film") / "site")
    with tools.serve(site) as url:
        yield url


@pytest.mark.browser
def test_film_plays_with_captions_in_chromium(chromium, sample_site, tmp_path):
    """The MP4 decodes, the German captions are showing and a cue is on screen at 00:02."""

    async def run():
        page = await chromium.browser.new_page(viewport={"width": 900, "height": 800})
        await page.goto(sample_site + "film/", wait_until="networkidle")
        video = page.locator("video")
        await video.scroll_into_view_if_needed()
        zustand = await video.evaluate("""async (v) => {
            v.muted = true;
            await v.play();
            v.currentTime = 2;
            await new Promise(r => setTimeout(r, 1200));
            const t = [...v.textTracks].find(t => t.kind === 'captions');
            const k = [...v.textTracks].find(t => t.kind === 'chapters');
            if (k) k.mode = 'hidden';
            await new Promise(r => setTimeout(r, 300));
            return {kann: v.canPlayType('video/mp4; codecs="avc1.42E01E, mp4a.40.2"'), fehler: v.error && v.error.code,
                    breite: v.videoWidth, modus: t && t.mode, cue: t && t.activeCues.length ? t.activeCues[0].text : null,
                    kapitel: k && k.cues ? k.cues.length : 0, zeit: v.currentTime};
        }""")
        await video.evaluate("v => v.pause()")
        await video.screenshot(path=str(tmp_path / "film.png"))
        await page.close()
        return zustand

    zustand = chromium.run(run())
    assert zustand["fehler"] is None and zustand["breite"] == 640, zustand
    assert zustand["modus"] == "showing"
    assert zustand["cue"] and "Schulsozialarbeit" in zustand["cue"], zustand
    assert zustand["kapitel"] == 7
    assert (tmp_path / "film.png").stat().st_size > 5000
