"""Read one YAML data file into plain Python values, remembering where each value stands.

PyYAML alone silently keeps the last of two equal keys, expands aliases without
limit and forgets positions. Here the composed node tree is walked by hand so that
every value's line and column is kept, duplicate keys are reported, and aliases
cannot blow up (a "billion laughs" file becomes a problem, not a hang).

Values are what they look like: a plain scalar is a number or truth value only when written
the one obvious way (``true``, ``2000``, ``0.5``). YAML 1.1 would also read ``yes``, ``no``,
``on``, ``0x7D0``, ``1_000``, ``1:30`` (base 60) or ``.inf`` as such; here they stay the text
that was written, and a field that wants a number or truth value says so. Digits are a decimal
number, as in YAML 1.2 and the editors' tools: ``017`` is 17 (YAML 1.1: octal 15), and ``06846``
is a number too (a postcode wants quotes).
"""
from __future__ import annotations

import bisect
import datetime
import errno
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from schulerfolg.problem import Problem

from . import characters

Loc = tuple[str | int, ...]

MAX_BYTES = 2_000_000  # far above any real data file; keeps hostile input cheap
MAX_NODES = 200_000  # values after alias expansion
MAX_DEPTH = 40
_STANDARD_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_STANDARD_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_STR = _STANDARD_TAG + "str"
_INT = _STANDARD_TAG + "int"
_GANZZAHL = re.compile(r"[-+]?[0-9]+")
# The one way each other kind of plain scalar may be written to count as a truth value, number or nothing.
_SCHLICHT = {
    _STANDARD_TAG + "bool": re.compile(r"true|false"),
    _INT: _GANZZAHL,
    _STANDARD_TAG + "float": re.compile(r"-?[0-9]+\.[0-9]+"),
    _STANDARD_TAG + "null": re.compile(r"|~|null"),
}
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
    # loc → the scalar as written, for numbers and truth values (»2.000« was read as 2.0)
    written: dict[Loc, str] = field(default_factory=dict)
    # loc → where a text holding a forbidden character stands in ``text`` (start, end), to place that character
    spans: dict[Loc, tuple[int, int]] = field(default_factory=dict, repr=False)
    text: str = field(default="", repr=False)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Where ``loc`` stands; for a missing value, where its nearest ancestor stands."""
        if key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))

    def problem(self, loc: Loc, message: str, *, key: bool = False, index: int | None = None) -> Problem:
        """A Problem at ``loc``; with ``index``, at that character of the text at ``loc``."""
        line, col = self.position(loc, key=key)
        if index is not None and loc in self.spans:
            line, col = self.char_position(loc, index) or (line, col)
        return Problem(self.file, line, col, message)

    def char_position(self, loc: Loc, index: int) -> tuple[int, int] | None:
        """Line and column of character ``index`` of the text at ``loc``: the same character, as often
        before it, in the scalar's source. None when it was written as an escape (»\\u202e«)."""
        value = self.data
        for part in loc:
            value = value[part]
        c = value[index]
        start, end = self.spans[loc]
        at = start - 1
        for _ in range(value.count(c, 0, index) + 1):
            at = self.text.find(c, at + 1, end)
            if at < 0:
                return None
        return self.line_col(at)

    def line_col(self, at: int) -> tuple[int, int]:
        """1-based line and column of offset ``at`` in ``text``."""
        if not self._line_starts:
            self._line_starts[:] = [0, *(m.end() for m in re.finditer("\n", self.text))]
        line = bisect.bisect_right(self._line_starts, at)
        return line, at - self._line_starts[line - 1] + 1


class _Abort(Exception):
    def __init__(self, line: int, col: int, message: str):
        self.line, self.col, self.message = line, col, message


def read(path: Path, display: str) -> Source:
    """Parse ``path``; every mistake becomes a Problem in ``Source.problems``."""
    src = Source(display)
    try:
        raw = path.read_bytes()
    except OSError as e:
        src.problems.append(Problem(display, 0, 0, f"Die Datei kann nicht gelesen werden ({read_error(e)})."))
        return src
    if len(raw) > MAX_BYTES:
        src.problems.append(Problem(display, 0, 0,
            f"Die Datei ist mit {len(raw) // 1000} KB viel zu groß (höchstens {MAX_BYTES // 1000} KB). "
            "Prüfen Sie, ob versehentlich etwas anderes hineinkopiert wurde."))
        return src
    text = _decode(raw, src)
    if text is None:
        return src
    return parse(text, display, src)


def decode(raw: bytes, display: str) -> tuple[str | None, list[Problem]]:
    """The text of a data file's bytes, or the problems that keep it from being one (encoding, binary)."""
    src = Source(display)
    return _decode(raw, src), src.problems


def parse(text: str, display: str, src: Source | None = None) -> Source:
    """Parse YAML ``text`` of the file ``display``: positions count from the text's first line."""
    src = src or Source(display)
    src.text = text
    try:
        _parse(text, src)
    except _Abort as e:
        src.data = None
        src.problems.append(Problem(display, e.line, e.col, e.message))
    return src


def read_error(e: OSError) -> str:
    """Why a file cannot be read, in German (the system's own words are English)."""
    return _GRUENDE.get(e.errno, f"Fehler {e.errno} des Betriebssystems")


_GRUENDE = {errno.EACCES: "keine Leserechte", errno.EPERM: "keine Leserechte", errno.EISDIR: "ein Ordner, keine Datei",
            errno.ENOENT: "nicht vorhanden", errno.ELOOP: "ein Verweis im Kreis", errno.ENAMETOOLONG: "Name zu lang"}


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
    except yaml.YAMLError as e:  # a character YAML refuses; libyaml gives its byte offset, so find it by itself
        c = getattr(e, "character", None)
        c = chr(c) if isinstance(c, int) else c
        at = text.find(c) if isinstance(c, str) and c else -1
        if at < 0:
            raise _Abort(0, 0, "Die Datei enthält ein Zeichen, das in YAML nicht erlaubt ist. Löschen Sie es.") from None
        raise _Abort(*src.line_col(at), characters.meldung(c)) from None
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
        value = self._scalar(node)
        if isinstance(value, str):
            if characters.VERBOTEN.search(value):  # the model refuses it; keep where it stands to point at it
                self.src.spans[loc] = (node.start_mark.index, node.end_mark.index)
        elif node.tag != _STANDARD_TAG + "null":
            self.src.written[loc] = node.value
        return value

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
            if (bad := characters.VERBOTEN.search(key)) is not None:  # no field is named so; not quoted anywhere
                self._note_char(key_node, bad.group())
                continue
            key_line = key_node.start_mark.line + 1
            if key in first:
                self._note(key_node, f"Das Feld »{key}« steht doppelt (zuerst in Zeile {first[key]}). "
                           "Löschen Sie eines der beiden.")
            first[key] = key_line
            self.src.keys[loc + (key,)] = (key_line, key_node.start_mark.column + 1)
            out[key] = self.build(value_node, loc + (key,))
        return out

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        plain = not node.style  # libyaml says "", PyYAML None
        if node.tag in (_STR, _INT) and plain and _GANZZAHL.fullmatch(node.value):
            try:
                return int(node.value, 10)  # decimal, also 017 (YAML 1.1: octal) and 06846 (PyYAML: text)
            except ValueError:  # thousands of digits: Python will not convert them; a number field refuses the text
                return node.value
        if node.tag == _STR:  # most values: PyYAML would return node.value too, through five calls (0.1 s per 40,000)
            return node.value
        schlicht = _SCHLICHT.get(node.tag)
        if schlicht is not None and not schlicht.fullmatch(node.value):
            return node.value  # »yes«, »0x7D0«, »1_000«: the text as written
        try:
            value = self.loader.construct_object(node, deep=True)
        except yaml.YAMLError:
            shown = characters.sichtbar(node.value[:40])
            self._note(node, f"Der Wert »{shown}« kann nicht gelesen werden. Setzen Sie ihn in Anführungszeichen.")
            return node.value
        except ValueError:  # e.g. 2026-02-30: looks like a date, is none; the model reports it
            return node.value
        if isinstance(value, datetime.datetime):
            return node.value  # a time stamp where a date is wanted: the model reports it as text
        return value

    def _note_char(self, node: yaml.Node, c: str) -> None:
        """Report the forbidden character ``c`` where it stands in ``node`` (or at the node, if escaped)."""
        at = self.src.text.find(c, node.start_mark.index, node.end_mark.index)
        line, col = self.src.line_col(at) if at >= 0 else (node.start_mark.line + 1, node.start_mark.column + 1)
        self.src.problems.append(Problem(self.src.file, line, col, characters.meldung(c)))

    def _note(self, node: yaml.Node, message: str) -> None:
        """Report and go on, so that one run shows every mistake."""
        self.src.problems.append(Problem(self.src.file, node.start_mark.line + 1, node.start_mark.column + 1, message))
