"""The hostile-data corpus of issue 16: every text field of the models × payload families, run through
``check`` and a strict build, and a scanner for everything the build writes.

The fields come from ``models.text_felder``: a field added to a model is attacked without anyone
remembering it. The sample data in data/ is the base; where it lacks an optional field or list entry,
the corpus adds one, so every field of every model is filled. Besides the YAML files (``DATEIEN``), one
sample file of each Markdown folder (``ORDNER``: the news) is attacked, its front matter and its text
below it; harmless traces in its clean values show that they reach its page, the feed and the JSON-LD.

Each payload (a form of a ``Familie``) goes into a field wrapped for the field's kind and tagged with a
marker that names field and payload (``zq017s03x``: field 17, payload 3), so whatever leaks into an
output file says where it came from. For each field × payload one of two outcomes is acceptable:
(a) ``check`` refuses it with a German message at the field's line, or
(b) the strict build succeeds, and no file of the site or of the hook-free pages (``generate``) holds
    script, a foreign host, evaluated Jinja or a traceback that the clean corpus's output does not hold too.
Fields take as many payloads at once as their kind and length limit allow, so a family needs few builds.
"""
from __future__ import annotations

import csv
import datetime
import enum
import gzip
import hashlib
import io
import json
import multiprocessing
import re
import runpy
import shutil
import traceback
import types
import typing
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml
from pydantic import BaseModel
from selectolax.lexbor import LexborHTMLParser

from helpers import TODAY  # the build gets the same day: sitebuild.BUILD_EPOCH
from sitebuild import ROOT, build_env

from schulerfolg.data import meldungen
from schulerfolg.data.fields import SLUG, Art
from schulerfolg.data.models import DATEIEN, ORDNER, text_felder

PRUEF_ZEIT = 60  # seconds one check may take; the sample data needs well under one
MAX_FEHLBAUTEN = 12  # failed builds halved per family; after that a failure is reported for all its fields
BAU_ZEIT = 240  # seconds one build may take; the sample site needs a few
# libyaml where PyYAML has it: the huge payloads make megabytes of YAML.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DUMPER(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Every text in double quotes: it reads back as the same text (»06844« stays text, escapes stay escapes)."""


DUMPER.add_representer(str, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style='"'))
DATEI_BUDGET = 1_500_000  # bytes of payload per data file and round, below yamlsource.MAX_BYTES


# --- the fields ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Feld:
    """One text field of the models, and the place in the corpus where it is attacked."""

    nr: int
    datei: str  # "schulen.yml", or a news file: "aktuelles/2026-06-25-bericht-sozialraumkonferenz-nord.md"
    name: str  # dotted, as models.text_felder names it: "schulen.adresse.strasse"
    art: Art
    loc: tuple[str | int, ...] = field(compare=False)  # where it stands in the file's data
    laenge: int | None = field(default=None, compare=False)  # the model's limit, if it has one

    def __str__(self) -> str:
        return f"{self.datei}:{self.name}"


def _modell(annotation: Any) -> type[BaseModel] | None:
    """The model inside ``X | None``, ``list[X]`` or ``Annotated[X, …]``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) in (typing.Union, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            if (found := _modell(arg)) is not None:
                return found
    return None


def _ist_liste(annotation: Any) -> bool:
    if typing.get_origin(annotation) is list:
        return True
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) in (typing.Union, typing.Annotated):
        return any(_ist_liste(a) for a in typing.get_args(annotation))
    return False


def _hat(node: Any, model: type[BaseModel], teile: list[str]) -> bool:
    """Whether ``node`` already holds a value at the dotted path ``teile``."""
    for i, key in enumerate(teile):
        if not isinstance(node, dict) or node.get(key) in (None, []):
            return False
        info = model.model_fields[key]
        node = node[key]
        if i < len(teile) - 1:
            model = _modell(info.annotation)
            if isinstance(node, list):
                return any(_hat(e, model, teile[i + 1:]) for e in node)
    return True


# Values the models cannot tell: which video comes from a platform, and a WebM for the film (the sample
# has none). Both kinds of video are then planned: the image film from data/, the sign-language one extern.
VORGABEN: dict[tuple[str, tuple], Any] = {
    ("netzwerkstelle.yml", ("gebaerdensprache", "modus")): "extern",
    ("netzwerkstelle.yml", ("gebaerdensprache", "url")): "https://www.youtube.com/watch?v=angriff0001",
    ("netzwerkstelle.yml", ("film", "webm")): "film/angriff.webm",
}


def _neue_dateien() -> dict[str, bytes]:
    import feindlich  # the WebM the film tests make

    return {"film/angriff.webm": feindlich.webm()}

def dateien(data: Path) -> dict[str, type[BaseModel]]:
    """The files the corpus attacks and their models: every YAML file, and of each folder of Markdown files
    (news) the sample file that fills the most text fields (the rest of the folder stays as it is)."""
    out: dict[str, type[BaseModel]] = dict(DATEIEN)
    for ordner, model in ORDNER.items():
        def gefuellt(path: Path) -> int:
            daten = _md_lesen(path)
            return sum(_hat(daten, model, dotted.split(".")) for dotted, _ in text_felder(model))
        proben = sorted(p for p in (data / ordner).glob("*.md") if meldungen.DATEINAME.fullmatch(p.name))
        assert proben, f"data/{ordner}/ has no sample file to attack"
        out[f"{ordner}/{max(proben, key=gefuellt).name}"] = model
    return out


def _md_lesen(path: Path) -> dict:
    """A Markdown file with front matter as one dict: its head's fields and, as ``text``, what stands below."""
    kopf, _, rest = meldungen._teile(path.read_text(encoding="utf-8"))
    daten = yaml.load(kopf, Loader=yaml.SafeLoader) or {}
    daten[meldungen.TEXTFELD] = rest.lstrip("\n")
    return daten


def _md_text(daten: dict) -> str:
    kopf = {k: v for k, v in daten.items() if k != meldungen.TEXTFELD}
    return "---\n" + _yaml_text(kopf) + "---\n" + daten[meldungen.TEXTFELD]


def _yaml_text(daten: Any) -> str:
    return yaml.dump(daten, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=10**9,
                     default_flow_style=False)


def _ist_md(name: str) -> bool:
    return name.endswith(".md")


# A harmless value of each kind, for a field the sample data leaves out.
HARMLOS = {
    Art.TEXT: "Beispieltext", Art.MARKDOWN: "Ein *Beispiel* in Markdown.", Art.URL: "https://www.example.org/",
    Art.EMAIL: "angriff@example.org", Art.TELEFON: "0340 204-1299",
}


class Korpus:
    """The sample data with every text field filled, written to ``root`` (a folder named data)."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(ROOT / "data", root)
        for rel, inhalt in _neue_dateien().items():
            (root / rel).write_bytes(inhalt)
        self.dateien = dateien(root)
        self.daten = {name: _md_lesen(root / name) if _ist_md(name)
                      else yaml.load((root / name).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
                      for name in self.dateien}
        for (name, loc), wert in VORGABEN.items():
            _setzen(self.daten[name], loc, wert)
        muster = self._muster()
        self.felder: list[Feld] = []
        for name, model in self.dateien.items():
            for dotted, kinds in text_felder(model):
                loc = _stelle(self.daten[name], model, dotted.split("."))
                self.felder.append(Feld(len(self.felder), name, dotted, kinds[0], loc, _laenge(model, dotted.split("."))))
        self.sauber: dict[Feld, str] = {}
        for f in self.felder:
            wert = _holen(self.daten[f.datei], f.loc)
            if wert is None:
                wert = muster.get((f.datei, f.name.rsplit(".", 1)[-1], _besitzer(f))) or HARMLOS.get(f.art)
                if wert is None:
                    raise AssertionError(f"{f}: no sample value for a new field of kind {f.art.value}; "
                                         "add one to VORGABEN in tests/angriff.py")
                _setzen(self.daten[f.datei], f.loc, wert)
            self.sauber[f] = wert
        # a harmless trace in every text of the news file: the clean build shows where its values arrive
        self.spuren = {f: spur(f) for f in self.felder if _ist_md(f.datei) and f.art in (Art.TEXT, Art.MARKDOWN)}
        for f, s in self.spuren.items():
            self.sauber[f] = f"{self.sauber[f].rstrip()} {s}"
        self.schreiben({})

    def _muster(self) -> dict[tuple[str, str, str], Any]:
        """Values of the sample data by (file, field name, model): a new film's path fields take the film's."""
        found: dict[tuple[str, str, str], Any] = {}
        for name, model in self.dateien.items():
            for dotted, _ in text_felder(model):
                teile = dotted.split(".")
                for wert in _alle(self.daten[name], model, teile):
                    found.setdefault((name, teile[-1], _modellname(model, teile)), wert)
        return found

    def schreiben(self, werte: dict[Feld, str]) -> dict[Feld, int]:
        """Write the data with ``werte`` in their fields (all others clean); the line of every field."""
        for f in self.felder:
            _setzen(self.daten[f.datei], f.loc, werte.get(f, self.sauber[f]))
        for name in self.dateien:
            text = _md_text(self.daten[name]) if _ist_md(name) else _yaml_text(self.daten[name])
            (self.root / name).write_text(text, encoding="utf-8", newline="")
        return self.zeilen()

    def zeilen(self) -> dict[Feld, int]:
        """The line of every field, counted as the readers count: a news file's text at the line where it starts."""
        nodes, text_zeilen = {}, {}
        for name in self.dateien:
            text = (self.root / name).read_bytes().decode("utf-8")  # as the readers see it: »\r« stays
            if _ist_md(name):
                text, text_zeilen[name], _ = meldungen._teile(text)
            nodes[name] = yaml.compose(text, Loader=LOADER)
        return {f: text_zeilen[f.datei] if f.loc == (meldungen.TEXTFELD,) and f.datei in text_zeilen
                else _knoten(nodes[f.datei], f.loc).start_mark.line + 1 for f in self.felder}


def _besitzer(f: Feld) -> str:
    return _modellname(dateien_modell(f), f.name.split("."))


def dateien_modell(f: Feld) -> type[BaseModel]:
    """The model of ``f``'s file: a YAML file's, or its folder's."""
    return DATEIEN.get(f.datei) or ORDNER[f.datei.split("/")[0]]


def _modellname(model: type[BaseModel], teile: list[str]) -> str:
    for key in teile[:-1]:
        model = _modell(model.model_fields[key].annotation)
    return model.__name__


def _alle(node: Any, model: type[BaseModel], teile: list[str]) -> Iterator[Any]:
    """Every value at the dotted path ``teile`` (through lists)."""
    if isinstance(node, list):
        for e in node:
            yield from _alle(e, model, teile)
        return
    if not isinstance(node, dict) or node.get(teile[0]) is None:
        return
    wert = node[teile[0]]
    if len(teile) == 1:
        yield from (wert if isinstance(wert, list) else [wert])
    else:
        yield from _alle(wert, _modell(model.model_fields[teile[0]].annotation), teile[1:])


def _laenge(model: type[BaseModel], teile: list[str]) -> int | None:
    """The longest value the model allows in the field at ``teile`` (``max_length`` of its constraints)."""
    info = None
    for key in teile:
        info = model.model_fields[key]
        model = _modell(info.annotation)

    def suchen(dinge) -> Iterator[int]:
        for ding in dinge:
            if isinstance(getattr(ding, "max_length", None), int):
                yield ding.max_length
            if typing.get_origin(ding) is not None or isinstance(ding, types.UnionType):
                yield from suchen(typing.get_args(ding))
            if typing.get_origin(ding) is typing.Annotated:
                yield from suchen(ding.__metadata__)
    return min(suchen([*info.metadata, info.annotation]), default=None)


def _stelle(data: dict, model: type[BaseModel], teile: list[str]) -> tuple[str | int, ...]:
    """Where the field at ``teile`` is attacked: the first entry that has it, else a new one."""
    loc: list[str | int] = []
    node = data
    for i, key in enumerate(teile):
        info = model.model_fields[key]
        inner = _modell(info.annotation)
        if inner is None:  # the text field itself: a value or the first of a list of values
            if _ist_liste(info.annotation):
                node.setdefault(key, None) or node.__setitem__(key, [None])
                return (*loc, key, 0)
            node.setdefault(key, None)
            return (*loc, key)
        rest = teile[i + 1:]
        if _ist_liste(info.annotation):
            liste = node.get(key) or []
            node[key] = liste
            j = next((j for j, e in enumerate(liste) if _hat(e, inner, rest)), 0 if liste else None)
            if j is None:
                liste.append(_neu(inner))
                j = 0
            node, loc = liste[j], [*loc, key, j]
        else:
            if node.get(key) is None:
                node[key] = _neu(inner)
            node, loc = node[key], [*loc, key]
        model = inner
    raise AssertionError(f"{'.'.join(teile)} is no text field")


def _neu(model: type[BaseModel]) -> dict:
    """A new entry of ``model`` with its required fields (text fields are filled afterwards)."""
    out = {}
    for key, info in model.model_fields.items():
        if info.is_required():
            out[key] = _beispiel(info)
    return out


def _beispiel(info) -> Any:
    if info.examples:
        wert = info.examples[0]
        return datetime.date.fromisoformat(wert) if isinstance(wert, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", wert) else wert
    annotation = info.annotation
    if (inner := _modell(annotation)) is not None:
        return [_neu(inner)] if _ist_liste(annotation) else _neu(inner)
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return next(iter(annotation)).value
    if annotation is datetime.date:
        return datetime.date(2026, 1, 15)
    if annotation is bool:
        return False
    return None  # a text field: filled from the sample or HARMLOS


def _holen(data: Any, loc: tuple) -> Any:
    for k in loc:
        data = data[k]
    return data


def _setzen(data: Any, loc: tuple, wert: Any) -> None:
    for k in loc[:-1]:
        data = data.setdefault(k, {}) if isinstance(data, dict) else data[k]
    data[loc[-1]] = wert


def _knoten(node: yaml.Node, loc: tuple) -> yaml.Node:
    for k in loc:
        if isinstance(node, yaml.MappingNode):
            node = next(v for key, v in node.value if key.value == k)
        else:
            node = node.value[k]
    return node


# --- the payloads -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Familie:
    """Payloads of one kind. A field gets as many of its accepted payloads at once as its kind can hold;
    ``schluss``: payloads that work only at the end of a one-line text (one build each);
    ``einzeln``: every payload alone (huge ones)."""

    name: str
    formen: tuple[str, ...]  # ``{m}`` is the marker; without one, the marker goes in front
    schluss: tuple[str, ...] = ()
    einzeln: bool = False
    ablehnen: bool = False  # only outcome (a) counts: check must refuse every payload in every field

    @property
    def alle(self) -> tuple[str, ...]:
        return self.formen + self.schluss


JS = "alert('{m}')"
FAMILIEN = (
    Familie("HTML-Tags", (
        f"<script>{JS}</script>",
        f"<img src=x onerror={JS}>",
        f"<svg onload={JS}>",
        f"<svg><script>{JS}</script></svg>",
        "<iframe src=\"https://foreign.example/{m}\"></iframe>",
        f"<!-- {{m}} --><script>{JS}</script><!-- -->",
        f"<![CDATA[ {{m}} ]]><script>{JS}</script>",
        "<SCRIPT SRC=//foreign.example/{m}.js></SCRIPT>",
        f"<scr<script>ipt>{JS}</scr</script>ipt>",
        f"<details open ontoggle={JS}>x</details>",
        f"<a href=\"javascript:{JS}\">x</a>",
        f"<math><mi xlink:href=\"javascript:{JS}\">x</mi></math>",
        "<style>@import 'https://foreign.example/{m}.css';</style>",
        "<object data=\"https://foreign.example/{m}\"></object>",
        f"<meta http-equiv=\"refresh\" content=\"0;url=javascript:{JS}\">",
        "<base href=\"https://foreign.example/{m}/\">",
        "<img src=\"https://tracker.example/{m}.gif\">",
        f"&lt;script&gt;{JS}&lt;/script&gt;",
        f"&#60;img src=x onerror={JS}&#62;",
        f"<img src=x onerror={JS}//",
    )),
    Familie("Anführungszeichen", (
        f"\"><script>{JS}</script>",
        f"'><script>{JS}</script>",
        f"\" onmouseover=\"{JS}\" x=\"",
        "' onmouseover='alert(`{m}`)' x='",
        "` onmouseover=alert(1) x=`{m}",
        f"\" autofocus onfocus=\"{JS}",
        "\" style=\"background:url(https://tracker.example/{m}.gif)\"",
        f"</title><script>{JS}</script>",
        f"</textarea></noscript></style><script>{JS}</script>",
        f"\"/><svg onload={JS}>",
        f"\\\"><script>{JS}</script>",
        f"&quot; onmouseover=&quot;{JS}",
        f"&#34;&#62;&#60;script&#62;{JS}&#60;/script&#62;",
    )),
    Familie("Attributsyntax", (
        f"*Name*{{ onclick={JS} }}",
        f"[Name](https://example.org/{{m}}){{ onmouseover={JS} }}",
        f"https://example.org/{{m}}){{ onmouseover={JS} }}",
        f"https://example.org/{{m}}/{{ onmouseover={JS} }}",
        f"Titel\n{{: onclick={JS} }}",
        f"Titel\n\n## Titel {{#x onclick={JS}}}",
    ), schluss=(
        f"Name {{ autofocus onfocus={JS} }}",
        f"Name {{ autofocus=autofocus onfocus={JS} }}",
        f"Name {{: .x onclick={JS} }}",
        f"# Titel {{: #{{m}} tabindex=0 onmouseover={JS} }}",
        "Name { style=\"background:url(https://tracker.example/{m}.gif)\" }",
    )),
    Familie("Link-Ausbruch", (
        f"Name](javascript:{JS})",
        f"Name](javascript:{JS}) [x](javascript:{JS})",
        f"[x](javascript:{JS})",
        "Name](https://foreign.example/{m}) ![x](https://tracker.example/{m}.gif",
        f"Name\"](javascript:{JS} \"t\")",
        f"Name)[x](javascript:{JS})",
        f"Name] [r{{m}}]\n\n[r{{m}}]: javascript:{JS}",
        f"Name>](javascript:{JS})<",
    )),
    Familie("Linkziele", (
        f"javascript:{JS}",
        f"JaVaScRiPt:{JS}",
        f"&#106;avascript:{JS}",
        f"java\tscript:{JS}",
        f"%6Aavascript:{JS}",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==#{m}",
        "vbscript:msgbox('{m}')",
        "file:///etc/passwd#{m}",
        "//foreign.example/{m}",
        "https://foreign.example/{m}",
        f"[x](javascript:{JS})",
        f"[x](JaVaScRiPt:{JS})",
        f"[x](&#106;avascript:{JS})",
        f"[x](&#x6A;avascript:{JS})",
        f"[x](<java\tscript:{JS}>)",
        f"[x](%6Aavascript:{JS})",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==#{m})",
        "[x](vbscript:msgbox('{m}'))",
        "[x](file:///etc/passwd#{m})",
        "[x](//foreign.example/{m})",
        f"[x]( javascript:{JS})",
        f"[x](javascript&colon;{JS})",
        f"<javascript:{JS}>",
        f"[x][r{{m}}]\n\n[r{{m}}]: javascript:{JS}",
        "![.](https://tracker.example/{m}.gif)",
        f"![x](javascript:{JS})",
        "[![.](https://tracker.example/{m}.gif)](https://example.org/)",
    )),
    Familie("Jinja", (
        "{m}{{7*7}}",
        "{m}{{ 'JIN'~'JA' }}",
        "{m}{% if true %}JINJA{% endif %}",
        "{% raw %}{m}{% endraw %}",
        "{m}{{ config }}{{ self.__init__.__globals__ }}",
        "{m}${{7*7}}",
        "{m}{#",
    )),
    Familie("YAML", (
        "---\n{m}: x",
        "{m}: wert",
        "{m} # Kommentar",
        "&anker {m}",
        "*anker {m}",
        "!!python/object/apply:os.system ['echo {m}']",
        "{m}\n---\ntitle: x\n---",
        "'{m}",
        "{m}: [x, {y: z}]",
        "- {m}\n- zweiter",
        "? {m}",
        "|\n  {m}",
    )),
    Familie("Zeilen-Einschub", (
        "{m}\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:eingeschleust\r\nURL:javascript:alert(1)",
        "{m}\nEND:VCARD\nBEGIN:VCARD\nFN:eingeschleust\nURL:javascript:alert(1)",
        "{m}\rX-INJECTED:1",
        "{m};TYPE=x:y,z\\nEND:VEVENT",
        "=cmd|' /C calc'!{m}",
        "+{m}\n\n<script>alert(1)</script>",
        "{m}\u2028<script>alert(1)</script>\u2029x",
    )),
    Familie("Steuerzeichen", (  # control characters and bidi overrides: refused, with their position
        "{m}\u202egnp.exe",
        "{m}\u202ax\u202c",
        "{m}\u2066x\u2069",
        "{m}\x00x",
        "{m}\x1b[31mrot\x1b[0m",
        "{m}\x07\x08\x7f",
        "{m}\x85x",
        "{m}\x0bx\x0cx",
    ), ablehnen=True),
    Familie("Unicode", (  # characters that real text may hold: they only have to come out harmless
        "{m}\u200f\u061c\u200e",
        "{m}\ufeff\u200b\u00ad\u2060",
        "{m}\ud7ff\ue000\ufffd",
        "{m}\U000e0041\U000e007f",
        "{m}\u0301\u0301\u0301",
        "{m}\uff1cscript\uff1e",
        "{m}\u2028\u2029",
    )),
    Familie("Riesig", (
        "{m} " + "Wort " * 20_000,
        "{m}" + "x" * 100_000,
        "{m}" + "[" * 30_000,
        "{m}\n\n" + "> " * 5_000 + "x",
        "{m}\n\n" + "- " * 5_000 + "x",
        "{m}" + "*a" * 15_000,
        "{m}" + "<a" * 50_000,
    ), einzeln=True),
)


def marke(feld: Feld, form: int) -> str:
    return f"zq{feld.nr:03d}s{form:02d}x"


def spur(feld: Feld) -> str:
    """A harmless trace of ``feld`` in the clean corpus (no ``MARKE``: findings never name it)."""
    return f"zq{feld.nr:03d}spur"


MARKE = re.compile(r"zq(\d{3})s(\d{2})x", re.IGNORECASE)


def _nutzlast(form: str, m: str, vorn: str = " ") -> str:
    return form.replace("{m}", m) if "{m}" in form else f"{m}{vorn}{form}"


_ABSOLUT = re.compile(r"\s*([a-z][a-z0-9+.\-\t]*:|//|&#|%[0-9a-f]{2})", re.IGNORECASE)


def teil(art: Art, form: str, m: str) -> str:
    """``form`` with its marker, as it goes into a value of kind ``art``."""
    teil = _nutzlast(form, m, " " if art in (Art.TEXT, Art.MARKDOWN) else "")
    return teil.replace("/", "") if art is Art.DATEI else teil  # a file name, in the folder of the sample's


EIGENE_ENDUNG = re.compile(r"\.[a-z0-9]{2,5}$")


def wert(feld: Feld, sauber: str, teile: list[str]) -> str:
    """Payload parts as one value of ``feld``'s kind, in the form its check may let through:
    a text, an address on the sample's host, a mailbox at example.org, a file beside the sample's."""
    art = feld.art
    if art is Art.TEXT:
        return " ".join(teile)
    if art is Art.MARKDOWN:
        return "\n\n".join(teile)
    if art is Art.URL:
        return teile[0] if len(teile) == 1 and _ABSOLUT.match(teile[0]) else sauber.rstrip("/") + "/" + "/".join(teile)
    if art is Art.EMAIL:
        return "".join(teile) + "@example.org"
    if art is Art.TELEFON:
        return f"{sauber} {''.join(teile)}"
    if art is Art.DATEI:
        ordner, _, name = sauber.rpartition("/")
        stamm = "".join(teile)
        return f"{ordner}/{stamm}" if EIGENE_ENDUNG.search(stamm) else f"{ordner}/{stamm}{PurePosixPath(name).suffix}"
    return "".join(teile)  # a code: ids, postcodes, languages


# How long a joined value of these kinds may get (an e-mail's local part has at most 64 characters,
# a file name at most 255 bytes).
LAENGE = {Art.EMAIL: 60, Art.DATEI: 240}


# --- check and build ------------------------------------------------------------------------------------

def _pruefen_im_kind(root: str) -> tuple[list[tuple[str, int, int, str]], str, str | None]:
    """In the worker: (problems, what was printed, traceback or None)."""
    import contextlib
    import io

    from schulerfolg.buildcache import BuildCache
    from schulerfolg.load import load

    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            result = load(Path(root), TODAY, BuildCache(Path(root).parent / ".cache"))
        return [(p.file, p.line, p.column, p.message) for p in result.problems], out.getvalue(), None
    except BaseException:  # noqa: BLE001 - any exception is a finding, reported with its traceback
        return [], out.getvalue(), traceback.format_exc()


def _erzeugen_im_kind(root: str, ziel: str) -> str | None:
    """In the worker: plan, render and write every page and file without MkDocs; the traceback or None."""
    from schulerfolg.buildcache import BuildCache
    from schulerfolg.generate import generate
    from schulerfolg.load import load

    cache = BuildCache(Path(root).parent / ".cache")
    try:
        shutil.rmtree(ziel, ignore_errors=True)
        result = load(Path(root), TODAY, cache)
        if result.problems:
            return "check: " + "; ".join(map(str, result.problems[:3]))
        generate(result.daten, Path(ziel), cache, result.befunde)
        return None
    except BaseException:  # noqa: BLE001 - the finding is the traceback
        return traceback.format_exc()


def _bauen_im_kind(projekt: str, site: str) -> tuple[bool, str]:
    """In the worker: ``mkdocs build --strict`` as its command line runs it (load the configuration strictly,
    startup hooks, build, shutdown hooks), without starting Python and importing MkDocs, Material and the
    pipeline again for each of the corpus's builds: (built, what MkDocs logged or printed, and any traceback)."""
    import contextlib
    import logging
    import os

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    vorher = logger.level, logger.propagate, dict(os.environ), os.getcwd()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # as the command line has it: MkDocs' messages go to its handler only
    umgebung = build_env()  # mkdocs.yml reads !ENV from it
    os.environ.clear()
    os.environ.update(umgebung)
    os.chdir(projekt)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            config = load_config(str(Path(projekt) / "mkdocs.yml"), strict=True, site_dir=site)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        return True, out.getvalue()
    except BaseException as e:  # noqa: BLE001 - MkDocs' refusal (Abort) or a traceback: both are the outcome
        grund = str(e) if type(e).__module__.startswith(("mkdocs", "click")) else traceback.format_exc()
        return False, out.getvalue() + grund
    finally:
        logger.removeHandler(handler)
        logger.setLevel(vorher[0])
        logger.propagate = vorher[1]
        os.environ.clear()
        os.environ.update(vorher[2])
        os.chdir(vorher[3])


def _plakate_als_html() -> None:
    """In the worker, as in MkDocs (the corpus's hook): posters as their HTML. Both fill one build cache; a
    poster set for real there would reach the next build unread."""
    runpy.run_path(str(PLAKAT_HOOK))


class Pruefer:
    """``check`` (and the core's pages without MkDocs) in a worker process that is replaced when it hangs
    (the caller sees None)."""

    def __init__(self):
        self._pool = None

    def __call__(self, root: Path):
        try:
            return self._im_kind(_pruefen_im_kind, str(root))
        except TimeoutError:
            return None

    def bauen(self, projekt: Path, site: Path) -> tuple[bool, str]:
        """(built, output) of ``mkdocs build --strict`` of ``projekt`` into ``site``."""
        try:
            return self._im_kind(_bauen_im_kind, str(projekt), str(site), zeit=BAU_ZEIT)
        except TimeoutError:
            return False, f"Der Bau dauerte länger als {BAU_ZEIT} s."

    def erzeugen(self, root: Path, ziel: Path) -> str | None:
        """None when the core plans and writes every page of ``root``, else why not."""
        try:
            return self._im_kind(_erzeugen_im_kind, str(root), str(ziel))
        except TimeoutError:
            return f"Die Seiten entstehen nicht binnen {PRUEF_ZEIT} s."

    def _im_kind(self, fn, *args, zeit: float = PRUEF_ZEIT):
        if self._pool is None:
            self._pool = multiprocessing.get_context("spawn").Pool(1, initializer=_plakate_als_html)
        try:
            return self._pool.apply_async(fn, args).get(zeit)
        except multiprocessing.TimeoutError:
            self.close()  # the worker hangs: a new one for the next call
            raise TimeoutError from None

    def close(self):
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


# The corpus's own hook: posters as their HTML, which the scanner reads (the file says why).
PLAKAT_HOOK = Path(__file__).parent / "fixtures/angriff/plakate_als_html.py"
PLAKAT_MARKER = b"<!-- Aushang als HTML: Angriffskorpus -->\n"


def ist_plakat(rel: str) -> bool:
    """A school's notice or a person's panel (site/parts/plakate.py names them so)."""
    return re.fullmatch(r"schulen/[^/]+/aushang\.pdf|tafeln/[^/]+-a3\.pdf", rel) is not None


def projekt(ziel: Path, cache: Path) -> Path:
    """A project to build: mkdocs.yml, docs/, overrides/, hooks/ beside the corpus's data/, and the corpus's
    hook that hands over the posters' HTML."""
    ziel.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "overrides", "hooks"):
        shutil.copytree(ROOT / name, ziel / name)
    shutil.copy(PLAKAT_HOOK, ziel / "hooks" / PLAKAT_HOOK.name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config, n = re.subn(r"^hooks:\n", f"hooks:\n  - hooks/{PLAKAT_HOOK.name}\n", config, flags=re.MULTILINE)
    assert n == 1, "mkdocs.yml has no hooks: list"
    (ziel / "mkdocs.yml").write_text(config, encoding="utf-8")
    (ziel / "src").symlink_to(ROOT / "src")  # mkdocs.yml watches it
    (ziel / ".cache").symlink_to(cache)  # photos and cards are encoded once for all builds
    return ziel


@dataclass
class Bau:
    ok: bool
    ausgabe: str  # what MkDocs printed
    site: Path


def bauen(pruefer: Pruefer, projekt: Path, site: Path) -> Bau:
    if site.exists():
        shutil.rmtree(site)
    ok, ausgabe = pruefer.bauen(projekt, site)
    return Bau(ok, ausgabe, site)


# --- the scanner ------------------------------------------------------------------------------------------

SITE = "https://schulerfolg.dessau-rosslau.de/"  # site_url of mkdocs.yml
SICHERE_SCHEMATA = {"", "http", "https", "mailto", "tel"}
URL_ATTRIBUTE = {"href", "src", "action", "formaction", "data", "poster", "background", "cite", "longdesc",
                 "xlink:href", "ping", "manifest", "codebase", "srcset", "imagesrcset", "itemtype", "profile"}
LADEN = {"src", "srcset", "imagesrcset", "poster", "data", "background", "action", "formaction", "ping", "codebase"}
GEFAEHRLICH = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "meta",
               "link", "style", "portal", "template", "noscript", "input", "button", "textarea", "select"}


@dataclass(frozen=True)
class Fund:
    """Something executable or loaded in an output file; ``art`` and ``schluessel`` say what."""

    art: str
    schluessel: str
    datei: str  # inside the site
    ausschnitt: str

    @property
    def marken(self) -> list[tuple[int, int]]:
        return sorted({(int(a), int(b)) for a, b in MARKE.findall(self.ausschnitt + " " + self.schluessel)})


def _url_normal(value: str) -> str:
    """A URL as a browser reads it: surrounding space and control characters gone, tabs and newlines too."""
    return re.sub(r"[\t\n\r]", "", value).strip(" \x00-\x20")


def _schema(url: str) -> str:
    m = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", _url_normal(url))
    return m.group(1).lower() if m else ""


def _css_urls(css: str) -> list[str]:
    return [u.strip("'\" ") for u in re.findall(r"url\(\s*([^)]*)\)", css, re.IGNORECASE)] + \
        re.findall(r"@import\s+['\"]([^'\"]+)", css, re.IGNORECASE)


def html_funde(html: str, datei: str, seite: str = "") -> Iterator[Fund]:
    """Everything in ``html`` that runs, loads or could: parsed as a browser does (lexbor)."""
    tree = LexborHTMLParser(html)
    basis = urljoin(SITE, seite)
    for node in tree.root.traverse(include_text=False) if tree.root else ():
        tag = node.tag
        if tag in ("-comment", "-text", "-doctype", "_comment"):
            continue
        attrs = {k.lower(): (v or "") for k, v in node.attributes.items()}
        kurz = node.html[:300] if tag not in ("html", "head", "body") else f"<{tag}>"
        for name in attrs:  # an attribute the clean site never has on this element (event handlers: below)
            if not name.startswith("on"):
                yield Fund("Attribut", f"{tag}@{name}", datei, kurz)
        if tag == "script" and (daten := _daten_block(attrs, node.text(deep=True) or "")) is not None:
            yield from _jsonld_funde(daten, basis, datei)
        elif tag == "script":
            inhalt = attrs.get("src") or " ".join((node.text(deep=True) or "").split())
            yield Fund("Skript", inhalt[:2000], datei, kurz)
        elif tag == "meta" and "http-equiv" in attrs:
            yield Fund("Element", f"<meta http-equiv={attrs['http-equiv'].lower()}>", datei, kurz)
        elif tag in GEFAEHRLICH and tag != "meta":  # names only: the values are judged as URLs and scripts
            yield Fund("Element", f"<{tag} {' '.join(sorted(attrs))}>", datei, kurz)
        if tag == "style":
            for u in _css_urls(node.text(deep=True) or ""):
                yield from _url_fund(u, "style", basis, datei, kurz, laden=True)
        for name, value in attrs.items():
            if name.startswith("on"):
                yield Fund("Ereignis", f"{name}={value}", datei, kurz)
            elif name == "style":
                for u in _css_urls(value):
                    yield from _url_fund(u, name, basis, datei, kurz, laden=True)
            elif name in URL_ATTRIBUTE:
                teile = [p.strip().split(" ")[0] for p in value.split(",")] if "srcset" in name else [value]
                laden = name in LADEN or (tag == "link" and name == "href" and not _nur_verweis(attrs))
                for u in teile:
                    yield from _url_fund(u, name, basis, datei, kurz, laden)
            elif tag == "meta" and name == "content" and attrs.get("http-equiv", "").lower() == "refresh":
                yield from _url_fund(value.partition("=")[2], "refresh", basis, datei, kurz, laden=True)


def _daten_block(attrs: dict[str, str], text: str) -> Any | None:
    """A schema.org block (issue 19) that a browser never runs: JSON-LD that is still valid JSON, read. A value
    that broke out of it would leave invalid JSON behind and a script element of its own, both reported."""
    if attrs.get("type", "").strip().lower() != "application/ld+json" or "src" in attrs:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


# schema.org properties whose value is an address: search engines follow them, show images from them.
JSONLD_ADRESSEN = {"url", "@id", "sameAs", "image", "logo", "contentUrl", "thumbnailUrl", "embedUrl"}
JSONLD_LADEN = {"image", "logo", "contentUrl", "thumbnailUrl", "embedUrl"}


def _jsonld_funde(daten: Any, basis: str, datei: str, pfad: str = "") -> Iterator[Fund]:
    """Its structure (a key the clean build has not: a value that became an object) and its addresses."""
    if isinstance(daten, list):
        for v in daten:
            yield from _jsonld_funde(v, basis, datei, pfad + "[]")
    elif isinstance(daten, dict):
        for k, v in daten.items():
            yield Fund("JSON-LD-Schlüssel", f"{pfad}.{k}", datei, f"{pfad}.{k}")
            if k in JSONLD_ADRESSEN and isinstance(v, str):
                yield from _url_fund(v, f"JSON-LD {k}", basis, datei, f"{k}: {v[:300]}", laden=k in JSONLD_LADEN)
            else:
                yield from _jsonld_funde(v, basis, datei, f"{pfad}.{k}")


def _nur_verweis(attrs: dict[str, str]) -> bool:
    """A <link> that the browser does not fetch by itself (canonical, alternate, …)."""
    rel = set(attrs.get("rel", "").lower().split())
    return not rel & {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch",
                      "manifest", "apple-touch-icon", "import", "prerender"}


def _url_fund(url: str, attr: str, basis: str, datei: str, kurz: str, laden: bool) -> Iterator[Fund]:
    schema = _schema(url)
    if schema not in SICHERE_SCHEMATA:
        yield Fund("Linkziel", f"{attr}={_url_normal(url)[:300]}", datei, kurz)
    elif laden:
        host = urlsplit(urljoin(basis, _url_normal(url))).hostname or ""
        if host and host != urlsplit(SITE).hostname:
            yield Fund("Fremder Host", host, datei, kurz)


JINJA = re.compile(MARKE.pattern + r"(?:49|JINJA)")


def text_funde(text: str, datei: str) -> Iterator[Fund]:
    """What no output file of any type may hold: a traceback, evaluated Jinja."""
    if "Traceback (most recent call last)" in text:
        i = text.index("Traceback (most recent call last)")
        yield Fund("Traceback", datei, datei, text[i:i + 300])
    for m in JINJA.finditer(text):
        yield Fund("Jinja ausgewertet", m.group(0), datei, text[max(0, m.start() - 80):m.end() + 80])


def datei_funde(site: Path, rel: str) -> Iterator[Fund]:
    """The findings of one output file, by its type."""
    path = site / rel
    endung = path.suffix.lower()
    if ist_plakat(rel):  # the corpus's posters are their HTML (projekt()): read like a page
        if not path.read_bytes().startswith(PLAKAT_MARKER):
            yield Fund("Aushang ungelesen", rel, rel, path.read_bytes()[:60].decode("latin-1"))
            return
        endung = ".xhtml"
    if endung in (".png", ".jpg", ".jpeg", ".webp", ".gif", ".woff2", ".woff", ".wasm", ".mp4", ".webm",
                  ".pdf", ".odt", ".docx", ".ico"):
        return
    roh = path.read_bytes()
    if endung == ".gz":
        roh = gzip.decompress(roh)
        endung = PurePosixPath(rel[:-3]).suffix
    text = roh.decode("utf-8", errors="replace")
    yield from text_funde(text, rel)
    if endung == ".md":  # a page of the hook-free project: front matter and body, which other tools render
        kopf, text = _front_matter(text)
        if kopf is not None:
            yield from _yaml_funde(kopf, rel)
        seite = rel.removesuffix("index.md").removesuffix(".md") + ("" if rel.endswith("index.md") else "/")
        yield from html_funde(text, rel, seite)
    elif endung in (".html", ".htm", ".svg", ".xhtml"):
        seite = rel.removesuffix("index.html") if rel.endswith("index.html") else rel
        yield from html_funde(text, rel, seite)
    elif endung in (".js", ".css", ".map") and MARKE.search(text):
        m = MARKE.search(text)
        yield Fund("Daten in Skript oder Stil", m.group(0), rel, text[max(0, m.start() - 100):m.end() + 100])
    elif endung == ".json":
        yield from _json_funde(text, rel)
    elif endung == ".xml":
        yield from _xml_funde(text, rel)
    elif endung in (".yml", ".yaml"):
        yield from _yaml_funde(text, rel)
    elif endung in (".vcf", ".ics"):
        yield from _zeilen_funde(text, rel)
    elif endung == ".csv":
        yield from csv_funde(text, rel)


# A spreadsheet runs a cell that begins with one of these as a formula (formats/tabelle.py guards against it).
FORMELZEICHEN = ("=", "+", "-", "@", "\t", "\r")


def csv_funde(text: str, rel: str) -> Iterator[Fund]:
    """Cells of a downloadable table that a spreadsheet would run (CSV injection)."""
    for zeile in csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"):
        for zelle in zeile:
            if zelle.startswith(FORMELZEICHEN):
                yield Fund("Formel in Tabelle", zelle[:40], rel, zelle[:200])


def _front_matter(text: str) -> tuple[str | None, str]:
    m = re.match(r"---\r?\n(.*?)\r?\n---\r?\n", text, re.DOTALL)
    return (m.group(1), text[m.end():]) if m else (None, text)


def _json_funde(text: str, rel: str) -> Iterator[Fund]:
    try:
        data = json.loads(text)
    except ValueError as e:
        yield Fund("Kaputtes JSON", str(e), rel, text[:200])
        return
    for doc in data.get("docs", []) if isinstance(data, dict) else []:  # the search index: shown as HTML
        for key in ("title", "text"):
            yield from html_funde(str(doc.get(key, "")), rel, doc.get("location", ""))
        loc = str(doc.get("location", ""))
        if _schema(loc) not in SICHERE_SCHEMATA or loc.startswith("//"):
            yield Fund("Linkziel", f"location={loc}", rel, loc)


def _xml_funde(text: str, rel: str) -> Iterator[Fund]:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as e:
        yield Fund("Kaputtes XML", str(e), rel, text[:200])
        return
    for el in root.iter():
        if el.tag.endswith("loc") and not (el.text or "").startswith(SITE):
            yield Fund("Fremde Adresse", el.text or "", rel, el.text or "")
    if root.tag == ATOM + "feed":
        yield from _atom_funde(root, rel)


ATOM = "{http://www.w3.org/2005/Atom}"


def _atom_funde(root: ET.Element, rel: str) -> Iterator[Fund]:
    """A news feed: its elements (one that the clean feed has not: a value broke out), its links, and what
    feed readers show as HTML (``type="html"``), scanned as a page."""
    for el in root.iter():
        name = el.tag.removeprefix(ATOM)
        yield Fund("Feed-Element", f"<{name} {' '.join(sorted(el.attrib))}>", rel, name)
        if "href" in el.attrib:
            yield from _url_fund(el.attrib["href"], f"{name}@href", SITE, rel, ET.tostring(el, "unicode")[:300],
                                 laden=el.attrib.get("rel") == "enclosure")
        if name in ("icon", "logo", "uri"):
            yield from _url_fund(el.text or "", name, SITE, rel, el.text or "", laden=name != "uri")
        if el.attrib.get("type") in ("html", "xhtml"):
            inhalt = el.text if el.attrib["type"] == "html" else "".join(ET.tostring(k, "unicode") for k in el)
            yield from html_funde(inhalt or "", rel, "aktuelles/")


def _schluessel(data: Any, pfad: str = "") -> Iterator[str]:
    if isinstance(data, dict):
        for k, v in data.items():
            yield f"{pfad}.{k}"
            yield from _schluessel(v, f"{pfad}.{k}")
    elif isinstance(data, list):
        for v in data:
            yield from _schluessel(v, pfad + "[]")


def _yaml_funde(text: str, rel: str) -> Iterator[Fund]:
    try:
        data = yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        yield Fund("Kaputtes YAML", str(e)[:200], rel, text[:200])
        return
    for key in _schluessel(data):
        yield Fund("YAML-Schlüssel", key, rel, key)


def _zeilen_funde(text: str, rel: str) -> Iterator[Fund]:
    """vCard and iCalendar: the properties (a line break in a value must not start a new one)."""
    entfaltet = re.sub(r"\r?\n[ \t]", "", text)
    zeilen = [z for z in re.split(r"\r\n|\n|\r", entfaltet) if z]
    anfaenge = Counter(z for z in zeilen if z.startswith("BEGIN:"))
    yield Fund("Aufbau", " ".join(f"{k}×{n}" for k, n in sorted(anfaenge.items())), rel, rel)
    for z in zeilen:
        name, _, wert = z.partition(":")
        name = name.split(";")[0].upper()
        yield Fund("Eigenschaft", name, rel, z[:200])
        if name == "URL" and _schema(wert) not in ("http", "https"):
            yield Fund("Linkziel", z, rel, z[:200])


def untersuchen(site: Path, gleich: dict[str, str] | None = None) -> list[Fund]:
    """Every finding in every file of a built site; files with the same bytes as in ``gleich``
    (the clean build's hashes) are left out, as they can hold only what the clean build holds."""
    funde: list[Fund] = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        funde.append(Fund("Datei", _dateiart(rel), rel, rel))
        if gleich is None or gleich.get(rel) != _hash(path):
            funde.extend(datei_funde(site, rel))
    return funde


def _hash(path: Path) -> str:
    return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()


def _hashes(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): _hash(p) for p in site.rglob("*") if p.is_file()}


def _dateiart(rel: str) -> str:
    """An output file's name as far as it matters: its folder pattern and ending (names come from ids; a folder
    named after a value, such as a district's filter page, counts as one pattern while the name is a plain slug)."""
    ordner, _, name = rel.rpartition("/")
    ordner = "/".join("*" if MARKE.search(t) and SLUG.fullmatch(t) else t for t in ordner.split("/")) if ordner else ""
    name = re.sub(r"[^/]+(\.[A-Za-z0-9]+)$", r"*\1", name) if "." in name else name
    return f"{ordner}/{name}" if ordner else name


# Findings that count wherever they are, even if the clean build had the same (it has none).
IMMER = {"Traceback", "Jinja ausgewertet", "Daten in Skript oder Stil", "Kaputtes JSON", "Kaputtes XML",
         "Kaputtes YAML", "Fremde Adresse", "Aushang ungelesen"}
# Findings compared per file (a vCard's structure), the others across the whole site.
JE_DATEI = {"Aufbau"}


def neue(funde: list[Fund], sauber: list[Fund]) -> list[Fund]:
    """The findings of a hostile build that the clean build does not have."""
    bekannt = {_vergleich(f) for f in sauber}
    ordner = [f.schluessel for f in sauber if f.art == "Datei"]
    out, gesehen = [], set()
    for f in funde:
        key = _vergleich(f)
        if f.art == "Datei" and "/*/" in f"/{f.schluessel}" and any(_passt(o, f.schluessel) for o in ordner):
            continue  # a folder named after a value, where the clean build has one named after its value
        if (f.art in IMMER or key not in bekannt) and key not in gesehen:
            gesehen.add(key)
            out.append(f)
    return out


def _passt(name: str, muster: str) -> bool:
    """Whether a file pattern of the clean build fits ``muster`` (``*``: one folder or file name)."""
    return re.fullmatch(re.escape(muster).replace(r"\*", "[^/]*"), name) is not None


def _vergleich(f: Fund) -> tuple:
    return (f.art, f.schluessel, _dateiart(f.datei) if f.art in JE_DATEI else "")


# Where a news item's text fields must arrive besides its own page, where every one must: the Atom feed,
# the schema.org block. A new field that belongs in them goes here.
MELDUNG_AUSGABEN = {"titel": {"Feed", "JSON-LD"}, "anreisser": {"Feed", "JSON-LD"}, "text": {"Feed"}}


def fehlende_spuren(site: Path, korpus: Korpus) -> list[str]:
    """The outputs that miss the trace of a news field: then the payloads in that field test nothing there."""
    fehlt = []
    for f, s in korpus.spuren.items():
        kennung = PurePosixPath(f.datei).stem
        seite = site / "aktuelles" / kennung / "index.html"
        html = seite.read_text(encoding="utf-8") if seite.exists() else ""
        ausgaben = {"Seite": html, "Feed": (site / "aktuelles.xml").read_text(encoding="utf-8"),
                    "JSON-LD": _jsonld_text(html)}
        for wo in {"Seite"} | MELDUNG_AUSGABEN.get(f.name, set()):
            if s not in ausgaben[wo]:
                fehlt.append(f"{f}: {wo}")
    return fehlt


def _jsonld_text(html: str) -> str:
    """The values of a page's schema.org blocks, as JSON reads them."""
    tree = LexborHTMLParser(html)
    return " ".join(json.dumps(json.loads(n.text() or "null"), ensure_ascii=False)
                    for n in tree.css('script[type="application/ld+json"]'))


# --- the attack: rounds of check and build ---------------------------------------------------------------

ENGLISCH = re.compile(r"\b(the|should|must|is not|invalid|Input|Value error|string|field|expected|error|Error|"
                      r"characters?|allowed|at least|at most|type|valid|Traceback)\b"
                      r"|\b[a-z]+_[a-z_]+\b")  # an error code such as string_too_long


def deutsch(message: str) -> bool:
    """Whether a message is German: English words or error codes outside the quoted value (»…«) give it away."""
    return bool(message) and not ENGLISCH.search(re.sub(r"»[^«]*«", "»…«", message))


Paar = tuple[int, int]  # (field number, payload number)


@dataclass
class Outcome:
    familie: str
    felder: int
    formen: int
    abgelehnt: set[Paar] = field(default_factory=set)  # check refused it at the field's line, in German
    gebaut: set[Paar] = field(default_factory=set)  # went through a strict build
    befunde: list[str] = field(default_factory=list)
    befallen: set[Paar] = field(default_factory=set)  # pairs named by a finding
    pruefungen: int = 0
    baue: int = 0
    runden: int = 0
    fehlbauten: int = 0  # failed builds that were halved to find the field

    @property
    def paare(self) -> int:
        return self.felder * self.formen

    @property
    def sauber_gebaut(self) -> int:
        return len(self.gebaut - self.befallen)

    def zeile(self) -> dict[str, int | str]:
        """This family's row of ``tabelle``."""
        return {"familie": self.familie, "formen": self.formen, "felder": self.felder, "paare": self.paare,
                "abgelehnt": len(self.abgelehnt), "gebaut": self.sauber_gebaut, "befunde": len(self.befunde),
                "bauten": self.baue}


def tabelle(zeilen: list[dict[str, int | str]]) -> str:
    """The figures of every family run, in the order of FAMILIEN, and their sum."""
    reihenfolge = [f.name for f in FAMILIEN]
    zeilen = sorted(zeilen, key=lambda z: reihenfolge.index(z["familie"]))
    kopf = f"{'Familie':<18}{'Formen':>7}{'Felder':>7}{'Paare':>7}{'abgelehnt':>10}{'gebaut':>8}{'Befunde':>8}{'Bauten':>7}"
    out = [kopf, "-" * len(kopf)]
    for z in zeilen + [{"familie": "zusammen", **{k: sum(z[k] for z in zeilen) for k in (
            "formen", "paare", "abgelehnt", "gebaut", "befunde", "bauten")}, "felder": zeilen[0]["felder"]}]:
        out.append(f"{z['familie']:<18}{z['formen']:>7}{z['felder']:>7}{z['paare']:>7}{z['abgelehnt']:>10}"
                   f"{z['gebaut']:>8}{z['befunde']:>8}{z['bauten']:>7}")
    return ("Angriffskorpus (Paare = Felder × Formen; abgelehnt: von check an der Zeile des Feldes; "
            "gebaut: ohne Befund durch den strengen Bau)\n" + "\n".join(out))


# What the corpus's cache takes over from the repository's: files named by what decides their bytes (photos, film
# copies, social cards), so the clean build does not make again what the sample's data made already.
GEERBT = ("bilder", "filme", "og")


class Angriff:
    """The corpus in a project folder, the clean build to compare with, and one run per payload family."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        cache = tmp / "cache"
        cache.mkdir()
        for art in GEERBT:
            if (ROOT / ".cache" / art).is_dir():  # less what another process is writing now (renamed when whole)
                shutil.copytree(ROOT / ".cache" / art, cache / art, ignore=shutil.ignore_patterns(".*.tmp"))
        self.projekt = projekt(tmp / "projekt", cache)
        self.korpus = Korpus(self.projekt / "data")
        self.felder = self.korpus.felder
        self.pruefer = Pruefer()
        self.verdaechtig: set[Feld] = set()  # fields that broke a build: tried first when the next one breaks
        self._neue_dateien: list[Path] = []
        self.sauber_zeilen = self.korpus.schreiben({})
        res = self.pruefer(self.korpus.root)
        assert res is not None and not res[0] and res[2] is None, f"the clean corpus fails check: {res}"
        bau = bauen(self.pruefer, self.projekt, tmp / "sauber")
        assert bau.ok, "the clean corpus does not build:\n" + bau.ausgabe[-3000:]
        self.sauber_site = bau.site
        self.sauber_hashes = _hashes(bau.site)
        self.sauber = untersuchen(bau.site)
        plakate = [f.datei for f in self.sauber if f.art == "Datei" and ist_plakat(f.datei)]
        assert plakate and not [f for f in self.sauber if f.art == "Aushang ungelesen"], \
            "the clean corpus's posters are not their HTML: tests/fixtures/angriff/plakate_als_html.py"
        warum = self.pruefer.erzeugen(self.korpus.root, tmp / "erzeugt-sauber")
        assert warum is None, f"the clean corpus does not generate:\n{warum}"
        self.sauber_erzeugt = untersuchen(tmp / "erzeugt-sauber")

    def close(self) -> None:
        self.pruefer.close()

    # values ----------------------------------------------------------------------------------------------
    def _wert(self, f: Feld, familie: Familie, gruppe: list[int]) -> str:
        value = wert(f, self.korpus.sauber[f], [teil(f.art, familie.alle[i], marke(f, i)) for i in gruppe])
        if f.art is Art.DATEI:
            self._datei_anlegen(f, value)
        return value

    def _datei_anlegen(self, f: Feld, value: str) -> None:
        """A hostile path names a real file, so that the name itself is tried (where the system allows it)."""
        ziel = self.korpus.root / value
        try:
            if ziel.parent != self.korpus.root / PurePosixPath(value).parent or ziel.exists():
                return
            shutil.copyfile(self.korpus.root / self.korpus.sauber[f], ziel)
            self._neue_dateien.append(ziel)
        except (OSError, ValueError):
            pass  # a name no file system takes: the check must refuse the path

    def _aufraeumen(self) -> None:
        for p in self._neue_dateien:
            p.unlink(missing_ok=True)
        self._neue_dateien.clear()

    def _gruppen(self, f: Feld, angenommen: list[int], familie: Familie) -> list[list[int]]:
        """How the accepted payloads of ``f`` go into builds: as many at once as its kind can hold."""
        if familie.einzeln or f.art in (Art.TELEFON, Art.KENNUNG):
            return [[i] for i in angenommen]
        teile = {i: teil(f.art, familie.alle[i], marke(f, i)) for i in angenommen}
        grenze = (f.laenge or 10**9) - (len(self.korpus.sauber[f]) + 1 if f.art is Art.URL else 0)
        if f.art is Art.MARKDOWN:  # each payload a block of its own: each is at the end of its line
            return _haeppchen(angenommen, teile, grenze, 2)
        if f.art is Art.TEXT:  # one line: a payload that works only at the end has a build of its own
            vorn = [i for i in angenommen if i < len(familie.formen)]
            return _haeppchen(vorn, teile, grenze, 1) + [[i] for i in angenommen if i not in vorn]
        if f.art is Art.URL:
            absolut = [i for i in angenommen if _ABSOLUT.match(teile[i])]
            relativ = [i for i in angenommen if i not in absolut]
            return _haeppchen(relativ, teile, grenze, 1) + [[i] for i in absolut]
        if f.art is Art.DATEI:  # a payload with an ending of its own stays alone, the others share a name
            eigene = [[i] for i in angenommen if EIGENE_ENDUNG.search(teile[i])]
            return eigene + _haeppchen([i for i in angenommen if [i] not in eigene], teile, LAENGE[f.art])
        return _haeppchen(angenommen, teile, LAENGE[f.art])

    # check -----------------------------------------------------------------------------------------------
    def _pruefen(self, werte: dict[Feld, str], erg: Outcome) -> tuple[dict[Feld, list[str]], list[str]] | None:
        """Check ``werte``; (problems at each field's line, other problems), or None when the check hung."""
        zeilen = self.korpus.schreiben(werte)
        erg.pruefungen += 1
        res = self.pruefer(self.korpus.root)
        if res is None:
            erg.befunde.append(f"check hängt (über {PRUEF_ZEIT} s) bei den Feldern "
                               + ", ".join(f"{f} ({_kurz(v)})" for f, v in list(werte.items())[:5]) + " …")
            return None
        problems, gedruckt, fehler = res
        if fehler:
            erg.befunde.append(f"check wirft eine Ausnahme: {fehler[-1500:]}")
            return None
        if gedruckt.strip():
            erg.befunde.append(f"check druckt etwas aus: {gedruckt[:300]!r}")
        am_feld = {(f"data/{f.datei}", zeilen[f]): f for f in werte}
        gefunden: dict[Feld, list[str]] = defaultdict(list)
        sonst = []
        for datei, line, col, message in problems:
            text = f"{datei}:{line}:{col}: {message}"
            if not deutsch(message):
                erg.befunde.append(f"Meldung nicht deutsch: {_kurz(text, 300)}")
            f = am_feld.get((datei, line))
            if f is not None:
                gefunden[f].append(text)
            else:
                sonst.append(text)
        return gefunden, sonst

    def _nur_angenommene(self, werte: dict[Feld, str], erg: Outcome) -> tuple[dict[Feld, str], set[Feld]] | None:
        """Check ``werte``; refused fields go back to clean and the rest is checked again (a refused field can
        hide the checks of its neighbours), until the check passes. (What is left, what was refused), or None
        when the check hung or broke."""
        abgelehnt: set[Feld] = set()
        while True:
            res = self._pruefen(werte, erg)
            if res is None:
                return None
            gefunden, sonst = res
            if not gefunden and not sonst:
                return werte, abgelehnt
            if gefunden:
                abgelehnt |= set(gefunden)
                werte = {f: v for f, v in werte.items() if f not in gefunden}
            elif kennungen := {f for f in werte if f.art is Art.KENNUNG}:
                # an id that is valid but new breaks the entries that refer to the sample's id: check refuses
                # the data at those references, which is right
                abgelehnt |= kennungen
                werte = {f: v for f, v in werte.items() if f not in kennungen}
            else:  # problems no field's line explains: reported, and the fields of those files left out
                for text in sonst:
                    erg.befunde.append(f"Meldung nennt nicht die Zeile eines Feldes: {_kurz(text, 300)}")
                dateien = {t.split(":")[0] for t in sonst}
                rest = {f: v for f, v in werte.items() if f"data/{f.datei}" not in dateien}
                werte = rest if len(rest) < len(werte) else {}

    # rounds ----------------------------------------------------------------------------------------------
    def angreifen(self, familie: Familie) -> Outcome:
        erg = Outcome(familie.name, len(self.felder), len(familie.alle))
        angenommen: dict[Feld, list[int]] = {f: [] for f in self.felder}
        for i in range(len(familie.alle)):  # every payload in every field: what does check refuse?
            for werte in _portionen({f: self._wert(f, familie, [i]) for f in self.felder}):
                res = self._nur_angenommene(werte, erg)
                self._aufraeumen()
                if res is None:
                    break  # reported; the other portions of this payload would hang the same way
                for f in res[0]:
                    angenommen[f].append(i)
                erg.abgelehnt |= {(f.nr, i) for f in res[1]}
        if familie.ablehnen:
            for f, formen in angenommen.items():
                if formen:
                    erg.befunde.append(f"check nimmt an: {f} × Form {','.join(map(str, formen))} "
                                       f"(»{_kurz(self._wert(f, familie, formen[:1]))}«)")
                    erg.befallen |= {(f.nr, i) for i in formen}
            self._aufraeumen()
            return erg
        offen = {f: self._gruppen(f, angenommen[f], familie) for f in self.felder}
        while any(offen.values()):  # every accepted payload through a strict build, as many at once as pass
            erg.runden += 1
            runde = {f: g.pop(0) for f, g in offen.items() if g}
            werte = {f: self._wert(f, familie, g) for f, g in runde.items()}
            for zurueck in _zurueckstellen(werte):
                offen[zurueck].insert(0, runde.pop(zurueck))
                del werte[zurueck]
            res = self._nur_angenommene(werte, erg)
            if res is None:
                self._aufraeumen()
                break  # reported; the rest of this family cannot be judged
            angenommene, abgelehnt = res
            for f in abgelehnt:
                gruppe = runde[f]
                if len(gruppe) > 1:  # refused only together (e.g. too long): try the halves
                    offen[f][:0] = [gruppe[: len(gruppe) // 2], gruppe[len(gruppe) // 2:]]
                else:
                    erg.abgelehnt.add((f.nr, gruppe[0]))
            if angenommene:
                angenommene = self._ohne_bekannte_schuldige(angenommene, runde, erg)
            if angenommene:
                self._bauen(familie, {f: runde[f] for f in angenommene}, angenommene, erg)
            self._aufraeumen()
        return erg

    def _bauen(self, familie: Familie, runde: dict[Feld, list[int]], werte: dict[Feld, str], erg: Outcome) -> None:
        """Build ``werte`` (which check passed) and scan the site; a failed build is halved until one field is left."""
        self.korpus.schreiben(werte)
        erg.baue += 1
        bau = bauen(self.pruefer, self.projekt, self.tmp / "site")
        paare = {(f.nr, i) for f, g in runde.items() for i in g}
        if not bau.ok and len(werte) > 1:  # which field breaks it? Named in MkDocs' output, or found without MkDocs
            schuldig = _genannt(bau.ausgabe, werte) or self._schuldige(werte, erg)
            self.verdaechtig |= set(schuldig)
            for f, warum in schuldig.items():
                erg.befunde.append(f"Bau scheitert an {f} = »{_kurz(werte[f])}«\n      {_kurz(_letzte_zeilen(warum), 600)}")
                erg.befallen |= {(f.nr, i) for i in runde[f]}
                erg.gebaut |= {(f.nr, i) for i in runde[f]}
            if schuldig:
                rest = [f for f in werte if f not in schuldig]
                if rest:
                    self._bauen(familie, {f: runde[f] for f in rest}, {f: werte[f] for f in rest}, erg)
                return
        if not bau.ok:
            if len(werte) > 1 and erg.fehlbauten < MAX_FEHLBAUTEN:
                erg.fehlbauten += 1
                felder = list(werte)
                for haelfte in (felder[: len(felder) // 2], felder[len(felder) // 2:]):
                    self._bauen(familie, {f: runde[f] for f in haelfte}, {f: werte[f] for f in haelfte}, erg)
                return
            grund = "Traceback" if "Traceback" in bau.ausgabe else "Fehler"
            erg.befunde.append(f"Bau scheitert ({grund}) mit {len(werte)} Feld(ern): "
                               + ", ".join(f"{f} = »{_kurz(v)}«" for f, v in list(werte.items())[:3])
                               + f"\n      {_kurz(_letzte_zeilen(bau.ausgabe), 600)}")
            erg.befallen |= paare
            erg.gebaut |= paare
            return
        erg.gebaut |= paare
        gruppen: dict[tuple, list[Fund]] = defaultdict(list)  # one line per kind of finding and field
        for fund in neue(untersuchen(bau.site, self.sauber_hashes), self.sauber):
            betroffen = {p for p in fund.marken if p in paare}
            erg.befallen |= betroffen or paare
            gruppen[fund.art, tuple(sorted({nr for nr, _ in betroffen}))].append(fund)
        warum = self.pruefer.erzeugen(self.korpus.root, self.tmp / "erzeugt")  # the same data without hooks
        if warum is not None:
            erg.befunde.append(f"generate scheitert, wo der Bau gelingt: {_kurz(_letzte_zeilen(warum), 600)}")
            erg.befallen |= paare
        else:
            for fund in neue(untersuchen(self.tmp / "erzeugt"), self.sauber_erzeugt):
                betroffen = {p for p in fund.marken if p in paare}
                erg.befallen |= betroffen or paare
                gruppen["erzeugt: " + fund.art, tuple(sorted({nr for nr, _ in betroffen}))].append(fund)
        for (art, _), funde in gruppen.items():
            erg.befunde.append(self._bericht(art, funde))
        for f, text in _nicht_woertlich(bau.site, werte):
            erg.befunde.append(f"{f}: Text nicht wörtlich auf der Seite ({text})")
            erg.befallen |= {(f.nr, i) for i in runde[f]}

    def _ohne_bekannte_schuldige(self, werte: dict[Feld, str], runde: dict[Feld, list[int]],
                                 erg: Outcome) -> dict[Feld, str]:
        """A field that broke a build before is tried alone without MkDocs first: a broken build costs more."""
        for f in [f for f in werte if f in self.verdaechtig]:
            warum = self._schuldige({f: werte[f]}, erg).get(f)
            if warum is not None:
                erg.befunde.append(f"Bau scheitert an {f} = »{_kurz(werte[f])}«\n      {_kurz(_letzte_zeilen(warum), 600)}")
                erg.befallen |= {(f.nr, i) for i in runde[f]}
                erg.gebaut |= {(f.nr, i) for i in runde[f]}
                werte = {g: v for g, v in werte.items() if g is not f}
        return werte

    def _schuldige(self, werte: dict[Feld, str], erg: Outcome) -> dict[Feld, str]:
        """The fields whose value alone keeps the core from writing the site, and why: the fields that broke
        a build before are tried first, the others found by halving."""
        verdacht = [f for f in werte if f in self.verdaechtig]
        if verdacht and len(verdacht) < len(werte):
            ohne = {f: v for f, v in werte.items() if f not in verdacht}
            if not self._schuldige(ohne, erg):
                return {f: w for f in verdacht for f, w in self._schuldige({f: werte[f]}, erg).items()}
        self.korpus.schreiben(werte)
        erg.pruefungen += 1
        warum = self.pruefer.erzeugen(self.korpus.root, self.tmp / "erzeugt")
        if warum is None:
            return {}
        if len(werte) == 1:
            return {f: warum for f in werte}
        felder = list(werte)
        schuldig = {}
        for haelfte in (felder[: len(felder) // 2], felder[len(felder) // 2:]):
            schuldig |= self._schuldige({f: werte[f] for f in haelfte}, erg)
        return schuldig

    def _bericht(self, art: str, funde: list[Fund]) -> str:
        """One line: what, which field × which payloads, where (first file and how many more), an example."""
        formen: dict[int, set[int]] = defaultdict(set)
        for fund in funde:
            for nr, i in fund.marken:
                if nr < len(self.felder):
                    formen[nr].add(i)
        wer = "; ".join(f"{self.felder[nr]} × Form {','.join(map(str, sorted(i)))}" for nr, i in sorted(formen.items()))
        dateien = sorted({f.datei for f in funde})
        wo = dateien[0] + (f" (+{len(dateien) - 1} weitere)" if len(dateien) > 1 else "")
        f = funde[0]
        return f"{art} in {wo}: {wer or 'ohne Marke'}\n      {_kurz(f.schluessel, 120)} | {_kurz(f.ausschnitt, 240)}"


def _haeppchen(nummern: list[int], teile: dict[int, str], laenge: int, trenner: int = 0) -> list[list[int]]:
    """``nummern`` in groups whose parts, joined by ``trenner`` characters, stay within ``laenge`` bytes."""
    gruppen: list[list[int]] = []
    for i in nummern:
        if gruppen and sum(len(teile[j].encode()) + trenner for j in gruppen[-1]) + len(teile[i].encode()) <= laenge:
            gruppen[-1].append(i)
        else:
            gruppen.append([i])
    return gruppen


def _portionen(werte: dict[Feld, str]) -> Iterator[dict[Feld, str]]:
    """``werte`` in portions that keep every data file within DATEI_BUDGET."""
    rest = dict(werte)
    while rest:
        portion: dict[Feld, str] = {}
        groesse: Counter[str] = Counter()
        for f, v in list(rest.items()):
            n = len(v.encode("utf-8"))
            if not portion or groesse[f.datei] + n <= DATEI_BUDGET or not groesse[f.datei]:
                portion[f] = v
                groesse[f.datei] += n
                del rest[f]
        yield portion


def _zurueckstellen(werte: dict[Feld, str]) -> list[Feld]:
    """Fields to leave for a later round so that every data file stays within DATEI_BUDGET."""
    groesse: Counter[str] = Counter()
    spaeter = []
    for f, v in werte.items():
        n = len(v.encode("utf-8"))
        if groesse[f.datei] and groesse[f.datei] + n > DATEI_BUDGET:
            spaeter.append(f)
        else:
            groesse[f.datei] += n
    return spaeter


def _genannt(ausgabe: str, werte: dict[Feld, str]) -> dict[Feld, str]:
    """The fields whose marker MkDocs names in its warnings or errors, and those lines."""
    zeilen: dict[int, list[str]] = defaultdict(list)
    for zeile in ausgabe.splitlines():
        for nr in {int(nr) for nr, _ in MARKE.findall(zeile)}:
            zeilen[nr].append(zeile.strip())
    return {f: "\n".join(zeilen[f.nr][:2]) for f in werte if f.nr in zeilen}


def _letzte_zeilen(ausgabe: str) -> str:
    """The end of MkDocs' output: the error or the last lines of a traceback."""
    zeilen = [z for z in ausgabe.strip().splitlines() if z.strip()]
    return " | ".join(zeilen[-4:])


def _kurz(text: str, n: int = 80) -> str:
    text = repr(text)[1:-1]
    return text if len(text) <= n else text[: n - 1] + "…"


def _normal(text: str) -> str:
    return " ".join(text.split())


def _nicht_woertlich(site: Path, werte: dict[Feld, str]) -> Iterator[tuple[Feld, str]]:
    """Plain-text fields shown on a page must show exactly what the data says (no markup made of it)."""
    texte = {}
    for path in site.rglob("*.html"):
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        tree.strip_tags(["script"])  # JSON-LD holds the same texts as JSON strings (\u0027 for »'«), not as text
        body = tree.body
        texte[path.relative_to(site).as_posix()] = _normal(body.text(deep=True, separator="")) if body else ""
    for f, value in werte.items():
        if f.art is not Art.TEXT:
            continue
        m = MARKE.search(value).group(0)
        soll = _normal(value)
        for seite, text in texte.items():
            if m in text and soll not in text:
                i = text.index(m)
                yield f, f"{seite}: »{_kurz(text[max(0, i - 40):i + 120], 200)}«"
                break
