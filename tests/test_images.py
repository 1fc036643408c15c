"""The photo pipeline: what reaches the site is oriented, sRGB, cropped and free of every metadata;
unchanged photos cost nothing on the next build; odd or broken files give a German message."""
from __future__ import annotations

import hashlib
import io
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from helpers import TODAY, kontext, line_of, problems, replace
from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo
from sitebuild import ROOT, mkdocs_build, strict_build

from schulerfolg.buildcache import BuildCache, link
from schulerfolg.findings.store import Befunde
from schulerfolg.load import load
from schulerfolg.media import images
from schulerfolg.site.build import Site, build
from schulerfolg.site.finish import og_locale
from schulerfolg.site.plan import plan
from schulerfolg.site.render import environment

FOTOS = sorted(p for p in (ROOT / "data" / "fotos").iterdir() if p.is_file())  # the staff's (news photos: aktuelles/)
# Byte strings that only metadata contains (long enough not to occur by chance in compressed pixels).
METADATA_MARKERS = (b"Exif\x00\x00", b"ICC_PROFILE", b"http://ns.adobe.com/xap", b"<x:xmpmeta", b"Beispielkamera",
                    b"Modell 1")
PNG_PIXEL_CHUNKS = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
WEBP_PIXEL_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}


def _auftrag(path: Path, fokus=(0.5, 0.4), verhaeltnis=images.HOCHFORMAT) -> images.Auftrag:
    return images.plan_variants(path, "test/bild", verhaeltnis, fokus,
                         tuple((b, "webp") for b in images.BREITEN) + ((images.JPEG_BREITE, "jpeg"),))


def _assert_clean(name: str, data: bytes) -> None:
    for marker in METADATA_MARKERS:
        assert marker not in data, f"{name} enthält noch {marker!r}"
    assert set(_chunks(data)) <= PNG_PIXEL_CHUNKS | WEBP_PIXEL_CHUNKS, f"{name}: {_chunks(data)}"
    if data[:2] == b"\xff\xd8":  # JPEG: no APP1 (EXIF/XMP) and no APP2 (ICC) segment
        assert b"\xff\xe1" not in data[: data.find(b"\xff\xda")], name
        assert b"\xff\xe2" not in data[: data.find(b"\xff\xda")], name
    with Image.open(io.BytesIO(data)) as im:
        assert not im.getexif(), name
        assert not (set(im.info) & {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp"}), (name, im.info.keys())


# --- orientation, metadata, colour ------------------------------------------------------------

def test_sample_photos_really_carry_metadata_that_must_go():
    """Guard for the tests below: the originals are sideways and carry camera and GPS data."""
    for path in FOTOS:
        with Image.open(path) as im:
            exif = im.getexif()
            assert exif.get(0x0112) == 6 and exif.get_ifd(0x8825), path.name
            assert im.width > im.height  # stored sideways


@pytest.mark.parametrize("path", FOTOS, ids=lambda p: p.name)
def test_the_metadata_check_finds_metadata(path):
    """The check used below is able to fail: it rejects every original."""
    with pytest.raises(AssertionError):
        _assert_clean(path.name, path.read_bytes())


@pytest.mark.parametrize("path", FOTOS, ids=lambda p: p.name)
def test_every_derivative_is_upright_and_without_metadata(path):
    fertig = images.encode(_auftrag(path))
    assert len(fertig) == 4  # three WebP widths and one JPEG
    for name, data in fertig.items():
        _assert_clean(name, data)
        with Image.open(io.BytesIO(data)) as im:
            assert im.height > im.width, f"{name}: EXIF-Ausrichtung nicht angewandt"
            assert im.format == ("WEBP" if name.endswith(".webp") else "JPEG")
            assert im.mode == "RGB"


def test_orientation_moves_the_pixels(tmp_path):
    """A red mark top left as the camera meant it stays top left after the pipeline."""
    gemeint = Image.new("RGB", (300, 400), "white")
    gemeint.paste((255, 0, 0), (0, 0, 100, 100))
    gespeichert = gemeint.transpose(Image.Transpose.ROTATE_90)  # what a phone stores with orientation 6
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "gedreht.jpg"
    gespeichert.save(path, exif=exif, quality=95)
    im = images.normalize(path)
    assert im.size == (300, 400)
    r, g, b = im.getpixel((20, 20))
    assert r > 200 and g < 60 and b < 60
    assert im.getpixel((280, 380))[1] > 200


def test_icc_profile_is_applied_then_dropped(tmp_path):
    """A photo with an embedded profile is converted to sRGB and the profile is not carried along."""
    path = tmp_path / "mit-profil.png"
    profil = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
    Image.new("RGB", (300, 400), (10, 120, 200)).save(path, icc_profile=profil, pnginfo=_png_text("XML:com.adobe.xmp", xmp))
    with Image.open(path) as im:
        assert im.info.get("icc_profile") and "XML:com.adobe.xmp" in im.info  # the input really has both
    for name, data in images.encode(_auftrag(path)).items():
        _assert_clean(name, data)


def _chunks(data: bytes) -> list[bytes]:
    """Chunk types of a PNG or WebP file (JPEG: none), walked by their length fields."""
    kinds = []
    if data.startswith(b"\x89PNG"):
        pos = 8
        while pos + 8 <= len(data):
            length = struct.unpack(">I", data[pos:pos + 4])[0]
            kinds.append(data[pos + 4:pos + 8])
            pos += 12 + length
    elif data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        pos = 12
        while pos + 8 <= len(data):
            length = struct.unpack("<I", data[pos + 4:pos + 8])[0]
            kinds.append(data[pos:pos + 4])
            pos += 8 + length + (length & 1)
    return kinds


def _png_text(key, value):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_itxt(key, value.decode())
    return info


def test_cmyk_becomes_rgb(tmp_path):
    path = tmp_path / "druck.jpg"
    Image.new("CMYK", (300, 400), (0, 0, 0, 0)).save(path, quality=95)  # no ink: white paper
    im = images.normalize(path)
    assert im.mode == "RGB"
    assert min(im.getpixel((150, 200))) > 240


def test_16_bit_grey_is_scaled_not_clipped(tmp_path):
    path = tmp_path / "tief.png"
    Image.new("I;16", (300, 400), 40000).save(path)
    im = images.normalize(path)
    assert im.mode == "RGB"
    assert abs(im.getpixel((10, 10))[0] - 40000 // 256) <= 1  # 156, not 255


def test_16_bit_rgb_png(tmp_path):
    """A 16-bit-per-channel RGB PNG (written by hand: Pillow saves only 8 bit) keeps its colour."""
    path = tmp_path / "tief-rgb.png"
    path.write_bytes(_png16_rgb(30, 40, (0xC000, 0x4000, 0x2000)))
    im = images.normalize(path)
    assert im.mode == "RGB"
    r, g, b = im.getpixel((5, 5))
    assert abs(r - 0xC0) <= 1 and abs(g - 0x40) <= 1 and abs(b - 0x20) <= 1


def _png16_rgb(w: int, h: int, rgb: tuple[int, int, int]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    row = b"\x00" + struct.pack(">HHH", *rgb) * w
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * h)) + chunk(b"IEND", b""))


def test_transparency_is_flattened_on_the_light_background(tmp_path):
    path = tmp_path / "freigestellt.png"
    im = Image.new("RGBA", (300, 400), (0, 0, 0, 0))
    im.paste((200, 0, 0, 255), (100, 100, 200, 300))
    im.save(path)
    flach = images.normalize(path)
    assert flach.getpixel((5, 5)) == images.HINTERGRUND
    assert flach.getpixel((150, 200)) == (200, 0, 0)
    jpeg = images.encode(_auftrag(path))
    assert any(name.endswith(".jpg") for name in jpeg)


def test_palette_with_transparency_gives_no_warning(tmp_path):
    """Pillow warns when such a picture is converted carelessly; the test run turns warnings into errors."""
    path = tmp_path / "palette.png"
    im = Image.new("P", (300, 400), 0)
    im.putpalette([255, 255, 255, 0, 90, 160] + [0] * 762)
    im.paste(1, (50, 50, 250, 350))
    im.info["transparency"] = 0
    im.save(path, transparency=0)
    assert images.normalize(path).getpixel((150, 200)) == (0, 90, 160)


def test_wrong_extension_is_named_and_the_pixels_still_come_out_right(tmp_path, data_copy):
    """A PNG saved as ».jpg«: the check asks for the right name (every file is what its ending says); the
    pipeline itself goes by the content and makes correct derivatives."""
    (data_copy / "fotos" / "anna-musterfrau.jpg").write_bytes((ROOT / "data" / "fotos" / "kai-musterer.png").read_bytes())
    line = line_of(data_copy / "fachkraefte.yml", "datei: fotos/anna-musterfrau.jpg")
    assert problems(data_copy) == [
        f"data/fachkraefte.yml:{line}:14: Die Datei »data/fotos/anna-musterfrau.jpg« ist dem Inhalt nach ein PNG-Bild, "
        "endet aber auf ».jpg«. Benennen Sie die Datei in »anna-musterfrau.png« um."]
    for name, data in images.encode(_auftrag(data_copy / "fotos" / "anna-musterfrau.jpg")).items():
        _assert_clean(name, data)
        Image.open(io.BytesIO(data)).verify()


def test_the_films_poster_reaches_the_site_without_metadata(data_copy):
    """The poster goes through the same pipeline: location, author and XMP planted in it do not come out."""
    poster = data_copy / "film" / "imagefilm-poster.png"
    exif = Image.Exif()
    exif[0x013B] = "Erika Mustermann"  # Artist
    exif[0x0110] = "Beispielkamera Modell 1"
    exif.get_ifd(0x8825)[2] = (51.0, 49.0, 59.0)  # GPSLatitude
    with Image.open(poster) as im:
        info = PngInfo()
        info.add_itxt("XML:com.adobe.xmp", '<x:xmpmeta xmlns:x="adobe:ns:meta/">Dessau</x:xmpmeta>')
        im.save(poster, exif=exif, pnginfo=info)
    with pytest.raises(AssertionError):
        _assert_clean("original", poster.read_bytes())  # guard: the metadata are in the original
    assert problems(data_copy) == []
    site = _site(load(data_copy, TODAY).daten)
    posters = [a for a in site.files if a.path.startswith("film/poster-")]
    assert len(posters) == 2
    for a in posters:
        _assert_clean(a.path, a.content)
        assert b"Mustermann" not in a.content and b"Dessau" not in a.content


# --- broken input: German problems, never a traceback ------------------------------------------

def test_truncated_photo(tmp_path, data_copy):
    original = (ROOT / "data" / "fotos" / "anna-musterfrau.jpg").read_bytes()
    kaputt = data_copy / "fotos" / "anna-musterfrau.jpg"
    kaputt.write_bytes(original[: len(original) // 2])
    with pytest.raises(images.PhotoError, match="beschädigt"):
        images.normalize(kaputt)
    line = line_of(data_copy / "fachkraefte.yml", "datei: fotos/anna-musterfrau.jpg")
    column = (data_copy / "fachkraefte.yml").read_text(encoding="utf-8").splitlines()[line - 1].index("fotos/") + 1
    assert problems(data_copy) == [
        f"data/fachkraefte.yml:{line}:{column}: Die Datei »data/fotos/anna-musterfrau.jpg« {images.LESEFEHLER}"]


def _bombe(w: int, h: int) -> bytes:
    """A PNG of a few bytes whose header claims w×h pixels (one compressed row of data)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * (3 * w + 1))) + chunk(b"IEND", b""))


def test_decompression_bomb_is_refused_before_decoding(tmp_path):
    """A tiny file that claims 50 megapixels (more than we accept, fewer than Pillow refuses)."""
    path = tmp_path / "bombe.png"
    path.write_bytes(_bombe(8000, 6250))
    with pytest.raises(images.PhotoError, match="zu groß"):
        images.normalize(path)
    with pytest.raises(images.PhotoError, match="zu groß"):
        _auftrag(path)


def test_pillow_bomb_limit_is_a_german_message_too(tmp_path):
    path = tmp_path / "riesig.png"
    path.write_bytes(_bombe(20000, 20000))
    with pytest.raises(images.PhotoError, match="viel zu groß"):
        images.normalize(path)


def test_no_image_at_all(tmp_path):
    path = tmp_path / "text.jpg"
    path.write_text("Das ist kein Foto.")
    with pytest.raises(images.PhotoError, match="kein lesbares Bild"):
        images.normalize(path)


# --- crop on the focal point ---------------------------------------------------------------------

def test_crop_follows_the_focal_point():
    assert images.crop_box((1600, 900), (3, 4), (0.5, 0.5)) == (462, 0, 1137, 900)  # 675 wide, centred
    assert images.crop_box((1600, 900), (3, 4), (0.9, 0.5)) == (925, 0, 1600, 900)  # stops at the right edge
    assert images.crop_box((1600, 900), (3, 4), (0.0, 0.5)) == (0, 0, 675, 900)
    assert images.crop_box((900, 2000), (3, 4), (0.5, 0.5)) == (0, 400, 900, 1600)
    assert images.crop_box((900, 2000), (3, 4), (0.5, 0.2)) == (0, 0, 900, 1200)  # stops at the top
    assert images.crop_box((900, 1200), (3, 4), (0.5, 0.4)) == (0, 0, 900, 1200)  # already 3:4


def test_focal_point_from_the_data_moves_the_crop(tmp_path):
    path = tmp_path / "quer.png"
    im = Image.new("RGB", (1600, 900), "white")
    im.paste((0, 0, 255), (1300, 0, 1600, 900))  # blue on the right
    im.save(path)
    links = Image.open(io.BytesIO(images.encode(_auftrag(path, fokus=(0.0, 0.5)))["test/bild-" + _auftrag(path, fokus=(0.0, 0.5)).schluessel[:10] + "-320.jpg"]))
    rechts_a = _auftrag(path, fokus=(1.0, 0.5))
    rechts = Image.open(io.BytesIO(images.encode(rechts_a)[f"test/bild-{rechts_a.schluessel[:10]}-320.jpg"]))
    assert links.getpixel((300, 200))[2] < 100 or links.getpixel((300, 200))[0] > 200  # no blue on the left crop
    assert rechts.getpixel((300, 200))[2] > 200 and rechts.getpixel((300, 200))[0] < 60
    assert _auftrag(path, fokus=(0.0, 0.5)).schluessel != rechts_a.schluessel


def test_small_photos_are_not_enlarged(tmp_path):
    path = tmp_path / "klein.png"
    Image.new("RGB", (200, 300), "grey").save(path)
    auftrag = _auftrag(path)
    assert max(v.breite for v in auftrag.varianten) <= 200
    assert len({v.pfad for v in auftrag.varianten}) == len(auftrag.varianten)


# --- cache: a warm build encodes nothing ---------------------------------------------------------

def _site(daten, cache: Path | None = None) -> Site:
    """Plan and produce, as the hook does with ``cache`` and ``generate`` without one."""
    return build(daten, Befunde(None), BuildCache(cache) if cache else None, TODAY)


def _assets(daten, cache):
    images.zaehler.reset()
    return {a.path: a for a in _site(daten, cache).files if a.path.startswith("bilder/")}


KALT = pytest.mark.xdist_group("kalt")  # the tests of one cold build: in one process, where the fixture is


@pytest.fixture(scope="module")
def kalt(tmp_path_factory, daten) -> tuple[Path, dict, int]:
    """One build into an empty cache, shared by the tests of the cache: (the cache, its photo files, how many
    files it encoded). A test that builds into it again works on a copy (``_kopie``)."""
    cache = tmp_path_factory.mktemp("kalt") / "cache"
    assets = _assets(daten, cache)
    return cache, assets, images.zaehler.neu


def _kopie(kalt, ziel: Path) -> Path:
    """A copy of the cold build's cache, as a second build on the same machine finds it."""
    shutil.copytree(kalt[0], ziel)
    return ziel


@KALT
def test_warm_build_encodes_nothing(tmp_path, daten, kalt):
    _, fotos, neu = kalt
    mit_foto = [f for f in daten.fachkraefte if f.foto]
    assert len(fotos) >= 4 * len(mit_foto)  # and the news photos' variants
    assert neu == len(fotos) + 2  # each once, and the film poster (player and start page)
    warm = _assets(daten, _kopie(kalt, tmp_path / "cache"))
    print(f"\nkalt: {len(fotos)} Fotodateien kodiert; warm: {images.zaehler}")
    assert images.zaehler.neu == 0
    assert images.zaehler.zwischengespeichert == len(fotos) + 2
    assert warm.keys() == fotos.keys()
    for path, asset in warm.items():
        assert asset.source.read_bytes() == fotos[path].source.read_bytes()


@KALT
def test_new_pipeline_settings_invalidate_the_cache(tmp_path, monkeypatch, daten, kalt):
    vorher = kalt[1]
    monkeypatch.setattr(images, "PIPELINE", images.PIPELINE + "-test")
    nachher = _assets(daten, _kopie(kalt, tmp_path / "cache"))
    assert images.zaehler.neu == len(nachher) + 2 and images.zaehler.zwischengespeichert == 0  # + the two stills of the film
    assert not (vorher.keys() & nachher.keys())  # new names: browsers do not keep the old file


@KALT
def test_changed_focal_point_reencodes_only_that_photo(tmp_path, data_copy, kalt):
    cache = _kopie(kalt, tmp_path / "cache")
    _assets(load(data_copy, TODAY).daten, cache)
    assert images.zaehler.neu == 0  # the copy of the data: the same photos, the same files
    replace(data_copy / "fachkraefte.yml", "      fokus: {x: 0.5, y: 0.35}", "      fokus: {x: 0.5, y: 0.6}")
    _assets(load(data_copy, TODAY).daten, cache)
    assert images.zaehler.neu == 4


@KALT
def test_interrupted_cache_entry_is_redone(tmp_path, daten, kalt):
    """A derivative is written under a temporary name and renamed when whole (buildcache.write): a build
    interrupted while writing leaves only the temporary file, which is never taken for the derivative."""
    cache = _kopie(kalt, tmp_path / "cache")
    fertig = _assets(daten, cache)
    eine = next(a.source for a in fertig.values())
    ganz = eine.read_bytes()
    eine.unlink()
    eine.with_name(f".{eine.name}.4711.tmp").write_bytes(ganz[:100])  # cut off while writing
    _assets(daten, cache)
    assert images.zaehler.neu == 1
    assert eine.read_bytes() == ganz


# --- withdrawn consent, placeholder, markup ------------------------------------------------------

def test_removing_foto_removes_every_derivative(tmp_path, data_copy):
    daten = load(data_copy, TODAY).daten
    assert any(p.startswith("bilder/fachkraefte/clara-muster-") for p in _assets(daten, None))
    text = (data_copy / "fachkraefte.yml").read_text(encoding="utf-8")
    block = re.search(r"    foto:\n      datei: fotos/clara-muster.jpg\n(      .*\n)+", text).group(0)
    (data_copy / "fachkraefte.yml").write_text(text.replace(block, ""), encoding="utf-8")
    (data_copy / "fotos" / "clara-muster.jpg").unlink()
    daten = load(data_copy, TODAY).daten
    site = plan(daten, TODAY)
    assert [a.path for a in site.assets if a.path.startswith("bilder/")]  # the other photos are still there
    assert not [a.path for a in site.assets if "clara-muster" in a.path and not a.path.endswith(".vcf")]
    clara = next(f for f in daten.fachkraefte if f.id == "clara-muster")
    html = _bild_html(daten, clara)
    assert "<picture" not in html and 'role="img"' in html and 'aria-label="Kein Foto – Initialen von Clara Muster"' in html
    assert ">CM</text>" in html


def _bild_html(daten, fachkraft, basis: str = "", **extra) -> str:
    """The picture partial as a panel includes it, with the picture the plan worked out for ``fachkraft``."""
    template = environment().from_string('{% include "partials/bild.html.j2" %}')
    return template.render(bild=kontext(daten).bilder[fachkraft.id], basis=basis, **extra)


def test_picture_markup(daten):
    anna = next(f for f in daten.fachkraefte if f.id == "anna-musterfrau")
    html = _bild_html(daten, anna, basis="../")
    bild = kontext(daten).bilder[anna.id]
    assert bild.webp
    assert html.startswith('<picture class="sf-bild"><source type="image/webp" srcset="../bilder/fachkraefte/anna-musterfrau-')
    assert all(f"../{v.pfad} {v.breite}w" in html for v in bild.webp)
    assert f'<img src="../{bild.jpeg.pfad}" width="320" height="427" alt="Foto von Anna Musterfrau" loading="lazy" decoding="async">' in html
    assert 'sizes="144px"' in html
    vorne = _bild_html(daten, anna, bild_vorne=True)
    assert 'fetchpriority="high"' in vorne and "loading=" not in vorne
    assert "\n" not in html.strip()  # one line: safe inside Markdown


def test_initials():
    assert images.initialen("a", "Anna Musterfrau").initialen == "AM"
    assert images.initialen("a", "Hans-Peter Beispiel").initialen == "HB"
    assert images.initialen("a", "Farid").initialen == "F"
    assert images.initialen("x", "X Y").farbe == images.initialen("x", "Z W").farbe  # follows the id


# --- the built site -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def zwei_builds(tmp_path_factory):
    """The shared strict build of the sample site, and one more after it, as an editor's preview would build
    again: the site and the second build's log."""
    site = strict_build()
    noch_einmal = mkdocs_build(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert noch_einmal.returncode == 0, noch_einmal.stderr[-4000:]
    return site, noch_einmal.stderr


def test_second_build_encodes_no_image(zwei_builds):
    _, log = zwei_builds
    zeile = re.search(r"Bilder: (\d+) neu kodiert, (\d+) aus dem Zwischenspeicher", log)
    assert zeile, log[-2000:]
    assert int(zeile.group(1)) == 0
    assert int(zeile.group(2)) > 0


def test_no_image_in_the_site_has_metadata(zwei_builds):
    site, _ = zwei_builds
    bilder = [p for p in site.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp")]
    assert len([p for p in bilder if "bilder" in p.parts]) >= 20
    for p in bilder:
        if "assets" in p.relative_to(site).parts[:1]:  # the theme's own icons are not ours
            continue
        _assert_clean(str(p.relative_to(site)), p.read_bytes())


def test_no_original_is_copied_into_the_site(zwei_builds):
    site, _ = zwei_builds
    originale = {hashlib.sha256(p.read_bytes()).hexdigest(): p.name
                 for p in (ROOT / "data").rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp")}
    for p in site.rglob("*"):
        if p.is_file():
            assert hashlib.sha256(p.read_bytes()).hexdigest() not in originale, f"{p} ist ein Original"
    namen = set(originale.values())
    assert not [p for p in site.rglob("*") if p.name in namen]  # nor under its own name


def test_every_page_has_its_social_preview(zwei_builds):
    site, _ = zwei_builds
    seiten = list(site.rglob("index.html"))
    assert len(seiten) > 20
    gesehen = set()
    for page in seiten:
        html = page.read_text(encoding="utf-8")
        if 'name="generator" content="mkdocs-' not in html:  # static files such as admin/ are no theme pages
            continue
        m = re.search(r'<meta property="og:image" content="https://[^/]+/(og/[^"]+\.png)">', html)
        assert m, f"{page.relative_to(site)} hat kein og:image"
        karte = site / m.group(1)
        assert karte.is_file()
        with Image.open(karte) as im:
            assert im.size == (1200, 630)
        for tag in ('name="twitter:card" content="summary_large_image"', 'property="og:title"', 'property="og:image:alt"'):
            assert tag in html, (page, tag)
        sprache = re.search(r'<html lang="([^"]+)"', html).group(1)
        locale = re.search(r'<meta property="og:locale" content="([a-z]+_[A-Z]+)">', html).group(1)
        assert locale.split("_")[0] == sprache.split("-")[0], (page, sprache, locale)
        gesehen.add(locale)
    assert {"de_DE", "en_US", "uk_UA", "ar_EG", "fa_AF"} <= gesehen  # the parents' guide in its languages


@pytest.mark.parametrize("lang, locale", [("de", "de_DE"), ("uk", "uk_UA"), ("fa-AF", "fa_AF"), ("zh-Hant", "zh_TW"),
                                           ("es-419", None), ("und", None), ("xx", None)])
def test_og_locale_is_language_and_country_or_nothing(lang, locale):
    assert og_locale(lang) == locale


def test_cache_files_are_linked_data_files_copied(zwei_builds):
    """Photos and vCards reach the site as hard links to .cache/ (no copying) where site and cache share a
    file system; forms come from data/ as copies, so nothing done to the site can reach the editors' files."""
    site, _ = zwei_builds
    cache = ROOT / ".cache"
    im_cache = {p.stat().st_ino: p for p in cache.rglob("*") if p.is_file()}
    for datei in [next((site / "bilder" / "fachkraefte").glob("*.webp")), next((site / "kontakt").glob("*.vcf"))]:
        if site.stat().st_dev == cache.stat().st_dev:
            assert datei.stat().st_ino in im_cache, datei
        else:  # another file system: a copy
            assert datei.stat().st_nlink == 1
    formulare = list((site / "plus" / "formulare").iterdir())
    assert formulare
    for form in formulare:
        assert form.stat().st_nlink == 1, form
        assert form.read_bytes() == (ROOT / "data" / "formulare" / form.name).read_bytes()


def test_link_links_and_never_writes_through(tmp_path):
    alt, neu = tmp_path / "cache" / "alt.webp", tmp_path / "cache" / "neu.webp"
    alt.parent.mkdir()
    alt.write_bytes(b"alt")
    neu.write_bytes(b"neu")
    ziel = tmp_path / "site" / "bild.webp"
    link(alt, ziel)
    assert ziel.stat().st_ino == alt.stat().st_ino
    link(neu, ziel)  # the next build puts another file there: the old cache file stays as it was
    assert alt.read_bytes() == b"alt" and ziel.read_bytes() == b"neu"
    assert ziel.stat().st_ino == neu.stat().st_ino
