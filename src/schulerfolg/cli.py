"""Command line: ``python -m schulerfolg check | schema | generate DIR | nachbereiten PROJEKT | haus``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from schulerfolg.data import schema

from . import buildcache, haus
from .buildcache import BuildCache
from .generate import generate, projekt
from .load import load
from .problem import FORMATTERS, format_count, format_github, gitlab_report, report
from .site.finish import finish_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m schulerfolg", description="Website der Netzwerkstelle Schulerfolg")
    parser.add_argument("--data", type=Path, default=Path("data"), help="Ordner mit den Daten (Standard: data)")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="Daten prüfen und alle Fehler melden")
    check.add_argument("--format", choices=sorted([*FORMATTERS, "gitlab"]), default="text",
                       help="Ausgabe für Terminal, GitHub-Anmerkungen oder GitLab (Code-Quality-Bericht als JSON)")
    sch = sub.add_parser("schema", help="JSON-Schemas nach schema/ schreiben")
    sch.add_argument("--out", type=Path, default=Path("schema"))
    sch.add_argument("--check", action="store_true", help="nur prüfen, ob die Schemas aktuell sind")
    gen = sub.add_parser("generate", help="alle erzeugten Seiten in einen Ordner schreiben")
    gen.add_argument("folder", type=Path)
    gen.add_argument("--projekt", action="store_true",
                     help="ein ganzes Projekt ohne Hooks schreiben: docs/ samt erzeugter Seiten, overrides/, mkdocs.yml")
    nach = sub.add_parser("nachbereiten", help="die mit Zensical, ProperDocs oder MkDocs gebaute Website eines "
                          "»generate --projekt«-Projekts fertigstellen, wie es die Hooks tun")
    nach.add_argument("projekt", type=Path)
    nach.add_argument("--site", type=Path, help="Ordner der gebauten Website (Standard: PROJEKT/site)")
    sub.add_parser("haus", help="für Entwickler: die Stufen des Pakets und ihre Importe zeigen")
    args = parser.parse_args(argv)
    return COMMANDS[args.command](args)


def run_check(args: argparse.Namespace) -> int:
    result = load(args.data)
    if args.format == "gitlab":  # the report is always written: an empty one clears old findings in the merge request
        print(gitlab_report(result.problems))
        return 1 if result.problems else 0
    if result.problems:
        if args.format == "github":  # annotations on stdout, the count for people on stderr
            print("\n".join(format_github(p) for p in result.problems))
            print(format_count(result.problems), file=sys.stderr)
        else:
            print(report(result.problems))
        return 1
    print(f"{result.daten.summary()} – alles in Ordnung")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    if args.check:
        stale = [n for n, text in schema.schemas().items()
                 if not (args.out / n).is_file() or (args.out / n).read_text(encoding="utf-8") != text]
        for n in stale:
            print(f"{args.out / n} ist veraltet: führen Sie »python -m schulerfolg schema« aus.")
        return 1 if stale else 0
    for path in schema.write(args.out):
        print(f"geschrieben: {path}")
    return 0


def run_generate(args: argparse.Namespace) -> int:
    buildcache.new_build()
    root = args.data.resolve().parent
    cache = BuildCache.of(root)  # the hook's cache: each photo is encoded once
    result = load(args.data, cache=cache)
    if result.problems:
        print(report(result.problems))
        return 1
    if args.projekt:
        try:
            written = projekt(root, result.daten, args.folder, cache, result.befunde)
        except FileExistsError as e:
            print(e)
            return 1
    else:
        written = generate(result.daten, args.folder, cache, result.befunde)
    print(f"{len(written)} Dateien nach {args.folder} geschrieben")
    if hinweis := buildcache.note():
        print(hinweis)
    return 0


def run_nachbereiten(args: argparse.Namespace) -> int:
    try:
        outcome = finish_site(args.projekt, args.site)
    except FileNotFoundError as e:
        print(e)
        return 1
    print(f"{outcome.pages} Seiten fertiggestellt (Vorschaubild, Content-Security-Policy, Korrekturen am Theme)")
    for sheet, before, after in outcome.sheets:
        print(f"Stylesheet {sheet}: {before / 1000:.0f} KB → {after / 1000:.0f} KB, ohne ungenutzte Regeln")
    if hinweis := buildcache.note():
        print(hinweis)
    return 0


def run_haus(args: argparse.Namespace) -> int:
    print(haus.zeichnen())
    return 0


COMMANDS = {"check": run_check, "schema": run_schema, "generate": run_generate, "nachbereiten": run_nachbereiten,
            "haus": run_haus}
