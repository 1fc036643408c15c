"""Libraries speak English: while data is checked or a site is planned, nothing they say reaches the terminal.

Pillow, pypdf, pydantic, babel and others warn through ``warnings`` or their loggers (pypdf says
»EOF marker not found« about a broken form). What matters is already a German Problem where the
library's verdict is used: a photo that is a decompression bomb, a PDF that does not open. The
rest would only be English noise between the German messages, so it is collected here instead.
"""
from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager


class _Sammler(logging.Handler):
    def __init__(self, gehoert: list[str]):
        super().__init__(logging.WARNING)
        self.gehoert = gehoert

    def emit(self, record: logging.LogRecord) -> None:
        self.gehoert.append(f"{record.name}: {record.getMessage()}")


@contextmanager
def quiet() -> Iterator[list[str]]:
    """Collect the warnings and log records of libraries (not MkDocs' own) in the list this yields."""
    gehoert: list[str] = []
    sammler = _Sammler(gehoert)
    wurzel = logging.getLogger()  # library loggers propagate here; with a handler, nothing falls to stderr
    with warnings.catch_warnings(record=True) as gewarnt:
        warnings.simplefilter("always")
        wurzel.addHandler(sammler)
        try:
            yield gehoert
        finally:
            wurzel.removeHandler(sammler)
            gehoert += [f"{w.category.__name__}: {w.message}" for w in gewarnt]
