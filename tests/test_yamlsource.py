"""Reading YAML: positions, duplicate keys, encodings, hostile input — problems, never exceptions."""
from __future__ import annotations

import datetime
import errno
from pathlib import Path

import pytest

from schulerfolg.data import yamlsource
from schulerfolg.data.yamlsource import read


def parse(tmp_path: Path, content: str | bytes):
    path = tmp_path / "x.yml"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return read(path, "data/x.yml")


def messages(src) -> list[str]:
    return [str(p) for p in src.problems]


def test_positions_of_values_and_keys(tmp_path):
    src = parse(tmp_path, "schulen:\n  - id: a\n    name: A\n")
    assert src.data == {"schulen": [{"id": "a", "name": "A"}]}
    assert src.values[("schulen", 0, "name")] == (3, 11)
    assert src.keys[("schulen", 0, "name")] == (3, 5)
    assert src.position(("schulen", 0, "fehlt")) == (2, 5)  # nearest ancestor for a missing key


def test_duplicate_key_is_reported_with_both_lines(tmp_path):
    src = parse(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert messages(src) == ["data/x.yml:3:1: Das Feld »a« steht doppelt (zuerst in Zeile 1). Löschen Sie eines der beiden."]


def test_bom_and_crlf_are_fine(tmp_path):
    src = parse(tmp_path, b"\xef\xbb\xbfa: 1\r\nb: zwei\r\n")
    assert src.problems == [] and src.data == {"a": 1, "b": "zwei"}


def test_latin1_file_names_the_line_and_the_fix(tmp_path):
    src = parse(tmp_path, "a: 1\nname: Stra\xdfe\n".encode("latin-1"))
    assert messages(src) == ["data/x.yml:2: Die Datei ist nicht in UTF-8 gespeichert. Speichern Sie sie im Editor mit der Kodierung »UTF-8«."]


def test_binary_file(tmp_path):
    src = parse(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert len(src.problems) == 1 and src.data is None


def test_tab_indentation_says_so(tmp_path):
    src = parse(tmp_path, "a:\n\tb: 1\n")
    assert "nicht mit Tabulatoren" in messages(src)[0] and messages(src)[0].startswith("data/x.yml:2:")


def test_unclosed_quote(tmp_path):
    src = parse(tmp_path, 'a: "offen\nb: 2\n')
    assert len(src.problems) == 1 and "kein gültiges YAML" in src.problems[0].message


def test_billion_laughs_is_a_problem_not_a_hang(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    src = parse(tmp_path, "\n".join(lines) + "\n")
    assert src.data is None
    assert "zu viele Werte oder Verweise" in messages(src)[0]


def test_self_referencing_alias(tmp_path):
    src = parse(tmp_path, "a: &a [*a]\n")
    assert src.data is None and "verweisen auf sich selbst" in messages(src)[0]


def test_deep_nesting(tmp_path):
    src = parse(tmp_path, "[" * 5000 + "]" * 5000)
    assert src.data is None and len(src.problems) == 1


def test_too_large_file_is_not_parsed(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlsource, "MAX_BYTES", 100)
    src = parse(tmp_path, "a: " + "x" * 200 + "\n")
    assert src.data is None and "zu groß" in messages(src)[0]


def test_unsupported_tags_and_merge_keys(tmp_path):
    src = parse(tmp_path, "a: !!python/object:os.system x\nb: !foo 3\nx: &x {c: 1}\ny:\n  <<: *x\n")
    assert messages(src) == [
        "data/x.yml:1:4: Die Kennzeichnung »!!python/object:os.system« wird nicht unterstützt. Löschen Sie sie.",
        "data/x.yml:2:4: Die Kennzeichnung »!foo« wird nicht unterstützt. Löschen Sie sie.",
        "data/x.yml:5:3: Das Zusammenführen mit »<<« wird nicht unterstützt. Schreiben Sie die Felder aus.",
    ]


def test_two_documents(tmp_path):
    src = parse(tmp_path, "a: 1\n---\nb: 2\n")
    assert "nur ein Dokument" in messages(src)[0]


@pytest.mark.parametrize("text", ["2026-02-30", "2026-01-01 10:00"])
def test_impossible_dates_and_timestamps_stay_text_for_the_model_to_report(tmp_path, text):
    src = parse(tmp_path, f"d: {text}\n")
    assert src.problems == [] and src.data == {"d": text}


@pytest.mark.parametrize("written", ["yes", "no", "on", "off", "Yes", "True", "FALSE", "0x7D0", "0o17", "0b101",
                                     "1_000", "1:30", ".inf", "-.inf", ".nan", "1e3", "1.0e+3", ".5", "Null", "NULL"])
def test_numbers_and_truth_values_only_as_plainly_written(tmp_path, written):
    src = parse(tmp_path, f"a: {written}\n")
    assert src.problems == [] and src.data == {"a": written}  # the text as written; a number field refuses it


@pytest.mark.parametrize("written, value", [("true", True), ("false", False), ("2000", 2000), ("-5", -5), ("+5", 5),
                                            ("017", 17), ("06846", 6846), ("0.5", 0.5), ("2.000", 2.0),
                                            ("", None), ("~", None), ("null", None), ("2026-03-31", datetime.date(2026, 3, 31))])
def test_plain_values(tmp_path, written, value):
    src = parse(tmp_path, f"a: {written}\n")
    assert src.problems == [] and src.data == {"a": value} and type(src.data["a"]) is type(value)


def test_a_number_of_thousands_of_digits_stays_text(tmp_path):
    assert parse(tmp_path, "a: " + "9" * 5000 + "\n").data == {"a": "9" * 5000}


def test_numbers_and_truth_values_keep_how_they_were_written(tmp_path):
    src = parse(tmp_path, "a: 2.000\nb: [true, 017]\nc: text\n")
    assert src.written == {("a",): "2.000", ("b", 0): "true", ("b", 1): "017"}


def test_quoted_digits_stay_text(tmp_path):
    assert parse(tmp_path, 'a: "06846"\nb: \'2000\'\n').data == {"a": "06846", "b": "2000"}


def test_a_forbidden_character_is_placed_where_it_stands(tmp_path):
    src = parse(tmp_path, "a: x\nb: |\n  Zeile eins\n  Zeile \u202ezwei \u202e\nc: ab\u200bc\n")
    assert src.char_position(("b",), src.data["b"].index("\u202e")) == (4, 9)
    assert src.char_position(("b",), src.data["b"].rindex("\u202e")) == (4, 15)
    assert str(src.problem(("c",), "m", index=2)) == "data/x.yml:5:6: m"


def test_an_escaped_forbidden_character_is_placed_at_its_text(tmp_path):
    src = parse(tmp_path, 'a: "x\\u202ey"\n')
    assert src.data == {"a": "x\u202ey"}
    assert str(src.problem(("a",), "m", index=1)) == "data/x.yml:1:4: m"


def test_a_key_with_a_forbidden_character_is_refused_where_it_stands(tmp_path):
    src = parse(tmp_path, "name: A\n\"na\u202eme\": B\n")
    assert src.data == {"name": "A"}
    assert messages(src) == ["data/x.yml:2:4: Hier steht das unsichtbare Zeichen U+202E (Rechts-nach-links-Überschreibung). "
                             "Es kann die Schreibrichtung umkehren, sodass der Text anders aussieht, als er ist. "
                             "Löschen Sie es (es kommt meist mit kopiertem Text)."]


def test_a_character_yaml_refuses_is_named_with_line_and_column(tmp_path):
    src = parse(tmp_path, "a: 1\nbä: x\x07y\n")
    assert messages(src) == ["data/x.yml:2:6: Hier steht das Steuerzeichen U+0007, das in keinem Text stehen darf. "
                             "Löschen Sie es (es kommt meist mit kopiertem Text)."]


def test_an_unreadable_file_is_told_in_german(tmp_path, monkeypatch):
    def verweigert(self):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", verweigert)
    assert messages(read(tmp_path / "x.yml", "data/x.yml")) == [
        "data/x.yml: Die Datei kann nicht gelesen werden (keine Leserechte)."]
