"""The image film in Chromium: the self-hosted film plays with captions and chapters, its copy without metadata
still plays to the end, and an external film requests nothing from the platform before the visitor clicks.
(What the pages say about the film, and the checks of its files: tests/test_film.py.)"""
from __future__ import annotations

import asyncio
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import feindlich
import pytest

from schulerfolg.findings import video
from schulerfolg.media import film_copy

from . import tools
from .conftest import EXTERN

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PATIENCE = 10.0  # seconds a request may take on a busy 2-core machine


@pytest.mark.xdist_group("extern")  # one build of the site with the film at a platform (conftest.extern_site)
def test_external_film_requests_nothing_before_the_click(chromium, extern_site):
    """Every request is recorded; other hosts are aborted. On the start page (which points to the film)
    and on the film page before the click: only 127.0.0.1. After the click: the platform's player is
    requested (and stopped here)."""
    _, url = extern_site
    player = "https://www.youtube-nocookie.com/embed/" + parse_qs(urlsplit(EXTERN).query)["v"][0]

    async def run():
        page = await chromium.browser.new_page()
        fremd: list[str] = []

        async def route(r):
            if r.request.url.startswith(url):
                await r.continue_()
            else:
                fremd.append(r.request.url)
                await r.abort()

        await page.route("**/*", route)
        await page.goto(url, wait_until="networkidle")
        await page.get_by_role("link", name="Film ansehen").click()
        await page.wait_for_load_state("networkidle")
        vorher = list(fremd)
        box = page.locator("[data-video-placeholder]")
        await box.get_by_role("button", name="Video laden").click()
        await page.wait_for_selector("iframe[title]")
        deadline = time.monotonic() + PATIENCE
        while not any(u.startswith(player) for u in fremd) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        nachher = list(fremd)
        await page.close()
        return vorher, nachher

    vorher, nachher = chromium.run(run())
    assert vorher == [], f"Vor dem Klick angefragt: {vorher}"
    assert any(u.startswith(player) for u in nachher), nachher


def test_film_plays_with_captions_in_chromium(chromium, site_url, tmp_path):
    """The MP4 decodes, the German captions are showing and a cue is on screen at 00:02."""

    async def run():
        page = await chromium.browser.new_page(viewport={"width": 900, "height": 800})
        await page.goto(site_url + "film/", wait_until="networkidle")
        video = page.locator("video")
        await video.scroll_into_view_if_needed()
        zustand = await video.evaluate("""async (v) => {
            const bis = async (erfuellt) => {  // bounded polling: at most 15 s on a busy machine
                const ende = Date.now() + 15000;
                while (!erfuellt() && Date.now() < ende) await new Promise(r => setTimeout(r, 50));
            };
            v.muted = true;
            await v.play();
            v.currentTime = 2;
            const t = [...v.textTracks].find(t => t.kind === 'captions');
            await bis(() => t && t.activeCues && t.activeCues.length);
            const k = [...v.textTracks].find(t => t.kind === 'chapters');
            if (k) k.mode = 'hidden';
            await bis(() => k && k.cues && k.cues.length);
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


def test_the_copy_without_metadata_plays_in_chromium(chromium, tmp_path):
    """The sample film with metadata planted, then blanked: Chromium knows its length, seeks to the end and
    decodes picture and sound there."""
    mit = tmp_path / "mit.mp4"
    feindlich.mp4_mit_metadaten(ROOT / "data" / "film" / "imagefilm.mp4", mit)
    site = tmp_path / "site"
    site.mkdir()
    (site / "film.mp4").write_bytes(film_copy.without_metadata(mit, "mp4"))
    (site / "index.html").write_text('<!doctype html><title>Film</title><video muted></video>',
                                     encoding="utf-8")

    async def run(url):
        page = await chromium.browser.new_page()
        await page.goto(url)
        zustand = await page.locator("video").evaluate("""async (v) => {
            const bis = (ereignis) => new Promise((ja, nein) => {
                v.addEventListener(ereignis, ja, {once: true});
                setTimeout(() => nein(new Error(ereignis + ': Zeit abgelaufen')), 15000);
            });
            const geladen = bis('loadedmetadata');  // as a blob: seekable without range requests
            v.src = URL.createObjectURL(await (await fetch('film.mp4')).blob());
            await geladen;
            await v.play();
            const gesprungen = bis('seeked');
            v.currentTime = v.duration - 2;
            await gesprungen;
            await new Promise((ja) => v.requestVideoFrameCallback(ja));
            v.pause();
            return {dauer: v.duration, breite: v.videoWidth, fehler: v.error && v.error.code, zeit: v.currentTime,
                    bild: v.webkitVideoDecodedByteCount, ton: v.webkitAudioDecodedByteCount};
        }""")
        await page.close()
        return zustand

    with tools.serve(site) as url:
        zustand = chromium.run(run(url))
    assert zustand["fehler"] is None and zustand["breite"] == 640, zustand
    dauer = video.mp4_duration(ROOT / "data" / "film" / "imagefilm.mp4")  # what the original file says
    assert dauer > 30 and zustand["dauer"] == pytest.approx(dauer, abs=0.5), zustand
    assert zustand["zeit"] > dauer - 4, zustand
    assert zustand["bild"] > 0 and zustand["ton"] > 0, zustand
