"""Engine benchmark (issue 20): the same generated project built by MkDocs, ProperDocs and Zensical.

Run by hand from the repository root; see benchmarks/README.md:

    python benchmarks/engines.py                    # N = 50, 200, 1000 schools
    python benchmarks/engines.py --sizes 50,200     # quicker

For each N, synthetic data as in run.py (N schools, 1.2 social workers each, a photo for every second one), then
``python -m schulerfolg generate --projekt`` once. That project, without hooks, is built by each engine:
- cold: the engine's caches emptied and no site folder (Zensical: ``build --clean``; MkDocs and ProperDocs keep
  no cache of their own, so cold is a fresh site folder);
- cached: the same build again, unchanged (Zensical reads its cache; the others build everything again);
each followed by ``python -m schulerfolg nachbereiten``, timed apart. The engines are built in turns (mkdocs,
properdocs, zensical; mkdocs, …), so that each sees about the same load on a shared machine.

Then the preview: the time from saving a data file (a school's name changed in data/schulen.yml) until the page
served by the preview shows the new name. MkDocs: ``mkdocs serve`` of the project with hooks, which watches data/.
Zensical: ``zensical serve`` of the generated project, which does not read data/: the save is followed by
``python -m schulerfolg generate`` into its docs/ (what an office would run, or a file watcher), and the time counts
both. Polled every 50 ms.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ENV, arbeitsordner, our_project  # noqa: E402  (synthetic data and the environment of every build)

ENGINES = {
    "mkdocs": lambda site: [sys.executable, "-m", "mkdocs", "build", "-d", str(site)],
    "properdocs": lambda site: [sys.executable, "-m", "properdocs", "build", "-d", str(site)],
    "zensical": lambda site: [sys.executable, "-m", "zensical", "build"],  # always into the project's site/
}
RUNS = 3


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env={**os.environ, **ENV, "REPO_URL": ""}, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{(done.stdout + done.stderr)[-4000:]}")
    return time.perf_counter() - start


def site_of(engine: str, projekt: Path) -> Path:
    return projekt / "site" if engine == "zensical" else projekt.parent / f"site-{engine}"


def build(engine: str, projekt: Path, cold: bool) -> dict:
    site = site_of(engine, projekt)
    if cold:
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(projekt / ".cache", ignore_errors=True)  # Zensical's cache and the cards of nachbereiten
    cmd = ENGINES[engine](site) + (["--clean"] if cold and engine == "zensical" else [])
    seconds = timed(cmd, projekt)
    finish = timed([sys.executable, "-m", "schulerfolg", "nachbereiten", str(projekt), "--site", str(site)], projekt)
    return {"build": seconds, "nachbereiten": finish, "pages": sum(1 for _ in site.rglob("*.html"))}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, text: str, limit: float = 600) -> float:
    """Seconds until ``url`` answers with ``text`` in it."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if text in r.read().decode("utf-8", "replace"):
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} never showed {text!r}")


def rename_first_school(data: Path, new: str) -> tuple[str, str]:
    """Change the first school's name in data/schulen.yml; returns its id and old name."""
    path = data / "schulen.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    sid = next(line.split(":", 1)[1].strip().strip('"') for line in lines if line.lstrip("- ").startswith("id:"))
    i = next(i for i, line in enumerate(lines) if line.strip().startswith("name:"))
    old = lines[i].split(":", 1)[1].strip().strip('"')
    lines[i] = lines[i].split(":", 1)[0] + f': "{new}"\n'
    path.write_text("".join(lines), encoding="utf-8")
    return sid, old


def preview(engine: str, ours: Path, projekt: Path) -> float:
    """Saving a data file → the preview serves the page with the change."""
    port = free_port()
    cwd = ours if engine == "mkdocs" else projekt
    cmd = ([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"] if engine == "mkdocs"
           else [sys.executable, "-m", "zensical", "serve", "-a", f"127.0.0.1:{port}"])
    env = {**os.environ, **ENV, "REPO_URL": ""}
    server = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        marke = f"Vorschau-{engine}-{int(time.time())}"

        def save(name: str) -> str:
            sid, _ = rename_first_school(ours / "data", name)
            if engine != "mkdocs":  # the generated pages, written into the project the preview serves
                subprocess.run([sys.executable, "-m", "schulerfolg", "--data", str(ours / "data"), "generate",
                                str(projekt / "docs")], cwd=ours, env=env, check=True, stdout=subprocess.DEVNULL)
            return sid

        url = f"http://127.0.0.1:{port}/schulen/{save('Noch nicht')}/"
        wait_for(url, "Noch nicht")  # the server's first build is done and has seen this state
        start = time.perf_counter()
        save(marke)
        wait_for(url, marke)
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)


def run_size(n: int, workdir: Path, runs: int) -> dict:
    ours, projekt = workdir / f"n{n}" / "ours", workdir / f"n{n}" / "projekt"
    our_project(ours, n)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "schulerfolg", "--data", "data", "generate", "--projekt", str(projekt)],
                   cwd=ours, env={**os.environ, **ENV}, check=True, stdout=subprocess.DEVNULL)
    print(f"N={n}: project generated in {time.perf_counter() - t:.1f} s", file=sys.stderr, flush=True)
    results: dict[str, dict[str, list]] = {e: {"cold": [], "cached": []} for e in ENGINES}
    for i in range(runs):
        for engine in ENGINES:
            results[engine]["cold"].append(build(engine, projekt, cold=True))
            results[engine]["cached"].append(build(engine, projekt, cold=False))
        print(f"N={n}: round {i + 1} of {runs}, load {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
    row = {"n": n, "pages": results["mkdocs"]["cold"][0]["pages"]}
    for engine, kinds in results.items():
        for kind, builds in kinds.items():
            row[f"{engine}_{kind}"] = statistics.median(b["build"] for b in builds)
            row[f"{engine}_{kind}_nachbereiten"] = statistics.median(b["nachbereiten"] for b in builds)
        row[f"{engine}_pages"] = kinds["cold"][0]["pages"]
    for engine in ("mkdocs", "zensical"):
        row[f"{engine}_preview"] = preview(engine, ours, projekt)
    return row


def table(rows: list[dict]) -> str:
    head = ("| N | Seiten | MkDocs kalt / warm | ProperDocs kalt / warm | Zensical kalt / warm | nachbereiten "
            "(M / P / Z, warm) | Vorschau MkDocs | Vorschau Zensical |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    lines = [head]
    for r in rows:
        pair = lambda e: f"{r[e + '_cold']:.2f} / {r[e + '_cached']:.2f}".replace(".", ",")  # noqa: E731
        nach = " / ".join(f"{r[e + '_cached_nachbereiten']:.2f}".replace(".", ",") for e in ENGINES)
        lines.append(f"| {r['n']} | {r['pages']} | {pair('mkdocs')} | {pair('properdocs')} | {pair('zensical')} | "
                     f"{nach} | {r['mkdocs_preview']:.2f} | {r['zensical_preview']:.2f} |".replace(".", ","))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="50,200,1000")
    ap.add_argument("--runs", type=int, default=RUNS)
    ap.add_argument("--workdir", type=Path)
    args = ap.parse_args(argv)
    workdir = arbeitsordner(args.workdir, "schulerfolg-engines-")
    rows = []
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            shutil.rmtree(workdir / f"n{n}", ignore_errors=True)
            rows.append(run_size(n, workdir, args.runs))
            print(table(rows[-1:]), file=sys.stderr, flush=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(table(rows))
    print(f"load average (1/5/15 min): {' '.join(f'{x:.1f}' for x in os.getloadavg())}, {os.cpu_count()} cores")
    print(json.dumps({"load": os.getloadavg(), "results": rows}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
