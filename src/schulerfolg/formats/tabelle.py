"""Figures as CSV for spreadsheets (the downloads of /zahlen/).

A spreadsheet runs a cell that begins with = + - @ (or a tab or carriage return before one) as a formula:
a name from the data such as »=HYPERLINK(…)« would become a link or a command. Such a cell gets a leading »'«,
which Excel and LibreOffice show as text (OWASP, CSV Injection). This is the one way from the data into CSV.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

_FORMELZEICHEN = ("=", "+", "-", "@", "\t", "\r")


def zelle(wert: object) -> str:
    """One cell as text a spreadsheet shows and never runs; without soft hyphens, which only help a web page's
    narrow columns."""
    text = str(wert).replace("\u00ad", "")
    return "'" + text if text.startswith(_FORMELZEICHEN) else text


def csv_bytes(kopf: Sequence[str], zeilen: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 with BOM (Excel then reads umlauts correctly), semicolons (German spreadsheets), CRLF (RFC 4180)."""
    puffer = io.StringIO()
    schreiber = csv.writer(puffer, delimiter=";", lineterminator="\r\n")
    schreiber.writerow([zelle(k) for k in kopf])
    for zeile in zeilen:
        schreiber.writerow([zelle(w) for w in zeile])
    return ("\ufeff" + puffer.getvalue()).encode("utf-8")
