"""A stable key for the quantity a figure reports, so that the same quantity shares a key on any page:
what is counted, where, and in what status ("north-korean-troops@kursk-region:in_place")."""
from __future__ import annotations

import re

from .model import Figure


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def measure_key(f: Figure) -> str:
    q = f.quantity
    what = (f.extra.get("head") if q.kind != "count" else None) or f.counted or \
        (q.unit if q.kind != "count" else None) or q.kind
    if q.kind == "money" and q.unit:
        what = f"{what} ({q.unit})" if f.counted else q.unit
    where = f.location or "anywhere"
    return f"{slug(what) or q.kind}@{slug(where) or 'anywhere'}:{f.status or 'other'}"


def assign_measures(figures: list[Figure]) -> None:
    for f in figures:
        f.measure = measure_key(f)
