"""Manifests: a JSON list of sources, or an object with a `sources` list (answer keys are manifests too).
Each source: id, path relative to the manifest (or, in the shared seed key, `seed`: a file in ../seeds),
and optionally url, outlet, published, language."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path


class ManifestError(ValueError):
    pass


@dataclass
class Source:
    id: str
    path: Path
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    language: str | None = None


def parse_date(value) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ManifestError(f"not a YYYY-MM-DD date: {value!r}") from exc


def load_manifest(path: str | Path) -> tuple[list[Source], dict]:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ManifestError(f"cannot read manifest {path}: {exc}") from exc
    raw = data.get("sources") if isinstance(data, dict) else data
    if not isinstance(raw, list):
        raise ManifestError(f"{path}: expected a list of sources or an object with 'sources'")
    sources = []
    for i, s in enumerate(raw):
        if not isinstance(s, dict):
            raise ManifestError(f"{path}: source {i} is not an object")
        if s.get("path"):
            file = path.parent / s["path"]
        elif s.get("seed"):
            file = path.parent.parent / "seeds" / s["seed"]
        else:
            raise ManifestError(f"{path}: source {s.get('id', i)} has no path")
        sources.append(Source(id=str(s.get("id", i)), path=file, url=s.get("url"), outlet=s.get("outlet"),
                              published=parse_date(s.get("published")), language=s.get("language")))
    return sources, (data if isinstance(data, dict) else {})
