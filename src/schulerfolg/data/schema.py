"""JSON Schemas of the data files, for editors' tools (VS Code's YAML extension, Decap)."""
from __future__ import annotations

import json
from pathlib import Path

from .models import DATEIEN


def schemas() -> dict[str, str]:
    """File name in schema/ → its JSON text."""
    out = {}
    for name, model in DATEIEN.items():
        stem = name.removesuffix(".yml")
        schema = model.model_json_schema()
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                  "$id": f"{stem}.schema.json", "title": f"data/{name}", **schema}
        out[f"{stem}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    return out


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
