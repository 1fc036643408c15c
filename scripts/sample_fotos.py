"""Draw the fictional staff photos of the sample data (no real faces).

Run once: python scripts/sample_fotos.py. Each picture is a drawn silhouette on a
soft background. They carry an EXIF orientation tag, camera and GPS data on purpose,
so that tests can prove the photo pipeline rotates correctly and strips all metadata.
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parent.parent / "data" / "fotos"
PEOPLE = {  # file → (background, pullover, skin, hair)
    "anna-musterfrau.jpg": ("#d9e7f5", "#1d5d9b", "#e8c4a8", "#6b4226"),
    "clara-muster.jpg": ("#f3e3d3", "#8a2f4c", "#c99a76", "#2b1d14"),
    "farid-beispiel.jpg": ("#dfeedd", "#2f6b3a", "#b98563", "#1b1b1b"),
    "hanna-exempel.jpg": ("#efe6f7", "#5b3a8e", "#f0d0b8", "#c89f5d"),
    "kai-musterer.png": ("#fbeed0", "#b5651d", "#d9a987", "#4a3020"),
}


def portrait(bg: str, pullover: str, skin: str, hair: str, size=(900, 1200)) -> Image.Image:
    w, h = size
    im = Image.new("RGB", size, bg)
    d = ImageDraw.Draw(im)
    d.ellipse((w * 0.12, h * 0.62, w * 0.88, h * 1.25), fill=pullover)  # shoulders
    d.rectangle((w * 0.42, h * 0.50, w * 0.58, h * 0.66), fill=skin)  # neck
    d.ellipse((w * 0.30, h * 0.16, w * 0.70, h * 0.56), fill=hair)  # hair behind
    d.ellipse((w * 0.33, h * 0.20, w * 0.67, h * 0.58), fill=skin)  # face
    d.chord((w * 0.31, h * 0.14, w * 0.69, h * 0.42), 180, 360, fill=hair)  # fringe
    return im.filter(ImageFilter.GaussianBlur(2))


def with_metadata(im: Image.Image) -> Image.Exif:
    exif = im.getexif()
    exif[0x010F] = "Beispielkamera GmbH"  # Make
    exif[0x0110] = "Modell 1"  # Model
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (51.0, 50.0, 0.0), 3: "E", 4: (12.0, 14.0, 0.0)})  # Dessau
    return exif


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, colours in PEOPLE.items():
        im = portrait(*colours)
        stored = im.transpose(Image.Transpose.ROTATE_90)  # stored sideways, like a phone photo
        exif = with_metadata(stored)
        path = OUT / name
        if path.suffix == ".png":
            stored.save(path, exif=exif)
        else:
            stored.save(path, quality=85, exif=exif)
        print(path.relative_to(OUT.parent.parent))


if __name__ == "__main__":
    main()
