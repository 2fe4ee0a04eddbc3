"""Whether one place lies within another, for measures at places of different size: the gazetteer's hierarchy
when it has one (Places.within(inner, outer)), else a region lies within its country."""
from __future__ import annotations

from functools import lru_cache

from ..reading.lexicon import places


def within(inner: str | None, outer: str | None) -> bool:
    """Whether place `inner` lies within place `outer` (canonical names; a place is not within itself)."""
    if not inner or not outer or inner == outer:
        return False
    pl = places()
    ask = getattr(pl, "within", None)
    if ask is not None:
        return bool(ask(inner, outer))
    entry = pl.canonical.get(inner)
    return bool(entry and not entry[2] and entry[1] == outer)


@lru_cache(maxsize=4096)
def around(place: str) -> tuple[str, ...]:
    """The places that contain `place` or lie within it, by every name the gazetteer knows them by."""
    names = places().canonical
    return tuple(alias for alias, (name, _country, _is_country) in names.items()
                 if alias != place and (within(place, name) or within(name, place)))
