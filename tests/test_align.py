"""The same quantity on pages of one story, matched where the keys differ (claims/align.py): the rules as a
table (cases/align.json), then pages ingested into a real claim set, SQLite and PostgreSQL."""
import json
from datetime import date
from pathlib import Path

import pytest

from crosscheck.claims.align import Keyed, same_quantity, same_story, told_together
from crosscheck.claims.store import open_store
from crosscheck.reading.context import story_names
from crosscheck.reading.pipeline import extract, page_from_text
from crosscheck.service import Crosscheck

CASES = json.loads((Path(__file__).parent / "cases" / "align.json").read_text())


def keyed(key, kind, unit, value, location):
    from crosscheck.claims.align import _weak_place
    return Keyed(key, kind, unit, value, _weak_place(location, key))


@pytest.mark.parametrize("case", CASES["same_quantity"], ids=[c["id"] for c in CASES["same_quantity"]])
def test_same_quantity(case):
    a, b = keyed(*case["a"]), keyed(*case["b"])
    assert same_quantity(a, b) is case["expected"], case["why"]
    assert same_quantity(b, a) is case["expected"]


@pytest.mark.parametrize("case", CASES["same_story"], ids=[c["id"] for c in CASES["same_story"]])
def test_same_story(case):
    def figures(rows, tag):
        # each page words its figures its own way: keys that name nothing, made of other words
        return [Keyed(f"{unit or kind}@anywhere:other.c-{tag}-{i}", kind, unit, value, True)
                for i, (kind, unit, value) in enumerate(rows)]
    named = {7} if case.get("named") else set()
    found = same_story(figures(case["page"], "page"), {7: figures(case["other"], "other")}, named)
    assert found == ({7} if case["expected"] else set()), case.get("why")


# two outlets on one car at a show, worded their own ways (as real pages are: the 181 pages' LA Auto Show)
FIRST = ["VW shows the ID. Space Vizzion concept",
         "Volkswagen brought its ID. Space Vizzion wagon to the Los Angeles Auto Show on Tuesday.",
         "The wagon has a rear-mounted motor making 275 horsepower, and a second motor up front.",
         "Inside, a 15.6-inch augmented-reality touch screen sits in the middle of the dashboard."]
SECOND = ["The ID. Space Vizzion is Volkswagen's electric wagon",
          "The electric motor mounted at the back produces 275 horsepower on its own.",
          "Its 15.6-inch touchscreen runs the car's new software."]
UNRELATED = ["Steelmaker expands",
             "The plant's new furnace will make 275 horsepower motors for pumps, the company said.",
             "It will employ 3 engineers."]


@pytest.fixture
def empty_store(claim_sets):
    """A claim set with no sources, on the store this test runs on."""
    store = open_store(claim_sets.new(builtin=False))
    yield store
    store.close()


def _page(lines, url, day):
    return page_from_text("\n\n".join(lines), url=url, published=day, outlet=url.split("/")[2])


def _ingested(store, lines, url, day):
    """The page of these lines, ingested into the store; and its source."""
    page = _page(lines, url, day)
    return page, store.ingest(page, extract(page))


def _keys(figures):
    return {f.text: f.measure for f in figures}




THIRD = ["Volkswagen's wagon of the future",
         "Volkswagen says the wagon's rear motor alone delivers 275 horsepower.",
         "The dashboard is dominated by a 15.6-inch screen."]


@pytest.mark.both_stores
def test_a_second_outlets_page_is_shown_under_the_stored_keys(empty_store):
    store = empty_store
    first = _page(FIRST, "https://one.example/vw", date(2019, 11, 19))
    second = _page(SECOND, "https://two.example/vw", date(2019, 11, 20))
    stored = _keys(extract(first))
    assert _keys(extract(second))["275 horsepower"] != stored["275 horsepower"]    # what the keys alone do
    store.ingest(first, extract(first))
    response = Crosscheck(store).annotate_page(second)
    hp = next(f for f in response.figures if f.text == "275 horsepower")
    screen = next(f for f in response.figures if f.text == "15.6-inch")
    assert (hp.measure, screen.measure) == (stored["275 horsepower"], stored["15.6-inch"])
    assert hp.comparison.verdict == "agrees"
    assert [r.outlet for o in hp.comparison.others for r in o.reports] == ["one.example"]


LANDERS = ["NASA adds five companies to lunar lander program",
           "NASA said on Monday it had added five companies to its Commercial Lunar Payload Services program, for a "
           "total of 14 companies.",
           "NASA said eight companies have already submitted proposals.",
           "NASA plans to spend $2.6 billion on the program through 2028."]
LANDERS_TOO = ["Blue Origin and SpaceX join NASA lunar program",
               "All 14 companies in the Commercial Lunar Payload Services program can now bid on deliveries, NASA "
               "said on Monday.",
               "The agency plans to spend $2.6 billion on the program through 2028."]


@pytest.mark.both_stores
def test_a_key_told_apart_by_value_is_joined_by_the_same_value_only(empty_store):
    """The first page gives three counts of companies under one key (measure.by_value keeps each to its value);
    the second page's 14 companies is shown under the first's 14, not compared with its five or eight."""
    store = empty_store
    first = _page(LANDERS, "https://one.example/clps", date(2019, 11, 18))
    stored = _keys(extract(first))
    assert len({stored["five"], stored["14"], stored["eight"]}) == 3
    store.ingest(first, extract(first))
    response = Crosscheck(store).annotate_page(_page(LANDERS_TOO, "https://two.example/clps", date(2019, 11, 19)))
    total = next(f for f in response.figures if f.text == "14")
    assert total.measure == stored["14"]
    assert total.comparison.verdict == "agrees"
    assert [o.value.low for o in total.comparison.others] == [14]


@pytest.mark.both_stores
def test_a_third_outlet_is_compared_with_both_keys_the_claim_set_holds(empty_store):
    """The claim set keeps each page's own keys; a page read later is compared with the claims of all of them."""
    store = empty_store
    for lines, url in ((FIRST, "https://one.example/vw"), (SECOND, "https://two.example/vw")):
        page = _page(lines, url, date(2019, 11, 19))
        store.ingest(page, extract(page))
    keys = {r.measure for r in store.reports_for_sources([s.id for s in store.sources()])
            if r.text == "275 horsepower"}
    assert len(keys) == 2                        # two outlets' own words: two keys in the claim set
    response = Crosscheck(store).annotate_page(_page(THIRD, "https://three.example/vw", date(2019, 11, 20)))
    hp = next(f for f in response.figures if f.text == "275 horsepower")
    assert hp.measure in keys
    assert sorted(r.outlet for o in hp.comparison.others for r in o.reports) == ["one.example", "two.example"]


@pytest.mark.both_stores
def test_the_claim_set_does_not_depend_on_the_order_of_ingests(claim_sets):
    def ingested(order, name):
        store = open_store(claim_sets.new(name, builtin=False))
        try:
            for lines, url in order:
                page = _page(lines, url, date(2019, 11, 19))
                store.ingest(page, extract(page))
            return sorted((r.source_key, r.text, r.measure) for r in
                          store.reports_for_sources([s.id for s in store.sources()]))
        finally:
            store.close()
    pages = [(FIRST, "https://one.example/vw"), (SECOND, "https://two.example/vw")]
    assert ingested(pages, "forward") == ingested(pages[::-1], "backward")


@pytest.mark.both_stores
def test_a_coincidence_stays_apart(empty_store):
    store = empty_store
    _ingested(store, FIRST, "https://one.example/vw", date(2019, 11, 19))
    # one shared value is a coincidence: a page of another story keeps its own keys
    other = Crosscheck(store).annotate_page(_page(UNRELATED, "https://three.example/steel", date(2019, 11, 20)))
    hp = next(f for f in other.figures if f.text == "275 horsepower")
    assert hp.measure == _keys(extract(_page(UNRELATED, "https://three.example/steel", date(2019, 11, 20))))[
        "275 horsepower"]
    assert hp.comparison.verdict == "unique" and not hp.comparison.others


@pytest.mark.both_stores
def test_pages_a_month_apart_are_not_one_story(empty_store):
    store = empty_store
    _ingested(store, FIRST, "https://one.example/vw", date(2019, 10, 1))
    second = _page(SECOND, "https://two.example/vw", date(2019, 11, 20))
    response = Crosscheck(store).annotate_page(second)
    assert {f.text: f.measure for f in response.figures} == _keys(extract(second))


@pytest.mark.both_stores
def test_sources_with_values_reads_by_value_within_the_window(empty_store):
    store = empty_store
    _, source = _ingested(store, FIRST, "https://one.example/vw", date(2019, 11, 19))
    ask = [("measure", "hp", 275.0)]
    assert store.sources_with_values(ask, 0.01) == [source.id]
    assert store.sources_with_values([("measure", "hp", 277.0)], 0.01) == [source.id]     # within 1%
    assert store.sources_with_values([("measure", "hp", 290.0)], 0.01) == []
    assert store.sources_with_values([("measure", "kW", 275.0)], 0.01) == []             # another unit
    assert store.sources_with_values(ask, 0.01, since=date(2019, 11, 13), until=date(2019, 11, 27)) == [source.id]
    assert store.sources_with_values(ask, 0.01, since=date(2019, 12, 1), until=date(2019, 12, 15)) == []
    assert store.sources_with_values(ask, 0.01, exclude={"https://one.example/vw"}) == []
    assert {r.text for r in store.reports_for_sources([source.id])} >= {"275 horsepower", "15.6-inch"}


@pytest.mark.parametrize("case", CASES["story_names"], ids=[c["id"] for c in CASES["story_names"]])
def test_story_names(case):
    assert list(story_names(case["text"])) == case["names"], case["why"]


@pytest.mark.parametrize("case", CASES["told_together"], ids=[c["id"] for c in CASES["told_together"]])
def test_told_together(case):
    assert told_together(case["mine"], case["theirs"], case["shared"]) is case["expected"], case["why"]


# two outlets on one streaming launch: the prices differ by cents and the rest is a small number, so the values
# alone are no story; the names they are told with make one
LAUNCH = ["Google Stadia launches with Premiere Edition bundles",
          "Google Stadia opens on Tuesday in 14 countries.",
          "The Stadia Premiere Edition costs $129.99 and includes three months of Stadia Pro."]
LAUNCH_TOO = ["Stadia is here: what Google's streaming service costs",
              "Google's Stadia arrives today; the Premiere Edition sells for $129 with three months of Stadia Pro."]
OTHER_NAMES = ["Apple Arcade bundle: what Apple's game service costs",
               "Apple's Arcade bundle sells for $129 with three months of Arcade Plus."]


@pytest.mark.both_stores
def test_pages_told_with_the_same_names_join_on_close_values(empty_store):
    store = empty_store
    first, _ = _ingested(store, LAUNCH, "https://one.example/stadia", date(2019, 11, 19))
    second = _page(LAUNCH_TOO, "https://two.example/stadia", date(2019, 11, 19))
    own = _keys(extract(second))
    stored = _keys(extract(first))
    assert own["$129"] != stored["$129.99"]              # what the keys alone do
    shown = Crosscheck(store).annotate_page(second)
    price = next(f for f in shown.figures if f.text == "$129")
    assert price.measure == stored["$129.99"]
    assert [r.outlet for o in price.comparison.others for r in o.reports] == ["one.example"]
    # another service's page gives the same values, but not the names: it stays apart
    other = _page(OTHER_NAMES, "https://three.example/arcade", date(2019, 11, 19))
    bundle = next(f for f in Crosscheck(store).annotate_page(other).figures if f.text == "$129")
    assert bundle.measure == _keys(extract(other))["$129"] and not bundle.comparison.others


@pytest.mark.both_stores
def test_sources_with_names_reads_the_window_and_counts_names(empty_store):
    store = empty_store
    first, source = _ingested(store, LAUNCH, "https://one.example/stadia", date(2019, 11, 19))
    names = story_names(first.text)
    assert {"google", "stadia", "premiere", "edition"} <= set(names)
    assert store.sources_with_names(["stadia", "google", "arcade"]) == [(source.id, 2, len(names))]
    assert store.sources_with_names(["stadia"]) == []                      # one name is no story
    assert store.sources_with_names(["stadia", "google"], since=date(2019, 11, 13),
                                    until=date(2019, 11, 27)) == [(source.id, 2, len(names))]
    assert store.sources_with_names(["stadia", "google"], since=date(2019, 12, 1), until=date(2019, 12, 15)) == []
    assert store.sources_with_names(["stadia", "google"], exclude={"https://one.example/stadia"}) == []
    # a page ingested again keeps one set of names; a page removed takes its names along
    store.ingest(first, extract(first))
    assert store.sources_with_names(["stadia", "google"]) == [(source.id, 2, len(names))]
    store.delete_source(source.id)
    assert store.sources_with_names(["stadia", "google"]) == []


def test_a_schema_9_store_gets_story_names(tmp_path, builtin_db_template):
    """A store of schema 9 keeps its sources, with no story names (their text is not kept): they are found by
    their values as before, and pages ingested from then on by their names too."""
    import shutil
    import sqlite3
    from crosscheck.claims.store import SCHEMA_VERSION
    from crosscheck.claims.store_sqlite import SQLiteStore
    path = tmp_path / "old.sqlite"
    shutil.copyfile(builtin_db_template, path)
    con = sqlite3.connect(path)
    con.executescript("DROP TABLE story_names; PRAGMA user_version = 9;")
    con.close()
    store = SQLiteStore(path)
    try:
        assert store.schema_version == SCHEMA_VERSION == 11
        assert store.counts()["sources"] == 5
        assert store._query("SELECT count(*) FROM story_names")[0][0] == 0
        _, source = _ingested(store, LAUNCH, "https://one.example/stadia", date(2019, 11, 19))
        assert [s for s, _, _ in store.sources_with_names(["stadia", "google"])] == [source.id]
    finally:
        store.close()
