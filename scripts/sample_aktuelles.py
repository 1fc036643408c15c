#!/usr/bin/env python3
"""Make the sample files of the news and events: the events' documents in data/dokumente/ (tagged PDFs,
written with WeasyPrint) and the drawn photo of a news item in data/fotos/aktuelles/ (Pillow).

Developer tool, not a dependency of the site: pip install weasyprint; python scripts/sample_aktuelles.py
"""
from __future__ import annotations

import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"

DOKUMENTE = {
    "2026-05-12-steuerungsgruppe-protokoll.pdf": ("Protokoll der Steuerungsgruppe „Schulerfolg sichern“, 12. Mai 2026",
        ["Beispieldokument – alle Angaben sind erfunden.", "1. Planung der Schulsozialarbeit 2026/27",
         "2. Bericht der Netzwerkstelle", "3. Verschiedenes"]),
    "2026-06-18-sozialraumkonferenz-tagesordnung.pdf": ("Tagesordnung der Sozialraumkonferenz Nord, 18. Juni 2026",
        ["Beispieldokument – alle Angaben sind erfunden.", "17:00 Begrüßung", "17:20 Runden an Tischen: Übergang Kita – Schule",
         "18:45 Verabredungen", "19:30 Ende"]),
    "2026-06-18-sozialraumkonferenz-protokoll.pdf": ("Protokoll der Sozialraumkonferenz Nord, 18. Juni 2026",
        ["Beispieldokument – alle Angaben sind erfunden.", "Teilnehmende: etwa 70 Fachleute.",
         "Verabredet: gemeinsamer Elternnachmittag, feste Ansprechpersonen in jeder Kita, Treffen im Herbst."]),
}


def pdf(titel: str, absaetze: list[str], ziel: Path) -> None:
    from html import escape

    from weasyprint import HTML

    body = "".join(f"<p>{escape(a)}</p>" for a in absaetze)
    html = (f"<!doctype html><html lang='de'><head><meta charset='utf-8'><title>{escape(titel)}</title>"
            f"<meta name='author' content='Netzwerkstelle Schulerfolg für Dessau-Roßlau'></head>"
            f"<body style='font-family: sans-serif'><h1>{escape(titel)}</h1>{body}</body></html>")
    ziel.write_bytes(HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False))


def foto(ziel: Path) -> None:
    """A drawn scene (people at round tables), like the other sample photos: nobody real is shown."""
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (1200, 800), (236, 232, 222))
    d = ImageDraw.Draw(im)
    farben = [(11, 74, 111), (232, 116, 59), (90, 140, 90), (150, 90, 140)]
    for n, (x, y) in enumerate([(300, 300), (850, 320), (560, 600)]):
        d.ellipse((x - 150, y - 70, x + 150, y + 70), fill=(190, 160, 120))
        for k in range(5):
            px, py = x - 200 + k * 100, y - 150 + (k % 2) * 300
            d.ellipse((px - 35, py - 35, px + 35, py + 35), fill=farben[(n + k) % 4])
            d.ellipse((px - 18, py - 95, px + 18, py - 59), fill=(230, 190, 160))
    ziel.parent.mkdir(parents=True, exist_ok=True)
    im.save(ziel, "JPEG", quality=85)


def main() -> int:
    (DATA / "dokumente").mkdir(exist_ok=True)
    for name, (titel, absaetze) in DOKUMENTE.items():
        pdf(titel, absaetze, DATA / "dokumente" / name)
    foto(DATA / "fotos" / "aktuelles" / "2026-06-25-sozialraumkonferenz.jpg")
    return 0


if __name__ == "__main__":
    sys.exit(main())
