"""One quantity told in two units (claims/units.py, data/units.json): a table of conversions, and what stays apart."""
import pytest

from crosscheck.claims.units import comparable, convert, dimension
from crosscheck.reading.lexicon import load_table

CASES = [
    (1200, "mi", "km", 1931.21),
    (146, "foot pound-force", "newton metre", 197.95),
    (12000, "hectare", "acre", 29652.6),
    (149, "hp", "PS", 151.07),
    (18, "month", "year", 1.5),
    (40, "square mile", "km2", 103.6),
    (1, "barrel", "l", 158.99),
    (2, "tonne", "pound", 4409.25),
    (30, "knot", "mph", 34.52),
    (5, "km", "km", 5),
]


@pytest.mark.parametrize("value, frm, to, expected", CASES, ids=[f"{c[0]} {c[1]} in {c[2]}" for c in CASES])
def test_convert(value, frm, to, expected):
    assert convert(value, frm, to) == pytest.approx(expected, rel=1e-4)


@pytest.mark.parametrize("frm, to", [("mi", "kg"), ("°C", "°F"), ("calorie", "kilowatt hour"), ("%", "point"),
                                     ("USD", "EUR"), (None, "km")])
def test_units_of_other_dimensions_or_none_never_convert(frm, to):
    assert convert(10, frm, to) is None
    assert not comparable(frm, to)


def test_every_unit_of_the_table_is_one_the_scanner_reads():
    """A unit code misspelt in units.json would never meet a figure's unit."""
    units = load_table("figures.json")["units"]
    read = {u for table in units.values() if isinstance(table, dict) for u in table.values()}
    for name, dim in load_table("units.json")["dimensions"].items():
        assert dim["base"] in dim["units"], name
        for unit in dim["units"]:
            assert unit in read, unit
            assert dimension(unit) == name
