"""Comparisons on the seed claim set, as the claim-set issue expects them, plus the interval rules."""
from pathlib import Path

import pytest

from crosscheck.claims.compare import compatible, interval, relation
from crosscheck.manifest import load_manifest
from crosscheck.reading.pipeline import read_page
from crosscheck.service import Crosscheck
from crosscheck.claims.store_sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    """Every seed page annotated against a claim set that holds all five (its own page excluded)."""
    service = Crosscheck(SQLiteStore(tmp_path_factory.mktemp("claims") / "claims.sqlite"))
    assert service.ensure_builtin() == 5
    out = {}
    for source_id, response in service.annotate_manifest(ROOT / "fixtures" / "sources.json"):
        out[source_id] = response
    yield out
    service.store.close()


def figure(annotated, source, text, n=0):
    found = [f for f in annotated[source].figures if f.text == text]
    assert len(found) > n, f"{text!r} not on {source}: {[f.text for f in annotated[source].figures]}"
    return found[n]


def others_by(fig):
    return {(o.claimant.name if o.claimant else None, o.value.low): o for o in fig.comparison.others}


def test_ajp_as_many_as_10000(annotated):
    f = figure(annotated, "ajp", "as many as 10,000")
    assert (f.claimant.name, f.claim_date, f.location) == ("US State Department", "2024-11-04", "Kursk region")
    others = others_by(f)
    assert others[("Pentagon", 10000)].relation == "same"
    assert others[("Pentagon", 10000)].claim_date == "2024-11-04"
    assert others[("Volodymyr Zelensky", 11000)].relation == "higher"
    officials = others[("US officials", 8000)]
    assert (officials.relation, officials.claim_date, officials.qualifier) == ("lower", "2024-11-03", "approx")
    assert "paraphrase_differs" in f.comparison.flags
    paraphrase = figure(annotated, "ajp", "more than 10,000")
    assert "paraphrase_differs" in paraphrase.comparison.flags
    assert f.comparison.verdict == "conflicts"       # Zelensky's 11,000 on the same day, another side


def test_ajp_as_many_as_8000_is_superseded(annotated):
    f = figure(annotated, "ajp", "as many as 8,000")
    assert (f.claimant.name, f.claim_date) == ("US State Department", "2024-10-31")
    assert "superseded" in f.comparison.flags
    assert "US State Department later said" in f.comparison.summary and "4 Nov" in f.comparison.summary
    assert f.comparison.verdict == "differs"          # later figures from other days: a change, not a conflict


def test_aljazeera_over_10000_is_misreported(annotated):
    f = figure(annotated, "aljazeera", "over 10,000")
    assert (f.claimant.name, f.claim_date, f.location) == ("South Korea Ministry of National Defense",
                                                          "2024-11-05", "Russia")
    assert "misreported" in f.comparison.flags
    assert "AJP" in f.comparison.summary


def test_zelensky_11000_is_one_claim_in_four_outlets(annotated):
    f = figure(annotated, "mia", "Some 11,000")
    same = others_by(f)[("Volodymyr Zelensky", 11000)]
    assert same.relation == "same"
    outlets = {r.outlet for r in same.reports}
    assert outlets == {"AJP", "Al Jazeera", "Vijesti"}          # with MIA itself: four outlets, one claim
    assert others_by(f)[("Pentagon", 10000)].relation == "lower"
    # one entry per claim, not per report
    zelensky = [o for o in f.comparison.others if o.claimant and o.claimant.name == "Volodymyr Zelensky"]
    assert len(zelensky) == 1


def test_bss_planned_12000_has_related_in_place_counts(annotated):
    f = figure(annotated, "bss", "12,000")
    assert f.status == "planned" and f.claimant.name == "South Korea NIS"
    assert f.comparison.verdict == "unique" and not f.comparison.others
    related = {r.measure: r for r in f.comparison.related}
    russia = [r for r in f.comparison.related if r.others and "russia" in r.measure and "in_place" in r.measure]
    assert russia, list(related)
    dates = [o.claim_date for o in russia[0].others if o.claim_date]
    assert dates and all(d.startswith("2024-11") for d in dates)


def test_around_40_killed_is_unique(annotated):
    f = figure(annotated, "aljazeera", "around 40")
    assert f.status == "killed"
    assert f.comparison.verdict == "unique" and f.comparison.summary.startswith("No other source")


def test_range_is_the_span_of_other_values(annotated):
    f = figure(annotated, "ajp", "as many as 10,000")
    values = [o.value.low for o in f.comparison.others]
    assert f.comparison.range.low == min(values) and f.comparison.range.high == max(values)


def test_page_own_claims_never_count(annotated):
    f = figure(annotated, "vijesti", "closer to 11.000-12.000")
    assert all(r.outlet != "Vijesti" for o in f.comparison.others for r in o.reports)


@pytest.mark.parametrize("low, high, qualifier, expected", [
    (10000, None, "exact", (10000, 10000)),
    (10000, None, "approx", (9000, 11000)),
    (10000, None, "more_than", (10000, float("inf"))),
    (10000, None, "at_least", (10000, float("inf"))),
    (10000, None, "up_to", (0, 10000)),
    (11000, 12000, "range", (11000, 12000)),
])
def test_interval(low, high, qualifier, expected):
    assert interval(low, high, qualifier) == pytest.approx(expected)


@pytest.mark.parametrize("this, other, qualifier, expected", [
    ((10000, None), (10000, None), "exact", "same"),
    ((10000, None), (11000, None), "exact", "higher"),
    ((10000, None), (8000, None), "approx", "lower"),
    ((10000, None), (9500, None), "approx", "overlaps"),
    ((10000, None), (9000, None), "more_than", "overlaps"),
    ((10000, None), (10000, None), "more_than", "same"),
    ((12000, None), (11000, 12000), "range", "overlaps"),
    ((10000, None), (11000, 12000), "range", "higher"),
    ((10000, None), (12000, None), "up_to", "overlaps"),
])
def test_relation(this, other, qualifier, expected):
    assert relation(this, other, qualifier) == expected


@pytest.mark.parametrize("a, b, ok", [("exact", "approx", True), ("approx", "more_than", False),
                                      ("up_to", "less_than", True), ("at_least", "up_to", False)])
def test_compatible_qualifiers(a, b, ok):
    assert compatible(a, b) is ok


def test_related_measures_are_bounded_on_a_large_claim_set(db_path):
    """A toll for a country beside tolls for its regions: with many regions, each told by many outlets, a figure
    shows at most MAX_RELATED related measures and the latest MAX_RELATED_OTHERS claims of each (a large claim set
    gave one figure 9,275 related claims and 0.6 s of work)."""
    from datetime import date, timedelta

    from crosscheck.claims.compare import MAX_RELATED, MAX_RELATED_OTHERS
    from crosscheck.reading.pipeline import page_from_text
    regions = ["Donetsk", "Luhansk", "Kharkiv", "Zaporizhzhia", "Kherson", "Odesa", "Lviv", "Dnipro", "Mykolaiv",
               "Sumy", "Chernihiv", "Mariupol", "Bakhmut", "Avdiivka", "Pokrovsk", "Kramatorsk"]
    svc = Crosscheck(SQLiteStore(db_path))
    for day in range(MAX_RELATED_OTHERS + 3):
        text = "Toll update\n" + "\n".join(f"{10 + day + i} people were killed in {r}, officials said on Monday."
                                           for i, r in enumerate(regions))
        published = date(2025, 1, 6) + timedelta(days=7 * day)
        svc.ingest_page(page_from_text(text, url=f"https://regional.test/{day}", published=published),
                        key=f"https://regional.test/{day}")
    page = page_from_text("War toll\nAt least 500 people have been killed in Ukraine, officials said on Monday.",
                          url="https://national.test/toll", published=date(2025, 7, 1))
    toll = next(f for f in svc.annotate_page(page).figures if f.text == "At least 500")
    assert toll.location == "Ukraine" and toll.status == "killed"
    related = toll.comparison.related
    assert len(related) == MAX_RELATED < len(regions)
    assert all(len(r.others) == MAX_RELATED_OTHERS for r in related)
    latest = max(o.claim_date for r in related for o in r.others)
    assert latest >= (date(2025, 1, 6) + timedelta(days=7 * (MAX_RELATED_OTHERS + 1))).isoformat()   # the latest kept
    svc.store.close()


def test_a_figure_shows_its_measures_latest_claims_and_weighs_them_all(db_path):
    from datetime import date, timedelta

    from crosscheck.claims.compare import MAX_OTHERS
    from crosscheck.reading.pipeline import page_from_text
    svc = Crosscheck(SQLiteStore(db_path))
    for week in range(MAX_OTHERS + 5):
        value = 900 if week == 0 else 100                  # the first count is far higher than all later ones
        page = page_from_text(f"Toll\n{value} people were killed in Kharkiv, officials said on Monday.",
                              url=f"https://weekly.test/{week}", published=date(2025, 1, 7) + timedelta(weeks=week))
        svc.ingest_page(page, key=f"https://weekly.test/{week}")
    page = page_from_text("Kharkiv toll\nOfficials said on Monday that 100 people were killed in Kharkiv.",
                          url="https://reader.test/toll", published=date(2026, 3, 3))
    toll = next(f for f in svc.annotate_page(page).figures if f.text == "100")
    c = toll.comparison
    assert len(c.others) == MAX_OTHERS
    assert {o.relation for o in c.others} == {"same"}          # the latest shown agree ...
    assert c.range.high == 900 and c.verdict != "agrees"       # ... but all are weighed
    assert f"and {MAX_OTHERS + 5 - 3} more" in c.summary
    svc.store.close()


def _toll_page(url, text, published="2025-08-20"):
    from datetime import date

    from crosscheck.reading.pipeline import page_from_text
    return page_from_text(text, url=url, published=date.fromisoformat(published), outlet=url.split("/")[2])


def test_a_toll_shows_the_injured_of_the_same_place_beside_it_whatever_their_words(db_path):
    """Killed and injured are two kinds of one count of people: related, never mixed."""
    svc = Crosscheck(SQLiteStore(db_path))
    svc.ingest_page(_toll_page("https://wire.test/1", "Quake\nThe agency said 214 injured people were treated in "
                                                     "Orvel province."), key="https://wire.test/1")
    toll = next(f for f in svc.annotate_page(_toll_page(
        "https://daily.test/1", "Quake\nThe quake killed 37 people in Orvel province, the agency said.")).figures
        if f.text == "37")
    assert toll.measure == "killed@orvel-province:killed" and not toll.comparison.others
    assert [r.measure for r in toll.comparison.related] == ["injured@orvel-province:wounded"]
    svc.store.close()


def test_an_amount_shows_the_same_amount_at_another_time_beside_it(db_path):
    """This year's budget and the one before the change: two measures, related, never mixed."""
    svc = Crosscheck(SQLiteStore(db_path))
    svc.ingest_page(_toll_page("https://wire.test/4", "Budget\nTotal spending in Port Halden rises to $4.2 billion "
                                                     "from $4.06 billion, the mayor said."), key="https://wire.test/4")
    budget = next(f for f in svc.annotate_page(_toll_page(
        "https://daily.test/4", "Budget\nThe council in Port Halden approved a $4.2 billion budget on Friday.")).figures
        if f.text == "$4.2 billion")
    assert budget.measure == "spending-usd@port-halden:other"
    assert [o.value.low for o in budget.comparison.others] == [4.2e9]
    assert [(r.measure, [o.value.low for o in r.others]) for r in budget.comparison.related] == [
        ("spending-usd@port-halden:other.yprior", [4.06e9])]
    svc.store.close()


def test_related_places_follow_the_gazetteers_hierarchy(db_path, monkeypatch):
    """A city's toll beside its province's: the gazetteer's hierarchy when it has one (Places.within), else
    a region lies within its country only."""
    from crosscheck.claims import geo
    from crosscheck.reading.lexicon import Places
    svc = Crosscheck(SQLiteStore(db_path))
    svc.ingest_page(_toll_page("https://wire.test/2", "Floods\nFloods killed 20 people in Karachi, officials said."),
                    key="https://wire.test/2")
    page = _toll_page("https://daily.test/2", "Floods\nFloods killed 58 people in Sindh province, officials said.")

    def related():
        geo.around.cache_clear()
        toll = next(f for f in svc.annotate_page(page).figures if f.text == "58")
        return [r.measure for r in toll.comparison.related]

    assert related() == []                       # Karachi and Sindh: both in Pakistan, nothing more known
    hierarchy = {("Karachi", "Sindh province"), ("Karachi", "Pakistan"), ("Sindh province", "Pakistan")}
    monkeypatch.setattr(Places, "within", lambda self, inner, outer: (inner, outer) in hierarchy, raising=False)
    assert related() == ["killed@karachi:killed"]
    monkeypatch.undo()
    geo.around.cache_clear()
    svc.store.close()


def test_an_owners_count_told_with_no_place_meets_the_same_count_told_with_one(db_path):
    svc = Crosscheck(SQLiteStore(db_path))
    svc.ingest_page(_toll_page("https://wire.test/3", "Data leak in Ireland\nRegulators in Dublin said the data of "
                                                     "87 million Facebook users had been shared."),
                    key="https://wire.test/3")
    page = _toll_page("https://daily.test/3", "Data leak\nThe firm obtained the data of 87 million Facebook users, "
                                              "the company said.")
    leak = next(f for f in svc.annotate_page(page).figures if f.text == "87 million")
    assert leak.measure.startswith("facebook-users@anywhere:")
    assert [o.value.low for o in leak.comparison.others] == [87_000_000]
    svc.store.close()


@pytest.mark.parametrize("stored, shown, relation_, stored_words", [
    # one quantity told in two units: converted and weighed as one (a rounded conversion is the same value)
    ("Ford says the Mach-E's range is 300 miles.", "Ford says the Mach-E's range is 483 km.", "same", "300 miles"),
    ("Nissan says the Sentra's engine makes 149 horsepower.", "Nissan says the Sentra's engine makes 151 PS.",
     "same", "149 hp"),
    ("Officials in Attica say the fire has burned 12,000 hectares.",
     "Officials in Attica say the fire has burned 35,000 acres.", "lower", "12,000 hectares"),
    ("The agency says the spill covers 40 square miles in Texas.",
     "The agency says the spill covers 80 km2 in Texas.", "higher", "40 square miles"),
])
def test_one_quantity_in_two_units_is_compared_converted(db_path, stored, shown, relation_, stored_words):
    svc = Crosscheck(SQLiteStore(db_path))
    svc.ingest_page(_toll_page("https://wire.test/u", "Figures\n" + stored), key="https://wire.test/u")
    f = svc.annotate_page(_toll_page("https://daily.test/u", "Figures\n" + shown)).figures[0]
    assert [(o.relation, o.value_text) for o in f.comparison.others] == [(relation_, stored_words)]
    assert f"said {stored_words} " in f.comparison.summary         # the other's value in its own unit
    svc.store.close()


def test_a_unit_of_another_dimension_is_never_compared(db_path):
    svc = Crosscheck(SQLiteStore(db_path))
    svc.ingest_page(_toll_page("https://wire.test/v", "Diet study\nIn the study, the average was 441 calories."),
                    key="https://wire.test/v")
    f = svc.annotate_page(_toll_page("https://daily.test/v", "Diet study\nIn the study, the average was 15.2 percent.")
                          ).figures[0]
    assert f.comparison.verdict == "unique"
    svc.store.close()


@pytest.mark.parametrize("x, unit, words", [
    (1, "mi", "1 mile"), (300, "mi", "300 miles"), (1, "inch", "1 inch"), (2, "inch", "2 inches"),
    (414, "foot pound-force", "414 lb-ft"), (1, "day", "1 day"), (3, "day", "3 days"), (40, "%", "40%"),
])
def test_an_amount_is_written_with_its_unit_in_the_number_it_takes(x, unit, words):
    from crosscheck.claims.words import amount
    assert amount(x, unit) == words
