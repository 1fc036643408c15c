"""The house keeps its shape: imports point only down the stages (schulerfolg/haus.py), there are no circles,
no module imports another inside a function to dodge one, and no two classes share a name."""
from __future__ import annotations

import ast
from collections import Counter, defaultdict

from schulerfolg import haus


def test_every_module_stands_in_a_stage():
    module = haus.module()
    assert len(module) > 40
    for name in module:
        if name != "__init__":
            haus.stufe(name)  # raises for a module outside every stage


def test_imports_only_point_down():
    imports = [i for i in haus.imports() if i.von != "__init__"]
    assert len(imports) > 100
    oben = [f"{i.von}:{i.zeile} → {i.nach}" for i in imports if haus.stufe(i.nach) < haus.stufe(i.von)]
    assert oben == [], "Importe nach oben: " + ", ".join(oben)


def test_no_circles():
    kanten = defaultdict(set)
    for i in haus.imports():
        if i.von != "__init__" and not i.nach.startswith(i.von + "."):  # a package's own modules are its parts
            kanten[i.von].add(i.nach)
    kreise = []

    def besuchen(modul, weg):
        for ziel in kanten[modul]:
            if ziel in weg:
                kreise.append(" → ".join(weg[weg.index(ziel):] + [ziel]))
            elif ziel not in fertig:
                besuchen(ziel, weg + [ziel])
        fertig.add(modul)

    fertig: set[str] = set()
    for modul in list(kanten):
        if modul not in fertig:
            besuchen(modul, [modul])
    assert kreise == []


def test_no_module_of_the_package_is_imported_inside_a_function():
    """A function-level import of the package's own modules is how a circle hides; libraries may be imported
    late (Pillow, pypdf, icalendar … only when a file is new)."""
    spaet = [f"{i.von}:{i.zeile} → {i.nach}" for i in haus.imports() if i.in_funktion]
    assert spaet == []


def test_no_two_classes_share_a_name():
    namen = Counter()
    for path in haus.module().values():
        for knoten in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(knoten, ast.ClassDef):
                namen[knoten.name] += 1
    assert len(namen) > 20
    assert [n for n, anzahl in namen.items() if anzahl > 1] == []


def test_the_picture_names_every_stage():
    bild = haus.zeichnen()
    for titel, _ in haus.STUFEN:
        assert f"[{titel}]" in bild
    assert "site → formats" in bild and "data → cache" in bild
    assert "data → site" not in bild
