"""The image film: self-hosted with captions, chapters and a text version, or external behind two clicks;
its files are judged by content with German messages at the right line."""
from __future__ import annotations

import io
import re
import shutil
import struct
from pathlib import Path

import feindlich
import pytest
from helpers import TODAY, film_extern, kontext, line_of, only, problems, replace

from schulerfolg.buildcache import BuildCache
from schulerfolg.data.plattform import plattform
from schulerfolg.findings import video_boxes
from schulerfolg.findings.store import Befunde
from schulerfolg.findings.video import mp4_problem
from schulerfolg.load import load
from schulerfolg.media import film_copy
from schulerfolg.site.build import Site, build
from schulerfolg.site.plan import plan
from schulerfolg.site.render import render

ROOT = Path(__file__).resolve().parent.parent
NW = "netzwerkstelle.yml"
YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def _nw_line(data: Path, needle: str) -> tuple[int, int]:
    line = line_of(data / NW, needle)
    text = (data / NW).read_text(encoding="utf-8").splitlines()[line - 1]
    value = needle.split(": ", 1)[1] if ": " in needle else needle
    return line, text.index(value) + 1


def _mit_webm(data: Path, rel: str = "film/imagefilm.webm") -> None:
    replace(data / NW, "  untertitel: film/imagefilm.de.vtt\n", f"  webm: {rel}\n  untertitel: film/imagefilm.de.vtt\n")


def _extern(data: Path, url: str = YOUTUBE) -> None:
    film_extern(data, url)


def _rendered(daten, path: str) -> str:
    page = next(p for p in plan(daten, TODAY).pages if p.path == path)
    return render(page, daten)


def _video(daten):
    """The image film as its pages show it."""
    return kontext(daten).videos["film"]


def _site(daten, cache: Path | None = None) -> Site:
    """The site's pages and files, made in ``cache`` as the hook does, or in memory as ``generate`` does."""
    return build(daten, Befunde(None), BuildCache(cache) if cache else None, TODAY)


# --- the sample film -----------------------------------------------------------------------------

def test_sample_film_is_small_and_complete(daten):
    video = _video(daten)
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


def test_start_page_points_to_the_film_without_loading_it(daten):
    """A still that loads last, the title as the link to the film page, length and download; no player."""
    html = _rendered(daten, "index.md")
    video = _video(daten)
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


def test_film_page_plays_the_film_with_captions_and_a_download(daten):
    html = _rendered(daten, "film/index.md")
    video = _video(daten)
    m = re.search(r"<video [^>]*>", html)
    assert m and 'controls' in m.group(0) and 'preload="none"' in m.group(0)
    assert re.search(r'poster="\.\./film/poster-[0-9a-f]{10}-960\.webp"', m.group(0))
    assert '<source src="../film/imagefilm.mp4" type="video/mp4">' in html
    assert '<track kind="captions" srclang="de" label="Deutsch" src="../film/imagefilm.de.vtt" default>' in html
    assert '<track kind="chapters" srclang="de" label="Kapitel" src="../film/imagefilm.kapitel.vtt">' in html
    assert (f'<a href="../film/imagefilm.mp4" download>Film herunterladen (MP4, {video.mp4.groesse_text}, '
            f'{video.dauer_text} Minuten)</a>') in html
    assert "data-video-placeholder" not in html and "youtube" not in html


def test_film_page_has_every_caption_and_chapter(daten):
    md = _rendered(daten, "film/index.md")
    video = _video(daten)
    assert video.kapitel and video.cues
    for nr, kapitel in enumerate(video.kapitel, 1):
        assert f'<h3 id="teil-{nr}">{nr}. {kapitel.text}</h3>' in md
    for cue in video.cues:
        assert cue.text in md
    assert md.count("<em>Im Bild:</em>") == len(video.bilder) == 7
    assert 'src="../film/imagefilm.mp4"' in md  # one level down: URLs relative to film/
    assert "Den Film als Text lesen" not in md  # the page is the text


def test_film_files_are_published_not_the_poster_original(daten):
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
    p = plattform(url)
    assert (p.name, p.einbettung) == (name, player)


@pytest.mark.parametrize("url", ["https://www.youtube.com/", "https://www.youtube.com/watch?v=kurz",
                                 "https://example.org/film.mp4", "https://vimeo.com/kanal"])
def test_not_a_platform_video(url):
    assert plattform(url) is None


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
    line, col = _nw_line(data_copy, "datei: film/imagefilm.mov")
    assert problems(data_copy) == [
        f"data/{NW}:{line}:{col}: »film/imagefilm.mov« hat hier nicht die richtige Endung. Erlaubt sind nur Videos im "
        "Format MP4 mit der Endung ».mp4«."]
    assert mp4_problem(data_copy / "film" / "imagefilm.mov") == (
        "ist dem Inhalt nach ein MP4-Video, endet aber auf ».mov«. Benennen Sie sie in ».mp4« um.")


def test_truncated_mp4(data_copy):
    video = data_copy / "film" / "imagefilm.mp4"
    video.write_bytes(video.read_bytes()[:200])
    found = problems(data_copy)
    assert len(found) == 1 and "beschädigtes MP4-Video" in found[0]


def test_webm_checked_by_content(data_copy):
    shutil.copy(data_copy / "film" / "imagefilm.mp4", data_copy / "film" / "imagefilm.webm")
    _mit_webm(data_copy)
    found = problems(data_copy)
    assert len(found) == 1 and "ist kein WebM-Video (sondern MP4)" in found[0]
    (data_copy / "film" / "imagefilm.webm").write_bytes(feindlich.webm())
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


# --- each file field allows its endings; the bytes must match ---------------------------------------

@pytest.mark.parametrize("key, alt, neu, erlaubt", [
    ("untertitel", "film/imagefilm.de.vtt", "film/imagefilm.de.html", "Textspuren im Format WebVTT mit der Endung ».vtt«"),
    ("kapitel", "film/imagefilm.kapitel.vtt", "film/kapitel.html", "Textspuren im Format WebVTT mit der Endung ».vtt«"),
    ("bildbeschreibung", "film/imagefilm.bild.vtt", "film/bild.htm", "Textspuren im Format WebVTT mit der Endung ».vtt«"),
    ("datei", "film/imagefilm.mp4", "film/imagefilm.html", "Videos im Format MP4 mit der Endung ».mp4«"),
    ("poster", "film/imagefilm-poster.png", "film/poster.svg",
     "Bilder im Format JPEG, PNG oder WebP mit den Endungen ».jpg«, ».jpeg«, ».png« oder ».webp«"),
])
def test_a_film_file_with_another_ending_is_refused(data_copy, key, alt, neu, erlaubt):
    """A caption file named .html was published byte for byte and served as a web page."""
    shutil.copy(data_copy / alt, data_copy / neu)
    replace(data_copy / NW, f"{key}: {alt}", f"{key}: {neu}")
    line, col = _nw_line(data_copy, f"{key}: {neu}")
    assert problems(data_copy) == [f"data/{NW}:{line}:{col}: »{neu}« hat hier nicht die richtige Endung. "
                                   f"Erlaubt sind nur {erlaubt}."]


def test_webm_field_allows_only_webm(data_copy):
    (data_copy / "film" / "film.html").write_bytes(feindlich.webm())
    _mit_webm(data_copy, "film/film.html")
    line, col = _nw_line(data_copy, "webm: film/film.html")
    assert problems(data_copy) == [f"data/{NW}:{line}:{col}: »film/film.html« hat hier nicht die richtige Endung. "
                                   "Erlaubt sind nur Videos im Format WebM mit der Endung ».webm«."]


def test_captions_that_are_html_inside_are_refused(data_copy):
    (data_copy / "film" / "imagefilm.de.vtt").write_text("<!doctype html><script>alert(1)</script>", encoding="utf-8")
    assert "ist keine WebVTT-Datei: Die erste Zeile muss »WEBVTT« lauten." in only(problems(data_copy))


def test_a_film_file_name_must_fit_an_address(data_copy):
    shutil.copy(data_copy / "film" / "imagefilm.de.vtt", data_copy / "film" / "Untertitel Deutsch.vtt")
    replace(data_copy / NW, "untertitel: film/imagefilm.de.vtt", "untertitel: film/Untertitel Deutsch.vtt")
    line, col = _nw_line(data_copy, "untertitel: film/Untertitel Deutsch.vtt")
    assert problems(data_copy) == [
        f"data/{NW}:{line}:{col}: Der Dateiname »Untertitel Deutsch.vtt« wird Teil der Adresse des Films und darf nur "
        "a–z, 0–9, »-«, »_« und ».« enthalten. Benennen Sie die Datei um, z. B. in »untertitel-deutsch.vtt«."]


# --- one file for two tracks, one file for two films ------------------------------------------------

def test_one_file_for_captions_and_chapters_is_a_message_not_a_crash(data_copy):
    """An editor who names the captions as chapters too has copied the wrong line: the chapter menu would
    list every sentence. Before, the build stopped with »Two parts of the site plan the same file«."""
    replace(data_copy / NW, "kapitel: film/imagefilm.kapitel.vtt", "kapitel: film/imagefilm.de.vtt")
    line, col = _nw_line(data_copy, "kapitel: film/imagefilm.de.vtt")
    assert problems(data_copy) == [
        f"data/{NW}:{line}:{col}: Dieselbe Datei steht schon bei »untertitel« (Zeile "
        f"{line_of(data_copy / NW, 'untertitel: film/imagefilm.de.vtt')}). Untertitel, Kapitel und Bildbeschreibung "
        "brauchen je eine eigene Datei."]


def test_two_files_of_one_name_in_one_film(data_copy):
    (data_copy / "kapitel").mkdir()
    shutil.copy(data_copy / "film" / "imagefilm.kapitel.vtt", data_copy / "kapitel" / "imagefilm.de.vtt")
    replace(data_copy / NW, "kapitel: film/imagefilm.kapitel.vtt", "kapitel: kapitel/imagefilm.de.vtt")
    line, col = _nw_line(data_copy, "kapitel: kapitel/imagefilm.de.vtt")
    assert problems(data_copy) == [
        f"data/{NW}:{line}:{col}: Eine Datei namens »imagefilm.de.vtt« steht schon bei »untertitel« (Zeile "
        f"{line_of(data_copy / NW, 'untertitel: film/imagefilm.de.vtt')}). Jede Datei des Films erscheint unter "
        "/film/<Dateiname>: Geben Sie ihr einen eigenen Namen."]


DGS = """gebaerdensprache:
  titel: Die Website in Deutscher Gebärdensprache
  datei: {datei}
  untertitel: film/imagefilm.de.vtt
  poster: film/imagefilm-poster.png
"""


def _mit_dgs(data: Path, datei: str = "film/imagefilm.mp4") -> None:
    replace(data / NW, "# gebaerdensprache:\n", DGS.format(datei=datei) + "# gebaerdensprache:\n")


def test_the_same_files_for_the_film_and_the_sign_language_video_simply_work(data_copy, tmp_path):
    """Each film publishes into its own folder; the copy without metadata is made once, by content."""
    _mit_dgs(data_copy)
    assert problems(data_copy) == []
    site = _site(load(data_copy, TODAY).daten, tmp_path / "cache")
    for page in site.pages:
        site.markdown(page)  # every page of the site, as the build does
    quellen = {a.path: a.source for a in site.files}
    assert quellen["film/imagefilm.mp4"] == quellen["gebaerdensprache/imagefilm.mp4"]
    assert quellen["film/imagefilm.de.vtt"] == quellen["gebaerdensprache/imagefilm.de.vtt"] == data_copy / "film/imagefilm.de.vtt"


def test_the_sign_language_videos_files_are_checked_too(data_copy):
    """Its files were never checked: a missing one crashed the build with FileNotFoundError."""
    _mit_dgs(data_copy, "film/dgs.mp4")
    line, col = _nw_line(data_copy, "datei: film/dgs.mp4")
    assert problems(data_copy) == [
        f"data/{NW}:{line}:{col}: Die Datei »data/film/dgs.mp4« gibt es nicht. Prüfen Sie Schreibweise und Ordner "
        "(Groß- und Kleinschreibung zählt) oder legen Sie die Datei dort ab."]


def test_a_sign_language_video_needs_no_captions(data_copy):
    _mit_dgs(data_copy)
    replace(data_copy / NW, "  untertitel: film/imagefilm.de.vtt\n  poster", "  poster")
    assert problems(data_copy) == []


# --- the published film carries no location or personal metadata ------------------------------------

def _film_mit_metadaten(data: Path) -> bytes:
    """The sample film with location, author, title, a track-level location and XMP planted; its bytes."""
    quelle = data / "film" / "imagefilm.mp4"
    feindlich.mp4_mit_metadaten(ROOT / "data" / "film" / "imagefilm.mp4", quelle)
    return quelle.read_bytes()


SPUREN = (b"\xa9xyz", b"\xa9ART", b"\xa9nam", b"\xa9too", feindlich.GPS.encode(), feindlich.AUTOR.encode(), b"Lavf",
          feindlich.XMP_UUID, b"xmpmeta")


def _asset(site: Site, pfad: str) -> bytes:
    asset = next(a for a in site.files if a.path == pfad)
    return asset.content if asset.content is not None else asset.source.read_bytes()


def test_the_published_film_has_no_location_author_or_program(data_copy, tmp_path):
    from mutagen.mp4 import MP4

    original = _film_mit_metadaten(data_copy)
    assert all(s in original for s in SPUREN)  # guard: the metadata are really there
    assert problems(data_copy) == []
    site = _site(load(data_copy, TODAY).daten, tmp_path / "cache")
    asset = next(a for a in site.files if a.path == "film/imagefilm.mp4")
    assert asset.source.is_relative_to(tmp_path / "cache")  # a copy in the cache, named by content
    kopie = asset.source.read_bytes()
    assert [s for s in SPUREN if s in kopie] == []
    assert (data_copy / "film" / "imagefilm.mp4").read_bytes() == original  # the original stays untouched
    # Sizes and chunk offsets as before: the film still plays, the same tracks, the same length.
    assert len(kopie) == len(original)
    with io.BytesIO(kopie) as f:
        assert video_boxes.mp4_tracks(f) == ["vide", "soun"]
    assert MP4(asset.source).info.length == pytest.approx(MP4(data_copy / "film" / "imagefilm.mp4").info.length)
    assert MP4(asset.source).tags is None
    assert _chunks(kopie) == _chunks(original)
    mvhd = kopie.index(b"mvhd")
    assert kopie[mvhd + 8:mvhd + 16] == bytes(8)  # no creation or modification time


def _chunks(daten: bytes) -> tuple[list[tuple[int, ...]], bytes]:
    """Where each track's chunks start, and the picture and sound data they point into: what the player decodes."""
    from mutagen.mp4 import Atoms

    atoms = Atoms(io.BytesIO(daten))
    offsets = []
    for trak in atoms[b"moov"].findall(b"trak"):
        _, stco = trak[b"mdia", b"minf", b"stbl", b"stco"].read(io.BytesIO(daten))
        offsets.append(struct.unpack_from(f">{struct.unpack_from('>I', stco, 4)[0]}I", stco, 8))
    mdat = atoms[b"mdat"]
    return offsets, daten[mdat.offset:mdat.offset + mdat.length]


def test_the_copy_is_made_once_and_the_same_without_a_cache(data_copy, tmp_path, monkeypatch):
    _film_mit_metadaten(data_copy)
    daten = load(data_copy, TODAY).daten
    erste = _asset(_site(daten, tmp_path / "cache"), "film/imagefilm.mp4")
    gemacht = []
    monkeypatch.setattr(film_copy, "without_metadata", lambda *a: gemacht.append(a) or b"")
    daten = load(data_copy, TODAY).daten
    assert _asset(_site(daten, tmp_path / "cache"), "film/imagefilm.mp4") == erste
    assert gemacht == []
    monkeypatch.undo()
    assert _asset(_site(load(data_copy, TODAY).daten), "film/imagefilm.mp4") == erste  # generate without a cache


def test_a_film_with_a_gps_track_is_refused(data_copy):
    """A data track (an action camera's GPS) lives in the picture data: it cannot be blanked, only left out."""
    from mutagen.mp4 import Atoms

    video = data_copy / "film" / "imagefilm.mp4"
    daten = bytearray(video.read_bytes())
    ton = list(Atoms(io.BytesIO(daten))[b"moov"].findall(b"trak"))[1][b"mdia", b"hdlr"]
    assert daten[ton.offset + 16:ton.offset + 20] == b"soun"  # size, type, version and flags, pre_defined, handler
    daten[ton.offset + 16:ton.offset + 20] = b"meta"
    video.write_bytes(bytes(daten))
    line, col = _nw_line(data_copy, "datei: film/imagefilm.mp4")
    assert problems(data_copy) == [
        f"data/{NW}:{line}:{col}: Die Datei »data/film/imagefilm.mp4« enthält außer Bild und Ton eine Spur mit anderen "
        "Daten (»meta«), z. B. GPS-Daten einer Kamera. Exportieren Sie den Film neu, nur mit Bild, Ton und Untertiteln."]


def test_the_published_webm_has_no_title_tags_or_track_names(data_copy, tmp_path):
    import ebmlite

    original = feindlich.webm()
    spuren = (feindlich.TITEL.encode(), feindlich.SPURNAME.encode(), feindlich.GPS.encode(), b"LOCATION",
              b"Handy-App", b"ausweis.jpg", b"geheim")
    assert all(s in original for s in spuren)
    (data_copy / "film" / "imagefilm.webm").write_bytes(original)
    _mit_webm(data_copy)
    assert problems(data_copy) == []
    kopie = _asset(_site(load(data_copy, TODAY).daten, tmp_path / "cache"), "film/imagefilm.webm")
    assert [s for s in spuren if s in kopie] == []
    assert len(kopie) == len(original)
    segment = next(el for el in ebmlite.loadSchema("matroska.xml").loads(kopie) if el.name == "Segment")
    namen = [el.name for el in segment]
    assert namen == ["SeekHead", "Info", "Tracks", "Void", "Void", "Cluster"]  # Tags and Attachments are filler
    info = {el.name: el.value for el in next(el for el in segment if el.name == "Info")}
    assert info["Duration"] == 40.0 and info["MuxingApp"] == "" and "Title" not in info and "DateUTC" not in info
    spur = next(el for el in segment if el.name == "Tracks")[0]
    assert {el.name: el.value for el in spur}["CodecID"] == "V_VP8"
    assert [el.name for el in next(el for el in segment if el.name == "SeekHead")] == ["Void"]  # no entry for Tags
    cluster = next(el for el in segment if el.name == "Cluster")
    assert kopie[cluster.offset:] == original[cluster.offset:]  # the picture, byte for byte


def test_a_webm_with_a_data_track_is_refused(data_copy):
    (data_copy / "film" / "imagefilm.webm").write_bytes(feindlich.webm(spurart=33))
    _mit_webm(data_copy)
    assert only(problems(data_copy)).endswith(
        "Die Datei »data/film/imagefilm.webm« enthält außer Bild und Ton eine Spur mit anderen Daten (»33«), z. B. "
        "GPS-Daten einer Kamera. Exportieren Sie den Film neu, nur mit Bild, Ton und Untertiteln.")


def test_a_broken_webm_is_refused(data_copy):
    (data_copy / "film" / "imagefilm.webm").write_bytes(feindlich.webm()[:40] + b"\xff" * 30)
    _mit_webm(data_copy)
    assert only(problems(data_copy)).endswith(
        "Die Datei »data/film/imagefilm.webm« ist ein beschädigtes WebM-Video, das sich nicht lesen lässt. "
        "Exportieren Sie den Film neu.")
