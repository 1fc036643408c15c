"""The house: the package's stages from top to bottom, and which module imports which.

Data flows up through the stages: data (contract, reading, checks) → findings (examining the files the data
names, kept between builds) → media (photos, films) → formats (iCalendar, vCard, Decap, Open Graph, theme CSS,
CSP) → site (pages, plan, produce, render). On top, what people call: the command line, ``generate``, the live
preview and ``load``; at the bottom, the build cache's layout and the Problem value. Imports only point down.

``python -m schulerfolg haus`` prints the tree and the imports; tests/test_haus.py keeps them pointing down.
Read from the source with ``ast``: nothing of the package is imported here.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

PAKET = Path(__file__).parent
# The stages, from the top down. A module may import modules of its own stage and of the stages below.
STUFEN: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cli", ("__main__", "cli", "generate", "preview", "hookbuild", "load", "haus")),
    ("site", ("site",)),
    ("formats", ("formats",)),
    ("media", ("media",)),
    ("findings", ("findings",)),
    ("data", ("data",)),
    ("cache", ("buildcache", "problem")),
)


@dataclass(frozen=True)
class Import:
    von: str  # importing module, dotted below the package: "site.plan"
    nach: str  # imported module: "data.daten"
    zeile: int
    in_funktion: bool  # inside a function body (not at module level)


def module() -> dict[str, Path]:
    """Every module of the package by its dotted name below the package (``site.parts.plus``)."""
    found = {}
    for path in sorted(PAKET.rglob("*.py")):
        teile = path.relative_to(PAKET).with_suffix("").parts
        name = ".".join(teile[:-1] if teile[-1] == "__init__" else teile)
        found[name or "__init__"] = path
    return found


def stufe(modul: str) -> int:
    """The stage of ``modul``: 0 at the top."""
    kopf = modul.split(".")[0]
    for i, (_, namen) in enumerate(STUFEN):
        if kopf in namen:
            return i
    raise ValueError(f"{modul}: in no stage of haus.STUFEN")


def imports() -> list[Import]:
    """Every import of one module of the package by another, except those only for type checkers."""
    alle = module()
    out = []
    for name, path in alle.items():
        paket = name if path.name == "__init__.py" else name.rpartition(".")[0]
        baum = ast.parse(path.read_text(encoding="utf-8"))
        for knoten, in_funktion in _imports(baum):
            for ziel in _ziele(knoten, paket, alle):
                out.append(Import(name, ziel, knoten.lineno, in_funktion))
    return out


def _imports(baum: ast.Module):
    """(import node, inside a function) for every import that runs (``if TYPE_CHECKING:`` blocks do not)."""
    def walk(knoten, in_funktion):
        for kind in ast.iter_child_nodes(knoten):
            if isinstance(kind, ast.If) and isinstance(kind.test, ast.Name) and kind.test.id == "TYPE_CHECKING":
                continue
            if isinstance(kind, ast.Import | ast.ImportFrom):
                yield kind, in_funktion
            yield from walk(kind, in_funktion or isinstance(kind, ast.FunctionDef | ast.AsyncFunctionDef))
    yield from walk(baum, False)


def _ziele(knoten: ast.Import | ast.ImportFrom, paket: str, alle: dict[str, Path]) -> list[str]:
    if isinstance(knoten, ast.Import):
        namen = [a.name for a in knoten.names]
    elif knoten.level:  # relative: from . import x / from .x import y
        basis = paket.split(".") if paket else []
        basis = basis[: len(basis) - (knoten.level - 1)] if knoten.level > 1 else basis
        modul = ".".join([*basis, knoten.module] if knoten.module else basis)
        namen = [f"schulerfolg.{modul}" if modul else "schulerfolg"]
        namen += [f"{namen[0]}.{a.name}" for a in knoten.names]
    else:
        namen = [knoten.module or ""] + [f"{knoten.module}.{a.name}" for a in knoten.names]
    ziele = []
    for n in namen:
        if n.startswith("schulerfolg.") and n.removeprefix("schulerfolg.") in alle:
            ziele.append(n.removeprefix("schulerfolg."))
    return [z for z in dict.fromkeys(ziele) if z != paket or isinstance(knoten, ast.Import)]


def zeichnen() -> str:
    """The tree with each module's first docstring line, then the imports between stages."""
    alle = module()
    zeilen = ["schulerfolg/: stages from the top down; imports point only down", ""]
    for titel, _ in STUFEN:
        zeilen.append(f"[{titel}]")
        for name, path in alle.items():
            if name != "__init__" and STUFEN[stufe(name)][0] == titel:
                zeilen.append(f"  {name:<34} {_erste_zeile(path)}")
        zeilen.append("")
    paare = sorted({(STUFEN[stufe(i.von)][0], STUFEN[stufe(i.nach)][0]) for i in imports()
                    if i.von != "__init__" and stufe(i.von) != stufe(i.nach)},
                   key=lambda p: ([t for t, _ in STUFEN].index(p[0]), [t for t, _ in STUFEN].index(p[1])))
    zeilen.append("imports between the stages:")
    zeilen += [f"  {a} → {b}" for a, b in paare]
    return "\n".join(zeilen)


def _erste_zeile(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    zeile = doc.strip().split("\n")[0]
    return zeile[:90] + ("…" if len(zeile) > 90 else "")
