"""Figures of one quantity share a measure key across outlets and wording; the built-in claim set ships
inside the package."""
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from crosscheck.reading.pipeline import extract, page_from_text

ROOT = Path(__file__).resolve().parents[1]

SAME_QUANTITY = [
    "About 10,000 North Korean troops are in the Kursk region.",
    "Some 10,000 North Korean soldiers have arrived in the Russian border area of Kursk.",
    "As many as 10,000 North Korean forces have been deployed to Kursk Oblast.",
    "North Korean troops keep arriving. There are already 10,000 North Koreans in the Kursk area.",
    "10,000 North Korean servicemen are currently in Kursk.",
]


def measure_of(sentence):
    figures = extract(page_from_text("Headline\n" + sentence))
    assert figures, sentence
    return figures[0].measure


def test_wording_does_not_change_the_measure():
    keys = {measure_of(s) for s in SAME_QUANTITY}
    assert keys == {"north-korean-troops@kursk-region:in_place"}


@pytest.mark.parametrize("sentence", [
    "About 10,000 North Korean troops are in Russia.",              # a containing place
    "North Korea plans to send 10,000 troops to Kursk.",            # planned, not in place
    "About 10,000 Russian troops are in the Kursk region.",          # another side's forces
    "About 10,000 North Korean troops were killed in the Kursk region.",
])
def test_other_quantities_get_other_measures(sentence):
    assert measure_of(sentence) != "north-korean-troops@kursk-region:in_place"


def key_of(lines, words):
    figures = [f for f in extract(page_from_text("\n".join(lines))) if f.text == words]
    assert figures, words
    return figures[-1].measure


# one quantity as two outlets put it: the same key (count kind, subject, place, status)
SAME_ACROSS_OUTLETS = [
    (["Pakistan floods kill dozens", "Floods have killed 58 people in Sindh province, officials said."], "58",
     ["Sindh flood toll rises", "The toll of 58 flood deaths in Sindh province was confirmed on Tuesday."], "58"),
    (["Libya floods", "Rescuers recovered 40 bodies from the rubble in Derna on Monday."], "40",
     ["Libya floods", "At least 40 people were killed in Derna, the Red Crescent said."], "At least 40"),
    (["Quake in Orvel province", "The quake injured 214 people in Orvel province."], "214",
     ["Quake in Orvel province", "Hospitals in Orvel province treated 214 wounded people overnight."], "214"),
    (["Storm hits Derna", "About 300 people were evacuated from their homes in Derna."], "About 300",
     ["Storm hits Derna", "About 300 Derna residents fled their homes on Monday."], "About 300"),
    (["Paris protests", "Police arrested 87 protesters in Paris on Thursday."], "87",
     ["Paris protests", "In Paris, 87 protesters were detained after scuffles."], "87"),
    (["Sindh floods", "More than 120,000 people had been moved to relief camps in Sindh province."],
     "More than 120,000",
     ["Sindh floods", "Some 135,000 people are living in relief camps in Sindh province."], "Some 135,000"),
    (["Carmaker cuts", "The carmaker will cut 4,000 jobs in Germany."], "4,000",
     ["Carmaker cuts", "The carmaker plans to lay off 4,000 workers in Germany."], "4,000"),
    (["Lisbon housing march", "About 15,000 people marched through Lisbon on Saturday."], "About 15,000",
     ["Lisbon housing march", "Police said 15,000 protesters took part in the Lisbon march."], "15,000"),
    (["Wildfire", "Some 5,000 residents were evacuated as the wildfire spread near Athens."], "Some 5,000",
     ["Wildfire", "Authorities ordered 5,000 people to leave their homes near Athens as the fire spread."], "5,000"),
    # things have no presence: "there are 14 hospitals in Gaza" is not a count of hospitals present
    (["Hospitals", "There are 14 hospitals in Gaza."], "14", ["Hospitals", "Gaza has 14 hospitals."], "14"),
    (["Blackout", "The storm left 2.5 million people without power in Florida."], "2.5 million",
     ["Blackout", "Some 2.5 million Florida residents lost power after the storm."], "Some 2.5 million"),
    # a year between an earlier figure and this one, before a comma, dates the earlier figure only
    (["Lander program", "The five companies join nine others selected by NASA in November 2018, bringing the total "
      "number of lander companies to 14."], "14",
     ["Lander program", "NASA now works with 14 lander companies."], "14"),
]

# ... and quantities that differ though their words are near
OTHER_ACROSS_OUTLETS = [
    (["Quake", "The quake killed 214 people in Orvel province."], "214",
     ["Quake", "The quake injured 214 people in Orvel province."], "214"),
    (["Troops", "About 10,000 North Korean troops are in the Kursk region."], "About 10,000",
     ["Troops", "About 10,000 North Korean troops were killed in the Kursk region."], "About 10,000"),
    (["Quake", "About 1,200 homes were destroyed in Orvel province."], "About 1,200",
     ["Quake", "About 1,200 people were evacuated in Orvel province."], "About 1,200"),
    (["Quake", "The quake injured 486 people in Orvel province, 61 of them critically."], "61",
     ["Quake", "The quake injured 61 people in Orvel province."], "61"),             # the badly hurt are a part
    (["Floods", "Floods have killed 58 people in Sindh province."], "58",
     ["Floods", "Floods have killed 58 people in Punjab province."], "58"),
    (["Fighting", "The shelling killed 30 civilians in Kharkiv."], "30",
     ["Fighting", "The shelling killed 30 soldiers in Kharkiv."], "30"),
    # a specification's name does not say whose it is: two cars' torque
    (["Auto show", "The Audi e-tron Sportback makes 414 lb-ft of torque."], "414 lb-ft",
     ["Auto show", "The Lexus convertible makes 540 Nm of torque."], "540 Nm"),
    # a year before the figure still dates it when no earlier figure has it, or when "when" ties them
    (["Protest", "The city of 1.9 million people last saw such protests in 2011, when about 60,000 people marched."],
     "about 60,000", ["Protest", "About 60,000 people marched in the city."], "About 60,000"),
    (["Floods", "In 2022, floods killed 1,700 people in Sindh province."], "1,700",
     ["Floods", "Floods have killed 1,700 people in Sindh province."], "1,700"),
    (["Strike", "About 7,000 nurses went on strike in New York."], "About 7,000",
     ["Strike", "The hospitals employ about 7,000 nurses in New York."], "about 7,000"),   # strikers, not staff
]


@pytest.mark.parametrize("a, a_words, b, b_words", SAME_ACROSS_OUTLETS)
def test_two_outlets_wording_of_one_quantity_get_one_key(a, a_words, b, b_words):
    assert key_of(a, a_words) == key_of(b, b_words)


@pytest.mark.parametrize("a, a_words, b, b_words", OTHER_ACROSS_OUTLETS)
def test_two_outlets_other_quantities_get_other_keys(a, a_words, b, b_words):
    assert key_of(a, a_words) != key_of(b, b_words)


# an amount as two outlets put it: the same key (what it is of, in one name; place; the years that date it)
SAME_AMOUNT_ACROSS_OUTLETS = [
    (["Stadium repairs", "Maricopa County approved a budget of $12 million for the stadium repairs."], "$12 million",
     ["Stadium repairs", "The stadium repairs will cost Maricopa County about $12 million."], "about $12 million"),
    (["Flood relief", "The state has spent $3.2 million on flood relief in Ohio so far, the governor said."],
     "$3.2 million",
     ["Flood relief", "Ohio's spending on flood relief reached $3.2 million, the governor said."], "$3.2 million"),
    (["Cleanup", "The city paid contractors nearly $2 million for the cleanup in Tulsa."], "nearly $2 million",
     ["Cleanup", "The cleanup in Tulsa cost the city $2 million."], "$2 million"),
    (["Steel", "Washington kept its 25% tariffs on Canadian steel."], "25%",
     ["Steel", "Washington kept a 25 percent tariff on Canadian steel."], "25 percent"),
    (["Contract", "Nevada has picked 14 firms for the contract."], "14",
     ["Contract", "Nevada has picked 14 companies for the contract."], "14"),
    # a year a superlative compares with, a year of a work, a year of another clause: none dates the figure
    (["Lyon rally", "Police put the crowd in Lyon at 40,000, the largest since 2010."], "40,000",
     ["Lyon rally", "Police said 40,000 protesters marched in Lyon."], "40,000"),
    (["Tour", "The band will play 40 dates in Canada, with songs from 1985's Northern Lights."], "40",
     ["Tour", "The band will play 40 dates in Canada."], "40"),
    (["Soy", "To reach the $30 billion in soybean purchases promised in May, they would have to end the tariffs "
              "imposed in 2018."], "$30 billion",
     ["Soy", "Buyers promised $30 billion in soybean purchases."], "$30 billion"),
    # one dimension in two units: compared as one (claims/units.py converts)
    (["Engine", "The Sentra's torque is 146 lb-ft, Nissan said."], "146 lb-ft",
     ["Engine", "The Sentra's torque is 197 Nm, Nissan said."], "197 Nm"),
    (["EV range", "The Mach-E's range is 300 miles, Ford said."], "300 miles",
     ["EV range", "The Mach-E's range is 483 km, Ford said."], "483 km"),
    # a fine, whether a noun or the verb names it
    (["Antitrust", "The EU fined Google 2.4 billion euros for abusing its dominance."], "2.4 billion euros",
     ["Antitrust", "The EU imposed a fine of 2.4 billion euros on Google."], "2.4 billion euros"),
]

# ... and amounts that differ though their words are near
OTHER_AMOUNT_ACROSS_OUTLETS = [
    (["Oregon budget", "Oregon lawmakers passed a budget of $5.2 billion, up from $4.9 billion."], "$4.9 billion",
     ["Oregon budget", "Oregon lawmakers passed a $5.2 billion budget."], "$5.2 billion"),     # the value before
    (["Nikkei", "Japan's Nikkei share average fell 4% on Monday, down from a 6% fall last week."], "6%",
     ["Nikkei", "Japan's Nikkei share average fell 6% on Monday."], "6%"),
    (["Schools", "Ohio spent $12,000 per student last year."], "$12,000",                        # a price of one
     ["Schools", "Ohio spent $12,000 on a new school bus."], "$12,000"),
    (["City finances", "Denver's revenue came to $3 billion."], "$3 billion",
     ["City finances", "Denver's budget came to $3 billion."], "$3 billion"),
    (["Lyon rally", "The 2010 march drew 40,000 protesters in Lyon."], "40,000",
     ["Lyon rally", "Police said 40,000 protesters marched in Lyon."], "40,000"),
    (["Quake", "It was the deadliest quake in Chile since 1960, when a tremor killed more than 1,600 people."],
     "more than 1,600",                                                                          # the 1960 toll
     ["Quake", "The tremor killed more than 1,600 people in Chile."], "more than 1,600"),
    (["Migrants", "More than 27,000 migrants have died in the Mediterranean since 2014, the agency said."],
     "More than 27,000",                                                                         # a total since
     ["Migrants", "The shipwreck killed 27,000 migrants in the Mediterranean."], "27,000"),
    # an amount's unit is part of what it is: never compared as numbers with another dimension
    (["Diets", "In the study, the average was 441 calories a day."], "441 calories",
     ["Diets", "In the study, the average was 15.2 percent."], "15.2 percent"),
]


@pytest.mark.parametrize("a, a_words, b, b_words", SAME_AMOUNT_ACROSS_OUTLETS)
def test_two_outlets_wording_of_one_amount_get_one_key(a, a_words, b, b_words):
    assert key_of(a, a_words) == key_of(b, b_words)


@pytest.mark.parametrize("a, a_words, b, b_words", OTHER_AMOUNT_ACROSS_OUTLETS)
def test_two_outlets_other_amounts_get_other_keys(a, a_words, b, b_words):
    assert key_of(a, a_words) != key_of(b, b_words)


def test_an_amount_no_word_names_is_what_its_page_names_the_same_value():
    page = page_from_text("\n".join([
        "Oregon puts $1.5M into wildfire ads",
        "The campaign has a budget of $1.5 million, state officials said.",
        "Officials called $1.5 million a modest sum, and $2 million went to radio."]))
    keys = [f.measure for f in extract(page)]
    assert keys[:3] == ["spending-usd@oregon:other"] * 3
    assert keys[3].startswith("usd@oregon:other.c-")              # no figure of the page names $2 million
    # (a value the page names two ways names none of them)
    page = page_from_text("Quake aid\nDonors gave $1.5 million in aid and $1.5 million in loans.\n"
                          "Officials called $1.5 million a modest sum.")
    assert [f.measure.partition(".")[0] for f in extract(page)] == [
        "aid-usd@anywhere:other", "loan-usd@anywhere:other", "usd@anywhere:other"]


@pytest.mark.parametrize("lines, words, key", [
    (["Budget", "Total spending in Port Halden rises to $4.2 billion from $4.06 billion."], "$4.06 billion",
     "spending-usd@port-halden:other.yprior"),
    (["Poll", "Labour holds a 12-point lead over the Conservatives in Britain, down from 14 points."], "14 points",
     "lead-point@united-kingdom:other.yprior"),
    (["Kenya", "The deficit in Kenya would fall to 4.5% of output from an estimated 5.1%."], "an estimated 5.1%",
     "deficit@kenya:other.yprior"),
    # (another figure and clause between them: the value before is of another thing, unnamed)
    (["Budget", "The real cost in Port Halden is $4.35 billion once $150 million in borrowing is counted, up from "
                "$3.9 billion."], "$3.9 billion", "usd@port-halden:other.yprior.c-"),
])
def test_the_value_before_a_change_is_of_what_the_change_is_of(lines, words, key):
    assert key_of(lines, words).startswith(key)


def test_a_key_is_count_kind_subject_place_and_status():
    assert key_of(["Toll", "Floods have killed 58 people in Sindh province."], "58") == "killed@sindh-province:killed"
    assert key_of(["Arrests", "Police arrested 87 protesters in Paris."], "87") == "protesters-arrested@paris:captured"
    assert key_of(["Troops", "About 10,000 North Korean troops were killed in the Kursk region."], "About 10,000") \
        == "north-korean-troops-killed@kursk-region:killed"


def test_seed_fixtures_are_the_builtin_claim_set():
    """One copy of the seed pages: the package ships them (a wheel needs real files), the fixtures link to them."""
    builtin = ROOT / "server" / "crosscheck" / "builtin"
    for name in ("ajp", "mia", "aljazeera", "vijesti", "bss"):
        assert (ROOT / "fixtures" / "pages" / f"{name}.html").resolve() == (builtin / "pages" / f"{name}.html").resolve()
    assert (ROOT / "fixtures" / "sources.json").resolve() == (builtin / "sources.json").resolve()


def test_wheel_ships_the_builtin_claim_set_and_data(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                           "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    wheel = next(tmp_path.glob("crosscheck-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("crosscheck/builtin/sources.json", "crosscheck/builtin/pages/ajp.html",
                   "crosscheck/data/claimants.json", "crosscheck/data/figures.json", "crosscheck/data/places.json"):
        assert needed in names


def test_a_story_set_abroad_is_keyed_where_it_happens():
    """A story datelined in one country (KYIV) about another's region (Russia's Kursk): a figure that takes the
    story's place shares its key with the figures that name the place."""
    page = page_from_text("\n".join([
        "Zelenskiy says 11,000 North Korean troops now in Russia's Kursk region",
        "KYIV (Reuters) - Some 11,000 North Korean troops have arrived in Russia's Kursk region near the Ukrainian "
        "border, Ukrainian President Volodymyr Zelenskiy said on Monday.",
        "\"There are already 11,000 of them,\" Zelenskiy said in his nightly video address."]))
    keys = {f.text: f.measure for f in extract(page)}
    assert keys["Some 11,000"] == keys["11,000"] == "north-korean-troops@kursk-region:in_place"


def test_a_figure_of_several_places_is_keyed_at_the_story_country():
    """A toll across several states (or nationwide) is not the toll of the region the story names most: it is keyed
    at the country, apart from the region's own toll ("In North Carolina alone, 30 people died")."""
    page = page_from_text("\n".join([
        "Storm toll rises",
        "Hurricane Helene has killed at least 90 people across six states, officials said.",
        "In North Carolina alone, 30 people died, the governor said.",
        "Officials in North Carolina said roads were closed."]))
    keys = {f.text: f.measure for f in extract(page)}
    assert keys["at least 90"] == "killed@united-states:killed"
    assert keys["30"] == "killed@north-carolina:killed"


def test_a_headline_count_the_body_gives_again_takes_the_bodys_key():
    """'Floods kill 58 in Pakistan' over '58 people in Sindh province': one quantity, one key on the page, at the
    body's more precise place; a headline count of another value, or of a place outside the body's, keeps its own."""
    page = page_from_text("\n".join([
        "Floods kill 58 in Pakistan",
        "Floods have killed 58 people in Sindh province, officials said on Sunday."]))
    keys = [f.measure for f in extract(page)]
    assert keys == ["killed@sindh-province:killed", "killed@sindh-province:killed"]
    page = page_from_text("\n".join([
        "Floods kill 580 in Pakistan",
        "Floods have killed 58 people in Sindh province, officials said on Sunday."]))
    assert [f.measure for f in extract(page)] == ["killed@pakistan:killed", "killed@sindh-province:killed"]
    page = page_from_text("\n".join([
        "Floods kill 58 in India",
        "Floods have killed 58 people in Sindh province, officials said on Sunday."]))
    assert [f.measure for f in extract(page)][0] != "killed@sindh-province:killed"


def test_a_headline_count_that_rounds_the_bodys_takes_its_key():
    """'More than 100 protesters killed in Iran' over 'At least 106 protesters have been killed in Tehran
    province': the body's count, rounded, at its place; an exact headline count of another value keeps its own."""
    body = "At least 106 protesters have been killed in Tehran province, according to Amnesty International."
    keys = {f.text: f.measure for f in extract(page_from_text("More than 100 protesters killed in Iran\n" + body))}
    assert keys["More than 100"] == keys["At least 106"] == "protesters-killed@tehran:killed"
    keys = {f.text: f.measure for f in extract(page_from_text("100 protesters killed in Iran\n" + body))}
    assert keys["100"] == "protesters-killed@iran:killed"


def _keys(lines, published=None):
    from datetime import date
    page = page_from_text("\n".join(lines), published=published or date(2019, 11, 19))
    return {f.text: f.measure for f in extract(page)}


@pytest.mark.parametrize("lines, apart", [
    # one source, one day, three values under one key: three quantities, each kept to its value
    (["NASA adds lunar lander companies",
      "NASA said on Monday it had added five companies to its lander program, for a total of 14 companies.",
      "NASA said eight companies have already submitted proposals."], {"five": ".v5", "14": ".v14", "eight": ".v8"}),
    # two sources' values under one key are their estimates of one quantity: compared, not kept apart
    (["Wildfire destroys homes near Athens",
      "Minister Vassilis Kikilias said 62 homes had been destroyed, while the mayor of Marathon put the figure "
      "at over 100 homes."], {}),
    # one source on two days: the same count as it changes
    (["Wildfire destroys homes near Athens",
      "On Monday, the fire service said 62 homes had been destroyed in Attica.",
      "On Tuesday, the fire service said 80 homes had been destroyed in Attica."], {}),
    # a toll keeps one key as it rises, whoever gives it
    (["Floods in Sindh",
      "Officials said 37 people had died in Sindh province, and later that 112 people had died there."], {}),
])
def test_a_key_one_source_gives_several_values_keeps_each_to_its_value(lines, apart):
    keys = _keys(lines)
    plain = {k.rsplit(".v", 1)[0] for k in keys.values()}
    assert len(plain) == 1 < len(keys), keys       # (each case has one key with several values)
    assert {text: key[len(next(iter(plain))):] for text, key in keys.items() if ".v" in key} == apart, keys
