"""Scope on small pages: counted, location, status, quoted. The table lives in cases/scope.json."""
import json
from pathlib import Path

import pytest

from crosscheck.reading.pipeline import extract, page_from_text
from crosscheck.reading.counted import canonical_counted, noun_phrase

CASES = json.loads((Path(__file__).parent / "cases" / "scope.json").read_text())["cases"]
FIELDS = ("counted", "location", "status", "quoted")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_scope(case):
    figures = extract(page_from_text("Headline\n" + "\n".join(case["lines"])))
    found = [f for f in figures if f.text == case["figure"]]
    assert found, f"no figure {case['figure']!r} among {[f.text for f in figures]}"
    f = found[0]
    for field in FIELDS:
        if field in case:
            assert getattr(f, field) == case[field], field


@pytest.mark.parametrize("np, counted", [
    ("North Korean military officers", "North Korean officers"),
    ("soldiers", "troops"),
    ("North Koreans", "North Koreans"),
    ("the Syrian refugees", "Syrian refugees"),
    ("injured", "people"),
])
def test_canonical_counted(np, counted):
    assert canonical_counted(np)[0] == counted


def test_noun_phrase_stops_at_verbs_and_function_words():
    text = "10,000 North Korean soldiers have moved to Kursk"
    assert noun_phrase(text, 7)[0] == "North Korean soldiers"


def _figure(page_lines, words):
    figures = extract(page_from_text("\n".join(page_lines)))
    found = [f for f in figures if f.text == words]
    assert found, f"no figure {words!r} among {[f.text for f in figures]}"
    return found[0]


def test_a_protest_page_counts_its_crowd_in_every_estimate():
    lines = ["CGT says 1.2 million marched against pay freeze; ministry counts 312,000",
             "The interior ministry's count, released on Thursday evening, was 312,000.",
             "Port Halden, a city of 1.9 million people, last saw such protests in 2011.",
             "The square holds at most 20,000 people."]
    assert (_figure(lines, "312,000").counted, _figure(lines, "312,000").status) == ("protesters", "in_place")
    city = _figure(lines, "1.9 million")
    assert (city.counted, city.status) == ("people", "other")           # a population, not a crowd
    assert _figure(lines, "at most 20,000").status == "other"          # a capacity


def test_a_page_that_is_not_about_a_protest_keeps_plain_counts():
    lines = ["Council passes budget", "The city employs 52,000 people and 9,000 people use the new bus line."]
    assert _figure(lines, "9,000").status == "other"


def test_unplaced_figures_take_the_region_the_headline_names():
    from crosscheck.reading.pipeline import extract as extract_figures
    page = page_from_text("Sindh flood toll climbs to 74 as rain eases\n"
                          "The provincial government said 19 people were still missing in Pakistan's south.")
    measures = {f.text: f.measure for f in extract_figures(page)}
    assert measures["74"] == "killed@sindh-province:killed"


def test_unplaced_figures_take_the_only_region_the_story_names_not_a_continent():
    from crosscheck.reading.pipeline import extract as extract_figures
    page = page_from_text("Quake toll rises as rescuers dig through rubble\n"
                          "The quake struck Orvel province before dawn on Sunday, officials said.\n"
                          "At least 112 people were killed, the ministry said.")
    assert {f.text: f.measure for f in extract_figures(page)}["At least 112"] == "killed@orvel-province:killed"
    page = page_from_text("Kenya plans $33 billion budget | Africa\n"
                          "Kenya's treasury said 60 people were killed in last year's protests.")
    assert {f.text: f.measure for f in extract_figures(page)}["60"] == "killed@kenya:killed"


def test_other_estimates_of_the_same_crowd_share_its_place():
    lines = ["Tens of thousands rally against housing costs",
             "Tens of thousands of people marched through central Lisbon on Saturday.",
             "Organisers said some 120,000 people took part, while police put the figure at about 35,000.",
             "Police detained 87 people nationwide, 34 of them in Porto."]
    assert _figure(lines, "some 120,000").location == "Lisbon"
    assert _figure(lines, "about 35,000").location == "Lisbon"
    assert _figure(lines, "87").location == "Portugal"  # nationwide: the country's, not the crowd's place


# ---------------------------------------------------------------------------------------------- status cues

def test_any_status_finds_what_the_plain_cue_list_finds():
    """lex().any_status is the data file's status cues compiled as a trie (fast); it must match wherever one of
    the cues, compiled plainly one after another, matches."""
    import random
    import re

    from crosscheck.reading.lexicon import load_table
    from crosscheck.reading.scope_words import lex
    adv = r"(?:\s+(?:currently|now|already|still|reportedly|allegedly|mostly|all))*"
    cues = [c for cs in load_table("scope.json")["status_cues"].values() for c in cs]
    plain = re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % "|".join(
        c.replace(" {ADV}", "\x00").replace(" ", r"\s+").replace("\x00", adv) for c in cues), re.I)
    words = [w for c in cues for w in c.replace("{ADV}", "still").replace("?", "").replace("[sz]", "s").split()]
    words += ["deaths", "Hospitalized", "prisoners", "the", "-", ",", "x", "now", "KILLED", "\n"]
    rng = random.Random(3)
    for _ in range(4000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 6)))
        a, b = sorted((rng.randint(0, len(text)), rng.randint(0, len(text))))
        assert (lex().any_status.search(text, a, b) is None) == (plain.search(text, a, b) is None), (text, a, b)


@pytest.mark.parametrize("cue,pattern", [("deaths?", "deaths?"), ("hospitali[sz]ed", "hospitali[sz]ed"),
                                         ("taken prisoner", r"taken\s+prisoner"), ("POWs", "POWs")])
def test_status_cue_syntax(cue, pattern):
    from crosscheck.reading.scope_words import _cue_atoms
    assert "".join(_cue_atoms(cue)) == pattern


@pytest.mark.parametrize("cue", ["dead.ly", "kill(ed)", "[sz", "die|died", "killed+"])
def test_status_cue_with_other_regex_syntax_is_refused(cue):
    from crosscheck.reading.scope_words import _cue_atoms
    with pytest.raises(ValueError, match="only '\\?', '\\[...\\]'"):
        _cue_atoms(cue)


# The story's place holds for a figure that names none: the lede (the dateline's paragraph, after the dateline)
# says where the story happens; without a place there, the dateline places the story's events (deaths, a crowd)
# but not an institution's figures; a country or a capital acting as a government is no place.
@pytest.mark.parametrize("lines, figure, location", [
    (["Floods kill thousands in Libya", "DERNA, Libya (Reuters) - Floods swept through the city on Sunday after "
      "two dams burst upstream of Derna.", "More than 5,000 people are feared dead, the Red Crescent said."],
     "More than 5,000", "Derna"),
    (["Teachers rally for pay", "Thousands of teachers marched in Lisbon on Saturday to demand higher pay and "
      "smaller classes.", "Police put the crowd at 35,000."], "35,000", "Lisbon"),
    (["In Benghazi, 150 dead", "DERNA, Libya (Reuters) - Floods swept through eastern Libya on Sunday, killing "
      "thousands.", "In Benghazi, 150 people were killed."], "150", "Benghazi"),
    (["Storm toll rises", "MANILA (AP) - The storm killed at least 12 people as it crossed the islands, "
      "officials said on Monday."], "at least 12", "Manila"),
    (["NASA picks five companies", "WASHINGTON (Reuters) - NASA added five companies to its lunar delivery "
      "program on Monday, the agency said.", "The contracts are worth up to $2.6 billion."],
     "up to $2.6 billion", None),
    (["North Korea to send troops", "North Korea has decided to send 12,000 soldiers to support the war, "
      "Seoul's spy agency said on Friday."], "12,000", None),
    (["Trade talks stall", "Beijing is pressing for the removal of more tariffs before it signs a first deal, "
      "people briefed on the talks said.", "Tariffs cover about $360 billion of goods."], "about $360 billion", None),
    (["Migrants arrive", "ROME - Some 45,000 people have arrived in Italy by sea this year, the ministry said on "
      "Monday.", "More than 1,000 people died at sea on the central Mediterranean route."], "More than 1,000", None),
    (["Water found on Europa", "Researchers at NASA's Goddard Space Flight Center in Greenbelt, Maryland, found "
      "water vapor above the surface of Europa, a moon of Jupiter.", "The team made 17 observations."], "17", None),
    (["Meth campaign draws ridicule", "South Dakota's new anti-meth campaign drew a mix of criticism and ridicule "
      "on Monday, and the governor defended it.", "The campaign cost $449,000, state records show."],
     "$449,000", "South Dakota"),
])
def test_story_place(lines, figure, location):
    found = [f for f in extract(page_from_text("\n".join(lines))) if f.text == figure]
    assert found, figure
    assert found[0].location == location


# An amount, a share or a measure is planned when a planned, promised or expected cue governs it (right before it
# in its clause) or a time to come follows it; otherwise it has no status ("other").
@pytest.mark.parametrize("sentence, figure, status", [
    ("Alibaba is set to raise up to $12.9 billion from its second listing.", "up to $12.9 billion", "planned"),
    ("NASA plans to spend a total of $2.6 billion on the contracts.", "$2.6 billion", "planned"),
    ("Forecasters expect winds gusting to 55 mph, which are forecast to ease on Friday.", "55 mph", "other"),
    ("The weather service forecast another 80 to 120 millimetres of rain by Saturday.", "80 to 120 millimetres",
     "planned"),
    ("The plan would cut the deficit to 5.4% of GDP next year.", "5.4%", "planned"),
    ("Total revenue is projected at $3.3 billion.", "$3.3 billion", "planned"),
    ("Revenue rose 11% to $3.3 billion in the quarter.", "$3.3 billion", "other"),
    ("The council approved a $4.2 billion budget, up from $3.9 billion actually spent last year.", "$3.9 billion",
     "other"),
    ("Home Depot reported a 3.6% rise in sales and expects growth of about 3.5% next year.", "3.6%", "other"),
])
def test_planned_amounts(sentence, figure, status):
    found = [f for f in extract(page_from_text("Headline\n" + sentence)) if f.text == figure]
    assert found, figure
    assert found[0].status == status


@pytest.mark.parametrize("text, word, phrase", [
    ('"We have lost 40 people. Another 100 are missing," she said.', "people", "people"),   # a full stop ends it
    ("Some 2,000 U.S. troops remain.", "U.S.", "U.S. troops"),                                # not an abbreviation's
])
def test_a_noun_phrase_ends_at_a_full_stop(text, word, phrase):
    assert noun_phrase(text, text.index(word))[0] == phrase
