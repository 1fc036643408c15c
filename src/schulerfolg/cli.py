"""Command line: ``python -m schulerfolg check | schema | generate DIR``."""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from . import ablage, schema
from .load import load
from .problem import FORMATTERS, format_count


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
    args = parser.parse_args(argv)
    return COMMANDS[args.command](args)


def run_check(args: argparse.Namespace) -> int:
    result = load(args.data)
    if args.format == "gitlab":  # the report is always written: an empty one clears old findings in the merge request
        print(gitlab_report(result.problems))
        return 1 if result.problems else 0
    if result.problems:
        fmt = FORMATTERS[args.format]
        for p in result.problems:
            print(fmt(p))
        print(format_count(result.problems), file=sys.stderr if args.format == "github" else sys.stdout)
        return 1
    print(f"{result.daten.summary()} – alles in Ordnung")
    return 0


def gitlab_report(problems) -> str:
    """GitLab's Code Quality report: each problem shown at its line in the merge request's diff."""
    return json.dumps([{
        "description": p.message, "check_name": "schulerfolg-check", "severity": "major",
        "fingerprint": hashlib.sha256(str(p).encode("utf-8")).hexdigest(),
        "location": {"path": p.file, "lines": {"begin": max(p.line, 1)}},
    } for p in problems], ensure_ascii=False, indent=2)


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
    from .generate import generate  # pages need templates; checks alone do not

    result = load(args.data)
    if result.problems:
        for p in result.problems:
            print(p)
        print(format_count(result.problems))
        return 1
    ablage.neuer_bau()
    cache = ablage.ordner(args.data.resolve().parent) / "bilder"  # the hook's photo cache: encode each photo once
    if args.projekt:
        from .generate import projekt

        try:
            written = projekt(args.data.resolve().parent, result.daten, args.folder, cache)
        except FileExistsError as e:
            print(e)
            return 1
    else:
        written = generate(result.daten, args.folder, cache)
    print(f"{len(written)} Dateien nach {args.folder} geschrieben")
    if hinweis := ablage.hinweis():
        print(hinweis)
    return 0


COMMANDS = {"check": run_check, "schema": run_schema, "generate": run_generate}
