"""One quantity told in two units (data/units.json): the dimension a unit measures and its values in another
unit of it.

    dimension("mi") -> "length";  convert(1200, "mi", "km") -> 1931.2128;  convert(3, "mi", "kg") -> None
"""
from __future__ import annotations

from functools import lru_cache

from ..reading.lexicon import load_table


@lru_cache(maxsize=None)
def _factors() -> dict[str, tuple[str, float]]:
    """Each unit: its dimension and how many of the dimension's base unit one of it holds."""
    out = {}
    for name, dim in load_table("units.json")["dimensions"].items():
        for unit, factor in dim["units"].items():
            out[unit] = (name, float(factor))
    return out


def dimension(unit: str | None) -> str | None:
    """The dimension a unit measures ('length' for 'mi'), or None for a unit no other converts to."""
    found = _factors().get(unit) if unit else None
    return found[0] if found else None


def convert(value: float | None, from_unit: str | None, to_unit: str | None) -> float | None:
    """A value in another unit of its dimension; the value itself in its own unit; None when the two units measure
    different things (or either is not known)."""
    if value is None or from_unit == to_unit:
        return value
    a, b = _factors().get(from_unit or ""), _factors().get(to_unit or "")
    if a is None or b is None or a[0] != b[0]:
        return None
    return value * a[1] / b[1]


def in_base(value: float, unit: str | None) -> float | None:
    """A value in its dimension's base unit, or None when its unit has no dimension here."""
    found = _factors().get(unit) if unit else None
    return value * found[1] if found else None


def comparable(a: str | None, b: str | None) -> bool:
    """Whether values in these two units can be weighed against each other: the same unit, or one dimension."""
    return a == b or dimension(a) is not None and dimension(a) == dimension(b)
