"""Read one YAML data file into plain Python values, remembering where each value stands.

PyYAML alone silently keeps the last of two equal keys, expands aliases without
limit and forgets positions. Here the composed node tree is walked by hand so that
every value's line and column is kept, duplicate keys are reported, and aliases
cannot blow up (a "billion laughs" file becomes a problem, not a hang).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problem import Problem

Loc = tuple[str | int, ...]

MAX_BYTES = 2_000_000  # far above any real data file; keeps hostile input cheap
MAX_NODES = 200_000  # values after alias expansion
MAX_DEPTH = 40
_STANDARD_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_STANDARD_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_STR = _STANDARD_TAG + "str"
# libyaml's parser and emitter where PyYAML was built with it: several times faster than pure Python.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass
class Source:
    """A parsed data file: its values, and where each one stands."""

    file: str  # display path, e.g. "data/schulen.yml"
    data: Any = None
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)  # loc → (line, col) of the value
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)  # loc → (line, col) of its key
    problems: list[Problem] = field(default_factory=list)

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Where ``loc`` stands; for a missing value, where its nearest ancestor stands."""
        if key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        line, col = self.position(loc, key=key)
        return Problem(self.file, line, col, message)


class _Abort(Exception):
    def __init__(self, line: int, col: int, message: str):
        self.line, self.col, self.message = line, col, message


def read(path: Path, display: str) -> Source:
    """Parse ``path``; every mistake becomes a Problem in ``Source.problems``."""
    src = Source(display)
    try:
        raw = path.read_bytes()
    except OSError as e:
        src.problems.append(Problem(display, 0, 0, f"Die Datei kann nicht gelesen werden ({e.strerror})."))
        return src
    if len(raw) > MAX_BYTES:
        src.problems.append(Problem(display, 0, 0,
            f"Die Datei ist mit {len(raw) // 1000} KB viel zu groß (höchstens {MAX_BYTES // 1000} KB). "
            "Prüfen Sie, ob versehentlich etwas anderes hineinkopiert wurde."))
        return src
    text = _decode(raw, src)
    if text is None:
        return src
    try:
        _parse(text, src)
    except _Abort as e:
        src.data = None
        src.problems.append(Problem(display, e.line, e.col, e.message))
    return src


def _decode(raw: bytes, src: Source) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        src.problems.append(Problem(src.file, line, 0,
            "Die Datei ist nicht in UTF-8 gespeichert. Speichern Sie sie im Editor mit der Kodierung »UTF-8«."))
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        src.problems.append(Problem(src.file, line, 0,
            "Die Datei enthält Binärdaten und ist keine Textdatei. Ersetzen Sie sie durch die richtige YAML-Datei."))
        return None
    return text


def _parse(text: str, src: Source) -> None:
    loader = LOADER(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise _Abort(line, col, _syntax_message(e, text, mark)) from None
    except yaml.YAMLError as e:  # reader errors carry an offset, not a mark
        pos = getattr(e, "position", None)
        line = text[:pos].count("\n") + 1 if isinstance(pos, int) else 0
        raise _Abort(line, 0, "Die Datei enthält ein Zeichen, das in YAML nicht erlaubt ist. Löschen Sie es.") from None
    except RecursionError:
        raise _Abort(0, 0, "Die Datei ist zu tief verschachtelt. Prüfen Sie die Einrückung.") from None
    finally:
        loader.dispose()
    if node is not None:
        src.data = _Builder(loader, src).build(node, ())


def _syntax_message(e: yaml.MarkedYAMLError, text: str, mark) -> str:
    what = (e.problem or "").lower()
    lines = text.splitlines()
    here = lines[mark.line] if mark and mark.line < len(lines) else ""
    if "\t" in here[: len(here) - len(here.lstrip())] or "'\\t'" in what:
        hint = "Rücken Sie mit Leerzeichen ein, nicht mit Tabulatoren."
    elif "found undefined alias" in what:
        hint = "Ein Verweis mit * zeigt auf einen Anker (&), den es nicht gibt."
    elif "expected a single document" in what or "but found another document" in what:
        hint = "Die Datei darf nur ein Dokument enthalten: löschen Sie die zusätzliche Zeile »---«."
    elif "mapping values are not allowed" in what:
        hint = ("Ein Doppelpunkt steht an einer unerwarteten Stelle. Steht er in einem Text, "
                "setzen Sie den ganzen Text in Anführungszeichen.")
    elif "could not find expected ':'" in what:
        hint = "Nach dem Feldnamen fehlt ein Doppelpunkt, oder ein Text in Anführungszeichen ist nicht geschlossen."
    elif "found unexpected end of stream" in what:
        hint = "Ein Anführungszeichen oder eine Klammer wird nicht geschlossen."
    elif "did not find expected key" in what or "expected <block end>" in what:
        hint = "Die Einrückung stimmt nicht: Einträge derselben Ebene müssen genau untereinander stehen."
    elif "exceeded max depth" in what:
        hint = "Die Datei ist zu tief verschachtelt. Prüfen Sie die Einrückung."
    else:
        hint = "Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen in dieser Zeile und der davor."
    return f"Die Datei ist kein gültiges YAML. {hint}"


class _Builder:
    """Turns composed nodes into dicts, lists and scalars, recording positions."""

    def __init__(self, loader: Any, src: Source):
        self.loader, self.src, self.count = loader, src, 0

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _Abort(node.start_mark.line + 1, node.start_mark.column + 1,
                "Die Datei enthält zu viele Werte oder Verweise (Anker & und Aliase *). "
                "Schreiben Sie die Einträge aus, statt sie über Verweise zu vervielfachen.")
        if len(loc) > MAX_DEPTH:
            raise _Abort(node.start_mark.line + 1, node.start_mark.column + 1,
                "Die Daten sind zu tief verschachtelt oder verweisen auf sich selbst. Prüfen Sie Einrückung und Verweise (*).")
        self.src.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _PLAIN_TAGS and node.tag != _STANDARD_TAG + "merge":
            shown = node.tag.replace(_STANDARD_TAG, "!!")
            self._note(node, f"Die Kennzeichnung »{shown}« wird nicht unterstützt. Löschen Sie sie.")
            node.tag = _STANDARD_TAG + "str" if isinstance(node, yaml.ScalarNode) else node.tag
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, loc + (i,)) for i, child in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _STANDARD_TAG + "merge":
                self._note(key_node, "Das Zusammenführen mit »<<« wird nicht unterstützt. Schreiben Sie die Felder aus.")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._note(key_node, "Ein Feldname muss ein einfacher Text sein. Prüfen Sie Einrückung und Klammern.")
                continue
            key = self._scalar(key_node)
            key = key if isinstance(key, str) else str(key_node.value)
            key_line = key_node.start_mark.line + 1
            if key in first:
                self._note(key_node, f"Das Feld »{key}« steht doppelt (zuerst in Zeile {first[key]}). "
                           "Löschen Sie eines der beiden.")
            first[key] = key_line
            self.src.keys[loc + (key,)] = (key_line, key_node.start_mark.column + 1)
            out[key] = self.build(value_node, loc + (key,))
        return out

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == _STR:  # most values: PyYAML would return node.value too, through five calls (0.1 s per 40,000)
            return node.value
        try:
            value = self.loader.construct_object(node, deep=True)
        except yaml.YAMLError:
            self._note(node, f"Der Wert »{node.value[:40]}« kann nicht gelesen werden. Setzen Sie ihn in Anführungszeichen.")
            return node.value
        except ValueError:  # e.g. 2026-02-30: looks like a date, is none; the model reports it
            return node.value
        if isinstance(value, datetime.datetime):
            return node.value  # a time stamp where a date is wanted: the model reports it as text
        return value

    def _note(self, node: yaml.Node, message: str) -> None:
        """Report and go on, so that one run shows every mistake."""
        self.src.problems.append(Problem(self.src.file, node.start_mark.line + 1, node.start_mark.column + 1, message))
