"""Build benchmark: our site from synthetic data against MkDocs building the same pages without hooks.

Run by hand (not in CI), from the repository root; see benchmarks/README.md:

    python benchmarks/run.py                   # N = 50, 200, 1000 schools (about 15 min on 2 busy cores)
    python benchmarks/run.py --sizes 50,200    # quicker
    python benchmarks/run.py --sizes 1000 --profile /tmp/n1000.prof   # + one warm build under cProfile

For each N it writes into a temporary folder (``--workdir`` keeps it)
- ``ours/``: a copy of the project (mkdocs.yml, docs/, overrides/, hooks/) with ``data/`` replaced by
  N schools, N/10 carriers, 1.2 social workers per school and a photo (600×800 JPEG) for every second one;
- ``peer/``: plain MkDocs + mkdocs-material on exactly our pages: ``python -m schulerfolg generate --projekt``
  writes them as Markdown into docs/, with the same theme configuration and pruned navigation, no hooks;
- ``plain/``: a generic mkdocs-material site with as many pages (short Markdown pages, a few section
  entries in the navigation, the same theme configuration minus hooks): what MkDocs costs for lighter pages.
Each build is a fresh process. A first, cold build of ours starts with empty caches (images, file verdicts, bytecode,
vCards, compiled templates) and is reported apart; then the sites are built in turns (ours, peer, plain;
ours, peer, plain; …), so that each round sees about the same load on a shared machine.
Printed: seconds (median wall clock; CPU seconds too, the machine is shared), ms per page, the ratio to the
peer (and to the generic site), site size, peak RSS of the build process and its children (``os.wait4``),
images encoded (the hook's log line »Bilder: X neu kodiert, Y aus dem Zwischenspeicher«), then one JSON line.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from schulerfolg.generate import ohne_hooks  # noqa: E402  (mkdocs.yml without hooks/watch, as for Zensical)

RUNS = 3
# Builds use the core of this checkout (also when another one is installed). The bytecode of every module, ours
# and MkDocs', goes to the work folder (PYTHONPYCACHEPREFIX, set in main), not into the checkout: written by the
# first build of each site and read by the timed ones, as a real project's __pycache__ and site-packages' are.
# An empty PYTHONDONTWRITEBYTECODE counts as unset (some sandboxes set it for every process). Compiled templates
# go to the system's temporary folder (schulerfolg.site.render.template_cache): here TMPDIR, also in the work folder.
ENV = {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "src"), "PYTHONDONTWRITEBYTECODE": ""}
SCHULFORMEN = ["grundschule", "sekundarschule", "gemeinschaftsschule", "gymnasium", "foerderschule",
               "berufsbildende-schule"]
STADTTEILE = ["Innenstadt", "Nord", "Süd", "Ziebigk", "Siedlung", "Törten", "Kochstedt", "Mildensee", "Roßlau",
              "Alten", "Haideburg", "Waldersee", "Großkühnau", "Mosigkau", "Rodleben", "Meinsdorf"]
VORNAMEN = ["Anna", "Ben", "Clara", "David", "Elif", "Farid", "Greta", "Hanna", "Ilias", "Jana", "Kai", "Lea",
            "Mira", "Nils", "Olga", "Paul", "Rana", "Sven", "Tara", "Yusuf"]
NACHNAMEN = ["Muster", "Beispiel", "Exempel", "Probe", "Vorlage", "Entwurf", "Skizze", "Schema", "Modell", "Fall"]
SPRACHEN = [["de"], ["de", "en"], ["de", "uk", "ru"], ["de", "ar"], ["de", "fa"], ["de", "tr"]]
TARGETS = {"ratio": 1.15, "growth": 1.2, "warm_encoded": 0, "warm_posters": 0, "rss_mb_1000": 500}


# --- synthetic data -------------------------------------------------------------------------------

def synthetic_data(target: Path, n: int, seed: int = 9) -> dict[str, int]:
    """data/ of the repository with schools, carriers, social workers and photos replaced (all valid)."""
    rnd = random.Random(seed)
    shutil.copytree(REPO / "data", target, ignore=shutil.ignore_patterns("fotos"))
    (target / "fotos").mkdir()
    schulen, traeger, leute = [], [], []
    for i in range(n):
        form = SCHULFORMEN[i % len(SCHULFORMEN)]
        s = {"id": f"schule-{i:04d}", "name": f"{form.split('-')[0].capitalize()} Nummer {i}",
             "schulform": form, "stadtteil": STADTTEILE[rnd.randrange(len(STADTTEILE))]}
        if i % 2 == 0:
            s["adresse"] = {"strasse": f"Schulstraße {i + 1}", "plz": "06844"}
            s["telefon"] = f"0340 204-{1000 + i}"
            s["website"] = f"https://schule-{i:04d}.example.org/"
        schulen.append(s)
    for j in range(max(3, n // 10)):
        traeger.append({"id": f"traeger-{j:03d}", "name": f"Jugendhilfe Beispiel {j} e.V.",
                        "beschreibung": "Freier Träger der Kinder- und Jugendhilfe mit **Schulsozialarbeit** "
                                        "an mehreren Schulen in Dessau-Roßlau.",
                        "telefon": f"0340 220-{100 + j}"})
    k = round(n * 1.2)
    for p in range(k):
        # every school gets one; every fifth person (the extra 0.2) works at a second school
        erste = p % n
        schulen_ids = [f"schule-{erste:04d}"]
        if p >= n:
            schulen_ids.append(f"schule-{(erste * 7 + 3) % n:04d}")
            schulen_ids = list(dict.fromkeys(schulen_ids))
        name = f"{VORNAMEN[p % len(VORNAMEN)]} {NACHNAMEN[(p // len(VORNAMEN)) % len(NACHNAMEN)]}-{p}"
        f = {"id": f"person-{p:04d}", "name": name, "schulen": schulen_ids,
             "traeger": f"traeger-{p % len(traeger):03d}", "email": f"person-{p:04d}@example.org",
             "telefon": f"0340 204-{2000 + p}",
             "sprechzeiten": {"zeiten": [{"tage": ["mo", "di", "mi", "do"], "von": "07:30", "bis": "13:30",
                                          "ort": "Raum 012"}]},
             "wochenstunden": (20, 30, 39)[p % 3],
             "finanzierung": {"quelle": ("esf-plus", "stadt")[p % 2], "von": datetime.date(2024, 8, 1),
                              "bis": datetime.date(2028, 7, 31)},
             "sprachen": SPRACHEN[p % len(SPRACHEN)], "zitat": "Ich höre zu – Kindern, Eltern und Lehrkräften.",
             # each text its own, as in real data (the same text twice would be converted once)
             "projekte": [{"titel": "Streitschlichter-Ausbildung",
                           "beschreibung": f"{3 + p % 20} Kinder der Schule Nummer {erste} lernen, Streit auf "
                                           f"dem Schulhof **fair zu schlichten**. Treffen: jede Woche (Gruppe {p})."}]}
        if p % 2 == 0:
            datei = f"fotos/person-{p:04d}.jpg"
            foto(target / datei, rnd)
            f["foto"] = {"datei": datei, "einwilligung": "2025-03-01"}
        leute.append(f)
    _neuigkeiten(target)
    _yaml(target / "schulen.yml", {"schulen": schulen})
    _yaml(target / "traeger.yml", {"traeger": traeger})
    _yaml(target / "fachkraefte.yml", {"fachkraefte": leute})
    return {"schulen": n, "traeger": len(traeger), "fachkraefte": k, "fotos": (k + 1) // 2}


def _neuigkeiten(target: Path) -> None:
    """The sample's news with their photos, naming synthetic schools, carriers and people instead of the
    sample's (the i-th of each list becomes the i-th synthetic one)."""
    if (REPO / "data/fotos/aktuelles").is_dir():
        shutil.copytree(REPO / "data/fotos/aktuelles", target / "fotos/aktuelles")
    ersatz = {}
    for datei, liste, muster in (("schulen.yml", "schulen", "schule-{:04d}"), ("traeger.yml", "traeger", "traeger-{:03d}"),
                                 ("fachkraefte.yml", "fachkraefte", "person-{:04d}")):
        eintraege = yaml.safe_load((REPO / "data" / datei).read_text(encoding="utf-8"))[liste]
        ersatz.update({e["id"]: muster.format(i) for i, e in enumerate(eintraege)})
    kennung = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(ersatz, key=len, reverse=True))) + r")(?![\w-])")
    for meldung in (target / "aktuelles").glob("*.md"):
        text = meldung.read_text(encoding="utf-8")
        meldung.write_text(kennung.sub(lambda m: ersatz[m.group(1)], text), encoding="utf-8")


_BASES: list = []


def foto(path: Path, rnd: random.Random) -> None:
    """A 600×800 JPEG that compresses like a photo (about 50 KB), different in bytes from every other.

    A few blurred, noisy bases are drawn once; each photo gets its own marks on top, so the image
    cache sees distinct content (drawing a fresh base per photo costs 0.2 s on this machine)."""
    from PIL import Image, ImageDraw, ImageFilter

    if not _BASES:
        for _ in range(8):
            im = Image.new("RGB", (150, 200), tuple(rnd.randrange(80, 200) for _ in range(3)))
            d = ImageDraw.Draw(im)
            for _ in range(30):
                x, y, r = rnd.randrange(150), rnd.randrange(200), rnd.randrange(5, 40)
                d.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rnd.randrange(256) for _ in range(3)))
            im = im.filter(ImageFilter.GaussianBlur(1)).resize((600, 800), Image.Resampling.BICUBIC)
            _BASES.append(Image.blend(im, Image.effect_noise((600, 800), 24).convert("RGB"), 0.1))
    im = _BASES[rnd.randrange(len(_BASES))].copy()
    d = ImageDraw.Draw(im)
    for _ in range(3):
        x, y = rnd.randrange(560), rnd.randrange(760)
        d.rectangle((x, y, x + 40, y + 40), fill=tuple(rnd.randrange(256) for _ in range(3)))
    im.save(path, "JPEG", quality=85)


def _yaml(path: Path, data) -> None:
    class Dumper(yaml.SafeDumper):
        """Digits in quotes (a postcode): YAML 1.1 would write »06844« bare, which the check reads as a number."""

    def text(dumper, s: str):
        return dumper.represent_scalar("tag:yaml.org,2002:str", s, style='"' if s.isdigit() else None)

    Dumper.add_representer(str, text)
    path.write_text(yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --- the two projects -----------------------------------------------------------------------------

def our_project(target: Path, n: int) -> dict[str, int]:
    target.mkdir(parents=True)
    for name in ("docs", "overrides", "hooks"):
        shutil.copytree(REPO / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    (target / "src").symlink_to(REPO / "src")  # mkdocs.yml watches src/schulerfolg (for »mkdocs serve«)
    return synthetic_data(target / "data", n)


PLAIN_PAGE = """# {title}

Diese Seite ist eine von {total} Seiten einer gewöhnlichen Dokumentation. Sie hat etwa so viel Text wie die
Seite einer Schule: einen Absatz, eine Überschrift, eine Liste mit Verweisen und einen Kontaktblock.

## Ansprechpartner {{ #kontakt }}

Frau Beispiel berät Schülerinnen und Schüler, Eltern und Lehrkräfte. Sie ist **vertraulich** und kostenlos
erreichbar, montags bis donnerstags von 7:30 bis 13:30 Uhr im Raum 012.

Telefon
:   [0340 204-{i}](tel:+49340204{i})

E-Mail
:   [person-{i}@example.org](mailto:person-{i}@example.org)

## Weiter

- [Übersicht](index.md)
- [Vorige Seite]({prev}.md)
- [Nächste Seite]({next}.md)
"""


def plain_project(target: Path, pages: int) -> None:
    """mkdocs-material with our theme configuration minus hooks; ``pages`` HTML pages, pruned navigation."""
    docs = target / "docs"
    sections = ["schulen", "personen", "traeger", "themen"]
    (docs).mkdir(parents=True)
    shutil.copytree(REPO / "overrides", target / "overrides", ignore=shutil.ignore_patterns("__pycache__"))
    (docs / "index.md").write_text("# Start\n\nEine schlichte Website mit MkDocs und Material.\n", encoding="utf-8")
    rest = pages - 1 - 2 * len(sections) - 1  # start, index page + one page per section, 404.html
    per = [rest // len(sections) + (1 if i < rest % len(sections) else 0) for i in range(len(sections))]
    for sec, count in zip(sections, per):
        count += 1
        (docs / sec).mkdir()
        names = [f"seite-{i:04d}" for i in range(count)]
        liste = "\n".join(f"- [Seite {i}]({name}.md)" for i, name in enumerate(names))
        (docs / sec / "index.md").write_text(f"# {sec.capitalize()}\n\n{liste}\n", encoding="utf-8")
        for i, name in enumerate(names):
            text = PLAIN_PAGE.format(title=f"{sec.capitalize()} – Seite {i}", total=pages, i=1000 + i,
                                     prev=names[i - 1], next=names[(i + 1) % count])
            (docs / sec / f"{name}.md").write_text(text, encoding="utf-8")
    config = ohne_hooks((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    nav = "nav:\n  - Start: index.md\n" + "".join(f"  - {s.capitalize()}: {s}/index.md\n" for s in sections)
    config = re.sub(r"^nav:\n(?:[ #].*\n|\n)*", nav, config, flags=re.M)
    config = re.sub(r"^not_in_nav:.*\n(?:  .*\n)*", "", config, flags=re.M)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")


# --- building and measuring -----------------------------------------------------------------------

PROFILE = """import cProfile, runpy, sys, time
sys.argv = sys.argv[1:]  # ["mkdocs", "build", ...]
pr = cProfile.Profile(time.process_time)
try:
    pr.runcall(runpy.run_module, "mkdocs", run_name="__main__")
except SystemExit:
    pass
finally:
    pr.dump_stats({out!r})
"""
BILDER = re.compile(r"Bilder: (\d+) neu kodiert, (\d+) aus dem Zwischenspeicher")
AUSHAENGE = re.compile(r"Aushänge: (\d+) neu gesetzt, (\d+) aus dem Zwischenspeicher")


def build(project: Path, profile: Path | None = None) -> dict:
    """One ``mkdocs build`` in a fresh process: wall and CPU seconds, peak RSS, images encoded."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")]
    if profile is not None:  # CPU time, not wall clock: on a shared machine waiting is not our cost
        cmd[1:3] = ["-c", PROFILE.format(out=str(profile)), "mkdocs"]
    env = {**os.environ, **ENV, "REPO_URL": ""}
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)  # rusage of this build and its children only
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise SystemExit(f"Build of {project} failed ({proc.returncode}):\n{output[-4000:]}")
    m = BILDER.search(output)
    p = AUSHAENGE.search(output)
    return {"posters": int(p.group(1)) if p else None, "posters_cached": int(p.group(2)) if p else None,
            "wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
            "encoded": int(m.group(1)) if m else None, "cached": int(m.group(2)) if m else None}


def site_stats(site: Path) -> dict:
    pages = sum(1 for _ in site.rglob("*.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {"pages": pages, "size_mb": size / 1e6}


def peer_project(ours: Path, target: Path) -> None:
    """The same pages without hooks: ``python -m schulerfolg generate --projekt`` (docs/ with every generated
    page, overrides/, mkdocs.yml minus hooks) – what MkDocs alone does with exactly our Markdown."""
    env = {**os.environ, **ENV}
    subprocess.run([sys.executable, "-m", "schulerfolg", "--data", "data", "generate", "--projekt", str(target)],
                   cwd=ours, env=env, check=True, stdout=subprocess.DEVNULL)


SITES = ("ours", "peer", "plain")


def run_size(n: int, workdir: Path, runs: int, profile: Path | None) -> dict:
    """Build the three sites of size ``n`` in turns (ours, peer, plain; ours, peer, plain; …), so that
    each round sees about the same load on a shared machine."""
    dirs = {site: workdir / f"n{n}" / site for site in SITES}
    t = time.perf_counter()
    counts = our_project(dirs["ours"], n)
    print(f"N={n}: data generated in {time.perf_counter() - t:.1f} s ({counts})", file=sys.stderr, flush=True)
    builds: dict[str, list[dict]] = {site: [] for site in SITES}
    cold = build(dirs["ours"])  # empty caches (images, verdicts, vCards, templates, bytecode): not in the median
    pages = site_stats(dirs["ours"] / "site")["pages"]
    peer_project(dirs["ours"], dirs["peer"])
    plain_project(dirs["plain"], pages)
    for site in ("peer", "plain"):
        build(dirs[site])  # the first build of each peer writes its site folder, compiles its templates and bytecode
    for i in range(runs):
        for site in SITES:
            builds[site].append(build(dirs[site]))
        print(f"N={n}: round {i + 1} of {runs}, load average {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
    result = {"n": n, "data": counts, "cold": cold}
    for site in SITES:
        runs_ = builds[site]
        out = {"runs": runs_, **site_stats(dirs[site] / "site")}
        out["wall"] = statistics.median(r["wall"] for r in runs_)
        out["cpu"] = statistics.median(r["cpu"] for r in runs_)
        out["rss_mb"] = max(r["rss_mb"] for r in runs_)
        out["ms_per_page"] = 1000 * out["wall"] / out["pages"]
        result[site] = out
        if out["pages"] != pages:
            print(f"warning: {site} has {out['pages']} pages, ours {pages}", file=sys.stderr)
    if profile is not None:
        build(dirs["ours"], profile)
        print(f"profile of a warm build: {profile}", file=sys.stderr)
    o = result["ours"]
    result.update(
        ratio=o["wall"] / result["peer"]["wall"], cpu_ratio=o["cpu"] / result["peer"]["cpu"],
        plain_ratio=o["wall"] / result["plain"]["wall"],
        cold_encoded=cold["encoded"], warm_encoded=max(r["encoded"] for r in o["runs"]),
        cold_posters=cold["posters"], warm_posters=max(r["posters"] for r in o["runs"]))
    return result


def table(rows: list[dict]) -> str:
    cols = f"{'s':>6} {'cpu s':>6} {'ms/pg':>6} {'MB':>5} {'RSS':>4}"
    head = (f"{'N':>5} {'pages':>5} | ours   {cols} | peer   {cols} | plain  {cols} | "
            f"{'ratio':>5} {'cpu':>5} {'plain':>5} | {'img cold':>8} {'warm':>4}")
    lines = [head, "-" * len(head)]
    for r in rows:
        cells = [f"{r[s]['wall']:>6.2f} {r[s]['cpu']:>6.2f} {r[s]['ms_per_page']:>6.2f} {r[s]['size_mb']:>5.1f} "
                 f"{r[s]['rss_mb']:>4.0f}" for s in SITES]
        lines.append(f"{r['n']:>5} {r['ours']['pages']:>5} | ours   {cells[0]} | peer   {cells[1]} | plain  {cells[2]} | "
                     f"{r['ratio']:>5.2f} {r['cpu_ratio']:>5.2f} {r['plain_ratio']:>5.2f} | "
                     f"{r['cold_encoded']!s:>8} {r['warm_encoded']!s:>4}")
    return "\n".join(lines)


def verdicts(rows: list[dict]) -> list[str]:
    out = []
    for r in rows:
        ok = r["ratio"] <= TARGETS["ratio"]
        out.append(f"{'ok  ' if ok else 'MISS'} N={r['n']}: ratio to MkDocs alone (same pages) {r['ratio']:.2f} "
                   f"(CPU {r['cpu_ratio']:.2f}) ≤ {TARGETS['ratio']}; to the generic plain site {r['plain_ratio']:.2f}")
        ok = r["warm_encoded"] == TARGETS["warm_encoded"]
        out.append(f"{'ok  ' if ok else 'MISS'} N={r['n']}: warm builds encoded {r['warm_encoded']} images "
                   f"(cold: {r['cold_encoded']}; target 0)")
        ok = r["warm_posters"] == TARGETS["warm_posters"]
        out.append(f"{'ok  ' if ok else 'MISS'} N={r['n']}: warm builds set {r['warm_posters']} posters "
                   f"(cold: {r['cold_posters']}; target 0)")
    by_n = {r["n"]: r for r in rows}
    if 200 in by_n and 1000 in by_n:
        g = by_n[1000]["ours"]["ms_per_page"] / by_n[200]["ours"]["ms_per_page"]
        out.append(f"{'ok  ' if g <= TARGETS['growth'] else 'MISS'} ms per page at 1000 / at 200 = {g:.2f} "
                   f"≤ {TARGETS['growth']}")
    if 1000 in by_n:
        m = by_n[1000]["ours"]["rss_mb"]
        out.append(f"{'ok  ' if m < TARGETS['rss_mb_1000'] else 'MISS'} peak memory at 1000: {m:.0f} MB "
                   f"< {TARGETS['rss_mb_1000']} MB")
    return out


def arbeitsordner(workdir: Path | None, prefix: str) -> Path:
    """The folder of a benchmark run (a new temporary one unless given), with the bytecode and temporary files
    of every build inside it, so that all builds start alike (ENV)."""
    workdir = workdir or Path(tempfile.mkdtemp(prefix=prefix))
    workdir.mkdir(parents=True, exist_ok=True)
    ENV["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    ENV["TMPDIR"] = str(workdir / "tmp")
    (workdir / "tmp").mkdir(exist_ok=True)
    return workdir


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="50,200,1000", help="numbers of schools, comma-separated")
    ap.add_argument("--runs", type=int, default=RUNS, help="builds per site (median is reported)")
    ap.add_argument("--workdir", type=Path, help="keep the projects here (default: a temporary folder)")
    ap.add_argument("--profile", type=Path, help="also run one warm build of the largest size under cProfile")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    workdir = arbeitsordner(args.workdir, "schulerfolg-bench-")
    rows = []
    try:
        for n in sizes:
            shutil.rmtree(workdir / f"n{n}", ignore_errors=True)
            rows.append(run_size(n, workdir, args.runs, args.profile if n == max(sizes) else None))
            print(f"N={n} done, load average {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(table(rows))
    print("\n".join(verdicts(rows)))
    print(f"load average (1/5/15 min): {' '.join(f'{x:.1f}' for x in os.getloadavg())}, {os.cpu_count()} cores")
    summary = {"load": [round(x, 2) for x in os.getloadavg()], "cores": os.cpu_count(), "results": [
        {"n": r["n"], "pages": r["ours"]["pages"], "data": r["data"],
         **{k: round(r[k], 3) for k in ("ratio", "cpu_ratio", "plain_ratio")},
         "cold_encoded": r["cold_encoded"], "warm_encoded": r["warm_encoded"], "cold_posters": r["cold_posters"], "warm_posters": r["warm_posters"], "ours_cold_wall": round(r["cold"]["wall"], 2),
         **{f"{s}_{m}": round(r[s][m], 3) for s in SITES for m in ("wall", "cpu", "ms_per_page", "size_mb", "rss_mb")},
         **{f"{s}_runs_wall": [round(x["wall"], 2) for x in r[s]["runs"]] for s in SITES}} for r in rows]}
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
