"""Make the sample image film: 7 title cards with spoken German text, captions, chapters.

The real film of the Netzwerkstelle has 7 short segments; this stand-in has the same
structure so that the site, the checks and the tests work with it. Nothing here shows
real people. Run once, by hand (not in CI):

    apt-get install -y ffmpeg espeak-ng
    python scripts/sample_film.py

It writes into data/film/:
- imagefilm.mp4            H.264 (baseline) 640×360 at 25 fps, AAC mono, "faststart"
- imagefilm.de.vtt         German captions: exactly what the voice says, timed per sentence
- imagefilm.kapitel.vtt    one chapter per segment
- imagefilm.bild.vtt       what is seen, for the film's text version
- imagefilm-poster.png     the poster still (the site makes its JPEG through the photo pipeline)

Each sentence is spoken by espeak-ng into its own WAV, so every caption starts and ends
with its sentence. Cards are drawn with Pillow in the exhibition palette and Fira Sans.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import wave
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from schulerfolg.formats.ogimage import FARBEN, font, wrap  # noqa: E402

OUT = ROOT / "data" / "film"
GROESSE = (640, 360)
FPS = 25
LUECKE = 0.4  # seconds of silence between sentences
RAND = 0.6  # before the first and after the last sentence of a segment

# Title and what is said; what is seen is the card itself (described in imagefilm.bild.vtt).
SEGMENTE = [
    ("Schulsozialarbeit in Dessau-Roßlau",
     # Nothing countable: the number of schools is the data's (data/schulen.yml), and a film cannot follow it.
     ["An Schulen in ganz Dessau-Roßlau gibt es Schulsozialarbeit.",
      "Die Fachkräfte helfen Kindern, Jugendlichen, Eltern und Lehrkräften."]),
    ("Baby-Bedenkzeit",
     ["Jugendliche versorgen ein Wochenende lang eine Baby-Puppe.",
      "Danach sprechen sie über Verantwortung und ihre Pläne für das Leben."]),
    ("Brücken bauen",
     ["Schülerinnen, Schüler und Lehrkräfte planen zusammen einen Projekttag.",
      "So lernen sie sich anders kennen als im Unterricht."]),
    ("Freizeitpädagogik",
     ["In der Nachmittags-AG planen Jugendliche ihre Ausflüge selbst.",
      "Vom Geld bis zum Fahrplan."]),
    ("Der Stadt-Elternabend",
     ["Eltern aller Schulen kommen an einem Abend zusammen.",
      "Betriebe und Berufsberatung erklären den Weg in die Ausbildung."]),
    ("Streit schlichten",
     ["Kinder lernen, Streit auf dem Schulhof fair zu lösen.",
      "Die Schulsozialarbeit begleitet sie dabei."]),
    ("So erreichen Sie uns",
     ["Die Fachkraft an Ihrer Schule finden Sie auf dieser Website.",
      "Die Netzwerkstelle hilft Ihnen gern weiter."]),
]


def card(nummer: int, titel: str, groesse: tuple[int, int]) -> Image.Image:
    """A title card; the lower third stays calm so that captions never cover the title."""
    w, h = groesse
    e = w / 640
    im = Image.new("RGB", groesse, FARBEN["grund"])
    d = ImageDraw.Draw(im)
    d.rectangle((0, 0, w, round(64 * e)), fill=FARBEN["band"])
    d.rectangle((0, round(64 * e), w, round(70 * e)), fill=FARBEN["akzent"])
    d.text((round(32 * e), round(32 * e)), "SCHULSOZIALARBEIT IN DESSAU-ROSSLAU", font=font(True, round(18 * e)),
           fill=FARBEN["hell"], anchor="lm")
    d.text((w - round(32 * e), round(32 * e)), "BEISPIELFILM", font=font(False, round(16 * e)),
           fill=FARBEN["hell"], anchor="rm")
    d.text((round(32 * e), round(110 * e)), f"Teil {nummer} von {len(SEGMENTE)}", font=font(False, round(22 * e)),
           fill=FARBEN["leise"], anchor="la")
    gross = font(True, round(44 * e))
    y = round(145 * e)
    for zeile in wrap(titel, gross, w - round(64 * e), 2):
        d.text((round(32 * e), y), zeile, font=gross, fill=FARBEN["text"], anchor="la")
        y += round(54 * e)
    return im


def sprechen(text: str, ziel: Path) -> float:
    """Speak ``text`` in German into a WAV file; its length in seconds."""
    subprocess.run(["espeak-ng", "-v", "de", "-s", "150", "-w", str(ziel), text], check=True)
    with wave.open(str(ziel)) as w:
        return w.getnframes() / w.getframerate()


def stempel(s: float) -> str:
    m, s = divmod(s, 60)
    return f"{int(m):02d}:{s:06.3f}"


def vtt(cues: list[tuple[float, float, str]]) -> str:
    return "WEBVTT\n\n" + "\n".join(f"{stempel(a)} --> {stempel(b)}\n{t}\n" for a, b, t in cues)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    untertitel, kapitel, bilder, teile = [], [], [], []
    t = 0.0
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for nr, (titel, saetze) in enumerate(SEGMENTE, 1):
            start = t
            wavs = []
            t += RAND
            for i, satz in enumerate(saetze):
                wav = tmp / f"s{nr}-{i}.wav"
                laenge = sprechen(satz, wav)
                untertitel.append((t, t + laenge, satz))
                wavs.append((wav, laenge))
                t += laenge + LUECKE
            t += RAND - LUECKE
            # Round segment ends to whole frames so that video and timings agree.
            t = round(t * FPS) / FPS
            kapitel.append((start, t, titel))
            bilder.append((start, min(start + 3, t), f"Texttafel: »{titel}«, Teil {nr} von {len(SEGMENTE)}. "
                           "Oben ein blaues Band mit »Schulsozialarbeit in Dessau-Roßlau« und »Beispielfilm«."))
            png = tmp / f"k{nr}.png"
            card(nr, titel, GROESSE).save(png)
            teile.append(_segment(tmp, nr, png, wavs, t - start))
        liste = tmp / "liste.txt"
        liste.write_text("".join(f"file '{p}'\n" for p in teile))
        subprocess.run(["ffmpeg", "-y", "-loglevel", "error", "-f", "concat", "-safe", "0", "-i", str(liste),
                        "-c", "copy", "-movflags", "+faststart", str(OUT / "imagefilm.mp4")], check=True)
    (OUT / "imagefilm.de.vtt").write_text(vtt(untertitel), encoding="utf-8")
    (OUT / "imagefilm.kapitel.vtt").write_text(vtt(kapitel), encoding="utf-8")
    (OUT / "imagefilm.bild.vtt").write_text(vtt(bilder), encoding="utf-8")
    card(1, SEGMENTE[0][0], (1280, 720)).save(OUT / "imagefilm-poster.png", optimize=True)
    for p in sorted(OUT.iterdir()):
        print(f"{p.relative_to(ROOT)}  {p.stat().st_size / 1000:.0f} KB")


def _segment(tmp: Path, nr: int, png: Path, wavs: list[tuple[Path, float]], dauer: float) -> Path:
    """One segment as MP4: the still card for ``dauer`` seconds with its sentences spoken at their times."""
    ziel = tmp / f"teil{nr}.mp4"
    eingaben, filter_, t = [], [], RAND
    for i, (wav, laenge) in enumerate(wavs):
        eingaben += ["-i", str(wav)]
        filter_.append(f"[{i + 1}:a]adelay={round(t * 1000)}:all=1[a{i}]")
        t += laenge + LUECKE
    mix = "".join(f"[a{i}]" for i in range(len(wavs)))
    filter_.append(f"{mix}amix=inputs={len(wavs)}:normalize=0,apad,atrim=0:{dauer:.3f},"
                   "aresample=22050,aformat=channel_layouts=mono[a]")
    subprocess.run(["ffmpeg", "-y", "-loglevel", "error", "-loop", "1", "-framerate", str(FPS), "-t", f"{dauer:.3f}",
                    "-i", str(png), *eingaben, "-filter_complex", ";".join(filter_), "-map", "0:v", "-map", "[a]",
                    "-c:v", "libx264", "-profile:v", "baseline", "-level", "3.0", "-pix_fmt", "yuv420p",
                    "-tune", "stillimage", "-crf", "28", "-g", str(FPS * 4), "-r", str(FPS),
                    "-c:a", "aac", "-b:a", "32k", "-t", f"{dauer:.3f}", str(ziel)], check=True)
    return ziel


if __name__ == "__main__":
    main()
